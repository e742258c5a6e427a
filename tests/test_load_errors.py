"""Bad input: one line naming file, line and value; a non-zero exit; the store exactly as it was."""

from __future__ import annotations

import pytest

from .conftest import FIXTURES, snapshot

HEAD = """sources:
  - {id: doc:s, name: S, title: S, url: https://example.org/s}
entities:
  - {id: org:a, label: Company, name: A, country: US}
  - {id: material:m, label: Material, name: M, stage: magnet}
"""
"""Lines 1-5 of every YAML case; the offending record follows on line 6 or 7."""

CASES = {
    "malformed-yaml": (
        "bad.yaml",
        HEAD + "facts:\n  - {type: PRODUCES, source: org:a\n",
        8,
        "malformed YAML: expected ',' or '}', but got '<stream end>' (while parsing a flow mapping that starts at line 7)",
    ),
    "unknown-label": ("bad.yaml", HEAD + "  - {id: org:b, label: Compnay, name: B}\n", 6, "unknown label 'Compnay'"),
    "dangling-reference": (
        "bad.yaml",
        HEAD + "facts:\n  - {type: PRODUCES, source: org:zz, target: material:m, sources: [doc:s]}\n",
        7,
        "dangling reference: source 'org:zz'",
    ),
    "share-1.7": (
        "bad.yaml",
        HEAD + "facts:\n  - {type: PRODUCES, source: org:a, target: material:m, share: 1.7, year: 2025, sources: [doc:s]}\n",
        7,
        "share: Input should be less than or equal to 1 (got 1.7)",
    ),
    "missing-source": (
        "bad.yaml",
        HEAD + "facts:\n  - {type: PRODUCES, source: org:a, target: material:m}\n",
        7,
        "no source",
    ),
    "unknown-country": ("bad.yaml", HEAD + "  - {id: org:b, label: Company, name: B, country: XX}\n", 6, "'XX'"),
    "one-id-two-labels": ("bad.yaml", HEAD + "  - {id: org:a, label: University, name: A}\n", 6, "given two labels"),
    "id-label-clash-with-store": (
        "bad.yaml",
        HEAD.replace("org:a", "org:alpha-rare-earth"),
        4,
        "given two labels: Company here and StateOwnedEnterprise in the store",
    ),
    "malformed-id": ("bad.yaml", HEAD + "  - {id: 'org:Bad Id!', label: Company, name: B}\n", 6, "malformed id 'org:Bad Id!'"),
    "unknown-type": (
        "bad.yaml",
        HEAD + "facts:\n  - {type: OWNS, source: org:a, target: material:m, sources: [doc:s]}\n",
        7,
        "unknown relationship type 'OWNS'",
    ),
    "labels-not-allowed": (
        "bad.yaml",
        HEAD + "facts:\n  - {type: USED_IN, source: org:a, target: material:m, sources: [doc:s]}\n",
        7,
        "cannot go from Company to Material",
    ),
    "unknown-field": ("bad.yaml", HEAD + "  - {id: org:b, label: Company, name: B, ceo: Someone}\n", 6, "unknown field 'ceo'"),
    "non-utf8": ("bad.yaml", HEAD.encode() + b"  - {id: org:b, label: Company, name: \xff\xfe}\n", 6, "not UTF-8"),
    "empty-file": ("bad.yaml", "", None, "empty file"),
    "comments-only": ("bad.yaml", "# nothing here\n", None, "empty file"),
    "csv-missing-column": (
        "bad.csv",
        "type,source,target,year\nPRODUCES,country:CN,material:magnet,2025\n",
        1,
        "missing column 'sources'",
    ),
    "csv-ragged-row": (
        "bad.csv",
        "type,source,target,sources\nPRODUCES,country:CN,material:magnet,doc:test-source,extra\n",
        2,
        "row has 5 cells but the header has 4",
    ),
    "csv-bad-value": (
        "bad.csv",
        "type,source,target,sources,volume_t,year\nPRODUCES,country:CN,material:magnet,doc:test-source,lots,2025\n",
        2,
        "volume_t",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_one_line_with_place_and_changes_nothing(cli, tmp_path, name):
    filename, content, line, expected = CASES[name]
    assert cli("load", str(FIXTURES / "good")).exit_code == 0
    before = snapshot(cli.store_path)
    bad = tmp_path / filename
    bad.write_bytes(content if isinstance(content, bytes) else content.encode())

    # A good file in the same call is not stored either: the load is all or nothing.
    good = tmp_path / "good.yaml"
    good.write_text("sources:\n  - {id: doc:new, name: New, title: New}\n")
    result = cli("load", str(good), str(bad))

    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    where = f"{bad}:{line}:" if line else f"{bad}:"
    assert lines[0].startswith(f"supplygraph: error: {where}"), lines[0]
    assert expected in lines[0], lines[0]
    assert result.stdout == ""
    assert snapshot(cli.store_path) == before


def test_unknown_file_kind_and_missing_path(cli, tmp_path):
    odd = tmp_path / "notes.docx"
    odd.write_text("x")
    result = cli("load", str(odd))
    assert result.exit_code == 1 and "unknown kind of file '.docx'" in result.stderr
    result = cli("load", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 1 and "no such file or folder" in result.stderr


def test_debug_shows_the_traceback(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - {id: org:b, label: Nope, name: B}\n")
    from supplygraph.errors import InvalidRecord

    with pytest.raises(InvalidRecord):
        from click.testing import CliRunner

        from supplygraph.cli import main

        CliRunner().invoke(main, ["--debug", "--store", str(cli.store_path), "load", str(bad)], catch_exceptions=False)


def test_not_a_store(tmp_path):
    from click.testing import CliRunner

    from supplygraph.cli import main

    junk = tmp_path / "junk.db"
    junk.write_text("this is not sqlite " * 100)
    result = CliRunner().invoke(main, ["--store", str(junk), "stats"])
    assert result.exit_code == 1 and "is not a supplygraph store" in result.stderr
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "none.db"), "stats"])
    assert result.exit_code == 1 and "no store at" in result.stderr
