"""Asking a traced archive about one text: candidates from the full-text index, then the
same alignment and verdict as a trace."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES

from provenance.ingest import ingest
from provenance.model import Article
from provenance.pipeline import find_related, query_words, segment_all, trace_documents
from provenance.segment import segment
from provenance.store import Store


def _archive(tmp_path: Path) -> Path:
    db_path = tmp_path / "archive.db"
    docs = segment_all(ingest([FIXTURES / "seeds", FIXTURES / "chain", FIXTURES / "rewrite"]))
    with Store(db_path) as store:
        store.save_graph(trace_documents(docs))
    return db_path


def _find(db_path: Path, text: str) -> list[tuple[str, str]]:
    query = segment(Article(id="query", name="query", text=text))
    with Store(db_path) as store:
        hits = store.sharing_articles(query_words(query))
        matches = find_related(query, store.documents(h for h, _ in hits[:20]))
    return [(m.article.name, m.comparison.verdict.relation) for m in matches]


def test_a_copy_of_a_stored_story_finds_its_family_and_nothing_else(tmp_path: Path) -> None:
    db_path = _archive(tmp_path)
    wire = (FIXTURES / "seeds" / "002.txt").read_text()
    found = dict(_find(db_path, wire.replace("Kremlin", "Moscow") + "\n\nMore later."))
    assert set(found) == {"002.txt", "001.txt", "000.txt"}  # not 003, 004: same topic only
    assert found["002.txt"] in ("a->b", "b->a")


def test_an_unrelated_text_finds_nothing(tmp_path: Path) -> None:
    db_path = _archive(tmp_path)
    text = (
        "The orchestra announced a new principal conductor who trained in Vienna.\n\n"
        "Her first season opens in September with a cycle of Sibelius symphonies."
    )
    assert _find(db_path, text) == []


def test_find_from_python(tmp_path: Path) -> None:
    from provenance.archive import find

    db_path = _archive(tmp_path)
    text = (FIXTURES / "seeds" / "001.txt").read_text()
    matches = find(text + "\n\nMore soon.", db_path)
    names = [m.article.name for m in matches]
    assert set(names) == {"001.txt", "002.txt", "000.txt"}  # its story, nothing else
    assert matches[0].shared > 0.9 and all(0 < m.shared <= 1 for m in matches)
