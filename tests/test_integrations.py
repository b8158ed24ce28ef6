"""Integrations: shell completion for the shell named, the library's one way to fail, and plan folders that say
which file is the plan's and why another is not. The first case of each is the input of issue 10.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccm_plan import CcmPlanError, PlanNotFoundError, PlanUnusableError, load_plan
from ccm_plan.check import check_paths
from conftest import CLI_ENV, DATA, MINIMAL, ROOT, copy_plan, edit, run_cli

SCRIPTS = {
    "bash": "complete -o default -F",
    "zsh": "#compdef ",
    "fish": "complete --command ",
    "powershell": "Register-ArgumentCompleter",
    "pwsh": "Register-ArgumentCompleter",
}


# -------------------------------------------------------------------------------------------- completion


@pytest.mark.parametrize("shell", sorted(SCRIPTS))
@pytest.mark.parametrize("parent", ["none", "bash", "sh"])
def test_show_completion_prints_the_script_of_the_shell_named(shell: str, parent: str) -> None:
    """Issue 10's input: `--show-completion zsh` printed the bash script. The shell running the command (detected
    from the parent process) must not matter when a shell is named."""
    command = [sys.executable, "-m", "ccm_plan", "--show-completion", shell]
    if parent != "none":
        if shutil.which(parent) is None:
            pytest.skip(f"no {parent} here")
        command = [parent, "-c", " ".join(command)]
    run = subprocess.run(command, cwd=ROOT, env=CLI_ENV, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert SCRIPTS[shell] in run.stdout
    for other, marker in SCRIPTS.items():
        if marker != SCRIPTS[shell]:
            assert marker not in run.stdout, other


def test_show_completion_with_an_equals_sign_too() -> None:
    run = run_cli("--show-completion=zsh")
    assert run.code == 0 and run.stdout.startswith("#compdef ")


# -------------------------------------------------------------------------------------------------- library


def readme_library_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Library") :]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match is not None
    return match.group(1)


def test_the_readme_library_example_runs_on_the_shipped_plan() -> None:
    run = subprocess.run(
        [sys.executable, "-c", readme_library_example()], cwd=ROOT, env=CLI_ENV, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == "495057 2940552"


@pytest.mark.parametrize("case", ["wrong-type", "syntax-error", "missing-budget-file", "not-a-mapping"])
def test_the_readme_library_example_fails_one_documented_way(case: str) -> None:
    """Issue 10's input: on a plan with schema errors, `plan.budget` was None and the next line raised
    AttributeError. Now the example exits with the located errors."""
    folder = f"tests/cases/invalid/{case}"
    code = readme_library_example().replace('"data"', repr(folder))
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=CLI_ENV, capture_output=True, text=True)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert run.stderr.startswith(f"{folder}: the plan cannot be used (")
    with pytest.raises(PlanUnusableError) as raised:
        load_plan(ROOT / folder).require_usable()
    assert raised.value.problems and all(p.severity == "error" for p in raised.value.problems)
    assert isinstance(raised.value, CcmPlanError)


def test_a_missing_plan_is_the_same_kind_of_failure(tmp_path: Path) -> None:
    with pytest.raises(PlanNotFoundError):
        load_plan(tmp_path / "nowhere")
    assert issubclass(PlanNotFoundError, CcmPlanError)


def test_a_usable_plan_is_returned_as_it_is() -> None:
    plan = load_plan(DATA)
    assert plan.require_usable() is plan


# ------------------------------------------------------------------------------------------------ plan folders


def test_a_copy_beside_budget_yaml_never_takes_its_place(tmp_path: Path) -> None:
    """Issue 10's input: `budget copy.yaml` sorted before `budget.yaml` and made the real one "a second budget"."""
    plan = copy_plan(DATA, tmp_path / "plan")
    shutil.copy(plan / "budget.yaml", plan / "budget copy.yaml")
    edit(plan / "budget copy.yaml", "  plan: 2940552", "  plan: 1")
    loaded = load_plan(plan)
    assert loaded.source("ccm-plan/budget").path.name == "budget.yaml"
    (problem,) = [p for p in check_paths([plan]).problems if p.rule == "plan-files"]
    assert Path(problem.file).name == "budget copy.yaml"
    assert problem.message.startswith("a second budget file in this folder, not used: the plan's is ")
    assert problem.message.endswith("budget.yaml") and "stated-totals" not in {
        p.rule for p in check_paths([plan]).problems
    }


@settings(max_examples=20, deadline=None)
@given(
    name=st.sampled_from(
        ["budget copy", "budget-old", "budget (1)", "budget_2020", "Budget.v2", "a-budget", "0budget"]
    ),
    suffix=st.sampled_from([".yaml", ".yml"]),
)
def test_the_plain_budget_yaml_is_the_plans_whatever_copies_lie_beside_it(name: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        plan = copy_plan(MINIMAL, Path(folder) / "plan")
        shutil.copy(plan / "budget.yaml", plan / f"{name}{suffix}")
        loaded = load_plan(plan)
        assert loaded.source("ccm-plan/budget").path.name == "budget.yaml"
        second = [p for p in loaded.problems if p.rule == "plan-files"]
        assert [Path(p.file).name for p in second] == [f"{name}{suffix}"]


def test_an_unrelated_yaml_file_named_explicitly_is_reported(tmp_path: Path) -> None:
    """Issue 10's input: a YAML file passed explicitly was silently ignored (its folder's plan was checked)."""
    plan = copy_plan(MINIMAL, tmp_path / "plan")
    (plan / "notes.yaml").write_text("agenda: [budget, work plan]\n", encoding="utf-8")
    run = run_cli("validate", plan / "notes.yaml")
    assert run.code == 1
    assert run.stdout.startswith(f"{plan / 'notes.yaml'}:1:1: error [plan-files] not a plan file")
    assert run.stdout.rstrip().endswith("1 problem (1 error, 0 warnings) in 1 file")
    assert run_cli("validate", plan / "budget.yaml").code == 0
    assert run_cli("validate", plan).code == 0  # the folder: notes.yaml is not a plan file, nothing to say
