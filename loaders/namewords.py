"""The words that shape a name the graph does not know yet: the cues that decide its label (:data:`LABEL_CUES`), the
legal forms that end a firm's name or open it, the words of a news outlet's or a bank's (never a party), the titles
and given names that make a person, and the months of a date. General words of names, not entries: the vocabulary's
entries are :mod:`.lexicon`'s, which re-exports these, and the extraction reads them as lexicon's.

Its own module, apart from the vocabulary's entries, because these are words and not things, and lexicon.py had
reached the 600-line limit (session 17).
"""

from __future__ import annotations

NOT_PARTY_WORDS = frozenset(
    "bank banks capital securities llp law partners shipping lines logistics freight exchange exchanges intelligence analytics "
    "consulting consultants insurance newswire news times journal post weekly daily magazine gazette herald tribune".split()
)
NOT_PARTY_ANYWHERE = frozenset({"news", "newswire"})
"""Words that make any name a news outlet's ("Valdren News Agency", "Metals News Service"), wherever they stand."""

# Legal forms of companies, of many countries: after a name they end it and make it a firm's ("Voss GmbH", "Shirakawa
# Denki K.K.", "Tavoria Berhad", "Valtek Kovine d.o.o."); a new form is one word here.
LEGAL_SUFFIXES = frozenset({"co", "co.", "corp", "corp.", "corporation", "inc", "inc.", "ltd", "ltd.", "limited",
                            "llc", "gmbh", "ag", "sa", "s.a.", "plc", "group", "holdings", "company", "sdn", "bhd",
                            "berhad", "pty", "jsc", "pjsc", "n.v.", "nv", "b.v.", "bv", "s.p.a.", "spa", "k.k.", "oyj", "oy",
                            "ab", "asa", "a/s", "s.a.s.", "s.r.l.", "srl", "d.o.o", "d.o.o.", "s.r.o", "s.r.o.", "ltda",
                            "tbk", "sarl", "c.v.", "cv", "s.a.b.", "r.l."})  # (Mexico's "S.A. de C.V.", "S. de R.L.")
LEGAL_PREFIXES = frozenset({"pt"})
"""Legal forms written before a firm's name, which make it a firm's wherever it stands ("PT Freeport Indonesia",
Indonesia's perseroan terbatas)."""
GENERIC_MODIFIERS = frozenset(
    "advanced green clean sustainable renewable circular essential key major minor precious base special specialty "
    "industrial modern future smart digital critical strategic allied united general standard premier prime".split()
)
"""Words that open title-case phrases of no firm ("Critical Minerals", "Advanced Materials", "Green Energy"): before an
industry's word they coin no name, whatever the document writes in lower case."""
LOWER_CASE_SUFFIXES = frozenset({"plc", "d.o.o", "d.o.o.", "s.r.o", "s.r.o.", "s.r.l.", "a/s"})
"""Legal forms written in lower case, which a name runs on over ("Ostrel Minerals plc")."""

# Cue words that decide the label of a new name (checked in this order).
LABEL_CUES: tuple[tuple[str, frozenset[str]], ...] = (
    ("University", frozenset({"university", "college", "polytechnic"})),
    ("ResearchInstitute", frozenset({"institute", "academy", "laboratory", "laboratories", "lab", "centre", "center"})),
    ("GovernmentBody", frozenset({"ministry", "department", "agency", "commission", "council", "bureau",
                                  "administration", "parliament", "government", "authority", "committee",
                                  "organization", "organisation", "army", "navy", "corps", "force", "service", "directorate"})),
    ("Policy", frozenset({"act", "fund", "credit", "program", "programme", "initiative", "law", "regulation",
                          "directive", "announcement", "plan", "strategy", "tariff", "quota", "scheme", "rules",
                          "framework", "decree", "ordinance", "regulations", "guidelines", "decision", "catalogue",
                          "catalog", "order"})),
    ("Event", frozenset({"forum", "conference", "summit", "expo", "symposium", "congress", "exhibition", "dialogue",
                         "roundtable"})),
    ("Facility", frozenset({"plant", "mine", "refinery", "factory", "facility", "smelter", "complex", "mill", "operation", "project",
                            "operations"})),
    ("Place", frozenset({"county", "province", "prefecture", "park", "district", "region", "city", "township",
                         "municipality", "zone", "state", "oblast", "territory"})),
    ("Company", LEGAL_SUFFIXES - {"sdn", "pty"} | frozenset({
        "materials", "metals", "magnetics", "mining", "minerals", "resources", "chemical", "chemicals", "industries",
        "technologies", "technology", "motors", "electric", "electronics", "rare-earth", "earth", "earths", "magnet",
        "magnets", "steel", "fuels", "energy", "aerospace", "automotive", "systems", "enterprises", "manufacturing",
        "mag", "works", "société"})),
)


PERSON_TITLES = frozenset(
    "ceo cfo coo chairman chairwoman chair president minister secretary director founder spokesperson spokesman "
    "spokeswoman analyst professor dr dr. mr mr. ms ms. mrs mrs. senator sen. rep. representative governor mayor "
    "general admiral ambassador executive officer premier chancellor commissioner lawmaker economist".split()
)

# Common given names (several languages): a capitalised pair starting with one is a person, not an organisation.
GIVEN_NAMES = frozenset(
    """
    james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark
    donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary
    nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond
    jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle noah ethan jeremy walter christian
    keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan jesse bryan billy bruce gabriel joe
    logan alan juan albert willie elijah wayne randy vincent mason roy ralph bobby russell bradley philip eugene
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley
    kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen
    amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet
    catherine maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith
    megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail
    alice judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany
    charlotte marie kayla alexis lori dana erik philippe kristen jean pierre francois hans klaus jurgen wolfgang
    stefan andreas markus ursula angela olaf emmanuel marine giorgia mario luigi giuseppe carlos luis miguel javier
    ana lucia hiroshi takashi kenji yuki akira satoshi xi li wang zhang liu chen yang zhao huang wei jun ming hui
    yan lei jian kim park lee min seo ji vladimir sergei dmitri olga natalia ivan narendra rahul priya anil sunil
    fumio shigeru shinzo justin anthony kamala rishi keir ursula kaja gina janet jake
    """.split()
) - {"virginia", "victoria", "austin", "jordan", "park", "grace", "madison", "charlotte", "marine", "georgia"}

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                       "oct": 10, "nov": 11, "dec": 12}
