"""stated-totals: every total the plan states equals the sum it stands for.

Each year's stated total must equal the sum of that year's lines; the plan's stated total must equal the sum
of all lines over all years; the work plan's summary budget figure must equal it too. A stale total is the
commonest error after a late edit, so this is an error; `ccm-plan fix` rewrites the stated totals.

Passes::

    lines:
      - {id: salaries, amounts: {2021: 100, 2022: 120}, ...}
      - {id: travel, amounts: {2021: 50, 2022: 50}, ...}
    totals: {years: {2021: 150, 2022: 170}, plan: 320}

Fails (2022 should be 170, the plan 320)::

    totals: {years: {2021: 150, 2022: 160}, plan: 310}
"""

from __future__ import annotations

from collections.abc import Iterator

from ..compute import compute_totals
from ..numbers import money, signed_money
from ..problems import Severity
from .base import Finding, PlanModels, Rule

HINT = "run `ccm-plan fix` to rewrite the stated totals from the lines, or correct the line amounts"


def check(plan: PlanModels) -> Iterator[Finding]:
    budget = plan.budget
    totals = compute_totals(budget)
    for year, stated in budget.totals.years.items():
        if year not in totals.year_totals:
            continue  # a year outside the period is the period-years rule's finding
        actual = totals.year_totals[year]
        if stated != actual:
            yield Finding(
                "budget",
                ("totals", "years", year),
                f"{year}: stated total {money(stated)} but the lines add up to {money(actual)} "
                f"(difference {signed_money(stated - actual)})",
                HINT,
                f"totals/{year}",
            )
    if budget.totals.plan != totals.plan_total:
        yield Finding(
            "budget",
            ("totals", "plan"),
            f"stated plan total {money(budget.totals.plan)} but the lines add up to "
            f"{money(totals.plan_total)} (difference {signed_money(budget.totals.plan - totals.plan_total)})",
            HINT,
            "totals/plan",
        )
    if plan.workplan is not None and plan.workplan.summary.budget != totals.plan_total:
        stated = plan.workplan.summary.budget
        yield Finding(
            "workplan",
            ("summary", "budget"),
            f"the summary states a budget of {money(stated)} but the budget's lines add up to "
            f"{money(totals.plan_total)} (difference {signed_money(stated - totals.plan_total)})",
            HINT,
            "summary/budget",
        )


RULE = Rule(
    "stated-totals",
    "Stated year totals, the plan total and the summary figure equal the sums of the lines.",
    Severity.ERROR,
    check,
    __doc__ or "",
)
