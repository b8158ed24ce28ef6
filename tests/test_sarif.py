"""`validate --format sarif`: SARIF 2.1.0 that the official schema accepts and GitHub code scanning can read.

The schema is vendored in tests/sarif/ (see the README there for where it comes from).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ccm_plan.outputs.rules_doc import catalogue
from ccm_plan.outputs.sarif import artifact_uri
from conftest import ROOT, edit, line_of, run_cli

SCHEMA = json.loads((ROOT / "tests" / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
VALIDATOR_CLASS = jsonschema.validators.validator_for(SCHEMA)
VALIDATOR = VALIDATOR_CLASS(SCHEMA, format_checker=VALIDATOR_CLASS.FORMAT_CHECKER)


def sarif_errors(document: Any) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in VALIDATOR.iter_errors(document)]


def validate_sarif(*args: str | Path, cwd: Path = ROOT) -> tuple[int, dict[str, Any]]:
    run = run_cli("validate", *args, "--format", "sarif", cwd=cwd)
    assert run.stderr == ""
    return run.code, json.loads(run.stdout)


def test_the_vendored_schema_is_sarif_2_1_0_and_rejects_a_bad_log() -> None:
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]
    assert sarif_errors({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]})  # driver needs a name
    assert sarif_errors({"version": "2.0.0", "runs": []})


def test_shipped_data_sarif_is_valid_and_locates_both_warnings() -> None:
    code, log = validate_sarif("data")
    assert code == 0
    assert sarif_errors(log) == []
    run = log["runs"][0]
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("rates", "warning"),
        ("explained-variance", "warning"),
    ]
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "data/budget.yaml"
    budget = ROOT / "data" / "budget.yaml"
    assert location["region"]["startLine"] == line_of(budget, "2023: 69176")
    line = budget.read_text(encoding="utf-8").splitlines()[location["region"]["startLine"] - 1]
    assert line[location["region"]["startColumn"] - 1 :].startswith("69176")
    assert results[0]["properties"]["subject"] == "social-security/2023"
    assert "\nfix: " in results[0]["message"]["text"]


def test_driver_lists_every_rule_with_its_documentation() -> None:
    _, log = validate_sarif("data")
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "ccm-plan"
    docs = catalogue()
    assert [rule["id"] for rule in driver["rules"]] == [doc.id for doc in docs]
    for rule, doc in zip(driver["rules"], docs, strict=True):
        assert rule["shortDescription"]["text"] == doc.summary
        assert rule["defaultConfiguration"]["level"] == str(doc.severity)
        assert "Passes" in rule["help"]["text"] and "Fails" in rule["help"]["text"]
        assert "```yaml" in rule["help"]["markdown"]
    for result in log["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_errors_and_accepted_findings(shipped_plan: Path) -> None:
    budget = shipped_plan / "budget.yaml"
    edit(budget, "  plan: 2940552", "  plan: 2940000")
    edit(
        budget,
        "waivers: []",
        "waivers:\n  - {rule: rates, subject: social-security/2023, reason: adopted as printed}",
    )
    code, log = validate_sarif(shipped_plan, cwd=shipped_plan.parent)
    assert code == 1  # the same exit code as every other format
    assert sarif_errors(log) == []
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    assert results["stated-totals"]["level"] == "error"
    assert results["stated-totals"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "data/budget.yaml"
    )
    accepted = results["rates"]
    assert accepted["suppressions"] == [
        {"kind": "inSource", "status": "accepted", "justification": "adopted as printed"}
    ]
    assert accepted["message"]["text"].endswith("\naccepted: adopted as printed")
    assert "suppressions" not in results["stated-totals"]


def test_schema_errors_are_results_too(shipped_plan: Path) -> None:
    edit(shipped_plan / "budget.yaml", "cost_type: staff", "cost_type: staf")
    code, log = validate_sarif(shipped_plan, cwd=shipped_plan.parent)
    assert code == 1
    assert sarif_errors(log) == []
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["schema"]


@pytest.mark.parametrize(
    ("file", "uri"),
    [
        ("data/budget.yaml", "data/budget.yaml"),
        ("plans/my plan/budget.yaml", "plans/my%20plan/budget.yaml"),
        ("../other/budget.yaml", "../other/budget.yaml"),
        ("/srv/plans/budget.yaml", "file:///srv/plans/budget.yaml"),
    ],
)
def test_artifact_uris_are_uri_references(file: str, uri: str) -> None:
    assert artifact_uri(file) == uri
