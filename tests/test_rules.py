"""Tests for provenance.rules: the named heuristics that can be switched off, and the CLI
that lists them and runs without them."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from provenance import rules
from provenance.cli import cli
from provenance.errors import ProvenanceError
from provenance.model import Article
from provenance.pipeline import input_signature

KEBAB = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
LISTED = rules.listed()
NAMES = [r.name for r in LISTED]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


# --- the register -----------------------------------------------------------------------------


def test_every_stage_registers_rules_and_names_are_unique():
    assert len(NAMES) == len(set(NAMES))
    assert {r.stage for r in LISTED} >= {"segment", "direction", "graph"}
    # the rules this project's tests lean on are registered under these names
    assert {"copied-wording", "site-names", "own-lede", "dates", "dense-hidden"} <= set(NAMES)


@pytest.mark.parametrize("rule", LISTED, ids=NAMES)
def test_each_rule_has_a_kebab_name_a_stage_and_a_one_line_summary(rule):
    assert KEBAB.match(rule.name), rule.name
    assert rule.stage in ("segment", "align", "direction", "graph")
    assert rule.summary.strip() == rule.summary and rule.summary
    assert "\n" not in rule.summary


@pytest.mark.parametrize("name", ["Copied-Wording", "copied_wording", "copied wording", "-x", ""])
def test_names_that_are_not_kebab_case_are_told_apart(name):
    assert not KEBAB.match(name)


def test_listed_is_by_stage_then_name():
    order = {"segment": 0, "align": 1, "direction": 2, "graph": 3}
    ranked = sorted(LISTED, key=lambda r: (order[r.stage], r.name))
    assert [r.name for r in ranked] == NAMES


def test_a_name_registered_twice_is_refused():
    with pytest.raises(ValueError, match="copied-wording"):
        rules.rule("copied-wording", "direction", "again")
    assert rules.RULES["copied-wording"].summary != "again"


# --- without ----------------------------------------------------------------------------------


def test_without_switches_a_rule_off_for_the_block_only():
    rule = rules.RULES["copied-wording"]
    assert rule.on and rules.switched_off() == frozenset()
    with rules.without(["copied-wording"]):
        assert not rule.on
        assert rules.switched_off() == {"copied-wording"}
        assert rules.RULES["site-names"].on  # the others stay on
    assert rule.on and rules.switched_off() == frozenset()


def test_without_nests_and_restores_the_state_before_it():
    with rules.without(["dates"]):
        with rules.without(["site-names", "dates"]):
            assert rules.switched_off() == {"dates", "site-names"}
        assert rules.switched_off() == {"dates"}
        with rules.without([]):  # nothing to switch off
            assert rules.switched_off() == {"dates"}
    assert rules.switched_off() == frozenset()


def test_without_restores_the_state_after_an_exception():
    with pytest.raises(RuntimeError), rules.without(["own-lede"]):
        assert not rules.RULES["own-lede"].on
        raise RuntimeError("boom")
    assert rules.RULES["own-lede"].on
    assert rules.switched_off() == frozenset()


def test_without_an_unknown_rule_raises_naming_it_and_changes_nothing():
    with (
        pytest.raises(ProvenanceError, match="no-such-rule") as raised,
        rules.without(["dates", "no-such-rule"]),
    ):
        pass  # pragma: no cover
    assert "dates" not in str(raised.value)  # it names what is wrong, not what is fine
    assert "provenance rules" in str(raised.value)  # and where to look
    assert rules.switched_off() == frozenset()
    assert rules.unknown(["dates", "no-such-rule"]) == ["no-such-rule"]


def test_the_input_signature_changes_with_the_rules_switched_off():
    articles = [Article(id="x", name="x.txt", text="Some text.")]
    plain = input_signature(articles)
    with rules.without(["copied-wording"]):
        inside = input_signature(articles)
        with rules.without(["witnesses"]):
            deeper = input_signature(articles)
    assert len({plain, inside, deeper}) == 3
    assert input_signature(articles) == plain


# --- the CLI ----------------------------------------------------------------------------------


def test_cli_rules_lists_every_rule_by_stage():
    code, out, _ = run("rules")
    assert code == 0
    for r in LISTED:
        assert re.search(rf"^  {re.escape(r.name)}\s+\S", out, re.MULTILINE), r.name
    stages = [line[:-1] for line in out.splitlines() if not line.startswith(" ")]
    assert stages == [s for s in ("segment", "align", "direction", "graph") if s in stages]


def test_cli_rules_json_gives_every_rule_as_a_record():
    code, out, _ = run("rules", "--json")
    assert code == 0
    records = json.loads(out)
    assert [r["name"] for r in records] == NAMES
    assert all(set(r) == {"name", "stage", "summary"} for r in records)


def test_cli_eval_runs_without_a_rule():
    code, out, err = run("eval", str(FIXTURES / "seeds"), "--without", "copied-wording", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["pairs"] == 10
    assert rules.switched_off() == frozenset()  # the command switched it back on


def test_cli_eval_without_an_unknown_rule_fails_in_one_line():
    code, out, err = run("eval", str(FIXTURES / "seeds"), "--without", "nope")
    assert code != 0
    assert out == ""
    assert err.strip().count("\n") == 0
    assert err.startswith("Error: ") and "nope" in err and "provenance rules" in err
