"""How well HTML ingest reads real news pages, written to bench/results/html_pages.md.

    python bench/html_pages.py ../shared/data

For each saved page X.html under html-pages/ with an X.expected.json beside it: are all the
expected body snippets in the extracted text, is none of the boilerplate, and are title,
author and date right (scored only where the expected file gives them). Title and author are
compared without case, spaces and punctuation; "A and B" counts as "A; B". The date is
compared by its day.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from provenance.errors import IngestError
from provenance.ingest import ingest
from provenance.model import Article
from provenance.segment import segment

HERE = Path(__file__).resolve().parent
CHECKS = ("body", "no boilerplate", "title", "author", "date")


def squash(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "", (text or "").lower().replace(" and ", ";"))


def read(page: Path) -> Article | None:
    try:
        return segment(next(iter(ingest([page])))).article
    except (IngestError, StopIteration):
        return None


def check(page: Path, expected: dict[str, object]) -> dict[str, bool | None]:
    article = read(page)
    text = " ".join((article.text if article else "").split())
    has = [" ".join(str(s).split()) in text for s in expected.get("expected_with_snippets", [])]
    not_has = [
        " ".join(str(s).split()) not in text for s in expected.get("expected_without_snippets", [])
    ]
    result: dict[str, bool | None] = {
        "body": bool(article) and all(has),
        "no boilerplate": bool(article) and all(not_has),
    }
    for key, got in (
        ("title", article.title if article else None),
        ("author", article.byline if article else None),
    ):
        want = expected.get(key)
        result[key] = None if not want else squash(got) == squash(str(want))
    want_date = expected.get("date")
    got_date = (article.published or "")[:10] if article else ""
    result["date"] = None if not want_date else got_date == str(want_date)[:10]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "html_pages.md")
    args = parser.parse_args()
    rows, totals = [], {c: [0, 0] for c in CHECKS}
    for expected_file in sorted((args.data / "html-pages").glob("*.expected.json")):
        page = expected_file.with_name(expected_file.name.replace(".expected.json", ".html"))
        result = check(page, json.loads(expected_file.read_text(encoding="utf-8")))
        for c in CHECKS:
            if result[c] is not None:
                totals[c][0] += bool(result[c])
                totals[c][1] += 1
        marks = ["yes" if result[c] else "-" if result[c] is None else "**no**" for c in CHECKS]
        rows.append(f"| {page.name} | " + " | ".join(marks) + " |")
    summary = " | ".join(f"{ok}/{n}" for ok, n in totals.values())
    lines = [
        "# HTML ingest on real news pages",
        "",
        "Regenerate with `python bench/html_pages.py ../shared/data`.",
        "",
        "| page | " + " | ".join(CHECKS) + " |",
        "|---|" + "---|" * len(CHECKS),
        f"| **right** | {summary} |",
        *rows,
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines))
    print("\n".join(lines[:7]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
