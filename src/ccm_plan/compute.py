"""The budget's arithmetic, done once: `validate`, `totals`, `diff` and `export` all read these figures.

Exact throughout: amounts are Decimal (whole currency units in the shipped plan), never float.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .model import Budget, Line

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class BudgetTotals:
    """Totals recomputed from the lines: per line, per year, per cost type, and for the whole plan."""

    years: tuple[int, ...]
    line_ids: tuple[str, ...]
    amounts: dict[str, dict[int, Decimal]]
    line_totals: dict[str, Decimal]
    year_totals: dict[int, Decimal]
    plan_total: Decimal
    staff: dict[int, Decimal]
    non_staff: dict[int, Decimal]

    @property
    def staff_total(self) -> Decimal:
        return sum(self.staff.values(), ZERO)

    @property
    def non_staff_total(self) -> Decimal:
        return sum(self.non_staff.values(), ZERO)


def compute_totals(budget: Budget) -> BudgetTotals:
    """Recompute every total from the line amounts. Years missing from a line count as zero."""
    years = tuple(budget.period.years)
    amounts = {line.id: {year: line.amounts.get(year, ZERO) for year in years} for line in budget.lines}
    year_totals = {year: sum((amounts[line.id][year] for line in budget.lines), ZERO) for year in years}
    staff = {
        year: sum((amounts[line.id][year] for line in budget.lines if line.cost_type == "staff"), ZERO)
        for year in years
    }
    return BudgetTotals(
        years=years,
        line_ids=tuple(line.id for line in budget.lines),
        amounts=amounts,
        line_totals={line_id: sum(by_year.values(), ZERO) for line_id, by_year in amounts.items()},
        year_totals=year_totals,
        plan_total=sum(year_totals.values(), ZERO),
        staff=staff,
        non_staff={year: year_totals[year] - staff[year] for year in years},
    )


def find_line(budget: Budget, line_id: str) -> tuple[int, Line] | None:
    """The index and line with this id, or None."""
    for index, line in enumerate(budget.lines):
        if line.id == line_id:
            return index, line
    return None


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole × 100, exact to many places; None when whole is zero."""
    if whole == 0:
        return None
    return part * HUNDRED / whole


def round_money(value: Decimal) -> Decimal:
    """Round half up to whole currency units, as a printed budget does."""
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def social_security_expected(base: Decimal, rate_percent: Decimal) -> Decimal:
    """rate × base, exact (not rounded): the rule compares the stated figure against this within a tolerance."""
    return base * rate_percent / HUNDRED


def travel_cost_per_leg(budget: Budget) -> dict[int, Decimal] | None:
    """The travel line divided by the legs per year, per year; None when the plan states no travel assumption."""
    travel = budget.parameters.travel
    if travel is None:
        return None
    found = find_line(budget, travel.line)
    if found is None:
        return None
    line = found[1]
    return {year: line.amounts.get(year, ZERO) / travel.legs_per_year for year in budget.period.years}


def average_cost_per_leg(budget: Budget) -> Decimal | None:
    """The plan's own average cost per leg over the whole period."""
    per_leg = travel_cost_per_leg(budget)
    if not per_leg:
        return None
    return sum(per_leg.values(), ZERO) / len(per_leg)
