"""The real CLI in a real terminal (tmux), at 80 and 160 columns, as a person would run it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import FIXTURES

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def screen(command: str, width: int, tmp_path: Path, tag: str) -> list[str]:
    """Run ``command`` in a detached tmux window of ``width`` columns; return its screen."""
    session = f"prov-{uuid.uuid4().hex[:8]}"
    done = tmp_path / f"done-{tag}-{width}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", str(width), "-y", "200"], check=True
    )
    try:
        subprocess.run(
            ["tmux", "send-keys", "-t", session, f"{command}; touch {done}", "Enter"], check=True
        )
        deadline = time.monotonic() + 60
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        out = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", session, "-S", "-200"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    return out.splitlines()


def cli(args: str) -> str:
    return f"{sys.executable} -m provenance {args}"


@pytest.mark.parametrize("width", [80, 160])
def test_trace_and_diff_fit_the_terminal(width: int, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    seeds = FIXTURES / "seeds"
    lines = screen(cli(f"trace {seeds} --db {db} --no-color"), width, tmp_path, "trace")
    assert any("2 derivations" in line for line in lines)
    assert any("002.txt" in line and "source" in line for line in lines)
    assert any("credits Xinhua, not Anadolu Agency" in line for line in lines)
    assert all(len(line) <= width for line in lines)
    command = cli(f"diff 002.txt 000.txt --db {db} --no-color --no-pager")
    lines = screen(command, width, tmp_path, "diff")
    assert any("spelling" in line and "cancelled" in line for line in lines)
    assert any("only in A" in line for line in lines)
    assert all(len(line) <= width for line in lines)
