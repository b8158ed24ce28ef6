"""The plan as an Excel workbook to take into a meeting: the budget table with live totals, an analysis with a
chart, the work plan's text, and the validation findings at the time of export.

XlsxWriter writes the file because, unlike openpyxl, it stores each formula's computed value beside the formula:
previewers, converters and `openpyxl(data_only=True)` see the right totals without recalculating. Those values
come from compute.py, so the workbook shows ccm-plan's own figures. Every plan text is written as a string,
so a text that starts with `=` never becomes a formula.
"""

from __future__ import annotations

import math
import subprocess
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..check import check_plan
from ..compute.totals import (
    LargestLines,
    average_cost_per_leg,
    compute_totals,
    find_line,
    largest_lines,
    round_money,
    share,
    social_security_expected,
    travel_cost_per_leg,
    year_on_year,
)
from ..errors import OptionError, OutputError
from ..present.corrections import item_text
from ..present.labels import Labels, labels_for
from ..present.numbers import pct
from ..problems import Problem, counts, sort_problems
from ..read.loader import LoadedPlan, load_plan

if TYPE_CHECKING:
    from ..compute.totals import BudgetTotals
    from ..model.plan import Budget, Workplan

GIT_TIMEOUT = 10  # seconds; a plan folder on a slow network share must not hang the export
NOTES_WIDTH = 50  # characters: the budget sheet's notes column, wrapped
AUTO_WIDTH_MAX = 60  # characters: the widest a column sized to its texts gets
TEXT_WIDTH = 100  # characters: the work plan sheet's text column, wrapped
FONT_SIZE = 11
DEFAULT_ROW_HEIGHT = 15  # points: a row without a height of its own
ROW_PADDING = 4  # points: keeps text off the borders above and below it
CHART_SERIES = 12  # the most series in the chart: a plan of more lines charts its largest and the rest as one
OTHERS_COLOUR = "#A6A6A6"  # the chart's "other lines": grey, as finance charts show the rest


@dataclass(frozen=True)
class ExportResult:
    """What `export_xlsx` did: the file it wrote (None when it refused), and the plan's findings.

    When the plan cannot be read as a whole (schema errors), nothing is written and `problems` says why; a
    workbook never carries a broken plan. Otherwise `problems` are the findings on the Checks sheet.
    """

    output: Path | None
    problems: list[Problem]
    files: tuple[str, ...] = ()
    language: str = ""
    sheets: tuple[str, ...] = ()
    currency: str = ""
    total: Decimal = Decimal(0)
    commit: str | None = None
    draft: bool = False
    checks: bool = False
    has_errors: bool = False
    """The plan has rule errors: with `draft`, the workbook is a draft; without it, nothing was written."""

    @property
    def written(self) -> bool:
        return self.output is not None


def export_xlsx(
    path: Path | str,
    output: Path | None = None,
    language: str | None = None,
    *,
    checks: bool = False,
    draft: bool = False,
    as_printed: bool = False,
) -> ExportResult:
    """Write the plan at `path` as an xlsx workbook, atomically, and say what was written.

    The default workbook is the one circulated to States Parties: no findings sheet, the plan's recorded
    corrections applied, and no workbook at all for a plan with rule errors.
    `output`: the file to write, or a folder to write the default name into; default: `default_name` in the
    current folder. `language`: one of the plan's languages; default English when the plan has it.
    `checks`: add the Checks sheet (the findings, for the plan's editors). `draft`: write a plan with rule errors
    anyway, marked DRAFT in every sheet's title and page header. `as_printed`: the source's words verbatim,
    without the plan's corrections (`present.corrections`).
    Raises `PlanNotFoundError`, `OptionError` (a language the plan lacks, an output that is not .xlsx) and
    `OutputError` (the file cannot be written; an existing file is then left as it was).
    """
    from xlsxwriter.exceptions import XlsxWriterException

    from ..read.atomic import write_with

    plan = load_plan(path)
    problems = sort_problems(check_plan(plan))
    if not plan.is_usable:
        return ExportResult(None, problems, tuple(plan.files))
    budget: Budget = plan.budget
    chosen = choose_language(budget.languages, language)
    target = output_path(budget, chosen, output)
    has_errors = counts(problems)[0] > 0
    if has_errors and not draft:
        return ExportResult(None, problems, tuple(plan.files), language=chosen, has_errors=True)
    commit = plan_commit(plan.folder)
    options = Options(checks=checks, draft=draft, as_printed=as_printed)
    sheets: list[str] = []
    try:
        write_with(
            target,
            lambda temporary: sheets.extend(write_workbook(plan, temporary, chosen, problems, commit, options)),
        )
    except XlsxWriterException as error:  # the temporary file is gone already; the target was never touched
        raise OutputError(f"{target}: cannot write: {error}") from None
    return ExportResult(
        target,
        problems,
        tuple(plan.files),
        language=chosen,
        sheets=tuple(sheets),
        currency=budget.currency,
        total=compute_totals(budget).plan_total,
        commit=commit,
        draft=draft,
        checks=checks,
        has_errors=has_errors,
    )


def summary(result: ExportResult) -> str:
    """What was written: the path, then one line with the sheets, the language, the total and the findings."""
    from ..present.numbers import money

    def plural(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    errors, warnings, accepted = counts(result.problems)
    findings = (
        f"{plural(errors + warnings, 'problem')} ({plural(errors, 'error')}, {plural(warnings, 'warning')})"
        if errors or warnings
        else "no problems"
    )
    if accepted:
        findings += f", {accepted} accepted"
    if result.checks:
        where = " on the Checks sheet"
    elif errors or warnings or accepted:
        where = ": `ccm-plan validate` lists them, --checks adds them as a sheet"
    else:
        where = ""
    draft = "a DRAFT: " if result.draft else ""
    return (
        f"wrote {result.output}\n"
        f"{draft}{plural(len(result.sheets), 'sheet')} ({', '.join(result.sheets)}) in {result.language}; "
        f"total {result.currency} {money(result.total)}; {findings}{where}\n"
    )


def choose_language(languages: Sequence[str], wanted: str | None) -> str:
    """`wanted` if the plan has it; by default English, or the plan's first language when it has no English."""
    if wanted is None:
        return "en" if "en" in languages else languages[0]
    if wanted not in languages:
        raise OptionError(
            f"--lang {wanted}: the plan has no text in '{wanted}'; its languages are {', '.join(languages)}"
        )
    return wanted


def default_name(budget: Budget, language: str) -> str:
    """`ccm-plan-2021-2026.xlsx` for English, `ccm-plan-2021-2026-zh.xlsx` for another language."""
    suffix = "" if language == "en" else f"-{language}"
    return f"ccm-plan-{budget.period.start}-{budget.period.end}{suffix}.xlsx"


def output_path(budget: Budget, language: str, output: Path | None) -> Path:
    if output is None:
        return Path(default_name(budget, language))
    if output.is_dir():
        return output / default_name(budget, language)
    if output.suffix.lower() != ".xlsx":
        raise OptionError(f"{output}: the output must be an .xlsx file (spreadsheet programs go by the name)")
    return output


def plan_commit(folder: Path) -> str | None:
    """The git commit the plan folder is at, with ' (modified)' when its files differ from it; None outside git."""

    def git(*args: str) -> subprocess.CompletedProcess[str] | None:
        try:
            return subprocess.run(
                ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=GIT_TIMEOUT, check=False
            )
        except (OSError, subprocess.SubprocessError):
            return None

    head = git("rev-parse", "--verify", "HEAD")
    if head is None or head.returncode != 0 or not head.stdout.strip():
        return None
    commit = head.stdout.strip()
    status = git("status", "--porcelain", "--", ".")
    if status is not None and status.returncode == 0 and status.stdout.strip():
        commit += " (modified)"
    return commit


@dataclass(frozen=True)
class Options:
    """What kind of workbook: with the Checks sheet, a draft, the source's words verbatim (see `export_xlsx`)."""

    checks: bool = False
    draft: bool = False
    as_printed: bool = False


def write_workbook(
    plan: LoadedPlan,
    path: Path,
    language: str,
    problems: Sequence[Problem],
    commit: str | None = None,
    options: Options | None = None,
) -> list[str]:
    """Write the workbook of a usable plan to `path` (not atomically: see `export_xlsx`); return its sheet names."""
    options = options or Options()
    import xlsxwriter

    labels = labels_for(language)
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            # Belt and braces: every text goes through write_string anyway.
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "default_format_properties": {"font_name": labels.font, "font_size": FONT_SIZE},
        },
    )
    writer = _Writer(workbook, plan, language, labels, options)
    writer.budget_sheet()
    writer.analysis_sheet()
    if plan.workplan is not None:
        writer.workplan_sheet(plan.workplan)
    if options.checks:
        writer.checks_sheet(problems)
    writer.properties(commit)
    workbook.close()
    return writer.sheet_names


# ------------------------------------------------------------------------------------------------- helpers


def text_in(text: Mapping[str, str] | None, language: str, fallback: Sequence[str] = ()) -> str:
    """A plan text in `language`; when it lacks that language (a finding of its own), in the plan's first one."""
    if not text:
        return ""
    if language in text:
        return text[language]
    for other in fallback:
        if other in text:
            return text[other]
    return next(iter(text.values()))


def display_width(text: str) -> int:
    """Width in character cells: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in text)


def wrapped_lines(text: str, width: float, wide_char: float = 2.0) -> int:
    """How many lines `text` wraps to in a cell `width` column-width units wide (a unit is the width of a digit).

    An estimate, calibrated on LibreOffice's print of Calibri (Carlito) and Noto Sans CJK: a letter of prose
    takes 0.82 of a unit, a CJK character `wide_char` units.
    """
    usable = max(width - 1, 1)
    lines = 0
    for part in text.split("\n"):
        used = sum(wide_char if unicodedata.east_asian_width(char) in ("W", "F") else 0.82 for char in part)
        lines += max(1, math.ceil(used / usable))
    return lines


def _number(value: Decimal) -> int | float:
    """A Decimal as the spreadsheet stores it: an exact int for whole amounts, a double otherwise."""
    return int(value) if value == value.to_integral_value() else float(value)


def _cell(row: int, col: int) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    return str(xl_rowcol_to_cell(row, col))


def _sheet_ref(sheet: str, row: int, col: int) -> str:
    """A reference to a cell of another sheet, the sheet name always quoted (Chinese names included)."""
    return "'" + sheet.replace("'", "''") + "'!" + _cell(row, col)


@dataclass
class _BudgetLayout:
    """Where the budget sheet put things, for the analysis sheet's formulas and the chart."""

    header_row: int = 0
    line_rows: dict[str, int] = field(default_factory=dict)
    total_row: int = 0
    year_cols: dict[int, int] = field(default_factory=dict)
    total_col: int = 0


@dataclass
class _Sheet:
    """A worksheet, its column widths, and its text cells, to size columns and rows when the sheet is done.

    LibreOffice keeps the default row height for rows of wrapped text in a file it did not write, and no program
    fits a row to merged cells, so every row of text gets a height estimated from the text and the widths. A
    column whose width is None is made as wide as its widest text, up to `AUTO_WIDTH_MAX`.
    """

    worksheet: Any
    widths: list[float | None]
    labels: Labels
    cells: list[tuple[int, int, int, str, dict[str, Any]]] = field(default_factory=list)
    heights: dict[int, float] = field(default_factory=dict)

    def need(self, row: int, height: float) -> None:
        self.heights[row] = max(self.heights.get(row, 0), height)

    def finish(self) -> list[float]:
        widths = list(self.widths)
        for col, width in enumerate(widths):
            if width is None:
                texts = [
                    text for _, first, last, text, spec in self.cells if first == col == last and spec.get("text_wrap")
                ]
                widest = max((display_width(text) for text in texts), default=0)
                widths[col] = min(max(widest + 2, 10), AUTO_WIDTH_MAX)
        fixed = [float(width or 0) for width in widths]
        line_height, wide_char = self.labels.line_height, self.labels.wide_char
        for row, first, last, text, spec in self.cells:
            size = spec["font_size"] / FONT_SIZE
            width = sum(fixed[first : last + 1]) / size
            lines = wrapped_lines(text, width, wide_char) if spec.get("text_wrap") else 1
            self.need(row, lines * line_height * size + ROW_PADDING)
        for col, width in enumerate(fixed):
            self.worksheet.set_column(col, col, width)
        for row, height in sorted(self.heights.items()):
            if height > DEFAULT_ROW_HEIGHT:
                self.worksheet.set_row(row, round(height, 1))
        return fixed


class _Writer:
    """Builds the sheets of one workbook; holds the formats and where the budget sheet put each figure."""

    def __init__(self, workbook: Any, plan: LoadedPlan, language: str, labels: Labels, options: Options) -> None:
        self.workbook = workbook
        self.options = options
        self.plan = plan
        self.budget: Budget = plan.budget
        self.language = language
        self.labels = labels
        self.fallback = list(self.budget.languages)
        self.totals: BudgetTotals = compute_totals(self.budget)
        self.layout = _BudgetLayout()
        self.sheet_names: list[str] = []
        self.formats: dict[str, Any] = {}
        self.specs: dict[str, dict[str, Any]] = {}
        self.money_format = self._money_format()
        self._define_formats()

    # ---------------------------------------------------------------------------------------- formats

    def _money_format(self) -> str:
        amounts = [value for line in self.budget.lines for value in line.amounts.values()]
        places = ".00" if any(value != value.to_integral_value() for value in amounts) else ""
        symbol = f"[${self.budget.currency}]"
        return f"{symbol} #,##0{places};-{symbol} #,##0{places}"

    def _define_formats(self) -> None:
        base = {"font_name": self.labels.font, "font_size": FONT_SIZE, "valign": "top"}
        header = {"bold": True, "bg_color": "#DCE6F1", "bottom": 1, "valign": "vcenter", "text_wrap": True}
        total = {"bold": True, "top": 1, "bottom": 6}
        money, change = self.money_format, "+0.0%;-0.0%;0.0%"
        middle = {"valign": "vcenter"}  # table rows: the space above and below a line is shared
        specs: dict[str, dict[str, Any]] = {
            "title": {"bold": True, "font_size": 14, "valign": "vcenter"},
            "title_wrap": {"bold": True, "font_size": 14, "text_wrap": True},
            "subtitle": {"italic": self.labels.italic, "font_color": "#595959"},
            "subtitle_wrap": {"italic": self.labels.italic, "font_color": "#595959", "text_wrap": True},
            "heading": {"bold": True, "font_size": 12, "valign": "bottom"},
            "heading_ref": {"bold": True, "font_size": 12, "valign": "bottom", "align": "right"},
            "strong": {"bold": True, "text_wrap": True},
            "strong_ref": {"bold": True, "align": "right"},
            "header": header,
            "header_right": {**header, "align": "right"},
            "header_indent": {**header, "indent": 1},
            "text": {"text_wrap": True},
            "plain": {**middle},
            "ref": {"align": "right"},
            "label": {**middle, "text_wrap": True},
            "money": {**middle, "num_format": money},
            "money_bold": {**middle, "num_format": money, "bold": True},
            "money_left": {"num_format": money, "align": "left"},
            "total_label": {**middle, **total, "text_wrap": True},
            "total_money": {**middle, **total, "num_format": money},
            "in_kind": {**middle, "italic": self.labels.italic, "align": "center", "text_wrap": True},
            "note": {**middle, "text_wrap": True, "font_size": 10, "align": "left", "indent": 1},
            "count": {**middle, "num_format": "0"},
            "percent": {**middle, "num_format": "0.0%"},
            "percent_bold": {**middle, "num_format": "0.0%", "bold": True},
            "change": {**middle, "num_format": change},
            "change_total": {**middle, **total, "num_format": change},
        }
        for name, spec in specs.items():
            self.specs[name] = {**base, **spec}
            self.formats[name] = self.workbook.add_format(self.specs[name])

    def text(self, value: Mapping[str, str] | None) -> str:
        return text_in(value, self.language, self.fallback)

    def item_text(self, item: object, field: str = "text") -> str:
        """An item's text with the plan's recorded corrections applied (unless `--as-printed`)."""
        return self.text(item_text(item, field, as_printed=self.options.as_printed))

    def title(self, text: str) -> str:
        """A sheet's title; a draft's says so first."""
        return self.labels.draft_title.format(title=text) if self.options.draft else text

    def add_sheet(self, name: str, widths: Sequence[float | None]) -> _Sheet:
        worksheet = self.workbook.add_worksheet(name)
        self.sheet_names.append(name)
        worksheet.set_paper(9)  # A4
        worksheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
        worksheet.set_footer("&L&A&R" + self.labels.page)  # sheet name; page n of m
        if self.options.draft:
            worksheet.set_header(f'&C&"{self.labels.font},Bold"&14{self.labels.draft}')
        return _Sheet(worksheet, list(widths), self.labels)

    def put(
        self, sheet: _Sheet, row: int, col: int, value: str, fmt: str = "text", last_col: int | None = None
    ) -> None:
        """A text cell (over merged cells up to `last_col`), always written as a string, never as a formula."""
        last = col if last_col is None else last_col
        if last > col:
            sheet.worksheet.merge_range(row, col, row, last, "", self.formats[fmt])
        if not value:
            sheet.worksheet.write_blank(row, col, None, self.formats[fmt])  # the format (borders) without a text
            return
        sheet.worksheet.write_string(row, col, value, self.formats[fmt])
        sheet.cells.append((row, col, last, value, self.specs[fmt]))

    def formula(self, sheet: _Sheet, row: int, col: int, formula: str, value: Decimal | None, fmt: str) -> None:
        """A live formula with ccm-plan's own result stored beside it (empty when the result is empty)."""
        sheet.worksheet.write_formula(row, col, formula, self.formats[fmt], "" if value is None else _number(value))

    def number(self, sheet: _Sheet, row: int, col: int, value: Decimal | int, fmt: str) -> None:
        sheet.worksheet.write_number(row, col, _number(Decimal(value)), self.formats[fmt])

    # ------------------------------------------------------------------------------------------- budget

    def budget_sheet(self) -> None:
        labels, budget, totals, layout = self.labels, self.budget, self.totals, self.layout
        years = list(totals.years)
        sheet = self.add_sheet(labels.budget, self._budget_widths(len(years)))
        layout.header_row = 2
        layout.year_cols = {year: 1 + index for index, year in enumerate(years)}
        layout.total_col = 1 + len(years)
        notes_col = layout.total_col + 1
        first_col, last_col = 1, len(years)

        self.put(sheet, 0, 0, self.title(self.text(budget.title)), "title")
        sheet.need(0, 24)
        self.put(sheet, 1, 0, labels.amounts_in.format(currency=budget.currency), "subtitle")

        header = layout.header_row
        self.put(sheet, header, 0, labels.expenditure, "header")
        for year, col in layout.year_cols.items():
            self.put(sheet, header, col, labels.year_heading(year), "header_right")
        self.put(sheet, header, layout.total_col, labels.total, "header_right")
        self.put(sheet, header, notes_col, labels.notes, "header_indent")
        sheet.need(header, 20)

        row = header + 1
        for line in budget.lines:
            layout.line_rows[line.id] = row
            self.put(sheet, row, 0, self.text(line.name), "label")
            for year, col in layout.year_cols.items():
                self.number(sheet, row, col, totals.amounts[line.id][year], "money")
            span = f"{_cell(row, first_col)}:{_cell(row, last_col)}"
            self.formula(sheet, row, layout.total_col, f"=SUM({span})", totals.line_totals[line.id], "money_bold")
            self.put(sheet, row, notes_col, self.text(line.note), "note")
            row += 1

        layout.total_row = row
        first_line, last_line = header + 1, row - 1
        self.put(sheet, row, 0, labels.total, "total_label")
        for year, col in layout.year_cols.items():
            span = f"{_cell(first_line, col)}:{_cell(last_line, col)}"
            self.formula(sheet, row, col, f"=SUM({span})", totals.year_totals[year], "total_money")
        span = f"{_cell(first_line, layout.total_col)}:{_cell(last_line, layout.total_col)}"
        self.formula(sheet, row, layout.total_col, f"=SUM({span})", totals.plan_total, "total_money")
        self.put(sheet, row, notes_col, "", "total_label")
        row += 1

        for item in budget.in_kind:
            self.put(sheet, row, 0, self.text(item.name), "label")
            self.put(sheet, row, first_col, self.item_text(item, "provided_by"), "in_kind", last_col=layout.total_col)
            self.put(sheet, row, notes_col, self.text(item.note), "note")
            row += 1

        if budget.notes:
            row += 1
            self.put(sheet, row, 0, labels.budget_notes, "heading")
            sheet.need(row, 22)
            row += 1
            for note in sorted(budget.notes, key=lambda note: note.number):
                self.put(sheet, row, 0, f"{note.number}. {self.text(note.text)}", "text", last_col=notes_col)
                row += 1

        sheet.finish()
        worksheet = sheet.worksheet
        worksheet.freeze_panes(header + 1, 1)
        worksheet.set_landscape()
        worksheet.fit_to_pages(1, 0)
        worksheet.repeat_rows(header)
        worksheet.center_horizontally()

    def _budget_widths(self, years: int) -> list[float]:
        names = [self.text(line.name) for line in self.budget.lines]
        names += [self.text(item.name) for item in self.budget.in_kind]
        label = min(max([display_width(name) for name in names] + [display_width(self.labels.expenditure), 12]), 36)
        amount = self._amount_width()
        return [label + 2, *([amount] * years), amount + 1, NOTES_WIDTH]

    def _amount_width(self) -> float:
        return max(len(f"{self.budget.currency} {int(self.totals.plan_total):,}") + 2, 11)  # bold totals too

    # ----------------------------------------------------------------------------------------- analysis

    def analysis_sheet(self) -> None:
        labels, budget, totals, layout = self.labels, self.budget, self.totals, self.layout
        years = list(totals.years)
        cols, total_col, source = layout.year_cols, layout.total_col, labels.budget
        sheet = self.add_sheet(labels.analysis, [None, *([self._amount_width()] * (len(years) + 1))])

        def ref(line_id: str, col: int) -> str:
            return _sheet_ref(source, layout.line_rows[line_id], col)

        def years_header(row: int, title: str, total: bool = True) -> None:
            self.put(sheet, row, 0, title, "header")
            for year, col in cols.items():
                self.put(sheet, row, col, labels.year_heading(year), "header_right")
            self.put(sheet, row, total_col, labels.total if total else "", "header_right")
            sheet.need(row, 20)

        self.put(sheet, 0, 0, self.title(self.text(budget.title)), "title")
        sheet.need(0, 24)
        self.put(sheet, 1, 0, labels.amounts_in.format(currency=budget.currency), "subtitle")
        years_header(2, labels.analysis)

        # staff and non-staff costs, the total, and the staff share
        staff_ids = [line.id for line in budget.lines if line.cost_type == "staff"]
        other_ids = [line.id for line in budget.lines if line.cost_type != "staff"]
        staff_row, other_row, total_row, share_row = 3, 4, 5, 6
        for row, title, ids, values, overall in (
            (staff_row, labels.staff_costs, staff_ids, totals.staff, totals.staff_total),
            (other_row, labels.non_staff_costs, other_ids, totals.non_staff, totals.non_staff_total),
        ):
            self.put(sheet, row, 0, title, "label")
            for year, col in cols.items():
                parts = ",".join(ref(line_id, col) for line_id in ids)
                self.formula(sheet, row, col, f"=SUM({parts})" if parts else "=0", values[year], "money")
            span = f"{_cell(row, cols[years[0]])}:{_cell(row, cols[years[-1]])}"
            self.formula(sheet, row, total_col, f"=SUM({span})", overall, "money_bold")
        self.put(sheet, total_row, 0, labels.total, "total_label")
        for col, value in [*((cols[y], totals.year_totals[y]) for y in years), (total_col, totals.plan_total)]:
            self.formula(sheet, total_row, col, "=" + _sheet_ref(source, layout.total_row, col), value, "total_money")
        self.put(sheet, share_row, 0, labels.staff_share, "label")
        for col, part, whole in [
            *((cols[y], totals.staff[y], totals.year_totals[y]) for y in years),
            (total_col, totals.staff_total, totals.plan_total),
        ]:
            staff, total = _cell(staff_row, col), _cell(total_row, col)
            fmt = "percent_bold" if col == total_col else "percent"
            self.formula(sheet, share_row, col, f'=IF({total}=0,"",{staff}/{total})', share(part, whole), fmt)
        row = share_row + 2

        row = self._social_security_rows(sheet, row)
        row = self._travel_rows(sheet, row)

        # each line's and the total's change from the year before
        years_header(row, labels.year_on_year, total=False)
        row += 1
        series = [(self.text(line.name), layout.line_rows[line.id], totals.amounts[line.id]) for line in budget.lines]
        series.append((labels.total, layout.total_row, totals.year_totals))
        for title, source_row, amounts in series:
            is_total = source_row == layout.total_row
            self.put(sheet, row, 0, title, "total_label" if is_total else "label")
            for year, change in year_on_year(amounts).items():
                col = cols[year]
                if change is None:
                    self.put(sheet, row, col, "", "total_label" if is_total else "plain")
                    continue
                before, now = _sheet_ref(source, source_row, col - 1), _sheet_ref(source, source_row, col)
                moved = share(change.amount, change.previous)
                formula = f'=IF({before}=0,"",{now}/{before}-1)'
                self.formula(sheet, row, col, formula, moved, "change_total" if is_total else "change")
            row += 1

        # a plan of many lines: the chart shows the largest, and the others' sum from a row of live formulas here
        grouped = largest_lines(totals, CHART_SERIES - 1) if len(budget.lines) > CHART_SERIES else None
        others_row = None
        if grouped is not None:
            row += 1
            years_header(row, labels.chart_largest.format(count=len(grouped.shown)))
            others_row = row + 1
            self._other_lines_row(sheet, others_row, grouped)
            row = others_row + 1

        widths = sheet.finish()
        self._chart(sheet, row + 1, widths, grouped, others_row)
        worksheet = sheet.worksheet
        worksheet.freeze_panes(3, 1)
        worksheet.set_landscape()
        worksheet.fit_to_pages(1, 1)
        worksheet.center_horizontally()

    def _social_security_rows(self, sheet: _Sheet, row: int) -> int:
        parameters = self.budget.parameters.social_security
        if parameters is None:
            return row
        found, base_found = find_line(self.budget, parameters.line), find_line(self.budget, parameters.base_line)
        if found is None or base_found is None:
            return row
        line, base = found[1], base_found[1]
        layout, totals, source = self.layout, self.totals, self.labels.budget
        names = {"line": self.text(line.name), "base": self.text(base.name)}
        self.put(sheet, row, 0, self.labels.social_security_share.format(**names), "label")
        columns = [*((layout.year_cols[y], y) for y in totals.years), (layout.total_col, None)]
        for col, year in columns:
            part_ref = _sheet_ref(source, layout.line_rows[line.id], col)
            base_ref = _sheet_ref(source, layout.line_rows[base.id], col)
            if year is None:
                value = share(totals.line_totals[line.id], totals.line_totals[base.id])
            else:
                value = share(totals.amounts[line.id][year], totals.amounts[base.id][year])
            fmt = "percent_bold" if year is None else "percent"
            self.formula(sheet, row, col, f'=IF({base_ref}=0,"",{part_ref}/{base_ref})', value, fmt)
        row += 1
        rate = parameters.rate_percent
        title = self.labels.social_security_at_rate.format(**names, rate=pct(rate, places=2))
        self.put(sheet, row, 0, title, "label")
        for year in totals.years:
            col = layout.year_cols[year]
            base_ref = _sheet_ref(source, layout.line_rows[base.id], col)
            expected = round_money(social_security_expected(totals.amounts[base.id][year], rate))
            self.formula(sheet, row, col, f"=ROUND({base_ref}*{rate}/100,0)", expected, "money")
        return row + 2

    def _travel_rows(self, sheet: _Sheet, row: int) -> int:
        travel = self.budget.parameters.travel
        per_leg = travel_cost_per_leg(self.budget)
        if travel is None or per_leg is None:
            return row
        layout, totals, source = self.layout, self.totals, self.labels.budget
        legs = self.labels.list_separator.join(
            self.labels.legs.format(count=leg.count, kind=self.text(leg.kind)) for leg in travel.legs
        )
        self.put(sheet, row, 0, self.labels.travel_legs.format(legs=legs), "label")
        for year in totals.years:
            self.number(sheet, row, layout.year_cols[year], travel.legs_per_year, "count")
        legs_row = row
        row += 1
        self.put(sheet, row, 0, self.labels.cost_per_leg, "label")
        for year in totals.years:
            col = layout.year_cols[year]
            travel_ref = _sheet_ref(source, layout.line_rows[travel.line], col)
            self.formula(sheet, row, col, f"={travel_ref}/{_cell(legs_row, col)}", per_leg[year], "money")
        first, last = layout.year_cols[totals.years[0]], layout.year_cols[totals.years[-1]]
        average = f"=AVERAGE({_cell(row, first)}:{_cell(row, last)})"
        self.formula(sheet, row, layout.total_col, average, average_cost_per_leg(self.budget), "money_bold")
        return row + 2

    def _other_lines_row(self, sheet: _Sheet, row: int, grouped: LargestLines) -> None:
        """The lines the chart does not show one by one, per year: the budget's total less the lines it shows."""
        layout, source, totals = self.layout, self.labels.budget, self.totals
        self.put(sheet, row, 0, self.labels.other_lines.format(count=len(grouped.others)), "label")
        for year, col in layout.year_cols.items():
            shown = ",".join(_sheet_ref(source, layout.line_rows[line_id], col) for line_id in grouped.shown)
            formula = f"={_sheet_ref(source, layout.total_row, col)}-SUM({shown})"
            self.formula(sheet, row, col, formula, grouped.others_by_year[year], "money")
        span = f"{_cell(row, layout.year_cols[totals.years[0]])}:{_cell(row, layout.year_cols[totals.years[-1]])}"
        self.formula(sheet, row, layout.total_col, f"=SUM({span})", grouped.others_total, "money_bold")

    def _chart(
        self, sheet: _Sheet, row: int, widths: Sequence[float], grouped: LargestLines | None, others_row: int | None
    ) -> None:
        """Stacked columns, one column per year: one series per budget line, read from the budget sheet; for a
        plan of more than `CHART_SERIES` lines, its largest lines and one series of the others (`grouped`, whose
        figures are on this sheet's `others_row`)."""
        layout, source, font = self.layout, self.labels.budget, {"name": self.labels.font}
        chart = self.workbook.add_chart({"type": "column", "subtype": "stacked"})
        first, last = layout.year_cols[self.totals.years[0]], layout.year_cols[self.totals.years[-1]]
        categories = [source, layout.header_row, first, layout.header_row, last]
        shown = grouped.shown if grouped is not None else self.totals.line_ids
        for line_id in shown:
            line_row = layout.line_rows[line_id]
            chart.add_series(
                {
                    "name": [source, line_row, 0],
                    "categories": categories,
                    "values": [source, line_row, first, line_row, last],
                    "gap": 60,
                }
            )
        title = self.labels.chart_title
        if grouped is not None and others_row is not None:
            analysis = self.labels.analysis
            chart.add_series(
                {
                    "name": [analysis, others_row, 0],
                    "categories": categories,
                    "values": [analysis, others_row, first, others_row, last],
                    "fill": {"color": OTHERS_COLOUR},
                    "gap": 60,
                }
            )
            title = self.labels.chart_largest.format(count=len(grouped.shown))
        chart.set_title({"name": title, "name_font": {**font, "size": 12, "bold": True}})
        chart.set_x_axis({"num_font": font})
        chart.set_y_axis({"min": 0, "num_format": "#,##0", "num_font": font, "major_gridlines": {"visible": True}})
        chart.set_legend({"position": "right", "font": font})
        width = sum(widths) * 7 + 5 * len(widths)  # pixels: 7 a width unit at 11 pt, and the cell padding
        chart.set_size({"width": int(width), "height": 360})
        sheet.worksheet.insert_chart(row, 0, chart, {"x_offset": 2, "y_offset": 4})

    # ---------------------------------------------------------------------------------------- work plan

    def workplan_sheet(self, workplan: Workplan) -> None:
        labels = self.labels
        sheet = self.add_sheet(labels.workplan, [7, TEXT_WIDTH])
        row = 0

        def put(ref: str, value: str, fmt: str = "text", ref_fmt: str = "ref") -> None:
            nonlocal row
            if ref:
                self.put(sheet, row, 0, ref, ref_fmt)
            self.put(sheet, row, 1, value, fmt)
            row += 1

        def heading(index: int | None, title: str) -> None:
            nonlocal row
            row += 1
            number = "" if index is None else labels.section_number(index) + "."
            sheet.need(row, 24)
            put(number, title, "heading", "heading_ref")

        def entries(items: Sequence[Any], prefix: str = "") -> None:
            for number, item in enumerate(items, start=1):
                put(f"{prefix}{number}" + ("" if prefix else "."), self.item_text(item))

        document = workplan.document
        put("", self.title(self.text(document.title)), "title_wrap")
        details = [self.text(document.meeting), self.text(document.place_and_dates)]
        if document.agenda_item is not None:
            item = document.agenda_item
            details.append(f"{item.number} {self.text(item.title)}")
            details.append(self.text(item.subitem))
        details.append(document.date.isoformat())
        for detail in details:
            if detail:
                put("", detail, "subtitle_wrap")

        summary = workplan.summary
        heading(None, labels.summary)
        put("", labels.main_objective, "strong")
        put("", self.text(summary.main_objective))
        put("", labels.specific_objectives, "strong")
        entries(summary.specific_objectives)
        put("", labels.expected_outcomes, "strong")
        entries(summary.expected_outcomes)
        put("", labels.budget_figure, "strong")
        self.number(sheet, row, 1, summary.budget, "money_left")
        row += 1

        mandate = workplan.mandate
        heading(0, labels.mandate)
        for paragraph in (mandate.establishment, mandate.staffing, mandate.lead):
            put("", self.text(paragraph))
        entries(mandate.items)

        heading(1, labels.priorities)
        for paragraph in workplan.priorities.introduction:
            put("", self.text(paragraph))
        for area in workplan.priorities.areas:
            row += 1
            put(f"{area.number}.", self.item_text(area, "title"), "strong", "strong_ref")
            put("", self.item_text(area, "lead"))
            entries(area.activities, prefix=f"{area.number}.")

        heading(2, labels.expected_results)
        entries(workplan.expected_results)
        if self.budget.notes:
            heading(3, labels.budget_notes)
            for note in sorted(self.budget.notes, key=lambda note: note.number):
                put(f"{note.number}.", self.text(note.text))
        heading(4, labels.assumptions)
        entries(workplan.assumptions)

        sheet.finish()
        sheet.worksheet.set_portrait()
        sheet.worksheet.fit_to_pages(1, 0)

    # ------------------------------------------------------------------------------------------- checks

    def checks_sheet(self, problems: Sequence[Problem]) -> None:
        labels = self.labels
        sheet = self.add_sheet(labels.checks, [22, 11, 20, 70, 70])
        self.put(sheet, 0, 0, self.title(labels.checks_title.format(version=__version__)), "title")
        sheet.need(0, 24)
        if not problems:
            self.put(sheet, 2, 0, labels.no_findings, "plain")
        else:
            headings = [labels.rule, labels.severity, labels.location, labels.message, labels.fix]
            for col, title in enumerate(headings):
                self.put(sheet, 2, col, title, "header")
            sheet.need(2, 20)
            for row, problem in enumerate(problems, start=3):
                severity = labels.severities.get(str(problem.severity), str(problem.severity))
                fix = problem.hint if problem.accepted is None else labels.accepted.format(reason=problem.accepted)
                # The plan's files lie side by side in its folder: the file's name is its location there.
                location = f"{Path(problem.file).name}:{problem.line}:{problem.column}"
                for col, value in enumerate([problem.rule, severity, location, problem.message, fix]):
                    self.put(sheet, row, col, value)
            sheet.worksheet.freeze_panes(3, 0)
            sheet.worksheet.autofilter(2, 0, 2 + len(problems), len(headings) - 1)
        sheet.finish()
        sheet.worksheet.set_landscape()
        sheet.worksheet.fit_to_pages(1, 0)

    # ------------------------------------------------------------------------------------------ properties

    def properties(self, commit: str | None) -> None:
        title = self.text(self.budget.title)
        subject = self.text(self.plan.workplan.document.title) if self.plan.workplan is not None else ""
        comments = f"ccm-plan {__version__}" + (f"; plan commit {commit}" if commit else "")
        self.workbook.set_properties(
            {"title": title, "subject": subject, "author": "ccm-plan", "comments": comments, "keywords": "ccm-plan"}
        )
        self.workbook.set_custom_property("ccm-plan version", __version__)
        self.workbook.set_custom_property("Plan language", self.language)
        if commit:
            self.workbook.set_custom_property("Plan commit", commit)
