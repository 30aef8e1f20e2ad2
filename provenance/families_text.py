"""A story-family evaluation (``FamilyReport.as_dict``) as plain text for a 100-column terminal:
the figures, the reliability of the edges' confidences, then every mistake with the edges
behind it and the sentences those edges rest on. Article text is made safe and shortened."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .diff import clip
from .render import safe

WIDTH = 100
EVIDENCE_SHOWN = 2


def families_text(result: Mapping[str, Any]) -> str:
    """The whole report: figures and reliability first, then the mistakes."""
    mistakes = result["mistakes"]
    shown: set[tuple[str, str]] = set()  # edges written out once; later mentions refer back
    sections = [
        _figures(result),
        _reliability(result),
        _false_links(mistakes["false_links"], shown),
        _missed(mistakes["missed_pairs"]),
        _directions(mistakes["directions"], shown),
        _wires(mistakes["wire_unnamed"], result["figures"]["wire_named"]),
        _uncredited(mistakes["uncredited_unflagged"], shown),
    ]
    if not any(mistakes.values()):
        sections.append(["No mistakes against these families."])
    return "\n\n".join("\n".join(s) for s in sections if s)


def _figures(result: Mapping[str, Any]) -> list[str]:
    f = result["figures"]
    known = f["direction_right"] + f["direction_wrong"] + f["direction_undecided"]
    return [
        f"{result['families']} story families · {f['articles']:,} articles · {f['edges']:,} edges",
        "",
        f"Family pairs        F1 {f['f1']:.3f}   precision {f['precision']:.3f}   "
        f"recall {f['recall']:.3f}",
        f"                    {f['tp']} of {f['family_pairs']} joined · {f['fn']} missed · "
        f"{f['fp']} false links among {f['negative_pairs']} member-negative pairs",
        f"Direction           {f['direction_right']} right · {f['direction_wrong']} wrong · "
        f"{f['direction_undecided']} undecided, of {known} known pairs",
        f"Edges per member    {f['edges_per_member']:.2f}   (a tidy lineage is about 1)",
        f"Wire named          {f['wire_named']} families whose original is absent",
        f"Uncredited flagged  {f['uncredited_flagged']} labelled uncredited copies",
    ]


def _reliability(result: Mapping[str, Any]) -> list[str]:
    counts, confident = result["judged_edges"], result["confident_edges"]
    lines = [
        f"Edges touching labelled pages: {counts['right']} right, {counts['wrong']} wrong, "
        f"{counts['not_judged']} not judged",
    ]
    rows = [r for r in result["reliability"] if r["edges"]]
    if rows:
        lines.append("  confidence    edges   right")
        lines += [
            f"  {r['low']:.1f} - {r['high']:.1f}   {r['edges']:6d}   {100 * r['right']:4.0f}%"
            for r in rows
        ]
    share = "n/a" if confident["right"] is None else f"{100 * confident['right']:.0f}%"
    lines.append(
        f"  edges with confidence >= {confident['confidence_at_least']}: "
        f"{confident['judged']} judged, share right {share}"
    )
    return lines


def _false_links(links: list[Mapping[str, Any]], shown: set[tuple[str, str]]) -> list[str]:
    if not links:
        return []
    lines = [f"False links ({len(links)}): a member joined to one of its family's negatives"]
    for m in links:
        lines.append(_fit(f"  {m['group']}: {m['member']} joined to {m['negative']}"))
        lines += _path(m["path"], shown)
    return lines


def _missed(pairs: list[Mapping[str, Any]]) -> list[str]:
    if not pairs:
        return []
    lines = [f"Missed family pairs ({len(pairs)}): members no chain of edges joins"]
    for m in pairs:
        a, b = (f"{m[k]} ({_joined(m[f'{k}_joined'])})" for k in ("a", "b"))
        lines.append(_fit(f"  {m['group']}: {a} and {b}"))
    return lines


def _joined(others: int) -> str:
    return "alone" if not others else f"joined to {others} other page{'s' * (others != 1)}"


def _directions(mistakes: list[Mapping[str, Any]], shown: set[tuple[str, str]]) -> list[str]:
    if not mistakes:
        return []
    wrong = sum(m["verdict"] == "wrong" for m in mistakes)
    lines = [
        f"Known directions not found ({len(mistakes)}): {wrong} wrong, "
        f"{len(mistakes) - wrong} undecided"
    ]
    for m in mistakes:
        lines.append(_fit(f"  {m['group']}: {m['source']} -> {m['derived']} is known"))
        lines.append(f"    {_direction_verdict(m)}")
        lines += _path(m["path"], shown)
    return lines


def _direction_verdict(m: Mapping[str, Any]) -> str:
    if m["verdict"] == "wrong":
        return "wrong: the edges lead from the derived page back to the source"
    if m["path"]:
        return "undecided: edges join the two, but no chain of them leads either way"
    return "undecided: no edges join the two"


def _wires(families: list[Mapping[str, Any]], named: str) -> list[str]:
    if not families:
        return []
    lines = [f"Wire not named ({named} named): the roots above these families do not name it"]
    for w in families:
        looked_for = ", ".join(w["looked_for"])
        lines.append(_fit(f"  {w['group']}: {w['wire']} (looked for: {looked_for})"))
        if not w["roots"]:
            lines.append("    no roots: every page has an edge leading into it")
        for r in w["roots"]:
            lines += _root(r)
    return lines


def _root(root: Mapping[str, Any]) -> list[str]:
    if root["kind"] == "hidden source":
        outlet = f"likely outlet {root['outlet']}" if root["outlet"] else "no likely outlet"
        head = f"    root {root['node']}: hidden source, {outlet}"
        return [_fit(head), *(_fit(f"      says: {s}") for s in root["says"])]
    outlet, credits = root["outlet"] or "unknown", ", ".join(root["says"]) or "none"
    return [_fit(f"    root {root['node']}: article, outlet {outlet}, credits {credits}")]


def _uncredited(copies: list[Mapping[str, Any]], shown: set[tuple[str, str]]) -> list[str]:
    if not copies:
        return []
    lines = [f"Uncredited copies not flagged ({len(copies)}): no edge from the family says so"]
    for c in copies:
        edges = len(c["edges_in"])
        head = f"  {c['group']}: {c['copy']}, {edges} edge{'s' * (edges != 1)} into it"
        lines.append(_fit(head))
        lines += _path(c["edges_in"], shown)
    return lines


def _path(edges: Iterable[Mapping[str, Any]], shown: set[tuple[str, str]]) -> list[str]:
    lines = []
    for e in edges:
        key = (e["source"], e["derived"])
        lines.append(_fit(f"    {_end(e, 'source')} -> {_end(e, 'derived')}"))
        if key in shown:
            lines.append("      (shown above)")
            continue
        shown.add(key)
        lines += _edge_body(e)
    return lines


def _end(edge: Mapping[str, Any], end: str) -> str:
    outlet = edge[f"{end}_outlet"]
    if edge[end].startswith("hidden:"):
        return f"{edge[end]} (unseen {outlet or 'source'})"
    return edge[end]


def _edge_body(e: Mapping[str, Any]) -> list[str]:
    """An edge's verdict, its first reasons and the sentences it rests on: ``=`` a sentence
    both have, ``<`` the source's wording and ``>`` the derived page's where they differ."""
    credit = {True: "credited", False: "not credited", None: "credit unknown"}[e["credited"]]
    verdict = " · ".join(str(x) for x in (e["manner"], e["extent"]) if x)
    lines = [_fit(f"      {verdict} · {e['confidence']:.2f} · {credit}")]
    lines += [_fit(f"      {x['kind']}: {x['detail']}") for x in e["evidence"][:EVIDENCE_SHOWN]]
    if e["sentences"] and e["sentences_with"]:
        lines.append(_fit(f"      shared with {e['sentences_with']}:"))
    for s in e["sentences"]:
        if s["source"] == s["derived"]:
            lines.append(_fit(f"      = {s['source']}"))
        else:
            lines += [_fit(f"      < {s['source']}"), _fit(f"      > {s['derived']}")]
    return lines


def _fit(line: str) -> str:
    """A line made safe (it holds text from articles and labels) and cut to the width at a
    word, its indent kept."""
    body = line.lstrip(" ")
    indent = len(line) - len(body)
    return " " * indent + clip(safe(body), WIDTH - indent)
