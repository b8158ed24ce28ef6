"""The report model of `totals`: every figure of the budget, exact, built once from `compute`.

`build_report` turns a loaded plan into a `TotalsReport` (every number from `compute.totals`, so `totals` and
`validate` can never disagree). Nothing here is text for people except the plan's own names: `tables` and
`renderers` make the rest, through `present`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ...compute.totals import (
    BudgetTotals,
    Change,
    StatedTotal,
    average_cost_per_leg,
    compute_totals,
    find_line,
    legs_in,
    percent,
    rate_shares,
    stated_totals,
    travel_cost_per_leg,
    year_on_year,
)
from ...errors import OptionError, PlanUnusableError
from ...model.plan import Budget, Rate, Travel
from ...present.message import N_, Count, Message, Name
from ...present.precision import shown_places
from ...present.words import resolve_language
from ...read.loader import LoadedPlan, load_plan

KIND_OF_DOCUMENT = {"budget": "ccm-plan/budget", "workplan": "ccm-plan/workplan"}


@dataclass(frozen=True)
class LineFigures:
    id: str
    name: str
    cost_type: str
    amounts: dict[int, Decimal]
    """Every year of the period; a year in `missing` holds 0 here and is shown as missing."""
    total: Decimal
    share: Decimal | None
    missing: tuple[int, ...] = ()
    """The years the line has no figure for (a draft): `total` adds up the others only."""


@dataclass(frozen=True)
class InKindRow:
    id: str
    name: str
    provided_by: str


@dataclass(frozen=True)
class LineYear:
    amount: Decimal | None
    """None: the line has no figure for the year (a draft)."""
    share: Decimal | None
    change: Change | None


class YearLines(Mapping[str, LineYear]):
    """One year's figures for each line (by line id, in the plan's order), each built when it is asked for.

    Never all kept at once: a plan of 1,000 lines × 50 years would otherwise hold 50,000 of them with their
    changes (~30 MB) while `totals --format json` writes them one year at a time. Equal to a dict of the same.
    """

    __slots__ = ("_previous", "_totals", "_year")

    def __init__(self, totals: BudgetTotals, year: int, previous: int | None) -> None:
        self._totals, self._year, self._previous = totals, year, previous

    def __getitem__(self, line_id: str) -> LineYear:
        amounts = self._totals.amounts[line_id]
        missing = self._totals.missing.get(line_id, ())
        if self._year in missing:
            return LineYear(None, None, None)
        amount = amounts[self._year]
        change = None
        if self._previous is not None and self._previous not in missing:
            old = amounts[self._previous]
            moved = amount - old
            change = Change(self._previous, old, moved, percent(moved, old))
        return LineYear(amount, percent(amount, self._totals.year_totals[self._year]), change)

    def __iter__(self) -> Iterator[str]:
        return iter(self._totals.amounts)

    def __len__(self) -> int:
        return len(self._totals.amounts)

    def __repr__(self) -> str:
        return f"YearLines({self._year}, {len(self)} lines)"


@dataclass(frozen=True)
class YearFigures:
    year: int
    total: Decimal
    stated: Decimal | None
    change: Change | None
    staff: Decimal
    non_staff: Decimal
    staff_share: Decimal | None
    non_staff_share: Decimal | None
    lines: Mapping[str, LineYear]
    rates: dict[str, Decimal | None]
    """Each rate's line as a percentage of its base, by rate id."""
    cost_per_leg: dict[str, Decimal]
    """Each travel line's cost per leg, by line id."""
    missing: tuple[str, ...] = ()
    """The ids of the lines with no figure for this year (a draft): its totals add up the others only, and its
    change from the year before (or the next year's from it) is not given."""
    missing_staff: bool = False
    missing_non_staff: bool = False


@dataclass(frozen=True)
class StatedDifference:
    """A stated total that differs from the lines' sum, and where it is written."""

    file: str
    line: int
    column: int
    key: str
    year: int | None
    stated: Decimal | None
    recomputed: Decimal

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Ratio:
    """What a per-year ratio row means, as a message made into text in the output's language
    ('Social security, % of Salaries'), and its value over the whole period."""

    label: Message
    overall: Decimal | None


@dataclass(frozen=True)
class TotalsReport:
    """Every figure `totals` shows, exact (Decimal), with the plan's names in `language` (or the plan's first
    language when it lacks it). `places` is the plan's money precision; `language` also chooses the tool's words
    (`present.voice.Voice(language, places)` shows them)."""

    title: str
    currency: str
    language: str
    places: int
    period: tuple[int, ...]
    selected: tuple[int, ...]
    lines: tuple[LineFigures, ...]
    in_kind: tuple[InKindRow, ...]
    by_year: dict[int, YearFigures]
    plan_total: Decimal
    plan_stated: Decimal
    staff_total: Decimal
    non_staff_total: Decimal
    staff_share: Decimal | None
    non_staff_share: Decimal | None
    rates: tuple[tuple[str, Ratio], ...]
    """(rate id, line ÷ base over the period) for each rate of the plan."""
    travel: tuple[tuple[str, Ratio], ...]
    """(line id, average cost per leg) for each travel line of the plan."""
    differences: tuple[StatedDifference, ...]

    @property
    def incomplete(self) -> bool:
        """Some line has no figure for some year (a draft): the totals add up the figures there are."""
        return any(figures.missing for figures in self.by_year.values())

    @property
    def years(self) -> tuple[int, ...]:
        """The years reported: those asked for, or the whole period."""
        return self.selected or self.period

    def difference(self, key: str) -> StatedDifference | None:
        return next((d for d in self.differences if d.key == key), None)


@dataclass(frozen=True)
class TotalsOutcome:
    """The plan as loaded, and its report; `report` is None when the plan cannot be read well enough."""

    plan: LoadedPlan
    report: TotalsReport | None


def totals_for(path: Path | str, years: Sequence[int] = (), language: str | None = None) -> TotalsOutcome:
    """Load the plan at `path` and build its report; raises `OptionError` for a year outside the period.

    `language`: the tool's words and the plan's names (see `build_report`); None: the user's locale."""
    plan = load_plan(path)
    if not plan.is_usable:
        return TotalsOutcome(plan, None)
    return TotalsOutcome(plan, build_report(plan, years, language))


def choose_years(budget: Budget, years: Sequence[int]) -> tuple[int, ...]:
    period = budget.period.years
    for year in years:
        if year not in period:
            raise OptionError(f"--year {year} is outside the plan's period {budget.period.start}–{budget.period.end}")
    return tuple(sorted(set(years)))


def build_report(plan: LoadedPlan, years: Sequence[int] = (), language: str | None = None) -> TotalsReport:
    """The report of a usable plan (`plan.is_usable`); `years` limits it to those years, else the whole table.

    `language` (a tag, `--lang`; None: the user's locale, else English) chooses the plan's names: that language
    when the plan has it, else the plan's first language."""
    if not plan.is_usable:
        raise PlanUnusableError(f"{plan.folder}: the plan has reading or schema errors; run `ccm-plan validate`")
    budget: Budget = plan.budget
    lang = resolve_language(language)
    selected = choose_years(budget, years)

    def text(value: dict[str, str]) -> str:
        return Name(value, tuple(budget.languages)).text(lang)

    totals = compute_totals(budget)
    lines = tuple(
        LineFigures(
            line.id,
            text(line.name),
            line.cost_type,
            totals.amounts[line.id],
            totals.line_totals[line.id],
            percent(totals.line_totals[line.id], totals.plan_total),
            totals.missing.get(line.id, ()),
        )
        for line in budget.lines
    )
    stated = {item.path: item for item in stated_totals(budget, plan.workplan)}
    differences = tuple(_difference(plan, item) for item in stated.values() if item.differs)
    # A change between two years of which one lacks a figure would be the missing figure, not a change.
    year_changes = {
        year: None if change is None or totals.missing_in(year) or totals.missing_in(change.previous_year) else change
        for year, change in year_on_year(totals.year_totals).items()
    }

    def lacking(year: int, *line_ids: str) -> bool:
        return any(year in totals.missing.get(line_id, ()) for line_id in line_ids)

    ordered = sorted(totals.years)
    previous_year = dict(zip(ordered[1:], ordered[:-1], strict=True))
    shares = rate_shares(budget)
    per_leg = {
        travel.line: figures
        for travel in budget.parameters.travel
        if (figures := travel_cost_per_leg(budget, travel)) is not None
    }
    by_year = {
        year: YearFigures(
            year=year,
            total=totals.year_totals[year],
            stated=stated[("totals", "years", year)].stated,
            change=year_changes[year],
            staff=totals.staff[year],
            non_staff=totals.non_staff[year],
            staff_share=percent(totals.staff[year], totals.year_totals[year]),
            non_staff_share=percent(totals.non_staff[year], totals.year_totals[year]),
            lines=YearLines(totals, year, previous_year.get(year)),
            rates={
                rate.id: None if lacking(year, rate.line, *rate.base) else by_year[year] for rate, by_year, _ in shares
            },
            cost_per_leg={
                line_id: figures[year]
                for line_id, figures in per_leg.items()
                if year in figures and not lacking(year, line_id)
            },
            missing=totals.missing_in(year),
            missing_staff=bool(totals.missing_in(year, "staff")),
            missing_non_staff=bool(totals.missing_in(year, "non-staff")),
        )
        for year in totals.years
    }
    return TotalsReport(
        title=text(budget.title),
        currency=budget.currency,
        language=lang,
        places=shown_places(budget),
        period=totals.years,
        selected=selected,
        lines=lines,
        in_kind=tuple(InKindRow(item.id, text(item.name), text(item.provided_by)) for item in budget.in_kind),
        by_year=by_year,
        plan_total=totals.plan_total,
        plan_stated=budget.totals.plan,
        staff_total=totals.staff_total,
        non_staff_total=totals.non_staff_total,
        staff_share=percent(totals.staff_total, totals.plan_total),
        non_staff_share=percent(totals.non_staff_total, totals.plan_total),
        rates=tuple(
            (rate.id, _rate_ratio(budget, text, rate, None if _gaps(totals, rate.line, *rate.base) else overall))
            for rate, _, overall in shares
        ),
        travel=tuple(
            (travel.line, _travel_ratio(budget, text, travel, complete=not _gaps(totals, travel.line)))
            for travel in budget.parameters.travel
            if travel.line in per_leg
        ),
        differences=differences,
    )


def _gaps(totals: BudgetTotals, *line_ids: str) -> bool:
    """Whether any of the lines lacks a figure for some year: a ratio over the period would leave it out."""
    return any(line_id in totals.missing for line_id in line_ids)


def _difference(plan: LoadedPlan, item: StatedTotal) -> StatedDifference:
    source = plan.source(KIND_OF_DOCUMENT[item.document])
    line, column = source.locate(item.path)
    year = item.path[-1] if item.path[:2] == ("totals", "years") and isinstance(item.path[-1], int) else None
    return StatedDifference(source.display, line, column, item.label, year, item.stated, item.recomputed)


def _rate_ratio(budget: Budget, text: Callable[[dict[str, str]], str], rate: Rate, overall: Decimal | None) -> Ratio:
    """'Social security, % of Salaries': the rate's line over its base lines' names."""
    names = []
    for line_id in (rate.line, *rate.base):
        found = find_line(budget, line_id)
        names.append(text(found[1].name) if found is not None else line_id)
    if len(names) <= 4:
        base: Message | str = " + ".join(names[1:])
    else:
        base = Message(N_("{count} lines"), count=Count(len(names) - 1))
    return Ratio(Message(N_("{line}, % of {base}"), line=names[0], base=base), overall)


def _travel_ratio(
    budget: Budget, text: Callable[[dict[str, str]], str], travel: Travel, *, complete: bool = True
) -> Ratio:
    found = find_line(budget, travel.line)
    name = text(found[1].name) if found is not None else travel.line
    counts = {legs_in(travel, year) for year in budget.period.years}
    if len(counts) == 1:
        label = Message(N_("{line} per leg ({legs} legs a year)"), line=name, legs=Count(counts.pop()))
    else:
        label = Message(N_("{line} per leg (legs by year)"), line=name)
    return Ratio(label, average_cost_per_leg(budget, travel) if complete else None)
