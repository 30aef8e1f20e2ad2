"""What to call an article on a screen, and what to type to name it in a command.

A file is called by its name (``002.txt``): short, unique in its folder, and what the commands
take. A page read from the web is called by its outlet and headline ("Harbour Wire: Port
strike ends after 9 days"), never by its URL, which stays a link. Where two labels would read
the same, the later ones get the start of their id ("… · 3fa9c2"), so every label names one
article. ``command_ref`` gives a name a shell can take unquoted where one exists, else the
shortest id prefix the store accepts.

Pure functions over the data model: no I/O, no Rich, no click, no SQL.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlsplit

from .model import Article

__all__ = ["ID_PREFIX", "LABEL_MOST", "command_ref", "is_web", "label", "labels"]

ID_PREFIX = 6  # the shortest id prefix ``Store.find_article`` accepts
LABEL_MOST = 60  # characters a label takes at most

_SHELL_SAFE = re.compile(r"[\w./@%+=:,-]+")


def is_web(article: Article) -> bool:
    """Was the article named by a web address (a URL, read from the web or a WARC)?"""
    return article.name.startswith(("http://", "https://"))


def _clip(text: str, most: int) -> str:
    text = " ".join(text.split())
    if len(text) <= most:
        return text
    cut = text[: most - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[most // 2 :] else cut).rstrip(" ,;:-") + "…"


def _host(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _last_part(url: str) -> str:
    """The last readable part of a URL's path: ``/2025/06/port-strike-ends.html`` -> "port
    strike ends"."""
    path = urlsplit(url).path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    last = re.sub(r"\.(s?html?|php|aspx?)$", "", last)
    words = re.sub(r"[-_+]+", " ", last).strip()
    return words[:1].upper() + words[1:] if re.search(r"[^\W\d_]{3}", words) else ""


def label(article: Article, most: int = LABEL_MOST) -> str:
    """The article's label on its own (``labels`` makes a set of them unique)."""
    if not is_web(article):
        return _clip(article.name, most)
    outlet = article.outlet or _host(article.name)
    about = article.title or _last_part(article.name)
    if not about:
        return _clip(f"{outlet} · {_host(article.name)}", most)
    if outlet.casefold() in about.casefold()[: len(outlet) + 3]:
        return _clip(about, most)
    return _clip(f"{outlet}: {about}", most)


def labels(articles: Iterable[Article], most: int = LABEL_MOST) -> dict[str, str]:
    """id -> label for a set of articles, each label naming one article."""
    arts = list(articles)
    base = {a.id: label(a, most) for a in arts}
    counts = Counter(base.values())
    out: dict[str, str] = {}
    for a in arts:
        text = base[a.id]
        if counts[text] > 1:
            text = f"{_clip(text, most - ID_PREFIX - 3)} · {a.id[:ID_PREFIX]}"
        out[a.id] = text
    return out


def command_ref(article: Article, articles: Iterable[Article] = ()) -> str:
    """What to type to name the article in ``show``, ``diff`` or ``find``: its name where the
    name is short, safe in a shell and unique among ``articles``; else an id prefix long
    enough to name it alone (never shorter than ``ID_PREFIX``)."""
    others = [a for a in articles if a.id != article.id]
    name = article.name
    unique = not any(a.name == name for a in others)
    if not is_web(article) and unique and len(name) <= 40 and _SHELL_SAFE.fullmatch(name):
        return name
    n = ID_PREFIX
    while n < len(article.id) and any(a.id.startswith(article.id[:n]) for a in others):
        n += 1
    return article.id[:n]
