from __future__ import annotations

from test_families import FAMILIES, trace_record

from provenance.families import SharedSentence, score_families
from provenance.families_text import families_text


def text(record: dict | None = None) -> str:
    said = [
        SharedSentence(
            "The council voted on Tuesday.", "The council voted on Tuesday.", "verbatim"
        ),
        SharedSentence("It rose by 4 per cent.", "It rose by 4%.", "edited"),
    ]
    report = score_families(record or trace_record(), FAMILIES, sentences=lambda s, d: said)
    return families_text(report.as_dict())


def test_the_figures_come_first() -> None:
    lines = text().splitlines()
    assert lines[0] == "2 story families · 9 articles · 6 edges"
    assert "Family pairs        F1 0.667   precision 0.667   recall 0.667" in lines
    assert "6 of 9 joined · 3 missed · 3 false links among 7 member-negative pairs" in lines[3]
    assert "Direction           1 right · 1 wrong · 1 undecided, of 3 known pairs" in lines
    assert "Wire named          1/1 families whose original is absent" in lines
    assert "Uncredited flagged  0/1 labelled uncredited copies" in lines


def test_reliability_by_confidence_and_above_0_9() -> None:
    lines = text().splitlines()
    assert "Edges touching labelled pages: 3 right, 2 wrong, 1 not judged" in lines
    assert "  0.5 - 0.7        1      0%" in lines
    assert "  0.9 - 1.0        2    100%" in lines
    assert "  edges with confidence >= 0.9: 2 judged, share right 100%" in lines


def test_each_mistake_shows_its_edges_once_with_their_sentences() -> None:
    out = text()
    assert "False links (3): a member joined to one of its family's negatives" in out
    assert (
        "  levy: src joined to neg\n    src -> copy\n      verbatim · wholly · 0.95 · credited"
        in out
    )
    assert "      = The council voted on Tuesday." in out
    assert "      < It rose by 4 per cent.\n      > It rose by 4%." in out
    assert out.count("    copy -> neg\n      (shown above)") == 2
    assert "  ferry: w1 (joined to 1 other page) and w3 (joined to 1 other page)" in out
    assert "    wrong: the edges lead from the derived page back to the source" in out
    assert "    hidden:1 (unseen Meridian Wire) -> w1" in out
    assert "  levy: unc, 0 edges into it" in out


def test_lines_fit_100_columns_and_article_text_cannot_drive_the_terminal() -> None:
    record = trace_record()
    record["articles"][1]["name"] = "copy\x1b[2J" + "x" * 150
    record["hidden_sources"][0]["likely_outlet"] = None
    record["hidden_sources"][0]["evidence"][0]["detail"] = "\x1b]0;title\x07shared " * 30
    out = text(record)
    assert "\x1b" not in out and "\x07" not in out
    assert max(len(line) for line in out.splitlines()) <= 100
