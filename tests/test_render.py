"""Tests for the terminal view: render into a StringIO at a fixed width and read the text."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from provenance.export import edge_record
from provenance.model import Article, Document, Edge, Evidence, Graph
from provenance.render import (
    make_console,
    pick_evidence,
    print_trace,
    progress,
    safe,
    show_view,
    trace_view,
)

EVIL_TITLE = "Kremlin [bold]x[/bold] says \x1b[31mno\x1b[0m to talks"


def article(name: str, **facts: object) -> Document:
    """A document with no sentences: all the view needs is the article."""
    return Document(article=Article(id=f"id-{name}", name=name, text="", **facts), sentences=())  # type: ignore[arg-type]


def edge(source: str, derived: str, manner: str = "edited", **rest: object) -> Edge:
    """An edge between two articles named like the files, or to a hidden ``source``."""
    src = source if source.startswith("hidden:") else f"id-{source}"
    facts: dict[str, object] = {"extent": "partially", "confidence": 0.8, **rest}
    return Edge(source=src, derived=f"id-{derived}", manner=manner, **facts)  # type: ignore[arg-type]


SEEDS = [
    article(
        "002.txt",
        outlet="Anadolu Agency",
        title="Any summit between Putin and Trump requires 'a great deal of homework'",
        published="2025-10-26T09:14:00+03:00",
        dateline="ISTANBUL",
    ),
    article("001.txt", outlet="MENAFN", published="2025-10-26"),
    article("000.txt", outlet="IANS", published="2025-10-26", dateline="Moscow, Oct 27"),
    article("003.txt", outlet="Global Banking and Finance Review", credits=("Reuters",)),
    article("004.txt"),
]
SEED_EDGES = [
    edge(
        "002.txt",
        "001.txt",
        "rewritten",
        extent="wholly",
        confidence=0.934,
        evidence=(
            Evidence("coverage", "all of 002.txt's body, sentence by sentence, same order", 2.0),
            Evidence("fix", 'fixes 002.txt\'s "an forthcoming" -> "an upcoming"', 1.5),
            Evidence("date", "published the same day, later", 0.2),
            Evidence("credit", "no credit to Anadolu Agency", 0.0),
        ),
    ),
    edge(
        "002.txt",
        "000.txt",
        confidence=0.8412,
        evidence=(
            Evidence("date", "published the same day", 0.1),
            Evidence("spelling", "US -> UK spelling (canceled -> cancelled)", 0.4),
            Evidence("error", 'keeps 002.txt\'s "an forthcoming"', 1.8),
            Evidence("coverage", "eight of 002.txt's sentences, nearly verbatim", 1.0),
            Evidence("credit", "credits Xinhua, not Anadolu Agency", -0.1),
        ),
    ),
]
CHAIN = [
    article("a.txt", outlet="Reuters", title=EVIL_TITLE, published="2025-11-02"),
    article("b.txt", outlet="Yahoo News", published="2025-11-03"),
    article("c.txt", outlet="Daily Blog"),
]
CHAIN_EDGES = [
    edge("a.txt", "b.txt", "verbatim", extent="wholly", confidence=0.99),
    edge("b.txt", "c.txt", "rewritten", confidence=0.61, shared=4, coverage=0.5),
]
HIDDEN = [
    article("x.txt", outlet="Outlet X", title="Flood warning for the coast"),
    article("y.txt", outlet="Outlet Y"),
]
HIDDEN_EDGES = [edge("hidden:1", "x.txt", "edited"), edge("hidden:1", "y.txt", "verbatim")]


def trace_graph() -> Graph:
    """A 2-edge family, a chain a -> b -> c, a hidden common source, two standalone."""
    return Graph(
        documents=(*SEEDS, *CHAIN, *HIDDEN), edges=(*SEED_EDGES, *CHAIN_EDGES, *HIDDEN_EDGES)
    )


def render(graph: Graph, width: int = 80, db_path: str | None = "provenance.db") -> str:
    console = make_console(file=io.StringIO(), width=width, no_color=True)
    print_trace(graph, console, db_path=db_path)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def line_with(text: str, needle: str) -> str:
    """The one line of ``text`` that contains ``needle``."""
    found = [line for line in text.splitlines() if needle in line]
    assert len(found) == 1, (needle, found)
    return found[0]


def indent_of(line: str) -> int:
    return len(line) - len(content(line))


def content(line: str) -> str:
    """A line without the tree guides in front of it."""
    return line.lstrip(" │├└─")


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich would colour a StringIO console when FORCE_COLOR is set: keep output plain."""
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)


# --- the summary, the trees, the standalone and next lines ---------------------------------


def test_summary_counts_and_database_path_right_aligned() -> None:
    first = render(trace_graph(), 120).splitlines()[0]
    assert first.startswith(
        "10 articles · 3 story families · 6 derivations · 0 not credited · 2 standalone"
    )
    assert first.endswith("provenance.db")
    assert len(first) == 120


def test_summary_uses_singular_and_no_path() -> None:
    graph = Graph(documents=tuple(SEEDS[:3]), edges=tuple(SEED_EDGES[:1]))
    first = render(graph, db_path=None).splitlines()[0]
    assert first == "3 articles · 1 story family · 1 derivation · 0 not credited · 1 standalone"


def test_long_database_path_gets_its_own_line() -> None:
    path = "/home/reporter/projects/kremlin-summit-coverage/2025-10/provenance.db"
    lines = render(trace_graph(), db_path=path).splitlines()
    assert (
        lines[0] == "10 articles · 3 story families · 6 derivations · 0 not credited · 2 standalone"
    )
    assert lines[1] == " " * (80 - len(path)) + path
    narrow = render(trace_graph(), 60, db_path=path).splitlines()
    assert narrow[:2] == [  # the counts wrap whole, never one split in two
        "10 articles · 3 story families · 6 derivations",
        "0 not credited · 2 standalone",
    ]


def test_header_counts_uncredited_copies_and_changed_facts() -> None:
    facts = Evidence("facts", "“46th” became “47th”")
    edges = (
        edge("002.txt", "001.txt", "edited", credited=False, evidence=(facts,)),
        edge("002.txt", "000.txt", credited=False),
        edge("003.txt", "004.txt", credited=True),
    )
    text = render(Graph(documents=tuple(SEEDS), edges=edges), 160)
    assert text.splitlines()[0].startswith(
        "5 articles · 2 story families · 3 derivations · 2 not credited · "
        "1 with changed facts · 0 standalone"
    )
    # on the edge line itself, and the facts and the missing credit under it
    line = line_with(text, "── 001.txt")
    assert line.endswith("edited · partially · 0.80 · facts changed · not credited")
    assert line_with(text, "── 004.txt").endswith("edited · partially · 0.80")
    assert content(line_with(text, "46th")) == "FACT “46th” became “47th”"


def test_missing_credit_and_changed_facts_are_loud_not_dim() -> None:
    facts = Evidence("facts", "“46th” became “47th”")
    credit = Evidence("credit", "001.txt gives no credit to Anadolu Agency")
    edges = (edge("002.txt", "001.txt", credited=False, evidence=(facts, credit)),)
    console = Console(file=io.StringIO(), width=120, force_terminal=True, color_system="standard")
    print_trace(Graph(documents=tuple(SEEDS[:2]), edges=edges), console, pager=False)
    assert isinstance(console.file, io.StringIO)
    out = console.file.getvalue()
    assert re.search(r"\x1b\[1;33mnot credited", out)  # bold yellow on the edge line
    assert re.search(r"\x1b\[1;33m001.txt gives no credit", out)  # and its evidence line
    assert re.search(r"\x1b\[1;31mfacts changed", out)  # bold red
    assert "\x1b[2m001.txt gives no credit" not in out  # not dim


def test_untitled_family_is_named_after_its_root() -> None:
    docs = (article("p.txt"), article("q.txt", title="Later headline"))
    text = render(Graph(documents=docs, edges=(edge("p.txt", "q.txt"),)))
    assert 'Story: "Later headline"' in text
    text = render(
        Graph(documents=(article("p.txt"), article("q.txt")), edges=(edge("p.txt", "q.txt"),))
    )
    assert "Story: p.txt  (no headline found)" in text


def test_family_tree_lines() -> None:
    text = render(trace_graph())
    assert (
        "Story: \"Any summit between Putin and Trump requires 'a great deal of homework'\"" in text
    )
    root = line_with(text, "002.txt  Anadolu Agency")
    assert root.startswith("└── 002.txt  Anadolu Agency · 26 Oct 2025 · ISTANBUL")
    assert root.endswith("source")
    menafn = line_with(text, "001.txt  MENAFN")
    assert menafn.startswith("    ├── 001.txt  MENAFN · 26 Oct 2025")
    assert menafn.endswith("rewritten · wholly · 0.93")
    ians = line_with(text, "000.txt  IANS")
    assert ians.startswith("    └── 000.txt  IANS · 26 Oct 2025 · Moscow, Oct 27")
    assert ians.endswith("edited · partially · 0.84")
    assert len(root) == len(menafn) == len(ians)  # verdicts end in one column


def test_evidence_keeps_credit_and_coverage_and_drops_the_weakest() -> None:
    lines = render(trace_graph()).splitlines()
    start = lines.index(line_with("\n".join(lines), "000.txt  IANS"))
    assert [line.strip() for line in lines[start + 1 : start + 5]] == [
        "eight of 002.txt's sentences, nearly verbatim",
        'keeps 002.txt\'s "an forthcoming"',
        "US -> UK spelling (canceled -> cancelled)",  # house style comes before dates
        "credits Xinhua, not Anadolu Agency",
    ]
    text = "\n".join(lines)
    assert "no credit to Anadolu Agency" in text
    assert "published the same day\n" not in text + "\n"  # 000's weakest reason gives way


def test_chain_is_nested() -> None:
    lines = render(trace_graph()).splitlines()
    a, b, c = (line_with("\n".join(lines), f"{n}.txt  ") for n in "abc")
    assert lines.index(a) < lines.index(b) < lines.index(c)
    assert indent_of(a) < indent_of(b) < indent_of(c)
    assert b.endswith("verbatim · wholly · 0.99")
    assert c.endswith("rewritten · partially · 0.61")
    assert "4 shared sentences · 50% of its body comes from the source" in "\n".join(lines)


def test_hidden_source_is_an_unseen_node() -> None:
    text = render(trace_graph())
    lines = text.splitlines()
    unseen = line_with(text, "an unseen source")
    assert unseen.startswith("└── an unseen source  not in this set")
    assert unseen.endswith("source")
    assert "hidden:1" not in text
    assert line_with(text, 'Story: "Flood') == lines[lines.index(unseen) - 1]
    for name in ("x.txt", "y.txt"):
        row = line_with(text, f"{name}  Outlet")
        assert indent_of(row) > indent_of(unseen)
        assert lines.index(row) > lines.index(unseen)


def test_standalone_and_next_lines_at_160_columns() -> None:
    text = render(trace_graph(), 160)
    standalone = (
        "Standalone: 003.txt (Global Banking and Finance Review, credits Reuters) · 004.txt"
    )
    assert standalone in text.splitlines()
    assert text.splitlines()[-4:] == [
        "Next: provenance diff 002.txt 001.txt",
        "      provenance show 000.txt",
        "      provenance report --html report.html",
        "      datasette provenance.db",
    ]


def test_next_commands_stay_whole_at_80_columns() -> None:
    lines = render(trace_graph()).splitlines()
    commands = [
        "provenance diff 002.txt 001.txt",
        "provenance show 000.txt",
        "datasette provenance.db",
    ]
    for command in commands:
        assert any(command in line for line in lines), command
    assert line_with("\n".join(lines), "Next:").startswith("Next: provenance diff 002.txt 001.txt")


def test_next_names_articles_as_commands_take_them_and_skips_datasette_without_db() -> None:
    story = Document(Article(id="3fa9c2d1e0", name="my story.txt", text=""), ())
    docs = (story, article("copy.txt"))
    graph = Graph(
        documents=docs, edges=(Edge("3fa9c2d1e0", "id-copy.txt", "partially", "edited", 0.8),)
    )
    last = render(graph, 160, db_path=None).splitlines()[-2:]
    # a name the shell would split is given by its id prefix, which the store accepts
    assert last == ["Next: provenance diff 3fa9c2 copy.txt", "      provenance show copy.txt"]


def test_next_commands_carry_the_database_and_are_never_wrapped() -> None:
    path = "/tmp/reporter/april.db"
    lines = render(trace_graph(), 70, db_path=path).splitlines()
    start = lines.index(line_with("\n".join(lines), "Next:"))
    assert lines[start:] == [
        f"Next: provenance diff 002.txt 001.txt --db {path}",
        f"      provenance show 000.txt --db {path}",
        f"      provenance report --html report.html --db {path}",
        f"      datasette {path}",
    ]
    # too narrow to indent them: "Next:" on its own line, each command whole below
    lines = render(trace_graph(), 66, db_path=path).splitlines()
    start = lines.index("Next:")
    assert lines[start + 3] == f"provenance report --html report.html --db {path}"


def test_next_skips_diff_when_every_source_is_unseen() -> None:
    last = render(Graph(documents=tuple(HIDDEN), edges=tuple(HIDDEN_EDGES)), 160).splitlines()
    assert last[-3:] == [
        "Next: provenance show x.txt",
        "      provenance report --html report.html",
        "      datasette provenance.db",
    ]


def test_key_explains_the_manners_present() -> None:
    text = render(Graph(documents=tuple(SEEDS), edges=tuple(SEED_EDGES)), 160)
    key = line_with(text, "Key:")
    assert key == "Key: edited = with changes · rewritten = reworded"
    full = line_with(render(trace_graph()), "Key:")
    assert full == "Key: verbatim = word for word · edited = with changes · rewritten = reworded"


@pytest.mark.parametrize("width", [80, 160])
def test_nothing_wider_than_the_console(width: int) -> None:
    lines = render(trace_graph(), width).splitlines()
    assert max(len(line) for line in lines) <= width
    assert not [line for line in lines if line != line.rstrip()]


def test_long_strings_are_cut_with_an_ellipsis_at_80_and_whole_at_160() -> None:
    title = "A very long headline about the summit " * 4
    docs = (
        article("s.txt", outlet="An Outlet With A Remarkably Long Name " * 2, title=title),
        article("d.txt", outlet="IANS"),
    )
    graph = Graph(documents=docs, edges=(edge("s.txt", "d.txt", confidence=0.5),))
    narrow = render(graph)
    assert line_with(narrow, "Story:").endswith("…")
    source = line_with(narrow, "── s.txt")
    assert "…" in source and source.endswith("source") and len(source) <= 80
    assert line_with(narrow, "── d.txt").endswith("edited · partially · 0.50")
    assert title.strip() in render(graph, 200)


# --- untrusted text ------------------------------------------------------------------------


def test_markup_and_escapes_in_articles_are_shown_literally() -> None:
    docs = (
        article("[red]evil[/red].txt", outlet="Out\x1b]0;pwned\x07let", credits=("[b]AFP",)),
        *CHAIN,
    )
    text = render(Graph(documents=docs, edges=tuple(CHAIN_EDGES)), 160)
    assert 'Story: "Kremlin [bold]x[/bold] says no to talks"' in text
    assert "[red]evil[/red].txt (Outlet, credits [b]AFP)" in text
    assert "\x1b" not in text and "\x07" not in text and "pwned" not in text
    detail = Evidence("quote", "quotes \x1b[2J[i]Putin[/i] \x1b[1mexactly", 1.0)
    docs = (article("s.txt"), article("d.txt"))
    text = render(Graph(documents=docs, edges=(edge("s.txt", "d.txt", evidence=(detail,)),)))
    assert content(line_with(text, "quotes")) == "quotes [i]Putin[/i] exactly"


def test_no_color_output_is_plain_text() -> None:
    text = render(trace_graph())
    assert "\x1b" not in text
    assert "rewritten · wholly" in text and "verbatim · wholly" in text


def test_each_manner_has_its_own_colour() -> None:
    console = Console(file=io.StringIO(), width=120, force_terminal=True, color_system="standard")
    print_trace(trace_graph(), console, pager=False)
    assert isinstance(console.file, io.StringIO)
    coloured = console.file.getvalue()
    codes = {
        manner: re.findall(rf"(\x1b\[[0-9;]*m)(?:{manner} · )", coloured)
        for manner in ("verbatim", "edited", "rewritten")
    }
    assert all(codes.values())
    assert len({found[0] for found in codes.values()}) == 3


def test_safe_strips_escape_sequences_and_controls() -> None:
    dirty = "a\x1b[31mred\x1b[0m\tb\r\nc\x1b]8;;http://x\x1b\\link\x00\x7f\x9b2J\u202eevil"
    assert safe(dirty) == "ared\tb\nclinkevil"
    assert safe("keep [bold] and ümlauts\n") == "keep [bold] and ümlauts\n"


@given(st.text())
def test_safe_leaves_no_control_characters(text: str) -> None:
    cleaned = safe(text)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", cleaned)
    assert safe(cleaned) == cleaned


# --- graph shapes --------------------------------------------------------------------------


def test_article_with_two_sources_is_noted_under_the_second() -> None:
    docs = tuple(article(n) for n in ("s1.txt", "s2.txt", "d.txt", "e.txt"))
    edges = (edge("s1.txt", "d.txt"), edge("s2.txt", "d.txt", "verbatim"), edge("d.txt", "e.txt"))
    text = render(Graph(documents=docs, edges=edges), 120)
    lines = text.splitlines()
    d_rows = [i for i, line in enumerate(lines) if "d.txt  date unknown" in line]
    assert len(d_rows) == 2
    assert content(lines[d_rows[0] + 1]) == "(also from s2.txt)"
    assert content(lines[d_rows[1] + 1]) == (
        "(also from s1.txt; its copies are shown under s1.txt)"
    )
    assert len([line for line in lines if "e.txt  date unknown" in line]) == 1
    assert d_rows[0] < lines.index(line_with(text, "e.txt  date")) < d_rows[1]


def test_cycle_renders_and_ends() -> None:
    docs = (article("p.txt"), article("q.txt"))
    text = render(Graph(documents=docs, edges=(edge("p.txt", "q.txt"), edge("q.txt", "p.txt"))))
    p_rows = [line for line in text.splitlines() if "p.txt  date unknown" in line]
    assert p_rows[0].startswith("└── p.txt") and p_rows[0].endswith("source")
    assert p_rows[1].endswith("edited · partially · 0.80")
    assert indent_of(line_with(text, "q.txt  date unknown")) == 8
    assert indent_of(p_rows[1]) == 12


def test_no_articles_is_a_friendly_message() -> None:
    text = render(Graph(documents=(), edges=()))
    assert text.startswith("No articles found, so there is nothing to trace yet.")
    assert "provenance trace" in text


def test_no_edges_says_no_derivations_found() -> None:
    text = render(Graph(documents=tuple(SEEDS), edges=()))
    assert "No derivations found: none of these 5 articles was copied from another." in text
    assert "Story:" not in text and "Key:" not in text
    assert line_with(text, "Next:").startswith("Next: provenance show 002.txt")
    alone = render(Graph(documents=tuple(SEEDS[:1]), edges=()))
    assert "No derivations found: there is only one article." in alone


def test_dates_show_the_date_part_to_the_known_precision() -> None:
    docs = (
        article("m.txt", published="2025-10-01", date_precision="month"),
        article("t.txt", published="2025-10-26 14:03:00"),
    )
    text = render(Graph(documents=docs, edges=(edge("m.txt", "t.txt"),)))
    assert "m.txt  Oct 2025   " in text
    assert "t.txt  26 Oct 2025   " in text


def test_trace_view_is_one_renderable() -> None:
    console = make_console(file=io.StringIO(), width=80)
    console.print(trace_view(trace_graph(), db_path="provenance.db"))
    assert isinstance(console.file, io.StringIO)
    assert console.file.getvalue() == render(trace_graph())


def test_pick_evidence_always_keeps_credit_and_coverage() -> None:
    weighty = tuple(Evidence(f"k{i}", f"reason {i}", float(i)) for i in range(5))
    credit, coverage = Evidence("credit", "no credit to X"), Evidence("coverage", "all of it")
    picked = pick_evidence(edge("a", "b", evidence=(credit, *weighty, coverage)))
    assert picked == [coverage, weighty[4], weighty[3], credit]
    assert pick_evidence(edge("a", "b", evidence=weighty[:2])) == [weighty[1], weighty[0]]
    assert pick_evidence(edge("a", "b")) == []


# --- progress ------------------------------------------------------------------------------


def test_progress_writes_nothing_when_not_a_terminal() -> None:
    console = make_console(file=io.StringIO(), stderr=True)
    with progress(console, 3, "Aligning [b]pairs") as advance:
        for _ in range(3):
            advance(1)
    assert isinstance(console.file, io.StringIO)
    assert console.file.getvalue() == ""


def test_progress_draws_a_bar_on_a_terminal() -> None:
    console = Console(file=io.StringIO(), width=80, force_terminal=True)
    with progress(console, 2, "Aligning [b]pairs") as advance:
        advance(2)
    assert isinstance(console.file, io.StringIO)
    assert "Aligning [b]pairs" in console.file.getvalue()
    assert "2/2" in console.file.getvalue()


def test_an_arrow_nothing_decided_says_its_direction_is_unknown() -> None:
    guess = Evidence("undecided", "neither the dates nor the two texts tell which came first")
    settled = Evidence("collection", "3 other texts sharing this material keep a's wording")
    # the set's witnesses settle an arrow by taking the "undecided" line away
    for evidence, shown in (((guess,), True), ((settled, guess), True), ((settled,), False)):
        graph = Graph(
            documents=(article("a.txt"), article("b.txt")),
            edges=(edge("a.txt", "b.txt", "verbatim", evidence=evidence),),
        )
        line = line_with(render(graph), "└── b.txt")
        assert ("direction unknown" in line) is shown
        assert edge_record(graph.edges[0])["direction_known"] is not shown


def test_a_large_trace_prints_the_largest_families_and_counts_the_rest() -> None:
    docs = [article(f"s{k}.txt") for k in range(25)] + [article(f"c{k}.txt") for k in range(25)]
    edges = [edge(f"s{k}.txt", f"c{k}.txt") for k in range(25)]
    edges.append(edge("s0.txt", "c1.txt"))  # one family of three: the largest, printed first
    graph = Graph(documents=tuple(docs), edges=tuple(edges))
    text = render(graph, width=160)
    assert text.count("Story: ") == 20
    assert text.index("Story: s0.txt") < text.index("Story: s2.txt")
    assert "… and 4 smaller story families not printed (--all prints every one" in text
    console = make_console(file=io.StringIO(), width=160, no_color=True)
    print_trace(graph, console, most=None)
    assert isinstance(console.file, io.StringIO)
    every = console.file.getvalue()
    assert every.count("Story: ") == 24
    assert "smaller story" not in every


# --- show, paging, web pages ---------------------------------------------------------------


def render_show(graph: Graph, node: str, width: int = 100) -> str:
    console = make_console(file=io.StringIO(), width=width, no_color=True)
    console.print(show_view(graph, node))
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def test_show_draws_the_sources_above_the_article_as_the_trace_does() -> None:
    text = render_show(trace_graph(), "id-c.txt")
    lines = text.splitlines()
    start = lines.index("Derived from")
    a, b, c = (line_with(text[text.index("Derived from") :], f"{n}.txt  ") for n in "abc")
    assert lines.index(a) < lines.index(b) < lines.index(c)  # furthest source first
    assert a.endswith("source") and indent_of(a) < indent_of(b) < indent_of(c)
    assert "this article" in c and c.endswith("rewritten · partially · 0.61 · credit unknown")
    assert b.endswith("verbatim · wholly · 0.99 · credit unknown")  # the edge that made b
    assert lines.index(a) == start + 1


def test_a_long_trace_goes_through_the_pager_on_a_terminal() -> None:
    console = Console(file=io.StringIO(), width=80, height=20, force_terminal=True)
    paged: list[bool] = []

    @contextmanager
    def pager(**_: object) -> Iterator[None]:
        paged.append(True)
        yield

    console.pager = pager  # type: ignore[method-assign]
    print_trace(trace_graph(), console)
    assert paged == [True]
    print_trace(trace_graph(), console, pager=False)
    assert paged == [True]


def test_web_pages_are_named_by_label_everywhere_never_by_url() -> None:
    url_a = "https://valleyherald.example/news/2025/09/black-crag-rescue"
    url_b = "https://uplandtimes.example/outdoors/black-crag-walker-stretchered-off"
    docs = (
        Document(
            Article(
                id="5ae116caff",
                name=url_a,
                text="",
                outlet="Valley Herald",
                title="Walkers rescued from Black Crag",
            ),
            (),
        ),
        Document(Article(id="a8f2d58d73", name=url_b, text="", outlet="Upland Times"), ()),
    )
    evidence = (
        Evidence("dates", f"{url_a} was published first (14 Sep 2025; {url_b}: 16 Sep 2025)"),
        Evidence("credit", f"{url_b} gives no credit to Valley Herald"),
    )
    graph = Graph(
        documents=docs,
        edges=(
            Edge(
                "5ae116caff", "a8f2d58d73", "partially", "verbatim", 0.91, evidence, credited=False
            ),
        ),
    )
    text = render(graph, 80)
    assert "https://" not in text
    assert "Valley Herald was published first" in " ".join(text.split())
    assert "provenance diff 5ae116 a8f2d5" in text  # what the store takes, whole on its line
    assert "https://" not in render_show(graph, "a8f2d58d73")


def test_evidence_about_two_outlets_web_pages_calls_each_by_its_outlet() -> None:
    a_url, b_url = "https://valley.example/news/walkers", "https://upland.example/walker"
    docs = (
        article(a_url, outlet="Valley Herald", title="Walkers rescued from Black Crag"),
        article(b_url, outlet="Upland Times", title="Walker stretchered off the crag"),
    )
    said = Evidence("credit", f"{b_url} gives no credit to {a_url}")
    graph = Graph(docs, (edge(a_url, b_url, evidence=(said,), credited=False),))
    text = render(graph, width=120)
    assert "Upland Times gives no credit to Valley Herald" in text
    assert "https://" not in text.split("Next:")[0]  # (the test's ids hold the URLs)
