"""The published pre-commit hooks, run as a plan repository runs them: a commit that keeps the plan sound goes
in, a commit that breaks it is refused with the finding, and `ccm-plan fix` makes it go in.

Slow (marked `slow`): pre-commit builds the hooks' virtual environment once for this module, installing
ccm-plan from a copy of this working tree and its dependencies from PyPI. `pre-commit try-repo` would build a
fresh environment on every call (its store is a temporary folder), so the plan repository here uses the
configuration try-repo writes, `repo: <local copy>` at a commit, with one shared PRE_COMMIT_HOME.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from ruamel.yaml import YAML

import conftest
from conftest import MINIMAL, ROOT, copy_plan, edit, run_cli

MANIFEST = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
HOOKS = {hook["id"]: hook for hook in MANIFEST}
FIX_LANDED = run_cli("fix", "--help").code == 0
GIT_ENV = {**conftest.GIT_ENV, "PRE_COMMIT_COLOR": "never"}


def git(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env or GIT_ENV, capture_output=True, text=True, timeout=600, check=False
    )


# ------------------------------------------------------------------------------ no virtual environment needed


def test_hooks_take_every_yaml_file_and_validate_selects_plan_files_by_content(tmp_path: Path) -> None:
    """Issue 10: the hooks selected by name (budget*.yml), so a workflow called budget-report.yml was checked as a
    plan, and a plan named otherwise never was."""
    from identify.identify import tags_from_path

    for hook in MANIFEST:
        assert hook["types"] == ["yaml"] and "files" not in hook, hook["id"]
    plan = copy_plan(MINIMAL, tmp_path / "plans" / "unit-a")
    (plan / "budget.yaml").rename(plan / "plan-2027.yaml")
    edit(plan / "plan-2027.yaml", "plan: 396800", "plan: 396801")  # a stale total: must be found
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "budget-report.yml").write_text("name: budget report\non: push\njobs: {}\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: plan\n", encoding="utf-8")
    files = [workflows / "budget-report.yml", plan / "plan-2027.yaml", tmp_path / "mkdocs.yml"]
    assert all("yaml" in tags_from_path(str(path)) for path in files)  # what pre-commit passes
    run = run_cli("validate", "--skip-other-files", *files)
    assert run.code == 1, run
    assert "[stated-totals]" in run.stdout and "budget-report" not in run.stdout and "mkdocs" not in run.stdout
    assert run_cli("validate", "--skip-other-files", files[0], files[2]).code == 0
    named = run_cli("validate", files[0])  # on the command line, a file named is reported, never ignored
    assert named.code == 1
    assert "budget-report.yml:1:1: error [plan-files] not a plan file" in named.stdout


def test_manifest_is_valid_and_names_real_commands() -> None:
    checked = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert HOOKS["ccm-plan-validate"]["entry"] == "ccm-plan validate --skip-other-files"
    assert HOOKS["ccm-plan-validate"]["pass_filenames"] is True
    assert HOOKS["ccm-plan-fix"]["entry"] == "ccm-plan fix --check"
    assert HOOKS["ccm-plan-fix"]["pass_filenames"] is False  # fix takes one plan folder


# ------------------------------------------------------------------------- the hooks as a plan repository runs them


@dataclass
class PlanRepo:
    path: Path
    env: dict[str, str]

    @property
    def budget(self) -> Path:
        return self.path / "data" / "budget.yaml"

    def commit(self, message: str) -> subprocess.CompletedProcess[str]:
        git("add", "-A", cwd=self.path, env=self.env)
        return git("commit", "-m", message, cwd=self.path, env=self.env)

    def head(self) -> str:
        return git("rev-parse", "HEAD", cwd=self.path, env=self.env).stdout.strip()

    def reset(self) -> None:
        git("reset", "--hard", "-q", cwd=self.path, env=self.env)


def _hook_source(target: Path) -> str:
    """A git repository holding this working tree as it is on disk (committed or not), as try-repo would use."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    committed = git("commit", "-q", "-m", "hook source", cwd=target)
    assert committed.returncode == 0, committed.stderr
    return git("rev-parse", "HEAD", cwd=target).stdout.strip()


@pytest.fixture(scope="module")
def plan_repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlanRepo]:
    base = tmp_path_factory.mktemp("pre-commit")
    source = base / "ccm-plan"
    source.mkdir()
    rev = _hook_source(source)

    repo = base / "plan-repo"
    copy_plan(MINIMAL, repo / "data")
    (repo / "README.md").write_text("A plan repository.\n", encoding="utf-8")
    hooks = "      - id: ccm-plan-validate\n" + ("      - id: ccm-plan-fix\n" if FIX_LANDED else "")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {source.as_uri()}\n    rev: {rev}\n    hooks:\n{hooks}", encoding="utf-8"
    )
    env = {**GIT_ENV, "PRE_COMMIT_HOME": str(base / "pre-commit-home")}
    env.pop("VIRTUAL_ENV", None)
    git("init", "-q", "-b", "main", cwd=repo, env=env)
    pre_commit = [sys.executable, "-m", "pre_commit"]
    installed = subprocess.run(
        [*pre_commit, "install", "--install-hooks"], cwd=repo, env=env, capture_output=True, text=True, timeout=900
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    plan = PlanRepo(repo, env)
    first = plan.commit("the plan as adopted")
    assert first.returncode == 0, first.stdout + first.stderr
    yield plan


@pytest.mark.slow
def test_an_edit_that_keeps_the_plan_sound_is_committed(plan_repo: PlanRepo) -> None:
    before = plan_repo.head()
    edit(plan_repo.budget, "2026: 14000}", "2026: 14500}")  # travel, with every stated total brought along
    edit(plan_repo.budget, "2026: 138200}", "2026: 138700}")
    edit(plan_repo.budget, "plan: 396800", "plan: 397300")
    edit(plan_repo.path / "data" / "workplan.yaml", "budget: 396800", "budget: 397300")
    committed = plan_repo.commit("travel 2026 +500, totals updated")
    output = committed.stdout + committed.stderr
    assert committed.returncode == 0, output
    assert re.search(r"ccm-plan validate\.+Passed", output), output
    if FIX_LANDED:
        assert re.search(r"ccm-plan fix --check\.+Passed", output), output
    assert plan_repo.head() != before


@pytest.mark.slow
def test_an_edit_that_breaks_a_total_is_refused_with_the_finding(plan_repo: PlanRepo) -> None:
    before = plan_repo.head()
    edit(plan_repo.budget, "amounts: {2024: 100000,", "amounts: {2024: 100100,")
    try:
        refused = plan_repo.commit("salaries 2024 +100, totals forgotten")
        output = refused.stdout + refused.stderr
        assert refused.returncode == 1, output
        assert re.search(r"ccm-plan validate\.+Failed", output), output
        assert re.search(r"data/budget\.yaml:\d+:\d+: error \[stated-totals\] 2024", output), output
        assert plan_repo.head() == before
    finally:
        plan_repo.reset()


@pytest.mark.slow
def test_a_commit_without_plan_files_skips_the_hooks(plan_repo: PlanRepo) -> None:
    (plan_repo.path / "README.md").write_text("A plan repository, with notes.\n", encoding="utf-8")
    committed = plan_repo.commit("notes")
    output = committed.stdout + committed.stderr
    assert committed.returncode == 0, output
    assert re.search(r"ccm-plan validate\.+\(no files to check\)Skipped", output), output


@pytest.mark.slow
def test_a_workflow_named_like_a_plan_file_is_not_checked_as_one(plan_repo: PlanRepo) -> None:
    """Issue 10's input: `.github/workflows/budget-report.yml` failed every commit, asked for `kind:`."""
    workflows = plan_repo.path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "budget-report.yml").write_text("name: budget report\non: push\njobs: {}\n", encoding="utf-8")
    committed = plan_repo.commit("a workflow")
    output = committed.stdout + committed.stderr
    assert committed.returncode == 0, output
    assert "kind" not in output and re.search(r"ccm-plan validate\.+Passed", output), output


@pytest.mark.slow
@pytest.mark.skipif(not FIX_LANDED, reason="`ccm-plan fix` has not landed yet (issue 3); the hook needs it")
def test_fix_hook_refuses_stale_totals_until_fix_rewrites_them(plan_repo: PlanRepo) -> None:
    before = plan_repo.head()
    edit(plan_repo.budget, "amounts: {2024: 12000,", "amounts: {2024: 12200,")
    try:
        refused = plan_repo.commit("travel 2026 +500, totals forgotten")
        output = refused.stdout + refused.stderr
        assert refused.returncode == 1, output
        assert re.search(r"ccm-plan fix --check\.+Failed", output), output
        assert plan_repo.head() == before

        fixed = run_cli("fix", "data", cwd=plan_repo.path)
        assert fixed.code == 0, fixed.stdout + fixed.stderr
        committed = plan_repo.commit("travel 2026 +500, totals by ccm-plan fix")
        output = committed.stdout + committed.stderr
        assert committed.returncode == 0, output
        assert re.search(r"ccm-plan fix --check\.+Passed", output), output
        assert run_cli("validate", "data", cwd=plan_repo.path).code == 0
    finally:
        plan_repo.reset()
