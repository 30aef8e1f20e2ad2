"""What each named rule earns on real data, written to bench/results/rules.md.

    python bench/rules.py ../shared/data            # every rule (about half an hour)
    python bench/rules.py ../shared/data --only witnesses own-lede

Each rule of segment, direction and graph (``provenance rules`` lists them) is switched off
in turn and the engine measured without it on the real dev sets: news-dev (story families,
the reference scorer's figures), clough-dev (edge F1 per question, sibling edges, direction),
the seeds and this project's fixtures, and for segment rules the 40 html-pages. A rule earns
its place where the engine does worse without it on real data; one that earns nothing there
is a candidate for deletion. Segment rules need the texts segmented and aligned again; the
others reuse the alignments (the graph is the one ``provenance trace`` builds).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import html_pages
from lab import (
    QUESTIONS,
    Labelled,
    NewsDev,
    fixture_folders,
    known_arrows,
    known_family_arrows,
    question,
    write_json,
)

from provenance import rules
from provenance.evaluate import Report
from provenance.model import Graph

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


class Sets:
    """The dev sets, read and aligned under the rules switched off now."""

    def __init__(self, data: Path, workers: int) -> None:
        self.data = data
        self.news = NewsDev.read(data, workers=workers)
        self.clough = Labelled.read(data / "clough-dev", workers=workers)
        self.seeds = Labelled.read(data / "seeds", workers=workers)
        self.fixtures = [Labelled.read(f, workers=workers) for f in fixture_folders()]

    def measure(self) -> dict[str, Any]:
        news_graph = self.news.collection.graph()
        out: dict[str, Any] = {"news": _news(self.news, news_graph)}
        out["news"]["known_right"], out["news"]["known_wrong"] = known_family_arrows(
            news_graph, self.news.families
        )
        graph = self.clough.collection.graph()
        out["clough"] = {t: _pairs(self.clough.scores(graph, question(t))) for t in QUESTIONS}
        out["clough"]["all"] = _pairs(self.clough.scores(graph))
        out["clough"]["all"]["known"] = known_arrows(graph, self.clough.labels)
        seeds = self.seeds.collection.graph()
        out["seeds"] = _pairs(self.seeds.scores(seeds))
        out["seeds"]["known"] = known_arrows(seeds, self.seeds.labels)
        graphs = [f.collection.graph() for f in self.fixtures]
        fixtures = [f.scores(g) for f, g in zip(self.fixtures, graphs, strict=True)]
        known = [known_arrows(g, f.labels) for f, g in zip(self.fixtures, graphs, strict=True)]
        out["fixtures"] = {
            "false": sum(r.fp for r in fixtures),
            "missed": sum(r.fn for r in fixtures),
            "wrong_direction": sum(r.tp - r.direction_right for r in fixtures),
            "known": [sum(k[0] for k in known), sum(k[1] for k in known)],
        }
        return out


def _news(news: NewsDev, graph: Graph) -> dict[str, Any]:
    s = news.scores(graph)
    keep = (
        "f1",
        "fp",
        "fn",
        "direction_right",
        "direction_wrong",
        "direction_undecided",
        "edges_per_member",
        "wire_named",
        "uncredited_flagged",
    )
    return {k: s[k] for k in keep}


def _pairs(r: Report) -> dict[str, Any]:
    return {
        "f1": round(r.f1, 3),
        "false": r.fp,
        "missed": r.fn,
        "siblings": r.sibling_edges,
        "wrong_direction": r.tp - r.direction_right,
    }


def html_scores(data: Path) -> dict[str, int]:
    """Checks passed on html-pages (body, no boilerplate, title, author, date)."""
    passed = dict.fromkeys(html_pages.CHECKS, 0)
    for expected_path in sorted((data / "html-pages").glob("*.expected.json")):
        page = expected_path.with_name(expected_path.name.replace(".expected.json", ".html"))
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        for check, ok in html_pages.check(page, expected).items():
            passed[check] += bool(ok)
    return passed


def measure(data: Path, name: str | None, base: Sets, workers: int) -> dict[str, Any]:
    off = [name] if name else []
    with rules.without(off):
        stage = rules.RULES[name].stage if name else None
        sets = Sets(data, workers) if stage in ("segment", "align") else base
        out = sets.measure()
        if stage in (None, "segment"):
            out["html"] = html_scores(data)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder")
    parser.add_argument("--only", nargs="*", help="these rules only")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=RESULTS / "rules.md")
    args = parser.parse_args()
    listed = [r for r in rules.listed() if not args.only or r.name in args.only]
    start = time.perf_counter()
    base = Sets(args.data, args.workers)
    results: dict[str, Any] = {"all rules on": measure(args.data, None, base, args.workers)}
    for r in listed:
        print(f"without {r.name} ...", file=sys.stderr)
        results[r.name] = measure(args.data, r.name, base, args.workers)
    write_json(args.out.with_suffix(".json"), results)
    args.out.write_text(report(results, listed, time.perf_counter() - start), encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))
    return 0


def report(results: dict[str, Any], listed: list[rules.Rule], seconds: float) -> str:
    base = results["all rules on"]
    lines = [
        "# What each rule earns on real data",
        "",
        "Regenerate with `python bench/rules.py ../shared/data`. Each row is the engine with "
        "that one rule switched off; the first row has every rule on. news-dev: family F1, "
        "false and missed family pairs, known directions right/wrong/undecided, edges per "
        "member, wires named, uncredited copies flagged; known r/w: the known directions "
        "reached (or reversed) along edges that each say their direction is known (an arrow "
        "a journalist may quote). clough-dev: edge F1 of questions a, b, c, sibling edges, "
        "wrong arrows and right/wrong arrows said known over all three. seeds: F1 and "
        "right/wrong arrows said known. fixtures: false, missed and wrong-way edges over all "
        "of them, and right/wrong arrows said known. html: body, "
        "no boilerplate, title, author, date checks passed of 40 (segment rules only). "
        "**earns** says where the engine does worse without the rule (a rule earning "
        "nothing on real data is a candidate for deletion).",
        "",
        "| rule | stage | news F1 (fp/fn) | dir r/w/u | known r/w | e/m | wire | unc | "
        "clough a/b/c | sib | cl dir | cl known r/w | seeds (known r/w) | fixtures | html | "
        "earns |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        _row("all rules on", "", base, base),
    ]
    for r in listed:
        lines.append(_row(r.name, r.stage, results[r.name], base))
    lines += ["", f"Measured in {seconds:.0f} s.", ""]
    return "\n".join(lines)


def _row(name: str, stage: str, x: dict[str, Any], base: dict[str, Any]) -> str:
    n, c, s, f = x["news"], x["clough"], x["seeds"], x["fixtures"]
    html = "/".join(str(v) for v in x["html"].values()) if "html" in x else ""
    cells = [
        name,
        stage,
        f"{n['f1']:.3f} ({n['fp']}/{n['fn']})",
        f"{n['direction_right']}/{n['direction_wrong']}/{n['direction_undecided']}",
        f"{n['known_right']}/{n['known_wrong']}",
        f"{n['edges_per_member']:.2f}",
        n["wire_named"],
        n["uncredited_flagged"],
        "/".join(f"{c[t]['f1']:.2f}" for t in QUESTIONS),
        str(c["all"]["siblings"]),
        str(c["all"]["wrong_direction"]),
        "/".join(map(str, c["all"]["known"])),
        f"{s['f1']:.2f} ({'/'.join(map(str, s['known']))})",
        f"{f['false']}/{f['missed']}/{f['wrong_direction']} ({'/'.join(map(str, f['known']))})",
        html,
        "" if x is base else _earns(x, base),
    ]
    return "| " + " | ".join(cells) + " |"


def _earns(x: dict[str, Any], base: dict[str, Any]) -> str:
    """Where the engine does worse (or better) without the rule."""
    said = []
    worse = _diffs(x, base)
    for where, delta in worse:
        said.append(f"{where} {delta:+g}")
    return "; ".join(said) if said else "nothing"


def _diffs(x: dict[str, Any], base: dict[str, Any]) -> list[tuple[str, float]]:
    """(what, how much worse without the rule), positive = the rule helps."""
    out = []
    n, bn = x["news"], base["news"]
    checks = [
        ("news F1", bn["f1"] - n["f1"]),
        ("news dir right", bn["direction_right"] - n["direction_right"]),
        ("news dir wrong", n["direction_wrong"] - bn["direction_wrong"]),
        ("news known right", bn["known_right"] - n["known_right"]),
        ("news known wrong", n["known_wrong"] - bn["known_wrong"]),
        (
            "clough known right",
            base["clough"]["all"]["known"][0] - x["clough"]["all"]["known"][0],
        ),
        ("clough known wrong", x["clough"]["all"]["known"][1] - base["clough"]["all"]["known"][1]),
        ("seeds known right", base["seeds"]["known"][0] - x["seeds"]["known"][0]),
        ("seeds known wrong", x["seeds"]["known"][1] - base["seeds"]["known"][1]),
        ("fixtures known right", base["fixtures"]["known"][0] - x["fixtures"]["known"][0]),
        ("fixtures known wrong", x["fixtures"]["known"][1] - base["fixtures"]["known"][1]),
        ("news e/m", round(n["edges_per_member"] - bn["edges_per_member"], 2)),
        ("wire", _k(bn["wire_named"]) - _k(n["wire_named"])),
        ("uncredited", _k(bn["uncredited_flagged"]) - _k(n["uncredited_flagged"])),
        ("clough F1", round(base["clough"]["all"]["f1"] - x["clough"]["all"]["f1"], 3)),
        ("siblings", x["clough"]["all"]["siblings"] - base["clough"]["all"]["siblings"]),
        (
            "clough dir",
            x["clough"]["all"]["wrong_direction"] - base["clough"]["all"]["wrong_direction"],
        ),
        ("seeds F1", round(base["seeds"]["f1"] - x["seeds"]["f1"], 3)),
        ("fixture errors", _errors(x["fixtures"]) - _errors(base["fixtures"])),
    ]
    if "html" in x and "html" in base:
        checks.append(("html", sum(base["html"].values()) - sum(x["html"].values())))
    for what, delta in checks:
        if delta:
            out.append((what, round(delta, 3)))
    return out


def _errors(fixtures: dict[str, Any]) -> int:
    return int(fixtures["false"] + fixtures["missed"] + fixtures["wrong_direction"])


def _k(fraction: str) -> int:
    return int(fraction.split("/")[0])


if __name__ == "__main__":
    sys.exit(main())
