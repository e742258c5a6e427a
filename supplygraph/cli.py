"""The ``supplygraph`` command: thin commands over the library.

Each command opens what it needs, makes one library call, and prints: data on
stdout, progress and errors on stderr. Errors are one line and a non-zero
exit; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from supplygraph.errors import SupplygraphError
from supplygraph.graph import store_path
from supplygraph.formatting import FORMATS, json_pieces, table, to_json, wrap
from supplygraph.neo4j_cli import neo4j, query
from supplygraph.output import print_overview, print_stats, print_summary, progressbar
from supplygraph.perf import lazy_module, usable_cores
from supplygraph.review_cli import review

if TYPE_CHECKING:
    from supplygraph import api, loaders
    from supplygraph.graph.views import report as report_view
    from supplygraph.schema import nodes, plain
else:  # imported when a command first uses them: `supplygraph --help` stays quick (see lazy_module)
    api = lazy_module("supplygraph.api")
    loaders = lazy_module("supplygraph.loaders")
    report_view = lazy_module("supplygraph.graph.views.report")
    nodes = lazy_module("supplygraph.schema.nodes")
    plain = lazy_module("supplygraph.schema.plain")  # the stages without the models (pydantic)


class _LazyChoice(click.Choice):
    """A choice among values kept in a module the command line should not import to start (the schema, the loaders)."""

    def __init__(self, values: Callable[[], Sequence[str]], case_sensitive: bool = True) -> None:
        self._values = values
        self.case_sensitive = case_sensitive

    @property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(self._values())


class _Group(click.Group):
    """Turns supplygraph errors into one line on stderr with a non-zero exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SupplygraphError as exc:
            if ctx.meta.get("supplygraph.new_store"):
                with contextlib.suppress(OSError):
                    ctx.meta["supplygraph.new_store"].unlink(missing_ok=True)
            if ctx.meta.get("supplygraph.debug"):
                raise
            click.echo(f"supplygraph: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            if ctx.meta.get("supplygraph.debug"):
                raise
            click.echo("supplygraph: interrupted; nothing was changed by the unfinished step", err=True)
            ctx.exit(130)


def format_option(*choices: str, default: str = "table"):
    """The shared ``--format`` option."""
    return click.option(
        "--format", "fmt", type=click.Choice(choices or FORMATS), default=default, show_default=True,
        help="table for people, markdown for a briefing, json for programs.",
    )  # fmt: skip


jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=usable_cores, show_default="the cores it may use",
    help="Processes that read documents, forked once the extractor is built; output in the same order either way.",
)  # fmt: skip
"""The shared ``--jobs`` option of the commands that read a batch of documents (``extract``, ``eval``)."""


def _store(ctx: click.Context, *, create: bool = False):
    """The store; a new one says so on stderr when the command ends (a load run in the wrong folder does not go
    unnoticed) and is removed again when the command fails (the folder is left as it was). One built by an older
    supplygraph is rebuilt from its inputs, which is said in one line too."""
    path = store_path(ctx.obj["store"])
    if create and not path.exists():
        ctx.meta["supplygraph.new_store"] = path
        ctx.find_root().call_on_close(lambda: path.exists() and click.echo(f"supplygraph: created a new store at {path}", err=True))
    return ctx.with_resource(api.open_store(path, create=create, notify=lambda line: click.echo(line, err=True)))


def kind_option(command):
    """``--kind``: what ``-`` (standard input) holds, since it has no suffix to say it."""
    return click.option("--kind", type=_LazyChoice(lambda: loaders.INPUT_KINDS), help="What '-' (standard input) holds.")(command)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store", "store", type=click.Path(dir_okay=False), default=None,
    help="Embedded store file [default: $SUPPLYGRAPH_STORE or ./supplygraph.db].",
)  # fmt: skip
@click.option("--debug", is_flag=True, help="Show the full traceback on errors.")
@click.version_option(package_name="supplygraph")
@click.pass_context
def main(ctx: click.Context, store: str | None, debug: bool) -> None:
    """Map a critical-minerals supply chain into a typed knowledge graph and find its chokepoints."""
    ctx.ensure_object(dict)
    ctx.obj["store"] = str(store_path(store))
    ctx.meta["supplygraph.debug"] = debug


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@kind_option
@format_option("table", "json")
@click.pass_context
def load(ctx: click.Context, paths: tuple[str, ...], kind: str | None, fmt: str) -> None:
    """Load files or folders (YAML, CSV, documents; '-' for standard input) into the store, all or nothing.

    Folders are walked for known suffixes, skipping hidden folders, virtual environments and node_modules.
    """
    _needs(ctx, "kind", "-" in paths, "'-' among the paths")
    summary = api.load_files(_store(ctx, create=True), paths, progressbar, kind=kind)
    print_summary(summary.as_dict(), fmt)


@click.command()
@format_option("table", "json")
@click.pass_context
def stats(ctx: click.Context, fmt: str) -> None:
    """Counts by label and type, sources, and facts without figures."""
    print_stats(_store(ctx).stats().as_dict(), fmt)


@click.command()
@click.argument("text")
@click.option("--label", "labels", multiple=True, type=_LazyChoice(lambda: tuple(nodes.NODE_LABELS), case_sensitive=False),
              help="Only entities of this label (repeatable).")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="How many matches to list.")
@format_option("table", "json")
@click.pass_context
def search(ctx: click.Context, text: str, labels: tuple[str, ...], limit: int, fmt: str) -> None:
    """Find entities by name or alias (any case and punctuation, Chinese names too), best match first.

    The id in the first column is what show, --focus, --end-use and scenarios take.
    """
    found = api.search(_store(ctx), text, labels, limit)
    if fmt == "json":
        click.echo(to_json(found))
        return
    rows = [{**m, "name": m["name"] if m["matched"] == m["name"] else f"{m['name']} (as {m['matched']!r})"} for m in found]
    click.echo(table(rows, ["id", "label", "name"]))


@click.command()
@click.argument("node_id", metavar="ID")
@format_option("table", "json")
@click.pass_context
def show(ctx: click.Context, node_id: str, fmt: str) -> None:
    """An entity, its facts and the sources behind them."""
    info = api.describe_node(_store(ctx), node_id)
    if fmt == "json":
        click.echo(to_json(info))
        return
    node = info["node"]
    click.echo(f"{node['name']}  [{node['label']}]  {node['id']}")
    details = {k: v for k, v in node.items() if k not in ("id", "label", "name") and v not in (None, [], "")}
    for name, value in details.items():
        click.echo("\n".join(wrap(f"{name}: {', '.join(map(str, value)) if isinstance(value, list) else value}", indent="    ", first="  ")))
    rows = []
    for fact in info["facts"]:
        figures = {k: v for k, v in fact.items() if k in ("share", "volume_t", "capacity_t", "reserves_t", "stake", "year", "edition")}
        arrow = "->" if fact["direction"] == "out" else "<-"
        rows.append(
            {
                "fact": f"{arrow} {fact['type']}",
                "other": f"{fact['other_name'] or fact['other']} ({fact['other']})",
                "figures": ", ".join(f"{k}={v}" for k, v in figures.items()),
                "sources": fact["sources"],
            }
        )
    click.echo()
    click.echo(table(rows, ["fact", "other", "figures", "sources"]) if rows else "no facts")
    if info["documents"]:
        click.echo()
        for doc_id, doc in info["documents"].items():
            title = doc.get("title") or doc.get("name")
            extra = ", ".join(str(doc[k]) for k in ("publisher", "edition", "published") if doc.get(k))
            click.echo("\n".join(wrap(f"{doc_id}: {title}" + (f" ({extra})" if extra else ""), indent="    ", first="  ")))
            if doc.get("url"):
                click.echo(f"    {doc['url']}")  # whole, so that it stays a link


@click.command()
@format_option("json", "markdown", default="markdown")
def schema(fmt: str) -> None:
    """Print the schema as JSON Schema or as a Markdown table of labels and types."""
    from supplygraph.schema.export import json_schema, markdown

    click.echo(to_json(json_schema()) if fmt == "json" else markdown(), nl=fmt == "json")


DEMO_TOP = 5
"""Items per report section the demo prints ('supplygraph chokepoints' shows more)."""

NEXT_STEPS = (
    "Next: supplygraph search lynas",
    "      supplygraph chokepoints --scenario 'remove country:CN'",
    "      supplygraph export html missile.html --end-use enduse:guided-missile",
)
"""The three lines the demo ends with: what to try next on the data it just loaded."""


@click.command()
@format_option("table", "json")
@click.pass_context
def demo(ctx: click.Context, fmt: str) -> None:
    """Load the bundled rare-earth dataset and sample articles, print the stats and the chokepoint report."""
    summary, stats, report = api.demo(_store(ctx, create=True))
    if fmt == "json":  # the stats' keys stay at the top, as before; the load summary and the report join them
        click.echo(to_json({**stats.as_dict(), "load": summary.as_dict(), "report": report}))
        return
    click.echo(f"Loaded the bundled rare-earth dataset and sample articles into {ctx.obj['store']}", err=True)
    print_overview(summary.as_dict(), stats.as_dict())
    click.echo()
    click.echo(report_view.render_report(report, top=DEMO_TOP))
    click.echo("\n".join(NEXT_STEPS))


def as_of_options(command):
    """--as-of and --stale-after: the date every analysis evaluates the graph at, and when a source goes stale."""
    command = click.option("--stale-after", "stale_after", type=click.IntRange(min=0), default=12, show_default=True, metavar="MONTHS",
                           help="Mark a policy or figure whose newest source is older than this 'not confirmed since'.")(command)
    return click.option("--as-of", "as_of", metavar="DATE",
                        help="Evaluate lifecycles, policies and figures at this date (YYYY-MM-DD) [default: today].")(command)


@click.command()
@click.option("--top", type=click.IntRange(min=1), default=15, show_default=True, help="How many chokepoints to list.")
@click.option("--end-use", "end_use", metavar="ID", help="Only the supply chain of this end use, e.g. enduse:guided-missile.")
@click.option("--stage", type=_LazyChoice(lambda: plain.STAGES), help="Only materials of this stage.")
@click.option(
    "--scenario", "scenarios", multiple=True, metavar="TEXT",
    help="'remove country:CN', 'remove org:ID', 'restrict element:Dy,element:Tb [by country:CN]' or 'apply policy:ID'; repeat to combine.",
)  # fmt: skip
@click.option("--edition", help="Edition of production figures to use, e.g. 'MCS 2025' [default: newest].")
@click.option("--year", type=int, help="Data year of production figures [default: newest].")
@as_of_options
@click.option("--reviewed-only", is_flag=True, help="Leave out facts extracted from documents that nobody has accepted.")
@format_option("table", "markdown", "json")
@click.pass_context
def chokepoints(ctx: click.Context, top: int, end_use: str | None, stage: str | None, scenarios: tuple[str, ...],
                edition: str | None, year: int | None, as_of: str | None, stale_after: int, reviewed_only: bool,
                fmt: str) -> None:  # fmt: skip
    """Rank the chokepoints: concentration, single points of failure, flow, scenarios, with sources."""
    graphs: list = []  # freed by the end of the process (_end_process), not object by object when the report returns
    report = api.chokepoints(_store(ctx), top=top, end_use=end_use, stage=stage, scenarios=scenarios, edition=edition, year=year,
                             as_of=as_of, stale_after=stale_after, reviewed_only=reviewed_only, keep=graphs)  # fmt: skip
    if fmt == "json":  # written as it is encoded: the text of a report on a million edges need not be held whole
        for piece in json_pieces(report):
            click.echo(piece, nl=False)
        click.echo()
    else:
        click.echo(report_view.render_report(report, markdown=fmt == "markdown", top=top), nl=False)
    _end_process(ctx)


def _end_process(ctx: click.Context) -> None:
    """End the process now that the output is written, without freeing what it holds, when it is a process of its own.

    After the 1M-edge report is written, the interpreter spent about 1.2 s of CPU
    freeing the report's rows and collecting the graphs at shutdown: work nobody
    waits for (after ``extract`` and ``eval``, 0.15-0.3 s for spaCy and the extractor,
    in a start-up of about a second). The store is closed and the streams flushed first (a broken
    pipe raises here, as it would at exit, and click handles it as always);
    then ``os._exit(0)``, the code a command that returns gets. Only when the
    command owns the real streams: run in-process (tests, click's
    ``CliRunner``, a program embedding the command) it returns as any command does.
    """
    if sys.stdout is not sys.__stdout__ or sys.stderr is not sys.__stderr__:
        return
    ctx.close()
    ctx.find_root().close()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


# -- export: HTML network views, GraphML, node-link JSON --------------------


@click.group()
def export() -> None:
    """Write the graph, or a view of it, as an interactive HTML page, GraphML or node-link JSON."""


def _view_options(command):
    """The options that pick a view, shared by every export format."""
    options = (
        click.option("--focus", metavar="ID", help="Show the neighbourhood of one entity."),
        click.option("--depth", type=click.IntRange(0), default=1, show_default=True,
                     help="Hops around --focus."),
        click.option("--end-use", "end_use", metavar="ID",
                     help="Show everything upstream of an end use along the supply flow."),
        click.option("--documents", is_flag=True, help="Draw source documents as nodes too."),
        click.option("--reviewed-only", is_flag=True,
                     help="Leave out facts extracted from documents that nobody has accepted."),
    )  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def _needs(ctx: click.Context, option: str, given: bool, needed: str) -> None:
    """Refuse an option set on the command line when what it goes with (``needed``) is not."""
    if not given and ctx.get_parameter_source(option) == click.core.ParameterSource.COMMANDLINE:
        raise click.UsageError(f"--{option.replace('_', '-')} goes with {needed}; without it, it would be ignored")


def _export(ctx: click.Context, out: str, fmt: str, **options: Any) -> None:
    if options.get("focus") and options.get("end_use"):
        raise click.UsageError("choose one of --focus and --end-use")
    _needs(ctx, "depth", bool(options.get("focus")), "--focus")
    if fmt == "html":
        _needs(ctx, "top", options.get("chokepoints"), "--chokepoints")
    view = api.export_view(_store(ctx), out, fmt, **options)
    graph = view.graph
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    unreviewed = sum(1 for *_, reviewed in graph.edges(data="reviewed") if reviewed is False)
    note = f" ({unreviewed:,} unreviewed: see 'supplygraph review')" if unreviewed else ""
    click.echo(f"wrote {'standard output' if out == '-' else out}: {view.title}, {nodes:,} node{'s' * (nodes != 1)}, "
               f"{edges:,} edge{'s' * (edges != 1)}{note}", err=True)  # fmt: skip


@export.command("html")
@click.argument("out", type=click.Path(dir_okay=False))
@_view_options
@click.option("--chokepoints", is_flag=True, help="Size nodes by chokepoint score and outline the top chokepoints.")
@click.option("--top", type=click.IntRange(1), default=10, show_default=True,
              help="How many chokepoints --chokepoints outlines.")
@click.option("--scenario", "scenarios", multiple=True, metavar="TEXT",
              help="Mark what a disruption scenario cuts, e.g. 'remove country:CN' (repeatable).")
@click.option("--max-nodes", type=click.IntRange(1), default=1500, show_default=True,
              help="Refuse views with more nodes; narrow them with --focus or --end-use.")
@as_of_options
@click.pass_context
def export_html(ctx: click.Context, out: str, **options: Any) -> None:
    """An interactive page of a view: one file, works offline.

    Colour and shape by label, hover for figures, evidence and sources, tick
    boxes to filter; no network request, nothing loaded from elsewhere.
    """
    _export(ctx, out, "html", **options)


@export.command("graphml")
@click.argument("out", type=click.Path(dir_okay=False))
@_view_options
@click.pass_context
def export_graphml(ctx: click.Context, out: str, **options: Any) -> None:
    """GraphML for Gephi, yEd or Cytoscape.

    Lists are joined with '; '; each node's label is its name, its schema label is in 'kind'.
    """
    _export(ctx, out, "graphml", **options)


@export.command("json")
@click.argument("out", type=click.Path(dir_okay=False))
@_view_options
@click.pass_context
def export_json(ctx: click.Context, out: str, **options: Any) -> None:
    """Node-link JSON, attributes as stored.

    The shape of networkx's node_link_data: 'nodes', and 'edges' with 'source', 'target' and 'key'.
    """
    _export(ctx, out, "json", **options)


def _existing_store(ctx: click.Context):
    """The store if its file exists (never created by a read-only command), else None."""
    return _store(ctx) if store_path(ctx.obj["store"]).exists() else None


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar="PATH...")
@kind_option
@format_option("table", "json")
@jobs_option
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], kind: str | None, fmt: str, jobs: int) -> None:
    """Show what loading documents (.txt, .md, .html; '-' for standard input) would add, without storing anything.

    Give one document, several, or folders (their documents, with one
    start-up, on --jobs processes). Names resolve to the store's entities when the store exists.
    With several documents, --format json prints JSON Lines: one object per
    document, in order.
    """
    _needs(ctx, "kind", "-" in paths, "PATH '-'")
    store = _existing_store(ctx)
    if len(paths) == 1 and not Path(paths[0]).is_dir():
        found = api.extract_document(paths[0], store, kind=kind)
        _note(paths[0], found)
        _print_extraction(found, fmt)
        _end_process(ctx)  # (spaCy and the extractor: 0.15-0.3 s of CPU to tear down, in a start-up of about a second)
        return
    # The bar only when the results go elsewhere: on a terminal they show the progress themselves, and a bar would
    # be redrawn over them.
    bar = progressbar if not sys.stdout.isatty() else api.no_progress
    for n, found in enumerate(api.extract_documents(paths, store, kind=kind, progress=bar, jobs=jobs)):
        _note(found["document"].get("path") or found["document"]["id"], found)
        if fmt == "json":
            click.echo(json.dumps(found, ensure_ascii=False, default=str))
        else:
            click.echo("\n" if n else "", nl=False)
            _print_extraction(found, fmt)
    _end_process(ctx)


def _note(where: str, found: dict[str, Any]) -> None:
    if found.get("note"):
        click.echo(f"supplygraph: note: {where}: {found['note']}", err=True)


def _print_extraction(found: dict[str, Any], fmt: str) -> None:
    """One document's extraction: JSON, or its entities and relations as tables."""
    if fmt == "json":
        click.echo(to_json(found))
        return
    doc = found["document"]
    click.echo(f"{doc['id']}  {doc.get('title', '')}" + (f"  ({doc['published']})" if doc.get("published") else ""))
    click.echo()
    rows = [{"id": e["id"], "label": e["label"], "name": e["name"], "mentions": e["mentions"],
             "new": "" if e["known"] else "new"} for e in found["entities"]]  # fmt: skip
    click.echo(table(rows, ["id", "label", "name", "mentions", "new"]) if rows else "no entities")
    click.echo()
    rows = [{"type": r["type"], "source": r["source"], "target": r["target"], "confidence": r["confidence"],
             "evidence": r["evidence"]} for r in found["relations"]]  # fmt: skip
    click.echo(table(rows, ["type", "source", "target", "confidence", "evidence"]) if rows else "no relations")


@click.command("eval")
@click.argument("folders", nargs=-1, required=True, type=click.Path(file_okay=False), metavar="FOLDER...")
@click.option("--use-store", is_flag=True, help="Resolve names against the store's entities too (default: built-in vocabulary only).")
@format_option("table", "json")
@jobs_option
@click.pass_context
def eval_(ctx: click.Context, folders: tuple[str, ...], use_store: bool, fmt: str, jobs: int) -> None:
    """Score extraction against the X.gold.json files in each FOLDER (one start-up, --jobs processes): precision, recall, F1, errors listed."""
    result = api.evaluate(folders, _existing_store(ctx) if use_store else None, progress=progressbar, jobs=jobs)
    if fmt == "json":
        click.echo(to_json(result.as_dict()))
        _end_process(ctx)
        return
    rows = []
    for d in result.documents:
        rows.append({"document": d.document, **_score_cells(d.entities, d.relations), "violations": len(d.violations)})
    rows.append({"document": "OVERALL", **_score_cells(result.entities, result.relations), "violations": len(result.violations)})
    click.echo(table(rows, ["document", "entity P", "entity R", "entity F1", "relation P", "relation R", "relation F1", "violations"]))
    for d in result.documents:
        click.echo()
        click.echo(f"{d.document}:" + ("" if d.entities.fp + d.entities.fn + d.relations.fp + d.relations.fn else " no errors"))
        for title, items in (("entity false positives", d.entities.false_positives), ("entity misses", d.entities.misses),
                             ("relation false positives", d.relations.false_positives), ("relation misses", d.relations.misses),
                             ("must_not_extract violations", d.violations)):  # fmt: skip
            if items:
                click.echo(f"  {title} ({len(items)}):")
                for item in items:
                    click.echo(f"    - {item}")
    _end_process(ctx)


def _score_cells(entities, relations) -> dict[str, str]:
    return {
        "entity P": f"{entities.precision:.3f}", "entity R": f"{entities.recall:.3f}", "entity F1": f"{entities.f1:.3f}",
        "relation P": f"{relations.precision:.3f}", "relation R": f"{relations.recall:.3f}", "relation F1": f"{relations.f1:.3f}",
    }  # fmt: skip


for command in (load, stats, search, show, schema, demo, chokepoints, extract, eval_, export, review, neo4j, query):
    main.add_command(command)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
