from __future__ import annotations

from pathlib import Path

from conftest import column_of, edit, found, line_of


def test_travel_legs_pass(minimal_plan: Path) -> None:
    assert found(minimal_plan) == []


def test_travel_legs_split_does_not_add_up(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "count: 5}", "count: 4}")
    assert found(minimal_plan) == [("travel-legs", "budget.yaml", line_of(budget, "legs:"), 5)]


def test_travel_legs_cost_per_leg_above_absolute_bound(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "cost_per_leg: {min: 1000, max: 2000}", "cost_per_leg: {min: 1000, max: 1600}")
    # 14,000 / 8 = 1,750 a leg in 2026
    assert found(minimal_plan) == [
        ("travel-legs", "budget.yaml", line_of(budget, "2026: 14000}"), column_of(budget, "14000}"))
    ]


def test_travel_legs_tolerance_around_the_plans_average(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    # average 38,000 / 24 = 1,583 a leg; ±10% is 1,425–1,742: 2026 (1,750) is just outside
    edit(budget, "cost_per_leg: {min: 1000, max: 2000}", "cost_per_leg: {tolerance_percent: 10}")
    assert found(minimal_plan) == [
        ("travel-legs", "budget.yaml", line_of(budget, "2026: 14000}"), column_of(budget, "14000}"))
    ]
    edit(budget, "cost_per_leg: {tolerance_percent: 10}", "cost_per_leg: {tolerance_percent: 11}")
    assert found(minimal_plan) == []


def test_travel_legs_no_bounds_stated(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "cost_per_leg: {min: 1000, max: 2000}", "cost_per_leg: {}")
    assert found(minimal_plan) == [("travel-legs", "budget.yaml", line_of(budget, "cost_per_leg: {}"), 5)]
