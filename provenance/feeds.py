"""Read RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one item per entry, its HTML as paragraphs.

    feed = parse_feed(raw_bytes)        # Feed(title="Daily Ledger", items=(FeedItem(...), ...))

Feeds are XML from strangers, so they are parsed with defusedxml: a feed that declares its
own entities (the "billion laughs" bomb) or points at external ones is refused, not expanded.
Dates and bylines are kept as written; ``ingest`` turns items into articles.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import defusedxml
import defusedxml.ElementTree
import lxml.etree
import lxml.html

__all__ = ["Feed", "FeedError", "FeedItem", "html_paragraphs", "is_feed", "parse_feed"]

ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"

# Where each field of an item is found, most telling first (RSS 2.0, RSS 1.0 and Atom).
TEXT_TAGS = (f"{CONTENT}encoded", f"{ATOM}content", "description", f"{RSS1}description")
SUMMARY_TAGS = (f"{ATOM}summary",)
TITLE_TAGS = ("title", f"{RSS1}title", f"{ATOM}title")
DATE_TAGS = ("pubDate", f"{ATOM}published", f"{DC}date", f"{ATOM}updated", f"{DC}modified")
AUTHOR_TAGS = (f"{DC}creator", "author", f"{ATOM}author")
ID_TAGS = ("guid", f"{ATOM}id")
FEED_ROOTS = frozenset({"rss", f"{RDF}RDF", f"{ATOM}feed"})
CHANNEL_TAGS = frozenset({"channel", f"{RSS1}channel"})  # Atom's <feed> is its own channel
ITEM_TAGS = frozenset({"item", f"{RSS1}item", f"{ATOM}entry"})

# Elements that end a paragraph when HTML is turned into text; elements never read.
BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre tr table section article figure "
    "figcaption header footer hr dd dt".split()
)
UNREAD = frozenset({"script", "style", "noscript", "template"})
FIRST_TAG = re.compile(rb"<([A-Za-z][\w.-]*:)?([A-Za-z][\w.-]*)")
XML_DECLARATION = re.compile(rb"\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z][\w.:-]*)[\"'][^>]*\?>")
COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
EMAIL_AND_NAME = re.compile(r"\S+@\S+\s*\((.+)\)")  # RSS <author>: "jane@x.com (Jane Doe)"


class FeedError(ValueError):
    """The bytes are not a feed that can be read: the message says why."""


@dataclass(frozen=True)
class FeedItem:
    """One item or entry, as the feed gives it (text already turned from HTML to paragraphs)."""

    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # as written: "Sun, 26 Oct 2025 14:03:00 +0300"
    author: str | None = None
    guid: str | None = None


@dataclass(frozen=True)
class Feed:
    title: str | None
    items: tuple[FeedItem, ...]


def is_feed(raw: bytes) -> bool:
    """True when the first element of ``raw`` is an RSS, RDF or Atom feed's root."""
    first = FIRST_TAG.search(COMMENT.sub(b"", raw[:4096]))  # past <?xml ...?> and <!DOCTYPE>
    return first is not None and first[2] in (b"rss", b"RDF", b"feed")


def parse_feed(raw: bytes) -> Feed:
    """The feed's title and items. Raises ``FeedError`` for XML that is broken, unsafe or
    not a feed."""
    try:
        root = _xml_root(raw)
    except defusedxml.DefusedXmlException:
        raise FeedError(
            "declares XML entities of its own, which are never expanded (a safety rule)"
        ) from None
    except ET.ParseError as error:
        raise FeedError(f"is not well-formed XML ({error})") from None
    if root.tag not in FEED_ROOTS:
        raise FeedError(f"is XML but not an RSS or Atom feed (its root is <{_local(root.tag)}>)")
    channel = next((e for e in root if e.tag in CHANNEL_TAGS), root)
    entries = (e for e in root.iter() if e.tag in ITEM_TAGS)
    return Feed(_text_of(channel, TITLE_TAGS), tuple(_item(entry) for entry in entries))


def _xml_root(raw: bytes) -> ET.Element:
    """Parse ``raw``; one that declares an encoding other than UTF-8 is decoded here first
    (the XML parser itself knows no multi-byte ones such as Shift_JIS or GB2312)."""
    declared = XML_DECLARATION.match(raw)
    if not declared or declared[1].lower() in (b"utf-8", b"utf8"):
        return defusedxml.ElementTree.fromstring(raw)
    encoding = declared[1].decode("ascii")
    try:
        text = raw[declared.end() :].decode(encoding)
    except (LookupError, UnicodeDecodeError):
        raise FeedError(f"is not in the {encoding} encoding it declares") from None
    return defusedxml.ElementTree.fromstring(text)


def html_paragraphs(fragment: str) -> str:
    """The text of an HTML fragment, a paragraph per block element, separated by blank
    lines; plain text comes back as its non-blank lines."""
    if "<" not in fragment:
        return _join_lines(fragment.splitlines())
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.tag in UNREAD:  # comments, scripts
            element.drop_tree()
            continue
        element.text = _squash(element.text)
        element.tail = _squash(element.tail)
        if element.tag in BLOCKS:
            element.text = "\n" + element.text
            element.tail = "\n" + element.tail
    return _join_lines(root.text_content().split("\n"))


# --- one item ---------------------------------------------------------------------------


def _item(entry: ET.Element) -> FeedItem:
    text = _body(entry, TEXT_TAGS) or _body(entry, SUMMARY_TAGS)
    return FeedItem(
        text=text,
        title=_text_of(entry, TITLE_TAGS),
        url=_link(entry),
        published=_text_of(entry, DATE_TAGS),
        author=_author(entry),
        guid=_text_of(entry, ID_TAGS),
    )


def _body(entry: ET.Element, tags: tuple[str, ...]) -> str:
    """The first of ``tags`` that holds text, as paragraphs (Atom's xhtml content included)."""
    for tag in tags:
        element = entry.find(tag)
        if element is None:
            continue
        if element.get("type") == "xhtml" or len(element):
            for child in element.iter():  # <xhtml:p> is a <p> to the HTML reader
                child.tag = _local(child.tag) if isinstance(child.tag, str) else child.tag
            markup = "".join(ET.tostring(child, encoding="unicode") for child in element)
            text = html_paragraphs((element.text or "") + markup)
        elif element.get("type") == "text":
            text = _join_lines((element.text or "").splitlines())
        else:
            text = html_paragraphs(element.text or "")
        if text:
            return text
    return ""


def _link(entry: ET.Element) -> str | None:
    """RSS <link>text</link>, or Atom's <link rel="alternate" href=...> (rel may be left out)."""
    for link in entry.iter(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href", "").strip() or None
    return _text_of(entry, ("link", f"{RSS1}link"))


def _author(entry: ET.Element) -> str | None:
    for tag in AUTHOR_TAGS:
        element = entry.find(tag)
        if element is None:
            continue
        name = element.findtext(f"{ATOM}name") if tag.startswith(ATOM) else element.text
        name = (name or "").strip()
        if name:
            named = EMAIL_AND_NAME.fullmatch(name)
            return named[1].strip() if named else name
    return None


def _text_of(element: ET.Element, tags: tuple[str, ...]) -> str | None:
    """The stripped text of the first of ``tags`` under ``element`` that has any."""
    for tag in tags:
        text = (element.findtext(tag) or "").strip()
        if text:
            return " ".join(text.split())
    return None


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "")


def _join_lines(lines: list[str]) -> str:
    return "\n\n".join(line.strip() for line in lines if line.strip())
