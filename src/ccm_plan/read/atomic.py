"""Write a file all at once or not at all: a temporary file in the same folder, fsync, then rename.

Used by every command that writes (fix, migrate, import, export, schema, rules), so an interrupted or failed write
leaves the old file intact. What is there already is respected the same way for every command: a target that is
not a regular file (a device such as /dev/full, a pipe, a folder) is never replaced by a file, and a file marked
read-only (no write bit for anyone, judged by the bits, since the superuser may write anything) is replaced only
when the caller says `force=True`.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import OutputError


@contextlib.contextmanager
def atomic_path(target: Path, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target`, on any failure it is removed.

    Raises `OutputError` (with the path and the reason) when the folder is missing or not writable, when `target`
    exists and is not a regular file, or when it is read-only and `force` is false; nothing is written then.
    """
    target = Path(target)
    check_target(target, force=force)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        problem = f"{folder} is not a folder" if folder.exists() else f"the folder {folder} does not exist"
        raise OutputError(f"{target}: cannot write: {problem}")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def check_target(target: Path, *, force: bool = False) -> None:
    """Refuse a target that exists and is not a regular file, or is read-only (unless `force`).

    Read-only by the permission bits, not `os.access`: the superuser may write anything, yet a file marked
    read-only is meant to stay. A missing target is fine. Raises `OutputError`.
    """
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return  # absent, or unreadable: the write itself reports it
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a device or a pipe, not a regular file"
        raise OutputError(f"{target}: cannot write: it is {kind}; name a file to write (or - where the command has it)")
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) and not force:
        raise OutputError(
            f"{target}: the file is read-only, so it is not replaced (make it writable, or use --force where the "
            "command has it)"
        )


def write_bytes(target: Path, data: bytes, *, force: bool = False) -> None:
    """Write `data` to `target` atomically (see `atomic_path` for what is refused). Raises `OutputError`."""
    with atomic_path(target, force=force) as temporary:
        temporary.write_bytes(data)


def write_text(target: Path, text: str, *, force: bool = False) -> None:
    """Write `text` as UTF-8 to `target` atomically. Raises `OutputError`."""
    write_bytes(target, text.encode("utf-8"), force=force)


def write_with(target: Path, writer: Callable[[Path], None], *, force: bool = False) -> None:
    """Let `writer` fill a temporary path (for libraries that write to a filename), then move it into place."""
    with atomic_path(target, force=force) as temporary:
        writer(temporary)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
