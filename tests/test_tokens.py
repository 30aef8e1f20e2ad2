"""Tests for provenance.tokens: normalisation, spelling keys, stems and word weights."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provenance.tokens import (
    STOPWORDS,
    Weights,
    content_stems,
    fold,
    normalize,
    spelling_key,
    stem,
    words,
)

# --- normalize / fold / words --------------------------------------------------------------


def test_normalize_folds_curly_quotes_to_straight():
    assert normalize("“Of course,” he said. ‘It’s over.’") == "\"Of course,\" he said. 'It's over.'"


def test_normalize_folds_dashes_to_hyphen():
    assert normalize("Moscow — Kyiv – Minsk ‑ Riga − 2") == "Moscow - Kyiv - Minsk - Riga - 2"


def test_normalize_keeps_case_and_other_punctuation():
    assert normalize("The U.S. Treasury (OFAC): 50%!") == "The U.S. Treasury (OFAC): 50%!"


def test_fold_makes_curly_and_straight_copies_equal():
    curly = "Trump said “it didn’t feel right” — to him."
    straight = 'trump  said "it didn\'t feel right" - to him.'
    assert fold(curly) == fold(straight)


def test_words_are_lower_case_with_apostrophes_kept():
    assert words("Russia’s TWO largest firms, 3.5%") == ["russia's", "two", "largest", "firms",
                                                        "3.5%"]


# --- spelling_key ----------------------------------------------------------------------------

BRITISH_AMERICAN = [
    ("cancelled", "canceled"),
    ("cancelling", "canceling"),
    ("travelling", "traveling"),
    ("travelled", "traveled"),
    ("colour", "color"),
    ("colours", "colors"),
    ("honoured", "honored"),
    ("criticised", "criticized"),
    ("criticise", "criticize"),
    ("organisation", "organization"),
    ("analysed", "analyzed"),
    ("defence", "defense"),
    ("centre", "center"),
    ("centres", "centers"),
    ("programme", "program"),
    ("grey", "gray"),
]


@pytest.mark.parametrize(("british", "american"), BRITISH_AMERICAN)
def test_spelling_key_folds_british_onto_american(british, american):
    assert spelling_key(british) == spelling_key(american) == american


@pytest.mark.parametrize("word", ["four", "hour", "your", "tour", "all", "will", "hours",
                                  "yours", "tours", "pour", "detour", "willing", "fall"])
def test_spelling_key_leaves_ordinary_words_alone(word):
    assert spelling_key(word) == word


@pytest.mark.parametrize(
    ("british", "american"),
    [
        pytest.param("metre", "meter", id="metre"),
        pytest.param("kilometres", "kilometers", id="kilometres"),
        pytest.param("litre", "liter", id="litre"),
        pytest.param("theatre", "theater", id="theatre"),
        pytest.param("defences", "defenses", id="defences"),
        pytest.param("programmes", "programs", id="programmes"),
        pytest.param("fuelled", "fueled", id="fuelled"),
        pytest.param("colourful", "colorful", id="colourful"),
        pytest.param("favourite", "favorite", id="favourite"),
        pytest.param("fertiliser", "fertilizer", id="fertiliser"),
    ],
)
@pytest.mark.xfail(
    reason="spelling_key misses common UK forms: the -tre rule needs 3 letters before 'tre' "
    "and a consonant (centre yes, metre/litre/theatre no); _UK_US entries fold only the "
    "singular (defence yes, defences no); the -ll- rule needs len > 7 (fuelled no); -our- "
    "and -iser inside a longer word are not folded",
    strict=True,
)
def test_spelling_key_folds_more_british_forms(british, american):
    assert spelling_key(british) == spelling_key(american)


@given(st.sampled_from([w for pair in BRITISH_AMERICAN for w in pair]))
def test_spelling_key_is_idempotent(word):
    assert spelling_key(spelling_key(word)) == spelling_key(word)


# --- stem / content_stems ---------------------------------------------------------------------


def test_stem_maps_inflections_of_sanction_together():
    assert stem("sanctions") == stem("sanctioned") == stem("sanctioning") == stem("sanction")


@pytest.mark.parametrize(("british", "american"), [("cancelled", "canceled"),
                                                    ("criticised", "criticized"),
                                                    ("defence", "defense")])
def test_stem_folds_spelling_too(british, american):
    assert stem(british) == stem(american)


def test_stem_keeps_numbers_whole():
    assert stem("2022") == "2022"
    assert stem("3.5%") == "3.5%"


def test_content_stems_drop_stop_words_and_keep_order():
    assert content_stems("The Kremlin said the sanctions were imposed") == [
        stem("kremlin"), stem("sanctions"), stem("imposed")]


# --- Weights -------------------------------------------------------------------------------


def collection() -> Weights:
    """Ten small 'articles': every one has 'the' and 'kremlin', one has 'rosneft'."""
    docs = [["the", "kremlin", f"topic{i}"] for i in range(10)]
    docs[3].append("rosneft")
    return Weights.from_documents(docs)


def test_frequent_words_weigh_less_than_rare_ones():
    weights = collection()
    assert weights("the") < weights("rosneft")
    assert weights("kremlin") < weights("rosneft")


def test_unseen_word_weighs_as_much_as_the_rarest():
    weights = collection()
    assert weights("lukoil") == pytest.approx(1.0)
    assert weights("rosneft") == pytest.approx(1.0)


def test_stop_words_are_dropped_before_weighting_in_the_pipeline():
    stems = content_stems("The Kremlin said on Sunday that it would respond")
    assert not set(stems) & STOPWORDS


@pytest.mark.xfail(
    reason="Weights' docstring says stop words weigh nothing, but Weights has no stop list: "
    "built the pipeline's way (from content_stems) a stop word is unseen and gets the "
    "maximum weight 1.0",
    strict=True,
)
def test_stop_words_weigh_nothing():
    weights = Weights.from_documents([content_stems("The Kremlin said the talks will go on")])
    assert weights("the") < weights("kremlin")


@pytest.mark.xfail(
    reason="Weights divides by log(total / 2), which is 0 when n_docs + prior == 1 "
    "(prior=0 with one document): ZeroDivisionError instead of a weight",
    strict=True,
)
def test_weights_without_prior_on_one_document():
    weights = Weights.from_documents([["kremlin"]], prior=0)
    assert 0.0 <= weights("kremlin") <= 1.0


small_words = st.sampled_from(["the", "kremlin", "peskov", "sanction", "rosneft", "lukoil",
                               "summit", "budapest", "ceasefire", "x"])


@settings(max_examples=60)
@given(st.lists(st.lists(small_words, max_size=8), max_size=30), small_words)
def test_weights_lie_in_unit_interval(docs, probe):
    weights = Weights.from_documents(docs)
    for word in {w for d in docs for w in d} | {probe, "never-seen"}:
        assert 0.0 <= weights(word) <= 1.0


@settings(max_examples=60)
@given(st.lists(st.lists(small_words, max_size=8), min_size=1, max_size=30))
def test_weight_falls_as_document_frequency_rises(docs):
    weights = Weights.from_documents(docs)
    seen = sorted({w for d in docs for w in d}, key=lambda w: weights.df[w])
    for rarer, commoner in zip(seen, seen[1:]):
        assert weights(rarer) >= weights(commoner)
