"""Read articles from files and the web: plain text, web pages (saved, fetched or in a WARC
web archive), RSS / Atom feeds, and JSON / JSONL / CSV records.

Ingest works at the level of the container: it finds the files (or fetches the URLs), decodes
them, pulls the article text and whatever metadata the container carries (a page's title,
byline, outlet and publication date; a feed item's; a record's fields; a manifest's columns)
into ``model.Article``. What sits inside plain text (headline, dateline, credit tags,
``date ...`` header lines) is left to ``segment``.

    for article in ingest(["articles/", "https://example.com/story"], on_error=print):
        ...
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import hashlib
import io
import json
import os
import re
import unicodedata
import warnings
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import htmldate
import trafilatura
from charset_normalizer import from_bytes
from dateutil import parser as dateparser
from trafilatura.utils import load_html
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from provenance.errors import IngestError, ProvenanceError
from provenance.feeds import FeedError, is_feed, parse_feed
from provenance.fetch import Page, fetch, is_url
from provenance.model import Article, DatePrecision

__all__ = [
    "RECORD_FIELDS",
    "article_id",
    "ingest",
    "ingest_jsonl",
    "normalise_date",
    "parse_columns",
    "read_manifest",
]

Manifest = dict[str, dict[str, str]]
Report = Callable[[IngestError], None]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
RECORD_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson", ".csv", ".tsv"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})  # an .xml file must be a feed
WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
XML_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
    | {"application/xml", "text/xml"}  # a feed, or XML that is not one: the parser tells
)
MB = 1024 * 1024
MAX_FILE_BYTES = 20 * MB  # a file read as one article (text, web page) or as a feed
DOCUMENT_SUFFIXES = frozenset(
    {
        ".pdf",
        ".doc",
        ".docx",
        ".odt",
        ".rtf",
        ".pages",
        ".epub",
        ".xls",
        ".xlsx",
        ".ods",
        ".ppt",
        ".pptx",
        ".zip",
        ".gz",
        ".tar",
        ".7z",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".mp3",
        ".mp4",
        ".wav",
    }
)
MANIFEST_NAMES = ("manifest.csv", "manifest.json")
LABEL_NAMES = frozenset({"truth.jsonl", "families.json"})
MANIFEST_FIELDS = ("outlet", "url", "published", "title", "byline")
MANIFEST_KEYS = ("path", "file", "filename", "name")  # the column naming each file, in order
FIELD_ALIASES = {"date": "published", "author": "byline"}
# What a record can give; ``columns`` maps these to a file's own column names.
RECORD_FIELDS = tuple("id text title outlet url published byline dateline credits".split())
RECORD_LISTS = ("articles", "items", "records")
TEXT_COLUMNS = ("text", "body", "content")  # a record's text, under the first of these it has
NOT_AN_ARTICLE = "not a text, HTML, JSON, JSONL or CSV file"
CONVERT_IT = "convert it to text first"


@dataclass(frozen=True)
class _Scope:
    """A manifest and the folder its relative paths start from."""

    root: Path
    entries: Manifest


@dataclass(frozen=True)
class _Source:
    """A file to read, the name its articles get, and the manifests that apply to it."""

    path: Path
    name: str
    scopes: tuple[_Scope, ...]


@dataclass
class _Walk:
    report: Report
    explicit: tuple[_Scope, ...]
    seen: set[Path]
    columns: dict[str, str]


class _NotText(ValueError):
    """Bytes that are not text: binary data, or text in no encoding that can be told."""

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.fix = fix


class IngestWarning(IngestError):
    """Something read with a loss its reader should know of (a field left out): passed to
    ``on_error`` like an error, but the article is kept. Without ``on_error``, a warning."""


# --- public API -----------------------------------------------------------------------


def ingest(
    paths: Iterable[str | Path],
    *,
    manifest: str | Path | None = None,
    columns: Mapping[str, str] | None = None,
    on_error: Callable[[IngestError], None] | None = None,
) -> Iterator[Article]:
    """Yield the articles in ``paths``: files, folders (read recursively) and http(s) URLs
    of web pages or feeds (fetched).

    A ``manifest.csv`` / ``manifest.json`` in a folder (or named among ``paths``) fills in
    metadata instead of being read as articles; ``truth.jsonl``, ``README*`` and hidden files
    in folders are skipped. ``columns`` maps record fields to a CSV / JSON / JSONL file's own
    column names (``{"text": "body"}``; see ``parse_columns``). A missing path raises
    ``IngestError`` at once; a file, page or record that cannot be read is passed to
    ``on_error`` when given (and skipped), otherwise raised.
    """
    report = on_error or _raise
    mapped = _check_columns(columns or {})
    explicit = _explicit_scopes(manifest, report)
    roots: list[Path | str] = []
    for item in paths:
        if is_url(item):
            roots.append(str(item))
            continue
        path = Path(item)
        if not path.exists():
            report(IngestError(str(path), "no such file or folder", "check the path for typos"))
        elif path.is_file() and path.name in MANIFEST_NAMES:
            explicit += _explicit_scopes(path, report)  # as when a shell expands "folder/*"
        elif path.name not in LABEL_NAMES:
            roots.append(path)
    return _ingest_roots(roots, _Walk(report, explicit, set(), mapped))


def article_id(text: str) -> str:
    """Stable content hash: the same text (up to NFC, line endings, outer spaces) -> same id."""
    normal = unicodedata.normalize("NFC", text.replace("\r\n", "\n")).strip()
    return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def parse_columns(pairs: Iterable[str]) -> dict[str, str]:
    """``FIELD=COLUMN`` pairs (``["text=body", "outlet=source_name"]``) as a ``columns``
    mapping for ``ingest``. Raises ``ProvenanceError`` naming the fields that can be mapped."""
    columns = {}
    for pair in pairs:
        field, equals, column = pair.partition("=")
        if not equals or not field.strip() or not column.strip():
            raise ProvenanceError(f"{pair!r} is not FIELD=COLUMN (for example text=body)")
        columns[field.strip().lower()] = column
    return _check_columns(columns)


def read_manifest(path: str | Path) -> Manifest:
    """Read a CSV or JSON manifest: file path or name -> {outlet, url, published, ...}."""
    path = Path(path)
    try:
        text = _read_text_file(path)
    except OSError as error:
        raise IngestError(
            str(path), f"manifest could not be read ({error.strerror})", "check the path for typos"
        ) from None
    rows: Iterable[dict[Any, Any]]
    if path.suffix.lower() == ".json":
        rows = _manifest_json_rows(path, _parse_json(path, text))
    else:
        rows = _csv_rows(path, text)
    manifest: Manifest = {}
    rows = list(rows)
    for row in rows:
        fields = _lower_keys(row)
        key = next((k for c in MANIFEST_KEYS if (k := _as_str(fields.get(c)))), None)
        if key:
            manifest[_manifest_key(key)] = _manifest_values(fields)
    if rows and not manifest:
        raise IngestError(
            str(path),
            "names no file (no row has a path), so its metadata was not used",
            f"give each file's path or name in a column headed {' or '.join(MANIFEST_KEYS)}; "
            f"the other columns: {', '.join(MANIFEST_FIELDS)}",
        )
    return manifest


_PLAIN_ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d))?)?", re.ASCII)


def normalise_date(value: str | None) -> tuple[str | None, DatePrecision | None]:
    """ISO 8601 form and precision of a written date; (None, None) when it is not a date.

    "2025-10-26" -> day; "2025-10-26T14:03:00+03:00" -> minute; "Oct 26, 2025",
    "26 October 2025" and RFC 2822 dates are understood. Nothing missing is ever made up: a
    date without a year, or an ambiguous one like "03/04/2025", gives None. A time of exactly
    midnight is taken as no time (publishing systems write bare dates that way).
    """
    text = (value or "").strip()
    if re.fullmatch(r"(19|20)\d\d", text):
        return text, "year"
    if re.fullmatch(r"(19|20)\d\d-(0[1-9]|1[0-2])", text):
        return text, "month"
    parsed = _parse_plain_iso(text) or _parse_datetime(text)
    if parsed is None:
        return None, None
    moment, precision = parsed
    if precision == "month":
        return moment.strftime("%Y-%m"), "month"
    if precision == "minute" and (moment.hour, moment.minute, moment.second) != (0, 0, 0):
        return moment.replace(microsecond=0).isoformat(), "minute"
    return moment.date().isoformat(), "day"


# --- finding files ----------------------------------------------------------------------


def _raise(error: IngestError) -> None:
    if isinstance(error, IngestWarning):
        warnings.warn(str(error), stacklevel=2)
        return
    raise error


def _explicit_scopes(manifest: str | Path | None, report: Report) -> tuple[_Scope, ...]:
    if manifest is None:
        return ()
    path = Path(manifest)
    if not path.is_file():
        report(IngestError(str(path), "no such manifest file", "check the path for typos"))
        return ()
    try:
        return (_Scope(path.resolve().parent, read_manifest(path)),)
    except IngestError as error:
        report(error)
        return ()


def _check_columns(columns: Mapping[str, str]) -> dict[str, str]:
    unknown = sorted(set(columns) - set(RECORD_FIELDS))
    if unknown:
        raise ProvenanceError(
            f"cannot map {', '.join(unknown)}: the fields a record can give are "
            + ", ".join(RECORD_FIELDS)
        )
    return {field: column.strip().lower() for field, column in columns.items()}


def _ingest_roots(roots: list[Path | str], walk: _Walk) -> Iterator[Article]:
    for root in roots:
        walk.seen.clear()
        if isinstance(root, str):
            yield from _read_url(root, walk.report)
            continue
        if root.is_dir():
            sources = _walk_folder(root, root, (), walk)
        else:
            sources = iter([_Source(root, root.name, walk.explicit)])
        for source in sources:
            yield from _read_source(source, walk)


def _walk_folder(
    folder: Path, base: Path, scopes: tuple[_Scope, ...], walk: _Walk
) -> Iterator[_Source]:
    """Files under ``folder`` in name order, skipping hidden files, manifests and labels."""
    walk.seen.add(folder.resolve())
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        walk.report(IngestError(str(folder), f"folder could not be read ({error.strerror})"))
        return
    scopes = _folder_scopes(folder, walk.report) + scopes
    for entry in entries:
        path = Path(entry.path)
        if _skipped(entry.name):
            continue
        if entry.is_dir():
            if path.resolve() not in walk.seen:
                yield from _walk_folder(path, base, scopes, walk)
        elif entry.is_file():
            yield _Source(path, path.relative_to(base).as_posix(), walk.explicit + scopes)


def _skipped(name: str) -> bool:
    return (
        name.startswith(".")
        or name in MANIFEST_NAMES
        or name in LABEL_NAMES
        or name.upper().startswith("README")
    )


def _folder_scopes(folder: Path, report: Report) -> tuple[_Scope, ...]:
    """The manifest files sitting directly in ``folder``, as scopes rooted there."""
    scopes = []
    for name in MANIFEST_NAMES:
        path = folder / name
        if path.is_file():
            try:
                scopes.append(_Scope(folder.resolve(), read_manifest(path)))
            except IngestError as error:
                report(error)
    return tuple(scopes)


# --- reading one file -------------------------------------------------------------------


def _read_source(source: _Source, walk: _Walk) -> Iterator[Article]:
    try:
        for article in _read_articles(source, walk):
            yield _apply_manifest(article, _manifest_entry(source, article))
    except IngestError as error:
        walk.report(error)
    except OSError as error:
        walk.report(IngestError(str(source.path), f"could not be read ({error.strerror})"))


def _read_articles(source: _Source, walk: _Walk) -> Iterator[Article]:
    suffix = source.path.suffix.lower()
    if source.path.name.lower().endswith(WARC_SUFFIXES):
        yield from _read_warc(source, walk.report)
    elif suffix in DOCUMENT_SUFFIXES:
        raise IngestError(str(source.path), NOT_AN_ARTICLE, CONVERT_IT)
    elif suffix in HTML_SUFFIXES:
        yield _read_html(source)
    elif suffix in RECORD_SUFFIXES:
        yield from _read_records(source, walk)
    elif suffix in FEED_SUFFIXES:
        raw = _read_article_bytes(source.path)
        yield from _feed_articles(raw, source.name, str(source.path), walk.report)
    else:
        yield _read_plain(source)


def _read_plain(source: _Source) -> Article:
    text = _text(str(source.path), _read_article_bytes(source.path))
    return Article(id=article_id(text), name=source.name, text=text, path=str(source.path))


def _read_article_bytes(path: Path) -> bytes:
    """The bytes of a file read whole as one article or feed: refused past MAX_FILE_BYTES."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise IngestError(
            str(path),
            f"is {size / MB:.0f} MB, more than the {MAX_FILE_BYTES // MB} MB one article or "
            "feed may be",
            "split it into a file per article, or give its articles as JSONL records",
        )
    return path.read_bytes()


def _read_text_file(path: Path) -> str:
    """The file's text, or IngestError when it is binary, undecodable or empty."""
    return _text(str(path), path.read_bytes())


def _text(where: str, raw: bytes, declared: str | None = None) -> str:
    """``raw`` decoded (see ``_decode_text``), or IngestError naming ``where`` when it is
    binary, undecodable or empty."""
    try:
        text = _decode_text(raw, declared)
    except _NotText as error:
        raise IngestError(where, str(error), error.fix) from None
    if not text.strip():
        raise IngestError(where, "empty file", "remove it or put the article's text in it")
    return text


def _decode_text(raw: bytes, declared: str | None = None) -> str:
    """Decode bytes as text; line endings become ``\\n``.

    A byte order mark decides; otherwise valid UTF-8 is UTF-8, then the charset a server
    ``declared`` and the one the page declares itself (``<meta charset>``, ``http-equiv`` or
    an XML declaration) are tried, then the encoding charset_normalizer finds likeliest.
    Raises ``_NotText`` for binary data (NUL or many control bytes) and for bytes that are
    text in no encoding.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _try_decode(raw, ("utf-16",))
    elif b"\x00" in raw:
        text = None
    else:
        text = _try_decode(raw, _declared_encodings(raw, declared)) or _detect_encoding(raw)
        if text is None:
            raise _NotText(UNDECODABLE, "save it again as UTF-8 text")
    if text is None or _looks_binary(text):
        raise _NotText("looks like a binary file, " + NOT_AN_ARTICLE, CONVERT_IT)
    return text.replace("\r\n", "\n").replace("\r", "\n")


UNDECODABLE = "its bytes are not text in any character encoding provenance can tell"
# <meta charset="...">, <meta http-equiv="Content-Type" content="text/html; charset=...">,
# <?xml ... encoding="..."?>, in a page's first few kilobytes.
DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
    re.IGNORECASE,
)
# Legacy encodings in the order they are met in news pages, for ties between equally
# plausible guesses: a short Western text decodes cleanly as half a dozen code pages.
COMMON_ENCODINGS = (
    *("cp1252", "cp1251", "cp932", "shift_jis", "euc_jp", "gb18030", "gbk", "big5"),
    *("euc_kr", "cp949", "cp1250", "iso8859_2", "koi8_r", "cp1256", "cp1253", "cp1255"),
    *("cp1254", "cp874", "cp1257", "cp1258"),
)


def _declared_encodings(raw: bytes, declared: str | None) -> tuple[str, ...]:
    """UTF-8, then the declared charsets. Valid UTF-8 comes first whatever a label says:
    servers that label every page ISO-8859-1 are common, legacy text that happens to be
    valid UTF-8 is not. ISO-8859-1 and ASCII labels mean windows-1252, as in browsers."""
    names = [declared] if declared else []
    for match in DECLARED_CHARSET.finditer(raw[:4096]):
        names.append((match[1] or match[2]).decode("ascii"))
    encodings = ["utf-8-sig"]
    for name in names:
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        encodings += ["cp1252", "latin-1"] if codec in ("iso8859-1", "ascii") else [codec]
    return tuple(encodings)


def _detect_encoding(raw: bytes) -> str | None:
    """``raw`` decoded as the encoding charset_normalizer finds likeliest; None when no
    encoding gives plausible text. Among guesses about as clean as the best, the one most
    coherent with a language wins, then the commonest encoding."""

    def commonness(encodings: list[str]) -> int:
        ranks = [COMMON_ENCODINGS.index(e) for e in encodings if e in COMMON_ENCODINGS]
        return min(ranks, default=len(COMMON_ENCODINGS))

    guesses = list(from_bytes(raw))
    common = [g for g in guesses if commonness(g.could_be_from_charset) < len(COMMON_ENCODINGS)]
    guesses = common or guesses  # DOS and Mac code pages only when nothing else fits
    if not guesses:
        return None
    cleanest = min(guess.chaos for guess in guesses)
    near = [guess for guess in guesses if guess.chaos <= cleanest + 0.07]
    best = min(near, key=lambda g: (-round(g.coherence, 2), commonness(g.could_be_from_charset)))
    encoding = min(best.could_be_from_charset, key=lambda e: commonness([e]))
    return _try_decode(raw, (encoding, best.encoding))


def _try_decode(raw: bytes, encodings: tuple[str, ...]) -> str | None:
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return None


# Unicode's control characters (category Cc: U+0000-001F, U+007F-009F) but for the five
# that lay out text (tab, newline, vertical tab, form feed, carriage return)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    controls = len(_CONTROL.findall(text))
    return "\x00" in text or controls > max(2, len(text) // 20)


# --- web pages --------------------------------------------------------------------------


def _read_html(source: _Source) -> Article:
    html = _text(str(source.path), _read_article_bytes(source.path))
    return _html_article(html, where=str(source.path), name=source.name, path=str(source.path))


def _html_article(
    html: str,
    *,
    where: str,
    name: str,
    path: str | None = None,
    url: str | None = None,
    captured: str | None = None,
) -> Article:
    """The article in a web page: body, title, outlet, byline and date (see ``_find_published``).

    ``url`` (where the page was fetched from) wins over the one the page gives itself;
    ``captured`` is when a web archive saw the page, used as a last resort for the date.
    """
    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as error:  # the extractor's own failure on a malformed page
        raise IngestError(
            where, f"web page could not be read ({error})", "save the page again"
        ) from None
    text = _paragraphs(_field(document, "text"))
    if not text:
        raise IngestError(
            where,
            "no article text found in this web page",
            "save the article's own page, or paste its text into a .txt file",
        )
    tree = load_html(html)  # parsed once, for the date and the printed byline
    published, precision = _find_published(html, tree)
    if published is None and captured:
        # An archive's capture time says when the page was seen, not published: it is kept
        # (as a day only) when the page gives no date at all, as the latest it can have been.
        published, precision = normalise_date(captured[:10])
    outlet = _field(document, "sitename")
    byline = _clean_byline(_field(document, "author"), _field(document, "sitename"))
    byline = byline or _page_byline(tree)
    address = url or _field(document, "url")
    return Article(
        id=article_id(text),
        name=name,
        text=text,
        outlet=outlet,
        title=_strip_outlet(_field(document, "title"), outlet, address),
        published=published,
        date_precision=precision,
        url=address,
        byline=byline,
        path=path,
    )


def _field(document: object, name: str) -> str | None:
    value = getattr(document, name, None)
    return value.strip() or None if isinstance(value, str) else None


def _strip_outlet(title: str | None, outlet: str | None, url: str | None = None) -> str | None:
    """Drop a trailing " | The Japan Times" from a title when it is the outlet's name, or
    the site's own name in its web address (" | UKBDNEWS" on ukbdnews.com, where the page
    gives a tagline for its name)."""
    if not title or not (outlet or url):
        return title
    site = _site_label(url)
    for separator in TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if not found or not head.strip():
            continue
        named = tail.strip().lower()
        if (outlet and named.startswith(outlet.lower())) or (site and _squashed(named) == site):
            return head.strip()
    return title


def _site_label(url: str | None) -> str | None:
    """The main label of a web address's host: "ukbdnews" for http://www.ukbdnews.com/..."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    labels = [x for x in host.lower().split(".") if x not in ("www", "m", "amp")]
    return _squashed(labels[0]) or None if len(labels) >= 2 else None


def _paragraphs(text: str | None) -> str:
    lines = (line.strip() for line in (text or "").splitlines())
    return "\n\n".join(line for line in lines if line)


# Bylines that say there is none.
PLACEHOLDER_BYLINE = re.compile(r"(no author|unknown|anonymous|admin|none)", re.IGNORECASE)
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ")
# "Written: 2023-11-07 15:03" or "Published on October 26, 2025" in the page's own words.
LABELLED_DATE = re.compile(
    r"\b(?:published|posted|written)(?: on)?\s*:?\s*"
    r"(\d{4}-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d)?)?|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})",
    re.IGNORECASE,
)

# Meta tags that state when an article was published, most trusted first.
META_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "publishdate",
    "publish-date",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
    "citation_publication_date",
    "date",
)


def _clean_byline(byline: str | None, outlet: str | None = None) -> str | None:
    """A page's author field without what is not a name: "Jane Doe Staff Writer" -> "Jane
    Doe", "Adam Aaronson PhillyVoice Staff" -> "Adam Aaronson" (the outlet's staff), "Jane
    Doe Nov. 3, 2020" -> "Jane Doe"; None for a placeholder ("Editorial Staff", "admin",
    "unknown") or a leftover label ("Article by")."""
    if not byline or PLACEHOLDER_BYLINE.fullmatch(byline) or re.search(r"\bby:?$", byline, re.I):
        return None
    text = LEADING_DATE.sub("", byline)
    text = BYLINE_DATE.split(text)[0].strip(" ,;:|-–—")
    unstaffed = STAFF_SUFFIX.sub("", text).strip(" ,;:|-–—")
    if unstaffed != text:
        words = unstaffed.split()
        if outlet and words and _squashed(words[-1]) == _squashed(outlet):
            words = words[:-1]  # "PhillyVoice Staff": the outlet's staff
        if len(words) < 2:
            return None  # "Editorial Staff", "Newsroom Staff"
        unstaffed = " ".join(words).strip(" ,;:|-–—")
    return unstaffed or None


def _squashed(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


STAFF_SUFFIX = re.compile(r"\s*\bstaff(?:\s+(?:writer|reporter))?$", re.I)
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
)
BYLINE_DATE = re.compile(rf"\s(?={_MONTH}\s+\d|\d)", re.I)  # a date glued on after the names
LEADING_DATE = re.compile(rf"^(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d[\d/.-]*\d)\s+", re.I)


def _page_byline(tree: Any) -> str | None:
    """The byline a page prints, where its metadata names no author: the first element
    marked as the byline (a class, id or test id naming it, itemprop or rel "author") that
    holds names, its links' texts ("By <a>Alex Bozarjian</a>") or else its own text; not
    one in a photo's caption, a comment or a box of other stories. ``tree``: the page as
    ``load_html`` parses it (None when it could not)."""
    if tree is None:
        return None
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        marks = " ".join(element.get(a, "") for a in ("class", "id", "data-testid")).lower()
        if "byline" not in marks and "author" not in (element.get("itemprop"), element.get("rel")):
            continue
        if any(_aside(up) for up in (element, *element.iterancestors())):
            continue
        linked = [n for a in element.iter("a") if (n := _names(a.text_content()))]
        if linked:
            return _clean_byline("; ".join(dict.fromkeys(linked)))
        if named := _names(element.text_content()):
            return _clean_byline(named)
    return None


def _aside(element: Any) -> bool:
    """An element holding what is not the article's own byline: a caption, a comment, a
    box of related or popular stories."""
    if element.tag in ("figure", "figcaption", "aside", "footer"):
        return True
    marks = " ".join(element.get(a, "") for a in ("class", "id")).lower()
    return any(word in marks for word in ASIDE_MARKS)


ASIDE_MARKS = ("comment", "caption", "related", "popular", "recommend", "promo", "sidebar")


def _names(text: str) -> str | None:
    """``text`` as a byline if it reads as one to eight capitalised names ("By" dropped), not
    a date, a link's label or a menu."""
    text = re.sub(r"^(?:written |words )?by:?\s+", "", " ".join(text.split()), flags=re.I)
    text = text.strip(" ,;:|-–—")
    tokens = text.replace(",", " ").split()
    if not 2 <= len(tokens) <= 8 or re.search(r"[\d@!?]", text):
        return None
    if any(t.lower().strip(".") in NOT_NAMES for t in tokens):
        return None
    return text if all(t[0].isupper() or t.lower() in NAME_PARTICLES for t in tokens) else None


NAME_PARTICLES = frozenset("and de da van von bin al el la le du der di".split())
NOT_NAMES = frozenset(
    "sign out log in copy link url share follow email subscribe menu comments comment print "
    "save read more most popular related articles stories facebook twitter leave reserved "
    "rights photo photograph image editorial board newsletter".split()
)


def _find_published(html: str, tree: Any = None) -> tuple[str | None, DatePrecision | None]:
    """When the page says it was published: JSON-LD, meta tags, a "Published:" label, htmldate.

    htmldate's answer is trusted only as a day, and a bare 1 January is rejected unless the
    page spells out that very date (it is what a "(c) 2025" footer turns into).
    """
    tree = load_html(html) if tree is None else tree
    if tree is not None:
        for candidate in (*_json_ld_dates(tree), *_meta_dates(tree)):
            found = normalise_date(candidate)
            if found[0] is not None:
                return found
    labelled = LABELLED_DATE.search(html)
    if labelled and normalise_date(labelled[1])[0] is not None:
        return normalise_date(labelled[1])
    try:
        day = htmldate.find_date(html, extensive_search=False, original_date=True)
    except Exception:  # htmldate fails in many ways on odd pages; no date is the answer
        return None, None
    if not day or (day.endswith("-01-01") and day not in html):
        return None, None
    return day, "day"


def _json_ld_dates(tree: Any) -> list[str]:
    """``datePublished`` values in the page's JSON-LD, article types first."""
    found: list[tuple[bool, str]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script, strict=False)
        except ValueError:
            found += [(False, m) for m in re.findall(r'"datePublished"\s*:\s*"([^"]+)"', script)]
            continue
        _collect_dates(data, found)
    return [value for _, value in sorted(found, key=lambda item: not item[0])]


def _collect_dates(data: object, found: list[tuple[bool, str]]) -> None:
    if isinstance(data, list):
        for item in data:
            _collect_dates(item, found)
    elif isinstance(data, dict):
        value = data.get("datePublished")
        if isinstance(value, str):
            kind = data.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            found.append((any(isinstance(k, str) and "Article" in k for k in kinds), value))
        for key, item in data.items():
            if key != "datePublished":
                _collect_dates(item, found)


def _meta_dates(tree: Any) -> list[str]:
    found: dict[str, str] = {}
    for element in tree.xpath("//meta[@content]|//*[@itemprop='datePublished']"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        value = element.get("content") or element.get("datetime") or element.text_content()
        found.setdefault(key.strip().lower(), value)
    return [found[key] for key in META_DATE_KEYS if found.get(key)]


def _parse_plain_iso(text: str) -> tuple[datetime, DatePrecision] | None:
    """What ``_parse_datetime`` makes of the commonest dates, "2025-10-26" and
    "2025-10-26T14:03[:00]" (no zone), at a fraction of its cost; None for anything else."""
    match = _PLAIN_ISO.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
    try:
        moment = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None  # e.g. 2025-02-30: left to dateutil
    return moment, "minute" if match[4] else "day"


def _parse_datetime(text: str) -> tuple[datetime, DatePrecision] | None:
    """Parse with two different defaults: what differs between the two was not written."""
    if not text or _ambiguous(text):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            first = dateparser.parse(text, default=datetime(2000, 1, 1, 0, 0, 0))
            second = dateparser.parse(text, default=datetime(2001, 2, 2, 1, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    if first.year != second.year or first.month != second.month:
        return None
    if first.day != second.day:
        return first, "month"
    return first, "minute" if first.hour == second.hour else "day"


def _ambiguous(text: str) -> bool:
    """03/04/2025: the 3rd of April or the 4th of March? Better no date than a wrong one."""
    match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.]\d{2,4}", text)
    if match is None:
        return False
    first, second = int(match[1]), int(match[2])
    return first != second and max(first, second) <= 12


# --- fetched pages, feeds and web archives ----------------------------------------------


def _read_url(url: str, report: Report) -> Iterator[Article]:
    """The article at ``url``, or a feed's articles; a failure is reported, not raised."""
    try:
        yield from _page_articles(fetch(url), url, report)
    except IngestError as error:
        report(error)


def _page_articles(page: Page, name: str, report: Report) -> Iterator[Article]:
    if page.media_type in XML_TYPES or is_feed(page.content):
        yield from _feed_articles(page.content, name, None, report)
    elif page.media_type == "text/plain":
        text = _text(name, page.content, page.charset)
        yield Article(id=article_id(text), name=name, text=text, url=page.url)
    else:
        html = _text(name, page.content, page.charset)
        yield _html_article(html, where=name, name=name, url=page.url)


def _feed_articles(raw: bytes, name: str, path: str | None, report: Report) -> Iterator[Article]:
    """One article per item of the feed in ``raw``; its channel's title is the outlet."""
    where = path or name
    if not raw.strip():
        raise IngestError(where, "empty file", "remove it or save the feed again")
    try:
        feed = parse_feed(raw)
    except FeedError as error:
        raise IngestError(where, str(error), "check that it is an RSS or Atom feed") from None
    if not feed.items:
        raise IngestError(where, "the feed has no items", "check that it is the right feed")
    for number, item in enumerate(feed.items, 1):
        label = item.url or item.guid or f"{name}#{number}"
        if not item.text:
            report(IngestError(where, f"item {label} has no text", "the feed gives only titles"))
            continue
        published, precision = normalise_date(item.published)
        yield Article(
            id=article_id(item.text),
            name=label,
            text=item.text,
            outlet=feed.title,
            title=item.title,
            published=published,
            date_precision=precision,
            url=item.url,
            byline=item.author,
            path=path,
        )


def _read_warc(source: _Source, report: Report) -> Iterator[Article]:
    """An article per HTML page a WARC file holds: each ``response`` record of a page that
    was there (status 200). Redirects, errors, images, scripts and styles are not articles."""
    records = pages = 0
    with source.path.open("rb") as stream:
        try:
            for record in ArchiveIterator(stream):
                # warcio also reads old ARC files, and takes a text file for one
                if record.format != "warc":
                    raise ArchiveLoadFailed("not a WARC record")
                records += 1
                if _is_html_page(record):
                    pages += 1
                    try:
                        yield _warc_article(record, source)
                    except IngestError as error:
                        report(error)
        except (ArchiveLoadFailed, zlib.error, EOFError):
            place = f"after {records} record(s)" if records else "from its start"
            raise IngestError(
                str(source.path),
                f"is not a readable WARC file {place}",
                "check that it is a WARC file and that the crawl or download finished",
            ) from None
    if not pages:
        raise IngestError(
            str(source.path), "holds no web pages (no HTML response records)", CONVERT_IT
        )


def _is_html_page(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    media_type = (record.http_headers.get_header("Content-Type") or "").partition(";")[0]
    ok = record.http_headers.get_statuscode() == "200"
    return ok and media_type.strip().lower() in HTML_TYPES


def _warc_article(record: Any, source: _Source) -> Article:
    uri = record.rec_headers.get_header("WARC-Target-URI") or source.name
    where = f"{uri} (in {source.path})"
    raw = record.content_stream().read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise IngestError(where, f"the page is more than {MAX_FILE_BYTES // MB} MB")
    if record.raw_stream.limit:  # bytes the record's header promised that never came
        raise IngestError(
            where, "the archive ends in the middle of this page", "check that the crawl finished"
        )
    content_type = record.http_headers.get_header("Content-Type") or ""
    charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    html = _text(where, raw, charset[1] if charset else None)
    captured = record.rec_headers.get_header("WARC-Date")
    return _html_article(
        html, where=where, name=uri, path=str(source.path), url=uri, captured=captured
    )


# --- records ----------------------------------------------------------------------------


def _read_records(source: _Source, walk: _Walk) -> Iterator[Article]:
    suffix = source.path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        if source.path.stat().st_size == 0:
            raise IngestError(str(source.path), "empty file", "remove it or put records in it")
        records = _jsonl_records(source.path, walk.report)
    elif suffix in (".csv", ".tsv"):
        text = _read_text_file(source.path)
        rows = _csv_rows(
            source.path, text, tabs=suffix == ".tsv", columns=walk.columns, report=walk.report
        )
        records = enumerate(rows, 1)
    else:
        data = _parse_json(source.path, _read_text_file(source.path))
        records = enumerate(_json_records(source.path, data), 1)
    empty = True
    for number, record in records:
        empty = False
        try:
            article = _record_article(record, source, number, walk.columns)
        except IngestError as error:
            walk.report(error)
            continue
        yield article
    if empty and suffix not in (".jsonl", ".ndjson"):
        raise IngestError(
            str(source.path), "holds no records", 'give it records, each with an "id" and a "text"'
        )


def ingest_jsonl(
    lines: Iterable[bytes],
    *,
    name: str = "stdin",
    columns: Mapping[str, str] | None = None,
    on_error: Callable[[IngestError], None] | None = None,
) -> Iterator[Article]:
    """Yield the articles of JSONL records read from ``lines`` (e.g. ``sys.stdin.buffer``):
    one JSON object per line with a "text" and optionally id, title, outlet, url, published,
    byline, credits (or other names, mapped by ``columns`` as in ``ingest``). A bad line is
    passed to ``on_error`` when given (and skipped)."""
    report = on_error or _raise
    mapped = _check_columns(columns or {})
    source = _Source(Path(name), name, ())
    for number, record in _jsonl_lines(lines, Path(name), report):
        try:
            yield _record_article(record, source, number, mapped)
        except IngestError as error:
            report(error)


def _parse_json(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise IngestError(
            str(path),
            f"is not valid JSON (line {error.lineno}: {error.msg})",
            "fix the file, or export it again",
        ) from None


def _json_records(path: Path, data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in RECORD_LISTS:
            if isinstance(data.get(key), list):
                return list(data[key])
        return [data]
    raise IngestError(
        str(path), "holds no articles", 'give it a list of records, each with an "id" and a "text"'
    )


def _jsonl_records(path: Path, report: Report) -> Iterator[tuple[int, Any]]:
    with path.open("rb") as lines:
        yield from _jsonl_lines(lines, path, report)


def _jsonl_lines(lines: Iterable[bytes], path: Path, report: Report) -> Iterator[tuple[int, Any]]:
    """(record number, record) for each non-blank line; a bad line is reported and skipped."""
    number = 0
    for line_number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        number += 1
        try:
            record = json.loads(_decode_text(raw))
        except ValueError as error:
            problem = getattr(error, "msg", "it is not text")  # JSONDecodeError, or _NotText
            report(
                IngestError(
                    str(path),
                    f"line {line_number} is not valid JSON ({problem})",
                    "fix or remove that line",
                )
            )
            continue
        yield number, record


def _csv_rows(
    path: Path,
    text: str,
    *,
    tabs: bool = False,
    columns: Mapping[str, str] | None = None,
    report: Report | None = None,
) -> Iterator[dict[Any, Any]]:
    """Rows of a CSV file, or of a tab-separated one (``tabs``), as dicts by header.

    Records of articles (``columns`` given: the --map of record fields) are checked first
    for a column holding the text: a file without one is one error, not one per row. A
    row with more fields than the header names (a comma outside quotes) is passed to
    ``report`` as an ``IngestWarning``: its extra fields are left out, but not silently."""
    kind = "tab-separated values" if tabs else "CSV"
    # an article's text is one field: the csv module's default limit (128 KiB) would refuse
    # a long article or a transcript in a valid file
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.DictReader(io.StringIO(text), delimiter="\t" if tabs else ",")
    try:
        if columns is not None:
            _check_text_column(path, reader.fieldnames or [], columns)
        for number, row in enumerate(reader, 1):
            extra: Any = row.pop(None, None)
            if extra and report is not None:
                report(_extra_fields(path, number, reader.line_num, len(row), list(extra), tabs))
            yield row
    except csv.Error as error:
        raise IngestError(
            str(path),
            f"is not valid {kind} (line {reader.line_num}: {error})",
            f"fix the file, or export it again as {kind}",
        ) from None


def _check_text_column(path: Path, header: Sequence[str], columns: Mapping[str, str]) -> None:
    """Refuse, once for the whole file, records with no column that holds the text."""
    found = [name.strip().lower() for name in header if name]
    wanted = [columns["text"]] if "text" in columns else list(TEXT_COLUMNS)
    if any(name in found for name in wanted):
        return
    named = ", ".join(found) if found else "none"
    if "text" in columns:
        problem = f"has no column {columns['text']!r} to read the text from (its columns: {named})"
    else:
        problem = f"has no text column (its columns: {named})"
    raise IngestError(
        str(path), problem, "name the column that holds each article's text: --map text=COLUMN"
    )


def _extra_fields(
    path: Path, number: int, line: int, named: int, extra: list[str], tabs: bool
) -> IngestWarning:
    shown = "; ".join(" ".join(x.split())[:40] for x in extra[:3])
    return IngestWarning(
        str(path),
        f"row {number} (line {line}) has {named + len(extra)} fields where the header names "
        f"{named}; the extra ones are left out: {shown!r}",
        "put a field that holds a tab in double quotes"
        if tabs
        else "put a field that holds a comma in double quotes",
    )


def _record_article(record: Any, source: _Source, number: int, columns: dict[str, str]) -> Article:
    if not isinstance(record, dict):
        raise IngestError(
            str(source.path),
            f"record {number} is not a set of fields",
            'each record needs at least a "text" field',
        )
    fields = _lower_keys(record)
    fields.update({field: fields.get(column) for field, column in columns.items()})
    name = _as_str(fields.get("id")) or f"{source.name}#{number}"
    text = next((value for key in TEXT_COLUMNS if (value := _as_str(fields.get(key)))), None)
    if text is None:
        column = columns.get("text", "text")
        raise IngestError(
            str(source.path),
            f"record {name} has no text",
            f'give it a "{column}" field with the article\'s text',
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    published, precision = normalise_date(_as_str(fields.get("published") or fields.get("date")))
    return Article(
        id=article_id(text),
        name=name,
        text=text,
        outlet=_as_str(fields.get("outlet")),
        title=_as_str(fields.get("title")),
        published=published,
        date_precision=precision,
        url=_as_str(fields.get("url")),
        byline=_as_str(fields.get("byline") or fields.get("author")),
        dateline=_as_str(fields.get("dateline")),
        credits=_credits(fields.get("credits")),
        path=str(source.path),
    )


def _lower_keys(record: dict[Any, Any]) -> dict[str, Any]:
    return {key.strip().lower(): value for key, value in record.items() if isinstance(key, str)}


def _as_str(value: Any) -> str | None:
    """A field as stripped text: numbers become text, a list of names is joined."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return ", ".join(item.strip() for item in value if item.strip()) or None
    return None


def _credits(value: Any) -> tuple[str, ...]:
    items = value.split(";") if isinstance(value, str) else value
    if not isinstance(items, list):
        return ()
    return tuple(item.strip() for item in items if isinstance(item, str) and item.strip())


# --- manifests --------------------------------------------------------------------------


def _manifest_json_rows(path: Path, data: Any) -> list[dict[Any, Any]]:
    """A manifest's entries: an object mapping each file to its fields, or a list of
    objects that each name their file. An entry of another shape is an error, said with
    the entry, rather than skipped."""
    shape = 'give each file an object: {"a.txt": {"outlet": "...", "published": "..."}}'
    if isinstance(data, dict):
        entries = list(data.items())
    elif isinstance(data, list):
        entries = list(enumerate(data))
    else:
        kind = type(data).__name__
        raise IngestError(str(path), f"is not a manifest: it holds a {kind}", shape)
    for where, value in entries:
        if not isinstance(value, dict):
            kind = type(value).__name__
            raise IngestError(
                str(path), f"is not a manifest: entry {where!r} is a {kind}, not an object", shape
            )
    return [{**v, "path": k} for k, v in entries] if isinstance(data, dict) else list(data)


def _manifest_key(key: str) -> str:
    key = key.strip().replace("\\", "/")
    return key[2:] if key.startswith("./") else key


def _manifest_values(fields: dict[str, Any]) -> dict[str, str]:
    values: dict[str, str] = {}
    for key, value in fields.items():
        field = FIELD_ALIASES.get(key, key)
        text = _as_str(value)
        if field in MANIFEST_FIELDS and text:
            values.setdefault(field, text)
    return values


def _manifest_entry(source: _Source, article: Article) -> dict[str, str]:
    """The manifest fields for an article: explicit manifest first, then the nearest folder's."""
    merged: dict[str, str] = {}
    for scope in source.scopes:
        for key in _manifest_keys(source, article, scope.root):
            for field, value in scope.entries.get(key, {}).items():
                merged.setdefault(field, value)
    return merged


def _manifest_keys(source: _Source, article: Article, root: Path) -> list[str]:
    relative = Path(os.path.relpath(source.path.resolve(), root)).as_posix()
    keys = [article.name] if article.name != source.name else []
    return [*keys, relative, source.name, source.path.name]


def _apply_manifest(article: Article, entry: dict[str, str]) -> Article:
    """Fill what the article lacks from the manifest; the manifest's outlet always wins."""
    changes: dict[str, Any] = {}
    if entry.get("outlet"):
        changes["outlet"] = entry["outlet"]
    for field in ("title", "url", "byline"):
        if entry.get(field) and not getattr(article, field):
            changes[field] = entry[field]
    if entry.get("published") and article.published is None:
        published, precision = normalise_date(entry["published"])
        if published is not None:
            changes.update(published=published, date_precision=precision)
    return dataclasses.replace(article, **changes) if changes else article
