"""Precision on unseen text (issue 12, session 10, xprec10): classes of wrong entities and relations found on set H
(``tests/fixtures/documents/set-h``), each fixed in the shared layer and held here by invented sentences that fail on
the code before the fix."""

from __future__ import annotations

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.documents import read_text
from supplygraph.loaders.extraction import Extractor


def found(text: str, markdown: bool = False) -> dict:
    return Extractor(Gazetteer()).extract(read_text(text, markdown).blocks).as_dict()


def facts(text: str, markdown: bool = False) -> set[tuple[str, str, str]]:
    out = found(text, markdown)
    names = {e["id"]: e["name"] for e in out["entities"]}
    return {(r["type"], names[r["source"]], names[r["target"]]) for r in out["relations"]}


def names(text: str, markdown: bool = False) -> set[str]:
    return {e["name"] for e in found(text, markdown)["entities"]}


def test_a_text_that_ends_on_a_name_after_a_comma_and_is_read():
    """A last line or table cell ending on a name after ", and" (no full stop) made the clause-subject reader look past
    the text's last token (IndexError: extract crashed on set H's README)."""
    table = "| Plant | Event |\n|---|---|\n| Kolvik plant | Quillon Mining signed a deal, and Tavoria Resources |\n"
    assert {"Kolvik plant", "Quillon Mining", "Tavoria Resources"} <= names(table, markdown=True)
