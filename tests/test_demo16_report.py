"""What a rare-earth analyst questioned in the demo's text (session 16, demo16)."""

from __future__ import annotations

from supplygraph.graph.views.report import render_report

from .test_chokepoints_bundled import _report


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
