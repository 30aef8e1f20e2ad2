"""Store: the one place that speaks SQL. Saves a traced ``Graph`` to SQLite and reads it back.

The database is meant to be browsed with Datasette (``datasette provenance.db``). It is opened
in WAL mode with ``busy_timeout=5000`` and ``foreign_keys=ON``, and its schema is built by an
append-only list of migrations (``MIGRATIONS``); never edit a migration that has shipped, add a
new one. Saving is idempotent: the same graph saved twice changes nothing but the ``runs`` log.

Schema, table by table
----------------------

``articles``: one row per distinct article text.
    ``id`` TEXT primary key: the content hash of ``text`` (``Article.id``).
    ``name``: path relative to the traced folder, or the record's id (``Article.name``).
    ``outlet``, ``title``, ``byline``, ``dateline``, ``url``, ``path``: as in ``Article``; NULL
    when unknown. ``published``: ISO 8601 date or datetime; ``date_precision``: minute, day,
    month or year. ``credits``: JSON array of the outlets named as the source, e.g.
    ``["Reuters"]``. ``text``: the original text, which every span below points into.
    ``first_seen``: ISO timestamp (UTC) of the save that first stored this text.
    ``aliases``: JSON array of the other names the same text was found under (migration
    m008), e.g. the same wire story saved twice in a folder.
    Saving an article again keeps ``first_seen`` and updates the other columns to what the
    latest trace knows (for the same article that changes nothing).

``fields``: spans of an article's text that are not body (headline, dateline, credit...).
    ``article_id`` -> ``articles.id``; ``kind``: headline, dateline, credit, boilerplate or
    metadata; ``start``, ``"end"``: character span in ``articles.text``; ``text``: the span.
    Primary key (``article_id``, ``start``).

``sentences``: the body sentences of an article, full-text searchable (``sentences_fts``).
    ``article_id`` -> ``articles.id``; ``idx``: position among the body sentences, from 0;
    ``paragraph``: paragraph number, from 0; ``start``, ``"end"``: character span in
    ``articles.text``; ``text``: the sentence. Primary key (``article_id``, ``idx``).
    When a trace segments an article differently, its sentences and fields are replaced.

``verdicts``: what aligning a pair of articles said, for every aligned pair (before the graph
    keeps only the edges it believes). ``a``, ``b`` -> ``articles.id``; ``relation``:
    ``a->b`` (b derived from a), ``b->a``, ``common`` (both from a common source) or ``none``;
    ``extent``: wholly or partially; ``manner``: verbatim, edited or rewritten; ``confidence``:
    0..1; ``shared``: number of aligned sentence pairs; ``coverage_a``, ``coverage_b``: share of
    each body (in characters) that is aligned; ``evidence``: JSON array of
    ``{"kind", "detail", "weight"}`` objects, weight > 0 favouring a->b. Primary key (a, b).

``alignments``: one row per aligned sentence pair of two articles.
    ``a``, ``b`` -> ``articles.id``; ``a_idx``, ``b_idx``: JSON arrays of sentence ``idx`` in
    a and b (one or two each, e.g. ``[3]`` and ``[3, 4]``); ``relation``: verbatim, edited or
    rewritten; ``score``: 0..1, how surely these are the same sentence; ``edits``: JSON array of
    word-level ``[op, a_words, b_words]`` with op equal, delete, insert or replace.
    Primary key (a, b, a_idx, b_idx): the JSON texts serve as key.
    Verdicts and alignments are replaced pair by pair, in either order of the two articles.

``edges``: the derivation graph: ``derived`` was made from ``source``.
    ``source``, ``derived`` -> ``articles.id``; ``extent``, ``manner``, ``confidence``,
    ``shared`` as in verdicts; ``coverage``: share of the derived body that comes from the
    source; ``run_id`` -> ``runs.id``: the run that last wrote this edge (an unchanged edge
    keeps its run). Primary key (source, derived). Saving a graph replaces the edges into
    every article of the graph and keeps edges between other articles.
    Later, a source may be a hidden node such as ``hidden:1`` that is not an article: that
    will take a new migration replacing the foreign key on ``source``.

``evidence``: the reasons behind an edge, in order.
    ``source``, ``derived`` -> ``edges`` (both columns; deleted with the edge); ``seq``:
    0, 1, 2...; ``kind``: e.g. shared, credit, date; ``detail``: words a journalist can quote;
    ``weight``: > 0 favours source->derived. Primary key (source, derived, seq).

``runs``: a log with one row per ``save_graph`` call.
    ``id`` INTEGER primary key, autoincrement; ``started``, ``finished``: ISO timestamps (UTC);
    ``command``: the command that traced (e.g. ``trace``); ``args``: JSON object of its
    arguments; ``articles``: number of articles in the saved graph; ``edges``: number of
    edges in it; ``version``: the provenance version that wrote it.

``migrations``: ``name`` (primary key) and ``applied`` (ISO timestamp) of each migration run.

Views: ``edges_view`` (edges with the names, outlets and titles of both ends) and
``verdicts_view`` (verdicts with the names and outlets of both articles).
``uncredited_reuse``: the edges whose derived text does not name its source (``credited``
0), with names, outlets and titles of both ends, what the derived text credits instead and
the credit audit's words. ``outlet_flows``: one row per source outlet -> derived outlet, with
the number of edges, how many verbatim, edited and rewritten, and how many credited,
uncredited or unknown; labelled as ``provenance outlets`` labels them.

``datasette_metadata(name)`` gives the titles, descriptions and canned queries that
``provenance serve`` hands to Datasette.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

from provenance import __version__
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

MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = []
migration = MIGRATIONS.append

ARTICLE_COLUMNS = (
    "id",
    "name",
    "outlet",
    "title",
    "published",
    "date_precision",
    "url",
    "byline",
    "dateline",
    "credits",
    "path",
    "text",
    "aliases",
)
RUN_INFO_KEYS = frozenset({"command", "args", "version", "started"})
MIN_PREFIX = 6

Pair = tuple[str, str]
Row = dict[str, Any]
T = TypeVar("T")


class Store:
    """A provenance database: articles, their sentences, and the derivation graph."""

    def __init__(self, path_or_db: str | Path | sqlite_utils.Database) -> None:
        self.name = str(path_or_db)
        try:
            if isinstance(path_or_db, sqlite_utils.Database):
                self.db = path_or_db
                self.name = _file_name(path_or_db)
            else:
                self.db = sqlite_utils.Database(path_or_db)
            _patiently(lambda: _set_up(self.db))
        except sqlite3.Error as e:
            hint = _fix(e) if _locked(e) else "check the path, or choose another database file"
            raise StoreError(
                f"{self.name}: cannot open it as a provenance database: {e} ({hint})"
            ) from e

    @classmethod
    def memory(cls) -> Store:
        """A fresh in-memory store, for tests and one-off traces."""
        return cls(sqlite_utils.Database(memory=True))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------

    def save_graph(self, graph: Graph, *, run_info: dict[str, Any] | None = None) -> int:
        """Save a traced graph in one transaction and return the id of the new ``runs`` row.

        What the store does not hold yet (articles, pairs, edges, hidden sources) is
        inserted in batches; what it holds is compared with the graph and replaced where it
        differs. Both write the same rows in the same order.
        """
        info = _check_run_info(run_info or {})
        documents = _documents_of(graph)
        try:
            with _transaction(self.db), _large_cache(self.db):
                stored = self.article_ids()
                self._check_endpoints(graph, documents, stored)
                self._save_documents(documents, stored)
                self._save_pairs(graph)
                self._save_hidden(graph)
                run_id = self._start_run(info, len(documents), len(graph.edges))
                self._save_edges(graph, documents, run_id)
                self.db.execute("update runs set finished = ? where id = ?", [_now(), run_id])
        except sqlite3.Error as e:
            raise StoreError(
                f"{self.name}: could not save the trace, nothing was written: {e} ({_fix(e)})"
            ) from e
        return run_id

    def _check_endpoints(
        self, graph: Graph, documents: dict[str, Document], stored: set[str]
    ) -> None:
        """Refuse edges and verdicts that name an article neither in the graph nor stored."""
        hidden = {h.id for h in graph.hidden}
        named = [(e.source, e.derived, "edge") for e in graph.edges if e.source not in hidden]
        named += [(e.derived, e.derived, "edge") for e in graph.edges if e.source in hidden]
        named += [(v.a, v.b, "verdict") for v in graph.verdicts]
        for a, b, what in named:
            for end in (a, b):
                if end not in documents and end not in stored:
                    raise StoreError(
                        f"{what} {a} -> {b}: article {end} is neither in the trace nor in "
                        f"{self.name} (trace it together with the articles it is linked to)"
                    )

    def _save_documents(self, documents: dict[str, Document], stored: set[str]) -> None:
        """Upsert the articles; sentences and fields of articles new to the store are
        inserted, those of stored articles replaced when the trace segmented them anew."""
        _upsert_articles(self.db, (d.article for d in documents.values()), _now())
        docs = documents.values()
        _write_in_runs(
            docs,
            lambda d: d.id in stored,
            lambda run: _insert_sentences(self.db, run),
            self._sync_sentences,
        )
        _write_in_runs(
            docs,
            lambda d: d.id in stored,
            lambda run: _insert_all(self.db, "fields", _rows_of(run, _field_rows)),
            self._sync_fields,
        )

    def _sync_sentences(self, doc: Document) -> None:
        if self._sentences(doc.id) != doc.sentences:
            rows = [_sentence_row(doc.id, s) for s in doc.sentences]
            _replace(self.db, "sentences", "article_id = ?", [doc.id], rows)

    def _sync_fields(self, doc: Document) -> None:
        if self._fields(doc.id) != doc.fields:
            rows = [_field_row(doc.id, f) for f in doc.fields]
            _replace(self.db, "fields", "article_id = ?", [doc.id], rows)

    def _save_hidden(self, graph: Graph) -> None:
        """Hidden sources are keyed by their members, so the same group is the same row."""
        stored = {row[0] for row in self.db.execute("select id from hidden_sources")}
        _write_in_runs(
            {h.id: h for h in graph.hidden}.values(),
            lambda h: h.id in stored,
            lambda run: _insert_all(self.db, "hidden_sources", map(_hidden_row, run)),
            self._sync_hidden,
        )

    def _sync_hidden(self, h: HiddenSource) -> None:
        row = _hidden_row(h)
        if self._rows("hidden_sources", "id = ?", [h.id]) != [row]:
            _replace(self.db, "hidden_sources", "id = ?", [h.id], [row])

    def _save_pairs(self, graph: Graph) -> None:
        """Replace the verdicts and alignments of every pair the graph has either for;
        pairs the store has neither for are inserted."""
        verdicts = _group(graph.verdicts, lambda v: _pair(v.a, v.b))
        alignments = _group(graph.alignments, lambda al: _pair(al.a.id, al.b.id))
        pairs = sorted(verdicts.keys() | alignments.keys())
        known = self.known_pairs()

        def is_stored(pair: Pair) -> bool:
            return pair in known or pair[::-1] in known

        _write_in_runs(
            pairs,
            is_stored,
            lambda run: _insert_all(self.db, "verdicts", map(_verdict_row, _flat(run, verdicts))),
            lambda pair: self._sync_verdicts(pair, verdicts.get(pair, [])),
        )
        _write_in_runs(
            pairs,
            is_stored,
            lambda run: _insert_all(
                self.db, "alignments", _rows_of(_flat(run, alignments), _alignment_rows)
            ),
            lambda pair: self._sync_alignments(
                pair, [row for al in alignments.get(pair, []) for row in _alignment_rows(al)]
            ),
        )

    def _sync_verdicts(self, pair: Pair, verdicts: list[Verdict]) -> None:
        where, params = _either_order(pair)
        if self._verdicts(where, params) != set(verdicts):
            _replace(self.db, "verdicts", where, params, [_verdict_row(v) for v in verdicts])

    def _sync_alignments(self, pair: Pair, rows: list[Row]) -> None:
        where, params = _either_order(pair)
        if _sorted_rows(self._rows("alignments", where, params)) != _sorted_rows(rows):
            _replace(self.db, "alignments", where, params, rows)

    def _start_run(self, info: dict[str, Any], articles: int, edges: int) -> int:
        row = {
            "started": info.get("started") or _now(),
            "command": info.get("command"),
            "args": _json(info.get("args") or {}),
            "articles": articles,
            "edges": edges,
            "version": info.get("version") or __version__,
        }
        cursor = _insert(self.db, "runs", [row])
        return int(cursor.lastrowid or 0)

    def _save_edges(self, graph: Graph, documents: dict[str, Document], run_id: int) -> None:
        """Make the edges into the graph's articles exactly the graph's edges."""
        wanted = {(e.source, e.derived): e for e in graph.edges}
        scope = documents.keys() | {e.derived for e in graph.edges}
        stored = {(row[0], row[1]) for row in self.db.execute("select source, derived from edges")}
        for source, derived in sorted(stored):
            if derived in scope and (source, derived) not in wanted:
                self._delete_edge(source, derived)

        def insert(run: Iterable[Edge]) -> None:
            edges = list(run)
            _insert_all(self.db, "edges", (_edge_row(e, run_id) for e in edges))
            _insert_all(self.db, "evidence", _rows_of(edges, _evidence_rows))

        def sync(edge: Edge) -> None:
            if self._edge(edge.source, edge.derived) != edge:
                self._delete_edge(edge.source, edge.derived)
                insert([edge])

        _write_in_runs(wanted.values(), lambda e: (e.source, e.derived) in stored, insert, sync)

    def _delete_edge(self, source: str, derived: str) -> None:
        where = "source = ? and derived = ?"
        self.db.execute(f"delete from evidence where {where}", [source, derived])
        self.db.execute(f"delete from edges where {where}", [source, derived])

    # --- reading -------------------------------------------------------------------------

    def load_graph(self, *, only: Collection[str] | None = None) -> Graph:
        """Rebuild the stored graph: documents, edges with their evidence, and verdicts;
        with ``only``, just those articles and what joins them.

        Alignments are not rebuilt (``Graph.alignments`` is empty): their rows are for
        browsing and for ``known_pairs``.
        """
        try:
            documents = tuple(self._documents())
            edges = tuple(self._edges())
            verdicts = tuple(_verdict(r) for r in self._rows("verdicts", order="rowid"))
            hidden = tuple(_hidden(r) for r in self._rows("hidden_sources", order="id"))
        except sqlite3.Error as e:
            raise StoreError(f"{self.name}: could not read the graph: {e}") from e
        graph = Graph(documents=documents, edges=edges, verdicts=verdicts, hidden=hidden)
        return graph if only is None else restrict(graph, set(only))

    def last_signature(self) -> str | None:
        """The input signature the latest run recorded in its arguments, if any."""
        row = self.db.execute("select args from runs order by id desc limit 1").fetchone()
        if not row or not row[0]:
            return None
        args = json.loads(row[0])
        return args.get("signature") if isinstance(args, dict) else None

    def article_ids(self) -> set[str]:
        return {row["id"] for row in self.db.query("select id from articles")}

    def known_pairs(self) -> set[Pair]:
        """(a, b) article-id pairs already aligned, in the order they were stored.

        Check both ``(x, y)`` and ``(y, x)`` to know whether two articles were aligned.
        """
        sql = "select a, b from verdicts union select a, b from alignments"
        return {(row["a"], row["b"]) for row in self.db.query(sql)}

    def alignments(
        self, pairs: Iterable[tuple[str, str]], documents: dict[str, Document]
    ) -> list[Alignment]:
        """The stored alignments of ``pairs`` (each read as stored, a -> b), rebuilt on the
        given documents; a pair with no stored sentence pairs gets an empty alignment."""
        out = []
        for a, b in pairs:
            rows = self._rows("alignments", "a = ? and b = ?", [a, b], order="rowid")
            da, db = documents[a], documents[b]
            out.append(Alignment(da, db, tuple(_sentence_pair(r, da, db) for r in rows)))
        return out

    def sharing_articles(
        self, sentences: Sequence[Sequence[str]], *, terms: int = 5, per_sentence: int = 40
    ) -> list[tuple[str, int]]:
        """Stored articles that share words with the given sentences (each a list of its
        words), looked up in the full-text index, never by a scan: for each sentence, the
        stored sentences holding two of its ``terms`` rarest indexed words give its
        ``per_sentence`` best-ranked. Returns (article id, number of the given sentences it
        answered), most first."""
        wanted = sorted({w for ws in sentences for w in ws})
        df: dict[str, int] = {}
        for at in range(0, len(wanted), 500):
            chunk = wanted[at : at + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"select term, doc from sentences_fts_vocab where term in ({marks})"
            df.update((row[0], row[1]) for row in self.db.execute(sql, chunk))
        hits: dict[str, int] = {}
        for ws in sentences:
            rare = sorted((w for w in set(ws) if w in df), key=lambda w: (df[w], w))[:terms]
            if not rare:
                continue
            quoted = ['"' + w.replace('"', '""') + '"' for w in rare]
            # two of its rarest words together: a stored sentence holding only one (a
            # word of the topic) is no candidate, and the index has few rows to rank
            query = (
                " OR ".join(f"({x} AND {y})" for n, x in enumerate(quoted) for y in quoted[n + 1 :])
                or quoted[0]
            )
            rows = self.db.execute(
                "select distinct sentences.article_id from sentences_fts "
                "join sentences on sentences.rowid = sentences_fts.rowid "
                "where sentences_fts match ? order by sentences_fts.rank limit ?",
                [query, per_sentence],
            )
            for (article_id,) in rows:
                hits[article_id] = hits.get(article_id, 0) + 1
        return sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))

    def documents(self, ids: Iterable[str]) -> list[Document]:
        """The stored documents with these ids (unknown ids are left out), in that order."""
        out = []
        for article_id in ids:
            article = self._stored_article(article_id)
            if article is not None:
                fields = self._fields(article_id)
                out.append(Document(article, self._sentences(article_id), fields))
        return out

    def find_article(self, ref: str) -> Article | None:
        """The article ``ref`` names: an id, an id prefix of 6+ characters, a name, or the
        last part of a name (``001.txt`` for ``seeds/001.txt``). None when nothing matches;
        StoreError when a prefix or last part matches several articles."""
        exact = self._stored_article(ref)
        if exact is not None:
            return exact
        lookups: list[tuple[str, list[Any]]] = [("name = ?", [ref])]
        if len(ref) >= MIN_PREFIX:
            lookups.append(("substr(id, 1, ?) = ?", [len(ref), ref]))
        lookups.append(("substr(name, -?) = ?", [len(ref) + 1, "/" + ref]))
        for where, params in lookups:
            rows = self._rows("articles", where, params, order="name")
            if len(rows) > 1:
                names = ", ".join(f"{r['name']} ({r['id'][:10]})" for r in rows[:5])
                raise StoreError(
                    f"{ref!r} matches {len(rows)} articles: {names} "
                    "(give more of the id, or the full name)"
                )
            if rows:
                return _article(rows[0])
        return None

    def edges_of(self, article_id: str) -> list[Edge]:
        """The stored edges into and out of one article, with their evidence."""
        where = "source = ? or derived = ?"
        rows = self._rows("edges", where, [article_id, article_id], order="rowid")
        return [self._edge(r["source"], r["derived"]) or _edge(r, []) for r in rows]

    def edge_keys(self) -> set[Pair]:
        """(source, derived) of every stored edge."""
        return {(row[0], row[1]) for row in self.db.execute("select source, derived from edges")}

    def hidden_sources(self, ids: Iterable[str]) -> list[HiddenSource]:
        """The stored sources not in the set with these ids (unknown ids are left out)."""
        return [_hidden(r) for i in ids for r in self._rows("hidden_sources", "id = ?", [i])]

    def names_like(self, ref: str) -> list[Article]:
        """Stored articles whose name is ``ref`` with an extension (``002`` -> ``002.txt``)
        or ``ref`` in other capitals: what a person may have meant by a name not found."""
        where = "name like ? escape '\\' or name like ? escape '\\' or lower(name) = lower(?)"
        bare = ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params = [f"{bare}.%", f"%/{bare}.%", ref]
        return [_article(r) for r in self._rows("articles", where, params, order="name")[:10]]

    def ids_starting(self, prefix: str, *, most: int = 5) -> list[str]:
        """Ids of stored articles that start with ``prefix``, however short."""
        sql = "select id from articles where substr(id, 1, ?) = ? order by id limit ?"
        return [row[0] for row in self.db.execute(sql, [len(prefix), prefix, most])]

    def article_stubs(self) -> list[Article]:
        """Every stored article's id and name (no text): enough to name it in a command."""
        rows = self.db.execute("select id, name from articles order by rowid")
        return [Article(id=row[0], name=row[1], text="") for row in rows]

    def _stored_article(self, article_id: str) -> Article | None:
        rows = self._rows("articles", "id = ?", [article_id])
        return _article(rows[0]) if rows else None

    def _documents(self) -> Iterator[Document]:
        sentences = _group(self._rows("sentences", order="article_id, idx"), _by_article)
        fields = _group(self._rows("fields", order="article_id, start"), _by_article)
        for row in self._rows("articles", order="rowid"):
            yield Document(
                article=_article(row),
                sentences=tuple(_sentence(r) for r in sentences.get(row["id"], [])),
                fields=tuple(_field(r) for r in fields.get(row["id"], [])),
            )

    def _edges(self) -> Iterator[Edge]:
        evidence = _group(self._rows("evidence", order="source, derived, seq"), _edge_key)
        for row in self._rows("edges", order="rowid"):
            yield _edge(row, evidence.get(_edge_key(row), []))

    def _edge(self, source: str, derived: str) -> Edge | None:
        where, params = "source = ? and derived = ?", [source, derived]
        rows = self._rows("edges", where, params)
        if not rows:
            return None
        return _edge(rows[0], self._rows("evidence", where, params, order="seq"))

    def _sentences(self, article_id: str) -> tuple[Sentence, ...]:
        rows = self._rows("sentences", "article_id = ?", [article_id], order="idx")
        return tuple(_sentence(r) for r in rows)

    def _fields(self, article_id: str) -> tuple[Field, ...]:
        rows = self._rows("fields", "article_id = ?", [article_id], order="start")
        return tuple(_field(r) for r in rows)

    def _verdicts(self, where: str, params: Sequence[Any]) -> set[Verdict]:
        return {_verdict(r) for r in self._rows("verdicts", where, params)}

    def _rows(
        self, table: str, where: str = "1", params: Sequence[Any] = (), *, order: str = ""
    ) -> list[Row]:
        sql = f"select * from [{table}] where {where}"
        if order:
            sql += f" order by {order}"
        return list(self.db.query(sql, list(params)))


# --- opening and migrating -------------------------------------------------------------------


def _file_name(db: sqlite_utils.Database) -> str:
    """The file behind a database, for messages; ":memory:" when there is none."""
    row = db.execute("PRAGMA database_list").fetchone()
    return str(row[2]) if row and row[2] else ":memory:"


def _configure(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA busy_timeout = 5000")
    db.execute("PRAGMA foreign_keys = ON")
    if not getattr(db, "memory", False):
        db.enable_wal()


def _set_up(db: sqlite_utils.Database) -> None:
    _configure(db)
    migrate(db)


def migrate(db: sqlite_utils.Database) -> None:
    """Apply, in order, each migration not yet recorded in the ``migrations`` table.

    Foreign keys are switched off while migrations rebuild tables (SQLite's own procedure
    for schema changes: a rebuilt table must not cascade deletes into its dependants) and
    checked before each migration commits.
    """
    db.create_table("migrations", {"name": str, "applied": str}, pk="name", if_not_exists=True)
    applied = {row["name"] for row in db.query("select name from migrations")}
    pending = [step for step in MIGRATIONS if step.__name__ not in applied]
    if not pending:
        return
    keys_on = bool(db.execute("PRAGMA foreign_keys").fetchone()[0])
    if not db.conn.in_transaction:
        db.execute("PRAGMA foreign_keys = OFF")
    try:
        for step in pending:
            with _transaction(db):
                done = "select 1 from migrations where name = ?"
                if db.execute(done, [step.__name__]).fetchone():
                    continue  # another process applied it while this one waited for the lock
                step(db)
                _check_foreign_keys(db, step.__name__)
                _insert(db, "migrations", [{"name": step.__name__, "applied": _now()}])
    finally:
        if keys_on and not db.conn.in_transaction:
            db.execute("PRAGMA foreign_keys = ON")


def _check_foreign_keys(db: sqlite_utils.Database, name: str) -> None:
    broken = db.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise StoreError(f"migration {name} would break {len(broken)} foreign keys: {broken[:3]}")


@contextmanager
def _transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """One transaction: committed at the end of the block, rolled back on any error.

    ``BEGIN IMMEDIATE`` takes the write lock up front, so a second writer waits (up to
    busy_timeout) instead of failing half-way. sqlite-utils 3.x has no ``db.atomic()``.
    """
    conn = db.conn
    if conn.in_transaction:
        with _savepoint(conn):
            yield
        return
    conn.execute("begin immediate")
    try:
        yield
        if conn.in_transaction:  # sqlite-utils 3.x helpers may have committed already
            conn.execute("commit")
    except BaseException:
        if conn.in_transaction:
            conn.execute("rollback")
        raise


@contextmanager
def _savepoint(conn: sqlite3.Connection) -> Iterator[None]:
    """A nested transaction, for a caller that already holds one open."""
    conn.execute("savepoint provenance")
    try:
        yield
    except BaseException:
        conn.execute("rollback to provenance")
        conn.execute("release provenance")
        raise
    conn.execute("release provenance")


@migration
def m001_articles(db: sqlite_utils.Database) -> None:
    columns: dict[str, Any] = {c: str for c in ARTICLE_COLUMNS if c != "aliases"}  # m008
    db.create_table(
        "articles",
        {**columns, "first_seen": str},
        pk="id",
        not_null={"id", "name", "text", "credits", "first_seen"},
    )
    db.table("articles").create_index(["name"])
    db.create_table(
        "fields",
        {"article_id": str, "kind": str, "start": int, "end": int, "text": str},
        pk=("article_id", "start"),
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "kind", "start", "end", "text"},
    )
    db.create_table(
        "sentences",
        {"article_id": str, "idx": int, "paragraph": int, "start": int, "end": int, "text": str},
        pk=("article_id", "idx"),
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "idx", "paragraph", "start", "end", "text"},
    )
    if db.table("sentences").detect_fts() is None:
        db.table("sentences").enable_fts(["text"], create_triggers=True)


@migration
def m002_pairs(db: sqlite_utils.Database) -> None:
    db.create_table(
        "verdicts",
        {
            "a": str,
            "b": str,
            "relation": str,
            "extent": str,
            "manner": str,
            "confidence": float,
            "shared": int,
            "coverage_a": float,
            "coverage_b": float,
            "evidence": str,
        },
        pk=("a", "b"),
        foreign_keys=[("a", "articles", "id"), ("b", "articles", "id")],
        not_null={
            "a",
            "b",
            "relation",
            "confidence",
            "shared",
            "coverage_a",
            "coverage_b",
            "evidence",
        },
    )
    db.create_table(
        "alignments",
        {
            "a": str,
            "b": str,
            "a_idx": str,
            "b_idx": str,
            "relation": str,
            "score": float,
            "edits": str,
        },
        pk=("a", "b", "a_idx", "b_idx"),
        foreign_keys=[("a", "articles", "id"), ("b", "articles", "id")],
        not_null={"a", "b", "a_idx", "b_idx", "relation", "score", "edits"},
    )


@migration
def m003_runs_and_edges(db: sqlite_utils.Database) -> None:
    db.execute("""
        create table runs (
            id integer primary key autoincrement, started text not null, finished text,
            command text, args text, articles integer, edges integer, version text
        )""")
    db.create_table(
        "edges",
        {
            "source": str,
            "derived": str,
            "extent": str,
            "manner": str,
            "confidence": float,
            "shared": int,
            "coverage": float,
            "run_id": int,
        },
        pk=("source", "derived"),
        foreign_keys=[
            ("source", "articles", "id"),
            ("derived", "articles", "id"),
            ("run_id", "runs", "id"),
        ],
        not_null={
            "source",
            "derived",
            "extent",
            "manner",
            "confidence",
            "shared",
            "coverage",
            "run_id",
        },
    )
    db.table("edges").create_index(["derived"])
    db.execute("""
        create table evidence (
            source text not null, derived text not null, seq integer not null,
            kind text not null, detail text not null, weight float not null,
            primary key (source, derived, seq),
            foreign key (source, derived) references edges (source, derived) on delete cascade
        )""")


@migration
def m004_views(db: sqlite_utils.Database) -> None:
    db.create_view(
        "edges_view",
        """
        select edges.source, s.name as source_name, s.outlet as source_outlet,
            s.title as source_title, edges.derived, d.name as derived_name,
            d.outlet as derived_outlet, d.title as derived_title, edges.extent, edges.manner,
            edges.confidence, edges.shared, edges.coverage, edges.run_id
        from edges
        left join articles s on s.id = edges.source
        left join articles d on d.id = edges.derived""",
    )
    db.create_view(
        "verdicts_view",
        """
        select verdicts.a, a.name as a_name, a.outlet as a_outlet, verdicts.b,
            b.name as b_name, b.outlet as b_outlet, verdicts.relation, verdicts.extent,
            verdicts.manner, verdicts.confidence, verdicts.shared, verdicts.coverage_a,
            verdicts.coverage_b, verdicts.evidence
        from verdicts
        left join articles a on a.id = verdicts.a
        left join articles b on b.id = verdicts.b""",
    )


@migration
def m005_hidden_sources(db: sqlite_utils.Database) -> None:
    """Edges may come from a hidden source ("hidden:1", not an article), and say whether the
    derived text credits its source: edges is rebuilt without the foreign key on ``source``
    and with a ``credited`` column (1, 0 or NULL: cannot tell)."""
    db.execute("drop view if exists edges_view")
    db.execute("""
        create table edges_new (
            source text not null, derived text not null references articles (id),
            extent text not null, manner text not null, confidence float not null,
            shared integer not null, coverage float not null,
            run_id integer not null references runs (id), credited integer,
            primary key (source, derived)
        )""")
    db.execute("""
        insert into edges_new (source, derived, extent, manner, confidence, shared, coverage,
                               run_id)
        select source, derived, extent, manner, confidence, shared, coverage, run_id
        from edges""")
    db.execute("drop table edges")
    db.execute("alter table edges_new rename to edges")
    db.execute("create index idx_edges_derived on edges (derived)")
    db.execute("""
        create table hidden_sources (
            id text primary key, likely_outlet text, members text not null,
            evidence text not null
        )""")
    db.create_view(
        "edges_view",
        """
        select edges.source, coalesce(s.name, 'unseen ' || coalesce(h.likely_outlet, 'source'))
                as source_name,
            coalesce(s.outlet, h.likely_outlet) as source_outlet, s.title as source_title,
            edges.derived, d.name as derived_name, d.outlet as derived_outlet,
            d.title as derived_title, edges.extent, edges.manner, edges.confidence,
            edges.shared, edges.coverage, edges.credited, edges.run_id
        from edges
        left join articles s on s.id = edges.source
        left join hidden_sources h on h.id = edges.source
        left join articles d on d.id = edges.derived""",
    )


@migration
def m006_datasette_views(db: sqlite_utils.Database) -> None:
    """Views that answer a journalist's first questions in Datasette: uncredited reuse, and
    who reuses whom outlet by outlet."""
    db.create_view("uncredited_reuse", _UNCREDITED_REUSE)
    db.create_view("outlet_flows", _OUTLET_FLOWS)


_UNCREDITED_REUSE = """
    select edges.source,
        coalesce(s.name, 'unseen ' || coalesce(h.likely_outlet, 'source')) as source_name,
        coalesce(s.outlet, h.likely_outlet) as source_outlet, s.title as source_title,
        edges.derived, d.name as derived_name, d.outlet as derived_outlet,
        d.title as derived_title, d.credits as derived_credits, edges.manner, edges.extent,
        edges.confidence, edges.shared, edges.coverage,
        (select detail from evidence
            where evidence.source = edges.source and evidence.derived = edges.derived
                and evidence.kind = 'credit'
            order by seq limit 1) as credit_audit
    from edges
    left join articles s on s.id = edges.source
    left join hidden_sources h on h.id = edges.source
    left join articles d on d.id = edges.derived
    where edges.credited = 0
    order by edges.confidence desc"""

_OUTLET_FLOWS = """
    with labelled as (
        select
            case
                when s.id is not null then coalesce(nullif(s.outlet, ''), '(outlet unknown)')
                when h.id is not null
                    then coalesce(nullif(h.likely_outlet, ''), 'a source') || ' (unseen)'
                else '(outlet unknown)'
            end as source_outlet,
            coalesce(nullif(d.outlet, ''), '(outlet unknown)') as derived_outlet,
            edges.manner, edges.credited
        from edges
        left join articles s on s.id = edges.source
        left join hidden_sources h on h.id = edges.source
        left join articles d on d.id = edges.derived
    )
    select source_outlet, derived_outlet, count(*) as edges,
        sum(manner = 'verbatim') as verbatim, sum(manner = 'edited') as edited,
        sum(manner = 'rewritten') as rewritten, sum(credited = 1) as credited,
        sum(credited = 0) as uncredited, sum(credited is null) as credit_unknown
    from labelled
    group by source_outlet, derived_outlet
    order by edges desc, source_outlet, derived_outlet"""


# --- Datasette ---------------------------------------------------------------------------------

TABLE_DESCRIPTIONS: dict[str, str] = {
    "articles": "One row per distinct article text; id is a hash of the text.",
    "sentences": "The body sentences of each article, with their place in the text. "
    "Full-text searchable.",
    "fields": "Parts of an article that are not body: headline, dateline, credit lines.",
    "edges": "The derivation graph: derived was made from source. credited: 1 the derived "
    "text names the source's outlet, 0 it does not, empty: cannot tell.",
    "evidence": "The reasons behind each edge, in order, in words a journalist can quote.",
    "verdicts": "What aligning each pair of articles said, before the graph kept only the "
    "edges it believes.",
    "alignments": "Aligned sentence pairs of two articles, with word-level edits.",
    "hidden_sources": "Sources not in the set, inferred from copies that share material "
    "none of them took from the others.",
    "runs": "One row per trace that saved a graph.",
    "migrations": "Schema changes applied to this database.",
    "edges_view": "Every derivation with the names, outlets and titles of both articles.",
    "verdicts_view": "Every aligned pair with the names and outlets of both articles.",
    "uncredited_reuse": "Derivations whose text does not name the outlet it was taken from.",
    "outlet_flows": "Who reuses whom, outlet by outlet: how often, how, and whether they say so.",
}

# Tables that keep the database working and tell a reader nothing: the full-text index of
# the sentences (sqlite-utils' FTS table, its shadow tables and its vocabulary), the schema's
# migrations and the log of runs. ``provenance serve`` hides them from Datasette's lists
# (they stay queryable in SQL).
INTERNAL_TABLES = (
    "sentences_fts",
    "sentences_fts_config",
    "sentences_fts_data",
    "sentences_fts_docsize",
    "sentences_fts_idx",
    "sentences_fts_vocab",
    "migrations",
    "runs",
    "sqlite_sequence",
)

CANNED_QUERIES: dict[str, dict[str, str]] = {
    "uncredited-reuse": {
        "title": "Uncredited reuse",
        "description": "Articles that reuse another outlet's text without naming it.",
        "sql": "select derived_name, derived_outlet, source_name, source_outlet, manner, "
        "extent, confidence, derived_credits, credit_audit from uncredited_reuse "
        "order by confidence desc",
    },
    "who-copies-whom": {
        "title": "Who copies whom",
        "description": "Outlet to outlet reuse, busiest first.",
        "sql": "select source_outlet, derived_outlet, edges, verbatim, edited, rewritten, "
        "credited, uncredited, credit_unknown from outlet_flows "
        "order by edges desc, uncredited desc",
    },
    "search-sentences": {
        "title": "Search sentences",
        "description": "Every stored sentence that contains the words you type, with its article.",
        "sql": "select articles.name, articles.outlet, sentences.idx + 1 as sentence, "
        "sentences.text from sentences_fts "
        "join sentences on sentences.rowid = sentences_fts.rowid "
        "join articles on articles.id = sentences.article_id "
        "where sentences_fts match escape_fts(:q) order by sentences_fts.rank limit 200",
    },
}


@migration
def m007_sentence_vocabulary(db: sqlite_utils.Database) -> None:
    """How many sentences hold each indexed term: ``find`` asks for the rarest words."""
    db.execute(
        "create virtual table if not exists sentences_fts_vocab "
        "using fts5vocab(sentences_fts, 'row')"
    )


@migration
def m008_article_aliases(db: sqlite_utils.Database) -> None:
    """``aliases``: JSON array of the other names the same text was found under."""
    db.execute("alter table articles add column aliases text not null default '[]'")


def datasette_metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for a provenance database named ``database`` (the file's stem):
    titles, a description of every table and view, and canned queries."""
    tables: dict[str, Any] = {
        name: {"description": text} for name, text in TABLE_DESCRIPTIONS.items()
    }
    tables["articles"]["label_column"] = "name"
    for name in INTERNAL_TABLES:
        tables.setdefault(name, {})["hidden"] = True
    return {
        "title": "provenance: who copied whom",
        "description": "Articles, the sentences they share, and which was derived from "
        "which, traced by provenance. Start with the uncredited reuse and who copies whom "
        "queries, or search the sentences.",
        "databases": {
            database: {
                "title": f"{database}: a provenance trace",
                "tables": tables,
                "queries": CANNED_QUERIES,
            }
        },
    }


# --- writing rows ----------------------------------------------------------------------------
# Rows are written with plain parameterised SQL rather than sqlite-utils' insert_all: in
# sqlite-utils 3.x those helpers commit on their own, which would break save_graph's single
# transaction.


def _insert(db: sqlite_utils.Database, table: str, rows: Sequence[Row]) -> sqlite3.Cursor:
    if len(rows) == 1:  # execute() sets lastrowid, executemany() does not
        columns = list(rows[0])
        return db.conn.execute(_insert_sql(table, columns), [rows[0][c] for c in columns])
    return _insert_all(db, table, rows)


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    names = ", ".join(f"[{c}]" for c in columns)
    marks = ", ".join("?" for _ in columns)
    return f"insert into [{table}] ({names}) values ({marks})"


def _replace(
    db: sqlite_utils.Database, table: str, where: str, params: Sequence[Any], rows: Sequence[Row]
) -> None:
    db.execute(f"delete from [{table}] where {where}", list(params))
    _insert(db, table, rows)


def _upsert_articles(db: sqlite_utils.Database, articles: Iterable[Article], now: str) -> None:
    """Insert new articles; for stored ones update everything but ``first_seen``."""
    names = ", ".join(f"[{c}]" for c in (*ARTICLE_COLUMNS, "first_seen"))
    marks = ", ".join("?" for _ in range(len(ARTICLE_COLUMNS) + 1))
    updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in ARTICLE_COLUMNS[1:])
    sql = (
        f"insert into articles ({names}) values ({marks}) on conflict (id) do update set {updates}"
    )
    values = itemgetter(*ARTICLE_COLUMNS)
    db.conn.executemany(sql, ((*values(_article_row(a)), now) for a in articles))


def _insert_all(db: sqlite_utils.Database, table: str, rows: Iterable[Row]) -> sqlite3.Cursor:
    """Insert rows (dicts with the same keys) in one executemany, read as they come."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return db.conn.cursor()
    columns = list(first)
    chained = itertools.chain([first], rows)
    params: Iterable[Sequence[Any]]
    if len(columns) == 1:  # itemgetter of one key gives the value, not a 1-tuple
        params = ((row[columns[0]],) for row in chained)
    else:
        params = map(itemgetter(*columns), chained)
    return db.conn.executemany(_insert_sql(table, columns), params)


def _insert_sentences(db: sqlite_utils.Database, docs: Iterable[Document]) -> None:
    """Insert the sentences of documents new to the store, then index them for full-text
    search in one statement: the per-row trigger that keeps ``sentences_fts`` in step is
    several times slower for a bulk load. The trigger is dropped and created again inside
    the caller's transaction, so a failure leaves the schema as it was."""
    trigger = db.execute(
        "select sql from sqlite_master where type = 'trigger' and name = 'sentences_ai'"
    ).fetchone()
    if trigger is None:  # a database without the full-text index
        _insert_all(db, "sentences", _rows_of(docs, _sentence_rows))
        return
    last = db.execute("select coalesce(max(rowid), 0) from sentences").fetchone()[0]
    db.execute("drop trigger sentences_ai")
    _insert_all(db, "sentences", _rows_of(docs, _sentence_rows))
    db.execute(
        "insert into sentences_fts (rowid, text) select rowid, text from sentences where rowid > ?",
        [last],
    )
    db.execute(trigger[0])


def _write_in_runs(
    items: Iterable[T],
    is_stored: Callable[[T], bool],
    insert: Callable[[Iterator[T]], object],
    sync: Callable[[T], None],
) -> None:
    """Write ``items`` in their order: each run of items the store does not hold yet with
    one batch ``insert``, each stored item with ``sync`` (compare, replace if different).
    The rows come out in the same order as syncing every item would write them."""
    for stored, run in itertools.groupby(items, key=is_stored):
        if stored:
            for item in run:
                sync(item)
        else:
            insert(run)


@contextmanager
def _large_cache(db: sqlite_utils.Database, mib: int = 256) -> Iterator[None]:
    """A larger page cache while a save writes (SQLite's default is 2 MiB): the indexes of
    a large archive are updated in random order. Only the memory of this connection is
    touched, never how the data is written."""
    before = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute(f"PRAGMA cache_size = -{mib * 1024}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {int(before)}")


# --- converting between rows and the model ---------------------------------------------------


def _article_row(a: Article) -> Row:
    return {
        "id": a.id,
        "name": a.name,
        "outlet": a.outlet,
        "title": a.title,
        "published": a.published,
        "date_precision": a.date_precision,
        "url": a.url,
        "byline": a.byline,
        "dateline": a.dateline,
        "credits": _json(list(a.credits)),
        "path": a.path,
        "text": a.text,
        "aliases": _json(list(a.aliases)),
    }


def _article(row: Row) -> Article:
    return Article(
        id=row["id"],
        name=row["name"],
        text=row["text"],
        outlet=row["outlet"],
        title=row["title"],
        published=row["published"],
        date_precision=row["date_precision"],
        url=row["url"],
        byline=row["byline"],
        dateline=row["dateline"],
        credits=tuple(json.loads(row["credits"])),
        path=row["path"],
        aliases=tuple(json.loads(row.get("aliases") or "[]")),
    )


def _sentence_row(article_id: str, s: Sentence) -> Row:
    return {
        "article_id": article_id,
        "idx": s.index,
        "paragraph": s.paragraph,
        "start": s.start,
        "end": s.end,
        "text": s.text,
    }


def _sentence(row: Row) -> Sentence:
    return Sentence(
        index=row["idx"],
        paragraph=row["paragraph"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
    )


def _field_row(article_id: str, f: Field) -> Row:
    return {
        "article_id": article_id,
        "kind": f.kind,
        "start": f.start,
        "end": f.end,
        "text": f.text,
    }


def _field(row: Row) -> Field:
    return Field(kind=row["kind"], start=row["start"], end=row["end"], text=row["text"])


def _verdict_row(v: Verdict) -> Row:
    return {
        "a": v.a,
        "b": v.b,
        "relation": v.relation,
        "extent": v.extent,
        "manner": v.manner,
        "confidence": v.confidence,
        "shared": v.shared,
        "coverage_a": v.coverage_a,
        "coverage_b": v.coverage_b,
        "evidence": _json([_evidence_dict(e) for e in v.evidence]),
    }


def _verdict(row: Row) -> Verdict:
    return Verdict(
        a=row["a"],
        b=row["b"],
        relation=row["relation"],
        extent=row["extent"],
        manner=row["manner"],
        confidence=row["confidence"],
        evidence=tuple(Evidence(**e) for e in json.loads(row["evidence"])),
        shared=row["shared"],
        coverage_a=row["coverage_a"],
        coverage_b=row["coverage_b"],
    )


def _sentence_rows(doc: Document) -> Iterator[Row]:
    return (_sentence_row(doc.id, s) for s in doc.sentences)


def _field_rows(doc: Document) -> Iterator[Row]:
    return (_field_row(doc.id, f) for f in doc.fields)


def _alignment_rows(al: Alignment) -> list[Row]:
    return [_pair_row(al.a.id, al.b.id, p) for p in al.pairs]


def _pair_row(a: str, b: str, p: SentencePair) -> Row:
    return {
        "a": a,
        "b": b,
        "a_idx": _json_ints(p.a),
        "b_idx": _json_ints(p.b),
        "relation": p.relation,
        "score": p.score,
        "edits": _json([[e.op, e.a, e.b] for e in p.edits]),
    }


def _sentence_pair(row: Row, a: Document, b: Document) -> SentencePair:
    a_idx, b_idx = tuple(json.loads(row["a_idx"])), tuple(json.loads(row["b_idx"]))
    return SentencePair(
        a=a_idx,
        b=b_idx,
        a_text=" ".join(a.sentences[i].text for i in a_idx),
        b_text=" ".join(b.sentences[j].text for j in b_idx),
        relation=row["relation"],
        score=row["score"],
        edits=tuple(EditOp(op, x, y) for op, x, y in json.loads(row["edits"])),
    )


def _edge_row(e: Edge, run_id: int) -> Row:
    return {
        "source": e.source,
        "derived": e.derived,
        "extent": e.extent,
        "manner": e.manner,
        "confidence": e.confidence,
        "shared": e.shared,
        "coverage": e.coverage,
        "run_id": run_id,
        "credited": None if e.credited is None else int(e.credited),
    }


def _evidence_rows(e: Edge) -> list[Row]:
    return [
        {"source": e.source, "derived": e.derived, "seq": seq, **_evidence_dict(ev)}
        for seq, ev in enumerate(e.evidence)
    ]


def _edge(row: Row, evidence: Iterable[Row]) -> Edge:
    return Edge(
        source=row["source"],
        derived=row["derived"],
        extent=row["extent"],
        manner=row["manner"],
        confidence=row["confidence"],
        evidence=tuple(Evidence(r["kind"], r["detail"], r["weight"]) for r in evidence),
        shared=row["shared"],
        coverage=row["coverage"],
        credited=None if row["credited"] is None else bool(row["credited"]),
    )


def _hidden_row(h: HiddenSource) -> Row:
    return {
        "id": h.id,
        "likely_outlet": h.likely_outlet,
        "members": _json(list(h.members)),
        "evidence": _json([_evidence_dict(e) for e in h.evidence]),
    }


def _hidden(row: Row) -> HiddenSource:
    evidence = tuple(
        Evidence(e["kind"], e["detail"], e["weight"]) for e in json.loads(row["evidence"])
    )
    return HiddenSource(
        row["id"], row["likely_outlet"], tuple(json.loads(row["members"])), evidence
    )


def _evidence_dict(e: Evidence) -> Row:
    return {"kind": e.kind, "detail": e.detail, "weight": e.weight}


# --- small helpers -------------------------------------------------------------------------


def restrict(graph: Graph, ids: set[str]) -> Graph:
    """The part of a graph about the given articles."""
    hidden = tuple(h for h in graph.hidden if ids & set(h.members))
    sources = ids | {h.id for h in hidden}
    return Graph(
        documents=tuple(d for d in graph.documents if d.id in ids),
        edges=tuple(e for e in graph.edges if e.derived in ids and e.source in sources),
        verdicts=tuple(v for v in graph.verdicts if v.a in ids and v.b in ids),
        hidden=hidden,
    )


def as_saved(graph: Graph) -> Graph:
    """``graph`` as ``Store.load_graph`` reads it back once saved into an empty store,
    without the round trip: its documents (and those only its alignments name) with
    sentences and fields in order, each edge and hidden source once, verdicts in the order
    the store keeps them, no alignments."""
    return Graph(
        documents=tuple(map(_as_loaded, _documents_of(graph).values())),
        edges=tuple({(e.source, e.derived): e for e in graph.edges}.values()),
        verdicts=tuple(sorted(graph.verdicts, key=lambda v: _pair(v.a, v.b))),
        hidden=tuple(sorted({h.id: h for h in graph.hidden}.values(), key=lambda h: h.id)),
    )


def _as_loaded(doc: Document) -> Document:
    sentences = tuple(sorted(doc.sentences, key=lambda s: s.index))
    fields = tuple(sorted(doc.fields, key=lambda f: f.start))
    if sentences == doc.sentences and fields == doc.fields:
        return doc
    return Document(doc.article, sentences, fields)


def _documents_of(graph: Graph) -> dict[str, Document]:
    """The graph's documents by id, plus any only its alignments mention."""
    documents = {d.id: d for d in graph.documents}
    for al in graph.alignments:
        documents.setdefault(al.a.id, al.a)
        documents.setdefault(al.b.id, al.b)
    return documents


def _check_run_info(info: dict[str, Any]) -> dict[str, Any]:
    unknown = set(info) - RUN_INFO_KEYS
    if unknown:
        raise StoreError(
            f"run_info has unknown keys {sorted(unknown)} "
            f"(use only {', '.join(sorted(RUN_INFO_KEYS))})"
        )
    return info


def _group(items: Iterable[T], key: Callable[[T], Any]) -> dict[Any, list[T]]:
    groups: dict[Any, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def _flat(keys: Iterable[Any], groups: dict[Any, list[T]]) -> Iterator[T]:
    """The members of the groups named by ``keys``, in that order."""
    return (item for key in keys for item in groups.get(key, ()))


def _rows_of(items: Iterable[T], rows: Callable[[T], Iterable[Row]]) -> Iterator[Row]:
    return (row for item in items for row in rows(item))


def _pair(a: str, b: str) -> Pair:
    return (a, b) if a <= b else (b, a)


def _either_order(pair: Pair) -> tuple[str, list[str]]:
    a, b = pair
    return "(a = ? and b = ?) or (a = ? and b = ?)", [a, b, b, a]


def _by_article(row: Row) -> str:
    return str(row["article_id"])


def _edge_key(row: Row) -> Pair:
    return (row["source"], row["derived"])


def _sorted_rows(rows: Iterable[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (r["a"], r["b"], r["a_idx"], r["b_idx"]))


def _locked(e: sqlite3.Error) -> bool:
    return "locked" in str(e) or "busy" in str(e)


def _fix(e: sqlite3.Error) -> str:
    if _locked(e):
        return "another trace is writing to it: wait for it to finish and try again"
    return "this is a bug in provenance: please report it with the command you ran"


def _patiently(
    step: Callable[[], None], tries: int = 5, pause: float = 1.0, quick: float = 0.5
) -> None:
    """Run ``step``, trying again when it met another process's lock without waiting for
    it: two runs that open a new database at once both set it up (WAL mode, the first
    tables), and SQLite can answer "locked" at once there instead of waiting out the busy
    timeout. A lock it did wait for (answered after ``quick`` seconds or more: held longer
    than the timeout) is reported at once."""
    for attempt in range(tries):
        started = time.monotonic()
        try:
            step()
            return
        except sqlite3.OperationalError as e:
            waited = time.monotonic() - started >= quick
            if not _locked(e) or waited or attempt == tries - 1:
                raise
            time.sleep(pause)


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # json.dumps builds one per call


def _json(value: Any) -> str:
    return _ENCODER.encode(value)


def _json_ints(values: Iterable[int]) -> str:
    """``_json(list(values))`` for integers, e.g. "[3, 4]", without the encoder's cost."""
    return "[" + ", ".join(map(str, values)) + "]"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
