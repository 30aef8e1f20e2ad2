"""Tests for provenance.segment on scraped news pages: each named rule with its examples and
counter-examples, run from one table.

A row is (rule, page text, what must hold of the segmented page). An example row must hold with
every rule on and fail with its own rule switched off: the rule earns it. A counter-example row
("keeps") must hold with every rule on: the rule leaves it alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from provenance.model import Article, Document
from provenance.rules import RULES, without
from provenance.segment import PAGE_RULES, printed_date, segment

LEDE = (
    "The ferry service between the two islands will start next month, officials said on "
    "Monday after a long delay."
)
MORE = (
    "Residents have waited years for the crossing, which will cut the journey from three hours "
    "to forty minutes."
)
LAST = (
    "The operator said tickets would go on sale next week and that fares would be lower than "
    "expected by most residents."
)
STORY = f"{LEDE}\n{MORE}\n{LAST}"
TITLE = "Ferry service to start next month"
CAPTION = (
    "U.S. President Donald Trump arrives at the airport in Helsinki, Finland, Sunday, July 15, "
    "2018 on the eve of his meeting with Russian President Vladimir Putin."
)

# a caption that says nothing of photos, known as one only by the credit under it
CAPTION_PLAIN = (
    "The sea front by the Finnish palace where the two leaders will meet on Monday, seen from "
    "the harbour."
)

Check = Callable[[Document], bool]


def page(*lines: str, story: str = STORY) -> str:
    """A scraped page: the title, the lines given, then the story."""
    return "\n".join([TITLE, *lines, story])


def read(text: str, outlet: str | None = None, published: str | None = None) -> Document:
    return segment(Article(id="x", name="x", text=text, outlet=outlet, published=published))


def in_body(part: str) -> Check:
    return lambda doc: any(part in s.text for s in doc.sentences)


def not_in_body(part: str) -> Check:
    return lambda doc: all(part not in s.text for s in doc.sentences)


def published(value: str | None, precision: str | None = None) -> Check:
    def check(doc: Document) -> bool:
        a = doc.article
        return a.published == value and (precision is None or a.date_precision == precision)

    return check


def credits(*names: str) -> Check:
    return lambda doc: doc.article.credits == names


def byline(name: str | None) -> Check:
    return lambda doc: doc.article.byline == name


def dateline(value: str | None) -> Check:
    return lambda doc: doc.article.dateline == value


def field(kind: str, text: str) -> Check:
    return lambda doc: any(f.kind == kind and f.text == text for f in doc.fields)


def every(*checks: Check) -> Check:
    return lambda doc: all(c(doc) for c in checks)


@dataclass(frozen=True)
class Case:
    rule: str
    text: str
    holds: Check
    outlet: str | None = None
    keeps: bool = False  # a counter-example: the rule must leave it as it is

    @property
    def id(self) -> str:
        first = next((line for line in self.text.splitlines()[1:] if line), self.text)
        return f"{self.rule}{'-keeps' if self.keeps else ''}: {first[:50]}"


CASES = [
    # --- printed-dates ---------------------------------------------------------------------
    Case(
        "printed-dates",
        page("Updated 6:35 PM ET, Fri June 1, 2018"),
        every(published("2018-06-01T18:35-04:00", "minute"), not_in_body("2018")),
    ),
    Case(
        "printed-dates",
        page("Published 10:31 am, Friday, June 1, 2018"),
        published("2018-06-01T10:31", "minute"),
    ),
    Case(
        "printed-dates",
        page("Posted: 4:56 AM, June 02, 2018", "Updated: 7:37 PM, June 02, 2018"),
        published("2018-06-02T04:56"),  # the publication, not the update
    ),
    Case(
        "printed-dates",
        page("Updated", "9:54 pm PDT, Sunday, July 15, 2018"),
        published("2018-07-15T21:54-07:00"),
    ),
    Case("printed-dates", page("July 16, 2018 — 7:14am"), published("2018-07-16T07:14")),
    Case("printed-dates", page("6:28 AM 07/16/2018"), published("2018-07-16T06:28")),
    Case("printed-dates", page("May 31, 2019 / 10:50 AM"), published("2019-05-31T10:50")),
    Case(
        "printed-dates",
        page("May 31, 2019, 9:52 PM UTC"),
        published("2019-05-31T21:52+00:00"),
    ),
    Case("printed-dates", page("Thursday, May 30, 2019 20:09"), published("2019-05-30T20:09")),
    Case("printed-dates", page("Jul 15, 2018 2:37 PM"), published("2018-07-15T14:37")),
    Case(
        "printed-dates",
        page("July 15, 2018 11:51 a.m. ET"),
        published("2018-07-15T11:51-04:00"),  # Eastern daylight time in July
    ),
    Case(
        "printed-dates",
        page("January 15, 2018 11:51 a.m. ET"),
        published("2018-01-15T11:51-05:00"),  # Eastern standard time in January
    ),
    Case("printed-dates", page("May 31, 2018"), published("2018-05-31", "day")),
    Case(
        "printed-dates",
        page("Posted 3:57 pm, July 15, 2018, by Associated Press"),
        every(published("2018-07-15T15:57"), credits("Associated Press")),
    ),
    Case(
        "printed-dates",
        page("By Jennifer Harper - The Washington Times - Sunday, July 15, 2018"),
        every(published("2018-07-15"), byline("Jennifer Harper"), credits("Washington Times")),
    ),
    Case(
        "printed-dates",
        page("Updated 1:45 pm, Friday, June 1, 2018", "window._taboola = window._taboola || [];"),
        published("2018-06-01T13:45"),
    ),
    Case(
        "printed-dates",
        page("By James Hohmann July 16 at 8:32 AM"),  # no year, no date
        every(published(None), byline("James Hohmann")),
        keeps=True,
    ),
    Case("printed-dates", page(CAPTION), published(None), keeps=True),
    Case(
        "printed-dates",
        page("In this May 1, 2018, file photo, Texas Attorney General Ken Paxton speaks."),
        published(None),
        keeps=True,
    ),
    Case("printed-dates", page(story=f"{STORY}\nJuly 14, 2018"), published(None), keeps=True),
    Case(
        "printed-dates",
        page("06/01/2018 02:57 pm"),  # June 1 or January 6: no zone to say it is American
        published(None),
        keeps=True,
    ),
    Case(
        "printed-dates",
        page("— Donald J. Trump (@realDonaldTrump) July 16, 2018"),
        published(None),
        keeps=True,
    ),
    Case(
        "printed-dates",  # a list of other stories, each dated: which is this one's?
        "\n".join(
            [
                "by Sprott Money - Jul 14, 2018 7:00 am",
                "Gold and the dollar move together.",
                "Jul 14, 2018 2:45 PM",
                STORY,
            ]
        ),
        published(None),
        keeps=True,
    ),
    # --- photo-credits ---------------------------------------------------------------------
    Case(
        "photo-credits",
        page(CAPTION_PLAIN, "(Evan Vucci/AP)"),
        every(credits(), not_in_body("Finnish palace")),
        outlet="washingtonpost.com",
    ),
    Case(
        "photo-credits", page(CAPTION_PLAIN, "Photo: Markus Schreiber, AP"), not_in_body("palace")
    ),
    Case("photo-credits", page(CAPTION_PLAIN, "Timo Jaakonaho / AP"), not_in_body("palace")),
    Case("photo-credits", page(CAPTION_PLAIN, "(AP Photo/Evan Vucci)"), not_in_body("palace")),
    Case("photo-credits", page(CAPTION_PLAIN, "BPA via Getty Images"), not_in_body("palace")),
    Case(
        "photo-credits",
        page(CAPTION_PLAIN, "(Photo by Jonathan NACKSTRAND / AFP)"),
        not_in_body("palace"),
    ),
    Case(
        "photo-credits",  # a photographer's name and agency under a caption: no story credit
        page(CAPTION_PLAIN, "Pablo Martinez Monsivais, AP"),
        credits(),
    ),
    Case(
        "photo-credits",
        page(story=f"{STORY}\nGetty Images declined to comment."),
        in_body("Getty Images declined to comment."),
        keeps=True,
    ),
    Case(
        "photo-credits",  # several writers and a wire: a byline, not a photographer
        page("JONATHAN LEMIRE, JILL COLVIN and VLADIMIR ISACHENKOV / AP"),
        credits("AP"),
        keeps=True,
    ),
    # --- captions --------------------------------------------------------------------------
    Case(
        "captions",
        page(
            "FILE - In this July 7, 2017, file photo, President Donald Trump meets with Russian "
            "President Vladimir Putin at the G20 Summit in Hamburg."
        ),
        every(not_in_body("G20"), dateline(None)),
    ),
    Case(
        "captions",
        page(
            "The sea front and the Presidential Palace, in Helsinki, Finland, on July 12, 2018.",
            "(Timo Jaakonaho / AP)",
        ),
        not_in_body("sea front"),
    ),
    Case("captions", page("Image 2 of 5", CAPTION, CAPTION), not_in_body("airport")),
    Case(
        "captions",  # a paragraph printed twice, with no photo beside it: kept once
        page(story=f"{LEDE}\n{LEDE}\n{MORE}\n{LAST}"),
        lambda doc: [s.text for s in doc.sentences].count(LEDE) == 1,
        keeps=True,
    ),
    Case(
        "captions",
        page("Image 1 of 3", f"{CAPTION} less", f"{CAPTION[:60]} ... more"),
        not_in_body("airport"),
    ),
    Case(
        "captions",
        page(
            "Demonstrators gather outside the Supreme Court building in Washington on Monday. "
            "(Patrick Semansky/AP)"
        ),
        not_in_body("Supreme Court"),
    ),
    Case(
        "captions",  # a staff chart's credit under a paragraph of the story
        page(story=f"{LEDE}\n{MORE}\n(Jane Doe/The Daily Planet)\n{LAST}"),
        in_body("Residents have waited"),
        outlet="dailyplanet.com",
        keeps=True,
    ),
    Case(
        "captions",  # inside the story, the caption under the credit, not the paragraph above
        page(
            story=f"{LEDE}\n{MORE}\nMikhail Metzel | TASS | Getty Images\n"
            f"The two presidents shake hands in Helsinki, July 16, 2018.\n{LAST}"
        ),
        every(in_body("Residents have waited"), not_in_body("shake hands")),
        keeps=True,
    ),
    Case(
        "captions",
        page(story=f"{LEDE}\nHe said: 'I did it.' Then he left.\n{LAST}"),
        in_body("He said: 'I did it.'"),
        keeps=True,
    ),
    # --- name-lines ------------------------------------------------------------------------
    Case(
        "name-lines",
        page("Lucas Shaw, Bloomberg"),
        every(byline("Lucas Shaw"), credits("Bloomberg"), not_in_body("Shaw")),
    ),
    Case(
        "name-lines",
        page("Anton Troianovski and Philip Rucker, The Washington Post"),
        every(byline("Anton Troianovski and Philip Rucker"), credits("Washington Post")),
    ),
    Case(
        "name-lines",
        page("Jari Tanner and Jan M. OlsenAssociated Press"),  # glued by the scraper
        every(byline("Jari Tanner and Jan M. Olsen"), credits("Associated Press")),
    ),
    Case(
        "name-lines",
        page("JONATHAN LEMIRE, JILL COLVIN and VLADIMIR ISACHENKOV / AP"),
        every(byline("JONATHAN LEMIRE, JILL COLVIN and VLADIMIR ISACHENKOV"), credits("AP")),
    ),
    Case(
        "name-lines",
        page("By Anton Troianovski Washington Post"),
        every(byline("Anton Troianovski"), credits("Washington Post")),
    ),
    Case(
        "name-lines",
        page("By Julie Hirschfeld Davis New York Times"),
        every(byline("Julie Hirschfeld Davis"), credits("New York Times")),
    ),
    Case(
        "name-lines",
        page("By ROBERT BURNS, AP National Security Writer | on"),
        every(byline("ROBERT BURNS"), credits("AP")),
    ),
    Case(
        "name-lines",
        page("By ROBERT BURNS AP National Security Writer"),
        every(byline("ROBERT BURNS"), credits("AP")),
    ),
    Case("name-lines", page("From CNN's Kevin Liptak"), credits("CNN")),
    Case(
        "name-lines",
        page("The Associated Press — By PAUL J. WEBER - Associated Press"),
        every(byline("PAUL J. WEBER"), credits("Associated Press")),
    ),
    Case(
        "name-lines",
        page(story=f"{STORY}\nKelly has repeatedly denied wrongdoing."),
        in_body("Kelly has repeatedly denied wrongdoing."),
        keeps=True,
    ),
    Case(
        "name-lines",
        page(story=f"{STORY}\nDonald Poole, Waldorf"),
        credits(),
        keeps=True,
    ),
    # --- agency-lines ----------------------------------------------------------------------
    Case("agency-lines", page("Associated Press"), credits("Associated Press")),
    Case("agency-lines", page("The Associated Press", "May 31, 2018"), credits("Associated Press")),
    Case("agency-lines", page("/ Source: Associated Press"), credits("Associated Press")),
    Case(
        "agency-lines",  # a source named among links, well inside the page
        page(story=f"{LEDE}\n{MORE}\nReuters\n{LAST}\n{LEDE} Again.\n{MORE} Again.\n{LAST} Again."),
        credits(),
        keeps=True,
    ),
    # --- acronym-outlets -------------------------------------------------------------------
    Case("acronym-outlets", page("By Amir Vera , CNN"), every(byline("Amir Vera"), credits("CNN"))),
    Case(
        "acronym-outlets",
        page("By Ariane de Vogue, CNN Supreme Court Reporter"),
        every(byline("Ariane de Vogue"), credits("CNN")),
    ),
    Case(
        "acronym-outlets",
        page("Analysis by Stephen Collinson , CNN"),
        every(byline("Stephen Collinson"), credits("CNN")),
    ),
    Case("acronym-outlets", page("Posted 6:08 am, July 16, 2018, by CNN Wires"), credits("CNN")),
    Case(
        "acronym-outlets",
        page("By Jane Doe, CEO"),
        every(byline("Jane Doe"), credits()),
        keeps=True,
    ),
    Case("acronym-outlets", page("By Jane Doe, Staff Writer"), credits(), keeps=True),
    # --- lone-datelines --------------------------------------------------------------------
    Case(
        "lone-datelines",
        page("(CNN)"),
        every(credits("CNN"), field("dateline", "(CNN)"), not_in_body("CNN")),
    ),
    Case(
        "lone-datelines",
        page("Washington (CNN)"),
        every(dateline("Washington"), credits("CNN"), field("dateline", "Washington (CNN)")),
    ),
    Case("lone-datelines", page("(Photo)"), credits(), keeps=True),
    # --- bracketed-places ------------------------------------------------------------------
    Case(
        "bracketed-places",
        page(story=f"(HELSINKI) — {LEDE}\n{MORE}\n{LAST}"),
        every(dateline("HELSINKI"), credits()),
    ),
    Case(
        "bracketed-places",
        page(story=f"(XINHUA) -- {LEDE}\n{MORE}\n{LAST}"),
        credits("XINHUA"),
        keeps=True,
    ),
    # --- caps-dateline-context -------------------------------------------------------------
    Case(
        "caps-dateline-context",
        page("JUST WATCHED", "Ana Navarro slams Trump's call"),
        dateline(None),
    ),
    Case("caps-dateline-context", page("MONDAY"), dateline(None)),
    Case("caps-dateline-context", page("CNN"), dateline(None)),
    Case(
        "caps-dateline-context",
        page(story=f"{LEDE}\nWHAT TRUMP WANTS\n{MORE}\n{LAST}"),
        every(dateline(None), not_in_body("WHAT TRUMP")),
    ),
    Case(
        "caps-dateline-context",
        page("CONNECT TWEET LINKEDIN COMMENTEMAILMORE", story=f"HELSINKI -- {STORY}"),
        dateline("HELSINKI"),
    ),
    Case(
        "caps-dateline-context",
        page(story=f"{LEDE}\nTHE BIG IDEA: {MORE}\n{LAST}"),
        dateline(None),
    ),
    Case(
        "caps-dateline-context", page("July 15, 2018", "HELSINKI"), dateline("HELSINKI"), keeps=True
    ),
    Case("caps-dateline-context", f"ISTANBUL\n{STORY}", dateline("ISTANBUL"), keeps=True),
    # --- short-lines -----------------------------------------------------------------------
    *(
        Case("short-lines", page(line), not_in_body(line))
        for line in ("Back to Gallery", "Story Continued Below", "Continue Reading Below")
    ),
    Case("short-lines", page("1 / 4"), not_in_body("1 / 4")),
    Case("short-lines", page("•"), not_in_body("•")),
    Case("short-lines", page("Related Stories:"), not_in_body("Related")),
    Case(
        "short-lines",
        page(story=f"{LEDE}\nI did it.\n{MORE}"),
        in_body("I did it."),
        keeps=True,
    ),
    Case("short-lines", f"{TITLE}\n{STORY}", field("headline", TITLE), keeps=True),
    Case(
        "short-lines",
        page(story=f"{LEDE}\nPR(A) = PR(B) + PR(C) + PR(D)\n{MORE}\n{LAST}"),
        in_body("PR(A) = PR(B)"),  # a formula of the text's own
        keeps=True,
    ),
    Case(
        "short-lines",
        "Officials said Peskov",  # a text of one line is no page: its words are kept
        in_body("Officials said Peskov"),
        keeps=True,
    ),
    # --- link-lists ------------------------------------------------------------------------
    Case(
        "link-lists",
        page(
            story=f"{STORY}\nLATEST BUSINESS VIDEOS\n"
            "Tiffany's Turnaround Plan Is Turning Out to Be a Gem Fortune\n"
            "Poll: These are the Most Annoying Types Of Airline Passengers Buzz 60\n"
            "Sony buys EMI to become the world's biggest music publisher Euronews"
        ),
        every(not_in_body("Tiffany"), not_in_body("Sony")),
    ),
    Case(
        "link-lists",
        page("Related content", "British PM May: Trump advised her to sue the EU"),
        not_in_body("British PM"),
    ),
    Case(
        "link-lists",
        page(
            "Trending now",
            "Another line without an end",
            story=f"HELSINKI (AP) — The Latest on the summit talks between the two presidents "
            f"in the Finnish capital today (all times local):\n{STORY}",
        ),
        every(in_body("The Latest on"), credits("AP")),
        keeps=True,
    ),
    Case(
        "link-lists",  # the story's own list: items, not links
        page(
            story=f"{STORY}\nThe model has the following limitations:\n"
            "1. Long documents are poorly represented because they have poor similarity values\n"
            "2. Search keywords must precisely match document terms\n"
            "3. The order in which the terms appear in the document is lost"
        ),
        every(in_body("1. Long documents"), in_body("3. The order")),
        keeps=True,
    ),
    Case(
        "link-lists",  # a heading over a paragraph cut short, not over a link
        page(story=f"{STORY}\nLogarithmic term frequency\n{MORE[:-1]} and then some more words"),
        in_body(
            "Residents have waited years for the crossing, which will cut the journey from "
            "three hours to forty minutes and then"
        ),
        keeps=True,
    ),
    # --- widgets ---------------------------------------------------------------------------
    Case(
        "widgets",
        page(
            "Chat with us in Facebook Messenger. Find out what's happening in the world as it "
            "unfolds."
        ),
        not_in_body("Messenger"),
    ),
    Case(
        "widgets",
        page("% of readers think this story is Fact. Add your two cents."),
        not_in_body("two cents"),
    ),
    Case(
        "widgets",
        page(story=f"{STORY}\nReaders can chat with the mayor on Facebook Messenger on Friday."),
        in_body("Readers can chat"),
        keeps=True,
    ),
    # --- scripts ---------------------------------------------------------------------------
    Case(
        "scripts",
        page("window._taboola = window._taboola || []; _taboola.push({mode: 'thumbnails-c'});"),
        not_in_body("taboola"),
    ),
    Case(
        "scripts",
        page(story=f"{STORY}\nThe window of opportunity is closing, the minister said."),
        in_body("The window of opportunity"),
        keeps=True,
    ),
    # --- time-stamps -----------------------------------------------------------------------
    Case(
        "time-stamps",
        page(story=f"{LEDE}\n10:15 a.m.\n{MORE}\n9:50 a.m.\n{LAST}"),
        every(not_in_body("10:15"), field("metadata", "10:15 a.m.")),
    ),
    Case(
        "time-stamps",
        page(story=f"{STORY}\nAt 10:15 a.m. the ferry left."),
        in_body("At 10:15 a.m. the ferry left."),
        keeps=True,
    ),
    # --- wrap-width ------------------------------------------------------------------------
    Case(
        "wrap-width",
        "Washington may criticize but the meeting is just what his voters want\n•\n"
        "Washington may criticize but the meeting is just what his voters want\nMore\n"
        + " ".join([LEDE, MORE, LAST, LEDE]),
        lambda doc: doc.sentences[0].text == LEDE,
    ),
]


@pytest.mark.parametrize("case", [c for c in CASES if not c.keeps], ids=lambda c: c.id)
def test_each_page_rule_earns_its_examples(case: Case):
    assert case.holds(read(case.text, case.outlet))
    with without([case.rule]):
        assert not case.holds(read(case.text, case.outlet))


@pytest.mark.parametrize("case", [c for c in CASES if c.keeps], ids=lambda c: c.id)
def test_each_page_rule_leaves_its_counter_examples(case: Case):
    assert case.holds(read(case.text, case.outlet))


def test_every_page_rule_has_examples_and_counter_examples():
    for r in PAGE_RULES:
        if r.name != "wrap-width":  # the existing hard-wrap tests are its counter-examples
            assert {c.keeps for c in CASES if c.rule == r.name} == {True, False}, r.name


def test_page_rules_are_segment_rules_with_unique_names():
    assert all(RULES[r.name] is r and r.stage == "segment" for r in PAGE_RULES)


def test_an_ingest_date_wins_over_a_printed_one():
    text = page("Updated 6:35 PM ET, Fri June 1, 2018")
    doc = read(text, published="2018-05-30")
    assert (doc.article.published, doc.article.date_precision) == ("2018-05-30", "day")


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Updated 6:35 PM ET, Fri June 1, 2018", ("2018-06-01T18:35-04:00", "minute")),
        ("Published 10:31 am, Friday, June 1, 2018", ("2018-06-01T10:31", "minute")),
        ("9:54 pm PDT, Sunday, July 15, 2018", ("2018-07-15T21:54-07:00", "minute")),
        ("1:52 pm CDT, Friday, May 31, 2019", ("2019-05-31T13:52-05:00", "minute")),
        ("Paul Brandus Published 12:15 a.m. MT July 15, 2018 | Updated 4:29 a.m. MT July 15, 2018",
         ("2018-07-15T00:15-06:00", "minute")),
        ("Jul 15, 2018 at 5:28 PM Jul 15, 2018 at 5:55 PM", ("2018-07-15T17:28", "minute")),
        ("4:38  PM ET Fri, 13 July 2018 |  01:42", ("2018-07-13T16:38-04:00", "minute")),
        ("Jul.15.2018 / 4:22 PM ET", ("2018-07-15T16:22-04:00", "minute")),
        ("07/15/2018 02:44 PM EDT", ("2018-07-15T14:44-04:00", "minute")),
        ("Monday, 16 July 2018 06:16 AM", ("2018-07-16T06:16", "minute")),
        ("Sunday, Jul 15th 2018", ("2018-07-15", "day")),
        ("March 11, 2018 9:00 a.m. ET", ("2018-03-11T09:00-04:00", "minute")),  # DST begins
        ("March 10, 2018 9:00 a.m. ET", ("2018-03-10T09:00-05:00", "minute")),
        ("November 4, 2018 9:00 a.m. PT", ("2018-11-04T09:00-08:00", "minute")),  # DST ends
        ("July 16 at 8:32 AM", None),
        ("May 31, 201906:37", None),
        ("13:05 pm, July 16, 2018", ("2018-07-16", "day")),
    ],
)  # fmt: skip
def test_printed_dates_read_as_iso_8601(line: str, value: tuple[str, str] | None):
    assert printed_date(line) == value


def test_clutter_stays_accounted_for_in_fields():
    text = page(
        "Updated 6:35 PM ET, Fri June 1, 2018",
        "Lucas Shaw, Bloomberg",
        "Photo: Markus Schreiber, AP",
        CAPTION,
        "Back to Gallery",
        "window._taboola = window._taboola || [];",
    )
    doc = read(text)
    covered = set()
    for span in [*doc.fields, *doc.sentences]:
        covered.update(range(span.start, span.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    for f in doc.fields:
        assert f.text == text[f.start : f.end].strip()
