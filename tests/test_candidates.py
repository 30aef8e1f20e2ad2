"""Tests for provenance.candidates: which pairs of documents are worth aligning."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.candidates import anchors, find_candidates
from provenance.ingest import ingest
from provenance.model import Article, Document
from provenance.pipeline import segment_all
from provenance.segment import segment
from provenance.tokens import stem

FIXTURES = Path(__file__).parent.parent / "fixtures"

WIRE = (
    "The Harlow water board ordered residents of three villages to boil their tap water on "
    "Thursday after a storm damaged a pumping station near Emsworth.\n\n"
    "Engineers said repairs to the station, which supplies about 4,200 homes, would take at "
    "least four days.\n\n"
    "Superintendent Maria Vell said the order was a precaution because pressure had dropped "
    "below safe levels overnight."
)
UNRELATED = (
    "The orchestra announced a new principal conductor who trained in Vienna and Prague.\n\n"
    "Her first season opens in September with a cycle of Sibelius symphonies.\n\n"
    "Ticket sales for the autumn concerts have already doubled, the box office said."
)
TOPICS = [
    "Farmers in the northern valley harvested a record wheat crop after heavy spring rains.",
    "The orchestra announced a new conductor who trained in Vienna and Prague.",
    "Engineers repaired a collapsed bridge over the Tessel river within nine days.",
    "A local bakery won a national award for its sourdough rye loaf.",
    "Astronomers observed a comet passing close to Jupiter's largest moon.",
]
BOILERPLATE = (
    "Readers get our weekly newsletter with exclusive coverage delivered straight into their inbox."
)


def doc(name: str, text: str) -> Document:
    return segment(Article(id=name, name=name, text=text))


def pairs(documents, **options) -> set[tuple[str, str]]:
    return {(c.a, c.b) for c in find_candidates(documents, **options)}


def test_anchors_are_content_stem_bigrams():
    found = anchors(doc("a", "The Kremlin imposed new sanctions on Sunday. It ended."))
    stems = [stem(w) for w in ("kremlin", "imposed", "new", "sanctions", "sunday", "ended")]
    # stop words ("the", "on", "it") are skipped; bigrams never cross a sentence end
    assert found == set(zip(stems[:4], stems[1:5], strict=True))


def test_verbatim_copy_is_a_candidate():
    found = list(find_candidates([doc("wire", WIRE), doc("copy", WIRE + "\n\nMore later.")]))
    assert [(c.a, c.b) for c in found] == [("wire", "copy")]
    assert found[0].anchors >= 10


def test_unrelated_articles_are_not_candidates():
    assert pairs([doc("wire", WIRE), doc("music", UNRELATED)]) == set()


def test_copy_is_found_among_unrelated_articles():
    docs = [doc("wire", WIRE), doc("music", UNRELATED), doc("copy", WIRE)]
    assert pairs(docs) == {("wire", "copy")}


def test_anchors_held_by_more_than_max_df_documents_are_ignored():
    docs = [doc(f"d{i}", f"{topic} {BOILERPLATE}") for i, topic in enumerate(TOPICS)]
    assert len(anchors(doc("b", BOILERPLATE))) >= 3
    assert pairs(docs, max_df=len(docs) - 1) == set()
    # the same documents with the boilerplate counted (max_df not exceeded) are all paired
    assert len(pairs(docs, max_df=len(docs))) == len(docs) * (len(docs) - 1) // 2


def test_boilerplate_shared_by_more_than_the_default_max_df_is_ignored():
    docs = [
        doc(f"d{i}", f"Story number {i} is about item {i} alone. {BOILERPLATE}") for i in range(101)
    ]
    assert pairs(docs) == set()


def test_duplicate_ids_are_never_paired():
    same = [doc("one", WIRE), doc("one", WIRE)]
    assert pairs(same) == set()


def test_seed_candidates_include_the_known_copies():
    docs = segment_all(ingest([FIXTURES / "seeds"]))
    names = {d.id: d.name for d in docs}
    found = {frozenset((names[a], names[b])) for a, b in pairs(docs)}
    assert frozenset(("002.txt", "001.txt")) in found
    assert frozenset(("002.txt", "000.txt")) in found


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from([WIRE, UNRELATED, *TOPICS, BOILERPLATE]), max_size=8),
    st.integers(1, 4),
    st.integers(1, 8),
)
def test_candidates_are_ordered_distinct_and_above_threshold(texts, min_anchors, max_df):
    docs = [doc(f"d{i}", t) for i, t in enumerate(texts)]
    order = {d.id: n for n, d in enumerate(docs)}
    found = list(find_candidates(docs, min_anchors=min_anchors, max_df=max_df))
    assert len({(c.a, c.b) for c in found}) == len(found)
    for c in found:
        assert order[c.a] < order[c.b]
        assert c.anchors >= min_anchors
        shared = anchors(docs[order[c.a]]) & anchors(docs[order[c.b]])
        assert c.anchors <= len(shared)
