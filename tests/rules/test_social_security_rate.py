from __future__ import annotations

from pathlib import Path

from conftest import DATA, column_of, edit, found, line_of


def test_social_security_rate_within_tolerance(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    # 15% of 104,000 is 15,600: one franc off is within the stated tolerance of 1
    edit(budget, "2025: 15600", "2025: 15601")
    edit(budget, "2025: 131600", "2025: 131601")
    edit(budget, "plan: 396800", "plan: 396801")
    edit(minimal_plan / "workplan.yaml", "budget: 396800", "budget: 396801")
    assert found(minimal_plan) == []


def test_social_security_rate_off_by_more_than_tolerance(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "2025: 15600", "2025: 15602")
    edit(budget, "2025: 131600", "2025: 131602")
    edit(budget, "plan: 396800", "plan: 396802")
    edit(minimal_plan / "workplan.yaml", "budget: 396800", "budget: 396802")
    assert found(minimal_plan) == [
        ("social-security-rate", "budget.yaml", line_of(budget, "15602"), column_of(budget, "15602"))
    ]


def test_social_security_rate_comes_from_the_data(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "rate_percent: 15", "rate_percent: 20")
    assert [(rule, line) for rule, _, line, _ in found(minimal_plan)] == [
        ("social-security-rate", line_of(budget, "amounts: {2024: 15000")),
    ] * 3


def test_social_security_rate_flags_2023_in_the_shipped_plan() -> None:
    budget = DATA / "budget.yaml"
    from ccm_plan.check import check_paths

    problems = [p for p in check_paths([DATA]).problems if p.rule == "social-security-rate"]
    assert [(p.line, p.column, str(p.severity), p.subject) for p in problems] == [
        (line_of(budget, "69176"), column_of(budget, "69176"), "warning", "social-security/2023")
    ]
    assert "18.9%" in problems[0].message and "73,176" in problems[0].message and "365,881" in problems[0].message
