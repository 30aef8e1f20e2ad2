"""The command line through click's CliRunner, checked against the rows it leaves in SQLite."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from conftest import FIXTURES

from provenance import cli as cli_module
from provenance.cli import cli
from provenance.store import datasette_metadata

README = FIXTURES.parent / "README.md"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def table_dump(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    db = sqlite_utils.Database(db_path)
    names = [
        t
        for t in db.table_names()
        if t not in ("runs", "sqlite_sequence") and not t.startswith("sentences_fts")
    ]
    return {
        t: sorted(map(tuple, db.execute(f"select * from [{t}]").fetchall()), key=repr)
        for t in names
    }


def test_trace_seeds_saves_the_graph(tmp_path: Path) -> None:
    db_path = tmp_path / "p.db"
    code, out, _ = run("trace", str(FIXTURES / "seeds"), "--db", str(db_path), "--no-color")
    assert code == 0
    assert "2 derivations" in out and "Standalone" in out
    db = sqlite_utils.Database(db_path)
    assert db["articles"].count == 5
    names = {r["id"]: r["name"] for r in db["articles"].rows}
    edges = {(names[r["source"]], names[r["derived"]]) for r in db["edges"].rows}
    assert edges == {("002.txt", "001.txt"), ("002.txt", "000.txt")}
    assert db["evidence"].count > 0 and db["sentences"].count > 40


def test_trace_twice_adds_nothing(tmp_path: Path) -> None:
    db_path = tmp_path / "p.db"
    _, first_out, _ = run("trace", str(FIXTURES / "seeds"), "--db", str(db_path), "--no-color")
    first = table_dump(db_path)
    code, again, err = run("trace", str(FIXTURES / "seeds"), "--db", str(db_path), "--no-color")
    assert code == 0 and "Unchanged since the last trace" in err
    assert again == first_out  # the same view, from the stored graph, with no new work
    assert table_dump(db_path) == first
    assert sqlite_utils.Database(db_path)["runs"].count == 1
    run("trace", str(FIXTURES / "seeds"), "--db", str(db_path), "--force")
    assert table_dump(db_path) == first  # tracing again for real changes nothing either
    assert sqlite_utils.Database(db_path)["runs"].count == 2


def test_input_already_traced_is_shown_without_work(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(FIXTURES / "seeds", folder)
    db_path = str(tmp_path / "p.db")
    run("trace", str(folder), "--db", db_path)
    (folder / "004.txt").unlink()
    code, out, err = run("trace", str(folder), "--db", db_path, "--no-color")
    assert code == 0 and "Nothing new" in err and "4 articles" in out
    assert sqlite_utils.Database(db_path)["runs"].count == 1


def test_new_articles_are_added_aligning_only_their_pairs(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(FIXTURES / "seeds", folder)
    held_back = (folder / "000.txt").read_text()
    (folder / "000.txt").unlink()
    db_path = str(tmp_path / "p.db")
    run("trace", str(folder), "--db", db_path)
    db = sqlite_utils.Database(db_path)
    before = {(r["a"], r["b"]) for r in db["verdicts"].rows}
    (folder / "000.txt").write_text(held_back)
    code, out, err = run("trace", str(folder), "--db", db_path, "--json")
    assert code == 0 and "Added 1 new article" in err
    new_id = next(r["id"] for r in db["articles"].rows if r["name"] == "000.txt")
    after = {(r["a"], r["b"]) for r in db["verdicts"].rows}
    assert after > before and all(new_id in pair for pair in after - before)
    # the graph grown one article at a time is the graph traced at once
    scratch = str(tmp_path / "scratch.db")
    _, whole, _ = run("trace", str(FIXTURES / "seeds"), "--db", scratch, "--json")
    edges = {(e["source"], e["derived"], e["manner"]) for e in json.loads(out)["edges"]}
    assert edges == {(e["source"], e["derived"], e["manner"]) for e in json.loads(whole)["edges"]}


def test_trace_json_contract(tmp_path: Path) -> None:
    code, out, _ = run("trace", str(FIXTURES / "seeds"), "--db", str(tmp_path / "p.db"), "--json")
    assert code == 0
    data = json.loads(out)  # exactly one JSON object, nothing else on stdout
    assert set(data) >= {"articles", "edges", "hidden_sources"}
    ids = {a["id"] for a in data["articles"]}
    for a in data["articles"]:
        assert {"id", "name", "outlet", "title", "published", "credits"} <= set(a)
    assert len(data["edges"]) == 2
    for e in data["edges"]:
        assert e["source"] in ids and e["derived"] in ids
        assert e["extent"] in ("wholly", "partially")
        assert e["manner"] in ("verbatim", "edited", "rewritten")
        assert 0 <= e["confidence"] <= 1
        assert e["credited"] is False  # neither copy names Anadolu Agency
        assert e["evidence"] and all({"kind", "detail"} <= set(x) for x in e["evidence"])


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    code, out, err = run("trace", str(tmp_path / "nope"), "--db", str(tmp_path / "p.db"))
    assert code == 2
    assert "does not exist" in err and "Traceback" not in err + out


def test_unreadable_file_is_skipped_and_reported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(FIXTURES / "seeds", folder)
    (folder / "photo.txt").write_bytes(b"\x89PNG\x00\x00\x01binary")
    code, out, err = run("trace", str(folder), "--db", str(tmp_path / "p.db"), "--no-color")
    assert code == 1
    assert "photo.txt" in err and "skipped" in err
    assert "2 derivations" in out  # the rest was traced
    assert sqlite_utils.Database(tmp_path / "p.db")["articles"].count == 5


def test_no_articles_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run("trace", str(tmp_path / "empty"), "--db", str(tmp_path / "p.db"))
    assert code != 0 and "no articles found" in err


def test_eval_on_fixture_truth() -> None:
    code, out, _ = run("eval", str(FIXTURES / "seeds"), "--json")
    assert code == 0
    report = json.loads(out)
    assert report["precision"] == 1.0 and report["recall"] == 1.0
    assert report["direction_accuracy"] == 1.0 and report["sibling_edges"] == 0


def test_eval_prints_scores_then_the_tables_that_check_them() -> None:
    code, out, _ = run("eval", str(FIXTURES / "seeds"))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "10 labelled pairs"
    assert "F1 1.000   precision 1.000   recall 1.000" in out
    assert "2 right · 0 false · 0 missed · 0 between siblings" in out
    assert "Manner             1.000   2 of 2" in out
    # the confusion table: labelled down, said across; the seeds' edges are one edited
    # (000 from 002) and one rewritten (001 from 002)
    head = lines.index("  manner labelled (rows) and said (columns)")
    assert lines[head + 1].split() == ["edited", "rewritten"]
    assert lines[head + 2].split() == ["edited", "1", "0"]
    assert lines[head + 3].split() == ["rewritten", "0", "1"]
    assert "  0.7 - 0.9        2    100%" in lines


def test_eval_of_sentence_pairs_says_what_each_answer_got(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text(
        "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n"
        "1\t1\t2\tThe council approved the new budget on Monday night.\t"
        "The council approved the new budget on Monday night.\n"
        "0\t3\t4\tFarmers harvested a record wheat crop this year.\t"
        "The orchestra named a new conductor from Vienna.\n",
        encoding="utf-8",
    )
    code, out, _ = run("eval", "--sentences", str(pairs))
    assert code == 0
    assert out.splitlines()[0] == "2 sentence pairs"
    assert "Accuracy     1.000" in out
    assert "Said one     1: 1 right, 0 wrong" in out
    assert "Said two     1: 1 right, 0 wrong" in out


def test_eval_without_truth_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = run("eval", str(tmp_path))
    assert code == 1 and "truth.jsonl" in err


def test_every_command_is_documented_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert f"provenance {name}" in readme, f"README does not show `provenance {name}`"
        assert command.help and len(command.help) > 80, f"`{name} --help` teaches too little"


def test_readme_gives_the_two_setup_commands_on_its_first_screen() -> None:
    first_screen = "\n".join(README.read_text(encoding="utf-8").splitlines()[:40])
    commands = re.findall(r"<!-- ci:(\w+) -->\n```bash\n(.+)\n```", first_screen)
    assert [name for name, _ in commands] == ["example", "tests"]
    assert "provenance trace fixtures/" in commands[0][1]
    assert "pytest" in commands[1][1]


def test_outlets_counts_reuse_between_outlets(tmp_path: Path) -> None:
    db_path = str(tmp_path / "p.db")
    run("trace", str(FIXTURES / "seeds"), str(FIXTURES / "common-source"), "--db", db_path)
    code, out, _ = run("outlets", "--db", db_path, "--json")
    assert code == 0
    flows = {(f["source_outlet"], f["derived_outlet"]): f for f in json.loads(out)}
    assert flows[("Anadolu Agency", "IANS")]["manner"] == {"edited": 1}
    assert flows[("Anadolu Agency", "MENAFN")]["uncredited"] == 1
    unseen = [f for (src, _), f in flows.items() if src == "Meridian Press (unseen)"]
    assert len(unseen) == 2 and all(f["credited"] == 1 for f in unseen)
    code, out, _ = run("outlets", "--db", db_path, "--no-color")
    assert code == 0 and "Anadolu" in out and "MENAFN" in out and "not credited" in out


def test_outlets_without_a_database_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = run("outlets", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "does not exist" in err


# --- diff and show ---------------------------------------------------------------------------

SEEDS = FIXTURES / "seeds"


def test_diff_two_files_needs_no_database(tmp_path: Path) -> None:
    db_path = tmp_path / "none.db"
    code, out, err = run(
        "diff",
        str(SEEDS / "002.txt"),
        str(SEEDS / "000.txt"),
        "--db",
        str(db_path),
        "--no-color",
        "--width",
        "100",
    )
    assert code == 0, err
    assert not db_path.exists()  # reading two files creates no database
    assert "A  002.txt  Anadolu Agency" in out and "B  000.txt  IANS" in out
    flat = " ".join(out.split())
    # no stored graph: the heading says the verdict is the two texts' own reading
    assert (
        "These two texts read on their own (no traced database): "
        "000.txt looks derived from 002.txt · edited · partially" in flat
    )
    assert "only in A" in out and "only in B" in out and "canceled → cancelled" in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_diff_and_show_stored_articles(tmp_path: Path) -> None:
    db_path = str(tmp_path / "p.db")
    code, out, _ = run("trace", str(SEEDS), "--db", db_path, "--no-color")
    assert "provenance diff 002.txt" in out and "provenance show " in out  # Next: suggests them
    code, out, err = run("diff", "002.txt", "000.txt", "--db", db_path, "--no-color")
    assert code == 0, err
    assert "000.txt derived from 002.txt · edited · partially · 0.8" in out
    code, out, err = run("diff", "001.txt", "000.txt", "--db", db_path, "--no-color")
    assert code == 0 and "both come from 002.txt" in out  # siblings: the graph's view
    code, out, err = run("show", "000.txt", "--db", db_path, "--no-color")
    assert code == 0, err
    assert "IANS" in out and "Moscow, Oct 27" in out and "Xinhua" in out
    assert "Derived from" in out and "002.txt  Anadolu Agency" in out
    assert "edited · partially" in out and "not credited" in out
    # the command whole on one line, to paste, however long the database's path
    assert f"provenance diff 002.txt 000.txt --db {db_path}\n" in out


def test_diff_always_gets_the_stored_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever names the two (stored names, files whose text is stored, a file the trace
    never saw), the diff is made with the stored graph, so the view can say what the trace
    decided about the pair."""
    db_path = str(tmp_path / "p.db")
    run("trace", str(SEEDS), "--db", db_path)
    graphs: list[object] = []
    made = cli_module.Diff.of

    def spy(*args: object, graph: object = None) -> object:
        graphs.append(graph)
        return made(*args, graph=graph)  # type: ignore[arg-type]

    monkeypatch.setattr(cli_module.Diff, "of", spy)
    unseen = tmp_path / "unseen.txt"
    unseen.write_text((SEEDS / "001.txt").read_text().replace("Kremlin", "Moscow"))
    for a, b in (
        ("002.txt", "000.txt"),
        (str(SEEDS / "000.txt"), str(SEEDS / "001.txt")),
        (str(SEEDS / "002.txt"), str(unseen)),
    ):
        code, _, err = run("diff", a, b, "--db", db_path, "--json")
        assert code == 0, err
    assert len(graphs) == 3 and all(g is not None for g in graphs)


def test_diff_and_show_json(tmp_path: Path) -> None:
    db_path = str(tmp_path / "p.db")
    run("trace", str(SEEDS), "--db", db_path)
    code, out, _ = run("diff", "002.txt", "000.txt", "--db", db_path, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["verdict"]["relation"] == "a->b" and data["edge"]["manner"] == "edited"
    assert {r["kind"] for r in data["rows"]} >= {"only in A", "only in B", "edited"}
    code, out, _ = run("show", "002.txt", "--db", db_path, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["article"]["outlet"] == "Anadolu Agency" and data["derived_from"] == []
    assert {r["name"] for r in data["related"]} == {"000.txt", "001.txt"}
    assert len(data["copied_by"]) == 2


def test_show_unseen_source(tmp_path: Path) -> None:
    db_path = str(tmp_path / "p.db")
    run("trace", str(FIXTURES / "wire-unseen"), "--db", db_path)
    code, out, _ = run("show", "a.txt", "--db", db_path, "--no-color")
    assert code == 0 and "an unseen Harbour Wire Service story" in out and " credited" in out
    # another copy of the unseen story, the command whole on one line
    assert f"provenance diff b.txt a.txt --db {db_path}\n" in out


def test_unknown_article_is_a_clear_error(tmp_path: Path) -> None:
    db_path = str(tmp_path / "p.db")
    run("trace", str(SEEDS), "--db", db_path)
    for command in (["diff", "002.txt", "nope.txt"], ["show", "nope.txt"]):
        code, out, err = run(*command, "--db", db_path)
        assert code == 1, command
        assert "no article 'nope.txt'" in err and "provenance trace" in err
        assert "Traceback" not in out + err
    code, _, err = run("show", "000.txt", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "does not exist" in err and "provenance trace" in err
    code, _, err = run("diff", "002.txt", "000.txt", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "'002.txt' is not a file" in err and "does not exist" in err


def test_ambiguous_article_lists_the_candidates(tmp_path: Path) -> None:
    db_path = str(tmp_path / "p.db")
    run("trace", str(FIXTURES / "chain"), str(FIXTURES / "wire-unseen"), "--db", db_path)
    code, _, err = run("show", "a.txt", "--db", db_path)
    assert code == 1 and "matches 2 articles" in err and "a.txt (" in err


# --- export, report, serve -------------------------------------------------------------------


@pytest.fixture(scope="module")
def traced_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database traced from the seeds and common-source (an unseen Meridian Press story)."""
    db_path = tmp_path_factory.mktemp("traced") / "provenance.db"
    code, _, err = run("trace", str(SEEDS), str(FIXTURES / "common-source"), "--db", str(db_path))
    assert code == 0, err
    return db_path


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_export_every_format(traced_db: Path, tmp_path: Path) -> None:
    code, out, _ = run("export", "--db", str(traced_db), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4 and {r["derived_name"] for r in rows} >= {"000.txt", "001.txt"}
    code, out, _ = run("export", "--db", str(traced_db))
    assert code == 0 and len(json.loads(out)["edges"]) == 4  # json is the default
    code, out, _ = run("export", "--db", str(traced_db), "--format", "dot")
    assert code == 0 and out.startswith("digraph") and out.count(" -> ") == 4
    target = tmp_path / "graph.graphml"
    code, out, err = run("export", "--db", str(traced_db), "--format", "graphml", "-o", str(target))
    assert code == 0 and out == "" and f"Wrote {target}" in err
    assert files_in(tmp_path) == {"graph.graphml"}  # nothing written beside it
    root = ET.parse(target).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall("g:graph/g:node", ns)) == 8
    assert len(root.findall("g:graph/g:edge", ns)) == 4


def test_export_errors_are_clear(traced_db: Path, tmp_path: Path) -> None:
    code, _, err = run("export", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "does not exist" in err
    assert not (tmp_path / "none.db").exists()
    code, _, err = run("export", "--db", str(traced_db), "-o", str(tmp_path / "no" / "x.csv"))
    assert code == 1 and "cannot write it" in err and "Traceback" not in err
    code, _, err = run("export", "--db", str(traced_db), "--format", "pdf")
    assert code == 2 and "'pdf' is not one of" in err


def test_report_writes_html_and_markdown(traced_db: Path, tmp_path: Path) -> None:
    html, md = tmp_path / "report.html", tmp_path / "report.md"
    code, out, err = run(
        "report", "--db", str(traced_db), "--html", str(html), "--markdown", str(md)
    )
    assert code == 0, err
    assert files_in(tmp_path) == {"report.html", "report.md"}
    page = html.read_text(encoding="utf-8")
    assert "<svg" in page and page.count('<table class="diff">') == 3 and "<script" not in page
    # the title names the story; the database is named by its file's name, not its folder
    assert "<title>Provenance: Kremlin Says Putin-Trump Meeting Process Complex" in page
    assert "from provenance.db" in page
    assert str(traced_db.parent) not in page
    text = md.read_text(encoding="utf-8")
    assert "1. **" in text and "4. **" in text and "## Uncredited reuse by outlet" in text


def test_report_needs_somewhere_to_write(traced_db: Path) -> None:
    code, _, err = run("report", "--db", str(traced_db))
    assert code == 2 and "--html FILE" in err and "--markdown FILE" in err


def test_datasette_views_answer_at_once(traced_db: Path) -> None:
    db = sqlite_utils.Database(traced_db)
    assert {"uncredited_reuse", "outlet_flows", "edges_view"} <= set(db.view_names())
    uncredited = list(db.query("select * from uncredited_reuse"))
    assert {r["derived_name"] for r in uncredited} == {"000.txt", "001.txt"}
    assert {r["source_outlet"] for r in uncredited} == {"Anadolu Agency"}
    assert any(
        r["credit_audit"] == "000.txt credits Xinhua, not Anadolu Agency" for r in uncredited
    )
    code, out, _ = run("outlets", "--db", str(traced_db), "--json")
    expected = {
        (f["source_outlet"], f["derived_outlet"]): (f["edges"], f["credited"], f["uncredited"])
        for f in json.loads(out)
    }
    flows = {
        (r["source_outlet"], r["derived_outlet"]): (r["edges"], r["credited"], r["uncredited"])
        for r in db.query("select * from outlet_flows")
    }
    assert flows == expected  # the view counts as `provenance outlets` does


def test_canned_queries_run(traced_db: Path) -> None:
    conn = sqlite3.connect(traced_db)
    conn.create_function("escape_fts", 1, lambda q: " ".join(f'"{w}"' for w in q.split()))
    queries = datasette_metadata("provenance")["databases"]["provenance"]["queries"]
    assert set(queries) == {"uncredited-reuse", "who-copies-whom", "search-sentences"}
    assert len(conn.execute(queries["uncredited-reuse"]["sql"]).fetchall()) == 2
    assert len(conn.execute(queries["who-copies-whom"]["sql"]).fetchall()) == 4
    found = conn.execute(queries["search-sentences"]["sql"], {"q": "Budapest summit"}).fetchall()
    assert found and all("Budapest" in row[3] for row in found)


def test_serve_without_datasette_says_how_to_install(
    traced_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_module, "_datasette_installed", lambda: False)
    code, _, err = run("serve", "--db", str(traced_db))
    assert code == 1 and "pip install 'provenance[datasette]'" in err


def test_serve_starts_datasette_on_localhost(
    traced_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    launched: list[tuple[list[str], dict[str, object]]] = []

    def fake_run(command: list[str]) -> int:
        metadata = Path(command[command.index("--metadata") + 1])
        launched.append((command, json.loads(metadata.read_text())))
        return 0

    monkeypatch.setattr(cli_module, "_datasette_installed", lambda: True)
    monkeypatch.setattr(cli_module, "_run_datasette", fake_run)
    code, _, err = run("serve", "--db", str(traced_db))
    assert code == 0 and "http://127.0.0.1:8001/" in err
    ((command, metadata),) = launched
    assert command[1:4] == ["-m", "datasette", "serve"] and str(traced_db) in command
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert command[command.index("--port") + 1] == "8001"
    database = metadata["databases"]["provenance"]  # type: ignore[index]
    assert "uncredited_reuse" in database["tables"] and "search-sentences" in database["queries"]
    assert ":q" in database["queries"]["search-sentences"]["sql"]
    assert not Path(command[command.index("--metadata") + 1]).exists()  # cleaned up after


def test_serve_elsewhere_warns(traced_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_module, "_datasette_installed", lambda: True)
    monkeypatch.setattr(cli_module, "_run_datasette", lambda command: 0)
    code, _, err = run("serve", "--db", str(traced_db), "--host", "0.0.0.0", "--port", "9000")
    assert code == 0 and "Warning: --host 0.0.0.0 lets other computers read" in err


def test_add_reads_jsonl_from_stdin_and_reports_what_it_brought(tmp_path: Path) -> None:
    db_path = str(tmp_path / "p.db")
    run("trace", str(FIXTURES / "seeds"), "--db", db_path)
    wire = (FIXTURES / "seeds" / "002.txt").read_text()
    lines = [
        json.dumps({"id": "late-copy", "outlet": "Copycat Daily", "text": wire + "\nMore soon."}),
        "this line is not JSON",
        json.dumps({"id": "no-text"}),
    ]
    result = CliRunner().invoke(
        cli, ["add", "--db", db_path, "--json"], input="\n".join(lines) + "\n"
    )
    assert result.exit_code == 1  # two bad lines skipped, named, the rest added
    assert "line 2 is not valid JSON" in result.stderr and "no-text" in result.stderr
    data = json.loads(result.stdout)
    assert data["added"] == 1
    names = {a["name"] for a in data["articles"]}
    assert "late-copy" in names and "002.txt" in names
    late = next(a["id"] for a in data["articles"] if a["name"] == "late-copy")
    assert any(late in (e["source"], e["derived"]) for e in data["edges"])
    again = CliRunner().invoke(cli, ["add", "--db", db_path], input=lines[0] + "\n")
    assert again.exit_code == 0 and "Added 0 new article(s)" in again.stderr
    assert "1 already held" in again.stderr


def test_find_looks_up_a_text_in_the_archive(tmp_path: Path) -> None:
    db_path = str(tmp_path / "p.db")
    run("trace", str(FIXTURES / "seeds"), str(FIXTURES / "chain"), "--db", db_path)
    text = (FIXTURES / "seeds" / "002.txt").read_text().replace("Kremlin", "Moscow")
    result = CliRunner().invoke(cli, ["find", "--db", db_path, "--json"], input=text)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    names = [m["article"]["name"] for m in data["matches"]]
    assert set(names) == {"002.txt", "001.txt", "000.txt"}  # not 003/004, not the chain
    assert data["matches"][0]["shared"] >= data["matches"][-1]["shared"]
    for m in data["matches"]:
        assert m["shared_sentences"] and m["direction"] and 0 <= m["confidence"] <= 1
    plain = CliRunner().invoke(cli, ["find", "--db", db_path], input=text)
    assert "3 stored articles share text" in plain.stderr and "001.txt" in plain.stdout
    missing = CliRunner().invoke(cli, ["find", str(tmp_path / "nope.txt"), "--db", db_path])
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


def test_watch_reports_the_uncredited_copy_planted_in_a_local_feed(tmp_path: Path) -> None:
    from local_server import LocalServer, Reply

    feeds = FIXTURES / "feeds"
    rss = "application/rss+xml"
    db_path = str(tmp_path / "p.db")
    with LocalServer() as server:
        wire = server.route("/wire.rss", Reply((feeds / "wire.rss").read_bytes(), content_type=rss))
        code, out, err = run("watch", wire, "--db", db_path, "--once")
        assert code == 0 and out == ""  # the wire alone: nothing reused yet
        atom = (feeds / "coastal-courier.atom").read_bytes()
        paper = server.route("/paper.atom", Reply(atom, content_type="application/atom+xml"))
        code, out, err = run(
            "watch", wire, paper, "--db", db_path, "--once", "--outlet", "Harbour Wire"
        )
    assert code == 0
    assert "NOT credited" in out and "islanders-winter-without-ferry" in out
    assert out.count("took from") == 1  # one derivation, reported once
    assert sqlite_utils.Database(db_path)["articles"].count == 4  # 2 wire items, 2 paper entries
    assert out.startswith("Coastal Courier: Islanders")  # web pages by outlet and headline
    (suggested,) = [line.strip() for line in out.splitlines() if "provenance diff" in line]
    assert run(*suggested.split()[1:])[0] == 0  # the command to run next runs as printed


def test_the_same_text_under_two_names_is_one_article_with_two_names(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(FIXTURES / "seeds", folder)
    shutil.copy(folder / "002.txt", folder / "002-again.txt")
    db_path = str(tmp_path / "p.db")
    code, out, _ = run("trace", str(folder), "--db", db_path, "--json")
    assert code == 0
    articles = json.loads(out)["articles"]
    assert len(articles) == 5
    wire = next(
        a for a in articles if a["name"] == "002-again.txt" or "002-again.txt" in a["aliases"]
    )
    assert {wire["name"], *wire["aliases"]} == {"002.txt", "002-again.txt"}
    rows = list(sqlite_utils.Database(db_path)["articles"].rows_where("id = ?", [wire["id"]]))
    assert json.loads(rows[0]["aliases"]) == wire["aliases"]


def test_all_prints_the_same_small_trace(tmp_path: Path) -> None:
    db_path = str(tmp_path / "p.db")
    code, shown, _ = run("trace", str(FIXTURES / "seeds"), "--db", db_path, "--no-color")
    assert code == 0
    code, every, _ = run("trace", str(FIXTURES / "seeds"), "--db", db_path, "--no-color", "--all")
    assert code == 0 and every == shown and "smaller story" not in every


def test_eval_over_no_edges_claims_no_score(tmp_path: Path) -> None:
    code, out, _ = run("eval", str(FIXTURES / "independent"))
    assert code == 0
    assert "F1 n/a   precision n/a   recall n/a" in out
    assert "0 right · 0 false · 0 missed" in out
    empty = tmp_path / "pairs.tsv"
    empty.write_text("Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n", encoding="utf-8")
    code, out, _ = run("eval", "--sentences", str(empty))
    assert (code, out.strip()) == (0, "0 sentence pairs: nothing to score")


def test_eval_lists_a_wrong_manner_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    code, out, _ = run("eval", str(FIXTURES / "chain"))
    assert code == 0
    assert "manner verbatim for b.txt -> c.txt, truth edited" in out
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text((FIXTURES / "chain" / name).read_text(encoding="utf-8"))
    (tmp_path / "truth.jsonl").write_text(
        '{"a": "a.txt", "b": "b.txt", "relation": "a->b", "manner": "paraphrase"}\n'
    )
    code, _, err = run("eval", str(tmp_path))
    assert code == 1
    assert '"manner" is "paraphrase": it must be one of "verbatim", "edited", "rewritten"' in err
