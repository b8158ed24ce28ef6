"""The plan as an Excel workbook to take into a meeting: the budget table with live totals, an analysis with a
chart, the work plan's text, and the validation findings at the time of export.

XlsxWriter writes the file because, unlike openpyxl, it stores each formula's computed value beside the formula:
previewers, converters and `openpyxl(data_only=True)` see the right totals without recalculating. Those values
come from compute.py, so the workbook shows ccm-plan's own figures. Every plan text is written as a string,
so a text that starts with `=` never becomes a formula.
"""

from __future__ import annotations

import datetime
import functools
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
    legs_in,
    percent,
    rate_base,
    rate_expected,
    rate_in,
    share,
    travel_cost_per_leg,
    travel_expected,
    year_on_year,
)
from ..errors import OptionError, OutputError, PlanUnusableError
from ..model.plan import CostPerLeg, Leg
from ..present.corrections import item_text
from ..present.dates import long_date
from ..present.message import Code, Count
from ..present.numbers import exact_places, money, sheet_format
from ..present.precision import shown_places
from ..present.rounding import round_half_up
from ..present.spreadsheet import percent_format
from ..problems import Problem, counts, sort_problems
from ..read.loader import LoadedPlan, load_plan
from .fonts import breaks_anywhere, measure, wrap
from .workbook_words import WorkbookWords, workbook_words

if TYPE_CHECKING:
    from ..compute.totals import BudgetTotals
    from ..model.plan import Budget, Rate, Travel, Workplan
    from ..present.voice import Voice

NOTES_WIDTH_MIN = 26  # characters: the narrowest the budget sheet's notes column gets to keep the page's scale
NOTES_WIDTH = 56  # characters: the budget sheet's notes column, wrapped, when the page has room for it
AUTO_WIDTH_MAX = 60  # characters: the widest a column sized to its texts gets
ANALYSIS_LABEL_MIN = 24  # characters: the narrowest the analysis sheet's row names get to keep the page's scale
CHART_HEIGHT = 300  # pixels (225 points): the analysis sheet's chart, kept whole on one printed page
LABEL_WIDTH_MAX = 190.0  # points: the widest the budget's line names get (longer names wrap)
REF_WIDTH = 7  # characters: the work plan sheet's column of numbers (1.1, 10.4, IV.)
FONT_SIZE = 11
# The font of the workbook's Normal style, in whose digits every program counts column widths: Calibri, which every
# Office has and whose metric-compatible twin (Carlito) LibreOffice and fontconfig substitute, so a column is as wide
# on every machine. Cells name their language's font (WorkbookWords.font): had the Normal style named DengXian, a
# LibreOffice without it would count widths in its substitute's wider digits and push columns off the page.
WIDTH_FONT = "Calibri"
DEFAULT_ROW_HEIGHT = 15  # points: a row without a height of its own
ROW_PADDING = 4  # points: keeps text off the borders above and below it
CELL_PADDING = 6  # points: a cell's text keeps this much off its left and right borders (both together)
MAX_ROW_HEIGHT = 409  # points: the tallest row Excel has
CHUNK_LINES = 24  # lines: a long text is written over rows of at most this many lines (each well below 409 pt)
NOTE_LINES = 6  # lines: a budget line's note longer than this goes to the notes below the table
LABEL_LINES = 8  # lines: a line's name longer than this is given in full in the notes below the table
SCALE_AIM = 93  # percent: the budget's columns are made to fit the page at this scale (a margin above the least)
PRINT_SCALE_MIN = 90  # percent: the budget prints at least this large (its 10-pt notes stay at 9 pt or more)
# A4 in points, less the margins set in `add_sheet` (0.5 in left and right, 0.6 in top, 0.7 in bottom) and, in
# height, the band LibreOffice gives the page footer inside the margin (measured: about 20 pt; 28 with room)
FOOTER_BAND = 28
A4_LANDSCAPE = (841.9 - 72, 595.3 - 93.6 - FOOTER_BAND)
A4_PORTRAIT = (595.3 - 72, 841.9 - 93.6 - FOOTER_BAND)
RIGHT_TO_LEFT = {"ar", "fa", "he", "ur"}  # languages whose sheets read from right to left
LEGEND_CHARS = 40  # characters: the longest line name the chart's legend shows whole
CHART_SERIES = 12  # the most series in the chart: a plan of more lines charts its largest and the rest as one
OTHERS_COLOUR = "#A6A6A6"  # the chart's "other lines": grey, as finance charts show the rest
PARAMETER_FILL = "#FFF2CC"  # the parameters a reviewer may change: a light yellow, as input cells are shown
FLAG_FILL, FLAG_TEXT = "#FCE4D6", "#9C0006"  # a figure validate reports: light red, dark red text


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
    pages: Mapping[str, int] = field(default_factory=dict)
    """The printed pages each sheet is laid out for (Budget and Work plan): rows' heights and page breaks."""
    moved: tuple[str, ...] = ()
    """The budget lines whose name or note was too long for its row and is given in the notes below the table."""
    draft: bool = False
    checks: bool = False
    has_errors: bool = False
    """The plan has rule errors: with `draft`, the workbook is a draft; without it, nothing was written."""
    places: int = 0
    """The plan's money precision (`present.precision`): the total is said at it."""

    @property
    def written(self) -> bool:
        return self.output is not None


def export_xlsx(
    path: Path | str,
    output: Path | str | None = None,
    language: str | None = None,
    *,
    checks: bool = False,
    draft: bool = False,
    as_printed: bool = False,
    force: bool = False,
) -> ExportResult:
    """Write the plan at `path` as an xlsx workbook, atomically, and say what was written.

    The default workbook is the one circulated to States Parties: no findings sheet, the plan's recorded
    corrections applied, and no workbook at all for a plan with rule errors.
    `output`: the file to write, or a folder to write the default name into; default: `default_name` in the
    current folder. `language`: one of the plan's languages; default: the user's locale when the plan has its
    language, else English when the plan has it, else its first language (`choose_language`).
    `checks`: add the Checks sheet (the findings, for the plan's editors). `draft`: write a plan with rule errors
    anyway, marked DRAFT in every sheet's title and page header. `as_printed`: the source's words verbatim,
    without the plan's corrections (`present.corrections`). `force`: replace a read-only target.
    The same plan and tool version give the same bytes: every timestamp is `reproducible.document_time`.
    Raises `PlanNotFoundError`, `OptionError` (a language the plan lacks, an output that is not .xlsx, a bad
    SOURCE_DATE_EPOCH) and `OutputError` (the file cannot be written, or is read-only without `force`; an existing
    file is then left as it was).
    """
    from xlsxwriter.exceptions import XlsxWriterException

    from ..read.atomic import write_with
    from .reproducible import check_target, document_time, plan_commit

    plan = load_plan(path)
    problems = sort_problems(check_plan(plan))
    if not plan.is_usable:
        return ExportResult(None, problems, tuple(plan.files))
    budget: Budget = plan.budget
    chosen = choose_language(budget.languages, language)
    target = output_path(budget, chosen, None if output is None else Path(output))
    too_long = [p for p in problems if p.rule == "cell-length" and p.accepted is None]
    if too_long:  # a workbook cell would cut the text: refuse, never truncate (the cell-length finding, read/source.py)
        first = too_long[0]
        raise PlanUnusableError(f"{first.location}: {first.message}; no workbook written")
    has_errors = counts(problems)[0] > 0
    if has_errors and not draft:
        return ExportResult(None, problems, tuple(plan.files), language=chosen, has_errors=True)
    check_target(target, force=force)
    commit = plan_commit(plan.folder, plan.files)
    options = Options(checks=checks, draft=draft, as_printed=as_printed, time=document_time(plan.folder, plan.files))
    written: list[Written] = []
    try:
        write_with(
            target,
            lambda temporary: written.append(write_workbook(plan, temporary, chosen, problems, commit, options)),
            force=force,
        )
    except XlsxWriterException as error:  # the temporary file is gone already; the target was never touched
        raise OutputError(f"{target}: cannot write: {error}") from None
    done = written[0]
    return ExportResult(
        target,
        problems,
        tuple(plan.files),
        language=chosen,
        sheets=done.sheets,
        currency=budget.currency,
        total=compute_totals(budget).plan_total,
        places=shown_places(budget),
        commit=commit,
        pages=done.pages,
        moved=done.moved,
        draft=draft,
        checks=checks,
        has_errors=has_errors,
    )


def summary(result: ExportResult, voice: Voice | None = None) -> str:
    """What was written: the path, then one line with the sheets, the language, the total and the findings; in
    the voice's language (the tool's words: `--lang`, else the user's locale), the total at the plan's precision
    with its currency where the language puts it (`present.numbers.Numbers.currency`), as `export docx` says it."""
    from ..present.voice import Voice

    voice = voice or Voice("en")
    errors, warnings, accepted = counts(result.problems)
    lines = [voice._("wrote {path}", path=Code(str(result.output)))]
    names = voice._(", ").join(result.sheets)  # (outside the call: the extraction reads one message a call)
    sheets = voice.n_(
        "{count} sheet ({names}) in {language}",
        "{count} sheets ({names}) in {language}",
        len(result.sheets),
        count=Count(len(result.sheets)),
        names=Code(names),
        language=Code(result.language),
    )
    if result.draft:
        sheets = voice._("a DRAFT: {what}", what=Code(sheets))
    parts = [
        sheets,
        voice._("total {amount}", amount=Code(voice.at(result.places).numbers.currency(result.total, result.currency))),
    ]
    findings = findings_said(voice, errors, warnings, accepted)
    if result.checks:
        findings = voice._("{findings} on the {sheet} sheet", findings=Code(findings), sheet=Code(result.sheets[-1]))
    elif errors or warnings or accepted:
        findings = voice._(
            "{findings}: `ccm-plan validate` lists them, --checks adds them as a sheet", findings=Code(findings)
        )
    parts.append(findings)
    lines.append(voice._("; ").join(parts))
    if result.moved:
        names = voice._(", ").join(name if len(name) <= 40 else name[:39] + "…" for name in result.moved)
        lines.append(
            voice.n_(
                "{count} text too long for its row, given in the notes below the budget table: {names}",
                "{count} texts too long for their rows, given in the notes below the budget table: {names}",
                len(result.moved),
                count=Count(len(result.moved)),
                names=Code(names),
            )
        )
    return "\n".join(lines) + "\n"


def findings_said(voice: Voice, errors: int, warnings: int, accepted: int) -> str:
    """`3 problems (1 error, 2 warnings)`, `no problems`, with `, 2 accepted`: in the voice's language."""
    if errors or warnings:
        problems = voice.n_("{count} problem", "{count} problems", errors + warnings, count=Count(errors + warnings))
        errors_said = voice.n_("{count} error", "{count} errors", errors, count=Count(errors))
        warnings_said = voice.n_("{count} warning", "{count} warnings", warnings, count=Count(warnings))
        text = voice._(
            "{problems} ({errors}, {warnings})",
            problems=Code(problems),
            errors=Code(errors_said),
            warnings=Code(warnings_said),
        )
    else:
        text = voice._("no problems")
    if accepted:
        text += voice._(", ") + voice._("{count} accepted", count=Count(accepted))
    return text


def choose_language(languages: Sequence[str], wanted: str | None) -> str:
    """The language of a workbook or document: `wanted` (`--lang`) if the plan has it; without it, the user's
    locale (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`, as every command's words follow it) when the plan has
    that language, else English when the plan has it, else the plan's first language.

    Raises `OptionError` for a `wanted` language the plan lacks."""
    if wanted is None:
        from ..present.words import base_language, resolve_language

        preferred = resolve_language(None)
        for candidate in (preferred, base_language(preferred)):
            if candidate in languages:
                return candidate
        return "en" if "en" in languages else languages[0]
    if wanted not in languages:
        raise OptionError(
            f"--lang {wanted}: the plan has no text in '{wanted}'; its languages are {', '.join(languages)}"
        )
    return wanted


def default_name(budget: Budget, language: str) -> str:
    """`isu-budget-2021-2026.xlsx` for English, `isu-budget-2021-2026-zh.xlsx` for another language: the plan's
    title as a slug (`names.file_stem`)."""
    from .names import file_stem

    return file_stem(budget, language) + ".xlsx"


def output_path(budget: Budget, language: str, output: Path | None) -> Path:
    if output is None:
        return Path(default_name(budget, language))
    if output.is_dir():
        return output / default_name(budget, language)
    if output.suffix.lower() != ".xlsx":
        raise OptionError(f"{output}: the output must be an .xlsx file (spreadsheet programs go by the name)")
    return output


@dataclass(frozen=True)
class Written:
    """What `write_workbook` wrote: the sheets, the pages it laid each out for, the lines given below the table."""

    sheets: tuple[str, ...]
    pages: dict[str, int]
    moved: tuple[str, ...]


@dataclass(frozen=True)
class Options:
    """What kind of workbook: with the Checks sheet, a draft, the source's words verbatim (see `export_xlsx`)."""

    checks: bool = False
    draft: bool = False
    as_printed: bool = False
    time: datetime.datetime = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    """Every timestamp of the file (see `reproducible.document_time`)."""


def write_workbook(
    plan: LoadedPlan,
    path: Path,
    language: str,
    problems: Sequence[Problem],
    commit: str | None = None,
    options: Options | None = None,
) -> Written:
    """Write the workbook of a usable plan to `path` (not atomically: see `export_xlsx`); say what it holds."""
    options = options or Options()
    labels = workbook_words(language)
    workbook = _workbook_class()(
        str(path),
        {
            # Sub-files are built in memory and zipped with XlsxWriter's fixed timestamp (1980-01-01), so the
            # bytes depend on the plan alone; it is also faster than temporary files.
            "in_memory": True,
            # Belt and braces: every text goes through write_string anyway.
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "default_format_properties": {"font_name": WIDTH_FONT, "font_size": FONT_SIZE},
        },
    )
    writer = _Writer(workbook, plan, language, labels, options, problems)
    writer.budget_sheet()
    writer.analysis_sheet()
    if plan.workplan is not None:
        writer.workplan_sheet(plan.workplan)
    if plan.actuals or plan.contributions is not None:
        # After adoption: the Execution and Funding sheets (exports/execution_sheets.py), in the workbook's language.
        from ..present.voice import Voice
        from .execution_sheets import add_sheets, sheets_places

        places = sheets_places(plan)
        writer.sheet_names += add_sheets(workbook, plan, Voice(language, places), places, labels.font).names
    if options.checks:
        writer.checks_sheet(problems)
    writer.properties(commit)
    workbook.close()
    return Written(tuple(writer.sheet_names), dict(writer.pages), tuple(writer.moved))


# ------------------------------------------------------------------------------------------------- helpers


# The only functions ccm-plan's formulas and conditional formats call. None is one of the functions Excel stores
# with a "_xlfn." prefix, so XlsxWriter's rewriting of each formula for them (31 regular expressions a formula, 200
# for a conditional format: 40% of a large plan's export) has nothing to do; a test checks both.
FORMULA_FUNCTIONS = frozenset({"SUM", "IF", "ROUND", "ABS", "OR"})


@functools.cache
def _worksheet_class() -> type[Any]:
    """XlsxWriter's Worksheet, taking ccm-plan's formulas as they are written: they are pre-normalised (only
    `FORMULA_FUNCTIONS`, none of which Excel prefixes or computes as a dynamic array), so the per-formula searches
    for future and dynamic-array functions are skipped; only the leading "=" is removed, as XlsxWriter does."""
    from xlsxwriter.worksheet import CellFormulaTuple, Worksheet

    class _Worksheet(Worksheet):  # type: ignore[misc]
        def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
            return formula[1:] if formula.startswith("=") else formula

        def _write_formula(self, row: int, col: int, formula: str, cell_format: Any = None, value: Any = 0) -> int:
            if not formula or formula.startswith("{") or self.constant_memory:  # XlsxWriter's own checks and cases
                return int(super()._write_formula(row, col, formula, cell_format, value))
            if self._check_dimensions(row, col):
                return -1
            self.table[row][col] = CellFormulaTuple(self._prepare_formula(formula), cell_format, value)
            return 0

    return _Worksheet


@functools.cache
def _workbook_class() -> type[Any]:
    """XlsxWriter's Workbook, naming ccm-plan as the application that wrote the file (docProps/app.xml).

    XlsxWriter writes "Microsoft Excel" there and offers no property for it; it does offer its packager to be
    overridden (`Workbook._get_packager`). This one rewrites the in-memory app.xml after XlsxWriter made it;
    tests read the file back.
    """
    import xlsxwriter
    from xlsxwriter.packager import Packager

    class _Packager(Packager):  # type: ignore[misc]
        def _write_app_file(self) -> None:
            super()._write_app_file()
            for index, (buffer, name, binary) in enumerate(self.filenames):
                if name == "docProps/app.xml" and hasattr(buffer, "getvalue"):
                    xml = buffer.getvalue()
                    xml = xml.replace(
                        "<Application>Microsoft Excel</Application>", "<Application>ccm-plan</Application>"
                    )
                    xml = xml.replace("<AppVersion>12.0000</AppVersion>", "")
                    import io

                    self.filenames[index] = (io.StringIO(xml), name, binary)

    class Workbook(xlsxwriter.Workbook):  # type: ignore[misc]
        def _get_packager(self) -> Packager:
            return _Packager()

        def add_worksheet(self, name: str | None = None, worksheet_class: Any = None) -> Any:
            return super().add_worksheet(name, worksheet_class or _worksheet_class())

    return Workbook


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


# A column's width is stored in characters: the advance of a digit of the workbook's default font at 11 pt. Excel
# rounds that advance to whole pixels and adds 5 pixels of padding; LibreOffice takes it in points, with 5/7 of a
# character of padding, which makes its columns up to 6-8% wider. Pages are laid out for the wider of the two and
# texts wrapped for the narrower, so that neither program cuts a line or pushes a column off the page.


def _excel_points(width: float, digit: float) -> float:
    pixels = max(round(digit / 0.75), 1)
    return (int(width * pixels + 0.5) + 5) * 0.75


def _libreoffice_points(width: float, digit: float) -> float:
    return (width + 5 / 7) * digit


def column_points(width: float, digit: float) -> float:
    """The room a column `width` characters wide gives its text in both programs, in points (`digit`: the advance
    of a digit of the default font at 11 pt, in points)."""
    return min(_excel_points(width, digit), _libreoffice_points(width, digit))


def print_points(width: float, digit: float) -> float:
    """How wide a column `width` characters wide prints, at most, in points."""
    return max(_excel_points(width, digit), _libreoffice_points(width, digit))


def column_width(points: float, digit: float) -> float:
    """The narrowest width (characters) whose `column_points` are at least `points`."""
    pixels = max(round(digit / 0.75), 1)
    return max((points / 0.75 - 5) / pixels, points / digit - 5 / 7, 1.0)


def print_width(points: float, digit: float) -> float:
    """The widest width (characters) whose `print_points` are at most `points`."""
    pixels = max(round(digit / 0.75), 1)
    return max(min((points / 0.75 - 5) / pixels, points / digit - 5 / 7), 1.0)


def _legend_name(name: str) -> str:
    """A line's name for the chart's legend: up to `LEGEND_CHARS` characters, cut after a word, with an ellipsis."""
    cut = name[:LEGEND_CHARS]
    if " " in cut[LEGEND_CHARS // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _marker(index: int) -> str:
    """The marker of the `index`-th note below a table (0-based): a, b, …, z, aa, ab, …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _number(value: Decimal) -> int | float:
    """A Decimal as the spreadsheet stores it: an exact int for whole amounts, a double otherwise."""
    return int(value) if value == value.to_integral_value() else float(value)


def _cell(row: int, col: int, absolute: bool = False, relative: bool = False) -> str:
    """A1 notation; `absolute`: $A$1. (`relative` only says so where a conditional format needs it.)"""
    letters = _column_letters(col)
    return f"${letters}${row + 1}" if absolute else f"{letters}{row + 1}"


@functools.cache
def _column_letters(col: int) -> str:
    """A, B, …, Z, AA, … for a 0-based column (a large plan's export asks 150,000 times)."""
    from xlsxwriter.utility import xl_col_to_name

    return str(xl_col_to_name(col))


def _sheet_ref(sheet: str, row: int, col: int, absolute: bool = False) -> str:
    """A reference to a cell of another sheet, the sheet name always quoted (Chinese names included)."""
    return _quoted(sheet) + _cell(row, col, absolute=absolute)


@functools.cache
def _quoted(sheet: str) -> str:
    """'Sheet name'! as a reference starts (a large plan's export refers to another sheet 150,000 times)."""
    return "'" + sheet.replace("'", "''") + "'!"


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

    No program fits a row to wrapped text in merged cells, and LibreOffice keeps the default height of rows of
    wrapped text in a file it did not write, so every row of text gets its height from the text, broken into lines
    in the font's measured metrics (`fonts.wrap`), never above Excel's 409 pt. A column whose width is None is made
    as wide as its widest text, up to `AUTO_WIDTH_MAX`. Rows marked `keep` (headings) are kept on the page of the
    row that follows them: the sheet's page breaks are set where the rows' heights say the pages end.
    """

    worksheet: Any
    widths: list[float | None]
    labels: WorkbookWords
    digit: float
    """The advance of a digit of the workbook's default font at 11 pt, in points: the unit of column widths."""
    draft: bool = False
    cells: list[tuple[int, int, int, str, dict[str, Any]]] = field(default_factory=list)
    broken: list[tuple[int, int, int, str, dict[str, Any], Any]] = field(default_factory=list)
    """The wrapped cells of CJK text, written when the columns are set: (row, first, last, text, spec, format)."""
    heights: dict[int, float] = field(default_factory=dict)
    keep: set[int] = field(default_factory=set)
    breaks: list[int] = field(default_factory=list)
    last_row: int = 0
    wrapped: dict[tuple[Any, ...], list[str]] = field(default_factory=dict)
    auto_max: float = AUTO_WIDTH_MAX
    """The widest (characters) a column sized to its texts gets."""
    heads: set[int] = field(default_factory=set)
    """Rows that say what the rows below them are (a table's heading): a page may start there without a
    repeated heading."""

    def need(self, row: int, height: float) -> None:
        self.heights[row] = max(self.heights.get(row, 0), height)
        self.last_row = max(self.last_row, row)

    def keep_with_next(self, row: int) -> None:
        self.keep.add(row)

    def keep_together(self, first: int, last: int) -> None:
        """Rows `first`..`last` (a small table) printed on one page, when one page holds them."""
        self.keep.update(range(first, last))

    def lines(self, text: str, points: float, spec: Mapping[str, Any]) -> list[str]:
        """`text` broken into the lines a cell `points` wide prints, in the cell's font (each text is broken once:
        the sheet asks again when it sets the rows' heights)."""
        key = (text, points, spec["font_name"], bool(spec.get("bold")), spec["font_size"], spec.get("indent", 0))
        found = self.wrapped.get(key)
        if found is None:
            face = measure(spec["font_name"], bool(spec.get("bold")))
            usable = points - CELL_PADDING - 7.5 * spec.get("indent", 0)
            found = self.wrapped[key] = wrap(text, max(usable, 10.0), face, spec["font_size"])
        return found

    def line_height(self, spec: Mapping[str, Any]) -> float:
        return measure(spec["font_name"], bool(spec.get("bold"))).line * float(spec["font_size"])

    def points(self, first: int, last: int) -> float:
        return sum(column_points(width or 0, self.digit) for width in self.widths[first : last + 1])

    def finish(
        self, page: tuple[float, float] | None = None, scale: int = 100, repeat: int | None = None
    ) -> list[float]:
        """Set the columns, the rows' heights and, for a sheet printed on `page` (points: width and height of the
        printable area) at `scale` percent, the page breaks; `repeat`: the row printed atop every page."""
        widths = list(self.widths)
        for col, width in enumerate(widths):
            if width is None:
                texts = [
                    (text, spec)
                    for _, first, last, text, spec in self.cells
                    if first == col == last and spec.get("text_wrap")
                ]
                widest = max(
                    (
                        measure(spec["font_name"], bool(spec.get("bold"))).width(text, spec["font_size"])
                        for text, spec in texts
                    ),
                    default=0.0,
                )
                widths[col] = min(max(column_width(widest + CELL_PADDING + 2, self.digit), 10), self.auto_max)
        self.widths = list(widths)
        fixed = [float(width or 0) for width in widths]
        for row, first, last, text, spec in self.cells:
            lines = len(self.lines(text, self.points(first, last), spec)) if spec.get("text_wrap") else 1
            self.need(row, min(lines * self.line_height(spec) + ROW_PADDING, MAX_ROW_HEIGHT))
        for col, width in enumerate(fixed):
            self.worksheet.set_column(col, col, width)
        # A CJK text breaks between any two characters, and neither program keeps to the Chinese rule for where
        # (GB/T 15834: no line starts with "。" or "》", none ends with "《"): LibreOffice started lines with them.
        # Such a text is written with its line breaks, where `fonts.wrap` puts them by that rule in the narrower of
        # the two programs' cells, so both print exactly the lines its row's height was measured for.
        for row, first, last, text, spec, cell_format in self.broken:
            broken = "\n".join(self.lines(text, self.points(first, last), spec))
            self.worksheet.write_string(row, first, broken, cell_format)
        for row, height in sorted(self.heights.items()):
            if height > DEFAULT_ROW_HEIGHT:
                self.worksheet.set_row(row, round(height, 1))
        if page is not None:
            self.paginate(self.room(page, scale), repeat)
        return fixed

    def room(self, page: tuple[float, float], scale: int) -> float:
        """The height (points, unscaled) of rows a printed page of `page` holds at `scale` percent."""
        header = FOOTER_BAND if self.draft else 0  # a draft's page header takes a band at the top as well
        return (page[1] - header) * 100 / scale

    def height(self, row: int) -> float:
        return max(self.heights.get(row, DEFAULT_ROW_HEIGHT), DEFAULT_ROW_HEIGHT)

    def paginate(self, room: float, repeat: int | None) -> None:
        """Page breaks where the rows fill a page of `room` points, moved up above headings (`keep`) that would
        otherwise end a page and above tables kept together, unless what is kept together is longer than the page
        (it then breaks where the page is full); the page count is then len(self.breaks) + 1."""
        header = self.height(repeat) if repeat is not None else 0.0
        used, first = 0.0, 0
        row = 0
        self.breaks = []
        while row <= self.last_row:
            height = self.height(row)
            page_room = room - (header if self.breaks and repeat is not None and row > repeat else 0.0)
            if used + height > page_room and row > first:
                start = row
                while start - 1 > first and start - 1 in self.keep:
                    start -= 1
                if start <= first + 1:  # kept together over more than a page: that page is full
                    start = row
                self.breaks.append(start)
                used, first, row = 0.0, start, start
                continue
            used += height
            row += 1
        if self.breaks:
            self.worksheet.set_h_pagebreaks(self.breaks)

    def headed(self) -> bool:
        """Whether every printed page after the first starts at a table's heading (or a blank row above one)."""
        return all(row in self.heads or (row not in self.heights and row + 1 in self.heads) for row in self.breaks)

    @property
    def pages(self) -> int:
        return len(self.breaks) + 1


class _Writer:
    """Builds the sheets of one workbook; holds the formats and where the budget sheet put each figure."""

    def __init__(
        self,
        workbook: Any,
        plan: LoadedPlan,
        language: str,
        labels: WorkbookWords,
        options: Options,
        problems: Sequence[Problem] = (),
    ) -> None:
        self.workbook = workbook
        self.options = options
        self.plan = plan
        self.budget: Budget = plan.budget
        self.language = language
        self.labels = labels
        self.fallback = list(self.budget.languages)
        self.totals: BudgetTotals = compute_totals(self.budget)
        self.places = shown_places(self.budget)  # the plan's precision, or finer amounts' (every amount looked at once)
        self.layout = _BudgetLayout()
        self.sheet_names: list[str] = []
        self.formats: dict[str, Any] = {}
        self.specs: dict[str, dict[str, Any]] = {}
        self.names: set[str] = set()
        self.pages: dict[str, int] = {}
        self.moved: list[str] = []  # the lines whose name or note went below the table (too long for the row)
        self.digit = max(measure(WIDTH_FONT, False).width(digit, FONT_SIZE) for digit in "0123456789")
        self.money_format = self._money_format()
        self._define_formats()
        self.marked = self._marked(problems)

    # ---------------------------------------------------------------------------------------- findings

    MARKED_RULES = ("rates", "travel-legs", "explained-variance")

    def _marked(self, problems: Sequence[Problem]) -> list[tuple[str, str, int, str]]:
        """The findings the analysis marks, as (rule, line id, year, message in the workbook's language): those of
        `MARKED_RULES` about one line's year (subject `line/year`) that the plan has not accepted."""

        from ..present.message import Money, Percent, SignedMoney, SignedPercent, Value
        from ..present.voice import Voice

        # Every figure as validate and the Checks sheet write the same finding: the same typed value (the rule's
        # own, rules/rates.py and rules/explained_variance.py) through the same `Voice.value`, so a ratio reads
        # one way in the whole workbook (`-25,0 %`, `13,0 %`, never `-25 %` beside it).
        voice = Voice(self.language, places=self.places)

        def money(value: Decimal) -> str:
            return voice.value(Money(value))

        def signed_money(value: Decimal) -> str:
            return voice.value(SignedMoney(value))

        def said(problem: Problem, key: str, made: Value) -> str:
            """The finding's own figure `key` (as its rule typed it), else the same figure typed here."""
            args = problem.said.args if problem.said is not None else {}
            return voice.value(args.get(key, made))

        totals, labels, parameters = self.totals, self.labels, self.budget.parameters
        marked = []
        for problem in problems:
            if problem.rule not in self.MARKED_RULES or problem.accepted is not None:
                continue
            line_id, _, year_text = problem.subject.rpartition("/")
            if (
                line_id not in totals.amounts
                or not year_text.isdigit()
                or int(year_text) not in totals.amounts[line_id]
            ):
                continue
            year = int(year_text)
            found = find_line(self.budget, line_id)
            name = self.text(found[1].name) if found is not None else line_id
            amount = totals.amounts[line_id][year]
            message = ""
            rate = next((rate for rate in parameters.rates if rate.line == line_id), None)
            travel = next((travel for travel in parameters.travel if travel.line == line_id), None)
            if problem.rule == "rates" and rate is not None:
                stated = rate_in(rate, year)
                base = rate_base(self.budget, rate, year)
                if stated is None or base is None:
                    continue
                ratio = percent(amount, base)
                message = labels.flag_social_security.format(
                    year=year,
                    line=name,
                    amount=money(amount),
                    share=said(problem, "share", Percent(ratio)) if ratio is not None else "—",
                    base=self._base_names(rate),
                    base_amount=money(base),
                    rate=said(problem, "rate", Percent(stated, None)),
                    expected=money(rate_expected(base, stated)),
                )
            elif problem.rule == "travel-legs" and travel is not None and travel_expected(travel, year) is not None:
                # the plan states a cost per kind of leg, not bounds: said as validate says it
                message = labels.flag_travel_costs.format(
                    year=year,
                    line=name,
                    amount=money(amount),
                    legs=voice.value(Count(legs_in(travel, year))),
                    expected=money(travel_expected(travel, year) or Decimal(0)),
                )
            elif problem.rule == "travel-legs" and travel is not None:
                per_leg = travel_cost_per_leg(self.budget, travel) or {}
                message = labels.flag_travel.format(
                    year=year,
                    line=name,
                    amount=money(amount),
                    per_leg=money(per_leg.get(year, Decimal(0))),
                    legs=legs_in(travel, year),
                )
            elif problem.rule == "explained-variance" and year - 1 in totals.amounts[line_id]:
                previous = totals.amounts[line_id][year - 1]
                moved = percent(amount - previous, previous)
                change = signed_money(amount - previous) + (
                    f", {said(problem, 'percent', SignedPercent(moved))}" if moved is not None else ""
                )
                message = labels.flag_variance.format(
                    year=year, line=name, amount=money(amount), previous=money(previous), before=year - 1, change=change
                )
            if message:
                marked.append((problem.rule, line_id, year, message))
        return marked

    # ---------------------------------------------------------------------------------------- formats

    def _year_format(self) -> str:
        """The number format that shows a year as the labels write it: `0` for "{year}", `0" 年"` for "{year} 年"."""
        before, _, after = self.labels.year.partition("{year}")
        return (f'"{before}"' if before else "") + "0" + (f'"{after}"' if after else "")

    def _places(self) -> str:
        """The decimals of the number format: the plan's precision (`present.precision`)."""
        places = self.places
        return "." + "0" * places if places else ""

    def _money_format(self) -> str:
        """Amounts with thousands separators and the plan's decimals; the currency is in the caption, once, as a UN
        table states it (a symbol in every cell made the Budget sheet too wide to print at a readable size)."""
        number = f"#,##0{self._places()}"
        return f"{number};-{number}"

    def _signed_money_format(self) -> str:
        number = f"#,##0{self._places()}"
        return f"+{number};-{number};0"

    def _currency_money_format(self) -> str:
        """An amount standing alone, away from a caption (the work plan's budget figure): with its currency where
        the language's CLDR currency pattern puts it (`EUR 2,450.50`, `2 450,50 EUR`: `Numbers.currency`)."""
        from ..present.numbers import Numbers

        sample = Numbers(self.language).currency(1, "¤", 0)
        before, _, after = sample.partition("1")
        number = f"#,##0{self._places()}"
        before, after = (
            (f'"{before.replace("¤", self.budget.currency)}"' if before else ""),
            (f'"{after.replace("¤", self.budget.currency)}"' if after else ""),
        )
        return f"{before}{number}{after};-{before}{number}{after}"

    def _define_formats(self) -> None:
        base: dict[str, Any] = {"font_name": self.labels.font, "font_size": FONT_SIZE, "valign": "top"}
        if self.language.split("-")[0] in RIGHT_TO_LEFT:
            base["reading_order"] = 2  # right to left: texts start at the right of their cells, as the sheet does
        header = {"bold": True, "bg_color": "#DCE6F1", "bottom": 1, "valign": "vcenter", "text_wrap": True}
        total = {"bold": True, "top": 1, "bottom": 6}
        money, change = self.money_format, "+0.0%;-0.0%;0.0%"
        signed = self._signed_money_format()
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
            "header_year": {**header, "align": "right", "num_format": self._year_format()},
            "text": {"text_wrap": True},
            "plain": {**middle},
            "ref": {"align": "right"},
            "label": {**middle, "text_wrap": True},
            "money": {**middle, "num_format": money},
            "money_bold": {**middle, "num_format": money, "bold": True},
            "money_left": {"num_format": self._currency_money_format(), "align": "left"},
            "total_label": {**middle, **total, "text_wrap": True},
            "total_money": {**middle, **total, "num_format": money},
            "in_kind": {**middle, "italic": self.labels.italic, "text_wrap": True},
            "note": {**middle, "text_wrap": True, "font_size": 10, "align": "left", "indent": 1},
            "count": {**middle, "num_format": "0"},
            "count_bold": {**middle, "num_format": "0", "bold": True},
            "money_signed": {**middle, "num_format": signed},
            "param_percent": {
                **middle,
                "num_format": percent_format(self._parameter_percent_places()),
                "bg_color": PARAMETER_FILL,
                "align": "right",
            },
            "param_money": {**middle, "num_format": money, "bg_color": PARAMETER_FILL},
            "param_count": {**middle, "num_format": "0", "bg_color": PARAMETER_FILL},
            "percent": {**middle, "num_format": "0.0%"},
            "percent_bold": {**middle, "num_format": "0.0%", "bold": True},
            "change": {**middle, "num_format": change},
            "change_total": {**middle, **total, "num_format": change},
            "change_flag": {
                **middle,
                "num_format": change,
                "bg_color": FLAG_FILL,
                "font_color": FLAG_TEXT,
                "bold": True,
                "border": 1,
                "border_color": FLAG_TEXT,
            },
            "marked_text": {"text_wrap": True, "font_color": FLAG_TEXT},
        }
        for name, spec in specs.items():
            if "num_format" in spec:  # number cells read as the text cells write figures (present.numbers)
                spec = {**spec, "num_format": sheet_format(self.language, spec["num_format"])}
            if "reading_order" in base and (spec.get("align") == "left" or ("indent" in spec and "align" not in spec)):
                spec = {**spec, "align": "right"}  # where the sheet reads from the right, texts start there
            self.specs[name] = {**base, **spec}
            self.formats[name] = self.workbook.add_format(self.specs[name])
        # a conditional format changes only what marks the cell: a fill, a dark red text and a border
        self.formats["flag_cf"] = self.workbook.add_format(
            {"bg_color": FLAG_FILL, "font_color": FLAG_TEXT, "bold": True, "border": 1, "border_color": FLAG_TEXT}
        )

    def _parameter_percent_places(self) -> int:
        """The decimals of the parameters block's percentages: as many as the most precise one needs, the same for
        all (20% and 25%; 12.5% and 20.0%). A format such as `0.##%` reads `20.%` in Excel."""
        parameters = self.budget.parameters
        percents: list[Decimal] = [rate.rate_percent for rate in parameters.rates if rate.rate_percent is not None]
        for travel in parameters.travel:
            if travel.cost_per_leg is not None and travel.cost_per_leg.tolerance_percent is not None:
                percents.append(travel.cost_per_leg.tolerance_percent)
        if parameters.variance is not None:
            percents.append(parameters.variance.threshold_percent)
        return max((exact_places(Decimal(value)) for value in percents), default=0)

    def text(self, value: Mapping[str, str] | None) -> str:
        return text_in(value, self.language, self.fallback)

    def item_text(self, item: object, field: str = "text") -> str:
        """An item's text with the plan's recorded corrections applied (unless `--as-printed`)."""
        return self.text(item_text(item, field, as_printed=self.options.as_printed))

    def caption(self) -> str:
        """The line under a table's title: the unit, spelled out (the title may abbreviate it), and the currency
        every amount is in."""
        amounts = self.labels.amounts_in.format(currency=self.budget.currency)
        unit = self.text(self.budget.unit)
        return self.labels.unit_caption.format(unit=unit, amounts=amounts) if unit else amounts

    def title(self, text: str) -> str:
        """A sheet's title; a draft's says so first."""
        return self.labels.draft_title.format(title=text) if self.options.draft else text

    def add_sheet(self, name: str, widths: Sequence[float | None]) -> _Sheet:
        worksheet = self.workbook.add_worksheet(name)
        self.sheet_names.append(name)
        worksheet.set_paper(9)  # A4
        worksheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
        # sheet name; page n of m: in the cells' font (a header or footer without one takes the Normal style's)
        font = f'&"{self.labels.font},Regular"'
        worksheet.set_footer(f"&L{font}&A&R{font}{self.labels.page}")
        if self.language.split("-")[0] in RIGHT_TO_LEFT:
            worksheet.right_to_left()
        if self.options.draft:
            worksheet.set_header(f'&C&"{self.labels.font},Bold"&14{self.labels.draft}')
        return _Sheet(worksheet, list(widths), self.labels, self.digit, self.options.draft)

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
        spec = self.specs[fmt]
        sheet.cells.append((row, col, last, value, spec))
        if spec.get("text_wrap") and breaks_anywhere(value):
            sheet.broken.append((row, col, last, value, spec, self.formats[fmt]))  # written with its line breaks
        else:
            sheet.worksheet.write_string(row, col, value, self.formats[fmt])

    def formula(self, sheet: _Sheet, row: int, col: int, formula: str, value: Decimal | None, fmt: str) -> None:
        """A live formula with ccm-plan's own result stored beside it (empty when the result is empty)."""
        sheet.worksheet.write_formula(row, col, formula, self.formats[fmt], "" if value is None else _number(value))

    def year_heading(self, sheet: _Sheet, row: int, col: int, year: int) -> None:
        """A year as a column heading: the number itself, shown as the language writes it ("2021", "2021 年") by
        its number format, so the chart's categories, readers like pandas and every sheet see the same years."""
        sheet.worksheet.write_number(row, col, year, self.formats["header_year"])

    def number(self, sheet: _Sheet, row: int, col: int, value: Decimal | int, fmt: str) -> None:
        sheet.worksheet.write_number(row, col, _number(Decimal(value)), self.formats[fmt])

    # ------------------------------------------------------------------------------------------- budget

    def budget_sheet(self) -> None:
        labels, budget, totals, layout = self.labels, self.budget, self.totals, self.layout
        years = list(totals.years)
        widths, scale = self._budget_widths(len(years))
        sheet = self.add_sheet(labels.budget, widths)
        layout.header_row = 2
        layout.year_cols = {year: 1 + index for index, year in enumerate(years)}
        layout.total_col = 1 + len(years)
        notes_col = layout.total_col + 1
        first_col, last_col = 1, len(years)
        notes_points = sheet.points(notes_col, notes_col)
        label_points = sheet.points(0, 0)
        overflow: list[tuple[str, str]] = []  # (marker, text): what is too long for its row, below the table

        def fitted(text: str, points: float, fmt: str, most: int, name: str) -> str:
            """`text`, or when it needs more than `most` lines, the marker of the note below that gives it."""
            if len(sheet.lines(text, points, self.specs[fmt])) <= most:
                return text
            marker = _marker(len(overflow))
            overflow.append((marker, labels.overflow_note.format(name=name, text=text) if name != text else text))
            self.moved.append(name)
            return labels.see_note.format(marker=marker)

        self.put(sheet, 0, 0, self.title(self.text(budget.title)), "title")
        sheet.need(0, 24)
        self.put(sheet, 1, 0, self.caption(), "subtitle")

        header = layout.header_row
        self.put(sheet, header, 0, labels.expenditure, "header")
        for year, col in layout.year_cols.items():
            self.year_heading(sheet, header, col, year)
        self.put(sheet, header, layout.total_col, labels.total, "header_right")
        self.put(sheet, header, notes_col, labels.notes, "header_indent")
        sheet.need(header, 20)

        row = header + 1
        for line in budget.lines:
            layout.line_rows[line.id] = row
            name = self.text(line.name)
            self.put(sheet, row, 0, fitted(name, label_points, "label", LABEL_LINES, name), "label")
            missing = totals.missing.get(line.id, ())
            for year, col in layout.year_cols.items():
                if year in missing:  # a draft's missing figure reads as missing, never as 0 (SUM leaves text out)
                    self.put(sheet, row, col, "—", "money")
                else:
                    self.number(sheet, row, col, totals.amounts[line.id][year], "money")
            span = f"{_cell(row, first_col)}:{_cell(row, last_col)}"
            self.formula(sheet, row, layout.total_col, f"=SUM({span})", totals.line_totals[line.id], "money_bold")
            self.put(
                sheet, row, notes_col, fitted(self.text(line.note), notes_points, "note", NOTE_LINES, name), "note"
            )
            row += 1

        layout.total_row = row
        first_line, last_line = header + 1, row - 1
        # marked † when a line lacks a year: the note under the table says which totals leave which figure out
        self.put(sheet, row, 0, labels.total + (" †" if totals.missing else ""), "total_label")
        for year, col in layout.year_cols.items():
            span = f"{_cell(first_line, col)}:{_cell(last_line, col)}"
            self.formula(sheet, row, col, f"=SUM({span})", totals.year_totals[year], "total_money")
        span = f"{_cell(first_line, layout.total_col)}:{_cell(last_line, layout.total_col)}"
        self.formula(sheet, row, layout.total_col, f"=SUM({span})", totals.plan_total, "total_money")
        self.put(sheet, row, notes_col, "", "total_label")
        row += 1

        # An in-kind contribution has no amounts: its words go in the label column (merged over the amounts), so
        # no year column holds text and readers such as pandas see each year's column as numbers only.
        for item in budget.in_kind:
            name = self.text(item.name)
            words = labels.in_kind_row.format(name=name, provided_by=self.item_text(item, "provided_by"))
            self.put(sheet, row, 0, words, "in_kind", last_col=layout.total_col)
            self.put(
                sheet, row, notes_col, fitted(self.text(item.note), notes_points, "note", NOTE_LINES, name), "note"
            )
            row += 1

        if totals.missing:  # which totals leave a figure out, under the table (as `totals` and the documents say)
            from ..present.voice import Voice

            voice = Voice(self.language, places=shown_places(budget))
            names = {line.id: self.text(line.name) for line in budget.lines}
            for year in years:
                if gaps := totals.missing_in(year):
                    note = voice._(
                        "{year}: no figure for {lines}; the totals marked † add up the other figures only",
                        year=str(year),
                        lines=", ".join(names[line_id] for line_id in gaps),
                    )
                    row = self.long_text(sheet, row, 0, notes_col, f"† {note}", "text")

        if budget.notes or overflow:
            row += 1
            self.put(sheet, row, 0, labels.budget_notes, "heading")
            sheet.need(row, 22)
            sheet.keep_with_next(row)
            row += 1
            notes = [(f"{note.number}.", self.text(note.text)) for note in sorted(budget.notes, key=lambda n: n.number)]
            notes += [(f"{marker}.", text) for marker, text in overflow]
            for number, text in notes:
                row = self.long_text(sheet, row, 0, notes_col, f"{number} {text}", "text")

        sheet.finish(A4_LANDSCAPE, scale, repeat=header)
        self.pages[labels.budget] = sheet.pages
        worksheet = sheet.worksheet
        worksheet.freeze_panes(header + 1, 1)
        worksheet.set_landscape()
        if scale >= PRINT_SCALE_MIN:
            worksheet.set_print_scale(scale)
        else:  # a table too wide for the page at a readable size (dozens of years): one page wide, smaller
            worksheet.fit_to_pages(1, 0)
        worksheet.repeat_rows(header)
        worksheet.center_horizontally()

    def long_text(self, sheet: _Sheet, row: int, first: int, last: int, text: str, fmt: str) -> int:
        """A text over merged cells `first`..`last`, from `row` on, over as many rows as it needs (each of at most
        `CHUNK_LINES` lines, so no row is taller than Excel allows or a page can hold); never cut. Returns the next
        free row."""
        lines = sheet.lines(text, sheet.points(first, last), self.specs[fmt])
        for start in range(0, len(lines), CHUNK_LINES):
            self.put(sheet, row, first, "".join(lines[start : start + CHUNK_LINES]).strip("\n"), fmt, last_col=last)
            row += 1
        return row

    def _budget_widths(self, years: int) -> tuple[list[float], int]:
        """The budget's columns (characters) and its print scale (percent): names as wide as the widest (up to
        `LABEL_WIDTH_MAX` points), the years' and the total's amounts as wide as the largest figure each holds, and
        the notes column what is left of an A4 landscape page at `SCALE_AIM` percent (between `NOTES_WIDTH_MIN` and
        `NOTES_WIDTH`)."""
        regular = measure(self.specs["label"]["font_name"], False)
        names = [self.text(line.name) for line in self.budget.lines] + [self.labels.expenditure]
        widest = max(regular.width(name, FONT_SIZE) for name in names) + CELL_PADDING + 2
        digit = self.digit
        label = column_width(min(max(widest, 90.0), LABEL_WIDTH_MAX), digit)
        year, total = self._amount_widths
        fixed = print_points(label, digit) + years * print_points(year, digit) + print_points(total, digit)
        page = A4_LANDSCAPE[0] * 100 / SCALE_AIM
        notes = min(max(print_width(page - fixed, digit), NOTES_WIDTH_MIN), NOTES_WIDTH)
        natural = fixed + print_points(notes, digit)
        scale = min(100, int(A4_LANDSCAPE[0] * 100 / natural))
        return [label, *([year] * years), total, notes], scale

    @functools.cached_property
    def _amount_widths(self) -> tuple[float, float]:
        """The columns (characters) of a year's amounts and of the period's total: each as wide as the largest
        figure it holds (the bold totals, the year's heading)."""
        totals, places = self.totals, self.places
        amounts = [amount for line in totals.amounts.values() for amount in line.values()]
        years = [*totals.year_totals.values(), max(amounts, default=0), min(amounts, default=0)]
        line_totals = [*totals.line_totals.values(), totals.plan_total]
        headings = [self.labels.year.format(year=year) for year in (totals.years[0], totals.years[-1])]
        return (
            self._figures_width([money(value, places) for value in years] + headings),
            self._figures_width([money(max(line_totals), places), money(min(line_totals), places)]),
        )

    def _words_width(self, least: float, heading: str, words: Mapping[str, str]) -> float:
        """A column (characters) at least `least` wide, and as wide as its bold `heading` and each of `words`, measured
        in the workbook's font, so that no word of the column is split over two lines."""
        font = self.labels.font
        room = max(
            measure(font, True).width(heading, FONT_SIZE),
            *(measure(font, False).width(word, FONT_SIZE) for word in words.values()),
        )
        return max(least, column_width(room + CELL_PADDING + 2, self.digit))

    def _figures_width(self, shown: Sequence[str]) -> float:
        """Wide enough for each of the texts `shown` in bold: in the named font with a margin, and in the font a
        machine without it prints the digits in (`fonts.SUBSTITUTES`; a figure too wide for its cell prints as
        ###)."""
        font = self.specs["money_bold"]["font_name"]
        named, widest = measure(font, True, substitute=False), measure(font, True)
        room = max(max(named.width(text, FONT_SIZE) + 6, widest.width(text, FONT_SIZE)) for text in shown)
        return column_width(room + CELL_PADDING, self.digit)

    # ----------------------------------------------------------------------------------------- analysis

    def analysis_sheet(self) -> None:
        labels, budget, totals, layout = self.labels, self.budget, self.totals, self.layout
        years = list(totals.years)
        cols, total_col, source = layout.year_cols, layout.total_col, labels.budget
        # the changes from the year before, per line and for the total; the years' columns hold the widest too
        series = [
            (self.text(line.name), line.id, layout.line_rows[line.id], year_on_year(totals.amounts[line.id]))
            for line in budget.lines
        ]
        series.append((labels.total, "", layout.total_row, year_on_year(totals.year_totals)))
        moves = [
            change.percent
            for *_, changes in series
            for change in changes.values()
            if change is not None and change.percent is not None
        ]
        year_width, total_width = self._amount_widths
        if moves:  # as the change format shows them: +100.0%
            shown = [f"{value:+,.1f}%" for value in (max(moves), min(moves))]
            year_width = max(year_width, self._figures_width(shown))
        sheet = self.add_sheet(labels.analysis, [None, *([year_width] * len(years)), total_width])

        def ref(line_id: str, col: int) -> str:
            return _sheet_ref(source, layout.line_rows[line_id], col)

        def years_header(row: int, title: str, total: bool = True) -> None:
            sheet.keep_with_next(row)
            sheet.heads.add(row)
            self.put(sheet, row, 0, title, "header")
            for year, col in cols.items():
                self.year_heading(sheet, row, col, year)
            self.put(sheet, row, total_col, labels.total if total else "", "header_right")
            sheet.need(row, 20)

        self.put(sheet, 0, 0, self.title(self.text(budget.title)), "title")
        sheet.need(0, 24)
        self.put(sheet, 1, 0, self.caption(), "subtitle")
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
        sheet.keep_together(0, share_row)
        row = share_row + 2

        row = self._parameters_rows(sheet, row)
        row = self._rate_rows(sheet, row)
        row = self._travel_rows(sheet, row)

        # each line's and the total's change from the year before
        years_header(row, labels.year_on_year, total=False)
        changes_header = row
        row += 1
        unexplained = {(line, year) for rule, line, year, _ in self.marked if rule == "explained-variance"}
        for title, line_id, source_row, changes in series:
            is_total = source_row == layout.total_row
            self.put(sheet, row, 0, title, "total_label" if is_total else "label")
            for year, change in changes.items():
                col = cols[year]
                if change is None:
                    self.put(sheet, row, col, "", "total_label" if is_total else "plain")
                    continue
                before, now = _sheet_ref(source, source_row, col - 1), _sheet_ref(source, source_row, col)
                moved = share(change.amount, change.previous)
                formula = f'=IF({before}=0,"",{now}/{before}-1)'
                fmt = "change_total" if is_total else "change_flag" if (line_id, year) in unexplained else "change"
                self.formula(sheet, row, col, formula, moved, fmt)
            row += 1
        sheet.keep_together(changes_header, row - 1)
        row = self._marked_rows(sheet, row + 1)

        # a plan of many lines: the chart shows the largest, and the others' sum from a row of live formulas here
        grouped = largest_lines(totals, CHART_SERIES - 1) if len(budget.lines) > CHART_SERIES else None
        others_row = None
        if grouped is not None:
            row += 1
            years_header(row, labels.chart_largest.format(count=len(grouped.shown)))
            others_row = row + 1
            self._other_lines_row(sheet, others_row, grouped)
            row = others_row + 1

        # Printed at the budget's size (90% or more: 11-pt figures print at 10 pt, not at the half size one page
        # gave them), on as many landscape pages as it takes, the years' heading atop each; the row names wrap to
        # leave the figures the page's width, and the chart is kept whole on one page.
        figures = print_points(year_width, self.digit) * len(years) + print_points(total_width, self.digit)
        room = print_width(A4_LANDSCAPE[0] * 100 / SCALE_AIM - figures, self.digit)
        sheet.auto_max = min(AUTO_WIDTH_MAX, max(room, ANALYSIS_LABEL_MIN))
        chart_row = row + 1 if grouped is not None else row  # a blank row above it
        chart_rows = -(-(CHART_HEIGHT * 0.75 + 6) // DEFAULT_ROW_HEIGHT)
        for chart_line in range(chart_row, chart_row + int(chart_rows)):
            sheet.need(chart_line, DEFAULT_ROW_HEIGHT)
        sheet.keep_together(chart_row, chart_row + int(chart_rows) - 1)
        sheet.heads.add(chart_row)  # the chart has its title
        widths = sheet.finish()  # sizes the row names' column: the page's scale follows from it
        scale = min(100, int(A4_LANDSCAPE[0] * 100 / (print_points(widths[0], self.digit) + figures)))
        # Each table is kept on one page under its own heading; where one is longer than a page, or a page starts
        # with rows that have no heading of their own, the years' heading is printed atop every page.
        sheet.paginate(sheet.room(A4_LANDSCAPE, scale), repeat=None)
        repeat = not sheet.headed()
        if repeat:
            sheet.paginate(sheet.room(A4_LANDSCAPE, scale), repeat=2)
        self.pages[labels.analysis] = sheet.pages
        self._chart(sheet, chart_row, widths, grouped, others_row)
        worksheet = sheet.worksheet
        worksheet.freeze_panes(3, 1)
        worksheet.set_landscape()
        if scale >= PRINT_SCALE_MIN:
            worksheet.set_print_scale(scale)
        else:  # a plan of dozens of years: one page wide, smaller
            worksheet.fit_to_pages(1, 0)
        if repeat:
            worksheet.repeat_rows(2)
        worksheet.center_horizontally()

    def _marked_rows(self, sheet: _Sheet, row: int) -> int:
        """What the marks above mean: each figure validate reports (social security off the rate, a cost per leg
        outside its bounds, a change no note explains), in the workbook's language. Returns the next free row."""
        if not self.marked:
            return row
        labels, last = self.labels, self.layout.total_col
        self.put(sheet, row, 0, labels.marked, "heading", last_col=last)
        sheet.keep_with_next(row)
        sheet.heads.add(row)
        row += 1
        first = row - 1
        for _, _, _, message in self.marked:
            self.put(sheet, row, 0, message, "marked_text", last_col=last)
            row += 1
        sheet.keep_together(first, row - 1)
        return row + 1

    def _parameters_rows(self, sheet: _Sheet, row: int) -> int:
        """The plan's assumptions as cells, each with a defined name the analysis formulas use: a reviewer who
        changes a rate here sees the analysis (and its marks) follow. Returns the next free row."""
        labels, parameters = self.labels, self.budget.parameters
        rows: list[tuple[str, str, Decimal | int, str]] = []
        for rate in parameters.rates:
            found = find_line(self.budget, rate.line)
            line = self.text(found[1].name) if found is not None else rate.line
            if rate.rate_percent is not None:  # a rate by year is written into the formulas, year by year
                rows.append(
                    (
                        _name(rate.id, "Rate"),
                        labels.param_rate.format(line=line),
                        rate.rate_percent / 100,
                        "param_percent",
                    )
                )
            rows.append(
                (_name(rate.id, "Tolerance"), labels.param_tolerance.format(line=line), rate.tolerance, "param_money")
            )
        for travel in parameters.travel:
            prefix = _name(travel.line, "")
            if self._legs_named(travel):
                legs = legs_in(travel, self.totals.years[0])
                rows.append((_name(travel.line, "LegsPerYear"), labels.param_legs, legs, "param_count"))
            bounds = travel.cost_per_leg or CostPerLeg()
            if bounds.tolerance_percent is not None:
                rows.append(
                    (
                        f"{prefix}CostPerLegTolerance",
                        labels.param_leg_tolerance,
                        bounds.tolerance_percent / 100,
                        "param_percent",
                    )
                )
            if bounds.min is not None:
                rows.append((f"{prefix}CostPerLegMin", labels.param_leg_min, bounds.min, "param_money"))
            if bounds.max is not None:
                rows.append((f"{prefix}CostPerLegMax", labels.param_leg_max, bounds.max, "param_money"))
        if parameters.variance is not None:
            rows.append(
                (
                    "VarianceThreshold",
                    labels.param_variance,
                    parameters.variance.threshold_percent / 100,
                    "param_percent",
                )
            )
        if not rows:
            return row
        self.put(sheet, row, 0, labels.parameters, "header")
        self.put(sheet, row, 1, "", "header")
        sheet.heads.add(row)
        sheet.need(row, 20)
        sheet.keep_together(row, row + len(rows))
        row += 1
        for name, title, value, fmt in rows:
            self.put(sheet, row, 0, title, "label")
            self.number(sheet, row, 1, value, fmt)
            self.workbook.define_name(name, "=" + _sheet_ref(self.labels.analysis, row, 1, absolute=True))
            self.names.add(name)
            row += 1
        return row + 1

    def _base_names(self, rate: Rate) -> str:
        names = []
        for line_id in rate.base:
            found = find_line(self.budget, line_id)
            names.append(self.text(found[1].name) if found is not None else line_id)
        return " + ".join(names)

    def _rate_rows(self, sheet: _Sheet, row: int) -> int:
        for rate in self.budget.parameters.rates:
            row = self._one_rate_rows(sheet, row, rate)
        return row

    def _one_rate_rows(self, sheet: _Sheet, row: int, rate: Rate) -> int:
        """The rate's line ÷ its base per year, the figure the rate gives and the difference, marked where it
        exceeds the tolerance (what the rule reports); all live formulas over the budget sheet and the named
        parameters."""
        found = find_line(self.budget, rate.line)
        bases = [find_line(self.budget, line_id) for line_id in rate.base]
        if found is None or any(base is None for base in bases):
            return row
        line = found[1]
        base_lines = [base[1] for base in bases if base is not None]
        layout, totals, source = self.layout, self.totals, self.labels.budget
        names = {"line": self.text(line.name), "base": self._base_names(rate)}

        def base_sum(col: int) -> str:
            refs = [_sheet_ref(source, layout.line_rows[base.id], col) for base in base_lines]
            return refs[0] if len(refs) == 1 else f"SUM({','.join(refs)})"

        def base_value(year: int) -> Decimal:
            return sum((totals.amounts[base.id][year] for base in base_lines), Decimal(0))

        sheet.keep_together(row, row + 2)  # the share, the figure at the rate and the difference
        self.put(sheet, row, 0, self.labels.social_security_share.format(**names), "label")
        columns = [*((layout.year_cols[y], y) for y in totals.years), (layout.total_col, None)]
        for col, year in columns:
            part_ref = _sheet_ref(source, layout.line_rows[line.id], col)
            if year is None:
                whole = sum((totals.line_totals[base.id] for base in base_lines), Decimal(0))
                value = share(totals.line_totals[line.id], whole)
            else:
                value = share(totals.amounts[line.id][year], base_value(year))
            fmt = "percent_bold" if year is None else "percent"
            self.formula(sheet, row, col, f'=IF({base_sum(col)}=0,"",{part_ref}/{base_sum(col)})', value, fmt)
        row += 1
        self.put(sheet, row, 0, self.labels.social_security_at_rate.format(**names), "label")
        at_rate_row = row
        expected: dict[int, Decimal] = {}
        places = self.places
        for year in totals.years:
            stated = rate_in(rate, year)
            if stated is None:
                continue
            col = layout.year_cols[year]
            factor = _name(rate.id, "Rate") if rate.rate_percent is not None else f"{stated}/100"
            # At the plan's precision (present.rounding's one rule): rounding a plan of cents to whole units made
            # the difference row flag every year against a tolerance of 0.01 while validate found nothing.
            expected[year] = round_half_up(rate_expected(base_value(year), stated), places)
            self.formula(sheet, row, col, f"=ROUND({base_sum(col)}*{factor},{places})", expected[year], "money")
        row += 1
        self.put(sheet, row, 0, self.labels.social_security_difference.format(**names), "label")
        for year in expected:
            col = layout.year_cols[year]
            actual = _sheet_ref(source, layout.line_rows[line.id], col)
            difference = totals.amounts[line.id][year] - expected[year]
            self.formula(sheet, row, col, f"={actual}-{_cell(at_rate_row, col)}", difference, "money_signed")
        first, last = layout.year_cols[totals.years[0]], layout.year_cols[totals.years[-1]]
        sheet.worksheet.conditional_format(
            row,
            first,
            row,
            last,
            {
                "type": "formula",
                "criteria": f"=ABS({_cell(row, first, relative=True)})>{_name(rate.id, 'Tolerance')}",
                "format": self.formats["flag_cf"],
            },
        )
        return row + 2

    def _legs_named(self, travel: Travel) -> bool:
        """Whether the line's legs are the same every year, so one named cell holds them."""
        return len({legs_in(travel, year) for year in self.totals.years}) == 1

    def _travel_rows(self, sheet: _Sheet, row: int) -> int:
        for travel in self.budget.parameters.travel:
            row = self._one_travel_rows(sheet, row, travel)
        return row

    def _one_travel_rows(self, sheet: _Sheet, row: int, travel: Travel) -> int:
        per_leg = travel_cost_per_leg(self.budget, travel)
        if per_leg is None:
            return row
        prefix = _name(travel.line, "")
        layout, totals, source = self.layout, self.totals, self.labels.budget
        legs = self.labels.list_separator.join(self._leg_label(leg) for leg in travel.legs)
        first, last = layout.year_cols[totals.years[0]], layout.year_cols[totals.years[-1]]
        sheet.keep_together(row, row + 1)  # the legs and the cost per leg
        self.put(sheet, row, 0, self.labels.travel_legs.format(legs=legs), "label")
        for year in totals.years:
            count = Decimal(legs_in(travel, year))
            if self._legs_named(travel):
                self.formula(sheet, row, layout.year_cols[year], f"={prefix}LegsPerYear", count, "count")
            else:  # legs that differ by year are written year by year
                self.number(sheet, row, layout.year_cols[year], count, "count")
        total_legs = sum(legs_in(travel, year) for year in totals.years)
        span = f"{_cell(row, first)}:{_cell(row, last)}"
        self.formula(sheet, row, layout.total_col, f"=SUM({span})", Decimal(total_legs), "count_bold")
        legs_row = row
        row += 1
        self.put(sheet, row, 0, self.labels.cost_per_leg, "label")
        for year in totals.years:
            col = layout.year_cols[year]
            travel_ref = _sheet_ref(source, layout.line_rows[travel.line], col)
            if year in per_leg:
                self.formula(sheet, row, col, f"={travel_ref}/{_cell(legs_row, col)}", per_leg[year], "money")
            else:  # no legs that year
                self.put(sheet, row, col, "", "money")
        # the average over the period: total travel ÷ total legs (not an average of yearly averages)
        total_ref = _sheet_ref(source, layout.line_rows[travel.line], layout.total_col)
        average = average_cost_per_leg(self.budget, travel)
        self.formula(
            sheet, row, layout.total_col, f"={total_ref}/{_cell(legs_row, layout.total_col)}", average, "money_bold"
        )
        # marked where a year's cost per leg is outside the plan's bounds (what the rule reports)
        here, mean = _cell(row, first, relative=True), _cell(row, layout.total_col, absolute=True)
        bounds = travel.cost_per_leg or CostPerLeg()
        outside = []
        if bounds.tolerance_percent is not None:
            outside.append(f"ABS({here}-{mean})>{mean}*{prefix}CostPerLegTolerance")
        if bounds.min is not None:
            outside.append(f"{here}<{prefix}CostPerLegMin")
        if bounds.max is not None:
            outside.append(f"{here}>{prefix}CostPerLegMax")
        if outside:
            sheet.worksheet.conditional_format(
                row,
                first,
                row,
                last,
                {"type": "formula", "criteria": f"=OR({','.join(outside)})", "format": self.formats["flag_cf"]},
            )
        return row + 2

    def _leg_label(self, leg: Leg) -> str:
        """A kind of leg and its count, true for every year: `delegate: 12 (14 in 2029)` when a year differs (the
        count follows the kind, so no noun has to agree with it)."""
        count, kind = self.count(leg.count), self.text(leg.kind)
        differ = {year: n for year, n in sorted((leg.count_by_year or {}).items()) if n != leg.count}
        if not differ:
            return self.labels.legs.format(kind=kind, count=count)
        exceptions = self.labels.list_separator.join(
            self.labels.leg_year.format(count=self.count(n), year=year) for year, n in differ.items()
        )
        return self.labels.legs_by_year.format(kind=kind, count=count, exceptions=exceptions)

    def count(self, value: int) -> str:
        """A count as the workbook's language writes it (`present.voice.Voice`)."""
        from ..present.voice import Voice

        return Voice(self.language).value(Count(value))

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
        names = {line.id: self.text(line.name) for line in self.budget.lines}
        for line_id in shown:
            line_row = layout.line_rows[line_id]
            name = names[line_id]
            chart.add_series(
                {
                    # a long name would take the chart's width for its legend: the legend shortens it (the Budget
                    # sheet has it in full)
                    "name": _legend_name(name) if len(name) > LEGEND_CHARS else [source, line_row, 0],
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
        chart.set_y_axis(
            {
                "name": self.labels.amounts_in.format(currency=self.budget.currency),
                "name_font": {**font, "size": 10, "bold": False},
                "min": 0,
                "num_format": sheet_format(self.language, "#,##0"),
                "num_font": font,
                "major_gridlines": {"visible": True},
            }
        )
        chart.set_legend({"position": "right", "font": font})
        # pixels, as XlsxWriter anchors the chart (7 a width unit of Calibri 11, 5 of padding), less its offset: the
        # chart ends inside the table's last column, never in the next, which a printed page would then show too
        width = sum(int(width * 7 + 0.5) + 5 for width in widths) - 2 * 2
        chart.set_size({"width": width, "height": CHART_HEIGHT})
        sheet.worksheet.insert_chart(row, 0, chart, {"x_offset": 2, "y_offset": 4})

    # ---------------------------------------------------------------------------------------- work plan

    def workplan_sheet(self, workplan: Workplan) -> None:
        labels = self.labels
        # the text column takes what the reference column leaves of an A4 portrait page at 100%
        text_width = print_width(A4_PORTRAIT[0] - print_points(REF_WIDTH, self.digit) - 4, self.digit)
        sheet = self.add_sheet(labels.workplan, [REF_WIDTH, text_width])
        row = 0

        def put(ref: str, value: str, fmt: str = "text", ref_fmt: str = "ref", keep: bool = False) -> None:
            nonlocal row
            if ref:
                self.put(sheet, row, 0, ref, ref_fmt)
            if keep:
                sheet.keep_with_next(row)
            if self.specs[fmt].get("text_wrap"):
                row = self.long_text(sheet, row, 1, 1, value, fmt)
            else:
                self.put(sheet, row, 1, value, fmt)
                row += 1

        def heading(index: int | None, title: str) -> None:
            nonlocal row
            row += 1
            number = "" if index is None else labels.section_number(index) + "."
            sheet.need(row, 24)
            put(number, title, "heading", "heading_ref", keep=True)

        def entries(items: Sequence[Any], prefix: str = "") -> None:
            for number, item in enumerate(items, start=1):
                put(f"{prefix}{number}" + ("" if prefix else "."), self.item_text(item))

        document = workplan.document
        put("", self.title(self.text(document.title)), "title_wrap")
        details = [self.text(document.meeting), self.text(document.place_and_dates)]
        if document.agenda_item is not None:
            item = document.agenda_item
            details.append(labels.agenda_item.format(number=item.number))
            details.append(self.text(item.title))
            details.append(self.text(item.subitem))
        details.append(long_date(document.date, self.language))
        for detail in details:
            if detail:
                put("", detail, "subtitle_wrap")

        summary = workplan.summary
        heading(None, labels.summary)
        put("", labels.main_objective, "strong", keep=True)
        put("", self.text(summary.main_objective))
        put("", labels.specific_objectives, "strong", keep=True)
        entries(summary.specific_objectives)
        put("", labels.expected_outcomes, "strong", keep=True)
        entries(summary.expected_outcomes)
        put("", labels.budget_figure, "strong", keep=True)
        # the budget's total, from the Budget sheet (the summary's stated figure may be stale: validate says so)
        total = "=" + _sheet_ref(labels.budget, self.layout.total_row, self.layout.total_col)
        self.formula(sheet, row, 1, total, self.totals.plan_total, "money_left")
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
            put(f"{area.number}.", self.item_text(area, "title"), "strong", "strong_ref", keep=True)
            put("", self.item_text(area, "lead"), keep=True)
            entries(area.activities, prefix=f"{area.number}.")

        heading(2, labels.expected_results)
        entries(workplan.expected_results)
        if self.budget.notes:
            heading(3, labels.budget_notes)
            for note in sorted(self.budget.notes, key=lambda note: note.number):
                put(f"{note.number}.", self.text(note.text))
        heading(4, labels.assumptions)
        entries(workplan.assumptions)

        sheet.finish(A4_PORTRAIT, 100)
        self.pages[labels.workplan] = sheet.pages
        sheet.worksheet.set_portrait()
        sheet.worksheet.set_print_scale(100)

    # ------------------------------------------------------------------------------------------- checks

    def checks_sheet(self, problems: Sequence[Problem]) -> None:
        labels = self.labels
        # the columns fill an A4 landscape page at 100% (they were fitted to it at about 70%, 8-pt text)
        # the locations as wide as the widest; the severity as wide as its heading and its longest word in the
        # workbook's language ('advertencia', 'предупреждение' are not split over two lines)
        sheet = self.add_sheet(
            labels.checks, [20, self._words_width(9, labels.severity, labels.severities), None, 44, 43]
        )
        self.put(sheet, 0, 0, self.title(labels.checks_title.format(version=__version__)), "title")
        sheet.need(0, 24)
        if not problems:
            self.put(sheet, 2, 0, labels.no_findings, "plain")
        else:
            headings = [labels.rule, labels.severity, labels.location, labels.message, labels.fix]
            # Every message and hint through present's Voice, as `validate --lang` words them: a rule whose
            # messages are catalogued reads in the workbook's language, its figures as the language writes them.
            from ..present.voice import Voice

            voice = Voice(self.language, places=self.places)
            for col, title in enumerate(headings):
                self.put(sheet, 2, col, title, "header")
            sheet.need(2, 20)
            for row, problem in enumerate(problems, start=3):
                severity = labels.severities.get(str(problem.severity), str(problem.severity))
                if problem.accepted is None:
                    fix = problem.hint_text(voice)
                else:
                    fix = labels.accepted.format(reason=problem.accepted)
                # The plan's files lie side by side in its folder: the file's name is its location there.
                location = f"{Path(problem.file).name}:{problem.line}:{problem.column}"
                for col, value in enumerate([problem.rule, severity, location, problem.text(voice), fix]):
                    self.put(sheet, row, col, value)
            sheet.worksheet.freeze_panes(3, 0)
            sheet.worksheet.autofilter(2, 0, 2 + len(problems), len(headings) - 1)
            sheet.worksheet.repeat_rows(2)  # the headings atop every printed page
        sheet.finish()
        sheet.worksheet.set_landscape()
        sheet.worksheet.fit_to_pages(1, 0)

    # ------------------------------------------------------------------------------------------ properties

    def properties(self, commit: str | None) -> None:
        title = self.text(self.budget.title)
        subject = self.text(self.plan.workplan.document.title) if self.plan.workplan is not None else ""
        comments = f"ccm-plan {__version__}" + (f"; plan commit {commit}" if commit else "")
        self.workbook.set_properties(
            {
                "title": title,
                "subject": subject,
                "author": self.text(self.budget.unit),
                "comments": comments,
                "created": self.options.time,
            }
        )
        self.workbook.set_custom_property("ccm-plan version", __version__)
        self.workbook.set_custom_property("Plan language", self.language)
        if commit:
            self.workbook.set_custom_property("Plan commit", commit)


def _name(plan_id: str, suffix: str) -> str:
    """A workbook name for a parameter of the plan item `plan_id`: social-security → SocialSecurityRate. A name
    never starts with a digit, and the suffix keeps it from reading as a cell reference."""
    camel = "".join(part[:1].upper() + part[1:] for part in plan_id.split("-"))
    return ("_" if camel[:1].isdigit() else "") + camel + suffix
