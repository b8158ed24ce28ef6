"""Indicative contributions: a year's budget shared by a scale of assessment, to the last unit of the plan's precision.

Each contributor's exact quota is `total × weight ÷ sum of weights`. Quotas are rarely whole at the plan's precision
(whole francs, or cents), so they are allocated by the largest-remainder (Hamilton) method: every contributor gets its
quota rounded down, and the units left over go one each to the largest remainders. The shares then add up exactly to
the total, each differs from its quota by less than one unit, and a larger weight never gets a smaller share. This is
how scale-based assessments are usually apportioned when shares must sum to an adopted budget (the United Nations'
scale is applied to a budget the same way, then rounded); the arithmetic here is exact (fractions, no float, no
Decimal division).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction


@dataclass(frozen=True)
class Share:
    """One contributor's part: its weight (scale of assessment, in percent), its exact quota and its share."""

    id: str
    weight: Decimal
    quota: Fraction
    """The exact, unrounded quota: total × weight ÷ sum of weights."""
    amount: Decimal
    """The allocated share at the precision: the quota rounded down, plus one unit for the largest remainders."""


def decimals(value: Decimal) -> int:
    """The number of decimal places a Decimal is written with (0 for 120000 and for 1E+3; 2 for 5944.10)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def largest_remainder(total: Decimal, weights: Sequence[tuple[str, Decimal]], places: int) -> list[Share]:
    """Share `total` among `weights` (id, weight ≥ 0) in units of 10**-places, by largest remainder.

    Returns the shares in scale order: the largest weight first, equal weights by id (then by their order in
    `weights`). Leftover units go to the largest remainders; equal remainders go to the larger weight, then to the
    smaller id, then to the earlier entry, so the result never depends on chance or on the order of the input.

    The shares always add up to `total` exactly. When `total` has more decimals than `places`, it is allocated at
    its own precision instead (a share can never be finer than the total it divides). Raises ValueError when a
    weight is negative or the weights add up to zero, or when `total` is negative.
    """
    if total < 0:
        raise ValueError(f"cannot allocate a negative total ({total})")
    if any(weight < 0 for _, weight in weights):
        raise ValueError("a weight of the scale is negative")
    weight_sum = sum((Fraction(weight) for _, weight in weights), Fraction(0))
    if weight_sum == 0:
        raise ValueError("the scale's weights add up to zero: nothing to allocate by")
    places = max(places, decimals(total), 0)
    unit = Fraction(1, 10**places)
    units_total = Fraction(total) / unit
    assert units_total.denominator == 1  # `places` covers the total's own decimals
    quotas = [Fraction(weight) * Fraction(total) / weight_sum for _, weight in weights]
    floors = [int((quota / unit).__floor__()) for quota in quotas]
    remainders = [quota / unit - floor for quota, floor in zip(quotas, floors, strict=True)]
    left = int(units_total) - sum(floors)
    # Equal remainders: the larger weight, then the smaller id, then the earlier entry.
    by_claim = sorted(range(len(weights)), key=lambda i: (-remainders[i], -weights[i][1], weights[i][0], i))
    units = list(floors)
    for index in by_claim[:left]:
        units[index] += 1
    shares = [
        Share(
            id=weights[i][0],
            weight=weights[i][1],
            quota=quotas[i],
            amount=Decimal(units[i]).scaleb(-places) if places else Decimal(units[i]),
        )
        for i in range(len(weights))
    ]
    order = sorted(range(len(weights)), key=lambda i: (-weights[i][1], weights[i][0], i))
    return [shares[i] for i in order]
