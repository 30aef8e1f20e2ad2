"""The HTML and Markdown reports: structure read back with html.parser (summary and contents
first, a drawing per story family, every derivation's line with its stored verdict, changed
facts and credit, labels for web pages), the size of a large report bounded, untrusted text
shown only as text, and (when Chromium is installed) the page opened in it."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURES

from provenance.ingest import article_id, ingest
from provenance.model import Article, Document, Edge, Evidence, Graph
from provenance.pipeline import segment_all, trace
from provenance.report import (
    DIFFS_SHOWN,
    FULL_DERIVATIONS,
    ROWS_SHOWN,
    ROWS_SLACK,
    TraceReport,
    html_report,
    lineage_svg,
    markdown_report,
    readable,
)

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


def sections(page: str, marker: str) -> list[str]:
    """The pieces of the page that start with ``marker``, each up to the next one."""
    return [marker + part for part in page.split(marker)[1:]]


def edge_item(page: str, number: int) -> str:
    """The markup of derivation ``number``: its line, reasons and diff."""
    return page.split(f'<li id="edge-{number}">')[1].split('<li id="edge-')[0].split("</ol>")[0]


def edge_line(page: str, number: int) -> str:
    """What the page shows on derivation ``number``'s line."""
    item = page.split(f'<li id="edge-{number}">')[1]
    return Page(item.split("</p>")[0]).shown


@pytest.fixture(scope="module")
def report() -> TraceReport:
    """Seeds (Anadolu and its two copies), common-source (an unseen Meridian Press story)
    and rewrite (a dated rewrite)."""
    folders = [str(FIXTURES / name) for name in ("seeds", "common-source", "rewrite")]
    graph = trace(ingest(folders))
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


WIRE_URL = "https://harbourwire.example/2025/01/01/pier-to-close-for-repairs"
COPY_URL = "https://coastdaily.example/news/pier-closes"


@pytest.fixture(scope="module")
def web() -> TraceReport:
    """A wire story and an uncredited copy of it, both read from the web (named by URL),
    the copy changing a day and a figure."""
    text = BASE.split(" A reader wrote")[0]
    copied = text.replace("Monday", "Tuesday").replace("4 million", "5 million")
    wire = Article(
        id=article_id(text),
        name=WIRE_URL,
        url=WIRE_URL,
        text=text,
        outlet="Harbour Wire",
        title="Northern pier to close for repairs",
        published="2025-01-01T09:00:00Z",
    )
    copy = Article(
        id=article_id(copied),
        name=COPY_URL,
        url=COPY_URL,
        text=copied,
        outlet="Coast Daily",
        title="Pier closes for winter repairs",
        published="2025-01-02T10:30:00+02:00",
    )
    graph = trace([wire, copy])
    assert [(e.source, e.credited) for e in graph.edges] == [(wire.id, False)]
    return TraceReport.of(graph)


# --- HTML: the page as a whole -------------------------------------------------------------


def test_page_is_self_contained(page: str) -> None:
    parsed = Page(page)
    tags = {t for t, _ in parsed.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base"}
    assert all(not a.get("src") for _, a in parsed.tags)
    hrefs = [a["href"] for _, a in parsed.tags if "href" in a]
    assert hrefs and all(h.startswith("#") for h in hrefs)  # file articles: links within
    assert "@import" not in page and "url(http" not in page
    csp = [a for a in parsed.find("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]["content"]
    assert page.startswith("<!DOCTYPE html>") and page.count("<style>") == 1


def test_title_names_the_stories_not_the_database(report: TraceReport, page: str) -> None:
    title = Page(page.split("<title>")[1].split("</title>")[0]).shown
    assert title == Page(page.split("<h1>")[1].split("</h1>")[0]).shown
    assert "provenance.db" not in title
    assert "Kremlin Says Putin-Trump Meeting Process Complex" in title  # the biggest story
    assert "and 1 more story" in title
    assert "provenance.db" in page.split("<footer>")[1]  # the database is named below


def test_summary_then_contents_with_working_anchors(report: TraceReport, page: str) -> None:
    shown = Page(page).shown
    assert "10 articles · 3 story families · 5 derivations · 3 give no credit" in shown
    order = [page.index(x) for x in ('class="summary"', "<nav", 'id="outlets"', 'id="stories"')]
    assert order == sorted(order)  # the finding first, the detail after
    ids = {a["id"] for _, a in Page(page).tags if "id" in a}
    hrefs = {a["href"][1:] for _, a in Page(page).tags if a.get("href", "").startswith("#")}
    assert hrefs <= ids  # every link inside the page lands somewhere
    table = page.split('<table class="stories">')[1].split("</table>")[0]
    links = [a["href"] for a in Page(table).find("a")]
    assert links == [f"#story-{s.number}" for s in report.stories]
    assert [s.articles for s in report.stories] == sorted(
        (s.articles for s in report.stories), reverse=True
    )


def test_uncredited_reuse_by_outlet(page: str) -> None:
    table = page.split('id="outlets"')[1].split("</table>")[0]
    rows = [Page(r).shown for r in sections(table, "<tr>")[1:]]
    assert "IANSAnadolu Agency1" in rows[0] or "MENAFNAnadolu Agency1" in rows[0]
    assert {r.split("Anadolu")[0] for r in rows if "Anadolu" in r} == {"IANS", "MENAFN"}
    assert not any("Meridian" in r for r in rows)  # the Meridian copies credit it


def test_one_small_drawing_per_family(report: TraceReport, page: str) -> None:
    stories = sections(page, '<section class="story"')
    assert len(stories) == len(report.stories) == 3
    drawn: list[tuple[str, str]] = []
    for story, section in zip(report.stories, stories, strict=True):
        parsed = Page(section.split("</section>")[0])
        assert len(parsed.find("svg", "lineage")) == 1
        edges = {(e["data-source"], e["data-derived"]) for e in parsed.find("g", "edge")}
        assert edges == {(i.edge.source, i.edge.derived) for i in story.edges}
        assert {n["data-node"] for n in parsed.find("g", "node")} == set(story.members)
        drawn += edges
    assert sorted(drawn) == sorted((e.source, e.derived) for e in report.graph.edges)
    assert len(Page(page).find("g", "hidden")) == 1  # the unseen Meridian Press story


def test_edge_line_has_verdict_facts_and_credit(report: TraceReport, page: str) -> None:
    for item in report.edges:
        line = edge_line(page, item.number)
        e = item.edge
        assert f"{e.manner} · {e.extent} · confidence {e.confidence:.2f}" in line
        assert {True: "credits ", False: "gives no credit", None: "credit: cannot tell"}[
            e.credited
        ] in line
    anadolu = [
        i for i in report.edges if i.edge.credited is False and "002" in edge_line(page, i.number)
    ]
    assert any(
        "gives no credit to Anadolu Agency (credits Xinhua instead)" in edge_line(page, i.number)
        for i in anadolu
    )


def test_changed_facts_on_the_line_loud(web: TraceReport) -> None:
    page = html_report(web)
    line = page.split('<li id="edge-1">')[1].split("</p>")[0]
    assert '<span class="facts">changed facts: “Monday” became “Tuesday”' in line
    assert '<span class="credit-no">gives no credit to Harbour Wire</span>' in line
    assert "confidence" in Page(line).shown


def test_web_articles_are_labelled_and_urls_kept_as_links(web: TraceReport) -> None:
    page = html_report(web)
    parsed = Page(page)
    assert "https://" not in parsed.shown  # no URL is printed for a person to read
    links = {a["href"]: a for _, a in parsed.tags if a.get("href", "").startswith("http")}
    assert set(links) == {WIRE_URL, COPY_URL}
    assert all(a.get("rel") == "noreferrer noopener" for a in links.values())
    boxes = " ".join(Page(svg).shown for svg in sections(page, '<svg class="lineage"'))
    assert "Northern pier to close for repairs" in boxes and "Harbour Wire" in boxes
    line = edge_line(page, 1)
    assert "Coast Daily: Pier closes for winter repairs took from Harbour Wire: Northern" in line
    md = markdown_report(web)
    assert "https://" not in md


def test_evidence_reads_as_a_journalist_says_it(
    report: TraceReport, page: str, web: TraceReport
) -> None:
    shown = Page(page).shown
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:", shown)  # no ISO timestamps
    assert "mark(s)" not in shown
    assert "7 Oct 2025, 11:15 UTC+3" in shown  # kna.txt's time, as a person writes it
    assert readable("seen 2025-10-07T11:15:00+03:00, 1 curly mark(s), 2 mark(s)") == (
        "seen 7 Oct 2025, 11:15 UTC+3, 1 curly mark, 2 marks"
    )
    reasons = " ".join(Page(r).shown for r in sections(page, '<ul class="reasons">'))
    assert "copied wording" in reasons and "copying" not in reasons.split()
    web_reasons = Page(html_report(web).split('<ul class="reasons">')[1]).shown
    assert "Coast Daily" in web_reasons and "https" not in web_reasons
    legend = Page(page.split('id="how-to-read"')[1].split("</div>")[0]).shown
    # the same bands as the terminal's key (export.CONFIDENCE_KEY)
    assert "0.95+: sure" in legend and "0.5+: linked" in legend and "under 0.5: weak" in legend


def test_direction_unknown_on_the_line() -> None:
    docs = (doc("x"), doc("y"))
    undecided = Evidence("undecided", "neither the dates nor the texts tell", 0.0)
    edges = (Edge("x", "y", "wholly", "verbatim", 0.5, (undecided,), credited=None),)
    page = html_report(TraceReport.of(Graph(docs, edges), diffs=0))
    line = edge_line(page, 1)
    assert "y.txt and x.txt: verbatim · wholly · confidence 0.50 · direction unknown" in line
    assert "credit: cannot tell" in line


def test_diffs_are_bounded_and_name_the_command(report: TraceReport) -> None:
    small = TraceReport.of(report.graph, diffs=1)
    page = html_report(small)
    assert page.count('<table class="diff">') == small.diffs == 1
    left_out = [i for i in small.edges if i.diff is None and not i.edge.source.startswith("hidden")]
    assert left_out
    for item in left_out:
        assert "Side by side: provenance diff " in Page(edge_item(page, item.number)).shown
    assert "provenance diff 002.txt 000.txt" in page or "provenance diff 002.txt 001.txt" in page


def test_diff_marks_edits_in_the_words(report: TraceReport, page: str) -> None:
    item = next(i for i in report.edges if i.diff and i.diff.b.name == "000.txt")
    table = page.split(f'id="edge-{item.number}"')[1].split('<table class="diff">')[1]
    parsed = Page(table.split("</table>")[0])  # 000.txt beside 002.txt
    assert parsed.find("del") and parsed.find("ins") and parsed.find("mark", "style")
    assert "respelt “canceled” as “cancelled”" in parsed.shown
    assert "only in A" in parsed.shown and "only in B" in parsed.shown


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
    assert "“Monday” became “Tuesday”" in shown  # the changed fact, flagged
    assert parsed.find("span", "facts") and parsed.find("span", "fact-tag")


# --- a large set ---------------------------------------------------------------------------

SENTENCE = (
    "Officials in {town} said on {day} that the {thing} would reopen after {n} weeks of work "
    "by crews from the {org} and its partners."
)


def large_graph(families: int, copies: int = 3, sentences: int = 30) -> Graph:
    """``families`` stories, each a source and ``copies`` verbatim copies without credit."""
    articles = []
    edges = []
    for f in range(families):
        text = " ".join(
            SENTENCE.format(
                town=f"Town{f}x{k}", day="Monday", thing=f"bridge{k}", n=k + f, org=f"Org{f}"
            )
            for k in range(sentences)
        )
        source = Article(
            id=f"s{f:05d}",
            name=f"https://wire.example/{f}/story",
            text=text,
            outlet="Wire",
            title=f"Bridge {f} to reopen",
            published="2025-01-01",
        )
        articles.append(source)
        for c in range(copies):
            copy = replace(
                source,
                id=f"c{f:05d}{c}",
                name=f"https://outlet{c}.example/{f}",
                outlet=f"Outlet {c}",
                published="2025-01-02",
            )
            articles.append(copy)
            evidence = (
                Evidence("copying", "400 words alike in runs of five or more"),
                Evidence("credit", f"{copy.name} gives no credit to Wire"),
            )
            edges.append(
                Edge(
                    source.id,
                    copy.id,
                    "wholly",
                    "verbatim",
                    0.9,
                    evidence,
                    shared=sentences,
                    coverage=1.0,
                    credited=False,
                )
            )
    return Graph(tuple(segment_all(articles)), tuple(edges))


@pytest.fixture(scope="module")
def large() -> tuple[TraceReport, str]:
    report = TraceReport.of(large_graph(160))  # 480 derivations
    return report, html_report(report)


def test_large_report_keeps_every_line_and_bounds_the_rest(large: tuple[TraceReport, str]) -> None:
    report, page = large
    assert len(report.edges) == 480
    for item in report.edges:  # every derivation keeps its line, in full or in brief
        assert f'<li id="edge-{item.number}">' in page
    diffs = sections(page, '<table class="diff">')
    assert len(diffs) == report.diffs <= DIFFS_SHOWN
    for table in diffs:  # long diffs show their telling rows; the rest are counted
        rows = table.split("</table>")[0].count('<tr class="')
        assert rows <= ROWS_SHOWN + ROWS_SLACK + ROWS_SHOWN  # rows, and a gap between two
        assert "provenance diff" in table.split("</details>")[0]
    full = [s for s in report.stories if s.full]
    assert sum(len(s.edges) for s in full) < FULL_DERIVATIONS + 3  # one family past it
    assert page.count('<svg class="lineage"') == len(full)
    assert "Smaller story families, in brief" in page


def test_large_report_grows_by_a_line_per_derivation(large: tuple[TraceReport, str]) -> None:
    """Past the families shown in full, a derivation costs the page its line (two labels,
    the verdict, the credit: a few hundred bytes) and its family a table row: never a
    drawing, reasons or a diff. So 2,000 derivations make a page of a megabyte or two, not
    the many megabytes of a page that shows everything."""
    report, page = large
    bigger = html_report(TraceReport.of(large_graph(320)))  # 480 more derivations
    per_derivation = (len(bigger) - len(page)) / 480
    assert per_derivation < 700
    assert len(bigger) < 2_000_000


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_has_the_same_content(report: TraceReport) -> None:
    md = markdown_report(report)
    assert md.startswith("# Provenance: Kremlin Says Putin-Trump Meeting Process Complex")
    assert "**10 articles · 3 story families · 5 derivations · 3 give no credit" in md
    assert "## Uncredited reuse by outlet" in md and "## Story families" in md
    for item in report.edges:
        assert f"{item.number}. **" in md
    assert "**gives no credit to Anadolu Agency (credits Xinhua instead)**" in md
    assert "  - **000.txt**: edited · partially" in md
    assert md.count("| what changed |") == report.diffs
    assert "~~canceled~~" in md and "**cancelled**" in md
    assert "0.95+: sure (dates or a credit)" in md


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


def boxes(svg: str) -> dict[str, tuple[float, float, float]]:
    """node -> (x, y, height) of its box."""
    found: dict[str, tuple[float, float, float]] = {}
    node = None
    for tag, attrs in Page(svg).tags:
        if tag == "g" and "node" in attrs.get("class", ""):
            node = attrs["data-node"]
        elif tag == "rect" and node:
            found[node] = (float(attrs["x"]), float(attrs["y"]), float(attrs["height"]))
            node = None
    return found


def labels_at(svg: str) -> list[tuple[float, float, str]]:
    """(x, y, text) of every word written along an arrow."""
    out: list[tuple[float, float, str]] = []
    for part in sections(svg, '<g class="edge')[0:]:
        for m in re.finditer(
            r'<text x="(\d+)" y="(\d+)"[^>]*>([^<]*)</text>', part.split("</g>")[0]
        ):
            out.append((float(m[1]), float(m[2]), m[3]))
    return out


def test_sources_left_copies_right_chains_in_columns() -> None:
    docs = tuple(doc(n) for n in "abcd")
    edges = (
        Edge("a", "b", "wholly", "verbatim", 0.9),
        Edge("b", "c", "partially", "edited", 0.8, credited=True),
        Edge("a", "d", "partially", "rewritten", 0.7),
    )
    at = boxes(lineage_svg(Graph(docs, edges)))
    assert set(at) == set("abcd")
    assert at["a"][0] < at["b"][0] < at["c"][0] and at["b"][0] == at["d"][0]
    assert at["b"][1] != at["d"][1]  # two copies of a, one under the other


def test_labels_never_print_over_each_other() -> None:
    """A source with four copies, one of which (a digest) also took from two others: the
    arrows' words stay apart, and so do the boxes."""
    docs = tuple(doc(n) for n in ["s", "t", "u", "c1", "c2", "c3", "digest"])
    edges = tuple(
        Edge(src, der, "partially", "edited", 0.81, credited=None)
        for src, der in [
            ("s", "c1"),
            ("s", "c2"),
            ("s", "c3"),
            ("s", "digest"),
            ("t", "digest"),
            ("u", "digest"),
        ]
    )
    svg = lineage_svg(Graph(docs, edges))
    words = labels_at(svg)
    assert len(words) == 2 * len(edges)
    width = 7.0  # px a character of the 11.5px label font takes, generously
    spans = [(x - len(t) * width / 2, x + len(t) * width / 2, y - 12, y + 3) for x, y, t in words]
    for k, a in enumerate(spans):
        for b in spans[k + 1 :]:
            apart = a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2]
            assert apart, (a, b)
    placed = sorted(boxes(svg).values())
    for (x1, y1, h1), (x2, y2, _) in zip(placed, placed[1:], strict=False):
        assert x1 != x2 or y1 + h1 <= y2


def test_a_cycle_is_still_drawn() -> None:
    docs = (doc("x"), doc("y"))
    edges = (Edge("x", "y", "wholly", "edited", 0.5), Edge("y", "x", "wholly", "edited", 0.5))
    svg = lineage_svg(Graph(docs, edges))
    assert set(boxes(svg)) == {"x", "y"} and svg.count('class="edge') == 2


def test_no_derivations_still_makes_a_page() -> None:
    graph = Graph((doc("solo"),), ())
    page = html_report(TraceReport.of(graph))
    assert "No derivations found." in page and "solo.txt" in Page(page).shown
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
def test_report_renders_in_chromium(report: TraceReport, page: str, tmp_path: Path) -> None:
    report_file = tmp_path / "report.html"
    report_file.write_text(page, encoding="utf-8")
    png = tmp_path / "r.png"
    chromium(tmp_path, f"--screenshot={png}", "--window-size=1280,2000", report_file.as_uri())
    assert png.is_file() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 50_000  # a blank page of this size is a few kB
    dom = chromium(tmp_path, "--dump-dom", report_file.as_uri()).stdout
    parsed = Page(dom)
    assert len(parsed.find("svg", "lineage")) == len(report.stories)
    assert len(parsed.find("g", "node")) == sum(len(s.members) for s in report.stories)
    assert len(parsed.find("table", "diff")) == report.diffs
    assert not parsed.find("script")
    assert "Kremlin Says Putin-Trump Meeting Process Complex" in parsed.shown
