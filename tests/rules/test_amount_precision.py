"""amount-precision: an amount with more decimals than the plan's money is an error at the figure, and `fix`
writes nothing while a line amount has one (found by a new user: fix printed 1,177,741.38 and wrote .375)."""

from __future__ import annotations

from pathlib import Path

from conftest import column_of, edit, found, line_of, run_cli


def test_a_third_decimal_in_a_plan_of_cents_is_located(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"  # EUR: minor unit 2
    edit(budget, "amounts: {2024: 12000, 2025: 12000,", "amounts: {2024: 12000.005, 2025: 12000,")
    rules = [f for f in found(minimal_plan) if f[0] == "amount-precision"]
    assert rules == [("amount-precision", "budget.yaml", line_of(budget, "12000.005"), column_of(budget, "12000.005"))]


def test_cents_within_the_minor_unit_pass_and_trailing_zeros_do_not_count(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "amounts: {2024: 12000, 2025: 12000,", "amounts: {2024: 11999.50, 2025: 12000.500,")
    assert [f for f in found(minimal_plan) if f[0] == "amount-precision"] == []


def test_declared_whole_units_refuse_cents(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "currency: EUR\n", "currency: EUR\ndecimals: 0\n")
    edit(budget, "amounts: {2024: 12000, 2025: 12000,", "amounts: {2024: 11999.5, 2025: 12000,")
    run = run_cli("validate", minimal_plan)
    assert run.code == 1
    assert (
        "[amount-precision] 11999.5 has 1 decimals, more than the plan's money has (the budget declares decimals: 0)"
        in run.stdout
    )


def test_a_currency_without_minor_unit(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "currency: EUR", "currency: JPY")
    edit(budget, "amounts: {2024: 12000, 2025: 12000,", "amounts: {2024: 12000.5, 2025: 12000,")
    messages = [f for f in found(minimal_plan) if f[0] == "amount-precision"]
    assert messages == [("amount-precision", "budget.yaml", line_of(budget, "12000.5"), column_of(budget, "12000.5"))]


def test_fix_writes_nothing_while_a_line_amount_is_too_precise(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "amounts: {2024: 12000, 2025: 12000,", "amounts: {2024: 12000.005, 2025: 12000,")
    before = budget.read_text(encoding="utf-8")
    run = run_cli("fix", minimal_plan)
    assert run.code != 0 and "amount-precision" in run.stdout + run.stderr
    assert budget.read_text(encoding="utf-8") == before


def test_imported_actuals_are_held_to_the_plan_precision(tmp_path: Path) -> None:
    from conftest import copy_plan

    plan = copy_plan(Path(__file__).resolve().parents[2] / "examples" / "after-adoption", tmp_path / "plan")
    actuals = plan / "actuals-2022.yaml"
    text = actuals.read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if "travel:" in ln or "travel'" in ln)
    figure = line.split(":", 1)[1].strip().rstrip(",}")
    edit(actuals, line, line.replace(figure, figure.split(".")[0] + ".125", 1))
    rules = [(rule, file) for rule, file, _, _ in found(plan) if rule == "amount-precision"]
    assert rules == [("amount-precision", "actuals-2022.yaml")]


def test_the_decimals_an_amount_needs() -> None:
    """Whole amounts (the cheap test first) need none, however written; trailing zeros never count."""
    from decimal import Decimal

    from ccm_plan.rules.amount_precision import decimals_of

    needed = {"12": 0, "12.000": 0, "1E+3": 0, "-0.0": 0, "48000.50": 1, "-0.10": 1, "1.2300": 2, "0.001": 3}
    assert {text: decimals_of(Decimal(text)) for text in needed} == needed
    assert decimals_of(Decimal(12)) == 0 and decimals_of(Decimal("123456789012345.0123456789")) == 10
