"""The gazetteer's phrase patterns as spaCy's ``PhraseMatcher`` keeps them, saved in the user's cache between runs.

Building an :class:`~.extractor.Extractor` gives the matcher every spelling the gazetteer knows (about 4,400) as a
pattern. Tokenizing them (and making spaCy's lexemes for all their words) was the largest part of the extractor's
build, the same work in every run of ``extract``. The matcher itself keeps only each pattern's token hashes (of
the ``LOWER`` attribute), and ``PhraseMatcher.add`` takes those as lists of integers just as it takes ``Doc``
objects: this module keeps them in a file and adds them from it, without the tokenizer, the next time. The matcher
built is the same (the same keys and the same hashes, added in the same order), so every match is.

The file's name is a digest of everything that decides its content: spaCy's version, the tokenizer's special
cases and affix rules, the byte order, and every entity id and spelling in order. So a file is never read for
other patterns or another tokenizer (a stale file is only not found), and another gazetteer (a store's entities)
gets a file of its own; the oldest files beyond :data:`KEEP` are removed. The file holds its digest and plain
integers under a checksum (no pickle: nothing in it is run); one that does not check out is ignored and written
again. No folder,
or one that cannot be written: the patterns are tokenized as before. The folder is :func:`..cache.cache_dir`'s:
``$SUPPLYGRAPH_CACHE_DIR`` (empty: no cache), else ``$XDG_CACHE_HOME/supplygraph``, else ``~/.cache/supplygraph``.
"""

from __future__ import annotations

import hashlib
import struct
import sys
from array import array
from pathlib import Path
from typing import Any

from ..cache import cache_dir, write_kept

FORMAT = b"supplygraph phrase patterns 1\n"
"""Opens every file (and its digest): a new layout gets a new version here."""
KEEP = 8
"""Files kept in the cache folder (the newest; a store's own entities give it a file of its own)."""
_HEADER = struct.Struct("<40s32sQ")  # the patterns' digest (the file's name), the payload's sha256, its number of patterns


def keywords(nlp: Any, patterns: dict[str, list[str]], cache: bool = True) -> list[list[list[int]]]:
    """Each entity's patterns (``patterns``: entity id -> spellings, in order) as the token hashes (``LOWER``) the
    phrase matcher stores, in the same order: read from the cache when it has them, else tokenized (and, with
    ``cache``, saved)."""
    folder = cache_dir() if cache else None
    path = None
    if folder is not None:
        digest = _digest(nlp, patterns)
        path = folder / f"phrases-{digest}.bin"
        found = _read(path, digest, patterns)
        if found is not None:
            return found
    tokenizer = nlp.tokenizer
    out = [[[t.lower for t in doc] for doc in tokenizer.pipe(variants)] for variants in patterns.values()]
    if path is not None:
        _write(path, digest, out)
    return out


def _digest(nlp: Any, patterns: dict[str, list[str]]) -> str:
    import spacy

    tokenizer = nlp.tokenizer
    rules = [getattr(getattr(f, "__self__", None), "pattern", None)
             for f in (tokenizer.prefix_search, tokenizer.suffix_search, tokenizer.infix_finditer, tokenizer.token_match,
                       tokenizer.url_match)]  # fmt: skip
    digest = hashlib.sha256(FORMAT)
    digest.update(repr((spacy.__version__, nlp.lang, sys.byteorder, rules, sorted(tokenizer.rules.items()))).encode())
    for entity_id, variants in patterns.items():
        digest.update("\0".join([entity_id, *variants]).encode() + b"\1")
    return digest.hexdigest()[:40]


def _read(path: Path, digest: str, patterns: dict[str, list[str]]) -> list[list[list[int]]] | None:
    """The file's patterns, or None when there is no such file or it does not check out (not ``digest``'s, not
    whole)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    start = len(FORMAT) + _HEADER.size
    if not data.startswith(FORMAT) or len(data) < start:
        return None
    named, checksum, count = _HEADER.unpack_from(data, len(FORMAT))
    payload = memoryview(data)[start:]
    if named != digest.encode() or hashlib.sha256(payload).digest() != checksum or count != sum(map(len, patterns.values())) or len(payload) < 4 * count:
        return None
    lengths, hashes = array("I"), array("Q")
    if lengths.itemsize != 4 or hashes.itemsize != 8:
        return None
    lengths.frombytes(payload[: 4 * count])
    rest = payload[4 * count :]
    if len(rest) != 8 * sum(lengths):
        return None
    hashes.frombytes(rest)
    flat = hashes.tolist()
    out, pos, k = [], 0, 0
    for variants in patterns.values():
        entity = []
        for n in lengths[k : k + len(variants)]:
            entity.append(flat[pos : pos + n])
            pos += n
        k += len(variants)
        out.append(entity)
    return out


def _write(path: Path, digest: str, found: list[list[list[int]]]) -> None:
    """Save ``found`` as ``path`` (whole or not at all: written beside it, then renamed) and remove the oldest files
    beyond :data:`KEEP`; a folder that cannot be written leaves no file and no error."""
    lengths, hashes = array("I"), array("Q")
    if lengths.itemsize != 4 or hashes.itemsize != 8:
        return
    for entity in found:
        for keyword in entity:
            lengths.append(len(keyword))
            hashes.extend(keyword)
    payload = lengths.tobytes() + hashes.tobytes()
    data = FORMAT + _HEADER.pack(digest.encode(), hashlib.sha256(payload).digest(), len(lengths)) + payload
    write_kept(path, data, "phrases-*.bin", KEEP)
