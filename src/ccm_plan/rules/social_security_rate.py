"""social-security-rate: social security is the plan's rate of its base line (salaries), in every year.

The rate, the two lines and the rounding tolerance are the plan's data (`parameters.social_security`). A year
whose figure differs from rate × base by more than the tolerance is reported with the actual percentage and
the figure the rate gives. A warning: the figure may have been adopted as printed, for a reason to record.

Passes (20% of 341,405 is 68,281)::

    parameters: {social_security: {line: social-security, base_line: salaries, rate_percent: 20, tolerance: 1}}
    salaries:        {2021: 341405}
    social-security: {2021: 68281}

Fails (69,176 is 18.9% of 365,881; 20% would be 73,176)::

    salaries:        {2023: 365881}
    social-security: {2023: 69176}
"""

from __future__ import annotations

from collections.abc import Iterator

from ..compute.totals import find_line, percent, round_money, social_security_expected
from ..present.numbers import money, pct
from ..problems import Severity
from .base import Finding, PlanModels, Rule, label


def check(plan: PlanModels) -> Iterator[Finding]:
    budget = plan.budget
    parameters = budget.parameters.social_security
    if parameters is None:
        return
    found, base_found = find_line(budget, parameters.line), find_line(budget, parameters.base_line)
    if found is None or base_found is None:
        return  # unknown line ids are the consistency rule's finding
    index, line = found
    base_line = base_found[1]
    for year in budget.period.years:
        if year not in line.amounts or year not in base_line.amounts:
            continue
        actual, base = line.amounts[year], base_line.amounts[year]
        expected = social_security_expected(base, parameters.rate_percent)
        if abs(actual - expected) <= parameters.tolerance:
            continue
        share = percent(actual, base)
        share_text = f"is {pct(share)} of" if share is not None else "is set while"
        yield Finding(
            "budget",
            ("lines", index, "amounts", year),
            f"{year}: {label(line.name, line.id)} {money(actual)} {share_text} {label(base_line.name, base_line.id)} {money(base)}; "
            f"the plan's rate is {pct(parameters.rate_percent, 2)} ({money(round_money(expected))})",
            f"correct the figure, or accept it with a waiver (rule social-security-rate, subject {line.id}/{year}) "
            "that records why it differs",
            f"{line.id}/{year}",
        )


RULE = Rule(
    "social-security-rate",
    "Social security is the plan's rate of salaries in every year, within the rounding tolerance.",
    Severity.WARNING,
    check,
    __doc__ or "",
)
