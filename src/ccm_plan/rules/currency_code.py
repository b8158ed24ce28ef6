"""currency-code: every currency the plan names is an ISO 4217 code in current use.

The budget's `currency` (and the work plan's, when it states another), and each contribution's own `currency`,
must be a code a bank, a donor and CLDR's number formats know: `currency: XYZ` would print every figure with an
unknown code, and its minor unit (the plan's precision) would be a guess. The codes are CLDR's currencies in use
today (`present.currencies`): ISO 4217's, legal tender or not; a withdrawn currency (DEM, HRK) is reported too.

Passes::

    currency: CHF

Fails (no such currency; the hint suggests the nearest code, CHF)::

    currency: CFH
"""

from __future__ import annotations

from collections.abc import Iterator

from ..present.currencies import CODES
from ..present.message import N_, Code, Message
from ..problems import Severity
from .base import Document, Finding, PlanModels, Rule

# Three-letter names people write for a currency that are not its code (YEN is the Yemeni rial's YER by spelling).
ALIASES = {"YEN": "JPY", "RMB": "CNY", "SFR": "CHF", "SWF": "CHF", "UKP": "GBP", "STG": "GBP", "NIS": "ILS"}


def _finding(document: Document, path: tuple[str | int, ...], code: str, subject: str) -> Finding:
    from difflib import get_close_matches  # only when there is a finding: validate's start-up stays lean

    nearest = [ALIASES[code]] if code in ALIASES else get_close_matches(code, sorted(CODES), n=1, cutoff=0.6)
    hint = (
        Message(
            N_("write the ISO 4217 code of the currency the amounts are in: {code}, if that is the one meant"),
            code=Code(nearest[0]),
        )
        if nearest
        else Message(N_("write the ISO 4217 code of the currency the amounts are in (CHF, EUR, USD, …)"))
    )
    return Finding(
        document,
        path,
        Message(N_("{code} is not an ISO 4217 currency code in current use"), code=Code(code)),
        hint,
        subject,
    )


def check(plan: PlanModels) -> Iterator[Finding]:
    budget = plan.budget
    if budget.currency not in CODES:
        yield _finding("budget", ("currency",), budget.currency, "currency/budget")
    workplan = plan.workplan
    if workplan is not None and workplan.currency != budget.currency and workplan.currency not in CODES:
        yield _finding("workplan", ("currency",), workplan.currency, "currency/workplan")
    if plan.contributions is not None:
        for index, entry in enumerate(plan.contributions.entries):
            if entry.currency is not None and entry.currency not in CODES:
                yield _finding("contributions", ("entries", index, "currency"), entry.currency, f"entries/{index}")


RULE = Rule(
    id="currency-code",
    summary="Every currency the plan names (budget, work plan, contributions) is an ISO 4217 code in current use.",
    severity=Severity.ERROR,
    check=check,
    doc=__doc__ or "",
)
