"""The actuals file: what was spent against each budget line in one year, as the year's financial report states it.

One file per year (`kind: ccm-plan/actuals`), audited for a closed year and preliminary for the current one. Shape
only, as in `plan.py`: the lines and the year must exist in the plan, the year must not be reported twice, and an
actual above its budget must be explained; those are rules (`rules/actuals_files.py`, `rules/transfer_authority.py`).

    kind: ccm-plan/actuals
    schema_version: 1
    year: 2022
    status: audited            # or preliminary
    as_of: 2023-03-31
    source: {en: Audited financial statement 2022}
    amounts: {salaries: 350000, social-security: 70100, travel: 18250.40}
    notes:
      - {id: travel-2022, text: {en: …}, explains: [travel]}
"""

import datetime
from typing import Literal

from pydantic import Field

from .plan import Id, Model, Money, Text, Year

ACTUALS_KIND = "ccm-plan/actuals"


class ActualsNote(Model):
    """Why the actual of one or more lines differs from the budget (a transfer beyond the authority, a saving)."""

    id: Id = Field(description="The note's stable id (kebab-case).")
    text: Text = Field(description="The explanation, per language.")
    explains: list[Id] = Field(min_length=1, description="The ids of the budget lines whose actuals the note explains.")


class Actuals(Model):
    """One year's actual expenditure per budget line, in the plan's currency, as the year's financial report states."""

    kind: Literal["ccm-plan/actuals"] = Field(description="Marks the file as a year's actual expenditure.")
    schema_version: Literal[1] = Field(description="The version of this file format.")
    year: Year = Field(description="The year the expenditure is for; a year of the plan's period.")
    status: Literal["audited", "preliminary"] = Field(
        description="audited: from the audited financial statement; preliminary: before the audit (the current year)."
    )
    as_of: datetime.date = Field(description="The date the figures were taken (YYYY-MM-DD).")
    source: Text = Field(description="Where the figures come from (the financial statement), per language.")
    amounts: dict[Id, Money] = Field(
        description="The actual expenditure per budget line id, in the plan's currency: {salaries: 350000, ...}."
    )
    notes: list[ActualsNote] = Field(default=[], description="Why lines differ from their budget.")
