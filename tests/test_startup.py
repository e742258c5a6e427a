"""The command line starts without importing what no command has asked for yet.

``supplygraph --help`` (and the help of the command groups) needs click and
the CLI's own modules; networkx, pydantic's models, spaCy, pyvis, YAML and
the Neo4j driver are imported by the commands that use them
(``supplygraph.perf.lazy_module``); a command's own help may import where
its choices come from (``chokepoints --help`` lists the schema's stages). Timing is for the benchmark
(``tests/benchmarks/bench_startup.py``); this checks the cause.
"""

from __future__ import annotations

import subprocess
import sys

from supplygraph.data import BUNDLED

from .benchmarks.gen_supply_network import supply_network, write_curated

HEAVY = ("networkx", "pydantic", "spacy", "pyvis", "neo4j", "yaml", "rustworkx", "numpy")

PROBE = """
import sys
from click.testing import CliRunner
from supplygraph.cli import main
for args in (["--help"], ["neo4j", "--help"], ["export", "--help"], ["neo4j", "push", "--help"]):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
print(" ".join(m for m in {heavy!r} if m in sys.modules))
"""


def test_help_imports_no_heavy_module():
    out = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == []


def test_a_command_still_imports_what_it_uses(tmp_path):
    probe = PROBE.replace('["--help"], ', "").replace("for args in (", f"for args in ([\"--store\", {str(tmp_path / 's.db')!r}, \"schema\"], ")
    out = subprocess.run([sys.executable, "-c", probe.format(heavy=HEAVY)], capture_output=True, text=True, check=True)
    assert "pydantic" in out.stdout.split()


SPACY_PROBE = """
import sys
from supplygraph.perf import import_spacy
spacy = import_spacy()
nlp = spacy.blank("en")
print(len(list(nlp("A test."))), sorted(m for m in sys.modules if m.startswith("spacy.cli.") and m != "spacy.cli.info"))
from spacy.cli import download  # what reads from spacy.cli gets the real one
print(callable(download), "spacy.cli.download" in sys.modules, spacy.info()["spacy_version"] == spacy.__version__)
"""


def test_spacy_is_imported_without_its_command_line():
    """extract's start-up: spaCy's command line (its downloader, weasel, requests) is not imported until it is used."""
    out = subprocess.run([sys.executable, "-c", SPACY_PROBE], capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["3 []", "True True True"]


EXTRACT_PROBE = """
import sys
from click.testing import CliRunner
from supplygraph.cli import main
result = CliRunner().invoke(main, ["--store", {store!r}, "extract", {document!r}, "--format", "json"])
assert result.exit_code == 0, result.output
print(sorted(m for m in sys.modules if m.split(".")[0] in ("typer", "weasel", "requests", "httpx")
             or m.startswith("spacy.cli.") and m != "spacy.cli.info"))
"""


def test_extract_imports_no_spacy_command_line(tmp_path):
    """Every module of the extractor reaches spaCy through ``import_spacy`` (a plain ``from spacy.lang... import``
    in one of them brought typer, weasel and the model downloader back: about a tenth of extract's start-up)."""
    document = str(BUNDLED.parent / "samples" / "china-export-licensing-2025.txt")
    out = subprocess.run([sys.executable, "-c", EXTRACT_PROBE.format(store=str(tmp_path / "s.db"), document=document)],
                         capture_output=True, text=True, check=True)  # fmt: skip
    assert out.stdout.split() == ["[]"]


REPORT_PROBE = """
import sys
from click.testing import CliRunner
from supplygraph.cli import main
result = CliRunner().invoke(main, ["--store", {store!r}, "chokepoints", "--format", "json"])
assert result.exit_code == 0, result.output
print(sorted(m for m in sys.modules if m.startswith("supplygraph.loaders") or m in ("yaml", "spacy")))
"""


def test_the_report_imports_no_loader(tmp_path):
    """``chokepoints`` reads a store, no file: the extractor, its vocabulary and YAML stay unimported (about a third of
    a second of its start-up); ``load`` still imports them."""
    store = str(tmp_path / "s.db")
    subprocess.run([sys.executable, "-m", "supplygraph", "--store", store, "load", str(BUNDLED)], check=True, capture_output=True)
    out = subprocess.run([sys.executable, "-c", REPORT_PROBE.format(store=store)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]"]


PYDANTIC_PROBE = """
import sys
from click.testing import CliRunner
from supplygraph.cli import main
for args in {commands!r}:
    result = CliRunner().invoke(main, ["--store", {store!r}, "chokepoints", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
print(sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core") or m.startswith("supplygraph.schema")))
"""


def test_the_report_on_a_store_imports_no_model(tmp_path):
    """``chokepoints`` on a store whose nodes have no lifecycle to read (no facility, no policy: the benchmark networks)
    imports the schema's plain names, not its pydantic models (0.15-0.25 s of CPU); ``load`` validates with them."""
    store = str(tmp_path / "s.db")
    write_curated(supply_network(400, seed=1), tmp_path / "data")
    subprocess.run([sys.executable, "-m", "supplygraph", "--store", store, "load", str(tmp_path / "data")], check=True, capture_output=True)
    commands = [[], ["--scenario", "remove country:CN", "--stage", "magnet"]]
    out = subprocess.run([sys.executable, "-c", PYDANTIC_PROBE.format(store=store, commands=commands)], capture_output=True, text=True,
                         check=True)  # fmt: skip
    assert out.stdout.split("\n")[0] == "['supplygraph.schema', 'supplygraph.schema.plain']"


def test_a_load_of_curated_files_imports_no_document_reader(tmp_path):
    """The document reader (the extraction rules and spaCy: about 0.6 s of CPU) is imported when a document is read,
    not for a load of curated CSV and YAML files."""
    write_curated(supply_network(200, seed=1), tmp_path / "data")
    code = ("import sys; from supplygraph import api; from supplygraph.graph import EmbeddedStore; "
            "api.load_files(EmbeddedStore(sys.argv[1]), [sys.argv[2]]); "
            "print(sorted(m for m in ('spacy', 'supplygraph.loaders.documents') if m in sys.modules))")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s.db"), str(tmp_path / "data")],
                         capture_output=True, text=True, check=True)  # fmt: skip
    assert out.stdout.strip() == "[]"
