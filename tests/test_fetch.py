"""Tests for provenance.fetch and URLs in ingest, against a web server on 127.0.0.1 only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from local_server import LocalServer, Reply
from test_ingest_input import collect

from provenance import __version__
from provenance.errors import IngestError
from provenance.fetch import fetch, is_url
from provenance.ingest import ingest

PAGE = (Path(__file__).parent / "data" / "ingest" / "news_page.html").read_bytes()
FEED = (Path(__file__).parent.parent / "fixtures" / "feeds" / "wire.rss").read_bytes()


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


def fetch_error(url: str, **limits: float) -> str:
    with pytest.raises(IngestError) as caught:
        fetch(url, **limits)  # type: ignore[arg-type]
    assert caught.value.path == url
    return caught.value.problem


# --- fetch ------------------------------------------------------------------------------


def test_is_url_takes_only_http_and_https() -> None:
    assert is_url("https://example.com/a") and is_url("HTTP://example.com")
    assert not is_url("ftp://example.com/a")
    assert not is_url("fixtures/seeds") and not is_url(Path("https:/x"))


def test_fetch_follows_redirects_and_says_who_is_asking(server: LocalServer) -> None:
    server.route("/story", Reply(PAGE, content_type="text/html; charset=ISO-8859-1"))
    start = server.route("/old", Reply(status=301, headers=(("Location", "/story"),)))
    page = fetch(start)
    assert page.url == server.url("/story")
    assert (page.media_type, page.charset) == ("text/html", "iso-8859-1")
    assert page.content == PAGE
    agent = server.requests[-1]["User-Agent"]
    assert agent.startswith(f"provenance/{__version__} (")


@pytest.mark.parametrize(
    ("reply", "problem"),
    [
        (Reply(b"gone", status=404), "the server answered 404 Not Found"),
        (Reply(b"oops", status=500), "the server answered 500 Internal Server Error"),
        (Reply(b"%PDF-1.4", content_type="application/pdf"), "is application/pdf, not a web"),
        (Reply(status=302, headers=(("Location", "/loop"),)), "redirects more than 5 times"),
        (Reply(status=302, headers=(("Location", "ftp://example.com/a"),)), "not http or https"),
    ],
)
def test_what_cannot_be_fetched_is_named(server: LocalServer, reply: Reply, problem: str) -> None:
    assert problem in fetch_error(server.route("/loop", reply))


def test_a_page_past_the_size_cap_is_not_read_to_the_end(server: LocalServer) -> None:
    declared = server.route("/declared", Reply(b"x" * 5000))
    streamed = server.route("/streamed", Reply(b"x" * 1000, chunks=50))  # no Content-Length
    for url in (declared, streamed):
        assert "the page is bigger than" in fetch_error(url, max_bytes=4000)


def test_a_silent_server_times_out(server: LocalServer) -> None:
    slow = server.route("/slow", Reply(b"<p>late</p>", delay=1.0))
    assert "did not answer within 0.2 s" in fetch_error(slow, timeout=0.2)


def test_a_page_that_trickles_in_is_cut_off(server: LocalServer) -> None:
    trickle = server.route("/trickle", Reply(b"<p>a</p>" * 50, chunks=20, pause=0.05))
    problem = fetch_error(trickle, timeout=1.0, max_seconds=0.3)  # no pause is a timeout
    assert problem == "the page is arriving too slowly"


def test_nothing_listening_is_named(server: LocalServer) -> None:
    closed = server.url("/x").replace(str(server._server.server_address[1]), "1")
    assert "could not connect to 127.0.0.1" in fetch_error(closed)


def test_only_web_addresses_are_fetched() -> None:
    assert "only http:// and https://" in fetch_error("file:///etc/passwd")


# --- URLs in ingest ---------------------------------------------------------------------


def test_url_is_read_like_a_saved_page(server: LocalServer) -> None:
    server.route("/world/story", Reply(PAGE))
    given = server.route("/s/1", Reply(status=302, headers=(("Location", "/world/story"),)))
    [article] = ingest([given])
    assert article.name == given
    assert article.url == server.url("/world/story")  # where it ended, not the page's own
    assert article.path is None
    assert article.title == "Kremlin says new sanctions hurt hopes of mending ties"
    assert article.outlet == "Daily Ledger" and article.byline == "Maria Petrova"
    assert (article.published, article.date_precision) == ("2025-10-26T14:03:00+03:00", "minute")
    assert "Peskov told reporters on Sunday." in article.text


def test_bad_url_is_reported_and_the_rest_read(server: LocalServer, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("A local story, told in full.", encoding="utf-8")
    missing = server.url("/missing")
    articles, errors = collect(missing, story, server.route("/ok", Reply(PAGE)))
    assert [a.name for a in articles] == ["story.txt", server.url("/ok")]
    assert [str(e) for e in errors] == [
        f"{missing}: the server answered 404 Not Found (check the address, "
        "or save the page by hand)"
    ]


def test_page_without_article_text_is_reported(server: LocalServer) -> None:
    empty = server.route("/empty", Reply(b"<html><head><title>Home</title></head><body></body>"))
    articles, errors = collect(empty)
    assert articles == [] and errors[0].path == empty
    assert "no article text found" in errors[0].problem


@pytest.mark.parametrize(
    "content_type", ["application/rss+xml", "text/xml; charset=utf-8", "text/html", None]
)
def test_feed_url_gives_an_article_per_item(server: LocalServer, content_type: str | None) -> None:
    url = server.route("/feed", Reply(FEED, content_type=content_type))
    articles, errors = collect(url)
    assert errors == []
    assert [a.outlet for a in articles] == ["Harbour Wire", "Harbour Wire"]
    assert articles[0].url == "https://harbourwire.example/news/2025/11/04/bayline-winter-sailings"


def test_plain_text_url_is_one_article(server: LocalServer) -> None:
    url = server.route("/note.txt", Reply(b"One line.\r\nTwo lines.", content_type="text/plain"))
    [article] = ingest([url])
    assert (article.text, article.url, article.name) == ("One line.\nTwo lines.", url, url)


# --- encodings of fetched pages ---------------------------------------------------------

RUSSIAN = (
    "Пресс-секретарь Кремля Дмитрий Песков заявил в воскресенье, что новые санкции против "
    "России осложняют усилия по восстановлению отношений с США.",
    "По его словам, встреча президентов требует серьёзной подготовки.",
    "Аналитики в Москве считают, что меры окажут ограниченное влияние на экспорт.",
)
JAPANESE = (
    "東京電力は二十七日、福島第一原子力発電所の処理水の放出を再開したと発表した。",
    "放出は約十七日間続く予定で、周辺の海水の監視も強化するという。",
    "地元の漁業関係者からは、風評被害を心配する声が上がっている。",
)
FRENCH = (
    "Le café où Noël s'était réuni à Genève a rouvert ses portes jeudi, après deux ans de travaux.",
    "Les élèves du quartier y ont déjà déjeuné, a précisé la propriétaire, Hélène Favre.",
    "« Nous avons gardé le comptoir d'origine », a-t-elle ajouté.",
)


def page(paragraphs: tuple[str, ...], head: str = "") -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f"<html><head>{head}<title>News</title></head><body><article>{body}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("paragraphs", "encoding", "head", "content_type"),
    [
        # windows-1251 said only by <meta charset>
        (RUSSIAN, "windows-1251", '<meta charset="windows-1251">', "text/html"),
        # Shift_JIS said only by the server
        (JAPANESE, "shift_jis", "", "text/html; charset=Shift_JIS"),
        # ISO-8859-1 said by http-equiv; the server's label is wrong and must lose to it
        (
            FRENCH,
            "iso-8859-1",
            '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
            "text/html; charset=utf-8",
        ),
        # nothing said at all: charset_normalizer tells
        (RUSSIAN, "windows-1251", "", "text/html"),
    ],
)
def test_legacy_encodings_of_fetched_pages(
    server: LocalServer, paragraphs: tuple[str, ...], encoding: str, head: str, content_type: str
) -> None:
    raw = page(paragraphs, head).encode(encoding)
    [article] = ingest([server.route("/legacy", Reply(raw, content_type=content_type))])
    assert article.text == "\n\n".join(paragraphs)
