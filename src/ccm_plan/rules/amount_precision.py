"""amount-precision: no amount has more decimals than the plan's money has.

A plan's money has one precision (`present.precision`): the `decimals` the budget declares, else the currency's
minor unit (CLDR: 2 for CHF, EUR and USD, 0 for JPY, 3 for KWD). An amount with more decimals (a travel figure
of 48000.005 in a plan of cents) cannot be shown as written: every output rounds it, so the figures a reader adds
up no longer make the total shown beside them, and `fix` would write a total nobody can read back. The same
holds for actuals (plan currency) and for contributions (the precision of each entry's own currency).

Passes::

    currency: USD
    amounts: {2025: 48000.50, 2026: 52500}

Fails (three decimals in a plan of cents)::

    currency: USD
    amounts: {2025: 48000.005, 2026: 52500}
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..present.message import N_, Code, Count, Message
from ..problems import Severity
from .base import Document, Finding, PlanModels, Rule


def decimals_of(amount: Decimal) -> int:
    """The decimals `amount` needs to be written exactly (trailing zeros do not count): 48000.50 → 1, 12 → 0."""
    if amount == amount.to_integral_value():  # a whole amount, as most are: the cheap test (a sixth of the cost)
        return 0
    exponent = amount.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


class _Places:
    """The precision to hold amounts to, looked up only when an amount has decimals at all (a plan of whole
    amounts never loads Babel's currency data)."""

    def __init__(self, declared: int | None, currency: str) -> None:
        self.declared = declared
        self.currency = currency

    def of(self, currency: str | None = None) -> tuple[int, str | None]:
        """(places, currency) for an amount in `currency` (the plan's when None); currency None when the places
        are the budget's declared decimals."""
        from ..present.precision import currency_places

        if currency is None or currency == self.currency:
            if self.declared is not None:
                return self.declared, None
            currency = self.currency
        return currency_places(currency), currency


def _finding(
    document: Document,
    path: tuple[str | int, ...],
    amount: Decimal,
    limit: tuple[int, str | None],
    subject: str,
    item: int,
) -> Finding:
    places, currency = limit
    because = (
        Message(N_("the budget declares decimals: {places}"), places=Count(places))
        if currency is None
        else Message(N_("{currency}'s minor unit is {places} decimals"), currency=Code(currency), places=Count(places))
    )
    hint = (
        Message(N_("round the figure to {places} decimals"), places=Count(places))
        if document == "contributions"
        else Message(
            N_("round the figure to {places} decimals, or declare the precision with `decimals:` in the budget"),
            places=Count(places),
        )
    )
    return Finding(
        document,
        path,
        Message(
            N_("{amount} has {decimals} decimals, more than the plan's money has ({because})"),
            amount=Code(str(amount)),
            decimals=Count(decimals_of(amount)),
            because=because,
        ),
        hint,
        subject,
        item=item,
    )


def check(plan: PlanModels) -> Iterator[Finding]:
    budget = plan.budget
    places = _Places(budget.decimals, budget.currency)

    def over(amount: Decimal, currency: str | None = None) -> tuple[int, str | None] | None:
        needed = decimals_of(amount)
        if needed == 0:
            return None
        limit = places.of(currency)
        return limit if needed > limit[0] else None

    for index, line in enumerate(budget.lines):
        for year, amount in line.amounts.items():
            if (found := over(amount)) is not None:
                yield _finding("budget", ("lines", index, "amounts", year), amount, found, f"{line.id}/{year}", 0)
    for year, amount in budget.totals.years.items():
        if (found := over(amount)) is not None:
            yield _finding("budget", ("totals", "years", year), amount, found, f"totals/{year}", 0)
    if (found := over(budget.totals.plan)) is not None:
        yield _finding("budget", ("totals", "plan"), budget.totals.plan, found, "totals/plan", 0)
    for item, actuals in enumerate(plan.actuals):
        for line_id, amount in actuals.amounts.items():
            if (found := over(amount)) is not None:
                yield _finding(
                    "actuals", ("amounts", line_id), amount, found, f"actuals/{actuals.year}/{line_id}", item
                )
    if plan.contributions is not None:
        for index, entry in enumerate(plan.contributions.entries):
            if (found := over(entry.amount, entry.currency)) is not None:
                at: tuple[str | int, ...] = ("entries", index, "amount")
                yield _finding("contributions", at, entry.amount, found, f"entries/{index}", 0)


RULE = Rule(
    id="amount-precision",
    summary="No amount has more decimals than the plan's money (declared decimals, else the currency's minor unit).",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__ or "",
)
