"""staffing: the staffing the plan assumes is coherent with its salaries line.

`parameters.staffing` names the line that pays the staff (salaries), the posts with their full-time
equivalent, and planned changes. A line with salaries but no posts, a change to a post that does not exist,
or a change outside the period is an error: the salaries figure would rest on staff the plan does not describe.

Passes::

    staffing: {line: salaries, posts: [{id: director, title: {en: Director}, fte: 1}],
               changes: [{post: director, year: 2023, text: {en: New Director}}]}

Fails (no post 'head'; 2031 is outside 2021–2026)::

    staffing: {line: salaries, posts: [{id: director, title: {en: Director}, fte: 1}],
               changes: [{post: head, year: 2031, text: {en: New head}}]}
"""

from __future__ import annotations

from collections.abc import Iterator

from ..compute.totals import find_line
from ..present.numbers import money
from ..problems import Severity
from .base import Finding, PlanModels, Rule

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
                f"{staffing.line} total {money(paid)} but the staffing lists no posts",
                "list the posts the line pays, with their full-time equivalent",
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
                f"a change to post '{change.post}', which the staffing does not list",
                f"use one of: {', '.join(sorted(posts)) or '(no posts)'}",
                f"staffing/{change.post}",
            )
        if change.year not in years:
            yield Finding(
                "budget",
                (*STAFFING, "changes", index, "year"),
                f"a staffing change in {change.year}, outside the period {years[0]}–{years[-1]}",
                "name a year of the period",
                f"staffing/{change.post}/{change.year}",
            )


RULE = Rule(
    "staffing",
    "The staffing names posts for the salaries it pays, and its changes name listed posts within the period.",
    Severity.ERROR,
    check,
    __doc__ or "",
)
