"""Problems found in a plan: what is wrong, where, and how to fix it; and the one exit-code policy.

A `Problem` is a value, never an exception: every check returns them, and `report` renders them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .present.message import Message
    from .present.voice import Voice


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding, located at file:line:column (1-based), with the rule that found it and a fix hint.

    `subject` names what the finding is about in words a waiver can repeat (for example
    `social-security/2023`); `accepted` holds the waiver's reason when the plan accepts the finding.

    `message` and `hint` are English text. A rule's finding also carries them as values, `said` and `advice`
    (a message id and typed arguments, see `present.message`), with the plan's money precision `places`: an
    output shows them in the language asked with `text(voice)` and `hint_text(voice)`.
    """

    file: str
    line: int
    column: int
    severity: Severity
    rule: str
    message: str
    hint: str = ""
    subject: str = ""
    accepted: str | None = None
    said: Message | None = field(default=None, compare=False, repr=False)
    advice: Message | None = field(default=None, compare=False, repr=False)
    places: int = field(default=0, compare=False, repr=False)

    def text(self, voice: Voice) -> str:
        """The message in the voice's language, its figures at the plan's precision."""
        return voice.at(self.places).say(self.said) if self.said is not None else self.message

    def hint_text(self, voice: Voice) -> str:
        """The fix hint in the voice's language."""
        return voice.at(self.places).say(self.advice) if self.advice is not None else self.hint

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.message)

    def accept(self, reason: str) -> Problem:
        return replace(self, accepted=reason)


def said(
    file: str,
    line: int,
    column: int,
    severity: Severity,
    rule: str,
    message: Message,
    hint: Message | None = None,
    subject: str = "",
) -> Problem:
    """A problem said as values (`message` and `hint`: a message id and typed arguments, see `present.message`):
    its English text is made now (`Problem.message`, `Problem.hint`), and the values are kept for an output in
    another language. For the findings made while reading a plan (their figures are no money: places 0)."""
    english = _english()
    return Problem(
        file,
        line,
        column,
        severity,
        rule,
        english.say(message),
        english.say(hint) if hint is not None else "",
        subject,
        said=message,
        advice=hint,
    )


@cache
def _english() -> Voice:
    from .present.numbers import ENGLISH
    from .present.voice import Voice

    return Voice(ENGLISH)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)


def counts(problems: Iterable[Problem]) -> tuple[int, int, int]:
    """Return (errors, warnings, accepted); accepted findings count in neither of the first two."""
    errors = warnings = accepted = 0
    for problem in problems:
        if problem.accepted is not None:
            accepted += 1
        elif problem.severity is Severity.ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings, accepted


# Exit codes, one policy for every command.
EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNUSABLE = 2
EXIT_OUTPUT = 74  # standard output could not be written (full, closed): sysexits.h EX_IOERR
EXIT_SOFTWARE = 70  # a bug: an unexpected exception reached the top (entry.py): sysexits.h EX_SOFTWARE
EXIT_INTERRUPTED = 130


def exit_code(problems: Iterable[Problem], *, strict: bool = False) -> int:
    """0 when nothing fails; 1 for an error, or for a warning under `strict`. Accepted findings never fail."""
    errors, warnings, _ = counts(problems)
    if errors or (strict and warnings):
        return EXIT_PROBLEMS
    return EXIT_OK
