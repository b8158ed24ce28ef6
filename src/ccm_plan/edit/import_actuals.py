"""Import a year's actuals from an accounting export (CSV or XLSX): one row per account and amount.

The plan says which accounts make up each budget line (`account_codes` on the lines); the export's rows are summed
per line, exactly, and written as that year's actuals file (`kind: ccm-plan/actuals`), atomically. Nothing is
guessed: an account that maps to no line, an account listed by two lines, an amount that is not a number, a row
with an amount but no account, and an account on two rows (unless `sum_duplicates`) are each a located problem
(`FILE:ROW:COLUMN`), and then nothing is written.

A CSV is read as UTF-8 (a byte-order mark is ignored) unless `encoding` says otherwise (cp1252 for a CSV that
Excel saved on Windows). Amounts in a CSV are text as the accounting system wrote them: thousands separators (`1,234.50`, `1 234,50`,
`1'234.50`, no-break spaces), a leading minus or accounting parentheses for a negative (`(1,234.50)`), and a
decimal separator chosen by `decimal_separator` ("." or ","). The delimiter (comma, semicolon or tab) is
detected. In an XLSX file, a number cell holds a binary double: it is read as the
shortest decimal that reproduces it (what Excel shows, 18250.4 for 18250.40), a text cell as a CSV cell is.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..compute.allocation import decimals
from ..errors import CcmPlanError, OptionError, PlanUnusableError
from ..model.plan import Budget
from ..problems import Problem, Severity
from ..read.atomic import write_text
from ..read.loader import load_plan
from ..read.source import MAX_NUMBER, MAX_PLACES, display_path, exponent_figure

RULE = "import"
DELIMITERS = ",;\t"
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


class ExportError(CcmPlanError):
    """The export cannot be read at all (a missing file, an unknown format, a missing column)."""


@dataclass(frozen=True)
class Row:
    """One row of the export: where it is, its account and its amount (None when the cell is not a number)."""

    line: int
    account: str
    account_column: int
    amount: Decimal | None
    amount_text: str
    amount_column: int
    cell: str
    """The row's place as a person finds it: `line 7` in a CSV, `B7` in a workbook."""


@dataclass
class ImportResult:
    """What the import found and, when there were no problems, wrote."""

    source: str
    target: Path
    year: int
    amounts: dict[str, Decimal] = field(default_factory=dict)
    rows: int = 0
    unmapped_lines: list[str] = field(default_factory=list)
    """Budget lines without account codes: the export cannot say what they spent, so they are not written."""
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    places: int = 0
    """The money precision to show the figures with (the plan's, or the export's decimals)."""

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), Decimal(0))


def parse_amount(text: str, decimal_separator: str = ".") -> Decimal | None:
    """An amount as an accounting export writes it, exactly; None when it is not one.

    `1,234.50` → 1234.50; `(1,234.50)` and `-1,234.50` → −1234.50; with `decimal_separator=","`, `1.234,50` and
    `1 234,50` → 1234.50. Currency codes and symbols are not accepted: they belong in the plan, not in a cell.
    """
    value = text.strip()
    negative = False
    if value.startswith("(") and value.endswith(")"):
        negative, value = True, value[1:-1].strip()
    if value.startswith(("-", "−")):
        negative, value = not negative, value[1:].strip()
    elif value.startswith("+"):
        value = value[1:].strip()
    value = _SPACES.sub("", value)
    thousands = "," if decimal_separator == "." else "."
    if decimal_separator == "," and value.count(",") > 1:
        return None
    if decimal_separator == "." and value.count(".") > 1:
        return None
    whole, _, fraction = value.partition(decimal_separator)
    if whole and thousands in whole and not re.fullmatch(r"\d{1,3}(?:" + re.escape(thousands) + r"\d{3})+", whole):
        return None  # separators in the wrong places: 12,34 is not a thousands-grouped number
    whole = whole.replace(thousands, "")
    if not re.fullmatch(r"\d+", whole or "0") or not re.fullmatch(r"\d*", fraction) or not (whole or fraction):
        return None
    try:
        number = Decimal(f"{whole or '0'}.{fraction}" if fraction else whole)
    except InvalidOperation:
        return None
    return -number if negative else number


def _column_index(header: Sequence[str], wanted: str, path: str) -> int:
    """The 0-based index of the column named `wanted` (case and surrounding spaces ignored), or numbered (1-based)."""
    if wanted.isdigit():
        index = int(wanted) - 1
        if 0 <= index < len(header):
            return index
        raise ExportError(f"{path}: there is no column {wanted} (the header has {len(header)})")
    names = [name.strip().lstrip("\ufeff").casefold() for name in header]
    if wanted.strip().casefold() in names:
        return names.index(wanted.strip().casefold())
    shown = ", ".join(repr(name.strip()) for name in header if name.strip())
    raise ExportError(f"{path}: no column named {wanted!r} in the header (it has: {shown or 'no names'})")


def read_csv(path: Path, account: str, amount: str, decimal_separator: str, encoding: str = "utf-8") -> Iterator[Row]:
    """The rows of a CSV export, after its header row. Raises `ExportError` when it cannot be read."""
    import codecs

    shown = display_path(path)
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise ExportError(
            f"--encoding {encoding!r} is not an encoding Python knows (utf-8, cp1252, latin-1, ...)"
        ) from None
    try:
        text = path.read_bytes().decode("utf-8-sig" if codec == "utf-8" else codec)
    except OSError as error:
        raise ExportError(f"{shown}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise ExportError(
            f"{shown}: not {encoding} text (byte {error.start + 1}); pass --encoding (cp1252 for Excel's "
            "Windows CSV, for example) or save the export as UTF-8"
        ) from None
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max(DELIMITERS, key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    raw_lines = text.splitlines()
    header: list[str] | None = None
    for cells in reader:
        if header is None:
            if any(cell.strip() for cell in cells):
                header = cells
                account_at = _column_index(header, account, shown)
                amount_at = _column_index(header, amount, shown)
            continue
        if not any(cell.strip() for cell in cells):
            continue
        number = reader.line_num
        if len(cells) > len(header):  # a field the header does not name: its figure would be dropped unseen
            hint = (
                '; a decimal comma in a file delimited by commas must be quoted ("1 234,50")'
                if delimiter == "," and decimal_separator == ","
                else ""
            )
            raise ExportError(
                f"{shown}:{number}:1: {len(cells)} fields, but the header names {len(header)}{hint}; nothing written"
            )
        code = cells[account_at].strip() if account_at < len(cells) else ""
        figure = cells[amount_at].strip() if amount_at < len(cells) else ""
        source_line = raw_lines[number - 1] if number - 1 < len(raw_lines) else ""
        yield Row(
            number,
            code,
            _find(source_line, code, account_at, delimiter),
            parse_amount(figure, decimal_separator) if figure else None,
            figure,
            _find(source_line, figure, amount_at, delimiter),
            f"line {number}",
        )
    if header is None:
        raise ExportError(f"{shown}: the file is empty: expected a header row and one row per account")


def _find(line: str, text: str, index: int, delimiter: str) -> int:
    """The 1-based column of a cell in its line: the start of its field (quotes included)."""
    offset = 0
    for _ in range(index):
        found = line.find(delimiter, offset)
        if found < 0:
            return 1
        offset = found + 1
    spot = line.find(text, offset) if text else -1
    return (spot if spot >= 0 else offset) + 1


def read_xlsx(path: Path, account: str, amount: str, sheet: str | None, decimal_separator: str) -> Iterator[Row]:
    """The rows of a worksheet (the first, or `sheet`), after its header row."""
    from openpyxl import load_workbook
    from xlsxwriter.utility import xl_col_to_name

    shown = display_path(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except OSError as error:
        raise ExportError(f"{shown}: cannot read: {error.strerror or error}") from None
    except Exception as error:  # openpyxl raises several kinds for a file that is not a workbook
        raise ExportError(f"{shown}: not an Excel workbook (.xlsx): {error}") from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise ExportError(f"{shown}: no sheet {sheet!r} (it has: {', '.join(workbook.sheetnames)})")
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        header: list[str] | None = None
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = ["" if value is None else value for value in values]
            if header is None:
                if any(str(cell).strip() for cell in cells):
                    header = [str(cell) for cell in cells]
                    account_at = _column_index(header, account, shown)
                    amount_at = _column_index(header, amount, shown)
                continue
            if not any(str(cell).strip() for cell in cells):
                continue
            code_value = cells[account_at] if account_at < len(cells) else ""
            figure_value = cells[amount_at] if amount_at < len(cells) else ""
            yield Row(
                number,
                _code(code_value),
                account_at + 1,
                _cell_amount(figure_value, decimal_separator),
                str(figure_value).strip(),
                amount_at + 1,
                f"{xl_col_to_name(amount_at)}{number}",
            )
        if header is None:
            raise ExportError(f"{shown}: the sheet is empty: expected a header row and one row per account")
    finally:
        workbook.close()


def _code(value: Any) -> str:
    """An account code from a cell: a number cell 6100 (or 6100.0) is the code '6100'."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _cell_amount(value: Any, decimal_separator: str) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value)) if value == value and abs(value) != float("inf") else None
    if isinstance(value, Decimal):
        return value
    text = str(value).strip()
    return parse_amount(text, decimal_separator) if text else None


def account_map(budget: Budget) -> tuple[dict[str, str], list[tuple[str, list[str]]]]:
    """account code → line id, and the codes that more than one line claims (with those lines)."""
    owners: dict[str, list[str]] = {}
    for line in budget.lines:
        for code in line.account_codes:
            owners.setdefault(code, []).append(line.id)
    mapping = {code: lines[0] for code, lines in owners.items()}
    shared = [(code, lines) for code, lines in owners.items() if len(lines) > 1]
    return mapping, shared


def import_actuals(
    plan_path: Path | str,
    export: Path,
    year: int,
    *,
    account_column: str = "account",
    amount_column: str = "amount",
    sheet: str | None = None,
    decimal_separator: str = ".",
    sum_duplicates: bool = False,
    encoding: str = "utf-8",
    status: str = "preliminary",
    as_of: datetime.date | None = None,
    source: str | None = None,
    output: Path | None = None,
    force: bool = False,
) -> ImportResult:
    """Read `export`, sum its rows per budget line, and write the year's actuals file (unless there are problems).

    The file is written to `output`, else to `actuals-YEAR.yaml` in the plan's folder; an existing file is
    replaced only with `force`. `as_of` defaults to today; `source` (a text for every plan language) to the
    export's file name. Raises `OptionError` for a year outside the period or a file that exists, `ExportError`
    for an export that cannot be read, `PlanUnusableError` for a plan with reading or schema errors.
    """
    plan = load_plan(plan_path)
    if not plan.is_usable:
        raise PlanUnusableError(
            "the plan has reading or schema errors; run `ccm-plan validate` and fix them before importing"
        )
    budget: Budget = plan.budget
    if year not in budget.period.years:
        raise OptionError(f"--year {year} is outside the plan's period {budget.period.start}–{budget.period.end}")
    if decimal_separator not in (".", ","):
        raise OptionError(f"--decimal-separator must be '.' or ',', not {decimal_separator!r}")
    target = output if output is not None else plan.folder / f"actuals-{year}.yaml"
    if target.is_dir():
        target = target / f"actuals-{year}.yaml"
    if target.exists() and not force:
        raise OptionError(f"{display_path(target)} exists; pass --force to replace it (its notes would be lost)")
    suffix = export.suffix.lower()
    shown = display_path(export)
    if not export.is_file():
        raise ExportError(f"{shown}: no such file")
    if suffix == ".csv" or suffix == ".txt":
        rows = list(read_csv(export, account_column, amount_column, decimal_separator, encoding))
    elif suffix in (".xlsx", ".xlsm"):
        rows = list(read_xlsx(export, account_column, amount_column, sheet, decimal_separator))
    else:
        raise ExportError(f"{shown}: expected a .csv or .xlsx export, not {export.suffix or 'a file without one'}")

    result = ImportResult(shown, target, year, rows=len(rows))
    mapping, shared = account_map(budget)
    for code, lines in shared:
        index = next(i for i, line in enumerate(budget.lines) if line.id == lines[1])
        source_file = plan.source("ccm-plan/budget")
        result.problems.append(
            source_file.problem(
                ("lines", index, "account_codes"),
                RULE,
                f"account {code} is listed by {len(lines)} lines ({', '.join(lines)}): which one spent it?",
                "list each account under one line only",
                key=True,
            )
        )

    def problem(row: Row, column: int, message: str, hint: str) -> None:
        result.problems.append(Problem(shown, row.line, column, Severity.ERROR, RULE, message, hint))

    seen: dict[str, Row] = {}
    totals: dict[str, Decimal] = {line.id: Decimal(0) for line in budget.lines if line.account_codes}
    for row in rows:
        if not row.account:
            problem(
                row,
                row.amount_column,
                f"{row.cell}: an amount ({row.amount_text}) without an account",
                "add the account code, or remove the row",
            )
            continue
        if row.amount is None:
            what = f"'{row.amount_text}' is not an amount" if row.amount_text else "no amount"
            written = row.amount_text.replace(",", ".") if decimal_separator == "," else row.amount_text
            plain = exponent_figure(written)
            problem(
                row,
                row.amount_column,
                f"{row.cell}: account {row.account}: {what}"
                + (": it is written with an exponent; a plan's figures are written out" if plain else ""),
                f"write {plain}"
                if plain is not None
                else "write the amount as a number (1234.50, 1,234.50; see --decimal-separator)",
            )
            continue
        if abs(row.amount) >= MAX_NUMBER or decimals(row.amount) > MAX_PLACES:
            problem(
                row,
                row.amount_column,
                f"{row.cell}: account {row.account}: {row.amount_text} is beyond what a plan file holds "
                f"(below {MAX_NUMBER:,}, at most {MAX_PLACES} decimals)",
                "check the cell: an amount this large or this fine is most likely an export error",
            )
            continue
        line_id = mapping.get(row.account)
        if line_id is None:
            problem(
                row,
                row.account_column,
                f"{row.cell}: account {row.account} maps to no budget line",
                "add it to the `account_codes` of the line it belongs to in the budget",
            )
            continue
        earlier = seen.get(row.account)
        if earlier is not None and not sum_duplicates:
            problem(
                row,
                row.account_column,
                f"{row.cell}: account {row.account} appears again (first on {earlier.cell})",
                "keep one row per account, or pass --sum-duplicates when the export lists postings",
            )
            continue
        seen.setdefault(row.account, row)
        totals[line_id] += row.amount
    if not result.problems and not rows:
        result.problems.append(
            Problem(
                shown,
                1,
                1,
                Severity.ERROR,
                RULE,
                "the export has a header but no rows: nothing to import",
                "export the year's accounts, one row per account and amount",
            )
        )
    rows_read = not result.problems  # a sum is only meaningful when every row was read
    for line_id, amount in totals.items():
        if amount < 0 and rows_read:
            result.problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    Severity.ERROR,
                    RULE,
                    f"line {line_id} adds up to {amount}, below zero",
                    "check the signs of its accounts' amounts",
                )
            )
        elif amount >= MAX_NUMBER and rows_read:
            result.problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    Severity.ERROR,
                    RULE,
                    f"line {line_id} adds up to {amount}, beyond what a plan file holds (below {MAX_NUMBER:,})",
                    "check the export's amounts",
                )
            )
    result.amounts = {line.id: totals[line.id] for line in budget.lines if line.id in totals}
    result.unmapped_lines = [line.id for line in budget.lines if not line.account_codes]
    from ..present.precision import money_places, plan_places

    result.places = max(plan_places(budget), money_places(budget.currency, result.amounts.values(), budget.decimals))
    if result.problems:
        return result
    text = actuals_yaml(budget, year, status, as_of or datetime.date.today(), source or export.name, result.amounts)
    write_text(target, text, force=force)
    result.written = True
    return result


def actuals_yaml(
    budget: Budget, year: int, status: str, as_of: datetime.date, source: str, amounts: dict[str, Decimal]
) -> str:
    """The actuals file's text: exact amounts (as summed, never rounded), the source in every plan language."""
    quoted = _quote(source)
    lines = [
        f"# Imported by `ccm-plan import actuals` from {_comment(source)}: notes explaining a line's variance go under",
        "# `notes:` ({id: ..., text: {...}, explains: [line-id]}).",
        "kind: ccm-plan/actuals",
        "schema_version: 1",
        f"year: {year}",
        f"status: {status}",
        f"as_of: {as_of.isoformat()}",
        "source: {" + ", ".join(f"{language}: {quoted}" for language in budget.languages) + "}",
        "amounts:",
        *(f"  {line_id}: {format(amount, 'f')}" for line_id, amount in amounts.items()),
    ]
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _comment(text: str) -> str:
    return text.replace("\n", " ")
