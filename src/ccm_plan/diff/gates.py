"""Review gates on a diff, in both directions: growth and cuts of the plan total, and transfers between lines.

Each gate compares exact, unrounded figures recomputed from the lines (never the stated totals):

- `fail_above` / `fail_above_pct`: NEW's plan total minus OLD's is more than an amount (in the plan's currency)
  or a percentage of OLD's total: the gate fails (exit 1).
- `warn_above` / `warn_above_pct`: the same test, but the gate only warns: it is reported, visibly, and the
  exit code stays 0.
- `fail_below` / `fail_below_pct`: a cut of more than the amount or percentage fails.
- `transfer_limit_pct` / `transfer_aggregate_pct`: within a year whose total did not change (money moved between
  lines, the plan's transfer authority), a line-year moved by more than P% of its old figure, or moves adding up
  to more than Q% of the year's total, fail; the message names each line and year. A year whose total changed
  is growth or a cut, for the gates above. The defaults are the OLD plan's `parameters.transfer_authority`
  (`line_percent`, `total_percent`) when `transfer_authority` is asked for.

"More than" is strict: a change exactly at a limit passes. From an old total (or figure) of zero, any change
exceeds every percentage. A gate that cannot apply (the budget was not compared, or its currency changed) has
`failed` None, and the diff exits 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..compute.totals import HUNDRED, ZERO
from ..model.plan import TransferAuthority
from ..present.numbers import money, pct, signed_money, signed_pct
from .compare import BudgetDiff, Gate, PlanDiff


@dataclass(frozen=True)
class Limits:
    """The gates asked for; None for a gate not asked for. Amounts in the plan's currency, percentages as 2 for
    2%."""

    fail_above: Decimal | None = None
    fail_above_pct: Decimal | None = None
    warn_above: Decimal | None = None
    warn_above_pct: Decimal | None = None
    fail_below: Decimal | None = None
    fail_below_pct: Decimal | None = None
    transfer_limit_pct: Decimal | None = None
    transfer_aggregate_pct: Decimal | None = None
    transfer_authority: bool = False
    """Take the transfer limits not given from the old plan's `parameters.transfer_authority`."""


def apply_gates(result: PlanDiff, limits: Limits, authority: TransferAuthority | None = None) -> list[Gate]:
    """Every gate `limits` asks for, applied to `result`, in the order of the options."""
    found: list[Gate] = []
    for option, limit, direction, warns in (
        ("--fail-above", limits.fail_above, "above", False),
        ("--fail-above-pct", limits.fail_above_pct, "above", False),
        ("--warn-above", limits.warn_above, "above", True),
        ("--warn-above-pct", limits.warn_above_pct, "above", True),
        ("--fail-below", limits.fail_below, "below", False),
        ("--fail-below-pct", limits.fail_below_pct, "below", False),
    ):
        if limit is not None:
            found.append(_total_gate(result, option, limit, direction, warns))
    line_pct, aggregate_pct = limits.transfer_limit_pct, limits.transfer_aggregate_pct
    if limits.transfer_authority and authority is not None:
        line_pct = line_pct if line_pct is not None else authority.line_percent
        aggregate_pct = aggregate_pct if aggregate_pct is not None else authority.total_percent
    if limits.transfer_authority and authority is None and line_pct is None and aggregate_pct is None:
        found.append(
            Gate(
                "--transfer-authority",
                ZERO,
                None,
                "--transfer-authority: the old plan states no parameters.transfer_authority, so no limit applies "
                "(give --transfer-limit-pct or --transfer-aggregate-pct)",
            )
        )
    if line_pct is not None:
        found.append(_transfer_line_gate(result, line_pct))
    if aggregate_pct is not None:
        found.append(_transfer_aggregate_gate(result, aggregate_pct))
    return found


def _unusable(result: PlanDiff, option: str, limit: Decimal) -> Gate | None:
    budget = result.budget
    if budget is None:
        return Gate(option, limit, None, f"{option}: the budget was not compared, so the gate cannot apply")
    if budget.old_currency != budget.currency:
        why = f"the currency changed ({budget.old_currency} → {budget.currency})"
        return Gate(option, limit, None, f"{option}: {why}, so the totals cannot be compared")
    return None


def _total_gate(result: PlanDiff, option: str, limit: Decimal, direction: str, warns: bool) -> Gate:
    unusable = _unusable(result, option, limit)
    if unusable is not None:
        return unusable
    budget = result.budget
    assert budget is not None
    change = budget.total.difference or ZERO  # in one currency here: never None
    moved = change if direction == "above" else -change
    if option.endswith("-pct"):
        share = budget.total.percent
        exceeded = moved > 0 if share is None else (share if direction == "above" else -share) > limit
        bound = f"{pct(limit, places=6)} of {budget.currency} {money(budget.total.old or ZERO)}"
        shown = pct(limit, places=6).removesuffix("%")
    else:
        exceeded = moved > limit
        bound = f"{budget.currency} {money(limit)}"
        shown = money(limit)
    what = "growth" if direction == "above" else "cut"
    verdict = f"more than the {bound} {what} allowed" if exceeded else f"within the {bound} {what} allowed"
    message = f"{option} {shown}: the plan total {_moved(budget)}, {verdict}"
    if warns:
        return Gate(option, limit, False, message, warns=exceeded)
    return Gate(option, limit, exceeded, message)


def _moved(budget: BudgetDiff) -> str:
    total = budget.total
    change = total.difference or ZERO
    if change == 0:
        return "did not change"
    share = f" ({signed_pct(total.percent)})" if total.percent is not None else ""
    verb = "grew" if change > 0 else "fell"
    return f"{verb} by {budget.currency} {money(abs(change))}{share}"


def _transfer_years(budget: BudgetDiff) -> list[int]:
    """The years whose total is the same in both revisions, and present in both: where money only moved."""
    return [
        item.year
        for item in budget.year_totals
        if item.figure.old is not None and item.figure.new is not None and item.figure.difference == 0
    ]


def _name(budget: BudgetDiff, line: str) -> str:
    names = budget.names.get(line) or {}
    return names.get("en") or next(iter(names.values()), line)


def _transfer_line_gate(result: PlanDiff, limit: Decimal) -> Gate:
    option = "--transfer-limit-pct"
    unusable = _unusable(result, option, limit)
    if unusable is not None:
        return unusable
    budget = result.budget
    assert budget is not None
    years = set(_transfer_years(budget))
    over = []
    for cell in budget.cells:
        if cell.year not in years:
            continue
        old, change = cell.figure.old or ZERO, cell.figure.difference or ZERO
        if change != 0 and (old == 0 or abs(change) * HUNDRED > limit * abs(old)):
            share = f", {signed_pct(change * HUNDRED / old)} of {money(old)}" if old else " from nothing"
            over.append(f"{_name(budget, cell.line)} {cell.year} ({signed_money(change)}{share})")
    shown = pct(limit, places=6)
    if over:
        message = f"{option} {shown.removesuffix('%')}: moved by more than {shown} of the line's figure: " + "; ".join(
            over
        )
    else:
        message = f"{option} {shown.removesuffix('%')}: no line-year moved by more than {shown} of its figure"
        if not years:
            message += " (no year kept its total, so there is no transfer to check)"
    return Gate(option, limit, bool(over), message)


def _transfer_aggregate_gate(result: PlanDiff, limit: Decimal) -> Gate:
    option = "--transfer-aggregate-pct"
    unusable = _unusable(result, option, limit)
    if unusable is not None:
        return unusable
    budget = result.budget
    assert budget is not None
    totals = {item.year: item.figure.old or ZERO for item in budget.year_totals}
    over = []
    for year in _transfer_years(budget):
        moved = sum(
            (
                cell.figure.difference or ZERO
                for cell in budget.cells
                if cell.year == year and (cell.figure.difference or 0) > 0
            ),
            ZERO,
        )
        if moved and (totals[year] == 0 or moved * HUNDRED > limit * totals[year]):
            lines = ", ".join(
                f"{_name(budget, cell.line)} {signed_money(cell.figure.difference or ZERO)}"
                for cell in budget.cells
                if cell.year == year and cell.figure.difference
            )
            share = f"{pct(moved * HUNDRED / totals[year], places=2)} of " if totals[year] else ""
            over.append(f"{year}: {budget.currency} {money(moved)} moved ({share}{money(totals[year])}): {lines}")
    shown = pct(limit, places=6)
    if over:
        message = f"{option} {shown.removesuffix('%')}: moves add up to more than {shown} of the year's budget: " + (
            "; ".join(over)
        )
    else:
        message = f"{option} {shown.removesuffix('%')}: no year's moves add up to more than {shown} of its budget"
    return Gate(option, limit, bool(over), message)
