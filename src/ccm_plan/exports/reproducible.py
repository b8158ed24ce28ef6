"""What makes an exported file reproducible and safe to write, shared by the exporters (xlsx, docx).

- One date for every timestamp in the file (`document_time`): `SOURCE_DATE_EPOCH` when set (the
  reproducible-builds.org convention), else the date of the last commit of the plan's files, else a fixed date. Two
  exports of the same plan with the same tool version are then byte-identical.
- The plan's commit (`plan_commit`) only when the plan's files are tracked in it: an untracked plan inside a git
  repository has no commit that holds it.
- A read-only target is refused (`check_target`) unless forced: a file someone protected is not silently replaced.
"""

from __future__ import annotations

import datetime
import os
import stat
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..errors import OptionError, OutputError

GIT_TIMEOUT = 10  # seconds; a plan folder on a slow network share must not hang the export
FIXED_TIME = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
"""The timestamp of a plan outside git without SOURCE_DATE_EPOCH: a fixed date, so that the output is stable."""


def _git(folder: Path, *args: str) -> str | None:
    """Git's standard output in `folder`, stripped; None when git is missing, fails or times out."""
    try:
        run = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=GIT_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return run.stdout.strip() if run.returncode == 0 else None


def _tracked(folder: Path, files: Sequence[Path | str]) -> list[str] | None:
    """The plan's file names relative to `folder` when every one is tracked by git there; None otherwise."""
    names = [Path(name).name for name in files]
    if not names:
        return None
    listed = _git(folder, "ls-files", "--", *names)
    if listed is None or set(listed.splitlines()) != set(names):
        return None
    return names


def plan_commit(folder: Path, files: Sequence[Path | str] = ()) -> str | None:
    """The commit (HEAD) that holds the plan's `files` (names in `folder`; default: its .yaml files), with
    " (modified)" when they differ from it; None outside git or when any of the files is not tracked."""
    folder = Path(folder)
    chosen = list(files) or sorted(path.name for path in folder.glob("*.yaml"))
    names = _tracked(folder, chosen)
    if names is None:
        return None
    head = _git(folder, "rev-parse", "--verify", "HEAD")
    if not head:
        return None
    status = _git(folder, "status", "--porcelain", "--", *names)
    return head + (" (modified)" if status else "")


def document_time(
    folder: Path, files: Sequence[Path | str] = (), environ: Mapping[str, str] | None = None
) -> datetime.datetime:
    """The one timestamp (UTC) an exported file carries: `SOURCE_DATE_EPOCH` (whole seconds since 1970) when set;
    else the committer date of the last commit of the plan's tracked `files`; else `FIXED_TIME`.

    Raises `OptionError` when SOURCE_DATE_EPOCH is set but is not a whole number of seconds.
    """
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and epoch.strip():
        try:
            seconds = int(epoch.strip())
            return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)
        except (ValueError, OverflowError, OSError):
            raise OptionError(
                f"SOURCE_DATE_EPOCH={epoch}: expected a whole number of seconds since 1970-01-01 UTC"
            ) from None
    folder = Path(folder)
    names = _tracked(folder, list(files) or sorted(path.name for path in folder.glob("*.yaml")))
    if names is not None:
        stamp = _git(folder, "log", "-1", "--format=%ct", "--", *names)
        if stamp and stamp.isdigit():
            return datetime.datetime.fromtimestamp(int(stamp), tz=datetime.UTC)
    return FIXED_TIME


def check_target(target: Path, *, force: bool = False) -> None:
    """Refuse to replace a read-only file (no write permission bit for anyone) unless `force`.

    By the permission bits, not `os.access`: the superuser may write anything, yet a file marked read-only is
    meant to stay. Raises `OutputError`.
    """
    try:
        mode = Path(target).stat().st_mode
    except OSError:
        return  # absent (or unreadable: the write itself reports it)
    if stat.S_ISREG(mode) and not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) and not force:
        raise OutputError(f"{target}: the file is read-only, so it is not replaced (--force replaces it)")
