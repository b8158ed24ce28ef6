"""Review gates on `diff`, in both directions: at, just under and just over each limit (a change exactly at a limit
passes; "more than" is strict), warnings that never fail, and transfers between lines within a year."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ccm_plan.diff.compare import Gate, PlanDiff, compare_plans
from ccm_plan.diff.gates import Limits, apply_gates
from ccm_plan.outputs.diff_report import FORMATS
from ccm_plan.present.voice import Voice
from ccm_plan.read.loader import load_plan
from conftest import edit, run_cli

SALARIES = "amounts: {2024: 100000, 2025: 104000, 2026: 108000}"
TRAVEL = "amounts: {2024: 12000, 2025: 12000, 2026: 14000}"

# The minimal plan totals EUR 396,800: 3,968 is exactly 1% of it.
GROWTH = SALARIES.replace("2024: 100000", "2024: 103968")
CUT = SALARIES.replace("2024: 100000", "2024: 96032")


def diff_of(plan_pair: tuple[Path, Path], *edits: tuple[str, str]) -> PlanDiff:
    old, new = plan_pair
    for before, after in edits:
        edit(new / "budget.yaml", before, after)
    return compare_plans(load_plan(old), load_plan(new))


def said(gate: Gate, lang: str = "en") -> str:
    """A gate's message as text (gates carry typed messages; an output makes the text)."""
    return Voice(lang).say(gate.message)


def outcome(result: PlanDiff, limits: Limits) -> list[tuple[str, bool | None, bool]]:
    return [(gate.option, gate.failed, gate.warns) for gate in apply_gates(result, limits)]


# (change in the plan total, the gate's limit at it, a step below and above the limit)
AMOUNT = (Decimal(3968), Decimal("0.01"))
PERCENT = (Decimal(1), Decimal("0.0001"))


@pytest.mark.parametrize(("offset", "exceeded"), [(0, False), (-1, True), (1, False)], ids=["at", "under", "over"])
@pytest.mark.parametrize("field", ["fail_above", "fail_above_pct", "warn_above", "warn_above_pct"])
def test_growth_gates_at_just_under_and_just_over_the_limit(
    plan_pair: tuple[Path, Path], field: str, offset: int, exceeded: bool
) -> None:
    base, step = PERCENT if field.endswith("_pct") else AMOUNT
    result = diff_of(plan_pair, (SALARIES, GROWTH))
    option = "--" + field.replace("_", "-")
    found = outcome(result, Limits(**{field: base + offset * step}))
    warns = field.startswith("warn")
    assert found == [(option, False if warns else exceeded, exceeded and warns)]


@pytest.mark.parametrize(("offset", "exceeded"), [(0, False), (-1, True), (1, False)], ids=["at", "under", "over"])
@pytest.mark.parametrize("field", ["fail_below", "fail_below_pct"])
def test_cut_gates_at_just_under_and_just_over_the_limit(
    plan_pair: tuple[Path, Path], field: str, offset: int, exceeded: bool
) -> None:
    base, step = PERCENT if field.endswith("_pct") else AMOUNT
    result = diff_of(plan_pair, (SALARIES, CUT))
    found = outcome(result, Limits(**{field: base + offset * step}))
    assert found == [("--" + field.replace("_", "-"), exceeded, False)]


def test_each_direction_ignores_the_other(plan_pair: tuple[Path, Path]) -> None:
    limits = Limits(fail_above=Decimal(0), fail_above_pct=Decimal(0), fail_below=Decimal(0), fail_below_pct=Decimal(0))
    grown = outcome(diff_of(plan_pair, (SALARIES, GROWTH)), limits)
    assert [failed for _, failed, _ in grown] == [True, True, False, False]
    edit(plan_pair[1] / "budget.yaml", GROWTH, CUT)
    cut = outcome(compare_plans(load_plan(plan_pair[0]), load_plan(plan_pair[1])), limits)
    assert [failed for _, failed, _ in cut] == [False, False, True, True]


# Transfers: 1,200 moved from salaries to travel in 2025 is exactly 10% of travel's 12,000 (and 1.15% of salaries);
# 1,270 moved in 2024 is exactly 1% of the year's 127,000.
MOVE_2025 = (
    (SALARIES, SALARIES.replace("2025: 104000", "2025: 102800")),
    (TRAVEL, TRAVEL.replace("2025: 12000", "2025: 13200")),
)
MOVE_2024 = (
    (SALARIES, SALARIES.replace("2024: 100000", "2024: 98730")),
    (TRAVEL, TRAVEL.replace("2024: 12000", "2024: 13270")),
)


@pytest.mark.parametrize(
    ("limit", "failed"), [("10", False), ("9.9999", True), ("10.0001", False)], ids=["at", "under", "over"]
)
def test_transfer_limit_per_line_year(plan_pair: tuple[Path, Path], limit: str, failed: bool) -> None:
    result = diff_of(plan_pair, *MOVE_2025)
    gates = apply_gates(result, Limits(transfer_limit_pct=Decimal(limit)))
    assert [(gate.option, gate.failed) for gate in gates] == [("--transfer-limit-pct", failed)]
    if failed:
        # 10% beside a limit of 9.9999% reads with the decimals that tell the two apart, never 10.0%
        assert said(gates[0]).endswith(
            "more than 9.9999% of the line's figure: Travel 2025 (+1,200, +10.0000% of 12,000)"
        )


@pytest.mark.parametrize(
    ("limit", "failed"), [("1", False), ("0.9999", True), ("1.0001", False)], ids=["at", "under", "over"]
)
def test_transfer_aggregate_share_of_the_year(plan_pair: tuple[Path, Path], limit: str, failed: bool) -> None:
    result = diff_of(plan_pair, *MOVE_2024)
    gates = apply_gates(result, Limits(transfer_aggregate_pct=Decimal(limit)))
    assert [(gate.option, gate.failed) for gate in gates] == [("--transfer-aggregate-pct", failed)]
    if failed:
        # the share that exceeds a limit of 0.9999% reads 1.0000%, never 1.0% beside it; a cut reads -1,270
        assert "2024: EUR 1,270 moved (1.0000% of 127,000): Salaries -1,270, Travel +1,270" in said(gates[0])


def test_transfer_gates_skip_years_whose_total_changed(plan_pair: tuple[Path, Path]) -> None:
    """Growth is not a transfer: the growth and cut gates speak of it."""
    result = diff_of(plan_pair, (SALARIES, GROWTH))
    gates = apply_gates(result, Limits(transfer_limit_pct=Decimal(0), transfer_aggregate_pct=Decimal(0)))
    assert [gate.failed for gate in gates] == [False, False]


def test_transfer_defaults_come_from_the_old_plans_transfer_authority(plan_pair: tuple[Path, Path]) -> None:
    old, new = plan_pair
    for folder in (old, new):
        edit(
            folder / "budget.yaml",
            "  variance:",
            "  transfer_authority: {line_percent: 5, total_percent: 2}\n  variance:",
        )
    result = diff_of(plan_pair, *MOVE_2025)
    authority = load_plan(old).budget.parameters.transfer_authority
    gates = apply_gates(result, Limits(transfer_authority=True), authority)
    assert [(gate.option, gate.limit, gate.failed) for gate in gates] == [
        ("--transfer-limit-pct", 5, True),  # travel +10% > 5%
        ("--transfer-aggregate-pct", 2, False),  # 1,200 of 131,600 is 0.91%
    ]
    # an option given wins over the plan's figure
    gates = apply_gates(result, Limits(transfer_authority=True, transfer_limit_pct=Decimal(10)), authority)
    assert [(gate.limit, gate.failed) for gate in gates] == [(10, False), (2, False)]


def test_cli_warns_in_text_markdown_and_on_stderr_and_exits_0(plan_pair: tuple[Path, Path]) -> None:
    old, new = plan_pair
    edit(new / "budget.yaml", SALARIES, GROWTH)
    run = run_cli("diff", old, new, "--warn-above", "3967", "--fail-below-pct", "0")
    assert run.code == 0, run.stderr
    assert (
        "  warning: --warn-above 3,967: the plan total grew by EUR 3,968 (+1.0%), more than the EUR 3,967" in run.stdout
    )
    assert run.stderr.startswith("ccm-plan: warning: --warn-above 3,967:")
    markdown = run_cli("diff", old, new, "--warn-above-pct", "0.5", "--format", "markdown").stdout
    assert "> [!WARNING]\n> --warn-above-pct 0.5: the plan total grew by EUR 3,968 (+1.0%)" in markdown
    assert "- **Budget gate warning**: --warn-above-pct 0.5:" in markdown


def test_cli_fails_on_a_cut_and_on_a_transfer_naming_line_and_year(plan_pair: tuple[Path, Path]) -> None:
    old, new = plan_pair
    edit(new / "budget.yaml", SALARIES, CUT)
    run = run_cli("diff", old, new, "--fail-below", "3967.99")
    assert run.code == 1 and "ccm-plan: --fail-below 3,967.99: the plan total fell by EUR 3,968" in run.stderr
    edit(new / "budget.yaml", CUT, SALARIES)
    for before, after in MOVE_2025:
        edit(new / "budget.yaml", before, after)
    run = run_cli("diff", old, new, "--transfer-limit-pct", "9.5", "--format", "json")
    assert run.code == 1
    assert '"warns": false' in run.stdout and "Travel 2025 (+1,200, +10.0% of 12,000)" in run.stderr


def test_gates_cannot_apply_across_a_currency_change(plan_pair: tuple[Path, Path]) -> None:
    result = diff_of(plan_pair, ("currency: EUR", "currency: USD"))
    gates = apply_gates(result, Limits(warn_above=Decimal(1), transfer_limit_pct=Decimal(1)))
    assert [gate.failed for gate in gates] == [None, None]


def test_markdown_shows_no_alert_without_a_warning(plan_pair: tuple[Path, Path]) -> None:
    result = diff_of(plan_pair, (SALARIES, GROWTH))
    result.gates = apply_gates(result, Limits(warn_above=Decimal(5000)))
    assert "[!WARNING]" not in FORMATS["markdown"](result)
