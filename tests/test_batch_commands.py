"""``extract`` and ``eval`` over many inputs with one start-up give what one input at a time gives, on any number of
worker processes (``--jobs``)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from supplygraph.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
HELDOUT = ROOT / "tests" / "fixtures" / "documents"


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_extract_over_a_folder_prints_json_lines_equal_to_one_file_at_a_time(tmp_path):
    store = ["--store", str(tmp_path / "none.db")]
    documents = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html"))
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in documents:
        shutil.copy(path, folder / path.name)
    (folder / "notes.yaml").write_text("entities: []\n")  # not a document: a folder's other files are skipped
    lines = _run(*store, "extract", str(folder), "--format", "json").splitlines()
    assert len(lines) == len(documents) >= 3
    copies = [folder / path.name for path in documents]
    for line, path in zip(lines, copies):
        assert json.loads(line) == json.loads(_run(*store, "extract", str(path), "--format", "json"))
    listed = _run(*store, "extract", *(str(p) for p in copies), "--format", "json").splitlines()
    assert listed == lines


def test_extract_of_several_documents_as_tables_is_each_document_in_turn(tmp_path):
    store = ["--store", str(tmp_path / "none.db")]
    documents = sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html"))[:2]
    both = _run(*store, "extract", *documents)
    assert both == _run(*store, "extract", documents[0]) + "\n" + _run(*store, "extract", documents[1])


def test_extract_and_eval_in_a_process_of_their_own_print_what_they_print_in_process(tmp_path, monkeypatch):
    """Both end their process once the output is flushed (cli._end_process: spaCy and the extractor are not torn
    down): every line arrives through the pipe, from one process or from workers, and the exit code is 0."""
    monkeypatch.setenv("COLUMNS", "100")  # the tables' width, the same in both
    store = ["--store", str(tmp_path / "none.db")]
    single = str(sorted(SAMPLES.glob("*.txt"))[0])
    for command in (["extract", str(SAMPLES), "--format", "json", "--jobs", "2"], ["extract", single], ["eval", str(HELDOUT / "heldout")]):
        done = subprocess.run([sys.executable, "-m", "supplygraph", *store, *command], capture_output=True, text=True, check=False)
        assert (done.returncode, done.stdout) == (0, _run(*store, *command)), done.stderr


def test_extract_refuses_a_named_file_that_is_not_a_document(tmp_path):
    other = tmp_path / "facts.yaml"
    other.write_text("facts: []\n")
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "none.db"), "extract", str(SAMPLES), str(other)])
    assert result.exit_code != 0
    assert "not a document" in result.output and result.stdout == ""


def test_eval_of_two_folders_scores_every_document_of_both(tmp_path):
    store = ["--store", str(tmp_path / "none.db")]
    folders = [str(HELDOUT / "heldout"), str(HELDOUT / "heldout-b")]
    one, two = (json.loads(_run(*store, "eval", f, "--format", "json")) for f in folders)
    both = json.loads(_run(*store, "eval", *folders, "--format", "json"))
    assert [d["document"] for d in both["documents"]] == [d["document"] for d in one["documents"] + two["documents"]]
    for kind in ("entities", "relations"):
        assert both["overall"][kind]["tp"] == one["overall"][kind]["tp"] + two["overall"][kind]["tp"]


def test_extract_and_eval_on_two_workers_print_what_one_process_prints(tmp_path):
    store = ["--store", str(tmp_path / "none.db")]
    folders = [str(HELDOUT / "heldout"), str(HELDOUT / "heldout-b")]
    for command in (["extract", *folders, "--format", "json"], ["eval", *folders, "--format", "json"], ["eval", *folders]):
        assert _run(*store, *command, "--jobs", "2") == _run(*store, *command, "--jobs", "1")


def test_a_bad_document_on_two_workers_is_one_line_after_the_documents_before_it(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    documents = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md"))[:2]
    for n, path in enumerate(documents):
        shutil.copy(path, folder / f"{n * 2}-{path.name}")  # 0-..., 2-...: the empty file, 1-empty.txt, between them
    (folder / "1-empty.txt").write_bytes(b"")
    for jobs in ("1", "2"):
        result = CliRunner().invoke(main, ["--store", str(tmp_path / "none.db"), "extract", str(folder), "--format", "json", "--jobs", jobs])
        assert result.exit_code == 1
        assert len(result.stdout.splitlines()) == 1, "the document before the bad one, and none after it"
        assert result.stderr == f"supplygraph: error: {folder / '1-empty.txt'}: empty file\n"
