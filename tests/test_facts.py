"""A changed number, name or quotation is decided once by the trace and kept on the edge."""

from __future__ import annotations

from pathlib import Path

from provenance.model import Article
from provenance.pipeline import trace

SEED = Path(__file__).parent.parent / "fixtures" / "seeds" / "002.txt"


def _pair() -> tuple[Article, Article]:
    text = SEED.read_text(encoding="utf-8")
    changed = text.replace("47th", "46th").replace("Peskov", "Peskow")
    assert changed != text
    return (
        Article(id="orig", name="orig.txt", text=text, published="2025-10-26"),
        Article(id="copy", name="copy.txt", text=changed, published="2025-10-28"),
    )


def test_a_copy_that_changed_facts_carries_them_on_its_edge() -> None:
    graph = trace(list(_pair()))
    (edge,) = graph.edges
    facts = [e for e in edge.evidence if e.kind == "facts"]
    assert len(facts) == 1
    # read from the source to the copy, each fact once
    assert "“47th” became “46th”" in facts[0].detail
    assert "“Peskov” became “Peskow”" in facts[0].detail
    assert facts[0].weight == 0
    assert edge.manner != "verbatim"


def test_an_unchanged_copy_has_no_facts() -> None:
    orig, _ = _pair()
    copy = Article(id="copy", name="copy.txt", text=orig.text, published="2025-10-28")
    (edge,) = trace([orig, copy]).edges
    assert not [e for e in edge.evidence if e.kind == "facts"]
    assert edge.manner == "verbatim"
