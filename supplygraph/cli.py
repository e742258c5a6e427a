def main():
    import supplygraph.schema, supplygraph.graph, supplygraph.data
    print("ok", supplygraph.schema.__file__)
