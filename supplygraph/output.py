"""The CLI's output: the terminal progress bar and the summaries several commands print."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

import click

from supplygraph.formatting import table, to_json


@contextlib.contextmanager
def progressbar(total: int, label: str) -> Iterator[Any]:
    """A progress bar on stderr when it is a terminal; silent (a no-op updater) when piped."""
    if not sys.stderr.isatty() or total <= 0:
        yield lambda n: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True) as bar:
        yield bar.update


def print_summary(summary: dict[str, Any], fmt: str) -> None:
    """A load's counts (``load``, ``demo``, ``neo4j pull``): added, updated, unchanged and removed nodes and edges."""
    if fmt == "json":
        click.echo(to_json(summary))
        return
    rows = [{"": kind, **summary[kind]} for kind in ("nodes", "edges")]
    click.echo(table(rows, ["", "added", "updated", "unchanged", "removed"]))
    skipped = summary["skipped_unchanged_inputs"]
    click.echo(f"{summary['inputs']} input(s) read" + (f", {skipped} unchanged since the last load" if skipped else ""))


def print_stats(stats: dict[str, Any], fmt: str) -> None:
    """A store's counts by label and type (``stats``, ``demo``, ``neo4j stats``)."""
    if fmt == "json":
        click.echo(to_json(stats))
        return
    click.echo(
        f"{stats['nodes']:,} nodes, {stats['edges']:,} edges; {stats['sources']:,} source documents "
        f"({stats['cited_sources']:,} cited); {stats['facts_without_quantities']:,} facts without a figure"
    )
    click.echo()
    click.echo(table([{"label": k, "nodes": v} for k, v in stats["labels"].items()], ["label", "nodes"]))
    click.echo()
    click.echo(table([{"type": k, "edges": v} for k, v in stats["types"].items()], ["type", "edges"]))
