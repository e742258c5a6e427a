"""A generated grid of invented sentences for the relation rules, in the manner of behavioural testing (CheckList).

Rules written from the misses of the tuning documents raised their scores and did not carry over to the frozen sets
(docs/extraction.md, session 8). This grid tests generality instead of phrases: every relation family's trigger
vocabulary, read from ``patterns/triggers.yaml`` (so a new trigger line is tested without touching this file), is
put into every sentence construction it fits -- an active clause, the passive, an appositive, a relative clause, a
nominalisation, coordinated subjects and objects, a list, a participial clause, a fronted date -- and into the
constructions that must yield nothing: hedged ("may", "could", "is considering"), negated ("no longer", "did not"),
conditional ("if") and talks. Each sentence knows the relations it states (type, both ends, the material or stake
where the schema has one); entity names come in several shapes (firms with a legal suffix, firms the store knows by a
bare name, countries and government bodies, places, materials and elements of the built-in vocabulary).

A cell is a construction crossed with a trigger set (and so with a relation family). ``run`` scores every sentence:
it passes when every stated relation is found and nothing else is, except the derived facts the annotation
conventions record (a supplier produces what it supplies, an import is also dependence...). ``python -m tests.grid``
prints the table; ``tests/test_grid.py`` holds each cell to a floor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from pathlib import Path

from supplygraph.loaders import Gazetteer
from supplygraph.loaders.extraction.vocabulary import WORDS, Vocabulary
from supplygraph.loaders.gazetteer import KnownEntity, normalise

FLOORS_FILE = Path(__file__).with_name("floors.json")
"""Each cell's passes when last recorded (``python -m tests.grid --write-floors``): tests/test_grid.py's floors."""

# --- entity names of several shapes -------------------------------------------------------------------------------

STORE_FIRMS = ("Norvik", "Altamar Metals", "Sorell Chemicals")
"""Firms the store knows (given to the grid's gazetteer as stored entities): a bare name, no legal suffix."""
POOLS: dict[str, tuple[tuple[str, str], ...]] = {
    "org": (("Orion Metals Ltd", "suffixed firm"), ("Norvik", "store firm"), ("Kestrel Magnetics Inc", "suffixed firm"),
            ("Altamar Metals", "store firm"), ("Tarn Rare Earths Corp", "suffixed firm"), ("Sorell Chemicals", "store firm"),
            ("Vela Lithium Limited", "suffixed firm"), ("Pella Graphite AS", "suffixed firm")),
    "gov": (("China", "country"), ("the European Commission", "government body"), ("Japan", "country"),
            ("the United States Department of Energy", "government body"), ("Canada", "country"), ("Australia", "country"),
            ("the European Union", "government body"), ("Germany", "country")),
    "country": (("China", "country"), ("Japan", "country"), ("South Korea", "country"), ("Canada", "country"),
                ("Germany", "country"), ("Australia", "country"), ("Vietnam", "country"), ("Brazil", "country")),
    "material": (("NdPr oxide", "material"), ("gallium", "element"), ("spherical graphite", "material"),
                 ("dysprosium", "element"), ("lithium hydroxide", "material"), ("cobalt", "element"),
                 ("samarium-cobalt magnets", "material"), ("germanium", "element")),
    # what a firm makes, manufactures or processes: a material, never a bare element (the annotation conventions: an
    # element is produced by whoever mines, separates, refines or extracts it, the COMMODITY_VERBS)
    "product": (("NdPr oxide", "material"), ("spherical graphite", "material"), ("lithium hydroxide", "material"),
                ("samarium-cobalt magnets", "material"), ("gallium nitride", "material"), ("cathode material", "material"),
                ("NdFeB alloy", "material"), ("synthetic graphite", "material")),
    "place": (("Texas", "US state"), ("Western Australia", "region"), ("Quebec", "region"), ("Sweden", "country"),
              ("Ontario", "region"), ("Japan", "country"), ("Jiangxi", "region"), ("Nevada", "US state")),
    "facility": (("the Kestrel mine", "facility"), ("the Tarnby plant", "facility"), ("the Vela refinery", "facility"),
                 ("the Orsa smelter", "facility"), ("the Pella mine", "facility"), ("the Ardent plant", "facility")),
}


def gazetteer() -> Gazetteer:
    """The built-in vocabulary and the firms a store would know."""
    return Gazetteer([KnownEntity(f"org:{normalise(n).replace(' ', '-')}", "Company", n, stored=True) for n in STORE_FIRMS])


# --- verb forms ---------------------------------------------------------------------------------------------------

IRREGULAR_PAST = frozenset("bought sold took held built made ran run fed gave lent paid chose set came".split())
PAST_ONLY = frozenset("took gave chose ran came".split())
"""Past tenses that are no participle: never put after "is"/"was"."""
PARTICIPLES = frozenset({"given", "chosen", "taken"})


def form(word: str) -> str:
    """A trigger word's verb form: "ger", "past" (also the participle), "pp" (a participle only), "3sg" or "base"."""
    if word.endswith("ing"):
        return "ger"
    if word in PARTICIPLES:
        return "pp"
    if word in IRREGULAR_PAST or (word.endswith("ed") and not word.endswith("eed")):
        return "past"
    if word.endswith("s") and not word.endswith("ss"):
        return "3sg"
    return "base"


LIGHT = {  # a light verb's forms, for triggers that are nouns or adjectives
    "sign": {"3sg": "signs", "past": "signed", "base": "sign", "ger": "signing", "pp": "signed"},
    "form": {"3sg": "forms", "past": "formed", "base": "form", "ger": "forming", "pp": "formed"},
    "start": {"3sg": "starts", "past": "started", "base": "start", "ger": "starting", "pp": "started"},
    "impose": {"3sg": "imposes", "past": "imposed", "base": "impose", "ger": "imposing", "pp": "imposed"},
    "be": {"3sg": "is", "past": "became", "base": "become", "ger": "becoming", "neg": "is no longer"},
    "be-pp": {"3sg": "is", "past": "was", "base": "be", "neg": "is no longer"},
}


SPELLING = {"mou": "MoU"}
"""Trigger words written otherwise in a sentence (the rules compare lower case)."""


def article(word: str) -> str:
    return "an" if word[0] in "aeio" or word == "mou" or (word[0] == "u" and not word.startswith("uni")) else "a"


# --- facts --------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Fact:
    """A relation by type and ends (names as written; "policy:*" / "event:*" for any policy / event), and the
    material or stake the schema gives it."""

    type: str
    source: str
    target: str
    material: str | None = None
    stake: float | None = None


Facts = Callable[[dict[str, str]], set[Fact]]


@dataclass(frozen=True)
class Frame:
    """One trigger set's predicate, with the roles it relates.

    ``pred``: the predicate after its subject {A}, with {v} the verb (the trigger itself, or the light verb's form
    with the trigger as {w}); ``passive``: the same relation with {v} a participle; ``nominal``: whole sentences
    naming the relation by a noun; ``facts``: what a sentence with subject A states; ``derived``: what the
    annotation conventions let the rules add; ``coord``: the object role a coordination of objects repeats.
    """

    family: str
    trigger_set: str
    roles: dict[str, str]
    pred: str
    facts: Facts
    derived: Facts = lambda e: set()
    passive: str | None = None
    nominal: tuple[str, ...] = ()
    light: str | None = None
    light_for: dict[str, str] = field(default_factory=dict)
    coord: str | None = None
    group: bool = False  # the subjects of a coordination are parties together (cooperation), not each alone
    skip: frozenset[str] = frozenset()
    only: frozenset[str] | None = None
    passive_only: frozenset[str] | None = None


def _f(type_: str, source: str, target: str, **kw) -> Fact:
    return Fact(type_, source, target, **kw)


def _supply(e):
    return {_f("SUPPLIES", e["A"], e["B"], material=e["M"])}


def _coop(e):
    return {_f("COOPERATES_WITH", e["A"], e["B"])}


def _stake(e):
    return {_f("HOLDS_STAKE_IN", e["A"], e["B"], stake=0.35)}


def _policy(e):
    return {_f("ISSUED_BY", "policy:*", e["A"]), _f("RESTRICTS", "policy:*", e["M"])}


FRAMES: tuple[Frame, ...] = (
    Frame("supply", "SUPPLY_VERBS", {"A": "org", "B": "org", "M": "material"}, "{v} {M} to {B}", _supply,
          derived=lambda e: {_f("PRODUCES", e["A"], e["M"])}, passive="{M} {be} {v} by {A} to {B}", coord="B",
          nominal=("{A}'s deliveries of {M} to {B} rose in 2024.", "The sale of {M} by {A} to {B} was completed in May.")),
    Frame("supply", "BUY_VERBS", {"A": "org", "B": "org", "M": "material"}, "{v} {M} from {B}",
          lambda e: {_f("SUPPLIES", e["B"], e["A"], material=e["M"])},
          derived=lambda e: {_f("PRODUCES", e["B"], e["M"]), _f("DEPENDS_ON", e["A"], e["B"])},
          passive="{M} {be} {v} by {A} from {B}", coord="B",
          nominal=("{A}'s purchases of {M} from {B} doubled in 2024.",)),
    Frame("supply", "IMPORT_VERBS", {"A": "country", "B": "country", "M": "material"}, "{v} {M} from {B}",
          lambda e: {_f("DEPENDS_ON", e["A"], e["B"]), _f("SUPPLIES", e["B"], e["A"], material=e["M"])},
          derived=lambda e: {_f("PRODUCES", e["B"], e["M"])}, coord="B",
          nominal=("{A}'s imports of {M} from {B} doubled in 2024.",)),
    Frame("supply", "DEPEND_CUES", {"A": "org", "B": "org", "M": "material"}, "{v} on {B} for {M}",
          lambda e: {_f("DEPENDS_ON", e["A"], e["B"])}, derived=lambda e: {_f("PRODUCES", e["B"], e["M"])}, coord="B",
          only=frozenset("depends depend depended relies rely relied".split()),
          nominal=("{A}'s dependence on {B} for {M} has grown.", "{A} is dependent on {B} for {M}.",
                   "{A} is reliant on {B} for {M}.", "{A}'s reliance on {B} for {M} has grown.")),
    Frame("ownership", "ACQUIRE_VERBS", {"A": "org", "B": "org"}, "{v} {B}",
          lambda e: {_f("SUBSIDIARY_OF", e["B"], e["A"])}, passive="{B} {be} {v} by {A}", coord="B",
          skip=frozenset({"took"}),
          nominal=("The acquisition of {B} by {A} was completed in May.", "{A}'s acquisition of {B} was completed in May.",
                   "{A} completed its purchase of {B} in May.")),
    Frame("ownership", "SHARE_VERBS", {"A": "org", "B": "org"}, "{v} 35% of {B}", _stake,
          passive="{B} {be} 35% {v} by {A}", passive_only=frozenset({"owned", "held", "controlled"}),
          nominal=("{A}'s 35% stake in {B} is worth $40 million.", "{A} has a 35% stake in {B}.",
                   "{B}, in which {A} holds 35%, reported record sales in 2024.")),
    Frame("ownership", "SUBSIDIARY_NOUNS", {"A": "org", "B": "org"}, "{v} {art} {w} of {B}",
          lambda e: {_f("SUBSIDIARY_OF", e["A"], e["B"])}, light="be", skip=frozenset({"part"}),
          nominal=("{B}'s {w} {A} reported record sales in 2024.",)),
    Frame("production", "PRODUCE_VERBS", {"A": "org", "M": "product"}, "{v} {M}",
          lambda e: {_f("PRODUCES", e["A"], e["M"])}, passive="{M} {be} {v} by {A}", coord="M",
          nominal=("{A}'s production of {M} rose in 2024.", "{A}'s output of {M} rose in 2024.")),
    Frame("production", "PASSIVE_PRODUCE", {"A": "org", "M": "product"}, "{v} {M}",
          lambda e: {_f("PRODUCES", e["A"], e["M"])}, passive="{M} {be} {v} by {A}", coord="M",
          nominal=("{M} {w} by {A} is of high purity.",)),
    Frame("production", "COMMODITY_VERBS", {"A": "country", "M": "material"}, "{v} {M}",
          lambda e: {_f("PRODUCES", e["A"], e["M"])}, passive="{M} {be} {v} in {A}", coord="M"),
    Frame("production", "PRODUCER_NOUNS", {"A": "org", "M": "product"}, "{v} {art} {w} of {M}",
          lambda e: {_f("PRODUCES", e["A"], e["M"])}, light="be", skip=frozenset({"output", "production"})),
    Frame("cooperation", "AGREEMENT_NOUNS", {"A": "org", "B": "org"}, "{v} {art} {w} with {B}", _coop, light="sign",
          light_for={"venture": "form", "consortium": "form", "alliance": "form", "collaboration": "start",
                     "cooperation": "start"}, coord="B", group=True,
          passive="{Art} {w} with {B} {be} {v} by {A}",
          nominal=("{Art} {w} between {A} and {B} was signed in May.", "{A}'s {w} with {B} runs for ten years.",
                   ("subject-coord", "{A} and {B} signed {art} {w}."),
                   ("subject-list", "{A}, {B} and {C} signed {art} {w}."))),
    Frame("cooperation", "COOP_VERBS", {"A": "org", "B": "org"}, "{v} with {B}", _coop, coord="B", group=True),
    Frame("cooperation", "INVEST_WORDS", {"A": "org", "B": "org"}, "{v} $50 million in {B}", _coop, coord="B",
          only=frozenset("invest invests invested investing".split()),
          nominal=("{B} received a $20 million investment from {A}.", "{B} won a $20 million award from {A}.",
                   "{B} received a $20 million grant from {A}.", "{A}'s $50 million investment in {B} closed in May.")),
    Frame("cooperation", "FUNDING_VERBS", {"A": "gov", "B": "org"}, "{v} {B} {with}$50 million", _coop,
          passive="{B} {be} {v} {with}$50 million by {A}"),
    Frame("facilities", "BUILD_VERBS", {"A": "org", "F": "facility"}, "{v} {F}",
          lambda e: {_f("OPERATES", e["A"], e["F"])}, passive="{F} {be} {v} by {A}", coord="F",
          skip=frozenset({"putting", "carried"}),
          nominal=("{F}, which is run by {A}, employs 300 people.", "{A}, the operator of {F}, employs 300 people.")),
    Frame("location", "LOCATION_WORDS", {"A": "org", "P": "place"}, "{v} {w} in {P}",
          lambda e: {_f("LOCATED_IN", e["A"], e["P"])}, light="be-pp",
          only=frozenset({"based", "headquartered", "located", "situated"}),
          nominal=("{P}-based {A} reported record sales in 2024.", "{A} has its headquarters in {P}.")),
    Frame("policy", "ISSUE_VERBS", {"A": "gov", "M": "material"}, "{v} export controls on {M}", _policy,
          passive="Export controls on {M} were {v} by {A}", coord="M",
          skip=frozenset("funded awarded administers administered launched".split()),
          nominal=("{A}'s export controls on {M} took effect in May.",)),
    Frame("policy", "RESTRICT_NOUNS", {"A": "gov", "M": "material"}, "{v} {art} export {w} on {M}", _policy, light="impose",
          coord="M", skip=frozenset({"control"}),
          nominal=("{A}'s export {w} on {M} took effect in May.",)),
)

# --- constructions ------------------------------------------------------------------------------------------------

POSITIVE = ("active", "passive", "relative", "appositive", "nominal", "subject-coord", "subject-list", "object-coord",
            "participial", "fronted")
NEGATIVE = ("hedged", "negated", "conditional", "talks")


@dataclass(frozen=True)
class Case:
    construction: str
    family: str
    trigger_set: str
    word: str
    shape: str
    text: str
    expected: frozenset[Fact]
    allowed: frozenset[Fact]


def _fill(template: str, e: dict[str, str], **kw: str) -> str:
    text = template.format(**e, **kw).replace("s's ", "s' ").replace("s was ", "s were ")
    return text[0].upper() + text[1:]


def _clause(frame: Frame, word: str, fm: str) -> tuple[str, str] | None:
    """({v}, {w}) of the predicate in verb form ``fm``, or None when the trigger is not in that form."""
    if frame.light:
        forms = LIGHT[frame.light_for.get(word, frame.light)]
        if fm == "neg" and "neg" not in forms:
            fm = "3sg"
        return (forms[fm], SPELLING.get(word, word)) if fm in forms else None
    if fm == "neg":
        fm = "3sg"
    if fm == "pp":
        return (word, word) if form(word) in ("past", "pp") and word not in PAST_ONLY else None
    return (word, word) if form(word) == fm else None


def _plural(frame: Frame, word: str) -> bool:
    """A noun trigger in the plural ("subsidiaries", "agreements"): said of coordinated subjects only."""
    return frame.light is not None and word.endswith("s") and not word.endswith("ss")


def _pred(frame: Frame, word: str, fm: str, e: dict[str, str]) -> str | None:
    vw = _clause(frame, word, fm)
    if vw is None:
        return None
    v, w = vw
    art = article(w)
    if frame.trigger_set == "RESTRICT_NOUNS":
        art = "" if _plural(frame, word) or word.endswith("ing") else "an"  # "an export ban", "export licensing"
    elif _plural(frame, word) and frame.trigger_set != "AGREEMENT_NOUNS":
        art = ""
    elif _plural(frame, word):
        art = "two"
    text = frame.pred.format(v=v, w=w, art=art, **{"with": "with " if word.startswith("provid") else ""}, **e)
    return " ".join(text.split())


NEGATIVE_TEMPLATES = (("hedged", "{A} may {p}.", "base"), ("hedged", "{A} could {p}.", "base"),
                      ("hedged", "{A} is considering {p}.", "ger"), ("negated", "{A} no longer {p}.", "neg"),
                      ("negated", "{A} did not {p}.", "base"), ("conditional", "If prices rise, {A} will {p}.", "base"),
                      ("conditional", "{A} will {p} if the plan is approved.", "base"),
                      ("talks", "{A} is in talks to {p}.", "base"))


def _cases_of(frame: Frame, word: str, index: int, pick: Callable[[str, int], str]) -> Iterator[tuple[str, str, list[dict]]]:
    """(construction, text, [the roles of each stated relation]) for one trigger word."""
    k = {"A": 0, "B": 1}
    e = {role: pick(kind, k.get(role, 0)) for role, kind in frame.roles.items()}
    a2, a3 = pick(frame.roles["A"], 3), pick(frame.roles["A"], 5)

    def sent(template: str, fm: str, ents: dict = e, **kw: str) -> str | None:
        p = _pred(frame, word, fm, ents)
        return None if p is None else _fill(template, ents, p=p, **kw)

    if _plural(frame, word):  # "A and C are subsidiaries of B", "A and C signed two agreements with B"
        p = _pred(frame, word, "3sg", e)
        p = p.replace("is ", "are ", 1) if frame.light.startswith("be") else _pred(frame, word, "past", e)
        yield "subject-coord", _fill("{A} and {A2} {p}.", e, A2=a2, p=p), [e, {**e, "A": a2}]
        yield "subject-list", _fill("{A}, {A2} and {A3} {p}.", e, A2=a2, A3=a3, p=p), [e, {**e, "A": a2}, {**e, "A": a3}]
        return
    for fm, template in (("3sg", "{A} {p}."), ("past", "{A} {p}."), ("base", "{A} will {p}."), ("ger", "{A} is {p}.")):
        if (t := sent(template, fm)) is not None:
            yield "active", t, [e]
    if frame.passive and (frame.passive_only is None or word in frame.passive_only):
        if (vw := _clause(frame, word, "pp")) is not None:
            yield "passive", _fill(frame.passive + ".", e, v=vw[0], w=vw[1], be="was", Art=article(word).capitalize(),
                                   **{"with": "with " if word.startswith("provid") else ""}), [e]
    if frame.light == "be":  # the relation in an appositive: "A, a unit of B, ..."
        yield "appositive", _fill("{A}, {art} {w} of {X}, reported record sales in 2024.", e, art=article(word), w=word,
                                  X=e.get("B", e.get("M"))), [e]
    firm = frame.roles["A"] == "org"
    news, kind = ("reported record sales in 2024", "firms of its kind") if firm else ("acted in May", "economies of the region")
    for construction, template in (("relative", "{A}, which {p}, " + news + "."),
                                   ("insertion", "{A}, one of the largest " + kind + ", {p}.")):
        if (t := sent(template, "3sg") or sent(template, "past")) is not None:
            yield construction, t, [e]
    if (t := sent("{A} " + news + ", {p}.", "ger")) is not None:
        yield "participial", t, [e]
    if (t := sent("In March 2025, {A} {p}.", "past")) is not None:
        yield "fronted", t, [e]
    if frame.coord:
        role = frame.coord
        other = pick(frame.roles[role], 4)
        both = {**e, role: f"{e[role]} and {other}"}
        if (t := sent("{A} {p}.", "3sg", both) or sent("{A} {p}.", "past", both)) is not None:
            yield "object-coord", t, [e, {**e, role: other}]
    if frame.trigger_set not in ("SHARE_VERBS", "FUNDING_VERBS") and not frame.light:
        for fm, template in (("base", "{A} will {p}."), ("past", "{A} {p}.")):
            if (p := _pred(frame, word, fm, e)) is not None:
                template = template.replace("{A}", "{A} and {A2}")
                yield "subject-coord", _fill(template, e, A2=a2, p=p), [e, {**e, "A": a2}]
                template = template.replace("{A} and {A2}", "{A}, {A2} and {A3}")
                yield "subject-list", _fill(template, e, A2=a2, A3=a3, p=p), [e, {**e, "A": a2}, {**e, "A": a3}]
                break
    for nominal in frame.nominal:
        construction, template = nominal if isinstance(nominal, tuple) else ("nominal", nominal)
        if "{w}" not in template and index >= 3:
            continue  # (a phrasing without the trigger word: three sentences, three sets of names)
        stated = [e, {**e, "B": a3}, {**e, "A": e.get("B"), "B": a3}] if construction == "subject-list" else [e]
        yield construction, _fill(template, e, w=SPELLING.get(word, word), art=article(word), Art=article(word).capitalize(),
                                  C=a3), stated
    for construction, template, fm in NEGATIVE_TEMPLATES:  # the same predicate, not stated as a fact
        if (p := _pred(frame, word, fm, e)) is None:
            continue
        if fm == "neg" and frame.light and "neg" in LIGHT[frame.light]:
            template = "{A} {p}."
        yield construction, _fill(template, e, p=p), []


def cases(vocabulary: Vocabulary = WORDS) -> list[Case]:
    """Every sentence of the grid, in a fixed order, each once; the names rotate through their pools by trigger word."""
    out: dict[tuple[str, str], Case] = {}
    for frame in FRAMES:
        words = [w for w in sorted(getattr(vocabulary, frame.trigger_set))
                 if w not in frame.skip and (frame.only is None or w in frame.only)]
        for n, word in enumerate(words):
            def pick(kind: str, k: int, n: int = n) -> str:
                return POOLS[kind][(n + k) % len(POOLS[kind])][0]

            shape = POOLS[frame.roles["A"]][n % len(POOLS[frame.roles["A"]])][1]
            for construction, text, stated in _cases_of(frame, word, n, pick):
                expected = set().union(*(frame.facts(s) for s in stated))
                allowed = set().union(*(frame.derived(s) for s in stated))
                if frame.group and stated:
                    parties = list(dict.fromkeys(x for s in stated for x in (s["A"], s["B"])))
                    allowed |= {_f("COOPERATES_WITH", a, b) for a in parties for b in parties if a != b}
                case = Case(construction, frame.family, frame.trigger_set, word, shape, text, frozenset(expected),
                            frozenset(allowed))
                out.setdefault((frame.trigger_set, text), case)
    return list(out.values())


# --- scoring ------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Result:
    case: Case
    missed: tuple[Fact, ...]
    false: tuple[tuple[str, str, str], ...]

    @property
    def passed(self) -> bool:
        return not self.missed and not self.false


def run(extractor, grid: list[Case]) -> list[Result]:
    """Extract each sentence as a document of its own and compare with what it states."""
    gaz = extractor.gazetteer
    results = []
    for case in grid:
        found = extractor.extract([(case.text, False)]).as_dict()
        names = {ent["id"]: (ent["name"], ent["label"]) for ent in found["entities"]}

        def same(written: str, node_id: str | None) -> bool:
            if node_id is None:
                return False
            if written.endswith(":*"):
                return node_id.startswith(written[:-1])
            known = gaz.lookup(written)
            if known is not None and known.id == node_id:
                return True
            name = names.get(node_id, (None,))[0]
            return name is not None and normalise(name) == normalise(written)

        def matches(fact: Fact, r: dict, exact: bool = True) -> bool:
            if r["type"] != fact.type:
                return False
            ends = [(r["source"], r["target"])]
            if fact.type == "COOPERATES_WITH":
                ends.append((r["target"], r["source"]))
            if not any(same(fact.source, s) and same(fact.target, t) for s, t in ends):
                return False
            if not exact:
                return True
            if fact.material is not None and not same(fact.material, r.get("material")):
                return False
            return fact.stake is None or r.get("stake") == fact.stake

        rels = found["relations"]
        missed = tuple(f for f in case.expected if not any(matches(f, r) for r in rels))
        false = tuple((r["type"], names.get(r["source"], (r["source"],))[0], names.get(r["target"], (r["target"],))[0])
                      for r in rels if not any(matches(f, r, exact=False) for f in case.expected | case.allowed))
        results.append(Result(case, missed, false))
    return results


def table(results: list[Result], key: Callable[[Case], str]) -> list[tuple[str, int, int, int, int, int]]:
    """Rows (group, sentences, passed, stated relations, found, false relations), by ``key``."""
    rows: dict[str, list[int]] = {}
    for r in results:
        row = rows.setdefault(key(r.case), [0, 0, 0, 0, 0])
        row[0] += 1
        row[1] += r.passed
        row[2] += len(r.case.expected)
        row[3] += len(r.case.expected) - len(r.missed)
        row[4] += len(r.false)
    return [(k, *v) for k, v in rows.items()]


def cell(case: Case) -> str:
    return f"{case.construction} x {case.trigger_set}"
