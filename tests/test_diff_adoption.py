"""diff after adoption: actuals by year and line, status, contributors and contributions in the plan's currency."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

from adoption import adopted_plan
from ccm_plan.diff.adoption import ActualChange, ContributionChange, ContributorChange, StatusChange, compare_adoption
from ccm_plan.read.loader import load_plan
from conftest import edit

D = Decimal


def pair(tmp_path: Path) -> tuple[Path, Path]:
    old = adopted_plan(tmp_path / "a")
    new = tmp_path / "new"
    shutil.copytree(old, new)
    return old, new


def test_no_change(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    assert not compare_adoption(load_plan(old), load_plan(new)).changed


def test_actuals_and_status_changes(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    edit(new / "actuals-2024.yaml", "status: audited", "status: preliminary")
    edit(new / "actuals-2024.yaml", "travel: 12550", "travel: 12600.10")
    result = compare_adoption(load_plan(old), load_plan(new))
    assert result.statuses == [StatusChange(2024, "audited", "preliminary")]
    assert result.actuals == [ActualChange(2024, "travel", D(12550), D("12600.10"))]


def test_a_year_reported_for_the_first_time(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    text = (new / "actuals-2024.yaml").read_text(encoding="utf-8").replace("year: 2024", "year: 2025")
    (new / "actuals-2025.yaml").write_text(text.replace("as_of: 2025-03-31", "as_of: 2026-03-31"), encoding="utf-8")
    result = compare_adoption(load_plan(old), load_plan(new))
    assert result.statuses == [StatusChange(2025, None, "audited")]
    assert [(c.year, c.line, c.old) for c in result.actuals] == [
        (2025, "salaries", None),
        (2025, "social-charges", None),
        (2025, "travel", None),
    ]


def test_contributions_compared_in_plan_currency(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    contributions = new / "contributions.yaml"
    edit(contributions, "rate: 0.92", "rate: 0.93")  # a corrected rate is a change
    edit(
        contributions,
        "{id: west, name: {en: West, fr: Ouest}}",
        "{id: west, name: {en: West, fr: Ouest}, scale_percent: 5}",
    )
    # the north payment split in two is no change
    edit(
        contributions,
        "  - {contributor: north, year: 2024, kind: received, date: 2024-02-01, amount: 50000}",
        "  - {contributor: north, year: 2024, kind: received, date: 2024-02-01, amount: 20000}\n"
        "  - {contributor: north, year: 2024, kind: received, date: 2024-02-01, amount: 30000}",
    )
    result = compare_adoption(load_plan(old), load_plan(new))
    assert result.contributors == [ContributorChange("west", "scale", None, D(5))]
    assert result.contributions == [
        ContributionChange("south", 2024, (D(0), D("36800.00"), D(0)), (D(0), D("37200.00"), D(0)))
    ]


def test_an_unreadable_actuals_file_is_not_compared(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    edit(new / "actuals-2024.yaml", "status: audited", "status: final")
    result = compare_adoption(load_plan(old), load_plan(new))
    assert result.unreadable and not result.changed
    assert [(Path(p.file).name, p.rule) for p in result.problems] == [("actuals-2024.yaml", "schema")]
    from conftest import run_cli

    run = run_cli("diff", old, new)
    assert "Actuals and contributions: not compared" in run.stdout
    assert "actuals-2024.yaml:4:9: " in run.stdout
    assert "work plan" not in run.stdout  # an unreadable actuals file is not taken for the work plan


def test_diff_command_shows_actuals_and_contributions(tmp_path: Path) -> None:
    import json

    from conftest import run_cli

    old, new = pair(tmp_path)
    edit(new / "actuals-2024.yaml", "travel: 12550", "travel: 12600.10")
    edit(new / "contributions.yaml", "amount: 1000}", "amount: 1500}")
    run = run_cli("diff", old, new, "--exit-code")
    assert run.code == 1, run.stderr
    assert "Actuals that changed:" in run.stdout
    assert "  2024  travel  12,550.00  12,600.10  +50.10" in run.stdout
    assert "  west         2024     0.00  1,000.00 → 1,500.00         0.00" in run.stdout
    data = json.loads(run_cli("diff", old, new, "-f", "json").stdout)["adoption"]
    assert data["actuals"] == [
        {"year": 2024, "line": "travel", "old": "12550.00", "new": "12600.10", "difference": "50.10"}
    ]
    assert data["contributions"][0]["new"] == {"pledged": "0.00", "received": "1500.00", "outstanding": "0.00"}
    markdown = run_cli("diff", old, new, "-f", "markdown").stdout
    assert "| 2024 | travel | 12,550.00 | 12,600.10 | +50.10 |" in markdown
    # a plan without actuals or contributions has no such section, and no `adoption` in its JSON
    plain = json.loads(run_cli("diff", "tests/fixtures/minimal", "tests/fixtures/minimal", "-f", "json").stdout)
    assert plain["adoption"] is None
