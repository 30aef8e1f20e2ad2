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
    assert words("Russia’s TWO largest firms, 3.5%") == [
        "russia's",
        "two",
        "largest",
        "firms",
        "3.5%",
    ]


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
    ("metre", "meter"),
    ("kilometres", "kilometers"),
    ("litre", "liter"),
    ("theatre", "theater"),
    ("fibre", "fiber"),
    ("defences", "defenses"),
    ("programmes", "programs"),
    ("fuelled", "fueled"),
    ("modelling", "modeling"),
    ("colourful", "colorful"),
    ("favourite", "favorite"),
    ("fertiliser", "fertilizer"),
]


@pytest.mark.parametrize(("british", "american"), BRITISH_AMERICAN)
def test_spelling_key_folds_british_onto_american(british, american):
    assert spelling_key(british) == spelling_key(american) == american


@pytest.mark.parametrize(
    "word",
    [
        "four",
        "hour",
        "your",
        "tour",
        "all",
        "will",
        "hours",
        "yours",
        "tours",
        "pour",
        "detour",
        "willing",
        "fall",
    ],
)
def test_spelling_key_leaves_ordinary_words_alone(word):
    assert spelling_key(word) == word


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("filling", "filing"),
        ("planned", "planed"),
        ("hopped", "hoped"),
        ("willing", "wiling"),
        ("council", "counsel"),
        ("pouring", "poring"),
        ("tilled", "tiled"),
        ("mourning", "morning"),
        ("scouring", "scoring"),
        ("timbre", "timber"),
    ],
)
def test_spelling_key_keeps_distinct_words_apart(one, other):
    """A folding key may change a word that has no variant, but two words must not meet."""
    assert spelling_key(one) != spelling_key(other)


@given(st.sampled_from([w for pair in BRITISH_AMERICAN for w in pair]))
def test_spelling_key_is_idempotent(word):
    assert spelling_key(spelling_key(word)) == spelling_key(word)


# --- stem / content_stems ---------------------------------------------------------------------


def test_stem_maps_inflections_of_sanction_together():
    assert stem("sanctions") == stem("sanctioned") == stem("sanctioning") == stem("sanction")


@pytest.mark.parametrize(
    ("british", "american"),
    [("cancelled", "canceled"), ("criticised", "criticized"), ("defence", "defense")],
)
def test_stem_folds_spelling_too(british, american):
    assert stem(british) == stem(american)


def test_stem_keeps_numbers_whole():
    assert stem("2022") == "2022"
    assert stem("3.5%") == "3.5%"


def test_content_stems_drop_stop_words_and_keep_order():
    assert content_stems("The Kremlin said the sanctions were imposed") == [
        stem("kremlin"),
        stem("sanctions"),
        stem("imposed"),
    ]


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


def test_stop_words_weigh_nothing():
    # built the pipeline's way, from content stems: "the" is never seen, and still weighs 0
    weights = Weights.from_documents([content_stems("The Kremlin said the talks will go on")])
    assert weights("the") == 0.0 == weights("said")
    assert weights("kremlin") > 0.0


@pytest.mark.parametrize(("docs", "prior"), [([["kremlin"]], 0), ([], 1), ([], 0)])
def test_weights_of_tiny_collections_without_prior(docs, prior):
    weights = Weights.from_documents(docs, prior=prior)
    assert 0.0 <= weights("kremlin") <= 1.0


small_words = st.sampled_from(
    [
        "the",
        "kremlin",
        "peskov",
        "sanction",
        "rosneft",
        "lukoil",
        "summit",
        "budapest",
        "ceasefire",
        "x",
    ]
)


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
    seen = sorted({w for d in docs for w in d} - STOPWORDS, key=lambda w: weights.df[w])
    for rarer, commoner in zip(seen, seen[1:], strict=False):
        assert weights(rarer) >= weights(commoner)
