"""ccm-plan: a treaty body's multi-year work plan and budget as data: validated, totalled, diffed, exported.

The library API, for scripts and notebooks::

    from ccm_plan import load_plan, check_paths, compute_totals
    plan = load_plan("data").require_usable()  # raises PlanUnusableError (a CcmPlanError) with the errors
    totals = compute_totals(plan.budget)
    result = check_paths(["data"])

Every failure is a `CcmPlanError` (`ccm_plan.errors`): `PlanNotFoundError` when there is no plan at the path,
`PlanUnusableError` when it has reading or schema errors (its `problems` hold them, located).

After adoption (docs/after-adoption.md)::

    from ccm_plan import compute_execution, contribution_status
    plan = load_plan("examples/after-adoption").require_usable()
    execution = compute_execution(plan.budget, plan.actuals, plan.contributions)
    status = contribution_status(plan.budget, plan.contributions, 2022, places=0)
"""

from __future__ import annotations

import _signal  # type: ignore[import-not-found]  # the C module `signal` wraps: no import of enum, so the handler is in place within microseconds
import sys as _sys


def _interrupted(signum: int, frame: object) -> None:
    _sys.stderr.write("ccm-plan: interrupted\n")
    raise SystemExit(130)


# Run as the command line (`python -m ccm_plan`, where runpy sets argv[0] to "-m" while it imports the package,
# or the `ccm-plan` script): Ctrl-C means exit 130 from here on, before anything else is imported (`entry.py`
# installs the same handler; a program that imports the library keeps its own Ctrl-C).
if _sys.argv[:1] == ["-m"] or _sys.argv[0].replace("\\", "/").rsplit("/", 1)[-1].startswith("ccm-plan"):
    _signal.signal(_signal.SIGINT, _interrupted)

from typing import TYPE_CHECKING, Any  # noqa: E402 - after the handler, on purpose

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .check import check_paths
    from .compute.execution import compute_execution, contribution_status
    from .compute.totals import compute_totals
    from .errors import CcmPlanError, PlanNotFoundError, PlanUnusableError
    from .read.loader import load_plan

__all__ = [
    "CcmPlanError",
    "PlanNotFoundError",
    "PlanUnusableError",
    "__version__",
    "check_paths",
    "compute_execution",
    "compute_totals",
    "contribution_status",
    "load_plan",
]


def __getattr__(name: str) -> Any:
    # Lazy, so that `ccm-plan --version` and `ccm-plan --help` do not pay for pydantic and ruamel.
    if name == "check_paths":
        from .check import check_paths

        return check_paths
    if name == "compute_totals":
        from .compute.totals import compute_totals

        return compute_totals
    if name in ("compute_execution", "contribution_status"):
        from .compute import execution

        return getattr(execution, name)
    if name == "load_plan":
        from .read.loader import load_plan

        return load_plan
    if name in ("CcmPlanError", "PlanNotFoundError", "PlanUnusableError"):
        from . import errors

        return getattr(errors, name)
    raise AttributeError(name)
