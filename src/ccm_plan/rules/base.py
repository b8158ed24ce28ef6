"""What a rule is: an id, a default severity, a one-line summary, its documentation and a check function.

A check receives the typed plan and yields `Finding`s that name a place by its key path; the runner turns the
path into file:line:column. Rules never print and never read YAML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..present.message import N_, Code, Message, Name, Term, Value, Year
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
    names), made into text by the output in the language asked (never a plain string: every finding is said in
    every language the catalogs have).

    `subject` is the stable name a waiver uses (for example `social-security/2023`); `key=True` points at the
    key rather than its value; `severity` overrides the rule's default for this finding. For `document="actuals"`,
    `item` is the index of the actuals file in `PlanModels.actuals`.
    """

    document: Document
    path: tuple[str | int, ...]
    message: Message
    hint: Message
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


def line_name(budget: Budget, name: dict[str, str], fallback: str) -> Name:
    """A line's name as a message argument: shown in the language asked, else the plan's first language."""
    return Name(dict(name), tuple(budget.languages), fallback)


def series(values: Iterable[Value]) -> Value:
    """Several values as one message argument, joined as the language joins a list (`2024, 2025`; `2024、2025`)."""
    items = list(values)
    if len(items) == 1:
        return items[0]
    fields: dict[str, Value] = {f"item{number}": item for number, item in enumerate(items)}
    fields["sep"] = Term(N_(", "))
    return Message("{sep}".join(f"{{item{number}}}" for number in range(len(items))), **fields)


def ids(values: Iterable[str]) -> Value:
    """Ids (of lines, posts, contributors) as one message argument, each as written: `salaries, travel`."""
    return series(Code(value) for value in values)


def period(start: int, end: int) -> Message:
    """A period as a message argument: `2021–2026`."""
    return Message("{start}–{end}", start=Year(start), end=Year(end))
