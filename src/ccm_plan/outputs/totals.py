"""The figures people ask for: lines × years with totals, shares and ratios, or one year line by line.

`build_report` turns a loaded plan into a `TotalsReport` (every number from `compute.py`, so `totals` and
`validate` can never disagree); the renderers in FORMATS turn a report into text, JSON, CSV or Markdown. The
language only chooses the names shown; no number depends on it.

Where the plan states a total that differs from the sum of its lines, the report shows the recomputed figure,
marks it with `*` and says so below the table, with the place of the stale figure.

JSON shape (`--format json`, version 2: rates and travel by id since budget schema 2), written with one record (a line, a year's line, a stated difference)
a line of text. Amounts are JSON integers (a string such as "1234.50" if a figure is ever not whole);
percentages are strings rounded half-up to two decimals ("73.24"), or null where they are undefined (a share of
zero, the first year's change); no float ever carries a figure::

    {
      "version": 1, "title": "ISU budget 2021–2026", "currency": "CHF", "language": "en",
      "period": {"start": 2021, "end": 2026},
      "years": [2021, ...],                   # the years reported: every year, or those asked for with --year
      "lines": [{"id": "salaries", "name": "Salaries", "cost_type": "staff",
                 "amounts": {"2021": 341405, ...},            # every year of the period
                 "total": 2153794, "share_percent": "73.24"}],  # of the plan total
      "in_kind": [{"id": "administrative-costs", "name": "...", "provided_by": "..."}],
      "plan": {"total": 2940552, "stated": 2940552, "staff": 2580552, "staff_share_percent": "87.76",
               "non_staff": 360000, "non_staff_share_percent": "12.24"},
      "by_year": [{"year": 2023, "total": 495057, "stated": 495057,
                   "change": {"previous_year": 2022, "previous": 486194, "amount": 8863,
                              "percent": "1.82"},                # null for the first year
                   "staff": 435057, "staff_share_percent": "87.88",
                   "non_staff": 60000, "non_staff_share_percent": "12.12",
                   "rates_percent": {"social-security": "18.91"},  # each of parameters.rates: line ÷ base
                   "cost_per_leg": {"travel": 2200},            # each of parameters.travel, by its line
                   "lines": [{"id": "salaries", "amount": 365881, "share_percent": "73.91",
                              "change": {...}}]}],              # one entry per reported year
      "stated_differences": [{"file": "data/budget.yaml", "line": 60, "column": 37,
                              "key": "totals.years.2023", "stated": 495000, "recomputed": 495057}]
    }

`stated` is null when the plan states no total for that year. CSV (`--format csv`) is the amounts table:
columns `kind,id,name,cost_type`, one per reported year, and `total` (the whole period) when every year is
reported; rows `kind=line` per line, `in-kind` (amount cells empty), `subtotal` (`staff`, `non-staff`) and
`total`. Shares and ratios are in the text, Markdown and JSON formats.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Literal

from ..compute.totals import (
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
from ..errors import OptionError, PlanUnusableError
from ..model.plan import Budget, Rate, Travel
from ..present.numbers import money, signed_money
from ..read.characters import visible
from ..read.loader import LoadedPlan, load_plan

JSON_VERSION = 2
KIND_OF_DOCUMENT = {"budget": "ccm-plan/budget", "workplan": "ccm-plan/workplan"}
STAFF_LABEL = "Staff costs"
NON_STAFF_LABEL = "Non-staff costs"
TOTAL_LABEL = "Total"
IN_KIND = "in kind"


@dataclass(frozen=True)
class LineFigures:
    id: str
    name: str
    cost_type: str
    amounts: dict[int, Decimal]
    total: Decimal
    share: Decimal | None


@dataclass(frozen=True)
class InKindRow:
    id: str
    name: str
    provided_by: str


@dataclass(frozen=True)
class LineYear:
    amount: Decimal
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
        amount = amounts[self._year]
        change = None
        if self._previous is not None:
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
    """What a per-year ratio row means, in the report's language: 'Social security, % of Salaries'."""

    label: str
    overall: Decimal | None


@dataclass(frozen=True)
class TotalsReport:
    title: str
    currency: str
    language: str
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
    """Load the plan at `path` and build its report; raises `OptionError` for a year or language it lacks."""
    plan = load_plan(path)
    if not plan.is_usable:
        return TotalsOutcome(plan, None)
    return TotalsOutcome(plan, build_report(plan, years, language))


def choose_language(budget: Budget, language: str | None) -> str:
    """The language asked for (one of the plan's), else English when the plan has it, else its first language."""
    if language is None:
        return "en" if "en" in budget.languages else budget.languages[0]
    if language not in budget.languages:
        raise OptionError(f"--lang {language}: the plan's languages are {', '.join(budget.languages)}")
    return language


def choose_years(budget: Budget, years: Sequence[int]) -> tuple[int, ...]:
    period = budget.period.years
    for year in years:
        if year not in period:
            raise OptionError(f"--year {year} is outside the plan's period {budget.period.start}–{budget.period.end}")
    return tuple(sorted(set(years)))


def build_report(plan: LoadedPlan, years: Sequence[int] = (), language: str | None = None) -> TotalsReport:
    """The report of a usable plan (`plan.is_usable`); `years` limits it to those years, else the whole table."""
    if not plan.is_usable:
        raise PlanUnusableError(f"{plan.folder}: the plan has reading or schema errors; run `ccm-plan validate`")
    budget: Budget = plan.budget
    lang = choose_language(budget, language)
    selected = choose_years(budget, years)

    def text(value: dict[str, str]) -> str:
        if lang in value:
            return value[lang]
        for other in budget.languages:
            if other in value:
                return value[other]
        return next(iter(value.values()))

    totals = compute_totals(budget)
    lines = tuple(
        LineFigures(
            line.id,
            text(line.name),
            line.cost_type,
            totals.amounts[line.id],
            totals.line_totals[line.id],
            percent(totals.line_totals[line.id], totals.plan_total),
        )
        for line in budget.lines
    )
    stated = {item.path: item for item in stated_totals(budget, plan.workplan)}
    differences = tuple(_difference(plan, item) for item in stated.values() if item.differs)
    year_changes = year_on_year(totals.year_totals)
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
            rates={rate.id: by_year[year] for rate, by_year, _ in shares},
            cost_per_leg={line_id: figures[year] for line_id, figures in per_leg.items() if year in figures},
        )
        for year in totals.years
    }
    return TotalsReport(
        title=text(budget.title),
        currency=budget.currency,
        language=lang,
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
        rates=tuple((rate.id, _rate_ratio(budget, text, rate, overall)) for rate, _, overall in shares),
        travel=tuple(
            (travel.line, _travel_ratio(budget, text, travel))
            for travel in budget.parameters.travel
            if travel.line in per_leg
        ),
        differences=differences,
    )


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
    base = " + ".join(names[1:]) if len(names) <= 4 else f"{len(names) - 1} lines"
    return Ratio(f"{names[0]}, % of {base}", overall)


def _travel_ratio(budget: Budget, text: Callable[[dict[str, str]], str], travel: Travel) -> Ratio:
    found = find_line(budget, travel.line)
    name = text(found[1].name) if found is not None else travel.line
    counts = {legs_in(travel, year) for year in budget.period.years}
    legs = f"{counts.pop()} legs a year" if len(counts) == 1 else "legs by year"
    return Ratio(f"{name} per leg ({legs})", average_cost_per_leg(budget, travel))


# ------------------------------------------------------------------------------------------------ tables
# Text and Markdown show the same tables; each is built once here as strings, then drawn by one renderer.

RowKind = Literal["line", "in-kind", "subtotal", "total", "ratio"]


@dataclass
class _Table:
    title: str
    columns: list[str]
    sections: list[list[tuple[RowKind, list[str]]]]
    after: list[str]


def _starred(value: Decimal, difference: StatedDifference | None) -> str:
    return money(value) + ("*" if difference is not None else "")


def _pct(value: Decimal | None) -> str:
    """A share in a table: always one decimal (5.0%, 73.2%), so that a column of them lines up."""
    if value is None:
        return "—"
    return f"{value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def _signed_pct(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "−" if value < 0 else "±") + _pct(abs(value))


def _tables(report: TotalsReport) -> list[_Table]:
    if report.selected:
        return [_year_table(report, year) for year in report.selected]
    return [_period_table(report)]


def _period_table(report: TotalsReport) -> _Table:
    years = report.period
    figures = [report.by_year[year] for year in years]
    lines: list[tuple[RowKind, list[str]]] = [
        ("line", [line.name, *(money(line.amounts[y]) for y in years), money(line.total), _pct(line.share)])
        for line in report.lines
    ]
    lines += [("in-kind", [item.name, *(IN_KIND for _ in years), IN_KIND, ""]) for item in report.in_kind]
    subtotals: list[tuple[RowKind, list[str]]] = [
        (
            "subtotal",
            [STAFF_LABEL, *(money(f.staff) for f in figures), money(report.staff_total), _pct(report.staff_share)],
        ),
        (
            "subtotal",
            [
                NON_STAFF_LABEL,
                *(money(f.non_staff) for f in figures),
                money(report.non_staff_total),
                _pct(report.non_staff_share),
            ],
        ),
    ]
    total: list[tuple[RowKind, list[str]]] = [
        (
            "total",
            [
                TOTAL_LABEL,
                *(_starred(f.total, report.difference(f"totals.years.{f.year}")) for f in figures),
                _starred(report.plan_total, _plan_difference(report)),
                _pct(Decimal(100)) if report.plan_total else "—",
            ],
        )
    ]
    ratios: list[tuple[RowKind, list[str]]] = [
        ("ratio", ["Staff costs, % of total", *(_pct(f.staff_share) for f in figures), _pct(report.staff_share), ""]),
    ]
    for rate_id, ratio in report.rates:
        ratios.append(("ratio", [ratio.label, *(_pct(f.rates.get(rate_id)) for f in figures), _pct(ratio.overall), ""]))
    for line_id, ratio in report.travel:
        ratios.append(
            (
                "ratio",
                [
                    ratio.label,
                    *(money(f.cost_per_leg[line_id]) if line_id in f.cost_per_leg else "—" for f in figures),
                    money(ratio.overall) if ratio.overall is not None else "—",
                    "",
                ],
            )
        )
    ratios.append(
        ("ratio", ["Change in total", *(signed_money(f.change.amount) if f.change else "—" for f in figures), "", ""])
    )
    ratios.append(
        (
            "ratio",
            [
                "Change in total, %",
                *(_signed_pct(f.change.percent) if f.change else "—" for f in figures),
                "",
                "",
            ],
        )
    )
    return _Table(
        f"{report.title} · amounts in {report.currency}",
        ["", *(str(y) for y in years), TOTAL_LABEL, "Share"],
        [lines, subtotals, total, ratios],
        _footnotes(report, report.differences) + _in_kind_notes(report),
    )


def _plan_difference(report: TotalsReport) -> StatedDifference | None:
    return report.difference("totals.plan") or report.difference("summary.budget")


def _year_table(report: TotalsReport, year: int) -> _Table:
    figures = report.by_year[year]
    previous = figures.change.previous_year if figures.change else None

    def change_cells(change: Change | None) -> list[str]:
        if change is None:
            return ["—", "—", "—"]
        return [
            money(change.previous),
            signed_money(change.amount),
            _signed_pct(change.percent),
        ]

    lines: list[tuple[RowKind, list[str]]] = []
    for line in report.lines:
        item = figures.lines[line.id]
        lines.append(("line", [line.name, money(item.amount), _pct(item.share), *change_cells(item.change)]))
    lines += [("in-kind", [item.name, IN_KIND, "", "", "", ""]) for item in report.in_kind]
    subtotals: list[tuple[RowKind, list[str]]] = []
    for label, amount, share, attribute in (
        (STAFF_LABEL, figures.staff, figures.staff_share, "staff"),
        (NON_STAFF_LABEL, figures.non_staff, figures.non_staff_share, "non_staff"),
    ):
        before = report.by_year.get(previous) if previous is not None else None
        change = None
        if before is not None:
            old = getattr(before, attribute)
            change = Change(before.year, old, amount - old, percent(amount - old, old))
        subtotals.append(("subtotal", [label, money(amount), _pct(share), *change_cells(change)]))
    difference = report.difference(f"totals.years.{year}")
    total: list[tuple[RowKind, list[str]]] = [
        (
            "total",
            [
                TOTAL_LABEL,
                _starred(figures.total, difference),
                _pct(percent(figures.total, figures.total)),
                *change_cells(figures.change),
            ],
        )
    ]
    after = []
    for rate_id, ratio in report.rates:
        after.append(f"{ratio.label}: {_pct(figures.rates.get(rate_id))}")
    for line_id, ratio in report.travel:
        if line_id in figures.cost_per_leg:
            after.append(f"{ratio.label}: {report.currency} {money(figures.cost_per_leg[line_id])}")
    return _Table(
        f"{year} · {report.title} · amounts in {report.currency}",
        ["", str(year), "Share", str(previous) if previous is not None else "Previous year", "Change", "Change %"],
        [lines, subtotals, total],
        after + _footnotes(report, [difference] if difference else []) + _in_kind_notes(report),
    )


def _footnotes(report: TotalsReport, differences: Iterable[StatedDifference]) -> list[str]:
    notes = []
    for item in differences:
        stated = f"states {money(item.stated)}" if item.stated is not None else "states no total"
        notes.append(
            f"* {item.location}: {item.key} {stated}; recomputed from the lines: {money(item.recomputed)} (shown)"
        )
    if notes:
        notes.append("  `ccm-plan fix` rewrites the stated totals from the lines.")
    return notes


def _in_kind_notes(report: TotalsReport) -> list[str]:
    return [f"{item.name} ({IN_KIND}): {item.provided_by}" for item in report.in_kind]


# --------------------------------------------------------------------------------------------- renderers


def render_text(report: TotalsReport, width: int | None = None, color: bool = False) -> str:
    """Aligned tables for reading. `width=None`: as wide as the table needs (files and pipes never wrap).

    With a `width` (a terminal's), names wrap so that the table fits, never narrower than a readable width;
    figures never wrap or shorten: a table that cannot fit is printed wider than the terminal rather than with a
    figure cut. `color`: bold titles, headers and totals, dimmed ratios (ANSI codes, for a terminal).
    """
    out: list[str] = []
    canvas = _Canvas(color)
    for number, spec in enumerate(map(_visible, _tables(report))):
        if number:
            out.append("")
        out += canvas.lines(spec.title, "title")
        out += canvas.table(spec, width)
        for line in spec.after:
            out += canvas.lines(line)
    return "\n".join(out) + "\n"


# The look of rich's Table(box=HORIZONTALS, show_edge=False, pad_edge=False), which `totals` used before: one
# space of padding each side of a column and a one-space divider, a rule under the header and under each section.
# Laid out here because rich measures every cell of a table several times: 3 s for 1,000 lines × 50 years.
# Rich still measures text (cell widths: CJK characters take two cells), wraps names and writes ANSI styles.
_GAP = "   "
_RULE = "─"
_NAME_MIN_WIDTH = 20  # a name column narrower than this is hard to read: the table grows wider instead
_STYLES = {
    "title": "bold",
    "header": "bold",
    "line": "",
    "in-kind": "italic",
    "subtotal": "",
    "total": "bold",
    "ratio": "dim",
}


class _Canvas:
    """Draws text lines and tables as rich would print them to a console of unlimited width (or `width`)."""

    def __init__(self, color: bool) -> None:
        from rich.cells import cell_len

        self.cell_len = cell_len
        self.color = color
        self._console: Any = None
        self._styles: dict[str, Any] = {}

    def style(self, kind: str, text: str) -> str:
        if not self.color or not text or not _STYLES[kind]:
            return text
        if kind not in self._styles:
            from rich.style import Style

            self._styles[kind] = Style.parse(_STYLES[kind])
        from rich.color import ColorSystem

        rendered: str = self._styles[kind].render(text, color_system=ColorSystem.STANDARD)
        return rendered

    def wrap(self, text: str, width: int | None) -> list[str]:
        """`text` in lines of at most `width` cells (None: one line per line of the text), as rich wraps it.

        Printable text that fits is returned as it is; rich is asked only for the rest (tabs, line breaks,
        control characters, a name wider than its column).
        """
        if text.isprintable() and (width is None or self.cell_len(text) <= width):
            return [text]
        from rich.text import Text

        if self._console is None:
            from rich.console import Console

            self._console = Console(file=io.StringIO(), width=10_000, no_color=True, markup=False, emoji=False)
        if width is None:
            lines = Text(text).wrap(self._console, 10_000, justify="default", overflow="ignore", no_wrap=True)
        else:
            lines = Text(text).wrap(self._console, width, justify="default", overflow="fold")
        return [line.plain.rstrip() for line in lines]

    def lines(self, text: str, kind: str = "line") -> list[str]:
        return [self.style(kind, line.rstrip()) for line in self.wrap(text, None)]

    def table(self, spec: _Table, width: int | None) -> list[str]:
        cell_len = self.cell_len
        rows = [
            (kind, cells, position == len(section) - 1)
            for section in spec.sections
            for position, (kind, cells) in enumerate(section)
        ]
        # figures: as wide as the widest, right-aligned, never wrapped
        widths = [
            max([cell_len(column)] + [cell_len(cells[index]) for _, cells, _ in rows])
            for index, column in enumerate(spec.columns)
        ]
        names = [self.wrap(cells[0], None) for _, cells, _ in rows]
        longest = max((cell_len(line) for lines in names for line in lines), default=0)
        longest = max(longest, cell_len(spec.columns[0]))
        widths[0] = longest
        if width is not None:
            words = max((cell_len(word) for _, cells, _ in rows for word in cells[0].split()), default=0)
            narrowest = max(words, min(longest, _NAME_MIN_WIDTH))
            room = width - sum(widths[1:]) - len(_GAP) * (len(widths) - 1)
            widths[0] = max(narrowest, min(longest, room))
            if widths[0] < longest:
                names = [self.wrap(cells[0], widths[0]) for _, cells, _ in rows]
        rule = _RULE * (sum(widths) + len(_GAP) * (len(widths) - 1))

        def row(first: str, figures: Sequence[str]) -> str:
            parts = [first + " " * (widths[0] - cell_len(first))]
            parts += [" " * (w - cell_len(cell)) + cell for w, cell in zip(widths[1:], figures, strict=True)]
            return _GAP.join(parts).rstrip()

        out = [self.style("header", row(spec.columns[0], spec.columns[1:])), rule]
        blank = [""] * (len(widths) - 1)
        for number, ((kind, cells, end_section), name) in enumerate(zip(rows, names, strict=True)):
            out.append(self.style(kind, row(name[0] if name else "", cells[1:])))
            out += [self.style(kind, row(more, blank)) for more in name[1:]]
            if end_section and number < len(rows) - 1:
                out.append(rule)
        return out


def _markdown_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*")


def _visible(spec: _Table) -> _Table:
    """The table with control and invisible characters in its texts shown as [U+XXXX], before it is laid out
    (widths count what is shown) and coloured."""
    return _Table(
        visible(spec.title),
        [visible(column) for column in spec.columns],
        [[(kind, [visible(cell) for cell in cells]) for kind, cells in section] for section in spec.sections],
        [visible(line) for line in spec.after],
    )


def render_markdown(report: TotalsReport) -> str:
    """GitHub-flavoured Markdown: a heading and a table per view, subtotals and totals in bold."""
    out: list[str] = []
    for spec in _tables(report):
        out += [f"### {_markdown_cell(spec.title)}", ""]
        out.append("| " + " | ".join(_markdown_cell(c) or "Line" for c in spec.columns) + " |")
        out.append("| " + " | ".join([":---", *("---:" for _ in spec.columns[1:])]) + " |")
        for section in spec.sections:
            for kind, cells in section:
                shown = [_markdown_cell(c) for c in cells]
                if kind in ("subtotal", "total") and shown[0]:
                    shown[0] = f"**{shown[0]}**"
                if kind == "ratio":
                    shown[0] = f"_{shown[0]}_"
                out.append("| " + " | ".join(shown) + " |")
        if spec.after:
            out.append("")
            out += [f"- {_markdown_cell(line.lstrip('* '))}" for line in spec.after]
        out.append("")
    return visible("\n".join(out).rstrip("\n") + "\n")


def _json_amount(value: Decimal | None) -> int | str | None:
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return format(value, "f")


def _json_percent(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _json_change(change: Change | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {
        "previous_year": change.previous_year,
        "previous": _json_amount(change.previous),
        "amount": _json_amount(change.amount),
        "percent": _json_percent(change.percent),
    }


def report_data(report: TotalsReport) -> dict[str, Any]:
    """The report as plain JSON-ready data (the shape in this module's docstring)."""
    data = _report_items(report)
    data["by_year"] = list(data["by_year"])
    return data


def _report_items(report: TotalsReport) -> dict[str, Any]:
    """`report_data` with `by_year` as an iterator: each year's data is built when it is written."""
    return {
        "version": JSON_VERSION,
        "title": report.title,
        "currency": report.currency,
        "language": report.language,
        "period": {"start": report.period[0], "end": report.period[-1]},
        "years": list(report.years),
        "lines": [
            {
                "id": line.id,
                "name": line.name,
                "cost_type": line.cost_type,
                "amounts": {str(year): _json_amount(amount) for year, amount in line.amounts.items()},
                "total": _json_amount(line.total),
                "share_percent": _json_percent(line.share),
            }
            for line in report.lines
        ],
        "in_kind": [{"id": i.id, "name": i.name, "provided_by": i.provided_by} for i in report.in_kind],
        "plan": {
            "total": _json_amount(report.plan_total),
            "stated": _json_amount(report.plan_stated),
            "staff": _json_amount(report.staff_total),
            "staff_share_percent": _json_percent(report.staff_share),
            "non_staff": _json_amount(report.non_staff_total),
            "non_staff_share_percent": _json_percent(report.non_staff_share),
        },
        "by_year": (_year_data(report.by_year[year]) for year in report.years),
        "stated_differences": [
            {
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "key": d.key,
                "stated": _json_amount(d.stated),
                "recomputed": _json_amount(d.recomputed),
            }
            for d in report.differences
        ],
    }


def _year_data(f: YearFigures) -> dict[str, Any]:
    return {
        "year": f.year,
        "total": _json_amount(f.total),
        "stated": _json_amount(f.stated),
        "change": _json_change(f.change),
        "staff": _json_amount(f.staff),
        "staff_share_percent": _json_percent(f.staff_share),
        "non_staff": _json_amount(f.non_staff),
        "non_staff_share_percent": _json_percent(f.non_staff_share),
        "rates_percent": {rate_id: _json_percent(value) for rate_id, value in f.rates.items()},
        "cost_per_leg": {line_id: _json_amount(value) for line_id, value in f.cost_per_leg.items()},
        "lines": [
            {
                "id": line_id,
                "amount": _json_amount(item.amount),
                "share_percent": _json_percent(item.share),
                "change": _json_change(item.change),
            }
            for line_id, item in f.lines.items()
        ],
    }


def render_json(report: TotalsReport) -> str:
    """Indented JSON in which each record (a line, a year's line, a stated difference) takes one line.

    A record on one line keeps a large plan's output readable and small (a line of 50 years is one line, not 60),
    and lets it be written from compact pieces, one year at a time, never as one document of Python objects.
    """
    return "".join(_json_pieces(_report_items(report))) + "\n"


def write_json(report: TotalsReport, write: Callable[[str], object], chunk: int = 1 << 16) -> None:
    """`render_json`'s text, handed to `write` in pieces of about `chunk` characters as it is built: the whole
    text (9 MB for 1,000 lines × 50 years) is never held, so the command needs little more than the plan."""
    pending: list[str] = []
    size = 0
    for piece in _json_pieces(_report_items(report)):
        pending.append(piece)
        size += len(piece)
        if size >= chunk:
            write("".join(pending))
            pending, size = [], 0
    pending.append("\n")
    write("".join(pending))


def _is_records(value: Any) -> bool:
    return isinstance(value, Iterator) or (isinstance(value, list) and bool(value) and isinstance(value[0], dict))


def _json_pieces(value: Any, indent: str = "") -> Iterator[str]:
    """`value` as JSON: lists of records, and objects holding one, are laid out over lines; the rest on one."""
    if not (_is_records(value) or (isinstance(value, dict) and any(map(_is_records, value.values())))):
        yield json.dumps(value, ensure_ascii=False)
        return
    inner = "\n" + indent + "  "
    if isinstance(value, dict):
        yield "{"
        for number, (key, item) in enumerate(value.items()):
            yield ("," if number else "") + inner + json.dumps(key, ensure_ascii=False) + ": "
            yield from _json_pieces(item, indent + "  ")
        yield "\n" + indent + "}"
        return
    empty = True
    yield "["
    for item in value:
        yield ("" if empty else ",") + inner
        yield from _json_pieces(item, indent + "  ")
        empty = False
    yield "]" if empty else "\n" + indent + "]"


def render_csv(report: TotalsReport) -> str:
    """The amounts table: one row per line, in-kind item, subtotal and the total; exact figures, no separators."""
    years = report.years
    whole = not report.selected or tuple(report.selected) == report.period

    def amounts(values: dict[int, Decimal], total: Decimal) -> list[Any]:
        return [_json_amount(values[y]) for y in years] + ([_json_amount(total)] if whole else [])

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["kind", "id", "name", "cost_type", *years, *(["total"] if whole else [])])
    for line in report.lines:
        writer.writerow(["line", line.id, line.name, line.cost_type, *amounts(line.amounts, line.total)])
    for item in report.in_kind:
        writer.writerow(["in-kind", item.id, item.name, "", *("" for _ in years), *([""] if whole else [])])
    by_year = report.by_year
    writer.writerow(
        [
            "subtotal",
            "staff",
            STAFF_LABEL,
            "staff",
            *amounts({y: f.staff for y, f in by_year.items()}, report.staff_total),
        ]
    )
    writer.writerow(
        [
            "subtotal",
            "non-staff",
            NON_STAFF_LABEL,
            "non-staff",
            *amounts({y: f.non_staff for y, f in by_year.items()}, report.non_staff_total),
        ]
    )
    writer.writerow(
        ["total", "total", TOTAL_LABEL, "", *amounts({y: f.total for y, f in by_year.items()}, report.plan_total)]
    )
    return buffer.getvalue()


Renderer = Callable[[TotalsReport], str]
FORMATS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
}
