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

from supplygraph.schema import check_endpoints, parse_fact, parse_node

ROOT = Path(__file__).resolve().parents[1]
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
        units = read_paths(_data_files())
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
        ("material:rare-earth-concentrate", "material:mixed-rare-earth-carbonate"),
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
