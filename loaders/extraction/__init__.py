"""Entity and relation extraction from the text of a document, with rules on spaCy's blank English pipeline.

How it works, in passes over the document's sentences (one module each):

1. **Mentions** (:mod:`.mentions`). A ``PhraseMatcher`` finds every spelling
   the :class:`Gazetteer` knows (the store's entities and the built-in
   vocabulary); names in Chinese characters are found by substring.
   Capitalised name runs get a label from their cue words ("... University",
   "Ministry of ...", "... Group", "Co., Ltd", "... Plant", "... Act") or from
   where they stand ("based in X", "X-based"). Names after a person's title,
   quoted names, regions, banks, data providers and stock listings are not
   entities.
2. **Names within the document** (:mod:`.names`). Short forms ("Noveon" for
   "Noveon Magnetics"), initials ("GM"), bracketed abbreviations
   ("Vacuumschmelze (VAC)") and the name without its legal suffix ("VAC
   Group") resolve to the entity they abbreviate.
3. **Relations** (:mod:`.rules`), sentence by sentence: each relation family
   (:mod:`.relations`) reads the sentence through the shared grammar layer
   (:mod:`.grammar`: coordination, subjects, possessives, hedges) and the
   discourse state (:mod:`.discourse`: "it", "the company", "the two
   partners"). Trigger words are data (:mod:`.vocabulary`,
   ``patterns/triggers.yaml``). A statement that is negated or hedged ("did
   not", "denied", "is reportedly considering", "if", "talks ended") asserts
   nothing.
4. **Confirmation** (:mod:`.confirmation`). A capitalised name without a cue
   word becomes an organisation only when the text uses it as one (as the
   subject of "makes", "signed", "said"..., or in a relation); otherwise it is
   dropped.

Everything is linear in the length of the document; the matchers are built
once per gazetteer and reused.
"""

from __future__ import annotations

from .extractor import Extractor
from .model import Entity, Extraction, Relation, find_date, slugify
from .vocabulary import Vocabulary

__all__ = ["Entity", "Extraction", "Extractor", "Relation", "Vocabulary", "find_date", "slugify"]
