"""Read articles from files: plain text, saved web pages, and JSON / JSONL / CSV records.

Ingest works at the level of the container: it finds the files, decodes them, pulls the
article text and whatever metadata the container carries (a page's title, byline, outlet and
publication date; a record's fields; a manifest's columns) into ``model.Article``. What sits
inside plain text (headline, dateline, credit tags, ``date ...`` header lines) is left to
``segment``.

    for article in ingest(["articles/"], on_error=print):
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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import htmldate
import trafilatura
from dateutil import parser as dateparser
from trafilatura.utils import decode_file, load_html

from provenance.errors import IngestError
from provenance.model import Article, DatePrecision

__all__ = ["article_id", "ingest", "normalise_date", "read_manifest"]

Manifest = dict[str, dict[str, str]]
Report = Callable[[IngestError], None]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
RECORD_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson", ".csv"})
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
LABEL_NAMES = frozenset({"truth.jsonl"})
MANIFEST_FIELDS = ("outlet", "url", "published", "title", "byline")
FIELD_ALIASES = {"date": "published", "author": "byline"}
RECORD_LISTS = ("articles", "items", "records")
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


# --- public API -----------------------------------------------------------------------


def ingest(
    paths: Iterable[str | Path],
    *,
    manifest: str | Path | None = None,
    on_error: Callable[[IngestError], None] | None = None,
) -> Iterator[Article]:
    """Yield the articles in ``paths`` (files or folders, folders read recursively).

    A ``manifest.csv`` / ``manifest.json`` in a folder (or named among ``paths``) fills in
    metadata instead of being read as articles; ``truth.jsonl``, ``README*`` and hidden files
    in folders are skipped. A missing path raises ``IngestError`` at once; a file or record
    that cannot be read is passed to ``on_error`` when given (and skipped), otherwise raised.
    """
    report = on_error or _raise
    explicit = _explicit_scopes(manifest, report)
    roots = []
    for item in paths:
        path = Path(item)
        if not path.exists():
            report(IngestError(str(path), "no such file or folder", "check the path for typos"))
        elif path.is_file() and path.name in MANIFEST_NAMES:
            explicit += _explicit_scopes(path, report)  # as when a shell expands "folder/*"
        elif path.name not in LABEL_NAMES:
            roots.append(path)
    return _ingest_roots(roots, _Walk(report, explicit, set()))


def article_id(text: str) -> str:
    """Stable content hash: the same text (up to NFC, line endings, outer spaces) -> same id."""
    normal = unicodedata.normalize("NFC", text.replace("\r\n", "\n")).strip()
    return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).hexdigest()[:16]


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
    for row in rows:
        fields = _lower_keys(row)
        key = _as_str(fields.get("path")) or _as_str(fields.get("name"))
        if key:
            manifest[_manifest_key(key)] = _manifest_values(fields)
    return manifest


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
    parsed = _parse_datetime(text)
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


def _ingest_roots(roots: list[Path], walk: _Walk) -> Iterator[Article]:
    for root in roots:
        walk.seen.clear()
        if root.is_dir():
            sources = _walk_folder(root, root, (), walk)
        else:
            sources = iter([_Source(root, root.name, walk.explicit)])
        for source in sources:
            yield from _read_source(source, walk.report)


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


def _read_source(source: _Source, report: Report) -> Iterator[Article]:
    try:
        for article in _read_articles(source, report):
            yield _apply_manifest(article, _manifest_entry(source, article))
    except IngestError as error:
        report(error)
    except OSError as error:
        report(IngestError(str(source.path), f"could not be read ({error.strerror})"))


def _read_articles(source: _Source, report: Report) -> Iterator[Article]:
    suffix = source.path.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        raise IngestError(str(source.path), NOT_AN_ARTICLE, CONVERT_IT)
    if suffix in HTML_SUFFIXES:
        yield _read_html(source)
    elif suffix in RECORD_SUFFIXES:
        yield from _read_records(source, report)
    else:
        yield _read_plain(source)


def _read_plain(source: _Source) -> Article:
    text = _read_text_file(source.path)
    return Article(id=article_id(text), name=source.name, text=text, path=str(source.path))


def _read_text_file(path: Path) -> str:
    """The file's text, or IngestError when it is binary or empty."""
    text = _decode_text(path.read_bytes())
    if text is None:
        raise IngestError(str(path), "looks like a binary file, " + NOT_AN_ARTICLE, CONVERT_IT)
    if not text.strip():
        raise IngestError(str(path), "empty file", "remove it or put the article's text in it")
    return text


def _decode_text(raw: bytes) -> str | None:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, CP1252 or Latin-1.

    Line endings become ``\\n``. Returns None for binary data (NUL or many control bytes).
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _try_decode(raw, ("utf-16",))
    elif b"\x00" in raw:
        return None
    else:
        text = _try_decode(raw, ("utf-8-sig", "cp1252", "latin-1"))
    if text is None or _looks_binary(text):
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _try_decode(raw: bytes, encodings: tuple[str, ...]) -> str | None:
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _looks_binary(text: str) -> bool:
    controls = sum(
        1 for char in text if char not in "\t\n\r\f\v" and unicodedata.category(char) == "Cc"
    )
    return "\x00" in text or controls > max(2, len(text) // 20)


# --- web pages --------------------------------------------------------------------------


def _read_html(source: _Source) -> Article:
    html = decode_file(source.path.read_bytes())
    if not html.strip():
        raise IngestError(str(source.path), "empty file", "remove it or save the page again")
    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as error:  # the extractor's own failure on a malformed page
        raise IngestError(
            str(source.path), f"web page could not be read ({error})", "save the page again"
        ) from None
    text = _paragraphs(_field(document, "text"))
    if not text:
        raise IngestError(
            str(source.path),
            "no article text found in this web page",
            "save the article's own page, or paste its text into a .txt file",
        )
    published, precision = _find_published(html)
    outlet = _field(document, "sitename")
    byline = _field(document, "author")
    return Article(
        id=article_id(text),
        name=source.name,
        text=text,
        outlet=outlet,
        title=_strip_outlet(_field(document, "title"), outlet),
        published=published,
        date_precision=precision,
        url=_field(document, "url"),
        byline=None if byline and PLACEHOLDER_BYLINE.fullmatch(byline) else byline,
        path=str(source.path),
    )


def _field(document: object, name: str) -> str | None:
    value = getattr(document, name, None)
    return value.strip() or None if isinstance(value, str) else None


def _strip_outlet(title: str | None, outlet: str | None) -> str | None:
    """Drop a trailing " | The Japan Times" from a title when it is the outlet's name."""
    if not title or not outlet:
        return title
    for separator in TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if found and head.strip() and tail.strip().lower().startswith(outlet.lower()):
            return head.strip()
    return title


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


def _find_published(html: str) -> tuple[str | None, DatePrecision | None]:
    """When the page says it was published: JSON-LD, meta tags, a "Published:" label, htmldate.

    htmldate's answer is trusted only as a day, and a bare 1 January is rejected unless the
    page spells out that very date (it is what a "(c) 2025" footer turns into).
    """
    tree = load_html(html)
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


# --- records ----------------------------------------------------------------------------


def _read_records(source: _Source, report: Report) -> Iterator[Article]:
    suffix = source.path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        records = _jsonl_records(source.path, report)
    elif suffix == ".csv":
        records = enumerate(_csv_rows(source.path, _read_text_file(source.path)), 1)
    else:
        data = _parse_json(source.path, _read_text_file(source.path))
        records = enumerate(_json_records(source.path, data), 1)
    for number, record in records:
        try:
            article = _record_article(record, source, number)
        except IngestError as error:
            report(error)
            continue
        yield article


def ingest_jsonl(
    lines: Iterable[bytes],
    *,
    name: str = "stdin",
    on_error: Callable[[IngestError], None] | None = None,
) -> Iterator[Article]:
    """Yield the articles of JSONL records read from ``lines`` (e.g. ``sys.stdin.buffer``):
    one JSON object per line with a "text" and optionally id, title, outlet, url, published,
    byline, credits. A bad line is passed to ``on_error`` when given (and skipped)."""
    report = on_error or _raise
    source = _Source(Path(name), name, ())
    for number, record in _jsonl_lines(lines, Path(name), report):
        try:
            yield _record_article(record, source, number)
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
        line = _decode_text(raw)
        if line is not None and not line.strip():
            continue
        number += 1
        try:
            if line is None:
                raise ValueError("it is not text")
            record = json.loads(line)
        except ValueError as error:
            problem = getattr(error, "msg", str(error))
            report(
                IngestError(
                    str(path),
                    f"line {line_number} is not valid JSON ({problem})",
                    "fix or remove that line",
                )
            )
            continue
        yield number, record


def _csv_rows(path: Path, text: str) -> Iterator[dict[Any, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    try:
        yield from reader
    except csv.Error as error:
        raise IngestError(
            str(path),
            f"is not valid CSV (line {reader.line_num}: {error})",
            "fix the file, or export it again as CSV",
        ) from None


def _record_article(record: Any, source: _Source, number: int) -> Article:
    if not isinstance(record, dict):
        raise IngestError(
            str(source.path),
            f"record {number} is not a set of fields",
            'each record needs at least a "text" field',
        )
    fields = _lower_keys(record)
    name = _as_str(fields.get("id")) or f"{source.name}#{number}"
    text = next(
        (value for key in ("text", "body", "content") if (value := _as_str(fields.get(key)))), None
    )
    if text is None:
        raise IngestError(
            str(source.path),
            f"record {name} has no text",
            'give it a "text" field with the article\'s text',
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
    if isinstance(data, dict):
        return [{**value, "path": key} for key, value in data.items() if isinstance(value, dict)]
    if isinstance(data, list):
        return [row for row in data if isinstance(row, dict)]
    raise IngestError(
        str(path),
        "is not a manifest",
        "give it an object mapping each file to its outlet, url, published ...",
    )


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
