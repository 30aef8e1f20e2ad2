"""The command line through click's CliRunner, checked against the rows it leaves in SQLite."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import sqlite_utils
from click.testing import CliRunner
from conftest import FIXTURES

from provenance.cli import cli

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


def test_changed_input_is_traced_again(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(FIXTURES / "seeds", folder)
    db_path = str(tmp_path / "p.db")
    run("trace", str(folder), "--db", db_path)
    (folder / "004.txt").unlink()
    code, out, err = run("trace", str(folder), "--db", db_path, "--no-color")
    assert code == 0 and "Unchanged" not in err and "4 articles" in out


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
    assert "000.txt derived from 002.txt · edited · partially" in out
    assert "only in A" in out and "only in B" in out and "canceled → cancelled" in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_diff_and_show_stored_articles(tmp_path: Path) -> None:
    db_path = str(tmp_path / "p.db")
    code, out, _ = run("trace", str(SEEDS), "--db", db_path, "--no-color")
    assert "provenance diff 002.txt" in out and "provenance show " in out  # Next: suggests them
    code, out, err = run("diff", "002.txt", "000.txt", "--db", db_path, "--no-color")
    assert code == 0, err
    assert "000.txt derived from 002.txt · edited · partially · 0.9" in out
    code, out, err = run("diff", "001.txt", "000.txt", "--db", db_path, "--no-color")
    assert code == 0 and "both come from 002.txt" in out  # siblings: the graph's view
    code, out, err = run("show", "000.txt", "--db", db_path, "--no-color")
    assert code == 0, err
    assert "IANS" in out and "Moscow, Oct 27" in out and "Xinhua" in out
    assert "Derived from" in out and "002.txt  Anadolu Agency" in out
    assert "edited · partially" in out and "not credited" in out
    assert "Next: provenance diff 002.txt 000.txt" in out


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
    assert "Next: provenance diff b.txt a.txt" in out  # another copy of the unseen story


def test_unknown_article_is_a_clear_error(tmp_path: Path) -> None:
    db_path = str(tmp_path / "p.db")
    run("trace", str(SEEDS), "--db", db_path)
    for command in (["diff", "002.txt", "nope.txt"], ["show", "nope.txt"]):
        code, out, err = run(*command, "--db", db_path)
        assert code == 1, command
        assert "no article 'nope.txt'" in err and "provenance trace" in err
        assert "Traceback" not in out + err
    code, _, err = run("show", "000.txt", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "no such database" in err and "provenance trace" in err
    code, _, err = run("diff", "002.txt", "000.txt", "--db", str(tmp_path / "none.db"))
    assert code == 1 and "'002.txt' is not a file" in err


def test_ambiguous_article_lists_the_candidates(tmp_path: Path) -> None:
    db_path = str(tmp_path / "p.db")
    run("trace", str(FIXTURES / "chain"), str(FIXTURES / "wire-unseen"), "--db", db_path)
    code, _, err = run("show", "a.txt", "--db", db_path)
    assert code == 1 and "matches 2 articles" in err and "a.txt (" in err
