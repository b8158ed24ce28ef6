"""Limits and hostile conditions, each with a clear message: file size, nesting, aliases, number magnitude, text
length; a folder where a file is expected, an unreadable file, a missing folder; an output in a missing or
read-only folder; Ctrl-C; outputs interrupted mid-write; BOM, CRLF and tabs.

The limits themselves are documented in source.py (MAX_*) and in the README's limits section.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from ccm_plan.check import check_paths
from ccm_plan.errors import OutputError, PlanNotFoundError
from ccm_plan.read import atomic, source
from ccm_plan.read.source import (
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_EXPANDED_NODES,
    MAX_FILE_BYTES,
    MAX_NUMBER,
    MAX_PLACES,
    MAX_SCALAR_CHARS,
)
from conftest import CLI_ENV, DATA, ROOT, copy_plan, edit, line_of, run_cli

ROOT_USER = os.geteuid() == 0
AS_ROOT = "runs as root (as CI does): file permissions do not stop root, so this cannot be arranged"


def findings(folder: Path) -> list[tuple[str, str, int, int, str]]:
    return [(p.rule, Path(p.file).name, p.line, p.column, p.message) for p in check_paths([folder]).problems]


def budget_with(plan: Path, extra: str) -> Path:
    """The fixture plan with `extra` appended to its budget (a key the schema refuses, if reading gets that far)."""
    with (plan / "budget.yaml").open("a", encoding="utf-8") as handle:
        handle.write(extra)
    return plan


# ------------------------------------------------------------------------------------------------ input limits


def test_file_size_cap(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    with budget.open("r+b") as handle:  # sparse: no 32 MB written, and the cap is checked before reading
        handle.truncate(MAX_FILE_BYTES + 1)
    [(rule, _, line, column, message)] = findings(minimal_plan)
    assert (rule, line, column) == ("yaml-limit", 1, 1)
    assert f"file is {MAX_FILE_BYTES + 1:,} bytes; the limit is {MAX_FILE_BYTES:,}" in message
    run = run_cli("validate", minimal_plan)
    assert run.code == 1 and "yaml-limit" in run.stdout and not run.stderr


def test_nesting_depth(minimal_plan: Path) -> None:
    budget_with(minimal_plan, "deep: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n")
    [(rule, _, _, column, message)] = findings(minimal_plan)
    assert rule == "yaml-limit" and message == f"nesting deeper than {MAX_DEPTH} levels"
    assert column == len("deep: ") + MAX_DEPTH + 1  # the first list past the limit


def test_nesting_at_the_limit_is_only_a_schema_matter(minimal_plan: Path) -> None:
    budget_with(minimal_plan, "deep: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n")
    assert [rule for rule, *_ in findings(minimal_plan)] == ["schema"]  # an unknown key, nothing more


def test_alias_count(minimal_plan: Path) -> None:
    aliases = ", ".join(["*a"] * (MAX_ALIASES + 1))
    budget_with(minimal_plan, f"anchor: &a 1\nmany: [{aliases}]\n")
    [(rule, _, _, _, message)] = findings(minimal_plan)
    assert rule == "yaml-limit" and message == f"more than {MAX_ALIASES:,} aliases"


def test_alias_expansion_billion_laughs_is_refused_fast(minimal_plan: Path) -> None:
    levels = ["lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"lol{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 10)]
    budget_with(minimal_plan, "\n".join(levels) + "\n")
    [(rule, _, line, _, message)] = findings(minimal_plan)
    assert rule == "yaml-limit" and f"more than {MAX_EXPANDED_NODES:,} values" in message
    assert line == line_of(minimal_plan / "budget.yaml", "lol6:")  # 10^7 nodes: the first level past 2 million
    run = run_cli("validate", minimal_plan, timeout=30)  # 10^10 nodes if it were expanded: a hang
    assert run.code == 1 and "alias bomb" in run.stdout


@pytest.mark.parametrize(
    ("figure", "problem"),
    [
        (str(MAX_NUMBER - 1), None),
        (str(MAX_NUMBER), "is too large"),
        ("1e15", "is too large"),
        ("-1e15", "is too large"),
        ("0." + "1" * MAX_PLACES, None),
        ("0." + "1" * (MAX_PLACES + 1), f"more than {MAX_PLACES} decimal places"),
        ("9" * 31, "a number of 31 digits"),
        ("1e400", "is too large"),
    ],
)
def test_number_magnitude(figure: str, problem: str | None, tmp_path: Path) -> None:
    path = tmp_path / "numbers.yaml"
    path.write_text(f"value: {figure}\n", encoding="utf-8")
    loaded = source.load(path)
    if problem is None:
        assert not loaded.problems
    else:
        [found] = loaded.problems
        assert (found.rule, found.line, found.column) == ("yaml-limit", 1, 8) and problem in found.message


def test_string_length(tmp_path: Path) -> None:
    path = tmp_path / "texts.yaml"
    path.write_text(f"ok: {'x' * MAX_SCALAR_CHARS}\nlong: '{'y' * (MAX_SCALAR_CHARS + 1)}'\n", encoding="utf-8")
    problems = source.load(path).problems
    # the first value fits the limit, not a workbook cell: a warning (issue 10); the second stops the reading
    assert sorted((p.rule, p.line, p.column) for p in problems) == [("cell-length", 1, 5), ("yaml-limit", 2, 7)]
    [found] = [p for p in problems if p.rule == "yaml-limit"]
    assert f"a value of {MAX_SCALAR_CHARS + 1:,} characters; the limit is {MAX_SCALAR_CHARS:,}" == found.message


# ------------------------------------------------------------------------------------------------ paths


def test_a_folder_named_like_a_plan_file(minimal_plan: Path) -> None:
    (minimal_plan / "budget.yaml").unlink()
    (minimal_plan / "budget.yaml").mkdir()
    with pytest.raises(PlanNotFoundError, match=r"budget\.yaml: cannot read: it is a folder, not a file"):
        check_paths([minimal_plan])
    run = run_cli("validate", minimal_plan)
    assert run.code == 2 and "it is a folder, not a file" in run.stderr and "Traceback" not in run.stderr


def test_a_pipe_named_like_a_plan_file_is_never_read(minimal_plan: Path) -> None:
    """Reading a FIFO would wait for a writer forever."""
    (minimal_plan / "workplan.yaml").unlink()
    os.mkfifo(minimal_plan / "workplan.yaml")
    run = run_cli("validate", minimal_plan, timeout=30)
    assert run.code == 2 and "workplan.yaml: cannot read: it is not a regular file" in run.stderr


def test_a_broken_link_named_like_a_plan_file(minimal_plan: Path) -> None:
    (minimal_plan / "workplan.yaml").unlink()
    (minimal_plan / "workplan.yaml").symlink_to(minimal_plan / "nowhere.yaml")
    run = run_cli("validate", minimal_plan)
    assert run.code == 2 and "workplan.yaml: cannot read: No such file or directory" in run.stderr


@pytest.mark.skipif(ROOT_USER, reason=AS_ROOT)
def test_an_unreadable_file(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    budget.chmod(0)
    try:
        run = run_cli("validate", minimal_plan)
    finally:
        budget.chmod(0o644)
    assert run.code == 2 and "budget.yaml: cannot read: Permission denied" in run.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "{missing}"],
        ["totals", "{missing}"],
        ["fix", "{missing}"],
        ["fix", "{missing}", "--check"],
        ["diff", "{missing}", "{plan}"],
        ["export", "xlsx", "{missing}", "--output", "{out}"],
    ],
)
def test_a_missing_folder_is_a_usage_error_for_every_command(
    command: list[str], minimal_plan: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-plan"
    arguments = [part.format(missing=missing, plan=minimal_plan, out=tmp_path / "x.xlsx") for part in command]
    run = run_cli(*arguments)
    assert run.code == 2, run
    assert str(missing) in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize(
    "command",
    [
        ["export", "xlsx", "{plan}", "--output", "{out}/plan.xlsx"],
        ["schema", "budget", "--output", "{out}/budget.schema.json"],
        ["schema", "--output", "{out}"],
        ["rules", "--format", "markdown", "--output", "{out}/rules.md"],
    ],
)
@pytest.mark.parametrize("where", ["missing folder", "under a file"])
def test_an_output_that_cannot_be_written_is_a_usage_error(
    command: list[str], where: str, minimal_plan: Path, tmp_path: Path
) -> None:
    out = tmp_path / "missing"
    if where == "under a file":
        out = tmp_path / "a-file"
        out.write_text("not a folder\n")
    run = run_cli(*[part.format(plan=minimal_plan, out=out) for part in command])
    assert run.code == 2, run
    assert run.stderr.startswith("ccm-plan: ") and "Traceback" not in run.stderr
    assert str(out) in run.stderr


@pytest.mark.skipif(ROOT_USER, reason=AS_ROOT)
@pytest.mark.parametrize("command", [["export", "xlsx", "{plan}", "--output", "{out}/plan.xlsx"], ["fix", "{plan}"]])
def test_an_output_in_a_read_only_folder(command: list[str], minimal_plan: Path, tmp_path: Path) -> None:
    edit(minimal_plan / "budget.yaml", "plan: 396800", "plan: 396801")  # something for fix to write
    out = tmp_path / "read-only"
    out.mkdir()
    folder = out if command[0] == "export" else minimal_plan
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    folder.chmod(0o555)
    try:
        run = run_cli(*[part.format(plan=minimal_plan, out=out) for part in command])
    finally:
        folder.chmod(0o755)
    assert run.code == 2 and "cannot write: Permission denied" in run.stderr, run
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before


# ------------------------------------------------------------------------------------------------ atomic outputs


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


@pytest.mark.parametrize("failure", [RuntimeError("disk on fire"), KeyboardInterrupt()])
def test_write_with_interrupted_mid_write_leaves_the_old_file(failure: BaseException, tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"the old file")

    def half_then_fail(temporary: Path) -> None:
        temporary.write_bytes(b"the first half of the new fi")
        raise failure

    with pytest.raises(type(failure)):
        atomic.write_with(target, half_then_fail)
    assert target.read_bytes() == b"the old file"
    assert leftovers(tmp_path) == []


def test_a_failing_disk_is_an_output_error_and_the_old_file_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "budget.yaml"
    target.write_bytes(b"old")

    def broken_fsync(descriptor: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(OutputError, match=r"budget\.yaml: cannot write: Input/output error"):
        atomic.write_text(target, "new")
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == []


def test_export_failing_mid_workbook_leaves_the_old_workbook(
    minimal_plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ccm_plan.exports import xlsx as export_xlsx

    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"last week's workbook")
    real = export_xlsx.write_workbook

    def write_then_fail(*args: object, **kwargs: object) -> list[str]:
        real(*args, **kwargs)  # a complete workbook in the temporary file ...
        raise OSError(28, "No space left on device")  # ... and then the disk is full

    monkeypatch.setattr(export_xlsx, "write_workbook", write_then_fail)
    with pytest.raises(OutputError, match="No space left on device"):
        export_xlsx.export_xlsx(minimal_plan, target)
    assert target.read_bytes() == b"last week's workbook" and leftovers(tmp_path) == []


def test_fix_failing_mid_write_leaves_the_plan_as_it_was(minimal_plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ccm_plan.edit.fix import fix_plan

    edit(minimal_plan / "budget.yaml", "plan: 396800", "plan: 396801")
    before = (minimal_plan / "budget.yaml").read_bytes()

    def broken_replace(source: object, target: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(OutputError, match="Read-only file system"):
        fix_plan(minimal_plan)
    assert (minimal_plan / "budget.yaml").read_bytes() == before and leftovers(minimal_plan) == []


# ------------------------------------------------------------------------------------------------ Ctrl-C


def large_plan(folder: Path, lines: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return generate(folder, lines=lines, years=50, activities=lines * 5)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def interrupt_when(process: subprocess.Popen[str], ready: Callable[[], bool]) -> tuple[int, str]:
    deadline = time.monotonic() + 60
    while not ready():
        assert process.poll() is None, "the command ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    return process.returncode, stderr


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to see the child's CPU time")
def test_ctrl_c_during_validate_exits_130_without_a_traceback(tmp_path: Path) -> None:
    plan = large_plan(tmp_path / "plan", 2000)
    process = subprocess.Popen(
        [sys.executable, "-m", "ccm_plan", "validate", str(plan)],
        env=CLI_ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Well past start-up (~0.15 s of CPU), well before the end (~1.5 s): inside the loader or the checks.
    code, stderr = interrupt_when(process, lambda: cpu_seconds(process.pid) > 0.4)
    assert code == 130 and "Traceback" not in stderr, stderr


def test_ctrl_c_while_export_writes_leaves_the_old_workbook(tmp_path: Path) -> None:
    plan = large_plan(tmp_path / "plan", 300)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "plan.xlsx"
    target.write_bytes(b"the workbook of last week")
    process = subprocess.Popen(
        [sys.executable, "-m", "ccm_plan", "export", "xlsx", str(plan), "--output", str(target)],
        env=CLI_ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    code, stderr = interrupt_when(process, lambda: bool(leftovers(out)))  # the temporary file is being written
    assert code == 130 and "Traceback" not in stderr, stderr
    assert target.read_bytes() == b"the workbook of last week" and leftovers(out) == []


# ------------------------------------------------------------------------------------------------ Windows editors


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("crlf", [False, True])
def test_bom_and_crlf_give_the_same_findings_at_the_same_places(bom: bool, crlf: bool, tmp_path: Path) -> None:
    plan = copy_plan(DATA, tmp_path / "data")
    for path in plan.iterdir():
        text = path.read_text(encoding="utf-8")
        path.write_bytes(("\ufeff" if bom else "").encode() + text.replace("\n", "\r\n" if crlf else "\n").encode())
    assert findings(plan) == findings(DATA)
    run = run_cli("validate", plan)
    assert run.code == 0 and "2 problems (0 errors, 2 warnings)" in run.stdout


def test_tab_indentation_says_so_at_the_tab(minimal_plan: Path) -> None:
    edit(minimal_plan / "budget.yaml", "    cost_type: staff\n", "\tcost_type: staff\n")
    run = run_cli("validate", minimal_plan)
    line = line_of(minimal_plan / "budget.yaml", "\tcost_type")
    assert run.code == 1
    assert f"budget.yaml:{line}:1: error [yaml-syntax] a tab character is used for indentation" in run.stdout
    assert "fix: indent YAML with spaces, never tabs" in run.stdout
