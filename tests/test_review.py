"""The review gate end to end: the review command, findings that count unreviewed facts, --reviewed-only, the
decisions file, the demo's decisions and the migration of older store files."""

from __future__ import annotations

import json
import sqlite3

from supplygraph import api
from supplygraph.graph import EmbeddedStore
from supplygraph.graph.views.report import render_report

from .conftest import FIXTURES, as_format_3

DOC = FIXTURES / "documents" / "northwind-magnet-plant.txt"
CHAIN = (
    "Harbor Rare Earths Ltd produces NdPr oxide at its separation plant in Perth, Australia. "
    "Northwind Magnetics buys NdPr oxide from Harbor Rare Earths Ltd and makes NdFeB magnets for EV traction motors."
)


def pending(cli, *args: str) -> list[dict]:
    result = cli("review", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_review_lists_accepts_and_rejects_singly_and_in_bulk(cli):
    assert cli("load", str(DOC)).exit_code == 0
    facts = pending(cli)
    assert facts and {"id", "type", "source", "target", "evidence", "confidence", "document"} <= set(facts[0])
    assert [f["document"] for f in facts] == sorted(f["document"] for f in facts)
    table = cli("review")
    assert table.exit_code == 0 and "pending of" in table.output and facts[0]["id"] in table.output

    refused = cli("review", "accept")
    assert refused.exit_code != 0 and "say which facts" in refused.output and len(refused.output.strip().splitlines()) == 1
    unknown = cli("review", "reject", "nosuchid0000")
    assert unknown.exit_code != 0 and "nosuchid0000" in unknown.output

    first = facts[0]["id"]
    assert "rejected 1 fact" in cli("review", "reject", first).output
    assert first not in {f["id"] for f in pending(cli)}
    assert {f["id"]: f["decision"] for f in pending(cli, "--decided")}[first] == "rejected"

    located = [f for f in pending(cli) if f["type"] == "LOCATED_IN"]
    assert located and cli("review", "accept", "--type", "LOCATED_IN").exit_code == 0
    assert not [f for f in pending(cli) if f["type"] == "LOCATED_IN"]
    high = [f for f in pending(cli) if f["confidence"] >= 0.8]
    assert cli("review", "accept", "--min-confidence", "0.8").output.startswith(f"accepted {len(high)} ")
    assert cli("review", "reject", "--all").exit_code == 0
    assert pending(cli) == []
    assert "nothing to review" in cli("review").output


def test_a_chokepoint_report_counts_the_unreviewed_facts_behind_each_finding(tmp_path):
    doc = tmp_path / "chain.txt"
    doc.write_text(CHAIN, encoding="utf-8")
    with EmbeddedStore(tmp_path / "s.db") as store:
        api.load_files(store, [doc])
        report = api.chokepoints(store, scenarios=["remove org:harbor-rare-earths-ltd"])
        assert report["graph"]["unreviewed_facts"] > 0 and report["graph"]["reviewed_only"] is False
        assert report["chokepoints"] and all(row["unreviewed"] > 0 for row in report["chokepoints"])
        assert any(row["unreviewed"] > 0 for row in report["scenario"]["end_uses"])
        api.review_decide(store, "accepted", everything=True)
        report = api.chokepoints(store)
        assert report["graph"]["unreviewed_facts"] == 0 and all(row["unreviewed"] == 0 for row in report["chokepoints"])


def test_reviewed_only_leaves_unreviewed_facts_out_of_findings_and_exports(cli, tmp_path):
    doc = tmp_path / "chain.txt"
    doc.write_text(CHAIN, encoding="utf-8")
    assert cli("load", str(doc)).exit_code == 0
    report = json.loads(cli("chokepoints", "--format", "json").output)
    assert report["chokepoints"]
    refused = cli("chokepoints", "--reviewed-only")
    assert refused.exit_code != 0 and "no supply flow" in refused.output  # nothing reviewed yet
    out = tmp_path / "view.json"
    written = cli("export", "json", str(out))
    assert "unreviewed" in written.output
    assert any(edge["reviewed"] is False for edge in json.loads(out.read_text())["edges"])
    assert cli("export", "json", str(out), "--reviewed-only").exit_code == 0
    assert all(edge["type"] == "MENTIONED_IN" for edge in json.loads(out.read_text())["edges"])


def test_decisions_file_round_trip_keeps_a_rejected_fact_out_of_a_new_store(cli, tmp_path):
    assert cli("load", str(DOC)).exit_code == 0
    supply = next(f for f in pending(cli) if f["type"] == "SUPPLIES")
    cli("review", "reject", supply["id"])
    path = tmp_path / "team.decisions.yaml"
    assert "wrote 1 decision" in cli("review", "export", str(path)).output
    assert "SUPPLIES" in path.read_text(encoding="utf-8") and "doc:" not in path.read_text(encoding="utf-8")

    with EmbeddedStore(tmp_path / "fresh.db") as fresh:
        assert api.import_decisions(fresh, path) == 1
        api.load_files(fresh, [DOC])
        assert not [e for e in fresh.edges("SUPPLIES") if (e.source, e.target) == (supply["source"], supply["target"])
                    and supply["evidence"] in e.evidence]  # (the document states another supply between the two)
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "northwind.txt").write_text(DOC.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "team.decisions.yaml").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    with EmbeddedStore(tmp_path / "folder.db") as other:
        api.load_files(other, [folder])  # the folder's decisions file applies before its documents load
        assert not [e for e in other.edges("SUPPLIES") if (e.source, e.target) == (supply["source"], supply["target"])
                    and supply["evidence"] in e.evidence]


def test_a_decision_whose_sentence_the_document_no_longer_says_is_listed_as_unmatched(cli, tmp_path):
    doc = tmp_path / "chain.txt"
    doc.write_text(CHAIN, encoding="utf-8")
    assert cli("load", str(doc)).exit_code == 0
    bought = next(f for f in pending(cli) if f["evidence"].startswith("Northwind"))
    assert cli("review", "accept", bought["id"]).exit_code == 0
    assert pending(cli, "--unmatched") == []
    assert "every decision matches" in cli("review", "--unmatched").output

    doc.write_text(CHAIN.replace("buys NdPr oxide", "has bought NdPr oxide"), encoding="utf-8")  # the same fact, reworded
    assert cli("load", str(doc)).exit_code == 0
    unmatched = pending(cli, "--unmatched")
    assert [(u["id"], u["decision"]) for u in unmatched] == [(bought["id"], "accepted")]
    assert bought["id"] not in {f["id"] for f in pending(cli, "--decided")}
    table = cli("review", "--unmatched").output
    assert bought["id"] in table and "1 decision matches no extracted fact" in table
    with EmbeddedStore(cli.store_path) as store:
        assert api.review_counts(store)["unmatched"] == 1
        report = api.chokepoints(store)
        report["review"] = api.review_counts(store)
    assert "1 review decision matches no extracted fact" in " ".join(render_report(report).split())


def test_a_bad_decisions_file_is_one_line_naming_file_and_line(cli, tmp_path):
    path = tmp_path / "bad.decisions.yaml"
    path.write_text("decisions:\n  - decision: maybe\n    type: SUPPLIES\n    source: a\n    target: b\n    evidence: x\n",
                    encoding="utf-8")  # fmt: skip
    result = cli("review", "import", str(path))
    assert result.exit_code != 0 and f"{path}:2" in result.output and "maybe" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_the_demo_shows_the_gate_at_work(cli):
    result = cli("demo", "--format", "json")
    assert result.exit_code == 0, result.output
    decided = pending(cli, "--decided")
    assert {"accepted", "rejected"} <= {f["decision"] for f in decided}
    rejected = [f for f in decided if f["decision"] == "rejected"]
    assert pending(cli, "--unmatched") == []  # the samples' decisions file follows what the rules read today
    with EmbeddedStore(cli.store_path) as store:
        for f in rejected:
            assert not [e for e in store.edges(f["type"]) if (e.source, e.target) == (f["source"], f["target"])
                        and f["evidence"] in e.evidence]  # fmt: skip


def test_a_format_2_store_is_migrated_in_place_and_says_so(cli, tmp_path):
    assert cli("load", str(DOC), str(FIXTURES / "good")).exit_code == 0
    as_format_3(cli.store_path)
    db = sqlite3.connect(cli.store_path)  # make it a format 2 file: no review columns or tables
    for table in ("edges", "edge_claims"):
        rows = db.execute(f"SELECT rowid, payload FROM {table}").fetchall()
        db.executemany(f"UPDATE {table} SET payload = ? WHERE rowid = ?", [(json.dumps(json.loads(p)[:4]), r) for r, p in rows])
    db.execute("DROP TABLE decisions")
    db.execute("DROP TABLE extracted_ends")
    db.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    result = cli("stats")
    assert result.exit_code == 0 and "store format 2 migrated to 5" in result.stderr
    assert len([line for line in result.stderr.splitlines() if "migrated" in line]) == 1
    with EmbeddedStore(cli.store_path) as store:
        assert store.migrated is None  # already format 5
        edges = list(store.edges())
        assert any(not e.reviewed for e in edges if e.type == "SUPPLIES")
        assert all(e.reviewed for e in edges if "doc:test-source" in e.sources)
        assert store.candidates()
