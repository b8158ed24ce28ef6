"""`ccm-plan fix`: stated totals rewritten from the lines, and nothing else in the files touched."""

from __future__ import annotations

import codecs
import difflib
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import column_of, edit, line_of, run_cli


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def changed_lines(before: bytes, after: bytes) -> list[tuple[str, str]]:
    """(old line, new line) for each line a rewrite replaced; fails if lines were added or removed."""
    old, new = before.decode("utf-8").splitlines(), after.decode("utf-8").splitlines()
    pairs = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        assert tag == "replace" and i2 - i1 == j2 - j1, (tag, old[i1:i2], new[j1:j2])
        pairs += list(zip(old[i1:i2], new[j1:j2], strict=True))
    return pairs


# --------------------------------------------------------------------------------------- the shipped plan


def test_fix_rewrites_the_stated_totals_and_nothing_else(shipped_plan: Path) -> None:
    budget, workplan = shipped_plan / "budget.yaml", shipped_plan / "workplan-2021-2026.yaml"
    edit(budget, "2023: 365881", "2023: 369881")  # one salary figure edited by 4,000
    before = snapshot(shipped_plan)
    year = f"{line_of(budget, 'years: {2021')}:{column_of(budget, '495057')}"
    plan, summary = line_of(budget, "plan: 2940552"), line_of(workplan, "budget: 2940552")
    run = run_cli("fix", shipped_plan)
    assert (run.code, run.stderr) == (0, "")
    assert run.stdout.splitlines() == [
        f"{budget}:{year}: totals.years.2023: 495,057 → 499,057",
        f"{budget}:{plan}:9: totals.plan: 2,940,552 → 2,944,552",
        f"{workplan}:{summary}:11: summary.budget: 2,940,552 → 2,944,552",
        "rewrote 3 stated totals in 2 files",
    ]
    after = snapshot(shipped_plan)
    assert changed_lines(before["budget.yaml"], after["budget.yaml"]) == [
        (
            "  years: {2021: 469686, 2022: 486194, 2023: 495057, 2024: 477724, 2025: 497138, 2026: 514753}",
            "  years: {2021: 469686, 2022: 486194, 2023: 499057, 2024: 477724, 2025: 497138, 2026: 514753}",
        ),
        ("  plan: 2940552", "  plan: 2944552"),
    ]
    # the work plan's summary figure, with its comment after it, kept to the byte
    comment = '  # seed: "预算： 2,940,552 瑞郎"; equals the sum of the six yearly totals of the budget table'
    assert changed_lines(before[workplan.name], after[workplan.name]) == [
        ("  budget: 2940552" + comment, "  budget: 2944552" + comment)
    ]
    assert run_cli("validate", shipped_plan).stdout.count("[stated-totals]") == 0


def test_fix_on_the_shipped_data_changes_nothing(shipped_plan: Path) -> None:
    before = snapshot(shipped_plan)
    run = run_cli("fix", shipped_plan)
    assert (run.code, run.stdout) == (0, "the 8 stated totals match the lines; nothing to change\n")
    assert snapshot(shipped_plan) == before


def test_fix_twice_changes_nothing_the_second_time(shipped_plan: Path) -> None:
    # travel moved by 1,000 from 2022 to 2021: two year totals change, the plan total does not
    edit(shipped_plan / "budget.yaml", "2021: 25000, 2022: 25000", "2021: 26000, 2022: 24000")
    assert run_cli("fix", shipped_plan).stdout.endswith("rewrote 2 stated totals in 1 file\n")
    once = snapshot(shipped_plan)
    run = run_cli("fix", shipped_plan)
    assert (run.code, run.stdout) == (0, "the 8 stated totals match the lines; nothing to change\n")
    assert snapshot(shipped_plan) == once
    assert run_cli("fix", shipped_plan, "--check").code == 0


# -------------------------------------------------------------------------------------------- --check


def test_fix_check_changes_nothing_and_exits_1_when_a_total_is_stale(minimal_plan: Path) -> None:
    edit(minimal_plan / "budget.yaml", "amounts: {2024: 12000, 2025: 12000", "amounts: {2024: 12000, 2025: 12500")
    before = snapshot(minimal_plan)
    run = run_cli("fix", minimal_plan, "--check")
    assert run.code == 1
    assert run.stdout.splitlines()[-1] == "3 stated totals would change in 2 files; run `ccm-plan fix` to rewrite them"
    assert "totals.years.2025: 131,600 → 132,100" in run.stdout
    assert snapshot(minimal_plan) == before
    assert run_cli("fix", minimal_plan).code == 0
    assert run_cli("fix", minimal_plan, "--check").code == 0


def test_fix_check_exits_0_on_a_clean_plan(minimal_plan: Path) -> None:
    run = run_cli("fix", minimal_plan, "--check")
    assert (run.code, run.stdout, run.stderr) == (0, "the 5 stated totals match the lines; nothing to change\n", "")


# ------------------------------------------------------------------------- what is kept, what is added


BLOCK_TOTALS = """totals:
  # the seed's 合计 row
  years:
    2024: 127000  # first year
    2026: 138200   # last year, two spaces more
  plan: 396800.00  # written with decimals
"""


def test_fix_keeps_comments_spacing_and_number_spelling_and_adds_a_missing_year(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "totals:\n  years: {2024: 127000, 2025: 131600, 2026: 138200}\n  plan: 396800\n", BLOCK_TOTALS)
    edit(budget, "2026: 108000}", "2026: 109000}")
    years = line_of(budget, "2024: 127000")  # a missing year is reported where the years are
    run = run_cli("fix", minimal_plan)
    assert run.code == 0, run.stderr
    assert f"{budget}:{years}:5: totals.years.2025: (not stated) → 131,600" in run.stdout
    text = budget.read_text(encoding="utf-8")
    assert (
        """totals:
  # the seed's 合计 row
  years:
    2024: 127000  # first year
    2025: 131600
    2026: 139200   # last year, two spaces more
  plan: 397800.00  # written with decimals
"""
        in text
    )
    assert run_cli("fix", minimal_plan, "--check").code == 0


def test_fix_adds_missing_years_in_a_flow_mapping_in_year_order(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "years: {2024: 127000, 2025: 131600, 2026: 138200}", "years: {2025: 131600}")
    assert run_cli("fix", minimal_plan).code == 0
    assert "  years: {2024: 127000, 2025: 131600, 2026: 138200}\n" in budget.read_text(encoding="utf-8")


def test_fix_leaves_years_outside_the_period_alone(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "years: {2024: 127000, 2025: 131600, 2026: 138200}", "years: {2023: 5, 2024: 1, 2025: 131600}")
    assert run_cli("fix", minimal_plan).code == 0
    assert "  years: {2023: 5, 2024: 127000, 2025: 131600, 2026: 138200}\n" in budget.read_text(encoding="utf-8")


def test_fix_keeps_crlf_line_ends_and_a_byte_order_mark(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "2026: 14000}", "2026: 15000}")
    text = budget.read_text(encoding="utf-8").replace("\n", "\r\n")
    budget.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    assert run_cli("fix", minimal_plan).code == 0
    expected = text.replace("2026: 138200}", "2026: 139200}").replace("plan: 396800", "plan: 397800")
    assert budget.read_bytes() == codecs.BOM_UTF8 + expected.encode("utf-8")


# ---------------------------------------------------------------------------------- never a bad write


@pytest.mark.parametrize(
    ("file", "old", "new", "rule"),
    [
        ("budget.yaml", "currency: EUR", "currency: [EUR", "yaml-syntax"),
        ("budget.yaml", "currency: EUR", "currency: EUR\ncolour: blue", "schema"),
        ("workplan.yaml", "currency: EUR", "currency: EUR\ncurrency: CHF", "yaml-duplicate-key"),
        ("workplan.yaml", "  budget: 396800", "  budget: lots", "schema"),
    ],
)
def test_fix_writes_nothing_when_a_file_is_broken(minimal_plan: Path, file: str, old: str, new: str, rule: str) -> None:
    edit(minimal_plan / "budget.yaml", "2026: 14000}", "2026: 15000}")  # something to fix
    edit(minimal_plan / file, old, new)
    before = snapshot(minimal_plan)
    for args in ((), ("--check",)):
        run = run_cli("fix", minimal_plan, *args)
        assert (run.code, run.stdout) == (1, "")
        assert f"[{rule}]" in run.stderr and "nothing written" in run.stderr
        assert snapshot(minimal_plan) == before  # byte for byte, the broken file and the sound one


def test_fix_refuses_a_total_that_is_not_a_plain_number(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "plan: 396800", "plan: &plan 396800")
    edit(budget, "2026: 14000}", "2026: 15000}")
    before = snapshot(minimal_plan)
    run = run_cli("fix", minimal_plan)
    assert (run.code, run.stdout) == (2, "")
    assert "totals.plan: the figure is not written as a plain number here; nothing written" in run.stderr
    assert snapshot(minimal_plan) == before  # the budget's other stale year is not written either


def test_fix_missing_folder_exits_2(tmp_path: Path) -> None:
    run = run_cli("fix", tmp_path / "nowhere")
    assert run.code == 2 and run.stderr.startswith("ccm-plan: ")


def test_fix_help_has_an_example() -> None:
    run = run_cli("fix", "--help")
    assert run.code == 0 and "Example: ccm-plan fix" in run.stdout


# -------------------------------------------------------------------------------------------- library


def test_rewrite_figures_result_reads_back_with_only_those_figures_changed() -> None:
    from ccm_plan.edit.fix import rewrite_figures
    from ccm_plan.errors import PlanUnusableError

    text = "a: &x 5\ntotals: {years: {2021: *x}, plan: 3}\n"
    with pytest.raises(PlanUnusableError, match="nothing written"):
        rewrite_figures(text, [(("totals", "years", 2021), Decimal(10))])
    assert rewrite_figures("t: {y: {}}\n", [(("t", "y", 2022), Decimal(2)), (("t", "y", 2021), Decimal(1))]) == (
        "t: {y: {2021: 1, 2022: 2}}\n"
    )


@pytest.mark.parametrize(
    ("value", "like", "spelled"),
    [
        (Decimal(499057), "495057", "499057"),
        (Decimal("499057.0"), "495057", "499057"),
        (Decimal(499057), "495057.00", "499057.00"),
        (Decimal("499057.5"), "495057", "499057.5"),
        (Decimal("499057.125"), "495057.00", "499057.125"),
        (Decimal(10), None, "10"),
    ],
)
def test_spell_keeps_integers_plain(value: Decimal, like: str | None, spelled: str) -> None:
    from ccm_plan.edit.fix import spell

    assert spell(value, like) == spelled


def test_fix_a_plan_without_a_work_plan(minimal_plan: Path) -> None:
    (minimal_plan / "workplan.yaml").unlink()
    edit(minimal_plan / "budget.yaml", "2026: 14000}", "2026: 15000}")
    run = run_cli("fix", minimal_plan)
    assert run.code == 0 and run.stdout.endswith("rewrote 2 stated totals in 1 file\n")
    assert run_cli("validate", minimal_plan).code == 0
