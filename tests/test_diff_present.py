"""`diff` and `fix` through the presentation layer: golden outputs per language for a whole-unit plan and a plan
with cents, the same ratio read alike in every command, differences below the plan's precision shown, the JSON
shape (version 2: decimal strings, never numbers).

Regenerate the golden files after an intended change of the outputs:
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_diff_present.py
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, MINIMAL, copy_plan, edit, run_cli

GOLDEN = Path(__file__).resolve().parent / "golden"
CENTS = FIXTURES / "cents"
NNBSP, NBSP = "\u202f", "\u00a0"
NEGATIVE_ZERO = re.compile(r"(?<![\w.,])[-−\u2212]0(?:[.,]0+)?(?![\d.,]*[1-9])")


def whole_pair(tmp_path: Path) -> Path:
    """The minimal plan (EUR, whole units): a raise and a rate."""
    copy_plan(MINIMAL, tmp_path / "old")
    new = copy_plan(MINIMAL, tmp_path / "new")
    budget = new / "budget.yaml"
    edit(budget, "2025: 104000", "2025: 110000")
    edit(budget, "rate_percent: 15", "rate_percent: 15.5")
    return tmp_path


def cents_pair(tmp_path: Path) -> Path:
    """The cents plan (EUR with cents): a change of a tenth of a cent, a change of cents, a rate, a stated total."""
    copy_plan(CENTS, tmp_path / "old")
    new = copy_plan(CENTS, tmp_path / "new")
    budget = new / "budget.yaml"
    edit(budget, "2025: 1040000.50", "2025: 1040000.501")  # below the plan's precision: still a change
    edit(budget, "2026: 105944.10", "2026: 107000.00")
    edit(budget, "rate_percent: 12.5", "rate_percent: 12.75")
    edit(budget, "plan: 3847313.14", "plan: 3848369.041")
    return tmp_path


PAIRS = {"whole": whole_pair, "cents": cents_pair}


@pytest.mark.parametrize("lang", ["en", "zh", "fr"])
@pytest.mark.parametrize("plan", sorted(PAIRS))
@pytest.mark.parametrize("output", ["text", "markdown"])
def test_golden_per_language(tmp_path: Path, plan: str, lang: str, output: str) -> None:
    folder = PAIRS[plan](tmp_path)
    run = run_cli("diff", "old", "new", "--lang", lang, "--format", output, "--warn-above-pct", "0.01", cwd=folder)
    assert run.code == 0, run.stderr
    expected = GOLDEN / f"diff-{plan}-{lang}.{'md' if output == 'markdown' else 'txt'}"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(run.stdout, encoding="utf-8")
    assert run.stdout == expected.read_text(encoding="utf-8")
    assert not NEGATIVE_ZERO.search(run.stdout), run.stdout  # the cents plan's -0.0 amount reads 0.00


GOLDEN_LINES = {
    # (plan, lang): lines every output of that pair must hold, as a reader sees them
    ("whole", "en"): [
        "Three-year total EUR 396,800 → 402,800 (+6,000, +1.5%).",
        "  Salaries  2025  104,000  110,000  +6,000  +5.8%",
        "  budget parameters.rates[social-charges].rate_percent: 15% → 15.5%",
    ],
    ("whole", "zh"): [
        "三年合计 396,800 → 402,800 EUR（+6,000，+1.5%）。",
        "  预算项目  年度       原       新    变动      %",
    ],
    ("whole", "fr"): [
        f"Total sur trois ans 396{NNBSP}800 → 402{NNBSP}800{NBSP}EUR (+6{NNBSP}000, +1,5{NBSP}%).",
        f"  Salaires   2025  104{NNBSP}000  110{NNBSP}000     +6{NNBSP}000  +5,8{NBSP}%",
        f"  budget parameters.rates[social-charges].rate_percent: 15{NBSP}% → 15,5{NBSP}%",
    ],
    ("cents", "en"): [
        # one precision per column: the change of 0.001 puts old and new at three decimals, and the change too
        "  Salaries  2025  1,040,000.500  1,040,000.501      +0.001  +0.00000010%",
        "  Travel    2026    105,944.100    107,000.000  +1,055.900         +1.0%",
        "  2024   1,234,567.890  1,234,567.890       0.000",
        "  Total  3,847,313.140  3,848,369.041  +1,055.901        +0.03%",
        "  budget totals.plan: 3,847,313.140 → 3,848,369.041",
        "  budget parameters.rates[social-charges].rate_percent: 12.5% → 12.75%",
    ],
    ("cents", "fr"): [
        f"  Salaires   2025  1{NNBSP}040{NNBSP}000,500  1{NNBSP}040{NNBSP}000,501      +0,001  +0,00000010{NBSP}%"
    ],
}


@pytest.mark.parametrize(("plan", "lang"), sorted(GOLDEN_LINES))
def test_golden_lines(tmp_path: Path, plan: str, lang: str) -> None:
    folder = PAIRS[plan](tmp_path)
    lines = run_cli("diff", "old", "new", "--lang", lang, cwd=folder).stdout.splitlines()
    for line in GOLDEN_LINES[plan, lang]:
        assert line in lines, (line, lines)


def test_a_small_change_never_reads_as_zero(tmp_path: Path) -> None:
    old, new = copy_plan(MINIMAL, tmp_path / "old"), copy_plan(MINIMAL, tmp_path / "new")
    edit(new / "budget.yaml", "2024: 100000", "2024: 100001")
    run = run_cli("diff", old, new, "--fail-above-pct", "0.0002")
    # 1 of 396,800 is 0.000252%: more than the 0.0002% gate, and said so with the digits that show it
    assert "Three-year total EUR 396,800 → 396,801 (+1, +0.0003%)." in run.stdout
    assert run.code == 1
    # beside the limit, with the digits that tell the two apart (0.0003% and 0.0002%)
    assert "the plan total grew by EUR 1 (+0.0003%), more than the 0.0002% of EUR 396,800 growth allowed" in (
        run.stderr
    )
    assert "+0%" not in run.stdout and "+0.0%" not in run.stdout


def test_a_sub_cent_difference_is_shown(tmp_path: Path) -> None:
    folder = cents_pair(tmp_path)
    text = run_cli("diff", "old", "new", cwd=folder).stdout
    assert "1,040,000.500  1,040,000.501      +0.001" in text
    markdown = run_cli("diff", "old", "new", "--format", "markdown", cwd=folder).stdout
    assert "| Salaries | 2025 | 1,040,000.500 | 1,040,000.501 | +0.001 | +0.00000010% |" in markdown
    document = json.loads(run_cli("diff", "old", "new", "--format", "json", cwd=folder).stdout)
    [cell] = [c for c in document["budget"]["cells"] if c["line"] == "salaries"]
    # exact and canonical: each amount at the plan's precision, or finer where it is finer
    assert (cell["old"], cell["new"], cell["difference"]) == ("1040000.50", "1040000.501", "0.001")


def test_json_version_2_shape(tmp_path: Path) -> None:
    folder = cents_pair(tmp_path)
    run = run_cli("diff", "old", "new", "--format", "json", "--lang", "fr", "--fail-above", "1000.5", cwd=folder)
    document = json.loads(run.stdout)
    assert (document["version"], document["language"], document["decimals"]) == (2, "fr", 2)
    budget = document["budget"]
    assert budget["total"] == {
        "old": "3847313.14",
        "new": "3848369.041",  # 1,055.90 + 0.001: the pair told apart at three decimals
        "difference": "1055.901",
        "percent": "0.03",
    }
    travel = next(c for c in budget["cells"] if c["line"] == "travel")
    assert travel == {
        "line": "travel",
        "name": "Voyages",
        "year": 2026,
        "old": "105944.10",
        "new": "107000.00",
        "difference": "1055.90",
        "percent": "1.00",
    }
    assert [(y["year"], y["difference"], y["percent"]) for y in budget["year_totals"]] == [
        (2024, "0.00", "0.00"),
        (2025, "0.001", "0.00000008"),
        (2026, "1055.90", "0.08"),
    ]
    assert document["parameters"][0]["old"] == "12.50" and document["parameters"][0]["new"] == "12.75"
    assert document["stated"][0] == {
        "document": "budget",
        "path": "totals.plan",
        "status": "changed",
        "old": "3847313.14",
        "new": "3848369.041",
    }
    [gate] = document["gates"]
    assert (gate["limit"], gate["failed"], gate["message_id"]) == (
        "1000.5",
        True,
        "{option} {limit}: the plan total {moved}, {verdict}",
    )
    assert gate["message"].startswith(f"--fail-above 1{NNBSP}000,50 : le total du plan a augmenté de 1{NNBSP}055,90")

    def numbers(value: object) -> list[object]:
        if isinstance(value, dict):
            return [n for item in value.values() for n in numbers(item)]
        if isinstance(value, list):
            return [n for item in value for n in numbers(item)]
        return [value] if isinstance(value, (int, float)) and not isinstance(value, bool) else []

    # no float anywhere; the only JSON numbers are years, the version and the precision
    assert all(isinstance(n, int) for n in numbers(document))
    assert set(numbers(document)) <= {2, 2024, 2025, 2026}


def test_the_same_ratio_reads_alike_in_validate_totals_diff_and_the_workbook(tmp_path: Path) -> None:
    """Travel from 98,406.25 to 120,000.00 is +21.94…%: one reading, per language, in every command."""
    from openpyxl import load_workbook

    old = copy_plan(CENTS, tmp_path / "old")
    edit(old / "budget.yaml", "threshold_percent: 25", "threshold_percent: 20")
    text = (old / "budget.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: travel-note")
    end = text.index("  - id: meetings-note")
    (old / "budget.yaml").write_text(text[:start] + text[end:], encoding="utf-8")  # travel's change unexplained
    new = copy_plan(old, tmp_path / "new")
    edit(new / "budget.yaml", "amounts: {2024: 98406.25,", "amounts: {2024: 120000,")  # the same ratio, in a diff
    for lang, share, name in (
        ("en", "+21.9%", "Travel"),
        ("fr", f"+21,9{NBSP}%", "Voyages"),
        ("zh", "+21.9%", "Travel"),
    ):
        validate = run_cli("validate", old, "--lang", lang).stdout
        [finding] = [line for line in validate.splitlines() if "[explained-variance]" in line]
        assert f", {share})" in finding or f"，{share}）" in finding, finding
        totals = run_cli("totals", old, "--year", "2025", "--lang", lang).stdout
        [row] = [line for line in totals.splitlines() if line.startswith(name + "  ")]
        assert row.endswith(share), row
        diff = run_cli("diff", old, new, "--lang", lang).stdout
        [cell] = [line for line in diff.splitlines() if line.startswith(f"  {name}  ")]
        assert cell.endswith(share), cell
        if lang == "zh":
            continue  # a workbook is made in one of the plan's languages (en, fr, es): export refuses zh
        # the workbook's Checks sheet stores validate's message as text: the same reading
        workbook = tmp_path / f"plan-{lang}.xlsx"
        run = run_cli("export", "xlsx", old, "--checks", "--lang", lang, "-o", workbook)
        assert run.code == 0, run.stderr
        sheets = load_workbook(workbook, read_only=True)
        stored = [
            str(cell)
            for sheet in sheets.worksheets
            for row_values in sheet.iter_rows(values_only=True)
            for cell in row_values
            if isinstance(cell, str) and "120" in cell and "98" in cell
        ]
        assert any(share in value for value in stored), stored


def test_fix_speaks_the_language_asked_at_the_plan_precision(tmp_path: Path) -> None:
    plan = copy_plan(CENTS, tmp_path / "plan")
    budget = plan / "budget.yaml"
    edit(budget, "plan: 3847313.14", "plan: 3847313.1")
    run = run_cli("fix", plan, "--check", "--lang", "fr")
    assert run.code == 1
    assert run.stdout.splitlines()[0].endswith(f"totals.plan: 3{NNBSP}847{NNBSP}313,10 → 3{NNBSP}847{NNBSP}313,14")
    assert run.stdout.splitlines()[-1] == (
        "à modifier dans 1 fichier : 1 total indiqué ; lancez `ccm-plan fix` pour les réécrire"
    )
    run = run_cli("fix", plan, "--lang", "zh")
    assert run.code == 0 and run.stdout.splitlines()[-1] == "已重写 1 个列明合计（在 1 个文件中）"
    assert "plan: 3847313.14" in budget.read_text(encoding="utf-8")
    run = run_cli("fix", plan, env={"LANG": "zh_CN.UTF-8"})  # the locale, as gettext programs read it
    assert run.stdout.splitlines()[-1].endswith("均与预算项目相符；无需更改")
    edit(budget, "cost_type: staff", "cost_type: 12", count=1)  # unreadable: nothing written, said in the language
    run = run_cli("fix", plan, "--lang", "fr")
    assert run.code == 1 and "ccm-plan: rien n'a été écrit : corrigez d'abord les problèmes ci-dessus" in run.stderr


def test_actuals_that_differ_below_the_plan_precision_read_differently(tmp_path: Path) -> None:
    import shutil

    example = Path(__file__).resolve().parent.parent / "examples" / "after-adoption"
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(example, old)
    shutil.copytree(example, new)
    edit(new / "actuals-2022.yaml", "status: preliminary", "status: audited")
    edit(new / "actuals-2022.yaml", "travel: 28950.40", "travel: 28950.4001")
    text = run_cli("diff", old, new).stdout.splitlines()
    assert "  2022  travel  28,950.4000  28,950.4001  +0.0001" in text
    zh = run_cli("diff", old, new, "--lang", "zh").stdout.splitlines()
    assert "已报告的实际支出：" in zh and "  2022  初步  已审计" in zh
    document = json.loads(run_cli("diff", old, new, "--format", "json").stdout)
    assert document["adoption"]["actuals"] == [
        {"year": 2022, "line": "travel", "old": "28950.40", "new": "28950.4001", "difference": "0.0001"}
    ]


def test_a_negative_zero_never_reads_as_minus_zero(tmp_path: Path) -> None:
    old, new = copy_plan(CENTS, tmp_path / "old"), copy_plan(CENTS, tmp_path / "new")
    # 2024 to -0.0, and 2025 from the plan's -0.0 to 0: the one is a change to zero, the other none
    edit(
        new / "budget.yaml", "amounts: {2024: 11161.64, 2025: -0.0, 2026: 0}", "amounts: {2024: -0.0, 2025: 0, 2026: 0}"
    )
    for lang in ("en", "fr", "ar"):
        for output in ("text", "markdown"):
            run = run_cli("diff", old, new, "--lang", lang, "--format", output)
            assert not NEGATIVE_ZERO.search(run.stdout.replace("\u200e", "")), run.stdout
    lines = run_cli("diff", old, new).stdout.splitlines()
    assert "  UN meetings  2024  11,161.64  0.00  -11,161.64  -100.0%" in lines
    document = json.loads(run_cli("diff", old, new, "--format", "json").stdout)
    [cell] = document["budget"]["cells"]
    assert (cell["year"], cell["old"], cell["new"], cell["difference"]) == (2024, "11161.64", "0.00", "-11161.64")


def test_diff_follows_the_locale_without_lang(tmp_path: Path) -> None:
    folder = whole_pair(tmp_path)
    run = run_cli("diff", "old", "new", cwd=folder, env={"LANG": "zh_CN.UTF-8"})
    assert run.stdout.splitlines()[2] == "三年合计 396,800 → 402,800 EUR（+6,000，+1.5%）。"
    run = run_cli(
        "diff", "old", "new", "--format", "markdown", cwd=folder, env={"LANGUAGE": "fr", "LANG": "zh_CN.UTF-8"}
    )
    assert (
        run.stdout.splitlines()[0]
        == f"**Total sur trois ans 396{NNBSP}800 → 402{NNBSP}800{NBSP}EUR (+6{NNBSP}000, +1,5{NBSP}%).**"
    )
    json_run = run_cli("diff", "old", "new", "--format", "json", cwd=folder, env={"LANG": "fr_FR.UTF-8"})
    document = json.loads(json_run.stdout)
    assert (
        document["language"] == "fr-FR" and document["budget"]["total"]["new"] == "402800"
    )  # keys and figures as ever
