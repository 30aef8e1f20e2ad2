"""Tests for web archives (WARC files) in ingest: an article per HTML page archived."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from conftest import FIXTURES
from test_ingest_input import collect
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from provenance.ingest import ingest

CRAWL = FIXTURES / "warc" / "crawl.warc"
HERALD = "https://valleyherald.example/news/black-crag-rescue"
COPY = "https://uplandtimes.example/outdoors/black-crag-walker"
SHOP = "https://uplandtimes.example/village/carran-bridge-shop"
PAGE = (Path(__file__).parent / "data" / "ingest" / "news_page.html").read_bytes()


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], *, gzip: bool = True) -> Path:
    """A WARC file of ``(uri, body, content type)`` responses, all status 200."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for uri, body, content_type in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri,
                "response",
                payload=BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": "2025-10-30T08:00:00Z"},
            )
            writer.write_record(record)
    return path


def test_each_archived_page_is_an_article() -> None:
    articles, errors = collect(CRAWL)
    assert errors == []  # the warcinfo record, the redirect and the image are not pages
    assert [a.name for a in articles] == [HERALD, COPY, SHOP]
    assert [a.url for a in articles] == [HERALD, COPY, SHOP]
    assert {a.path for a in articles} == {str(CRAWL)}
    herald, copy, shop = articles
    assert (herald.outlet, herald.byline) == ("Valley Herald", "Owen Pryce")
    assert herald.title == "Walkers rescued from Black Crag in failing light"
    assert "Eighteen volunteers took part in the rescue" in herald.text
    assert "\u201cPeople kept knocking" in shop.text  # windows-1252, said by <meta charset>


def test_capture_date_stands_in_only_when_the_page_gives_none() -> None:
    herald, copy, shop = ingest([CRAWL])
    assert (herald.published, herald.date_precision) == ("2025-09-14T08:20:00+01:00", "minute")
    assert (shop.published, shop.date_precision) == ("2025-09-12", "day")  # its own meta tag
    assert (copy.published, copy.date_precision) == ("2025-09-16", "day")  # the capture day


def test_compressed_warc(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", [("https://ledger.example/a", PAGE, "text/html")])
    [article] = ingest([path])
    assert article.name == article.url == "https://ledger.example/a"
    assert article.published == "2025-10-26T14:03:00+03:00"  # the page's own date wins
    assert article.outlet == "Daily Ledger"


def test_page_without_text_is_reported_with_its_archive(tmp_path: Path) -> None:
    empty = b"<html><head><title>Section</title></head><body></body></html>"
    path = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            ("https://a.example/section", empty, "text/html"),
            ("https://a.example/s", PAGE, "text/html"),
        ],
    )
    articles, errors = collect(path)
    assert [a.name for a in articles] == ["https://a.example/s"]
    assert [e.path for e in errors] == [f"https://a.example/section (in {path})"]
    assert "no article text found" in errors[0].problem


def test_truncated_warc_keeps_what_came_before(tmp_path: Path) -> None:
    pages = [
        (f"https://a.example/{n}", PAGE + f"<!-- {n} -->".encode(), "text/html") for n in (1, 2)
    ]
    whole = write_warc(tmp_path / "whole.warc.gz", pages).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) - 200])
    articles, errors = collect(cut)
    assert [a.name for a in articles] == ["https://a.example/1"]
    assert [str(e) for e in errors] == [
        f"https://a.example/2 (in {cut}): the archive ends in the middle of this page "
        "(check that the crawl finished)"
    ]


def test_damaged_warc_keeps_what_came_before(tmp_path: Path) -> None:
    pages = [
        (f"https://a.example/{n}", PAGE + f"<!-- {n} -->".encode(), "text/html") for n in (1, 2)
    ]
    damaged = bytearray(write_warc(tmp_path / "whole.warc.gz", pages).read_bytes())
    middle_of_the_second = len(damaged) * 3 // 4
    damaged[middle_of_the_second : middle_of_the_second + 20] = bytes(20)
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(bytes(damaged))
    articles, errors = collect(path)
    assert [a.name for a in articles] == ["https://a.example/1"]
    assert [str(e) for e in errors] == [
        f"{path}: is not a readable WARC file after 1 record(s) (check that it is a WARC file "
        "and that the crawl or download finished)"
    ]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("notes.warc", b"Just some notes, not an archive.\n", "is not a readable WARC file"),
        ("empty.warc", b"", "holds no web pages"),
    ],
)
def test_what_is_not_a_web_archive_is_named(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    articles, errors = collect(path)
    assert articles == [] and errors[0].path == str(path)
    assert problem in errors[0].problem


def test_archive_of_only_images_and_scripts_holds_no_pages(tmp_path: Path) -> None:
    path = write_warc(
        tmp_path / "assets.warc.gz",
        [("https://a.example/app.js", b"var x = 1;", "application/javascript")],
    )
    _, errors = collect(path)
    assert [e.problem for e in errors] == ["holds no web pages (no HTML response records)"]
