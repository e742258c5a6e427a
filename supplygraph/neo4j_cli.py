"""``supplygraph neo4j init|push|pull|stats`` and ``supplygraph query``: thin commands over the Neo4j store.

Connection: ``--uri``, ``--user``, ``--database`` or ``NEO4J_URI``,
``NEO4J_USERNAME``, ``NEO4J_DATABASE``; the password only from
``NEO4J_PASSWORD`` or, on a terminal, a hidden prompt: never an option, never
printed.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from supplygraph.formatting import table, to_json
from supplygraph.graph.stores import DEFAULT_BATCH_SIZE
from supplygraph.output import print_stats, progressbar
from supplygraph.perf import lazy_module

if TYPE_CHECKING:
    from supplygraph import api, queries
    from supplygraph.graph.stores import neo4j_store
    from supplygraph.graph.stores.neo4j_push import PushSummary
else:  # imported when a command first uses them (see supplygraph.cli)
    api = lazy_module("supplygraph.api")
    queries = lazy_module("supplygraph.queries")
    neo4j_store = lazy_module("supplygraph.graph.stores.neo4j_store")


def connection_options(command: Any) -> Any:
    """``--uri``, ``--user`` and ``--database``, each defaulting to its environment variable."""
    for option in reversed(
        [
            click.option("--uri", help="Bolt or neo4j URI [default: $NEO4J_URI or bolt://localhost:7687]."),
            click.option("--user", help="User name [default: $NEO4J_USERNAME or neo4j]."),
            click.option("--database", help="Database [default: $NEO4J_DATABASE or the server's default]."),
        ]
    ):
        command = option(command)
    return command


def _neo4j(ctx: click.Context, uri: str | None, user: str | None, database: str | None) -> "neo4j_store.Neo4jStore":
    settings = neo4j_store.Neo4jSettings.from_env(uri, user, database)
    if settings.password is None and sys.stdin.isatty():
        password = click.prompt(f"Neo4j password for {settings.user}", hide_input=True, default="", show_default=False)
        settings = neo4j_store.Neo4jSettings(settings.uri, settings.user, settings.database, password or None)
    return ctx.with_resource(neo4j_store.Neo4jStore(settings))


def _local(ctx: click.Context, *, create: bool):
    return ctx.with_resource(api.open_store(ctx.obj["store"], create=create, notify=lambda line: click.echo(line, err=True)))


@click.group()
def neo4j() -> None:
    """Push the graph to Neo4j, pull it back, and set up constraints and indexes.

    Start a local server with 'docker compose up -d' and set NEO4J_PASSWORD.
    """


@neo4j.command()
@connection_options
@click.pass_context
def init(ctx: click.Context, uri: str | None, user: str | None, database: str | None) -> None:
    """Create the constraints and indexes generated from the schema (safe to rerun)."""
    target = _neo4j(ctx, uri, user, database)
    names = target.init_schema()
    click.echo(f"{len(names)} constraints and indexes in place on {target.settings.where()}")


@neo4j.command(name="push")
@connection_options
@click.option("--batch-size", type=click.IntRange(1), default=DEFAULT_BATCH_SIZE, show_default=True,
              help="Rows per transaction.")  # fmt: skip
@click.option("--label", "labels", multiple=True, help="Push only nodes of this label (repeatable).")
@click.option("--ids", default="", help="Push only these node ids (comma-separated), with --label's nodes.")
@click.option("--no-chokepoints", is_flag=True, help="Do not write chokepoint_score/chokepoint_rank.")
@click.option("--as-of", "as_of", metavar="DATE", help="Score the chokepoints as of this date (YYYY-MM-DD) [default: today].")
@click.option("--reviewed-only", is_flag=True, help="Leave out facts extracted from documents that nobody has accepted.")
@click.option("--full", is_flag=True, help="Send every node and relationship, not only what changed since the last push.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def push_command(
    ctx: click.Context, uri: str | None, user: str | None, database: str | None,
    batch_size: int, labels: tuple[str, ...], ids: str, no_chokepoints: bool, as_of: str | None, reviewed_only: bool,
    full: bool, fmt: str,
) -> None:  # fmt: skip
    """Write the local graph (or the nodes picked by --label/--ids and the edges between them) to Neo4j.

    Nodes and relationships are merged on their ids and fact keys, one
    transaction per batch; only what changed since the last push to the same
    database is sent (the local store keeps a digest of each), so rerunning
    sends and changes nothing. Chokepoint scores are
    written as node properties when the chokepoint analysis is available.
    """
    local = _local(ctx, create=False)
    target = _neo4j(ctx, uri, user, database)
    summary, note = api.push_to_neo4j(
        local, target, labels=labels, ids=[i.strip() for i in ids.split(",") if i.strip()],
        scores=not no_chokepoints, batch_size=batch_size, progress=progressbar, as_of=as_of, reviewed_only=reviewed_only, full=full,
    )  # fmt: skip
    if note:
        click.echo(note, err=True)
    click.echo(render_push(summary, target.settings.where(), fmt))


def render_push(summary: PushSummary, where: str, fmt: str) -> str:
    """What ``neo4j push`` prints: JSON, or tables per label and type and a one-line total."""
    if fmt == "json":
        return to_json({"target": where, **summary.as_dict()})
    nodes = table([{"label": k, **v} for k, v in summary.nodes.items()], ["label", "written", "created", "updated"])
    edges = table([{"type": k, **v} for k, v in summary.edges.items()], ["type", "written", "created", "updated"])
    totals = summary.totals()
    rate = totals["edges"] / summary.seconds if summary.seconds else 0
    line = (
        f"{totals['nodes']:,} nodes and {totals['edges']:,} relationships pushed to {where} "
        f"({totals['created']:,} created, {totals['updated']:,} updated) in {summary.seconds:.1f} s "
        f"({rate:,.0f} relationships/s)"
    )
    if summary.chokepoints:
        line += f"; chokepoint scores on {summary.chokepoints:,} nodes"
    if summary.unreviewed:
        line += f"; {summary.unreviewed:,} relationships unreviewed (reviewed: false)"
    if summary.left_out_unreviewed:
        line += f"; {summary.left_out_unreviewed:,} unreviewed left out"
    return f"{nodes}\n\n{edges}\n\n{line}"


@neo4j.command(name="export-csv")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--database", default="neo4j", show_default=True, help="The database the printed import command fills.")
@click.option("--no-chokepoints", is_flag=True, help="Do not write chokepoint_score/chokepoint_rank.")
@click.option("--as-of", "as_of", metavar="DATE", help="Score the chokepoints as of this date (YYYY-MM-DD) [default: today].")
@click.pass_context
def export_csv_command(ctx: click.Context, folder: str, database: str, no_chokepoints: bool, as_of: str | None) -> None:
    """Write the local graph as the CSV files 'neo4j-admin database import full' reads, and print that command.

    For a first load of a large graph into a new, empty database: Neo4j's
    bulk importer is much faster than any push. One file per label and per
    relationship type, header-typed (id:ID, :LABEL, aliases:string[], ...);
    the same properties a push writes. Run 'supplygraph neo4j init' once the
    database is started: an import creates no index or constraint.
    """
    files, command, note = api.export_neo4j_csv(_local(ctx, create=False), folder, scores=not no_chokepoints,
                                                database=database, as_of=as_of)  # fmt: skip
    if note:
        click.echo(note, err=True)
    nodes = sum(files.counts[k] for k in files.nodes)
    edges = sum(files.counts[k] for k in files.relationships)
    click.echo(f"wrote {len(files.nodes) + len(files.relationships)} files to {folder}: {nodes:,} nodes, {edges:,} relationships", err=True)
    click.echo("import them into a new, empty database (the server stopped), then start it and run 'supplygraph neo4j init':", err=True)
    click.echo(command)


@neo4j.command(name="pull")
@connection_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def pull_command(ctx: click.Context, uri: str | None, user: str | None, database: str | None, fmt: str) -> None:
    """Read the Neo4j graph into the local store as one input, validated by the schema.

    Nodes need a schema label and relationships a schema type; others are
    skipped and counted. Pull into a fresh store (--store) to get exactly
    the Neo4j graph; in a store that already holds loaded files it is merged
    like any other input, and pulling again replaces the previous pull.
    """
    source = _neo4j(ctx, uri, user, database)
    pulled, summary = api.pull_from_neo4j(source, _local(ctx, create=True), progress=progressbar)
    unit = pulled.unit
    data = {
        "source": source.settings.where(),
        "read": {"nodes": len(unit.nodes), "facts": pulled.facts, "unreviewed_facts": len(pulled.unreviewed.facts)},
        "skipped": {"labels": pulled.skipped_labels, "types": pulled.skipped_types},
        **summary.as_dict(),
    }
    if fmt == "json":
        click.echo(to_json(data))
        return
    click.echo(table([{"": k, **data[k]} for k in ("nodes", "edges")], ["", "added", "updated", "unchanged", "removed"]))
    unreviewed = f" ({len(pulled.unreviewed.facts):,} unreviewed)" if pulled.unreviewed.facts else ""
    click.echo(f"\nread {len(unit.nodes):,} nodes and {pulled.facts:,} facts{unreviewed} from {source.settings.where()}")
    for kind, skipped in (("nodes labelled", pulled.skipped_labels), ("relationships of type", pulled.skipped_types)):
        for name, count in skipped.items():
            click.echo(f"skipped {count:,} {kind} {name} (not in the schema)", err=True)


@neo4j.command(name="stats")
@connection_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def stats_command(ctx: click.Context, uri: str | None, user: str | None, database: str | None, fmt: str) -> None:
    """Counts by label and type in Neo4j, to compare with 'supplygraph stats'."""
    print_stats(_neo4j(ctx, uri, user, database).stats().as_dict(), fmt)


@neo4j.command()
def style() -> None:
    """Print the Browser style sheet as a ':style' command to paste into Neo4j Browser."""
    click.echo(":style " + queries.STYLE.read_text(encoding="utf-8"))


def _param(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"expected key=value, got {value!r}")
        out[name.strip()] = text
    return out


@click.command()
@click.argument("name", required=False)
@click.option("--param", "params", multiple=True, callback=_param, metavar="KEY=VALUE",
              help="A query parameter (repeatable); the file's example is used for any not given.")  # fmt: skip
@click.option("--list", "list_only", is_flag=True, help="List the library's queries and their parameters.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@connection_options
@click.pass_context
def query(
    ctx: click.Context, name: str | None, params: dict[str, str], list_only: bool, fmt: str,
    uri: str | None, user: str | None, database: str | None,
) -> None:  # fmt: skip
    """Run a named query of the Cypher library on Neo4j (see --list)."""
    if list_only or not name:
        library = queries.library()
        if fmt == "json":
            click.echo(to_json([{"name": q.name, "title": q.title, "question": q.question, "params": q.params} for q in library]))
            return
        rows = [{"name": q.name, "title": q.title, "parameters": ", ".join(f"{k}={v!r}" for k, v in q.params.items())} for q in library]
        click.echo(table(rows, ["name", "title", "parameters"]))
        if not list_only:
            click.echo("\nrun one with: supplygraph query NAME [--param key=value ...]", err=True)
        return
    library_query = queries.load(name)
    bound = library_query.bind(params)
    columns, rows = _neo4j(ctx, uri, user, database).run_query(library_query.cypher, bound, name=name)
    if fmt == "json":
        click.echo(to_json({"query": name, "params": bound, "columns": columns, "rows": rows}))
        return
    click.echo(table(rows, columns) if rows else "no rows")
    click.echo(f"{len(rows)} row(s); {', '.join(f'{k}={v!r}' for k, v in bound.items())}", err=True)

