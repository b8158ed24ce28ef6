"""indexation: a line the plan indexes grows each year by its rate, within the tolerance.

`parameters.indexation` lists the lines whose figures follow an index (cost of living, a host's salary scale, a
rent clause): each year's figure should be the previous year's figure × (1 + `percent_per_year` / 100). A year
that differs from that by more than `tolerance_percent` of it is reported at the figure, with the expected
figure and the difference at the plan's precision (a warning: the figure may rest on something the index does
not say, to record in a note or a waiver). The first year of the period is the base and is never reported.

Passes (50,000 indexed by 3% is 51,500)::

    parameters: {indexation: [{line: meetings, percent_per_year: 3, tolerance_percent: 0.1}]}
    meetings: {2025: 50000, 2026: 51500}

Fails (53,500 is 3.9% above 51,500; 3% gives 53,045, a difference of +455)::

    meetings: {2026: 51500, 2027: 53500}
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from ..compute.totals import HUNDRED, find_line, percent
from ..present.message import N_, Code, Message, Money, Percent, SignedMoney, SignedPercent, Value, Year
from ..problems import Severity
from .base import Finding, PlanModels, Rule, line_name


def check(plan: PlanModels) -> Iterator[Finding]:
    budget = plan.budget
    years = budget.period.years
    for indexation in budget.parameters.indexation:
        found = find_line(budget, indexation.line)
        if found is None:
            continue  # an unknown line id is the consistency rule's finding
        index, line = found
        factor = 1 + indexation.percent_per_year / HUNDRED
        for before, year in pairwise(years):
            if before not in line.amounts or year not in line.amounts:
                continue  # a missing year is the period-years rule's finding
            expected = line.amounts[before] * factor
            actual = line.amounts[year]
            if abs(actual - expected) <= abs(expected) * indexation.tolerance_percent / HUNDRED:
                continue
            grown = percent(actual - line.amounts[before], line.amounts[before])
            figures: dict[str, Value] = {
                "year": Year(year),
                "line": line_name(budget, line.name, line.id),
                "amount": Money(actual),
                "previous": Money(line.amounts[before]),
                "previous_year": Year(before),
                "rate": Percent(indexation.percent_per_year, None),
                "expected": Money(expected),
                "difference": SignedMoney(actual - expected),
            }
            message = (
                Message(
                    N_(
                        "{year}: {line} {amount} is {change} on {previous} in {previous_year}; indexed by {rate} it "
                        "is {expected} (a difference of {difference})"
                    ),
                    change=SignedPercent(grown, 1, versus=indexation.percent_per_year),
                    **figures,
                )
                if grown is not None
                else Message(
                    N_(
                        "{year}: {line} {amount} is after {previous} in {previous_year}; indexed by {rate} it is "
                        "{expected} (a difference of {difference})"
                    ),
                    **figures,
                )
            )
            yield Finding(
                "budget",
                ("lines", index, "amounts", year),
                message,
                Message(
                    N_(
                        "correct the figure, or accept it with a waiver (rule {rule}, subject {subject}) that "
                        "records why it departs from the index"
                    ),
                    rule=Code("indexation"),
                    subject=Code(f"{line.id}/{year}"),
                ),
                f"{line.id}/{year}",
            )


RULE = Rule(
    "indexation",
    "Each line the plan indexes is the previous year's figure grown by its rate, within the tolerance.",
    Severity.WARNING,
    check,
    __doc__ or "",
)
