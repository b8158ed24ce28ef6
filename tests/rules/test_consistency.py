from __future__ import annotations

from pathlib import Path

from conftest import column_of, edit, found, line_of


def test_consistency_missing_translation(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "name: {en: Travel, fr: Voyages}", "name: {en: Travel}")
    assert found(minimal_plan) == [("consistency", "budget.yaml", line_of(budget, "name: {en: Travel}"), 5)]


def test_consistency_extra_language(minimal_plan: Path) -> None:
    workplan = minimal_plan / "workplan.yaml"
    edit(
        workplan,
        "text: {en: Give advice., fr: Donner des conseils.}",
        "text: {en: Give advice., fr: Donner des conseils., de: Beraten.}",
    )
    assert found(minimal_plan) == [
        ("consistency", "workplan.yaml", line_of(workplan, "de: Beraten"), column_of(workplan, "de: Beraten"))
    ]


def test_consistency_duplicate_id(minimal_plan: Path) -> None:
    workplan = minimal_plan / "workplan.yaml"
    edit(workplan, "- id: meet-record", "- id: meet-prepare")
    assert found(minimal_plan) == [("consistency", "workplan.yaml", line_of(workplan, "id: meet-prepare", 2), 15)]


def test_consistency_period_and_currency_disagree(minimal_plan: Path) -> None:
    workplan = minimal_plan / "workplan.yaml"
    edit(workplan, "currency: EUR", "currency: CHF")
    assert found(minimal_plan) == [("consistency", "workplan.yaml", line_of(workplan, "currency: CHF"), 11)]


def test_consistency_note_explains_unknown_line(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "- {line: travel}", "- {line: travels}")
    rules = found(minimal_plan)
    assert ("consistency", "budget.yaml", line_of(budget, "line: travels"), column_of(budget, "travels")) in rules


def test_consistency_area_without_activities(minimal_plan: Path) -> None:
    workplan = minimal_plan / "workplan.yaml"
    text = workplan.read_text()
    start = text.index("      activities:")
    end = text.index("expected_results:")
    workplan.write_text(text[:start] + "      activities: []\n" + text[end:])
    assert found(minimal_plan) == [("consistency", "workplan.yaml", line_of(workplan, "activities: []"), 7)]


def test_consistency_correction_must_quote_its_text(shipped_plan: Path) -> None:
    workplan = shipped_plan / "workplan-2021-2026.yaml"
    edit(workplan, "seed: 执行工作组", "seed: 执行小组")
    assert found(shipped_plan)[-1][:2] == ("consistency", "workplan-2021-2026.yaml")


def test_consistency_rate_ids_are_unique(tmp_path: Path) -> None:
    """A new user's trial: two rates with one id passed (a waiver or `totals` could not tell them apart). A rate
    named after its line (`id: staff-charges, line: staff-charges`) is fine: rates have their own ids."""
    from conftest import FIXTURES, copy_plan

    plan = copy_plan(FIXTURES / "other-unit", tmp_path / "plan")
    budget = plan / "budget.yaml"
    assert [f for f in found(plan) if f[0] == "consistency"] == []
    edit(budget, "    - id: programme-support  #", "    - id: staff-charges  #")
    assert [f for f in found(plan) if f[0] == "consistency"] == [
        ("consistency", "budget.yaml", line_of(budget, "id: staff-charges  #"), column_of(budget, "staff-charges  #"))
    ]
