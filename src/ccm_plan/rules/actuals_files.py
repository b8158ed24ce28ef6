"""actuals-files: each year's actuals file fits the plan: its year, its lines, its dates, and one report a year.

- The year is a year of the plan's period.
- Every line id in `amounts` and in a note's `explains` is a line of the budget; every budget line with a budget
  that year has an actual (write 0 when nothing was spent: a missing line would count as nothing spent).
- The figures are dated (`as_of`) after the year began; audited figures after the year ended.
- One file a year: two files with the same status for one year is an error (which one counts?); a preliminary
  file for a year that also has audited actuals has been superseded (a warning: the audited figures count).
- The source and the notes are given in every one of the plan's languages.

Passes::

    year: 2022
    status: audited
    as_of: 2023-03-31
    amounts: {salaries: 350000, travel: 18250.40}

Fails (audited before the year ended; `travl` is not a budget line)::

    year: 2022
    status: audited
    as_of: 2022-11-30
    amounts: {salaries: 350000, travl: 18250.40}
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..present.message import N_, Code, Message, Money, Term, Year
from ..problems import Severity
from .base import Finding, PlanModels, Rule, ids, line_name, period
from .consistency import _texts

ZERO = Decimal(0)
STATUS = {"audited": N_("audited"), "preliminary": N_("preliminary")}


def check(plan: PlanModels) -> Iterator[Finding]:
    if not plan.actuals:
        return
    # Here, not at the top: a plan without actuals files (and `validate` starting up) never needs them.
    from ..compute.execution import actuals_by_year

    budget = plan.budget
    years = budget.period.years
    lines = {line.id: line for line in budget.lines}
    known = Message(N_("use one of the budget's line ids: {ids}"), ids=ids(lines))
    counted = actuals_by_year(plan.actuals)
    seen: dict[tuple[int, str], int] = {}
    for item, actuals in enumerate(plan.actuals):
        year = actuals.year
        if year not in years:
            yield Finding(
                "actuals",
                ("year",),
                Message(
                    N_("actuals for {year}, outside the plan's period {period}"),
                    year=Year(year),
                    period=period(years[0], years[-1]),
                ),
                Message(N_("correct the year, or keep this file with the plan whose period covers it")),
                f"actuals/{year}",
                item=item,
            )
            continue
        twin = seen.get((year, actuals.status))
        if twin is not None:
            other = plan.actuals[twin]
            yield Finding(
                "actuals",
                ("year",),
                Message(
                    N_("{year} is reported twice as {status} (another file has it as of {date})"),
                    year=Year(year),
                    status=Term(STATUS.get(actuals.status, actuals.status)),
                    date=Code(str(other.as_of)),
                ),
                Message(N_("keep one actuals file a year: remove or merge the other")),
                f"actuals/{year}/twice",
                item=item,
            )
        seen.setdefault((year, actuals.status), item)
        if actuals.status == "preliminary" and counted[year].status == "audited":
            yield Finding(
                "actuals",
                ("status",),
                Message(
                    N_(
                        "{year} also has audited actuals (as of {date}): this preliminary report is superseded and "
                        "its figures are not used"
                    ),
                    year=Year(year),
                    date=Code(str(counted[year].as_of)),
                ),
                Message(N_("remove this file (git keeps its history)")),
                f"actuals/{year}/superseded",
                severity=Severity.WARNING,
                item=item,
            )
        if actuals.as_of.year < year:
            yield Finding(
                "actuals",
                ("as_of",),
                Message(
                    N_("figures as of {date} cannot be {year}'s: the year had not begun"),
                    date=Code(str(actuals.as_of)),
                    year=Year(year),
                ),
                Message(N_("correct the date or the year")),
                f"actuals/{year}/as-of",
                item=item,
            )
        elif actuals.status == "audited" and actuals.as_of.year == year:
            yield Finding(
                "actuals",
                ("as_of",),
                Message(
                    N_("audited figures for {year} dated {date}, before the year ended"),
                    year=Year(year),
                    date=Code(str(actuals.as_of)),
                ),
                Message(N_("give the date of the audited statement, or mark the figures preliminary")),
                f"actuals/{year}/as-of",
                item=item,
            )
        for line_id in actuals.amounts:
            if line_id not in lines:
                yield Finding(
                    "actuals",
                    ("amounts", line_id),
                    Message(N_("'{line}' is not a line of the budget"), line=Code(line_id)),
                    known,
                    f"actuals/{year}/{line_id}",
                    key=True,
                    item=item,
                )
        for line in budget.lines:
            planned = line.amounts.get(year, ZERO)
            if line.id not in actuals.amounts and planned != 0:
                yield Finding(
                    "actuals",
                    ("amounts",),
                    Message(
                        N_("{year}: no actual for {line} (budget {amount})"),
                        year=Year(year),
                        line=line_name(budget, line.name, line.id),
                        amount=Money(planned),
                    ),
                    Message(N_("add `{entry}` if nothing was spent on it"), entry=Code(f"{line.id}: 0")),
                    f"actuals/{year}/{line.id}/missing",
                    key=True,
                    item=item,
                )
        for index, note in enumerate(actuals.notes):
            for position, line_id in enumerate(note.explains):
                if line_id not in lines:
                    yield Finding(
                        "actuals",
                        ("notes", index, "explains", position),
                        Message(
                            N_("note '{note}' explains '{line}', which is not a line of the budget"),
                            note=Code(note.id),
                            line=Code(line_id),
                        ),
                        known,
                        f"actuals/{year}/{note.id}/{line_id}",
                        item=item,
                    )
        for finding in _texts("actuals", actuals, budget.languages):
            yield Finding(
                finding.document,
                finding.path,
                finding.message,
                finding.hint,
                f"actuals/{year}/{finding.subject}",
                key=finding.key,
                item=item,
            )


RULE = Rule(
    "actuals-files",
    "Each actuals file reports a year of the period, on the budget's lines, dated, and one report a year.",
    Severity.ERROR,
    check,
    __doc__ or "",
)
