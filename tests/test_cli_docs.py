"""Every command explains itself: `--help` with an example, and a place in the README.

The command list is read from the Typer app, so a new command is covered the day it is added.
"""

from __future__ import annotations

import itertools
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
        assert re.search(rf"^  {re.escape(path[0])}\s", run.stdout, re.MULTILINE), path[0]


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


GROUPS = [(), ("export",), ("import",)]
UNWRAPPED = ("Example:", "Regenerate", "# ")  # paragraphs kept as written (Click's \\b): commands, a file's line


def _premature_breaks(text: str, columns: int) -> list[str]:
    """Lines of the description that end although the next line's first word would have fitted: a hard line
    break inside a sentence (a docstring's own line breaks, shown as they are)."""
    description = text.split("\n\n", 1)[1].split("\nArguments:", 1)[0].split("\nOptions:", 1)[0]
    found = []
    for paragraph in description.split("\n\n"):
        lines = paragraph.splitlines()
        if not lines or lines[0].strip().startswith(UNWRAPPED):
            continue
        for line, following in itertools.pairwise(lines):
            if len(line) + 1 + len(following.split()[0]) <= columns:
                found.append(line)
    return found


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("path", [*GROUPS, *COMMANDS], ids=lambda path: " ".join(path) or "ccm-plan")
def test_help_reads_cleanly(path: tuple[str, ...], columns: int) -> None:
    """A new user's trial: flags showed a `<bool>` value (`--strict <bool>` read as if it took one), help broke
    mid-sentence (a docstring's line breaks; command summaries cut with "..."), option and file names were cut
    at a hyphen."""
    run = run_cli(*path, "--help", env={"COLUMNS": str(columns)})
    assert run.code == 0, run.stderr
    out = run.stdout
    assert out.startswith("Usage: ccm-plan "), out[:40]
    assert max(len(line) for line in out.splitlines()) <= columns
    assert not re.search(r"<(bool|str|int|path|text|list\[[^>]*)>", out, re.IGNORECASE), out
    assert not re.search(r"\w-\n", out), "a word cut at a hyphen"
    assert _premature_breaks(out, min(columns, 80) - 2) == []  # Click's width: the terminal's, at most 80, less 2
    if "Commands:" in out:  # each command's summary is its whole first sentence, never cut with "..."
        summaries = out.split("Commands:", 1)[1]
        assert "..." not in summaries
        for name, sub in get_command(app).commands.items() if not path else []:
            first = " ".join((sub.help or "").split("\n\n")[0].split())
            assert first in " ".join(summaries.split()), name


def test_a_flag_takes_no_value_in_its_help() -> None:
    out = run_cli("validate", "--help", env={"COLUMNS": "100"}).stdout
    assert re.search(r"^  --strict +Fail \(exit 1\) on warnings too\.$", out, re.MULTILINE), out
    assert re.search(r"^  --lang LANG +Language", out, re.MULTILINE)
