"""Pydantic models of the two plan files: what a well-formed budget and work plan look like.

Shape only: required keys, types, exact money, no unknown keys. Policy across fields (totals add up, the
social-security rate holds, years cover the period) lives in `rules/`, where a finding can point at the exact value.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

BUDGET_KIND = "ccm-plan/budget"
WORKPLAN_KIND = "ccm-plan/workplan"
SCHEMA_VERSION = 1


def _exact_number(value: Any) -> Any:
    """Accept an int or a Decimal (the loader reads every YAML decimal as Decimal); refuse text and floats."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise PydanticCustomError(
            "number_type",
            "expected a number, got {kind}",
            {"kind": type(value).__name__ if value is not None else "nothing"},
        )
    if isinstance(value, Decimal) and not value.is_finite():
        raise PydanticCustomError("number_finite", "expected a finite number, got {value}", {"value": value})
    return Decimal(value)


Number = Annotated[Decimal, BeforeValidator(_exact_number)]
Money = Annotated[Decimal, BeforeValidator(_exact_number), Field(ge=0, description="An amount in the plan's currency.")]
Percent = Annotated[Decimal, BeforeValidator(_exact_number), Field(ge=0, le=1000)]
Year = Annotated[int, Field(ge=1900, le=2200, description="A calendar year.")]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Text = Annotated[
    dict[LanguageCode, NonEmpty], Field(min_length=1, description="One text per language: {zh: ..., en: ...}.")
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Period(Model):
    """The plan's years, inclusive: {start: 2021, end: 2026}."""

    start: Year
    end: Year

    @property
    def years(self) -> list[int]:
        return list(range(self.start, self.end + 1))


class Correction(Model):
    """A known defect of the source text, recorded beside it (the source's words are kept as they are)."""

    field: NonEmpty = Field(description="Which text of the item: text, lead, title, provided_by, ...")
    lang: LanguageCode
    seed: NonEmpty = Field(description="The defective fragment, verbatim from the source.")
    reading: str | None = Field(description="The corrected fragment, or null when none is known.")
    reason: Text


# ---------------------------------------------------------------------------------------------------- budget


class Line(Model):
    """A budget line: its amounts per year and the note that explains them."""

    id: Id
    name: Text
    cost_type: Literal["staff", "non-staff"] = Field(description="Staff costs are salaries and their charges.")
    amounts: dict[Year, Money]
    note: Text | None = None


class StatedTotals(Model):
    """Totals as the document states them: checked by `validate`, rewritten by `fix`, never silently recomputed."""

    years: dict[Year, Money]
    plan: Money


class InKind(Model):
    """A cost covered in kind, shown in the table but not an amount."""

    id: Id
    name: Text
    provided_by: Text
    note: Text | None = None
    corrections: list[Correction] = []


class NoteTarget(Model):
    """A budget line, and the years of it (all years when omitted), that a note explains."""

    line: Id
    years: list[Year] | None = None


class BudgetNote(Model):
    id: Id
    number: int = Field(ge=1)
    text: Text
    scope: Literal["budget", "lines"] = Field(
        default="lines", description="'budget': a note on the budget as a whole, explaining no single figure."
    )
    explains: list[NoteTarget] = []


class SocialSecurity(Model):
    """Social security as a rate of a base line (salaries), per year, within a rounding tolerance."""

    line: Id
    base_line: Id
    rate_percent: Percent
    tolerance: Money = Field(description="Largest accepted difference from rate × base, in currency units.")


class Leg(Model):
    kind: Text
    count: int = Field(ge=0)


class CostPerLeg(Model):
    """Bounds on the travel line divided by the legs: absolute, and/or a tolerance around the plan's own average."""

    min: Money | None = None
    max: Money | None = None
    tolerance_percent: Percent | None = None


class Travel(Model):
    line: Id
    legs_per_year: int = Field(gt=0)
    legs: list[Leg] = Field(min_length=1)
    fare_class: Text | None = None
    cost_per_leg: CostPerLeg


class Variance(Model):
    """A change from one year to the next larger than this must be explained by a note."""

    threshold_percent: Percent
    minimum_change: Money = Decimal(0)


class Post(Model):
    id: Id
    title: Text
    fte: Annotated[Decimal, BeforeValidator(_exact_number), Field(gt=0, le=1)]


class StaffChange(Model):
    post: Id
    year: Year
    text: Text


class Staffing(Model):
    line: Id = Field(description="The budget line that pays the posts (salaries).")
    posts: list[Post]
    changes: list[StaffChange] = []


class Parameters(Model):
    """The assumptions the rules check, as data: another plan has other rates and other staff."""

    social_security: SocialSecurity | None = None
    travel: Travel | None = None
    variance: Variance | None = None
    staffing: Staffing | None = None


class Waiver(Model):
    """Accepts one finding: the rule, what it is about (as the finding names it), and why."""

    rule: Id
    subject: NonEmpty
    reason: NonEmpty


class Budget(Model):
    kind: Literal["ccm-plan/budget"]
    schema_version: Literal[1]
    languages: list[LanguageCode] = Field(min_length=1)
    title: Text
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    period: Period
    lines: list[Line] = Field(min_length=1)
    totals: StatedTotals
    in_kind: list[InKind] = []
    notes: list[BudgetNote] = []
    parameters: Parameters = Parameters()
    waivers: list[Waiver] = []


# -------------------------------------------------------------------------------------------------- work plan


class Entry(Model):
    """An item of a list in the work plan: an objective, an activity, a result, an assumption."""

    id: Id
    text: Text
    corrections: list[Correction] = []


class Area(Model):
    """A priority area with its lead sentence and activities."""

    id: Id
    number: int = Field(ge=1)
    title: Text
    lead: Text
    activities: list[Entry]
    corrections: list[Correction] = []


class AgendaItem(Model):
    number: NonEmpty
    title: Text
    subitem: Text | None = None


class Document(Model):
    date: datetime.date
    symbol: str | None = None
    language: LanguageCode
    original_language: LanguageCode | None = None
    meeting: Text
    place_and_dates: Text | None = None
    agenda_item: AgendaItem | None = None
    title: Text


class Summary(Model):
    main_objective: Text
    specific_objectives: list[Entry]
    expected_outcomes: list[Entry]
    budget: Money = Field(description="The budget figure the summary states; must equal the budget's total.")


class Mandate(Model):
    establishment: Text
    staffing: Text
    lead: Text
    items: list[Entry]


class Priorities(Model):
    introduction: list[Text] = []
    areas: list[Area]


class Workplan(Model):
    kind: Literal["ccm-plan/workplan"]
    schema_version: Literal[1]
    languages: list[LanguageCode] = Field(min_length=1)
    period: Period
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    document: Document
    summary: Summary
    mandate: Mandate
    priorities: Priorities
    expected_results: list[Entry]
    assumptions: list[Entry]
    waivers: list[Waiver] = []


MODELS: dict[str, type[Budget] | type[Workplan]] = {BUDGET_KIND: Budget, WORKPLAN_KIND: Workplan}
