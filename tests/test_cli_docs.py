"""Every command explains itself: `--help` with an example, and a place in the README.

The command list is read from the Typer app, so a new command is covered the day it is added.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command

from ccm_plan.cli import app
from conftest import CLI_ENV, ROOT, run_cli


def _walk(command: Any, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        yield path
        return
    for name, sub in sorted(subcommands.items()):
        if not getattr(sub, "hidden", False):
            yield from _walk(sub, (*path, name))


COMMANDS = list(_walk(get_command(app), ()))
CCM_PLAN = str(Path(sys.executable).parent / "ccm-plan")  # the console script installed beside this Python


def test_the_app_has_commands() -> None:
    assert ("validate",) in COMMANDS
    assert ("rules",) in COMMANDS and ("schema",) in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    run = run_cli(*path, "--help")
    assert run.code == 0, run.stderr
    assert re.search(r"\bExample\b", run.stdout), f"`ccm-plan {' '.join(path)} --help` shows no example"
    example = re.search(r"Example:\s*(ccm-plan [^\n]+)", run.stdout)
    assert example and example.group(1).split()[1 : 1 + len(path)] == list(path), "the example runs this command"


def test_top_level_help_lists_every_command() -> None:
    run = run_cli("--help")
    assert run.code == 0
    for path in COMMANDS:
        assert re.search(rf"│ {re.escape(path[0])}\s", run.stdout), path[0]


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_readme_shows_every_command(path: tuple[str, ...]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = f"ccm-plan {' '.join(path)}"
    assert re.search(rf"{re.escape(shown)}\b", readme), f"README.md does not show `{shown}`"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("ccm-plan sch", ["schema"]),
        ("ccm-plan schema ", ["budget", "workplan", "actuals", "contributions"]),
        ("ccm-plan validate --format ", ["text", "json", "github", "sarif"]),
    ],
)
def test_shell_completion_completes_commands_and_choices(words: str, expected: list[str]) -> None:
    """What bash asks (as the installed `ccm-plan`, the name completion is registered for) after `eval "$(ccm-plan --show-completion bash)"` (or `--install-completion`)."""
    env = {"_CCM_PLAN_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1)}
    run = subprocess.run([CCM_PLAN], env={**CLI_ENV, **env}, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == expected


def test_show_completion_prints_a_bash_script() -> None:
    run = subprocess.run([CCM_PLAN, "--show-completion", "bash"], env=CLI_ENV, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "complete -o default -F _ccm_plan_completion ccm-plan" in run.stdout
