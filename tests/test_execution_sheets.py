"""The workbook's Execution and Funding sheets: live formulas whose stored values are ccm-plan's exact figures, and
which LibreOffice, recalculating, agrees with."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from adoption import adopted_plan
from ccm_plan.exports.execution_sheets import add_sheets
from ccm_plan.present.voice import Voice
from ccm_plan.read.loader import load_plan
from conftest import ROOT
from libreoffice import convert

EXAMPLE = ROOT / "examples" / "after-adoption"


def write(plan: Path, path: Path, language: str = "en") -> tuple[str, ...]:
    import xlsxwriter

    loaded = load_plan(plan)
    workbook = xlsxwriter.Workbook(str(path))
    names = add_sheets(workbook, loaded, Voice(language, places=2), 2).names
    workbook.close()
    return names


def cells(path: Path, data_only: bool) -> dict[str, dict[str, object]]:
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=data_only)
    return {
        ws.title: {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None} for ws in book
    }


@pytest.fixture(scope="module")
def example_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sheets") / "example.xlsx"
    assert write(EXAMPLE, path) == ("Execution", "Funding")
    return path


def test_execution_sheet_formulas_and_stored_values(example_book: Path) -> None:
    formulas, values = cells(example_book, False), cells(example_book, True)
    execution = formulas["Execution"]
    assert execution["A4"] == "Line" and execution["A8"] == "Travel"
    assert (execution["B8"], execution["C8"]) == (25000, 9120.6)
    assert execution["D8"] == "=C8-B8" and execution["E8"] == '=IF(B8=0,"",C8/B8)'
    assert execution["B10"] == "=SUM(B5:B9)"
    stored = values["Execution"]
    assert Decimal(str(stored["D8"])) == Decimal("-15879.40")
    assert stored["C10"] == 451642.57 and stored["B10"] == 469686
    funding = formulas["Funding"]
    assert funding["B4"] == "='Execution'!B10" and funding["E4"] == "=B4-C4-D4" and funding["H5"] == "=H4+G5"
    assert values["Funding"]["H5"] == pytest.approx(-232434.97)
    assert values["Funding"]["C5"] == 247540


def test_libreoffice_recalculates_the_same_figures(example_book: Path, tmp_path: Path) -> None:
    (recalculated,) = convert([example_book], "xlsx", tmp_path)
    ours, theirs = cells(example_book, True), cells(recalculated, True)
    for sheet, values in ours.items():
        for ref, value in values.items():
            if isinstance(value, (int, float)):
                assert theirs[sheet][ref] == pytest.approx(value, abs=1e-6), (sheet, ref)


def test_only_the_sheets_the_plan_has_data_for(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    (plan / "contributions.yaml").unlink()
    assert write(plan, tmp_path / "a.xlsx") == ("Execution",)
    (plan / "actuals-2024.yaml").unlink()
    assert write(plan, tmp_path / "b.xlsx") == ()


def test_chinese_sheet_uses_the_plans_names(tmp_path: Path) -> None:
    write(EXAMPLE, tmp_path / "zh.xlsx", "zh")
    sheets = cells(tmp_path / "zh.xlsx", False)
    execution = next(iter(sheets.values()))
    assert "差旅" in execution.values()
