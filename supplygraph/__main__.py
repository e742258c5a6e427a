"""``python -m supplygraph``: the same command as ``supplygraph``."""

from supplygraph.cli import main

main(prog_name="supplygraph")
