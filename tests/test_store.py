import hashlib
import sqlite3
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.errors import StoreError
from provenance.model import (
    Alignment,
    Article,
    Document,
    Edge,
    EditOp,
    Evidence,
    Field,
    Graph,
    HiddenSource,
    Sentence,
    SentencePair,
    Verdict,
)
from provenance.store import MIGRATIONS, Store, as_saved, restrict

WIRE = "Talks will resume. Peskov said it was canceled.\n\nMoscow, Oct 27 (Reuters)"
COPY = "Talks will resume. Peskov said it was cancelled.\n\nCredit: Reuters"
OTHER = "A different report. Nothing is shared here."


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def document(text: str, name: str, **meta: Any) -> Document:
    """A Document whose body sentences are the text's paragraphs split at '. '."""
    article = Article(id=digest(text), name=name, text=text, **meta)
    sentences, index, start = [], 0, 0
    for paragraph, block in enumerate(text.split("\n\n")):
        for part in block.split(". "):
            begin = text.index(part, start)
            sentences.append(Sentence(index, paragraph, begin, begin + len(part), part))
            index, start = index + 1, begin + len(part)
    return Document(article, tuple(sentences))


@pytest.fixture
def wire() -> Document:
    doc = document(WIRE, "seeds/wire.txt", outlet="Reuters", title="Talks", credits=("Reuters",))
    start = WIRE.index("Moscow")
    dateline = Field("dateline", start, start + 14, "Moscow, Oct 27")
    return Document(doc.article, doc.sentences[:2], (dateline,))


@pytest.fixture
def copy() -> Document:
    return document(COPY, "seeds/copy.txt", outlet="MENAFN", published="2025-10-26")


@pytest.fixture
def other() -> Document:
    return document(OTHER, "other.txt")


@pytest.fixture
def graph(wire: Document, copy: Document, other: Document) -> Graph:
    pairs = (
        SentencePair((0,), (0,), "Talks will resume", "Talks will resume", "verbatim", 1.0),
        SentencePair(
            (1,), (1,), "Peskov said it was canceled.", "Peskov said it was cancelled.", "edited",
            0.93, edits=(EditOp("equal", "Peskov said it was", "Peskov said it was"),
                         EditOp("replace", "canceled.", "cancelled.")),
        ),
    )  # fmt: skip
    evidence = (Evidence("shared", "2 of 3 sentences", 0.8), Evidence("credit", "Reuters", 0.25))
    verdicts = (
        Verdict(wire.id, copy.id, "a->b", "partially", "edited", 0.9, evidence, 2, 0.5, 0.75),
        Verdict(wire.id, other.id, "none"),
    )
    edge = Edge(wire.id, copy.id, "partially", "edited", 0.9, evidence, shared=2, coverage=0.75)
    return Graph(
        documents=(wire, copy, other),
        edges=(edge,),
        verdicts=verdicts,
        alignments=(Alignment(wire, copy, pairs),),
    )


@pytest.fixture
def store() -> Store:
    return Store.memory()


def dump(store: Store, *, skip: frozenset[str] = frozenset({"runs", "sqlite_sequence"})) -> dict:
    """Every row of every table but the run log, sorted, to compare states."""
    return {
        table: sorted(map(repr, store.db.execute(f"select * from [{table}]").fetchall()))
        for table in store.db.table_names()
        if table not in skip
    }


def count(store: Store, table: str) -> int:
    return store.db.execute(f"select count(*) from [{table}]").fetchone()[0]


def test_round_trip(store: Store, graph: Graph) -> None:
    store.save_graph(graph)
    loaded = store.load_graph()
    assert loaded.documents == graph.documents
    assert loaded.edges == graph.edges
    assert set(loaded.verdicts) == set(graph.verdicts)
    assert loaded.alignments == ()
    assert loaded.families() == graph.families()


def test_rows_as_documented(store: Store, graph: Graph, wire: Document, copy: Document) -> None:
    store.save_graph(graph)
    article = store.db.table("articles").get(wire.id)
    assert article["credits"] == '["Reuters"]'
    assert article["first_seen"].endswith("+00:00")
    rows = list(store.db.query("select * from alignments order by a_idx"))
    assert [(r["a_idx"], r["b_idx"], r["relation"]) for r in rows] == [
        ("[0]", "[0]", "verbatim"),
        ("[1]", "[1]", "edited"),
    ]
    assert rows[1]["edits"] == '[["equal", "Peskov said it was", "Peskov said it was"], ' + (
        '["replace", "canceled.", "cancelled."]]'
    )
    evidence = list(store.db.query("select seq, kind, weight from evidence order by seq"))
    assert evidence == [
        {"seq": 0, "kind": "shared", "weight": 0.8},
        {"seq": 1, "kind": "credit", "weight": 0.25},
    ]
    assert count(store, "fields") == 1
    assert count(store, "sentences") == sum(len(d.sentences) for d in graph.documents)


def test_saving_twice_changes_only_the_run_log(store: Store, graph: Graph) -> None:
    first = store.save_graph(graph, run_info={"command": "trace", "args": {"paths": ["seeds"]}})
    before = dump(store)
    second = store.save_graph(graph, run_info={"command": "trace"})
    assert dump(store) == before
    assert second == first + 1
    runs = list(store.db.query("select * from runs order by id"))
    assert [(r["command"], r["articles"], r["edges"]) for r in runs] == [
        ("trace", 3, 1),
        ("trace", 3, 1),
    ]
    assert runs[0]["args"] == '{"paths": ["seeds"]}'
    assert all(r["finished"] >= r["started"] for r in runs)
    assert store.db.execute("select run_id from edges").fetchall() == [(first,)]


def test_edge_to_missing_article_is_refused_and_nothing_written(store: Store, wire: Document):
    graph = Graph(documents=(wire,), edges=(Edge("nowhere", wire.id, "wholly", "verbatim", 1.0),))
    with pytest.raises(StoreError, match="article nowhere is neither in the trace nor in"):
        store.save_graph(graph)
    assert count(store, "articles") == 0
    assert count(store, "runs") == 0


def test_foreign_keys_are_enforced_by_sqlite(store: Store, graph: Graph) -> None:
    run_id = store.save_graph(graph)
    insert = (
        "insert into edges values ('nowhere', 'nothing', 'wholly', 'verbatim', 1, 0, 0, ?, null)"
    )
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        store.db.execute(insert, [run_id])


def test_failed_save_rolls_back_everything(store: Store, graph: Graph, wire, copy) -> None:
    twice = SentencePair((0,), (0,), "x", "x", "verbatim", 1.0)
    broken = Graph(graph.documents, graph.edges, alignments=(Alignment(wire, copy, (twice,) * 2),))
    empty = dump(store, skip=frozenset())
    with pytest.raises(StoreError, match="nothing was written"):
        store.save_graph(broken)
    assert dump(store, skip=frozenset()) == empty
    assert count(store, "articles") == count(store, "runs") == 0
    store.save_graph(graph)
    assert count(store, "alignments") == 2


def test_failed_save_inside_a_callers_transaction(tmp_path: Path, graph: Graph, wire, copy):
    store = Store(tmp_path / "provenance.db")
    store.db.conn.execute("begin")
    store.db.conn.execute("create table notes (note text)")
    twice = SentencePair((0,), (0,), "x", "x", "verbatim", 1.0)
    with pytest.raises(StoreError):
        store.save_graph(Graph((wire, copy), (), alignments=(Alignment(wire, copy, (twice,) * 2),)))
    store.db.conn.execute("insert into notes values ('kept')")
    store.db.conn.execute("commit")
    assert store.db.execute("select note from notes").fetchall() == [("kept",)]
    assert count(store, "articles") == 0
    store.save_graph(graph)
    assert store.load_graph().edges == graph.edges


def test_busy_database(tmp_path: Path, graph: Graph) -> None:
    holder, waiter = Store(tmp_path / "provenance.db"), Store(tmp_path / "provenance.db")
    holder.db.conn.execute("begin immediate")
    waiter.db.execute("PRAGMA busy_timeout = 50")
    with pytest.raises(StoreError, match="another trace is writing to it: wait for it"):
        waiter.save_graph(graph)
    holder.db.conn.execute("rollback")
    waiter.save_graph(graph)
    assert holder.article_ids() == {d.id for d in graph.documents}


def test_unknown_run_info_key(store: Store, graph: Graph) -> None:
    with pytest.raises(StoreError, match=r"unknown keys \['comand'\]"):
        store.save_graph(graph, run_info={"comand": "trace"})


def test_edges_into_traced_articles_are_replaced(store: Store, graph, wire, copy, other):
    store.save_graph(graph)
    unrelated_a, unrelated_b = document("Alpha one. Alpha two.", "a.txt"), document("B.", "b.txt")
    kept = Edge(unrelated_a.id, unrelated_b.id, "wholly", "verbatim", 1.0)
    store.save_graph(Graph((unrelated_a, unrelated_b), (kept,)))
    new = Edge(other.id, copy.id, "wholly", "rewritten", 0.6, (Evidence("date", "earlier", 0.1),))
    run_id = store.save_graph(Graph((copy,), (new,)))
    assert set(store.load_graph().edges) == {kept, new}
    assert store.db.execute("select source, kind from evidence").fetchall() == [(other.id, "date")]
    runs = store.db.execute("select derived, run_id from edges order by run_id").fetchall()
    assert runs == [(unrelated_b.id, run_id - 1), (copy.id, run_id)]
    assert count(store, "articles") == 5


def test_changed_edge_gets_the_new_run(store: Store, graph: Graph) -> None:
    store.save_graph(graph)
    (edge,) = graph.edges
    stronger = Edge(edge.source, edge.derived, "wholly", "edited", 0.97, edge.evidence[:1])
    run_id = store.save_graph(Graph(graph.documents, (stronger,)))
    assert store.load_graph().edges == (stronger,)
    assert store.db.execute("select run_id from edges").fetchall() == [(run_id,)]
    assert count(store, "evidence") == 1


def test_verdicts_and_alignments_replaced_in_either_order(store: Store, graph, wire, copy):
    store.save_graph(graph)
    assert store.known_pairs() == {(wire.id, copy.id), (graph.verdicts[1].a, graph.verdicts[1].b)}
    flipped = Verdict(copy.id, wire.id, "b->a", "wholly", "edited", 0.95)
    store.save_graph(Graph(graph.documents, graph.edges, verdicts=(flipped,)))
    assert set(store.load_graph().verdicts) == {flipped, graph.verdicts[1]}
    assert count(store, "alignments") == 0
    assert (copy.id, wire.id) in store.known_pairs()


def test_resaving_an_article_keeps_first_seen(store: Store, graph: Graph, wire: Document):
    store.save_graph(graph)
    first_seen = store.db.table("articles").get(wire.id)["first_seen"]
    store.db.execute("update articles set first_seen = '2000-01-01T00:00:00+00:00'")
    renamed = Document(Article(wire.id, "wire.txt", wire.article.text, url="https://x"), ())
    store.save_graph(Graph((renamed,), graph.edges))
    row = store.db.table("articles").get(wire.id)
    assert first_seen != row["first_seen"] == "2000-01-01T00:00:00+00:00"
    assert (row["name"], row["url"], row["outlet"]) == ("wire.txt", "https://x", None)
    assert store.find_article(wire.id) == renamed.article
    assert count(store, "sentences_fts") == count(store, "sentences")


def test_resegmenting_replaces_sentences_and_search_follows(store: Store, graph, wire):
    store.save_graph(graph)
    hits = list(store.db.table("sentences").search("resume"))
    assert {h["article_id"] for h in hits} == {wire.id, graph.documents[1].id}
    whole = Sentence(0, 0, 0, len(WIRE), WIRE)
    store.save_graph(Graph((Document(wire.article, (whole,)),), graph.edges))
    assert store.load_graph().documents[0].sentences == (whole,)
    assert store.load_graph().documents[0].fields == ()
    peskov = store.db.table("sentences").search("Peskov")
    copy_id = graph.documents[1].id
    assert {(h["article_id"], h["idx"]) for h in peskov} == {(wire.id, 0), (copy_id, 1)}


def test_find_article(store: Store, graph: Graph, wire: Document) -> None:
    store.save_graph(graph)
    assert store.find_article(wire.id) == wire.article
    assert store.find_article(wire.id[:6]) == wire.article
    assert store.find_article(wire.id[:5]) is None
    assert store.find_article("seeds/wire.txt") == wire.article
    assert store.find_article("wire.txt") == wire.article
    assert store.find_article("other.txt") == graph.documents[2].article
    assert store.find_article("ire.txt") is None
    assert store.find_article("nothing") is None


def test_find_article_ambiguous(store: Store) -> None:
    docs = tuple(
        Document(Article(f"abcdef{n}", f"{folder}/001.txt", f"Text {n}."), ())
        for n, folder in enumerate(["seeds", "wire"])
    )
    store.save_graph(Graph(docs, ()))
    with pytest.raises(StoreError, match="'abcdef' matches 2 articles: seeds/001.txt"):
        store.find_article("abcdef")
    with pytest.raises(StoreError, match="give more of the id, or the full name"):
        store.find_article("001.txt")
    assert store.find_article("wire/001.txt") == docs[1].article
    assert store.find_article("abcdef1") == docs[1].article


def test_file_database_and_idempotent_migrations(tmp_path: Path, graph: Graph) -> None:
    path = tmp_path / "provenance.db"
    store = Store(path)
    store.save_graph(graph)
    store.close()
    again = Store(str(path))
    assert [r["name"] for r in again.db.query("select name from migrations")] == [
        m.__name__ for m in MIGRATIONS
    ]
    assert again.load_graph().edges == graph.edges
    assert again.db.journal_mode == "wal"
    assert again.db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert again.db.execute("PRAGMA busy_timeout").fetchone() == (5000,)
    assert again.name == str(path)


def test_store_over_an_existing_database(tmp_path: Path, graph: Graph) -> None:
    db = sqlite_utils.Database(tmp_path / "shared.db")
    db.table("notes").insert({"note": "kept"})
    store = Store(db)
    store.save_graph(graph)
    assert store.name.endswith("shared.db")
    assert list(db.table("notes").rows) == [{"note": "kept"}]
    assert store.article_ids() == {d.id for d in graph.documents}


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are not the tables you are looking for" * 100)
    with pytest.raises(StoreError, match="notes.db: cannot open it as a provenance database"):
        Store(path)


def test_edges_view(store: Store, graph: Graph, wire: Document, copy: Document) -> None:
    store.save_graph(graph)
    rows = list(store.db.query("select * from edges_view"))
    assert [(r["source_name"], r["source_outlet"], r["derived_name"]) for r in rows] == [
        ("seeds/wire.txt", "Reuters", "seeds/copy.txt")
    ]
    verdicts = list(store.db.query("select a_name, b_name, relation from verdicts_view"))
    assert {"a_name": "seeds/wire.txt", "b_name": "other.txt", "relation": "none"} in verdicts


def test_empty_store(store: Store) -> None:
    assert store.load_graph() == Graph((), ())
    assert store.article_ids() == set()
    assert store.known_pairs() == set()


def chain(texts: list[str]) -> Graph:
    """Each text derived from the one before it."""
    docs = {d.id: d for d in (document(t, f"{n}.txt") for n, t in enumerate(texts))}
    ids = list(docs)
    edges = tuple(
        Edge(a, b, "wholly", "verbatim", 1.0, (Evidence("shared", f"{a} {b}", 0.5),))
        for a, b in pairwise(ids)
    )
    verdicts = tuple(Verdict(e.source, e.derived, "a->b") for e in edges)
    return Graph(tuple(docs.values()), edges, verdicts)


words = st.text(alphabet="abc xyz.", min_size=1, max_size=40)


@settings(max_examples=40, deadline=None)
@given(st.lists(words, max_size=6), st.lists(words, max_size=6))
def test_saving_twice_adds_no_rows(first: list[str], second: list[str]) -> None:
    store = Store.memory()
    for texts in (first, second, first):
        store.save_graph(chain(texts))
        counts = {t: count(store, t) for t in store.db.table_names() if t != "runs"}
        store.save_graph(chain(texts))
        assert {t: count(store, t) for t in counts} == counts
    assert count(store, "runs") == 6
    assert store.article_ids() == {digest(t) for t in first + second}


def test_edges_from_a_hidden_source_and_credit_round_trip(store: Store, graph: Graph) -> None:
    member = graph.documents[0].id
    hidden = HiddenSource(
        "hidden:abc", "Meridian Press", (member,), (Evidence("common_source", "x"),)
    )
    edge = Edge("hidden:abc", member, "partially", "edited", 0.7, (), 3, 0.5, credited=True)
    with_hidden = Graph(graph.documents, (*graph.edges, edge), graph.verdicts, hidden=(hidden,))
    store.save_graph(with_hidden)
    loaded = store.load_graph()
    assert loaded.hidden == (hidden,)
    assert edge in loaded.edges
    before = dump(store)
    store.save_graph(with_hidden)
    assert dump(store) == before


def test_a_database_from_before_hidden_sources_is_migrated(tmp_path) -> None:
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    old.execute("PRAGMA foreign_keys = ON")
    for step in MIGRATIONS[:4]:
        step(old)
    old["migrations"].insert_all({"name": s.__name__, "applied": "then"} for s in MIGRATIONS[:4])
    old.conn.commit()
    old.close()
    store = Store(path)
    assert "credited" in store.db["edges"].columns_dict
    assert "hidden_sources" in store.db.table_names()
    assert not store.db.execute("PRAGMA foreign_key_check").fetchall()


def test_load_graph_can_keep_only_some_articles(store: Store, graph: Graph) -> None:
    store.save_graph(graph)
    keep = {graph.documents[0].id}
    part = store.load_graph(only=keep)
    assert {d.id for d in part.documents} == keep
    assert all(e.derived in keep for e in part.edges)
    assert all(v.a in keep and v.b in keep for v in part.verdicts)


def test_last_signature_is_read_from_the_latest_run(store: Store, graph: Graph) -> None:
    assert store.last_signature() is None
    store.save_graph(graph, run_info={"command": "trace", "args": {"signature": "abc"}})
    assert store.last_signature() == "abc"


def stored_rows(store: Store) -> dict[str, list[str]]:
    """The saved graph's rows, sorted, without first_seen and run ids (which tell when)."""
    tables = {
        "articles": "id, name, outlet, title, published, date_precision, url, byline, "
        "dateline, credits, path, text, aliases",
        "sentences": "*",
        "fields": "*",
        "verdicts": "*",
        "alignments": "*",
        "edges": "source, derived, extent, manner, confidence, shared, coverage, credited",
        "evidence": "*",
        "hidden_sources": "*",
        "sentences_fts": "text",  # rowids depend on what was stored before
        "sentences_fts_vocab": "*",
    }
    return {
        table: sorted(map(repr, store.db.execute(f"select {columns} from [{table}]")))
        for table, columns in tables.items()
    }


def check_full_text_index(store: Store) -> None:
    """SQLite's own consistency check of the full-text index: raises when it is broken."""
    check = "insert into sentences_fts (sentences_fts, rank) values ('integrity-check', 1)"
    store.db.execute(check)


def stale(graph: Graph) -> Graph:
    """The same articles saved differently before: other sentences, no fields, verdicts
    and alignments in the other order and changed, another edge, a changed hidden source."""
    docs = tuple(Document(d.article, d.sentences[:1]) for d in graph.documents)
    verdicts = tuple(Verdict(v.b, v.a, "common") for v in graph.verdicts)
    pairs = (SentencePair((0,), (0,), "x", "x", "rewritten", 0.5),)
    alignments = tuple(Alignment(al.b, al.a, pairs) for al in graph.alignments)
    ends = [d.id for d in graph.documents]
    edges = (Edge(ends[-1], ends[0], "wholly", "verbatim", 0.5, (Evidence("date", "x"),)),)
    hidden = tuple(HiddenSource(h.id, "Elsewhere", h.members) for h in graph.hidden)
    return Graph(docs, edges, verdicts, alignments, hidden)


@pytest.fixture
def full(graph: Graph, copy: Document) -> Graph:
    """The graph with a hidden source and its edge, verdicts out of order."""
    hidden = HiddenSource("hidden:1", "Wire", (copy.id,), (Evidence("common_source", "x", 0.2),))
    edge = Edge("hidden:1", copy.id, "partially", "edited", 0.6, (), 1, 0.4, credited=False)
    return Graph(
        graph.documents,
        (*graph.edges, edge),
        tuple(reversed(graph.verdicts)),
        graph.alignments,
        (hidden,),
    )


@pytest.mark.parametrize("before", ["nothing", "stale", "part"])
def test_a_save_writes_the_same_rows_whatever_the_store_held(full: Graph, before: str) -> None:
    fresh = Store.memory()
    fresh.save_graph(full)
    store = Store.memory()
    if before == "stale":  # every row goes through comparing and replacing
        store.save_graph(stale(full))
    if before == "part":  # stored and new articles, pairs and edges interleave
        store.save_graph(restrict_to(full, {full.documents[1].id}))
        store.save_graph(restrict_to(stale(full), {full.documents[2].id}))
    store.save_graph(full)
    assert stored_rows(store) == stored_rows(fresh)
    assert set(store.load_graph().edges) == set(fresh.load_graph().edges)
    check_full_text_index(store)
    check_full_text_index(fresh)


def restrict_to(graph: Graph, ids: set[str]) -> Graph:
    part = restrict(graph, ids)
    alignments = tuple(al for al in graph.alignments if {al.a.id, al.b.id} <= ids)
    return Graph(part.documents, part.edges, part.verdicts, alignments, part.hidden)


def test_a_fresh_save_is_searchable_and_keeps_the_search_trigger(store: Store, full: Graph):
    schema = store.db.execute("select name, sql from sqlite_master order by name").fetchall()
    store.save_graph(full)
    assert store.db.execute("select name, sql from sqlite_master order by name").fetchall() == (
        schema
    )
    check_full_text_index(store)
    assert count(store, "sentences_fts") == count(store, "sentences")
    hits = {h["article_id"] for h in store.db.table("sentences").search("Peskov")}
    assert hits == {full.documents[0].id, full.documents[1].id}
    later = "insert into sentences values (?, 9, 0, 0, 5, 'Zebra')"  # the trigger indexes it
    store.db.execute(later, [full.documents[2].id])
    assert [h["idx"] for h in store.db.table("sentences").search("zebra")] == [9]


def test_a_failed_fresh_save_leaves_the_schema_as_it_was(store: Store, graph, wire, copy):
    schema = store.db.execute("select name, sql from sqlite_master order by name").fetchall()
    twice = SentencePair((0,), (0,), "x", "x", "verbatim", 1.0)
    broken = Graph(graph.documents, graph.edges, alignments=(Alignment(wire, copy, (twice,) * 2),))
    with pytest.raises(StoreError, match="nothing was written"):
        store.save_graph(broken)
    assert store.db.execute("select name, sql from sqlite_master order by name").fetchall() == (
        schema
    )
    assert count(store, "sentences") == count(store, "sentences_fts") == 0


def test_as_saved_is_what_load_graph_reads_back(store: Store, full: Graph) -> None:
    store.save_graph(full)
    assert store.load_graph() == as_saved(full)
    chained = chain(["One. Two.", "One. Two. Three.", "Two. Three. Four."])
    other = Store.memory()
    other.save_graph(chained)
    assert other.load_graph() == as_saved(chained)


def test_setting_up_a_database_another_run_holds_is_tried_again() -> None:
    from provenance import store as store_module

    calls: list[int] = []

    def locked_twice() -> None:
        calls.append(1)
        if len(calls) < 3:
            raise sqlite3.OperationalError("database is locked")

    store_module._patiently(locked_twice, pause=0.0)
    assert len(calls) == 3

    def broken() -> None:
        calls.append(1)
        raise sqlite3.OperationalError("no such table: articles")

    calls.clear()
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        store_module._patiently(broken, pause=0.0)
    assert len(calls) == 1  # not a lock: no second try


def test_a_lock_that_was_waited_for_is_not_tried_again() -> None:
    import time

    from provenance import store as store_module

    calls: list[int] = []

    def held() -> None:
        calls.append(1)
        time.sleep(0.05)
        raise sqlite3.OperationalError("database is locked")

    with pytest.raises(sqlite3.OperationalError, match="locked"):
        store_module._patiently(held, pause=0.0, quick=0.01)
    assert len(calls) == 1  # it waited (longer than the pause): another run holds it
