"""JSON Schemas for editors: generated from the models, committed under schema/, and agreeing with the data.

Regenerate the committed schemas with `ccm-plan schema --output schema`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ccm_plan.outputs.schema import KINDS, file_name, render
from conftest import DATA, MINIMAL, ROOT, edit, found, run_cli

SCHEMAS = ROOT / "schema"
REGENERATE = "ccm-plan schema --output schema"


def check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    """Run check-jsonschema as CI and pre-commit users run it (its own YAML reader, its own validator)."""
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("kind", list(KINDS))
def test_committed_schema_is_current(kind: str) -> None:
    committed = SCHEMAS / file_name(kind)
    assert committed.is_file(), f"{committed} is missing: run `{REGENERATE}`"
    assert committed.read_text(encoding="utf-8") == render(kind), (
        f"{committed.relative_to(ROOT)} is stale (the models changed): run `{REGENERATE}` and commit it"
    )


def test_shipped_data_names_its_schema_on_the_first_line() -> None:
    for path in sorted(DATA.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = "budget" if path.name.startswith("budget") else "workplan"
        assert first == f"# yaml-language-server: $schema=../schema/{kind}.schema.json", path
        assert (path.parent / first.split("=", 1)[1]).resolve().is_file()


def test_check_jsonschema_accepts_the_shipped_data_and_the_fixture() -> None:
    budget = check_jsonschema(SCHEMAS / "budget.schema.json", DATA / "budget.yaml", MINIMAL / "budget.yaml")
    assert budget.returncode == 0, budget.stdout + budget.stderr
    workplan = check_jsonschema(
        SCHEMAS / "workplan.schema.json", DATA / "workplan-2021-2026.yaml", MINIMAL / "workplan.yaml"
    )
    assert workplan.returncode == 0, workplan.stdout + workplan.stderr


def test_check_jsonschema_rejects_what_the_model_rejects(shipped_plan: Path) -> None:
    budget = shipped_plan / "budget.yaml"
    edit(budget, "amounts: {2021: 341405,", "amounts: {20x1: 341405,")  # a year key that is not a year
    edit(budget, "title:\n  zh:", "title:\n  ZH:")  # a language code in capitals
    edit(budget, "2022: 355162", '2022: "355162"')  # an amount as text
    edit(budget, "cost_type: staff", "cost_type: staf")
    run = check_jsonschema(SCHEMAS / "budget.schema.json", budget)
    assert run.returncode == 1
    assert "$.lines[0].amounts: '20x1' does not match" in run.stdout
    assert "$.title: 'ZH' does not match any of the regexes" in run.stdout
    assert "$.lines[0].amounts['2022']: '355162' is not of type 'number'" in run.stdout
    assert "$.lines[0].cost_type: 'staf' is not one of" in run.stdout
    # and ccm-plan itself finds the same four, each at its own line
    assert [rule for rule, *_ in found(shipped_plan)].count("schema") >= 4


def test_schema_carries_the_model_descriptions() -> None:
    budget = json.loads(render("budget"))
    assert budget["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    line = budget["$defs"]["Line"]["properties"]
    assert line["amounts"]["description"].startswith("The amount for each year of the period")
    assert line["amounts"]["propertyNames"] == {"pattern": "^[0-9]{4}$"}
    assert line["amounts"]["additionalProperties"]["type"] == "number"
    assert line["amounts"]["additionalProperties"]["minimum"] == 0
    fte = budget["$defs"]["Post"]["properties"]["fte"]
    assert (fte["exclusiveMinimum"], fte["maximum"]) == (0, 1)
    # every property of every definition says what it is for
    for name, definition in budget["$defs"].items():
        for key, prop in definition.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{key} has no description"


def test_schema_command_prints_one_kind() -> None:
    run = run_cli("schema", "workplan")
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout)["title"] == "ccm-plan work plan"
    assert run.stdout == render("workplan")


def test_schema_command_writes_every_kind_into_a_folder(tmp_path: Path) -> None:
    run = run_cli("schema", "--output", tmp_path)
    assert run.code == 0, run.stderr
    for kind in KINDS:
        assert (tmp_path / file_name(kind)).read_text(encoding="utf-8") == render(kind)


def test_schema_command_writes_one_file(tmp_path: Path) -> None:
    run = run_cli("schema", "budget", "-o", tmp_path / "b.json")
    assert run.code == 0, run.stderr
    assert (tmp_path / "b.json").read_text(encoding="utf-8") == render("budget")


def test_schema_command_without_kind_or_folder_is_a_usage_error() -> None:
    run = run_cli("schema")
    assert run.code == 2
    assert "--output FOLDER" in run.stderr
    assert run.stdout == ""


def test_schema_command_into_a_missing_folder_exits_2(tmp_path: Path) -> None:
    run = run_cli("schema", "--output", tmp_path / "nowhere")
    assert run.code == 2
    assert run.stderr.startswith("ccm-plan: ") and "does not exist" in run.stderr
    assert "Traceback" not in run.stderr


def test_schema_command_unknown_kind_is_a_usage_error() -> None:
    run = run_cli("schema", "ledger")
    assert run.code == 2
    assert "ledger" in run.stderr
