"""`ccm-plan totals`: the seed's printed figures, every line and year, in every format, read back."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, ROOT, column_of, edit, line_of, run_cli

YEARS = list(range(2021, 2027))
NNBSP, NBSP = "\u202f", "\u00a0"  # French groups with a narrow no-break space, and puts a no-break space before %
# The seed's table, as printed (薪金 / 社保 / 宣传 / 差旅 / 其他执行支助费用 / 合计).
TABLE = {
    "salaries": [341405, 355162, 365881, 348103, 364282, 378961],
    "social-security": [68281, 71032, 69176, 69621, 72856, 75792],
    "communication": [20000, 10000, 12000, 10000, 20000, 20000],
    "travel": [25000, 25000, 22000, 27000, 27000, 20000],
    "other-implementation-support": [15000, 25000, 26000, 23000, 13000, 20000],
}
NAMES = {
    "salaries": "Salaries",
    "social-security": "Social security",
    "communication": "Communication",
    "travel": "Travel",
    "other-implementation-support": "Other implementation support costs",
}
LINE_TOTALS = {
    "salaries": 2153794,
    "social-security": 426758,
    "communication": 92000,
    "travel": 146000,
    "other-implementation-support": 122000,
}
YEAR_TOTALS = [469686, 486194, 495057, 477724, 497138, 514753]
PLAN_TOTAL = 2940552
STAFF = [a + b for a, b in zip(TABLE["salaries"], TABLE["social-security"], strict=True)]


def totals_json(*args: str | Path) -> dict[str, Any]:
    run = run_cli("totals", *args, "--format", "json")
    assert run.code == 0, run.stderr
    document: dict[str, Any] = json.loads(run.stdout)
    return document


def row(text: str, label: str) -> list[str]:
    """The cells after `label` on the text-table row that starts with it."""
    for line in text.splitlines():
        if line.startswith(label + " "):
            # cells are separated by runs of ordinary spaces; a figure may hold no-break spaces (fr, ru)
            return [cell for cell in line[len(label) :].split(" ") if cell]
    raise AssertionError(f"no row {label!r} in:\n{text}")


# ------------------------------------------------------------------------------------- the whole table


def test_totals_text_shows_every_seed_figure() -> None:
    run = run_cli("totals")
    assert (run.code, run.stderr) == (0, "")
    header = run.stdout.splitlines()[1].split()
    assert header == [*map(str, YEARS), "Total", "Share"]
    for line_id, amounts in TABLE.items():
        cells = row(run.stdout, NAMES[line_id])
        assert cells[:7] == [f"{a:,}" for a in [*amounts, LINE_TOTALS[line_id]]], line_id
    assert row(run.stdout, "Total")[:7] == [f"{a:,}" for a in [*YEAR_TOTALS, PLAN_TOTAL]]
    assert row(run.stdout, "Staff costs")[:7] == [f"{a:,}" for a in [*STAFF, sum(STAFF)]]
    assert row(run.stdout, "Non-staff costs")[:7] == ["60,000"] * 6 + ["360,000"]
    assert row(run.stdout, "Administrative costs") == ["in", "kind"] * 7
    assert "*" not in run.stdout  # the shipped stated totals all agree with the lines


def test_totals_text_shares_and_ratios() -> None:
    text = run_cli("totals").stdout
    assert row(text, "Salaries")[-1] == "73.2%"
    assert row(text, "Staff costs")[-1] == "87.8%" and row(text, "Non-staff costs")[-1] == "12.2%"
    assert row(text, "Total")[-1] == "100.0%"
    # 2023's social security is 18.9% of salaries, not the 20% of every other year
    assert " ".join(row(text, "Social security, % of Salaries")) == "20.0% 20.0% 18.9% 20.0% 20.0% 20.0% 19.8%"
    # money at the plan's precision: whole units in this plan, the average per leg (2,433.33) too
    assert " ".join(row(text, "Travel per leg (10 legs a year)")) == "2,500 2,500 2,200 2,700 2,700 2,000 2,433"
    assert row(text, "Change in total") == ["—", "+16,508", "+8,863", "-17,333", "+19,414", "+17,615"]


def test_totals_json_carries_every_seed_figure_as_canonical_decimal_strings() -> None:
    document = totals_json()
    assert document["version"] == 3 and document["currency"] == "CHF" and document["language"] == "en"
    assert document["decimals"] == 0
    assert document["period"] == {"start": 2021, "end": 2026} and document["years"] == YEARS
    assert [line["id"] for line in document["lines"]] == list(TABLE)
    for line in document["lines"]:
        assert line["amounts"] == {str(y): str(a) for y, a in zip(YEARS, TABLE[line["id"]], strict=True)}
        assert line["total"] == str(LINE_TOTALS[line["id"]])
    assert [year["total"] for year in document["by_year"]] == list(map(str, YEAR_TOTALS))
    assert [year["stated"] for year in document["by_year"]] == list(map(str, YEAR_TOTALS))
    assert document["plan"] == {
        "total": str(PLAN_TOTAL),
        "stated": str(PLAN_TOTAL),
        "staff": str(sum(STAFF)),
        "staff_share_percent": "87.76",
        "non_staff": "360000",
        "non_staff_share_percent": "12.24",
    }
    assert [year["rates_percent"] for year in document["by_year"]][2] == {"social-security": "18.91"}
    assert [year["cost_per_leg"]["travel"] for year in document["by_year"]] == [
        "2500",
        "2500",
        "2200",
        "2700",
        "2700",
        "2000",
    ]
    assert document["stated_differences"] == []
    assert document["in_kind"][0]["id"] == "administrative-costs"


def test_totals_csv_reads_back_as_the_seed_table() -> None:
    run = run_cli("totals", "--format", "csv")
    assert run.code == 0
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert list(rows[0]) == ["kind", "id", "name", "cost_type", *map(str, YEARS), "total"]
    by_id = {r["id"]: r for r in rows}
    for line_id, amounts in TABLE.items():
        assert [int(by_id[line_id][str(y)]) for y in YEARS] == amounts
        assert int(by_id[line_id]["total"]) == LINE_TOTALS[line_id]
        assert by_id[line_id]["name"] == NAMES[line_id]
    assert [int(by_id["total"][str(y)]) for y in YEARS] == YEAR_TOTALS and int(by_id["total"]["total"]) == PLAN_TOTAL
    assert [int(by_id["staff"][str(y)]) for y in YEARS] == STAFF
    assert by_id["administrative-costs"]["kind"] == "in-kind" and by_id["administrative-costs"]["2021"] == ""
    assert [r["kind"] for r in rows] == ["line"] * 5 + ["in-kind", "subtotal", "subtotal", "total"]


def markdown_rows(text: str) -> dict[str, list[str]]:
    rows = {}
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith("| :---"):
            cells = [cell.strip() for cell in line.strip("|").split(" | ")]
            rows[cells[0].strip("*_")] = cells[1:]
    return rows


def test_totals_markdown_is_a_table_with_every_figure() -> None:
    run = run_cli("totals", "--format", "markdown")
    assert run.code == 0
    assert run.stdout.startswith("### ISU budget 2021–2026 · amounts in CHF\n\n| Line | 2021 |")
    rows = markdown_rows(run.stdout)
    assert rows["Line"] == [*map(str, YEARS), "Total", "Share"]
    for line_id, amounts in TABLE.items():
        assert rows[NAMES[line_id]][:7] == [f"{a:,}" for a in [*amounts, LINE_TOTALS[line_id]]]
    assert rows["Total"][:7] == [f"{a:,}" for a in [*YEAR_TOTALS, PLAN_TOTAL]]
    assert "| **Staff costs** |" in run.stdout
    assert all(len(cells) == 8 for cells in rows.values())  # every row has every column


# --------------------------------------------------------------------------------------------- --year


@pytest.mark.parametrize("index", range(6), ids=[str(y) for y in YEARS])
def test_totals_year_text(index: int) -> None:
    year = YEARS[index]
    run = run_cli("totals", "--year", str(year))
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == f"{year} · ISU budget 2021–2026 · amounts in CHF"
    for line_id, amounts in TABLE.items():
        assert row(run.stdout, NAMES[line_id])[0] == f"{amounts[index]:,}"
    total = row(run.stdout, "Total")
    assert total[:2] == [f"{YEAR_TOTALS[index]:,}", "100.0%"]
    if index == 0:
        assert total[2:] == ["—", "—", "—"]  # no year before the first
    else:
        change = YEAR_TOTALS[index] - YEAR_TOTALS[index - 1]
        assert total[2] == f"{YEAR_TOTALS[index - 1]:,}"
        assert total[3] == ("+" if change > 0 else "-") + f"{abs(change):,}"


@pytest.mark.parametrize("index", range(6), ids=[str(y) for y in YEARS])
def test_totals_year_json(index: int) -> None:
    year = YEARS[index]
    document = totals_json("--year", str(year))
    assert document["years"] == [year]
    (figures,) = document["by_year"]
    assert figures["year"] == year and figures["total"] == str(YEAR_TOTALS[index])
    assert [item["amount"] for item in figures["lines"]] == [str(amounts[index]) for amounts in TABLE.values()]
    assert figures["staff"] == str(STAFF[index]) and figures["non_staff"] == "60000"
    shares = [float(item["share_percent"]) for item in figures["lines"]]
    assert abs(sum(shares) - 100) < 0.05  # rounded to two decimals each
    if index == 0:
        assert figures["change"] is None
    else:
        assert figures["change"] == {
            "previous_year": year - 1,
            "previous": str(YEAR_TOTALS[index - 1]),
            "amount": str(YEAR_TOTALS[index] - YEAR_TOTALS[index - 1]),
            "percent": figures["change"]["percent"],
        }
        salaries = figures["lines"][0]["change"]
        assert salaries["amount"] == str(TABLE["salaries"][index] - TABLE["salaries"][index - 1])


def test_totals_year_2023_shares_and_changes() -> None:
    text = run_cli("totals", "--year", "2023").stdout
    assert row(text, "Salaries") == ["365,881", "73.9%", "355,162", "+10,719", "+3.0%"]
    assert row(text, "Social security") == ["69,176", "14.0%", "71,032", "-1,856", "-2.6%"]
    assert row(text, "Non-staff costs") == ["60,000", "12.1%", "60,000", "0", "0.0%"]  # no change: no sign
    assert "Social security, % of Salaries: 18.9%" in text
    assert "Travel per leg (10 legs a year): CHF\u00a02,200" in text


def test_totals_repeated_year_gives_one_table_each_in_order() -> None:
    run = run_cli("totals", "-y", "2024", "-y", "2022", "-y", "2024")
    titles = [line for line in run.stdout.splitlines() if "· ISU budget" in line]
    assert titles == ["2022 · ISU budget 2021–2026 · amounts in CHF", "2024 · ISU budget 2021–2026 · amounts in CHF"]
    rows = list(csv.reader(io.StringIO(run_cli("totals", "-y", "2022", "-y", "2024", "-f", "csv").stdout)))
    assert rows[0] == ["kind", "id", "name", "cost_type", "2022", "2024"]  # no whole-period column
    assert rows[-1] == ["total", "total", "Total", "", "486194", "477724"]


@pytest.mark.parametrize("year", ["2020", "2027", "1999"])
def test_totals_year_outside_the_period_is_a_usage_error(year: str) -> None:
    run = run_cli("totals", "--year", year)
    assert (run.code, run.stdout) == (2, "")
    assert run.stderr == f"ccm-plan: --year {year} is outside the plan's period 2021–2026\n"


def test_totals_year_not_a_number_is_a_usage_error() -> None:
    run = run_cli("totals", "--year", "twenty")
    assert run.code == 2 and "Traceback" not in run.stderr


# --------------------------------------------------------------------------------------------- --lang


def test_totals_lang_zh_names_lines_in_chinese_numbers_unchanged() -> None:
    run = run_cli("totals", "--lang", "zh")
    assert run.code == 0
    assert run.stdout.startswith("执行支助股 2021-2026 年预算 · 金额单位：CHF")
    assert row(run.stdout, "薪金")[:7] == [f"{a:,}" for a in [*TABLE["salaries"], LINE_TOTALS["salaries"]]]
    assert row(run.stdout, "其他执行支助费用")[0] == "15,000"
    assert "社保占薪金的百分比" in run.stdout

    zh, en = totals_json("--lang", "zh"), totals_json()
    assert zh["lines"][0]["name"] == "薪金" and zh["language"] == "zh"
    for document in (zh, en):
        for line in document["lines"]:
            del line["name"]
        for item in document["in_kind"]:
            del item["name"], item["provided_by"]
        del document["title"], document["language"]
    assert zh == en  # no number depends on the language


def test_totals_lang_the_plan_lacks_speaks_it_with_the_plan_first_language_names() -> None:
    run = run_cli("totals", "--lang", "fr")
    assert run.code == 0, run.stderr
    assert run.stdout.startswith("ISU budget 2021–2026 · montants en CHF") or "montants en CHF" in run.stdout
    assert "Dépenses de personnel" in run.stdout and "Staff costs" not in run.stdout
    assert row(run.stdout, "薪金")[:2] == [f"341{NNBSP}405", f"355{NNBSP}162"]  # the plan's first language: zh


def test_totals_another_plan_other_currency_languages_and_rates(minimal_plan: Path) -> None:
    run = run_cli("totals", minimal_plan, "--lang", "fr")
    assert run.code == 0, run.stderr
    assert run.stdout.startswith("Budget de l'UAI 2024–2026 · montants en EUR")
    assert row(run.stdout, "Salaires")[:4] == [f"100{NNBSP}000", f"104{NNBSP}000", f"108{NNBSP}000", f"312{NNBSP}000"]
    assert row(run.stdout, "Charges sociales, en % de Salaires") == [f"15,0{NBSP}%"] * 4
    assert row(run.stdout, "Voyages par trajet (8 trajets par an)") == [
        f"1{NNBSP}500",
        f"1{NNBSP}500",
        f"1{NNBSP}750",
        f"1{NNBSP}583",
    ]
    assert row(run.stdout, "Total")[:4] == [f"127{NNBSP}000", f"131{NNBSP}600", f"138{NNBSP}200", f"396{NNBSP}800"]
    assert "en nature" not in run.stdout  # this plan has no in-kind row


# ---------------------------------------------------------------------------------- stale stated totals


def test_totals_shows_the_recomputed_figure_where_a_stated_total_is_stale(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "amounts: {2024: 100000, 2025: 104000", "amounts: {2024: 100000, 2025: 105000")
    run = run_cli("totals", minimal_plan)
    assert run.code == 0
    assert row(run.stdout, "Total")[:4] == ["127,000", "132,600*", "138,200", "397,800*"]
    where = f"{line_of(budget, 'years: {2024')}:{column_of(budget, '131600')}"
    notes = [line for line in run.stdout.splitlines() if line.startswith("* ")]
    assert notes == [
        f"* {budget}:{where}: totals.years.2025 states 131,600; recomputed from the lines: 132,600 (shown)",
        f"* {budget}:{line_of(budget, 'plan: 396800')}:9: totals.plan states 396,800; recomputed from the lines: "
        "397,800 (shown)",
        f"* {minimal_plan / 'workplan.yaml'}:{line_of(minimal_plan / 'workplan.yaml', 'budget: 396800')}:11: "
        "summary.budget states 396,800; recomputed from the lines: 397,800 (shown)",
    ]
    assert "`ccm-plan fix` rewrites the stated totals from the lines." in run.stdout

    year = run_cli("totals", minimal_plan, "--year", "2025").stdout
    assert row(year, "Total")[0] == "132,600*"
    assert len([line for line in year.splitlines() if line.startswith("* ")]) == 1  # only that year's note
    assert "* " not in run_cli("totals", minimal_plan, "--year", "2024").stdout

    document = totals_json(minimal_plan)
    assert [(d["key"], d["stated"], d["recomputed"]) for d in document["stated_differences"]] == [
        ("totals.years.2025", "131600", "132600"),
        ("totals.plan", "396800", "397800"),
        ("summary.budget", "396800", "397800"),
    ]
    assert document["by_year"][1]["stated"] == "131600" and document["by_year"][1]["total"] == "132600"
    assert document["plan"]["stated"] == "396800" and document["plan"]["total"] == "397800"


def test_totals_a_year_the_plan_does_not_state(minimal_plan: Path) -> None:
    edit(minimal_plan / "budget.yaml", "years: {2024: 127000, 2025: 131600, ", "years: {2024: 127000, ")
    run = run_cli("totals", minimal_plan)
    assert run.code == 0
    assert row(run.stdout, "Total")[:3] == ["127,000", "131,600*", "138,200"]
    assert "totals.years.2025 states no total; recomputed from the lines: 131,600 (shown)" in run.stdout
    assert totals_json(minimal_plan)["by_year"][1]["stated"] is None


# ----------------------------------------------------------------------------------- unusable input


def test_totals_on_a_plan_with_schema_errors_prints_the_problems_and_exits_1(minimal_plan: Path) -> None:
    edit(minimal_plan / "budget.yaml", "currency: EUR", "currency: EUR\ncolour: blue")
    run = run_cli("totals", minimal_plan)
    assert (run.code, run.stdout) == (1, "")
    where = f"budget.yaml:{line_of(minimal_plan / 'budget.yaml', 'colour:')}:1"
    assert f"{where}: error [schema] unknown key 'colour'" in run.stderr
    assert run.stderr.rstrip().endswith("in 2 files")


def test_totals_missing_folder_exits_2(tmp_path: Path) -> None:
    run = run_cli("totals", tmp_path / "nowhere")
    assert (run.code, run.stdout) == (2, "")
    assert run.stderr.startswith("ccm-plan: ") and "no such file or folder" in run.stderr


# ------------------------------------------------------------------------------ the library and the CLI


def test_totals_format_choices_are_the_renderer_registry() -> None:
    from ccm_plan.cli import ReportFormat
    from ccm_plan.outputs.totals import FORMATS

    assert [f.value for f in ReportFormat] == list(FORMATS)


def test_totals_help_has_an_example() -> None:
    run = run_cli("totals", "--help")
    assert run.code == 0 and "Example: ccm-plan totals" in run.stdout


def test_totals_text_has_no_colour_codes_when_piped() -> None:
    assert "\x1b[" not in run_cli("totals").stdout


def test_totals_render_text_in_colour_for_a_terminal() -> None:
    from ccm_plan.outputs.totals import build_report, render_text
    from ccm_plan.read.loader import load_plan

    report = build_report(load_plan(DATA))
    coloured, plain = render_text(report, width=100, color=True), render_text(report)
    assert "\x1b[" in coloured and "\x1b[" not in plain
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured).count("2,940,552") == plain.count("2,940,552") == 1


def test_start_up_imports_neither_rich_nor_the_totals_module() -> None:
    code = (
        "import sys, ccm_plan.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'ruamel', 'pydantic') "
        "or m in ('ccm_plan.outputs.totals', 'ccm_plan.edit.fix')))"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "[]"


@pytest.mark.parametrize("width", [40, 80])
def test_totals_text_in_a_narrow_terminal_wraps_names_never_figures(width: int) -> None:
    from ccm_plan.outputs.totals import build_report, render_text
    from ccm_plan.read.loader import load_plan

    text = render_text(build_report(load_plan(DATA)), width=width)
    assert row(text, "Total")[:7] == [f"{a:,}" for a in [*YEAR_TOTALS, PLAN_TOTAL]]
    for line_id, amounts in TABLE.items():
        assert f"{amounts[0]:,}" in text and f"{LINE_TOTALS[line_id]:,}" in text
    assert "…" not in text
    year = render_text(build_report(load_plan(DATA), years=[2022]), width=width)
    assert row(year, "Total") == ["486,194", "100.0%", "469,686", "+16,508", "+3.5%"]


def test_totals_without_parameters_or_work_plan_omits_those_rows(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    budget.write_text(budget.read_text(encoding="utf-8").split("parameters:")[0], encoding="utf-8")
    (minimal_plan / "workplan.yaml").unlink()
    run = run_cli("totals", minimal_plan)
    assert run.code == 0, run.stderr
    assert "% of" not in run.stdout.replace("% of total", "") and "per leg" not in run.stdout
    figures = totals_json(minimal_plan)["by_year"][0]
    assert (figures["rates_percent"], figures["cost_per_leg"]) == ({}, {})


# ----------------------------------------------------------------------------- layout, and large plans


def readme_block(command: str) -> str:
    """The output the README shows under `$ command` (captured piped: as wide as the table needs)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```console\n$ {command}\n" in readme, command
    return readme.split(f"```console\n$ {command}\n", 1)[1].split("```", 1)[0]


@pytest.mark.parametrize("args", [(), ("--year", "2023")], ids=["period", "year"])
def test_totals_text_piped_is_what_the_readme_shows(args: tuple[str, ...]) -> None:
    run = run_cli("totals", *args, env={"COLUMNS": "120"})
    assert run.code == 0
    assert run.stdout == readme_block(" ".join(["ccm-plan totals", *args]))


def test_totals_text_in_a_terminal_wraps_names_so_the_table_fits() -> None:
    from rich.cells import cell_len

    from ccm_plan.outputs.totals import build_report, render_text
    from ccm_plan.read.loader import load_plan

    report = build_report(load_plan(DATA))
    natural = render_text(report).splitlines()
    assert max(map(cell_len, natural[1:-1])) == 115  # the README's table; the in-kind note below is not cut
    lines = render_text(report, width=110).splitlines()
    assert max(map(cell_len, lines[1:-1])) == 110
    at = lines.index(next(line for line in lines if line.startswith("Other implementation support ")))
    assert lines[at].split()[3:] == [f"{a:,}" for a in TABLE["other-implementation-support"]] + ["122,000", "4.1%"]
    assert lines[at + 1] == "costs"  # the rest of the name, under it
    assert lines[-1] == natural[-1]  # notes are never wrapped by ccm-plan: the terminal does


def aligned(text: str) -> None:
    """Every row with a share ends where the header ends (figures right-aligned), counted in terminal cells."""
    from rich.cells import cell_len

    lines = text.splitlines()
    last_rule = max(number for number, line in enumerate(lines) if line.startswith("─"))  # the ratios below it
    header, rows = lines[1], [line for line in lines[3:last_rule] if line.endswith("%")]
    assert rows and {cell_len(row) for row in rows} == {cell_len(header)}, "\n".join(lines[:12])


def test_totals_text_names_with_breaks_tabs_and_wide_characters_keep_the_columns(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "{en: Salaries, fr: Salaires}", '{en: "Salaries\\nand wages", fr: "薪金和工资 Salaires"}')
    edit(budget, "{en: Travel, fr: Voyages}", '{en: "Travel\\tand\\u0007 visas", fr: Voyages}')
    for lang in ("en", "fr"):
        run = run_cli("totals", minimal_plan, "--lang", lang)
        assert run.code == 0, run.stderr
        aligned(run.stdout)
    text = run_cli("totals", minimal_plan).stdout
    assert "Salaries" in text.splitlines()[3] and text.splitlines()[4] == "and wages"
    # tab to column 8; the BEL is shown, never sent to the terminal nor dropped without a trace
    assert row(text, "Travel  and[U+0007] visas")[:4] == ["12,000", "12,000", "14,000", "38,000"]
    assert "\x07" not in text
    assert row(run_cli("totals", minimal_plan, "--lang", "fr").stdout, "薪金和工资 Salaires")[0] == "100\u202f000"


def generated_plan(folder: Path, lines: int, years: int) -> Path:
    """A synthetic plan from bench/generate.py: `lines` budget lines over `years` years, two languages."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    plan: Path = generate(folder, lines=lines, years=years, activities=lines)
    return plan


@pytest.fixture(scope="module")
def large_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_plan(tmp_path_factory.mktemp("large"), lines=300, years=12)


def test_totals_text_of_a_large_plan_lines_up_every_row(large_plan: Path) -> None:
    run = run_cli("totals", large_plan)
    assert run.code == 0, run.stderr
    aligned(run.stdout)
    document = totals_json(large_plan)
    assert len(document["lines"]) == 300
    for line in document["lines"]:
        cells = row(run.stdout, line["name"])
        assert cells[:13] == [f"{int(line['amounts'][str(year)]):,}" for year in document["years"]] + [
            f"{int(line['total']):,}"
        ]
    assert row(run.stdout, "Total")[12] == f"{int(document['plan']['total']):,}"


def test_totals_json_has_one_record_a_line_and_the_library_data(large_plan: Path) -> None:
    from ccm_plan.outputs.totals import build_report, report_data
    from ccm_plan.read.loader import load_plan

    for plan, count in ((DATA, 5), (large_plan, 300)):
        run = run_cli("totals", plan, "--format", "json")
        assert run.code == 0, run.stderr
        records = [json.loads(line.strip().rstrip(",")) for line in run.stdout.splitlines() if '{"id": ' in line]
        years = len(json.loads(run.stdout)["years"])
        in_kind = len(json.loads(run.stdout)["in_kind"])
        assert len(records) == count + in_kind + years * count  # lines, in-kind items, each year's lines
        assert json.loads(run.stdout) == report_data(build_report(load_plan(plan)))
        assert run.stdout.startswith('{\n  "version": 3,\n') and run.stdout.endswith("\n}\n")


def test_year_figures_of_each_line_match_the_year_on_year_arithmetic(large_plan: Path) -> None:
    """The per-line figures a year shows, built when asked for, are each line's share and its year-on-year change."""
    from ccm_plan.compute.totals import compute_totals, percent, year_on_year
    from ccm_plan.outputs.totals import LineYear, build_report, render_json, write_json
    from ccm_plan.read.loader import load_plan

    for folder in (DATA, large_plan):
        plan = load_plan(folder)
        report = build_report(plan)
        totals = compute_totals(plan.budget)
        for line_id, amounts in totals.amounts.items():
            changes = year_on_year(amounts)
            for year in totals.years:
                expected = LineYear(amounts[year], percent(amounts[year], totals.year_totals[year]), changes[year])
                assert report.by_year[year].lines[line_id] == expected
        first = report.by_year[totals.years[0]].lines
        assert list(first) == list(totals.amounts) and all(item.change is None for item in first.values())
        pieces: list[str] = []
        write_json(report, pieces.append, chunk=4096)
        assert "".join(pieces) == render_json(report)
        assert folder == DATA or len(pieces) > 10
