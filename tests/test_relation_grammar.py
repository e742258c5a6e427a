"""The fourth round of the shared grammar layer, relations side (issue 12): one test per general construction, on
our own sentences and tables with invented firms, so that each rule is shown to read English rather than a document."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.documents import read_text
from supplygraph.loaders.extraction import Extractor



@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def named_facts(extractor: Extractor, markdown: str) -> set[tuple[str, str, str]]:
    found = extractor.extract(read_text(markdown, True).blocks).as_dict()
    names = {e["id"]: e["name"] for e in found["entities"]}
    return {(r["type"], names[r["source"]], names[r["target"]]) for r in found["relations"]}


def test_a_table_with_a_status_column_is_read_and_an_idle_site_makes_nothing(extractor):
    """A column the vocabulary does not know ("Status", "Notes") does not hide the header; a plant cell with lower-case
    words before its kind ("Tarn anode plant") names the plant; a row whose status says idle or closed makes nothing."""
    facts = named_facts(extractor, "| Mine | Operator | Location | Output | Status | Notes |\n|---|---|---|---|---|---|\n"
                                   "| Kestrel mine | Orion Mining Ltd | Skellefteå, Sweden | tungsten concentrate | operating | |\n"
                                   "| Tarn anode plant | Birch Metals Ltd | Tarnby, Denmark | anode material | idle since 2019 | |\n")  # fmt: skip
    assert {("OPERATES", "Orion Mining Ltd", "Kestrel mine"), ("LOCATED_IN", "Kestrel mine", "Skellefteå"),
            ("PRODUCES", "Kestrel mine", "tungsten concentrate"), ("OPERATES", "Birch Metals Ltd", "Tarn anode plant"),
            ("LOCATED_IN", "Tarn anode plant", "Tarnby")} <= facts, facts  # fmt: skip
    assert not any(kind == "PRODUCES" and source == "Tarn anode plant" for kind, source, _ in facts), facts
    assert not any(kind == "LOCATED_IN" and source in ("Orion Mining Ltd", "Birch Metals Ltd") for kind, source, _ in facts)
