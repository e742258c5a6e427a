"""Documents and curated data give the same graph in whatever order they are loaded.

An article loaded before the curated data names its firms and plants as new
nodes; read again once the data is in the store, it links to the data's nodes
and its own guesses leave the graph, as if the data had come first.
"""

from __future__ import annotations

from pathlib import Path

from supplygraph import api
from supplygraph.graph import EmbeddedStore

CURATED = """\
sources:
  - {id: doc:t, name: t, title: t, published: 2025}
entities:
  - {id: org:acme, label: Company, name: Acme Rare Earths, aliases: [Acme Rare Earths Ltd]}
  - {id: org:acme-my, label: Company, name: Acme Malaysia}
  - {id: place:gebeng, label: Place, name: Gebeng}
  - {id: facility:acme-gebeng, label: Facility, name: Acme Malaysia separation plant (Gebeng), kind: separation}
facts:
  - {type: SUBSIDIARY_OF, source: org:acme-my, target: org:acme, sources: [doc:t]}
  - {type: OPERATES, source: org:acme-my, target: facility:acme-gebeng, sources: [doc:t]}
  - {type: LOCATED_IN, source: facility:acme-gebeng, target: place:gebeng, sources: [doc:t]}
"""
ARTICLE = (
    "Acme Malaysia, a subsidiary of Acme Rare Earths Ltd, operates the separation plant in Gebeng. "
    "Acme Rare Earths Ltd signed a supply agreement with Birch Magnets Inc in 2025."
)


def _files(tmp_path: Path) -> tuple[Path, Path]:
    curated, article = tmp_path / "sites.yaml", tmp_path / "article.txt"
    curated.write_text(CURATED, encoding="utf-8")
    article.write_text(ARTICLE, encoding="utf-8")
    return curated, article


def _graph(store: EmbeddedStore) -> tuple[set[str], set[tuple[str, str, str]]]:
    return {n.id for n in store.nodes()}, {(e.type, e.source, e.target) for e in store.edges()}


def test_an_article_loaded_before_the_curated_data_links_to_it_when_loaded_again(tmp_path):
    curated, article = _files(tmp_path)
    with EmbeddedStore(tmp_path / "data-first.db") as store:
        api.load_files(store, [curated, article])
        expected = _graph(store)
    nodes, facts = expected
    assert ("SUBSIDIARY_OF", "org:acme-my", "org:acme") in facts and "org:acme-rare-earths-ltd" not in nodes

    with EmbeddedStore(tmp_path / "one-call.db") as store:
        api.load_files(store, [article, curated])  # curated files are read first whatever their place
        assert _graph(store) == expected

    with EmbeddedStore(tmp_path / "article-first.db") as store:
        api.load_files(store, [article])
        guessed, _ = _graph(store)
        assert "org:acme" not in guessed and guessed & {"org:acme-rare-earths-ltd", "org:acme-rare-earths"}
        noted = api.load_files(store, [curated]).notes
        assert len(noted) == 1 and "1 document was read before this data" in noted[0] and str(article) in noted[0]
        again = api.load_files(store, [article])
        assert again.skipped_unchanged_inputs == 0  # the same text reads differently against the data
        assert _graph(store) == expected  # and the article's own guesses are gone
        assert api.load_files(store, [article]).skipped_unchanged_inputs == 1  # a reload that changes nothing
        more = CURATED.replace("facts:\n", "  - {id: org:cedar, label: Company, name: Cedar Metals}\nfacts:\n")
        curated.write_text(more, encoding="utf-8")
        assert api.load_files(store, [curated]).notes == []  # nothing the article named on its own
        more = more.replace("facts:\n", "  - {id: org:birch, label: Company, name: Birch Magnets, aliases: [Birch Magnets Inc]}\nfacts:\n")
        curated.write_text(more, encoding="utf-8")
        assert "1 document was read before this data" in api.load_files(store, [curated]).notes[0]  # "Birch Magnets Inc"
