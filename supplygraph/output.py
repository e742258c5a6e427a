"""The CLI's output: the terminal progress bar and the summaries several commands print."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

import click

from supplygraph.formatting import table, to_json, wrap


@contextlib.contextmanager
def progressbar(total: int, label: str) -> Iterator[Any]:
    """A progress bar on stderr when it is a terminal; silent (a no-op updater) when piped."""
    if not sys.stderr.isatty() or total <= 0:
        yield lambda n: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True) as bar:
        yield bar.update


def print_summary(summary: dict[str, Any], fmt: str) -> None:
    """A load's counts (``load``, ``demo``, ``neo4j pull``): added, updated, unchanged and removed nodes and edges;
    notes on inputs (a document mostly not in English) go to stderr, one line each."""
    for note in summary.get("notes", ()):
        click.echo(f"supplygraph: note: {note}", err=True)
    if fmt == "json":
        click.echo(to_json(summary))
        return
    rows = [{"": kind, **summary[kind]} for kind in ("nodes", "edges")]
    click.echo(table(rows, ["", "added", "updated", "unchanged", "removed"]))
    skipped = summary["skipped_unchanged_inputs"]
    click.echo(f"{summary['inputs']} input(s) read" + (f", {skipped} unchanged since the last load" if skipped else ""))


def print_overview(summary: dict[str, Any], stats: dict[str, Any]) -> None:
    """A load and the store's counts in a few lines (``demo``; ``stats`` and ``load`` print the tables)."""
    n, e = summary["nodes"], summary["edges"]
    click.echo(f"{summary['inputs']} input(s) read: {n['added']:,} nodes and {e['added']:,} edges added, "
               f"{n['updated'] + e['updated']:,} updated, {n['unchanged'] + e['unchanged']:,} unchanged.")  # fmt: skip
    click.echo(f"The store holds {stats['nodes']:,} nodes and {stats['edges']:,} edges from {stats['sources']:,} source documents.")
    labels = ", ".join(f"{k} {v:,}" for k, v in stats["labels"].items())
    click.echo("\n".join(wrap(f"By label: {labels}.", indent="  ")))


def print_stats(stats: dict[str, Any], fmt: str) -> None:
    """A store's counts by label and type (``stats``, ``demo``, ``neo4j stats``)."""
    if fmt == "json":
        click.echo(to_json(stats))
        return
    click.echo("\n".join(wrap(
        f"{stats['nodes']:,} nodes, {stats['edges']:,} edges; {stats['sources']:,} source documents "
        f"({stats['cited_sources']:,} cited); {stats['facts_without_quantities']:,} facts without a figure"
    )))  # fmt: skip
    click.echo()
    click.echo(table([{"label": k, "nodes": v} for k, v in stats["labels"].items()], ["label", "nodes"]))
    click.echo()
    click.echo(table([{"type": k, "edges": v} for k, v in stats["types"].items()], ["type", "edges"]))
