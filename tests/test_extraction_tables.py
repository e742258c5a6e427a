"""Tables (issue 12, session 7): a notice's item table under a header without a notice column, a column of the
shares a firm named in its header holds, and a firm named in a plant column; invented tables, each failing on the
code before."""

from __future__ import annotations

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.documents import read_text
from supplygraph.loaders.extraction import Extractor


def facts_of(markdown: str) -> set[tuple[str, str, str]]:
    found = Extractor(Gazetteer()).extract(read_text(markdown, True).blocks).as_dict()
    names = {e["id"]: e["name"] for e in found["entities"]}
    return {(r["type"], names[r["source"]], names[r["target"]]) for r in found["relations"]}


def test_a_notices_item_table_is_restricted_by_the_notice_its_title_names():
    facts = facts_of("# Announcement No. 7 of 2031 of the Ministry of Mines on Export Control of Certain Items\n\n"
                     "In accordance with the Export Control Law, export controls are applied to the items listed below.\n\n"
                     "| Element | Controlled items |\n|---|---|\n"
                     "| Tungsten | ammonium paratungstate; tungsten oxides |\n"
                     "| Indium | indium phosphide and trimethylindium |\n")  # fmt: skip
    notice = "Announcement No. 7 of 2031"
    assert {("RESTRICTS", notice, "Tungsten"), ("RESTRICTS", notice, "ammonium paratungstate"),
            ("RESTRICTS", notice, "Indium"), ("RESTRICTS", notice, "indium phosphide")} <= facts, facts  # fmt: skip
    assert not any(t == "RESTRICTS" and s == "Export Control Law" for t, s, _ in facts), facts


def test_a_price_table_restricts_nothing():
    facts = facts_of("# Announcement No. 7 of 2031 of the Ministry of Mines on Export Control\n\n"
                     "| Element | Price, US$/kg |\n|---|---|\n| Yttrium | 8 |\n| Scandium | 900 |\n")  # fmt: skip
    assert not any(t == "RESTRICTS" for t, _, _ in facts), facts


def test_a_column_of_a_firms_shares_and_a_firm_in_the_plant_column():
    facts = facts_of("Orion Minerals SA is a French mining group.\n\n"
                     "| Operation | Country | Product | Orion interest |\n|---|---|---|---|\n"
                     "| Tarn mine (Tarnco) | Gabon | manganese ore | majority |\n"
                     "| Kestrel Sands Operations | Senegal | zircon | 90% |\n"
                     "| Société Birch | New Caledonia | nickel ore | 56% |\n"
                     "| Pine Holdings Ltd | Chile | lithium carbonate | 20% |\n")  # fmt: skip
    assert {("OPERATES", "Tarnco", "Tarn mine"), ("SUBSIDIARY_OF", "Tarnco", "Orion Minerals SA"),
            ("PRODUCES", "Tarn mine", "manganese ore"), ("OPERATES", "Orion Minerals SA", "Kestrel Sands Operations"),
            ("SUBSIDIARY_OF", "Société Birch", "Orion Minerals SA"), ("PRODUCES", "Société Birch", "nickel ore"),
            ("LOCATED_IN", "Société Birch", "New Caledonia"),
            ("HOLDS_STAKE_IN", "Orion Minerals SA", "Pine Holdings Ltd")} <= facts, facts  # fmt: skip
    assert ("SUBSIDIARY_OF", "Pine Holdings Ltd", "Orion Minerals SA") not in facts


def test_a_firm_beside_a_plant_in_a_table_with_an_operator_column_is_no_operator():
    facts = facts_of("| Refinery | Operator | Location |\n|---|---|---|\n"
                     "| Kwinana refinery (Birch) | Birch Lithium, a joint venture of Oak and Pine | Kwinana, Western Australia |\n")
    assert ("OPERATES", "Birch Lithium", "Kwinana refinery") in facts or ("OPERATES", "Birch Lithium", "Kwinana refinery (Birch)") in facts, facts
    assert not any(t == "OPERATES" and s == "Birch" for t, s, _ in facts), facts


def test_a_plant_a_cell_names_is_the_site_the_text_names_by_its_own_name():
    found = Extractor(Gazetteer()).extract(read_text(
        "Orion Minerals SA regains full ownership of its Tarn lithium project. Tarn produced first carbonate in July.\n\n"
        "| Operation | Country | Product |\n|---|---|---|\n| Tarn | Argentina | lithium carbonate |\n", True).blocks).as_dict()  # fmt: skip
    facilities = [e["name"] for e in found["entities"] if e["label"] == "Facility"]
    assert facilities == ["Tarn lithium project"], facilities


def test_a_site_column_names_plants_and_a_products_column_names_elements_too():
    facts = facts_of("| Site | Location | Product |\n|---|---|---|\n"
                     "| Tarn | Western Australia | spodumene concentrate |\n"
                     "| Kestrel mine | Vietnam | tungsten concentrate, fluorspar, bismuth, copper |\n"
                     "| Birch and Oak | Chile | lithium carbonate |\n")  # fmt: skip
    assert {("PRODUCES", "Tarn", "spodumene"), ("LOCATED_IN", "Tarn", "Western Australia"),
            ("PRODUCES", "Kestrel mine", "Bismuth"), ("PRODUCES", "Kestrel mine", "Copper")} <= facts, facts  # fmt: skip
    assert not any(s in ("Birch and Oak", "Birch", "Oak") for _, s, _ in facts), facts  # (a list of sites is no site, no firm)


def test_a_filings_interest_column_without_a_firm_is_the_filers_and_planned_products_are_not_made():
    facts = facts_of("# Kestrel Resources Inc. — Annual Report for 2030 (excerpt)\n\n"
                     "Kestrel Resources mines ore in Utah and holds projects in Africa.\n\n"
                     "| Property | Location | Interest | Products |\n|---|---|---|---|\n"
                     "| Tarn Mill | Blanding, Utah | 100% | uranium concentrate, NdPr oxide |\n"
                     "| Orlov mine | Coconino County, Arizona | 100% | uranium ore |\n"
                     "| Varden project | Atsimo, Madagascar | 100% (through Orion Sands) | ilmenite, zircon, monazite (planned) |\n"
                     "| Birch project | Victoria, Australia | earning up to 49% | zircon (exploration) |\n")  # fmt: skip
    firm = "Kestrel Resources"
    assert {("OPERATES", firm, "Tarn Mill"), ("OPERATES", firm, "Orlov mine"), ("PRODUCES", "Tarn Mill", "NdPr oxide"),
            ("PRODUCES", "Orlov mine", "uranium ore"), ("LOCATED_IN", "Orlov mine", "Coconino County"),
            ("LOCATED_IN", "Varden project", "Atsimo"), ("OPERATES", "Orion Sands", "Varden project")} <= facts, facts  # fmt: skip
    assert not any(t == "PRODUCES" and s in ("Varden project", "Birch project") for t, s, _ in facts), facts  # (planned)
    assert not {("OPERATES", firm, "Birch project"), ("OPERATES", firm, "Varden project")} & facts, facts  # (a minority; a unit's)


def test_a_notes_cell_saying_who_owns_the_rows_firm():
    facts = facts_of("| Company | Headquarters | Plant | Notes |\n|---|---|---|---|\n"
                     "| Seohan Anode Co., Ltd. | Pohang, South Korea | Pohang plant | 49% owned by Daewon Steel |\n"
                     "| Birch Carbon Inc. | Denver, Colorado | Baton Rouge plant | wholly owned by Oak Holdings |\n")  # fmt: skip
    assert {("HOLDS_STAKE_IN", "Daewon Steel", "Seohan Anode Co., Ltd"), ("SUBSIDIARY_OF", "Birch Carbon Inc", "Oak Holdings"),
            ("OPERATES", "Seohan Anode Co., Ltd", "Pohang plant")} <= facts, facts  # fmt: skip


def test_a_column_name_with_its_unit_is_still_a_column_name():
    facts = facts_of("| Mine | Location | Capacity (t) |\n|---|---|---|\n| Norra mine | Kolvik | 3,000 |\n")
    assert ("LOCATED_IN", "Norra mine", "Kolvik") in facts, facts
