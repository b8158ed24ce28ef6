"""`ccm-plan diff REV` finds the plan at the same place in the repository wherever it is run from: inside the plan
folder (`cd data && ccm-plan diff HEAD`, where `data/data` was looked for), from the repository's root, and from an
unrelated folder with an explicit path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import GIT_ENV, edit, run_cli


@pytest.fixture
def edited_repo(plan_repo: Path) -> Path:
    """The minimal plan committed in `data/`, with salaries raised by 6,000 in 2025 in the working tree only."""
    edit(plan_repo / "data" / "budget.yaml", "2025: 104000", "2025: 110000")
    return plan_repo


def _difference(run_dir: Path, *arguments: str) -> tuple[str, str, str]:
    run = run_cli("diff", "HEAD", *arguments, "--format", "json", cwd=run_dir, env=GIT_ENV)
    assert run.code == 0, run.stderr
    document = json.loads(run.stdout)
    return document["old"]["label"], document["new"]["label"], document["budget"]["total"]["difference"]


def test_inside_the_plan_folder(edited_repo: Path) -> None:
    old, _, difference = _difference(edited_repo / "data")
    assert old == "HEAD:data" and difference == "6000"
    text = run_cli("diff", "HEAD", cwd=edited_repo / "data", env=GIT_ENV)
    assert text.code == 0, text.stderr
    assert "HEAD:data/data" not in text.stdout + text.stderr


def test_inside_the_plan_folder_naming_it(edited_repo: Path) -> None:
    assert _difference(edited_repo / "data", "--plan", ".")[::2] == ("HEAD:data", "6000")


def test_from_the_repository_root(edited_repo: Path) -> None:
    assert _difference(edited_repo) == ("HEAD:data", "data", "6000")


def test_from_an_unrelated_folder_with_an_explicit_path(edited_repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert _difference(elsewhere, "--plan", str(edited_repo / "data"))[::2] == ("HEAD:data", "6000")
    relative = Path("..") / edited_repo.name / "data"
    assert _difference(elsewhere, "--plan", str(relative))[::2] == ("HEAD:data", "6000")


def test_a_real_data_folder_inside_data_still_wins(edited_repo: Path) -> None:
    """Only a path that does not exist is read as the current folder: a plan really at data/data is that plan."""
    run = run_cli("diff", "HEAD", cwd=edited_repo / "data", env=GIT_ENV)
    assert run.code == 0, run.stderr
    (edited_repo / "data" / "data").mkdir()
    nested = run_cli("diff", "HEAD", cwd=edited_repo / "data", env=GIT_ENV)
    assert nested.code == 2 and "HEAD:data/data: no such file or folder at that revision" in nested.stderr
