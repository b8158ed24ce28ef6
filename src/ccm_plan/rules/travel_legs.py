"""travel-legs: each travel line fits the plan's assumption about its legs, kind by kind.

`parameters.travel` lists the travel lines (staff travel, sponsored delegates), each with its legs by kind
(`legs`: a `count` a year, or `count_by_year` where a year differs) and either:

- a cost per kind (`cost`, or `cost_by_year`): each year's figure must be Σ legs × cost within `tolerance`
  (a warning at the figure, with the expected figure and the difference); or
- bounds on the cost per leg (`cost_per_leg`: an absolute `min`/`max`, and/or `tolerance_percent` around the
  line's own average over the period): each year's figure divided by that year's legs must lie within them.

When `legs_per_year` is stated, the counts by kind must add up to it; a travel line with neither a cost for
every kind nor bounds, or with a cost for some kinds only, cannot be checked. These are errors: the assumption
contradicts itself.

Passes (10 legs, 6 + 4; 25,000 ÷ 10 = 2,500, within 20% of the average 2,433)::

    travel:
      - {line: travel, legs_per_year: 10, legs: [{kind: {en: long-haul}, count: 6},
         {kind: {en: short-haul}, count: 4}], cost_per_leg: {tolerance_percent: 20}}

Fails (6 + 3 is not 10)::

    travel:
      - {line: travel, legs_per_year: 10, legs: [{kind: {en: long-haul}, count: 6},
         {kind: {en: short-haul}, count: 3}], cost_per_leg: {max: 3000}}

Passes (sponsored delegates: 10 legs of 2,500, 12 in 2027; the line is 25,000, and 30,000 in 2027)::

    travel:
      - {line: delegate-travel, legs: [{kind: {en: delegate}, count: 10, count_by_year: {2027: 12},
         cost: 2500}]}

Fails (the same assumption with 28,000 in 2027: 2,000 less than 12 × 2,500)::

    delegate-travel: {2027: 28000}
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..compute.totals import (
    HUNDRED,
    average_cost_per_leg,
    find_line,
    leg_cost,
    legs_in,
    travel_cost_per_leg,
    travel_expected,
)
from ..model.plan import Budget, Travel
from ..present.message import N_, Code, Count, Message, Money, Percent, SignedMoney, Term, Value, Year
from ..problems import Severity
from .base import Finding, PlanModels, Rule, line_name

TRAVEL = ("parameters", "travel")


def check(plan: PlanModels) -> Iterator[Finding]:
    budget = plan.budget
    for index, travel in enumerate(budget.parameters.travel):
        yield from _check_travel(budget, (*TRAVEL, index), travel)


def _check_travel(budget: Budget, where: tuple[str | int, ...], travel: Travel) -> Iterator[Finding]:
    if travel.legs_per_year is not None:
        split = sum(leg.count for leg in travel.legs)
        if split != travel.legs_per_year:
            counts: dict[str, Value] = {f"count{number}": Count(leg.count) for number, leg in enumerate(travel.legs)}
            yield Finding(
                "budget",
                (*where, "legs"),
                Message(
                    N_("the legs by kind add up to {counts} = {sum}, not the {legs} legs a year the plan assumes"),
                    counts=Message(" + ".join(f"{{{key}}}" for key in counts), **counts),
                    sum=Count(split),
                    legs=Count(travel.legs_per_year),
                ),
                Message(N_("make the counts by kind add up to legs_per_year")),
                f"parameters/travel/{travel.line}/legs",
                key=True,
                severity=Severity.ERROR,
            )
    years = budget.period.years
    costed = [any(leg_cost(leg, year) is not None for year in years) for leg in travel.legs]
    if any(costed) and not all(costed):
        index = costed.index(False)
        yield Finding(
            "budget",
            (*where, "legs", index),
            Message(
                N_("travel line '{line}' states a cost for some kinds of leg but not for this one"),
                line=Code(travel.line),
            ),
            Message(N_("state `cost` for every kind of leg, or for none (and bounds in cost_per_leg)")),
            f"parameters/travel/{travel.line}/legs",
            severity=Severity.ERROR,
        )
        return
    bounds = travel.cost_per_leg
    unbounded = bounds is None or (bounds.min is None and bounds.max is None and bounds.tolerance_percent is None)
    if not any(costed) and unbounded:
        yield Finding(
            "budget",
            (*where, "cost_per_leg") if bounds is not None else where,
            Message(N_("no bounds are stated for the cost per leg")),
            Message(N_("state min, max or tolerance_percent under cost_per_leg, or a cost for each kind of leg")),
            f"parameters/travel/{travel.line}/cost_per_leg",
            key=bounds is not None,
            severity=Severity.ERROR,
        )
        return
    found = find_line(budget, travel.line)
    if found is None:
        return  # an unknown line id is the consistency rule's finding
    index, line = found
    if all(costed):
        yield from _against_costs(budget, index, travel)
    if bounds is None or unbounded:
        return
    per_leg = travel_cost_per_leg(budget, travel)
    average = average_cost_per_leg(budget, travel)
    if per_leg is None or average is None:
        return
    low, high = bounds.min, bounds.max
    basis: Value = Term(N_("the plan's bounds"))
    if bounds.tolerance_percent is not None:
        around = average * bounds.tolerance_percent / HUNDRED
        low = max(low, average - around) if low is not None else average - around
        high = min(high, average + around) if high is not None else average + around
        basis = Message(
            N_("{tolerance} around the plan's average of {average} a leg"),
            tolerance=Percent(bounds.tolerance_percent, None),
            average=Money(average),
        )
    for year, cost in per_leg.items():
        if year not in line.amounts:
            continue
        if (low is not None and cost < low) or (high is not None and cost > high):
            band = Message(
                "{low}–{high}",
                low=Money(low if low is not None else Decimal(0)),
                high=Money(high) if high is not None else "∞",
            )
            yield Finding(
                "budget",
                ("lines", index, "amounts", year),
                Message(
                    N_("{year}: {line} {amount} is {per_leg} a leg over {legs} legs, outside {band} ({basis})"),
                    year=Year(year),
                    line=line_name(budget, line.name, line.id),
                    amount=Money(line.amounts[year]),
                    per_leg=Money(cost),
                    legs=Count(legs_in(travel, year)),
                    band=band,
                    basis=basis,
                ),
                Message(N_("revise the travel figure, or the leg assumption and its note")),
                f"{line.id}/{year}",
            )


def _against_costs(budget: Budget, index: int, travel: Travel) -> Iterator[Finding]:
    """Each year's figure against Σ legs × cost per kind, at the plan's precision."""
    line = budget.lines[index]
    for year in budget.period.years:
        expected = travel_expected(travel, year)
        if expected is None or year not in line.amounts:
            continue
        actual = line.amounts[year]
        if abs(actual - expected) <= travel.tolerance:
            continue
        yield Finding(
            "budget",
            ("lines", index, "amounts", year),
            Message(
                N_(
                    "{year}: {line} {amount} is not its {legs} legs at the plan's cost per kind ({expected}, a "
                    "difference of {difference})"
                ),
                year=Year(year),
                line=line_name(budget, line.name, line.id),
                amount=Money(actual),
                legs=Count(legs_in(travel, year)),
                expected=Money(expected),
                difference=SignedMoney(actual - expected),
            ),
            Message(N_("revise the travel figure, or the legs and costs of the assumption")),
            f"{line.id}/{year}",
        )


RULE = Rule(
    "travel-legs",
    "Each travel line is its legs × cost per kind, or its cost per leg lies within the plan's bounds.",
    Severity.WARNING,
    check,
    __doc__ or "",
)
