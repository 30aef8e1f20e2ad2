"""Tests for provenance.copying: the wording two aligned texts share that independent
reporting would not produce."""

from __future__ import annotations

import pytest

from provenance.align import align
from provenance.copying import (
    RUN,
    CopyEvidence,
    copied_run_words,
    in_order,
    quoted_spans,
    sentence_words,
)
from provenance.model import Article, Document, SentencePair
from provenance.pipeline import compare
from provenance.segment import segment


def quoted(text: str) -> list[str]:
    return [text[start:end] for start, end in quoted_spans(text)]


def doc(name: str, paragraphs: list[str]) -> Document:
    return segment(Article(id=name, name=name, text="\n\n".join(paragraphs)))


def ws(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# --- quoted_spans ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        # straight and curly marks, each pair within its paragraph
        ('He said "we will rebuild" on Monday.', ['"we will rebuild"']),
        ("She said “not before spring” and left.", ["“not before spring”"]),
        ('Two: “one” and "two".', ["“one”", '"two"']),
        # a quotation over several sentences is one span, quoted in all of them
        (
            '"The roof went first. Then the walls came down," said Ana Ruiz.',
            ['"The roof went first. Then the walls came down,"'],
        ),
        # an opening mark left unclosed quotes to the end of its paragraph, no further
        (
            "“We will stay until the work is done. Nobody leaves.\n“We start again tomorrow.”",
            ["“We will stay until the work is done. Nobody leaves.", "“We start again tomorrow.”"],
        ),
        ('He said "we go on\nThe next paragraph is not quoted.', ['"we go on']),
        ('The mayor said: "No comment.', ['"No comment.']),
    ],
)
def test_quoted_spans_pairs_marks_within_a_paragraph(text, spans):
    assert quoted(text) == spans


@pytest.mark.parametrize(
    "text",
    [
        "The workers' union said it didn't expect the mayor's plan to pass.",
        "The workers’ union said it didn’t expect the mayor’s plan to pass.",
        "He called it 'a fair deal' in 2019.",  # single marks are apostrophes to this rule
        "No quotation at all here.",
    ],
)
def test_apostrophes_and_single_marks_are_no_quotation(text):
    assert quoted_spans(text) == []


# --- sentence_words -------------------------------------------------------------------------


def test_quoted_words_are_none_and_spelling_is_folded():
    d = doc(
        "d",
        [
            "The colour of the new trams was chosen by the council.",
            '"We wanted something bright. People should see them coming," said Mayor Ruth '
            "Oyelaran.",
            "The workers’ union didn’t object.",
        ],
    )
    words = sentence_words(d)
    assert len(words) == len(d.sentences) == 4
    assert words[0] == ws("the color of the new trams was chosen by the council")
    assert words[1] == (None,) * 4  # wholly inside the quotation that runs on
    assert words[2] == (None,) * 5 + ws("said mayor ruth oyelaran")
    assert words[3] == ("the", "workers", "union", "didn't", "object")  # apostrophes stay words


def test_british_and_american_spellings_give_the_same_words():
    uk = doc("uk", ["The council cancelled the colour programme for the harbour."])
    us = doc("us", ["The council canceled the color program for the harbor."])
    assert sentence_words(uk) == sentence_words(us)


# --- copied_run_words -----------------------------------------------------------------------


def test_a_run_of_five_words_alike_counts_and_four_do_not():
    assert RUN == 5
    five = copied_run_words(
        ws("police closed the old bridge on friday"), ws("officers closed the old bridge on sunday")
    )
    assert five == 5  # "closed the old bridge on"
    four = copied_run_words(
        ws("police closed the old bridge late"), ws("officers closed the old bridge early")
    )
    assert four == 0  # a shared four-word phrase is what two reporters write alike


def test_identical_sentences_count_whole_if_long_enough():
    assert copied_run_words(ws("a b c d e f g"), ws("a b c d e f g")) == 7
    assert copied_run_words(ws("a b c d"), ws("a b c d")) == 0
    assert copied_run_words((), ws("a b c d e")) == 0


def test_a_quoted_word_breaks_a_run():
    outside = ws("the fire chief said the blaze was under control")
    broken = ("the", "fire", "chief", None, "the", "blaze", "was", "under", "control")
    assert copied_run_words(outside, outside) == 9
    assert copied_run_words(broken, outside) == 5  # "the blaze was under control"
    # the quoted word splits even one text's copy of itself: "the fire chief" is too short
    assert copied_run_words(broken, broken) == 5
    all_quoted = (None,) * 9
    assert copied_run_words(all_quoted, all_quoted) == 0  # a shared quotation is no copying


# --- in_order -------------------------------------------------------------------------------


def pair(i: int, j: int) -> SentencePair:
    return SentencePair((i,), (j,), f"a{i}", f"b{j}", "verbatim", 1.0)


def test_in_order_keeps_the_longest_chain_in_both_texts_order():
    pairs = [pair(0, 0), pair(1, 3), pair(2, 1), pair(3, 2), pair(4, 4)]
    chain = in_order(pairs)
    assert [(p.a[0], p.b[0]) for p in chain] == [(0, 0), (2, 1), (3, 2), (4, 4)]


def test_in_order_of_pairs_given_out_of_order_and_of_none():
    assert [p.a[0] for p in in_order([pair(2, 2), pair(0, 0), pair(1, 1)])] == [0, 1, 2]
    assert len(in_order([pair(0, 3), pair(1, 2), pair(2, 1), pair(3, 0)])) == 1
    assert in_order([]) == []


# --- CopyEvidence on real alignments ----------------------------------------------------------

STORY = [
    "Three dock workers were injured on Sunday afternoon when a 42-metre crane toppled onto "
    "Quay 7 at the Port of Brannock, port officials said.",
    "The crane, operated by Vantor Logistics, fell at about 2:15 p.m. while it was unloading "
    "steel coils from a cargo ship.",
    "All three men were taken to St. Aldric's Hospital; one of them was in serious condition "
    "on Sunday night.",
    "The national safety board said it had sent two inspectors to the quay.",
    "Witnesses described a loud crack before the jib swung sideways and came down across two "
    "parked trucks.",
]
STATEMENT = (
    '"We are shocked by what happened this afternoon. Our first thoughts are with the three '
    "workers and their families. We have stopped all crane work on Quay 7 until inspectors "
    'tell us it is safe," port director Helena Strand said in a statement.'
)


def test_a_copy_word_for_word_is_all_copied_wording_in_order():
    source, copy = doc("s", STORY), doc("c", STORY[:4])
    found = CopyEvidence.of(align(source, copy))
    assert found.shorter == sum(len(w) for w in sentence_words(copy))
    assert found.copied == found.shorter and found.containment == 1.0
    assert found.in_order == 4 and found.order_coverage == 1.0


def test_a_shared_quotation_is_no_copied_wording():
    a = doc("a", [STORY[0], STATEMENT])
    b = doc("b", [STATEMENT.replace("port director Helena Strand said", "Strand told reporters")])
    al = align(a, b)
    assert len(al.pairs) >= 2  # the quotation's sentences align
    found = CopyEvidence.of(al)
    assert found.copied == 0  # the speaker's words are every report's to carry
    assert found.in_order == 0  # and pairs that are mostly quotation are no rewrite in order


def test_compare_measures_what_the_alignment_shows():
    comparison = compare("\n\n".join(STORY), "\n\n".join(STORY[1:3]))
    found = CopyEvidence.of(comparison.alignment)
    assert found.copied == found.shorter > 0
    assert found.in_order == 2


def test_a_post_embedded_in_a_page_is_quoted() -> None:
    text = (
        "The president wrote on Monday morning.\n"
        "Our relationship with the neighbours has never been worse, thanks to years of folly.\n"
        "— Jane Ruler (@janeruler) July 16, 2018\n"
        "Aides said the post had not been cleared."
    )
    spans = quoted_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "Our relationship with the neighbours has never been worse, thanks to years of folly."
    ]


def test_a_dash_line_with_no_handle_quotes_nothing() -> None:
    text = "The minister spoke first.\n— Reporting by Jane Doe, July 16, 2018"
    assert quoted_spans(text) == []
