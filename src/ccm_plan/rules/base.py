"""What a rule is: an id, a default severity, a one-line summary, its documentation and a check function.

A check receives the typed plan and yields `Finding`s that name a place by its key path; the runner turns the
path into file:line:column. Rules never print and never read YAML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..present.message import Message, Name
from ..problems import Severity

if TYPE_CHECKING:  # types only: a plan without actuals or contributions never loads their models
    from ..model.actuals import Actuals
    from ..model.contributions import Contributions
    from ..model.plan import Budget, Workplan

Document = Literal["budget", "workplan", "actuals", "contributions"]


@dataclass(frozen=True)
class PlanModels:
    """The typed plan the rules check: the budget, and the work plan when the folder has one; after adoption, the
    actuals files (one per reported year, in file-name order) and the contributions file when there are any."""

    budget: Budget
    workplan: Workplan | None
    actuals: tuple[Actuals, ...] = ()
    contributions: Contributions | None = None


@dataclass(frozen=True)
class Finding:
    """What a rule found, where (document and key path), and how to fix it.

    `message` and `hint` are `Message` values (an id marked with `N_` and typed arguments: amounts, years,
    names), made into text by the output in the language asked; a plain string is shown as it is, in English.

    `subject` is the stable name a waiver uses (for example `social-security/2023`); `key=True` points at the
    key rather than its value; `severity` overrides the rule's default for this finding. For `document="actuals"`,
    `item` is the index of the actuals file in `PlanModels.actuals`.
    """

    document: Document
    path: tuple[str | int, ...]
    message: str | Message
    hint: str | Message
    subject: str
    key: bool = False
    severity: Severity | None = None
    item: int = 0


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str
    severity: Severity
    check: Callable[[PlanModels], Iterable[Finding]]
    doc: str


def label(name: dict[str, str], fallback: str) -> str:
    """A line's name for an English message: English when the plan has it, else its first language, else the
    id; as the plan writes it (never lowercased: "UN meetings")."""
    return name.get("en") or next(iter(name.values()), "") or fallback


def line_name(budget: Budget, name: dict[str, str], fallback: str) -> Name:
    """A line's name as a message argument: shown in the language asked, else the plan's first language."""
    return Name(dict(name), tuple(budget.languages), fallback)
