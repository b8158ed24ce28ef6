"""The contributions file: who the contributors are, their scale of assessment, and what they pledged and paid.

One file per plan (`kind: ccm-plan/contributions`). An entry in a currency other than the plan's carries the rate it
was converted at (`rate`: plan currency per unit of `currency`), so every figure in the plan's currency is exact and
reproducible. Shape only; the rules (`rules/contribution_entries.py`) check rates, years, ids and dates.

    kind: ccm-plan/contributions
    schema_version: 1
    contributors:
      - {id: state-a, name: {en: State A}, scale_percent: 6.111}
    entries:
      - {contributor: state-a, year: 2022, kind: received, date: 2022-02-11, amount: 100000, currency: EUR, rate: 0.9836}
"""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StringConstraints

from .plan import Id, Model, Money, Text, Year, exact_number

CONTRIBUTIONS_KIND = "ccm-plan/contributions"

Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Rate = Annotated[
    Decimal,
    BeforeValidator(exact_number),
    Field(gt=0, description="Units of the plan's currency per unit of the entry's currency (0.9836 CHF per EUR)."),
]
ScalePercent = Annotated[
    Decimal,
    BeforeValidator(exact_number),
    Field(ge=0, le=100, description="The contributor's share on the scale of assessment, in percent (6.111)."),
]


class Contributor(Model):
    """A State (or other donor) that contributes, with its share on the scale of assessment when there is one."""

    id: Id = Field(description="The contributor's stable id (kebab-case): entries refer to it.")
    name: Text = Field(description="The contributor's name, per language.")
    scale_percent: ScalePercent | None = Field(
        default=None,
        description="Its share on the scale of assessment, in percent; indicative contributions are allocated by it.",
    )


class ContributionEntry(Model):
    """A pledge or a payment of one contributor for one year of the plan."""

    contributor: Id = Field(description="The id of the contributor.")
    year: Year = Field(description="The plan year the contribution is for.")
    kind: Literal["pledged", "received"] = Field(description="pledged: promised; received: paid into the account.")
    date: datetime.date | None = Field(
        default=None, description="The date of the pledge or of the payment (YYYY-MM-DD); required for a payment."
    )
    amount: Money = Field(description="The amount, in `currency`.")
    currency: Currency | None = Field(
        default=None, description="The ISO 4217 code of the amount's currency; the plan's currency when omitted."
    )
    rate: Rate | None = Field(
        default=None,
        description="Plan currency per unit of `currency`, as recorded; required when `currency` is not the plan's.",
    )


class Contributions(Model):
    """The contributors, their scale of assessment, and every pledge and payment."""

    kind: Literal["ccm-plan/contributions"] = Field(description="Marks the file as the plan's contributions.")
    schema_version: Literal[1] = Field(description="The version of this file format.")
    contributors: list[Contributor] = Field(min_length=1, description="The contributors, in the order to list them.")
    entries: list[ContributionEntry] = Field(default=[], description="The pledges and payments, in any order.")
