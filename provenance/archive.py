"""Asking a traced archive about one text, from Python:

    from provenance.archive import find
    for match in find(open("release.txt").read(), "archive.db"):
        v = match.comparison.verdict
        print(match.article.name, round(match.shared, 2), v.relation, v.manner, v.confidence)

The same as ``provenance find``: candidates from the database's full-text index, then the
trace's alignment and verdict (``a`` is the query, ``b`` the stored article).
"""

from __future__ import annotations

from pathlib import Path

from .ingest import article_id
from .model import Article, Document
from .pipeline import Match, find_related, query_words
from .segment import segment
from .store import Store


def find(text: str | Document, db: str | Path, *, limit: int = 20) -> list[Match]:
    """Stored articles sharing text with ``text`` (a string or a segmented document)."""
    query = text if isinstance(text, Document) else query_document(text)
    with Store(db) as store:
        hits = store.sharing_articles(query_words(query))
        return find_related(query, store.documents(h for h, _ in hits[:limit]))


def query_document(text: str, *, name: str = "query") -> Document:
    """A text to look up, segmented as an article of its own."""
    return segment(Article(id=article_id(text), name=name, text=text))
