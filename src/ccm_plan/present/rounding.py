"""The one rounding rule for every figure ccm-plan shows: half up, at the plan's precision.

Half up (2.5 → 3, −2.5 → −3: away from zero on a tie) is how finance documents and spreadsheets display a figure
(Excel's ROUND, a printed budget). Arithmetic never rounds: `compute` is exact, and only what reaches a person or
a machine format is rounded, here. A rounded zero is always +0: no output shows "-0" or "−0.00".
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ROUNDING = ROUND_HALF_UP
"""The `decimal` rounding mode of every displayed figure (money, percentages, ratios) in every output."""

_STEPS = {places: Decimal(1).scaleb(-places) for places in range(0, 13)}


def round_half_up(value: Decimal | int, places: int) -> Decimal:
    """`value` rounded half up to `places` decimals (0: whole units), never a negative zero.

    >>> round_half_up(Decimal("1762.5"), 0), round_half_up(Decimal("-0.004"), 2), round_half_up(Decimal("2.675"), 2)
    (Decimal('1763'), Decimal('0.00'), Decimal('2.68'))
    """
    step = _STEPS.get(places) or Decimal(1).scaleb(-places)
    rounded = Decimal(value).quantize(step, rounding=ROUNDING)
    if rounded.is_zero():
        return rounded.copy_abs()  # -0.004 → 0.00, and Decimal("-0") → 0
    return rounded


def places_to_show(value: Decimal, places: int) -> int:
    """The decimals that show a non-zero `value` as non-zero: `places`, or more when `places` would read as 0.

    A difference of 0.004 in a plan with cents shows as 0.004, not 0.00; an exact zero keeps `places`.
    """
    if value.is_zero() or not round_half_up(value, places).is_zero():
        return places
    # the first significant digit of |value| is at 10**adjusted(); show down to it
    return max(places, -value.adjusted())


def places_to_tell_apart(first: Decimal, second: Decimal, places: int) -> int:
    """The decimals at which two different figures read differently (`places` when they already do).

    `495,057.12 → 495,057.12` hides a change of 0.001: shown at 3 decimals it reads 495,057.120 → 495,057.121.
    """
    if first == second:
        return places
    needed = places
    while round_half_up(first, needed) == round_half_up(second, needed):
        needed += 1
    return needed
