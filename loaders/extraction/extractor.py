"""The :class:`Extractor`: spaCy's blank English pipeline, the gazetteer's phrase matcher and the
trigger vocabulary, built once and reused for every document.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from supplygraph.perf import import_spacy, paused_gc

from ..gazetteer import Gazetteer, KnownEntity, has_cjk
from . import phrases
from .language import not_english
from .learned import component
from .model import Extraction
from .state import DocState
from .tokens import Tokens
from .vocabulary import WORDS, Vocabulary

class Extractor:
    """Extracts entities and relations from document text, resolving names through a :class:`Gazetteer`.

    Build one per gazetteer and reuse it: building the matchers is the costly part.

    Example
    -------
    >>> x = Extractor(Gazetteer())
    >>> found = x.extract([("Acme Magnetics makes NdFeB magnets for wind turbines.", False)])
    >>> sorted(r.type for r in found.relations)
    ['PRODUCES', 'USED_IN']
    """

    @paused_gc()
    def __init__(self, gazetteer: Gazetteer | None = None, patterns: Iterable[str | Path] = (),
                 learned: bool | None = None) -> None:  # fmt: skip
        """``patterns``: extra pattern files (YAML or JSONL) whose trigger words add to the shipped vocabulary;
        ``learned``: whether the learned relation component adds what the rules missed (:mod:`.learned`; None: off
        unless the environment variable ``SUPPLYGRAPH_LEARNED_RELATIONS`` is 1).

        The garbage collector waits, as for a document: importing spaCy and building its vocabulary and matchers
        make long-lived objects that its passes would only rescan (part of extract's start-up, docs/scale.md)."""
        spacy = import_spacy()
        from spacy.matcher import PhraseMatcher

        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()
        self.vocabulary = Vocabulary(patterns) if patterns else WORDS
        self.nlp = spacy.blank("en")
        self.nlp.tokenizer.add_special_case("im", [{"ORTH": "im"}])  # "St. Martin im Sulmtal" (spaCy splits "im" as "I'm")
        self.nlp.add_pipe("sentencizer")
        self.phrases = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._phrase_ids: dict[str, KnownEntity] = {}
        self._cjk: list[tuple[str, KnownEntity]] = []
        self._seen_forms: set[str] = set()
        self._add_forms(self.gazetteer.surface_forms(), cache=True)
        self._lexemes: dict[int, tuple] = {}  # a word's flags, read from spaCy once (see .tokens)
        self.learned = component(learned)  # a .learned.model.Learned that adds relations the rules missed, or None
        self.fingerprint = _fingerprint([Path(p) for p in patterns], self.learned is not None)
        """Names the rules that read a document: a store re-reads an unchanged document when they differ."""

    # .. gazetteer phrases ..

    def _add_forms(self, forms: Iterable[tuple[str, KnownEntity]], cache: bool = False) -> None:
        """Give the phrase matcher ``forms``; ``cache``: their token hashes from (or into) the user's cache (.phrases),
        for the build's whole gazetteer (not for the few entities :meth:`learn` adds, which would each make a file)."""
        patterns: dict[str, list] = {}
        for form, entity in forms:
            head, _, tail = form.partition(", ")
            where = self.gazetteer.lookup(tail) if tail else None
            if where is not None and where.label in ("Place", "Country"):
                form = head  # "Fort Worth, Texas" is two mentions in a text: the city and the state
            for variant in sorted(_variants(form)):  # (in one order: a set's order changes from run to run)
                if (variant, entity.id) in self._seen_forms:  # type: ignore[operator]
                    continue
                self._seen_forms.add((variant, entity.id))  # type: ignore[arg-type]
                if has_cjk(variant):
                    self._cjk.append((variant, entity))
                    continue
                self._phrase_ids[entity.id] = entity
                patterns.setdefault(entity.id, []).append(variant)
        for entity_id, hashes in zip(patterns, phrases.keywords(self.nlp, patterns, cache)):
            self.phrases.add(entity_id, hashes)

    def learn(self, entities: Iterable[KnownEntity]) -> None:
        """Make later documents resolve to ``entities`` (new entities of earlier documents in the same batch)."""
        added = [self.gazetteer.add(e) for e in entities]
        self._add_forms((form, e) for e in added for form in e.names())

    # .. the pipeline ..

    def extract(self, blocks: Sequence[tuple[str, bool]], published: str | None = None) -> Extraction:
        """Entities and relations in ``blocks`` (text, is_heading) of one document.

        The garbage collector waits until the document is done: a document's objects form no cycles
        (``tests/test_tokens.py`` checks), so its passes over them only cost time (about 15 %).
        """
        with paused_gc():
            return self._extract(blocks, published)

    def _extract(self, blocks: Sequence[tuple[str, bool]], published: str | None) -> Extraction:
        state = DocState(self, published)
        text = " ".join(text for text, _ in blocks)
        why = not_english(text)
        state.lower_words = set(LOWER_WORD.findall(text))
        state.known_only = why is not None  # text the rules cannot read: known names only, nothing guessed
        pieces = [(piece, heading) for text, heading in blocks for piece in _pieces(text)]
        for doc, (_, heading) in zip(self.nlp.pipe(text for text, _ in pieces), pieces):
            state.add_doc(Tokens(doc, self._lexemes), heading)
        found = state.finish()
        if why is not None:
            found.note = (f"mostly not in English ({why}): only names the store or the vocabulary knows were read; "
                          "no relation was extracted")  # fmt: skip
        return found


def _fingerprint(patterns: list[Path], learned: bool) -> str:
    """A digest of the rules' code and data, the extra pattern files and whether the learned component is on."""
    digest = hashlib.sha256(_rules_digest().encode())
    for path in patterns:
        digest.update(path.read_bytes())
    digest.update(b"learned" if learned else b"rules")
    return digest.hexdigest()[:16]


@functools.cache
def _rules_digest() -> str:
    """The digest of every file the extraction may read its rules from (:func:`rule_files`), once per process: a new
    version of supplygraph that reads documents differently gets a new one."""
    digest = hashlib.sha256()
    for name, path in rule_files():
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def rule_files() -> list[tuple[str, Path]]:
    """Every file under ``loaders/`` and ``schema/`` (code and data: the knowledge lists, trigger patterns, learned
    weights) and supplygraph's own modules (``supplygraph/*.py``), each by a name that does not depend on where the
    package is installed. The layering (tests/test_layers.py) lets the loaders import nothing else of supplygraph's,
    so no module the extractor imports is left out, whatever a change adds (the hand-kept list before missed
    loaders/facilities.py, session 16); that the list holds more (the CLI, the evaluation, the training tools) only
    costs a re-read of the documents after a change to those."""
    import supplygraph
    import supplygraph.schema  # (imported by the extraction already)

    folders = {"loaders": Path(__file__).resolve().parents[1], "schema": Path(supplygraph.schema.__file__).resolve().parent}
    files = [(f"{name}/{path.relative_to(folder).as_posix()}", path) for name, folder in folders.items()
             for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts]  # fmt: skip
    top = Path(supplygraph.__file__).resolve().parent
    return sorted([*files, *((f"supplygraph/{path.name}", path) for path in top.glob("*.py"))])


LOWER_WORD = re.compile(r"(?<![\w-])[a-z]+(?![\w-])")
"""A word in lower case: a capitalised word that opens a sentence is a common word when the document also has it so."""

MAX_BLOCK_CHARS = 20_000
"""Longer blocks (a page with no paragraph breaks) are cut at sentence ends or spaces, to keep work per block bounded."""


def _pieces(text: str) -> list[str]:
    pieces = []
    while len(text) > MAX_BLOCK_CHARS:
        cut = text.rfind(". ", 0, MAX_BLOCK_CHARS)
        if cut < MAX_BLOCK_CHARS // 2:
            cut = text.rfind(" ", 0, MAX_BLOCK_CHARS)
        if cut <= 0:
            cut = MAX_BLOCK_CHARS - 1
        pieces.append(text[: cut + 1])
        text = text[cut + 1 :]
    pieces.append(text)
    return pieces


def _variants(form: str) -> set[str]:
    form = form.strip()
    out = {form}
    if form.lower().startswith("the "):
        out.add(form[4:])
    if "-" in form:
        out.add(form.replace("-", " "))
    if "rare earth" in form.lower():  # "separated rare-earth oxides"
        out.add(re.sub(r"(?i)(rare) (earth)", r"\1-\2", form))
    words = form.split(" ")
    if len(words) >= 3 and "-" not in form and words[0][:1].islower():  # a compound modifier: "wind-turbine generators"
        out.add(f"{words[0]}-{' '.join(words[1:])}")
    if "." in form and len(form) <= 8 and form.replace(".", "").isupper():
        out.add(form.replace(".", ""))
    return {v for v in out if v}
