"""The chokepoint report as text: a briefing for people on a terminal or in a pipe, and Markdown.

The JSON form is the report dict itself (:func:`~supplygraph.graph.analyses.chokepoints.chokepoint_report`).

The text is built from :data:`SECTIONS`, in order: a section is a function of
the report that returns its title and lines, or None when it has nothing to
say. A key of the report that no section renders and that is not in
:data:`JSON_ONLY` is shown by :func:`_generic` (lists of records as a table,
mappings as ``name: value`` lines), so a new part of the report is visible
before it gets a section of its own. Every section fits the output width
(:func:`~supplygraph.formatting.output_width`) and lists at most ``top`` items.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from supplygraph.formatting import clip, output_width, some_of, table, wrap
from supplygraph.schema.plain import STAGES

from supplygraph.graph.analyses.chokepoints import WEIGHTS
from supplygraph.graph.analyses.concentration import no_share_count, no_share_words
from supplygraph.graph.analyses.dependencies import PRODUCERS_LISTED, is_maker
from supplygraph.graph.analyses.vintages import FIGURE_FOR, figure_for, vintage_words

from .policywords import policy_name, policy_words
from .quotas import quota_words, world_first

SUMMARY_SIZE = 5
"""Chokepoints the summary names, one line each."""

CONTROLLERS_SHOWN = 4
"""Entries of a 'controlled by' list shown before 'and N more'."""

ELEMENTS_SHOWN = 2
"""Restricted elements an end use lists in full before naming the rest."""

JSON_ONLY = frozenset({"graph", "structure", "centrality", "as_of", "stale_after_months"})
"""Report keys the text shows in the heading or leaves to ``--format json``."""


@dataclass
class Style:
    """How one rendering looks: text for a terminal or a pipe, or Markdown; the width and how many items per section."""

    markdown: bool
    width: int
    top: int

    def heading(self, text: str) -> str:
        return f"## {text}" if self.markdown else clip(text, self.width) + "\n" + "=" * min(len(text), self.width)

    def sub(self, text: str) -> str:
        return f"### {text}" if self.markdown else clip(text, self.width) + "\n" + "-" * min(len(text), self.width)

    def para(self, text: str, indent: str = "", first: str | None = None) -> list[str]:
        """One paragraph: Markdown keeps it on one line (the reader wraps it); text wraps to the width."""
        if self.markdown:
            return [(first if first is not None else indent) + " ".join(text.split())]
        return wrap(text, self.width, indent, first)

    def bullet(self, text: str, level: int = 0) -> list[str]:
        pad = "  " * level
        return self.para(text, pad + "  ", pad + "- ")

    def table(self, rows: list[dict[str, Any]], columns: list[str]) -> str:
        return table(rows, columns, markdown=self.markdown, width=self.width)

    def more(self, shown: int, total: int, what: str) -> list[str]:
        return self.para(f"... and {total - shown} more {what} (supplygraph chokepoints --top {total} lists them all)") if total > shown else []


Section = Callable[[dict[str, Any], Style], "tuple[str, list[str]] | None"]


def _pct(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.1f}%"


def _controllers(row: dict[str, Any], shown: int = CONTROLLERS_SHOWN, names: dict[str, str] | None = None) -> str:
    """Who controls a chokepoint: shares of world output, largest first, each country's quota allocations under it
    (:mod:`.quotas`), then other shares of a listed volume, then entries without a share in the report's order.

    A producer the material took over from its category reads 'listed as producing <category>': the data says the
    plant makes heavy rare-earth oxides, not that it makes lutetium oxide."""
    entries = row.get("controlled_by", [])
    ranked, quotas = world_first(entries, _role)
    parts = []
    for c in ranked[:shown]:
        if c.get("share") is None and c.get("inherited_from") and c["via"] == "produces":
            parts.append(f"{c['name']} (listed as producing {(names or {}).get(c['inherited_from'], c['inherited_from'])})")
        elif c.get("share") is None:
            parts.append(f"{c['name']} ({c['via']})")
        else:
            parts.append(f"{c['name']} {_pct(c['share'])}" + (" of the listed volume" if "listed volume" in c["via"] else "")
                         + quota_words(quotas.get(c.get("id"), [])))
    more = len(entries) - len(parts) - sum(len(quotas.get(c.get("id"), ())) for c in ranked[:shown])
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def _role(entry: dict[str, Any]) -> int:
    """Makers before the operators of their plants, operators before parents and owners: a parent chain (SASAC, the State
    Council) took the slots of 'controlled by' an analyst reads for the producers (session 15). The JSON keeps its order."""
    if entry.get("share") is not None or is_maker(entry):
        return 0
    return 1 if str(entry.get("via", "")).startswith("operator of") else 2


def _plain(row: dict[str, Any]) -> str:
    """A chokepoint in one line of plain words: what depends on it, else who holds its supply and of what population."""
    if row.get("dominates") or row.get("in_min_cut") or row.get("top_share") is None:
        return f"{row['name']}: {row['reason'].split('; ')[0]}"
    of = (row.get("population") or "the output listed").replace("; inherited from ", f", {FIGURE_FOR} ")
    others = len(row.get("no_share_for") or ())
    yet = f" (yet the data lists {others} producer{'s' * (others != 1)} outside {row['top_name']})" if others else ""
    return f"{row['name']}: {row['top_name']} holds {_pct(row['top_share'])} of {of}{yet}"


# -- sections -------------------------------------------------------------------------------------------------


def _scenario(report: dict[str, Any], s: Style):
    scenario = report.get("scenario")
    if not scenario:
        return None
    hit = sorted((e for e in scenario["end_uses"] if e["share_at_risk"] > 0), key=lambda e: -e["share_at_risk"])
    lines = []
    if hit:
        worst = hit[0]
        # a loss that reaches the end use only through splits with no figure behind them is said to be one
        guess = sum(bool(e.get("assumed")) for e in hit)
        guess = (f" The loss of {'all ' * (guess == len(hit))}{guess} of them rests on equal splits where the data gives no "
                 "figures (named beside each path), not on measured shares." if guess else "")  # fmt: skip
        # the worst hit's figure, where a split no figure weighs decides it, is said to be assumed where it is given
        assumed = ", resting on a split the data gives no figures for" if worst.get("assumed") else ""
        lines += s.para(f"{len(hit)} of {len(scenario['end_uses'])} end uses lose supply; the worst hit is {worst['name']} "
                        f"({_pct(worst['share_at_risk'])} of its supply at risk{assumed}).{guess}")  # fmt: skip
        lines.append("")
        rows = [{"end use": f"{e['name']} ({e['id']})", "share at risk": _pct(e["share_at_risk"]),
                 "path that carries the loss": " -> ".join(e["path_names"]) + _unreviewed(e) + _country_part(e) + _assumed(e)}
                for e in hit[: s.top]]  # fmt: skip
        lines.append(s.table(rows, ["end use", "share at risk", "path that carries the loss"]))
        lines += s.more(min(len(hit), s.top), len(hit), "end uses that lose supply")
    else:
        lines.append("No end use loses supply.")
    delayed = sorted((e for e in scenario["end_uses"] if e.get("share_delayed")), key=lambda e: -e["share_delayed"])
    if delayed:
        lines += s.para(f"{len(delayed)} end uses need a licence for part of their supply (delayed, not lost): "
                        + ", ".join(f"{e['name']} {_pct(e['share_delayed'])}" for e in delayed[: s.top])
                        + (f" and {len(delayed) - s.top} more" if len(delayed) > s.top else "") + ".")  # fmt: skip
    lines.append(f"Removed producers: {len(scenario['removed'])}; restricted materials: {len(scenario['restricted'])}.")
    for m in scenario.get("modelled", []):
        lines += s.para(f"Modelled: {m['scenario']}: {m['note']}.")
    for note in scenario.get("notes", []):
        lines += s.para(note + ".")
    planned = {}
    for r in scenario.get("pipeline", []):
        planned.setdefault(r["name"], r.get("expected"))
    if planned:
        lines += s.para("Not operating on the as-of date, so nothing lost today: " + "; ".join(
            n + (f" (expected {e})" if e else " (no operating date)") for n, e in planned.items()) + ".")  # fmt: skip
    return "Scenario: " + "; ".join(scenario["scenarios"]), lines


def _country_part(row: dict[str, Any]) -> str:
    """' (Mountain Pass ... taken as 99.9% of United States' 13.1% of world output of Rare-earth concentrate (mine
    production): 45,455 t of its 45,500 t in 2024)': where a removed producer's loss is its part of its country's
    share (session 15: removing MP Materials cost mine production nothing, the shares being by country)."""
    def words(c: dict[str, Any]) -> str:
        whole = f"the output of {c['country_name']}, which holds {_pct(c['country_share'])} of world output of {c['name']}"
        if c["rule"] == "stated volumes":
            return (f"{c['producer_name']} taken as {_pct(c['part'])} of {whole}: {c['volume_t']:,.0f} t of "
                    f"{c['country_volume_t']:,.0f} t in {c['year']}")  # fmt: skip
        if c["rule"] == "share of listed capacity":
            return f"{c['producer_name']} taken as {_pct(c['part'])} of {whole}: its share of the capacity listed there"
        return (f"{c['producer_name']} taken as all of {whole}: " + ("the only producer of it" if c["of"] == 1 else
                f"the {c['of']} producers of it removed are all") + " the data lists there, which may not list every one")  # fmt: skip

    steps = [words(c) for c in row.get("country_part") or ()]
    return f" ({'; '.join(steps)})" if steps else ""


def _assumed(row: dict[str, Any]) -> str:
    """' (no figures: Mixed rare-earth carbonate taken as made by its 2 known producers equally; Mixed rare-earth
    carbonate taken as 1 of 5 inputs of Samarium oxide in equal parts)': the steps of a scenario's loss path that no
    figure weighs, so a reader does not take their product (10 %) for a measured share."""
    def words(a: dict[str, Any]) -> str:
        if a["rule"] != "equal split":
            return f"{a['source_name']} taken as 1 of {a['of']} inputs of {a['name']} in equal parts"
        where = f" (in {', '.join(a['countries'])})" if a.get("countries") else ""
        return f"{a['name']} taken as made " + (f"by its {a['of']} known producers{where} equally" if a["of"] > 1 else
                                               f"by {a['source_name']}{where} alone")  # fmt: skip

    steps = [words(a) for a in row.get("assumed") or ()]
    return f" (no figures: {'; '.join(steps)})" if steps else ""


def _summary(report: dict[str, Any], s: Style):
    rows = report["chokepoints"][: min(SUMMARY_SIZE, s.top)]
    if not rows:
        return None
    lines = []
    as_of = report.get("as_of") or report["graph"].get("as_of")
    if as_of:
        lines.append(f"As of {as_of}.")
    for r in rows:
        line = f"{r['rank']}. {_plain(r)}"
        lines.append(line if s.markdown else clip(line, s.width))
    return f"Summary: the {len(rows)} chokepoint{'s' * (len(rows) != 1)} that matter most", lines


def _ranked(report: dict[str, Any], s: Style):
    rows = report["chokepoints"][: s.top]
    weights = ", ".join(f"{int(100 * w)}% {k}" for k, w in WEIGHTS.items())
    lines = s.para(f"Score 0-100 = {weights} (how it is computed: docs/method.md).")
    lines.append("")
    if not rows:
        return "Ranked chokepoints", [*lines, "No chokepoints found."]
    names = _category_names(report)
    if s.markdown:
        md_rows = [{"rank": r["rank"], "chokepoint": f"{r['name']} ({r['id']})", "score": r["score"], "reason": r["reason"],
                    "controlled by": _controllers(r, names=names), "sources": ", ".join(r["sources"]) + _unreviewed(r)} for r in rows]  # fmt: skip
        lines.append(s.table(md_rows, ["rank", "chokepoint", "score", "reason", "controlled by", "sources"]))
    else:
        for r in rows:
            where = ", ".join(x for x in (r["label"], r.get("stage")) if x)
            lines += s.para(f"{r['name']} ({r['id']}; {where})  score {r['score']}", "     ", f"{r['rank']:>3}. ")
            lines += s.para(r["reason"], "     ")
            if r.get("controlled_by"):
                lines += s.para("controlled by: " + _controllers(r, names=names), "       ", "     ")
            if r["sources"]:
                lines += s.para("sources: " + ", ".join(r["sources"]) + _unreviewed(r), "       ", "     ")
    return "Ranked chokepoints", lines


def _stage_rows(measured: list[dict[str, Any]], top: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The ``top`` rows the table shows: the most concentrated, the last of them (at most half) given to the stages of
    the chain none of those is at, each by its figure of world output the most supply paths pass through
    (`path_share`). At the demo's top 5, Samarium metal, two separation categories, gallium and a magnet category hid
    world mine production (HHI 5,054), the first figure an analyst checks (session 15). Returns (most concentrated,
    added for their stages)."""
    def missing(shown: list[dict[str, Any]]) -> list[dict[str, Any]]:
        stages, found = {r["stage"] for r in shown}, []
        for stage in STAGES:
            world = [r for r in measured if r["stage"] == stage and stage not in stages and r.get("population") == "world output"
                     and r.get("path_share") and r not in shown]  # fmt: skip
            if world:
                found.append(max(world, key=lambda r: (r["path_share"], r["hhi"])))
        return found

    slots = min(len(missing(measured[:top])), top // 2)
    return measured[: top - slots], missing(measured[: top - slots])[:slots] if slots else []


def _concentration(report: dict[str, Any], s: Style):
    measured = [r for r in report["concentration"] if r["hhi"] is not None and not r.get("inherited_from")]
    first, stages = _stage_rows(measured, s.top)
    rows = [
        {
            "subject": (r.get("name") or r["subject"]) + (" (category)" if r.get("category") else ""), "stage": r["stage"], "basis": r["basis"], "edition": r["edition"], "year": str(r["year"] or ""),
            "HHI": r["hhi"], "top": r["top_name"], "top share": _pct(r["top_share"]), "listed": _pct(r["coverage"]),
            "US 2023 (>1,800)": r["us_2023"], "EU CRMA (65%)": r["eu_crma"],
        }
        for r in first + stages
    ]  # fmt: skip
    columns = ["subject", "stage", "basis", "edition", "year", "HHI", "top", "top share", "listed", "US 2023 (>1,800)", "EU CRMA (65%)"]
    if not s.markdown and s.width < 160:  # the thresholds' verdicts follow from HHI and top share; JSON and Markdown keep them
        columns = columns[:9]
    lines = [s.table(rows, columns) if rows else "No production shares in the data."]
    if stages:
        lines += s.para(("The last row: " if len(stages) == 1 else f"The last {len(stages)} rows: ") + "at a stage the "
                        + (f"{len(first)} most concentrated leave out" if len(first) > 1 else "most concentrated row leaves out")
                        + ", the figure of world output the most supply paths pass "
                        "through (" + "; ".join(f"{r['stage']}, {r['path_share'] * 100:.0f}% of paths" for r in stages) + ").")  # fmt: skip
    lines += s.more(len(rows), len(measured), "materials")
    shown = first + stages
    covers = [f"{r.get('name') or r['subject']} ({r['basis']}): {r['population']}" for r in shown
              if r.get("population") and r["population"] != "world output"]  # fmt: skip
    if covers:
        lines += s.para("What a row covers where it is not world output: " + "; ".join(covers) + ".")
    disputed = [r for r in report["concentration"] if r.get("no_share_for")]
    named = {r["subject"] for r in disputed if r.get("category")}  # a member's inherited row: shown once, under its category
    disputed = [r for r in disputed if r.get("inherited_from") not in named]
    if disputed:
        names = _category_names(report)
        lines += s.para("Where a figure and the producers listed disagree (JSON: no_share_for): " + "; ".join(
            f"{r.get('name') or r['subject']} ({vintage_words(r['edition'], r['year'])}"
            + (f", {_figure_for(names, r['inherited_from'])}" if r.get("inherited_from") else "") + f"): {r['top_name']} {_pct(r['top_share'])} "
            + no_share_words(r, lead="leaves") for r in disputed[: s.top]) + ".")  # fmt: skip
        lines += s.more(min(len(disputed), s.top), len(disputed), "figures that leave no share for a listed producer")
    inherited = sum(1 for r in report["concentration"] if r.get("inherited_from"))
    if inherited:
        lines += s.para(f"{inherited} rows are a category's figure taken over by a member with none of its own "
                        "(shown once, under the category; JSON: inherited_from).")  # fmt: skip
    return "Concentration (HHI on percent shares, 0-10,000; one edition and year per row)", lines


def _category_names(report: dict[str, Any]) -> dict[str, str]:
    """Each category's name, from its own concentration rows (a member's inherited figure is the category's)."""
    return {r["subject"]: r.get("name") or r["subject"] for r in report["concentration"] if r.get("category")}


def _figure_for(names: dict[str, str], category: str) -> str:
    """'the figure for Separated rare-earth oxides': which category an inherited figure is, named (a broad category's
    share read as a narrow member's, IEA's all-rare-earth separation share as dysprosium oxide's, is the first thing
    an analyst questions)."""
    return figure_for(names.get(category, category))


def _end_uses(report: dict[str, Any], s: Style):
    end_uses = report["end_uses"]
    if not end_uses:
        return None
    lines = []
    names = _category_names(report)
    for e in end_uses[: s.top]:
        head = f"{e['name']} ({e['id']}" + (f", {e['sector']}" if e.get("sector") else "") + ")"
        items = []
        if e["dominators"]:  # names where the report has them (reports saved before they did: ids)
            items.append("every supply path passes through: " + ", ".join(e.get("dominator_names") or e["dominators"]))
        if e.get("min_cut"):
            items.append(f"minimum cut ({len(e['min_cut'])}): " + ", ".join(e.get("min_cut_names") or e["min_cut"]))
        for c in e["concentrated_inputs"][:2]:
            # the makers named apart from their operators, parents and owners (the JSON keeps each maker with its chain)
            orgs = _made_by(c["organisations"], _makers_total(c["organisations"]))
            vintage = "; ".join(x for x in (vintage_words(c["edition"], c["year"]),
                                            _figure_for(names, c["inherited_from"]) if c.get("inherited_from") else "",
                                            no_share_count(c, lead="leaves")) if x)  # fmt: skip
            items.append(f"{c['name']}: {c['top_name']} {_pct(c['top_share'])}" + (f" ({vintage})" if vintage else "") + (f"; {orgs}" if orgs else ""))
        # the text shows restricted elements, those carried by most of the end use's materials first (SmCo's Sm before
        # the Co and Gd in it); JSON has them all, by symbol
        # (a control on exporting technology names the materials the technology makes but stops none: not shown here)
        rules = {d["element"]: [p for p in d["restricted_by"] if p.get("measure") != "technology"] for d in e.get("elements", [])}
        restricted = sorted((d for d in e.get("elements", []) if rules[d["element"]]), key=lambda d: (-len(d["materials"]), d["element"]))
        for d in restricted[:ELEMENTS_SHOWN]:
            feed = ", ".join(f"{f['name']} {f['top_name']} {_pct(f['top_share'])}" + (f" ({_figure_for(names, f['inherited_from'])})" if f.get("inherited_from") else "")
                             for f in d["feed"][:1])  # fmt: skip
            # the rules that name the element or material first (as the JSON orders them), and among them one in force on
            # its own dates before one taken as in force again on a lapsed suspension (an assumption)
            first = sorted(rules[d["element"]], key=lambda p: (p.get("via") not in ("element", "named"), bool(p.get("ended"))))
            policies = "; ".join(policy_name(p) for p in first[:2]) + (" and more" if len(first) > 2 else "")
            # the makers, then their operators, parents and owners (the JSON lists them after the makers), counted in full
            orgs = _made_by(d["organisations"], d.get("makers_total"), d.get("organisations_total"))
            content = "; ".join(f"{100 * c['mass_fraction']:.0f} wt% of {c['name']}" for c in d.get("content", [])[:2])
            items.append(
                f"{d['element']} ({', '.join(d.get('material_names') or [m.split(':', 1)[1] for m in d['materials']])}"
                + (f"; {content}" if content else "") + f"): restricted by {policies}"
                + (f"; fed by {feed}" if feed else "") + (f"; {orgs}" if orgs else "")
            )  # fmt: skip
        if len(restricted) > ELEMENTS_SHOWN:
            items.append("also restricted: " + ", ".join(d["element"] for d in restricted[ELEMENTS_SHOWN:]))
        lines.append(f"- **{head}**" if s.markdown else clip(head, s.width))
        for item in items or ["no single point of failure found"]:
            lines += s.bullet(item, 1) if s.markdown else s.para(item, "      ", "    ")
    lines += s.more(min(len(end_uses), s.top), max(len(end_uses), report["graph"].get("end_uses") or 0), "end uses")
    return "End uses: single points of failure and concentrated inputs", lines


def _pipeline(report: dict[str, Any], s: Style):
    """Capacity announced or being built: it supplies nothing on the as-of date, so the reader sees what is coming apart."""
    rows = report.get("pipeline") or []
    if not rows:
        return None
    by_plant: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_plant.setdefault(r["producer"], []).append(r)
    lines = []
    # what a plant would make by name, a category it is listed for after its members ("Dysprosium oxide, ..., Yttrium
    # oxide, Separated heavy rare-earth oxides", not the category between gadolinium and lutetium by id)
    categories = {r["subject"] for r in report["concentration"] if r.get("category")} | {
        r["inherited_from"] for r in report["concentration"] if r.get("inherited_from")}  # fmt: skip
    for producer, made in list(by_plant.items())[: s.top]:
        r = made[0]
        who = ", ".join((r.get("controller_names") or r["controlled_by"])[:2])
        first = next((m for m in made if m.get("expected")), None)
        expected, begins = (first["expected"], first.get("expected_state")) if first else (None, None)
        starts = "expected to begin commissioning in" if begins == "commissioning" else "expected to operate from"
        text = (f"{r['name']} ({', '.join(x for x in (r.get('country'), who) if x)}): {(r.get('state') or 'planned').replace('_', ' ')}"
                + (f", {starts} {expected}" if expected else ", no operating date in the sources")
                + _capacity_words(made)
                + "; would make " + ", ".join(m["material_name"] for m in sorted(made, key=lambda m: (m["material"] in categories, m["material_name"]))))  # fmt: skip
        lines += s.bullet(text)
    lines += s.more(min(len(by_plant), s.top), len(by_plant), "plants")
    return f"Pipeline: capacity not operating on {report.get('as_of', 'the as-of date')} (it supplies nothing above)", lines


def _capacity_words(made: list[dict[str, Any]]) -> str:
    """', 5,000 t/yr of heavy rare-earth feed': a plant's capacity with what it counts where the source says (feed is
    not product), and every figure, each with its edition, where sources disagree ('17,500 t/yr of REO (Mining
    Weekly, Feb 2024) or 23,000 t/yr of REO (Kallanish, Dec 2024)'); '' without one."""
    figures: dict[tuple, dict[str, Any]] = {}
    for m in made:
        for f in m.get("capacities") or ():
            figures.setdefault((f["capacity_t"], f.get("basis"), f.get("edition")), f)
    amounts = {f["capacity_t"] for f in figures.values()}
    if len(amounts) > 1:
        shown = sorted(figures.values(), key=lambda f: (f["capacity_t"], f.get("edition") or ""))
        return ", " + " or ".join(f"{f['capacity_t']:,.0f} t/yr" + (f" of {f['basis']}" if f.get("basis") else "")
                                  + (f" ({f.get('edition') or f.get('year')})" if f.get("edition") or f.get("year") else "")
                                  for f in shown)  # fmt: skip
    stated = next((f for f in figures.values() if f.get("basis")), None) or next(iter(figures.values()), None)
    if stated is not None:  # the figure a fact states (the plant's own capacity_t says nothing of its basis)
        return f", {stated['capacity_t']:,.0f} t/yr" + (f" of {stated['basis']}" if stated.get("basis") else "")
    capacity = next((m["capacity_t"] for m in made if m.get("capacity_t")), None)
    return f", {capacity:,.0f} t/yr" if capacity else ""


def _policies(report: dict[str, Any], s: Style):
    rows = report.get("policies") or []
    if not rows:
        return None
    # in force first; the rules that stop shipments before those on exporting technology (which stop none); then those
    # that restrict most of the supply flow (No. 18's 23 materials before a graphite control's one: by name, graphite,
    # gallium and two DFARS rules came first and No. 18 was among "18 more")
    order = sorted(rows, key=lambda p: (not p.get("in_force"), p.get("state") in ("expired", "revoked"), p.get("measure") == "technology",
                                        -(p.get("catches") or 0), p["name"]))  # fmt: skip
    lines = [line for p in order[: s.top] for line in s.bullet(f"{p['name']}: {policy_words(p)}")]
    lines += s.more(min(len(order), s.top), len(order), "policies")
    return f"Policies on {report.get('as_of', 'the as-of date')}", lines


def _assumptions(report: dict[str, Any], s: Style):
    rows = report.get("assumptions") or []
    if not rows:
        return None
    return "Assumptions (where the data is silent)", [line for a in rows for line in s.bullet(a["text"])]


def _unreviewed(row: dict) -> str:
    """ " (2 unreviewed facts)" when extracted facts nobody has accepted stand behind a finding."""
    n = row.get("unreviewed") or 0
    return f" ({n} unreviewed fact{'s' * (n != 1)})" if n else ""


def _review(report: dict[str, Any], s: Style):
    """How much of the graph stands on facts extracted from documents that nobody has reviewed."""
    g, counts = report["graph"], report.get("review")
    lines = []
    if g.get("unreviewed_facts"):
        lines += s.para(f"{g['unreviewed_facts']:,} facts in the supply flow were extracted from documents and not yet "
                        "reviewed; each finding counts those behind it (--reviewed-only leaves them out).")  # fmt: skip
    elif g.get("reviewed_only"):
        lines += s.para("Reviewed facts only: extracted facts nobody has accepted are left out.")
    if counts:
        lines += s.para(f"Extracted facts: {counts['accepted']:,} accepted, {counts['rejected']:,} rejected (they stay out of "
                        f"the graph), {counts['pending']:,} pending: 'supplygraph review' lists them.")  # fmt: skip
        if counts.get("unmatched"):
            n = counts["unmatched"]
            lines += s.para(f"{n:,} review decision{'s' * (n != 1)} match{'es' * (n == 1)} no extracted fact (its document "
                            "no longer states it in those words): 'supplygraph review --unmatched' lists them.")  # fmt: skip
    return ("Review of facts extracted from documents", lines) if lines else None


def _notes(report: dict[str, Any], s: Style):
    notes = report.get("notes") or []
    if not notes:
        return None
    return "Notes", [line for n in notes for line in s.bullet(n)]


SECTIONS: list[tuple[str, Section]] = [
    ("scenario", _scenario),
    ("summary", _summary),
    ("chokepoints", _ranked),
    ("concentration", _concentration),
    ("end_uses", _end_uses),
    ("pipeline", _pipeline),
    ("policies", _policies),
    ("assumptions", _assumptions),
    ("review", _review),
    ("notes", _notes),
]
"""(report key, section) in the order they print: the scenario's answer first, then the summary, then the details."""


def _generic(key: str, value: Any, s: Style):
    """A report key without a section of its own: records as a table of their plain fields, mappings as lines."""
    title = key.replace("_", " ").capitalize()
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        columns = [c for c in value[0] if all(not isinstance(v.get(c), (dict, list)) for v in value)]
        return title, [s.table(value[: s.top], columns), *s.more(min(len(value), s.top), len(value), key.replace("_", " "))]
    if isinstance(value, list) and value:
        return title, [line for v in value[: s.top] for line in s.bullet(str(v))]
    if isinstance(value, dict) and value:
        return title, [line for k, v in value.items() for line in s.bullet(f"{k.replace('_', ' ')}: {v}")]
    return None


def render_report(report: dict[str, Any], *, markdown: bool = False, width: int | None = None, top: int | None = None) -> str:
    """The report as text that fits ``width`` columns (``markdown=False``) or as Markdown.

    ``width`` defaults to :func:`~supplygraph.formatting.output_width`; ``top``
    bounds every section (default: as many chokepoints as the report holds).

    Examples
    --------
    >>> text = render_report({"graph": {"nodes": 0, "edges": 0, "sources": 0, "end_uses": 0}, "chokepoints": [],
    ...                       "concentration": [], "end_uses": [], "notes": []})
    >>> text.splitlines()[0]
    'Chokepoints (supply flow: 0 nodes, 0 edges; 0 supply sources, 0 end uses)'
    """
    s = Style(markdown, width or output_width(), top or max(len(report["chokepoints"]), 1))
    g = report["graph"]
    scope = "".join(f"; {k.replace('_', ' ')} {g[k]}" for k in ("end_use", "stage") if g.get(k))
    out = [s.heading(f"Chokepoints (supply flow: {g['nodes']:,} nodes, {g['edges']:,} edges; {g['sources']:,} supply sources, "
                     f"{g['end_uses']:,} end use{'' if g['end_uses'] == 1 else 's'}{scope})"), ""]  # fmt: skip
    known = {key for key, _ in SECTIONS}
    parts = [section(report, s) for _, section in SECTIONS]
    parts += [_generic(key, value, s) for key, value in report.items() if key not in known and key not in JSON_ONLY]
    for part in parts:
        if part:
            title, lines = part
            out += [s.sub(title), *lines, ""]
    return "\n".join(out).rstrip() + "\n"


def _makers_total(organisations: list[dict[str, Any]]) -> int:
    """How many organisations make a material, where :func:`~.dependencies.who_controls` listed ``PRODUCERS_LISTED`` of
    them (their ``total`` counts all; below the limit every maker is listed, and ``total`` may also count an operator
    listed before as its plant's operator)."""
    makers = [o for o in organisations if is_maker(o)]
    return max(len(makers), makers[0].get("total") or 0) if len(makers) >= PRODUCERS_LISTED else len(makers)


def _made_by(organisations: list[dict[str, Any]], makers_total: int | None = None, total: int | None = None) -> str:
    """'made by A, B; their operators, parents and owners: C, D and 9 more': the makers named apart from those above them
    (session 16: 'China Rare Earth Group, Lynas Malaysia separation plant (Gebeng), State-owned Assets Supervision ...,
    State Council ... and 9 more' read as four makers of dysprosium oxide). The makers take the first of the
    :data:`CONTROLLERS_SHOWN` slots, the others the rest. ``makers_total`` and ``total`` count past a list the JSON cut
    (an element line keeps 10 of its ``organisations_total``: 'and 6 more' said 10 where there were 17)."""
    makers = [o for o in organisations if is_maker(o)]
    others = [o for o in organisations if not is_maker(o)]
    n_makers = max(makers_total or 0, len(makers))
    n_others = max((total or 0) - n_makers, len(others))
    shown = makers[:CONTROLLERS_SHOWN]
    parts = ["made by " + some_of([o["name"] for o in shown], n_makers)] if shown else []
    room = CONTROLLERS_SHOWN - len(shown)
    if n_others and room > 0 and others:
        named = some_of([o["name"] for o in others[:room]], n_others - room + len(others[:room]))
        parts.append(f"{'their' if len(shown) != 1 else 'its'} operators, parents and owners: {named}")
    elif n_others:
        parts.append(f"{n_others} operator{'s' * (n_others != 1)}, parents and owners")
    return "; ".join(parts)
