"""What people look at: view selection, GraphML/JSON exports, the HTML page and its assets, the text report.

Views use analyses (the chokepoint report, its highlights) and stores'
graphs; nothing below imports a view.
"""
