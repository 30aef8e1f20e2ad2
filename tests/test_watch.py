"""`provenance watch`: each new derivation reported once, with what a person needs to act on
it; a look that finds nothing says so; a mistyped source is an error; Ctrl-C stops cleanly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from conftest import FIXTURES

from provenance import cli as cli_module
from provenance.cli import cli

SEEDS = FIXTURES / "seeds"

WIRE = """Harbour council approves new ferry terminal

PORT AVELIN (Harbour Wire) - The harbour council on Monday approved a new ferry terminal for \
the island routes, ending a dispute that had lasted four years.

The council voted 7 to 2 in favour of the plan at its 47th session, council spokeswoman Maria \
Lindqvist said.

The terminal will cost 38 million euros and is due to open in the spring of 2027, according \
to the plan.

Opponents had argued that the site on the north quay would crowd out the fishing fleet and the \
boatyards there.

"This is a good day for the islands," Lindqvist told reporters after the vote.
"""


def copy_of_wire() -> str:
    """The wire story taken without credit, with a number and a name changed."""
    body = WIRE.split("\n", 2)[2].replace("PORT AVELIN (Harbour Wire) - ", "")
    body = body.replace("47th", "46th").replace("Lindqvist", "Lindquist")
    return "Council backs ferry terminal\n\n" + body


MANIFEST = (
    "path,outlet,url,published\n"
    "wire.txt,Harbour Wire,https://harbourwire.example/terminal,2025-11-03T09:00:00+00:00\n"
    "copy.txt,Coastal Courier,https://coastalcourier.example/terminal,2025-11-03T15:00:00+00:00\n"
)


def watch(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["watch", *args, "--once"])
    return result.exit_code, result.stdout, result.stderr


def test_each_derivation_is_reported_once_across_looks_and_restarts(tmp_path: Path) -> None:
    folder, db_path = tmp_path / "incoming", str(tmp_path / "w.db")
    folder.mkdir()
    shutil.copy(SEEDS / "002.txt", folder)
    code, out, err = watch(str(folder), "--db", db_path)
    assert code == 0 and out == "" and "no new reuse" in err
    shutil.copy(SEEDS / "001.txt", folder)
    code, out, err = watch(str(folder), "--db", db_path)
    assert out.count("took from") == 1 and out.startswith("001.txt") and "1 new derivation" in err
    shutil.copy(SEEDS / "000.txt", folder)
    code, out, err = watch(str(folder), "--db", db_path)  # the copy of 001 is not told again
    assert out.count("took from") == 1 and out.startswith("000.txt"), out
    code, out, err = watch(str(folder), "--db", db_path)
    assert code == 0 and out == "" and "nothing new" in err
    code, out, err = watch(str(folder), "--db", db_path, "--quiet")
    assert code == 0 and out == "" and err == ""  # --quiet: only the derivations


def test_a_mistyped_source_is_an_error(tmp_path: Path) -> None:
    code, out, err = watch(str(tmp_path / "incomming"), "--db", str(tmp_path / "w.db"))
    assert code == 2 and "does not exist" in err and out == ""


def test_json_lines_carry_what_a_person_needs_to_act(tmp_path: Path) -> None:
    folder, db_path = tmp_path / "incoming", str(tmp_path / "w.db")
    folder.mkdir()
    (folder / "manifest.csv").write_text(MANIFEST)
    (folder / "wire.txt").write_text(WIRE)
    watch(str(folder), "--db", db_path, "--json")
    (folder / "copy.txt").write_text(copy_of_wire())
    code, out, _ = watch(str(folder), "--db", db_path, "--json")
    assert code == 0
    (line,) = out.splitlines()
    event = json.loads(line)
    source, derived = event["source"], event["derived"]
    assert (source["label"], source["outlet"], derived["label"], derived["outlet"]) == (
        "wire.txt",
        "Harbour Wire",
        "copy.txt",
        "Coastal Courier",
    )
    assert source["title"] == "Harbour council approves new ferry terminal"
    assert derived["url"] == "https://coastalcourier.example/terminal"
    db = sqlite_utils.Database(db_path)
    (edge,) = db["edges"].rows
    assert (event["manner"], event["extent"], event["confidence"]) == (
        edge["manner"],
        edge["extent"],
        edge["confidence"],
    )  # the stored verdict, not another reading
    assert event["credited"] is False and event["credit"]
    assert "47th" in event["facts"] and "Lindquist" in event["facts"]
    assert event["direction"] == "copy.txt was derived from wire.txt"
    assert event["diff"] == f"provenance diff wire.txt copy.txt --db {db_path}"
    assert CliRunner().invoke(cli, event["diff"].split()[1:]).exit_code == 0  # it runs as given


def test_the_text_line_names_both_ends_and_the_changed_facts(tmp_path: Path) -> None:
    folder, db_path = tmp_path / "incoming", str(tmp_path / "w.db")
    folder.mkdir()
    (folder / "manifest.csv").write_text(MANIFEST)
    (folder / "wire.txt").write_text(WIRE)
    (folder / "copy.txt").write_text(copy_of_wire())
    code, out, _ = watch(str(folder), "--db", db_path, "--no-color")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "copy.txt (Coastal Courier)"
    assert lines[1] == "    took from wire.txt (Harbour Wire)"
    assert "NOT credited" in lines[2]
    assert lines[3].startswith("    changed facts: “47th” became “46th”")
    assert "https://harbourwire.example/terminal" in out


def test_ctrl_c_stops_with_exit_130_and_says_what_was_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module.time, "sleep", interrupted)
    folder = tmp_path / "incoming"
    folder.mkdir()
    shutil.copy(SEEDS / "002.txt", folder)
    result = CliRunner().invoke(cli, ["watch", str(folder), "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 130
    assert "Stopped: 1 new article added" in result.stderr and "saved" in result.stderr
