"""Labels a person reads, and names a shell can take."""

from __future__ import annotations

from provenance.labels import ID_PREFIX, command_ref, is_web, label, labels
from provenance.model import Article


def _art(id_: str, name: str, **kw: object) -> Article:
    return Article(id=id_, name=name, text="x", **kw)  # type: ignore[arg-type]


def test_a_file_keeps_its_name() -> None:
    a = _art("a" * 16, "seeds/002.txt", outlet="Anadolu Agency", title="Kremlin says")
    assert not is_web(a)
    assert label(a) == "seeds/002.txt"
    assert command_ref(a, [a]) == "seeds/002.txt"


def test_a_web_page_is_called_by_outlet_and_headline_never_its_url() -> None:
    url = "https://harbourwire.example.com/2025/06/port-strike-ends-after-nine-days.html"
    a = _art("b" * 16, url, outlet="Harbour Wire", title="Port strike ends after nine days")
    assert is_web(a)
    assert label(a) == "Harbour Wire: Port strike ends after nine days"
    assert "https://" not in label(a)
    # a URL is no name to type: the id prefix is
    assert command_ref(a, [a]) == "b" * ID_PREFIX


def test_a_page_without_headline_or_outlet_reads_its_host_and_path() -> None:
    a = _art("c" * 16, "https://www.example.org/news/port-strike-ends/")
    assert label(a) == "example.org: Port strike ends"


def test_a_headline_that_names_its_outlet_is_not_named_twice() -> None:
    a = _art("d" * 16, "https://x.example/a", outlet="Reuters", title="Reuters: Oil rises")
    assert label(a) == "Reuters: Oil rises"


def test_long_labels_are_cut_at_a_word() -> None:
    title = "A very long headline that goes on and on about the port strike and its end"
    a = _art("e" * 16, "https://x.example/a", outlet="Wire", title=title)
    text = label(a, most=40)
    assert len(text) <= 40 and text.endswith("…")
    assert text[:-1].rstrip() in f"Wire: {title}"


def test_labels_that_would_read_the_same_get_their_id() -> None:
    one = _art("1234567890", "https://x.example/a", outlet="Wire", title="Same")
    two = _art("abcdef0123", "https://x.example/b", outlet="Wire", title="Same")
    got = labels([one, two])
    assert got[one.id] != got[two.id]
    assert got[two.id].endswith("abcdef")


def test_an_id_prefix_grows_until_it_names_one_article() -> None:
    one = _art("abcdef01", "https://x.example/a")
    two = _art("abcdef02", "https://x.example/b")
    assert command_ref(one, [one, two]) == "abcdef01"
    assert command_ref(_art("zz", "a b.txt"), []) == "zz"  # a name with a space is no ref
