"""What a rare-earth analyst questioned in the demo's text (session 16, demo16)."""

from __future__ import annotations

from supplygraph.graph.views.report import render_report

from .test_chokepoints_bundled import MINE, _report


def test_an_end_use_line_names_the_makers_apart_from_their_owners():
    """'Dysprosium oxide: China 99.0% (...); China Rare Earth Group, Lynas Malaysia separation plant (Gebeng), State-owned
    Assets Supervision and Administration Commission of the State Council, State Council of the People's Republic of
    China and 9 more' listed two makers and then SASAC and the State Council as if they made the oxide too: the two
    are its makers, and the others operate, control or own them."""
    text = " ".join(render_report(_report()).split())
    assert ("Dysprosium oxide: China 99.0% (Rare Earth Exchanges (Aug 2025), 2025; the figure for Separated heavy rare-earth "
            "oxides); made by China Rare Earth Group, Lynas Malaysia separation plant (Gebeng); their operators, parents and "
            "owners: State-owned Assets Supervision and Administration Commission of the State Council, State Council of the "
            "People's Republic of China and 9 more") in text
    assert "organisations: " not in text


def test_a_removed_groups_quota_is_named_in_the_note_that_counts_nothing_for_it():
    """'remove org:china-northern-rare-earth' noted 'no stated volume or capacity says how much' of China's mine
    production it makes, with its 2024 first-batch quota (94,580 t of 135,000 t) in the data: the note now gives the
    quota's part of the batch and what it would be of world output, and says why it is not counted."""
    scenario = _report(scenarios=("remove org:china-northern-rare-earth",))["scenario"]
    assert MINE not in scenario["materials"], "a quota is still not read as output"
    note = next(n for n in scenario["notes"] if n.startswith("China Northern Rare Earth makes part of China's share"))
    assert ("Rare-earth concentrate (mine production) (69.2%, 1 of 3 producers listed there; its quota is 70.1% of China's "
            "2024 quota batch listed (MIIT/MNR 2024 first batch), 48.5% of world output if read as output)") in note
    assert note.endswith("no stated volume or capacity says how much (a quota is an allocation, not output; a category's figure "
                         "covers producers the data does not list one by one), so none of it is counted lost")
    other = next(n for n in _report(scenarios=("remove org:jl-mag",))["scenario"]["notes"] if "makes part of" in n)
    assert "quota" not in other and other.endswith("(a category's figure covers producers the data does not list one by one), "
                                                   "so none of it is counted lost")
    bayan = next(n for n in _report(scenarios=("remove facility:bayan-obo-mine",))["scenario"]["notes"] if "makes part of" in n)
    assert bayan.endswith("(69.2%, 1 of 3 producers listed there): no stated volume or capacity says how much, so none of it is counted lost")


def test_the_quota_list_row_says_its_allocations_are_not_output():
    """The concentration row on China's quota list read 'China's 2024 quota list (MIIT/MNR 2024 first batch), about 36 %
    of world output': a first batch (135,000 t, about half the year's 270,000 t) set against a year's world output as
    if it were output."""
    row = next(r for r in _report()["concentration"] if r["subject"] == MINE and r["basis"] == "organisations")
    assert row["population"] == ("China's 2024 quota list (MIIT/MNR 2024 first batch): allocations of 135,000 t, not output, "
                                 "the size of about 36 % of world output")


def test_the_rest_a_figure_names_no_country_for_is_said_with_the_producers_listed_there():
    """NdPr oxide read 'China 91% (the figure of Separated rare-earth oxides, ...)' and nothing of the other 9 %, though
    the data lists Lynas's Malaysian plant and Mountain Pass as makers: the IEA's figure names no country for the rest,
    and the row now says where the data lists makers outside China (nothing is computed from it)."""
    report = _report()
    ndpr = next(r for r in report["concentration"] if r["subject"] == "material:ndpr-oxide" and r["basis"] == "countries")
    assert ndpr["rest_unnamed"]["share"] == 0.09 and ndpr["no_share_for"] == []
    assert [p["country"] for p in ndpr["rest_unnamed"]["producers"]][:2] == ["MY", "US"]
    mine = next(r for r in report["concentration"] if r["subject"] == MINE and r["basis"] == "countries")
    assert mine["rest_unnamed"] is None, "MCS 2026's countries add up to 99.7 %, and every producer listed is in one of them"
    row = next(r for r in report["chokepoints"] if r["id"] == "material:ndpr-oxide")
    assert ("China 91% (the figure of Separated rare-earth oxides, which it stands under), not confirmed since 2025-10-01; "
            "the other 9% the figure gives to no country; listed producers outside China: Lynas Malaysia separation plant "
            "(Gebeng) (MY), Mountain Pass mine and separation facility (US), Silmet rare-earth separation plant (Sillamäe) (EE) "
            "and 1 more;") in row["reason"]
    samarium = next(r for r in report["chokepoints"] if r["id"] == "material:sm-metal")
    assert "leaves no share for 1 listed producer outside China" in samarium["reason"] and "the other" not in samarium["reason"]
