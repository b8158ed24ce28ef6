"""The exported workbook as a person sees it: printed by LibreOffice, in the fonts it names, every figure on a page.

One soffice run renders every workbook to PDF through tests/fonts.conf (Office's Calibri and DengXian as the free
fonts whose metrics ccm-plan measures); poppler's pdffonts and pdftotext read the PDFs back. Besides the shipped
plan in en and zh, a copy with a 5,000-character note and a 200-character line name: text too long for its row goes
to the notes below the table, and nothing hides a figure. docs/budget-sheet*.png are the first pages of the shipped
plan's PDFs (regenerate with `UPDATE_PNG=1`).
"""

from __future__ import annotations

import html
import itertools
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from ccm_plan.compute.totals import compute_totals
from ccm_plan.exports.fonts import measure
from ccm_plan.exports.xlsx import ExportResult, export_xlsx
from ccm_plan.present.numbers import money
from ccm_plan.read.loader import load_plan
from conftest import DATA, ROOT, copy_plan, edit
from libreoffice import convert, require

LONG_NAME = {
    "en": "Communication, outreach and publications of the Convention in all its official languages, including "
    "the website, printed materials, translation, design and the promotion of universalization in every region",
    "zh": "宣传"
    + "、《公约》各正式语文的外联和出版物，包括网站、印刷材料、翻译、设计以及在各区域推动普遍加入的工作" * 3,
}


def long_note(language: str) -> str:
    """About 5,000 characters with a numbered mark in each sentence, so that a missing piece is seen."""
    if language == "en":
        sentence = "Sentence N{:03d} of a very long note on the travel line, written to fill the row and more."
    else:
        sentence = "第{:03d}句：关于差旅项目的一个非常长的说明，用来填满这一行并且超出它所能容纳的范围。"
    text, number = "", 1
    while len(text) < 5000:
        text += sentence.format(number) + ("" if language == "zh" else " ")
        number += 1
    return text.strip()


@dataclass
class Rendered:
    result: ExportResult
    pdf: Path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    folder = tmp_path_factory.mktemp("render")
    long_plan = copy_plan(DATA, folder / "long")
    budget = long_plan / "budget.yaml"
    text = budget.read_text(encoding="utf-8")
    text = text.replace(
        "name: {zh: 宣传, en: Communication}", f"name: {{zh: '{LONG_NAME['zh']}', en: '{LONG_NAME['en']}'}}"
    )
    text = text.replace(
        "      zh: 工作人员根据需要出差开会和完成其他任务。\n      en: Staff travel to meetings and for other tasks, as required.",
        f"      zh: {long_note('zh')}\n      en: {long_note('en')}",
    )
    budget.write_text(text, encoding="utf-8")
    stale_plan = copy_plan(DATA, folder / "stale")  # an error (a stale stated total): only a draft is written
    edit(stale_plan / "budget.yaml", "plan: 2940552", "plan: 2940553")
    results = {}
    for key, plan, language in (
        ("en", DATA, "en"),
        ("zh", DATA, "zh"),
        ("en-long", long_plan, "en"),
        ("zh-long", long_plan, "zh"),
        ("zh-draft", stale_plan, "zh"),
        ("zh-checks", DATA, "zh"),
    ):
        result = export_xlsx(
            plan, folder / f"{key}.xlsx", language, draft=key.endswith("draft"), checks="checks" in key
        )
        assert result.output is not None, result.problems
        results[key] = result
    pdfs = convert([result.output for result in results.values() if result.output], "pdf", folder / "named")
    rendered = {key: Rendered(result, pdf) for (key, result), pdf in zip(results.items(), pdfs, strict=True)}
    # The same workbooks on a machine without Office's fonts and without tests/fonts.conf: fontconfig's own
    # choices (Carlito for Calibri; for DengXian, DejaVu Sans for Latin letters and digits, Noto for Chinese).
    bare = [key for key in results if key not in ("zh-draft", "zh-checks")]
    sources = [results[key].output for key in bare]
    pdfs = convert([source for source in sources if source is not None], "pdf", folder / "bare", fonts=None)
    rendered |= {f"{key}-bare": Rendered(results[key], pdf) for key, pdf in zip(bare, pdfs, strict=True)}
    return rendered


def fonts(pdf: Path) -> set[str]:
    """The fonts the PDF uses, without the subset prefix (ABCDEF+Carlito-Bold → Carlito-Bold)."""
    listing = subprocess.run([require("pdffonts", "poppler-utils"), str(pdf)], capture_output=True, text=True)
    return {line.split()[0].split("+")[-1] for line in listing.stdout.splitlines()[2:] if line.strip()}


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        [require("pdftotext", "poppler-utils"), "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


Word = tuple[float, float, float, float, str]


def words(pdf: Path) -> list[list[Word]]:
    """Each page's words with their boxes (x0, y0, x1, y1, text), as pdftotext -bbox gives them."""
    xhtml = subprocess.run(
        [require("pdftotext", "poppler-utils"), "-bbox", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    return [
        [
            (float(x0), float(y0), float(x1), float(y1), html.unescape(text))
            for x0, y0, x1, y1, text in word.findall(page)
        ]
        for page in xhtml.split("<page ")[1:]
    ]


def sheet_of_page(text: str) -> str:
    """The sheet a printed page belongs to: its footer says "Budget   Page 1 of 8" (or "预算 第 1 页，共 8 页")."""
    footer = [line for line in text.splitlines() if line.strip()][-1]
    return re.split(r"\s{2,}", footer.strip())[0]


def test_english_prints_in_carlito_only(rendered: dict[str, Rendered]) -> None:
    # Bold and italic cells too: a cell format without a font name falls back to a serif face.
    assert fonts(rendered["en"].pdf) == {"Carlito", "Carlito-Bold", "Carlito-Italic"}


def test_chinese_names_dengxian_and_prints_in_noto_cjk(rendered: dict[str, Rendered]) -> None:
    book = openpyxl.load_workbook(rendered["zh"].result.output or "")
    assert {cell.font.name for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value} == {
        "DengXian"
    }
    found = fonts(rendered["zh"].pdf)
    assert found and all(name.startswith("NotoSansCJK") for name in found), found
    assert any("Bold" in name for name in found)


ALL = ["en", "zh", "en-long", "zh-long", "zh-draft", "en-bare", "zh-bare", "en-long-bare", "zh-long-bare"]


def test_without_office_fonts_chinese_prints_in_a_substitute(rendered: dict[str, Rendered]) -> None:
    """What the `-bare` renderings test: DengXian's Latin letters and digits printed in a wider font."""
    found = fonts(rendered["zh-bare"].pdf)
    assert any(name.startswith("DejaVuSans") for name in found), found
    assert any(name.startswith("NotoSansCJK") for name in found), found
    assert fonts(rendered["en-bare"].pdf) == {"Carlito", "Carlito-Bold", "Carlito-Italic"}


@pytest.mark.parametrize("key", ALL)
def test_each_sheet_prints_on_the_pages_its_layout_intends(rendered: dict[str, Rendered], key: str) -> None:
    printed: dict[str, int] = {}
    for text in pages(rendered[key].pdf):
        sheet = sheet_of_page(text)
        printed[sheet] = printed.get(sheet, 0) + 1
    intended = {**rendered[key].result.pages}
    assert printed == intended, (printed, intended)
    if key.removesuffix("-bare") in ("en", "zh"):
        assert intended[rendered[key].result.sheets[0]] == 1  # the shipped plan's budget: one page


def budget_words(rendered: Rendered, sheet: int = 0) -> list[Word]:
    """The words printed on the pages of the workbook's `sheet`-th sheet (0: Budget, 1: Analysis)."""
    name = rendered.result.sheets[sheet]
    return [
        word
        for text, page in zip(pages(rendered.pdf), words(rendered.pdf), strict=True)
        if sheet_of_page(text) == name
        for word in page
    ]


@pytest.mark.parametrize("key", [key for key in ALL if "draft" not in key])
def test_every_lines_label_and_figures_are_printed(rendered: dict[str, Rendered], key: str) -> None:
    plan = load_plan(DATA if "long" not in key else Path(str(rendered[key].result.output)).parent / "long")
    totals = compute_totals(plan.budget)
    language = key.split("-")[0]
    printed = [word[4] for word in budget_words(rendered[key])]
    text = "".join(printed)
    for line in plan.budget.lines:
        name = line.name[language]
        assert re.sub(r"\s", "", name) in text, name[:40]
        figures = [money(value) for value in totals.amounts[line.id].values()] + [money(totals.line_totals[line.id])]
        for figure in figures:
            assert figure in printed, (line.id, figure)
    for figure in [money(value) for value in totals.year_totals.values()] + [money(totals.plan_total)]:
        assert figure in printed, figure


@pytest.mark.parametrize("key", ["en-long", "zh-long"])
def test_a_long_note_goes_below_the_table_whole(rendered: dict[str, Rendered], key: str) -> None:
    language = key.split("-")[0]
    result = rendered[key].result
    book = openpyxl.load_workbook(result.output or "")
    sheet = book.worksheets[0]
    travel = next(row for row in range(4, 12) if sheet[f"A{row}"].value in ("Travel", "差旅"))
    assert result.moved == (("Travel",) if language == "en" else (LONG_NAME["zh"], "差旅"))
    from ccm_plan.exports.xlsx import summary

    assert "given in the notes below the budget table: " in summary(result)  # one text, or texts
    pointer = r"See note ([a-z]) below the table\." if language == "en" else r"见表下注 ([a-z])。"
    found = re.fullmatch(pointer, sheet[f"I{travel}"].value)
    assert found, sheet[f"I{travel}"].value
    name = "Travel: " if language == "en" else "差旅："
    start = f"{found[1]}. {name}{long_note(language)[:40]}"
    assert any(str(cell.value).startswith(start) for cell in sheet["A"]), start
    heights = [dimension.height for dimension in sheet.row_dimensions.values() if dimension.height]
    assert max(heights) <= 409
    assert max(dimension.height or 0 for dimension in book.worksheets[2].row_dimensions.values()) <= 409
    # the note, whole: every numbered sentence is printed once, on the budget's pages
    text = "".join(word[4] for word in budget_words(rendered[key]))
    marks = re.findall(r"N\d{3}" if language == "en" else r"第\d{3}句", long_note(language))
    assert len(marks) > 50
    for mark in marks:
        assert text.count(mark) == 1, mark


@pytest.mark.parametrize("sheet", [0, 1], ids=["budget", "analysis"])
@pytest.mark.parametrize("key", ["en", "zh", "en-long", "zh-long"])
def test_the_budget_and_analysis_print_at_nine_points_or_more(
    rendered: dict[str, Rendered], key: str, sheet: int
) -> None:
    """The size each printed word has, from its width on the page and the font's measured advances: the tables
    and the chart's words (the Analysis fitted to one page printed at about 50%, its figures at 5.5 pt)."""
    language = key.split("-")[0]
    face = measure("Calibri" if language == "en" else "DengXian", bold=False, substitute=False)  # bold reads larger
    sizes = [
        (x1 - x0) / face.width(text, 1)
        for x0, y0, x1, y1, text in budget_words(rendered[key], sheet)
        if len(text) >= 4 and not any(char in text for char in " ") and y1 - y0 < x1 - x0  # the chart's axis
    ]  # name is printed upright, its width a letter's height
    assert len(sizes) > 50 and min(sizes) >= 9, min(sizes)
    book = openpyxl.load_workbook(rendered[key].result.output or "")
    setup = book.worksheets[sheet].page_setup
    assert (setup.paperSize, setup.orientation) == (9, "landscape")
    assert int(setup.scale or 100) >= 90
    assert not book.worksheets[sheet].sheet_properties.pageSetUpPr.fitToPage


def test_the_checks_sheet_prints_in_chinese_at_nine_points_or_more(rendered: dict[str, Rendered]) -> None:
    """The editors' sheet: each finding's message whole on the printed page, in Chinese, at a readable size."""
    from ccm_plan.present.voice import Voice
    from ccm_plan.problems import sort_problems

    result = rendered["zh-checks"].result
    assert result.sheets[3] == "检查"
    printed = budget_words(rendered["zh-checks"], 3)
    face = measure("DengXian", bold=False, substitute=False)
    sizes = [(x1 - x0) / face.width(text, 1) for x0, y0, x1, y1, text in printed if len(text) >= 4 and " " not in text]
    assert len(sizes) > 20 and min(sizes) >= 9, min(sizes)
    text = "".join(word[4] for word in printed)
    voice = Voice("zh")
    for problem in sort_problems(result.problems):
        assert re.sub(r"\s", "", problem.text(voice)) in text
        assert re.sub(r"\s", "", problem.hint_text(voice)) in text


@pytest.mark.parametrize("key", ["en", "zh", "en-long", "zh-long", "zh-bare"])
def test_the_analysis_chart_prints_whole_on_one_page(rendered: dict[str, Rendered], key: str) -> None:
    """The chart is kept on one page (its rows are kept together), below its own title: the title, the axis's
    name and every year under the columns are printed on one Analysis page."""
    language = key.split("-")[0]
    title, axis = (
        ("Budget by line and year", "Amountsin CHF")
        if language == "en"
        else ("按支出项目和年度分列的预算", "金额单位：CHF")
    )
    texts, analysis = pages(rendered[key].pdf), rendered[key].result.sheets[1]
    found = [text for text in texts if sheet_of_page(text) == analysis and title in text]
    assert len(found) == 1
    plain = re.sub(r"\s", "", found[0])
    assert axis.replace(" ", "") in plain
    assert all(str(year) in plain for year in range(2021, 2027))


def printed_lines(pdf: Path) -> list[tuple[int, str]]:
    """Each printed line (page number, text), as pdftotext -bbox-layout groups the words into lines."""
    xhtml = subprocess.run(
        [require("pdftotext", "poppler-utils"), "-bbox-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    found = []
    for number, page in enumerate(xhtml.split("<page ")[1:], start=1):
        for line in re.findall(r"<line [^>]*>(.*?)</line>", page, re.DOTALL):
            found.append((number, " ".join(html.unescape(word) for word in re.findall(r">([^<]*)</word>", line))))
    return found


@pytest.mark.parametrize("key", [*ALL, "zh-checks"])
def test_no_line_starts_with_closing_punctuation(rendered: dict[str, Rendered], key: str) -> None:
    """The Chinese rule for line breaks (GB/T 15834), in print: LibreOffice started lines of the Chinese work plan
    with "。", "，" and "》" before the workbook wrote CJK texts with their line breaks (fonts.wrap)."""
    from ccm_plan.exports.fonts import NO_LINE_END, NO_LINE_START

    lines = printed_lines(rendered[key].pdf)
    assert len(lines) > 100
    wrong = [(page, text) for page, text in lines if text[0] in NO_LINE_START or text[-1] in NO_LINE_END]
    assert not wrong, wrong
    if key.startswith("zh"):  # the rule has something to keep: lines end with the punctuation that closes them
        assert sum(text[-1] in "。，；、》" for _, text in lines) > 10


@pytest.mark.parametrize("key", ALL)
def test_no_text_runs_into_other_text(rendered: dict[str, Rendered], key: str) -> None:
    """Rows are tall enough for their wrapped text: no word is printed over another.

    A row too short for its text makes LibreOffice print the text over the next row; lines of one wrapped
    cell touch (their boxes overlap by about a fifth of their height), words printed over others by far more.
    """
    pages_words = words(rendered[key].pdf)
    assert len(pages_words) >= 4
    for number, page in enumerate(pages_words, start=1):
        for index, (x0, y0, x1, y1, text) in enumerate(page):
            for u0, v0, u1, v1, other in page[index + 1 :]:
                across = min(x1, u1) - max(x0, u0)
                down = min(y1, v1) - max(y0, v0)
                assert across <= 0.5 or down <= 0.5 * min(y1 - y0, v1 - v0), (number, text, other)


@pytest.mark.parametrize("key", ["en", "zh"])
def test_no_heading_ends_a_page(rendered: dict[str, Rendered], key: str) -> None:
    plan = load_plan(DATA)
    language = key
    headings = {area.title[language] for area in plan.workplan.priorities.areas}
    headings |= (
        {
            "Summary",
            "Main objective",
            "Specific objectives",
            "Expected outcomes",
            "Mandate",
            "Priorities",
            "Expected results",
            "Budget notes",
            "Assumptions",
        }
        if language == "en"
        else {"概要", "主要目标", "具体目标", "预期成果", "任务", "工作重点", "预期结果", "预算说明", "假设"}
    )
    for text in pages(rendered[key].pdf):
        lines = [line.strip() for line in text.splitlines() if line.strip()][:-1]  # without the footer
        last = re.sub(r"^[\dIVX一二三四五]+[.、]\s*", "", lines[-1]).strip()
        assert last not in headings, lines[-3:]


def test_the_budget_sheets_png_are_the_printed_first_pages(rendered: dict[str, Rendered]) -> None:
    """docs/budget-sheet.png and docs/budget-sheet-zh.png show the first printed page; UPDATE_PNG=1 regenerates."""
    for key, name in (("en", "budget-sheet"), ("zh", "budget-sheet-zh")):
        target = ROOT / "docs" / f"{name}.png"
        if os.environ.get("UPDATE_PNG"):
            prefix = target.with_suffix("")
            subprocess.run(
                [
                    require("pdftoppm", "poppler-utils"),
                    "-png",
                    "-r",
                    "80",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(rendered[key].pdf),
                    str(prefix),
                ],
                check=True,
            )
        assert target.is_file() and target.stat().st_size > 10_000


def test_the_font_metrics_table_is_current() -> None:
    """src/ccm_plan/exports/font_metrics.json is what fontTools reads from the fonts the tests render with;
    regenerate with `.venv/bin/python -m ccm_plan.exports.fonts`."""
    import json

    from ccm_plan.exports import fonts as metrics

    missing = [path for styles in metrics.SOURCES.values() for path, _ in styles.values() if not Path(path).is_file()]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"fonts missing in CI: {missing} (.ci/run installs fonts-crosextra-carlito, fonts-noto-cjk)")
        pytest.skip(f"fonts not installed: {missing}")
    assert json.loads(json.dumps(metrics.build(), ensure_ascii=False)) == json.loads(
        metrics.METRICS.read_text(encoding="utf-8")
    ), "regenerate with: .venv/bin/python -m ccm_plan.exports.fonts"


def test_wrapping_keeps_the_text_and_chinese_line_breaking_rules() -> None:
    from ccm_plan.exports.fonts import NO_LINE_END, NO_LINE_START, wrap

    face = measure("DengXian", bold=False)
    text = "建立一个与执行《公约》有关的专门知识和做法资料库，以便为各个缔约国提供咨询和技术支助。" * 3
    for width in range(60, 400, 7):
        lines = wrap(text, width, face, 11)
        assert "".join(lines) == text
        assert all(line[0] not in NO_LINE_START for line in lines), lines
        assert all(line[-1] not in NO_LINE_END for line in lines), lines
        assert all(face.width(line, 11) <= width or len(line) <= 2 for line in lines)
    # no paragraph ends with one character alone on its line (the work plan's title printed "预" / "算")
    title = "《集束弹药公约》执行支助股经修订的 2021-2026 年工作计划和预算"
    for width in range(150, 450, 3):
        lines = wrap(title, width, face, 14)
        assert "".join(lines) == title
        assert len(lines) == 1 or len(lines[-1]) > 1, lines
        assert all(face.width(line.rstrip(), 14) <= width for line in lines), lines
    latin = measure("Calibri", bold=False)
    english = "Estimated cost (20% of salaries), depending on the staff members' age and marital status."
    lines = wrap(english, 120, latin, 10)
    assert "".join(lines) == english and len(lines) == 4
    assert all(line.endswith(" ") or line == lines[-1] for line in lines)  # broken between words only
    for line, following in itertools.pairwise(lines):  # greedy: the next word would not have fitted
        assert latin.width(line.rstrip(), 10) <= 120 < latin.width(line + following.split(" ")[0], 10)


def test_a_draft_says_so_atop_every_printed_page(rendered: dict[str, Rendered]) -> None:
    texts = pages(rendered["zh-draft"].pdf)
    assert len(texts) >= 4
    for text in texts:
        first = next(line for line in text.splitlines() if line.strip())
        assert first.strip() == "草稿", first
    assert "【草稿】执行支助股 2021-2026 年预算" in texts[0]


def test_a_long_line_name_is_shortened_in_the_charts_legend_only(rendered: dict[str, Rendered]) -> None:
    import zipfile

    output = rendered["en-long"].result.output
    assert output is not None
    with zipfile.ZipFile(output) as archive:
        chart = archive.read("xl/charts/chart1.xml").decode("utf-8")
    names = re.findall(r"<c:tx><c:v>([^<]*)</c:v></c:tx>", chart)
    assert names == ["Communication, outreach and…"], names  # cut after a word, within 40 characters
    book = openpyxl.load_workbook(output)
    assert book.worksheets[0]["A6"].value == LONG_NAME["en"]  # the Budget sheet has it whole
