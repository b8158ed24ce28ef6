"""The `ccm-plan` console script and `python -m ccm_plan`: the one place where the process meets its terminal.

- Ctrl-C means exit 130, from the very first moment. Typer maps Ctrl-C to exit 130 once a command runs; before
  that, while Python imports Typer and the libraries, Ctrl-C would print a KeyboardInterrupt traceback.
- Standard output that cannot be written (a full disk, `> /dev/full`, a closed descriptor `>&-`) is one line on
  standard error and exit 74 (`EXIT_OUTPUT`, EX_IOERR in sysexits.h), for every command, `--help` and
  `--version` included; never a traceback, never exit 1 (which means "the plan has problems").
- A reader that stops reading (`ccm-plan totals | head`) ends the output quietly: the rest is discarded and the
  command still exits with its own verdict (a valid plan piped into `head` is still valid).
- An unexpected exception (a bug: a rule or a command that fails on input no one foresaw) is one message on
  standard error naming the tool's version, the command and what to report, and exit 70 (`EXIT_SOFTWARE`,
  EX_SOFTWARE in sysexits.h); the traceback only when `CCM_PLAN_DEBUG` is set (to anything but `0` or empty).
- A terminal or log whose encoding cannot show a character (`PYTHONIOENCODING=cp1252` and Chinese, `ascii`
  and `−`) gets a stand-in: ASCII for typographic signs (`−` → `-`, `–` → `-`, `…` → `...`), `?` for the rest.

All of it is installed here, not in `cli`, so that a program or a test that imports the command line keeps its
own Ctrl-C and its own streams.
"""

import codecs
import errno
import os
import signal
import sys
from types import FrameType
from typing import Any

REPLACE = "ccm-plan-replace"

# Characters the tool's own words and figures use, with what an ASCII-compatible encoding can show instead.
_STAND_INS = {
    "\u2212": "-",  # minus sign
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",  # en dash (2021–2026)
    "\u2014": "--",
    "\u2026": "...",
    "\u00a0": " ",  # no-break spaces inside numbers
    "\u202f": " ",
    "\u2009": " ",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00b7": "-",  # middle dot between parts of a heading
    "\u00d7": "x",
    "\u2192": "->",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u2248": "~",
    "\u00b1": "+/-",
    "\u2500": "-",  # the rules under table headers
    "\u2501": "-",
    "\u2502": "|",
    "\u2550": "=",
    "\u2022": "*",
    "\u2020": "+",  # the dagger marking a total that leaves out a missing figure
}


def _replace(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a stand-in for each character the encoding lacks (ASCII, so any encoding has it)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(_STAND_INS.get(character, "?") for character in text), error.end


class OutputUnwritable(BaseException):
    """Standard output failed for a reason other than its reader leaving; carries the reason.

    A `BaseException`, as `KeyboardInterrupt` is: libraries that probe a stream inside `except Exception` (Click
    does) must not swallow it on its way to `main`."""


class _Guarded:
    """Standard output or error with the process's policy: encoding stand-ins, a closed pipe discarded quietly,
    any other failure raised once as `OutputUnwritable` (for standard output) or ignored (for standard error:
    there is nowhere left to say it).

    Deliberately without `buffer`: Click then writes through this object instead of around it.
    """

    def __init__(self, stream: Any, fd: int, *, report: bool) -> None:
        self._stream = stream
        self._fd = fd
        self._report = report
        self._gone = stream is None
        self._told = False

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":
            raise AttributeError(name)
        return getattr(self._stream, name)

    @property
    def encoding(self) -> str:
        return str(getattr(self._stream, "encoding", None) or "utf-8")

    @property
    def errors(self) -> str:
        return REPLACE

    def isatty(self) -> bool:
        return not self._gone and bool(self._stream.isatty())

    def fileno(self) -> int:
        if self._stream is None:
            raise OSError(errno.EBADF, os.strerror(errno.EBADF))
        return int(self._stream.fileno())

    def _failed(self, error: OSError) -> None:
        if not self._gone:
            self._gone = True
            _silence(self._fd)
        if self._told or not self._report or error.errno == errno.EPIPE:
            return
        self._told = True
        raise OutputUnwritable(error.strerror or str(error))

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if self._gone:
            if self._stream is None and text:
                self._failed(OSError(errno.EBADF, "standard output is closed"))
            return len(text)
        try:
            return int(self._stream.write(text))
        except OSError as error:
            self._failed(error)
            return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self._gone:
            return
        try:
            self._stream.flush()
        except OSError as error:
            self._failed(error)


def _silence(fd: int) -> None:
    """Point a failed descriptor at /dev/null, so that the interpreter's last flush at exit finds nothing to
    complain about (it would print 'Exception ignored' and exit 120)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(null, fd)
    except OSError:
        pass
    finally:
        os.close(null)


def _guard_streams() -> _Guarded:
    codecs.register_error(REPLACE, _replace)
    streams = []
    for name, fd in (("stdout", 1), ("stderr", 2)):
        stream = getattr(sys, name)
        if stream is None:
            # A closed descriptor: keep it taken (by /dev/null), so that no file the command opens becomes
            # descriptor 1 or 2 and receives what a child process (git) writes there.
            _silence(fd)
        elif hasattr(stream, "reconfigure"):
            stream.reconfigure(errors=REPLACE)
        guarded = _Guarded(stream, fd, report=name == "stdout")
        setattr(sys, name, guarded)
        streams.append(guarded)
    return streams[0]


_INTERRUPTS: list[int] = []
"""The Ctrl-Cs received: an exception that follows one is the interrupt's doing, not a bug (exit 130, not 70)."""


def _interrupted(signum: int, frame: FrameType | None) -> None:
    _INTERRUPTS.append(signum)
    sys.stderr.write("ccm-plan: interrupted\n")
    raise SystemExit(130)


DEBUG = "CCM_PLAN_DEBUG"


def _debugging() -> bool:
    return os.environ.get(DEBUG, "") not in ("", "0")


def _internal_error(error: Exception) -> None:
    """The last resort: a bug reached the top. One message a user can act on and a maintainer can use."""
    from . import __version__

    command = " ".join(["ccm-plan", *sys.argv[1:]])
    reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    if _debugging():
        import traceback

        traceback.print_exception(error, file=sys.stderr)
    sys.stderr.write(
        f"ccm-plan: internal error: {reason}\n"
        f"  This is a bug in ccm-plan {__version__}, not a problem in your plan.\n"
        f"  Please report it to the ccm-plan maintainers with: the command ({command}), this message, and the plan\n"
        f"  files it read if you can share them"
        + (".\n" if _debugging() else f"; run it again with {DEBUG}=1 to add the traceback.\n")
    )
    sys.stderr.flush()


def main() -> None:
    signal.signal(signal.SIGINT, _interrupted)
    stdout = _guard_streams()
    try:
        try:
            from .quick import run as quick

            code = quick(sys.argv[1:])  # `validate` as hooks and CI run it, without importing Typer
            if code is not None:
                raise SystemExit(code)
            from .cli import main as run

            run()
        finally:
            stdout.flush()
    except OutputUnwritable as error:
        from .problems import EXIT_OUTPUT

        sys.stderr.write(f"ccm-plan: the output could not be written: {error}\n")
        sys.stderr.flush()
        raise SystemExit(EXIT_OUTPUT) from None
    except Exception as error:  # the last resort: see _internal_error
        if _INTERRUPTS:  # the interrupt's SystemExit came out of a library as another exception
            raise SystemExit(130) from None
        from .problems import EXIT_SOFTWARE

        _internal_error(error)
        raise SystemExit(EXIT_SOFTWARE) from None
