"""Every command through its library entry point, as the CLI would run it: the harness of the property tests
and of the case folders. A command may end in a result or a `CcmPlanError` (exit 2, with a message), nothing else.
"""

from __future__ import annotations

import contextlib
import re
import signal
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import event
from hypothesis.control import currently_in_test_context

from ccm_plan.check import check_paths
from ccm_plan.errors import CcmPlanError
from ccm_plan.problems import EXIT_OK, EXIT_PROBLEMS, Severity, exit_code
from ccm_plan.rules import SOURCE_RULES

YAML_BREAK = re.compile("\r\n|[\r\n]")  # what YAML 1.2 (and so every position) counts as a new line
READING = {rule for rule in SOURCE_RULES if rule != "unused-waiver"}
EXAMPLE_SECONDS = 20  # far above any real run (~0.1 s in-process): reaching it means a hang


class Hang(Exception):
    """An example ran past EXAMPLE_SECONDS."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail the example instead of waiting forever; SIGALRM interrupts even a loop in the library."""

    def expire(signum: int, frame: Any) -> None:
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def write_plan(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def outcome(call: Callable[[], int]) -> int:
    """Run one library command as the CLI would: its exit code, or 2 for a `CcmPlanError` (with a message)."""
    try:
        return call()
    except CcmPlanError as error:
        assert str(error).strip(), "a CcmPlanError without a message"
        assert "Traceback" not in str(error)
        return 2


def assert_located(problems: list[Any], folder: Path) -> None:
    """Every finding names a file of the plan (or its folder) and a place inside that file."""
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message.strip() and problem.rule, problem
        path = Path(problem.file)
        if not path.is_absolute():
            path = Path.cwd() / path
        if path.is_file():
            lines = YAML_BREAK.split(path.read_bytes().decode("utf-8", "replace"))
            assert problem.line <= len(lines) + 1, (problem, len(lines))
            assert problem.column <= len(lines[min(problem.line, len(lines)) - 1]) + 2, problem
        else:
            assert path.resolve() == folder.resolve(), problem


def run_validate(folder: Path) -> int:
    from ccm_plan.outputs.report import FORMATS

    result = check_paths([folder])
    assert_located(result.problems, folder)
    if currently_in_test_context():  # --hypothesis-show-statistics: how far into the checks the examples reach
        reading = [p.rule for p in result.problems if p.rule in READING or p.rule.startswith("yaml")]
        event("clean" if not result.problems else f"stops at {reading[0]}" if reading else "reaches the rules")
    for render in FORMATS.values():
        assert render(result.problems, len(result.files)).endswith("\n")
    code = exit_code(result.problems, strict=True)
    assert code == EXIT_OK or any(p.accepted is None for p in result.problems)
    if any(p.severity is Severity.ERROR and p.accepted is None for p in result.problems):
        assert exit_code(result.problems) == EXIT_PROBLEMS
    return exit_code(result.problems)


def run_totals(folder: Path) -> int:
    from ccm_plan.outputs.totals import FORMATS, render_text, totals_for

    result = totals_for(folder)
    if result.report is None:
        assert not result.plan.is_usable
        return EXIT_PROBLEMS
    for render in FORMATS.values():
        assert render(result.report)
    assert render_text(result.report, width=60, color=True)
    for year in result.report.years[:2]:
        assert render_text(totals_for(folder, [year]).report)  # type: ignore[arg-type]
    return EXIT_OK


def run_fix_check(folder: Path) -> int:
    from ccm_plan.edit.fix import fix_plan, render_fix

    result = fix_plan(folder, check=True)
    if not result.usable:
        return EXIT_PROBLEMS
    assert render_fix(result)
    assert not result.written
    return EXIT_PROBLEMS if result.edits else EXIT_OK


def run_fix_write(folder: Path) -> int:
    """fix writes; afterwards the stated totals agree with the lines, and a second fix changes nothing."""
    from ccm_plan.edit.fix import fix_plan

    result = fix_plan(folder)
    if not result.usable:
        return EXIT_PROBLEMS
    if result.edits:
        again = fix_plan(folder, check=True)
        assert again.usable and not again.edits, [edit.location for edit in again.edits]
        assert not [p for p in check_paths([folder]).problems if p.rule == "stated-totals"]
    return EXIT_OK


def run_diff(old: Path, new: Path) -> int:
    from ccm_plan.diff.compare import compare
    from ccm_plan.outputs.diff_report import FORMATS

    result = compare(str(old), str(new), fail_above=Decimal(1000), fail_above_pct=Decimal("2.5"))
    for render in FORMATS.values():
        assert render(result)
    return result.exit_code(differences_fail=True)


def run_export(folder: Path, output: Path) -> int:
    from ccm_plan.exports.xlsx import export_xlsx, summary

    before = output.read_bytes() if output.exists() else None
    try:
        result = export_xlsx(folder, output)
    except CcmPlanError:
        assert (output.read_bytes() if output.exists() else None) == before, "a failed export touched the file"
        raise
    if not result.written:
        assert (output.read_bytes() if output.exists() else None) == before
        return EXIT_PROBLEMS
    assert output.read_bytes()[:2] == b"PK"
    assert summary(result)
    return exit_code(result.problems)


def run_execution(folder: Path) -> int:
    """execution and contributions: a report in every format, or the problems that stop it (exit 1)."""
    from ccm_plan.outputs.execution import (
        CONTRIBUTIONS_FORMATS,
        EXECUTION_FORMATS,
        contributions_for,
        execution_for,
    )
    from ccm_plan.read.loader import load_plan

    plan = load_plan(folder)
    if plan.is_usable and not plan.actuals:
        return EXIT_OK  # a plan before adoption: nothing to report (the CLI says so, exit 2: test_execution_cli)
    result = execution_for(folder)
    if result.report is None:
        assert result.problems
        return EXIT_PROBLEMS
    for render in EXECUTION_FORMATS.values():
        assert render(result.report).endswith("\n")
    for year in {year.year for year in result.report.execution.years}:
        standing = contributions_for(folder, year)
        if standing.report is not None and result.plan.contributions is not None:
            for render in CONTRIBUTIONS_FORMATS.values():
                assert render(standing.report).endswith("\n")
            shares = [row.indicative for row in standing.report.status.contributors if row.indicative is not None]
            assert not shares or sum(shares) == standing.report.status.budget
    return EXIT_OK


def every_command(folder: Path, original: Path, workbook: Path, *, write: bool = True) -> dict[str, int]:
    """All library commands on the plan at `folder`; `original` is the plan before the mutation."""
    codes = {}
    with time_limit(EXAMPLE_SECONDS):
        codes["validate"] = outcome(lambda: run_validate(folder))
        codes["totals"] = outcome(lambda: run_totals(folder))
        codes["fix --check"] = outcome(lambda: run_fix_check(folder))
        codes["diff"] = outcome(lambda: run_diff(original, folder))
        codes["export"] = outcome(lambda: run_export(folder, workbook))
        codes["execution"] = outcome(lambda: run_execution(folder))
        if write:
            codes["fix"] = outcome(lambda: run_fix_write(folder))
    assert set(codes.values()) <= {0, 1, 2}, codes
    return codes
