"""Session 17's speed changes read documents exactly as the code before them (docs/scale.md, "Session 17:
extraction speed (xspeed17)")."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from supplygraph.errors import LoadError
from supplygraph.loaders.context import Context
from supplygraph.loaders.documents import check_size_and_kind


def _binary_before(head: bytes) -> bool:
    """The binary-file test as a loop over the bytes (the code before session 17)."""
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return b"\x00" in head or bool(head and controls / len(head) > 0.05)


def test_binary_check_counts_control_bytes_as_the_loop_did(tmp_path: Path) -> None:
    rng = random.Random(17)
    heads = [b"", b"\t\n\x0c\r" * 50, b"\x01" * 5 + b"a" * 95, b"\x01" * 5 + b"a" * 94, b"\x1f" + b"a" * 19, b"\x7f\x80\xff" * 9]
    heads += [bytes(rng.choice(b"abc \t\n\r\x01\x02\x1b\x0b\x0e\x1f\x00") for _ in range(rng.randrange(1, 60))) for _ in range(300)]
    heads += [b"x" * 8150 + b"\x01" * 100, b"x" * 8192 + b"\x01" * 1000]  # (only the first 8192 bytes are read)
    for n, data in enumerate(heads):
        path = tmp_path / f"d{n}.txt"
        path.write_bytes(data)
        try:
            check_size_and_kind(Context(path))
            refused = False
        except LoadError as exc:
            assert "binary file" in str(exc)
            refused = True
        assert refused == _binary_before(data[:8192]), data[:80]


MODELS_PROBE = """
import sys
from click.testing import CliRunner
from supplygraph.cli import main
result = CliRunner().invoke(main, ["--store", {store!r}, "extract", {folder!r}, "--format", "json", "--jobs", "1"])
assert result.exit_code == 0, result.output
assert result.output.count("RESTRICTS") and result.output.count("PRODUCES"), result.output  # (relations checked by their ends)
print(sorted(m for m in sys.modules if m in ("supplygraph.schema.facts", "supplygraph.schema.nodes", "supplygraph.schema.lifecycle")))
"""


def test_extract_builds_no_pydantic_model(tmp_path: Path) -> None:
    """Reading documents validates no record: ``extract`` checks each relation's ends against ``schema.plain.FACT_ENDS``,
    and the load unit, the context and the decisions reader import the models only where they validate (building the
    fact and node classes was about 50 ms of extract's start-up)."""
    import subprocess
    import sys

    from supplygraph.data import SAMPLES

    out = subprocess.run([sys.executable, "-c", MODELS_PROBE.format(store=str(tmp_path / "s.db"), folder=str(SAMPLES))],
                         capture_output=True, text=True, check=True)  # fmt: skip
    assert out.stdout.split() == ["[]"]


def test_fact_ends_are_the_fact_classes() -> None:
    from supplygraph.schema.facts import FACT_TYPES
    from supplygraph.schema.plain import FACT_ENDS

    assert FACT_ENDS == {name: (cls.SOURCE_LABELS, cls.TARGET_LABELS) for name, cls in FACT_TYPES.items()}


def test_plain_tokens_read_every_other_attribute_from_spacy_without_getattr() -> None:
    """Token and Span have no ``__getattr__`` (it kept Python from specialising their attribute reads, about 20,000 a
    document); every attribute spaCy's own token or span has reads the same through them."""
    from supplygraph.loaders.extraction import Extractor
    from supplygraph.loaders.extraction.tokens import Span, Token, Tokens
    from supplygraph.loaders.gazetteer import Gazetteer

    assert "__getattr__" not in Token.__dict__ and "__getattr__" not in Span.__dict__
    nlp = Extractor(Gazetteer()).nlp
    spacy_doc = nlp("Lynas Rare Earths ships NdPr oxide from Mount Weld to Kuantan, Malaysia. It said so.")
    doc = Tokens(spacy_doc, {})
    for name in ("shape_", "is_sent_start", "like_url", "norm_", "is_stop", "lemma_", "text_with_ws", "prefix_", "suffix_"):
        assert [getattr(t, name) for t in doc] == [getattr(t, name) for t in spacy_doc], name
    assert doc[3].nbor(1).text == "NdPr" and doc[0:3].text_with_ws == spacy_doc[0:3].text_with_ws
    assert doc[0:3].sent.text == spacy_doc[0:3].sent.text and doc[4:6].label_ == spacy_doc[4:6].label_
    with pytest.raises(AttributeError):
        doc[0].no_such_attribute  # noqa: B018
