"""Fetch web pages and feeds over HTTP(S) for ingest, bounded in time, size and redirects.

    page = fetch("https://example.com/world/story")
    page.url, page.media_type, page.charset, page.content  # final URL, "text/html", ...

Every way a fetch can fail (no such host, no answer in time, 404, too big, not a page)
raises ``IngestError`` naming the URL, the problem and what to do, so a bad address is
skipped and reported like a bad file.
"""

from __future__ import annotations

import time
from contextlib import ExitStack
from dataclasses import dataclass

import httpx

from provenance import __version__
from provenance.errors import IngestError

__all__ = ["MAX_BYTES", "Page", "fetch", "is_url"]

MAX_BYTES = 10 * 1024 * 1024  # no news page is bigger; stop reading past it
MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(30.0, connect=10.0)  # seconds without a byte, and to connect
MAX_SECONDS = 120.0  # for the whole page: a server that sends a byte now and then is cut off
USER_AGENT = f"provenance/{__version__} (news provenance tracer; python-httpx/{httpx.__version__})"
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8"
)
# What ingest can read from the web: pages, feeds, plain text.
READABLE_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class Page:
    """A fetched response: the URL it ended at, its media type and charset, its bytes."""

    url: str
    media_type: str  # "text/html"; "" when the server did not say
    charset: str | None
    content: bytes


def is_url(value: object) -> bool:
    """True for a string that names a web address ingest can fetch (http or https)."""
    return isinstance(value, str) and value[:8].lower().startswith(SCHEMES)


def fetch(
    url: str,
    *,
    max_bytes: int = MAX_BYTES,
    timeout: float | httpx.Timeout = TIMEOUT,
    max_redirects: int = MAX_REDIRECTS,
    max_seconds: float = MAX_SECONDS,
) -> Page:
    """GET ``url`` (following up to ``max_redirects`` redirects) and return what it holds.

    Reading stops past ``max_bytes`` (counted after decompression, so a small compressed
    answer cannot unpack into a huge one) or ``max_seconds``. Raises ``IngestError`` when the
    page cannot be had.
    """
    if not is_url(url):
        raise IngestError(url, "only http:// and https:// addresses can be fetched")
    deadline = time.monotonic() + max_seconds
    try:
        with ExitStack() as stack:
            client = stack.enter_context(_client(timeout, max_redirects))
            response = stack.enter_context(client.stream("GET", url))
            _check(url, response, max_bytes)
            return Page(
                url=str(response.url),
                media_type=_media_type(response),
                charset=response.charset_encoding,
                content=_read_capped(url, response, max_bytes, deadline),
            )
    except httpx.HTTPError as error:
        raise _fetch_error(url, error, timeout, max_redirects) from None
    except httpx.InvalidURL as error:
        raise IngestError(url, f"is not a valid web address ({error})") from None


def _client(timeout: float | httpx.Timeout, max_redirects: int) -> httpx.Client:
    return httpx.Client(
        follow_redirects=True,
        max_redirects=max_redirects,
        timeout=timeout,
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
    )


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").partition(";")[0].strip().lower()


def _check(url: str, response: httpx.Response, max_bytes: int) -> None:
    """Refuse an error status, a type ingest cannot read, or a declared size past the cap."""
    if not response.is_success:
        reason = f"{response.status_code} {response.reason_phrase}".strip()
        raise IngestError(
            url, f"the server answered {reason}", "check the address, or save the page by hand"
        )
    media_type = _media_type(response)
    if media_type and media_type not in READABLE_TYPES:
        raise IngestError(
            url,
            f"is {media_type}, not a web page or a feed",
            "download it and convert it to text first",
        )
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise _too_big(url, max_bytes)


def _read_capped(url: str, response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise _too_big(url, max_bytes)
        if time.monotonic() > deadline:
            raise IngestError(
                url, "the page is arriving too slowly", "try again later, or save it by hand"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _too_big(url: str, max_bytes: int) -> IngestError:
    return IngestError(
        url,
        f"the page is bigger than {max_bytes / (1024 * 1024):.3g} MB, more than any article",
        "save the article's own page, or its text, to a file",
    )


def _fetch_error(
    url: str, error: httpx.HTTPError, timeout: float | httpx.Timeout, max_redirects: int
) -> IngestError:
    """The IngestError that says, in plain words, why ``url`` could not be fetched."""
    if isinstance(error, httpx.TimeoutException):
        limits = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        connecting = isinstance(error, httpx.ConnectTimeout)
        seconds = limits.connect if connecting else limits.read
        return IngestError(
            url,
            f"the server did not answer within {seconds:g} s",
            "try again later, or save the page by hand",
        )
    if isinstance(error, httpx.TooManyRedirects):
        return IngestError(
            url,
            f"the address redirects more than {max_redirects} times",
            "open it in a browser and give the address it ends at",
        )
    if isinstance(error, httpx.UnsupportedProtocol):
        return IngestError(url, f"leads to an address that is not http or https ({error})")
    if isinstance(error, httpx.ConnectError):
        return IngestError(
            url,
            f"could not connect to {_host(error, url)} ({error})",
            "check the address for typos, and that this computer is online",
        )
    return IngestError(url, f"could not be fetched ({type(error).__name__}: {error})")


def _host(error: httpx.HTTPError, url: str) -> str:
    """The host the failed request went to (after redirects, it may not be ``url``'s)."""
    try:
        return error.request.url.host
    except RuntimeError:  # an error raised before any request was made
        return httpx.URL(url).host
