"""Documents with structure (issue 12, session 15): table rows read under their header, notices' numbered item lists
and supply in tables. Invented tables and notices, each failing on the code before."""

from __future__ import annotations

import pytest

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.documents import read_text
from supplygraph.loaders.extraction import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer())


def facts_of(extractor: Extractor, text: str, markdown: bool = True) -> set[tuple[str, str, str]]:
    found = extractor.extract(read_text(text, markdown).blocks).as_dict()
    names = {e["id"]: e["name"] for e in found["entities"]}
    return {(r["type"], names[r["source"]], names[r["target"]]) for r in found["relations"]}


def test_a_row_whose_status_says_the_site_is_still_studied_makes_nothing(extractor):
    """A status cell of exploration or a feasibility study is a plan the text does not call firm: the row's products
    are not made at the site (its operator, place and status stay); an operating site, or one being built, makes them."""
    facts = facts_of(extractor, "| Project | Region | Owner | Products | Status |\n|---|---|---|---|---|\n"
                                "| Kestrel Hill | Tarnland | Orion Mining Ltd | cobalt, nickel | pre-feasibility study |\n"
                                "| Birch Lake | Tarnland | Fenwick Metals Ltd | tungsten concentrate | exploration, drilling |\n"
                                "| Aster Ridge | Tarnland | Corbel Resources Ltd | zircon | operating; expansion study |\n"
                                "| Holt Creek | Tarnland | Dunmore Minerals Ltd | rutile | under construction |\n")  # fmt: skip
    assert {("OPERATES", "Orion Mining Ltd", "Kestrel Hill"), ("OPERATES", "Fenwick Metals Ltd", "Birch Lake"),
            ("PRODUCES", "Aster Ridge", "zircon"), ("PRODUCES", "Holt Creek", "rutile")} <= facts, facts  # fmt: skip
    assert not any(t == "PRODUCES" and s in ("Kestrel Hill", "Birch Lake") for t, s, _ in facts), facts
