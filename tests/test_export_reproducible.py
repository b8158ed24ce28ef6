"""`export xlsx` is reproducible and safe: the same plan gives the same bytes, timestamps come from
SOURCE_DATE_EPOCH or the plan's last commit, the plan's commit only when the plan is in it, a read-only target is
refused unless --force, and the properties name the plan, its unit and the tool."""

from __future__ import annotations

import os
import stat
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ccm_plan.errors import OptionError, OutputError
from ccm_plan.exports.reproducible import FIXED_TIME, document_time, plan_commit
from ccm_plan.exports.xlsx import export_xlsx
from conftest import DATA, GIT_ENV, copy_plan, edit, git, run_cli


@pytest.fixture(autouse=True)
def no_epoch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # tmp_path is in no repository of the test's
    for name in ("GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(name, GIT_ENV[name])


def commit_at(repo: Path, date: str, *args: str) -> None:
    done = subprocess.run(
        ["git", "commit", "-q", *args],
        cwd=repo,
        env={**GIT_ENV, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def test_two_exports_of_the_same_plan_are_byte_identical(tmp_path: Path) -> None:
    plan = copy_plan(DATA, tmp_path / "plan")
    for language in ("en", "zh"):
        first = export_xlsx(plan, tmp_path / f"a-{language}.xlsx", language).output
        second = export_xlsx(plan, tmp_path / f"b-{language}.xlsx", language).output
        assert first is not None and second is not None
        assert first.read_bytes() == second.read_bytes(), language
    # and the file is a plan's own: another plan gives other bytes
    edit(plan / "budget.yaml", "2021: 341405", "2021: 341406")
    edit(plan / "budget.yaml", "2021: 469686", "2021: 469687")
    edit(plan / "budget.yaml", "plan: 2940552", "plan: 2940553")
    edit(plan / "workplan-2021-2026.yaml", "budget: 2940552", "budget: 2940553")
    third = export_xlsx(plan, tmp_path / "c-en.xlsx", "en").output
    assert third is not None and third.read_bytes() != (tmp_path / "a-en.xlsx").read_bytes()


def test_outside_git_the_timestamps_are_a_fixed_date(tmp_path: Path) -> None:
    plan = copy_plan(DATA, tmp_path / "plan")
    assert document_time(plan) == FIXED_TIME
    target = export_xlsx(plan, tmp_path / "out.xlsx").output
    assert target is not None
    core = part(target, "docProps/core.xml")
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>' in core
    assert '<dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified>' in core
    with zipfile.ZipFile(target) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_source_date_epoch_sets_the_timestamps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1630281600")  # 2021-08-30T00:00:00Z
    target = export_xlsx(copy_plan(DATA, tmp_path / "plan"), tmp_path / "out.xlsx").output
    assert target is not None
    assert ">2021-08-30T00:00:00Z</dcterms:created>" in part(target, "docProps/core.xml")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(OptionError, match=r"SOURCE_DATE_EPOCH=yesterday: expected a whole number of seconds"):
        export_xlsx(DATA, tmp_path / "bad.xlsx")
    assert not (tmp_path / "bad.xlsx").exists()
    run = run_cli("export", "xlsx", DATA, "-o", tmp_path / "bad.xlsx", env={**GIT_ENV, "SOURCE_DATE_EPOCH": "x"})
    assert run.code == 2 and run.stderr.startswith("ccm-plan: SOURCE_DATE_EPOCH=x: expected a whole number")


def test_a_plan_in_git_takes_its_last_commits_date_and_commit(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    plan = copy_plan(DATA, repo / "data")
    git(repo, "init", "-q", "-b", "main")
    (repo / "README").write_text("a plan repository\n", encoding="utf-8")
    git(repo, "add", "README")
    git(repo, "commit", "-q", "-m", "readme")
    # the plan is in the repository's folder but not tracked: no commit holds it
    assert plan_commit(plan) is None and document_time(plan) == FIXED_TIME
    untracked = export_xlsx(plan, tmp_path / "untracked.xlsx").output
    assert untracked is not None
    props = {prop.name for prop in openpyxl.load_workbook(untracked).custom_doc_props.props}
    assert "Plan commit" not in props

    git(repo, "add", "data")
    commit_at(repo, "2021-08-30T12:00:00+00:00", "-m", "plan")
    head = git(repo, "rev-parse", "HEAD").strip()
    assert plan_commit(plan) == head
    assert document_time(plan).isoformat() == "2021-08-30T12:00:00+00:00"
    tracked = export_xlsx(plan, tmp_path / "tracked.xlsx").output
    assert tracked is not None
    assert ">2021-08-30T12:00:00Z</dcterms:created>" in part(tracked, "docProps/core.xml")
    props = {prop.name: prop.value for prop in openpyxl.load_workbook(tracked).custom_doc_props.props}
    assert props["Plan commit"] == head

    # a later commit elsewhere in the repository does not change the plan's date
    (repo / "README").write_text("more\n", encoding="utf-8")
    commit_at(repo, "2022-01-01T00:00:00+00:00", "-am", "readme again")
    assert document_time(plan).isoformat() == "2021-08-30T12:00:00+00:00"
    edit(plan / "budget.yaml", "title:", "title:  # edited")
    assert plan_commit(plan) == f"{git(repo, 'rev-parse', 'HEAD').strip()} (modified)"


def test_a_read_only_target_is_refused_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "circulated.xlsx"
    target.write_bytes(b"the circulated workbook")
    target.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    with pytest.raises(OutputError, match=r"circulated\.xlsx: the file is read-only, so it is not replaced"):
        export_xlsx(DATA, target)
    assert target.read_bytes() == b"the circulated workbook"
    run = run_cli("export", "xlsx", DATA, "-o", target)
    assert run.code == 2 and "read-only" in run.stderr and "--force replaces it" in run.stderr
    assert target.read_bytes() == b"the circulated workbook"

    run = run_cli("export", "xlsx", DATA, "-o", target, "--force")
    assert run.code == 0, run.stderr
    assert zipfile.is_zipfile(target)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o444  # replaced, and still read-only


def test_properties_name_the_plan_its_unit_and_the_tool(tmp_path: Path) -> None:
    for language, title, author in [
        ("en", "ISU budget 2021–2026", "Convention on Cluster Munitions Implementation Support Unit"),
        ("zh", "执行支助股 2021-2026 年预算", "《集束弹药公约》执行支助股"),
    ]:
        target = export_xlsx(DATA, tmp_path / f"{language}.xlsx", language).output
        assert target is not None
        properties = openpyxl.load_workbook(target).properties
        assert (properties.title, properties.creator, properties.lastModifiedBy) == (title, author, author)
        app = part(target, "docProps/app.xml")
        assert "<Application>ccm-plan</Application>" in app and "Microsoft" not in app
