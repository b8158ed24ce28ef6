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

from ..present.message import N_, Code, Message, Money, Percent, SignedMoney, Value, Year
from ..problems import Severity
from .base import Finding, PlanModels, Rule, line_name

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
            figures: dict[str, Value] = {
                "year": Year(year),
                "line": line_name(budget, line.name, line.id),
                "actual": Money(actual),
                "budget": Money(planned),
                "overrun": SignedMoney(overrun),
                "limit": Percent(authority.line_percent, None),
            }
            yield Finding(
                "actuals",
                ("amounts", line.id),
                Message(
                    N_(
                        "{year}: {line} spent {actual} against a budget of {budget} ({overrun}, {share} over), "
                        "beyond the transfer authority of {limit} of the line"
                    ),
                    share=Percent(share, 1, versus=authority.line_percent),
                    **figures,
                )
                if share is not None
                else Message(
                    N_(
                        "{year}: {line} spent {actual} against a budget of {budget} ({overrun}, with no budget for "
                        "the year), beyond the transfer authority of {limit} of the line"
                    ),
                    **figures,
                ),
                Message(
                    N_(
                        "add a note to this file with `explains: [{line}]` saying why, or accept it with a waiver in "
                        "the budget (rule {rule}, subject {subject})"
                    ),
                    line=Code(line.id),
                    rule=Code("transfer-authority"),
                    subject=Code(f"{line.id}/{year}"),
                ),
                f"{line.id}/{year}",
                item=item,
            )
        total_over = sum(over.values(), ZERO)
        whole = year_budget(budget, year)
        if total_over * 100 <= whole * authority.total_percent or all(explained(actuals, i) for i in over):
            continue
        share = execution_percent(total_over, whole)
        totals: dict[str, Value] = {
            "year": Year(year),
            "amount": Money(total_over),
            "limit": Percent(authority.total_percent, None),
        }
        yield Finding(
            "actuals",
            ("amounts",),
            Message(
                N_(
                    "{year}: lines spent {amount} above their budgets together ({share} of the year's budget "
                    "{budget}), beyond the transfer authority of {limit} in aggregate"
                ),
                share=Percent(share, 1, versus=authority.total_percent),
                budget=Money(whole),
                **totals,
            )
            if share is not None
            else Message(
                N_(
                    "{year}: lines spent {amount} above their budgets together (with no budget), beyond the "
                    "transfer authority of {limit} in aggregate"
                ),
                **totals,
            ),
            Message(
                N_(
                    "explain the overruns in notes (`explains: [{lines}]`), or accept it with a waiver in the "
                    "budget (rule {rule}, subject {subject})"
                ),
                lines=Code(", ".join(line_id for line_id in over if not explained(actuals, line_id))),
                rule=Code("transfer-authority"),
                subject=Code(f"total/{year}"),
            ),
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
