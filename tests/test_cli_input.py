"""The input side of the command line: web addresses, feeds, archives, --map, bad input."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from conftest import FIXTURES
from local_server import LocalServer, Reply
from test_ingest_input import bad_inputs

from provenance.cli import cli

SEEDS = FIXTURES / "seeds"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


def stored(db_path: Path) -> dict[str, dict[str, object]]:
    return {row["name"]: row for row in sqlite_utils.Database(db_path)["articles"].rows}


def test_trace_reads_web_addresses_beside_files(server: LocalServer, tmp_path: Path) -> None:
    wire = (SEEDS / "002.txt").read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{p}</p>" for p in wire.split("\n") if p.strip())
    html = (
        f"<html><head><title>Copy</title></head><body><article>{paragraphs}</article></body></html>"
    )
    url = server.route("/world/copy", Reply(html.encode()))
    db_path = tmp_path / "p.db"
    code, out, err = run("trace", str(SEEDS), url, "--db", str(db_path), "--json")
    assert code == 0, err
    articles = stored(db_path)
    assert articles[url]["url"] == url and articles[url]["path"] is None
    edges = json.loads(out)["edges"]
    ids = {a["id"]: a["name"] for a in json.loads(out)["articles"]}
    assert any(url in (ids[e["source"]], ids[e["derived"]]) for e in edges)


def test_unreachable_address_is_skipped_and_named(server: LocalServer, tmp_path: Path) -> None:
    missing = server.url("/gone")
    code, out, err = run("trace", str(SEEDS), missing, "--db", str(tmp_path / "p.db"), "--no-color")
    assert code == 1
    assert f"Skipped {missing}: the server answered 404 Not Found" in err
    assert "1 input(s) skipped; the rest was traced" in err
    assert "2 derivations" in out


def test_feeds_and_archives_are_traced(tmp_path: Path) -> None:
    db_path = tmp_path / "p.db"
    code, out, err = run(
        "trace", str(FIXTURES / "feeds"), str(FIXTURES / "warc"), "--db", str(db_path), "--json"
    )
    assert code == 0, err
    assert len(json.loads(out)["edges"]) == 2
    outlets = {row["outlet"] for row in stored(db_path).values()}
    assert {"Harbour Wire", "Coastal Courier", "Valley Herald", "Upland Times"} <= outlets


@pytest.mark.parametrize("command", ["trace", "add"])
def test_missing_path_stops_with_status_2(command: str, tmp_path: Path) -> None:
    code, out, err = run(command, str(tmp_path / "nope.txt"), "--db", str(tmp_path / "p.db"))
    assert code == 2 and "does not exist" in err and "Traceback" not in out + err


def test_map_reads_other_column_names(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    rows = ["guid,body,source_name,pub_date"]
    for name in ("000.txt", "001.txt", "002.txt"):
        text = (SEEDS / name).read_text(encoding="utf-8").replace('"', '""')
        rows.append(f'{name},"{text}",Outlet {name[:3]},2025-10-2{name[2]}')
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db_path = tmp_path / "p.db"
    code, _, err = run(
        "trace", str(export), "--db", str(db_path),
        "--map", "id=guid", "--map", "text=body", "--map", "outlet=source_name",
        "--map", "published=pub_date",
    )  # fmt: skip
    assert code == 0, err
    articles = stored(db_path)
    assert set(articles) == {"000.txt", "001.txt", "002.txt"}
    assert articles["002.txt"]["outlet"] == "Outlet 002"
    assert articles["002.txt"]["published"] == "2025-10-22"


def test_a_csv_text_column_under_another_name_is_one_error_line(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    rows = ["guid,headline,story"]
    for name in ("000.txt", "001.txt", "002.txt"):
        text = (SEEDS / name).read_text(encoding="utf-8").replace('"', '""')
        rows.append(f'{name},A headline,"{text}"')
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, _, err = run("trace", str(export), "--db", str(tmp_path / "p.db"))
    assert code == 1
    assert err.count("has no text column") == 1 and "(its columns: guid, headline, story)" in err
    assert "--map text=COLUMN" in err and len(err.strip().splitlines()) == 2  # said, then why


def test_a_csv_row_with_an_unquoted_comma_is_traced_with_a_warning(tmp_path: Path) -> None:
    export = tmp_path / "export.csv"
    text = (SEEDS / "002.txt").read_text(encoding="utf-8").replace('"', '""')
    export.write_text(f'id,text\nquoted,"{text}"\nbare,Moscow said, on Sunday, nothing.\n')
    db_path = tmp_path / "p.db"
    code, _, err = run("trace", str(export), "--db", str(db_path), "--no-color")
    assert code == 0, err
    assert "Warning: " in err and "row 2 (line " in err and "left out" in err
    assert set(stored(db_path)) == {"quoted", "bare"}


def test_map_applies_to_jsonl_on_stdin(tmp_path: Path) -> None:
    db_path = str(tmp_path / "p.db")
    run("trace", str(SEEDS), "--db", db_path)
    line = json.dumps({"guid": "late", "story": (SEEDS / "002.txt").read_text() + "\nMore."})
    code, out, err = run(
        "add", "--db", db_path, "--json", "--map", "id=guid", "--map", "text=story", input=line
    )
    assert code == 0, err
    assert json.loads(out)["added"] == 1


@pytest.mark.parametrize(
    ("pair", "message"),
    [
        ("headline=title", "cannot map headline: the fields a record can give are id, text,"),
        ("text", "'text' is not FIELD=COLUMN (for example text=body)"),
    ],
)
def test_bad_map_is_a_usage_error(pair: str, message: str, tmp_path: Path) -> None:
    code, _, err = run("trace", str(SEEDS), "--db", str(tmp_path / "p.db"), "--map", pair)
    assert code == 2
    assert "Invalid value for '--map'" in err and message in err
    assert not (tmp_path / "p.db").exists()


def test_bad_input_is_named_line_by_line_and_the_rest_traced(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    expected = bad_inputs(folder / "bad")
    code, out, err = run("trace", str(folder), "--db", str(tmp_path / "p.db"), "--no-color")
    assert code == 1
    skipped = [line for line in err.splitlines() if line.startswith("Skipped ")]
    assert len(skipped) == len(expected)
    for name, problem in expected.items():
        assert any(f"{name.rstrip('#')}: {problem}" in line for line in skipped), (name, skipped)
    assert f"{len(expected)} input(s) skipped; the rest was traced" in err
    assert "2 derivations" in out
    assert len(stored(tmp_path / "p.db")) == 6  # the five seeds and the one good record
