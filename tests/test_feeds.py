"""Tests for provenance.feeds and feed files in ingest: RSS 2.0, RSS 1.0 (RDF), Atom."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from test_ingest_input import collect

from provenance.feeds import FeedError, html_paragraphs, is_feed, parse_feed
from provenance.ingest import ingest

FEEDS = FIXTURES / "feeds"
WIRE_STORY = "https://harbourwire.example/news/2025/11/04/bayline-winter-sailings"

RDF_FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://gazette.example/">
    <title>Hillside Gazette</title>
    <link>https://gazette.example/</link>
  </channel>
  <item rdf:about="https://gazette.example/a/1">
    <title>Bridge reopens</title>
    <link>https://gazette.example/a/1</link>
    <description>The old stone bridge reopened on Monday after repairs.</description>
    <dc:date>2025-06-02</dc:date>
    <dc:creator>Ines Moreau</dc:creator>
  </item>
</rdf:RDF>
"""


def rss(items: str, title: str = "Test Wire") -> bytes:
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"{items}</channel></rss>"
    ).encode()


# --- parsing ----------------------------------------------------------------------------


def test_rss_items_give_text_title_link_date_and_author() -> None:
    feed = parse_feed((FEEDS / "wire.rss").read_bytes())
    assert feed.title == "Harbour Wire"
    story, library = feed.items
    assert story.url == WIRE_STORY and story.guid == WIRE_STORY
    assert story.title == "Bayline cancels winter ferry sailings to Marrow Islands"
    assert story.published == "Tue, 04 Nov 2025 07:15:00 +0000"
    assert story.author == "Lena Ortiz"  # dc:creator
    # content:encoded wins over description; its HTML becomes paragraphs, scripts are not read
    assert story.text.startswith("PORT ELLIS, Nov 4 (Harbour Wire) - Bayline Ferries")
    assert "\n\nThe MV Tern, which carries" in story.text and "track(" not in story.text
    assert library.author == "Sam Whitlock"  # from "desk@harbourwire.example (Sam Whitlock)"
    assert library.text.count("\n\n") == 3  # escaped HTML in <description>: four paragraphs


def test_atom_entries_give_html_and_xhtml_content() -> None:
    feed = parse_feed((FEEDS / "coastal-courier.atom").read_bytes())
    assert feed.title == "Coastal Courier"
    ferry, trees = feed.items
    assert ferry.url == "https://coastalcourier.example/2025/11/04/islanders-winter-without-ferry"
    assert ferry.published == "2025-11-04T12:40:00+00:00"  # published, not updated
    assert ferry.author == "Courier staff"
    assert ferry.text.startswith("Islanders face a long winter without a ferry.\n\nReaders")
    assert trees.url == "https://coastalcourier.example/2025/11/02/river-path-trees"
    assert trees.published == "2025-11-02T09:30:00+00:00"  # only <updated> is given
    assert trees.text.count("\n\n") == 3 and trees.text.startswith("More than 200 volunteers")


def test_rdf_feed() -> None:
    feed = parse_feed(RDF_FEED)
    [item] = feed.items
    assert feed.title == "Hillside Gazette"
    assert (item.title, item.url, item.published, item.author) == (
        "Bridge reopens",
        "https://gazette.example/a/1",
        "2025-06-02",
        "Ines Moreau",
    )
    assert item.text == "The old stone bridge reopened on Monday after repairs."


def test_summary_is_the_text_when_there_is_no_content() -> None:
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><title>E</title><summary type="text">Only a summary.</summary></entry></feed>"""
    assert parse_feed(atom).items[0].text == "Only a summary."


def test_feed_in_a_multibyte_encoding_it_declares() -> None:
    text = "東京電力は二十七日、処理水の放出を再開したと発表した。"
    raw = (
        '<?xml version="1.0" encoding="Shift_JIS"?><rss><channel><title>東京新報</title>'
        f"<item><title>放出再開</title><description>{text}</description></item>"
        "</channel></rss>"
    ).encode("shift_jis")
    feed = parse_feed(raw)
    assert feed.title == "東京新報" and feed.items[0].text == text


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (  # "billion laughs": entities that expand to gigabytes
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><title>&b;</title>'
            b"</channel></rss>",
            "declares XML entities of its own",
        ),
        (  # an external entity that would read a local file
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<rss><channel><title>&x;</title></channel></rss>",
            "declares XML entities of its own",
        ),
        (b"<rss><channel><title>cut off", "is not well-formed XML"),
        (
            b"<html><body><p>a page</p></body></html>",
            "not an RSS or Atom feed (its root is <html>)",
        ),
        (b'<?xml version="1.0" encoding="no-such-code"?><rss/>', "not in the no-such-code"),
    ],
)
def test_unsafe_or_broken_feeds_are_refused(raw: bytes, problem: str) -> None:
    with pytest.raises(FeedError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        parse_feed(raw)


def test_old_rss_with_a_doctype_but_no_entities_is_read() -> None:
    raw = (
        b'<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        b'<rss version="0.91"><channel><title>Caf\xe9 Press</title><item><title>T</title>'
        b"<description>Fish &amp; chips.</description></item></channel></rss>"
    )
    feed = parse_feed(raw)
    assert feed.title == "Café Press" and feed.items[0].text == "Fish & chips."


def test_is_feed_looks_at_the_first_element() -> None:
    assert is_feed(b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- <html> -->\n<rss version="2.0">')
    assert is_feed(RDF_FEED) and is_feed(b'<feed xmlns="http://www.w3.org/2005/Atom">')
    assert not is_feed(b"<!DOCTYPE html><html><body><rss></rss></body></html>")
    assert not is_feed(b"plain text about rss feeds")


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>One  line,\n wrapped.</p><p>Two <b>bold</b> words.<br>Three.</p>", None),
        ("Plain text.\n\nSecond paragraph.", "Plain text.\n\nSecond paragraph."),
        ("<ul><li>a</li><li>b</li></ul><style>p {}</style><!-- note -->end", "a\n\nb\n\nend"),
        ("", ""),
    ],
)
def test_html_paragraphs(fragment: str, text: str | None) -> None:
    expected = text if text is not None else "One line, wrapped.\n\nTwo bold words.\n\nThree."
    assert html_paragraphs(fragment) == expected


# --- feeds in ingest --------------------------------------------------------------------


def test_feed_files_give_an_article_per_item() -> None:
    articles, errors = collect(FEEDS)
    assert errors == []
    by_name = {a.name: a for a in articles}
    assert len(by_name) == 4
    story = by_name[WIRE_STORY]
    assert (story.outlet, story.url, story.byline) == ("Harbour Wire", WIRE_STORY, "Lena Ortiz")
    assert (story.published, story.date_precision) == ("2025-11-04T07:15:00+00:00", "minute")
    assert story.path == str(FEEDS / "wire.rss")
    assert {a.outlet for a in articles} == {"Harbour Wire", "Coastal Courier"}


def test_xml_file_is_read_as_a_feed_only_when_it_is_one(tmp_path: Path) -> None:
    (tmp_path / "gazette.xml").write_bytes(RDF_FEED)
    (tmp_path / "sitemap.xml").write_text(
        "<urlset><url><loc>https://a.example/</loc></url></urlset>"
    )
    articles, errors = collect(tmp_path)
    assert [(a.name, a.outlet) for a in articles] == [
        ("https://gazette.example/a/1", "Hillside Gazette")
    ]
    assert [(Path(e.path).name, e.problem) for e in errors] == [
        ("sitemap.xml", "is XML but not an RSS or Atom feed (its root is <urlset>)")
    ]


def test_item_without_text_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    items = (
        "<item><title>Only a title</title><link>https://w.example/1</link></item>"
        "<item><title>Full</title><guid>w-2</guid><description>A full story.</description></item>"
        "<item><title>Nameless</title><description>Another story.</description></item>"
    )
    path = tmp_path / "wire.rss"
    path.write_bytes(rss(items))
    articles, errors = collect(path)
    assert [(a.name, a.text) for a in articles] == [
        ("w-2", "A full story."),
        ("wire.rss#3", "Another story."),
    ]
    assert [str(e) for e in errors] == [
        f"{path}: item https://w.example/1 has no text (the feed gives only titles)"
    ]


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (rss(""), "the feed has no items"),
        (b" \n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "is not well-formed XML"),
    ],
)
def test_feed_that_gives_no_articles_is_an_error(tmp_path: Path, raw: bytes, problem: str) -> None:
    path = tmp_path / "news.atom"
    path.write_bytes(raw)
    articles, errors = collect(path)
    assert articles == [] and errors[0].path == str(path)
    assert errors[0].problem.startswith(problem)


def test_feed_dates_are_normalised_like_other_dates(tmp_path: Path) -> None:
    items = "".join(
        f"<item><guid>{n}</guid><pubDate>{date}</pubDate><description>Story.</description></item>"
        for n, date in enumerate(["Sun, 26 Oct 2025 00:00:00 GMT", "October 2025", "yesterday"])
    )
    path = tmp_path / "dated.rss"
    path.write_bytes(rss(items))
    dates = [(a.published, a.date_precision) for a in ingest([path])]
    assert dates == [("2025-10-26", "day"), ("2025-10", "month"), (None, None)]
