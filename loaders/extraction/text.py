"""Token-level helpers every pass shares: what a name token is, cue labels, credit lines and headlines,
sentence starts, and the short forms of names (legal suffixes, acronyms, place cores).
"""

from __future__ import annotations

import re
from typing import Any

from supplygraph.perf import import_spacy

import_spacy()  # first: the plain import below would import spaCy with its command line (typer, the model downloader,
# requests), about a tenth of extract's start-up, for code that never runs in it
from spacy.lang.en.stop_words import STOP_WORDS

from .. import lexicon
from ..gazetteer import KnownEntity, normalise
from .model import Entity, MONTHS, Mention, ORG_LABELS
from .packed import symbols_of
from .vocabulary import WORDS

TITLE_WORDS = lexicon.PERSON_TITLES | {"chief", "executive", "prime", "under", "deputy", "vice"}

OFFICE_WORDS = frozenset("chairman chairwoman ceo president minister secretary governor mayor senator premier chancellor".split())
"""Titles that never end a firm's name: inside a run of capitals they part the organisation from its officer
("POSCO Group Chairman Chang In-wha"); first in a run they make it an office ("Minister for Energy")."""

SOURCE_WORDS = frozenset("analytics consultancy consultancies consulting brokerage newswire".split())
"""An appositive with one of these describes a data source or adviser ("GlobalData, a London-based analytics firm")."""

DASHES = frozenset(("--", "—", "–", "-"))
"""The dashes that end a dateline ("TOKYO --", "SEOUL, Korea and CLARKSVILLE, Tennessee -") or stand after one."""

PUNDITS = frozenset("analyst analysts strategist strategists economist economists".split())
"""'a mining strategist at X': X is where a quoted expert works, a source, not a party to the supply chain."""

DATA_NOUNS = frozenset("statistics data figures estimates survey surveys".split())
"""'the Ministry of Finance's trade statistics', 'X's annual material-flow survey': the owner of figures is cited
as a source."""

REGIONS = frozenset(normalise(r) for r in lexicon.REGIONS)

NOT_PARTIES = frozenset(normalise(n) for n in lexicon.not_parties())

COMMON_CAPITALS = frozenset(
    "rare heavy light public private global federal national state local chief under prime according operations "
    "figures our highlights note summary source sources takeaways takehome why what each western eastern northern "
    "southern first last new old domestic foreign strategic government figure table section chapter appendix part "
    "phase stage version annex exhibit page english internet earth moon yes no well thanks sure indeed management "
    "revenue revenues production outlook customers feedstock volumes guidance investors results exports imports "
    "sales prices demand supply shipments exporters importers producers buyers sellers companies firms manufacturers "
    "suppliers miners refiners automakers carmakers speaker almost nearly roughly around about just speaking without "
    "although though whereas unlike besides meanwhile instead overall "
    # discourse adverbs that open a sentence ("Separately, Carester, a French start-up, said ...")
    "separately additionally elsewhere furthermore moreover however earlier later previously currently recently "
    "finally notably similarly likewise nevertheless nonetheless consequently therefore thus accordingly specifically "
    "importantly initially ultimately alternatively otherwise today yesterday "
    # adverbs of place and manner that open a sentence ("Nearby, Viridis Mining is drilling ...")
    "nearby abroad overseas locally domestically upstream downstream alongside "
    # quantifiers that open a sentence ("Much of China's feed comes from ...", "Most of Japan's imports")
    "much most many some half none few several "
    # what a sentence cites ("Data from the U.S. Geological Survey show ...")
    "data statistics "
    # people described, never a party ("Analysts at X said ...", "Officials said ...")
    "analysts analyst officials executives traders experts observers critics researchers economists".split()
)


ALL_CUES = frozenset(w for _, words in lexicon.LABEL_CUES for w in words)

def _english_words() -> frozenset[str]:
    """Every word the shipped vocabulary knows: trigger words, the words of materials' and end uses' names, common
    capitals and generic modifiers (a word none of them holds may be coined: "Quillon Mining")."""
    words = set(COMMON_CAPITALS | lexicon.GENERIC_MODIFIERS | lexicon.PERSON_TITLES)
    for value in vars(WORDS).values():
        if isinstance(value, frozenset):
            words |= value
        elif isinstance(value, (tuple, dict)):
            words |= {w for p in value for w in (p if isinstance(p, tuple) else (p,))}
    for row in (*lexicon.material_rows(), *lexicon.end_use_rows()):
        words |= {w for name in (row[1], *row[-1]) for w in re.findall(r"[a-z]+", name.lower())}
    return frozenset(words)


ENGLISH_WORDS = _english_words()

KIND_WORDS = frozenset(w for label, words in lexicon.LABEL_CUES if label not in ("GovernmentBody", "Event") for w in words)
"""Words that say what kind of thing a name is ("Group", "Plant", "Regulation"): alone, a table header or a
fragment, never a name (but "Congress", "the Navy" and "Parliament" are bodies)."""


def all_cues() -> frozenset[str]:
    return ALL_CUES


def is_cue(word: str) -> bool:
    return word in ALL_CUES

WEAK_CUES = frozenset({"materials", "metals", "magnetics", "mining", "minerals", "resources", "chemical", "chemicals",
                   "industries", "technologies", "technology", "motors", "electric", "electronics", "rare-earth", "earth",
                   "earths", "magnet", "magnets", "steel", "fuels", "energy", "aerospace", "automotive", "systems",
                   "enterprises", "manufacturing", "mag", "state", "zone", "complex", "works", "plan", "strategy",
                   "center", "centre", "lab", "authority", "committee", "government", "law", "scheme"})  # fmt: skip


_INSTRUMENT_LINKS = frozenset(("on", "for", "of", "no", "no."))


def cue_label(words: list[str]) -> tuple[str | None, bool]:
    """The label the cue words of a name give, and whether the cue is strong enough on its own."""
    if len(words) > 2 and (words[1] in _INSTRUMENT_LINKS and words[0] in WORDS.INSTRUMENT_HEADS
                           or words[2] in _INSTRUMENT_LINKS and words[1] in WORDS.INSTRUMENT_HEADS):
        return "Policy", True  # "(Government) Regulation No. 1 of 2017", "Regulations on the Administration of Technology Import and Export"
    if len(words) > 1 and words[-1] in WORDS.INSTRUMENT_HEADS and words[-1] in _POLICY_CUES:
        return "Policy", True  # "Export Administration Regulations", "Mineral Resources Management Law": a body's word inside
    if words and words[-1][-1:] == "." and words[-1] not in ALL_CUES and words[-1][:-1] in lexicon.LEGAL_SUFFIXES:
        words = [*words[:-1], words[-1][:-1]]  # "Voss GmbH." at a sentence's end: one token
    if len(words) > 1 and words[0] in lexicon.LEGAL_PREFIXES:
        return "Company", True  # "PT Freeport Indonesia": a legal form before the name
    for label, cues in lexicon.LABEL_CUES:
        hits = [w for w in words if w in cues]
        if label == "Policy" and hits and words[-1] not in cues and words[0] != "announcement":
            continue
        if label in ("Facility", "Event") and (not hits or words[-1] not in cues):
            continue
        if label == "Place" and (not hits or words[-1] not in cues):
            continue
        if label == "GovernmentBody" and hits and (len(words) == 1 or hits == ["service"] and words[-1] != "service"):
            continue  # ("US Forest Service", not "Service Metals Ltd")
        if hits:
            strong = any(h not in WEAK_CUES for h in hits)
            if label == "Company" and not strong:
                return "Company", False
            return label, strong
    return None, False


def name_token(doc: Any, i: int) -> bool:
    t = doc[i]
    verdict = _NAME_WORDS.get(t.text, _UNSEEN)
    if verdict is _UNSEEN:
        verdict = _NAME_WORDS[t.text] = _name_word(t)
    if verdict is not None:
        return verdict
    # "e-VAC": a lower-case prefix joined to a capitalised part
    return i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].is_upper


def name_starts(doc: Any) -> list[int]:
    """For each position of ``doc`` (a :class:`~.tokens.Tokens`) and its end, the first position from there on where a
    name can open (:func:`name_token`) or a bracket has opened ("(" before a name in Chinese characters): the mentions
    pass steps over the other words at once, where it judged them one by one (most words open no name)."""
    tokens, verdicts = doc.tokens, _NAME_WORDS
    n = len(tokens)
    ahead = [n] * (n + 1)
    for k in range(n - 1, -1, -1):
        t = tokens[k]
        verdict = verdicts.get(t.text, _UNSEEN)
        if verdict is _UNSEEN:
            verdict = verdicts[t.text] = _name_word(t)
        if verdict or verdict is None and k + 2 < n and tokens[k + 1].text == "-" and tokens[k + 2].is_upper \
                or k > 0 and tokens[k - 1].text == "(":
            ahead[k] = k
        else:
            ahead[k] = ahead[k + 1]
    return ahead


_NAME_WORDS: dict[str, bool | None] = {}
"""A word's verdict for :func:`name_token` (it depends on the word alone, so each word is judged once)."""
_UNSEEN = object()
_PREFIX = re.compile(r"^[a-z]{1,2}$")
_CAMEL = re.compile(r"^[a-z][A-Z][A-Za-z]{2,}$")


def _name_word(t: Any) -> bool | None:
    """Whether the token ``t`` can be part of a name by its word alone; None when the next tokens decide ("e-VAC")."""
    if not t.text[:1].isalpha() and not (t.text[:1].isdigit() and any(c.isupper() for c in t.text)):
        return False
    if symbols_of(t.text):
        return False  # "separated NdPr": a token that packs element symbols names no firm, even left unread
    if any(sign in t.text for sign in "$€£¥"):
        return False  # "awarded Ucore US$18.4 million": a currency ends the name before it (the whole run was dropped)
    if t.is_title or (t.is_upper and len(t.text) > 1) or (t.text[:1].isupper() and any(c.isupper() for c in t.text[1:])):
        return t.lower_ not in ("i",) and t.text not in ("I",)
    if _CAMEL.match(t.text):
        return True  # "eVAC Magnetics", "iPhone": a brand's lower-case prefix before its capitals
    return None if _PREFIX.match(t.text) else False


def institution_continues(doc: Any, start: int, j: int, covered: set[int]) -> bool:
    """ "Ministry of Economy, Trade and Industry": "and" or a comma inside an institution's name."""
    words = [t.lower_ for t in doc[start:j]]
    if not (set(words) & WORDS.INSTITUTION_HEADS and ("of" in words or "for" in words)) or "and" in words:
        return False  # (a second "and" parts two names: "the University of Science and Technology and NORTEK")
    k = j + 1
    if doc[j].text == "," and k < len(doc) and doc[k].text == "and":
        k += 1
    if k >= len(doc) or k in covered or not name_token(doc, k):
        return False
    tail = []
    while k < len(doc) and name_token(doc, k) and k not in covered:
        tail.append(doc[k].lower_)
        k += 1
    return bool(tail) and tail[-1] not in _COMPANY_CUES and not set(tail) & WORDS.INSTITUTION_HEADS and tail[0] not in MONTHS
    # ("Ministry of Commerce and General Administration of Customs": two institutions, not one name)


def instrument_continues(doc: Any, j: int) -> int | None:
    """ "Regulations on the Administration of Technology Import and Export", "Catalogue of Technologies Prohibited and
    Restricted from Export", "Regulation of the Minister of Energy and Mineral Resources No. 11 of 2019": inside a legal
    instrument's name (a run opened by "Regulations", "Catalogue"...), "on (the)", "for (the)", "of the", "from" and
    "and" lead on to the next capitalised word. The token after them, or None."""
    word = doc[j].lower_
    if word not in ("on", "for", "from", "and", "of"):
        return None
    k = j + 1 + (word in ("on", "for", "of") and j + 1 < len(doc) and doc[j + 1].lower_ == "the")
    return k if k < len(doc) and name_token(doc, k) and doc[k].lower_ not in WORDS.STOP and doc[k].lower_ not in WORDS.WEEKDAYS \
        and doc[k].lower_ not in MONTHS else None  # ("the Strategy for Securing Critical Minerals on Monday": a date)


def descriptors_continue(doc: Any, j: int, covered: set[int], start: int | None = None) -> int | None:
    """ "United Mining and Chemical Company", "Japan Oil, Gas and Metals National Corporation": common nouns
    coordinated inside one name, which an organisation's or a facility's kind word closes. The end of the
    coordination (the token after its last noun), or None when ``j`` ("and" or a comma) parts two names ("Arab
    Potash Company and Jordan Bromine Company", "BHP and Rio Tinto Group"). A name that opens with a word of its
    own (``start``) may also end on the coordinated noun when that is a firm's kind: "Anshan Iron and Steel",
    "Viridis Mining and Minerals" (issue 12, set J)."""
    n = len(doc)
    if j < 1 or doc[j - 1].lower_ not in WORDS.NAME_DESCRIPTORS or not name_token(doc, j - 1):
        return None
    k = j
    while k + 1 < n and doc[k].text == "," and doc[k + 1].lower_ in WORDS.NAME_DESCRIPTORS and name_token(doc, k + 1):
        k += 2  # ", Gas"
    if k < n and doc[k].text == "," and k + 1 < n and doc[k + 1].text == "and":
        k += 1  # (a serial comma)
    if k + 1 >= n or doc[k].text != "and" or doc[k + 1].lower_ not in WORDS.NAME_DESCRIPTORS or not name_token(doc, k + 1):
        return None
    end = k + 2
    tail = end
    while tail < n and (name_token(doc, tail) or (doc[tail].text in ("of", "for") and tail + 1 < n and name_token(doc, tail + 1))):
        tail += 1
    if any(k in covered for k in range(j, tail)):
        return None
    if not _ORG_KINDS & {t.lower_ for t in doc[end - 1 : tail]} and not (
            tail == end and start is not None and start < j - 1 and start not in covered and name_token(doc, start)
            and doc[start].lower_ not in WORDS.NAME_DESCRIPTORS and doc[end - 1].lower_ in _FIRM_KINDS):
        return None
    return end


_ORG_KINDS = frozenset(w for label, words in lexicon.LABEL_CUES if label in ("University", "ResearchInstitute", "GovernmentBody", "Policy", "Facility")
                       for w in words) | (dict(lexicon.LABEL_CUES)["Company"] & lexicon.LEGAL_SUFFIXES)  # fmt: skip
"""The kind words that close an organisation's, a facility's or an instrument's name (a firm's legal form, not a
weak cue like "Mining"; "Mineral and Coal Mining Law", "Commercialization and Demonstration Facility")."""
_FIRM_KINDS = dict(lexicon.LABEL_CUES)["Company"] - lexicon.LEGAL_SUFFIXES
"""A firm's kind words ("Steel", "Minerals") that may end a name whose own word comes first ("Anshan Iron and Steel")."""


_COMPANY_CUES = dict(lexicon.LABEL_CUES)["Company"] - {"energy", "technology", "resources", "minerals", "mining",
                                                        "industries", "systems"}  # fmt: skip


def absorbable(doc: Any, known: list[Mention], i: int) -> bool:
    """A known place or country at the start of a longer capitalised name ("Baotou Rare Earth Research Institute",
    "India-Japan Critical Minerals Forum"), or a known element or material before a firm's word ("Indium Corporation",
    "Tungsten West")."""
    firm = max((m.end for m in known if m.start == i and m.label_of_known in ORG_LABELS), default=None)
    if firm is not None and doc[i].text[:1].isupper() and _firm_goes_on(doc, known, firm):
        return True  # "Tianqi Lithium Energy Australia", "Vale Base Metals": a known firm's name opens a longer one
    for m in known:
        if m.start != i or m.end >= len(doc):
            continue
        if m.label_of_known in ORG_LABELS and any(k.start == m.end and k.label_of_known in ("Country", "Place") and not k.demonym for k in known):
            return True  # "POSCO Argentina", "Albemarle Australia", "LG Chem Tennessee": a firm's national or local unit
        nxt = m.end + 1 if doc[m.end].text == "-" and m.end + 2 < len(doc) and name_token(doc, m.end + 2) else m.end
        if m.label_of_known == "Element" and doc[m.start].is_title and not m.demonym and any(
                k.start == m.end and k.label_of_known in ("Place", "Country") and not k.demonym and len(k.text) > 2 and not _ends_at_name(doc, k.end) for k in known):
            return True  # "Lithium Argentina", "Nickel Australia": a firm named by its commodity and its country
        if m.label_of_known in ("Place", "Country") and name_token(doc, nxt) and doc[nxt].is_title and doc[nxt].lower_ in _NAME_STOPS \
                and _ends_at_name(doc, nxt + 1):
            return True  # "Japan New Metals", "China First Heavy Industries": a country, then a capitalised "New" or "First"
        if m.label_of_known == "Place" and doc.lowers[m.end] in _PLACE_PARTICLES and m.end + 1 < len(doc) and name_token(doc, m.end + 1) \
                and not any(k.start == m.end + 1 for k in known):
            return True  # "St. Martin im Sulmtal", "Frankfurt am Main": a known place's name opens a longer place name
        if name_token(doc, nxt) and doc[nxt].lower_ not in WORDS.STOP:
            if m.label_of_known in ("Place", "Country") or (m.label_of_known in ("Element", "Material")
                                                            and doc[nxt].lower_ in _FIRM_WORDS and doc[nxt].text[:1].isupper()):
                return True
            if m.label_of_known in ("Element", "Material") and _instrument_run(doc, nxt):
                return True  # "COBALT EXPORT ADMINISTRATION REGULATIONS", "Graphite Export Control Measures": a title
            return m.label_of_known == "Element" and doc[m.start].is_title and doc[nxt].lower_ not in COMMON_CAPITALS \
                and not any(k.start == nxt for k in known)  # "Tungsten West", "Lithium Americas": a firm's name
    return False


def _firm_goes_on(doc: Any, known: list[Mention], k: int) -> bool:
    """Whether the capitalised word at ``k``, after a known firm's name, goes on with a longer name: not a person's
    title ("Director"), a common capital, a month or a weekday, nor another known name; a stop word only as a name's
    "New" or "First" ("BTR New Energy Material"). A legal form goes on ("Hsikwangshan Twinkling Star Co., Ltd.": the
    known firm, by its name without the form); so does an office ("POSCO Group Chairman Chang In-wha"), so that the
    run parts the firm from its officer, whose surname is then no firm ("Chang said")."""
    if k >= len(doc) or not name_token(doc, k) or not doc[k].text[:1].isupper():
        return False
    word = doc.lowers[k]
    if word in WORDS.STOP or word in _NAME_STOPS:
        return word in _NAME_STOPS and _ends_at_name(doc, k + 1)
    return (word in OFFICE_WORDS or word not in lexicon.PERSON_TITLES) \
        and word not in COMMON_CAPITALS and word not in MONTHS and word not in WORDS.WEEKDAYS \
        and not any(x.start == k and not demonym_firm(doc, x) for x in known)


def demonym_firm(doc: Any, x: Mention) -> bool:
    """A nationality's word ``x`` and a capitalised element's name after it that end a name a known firm's opens:
    "Imerys British Lithium" is the firm's venture with (or unit named like) "British Lithium", not the firm and a
    country."""
    return x.demonym and x.end < len(doc) and doc[x.end].is_title and doc.lowers[x.end] in _ELEMENT_NAMES \
        and not _ends_at_name(doc, x.end + 1)


_ELEMENT_NAMES = frozenset(name.lower() for _, name, _ in lexicon.ELEMENTS)

_PLACE_PARTICLES = frozenset(("im", "am", "upon", "sur"))
"""Small words after which a place's name goes on ("St. Martin im Sulmtal", "Frankfurt am Main", "Newcastle upon Tyne")."""

_NAME_STOPS = frozenset(("new", "first", "one", "united", "national"))
"""Stop words that a firm's name may hold after a country's ("Japan New Metals"): capitalised and followed by another
name word, they go on with the name."""


def _ends_at_name(doc: Any, k: int) -> bool:
    """Whether another capitalised name word follows at ``k`` (the country is then inside a longer name)."""
    return k < len(doc) and name_token(doc, k) and doc.lowers[k] not in WORDS.STOP


_POLICY_CUES = dict(lexicon.LABEL_CUES)["Policy"]


def _instrument_run(doc: Any, k: int) -> bool:
    """The capitalised words from ``k`` end in a legal instrument's head ("Export Administration Regulations")."""
    stop = k
    while stop < len(doc) and stop < k + 6 and name_token(doc, stop):
        stop += 1
    return stop > k and doc.lowers[stop - 1] in WORDS.INSTRUMENT_HEADS and (stop == len(doc) or not name_token(doc, stop))


_FIRM_WORDS = lexicon.LEGAL_SUFFIXES | frozenset("mining metals minerals resources industries technologies chemicals chemical".split())
"""After a known element or material, a capitalised word that makes it a firm's name ("Indium Corporation", "Tin Mining")."""

STARTS: dict[int, set[int]] = {}


def sentence_start(doc: Any, i: int) -> bool:
    return i == 0 or i in STARTS.get(id(doc), ())


def opens(doc: Any, i: int) -> bool:
    """Token ``i`` opens the sentence, a numbered item, a bullet, a table cell or the text after a dateline ("2. Exports",
    "- Almost all ...", "| Controlled items |", "BEIJING, May 3 -- Demand for"): its capital says nothing."""
    return sentence_start(doc, i) or (i > 0 and (_ITEM_NUMBER.fullmatch(doc[i - 1].text) is not None or doc[i - 1].text in BULLETS)
                                      and (i == 1 or sentence_start(doc, i - 1))) or (i > 0 and doc[i - 1].text in OPENING_MARKS)


BULLETS = frozenset("- * • –".split())
OPENING_MARKS = frozenset(("|", "--", "—"))
"""Marks after which a capital says nothing: a table cell's bar, a dateline's dash ("TOKYO, March 3 -- Demand for ...")."""
_ITEM_NUMBER = re.compile(r"\d{1,2}[.)]?")


_SUBJECT_PRONOUNS = frozenset("they it we he she i you".split())
_NOT_OBJECTS = frozenset("is was are were has have had will would can could may said says and or , . ; :".split())


def word_opener(doc: Any, i: int) -> bool:
    """A one-word capitalised run that opens a sentence, an item or a quotation and is a word of the sentence, not a
    name: an English function word (spaCy's stop words: "Together they produced ...", "Whereas ..."), a word before a
    subject pronoun ("Nearby it runs ..."), or a gerund before its object ("Securing anode material is ..."). Its
    capital says nothing there, and a cue-less run made a firm of it that discourse then made the topic (set H)."""
    if not (opens(doc, i) or (i > 0 and doc[i - 1].text in ('"', "“") and (i == 1 or sentence_start(doc, i - 1)))):
        return False
    word = doc[i].lower_
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if word in STOP_WORDS or (nxt is not None and nxt.lower_ in _SUBJECT_PRONOUNS):
        return True
    return word.endswith("ing") and len(word) > 5 and nxt is not None and nxt.is_lower and nxt.is_alpha \
        and nxt.lower_ not in _NOT_OBJECTS


def sentence_start_common(doc: Any, i: int) -> bool:
    """A capitalised common word that opens the sentence or a numbered item ("Rare earth magnets are ...", "2. Exports")."""
    return doc[i].lower_ in COMMON_CAPITALS and opens(doc, i)

BYLINE_STARTS = (("by",), ("posted", "by"), ("written", "by"), ("reported", "by"), ("reporting", "by"),
                 ("edited", "by"), ("prepared", "by"), ("compiled", "by"))  # fmt: skip

MAX_BYLINE_TOKENS = 16


def number_sign(doc: Any, i: int) -> bool:
    """ "No." before a number ("Announcement No. 18"), not the negation "no"."""
    k = i + 1 + (i + 1 < len(doc) and doc[i + 1].text == ".")
    return doc[i].lower_ in ("no", "no.") and doc[i].text[0] == "N" and k < len(doc) and doc[k].like_num


def numbered(doc: Any, j: int) -> int:
    """The end of a numbered instrument's name ending before ``j``: "Announcement No. 18 of 2025", "Decree No. 785"."""
    if j < 2 or doc[j - 1].lower_ not in ("no.", "no") or j + 1 >= len(doc):
        return j
    if doc[j].text == "." and doc[j + 1].like_num:
        j += 1
    if not doc[j].like_num:
        return j
    j += 1
    while j < len(doc) and not doc[j - 1].whitespace_ and (doc[j].text == "/" or doc[j].text[:1].isalnum()):
        j += 1  # "Decision No. 001/ARECOMS/2025"
    if j + 1 < len(doc) and doc[j].lower_ == "of" and re.fullmatch(r"(19|20)\d\d", doc[j + 1].text):
        j += 2
    return j


def credit_line(sent: Any) -> bool:
    """An attribution, credit or byline: the publications, photographers and authors it names are not parties.

    "Facts from: Defence Industry Europe, ...", "Sources: company statements", "By Anna Lindqvist",
    "Posted by Karen Holm on 14 January 2026", "Prepared by the research desk of X", "Figures for X are from Y".
    """
    words = [t.lower_ for t in sent if not t.is_punct or t.text == ":"][:8]
    if ":" in words[:4] and WORDS.CREDIT_LABELS & set(words[: words.index(":")]):
        return True
    if words[:1] and words[0] in DATA_NOUNS and any(words[k : k + 2] in (["are", "from"], ["come", "from"], ["is", "from"],
                                                                          ["comes", "from"]) for k in range(1, 7)):
        return True  # "Figures for Chinese capacity are from the International Energy Agency."
    for start in BYLINE_STARTS:
        k = len(start)
        if tuple(words[:k]) == start and len(sent) <= MAX_BYLINE_TOKENS and len(words) > k:
            following = next(t for t in sent if t.lower_ == words[k])
            if following.is_title and following.lower_ not in MONTHS and following.lower_ not in WORDS.STOP:
                return True
            if start != ("by",) and following.lower_ == "the":
                return True  # "Prepared by the research desk of ..."
    return False


def title_case(sent: Any) -> bool:
    """A headline written in title case or capitals: no discovery of new names there."""
    words = [t for t in sent if t.is_alpha]
    if len(words) < 3:
        return not sent.text.rstrip().endswith((".", "!", "?"))
    capital_function = sum(1 for t in words[1:] if (t.is_title or t.is_upper) and t.lower_ in ("for", "of", "the", "in", "and", "not", "to", "a", "on", "at", "with", "from", "now", "is", "are"))
    lower_content = sum(1 for t in words[1:] if t.is_lower and t.lower_ not in WORDS.STOP)
    return capital_function > 0 and lower_content == 0


def only_as_acronym(known: KnownEntity, text: str) -> bool:
    """Whether ``text`` names ``known`` only through an acronym written in capitals ("DOE")."""
    forms = [f for f in known.names() if normalise(f) == normalise(text)]
    return bool(forms) and all(f.replace(".", "").isupper() for f in forms)


def longest(spans: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions, longest first (a known entity wins a tie)."""
    spans = sorted(spans, key=lambda m: (-(m.end - m.start), m.key is None, m.start))
    taken: set[int] = set()
    out = []
    for m in spans:
        if any(k in taken for k in range(m.start, m.end)):
            continue
        taken.update(range(m.start, m.end))
        out.append(m)
    return sorted(out, key=lambda m: m.start)


def demonyms(entity: Entity) -> set[str]:
    country = next((c for c in lexicon.COUNTRIES if c[0] == entity.name), None)
    if country is None:
        return set()
    return {a for a in country[2] if a.endswith(("an", "ese", "ish", "ch", "ian", "i", "ic")) and not a.isupper()}

_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?(?:" + "|".join(
    re.escape(n) for name, _, aliases in lexicon.COUNTRIES for n in (name, *aliases) if n[:1].isupper()
) + r")$")


def strip_suffix(name: str) -> str:
    """The name without its legal form or, for a body, its country: "Kibo Ltd" -> "Kibo", "Ministry of Mines of Namibia" -> "Ministry of Mines"."""
    if name.lower().startswith(("ministry", "department", "agency", "office", *WORDS.INSTRUMENT_HEADS)):
        name = _OF_COUNTRY.sub("", name)
    shorter = shorter_forms(name)
    return shorter[-1] if shorter else " ".join(name.split()).rstrip(",")


def shorter_forms(name: str) -> list[str]:
    """The name without its legal suffixes, one at a time: "X Group Co., Ltd" -> "X Group Co.", "X Group", "X"."""
    words, out = name.split(), []
    while len(words) > 1 and words[-1].lower().strip(",") in lexicon.LEGAL_SUFFIXES:
        words.pop()
        out.append(" ".join(words).rstrip(","))
    return out


def brief(entity: Entity) -> str:
    """A short name for building other names: an acronym alias (MOFCOM) when the entity has one."""
    acronyms = [a for a in (entity.known.aliases if entity.known else ()) if a.isupper() and a.isalpha() and 3 <= len(a) <= 8]
    return acronyms[0] if acronyms and len(entity.name) > 30 else entity.name


def short_name(name: str) -> str:
    return strip_suffix(name)


def place_core(name: str) -> str:
    words = name.split()
    if len(words) > 1 and words[-1].lower() in ("county", "province", "prefecture", "district", "city", "region", "oblast", "governorate", "municipality"):
        return " ".join(words[:-1])
    return name


def site_core(name: str) -> str:
    """A named site without the lower-case modifiers before its kind noun: "Longonjo rare-earth project" -> "Longonjo
    project" (the name as a gold file or a later sentence may shorten it); other names unchanged."""
    words = name.split()
    k = next((i for i, w in enumerate(words) if w[:1].islower()), len(words))
    return " ".join([*words[:k], words[-1]]) if 0 < k < len(words) - 1 else name


def facility_props(name: str) -> dict[str, Any]:
    kind = next((WORDS.FACILITY_KINDS[w] for w in name.lower().split() if w in WORDS.FACILITY_KINDS), None)
    return {"kind": kind} if kind else {}


NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "art", "arts", "vol", "para", "fig", "pp"})
"""Abbreviations a number follows ("Announcement No. 39", "Art. 5"): their full stop ends no sentence."""


CORPORATE_ABBREVIATIONS = frozenset({"inc.", "ltd.", "corp.", "co.", "plc.", "n.v.", "s.a.", "b.v.", "llc.", "pty.", "ag."})
"""A company's legal form with its full stop as one token: spaCy's sentencizer never ends a sentence there."""

_NAME_CONTINUATIONS = frozenset({"ltd", "ltd.", "limited", "llc", "kg", "gmbh", "inc", "inc.", "co", "co.", "plc", "ag", "sa"})


def sentence_spans(doc: Any) -> list[Any]:
    """The document's sentences, as spaCy's sentencizer splits them, but not between "No." and its number, and also
    after a legal form that ends a sentence ("... with K-Technologies, Inc. TechMet, the investor, holds ...": the
    full stop is the token's own, so the next sentence was read as part of this one)."""
    out: list[Any] = []
    for sent in doc.sents:
        before = doc[sent.start - 2 : sent.start] if sent.start >= 2 else None
        if out and before is not None and doc[sent.start].like_num and before[-1].text == "." \
                and before[0].lower_ in NUMBER_ABBREVIATIONS:
            out[-1] = doc[out[-1].start : sent.end]
        else:
            out.extend(_after_legal_forms(doc, sent))
    return out


def _after_legal_forms(doc: Any, sent: Any) -> list[Any]:
    """``sent`` cut after each legal form ("Inc.", "Ltd.") that a capitalised word follows, not one that continues the
    name ("Co. Ltd", "Acquisition Corp. II")."""
    cuts = [k + 1 for k in range(sent.start, sent.end - 2) if doc[k].lower_ in CORPORATE_ABBREVIATIONS
            and doc[k + 1].is_alpha and doc[k + 1].text[:1].isupper() and doc[k + 1].lower_ not in _NAME_CONTINUATIONS
            and not ROMAN_NUMERAL.match(doc[k + 1].text)]
    if not cuts:
        return [sent]
    bounds = [sent.start, *cuts, sent.end]
    return [doc[a:b] for a, b in zip(bounds, bounds[1:])]


ROMAN_NUMERAL = re.compile(r"^[IVX]+$")

