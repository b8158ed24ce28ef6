"""A bug that reaches the top (a rule or a command raising something unforeseen) is one message and exit 70, as a
user runs the command: the version, the command, what to report; the traceback only with CCM_PLAN_DEBUG=1."""

from __future__ import annotations

import subprocess
import sys

from ccm_plan import __version__
from conftest import CLI_ENV, ROOT

EXIT_SOFTWARE = 70  # sysexits.h EX_SOFTWARE

# The console script's own entry point, with one rule's check replaced by one that fails as a bug would.
BROKEN_RULE = """
import sys
from ccm_plan.rules import rates

def check(models):
    raise ZeroDivisionError("division by zero")
    yield

object.__setattr__(rates.RULE, "check", check)
sys.argv = ["ccm-plan", *sys.argv[1:]]
from ccm_plan.entry import main
main()
"""


def run_broken(*args: str, debug: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**CLI_ENV}
    env.pop("CCM_PLAN_DEBUG", None)
    if debug is not None:
        env["CCM_PLAN_DEBUG"] = debug
    return subprocess.run(
        [sys.executable, "-c", BROKEN_RULE, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_internal_error_is_one_message_and_exit_70() -> None:
    run = run_broken("validate", "data", "--strict")
    assert run.returncode == EXIT_SOFTWARE, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stdout == ""
    assert run.stderr.startswith("ccm-plan: internal error: ZeroDivisionError: division by zero\n")
    assert f"ccm-plan {__version__}" in run.stderr
    assert "(ccm-plan validate data --strict)" in run.stderr
    assert "CCM_PLAN_DEBUG=1" in run.stderr


def test_internal_error_in_another_command_names_it() -> None:
    run = run_broken("export", "md", "data", "-o", "-")
    assert run.returncode == EXIT_SOFTWARE, run.stderr
    assert "Traceback" not in run.stderr
    assert "(ccm-plan export md data -o -)" in run.stderr


def test_internal_error_traceback_with_debug() -> None:
    run = run_broken("validate", "data", debug="1")
    assert run.returncode == EXIT_SOFTWARE
    assert "Traceback (most recent call last)" in run.stderr
    assert ", in check\n" in run.stderr  # the frame of the rule that failed
    assert "ccm-plan: internal error: ZeroDivisionError: division by zero" in run.stderr


def test_debug_zero_means_off() -> None:
    run = run_broken("validate", "data", debug="0")
    assert run.returncode == EXIT_SOFTWARE
    assert "Traceback" not in run.stderr


# A Ctrl-C whose SystemExit a library turned into another exception (a rare timing, seen once under load): the
# user interrupted, so the exit is 130 and no bug report is asked for.
INTERRUPTED_RULE = """
import os, signal, sys
from ccm_plan.rules import rates

def check(models):
    try:
        os.kill(os.getpid(), signal.SIGINT)  # the entry point's handler raises SystemExit(130) here
    except SystemExit as interrupt:
        raise RuntimeError("a library wrapped the interrupt") from interrupt
    yield

object.__setattr__(rates.RULE, "check", check)
sys.argv = ["ccm-plan", *sys.argv[1:]]
from ccm_plan.entry import main
main()
"""


def test_an_interrupt_turned_into_another_exception_exits_130_not_as_a_bug() -> None:
    run = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_RULE, "validate", "data"],
        cwd=ROOT,
        env=CLI_ENV,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 130, run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
    assert "ccm-plan: interrupted" in run.stderr
