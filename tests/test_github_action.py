"""The GitHub Action (action.yml) and the workflows: valid for GitHub, and each step's script run as the runner
runs it (environment in, $GITHUB_OUTPUT out), with a fake `gh` standing in for GitHub's API.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import CLI_ENV, DATA, GIT_ENV, MINIMAL, ROOT, copy_plan, edit, git, run_cli

ACTION = ROOT / "action.yml"
SCRIPTS = ROOT / "action"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent  # where ccm-plan is installed beside this Python
DIFF_LANDED = run_cli("diff", "--help").code == 0


def load_yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


class Step:
    """One run of an action step's script, as the runner runs it: its outputs, its stdout, its exit code."""

    def __init__(self, command: list[str], env: dict[str, str], cwd: Path, tmp: Path) -> None:
        output, summary = tmp / "github_output", tmp / "step_summary"
        output.write_text("", encoding="utf-8")
        summary.write_text("", encoding="utf-8")
        full_env = {
            **CLI_ENV,
            **GIT_ENV,
            "PATH": f"{BIN}{os.pathsep}{CLI_ENV.get('PATH', '')}",
            "GITHUB_OUTPUT": str(output),
            "GITHUB_STEP_SUMMARY": str(summary),
            "RUNNER_TEMP": str(tmp),
            "GITHUB_ACTION_PATH": str(ROOT),
            **env,
        }
        done = subprocess.run(command, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=300)
        self.code, self.stdout, self.stderr = done.returncode, done.stdout, done.stderr
        self.outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())
        self.summary = summary.read_text(encoding="utf-8")


def step(script: str, env: dict[str, str], cwd: Path, tmp: Path) -> Step:
    runner = [sys.executable] if script.endswith(".py") else ["bash"]
    return Step([*runner, str(SCRIPTS / script)], env, cwd, tmp)


# ------------------------------------------------------------------------------------------- the files themselves


def test_action_and_workflows_are_valid_for_github() -> None:
    def check(builtin: str, *files: Path) -> None:
        command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", builtin, *map(str, files)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr

    check("vendor.github-actions", ACTION)
    assert WORKFLOWS, "no workflow under .github/workflows"
    check("vendor.github-workflows", *WORKFLOWS)


def test_each_step_sets_every_variable_its_script_reads() -> None:
    action = load_yaml(ACTION)
    declared = set(action["inputs"])
    text = ACTION.read_text(encoding="utf-8")
    assert set(re.findall(r"inputs\.([a-z-]+)", text)) <= declared
    scripts = 0
    for item in action["runs"]["steps"]:
        run = item.get("run", "")
        match = re.search(r'"\$GITHUB_ACTION_PATH/(action/[\w.]+)"', run)
        if not match:
            continue
        scripts += 1
        script = ROOT / match.group(1)
        assert script.is_file(), script
        wanted = set(re.findall(r"\b(CCM_PLAN_\w+)", script.read_text(encoding="utf-8")))
        assert wanted <= set(item.get("env", {})), (item["name"], wanted - set(item.get("env", {})))
    assert scripts == 4


def test_the_plan_workflow_uses_this_action_on_the_shipped_plan() -> None:
    workflow = load_yaml(ROOT / ".github" / "workflows" / "plan.yml")
    assert set(workflow["on"]) == {"pull_request", "push"}
    assert workflow["permissions"]["pull-requests"] == "write"
    uses = [s for s in workflow["jobs"]["check"]["steps"] if s.get("uses") == "./"]
    assert len(uses) == 1
    assert uses[0]["with"]["path"] == "data"
    assert set(uses[0]["with"]) <= set(load_yaml(ACTION)["inputs"])


# --------------------------------------------------------------------------------------------------- validate


def test_validate_step_annotates_and_records_the_exit_code(tmp_path: Path) -> None:
    sarif = tmp_path / "plan.sarif"
    env = {"CCM_PLAN_PATH": "data", "CCM_PLAN_FORMAT": "github", "CCM_PLAN_SARIF_FILE": str(sarif)}
    ran = step("validate.sh", env, ROOT, tmp_path)
    assert ran.code == 0, ran.stderr
    assert ran.outputs["exit-code"] == "0"
    assert ran.stdout.startswith("::warning file=data/budget.yaml,line=")
    log = json.loads(sarif.read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["rates", "explained-variance"]


def test_validate_step_strict_and_broken_plans_record_1(tmp_path: Path) -> None:
    strict = step("validate.sh", {"CCM_PLAN_PATH": "data", "CCM_PLAN_STRICT": "true"}, ROOT, tmp_path)
    assert (strict.code, strict.outputs["exit-code"]) == (0, "1")

    plan = copy_plan(DATA, tmp_path / "data")
    edit(plan / "budget.yaml", "  plan: 2940552", "  plan: 2940000")
    broken = step("validate.sh", {"CCM_PLAN_PATH": "data", "CCM_PLAN_FORMAT": "github"}, tmp_path, tmp_path)
    assert (broken.code, broken.outputs["exit-code"]) == (0, "1")
    assert "::error file=data/budget.yaml" in broken.stdout and "title=stated-totals" in broken.stdout


# ------------------------------------------------------------------------------------------------------- diff


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A shallow checkout of a pull-request branch, as actions/checkout leaves it: origin/main not fetched."""
    origin, work = tmp_path / "origin.git", tmp_path / "author"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    git(tmp_path, "init", "-q", "-b", "main", str(work))
    copy_plan(MINIMAL, work / "data")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "plan")
    git(work, "checkout", "-q", "-b", "travel")
    edit(work / "data" / "budget.yaml", "2026: 14000}", "2026: 14500}")
    edit(work / "data" / "budget.yaml", "2026: 138200}", "2026: 138700}")
    edit(work / "data" / "budget.yaml", "plan: 396800", "plan: 397300")
    edit(work / "data" / "workplan.yaml", "budget: 396800", "budget: 397300")
    git(work, "commit", "-q", "-am", "travel 2026 +500")
    git(work, "remote", "add", "origin", origin.as_uri())
    git(work, "push", "-q", "origin", "main", "travel")
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", "--depth=1", "--branch", "travel", origin.as_uri(), str(checkout))
    assert "origin/main" not in git(checkout, "branch", "-r")
    return checkout


needs_diff = pytest.mark.skipif(not DIFF_LANDED, reason="`ccm-plan diff` has not landed yet (issue 3)")


@needs_diff
def test_diff_step_fetches_the_base_and_writes_the_markdown(pull_request: Path, tmp_path: Path) -> None:
    ran = step("diff.sh", {"CCM_PLAN_PATH": "data", "GITHUB_BASE_REF": "main"}, pull_request, tmp_path)
    assert ran.code == 0, ran.stderr
    assert ran.outputs["ran"] == "true" and ran.outputs["exit-code"] == "0", ran.stdout + ran.stderr
    markdown = Path(ran.outputs["file"]).read_text(encoding="utf-8")
    assert "396,800 → 397,300" in markdown
    assert ran.summary == markdown  # the job summary shows it too


@needs_diff
def test_diff_step_budget_gate(pull_request: Path, tmp_path: Path) -> None:
    env = {"CCM_PLAN_PATH": "data", "CCM_PLAN_BASE": "origin/main"}
    assert step("diff.sh", {**env, "CCM_PLAN_FAIL_ABOVE": "499"}, pull_request, tmp_path).outputs["exit-code"] == "1"
    assert step("diff.sh", {**env, "CCM_PLAN_FAIL_ABOVE": "500"}, pull_request, tmp_path).outputs["exit-code"] == "0"
    assert (
        step("diff.sh", {**env, "CCM_PLAN_FAIL_ABOVE_PCT": "0.1"}, pull_request, tmp_path).outputs["exit-code"] == "1"
    )


@needs_diff
def test_diff_step_gates_in_both_directions_and_warnings(pull_request: Path, tmp_path: Path) -> None:
    """The branch grows travel 2026 by 500: a warning gate under it warns (exit 0, an annotation, the alert in the
    Markdown); the cut gate and the transfer gates pass (nothing was cut or moved within a year)."""
    env = {"CCM_PLAN_PATH": "data", "CCM_PLAN_BASE": "origin/main"}
    warned = step("diff.sh", {**env, "CCM_PLAN_WARN_ABOVE": "499"}, pull_request, tmp_path)
    assert warned.outputs["exit-code"] == "0"
    assert "::warning title=ccm-plan diff::--warn-above 499: the plan total grew by EUR 500" in warned.stdout
    assert "> [!WARNING]" in Path(warned.outputs["file"]).read_text(encoding="utf-8")
    quiet = step("diff.sh", {**env, "CCM_PLAN_WARN_ABOVE_PCT": "0.2"}, pull_request, tmp_path)
    assert quiet.outputs["exit-code"] == "0" and "::warning" not in quiet.stdout
    others = {
        "CCM_PLAN_FAIL_BELOW": "0",
        "CCM_PLAN_FAIL_BELOW_PCT": "0",
        "CCM_PLAN_TRANSFER_LIMIT_PCT": "0",
        "CCM_PLAN_TRANSFER_AGGREGATE_PCT": "0",
    }
    passed = step("diff.sh", {**env, **others}, pull_request, tmp_path)
    assert passed.outputs["exit-code"] == "0", passed.stdout + passed.stderr
    markdown = Path(passed.outputs["file"]).read_text(encoding="utf-8")
    for option in ("--fail-below 0", "--fail-below-pct 0", "--transfer-limit-pct 0", "--transfer-aggregate-pct 0"):
        assert f"- **Budget gate passed**: {option}:" in markdown
    no_authority = step("diff.sh", {**env, "CCM_PLAN_TRANSFER_AUTHORITY": "true"}, pull_request, tmp_path)
    assert no_authority.outputs["exit-code"] == "2"  # the fixture states no transfer authority: said, not ignored


@needs_diff
def test_diff_step_with_an_unknown_base_records_2(pull_request: Path, tmp_path: Path) -> None:
    ran = step("diff.sh", {"CCM_PLAN_PATH": "data", "CCM_PLAN_BASE": "origin/nowhere"}, pull_request, tmp_path)
    assert ran.code == 0
    assert ran.outputs["exit-code"] == "2"


def test_diff_step_without_a_base_does_nothing(tmp_path: Path) -> None:
    for env in ({"CCM_PLAN_PATH": "data"}, {"CCM_PLAN_PATH": "data", "CCM_PLAN_BASE": "none", "GITHUB_BASE_REF": "x"}):
        ran = step("diff.sh", env, ROOT, tmp_path)
        assert (ran.code, ran.outputs) == (0, {"ran": "false"})


# ---------------------------------------------------------------------------------------------------- comment

FAKE_GH = """\
import json, os, sys
from pathlib import Path

state_file = Path(os.environ["FAKE_GH_STATE"])
state = json.loads(state_file.read_text())
args = sys.argv[1:]
state["calls"].append(args)
if os.environ.get("FAKE_GH_FORBIDDEN"):
    state_file.write_text(json.dumps(state))
    sys.exit("gh: Resource not accessible by integration (HTTP 403)")
assert args[0] == "api"
method = args[args.index("--method") + 1] if "--method" in args else "GET"
path = next(a for a in args[1:] if a.startswith("repos/"))
body = json.loads(sys.stdin.read())["body"] if "--input" in args else None
if body is not None and len(body.encode("utf-16-le")) // 2 > 65536:  # GitHub's limit
    state_file.write_text(json.dumps(state))
    sys.exit("gh: Validation Failed (HTTP 422): body is too long (maximum is 65536 characters)")
if method == "PATCH" and os.environ.get("FAKE_GH_PATCH_FAILS"):
    state_file.write_text(json.dumps(state))
    sys.exit("gh: Server Error (HTTP 502)")
if method == "GET":
    assert "--paginate" in args
    comments = state["comments"]
    pages = [comments[i : i + 2] for i in range(0, len(comments), 2)] or [[]]
    print("".join(json.dumps(page) for page in pages))  # gh prints one array per page
elif method == "POST":
    state["comments"].append({"id": 1000 + len(state["comments"]), "body": body, "user": {"login": "bot"}})
elif method == "PATCH":
    number = int(path.rsplit("/", 1)[1])
    next(c for c in state["comments"] if c["id"] == number)["body"] = body
state_file.write_text(json.dumps(state))
"""


@pytest.fixture
def fake_github(tmp_path: Path) -> dict[str, str]:
    bin_dir = tmp_path / "fake-bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(f"#!{sys.executable}\n{FAKE_GH}", encoding="utf-8")
    gh.chmod(0o755)
    state = tmp_path / "github.json"
    human = [{"id": n, "body": f"a reviewer's comment {n}", "user": {"login": "reviewer"}} for n in (1, 2, 3)]
    state.write_text(json.dumps({"comments": human, "calls": []}), encoding="utf-8")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7}}), encoding="utf-8")
    diff = tmp_path / "diff.md"
    return {
        "PATH": f"{bin_dir}{os.pathsep}{CLI_ENV.get('PATH', '')}",
        "FAKE_GH_STATE": str(state),
        "GITHUB_REPOSITORY": "treaty/plan",
        "GITHUB_EVENT_PATH": str(event),
        "CCM_PLAN_DIFF_FILE": str(diff),
        "GH_TOKEN": "not-a-real-token",
    }


def github_state(env: dict[str, str]) -> dict[str, Any]:
    state: dict[str, Any] = json.loads(Path(env["FAKE_GH_STATE"]).read_text(encoding="utf-8"))
    return state


def test_comment_is_posted_once_then_updated_in_place(fake_github: dict[str, str], tmp_path: Path) -> None:
    diff = Path(fake_github["CCM_PLAN_DIFF_FILE"])
    diff.write_text("**Six-year total EUR 396,800 → 397,300 (+500, +0.1%).**\n", encoding="utf-8")
    first = step("comment.py", fake_github, tmp_path, tmp_path)
    assert first.code == 0, first.stderr
    assert "posted" in first.stdout
    comments = github_state(fake_github)["comments"]
    assert len(comments) == 4
    assert comments[-1]["body"] == "<!-- ccm-plan-diff -->\n" + diff.read_text(encoding="utf-8")

    diff.write_text("**No change to the budget.**\n", encoding="utf-8")
    second = step("comment.py", fake_github, tmp_path, tmp_path)
    assert second.code == 0, second.stderr
    assert "updated" in second.stdout
    state = github_state(fake_github)
    assert [c["id"] for c in state["comments"]] == [1, 2, 3, 1003]  # found on the second page, not added
    assert state["comments"][-1]["body"] == "<!-- ccm-plan-diff -->\n**No change to the budget.**\n"
    assert [c["body"] for c in state["comments"][:3]] == [f"a reviewer's comment {n}" for n in (1, 2, 3)]
    assert state["calls"][-1][:4] == ["api", "--method", "PATCH", "repos/treaty/plan/issues/comments/1003"]


def test_comment_refused_is_a_warning_not_a_failure(fake_github: dict[str, str], tmp_path: Path) -> None:
    Path(fake_github["CCM_PLAN_DIFF_FILE"]).write_text("diff\n", encoding="utf-8")
    ran = step("comment.py", {**fake_github, "FAKE_GH_FORBIDDEN": "1"}, tmp_path, tmp_path)
    assert ran.code == 0
    assert ran.stdout.startswith("::warning title=ccm-plan comment::could not comment (gh: Resource not accessible")


def redrafted_diff(tmp_path: Path) -> str:
    """Issue 10's input: a re-drafted work plan, whose Markdown diff is longer than GitHub takes in a comment."""
    plan = copy_plan(DATA, tmp_path / "redrafted")
    workplan = next(plan.glob("workplan*.yaml"))
    text = workplan.read_text(encoding="utf-8")
    sentence = " The text was redrafted after the intersessional meeting, with the States Parties' comments."
    text = re.sub(r"^(\s+en: )(?![\[{|>\"'])(.+)$", lambda m: m.group(1) + m.group(2) + sentence * 3, text, flags=re.M)
    workplan.write_text(text, encoding="utf-8")
    edit(plan / "budget.yaml", "2023: 365881", "2023: 369881")
    run = run_cli("diff", DATA, plan, "--format", "markdown", "--fail-above", "1000")
    assert run.code == 1, run.stderr
    assert len(run.stdout) > 65_536 and "<details><summary>Texts:" in run.stdout
    return run.stdout


def test_a_diff_longer_than_a_comment_is_shortened_texts_first(fake_github: dict[str, str], tmp_path: Path) -> None:
    diff = redrafted_diff(tmp_path)
    Path(fake_github["CCM_PLAN_DIFF_FILE"]).write_text(diff, encoding="utf-8")
    env = {**fake_github, "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "42"}
    ran = step("comment.py", env, tmp_path, tmp_path)
    assert ran.code == 0, ran.stdout + ran.stderr
    body = github_state(fake_github)["comments"][-1]["body"]
    assert len(body) <= 65_536
    kept = diff[: diff.index("\n<details><summary>Texts:")].rstrip()
    assert body.startswith("<!-- ccm-plan-diff -->\n" + kept)  # headline, gate, figures, totals: all of them
    assert "**Budget gate failed**" in body and "**Totals, recomputed from the lines**" in body
    assert (
        body.endswith("They are in the job summary: https://github.com/treaty/plan/actions/runs/42.\n")
        and "The text changes are not shown here" in body
    )


@pytest.mark.parametrize("limit", [400, 2_000, 10_000])
def test_a_diff_too_long_even_without_texts_is_cut_at_a_line_with_fences_closed(limit: int, tmp_path: Path) -> None:
    sys.path.insert(0, str(SCRIPTS))
    try:
        import comment
    finally:
        sys.path.remove(str(SCRIPTS))
    diff = redrafted_diff(tmp_path)
    body = comment.bounded(diff, "the job summary", limit)
    assert comment.size(body) <= limit
    assert body.startswith("<!-- ccm-plan-diff -->\n" + diff.split("\n", 1)[0])
    assert body.count("```") % 2 == 0 and body.count("<details>") == body.count("</details>")
    assert "the job summary" in body.rsplit("\n", 2)[-2]
    assert comment.bounded("**No change to the budget.**\n", "x", limit) == (
        "<!-- ccm-plan-diff -->\n**No change to the budget.**\n"
    )


@settings(max_examples=60, deadline=None)
@given(
    head=st.lists(st.text(min_size=0, max_size=300).map(lambda t: t.replace("`", "'")), max_size=40),
    texts=st.lists(st.text(min_size=1, max_size=2_000), max_size=30),
    limit=st.integers(800, 20_000),
    wide=st.booleans(),
)
def test_any_diff_is_bounded_with_its_headline_first(head: list[str], texts: list[str], limit: int, wide: bool) -> None:
    """Generated diffs of every size, with characters outside the BMP (two UTF-16 units each): never over the
    limit, the headline kept, fences and <details> closed, the pointer to the job summary last."""
    sys.path.insert(0, str(SCRIPTS))
    try:
        import comment
    finally:
        sys.path.remove(str(SCRIPTS))
    fill = "\U0001f4b0" if wide else "x"
    lines = ["**Six-year total CHF 1 → 2 (+1).**", "", *head, "```diff", *(f"+ {fill * 50}" for _ in head), "```"]
    diff = (
        "\n".join(lines) + "\n<details><summary>Texts: 1 reworded</summary>\n\n" + "\n".join(texts) + "\n</details>\n"
    )
    body = comment.bounded(diff, "the job summary", limit)
    assert comment.size(body) <= limit
    assert body.startswith("<!-- ccm-plan-diff -->\n**Six-year total CHF 1 → 2 (+1).**")
    if comment.size(f"<!-- ccm-plan-diff -->\n{diff}") > limit:
        assert body.count("```") % 2 == 0 and body.count("<details>") == body.count("</details>")
        assert body.rstrip().endswith(".") and "the job summary" in body.rstrip().rsplit("\n", 1)[-1]
    else:
        assert body == f"<!-- ccm-plan-diff -->\n{diff}"


def test_a_comment_that_cannot_be_updated_fails_the_step(fake_github: dict[str, str], tmp_path: Path) -> None:
    """The earlier push's comment would stay, showing figures that are no longer true."""
    diff = Path(fake_github["CCM_PLAN_DIFF_FILE"])
    diff.write_text("**Six-year total EUR 396,800 → 397,300 (+500, +0.1%).**\n", encoding="utf-8")
    assert step("comment.py", fake_github, tmp_path, tmp_path).code == 0
    diff.write_text("**No change to the budget.**\n", encoding="utf-8")
    ran = step("comment.py", {**fake_github, "FAKE_GH_PATCH_FAILS": "1"}, tmp_path, tmp_path)
    assert ran.code == 1
    assert ran.stdout.startswith("::error title=ccm-plan comment::could not comment (gh: Server Error (HTTP 502));")
    assert "still shows an earlier push" in ran.stdout


def test_no_comment_outside_a_pull_request(fake_github: dict[str, str], tmp_path: Path) -> None:
    Path(fake_github["GITHUB_EVENT_PATH"]).write_text(json.dumps({"ref": "refs/heads/main"}), encoding="utf-8")
    ran = step("comment.py", fake_github, tmp_path, tmp_path)
    assert ran.code == 0
    assert github_state(fake_github)["calls"] == []


# ----------------------------------------------------------------------------------------------------- result


@pytest.mark.parametrize(
    ("validate", "diff", "code", "says"),
    [
        ("0", "", 0, ""),
        ("0", "0", 0, ""),
        ("1", "0", 1, "the plan has problems"),
        ("2", "", 1, "the plan could not be checked"),
        ("0", "1", 1, "a review gate failed"),
        ("0", "2", 1, "the diff could not be made"),
    ],
)
def test_result_step_fails_the_job_for_problems_or_the_gate(
    validate: str, diff: str, code: int, says: str, tmp_path: Path
) -> None:
    ran = step("result.sh", {"CCM_PLAN_VALIDATE_EXIT": validate, "CCM_PLAN_DIFF_EXIT": diff}, tmp_path, tmp_path)
    assert ran.code == code
    assert (says in ran.stdout) if says else ran.stdout == ""
