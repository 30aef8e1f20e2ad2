"""Tests for provenance.segment: fields apart from the body, sentences with their spans."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance.model import Article, Document
from provenance.rules import without
from provenance.segment import (
    LONGEST,
    SHORTEST_PIECE,
    mark_boilerplate,
    segment,
    split_sentences,
)

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"


def seed(name: str) -> Document:
    """A seed file segmented on its own text alone (no manifest metadata)."""
    text = (SEEDS / name).read_text(encoding="utf-8")
    return segment(Article(id=name, name=name, text=text))


def of_text(text: str) -> Document:
    return segment(Article(id="x", name="x", text=text))


def sentences_of(text: str) -> list[str]:
    return [s.text for s in of_text(text).sentences]


def body(doc: Document) -> str:
    return "\n".join(s.text for s in doc.sentences)


def fields(doc: Document, kind: str) -> list[str]:
    return [f.text for f in doc.fields if f.kind == kind]


# --- seeds -----------------------------------------------------------------------------------


def test_seed_000_header_date_dateline_and_credits():
    doc = seed("000.txt")
    assert doc.article.published == "2025-10-26"
    assert doc.article.dateline == "Moscow, Oct 27"
    assert "IANS" in doc.article.credits
    assert "Xinhua" in doc.article.credits  # "..., Xinhua news agency reported." in the body


def test_seed_000_dateline_is_not_glued_to_the_first_sentence():
    doc = seed("000.txt")
    first = doc.sentences[0].text
    assert first.startswith("New sanctions")
    assert "IANS" not in first and "2025" not in first
    assert fields(doc, "dateline") == ["Moscow, Oct 27 (IANS)"]


def test_seed_001_title_and_credit():
    doc = seed("001.txt")
    assert doc.article.title == "Kremlin Says Putin-Trump Meeting Process Complex"
    assert "MENAFN" in doc.article.credits
    assert doc.article.published == "2025-10-26"


def test_seed_001_stray_number_and_title_are_not_body():
    doc = seed("001.txt")
    assert all("403" not in s.text for s in doc.sentences)
    assert "Kremlin Says Putin-Trump" not in body(doc)
    assert doc.sentences[0].text.startswith("The Kremlin warned Sunday")


def test_seed_002_bare_caps_dateline():
    doc = seed("002.txt")
    assert doc.article.dateline == "ISTANBUL"
    assert doc.sentences[0].text.startswith("Any summit")
    assert "ISTANBUL" not in body(doc)


def test_seed_003_outlet_and_credit():
    doc = seed("003.txt")
    assert doc.article.outlet == "Global Banking and Finance Review"
    assert "Reuters" in doc.article.credits
    assert (doc.article.title or "").startswith("Kremlin says Trump sanctions threat")


@pytest.mark.parametrize(
    "junk",
    [
        "Explore more articles in the Headlines category",
        "Posted on",
        "2 min read",
        "Last updated",
        "Published by",
        "Reporting by",
    ],
)
def test_seed_003_boilerplate_is_not_body(junk):
    assert junk not in body(seed("003.txt"))


def test_seed_003_first_sentence_after_the_dateline():
    doc = seed("003.txt")
    (dateline,) = [f for f in doc.fields if f.kind == "dateline"]
    assert dateline.text == "MOSCOW (Reuters) -"
    after = [s for s in doc.sentences if s.start >= dateline.end]
    assert after[0].text.startswith("The Kremlin said on Friday")
    assert after[0].start - dateline.end <= 1


# --- sentence splitting ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "U.S. President Donald Trump said the talks would go on.",
        "The ministers met on Oct. 27 the day after the vote.",
        "Mr. Smith went to Washington on Monday.",
        "Dr. Jane Roe and Gov. Newsom met at 5 p.m. on Friday.",
        "The company, Acme Ltd., said revenue rose 6.2% to $54.3 million in the U.K. market.",
        '"Why?" he asked the reporters.',
    ],
)
def test_abbreviations_and_numbers_do_not_end_a_sentence(sentence):
    assert sentences_of(sentence) == [sentence]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left. She stayed.", ["He left.", "She stayed."]),
        (
            "He lives in the U.K. He moved there in 2019.",
            ["He lives in the U.K.", "He moved there in 2019."],
        ),
        ('"We will win," he said. "It is time."', ['"We will win," he said.', '"It is time."']),
        (
            "Prices rose 3%. Analysts had expected more!",
            ["Prices rose 3%.", "Analysts had expected more!"],
        ),
    ],
)
def test_sentence_ends_are_split(text, expected):
    assert sentences_of(text) == expected


def test_split_sentences_spans_cover_the_paragraph_in_order():
    text = "He left. She stayed. They met on Oct. 27 in the U.S. capital."
    spans = split_sentences(text)
    assert [text[s:e].strip() for s, e in spans] == [
        "He left.",
        "She stayed.",
        "They met on Oct. 27 in the U.S. capital.",
    ]
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False))


WRAPPED_1 = (
    "The city council voted on Tuesday to close the old library on Fir Street after a long "
    "debate about costs. Residents who spoke at the meeting said the building had served the "
    "town for more than sixty years and should be kept open."
)
WRAPPED_2 = (
    "The mayor said the decision was painful but necessary. A new branch will open next "
    "spring near the station, officials said, and the old building will be sold."
)


def test_hard_wrapped_paragraphs_are_rejoined_into_sentences():
    text = textwrap.fill(WRAPPED_1, 70) + "\n\n" + textwrap.fill(WRAPPED_2, 70) + "\n"
    assert max(len(line) for line in text.splitlines()) <= 70
    doc = of_text(text)
    assert [s.text for s in doc.sentences] == [
        "The city council voted on Tuesday to close the old library on Fir Street after a long "
        "debate about costs.",
        "Residents who spoke at the meeting said the building had served the town for more than "
        "sixty years and should be kept open.",
        "The mayor said the decision was painful but necessary.",
        "A new branch will open next spring near the station, officials said, and the old "
        "building will be sold.",
    ]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1, 1]
    assert not doc.fields  # no line of the wrapped text is taken for a headline


def test_hard_wrapped_story_keeps_headline_and_dateline_apart():
    lede = (
        "LONDON (Reuters) - The Bank of England held interest rates steady on Thursday, "
        "saying inflation was still too high for a cut. Governor Andrew Bailey said the "
        "decision was close."
    )
    more = (
        "Markets had expected the move. Sterling rose slightly against the dollar after "
        "the announcement, traders said."
    )
    text = (
        "Bank of England holds rates\n\n"
        + textwrap.fill(lede, 70)
        + "\n\n"
        + textwrap.fill(more, 70)
    )
    doc = of_text(text)
    assert doc.article.title == "Bank of England holds rates"
    assert doc.article.dateline == "LONDON"
    assert "Reuters" in doc.article.credits
    assert doc.sentences[0].text == (
        "The Bank of England held interest rates steady on "
        "Thursday, saying inflation was still too high for a cut."
    )
    assert len(doc.sentences) == 4


def test_short_hard_wrapped_paragraph_is_rejoined():
    text = textwrap.fill(
        "The council voted on Tuesday to close the old library on Fir Street "
        "after a long debate. Residents said the building had served the town "
        "for sixty years.",
        70,
    )
    assert len(text.splitlines()) == 3
    assert sentences_of(text) == [
        "The council voted on Tuesday to close the old library on Fir Street after a long debate.",
        "Residents said the building had served the town for sixty years.",
    ]


# --- properties --------------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "a",
        "b",
        "X",
        "Peskov",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        ".",
        ",",
        "!",
        "?",
        '"',
        "“",
        "”",
        "'",
        "’",
        "(",
        ")",
        "-",
        "—",
        ":",
        "0",
        "27",
        "U.S.",
        "Mr.",
        "Oct.",
        "MOSCOW",
        "ISTANBUL",
        " (Reuters) -",
        "(IANS)",
        "date 2025-10-26 ",
        "Posted on July 18",
        "é",
        "ß",
        "İ",
        "ﬁ",
        "\u00a0",
        "\u2028",
        "\r",
        "…",
        "\x0b",
        "\u0085",
    ]
)
TEXTS = st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=60).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_segment_spans_are_valid_ordered_and_faithful(text):
    doc = segment(Article(id="x", name="x", text=text))
    for f in doc.fields:
        assert 0 <= f.start < f.end <= len(text)
        assert f.text == text[f.start : f.end].strip()
    previous_end = 0
    for n, s in enumerate(doc.sentences):
        assert s.index == n
        assert 0 <= s.start < s.end <= len(text)
        assert s.start >= previous_end  # increasing, no overlap
        previous_end = s.end
        assert s.text == " ".join(text[s.start : s.end].split())
        assert s.text  # never an empty sentence
        assert all(s.end <= f.start or s.start >= f.end for f in doc.fields)
    paragraphs = [s.paragraph for s in doc.sentences]
    assert paragraphs == sorted(paragraphs)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Peskov",
                "said",
                "the",
                "U.S.",
                "Oct.",
                "27",
                "talks.",
                "Mr.",
                "He",
                "left.",
                "It",
                "ended!",
            ]
        ),
        min_size=1,
        max_size=30,
    )
)
def test_sentences_lose_no_words(tokens):
    text = "Officials said " + " ".join(tokens)
    assert " ".join(sentences_of(text)).split() == text.split()


def _outlet_doc(name: str, body: str, outlet: str | None = "Daily Bugle"):
    return segment(Article(id=name, name=name, text=body, outlet=outlet))


FOOTER = "Follow the Daily Bugle on social media for the latest local news and more."


def test_outlet_footer_under_unrelated_stories_is_boilerplate():
    stories = [
        "Farmers harvested a record wheat crop after heavy spring rains in the valley.",
        "The orchestra named a new conductor who trained in Vienna and Prague.",
        "Engineers reopened the Tessel bridge nine days after it partly collapsed.",
    ]
    docs = mark_boilerplate(
        [_outlet_doc(f"d{k}", f"{story}\n\n{FOOTER}") for k, story in enumerate(stories)]
    )
    for doc, story in zip(docs, stories, strict=True):
        assert [s.text for s in doc.sentences] == [story]
        assert [s.index for s in doc.sentences] == [0]
        assert any(f.kind == "boilerplate" and f.text == FOOTER for f in doc.fields)


def test_footer_is_kept_across_outlets():
    mixed = [
        _outlet_doc(f"m{k}", f"Story number {k} about rain.\n\n{FOOTER}", outlet=f"Outlet {k}")
        for k in range(4)
    ]
    assert mark_boilerplate(mixed) == mixed


def test_a_background_paragraph_run_again_under_a_follow_up_is_kept():
    background = (
        "The Tessel bridge, built in 1931, carries the main road from Harlow to the port.\n\n"
        "Its eastern span partly collapsed during a storm on March 3."
    )
    first = (
        "Engineers closed the Tessel bridge after cracks were found near the port.\n\n"
        "Buses will take a longer route through the town centre until further notice.\n\n"
        "The county said repairs could take several weeks."
    )
    follow_up = (
        "The Tessel bridge reopened to traffic from Harlow nine days after the storm.\n\n"
        "Drivers queued on both banks before the barriers were lifted at noon.\n\n"
        "A weight limit will stay in place until the spring."
    )
    docs = [
        _outlet_doc("a", f"{first}\n\n{background}"),
        _outlet_doc("b", f"{follow_up}\n\n{background}"),
    ]
    assert mark_boilerplate(docs) == docs


def test_versions_of_one_story_by_one_outlet_are_not_boilerplate():
    lede = "An explosion tore through an apartment block in Varnholt early on Tuesday."
    second = "Rescue teams searched the rubble for residents believed to be trapped."
    versions = [
        f"{lede}\n\n{second}",
        f"{lede}\n\n{second}\n\nFire chief Anders Mollberg said 14 people were in hospital.",
        f"{lede}\n\n{second}\n\nFire chief Anders Mollberg said 14 people were in hospital."
        "\n\nThe mayor ordered checks on older buildings.",
    ]
    docs = [_outlet_doc(f"v{k}", text) for k, text in enumerate(versions)]
    assert mark_boilerplate(docs) == docs


@pytest.mark.parametrize(
    ("sentence", "credited"),
    [
        ("The Environmental Protection Agency said the river was safe again.", False),
        ("The Food Safety Agency said on Monday that recalls had doubled.", False),
        ("Production resumed on Monday, the Saudi Press Agency reported.", True),
        ("Talks resumed, Harbour Wire Service reported.", True),
        ("The strike ended, the Emirates News Agency said.", True),
    ],
)
def test_government_agencies_are_not_news_credits(sentence: str, credited: bool):
    article = segment(Article(id="x", name="x", text=sentence)).article
    assert bool(article.credits) is credited


def test_credits_are_found_after_a_possessive_and_in_lower_case_agency_names():
    text = (
        "Dr Fauci told NBC News' Today show that the toll would be lower.\n\n"
        "Output rose 4 percent, the state-run Kremlin news agency reported."
    )
    credits = segment(Article(id="x", name="x", text=text)).article.credits
    assert "NBC News" in credits and any("Kremlin" in c for c in credits)


def test_a_long_paragraph_splits_as_its_parts_do() -> None:
    # a page extracted with no paragraph breaks: thousands of sentences in one block; what
    # decides a boundary is the text just before the stop, wherever the stop is
    part = "Mr. Smith met the U.S. envoy at 5 p.m. on Tuesday in No. 10 Street. He left at 6."
    spans = split_sentences(" ".join([part] * 2000))
    assert len(spans) == 2 * len(split_sentences(part)) * 1000
    assert len(split_sentences(part)) == 2


def _unpunctuated(n: int, seed: int = 3) -> list[str]:
    import random

    r = random.Random(seed)
    vocabulary = "council police minister river bridge vote budget school storm court".split()
    return [r.choice(vocabulary) + str(r.randint(0, 9)) for _ in range(n)]


def test_a_run_of_words_without_a_boundary_is_cut_in_pieces() -> None:
    # a transcript or caption feed: no full stop for hundreds of words
    words = _unpunctuated(600)
    text = " ".join(words)
    spans = split_sentences(text)
    sizes = [len(text[s:e].split()) for s, e in spans]
    assert len(spans) > 1 and sum(sizes) == 600
    assert max(sizes) <= LONGEST and min(sizes) >= SHORTEST_PIECE
    # an ordinary sentence is never cut
    assert split_sentences("The council met on Monday, the mayor said.") == [(0, 42)]


def test_a_copy_with_a_word_added_is_cut_at_the_same_places_after_it() -> None:
    words = _unpunctuated(600)
    copy = words[:5] + ["extra"] + words[5:]

    def pieces(ws: list[str]) -> list[str]:
        text = " ".join(ws)
        return [text[s:e] for s, e in split_sentences(text)]

    original, edited = pieces(words), pieces(copy)
    same = set(original) & set(edited)
    assert len(same) >= len(original) - 2  # only the pieces around the added word differ


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        (
            "This article was originally published on The Conversation. Read the original.",
            "Conversation",
        ),
        ("This story first appeared in The Guardian.", "Guardian"),
        ("With inputs from PTI", "PTI"),
        ("(With additional inputs from Reuters)", "Reuters"),
        ("Agence France-Presse contributed to this report.", "Agence France-Presse"),
        ("AP writer Jo Lee in St. Louis contributed to this report.", "AP"),
        (
            "This article is republished from The Conversation under a Creative Commons license.",
            "Conversation",
        ),
        (
            "This story originally appeared on The New York Times website and is republished with "
            "permission.",
            "New York Times",
        ),
        ("This article was originally published in French by Le Monde.", "Le Monde"),
        ("Associated Press writer Jo Lee in Lima contributed to this report.", "Associated Press"),
        ("Source: Xinhua", "Xinhua"),
    ],
)
def test_credit_lines_name_the_outlet_and_leave_the_body(line: str, credit: str):
    lede = "Officials in the port city said the new ferry service would start next month."
    doc = of_text(f"{lede}\n\n{line}")
    assert doc.article.credits == (credit,)
    assert fields(doc, "credit") == [line]
    assert [s.text for s in doc.sentences] == [lede]


@pytest.mark.parametrize(
    "line",
    [
        "Staff writer Jo Lee contributed to this report.",  # a person, not an outlet
        "Source: Ministry of Health figures",  # a data source
        "This report was first published in March by the ministry.",
        "The report was first published by the Audit Office in 2019.",
        "With inputs from agencies",
        "Copyright 2025 Harbour Holdings. All rights reserved.",  # a footer, not a wire
    ],
)
def test_lines_that_name_no_source_outlet_are_not_credits(line: str):
    doc = of_text(f"Officials said the ferry would start next month.\n\n{line}")
    assert doc.article.credits == ()


@pytest.mark.parametrize(
    "line",
    [
        "By Tuesday, officials said the road would reopen.",
        "By then the damage was done, the mayor said.",
        "By contrast, exports fell 3 percent in March.",
        "By Friday, reporters had gathered outside the court.",
        "By Sunday, Reuters reporters had counted 40 bodies.",  # no Reuters credit either
        "With input from the World Health Organization, the ministry drafted new rules.",
        "This report was first published in Nature in 2019, and its findings are disputed.",
        "This article was originally published in Spanish.",
    ],
)
def test_story_sentences_that_open_like_bylines_or_credits_stay_in_the_body(line: str):
    lede = "Officials said the ferry would start next month."
    doc = of_text(f"{lede}\n\n{line}")
    assert (doc.article.credits, doc.article.byline) == ((), None)
    assert [s.text for s in doc.sentences] == [lede, line]


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by Chris Mfula in Lusaka; Editing by Jo Lee",  # not Lusa
        "Additional reporting by Ana Trendafilova",  # not Trend
        "By Ahmad Mehr",  # a surname, not the Mehr agency
    ],
)
def test_agency_names_inside_peoples_and_places_names_are_not_credits(line: str):
    assert of_text(f"{line}\n\nOfficials said the ferry would sail.").article.credits == ()


@pytest.mark.parametrize(
    ("line", "credits"),
    [
        ("With inputs from Reuters and AFP", ("Reuters", "AFP")),
        ("With inputs from PTI/IANS", ("PTI", "IANS")),
        ("(With PTI inputs)", ("PTI",)),
        ("This article was originally published in The Globe and Mail.", ("Globe and Mail",)),
        (
            "This article was originally published on The Conversation, an independent and "
            "nonprofit source of news, analysis and commentary from academic experts.",
            ("Conversation",),
        ),
        (
            "This story was originally published by The Texas Tribune and distributed through "
            "a partnership with The Associated Press.",
            ("Texas Tribune",),
        ),
    ],
)
def test_credit_lines_name_one_outlet_or_several(line: str, credits: tuple[str, ...]):
    doc = of_text(f"Officials said the ferry would sail.\n\n{line}")
    assert doc.article.credits == credits
    assert len(doc.sentences) == 1


@pytest.mark.parametrize(
    "text",
    [
        "PageRank (PR) refers to both the concept and the system. It ranks pages.",
        "World Health Organization (WHO) said on Monday that cases rose. They did.",
    ],
)
def test_an_abbreviation_defined_in_brackets_is_no_dateline(text):
    doc = of_text(text)
    assert doc.article.credits == () and doc.article.dateline is None
    assert doc.sentences[0].text.startswith(text.split(" (")[0])


@pytest.mark.parametrize(
    ("text", "dateline", "credit"),
    [
        ("Ankara (AA) Turkey said on Monday that talks resume.", "Ankara", "AA"),
        ("NEW DELHI (PTI) The government said on Monday it would act.", "NEW DELHI", "PTI"),
    ],
)
def test_a_dateline_whose_credit_is_no_abbreviation_of_the_place_stays(text, dateline, credit):
    doc = of_text(text)
    assert doc.article.dateline == dateline and doc.article.credits == (credit,)


def test_a_long_run_of_hyphenated_capitals_is_no_slow_dateline():
    doc = of_text("Ab-" * 3000 + " said the ferry would sail. It sailed.")
    assert len(doc.sentences) == 2


@pytest.mark.parametrize(
    ("line", "byline", "credits"),
    [
        ("By Jane Doe | Reuters", "Jane Doe", ("Reuters",)),
        ("By JOHN SMITH, Associated Press", "JOHN SMITH", ("Associated Press",)),
        ("By JOHN SMITH Associated Press", "JOHN SMITH", ("Associated Press",)),
        ("By Jane Doe and Jo Lee, Reuters", "Jane Doe and Jo Lee", ("Reuters",)),
        ("By Jane Doe, Staff Writer", "Jane Doe", ()),
        ("By the Associated Press", None, ("Associated Press",)),
        ("By Jane Doe", "Jane Doe", ()),
        ("By Łukasz Nowak, PAP", "Łukasz Nowak", ("PAP",)),
        ("By Özge Demir | Anadolu Agency", "Özge Demir", ("Anadolu Agency",)),
        ("By JANE DOE, AP Business Writer", "JANE DOE", ("AP",)),
        ("By JOHN SMITH AP Business Writer", "JOHN SMITH", ("AP",)),
        (
            "By ZEKE MILLER, COLLEEN LONG and AAMER MADHANI Associated Press",
            "ZEKE MILLER, COLLEEN LONG and AAMER MADHANI",
            ("Associated Press",),
        ),
        ("By Jane Doe, CNN", "Jane Doe", ("CNN",)),  # an outlet known by its capitals
        ("By Jane Doe—Reuters", "Jane Doe", ("Reuters",)),
        ("By Rafael de la Cruz, EFE", "Rafael de la Cruz", ("EFE",)),
        ("By Ahmed al-Masri", "Ahmed al-Masri", ()),
        ("By Ștefan Popescu, Agerpres", "Ștefan Popescu", ("Agerpres",)),
        ("By AP staff", None, ("AP",)),
        ("By ADRIANA GOMEZ LICON and JUAN MENA", "ADRIANA GOMEZ LICON and JUAN MENA", ()),
    ],
)
def test_bylines_give_the_writer_and_the_outlet_they_name(line, byline, credits):
    lede = "The ferry service between the two islands will start next month, officials said."
    doc = of_text(f"{line}\n\n{lede}")
    assert (doc.article.byline, doc.article.credits, doc.article.title) == (byline, credits, None)
    assert [s.text for s in doc.sentences] == [lede]


def test_additional_reporting_by_an_agency_is_a_credit():
    doc = of_text("Officials said the ferry would sail.\n\n(Additional reporting by AFP)")
    assert doc.article.credits == ("AFP",)
    assert (
        of_text("Officials said it.\n\nReporting by Jane Doe; Editing by Jo Lee").article.credits
        == ()
    )


def test_a_headline_that_opens_like_a_byline_names_no_writer():
    doc = of_text("By George, Britain Did It\n\nThe council approved the budget on Monday.")
    assert doc.article.byline is None
    assert of_text("By Jane Doe, Staff Writer\n\nThe council met.").article.byline == "Jane Doe"


def test_background_that_opens_with_the_story_s_names_is_kept_under_two_articles():
    # sentence-initial names ("Mendez has ...") are no names to the specifics, and the
    # background names no outlet: it is the story's, not a notice
    background = (
        "Mendez has championed tenant protections since taking office.\n\n"
        "Eastfield has some of the highest rents in the state."
    )
    first = [
        "Council member Ana Mendez proposed a cap on rent rises in Eastfield.",
        "Landlords said the cap would stop new building.",
        "A vote is expected next month.",
    ]
    second = [
        "The council passed the rent cap that Ana Mendez proposed for Eastfield.",
        "Tenants cheered outside the chamber after the vote.",
        "The cap takes effect in January.",
    ]
    docs = [
        _outlet_doc(name, "\n\n".join([*story, background]))
        for name, story in (("a", first), ("b", second))
    ]
    assert mark_boilerplate(docs) == docs


# --- real wire formats ----------------------------------------------------------------------

LEDE = "Officials in the port city said the new ferry service would start next month."


@pytest.mark.parametrize(
    ("text", "dateline", "credit"),
    [
        (f"KYIV/MOSCOW, Oct 27 (Reuters) - {LEDE}", "KYIV/MOSCOW, Oct 27", "Reuters"),
        (f"Washington/London, Oct 27 (Reuters) - {LEDE}", "Washington/London, Oct 27", "Reuters"),
        (f"MOSCOW, October 27. /TASS/. {LEDE}", "MOSCOW, October 27", "TASS"),
        (f"MOSCOW, Oct 27 /TASS/ - {LEDE}", "MOSCOW, Oct 27", "TASS"),
    ],
)
def test_datelines_from_two_places_and_tass_slashes(text: str, dateline: str, credit: str):
    doc = of_text(text)
    assert doc.article.dateline == dateline
    assert doc.article.credits == (credit,)
    assert [s.text for s in doc.sentences] == [LEDE]


def test_a_tass_story_with_no_outlet_known_is_tass_own():
    assert of_text(f"MOSCOW, October 27. /TASS/. {LEDE}").article.outlet == "TASS"


@pytest.mark.parametrize(
    ("tail", "credit"),
    [
        ("The minister spoke in Moscow. (ANI)", "ANI"),
        ("The minister spoke in Moscow. (IANS)", "IANS"),
        ('"We will go on," the minister said. (Xinhua)', "Xinhua"),
    ],
)
def test_a_wire_tag_closing_the_last_paragraph_is_a_credit(tail: str, credit: str):
    doc = of_text(f"{LEDE}\n\n{tail}")
    assert doc.article.credits == (credit,)
    assert fields(doc, "credit") == [f"({credit})"]
    assert doc.sentences[-1].text == tail.rsplit(" (", 1)[0]


@pytest.mark.parametrize(
    "tail",
    [
        "The agency is known as the World Health Organization (WHO)",  # no sentence ends first
        "The minister spoke in Moscow. (see below for the full list of talks)",  # an aside
        "The minister spoke in Moscow. (Photo)",  # not a wire's tag
    ],
)
def test_brackets_closing_a_story_that_are_no_wire_tag(tail: str):
    doc = of_text(f"{LEDE}\n\n{tail}")
    assert doc.article.credits == ()
    assert doc.sentences[-1].text.endswith(")")


def test_desk_initials_under_a_wire_sign_off_are_set_apart():
    doc = of_text(f"{LEDE}\n\n--IANS\n\nabc/xyz")
    assert doc.article.credits == ("IANS",)
    assert [s.text for s in doc.sentences] == [LEDE]
    assert fields(doc, "boilerplate") == ["abc/xyz"]


@pytest.mark.parametrize(
    "note",
    [
        "(This story has not been edited by NDTV staff and is auto-generated from a syndicated "
        "feed.)",
        "(Only the headline and picture of this report may have been reworked by the Business "
        "Standard staff; the rest of the content is auto-generated from a syndicated feed.)",
        "Disclaimer: This story is auto-generated from a syndicated feed.",
    ],
)
def test_syndicated_feed_notes_are_not_the_story(note: str):
    doc = of_text(f"{LEDE}\n\n{note}")
    assert [s.text for s in doc.sentences] == [LEDE]
    assert fields(doc, "boilerplate") == [note]


def test_a_sentence_about_syndication_is_the_story():
    long = (
        "The newspaper group said on Tuesday that it would stop buying stories from the "
        "syndicated feed it had used for a decade, after readers complained that the wire "
        "copy crowded out local reporting, and that it would hire twelve reporters instead "
        "of paying the agency, whose fees had doubled since the last contract was signed "
        "in the spring of 2019."
    )
    assert [s.text for s in of_text(f"{LEDE}\n\n{long}").sentences] == [LEDE, long]


@pytest.mark.parametrize(
    "line",
    [
        "Copyright 2025 The Associated Press. All rights reserved. This material may not be "
        "published, broadcast, rewritten or redistributed without permission.",
        "© 2025 The Associated Press. All rights reserved.",
    ],
)
def test_a_wire_copyright_under_a_story_credits_the_wire(line: str):
    doc = of_text(f"{LEDE}\n\n{line}")
    assert doc.article.credits == ("Associated Press",)
    assert [s.text for s in doc.sentences] == [LEDE]


def test_a_credit_line_after_a_dash():
    doc = of_text(f"{LEDE}\n\n— The Associated Press contributed to this report.")
    assert doc.article.credits == ("Associated Press",)
    assert [s.text for s in doc.sentences] == [LEDE]


def test_one_agency_under_two_names_is_one_credit():
    doc = of_text(f"WASHINGTON (AP) — {LEDE}\n\nThe Associated Press contributed to this report.")
    assert doc.article.credits == ("AP",)


@pytest.mark.parametrize(
    ("tail", "credits", "kinds"),
    [
        ("Enditem", (), ["boilerplate"]),  # Xinhua's end mark
        ("(END)", (), ["boilerplate"]),  # Yonhap's: no outlet called END
        ("kimjh@yna.co.kr\n\n(END)", (), ["boilerplate", "boilerplate"]),
        ("___\n\nThe Associated Press contributed to this report.", ("Associated Press",),
         ["boilerplate", "credit"]),
        ("==Kyodo", ("Kyodo",), ["credit"]),
        ("/ANI/", ("ANI",), ["credit"]),
        ("Source: Xinhua\n\nEditor: Wang Li", ("Xinhua",), ["credit", "metadata"]),
        ("(Agencies)", (), ["boilerplate"]),  # credits nobody in particular
        ("- Agencies", (), ["boilerplate"]),
        ("With agency inputs", (), ["boilerplate"]),
        ("ALSO READ: Ferry fares to rise in spring", (), ["boilerplate"]),  # not a dateline
        ("Also Read | Ferry fares to rise in spring", (), ["boilerplate"]),
    ],
)  # fmt: skip
def test_wire_sign_offs_and_end_marks(tail: str, credits: tuple[str, ...], kinds: list[str]):
    doc = of_text(f"{LEDE}\n\n{tail}")
    assert doc.article.credits == credits
    assert [s.text for s in doc.sentences] == [LEDE]
    assert [f.kind for f in doc.fields] == kinds
    assert doc.article.dateline is None
    assert all(doc.article.text[f.start : f.end] == f.text for f in doc.fields)


def test_xinhuas_end_mark_closing_the_last_paragraph_leaves_the_sentence():
    doc = of_text(f"{LEDE} Enditem")
    assert [s.text for s in doc.sentences] == [LEDE]
    assert fields(doc, "boilerplate") == ["Enditem"]
    assert all(doc.article.text[f.start : f.end] == f.text for f in doc.fields)


@pytest.mark.parametrize(
    "line",
    [
        "Editing by hand is slow and costly, the printer said on Monday.",
        "Also read the fine print before you sign, the regulator said.",
        "Ends meet for fewer families this winter, a charity said.",
    ],
)
def test_sentences_that_open_like_sign_offs_stay_in_the_body(line: str):
    assert [s.text for s in of_text(f"{LEDE}\n\n{line}").sentences] == [LEDE, line]


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON/LONDON/TOKYO -- Markets fell on Monday as investors sold shares.",
        "He/She/They pronouns are now on the form, the registrar said on Monday.",
        "Pass/Fail/Withdraw options will be offered to students from next term.",
    ],
)
def test_slashes_at_the_start_of_a_line_are_no_tass_tag(text: str):
    doc = of_text(text)
    assert doc.article.credits == () and doc.article.outlet is None
    assert doc.sentences[0].text.endswith(text.split()[-1])
    assert "She" not in (doc.article.dateline or "") and doc.article.outlet != "LONDON"


def test_three_places_without_a_tag_name_no_outlet():
    doc = of_text(f"KYIV/MOSCOW/BRUSSELS\n\n{LEDE}\n\nSource: Reuters")
    assert doc.article.credits == ("Reuters",)
    assert doc.article.outlet is None  # a copy crediting Reuters, not Reuters' own story


@pytest.mark.parametrize(
    "tail",
    [
        "Prices fell for a third month. (END)",
        "Prices fell for a third month. (MORE)",
        "Prices fell for a third month. (VIDEO)",
        "The talks were led by the World Food Programme. (WFP)",
    ],
)
def test_brackets_closing_a_story_credit_only_an_agency(tail: str):
    doc = of_text(f"{LEDE}\n\n{tail}")
    assert doc.article.credits == ()


def test_yonhaps_end_mark_closing_a_paragraph_is_set_apart():
    doc = of_text(f"SEOUL, Oct. 27 (Yonhap) -- {LEDE} (END)")
    assert doc.article.credits == ("Yonhap",)
    assert [s.text for s in doc.sentences] == [LEDE]


@pytest.mark.parametrize(
    "line",
    [
        "Copyright infringement claims against the Associated Press and Reuters by "
        "photographers rose in 2024, court records show.",
        "The paper said the column was published from a syndicated feed of opinion writers, "
        "which critics questioned.",
    ],
)
def test_story_sentences_about_copyright_and_syndication_stay(line: str):
    doc = of_text(f"{LEDE}\n\n{line}")
    assert [s.text for s in doc.sentences] == [LEDE, line]
    assert doc.article.credits == ()


def test_two_lines_of_desk_initials_after_a_sign_off():
    doc = of_text(f"{LEDE}\n\n(IANS)\n\nsd/vd\nrs/dan")
    assert doc.article.credits == ("IANS",)
    assert [s.text for s in doc.sentences] == [LEDE]


@pytest.mark.parametrize(
    "line",
    [
        "Editor Anna Wintour did not respond to requests for comment.",
        "Edited by Maria Popova and published by Penguin in March, the book sold well.",
        "Compiled by Ahmed Rashid over three decades of reporting, the archive opens today.",
        "(c) any person who knowingly helps another to evade the duty shall be liable to a "
        "fine, under the second schedule of the act.",
        "See also: the court's 2019 ruling, which set the precedent the judges followed in "
        "this case and in two others heard in the same week, was cited at length by the "
        "defence, who said the earlier judgment had never been overturned on appeal.",
    ],
)
def test_body_paragraphs_that_open_like_desk_lines_stay(line: str):
    assert [s.text for s in of_text(f"{LEDE}\n\n{line}").sentences][0] == LEDE
    assert len(of_text(f"{LEDE}\n\n{line}").sentences) >= 2


@pytest.mark.parametrize(
    "text",
    [
        "Ford/GM (NYSE) shares slid on Monday as investors sold carmakers.",
        "Pfizer (PFE) shares rose after the drug was approved on Friday.",
        # an agency's short tag, read as one only with a dash, a date or a capital after it
        "Scranton (PA) police said the road would stay closed until Friday.",
        "Apple (APP) shares rose on Monday, traders said.",
    ],
)
def test_a_ticker_in_brackets_after_a_name_is_no_dateline(text: str):
    doc = of_text(text)
    assert doc.article.dateline is None and doc.article.credits == ()
    assert doc.sentences[0].text == text


@pytest.mark.parametrize(
    ("line", "credits"),
    [
        ("(With inputs from Agencies)", ()),
        ("(With Agency Inputs)", ()),
        ("With inputs from PTI and agencies", ("PTI",)),
        ("Additional reporting by agencies", ()),
        ("Copyright AFP", ("AFP",)),
        ("Copyright The Associated Press", ("Associated Press",)),
    ],
)
def test_credits_to_nobody_are_dropped_and_bare_wire_copyrights_kept(line, credits):
    doc = of_text(f"{LEDE}\n\n{line}")
    assert doc.article.credits == credits
    assert [s.text for s in doc.sentences] == [LEDE]


@pytest.mark.parametrize(
    "after",
    ["___", "ALSO READ: Ferry fares to rise in spring", "kimjh@yna.co.kr"],
)
def test_a_sign_off_followed_by_trailer_lines_is_a_credit(after: str):
    doc = of_text(f"{LEDE}\n\n(IANS)\n\n{after}")
    assert doc.article.credits == ("IANS",)
    assert [s.text for s in doc.sentences] == [LEDE]


@pytest.mark.parametrize(
    "line",
    [
        "© Provided by The Hill",
        "© REUTERS/Mike Segar",
        "© AP Photo/Evan Vucci",
        "Copyright (c) The Japan Times, Ltd.",
    ],
)
def test_photo_and_site_copyright_lines_are_not_the_story(line: str):
    doc = of_text(f"{LEDE}\n\n{line}")
    assert [s.text for s in doc.sentences] == [LEDE]


def test_a_sites_copyright_credits_its_holder_not_the_agencies_it_names():
    footer = (
        "Copyright 2025 Delaware Gazette. All rights reserved. Stories marked AP are copyright "
        "The Associated Press; Reuters content is used under licence."
    )
    assert of_text(f"{LEDE}\n\n{footer}").article.credits == ()
    assert of_text(f"{LEDE}\n\n© 2025 AFP").article.credits == ("AFP",)
    assert of_text(f"{LEDE}\n\nCopyright Thomson Reuters 2025").article.credits == ("Reuters",)


# --- switches ----------------------------------------------------------------------------------


def test_an_outlet_in_capitals_after_a_writer_is_a_credit_only_with_its_rule():
    lede = "The ferry service between the two islands will start next month, officials said."
    with without(["acronym-outlets"]):
        assert of_text(f"By Jane Doe, CNN\n\n{lede}").article.credits == ()
    assert of_text(f"By Jane Doe, CEO\n\n{lede}").article.credits == ()


@pytest.mark.parametrize(
    ("rule", "text", "on", "off"),
    [
        ("datelines", "MOSCOW (Reuters) - The Kremlin said on Friday it would talk.",
         lambda d: d.article.credits == ("Reuters",), lambda d: d.article.credits == ()),
        ("caps-dateline", "ISTANBUL\nAny summit needs homework, the Kremlin said on Sunday.",
         lambda d: d.article.dateline == "ISTANBUL", lambda d: d.article.dateline is None),
        ("credit-lines", f"{LEDE}\n\nWith inputs from PTI",
         lambda d: d.article.credits == ("PTI",), lambda d: d.article.credits == ()),
        ("copyright-lines", f"{LEDE}\n\nCopyright 2025 The Associated Press. All rights reserved.",
         lambda d: d.article.credits == ("Associated Press",), lambda d: d.article.credits == ()),
        ("wire-sign-off", f"{LEDE}\n\n-- IANS",
         lambda d: d.article.credits == ("IANS",), lambda d: d.article.credits == ()),
        ("bylines", f"By Jane Doe | Reuters\n\n{LEDE}",
         lambda d: d.article.byline == "Jane Doe", lambda d: d.article.byline is None),
        ("repeated-lines", f"{LEDE}\n\nThe council will meet again on Friday to vote.\n\n"
         "The council will meet again on Friday to vote.",
         lambda d: len(d.sentences) == 2, lambda d: len(d.sentences) == 3),
    ],
)  # fmt: skip
def test_each_line_rule_has_a_switch(rule, text, on, off):
    assert on(of_text(text))
    with without([rule]):
        assert off(of_text(text))


def test_outlet_boilerplate_has_a_switch():
    stories = [
        "Farmers harvested a record wheat crop after heavy spring rains in the valley.",
        "The orchestra named a new conductor who trained in Vienna and Prague.",
        "A new bridge over the river opened to traffic on Tuesday after two years of work.",
    ]
    docs = [_outlet_doc(f"d{i}", f"{s}\n\n{FOOTER}") for i, s in enumerate(stories)]
    assert all(FOOTER not in body(d) for d in mark_boilerplate(docs))
    with without(["outlet-boilerplate"]):
        assert all(FOOTER in body(d) for d in mark_boilerplate(docs))


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_date_line_under_the_headline_is_metadata_not_body(gap: str) -> None:
    text = (
        f"Port strike ends after nine days{gap} date 2025-10-26 14:05\n\n"
        "The strike at the port ended on Monday after nine days, the union said.\n\n"
        "Workers will return on Tuesday."
    )
    doc = segment(Article(id="x", name="x.txt", text=text))
    assert doc.article.title == "Port strike ends after nine days"
    assert doc.article.published == "2025-10-26T14:05"
    assert fields(doc, "metadata") == ["date 2025-10-26 14:05"]
    assert doc.sentences[0].text.startswith("The strike at the port")
    assert all("2025" not in s.text for s in doc.sentences)


def test_a_sentence_under_the_headline_that_starts_with_a_date_stays_body() -> None:
    text = (
        "Port strike ends after nine days\n"
        "Date 2025-10-26 was when the strike at the port ended, the union said.\n\n"
        "Workers will return on Tuesday."
    )
    doc = segment(Article(id="x", name="x.txt", text=text))
    assert doc.article.published is None
    assert any("the union said" in s.text for s in doc.sentences)
