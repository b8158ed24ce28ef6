"""Rules as documentation: every finding id is listed, documented with examples, and docs/rules.md is current.

Regenerate docs/rules.md with `ccm-plan rules --format markdown --output docs/rules.md`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ccm_plan.outputs.rules_doc import REGENERATE, RuleDoc, catalogue, render_markdown
from ccm_plan.read.source import load
from ccm_plan.rules import READING_RULES, RULES, SOURCE_RULES
from conftest import ROOT, copy_plan, edit, found, run_cli

KEBAB = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
DOCS = catalogue()


def test_rule_ids_are_unique_and_kebab_case() -> None:
    ids = [doc.id for doc in DOCS]
    assert len(ids) == len(set(ids)), ids
    assert [i for i in ids if not KEBAB.match(i)] == []
    assert ids == [rule.id for rule in RULES] + [rule.id for rule in READING_RULES]
    assert {rule.id: rule.summary for rule in READING_RULES} == SOURCE_RULES


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.id)
def test_every_rule_is_documented_with_a_passing_and_a_failing_example(doc: RuleDoc) -> None:
    docstrings = {r.id: r.doc for r in RULES} | {r.id: r.doc for r in READING_RULES}
    assert docstrings[doc.id].lstrip().startswith(f"{doc.id}: "), "the docstring's first line starts with the rule id"
    assert doc.summary.endswith("."), "the summary is one sentence"
    assert len(doc.description.split()) >= 8, "the docstring says what the rule checks and why"
    assert doc.passes and all(example.text.strip() for example in doc.passes), "a Passes:: example"
    assert doc.fails and all(example.text.strip() for example in doc.fails), "a Fails:: example"


def test_docs_rules_md_is_current() -> None:
    page = ROOT / "docs" / "rules.md"
    assert page.is_file(), f"docs/rules.md is missing: run `{REGENERATE}`"
    assert page.read_text(encoding="utf-8") == render_markdown(DOCS), (
        f"docs/rules.md is stale (a rule or its docstring changed): run `{REGENERATE}` and commit it"
    )


def test_rules_md_shows_each_rule_with_its_examples() -> None:
    page = render_markdown(DOCS)
    for doc in DOCS:
        assert f"| [`{doc.id}`](#{doc.id}) | {doc.severity} |" in page
        section = page.split(f"\n### {doc.id}\n", 1)[1].split("\n### ", 1)[0]
        assert "**Passes" in section and "**Fails" in section
        for example in doc.examples:
            assert f"```yaml\n{example.text}\n```" in section


def test_rules_command_lists_every_rule_with_severity() -> None:
    run = run_cli("rules")
    assert run.code == 0, run.stderr
    rows = [line.split(None, 2) for line in run.stdout.splitlines()]
    assert [(row[0], row[1]) for row in rows] == [(doc.id, str(doc.severity)) for doc in DOCS]
    assert rows[0][2] == DOCS[0].summary


def test_rules_command_json() -> None:
    run = run_cli("rules", "--format", "json")
    assert run.code == 0, run.stderr
    listed = json.loads(run.stdout)
    assert [(r["id"], r["severity"], r["stage"]) for r in listed] == [(d.id, str(d.severity), d.stage) for d in DOCS]
    assert {e["label"] for e in listed[0]["examples"]} == {"Passes", "Fails"}


def test_rules_command_writes_the_markdown_page(tmp_path: Path) -> None:
    run = run_cli("rules", "--format", "markdown", "--output", tmp_path / "rules.md")
    assert run.code == 0, run.stderr
    assert (tmp_path / "rules.md").read_text(encoding="utf-8") == render_markdown(DOCS)


# The examples of the findings made while reading are whole YAML snippets: run them through the reader.
@pytest.mark.parametrize("rule_id", ["yaml-syntax", "yaml-duplicate-key", "yaml-tag", "yaml-limit"])
def test_reading_rule_examples_do_what_they_say(rule_id: str, tmp_path: Path) -> None:
    doc = next(d for d in DOCS if d.id == rule_id)
    for example in doc.examples:
        path = tmp_path / f"{example.label}.yaml"
        path.write_text(example.text + "\n", encoding="utf-8")
        rules = [problem.rule for problem in load(path).problems]
        if example.label == "Passes":
            assert rules == [], (example.text, rules)
        else:
            assert rules == [rule_id], (example.text, rules)


def test_schema_example_fails_as_documented(tmp_path: Path) -> None:
    from conftest import MINIMAL

    plan = copy_plan(MINIMAL, tmp_path / "plan")
    budget = plan / "budget.yaml"
    text = budget.read_text(encoding="utf-8")
    first_amounts = re.search(r"^(\s*)amounts:", text, re.MULTILINE)
    assert first_amounts
    edit(budget, first_amounts.group(0), first_amounts.group(0).replace("amounts", "ammounts"))
    assert {rule for rule, *_ in found(plan)} == {"schema"}
