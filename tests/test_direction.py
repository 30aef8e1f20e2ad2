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
    assert "a has details b lacks: 2" in said.detail
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
    assert "a has details b lacks: (the third this year)" in said.detail
    assert said.weight > 0


def test_details_are_shown_as_the_text_writes_them_not_as_compared():
    aside = STORY[1].replace("Engineers said", "Engineers (led by CEO Anna Berg, 52) said")
    a = doc("a", [STORY[0], aside, *STORY[2:]])
    b = doc("b", [STORY[0], STORY[1], *STORY[2:]])
    (said,) = [e for e in decide(align(a, b)).evidence if e.kind == "asymmetry"]
    assert "(led by CEO Anna Berg, 52)" in said.detail  # compared folded, shown as written
    assert "(ceo" not in said.detail


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
    assert "with_framing's own sentences add no name, number or quotation" in framing.detail
    assert "names nothing" not in detail.detail


def test_a_copy_that_adds_framing_is_not_taken_for_the_source_of_what_it_cut():
    # The source, cut to the part the copy used, has an aside the copy dropped; the copy
    # adds a summing-up. The dropped aside outweighs the added framing.
    source = doc("source", [STORY[0], STORY[1] + " (the third this year)", *STORY[2:4]])
    copy = doc("copy", [STORY[0], STORY[1], *STORY[2:4], *FRAMING])
    assert decide(align(source, copy)).relation == "a->b"
    assert decide(align(copy, source)).relation == "b->a"


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


# --- copied wording: what independent reports of one event would not share -------------------
#
# Two reporters at one port: the same statement, the same tweet, the same facts, each in
# their own words.

CRANE_HERALD = [
    "Three dock workers were injured on Sunday afternoon when a 42-metre crane toppled onto "
    "Quay 7 at the Port of Brannock, port officials said.",
    "The crane, operated by Vantor Logistics, fell at about 2:15 p.m. while it was unloading "
    "steel coils from a cargo ship.",
    "All three men were taken to St. Aldric's Hospital; one of them was in serious condition "
    "on Sunday night.",
    '"We are shocked by what happened this afternoon. Our first thoughts are with the three '
    "workers and their families. We have stopped all crane work on Quay 7 until inspectors "
    'tell us it is safe," port director Helena Strand said in a statement.',
    'Mayor Tomas Ridley wrote on Twitter: "Thinking of the three workers hurt at the port '
    'today. The city will support the investigation in every way."',
    "The national safety board said it had sent two inspectors to the quay.",
    "Witnesses described a loud crack before the jib swung sideways and came down across two "
    "parked trucks.",
    "Vantor Logistics did not respond to a request for comment.",
]
CRANE_TIMES = [
    "A container crane collapsed at the Port of Brannock on Sunday, leaving three workers "
    "hurt, one of them seriously.",
    "The 42-metre machine came down on Quay 7 shortly after 2:15 p.m., during the unloading of "
    "a freighter carrying steel coils.",
    "Helena Strand, the port's director, said in a statement: “We are shocked by what happened "
    "this afternoon. Our first thoughts are with the three workers and their families. We have "
    "stopped all crane work on Quay 7 until inspectors tell us it is safe.”",
    "The injured men were brought to St. Aldric's Hospital.",
    '"Thinking of the three workers hurt at the port today. The city will support the '
    'investigation in every way," Mayor Tomas Ridley tweeted.',
    "Vantor Logistics, which runs the crane, said it was cooperating with the authorities.",
    "Two inspectors from the national safety board arrived at the port in the evening.",
    "Dock union leader Mara Quist said members had complained about the crane's brakes last "
    "spring.",
]


def kinds(verdict: Verdict) -> set[str]:
    return {e.kind for e in verdict.evidence}


def test_independent_reports_sharing_a_statement_a_tweet_and_facts_are_not_derived():
    from provenance.pipeline import compare

    comparison = compare("\n\n".join(CRANE_HERALD), "\n\n".join(CRANE_TIMES))
    assert len(comparison.pairs) >= 4  # the quotation, the tweet and facts align
    assert comparison.verdict.relation == "none"


def test_without_copied_wording_the_independent_reports_are_taken_for_a_derivation():
    from provenance import rules
    from provenance.pipeline import compare

    with rules.without(["copied-wording"]):
        comparison = compare("\n\n".join(CRANE_HERALD), "\n\n".join(CRANE_TIMES))
    assert comparison.verdict.relation in ("a->b", "b->a")  # the rule is what tells them apart
    assert "copying" not in kinds(comparison.verdict)


def test_a_copy_word_for_word_shows_copying():
    from provenance.pipeline import compare

    copy = [
        "A crane accident at the Port of Brannock left three men in hospital on Sunday.",
        *CRANE_HERALD[:5],
        CRANE_HERALD[5].replace("said it had sent", "has sent"),
        CRANE_HERALD[6],
    ]
    verdict = compare("\n\n".join(CRANE_HERALD), "\n\n".join(copy)).verdict
    assert verdict.relation == "a->b"
    (shown,) = [e for e in verdict.evidence if e.kind == "copying"]
    assert "runs of five or more" in shown.detail and "passage" not in shown.detail


# A digest: forty-odd sentences of other news holding a six-paragraph brief lifted word for
# word from a long story. The brief is under a fifth of either text, but a passage that long
# is no coincidence.
DIGEST_BRIEF = [
    "Water levels in the Sorrel reservoir fell to 31 percent of capacity on Monday, the lowest "
    "reading since records began in 1962, the Calder Basin Water Authority said.",
    "The authority told the 640,000 households it supplies that a ban on garden hoses and car "
    "washing will take effect on Friday and stay in place until further notice.",
    "Farmers who draw water from the Calder canal will have their allowance cut by a quarter from "
    "the start of next month, under an emergency order signed by the regional governor.",
    "Rainfall across the basin has been less than half the seasonal average since February, and "
    "forecasters expect no significant rain for at least another three weeks.",
    "The authority is bringing two disused wells near the town of Dunholm back into service and "
    "has asked neighbouring utilities to lend it tanker trucks.",
    "Its chief engineer, Petra Lindqvist, said households that ignore the ban could face fines of "
    "up to 500 euros, although inspectors would give a warning first.",
]
DIGEST_STORY_REST = [
    "The Sorrel reservoir was built in the late 1950s to supply the fast-growing towns of the "
    "lower Calder valley.",
    "It holds about 180 million cubic metres when full, enough to serve the basin for roughly two "
    "years without rain.",
    "Engineers at the authority check the level every morning from a gauge house on the northern "
    "dam.",
    "The last time the reservoir dropped below forty percent was during the long dry summer of "
    "1976.",
    "That year the authority cut supply to some villages at night and handed out water from "
    "standpipes in the street.",
    "Officials insist that nothing like that is planned this time, provided people keep to the "
    "hose ban.",
    "Household use in the basin rose by about eight percent during the warm spell in April and "
    "May.",
    "Much of that increase came from gardens and swimming pools in the suburbs west of the city.",
    "The authority has started sending letters to its largest customers, including hotels and "
    "sports clubs.",
    "Golf courses in the valley have been asked to water only their greens and to do so after "
    "dark.",
    "Two of the three courses have already agreed, according to the regional tourism board.",
    "Farmers have reacted with alarm to the planned cut in their canal allowance.",
    "Many of them grow maize and sugar beet, crops that need steady watering through the summer.",
    "The regional farmers union said a cut of a quarter could halve the yield on some holdings.",
    "It has asked the governor to delay the order until the union can present its own proposals.",
    "The governor's office said the order would go ahead but that it would review it every two "
    "weeks.",
    "Vineyards on the southern slopes are less exposed, because most of them rely on drip "
    "irrigation from private wells.",
    "Scientists at the regional university say the basin has become drier over the past three "
    "decades.",
    "Average spring rainfall has fallen by about a tenth since the early 1990s, their figures "
    "show.",
    "At the same time, summers have grown longer and hotter, which increases evaporation from "
    "open water.",
    "The university's hydrology team has recommended raising the northern dam by two metres.",
    "That project was approved in principle ten years ago but has never been funded.",
    "Its cost was last estimated at around 90 million euros, a sum the authority cannot raise "
    "alone.",
    "The national environment ministry said it would send a team of engineers to the basin next "
    "week.",
    "A spokesman for the ministry declined to say whether any emergency funding would be offered.",
    "The two wells near Dunholm were closed in 2004 after tests found high levels of nitrates.",
    "The authority says modern filters will now allow their water to be blended safely with "
    "reservoir water.",
    "Together the wells could supply about five percent of the basin's daily demand.",
    "Tanker trucks would be used mainly to serve hill villages at the end of the supply network.",
    "Those villages are the first to lose pressure when the reservoir is low, the authority said.",
    "Residents of the hill village of Orrin said their taps had already run dry twice this month.",
    "The authority apologised and said it had installed a temporary pump to raise pressure there.",
    "Environmental groups have welcomed the hose ban but say it comes several weeks too late.",
    "They are also calling for an end to new housing developments in the valley until supply is "
    "secure.",
    "The city council rejected a similar call last year, saying the valley needed thousands of "
    "new homes.",
    "Fishing clubs have reported dead fish in several streams that feed the reservoir.",
    "The authority said it would lower the water it releases downstream only as a last resort.",
    "A public meeting on the drought plan will be held at the Dunholm town hall on Thursday "
    "evening.",
    "The authority's board will meet again at the end of the month to decide whether the ban "
    "should be widened to parks and public fountains.",
    "Water from the reservoir is also used to cool the power station at Haverleigh, which has "
    "been told to prepare for reduced output.",
    "The station's operator said it could switch to its backup cooling towers for several weeks "
    "if necessary.",
    "Hydrologists will fly a small survey plane over the upper basin on Wednesday to measure how "
    "much snow is left on the mountains.",
    "Most years the melt keeps the streams running well into July, but this winter's snowfall was "
    "among the lightest on record.",
]
DIGEST_OTHER = [
    "The city council approved a new cycle lane along the length of Harbour Road on Tuesday night.",
    "The lane will run for four kilometres and is due to open before the end of the year.",
    "Shop owners on the road had opposed the plan because it removes about sixty parking spaces.",
    "The council said a new car park behind the market hall would make up for most of them.",
    "Police are appealing for witnesses after a jewellery shop on Bridge Street was broken into "
    "early on Sunday.",
    "Thieves smashed the front window and took watches and rings worth several thousand euros.",
    "Officers believe two men on a scooter were involved and have released images from a street "
    "camera.",
    "The regional orchestra has named the violinist Anouk Vermeer as its new leader.",
    "She joins from a chamber ensemble in the capital and will play her first concert in "
    "September.",
    "The orchestra's autumn season opens with a programme of Dvorak and Sibelius.",
    "Work on the new children's hospital wing is running four months behind schedule, the health "
    "board said.",
    "The delay was blamed on a shortage of steel and on flooding at the site in the winter.",
    "The wing, which will add forty beds, is now expected to open next spring.",
    "The county's largest employer, the glassworks at Fenmoor, plans to hire two hundred people "
    "over the next year.",
    "The company said demand for its bottles from breweries abroad had grown faster than expected.",
    "Most of the new jobs will be on the night shift at its second furnace.",
    "A stretch of the coastal footpath near Kellow Point has been closed after a cliff fall.",
    "Walkers are being directed onto a road diversion that adds about two kilometres.",
    "Rangers say the path may stay closed until geologists have examined the cliff face.",
    "The public library in Westgate will open on Sundays from next month for the first time in "
    "its history.",
    "The trial will last six months and is paid for by a grant from a local charitable trust.",
    "Librarians hope the extra day will draw families and students during exam season.",
    "United came from two goals down to draw three-all with the league leaders on Saturday "
    "afternoon.",
    "Their striker scored twice in the last ten minutes in front of a crowd of more than eleven "
    "thousand.",
    "The manager praised his players' spirit but said the defending in the first half had been "
    "poor.",
    "Bus fares across the region will rise by an average of five percent in July.",
    "The transport authority said higher fuel and wage costs left it with no choice.",
    "Children under twelve will continue to travel free on all routes.",
    "The old cinema on Market Square is to be turned into a theatre and arts centre.",
    "A community group raised the money to buy the building after it closed three years ago.",
    "Volunteers will begin clearing the auditorium next weekend and are asking for help.",
    "A new ferry service between Kellow and the islands will start running at Easter.",
    "The crossing will take forty minutes, half the time of the current service.",
    "Islanders have long complained that the old ferry was unreliable in winter storms.",
    "The regional court has fined a waste company 60,000 euros for dumping building rubble in a "
    "nature reserve.",
    "Inspectors found several lorry loads of broken concrete and plastic at the edge of the marsh.",
    "The company must also pay to clear the site within three months.",
    "Applications for the autumn term at the technical college have risen by a fifth, the "
    "principal said.",
    "Courses in electrical engineering and nursing were the most popular.",
    "The college plans to open two new workshops to cope with the extra students.",
    "The annual flower show in Brightwater Park drew a record number of visitors over the "
    "weekend, its organisers said on Monday.",
    "A retired teacher from Fenmoor won the prize for the best rose garden for the third year in "
    "a row.",
    "Next year's show will add a section for vegetables grown on town allotments.",
    "Road works on the ring road near the university will close two lanes overnight for the rest "
    "of the week.",
    "Drivers heading for the airport are advised to leave at least twenty minutes earlier than "
    "usual.",
]


def digest_pair() -> Alignment:
    story = doc(
        "story",
        ["Reservoir at record low", *DIGEST_BRIEF, *DIGEST_STORY_REST],
        published="2025-06-02T07:30:00+00:00",
    )
    digest = doc(
        "digest",
        ["Morning briefing", *DIGEST_OTHER[:20], *DIGEST_BRIEF, *DIGEST_OTHER[20:]],
        published="2025-06-02T12:00:00+00:00",
    )
    return align(story, digest)


def test_a_brief_copied_into_a_digest_is_a_passage_of_reuse():
    from provenance.copying import CopyEvidence
    from provenance.direction import DEFAULT

    al = digest_pair()
    found = CopyEvidence.of(al)
    assert found.copied >= DEFAULT.passage  # the brief, word for word
    assert found.containment < DEFAULT.copied  # but under a fifth of the shorter text
    assert found.order_coverage < DEFAULT.rewrite_coverage  # and no rewrite in order
    verdict = decide(al)
    assert verdict.relation == "a->b"
    (shown,) = [e for e in verdict.evidence if e.kind == "copying"]
    assert "a passage reused" in shown.detail


def test_a_digest_is_found_by_its_passage_alone():
    from provenance.direction import DeriveSettings

    al = digest_pair()
    assert decide(al, settings=DeriveSettings(passage=10_000)).relation == "none"


# A desk's rewrite: every sentence of the story reworded, names and numbers kept, in order.
VIADUCT = [
    "The Orlen Valley rail line will close for eleven weeks from March 3 so that engineers can "
    "replace the Kestrow viaduct, the operator Northway Rail said on Tuesday.",
    "The 140-year-old viaduct carries about 9,000 passengers a day between Haldon and Mirefield.",
    "Inspectors found cracks in four of its eleven stone arches during a survey last autumn.",
    "Northway Rail will run replacement buses every fifteen minutes while the line is shut.",
    "The work is expected to cost 38 million euros, most of it paid by the regional government.",
    "Regional transport minister Ilse Varga called the closure painful but unavoidable.",
    "Commuter groups said the buses would add at least forty minutes to a journey to Mirefield.",
    "Shops near Haldon station fear losing trade while trains are not running.",
    "A temporary steel bridge will be built beside the old viaduct before the arches are taken "
    "down.",
    "The line is due to reopen on May 19, a week before the Mirefield music festival.",
]
VIADUCT_REWRITE = [
    "Northway Rail announced on Tuesday that it is shutting the Orlen Valley line for eleven "
    "weeks starting March 3, while crews rebuild the Kestrow viaduct.",
    "Some 9,000 people travel across the 140-year-old structure each day on trains linking "
    "Haldon with Mirefield.",
    "A survey carried out last autumn discovered cracking in four of the viaduct's eleven arches.",
    "During the shutdown, buses operated by Northway Rail will replace trains, leaving every "
    "fifteen minutes.",
    "Most of the 38 million euro bill will be met by the regional government.",
    "Ilse Varga, the region's transport minister, described the shutdown as unavoidable, if "
    "painful.",
    "According to commuter groups, travelling to Mirefield by bus will take forty minutes "
    "longer or more.",
    "Traders close to Haldon station are worried that they will lose customers without the trains.",
    "Before the old arches are demolished, crews will put up a temporary steel bridge "
    "alongside them.",
    "Trains should return on May 19, seven days ahead of the Mirefield music festival.",
]


def test_a_rewrite_that_follows_the_story_in_its_order_is_a_derivation():
    from provenance.copying import CopyEvidence
    from provenance.direction import DEFAULT

    al = align(doc("story", VIADUCT), doc("rewrite", VIADUCT_REWRITE))
    found = CopyEvidence.of(al)
    assert found.containment < DEFAULT.copied  # few runs of five words alike
    verdict = decide(al)
    assert verdict.relation in ("a->b", "b->a")
    (shown,) = [e for e in verdict.evidence if e.kind == "copying"]
    assert "retell the other text's in the same order" in shown.detail


def test_the_same_rewritten_sentences_in_another_order_are_no_derivation():
    # independent reports share facts in any order; a desk's rewrite keeps its source's
    shuffled = [VIADUCT_REWRITE[i] for i in (9, 4, 7, 1, 6, 0, 8, 3, 5, 2)]
    verdict = decide(align(doc("story", VIADUCT), doc("shuffled", shuffled)))
    assert verdict.relation == "none"


# --- site names: a web address and the outlet's name ------------------------------------------


@pytest.mark.parametrize(
    ("site", "name", "one"),
    [
        ("washingtonpost.com", "The Washington Post", True),
        ("nytimes.com", "The New York Times", True),
        ("latimes.com", "Los Angeles Times", True),
        ("cnn.com", "CNN", True),
        ("bloomberg.com", "Bloomberg", True),
        ("nypost.com", "New York Times", False),  # "ny" then "post": not "times"
        ("sfgate.com", "San Francisco Chronicle", False),  # a site under another name
        ("The Times", "Times of India", False),
        ("latimes.com", "Times of India", False),
        ("nytimes.com", "New York", False),  # the letters must all be spent
    ],
)
def test_a_site_and_its_outlets_name_are_one_outlet(site, name, one):
    from provenance.direction import _one_name, credited
    from provenance.tokens import outlet_key

    assert _one_name(outlet_key(site), outlet_key(name)) is one
    assert _one_name(outlet_key(name), outlet_key(site)) is one  # either way round
    source = Article(id="s", name="s", text="x", outlet=site)
    derived = Article(id="d", name="d", text="x", outlet="Harlow Gazette", credits=(name,))
    assert credited(source, derived) is one


@pytest.mark.parametrize(
    ("site", "words", "spelled"),
    [
        ("washingtonpost", ["washington", "post"], True),
        ("nytimes", ["new", "york", "times"], True),
        ("latimes", ["los", "angeles", "times"], True),
        ("nyt", ["new", "york", "times"], True),
        ("nypost", ["new", "york", "times"], False),
        ("sfgate", ["san", "francisco", "chronicle"], False),
        ("washington", ["washington", "post"], False),
        ("ny-times", ["new", "york", "times"], False),
    ],
)
def test_spells_reads_a_site_as_whole_words_or_initials(site, words, spelled):
    from provenance.direction import _spells

    assert _spells(site, words) is spelled


def test_without_site_names_a_web_address_is_not_its_outlet():
    from provenance import rules
    from provenance.direction import credited

    source = Article(id="s", name="s", text="x", outlet="washingtonpost.com")
    derived = Article(
        id="d", name="d", text="x", outlet="Harlow Gazette", credits=("The Washington Post",)
    )
    with rules.without(["site-names"]):
        assert credited(source, derived) is False
    assert credited(source, derived) is True


def site_and_copy() -> tuple[Document, Document]:
    body = "\n\n".join(STORY)
    # ids chosen so that an even pair would be drawn from the copy: the credit must turn it
    site = segment(Article(id="z", name="wapo", text=body, outlet="washingtonpost.com"))
    copy = segment(
        Article(
            id="a",
            name="gazette",
            text=f"{body}\n\nThe Washington Post contributed to this report.",
            outlet="Harlow Gazette",
        )
    )
    return site, copy


def test_a_copy_crediting_the_sites_outlet_by_name_points_at_the_site():
    from provenance.direction import credited

    site, copy = site_and_copy()
    assert copy.article.credits == ("Washington Post",)
    forward, backward = decide(align(site, copy)), decide(align(copy, site))
    assert (forward.relation, backward.relation) == ("a->b", "b->a")
    (said,) = [e for e in forward.evidence if e.kind == "credited_source"]
    assert said.weight > 0 and "washingtonpost.com" in said.detail
    assert credited(site.article, copy.article) is True
    assert credited(copy.article, site.article) is False  # the site credits no gazette


def test_two_texts_crediting_one_wire_as_their_origin_are_credited():
    from dataclasses import replace

    from provenance.direction import credited

    source = Article(id="s", name="s", text="x", outlet="Harlow Gazette", credits=("AP",))
    derived = Article(
        id="d", name="d", text="x", outlet="Tarrow Post", credits=("Associated Press",)
    )
    silent = Article(id="q", name="q", text="x", outlet="Tarrow Post")
    assert credited(source, derived) is True
    assert credited(source, silent) is False
    assert credited(replace(source, outlet=None), derived) is None  # unknown source outlet


# --- own lede: an update's new top over the whole earlier version ----------------------------

FLOOD_LATEST = "The Latest on the flooding along the Tarrow River (all times local):"
FLOOD_EARLY = [
    "11:40 a.m.",
    "The Tarrow River has risen above its banks in the town of Elsbury, and police have closed "
    "the old stone bridge to all traffic.",
    "The regional flood office says the river stood at 4.2 metres at 11 a.m., more than a "
    "metre above its usual winter level.",
    "9:15 a.m.",
    "Heavy rain overnight has pushed the Tarrow River close to the top of its banks in the "
    "lower valley.",
    "Forecasters say another 30 millimetres of rain could fall before the evening.",
    "Residents of riverside streets in Elsbury have been told to move cars and valuables to "
    "higher ground.",
]
FLOOD_NEW = [
    "2:50 p.m.",
    "Firefighters in boats have rescued 14 people from homes on Mill Lane in Elsbury, fire "
    "chief Dana Okafor says.",
    "Okafor says two of them were taken to Wexham General Hospital with mild hypothermia.",
    "1:30 p.m.",
    "The army has sent 120 soldiers and six trucks to help build sandbag walls in the village "
    "of Crayle, downstream from Elsbury.",
    "Rail operator Westline says trains between Elsbury and Portmere will not run for the rest "
    "of the day.",
]


def live_blog() -> tuple[Document, Document]:
    """Two versions of a live blog, undated and of no known outlet; ids chosen so that an
    even pair would be drawn from the later one."""
    earlier = segment(
        Article(id="z", name="earlier", text="\n\n".join([FLOOD_LATEST, *FLOOD_EARLY]))
    )
    later = segment(
        Article(id="a", name="later", text="\n\n".join([FLOOD_LATEST, *FLOOD_NEW, *FLOOD_EARLY]))
    )
    return earlier, later


def test_a_live_blogs_new_entries_on_top_mark_the_later_version():
    from provenance.direction import LEDE, added_head

    earlier, later = live_blog()
    al = align(earlier, later)
    assert added_head(al) == (0, 4)  # four new sentences after the standing first line
    verdict = decide(al)
    assert verdict.relation == "a->b"  # from the earlier version
    (said,) = [e for e in verdict.evidence if e.kind == "lede"]
    assert said.weight == LEDE
    # the later version's own names and numbers (14 people, Dana Okafor, 120 soldiers) are
    # its update, not detail the earlier one dropped
    (cov,) = [e for e in verdict.evidence if e.kind == "coverage"]
    assert cov.weight >= 0
    assert decide(align(later, earlier)).relation == "b->a"


def test_without_own_lede_the_live_blog_versions_are_not_told_apart():
    from provenance import rules

    earlier, later = live_blog()
    with rules.without(["own-lede"]):
        verdict = decide(align(earlier, later))
    assert "lede" not in kinds(verdict)
    assert sum(e.weight for e in verdict.evidence) == 0  # nothing else tells them apart
    assert "undecided" in kinds(verdict)


def test_an_excerpt_from_the_middle_of_a_source_has_no_head():
    from provenance.direction import added_head

    source = doc("source", [*STORY, *DETAIL])
    excerpt = doc(
        "excerpt", ["Villages near Emsworth face days without safe tap water.", *STORY[2:6]]
    )
    assert added_head(align(source, excerpt)) == (0, 0)
    assert added_head(align(excerpt, source)) == (0, 0)
    assert all(e.kind != "lede" for e in decide(align(source, excerpt)).evidence)


def test_a_source_that_only_goes_on_before_the_copy_reads_as_its_update():
    # the counter-example: the copy is the source's end, so the source looks like an
    # update with a new top: a copy cuts its source's tail, not its head
    from provenance.direction import added_head

    al = align(doc("longer", [*DETAIL, *STORY]), doc("end", STORY))
    assert added_head(al) == (2, 0)


@pytest.mark.parametrize(("n", "weight"), [(1, "SHORT_LEDE"), (2, "SHORT_LEDE"), (3, "LEDE")])
def test_a_head_of_one_or_two_sentences_weighs_less_than_three(n, weight):
    from provenance import direction

    head = [
        "Villages near Emsworth face days without safe tap water.",
        "Shops in Brackley sold out of bottled water by noon.",
        "Engineer Tomas Brandt of Ashford Water said 14 valves had been replaced since 2021.",
    ][:n]
    (said,) = direction.lede(align(doc("story", STORY), doc("update", [*head, *STORY])))
    assert said.weight == getattr(direction, weight)
    assert direction.SHORT_LEDE < direction.LEDE


# --- dates: which clocks two times can be compared on -----------------------------------------


def outlet_dates(
    da: str, db: str, oa: str | None = "Harlow Gazette", ob: str | None = "Tarrow Post"
) -> Evidence:
    a = segment(Article(id="a", name="a", text="\n\n".join(STORY), published=da, outlet=oa))
    b = segment(Article(id="b", name="b", text="\n\n".join(STORY), published=db, outlet=ob))
    (said,) = dates(align(a, b))
    return said


def test_times_with_zones_compare_in_utc_to_the_minute():
    from provenance.direction import TIMED

    # 08:00+03:00 is 05:00 UTC, before 06:30 UTC, though it reads later
    said = outlet_dates("2025-10-26T08:00:00+03:00", "2025-10-26T06:30:00+00:00")
    assert said.weight == TIMED
    said = outlet_dates("2025-10-26T08:00:00+03:00", "2025-10-26T05:00:00+00:00")
    assert said.weight == 0.0  # one moment


@pytest.mark.parametrize(("oa", "ob"), [("Meridian Press", "meridian press"), (None, None)])
def test_times_without_zones_on_one_clock_compare_to_the_minute(oa, ob):
    from provenance.direction import TIMED

    assert outlet_dates("2025-10-26T08:00", "2025-10-26T08:40", oa, ob).weight == TIMED
    assert outlet_dates("2025-10-26T08:40", "2025-10-26T08:00", oa, ob).weight == -TIMED


def test_unzoned_times_of_two_outlets_hours_apart_compare_by_day():
    from provenance.direction import DATED, TIMED, ZONES

    assert ZONES == 4
    # under four hours apart: either clock could be the other's local time
    assert outlet_dates("2025-10-26T08:00", "2025-10-26T11:59").weight == 0.0
    assert outlet_dates("2025-10-26T22:30", "2025-10-27T01:00").weight == DATED  # by day
    # four hours or more: no time zone difference between outlets explains that
    assert outlet_dates("2025-10-26T08:00", "2025-10-26T12:00").weight == TIMED
    assert outlet_dates("2025-10-26T18:00", "2025-10-26T08:00").weight == -TIMED


def test_a_zoned_and_an_unzoned_time_compare_by_day():
    from provenance.direction import DATED

    assert outlet_dates("2025-10-26T08:00:00+00:00", "2025-10-26T15:00").weight == 0.0
    assert outlet_dates("2025-10-26T23:00:00+00:00", "2025-10-27T01:00").weight == DATED


@pytest.mark.parametrize(
    ("x", "y", "same_clock", "compared"),
    [
        (
            "2025-10-26T08:00+03:00",
            "2025-10-26T06:30Z",
            False,
            ("2025-10-26T05:00", "2025-10-26T06:30"),
        ),
        ("2025-10-26T08:00", "2025-10-26T09:30", True, ("2025-10-26T08:00", "2025-10-26T09:30")),
        ("2025-10-26T08:00", "2025-10-26T09:30", False, ("2025-10-26", "2025-10-26")),
        ("2025-10-26T08:00", "2025-10-26T12:00", False, ("2025-10-26T08:00", "2025-10-26T12:00")),
        ("2025-10-26T08:00+00:00", "2025-10-26T08:00", True, ("2025-10-26", "2025-10-26")),
        ("2025-10-26", "2025-10-26T08:00", True, ("2025-10-26", "2025-10-26")),
        ("2025-10", "2025-10-26T08:00", True, ("2025-10", "2025-10")),
    ],
)
def test_comparable_gives_both_dates_at_the_precision_they_share(x, y, same_clock, compared):
    from provenance.direction import _comparable

    assert _comparable(x, y, same_clock=same_clock) == compared


# --- direction unknown ------------------------------------------------------------------------


def test_evidence_under_known_says_the_direction_is_undecided():
    from dataclasses import replace

    from provenance.direction import KNOWN, LEDE

    assert LEDE < KNOWN  # a lede alone does not tell
    earlier, later = live_blog()
    verdict = decide(align(earlier, later))
    assert abs(sum(e.weight for e in verdict.evidence)) < KNOWN
    assert "undecided" in kinds(verdict)
    dated = segment(replace(earlier.article, published="2025-10-26T09:00:00+00:00"))
    newer = segment(replace(later.article, published="2025-10-26T15:00:00+00:00"))
    verdict = decide(align(dated, newer))
    assert sum(e.weight for e in verdict.evidence) >= KNOWN
    assert "undecided" not in kinds(verdict)


def test_an_edge_holding_the_undecided_line_has_no_known_direction():
    from dataclasses import replace

    from provenance.export import direction_known, edge_record
    from provenance.pipeline import trace

    text = "\n\n".join(STORY)
    twins = [
        Article(id="x", name="x", text=text),
        Article(id="y", name="y", text=text.replace("overnight", "during the night")),
    ]
    (edge,) = trace(twins).edges
    assert "undecided" in {e.kind for e in edge.evidence}
    assert direction_known(edge) is False and edge_record(edge)["direction_known"] is False
    dated = [replace(twins[0], published="2025-10-26"), replace(twins[1], published="2025-10-27")]
    (edge,) = trace(dated).edges
    assert direction_known(edge) is True


# --- slips and clauses -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("If event A is true, then event B follows.", []),  # a variable, not an article
        ("Plan A is cheaper than plan B.", []),
        ("He cancelled an forthcoming summit.", ["an forthcoming"]),
        ("She said the the board met.", ["the the"]),
        ("A apple fell on the roof of the shed.", ["A apple"]),  # an article opening a sentence
        ("The boy ate a apple and an pear.", ["a apple", "an pear"]),
        ("He ate an apple an hour ago.", []),
        ("They said that that was fine.", []),  # a doubled word English allows
    ],
)
def test_slips_read_articles_and_doubled_words(text, found):
    assert slips(text) == found


@pytest.mark.parametrize(
    "text", ["If you are told to leave, leave right away.", "Well, well, what have we here?"]
)
def test_a_word_repeated_across_a_comma_is_no_slip(text):
    assert slips(text) == []


def test_times_are_written_with_their_zone_as_people_write_them():
    from provenance.direction import day_written, when

    assert when("2025-10-07") == "7 Oct 2025"
    assert when("2025-10-07T11:15:00+03:00") == "7 Oct 2025, 11:15 UTC+3"
    assert when("2025-10-07T11:15:00Z") == "7 Oct 2025, 11:15 UTC"
    # a zone behind UTC by hours and a half keeps its sign on the whole offset
    assert when("2025-10-07T11:15:00-03:30") == "7 Oct 2025, 11:15 UTC-3:30"
    assert day_written("2025-10-07T11:15:00-03:30") == "7 Oct 2025"
    assert day_written("2025-10-01", "month") == "Oct 2025"
    assert day_written("2025-01-01", "year") == "2025"
    assert day_written("sometime") == "sometime"
