"""`ccm-plan migrate`: a version-1 budget rewritten as version 2, only the changed keys touched, atomically."""

from __future__ import annotations

import codecs
import difflib
import shutil
from pathlib import Path

from ccm_plan.check import check_paths
from ccm_plan.edit.migrate import migrate_text
from conftest import DATA, MINIMAL, copy_plan, edit, found, git, line_of, run_cli

MINIMAL_V1 = Path(__file__).resolve().parent / "cases" / "invalid" / "schema-version-1" / "budget.yaml"

# The keys of the shipped budget whose form changed in schema version 2, as version 1 wrote them.
VERSION_1_FORMS = [
    ("schema_version: 2\n", "schema_version: 1\n"),
    (
        "  rates:  # the social-security line's note: 占薪金的 20%\n  - id: social-security\n",
        "  social_security:  # the social-security line's note: 占薪金的 20%\n",
    ),
    ("    base: [salaries]\n", "    base_line: salaries\n"),
    ("  - line: travel\n", "    line: travel\n"),
]


def shipped_v1() -> str:
    """data/budget.yaml as schema version 1 wrote it: the shipped plan with its changed keys in their old form."""
    text = (DATA / "budget.yaml").read_text(encoding="utf-8")
    for new, old in VERSION_1_FORMS:
        assert text.count(new) == 1, new
        text = text.replace(new, old)
    return text


def changes(before: str, after: str) -> list[tuple[list[str], list[str]]]:
    """(old lines, new lines) for each place the text differs."""
    old, new = before.splitlines(), after.splitlines()
    return [
        (old[i1:i2], new[j1:j2])
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
        if tag != "equal"
    ]


def v1_plan(folder: Path, budget: Path | None = None) -> Path:
    """A plan folder with a version-1 budget: the shipped plan's (default) or `budget`, with its work plan."""
    folder.mkdir(parents=True)
    if budget is None:
        (folder / "budget.yaml").write_text(shipped_v1(), encoding="utf-8")
        shutil.copy(DATA / "workplan-2021-2026.yaml", folder)
    else:
        shutil.copy(budget, folder / "budget.yaml")
        shutil.copy(MINIMAL / "workplan.yaml", folder)
    return folder


def test_migrating_the_shipped_plan_gives_the_shipped_plan_byte_for_byte() -> None:
    before = shipped_v1()
    after, _ = migrate_text(before)
    assert after == (DATA / "budget.yaml").read_text(encoding="utf-8")
    # and the only lines that differ are the changed keys: every comment, figure and other line is kept
    assert changes(before, after) == [
        (["schema_version: 1"], ["schema_version: 2"]),
        (
            ["  social_security:  # the social-security line's note: 占薪金的 20%"],
            ["  rates:  # the social-security line's note: 占薪金的 20%", "  - id: social-security"],
        ),
        (["    base_line: salaries"], ["    base: [salaries]"]),
        (["    line: travel"], ["  - line: travel"]),
    ]


def test_migrating_the_fixture_plan_changes_only_the_changed_keys() -> None:
    before = MINIMAL_V1.read_text(encoding="utf-8")
    after, _ = migrate_text(before)
    current = (MINIMAL / "budget.yaml").read_text(encoding="utf-8")
    # the case's first line says what it is about; everything else is the fixture plan, byte for byte
    assert after.split("\n", 1)[1] == current.split("\n", 1)[1]
    assert [(old, new) for old, new in changes(before, after)] == [
        (["schema_version: 1"], ["schema_version: 2"]),
        (["  social_security:"], ["  rates:", "  - id: social-charges"]),
        (["    base_line: salaries"], ["    base: [salaries]"]),
        (["    line: travel"], ["  - line: travel"]),
    ]


def test_reading_a_version_1_plan_names_the_command_and_migrate_keeps_its_findings(tmp_path: Path) -> None:
    plan = v1_plan(tmp_path / "old-plan")
    run = run_cli("validate", "old-plan", cwd=tmp_path)
    assert run.code == 1
    assert run.stdout.splitlines()[:2] == [
        "old-plan/budget.yaml:6:17: error [schema] this budget is written in schema version 1; this ccm-plan reads "
        "version 2",
        "    fix: run `ccm-plan migrate old-plan` to rewrite it in place (comments and layout are kept)",
    ]
    social, travel = line_of(plan / "budget.yaml", "social_security:"), line_of(plan / "budget.yaml", "  travel:")
    run = run_cli("migrate", "old-plan", cwd=tmp_path)
    assert (run.code, run.stderr) == (0, "")
    assert run.stdout.splitlines() == [
        "old-plan/budget.yaml:6:17: schema_version: 1 → 2",
        f"old-plan/budget.yaml:{social}:3: parameters.social_security: parameters.rates (id social-security, "
        "base_line → base: [...])",
        f"old-plan/budget.yaml:{travel}:3: parameters.travel: a list of travel lines, this one its first item",
        "migrated 1 budget file to schema version 2",
    ]
    assert [(p.rule, p.subject, p.line, p.column) for p in check_paths([plan]).problems] == [
        (p.rule, p.subject, p.line, p.column) for p in check_paths([DATA]).problems
    ]
    assert sorted(path.name for path in plan.iterdir()) == ["budget.yaml", "workplan-2021-2026.yaml"]  # no temp file


def test_migrate_check_writes_nothing_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    plan = v1_plan(tmp_path / "plan")
    before = (plan / "budget.yaml").read_bytes()
    run = run_cli("migrate", plan, "--check")
    assert run.code == 1 and run.stdout.endswith("1 budget file would be migrated; run `ccm-plan migrate`\n")
    assert (plan / "budget.yaml").read_bytes() == before
    assert run_cli("migrate", plan).code == 0
    migrated = (plan / "budget.yaml").read_bytes()
    again = run_cli("migrate", plan)
    assert (again.code, again.stdout) == (0, f"{plan / 'budget.yaml'}: already schema version 2; nothing to change\n")
    assert (plan / "budget.yaml").read_bytes() == migrated
    assert run_cli("migrate", plan, "--check").code == 0


def test_migrate_flow_style_quoted_waiver_crlf_and_bom(tmp_path: Path) -> None:
    plan = copy_plan(MINIMAL, tmp_path / "plan")
    budget = plan / "budget.yaml"
    text = MINIMAL_V1.read_text(encoding="utf-8")
    text = text.replace(
        "  social_security:\n    line: social-charges\n    base_line: salaries\n    rate_percent: 15\n    tolerance: 1\n",
        "  social_security: {line: social-charges, base_line: salaries, rate_percent: 15, tolerance: 1}\n",
    ).replace(
        "waivers: []",
        "waivers:\n  - {rule: 'social-security-rate', subject: social-charges/2025, reason: adopted as printed}",
    )
    budget.write_bytes(codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"))
    assert run_cli("migrate", plan).code == 0
    raw = budget.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8) and raw.count(b"\r\n") == raw.count(b"\n")
    after = raw.decode("utf-8-sig")
    assert (
        "  rates: [{id: social-charges, line: social-charges, base: [salaries], rate_percent: 15, tolerance: 1}]"
        in after
    )
    assert "  - {rule: 'rates', subject: social-charges/2025, reason: adopted as printed}" in after
    edit(budget, "2025: 15600", "2025: 15700")  # the waived finding exists, so the waiver is used
    problems = check_paths([plan]).problems
    assert [(p.rule, p.accepted) for p in problems if p.rule == "rates"] == [("rates", "adopted as printed")]


def test_migrate_refuses_what_it_cannot_rewrite_in_place_and_writes_nothing(tmp_path: Path) -> None:
    plan = copy_plan(MINIMAL, tmp_path / "plan")
    budget = plan / "budget.yaml"
    text = MINIMAL_V1.read_text(encoding="utf-8").replace(
        "  social_security:\n    line: social-charges\n    base_line: salaries\n    rate_percent: 15\n    tolerance: 1\n",
        "  social_security:\n   line: social-charges\n   base_line: salaries\n   rate_percent: 15\n   tolerance: 1\n",
    )
    budget.write_text(text, encoding="utf-8")
    run = run_cli("migrate", plan)
    assert run.code == 2 and "nothing written" in run.stderr and "Traceback" not in run.stderr
    assert budget.read_text(encoding="utf-8") == text


def test_migrate_a_folder_without_a_plan_exits_2(tmp_path: Path) -> None:
    run = run_cli("migrate", tmp_path / "nowhere")
    assert run.code == 2 and "no such file or folder" in run.stderr


def test_diff_reads_an_old_version_1_revision_as_migrated(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    v1_plan(repo / "data", MINIMAL_V1)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "data")
    git(repo, "commit", "-q", "-m", "plan, schema 1")
    assert run_cli("migrate", "data", cwd=repo).code == 0
    git(repo, "commit", "-q", "-am", "migrate")
    run = run_cli("diff", "HEAD~1", "--exit-code", cwd=repo)
    assert run.code == 0, run.stdout + run.stderr


def test_migrate_keeps_a_reading_warning_as_it_is(tmp_path: Path) -> None:
    """A hidden character is the validator's finding, before and after: it does not stop the migration."""
    plan = v1_plan(tmp_path / "plan", MINIMAL_V1)
    edit(plan / "budget.yaml", "Eight legs a year.,", "Eight\u200b legs a year.,")
    assert run_cli("migrate", plan).code == 0
    assert "schema_version: 2" in (plan / "budget.yaml").read_text(encoding="utf-8")
    assert [rule for rule, *_ in found(plan)] == ["hidden-character"]
