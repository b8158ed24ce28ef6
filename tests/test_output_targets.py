"""What is already at an output path is respected by every command that writes: a device, a pipe or a folder is
never replaced by a file, and a read-only file is replaced only with --force where a command has it
(read/atomic.py, one place for all of them)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ccm_plan.errors import OutputError
from ccm_plan.read.atomic import write_text
from conftest import FIXTURES, copy_plan, edit, run_cli


def _read_only(path: Path, text: str = "kept\n") -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o444)
    return path


def test_a_pipe_is_never_replaced_by_a_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match=r"pipe: cannot write: it is a device or a pipe, not a regular file"):
        write_text(fifo, "x")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]  # no temporary file left behind


@pytest.mark.parametrize(
    "args",
    [("schema", "budget", "-o", "{out}"), ("rules", "-o", "{out}")],
    ids=["schema", "rules"],
)
def test_commands_refuse_a_special_file_and_leave_it(tmp_path: Path, args: tuple[str, ...]) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    run = run_cli(*(a.format(out=fifo) for a in args))
    assert run.code == 2, run
    assert "not a regular file" in run.stderr and "Traceback" not in run.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_commands_refuse_a_read_only_file(tmp_path: Path) -> None:
    target = _read_only(tmp_path / "schema.json")
    run = run_cli("schema", "budget", "-o", target)
    assert run.code == 2 and "read-only, so it is not replaced" in run.stderr
    assert target.read_text(encoding="utf-8") == "kept\n"


def test_export_md_refuses_a_read_only_file(tmp_path: Path) -> None:
    target = _read_only(tmp_path / "plan.md")
    run = run_cli("export", "md", FIXTURES / "minimal", "-o", target)
    assert run.code == 2, run
    assert "read-only" in run.stderr and target.read_text(encoding="utf-8") == "kept\n"


def test_fix_leaves_a_read_only_plan_file(tmp_path: Path) -> None:
    plan = copy_plan(FIXTURES / "minimal", tmp_path / "plan")
    budget = plan / "budget.yaml"
    text = budget.read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if ln.strip().startswith("plan:"))
    figure = line.split(":", 1)[1].strip()
    edit(budget, line, line.replace(figure, str(int(figure) + 1)))  # a stale stated total for fix to rewrite
    before = budget.read_text(encoding="utf-8")
    budget.chmod(0o444)
    run = run_cli("fix", plan)
    assert run.code == 2, run
    assert "read-only" in run.stderr and budget.read_text(encoding="utf-8") == before


def test_force_replaces_a_read_only_file_and_keeps_it_read_only(tmp_path: Path) -> None:
    target = _read_only(tmp_path / "out.txt")
    write_text(target, "new\n", force=True)
    assert target.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o444
