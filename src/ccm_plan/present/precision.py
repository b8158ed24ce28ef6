"""The precision of a plan's money: how many decimals every amount of the plan is shown with.

One precision per plan, so that a column of money never mixes `120,000` and `98,406.25`:

1. the precision the budget declares (`decimals: 2`), if it declares one;
2. else 0 (whole units) when every amount of the plan is whole, as in the shipped plan;
3. else the currency's minor unit from CLDR via Babel (2 for CHF and EUR, 0 for JPY, 3 for KWD).

Babel is imported only in case 3: a plan of whole amounts never loads it (`validate`'s start-up stays lean).

What people see is `shown_places`: the plan's precision, or more when an amount of the files has more decimals
(12000.005 in a plan with cents, which rule `amount-precision` reports). Such an amount, and every sum and
difference of it, then reads exactly (`12,000.005`, a difference of `-0.005`), never rounded into another figure
(`12,000.01`), so two different figures never read alike and a change is the difference of the figures shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model.plan import Budget

DEFAULT_MINOR_UNIT = 2
"""The minor unit of a currency code CLDR does not know (ISO 4217 codes are three letters; most have cents)."""


@cache
def currency_places(currency: str) -> int:
    """The decimals of `currency`'s minor unit, per CLDR (CHF → 2, JPY → 0, KWD → 3)."""
    from babel.numbers import get_currency_precision

    try:
        return int(get_currency_precision(currency))
    except Exception:  # an unknown code: Babel's own default is 2 as well
        return DEFAULT_MINOR_UNIT


def money_places(currency: str, amounts: Iterable[Decimal], declared: int | None = None) -> int:
    """The precision of a plan's money: `declared` if given, else 0 when all `amounts` are whole, else the
    currency's minor unit (see the module's docstring)."""
    if declared is not None:
        return declared
    if all(amount == amount.to_integral_value() for amount in amounts):
        return 0
    return currency_places(currency)


def finest_places(amounts: Iterable[Decimal | int], places: int) -> int:
    """`places`, or the decimals of the finest of `amounts` when one has more (trailing zeros do not count):
    12000.005 among figures with cents gives 3; 12000.50 gives `places`."""
    finest = places
    for amount in amounts:
        if isinstance(amount, Decimal):
            exponent = amount.as_tuple().exponent
            if isinstance(exponent, int) and -exponent > finest:  # written finer: count what is not a trailing zero
                exponent = amount.normalize().as_tuple().exponent
                if isinstance(exponent, int):
                    finest = max(finest, -exponent)
    return finest


def shown_places(budget: Budget) -> int:
    """The decimals the budget's money is shown with: `plan_places`, or more when one of its amounts (a line's, a
    stated total) has more decimals, so that it and the sums and differences of it read exactly (see above)."""
    places = plan_places(budget)
    return finest_places(_amounts(budget), places)


def plan_places(budget: Budget) -> int:
    """The precision of the budget's money: its declared `decimals`, else as `money_places` decides from every
    amount it holds (line amounts, stated totals, parameters in currency units)."""
    return money_places(budget.currency, _amounts(budget), budget.decimals)


def _amounts(budget: Budget) -> Iterable[Decimal]:
    for line in budget.lines:
        yield from line.amounts.values()
    yield from budget.totals.years.values()
    yield budget.totals.plan
