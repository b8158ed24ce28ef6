"""Problems found in a plan: what is wrong, where, and how to fix it; and the one exit-code policy.

A `Problem` is a value, never an exception: every check returns them, and `report` renders them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, replace


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding, located at file:line:column (1-based), with the rule that found it and a fix hint.

    `subject` names what the finding is about in words a waiver can repeat (for example
    `social-security/2023`); `accepted` holds the waiver's reason when the plan accepts the finding.
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

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.message)

    def accept(self, reason: str) -> Problem:
        return replace(self, accepted=reason)


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
EXIT_INTERRUPTED = 130


def exit_code(problems: Iterable[Problem], *, strict: bool = False) -> int:
    """0 when nothing fails; 1 for an error, or for a warning under `strict`. Accepted findings never fail."""
    errors, warnings, _ = counts(problems)
    if errors or (strict and warnings):
        return EXIT_PROBLEMS
    return EXIT_OK
