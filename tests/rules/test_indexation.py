"""indexation: each year is the previous one grown by the plan's rate, within the tolerance, at the figure."""

from __future__ import annotations

from pathlib import Path

from conftest import column_of, edit, found, line_of

INDEXED = "  indexation:\n    - {line: salaries, percent_per_year: 4, tolerance_percent: 0.2}\n  variance:"


def test_indexation_within_tolerance(minimal_plan: Path) -> None:
    # 100,000 × 1.04 = 104,000; 104,000 × 1.04 = 108,160, and 108,000 is 0.15% off: within 0.2%
    edit(minimal_plan / "budget.yaml", "  variance:", INDEXED)
    assert found(minimal_plan) == []


def test_indexation_off_by_more_than_tolerance(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "  variance:", INDEXED.replace("tolerance_percent: 0.2", "tolerance_percent: 0.1"))
    assert found(minimal_plan) == [
        ("indexation", "budget.yaml", line_of(budget, "108000"), column_of(budget, "108000"))
    ]


def test_indexation_names_an_unknown_line_through_consistency(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "  variance:", INDEXED.replace("line: salaries", "line: wages"))
    assert found(minimal_plan) == [
        ("consistency", "budget.yaml", line_of(budget, "line: wages"), column_of(budget, "wages"))
    ]
