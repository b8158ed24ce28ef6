"""A `hidden-character` finding names where the text is (`travel/name/en`, as other rules name a line and year),
so that a plan can accept it with a waiver, as any other warning: the JSON shows the subject, a waiver with it marks
the finding accepted, and a waiver that accepts nothing is reported as stale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINIMAL, copy_plan, edit, run_cli

OVERRIDE = "\u202e"


@pytest.fixture
def overridden(tmp_path: Path) -> Path:
    """The minimal plan of another unit (EUR, en/fr) whose travel line's English name holds a RIGHT-TO-LEFT
    OVERRIDE written as itself."""
    plan = copy_plan(MINIMAL, tmp_path / "plan")
    edit(plan / "budget.yaml", "name: {en: Travel, fr: Voyages}", f"name: {{en: Trav{OVERRIDE}el, fr: Voyages}}")
    return plan


def _hidden(plan: Path) -> tuple[int, list[dict[str, object]]]:
    run = run_cli("validate", plan, "--format", "json")
    assert "Traceback" not in run.stderr
    document = json.loads(run.stdout)
    return run.code, [p for p in document["problems"] if p["rule"] == "hidden-character"]


def test_the_finding_names_the_line_and_field(overridden: Path) -> None:
    _, hidden = _hidden(overridden)
    assert [(p["subject"], p["accepted"]) for p in hidden] == [("travel/name/en", None)]
    assert run_cli("validate", overridden, "--strict").code == 1  # a warning, failing under --strict


def test_a_waiver_accepts_it(overridden: Path) -> None:
    edit(
        overridden / "budget.yaml",
        "waivers: []",
        "waivers: [{rule: hidden-character, subject: travel/name/en, reason: as printed in the adopted text}]",
    )
    _, hidden = _hidden(overridden)
    assert [(p["subject"], p["accepted"]) for p in hidden] == [("travel/name/en", "as printed in the adopted text")]
    run = run_cli("validate", overridden, "--strict", "--format", "json")
    assert run.code == 0, run.stdout
    assert not [p for p in json.loads(run.stdout)["problems"] if p["rule"] == "unused-waiver"]


def test_a_stale_waiver_is_reported(overridden: Path) -> None:
    edit(
        overridden / "budget.yaml",
        "waivers: []",
        "waivers: [{rule: hidden-character, subject: salaries/name/en, reason: misplaced}]",
    )
    _, hidden = _hidden(overridden)
    assert [p["accepted"] for p in hidden] == [None]
    run = run_cli("validate", overridden, "--format", "json")
    unused = [p for p in json.loads(run.stdout)["problems"] if p["rule"] == "unused-waiver"]
    assert [p["message"] for p in unused] == [
        "this waiver accepts nothing (no hidden-character finding is about 'salaries/name/en')"
    ]


def test_an_escape_and_a_note_item_without_id(tmp_path: Path) -> None:
    """Written as an escape, in a list item without an id, and in a key: each still named, and typeable."""
    plan = copy_plan(MINIMAL, tmp_path / "plan")
    edit(plan / "budget.yaml", "text: {en: Eight legs a year.,", 'text: {en: "Eight\\u200b legs a year.",')
    edit(plan / "budget.yaml", "name: {en: Salaries, fr: Salaires}", f"name: {{en: Salaries, fr{OVERRIDE}: Salaires}}")
    _, hidden = _hidden(plan)
    subjects = sorted(str(p["subject"]) for p in hidden)
    assert subjects == ["salaries/name/fr\\u202e", "travel-legs/text/en"]
