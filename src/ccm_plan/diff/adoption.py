"""What changed after adoption between two revisions: each year's actuals per line, and contributions.

Actuals are matched by year and line id (the file that counts for a year: audited over preliminary); a status
change (preliminary → audited) is a change of its own. Contributions are matched by contributor id and year, and
compared in the plan's currency at the recorded rates (pledged, received, outstanding), so an entry split in two
or reordered is no change while a corrected rate is. Contributors are matched by id (added, removed, scale).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..compute.execution import ConversionError, actuals_by_year, contributor_years
from ..problems import Problem, Severity
from ..read.loader import LoadedPlan

ZERO = Decimal(0)


@dataclass(frozen=True)
class ActualChange:
    """One line's actual in one year: None where a revision has no actuals for it."""

    year: int
    line: str
    old: Decimal | None
    new: Decimal | None


@dataclass(frozen=True)
class StatusChange:
    """A year's actuals: their status in each revision (None: that revision has no actuals for the year)."""

    year: int
    old: str | None
    new: str | None


@dataclass(frozen=True)
class ContributionChange:
    """One contributor in one year, in the plan's currency: (pledged, received, outstanding) in each revision."""

    contributor: str
    year: int
    old: tuple[Decimal, Decimal, Decimal]
    new: tuple[Decimal, Decimal, Decimal]


@dataclass(frozen=True)
class ContributorChange:
    """A contributor added, removed, or whose scale of assessment changed."""

    contributor: str
    change: str
    """added, removed or scale."""
    old: Decimal | None = None
    new: Decimal | None = None


@dataclass
class AdoptionDiff:
    statuses: list[StatusChange] = field(default_factory=list)
    actuals: list[ActualChange] = field(default_factory=list)
    contributors: list[ContributorChange] = field(default_factory=list)
    contributions: list[ContributionChange] = field(default_factory=list)
    unreadable: bool = False
    """A revision's actuals or contributions could not be read (or converted): they were not compared."""
    places: int = 0
    """The money precision to show the changes with (the new plan's, widened by the figures' decimals)."""
    problems: list[Problem] = field(default_factory=list)
    """Why they were not compared: the errors in the revisions' actuals and contributions files."""

    @property
    def changed(self) -> bool:
        return bool(self.statuses or self.actuals or self.contributors or self.contributions)


def _unreadable(plan: LoadedPlan) -> list[Problem]:
    """The reading and schema errors of files other than the budget and the work plan: none when every actuals
    and contributions file was read into its model."""
    plan_files = {
        source.display for kind, source in plan.sources.items() if kind in ("ccm-plan/budget", "ccm-plan/workplan")
    }
    return [p for p in plan.problems if p.severity is Severity.ERROR and p.file not in plan_files]


def compare_adoption(old: LoadedPlan, new: LoadedPlan) -> AdoptionDiff:
    """The after-adoption changes between two loaded plans (both budgets must have been read)."""
    result = AdoptionDiff()
    result.problems = _unreadable(old) + _unreadable(new)
    if result.problems:
        result.unreadable = True
        return result
    a, b = actuals_by_year(old.actuals), actuals_by_year(new.actuals)
    for year in sorted(set(a) | set(b)):
        before, after = a.get(year), b.get(year)
        old_status = before.status if before else None
        new_status = after.status if after else None
        if old_status != new_status:
            result.statuses.append(StatusChange(year, old_status, new_status))
        lines = list(dict.fromkeys([*(before.amounts if before else {}), *(after.amounts if after else {})]))
        for line in lines:
            x = before.amounts.get(line) if before else None
            y = after.amounts.get(line) if after else None
            if x != y:
                result.actuals.append(ActualChange(year, line, x, y))
    old_people = {c.id: c for c in (old.contributions.contributors if old.contributions else [])}
    new_people = {c.id: c for c in (new.contributions.contributors if new.contributions else [])}
    for contributor in dict.fromkeys([*old_people, *new_people]):
        x, y = old_people.get(contributor), new_people.get(contributor)
        if x is None:
            result.contributors.append(ContributorChange(contributor, "added", None, y.scale_percent if y else None))
        elif y is None:
            result.contributors.append(ContributorChange(contributor, "removed", x.scale_percent, None))
        elif x.scale_percent != y.scale_percent:
            result.contributors.append(ContributorChange(contributor, "scale", x.scale_percent, y.scale_percent))
    try:
        before_money = contributor_years(old.contributions, old.budget.currency)
        after_money = contributor_years(new.contributions, new.budget.currency)
    except ConversionError:
        result.unreadable = True
        return result
    nothing = (ZERO, ZERO, ZERO)
    for key in sorted(set(before_money) | set(after_money), key=lambda k: (k[1], k[0])):
        x3 = before_money.get(key)
        y3 = after_money.get(key)
        old_figures = (x3.pledged, x3.received, x3.outstanding) if x3 else nothing
        new_figures = (y3.pledged, y3.received, y3.outstanding) if y3 else nothing
        if old_figures != new_figures:
            result.contributions.append(ContributionChange(key[0], key[1], old_figures, new_figures))
    from ..present.precision import money_places, plan_places

    shown = [v for c in result.actuals for v in (c.old, c.new) if v is not None]
    shown += [v for c in result.contributions for v in (*c.old, *c.new)]
    result.places = max(plan_places(new.budget), money_places(new.budget.currency, shown, new.budget.decimals))
    return result
