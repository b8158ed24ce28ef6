"""The budget's arithmetic, done once: `validate`, `totals`, `diff` and `export` all read these figures.

Exact throughout: amounts are Decimal (whole currency units in the shipped plan), never float.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from operator import add
from typing import Literal

from ..model.plan import Budget, Leg, Line, Rate, Travel, Workplan

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
    missing: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """Line id → the period years the line has no figure for (a plan with a `period-years` error: a draft). Those
    years hold 0 in `amounts`, so that the sums are of the figures there are; an output shows a missing figure
    as missing, never as 0, and says which totals leave one out (`missing_in`)."""
    cost_types: dict[str, str] = field(default_factory=dict)
    """Line id → cost type (staff, non-staff) of the lines in `missing`, for `missing_in`."""

    def missing_in(self, year: int, cost_type: str | None = None) -> tuple[str, ...]:
        """The ids of the lines (of `cost_type`, or all) with no figure for `year`: what that year's totals leave
        out."""
        return tuple(
            line_id
            for line_id, years in self.missing.items()
            if year in years and (cost_type is None or self.cost_types.get(line_id) == cost_type)
        )

    @property
    def staff_total(self) -> Decimal:
        return sum(self.staff.values(), ZERO)

    @property
    def non_staff_total(self) -> Decimal:
        return sum(self.non_staff.values(), ZERO)


def compute_totals(budget: Budget) -> BudgetTotals:
    """Recompute every total from the line amounts. A year missing from a line adds nothing, and is listed in
    `missing`."""
    years = tuple(budget.period.years)
    amounts: dict[str, dict[int, Decimal]] = {}
    line_totals: dict[str, Decimal] = {}
    # Totals are sums over the lines as written, never over the by-id lookup: two lines sharing an id (a
    # consistency error) must still add up as the table does, not count one of them twice. One pass over the
    # lines, each line's years added column by column (`map` with `add`: no Python loop per figure).
    columns = [ZERO] * len(years)
    staff_columns = [ZERO] * len(years)
    zeros = [ZERO] * len(years)
    missing: dict[str, tuple[int, ...]] = {}
    for line in budget.lines:
        values = list(map(line.amounts.get, years, zeros))
        if len(line.amounts) < len(years) or not all(year in line.amounts for year in years):
            missing[line.id] = tuple(year for year in years if year not in line.amounts)
        amounts[line.id] = dict(zip(years, values, strict=True))
        line_totals[line.id] = sum(values, ZERO)
        columns = list(map(add, columns, values))
        if line.cost_type == "staff":
            staff_columns = list(map(add, staff_columns, values))
    year_totals = dict(zip(years, columns, strict=True))
    staff = dict(zip(years, staff_columns, strict=True))
    return BudgetTotals(
        years=years,
        line_ids=tuple(line.id for line in budget.lines),
        amounts=amounts,
        line_totals=line_totals,
        year_totals=year_totals,
        plan_total=sum(columns, ZERO),
        staff=staff,
        non_staff={year: year_totals[year] - staff[year] for year in years},
        missing={line_id: gaps for line_id, gaps in missing.items() if gaps},
        cost_types={line.id: line.cost_type for line in budget.lines if line.id in missing},
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


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole as a fraction (0.189 for 18.9%), as a spreadsheet's percentage cell holds it; None when
    whole is zero."""
    if whole == 0:
        return None
    return part / whole


def difference(old: Decimal | None, new: Decimal | None) -> tuple[Decimal, Decimal | None]:
    """new − old, and that difference in percent of old, for comparing two revisions of a figure.

    None stands for a figure one revision does not have (a line or a year it lacks) and counts as zero; the
    percentage is None when old is absent or zero.
    """
    change = (new if new is not None else ZERO) - (old if old is not None else ZERO)
    return change, (percent(change, old) if old is not None else None)


def round_money(value: Decimal) -> Decimal:
    """Round half up to whole currency units, as a printed budget does."""
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def rate_expected(base: Decimal, rate_percent: Decimal) -> Decimal:
    """rate × base, exact (not rounded): the rule compares the stated figure against this within a tolerance."""
    return base * rate_percent / HUNDRED


def rate_in(rate: Rate, year: int) -> Decimal | None:
    """The rate in percent for `year`: `rate_percent`, else that year's `rate_percent_by_year`; None when the plan
    states none for the year."""
    if rate.rate_percent is not None:
        return rate.rate_percent
    if rate.rate_percent_by_year is not None:
        return rate.rate_percent_by_year.get(year)
    return None


def rate_base(budget: Budget, rate: Rate, year: int) -> Decimal | None:
    """The sum of the rate's base lines in `year` (a missing year counts as zero); None when a base line is
    unknown (the consistency rule's finding)."""
    total = ZERO
    for line_id in rate.base:
        found = find_line(budget, line_id)
        if found is None:
            return None
        total += found[1].amounts.get(year, ZERO)
    return total


def rate_shares(budget: Budget) -> list[tuple[Rate, dict[int, Decimal | None], Decimal | None]]:
    """Each rate whose lines all exist, with its line as a percentage of its base per year, and over the period:
    the actual share, to set beside the stated rate. A year (or a period) whose base is zero has None."""
    result = []
    for rate in budget.parameters.rates:
        found = find_line(budget, rate.line)
        bases = {year: rate_base(budget, rate, year) for year in budget.period.years}
        if found is None or any(base is None for base in bases.values()):
            continue
        line = found[1]
        parts = {year: line.amounts.get(year, ZERO) for year in budget.period.years}
        by_year = {year: percent(parts[year], bases[year] or ZERO) for year in budget.period.years}
        overall = percent(sum(parts.values(), ZERO), sum((b or ZERO for b in bases.values()), ZERO))
        result.append((rate, by_year, overall))
    return result


def leg_count(leg: Leg, year: int) -> int:
    """Legs of this kind in `year`: its `count_by_year` entry, else `count`."""
    if leg.count_by_year is not None and year in leg.count_by_year:
        return leg.count_by_year[year]
    return leg.count


def leg_cost(leg: Leg, year: int) -> Decimal | None:
    """What one leg of this kind costs in `year`: its `cost_by_year` entry, else `cost`; None when not stated."""
    if leg.cost_by_year is not None and year in leg.cost_by_year:
        return leg.cost_by_year[year]
    return leg.cost


def legs_in(travel: Travel, year: int) -> int:
    """The travel line's legs in `year`, all kinds together."""
    return sum(leg_count(leg, year) for leg in travel.legs)


def travel_expected(travel: Travel, year: int) -> Decimal | None:
    """Σ legs × cost per kind in `year`: what the line should be when every kind states its cost; else None."""
    total = ZERO
    for leg in travel.legs:
        cost = leg_cost(leg, year)
        if cost is None:
            return None
        total += leg_count(leg, year) * cost
    return total


def travel_cost_per_leg(budget: Budget, travel: Travel) -> dict[int, Decimal] | None:
    """The travel line divided by that year's legs, for each year with legs; None when the line is unknown."""
    found = find_line(budget, travel.line)
    if found is None:
        return None
    line = found[1]
    return {
        year: line.amounts.get(year, ZERO) / legs_in(travel, year)
        for year in budget.period.years
        if legs_in(travel, year) > 0
    }


def average_cost_per_leg(budget: Budget, travel: Travel) -> Decimal | None:
    """The plan's own average cost per leg on this travel line over the whole period: total travel ÷ total legs,
    not an average of the yearly averages. None when the line is unknown or has no legs."""
    found = find_line(budget, travel.line)
    years = budget.period.years
    legs = sum(legs_in(travel, year) for year in years)
    if found is None or not legs:
        return None
    total = sum((found[1].amounts.get(year, ZERO) for year in years), ZERO)
    return total / legs


@dataclass(frozen=True)
class LargestLines:
    """The lines to show one by one (the largest, in the plan's order), and the others' sum per year and in all."""

    shown: tuple[str, ...]
    others: tuple[str, ...]
    others_by_year: dict[int, Decimal]
    others_total: Decimal


def largest_lines(totals: BudgetTotals, count: int) -> LargestLines:
    """The `count` lines with the largest totals over the period, in the plan's order (of two equal totals, the
    earlier line), and the sum of all other lines: what a chart of a plan with many lines shows."""
    ranked = sorted(totals.line_ids, key=lambda line_id: -totals.line_totals[line_id])  # stable: plan order on ties
    chosen = set(ranked[: max(count, 0)])
    others = tuple(line_id for line_id in totals.line_ids if line_id not in chosen)
    by_year = {year: sum((totals.amounts[line_id][year] for line_id in others), ZERO) for year in totals.years}
    return LargestLines(
        shown=tuple(line_id for line_id in totals.line_ids if line_id in chosen),
        others=others,
        others_by_year=by_year,
        others_total=sum(by_year.values(), ZERO),
    )


@dataclass(frozen=True)
class Change:
    """How a figure moved from the year before: `amount` = this year − `previous`; `percent` of `previous`."""

    previous_year: int
    previous: Decimal
    amount: Decimal
    percent: Decimal | None


def year_on_year(amounts: Mapping[int, Decimal]) -> dict[int, Change | None]:
    """Each year's change from the year before it (None for the first year). Years are taken in order."""
    result: dict[int, Change | None] = {}
    previous: tuple[int, Decimal] | None = None
    for year in sorted(amounts):
        value = amounts[year]
        if previous is None:
            result[year] = None
        else:
            change = value - previous[1]
            result[year] = Change(previous[0], previous[1], change, percent(change, previous[1]))
        previous = (year, value)
    return result


@dataclass(frozen=True)
class StatedTotal:
    """A total the plan states (`path` in its `document`) beside the figure recomputed from the lines.

    `stated` is None when the plan should state it but does not (a period year missing from `totals.years`).
    """

    document: Literal["budget", "workplan"]
    path: tuple[str | int, ...]
    stated: Decimal | None
    recomputed: Decimal

    @property
    def differs(self) -> bool:
        return self.stated != self.recomputed

    @property
    def label(self) -> str:
        """The dotted key path, as an editor looks for it: totals.years.2023, summary.budget."""
        return ".".join(str(part) for part in self.path)


def stated_totals(budget: Budget, workplan: Workplan | None = None) -> list[StatedTotal]:
    """Every total the plan states, with its recomputed value: each period year, the plan, the summary figure.

    Stated years outside the period are not listed (they are the period-years rule's finding, and no total
    stands for them).
    """
    totals = compute_totals(budget)
    result = [
        StatedTotal("budget", ("totals", "years", year), budget.totals.years.get(year), totals.year_totals[year])
        for year in totals.years
    ]
    result.append(StatedTotal("budget", ("totals", "plan"), budget.totals.plan, totals.plan_total))
    if workplan is not None:
        result.append(StatedTotal("workplan", ("summary", "budget"), workplan.summary.budget, totals.plan_total))
    return result
