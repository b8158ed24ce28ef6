"""What a rule is: an id, a default severity, a one-line summary, its documentation and a check function.

A check receives the typed plan and yields `Finding`s that name a place by its key path; the runner turns the
path into file:line:column. Rules never print and never read YAML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from ..model.plan import Budget, Workplan
from ..problems import Severity

Document = Literal["budget", "workplan"]


@dataclass(frozen=True)
class PlanModels:
    """The typed plan the rules check: the budget, and the work plan when the folder has one."""

    budget: Budget
    workplan: Workplan | None


@dataclass(frozen=True)
class Finding:
    """What a rule found, where (document and key path), and how to fix it.

    `subject` is the stable name a waiver uses (for example `social-security/2023`); `key=True` points at the
    key rather than its value; `severity` overrides the rule's default for this finding.
    """

    document: Document
    path: tuple[str | int, ...]
    message: str
    hint: str
    subject: str
    key: bool = False
    severity: Severity | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str
    severity: Severity
    check: Callable[[PlanModels], Iterable[Finding]]
    doc: str


def label(name: dict[str, str], fallback: str) -> str:
    """A line's name for a message: English when the plan has it, else its first language, else the id."""
    text = name.get("en") or next(iter(name.values()), "")
    return text[:1].lower() + text[1:] if text else fallback
