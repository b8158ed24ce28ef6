from __future__ import annotations

from pathlib import Path

from conftest import column_of, edit, found, line_of


def test_period_years_missing_year(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "amounts: {2024: 12000, 2025: 12000, 2026: 14000}", "amounts: {2024: 12000, 2025: 12000}")
    rules = found(minimal_plan)
    assert ("period-years", "budget.yaml", line_of(budget, "amounts: {2024: 12000, 2025: 12000}"), 5) in rules


def test_period_years_extra_year(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "2026: 14000}", "2026: 14000, 2027: 0}")
    assert found(minimal_plan) == [
        ("period-years", "budget.yaml", line_of(budget, "2027: 0"), column_of(budget, "2027: 0"))
    ]


def test_period_years_note_outside_period(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "- {line: travel}", "- {line: travel, years: [2031]}")
    rules = [(rule, line, col) for rule, _, line, col in found(minimal_plan)]
    assert ("period-years", line_of(budget, "2031"), column_of(budget, "2031")) in rules
