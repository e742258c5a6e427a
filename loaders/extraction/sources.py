"""Names that are no parties to what a document reports, for the mentions pass: data sources and news outlets quoted
("according to Adamas", "X's trade statistics"), lenders and deal advisers ("a loan from A and B", "X acted as legal
counsel"), and places that name a market ("listed in New York"). Kept apart from mentions.py, which finds and labels
the names; this module only says which of them to silence.
"""

from __future__ import annotations

from typing import Any

from .. import lexicon
from .model import Mention, possessive_at
from .text import DATA_NOUNS, PUNDITS, SOURCE_WORDS, name_token
from .vocabulary import WORDS


class Sources:
    """Mixin of the mentions pass: the checks that silence a name (``self.v`` is the trigger vocabulary,
    ``self.silenced`` the spans silenced so far)."""

    def _market_place(self, doc: Any, lowers: list[str], m: Mention) -> bool:
        """A known place that names a market: after "listed in/on" or "prices in", or opening the name of an exchange
        or a bank ("the New York Stock Exchange", "London Metal Exchange")."""
        k = m.start - 1
        while k > 1 and (lowers[k] in (",", "and") or (name_token(doc, k) and lowers[k] not in self.v.STOP)):
            k -= 1  # "listed in Johannesburg and New York": each place of the list
        if lowers[k] in ("in", "on") and k >= 1 and lowers[k - 1] in self.v.MARKET_WORDS:
            return True
        k = m.end
        while k < len(doc) and k < m.end + 4 and name_token(doc, k):
            k += 1
        return k > m.end and lowers[k - 1] in lexicon.NOT_PARTY_WORDS

    def _silence(self, doc: Any, start: int, end: int) -> None:
        """A source's name, its appositive and the place after it name no party: the US of "the US Geological Survey",
        London in "GlobalData, a London-based analytics firm" and in "a strategist at Hallgarten & Co. in London"."""
        lowers, stop = doc.lowers, end
        if lowers[end : end + 1] == [","] and end + 1 < len(doc) and name_token(doc, end + 1) and lowers[end + 1] not in self.v.STOP:
            pass  # "According to JOGMEC, Japan imported ...": the comma ends the attribution, the clause's subject follows
        elif lowers[end : end + 1] in ([","], ["in"]):
            stop = end + 1
            while stop < len(doc) and stop < end + 10 and lowers[stop] not in (",", ".", ";", ":", "(", ")") \
                    and not (lowers[end] == "in" and not name_token(doc, stop)):
                stop += 1
        self.silenced.append((start, stop))

    def _not_party(self, doc: Any, start: int, end: int) -> None:
        """A not-party's name names no party, nor does an appositive after it ("GlobalData, a London-based analytics
        firm": not London), as a source's (:meth:`_silence`)."""
        if doc.lowers[end : end + 2] in ([",", "a"], [",", "an"], [",", "the"]):
            self._silence(doc, start, end)
        else:
            self.silenced.append((start, end))

    def _source(self, doc: Any, lowers: list[str], start: int, end: int) -> bool:
        """A firm quoted as a source rather than a party: "X, a London-based analytics firm", "a strategist at X",
        "X's trade statistics"."""
        apposition = lowers[end + 1 : end + 8] if lowers[end : end + 1] == [","] else []
        apposition = apposition[: apposition.index(",")] if "," in apposition else apposition
        verb = end + (lowers[end : end + 1] in (["has"], ["have"], ["had"], ["will"], ["would"]))
        return (any(w in SOURCE_WORDS or w in self.v.FINANCE_WORDS for w in apposition) or self._lender(doc, lowers, start)
                or (lowers[verb : verb + 1] or [""])[0] in self.v.LENDING_VERBS  # "X has lent US$150 million"
                or self._grants_loan(lowers, end) or (lowers[start - 1 : start] and lowers[start - 1] in self.v.LENDER_NOUNS)
                or self._adviser(lowers, start, end) or (lowers[start - 1 : start] == ["at"] and lowers[start - 2 : start - 1] and lowers[start - 2] in PUNDITS)
                or (possessive_at(lowers, end) and any(w in DATA_NOUNS for w in _noun_phrase(lowers, end + 1))))

    def _not_party_shape(self, words: list[str]) -> bool:
        """A name whose shape says it is no party (issue 12, sets I and J): an industry association ("Minor Metals
        Trade Association"), a commodity's body ("Cobalt Institute", "Tantalum-Niobium International Study Center":
        only commodity words before the head, so "Baotou Rare Earth Research Institute" stays a party), or a finance
        house before its legal form ("Korea Trade Insurance Corporation")."""
        if any(w in self.v.ASSOCIATION_WORDS for w in words) or (
                len(words) > 1 and words[-2] in self.v.FINANCE_HEADS and words[-1] in lexicon.LEGAL_SUFFIXES):
            return True
        rest = [w for w in words[:-1] if w not in self.v.TRADE_BODY_FILLERS]
        return len(words) > 1 and words[-1] in self.v.TRADE_BODY_HEADS and bool(rest) and all(
            (k := self.x.gazetteer.lookup(w)) is not None and k.label in ("Element", "Material") for w in rest)

    def _adviser(self, lowers: list[str], start: int, end: int) -> bool:
        """An adviser to a deal, no party: "X acted as legal counsel", "X served as financial adviser to Y", "advised
        by X" (ADVISER_WORDS)."""
        after = lowers[end : end + 2]
        if after in (["acted", "as"], ["acts", "as"], ["served", "as"], ["serves", "as"]) or after[:1] == ["as"]:
            return any(w in self.v.ADVISER_WORDS for w in lowers[end + 1 : end + 6])
        return lowers[max(0, start - 2) : start] == ["advised", "by"]

    def _grants_loan(self, lowers: list[str], end: int) -> bool:
        """The name is the subject of a loan it grants: "X has approved a loan of up to US$465 million", "X is
        arranging further debt" (LOAN_GRANT_VERBS, then a LOAN_NOUNS word within four words)."""
        k = end
        while k < len(lowers) and k < end + 3 and lowers[k] in ("has", "have", "had", "is", "are", "was", "were", "will", "also"):
            k += 1
        return k < len(lowers) and lowers[k] in self.v.LOAN_GRANT_VERBS \
            and any(w in self.v.LOAN_NOUNS for w in lowers[k + 1 : k + 5])

    def _lender(self, doc: Any, lowers: list[str], start: int) -> bool:
        """A name in a list after "a loan from", "facilities from", "lenders including": a lender, no party."""
        k = start - 1
        while k > 0 and start - k < 40 and (lowers[k] in (",", "and", "the", "-") or (doc[k].text[:1].isupper() and lowers[k] not in self.v.STOP)):
            k -= 1
        return (lowers[k] == "from" and any(w in self.v.LOAN_NOUNS for w in lowers[max(0, k - 4) : k])) \
            or lowers[k - 1 : k + 1] in (["lent", "by"], ["lenders", "include"], ["lenders", "including"]) or lowers[k - 2 : k + 1] == ["lenders", "such", "as"] \
            or (lowers[k] in ("include", "includes", "including") and "lenders" in lowers[max(0, k - 3) : k])  # "lenders that includes"


def _noun_phrase(lowers: list[str], k: int) -> list[str]:
    """The lower-case words from ``k`` up to the first function word or punctuation: "annual material-flow survey"."""
    out = []
    while k < len(lowers) and len(out) < 6 and (lowers[k] == "-" or (lowers[k].isalpha() and lowers[k] not in WORDS.STOP)):
        out.append(lowers[k])
        k += 1
    return out
