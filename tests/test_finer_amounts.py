"""An amount written with more decimals than the plan's money (12000.005 in a plan with cents, an `amount-precision`
error) is shown exactly, as are the sums and differences of it: never rounded into another figure, so two different
figures never read alike and a change is the difference of the figures shown (a new user's trial saw `12,000.01`
and a difference of `-0.01` where the file says 12000.005 and the difference is -0.005)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from conftest import MINIMAL, copy_plan, edit, run_cli


def finer_plan(tmp_path: Path) -> Path:
    """The minimal plan (EUR, 2024–2026, en/fr) with cents, and one amount written to the tenth of a cent."""
    plan = copy_plan(MINIMAL, tmp_path / "finer")
    edit(plan / "budget.yaml", "amounts: {2024: 12000, 2025: 12000,", "amounts: {2024: 12000.005, 2025: 12000,")
    edit(plan / "budget.yaml", "amounts: {2024: 100000, 2025: 104000,", "amounts: {2024: 100000, 2025: 104000.50,")
    edit(plan / "budget.yaml", "2025: 131600,", "2025: 131600.50,")
    edit(plan / "budget.yaml", "plan: 396800", "plan: 396800.50")
    return plan


def test_finest_places_counts_written_decimals_not_trailing_zeros() -> None:
    from ccm_plan.present.precision import finest_places

    amounts = [Decimal("12000.50"), Decimal("1.00000"), 7]
    assert finest_places(amounts, 2) == 2
    assert finest_places([*amounts, Decimal("12000.005")], 2) == 3
    assert finest_places([Decimal("0.0001")], 0) == 4


def test_validate_shows_the_real_difference(tmp_path: Path) -> None:
    plan = finer_plan(tmp_path)
    run = run_cli("validate", plan)
    assert run.code == 1
    assert "[amount-precision] 12000.005 has 3 decimals" in run.stdout
    assert "2024: stated total 127,000.000 but the lines add up to 127,000.005 (difference -0.005)" in run.stdout
    french = run_cli("validate", plan, "--lang", "fr")
    assert "(écart -0,005)" in french.stdout or "-0,005" in french.stdout, french.stdout


def test_totals_shows_the_amount_as_written_and_changes_as_shown(tmp_path: Path) -> None:
    plan = finer_plan(tmp_path)
    run = run_cli("totals", plan)
    assert run.code == 0, run.stderr
    travel = next(row for row in run.stdout.splitlines() if row.startswith("Travel "))
    assert travel.split()[1:] == ["12,000.005", "12,000.000", "14,000.000", "38,000.005", "9.6%"]
    assert "12,000.01" not in run.stdout
    data = json.loads(run_cli("totals", plan, "--format", "json").stdout)
    line = next(row for row in data["lines"] if row["id"] == "travel")
    assert line["amounts"]["2024"] == "12000.005" and line["total"] == "38000.005"
    csv = run_cli("totals", plan, "--format", "csv").stdout
    assert "12000.005" in csv and "12000.01" not in csv
    # --year: every change is the difference of the two figures shown beside it, in every language
    for lang, group, point in (("en", ",", "."), ("es", ".", ",")):
        year = run_cli("totals", plan, "--year", "2025", "--lang", lang)
        assert year.code == 0, year.stderr
        checked = 0
        for row in year.stdout.splitlines():
            figures = [word for word in row.split() if any(ch.isdigit() for ch in word) and point in word]
            if len(figures) < 4 or "%" in figures[2]:
                continue
            amount, previous, change = (
                Decimal(figures[i].replace(group, "").replace(point, ".").replace("\u2212", "-")) for i in (0, 2, 3)
            )
            assert amount - previous == change, (lang, row)
            checked += 1
        assert checked >= 6, year.stdout  # the lines that changed, the subtotals and the total
        assert ("-0" + point + "005") in year.stdout, year.stdout
