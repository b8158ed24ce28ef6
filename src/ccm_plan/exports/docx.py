"""The plan's document as a Word file (python-docx), the exchange format of UN translators and editors.

Renders a `PlanDocument` (exports/document.py) with named styles, never direct formatting, so an editor's or a
translator's Word keeps the structure: the header lines, meeting and title have their own paragraph styles
("Doc Header", "Meeting", "Agenda Title", Title), sections are Heading 1–3, lists are "List Number" and "List Bullet"
with real Word numbering (each list restarts at its first number), the budget table is the table style "Budget
Table" with cell paragraph styles ("Table Heading", "Table Text", "Table Amount", "Table Total", …).

- Chinese: python-docx sets no East Asian font (python-docx issue #154), so `w:eastAsia` is set through the XML,
  on the styles and on every run with CJK text, and the styles carry `w:lang w:eastAsia`, so Word and LibreOffice
  use the chosen CJK font and line-breaking rules.
- Arabic (a right-to-left language): every paragraph and section is right to left (`w:bidi` on the Normal style,
  the document defaults and each section), the budget table's columns run from the right (`w:bidiVisual`), every run
  with Arabic letters carries `w:rtl`, and the styles give right-to-left text its own font, size and bold (`w:cs`,
  `w:szCs`, `w:bCs`, `w:lang w:bidi`): Word sets Arabic in those, never in the Latin ones. Alignments are logical
  in a right-to-left paragraph (Word's `left` is its start, the right), so the header block and the figures mirror
  as in the UN's Arabic documents, and a column of figures keeps its digits aligned at the right.
- The budget table repeats its header row on every page and is kept on one page: every row is unsplittable and
  keeps with the next (the cell styles keep with the next paragraph; the last row ends the chain).
- Byte-identical output: every zip entry carries the export's one timestamp (exports/reproducible.py), entries are
  written in a fixed order with fixed attributes, and the core properties use the same timestamp.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from .document import BudgetTable, Heading, ItemList, Paragraph, PlanDocument, Run

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.styles.style import BaseStyle

    from ..problems import Problem
    from .document import Prepared

LATIN_FONT = "Calibri"  # LibreOffice shows it with Carlito, which has the same metrics
BODY_SIZE = 11  # points
TABLE_SIZE = 9  # points
PAGE_WIDTH_CM = 21.0  # A4
PAGE_HEIGHT_CM = 29.7
MARGIN_CM = 2.0
NAME_COLUMN_CM = 3.2
NOTES_COLUMN_CM = 4.6
TABLE_DIGIT_CM = 0.18  # the width of a digit or comma at 9 pt in Calibri/Carlito, with a margin
TABLE_PADDING_CM = 0.1  # the cell margins (57 twips) on each side
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")  # Hebrew, Arabic and their presentation forms
_ZIP_EPOCH = datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)  # the earliest time a zip entry can carry

# Role of a paragraph in the document model → its paragraph style.
ROLE_STYLES = {
    "symbol": "Doc Symbol",
    "header": "Doc Header",
    "meeting": "Meeting",
    "meeting-detail": "Meeting Detail",
    "agenda-title": "Agenda Title",
    "title": "Title",
    "body": "Body Text",
    "lead": "Lead",
    "label": "Lead",
}
HEADING_STYLES = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3"}


@dataclass(frozen=True)
class DocxResult:
    """What `export_docx` did: the prepared document (see `prepare_document`), the file written (None when the
    plan gives no document), and the PDF beside it when asked."""

    prepared: Prepared
    output: Path | None
    pdf: Path | None = None

    @property
    def problems(self) -> list[Problem]:
        return self.prepared.problems


def export_docx(
    path: Path | str,
    output: Path | None = None,
    language: str | None = None,
    *,
    as_printed: bool = False,
    draft: bool = False,
    pdf: bool = False,
) -> DocxResult:
    """Write the plan at `path` as a Word document, atomically; with `pdf`, also convert it with LibreOffice.

    `output`: the .docx file, or a folder for the default name (`isu-budget-2021-2026.docx`, `-zh` for Chinese).
    Raises `PlanNotFoundError`, `OptionError` (a language the plan lacks, an output not ending in .docx, an
    invalid SOURCE_DATE_EPOCH), `OutputError` (the file cannot be written) and `ConversionError` (no LibreOffice,
    or it failed).
    """
    from ..errors import ConversionError
    from ..read.atomic import write_bytes
    from .document import output_path, prepare_document

    prepared = prepare_document(path, language, as_printed=as_printed, draft=draft)
    if prepared.document is None:
        return DocxResult(prepared, None)
    target = output_path(prepared.plan, prepared.language, output, ".docx")
    if pdf:
        from .pdf import INSTALL_HINT, find_soffice

        if find_soffice() is None:  # say so before writing anything
            raise ConversionError(
                f"{target.with_suffix('.pdf')}: PDF needs LibreOffice (soffice), which is not installed; {INSTALL_HINT}"
            )
    write_bytes(target, document_bytes(prepared))
    converted = None
    if pdf:
        from .pdf import convert_to_pdf

        converted = convert_to_pdf(target)
    return DocxResult(prepared, target, converted)


def document_bytes(prepared: Prepared) -> bytes:
    """The .docx bytes of a prepared document, stamped with the plan's one timestamp and commit."""
    from .reproducible import document_time, plan_commit

    assert prepared.document is not None
    plan = prepared.plan
    files = [Path(name).name for name in plan.files]
    return render_docx(prepared.document, document_time(plan.folder, files), plan_commit(plan.folder, files))


def render_docx(document: PlanDocument, when: datetime.datetime, commit: str | None = None) -> bytes:
    """The document as the bytes of a .docx file; the same arguments always give the same bytes."""
    import docx

    word = docx.Document()
    styles = _Styles(word, document)
    styles.define()
    _page(word, document)
    numbering = _Numbering(word)
    body = word.element.body
    for paragraph in list(word.paragraphs):  # the template's empty first paragraph
        body.remove(paragraph._element)
    for block in document.blocks:
        if isinstance(block, Heading):
            _paragraph(word, document, HEADING_STYLES[block.level], (Run(block.text),))
        elif isinstance(block, Paragraph):
            _paragraph(word, document, ROLE_STYLES[block.role], block.runs)
        elif isinstance(block, ItemList):
            num = numbering.new_list(block.numbered, block.start)
            style = "List Number" if block.numbered else "List Bullet"
            for item in block.items:
                paragraph = _paragraph(word, document, style, (Run(item),))
                numbering.apply(paragraph, num)
        else:
            _table(word, document, block)
    _properties(word, document, when, commit)
    package_rels = word.part.package.rels
    for rel_id in [rel.rId for rel in package_rels.values() if rel.reltype.endswith("/thumbnail")]:
        package_rels.pop(rel_id)  # the template's thumbnail: a picture of an empty page
    buffer = io.BytesIO()
    word.save(buffer)
    return _fixed_zip(buffer.getvalue(), when)


# ----------------------------------------------------------------------------------------------- styles


class _Styles:
    """The document's named styles: fonts for the language (with `w:eastAsia`), sizes, spacing, keep-with-next."""

    def __init__(self, word: DocxDocument, document: PlanDocument) -> None:
        self.word = word
        self.document = document

    def define(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt, RGBColor

        styles = self.word.styles
        self._defaults()
        normal = styles["Normal"]
        self._font(normal, BODY_SIZE)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.widow_control = True
        if self.document.right_to_left:
            _flag(normal.element.get_or_add_pPr(), "w:bidi")

        def paragraph_style(name: str, base: str = "Normal") -> Any:
            style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            if name != base:
                style.base_style = styles[base]
            return style

        for level, size in ((1, 14), (2, 13), (3, 12)):
            heading = paragraph_style(f"Heading {level}")
            self._font(heading, size, bold=True)
            heading.font.italic = False
            heading.font.color.rgb = RGBColor(0, 0, 0)
            heading.paragraph_format.space_before = Pt(12)
            heading.paragraph_format.space_after = Pt(6)
            heading.paragraph_format.keep_with_next = True
        title = paragraph_style("Title")
        self._font(title, 16, bold=True)
        title.font.color.rgb = RGBColor(0, 0, 0)
        title.paragraph_format.space_before = Pt(18)
        title.paragraph_format.space_after = Pt(12)
        title.paragraph_format.keep_with_next = True
        self._no_border(title)

        header = paragraph_style("Doc Header")
        header.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        header.paragraph_format.space_after = Pt(0)
        symbol = paragraph_style("Doc Symbol", "Doc Header")
        self._font(symbol, 14, bold=True)
        meeting = paragraph_style("Meeting")
        self._font(meeting, 12, bold=True)
        meeting.paragraph_format.space_before = Pt(12)
        meeting.paragraph_format.space_after = Pt(0)
        meeting.paragraph_format.keep_with_next = True
        detail = paragraph_style("Meeting Detail")
        detail.paragraph_format.space_after = Pt(0)
        detail.paragraph_format.keep_with_next = True
        agenda = paragraph_style("Agenda Title")
        self._font(agenda, BODY_SIZE, bold=True)
        agenda.paragraph_format.space_after = Pt(0)
        agenda.paragraph_format.keep_with_next = True

        body = paragraph_style("Body Text")
        body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        lead = paragraph_style("Lead", "Body Text")
        lead.paragraph_format.keep_with_next = True
        for name in ("List Number", "List Bullet"):
            listed = paragraph_style(name, "Body Text")
            listed.paragraph_format.space_after = Pt(3)
            listed.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT  # justified short lines gape

        caption = paragraph_style("Caption")
        self._font(caption, BODY_SIZE, bold=True)
        caption.font.italic = False
        caption.font.color.rgb = RGBColor(0, 0, 0)
        caption.paragraph_format.space_before = Pt(12)
        caption.paragraph_format.keep_with_next = True

        cell = paragraph_style("Table Text")
        self._font(cell, TABLE_SIZE)
        cell.paragraph_format.space_after = Pt(0)
        cell.paragraph_format.keep_with_next = True  # the table stays on one page
        # figures at the right, digits aligned: in a right-to-left paragraph, the start (Word's "left") is the right
        figures = WD_ALIGN_PARAGRAPH.LEFT if self.document.right_to_left else WD_ALIGN_PARAGRAPH.RIGHT
        amount = paragraph_style("Table Amount", "Table Text")
        amount.paragraph_format.alignment = figures
        heading_cell = paragraph_style("Table Heading", "Table Text")
        heading_cell.font.bold = True
        heading_cell.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        total = paragraph_style("Table Total", "Table Text")
        total.font.bold = True
        total_amount = paragraph_style("Table Total Amount", "Table Total")
        total_amount.paragraph_format.alignment = figures
        in_kind = paragraph_style("Table In Kind", "Table Text")
        in_kind.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

        table = (
            styles["Budget Table"]
            if "Budget Table" in styles
            else styles.add_style("Budget Table", WD_STYLE_TYPE.TABLE)
        )
        table.base_style = styles["Table Grid"]
        self._table_margins(table)

        strong = styles["Strong"]
        strong.font.bold = True
        header_style = styles["Header"]
        self._font(header_style, BODY_SIZE, bold=True)
        header_style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def _defaults(self) -> None:
        """The document defaults: fonts without theme references (theme fonts would override the names)."""
        from docx.oxml.ns import qn

        styles_element = self.word.styles.element
        defaults = styles_element.find(qn("w:docDefaults"))
        if defaults is None:
            return
        r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if r_pr is not None:
            self._fonts_element(r_pr)
        if self.document.right_to_left:
            p_pr_default = defaults.find(qn("w:pPrDefault"))
            if p_pr_default is None:
                p_pr_default = defaults.makeelement(qn("w:pPrDefault"), {})
                defaults.append(p_pr_default)
            p_pr = p_pr_default.find(qn("w:pPr"))
            if p_pr is None:
                p_pr = p_pr_default.makeelement(qn("w:pPr"), {})
                p_pr_default.append(p_pr)
            _flag(p_pr, "w:bidi")

    def _font(self, style: BaseStyle, size: float, bold: bool | None = None) -> None:
        from docx.shared import Pt

        font = style.font  # type: ignore[attr-defined]
        font.name = LATIN_FONT
        font.size = Pt(size)
        if bold is not None:
            font.bold = bold
        r_pr = style.element.get_or_add_rPr()
        if self.document.right_to_left:  # Word sets right-to-left text in its complex-script size and bold
            _flag(r_pr, "w:szCs", str(int(size * 2)))
            if bold is not None:
                _flag(r_pr, "w:bCs", None if bold else "0")
        self._fonts_element(r_pr)

    def _fonts_element(self, r_pr: Any) -> None:
        """rFonts with explicit names for every script (w:eastAsia for CJK: python-docx issue #154), and the
        document's language, so Word and LibreOffice pick the right font and line breaking."""
        from docx.oxml.ns import qn

        fonts = r_pr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = r_pr.makeelement(qn("w:rFonts"), {})
            r_pr.insert(0, fonts)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        east_asian = self.document.font if self.document.east_asian else LATIN_FONT
        complex_script = self.document.complex_font if self.document.right_to_left else LATIN_FONT
        for attribute, name in (("w:ascii", LATIN_FONT), ("w:hAnsi", LATIN_FONT), ("w:cs", complex_script)):
            fonts.set(qn(attribute), name)
        fonts.set(qn("w:eastAsia"), east_asian)
        if self.document.right_to_left:
            lang = r_pr.find(qn("w:lang"))
            if lang is None:
                lang = r_pr.makeelement(qn("w:lang"), {})
                r_pr.append(lang)
            lang.set(qn("w:bidi"), _bcp47(self.document.language))
            return
        if self.document.east_asian:
            lang = r_pr.find(qn("w:lang"))
            if lang is None:
                lang = r_pr.makeelement(qn("w:lang"), {})
                r_pr.append(lang)
            lang.set(qn("w:eastAsia"), _bcp47(self.document.language))
        elif r_pr.find(qn("w:lang")) is None and r_pr.getparent() is not None:
            lang = r_pr.makeelement(qn("w:lang"), {qn("w:val"): _bcp47(self.document.language)})
            r_pr.append(lang)

    @staticmethod
    def _no_border(style: BaseStyle) -> None:
        """The template's Title has a bottom border; a meeting document's title has none."""
        from docx.oxml.ns import qn

        p_pr = style.element.find(qn("w:pPr"))
        if p_pr is not None:
            for border in p_pr.findall(qn("w:pBdr")):
                p_pr.remove(border)

    @staticmethod
    def _table_margins(style: BaseStyle) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls, qn

        element = style.element
        tbl_pr = element.find(qn("w:tblPr"))
        if tbl_pr is None:
            tbl_pr = parse_xml(f"<w:tblPr {nsdecls('w')}/>")
            element.append(tbl_pr)
        for old in tbl_pr.findall(qn("w:tblCellMar")):
            tbl_pr.remove(old)
        tbl_pr.append(
            parse_xml(
                f"<w:tblCellMar {nsdecls('w')}><w:top w:w='28' w:type='dxa'/><w:left w:w='57' w:type='dxa'/>"
                "<w:bottom w:w='28' w:type='dxa'/><w:right w:w='57' w:type='dxa'/></w:tblCellMar>"
            )
        )


def _bcp47(language: str) -> str:
    return {"zh": "zh-CN", "en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "ar": "ar-SA"}.get(
        language, language
    )


def _page(word: DocxDocument, document: PlanDocument) -> None:
    """A4 with 2 cm margins; a draft says so in the page header of every page."""
    from docx.shared import Cm

    section = word.sections[0]
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    if document.right_to_left:
        _flag(section._sectPr, "w:bidi")
    if document.draft:
        header = section.header.paragraphs[0]
        header.style = word.styles["Header"]
        _runs(header, document, (Run(document.draft_label),))


# -------------------------------------------------------------------------------------------- paragraphs


def _paragraph(word: DocxDocument, document: PlanDocument, style: str, runs: Sequence[Run]) -> Any:
    paragraph = word.add_paragraph(style=word.styles[style])
    _runs(paragraph, document, runs)
    return paragraph


def _runs(paragraph: Any, document: PlanDocument, runs: Sequence[Run]) -> None:
    from docx.oxml.ns import qn

    for part in runs:
        run = paragraph.add_run(part.text)
        if part.strong:
            run.style = paragraph.part.document.styles["Strong"]
        if document.right_to_left and _RTL.search(part.text):
            _flag(run._element.get_or_add_rPr(), "w:rtl")  # Arabic letters: a right-to-left run
        if _CJK.search(part.text):
            # python-docx issue #154: no API for the East Asian font; without it Word picks its own CJK face.
            fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
            fonts.set(qn("w:eastAsia"), document.font if document.east_asian else _fallback_cjk_font())


def _fallback_cjk_font() -> str:
    return "Noto Sans CJK SC"


class _Numbering:
    """Real Word numbering: one abstract definition for numbered lists and one for bullets, and one numbering
    instance per list, so that each numbered list restarts at its own first number."""

    DECIMAL = 9101
    BULLET = 9102

    def __init__(self, word: DocxDocument) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls, qn

        self.root = word.part.numbering_part.element
        self.next_id = 1 + max((int(num.get(qn("w:numId"))) for num in self.root.findall(qn("w:num"))), default=0)
        definitions = (
            (self.DECIMAL, "decimal", "%1."),
            (self.BULLET, "bullet", "\u2022"),
        )
        last_abstract = self.root.findall(qn("w:abstractNum"))
        position = self.root.index(last_abstract[-1]) + 1 if last_abstract else 0
        for abstract_id, kind, text in definitions:
            element = parse_xml(
                f"<w:abstractNum {nsdecls('w')} w:abstractNumId='{abstract_id}'>"
                "<w:multiLevelType w:val='singleLevel'/>"
                f"<w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='{kind}'/><w:lvlText w:val='{text}'/>"
                "<w:lvlJc w:val='left'/><w:pPr><w:ind w:left='567' w:hanging='567'/></w:pPr></w:lvl>"
                "</w:abstractNum>"
            )
            self.root.insert(position, element)
            position += 1
        self.bullets: int | None = None

    def new_list(self, numbered: bool, start: int) -> int:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        if not numbered and self.bullets is not None:
            return self.bullets
        num_id = self.next_id
        self.next_id += 1
        abstract = self.DECIMAL if numbered else self.BULLET
        override = f"<w:lvlOverride w:ilvl='0'><w:startOverride w:val='{start}'/></w:lvlOverride>" if numbered else ""
        self.root.append(
            parse_xml(
                f"<w:num {nsdecls('w')} w:numId='{num_id}'><w:abstractNumId w:val='{abstract}'/>{override}</w:num>"
            )
        )
        if not numbered:
            self.bullets = num_id
        return num_id

    @staticmethod
    def apply(paragraph: Any, num_id: int) -> None:
        p_pr = paragraph._element.get_or_add_pPr()
        num_pr = p_pr.get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num_id


# ------------------------------------------------------------------------------------------------- table


def _table(word: DocxDocument, document: PlanDocument, block: BudgetTable) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Cm

    # A year column must hold its widest figure on one line; a table too wide for A4 portrait gets a landscape
    # page of its own (a plan of ten years), and the document goes on in portrait after it.
    needed = _year_column_cm(block)
    landscape = NAME_COLUMN_CM + NOTES_COLUMN_CM + needed * block.years > PAGE_WIDTH_CM - 2 * MARGIN_CM
    if landscape:
        _new_section(word, document, landscape=True)
    text_width = (PAGE_HEIGHT_CM if landscape else PAGE_WIDTH_CM) - 2 * MARGIN_CM
    year_width = max(needed, (text_width - NAME_COLUMN_CM - NOTES_COLUMN_CM) / max(block.years, 1))
    notes_width = max(NOTES_COLUMN_CM, text_width - NAME_COLUMN_CM - year_width * block.years)
    widths = [NAME_COLUMN_CM, *([year_width] * block.years), notes_width]
    _paragraph(word, document, "Caption", (Run(block.caption),))
    columns = len(block.header)
    table = word.add_table(rows=1 + len(block.rows), cols=columns)
    table.style = word.styles["Budget Table"]
    table.autofit = False
    if document.right_to_left:
        _flag(table._tbl.tblPr, "w:bidiVisual")  # the first column at the right
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(int(Cm(width).twips)))

    def fill(cell: Any, text: str, style: str) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.style = word.styles[style]
        _runs(paragraph, document, (Run(text),) if text else ())

    header = table.rows[0]
    for index, text in enumerate(block.header):
        fill(header.cells[index], text, "Table Heading")
    last = len(block.rows)
    for number, row in enumerate(block.rows, start=1):
        cells = table.rows[number].cells
        if row.kind == "in-kind" and row.span > 1:
            merged = cells[1].merge(cells[row.span])
            cells = [cells[0], merged, *([merged] * (row.span - 1)), cells[-1]]
        total = row.kind == "total"
        for index, text in enumerate(row.cells):
            if row.kind == "in-kind" and 1 < index <= row.span:
                continue
            is_amount = 1 <= index <= block.years
            if row.kind == "in-kind" and index == 1:
                style = "Table In Kind"
            elif total:
                style = "Table Total Amount" if is_amount else "Table Total"
            else:
                style = "Table Amount" if is_amount else "Table Text"
            fill(cells[index], text, style)
        if number == last:  # the end of the keep-with-next chain that holds the table on one page
            for cell in table.rows[number].cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = False
    for index, row_element in enumerate(table._tbl.tr_lst):
        tr_pr = row_element.get_or_add_trPr()
        tr_pr.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
        if index == 0:
            tr_pr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
        for cell, width in zip(row_element.tc_lst, _cell_widths(row_element, widths), strict=True):
            cell.get_or_add_tcPr()
            cell.width = Cm(width)
    if landscape:
        _new_section(word, document, landscape=False)


def _year_column_cm(block: BudgetTable) -> float:
    """The width a year column needs for its widest text (figures and year headings) at the table's size."""
    texts = [block.header[1 : 1 + block.years]] + [
        row.cells[1 : 1 + block.years] for row in block.rows if row.kind != "in-kind"
    ]
    widest = max((sum(2 if _CJK.match(char) else 1 for char in text) for cells in texts for text in cells), default=4)
    return max(1.2, widest * TABLE_DIGIT_CM + 2 * TABLE_PADDING_CM)


def _new_section(word: DocxDocument, document: PlanDocument, *, landscape: bool) -> None:
    """Start a new page in landscape (or back in portrait) for what follows; margins and headers carry over."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm

    section = word.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Cm(PAGE_HEIGHT_CM), Cm(PAGE_WIDTH_CM)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    if document.right_to_left:
        _flag(section._sectPr, "w:bidi")


_ORDER = {
    # the order of a properties element's children (ECMA-376 Part 1, §17.3.1.26, §17.3.2.28, §17.6.17, §17.4.60),
    # from the one each `_flag` sets on: what may follow it
    "pPr": (
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    ),
    "rPr": (
        "w:bCs",
        "w:i",
        "w:iCs",
        "w:caps",
        "w:smallCaps",
        "w:strike",
        "w:dstrike",
        "w:outline",
        "w:shadow",
        "w:emboss",
        "w:imprint",
        "w:noProof",
        "w:snapToGrid",
        "w:vanish",
        "w:webHidden",
        "w:color",
        "w:spacing",
        "w:w",
        "w:kern",
        "w:position",
        "w:sz",
        "w:szCs",
        "w:highlight",
        "w:u",
        "w:effect",
        "w:bdr",
        "w:shd",
        "w:fitText",
        "w:vertAlign",
        "w:rtl",
        "w:cs",
        "w:em",
        "w:lang",
        "w:eastAsianLayout",
        "w:specVanish",
        "w:oMath",
    ),
    "sectPr": ("w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"),
    "tblPr": (
        "w:bidiVisual",
        "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize",
        "w:tblW",
        "w:jc",
        "w:tblCellSpacing",
        "w:tblInd",
        "w:tblBorders",
        "w:shd",
        "w:tblLayout",
        "w:tblCellMar",
        "w:tblLook",
        "w:tblCaption",
        "w:tblDescription",
        "w:tblPrChange",
    ),
}


def _flag(parent: Any, tag: str, value: str | None = None) -> None:
    """Set the child `tag` (`w:bidi`, `w:rtl`, …) of a properties element, in the place the schema gives it,
    with `w:val` when `value` is given."""
    from docx.oxml.ns import qn

    child = parent.find(qn(tag))
    if child is None:
        order = _ORDER[parent.tag.rpartition("}")[2]]
        child = parent.makeelement(qn(tag), {})
        parent.insert_element_before(child, *order[order.index(tag) + 1 :])
    if value is not None:
        child.set(qn("w:val"), value)


def _cell_widths(row_element: Any, widths: list[float]) -> list[float]:
    """The width of each cell of a row: a merged cell spans the widths of its grid columns."""
    out, column = [], 0
    for cell in row_element.tc_lst:
        span = cell.grid_span
        out.append(sum(widths[column : column + span]))
        column += span
    return out


# -------------------------------------------------------------------------------------------- properties


def _properties(word: DocxDocument, document: PlanDocument, when: datetime.datetime, commit: str | None) -> None:
    properties = word.core_properties
    properties.title = document.title
    properties.subject = document.subject
    properties.author = document.author
    properties.last_modified_by = "ccm-plan"
    properties.comments = f"ccm-plan {__version__}" + (f"; plan commit {commit}" if commit else "")
    properties.keywords = "ccm-plan"
    properties.category = ""
    properties.language = _bcp47(document.language)
    properties.revision = 1
    stamp = when.astimezone(datetime.UTC).replace(tzinfo=None)
    properties.created = stamp
    properties.modified = stamp


def _fixed_zip(data: bytes, when: datetime.datetime) -> bytes:
    """The package rewritten with one timestamp on every entry, fixed attributes, and without the template's
    thumbnail (a picture of an empty page): the same document gives the same bytes."""
    moment = max(when.astimezone(datetime.UTC), _ZIP_EPOCH)
    date_time = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            entry.create_system = 0
            target.writestr(entry, source.read(info.filename), compresslevel=9)
    return out.getvalue()
