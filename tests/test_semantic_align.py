"""The semantic pairs added to an alignment (``semantic_links``, ``with_semantic``): plain
matrices stand in for the embeddings' cosines, so no model is needed."""

from __future__ import annotations

import numpy as np

from provenance.model import Alignment, Article, Document, Sentence, SentencePair
from provenance.semantic import SemanticSettings, semantic_links, with_semantic


def doc(name: str, n: int) -> Document:
    texts = [f"Sentence {k} of {name} says something of its own." for k in range(n)]
    sentences, start = [], 0
    for k, text in enumerate(texts):
        sentences.append(Sentence(k, 0, start, start + len(text), text))
        start += len(text) + 1
    return Document(Article(name, name, " ".join(texts)), tuple(sentences))


def lexical(a: Document, b: Document, links: dict[int, int]) -> Alignment:
    pairs = tuple(
        SentencePair((i,), (j,), a.sentences[i].text, b.sentences[j].text, "rewritten", 0.6)
        for i, j in sorted(links.items())
    )
    return Alignment(a, b, pairs)


A, B = doc("a", 4), doc("b", 4)
SUPPORTED = np.full((4, 4), 2.0)  # every pair shares enough content words


def test_alone_takes_the_best_free_pairs_one_to_one():
    cosine = np.full((4, 4), 0.1)
    cosine[1, 2], cosine[1, 3], cosine[2, 2] = 0.9, 0.85, 0.86
    links = semantic_links(
        lexical(A, B, {0: 0}), cosine, SUPPORTED, SemanticSettings(strong=0.8, weak=None)
    )
    assert links == {1: 2}  # 2 -> 2 loses B's sentence 2 to the better 1 -> 2; 1 -> 3 loses A's 1


def test_lexically_matched_sentences_are_left_alone():
    cosine = np.full((4, 4), 0.99)
    links = semantic_links(
        lexical(A, B, {0: 0, 1: 1, 2: 2, 3: 3}), cosine, SUPPORTED, SemanticSettings(0.5, 0.5)
    )
    assert links == {}


def test_in_order_needs_a_neighbouring_match():
    cosine = np.full((4, 4), 0.1)
    cosine[1, 1] = cosine[3, 0] = 0.85
    settings = SemanticSettings(strong=None, weak=0.8)
    assert semantic_links(lexical(A, B, {0: 0}), cosine, SUPPORTED, settings) == {1: 1}
    assert semantic_links(lexical(A, B, {}), cosine, SUPPORTED, settings) == {}


def test_in_order_links_chain_from_each_other():
    cosine = np.eye(4) * 0.9
    settings = SemanticSettings(strong=None, weak=0.8)
    assert semantic_links(lexical(A, B, {0: 0}), cosine, SUPPORTED, settings) == {1: 1, 2: 2, 3: 3}


def test_lexical_support_is_required():
    cosine = np.eye(4) * 0.95
    shared = np.zeros((4, 4))
    shared[2, 2] = 1.5
    settings = SemanticSettings(strong=0.9, weak=None, min_shared=1.2)
    assert semantic_links(lexical(A, B, {}), cosine, shared, settings) == {2: 2}


def test_with_semantic_adds_rewritten_pairs_in_order_scored_by_cosine():
    cosine = np.eye(4) * 0.9
    before = lexical(A, B, {0: 0, 2: 2})
    after = with_semantic(before, cosine, SUPPORTED, SemanticSettings(strong=None, weak=0.8))
    assert [(p.a, p.b) for p in after.pairs] == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((2,), (2,)),
        ((3,), (3,)),
    ]
    added = after.pairs[1]
    assert added.score == 0.9
    assert added.a_text == A.sentences[1].text and added.b_text == B.sentences[1].text
    assert added.relation in ("edited", "rewritten")


def test_with_semantic_returns_the_alignment_when_nothing_is_added():
    before = lexical(A, B, {0: 0})
    assert with_semantic(before, np.zeros((4, 4)), SUPPORTED, SemanticSettings()) is before
