"""The exported workbook as a person sees it: printed by LibreOffice, in the fonts it names, the budget on one page.

One soffice run renders both workbooks to PDF; poppler's pdffonts and pdftotext read the PDFs back.
docs/budget-sheet.png is the first page of the English PDF (see the README's export section).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from ccm_plan.exports.xlsx import export_xlsx
from conftest import DATA
from libreoffice import convert, require


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("render")
    sources = {}
    for language in ("en", "zh"):
        result = export_xlsx(DATA, folder / f"{language}.xlsx", language)
        assert result.output is not None
        sources[language] = result.output
    return dict(zip(sources, convert(list(sources.values()), "pdf", folder), strict=True))


def fonts(pdf: Path) -> set[str]:
    """The fonts the PDF uses, without the subset prefix (ABCDEF+Carlito-Bold → Carlito-Bold)."""
    listing = subprocess.run([require("pdffonts", "poppler-utils"), str(pdf)], capture_output=True, text=True)
    return {line.split()[0].split("+")[-1] for line in listing.stdout.splitlines()[2:] if line.strip()}


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        [require("pdftotext", "poppler-utils"), "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


def test_english_prints_in_carlito_only(pdfs: dict[str, Path]) -> None:
    # Bold and italic cells too: a cell format without a font name falls back to a serif face.
    assert fonts(pdfs["en"]) == {"Carlito", "Carlito-Bold", "Carlito-Italic"}


def test_chinese_prints_in_noto_cjk_only(pdfs: dict[str, Path]) -> None:
    found = fonts(pdfs["zh"])
    assert found and all(name.startswith("NotoSansCJK") for name in found), found
    assert any("Bold" in name for name in found)


def test_budget_sheet_is_one_page_with_the_table_and_its_notes(pdfs: dict[str, Path]) -> None:
    first, second = pages(pdfs["en"])[:2]
    assert re.search(r"Budget\s+Page 1 of \d+\s*$", first)  # the footer: sheet name, page n of m
    for text in (
        "ISU budget 2021–2026",
        "Amounts in CHF",
        "2,940,552",
        "In-kind contribution of the Geneva",
        "Budget notes",
    ):
        assert text in first
    assert "4. Other implementation support costs are expected to increase" in first
    assert re.search(r"Analysis\s+Page 2 of \d+\s*$", second)
    first_zh = pages(pdfs["zh"])[0]
    assert "合计" in first_zh and "金额单位：CHF" in first_zh and "2,940,552" in first_zh and "预算说明" in first_zh
    assert re.search(r"预算\s+第 1 页，共 \d+ 页\s*$", first_zh)


def words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes (x0, y0, x1, y1, text), as pdftotext -bbox gives them."""
    xhtml = subprocess.run(
        [require("pdftotext", "poppler-utils"), "-bbox", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    return [
        [(float(x0), float(y0), float(x1), float(y1), text) for x0, y0, x1, y1, text in word.findall(page)]
        for page in xhtml.split("<page ")[1:]
    ]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_no_text_runs_into_other_text(pdfs: dict[str, Path], language: str) -> None:
    """Rows are tall enough for their wrapped text: no word is printed over another.

    A row too short for its text makes LibreOffice print the text over the next row; lines of one wrapped
    cell touch (their boxes overlap by about a fifth of their height), words printed over others by far more.
    """
    pages_words = words(pdfs[language])
    assert len(pages_words) >= 4
    for number, page in enumerate(pages_words, start=1):
        for index, (x0, y0, x1, y1, text) in enumerate(page):
            for u0, v0, u1, v1, other in page[index + 1 :]:
                across = min(x1, u1) - max(x0, u0)
                down = min(y1, v1) - max(y0, v0)
                assert across <= 0.5 or down <= 0.5 * min(y1 - y0, v1 - v0), (number, text, other)
