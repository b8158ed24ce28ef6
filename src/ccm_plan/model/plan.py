"""Pydantic models of the two plan files: what a well-formed budget and work plan look like.

Shape only: required keys, types, exact money, no unknown keys. Policy across fields (totals add up, the
social-security rate holds, years cover the period) lives in `rules/`, where a finding can point at the exact value.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

BUDGET_KIND = "ccm-plan/budget"
WORKPLAN_KIND = "ccm-plan/workplan"
BUDGET_SCHEMA_VERSION = 2
"""The budget format this ccm-plan reads; `ccm-plan migrate` rewrites a version-1 budget (edit/migrate.py)."""
WORKPLAN_SCHEMA_VERSION = 1


def _exact_number(value: Any) -> Any:
    """Accept an int or a Decimal (the loader reads every YAML decimal as Decimal); refuse text and floats."""
    kind = value.__class__
    if kind is int:  # the common cases first: a whole number, a finite decimal (the same results, sooner)
        return Decimal(value)
    if kind is Decimal and value.is_finite():
        return value
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise PydanticCustomError(
            "number_type",
            "expected a number, got {kind}",
            {"kind": _KINDS.get(type(value), "a " + type(value).__name__) if value is not None else "nothing"},
        )
    if isinstance(value, Decimal) and not value.is_finite():
        shown = ".nan (not a number)" if value.is_nan() else (".inf" if value > 0 else "-.inf")
        raise PydanticCustomError("number_finite", "expected a finite number, got {value}", {"value": shown})
    return Decimal(value)


exact_number = _exact_number  # for the other file kinds' models (actuals, contributions)
_KINDS = {
    bool: "true or false",
    str: "text",
    datetime.date: "a date",
    list: "a list",
    dict: "a mapping",
    float: "a float",
}

Number = Annotated[Decimal, BeforeValidator(_exact_number)]
# The bounds before the validator, so that pydantic-core checks them with the decimal (after the validator's
# conversion, as before): after it, they would be a Python call for every amount of a plan.
Money = Annotated[Decimal, Field(ge=0, description="An amount in the plan's currency."), BeforeValidator(_exact_number)]
Percent = Annotated[Decimal, Field(ge=0, le=1000), BeforeValidator(_exact_number)]
Year = Annotated[int, Field(ge=1900, le=2200, description="A calendar year.")]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]


def _code_text(value: Any) -> Any:
    """An account code is text; a plain YAML integer (`6100`) is read as the code it spells."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value)
    return value


AccountCode = Annotated[
    str,
    BeforeValidator(_code_text),
    StringConstraints(pattern=r"^\S(?:.*\S)?$", max_length=40),
    # What a schema validator sees before the model reads `6100` as the code "6100".
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\S(?:.*\S)?$", "maxLength": 40},
                {"type": "integer", "minimum": 0},
            ]
        }
    ),
    Field(description="An accounting code, as the accounting export spells it (6100, 6100-01, TRV)."),
]
Text = Annotated[
    dict[LanguageCode, NonEmpty], Field(min_length=1, description="One text per language: {zh: ..., en: ...}.")
]


class Model(BaseModel):
    # defer_build: a model's validator is built when the model is first used, and for a file model (Budget,
    # Workplan) that build covers the models inside it, which then never build their own. Together with real
    # (not string) annotations, this takes a fifth off the models' share of start-up.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class Period(Model):
    """The plan's years, inclusive: {start: 2021, end: 2026}."""

    start: Year = Field(description="The first year of the plan.")
    end: Year = Field(description="The last year of the plan (inclusive).")

    @field_validator("end")
    @classmethod
    def _not_before_start(cls, end: int, info: ValidationInfo) -> int:
        # Shape, not policy: a period without a year leaves every figure, total and rule without meaning, so it
        # is refused here, at `end`, where the plan stops being usable, instead of in each command.
        start = info.data.get("start")
        if start is not None and end < start:
            raise PydanticCustomError(
                "period_order", "the period ends in {end}, before it starts in {start}", {"end": end, "start": start}
            )
        return end

    @property
    def years(self) -> list[int]:
        return list(range(self.start, self.end + 1))


class Correction(Model):
    """A known defect of the source text, recorded beside it (the source's words are kept as they are)."""

    field: NonEmpty = Field(description="Which text of the item: text, lead, title, provided_by, ...")
    lang: LanguageCode = Field(description="The language of the text the fragment is in.")
    seed: NonEmpty = Field(description="The defective fragment, verbatim from the source.")
    reading: str | None = Field(description="The corrected fragment, or null when none is known.")
    reason: Text = Field(description="Why the fragment is defective, per language.")


# ---------------------------------------------------------------------------------------------------- budget


class Variance(Model):
    """A change from one year to the next larger than this must be explained by a note."""

    threshold_percent: Percent = Field(description="A change above this percentage of the earlier year needs a note.")
    minimum_change: Money = Field(
        default=Decimal(0), description="A change smaller than this amount never needs a note."
    )


class Line(Model):
    """A budget line: its amounts per year and the note that explains them."""

    id: Id = Field(description="The line's stable id (kebab-case): notes, parameters, waivers and diff refer to it.")
    name: Text = Field(description="The line's name, per language.")
    cost_type: Literal["staff", "non-staff"] = Field(description="Staff costs are salaries and their charges.")
    amounts: dict[Year, Money] = Field(
        description="The amount for each year of the period: {2021: 341405, 2022: 355162, ...}."
    )
    note: Text | None = Field(default=None, description="What the figures rest on, per language.")
    account_codes: list[AccountCode] = Field(
        default=[],
        description="The accounting codes this line covers: `ccm-plan import actuals` maps an export's rows by them.",
    )
    variance: Variance | None = Field(
        default=None,
        description="This line's own threshold for a change that needs a note; overrides parameters.variance.",
    )


class StatedTotals(Model):
    """Totals as the document states them: checked by `validate`, rewritten by `fix`, never silently recomputed."""

    years: dict[Year, Money] = Field(description="Each year's total as stated: the sum of that year's lines.")
    plan: Money = Field(description="The plan's total as stated: the sum of every line over every year.")


class InKind(Model):
    """A cost covered in kind, shown in the table but not an amount."""

    id: Id = Field(description="The item's stable id (kebab-case).")
    name: Text = Field(description="What is provided, per language.")
    provided_by: Text = Field(description="Who provides it, per language.")
    note: Text | None = Field(default=None, description="More on the arrangement, per language.")
    corrections: list[Correction] = Field(default=[], description="Known defects of the source text of this item.")


class NoteTarget(Model):
    """A budget line, and the years of it (all years when omitted), that a note explains."""

    line: Id = Field(description="The id of the budget line the note explains.")
    years: list[Year] | None = Field(
        default=None, description="The years of the line it explains; all years when omitted."
    )


class BudgetNote(Model):
    """A numbered note under the budget table."""

    id: Id = Field(description="The note's stable id (kebab-case).")
    number: int = Field(ge=1, description="The note's number as printed.")
    text: Text = Field(description="The note, per language.")
    scope: Literal["budget", "lines"] = Field(
        default="lines", description="'budget': a note on the budget as a whole, explaining no single figure."
    )
    explains: list[NoteTarget] = Field(default=[], description="The lines (and years) whose figures the note explains.")


class Rate(Model):
    """A line stated as a rate of other lines, per year: social charges on salaries, a host's programme support
    costs on all other lines. Checked by the rule `rates`."""

    id: Id = Field(description="The rate's stable id (kebab-case).")
    line: Id = Field(description="The id of the line the rate gives (staff charges, programme support costs).")
    base: list[Id] = Field(min_length=1, description="The ids of the lines the rate applies to, added together.")
    rate_percent: Percent | None = Field(
        default=None, description="The rate in percent of the base, every year: 17.5 for 17.5%."
    )
    rate_percent_by_year: dict[Year, Percent] | None = Field(
        default=None,
        description="The rate in percent of the base, per year: {2025: 17.5, 2026: 18}; instead of rate_percent.",
    )
    tolerance: Money = Field(description="Largest accepted difference from rate × base, in currency units.")


class Leg(Model):
    """A kind of trip: how many of the year's legs are of that kind, and optionally what one costs."""

    kind: Text = Field(description="The kind of leg, per language (long-haul, short-haul).")
    count: int = Field(ge=0, description="Legs of this kind each year.")
    count_by_year: dict[Year, Annotated[int, Field(ge=0)]] | None = Field(
        default=None, description="Legs of this kind in the years that differ from `count`: {2027: 12}."
    )
    cost: Money | None = Field(
        default=None, description="What one leg of this kind costs, in the plan's currency (a fare and allowances)."
    )
    cost_by_year: dict[Year, Money] | None = Field(
        default=None, description="The cost of one leg in the years that differ from `cost`: {2028: 2600}."
    )


class CostPerLeg(Model):
    """Bounds on the travel line divided by the legs: absolute, and/or a tolerance around the plan's own average."""

    min: Money | None = Field(default=None, description="The lowest accepted cost per leg.")
    max: Money | None = Field(default=None, description="The highest accepted cost per leg.")
    tolerance_percent: Percent | None = Field(
        default=None,
        description="The largest accepted difference, in percent, from the plan's average cost per leg over the period.",
    )


class Travel(Model):
    """A travel line's assumption: its legs by kind (per year where they differ), and either a cost per kind
    (the line is then the sum of legs × cost, within `tolerance`) or bounds on the cost per leg."""

    line: Id = Field(description="The id of the travel line (staff travel, sponsored delegates, ...).")
    legs_per_year: int | None = Field(
        default=None, gt=0, description="The legs budgeted each year; when given, the counts by kind add up to it."
    )
    legs: list[Leg] = Field(min_length=1, description="The legs by kind.")
    fare_class: Text | None = Field(default=None, description="The fare class the figures assume, per language.")
    cost_per_leg: CostPerLeg | None = Field(
        default=None, description="Bounds on each year's travel amount divided by that year's legs."
    )
    tolerance: Money = Field(
        default=Decimal(0),
        description="With a cost for every kind: the largest accepted difference from legs × cost, in currency units.",
    )


class Indexation(Model):
    """A line that grows each year by a rate (cost of living, a host's index): each year's figure is the previous
    one × (1 + percent_per_year / 100), within tolerance_percent of that."""

    line: Id = Field(description="The id of the indexed line.")
    percent_per_year: Number = Field(description="The yearly growth in percent: 3 for 3% (negative for a cut).")
    tolerance_percent: Percent = Field(
        default=Decimal(0), description="The largest accepted difference, in percent of the indexed figure."
    )


class TransferAuthority(Model):
    """How far the actual expenditure may exceed the budget without an explanation (the head's transfer authority).

    Both are percentages: of the line's own budget for the year, and of the year's total budget for the sum of all
    lines' overruns. An overrun beyond either needs a note in the year's actuals file, or a waiver.
    """

    line_percent: Percent = Field(
        description="A line may exceed its budget for the year by this percentage of that budget (10 for 10%)."
    )
    total_percent: Percent = Field(
        description="All lines' overruns together may reach this percentage of the year's total budget."
    )


class Post(Model):
    """A staff post paid from the salaries line."""

    id: Id = Field(description="The post's stable id (kebab-case).")
    title: Text = Field(description="The post's title, per language.")
    fte: Annotated[Decimal, BeforeValidator(_exact_number), Field(gt=0, le=1)] = Field(
        description="Full-time equivalent: 1 full time, 0.5 half time."
    )


class StaffChange(Model):
    """A planned change to a post in a given year, optionally in numbers: the post's full-time equivalent from then."""

    post: Id = Field(description="The id of the post that changes.")
    year: Year = Field(description="The year of the change.")
    fte: Number | None = Field(
        default=None, description="The post's full-time equivalent from that year on (0 < FTE ≤ 1; rule staffing)."
    )
    text: Text = Field(description="What changes, per language.")


class Staffing(Model):
    """The staff the salaries line pays."""

    line: Id = Field(description="The budget line that pays the posts (salaries).")
    posts: list[Post] = Field(description="The posts, with their full-time equivalents.")
    changes: list[StaffChange] = Field(default=[], description="Planned changes to posts within the period.")


class Parameters(Model):
    """The assumptions the rules check, as data: another plan has other rates and other staff."""

    rates: list[Rate] = Field(
        default=[], description="Lines stated as a rate of other lines: social charges, programme support (rule rates)."
    )
    travel: list[Travel] = Field(
        default=[], description="Each travel line's legs a year and cost per leg (rule travel-legs)."
    )
    variance: Variance | None = Field(
        default=None, description="When a change from one year to the next needs a note (rule explained-variance)."
    )
    indexation: list[Indexation] = Field(
        default=[], description="Lines that grow by a rate each year (rule indexation)."
    )
    staffing: Staffing | None = Field(default=None, description="The posts the salaries pay (rule staffing).")
    transfer_authority: TransferAuthority | None = Field(
        default=None,
        description="How far actual expenditure may exceed the budget without a note (rule transfer-authority).",
    )


class Waiver(Model):
    """Accepts one finding: the rule, what it is about (as the finding names it), and why."""

    rule: Id = Field(description="The id of the rule whose finding is accepted.")
    subject: NonEmpty = Field(
        description="What the finding is about, as the finding names it (for example social-security/2023)."
    )
    reason: NonEmpty = Field(description="Why the plan accepts the finding; shown beside it.")


class Budget(Model):
    """A budget file: lines with yearly amounts, the totals it states, notes, and the parameters the rules check."""

    kind: Literal["ccm-plan/budget"] = Field(description="Marks the file as a ccm-plan budget.")
    schema_version: Literal[2] = Field(
        description="The version of this file format: 2 (`ccm-plan migrate` rewrites a version-1 budget)."
    )
    languages: list[LanguageCode] = Field(
        min_length=1, description="The languages every text is given in (for example [zh, en])."
    )
    title: Text = Field(description="The budget's title, per language.")
    unit: Text | None = Field(
        default=None,
        description="The body the plan is for, per language: the author named in exported documents.",
    )
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        description="The ISO 4217 code of every amount's currency (CHF, EUR, USD)."
    )
    decimals: int | None = Field(
        default=None,
        ge=0,
        le=4,
        description="The decimals every amount is shown with (0: whole units, 2: cents). Default: 0 when every "
        "amount is whole, else the currency's minor unit (2 for CHF and EUR).",
    )
    period: Period = Field(description="The plan's years.")
    lines: list[Line] = Field(min_length=1, description="The budget lines, in the order of the table.")
    totals: StatedTotals = Field(description="The totals as the document states them.")
    in_kind: list[InKind] = Field(
        default=[], description="Costs covered in kind: shown in the table, not counted as amounts."
    )
    notes: list[BudgetNote] = Field(default=[], description="The numbered notes under the table.")
    parameters: Parameters = Field(
        # Every field at its default, so there is nothing to validate; `Parameters()` would build Parameters'
        # validator at import, which `defer_build` is there to avoid (the same value, and the same JSON Schema).
        default=Parameters.model_construct(),
        description="The assumptions the rules check: rates, travel, variance threshold, staffing.",
    )
    waivers: list[Waiver] = Field(default=[], description="Findings the plan accepts, each with its reason.")


# -------------------------------------------------------------------------------------------------- work plan


class Entry(Model):
    """An item of a list in the work plan: an objective, an activity, a result, an assumption."""

    id: Id = Field(description="The item's stable id (kebab-case): diff matches items by it.")
    text: Text = Field(description="The item's text, per language.")
    corrections: list[Correction] = Field(default=[], description="Known defects of the source text of this item.")


class Area(Model):
    """A priority area with its lead sentence and activities."""

    id: Id = Field(description="The area's stable id (kebab-case).")
    number: int = Field(ge=1, description="The area's number as printed.")
    title: Text = Field(description="The area's title, per language.")
    lead: Text = Field(description="The sentence that introduces the activities, per language.")
    activities: list[Entry] = Field(description="The area's activities.")
    corrections: list[Correction] = Field(default=[], description="Known defects of the source text of this area.")


class AgendaItem(Model):
    """The agenda item the document is submitted under."""

    number: NonEmpty = Field(description="The item's number as printed (for example '10').")
    title: Text = Field(description="The item's title, per language.")
    subitem: Text | None = Field(default=None, description="The sub-item, per language.")


class Headings(Model):
    """Section headings as the source document prints them, per language. `ccm-plan export docx|md` uses them
    (after the section's numeral) and falls back to ccm-plan's own words for a heading the plan does not give."""

    summary: Text | None = Field(default=None, description="The heading of the summary (概要, Summary).")
    workplan: Text | None = Field(
        default=None,
        description="The heading over the numbered sections (执行支助股六年工作计划, ISU six-year work plan).",
    )
    mandate: Text | None = Field(default=None, description="Section I, the unit's mandate.")
    priorities: Text | None = Field(default=None, description="Section II, the priority areas.")
    expected_results: Text | None = Field(default=None, description="Section III, the expected results.")
    budget_notes: Text | None = Field(default=None, description="Section IV, the notes under the budget table.")
    assumptions: Text | None = Field(default=None, description="Section V, the assumptions.")


class Document(Model):
    """The document the work plan was published as."""

    date: datetime.date = Field(description="The document's date (YYYY-MM-DD).")
    symbol: str | None = Field(default=None, description="The document symbol, if it has one.")
    language: LanguageCode = Field(description="The language of the document the data was taken from.")
    original_language: LanguageCode | None = Field(
        default=None, description="The language the document was originally written in."
    )
    meeting: Text = Field(description="The meeting the document is submitted to, per language.")
    place_and_dates: Text | None = Field(
        default=None, description="Where and when the meeting takes place, per language."
    )
    agenda_item: AgendaItem | None = Field(default=None, description="The agenda item the document is submitted under.")
    title: Text = Field(description="The document's title, per language.")
    header_language: LanguageCode | None = Field(
        default=None,
        description="The language the header (date, language of the version, original language) is printed in, in "
        "every version: UN documents in Arabic, Chinese and Russian print it in English. Default: each version's own.",
    )
    currency_name: Text | None = Field(
        default=None, description="How the document names the currency, per language (瑞郎); the ISO code when omitted."
    )
    headings: Headings | None = Field(
        default=None, description="Section headings as the document prints them; ccm-plan's own words when omitted."
    )


class Summary(Model):
    """The plan's summary: its main objective, specific objectives, expected outcomes and budget figure."""

    main_objective: Text = Field(description="The main objective, per language.")
    specific_objectives: list[Entry] = Field(description="The specific objectives.")
    expected_outcomes: list[Entry] = Field(description="The outcomes the plan expects.")
    budget: Money = Field(description="The budget figure the summary states; must equal the budget's total.")


class Mandate(Model):
    """The mandate of the unit the plan is for."""

    establishment: Text = Field(description="How the unit was established, per language.")
    staffing: Text = Field(description="What the mandate says of the unit's staff, per language.")
    lead: Text = Field(description="The sentence that introduces the mandate's items, per language.")
    items: list[Entry] = Field(description="The tasks the mandate gives the unit.")


class Priorities(Model):
    """The priority areas of the plan, with their introduction."""

    introduction: list[Text] = Field(default=[], description="Paragraphs that introduce the priority areas.")
    areas: list[Area] = Field(description="The priority areas, in order.")


class Workplan(Model):
    """A work plan file: the document, its summary, mandate, priority areas, expected results and assumptions."""

    kind: Literal["ccm-plan/workplan"] = Field(description="Marks the file as a ccm-plan work plan.")
    schema_version: Literal[1] = Field(description="The version of this file format.")
    languages: list[LanguageCode] = Field(
        min_length=1, description="The languages every text is given in (for example [zh, en])."
    )
    period: Period = Field(description="The plan's years; the same as the budget's.")
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        description="The ISO 4217 code of the currency; the same as the budget's."
    )
    document: Document = Field(description="The document the plan was published as.")
    summary: Summary = Field(description="The plan's summary.")
    mandate: Mandate = Field(description="The unit's mandate.")
    priorities: Priorities = Field(description="The priority areas and their activities.")
    expected_results: list[Entry] = Field(description="The results the plan expects by its end.")
    assumptions: list[Entry] = Field(description="The assumptions the plan rests on.")
    waivers: list[Waiver] = Field(default=[], description="Findings the plan accepts, each with its reason.")


MODELS: dict[str, type[Budget] | type[Workplan]] = {BUDGET_KIND: Budget, WORKPLAN_KIND: Workplan}
