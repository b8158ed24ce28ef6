"""Exceptions for when the program cannot go on (a missing folder, an unwritable output).

Something wrong *in* a plan is a `Problem`, not an exception. The CLI turns a `CcmPlanError` into one line on
stderr and exit code 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .problems import Problem


class CcmPlanError(Exception):
    """Base class: the message is complete and meant for the user as it is."""


class PlanNotFoundError(CcmPlanError):
    """A plan path does not exist, or holds no plan files."""


class PlanUnusableError(CcmPlanError):
    """The plan was read but has problems that stop this command (for example schema errors).

    `problems`: the located findings that stop it, when there are such (`LoadedPlan.require_usable`)."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class OutputError(CcmPlanError):
    """An output file could not be written."""


class RevisionError(CcmPlanError):
    """A git revision could not be read."""


class OptionError(CcmPlanError):
    """An option does not fit the plan it is applied to (a year outside its period, a language it lacks)."""


class ConversionError(CcmPlanError):
    """A document could not be converted (to PDF): the converter is missing or failed."""
