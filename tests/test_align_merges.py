"""Tests for provenance.align's groups: a run of sentences condensed into one, and a sentence
split in two whose halves are not a match on their own."""

from __future__ import annotations

from provenance.align import AlignSettings, align, same_sentence
from provenance.model import Alignment, Article, Document
from provenance.segment import segment
from provenance.tokens import Weights, content_stems

REVIEW = [
    "The county council published its review of last winter's flooding on Tuesday.",
    "The review found four failings:",
    "1. Drains on Mill Lane had not been cleared since 2019.",
    "2. Sandbags reached Ashcombe two days after the river burst its banks.",
    "3. Warnings were sent by letter rather than by text message.",
    "4. The pumping station at Corfe Weir had no backup generator.",
    "Councillor Ruth Danby said the authority accepted every finding.",
]
REVIEW_CONDENSED = [
    "The county council released its review of last winter's floods on Tuesday.",
    "It found that Mill Lane drains went uncleared since 2019, sandbags reached Ashcombe "
    "two days after the river burst, warnings went by letter instead of text message and "
    "the Corfe Weir pumping station lacked a backup generator.",
    "Councillor Ruth Danby said the authority accepted every finding.",
]

FERRY = [
    "Harbour officials said the ferry Saltmarsh Queen ran aground on a sandbar outside "
    "Pellow Cove at dawn, and that all 212 passengers were carried ashore by lifeboat crews "
    "from Tremarsh.",
    "The operator has cancelled its crossings for the rest of the week.",
]
FERRY_SPLIT = [
    "Weather on the coast was calm on Sunday morning.",
    "The Saltmarsh Queen got stuck on a sandbar off Pellow Cove at dawn.",
    "Lifeboats from Tremarsh brought its 212 passengers to land.",
]


def doc(name: str, paragraphs: list[str]) -> Document:
    return segment(Article(id=name, name=name, text="\n\n".join(paragraphs)))


def groups(al: Alignment) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(p.a, p.b) for p in al.pairs]


def pair_weights(a: Document, b: Document) -> Weights:
    """The weights ``align`` uses for two documents when given none."""
    return Weights.from_documents(
        [content_stems(" ".join(s.text for s in d.sentences)) for d in (a, b)]
    )


def test_list_condensed_into_one_sentence_joins_every_item():
    a, b = doc("a", REVIEW), doc("b", REVIEW_CONDENSED)
    assert [s.text[:2] for s in a.sentences[2:6]] == ["1.", "2.", "3.", "4."]
    assert groups(align(a, b)) == [((0,), (0,)), ((2, 3, 4, 5), (1,)), ((6,), (2,))]


def test_condensed_list_is_one_group_from_either_side():
    a, b = doc("a", REVIEW), doc("b", REVIEW_CONDENSED)
    assert groups(align(b, a)) == [((0,), (0,)), ((1,), (2, 3, 4, 5)), ((2,), (6,))]


def test_a_list_item_the_sentence_leaves_out_is_not_joined():
    a = doc("a", REVIEW)
    dropped = REVIEW_CONDENSED[1].replace(
        "sandbags reached Ashcombe two days after the river burst, ", ""
    )
    b = doc("b", [REVIEW_CONDENSED[0], dropped, REVIEW_CONDENSED[2]])
    joined = [p.a for p in align(a, b).pairs if p.b == (1,)]
    assert joined and all(3 not in group for group in joined)  # the run stops at the gap


def test_split_sentence_whose_halves_do_not_match_alone_is_a_one_to_two_pair():
    # the two texts also share the operator's sentence, which vouches for the split rewrite
    a, b = doc("a", FERRY), doc("b", [*FERRY_SPLIT, FERRY[1]])
    weights = pair_weights(a, b)
    whole = a.sentences[0].text
    assert same_sentence(whole, b.sentences[1].text, weights=weights) is None
    assert same_sentence(whole, b.sentences[2].text, weights=weights) is None
    al = align(a, b)
    assert groups(al) == [((0,), (1, 2)), ((1,), (3,))]
    assert al.pairs[0].relation == "rewritten"
    assert groups(align(b, a)) == [((1, 2), (0,)), ((3,), (1,))]


def test_a_split_rewrite_that_drops_who_said_it_is_no_match_when_nothing_else_is_shared():
    # "Harbour officials said ..." against two sentences that drop who said it: with no other
    # sentence in common, the model does not read them as one sentence
    a, b = doc("a", FERRY), doc("b", FERRY_SPLIT)
    assert align(a, b).pairs == ()
    assert groups(align(a, b, settings=AlignSettings(model=None))) == [((0,), (1, 2))]


def test_sentences_that_share_only_names_with_a_longer_one_are_not_grouped():
    a = doc("a", FERRY)
    b = doc(
        "b",
        [
            "Harbour officials in Pellow Cove opened a new office on the quay.",
            "Lifeboat crews from Tremarsh held a training day for volunteers.",
        ],
    )
    assert align(a, b).pairs == ()
