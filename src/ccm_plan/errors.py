"""Exceptions for when the program cannot go on (a missing folder, an unwritable output).

Something wrong *in* a plan is a `Problem`, not an exception. The CLI turns a `CcmPlanError` into one line on
stderr and exit code 2.
"""


class CcmPlanError(Exception):
    """Base class: the message is complete and meant for the user as it is."""


class PlanNotFoundError(CcmPlanError):
    """A plan path does not exist, or holds no plan files."""


class PlanUnusableError(CcmPlanError):
    """The plan was read but has problems that stop this command (for example schema errors)."""


class OutputError(CcmPlanError):
    """An output file could not be written."""


class RevisionError(CcmPlanError):
    """A git revision could not be read."""


class OptionError(CcmPlanError):
    """An option does not fit the plan it is applied to (a year outside its period, a language it lacks)."""
