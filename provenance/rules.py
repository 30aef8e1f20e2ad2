"""Named rules: every heuristic of segment, direction and graph that can be switched off.

A rule is registered once, where it is used, with the stage it belongs to and one line that
says what it does; the code asks ``RULE.on`` before applying it. ``without(...)`` switches
rules off for a block (``provenance eval --without NAME``; ``bench/rules.py`` switches each
off in turn and reports what the engine loses on the real dev sets without it). A rule
that earns nothing on real data is deleted, not left switched on.

Worker processes forked inside a ``without`` block inherit it; an engine that sends work to
other machines passes ``Settings.without`` along and enters the block there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from .errors import ProvenanceError

Stage = Literal["segment", "align", "direction", "graph"]

_OFF: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Rule:
    """One named heuristic: what it is called, the stage that applies it, what it does."""

    name: str
    stage: Stage
    summary: str

    @property
    def on(self) -> bool:
        """Whether the rule applies now (it is not switched off by ``without``)."""
        return self.name not in _OFF


RULES: dict[str, Rule] = {}


def rule(name: str, stage: Stage, summary: str) -> Rule:
    """Register a rule under ``name`` (once, at import time) and return it."""
    if name in RULES:
        raise ValueError(f"rule {name!r} is registered twice")
    RULES[name] = Rule(name, stage, summary)
    return RULES[name]


def listed() -> list[Rule]:
    """Every rule, by stage and name."""
    _load_all()
    order = {"segment": 0, "align": 1, "direction": 2, "graph": 3}
    return sorted(RULES.values(), key=lambda r: (order[r.stage], r.name))


def unknown(names: Iterable[str]) -> list[str]:
    """The names among ``names`` that are no rule."""
    _load_all()
    return sorted(n for n in names if n not in RULES)


@contextmanager
def without(names: Iterable[str]) -> Iterator[None]:
    """Switch the named rules off inside the block."""
    global _OFF
    names = frozenset(names)
    if names <= _OFF:  # nothing more to switch off (the usual case: none at all)
        yield
        return
    if bad := unknown(names):
        raise ProvenanceError(f"no rule is called {', '.join(bad)} (`provenance rules` lists them)")
    before = _OFF
    _OFF = before | names
    try:
        yield
    finally:
        _OFF = before


def switched_off() -> frozenset[str]:
    """The rules switched off now."""
    return _OFF


def _load_all() -> None:
    """Import the stages, which register their rules."""
    from . import direction, graph, segment  # noqa: F401
