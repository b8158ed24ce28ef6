"""staffing: the staffing the plan assumes is coherent with its salaries line.

`parameters.staffing` names the line that pays the staff (salaries), the posts with their full-time
equivalent, and planned changes. A line with salaries but no posts, a change to a post that does not exist,
or a change outside the period is an error: the salaries figure would rest on staff the plan does not describe.

A change may say in numbers what it does to the post: `fte`, its full-time equivalent from that year on, which
must be more than 0 and at most 1 (an error at the value). The salaries line must then move in the direction
of the change, from the year before to the change's year (up when the post grows, down when it shrinks), or a
budget note must explain the salaries line in that year: otherwise a warning at the salaries figure, naming
the post and the change.

Passes::

    staffing: {line: salaries, posts: [{id: director, title: {en: Director}, fte: 1}],
               changes: [{post: director, year: 2023, text: {en: New Director}}]}

Fails (no post 'head'; 2031 is outside 2021–2026)::

    staffing: {line: salaries, posts: [{id: director, title: {en: Director}, fte: 1}],
               changes: [{post: head, year: 2031, text: {en: New head}}]}

Passes (the officer goes from half to full time in 2027, and salaries rise from 206,000 to 290,000)::

    staffing: {line: salaries, posts: [{id: officer, title: {en: Officer}, fte: 0.5}],
               changes: [{post: officer, year: 2027, fte: 1, text: {en: The officer works full time.}}]}
    salaries: {2026: 206000, 2027: 290000}

Fails (the same change, but salaries fall to 200,000 and no note says why)::

    salaries: {2026: 206000, 2027: 200000}
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..compute.totals import find_line
from ..model.plan import Budget, Staffing
from ..present.message import N_, Code, Message, Money, Number, SignedMoney, Year
from ..problems import Severity
from .base import Finding, PlanModels, Rule, ids, line_name

STAFFING = ("parameters", "staffing")


def check(plan: PlanModels) -> Iterator[Finding]:
    budget = plan.budget
    staffing = budget.parameters.staffing
    if staffing is None:
        return
    found = find_line(budget, staffing.line)
    if found is not None and not staffing.posts:
        paid = sum(found[1].amounts.values())
        if paid:
            yield Finding(
                "budget",
                (*STAFFING, "posts"),
                Message(
                    N_("{line} total {amount} but the staffing lists no posts"),
                    line=Code(staffing.line),
                    amount=Money(paid),
                ),
                Message(N_("list the posts the line pays, with their full-time equivalent")),
                "staffing/posts",
                key=True,
            )
    posts = {post.id for post in staffing.posts}
    years = budget.period.years
    for index, change in enumerate(staffing.changes):
        if change.post not in posts:
            yield Finding(
                "budget",
                (*STAFFING, "changes", index, "post"),
                Message(N_("a change to post '{post}', which the staffing does not list"), post=Code(change.post)),
                Message(N_("use one of: {posts}"), posts=ids(sorted(posts)))
                if posts
                else Message(N_("list the post first")),
                f"staffing/{change.post}",
            )
        if change.year not in years:
            yield Finding(
                "budget",
                (*STAFFING, "changes", index, "year"),
                Message(
                    N_("a staffing change in {year}, outside the period {start}–{end}"),
                    year=Year(change.year),
                    start=Year(years[0]),
                    end=Year(years[-1]),
                ),
                Message(N_("name a year of the period")),
                f"staffing/{change.post}/{change.year}",
            )
        if change.fte is not None and not 0 < change.fte <= 1:
            yield Finding(
                "budget",
                (*STAFFING, "changes", index, "fte"),
                Message(
                    N_("a full-time equivalent of {fte} for post '{post}' in {year}"),
                    fte=Number(change.fte),
                    post=Code(change.post),
                    year=Year(change.year),
                ),
                Message(
                    N_(
                        "write the post's FTE from that year: more than 0 and at most 1 ({full} full time, {half} half time)"
                    ),
                    full=Number(Decimal(1)),
                    half=Number(Decimal("0.5")),
                ),
                f"staffing/{change.post}/{change.year}/fte",
            )
    yield from _salaries_follow(budget, staffing)


def _salaries_follow(budget: Budget, staffing: Staffing) -> Iterator[Finding]:
    """Each change in numbers moves the salaries line in its direction, or a note explains the line that year."""
    from .explained_variance import explained

    found = find_line(budget, staffing.line)
    if found is None:
        return
    index, line = found
    current: dict[str, Decimal] = {post.id: post.fte for post in staffing.posts}
    for change in sorted(staffing.changes, key=lambda change: change.year):
        if change.fte is None or change.post not in current or not 0 < change.fte <= 1:
            continue
        before, current[change.post] = current[change.post], change.fte
        year = change.year
        if change.fte == before or year not in line.amounts or year - 1 not in line.amounts:
            continue
        moved = line.amounts[year] - line.amounts[year - 1]
        grows = change.fte > before
        if (moved > 0 if grows else moved < 0) or explained(budget, line.id, year):
            continue
        yield Finding(
            "budget",
            ("lines", index, "amounts", year),
            Message(
                N_(
                    "{year}: post '{post}' goes from {before} to {after} FTE, but {line} is {amount} after {previous} "
                    "in {previous_year} ({change}), not up"
                )
                if grows
                else N_(
                    "{year}: post '{post}' goes from {before} to {after} FTE, but {line} is {amount} after {previous} "
                    "in {previous_year} ({change}), not down"
                ),
                year=Year(year),
                post=Code(change.post),
                before=Number(before),
                after=Number(change.fte),
                line=line_name(budget, line.name, line.id),
                amount=Money(line.amounts[year]),
                previous=Money(line.amounts[year - 1]),
                previous_year=Year(year - 1),
                change=SignedMoney(moved),
            ),
            Message(
                N_(
                    "revise the salaries figure, or add a note with `explains: [{example}]` saying why it moves as it does"
                ),
                example=Code(f"{{line: {line.id}, years: [{year}]}}"),
            ),
            f"{line.id}/{year}",
            severity=Severity.WARNING,
        )


RULE = Rule(
    "staffing",
    "The staffing names posts for the salaries it pays, and its changes name listed posts within the period.",
    Severity.ERROR,
    check,
    __doc__ or "",
)
