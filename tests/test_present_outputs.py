"""Every output of a plan shows one precision, in the language asked: golden strings for a whole-unit plan (the
shipped one, and tests/fixtures/minimal) and a plan with cents (tests/fixtures/cents), per language.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from ccm_plan.present.rounding import round_half_up
from conftest import DATA, FIXTURES, copy_plan, edit, run_cli

CENTS = FIXTURES / "cents"
GOLDEN = Path(__file__).resolve().parent / "golden"
NNBSP, NBSP = "\u202f", "\u00a0"
NEGATIVE_ZERO = re.compile(r"[-−\u2212]0(?:[.,]0+)?(?![\d.,]*[1-9])")


def cells(text: str, label: str) -> list[str]:
    for line in text.splitlines():
        if line.startswith(label + " "):
            return [cell for cell in line[len(label) :].split(" ") if cell]
    raise AssertionError(f"no row {label!r} in:\n{text}")


def test_totals_lang_fr_on_a_cents_plan_prints_french_figures_under_french_headings() -> None:
    run = run_cli("totals", CENTS, "--lang", "fr")
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "Budget de l'unité 2024–2026 · montants en EUR"
    assert lines[1].split() == ["2024", "2025", "2026", "Total", "Part"]
    assert cells(run.stdout, "Total")[0] == f"1{NNBSP}234{NNBSP}567,89"
    # one precision in a column of money: 120 000,00 beside 98 406,25
    assert cells(run.stdout, "Voyages")[:3] == [f"98{NNBSP}406,25", f"120{NNBSP}000,00", f"105{NNBSP}944,10"]
    assert cells(run.stdout, "Dépenses de personnel")[0] == f"1{NNBSP}125{NNBSP}000,00"
    assert cells(run.stdout, "Voyages par trajet (8 trajets par an)")[0] == f"12{NNBSP}300,78"
    assert cells(run.stdout, "Variation du total, en %")[1:] == [f"+4,5{NBSP}%", f"+2,5{NBSP}%"]


GOLDEN_TOTAL_2024 = {
    "en": "1,234,567.89",
    "zh": "1,234,567.89",
    "fr": f"1{NNBSP}234{NNBSP}567,89",
    "es": "1.234.567,89",
    "ru": f"1{NBSP}234{NBSP}567,89",
    "ar": "1,234,567.89",
}
TOTAL_WORD = {"en": "Total", "zh": "合计", "fr": "Total", "es": "Total", "ru": "Итого", "ar": "المجموع"}


@pytest.mark.parametrize("lang", sorted(GOLDEN_TOTAL_2024))
def test_cents_plan_text_and_markdown_per_language(lang: str) -> None:
    text = run_cli("totals", CENTS, "--lang", lang)
    assert text.code == 0, text.stderr
    assert cells(text.stdout, TOTAL_WORD[lang])[0] == GOLDEN_TOTAL_2024[lang]
    markdown = run_cli("totals", CENTS, "--lang", lang, "--format", "markdown").stdout
    assert f"| **{TOTAL_WORD[lang]}** | {GOLDEN_TOTAL_2024[lang]} |" in markdown
    for output in (text.stdout, markdown):
        assert not NEGATIVE_ZERO.search(output), output  # the plan's -0.0 reads 0.00


@pytest.mark.parametrize("lang", ["en", "zh", "fr"])
def test_whole_unit_plan_shows_whole_units_in_every_language(lang: str) -> None:
    run = run_cli("totals", DATA, "--lang", lang)
    total = {"en": "2,940,552", "zh": "2,940,552", "fr": f"2{NNBSP}940{NNBSP}552"}[lang]
    assert cells(run.stdout, TOTAL_WORD[lang])[6] == total
    assert "." not in "".join(cells(run.stdout, TOTAL_WORD[lang])[:7])


def test_machine_formats_are_canonical_at_the_plan_precision() -> None:
    document = json.loads(run_cli("totals", CENTS, "--format", "json", "--lang", "fr").stdout)
    assert document["version"] == 3 and document["decimals"] == 2
    travel = next(line for line in document["lines"] if line["id"] == "travel")
    assert travel["amounts"] == {"2024": "98406.25", "2025": "120000.00", "2026": "105944.10"}
    meetings = next(line for line in document["lines"] if line["id"] == "un-meetings")
    assert meetings["name"] == "Réunions de l'ONU" and meetings["amounts"]["2025"] == "0.00"  # -0.0 in the plan
    assert document["plan"]["total"] == "3847313.14"
    assert all(isinstance(year["rates_percent"]["social-charges"], str) for year in document["by_year"])
    rows = list(csv.DictReader(io.StringIO(run_cli("totals", CENTS, "--format", "csv").stdout)))
    by_id = {row["id"]: row for row in rows}
    assert [by_id["travel"][year] for year in ("2024", "2025", "2026")] == ["98406.25", "120000.00", "105944.10"]
    assert by_id["un-meetings"]["2025"] == "0.00"
    whole = json.loads(run_cli("totals", "--format", "json").stdout)
    assert whole["plan"]["total"] == "2940552" and whole["decimals"] == 0


def test_a_name_keeps_its_capitals() -> None:
    assert "UN meetings" in run_cli("totals", CENTS).stdout


def test_validate_lang_zh_speaks_chinese() -> None:
    run = run_cli("validate", DATA, "--lang", "zh")
    assert run.code == 0
    lines = run.stdout.splitlines()
    assert lines[0].endswith(
        "警告 [rates] 2023 年：社保 69,176 为薪金 365,881 的 18.9%；计划的费率为 20%（73,176，相差 -4,000）"
    )
    assert lines[1] == ("    修正：更正该数字，或以豁免接受并记录差异的原因（规则 rates，对象 social-security/2023）")
    assert lines[-1] == "2 个文件中发现 2 个问题（0 个错误，2 个警告）"
    english = run_cli("validate", DATA)
    assert "[rates] 2023: Social security 69,176 is 18.9% of Salaries 365,881" in english.stdout


def test_validate_follows_the_locale_without_lang() -> None:
    run = run_cli("validate", DATA, env={"LANG": "zh_CN.UTF-8"})
    assert "2 个文件中发现 2 个问题" in run.stdout
    run = run_cli("validate", DATA, env={"LANGUAGE": "fr", "LANG": "zh_CN.UTF-8"})
    assert run.stdout.splitlines()[-1] == "2 problèmes (0 erreur, 2 avertissements) dans 2 fichiers"


def test_social_security_expected_figure_at_the_plan_precision(tmp_path: Path) -> None:
    plan = copy_plan(CENTS, tmp_path / "plan")
    budget = plan / "budget.yaml"
    edit(budget, "amounts: {2024: 125000.00, 2025: 130000.06", "amounts: {2024: 125000.00, 2025: 130010.06")
    edit(budget, "years: {2024: 1234567.89, 2025: 1290000.56", "years: {2024: 1234567.89, 2025: 1290010.56")
    edit(budget, "plan: 3847313.14", "plan: 3847323.14")
    run = run_cli("validate", plan)
    (message,) = [line for line in run.stdout.splitlines() if "[rates]" in line]
    # 12.5% of 1,040,000.50 is 130,000.0625: shown at the plan's precision, never rounded to whole units
    # beside the plan's rate it breaks, the share has the decimals that tell them apart (12.501%, not 12.5%)
    assert message.endswith(
        "2025: Social charges 130,010.06 is 12.501% of Salaries 1,040,000.50; the plan's rate is 12.5% "
        "(130,000.06, a difference of +10.00)"
    )
    # the same ratio in totals, at one decimal: the same rounding of the same figure
    share = message.split(" is ")[1].split(" of ")[0]
    totals = run_cli("totals", plan).stdout
    assert cells(totals, "Social charges, % of Salaries")[1] == "12.5%"
    assert round_half_up(Decimal(share.rstrip("%")), 1) == Decimal("12.5")


def test_a_sub_cent_difference_is_shown(tmp_path: Path) -> None:
    plan = copy_plan(CENTS, tmp_path / "plan")
    edit(plan / "budget.yaml", "years: {2024: 1234567.89,", "years: {2024: 1234567.891,")
    run = run_cli("validate", plan)
    assert "2024: stated total 1,234,567.891 but the lines add up to 1,234,567.890 (difference +0.001)" in run.stdout
    totals = run_cli("totals", plan).stdout
    assert "totals.years.2024 states 1,234,567.891; recomputed from the lines: 1,234,567.890 (shown)" in totals


def test_fix_writes_and_prints_figures_at_the_plan_precision(tmp_path: Path) -> None:
    plan = copy_plan(CENTS, tmp_path / "plan")
    budget = plan / "budget.yaml"
    edit(budget, "2025: 130000.06", "2025: 130000.1")  # the lines now add up to 1,290,000.60 in 2025
    edit(budget, "years: {2024: 1234567.89, 2025: 1290000.56", "years: {2024: 1234567.89, 2025: 1290000.5")
    run = run_cli("fix", plan)
    assert run.code == 0, run.stderr
    assert "totals.years.2025: 1,290,000.50 → 1,290,000.60" in run.stdout
    text = budget.read_text(encoding="utf-8")
    assert "2025: 1290000.60," in text and "plan: 3847313.18" in text  # never 1290000.6


def test_diff_shows_years_as_written_and_counts_grouped(tmp_path: Path) -> None:
    old = copy_plan(FIXTURES / "minimal", tmp_path / "old")
    new = copy_plan(FIXTURES / "minimal", tmp_path / "new")
    edit(new / "budget.yaml", "period: {start: 2024, end: 2026}", "period: {start: 2024, end: 2027}")
    run = run_cli("diff", old, new)
    assert "budget period.end: 2026 → 2027" in run.stdout and "2,02" not in run.stdout


# ------------------------------------------------------------------------- one figure, every output, per language
#
# One figure of a whole-unit plan (the shipped plan: Social security 2023, 18.9% of Salaries) and one of a plan
# with cents (tests/fixtures/cents with Social charges 2025 set off its rate: 130,010.06, 12.5% of Salaries), read
# in every output a person or a program reads: totals as text, Markdown, CSV and JSON; validate's message as text
# and in SARIF; the workbook's stored value, its number format and its Checks sheet, read back with openpyxl. The
# people's outputs show the figure as the language writes it (CLDR), the machine outputs one canonical spelling.
# A workbook is made in the plan's own languages only (the shipped plan: zh, en; the cents plan: en, fr, es).


def cents_off_rate(tmp_path: Path) -> Path:
    plan = copy_plan(CENTS, tmp_path / "cents")
    budget = plan / "budget.yaml"
    edit(budget, "amounts: {2024: 125000.00, 2025: 130000.06", "amounts: {2024: 125000.00, 2025: 130010.06")
    edit(budget, "years: {2024: 1234567.89, 2025: 1290000.56", "years: {2024: 1234567.89, 2025: 1290010.56")
    edit(budget, "plan: 3847313.14", "plan: 3847323.14")
    return plan


# plan, line id, year, machine spelling, per language: (line name, figure, share of the base, totals' share row,
# the share in the finding: beside a plan's rate it differs from, a share has the decimals that tell them apart)
FIGURES = {
    "whole": (
        "social-security",
        2023,
        "69176",
        {
            "en": ("Social security", "69,176", "18.9%", "Social security, % of Salaries", "18.9%"),
            "zh": ("社保", "69,176", "18.9%", "社保占薪金的百分比", "18.9%"),
            # the shipped plan has no French: its texts in its first language, Chinese
            "fr": ("社保", f"69{NNBSP}176", f"18,9{NBSP}%", "社保, en % de 薪金", f"18,9{NBSP}%"),
        },
    ),
    "cents": (
        "social-charges",
        2025,
        "130010.06",
        {
            "en": ("Social charges", "130,010.06", "12.5%", "Social charges, % of Salaries", "12.501%"),
            # no Chinese in the plan: its texts in its first language, English
            "zh": ("Social charges", "130,010.06", "12.5%", "Social charges占Salaries的百分比", "12.501%"),
            "fr": (
                "Charges sociales",
                f"130{NNBSP}010,06",
                f"12,5{NBSP}%",
                "Charges sociales, en % de Salaires",
                f"12,501{NBSP}%",
            ),
        },
    ),
}
NUMBER_FORMATS = {"whole": "#,##0;-#,##0", "cents": "#,##0.00;-#,##0.00"}
WORKBOOK_LANGUAGES = {"whole": ("en", "zh"), "cents": ("en", "fr")}


def gives_share(share: str, message: str) -> bool:
    """Whether `message` gives the share as `share` (not as a part of a longer figure)."""
    return re.search(r"(?<![\d.,])" + re.escape(share), message) is not None


def golden_plan(kind: str, tmp_path: Path) -> Path:
    return DATA if kind == "whole" else cents_off_rate(tmp_path)


def row_of(text: str, name: str) -> list[str]:
    """A text table's row by its name: the cells after it (figures are grouped with no-break spaces)."""
    for line in text.splitlines():
        if line.startswith(name + " ") and line[len(name) :].lstrip()[:1].isdigit():
            return [cell for cell in line[len(name) :].split(" ") if cell]
    raise AssertionError(f"no row {name!r} in:\n{text}")


@pytest.mark.parametrize("lang", ["en", "zh", "fr"])
@pytest.mark.parametrize("kind", ["whole", "cents"])
def test_one_figure_reads_the_same_in_every_output(kind: str, lang: str, tmp_path: Path) -> None:
    plan = golden_plan(kind, tmp_path)
    line_id, year, canonical, by_language = FIGURES[kind]
    name, figure, share, share_row, said_share = by_language[lang]
    column = year - json.loads(run_cli("totals", plan, "--format", "json").stdout)["period"]["start"]

    text = run_cli("totals", plan, "--lang", lang).stdout
    assert row_of(text, name)[column] == figure
    assert row_of(text, share_row)[column] == share
    markdown = run_cli("totals", plan, "--lang", lang, "--format", "markdown").stdout
    row = next(line for line in markdown.splitlines() if line.startswith(f"| {name} |"))
    assert [cell.strip() for cell in row.split("|")[2:-1]][column] == figure
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(run_cli("totals", plan, "--format", "csv").stdout))}
    assert rows[line_id][str(year)] == canonical
    document = json.loads(run_cli("totals", plan, "--format", "json", "--lang", lang).stdout)
    assert next(line for line in document["lines"] if line["id"] == line_id)["amounts"][str(year)] == canonical

    validate = run_cli("validate", plan, "--lang", lang)
    (message,) = [line for line in validate.stdout.splitlines() if "[rates]" in line]
    assert f"{name} {figure} " in message and gives_share(said_share, message), message
    sarif = json.loads(run_cli("validate", plan, "--lang", lang, "--format", "sarif").stdout)
    (result,) = [result for result in sarif["runs"][0]["results"] if result["ruleId"] == "rates"]
    said = message.split("[rates] ", 1)[1]
    assert result["message"]["text"].startswith(said)  # the same words and figures as the text report

    if lang not in WORKBOOK_LANGUAGES[kind]:
        refused = run_cli("export", "xlsx", plan, "--lang", lang, "-o", tmp_path / "refused.xlsx")
        assert refused.code == 2 and "the plan has no text in" in refused.stderr
        return
    import openpyxl

    target = tmp_path / f"{kind}-{lang}.xlsx"
    run = run_cli("export", "xlsx", plan, "--lang", lang, "--checks", "-o", target)
    assert run.code == 0, run.stderr
    book = openpyxl.load_workbook(target)
    budget = book.worksheets[0]
    cell = next(row for row in budget.iter_rows(min_row=4) if row[0].value == name)[1 + column]
    from ccm_plan.present.numbers import sheet_format, sheet_locale

    # the number format of the plan's precision, with the language's locale (`[$-40C]` for fr: present.numbers)
    assert str(cell.value) == canonical.removesuffix(".00")
    assert cell.number_format == sheet_locale(lang) + NUMBER_FORMATS[kind]
    checks = book.worksheets[-1]
    (found,) = [row for row in checks.iter_rows(min_row=4, values_only=True) if row[0] == "rates"]
    shown = found[3].replace("\n", "")  # a Chinese text is stored with the line breaks its cell prints
    assert f"{name} {figure} " in shown and gives_share(said_share, shown), shown
    analysis = book.worksheets[1]
    ratio = next(row for row in analysis.iter_rows() if str(row[0].value).startswith(name + " ÷ "))
    # the share with one decimal and the language's percent sign, as the text reports write it
    assert ratio[1 + column].number_format == sheet_format(lang, "0.0%")


def negative_zero_plan(kind: str, tmp_path: Path) -> Path:
    """A plan with a `-0.0` amount that a finding names: the cents plan's UN meetings 2025 with no note explaining
    the drop; the whole-unit minimal plan's travel 2025 set to -0.0 (a travel cost per leg of zero)."""
    if kind == "cents":
        plan = copy_plan(CENTS, tmp_path / "cents")
        budget = plan / "budget.yaml"
        note = budget.read_text(encoding="utf-8").split("  - id: meetings-note\n")[1].split("parameters:")[0]
        edit(budget, "  - id: meetings-note\n" + note, "")
        return plan
    plan = copy_plan(FIXTURES / "minimal", tmp_path / "whole")
    budget = plan / "budget.yaml"
    edit(budget, "2025: 12000, 2026: 14000}", "2025: -0.0, 2026: 14000}")
    edit(budget, "2025: 131600,", "2025: 119600,")
    edit(budget, "plan: 396800", "plan: 384800")
    edit(plan / "workplan.yaml", "budget: 396800", "budget: 384800")
    return plan


@pytest.mark.parametrize("kind", ["whole", "cents"])
def test_no_negative_zero_in_any_output(kind: str, tmp_path: Path) -> None:
    import zipfile

    import openpyxl

    plan = negative_zero_plan(kind, tmp_path)
    zero = {"whole": ("0", "0"), "cents": ("0.00", "0,00")}[kind]
    outputs: dict[str, str] = {}
    for lang in ("en", "zh", "fr"):
        for output in ("text", "markdown", "csv", "json"):
            outputs[f"totals {output} {lang}"] = run_cli("totals", plan, "--lang", lang, "--format", output).stdout
        for output in ("text", "json", "github", "sarif"):
            run = run_cli("validate", plan, "--lang", lang, "--format", output)
            assert run.code == 0, run.stderr  # a warning only
            outputs[f"validate {output} {lang}"] = run.stdout
    english, french = outputs["validate text en"], outputs["validate text fr"]
    assert ("[explained-variance] 2025: UN meetings 0.00 after 11,161.64" in english) == (kind == "cents")
    assert ("[travel-legs] 2025: Travel 0 is 0 a leg" in english) == (kind == "whole")
    assert f" {zero[1]} " in french
    sarif = json.loads(outputs["validate sarif en"])
    assert [result["message"]["text"].split("\n")[0] for result in sarif["runs"][0]["results"]] == [
        line.split("] ", 1)[1] for line in english.splitlines() if "] " in line
    ]
    for lang in ("en", "fr"):  # the plan's languages: a workbook in each
        target = tmp_path / f"{lang}.xlsx"
        run = run_cli("export", "xlsx", plan, "--lang", lang, "--checks", "-o", target)
        assert run.code == 0, run.stderr
        with zipfile.ZipFile(target) as package:
            sheets = [package.read(name).decode() for name in package.namelist() if name.startswith("xl/worksheets/")]
        assert sheets and not any(re.search(r"<v>-0(\.0*)?</v>", sheet) for sheet in sheets)  # stored as +0
        book = openpyxl.load_workbook(target)
        texts = [str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row]
        outputs[f"workbook {lang}"] = "\n".join(texts)
        (finding,) = [row for row in book.worksheets[-1].iter_rows(min_row=4, values_only=True)]
        said = next(line for line in outputs[f"validate text {lang}"].splitlines() if f"[{finding[0]}] " in line)
        assert finding[3] == said.split("] ", 1)[1]  # the Checks sheet words it as validate does
    for name, text in outputs.items():
        assert not NEGATIVE_ZERO.search(text), (name, NEGATIVE_ZERO.search(text))


def test_a_year_view_writes_its_labels_as_the_language_punctuates() -> None:
    """The lines below a year's table (a share, a cost per leg, an in-kind item) are catalogue templates: Chinese
    full-width punctuation, a no-break space before the French colon, the currency where the language puts it."""
    tail = {lang: run_cli("totals", DATA, "--year", "2023", "--lang", lang).stdout.splitlines()[-3:] for lang in LANGS}
    assert tail["en"] == [
        "Social security, % of Salaries: 18.9%",
        "Travel per leg (10 legs a year): CHF\u00a02,200",  # the currency where CLDR puts it, kept to its figure
        "Administrative costs (in kind): In-kind contribution of the Geneva International Centre for Humanitarian "
        "Demining (GICHD)",
    ]
    assert tail["zh"][:2] == ["社保占薪金的百分比：18.9%", "每段航程差旅（每年 10 段航程）：CHF\u00a02,200"]
    assert tail["zh"][2].startswith("行政费用（实物捐助）：")
    assert tail["fr"][:2] == [
        f"社保, en % de 薪金{NBSP}: 18,9{NBSP}%",
        f"差旅 par trajet (10 trajets par an){NBSP}: 2{NNBSP}200{NBSP}CHF",
    ]
    assert tail["fr"][2].startswith(f"行政费用 (en nature){NBSP}: ")


LANGS = ("en", "zh", "fr")


# ----------------------------------------------------------------------------- the workbook's words, per language


def workbook_words_dump(path: Path) -> str:
    """Per sheet: its name, every text it stores (each once, in order of first appearance) and the number formats
    of its figures with how many cells use each: the workbook's words and how its figures read, not its layout."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    out = []
    for sheet in book.worksheets:
        texts: dict[str, None] = {}
        formats: dict[str, int] = {}
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and not cell.value.startswith("="):
                    texts.setdefault(cell.value)
                elif cell.value is not None:
                    formats[cell.number_format] = formats.get(cell.number_format, 0) + 1
        out.append(f"[{sheet.title}]")
        out.extend(f"  {text!r}" for text in texts)
        out.extend(f"  format {number_format!r} × {count}" for number_format, count in sorted(formats.items()))
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_golden_workbook_words_of_a_cents_plan(lang: str, tmp_path: Path) -> None:
    """The cents plan's workbook (with its finding on the Checks sheet) in English and French: every word and
    every figure's number format, pinned in tests/golden/workbook-cents-LANG.txt (regenerate with
    UPDATE_GOLDEN=1 and review the diff)."""
    target = tmp_path / f"{lang}.xlsx"
    run = run_cli("export", "xlsx", cents_off_rate(tmp_path), "--lang", lang, "--checks", "-o", target)
    assert run.code == 0, run.stderr
    text = workbook_words_dump(target)
    golden = GOLDEN / f"workbook-cents-{lang}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"regenerate with UPDATE_GOLDEN=1 and review: {golden}"
    # the figures' texts (a number format's negative section, "-0.0%", is a pattern, not a figure)
    assert not NEGATIVE_ZERO.search("\n".join(line for line in text.splitlines() if not line.startswith("  format ")))


def test_execution_sheets_read_as_the_execution_report(tmp_path: Path) -> None:
    """The workbook's Execution and Funding sheets (the invented example after adoption) format their figures with
    present's spreadsheet formats, as `ccm-plan execution` writes them: amounts at the report's precision, a
    variance, a carry-over and a balance with their sign, an execution rate with one decimal."""
    import openpyxl

    from ccm_plan.present.spreadsheet import money_format, percent_format, signed_money_format

    example = FIXTURES.parent.parent / "examples" / "after-adoption"
    report = run_cli("execution", example).stdout
    travel = next(line for line in report.splitlines() if line.strip().startswith("Travel "))
    assert travel.split()[1:] == ["25,000.00", "9,120.60", "-15,879.40", "36.5%"]
    assert "Carry-over (received − actual)   +1,875.43" in report
    target = tmp_path / "example.xlsx"
    run = run_cli("export", "xlsx", example, "-o", target)
    assert run.code == 0, run.stderr
    book = openpyxl.load_workbook(target)
    execution, funding = book["Execution"], book["Funding"]
    row = next(row for row in execution.iter_rows() if row[0].value == "Travel")
    assert [cell.number_format for cell in row[1:5]] == [
        money_format(2),
        money_format(2),
        signed_money_format(2),  # -15,879.40, +1,450.00: as the report signs a variance
        percent_format(1),
    ]
    assert money_format(2) == "#,##0.00;-#,##0.00" and signed_money_format(2) == "+#,##0.00;-#,##0.00;0"
    assert {"whole": money_format(0), "cents": money_format(2)} == NUMBER_FORMATS  # the Budget sheet's, too
    first = next(row for row in funding.iter_rows() if row[0].value == 2021)
    assert [cell.number_format for cell in first[1:8]] == [money_format(2)] * 5 + [signed_money_format(2)] * 2
