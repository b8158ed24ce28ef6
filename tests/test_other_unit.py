"""Another unit's plan (tests/fixtures/other-unit: USD, 2025–2028, en/fr/es, nine lines) with programme support
costs, indexation, per-line thresholds, an FTE change and two travel lines costed by kind of leg: it validates
clean, and each rule finds a wrong figure where it is, in a mutated copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccm_plan.check import check_paths
from conftest import FIXTURES, column_of, copy_plan, edit, found, line_of, run_cli

OTHER = FIXTURES / "other-unit"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return copy_plan(OTHER, tmp_path / "plan")


def restate(plan: Path, year: int, difference: int) -> None:
    """Keep the stated totals right after a figure of `year` moved by `difference`, so only the rule speaks."""
    budget = plan / "budget.yaml"
    totals = {2025: 419440, 2026: 428589, 2027: 541201, 2028: 549473}
    edit(budget, f"{year}: {totals[year]}", f"{year}: {totals[year] + difference}")
    edit(budget, "plan: 1938703", f"plan: {1938703 + difference}")


def at(plan: Path, fragment: str, occurrence: int = 1) -> tuple[str, int, int]:
    """Where the figure of `fragment` ("2027: 36406") is: its line, and the column of the value after the year."""
    budget = plan / "budget.yaml"
    year = fragment.split(": ")[0] + ": "
    return "budget.yaml", line_of(budget, fragment, occurrence), column_of(budget, fragment, occurrence) + len(year)


def test_the_other_units_plan_validates_clean() -> None:
    run = run_cli("validate", "--strict", OTHER)
    assert (run.code, run.stdout) == (0, "no problems in 1 file\n"), run.stdout + run.stderr


def test_a_wrong_programme_support_figure_is_found_at_the_figure(plan: Path) -> None:
    edit(plan / "budget.yaml", "2027: 35406", "2027: 36406")  # 7% of 505,795 is 35,405.65
    restate(plan, 2027, 1000)
    assert found(plan) == [("rates", *at(plan, "2027: 36406"))]
    message = check_paths([plan]).problems[0].message
    assert "its 8 base lines 505,795" in message and "(35,406, a difference of +1,000)" in message


def test_a_wrong_staff_charge_is_found_at_the_figure(plan: Path) -> None:
    # 36,000 is not 17.5% of 206,000 (36,050); programme support, 7% of a base now 50 lower, still holds
    edit(plan / "budget.yaml", "2026: 36050", "2026: 36000")
    edit(plan / "budget.yaml", "2026: 28039", "2026: 28035")
    restate(plan, 2026, -54)
    assert found(plan) == [("rates", *at(plan, "2026: 36000"))]


def test_an_indexed_figure_off_the_index_is_found(plan: Path) -> None:
    # meetings 2027 should be 51,500 × 1.03 = 53,045; 53,500 is off. Its programme support follows.
    edit(plan / "budget.yaml", "2027: 53045", "2027: 53500")
    edit(plan / "budget.yaml", "2027: 35406", "2027: 35438")  # 7% of 506,250 = 35,437.5
    restate(plan, 2027, 455 + 32)
    # 2028 is measured from the year before as written: 53,500 × 1.03 = 55,105, not 54,636
    assert found(plan) == [("indexation", *at(plan, "2027: 53500")), ("indexation", *at(plan, "2028: 54636"))]
    message = check_paths([plan]).problems[0].message
    assert "indexed by 3% it is 53,045 (a difference of +455)" in message


def test_travel_costed_by_kind_finds_a_wrong_year_on_either_line(plan: Path) -> None:
    # staff travel 2028: 4 long-haul legs at 3,200 and 6 regional at 1,000 = 18,800
    edit(plan / "budget.yaml", "2028: 18800", "2028: 19800")
    edit(plan / "budget.yaml", "2028: 35947", "2028: 36017")  # 7% of 514,526 = 36,016.82
    restate(plan, 2028, 1000 + 70)
    assert found(plan) == [("travel-legs", *at(plan, "2028: 19800"))]
    assert "(18,800, a difference of +1,000)" in check_paths([plan]).problems[0].message


def test_travel_by_year_counts_are_what_the_line_is_checked_against(plan: Path) -> None:
    budget = plan / "budget.yaml"
    # twelve delegates in 2027: 30,000; with the by-year count removed, 10 legs give 25,000 and 2027 is off
    edit(budget, ", count_by_year: {2027: 12}", "")
    delegates = line_of(budget, "- id: delegate-travel") + 3
    text = budget.read_text(encoding="utf-8").splitlines()[delegates - 1]
    assert [(rule, line) for rule, _, line, _ in found(plan)] == [("travel-legs", delegates)]
    assert text.strip().startswith("amounts:")


def test_a_line_over_its_own_threshold_is_found_and_the_plans_threshold_does_not_apply(plan: Path) -> None:
    budget = plan / "budget.yaml"
    # delegates +20% in 2027 is within the line's 25%; at 20% it is not
    edit(budget, "variance: {threshold_percent: 25}", "variance: {threshold_percent: 15}")
    assert found(plan) == [
        ("explained-variance", *at(plan, "2027: 30000")),
        ("explained-variance", *at(plan, "2028: 25000")),  # −16.7% back to ten delegates
    ]
    # without the line's own threshold, the plan's 10% applies to programme support (+26.3% in 2027) too
    edit(budget, "    variance: {threshold_percent: 30}  # 7% of the other lines: it follows them\n", "")
    assert ("explained-variance", *at(plan, "2027: 35406")) in found(plan)


def test_salaries_that_do_not_follow_the_fte_change_are_found(plan: Path) -> None:
    budget = plan / "budget.yaml"
    # the officer goes to full time in 2027; salaries that fall then, with no note on them, contradict it
    edit(budget, "      - {line: salaries, years: [2027]}\n", "")
    edit(budget, "2027: 290000", "2027: 200000")
    edit(budget, "2027: 50750", "2027: 35000")  # 17.5% of 200,000
    # programme support: 7% of 400,045 = 28,003.15
    edit(budget, "2027: 35406", "2027: 28003")
    restate(plan, 2027, -90000 - 15750 - 7403)
    rules = found(plan)
    assert ("staffing", *at(plan, "2027: 200000")) in rules
    problem = next(p for p in check_paths([plan]).problems if p.rule == "staffing")
    assert str(problem.severity) == "warning" and "officer" in problem.message and "0.5 to 1" in problem.message


def test_an_fte_out_of_range_is_an_error_at_the_value(plan: Path) -> None:
    edit(plan / "budget.yaml", "        fte: 1\n", "        fte: 1.5\n")
    problems = [p for p in check_paths([plan]).problems if p.rule == "staffing"]
    budget = plan / "budget.yaml"
    assert [(p.line, p.column, str(p.severity)) for p in problems] == [
        (line_of(budget, "fte: 1.5"), column_of(budget, "1.5"), "error")
    ]


def test_every_command_runs_on_the_other_units_plan(tmp_path: Path) -> None:
    run = run_cli("totals", OTHER, "--lang", "fr", "--format", "json")
    assert run.code == 0, run.stderr
    assert '"rates_percent": {"staff-charges": "17.50", "programme-support": "7.00"}' in run.stdout.replace("\n", "")
    run = run_cli("export", "xlsx", OTHER, "-o", tmp_path / "other.xlsx", "--lang", "es")
    assert run.code == 0, run.stderr
    from openpyxl import load_workbook

    names = set(load_workbook(tmp_path / "other.xlsx").defined_names)
    assert {"StaffChargesRate", "ProgrammeSupportRate", "ProgrammeSupportTolerance", "StaffTravelLegsPerYear"} <= names
    assert "DelegateTravelLegsPerYear" not in names  # twelve delegates in 2027: the legs are written year by year
