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
from decimal import Decimal

from ..compute.totals import StatedTotal
from ..compute.totals import stated_totals as recompute_stated
from ..present.message import N_, Message, Money, SignedMoney, Year
from ..problems import Severity
from .base import Finding, PlanModels, Rule

HINT = Message(N_("run `ccm-plan fix` to rewrite the stated totals from the lines, or correct the line amounts"))


def _what(total: StatedTotal) -> tuple[Message, str]:
    """The message for one stated total and its waiver subject."""
    figure = total.stated if total.stated is not None else Decimal(0)
    stated, recomputed = Money(figure, versus=total.recomputed), Money(total.recomputed, versus=figure)
    difference = SignedMoney(figure - total.recomputed)
    if total.document == "workplan":
        return Message(
            N_(
                "the summary states a budget of {stated} but the budget's lines add up to {recomputed} "
                "(difference {difference})"
            ),
            stated=stated,
            recomputed=recomputed,
            difference=difference,
        ), "summary/budget"
    if total.path[-1] == "plan":
        return Message(
            N_("stated plan total {stated} but the lines add up to {recomputed} (difference {difference})"),
            stated=stated,
            recomputed=recomputed,
            difference=difference,
        ), "totals/plan"
    year = total.path[-1]
    return Message(
        N_("{year}: stated total {stated} but the lines add up to {recomputed} (difference {difference})"),
        year=Year(int(year)),
        stated=stated,
        recomputed=recomputed,
        difference=difference,
    ), f"totals/{year}"


def check(plan: PlanModels) -> Iterator[Finding]:
    # The same comparison `ccm-plan fix` rewrites from, so the two never disagree.
    for total in recompute_stated(plan.budget, plan.workplan):
        if total.stated is None or not total.differs:
            continue  # a year missing from the stated totals is the period-years rule's finding
        message, subject = _what(total)
        yield Finding(total.document, total.path, message, HINT, subject)


RULE = Rule(
    "stated-totals",
    "Stated year totals, the plan total and the summary figure equal the sums of the lines.",
    Severity.ERROR,
    check,
    __doc__ or "",
)
