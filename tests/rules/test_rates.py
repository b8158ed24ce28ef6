"""rates: each rate of the plan (social charges, programme support costs) checked per year, at the figure."""

from __future__ import annotations

from pathlib import Path

from ccm_plan.check import check_paths
from conftest import DATA, column_of, edit, found, line_of

RATE = """  rates:
  - id: social-charges
    line: social-charges
    base: [salaries]
    rate_percent: 15
    tolerance: 1
"""


def restate(plan: Path, old: str, new: str, difference: int) -> None:
    """Edit a figure of the minimal plan and keep its stated totals right, so only the rule under test speaks."""
    budget = plan / "budget.yaml"
    edit(budget, old, new)
    year = int(old.split(":")[0])
    totals = {2024: 127000, 2025: 131600, 2026: 138200}
    edit(budget, f"{year}: {totals[year]}", f"{year}: {totals[year] + difference}")
    edit(budget, "plan: 396800", f"plan: {396800 + difference}")
    edit(plan / "workplan.yaml", "budget: 396800", f"budget: {396800 + difference}")


def test_rates_within_tolerance(minimal_plan: Path) -> None:
    # 15% of 104,000 is 15,600: one euro off is within the stated tolerance of 1
    restate(minimal_plan, "2025: 15600", "2025: 15601", 1)
    assert found(minimal_plan) == []


def test_rates_off_by_more_than_tolerance(minimal_plan: Path) -> None:
    restate(minimal_plan, "2025: 15600", "2025: 15602", 2)
    budget = minimal_plan / "budget.yaml"
    assert found(minimal_plan) == [("rates", "budget.yaml", line_of(budget, "15602"), column_of(budget, "15602"))]
    problem = check_paths([minimal_plan]).problems[0]
    assert problem.subject == "social-charges/2025"
    # actual, share, base, expected and difference, at the plan's precision (whole euros); the share with the
    # decimals that tell it from the plan's rate (15.002%, never 15.0% beside "the plan's rate is 15%")
    assert "15,602 is 15.002% of Salaries 104,000; the plan's rate is 15%" in problem.message
    assert "(15,600, a difference of +2)" in problem.message


def test_rates_come_from_the_data(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "rate_percent: 15", "rate_percent: 20")
    assert [(rule, line) for rule, _, line, _ in found(minimal_plan)] == [
        ("rates", line_of(budget, "amounts: {2024: 15000")),
    ] * 3


def test_rates_by_year(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "rate_percent: 15", "rate_percent_by_year: {2024: 15, 2025: 15, 2026: 16}")
    # 16% of 108,000 is 17,280, not 16,200: only 2026 is reported, at its figure
    assert found(minimal_plan) == [("rates", "budget.yaml", line_of(budget, "16200"), column_of(budget, "16200"))]


def test_rates_by_year_missing_a_year_and_stated_both_ways(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "rate_percent: 15", "rate_percent_by_year: {2024: 15, 2025: 15}")
    assert found(minimal_plan) == [("rates", "budget.yaml", line_of(budget, "rate_percent_by_year"), 5)]
    edit(budget, "rate_percent_by_year: {2024: 15, 2025: 15}", "rate_percent: 15\n    rate_percent_by_year: {2024: 15}")
    assert found(minimal_plan) == [("rates", "budget.yaml", line_of(budget, "rate_percent_by_year"), 5)]


def test_rates_over_several_base_lines_as_programme_support(minimal_plan: Path) -> None:
    """Programme support costs of 7% on every other line, a second rate beside the social charges."""
    budget = minimal_plan / "budget.yaml"
    # 7% of (100,000 + 15,000 + 12,000) = 8,890; of 131,600 = 9,212; of 138,200 = 9,674
    edit(
        budget,
        "totals:",
        "  - id: programme-support\n    name: {en: Programme support costs, fr: Frais de gestion}\n"
        "    cost_type: non-staff\n    amounts: {2024: 8890, 2025: 9212, 2026: 9674}\ntotals:",
    )
    edit(budget, "{2024: 127000, 2025: 131600, 2026: 138200}", "{2024: 135890, 2025: 140812, 2026: 147874}")
    edit(budget, "plan: 396800", "plan: 424576")
    edit(minimal_plan / "workplan.yaml", "budget: 396800", "budget: 424576")
    edit(
        budget,
        RATE,
        RATE + "  - id: programme-support\n    line: programme-support\n"
        "    base: [salaries, social-charges, travel]\n    rate_percent: 7\n    tolerance: 0.5\n",
    )
    assert found(minimal_plan) == []
    edit(budget, "2025: 9212", "2025: 9300")
    edit(budget, "2025: 140812", "2025: 140900")
    edit(budget, "plan: 424576", "plan: 424664")
    edit(minimal_plan / "workplan.yaml", "budget: 424576", "budget: 424664")
    assert found(minimal_plan) == [("rates", "budget.yaml", line_of(budget, "9300"), column_of(budget, "9300"))]
    message = check_paths([minimal_plan]).problems[0].message
    assert "Salaries + Social charges + Travel 131,600" in message and "(9,212, a difference of +88)" in message


def test_rates_line_in_its_own_base_and_unknown_lines(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "base: [salaries]", "base: [salaries, social-charges]")
    assert found(minimal_plan) == [("rates", "budget.yaml", line_of(budget, "base: [salaries, social"), 22)]
    edit(budget, "base: [salaries, social-charges]", "base: [salaries, wages]")
    assert found(minimal_plan) == [("consistency", "budget.yaml", line_of(budget, "base: [salaries, wages"), 22)]


def test_rates_decimal_plan_shows_cents(minimal_plan: Path) -> None:
    """A plan written in cents is compared, and reported, in cents."""
    budget = minimal_plan / "budget.yaml"
    edit(budget, "tolerance: 1\n", "tolerance: 0.01\n")
    restate(minimal_plan, "2025: 15600", "2025: 15600.50", 0)
    edit(budget, "2025: 131600", "2025: 131600.50")
    edit(budget, "plan: 396800", "plan: 396800.50")
    edit(minimal_plan / "workplan.yaml", "budget: 396800", "budget: 396800.50")
    problems = check_paths([minimal_plan]).problems
    assert [(p.rule, p.line) for p in problems] == [("rates", line_of(budget, "15600.50"))]
    assert "(15,600.00, a difference of +0.50)" in problems[0].message


def test_rates_flags_2023_in_the_shipped_plan() -> None:
    budget = DATA / "budget.yaml"
    problems = [p for p in check_paths([DATA]).problems if p.rule == "rates"]
    assert [(p.line, p.column, str(p.severity), p.subject) for p in problems] == [
        (line_of(budget, "69176"), column_of(budget, "69176"), "warning", "social-security/2023")
    ]
    message = problems[0].message
    assert "18.9%" in message and "73,176" in message and "365,881" in message and "-4,000" in message


def test_retired_rule_id_in_a_waiver_says_where_its_findings_went(shipped_plan: Path) -> None:
    edit(
        shipped_plan / "budget.yaml",
        "waivers: []",
        "waivers:\n  - {rule: social-security-rate, subject: social-security/2023, reason: adopted as printed}",
    )
    unused = [p for p in check_paths([shipped_plan]).problems if p.rule == "unused-waiver"]
    assert len(unused) == 1 and "retired" in unused[0].message and "rates" in unused[0].message
