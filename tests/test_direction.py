"""Tests for provenance.direction: who was derived from whom, and why."""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from provenance.align import align
from provenance.direction import dates, decide, errors, pair_weight, slips
from provenance.ingest import ingest
from provenance.model import (
    Alignment,
    Article,
    Document,
    EditOp,
    Evidence,
    Sentence,
    SentencePair,
    SentenceRelation,
    Verdict,
)
from provenance.pipeline import collection_weights, segment_all
from provenance.segment import segment
from provenance.tokens import QUOTATION, list_numbers

FIXTURES = Path(__file__).parent.parent / "fixtures"
FOLDERS = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
EditKind = Literal["equal", "delete", "insert", "replace"]
FLIP = {"a->b": "b->a", "b->a": "a->b", "none": "none", "common": "common"}

STORY = [
    "The Harlow water board ordered residents of three villages to boil their tap water on "
    "Thursday after a storm damaged a pumping station near Emsworth.",
    "Engineers said repairs to the station, which supplies about 4,200 homes, would take at "
    "least four days.",
    "Bottled water will be handed out at the village hall in Brackley from Friday morning.",
    "Superintendent Maria Vell said the order was a precaution because pressure had dropped "
    "below safe levels overnight.",
    "She said the board had planned an forthcoming inspection of the station for next month.",
    "Schools in the area will stay open, but restaurants must use bottled water for cooking.",
]


def doc(name: str, paragraphs: list[str], *, published: str | None = None) -> Document:
    text = "\n\n".join(paragraphs)
    return segment(Article(id=name, name=name, text=text, published=published))


@cache
def folder(name: str) -> dict[str, Document]:
    return {d.name: d for d in segment_all(ingest([FIXTURES / name]))}


def verdicts(x: Document, y: Document, documents: list[Document]) -> tuple[Verdict, Verdict]:
    weights = collection_weights(documents)
    return (decide(align(x, y, weights=weights)), decide(align(y, x, weights=weights)))


def assert_mirror(forward: Verdict, backward: Verdict, *, manner: bool = False) -> None:
    """The verdict on (B, A) mirrors the one on (A, B). ``manner`` is only compared on
    request: it is not yet antisymmetric (see test_manner_is_the_same_both_ways)."""
    assert backward.relation == FLIP[forward.relation]
    assert backward.confidence == forward.confidence
    assert backward.extent == forward.extent
    if manner:
        assert backward.manner == forward.manner
    assert backward.shared == forward.shared
    assert (backward.coverage_a, backward.coverage_b) == (forward.coverage_b, forward.coverage_a)


PAIRS = [(f, a, b) for f in FOLDERS for a, b in itertools.combinations(sorted(folder(f)), 2)]


# --- antisymmetry and range -----------------------------------------------------------------


@pytest.mark.parametrize(("folder_name", "a", "b"), PAIRS)
def test_verdicts_on_fixture_pairs_are_antisymmetric(folder_name, a, b):
    docs = folder(folder_name)
    forward, backward = verdicts(docs[a], docs[b], list(docs.values()))
    assert_mirror(forward, backward)
    assert sum(e.weight for e in forward.evidence) == pytest.approx(
        -sum(e.weight for e in backward.evidence)
    )


@pytest.mark.parametrize(("folder_name", "a", "b"), PAIRS)
def test_verdict_fields_are_in_range(folder_name, a, b):
    docs = folder(folder_name)
    v = decide(align(docs[a], docs[b], weights=collection_weights(list(docs.values()))))
    assert 0.0 <= v.confidence <= 1.0
    assert 0.0 <= v.coverage_a <= 1.0 and 0.0 <= v.coverage_b <= 1.0
    if v.relation in ("a->b", "b->a"):
        assert v.extent in ("wholly", "partially")
        assert v.manner in ("verbatim", "edited", "rewritten")
        assert v.evidence and all(e.detail for e in v.evidence)  # every verdict says why
    elif v.relation == "common":
        assert v.extent is None and v.manner in ("verbatim", "edited", "rewritten")
        assert "common_source" in {e.kind for e in v.evidence}
    else:
        assert v.confidence == 0.0 and v.extent is None and v.manner is None


CHAIN_A = [
    p for p in (FIXTURES / "chain" / "a.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()
][1:]
DATES = st.sampled_from(
    [None, "2025-03-06", "2025-03-07", "2025-03-06T18:20:00-05:00", "2025-03-07T06:45:00-05:00"]
)
SUBSET = st.lists(st.sampled_from(range(len(CHAIN_A))), min_size=1, unique=True)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(SUBSET, SUBSET, DATES, DATES, st.booleans())
def test_direction_is_antisymmetric_unless_the_evidence_is_tied(ia, ib, da, db, edit):
    tb = "\n\n".join(CHAIN_A[i] for i in ib)
    if edit:
        tb = tb.replace("neighboring", "nearby").replace("said", "told reporters", 1)
    a = segment(Article(id="A", name="a", text="\n\n".join(CHAIN_A[i] for i in ia), published=da))
    b = segment(Article(id="B", name="b", text=tb, published=db))
    forward, backward = verdicts(a, b, [a, b])
    assume(forward.relation == "none" or sum(e.weight for e in forward.evidence) != 0)
    assert_mirror(forward, backward)
    assert 0.0 <= forward.confidence <= 1.0


def test_tied_evidence_gives_mirror_verdicts():
    a = doc("a", ["Storm forces boil-water order in three villages", *STORY])
    b = doc("b", ["Villages told to boil water after storm", *STORY])
    forward, backward = verdicts(a, b, [a, b])
    assert forward.relation == FLIP[backward.relation]


def mirrored(al: Alignment) -> Alignment:
    pairs = tuple(
        SentencePair(
            p.b,
            p.a,
            p.b_text,
            p.a_text,
            p.relation,
            p.score,
            tuple(EditOp(INVERSE[e.op], e.b, e.a) for e in p.edits),
        )
        for p in al.pairs
    )
    return Alignment(al.b, al.a, pairs)


INVERSE: dict[str, EditKind] = {
    "equal": "equal",
    "replace": "replace",
    "delete": "insert",
    "insert": "delete",
}


def handmade(
    a_texts: list[str], b_texts: list[str], relations: list[SentenceRelation], *, da: str, db: str
) -> Alignment:
    """Two documents whose i-th sentences are paired, with the given relations."""

    def document(name: str, texts: list[str], published: str) -> Document:
        sentences, pos = [], 0
        for i, t in enumerate(texts):
            sentences.append(Sentence(i, i, pos, pos + len(t), t))
            pos += len(t) + 2
        text = "\n\n".join(texts)
        return Document(
            Article(id=name, name=name, text=text, published=published), tuple(sentences)
        )

    pairs = tuple(
        SentencePair((i,), (i,), x, y, r, 1.0 if r == "verbatim" else 0.9)
        for i, (x, y, r) in enumerate(zip(a_texts, b_texts, relations, strict=True))
    )
    return Alignment(document("a", a_texts, da), document("b", b_texts, db), pairs)


def test_manner_is_the_same_both_ways():
    shared = [STORY[0], STORY[1]]
    short = "Vell said it was safe."
    long_rewrite = (
        "Speaking to reporters outside the treatment works late on Thursday "
        "evening, the superintendent, Maria Vell, said at some length that in her "
        "view and in the view of her engineers there was no immediate danger to "
        "anyone in any of the three villages, provided that they followed the "
        "advice. "
    ) * 3
    al = handmade(
        shared + [short],
        shared + [long_rewrite],
        ["verbatim", "verbatim", "rewritten"],
        da="2025-03-06",
        db="2025-03-08",
    )
    forward, backward = decide(al), decide(mirrored(al))
    assert (forward.relation, backward.relation) == ("a->b", "b->a")
    assert forward.manner == backward.manner


# --- dates ------------------------------------------------------------------------------------


def dated_pair(da: str | None, db: str | None) -> Alignment:
    return align(doc("a", STORY, published=da), doc("b", STORY, published=db))


@pytest.mark.parametrize(
    ("da", "db", "sign"),
    [
        ("2025-10-26", "2025-10-27", 1),
        ("2025-10-27", "2025-10-26", -1),
        ("2025-10-26T08:00:00+03:00", "2025-10-26T09:30:00+03:00", 1),
        ("2025-10-26T09:30:00+03:00", "2025-10-26T08:00:00+03:00", -1),
        ("2025-10-25", "2025-10-26T08:00:00+03:00", 1),
    ],
)
def test_dates_favour_the_earlier_text(da, db, sign):
    (evidence,) = dates(dated_pair(da, db))
    assert evidence.kind == "dates"
    assert evidence.weight * sign > 0


@pytest.mark.parametrize(
    ("da", "db"),
    [
        (None, None),
        ("2025-10-26", None),
        (None, "2025-10-26"),
        ("2025-10-26", "2025-10-26"),
        ("2025-10-26", "2025-10-26T08:00:00+03:00"),
        ("2025-10", "2025-10-26"),
    ],
)
def test_dates_that_cannot_separate_weigh_nothing(da, db):
    (evidence,) = dates(dated_pair(da, db))
    assert evidence.weight == 0.0
    assert evidence.detail


def test_dates_compare_timestamps_across_time_zones():
    (evidence,) = dates(dated_pair("2025-11-03T14:20:00+00:00", "2025-11-03T10:05:00-05:00"))
    assert evidence.weight > 0  # A is earlier in absolute time


def test_earlier_date_decides_an_otherwise_even_copy():
    v = decide(dated_pair("2025-10-27", "2025-10-26"))
    assert v.relation == "b->a"
    assert v.evidence[0].kind == "dates"  # the strongest reason comes first


# --- slips and corrections ------------------------------------------------------------------


def test_slips_finds_wrong_article_and_doubled_word():
    assert slips("He cancelled an forthcoming summit") == ["an forthcoming"]
    assert slips("She said the the board met") == ["the the"]
    assert slips("He cancelled an upcoming summit an hour ago") == []


def corrected_pair() -> tuple[Document, Document]:
    fixed = [s.replace("an forthcoming", "an upcoming") for s in STORY]
    return doc("slip", STORY), doc("fixed", fixed)


def test_fixed_slip_favours_the_text_with_the_slip_as_source():
    slip, fixed = corrected_pair()
    forward = errors(align(slip, fixed))
    assert [(e.kind, e.weight > 0) for e in forward] == [("correction", True)]
    assert "an forthcoming" in forward[0].detail and "upcoming" in forward[0].detail
    backward = errors(align(fixed, slip))
    assert [(e.kind, e.weight < 0) for e in backward] == [("correction", True)]


def test_a_slip_changed_into_another_slip_is_no_correction():
    # a respelling that runs through a doubled word leaves it doubled: nothing was fixed
    story = [s.replace("an forthcoming", "the bridge bridge") for s in STORY]
    respelled = [s.replace("bridge", "bridges") for s in story]
    assert errors(align(doc("a", story), doc("b", respelled))) == []
    slip, fixed = corrected_pair()
    assert errors(align(slip, fixed))  # a real fix still counts


def test_correction_shows_in_the_verdict():
    slip, fixed = corrected_pair()
    v = decide(align(fixed, slip))
    assert v.relation == "b->a"
    assert "correction" in {e.kind for e in v.evidence}


def test_seed_001_fixes_002s_slip_and_000_carries_it():
    docs = folder("seeds")
    weights = collection_weights(list(docs.values()))
    fixed = errors(align(docs["002.txt"], docs["001.txt"], weights=weights))
    assert any(e.kind == "correction" and e.weight > 0 for e in fixed)
    carried = errors(align(docs["002.txt"], docs["000.txt"], weights=weights))
    assert any(e.kind == "shared_error" and "an forthcoming" in e.detail for e in carried)


# --- no derivation --------------------------------------------------------------------------


def test_unrelated_texts_are_not_derived():
    other = doc(
        "other",
        [
            "The orchestra announced a new principal conductor who trained in Vienna and Prague.",
            "Her first season opens in September with a cycle of Sibelius symphonies.",
            "Ticket sales for the autumn concerts have already doubled, the box office said.",
        ],
    )
    v = decide(align(doc("a", STORY), other))
    assert v.relation == "none"
    assert v.confidence == 0.0 and v.shared == 0


@pytest.mark.parametrize(("a", "b"), [("000.txt", "003.txt"), ("003.txt", "004.txt")])
def test_same_topic_seeds_are_not_derived(a, b):
    docs = folder("seeds")
    forward, _ = verdicts(docs[a], docs[b], list(docs.values()))
    assert forward.relation == "none"


def test_seed_directions_point_from_002():
    docs = folder("seeds")
    everything = list(docs.values())
    assert verdicts(docs["002.txt"], docs["001.txt"], everything)[0].relation == "a->b"
    assert verdicts(docs["002.txt"], docs["000.txt"], everything)[0].relation == "a->b"


def test_a_credit_copied_along_with_the_text_is_no_common_source():
    from provenance.model import Article
    from provenance.segment import segment

    body = (
        "Oil output rose 4 percent in March, the Xinhua news agency reported on Tuesday.\n\n"
        "The ministry said new wells in the western basin had come on stream ahead of plan.\n\n"
        "Exports to neighbouring states climbed to 310,000 barrels a day, officials said.\n\n"
        "Analysts expect output to stay near the new level through the summer months."
    )
    source = segment(Article(id="s", name="s", text=body, outlet="Anadolu Agency"))
    copy = segment(Article(id="c", name="c", text=body, outlet="Daily Sabah"))
    assert source.article.credits and copy.article.credits  # both name Xinhua, in the text
    verdict = decide(align(source, copy))
    assert verdict.relation in ("a->b", "b->a")


def test_versions_of_one_outlet_follow_the_dates_not_the_added_detail():
    from dataclasses import replace

    from provenance.model import Article
    from provenance.segment import segment

    first = (
        "A fire broke out at the Kessling rail depot on Tuesday, officials said.\n\n"
        "Crews from three stations fought the blaze through the morning.\n\n"
        "The cause of the fire was not yet known, a spokesman for the operator said."
    )
    later = first + (
        "\n\nTwo workers were treated for smoke inhalation at the scene, the operator added."
        "\n\nTrains on the northern line were diverted until late afternoon."
    )
    v1 = segment(Article(id="v1", name="v1", text=first, outlet="Meridian Press"))
    v2 = segment(Article(id="v2", name="v2", text=later, outlet="Meridian Press"))
    v1 = replace(v1, article=replace(v1.article, published="2025-05-06T08:00Z"))
    v2 = replace(v2, article=replace(v2.article, published="2025-05-06T11:30Z"))
    verdict = decide(align(v1, v2))
    assert verdict.relation == "a->b"  # the later, longer version is the update
    assert any(e.kind == "versions" for e in verdict.evidence)
    assert all(e.weight == 0 for e in verdict.evidence if e.kind != "dates")


def test_undated_copies_word_for_word_alike_say_their_direction_is_unknown() -> None:
    story = [*STORY[:3], STORY[3].replace("overnight", "during the night"), *STORY[4:]]
    x, y = doc("x", STORY), doc("y", story)
    for verdict in verdicts(x, y, [x, y]):
        assert verdict.relation in ("a->b", "b->a")
        assert "undecided" in {e.kind for e in verdict.evidence}
        assert verdict.confidence <= 0.5


def test_a_date_or_a_telling_text_leaves_no_undecided_line() -> None:
    dated = doc("x", STORY, published="2025-10-26T09:00")
    later = doc("y", STORY[:4] + STORY[5:], published="2025-10-26T11:00")
    for verdict in verdicts(dated, later, [dated, later]):
        assert "undecided" not in {e.kind for e in verdict.evidence}


def _pair(a: str, b: str) -> SentencePair:
    return SentencePair((0,), (0,), a, b, "verbatim", 1.0)


def test_a_shared_quotation_weighs_less_in_either_quote_style() -> None:
    plain = _pair(
        "The council voted to close the old bridge to heavy lorries on Monday.",
        "The council voted to close the old bridge to heavy lorries on Monday.",
    )
    double = '"Nobody expected the board to grow this fast," Fatma Howard told reporters.'
    single = "'Nobody expected the board to grow this fast,' Fatma Howard told reporters."
    both_double = pair_weight(_pair(double, double))
    assert both_double < 0.6 * pair_weight(plain)
    # British house style quotes with single marks: still a quotation, whichever side has it
    assert pair_weight(_pair(single, single)) == pytest.approx(both_double)
    assert pair_weight(_pair(single, double)) == pytest.approx(both_double)
    assert pair_weight(_pair(double, single)) == pytest.approx(both_double)


def test_apostrophes_are_not_quotation_marks() -> None:
    text = "The workers' union said it didn't expect the mayor's plan to pass this year."
    assert pair_weight(_pair(text, text)) == pytest.approx(
        pair_weight(_pair(text, text.replace("'", "")))
    )
    assert not QUOTATION.search(text)


def test_list_numbers_are_named_as_structure_not_details():
    listed = doc(
        "listed",
        [
            "The review found three failings at the Corfe Weir station:",
            "1. Its drains had not been cleared since 2019.",
            "2. Its backup generator had failed in March.",
            "3. Its alarm sent warnings by letter.",
        ],
    )
    prose = doc(
        "prose",
        [
            "The review found three failings at the Corfe Weir station.",
            "Its drains had not been cleared since 2019.",
            "Its backup generator had failed in March.",
            "Its alarm sent warnings by letter.",
        ],
    )
    (said,) = [e for e in decide(align(listed, prose)).evidence if e.kind == "asymmetry"]
    assert "listed numbers list items (1, 2, 3) where prose does not" in said.detail
    assert "details" not in said.detail  # 2019 is in both: no figure differs
    assert list_numbers("1. It rose by 3. In 2019, 4 more came.") == {"1"}


def test_a_figure_dropped_beside_a_kept_list_is_a_detail_not_a_list_number():
    items = [
        "1. The dam above the town held through the night, the county engineer said.",
        "2. The levee along the east bank was raised by the army corps last year.",
        "Emergency crews moved sandbags to the lowest streets before the rain began.",
    ]
    a = doc("a", [*items, "The river rose 2 metres on Sunday near the town of Wexley."])
    b = doc("b", [*items, "The river rose on Sunday near the town of Wexley."])
    (said,) = [e for e in decide(align(a, b)).evidence if e.kind == "asymmetry"]
    assert "a has details b lacks (2)" in said.detail
    assert "list items" not in said.detail
    assert list_numbers("It opened on Jan. 5. Later it closed.") == frozenset()


def test_an_aside_in_brackets_is_one_detail_and_a_bracketed_name_stays_a_name():
    from provenance.tokens import specifics

    found = specifics("The Kessling depot (opened by Mayor Ruth Oyelaran in 1998) was closed.")
    assert "(opened by mayor ruth oyelaran in 1998)" in found
    assert "1998" not in found and "mayor ruth oyelaran" not in found  # counted with the aside
    assert "nato" in specifics("The North Atlantic Treaty Organization (NATO) met.")
    assert specifics("Then P(A|B) = f(x, y) holds.") == set()  # a formula's brackets


def test_a_dropped_aside_is_a_detail_the_copy_lacks():
    a = doc("a", [STORY[0], STORY[1] + " (the third this year)", *STORY[2:]])
    b = doc("b", [STORY[0], STORY[1], *STORY[2:]])
    (said,) = [e for e in decide(align(a, b)).evidence if e.kind == "asymmetry"]
    assert "a has details b lacks ((the third this year))" in said.detail
    assert said.weight > 0


# A source's first paragraphs; a copy takes them, and the source goes on with more detail
# (names, figures) while the copy adds a summing-up of its own that names nothing new.
BODY = STORY[:4]
DETAIL = [
    "Engineer Tomas Brandt of Ashford Water said 14 valves had been replaced since 2021.",
    "A second pumping station at Dunmere was checked by inspectors on Thursday.",
]
FRAMING = [
    "It is a worrying situation for everyone who lives in the area.",
    "People will have to be patient and careful while the problem is being fixed.",
]


def _coverage(x: Document, y: Document) -> Evidence:
    (said,) = [e for e in decide(align(x, y)).evidence if e.kind == "coverage"]
    return said


def test_own_text_that_names_nothing_new_counts_less_than_dropped_detail():
    body = doc("body", BODY)
    with_detail = doc("with_detail", [*BODY, *DETAIL])
    with_framing = doc("with_framing", [*BODY, *FRAMING])
    detail, framing = _coverage(with_detail, body), _coverage(with_framing, body)
    assert detail.weight > 0 and framing.weight > 0  # the longer text is still the likelier source
    assert framing.weight < detail.weight / 2
    assert "what with_framing has of its own names nothing the other lacks" in framing.detail
    assert "names nothing" not in detail.detail


def test_a_copy_that_adds_framing_is_not_taken_for_the_source_of_what_it_cut():
    # The source, cut to the part the copy used, has an aside the copy dropped; the copy
    # adds a summing-up. The dropped aside outweighs the added framing.
    source = doc("source", [STORY[0], STORY[1] + " (the third this year)", *STORY[2:4]])
    copy = doc("copy", [STORY[0], STORY[1], *STORY[2:4], *FRAMING])
    assert decide(align(source, copy)).relation == "a->b"
    assert decide(align(copy, source)).relation == "b->a"


def _truncation_of(longer: Document, shorter: Document) -> Evidence:
    (said,) = [e for e in decide(align(longer, shorter)).evidence if e.kind == "truncation"]
    return said


def test_a_cut_tail_weighs_by_the_detail_in_the_tail_alone():
    opening = "Engineer Tomas Brandt of Ashford Water said 14 valves had failed since 2021."
    framed = _truncation_of(doc("s", [opening, *BODY, *FRAMING]), doc("c", BODY))
    detailed = _truncation_of(doc("s", [*BODY, *DETAIL]), doc("c", BODY))
    assert framed.weight == pytest.approx(0.5 * 0.25)  # the detailed opening is no tail
    assert "that name nothing c lacks" in framed.detail
    assert detailed.weight > framed.weight
    ruled = decide(align(doc("s", [*BODY, "* * *", "***"]), doc("c", BODY)))
    assert all(e.kind != "truncation" for e in ruled.evidence)  # rules are no tail of words


def test_an_aside_in_a_quotation_counts_once():
    from provenance.tokens import specifics

    found = specifics('He said "we wait (until tests are clear) for now" on Monday.')
    assert not any(x.startswith("(") for x in found)
    one_word = specifics("The (COVID-19) rule and (D-Calif.) apply.")
    assert {"covid", "calif"} <= one_word  # one word in brackets: names, not asides
    assert not any(x.startswith("(") for x in one_word)


def test_an_agency_under_another_name_is_credited_and_is_no_unseen_source():
    from provenance.direction import credit_audit, credited, shared_credit
    from provenance.tokens import outlet_key

    assert outlet_key("AP") == outlet_key("The Associated Press") == outlet_key("AP News")
    assert outlet_key("Anadolu Ajansı") == outlet_key("AA") == outlet_key("Anadolu Agency")
    assert outlet_key("The Hindu") == "hindu" != outlet_key("Hindustan Times")
    body = "\n\n".join(STORY)
    wire = segment(
        Article(id="w", name="w", text=f"HARLOW, England (AP) — {body}", outlet="AP News")
    )
    copy = segment(
        Article(
            id="c",
            name="c",
            text=f"{body}\n\nThe Associated Press contributed to this report.",
            outlet="Harlow Gazette",
        )
    )
    assert wire.article.credits == ("AP",) and copy.article.credits == ("Associated Press",)
    assert credited(wire.article, copy.article) is True
    assert shared_credit(wire.article, copy.article) is None  # AP credits itself, as AP
    assert [e.detail for e in credit_audit(wire, copy)] == ["c credits AP News"]
    verdict = decide(align(wire, copy))
    assert verdict.relation == "a->b"
    assert any(e.kind == "credited_source" for e in verdict.evidence)


@pytest.mark.parametrize(
    ("source", "credit", "credits"),
    [
        ("BBC", "BBC News", True),
        ("Continental News Agency", "Continental", True),  # as a credit line names it
        ("Xinhua News Agency", "Xinhua", True),
        ("AP News", "The Associated Press", True),
        ("The Times", "Times of India", False),
        ("The Sun", "Sun Sentinel", False),
        ("The Associated Press", "AAP", False),
        ("AP News", "APP", False),
        ("The Guardian", "Guardian Nigeria", False),
        # a feed's title, a web address, an edition
        ("Al Jazeera English", "Al Jazeera", True),
        ("CNN International", "CNN", True),
        ("ndtv.com", "NDTV", True),
        ("BBC News - World", "BBC", True),
        ("Reuters: World News", "Reuters", True),
        ("Fox News Channel", "Fox News", True),
        ("AP News", "Associated Press of Pakistan", False),  # two agencies
    ],
)
def test_outlets_are_one_when_their_names_say_only_news_besides(source, credit, credits):
    from provenance.direction import credited

    src = Article(id="s", name="s", text="x", outlet=source)
    der = Article(id="d", name="d", text="x", outlet="Harlow Gazette", credits=(credit,))
    assert credited(src, der) is credits
