"""The HTML report at three sizes: page size, build time and what it holds, with screenshots.

    python bench/report_scale.py                       # about 20, 200 and 2,000 derivations
    python bench/report_scale.py --derivations 20 200 --shots /tmp/report_scale

For each size: generate a synthetic corpus (bench/generate.py, seed 1) big enough for about
that many derivations, name its articles as web pages (a URL each, so the report must label
them by outlet and headline and keep the URL as a link), trace it, then time
``TraceReport.of`` (grouping, and re-aligning the pairs it shows side by side) and
``html_report`` / ``markdown_report``. The pages and Chromium screenshots of them (the top
of the page, and the page further down) go to ``--shots``; the figures to
bench/results/report_scale.md. Nothing is asserted: tests/test_report.py holds the bounds.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from provenance.model import Article  # noqa: E402
from provenance.pipeline import trace  # noqa: E402
from provenance.report import (  # noqa: E402
    DIFFS_SHOWN,
    FULL_DERIVATIONS,
    TraceReport,
    html_report,
    markdown_report,
)

EDGES_PER_ARTICLE = 0.72  # what generate.py's corpora give (bench/results/speed.md)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]


def slug(text: str, most: int = 48) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:most].rstrip("-")


def as_web_page(article: Article, n: int) -> Article:
    """The article as if read from the web: named by its URL."""
    day = (article.published or "2025-01-01")[:10].replace("-", "/")
    host = slug(article.outlet or "news")
    url = f"https://www.{host}.example/{day}/{slug(article.title or '')}-{n}"
    return replace(article, name=url, url=url)


def screenshot(page: Path, png: Path, height: int) -> bool:
    chromium = shutil.which("chromium")
    if chromium is None:
        return False
    profile = png.parent / "chromium-profile"
    command = [
        chromium,
        *CHROMIUM_FLAGS,
        f"--user-data-dir={profile}",
        f"--screenshot={png}",
        f"--window-size=1280,{height}",
        page.as_uri(),
    ]
    subprocess.run(command, capture_output=True, timeout=180, check=False)
    return png.is_file()


def measure(derivations: int, shots: Path, seed: int) -> dict[str, object]:
    corpus = generate(round(derivations / EDGES_PER_ARTICLE), seed=seed)
    articles = [as_web_page(a, n) for n, a in enumerate(corpus.articles)]
    start = time.perf_counter()
    graph = trace(articles)
    traced = time.perf_counter() - start
    start = time.perf_counter()
    report = TraceReport.of(graph, database="bench.db", generated="(bench)")
    gathered = time.perf_counter() - start
    start = time.perf_counter()
    page = html_report(report)
    html_s = time.perf_counter() - start
    start = time.perf_counter()
    markdown = markdown_report(report)
    md_s = time.perf_counter() - start
    name = f"report-{derivations}"
    html_file = shots / f"{name}.html"
    html_file.write_text(page, encoding="utf-8")
    (shots / f"{name}.md").write_text(markdown, encoding="utf-8")
    pngs = [
        str(png)
        for png, height in ((shots / f"{name}-top.png", 2400), (shots / f"{name}-long.png", 9000))
        if screenshot(html_file, png, height)
    ]
    return {
        "target": derivations,
        "articles": len(graph.documents),
        "derivations": len(graph.edges),
        "families": len(report.stories),
        "standalone": len(graph.standalone()),
        "diffs": report.diffs,
        "drawings": page.count('<svg class="lineage"'),
        "html_kb": len(page.encode()) / 1024,
        "md_kb": len(markdown.encode()) / 1024,
        "bytes_per_derivation": len(page.encode()) / max(len(graph.edges), 1),
        "trace_s": traced,
        "gather_s": gathered,
        "html_s": html_s,
        "md_s": md_s,
        "screenshots": pngs,
    }


def write_results(rows: list[dict[str, object]], out: Path, load: tuple[float, ...]) -> None:
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=False, cwd=HERE
    ).stdout.strip()
    lines = [
        "# The HTML report at scale",
        "",
        "Regenerate with `python bench/report_scale.py` (synthetic corpora from "
        "`bench/generate.py`, seed 1, articles named by URL as web pages).",
        "",
        f"Measured at commit `{commit}` (with the working tree's changes); load average at "
        f"start {[round(x, 2) for x in load]} (timings are noisy on a busy machine).",
        "",
        "Build time is `TraceReport.of` (grouping the families and re-aligning the pairs "
        "shown side by side) plus `html_report`; the trace itself is timed apart. The "
        f"families holding the first {FULL_DERIVATIONS} derivations (biggest first) are shown "
        "in full: a drawing each, every derivation's reasons, at most "
        f"{DIFFS_SHOWN} side-by-side diffs in all; the rest in brief, one line per "
        "derivation with its stored verdict, changed facts and credit.",
        "",
        "| derivations | articles | story families | standalone | diffs shown | drawings "
        "| HTML KB | bytes per derivation | Markdown KB | trace s | report build s |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in rows:
        build = float(r["gather_s"]) + float(r["html_s"])  # type: ignore[arg-type]
        lines.append(
            f"| {r['derivations']} | {r['articles']} | {r['families']} | {r['standalone']} "
            f"| {r['diffs']} | {r['drawings']} | {float(r['html_kb']):.0f} "  # type: ignore[arg-type]
            f"| {float(r['bytes_per_derivation']):.0f} | {float(r['md_kb']):.0f} "  # type: ignore[arg-type]
            f"| {float(r['trace_s']):.1f} | {build:.2f} |"  # type: ignore[arg-type]
        )
    lines += ["", "Screenshots (not kept in the repository):", ""]
    lines += [f"- {png}" for r in rows for png in r["screenshots"]]  # type: ignore[attr-defined]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--derivations", type=int, nargs="+", default=[20, 200, 2000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shots", type=Path, default=Path("/tmp/report_scale"))
    parser.add_argument("--out", type=Path, default=HERE / "results" / "report_scale.md")
    args = parser.parse_args()
    args.shots.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    rows = []
    for n in args.derivations:
        row = measure(n, args.shots, args.seed)
        print(
            f"{row['derivations']} derivations: {float(row['html_kb']):.0f} KB HTML, "  # type: ignore[arg-type]
            f"{row['families']} families, {row['diffs']} diffs",
            flush=True,
        )
        rows.append(row)
    write_results(rows, args.out, load)
    print(f"-> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
