"""Commands that must refuse rather than mislead: `fix` while recomputed totals would mean nothing, `diff` with a
side it cannot read, figures in two currencies; and the limits of what an output can hold (a workbook cell).

The first case of each is the input of issue 10; hypothesis draws more of the same kind.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccm_plan.check import check_paths
from ccm_plan.diff.compare import compare
from ccm_plan.edit.fix import fix_plan
from conftest import DATA, MINIMAL, copy_plan, edit, run_cli

# the shipped budget's lines: id → its `amounts: {...}` as written
LINES = dict(
    re.findall(r"- id: ([a-z-]+)\n(?:    .*\n)*?    (amounts: \{[^}]*\})", (DATA / "budget.yaml").read_text("utf-8"))
)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


# -------------------------------------------------------------------------------------------------- fix


def test_fix_refuses_after_a_year_is_deleted_from_a_line(tmp_path: Path) -> None:
    """Issue 10's input: fix rewrote the stated totals as if the year were zero (495,057 → 129,176), exit 0."""
    plan = copy_plan(DATA, tmp_path / "plan")
    edit(plan / "budget.yaml", "2022: 25000, 2023: 26000, 2024: 23000", "2022: 25000, 2024: 23000")
    before = snapshot(plan)
    for args in ([], ["--check"]):
        run = run_cli("fix", plan, *args)
        assert run.code == 1, run
        assert "[period-years] no figure for 2023" in run.stderr
        assert "nothing written: with the problems above, totals recomputed from the lines would be meaningless" in (
            run.stderr
        )
        assert run.stdout == ""
    assert snapshot(plan) == before


@settings(max_examples=15, deadline=None)
@given(
    line=st.sampled_from(sorted(LINES)),
    year=st.integers(2021, 2026),
    kind=st.sampled_from(["missing", "outside", "duplicate-id", "currency", "period"]),
)
def test_fix_writes_nothing_while_totals_would_be_meaningless(line: str, year: int, kind: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        plan = copy_plan(DATA, Path(folder) / "plan")
        budget = plan / "budget.yaml"
        amounts = LINES[line]
        if kind == "missing":
            figures = [part for part in amounts[10:-1].split(", ") if not part.startswith(f"{year}:")]
            edit(budget, amounts, "amounts: {" + ", ".join(figures) + "}")
        elif kind == "outside":
            edit(budget, amounts, amounts[:-1] + ", 2030: 1}")
        elif kind == "duplicate-id":
            edit(budget, f"- id: {line}", "- id: communication" if line != "communication" else "- id: travel")
        elif kind == "currency":
            workplan = next(plan.glob("workplan*.yaml"))
            text = workplan.read_text(encoding="utf-8")
            assert "CHF" in text
            edit(workplan, "currency: CHF", "currency: EUR")
        else:
            workplan = next(plan.glob("workplan*.yaml"))
            edit(workplan, "end: 2026", "end: 2027")
        edit(budget, "  plan: 2940552", "  plan: 2940000")  # a stale total fix would otherwise rewrite
        before = snapshot(plan)
        result = fix_plan(plan)
        assert not result.usable and result.blocking and not result.written
        assert snapshot(plan) == before


def test_fix_still_rewrites_with_other_findings(tmp_path: Path) -> None:
    """The refusal is narrow: a stale total with warnings, or a stated year total missing, is still fixed."""
    plan = copy_plan(MINIMAL, tmp_path / "plan")
    edit(plan / "budget.yaml", "years: {2024: 127000, 2025: 131600, 2026: 138200}", "years: {2024: 1, 2025: 131600}")
    result = fix_plan(plan)
    assert result.usable and not result.blocking and result.written


def test_a_waived_finding_does_not_block_fix(tmp_path: Path) -> None:
    plan = copy_plan(MINIMAL, tmp_path / "plan")
    budget = plan / "budget.yaml"
    edit(budget, "amounts: {2024: 12000, 2025: 12000, 2026: 14000}", "amounts: {2024: 12000, 2026: 14000}")
    subject = next(p.subject for p in check_paths([plan]).problems if p.rule == "period-years")
    edit(budget, "waivers: []", f"waivers: [{{rule: period-years, subject: {subject}, reason: no travel in 2025}}]")
    assert fix_plan(plan).usable


# -------------------------------------------------------------------------------------------------- diff


def test_diff_with_an_unreadable_new_side_fails(tmp_path: Path) -> None:
    """Issue 10's input: NEW unreadable printed "The budget was not compared" and exited 0."""
    old = copy_plan(MINIMAL, tmp_path / "old")
    new = copy_plan(MINIMAL, tmp_path / "new")
    edit(new / "budget.yaml", "rate_percent: 15", "rate_percent: [")
    run = run_cli("diff", old, new)
    assert run.code == 2
    assert "The budget was not compared" in run.stdout and "Traceback" not in run.stderr


@pytest.mark.parametrize("side", ["old", "new"])
@pytest.mark.parametrize("file", ["budget.yaml", "workplan.yaml"])
def test_diff_with_any_unreadable_part_fails(side: str, file: str, tmp_path: Path) -> None:
    plans = {name: copy_plan(MINIMAL, tmp_path / name) for name in ("old", "new")}
    (plans[side] / file).write_text("kind: [\n", encoding="utf-8")
    for args in ([], ["--exit-code"], ["--format", "markdown"], ["--format", "json"]):
        run = run_cli("diff", plans["old"], plans["new"], *args)
        assert run.code == 2, (args, run)
        assert "Traceback" not in run.stderr


def test_a_currency_change_is_never_subtracted(tmp_path: Path) -> None:
    """Issue 10's input: "No change to the budget." above `currency: CHF → EUR`, then totals across currencies."""
    old = copy_plan(MINIMAL, tmp_path / "old")
    new = copy_plan(MINIMAL, tmp_path / "new")
    for path in (new / "budget.yaml", new / "workplan.yaml"):
        edit(path, "currency: EUR", "currency: CHF")
    edit(new / "budget.yaml", "2025: 104000", "2025: 105000")
    result = compare(str(old), str(new))
    assert result.budget is not None and result.budget.changed and not result.budget.comparable
    assert result.budget.cells == [] and result.budget.year_totals == []
    assert result.budget.total.difference is None
    text = run_cli("diff", old, new).stdout
    assert "No change to the budget." not in text
    assert "Three-year total EUR 396,800 → CHF 397,800 (the currency changed, so no difference is computed)." in text
    assert "Totals, recomputed" not in text and "+1,000" not in text
    markdown = run_cli("diff", old, new, "--format", "markdown").stdout
    assert "**Changed figures**" not in markdown and "+1,000" not in markdown
    document = json.loads(run_cli("diff", old, new, "--format", "json").stdout)
    assert document["budget"]["total"]["difference"] is None
    gated = run_cli("diff", old, new, "--fail-above", "0")
    assert gated.code == 2 and "the currency changed (EUR → CHF)" in gated.stderr


# ---------------------------------------------------------------------------------------- workbook cells


def long_note(tmp_path: Path, length: int) -> Path:
    plan = copy_plan(MINIMAL, tmp_path / "plan")
    text = ("Eight legs a year. " * (length // 19 + 1))[:length]
    edit(plan / "budget.yaml", "note: {en: Eight legs a year., fr:", f'note: {{en: "{text}", fr:')
    return plan


def test_a_note_longer_than_a_cell_is_a_located_warning_and_no_workbook(tmp_path: Path) -> None:
    """Issue 10's input: a note of 41,311 characters was cut to 32,767 in the workbook, exit 0, no warning."""
    plan = long_note(tmp_path, 41_311)
    (problem,) = [p for p in check_paths([plan]).problems if p.rule == "cell-length"]
    assert (problem.line, problem.column, problem.severity) == (21, 16, "warning")  # the text's opening quote
    assert problem.message.startswith("a text of 41,311 characters; a workbook cell holds at most 32,767")
    target = tmp_path / "plan.xlsx"
    run = run_cli("export", "xlsx", plan, "--output", target)
    assert run.code == 2 and not target.exists()
    assert f"{problem.location}: a text of 41,311 characters" in run.stderr and "no workbook written" in run.stderr


@settings(max_examples=6, deadline=None)
@given(length=st.sampled_from([32_767, 32_768, 40_000]))
def test_the_cell_limit_is_exact(length: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        plan = long_note(Path(folder), length)
        found = [p for p in check_paths([plan]).problems if p.rule == "cell-length"]
        assert len(found) == (length > 32_767)
