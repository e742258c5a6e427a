"""A policy in the report's words: its state on the as-of date and what it does (:func:`policy_words`, the policies
section), or its name with its state where that is not simply in force (:func:`policy_name`, the lines of the
materials and elements it restricts).

Its own module, apart from the report's sections (:mod:`.report`), because both say a policy's state and should say
it alike (a lapsed suspension reads as ended in both), and report.py had reached the 600-line limit (session 17).
"""

from __future__ import annotations

from typing import Any


def policy_words(p: dict[str, Any]) -> str:
    """A policy's state on the as-of date and what it does, in words (a lapsed suspension reads as ended)."""
    state = (p.get("state") or "state unknown").replace("_", " ")
    if p.get("ended") and p.get("ended_state") not in (None, "suspended"):
        text = f"ended {p['ended']}: no longer in force"
    elif p.get("ended"):
        text = f"suspension ended {p['ended']}: in force again"
    elif p.get("state") == "suspended":
        text = "suspended" + (f" until {p['suspended_until']}" if p.get("suspended_until") else "")
    else:
        text = state + (f" since {p['since']}" if p.get("since") else "")
    if p.get("next_state") and p.get("next_since"):
        text += f"; {p['next_state'].replace('_', ' ')} from {p['next_since']}"
    if p.get("unconfirmed_since"):
        text += f"; not confirmed since {p['unconfirmed_since']}"
        if p.get("since") and not p.get("ended") and str(p["unconfirmed_since"]) < str(p["since"]):
            text += " (its newest source predates it coming into force)"  # (a decree published before its date in force)
    measure = p.get("measure")
    if measure == "licensing":
        text += "; licensing: delays supply" + (f" (licences take about {p['lead_time_days']} days)" if p.get("lead_time_days") else "")
    elif measure in ("ban", "quota", "procurement"):
        text += f"; {measure}: removes volume"
    elif measure == "technology":
        text += "; technology: removes no material, slows capacity built elsewhere"
    return text


def policy_name(policy: dict) -> str:
    """A policy's name, with its state when it is not simply in force (a lapsed suspension reads as ended, unconfirmed),
    and the category it names when it reaches the material only as part of one."""
    if policy.get("via_name"):
        return policy_name({k: v for k, v in policy.items() if k != "via_name"}) + f" (as part of {policy['via_name']})"
    status = policy.get("status")
    if policy.get("ended") and policy.get("ended_state") not in (None, "suspended"):
        return f"{policy['name']} (ended {policy['ended']})"
    if policy.get("ended"):
        return f"{policy['name']} (suspension ended {policy['ended']}; not confirmed since {policy.get('unconfirmed_since') or policy['ended']})"
    if status == "suspended":
        until = policy.get("suspended_until")
        return f"{policy['name']} (suspended" + (f" until {until})" if until else ")")
    return f"{policy['name']} ({status.replace('_', ' ')})" if status not in (None, "in_force", "amended") else policy["name"]
