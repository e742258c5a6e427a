"""An unchanged document is skipped only when the same rules read it: a store written by older extraction rules
reads its documents again, so an upgrade of supplygraph does not leave older guesses in the graph."""

from __future__ import annotations

import sqlite3

from supplygraph import api
from supplygraph.graph import EmbeddedStore
from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction import Extractor

from .conftest import FIXTURES, snapshot

DOC = FIXTURES / "documents" / "northwind-magnet-plant.txt"


def _stamps(path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[0] for row in db.execute("SELECT digest FROM origins")]


def test_the_same_rules_skip_an_unchanged_document_and_other_rules_read_it_again(tmp_path):
    doc = tmp_path / DOC.name
    doc.write_bytes(DOC.read_bytes())
    with EmbeddedStore(tmp_path / "s.db") as store:
        first = api.load_files(store, [doc])
    assert first.skipped_unchanged_inputs == 0
    fresh = snapshot(tmp_path / "s.db")
    (stamp,) = _stamps(tmp_path / "s.db")
    digest, _, reader = stamp.partition("+")
    rules, _, reading = reader.partition("/")  # the rules, and what the names resolved to (tests/test_load_order.py)
    assert len(digest) == 64 and rules == Extractor(Gazetteer()).fingerprint and len(reading) == 16

    with EmbeddedStore(tmp_path / "s.db") as store:
        assert api.load_files(store, [doc]).skipped_unchanged_inputs == 1  # idempotent: the same rules, nothing read
    assert snapshot(tmp_path / "s.db") == fresh

    with sqlite3.connect(tmp_path / "s.db") as db:  # what a version before the rules' stamp wrote: the bytes' digest
        db.execute("UPDATE origins SET digest = ?", (digest,))
    with EmbeddedStore(tmp_path / "s.db") as store:
        again = api.load_files(store, [doc])
    assert again.skipped_unchanged_inputs == 0  # read again by these rules
    assert _stamps(tmp_path / "s.db") == [stamp]
    with EmbeddedStore(tmp_path / "s.db") as store:
        assert api.load_files(store, [doc]).skipped_unchanged_inputs == 1


def test_the_rules_fingerprint_follows_extra_patterns_and_the_learned_component(tmp_path):
    patterns = tmp_path / "more.jsonl"
    patterns.write_text('{"label": "SUPPLY_VERBS", "pattern": "furnishes"}\n', encoding="utf-8")
    plain = Extractor(Gazetteer()).fingerprint
    assert Extractor(Gazetteer()).fingerprint == plain  # the same rules, the same name
    assert Extractor(Gazetteer(), patterns=[patterns]).fingerprint != plain
    assert Extractor(Gazetteer(), learned=True).fingerprint != plain


def test_an_edited_document_reads_the_same_facts_as_in_a_fresh_store(tmp_path):
    """The store's entities help read a new version of a document; they must not hide what the text states (a stored
    alias "plant in Kingsport" swallowed the place, and with it where the plant is and what it makes)."""
    doc = tmp_path / DOC.name
    doc.write_bytes(DOC.read_bytes())
    with EmbeddedStore(tmp_path / "s.db") as store:
        api.load_files(store, [doc])
        doc.write_text(DOC.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a new version, the same text
        api.load_files(store, [doc])
    with EmbeddedStore(tmp_path / "fresh.db") as store:
        api.load_files(store, [doc])
    assert _facts(tmp_path / "s.db") == _facts(tmp_path / "fresh.db")
    assert ("LOCATED_IN", "facility:kingsport-magnet-plant", "place:kingsport") in _facts(tmp_path / "s.db")


def _facts(path) -> set[tuple]:
    with sqlite3.connect(path) as db:
        return set(db.execute("SELECT type, source, target FROM edges WHERE type != 'MENTIONED_IN'"))
