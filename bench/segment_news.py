"""How the segmenter reads real scraped news pages, written to bench/results/segment_news.md.

    python bench/segment_news.py ../shared/data

On news-dev (381 pages with their page clutter, no dates in the metadata):

- credits: for each family in families.json, each member whose text names the family's wire
  ("AP" or "Associated Press", "Reuters", ...): do the segmented article's credits name it
  (or, on the wire's own page, its site: cnn.com is CNN)?
- dates: how many pages get a published date from a printed line, at what precision, and a
  sample of 20 (page, the line it came from, the value) to check by hand against the page;
- datelines: how many pages get one, and every value, so that bogus ones show;
- clutter: body sentences of fewer than 4 words with no sentence-ending punctuation.

Then the same figures with each segment rule switched off in turn: what each rule earns.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from provenance import segment as segment_module
from provenance.ingest import ingest
from provenance.model import Article, Document
from provenance.rules import RULES, without
from provenance.tokens import outlet_key

HERE = Path(__file__).resolve().parent
SAMPLE = 20

# The names a family's wire goes by in a text; other wires are looked for literally.
WIRE_NAMES = {
    "AP": ("AP", "Associated Press"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "Washington Post": ("Washington Post",),
    "ZeroHedge": ("ZeroHedge", "Zero Hedge"),
}
_TERMINAL = re.compile(r"[.!?…\"”’')\]:;]$")


@dataclass(frozen=True)
class Figures:
    credited: int
    naming: int
    dated: int
    precisions: Counter[str]
    datelines: int
    clutter: int
    sentences: int


def squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def names_wire(text: str, wire: str) -> bool:
    """Whether the page's text names the wire: acronyms as words in capitals, names in any case."""
    for name in WIRE_NAMES.get(wire, (wire,)):
        flags = 0 if name.isupper() else re.IGNORECASE
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, flags):
            return True
    return False


def credits_wire(doc: Document, wire: str) -> bool:
    """Whether the segmented article names the wire as a credit, or is the wire's own page."""
    names = WIRE_NAMES.get(wire, (wire,))
    keys = {outlet_key(n) for n in names}
    if any(outlet_key(c) in keys for c in doc.article.credits):
        return True
    site = squash((doc.article.outlet or "").split(".")[0])
    return any(site == squash(n) for n in names)


def clutter(doc: Document) -> list[str]:
    return [
        s.text for s in doc.sentences if len(s.text.split()) < 4 and not _TERMINAL.search(s.text)
    ]


def segment_all(articles: Iterable[Article]) -> dict[str, Document]:
    """Segmented as the pipeline does: each article, then boilerplate across an outlet's."""
    docs = segment_module.mark_boilerplate([segment_module.segment(a) for a in articles])
    return {d.name: d for d in docs}


def figures(docs: dict[str, Document], families: list[dict[str, object]]) -> Figures:
    credited = naming = 0
    for family in families:
        wire = str(family["wire"])
        for member in family["members"]:  # type: ignore[attr-defined]
            doc = docs.get(member)
            if doc is None or not names_wire(doc.article.text, wire):
                continue
            naming += 1
            credited += credits_wire(doc, wire)
    dated = [d for d in docs.values() if d.article.published]
    return Figures(
        credited=credited,
        naming=naming,
        dated=len(dated),
        precisions=Counter(str(d.article.date_precision) for d in dated),
        datelines=sum(bool(d.article.dateline) for d in docs.values()),
        clutter=sum(len(clutter(d)) for d in docs.values()),
        sentences=sum(len(d.sentences) for d in docs.values()),
    )


def date_line(doc: Document) -> str:
    """The printed line the article's date was read from (a metadata field)."""
    read = getattr(segment_module, "printed_date", None)
    for f in doc.fields:
        if (
            f.kind in ("metadata", "credit")
            and read
            and (got := read(f.text))
            and got[0] == doc.article.published
        ):
            return f.text
    return "?"


def credit_rows(docs: dict[str, Document], families: list[dict[str, object]]) -> list[str]:
    rows = []
    for family in families:
        wire = str(family["wire"])
        for member in family["members"]:  # type: ignore[attr-defined]
            doc = docs.get(member)
            if doc is None:
                continue
            named = names_wire(doc.article.text, wire)
            got = credits_wire(doc, wire)
            mark = "yes" if got else "**no**" if named else "-"
            credits = ", ".join(doc.article.credits) or ""
            rows.append(f"| {family['group']} | {member} | {wire} | {named} | {mark} | {credits} |")
    return rows


def summary(f: Figures) -> str:
    precision = ", ".join(f"{k} {v}" for k, v in sorted(f.precisions.items()))
    return (
        f"{f.credited}/{f.naming} | {f.dated} ({precision or '-'}) | {f.datelines} | "
        f"{f.clutter} of {f.sentences}"
    )


def rule_rows(articles: list[Article], families: list[dict[str, object]]) -> list[str]:
    """The figures with the page rules all off (the segmenter before them), then with each
    segment rule off in turn."""
    page_rules = [r.name for r in segment_module.PAGE_RULES]
    with without(page_rules):
        rows = [f"| without the {len(page_rules)} page rules (as before them) | "
                f"{summary(figures(segment_all(articles), families))} |"]  # fmt: skip
    for name, rule in RULES.items():
        if rule.stage == "segment":
            with without([name]):
                rows.append(
                    f"| without {name} | {summary(figures(segment_all(articles), families))} |"
                )
    return rows


def date_rows(docs: dict[str, Document]) -> list[str]:
    dated = sorted((d for d in docs.values() if d.article.published), key=lambda d: d.name)
    step = max(1, len(dated) // SAMPLE)
    rows = ["", f"## Dates: a sample of {SAMPLE} of {len(dated)}", ""]
    rows += ["| page | printed line | published |", "|---|---|---|"]
    for d in dated[::step][:SAMPLE]:
        line = " ".join(date_line(d).split()).replace("|", "\\|")[:100]
        rows.append(f"| {d.name} | {line} | {d.article.published} |")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "segment_news.md")
    args = parser.parse_args()
    folder = args.data / "news-dev"
    families = json.loads((folder / "families.json").read_text(encoding="utf-8"))
    articles = list(ingest([folder / "articles.jsonl"]))
    docs = segment_all(articles)
    now = figures(docs, families)
    table = [
        "| rules | credited | dated (precision) | datelines | clutter |",
        "|---|---|---|---|---|",
        f"| all on | {summary(now)} |",
        *rule_rows(articles, families),
    ]
    lines = [
        "# Segmenting real news pages (news-dev)",
        "",
        "Regenerate with `python bench/segment_news.py ../shared/data`.",
        "",
        "credited: members of a family whose text names the family's wire and whose",
        "segmented credits name it (or that are the wire's own page); dated: pages with a",
        "published date read from a printed line; datelines: pages with one; clutter: body",
        "sentences of fewer than 4 words with no sentence-ending punctuation.",
        "",
        *table,
        "",
        "## Credits, member by member",
        "",
        "| family | member | wire | text names it | credited | credits |",
        "|---|---|---|---|---|---|",
        *credit_rows(docs, families),
        *date_rows(docs),
        "",
        f"## Datelines: {now.datelines} pages",
        "",
    ]
    values = Counter(d.article.dateline for d in docs.values() if d.article.dateline)
    lines += [", ".join(f"{v} ({n})" if n > 1 else str(v) for v, n in sorted(values.items()))]
    lines += ["", "## Short clutter left in the body", ""]
    left = Counter(t for d in docs.values() for t in clutter(d))
    lines += [", ".join(f"{t!r} ({n})" if n > 1 else repr(t) for t, n in left.most_common(80))]
    lines.append("")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(table[:4]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
