"""Kill-and-resume and concurrency figures for the database, written to
bench/results/robustness.md.

    python bench/robustness.py --kills 30 --pairs 5

Kill: ``provenance trace`` on the fixtures is started and killed with SIGKILL after a
random delay (0 to the length of a clean run), repeatedly on the same database; after each
kill the database is checked (``PRAGMA integrity_check``, foreign keys) and at the end one
more run must complete and give exactly the graph a clean run gives (edges, verdicts,
articles: nothing lost, nothing doubled). Concurrency: two ``provenance trace`` runs on one
database started at the same moment; both must end well (exit 0, or a clear error that
names the lock) and leave the clean graph.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
COMMAND = [sys.executable, "-m", "provenance", "trace", str(FIXTURES), "-q", "--workers", "1"]


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        return {
            table: sorted(conn.execute(f"select {cols} from {table}").fetchall(), key=repr)
            for table, cols in (
                ("articles", "id, name"),
                ("edges", "source, derived, manner, extent"),
                ("verdicts", "a, b, relation"),
            )
        }


def healthy(db: Path) -> bool:
    if not db.exists():
        return True  # killed before the file was made: nothing to corrupt
    with sqlite3.connect(db) as conn:
        ok = conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        return ok and not conn.execute("pragma foreign_key_check").fetchall()


def trace(db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COMMAND, "--db", str(db)], capture_output=True, text=True)


def kills(n: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        clean_db = Path(tmp) / "clean.db"
        start = time.perf_counter()
        assert trace(clean_db).returncode == 0
        clean_s = time.perf_counter() - start
        clean = snapshot(clean_db)
        db = Path(tmp) / "killed.db"
        corrupt = finished = 0
        for _ in range(n):
            proc = subprocess.Popen(
                [*COMMAND, "--db", str(db), "--force"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(rng.uniform(0, clean_s))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            else:
                finished += 1
            proc.wait()
            corrupt += not healthy(db)
        resumed = trace(db)
        same = resumed.returncode == 0 and snapshot(db) == clean
    return {
        "kills": n,
        "clean_run_s": round(clean_s, 2),
        "finished_before_kill": finished,
        "corrupt_after_kill": corrupt,
        "resume_exit": resumed.returncode,
        "graph_after_resume_equals_clean": same,
    }


def concurrent(n: int) -> dict[str, object]:
    bad_exits = unclear = lost = 0
    with tempfile.TemporaryDirectory() as tmp:
        clean_db = Path(tmp) / "clean.db"
        trace(clean_db)
        clean = snapshot(clean_db)
        for k in range(n):
            db = Path(tmp) / f"both{k}.db"
            procs = [
                subprocess.Popen(
                    [*COMMAND, "--db", str(db)],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for _ in range(2)
            ]
            for p in procs:
                _, err = p.communicate()
                if p.returncode != 0:
                    bad_exits += 1
                    unclear += "Traceback" in err or "lock" not in err.lower()
            lost += not (healthy(db) and snapshot(db) == clean)
    return {"pairs": n, "failed_runs": bad_exits, "unclear_errors": unclear, "wrong_db": lost}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    result = {"kill": kills(args.kills, args.seed), "concurrent": concurrent(args.pairs)}
    out = HERE / "results" / "robustness.md"
    k, c = result["kill"], result["concurrent"]
    out.write_text(
        "# Kills and concurrent runs\n\n"
        f"Regenerate with `python bench/robustness.py --kills {args.kills} --pairs {args.pairs}`."
        " `provenance trace` on `fixtures/` (all cases), one worker.\n\n"
        "| runs killed with SIGKILL | clean run s | finished before the kill | corrupt db after a"
        " kill | next run exit | graph after it = clean graph |\n|---|---|---|---|---|---|\n"
        f"| {k['kills']} | {k['clean_run_s']} | {k['finished_before_kill']} | "
        f"{k['corrupt_after_kill']} | {k['resume_exit']} | "
        f"{k['graph_after_resume_equals_clean']} |\n\n"
        "| pairs of runs at once on one db | runs that failed | failures without a clear "
        "message | dbs not equal to the clean graph |\n|---|---|---|---|\n"
        f"| {c['pairs']} | {c['failed_runs']} | {c['unclear_errors']} | {c['wrong_db']} |\n"
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
