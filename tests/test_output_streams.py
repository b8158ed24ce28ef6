"""Every command, run as a user runs it, with its standard output going where it cannot be written: a full device
(`> /dev/full`), a closed descriptor (`>&-`), a pipe whose reader has gone (`| head`), and a terminal whose
encoding lacks characters the output holds (`PYTHONIOENCODING=cp1252`, `ascii`).

Expected, for every command: never a traceback; a full or closed output is one line on stderr and exit 74 (not 1,
which means "the plan has problems"); a closed pipe ends quietly with the command's own verdict; an encoding
that cannot show a character gets a stand-in.
"""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ccm_plan import entry
from ccm_plan.problems import EXIT_OUTPUT
from conftest import CLI_ENV, DATA, ROOT, copy_plan, edit

CASES = ROOT / "tests" / "cases" / "invalid"


@pytest.fixture(scope="module")
def stale(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plan with its stated plan total one franc off: validate's message holds `−`-free text,
    diff shows a change, fix --check has something to do."""
    plan = copy_plan(DATA, tmp_path_factory.mktemp("stale") / "plan")
    edit(plan / "budget.yaml", "  plan: 2940552", "  plan: 2940553")
    return plan


def commands(stale: Path, out: Path) -> dict[str, list[str]]:
    return {
        "validate": ["validate", str(stale)],
        "totals": ["totals"],
        "totals-zh": ["totals", "--lang", "zh", "--year", "2023"],
        "diff": ["diff", "data", str(stale)],
        "rules": ["rules"],
        "schema": ["schema", "budget"],
        "fix-check": ["fix", "--check", str(stale)],
        "export": ["export", "xlsx", "--lang", "zh", "--output", str(out / "plan.xlsx")],
        "export-md": ["export", "md", "--lang", "zh", "--output", "-"],
        "migrate-check": ["migrate", "--check"],
        "execution": ["execution", "examples/after-adoption"],
        "contributions": ["contributions", "examples/after-adoption", "--year", "2022"],
        "version": ["--version"],
        "help": ["--help"],
        "command-help": ["totals", "--help"],
    }


NAMES = list(commands(Path("x"), Path("y")))


def run(args: list[str], *, stdout: int | None, env: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    completed = subprocess.run(
        [sys.executable, "-m", "ccm_plan", *args],
        cwd=ROOT,
        env={**CLI_ENV, **(env or {})},
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        timeout=120,
    )
    return completed.returncode, completed.stderr.decode("utf-8", "replace"), completed.stdout or b""


def closed_pipe() -> int:
    """The writing end of a pipe whose reader has already gone, as `| head` leaves it once head has read."""
    read, write = os.pipe()
    os.close(read)
    return write


def verdict(name: str) -> int:
    """The exit code each command gives when its output is read whole: its own verdict."""
    return {"validate": 1, "fix-check": 1}.get(name, 0)


@pytest.mark.parametrize("name", NAMES)
def test_full_device_is_one_line_and_exit_74(name: str, stale: Path, tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        code, stderr, _ = run(commands(stale, tmp_path)[name], stdout=full.fileno())
    assert code == EXIT_OUTPUT == 74, (code, stderr)
    assert "Traceback" not in stderr
    assert "ccm-plan: the output could not be written: No space left on device" in stderr.splitlines()


@pytest.mark.parametrize("name", NAMES)
def test_closed_stdout_is_one_line_and_exit_74(name: str, stale: Path, tmp_path: Path) -> None:
    args = commands(stale, tmp_path)[name]
    completed = subprocess.run(
        [sys.executable, "-m", "ccm_plan", *args],
        cwd=ROOT,
        env=CLI_ENV,
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        close_fds=True,
        preexec_fn=lambda: os.close(1),
    )
    assert completed.returncode == 74, completed.stderr
    assert completed.stderr.strip() == "ccm-plan: the output could not be written: standard output is closed"


@pytest.mark.parametrize("name", NAMES)
def test_closed_pipe_ends_quietly_with_the_commands_verdict(name: str, stale: Path, tmp_path: Path) -> None:
    write = closed_pipe()
    try:
        code, stderr, _ = run(commands(stale, tmp_path)[name], stdout=write)
    finally:
        os.close(write)
    assert stderr == "", stderr
    assert code == verdict(name), (code, stderr)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
@pytest.mark.parametrize("name", NAMES)
def test_an_encoding_without_the_characters_gets_stand_ins(
    name: str, encoding: str, stale: Path, tmp_path: Path
) -> None:
    code, stderr, stdout = run(commands(stale, tmp_path)[name], stdout=None, env={"PYTHONIOENCODING": encoding})
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
    assert code == verdict(name), (code, stderr)
    assert stdout.strip(), "the command printed nothing"
    stdout.decode(encoding)  # what reached the terminal is in its encoding


def test_stand_ins_keep_the_figures_readable(stale: Path) -> None:
    """`totals --lang zh` under cp1252: the numbers and ASCII survive, `–` reads `-`, Chinese becomes `?`."""
    code, _, stdout = run(["totals", "--lang", "zh"], stdout=None, env={"PYTHONIOENCODING": "ascii"})
    text = stdout.decode("ascii")
    assert code == 0
    assert "2021-2026" in text and "2,940,552" in text and "?" in text
    code, _, stdout = run(["diff", "data", str(stale)], stdout=None, env={"PYTHONIOENCODING": "ascii"})
    assert "budget totals.plan: 2,940,552 -> 2,940,553" in stdout.decode("ascii")


def test_a_full_device_on_stderr_keeps_the_verdict() -> None:
    """Nowhere is left to say anything: the exit code alone still tells the plan has errors."""
    with open("/dev/full", "wb") as full:
        completed = subprocess.run(
            [sys.executable, "-m", "ccm_plan", "validate", str(CASES / "tab-indentation")],
            cwd=ROOT,
            env=CLI_ENV,
            stdout=subprocess.DEVNULL,
            stderr=full,
            timeout=60,
        )
    assert completed.returncode == 1


ENCODINGS = ["ascii", "cp1252", "latin-1", "cp437", "cp850", "koi8-r", "shift_jis", "cp932", "gbk", "iso8859-7"]


@given(text=st.text(), encoding=st.sampled_from(ENCODINGS))
def test_every_text_encodes_in_every_encoding_with_stand_ins(text: str, encoding: str) -> None:
    """Any character in any ASCII-compatible encoding: as the encoding writes it when it can (a codec may write a
    best-fit, cp932's ¢ is ￠), else its stand-in; never an error."""
    codecs.register_error(entry.REPLACE, entry._replace)
    for character in text:
        try:
            character.encode(encoding)
        except UnicodeEncodeError:
            shown = character.encode(encoding, entry.REPLACE).decode(encoding)
            assert shown == entry._STAND_INS.get(character, "?"), (character, shown)
    if text.isascii():
        assert text.encode(encoding, entry.REPLACE).decode(encoding) == text
