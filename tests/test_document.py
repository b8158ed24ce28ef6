"""The plan's document model (exports/document.py), the corrections helper, and `export md`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ccm_plan.exports.document import BudgetTable, Heading, ItemList, Paragraph, build_document
from ccm_plan.exports.markdown import escape, render_markdown
from ccm_plan.present.corrections import item_text
from ccm_plan.read.loader import load_plan
from conftest import DATA, MINIMAL, ROOT, SEED, Run, edit
from seed_document import normalise, seed_texts, unmatched

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def test_corrected_reads_an_items_field_with_its_corrections() -> None:
    """The shared helper (present/corrections.py) as the document uses it: §II.9's lead, corrected or as printed."""
    plan = load_plan(DATA)
    area = next(area for area in plan.workplan.priorities.areas if area.id == "communication")
    printed = item_text(area, "lead", as_printed=True)
    fixed = item_text(area, "lead")
    assert printed is not None and fixed is not None
    assert "执行工作组" in printed["zh"]
    assert (
        "执行工作组" not in fixed["zh"]
        and fixed["zh"].startswith("执行支助股的工作除了")
        and "外，还涉及：" in fixed["zh"]
    )
    assert fixed["en"] == area.lead["en"]  # a zh correction never touches the English


# ------------------------------------------------------------------------------------------ document model


def test_as_printed_chinese_document_holds_the_source_in_order() -> None:
    """Every paragraph, list item and table cell of the seed, in order; nothing added but the caption's currency."""
    document = build_document(load_plan(DATA), "zh", as_printed=True)
    texts = [normalise(text) for text in document.texts() if normalise(text)]
    missing, added = unmatched(seed_texts(SEED), texts)
    assert missing == []
    assert added == ["（瑞郎）"]  # the caption names the currency; the seed states it only in the Summary


def test_corrected_chinese_document_differs_from_the_source_only_by_the_corrections() -> None:
    printed = build_document(load_plan(DATA), "zh", as_printed=True).texts()
    fixed = build_document(load_plan(DATA), "zh").texts()
    changed = [(old, new) for old, new in zip(printed, fixed, strict=True) if old != new]
    # §II.2 and §II.8's doubled 研讨会, §II.9 lead (two corrections), §II.10's stray "and", and the stray spaces
    # of the budget table's in-kind text; null readings change nothing
    assert len(changed) == 5
    assert "讲习班、会外活动和研讨会" in changed[0][1] and "讲习班、会外活动和研讨会" in changed[1][1]
    assert "执行支助股的工作除了" in changed[2][1] and "外，还涉及：" in changed[2][1]
    assert "组织和文件事宜" in changed[3][1]
    assert changed[4] == ("日内瓦 国际人道主义 排雷中心 实物捐助", "日内瓦国际人道主义排雷中心实物捐助")


def test_document_structure() -> None:
    document = build_document(load_plan(DATA), "en")
    headings = [(block.level, block.text) for block in document.blocks if isinstance(block, Heading)]
    assert headings[:4] == [
        (1, "Summary"),
        (1, "ISU six-year work plan"),
        (2, "I. Mandate of the ISU"),
        (2, "II. Priorities of the ISU"),
    ]
    assert [text for level, text in headings if level == 2][2:] == [
        "III. Expected results",
        "IV. Budget notes",
        "V. Assumptions",
    ]
    assert len([1 for level, _ in headings if level == 3]) == 10
    lists = [block for block in document.blocks if isinstance(block, ItemList)]
    assert [len(block.items) for block in lists if not block.numbered][:2] == [8, 4]  # objectives, outcomes
    assert sum(len(block.items) for block in lists if not block.numbered) == 8 + 4 + 51
    assert [len(block.items) for block in lists if block.numbered] == [7, 7, 4, 6]
    (table,) = [block for block in document.blocks if isinstance(block, BudgetTable)]
    assert table.caption == "ISU budget 2021–2026 (CHF)"
    assert table.header == ("Expenditure", "2021", "2022", "2023", "2024", "2025", "2026", "Notes")
    assert [row.kind for row in table.rows] == ["line"] * 5 + ["total", "in-kind"]
    assert table.rows[5].cells[1:7] == ("469,686", "486,194", "495,057", "477,724", "497,138", "514,753")
    assert table.rows[6].span == 6 and table.rows[6].cells[1].startswith("In-kind contribution of the Geneva")
    header = [block.text for block in document.blocks[:3] if isinstance(block, Paragraph)]
    assert header == ["30 August 2021", "English", "Original: English"]
    budget = next(b for b in document.blocks if isinstance(b, Paragraph) and b.text.startswith("Budget:"))
    assert budget.text == "Budget: CHF 2,940,552" and budget.runs[0].strong


def test_english_document_has_no_chinese() -> None:
    texts = build_document(load_plan(DATA), "en").texts()
    assert [text for text in texts if CJK.search(text)] == []


def test_other_units_plan_gives_its_own_document() -> None:
    """The minimal fixture (EUR, 2024–2026, en/fr, 3 lines, 1 area) shares nothing with the shipped plan."""
    document = build_document(load_plan(MINIMAL), "fr")
    text = "\n".join(document.texts())
    for foreign in ("CHF", "瑞郎", "Convention", "ISU", "2021", "GICHD", "Lausanne", "执行"):
        assert foreign not in text
    assert "Réunion des États parties" in text and "Plan de travail 2024–2026" in text
    (table,) = [block for block in document.blocks if isinstance(block, BudgetTable)]
    assert table.header[1:4] == ("2024", "2025", "2026") and table.caption.endswith("(EUR)")
    assert [row.kind for row in table.rows] == ["line", "line", "line", "total"]  # no in-kind items
    assert [block.text for block in document.blocks if isinstance(block, Heading) and block.level == 3] == [
        "1. Réunions"
    ]
    assert document.blocks[0] == Paragraph("header", document.blocks[0].runs)  # date first: no symbol
    assert document.blocks[0].text == "1 novembre 2023"
    # the tool's words from the French catalog
    headings = [block.text for block in document.blocks if isinstance(block, Heading)]
    assert headings[:3] == ["Résumé", "Plan de travail", "I. Mandat"]


# ---------------------------------------------------------------------------------------------- markdown


def test_markdown_escapes_plan_text() -> None:
    assert escape("# not a heading") == "\\# not a heading"
    assert escape("1. not a list") == "1\\. not a list" or escape("1. not a list") == "\\1. not a list"
    assert escape("a *b* c") == "a \\*b\\* c"


def test_markdown_table_and_lists() -> None:
    text = render_markdown(build_document(load_plan(DATA), "zh"))
    assert "| 支出 | 2021 年 | 2022 年 | 2023 年 | 2024 年 | 2025 年 | 2026 年 | 说明 |" in text
    assert "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |" in text
    assert "| **合计** | **469,686** | **486,194** | **495,057** | **477,724** | **497,138** | **514,753** |  |" in text
    assert "\n1. 考虑到 COVID-19 大流行对执行支助股工作的影响，对预算进行了调整。\n2. " in text
    assert "**执行支助股 2021-2026 年预算（瑞郎）**" in text
    assert "#### 9. 宣传" in text


def test_export_md_to_stdout(cli: object) -> None:
    run: Run = cli("export", "md", DATA, "--lang", "zh", "--as-printed", "-o", "-")  # type: ignore[operator]
    assert run.code == 0, run.stderr
    assert "执行工作组的工作除了" in run.stdout and run.stdout.startswith("30 August 2021\n")
    run = cli("export", "md", DATA, "--lang", "zh", "-o", "-")  # type: ignore[operator]
    assert "执行支助股的工作除了" in run.stdout and "执行工作组" not in run.stdout


def test_export_md_writes_the_default_file(cli: object, tmp_path: Path) -> None:
    run: Run = cli("export", "md", DATA, "-o", tmp_path)  # type: ignore[operator]
    assert run.code == 0, run.stderr
    assert run.stdout.startswith(
        f"wrote {tmp_path / 'isu-budget-2021-2026.md'}\nthe document in en, with the plan's corrections;"
    )
    assert (tmp_path / "isu-budget-2021-2026.md").read_text(encoding="utf-8").startswith("30 August 2021\n")


def test_plan_with_errors_gives_no_document_unless_draft(cli: object, shipped_plan: Path, tmp_path: Path) -> None:
    edit(shipped_plan / "budget.yaml", "2023: 365881", "2023: 369881")  # stated totals now stale: an error
    target = tmp_path / "out.md"
    run: Run = cli("export", "md", shipped_plan, "-o", target)  # type: ignore[operator]
    assert run.code == 1 and not target.exists()
    assert "[stated-totals]" in run.stderr
    assert run.stderr.rstrip().endswith(
        "no document written: the plan has errors (--draft writes a document marked DRAFT)"
    )
    run = cli("export", "md", shipped_plan, "-o", target, "--draft")  # type: ignore[operator]
    assert run.code == 1 and target.exists()
    text = target.read_text(encoding="utf-8")
    assert text.startswith("**DRAFT**\n") and "369,881" in text and "499,057" in text  # recomputed total


def test_export_md_usage_errors(cli: object, tmp_path: Path) -> None:
    run: Run = cli("export", "md", DATA, "--lang", "fr")  # type: ignore[operator]
    assert run.code == 2 and "--lang fr: the plan has no text in 'fr'" in run.stderr
    run = cli("export", "md", DATA, "-o", tmp_path / "plan.txt")  # type: ignore[operator]
    assert run.code == 2 and "must be a .md file" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_plan_text_reaches_the_document(language: str) -> None:
    """Each activity, objective, result and assumption of the plan appears once, in order."""
    plan = load_plan(DATA)
    texts = build_document(plan, language).texts()
    wanted = [entry.text[language] for entry in plan.workplan.assumptions]
    positions = [texts.index(text) for text in wanted]
    assert positions == sorted(positions)


def test_readme_shows_real_export_md_output(cli: object) -> None:
    readme = (DATA.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ ccm-plan export md --lang zh -o - | grep -A3 '^| 支出'\n", 1)[1].split("```", 1)[0]
    run: Run = cli("export", "md", "--lang", "zh", "-o", "-")  # type: ignore[operator]
    lines = run.stdout.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("| 支出"))
    assert block == "\n".join(lines[start : start + 4]) + "\n"


def test_markdown_of_another_units_plan(cli: object) -> None:
    run: Run = cli("export", "md", DATA.parent / "tests" / "fixtures" / "document-es", "--lang", "fr", "-o", "-")  # type: ignore[operator]
    assert run.code == 0, run.stderr
    assert run.stdout.startswith("EJ/REU.3/2024/7\n\n15 novembre 2024\n\nFrançais\n\nOriginal\u202f: français\n")
    assert "**Budget\u202f:** 993\u202f738,50\u00a0USD" in run.stdout  # a figure after the label is not escaped
    assert "| Dépenses | 2025 | 2026 | 2027 | 2028 | Observations |" in run.stdout
    assert "\n2. Six voyages par an.\n\n5. Une réunion annuelle.\n" in run.stdout  # numbered as printed


def test_readme_names_every_language_whose_document_headings_are_translated() -> None:
    """The README said Arabic documents fall back to English headings after the Arabic catalog had them (a new
    user's trial): the languages it names are exactly those whose catalogs translate the document's headings."""
    from ccm_plan.present.voice import Voice

    headings = ("Mandate", "Priorities", "Expected results", "Assumptions", "Budget notes")
    names = {"zh": "Chinese", "fr": "French", "es": "Spanish", "ru": "Russian", "ar": "Arabic"}
    translated = {
        name for code, name in names.items() if all(Voice(code)._(heading) != heading for heading in headings)
    }
    assert translated == set(names.values())  # every language ccm-plan speaks has them
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sentence = re.search(r"ccm-plan's words \(Mandate, Priorities, …\) from its catalogs\s+\(([^;)]*)", readme)
    assert sentence is not None
    listed = set(re.split(r",\s*|\s+and\s+", sentence.group(1).replace("\n", " ").strip()))
    assert listed == translated, listed
    assert "falls back to English" not in readme[sentence.start() : sentence.end() + 200]
