"""Unix and ecosystem conventions of the command line: "-" for stdout, Ctrl-C, NO_COLOR, one
exit code for a missing database, helpful lookups, and what `serve` and `--help` say."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from conftest import FIXTURES

from provenance import cli as cli_module
from provenance import render
from provenance.cli import cli
from provenance.store import INTERNAL_TABLES, TABLE_DESCRIPTIONS, datasette_metadata

SEEDS = FIXTURES / "seeds"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db_path = tmp_path_factory.mktemp("seeds") / "p.db"
    code, _, err = run("trace", str(SEEDS), "--db", str(db_path))
    assert code == 0, err
    return db_path


# --- "-" is stdout ----------------------------------------------------------------------------


def test_output_dash_prints_instead_of_writing_a_file_named_dash(
    seeds_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("export", "--db", str(seeds_db), "--format", "csv", "-o", "-")
    assert code == 0 and out.startswith("source") and "Wrote" not in err
    code, out, _ = run("report", "--db", str(seeds_db), "--html", "-")
    assert code == 0 and out.lstrip().startswith("<!DOCTYPE html>")
    code, out, _ = run("report", "--db", str(seeds_db), "--markdown", "-")
    assert code == 0 and out.startswith("#")
    assert not (tmp_path / "-").exists()
    code, _, err = run("report", "--db", str(seeds_db), "--html", "-", "--markdown", "-")
    assert code == 2 and "only one" in err


# --- Ctrl-C ------------------------------------------------------------------------------------


def _interrupt_myself() -> str:
    os.kill(os.getpid(), signal.SIGINT)
    return "carried on"


def test_ctrl_c_reaches_no_worker_process() -> None:
    """The terminal sends Ctrl-C to the workers too: those forked while a command runs leave
    stopping to the command, instead of each printing a traceback."""
    with (
        cli_module._interrupts(),
        ProcessPoolExecutor(1, mp_context=get_context("fork")) as pool,
    ):
        assert pool.submit(_interrupt_myself).result(timeout=60) == "carried on"


def test_ctrl_c_in_a_trace_says_what_was_kept_and_exits_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module, "trace_documents", interrupted)
    db_path = tmp_path / "p.db"
    code, out, err = run("trace", str(SEEDS), "--db", str(db_path))
    assert code == 130 and "Traceback" not in out + err
    assert "Stopped: nothing of this trace was saved" in err
    assert sqlite_utils.Database(db_path)["articles"].count == 0


# --- colour ------------------------------------------------------------------------------------

_COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-9]|9[0-7]|38;)[0-9;]*m")


def test_no_color_environment_variable_is_honoured(seeds_db: Path) -> None:
    args = ("diff", "002.txt", "000.txt", "--db", str(seeds_db), "--no-pager")
    _, coloured, _ = run(*args, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert _COLOUR.search(coloured)  # a terminal gets colour...
    _, plain, _ = run(*args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not _COLOUR.search(plain)  # ...unless NO_COLOR says otherwise


@pytest.mark.parametrize("command", ["find", "eval", "watch"])
def test_every_printing_command_takes_no_color(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0 and "--no-color" in out


# --- a missing database --------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["show", "000.txt"],
        ["diff", "000.txt", "002.txt"],
        ["find", str(SEEDS / "000.txt")],
        ["outlets"],
        ["export"],
        ["report", "--html", "r.html"],
        ["serve"],
    ],
)
def test_a_missing_database_is_exit_2_on_every_command(command: list[str], tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    code, _, err = run(*command, "--db", str(missing))
    assert code == 2, err
    assert f"{missing} does not exist" in err and "provenance trace" in err
    assert not missing.exists()


# --- outlets -----------------------------------------------------------------------------------


def test_outlets_leaves_out_an_outlets_own_updates(tmp_path: Path) -> None:
    db_path = str(tmp_path / "p.db")
    run("trace", str(FIXTURES / "updates"), "--db", db_path)  # three versions by one outlet
    assert len(list(sqlite_utils.Database(db_path)["edges"].rows)) == 2
    code, out, _ = run("outlets", "--db", db_path, "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run("outlets", "--db", db_path)
    assert "No reuse between outlets" in out and "updates within one outlet" in out
    assert "trace first" not in out


def test_outlets_after_a_trace_with_no_reuse_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("003.txt", "004.txt"):
        (folder / name).write_text((SEEDS / name).read_text())
    db_path = str(tmp_path / "p.db")
    run("trace", str(folder), "--db", db_path)
    code, out, _ = run("outlets", "--db", db_path)
    assert code == 0 and "no derivation among its 2 traced articles" in out.lower()
    assert "trace first" not in out


def test_outlets_counts_reuse_between_outlets_beside_an_update(tmp_path: Path) -> None:
    db_path = str(tmp_path / "p.db")
    run("trace", str(SEEDS), str(FIXTURES / "updates"), "--db", db_path)
    code, out, err = run("outlets", "--db", db_path, "--json")
    flows = json.loads(out)
    assert {(f["source_outlet"], f["derived_outlet"]) for f in flows} == {
        ("Anadolu Agency", "IANS"),
        ("Anadolu Agency", "MENAFN"),
    }


# --- naming articles ---------------------------------------------------------------------------


def test_a_name_without_its_extension_suggests_the_name(seeds_db: Path) -> None:
    code, _, err = run("show", "002", "--db", str(seeds_db))
    assert code == 1 and "did you mean `002.txt`?" in err


def test_a_short_id_prefix_says_the_least_length(seeds_db: Path) -> None:
    ids = [r["id"] for r in sqlite_utils.Database(seeds_db)["articles"].rows]
    code, _, err = run("show", ids[0][:4], "--db", str(seeds_db))
    assert code == 1 and "at least 6 characters" in err


# --- serve, help -------------------------------------------------------------------------------


def test_serve_hides_the_internal_tables(seeds_db: Path) -> None:
    tables = datasette_metadata("p")["databases"]["p"]["tables"]
    hidden = {name for name, meta in tables.items() if meta.get("hidden")}
    assert hidden == set(INTERNAL_TABLES)
    conn = sqlite3.connect(seeds_db)
    listed = {
        row[0]
        for row in conn.execute("select name from sqlite_master where type in ('table', 'view')")
    }
    conn.close()
    assert listed & set(INTERNAL_TABLES)  # the database has them...
    shown = listed - hidden
    assert shown <= set(TABLE_DESCRIPTIONS)  # ...but a reader sees described tables only
    assert {"articles", "edges", "uncredited_reuse"} <= shown and "runs" not in shown


def test_diff_help_says_the_width_the_view_stacks_below() -> None:
    _, out, _ = run("diff", "--help")
    stated = re.search(r"Below (\d+) columns", " ".join(out.split()))
    assert stated and int(stated.group(1)) == render._STACK_BELOW
