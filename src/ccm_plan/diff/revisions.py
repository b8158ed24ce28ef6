"""Where `diff` finds its two plans: a folder (or file) on disk, or the same plan path at a git revision.

A revision is read with git's plumbing (`git rev-parse`, `git ls-tree`, `git cat-file`) into a temporary folder and
loaded from there: no checkout, so the work tree, the index and HEAD are never touched.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from ..errors import CcmPlanError, PlanNotFoundError, RevisionError
from ..read.loader import LoadedPlan, load_plan
from ..read.source import display_path

GIT_TIMEOUT = 60
"""Seconds one git command may take before the revision is reported unreadable (a plan is a few small files)."""

_SYMLINK_MODE = "120000"


@dataclass(frozen=True)
class PlanAt:
    """A loaded plan and where it came from: `label` for people (`data`, `HEAD~1:data`), `revision` the full
    commit id when it was read from git."""

    label: str
    plan: LoadedPlan
    revision: str | None = None


def resolve(argument: str | None, plan_path: Path | str = Path("data")) -> PlanAt:
    """The plan an argument of `ccm-plan diff` names.

    None means the plan at `plan_path` in the working tree. An argument that is an existing file or folder is
    that plan (a path wins over a revision of the same name). Anything else is a git revision, meaning the plan
    at `plan_path` as committed there. Raises `RevisionError` or `PlanNotFoundError` when there is no such plan.
    """
    if argument is None:
        return on_disk(plan_location(Path(plan_path)))
    if Path(argument).exists():
        return on_disk(Path(argument))
    return at_revision(argument, Path(plan_path))


def plan_location(plan_path: Path) -> Path:
    """`plan_path` as given, or `.` when it does not exist and names the current folder itself.

    Run inside the plan folder, the default `data` would mean `data/data`: when no such path exists and the
    current folder's own path ends with `plan_path` (`/repo/data` and `data`, `/repo/plans/v1` and `plans/v1`),
    the plan is the current folder. A path that exists is always read as given.
    """
    if plan_path.is_absolute() or plan_path.exists() or ".." in plan_path.parts:
        return plan_path
    parts = PurePosixPath(plan_path.as_posix()).parts
    if parts and parts != (".",) and Path.cwd().parts[-len(parts) :] == parts:
        return Path(".")
    return plan_path


def on_disk(path: Path) -> PlanAt:
    plan = load_plan(path)
    return PlanAt(display_path(plan.folder), plan)


def at_revision(revision: str, plan_path: Path) -> PlanAt:
    """The plan at `plan_path` (relative to the current folder) as committed at `revision`."""
    if not revision or revision.startswith("-"):
        raise RevisionError(f"'{revision}' is neither a file or folder nor a git revision")
    target = Path(os.path.normpath(Path.cwd() / plan_location(plan_path)))
    top = _toplevel(revision, _existing_ancestor(target))
    relative = os.path.relpath(target, top)
    if relative == ".." or relative.startswith(".." + os.sep):
        raise RevisionError(f"{plan_path}: the plan path is outside the git repository at {top}")
    where = PurePosixPath(Path(relative).as_posix())
    commit = _commit(revision, top)
    entry = _entry(commit, where, top)
    if entry is None:
        raise RevisionError(f"{revision}:{where}: no such file or folder at that revision (commit {commit[:12]})")
    folder = where if entry[1] == "tree" else where.parent
    label = f"{revision}:{folder}"
    with tempfile.TemporaryDirectory(prefix="ccm-plan-rev-") as temporary:
        names = _export_folder(commit, folder, Path(temporary), top)
        if not names:
            raise RevisionError(f"{label}: no YAML files there at that revision (commit {commit[:12]})")
        _migrated(Path(temporary))
        try:
            plan = load_plan(Path(temporary))
        except PlanNotFoundError:
            raise RevisionError(f"{label}: no plan files there at that revision (commit {commit[:12]})") from None
        shown = {display_path(Path(temporary) / name): f"{revision}:{folder / name}" for name in names}
        shown[display_path(Path(temporary))] = label
    return PlanAt(label, _relabel(plan, shown), commit)


_VERSION_1 = re.compile(rb"^schema_version:[ \t]*1[ \t]*(?:#.*)?\r?$", re.MULTILINE)


def _migrated(folder: Path) -> None:
    """An old revision's version-1 budget is read as `ccm-plan migrate` would rewrite it (in the temporary copy
    only), so a diff across the migration shows what really changed. A budget that cannot be migrated is left as
    it is: reading it then says why."""
    from ..edit.migrate import migrate_plan

    if not any(_VERSION_1.search(path.read_bytes()) for path in folder.iterdir() if path.is_file()):
        return
    with contextlib.suppress(CcmPlanError):
        migrate_plan(folder)


def _relabel(plan: LoadedPlan, shown: dict[str, str]) -> LoadedPlan:
    """Problems name `REV:path/budget.yaml`, not the temporary copy they were read from."""
    plan.problems = [replace(p, file=shown.get(p.file, p.file)) for p in plan.problems]
    plan.files = [shown.get(name, name) for name in plan.files]
    return plan


def _existing_ancestor(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.is_dir():
            return candidate
    return Path.cwd()


def _git(arguments: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *arguments],
            cwd=cwd,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise RevisionError("git is not installed; it is needed to read a plan at a revision") from None
    except subprocess.TimeoutExpired:
        raise RevisionError(f"git {arguments[0]} did not answer within {GIT_TIMEOUT} s") from None
    except OSError as error:
        raise RevisionError(f"cannot run git: {error.strerror or error}") from None


def _first_line(raw: bytes) -> str:
    lines = raw.decode("utf-8", "replace").strip().splitlines()
    return lines[0].removeprefix("fatal: ") if lines else ""


def _toplevel(revision: str, start: Path) -> Path:
    completed = _git(["rev-parse", "--show-toplevel"], start)
    if completed.returncode != 0:
        why = _first_line(completed.stderr) or "not a git repository"
        raise RevisionError(f"'{revision}' is neither a file or folder nor a git revision ({start}: {why})")
    return Path(completed.stdout.decode("utf-8", "surrogateescape").strip())


def _commit(revision: str, top: Path) -> str:
    completed = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], top)
    if completed.returncode != 0:
        raise RevisionError(f"'{revision}' is neither a file or folder nor a revision of the git repository at {top}")
    return completed.stdout.decode("ascii").strip()


def _tree_entries(commit: str, pathspec: str | None, top: Path) -> list[tuple[str, str, str, str]]:
    """(mode, type, object, path) of each entry `git ls-tree` lists, paths relative to the repository root."""
    arguments = ["ls-tree", "-z", "--full-tree", commit]
    if pathspec is not None:
        arguments += ["--", pathspec]
    completed = _git(arguments, top)
    if completed.returncode != 0:
        raise RevisionError(f"cannot list {pathspec or '.'} at {commit[:12]}: {_first_line(completed.stderr)}")
    entries = []
    for record in completed.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        mode, kind, obj = meta.decode("ascii").split(" ")
        entries.append((mode, kind, obj, path.decode("utf-8", "surrogateescape")))
    return entries


def _entry(commit: str, where: PurePosixPath, top: Path) -> tuple[str, str, str, str] | None:
    """The tree entry at `where`, or None when that revision has nothing there. The root is always a tree."""
    if str(where) == ".":
        return ("040000", "tree", commit, ".")
    for entry in _tree_entries(commit, str(where), top):
        if entry[3] == str(where):
            return entry
    return None


def _export_folder(commit: str, folder: PurePosixPath, target: Path, top: Path) -> list[str]:
    """Write the YAML files directly in `folder` at `commit` into `target`; return their names."""
    pathspec = None if str(folder) == "." else f"{folder}/"
    names = []
    for mode, kind, obj, path in _tree_entries(commit, pathspec, top):
        name = PurePosixPath(path).name
        if kind != "blob" or mode == _SYMLINK_MODE or not name.lower().endswith((".yaml", ".yml")):
            continue
        with (target / name).open("wb") as handle:
            try:
                completed = subprocess.run(
                    ["git", "cat-file", "blob", obj],
                    cwd=top,
                    stdout=handle,
                    stderr=subprocess.PIPE,
                    timeout=GIT_TIMEOUT,
                    check=False,
                    stdin=subprocess.DEVNULL,
                )
            except subprocess.TimeoutExpired:
                raise RevisionError(f"git cat-file did not answer within {GIT_TIMEOUT} s") from None
        if completed.returncode != 0:
            raise RevisionError(f"cannot read {path} at {commit[:12]}: {_first_line(completed.stderr)}")
        names.append(name)
    return names
