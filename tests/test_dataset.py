"""Checks on the bundled rare-earth dataset (``data/rare-earths``).

The data is read with :func:`_read_dataset`. When ``supplygraph.loaders.read_paths``
exists (the real loader, on ``main``) it is used; until then a small reader in
this module parses the same YAML/CSV format. Either way every record goes
through the schema (``parse_node`` / ``parse_fact`` / ``check_endpoints``).
"""

from __future__ import annotations

import csv
import functools
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

from supplygraph.schema import check_endpoints, parse_fact, parse_node, state_at

ROOT = Path(__file__).resolve().parents[1]
try:  # the package's own pointer to the bundled data, once it exists
    from supplygraph.data import BUNDLED as DATA
except ImportError:
    DATA = ROOT / "data" / "rare-earths"

FIGURE_FIELDS = ("share", "volume_t", "reserves_t", "capacity_t", "stake", "intensity_kg")
USGS_IEA_DOCS = {
    "doc:usgs-mcs-2025-rare-earths",
    "doc:usgs-mcs-2026-rare-earths",
    "doc:seaisi-iea-gcmo-2024",
    "doc:automotiveworld-2025-china-halts",
    "doc:reex-iea-2025-10",
}


# --------------------------------------------------------------------------- reading


def _split(value: str, sep: str) -> list[str]:
    return [part.strip() for part in value.split(sep) if part.strip()]


def _cell(value: str):
    """A CSV cell as a YAML scalar would read: numbers, booleans, or text."""
    value = value.strip()
    if value == "":
        return None
    if value in ("true", "false"):
        return value == "true"
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value


def _read_csv(path: Path) -> tuple[list[dict], list[dict]]:
    entities, facts = [], []
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        is_facts = {"type", "source", "target", "sources"} <= set(columns)
        for row in reader:
            record = {}
            for key, raw in row.items():
                if key in ("sources",):
                    record[key] = _split(raw or "", ";")
                elif key == "aliases":
                    record[key] = _split(raw or "", "|")
                elif key in ("id", "label", "name", "type", "source", "target", "edition", "note", "evidence", "basis", "material", "measure"):
                    if raw and raw.strip():
                        record[key] = raw.strip()
                else:
                    value = _cell(raw or "")
                    if value is not None:
                        record[key] = value
            (facts if is_facts else entities).append(record)
    return entities, facts


def _read_raw(paths: list[Path]) -> tuple[list[dict], list[dict]]:
    """(entities, facts) as plain dicts, each tagged with '_file'."""
    entities, facts = [], []
    for path in paths:
        if path.suffix == ".csv":
            ents, fcts = _read_csv(path)
        else:
            doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            ents = [dict(s, label="Document") for s in doc.get("sources", []) or []]
            ents += list(doc.get("entities", []) or [])
            fcts = list(doc.get("facts", []) or [])
        for record in ents:
            record["_file"] = path.name
        for record in fcts:
            record["_file"] = path.name
        entities += ents
        facts += fcts
    return entities, facts


def _data_files() -> list[Path]:
    return sorted(p for p in DATA.iterdir() if p.suffix in (".yaml", ".yml", ".csv"))


@functools.lru_cache(maxsize=1)
def _read_dataset():
    """(nodes, facts, raw_entities, raw_facts): schema objects and the raw dicts."""
    raw_entities, raw_facts = _read_raw(_data_files())
    try:  # the real loader, once it has landed on main
        from supplygraph.loaders import read_paths  # type: ignore[attr-defined]
    except ImportError:
        read_paths = None
    if read_paths is not None:
        units = read_paths([DATA])
        nodes = [n for u in units for n in u.nodes]
        facts = [f for u in units for f in u.facts]
    else:
        nodes = [parse_node({k: v for k, v in e.items() if k != "_file"}) for e in raw_entities]
        facts = [parse_fact({k: v for k, v in f.items() if k != "_file"}) for f in raw_facts]
    return nodes, facts, raw_entities, raw_facts


@pytest.fixture(scope="module")
def dataset():
    return _read_dataset()


@pytest.fixture(scope="module")
def nodes_by_id(dataset):
    nodes, _, _, _ = dataset
    return {n.id: n for n in nodes}


@pytest.fixture(scope="module")
def facts(dataset):
    return dataset[1]


def _find(facts, type_, source=None, target=None, **props):
    out = []
    for f in facts:
        if f.type != type_ or (source and f.source != source) or (target and f.target != target):
            continue
        if all(getattr(f, k, None) == v for k, v in props.items()):
            out.append(f)
    return out


def _one(facts, type_, source, target, **props):
    found = _find(facts, type_, source, target, **props)
    assert len(found) == 1, f"expected one {type_} {source}->{target} {props}, found {len(found)}: {found}"
    return found[0]


# --------------------------------------------------------------------------- 1. size and coverage


def test_counts(dataset):
    nodes, facts, _, _ = dataset
    non_documents = [n for n in nodes if n.label != "Document"]
    assert len(nodes) >= 220, len(nodes)
    assert len(non_documents) >= 200, len(non_documents)
    assert len(facts) >= 450, len(facts)


def test_every_label_used(dataset):
    nodes, _, _, _ = dataset
    labels = Counter(n.label for n in nodes)
    wanted = {
        "Country", "Place", "StateOwnedEnterprise", "Company", "University", "ResearchInstitute",
        "GovernmentBody", "Facility", "Element", "Material", "EndUse", "Policy", "Event", "Document",
    }
    assert wanted <= set(labels), wanted - set(labels)


def test_relationship_types_used(facts):
    types = Counter(f.type for f in facts)
    wanted = {
        "SUBSIDIARY_OF", "COOPERATES_WITH", "PARTICIPATED_IN", "LOCATED_IN", "OPERATES", "PRODUCES",
        "HAS_RESERVES", "SUPPLIES", "CONTAINS", "INPUT_TO", "USED_IN", "DEPENDS_ON", "RESTRICTS", "ISSUED_BY",
    }
    assert wanted <= set(types), wanted - set(types)


def test_all_17_rare_earths_and_other_elements(nodes_by_id):
    rees = "La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Sc Y".split()
    for symbol in rees + ["Co", "Fe", "B", "Ga", "Ge", "Sb"]:
        assert f"element:{symbol}" in nodes_by_id, symbol
    assert nodes_by_id["element:Dy"].group == "heavy"
    assert nodes_by_id["element:Nd"].group == "light"
    assert "material:graphite" in nodes_by_id


def test_chain_stages(nodes_by_id, facts):
    stages = {n.stage for n in nodes_by_id.values() if n.label == "Material"}
    assert {"mining", "separation", "metal", "alloy", "magnet", "component"} <= stages
    chain = [
        ("material:rare-earth-mine-production", "material:mixed-rare-earth-carbonate"),
        ("material:ndpr-oxide", "material:ndpr-metal"),
        ("material:ndpr-metal", "material:ndfeb-alloy"),
        ("material:ndfeb-alloy", "material:sintered-ndfeb-magnet"),
        ("material:sm-oxide", "material:sm-metal"),
        ("material:sm-metal", "material:smco-alloy"),
        ("material:smco-alloy", "material:smco-magnet"),
    ]
    for src, dst in chain:
        _one(facts, "INPUT_TO", src, dst)
    for enduse in ("ev-traction-motor", "wind-turbine-generator", "hard-disk-drive", "guided-missile", "radar"):
        assert _find(facts, "USED_IN", target=f"enduse:{enduse}"), enduse
    assert _find(facts, "USED_IN", "material:smco-ring-stack", "enduse:travelling-wave-tube")


# --------------------------------------------------------------------------- 2. integrity and provenance


def test_ids_unique_and_consistent(dataset):
    _, _, raw_entities, _ = dataset
    seen: dict[str, dict] = {}
    for record in raw_entities:
        body = {k: v for k, v in record.items() if k != "_file"}
        if record["id"] in seen:
            assert seen[record["id"]] == body, f"{record['id']} defined twice with different content"
        seen[record["id"]] = body


def test_endpoints_resolve_and_are_allowed(nodes_by_id, facts):
    for fact in facts:
        assert fact.source in nodes_by_id, f"{fact.type}: undefined source {fact.source}"
        assert fact.target in nodes_by_id, f"{fact.type}: undefined target {fact.target}"
        check_endpoints(fact, nodes_by_id[fact.source].label, nodes_by_id[fact.target].label)


def test_every_fact_cites_a_document_with_title_and_url(nodes_by_id, facts):
    for fact in facts:
        assert fact.sources, fact
        for doc_id in fact.sources:
            doc = nodes_by_id.get(doc_id)
            assert doc is not None and doc.label == "Document", f"{fact.type} {fact.source}->{fact.target}: {doc_id}"
            assert doc.title, doc_id
            assert doc.url or (doc.note and "No URL" in doc.note), f"{doc_id} has no URL and no reason"


def test_figures_have_year_and_edition(facts):
    for fact in facts:
        figures = [name for name in FIGURE_FIELDS if getattr(fact, name, None) is not None]
        if not figures:
            continue
        where = f"{fact.type} {fact.source}->{fact.target} {figures}"
        assert fact.year is not None or fact.as_of is not None, f"{where}: no year/as_of"
        if set(fact.sources) & USGS_IEA_DOCS:
            assert fact.edition, f"{where}: USGS/IEA figure without edition"


def test_node_references_in_properties_resolve(nodes_by_id, facts):
    for fact in facts:
        for name in ("material", "event"):
            value = getattr(fact, name, None)
            if isinstance(value, str) and ":" in value:
                assert value in nodes_by_id, f"{fact.type} {fact.source}->{fact.target}: {name}={value}"


# --------------------------------------------------------------------------- 3. no contradictions


def test_no_contradictions_within_one_source(facts):
    groups = defaultdict(list)
    for fact in facts:
        figures = {name: getattr(fact, name, None) for name in FIGURE_FIELDS}
        figures = {k: v for k, v in figures.items() if v is not None}
        if not figures:
            continue
        extra = tuple(getattr(fact, name, None) for name in ("material", "measure", "basis", "quota", "as_of"))
        for doc in fact.sources:
            key = (fact.type, fact.source, fact.target, fact.year, fact.edition, doc, extra)
            groups[key].append(figures)
    for key, values in groups.items():
        for name in FIGURE_FIELDS:
            seen = {v[name] for v in values if name in v}
            assert len(seen) <= 1, f"{key}: {name} takes values {sorted(seen)}"


def test_no_duplicate_edge_keys_with_different_figures(facts):
    """Facts the store would merge (same Fact.key) must not carry different figures."""
    by_key = defaultdict(list)
    for fact in facts:
        by_key[fact.key()].append(fact)
    for group in by_key.values():
        for name in FIGURE_FIELDS:
            values = {getattr(f, name, None) for f in group}
            assert len(values) <= 1, f"{group[0].type} {group[0].source}->{group[0].target}: {name} {values}"


# --------------------------------------------------------------------------- 4. figures checked against the sources

CN, US, AU = "country:CN", "country:US", "country:AU"
MINE = "material:rare-earth-mine-production"
ORE = "material:rare-earth-ore"
COMPOUNDS = "material:rare-earth-compounds-and-metals"
WORLD = {("MCS 2025", 2023): 376000, ("MCS 2025", 2024): 390000, ("MCS 2026", 2024): 380000, ("MCS 2026", 2025): 390000}


def test_china_mine_production_2025_mcs2026(facts):
    fact = _one(facts, "PRODUCES", CN, MINE, year=2025, edition="MCS 2026")
    assert fact.volume_t == 270000
    assert fact.share == pytest.approx(270000 / 390000, abs=1e-4)
    assert fact.estimate is True
    assert "doc:usgs-mcs-2026-rare-earths" in fact.sources


def test_china_2024_is_a_quota_in_mcs2025_and_share_differs_by_edition(facts):
    old = _one(facts, "PRODUCES", CN, MINE, year=2024, edition="MCS 2025")
    new = _one(facts, "PRODUCES", CN, MINE, year=2024, edition="MCS 2026")
    assert old.volume_t == new.volume_t == 270000
    assert old.quota is True and old.estimate is True
    assert old.share == pytest.approx(0.6923, abs=1e-4)  # 270/390
    assert new.share == pytest.approx(0.7105, abs=1e-4)  # 270/380 after the revision
    assert new.quota is not True  # MCS 2026 v1.1 removed the quota footnote from 2024
    assert _one(facts, "PRODUCES", CN, MINE, year=2025, edition="MCS 2026").quota is not True


def test_australia_2024_revised_between_editions(facts):
    assert _one(facts, "PRODUCES", AU, MINE, year=2024, edition="MCS 2025").volume_t == 13000
    revised = _one(facts, "PRODUCES", AU, MINE, year=2024, edition="MCS 2026")
    assert revised.volume_t == 29000
    assert "13000" in (revised.note or "")


def test_usgs_shares_use_the_rounded_world_total(facts):
    rows = [f for f in facts if f.type == "PRODUCES" and f.target == MINE and f.edition in ("MCS 2025", "MCS 2026")]
    assert len(rows) == 48  # 12 countries x 4 columns
    for fact in rows:
        world = WORLD[(fact.edition, fact.year)]
        assert fact.share == pytest.approx(fact.volume_t / world, abs=6e-5), fact
    assert {f.source for f in rows} >= {CN, US, AU, "country:MM", "country:TH", "country:NG"}
    assert _one(facts, "PRODUCES", "country:MM", MINE, year=2025, edition="MCS 2026").volume_t == 22000


def test_reserves_by_edition(facts):
    for edition, year in (("MCS 2025", 2024), ("MCS 2026", 2025)):
        assert _one(facts, "HAS_RESERVES", CN, ORE, edition=edition, year=year).reserves_t == 44_000_000
    assert _one(facts, "HAS_RESERVES", AU, ORE, edition="MCS 2025").reserves_t == 5_700_000  # not '135,700,000'
    assert _one(facts, "HAS_RESERVES", AU, ORE, edition="MCS 2026").reserves_t == 6_300_000
    assert _one(facts, "HAS_RESERVES", "country:BR", ORE, edition="MCS 2025").reserves_t == 21_000_000
    assert _one(facts, "HAS_RESERVES", "country:BR", ORE, edition="MCS 2026").reserves_t == 11_000_000
    assert not _find(facts, "HAS_RESERVES", "country:IN", ORE, edition="MCS 2026")  # NA in MCS 2026


def test_ownership_stakes(facts):
    """Stakes are HOLDS_STAKE_IN with their percentage; SUBSIDIARY_OF is control, stated by a source."""
    cnre = _one(facts, "HOLDS_STAKE_IN", "org:baogang-group", "org:china-northern-rare-earth")
    assert cnre.stake == pytest.approx(0.3671) and str(cnre.as_of).startswith("2023")
    control = _one(facts, "SUBSIDIARY_OF", "org:china-northern-rare-earth", "org:baogang-group")
    assert "largest shareholder" in control.evidence and control.stake is None
    sasac = _one(facts, "HOLDS_STAKE_IN", "org:sasac", "org:china-rare-earth-group")
    assert sasac.stake == pytest.approx(0.3121)
    assert "32.21" in sasac.note  # the misprint is recorded, not used
    stakes = [f.stake for f in _find(facts, "HOLDS_STAKE_IN", target="org:china-rare-earth-group") if f.stake is not None]
    assert sorted(stakes) == pytest.approx(sorted([0.3121, 0.2033, 0.2033, 0.2033, 0.039, 0.039]))
    assert sum(stakes) == pytest.approx(1.0, abs=1e-3)
    assert {f.target for f in _find(facts, "SUBSIDIARY_OF", "org:china-rare-earth-group")} == {"org:sasac"}


def test_no_minority_stake_recorded_as_control(facts):
    for fact in _find(facts, "SUBSIDIARY_OF"):
        assert fact.stake is None or fact.stake > 0.5, f"{fact.source} -> {fact.target}: a {fact.stake:.0%} stake is HOLDS_STAKE_IN"


def test_us_import_sources_and_net_import_reliance(facts):
    shares = {
        f.target: f.share
        for f in _find(facts, "DEPENDS_ON", US, edition="MCS 2025", measure="import source share")
    }
    assert shares == pytest.approx({CN: 0.70, "country:MY": 0.13, "country:JP": 0.06, "country:EE": 0.05})
    shares26 = {
        f.target: f.share
        for f in _find(facts, "DEPENDS_ON", US, edition="MCS 2026", measure="import source share")
    }
    assert shares26 == pytest.approx({CN: 0.71, "country:MY": 0.13, "country:JP": 0.05, "country:EE": 0.05})
    nir = {
        (f.edition, f.year): f for f in _find(facts, "DEPENDS_ON", US, COMPOUNDS, measure="net import reliance")
    }
    assert nir[("MCS 2025", 2024)].share == pytest.approx(0.80)
    assert nir[("MCS 2026", 2025)].share == pytest.approx(0.67)
    assert nir[("MCS 2026", 2024)].share == pytest.approx(0.53)
    for key in (("MCS 2025", 2024), ("MCS 2026", 2025), ("MCS 2026", 2024)):
        assert nir[key].note, f"{key}: the disagreement between editions must be noted"


def test_mp_materials_dod_deal(facts):
    stake = _one(facts, "HOLDS_STAKE_IN", "org:us-dod", "org:mp-materials")
    assert stake.stake == pytest.approx(0.15) and stake.note
    assert not _find(facts, "SUBSIDIARY_OF", "org:mp-materials", "org:us-dod"), "a 15 % stake is not control"
    agreements = [f.agreement for f in _find(facts, "COOPERATES_WITH") if {f.source, f.target} == {"org:mp-materials", "org:us-dod"}]
    assert any("110" in a and "NdPr" in a for a in agreements), agreements
    assert _one(facts, "PRODUCES", "facility:mp-independence", "material:ndfeb-magnet").capacity_t == 1000


def test_magnet_plants_and_shares(facts):
    narva = _one(facts, "PRODUCES", "facility:neo-narva", "material:sintered-ndfeb-magnet")
    assert narva.capacity_t == 2000 and narva.year == 2025
    jl = _one(facts, "PRODUCES", "org:jl-mag", "material:ndfeb-magnet")
    assert jl.share == pytest.approx(0.145)
    iluka = {f.edition: f.capacity_t for f in _find(facts, "PRODUCES", "facility:eneabba-refinery", "material:separated-rare-earth-oxides")}
    assert iluka == {"Kallanish, Dec 2024": 23000, "Mining Weekly, Feb 2024": 17500}


def test_f35_figures_both_present_with_notes(facts):
    crs = _one(facts, "USED_IN", "material:rare-earth-materials", "enduse:f-35")
    adamas = _one(facts, "USED_IN", "material:rare-earth-elements-contained", "enduse:f-35")
    assert crs.intensity_kg == pytest.approx(417, abs=1)  # 920 lb
    assert "doc:crs-r41744" in crs.sources
    assert adamas.intensity_kg == 20 and "11-20" in adamas.note
    assert "doc:pulse-adamas-f35-2026" in adamas.sources
    assert "Adamas" in crs.note and "920" in adamas.note


def test_quotas_and_first_batch_split(facts):
    assert _one(facts, "RESTRICTS", "policy:china-re-quota-2024", MINE).volume_t == 270000
    assert _one(facts, "RESTRICTS", "policy:china-re-quota-2023", MINE).volume_t == 255000
    assert _one(facts, "RESTRICTS", "policy:china-re-quota-2024-first-batch", MINE).volume_t == 135000
    cnre = _one(facts, "PRODUCES", "org:china-northern-rare-earth", MINE, year=2024)
    creg = _one(facts, "PRODUCES", "org:china-rare-earth-group", MINE, year=2024)
    assert (cnre.volume_t, creg.volume_t) == (94580, 40420) and cnre.quota and creg.quota
    assert cnre.volume_t + creg.volume_t == 135000
    issuers = {f.target for f in _find(facts, "ISSUED_BY", "policy:china-re-quota-2024")}
    assert issuers == {"org:miit", "org:mnr"}


def test_export_controls(nodes_by_id, facts):
    no18 = {f.target for f in _find(facts, "RESTRICTS", "policy:mofcom-gac-2025-18")}
    assert {f"element:{s}" for s in "Sm Gd Tb Dy Lu Sc Y".split()} <= no18
    assert "material:smco-magnet" in no18
    no18 = nodes_by_id["policy:mofcom-gac-2025-18"]
    assert state_at(no18.lifecycle, "2026-12-06").state == "in_force" and no18.measure == "licensing"
    for number in (55, 56, 57, 58, 61, 62):
        policy = nodes_by_id[f"policy:mofcom-2025-{number}"]
        suspension = [s for s in policy.lifecycle if s.state == "suspended"]
        assert [(s.since, s.until) for s in suspension] == [("2025-11-07", "2026-11-10")], number
        assert state_at(policy.lifecycle, "2026-06-30").state == "suspended", number
        lapsed = state_at(policy.lifecycle, "2026-12-06")
        assert lapsed.lapsed is not None and lapsed.state == "in_force", number
    no57 = {f.target for f in _find(facts, "RESTRICTS", "policy:mofcom-2025-57")}
    assert no57 == {f"element:{s}" for s in "Ho Er Tm Eu Yb".split()}
    assert {f.target for f in _find(facts, "ISSUED_BY", "policy:mofcom-gac-2025-18")} == {"org:mofcom", "org:gac"}


def test_iea_stage_shares_keep_their_dates(facts):
    sep = {(f.edition, f.year, str(f.as_of) if f.as_of else None): f.share
           for f in _find(facts, "PRODUCES", CN, "material:separated-rare-earth-oxides") if f.share is not None}
    assert sep[("IEA GCMO 2024", 2023, None)] == pytest.approx(0.92)
    assert sep[("IEA commentary 2025-10-23", None, "2025-10-23")] == pytest.approx(0.91)
    magnets = _one(facts, "PRODUCES", CN, "material:rare-earth-permanent-magnet", edition="IEA commentary 2025-10-23")
    assert magnets.share == pytest.approx(0.94)
    assert _one(facts, "PRODUCES", CN, MINE, edition="IEA GCMO 2024", year=2023).share == pytest.approx(0.62)


def test_bayan_obo_world_share_disagreement_kept(facts):
    shares = {f.year: f.share for f in _find(facts, "HAS_RESERVES", "place:bayan-obo", ORE) if f.share is not None}
    assert shares[2021] == pytest.approx(0.378) and shares[2014] == pytest.approx(0.387)


def test_seed_event(nodes_by_id, facts):
    event = nodes_by_id["event:baogang-alloy-collaboration-2025-02-28"]
    assert str(event.date) == "2025-02-28"
    roles = {f.source: f.role for f in _find(facts, "PARTICIPATED_IN", target=event.id)}
    assert roles["org:baogang-group"] == "host"
    assert roles["org:baogang-united-front-work-department"] == "co-organiser"
    deal = [f for f in _find(facts, "COOPERATES_WITH") if f.event == event.id and "org:baotou-rare-earth-research-institute" in (f.source, f.target)]
    assert deal and "org:baogang-beijing-subsidiary" in (deal[0].source, deal[0].target)
    seed = nodes_by_id["doc:reex-baogang-alloys-2025"]
    assert seed.publisher == "Rare Earth Exchanges" and seed.url


def test_aliases_for_entity_resolution(nodes_by_id):
    def aliases(node_id):
        node = nodes_by_id[node_id]
        return {node.name, *node.aliases}

    assert {"北方稀土", "包钢稀土", "China North Rare Earth", "Baotou Steel Rare-Earth"} <= aliases("org:china-northern-rare-earth")
    assert {"包钢集团", "包钢"} <= aliases("org:baogang-group") and "Baotou Steel" in aliases("org:baotou-steel-union")
    assert {"中国稀土集团"} <= aliases("org:china-rare-earth-group")
    assert {"Pentagon", "DoD"} <= aliases("org:us-dod")
    assert {"MOFCOM"} <= aliases("org:mofcom")
    assert {"Burma"} <= aliases("country:MM") and nodes_by_id["country:MM"].name == "Myanmar"
    assert {"包头稀土研究院"} <= aliases("org:baotou-rare-earth-research-institute")
    assert str(nodes_by_id["org:baotou-rare-earth-research-institute"].founded) == "1963"
    assert {"白云鄂博"} <= aliases("place:bayan-obo")


def test_flow_graph_is_acyclic_and_reaches_the_end_uses(facts):
    import networkx as nx

    flow = nx.DiGraph((f.source, f.target) for f in facts if f.type in ("INPUT_TO", "USED_IN"))
    assert nx.is_directed_acyclic_graph(flow), nx.find_cycle(flow)
    downstream = nx.descendants(flow, MINE)
    for enduse in ("ev-traction-motor", "wind-turbine-generator", "hard-disk-drive", "guided-missile",
                   "fighter-aircraft", "radar", "travelling-wave-tube", "f-35", "ddg-51", "virginia-class-submarine"):
        assert f"enduse:{enduse}" in downstream, enduse


def test_no_name_or_alias_points_at_two_entities(dataset):
    """Entity resolution matches names and aliases case-insensitively: each must be unambiguous."""
    nodes = dataset[0]
    owners = defaultdict(set)
    for node in nodes:
        if node.label == "Document":
            continue
        for name in (node.name, *node.aliases):
            owners[name.casefold()].add(node.id)
    clashes = {name: sorted(ids) for name, ids in owners.items() if len(ids) > 1}
    assert not clashes, clashes


def test_every_document_is_cited(dataset):
    nodes, facts, _, _ = dataset
    cited = {doc for fact in facts for doc in fact.sources}
    uncited = [n.id for n in nodes if n.label == "Document" and n.id not in cited]
    assert not uncited, uncited


def test_categories_name_their_members(nodes_by_id, facts):
    """A collective material is a category with members, and only categories have members."""
    categories = {i for i, n in nodes_by_id.items() if getattr(n, "category", False)}
    assert {"material:rare-earth-alloys", "material:rare-earth-permanent-magnet", "material:rare-earth-materials",
            "material:rare-earth-elements-contained", "material:separated-rare-earth-oxides", "material:ndfeb-magnet"} <= categories
    members = defaultdict(set)
    for fact in _find(facts, "MEMBER_OF"):
        assert fact.target in categories, f"{fact.target} has members but is not marked category: true"
        assert not getattr(nodes_by_id[fact.source], "category", False) or fact.source in categories
        members[fact.target].add(fact.source)
    for category in categories:
        assert members[category], f"{category} names no members"
    assert {"material:sintered-ndfeb-magnet", "material:smco-magnet"} <= members["material:rare-earth-permanent-magnet"]
    assert "material:cobalt-metal" not in members["material:rare-earth-alloys"]


# --------------------------------------------------------------------------- 5. issue 11: data that closes the gaps


def test_heavy_rare_earths_come_from_the_ionic_clays_not_bayan_obo(facts):
    """Dy and Tb oxide: China Rare Earth Group and the southern clays (and Myanmar), never CNRE or Bayan Obo."""
    for oxide in ("material:dy-oxide", "material:tb-oxide"):
        assert _one(facts, "PRODUCES", "org:china-rare-earth-group", oxide).confidence < 1  # inferred from the quota split
        assert _one(facts, "INPUT_TO", "material:ionic-clay-rare-earths", oxide)
    heavy = {"material:dy-oxide", "material:tb-oxide", "material:dy-metal", "material:tb-metal", "material:heavy-rare-earth-oxides"}
    for light_source in ("org:china-northern-rare-earth", "facility:bayan-obo-mine", "org:baogang-group", "place:bayan-obo"):
        assert not [f for f in _find(facts, "PRODUCES", light_source) if f.target in heavy], light_source
    assert "215.5" in _one(facts, "PRODUCES", CN, "material:dy-oxide").evidence
    assert "40.8" in _one(facts, "PRODUCES", CN, "material:tb-oxide").evidence
    quota = {f.year: f.volume_t for f in _find(facts, "RESTRICTS", target="material:ionic-clay-rare-earths")}
    assert quota == {2020: 19150, 2024: 10140}


def test_southern_groups_are_separate_companies(nodes_by_id, facts):
    south = nodes_by_id["org:china-southern-rare-earth-group"]
    assert "南方稀土" in south.aliases and "南方稀土" not in nodes_by_id["org:ganzhou-rare-earth-group"].aliases
    assert _one(facts, "SUBSIDIARY_OF", south.id, "org:ganzhou-rare-earth-group").stake == pytest.approx(0.60)
    stakes = {f.source: f.stake for f in _find(facts, "HOLDS_STAKE_IN", target=south.id)}
    assert stakes == pytest.approx({"org:jiangxi-copper": 0.35, "org:jiangxi-rare-earth-tungsten-group": 0.05})
    guangdong = _one(facts, "SUBSIDIARY_OF", "org:guangdong-rare-earth-group", "org:china-rare-earth-group")
    assert guangdong.stake == 1.0 and str(guangdong.since) == "2023-12-29"
    assert _one(facts, "SUBSIDIARY_OF", "org:china-rare-earth-resources-technology", "org:china-rare-earth-group")


def test_myanmar_feeds_chinas_heavy_rare_earth_separation(facts):
    shipped = {f.year: f for f in _find(facts, "SUPPLIES", "country:MM", CN, material="material:ionic-clay-rare-earths")}
    assert {y: f.volume_t for y, f in shipped.items()} == {2018: 23000, 2020: 35539, 2023: 50000, 2025: None}
    assert shipped[2018].confidence < 1 and shipped[2023].confidence < 1  # weak reposts
    assert "311" in shipped[2025].evidence and "89%" in shipped[2025].evidence
    dependence = _one(facts, "DEPENDS_ON", CN, "country:MM", material="material:ionic-clay-rare-earths")
    assert dependence.share == pytest.approx(0.6) and dependence.year == 2020
    myanmar = _one(facts, "PRODUCES", "country:MM", "material:ionic-clay-rare-earths")
    assert myanmar.share is None and "roughly half" in myanmar.evidence  # no one-country concentration row


def test_later_mofcom_announcements_and_no18_licensing(nodes_by_id, facts):
    no46 = nodes_by_id["policy:mofcom-2024-12-us-dual-use"]
    assert "No. 46 [2024]" in no46.reference and no46.measure == "ban"
    assert state_at(no46.lifecycle, "2026-06-30").state == "suspended"
    lapsed = state_at(no46.lifecycle, "2026-12-06")  # No. 72's end date has passed: in force again, unconfirmed
    assert lapsed.state == "in_force" and lapsed.lapsed.until == "2026-11-27"
    assert "material:graphite" in {f.target for f in _find(facts, "RESTRICTS", no46.id)}
    article1 = nodes_by_id["policy:mofcom-2024-46-military"]
    assert state_at(article1.lifecycle, "2026-06-30").state == "in_force"
    assert not _find(facts, "RESTRICTS", article1.id), "a ban on one class of buyer removes no supply"
    no72 = nodes_by_id["policy:mofcom-2025-72"]
    assert [(s.since, s.until) for s in no72.lifecycle] == [("2025-11-09", "2026-11-27")]
    no18 = nodes_by_id["policy:mofcom-gac-2025-18"]
    assert no18.measure == "licensing" and no18.lead_time_days == 63  # 45 working days
    holders = {f.source for f in _find(facts, "PARTICIPATED_IN", target="event:no18-general-licences-2025-12-02") if f.role == "general licence holder"}
    assert holders == {"org:jl-mag", "org:ningbo-yunsheng", "org:zhong-ke-san-huan"}


def test_dfars_magnet_rule_takes_effect_on_1_january_2027(nodes_by_id, facts):
    rule = nodes_by_id["policy:dfars-252-225-7052"]
    assert rule.measure == "procurement"
    now = state_at(rule.lifecycle, "2026-12-06")
    assert now.state == "announced" and now.next.state == "in_force" and now.next.since == "2027-01-01"
    assert state_at(rule.lifecycle, "2027-06-30").state == "in_force"
    assert {f.target for f in _find(facts, "RESTRICTS", rule.id)} == {"material:smco-magnet", "material:ndfeb-magnet"}
    earlier = nodes_by_id["policy:dfars-252-225-7052-2019"]  # melted or produced: in force since 2019
    assert state_at(earlier.lifecycle, "2026-12-06").state == "amended" and earlier.measure == "procurement"
    assert {f.target for f in _find(facts, "ISSUED_BY", rule.id)} == {"org:us-dod"}


def test_samarium_and_smco_makers_outside_china(facts):
    assert _one(facts, "PRODUCES", CN, "material:sm-metal").share == 1.0  # NYT: "the entire world's supply"
    assert _one(facts, "PRODUCES", CN, "material:smco-magnet", year=2019).volume_t == 2400
    assert _one(facts, "PRODUCES", "facility:solvay-la-rochelle", "material:sm-oxide")
    assert _one(facts, "PRODUCES", "facility:lcm-ellesmere-port", "material:sm-metal")
    assert {f.target for f in _find(facts, "SUPPLIES", "org:solvay") if f.material == "material:sm-oxide"} == {
        "org:less-common-metals", "org:permag"}
    for plant in ("facility:eec-landisville", "facility:arnold-lupfig"):
        assert _one(facts, "PRODUCES", plant, "material:smco-magnet")
    assert _one(facts, "SUBSIDIARY_OF", "org:arnold-magnetic-technologies", "org:compass-diversified").stake == pytest.approx(0.966)
    old = _one(facts, "SUBSIDIARY_OF", "org:less-common-metals", "org:indian-ocean-rare-metals")
    new = _one(facts, "SUBSIDIARY_OF", "org:less-common-metals", "org:usa-rare-earth")
    assert str(old.until) == str(new.since) == "2025-11-18" and new.stake == 1.0
    assert _one(facts, "USED_IN", "material:smco-magnet", "enduse:f-35").intensity_kg == 22
    assert _one(facts, "PRODUCES", "org:china-northern-rare-earth", "material:sm-oxide").confidence < 1


def test_plant_lifecycles_are_dated(nodes_by_id, facts):
    today, later = "2026-12-06", "2028-06-30"
    lynas_new = nodes_by_id["facility:lynas-malaysia-heavy-re-plant"].lifecycle
    assert state_at(lynas_new, today).state != "operating"  # planned: samarium from April 2026 is a ramp, unconfirmed
    assert [s.since for s in lynas_new][0] == "2025-10-29"
    assert state_at(nodes_by_id["facility:lynas-malaysia-gebeng"].lifecycle, today).state == "operating"
    assert state_at(nodes_by_id["facility:lynas-texas-refinery"].lifecycle, today).state == "cancelled"  # scrapped in November 2025
    tenx = nodes_by_id["facility:mp-10x"].lifecycle
    assert state_at(tenx, today).state == "construction" and state_at(tenx, today).next.since == "2028"
    assert _one(facts, "LOCATED_IN", "facility:mp-10x", "place:northlake")
    eneabba = nodes_by_id["facility:eneabba-refinery"].lifecycle
    assert state_at(eneabba, today).state == "construction" and state_at(eneabba, later).state == "commissioning"
    sumter = {s.state: s.since for s in nodes_by_id["facility:evac-sumter"].lifecycle}
    assert sumter == {"announced": "2023-12", "construction": "2024-03-07", "operating": "2025-12"}
    stillwater = nodes_by_id["facility:usar-stillwater"].lifecycle  # commercial operation scheduled for 1H 2026
    assert state_at(stillwater, "2026-05-31").state == "announced" and state_at(stillwater, "2026-05-31").next.since == "2026-06"
    assert [(s.state, s.since, s.expected) for s in stillwater][-1] == ("operating", "2026-06", True)
    round_top = nodes_by_id["facility:round-top-project"].lifecycle
    assert state_at(round_top, today).state == "announced" and state_at(round_top, "2029-01-01").state == "operating"
    assert _one(facts, "PRODUCES", "facility:noveon-san-marcos", "material:sintered-ndfeb-magnet").capacity_t == 2000
    assert _one(facts, "PRODUCES", "facility:lynas-malaysia-gebeng", "material:heavy-rare-earth-oxides").capacity_t == 1500
    assert _one(facts, "PRODUCES", "facility:mp-heavy-re-separation", "material:heavy-rare-earth-oxides").capacity_t == 200


def test_end_uses_process_by_process_and_mri_as_it_is(facts):
    chips = {(f.source, f.target) for f in _find(facts, "USED_IN") if f.target in (
        "enduse:semiconductor-cmp", "enduse:plasma-etch-chamber-coating", "enduse:high-k-gate-dielectric", "enduse:rf-filter")}
    assert {("material:ce-oxide", "enduse:semiconductor-cmp"), ("material:y-oxide", "enduse:plasma-etch-chamber-coating"),
            ("material:la-oxide", "enduse:high-k-gate-dielectric"), ("material:alscn-film", "enduse:rf-filter")} <= chips
    assert not _find(facts, "USED_IN", "material:separated-rare-earth-oxides", "enduse:semiconductors")
    assert _one(facts, "USED_IN", "material:ysz", "enduse:thermal-barrier-coating")
    assert _one(facts, "USED_IN", "material:lyso-crystal", "enduse:pet-scanner")
    mri = {f.source for f in _find(facts, "USED_IN", target="enduse:medical-imaging")}
    assert mri == {"material:nbti-superconductor", "material:liquid-helium", "material:gadolinium-contrast-agent"}
    assert "30-45%" in _one(facts, "USED_IN", "material:gadolinium-contrast-agent", "enduse:medical-imaging").evidence
    assert _one(facts, "USED_IN", "material:sintered-ndfeb-magnet", "enduse:low-field-mri")


def test_trade_links_carry_dependence(facts):
    mp = _one(facts, "SUPPLIES", "org:mp-materials", "org:shenghe-resources")
    assert str(mp.until) == "2025-04-17" and mp.material == "material:rare-earth-mine-production"
    us = _one(facts, "SUPPLIES", US, CN, material="material:rare-earth-mine-production")
    assert us.volume_t == 71300 and str(us.until) == "2025-04-17"
    assert _one(facts, "DEPENDS_ON", CN, US, material="material:rare-earth-mine-production").share == pytest.approx(0.99)
    assert _one(facts, "SUPPLIES", AU, "country:MY", material="material:rare-earth-mine-production")
    assert str(_one(facts, "SUPPLIES", "country:MY", CN, material="material:heavy-rare-earth-oxides").until) == "2025"


def test_minority_stakes_are_not_control(facts):
    stakes = {(f.source, f.target): f.stake for f in _find(facts, "HOLDS_STAKE_IN")}
    assert stakes[("org:shenghe-resources", "org:mp-materials")] == pytest.approx(0.077)
    assert stakes[("org:hancock-prospecting", "org:lynas")] == pytest.approx(0.0582)
    assert stakes[("org:hancock-prospecting", "org:mp-materials")] == pytest.approx(0.053)
    assert ("org:jare", "org:lynas") in stakes and ("org:us-commerce", "org:vulcan-elements") in stakes
    for owner in ("org:shenghe-resources", "org:hancock-prospecting", "org:jare", "org:us-commerce"):
        assert not [f for f in _find(facts, "SUBSIDIARY_OF", target=owner) if f.source in ("org:mp-materials", "org:lynas", "org:vulcan-elements")]
    baogang = _one(facts, "SUBSIDIARY_OF", "org:baogang-group", "org:inner-mongolia-government")
    assert baogang.stake == pytest.approx(0.76835) and baogang.confidence == 1.0


def test_aliases_that_named_something_else_are_fixed(nodes_by_id):
    def owner(name):
        found = {n.id for n in nodes_by_id.values() if n.label != "Document" and name.casefold() in {a.casefold() for a in (n.name, *n.aliases)}}
        return found.pop() if len(found) == 1 else (None if not found else found)

    assert owner("包头") == "place:baotou" and owner("包钢") == "org:baogang-group"
    assert owner("Baotou Steel") == "org:baotou-steel-union"  # the listed 600010, not the group
    assert owner("Shin-Etsu Magnetic Materials Vietnam Co., Ltd.") == "org:shin-etsu-magnetic-materials-vietnam"
    assert owner("Japan Oil, Gas and Metals National Corporation") == "org:jogmec"
    for fragment in ("Ltd.", "Japan Oil", "Gas and Metals National Corporation", "Brussels", "local government agencies",
                     "permanent magnets", "magnet alloy", "Neo", "Hitachi"):
        assert owner(fragment) is None, fragment
    assert owner("Kuantan") == "place:kuantan" and owner("南方稀土") == "org:china-southern-rare-earth-group"


def test_chinese_ndfeb_makers_with_capacities(nodes_by_id, facts):
    jl = {(f.year, f.basis): (f.volume_t, f.capacity_t) for f in _find(facts, "PRODUCES", "org:jl-mag", "material:sintered-ndfeb-magnet")}
    assert jl[(2024, "magnet blanks")] == (29300, None) and jl[(2025, None)] == (None, 40000)
    assert _one(facts, "PRODUCES", "facility:xiamen-tungsten-changting", "material:sintered-ndfeb-magnet").capacity_t == 12000
    assert _one(facts, "PRODUCES", "facility:xiamen-tungsten-baotou", "material:sintered-ndfeb-magnet").capacity_t == 5000
    alloy = _one(facts, "PRODUCES", "facility:nremm-alloy-project", "material:ndfeb-alloy")
    assert alloy.capacity_t == 50000
    assert state_at(nodes_by_id["facility:nremm-alloy-project"].lifecycle, "2026-12-06").state == "construction"
    assert _one(facts, "PRODUCES", CN, "material:sintered-ndfeb-magnet", year=2019).volume_t == 170000
    assert _one(facts, "PRODUCES", CN, "material:bonded-ndfeb-magnet", year=2019).volume_t == 7900
    assert _one(facts, "PRODUCES", CN, "material:ndfeb-magnet", year=2017).share == pytest.approx(0.90)
    assert _one(facts, "PRODUCES", "org:zhong-ke-san-huan", "material:sintered-ndfeb-magnet", year=2012).capacity_t == 13500


def test_element_content_of_magnets(facts):
    dy = _one(facts, "CONTAINS", "material:ht-sintered-ndfeb-magnet", "element:Dy")
    assert dy.mass_fraction == pytest.approx(0.10) and "3-10" in dy.note
    assert {f.target for f in _find(facts, "USED_IN", "material:ht-sintered-ndfeb-magnet")} == {
        "enduse:ev-traction-motor", "enduse:home-appliances", "enduse:industrial-motor"}
    assert _one(facts, "CONTAINS", "material:sintered-ndfeb-magnet", "element:Nd").mass_fraction == pytest.approx(0.30)
    assert _one(facts, "CONTAINS", "material:smco-magnet", "element:Sm").mass_fraction == pytest.approx(0.25)
    assert _one(facts, "CONTAINS", "material:smco-magnet", "element:Co").mass_fraction == pytest.approx(0.50)
    assert not _find(facts, "CONTAINS", "material:ce-oxide", "element:Dy")


def test_other_controlled_minor_metals_and_cobalt(nodes_by_id, facts):
    usgs = "USGS (via MINING.COM, 2024)"
    shares = {f.target: f.share for f in _find(facts, "PRODUCES", CN, edition=usgs)}
    assert shares == pytest.approx({"material:antimony-items": 0.48, "material:germanium-items": 0.592, "material:gallium-items": 0.988})
    assert _one(facts, "PRODUCES", CN, "material:graphite", year=2023).share == pytest.approx(0.77)
    assert _one(facts, "PRODUCES", "org:yunnan-chihong", "material:germanium-items").volume_t == 56
    assert _one(facts, "SUBSIDIARY_OF", "org:yunnan-chihong", "org:chinalco")
    quota = _one(facts, "RESTRICTS", "policy:drc-cobalt-quota-2025", "material:cobalt-metal")
    assert quota.volume_t == 96600 and quota.year == 2026
    ban = nodes_by_id["policy:drc-cobalt-export-ban-2025"]
    assert state_at(ban.lifecycle, "2025-06-30").state == "in_force" and ban.country == "CD"
    assert not [f for f in _find(facts, "RESTRICTS", target="material:cobalt-metal") if nodes_by_id[f.source].country == "CN"]


def test_baogang_university_partnerships_are_dated_and_not_event_participants(facts):
    dates = {f.target: str(f.date) if f.date else None for f in _find(facts, "COOPERATES_WITH", "org:baogang-group")
             if f.target in ("org:zhejiang-university", "org:lanzhou-university", "org:ecust", "org:tsinghua-university")}
    assert dates == {"org:zhejiang-university": None, "org:lanzhou-university": "2024-05", "org:ecust": "2025-09-11",
                     "org:tsinghua-university": "2025-12-18"}
    participants = {f.source for f in _find(facts, "PARTICIPATED_IN", target="event:baogang-alloy-collaboration-2025-02-28")}
    assert not participants & set(dates)


def test_lynas_separates_ndpr_in_malaysia_from_kalgoorlies_carbonate_and_no_samarium_yet(facts):
    """Lynas is the largest NdPr producer outside China, but the data listed its Malaysian plant only for the category
    'separated rare-earth oxides', and Kalgoorlie's product as 'a mixed intermediate, form not named'. Sourced now
    (Australian Mining and The West, October 2024); its samarium left as SEG for Chinese separators (MQ World, 2020),
    so no operating Lynas plant makes samarium oxide: what `remove org:lynas` costs samarium oxide is no Lynas output."""
    assert _one(facts, "PRODUCES", "facility:lynas-malaysia-gebeng", "material:ndpr-oxide").sources == ("doc:australianmining-lynas-2024-10",)
    mrec = _one(facts, "PRODUCES", "facility:lynas-kalgoorlie", "material:mixed-rare-earth-carbonate")
    assert "doc:thewest-lynas-mrec-2024-10" in mrec.sources and mrec.confidence == 1.0 and "MREC" in mrec.evidence
    seg = _one(facts, "SUPPLIES", "country:MY", "country:CN")
    assert "doc:mqworld-lynas-2020-11" in seg.sources and "SEG" in seg.note
    lynas_plants = {f.target for f in _find(facts, "OPERATES") if f.source in ("org:lynas", "org:lynas-malaysia")}
    samarium = {f.source for f in _find(facts, "PRODUCES", target="material:sm-oxide")} & lynas_plants
    assert samarium == {"facility:lynas-malaysia-heavy-re-plant"}, "only the planned expansion is to separate samarium"


def test_kalgoorlie_makes_carbonate_from_mid_2024_not_for_ever(nodes_by_id):
    """Kalgoorlie carried 'status: operating' with no date, so a report as of 2020 counted it as making Lynas's mixed
    carbonate four years before its first output (June 2024 quarter, The West, Oct 2024)."""
    kalgoorlie = nodes_by_id["facility:lynas-kalgoorlie"]
    assert not getattr(kalgoorlie, "status", None)
    assert state_at(kalgoorlie.lifecycle, "2024-01-01").state != "operating"
    assert state_at(kalgoorlie.lifecycle, "2024-07-01").state == "operating"
