"""The fitted model a sentence pair standing alone must satisfy besides the matcher's rule
(``AlignSettings.model``, measured in bench/matcher.py): its features, its clipping, and when
another pair of the two texts vouches for a pair instead."""

from __future__ import annotations

import numpy as np
import pytest

from provenance.align import (
    DEFAULT,
    FEATURES,
    MATCHER,
    AlignSettings,
    SentenceModel,
    align,
    pair_features,
    same_sentence,
    score_matrices,
)
from provenance.model import Article, Document
from provenance.segment import segment
from provenance.tokens import Weights, content_stems

EARNINGS = "The company said on Tuesday that profits rose 12 percent in the third quarter."
EARNINGS_MORE = (
    "The company said on Tuesday that profits rose 12 percent in the third quarter, beating "
    "the 9 percent analysts at Barclays had expected for the period."
)


def doc(name: str, paragraphs: list[str]) -> Document:
    return segment(Article(id=name, name=name, text="\n\n".join(paragraphs)))


def weights(*texts: str) -> Weights:
    return Weights.from_documents(content_stems(t) for t in texts)


def features(a: str, b: str) -> dict[str, float]:
    scores = score_matrices([a], [b], weights(a, b))
    return dict(zip(FEATURES, pair_features(scores, 0, 0, a, b), strict=True))


def test_the_shipped_model_has_a_weight_mean_and_scale_per_feature():
    assert len(MATCHER.weights) == len(MATCHER.mean) == len(MATCHER.scale) == len(FEATURES)
    assert all(s > 0 for s in MATCHER.scale)


def test_a_sentence_against_itself_shares_everything_and_lacks_nothing():
    f = features(EARNINGS, EARNINGS)
    assert f["char"] == pytest.approx(1.0)
    assert f["dice"] == pytest.approx(1.0)
    assert f["unmatched_share"] == f["unmatched"] == 0.0
    assert f["words"] == f["bigrams"] == f["trigrams"] == pytest.approx(1.0)
    assert f["numbers"] == f["negation"] == 0.0


def test_numbers_and_negation_that_differ_are_counted():
    f = features("Sales rose 5% in 2020.", "Sales did not rise 5% in 2021.")
    assert f["numbers"] == 2.0  # 2020 and 2021; 5% is on both sides
    assert f["negation"] == 1.0
    assert f["words"] < 1.0 and f["trigrams"] < f["words"]


def test_the_side_with_more_is_what_unmatched_measures():
    f = features(EARNINGS, EARNINGS_MORE)
    g = features(EARNINGS_MORE, EARNINGS)
    assert f["unmatched"] == pytest.approx(g["unmatched"])
    assert f["unmatched_share"] == pytest.approx(g["unmatched_share"])
    assert f["unmatched"] > 0 and f["unmatched_share"] > 0.3


def test_a_paragraph_long_copy_is_one_sentence_though_far_outside_the_fitted_range():
    long = " ".join(f"word{i} alpha{i}" for i in range(150)) + "."
    scores = score_matrices([long], [long], weights(long))
    f = np.array([pair_features(scores, 0, 0, long, long)])
    assert MATCHER.probability(f)[0] > 0.9
    unclipped = (f - np.array(MATCHER.mean)) / np.array(MATCHER.scale)
    raw = 1 / (1 + np.exp(-(MATCHER.intercept + unclipped @ np.array(MATCHER.weights))))
    assert raw[0] < 0.5  # what clipping prevents: its shared weight alone would sink it


def test_a_lone_sentence_that_adds_a_clause_is_no_match_but_one_vouched_for_is():
    w = weights(EARNINGS, EARNINGS_MORE)
    assert same_sentence(EARNINGS, EARNINGS_MORE, weights=w) is None  # standing alone
    rule_only = AlignSettings(model=None)
    assert same_sentence(EARNINGS, EARNINGS_MORE, weights=w, settings=rule_only) is not None
    assert same_sentence(EARNINGS, EARNINGS, weights=w) is not None
    # in texts that also share another sentence, the rule alone takes it
    shared = "Chief executive Dana Ruiz said demand for the new handsets stayed strong."
    a, b = doc("a", [EARNINGS, shared]), doc("b", [EARNINGS_MORE, shared])
    assert [(p.a, p.b) for p in align(a, b).pairs] == [((0,), (0,)), ((1,), (1,))]
    lone_a, lone_b = doc("a", [EARNINGS]), doc("b", [EARNINGS_MORE])
    assert align(lone_a, lone_b).pairs == ()


def test_a_model_that_says_no_leaves_no_pair_standing_alone():
    never = SentenceModel(
        -50.0, (0.0,) * len(FEATURES), (0.0,) * len(FEATURES), (1.0,) * len(FEATURES)
    )
    w = weights(EARNINGS)
    assert same_sentence(EARNINGS, EARNINGS, weights=w, settings=AlignSettings(model=never)) is None
    lone = doc("a", [EARNINGS])
    assert align(lone, lone, settings=AlignSettings(model=never)).pairs == ()
    twice = doc("a", [EARNINGS, EARNINGS_MORE])  # two sentences shared vouch for each other
    assert len(align(twice, twice, settings=AlignSettings(model=never)).pairs) == 2
    strict = AlignSettings(model=never, vouch=False)
    assert align(twice, twice, settings=strict).pairs == ()
    assert DEFAULT.model is MATCHER


def test_the_model_on_every_pair_drops_what_another_pair_would_vouch_for():
    shared = "Chief executive Dana Ruiz said demand for the new handsets stayed strong."
    a = doc("a", [EARNINGS, "Rain delayed the harvest in the north.", "Fares rose.", shared])
    b = doc("b", [EARNINGS_MORE, "A bridge in Lyon was closed.", "Schools shut early.", shared])
    vouched = [(p.a, p.b) for p in align(a, b).pairs]
    assert vouched == [((0,), (0,)), ((3,), (3,))]  # the shared sentence vouches for the first
    strict = AlignSettings(vouch=False)
    assert [(p.a, p.b) for p in align(a, b, settings=strict).pairs] == [((3,), (3,))]


def test_word_for_word_copies_pass_without_being_put_to_the_model():
    assert MATCHER.takes_any_copy()
    for n in (3, 30, 300):  # however long: the check the shortcut stands for
        text = " ".join(f"word{i} alpha{i}" for i in range(n)) + "."
        scores = score_matrices([text], [text], weights(text))
        assert MATCHER.says_one(pair_features(scores, 0, 0, text, text))
    harsh = SentenceModel(-9.0, MATCHER.weights, MATCHER.mean, MATCHER.scale)
    assert not harsh.takes_any_copy()


def test_a_copy_that_adds_a_clause_to_every_sentence_is_still_a_copy():
    source = [
        EARNINGS,
        "Chief executive Dana Ruiz said demand for the new handsets stayed strong in Europe.",
        "The board approved a share buyback worth 2 billion dollars over two years.",
    ]
    copy = [
        EARNINGS_MORE,
        source[1][:-1] + ", even as sales in China slipped for a second quarter.",
        source[2][:-1] + ", its largest since the group listed in New York in 2004.",
    ]
    al = align(doc("a", source), doc("b", copy))
    assert [(p.a, p.b) for p in al.pairs] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


@pytest.mark.parametrize(
    ("pairs", "apart"),
    [
        ([(0, 0)], False),
        ([(0, 0), (0, 1), (0, 2)], False),  # one sentence of A against several of B
        ([(0, 1), (2, 1)], False),  # several of A against one of B
        ([(0, 0), (1, 1)], True),
        ([(0, 1), (1, 1), (1, 0)], True),  # a cross: (0, 1) and (1, 0) lie apart
        ([(2, 2), (0, 2), (2, 0)], True),
    ],
)
def test_two_pairs_apart_are_in_different_sentences_of_both_texts(pairs, apart):
    from provenance.align import _two_apart

    rows, cols = (np.array(x) for x in zip(*pairs, strict=True))
    assert _two_apart(rows, cols) is apart


def test_the_copy_check_covers_short_and_contentless_sentences():
    # a model that rejects a copied "***" (no words) must not skip the question
    words = FEATURES.index("words")
    picky = SentenceModel(
        MATCHER.intercept,
        tuple(3.0 if k == words else w for k, w in enumerate(MATCHER.weights)),
        MATCHER.mean,
        MATCHER.scale,
    )
    assert not picky.takes_any_copy()
