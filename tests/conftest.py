"""Shared test helpers: copy a fixture plan, edit its YAML text, run the CLI as a user runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "minimal"
SEED = FIXTURES / "seed" / "000_5148d0b73f64cd52.txt"

# Stable output: no colour, a fixed width, no GitHub auto-detection.
CLI_ENV = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100", "LANG": "C.UTF-8"}
CLI_ENV.pop("GITHUB_ACTIONS", None)
CLI_ENV.pop("FORCE_COLOR", None)
for _variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):  # the tool's words follow these: English unless a test asks
    CLI_ENV.pop(_variable, None)


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 60) -> Run:
    """Run `python -m ccm_plan ARGS` in a fresh process, as a user would from a shell."""
    completed = subprocess.run(
        [sys.executable, "-m", "ccm_plan", *map(str, args)],
        cwd=cwd or ROOT,
        env={**CLI_ENV, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Run(completed.returncode, completed.stdout, completed.stderr)


def copy_plan(source: Path, target: Path) -> Path:
    """Copy the YAML files of a plan folder into `target` (created) and return it."""
    target.mkdir(parents=True, exist_ok=True)
    for path in source.iterdir():
        if path.suffix in (".yaml", ".yml"):
            shutil.copy(path, target / path.name)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in a file's text; fail loudly if `old` is not there, so a test cannot go stale."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def minimal_plan(tmp_path: Path) -> Path:
    """A fresh copy of the small non-CCM fixture plan (EUR, 2024–2026, en/fr, 15% social charges)."""
    return copy_plan(MINIMAL, tmp_path / "plan")


@pytest.fixture
def shipped_plan(tmp_path: Path) -> Path:
    """A fresh copy of the shipped CCM plan, safe to edit."""
    return copy_plan(DATA, tmp_path / "data")


@pytest.fixture
def cli() -> Callable[..., Run]:
    return run_cli


def found(path: Path, *, accepted: bool = False) -> list[tuple[str, str, int, int]]:
    """The plan's findings as (rule, file name, line, column), sorted; accepted ones only with `accepted`."""
    from ccm_plan.check import check_paths

    result = check_paths([path])
    return [(p.rule, Path(p.file).name, p.line, p.column) for p in result.problems if accepted or p.accepted is None]


def line_of(path: Path, fragment: str, occurrence: int = 1) -> int:
    """1-based number of the line holding the n-th occurrence of `fragment`, so tests name places, not numbers."""
    seen = 0
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in text:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{fragment!r} not found {occurrence} time(s) in {path}")


def column_of(path: Path, fragment: str, occurrence: int = 1) -> int:
    text = path.read_text(encoding="utf-8").splitlines()[line_of(path, fragment, occurrence) - 1]
    return text.index(fragment) + 1


@pytest.fixture
def plan_pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two identical copies of the minimal plan, `old/` and `new/`: edit `new` with `edit`, then compare them."""
    return copy_plan(MINIMAL, tmp_path / "old"), copy_plan(MINIMAL, tmp_path / "new")


# Git without the user's or the machine's configuration, with a fixed identity: commits work anywhere.
GIT_ENV = {
    **CLI_ENV,
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "ccm-plan tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "ccm-plan tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}


def git(repo: Path, *args: str) -> str:
    """Run git in `repo`; fail the test with git's message if it fails."""
    completed = subprocess.run(
        ["git", *args], cwd=repo, env=GIT_ENV, capture_output=True, text=True, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


@pytest.fixture
def plan_repo(tmp_path: Path) -> Path:
    """A git repository whose first commit holds the minimal plan in `data/`, as a treaty unit's repo would."""
    repo = tmp_path / "repo"
    copy_plan(MINIMAL, repo / "data")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "data")
    git(repo, "commit", "-q", "-m", "plan")
    return repo
