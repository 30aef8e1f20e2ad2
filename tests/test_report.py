"""The HTML and Markdown reports: structure read back with html.parser, untrusted text shown
only as text, the lineage drawn, and (when Chromium is installed) the page opened in it."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURES

from provenance.ingest import article_id, ingest
from provenance.model import Article, Document, Edge, Graph
from provenance.pipeline import trace
from provenance.report import TraceReport, html_report, lineage_svg, markdown_report

SCRIPT = "<script>alert(1)</script>"
BASE = (
    "The harbour authority said on Monday that the northern pier would close for repairs "
    "until March. Engineers found cracks in three of the concrete pilings during a routine "
    "inspection last week. Ferry services will move to the southern terminal while the work "
    "is carried out. The repairs are expected to cost about 4 million euros, according to "
    "the authority. Local businesses near the pier said they feared a drop in visitors over "
    f"the winter. A reader wrote {SCRIPT} and \x1b[2J\x1b]0;pwned\x07 in the comments."
)


class Page(HTMLParser):
    """Every start tag with its attributes, and the text of the page as a browser shows it."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def find(self, tag: str, cls: str | None = None) -> list[dict[str, str]]:
        return [
            a
            for t, a in self.tags
            if t == tag and (cls is None or cls in a.get("class", "").split())
        ]

    @property
    def shown(self) -> str:
        return "".join(self.text)


@pytest.fixture(scope="module")
def report() -> TraceReport:
    """Seeds (Anadolu and its two copies) and common-source (an unseen Meridian Press story)."""
    graph = trace(ingest([str(FIXTURES / "seeds"), str(FIXTURES / "common-source")]))
    return TraceReport.of(graph, database="provenance.db", generated="2025-11-23 08:00 UTC")


@pytest.fixture(scope="module")
def page(report: TraceReport) -> str:
    return html_report(report)


@pytest.fixture(scope="module")
def evil() -> TraceReport:
    """Two versions of a story whose text, names, outlets and titles hold markup and
    terminal escape codes."""
    a = Article(
        id=article_id(BASE),
        name="<i>a</i>.txt",
        text=BASE,
        outlet='<b>Harbour</b> "Wire" [x](javascript:alert(2))',
        title=f"</title>{SCRIPT}",
        published="2025-01-01",
    )
    copied = BASE.replace("Monday", "Tuesday") + "\n\nIts <img src=x onerror=alert(3)> tag too."
    b = Article(id=article_id(copied), name="b.txt", text=copied, published="2025-01-02")
    graph = trace([a, b])
    assert graph.edges, "the copy must be traced to its source for this test to mean anything"
    return TraceReport.of(graph)


# --- HTML ----------------------------------------------------------------------------------


def test_page_is_self_contained(page: str) -> None:
    parsed = Page(page)
    tags = {t for t, _ in parsed.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base"}
    assert all(not a.get("src") for _, a in parsed.tags)
    hrefs = [a["href"] for _, a in parsed.tags if "href" in a]
    assert hrefs and all(h.startswith("#") for h in hrefs)  # links only within the page
    assert "@import" not in page and "url(http" not in page
    csp = [a for a in parsed.find("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]
    assert page.startswith("<!DOCTYPE html>") and page.count("<style>") == 1


def test_page_opens_with_title_and_counts(page: str) -> None:
    shown = Page(page).shown
    assert "Provenance report: provenance.db" in shown
    assert "7 articles · 2 story families · 4 derivations · 2 standalone · 2 not credited" in shown
    assert "2025-11-23 08:00 UTC" in shown


def test_lineage_is_drawn_with_a_box_per_article(report: TraceReport, page: str) -> None:
    parsed = Page(page)
    assert len(parsed.find("svg", "lineage")) == 1
    nodes = parsed.find("g", "node")
    graph = report.graph
    assert {n["data-node"] for n in nodes} == {d.id for d in graph.documents} | {
        h.id for h in graph.hidden
    }
    assert len(parsed.find("g", "hidden")) == 1
    edges = parsed.find("g", "edge")
    assert {(e["data-source"], e["data-derived"]) for e in edges} == {
        (e.source, e.derived) for e in graph.edges
    }
    dashed = [a for t, a in parsed.tags if t == "rect" and "stroke-dasharray" in a]
    assert len(dashed) == 1  # the unseen Meridian Press story
    paths = [a for t, a in parsed.tags if t == "path" and "marker-end" in a]
    assert sum("uncredited" in p["marker-end"] for p in paths) == 2
    assert "Kremlin Says Putin-Trump Meeting Process Complex" in parsed.shown


def test_every_edge_has_verdict_evidence_credit_and_diff(report: TraceReport, page: str) -> None:
    sections = page.split('<section class="edge"')[1:]
    assert len(sections) == len(report.edges) == 4
    for item, section in zip(report.edges, sections, strict=True):
        section = section.split("</section>")[0]
        shown = Page(section).shown
        assert f"confidence {item.edge.confidence:.2f}" in shown
        assert "Evidence" in shown and "Credit" in shown and "Side by side" in shown
        if item.diff is None:  # from the unseen story: its copies are compared below
            assert 'href="#hidden-1"' in section
            continue
        assert section.count('<table class="diff">') == 1
        assert section.count("<tr class=") == len(item.diff.rows)
    assert "001.txt gives no credit to Anadolu Agency" in page
    hidden = page.split('id="hidden-1"')[1]
    assert hidden.count('<table class="diff">') == 1  # chronicle.txt beside coastline.txt


def test_diff_marks_edits_in_the_words(page: str) -> None:
    table = page.split('id="edge-2"')[1].split('<table class="diff">')[1].split("</table>")[0]
    parsed = Page(table)  # 000.txt beside 002.txt
    assert parsed.find("del") and parsed.find("ins") and parsed.find("mark", "style")
    assert "spelling: canceled → cancelled" in parsed.shown
    assert "only in A" in parsed.shown and "only in B" in parsed.shown
    assert "Key: " in Page(page).shown


def test_credit_audit_table(page: str) -> None:
    audit = page.split('id="credit-audit"')[1].split("</table>")[0]
    rows = Page(audit).find("tr")
    assert len(rows) == 1 + 4  # header, then each derived article
    assert sum("uncredited" in r.get("class", "") for r in rows) == 2
    shown = Page(audit).shown
    assert "000.txt credits Xinhua, not Anadolu Agency" in shown
    assert "coastline.txt credits Meridian Press" in shown


def test_untrusted_text_shows_as_text(evil: TraceReport) -> None:
    page = html_report(evil)
    parsed = Page(page)
    assert not parsed.find("script") and not parsed.find("img") and not parsed.find("i")
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "\x1b" not in page and "\x07" not in page
    shown = parsed.shown
    assert SCRIPT in shown  # the reader sees what the article says, as text
    assert "<img src=x onerror=alert(3)>" in shown
    assert '<b>Harbour</b> "Wire"' in shown and "<i>a</i>.txt" in shown
    assert "Monday → Tuesday" in shown  # the changed fact, flagged
    assert parsed.find("span", "fact-tag")


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_has_the_same_content(report: TraceReport) -> None:
    md = markdown_report(report)
    assert md.startswith("# Provenance report: provenance.db")
    assert "**7 articles · 2 story families · 4 derivations" in md
    for item in report.edges:
        assert f"### {item.number}. " in md
    assert "### 1. 001.txt derived from 002.txt" in md
    assert "  - **000.txt** (IANS · 2025-10-26 · Moscow, Oct 27): edited · partially" in md
    assert md.count("| what changed |") == 3  # two diffs, and the two unseen-story copies
    assert "~~canceled~~" in md and "**cancelled**" in md
    assert "## Credit audit" in md and "000.txt credits Xinhua, not Anadolu Agency" in md


def test_markdown_escapes_untrusted_text(evil: TraceReport) -> None:
    md = markdown_report(evil)
    assert "<script" not in md and "<img" not in md and "\x1b" not in md
    assert "A reader wrote &lt;script&gt;alert(1)&lt;/script&gt; and in the comments" in md
    assert "\\[x\\](javascript" in md  # a link in an outlet name is not a link
    rows = [line for line in md.splitlines() if line.startswith("| ") and "A reader" in line]
    assert rows and all(line.count(" | ") == 4 for line in rows)  # no cell broken by a "|"


# --- the drawing ---------------------------------------------------------------------------


def doc(name: str) -> Document:
    return Document(Article(id=name, name=f"{name}.txt", text=""), ())


def boxes(svg: str) -> dict[str, tuple[float, float]]:
    parsed = Page(svg)
    found: dict[str, tuple[float, float]] = {}
    node = None
    for tag, attrs in parsed.tags:
        if tag == "g" and "node" in attrs.get("class", ""):
            node = attrs["data-node"]
        elif tag == "rect" and node:
            found[node] = (float(attrs["x"]), float(attrs["y"]))
            node = None
    return found


def test_sources_left_copies_right_chains_in_columns() -> None:
    docs = tuple(doc(n) for n in "abcdz")
    edges = (
        Edge("a", "b", "wholly", "verbatim", 0.9),
        Edge("b", "c", "partially", "edited", 0.8, credited=True),
        Edge("a", "d", "partially", "rewritten", 0.7),
    )
    at = boxes(lineage_svg(Graph(docs, edges)))
    assert set(at) == set("abcdz")
    assert at["a"][0] < at["b"][0] < at["c"][0] and at["b"][0] == at["d"][0]
    assert at["b"][1] != at["d"][1]  # two copies of a, one under the other
    assert min(at["b"][1], at["d"][1]) <= at["a"][1] <= max(at["b"][1], at["d"][1])
    assert at["z"][1] > max(y for node, (_, y) in at.items() if node != "z")  # standalone last


def test_a_cycle_is_still_drawn() -> None:
    docs = (doc("x"), doc("y"))
    edges = (Edge("x", "y", "wholly", "edited", 0.5), Edge("y", "x", "wholly", "edited", 0.5))
    svg = lineage_svg(Graph(docs, edges))
    assert set(boxes(svg)) == {"x", "y"} and svg.count('class="edge"') == 2


def test_no_derivations_still_makes_a_page() -> None:
    graph = Graph((doc("solo"),), ())
    page = html_report(TraceReport.of(graph))
    assert "No derivations found." in page and set(boxes(page)) == {"solo"}
    assert "No derivations found." in markdown_report(TraceReport.of(graph))


# --- in a real browser ----------------------------------------------------------------------

CHROMIUM = shutil.which("chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM
    profile = tmp_path / "profile"
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_report_renders_in_chromium(page: str, tmp_path: Path) -> None:
    report_file = tmp_path / "report.html"
    report_file.write_text(page, encoding="utf-8")
    png = tmp_path / "r.png"
    chromium(tmp_path, f"--screenshot={png}", "--window-size=1280,2000", report_file.as_uri())
    assert png.is_file() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 50_000  # a blank page of this size is a few kB
    dom = chromium(tmp_path, "--dump-dom", report_file.as_uri()).stdout
    parsed = Page(dom)
    assert len(parsed.find("svg", "lineage")) == 1 and len(parsed.find("g", "node")) == 8
    assert len(parsed.find("table", "diff")) == 3
    assert not parsed.find("script")
