"""period-years: every yearly figure covers exactly the plan's period.

Each line's amounts and the stated year totals have one figure for every year from `period.start` to
`period.end`, and none outside it; notes and staff changes name years inside the period. A missing year would
silently count as zero in every total, so this is an error.

Passes::

    period: {start: 2021, end: 2022}
    amounts: {2021: 100, 2022: 120}

Fails (2022 is missing, 2023 is outside the period)::

    amounts: {2021: 100, 2023: 120}
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..present.message import N_, Code, Message, Year
from ..problems import Severity
from .base import Finding, PlanModels, Rule, period, series


def _cover(
    path: tuple[str | int, ...], figures: Mapping[int, object], years: list[int], subject: str, period_set: set[int]
) -> Iterator[Finding]:
    if figures.keys() == period_set:
        return  # the common case: every year of the period, and no other
    the_period = period(years[0], years[-1])
    missing = [year for year in years if year not in figures]
    if missing:
        shown = series(Year(year) for year in missing)
        yield Finding(
            "budget",
            path,
            Message(N_("no figure for {years} (the period is {period})"), years=shown, period=the_period),
            Message(N_("add {years} (write 0 for a year with no cost)"), years=shown),
            f"{subject}/missing",
            key=True,
        )
    for year in figures:
        if year not in period_set:
            yield Finding(
                "budget",
                (*path, year),
                Message(N_("{year} is outside the plan's period {period}"), year=Year(year), period=the_period),
                Message(N_("remove this year, or change the period")),
                f"{subject}/{year}",
                key=True,
            )


def check(plan: PlanModels) -> Iterator[Finding]:
    budget = plan.budget
    span = budget.period
    if span.start > span.end:
        yield Finding(
            "budget",
            ("period", "end"),
            Message(
                N_("the period ends ({end}) before it starts ({start})"), end=Year(span.end), start=Year(span.start)
            ),
            Message(N_("swap start and end")),
            "period",
        )
        return
    years = span.years
    period_set = set(years)
    for index, line in enumerate(budget.lines):
        yield from _cover(("lines", index, "amounts"), line.amounts, years, line.id, period_set)
    yield from _cover(("totals", "years"), budget.totals.years, years, "totals", period_set)
    for index, note in enumerate(budget.notes):
        for target_index, target in enumerate(note.explains):
            for year_index, year in enumerate(target.years or []):
                if year not in years:
                    yield Finding(
                        "budget",
                        ("notes", index, "explains", target_index, "years", year_index),
                        Message(
                            N_("note {note} names {year}, outside the period"),
                            note=Code(str(note.number)),
                            year=Year(year),
                        ),
                        Message(N_("name a year of the period")),
                        f"{note.id}/{year}",
                    )


RULE = Rule(
    "period-years",
    "Every line and stated total has a figure for each year of the period, and none outside it.",
    Severity.ERROR,
    check,
    __doc__ or "",
)
