"""World knowledge as data (issue 12, session 14, xorg14): the sector's organisations in ``loaders/knowledge/``.

Each list states its criterion and source in a header comment; the extractor knows its names with an empty store.
"""

from __future__ import annotations

from loaders import lexicon


def test_every_knowledge_file_states_its_criterion_in_a_header_comment():
    files = sorted(lexicon.KNOWLEDGE.glob("*.yaml"))
    assert files
    for path in files:
        header = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                break
            header.append(line)
        assert any("Criterion:" in line for line in header), path.name


def test_government_bodies_and_not_parties_load_from_the_data_files():
    ids = [entry[0] for entry in lexicon.bodies()]
    assert len(ids) == len(set(ids))
    assert "org:mofcom" in ids and all(entry[1] == "GovernmentBody" for entry in lexicon.bodies())
    assert "Benchmark Mineral Intelligence" in lexicon.not_parties()
