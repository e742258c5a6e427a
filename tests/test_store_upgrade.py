"""A store built by an older supplygraph is rebuilt from its inputs, and says so; a failed rebuild changes nothing."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from supplygraph.errors import OutdatedStore, StoreError
from supplygraph.graph import EmbeddedStore

from .conftest import FIXTURES


def _age(path, version="1"):
    """Mark a store as written by an older supplygraph (what an older version left on disk)."""
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (version,))
    db.commit()
    db.close()


def test_an_older_store_is_rebuilt_from_its_inputs_and_says_so(cli, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "good", data)
    assert cli("load", str(data)).exit_code == 0
    before = EmbeddedStore(cli.store_path, create=False).stats().as_dict()
    _age(cli.store_path)
    with pytest.raises(OutdatedStore) as caught:
        EmbeddedStore(cli.store_path, create=False)
    assert len(caught.value.inputs) == 2 and "older supplygraph (store format 1" in str(caught.value)

    result = cli("stats", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "was built by an older supplygraph: rebuilt it from its 2 input(s)" in result.stderr
    assert EmbeddedStore(cli.store_path, create=False).stats().as_dict() == before
    assert not (tmp_path / (cli.store_path.name + ".rebuild")).exists()


def test_a_rebuild_that_cannot_read_its_inputs_leaves_the_store_as_it_was(cli, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "good", data)
    assert cli("load", str(data)).exit_code == 0
    _age(cli.store_path)
    (data / "production.csv").unlink()
    kept = cli.store_path.read_bytes()
    result = cli("stats")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "input(s) are gone" in result.stderr and "production.csv" in result.stderr
    assert cli.store_path.read_bytes() == kept


def test_a_newer_store_is_refused_not_rebuilt(tmp_path):
    path = tmp_path / "new.db"
    EmbeddedStore(path).close()
    _age(path, "99")
    with pytest.raises(StoreError, match="has store format 99") as caught:
        EmbeddedStore(path)
    assert not isinstance(caught.value, OutdatedStore)
