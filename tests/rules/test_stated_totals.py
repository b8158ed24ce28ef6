from __future__ import annotations

from pathlib import Path

from conftest import column_of, edit, found, line_of


def test_stated_totals_pass_on_the_minimal_plan(minimal_plan: Path) -> None:
    assert found(minimal_plan) == []


def test_stated_totals_stale_year_and_plan(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "2024: 12000, 2025: 12000", "2024: 12000, 2025: 13000")
    line = line_of(budget, "years: {2024")
    assert found(minimal_plan) == [
        ("stated-totals", "budget.yaml", line, column_of(budget, "131600")),
        ("stated-totals", "budget.yaml", line + 1, column_of(budget, "396800")),
        ("stated-totals", "workplan.yaml", line_of(minimal_plan / "workplan.yaml", "budget: 396800"), 11),
    ]


def test_stated_totals_message_gives_expected_actual_difference(minimal_plan: Path) -> None:
    from ccm_plan.check import check_paths

    edit(minimal_plan / "budget.yaml", "2024: 127000", "2024: 126000")
    messages = [p.message for p in check_paths([minimal_plan]).problems if p.rule == "stated-totals"]
    assert messages[0] == "2024: stated total 126,000 but the lines add up to 127,000 (difference -1,000)"


def test_stated_totals_summary_figure_alone(minimal_plan: Path) -> None:
    workplan = minimal_plan / "workplan.yaml"
    edit(workplan, "budget: 396800", "budget: 396801")
    assert found(minimal_plan) == [("stated-totals", "workplan.yaml", line_of(workplan, "budget: 396801"), 11)]
