"""Exponent notation (`4.6e4`) is refused for money everywhere, the same way: in a plan file and in an accounting
export, a located error whose fix is the plain figure (a new user's trial: budget.yaml accepted 4.6e4 while
`import actuals` refused it). A budget is read, reviewed and diffed as figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from adoption import adopted_plan
from ccm_plan.read.source import exponent_figure
from conftest import column_of, edit, line_of, run_cli


def test_an_exponent_in_the_budget_is_a_located_error(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "amounts: {2024: 12000, 2025: 12000,", "amounts: {2024: 1.2e4, 2025: 12000,")
    run = run_cli("validate", minimal_plan)
    assert run.code == 1
    position = f"{line_of(budget, '1.2e4')}:{column_of(budget, '1.2e4')}"
    assert f"{budget}:{position}: error [schema] 1.2e4 is written with an exponent" in run.stdout, run.stdout
    assert "    fix: write 12000\n" in run.stdout
    totals = run_cli("totals", minimal_plan)
    assert totals.code == 1 and "1.2e4" in totals.stderr


def test_an_exponent_in_a_rate_too(minimal_plan: Path) -> None:
    edit(minimal_plan / "budget.yaml", "rate_percent: 15", "rate_percent: 1.5E+1")
    run = run_cli("validate", minimal_plan)
    assert "[schema] 1.5E+1 is written with an exponent" in run.stdout and "fix: write 15\n" in run.stdout


def test_an_exponent_in_an_export_is_refused_with_the_plain_figure(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    (plan / "actuals-2024.yaml").unlink()
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("account,amount\n6000,4.6e4\n6100,14850\nTRV,12550\n", encoding="utf-8")
    run = run_cli("import", "actuals", ledger, "--year", "2024", "--plan", plan)
    assert run.code == 1
    assert f"{ledger}:2:6: error" in run.stderr
    assert "'4.6e4' is not an amount: it is written with an exponent" in run.stderr
    assert "fix: write 46000\n" in run.stderr
    assert not (plan / "actuals-2024.yaml").exists()


@pytest.mark.parametrize(
    ("text", "plain"),
    [("4.6e4", "46000"), ("1.5E-3", "0.0015"), ("-2e2", "-200"), ("1.2e4", "12000"), ("46000", None), ("e4", None)],
)
def test_exponent_figure(text: str, plain: str | None) -> None:
    assert exponent_figure(text) == plain


@pytest.mark.parametrize(("written", "read"), [("0x10", "16"), ("0o17", "15"), ("0xff", "255")])
def test_hexadecimal_and_octal_are_located_errors_with_the_decimal_figure(
    minimal_plan: Path, written: str, read: str
) -> None:
    """YAML 1.2 reads 0x10 as 16: a new user's trial found it accepted silently as an amount (only the stated
    totals caught it). Refused like an exponent, with the decimal figure as the fix."""
    budget = minimal_plan / "budget.yaml"
    edit(budget, "amounts: {2024: 12000, 2025: 12000,", f"amounts: {{2024: 12000, 2025: {written},")
    run = run_cli("validate", minimal_plan)
    assert run.code == 1
    position = f"{line_of(budget, written)}:{column_of(budget, written)}"
    assert f"{budget}:{position}: error [schema] {written} is written in " in run.stdout, run.stdout
    assert f"(YAML reads it as {read}): a plan's figures are plain decimals" in run.stdout
    assert f"    fix: write {read}\n" in run.stdout
    assert "[travel-legs]" not in run.stdout  # the plan is not used as if it held that amount
    assert run_cli("totals", minimal_plan).code == 1


@pytest.mark.parametrize(("written", "shown"), [("+12000", "12,000"), (".5", "0.50"), ("12000.", "12,000")])
def test_a_sign_or_a_bare_point_is_still_a_plain_decimal(minimal_plan: Path, written: str, shown: str) -> None:
    """`+12000` and `.5` are decimal figures a reviewer reads as they are: accepted (the totals then differ)."""
    edit(
        minimal_plan / "budget.yaml", "amounts: {2024: 12000, 2025: 12000,", f"amounts: {{2024: 12000, 2025: {written},"
    )
    run = run_cli("totals", minimal_plan)
    assert run.code == 0, run.stderr
    assert any(row.startswith("Travel ") and row.split()[2] == shown for row in run.stdout.splitlines()), run.stdout


@pytest.mark.parametrize(
    ("written", "french"),
    [
        ("0x10", "0x10 est écrit en hexadécimal (YAML le lit comme 16)"),
        ("1.2e4", "1.2e4 est écrit avec un exposant"),
    ],
)
def test_the_findings_on_how_a_number_is_written_are_said_in_the_language_asked(
    minimal_plan: Path, written: str, french: str
) -> None:
    edit(
        minimal_plan / "budget.yaml", "amounts: {2024: 12000, 2025: 12000,", f"amounts: {{2024: 12000, 2025: {written},"
    )
    run = run_cli("validate", minimal_plan, "--lang", "fr")
    assert run.code == 1 and french in run.stdout, run.stdout
    assert "écrivez 1" in run.stdout, run.stdout  # 16, 12000
    english = run_cli("validate", minimal_plan, "--format", "json")
    assert '"message_id": "{number} is written' in english.stdout
