"""`export docx`: the Word document read back with python-docx, against the source document and its own structure.

Golden dumps (each paragraph's style and text, each table cell's style and text) are in tests/golden/document-*.txt;
after an intended change, regenerate them with `UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_docx.py` and review the
diff.
"""

from __future__ import annotations

import os
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Emu

from conftest import DATA, FIXTURES, MINIMAL, ROOT, SEED, Run, edit, run_cli
from seed_document import collapse, normalise, seed_texts, unmatched

GOLDEN = Path(__file__).parent / "golden"
OTHER = FIXTURES / "document-es"  # an invented plan of another unit: es/fr, USD with cents, four years
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
STYLES = {
    "Doc Symbol",
    "Doc Header",
    "Meeting",
    "Meeting Detail",
    "Agenda Title",
    "Title",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Body Text",
    "Lead",
    "List Number",
    "List Bullet",
    "Caption",
}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped plan's documents as a user makes them: zh as printed, zh corrected, en."""
    folder = tmp_path_factory.mktemp("docx")
    made = {}
    for name, args in {
        "zh-printed": ("--lang", "zh", "--as-printed"),
        "zh": ("--lang", "zh"),
        "en": ("--lang", "en"),
    }.items():
        target = folder / f"{name}.docx"
        run = run_cli("export", "docx", DATA, *args, "-o", target)
        assert run.code == 0, run.stderr
        wrote = "已写入" if "zh" in args else "wrote"  # the tool's words in the language asked
        assert run.stdout.startswith(f"{wrote} {target}\n")
        made[name] = target
    return made


def body(path: Path) -> list[tuple[str, str, Any]]:
    """The document's body in order: ("p", style, paragraph) and ("cell", style, paragraph) for each paragraph of
    each table cell (a merged cell once)."""
    word = docx.Document(str(path))
    out: list[tuple[str, str, Any]] = []
    for element in word.element.body.iterchildren():
        if element.tag == qn("w:p"):
            paragraph = docx.text.paragraph.Paragraph(element, word._body)
            out.append(("p", paragraph.style.name, paragraph))
        elif element.tag == qn("w:tbl"):
            table = docx.table.Table(element, word._body)
            for row in table.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    for paragraph in cell.paragraphs:
                        out.append(("cell", paragraph.style.name, paragraph))
    return out


def texts(path: Path) -> list[str]:
    """Normalised texts in reading order, table cells included (a merged cell once)."""
    out: list[str] = []
    for _, _, paragraph in body(path):
        text = normalise(paragraph.text)
        if text:
            out.append(text)
    return out


def dump(path: Path) -> str:
    """Golden text: one line per paragraph or cell paragraph, `style | text`, with list numbering shown as Word
    numbers it (numId and start), the table's row properties, and the East Asian font where a run sets one."""
    word = docx.Document(str(path))
    lines = []
    for kind, style, paragraph in body(path):
        num = paragraph._element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        numbering = f" [num {num.get(qn('w:val'))}]" if num is not None else ""
        prefix = "  | " if kind == "cell" else ""
        lines.append(f"{prefix}{style}{numbering} | {paragraph.text}".rstrip())
    table = word.tables[0]._tbl
    rows = [
        " ".join(child.tag.split("}")[1] for child in tr.trPr.iterchildren()) if tr.trPr is not None else ""
        for tr in table.tr_lst
    ]
    lines.append(f"table rows: {rows}")
    return "\n".join(lines) + "\n"


# -------------------------------------------------------------------------------------------- fidelity


def test_as_printed_chinese_document_reproduces_the_source(documents: dict[str, Path]) -> None:
    """Every paragraph of the seed, in order, and every cell of its budget table, read back from the .docx."""
    missing, added = unmatched(seed_texts(SEED), texts(documents["zh-printed"]))
    assert missing == []
    assert added == ["（瑞郎）"]  # the caption names the currency, which the seed states only in its Summary


def test_budget_table_cells_read_back(documents: dict[str, Path]) -> None:
    table = docx.Document(str(documents["zh-printed"])).tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    seed_rows = [line.split("\t") for line in SEED.read_text(encoding="utf-8").splitlines() if "\t" in line]
    assert len(rows) == len(seed_rows) == 8
    for row, seed_row in zip(rows, seed_rows, strict=True):
        assert collapse([normalise(cell) for cell in row]) == collapse([normalise(cell) for cell in seed_row])
    assert rows[1][1:7] == ["341,405", "355,162", "365,881", "348,103", "364,282", "378,961"]


def test_corrections_applied_by_default(documents: dict[str, Path]) -> None:
    printed = "\n".join(p.text for _, _, p in body(documents["zh-printed"]))
    fixed = "\n".join(p.text for _, _, p in body(documents["zh"]))
    assert "执行工作组的工作除了" in printed and "组织 and 文件事宜" in printed
    assert "执行工作组" not in fixed and "执行支助股的工作除了" in fixed and "外，还涉及：" in fixed
    assert "组织和文件事宜" in fixed


def test_english_document_has_the_same_structure_and_no_chinese(documents: dict[str, Path]) -> None:
    english = body(documents["en"])
    chinese = body(documents["zh"])
    assert [(kind, style) for kind, style, _ in english] == [(kind, style) for kind, style, _ in chinese]
    with zipfile.ZipFile(documents["en"]) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert not CJK.search(re.sub(r"<[^>]+>", "", xml))
    headings = [p.text for _, style, p in english if style == "Heading 2"]
    assert headings == [
        "I. Mandate of the ISU",
        "II. Priorities of the ISU",
        "III. Expected results",
        "IV. Budget notes",
        "V. Assumptions",
    ]


# ------------------------------------------------------------------------------------------- structure


def test_styles_not_direct_formatting(documents: dict[str, Path]) -> None:
    for kind, style, paragraph in body(documents["zh"]):
        if kind == "p":
            assert style in STYLES, style
        else:
            assert style.startswith("Table "), style
        for run in paragraph.runs:
            r_pr = run._element.rPr
            if r_pr is None:
                continue
            # the only run properties: a character style (Strong, for run-in labels) and the East Asian font
            assert {child.tag for child in r_pr.iterchildren()} <= {qn("w:rStyle"), qn("w:rFonts")}, paragraph.text
    table = docx.Document(str(documents["zh"])).tables[0]
    assert table.style.name == "Budget Table"


def test_east_asian_font_is_set_through_the_xml(documents: dict[str, Path]) -> None:
    """python-docx issue #154: w:eastAsia on the styles and on every Chinese run, or Word picks its own face."""
    word = docx.Document(str(documents["zh"]))
    for name in ("Normal", "Heading 1", "Title", "Table Text"):
        fonts = word.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == "Noto Sans CJK SC", name
        assert fonts.get(qn("w:asciiTheme")) is None  # a theme font would override the name
    chinese_runs = [run for _, _, p in body(documents["zh"]) for run in p.runs if CJK.search(run.text)]
    assert len(chinese_runs) > 150
    for run in chinese_runs:
        assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "Noto Sans CJK SC", run.text
    normal_lang = word.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert normal_lang.get(qn("w:eastAsia")) == "zh-CN"


def test_lists_use_word_numbering_restarting_per_list(documents: dict[str, Path]) -> None:
    word = docx.Document(str(documents["en"]))
    numbering = word.part.numbering_part.element
    items = [(style, p) for _, style, p in body(documents["en"]) if style in ("List Number", "List Bullet")]
    assert len(items) == 8 + 4 + 7 + 51 + 7 + 4 + 6
    numbered_ids: list[str] = []
    for style, paragraph in items:
        num_id = paragraph._element.pPr.numPr.numId.val
        num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
        abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        fmt = next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract).find(
            f"{qn('w:lvl')}/{qn('w:numFmt')}"
        )
        assert fmt.get(qn("w:val")) == ("decimal" if style == "List Number" else "bullet")
        if style == "List Number" and (not numbered_ids or numbered_ids[-1] != str(num_id)):
            numbered_ids.append(str(num_id))
            start = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
            assert start.get(qn("w:val")) == "1"
    assert len(numbered_ids) == len(set(numbered_ids)) == 4  # mandate, results, budget notes, assumptions
    # the texts carry no typed numbers: Word numbers them
    assert not any(re.match(r"\d+\.", p.text) for _, p in items)


def test_budget_table_repeats_its_header_and_stays_on_one_page(documents: dict[str, Path]) -> None:
    word = docx.Document(str(documents["en"]))
    table = word.tables[0]
    rows = table._tbl.tr_lst
    assert rows[0].trPr.find(qn("w:tblHeader")) is not None
    assert all(row.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    assert all(row.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])
    assert word.styles["Table Text"].paragraph_format.keep_with_next
    assert word.styles["Caption"].paragraph_format.keep_with_next
    last = [p for cell in table.rows[-1].cells for p in cell.paragraphs]
    assert all(p.paragraph_format.keep_with_next is False for p in last)  # the chain ends with the table
    total = table.rows[6]
    assert [p.style.name for p in total.cells[0].paragraphs] == ["Table Total"]
    assert word.styles["Table Total"].font.bold
    assert [cell.text for cell in total.cells][:2] == ["Total", "469,686"]
    in_kind = table.rows[7]
    assert in_kind.cells[1]._tc is in_kind.cells[6]._tc and in_kind.cells[1]._tc.grid_span == 6
    assert in_kind.cells[1].text.startswith("In-kind contribution of the Geneva")
    assert table.rows[0].cells[0].text == "Expenditure" and table.rows[0].cells[-1].text == "Notes"
    captions = [p.text for _, style, p in body(documents["en"]) if style == "Caption"]
    assert captions == ["ISU budget 2021–2026 (CHF)"]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_golden_dump(documents: dict[str, Path], language: str) -> None:
    golden = GOLDEN / f"document-{language}.txt"
    text = dump(documents[language])
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"regenerate with UPDATE_GOLDEN=1 and review: {golden}"


# ------------------------------------------------------------------------------------------ reproducible


def test_two_exports_are_byte_identical(tmp_path: Path, documents: dict[str, Path]) -> None:
    again = tmp_path / "again.docx"
    assert run_cli("export", "docx", DATA, "--lang", "zh", "-o", again).code == 0
    assert again.read_bytes() == documents["zh"].read_bytes()
    properties = docx.Document(str(again)).core_properties
    assert properties.author == "《集束弹药公约》执行支助股"  # the plan's unit, in the document's language
    assert properties.title == "《集束弹药公约》执行支助股经修订的 2021-2026 年工作计划和预算"


def test_timestamps_from_source_date_epoch(tmp_path: Path) -> None:
    target = tmp_path / "plan.docx"
    run = run_cli("export", "docx", MINIMAL, "-o", target, env={"SOURCE_DATE_EPOCH": "1630281600"})
    assert run.code == 0, run.stderr
    properties = docx.Document(str(target)).core_properties
    assert properties.created.isoformat() == properties.modified.isoformat() == "2021-08-30T00:00:00+00:00"
    with zipfile.ZipFile(target) as package:
        assert {info.date_time for info in package.infolist()} == {(2021, 8, 30, 0, 0, 0)}
    run = run_cli("export", "docx", MINIMAL, "-o", target, env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert run.code == 2 and "SOURCE_DATE_EPOCH=yesterday: expected a whole number" in run.stderr


# ---------------------------------------------------------------------------------------- other plans


def test_other_units_plan_gives_its_own_document(tmp_path: Path) -> None:
    target = tmp_path / "fr.docx"
    run = run_cli("export", "docx", MINIMAL, "--lang", "fr", "-o", target)
    assert run.code == 0, run.stderr
    text = "\n".join(p.text for _, _, p in body(target))
    for foreign in ("CHF", "瑞郎", "Convention", "ISU", "2021", "GICHD", "Lausanne", "执行"):
        assert foreign not in text
    assert "Réunion des États parties" in text and "(EUR)" in text
    table = docx.Document(str(target)).tables[0]
    # the tool's words from the French catalog, the figures in CLDR's French format (narrow no-break spaces)
    assert [cell.text for cell in table.rows[0].cells] == ["Dépenses", "2024", "2025", "2026", "Observations"]
    assert [cell.text for cell in table.rows[1].cells][1:4] == ["100\u202f000", "104\u202f000", "108\u202f000"]
    assert "Budget\u202f: 396\u202f800\u00a0EUR" in text
    assert len(table.rows) == 1 + 3 + 1  # three lines and the total; no in-kind row
    properties = docx.Document(str(target)).core_properties
    assert properties.language == "fr-FR" and properties.author == "ccm-plan"  # the fixture names no unit


def test_plan_with_errors_gives_no_document_unless_draft(shipped_plan: Path, tmp_path: Path) -> None:
    edit(shipped_plan / "budget.yaml", "2023: 365881", "2023: 369881")  # the stated totals are now wrong
    target = tmp_path / "out.docx"
    run: Run = run_cli("export", "docx", shipped_plan, "-o", target)
    assert run.code == 1 and not target.exists()
    assert "no document written: the plan has errors" in run.stderr
    run = run_cli("export", "docx", shipped_plan, "-o", target, "--draft", "--lang", "zh")
    assert run.code == 1 and target.exists(), run.stderr
    assert "【草稿】zh 文档" in run.stdout  # the summary in the language asked
    word = docx.Document(str(target))
    assert [p.text for p in word.sections[0].header.paragraphs] == ["草稿"]
    assert word.sections[0].header.paragraphs[0].style.name == "Header"
    assert "499,057" in [cell.text for cell in word.tables[0].rows[6].cells]  # the total, recomputed


def test_usage_errors(tmp_path: Path) -> None:
    run = run_cli("export", "docx", DATA, "-o", tmp_path / "plan.doc")
    assert run.code == 2 and "must be a .docx file" in run.stderr
    run = run_cli("export", "docx", DATA, "--lang", "fr")
    assert run.code == 2 and "--lang fr" in run.stderr and "Traceback" not in run.stderr
    run = run_cli("export", "docx", tmp_path / "nothing-here")
    assert run.code == 2 and "Traceback" not in run.stderr


def test_pdf_without_libreoffice_says_how_to_install_it(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    for command in (("docx", "--pdf"), ("pdf",)):
        target = tmp_path / f"plan.{command[0]}"
        run = run_cli("export", command[0], DATA, *command[1:], "-o", target, env={"PATH": str(empty)})
        assert run.code == 2, run.stderr
        assert "PDF needs LibreOffice (soffice), which is not installed" in run.stderr
        assert "apt-get install libreoffice-writer-nogui" in run.stderr
        assert list(tmp_path.glob("plan.*")) == []  # nothing half-done


def test_another_units_document_in_spanish(tmp_path: Path) -> None:
    """An invented plan (tests/fixtures/document-es): symbol, French original, USD with cents, four years, two
    in-kind rows, budget notes numbered 2 and 5 as printed, no headings of its own (the catalog's words)."""
    target = tmp_path / "es.docx"
    run = run_cli("export", "docx", OTHER, "--lang", "es", "-o", target)
    assert run.code == 0, run.stderr
    items = body(target)
    paragraphs = [(style, p.text) for kind, style, p in items if kind == "p"]
    assert paragraphs[:4] == [
        ("Doc Symbol", "EJ/REU.3/2024/7"),
        ("Doc Header", "15 de noviembre de 2024"),
        ("Doc Header", "Español"),
        ("Doc Header", "Original: francés"),
    ]
    assert ("Meeting Detail", "Tema 5 del programa provisional") in paragraphs
    assert [text for style, text in paragraphs if style == "Heading 2"] == [
        "I. Mandato",
        "II. Prioridades",
        "III. Resultados previstos",
        "IV. Notas sobre el presupuesto",
        "V. Supuestos",
    ]
    assert ("Body Text", "Presupuesto: 993.738,50 USD") in paragraphs
    table = docx.Document(str(target)).tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["Gastos", "2025", "2026", "2027", "2028", "Observaciones"]
    assert [cell.text for cell in table.rows[1].cells][1:5] == ["210.000,50", "214.200,25", "218.484,00", "222.853,75"]
    assert [cell.text for cell in table.rows[5].cells][:2] == ["Total", "241.000,50"]
    assert len(table.rows) == 1 + 4 + 1 + 2  # header, four lines, total, two in-kind rows
    assert table.rows[7].cells[1]._tc.grid_span == 4 and table.rows[7].cells[-1].text == "Según disponibilidad."
    word = docx.Document(str(target))
    numbering = word.part.numbering_part.element
    notes = [p for _, style, p in items if style == "List Number" and ("año" in p.text or "anual" in p.text)]
    starts = []
    for paragraph in notes:
        num_id = str(paragraph._element.pPr.numPr.numId.val)
        num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
        starts.append(num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}").get(qn("w:val")))
    assert starts == ["2", "5"]  # numbered as printed
    text = "\n".join(p.text for _, _, p in items)
    for foreign in ("CHF", "Convention on Cluster", "ISU", "2021", "GICHD", "执行"):
        assert foreign not in text
    assert word.core_properties.author == "Unidad de Apoyo de Ejemplo"


def test_a_wide_table_gets_a_landscape_page(tmp_path: Path) -> None:
    """Ten years do not fit A4 portrait: the table gets a landscape page of its own, and each column holds its
    widest figure; the shipped plan's six years stay in one portrait section."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    plan = generate(tmp_path / "plan", lines=12, years=10, activities=10)
    target = tmp_path / "wide.docx"
    run = run_cli("export", "docx", plan, "-o", target)
    assert run.code == 0, run.stderr
    word = docx.Document(str(target))
    orientations = [section.orientation for section in word.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    landscape = word.sections[1]
    text_width = landscape.page_width - landscape.left_margin - landscape.right_margin
    grid = [int(column.get(qn("w:w"))) for column in word.tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(grid) == 12 and sum(grid) <= Emu(text_width).twips + len(grid)  # each width rounded to a twip
    assert min(grid[1:11]) >= Cm(1.4).twips  # "593,218" on one line at 9 pt
    shipped = docx.Document(str(run_cli_doc(tmp_path)))
    assert [section.orientation for section in shipped.sections] == [WD_ORIENT.PORTRAIT]


def run_cli_doc(folder: Path) -> Path:
    target = folder / "shipped.docx"
    assert run_cli("export", "docx", DATA, "-o", target).code == 0
    return target


# ------------------------------------------------------------------------------------------ right to left

ARABIC = FIXTURES / "document-ar"  # an invented plan of another unit: ar/en, USD, three years
ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")


def paragraph_styles_reach_normal(word: Any, name: str) -> bool:
    style = word.styles[name]
    while style is not None and style.name != "Normal":
        style = style.base_style
    return style is not None


def test_arabic_document_is_right_to_left_in_its_own_words(tmp_path: Path) -> None:
    """The Arabic document: the catalog's words (no English), UN Arabic numbering of sections, and right to left
    read back from the XML: paragraphs (the Normal style and the defaults every style inherits), the section, the
    table's columns, and every run with Arabic letters; complex-script font, size and bold in the styles."""
    target = tmp_path / "ar.docx"
    run = run_cli("export", "docx", ARABIC, "--lang", "ar", "-o", target)
    assert run.code == 0, run.stderr
    items = body(target)
    paragraphs = [(style, p.text) for kind, style, p in items if kind == "p"]
    assert paragraphs[:4] == [
        ("Doc Symbol", "EX/MSP/3/2024/7"),
        ("Doc Header", "15 نوفمبر 2024"),
        ("Doc Header", "العربية"),
        ("Doc Header", "الأصل: الإنجليزية"),
    ]
    assert ("Meeting Detail", "البند 5 من جدول الأعمال المؤقت") in paragraphs
    assert [text for style, text in paragraphs if style == "Heading 1"] == ["موجز", "خطة العمل"]
    assert [text for style, text in paragraphs if style == "Heading 2"] == [
        "أولا - الولاية",
        "ثانيا - الأولويات",
        "ثالثا - النتائج المنتظرة",
        "رابعا - ملاحظات على الميزانية",
        "خامسا - الافتراضات",
    ]
    assert [text for style, text in paragraphs if style == "Heading 3"] == ["1 - عالمية الاتفاقية"]
    assert ("Body Text", "الميزانية: 627,362 دولار أمريكي") in paragraphs
    assert ("Caption", "ميزانية الوحدة للفترة 2025–2027 (دولار أمريكي)") in paragraphs
    word = docx.Document(str(target))
    table = word.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["النفقات", "2025", "2026", "2027", "ملاحظات"]
    assert [cell.text for cell in table.rows[4].cells][:2] == ["المجموع", "203,000"]
    text = "\n".join(p.text for _, _, p in items)
    for english in ("Original", "Summary", "Mandate", "Budget", "Total", "Notes", "Expenditure", "Item 5"):
        assert english not in text

    # right to left, as Word reads it
    styles = word.styles.element
    assert styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:bidi')}") is not None
    assert word.styles["Normal"].element.pPr.find(qn("w:bidi")) is not None
    for _, style, paragraph in items:
        assert paragraph_styles_reach_normal(word, style), style  # so every paragraph inherits w:bidi
        p_pr = paragraph._element.pPr
        assert p_pr is None or p_pr.find(qn("w:bidi")) is None  # none turns it off
    assert all(section._sectPr.find(qn("w:bidi")) is not None for section in word.sections)
    assert table._tbl.tblPr.find(qn("w:bidiVisual")) is not None  # the first column at the right
    runs = [run for _, _, p in items for run in p.runs]
    arabic = [run for run in runs if ARABIC_LETTER.search(run.text)]
    assert len(arabic) > 40
    for run in runs:
        flagged = run._element.rPr is not None and run._element.rPr.find(qn("w:rtl")) is not None
        assert flagged == (run in arabic), run.text  # the symbol and the figures stay left to right
    for name, half_points, bold in (("Normal", "22", None), ("Heading 1", "28", True), ("Table Text", "18", None)):
        r_pr = word.styles[name].element.rPr
        assert r_pr.rFonts.get(qn("w:cs")) == "Arial", name  # Calibri has no Arabic letters
        assert r_pr.find(qn("w:szCs")).get(qn("w:val")) == half_points, name
        assert (r_pr.find(qn("w:bCs")) is not None) == bool(bold), name
        assert r_pr.find(qn("w:lang")).get(qn("w:bidi")) == "ar-SA", name
    # the figures at the right of their cells: in a right-to-left paragraph Word's "left" is the start
    assert word.styles["Table Amount"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT


def test_left_to_right_documents_carry_no_right_to_left_markup(documents: dict[str, Path]) -> None:
    for language in ("en", "zh"):
        with zipfile.ZipFile(documents[language]) as package:
            xml = package.read("word/document.xml") + package.read("word/styles.xml")
        for tag in (b"<w:bidi/>", b"<w:rtl/>", b"<w:bidiVisual"):
            assert tag not in xml, (language, tag)


def test_an_arabic_landscape_section_is_right_to_left_too(tmp_path: Path) -> None:
    """A table too wide for portrait gets sections of its own: each is right to left in an Arabic document."""
    import dataclasses
    import datetime
    import io

    from ccm_plan.exports.document import BudgetTable, TableRow, build_document
    from ccm_plan.exports.docx import render_docx
    from ccm_plan.read.loader import load_plan

    document = build_document(load_plan(ARABIC), "ar")
    years = [str(year) for year in range(2025, 2037)]
    wide = BudgetTable(
        "جدول", ("النفقات", *years, "ملاحظات"), (TableRow("line", ("السفر", *["1,000,000"] * 12, "")),), 12
    )
    blocks = tuple(wide if isinstance(block, BudgetTable) else block for block in document.blocks)
    data = render_docx(dataclasses.replace(document, blocks=blocks), datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
    word = docx.Document(io.BytesIO(data))
    assert [section.orientation for section in word.sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
    ]
    assert all(section._sectPr.find(qn("w:bidi")) is not None for section in word.sections)


def test_arabic_markdown_has_the_same_words(tmp_path: Path) -> None:
    target = tmp_path / "ar.md"
    run = run_cli("export", "md", ARABIC, "--lang", "ar", "-o", target)
    assert run.code == 0, run.stderr
    text = target.read_text(encoding="utf-8")
    assert "الأصل: الإنجليزية\n" in text and "### أولا - الولاية\n" in text
    assert "**الميزانية:** 627,362 دولار أمريكي\n" in text
    assert "| **المجموع** | **203,000** | **208,900** | **215,462** |  |\n" in text
