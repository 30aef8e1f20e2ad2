"""Asking a traced archive about one text: candidates from the full-text index, then the
same alignment and verdict as a trace."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlite_utils
from click.testing import CliRunner
from conftest import FIXTURES

from provenance.cli import cli
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


# --- `provenance find`: a stored text is answered from the stored graph ----------------------


def find_json(db_path: Path, *args: str, input: str | None = None) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["find", *args, "--db", str(db_path), "--json"], input=input)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def stored_edges(db_path: Path) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["source"], r["derived"]): r for r in sqlite_utils.Database(db_path)["edges"].rows}


def test_a_stored_text_is_answered_with_its_stored_edge(tmp_path: Path) -> None:
    db_path = tmp_path / "p.db"
    CliRunner().invoke(cli, ["trace", str(FIXTURES / "rewrite"), "--db", str(db_path)])
    data = find_json(db_path, str(FIXTURES / "rewrite" / "gnn.txt"))
    assert data["stored"] is True
    first = data["matches"][0]
    (edge,) = [e for e in stored_edges(db_path).values() if data["query"]["id"] in e.values()]
    assert first["label"] == "kna.txt" and first["relation"] == "article->query"
    assert edge["derived"] == data["query"]["id"]  # the trace: gnn.txt derived from kna.txt
    assert (first["manner"], first["extent"], first["confidence"]) == (
        edge["manner"],
        edge["extent"],
        edge["confidence"],
    )
    plain = CliRunner().invoke(
        cli, ["find", str(FIXTURES / "rewrite" / "gnn.txt"), "--db", str(db_path)]
    )
    assert "stored: this text was derived from it" in plain.stdout
    assert "Next: provenance diff kna.txt gnn.txt --db" in plain.stdout


def test_a_sibling_is_no_derivation(tmp_path: Path) -> None:
    db_path = tmp_path / "p.db"
    CliRunner().invoke(cli, ["trace", str(FIXTURES / "seeds"), "--db", str(db_path)])
    data = find_json(db_path, str(FIXTURES / "seeds" / "001.txt"))
    by_label = {m["label"]: m for m in data["matches"]}
    assert by_label["002.txt"]["relation"] == "article->query"
    sibling = by_label["000.txt"]
    assert sibling["relation"] == "none" and sibling["manner"] is None
    assert sibling["direction"] == "no derivation stored: both come from 002.txt"
    plain = CliRunner().invoke(
        cli, ["find", str(FIXTURES / "seeds" / "001.txt"), "--db", str(db_path)]
    )
    assert "derived" not in plain.stdout.split("000.txt", 1)[1]


def test_a_text_not_stored_is_read_pairwise_and_says_so(tmp_path: Path) -> None:
    db_path = tmp_path / "p.db"
    CliRunner().invoke(cli, ["trace", str(FIXTURES / "seeds"), "--db", str(db_path)])
    text = (FIXTURES / "seeds" / "002.txt").read_text().replace("Kremlin", "Moscow")
    data = find_json(db_path, input=text)
    assert data["stored"] is False and data["matches"]
    assert all(m["direction"].startswith("read from the two texts alone") for m in data["matches"])
    plain = CliRunner().invoke(cli, ["find", "--db", str(db_path)], input=text)
    assert "not traced in" in plain.stderr and "two texts alone" in plain.stderr


def test_find_says_what_the_graph_stores_for_every_pair(tmp_path: Path) -> None:
    """For each stored article of a traced set, every pair find shows carries the stored
    edge's direction, manner, extent and confidence, or "no derivation stored"."""
    db_path = tmp_path / "p.db"
    folders = [FIXTURES / name for name in ("seeds", "chain", "rewrite", "updates")]
    CliRunner().invoke(cli, ["trace", *map(str, folders), "--db", str(db_path)])
    edges = stored_edges(db_path)
    for row in sqlite_utils.Database(db_path)["articles"].rows:
        query = tmp_path / "query.txt"
        query.write_text(row["text"], encoding="utf-8")
        data = find_json(db_path, str(query))
        assert data["stored"] is True
        for m in data["matches"]:
            up = (m["id"], row["id"])
            down = (row["id"], m["id"])
            edge = edges.get(up) or edges.get(down)
            if edge is None:
                assert m["relation"] == "none" and m["direction"].startswith("no derivation stored")
                continue
            relation = "article->query" if up in edges else "query->article"
            got = (m["relation"], m["manner"], m["extent"], m["confidence"])
            assert got == (relation, edge["manner"], edge["extent"], edge["confidence"])
