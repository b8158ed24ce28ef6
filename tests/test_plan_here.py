"""Run inside a plan folder without naming it, a command looks for `data` and fails: it now says to name the
current folder `.` (a new user's trial); anywhere else the message stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli

NOT_FOUND = "ccm-plan: data: no such file or folder\n"


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["validate"], "ccm-plan validate ."),  # the quick path (no Typer)
        (["validate", "--strict"], "ccm-plan validate ."),
        (["totals", "--year", "2025"], "ccm-plan totals ."),
        (["export", "md", "-o", "-"], "ccm-plan export md ."),
        (["import", "actuals", "ledger.csv", "--year", "2025"], "ccm-plan import actuals --plan ."),
    ],
)
def test_inside_a_plan_folder_the_hint_says_to_name_it(minimal_plan: Path, args: list[str], named: str) -> None:
    run = run_cli(*args, cwd=minimal_plan)
    assert run.code == 2
    name = "--plan ." if "--plan" in named else "."
    assert run.stderr == NOT_FOUND + f"  the current folder holds plan files: name it with `{name}` ({named})\n"


def test_elsewhere_no_hint(tmp_path: Path) -> None:
    (tmp_path / "notes.yaml").write_text("title: not a plan\n", encoding="utf-8")
    for args in (["validate"], ["totals"]):
        run = run_cli(*args, cwd=tmp_path)
        assert run.code == 2 and run.stderr == NOT_FOUND
