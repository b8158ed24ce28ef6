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
from ..present.message import N_, Code, Count, Message, Money, Percent, SignedMoney, Value, Year
from ..problems import Severity
from .base import Finding, PlanModels, Rule, line_name

RATES = ("parameters", "rates")


def check(plan: PlanModels) -> Iterator[Finding]:
    budget = plan.budget
    for index, rate in enumerate(budget.parameters.rates):
        yield from _check_rate(budget, index, rate)


def _check_rate(budget: Budget, index: int, rate: Rate) -> Iterator[Finding]:
    where = (*RATES, index)
    if (rate.rate_percent is None) == (rate.rate_percent_by_year is None):
        both = rate.rate_percent is not None
        yield Finding(
            "budget",
            (*where, "rate_percent_by_year" if both else "id"),
            Message(N_("rate '{rate}' states both rate_percent and rate_percent_by_year"), rate=Code(rate.id))
            if both
            else Message(N_("rate '{rate}' states no rate"), rate=Code(rate.id)),
            Message(N_("state rate_percent (every year) or rate_percent_by_year (year by year), not both")),
            f"{rate.id}/rate",
            key=True,
            severity=Severity.ERROR,
        )
        return
    if rate.line in rate.base:
        yield Finding(
            "budget",
            (*where, "base", rate.base.index(rate.line)),
            Message(
                N_("rate '{rate}': line '{line}' is part of its own base"), rate=Code(rate.id), line=Code(rate.line)
            ),
            Message(N_("the base lists the other lines the rate applies to")),
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
                Message(N_("rate '{rate}' states no rate for {year}"), rate=Code(rate.id), year=Year(year)),
                Message(N_("add {year} to rate_percent_by_year"), year=Year(year)),
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
        figures: dict[str, Value] = {
            "year": Year(year),
            "line": line_name(budget, line.name, line.id),
            "amount": Money(actual),
            "base": base_text,
            "base_amount": Money(base),
            "rate": Percent(stated, None),
            "expected": Money(expected),
            "difference": SignedMoney(actual - expected),
        }
        if share is not None:
            message = Message(
                N_(
                    "{year}: {line} {amount} is {share} of {base} {base_amount}; the plan's rate is {rate} "
                    "({expected}, a difference of {difference})"
                ),
                share=Percent(share, versus=stated),
                **figures,
            )
        else:
            message = Message(
                N_(
                    "{year}: {line} {amount} is set while {base} is {base_amount}; the plan's rate is {rate} "
                    "({expected}, a difference of {difference})"
                ),
                **figures,
            )
        yield Finding(
            "budget",
            ("lines", line_index, "amounts", year),
            message,
            Message(
                N_(
                    "correct the figure, or accept it with a waiver (rule {rule}, subject {subject}) that records "
                    "why it differs"
                ),
                rule=Code("rates"),
                subject=Code(f"{line.id}/{year}"),
            ),
            f"{line.id}/{year}",
        )


def _base_text(budget: Budget, rate: Rate) -> Value:
    """The base as a message names it: its line (Salaries), a few lines joined, or their number."""
    names: list[Value] = []
    for line_id in rate.base:
        found = find_line(budget, line_id)
        names.append(line_name(budget, found[1].name, line_id) if found is not None else Code(line_id))
    if len(names) == 1:
        return names[0]
    if len(names) <= 3:
        fields = {f"line{number}": name for number, name in enumerate(names)}
        return Message(" + ".join(f"{{{key}}}" for key in fields), **fields)
    return Message(N_("its {count} base lines"), count=Count(len(names)))


RULE = Rule(
    "rates",
    "Each line stated as a rate of other lines is that rate of their sum in every year, within the tolerance.",
    Severity.WARNING,
    check,
    __doc__ or "",
)
