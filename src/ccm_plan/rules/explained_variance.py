"""explained-variance: a large change from one year to the next is explained by a budget note.

For every line and every pair of consecutive years, a change larger than `parameters.variance.threshold_percent`
of the earlier year (and at least `minimum_change`) needs a note that `explains` that line in the later year or
in the earlier one: a note on an unusual year explains both the move into it and the move back out. A note
with `scope: budget` speaks of the budget as a whole and explains no single figure. A warning: the figure may
be right, but a reviewer cannot tell why it moved.

A line may state its own threshold (`lines[].variance: {threshold_percent, minimum_change}`), which overrides
the plan's for that line: a line expected to move (programme support costs that follow the other lines, a
meetings line in a conference year) is held to its own measure, the others to the plan's.

Passes (note 2 explains communication in 2021 and 2026)::

    communication: {2021: 20000, 2022: 10000}
    notes: [{id: printing, number: 2, explains: [{line: communication, years: [2021, 2026]}], ...}]

Fails (10,000 → 20,000 in 2025 is +100%, and no note speaks of 2024 or 2025)::

    communication: {2024: 10000, 2025: 20000}

Passes (the line's own threshold of 30% allows +20% where the plan's 10% would not)::

    - id: delegate-travel
      amounts: {2026: 25000, 2027: 30000}
      variance: {threshold_percent: 30}
"""

from __future__ import annotations

from collections.abc import Iterator

from ..compute.totals import HUNDRED, ZERO, percent
from ..model.plan import Budget
from ..present.message import N_, Code, Message, Money, SignedMoney, SignedPercent, Year
from ..problems import Severity
from .base import Finding, PlanModels, Rule, line_name


def explained(budget: Budget, line_id: str, year: int) -> bool:
    """True when a note on specific lines explains this line in this year."""
    for note in budget.notes:
        if note.scope != "lines":
            continue
        for target in note.explains:
            if target.line == line_id and (target.years is None or year in target.years):
                return True
    return False


def check(plan: PlanModels) -> Iterator[Finding]:
    budget = plan.budget
    years = set(budget.period.years)
    for index, line in enumerate(budget.lines):
        variance = line.variance or budget.parameters.variance  # the line's own threshold overrides the plan's
        if variance is None:
            continue
        threshold, minimum = variance.threshold_percent, variance.minimum_change
        amounts = line.amounts
        before: int | None = None
        old = ZERO
        for year in sorted(year for year in amounts if year in years):
            new = amounts[year]
            if before != year - 1:  # the first year, or a gap (a missing year is the period-years rule's finding)
                before, old = year, new
                continue
            change = new - old
            moved, previous = abs(change), old
            before, old = year, new
            if change == 0 or moved < minimum:
                continue
            # The exact test first (no division): most changes are well inside the threshold. Only a change at or
            # above it needs the percentage, computed as everywhere else (`percent`), which decides.
            if previous != 0 and moved * HUNDRED < threshold * abs(previous):
                continue
            share = percent(change, previous)
            if share is not None and abs(share) <= threshold:
                continue
            if explained(budget, line.id, year) or explained(budget, line.id, year - 1):
                continue
            shown: Message | SignedPercent = SignedPercent(share) if share is not None else Message(N_("from nothing"))
            yield Finding(
                "budget",
                ("lines", index, "amounts", year),
                Message(
                    N_(
                        "{year}: {line} {amount} after {previous} in {previous_year} ({change}, {percent}) is not "
                        "explained by any budget note"
                    ),
                    year=Year(year),
                    line=line_name(budget, line.name, line.id),
                    amount=Money(new),
                    previous=Money(previous),
                    previous_year=Year(year - 1),
                    change=SignedMoney(change),
                    percent=shown,
                ),
                Message(
                    N_(
                        "add a note with `explains: [{{line: {line}, years: [{year}]}}]` saying why, or accept it "
                        "with a waiver (rule {rule}, subject {subject})"
                    ),
                    line=Code(line.id),
                    year=Year(year),
                    rule=Code("explained-variance"),
                    subject=Code(f"{line.id}/{year}"),
                ),
                f"{line.id}/{year}",
            )


RULE = Rule(
    "explained-variance",
    "A change from one year to the next above the line's or the plan's threshold is explained by a budget note.",
    Severity.WARNING,
    check,
    __doc__ or "",
)
