"""travel-legs: the travel line fits the plan's leg assumption.

The plan states how many legs a year it budgets (`parameters.travel.legs_per_year`) and how they split by
kind (`legs`). The split must add up to the total (an error: the assumption contradicts itself). Each year's
travel amount divided by the legs gives a cost per leg, which must lie within the bounds the plan states: an
absolute `min`/`max`, and/or `tolerance_percent` around the plan's own average cost per leg over the period
(a warning: the figure no longer matches the assumption the note gives).

`parameters.travel` is a list: a plan with several travel lines (staff travel, sponsored delegates) states
each one's legs.

Passes (10 legs, 6 + 4; 25,000 ÷ 10 = 2,500, within 20% of the average 2,433)::

    travel:
      - {line: travel, legs_per_year: 10, legs: [{kind: {en: long-haul}, count: 6},
         {kind: {en: short-haul}, count: 4}], cost_per_leg: {tolerance_percent: 20}}

Fails (6 + 3 is not 10)::

    travel:
      - {line: travel, legs_per_year: 10, legs: [{kind: {en: long-haul}, count: 6},
         {kind: {en: short-haul}, count: 3}], cost_per_leg: {max: 3000}}
"""

from __future__ import annotations

from collections.abc import Iterator

from ..compute.totals import HUNDRED, average_cost_per_leg, find_line, round_money, travel_cost_per_leg
from ..model.plan import Budget, Travel
from ..present.numbers import money, pct
from ..problems import Severity
from .base import Finding, PlanModels, Rule, label

TRAVEL = ("parameters", "travel")


def check(plan: PlanModels) -> Iterator[Finding]:
    budget = plan.budget
    for index, travel in enumerate(budget.parameters.travel):
        yield from _check_travel(budget, (*TRAVEL, index), travel)


def _check_travel(budget: Budget, where: tuple[str | int, ...], travel: Travel) -> Iterator[Finding]:
    split = sum(leg.count for leg in travel.legs)
    if split != travel.legs_per_year:
        counts = " + ".join(str(leg.count) for leg in travel.legs)
        yield Finding(
            "budget",
            (*where, "legs"),
            f"the legs by kind add up to {counts} = {split}, not the {travel.legs_per_year} legs a year "
            "the plan assumes",
            "make the counts by kind add up to legs_per_year",
            f"parameters/travel/{travel.line}/legs",
            key=True,
            severity=Severity.ERROR,
        )
    bounds = travel.cost_per_leg
    if bounds.min is None and bounds.max is None and bounds.tolerance_percent is None:
        yield Finding(
            "budget",
            (*where, "cost_per_leg"),
            "no bounds are stated for the cost per leg",
            "state min, max or tolerance_percent",
            f"parameters/travel/{travel.line}/cost_per_leg",
            key=True,
            severity=Severity.ERROR,
        )
        return
    found = find_line(budget, travel.line)
    per_leg = travel_cost_per_leg(budget, travel)
    average = average_cost_per_leg(budget, travel)
    if found is None or per_leg is None or average is None:
        return
    index, line = found
    low, high, basis = bounds.min, bounds.max, "the plan's bounds"
    if bounds.tolerance_percent is not None:
        around = average * bounds.tolerance_percent / HUNDRED
        low = max(low, average - around) if low is not None else average - around
        high = min(high, average + around) if high is not None else average + around
        basis = f"{pct(bounds.tolerance_percent)} around the plan's average of {money(round_money(average))} a leg"
    for year, cost in per_leg.items():
        if year not in line.amounts:
            continue
        if (low is not None and cost < low) or (high is not None and cost > high):
            band = f"{money(round_money(low)) if low is not None else '0'}–{money(round_money(high)) if high is not None else '∞'}"
            yield Finding(
                "budget",
                ("lines", index, "amounts", year),
                f"{year}: {label(line.name, line.id)} {money(line.amounts[year])} is {money(round_money(cost))} a leg over "
                f"{travel.legs_per_year} legs, outside {band} ({basis})",
                "revise the travel figure, or the leg assumption and its note",
                f"{line.id}/{year}",
            )


RULE = Rule(
    "travel-legs",
    "The leg split adds up, and each year's travel cost per leg lies within the plan's bounds.",
    Severity.WARNING,
    check,
    __doc__ or "",
)
