"""The workbook's Execution and Funding sheets: the year after adoption, with live formulas like the Budget sheet.

`export xlsx` calls `add_sheets` when the plan has actuals (Execution) or contributions (Funding). Budgets and
actuals are numbers; every variance, execution rate, total, funding gap, carry-over and running balance is a
formula, stored with ccm-plan's own exact value (XlsxWriter writes both), so the workbook reads right before any
recalculation and stays right when someone corrects a figure in it. Words and number formats come from `present`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..compute.execution import ContributionStatus, Execution, contribution_status
from ..present.message import Name
from ..present.precision import finest_places, plan_places, shown_places
from ..present.voice import Voice
from ..read.loader import LoadedPlan


@dataclass(frozen=True)
class SheetsWritten:
    names: tuple[str, ...]


def _cell(row: int, col: int) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    return str(xl_rowcol_to_cell(row, col))


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def sheets_places(plan: LoadedPlan) -> int:
    """The money precision of the sheets: the plan's, widened to show the actuals' and contributions' decimals (as
    `ccm-plan execution` shows them)."""
    from ..compute.execution import adoption_amounts, recorded_amounts
    from ..present.precision import money_places

    budget = plan.budget
    amounts = adoption_amounts(plan.actuals, plan.contributions, budget.currency)
    places = max(shown_places(budget), money_places(budget.currency, amounts, budget.decimals))
    return finest_places(recorded_amounts(plan.actuals, plan.contributions, budget.currency), places)


def add_sheets(workbook: Any, plan: LoadedPlan, voice: Voice, places: int, font: str = "Calibri") -> SheetsWritten:
    """Add an Execution sheet (when the plan has actuals) and a Funding sheet (when it has contributions).

    `places` is the money precision of the figures; `voice` gives the words (sheet names included) and the names
    of the plan's lines and contributors in the workbook's language.
    """
    from ..compute.execution import compute_execution

    budget = plan.budget
    from ..present.numbers import sheet_format
    from ..present.spreadsheet import money_format, percent_format, signed_money_format

    def number(code: str) -> str:  # the number cells read as the workbook's language writes figures
        return sheet_format(voice.language, code)

    money, signed, percent = (
        number(money_format(places)),
        number(signed_money_format(places)),
        number(percent_format(1)),
    )
    base = {"font_name": font, "font_size": 11}
    formats = {
        "title": workbook.add_format({**base, "bold": True, "font_size": 14}),
        "heading": workbook.add_format({**base, "bold": True}),
        "header": workbook.add_format({**base, "bold": True, "bottom": 1, "text_wrap": True, "valign": "bottom"}),
        "text": workbook.add_format(base),
        "money": workbook.add_format({**base, "num_format": money}),
        "signed": workbook.add_format({**base, "num_format": signed}),
        "percent": workbook.add_format({**base, "num_format": percent}),
        "scale": workbook.add_format({**base, "num_format": number("0.000")}),
        "total_text": workbook.add_format({**base, "bold": True, "top": 1}),
        "total_money": workbook.add_format({**base, "bold": True, "top": 1, "num_format": money}),
        "total_signed": workbook.add_format({**base, "bold": True, "top": 1, "num_format": signed}),
        "total_percent": workbook.add_format({**base, "bold": True, "top": 1, "num_format": percent}),
        "total_scale": workbook.add_format({**base, "bold": True, "top": 1, "num_format": number("0.000")}),
    }
    names = []
    execution: Execution | None = None
    totals_at: dict[int, tuple[int, int, int]] = {}  # year → (row of the total, budget col, actual col)
    execution_name = voice._("Execution")[:31]
    if plan.actuals:
        execution = compute_execution(budget, plan.actuals, plan.contributions)
        totals_at = _execution_sheet(workbook, execution_name, execution, plan, voice, formats)
        names.append(execution_name)
    if plan.contributions is not None:
        names.append(_funding_sheet(workbook, execution_name, execution, totals_at, plan, voice, formats, places))
    return SheetsWritten(tuple(names))


def _execution_sheet(
    workbook: Any, execution_name: str, execution: Execution, plan: LoadedPlan, voice: Voice, formats: dict[str, Any]
) -> dict[int, tuple[int, int, int]]:
    """The Execution sheet; returns where each year's total row is (row, budget column, actual column)."""
    budget = plan.budget
    languages = tuple(budget.languages)
    totals_at: dict[int, tuple[int, int, int]] = {}
    sheet = workbook.add_worksheet(execution_name)
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, 4, 16)
    sheet.write_string(0, 0, voice._("Budget execution ({currency})", currency=budget.currency), formats["title"])
    row = 2
    for year in execution.years:
        said = voice._("audited") if year.status == "audited" else voice._("preliminary")
        source = voice.value(Name(year.source, languages, ""))
        heading = voice._(
            "{year}: {status}, as of {date}: {source}",
            year=str(year.year),
            status=said,
            date=str(year.as_of),
            source=source,
        )
        sheet.write_string(row, 0, heading, formats["heading"])
        row += 1
        for col, title in enumerate(
            [voice._("Line"), voice._("Budget"), voice._("Actual"), voice._("Variance"), voice._("Execution rate")]
        ):
            sheet.write_string(row, col, title, formats["header"])
        row += 1
        first = row
        lines = {line.id: line for line in budget.lines}
        for item in year.lines:
            line = lines[item.id]
            sheet.write_string(row, 0, voice.value(Name(line.name, languages, line.id)), formats["text"])
            sheet.write_number(row, 1, _number(item.budget), formats["money"])
            sheet.write_number(row, 2, _number(item.actual), formats["money"])
            sheet.write_formula(row, 3, f"={_cell(row, 2)}-{_cell(row, 1)}", formats["signed"], _number(item.variance))
            rate = "" if item.execution_percent is None else float(item.execution_percent / 100)
            sheet.write_formula(
                row, 4, f'=IF({_cell(row, 1)}=0,"",{_cell(row, 2)}/{_cell(row, 1)})', formats["percent"], rate
            )
            row += 1
        total = year.total
        sheet.write_string(row, 0, voice._("Total"), formats["total_text"])
        for col, value in ((1, total.budget), (2, total.actual)):
            sheet.write_formula(
                row, col, f"=SUM({_cell(first, col)}:{_cell(row - 1, col)})", formats["total_money"], _number(value)
            )
        sheet.write_formula(
            row, 3, f"={_cell(row, 2)}-{_cell(row, 1)}", formats["total_signed"], _number(total.variance)
        )
        rate = "" if total.execution_percent is None else float(total.execution_percent / 100)
        sheet.write_formula(
            row, 4, f'=IF({_cell(row, 1)}=0,"",{_cell(row, 2)}/{_cell(row, 1)})', formats["total_percent"], rate
        )
        totals_at[year.year] = (row, 1, 2)
        row += 2
    return totals_at


def _funding_sheet(
    workbook: Any,
    execution_name: str,
    execution: Execution | None,
    totals_at: dict[int, tuple[int, int, int]],
    plan: LoadedPlan,
    voice: Voice,
    formats: dict[str, Any],
    places: int,
) -> str:
    """The Funding sheet: per year, budget, received, pledges outstanding, gap, carry-over and balance (formulas
    that refer to the Execution sheet's totals); then each year's contributions per contributor."""
    budget = plan.budget
    languages = tuple(budget.languages)
    assert plan.contributions is not None
    funding_name = voice._("Funding")[:31]
    sheet = workbook.add_worksheet(funding_name)
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 7, 16)
    sheet.write_string(0, 0, voice._("Funding ({currency})", currency=budget.currency), formats["title"])
    headers = [
        voice._("Year"),
        voice._("Budget"),
        voice._("Received"),
        voice._("Pledged, outstanding"),
        voice._("Funding gap"),
        voice._("Actual"),
        voice._("Carry-over (received − actual)"),
        voice._("Balance carried forward"),
    ]
    for col, title in enumerate(headers):
        sheet.write_string(2, col, title, formats["header"])
    row = 3
    balance_row: int | None = None
    reported = {y.year: y for y in execution.years} if execution is not None else {}
    years = sorted({entry.year for entry in plan.contributions.entries} | set(reported))
    years = [year for year in years if year in budget.period.years]
    from ..compute.execution import funding as year_funding

    for year in years:
        money_of = year_funding(budget, plan.contributions, year)
        sheet.write_number(row, 0, year, formats["text"])
        if year in totals_at:
            at, budget_col, actual_col = totals_at[year]
            reference = f"={_quoted(execution_name)}!{_cell(at, budget_col)}"
            sheet.write_formula(row, 1, reference, formats["money"], _number(money_of.budget))
        else:
            sheet.write_number(row, 1, _number(money_of.budget), formats["money"])
        sheet.write_number(row, 2, _number(money_of.received), formats["money"])
        sheet.write_number(row, 3, _number(money_of.pledged_outstanding), formats["money"])
        sheet.write_formula(
            row,
            4,
            f"={_cell(row, 1)}-{_cell(row, 2)}-{_cell(row, 3)}",
            formats["money"],
            _number(money_of.gap),
        )
        year_report = reported.get(year)
        if year_report is not None:
            at, _, actual_col = totals_at[year]
            sheet.write_formula(
                row,
                5,
                f"={_quoted(execution_name)}!{_cell(at, actual_col)}",
                formats["money"],
                _number(year_report.total.actual),
            )
            sheet.write_formula(
                row, 6, f"={_cell(row, 2)}-{_cell(row, 5)}", formats["signed"], _number(year_report.carry_over)
            )
            previous = f"{_cell(balance_row, 7)}+" if balance_row is not None else ""
            sheet.write_formula(row, 7, f"={previous}{_cell(row, 6)}", formats["signed"], _number(year_report.balance))
            balance_row = row
        row += 1
    row += 1
    for year in years:
        standing: ContributionStatus = contribution_status(budget, plan.contributions, year, plan_places(budget))
        sheet.write_string(row, 0, voice._("Contributions {year}", year=str(year)), formats["heading"])
        row += 1
        titles = [
            voice._("Contributor"),
            voice._("Scale"),
            voice._("Indicative"),
            voice._("Pledged"),
            voice._("Received"),
            voice._("Outstanding"),
        ]
        for col, title in enumerate(titles):
            sheet.write_string(row, col, title, formats["header"])
        row += 1
        first = row
        for item in standing.contributors:
            sheet.write_string(row, 0, voice.value(Name(item.name, languages, item.id)), formats["text"])
            if item.scale_percent is not None:
                sheet.write_number(row, 1, _number(item.scale_percent), formats["scale"])
            if item.indicative is not None:
                sheet.write_number(row, 2, _number(item.indicative), formats["money"])
            for col, amount in ((3, item.pledged), (4, item.received), (5, item.outstanding)):
                sheet.write_number(row, col, _number(amount), formats["money"])
            row += 1
        sheet.write_string(row, 0, voice._("Total"), formats["total_text"])
        total = standing.total
        for col, value, fmt in (
            (1, total.scale_percent, "total_scale"),
            (2, total.indicative, "total_money"),
            (3, total.pledged, "total_money"),
            (4, total.received, "total_money"),
            (5, total.outstanding, "total_money"),
        ):
            computed = 0 if value is None else _number(value)
            sheet.write_formula(row, col, f"=SUM({_cell(first, col)}:{_cell(row - 1, col)})", formats[fmt], computed)
        row += 2
    return funding_name
