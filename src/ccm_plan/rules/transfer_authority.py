"""transfer-authority: an actual above its budget beyond the plan's transfer authority is explained.

The head of a unit may usually move money between budget lines within limits set when the budget is adopted:
a line may exceed its budget for the year by a percentage of that budget, and all lines' overruns together by a
percentage of the year's total budget (`parameters.transfer_authority`: `line_percent`, `total_percent`). An
actual beyond either limit needs a note in that year's actuals file whose `explains` names the line (for the
aggregate: notes naming every line that ran over), or a waiver in the budget (subject `LINE/YEAR`, or
`total/YEAR` for the aggregate). A warning: the spending may be right, but the report must say why. Without
`transfer_authority` in the parameters, nothing is checked.

Passes (travel 15.8% over its budget, beyond a 10% authority, and explained)::

    transfer_authority: {line_percent: 10, total_percent: 5}      # budget.yaml, parameters
    amounts: {travel: 28950.40}                                   # actuals-2022.yaml; budget 25,000
    notes: [{id: travel-2022, text: {en: Meetings in person again.}, explains: [travel]}]

Fails (the same overrun, no note)::

    amounts: {travel: 28950.40}
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from ..present.numbers import money, pct, signed_money
from ..problems import Severity
from .base import Finding, PlanModels, Rule, label

if TYPE_CHECKING:
    from ..model.actuals import Actuals

ZERO = Decimal(0)


def explained(actuals: Actuals, line_id: str) -> bool:
    """True when a note of the actuals file names the line."""
    return any(line_id in note.explains for note in actuals.notes)


def check(plan: PlanModels) -> Iterator[Finding]:
    budget = plan.budget
    authority = budget.parameters.transfer_authority
    if authority is None or not plan.actuals:
        return
    # Here, not at the top: a plan without actuals files (and `validate` starting up) never needs them.
    from ..compute.execution import actuals_by_year, execution_percent, year_budget

    counted = actuals_by_year(plan.actuals)
    names = {line.id: label(line.name, line.id) for line in budget.lines}
    for item, actuals in enumerate(plan.actuals):
        if counted.get(actuals.year) is not actuals or actuals.year not in budget.period.years:
            continue  # a superseded or out-of-period file: rule actuals-files reports it
        year = actuals.year
        over: dict[str, Decimal] = {}
        for line in budget.lines:
            actual = actuals.amounts.get(line.id)
            planned = line.amounts.get(year, ZERO)
            if actual is None or actual <= planned:
                continue
            overrun = actual - planned
            over[line.id] = overrun
            if overrun * 100 <= planned * authority.line_percent or explained(actuals, line.id):
                continue
            share = execution_percent(overrun, planned)
            beyond = f"{pct(share)} over" if share is not None else "with no budget for the year"
            yield Finding(
                "actuals",
                ("amounts", line.id),
                f"{year}: {names[line.id]} spent {money(actual)} against a budget of {money(planned)} "
                f"({signed_money(overrun)}, {beyond}), beyond the transfer authority of "
                f"{pct(authority.line_percent)} of the line",
                f"add a note to this file with `explains: [{line.id}]` saying why, or accept it with a waiver in the "
                f"budget (rule transfer-authority, subject {line.id}/{year})",
                f"{line.id}/{year}",
                item=item,
            )
        total_over = sum(over.values(), ZERO)
        whole = year_budget(budget, year)
        if total_over * 100 <= whole * authority.total_percent or all(explained(actuals, i) for i in over):
            continue
        share = execution_percent(total_over, whole)
        of_budget = f"{pct(share)} of the year's budget {money(whole)}" if share is not None else "with no budget"
        unexplained = ", ".join(line_id for line_id in over if not explained(actuals, line_id))
        yield Finding(
            "actuals",
            ("amounts",),
            f"{year}: lines spent {money(total_over)} above their budgets together ({of_budget}), beyond the "
            f"transfer authority of {pct(authority.total_percent)} in aggregate",
            f"explain the overruns in notes (`explains: [{unexplained}]`), or accept it with a waiver in the "
            f"budget (rule transfer-authority, subject total/{year})",
            f"total/{year}",
            key=True,
            item=item,
        )


RULE = Rule(
    "transfer-authority",
    "An actual above its budget beyond the plan's transfer authority (per line, in aggregate) is explained.",
    Severity.WARNING,
    check,
    __doc__ or "",
)
