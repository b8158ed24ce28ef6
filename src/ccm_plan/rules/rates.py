"""rates: each line the plan states as a rate of other lines is that rate of their sum, in every year.

`parameters.rates` lists them: social charges as a percentage of salaries, a host's programme support costs as
a percentage of all other lines. Each names its line, its base (one or more lines, added together), the rate
(`rate_percent` for every year, or `rate_percent_by_year`) and a rounding tolerance in currency units. A year
whose figure differs from rate × base by more than the tolerance is reported at the figure, with the actual
percentage, the figure the rate gives and the difference, rounded as the plan's amounts are (a warning: the
figure may have been adopted as printed, for a reason to record). A rate stated both ways or for no year of
the period, a year without a rate, or a line that is part of its own base is an error: the rate cannot be
checked. This rule replaces `social-security-rate` (schema version 1), which is retired.

Passes (20% of 341,405 is 68,281)::

    parameters:
      rates:
        - {id: social-security, line: social-security, base: [salaries], rate_percent: 20, tolerance: 1}
    salaries:        {2021: 341405}
    social-security: {2021: 68281}

Fails (69,176 is 18.9% of 365,881; 20% would be 73,176, a difference of −4,000)::

    salaries:        {2023: 365881}
    social-security: {2023: 69176}
"""

from __future__ import annotations

from collections.abc import Iterator

from ..compute.totals import find_line, percent, rate_base, rate_expected, rate_in
from ..model.plan import Budget, Rate
from ..present.numbers import money, pct, signed_money
from ..present.precision import plan_places
from ..present.rounding import round_half_up
from ..problems import Severity
from .base import Finding, PlanModels, Rule, label

RATES = ("parameters", "rates")


def check(plan: PlanModels) -> Iterator[Finding]:
    budget = plan.budget
    places = plan_places(budget)
    for index, rate in enumerate(budget.parameters.rates):
        yield from _check_rate(budget, index, rate, places)


def _check_rate(budget: Budget, index: int, rate: Rate, places: int) -> Iterator[Finding]:
    where = (*RATES, index)
    if (rate.rate_percent is None) == (rate.rate_percent_by_year is None):
        both = rate.rate_percent is not None
        yield Finding(
            "budget",
            (*where, "rate_percent_by_year" if both else "id"),
            f"rate '{rate.id}' states {'both rate_percent and rate_percent_by_year' if both else 'no rate'}",
            "state rate_percent (every year) or rate_percent_by_year (year by year), not both",
            f"{rate.id}/rate",
            key=True,
            severity=Severity.ERROR,
        )
        return
    if rate.line in rate.base:
        yield Finding(
            "budget",
            (*where, "base", rate.base.index(rate.line)),
            f"rate '{rate.id}': line '{rate.line}' is part of its own base",
            "the base lists the other lines the rate applies to",
            f"{rate.id}/base",
            severity=Severity.ERROR,
        )
        return
    found = find_line(budget, rate.line)
    if found is None or any(find_line(budget, line_id) is None for line_id in rate.base):
        return  # unknown line ids are the consistency rule's finding
    line_index, line = found
    base_text = _base_text(budget, rate)
    for year in budget.period.years:
        stated = rate_in(rate, year)
        if stated is None:
            yield Finding(
                "budget",
                (*where, "rate_percent_by_year"),
                f"rate '{rate.id}' states no rate for {year}",
                f"add {year} to rate_percent_by_year",
                f"{rate.id}/{year}",
                key=True,
                severity=Severity.ERROR,
            )
            continue
        base = rate_base(budget, rate, year)
        if base is None or year not in line.amounts:
            continue
        actual = line.amounts[year]
        expected = rate_expected(base, stated)
        if abs(actual - expected) <= rate.tolerance:
            continue
        share = percent(actual, base)
        share_text = f"is {pct(share)} of" if share is not None else "is set while"
        yield Finding(
            "budget",
            ("lines", line_index, "amounts", year),
            f"{year}: {label(line.name, line.id)} {money(actual, places)} {share_text} {base_text} {money(base, places)}; "
            f"the plan's rate is {pct(stated, 2)} ({money(round_half_up(expected, places), places)}, a difference of "
            f"{signed_money(round_half_up(actual - expected, places), places)})",
            f"correct the figure, or accept it with a waiver (rule rates, subject {line.id}/{year}) "
            "that records why it differs",
            f"{line.id}/{year}",
        )


def _base_text(budget: Budget, rate: Rate) -> str:
    """The base as a message names it: its line (salaries), a few lines joined, or their number."""
    names = []
    for line_id in rate.base:
        found = find_line(budget, line_id)
        names.append(label(found[1].name, line_id) if found is not None else line_id)
    if len(names) <= 3:
        return " + ".join(names)
    return f"its {len(names)} base lines"


RULE = Rule(
    "rates",
    "Each line stated as a rate of other lines is that rate of their sum in every year, within the tolerance.",
    Severity.WARNING,
    check,
    __doc__ or "",
)
