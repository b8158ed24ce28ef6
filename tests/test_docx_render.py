"""The Word documents as people read them: LibreOffice lays them out and prints them to PDF, poppler reads them back.

Fonts embedded (Carlito for English; a Noto CJK face for Chinese), the Chinese text really in the PDF, no page
ending with a heading cut off from its text, the budget table on one page. docs/document-en.png and
docs/document-zh.png are the first pages of these PDFs (`pdftoppm -r 60 -png -f 1 -l 1`; see the README).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest

from conftest import DATA, MINIMAL, run_cli
from libreoffice import convert, require


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """{name: (docx, pdf)} for the shipped plan in en and zh and the minimal plan in fr; one soffice run."""
    folder = tmp_path_factory.mktemp("render-docx")
    sources = {}
    for name, plan, language in (("en", DATA, "en"), ("zh", DATA, "zh"), ("fr", MINIMAL, "fr")):
        target = folder / f"{name}.docx"
        run = run_cli("export", "docx", plan, "--lang", language, "-o", target)
        assert run.code == 0, run.stderr
        sources[name] = target
    pdfs = convert(list(sources.values()), "pdf", folder)
    return {name: (source, pdf) for (name, source), pdf in zip(sources.items(), pdfs, strict=True)}


def fonts(pdf: Path) -> dict[str, bool]:
    """{font name without subset prefix: embedded} as pdffonts lists them."""
    listing = subprocess.run([require("pdffonts", "poppler-utils"), str(pdf)], capture_output=True, text=True)
    out = {}
    for line in listing.stdout.splitlines()[2:]:
        if line.strip():
            columns = line.split()
            out[columns[0].split("+")[-1]] = columns[-5] == "yes"
    return out


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        [require("pdftotext", "poppler-utils"), "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


def headings(source: Path) -> list[str]:
    """Texts that must never end a page: headings, the caption, and the run-in labels that introduce a list."""
    word = docx.Document(str(source))
    keep = {"Heading 1", "Heading 2", "Heading 3", "Caption", "Lead", "Meeting", "Title"}
    return [p.text for p in word.paragraphs if p.style.name in keep and p.text]


def test_english_fonts_embedded(rendered: dict[str, tuple[Path, Path]]) -> None:
    found = fonts(rendered["en"][1])
    assert found and all(found.values()), found
    assert set(found) <= {"Carlito", "Carlito-Bold"}, found


def test_chinese_prints_in_a_cjk_font_embedded(rendered: dict[str, tuple[Path, Path]]) -> None:
    found = fonts(rendered["zh"][1])
    assert found and all(found.values()), found
    assert any("CJK" in name for name in found), found
    assert any("CJK" in name and "Bold" in name for name in found), found  # headings and labels in bold CJK


def test_chinese_text_is_in_the_pdf(rendered: dict[str, tuple[Path, Path]]) -> None:
    text = "".join(pages(rendered["zh"][1])).replace(" ", "")
    for fragment in (
        "第二次审议会议",
        "一.执行支助股的任务",
        "执行支助股2021-2026年预算（瑞郎）",
        "五.假设",
        "国家联盟",
    ):
        assert fragment in text, fragment


def test_no_page_ends_with_a_stranded_heading(rendered: dict[str, tuple[Path, Path]]) -> None:
    for name, (source, pdf) in rendered.items():
        keep = [" ".join(text.split()) for text in headings(source)]
        printed = pages(pdf)
        assert len(printed) >= 1
        for number, page in enumerate(printed[:-1], start=1):
            lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
            last = lines[-1]
            assert not any(last == text or (len(last) > 3 and text.endswith(last)) for text in keep), (
                name,
                number,
                last,
            )


def test_budget_table_is_on_one_page(rendered: dict[str, tuple[Path, Path]]) -> None:
    for name, first, last in (("en", "Expenditure", "Administrative costs"), ("zh", "支出", "行政费用")):
        holding = [index for index, page in enumerate(pages(rendered[name][1])) if first in page or last in page]
        table_pages = {
            index
            for index in holding
            if first in pages(rendered[name][1])[index] and last in pages(rendered[name][1])[index]
        }
        assert table_pages, (name, holding)


def test_other_units_document_prints(rendered: dict[str, tuple[Path, Path]]) -> None:
    text = "".join(pages(rendered["fr"][1]))
    assert "Réunion des États parties" in text and "(EUR)" in text and "CHF" not in text
