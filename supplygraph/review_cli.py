"""``supplygraph review``: the review gate's thin commands over :mod:`supplygraph.api`.

``review`` lists the extracted facts waiting for a decision; ``review accept``
and ``review reject`` decide them singly (by id) or in bulk (a document, a
type, everything above a confidence, or ``--all``); ``review export`` and
``review import`` keep the decisions in a file under version control.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from supplygraph.formatting import to_json, wrap
from supplygraph.perf import lazy_module

if TYPE_CHECKING:
    from supplygraph import api
else:  # imported when a command first uses it (see supplygraph.cli)
    api = lazy_module("supplygraph.api")


def _store(ctx: click.Context, *, create: bool = False):
    return ctx.with_resource(api.open_store(ctx.obj["store"], create=create, notify=lambda line: click.echo(line, err=True)))


def _filters(command):
    """The options that pick extracted facts, shared by listing and deciding."""
    options = (
        click.option("--document", metavar="ID|PATH", help="Only facts from this document (its doc: id or its file)."),
        click.option("--type", "type_", metavar="TYPE", help="Only facts of this type, e.g. SUPPLIES."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), help="Only facts at or above this confidence."),
    )  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def _render(candidates) -> list[str]:
    """By document: one line per fact (id, type, ends, confidence, decision), its evidence sentence wrapped below."""
    lines: list[str] = []
    document = None
    for c in candidates:
        if c.document != document:
            document = c.document
            lines += ["" if lines else None, f"{c.document}  {c.origin}"]
        lines.append(f"  {c.id}  {c.type} {c.source} -> {c.target}  confidence {c.confidence:g}, {c.decision or 'pending'}")
        lines += wrap(f'"{c.evidence}"', indent="      ")
    return [line for line in lines if line is not None]


@click.group(invoke_without_command=True)
@_filters
@click.option("--decided", is_flag=True, help="List decided facts too (accepted and rejected).")
@click.option("--unmatched", is_flag=True,
              help="List instead the decisions that match no extracted fact (the document now says it otherwise).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def review(ctx: click.Context, document: str | None, type_: str | None, min_confidence: float | None, decided: bool,
           unmatched: bool, fmt: str) -> None:  # fmt: skip
    """List the facts extracted from documents that wait for a decision, by document, type and confidence.

    Every fact a document's text gives is stored unreviewed; findings count
    the unreviewed facts behind them, and --reviewed-only leaves them out.
    """
    if ctx.invoked_subcommand is not None:
        return
    if unmatched:
        _list_unmatched(api.unmatched_decisions(_store(ctx)), fmt)
        return
    found = api.review_candidates(_store(ctx), document=document, type_=type_, min_confidence=min_confidence, decided=decided)
    if fmt == "json":
        click.echo(to_json([c.as_dict() for c in found]))
        return
    if not found:
        click.echo("nothing to review" + ("" if decided else " (--decided lists the decided facts)"))
        return
    click.echo("\n".join(_render(found)))
    pending = sum(1 for c in found if c.decision is None)
    click.echo(f"\n{pending:,} pending of {len(found):,} listed; decide with 'supplygraph review accept|reject ID...' "
               "or in bulk (--document, --type, --min-confidence, --all)")  # fmt: skip


def _list_unmatched(decisions, fmt: str) -> None:
    if fmt == "json":
        click.echo(to_json([d.as_dict() for d in decisions]))
        return
    if not decisions:
        click.echo("every decision matches an extracted fact")
        return
    for d in decisions:
        click.echo(f"  {d.key}  {d.type} {d.source} -> {d.target}  {d.decision} {d.decided_at}".rstrip())
        click.echo("\n".join(wrap(f'"{d.evidence}"', indent="      ")))
    n = len(decisions)
    click.echo("\n" + "\n".join(wrap(
        f"{n:,} decision{'s' * (n != 1)} match{'es' * (n == 1)} no extracted fact: the document no longer states it in "
        "these words (it was edited, or this version reads it differently) or is not loaded; decide the statement as "
        "it reads now with 'supplygraph review'")))  # fmt: skip


def _decide(decision: str):
    verb = decision[:-2]

    @review.command(verb, help=f"{verb.title()} extracted facts: by id, or in bulk by document, type, confidence or --all. "
                              "The decision is kept on the fact itself and holds when the document is loaded again.")
    @click.argument("ids", nargs=-1)
    @_filters
    @click.option("--all", "everything", is_flag=True, help=f"{verb.title()} every pending fact the filters leave.")
    @click.pass_context
    def command(ctx: click.Context, ids: tuple[str, ...], document: str | None, type_: str | None,
                min_confidence: float | None, everything: bool) -> None:  # fmt: skip
        picked, changed = api.review_decide(_store(ctx), decision, ids=ids, document=document, type_=type_,
                                            min_confidence=min_confidence, everything=everything)  # fmt: skip
        click.echo(f"{decision} {len(picked):,} fact{'s' * (len(picked) != 1)} ({changed:,} changed)")

    return command


accept = _decide("accepted")
reject = _decide("rejected")


@review.command("export")
@click.argument("path", type=click.Path(dir_okay=False))
@click.pass_context
def export_decisions(ctx: click.Context, path: str) -> None:
    """Write every decision to a file (name it *.decisions.yaml) to keep under version control; '-' is stdout."""
    count = api.export_decisions(_store(ctx), path)
    click.echo(f"wrote {count:,} decision{'s' * (count != 1)} to {'standard output' if path == '-' else path}", err=path == "-")


@review.command("import")
@click.argument("path", type=click.Path(dir_okay=False, exists=True, allow_dash=True))
@click.pass_context
def import_decisions(ctx: click.Context, path: str) -> None:
    """Apply the decisions of a file ('-': stdin) to the store (rejected facts leave the graph, accepted ones are reviewed)."""
    changed = api.import_decisions(_store(ctx, create=True), path)
    click.echo(f"{changed:,} decision{'s' * (changed != 1)} changed")
