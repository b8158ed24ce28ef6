"""`ccm-plan export xlsx`: the workbook read back with openpyxl, recalculated by LibreOffice, and dumped as text.

Golden dumps (cells, formulas with their stored values, number formats, sheet set-up) are in tests/golden/;
regenerate them with `UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_export.py` and review the diff.
"""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from ccm_plan import __version__
from ccm_plan.compute.totals import compute_totals, share, travel_cost_per_leg
from ccm_plan.errors import OutputError
from ccm_plan.exports.reproducible import plan_commit
from ccm_plan.exports.xlsx import export_xlsx
from ccm_plan.read.loader import load_plan
from conftest import DATA, SEED, copy_plan, edit, run_cli
from libreoffice import convert

GOLDEN = Path(__file__).resolve().parent / "golden"
YEARS = list(range(2021, 2027))
YEAR_COLUMNS = "BCDEFG"
FIRST_LINE_ROW = 4  # the budget sheet: title, unit, header, then the lines
PLANTED = {
    # text in the plan → where it lands (sheet, cell) in the English workbook
    "=1+41": ("Budget", "I6"),  # the communication line's note
    "+1 and more": ("Budget", "A13"),  # budget note 1 (written as "1. +1 and more")
    "-SUM(A1)": ("Work plan", "B2"),  # the meeting
    "@A1": ("Budget", "A7"),  # the travel line's name
}


def seed_table() -> dict[str, list[int]]:
    """The seed's budget table, parsed from the seed itself: {zh line name: six figures}, with 合计."""
    text = SEED.read_text(encoding="utf-8")
    table = text.split("## 执行支助股 2021-2026 年预算", 1)[1].split("## 四.", 1)[0]
    rows: dict[str, list[int]] = {}
    for row in table.splitlines():
        cells = [re.sub(r"</?b>", "", cell).strip() for cell in row.split("\t")]
        if len(cells) >= 7 and all(re.fullmatch(r"\d{1,3}(?: \d{3})*", cell) for cell in cells[1:7]):
            rows[cells[0]] = [int(cell.replace(" ", "")) for cell in cells[1:7]]
    return rows


def export(plan: Path, target: Path, language: str | None = None, **options: bool) -> Path:
    result = export_xlsx(plan, target, language, **options)
    assert result.written, result.problems
    assert result.output == target
    return target


def values(path: Path) -> openpyxl.Workbook:
    """The workbook as a reader that does not recalculate sees it: the stored values."""
    return openpyxl.load_workbook(path, data_only=True)


def formulas(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped plan in English and Chinese, and a copy with texts that look like formulas."""
    folder = tmp_path_factory.mktemp("workbooks")
    planted = copy_plan(DATA, folder / "planted")
    budget = planted / "budget.yaml"
    edit(
        budget,
        "en: Website maintenance, communication materials, publications, consultancy services, etc.",
        'en: "=1+41"',
    )
    edit(
        budget,
        "en: The budget has been adjusted to take into account the impact of the COVID-19 pandemic on "
        "the work of the ISU.",
        'en: "+1 and more"',
    )
    edit(budget, "name: {zh: 差旅, en: Travel}", 'name: {zh: 差旅, en: "@A1"}')
    edit(planted / "workplan-2021-2026.yaml", "en: Second Review Conference\n", 'en: "-SUM(A1)"\n')
    return {
        "en": export(DATA, folder / "en.xlsx"),
        "zh": export(DATA, folder / "zh.xlsx", "zh"),
        "planted": export(planted, folder / "planted.xlsx"),
        "en-checks": export(DATA, folder / "en-checks.xlsx", checks=True),
        "zh-checks": export(DATA, folder / "zh-checks.xlsx", "zh", checks=True),
        "zh-as-printed": export(DATA, folder / "zh-as-printed.xlsx", "zh", as_printed=True),
    }


# ------------------------------------------------------------------------------------------ figures


def test_every_seed_figure_is_in_its_cell(workbooks: dict[str, Path]) -> None:
    table = seed_table()
    total = table.pop("合计")
    assert len(table) == 5
    for language in ("en", "zh"):
        sheet = values(workbooks[language]).worksheets[0]
        zh = values(workbooks["zh"]).worksheets[0]
        for offset, (name, figures) in enumerate(table.items()):
            row = FIRST_LINE_ROW + offset
            assert zh[f"A{row}"].value == name
            assert [sheet[f"{col}{row}"].value for col in YEAR_COLUMNS] == figures, (language, name)
        total_row = FIRST_LINE_ROW + len(table)
        assert [sheet[f"{col}{total_row}"].value for col in YEAR_COLUMNS] == total
        assert sheet[f"H{total_row}"].value == 2940552


def test_totals_are_live_sums(workbooks: dict[str, Path]) -> None:
    sheet = formulas(workbooks["en"])["Budget"]
    assert sheet["A9"].value == "Total"
    assert sheet["H4"].value == "=SUM(B4:G4)"
    assert sheet["H8"].value == "=SUM(B8:G8)"
    for col in YEAR_COLUMNS:
        assert sheet[f"{col}9"].value == f"=SUM({col}4:{col}8)"
    assert sheet["H9"].value == "=SUM(H4:H8)"
    assert sheet["B4"].data_type == "n"  # the figures themselves are numbers, not formulas


def test_stored_values_are_ccm_plans_own_totals(workbooks: dict[str, Path]) -> None:
    totals = compute_totals(load_plan(DATA).budget)
    sheet = values(workbooks["en"])["Budget"]
    for offset, line_id in enumerate(totals.line_ids):
        assert sheet[f"H{FIRST_LINE_ROW + offset}"].value == totals.line_totals[line_id]
    for col, year in zip(YEAR_COLUMNS, YEARS, strict=True):
        assert sheet[f"{col}9"].value == totals.year_totals[year]
    assert sheet["H9"].value == totals.plan_total == 2940552


def test_every_formula_has_a_stored_value(workbooks: dict[str, Path]) -> None:
    for language in ("en", "zh"):
        with_formulas, stored = formulas(workbooks[language]), values(workbooks[language])
        count = 0
        for sheet in with_formulas.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        count += 1
                        assert isinstance(stored[sheet.title][cell.coordinate].value, int | float), cell
        assert count > 60


def test_amounts_have_a_currency_format_with_thousands(workbooks: dict[str, Path]) -> None:
    sheet = formulas(workbooks["en"])["Budget"]
    for cell in ("B4", "H4", "B9", "H9"):
        assert sheet[cell].number_format == "#,##0;-#,##0"  # the currency is in the caption, once
    assert sheet["A2"].value.endswith(" · Amounts in CHF")


def test_no_number_format_can_show_a_bare_decimal_point(workbooks: dict[str, Path]) -> None:
    """`0.##%` shows 20% as `20.%` in Excel: every format writes its decimals in full (the parameters block's
    percentages at the decimals the most precise one needs: 20% and 25% in the shipped plan, see the golden
    files)."""
    for language in ("en", "zh"):
        for sheet in formulas(workbooks[language]).worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert ".#" not in cell.number_format, (language, sheet.title, cell.coordinate, cell.number_format)


def test_analysis_formulas_and_values(workbooks: dict[str, Path]) -> None:
    budget = load_plan(DATA).budget
    totals = compute_totals(budget)
    sheet, stored = formulas(workbooks["en"])["Analysis"], values(workbooks["en"])["Analysis"]
    rows = {sheet[f"A{row}"].value: row for row in range(1, sheet.max_row + 1) if sheet[f"A{row}"].value}

    staff = rows["Staff costs"]
    assert sheet[f"B{staff}"].value == "=SUM('Budget'!B4,'Budget'!B5)"
    assert sheet[f"H{staff}"].value == f"=SUM(B{staff}:G{staff})"
    assert stored[f"H{staff}"].value == totals.staff_total
    other = rows["Non-staff costs"]
    assert sheet[f"C{other}"].value == "=SUM('Budget'!C6,'Budget'!C7,'Budget'!C8)"
    assert stored[f"C{other}"].value == totals.non_staff[2022] == 60000

    ratio = rows["Social security ÷ Salaries"]
    assert sheet[f"D{ratio}"].value == "=IF('Budget'!D4=0,\"\",'Budget'!D5/'Budget'!D4)"
    assert sheet[f"D{ratio}"].number_format == "0.0%"
    assert stored[f"D{ratio}"].value == pytest.approx(float(share(Decimal(69176), Decimal(365881)) or 0))
    at_rate = rows["Social security at the plan's rate: Salaries × rate"]
    assert sheet[f"D{at_rate}"].value == "=ROUND('Budget'!D4*SocialSecurityRate,0)"
    assert stored[f"D{at_rate}"].value == 73176  # the figure the rule expects for 2023
    difference = rows["Social security: difference from the plan's rate"]
    assert sheet[f"D{difference}"].value == f"='Budget'!D5-D{at_rate}"
    assert [stored[f"{col}{difference}"].value for col in YEAR_COLUMNS] == [0, 0, -4000, 0, 0, 0]

    per_leg = rows["Cost per travel leg"]
    legs = rows["Travel legs a year (long-haul: 6, medium- or short-haul: 4)"]
    assert sheet[f"E{legs}"].value == "=TravelLegsPerYear" and sheet[f"H{legs}"].value == f"=SUM(B{legs}:G{legs})"
    assert stored[f"H{legs}"].value == 60
    assert sheet[f"E{per_leg}"].value == f"='Budget'!E7/E{legs}"
    assert [stored[f"{col}{per_leg}"].value for col in YEAR_COLUMNS] == [
        value for value in (travel_cost_per_leg(budget, budget.parameters.travel[0]) or {}).values()
    ]
    # the period's average: total travel ÷ total legs
    assert sheet[f"H{per_leg}"].value == f"='Budget'!H7/H{legs}"
    assert stored[f"H{per_leg}"].value == pytest.approx(146000 / 60)

    change = rows["Change from the year before"]
    communication = change + 3
    assert sheet[f"A{communication}"].value == "Communication"
    assert sheet[f"B{communication}"].value is None  # no year before the first
    assert sheet[f"F{communication}"].value == "=IF('Budget'!E6=0,\"\",'Budget'!F6/'Budget'!E6-1)"
    assert stored[f"F{communication}"].value == 1  # +100%: 10,000 → 20,000 in 2025
    assert sheet[f"F{communication}"].number_format == "+0.0%;-0.0%;0.0%"


def test_parameters_are_named_cells_the_analysis_refers_to(workbooks: dict[str, Path]) -> None:
    book, stored = formulas(workbooks["en"]), values(workbooks["en"])
    sheet = book["Analysis"]
    rows = {sheet[f"A{row}"].value: row for row in range(1, sheet.max_row + 1) if sheet[f"A{row}"].value}
    assert "Parameters (the plan's assumptions)" in rows
    expected = {
        "SocialSecurityRate": ("Social security: rate", 0.2),
        "SocialSecurityTolerance": ("Social security: rounding tolerance", 1),
        "TravelLegsPerYear": ("Travel legs a year", 10),
        "TravelCostPerLegTolerance": ("Cost per leg: largest difference from the period's average", 0.2),
        "VarianceThreshold": ("Change from the year before that needs a budget note", 0.25),
    }
    assert set(book.defined_names) == set(expected)
    for name, (label, value) in expected.items():
        ((title, cell),) = list(book.defined_names[name].destinations)
        assert title == "Analysis" and cell == f"$B${rows[label]}", name
        assert stored["Analysis"][cell.replace("$", "")].value == value, name
    # no rate, leg count or threshold typed into a formula
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                assert not re.search(r"\*20\b|/100\b|\b10\b", str(cell.value)), (cell.coordinate, cell.value)


def test_what_validate_reports_is_marked_in_the_analysis(workbooks: dict[str, Path]) -> None:
    for key, marked, variance, social in [
        (
            "en",
            "Figures marked above",
            "2025: Communication 20,000 after 10,000 in 2024 (+10,000, +100.0%); no budget note explains the change.",
            "2023: Social security 69,176 is 18.9% of Salaries 365,881; at the plan's rate of 20% it would be 73,176.",
        ),
        (
            "zh",
            "上文标出的数字",
            "2025 年：宣传由 2024 年的 10,000 变为 20,000(+10,000, +100.0%)；没有预算说明解释这一变化。",
            "2023 年：社保 69,176 为薪金 365,881 的 18.9%；按计划费率 20% 应为 73,176。",
        ),
    ]:
        sheet = formulas(workbooks[key]).worksheets[1]
        column = [sheet[f"A{row}"].value for row in range(1, sheet.max_row + 1)]
        start = column.index(marked)
        assert column[start + 1 : start + 3] == [social, variance], key
        # the unexplained change is flagged where it is shown; nothing else in that table is
        flagged = [
            cell.coordinate
            for row in sheet.iter_rows()
            for cell in row
            if cell.fill is not None and cell.fill.fgColor.rgb in ("FFFCE4D6", "00FCE4D6")
        ]
        communication = (
            column.index(
                "Communication" if key == "en" else "宣传",
                column.index("Change from the year before" if key == "en" else "与上一年相比的变化"),
            )
            + 1
        )
        assert flagged == [f"F{communication}"], key
        # social security off the rate and a cost per leg outside its bounds: conditional formats on parameters
        rules = [
            (str(ranges.sqref), rule.formula[0]) for ranges in sheet.conditional_formatting for rule in ranges.rules
        ]
        difference = (
            column.index("Social security: difference from the plan's rate" if key == "en" else "社保与计划费率之差")
            + 1
        )
        per_leg = column.index("Cost per travel leg" if key == "en" else "每段航程费用") + 1
        assert (f"B{difference}:G{difference}", f"ABS(B{difference})>SocialSecurityTolerance") in rules
        assert (
            f"B{per_leg}:G{per_leg}",
            f"OR(ABS(B{per_leg}-$H${per_leg})>$H${per_leg}*TravelCostPerLegTolerance)",
        ) in rules


def test_every_total_is_a_formula_to_the_budget_sheet(shipped_plan: Path, tmp_path: Path) -> None:
    """A stale stated total (validate's error) never reaches the workbook: the work plan's budget figure is the
    Budget sheet's total, as a formula, and so is every total elsewhere."""
    edit(shipped_plan / "budget.yaml", "2023: 365881", "2023: 369881")  # a salary edited, the totals left stale
    book = formulas(export(shipped_plan, tmp_path / "draft.xlsx", draft=True))
    stored = values(tmp_path / "draft.xlsx")
    assert stored["Budget"]["H9"].value == 2944552
    column = [book["Work plan"][f"B{row}"].value for row in range(1, book["Work plan"].max_row + 1)]
    figure = column.index("Budget") + 2
    assert book["Work plan"][f"B{figure}"].value == "='Budget'!H9"
    assert stored["Work plan"][f"B{figure}"].value == 2944552
    assert (
        book["Work plan"][f"B{figure}"].number_format == '"CHF\u00a0"#,##0;-"CHF\u00a0"#,##0'
    )  # the currency where CLDR puts it
    analysis = book["Analysis"]
    total = next(row for row in range(1, 12) if analysis[f"A{row}"].value == "Total")
    assert [analysis[f"{col}{total}"].value for col in "BH"] == ["='Budget'!B9", "='Budget'!H9"]
    numbers = [
        (sheet.title, cell.coordinate)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "n" and cell.value is not None and sheet.title != "Budget" and cell.value not in YEARS
    ]
    # outside the Budget sheet, the only typed numbers are the year headings and the parameters
    assert all(sheet == "Analysis" and coordinate.startswith("B") for sheet, coordinate in numbers), numbers
    assert len(numbers) == 5


def test_the_chart_names_its_currency_and_its_years_are_numbers_everywhere(workbooks: dict[str, Path]) -> None:
    for key, axis in (("en", "Amounts in CHF"), ("zh", "金额单位：CHF")):
        with zipfile.ZipFile(workbooks[key]) as archive:
            chart = archive.read("xl/charts/chart1.xml").decode()
        assert f"<a:t>{axis}</a:t>" in chart
        categories = chart.split("<c:cat>")[1].split("</c:cat>")[0]
        assert categories.startswith("<c:numRef>") and "<c:v>2021</c:v>" in categories
        book = formulas(workbooks[key])
        for sheet in book.worksheets[:2]:  # the years are numbers on every sheet, shown as the language writes them
            header = [cell for cell in sheet[3] if isinstance(cell.value, int)]
            assert [cell.value for cell in header] == YEARS, sheet.title
            assert {cell.number_format for cell in header} == {"0" if key == "en" else '0" 年"'}


def test_chart_is_a_native_stacked_column_chart_of_lines_by_year(workbooks: dict[str, Path]) -> None:
    with zipfile.ZipFile(workbooks["en"]) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        assert len(charts) == 1
        chart = archive.read(charts[0]).decode()
        drawing_rels = archive.read("xl/worksheets/_rels/sheet2.xml.rels").decode()
    assert "<c:barChart>" in chart and '<c:barDir val="col"/>' in chart
    assert '<c:grouping val="stacked"/>' in chart
    assert chart.count("<c:ser>") == 5
    assert "<c:f>Budget!$B$4:$G$4</c:f>" in chart and "<c:f>Budget!$B$3:$G$3</c:f>" in chart
    assert "<c:v>341405</c:v>" in chart  # the series carry their values for readers that do not recalculate
    assert "drawing" in drawing_rels  # on the analysis sheet


# --------------------------------------------------------------------------------------------- text


def test_texts_that_look_like_formulas_stay_text(workbooks: dict[str, Path]) -> None:
    book, stored = formulas(workbooks["planted"]), values(workbooks["planted"])
    for text, (sheet, cell) in PLANTED.items():
        expected = f"1. {text}" if cell == "A13" else text
        assert book[sheet][cell].value == expected and book[sheet][cell].data_type == "s", (text, cell)
        assert stored[sheet][cell].value == expected
    with zipfile.ZipFile(workbooks["planted"]) as archive:
        sheets = "".join(archive.read(name).decode() for name in archive.namelist() if "worksheets/sheet" in name)
    assert "1+41" not in sheets and "<f>-SUM" not in sheets and "<f>A1" not in sheets


def test_the_chinese_workbook_is_wholly_chinese(workbooks: dict[str, Path]) -> None:
    book = formulas(workbooks["zh"])
    assert book.sheetnames == ["预算", "分析", "工作计划"]
    budget = book["预算"]
    assert [budget[f"{col}3"].value for col in "ABH"] == ["支出", 2021, "合计"]
    assert budget["B3"].number_format == '0" 年"'  # shown as 2021 年
    assert budget["I3"].value == "说明"
    assert budget["A4"].value == "薪金" and budget["A9"].value == "合计"
    # a CJK text is written with its line breaks (where the Chinese rule allows them), without a character lost
    assert budget["I4"].value.replace("\n", "") == "股长和执行支助专家全职工作，执行支助助理半职工作。"
    assert (
        book["工作计划"]["B1"].value.replace("\n", "")
        == "《集束弹药公约》执行支助股经修订的 2021-2026 年工作计划和预算"
    )
    assert book["分析"]["B4"].value == "=SUM('预算'!B4,'预算'!B5)"
    # No English word but the currency code and those of the plan's own Chinese text (COVID-19); the stray
    # "and" of the seed is corrected (the plan records the correction).
    plan_zh = [
        text
        for path in DATA.glob("*.yaml")
        for text in re.findall(r"^\s*(?:- )?zh: (.*)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    allowed = {"CHF", *re.findall(r"[A-Za-z]{2,}", "\n".join(plan_zh))} - {"and"}
    assert "COVID" in allowed and "Travel" not in allowed
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "s":
                    words = set(re.findall(r"[A-Za-z]{2,}", str(cell.value)))
                    assert words <= allowed, (sheet.title, cell.coordinate, cell.value)
        assert all(cell.font.name == "DengXian" for row in sheet.iter_rows() for cell in row if cell.value)


def test_the_english_workbook_has_no_chinese(workbooks: dict[str, Path]) -> None:
    book = formulas(workbooks["en-checks"])
    assert book.sheetnames == ["Budget", "Analysis", "Work plan", "Checks"]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert not re.search(r"[\u3000-\u9fff\uff00-\uffef]", str(cell.value)), cell
                    assert cell.font.name == "Calibri", cell  # bold cells too: a cell without a font goes serif


def test_work_plan_sheet_has_the_documents_parts(workbooks: dict[str, Path]) -> None:
    plan = load_plan(DATA)
    sheet = formulas(workbooks["en"])["Work plan"]
    column = [sheet[f"B{row}"].value for row in range(1, sheet.max_row + 1)]
    refs = [sheet[f"A{row}"].value for row in range(1, sheet.max_row + 1)]
    for heading in ("Summary", "Mandate", "Priorities", "Expected results", "Budget notes", "Assumptions"):
        assert heading in column
    areas = plan.workplan.priorities.areas
    assert len(areas) == 10
    for area in areas:
        title = column.index(area.title["en"])
        assert refs[title] == f"{area.number}."
        for number, activity in enumerate(area.activities, start=1):
            row = column.index(activity.text["en"], title)  # areas 3 and 4 share some wordings
            assert refs[row] == f"{area.number}.{number}"
    for entry in [*plan.workplan.expected_results, *plan.workplan.assumptions, *plan.workplan.mandate.items]:
        assert entry.text["en"] in column
    for note in plan.budget.notes:
        assert note.text["en"] in column


def test_the_circulated_workbook_has_no_checks_sheet(workbooks: dict[str, Path]) -> None:
    assert formulas(workbooks["en"]).sheetnames == ["Budget", "Analysis", "Work plan"]
    assert formulas(workbooks["zh"]).sheetnames == ["预算", "分析", "工作计划"]


def test_checks_sheet_is_in_the_workbooks_language(workbooks: dict[str, Path]) -> None:
    book = formulas(workbooks["zh-checks"])
    assert book.sheetnames == ["预算", "分析", "工作计划", "检查"]
    sheet = book["检查"]
    assert sheet["A1"].value.startswith("生成本工作簿时的检查结果")
    assert [sheet[f"{col}3"].value for col in "ABCDE"] == ["规则", "严重程度", "位置", "说明", "修正方法或理由"]
    assert [sheet[f"{col}4"].value for col in "AB"] == ["rates", "警告"]
    assert sheet["D4"].value.replace("\n", "") == (
        "2023 年：社保 69,176 为薪金 365,881 的 18.9%；计划的费率为 20%（73,176，相差 -4,000）"
    )
    # every finding's message and hint as `validate --lang zh` words them (the rules' catalogued messages)
    run = run_cli("validate", DATA, "--lang", "zh")
    said = re.findall(r"^\S+: 警告 \[([a-z-]+)\] (.*)\n    修正：(.*)$", run.stdout, re.MULTILINE)
    assert len(said) == 2, run.stdout
    rows = [tuple(sheet[f"{col}{row}"].value.replace("\n", "") for col in "ADE") for row in range(4, sheet.max_row + 1)]
    assert rows == said
    for _, message, hint in rows:
        # in Chinese throughout: the only Latin words are the rules' ids, the plan's ids and its YAML keys
        assert re.search(r"[\u4e00-\u9fff]", message) and re.search(r"[\u4e00-\u9fff]", hint), (message, hint)
        latin = set(re.findall(r"[A-Za-z]{2,}", message + hint))
        assert latin <= {
            "rates",
            "social",
            "security",
            "explained",
            "variance",
            "explains",
            "line",
            "communication",
            "years",
        }, latin


def test_checks_sheet_lists_the_findings(workbooks: dict[str, Path], minimal_plan: Path, tmp_path: Path) -> None:
    sheet = formulas(workbooks["en-checks"])["Checks"]
    assert [sheet[f"{col}3"].value for col in "ABCDE"] == ["Rule", "Severity", "Location", "Message", "Fix or reason"]
    assert [sheet[f"{col}4"].value for col in "ABC"] == ["rates", "warning", "budget.yaml:28:47"]
    assert sheet["D4"].value.startswith("2023: Social security 69,176 is 18.9% of Salaries 365,881")
    assert sheet["A5"].value == "explained-variance" and sheet["A6"].value is None

    clean = formulas(export(minimal_plan, tmp_path / "clean.xlsx", checks=True))["Checks"]
    assert clean["A3"].value == "No findings: the plan passed every check."


def test_a_french_workbook_takes_its_words_from_the_french_catalog(minimal_plan: Path, tmp_path: Path) -> None:
    book = formulas(export(minimal_plan, tmp_path / "fr.xlsx", "fr"))
    assert book.sheetnames == ["Budget", "Analyse", "Plan de travail"]
    budget = book["Budget"]
    assert budget["A1"].value == "Budget de l'UAI 2024–2026"
    assert (budget["A3"].value, budget["A4"].value, budget["E3"].value) == ("Dépenses", "Salaires", "Total")
    assert budget["B4"].number_format == "[$-40C]#,##0;-#,##0" and budget["A2"].value == "Montants en EUR"
    assert values(tmp_path / "fr.xlsx")["Budget"]["E7"].value == 396800
    assert budget.oddFooter.right.text == "Page &P sur &N"


def test_a_language_without_a_catalog_gets_english_words_and_the_plans_text(minimal_plan: Path, tmp_path: Path) -> None:
    for path in minimal_plan.glob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace("[en, fr]", "[en, de]")
        path.write_text(re.sub(r"\bfr:", "de:", text), encoding="utf-8")
    book = formulas(export(minimal_plan, tmp_path / "de.xlsx", "de"))
    assert book.sheetnames == ["Budget", "Analysis", "Work plan"]
    budget = book["Budget"]
    assert (budget["A3"].value, budget["A4"].value) == ("Expenditure", "Salaires")  # the plan's own (de) text


def test_a_plan_without_parameters_or_work_plan_exports_what_it_has(minimal_plan: Path, tmp_path: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    budget.write_text(budget.read_text(encoding="utf-8").split("parameters:")[0], encoding="utf-8")
    (minimal_plan / "workplan.yaml").unlink()
    book = formulas(export(minimal_plan, tmp_path / "small.xlsx"))
    assert book.sheetnames == ["Budget", "Analysis"]
    labels = [cell.value for cell in book["Analysis"]["A"] if cell.value]
    assert "Staff costs" in labels and "Change from the year before" in labels
    assert not any("÷" in label or "leg" in label for label in labels)  # no rate, no travel assumption


# ------------------------------------------------------------------------------------ properties


def test_document_properties_name_the_plan_the_tool_and_the_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    plan = copy_plan(DATA, tmp_path / "repo" / "data")
    book = formulas(export(plan, tmp_path / "outside.xlsx"))
    assert book.properties.title == "ISU budget 2021–2026"
    props = {prop.name: prop.value for prop in book.custom_doc_props.props}
    assert props == {"ccm-plan version": __version__, "Plan language": "en"}  # not in git: no commit

    git = ["git", "-C", str(tmp_path / "repo"), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "plan"], check=True)
    head = subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()
    assert plan_commit(plan) == head
    props = {p.name: p.value for p in formulas(export(plan, tmp_path / "clean.xlsx")).custom_doc_props.props}
    assert props["Plan commit"] == head

    edit(plan / "budget.yaml", "title:", "title:  # edited")
    props = {p.name: p.value for p in formulas(export(plan, tmp_path / "dirty.xlsx")).custom_doc_props.props}
    assert props["Plan commit"] == f"{head} (modified)"


# ------------------------------------------------------------------------------------------ writing


def test_a_failed_write_leaves_no_file_and_an_existing_one_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xlsxwriter
    from xlsxwriter.exceptions import FileCreateError

    def fail(self: Any) -> None:
        raise FileCreateError(OSError(28, "No space left on device"))

    monkeypatch.setattr(xlsxwriter.Workbook, "close", fail)
    existing = tmp_path / "budget.xlsx"
    existing.write_bytes(b"the workbook of yesterday")
    with pytest.raises(OutputError, match=r"budget\.xlsx: cannot write: .*No space left on device"):
        export_xlsx(DATA, existing)
    assert existing.read_bytes() == b"the workbook of yesterday"
    with pytest.raises(OutputError):
        export_xlsx(DATA, tmp_path / "new.xlsx")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["budget.xlsx"]


def test_cli_writes_the_default_name_and_says_what_it_wrote(tmp_path: Path) -> None:
    run = run_cli("export", "xlsx", DATA, cwd=tmp_path)
    assert run.code == 0, run.stderr
    assert run.stdout == (
        "wrote isu-budget-2021-2026.xlsx\n"
        "3 sheets (Budget, Analysis, Work plan) in en; total CHF\u00a02,940,552; "
        "2 problems (0 errors, 2 warnings): `ccm-plan validate` lists them, --checks adds them as a sheet\n"
    )
    assert run.stderr == ""
    run = run_cli("export", "xlsx", DATA, "--lang", "zh", "-o", tmp_path, cwd=tmp_path)
    assert run.code == 0 and run.stdout.startswith(f"已写入 {tmp_path / 'isu-budget-2021-2026-zh.xlsx'}\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "isu-budget-2021-2026-zh.xlsx",
        "isu-budget-2021-2026.xlsx",
    ]


def test_cli_refuses_a_plan_with_schema_errors(shipped_plan: Path, tmp_path: Path) -> None:
    edit(shipped_plan / "budget.yaml", "cost_type: staff", "cost_type: staf")
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    run = run_cli("export", "xlsx", shipped_plan, "-o", target)
    assert run.code == 1
    assert "error [schema]" in run.stderr and run.stderr.endswith("no workbook written: fix the problems above first\n")
    assert run.stdout == "" and target.read_bytes() == b"old"


def test_cli_refuses_a_plan_with_rule_errors_unless_draft(shipped_plan: Path, tmp_path: Path) -> None:
    edit(shipped_plan / "budget.yaml", "plan: 2940552", "plan: 2940553")
    target = tmp_path / "out.xlsx"
    run = run_cli("export", "xlsx", shipped_plan, "-o", target)
    assert run.code == 1 and run.stdout == "" and not target.exists()
    assert "error [stated-totals]" in run.stderr
    assert run.stderr.endswith("no workbook written: the plan has errors; fix them, or write a draft with --draft\n")

    run = run_cli("export", "xlsx", shipped_plan, "-o", target, "--draft", "--checks")
    assert run.code == 1 and run.stdout.startswith(f"wrote {target}\na DRAFT: 4 sheets")
    assert "(1 error, 2 warnings) on the Checks sheet" in run.stdout
    book = formulas(target)
    assert "stated-totals" in [cell.value for cell in book["Checks"]["A"]]
    for sheet in book.worksheets:
        assert sheet.oddHeader.center.text == "DRAFT", sheet.title
    titles = [book["Budget"]["A1"].value, book["Analysis"]["A1"].value, book["Work plan"]["B1"].value]
    assert titles[:2] == ["DRAFT: ISU budget 2021–2026"] * 2 and titles[2].startswith("DRAFT: Revised 2021–2026")
    assert book["Checks"]["A1"].value.startswith("DRAFT: Validation findings")

    zh = formulas(export_xlsx(shipped_plan, tmp_path / "zh.xlsx", "zh", draft=True).output or Path())
    assert zh["预算"]["A1"].value == "【草稿】执行支助股 2021-2026 年预算"
    assert all(sheet.oddHeader.center.text == "草稿" for sheet in zh.worksheets)


def test_a_clean_plan_is_no_draft(workbooks: dict[str, Path]) -> None:
    for sheet in formulas(workbooks["en"]).worksheets:
        assert not sheet.oddHeader.center.text and "DRAFT" not in str(sheet["A1"].value), sheet.title


def cell_texts(path: Path) -> list[str]:
    """Every cell's value as text, without the line breaks written into CJK texts."""
    book = formulas(path)
    return [str(cell.value).replace("\n", "") for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_the_plans_corrections_are_applied_unless_as_printed(workbooks: dict[str, Path]) -> None:
    corrected, printed = "\n".join(cell_texts(workbooks["zh"])), "\n".join(cell_texts(workbooks["zh-as-printed"]))
    for seed, reading in [
        ("组织 and 文件事宜", "组织和文件事宜"),
        ("执行工作组", "执行支助股"),
        ("外：还涉及：", "外，还涉及："),
    ]:
        assert seed not in corrected and reading in corrected, seed
        assert seed in printed, seed
    assert (
        "执行支助股的工作除了《公约》第二次审议会议和其他正式会议的决定所确立的缔约国的优先事项外，还涉及："
        in corrected
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "fr"], "ccm-plan: --lang fr: the plan has no text in 'fr'; its languages are zh, en\n"),
        (["-o", "budget.xls"], "ccm-plan: budget.xls: the output must be an .xlsx file"),
        (["-o", "missing/budget.xlsx"], "ccm-plan: missing/budget.xlsx: cannot write: the folder missing does not"),
    ],
)
def test_cli_usage_errors_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    run = run_cli("export", "xlsx", DATA, *args, cwd=tmp_path)
    assert run.code == 2 and run.stderr.startswith(message) and run.stdout == ""
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------------------------------- golden


def dump(path: Path) -> str:
    """Every cell (type, value or formula, the stored value, number format), and each sheet's set-up."""
    book, stored = formulas(path), values(path)
    props = {prop.name: prop.value for prop in book.custom_doc_props.props if prop.name != "Plan commit"}
    out = [f"title: {book.properties.title}", f"subject: {book.properties.subject}", f"custom: {props}"]
    for sheet in book.worksheets:
        setup = sheet.page_setup
        out.append(
            f"\n[{sheet.title}] freeze={sheet.freeze_panes} paper={setup.paperSize} "
            f"orientation={setup.orientation} fit={_fit(setup.fitToWidth)}x{_fit(setup.fitToHeight)} "
            f"fit_to_page={bool(sheet.sheet_properties.pageSetUpPr and sheet.sheet_properties.pageSetUpPr.fitToPage)} "
            f"scale={setup.scale} breaks={[brk.id for brk in sheet.row_breaks.brk]}"
        )
        heights = {row: dim.height for row, dim in sorted(sheet.row_dimensions.items()) if dim.height}
        out.append(f"heights: {heights}")
        widths = {key: round(dim.width, 1) for key, dim in sorted(sheet.column_dimensions.items()) if dim.width}
        out.append(f"columns: {widths}")
        if sheet.merged_cells.ranges:
            out.append(f"merged: {', '.join(sorted(str(cells) for cells in sheet.merged_cells.ranges))}")
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                number_format = "" if cell.number_format == "General" else f"  | {cell.number_format}"
                if cell.data_type == "f":
                    value = stored[sheet.title][cell.coordinate].value
                    shown = f"{value:.12g}" if isinstance(value, float) else repr(value)
                    out.append(f"{cell.coordinate} f {cell.value} -> {shown}{number_format}")
                else:
                    out.append(f"{cell.coordinate} {cell.data_type} {cell.value!r}{number_format}")
    return "\n".join(out) + "\n"


def _fit(pages: int | None) -> int:
    return 1 if pages is None else pages  # absent in the file means 1; 0 means as many as needed


@pytest.mark.parametrize("language", ["en", "zh"])
def test_golden_dump(workbooks: dict[str, Path], language: str) -> None:
    golden = GOLDEN / f"export-{language}.txt"
    text = dump(workbooks[language])
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"regenerate with UPDATE_GOLDEN=1 and review: {golden}"


# -------------------------------------------------------------------------------------- LibreOffice


def stale_copy(source: Path, target: Path) -> Path:
    """The workbook with every stored formula value set to 0: only a real recalculation can restore them."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb"(<f>[^<]*</f>)<v>[^<]*</v>", rb"\1<v>0</v>", data)
            new.writestr(item, data)
    return target


@pytest.fixture(scope="module")
def recalculated(workbooks: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The workbooks as LibreOffice recalculates and saves them: one soffice run for all of them."""
    folder = tmp_path_factory.mktemp("libreoffice")
    sources = {**workbooks, "stale": stale_copy(workbooks["en"], folder / "stale.xlsx")}
    assert values(sources["stale"])["Budget"]["H9"].value == 0
    return dict(zip(sources, convert(list(sources.values()), "xlsx", folder), strict=True))


def formula_cells(path: Path) -> Iterator[tuple[str, str]]:
    for sheet in formulas(path).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    yield sheet.title, cell.coordinate


def test_libreoffice_totals_equal_ccm_plans(recalculated: dict[str, Path]) -> None:
    totals = compute_totals(load_plan(DATA).budget)
    for language, sheet_name in (("en", "Budget"), ("zh", "预算"), ("stale", "Budget")):
        sheet = values(recalculated[language])[sheet_name]
        for offset, line_id in enumerate(totals.line_ids):
            assert sheet[f"H{FIRST_LINE_ROW + offset}"].value == totals.line_totals[line_id]
        assert [sheet[f"{col}9"].value for col in YEAR_COLUMNS] == [totals.year_totals[y] for y in YEARS]
        assert sheet["H9"].value == totals.plan_total


def test_libreoffice_agrees_with_every_stored_value(workbooks: dict[str, Path], recalculated: dict[str, Path]) -> None:
    for language in ("en", "zh"):
        ours, theirs = values(workbooks[language]), values(recalculated[language])
        cells = list(formula_cells(workbooks[language]))
        assert len(cells) > 60
        for sheet, cell in cells:
            expected, got = ours[sheet][cell].value, theirs[sheet][cell].value
            assert got == pytest.approx(expected, rel=1e-12), (language, sheet, cell)


def test_libreoffice_recalculated_rather_than_trusting_stored_values(
    workbooks: dict[str, Path], recalculated: dict[str, Path]
) -> None:
    stale, ours = values(recalculated["stale"]), values(workbooks["en"])
    sheet, cell = "Budget", "H9"
    assert ours[sheet][cell].value == 2940552
    for sheet, cell in formula_cells(workbooks["en"]):
        assert stale[sheet][cell].value == pytest.approx(ours[sheet][cell].value, rel=1e-12), (sheet, cell)


def test_libreoffice_keeps_formula_like_texts_as_text(recalculated: dict[str, Path]) -> None:
    book = formulas(recalculated["planted"])
    for text, (sheet, cell) in PLANTED.items():
        expected = f"1. {text}" if cell == "A13" else text
        assert (book[sheet][cell].value, book[sheet][cell].data_type) == (expected, "s"), (text, cell)


def test_the_seed_table_parser_reads_six_rows() -> None:
    assert list(seed_table()) == ["薪金", "社保", "宣传", "差旅", "其他执行支助费用", "合计"]


def test_budget_sheet_prints_on_a4_landscape_at_90_percent_or_more(workbooks: dict[str, Path]) -> None:
    for key in ("en", "zh"):
        sheet: Worksheet = formulas(workbooks[key]).worksheets[0]
        assert (sheet.page_setup.paperSize, sheet.page_setup.orientation) == (9, "landscape")  # A4
        assert not (sheet.sheet_properties.pageSetUpPr and sheet.sheet_properties.pageSetUpPr.fitToPage)
        assert 90 <= int(sheet.page_setup.scale) <= 100  # a fixed scale: the layout's, not a shrink to fit
        assert sheet.freeze_panes == "B4"  # header row and the line names stay in view
        assert sheet.print_title_rows == "$3:$3"  # the header row repeats on every printed page
        assert max(dim.height or 0 for dim in sheet.row_dimensions.values()) <= 409


def test_export_shows_progress_on_a_terminal_only(tmp_path: Path) -> None:
    """On a terminal, a spinner says what export is doing; piped, standard error stays empty."""
    import pty
    import sys

    from conftest import CLI_ENV, ROOT

    leader, follower = pty.openpty()
    env = {**CLI_ENV, "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "ccm_plan", "export", "xlsx", "data", "-o", str(tmp_path / "t.xlsx")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=follower,
    )
    process.communicate(timeout=120)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert process.returncode == 0
    assert b"writing the workbook" in seen
    piped = run_cli("export", "xlsx", "data", "-o", tmp_path / "p.xlsx")
    assert piped.code == 0 and piped.stderr == ""


# ------------------------------------------------------------------------------------ conventions


def test_the_work_plans_header_is_written_as_the_document_writes_it(workbooks: dict[str, Path]) -> None:
    for key, agenda, date, caption in [
        (
            "en",
            "Item 8(i) of the provisional agenda",
            "30 August 2021",
            "Convention on Cluster Munitions Implementation Support Unit · Amounts in CHF",
        ),
        ("zh", "临时议程项目 8(i)", "2021年8月30日", "《集束弹药公约》执行支助股 · 金额单位：CHF"),
    ]:
        book = formulas(workbooks[key])
        header = [book.worksheets[2][f"B{row}"].value for row in range(1, 8)]
        assert header[3] == agenda and header[6] == date, header
        assert "2021-08-30" not in header
        assert book.worksheets[0]["A2"].value == caption  # the unit spelled out under "ISU budget 2021–2026"
        assert book.worksheets[1]["A2"].value == caption


def test_arabic_sheets_read_right_to_left(minimal_plan: Path, tmp_path: Path) -> None:
    for path in minimal_plan.glob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace("[en, fr]", "[en, ar]")
        path.write_text(re.sub(r"\bfr:", "ar:", text), encoding="utf-8")
    book = formulas(export(minimal_plan, tmp_path / "ar.xlsx", "ar"))
    assert all(sheet.sheet_view.rightToLeft for sheet in book.worksheets)
    texts = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.data_type == "s"]
    assert texts and all(cell.alignment.readingOrder == 2 for cell in texts)  # texts start at the right
    assert all(cell.alignment.horizontal != "left" for cell in texts)
    english = formulas(export(minimal_plan, tmp_path / "en.xlsx", "en"))
    assert not any(sheet.sheet_view.rightToLeft for sheet in english.worksheets)


def test_pandas_readers_see_a_number_in_every_year_cell(workbooks: dict[str, Path]) -> None:
    """python-calamine reads the sheet as pandas does: each year's column holds the year, then numbers only (the
    in-kind row's words are in the label column, not across the amounts)."""
    from python_calamine import CalamineWorkbook

    for key in ("en", "zh"):
        rows = CalamineWorkbook.from_path(str(workbooks[key])).get_sheet_by_index(0).to_python()
        assert [int(value) for value in rows[2][1:7]] == YEARS
        for col in range(1, 8):
            below = [row[col] for row in rows[3:] if len(row) > col and row[col] != ""]
            assert below and all(isinstance(value, int | float) for value in below), (key, col, below)
        in_kind = [row[0] for row in rows if str(row[0]).startswith(("Administrative costs", "行政费用"))]
        assert in_kind == [
            "Administrative costs: In-kind contribution of the Geneva International Centre for Humanitarian "
            "Demining (GICHD)"
            if key == "en"
            else "行政费用：日内瓦国际人道主义排雷中心实物捐助"
        ]


# ------------------------------------------------------------------------------------------- speed


def test_formulas_are_pre_normalised_so_xlsxwriter_need_not_rewrite_them(workbooks: dict[str, Path]) -> None:
    """The export skips XlsxWriter's per-formula rewriting (`_worksheet_class`): right only while every formula
    and conditional format calls `FORMULA_FUNCTIONS` alone, which the rewriting leaves as they are."""
    from xlsxwriter.worksheet import Worksheet, re_dynamic_function

    from ccm_plan.exports.xlsx import FORMULA_FUNCTIONS, _worksheet_class

    stock, ours = Worksheet(), _worksheet_class()()
    stock.use_future_functions = True  # the most the stock rewriting does
    seen: set[str] = set()
    for key in ("en", "zh", "planted"):
        book = formulas(workbooks[key])
        texts = [
            str(cell.value)
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.data_type == "f"
        ]
        texts += [
            "=" + rule.formula[0]
            for sheet in book.worksheets
            for ranges in sheet.conditional_formatting
            for rule in ranges.rules
        ]
        assert len(texts) > 60
        for text in texts:
            seen |= set(re.findall(r"([A-Z][A-Z0-9.]*)\(", text))
            assert ours._prepare_formula(text) == stock._prepare_formula(text, True) == text[1:], text
            assert re_dynamic_function.search(text) is None, text  # what `_write_formula` no longer searches for
    assert seen == FORMULA_FUNCTIONS, seen
    stock.use_future_functions = False
    for number, text in enumerate(["=SUM(A1:B2)", '=IF(C3=0,"",D3/C3-1)', "=ROUND(Budget!$C$4*0.2,0)"]):
        assert ours._write_formula(number, 1, text, None, 5) == stock._write_formula(number, 1, text, None, 5) == 0
        assert ours.table[number][1] == stock.table[number][1]
    assert ours._write_formula(0, 20000, "=SUM(A1)") == stock._write_formula(0, 20000, "=SUM(A1)") == -1


def test_a_plan_of_cents_is_analysed_at_its_precision(tmp_path: Path) -> None:
    """The figure at the plan's rate is rounded at the plan's precision, as validate compares it: rounded to whole
    units, a plan of cents showed every year off its rate against a tolerance of 0.01 (a new user's trial)."""
    cents = Path(__file__).resolve().parent / "fixtures" / "cents"
    path = export(cents, tmp_path / "cents.xlsx")
    sheet, stored = formulas(path)["Analysis"], values(path)["Analysis"]
    rows = {sheet[f"A{row}"].value: row for row in range(1, sheet.max_row + 1) if sheet[f"A{row}"].value}
    at_rate = next(row for label, row in rows.items() if "at the plan's rate" in str(label))
    difference = next(row for label, row in rows.items() if "difference from the plan's rate" in str(label))
    assert sheet[f"C{at_rate}"].value == "=ROUND('Budget'!C4*SocialChargesRate,2)"
    assert [stored[f"{col}{at_rate}"].value for col in "BCD"] == [125000, 130000.06, 135200.07]
    assert [stored[f"{col}{difference}"].value for col in "BCD"] == [0, 0, 0]
    assert sheet["B4"].number_format.startswith("#,##0.00")  # amounts at the plan's precision, whole ones too
