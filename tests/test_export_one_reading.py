"""One workbook reads one way: a new user's trial of a plan of another unit (tests/fixtures/bwc: EUR with cents,
en/fr/es) found ratios, draft marks, number conventions and summaries written two ways in one export."""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from ccm_plan.exports.xlsx import export_xlsx
from ccm_plan.present.message import Percent, SignedPercent
from ccm_plan.present.voice import Voice
from conftest import ROOT, copy_plan, edit, run_cli

BWC = ROOT / "tests" / "fixtures" / "bwc"


@pytest.fixture
def flagged(tmp_path: Path) -> Path:
    """The plan with social security off its rate in 2029 and consultancy up by a third in 2028, unexplained."""
    plan = copy_plan(BWC, tmp_path / "flagged")
    budget = plan / "budget.yaml"
    edit(budget, "2029: 81905.49", "2029: 80905.49")
    edit(budget, "amounts: {2027: 45000.00, 2028: 45000.00", "amounts: {2027: 45000.00, 2028: 60000.00")
    return plan


def texts(path: Path, sheet: int) -> list[str]:
    worksheet = openpyxl.load_workbook(path).worksheets[sheet]
    return [str(cell.value) for row in worksheet.iter_rows() for cell in row if isinstance(cell.value, str)]


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_ratio_reads_the_same_in_the_analysis_the_checks_sheet_and_validate(
    flagged: Path, tmp_path: Path, language: str
) -> None:
    target = tmp_path / f"flagged-{language}.xlsx"
    result = export_xlsx(flagged, target, language, checks=True, draft=True)
    assert result.written
    voice = Voice(language, places=2)
    fall = voice.value(SignedPercent(Decimal(-25)))  # consultancy 60,000 → 45,000 in 2029
    rise = voice.value(SignedPercent(Decimal(100) / 3))  # 45,000 → 60,000 in 2028
    share = voice.value(Percent(Decimal("80905.49") * 100 / Decimal("409527.45")))
    analysis, checks = " ".join(texts(target, 1)), " ".join(texts(target, len(result.sheets) - 1))
    validate = run_cli("validate", flagged, "--lang", language).stdout
    for figure in (fall, rise, share):
        assert figure in analysis, (figure, language)
        assert figure in checks, (figure, language)
        assert figure in validate, (figure, language)
    # and no shorter spelling of the same ratio beside it ('-25 %' where the findings say '-25,0 %')
    whole = voice.value(SignedPercent(Decimal(-25), 0))
    assert whole != fall and whole not in analysis.replace(fall, ""), language


@pytest.mark.parametrize("language", ["en", "fr", "es", "zh", "ru", "ar"])
def test_one_word_for_draft_in_each_language(language: str) -> None:
    """The page header (DRAFT) and every title of a draft (DRAFT: {title}) use the same catalogued word: a Spanish
    draft said PROYECTO in the header and BORRADOR in its titles."""
    voice = Voice(language)
    assert voice._("DRAFT") in voice._("DRAFT: {title}", title="x"), language


def test_a_spanish_draft_says_one_word_in_headers_and_titles(flagged: Path, tmp_path: Path) -> None:
    target = tmp_path / "draft-es.xlsx"
    assert export_xlsx(flagged, target, "es", checks=True, draft=True).written
    workbook = openpyxl.load_workbook(target)
    for sheet in workbook.worksheets:
        assert "PROYECTO" in sheet.oddHeader.center.text, sheet.title
        shown = texts(target, workbook.worksheets.index(sheet))
        assert shown[0].startswith("PROYECTO: "), sheet.title  # the sheet's title, its first text
        assert "BORRADOR" not in " ".join(shown)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_checks_severity_column_holds_its_longest_word_on_one_line(
    flagged: Path, tmp_path: Path, language: str
) -> None:
    """'advertencia' printed as 'advertenci' / 'a': the column is as wide as its words in the workbook's font."""
    from ccm_plan.exports.fonts import measure
    from ccm_plan.exports.xlsx import CELL_PADDING, FONT_SIZE, column_points

    target = tmp_path / f"checks-{language}.xlsx"
    result = export_xlsx(flagged, target, language, checks=True, draft=True)
    sheet = openpyxl.load_workbook(target)[result.sheets[-1]]
    words = {str(sheet.cell(row, 2).value) for row in range(4, sheet.max_row + 1)} - {"None"}
    assert Voice(language)._("warning") in words
    digit = max(measure("Calibri", False).width(d, FONT_SIZE) for d in "0123456789")
    room = column_points(sheet.column_dimensions["B"].width, digit) - CELL_PADDING
    widest = max(measure("Calibri", False).width(word, FONT_SIZE) for word in words)
    heading = measure("Calibri", True).width(str(sheet["B3"].value), FONT_SIZE)
    assert widest <= room and heading <= room, (language, widest, heading, room)


ENGLISH_FIGURE = re.compile(r"\d,\d{3}(?:\.\d\d)?\b|\d\.\d %|\d\.\d%")


def test_a_french_or_spanish_workbook_prints_every_figure_one_way(tmp_path: Path) -> None:
    """Printed through LibreOffice, a French workbook's number cells showed `393,625.00` and `63.6%` beside text
    cells writing `80 905,49`: number cells carry the language's locale (present.numbers.sheet_format), so the
    whole workbook reads as the language writes figures."""
    from libreoffice import convert, require

    require("pdftotext", "poppler-utils")
    books = []
    for language in ("fr", "es"):
        target = tmp_path / f"bwc-{language}.xlsx"
        assert export_xlsx(BWC, target, language).written
        books.append(target)
    for pdf in convert(books, "pdf", tmp_path):
        language = pdf.stem.rsplit("-", 1)[1]
        voice = Voice(language, places=2)
        printed = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        printed = printed.replace("\u202f", " ").replace("\u00a0", " ")

        def shown(text: str) -> str:
            return text.replace("\u202f", " ").replace("\u00a0", " ")

        # salaries 2027 (a number cell), the plan total (a formula), the staff share (a percentage cell) and the
        # work plan's budget figure (an amount with its currency where CLDR puts it: after the number)
        for figure in (
            voice.money(Decimal("393625.00")),
            voice.money(Decimal("3082146.00")),
            voice.value(Percent(Decimal("63.6"))),
            voice.numbers.currency(Decimal("3082146.00"), "EUR"),
        ):
            assert shown(figure) in printed, (language, figure)
        assert not ENGLISH_FIGURE.findall(printed), (language, ENGLISH_FIGURE.findall(printed)[:5])
        assert "EUR 3" not in printed, language


def test_export_summaries_speak_the_language_asked_with_one_total(tmp_path: Path) -> None:
    """`export xlsx` said `total EUR 3,082,146` and `export docx` `3,082,146.00` for one cents plan, in English
    under --lang fr, naming a "Checks sheet" called Vérifications; every printed line goes through the catalogs and
    the Voice of the language asked, the total at the plan's precision with its currency where CLDR puts it."""
    for language in ("fr", "es", "en"):
        voice = Voice(language, places=2)
        total = voice.numbers.currency(Decimal("3082146.00"), "EUR")
        xlsx = run_cli("export", "xlsx", BWC, "--lang", language, "--checks", "-o", tmp_path)
        docx = run_cli("export", "docx", BWC, "--lang", language, "-o", tmp_path)
        md = run_cli("export", "md", BWC, "--lang", language, "-o", tmp_path)
        assert xlsx.code == docx.code == md.code == 0, (xlsx.stderr, docx.stderr, md.stderr)
        checks = voice._("Checks")
        wrote = voice._("wrote {path}", path="X").replace("X", "")
        for run in (xlsx, docx, md):
            assert f"total {total}" in run.stdout or voice._("total {amount}", amount=total) in run.stdout, run.stdout
            assert all(wrote.strip() in line for line in run.stdout.splitlines()[:1]), run.stdout
        assert voice._("{findings} on the {sheet} sheet", findings=voice._("no problems"), sheet=checks) in xlsx.stdout
        if language != "en":
            for english in ("wrote ", "sheets", "no problems", "Checks sheet", "the document in", "total EUR"):
                assert english not in xlsx.stdout + docx.stdout + md.stdout, (language, english)


def test_a_refused_export_says_why_in_the_language_asked(flagged: Path, tmp_path: Path) -> None:
    edit(flagged / "budget.yaml", "plan: 3082146.00", "plan: 3082146.01")  # an error: the stated total
    for command in ("xlsx", "docx", "md"):
        run = run_cli("export", command, flagged, "--lang", "es", "-o", tmp_path)
        assert run.code == 1 and run.stdout == ""
        assert Voice("es")._("error") in run.stderr and "error [" in run.stderr
        assert "no workbook written" not in run.stderr and "no document written" not in run.stderr, run.stderr
        assert "problems" not in run.stderr and "fix:" not in run.stderr, run.stderr
        assert "ccm-plan: no se escribió ningún" in run.stderr, run.stderr


@pytest.mark.parametrize("command", ["xlsx", "md", "docx"])
def test_without_lang_an_export_follows_the_locale_when_the_plan_has_its_language(command: str, tmp_path: Path) -> None:
    """Under LANG=fr_FR.UTF-8, validate, totals and diff spoke French while `export xlsx` and `export md` wrote and
    said English: every export now chooses as the other commands do (the plan's language of the user's locale)."""
    french = run_cli("export", command, BWC, "-o", tmp_path, env={"LANG": "fr_FR.UTF-8"})
    assert french.code == 0, french.stderr
    assert "le document en fr" in french.stdout or "en fr\u202f;" in french.stdout, french.stdout
    assert "-fr." in french.stdout.splitlines()[0] and french.stdout.startswith(str(tmp_path)), french.stdout
    # a locale whose language the plan lacks: English, the plan's default
    german = run_cli("export", command, BWC, "-o", tmp_path, env={"LANG": "de_DE.UTF-8"})
    assert german.code == 0 and "in en" in german.stdout and "-fr." not in german.stdout, german.stdout


@pytest.mark.parametrize("language", ["en", "fr", "es", "zh"])
def test_the_travel_label_is_true_for_every_year(tmp_path: Path, language: str) -> None:
    """`Trajets par an (12 délégué)` stood over a row with 14 legs in 2029 (and made the noun agree with no number):
    the label gives each kind its count and the years that differ, the count after the kind."""
    plan = copy_plan(BWC, tmp_path / "plan")
    if language == "zh":
        edit(plan / "budget.yaml", "languages: [en, fr, es]", "languages: [en, fr, es, zh]")
        for path in (plan / "budget.yaml", plan / "workplan.yaml"):  # every text gets a Chinese version
            text = path.read_text(encoding="utf-8")
            text = re.sub(r"(\{en: ([^,}]*)(?:, [a-z]{2}: [^,}]*)*)\}", r"\1, zh: \2}", text)
            path.write_text(text, encoding="utf-8")
    target = tmp_path / f"legs-{language}.xlsx"
    result = export_xlsx(plan, target, language, draft=True)
    assert result.written
    sheet = openpyxl.load_workbook(target, data_only=True).worksheets[1]
    voice = Voice(language)
    title = voice._("Travel legs a year ({legs})", legs="X").split("X")[0]
    row = next(row for row in sheet.iter_rows() if str(row[0].value).startswith(title))
    label = str(row[0].value)
    counts = [cell.value for cell in row[1:5]]
    assert counts == [12, 12, 14, 12], counts
    kind = {"en": "delegate", "fr": "délégué", "es": "delegado", "zh": "delegate"}[language]
    said = voice._(
        "{kind}: {count} ({exceptions})",
        kind=kind,
        count="12",
        exceptions=voice._("{count} in {year}", count="14", year="2029"),
    )
    assert label == voice._("Travel legs a year ({legs})", legs=said), label


def test_a_travel_figure_off_its_costs_per_kind_is_not_said_to_be_outside_bounds(flagged: Path, tmp_path: Path) -> None:
    edit(
        flagged / "budget.yaml", "amounts: {2027: 29406.00, 2028: 29406.00", "amounts: {2027: 29406.00, 2028: 31406.00"
    )
    target = tmp_path / "travel-es.xlsx"
    assert export_xlsx(flagged, target, "es", draft=True).written
    marked = [text for text in texts(target, 1) if text.startswith("2028: Viajes")]
    voice = Voice("es", places=2)
    assert marked == [
        voice._(
            "{year}: {line} {amount} is not its {legs} legs at the plan's cost per kind, which make {expected}.",
            year="2028",
            line="Viajes",
            amount=voice.money(Decimal("31406.00")),
            legs="12",
            expected=voice.money(Decimal("29406.00")),
        )
    ], marked
    assert "límites" not in " ".join(texts(target, 1))


def _with_language(plan: Path, language: str) -> None:
    """Give every text of the plan a version in `language` (its English words): a fixture for the tool's words."""
    edit(plan / "budget.yaml", "languages: [en, fr, es]", f"languages: [en, fr, es, {language}]")
    edit(plan / "workplan.yaml", "languages: [en, fr, es]", f"languages: [en, fr, es, {language}]")
    for path in (plan / "budget.yaml", plan / "workplan.yaml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(\{en: ([^,}]*)(?:, [a-z]{2}: [^,}]*)*)\}", rf"\1, {language}: \2}}", text)
        text = re.sub(r"(\n( +)en: (.*)\n(?:\2[a-z]{2}: .*\n)*)", rf"\1\2{language}: \3\n", text)
        path.write_text(text, encoding="utf-8")


def test_french_export_words_put_a_narrow_no_break_space_before_high_punctuation() -> None:
    """French typography: a narrow no-break space before `:`, `;`, `?` and `!` in every word the workbook and the
    exports print (the catalog's entries used by exports/), never a plain space that can break the line."""
    from babel.messages.pofile import read_po

    from ccm_plan.present.words import LOCALE_DIR

    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / "ccm_plan.po").open("rb") as file:
        catalog = read_po(file, locale="fr")
    wrong = re.compile(r"(?<!\u202f)[:;?!](?=\s|$)")
    checked = 0
    for message in catalog:
        if not message.id or not any(file.startswith("ccm_plan/exports/") for file, _ in message.locations):
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            checked += 1
            assert not wrong.search(text), (message.id, text)
    assert checked > 50


@pytest.mark.parametrize(
    ("language", "cost"), [("en", "EUR\u00a02,450.50"), ("fr", "2\u202f450,50\u00a0EUR"), ("es", "2.450,50\u00a0EUR")]
)
def test_the_currency_stands_where_the_language_puts_it_in_every_figure(language: str, cost: str) -> None:
    """`Voyages par trajet (…): EUR 2 450,50` beside `3 082 146,00 EUR`: one position per language, CLDR's."""
    run = run_cli("totals", BWC, "--lang", language, "--year", "2029")
    assert run.code == 0, run.stderr
    footer = [line for line in run.stdout.splitlines() if line.rstrip().endswith(cost)]
    assert len(footer) == 1, run.stdout
    assert Voice(language, places=2).numbers.currency(Decimal("2450.50"), "EUR") == cost
    if language == "fr":
        assert all(re.search("[\u00a0\u202f]:", line) for line in run.stdout.splitlines()[-3:] if ":" in line), (
            run.stdout
        )


def test_an_arabic_rate_label_has_one_colon(tmp_path: Path) -> None:
    """`… من عدد البنود: 6: 13.0%`: the count of lines in Arabic no longer carries its own colon."""
    plan = copy_plan(BWC, tmp_path / "ar")
    _with_language(plan, "ar")
    run = run_cli("totals", plan, "--lang", "ar", "--year", "2029")
    assert run.code == 0, run.stderr
    rate = [line for line in run.stdout.splitlines() if "6" in line and "%" in line and ":" in line][-1]
    assert rate.count(":") == 1, rate
