"""A trace killed with SIGKILL leaves a consistent database that the next run completes; two
runs at once on one database both end well. (More runs, with figures: bench/robustness.py.)"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))

from robustness import concurrent, kills  # noqa: E402


def test_killed_runs_leave_a_consistent_db_and_the_next_run_gives_the_clean_graph() -> None:
    result = kills(3, seed=7)
    assert result["corrupt_after_kill"] == 0
    assert result["resume_exit"] == 0 and result["graph_after_resume_equals_clean"] is True


def test_two_runs_at_once_end_well() -> None:
    result = concurrent(1)
    assert result == {"pairs": 1, "failed_runs": 0, "unclear_errors": 0, "wrong_db": 0}
