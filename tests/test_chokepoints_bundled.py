"""The chokepoint report on the bundled rare-earth dataset: right by the facts it holds.

Skipped, with the reason, only when the bundled data is not there.
"""

from __future__ import annotations

import csv
import functools

import pytest

from supplygraph import api
from supplygraph.data import BUNDLED
from supplygraph.graph import EmbeddedStore
from supplygraph.graph.analyses.chokepoints import chokepoint_report

pytestmark = pytest.mark.skipif(
    not any(BUNDLED.glob("*.csv")), reason=f"the bundled dataset is not in {BUNDLED} (it lands on main from the dataset branch)"
)

MINE = "material:rare-earth-mine-production"
CHINESE_GROUPS = {"org:china-northern-rare-earth", "org:baogang-group", "org:china-rare-earth-group"}


@functools.cache
def _graph():
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp) / "bundled.db")
        api.load(store, api.read([BUNDLED]))
        graph = store.to_networkx()
        store.close()
    return graph


@functools.cache
def _report(**options):
    return chokepoint_report(_graph(), top=40, **options)


def test_mine_production_hhi_mcs_2026_year_2025_equals_the_hand_computation():
    """HHI = sum over the country rows of (100 x share)^2, read straight from the CSV."""
    with (BUNDLED / "usgs-mine-production.csv").open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["target"] == MINE and r["edition"] == "MCS 2026" and r["year"] == "2025"]
    assert len(rows) >= 10, "expected the MCS 2026 country table for 2025"
    by_hand = sum((100 * float(r["share"])) ** 2 for r in rows)
    top = max(rows, key=lambda r: float(r["share"]))
    row = next(r for r in _report()["concentration"] if r["subject"] == MINE and r["basis"] == "countries")
    assert (row["edition"], row["year"]) == ("MCS 2026", 2025), "the newest edition and year are the default"
    assert row["hhi"] == pytest.approx(by_hand, abs=0.05)
    assert row["producers"] == len(rows)
    assert (row["top_id"], row["top_share"]) == (top["source"], float(top["share"]))
    assert row["us_2023"] == "highly concentrated" and row["eu_crma"] == "above 65% from one third country"
    assert row["sources"] == ["doc:usgs-mcs-2026-rare-earths"]
    older = next(
        r for r in chokepoint_report(_graph(), edition="MCS 2025", year=2024)["concentration"] if r["subject"] == MINE and r["basis"] == "countries"
    )
    assert (older["edition"], older["year"]) == ("MCS 2025", 2024) and older["hhi"] != row["hhi"]


@pytest.mark.parametrize("stage", ["separation", "magnet"])
def test_china_tops_the_separation_and_magnet_stages(stage):
    rows = [r for r in _report()["concentration"] if r["stage"] == stage and r["basis"] == "countries" and r["hhi"] is not None]
    assert rows, f"no country shares at the {stage} stage"
    assert all(r["top_id"] == "country:CN" for r in rows), rows
    assert max(r["top_share"] for r in rows) > 0.9
    staged = chokepoint_report(_graph(), stage=stage)
    assert staged["chokepoints"] and all(r["stage"] == stage for r in staged["chokepoints"])
    assert staged["chokepoints"][0]["controlled_by"][0]["id"] == "country:CN", staged["chokepoints"][0]


@pytest.mark.parametrize(("end_use", "element"), [("enduse:guided-missile", "Sm"), ("enduse:guided-missile", "Dy"), ("enduse:guided-missile", "Tb")])
def test_defence_dependencies_show_the_chinese_groups_behind_them(end_use, element):
    detail = next(e for e in _report()["end_uses"] if e["id"] == end_use)
    assert detail["sector"] == "defense"
    dependency = next(d for d in detail["elements"] if d["element"] == element)
    assert dependency["restricted_by"], f"{element} materials should be under export control"
    organisations = {o["id"] for o in dependency["organisations"]}
    if element == "Sm":
        assert dependency["feed"][0]["top_id"] == "country:CN"
        assert CHINESE_GROUPS <= organisations, organisations
        assert "material:smco-magnet" in dependency["materials"]
    else:  # heavy rare earths: the southern ion-adsorption clays (China Rare Earth Group) and Myanmar, not Bayan Obo
        assert dependency["feed"][0]["top_id"] in ("country:CN", "country:MM")
        assert "org:china-rare-earth-group" in organisations, organisations


def test_smco_magnets_are_a_single_point_of_failure_for_defence_end_uses():
    dominated = {e["id"] for e in _report()["end_uses"] if "material:smco-magnet" in (e["dominators"] or [])}
    assert {"enduse:electronic-countermeasures", "enduse:tank-navigation-system", "enduse:travelling-wave-tube"} <= dominated
    row = next(r for r in _report()["chokepoints"] if r["id"] == "material:smco-magnet")
    assert "all supply paths to" in row["reason"] and row["sources"]


def test_remove_china_puts_the_defence_end_uses_at_risk_along_a_path_from_china():
    scenario = _report(scenarios=("remove country:CN",))["scenario"]
    missile = next(e for e in scenario["end_uses"] if e["id"] == "enduse:guided-missile")
    assert missile["share_at_risk"] >= 0.9, missile
    assert missile["path"][-1] == "enduse:guided-missile"
    assert scenario["materials"][MINE] == pytest.approx(0.6923, abs=1e-4), "China's MCS 2026 share of 2025 mine output"


def test_apply_the_april_2025_export_control():
    policies = [n for n, d in _graph().nodes(data=True) if d.get("label") == "Policy" and "No. 18" in (d.get("name") or "")]
    assert policies, "the dataset should hold MOFCOM/GAC Announcement No. 18"
    scenario = _report(scenarios=(f"apply policy:{policies[0].split(':', 1)[1]}",))["scenario"]
    assert "material:dy-oxide" in scenario["restricted"] and scenario["restricted"]["material:dy-oxide"] == ["CN"]


def test_demo_ends_with_the_chokepoint_report(cli):
    result = cli("demo")
    assert result.exit_code == 0, result.output
    tail = result.stdout.split("Chokepoints (", 1)
    assert len(tail) == 2, "demo should end with the chokepoint report"
    assert "Concentration" in tail[1] and "HHI" in tail[1]
