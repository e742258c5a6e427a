"""The chokepoint report as text: a readable listing for people, Markdown for a briefing.

The JSON form is the report dict itself (:func:`~supplygraph.graph.analyses.chokepoints.chokepoint_report`).
"""

from __future__ import annotations

from typing import Any

from supplygraph.formatting import table

from supplygraph.graph.analyses.chokepoints import WEIGHTS


def _pct(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.1f}%"


def _controllers(row: dict[str, Any], countries: int = 3, others: int = 5) -> str:
    """The first few producing countries and the first few organisations (with their parents), in the report's order."""
    entries = row.get("controlled_by", [])
    chosen = [c for c in entries if c.get("label") == "Country"][:countries] + [c for c in entries if c.get("label") != "Country"][:others]
    parts = []
    for c in sorted(chosen, key=entries.index):
        if c.get("share") is None:
            parts.append(f"{c['name']} ({c['via']})")
        else:
            parts.append(f"{c['name']} {_pct(c['share'])}" + (" of the listed volume" if "listed volume" in c["via"] else ""))
    return "; ".join(parts)


def render_report(report: dict[str, Any], *, markdown: bool = False) -> str:
    """The report as aligned text (``markdown=False``) or Markdown.

    Examples
    --------
    >>> text = render_report({"graph": {"nodes": 0, "edges": 0, "sources": 0, "end_uses": 0}, "chokepoints": [],
    ...                       "concentration": [], "end_uses": [], "notes": []})
    >>> text.splitlines()[0]
    'Chokepoints (0 nodes, 0 edges in the supply flow; 0 sources, 0 end uses)'
    """
    g = report["graph"]
    out: list[str] = []
    heading = (lambda s: f"## {s}") if markdown else (lambda s: s + "\n" + "=" * len(s))
    sub = (lambda s: f"### {s}") if markdown else (lambda s: s + "\n" + "-" * len(s))
    scope = "".join(f"; {k.replace('_', ' ')} {g[k]}" for k in ("end_use", "stage") if g.get(k))
    out.append(heading(f"Chokepoints ({g['nodes']:,} nodes, {g['edges']:,} edges in the supply flow; {g['sources']:,} sources, {g['end_uses']:,} end use{'' if g['end_uses'] == 1 else 's'}{scope})"))
    weights = ", ".join(f"{int(100 * w)}% {k}" for k, w in WEIGHTS.items())
    out.append(f"Score 0-100 = {weights} (see README, Chokepoints).")
    out.append("")
    rows = report["chokepoints"]
    if markdown:
        md_rows = [{"rank": r["rank"], "chokepoint": f"{r['name']} ({r['id']})", "score": r["score"], "reason": r["reason"],
                    "controlled by": _controllers(r), "sources": ", ".join(r["sources"])} for r in rows]  # fmt: skip
        out.append(table(md_rows, ["rank", "chokepoint", "score", "reason", "controlled by", "sources"], markdown=True) if rows else "No chokepoints found.")
    else:
        for r in rows:
            where = ", ".join(x for x in (r["label"], r.get("stage")) if x)
            out.append(f"{r['rank']:>3}. {r['name']} ({r['id']}; {where})  score {r['score']}")
            out.append(f"     {r['reason']}")
            if r.get("controlled_by"):
                out.append(f"     controlled by: {_controllers(r)}")
            if r["sources"]:
                out.append(f"     sources: {', '.join(r['sources'])}")
        if not rows:
            out.append("No chokepoints found.")
    out.append("")
    out.append(sub("Concentration (HHI on percent shares, 0-10,000; one edition and year per row)"))
    conc_rows = [
        {
            "subject": r["subject"], "stage": r["stage"], "basis": r["basis"], "edition": r["edition"], "year": str(r["year"] or ""),
            "HHI": r["hhi"], "top": r["top_name"], "top share": _pct(r["top_share"]), "listed": _pct(r["coverage"]),
            "US 2023 (>1,800)": r["us_2023"], "EU CRMA (65%)": r["eu_crma"],
        }
        for r in report["concentration"] if r["hhi"] is not None
    ]  # fmt: skip
    columns = ["subject", "stage", "basis", "edition", "year", "HHI", "top", "top share", "listed", "US 2023 (>1,800)", "EU CRMA (65%)"]
    out.append(table(conc_rows, columns, markdown=markdown) if conc_rows else "No production shares in the data.")
    out.append("")
    if report["end_uses"]:
        out.append(sub("End uses: single points of failure and concentrated inputs"))
        for e in report["end_uses"]:
            head = f"{e['name']} ({e['id']}" + (f", {e['sector']}" if e.get("sector") else "") + ")"
            lines = []
            if e["dominators"]:
                lines.append("every supply path passes through: " + ", ".join(e["dominators"]))
            if e.get("min_cut"):
                lines.append(f"minimum cut ({len(e['min_cut'])}): " + ", ".join(e["min_cut"]))
            for c in e["concentrated_inputs"][:2]:
                orgs = ", ".join(o["name"] for o in c["organisations"][:4])
                vintage = ", ".join(str(v) for v in (c["edition"], c["year"]) if v is not None)
                lines.append(f"{c['name']}: {c['top_name']} {_pct(c['top_share'])}" + (f" ({vintage})" if vintage else "") + (f"; {orgs}" if orgs else ""))
            for d in e.get("elements", []):
                if not d["restricted_by"]:
                    continue  # the table shows restricted elements; JSON has them all
                feed = ", ".join(f"{f['name']} {f['top_name']} {_pct(f['top_share'])}" for f in d["feed"][:1])
                policies = "; ".join(_policy(p) for p in d["restricted_by"][:2]) + (" and more" if len(d["restricted_by"]) > 2 else "")
                orgs = ", ".join(o["name"] for o in d["organisations"][:4])
                lines.append(
                    f"{d['element']} ({', '.join(m.split(':', 1)[1] for m in d['materials'])}): restricted by {policies}"
                    + (f"; fed by {feed}" if feed else "") + (f"; organisations: {orgs}" if orgs else "")
                )  # fmt: skip
            out.append(("- **" + head + "**") if markdown else head)
            out.extend((f"  - {line}" if markdown else f"    {line}") for line in lines or ["no single point of failure found"])
        out.append("")
    scenario = report.get("scenario")
    if scenario:
        out.append(sub("Scenario: " + "; ".join(scenario["scenarios"])))
        hit = [e for e in scenario["end_uses"] if e["share_at_risk"] > 0]
        srows = [{"end use": f"{e['name']} ({e['id']})", "share at risk": _pct(e["share_at_risk"]), "path that carries the loss": " -> ".join(e["path_names"])} for e in hit]
        out.append(table(srows, ["end use", "share at risk", "path that carries the loss"], markdown=markdown) if srows else "No end use loses supply.")
        out.append(f"Removed producers: {len(scenario['removed'])}; restricted materials: {len(scenario['restricted'])}.")
        out.append("")
    if report.get("notes"):
        out.append(sub("Notes"))
        out.extend(f"- {n}" for n in report["notes"])
    return "\n".join(out).rstrip() + "\n"


def _policy(policy: dict) -> str:
    """A policy's name, with its status when it is not simply in force."""
    status = policy.get("status")
    if status == "suspended":
        until = policy.get("suspended_until")
        return f"{policy['name']} (suspended" + (f" until {until})" if until else ")")
    return f"{policy['name']} ({status.replace('_', ' ')})" if status not in (None, "in_force") else policy["name"]
