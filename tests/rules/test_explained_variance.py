from __future__ import annotations

from pathlib import Path

from conftest import DATA, column_of, edit, found, line_of


def test_explained_variance_passes_when_a_note_explains(minimal_plan: Path) -> None:
    assert found(minimal_plan) == []  # travel +16.7% in 2026, explained by note 1


def test_explained_variance_unexplained_jump(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "- {line: travel}", "- {line: travel, years: [2024]}")
    assert found(minimal_plan) == [
        ("explained-variance", "budget.yaml", line_of(budget, "2026: 14000}"), column_of(budget, "14000}"))
    ]


def test_explained_variance_note_on_the_year_before_explains_the_way_back(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "- {line: travel}", "- {line: travel, years: [2025]}")
    assert found(minimal_plan) == []


def test_explained_variance_whole_budget_note_explains_nothing(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "    explains:\n      - {line: travel}\n", "    scope: budget\n")
    assert [rule for rule, *_ in found(minimal_plan)] == ["explained-variance"]


def test_explained_variance_threshold_from_the_data(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "- {line: travel}", "- {line: travel, years: [2024]}")
    edit(budget, "threshold_percent: 10", "threshold_percent: 20")
    assert found(minimal_plan) == []


def test_explained_variance_flags_communication_2025_in_the_shipped_plan() -> None:
    from ccm_plan.check import check_paths

    budget = DATA / "budget.yaml"
    problems = [p for p in check_paths([DATA]).problems if p.rule == "explained-variance"]
    assert [(p.line, p.column, p.subject) for p in problems] == [
        (line_of(budget, "2025: 20000, 2026: 20000"), column_of(budget, "20000, 2026: 20000"), "communication/2025")
    ]
    assert "+100.0%" in problems[0].message
