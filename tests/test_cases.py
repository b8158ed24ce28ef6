"""Case folders: each tests/cases/valid/<case>/ is a plan with no problem at all; each tests/cases/invalid/<case>/
is a plan whose expected.txt lists exactly the problems it must produce, one `file:line:column rule` a line
(`.` is the plan folder itself), after `#` comments that say what the case is about.

After an intended change of the findings, regenerate the lists — then read every changed expected.txt, since
the point of the list is that a person checked each line against the plan file:

    UPDATE_CASES=1 .venv/bin/pytest tests/test_cases.py

Every command also runs on every case (in-process): none may fail other than with a result or a usage error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ccm_plan.check import check_paths
from ccm_plan.problems import EXIT_OK, EXIT_PROBLEMS, exit_code
from conftest import CLI_ENV, MINIMAL
from harness import every_command

CASES = Path(__file__).resolve().parent / "cases"
INVALID = sorted(path.name for path in (CASES / "invalid").iterdir() if path.is_dir())
VALID = sorted(path.name for path in (CASES / "valid").iterdir() if path.is_dir())
UPDATE = os.environ.get("UPDATE_CASES") == "1"


def problem_lines(problems: list, folder: Path) -> list[str]:
    """`file:line:column rule` for each problem, the file relative to the case folder."""
    lines = []
    for problem in problems:
        path = Path(problem.file)
        path = (path if path.is_absolute() else Path.cwd() / path).resolve()
        name = "." if path == folder.resolve() else path.relative_to(folder.resolve()).as_posix()
        accepted = " (accepted)" if problem.accepted is not None else ""
        lines.append(f"{name}:{problem.line}:{problem.column} {problem.rule}{accepted}")
    return lines


def expected(folder: Path) -> tuple[list[str], list[str]]:
    """(comment lines, problem lines) of a case's expected.txt."""
    text = (folder / "expected.txt").read_text(encoding="utf-8")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    wanted = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return comments, wanted


def test_there_are_enough_cases() -> None:
    assert len(INVALID) >= 20 and len(VALID) >= 3


@pytest.mark.parametrize("name", INVALID)
def test_invalid_case(name: str) -> None:
    folder = CASES / "invalid" / name
    comments, wanted = expected(folder)
    assert comments, f"{name}/expected.txt: say in a # comment what the case is about"
    result = check_paths([folder])
    found = problem_lines(result.problems, folder)
    if UPDATE:
        (folder / "expected.txt").write_text("\n".join([*comments, *found]) + "\n", encoding="utf-8")
        return
    assert found == wanted, f"{name}: got\n" + "\n".join(found)
    assert exit_code(result.problems, strict=True) == EXIT_PROBLEMS


@pytest.mark.parametrize("name", VALID)
def test_valid_case(name: str) -> None:
    folder = CASES / "valid" / name
    comments, wanted = expected(folder)
    assert comments and not wanted, f"{name}/expected.txt: only # comments for a valid case"
    result = check_paths([folder])
    assert problem_lines(result.problems, folder) == []
    assert exit_code(result.problems, strict=True) == EXIT_OK


@pytest.mark.parametrize("kind_name", [("invalid", name) for name in INVALID] + [("valid", name) for name in VALID])
def test_every_command_answers_every_case(kind_name: tuple[str, str], tmp_path: Path) -> None:
    kind, name = kind_name
    plan = tmp_path / name
    plan.mkdir()
    for file in (CASES / kind / name).iterdir():
        if file.name != "expected.txt":
            (plan / file.name).write_bytes(file.read_bytes())
    codes = every_command(plan, MINIMAL, tmp_path / "plan.xlsx")
    if kind == "valid":
        differences = codes.pop("diff")  # 1 when the case differs from the fixture plan it was made from
        assert set(codes.values()) == {EXIT_OK} and differences in (EXIT_OK, EXIT_PROBLEMS), codes
    else:
        assert codes["validate"] in (EXIT_OK, EXIT_PROBLEMS), codes  # warnings-only cases exit 0


def test_the_command_line_reports_what_the_library_does() -> None:
    """One `ccm-plan validate --format json` over every case: the same places, and exit 1."""
    folders = [f"invalid/{name}" for name in INVALID] + [f"valid/{name}" for name in VALID]
    done = subprocess.run(
        [sys.executable, "-m", "ccm_plan", "validate", "--format", "json", *folders],
        cwd=CASES,
        env=CLI_ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == EXIT_PROBLEMS, done.stderr
    assert "Traceback" not in done.stderr
    reported: dict[str, list[str]] = {folder: [] for folder in folders}
    for problem in json.loads(done.stdout)["problems"]:
        parts = Path(problem["file"]).parts
        folder, rest = "/".join(parts[:2]), "/".join(parts[2:]) or "."
        reported[folder].append(f"{rest}:{problem['line']}:{problem['column']} {problem['rule']}")
    for folder in folders:
        assert sorted(reported[folder]) == sorted(expected(CASES / folder)[1]), folder
