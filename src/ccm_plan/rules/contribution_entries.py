"""contribution-entries: the contributions file fits the plan: contributors, years, currencies, rates and dates.

- Contributor ids are unique, and every entry names a listed contributor.
- Every entry is for a year of the plan's period.
- An entry in another currency than the plan's states its `rate` (plan currency per unit): without it the amount
  has no value in the plan's currency. An entry in the plan's currency has no rate other than 1.
- A payment (`kind: received`) is dated, and its date lies between the start of the year before and the end of
  the year after the year it is for (a later or earlier date is most likely a wrong year).
- The scale of assessment adds up to 100% or less (a warning: indicative contributions are shared by the scale
  as given, normalised to its sum).
- Names are given in every one of the plan's languages.

Passes (a plan in CHF)::

    - {contributor: state-a, year: 2022, kind: received, date: 2022-02-11, amount: 100000, currency: EUR, rate: 0.9836}

Fails (EUR without a rate; 2031 is outside the period)::

    - {contributor: state-a, year: 2031, kind: received, date: 2022-02-11, amount: 100000, currency: EUR}
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..present.message import N_, Code, Message, Number, Percent, Year
from ..problems import Severity
from .base import Finding, PlanModels, Rule, ids, period
from .consistency import _texts

HUNDRED = Decimal(100)


def check(plan: PlanModels) -> Iterator[Finding]:
    contributions = plan.contributions
    if contributions is None:
        return
    budget = plan.budget
    years = budget.period.years
    currency = budget.currency
    contributor_ids: dict[str, int] = {}
    for index, contributor in enumerate(contributions.contributors):
        if contributor.id in contributor_ids:
            yield Finding(
                "contributions",
                ("contributors", index, "id"),
                Message(N_("contributor id '{id}' is used twice"), id=Code(contributor.id)),
                Message(N_("give every contributor its own id; entries refer to it")),
                f"contributor/{contributor.id}/twice",
            )
        contributor_ids.setdefault(contributor.id, index)
    scale = sum((c.scale_percent for c in contributions.contributors if c.scale_percent is not None), Decimal(0))
    if scale > HUNDRED:
        yield Finding(
            "contributions",
            ("contributors",),
            Message(
                N_("the scale of assessment adds up to {sum}, more than {limit}"),
                sum=Percent(scale, None, versus=HUNDRED),
                limit=Percent(HUNDRED, None),
            ),
            Message(
                N_(
                    "correct the scale_percent figures; indicative contributions are shared by the scale normalised "
                    "to its sum"
                )
            ),
            "scale",
            key=True,
            severity=Severity.WARNING,
        )
    known = Message(
        N_("use one of the contributors' ids: {ids}, or add it under `contributors`"), ids=ids(contributor_ids)
    )
    for index, entry in enumerate(contributions.entries):
        path = ("entries", index)
        subject = f"{entry.contributor}/{entry.year}/{entry.kind}"
        if entry.contributor not in contributor_ids:
            yield Finding(
                "contributions",
                (*path, "contributor"),
                Message(N_("'{contributor}' is not a listed contributor"), contributor=Code(entry.contributor)),
                known,
                subject,
            )
        if entry.year not in years:
            yield Finding(
                "contributions",
                (*path, "year"),
                Message(
                    N_("a contribution for {year}, outside the plan's period {period}"),
                    year=Year(entry.year),
                    period=period(years[0], years[-1]),
                ),
                Message(N_("correct the year")),
                subject,
            )
        foreign = entry.currency is not None and entry.currency != currency
        if foreign and entry.rate is None:
            yield Finding(
                "contributions",
                (*path, "currency"),
                Message(
                    N_("an amount in {currency} without its rate: it has no value in the plan's currency {plan}"),
                    currency=Code(str(entry.currency)),
                    plan=Code(currency),
                ),
                Message(
                    N_("add `rate:` ({plan} per {currency}, as recorded on the day)"),
                    plan=Code(currency),
                    currency=Code(str(entry.currency)),
                ),
                subject,
            )
        if not foreign and entry.rate is not None and entry.rate != 1:
            yield Finding(
                "contributions",
                (*path, "rate"),
                Message(
                    N_("a rate of {rate} on an amount in the plan's currency {currency}"),
                    rate=Number(entry.rate),
                    currency=Code(currency),
                ),
                Message(N_("remove the rate, or name the entry's `currency`")),
                subject,
            )
        if entry.kind == "received" and entry.date is None:
            yield Finding(
                "contributions",
                path,
                Message(
                    N_("a payment of {contributor} for {year} without a date"),
                    contributor=Code(entry.contributor),
                    year=Year(entry.year),
                ),
                Message(N_("add `date:` (YYYY-MM-DD), the day the payment was received")),
                subject,
            )
        elif entry.kind == "received" and entry.date is not None and abs(entry.date.year - entry.year) > 1:
            yield Finding(
                "contributions",
                (*path, "date"),
                Message(
                    N_("a payment for {year} received on {date}, more than a year away from it"),
                    year=Year(entry.year),
                    date=Code(str(entry.date)),
                ),
                Message(N_("check the date and the year the payment is for")),
                subject,
            )
    yield from _texts("contributions", contributions, budget.languages)


RULE = Rule(
    "contribution-entries",
    "Contributions name listed contributors and years of the period; other currencies carry their rate; payments are dated.",
    Severity.ERROR,
    check,
    __doc__ or "",
)
