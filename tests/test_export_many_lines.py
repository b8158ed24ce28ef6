"""`ccm-plan export xlsx` of a plan with more lines than a chart can show: its largest lines, the rest as one.

A stacked chart of hundreds of series cannot be read, and Excel takes at most 255 (XlsxWriter warned and dropped
the rest). The chart shows the `CHART_SERIES - 1` largest lines and one grey series of all the others, whose
figures are a row of live formulas on the analysis sheet. Plans come from bench/generate.py; no LibreOffice.
"""

from __future__ import annotations

import re
import sys
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ccm_plan.exports.xlsx import CHART_SERIES, export_xlsx
from conftest import ROOT, run_cli


def generated_plan(folder: Path, lines: int, years: int = 6) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    plan: Path = generate(folder, lines=lines, years=years, activities=20)
    return plan


def export_quietly(plan: Path, target: Path) -> Path:
    """Export in-process with every warning an error: no library warning may reach the user."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = export_xlsx(plan, target)
    assert result.written and not result.problems, result.problems
    return target


def chart_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        (chart,) = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        return archive.read(chart).decode()


def series_names(chart: str) -> list[str]:
    """The cell each series takes its name from, in the chart's order: 'Budget!$A$4', 'Analysis!$A$330'."""
    return re.findall(r"<c:tx><c:strRef><c:f>([^<]+)</c:f>", chart)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many-lines")
    return export_quietly(generated_plan(folder / "plan", 300), folder / "plan.xlsx")


def test_a_plan_of_300_lines_charts_the_largest_and_the_others_as_one_series(workbook: Path) -> None:
    stored = openpyxl.load_workbook(workbook, data_only=True)
    budget, analysis = stored["Budget"], stored["Analysis"]
    rows = range(4, 4 + 300)  # the budget sheet: title, unit, header, then the lines
    total_col = 8  # A names, B–G six years, H the line's total
    totals = {row: budget.cell(row, total_col).value for row in rows}
    largest = sorted(rows, key=lambda row: -totals[row])[: CHART_SERIES - 1]

    chart = chart_xml(workbook)
    assert chart.count("<c:ser>") == CHART_SERIES
    names = series_names(chart)
    assert names[:-1] == [f"Budget!$A${row}" for row in sorted(largest)]  # the largest, in the plan's order
    others_row = int(names[-1].removeprefix("Analysis!$A$"))
    assert analysis.cell(others_row, 1).value == "Other lines (289)"
    assert f"<c:f>Analysis!$B${others_row}:$G${others_row}</c:f>" in chart
    assert "<a:t>Budget by year: the 11 largest lines, and the others together</a:t>" in chart
    assert analysis.cell(others_row - 1, 1).value == "Budget by year: the 11 largest lines, and the others together"

    # the others' figures: the sum of every line not shown, per year and over the period
    others = [row for row in rows if row not in largest]
    for col in range(2, 8):
        expected = sum(budget.cell(row, col).value for row in others)
        assert analysis.cell(others_row, col).value == expected
        assert f"<c:v>{expected}</c:v>" in chart  # the series carries its values for readers that do not recalculate
    assert analysis.cell(others_row, total_col).value == sum(totals[row] for row in others)
    shown_and_others = sum(totals[row] for row in largest) + analysis.cell(others_row, total_col).value
    assert shown_and_others == budget.cell(4 + 300, total_col).value  # the plan total: nothing lost or counted twice


def test_the_others_row_is_live_formulas_over_the_budget_sheet(workbook: Path) -> None:
    live = openpyxl.load_workbook(workbook)["Analysis"]
    others_row = next(row for row in range(1, live.max_row + 1) if live.cell(row, 1).value == "Other lines (289)")
    formula = live.cell(others_row, 2).value
    assert formula.startswith("='Budget'!B304-SUM('Budget'!B")  # the total less the lines the chart shows
    assert formula.count("'Budget'!B") == 1 + CHART_SERIES - 1
    assert live.cell(others_row, 8).value == f"=SUM(B{others_row}:G{others_row})"


@pytest.mark.parametrize(("lines", "series", "others"), [(CHART_SERIES, CHART_SERIES, None), (CHART_SERIES + 1, 12, 2)])
def test_up_to_the_limit_every_line_is_its_own_series(
    tmp_path: Path, lines: int, series: int, others: int | None
) -> None:
    workbook = export_quietly(generated_plan(tmp_path / "plan", lines, years=3), tmp_path / "plan.xlsx")
    chart = chart_xml(workbook)
    assert chart.count("<c:ser>") == series
    analysis = [cell.value for row in openpyxl.load_workbook(workbook)["Analysis"].iter_rows() for cell in row]
    if others is None:
        assert all(name.startswith("Budget!") for name in series_names(chart))
        assert "<a:t>Budget by line and year</a:t>" in chart
        assert not any(isinstance(value, str) and value.startswith("Other lines") for value in analysis)
    else:
        assert f"Other lines ({others})" in analysis


def test_the_cli_prints_no_library_warning(workbook: Path, tmp_path: Path) -> None:
    plan = generated_plan(tmp_path / "plan", 300)
    run = run_cli("export", "xlsx", plan, "--output", tmp_path / "plan.xlsx", env={"PYTHONWARNINGS": "default"})
    assert run.code == 0, run.stderr
    assert run.stderr == ""
    assert run.stdout.startswith(f"wrote {tmp_path / 'plan.xlsx'}\n")
