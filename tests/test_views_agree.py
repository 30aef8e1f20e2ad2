"""Every view tells the stored truth: for any traced set, the direction, manner and extent
that ``find``, ``diff``, ``show``, ``export``, ``report`` and ``watch`` print for a pair are
the stored edge's, or "no derivation stored" where the graph keeps none.

The sets are drawn by hypothesis from the fixtures: one or two fixture folders, each with
some of its articles left out (a copy without its source, a source without one of its
copies), so the graph the views must agree with changes shape from example to example."""

from __future__ import annotations

import itertools
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from provenance.cli import cli
from provenance.model import Edge, Graph
from provenance.store import Store

FIXTURES = Path(__file__).parent.parent / "fixtures"
FOLDERS = (
    "chain",
    "common-source",
    "independent",
    "live-blog",
    "rewrite",
    "seeds",
    "updates",
    "wire-trimmed",
    "wire-unseen",
)


@st.composite
def traced_sets(draw: st.DrawFn) -> dict[str, list[str]]:
    """folder -> the names of the articles kept from it (two or more each)."""
    folders = draw(st.lists(st.sampled_from(FOLDERS), min_size=1, max_size=2, unique=True))
    chosen = {}
    for folder in folders:
        names = sorted(p.name for p in (FIXTURES / folder).glob("*.txt"))
        chosen[folder] = draw(
            st.lists(st.sampled_from(names), min_size=2, max_size=len(names), unique=True)
        )
    return chosen


def _copy(chosen: dict[str, list[str]], into: Path) -> Path:
    root = into / "set"
    for folder, names in chosen.items():
        (root / folder).mkdir(parents=True)
        for name in names:
            shutil.copy(FIXTURES / folder / name, root / folder / name)
        manifest = FIXTURES / folder / "manifest.csv"
        if manifest.is_file():
            lines = manifest.read_text(encoding="utf-8").splitlines()
            # keep the header and the rows of the files kept: no warning for the others
            kept = [lines[0], *(row for row in lines[1:] if row.split(",")[0] in names)]
            (root / folder / "manifest.csv").write_text("\n".join(kept) + "\n", "utf-8")
    return root


def _run(*args: str) -> Any:
    result = CliRunner().invoke(cli, [*args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def _json(*args: str) -> Any:
    return json.loads(_run(*args, "--json").stdout)


def _between(graph: Graph, a: str, b: str) -> Edge | None:
    return next((e for e in graph.edges if {e.source, e.derived} == {a, b}), None)


def _verdict(edge: Edge) -> tuple[str, str, str, str]:
    return (edge.source, edge.derived, edge.manner, edge.extent)


def _record_verdict(r: dict[str, Any]) -> tuple[str, str, str, str]:
    return (r["source"], r["derived"], r["manner"], r["extent"])


@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(chosen=traced_sets())
# the two sets the issue reproduced the contradictions on, whole
@example(chosen={"rewrite": ["advertiser.txt", "gnn.txt", "kna.txt"]})
@example(chosen={"seeds": ["000.txt", "001.txt", "002.txt", "003.txt", "004.txt"]})
def test_every_view_shows_the_stored_verdict(chosen: dict[str, list[str]], tmp_path: Path) -> None:
    work = Path(tempfile.mkdtemp(dir=tmp_path))  # hypothesis may replay an example
    folder = _copy(chosen, work)
    db = str(work / "t.db")
    _run("trace", str(folder), "--db", db, "--no-color")
    with Store(db) as store:
        graph = store.load_graph()
    docs = {d.id: d for d in graph.documents}
    stored = {_verdict(e) for e in graph.edges}

    # export: the edges, as stored
    exported = json.loads(_run("export", "--format", "json", "--db", db, "-o", "-").stdout)
    assert {_record_verdict(r) for r in exported["edges"]} == stored

    for node in docs:
        # show: every edge into and out of the article, as stored
        shown = _json("show", node, "--db", db)
        mine = {_verdict(e) for e in graph.edges if node in (e.source, e.derived)}
        around = shown["derived_from"] + shown["copied_by"]
        assert {_record_verdict(r) for r in around if node in (r["source"], r["derived"])} == mine

        # find, with the article's own file as the query: stored edges, or none stored
        path = docs[node].article.path
        assert path is not None
        found = _json("find", path, "--db", db)
        assert found["stored"] is True
        for match in found["matches"]:
            edge = _between(graph, node, match["id"])
            if edge is None:
                assert match["manner"] is None and match["extent"] is None
                assert match["direction"].startswith("no derivation stored")
            else:
                assert (match["manner"], match["extent"]) == (edge.manner, edge.extent)
                into = match["relation"] == "article->query"
                assert (edge.derived == node) == into

    # diff: every pair of articles, headed by the stored edge or by "no derivation stored"
    for a, b in itertools.combinations(sorted(docs), 2):
        said = _json("diff", a, b, "--db", db)["stored"]
        edge = _between(graph, a, b)
        assert said["graph_read"] is True
        if edge is None:
            assert said["edge"] is False
            assert said["says"].startswith("no derivation stored")
        else:
            assert said["edge"] is True
            name = {i: d.name for i, d in docs.items()}
            source, derived, manner, extent = _verdict(edge)
            assert _record_verdict(said) == (name[source], name[derived], manner, extent)

    # watch: a fresh look at the same folder reports each edge once, as its trace stored it
    watched = str(work / "w.db")
    out = _run("watch", str(folder), "--once", "--json", "--db", watched, "--quiet").stdout
    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    with Store(watched) as store:
        again = store.load_graph()
    reported = [(r["source"]["id"], r["derived"]["id"], r["manner"], r["extent"]) for r in lines]
    assert len(reported) == len(set(reported))  # each event once
    assert set(reported) == {_verdict(e) for e in again.edges}
