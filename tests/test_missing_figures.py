"""A draft whose line has no figure for a year (a `period-years` error): every output shows the figure as missing
(— in tables, null in JSON, an empty CSV cell), never as 0, and says which totals leave it out (a new user's
trial: `totals` and `export md --draft` showed the missing year as 0 and summed it silently)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from conftest import edit, run_cli

TRAVEL = "amounts: {2024: 12000, 2025: 12000, 2026: 14000}"


@pytest.fixture
def gap_plan(minimal_plan: Path) -> Path:
    """The minimal plan (EUR, 2024–2026) with its travel line lacking 2025."""
    edit(minimal_plan / "budget.yaml", TRAVEL, "amounts: {2024: 12000, 2026: 14000}")
    return minimal_plan


def row(text: str, name: str) -> list[str]:
    """The cells of the table row named `name` (the name, then two spaces or more)."""
    (line,) = [line for line in text.splitlines() if re.match(re.escape(name) + r"\s{2,}", line)]
    return line[len(name) :].split()


def test_validate_reports_the_missing_year(gap_plan: Path) -> None:
    run = run_cli("validate", gap_plan)
    assert run.code == 1 and "[period-years] no figure for 2025" in run.stdout


def test_totals_shows_a_missing_figure_as_missing_and_marks_the_totals(gap_plan: Path) -> None:
    run = run_cli("totals", gap_plan)
    out = run.stdout
    assert row(out, "Travel") == ["12,000", "—", "14,000", "26,000†", "6.8%"]
    assert row(out, "Staff costs")[:4] == ["115,000", "119,600", "124,200", "358,800"]  # complete: no mark
    assert row(out, "Non-staff costs") == ["12,000", "0†", "14,000", "26,000†", "6.8%"]
    assert row(out, "Total")[:4] == ["127,000", "119,600*†", "138,200", "384,800*†"]
    # a change or a ratio that would need the missing figure is not given
    assert row(out, "Change in total") == ["—", "—", "—"]
    assert row(out, "Travel per leg (8 legs a year)") == ["1,500", "—", "1,750", "—"]
    assert "† 2025: no figure for Travel; the totals marked † add up the other figures only" in out


def test_totals_of_a_year_without_a_figure(gap_plan: Path) -> None:
    out = run_cli("totals", gap_plan, "--year", "2025", "--year", "2026").stdout
    first, second = out.split("\n\n")
    assert row(first, "Travel") == ["—"] * 5
    assert row(first, "Total") == ["119,600*†", "100.0%", "—", "—", "—"]
    assert "Travel per leg" not in first
    assert row(second, "Travel") == ["14,000", "10.1%", "—", "—", "—"]  # no change from a missing figure
    assert row(second, "Staff costs") == ["124,200", "89.9%", "119,600", "+4,600", "+3.8%"]  # staff is complete
    assert "†" not in second


def test_totals_in_chinese(gap_plan: Path) -> None:
    out = run_cli("totals", gap_plan, "--lang", "zh").stdout
    assert "† 2025 年：Travel 没有数字；标有 † 的合计只加总其他数字" in out


def test_json_and_csv_leave_the_figure_out(gap_plan: Path) -> None:
    data = json.loads(run_cli("totals", gap_plan, "--format", "json").stdout)
    (travel,) = [line for line in data["lines"] if line["id"] == "travel"]
    assert travel["amounts"] == {"2024": "12000", "2025": None, "2026": "14000"}
    assert travel["missing_years"] == [2025]
    years = {year["year"]: year for year in data["by_year"]}
    assert years[2025]["missing_lines"] == ["travel"] and years[2024]["missing_lines"] == []
    assert [line["amount"] for line in years[2025]["lines"] if line["id"] == "travel"] == [None]
    assert years[2025]["change"] is None and years[2026]["change"] is None
    rows = list(csv.reader(io.StringIO(run_cli("totals", gap_plan, "--format", "csv").stdout)))
    (line,) = [r for r in rows if r[1] == "travel"]
    assert line[4:] == ["12000", "", "14000", "26000"]


def test_the_draft_document_shows_the_figure_as_missing(gap_plan: Path) -> None:
    run = run_cli("export", "md", gap_plan, "--draft", "--output", "-")
    assert run.code == 1, run.stderr
    assert "| Travel | 12,000 | — | 14,000 | Eight legs a year. |" in run.stdout
    assert "| **Total** | **127,000** | **119,600†** | **138,200** |  |" in run.stdout
    assert "† 2025: no figure for Travel; the totals marked † add up the other figures only" in run.stdout
    assert "**Budget:** EUR 384,800†" in run.stdout


def test_a_complete_plan_has_no_marks(minimal_plan: Path) -> None:
    out = run_cli("totals", minimal_plan).stdout + run_cli("export", "md", minimal_plan, "-o", "-").stdout
    assert "†" not in out and "no figure" not in out


def test_the_draft_workbook_shows_the_figure_as_missing(gap_plan: Path, tmp_path: Path) -> None:
    import openpyxl

    target = tmp_path / "draft.xlsx"
    run = run_cli("export", "xlsx", gap_plan, "--draft", "--output", target)
    assert run.code == 1, run.stderr
    sheet = openpyxl.load_workbook(target).worksheets[0]
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True) if row[0]}
    assert rows["Travel"][1:4] == (12000, "—", 14000)  # text: SUM leaves it out, and no one reads it as 0
    assert "Total †" in rows
    assert "† 2025: no figure for Travel; the totals marked † add up the other figures only" in rows
