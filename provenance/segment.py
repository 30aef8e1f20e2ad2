"""Segment stage: an Article's text -> paragraphs and sentences with character offsets.

Lines come first: headline, dateline ("Moscow, Oct 27 (IANS)", "MOSCOW (Reuters) -",
"ISTANBUL"), credit tags, metadata header lines (" date 2025-10-26") and boilerplate
("Explore more articles in ...", "prev", "Image 2 of 2") become ``Field``s and never reach the
body, so a generic splitter cannot glue them onto the first sentence. Hard-wrapped text (lines
broken mid-sentence) is detected and rejoined. Sentences are then split with a rule set that
knows abbreviations (U.S., Oct., Mr.) and quotations.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from .model import Article, DatePrecision, Document, Field, FieldKind, Sentence
from .tokens import is_agency, outlet_key, specifics

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
_WIRE_CODES = re.compile(r"^(?P<who>PTI|UNI|IANS|ANI)(?:\s+[A-Z]{2,4}){1,4}$")
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
    if t[:3].lower() == "by " and len(t.split()) <= 20:
        # "By ZEKE MILLER, COLLEEN LONG and AAMER MADHANI Associated Press",
        # "By JOHN SMITH AP Business Writer"
        line, roles = _without_roles(t.rstrip(" ."))
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
    if len(core.split()) < 2 and not jobs:
        return None  # "By George, Britain Did It": a headline's wordplay, not a writer
    return who, None  # "By Jane Doe, Staff Writer", "By Jane Doe, CNN"


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
    blocks = [b for b in _blocks(text, header_end) if b.text]
    body, meta = _classify(blocks, fields)
    sentences = tuple(_sentences(text, body))
    enriched = _enrich(article, published, fields, meta, sentences)
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
    published = m.group("date")
    if m.group("time"):
        published += "T" + m.group("time").strip().lstrip("T")
    return m.end(), published


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
    broken = 0
    for cur, nxt in zip(lines, lines[1:], strict=False):
        if cur.text and nxt.text and not _TERMINAL.search(cur.text):
            broken += nxt.text[:1].islower() or len(cur.text.split()) >= 8
    return broken >= 0.4 * len(full)


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
    """A line broken mid-sentence: no closing punctuation, and the next starts in lower case."""
    return not _TERMINAL.search(line.text) and nxt.text[:1].islower()


# --- classification -------------------------------------------------------------------------


@dataclass
class _Meta:
    title: str | None = None
    dateline: str | None = None
    outlet: str | None = None
    byline: str | None = None
    credits: list[str] | None = None
    tag: str | None = None  # the agency's tag in the dateline: "(IANS)", "/TASS/"

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


def _classify(blocks: list[_Block], fields: list[Field]) -> tuple[list[_Block], _Meta]:
    meta = _Meta()
    body: list[_Block] = []
    seen: set[str] = set()
    # the last block that is more than a sign-off: desk editors' initials may follow a credit
    ends = next((i for i in range(len(blocks) - 1, -1, -1) if not _trailer(blocks[i].text)), -1)
    for i, b in enumerate(blocks):
        kind = _field_kind(
            b,
            meta,
            first=not body and meta.title is None,
            last=i >= ends,
            has_next=i + 1 < len(blocks),
            seen=seen,
        )
        seen.add(b.text)
        if kind:
            fields.append(Field(kind, b.start, b.end, b.text))
            continue
        if len(body) < 3 and meta.dateline is None:
            b = _strip_dateline(b, meta, fields)
        if b.text:
            body.append(b)
    if body and (m := _GLUED_END.search(body[-1].text)):  # "... the ministry said. Enditem"
        _cut_tail(body, m, "end", "boilerplate", fields)
    if body and (m := _GLUED_TAG.search(body[-1].text)) and _agency(m.group("tag")):
        meta.credit(m.group("tag"))  # "... the minister said. (ANI)": the wire's sign-off
        _cut_tail(body, m, "open", "credit", fields)
    return body, meta


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
    b: _Block, meta: _Meta, *, first: bool, last: bool, has_next: bool, seen: set[str]
) -> FieldKind | None:
    t = b.text
    if b.text in seen and len(t) < 200:
        return "boilerplate"
    n_words = len(t.split())
    if n_words <= _CREDIT_LINE_LONGEST:
        undashed = t.lstrip("-—– ")  # "— The Associated Press contributed to this report."
        for line in _CREDIT_LINES:
            if m := line.match(undashed):
                for who in _outlets(m.group("who")):
                    meta.credit(who)
                return "credit"
    if _COPYRIGHT.match(t) and n_words <= _COPYRIGHT_LONGEST:
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
    if (byline := _byline(t)) is not None:
        writer, outlet = byline
        meta.byline = meta.byline or writer
        if outlet:
            meta.credit(outlet)
            return "credit"
        return "metadata"
    if (m := _TRAILING_TAG.match(t)) and last:
        tag = m.group("a") or m.group("b") or m.group("c")
        if _generic(tag):
            return "boilerplate"
        if _plausible_tag(tag):
            meta.credit(tag)
            return "credit"
    if last and (m := _WIRE_CODES.match(t)):
        meta.credit(m.group("who"))
        return "credit"
    if _CAPS_ONLY.match(t) and meta.dateline is None and len(t) <= 40:
        meta.dateline = t
        return "dateline"
    if first and has_next and _looks_like_headline(t):
        meta.title = t
        return "headline"
    return None


def _looks_like_headline(t: str) -> bool:
    words = t.split()
    return 1 < len(words) <= 25 and not re.search(r"[.,;:]$", t) and t[:1].isupper()


def _strip_dateline(b: _Block, meta: _Meta, fields: list[Field]) -> _Block:
    m = _DATELINE.match(b.text)
    if not m:
        return b
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
    span = b.text[: m.end()].rstrip()
    date = m.group("date1") or m.group("date3") or m.group("date2")
    meta.dateline = ", ".join(x for x in (place, date) if x) or None
    if tag:
        meta.credit(tag)
        meta.tag = meta.tag or tag
    fields.append(Field("dateline", b.start, b.start + len(span), span))
    return _Block(b.start + m.end(), b.end, b.text[m.end() :])


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
        date_precision=article.date_precision or (_precision(published) if published else None),
        dateline=article.dateline or meta.dateline,
        outlet=article.outlet or meta.outlet or tag_outlet,
        byline=article.byline or meta.byline,
        credits=credits,
    )


def _precision(published: str) -> DatePrecision:
    return "minute" if "T" in published else "day"


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
        if len(members) < (2 if outlet is not None else least):
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
        if outlet is not None:
            boiler |= _notices(holders, every, least, outlet)
        if boiler:
            frozen = frozenset(boiler)
            for k, ks in keys.items():
                if frozen.intersection(ks):
                    marked[k] = frozen
    return [
        _demote(d, marked[k], keys_of[k]) if k in marked else d for k, d in enumerate(documents)
    ]


def _notices(
    holders: dict[str, list[int]], every: Sequence[Document], least: int, outlet: str
) -> set[str]:
    """Sentences that two of an outlet's articles print, too few for the count above, taken
    for the outlet's notice when all of this holds: they end both articles' bodies, they
    name the outlet itself, they are all the two share (a minority of each), and no other
    name, figure or quotation of theirs comes up elsewhere in either article ("This article
    is the copyrighted property of Breaking Belize News. Written permission must be
    obtained ...", a paywall message under two unrelated stories). A background paragraph
    run again under a follow-up, or a wire story's sentences reused in a brief, names no
    outlet of its own making, or the story's people, and is kept."""
    few: dict[tuple[int, ...], list[str]] = {}
    for key, held in holders.items():
        if 2 <= len(held) < least:
            few.setdefault(tuple(held), []).append(key)
    own = set(outlet.split())
    out: set[str] = set()
    keys: dict[int, list[str]] = {}
    texts: dict[str, str] = {}
    for k in {k for hs in few for k in hs}:  # only the articles that share so few sentences
        keys[k] = [_key(s.text) for s in every[k].sentences]
        texts.update(zip(keys[k], (s.text for s in every[k].sentences), strict=True))
    for hs, shared in few.items():
        run = set(shared)
        if any(set(keys[k][-len(run) :]) != run for k in hs):
            continue  # not where a notice is printed: at the end of each
        if outlet not in " ".join(texts[key] for key in shared).casefold():
            continue
        if _unrelated(hs, keys, run) < len(hs):
            continue  # they share other sentences too: one story's versions
        told = {x for key in shared for x in specifics(texts[key]) if not set(x.split()) <= own}
        said = {x for k in hs for key in keys[k] if key not in run for x in specifics(texts[key])}
        if not told & said:
            out |= run
    return out


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
