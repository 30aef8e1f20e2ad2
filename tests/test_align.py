"""Tests for provenance.align: which sentences of two documents are one sentence."""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.align import align, relation_of, word_edits
from provenance.ingest import ingest
from provenance.model import Alignment, Article, Document, EditOp
from provenance.pipeline import collection_weights, segment_all
from provenance.segment import segment

FIXTURES = Path(__file__).parent.parent / "fixtures"
FOLDERS = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())

STORY = [
    "The Harlow water board ordered residents of three villages to boil their tap water on "
    "Thursday after a storm damaged a pumping station near Emsworth.",
    "Engineers said repairs to the station, which supplies about 4,200 homes, would take at "
    "least four days, and that bottled water would be handed out at the village hall in "
    "Brackley from Friday morning.",
    "Superintendent Maria Vell said the order was a precaution because pressure had dropped "
    "below safe levels overnight and contamination could not be ruled out.",
    "Schools in the area will stay open, but the council has asked restaurants to use bottled "
    "water for cooking until the order is lifted.",
]


def doc(name: str, paragraphs: list[str]) -> Document:
    return segment(Article(id=name, name=name, text="\n\n".join(paragraphs)))


@cache
def folder(name: str) -> dict[str, Document]:
    return {d.name: d for d in segment_all(ingest([FIXTURES / name]))}


def aligned(folder_name: str, a: str, b: str) -> Alignment:
    docs = folder(folder_name)
    return align(docs[a], docs[b], weights=collection_weights(list(docs.values())))


def apply_edits(edits: tuple[EditOp, ...], a_words: list[str]) -> list[str]:
    """Replay word edits on A's words; fail if an edit does not fit the words it claims."""
    out: list[str] = []
    pos = 0
    for op in edits:
        old, new = op.a.split(), op.b.split()
        assert a_words[pos : pos + len(old)] == old
        pos += len(old)
        if op.op == "equal":
            assert old == new
        elif op.op == "delete":
            assert old and not new
        elif op.op == "insert":
            assert new and not old
        else:
            assert old and new and old != new
        out += new
    assert pos == len(a_words)
    return out


def all_fixture_docs() -> list[tuple[str, Document]]:
    return [(f, d) for f in FOLDERS for d in folder(f).values()]


# --- self-alignment and structural properties ---------------------------------------------------


@pytest.mark.parametrize(
    ("folder_name", "document"),
    all_fixture_docs(),
    ids=lambda x: x if isinstance(x, str) else x.name,
)
def test_self_alignment_is_total_and_verbatim(folder_name, document):
    al = align(document, document)
    assert len(document.sentences) > 0
    assert [(p.a, p.b) for p in al.pairs] == [((i,), (i,)) for i in range(len(document.sentences))]
    assert all(p.relation == "verbatim" and p.score == pytest.approx(1.0) for p in al.pairs)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(STORY + ["Peskov said no.", "It rained.", "Peskov said no."]),
        min_size=1,
        max_size=8,
    )
)
def test_self_alignment_is_total_for_any_arrangement(paragraphs):
    d = doc("d", paragraphs)
    al = align(d, d)
    assert al.a_aligned == al.b_aligned == frozenset(range(len(d.sentences)))
    assert all(p.relation == "verbatim" for p in al.pairs)


def test_documents_without_content_words_align_without_crashing():
    d = doc("d", ["He said no."])
    al = align(d, d)
    assert [(p.a, p.b, p.relation) for p in al.pairs] == [((0,), (0,), "verbatim")]


def check_well_formed(al: Alignment) -> None:
    seen_a: list[int] = []
    seen_b: list[int] = []
    for p in al.pairs:
        assert 1 in (len(p.a), len(p.b))  # one sentence against one or a run
        for group in (p.a, p.b):
            assert list(group) == list(range(group[0], group[0] + len(group)))
        assert p.a_text == " ".join(al.a.sentences[i].text for i in p.a)
        assert p.b_text == " ".join(al.b.sentences[j].text for j in p.b)
        assert 0.0 <= p.score <= 1.0
        assert p.relation == relation_of(p.a_text, p.b_text)
        assert apply_edits(p.edits, p.a_text.split()) == p.b_text.split()
        seen_a += p.a
        seen_b += p.b
    assert len(seen_a) == len(set(seen_a))  # each sentence in at most one pair
    assert len(seen_b) == len(set(seen_b))


PAIRS = [(f, a, b) for f in FOLDERS for a, b in itertools.permutations(sorted(folder(f)), 2)]


@pytest.mark.parametrize(("folder_name", "a", "b"), PAIRS)
def test_fixture_alignments_are_well_formed(folder_name, a, b):
    check_well_formed(aligned(folder_name, a, b))


# --- word edits ---------------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "Peskov",
        "said",
        "the",
        "summit",
        "was",
        "canceled",
        "cancelled",
        "an",
        "upcoming",
        "forthcoming",
        "“meet”",
        "2022.",
        "Putin’s",
        "—",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=25), st.lists(WORDS, max_size=25))
def test_applying_word_edits_to_a_gives_b(a_words, b_words):
    edits = word_edits(" ".join(a_words), " ".join(b_words))
    assert apply_edits(edits, a_words) == b_words


def test_word_edits_name_the_change():
    edits = word_edits(
        "Trump said he canceled an forthcoming summit", "Trump said he canceled an upcoming summit"
    )
    assert [e for e in edits if e.op != "equal"] == [EditOp("replace", "forthcoming", "upcoming")]


# --- what aligns and what does not ------------------------------------------------------------


@pytest.mark.parametrize("weights", ["collection", "pair"])
def test_rewritten_seed_sentence_aligns(weights):
    docs = folder("seeds")
    w = collection_weights(list(docs.values())) if weights == "collection" else None
    al = align(docs["002.txt"], docs["001.txt"], weights=w)
    (pair,) = [p for p in al.pairs if p.a_text.startswith("Peskov said calling the Budapest")]
    assert pair.b_text.startswith("Peskov also stressed that labeling the Budapest summit")
    assert pair.relation == "rewritten"


def test_seed_rewrite_aligns_in_order():
    al = aligned("seeds", "002.txt", "001.txt")
    firsts = [(p.a[0], p.b[0]) for p in al.pairs]
    assert firsts == sorted(firsts)
    assert al.a_aligned == frozenset(range(len(al.a.sentences)))


@pytest.mark.parametrize(
    ("a", "b"), [("003.txt", "000.txt"), ("003.txt", "004.txt"), ("000.txt", "004.txt")]
)
def test_same_topic_seeds_do_not_align(a, b):
    assert aligned("seeds", a, b).pairs == ()


def test_same_topic_sentences_with_shared_names_do_not_align():
    a = doc(
        "a",
        [
            "Kremlin spokesman Dmitry Peskov said on Monday that President Vladimir Putin "
            "was still open to meeting Donald Trump in Budapest.",
            "Peskov told reporters in Moscow that no date had been discussed and that "
            "preparations would take time.",
            "The Hungarian government has offered to host the summit, Peskov added.",
        ],
    )
    b = doc(
        "b",
        [
            "Hungarian Prime Minister Viktor Orban said Budapest stood ready to host "
            "Vladimir Putin and Donald Trump whenever they chose.",
            "Orban told state radio that Hungary had already arranged security for a summit "
            "in the capital.",
            "Officials in Washington have not commented on the Kremlin's remarks about the "
            "Budapest meeting.",
        ],
    )
    assert align(a, b).pairs == ()
    assert align(b, a).pairs == ()


def split_story() -> tuple[Document, Document]:
    first, rest = STORY[1].split(", and that ")
    split = [STORY[0], f"{first}. Bottled water {rest.removeprefix('bottled water ')}", *STORY[2:]]
    return doc("a", STORY), doc("b", split)


def test_sentence_split_in_two_is_a_one_to_two_pair():
    a, b = split_story()
    assert len(b.sentences) == len(a.sentences) + 1
    al = align(a, b)
    assert [(p.a, p.b) for p in al.pairs] == [
        ((0,), (0,)),
        ((1,), (1, 2)),
        ((2,), (3,)),
        ((3,), (4,)),
    ]
    assert al.pairs[1].relation == "edited"


def test_two_sentences_merged_into_one_is_a_two_to_one_pair():
    a, b = split_story()
    al = align(b, a)
    assert ((1, 2), (1,)) in [(p.a, p.b) for p in al.pairs]
    assert al.a_aligned == frozenset(range(len(b.sentences)))


def test_seed_split_sentence_is_a_one_to_two_pair():
    al = aligned("seeds", "002.txt", "001.txt")
    (pair,) = [p for p in al.pairs if p.a == (1,)]
    assert pair.b == (1, 2)  # 001 splits 002's interview sentence in two


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.permutations(range(len(STORY))))
def test_reordered_paragraphs_still_align(order):
    a = doc("a", STORY)
    b = doc("b", [STORY[i] for i in order])
    al = align(a, b)
    assert sorted((p.a, p.b) for p in al.pairs) == [
        ((i,), (order.index(i),)) for i in range(len(STORY))
    ]
    assert all(p.relation == "verbatim" for p in al.pairs)


def test_empty_document_aligns_to_nothing():
    assert align(doc("a", STORY), doc("e", [""])).pairs == ()
