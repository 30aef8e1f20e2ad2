"""Tests for the diff rows, the naming of edits, and the side-by-side view."""

from __future__ import annotations

import io
import re

import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

import provenance
from provenance.diff import Change, Diff, DiffRow, change_text, classify, diff_record, diff_rows
from provenance.ingest import ingest
from provenance.model import Alignment, Article, EditOp
from provenance.pipeline import compare_documents, compare_stored, segment_all
from provenance.render import diff_view, make_console
from provenance.segment import segment


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich would colour a StringIO console when FORCE_COLOR is set: keep output plain."""
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)


def seeds_alignment(a: str = "002.txt", b: str = "000.txt") -> Alignment:
    seeds = FIXTURES / "seeds"
    docs = segment_all(ingest([seeds / a, seeds / b, seeds / "manifest.csv"]))
    return compare_documents(docs[0], docs[1]).alignment


def seeds_diff() -> Diff:
    seeds = FIXTURES / "seeds"
    docs = segment_all(ingest([seeds / "002.txt", seeds / "000.txt", seeds / "manifest.csv"]))
    comparison = compare_documents(docs[0], docs[1])
    return Diff.of(comparison.alignment, comparison.verdict)


def document(name: str, text: str, **facts: object):  # type: ignore[no-untyped-def]
    return segment(Article(id=f"id-{name}", name=name, text=text, **facts))  # type: ignore[arg-type]


def diff_of(text_a: str, text_b: str) -> Diff:
    a, b = document("a.txt", text_a), document("b.txt", text_b)
    comparison = compare_documents(a, b)
    return Diff.of(comparison.alignment, comparison.verdict)


def render(diff: Diff, width: int) -> str:
    console = make_console(file=io.StringIO(), width=width, no_color=True)
    console.print(diff_view(diff))
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def kind(a: str, b: str, op: str = "replace", **context: object) -> str:
    return classify(EditOp(op, a, b), **context).kind  # type: ignore[arg-type]


# --- naming an edit ------------------------------------------------------------------------


def test_us_uk_respelling_is_spelling() -> None:
    assert kind("canceled", "cancelled") == "spelling"
    assert kind("cancelled", "canceled") == "spelling"
    assert kind("“canceled”", '"cancelled"') == "spelling"


def test_quote_style_is_quotes_and_other_marks_punctuation() -> None:
    assert kind("“cancelled”", '"cancelled"') == "quotes"
    assert kind("didn’t", "didn't") == "quotes"
    assert kind('table,"', 'table",') == "quotes"  # the comma moved outside the quotation
    assert kind("preparations.", "preparations,") == "punctuation"
    assert kind("spokeswoman", "Spokeswoman") == "capitalisation"


def test_changed_number_and_name_are_fact_drift() -> None:
    number, name = (
        classify(EditOp("replace", "3", "5")),
        classify(EditOp("replace", "Lavrov", "Rubio")),
    )
    assert (number.kind, number.drift) == ("number", True)
    assert (name.kind, name.drift) == ("name", True)
    assert kind("three", "five") == "number"
    assert kind("1,000", "1000") == "punctuation"  # the same number, written differently
    assert not classify(EditOp("replace", "canceled", "cancelled")).drift


def test_additions_and_cuts_are_sized() -> None:
    assert kind("", "Xinhua news agency reported", "insert") == "clause added"
    assert kind("", "also", "insert") == "added"
    assert kind("Kremlin spokesman Dmitry", "", "delete") == "clause dropped"
    assert kind("of its", "", "delete") == "dropped"
    assert kind("spokesman", "Kremlin spokesman") == "added"
    assert kind("laid,” Peskov said.", 'laid," he added.') == "word"


def test_words_changed_inside_a_quotation_are_a_misquotation() -> None:
    assert kind("didn’t", "did not", quoted=True) == "quotation"
    assert kind("canceled", "cancelled", quoted=True) == "spelling"  # spelling is not drift
    a = 'Peskov said the talks were "very difficult" on Sunday.'
    b = 'Peskov said the talks were "quite difficult" on Sunday.'
    (change,) = (
        diff_of(a + " The summit was put off.", b + " The summit was put off.").rows[0].edits
    )
    assert change == Change("quotation", '"very', '"quite')


def test_facts_that_move_or_open_a_sentence_are_not_drift() -> None:
    """A number the other sentence still has, or a capital that only opens a sentence."""
    a = "The stolen works are from 1868; the other from 1871."
    b = "The stolen works, painted in 1871, are gone."
    assert not classify(
        EditOp("replace", "from 1868; the other from", "painted in"), within=(a, b)
    ).drift
    a, b = "State-run Norvane Rail signed it.", "Norvane Rail, the state-owned operator, signed it."
    assert classify(EditOp("replace", "State-run", "the state-owned"), within=(a, b)).kind == "word"
    a, b = (
        "It killed three people in a five-story block.",
        "It killed five people in a five-story block.",
    )
    assert classify(EditOp("replace", "three", "five"), within=(a, b)).kind == "number"


def test_gist_of_an_addition_inside_a_replacement_is_the_added_words() -> None:
    change = classify(
        EditOp("replace", "preparations.", "preparations, Xinhua news agency reported.")
    )
    assert change.kind == "clause added"
    assert change.gist == ("", "Xinhua news agency reported.")


# --- rows ----------------------------------------------------------------------------------


def test_seed_rows_002_against_000() -> None:
    rows = diff_rows(seeds_alignment())
    only_a = [r for r in rows if r.kind == "only in A"]
    only_b = [r for r in rows if r.kind == "only in B"]
    assert any("seize frozen Russian assets" in r.a_text for r in only_a)
    assert any(r.b_text.startswith("New sanctions against Russia complicate") for r in only_b)
    spelling = [c for r in rows if r.kind == "edited" for c in r.edits if c.kind == "spelling"]
    assert Change("spelling", "canceled", "cancelled") in spelling
    assert not any(r.drift for r in rows)  # 000 changes no fact of 002's


def test_rows_follow_a_and_place_b_only_sentences_by_b_order() -> None:
    rows = diff_rows(seeds_alignment())
    a_order = [r.a_index[0] for r in rows if r.a_index]
    assert a_order == sorted(a_order) == list(range(12))
    b_order = [r.b_index[0] for r in rows if r.b_index]
    assert b_order == sorted(b_order) == list(range(16))  # nothing moved in this pair
    first = rows.index(next(r for r in rows if r.b_index == (3,)))
    assert [r.kind for r in rows[first - 3 : first]] == ["only in B"] * 3  # 000's own lede


def test_sentence_matched_out_of_order_is_moved() -> None:
    a = (
        "The council approved the harbour budget on Monday after a long debate. "
        "Work on the new sea wall will start in the spring. "
        "The mayor said the town could not wait another winter."
    )
    b = (
        "The mayor said the town could not wait another winter. "
        "The council approved the harbour budget on Monday after a long debate. "
        "Work on the new sea wall will start in the spring."
    )
    rows = diff_of(a, b).rows
    assert [(r.a_index, r.b_index, r.moved) for r in rows] == [
        ((0,), (1,), False),
        ((1,), (2,), False),
        ((2,), (0,), True),
    ]
    assert "moved (B's sentence 1)" in render(diff_of(a, b), 80)


def apply(ops: tuple[EditOp, ...], a_words: list[str]) -> list[str]:
    """A's words with the edit operations applied."""
    out, i = [], 0
    for op in ops:
        taken = op.a.split()
        assert a_words[i : i + len(taken)] == taken
        i += len(taken)
        out += op.b.split()
    assert i == len(a_words)
    return out


def aligned_rows(rows: list[DiffRow]) -> list[DiffRow]:
    return [r for r in rows if r.a_index and r.b_index]


def test_edit_ops_turn_a_into_b_on_every_fixture_pair() -> None:
    checked = 0
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        graph = provenance.trace(ingest([folder]))
        for alignment in graph.alignments:
            for row in aligned_rows(diff_rows(alignment)):
                assert apply(row.ops, row.a_text.split()) == row.b_text.split()
                assert len(row.edits) == sum(op.op != "equal" for op in row.ops)
                checked += 1
    assert checked > 50


WORDS = st.sampled_from(
    "the council harbour budget approved Monday debate 3 5 Lavrov Rubio “cancelled” canceled "
    'cancelled "said" a of wall spring mayor winter'.split()
)


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=4, max_size=14), st.lists(WORDS, min_size=0, max_size=4))
def test_edit_ops_turn_a_into_b(words: list[str], extra: list[str]) -> None:
    a_text = " ".join(words) + "."
    b_text = " ".join(words[:2] + extra + words[3:]) + "."
    rows = diff_rows(compare_documents(document("a", a_text), document("b", b_text)).alignment)
    for row in aligned_rows(rows):
        assert apply(row.ops, row.a_text.split()) == row.b_text.split()
    assert sum(len(r.a_index) for r in rows) == 1 and sum(len(r.b_index) for r in rows) == 1


# --- the verdict from a stored trace --------------------------------------------------------


def test_stored_pair_is_compared_as_the_trace_compared_it() -> None:
    graph = provenance.trace(ingest([FIXTURES / "seeds"]))
    ids = {d.name: d.id for d in graph.documents}
    forward = compare_stored(graph, ids["002.txt"], ids["000.txt"])
    backward = compare_stored(graph, ids["000.txt"], ids["002.txt"])
    assert forward.verdict.relation == "a->b" and backward.verdict.relation == "b->a"
    assert forward.verdict.coverage_a == backward.verdict.coverage_b
    assert forward.verdict.confidence == backward.verdict.confidence
    stored = {(v.a, v.b): v for v in graph.verdicts}
    key = next(k for k in stored if set(k) == {ids["002.txt"], ids["000.txt"]})
    assert stored[key] in (forward.verdict, backward.verdict)
    diff = Diff.of(forward.alignment, forward.verdict, graph=graph)
    assert diff.edge is not None and diff.note is None


def test_siblings_get_a_note_from_the_graph() -> None:
    graph = provenance.trace(ingest([FIXTURES / "seeds"]))
    ids = {d.name: d.id for d in graph.documents}
    comparison = compare_stored(graph, ids["001.txt"], ids["000.txt"])
    diff = Diff.of(comparison.alignment, comparison.verdict, graph=graph)
    assert diff.edge is None
    assert diff.note == "the trace keeps no edge between them: both come from 002.txt"


def seeds_graph_diff(a: str, b: str) -> Diff:
    graph = provenance.trace(ingest([FIXTURES / "seeds"]))
    ids = {d.name: d.id for d in graph.documents}
    comparison = compare_stored(graph, ids[a], ids[b])
    return Diff.of(comparison.alignment, comparison.verdict, graph=graph)


def test_a_pair_the_trace_links_is_headed_by_the_stored_edge() -> None:
    text = render(seeds_graph_diff("002.txt", "000.txt"), 160)
    heading = text.splitlines()[3]
    assert heading.startswith("000.txt derived from 002.txt · edited · partially · 0.88")
    assert heading.endswith("not credited")
    assert "looks derived" not in text and "read on their own" not in text


def test_siblings_are_headed_by_no_derivation_stored_never_by_a_derivation() -> None:
    diff = seeds_graph_diff("000.txt", "001.txt")
    for width in (80, 160):
        text = render(diff, width)
        flat = " ".join(text.split())
        heading = text.splitlines()[3]
        assert heading.startswith("No derivation stored between 000.txt and 001.txt")
        assert "both come from 002.txt" in flat
        assert "derived from" not in heading
        # the pair's own reading only after it, and said to be only that
        assert "read on their own, the two texts look like this: 001.txt looks derived" in flat
        assert "stores no such edge" in flat
        assert flat.index("No derivation stored") < flat.index("read on their own")


def test_two_files_without_a_database_say_the_verdict_is_their_own_reading() -> None:
    flat = " ".join(render(seeds_diff(), 120).split())
    assert "These two texts read on their own (no traced database): 000.txt looks derived" in flat
    record = diff_record(seeds_diff())
    assert record["stored"]["graph_read"] is False and record["stored"]["edge"] is False
    assert "own reading" in record["stored"]["says"]


def test_diff_record_leads_with_the_stored_verdict() -> None:
    stored = diff_record(seeds_graph_diff("002.txt", "000.txt"))["stored"]
    assert stored["edge"] is True and stored["says"] == "000.txt derived from 002.txt"
    assert (stored["source"], stored["derived"]) == ("002.txt", "000.txt")
    assert (stored["manner"], stored["extent"], stored["credited"]) == (
        "edited",
        "partially",
        False,
    )
    siblings = diff_record(seeds_graph_diff("000.txt", "001.txt"))
    assert siblings["stored"]["edge"] is False
    assert siblings["stored"]["says"] == "no derivation stored between them"
    assert siblings["verdict"]["read_from"] == "the two texts on their own"


def test_no_sentence_in_common_says_nothing_about_unchanged_facts() -> None:
    text = render(diff_of("The port reopened on Monday.", "Heavy rain is forecast for Leeds."), 120)
    assert "No number, name or quotation differs" not in text


def test_a_name_cut_from_a_shared_sentence_is_named_not_hidden() -> None:
    a = (
        "In an interview with state television Vesti on Sunday, Kremlin spokesman Dmitry Peskov "
        "said the talks with Washington were over for now."
    )
    b = "In an interview on Sunday, Peskov said the talks with Washington were over for now."
    text = " ".join(render(diff_of(a, b), 160).split())
    assert "No number, name or quotation differs" not in text
    assert "names or numbers cut or added there:" in text and "“Vesti”" in text


def test_a_cut_ending_inside_a_name_is_shown_with_the_whole_name() -> None:
    a = "Officials said Kremlin spokesman Dmitry Peskov spoke to reporters on Sunday evening."
    b = "Officials said Peskov spoke to reporters on Sunday evening."
    rows = diff_of(a, b).rows
    cut = next(c for r in rows for c in r.edits if c.kind.endswith("dropped"))
    assert (cut.a, cut.b) == ("Kremlin spokesman Dmitry Peskov", "Peskov")
    assert change_text(cut) == "cuts: Kremlin spokesman Dmitry Peskov → Peskov"
    assert change_text(Change("added", "", "a")) == "adds “a”"


def test_the_right_hand_column_uses_a_wide_console() -> None:
    diff = seeds_graph_diff("002.txt", "000.txt")
    lines = render(diff, 200).splitlines()
    heading = next(
        line for line in lines if line.startswith("A  002.txt  ") and "what changed" in line
    )
    column = heading.index("what changed")
    assert 200 - column >= 48  # a quarter of the width, not 32 cells and 40 left empty
    edits = [
        line[column:] for line in lines if len(line) > column and line[column - 2 : column] == "  "
    ]
    assert "cuts: Kremlin spokesman Dmitry Peskov → Peskov" in edits
    assert max(len(line) for line in lines) <= 200


def test_diff_record_is_plain_data() -> None:
    import json

    record = json.loads(json.dumps(diff_record(seeds_diff())))
    assert record["a"]["name"] == "002.txt" and record["verdict"]["relation"] == "a->b"
    edited = [r for r in record["rows"] if r["kind"] == "edited"]
    assert {"kind": "spelling", "a": "canceled", "b": "cancelled", "fact_drift": False} in [
        e for r in edited for e in r["edits"]
    ]


# --- the view --------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 100, 160])
def test_view_fits_the_width_and_names_every_row(width: int) -> None:
    text = render(seeds_diff(), width)
    assert max(len(line) for line in text.splitlines()) <= width
    assert all(line == line.rstrip() for line in text.splitlines())
    flat = " ".join(text.split())
    assert "000.txt looks derived from 002.txt · edited · partially" in flat
    for marker in ("only in A", "only in B", "verbatim", "edited", "canceled → cancelled"):
        assert marker in text, marker
    spelling = (
        "spelling: canceled → cancelled"  # at 100 columns, the example wraps under "spelling:"
    )
    assert spelling in text or re.search(r"spelling:\n.* {2}canceled → cancelled", text)
    assert "000.txt credits Xinhua, not Anadolu Agency" in text


def test_wide_view_is_side_by_side_and_narrow_view_stacked() -> None:
    wide = render(seeds_diff(), 160)
    row = next(
        line for line in wide.splitlines() if "Earlier this week, Trump said he canceled" in line
    )
    assert "Earlier this week, Trump said he cancelled" in row and row.rstrip().endswith("edited")
    narrow = render(seeds_diff(), 80).splitlines()
    a = next(n for n, line in enumerate(narrow) if "Trump said he canceled" in line)
    b = next(n for n, line in enumerate(narrow) if "Trump said he cancelled" in line)
    assert narrow[a].startswith("A 5 ") and narrow[b].startswith("B 11 ") and a < b
    marker = next(line for line in narrow[b:] if line.startswith("     edited"))
    assert marker == "     edited · spelling: canceled → cancelled"


def test_fact_drift_is_flagged_loudly() -> None:
    a = "Fire killed three people in the old mill on Tuesday, officials said. Crews stayed on site."
    b = "Fire killed five people in the old mill on Tuesday, officials said. Crews stayed on site."
    for width in (80, 160):
        text = render(diff_of(a, b), width)
        assert "FACT  1 fact changed: “three” → “five” (A 1)" in text
        assert "FACT number: three → five" in text


def test_article_text_cannot_inject_markup_or_escapes() -> None:
    evil = "Kremlin [bold]says[/bold] \x1b[31mno\x1b[0m to talks in Moscow on Sunday afternoon."
    rest = " Officials gave no reason for the change of plan."
    diff = diff_of(evil + rest, evil.replace("Sunday", "Monday") + rest)
    for width in (80, 160):
        text = render(diff, width)
        assert "[bold]says[/bold]" in text and "\x1b" not in text


def test_colour_marks_deletions_insertions_and_drift() -> None:
    console = Console(file=io.StringIO(), width=160, force_terminal=True, color_system="standard")
    a = "Officials said the strike at the port would start on Monday with 40 crews."
    b = "Officials said the long strike at the port would start on Monday with 60 crews."
    console.print(diff_view(diff_of(a, b)))
    assert isinstance(console.file, io.StringIO)
    styled = console.file.getvalue()
    assert "\x1b[" in styled
    assert re.search(r"\x1b\[[0-9;]*32m[^\x1b]*long", styled)  # inserted: green
    assert "FACT" in styled


def test_a_space_before_an_apostrophe_is_punctuation_not_a_changed_name() -> None:
    op = EditOp("replace", "Trump's", "Trump ’s")
    assert classify(op, within=("Trump's summit ended.", "Trump ’s summit ended.")).kind == (
        "punctuation"
    )
