"""Segment stage: an Article's text -> paragraphs and sentences with character offsets.

Lines come first: headline, dateline ("Moscow, Oct 27 (IANS)", "MOSCOW (Reuters) -",
"ISTANBUL"), credit tags, metadata header lines (" date 2025-10-26") and boilerplate
("Explore more articles in ...", "prev", "Image 2 of 2") become ``Field``s and never reach the
body, so a generic splitter cannot glue them onto the first sentence. Hard-wrapped text (lines
broken mid-sentence) is detected and rejoined. Sentences are then split with a rule set that
knows abbreviations (U.S., Oct., Mr.) and quotations.

A scraped page is read as a whole before its lines are: where its story begins, the date its
header prints ("Updated 6:35 PM ET, Fri June 1, 2018"), its photo credits and captions, its
widgets, labels and lists of links. Clutter becomes fields too, so that every character of the
text stays in a field or a sentence.

Every rule has a name and a switch (``provenance.rules``): ``DATELINES.on`` and the like.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone

from .model import Article, DatePrecision, Document, Field, FieldKind, Sentence
from .rules import rule
from .tokens import is_agency, outlet_key

# --- named rules: each can be switched off (``provenance.rules.without``) ------------------

# the line rules every text goes through
DATELINES = rule(
    "datelines",
    "segment",
    "a place and a wire's tag opening the story ('MOSCOW (Reuters) -') "
    "are the dateline, and the tag is a credit",
)
CAPS_DATELINE = rule(
    "caps-dateline",
    "segment",
    "a place in capitals on a line of its own ('ISTANBUL') is the dateline",
)
CREDIT_LINES = rule(
    "credit-lines",
    "segment",
    "a line saying where the story comes from ('With inputs from PTI', "
    "'AFP contributed to this report') credits that outlet",
)
COPYRIGHT_LINES = rule(
    "copyright-lines",
    "segment",
    "copyright lines are no part of the story; a wire's copyright credits the wire",
)
WIRE_SIGN_OFF = rule(
    "wire-sign-off", "segment", "a wire's tag closing the story ('(IANS)', '-- Reuters') credits it"
)
BYLINES = rule(
    "bylines", "segment", "'By Jane Doe, Reuters' gives the writer and credits the outlet it names"
)
REPEATED_LINES = rule(
    "repeated-lines", "segment", "a line the page prints again is no second part of the story"
)
OUTLET_BOILERPLATE = rule(
    "outlet-boilerplate",
    "segment",
    "sentences an outlet prints under unrelated stories are boilerplate",
)
# page clutter: lines of scraped pages around the story
WRAP_WIDTH = rule(
    "wrap-width",
    "segment",
    "a text is hard-wrapped only where its broken lines run to nearly "
    "one width, none longer than 200 characters (not a page of short clutter lines)",
)
PRINTED_DATES = rule(
    "printed-dates",
    "segment",
    "a date printed on a short line of the page's header "
    "('Published 10:31 am, Friday, June 1, 2018') is the publication date",
)
PHOTO_CREDITS = rule(
    "photo-credits",
    "segment",
    "photo credits ('(Evan Vucci/AP)', 'Photo: Jane Doe, AP', "
    "'BPA via Getty Images') are no part of the story and credit nobody for its text",
)
CAPTIONS = rule(
    "captions",
    "segment",
    "photo captions (next to their credit, 'FILE - In this ... photo', "
    "printed twice) are no part of the story",
)
NAME_LINES = rule(
    "name-lines",
    "segment",
    "a line of writers' names and an outlet ('Lucas Shaw, Bloomberg', "
    "'Analysis by Jane Doe, CNN') is a byline crediting the outlet",
)
AGENCY_LINES = rule(
    "agency-lines",
    "segment",
    "an outlet's name alone on a line above or below the story ('The Associated Press') credits it",
)
ACRONYM_OUTLETS = rule(
    "acronym-outlets",
    "segment",
    "an outlet known by its capitals after a writer's name ('By Jane Doe, CNN') is the credit",
)
LONE_DATELINES = rule(
    "lone-datelines",
    "segment",
    "a dateline on a line of its own above the story ('(CNN)', 'Washington (CNN)') is the dateline",
)
BRACKETED_PLACES = rule(
    "bracketed-places",
    "segment",
    "a place in brackets opening the story ('(HELSINKI) -') is a dateline, not a credit",
)
CAPS_DATELINE_CONTEXT = rule(
    "caps-dateline-context",
    "segment",
    "a line in capitals is the dateline only right above the "
    "story's first paragraph, and not a weekday, an outlet or a page widget ('JUST WATCHED'); "
    "capitals before a colon are a dateline only opening the first paragraph",
)
SHORT_LINES = rule(
    "short-lines",
    "segment",
    "a line of a few words with no sentence end (a label, heading, "
    "button or credit) is no body sentence; the headline is read first",
)
LINK_LISTS = rule(
    "link-lists",
    "segment",
    "a run of three or more lines with no sentence end, or of two under "
    "a short heading ('Related content'), is a list of links or headlines, no part of the story",
)
WIDGETS = rule(
    "widgets",
    "segment",
    "page widgets written as sentences ('Chat with us in Facebook "
    "Messenger.', '% of readers think this story is Fact.') are no part of the story",
)
SCRIPTS = rule("scripts", "segment", "lines of JavaScript are no part of the story")
TIME_STAMPS = rule(
    "time-stamps",
    "segment",
    "a time alone on a line ('10:15 a.m.', a live blog's entry) is no body sentence",
)
# the rules for scraped pages, added together; with all of them off, segment reads a text as
# it did before they were written (``bench/segment_news.py`` shows what they earn together)
PAGE_RULES = (
    WRAP_WIDTH, PRINTED_DATES, PHOTO_CREDITS, CAPTIONS, NAME_LINES, AGENCY_LINES, ACRONYM_OUTLETS,
    LONE_DATELINES, BRACKETED_PLACES, CAPS_DATELINE_CONTEXT, SHORT_LINES,
    LINK_LISTS, WIDGETS, SCRIPTS, TIME_STAMPS,
)  # fmt: skip

# --- header metadata lines -------------------------------------------------------------

_HEADER_DATE = re.compile(
    r"^[ \t]*(?:date|published|dated?)[ \t]*:?[ \t]+"
    r"(?P<date>\d{4}-\d{2}-\d{2})(?P<time>[ T]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"(?:[ \t]+\d{1,6}(?=[ \t]*$))?[ \t]*",
    re.IGNORECASE | re.MULTILINE,
)

# --- boilerplate -------------------------------------------------------------------------

_BOILERPLATE = re.compile(
    r"""^(?:
        explore\ more\ articles\b.*
      | (?:prev|previous|next|more|share|tweet|email|print|advertisement|sponsored|comments?)
      | image\ \d+\ of\ \d+
      | \d+\ min(?:ute)?s?\ read.*
      | (?:last\ )?updated:?\ .{0,60}
      | posted\ (?:on|at)\ .{0,60}
      | read\ more\b.{0,80}
      | (?:sign\ up|subscribe)\b.{0,100}
      | (?:follow\ us|share\ this)\b.{0,80}
      | all\ rights\ reserved.{0,80}
      | (?:©|\(c\))\s*.{0,120}
      | \d{1,6}
      | photo:?\ .{0,80}
      | (?:file\ )?photo\ credit.{0,80}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Desk editors' initials under a wire story ("abc/xyz", "sd/vd/dan"), as IANS and PTI sign off.
_INITIALS = re.compile(r"^[a-z]{1,4}(?:/[a-z]{1,4}){1,3}(?:\s+[a-z]{1,4}(?:/[a-z]{1,4}){1,3})*$")
# "(This story has not been edited by NDTV staff and is auto-generated from a syndicated
# feed.)": a note that the text is a wire's, naming none
_SYNDICATED = re.compile(
    r"^\(?\s*(?i:disclaimer\b|this\s+(?:story|article|report|news)\b|except\s+for\s+the\s+"
    r"headline|only\s+the\s+headline).*\b(?i:auto-?generated|published|sourced)\s+"
    r"(?i:from|via|through)\s+(?i:a|the)\s+(?i:syndicated)\s+(?i:feed)\b"
)
_SYNDICATED_LONGEST = 60  # words
# "Copyright 2025 The Associated Press. All rights reserved. This material may not be..."
_COPYRIGHT = re.compile(
    r"^(?:©|\([cC]\)|(?i:copyright))\s*(?:©\s*|\([cC]\)\s*)?"
    r"(?:\d{4}\b|(?:[A-Z][\w&.'-]*\s+){1,4}\d{4}\b|(?:(?i:the)\s+)?[A-Z][\w&.'-]*(?:,?\s+[A-Z][\w&.'-]*){0,4}\W*$)"
    r"|^(?i:(?:©|\(c\)|copyright)\b.*\ball\s+rights\s+reserved\b)"
)  # "© 2025 ...", "Copyright Thomson Reuters 2025", "Copyright AFP", "... All rights reserved"
_COPYRIGHT_LONGEST = 60  # words
_PUBLISHED_BY = re.compile(
    r"^(?:published|distributed|syndicated)\s+by\s+(?P<who>[^.]{2,80})$", re.I
)
_REPORTING_BY = re.compile(  # by a name: "Editing by hand is slow" is a sentence
    r"^\(?\s*(?i:reporting|writing|editing|additional\s+reporting)\s+by\s+(?:(?i:the)\s+)?"
    r"(?:[A-Z]|agencies\b|wires\b)"
)
# a wire's sign-off on a line of its own: "(IANS)", "-- IANS", Kyodo's "==Kyodo", "/ANI/"
_TRAILING_TAG = re.compile(
    r"^(?:\(\s*(?P<a>[A-Z][\w&.' -]{1,40})\s*\)|(?:[-—–]{1,2}|==)\s*(?P<b>[A-Z][\w&.' -]{1,40})"
    r"|/(?P<c>[A-Z][\w&.' -]{1,20})/)\s*$"
)
# PTI's sign-off with its desk editors' codes: "PTI SKL DV"
# where a story ends, and lines that are no part of it: Yonhap's "(END)", Xinhua's
# "Enditem", rules of underscores or dashes; a reporter's e-mail address; a link to
# another story ("ALSO READ: ...", "Also Read | ...")
_END_MARK = re.compile(
    r"^(?:\(\s*(?:ends?|more)\s*\)|-*\s*ends?\s*-*|end\s*item|[-–—_=*#~•]{3,})$", re.I
)
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
_ALSO_READ = re.compile(
    r"^(?:ALSO READ|READ ALSO|(?i:also\s+read|read\s+also|see\s+also)\s*[:|])\s*.{0,120}$"
)
# Xinhua's "Editor: Wang Li", "Edited by: ...": the desk, not the story
_EDITOR = re.compile(
    r"^(?i:editor|edited\s+by|compiled\s+by)\s*:\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}$"
)
# a credit to nobody in particular: "(Agencies)", "- Agencies", "With agency inputs"
_GENERIC_CREDIT = frozenset(
    {"agencies", "agency", "agency inputs", "wires", "wire services", "news desk", "web desk",
     "desk", "staff", "online desk", "news agencies", "agencies inputs", "other agencies"}
)  # fmt: skip
_UNNAMED_INPUTS = re.compile(
    r"^\(?\s*with\s+(?:(?:additional\s+)?inputs?\s+from\s+)?(?:news\s+)?agenc(?:y|ies)"
    r"(?:\s+inputs?)?\s*\)?\.?$",
    re.I,
)
# --- datelines ---------------------------------------------------------------------------

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_ONE_PLACE = r"[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,3}"  # "WINSTON-SALEM": one word
_ONE_CAPS_PLACE = r"[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+){0,3}"
# a story filed from two places at once: "KYIV/MOSCOW", "Washington/London"
_PLACE = rf"{_ONE_PLACE}(?:(?:/{_ONE_PLACE}){{1,2}}(?=,\s*{_MONTH}\s+\d))?"  # with a date
_CAPS_PLACE = rf"{_ONE_CAPS_PLACE}(?:/{_ONE_CAPS_PLACE}){{0,2}}"
# "(Reuters)", and TASS's "/TASS/"
_TAG = r"\(\s*(?P<tag>[A-Z][\w&.'’ -]{1,40}?)\s*\)"
_DASH = r"\s*(?:[-—–]{1,2}|:)\s*"
_DATELINE = re.compile(
    rf"^(?:"
    rf"(?P<place1>{_PLACE}|{_CAPS_PLACE})(?:,\s*(?P<state>[A-Z][A-Za-z.]+))?,?\s*"
    rf"(?P<date1>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?\.?\s*{_TAG}(?:{_DASH})?"
    # TASS: "MOSCOW, October 27. /TASS/." (after a date only: "He/She/They" is no dateline)
    rf"|(?P<place3>{_PLACE}|{_CAPS_PLACE}),\s*(?P<date3>{_MONTH}\s+\d{{1,2}})\.?\s*"
    rf"/(?P<slashed>[A-Z][\w&.'’ -]{{1,20}}?)/\.?(?:{_DASH})?"
    rf"|(?P<place2>{_CAPS_PLACE})(?:,\s*(?P<date2>{_MONTH}\s+\d{{1,2}}))?{_DASH}"
    rf"|\(\s*(?P<lone>[A-Z][\w&.'’ -]{{1,40}}?)\s*\)(?:{_DASH})?"
    rf")\s*(?=\S)"
)
_CAPS_ONLY = re.compile(rf"^{_CAPS_PLACE}(?:,\s*[A-Z][A-Za-z.]+)?$")

# --- credits named inside the body ---------------------------------------------------------

_AGENCY_NAMES = (
    "Reuters|Associated Press|AP|AFP|Agence France-Presse|Xinhua|IANS|PTI|ANI|UNI|"
    "Anadolu Agency|Anadolu|TASS|RIA Novosti|Interfax|Sputnik|dpa|EFE|ANSA|Kyodo|Yonhap|"
    "Bernama|Antara|Bloomberg|MENAFN|WAM|KUNA|IRNA|PA Media|Press Association|AAP|"
    "Canadian Press|Belga|APA|NTB|TT|CTK|PAP|MTI|BTA|Agerpres|Tanjug|HINA|STA|"
    "Kyodo News|Jiji Press|CNA|Central News Agency|Vietnam News Agency|SPA|QNA|MENA|APS|"
    "Ukrinform|UNIAN|BelTA|Kazinform|Trend|Azertag|IRIB|ISNA|Mehr|Fars|Tasnim|Prensa Latina|"
    "Notimex|Telam|Agencia Brasil|Lusa|Europa Press|Xinhua News Agency|China News Service|"
    "Global Times|CGTN|Yonhap News Agency|Press Trust of India|Asian News International"
)
_NAMED_AGENCY = r"[A-Z][\w&'’-]+(?:\s+[A-Z][\w&'’-]+){0,3}\s+[Nn]ews\s+[Aa]gency"
# Words that end a news outlet's name. A bare "Agency" or "Service" is left out: "the
# Environmental Protection Agency said" quotes a government body, not a news outlet; news
# agencies are named in full above, or end in "News Agency", "Press Agency", "Wire Service"...
_OUTLET_WORD = (
    r"(?:Press|News|Wire|Times|Post|Herald|Journal|Telegraph|Tribune|Gazette|"
    r"Chronicle|Daily|Radio|Television|TV|Broadcasting|Network|Media|"
    r"(?:News|Press|Wire)\s+(?:Agency|Service))"
)
_NAMED_OUTLET = rf"[A-Z][\w&'’-]+(?:\s+[A-Z][\w&'’-]+){{0,3}}\s+{_OUTLET_WORD}\b"
_AGENCY = rf"(?P<who>(?:the\s+)?(?:(?:{_AGENCY_NAMES})\b|{_NAMED_AGENCY}|{_NAMED_OUTLET}))"
_OUTLET_NAME = re.compile(rf"(?:the\s+)?(?:(?:{_AGENCY_NAMES})|{_NAMED_AGENCY}|{_NAMED_OUTLET})")
# Every credit pattern names an outlet, and every outlet name holds one of these words, so a
# sentence without any of them is skipped before the (slower) patterns run.
_CAPITALISED = re.compile(r"[A-Z][\w&-]*|dpa")
_HINT_WORDS = frozenset(
    _CAPITALISED.findall(_AGENCY_NAMES)
    + re.findall(r"[A-Z][a-zA-Z]*", _OUTLET_WORD.replace("(?:", " "))
    + ["News", "Agency", "Service"]
)
# Lines that say where a story comes from: "This article was originally published on The
# Conversation", "With inputs from PTI", "AFP contributed to this report", "Source: Xinhua".
# Where the wording itself says "this story came from", any capitalised name is the outlet;
# after a bare "Source:" or "contributed to this report" (a data source, a person) only an
# outlet's name is. Each pattern must take the whole line: a sentence that goes on ("With
# input from the WHO, the ministry drafted...") is the story, not a credit.
_NAME_WORD = r"[A-Z](?:[\w&'’-]|\.(?=\w))*"  # "Conversation", "U.S", not "Conversation."
_ANY_NAME = rf"(?:(?i:the)\s+)?{_NAME_WORD}(?:\s+(?:of\s+|and\s+|&\s+)?{_NAME_WORD}){{0,4}}"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_WHEN = rf"(?:{_MONTH}|{_WEEKDAY})"  # "first published in March"
_LANGUAGE = (
    r"(?:English|Spanish|French|German|Arabic|Chinese|Mandarin|Russian|Portuguese|Italian|"
    r"Japanese|Korean|Hindi|Turkish|Ukrainian|Persian|Farsi|Urdu|Dutch|Polish|Greek|Hebrew|"
    r"Swedish|Norwegian|Danish|Finnish|Czech|Hungarian|Romanian|Indonesian|Malay|Vietnamese|"
    r"Thai|Bengali|Tamil|Swahili)"
)
_CREDIT_TAIL = (
    r"(?:\s+(?i:website|site))?(?:\s+(?i:and\s+is\s+(?:re)?(?:published|produced)\b.*|"
    r"under\s+a\b.*|with\s+permission\b.*|and\s+(?:distributed|translated)\b.*|"
    r"with\s+the\s+title\b.*|at\s+https?://.*|on\s+\w+\.?\s+\d.*)"
    r"|,\s+(?i:an?|the|which|part\s+of)\b.*|\.\s+(?i:read\s+the\s+original\b.*))?\W*$"
)  # "..., an independent and nonprofit source of news", "... at https://grist.org/..."
_LIST_SEP = r"\s*(?:,|/|&|\band\b)\s*"
# "PTI, ANI", "PTI/IANS", "PTI and agencies"
_NAMES = rf"{_ANY_NAME}(?:{_LIST_SEP}{_ANY_NAME})*(?:{_LIST_SEP}(?i:(?:other\s+)?agencies))?"
_CREDIT_LINES = (
    re.compile(
        rf"^(?i:(?:a\s+version\s+of\s+)?this\s+(?:article|story|piece|report|post|interview)\s+"
        rf"(?:was\s+|is\s+)?(?:originally\s+|first\s+)(?:published|appeared|ran|posted)\s+)"
        rf"(?:(?i:in)\s+{_LANGUAGE}\s+)?(?i:(?:on|in|at|by)\s+)(?!(?:{_WHEN}|{_LANGUAGE})\b)"
        rf"(?P<who>{_ANY_NAME}){_CREDIT_TAIL}"
    ),
    re.compile(
        rf"^(?i:this\s+(?:article|story|piece|report)\s+(?:is|was)\s+republished\s+from\s+)"
        rf"(?P<who>{_ANY_NAME}){_CREDIT_TAIL}"
    ),
    re.compile(rf"^(?:\(\s*)?(?i:with\s+(?:additional\s+)?inputs?\s+from\s+)(?P<who>{_NAMES})\W*$"),
    re.compile(
        rf"^(?:\(\s*)?(?i:with\s+)(?P<who>{_NAMES})\s+(?i:inputs?)\W*$"
    ),  # (With PTI inputs)
    re.compile(
        rf"^{_AGENCY}(?:\s+(?i:writers?|reporters?|correspondents?|staff)\b.{{0,80}}?)?"
        rf"\s+(?i:contributed\s+to\s+this\s+(?:report|story|article))\W*$"
    ),
    re.compile(rf"^(?i:source|courtesy)\s*:\s*{_AGENCY}\W*$"),
    # an outlet known by its capitals: "CNN contributed to this report.", "CNN's Jane Doe
    # contributed to this report.", "Source: CNN" (only in a line that says it credits)
    re.compile(
        r"^(?P<who>[A-Z]{2,6})(?:['’]s\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?"
        r"\s+(?i:contributed\s+to\s+this\s+(?:report|story|article))\W*$"
    ),
    re.compile(r"^(?i:source|courtesy)\s*:\s*(?P<who>[A-Z]{2,6})\W*$"),
)
_CREDIT_LINE_LONGEST = 40  # words: a credit line, not a body sentence that mentions one
_AND = re.compile(_LIST_SEP)


def _outlets(named: str) -> list[str]:
    """The outlets a credit line names: "Reuters and AFP" is two, "The Globe and Mail" one."""
    parts = [p for p in _AND.split(named) if p]
    if len(parts) > 1 and all(_OUTLET_NAME.fullmatch(p) or _generic(p) for p in parts):
        return [_clean_outlet(p) for p in parts if not _generic(p)]  # "PTI and agencies"
    return [_clean_outlet(named)]


def _generic(name: str) -> bool:
    """A credit to nobody in particular: "Agencies", "Web Desk"."""
    return _clean_outlet(name).lower() in _GENERIC_CREDIT


# Bylines: "By Jane Doe", "By Jane Doe | Reuters", "By JOHN SMITH, Associated Press",
# "By JANE DOE, AP Business Writer", "By Jane Doe, CNN", "By the Associated Press". The
# writer's name is capitalised word by word (in any script), so "By Tuesday, officials
# said..." or "By then the damage was done" are the story, not a byline.
_JOINERS = frozenset(
    "and & of the in de da di del der den van von la le al bin ibn el y du dos das".split()
)
_BYLINE = re.compile(
    r"^(?i:by)\s+(?P<who>[^\W\d_][\w.'’ &-]{0,80}?)"
    r"(?:\s*(?P<sep>[,|/]|\s[-—–]{1,2}|[—–]|\s\()\s*(?P<rest>[^,|/()]{1,60}?)\)?)?[\s.]*$"
)
_ROLE = re.compile(
    r"^(?:writer|correspondent|reporter|editor|staff|contributor|columnist|bureau|chief|"
    r"producer|journalist|analyst|business|political|special|senior|national|foreign|"
    r"diplomatic|science|health|sports?|economics?)s?$",
    re.I,
)
_WIRE_LEAD = re.compile(rf"^(?P<who>{_AGENCY_NAMES})\b")  # "AP Business Writer"
_WIRE_AFTER_NAME = re.compile(rf"(?<=\S)\s+(?P<who>(?:(?i:the)\s+)?(?:{_AGENCY_NAMES}))$")
_OUTLET_IN = re.compile(rf"\b{_OUTLET_NAME.pattern}\b")
_WIRE_IN = re.compile(rf"\b(?:{_AGENCY_NAMES}|{_NAMED_AGENCY})\b")  # an agency, by name
# the agency holding a copyright: "© 2025 AFP", "Copyright Thomson Reuters 2025"
_COPYRIGHT_HOLDER = re.compile(
    r"^(?:©|\([cC]\)|(?i:copyright))\s*(?:©\s*|\([cC]\)\s*)?(?:\d{4},?\s*)?(?:(?i:the)\s+)?"
    rf"(?:Thomson\s+)?(?P<who>{_AGENCY_NAMES}|{_NAMED_AGENCY})\b"
)
_NOT_WRITERS = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    rf"December|{_WEEKDAY}|Contrast|Design|Noon|Christmas|Easter|Then|Now|Far|Comparison|"
    r"Law)\b",
    re.I,
)  # "By Friday, ...", "By March": a time or a manner, not a writer
# single-word agency names that are also people's names ("Juan Mena", "Antara Sengupta")
# are taken after a name only where nothing else could be meant: several words, or Reuters
_PLAIN_WIRES = frozenset({"Reuters", "Xinhua", "Bloomberg"})


def _capitalised(words: list[str]) -> bool:
    """Every word a name's: capitalised ("al-Masri" after its particle), or a joining word."""
    return bool(words) and all(
        w[:1].isupper() or w.lower() in _JOINERS or w.rsplit("-", 1)[-1][:1].isupper()
        for w in words
    )


def _without_roles(text: str) -> tuple[str, bool]:
    """``text`` without the job words it ends with ("AP Business Writer" -> "AP")."""
    words = text.split()
    n = len(words)
    while words and _ROLE.match(words[-1]):
        words.pop()
    return " ".join(words), len(words) < n


def _wire_named(name: str, writer: str) -> bool:
    """Whether an agency name after a writer's name is the agency, not the writer's surname."""
    names = [w for w in writer.split() if w.lower() not in _JOINERS]
    shouted = bool(names) and all(w.isupper() for w in names)  # "By JUAN MENA"
    return " " in name.strip() or name in _PLAIN_WIRES or (name.isupper() and not shouted)


def _byline(t: str) -> tuple[str | None, str | None] | None:
    """(writer, outlet) of a byline line, None if the line is not one."""
    if NAME_LINES.on and " by " in t[:16].lower():
        t = _BYLINE_KIND.sub("", t)  # "Analysis by Jane Doe, CNN"
    if NAME_LINES.on and t[:3].lower() == "by ":
        t = _BYLINE_TAIL.sub("", t)  # "... | on", "... July 16 at 8:32 AM Email the author"
    if t[:3].lower() == "by " and len(t.split()) <= 20:
        # "By ZEKE MILLER, COLLEEN LONG and AAMER MADHANI Associated Press",
        # "By JOHN SMITH AP Business Writer"
        line, roles = _without_roles(t.rstrip(" ."))
        if NAME_LINES.on and (titled := _WIRE_TITLE.search(line)) and roles:
            line = line[: titled.end("who")]  # "By ROBERT BURNS AP National Security Writer"
        wire = _WIRE_AFTER_NAME.search(line)
        writers = line[3 : wire.start()].strip(" ,") if wire else ""
        if (
            wire
            and _capitalised(writers.replace(",", " ").split())
            and not _NOT_WRITERS.match(writers)
            and (roles or _wire_named(wire.group("who"), writers))
        ):
            return writers, _clean_outlet(wire.group("who"))
    m = _BYLINE.match(t)
    if not m or len(t.split()) > 14:
        return None
    who, rest = m.group("who").strip(" ."), (m.group("rest") or "").strip(" .")
    core, _ = _without_roles(who)
    if not _capitalised(core.split()) or _NOT_WRITERS.match(who):
        return None  # "By Friday, Reuters reporters had counted...", "By March"
    if not rest:
        if NAME_LINES.on and (split := _name_line(core)):
            return split  # "By Anton Troianovski Washington Post": the writer, then the outlet
        if ACRONYM_OUTLETS.on and (wires := _ACRONYM_WIRES.fullmatch(core)):
            return None, wires.group("outlet")  # "By CNN Wires"
        if _OUTLET_NAME.fullmatch(core):
            return None, _clean_outlet(core)  # "By the Associated Press", "By AP staff"
        if len(who.split()) < 2 or re.match(r"(?i)the\s", who):
            return None  # "By Design", "By The Numbers": a subhead
        return who, None
    words = rest.split()
    jobs = [w for w in words if _ROLE.match(w)]
    if not _capitalised([w for w in words if w not in jobs]) and len(words) > len(jobs):
        return None  # a sentence goes on after the comma: "By then, the editor had resigned"
    if len(words) > 6:
        return None
    if _OUTLET_NAME.fullmatch(rest):
        return who, _clean_outlet(rest)
    if (lead := _WIRE_LEAD.match(rest)) and jobs:
        return who, lead.group("who")  # "AP Business Writer", "Reuters staff"
    if ACRONYM_OUTLETS.on and (acronym := _acronym_outlet(words)):
        return who, acronym  # "By Jane Doe, CNN", "By Jane Doe, CNN Supreme Court Reporter"
    if len(core.split()) < 2 and not jobs:
        return None  # "By George, Britain Did It": a headline's wordplay, not a writer
    return who, None  # "By Jane Doe, Staff Writer", "By Jane Doe, CNN"


_MONTH_WORD = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DAY_NAME = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
# "... | on", and The Washington Post's "... July 16 at 8:32 AM Email the author Follow @x"
# a wire and the capitalised job title after a writer's name: "AP National Security (Writer)"
_WIRE_TITLE = re.compile(rf"(?<=\S)\s+(?P<who>{_AGENCY_NAMES})(?:\s+[A-Z][\w-]*){{1,3}}$")
_BYLINE_TAIL = re.compile(
    r"\s*\|\s*(?i:on|updated|posted)?\s*$"
    rf"|\s+(?:{_MONTH_WORD}\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?\s+at\s+\d{{1,2}}:\d\d\s*[AaPp]\.?[Mm]\.?"
    r"|(?i:email\s+the\s+author|follow\s+@)).*$"
)
_ACRONYM_WIRES = re.compile(r"(?P<outlet>[A-Z]{2,5})\s+Wires?")


def _acronym_outlet(words: list[str]) -> str | None:
    """The outlet of capitals a byline names after the writer, alone or before a job title:
    "CNN", "CNN Supreme Court Reporter", "CNN Editor-at-large"."""
    if not words or not re.fullmatch(_ACRONYM, words[0]):
        return None
    title = words[1:]
    if title and not (_capitalised(title) and _ROLE.match(re.split(r"[-—]", title[-1])[0])):
        return None
    return words[0]


_CREDIT_PATTERNS = (
    re.compile(rf"\b{_AGENCY}(?:\s+news\s+agency)?\s+(?:reported|said|quoted|cited|wrote)\b"),
    re.compile(rf"\b(?:according\s+to|reported\s+by|quoted\s+by|cited\s+by|told)\s+{_AGENCY}\b"),
    re.compile(rf"\b(?:reports?|told|citing)\s+{_AGENCY}\b"),
)


@dataclass(frozen=True)
class _Block:
    start: int
    end: int
    text: str


def segment(article: Article) -> Document:
    """Segment an article: fields (headline, dateline, credits...) apart, body sentences."""
    text = article.text
    fields: list[Field] = []
    header_end, published = _header(text, fields)
    lined = text
    if published is None:
        published, lined = _date_under_headline(text, fields)
    blocks = [b for b in _blocks(lined, header_end) if b.text]
    body, meta = _classify(blocks, fields, outlet=article.outlet)
    sentences = tuple(_sentences(text, body))
    enriched = _enrich(article, published or meta.published, fields, meta, sentences)
    return Document(
        article=enriched, sentences=sentences, fields=tuple(sorted(fields, key=_by_start))
    )


def _by_start(f: Field) -> int:
    return f.start


def _header(text: str, fields: list[Field]) -> tuple[int, str | None]:
    """A leading ` date 2025-10-26` line: record it as metadata, return where the text goes on."""
    m = _HEADER_DATE.match(text)
    if not m or text[: m.start()].strip():
        return 0, None
    fields.append(Field("metadata", m.start(), m.end(), text[m.start() : m.end()].strip()))
    return m.end(), _header_date(m)


HEADLINE_WORDS = 30  # a first line longer than this is the story, not a headline


def _date_under_headline(text: str, fields: list[Field]) -> tuple[str | None, str]:
    """A ` date 2025-10-26` line right under the headline (the first line of the text):
    metadata as at the top, not the first body sentence. Returns the date and the text with
    that line blanked out (the same length, so every span stays where it is)."""
    lines = [m for m in re.finditer(r"[^\n]*", text) if m.group().strip()][:2]
    if len(lines) < 2 or len(lines[0].group().split()) > HEADLINE_WORDS:
        return None, text
    m = _HEADER_DATE.match(text, lines[1].start())
    if not m or m.end() < lines[1].end():
        return None, text
    fields.append(Field("metadata", m.start(), m.end(), text[m.start() : m.end()].strip()))
    published = _header_date(m)
    return published, text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]


def _header_date(m: re.Match[str]) -> str:
    published = m.group("date")
    if m.group("time"):
        published += "T" + m.group("time").strip().lstrip("T")
    return published


# --- blocks: lines, or paragraphs of a hard-wrapped text ----------------------------------


def _lines(text: str, start: int) -> list[_Block]:
    out = []
    pos = start
    for line in text[start:].split("\n"):
        end = pos + len(line)
        s, e = _strip_span(text, pos, end)
        out.append(_Block(s, e, text[s:e]))
        pos = end + 1
    return out


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_TERMINAL = re.compile(r"[.!?:;\"”’')\]]$")


def _hard_wrapped(lines: list[_Block]) -> bool:
    """True when most lines break mid-sentence (fixed-width text such as e-mail or essays)."""
    full = [b for b in lines if b.text]
    if len(full) < 4:
        return False
    width = max(len(b.text) for b in full)
    if WRAP_WIDTH.on and width > WRAP_WIDEST:
        return False  # a page's paragraphs on lines of their own, with clutter lines between
    broken = 0
    for cur, nxt in zip(lines, lines[1:], strict=False):
        if cur.text and nxt.text and not _TERMINAL.search(cur.text):
            if WRAP_WIDTH.on and len(cur.text) < WRAP_FULL * width:
                continue  # broken where the width did not force it: a label, a heading
            broken += nxt.text[:1].islower() or len(cur.text.split()) >= 8
    return broken >= 0.4 * len(full)


WRAP_WIDEST = 200  # characters: no fixed-width text has longer lines
WRAP_FULL = 0.6  # of the widest line: where the width forced a break


def _blocks(text: str, start: int) -> list[_Block]:
    lines = _lines(text, start)
    wrapped = _hard_wrapped(lines)
    out: list[_Block] = []
    group: list[_Block] = []
    for b in [*lines, _Block(len(text), len(text), "")]:
        if b.text and group and (wrapped or _continues(group[-1], b)):
            group.append(b)
            continue
        if group:
            s, e = group[0].start, group[-1].end
            out.append(_Block(s, e, text[s:e]))
        group = [b] if b.text else []
    return out


def _continues(line: _Block, nxt: _Block) -> bool:
    """A line broken mid-sentence: no closing punctuation, and the next starts in lower case
    (and is no line of JavaScript: "window._taboola = ...")."""
    if _TERMINAL.search(line.text) or not nxt.text[:1].islower():
        return False
    if SCRIPTS.on and _script(nxt.text):
        return False
    return not (PRINTED_DATES.on and _date_line(line.text))  # "Jul 14, 2018 7:00 AM" ends


# --- dates printed in the page's header ---------------------------------------------------

_YEAR = r"(?:19|20)\d\d"
_YEAR_HINT = re.compile(r"(?:19|20)\d\d")
# "July 16, 2018", "Fri June 1, 2018", "31 May 2018", "Jul.15.2018", "07/16/2018", "2018-07-16"
_PRINTED_DAY = re.compile(
    rf"(?<![\w/.-])(?:{_DAY_NAME},?\s+)?(?:"
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH_WORD})\.?,?\s+(?P<y1>{_YEAR})"
    rf"|(?P<m2>{_MONTH_WORD})\.?\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>{_YEAR})"
    rf"|(?P<m3>{_MONTH_WORD})\.(?P<d3>\d{{1,2}})\.(?P<y3>{_YEAR})"
    rf"|(?P<a4>\d{{1,2}})/(?P<b4>\d{{1,2}})/(?P<y4>{_YEAR})"
    rf"|(?P<y5>{_YEAR})-(?P<m5>\d\d)-(?P<d5>\d\d)"
    rf")(?!\d)",
    re.IGNORECASE,
)
_ZONE_NAMES = r"E[SD]?T|C[SD]?T|M[SD]?T|P[SD]?T|UTC|GMT"
_US_ZONE = re.compile(r"\b[ECMP][SD]?T\b")
_CLOCK = re.compile(
    r"(?<![\d:])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?(?!\d)"
    r"(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)?"
    rf"(?:\s*\(?(?P<zone>{_ZONE_NAMES})\b\)?)?",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"(?:\s|[,|/@—–-]|\bat\b|\bon\b)*", re.IGNORECASE)  # a date and its time
_DATE_LABEL = re.compile(
    r"(?P<label>(?:(?:originally|first)\s+)?(?:published|posted)|(?:last\s+)?updated?)\b"
    r"[^|]{0,30}$",
    re.IGNORECASE,
)
_LABEL_ONLY = re.compile(
    r"^[;,|\s]*(?P<label>(?:(?:originally|first)\s+)?(?:published|posted)|(?:last\s+)?updated?)"
    r"\s*:?\s*(?:on|at)?\s*$",
    re.IGNORECASE,
)
_MONTHS = {m: n for n, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}  # fmt: skip
_US_ZONES = {"E": -5, "C": -6, "M": -7, "P": -8}
DATE_LINE_LONGEST = 30  # words: a date line, with its byline, not a caption or a sentence
HEADER_LINES = 40  # lines of a page, at most, before its story that may print its date


@dataclass(frozen=True)
class _Stamp:
    """A date (and time) printed in a line: ISO value, precision, label, where it is."""

    value: str
    precision: DatePrecision
    label: str | None  # "published" (or posted), "updated", None
    start: int
    end: int


def printed_date(line: str) -> tuple[str, DatePrecision] | None:
    """The date a line prints, as ISO 8601 and its precision: the publication time where it
    prints one and an update ("Posted ... Updated ..."), else the first; None without a year.

    >>> printed_date("Updated 6:35 PM ET, Fri June 1, 2018")
    ('2018-06-01T18:35-04:00', 'minute')
    """
    stamps = _stamps(line)
    if not stamps:
        return None
    best = next((s for s in stamps if s.label == "published"), stamps[0])
    return best.value, best.precision


def _stamps(line: str) -> list[_Stamp]:
    """Every date a line prints, with its time and label where it prints them."""
    out: list[_Stamp] = []
    us = bool(_US_ZONE.search(line))
    for m in _PRINTED_DAY.finditer(line):
        day = _day(m, us=us)
        if day is None:
            continue
        clock, start, end = _clock_near(line, m)
        value = _with_clock(day, clock) if clock else None
        precision: DatePrecision = "minute" if value else "day"
        label = _DATE_LABEL.search(line, out[-1].end if out else 0, start)
        kind = _label_kind(label.group("label")) if label else None
        out.append(_Stamp(value or day.isoformat(), precision, kind, start, end))
    return out


def _day(m: re.Match[str], *, us: bool) -> date | None:
    """The calendar day of a ``_PRINTED_DAY`` match; a numeric day both of whose numbers could
    be the month ("06/01/2018") only on a page that prints a US time zone."""
    year = int(next(g for g in (m.group(f"y{k}") for k in range(1, 6)) if g))
    if m.group("a4"):
        a, b = int(m.group("a4")), int(m.group("b4"))
        if a <= 12 and b <= 12 and a != b and not us:
            return None
        month, day = (a, b) if a <= 12 else (b, a)
    elif m.group("y5"):
        month, day = int(m.group("m5")), int(m.group("d5"))
    else:
        k = next(k for k in (1, 2, 3) if m.group(f"m{k}"))
        month, day = _MONTHS[m.group(f"m{k}")[:3].lower()], int(m.group(f"d{k}"))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _clock_near(line: str, m: re.Match[str]) -> tuple[re.Match[str] | None, int, int]:
    """The time printed with a date, just after it or just before it, and the span of both.
    A time with am/pm or a zone is preferred ("4:38 PM ET Fri, 13 July 2018 | 01:42")."""
    gap = _BETWEEN.match(line, m.end())
    after = _CLOCK.match(line, gap.end() if gap else m.end())
    before = None
    for c in _CLOCK.finditer(line, max(0, m.start() - 40), m.start()):
        before = c if _BETWEEN.fullmatch(line, c.end(), m.start()) else None
    if before and _told(before) and not _told(after):
        return before, before.start(), m.end()
    if after:
        return after, m.start(), after.end()
    if before:
        return before, before.start(), m.end()
    return None, m.start(), m.end()


def _told(clock: re.Match[str] | None) -> bool:
    """Whether a printed time says am or pm, or its zone: surely a time, not a duration."""
    return bool(clock and (clock.group("ap") or clock.group("zone")))


def _with_clock(day: date, clock: re.Match[str]) -> str | None:
    """The day and time as ISO 8601, with the printed zone's offset; None for no time."""
    hour, minute = int(clock.group("h")), int(clock.group("mi"))
    if clock.group("ap"):
        if hour > 12 or hour == 0:
            return None  # "13:05 pm" is no time
        hour = hour % 12 + (12 if clock.group("ap").lower() == "p" else 0)
    zone = clock.group("zone")
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}{_offset(zone, day) if zone else ''}"


def _offset(zone: str, day: date) -> str:
    """The UTC offset of a printed zone; "ET" is daylight time between the second Sunday of
    March and the first Sunday of November, as the US rules have it."""
    zone = zone.upper()
    if zone in ("UTC", "GMT"):
        return "+00:00"
    summer = zone[1] == "D" if len(zone) == 3 else _us_summer(day)
    return f"{_US_ZONES[zone[0]] + summer:+03d}:00"


def _us_summer(day: date) -> bool:
    march, november = date(day.year, 3, 8), date(day.year, 11, 1)
    start = march + timedelta(days=(6 - march.weekday()) % 7)  # the second Sunday of March
    end = november + timedelta(days=(6 - november.weekday()) % 7)  # the first Sunday of November
    return start <= day < end


def _date_rest(line: str, stamps: list[_Stamp]) -> str:
    """The line without its dates, times and date labels: a byline, an outlet, or nothing."""
    rest, pos = [], 0
    for s in stamps:
        rest.append(_DATE_LABEL.sub("", line[pos : s.start]))
        pos = s.end
    rest.append(line[pos:])
    text = re.sub(r"(?i)email\s+the\s+author|follow\s+@\w+", " ", " ".join(rest))
    return " ".join(text.split()).strip(" |;,—–-/.")


def _quiet_rest(rest: str, *, labelled: bool) -> bool:
    """Whether what a date line prints beside its date is a byline or an outlet's name, not a
    caption's, a headline's or a sentence's words ("in Helsinki, Finland, on July 12, 2018
    photo", "President Trump's Schedule Monday, July 16, 2018")."""
    if "@" in rest or rest.startswith(("—", "–", "-")):
        return False
    words = [w for w in _CLOCK.sub(" ", rest).split() if _LETTER.search(w)]
    words = words[1:] if words[:1] in (["by"], ["By"]) else words
    if not all(w[:1].isupper() or w.lower() in _JOINERS or _ROLE.match(w) for w in words):
        return False
    if len(words) <= 3 or labelled or rest[:3].lower() == "by ":
        return True
    return NAME_LINES.on and bool(_name_line(rest))


def _date_line(t: str) -> tuple[list[_Stamp], str] | None:
    """The dates of a short line that prints dates and at most a byline, with what is left."""
    if not _YEAR_HINT.search(t):
        return None  # no year, no date
    if len(t.split()) > DATE_LINE_LONGEST and not _LABEL_FIRST.match(t):
        return None
    stamps = _stamps(t)
    if not stamps:
        return None
    rest = _CLOCK.sub(" ", _date_rest(t, stamps)).strip(" |;,—–-/.")
    labelled = any(s.label for s in stamps)
    if _LABEL_FIRST.match(t) or _quiet_rest(rest, labelled=labelled):
        return stamps, " ".join(rest.split())
    return None


# "Updated 1:45 pm, Friday, June 1, 2018 window._taboola = ...": a label, then the date
_LABEL_FIRST = re.compile(
    rf"^(?:(?:originally|first)\s+)?(?:published|posted|updated)\s*:?\s*(?:on|at)?\s*"
    rf"(?:\d{{1,2}}:\d\d|{_DAY_NAME}|{_MONTH_WORD}|\d{{1,2}}/)",
    re.IGNORECASE,
)


def _publication(stamps: list[tuple[int, _Stamp]]) -> str | None:
    """The publication date among the dates of a page's header: a Published or Posted one;
    else one printed without a label, where the lines that print one agree; else an update."""
    published = [s for _, s in stamps if s.label == "published"]
    if published:
        return published[0].value
    plain = [(i, s) for i, s in stamps if s.label is None]
    if plain:
        if len({s.value for _, s in plain}) > 1 and len({i for i, _ in plain}) > 1:
            return None  # a list of other stories, each dated: "by X - Jul 14, 2018 7:00 am"
        return min((s for _, s in plain), key=lambda s: _sortable(s.value)).value
    updated = [s for _, s in stamps if s.label == "updated"]
    return updated[0].value if updated else None


def _sortable(value: str) -> str:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.isoformat()


# --- page clutter: what a scraped page prints around its story --------------------------------

_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_LETTER = re.compile(r"[^\W\d_]")
SHORT_LINE = 10  # words: a shorter line with no sentence end is a label, heading or button
LINK_RUN = 3  # lines with no sentence end in a row: a list of links or headlines
# words of a line in such a list: headlines, deks and captions run to 25 on news-dev pages,
# where no run of three story paragraphs lacks every sentence end
LINK_LONGEST = 25
STORY_PARAGRAPH = 15  # words of a paragraph that is surely the story's
CAPTION_LONGEST = 60  # words of a caption
PHOTO_CREDIT_LONGEST = 12  # words

# agencies that sell photos, not stories: a line naming one is a photo credit
_PHOTO_AGENCY = (
    r"Getty(?:\s+Images)?|Shutterstock|EPA(?:-EFE)?|Invision|Lehtikuva|Sipa(?:\s+USA)?|Alamy|"
    r"Pool\s+Photo|Handout|Bettmann|AP\s+Photo|NurPhoto|ZUMA|Polaris"
)
_ONE_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"  # one person or one outlet: no list
_PHOTO_WORD = r"(?:Photo(?:graph)?s?|Image|Picture|Graphic|Screenshot|Illustration)"
_PHOTO_CREDIT = re.compile(
    rf"""^(?:
        \(?\s*(?:(?:AP|AFP|Reuters|Bloomberg)\s+)?{_PHOTO_WORD}
            (?:\s+(?:by|courtesy\s+of)\b|\s*[:/])\s*\S.*          # "Photo: Jane Doe, AP"
      | (?:Image\s+|Photo\s+)?Credits?(?:\s*:|(?=[A-Z]))\s*\S.*    # "Credit: AP", "CreditJo Li/EPA"
      | .*(?<![\w-])(?:{_PHOTO_AGENCY})(?![\w-]).*                 # "BPA via Getty Images"
      | \(\s*[A-Z][^()]{{0,60}}/\s*[A-Z@][^()]{{0,60}}\)           # "(Evan Vucci/AP)"
      | {_ONE_NAME}\s*/\s*[A-Z][\w.&'’ -]*(?:/\s*[\w.&'’ -]+)*(?:\s+via\s+.*)?  # "Jo Li / AP"
    )$""",
    re.VERBOSE,
)
_PHOTO_OPENING = re.compile(rf"^\(?\s*(?:(?:AP|AFP|Reuters|Bloomberg)\s+)?{_PHOTO_WORD}\b|^Credit")
# AP's "FILE - In this July 7, 2017, file photo, ...", "In this photo taken on ..."
_FILE_PHOTO = re.compile(
    r"^(?:FILE\s*[-–—:]|(?:FILE\s*[-–—:]\s*)?In\s+(?:this|these|an?)\b.{0,100}?\b"
    r"(?:photos?|images?|pictures?|frame\s+grab)\b|Image\s+caption\b)"
)
# a gallery's caption with its "less" / "... more" button
_GALLERY_TOGGLE = re.compile(r"[.!?\"”’')\]]\s+less$|(?:\.\.\.|…)\s*more$")
# a caption closing with its photo's credit: "... in Helsinki. (Evan Vucci/AP)"
_CREDIT_AT_END = re.compile(
    rf"(?:\(\s*(?:(?:AP\s+)?Photo(?:\s+by)?\s*[:/]?\s*)?[A-Z][^()]{{0,60}}/\s*[A-Z@][^()]{{0,60}}\)"
    rf"|\(\s*(?:AP\s+)?Photo\b\s*(?:by\b|:|/)[^()]+\)|\([^()]*(?<![\w-])(?:{_PHOTO_AGENCY})(?![\w-])[^()]*\)"
    rf"|(?<=[.!?”’\")|])\s*{_ONE_NAME}\s*/\s*[A-Z][\w.&'’ -]*(?:/\s*[\w.&'’ -]+)*"
    rf"|(?<=\.)\s*[^.]{{2,60}}\s(?:via\s+)?Getty\s+Images)\s*$"
)
# page widgets that are written as sentences, so that no general rule can tell them from the
# story: a short list of well-known ones (comment, newsletter and notification prompts)
_WIDGET = re.compile(
    r"^(?:%\s+of\s+readers\s+think|Add\s+your\s+two\s+cents|Chat\s+with\s+us\s+in\s+Facebook"
    r"|Tap\s+here\s+to\s+turn\s+on|Click\s+here\s+to\s+(?:comment|subscribe|sign)"
    r"|To\s+find\s+out\s+more\s+about\s+Facebook\s+commenting"
    r"|Thank\s+you\s+for\s+(?:signing\s+up|subscribing)|You\s+(?:have\s+successfully|are\s+"
    r"already)\s+subscribed|Please\s+verify\s+you're\s+not\s+a\s+robot|Invalid\s+email"
    r"|An\s+error\s+has\s+occurred|A\s+link\s+has\s+been\s+(?:sent|posted)"
    r"|Help\s+us\s+deliver\s+journalism|Be\s+the\s+first\s+to\s+know|Your\s+weather\s+is\s+set"
    r"|Never\s+miss\s+a\s+story|Your\s+subscription\s+supports|By\s+clicking\s+Sign\s+up"
    r"|Get\s+(?:the\s+latest|breaking\s+news|today's\s+headlines)\b.{0,60}\b(?:inbox|email)"
    r"|Sign\s+up\s+(?:for|to)\s+(?:our|the|receive)\b|Turn\s+on\s+(?:desktop\s+)?notifications)",
    re.IGNORECASE,
)
WIDGET_LONGEST = 30  # words
_SCRIPT = re.compile(
    r"\bwindow\.\w+\s*=|\bdocument\.(?:write|getElement)|\bfunction\s*\(|\}\s*\)\s*;"
    r"|\bvar\s+\w+\s*=|\|\|\s*\[\s*\]"
)
_SCRIPT_HINTS = ("window.", "document.", "function", "});", "var ", "||")


def _script(t: str) -> bool:
    """A line of JavaScript: "window._taboola = window._taboola || [];"."""
    return any(h in t for h in _SCRIPT_HINTS) and bool(_SCRIPT.search(t))


_TIME_ALONE = re.compile(rf"^{_CLOCK.pattern}$", re.IGNORECASE)
# capitals on a line of their own that are no place: a day, a month, a page's button
_NOT_A_PLACE = re.compile(
    rf"^(?:{_DAY_NAME}|{_MONTH_WORD}|TODAY|TONIGHT|YESTERDAY|BREAKING(?: NEWS)?|LIVE|WATCH|VIDEO|"
    r"PHOTOS?|CLOSE|MORE|MENU|SEARCH|SHARES?|URL|EDITION|ADVERTISEMENT|SPONSORED|OPINION|"
    r"ANALYSIS|EXCLUSIVE|UPDATE[DS]?|COMMENTS?)$",
    re.IGNORECASE,
)


_BUTTONS = re.compile(r"(?i)share|tweet|e-?mail|comment|linkedin|facebook|print|subscribe")


@dataclass(frozen=True)
class _Role:
    """What reading the whole page made of one of its lines: a field of ``kind``, with the
    credits and byline it gives."""

    kind: FieldKind
    credits: tuple[str, ...] = ()
    byline: str | None = None


@dataclass(frozen=True)
class _Page:
    """A page read as a whole before its lines are: the lines that are clutter (``early``,
    decided before the line rules; ``late``, after them), where the story begins, and the
    date its header prints."""

    blocks: list[_Block]
    outlet: str | None
    early: dict[int, _Role]
    late: dict[int, FieldKind]
    lede: int  # index of the story's first paragraph; len(blocks) when none is sure
    story: int  # where the story begins in earnest: its header ends (a summary may come first)
    published: str | None

    def story_next(self, i: int) -> bool:
        """Whether the block after block ``i`` opens a paragraph of the story."""
        nxt = self.blocks[i + 1].text if i + 1 < len(self.blocks) else ""
        return len(nxt.split()) >= 8 and bool(_PARAGRAPH_END.search(nxt))


_PARAGRAPH_END = re.compile(r"[.!?…:][\"”’')\]]*$")  # a sentence's end, or a lead-in's colon


def _read_page(blocks: list[_Block], outlet: str | None) -> _Page:
    early = _clutter(blocks, outlet)
    dated, stamps = _date_lines(blocks, early) if PRINTED_DATES.on else ({}, {})
    early.update(dated)
    paragraphs = [i for i, b in enumerate(blocks) if i not in early and _story_like(b.text)]
    story = _story_start(blocks, early, paragraphs)
    for i in dated:
        if i > story:  # a date line below the story's start dates (and signs) another story
            early[i] = _Role("metadata")
    header = [
        (i, s) for i, found in stamps.items() if i <= story and i < HEADER_LINES for s in found
    ]
    paragraph = any(len(b.text.split()) >= STORY_PARAGRAPH for b in blocks)
    late = _late(blocks, early) if paragraph else {}  # a page, with some story on it
    lede = paragraphs[0] if paragraphs else len(blocks)
    return _Page(blocks, outlet, early, late, lede, story, _publication(header))


def _story_start(blocks: list[_Block], early: dict[int, _Role], paragraphs: list[int]) -> int:
    """Where the story begins in earnest: the first of two of its paragraphs in a row (a
    summary under the headline, above the byline and date, stands alone); else the first."""
    for i in paragraphs:
        nxt = next((k for k in range(i + 1, len(blocks)) if k not in early), None)
        if nxt in paragraphs:
            return i
    return paragraphs[0] if paragraphs else len(blocks)


def _story_like(t: str) -> bool:
    return len(t.split()) >= STORY_PARAGRAPH and bool(_SENTENCE_END.search(t))


def _clutter(blocks: list[_Block], outlet: str | None) -> dict[int, _Role]:
    """Lines that are clutter whatever the line rules say: scripts, widgets, captions, photo
    credits."""
    out: dict[int, _Role] = {}
    boiler = _Role("boilerplate")
    texts = [b.text for b in blocks]
    captions = set()
    for i, t in enumerate(texts):
        if (SCRIPTS.on and _script(t)) or (
            WIDGETS.on and len(t.split()) <= WIDGET_LONGEST and _WIDGET.match(t)
        ):
            out[i] = boiler
        elif CAPTIONS.on and _caption(texts, i):
            out[i] = boiler
            captions.add(i)
    if not PHOTO_CREDITS.on:
        return out
    for i, t in enumerate(texts):
        above = i - 1
        if i in out or not _photo_credit(t, texts[above] if i else "", captioned=above in captions):
            continue
        out[i] = boiler
        if (
            CAPTIONS.on
            and not _own(t, outlet)
            and (caption := _credited(texts, i, out)) is not None
        ):
            out[caption] = boiler
    return out


def _credited(texts: list[str], i: int, out: dict[int, _Role]) -> int | None:
    """The caption of the photo credited on line ``i``: the line above; or, inside the story
    (a paragraph of it above that line), the line below where it is no paragraph of it."""
    above, below = i - 1, i + 1
    inside = above > 0 and above - 1 not in out and _story_like(texts[above - 1])
    if inside and below < len(texts) and below not in out:
        n = len(texts[below].split())
        if _caption_like(texts[below]) or (
            4 <= n < STORY_PARAGRAPH and not _SENTENCE_END.search(texts[below])
        ):
            return below
    if above >= 0 and above not in out and _caption_like(texts[above]):
        return above
    return None


_COPYRIGHT_OPENING = re.compile(r"^(?:©|\([cC]\)|(?i:copyright)\b)")


def _photo_credit(t: str, above: str, *, captioned: bool = False) -> bool:
    """A photo's credit: "(Evan Vucci/AP)", "Photo: Jane Doe, AP", "Jo Li / Getty Images"; or
    a writer-and-outlet line right under a caption ("Pablo Martinez Monsivais, AP")."""
    if len(t.split()) > PHOTO_CREDIT_LONGEST or _COPYRIGHT_OPENING.match(t):
        return False  # "© AP Photo/Evan Vucci" is a copyright line
    if _SENTENCE_END.search(t) and not _PHOTO_OPENING.match(t):
        return False  # "Getty Images declined to comment." is the story
    if _PHOTO_CREDIT.match(t):
        return True
    under_caption = captioned or _caption_like(above)
    return under_caption and NAME_LINES.on and _name_line(t) is not None


def _caption_like(t: str) -> bool:
    """A line that may be a caption: one or two sentences, no longer than a caption, not the
    story's lede."""
    n = len(t.split())
    return 6 <= n <= CAPTION_LONGEST and bool(_SENTENCE_END.search(t)) and not _opens_story(t)


def _caption(texts: list[str], i: int) -> bool:
    """A photo's caption by its own shape: AP's "FILE - In this ... photo", a photo desk's
    marks ("(AP Photo/Evan Vucci)", "ORG XMIT"), a gallery's "... less" toggle, a credit
    closing it; or printed again right below, beside a photo's credit or a gallery's count."""
    t = texts[i]
    n = len(t.split())
    if n <= PHOTO_CREDIT_LONGEST and _PHOTO_CREDIT.match(t):
        return False  # a credit alone: it marks the caption above it
    return _captioned(texts, i, n) and not _opens_story(t)  # a lede is no caption


def _captioned(texts: list[str], i: int, n: int) -> bool:
    t = texts[i]
    if _PHOTO_HINT.search(t) and _PHOTO_MARK.search(t):
        return True
    if n > CAPTION_LONGEST * 2:
        return False
    if _FILE_PHOTO.match(t) or (t.endswith(("less", "more")) and _GALLERY_TOGGLE.search(t)):
        return True
    tail = max(0, len(t) - _CREDIT_TAIL_CHARS)  # where a closing credit can start
    credit = _CREDIT_AT_END.search(t, tail) if "/" in t[tail:] or "Getty" in t[tail:] else None
    if credit and len(t[: credit.start()].split()) >= 4:
        return True  # a caption and its credit, not a credit alone
    if n < 6 or not _SENTENCE_END.search(t):
        return False
    copy = next((k for k in (i + 1, i + 2) if k < len(texts) and texts[k] == t), None)
    beside = [texts[k] for k in (i - 1, (copy or i) + 1) if copy and 0 <= k < len(texts)]
    return any(_GALLERY_COUNT.match(b) or _PHOTO_CREDIT.match(b) for b in beside)


_PHOTO_HINT = re.compile(r"Photo|PHOTO|XMIT|FILE ID|REUTERS/")  # quick: may a mark be there?
_CREDIT_TAIL_CHARS = 160
_GALLERY_COUNT = re.compile(r"^(?:Image|Photo)?\s*\d+\s*(?:of|/)\s*\d+$", re.IGNORECASE)


# the marks a photo desk leaves in its captions: "(AP Photo/Evan Vucci)", "AFP PHOTO / ...",
# AP's transmission codes
_PHOTO_MARK = re.compile(
    r"\((?:AP|AFP|Reuters|EPA)\s+Photos?\s*/|\bAFP PHOTO\b|\bORG XMIT\b|\bORIG FILE ID\b"
    r"|\bREUTERS/[A-Z][a-z]"
)


def _opens_story(t: str) -> bool:
    """Whether the line opens with a wire's dateline ("HELSINKI (AP) —"): the story's lede."""
    m = _DATELINE.match(t)
    return bool(m and (m.group("tag") or m.group("slashed")))


def _own(credit: str, outlet: str | None) -> bool:
    """Whether a photo credit names the page's own outlet (a staff chart, not a wire photo)."""
    site = re.sub(r"[^a-z]", "", (outlet or "").split(".")[0].lower())
    return bool(site) and site in re.sub(r"[^a-z]", "", credit.lower())


def _late(blocks: list[_Block], early: dict[int, _Role]) -> dict[int, FieldKind]:
    """Lines that are no body sentence unless a line rule made something of them first:
    time stamps, lists of links, short labels."""
    out: dict[int, FieldKind] = {}
    run: list[int] = []
    for i, b in enumerate([*blocks, _Block(0, 0, ".")]):
        if i in early:
            continue  # a date or a photo credit between two links does not end their list
        t, n = b.text, len(b.text.split())
        if TIME_STAMPS.on and t[:1].isdigit() and _TIME_ALONE.match(t):
            out[i] = "metadata"
        elif SHORT_LINES.on and _label(t, n):
            out[i] = "boilerplate"
        if _linkish(t, n) and i < len(blocks):
            run.append(i)
            continue
        if LINK_LISTS.on and _link_list([blocks[k].text for k in run]):
            out.update({k: "boilerplate" for k in run if k not in out})
        run = []
    return out


def _link_list(run: list[str]) -> bool:
    """Lines with no sentence end that are a list of links: three or more; or headlines under
    a short heading ("Related content", "Trending Videos")."""
    if len(run) >= LINK_RUN:
        return True
    heading = len(run) > 1 and len(run[0].split()) < 4
    return heading and all(len(t.split()) < STORY_PARAGRAPH for t in run[1:])


def _linkish(t: str, n: int) -> bool:
    """A line that may be one of a list of links: no sentence end (nor a lead-in's colon), not
    too long, not an item of the story's own list, not its lede."""
    if n > LINK_LONGEST or _SENTENCE_END.search(t) or (t.endswith(":") and n > 2):
        return False
    return not _CONTENT_MARK.search(t) and not _opens_story(t)


def _label(t: str, n: int) -> bool:
    """A label, heading, button or name: no letters, or a few words with no sentence end (or
    a colon after one or two: "Related Stories:"), and no item of a list, formula or code."""
    if not _LETTER.search(t):
        return True
    if n >= SHORT_LINE or _SENTENCE_END.search(t) or _CONTENT_MARK.search(t):
        return False
    return not t.endswith((":", ";")) or n <= 2 or t.isupper()  # "THE BIG IDEA:" heads


# an item of a list ("1. Long documents...", "* Search keywords..."), a formula or code
# ("PR(A) = PR(B) + PR(C)", "public class Shape {"): the text's own, though no sentence
_CONTENT_MARK = re.compile(r"^\s*(?:[-*•·–]|\d{1,2}[.)]|[a-z][.)])\s*\w(?!.*[-–]\s*$)|[={};]")


def _date_lines(
    blocks: list[_Block], early: dict[int, _Role]
) -> tuple[dict[int, _Role], dict[int, list[_Stamp]]]:
    """The lines that print a date, as fields (with the byline or credit beside the date), and
    their dates; a label alone on a line ("Updated") labels the date on the next."""
    roles: dict[int, _Role] = {}
    stamps: dict[int, list[_Stamp]] = {}
    pending = None
    for i, b in enumerate(blocks):
        if i in early:
            continue
        if label := _LABEL_ONLY.match(b.text):
            roles[i], pending = _Role("metadata"), _label_kind(label.group("label"))
            continue
        found = _date_line(b.text)
        if found is None:
            pending = None
            continue
        line, rest = found
        if pending and line[0].label is None:
            line[0] = replace(line[0], label=pending)
        pending = None
        roles[i], stamps[i] = _rest_role(rest), line
    return roles, stamps


def _label_kind(label: str) -> str:
    return "updated" if label.lower().rstrip("d").endswith("update") else "published"


def _rest_role(rest: str) -> _Role:
    """The field a date line is: a credit where it names an outlet beside its date ("By Jo Li
    - Associated Press - Saturday, July 14, 2018"), metadata otherwise."""
    if not rest:
        return _Role("metadata")
    found = _byline(rest if rest[:3].lower() == "by " else f"By {rest}") if BYLINES.on else None
    if found is None and NAME_LINES.on:
        found = _name_line(rest)
    writer, outlet = found or (None, None)
    if outlet:
        return _Role("credit", (outlet,), writer)
    return _Role("metadata", (), writer)


# --- bylines that do not open with "By" -----------------------------------------------------

_NAME_WORD_OR_PARTICLE = r"(?:[A-Z][\w.'’-]*|de|van|von|der|la|le|al|bin|da|di|del|dos)"
_SURNAME = r"[A-Z][\w'’-]*[^\W\d_]"  # a name's last word: no initial ("E.")
_PERSON = rf"[A-Z][\w.'’-]*(?:\s+{_NAME_WORD_OR_PARTICLE}){{0,2}}?\s+{_SURNAME}"  # fewest words
_PEOPLE = rf"{_PERSON}(?:\s*,\s*{_PERSON})*(?:,?\s+(?:and|&)\s+{_PERSON})?"
_LONG_PERSON = rf"[A-Z][\w.'’-]*(?:\s+{_NAME_WORD_OR_PARTICLE}){{0,2}}\s+{_SURNAME}"  # most
_LONG_PEOPLE = rf"{_LONG_PERSON}(?:\s*,\s*{_LONG_PERSON})*(?:,?\s+(?:and|&)\s+{_LONG_PERSON})?"
# capitals an outlet is known by ("CNN", "NPR"), not a title or a degree after a name
_ACRONYM = r"(?!(?:CEO|CFO|COO|CTO|PHD|MBA|ESQ|DDS|USA|LLC|INC|LTD)\b)[A-Z]{3,5}"
# Newspapers whose names run over several words, to tell where a writer's name ends when no
# comma does ("Julie Hirschfeld Davis New York Times"): data, as the wires' names above are.
_PAPERS = (
    r"New York Times|Washington Post|Los Angeles Times|Wall Street Journal|Chicago Tribune|"
    r"Boston Globe|Washington Times|Financial Times|Miami Herald|Star Tribune|Seattle Times|"
    r"San Francisco Chronicle|Houston Chronicle|Dallas Morning News|Philadelphia Inquirer|"
    r"Denver Post|Tampa Bay Times|Orlando Sentinel|Baltimore Sun|Globe and Mail|Toronto Star|"
    r"Sydney Morning Herald|Times of India|Hindustan Times|South China Morning Post"
)
_HARD_SEP = r"(?:\s*(?:,|/|\||[-—–]{1,2})\s*|(?<=[a-z]))"  # a comma, a slash, a dash, a glue
# a wire's or a known paper's name after the writers' ("... Jan M. OlsenAssociated Press",
# "Andrew Higgins New York Times"): the longest names before it
_NAMES_AND_WIRE = re.compile(
    rf"^(?P<who>{_LONG_PEOPLE})(?:{_HARD_SEP}|\s+)"
    rf"(?P<outlet>(?:(?i:the)\s+)?(?:{_AGENCY_NAMES}|{_PAPERS}))$"
)
# any outlet's name after the writers', apart by a comma, a slash or a dash; or by a space,
# after the fewest words a name can have ("Eliza Fawcett Los Angeles Times")
_NAMES_AND_OUTLET = re.compile(
    rf"^(?P<who>{_PEOPLE})(?:{_HARD_SEP}|\s+)"
    rf"(?P<outlet>(?:(?i:the)\s+)?(?:(?:{_AGENCY_NAMES})|{_NAMED_AGENCY}|{_NAMED_OUTLET}))$"
)
_NAMES_AND_ACRONYM = re.compile(
    rf"^(?P<who>{_PEOPLE})\s*(?:,|/|\||[-—–]{{1,2}})\s*(?P<outlet>{_ACRONYM})$"
)
_BYLINE_KIND = re.compile(
    r"^(?:Analysis|Opinion|Commentary|Perspective|Review|Essay|Interview)\s+(?=by\s)", re.I
)
_FROM_OUTLET = re.compile(
    rf"^From\s+(?P<outlet>{_ACRONYM}|{_OUTLET_NAME.pattern})['’]s\s+(?P<who>{_PERSON})$"
)
_OUTLET_THEN_BYLINE = re.compile(
    rf"^(?:.{{0,20}}?\s)??(?P<outlet>(?:(?i:the)\s+)?(?:(?:{_AGENCY_NAMES})|{_NAMED_OUTLET}))"
    r"\s+(?:[—–]|--)\s+(?P<rest>.+)$"
)
NAME_LINE_LONGEST = 16  # words
_AGENCY_LINE = re.compile(
    rf"^[/\s]*(?:(?i:source)\s*:\s*)?(?P<who>(?:(?i:the)\s+)?(?:(?:{_AGENCY_NAMES})|"
    rf"{_NAMED_AGENCY}|{_NAMED_OUTLET}))\s*[•|]?$"
)


def _name_line(t: str) -> tuple[str | None, str] | None:
    """(writers, outlet) of a byline with no "By": "Lucas Shaw, Bloomberg", "Jo Li and Ann
    Ray, The Washington Post", "JO LI, ANN RAY and AL OX / AP", "Ann RayAssociated Press",
    "From CNN's Kevin Liptak", "Los Angeles Times — Ann Ray Los Angeles Times"."""
    if len(t.split()) > NAME_LINE_LONGEST or _SENTENCE_END.search(t):
        return None
    if t.startswith("From ") and (m := _FROM_OUTLET.match(t)):
        outlet = m.group("outlet")
        if _OUTLET_NAME.fullmatch(outlet) or ACRONYM_OUTLETS.on:
            return m.group("who"), _clean_outlet(outlet)
    if ("—" in t or "–" in t or "--" in t) and (m := _OUTLET_THEN_BYLINE.match(t)):
        rest = m.group("rest")
        found = (_byline(rest) if rest[:3].lower() == "by " else None) or _name_line(rest)
        return (found[0], _clean_outlet(m.group("outlet"))) if found else None
    if not _capitalised([w for w in re.split(r"[\s,/|]+", t) if _LETTER.search(w)]):
        return None  # a sentence's words, not names (quicker than the patterns below)
    m = _NAMES_AND_WIRE.match(t) or _NAMES_AND_OUTLET.match(t)
    if m is None and ACRONYM_OUTLETS.on:
        m = _NAMES_AND_ACRONYM.match(t)
    if m is None:
        return None
    who = m.group("who").strip(" ,")
    if who.lower().startswith(("by ", "the ")) or _NOT_WRITERS.match(who):
        return None
    if not _capitalised(who.replace(",", " ").split()):
        return None
    return who, _clean_outlet(m.group("outlet"))


# --- classification -------------------------------------------------------------------------


@dataclass
class _Meta:
    title: str | None = None
    dateline: str | None = None
    outlet: str | None = None
    byline: str | None = None
    credits: list[str] | None = None
    tag: str | None = None  # the agency's tag in the dateline: "(IANS)", "/TASS/"
    published: str | None = None  # printed in the page's header

    def credit(self, who: str) -> None:
        who = _clean_outlet(who)
        if self.credits is None:
            self.credits = []
        if (
            who
            and not _generic(who)
            and outlet_key(who) not in {outlet_key(c) for c in self.credits}
        ):
            self.credits.append(who)  # "AP" and "The Associated Press" are one credit


def _clean_outlet(who: str) -> str:
    who = re.sub(r"^the\s+", "", who.strip(" .,-—–"), flags=re.I)
    return re.sub(r"\s+[Nn]ews\s+[Aa]gency$", "", who).strip()


def _classify(
    blocks: list[_Block], fields: list[Field], *, outlet: str | None = None
) -> tuple[list[_Block], _Meta]:
    page = _read_page(blocks, outlet)
    meta = _Meta(published=page.published)
    body: list[_Block] = []
    seen: set[str] = set()
    # the last block that is more than a sign-off: desk editors' initials may follow a credit
    ends = next((i for i in range(len(blocks) - 1, -1, -1) if not _trailer(blocks[i].text)), -1)
    for i, b in enumerate(blocks):
        kind = _field_kind(
            b,
            meta,
            _Place(page, i, ends, opening=len(body) < 3 and meta.dateline is None),
            first=not body and meta.title is None,
            last=i >= ends,
            has_next=i + 1 < len(blocks),
            seen=seen,
        )
        seen.add(b.text)
        if kind:
            fields.append(Field(kind, b.start, b.end, b.text))
            continue
        if DATELINES.on and len(body) < 3 and meta.dateline is None:
            b = _strip_dateline(b, meta, fields, first=not body)
        if b.text:
            body.append(b)
    if body and (m := _GLUED_END.search(body[-1].text)):  # "... the ministry said. Enditem"
        _cut_tail(body, m, "end", "boilerplate", fields)
    if (
        WIRE_SIGN_OFF.on
        and body
        and (m := _GLUED_TAG.search(body[-1].text))
        and _agency(m.group("tag"))
    ):
        meta.credit(m.group("tag"))  # "... the minister said. (ANI)": the wire's sign-off
        _cut_tail(body, m, "open", "credit", fields)
    return body, meta


@dataclass(frozen=True)
class _Place:
    """Where a line stands on its page."""

    page: _Page
    index: int
    ends: int  # the last block that is more than a sign-off
    opening: bool  # the story has not begun: no dateline yet, under three body paragraphs

    @property
    def header(self) -> bool:
        return self.index <= self.page.story

    @property
    def trailer(self) -> bool:
        return self.index >= self.ends - 2


def _cut_tail(
    body: list[_Block], m: re.Match[str], group: str, kind: FieldKind, fields: list[Field]
) -> None:
    """Set apart, as a field of ``kind``, what ``m`` found closing the last body block."""
    last = body[-1]
    fields.append(Field(kind, last.start + m.start(group), last.end, m.group(group)))
    body[-1] = _Block(last.start, last.start + m.start(), last.text[: m.start()])


# Xinhua's end mark closing the last paragraph
_GLUED_END = re.compile(
    r"(?<=[.!?\"”’'])\s+(?P<end>Enditem|\(\s*(?:END|ENDS|MORE|End|Ends)\s*\))\s*$"
)
# a credit tag closing the last paragraph, after its last sentence: an agency's name ("(ANI)",
# "(Xinhua)"), not an acronym the story spelt out or "(VIDEO)"
_GLUED_TAG = re.compile(r"(?<=[.!?\"”’'])\s+(?P<open>\(\s*(?P<tag>[A-Z][\w&.' -]{1,40}?)\s*\))\s*$")


def _agency(tag: str) -> bool:
    """A news agency by one of its names: "Reuters", "(ANI)", "AA"."""
    return bool(_WIRE_IN.fullmatch(tag)) or is_agency(tag)


def _trailer(t: str) -> bool:
    """A line no part of the story that may follow a wire's sign-off: boilerplate, initials,
    an end mark, a rule, an e-mail address, a link to another story, a syndicated-feed
    note."""
    return bool(
        _BOILERPLATE.match(t)
        or _INITIALS.match(t)
        or _END_MARK.match(t)
        or _EMAIL.match(t)
        or _ALSO_READ.match(t)
        or (_SYNDICATED.search(t) and len(t.split()) <= _SYNDICATED_LONGEST)
    )


def _field_kind(
    b: _Block,
    meta: _Meta,
    place: _Place,
    *,
    first: bool,
    last: bool,
    has_next: bool,
    seen: set[str],
) -> FieldKind | None:
    t = b.text
    if REPEATED_LINES.on and b.text in seen and len(t) < 200:
        return "boilerplate"
    if role := place.page.early.get(place.index):
        for who in role.credits:
            meta.credit(who)
        meta.byline = meta.byline or role.byline
        return role.kind
    return _line_kind(t, meta, place, first=first, last=last, has_next=has_next)


def _line_kind(
    t: str, meta: _Meta, place: _Place, *, first: bool, last: bool, has_next: bool
) -> FieldKind | None:
    n_words = len(t.split())
    if CREDIT_LINES.on and n_words <= _CREDIT_LINE_LONGEST:
        undashed = t.lstrip("-—– ")  # "— The Associated Press contributed to this report."
        for line in _CREDIT_LINES:
            if m := line.match(undashed):
                for who in _outlets(m.group("who")):
                    meta.credit(who)
                return "credit"
    if COPYRIGHT_LINES.on and _COPYRIGHT.match(t) and n_words <= _COPYRIGHT_LONGEST:
        if holder := _COPYRIGHT_HOLDER.match(t):  # "Copyright 2025 The Associated Press. ..."
            meta.credit(holder.group("who"))  # the holder only, not agencies named after it
        return "boilerplate"
    if _trailer(t) or _UNNAMED_INPUTS.match(t):
        return "boilerplate"
    if _EDITOR.match(t):
        return "metadata"
    if m := _PUBLISHED_BY.match(t):
        meta.outlet = meta.outlet or _clean_outlet(m.group("who"))
        return "metadata"
    if _REPORTING_BY.match(t):
        for named in _OUTLET_IN.finditer(t):  # "(Additional reporting by AFP)"
            if _wire_named(named.group(0), ""):  # not "Reporting by Antara Sengupta"
                meta.credit(_clean_outlet(named.group(0)))
        return "metadata"
    if kind := _byline_kind(t, meta, place):
        return kind
    if WIRE_SIGN_OFF.on and (m := _TRAILING_TAG.match(t)) and last:
        tag = m.group("a") or m.group("b") or m.group("c")
        if _generic(tag):
            return "boilerplate"
        if _plausible_tag(tag):
            meta.credit(tag)
            return "credit"
    if _caps_dateline(t, meta, place) or (
        LONE_DATELINES.on and place.opening and _lone_dateline(t, meta, place)
    ):
        return "dateline"
    if first and has_next and _looks_like_headline(t):
        meta.title = t
        return "headline"
    return place.page.late.get(place.index)


def _caps_dateline(t: str, meta: _Meta, place: _Place) -> bool:
    """A place in capitals on a line of its own ("ISTANBUL") is the dateline."""
    if not CAPS_DATELINE.on or meta.dateline is not None or len(t) > 40 or not _CAPS_ONLY.match(t):
        return False
    if CAPS_DATELINE_CONTEXT.on and not _caps_dateline_fits(t, place):
        return False
    meta.dateline = t
    return True


def _byline_kind(t: str, meta: _Meta, place: _Place) -> FieldKind | None:
    """A byline ("By Jane Doe, Reuters", "Lucas Shaw, Bloomberg") or an outlet's name above or
    below the story ("The Associated Press"): the writer and the outlet's credit."""
    t, also = _more_wires(t) if BYLINES.on else (t, [])
    byline = _byline(t) if BYLINES.on else None
    if byline is None and NAME_LINES.on:
        byline = _name_line(t)
    if byline is None and AGENCY_LINES.on and (m := _AGENCY_LINE.match(t)):
        if not (place.header or place.trailer):
            return None  # a source named in a list of links, not this story's
        byline = None, m.group("who")
    if byline is None:
        return None
    writer, outlet = byline
    meta.byline = meta.byline or writer
    if outlet:
        meta.credit(outlet)
        for wire in also:
            meta.credit(wire)
        return "credit"
    return "metadata"


def _more_wires(t: str) -> tuple[str, list[str]]:
    """A byline naming a second or third agency after the first outlet ("By Jeremy Diamond,
    CNN, AP"): the line without them, and them."""
    more: list[str] = []
    while (cut := t.rfind(",")) > 0 and "," in t[:cut]:
        tail = t[cut + 1 :].strip(" .")
        if not _agency(tail):
            break
        more.insert(0, tail)
        t = t[:cut].rstrip()
    return t, more


def _caps_dateline_fits(t: str, place: _Place) -> bool:
    """A line in capitals is the dateline only right above the story's first paragraph, before
    the story has begun, and where it names no day, outlet or page button."""
    if (
        _NOT_A_PLACE.match(t)
        or _BUTTONS.search(t)
        or _agency(t)
        or _OUTLET_NAME.fullmatch(t.title())
    ):
        return False
    if " " not in t and (len(t) <= 3 or _own(t, place.page.outlet)):
        return False  # "CNN", "POLITICO" on politico.com
    if not (place.index <= place.page.lede and place.page.story_next(place.index)):
        return False
    return not _DATELINE.match(place.page.blocks[place.index + 1].text)  # its own dateline


_LONE_DATELINE = re.compile(
    rf"^(?:(?P<place>{_PLACE}|{_CAPS_PLACE})(?:,\s*(?P<state>[A-Z][A-Za-z.]+))?\s*)?{_TAG}"
    rf"\s*(?:[-—–]{{1,2}})?$"
)


def _lone_dateline(t: str, meta: _Meta, place: _Place) -> bool:
    """A dateline on a line of its own above the story: "(CNN)", "Washington (CNN)"."""
    m = _LONE_DATELINE.match(t)
    if not m or not place.page.story_next(place.index):
        return False
    tag, where = m.group("tag"), m.group("place")
    if not _plausible_tag(tag) or (where and _abbreviates(tag, where)):
        return False
    if not (_agency(tag) or re.fullmatch(_ACRONYM, tag)):
        return False
    meta.dateline = where or None
    meta.credit(tag)
    meta.tag = meta.tag or tag
    return True


def _looks_like_headline(t: str) -> bool:
    words = t.split()
    return 1 < len(words) <= 25 and not re.search(r"[.,;:]$", t) and t[:1].isupper()


def _strip_dateline(b: _Block, meta: _Meta, fields: list[Field], *, first: bool = True) -> _Block:
    m = _DATELINE.match(b.text)
    if not m:
        return b
    colon = m.group("place2") and b.text[: m.end()].rstrip().endswith(":")
    if CAPS_DATELINE_CONTEXT.on and colon and not first:
        return b  # "HANSI LO WANG: This is ...", "THE BIG IDEA: ...": a speaker, a heading
    tag = m.group("tag") or m.group("slashed") or m.group("lone")
    place = m.group("place1") or m.group("place3") or m.group("place2")
    if tag and (not _plausible_tag(tag) or (place and _abbreviates(tag, place))):
        return b
    undated = not (m.group("date1") or m.group("date3"))
    if tag and place and undated and not _DASHED.search(b.text[: m.end()]):
        # no date, no dash: "Ford/GM (NYSE) shares slid", "Pfizer (PFE) said", "Scranton
        # (PA) police said" are a name and its abbreviation; "Ankara (AA) Turkey said" is not
        short = len(tag) <= 3 and not b.text[m.end() : m.end() + 1].isupper()
        if not _agency(tag) or short:
            return b
    if not tag and not (place and place.isupper()):
        return b
    end = m.end()
    if BRACKETED_PLACES.on and m.group("lone") and _bracketed_place(tag):
        place, tag = tag, None  # "(HELSINKI) — With rattled world capitals watching, ..."
    span = b.text[:end].rstrip()
    when = m.group("date1") or m.group("date3") or m.group("date2")
    meta.dateline = ", ".join(x for x in (place, when) if x) or None
    if tag:
        meta.credit(tag)
        meta.tag = meta.tag or tag
    fields.append(Field("dateline", b.start, b.start + len(span), span))
    return _Block(b.start + end, b.end, b.text[end:])


def _bracketed_place(tag: str) -> bool:
    """A place in brackets, TIME's way ("(HELSINKI)"), not a wire's tag ("(XINHUA)", "(AP)")."""
    letters = re.sub(r"[^A-Za-z]", "", tag)
    return tag.isupper() and not _agency(tag) and (len(letters) > 5 or " " in tag.strip())


_DASHED = re.compile(r"[-—–:]\s*$")  # a dateline ends in a dash: "Jakarta (ANTARA) - "


def _abbreviates(tag: str, name: str) -> bool:
    """Whether the bracketed tag is the name's abbreviation, given where it is first used
    ("PageRank (PR) refers to...", "World Health Organization (WHO) said..."), not the
    credit of a dateline ("Moscow (IANS)")."""
    letters = re.sub(r"[^A-Za-z]", "", tag).upper()
    initials = "".join(w[0] for w in name.split()).upper()
    capitals = "".join(ch for ch in name if ch.isupper())
    return len(letters) > 1 and letters in (initials, capitals)


def _plausible_tag(tag: str) -> bool:
    """A credit tag names an outlet: short, capitalised, not a sentence in brackets."""
    words = tag.split()
    return len(words) <= 4 and all(w[:1].isupper() or w in {"of", "and", "&", "de"} for w in words)


def _enrich(
    article: Article,
    published: str | None,
    fields: list[Field],
    meta: _Meta,
    sentences: tuple[Sentence, ...],
) -> Article:
    for s in sentences:
        if _HINT_WORDS.isdisjoint(_CAPITALISED.findall(s.text)) and "news" not in s.text:
            continue  # names no outlet: the credit patterns cannot match
        for pattern in _CREDIT_PATTERNS:
            for m in pattern.finditer(s.text):
                meta.credit(m.group("who"))
    named: dict[str, str] = {}
    for c in article.credits + tuple(meta.credits or ()):
        named.setdefault(outlet_key(c), c)  # one per outlet, under the first name it was given
    credits = tuple(named.values())
    tag_outlet = _clean_outlet(meta.tag) if meta.tag else None  # "(IANS)" with no outlet known
    return replace(
        article,
        title=article.title or meta.title,
        published=article.published or published,
        date_precision=article.date_precision or _precision(article.published or published),
        dateline=article.dateline or meta.dateline,
        outlet=article.outlet or meta.outlet or tag_outlet,
        byline=article.byline or meta.byline,
        credits=credits,
    )


def _precision(published: str | None) -> DatePrecision | None:
    """The precision of an ISO 8601 date as written: "2018", "2018-07", "2018-07-16", or with a
    time."""
    if not published:
        return None
    if "T" in published:
        return "minute"
    return "year" if len(published) == 4 else "month" if len(published) == 7 else "day"


# --- sentences ---------------------------------------------------------------------------------

_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sen",
    "rep",
    "gov",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "st",
    "jr",
    "sr",
    "inc",
    "ltd",
    "co",
    "corp",
    "vs",
    "etc",
    "no",
    "nos",
    "fig",
    "approx",
    "dept",
    "est",
    "mt",
    "ft",
    "ave",
    "blvd",
    "rd",
    "rev",
    "hon",
    "pres",
    "adm",
    "maj",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "e.g",
    "i.e",
    "cf",
    "al",
    "gm",
    "op",
    "vol",
    "pp",
    "mln",
    "bln",
}
_STARTERS = {
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "in",
    "on",
    "but",
    "and",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "there",
    "as",
    "at",
    "for",
    "after",
    "before",
    "when",
    "while",
    "meanwhile",
    "however",
    "some",
    "many",
    "one",
    "officials",
    "according",
    "earlier",
    "last",
    "since",
    "if",
    "what",
    "who",
    "both",
    "our",
    "you",
}
_LIST_MARKER = re.compile(r"(?:^|\n|[:;]\s)\s*(?:\d{1,2}|[a-zA-Z]|[ivx]{1,4})\.$")
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])|[.!?…]+[\"”’')\]]*$")


def _sentences(text: str, body: list[_Block]) -> Iterator[Sentence]:
    index = 0
    for paragraph, block in enumerate(body):
        for s, e in split_sentences(block.text):
            start, end = _strip_span(text, block.start + s, block.start + e)
            if start < end:
                clean = " ".join(text[start:end].split())
                yield Sentence(index, paragraph, start, end, clean)
                index += 1


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in one paragraph; a run of words with no sentence
    boundary for over ``LONGEST`` words (a transcript, a caption feed) is cut in pieces."""
    spans = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.end() < len(text) and not _is_boundary(text, m.start(), m.end()):
            continue
        spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return [piece for s, e in spans if text[s:e].strip() for piece in _pieces(text, s, e)]


LONGEST = 100  # words: no sentence of the shared data or fixtures is longer than 88 (one 134)
SHORTEST_PIECE = 25  # words before a long run may be cut
_CUT_EVERY = 12  # a cut at about one word in 12 that qualifies, when no clause mark comes


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence span, or an over-long run of words cut where its own words say: after a
    clause mark (, ; :) or after a word whose stable hash picks it, once the piece has
    ``SHORTEST_PIECE`` words. The cuts depend on the words near them, not on where the run
    starts, so a copy with a word added or dropped is cut at the same places after it and
    its pieces align with the original's."""
    tokens = list(_TOKEN.finditer(text, start, end))
    if len(tokens) <= LONGEST:
        return [(start, end)]
    out = []
    first = start
    count = 0
    for m in tokens:
        count += 1
        word = m.group(0)
        if count >= LONGEST or (
            count >= SHORTEST_PIECE
            and (word[-1] in ",;:" or zlib.crc32(word.lower().encode()) % _CUT_EVERY == 0)
        ):
            out.append((first, m.end()))
            first, count = m.end(), 0
    if count:
        if count < SHORTEST_PIECE and out:
            out[-1] = (out[-1][0], end)  # a short tail joins the piece before it
        else:
            out.append((first, end))
    return out


_TOKEN = re.compile(r"\S+")


_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")
_WORD_AFTER = re.compile(r"\s+[\"“‘'(\[]?([\w’'-]+)")
_LOOK_BACK = 80  # characters before a full stop that decide whether it ends a sentence


def _is_boundary(text: str, dot: int, after: int) -> bool:
    if text[dot] != ".":
        return True
    # only the characters just before the stop are searched, not the paragraph so far
    back = max(0, dot - _LOOK_BACK)
    if _LIST_MARKER.search(text, back, dot + 1):  # "1." or "a." opening a list item
        return False
    word = _WORD_BEFORE.search(text, back, dot)
    prev = word.group(1).lower() if word else ""
    nxt = _WORD_AFTER.match(text, after)
    next_word = nxt.group(1) if nxt else ""
    if prev.rstrip(".") in _ABBREV or (len(prev) == 1 and prev.isalpha()):
        return prev in {"etc", "no"} and next_word.lower() in _STARTERS
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", prev):  # U.S. / U.K. / a.m.
        return next_word.lower() in _STARTERS
    return True


# --- boilerplate repeated across an outlet's articles -------------------------------------

REPEATS_NAMED = 3  # articles of one named outlet that must print a sentence to suspect it
REPEATS_UNNAMED = 5  # the same among articles whose outlet is unknown


def mark_boilerplate(documents: list[Document], context: Sequence[Document] = ()) -> list[Document]:
    """Move sentences that an outlet prints under unrelated stories into boilerplate fields.

    A footer, tagline or newsletter pitch recurs word for word in many of an outlet's
    articles while the rest of each article differs. A story the outlet re-runs or updates
    recurs too, but its versions share other sentences with each other. So a sentence is
    boilerplate when it recurs in at least ``REPEATS_NAMED`` articles of one outlet
    (``REPEATS_UNNAMED`` where the outlet is unknown) and, in at least half of them, it is
    part of at most half recurring sentences and the article shares no other sentence with
    the rest. Copies of one story across outlets are never touched: counts are per outlet.

    ``context`` are documents marked before (stored by an earlier trace): they count, their
    boilerplate fields included, but are not returned.
    """
    every = [*documents, *context]
    groups: dict[str | None, list[int]] = {}
    for k, d in enumerate(every):
        outlet = d.article.outlet
        groups.setdefault(outlet.casefold() if outlet else None, []).append(k)
    marked: dict[int, frozenset[str]] = {}
    keys_of: dict[int, list[str]] = {}
    for outlet, members in groups.items():
        least = REPEATS_NAMED if outlet is not None else REPEATS_UNNAMED
        if len(members) < least:
            continue
        keys = {k: _keys(every[k]) for k in members}
        keys_of.update(keys)
        holders: dict[str, list[int]] = {}
        for k, ks in keys.items():
            for key in dict.fromkeys(ks):
                holders.setdefault(key, []).append(k)
        recurring = {key for key, hs in holders.items() if len(hs) >= least}
        unrelated: dict[tuple[int, ...], int] = {}
        boiler: set[str] = set()
        for key in recurring:
            hs = tuple(holders[key])
            if hs not in unrelated:
                unrelated[hs] = _unrelated(hs, keys, recurring)
            if 2 * unrelated[hs] >= len(hs):
                boiler.add(key)
        if not OUTLET_BOILERPLATE.on:
            boiler.clear()
        if boiler:
            frozen = frozenset(boiler)
            for k, ks in keys.items():
                if frozen.intersection(ks):
                    marked[k] = frozen
    return [
        _demote(d, marked[k], keys_of[k]) if k in marked else d for k, d in enumerate(documents)
    ]


def _unrelated(holders: tuple[int, ...], keys: dict[int, list[str]], recurring: set[str]) -> int:
    """How many of ``holders`` have recurring sentences as a minority of their sentences and
    share none of their other sentences with another holder."""
    others = {k: set(keys[k]) - recurring for k in holders}
    seen: dict[str, int] = {}
    for own in others.values():
        for key in own:
            seen[key] = seen.get(key, 0) + 1
    count = 0
    for k in holders:
        minority = 2 * sum(key in recurring for key in keys[k]) <= len(keys[k])
        alone = all(seen[key] == 1 for key in others[k])
        count += minority and alone
    return count


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _keys(document: Document) -> list[str]:
    """Keys of the body sentences and of the boilerplate already set apart."""
    marked = [f.text for f in document.fields if f.kind == "boilerplate"]
    return [_key(t) for t in [*(s.text for s in document.sentences), *marked]]


def _demote(document: Document, boiler: frozenset[str], keys: list[str]) -> Document:
    """The document with the sentences whose key (``keys``, from ``_keys``) is in ``boiler``
    moved to fields."""
    kept: list[Sentence] = []
    fields = list(document.fields)
    for s, key in zip(document.sentences, keys, strict=False):  # keys go on with the fields
        if key in boiler:
            fields.append(Field("boilerplate", s.start, s.end, s.text))
        else:
            kept.append(Sentence(len(kept), s.paragraph, s.start, s.end, s.text))
    return replace(document, sentences=tuple(kept), fields=tuple(sorted(fields, key=_by_start)))
