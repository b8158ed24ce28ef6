"""Run the rules over a loaded plan, resolve their findings to file:line:column, and apply the waivers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .present.message import N_, Code, Message
from .present.numbers import ENGLISH
from .present.precision import shown_places
from .present.voice import Voice
from .problems import Problem, Severity, said, sort_problems
from .read.loader import LoadedPlan, load_plan
from .rules import RETIRED_RULES, RULES, PlanModels, Rule

if TYPE_CHECKING:
    from .read.source import Source
    from .rules.base import Finding

KIND_OF_DOCUMENT = {
    "budget": "ccm-plan/budget",
    "workplan": "ccm-plan/workplan",
    "contributions": "ccm-plan/contributions",
}


@dataclass
class CheckResult:
    """The problems of one or more plans, sorted, and the files that were read.

    The plans themselves are not kept: each is released once checked, so that checking many plans in one call
    (a pre-commit hook over a monorepo) needs the memory of the largest, not of all. `load_plan` and `check_plan`
    give a plan and its problems one at a time.
    """

    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def check_paths(
    paths: Sequence[Path | str], rules: Sequence[Rule] = RULES, *, skip_other_files: bool = False
) -> CheckResult:
    """Validate the plans at `paths` (folders, or plan files standing for their folder), each folder once.

    A file named in `paths` that is not a plan file (no `kind: ccm-plan/...` line: a workflow, a config) is
    reported (`plan-files`, an error: it was not checked), or, with `skip_other_files` (the pre-commit hook, which
    passes every YAML file of a commit), left out silently.
    """
    from .read.loader import is_plan_file, plan_folder
    from .read.source import display_path

    result = CheckResult()
    seen: set[Path] = set()
    for path in paths:
        given = Path(path)
        if given.is_file() and not is_plan_file(given):
            if not skip_other_files:
                result.problems.append(
                    said(
                        display_path(given),
                        1,
                        1,
                        Severity.ERROR,
                        "plan-files",
                        Message(N_("not a plan file (it has no `kind: ccm-plan/...` line), so it was not checked")),
                        Message(
                            N_(
                                "name a plan folder or plan file; a plan file starts with `kind: ccm-plan/budget` "
                                "or `kind: ccm-plan/workplan`"
                            )
                        ),
                    )
                )
                result.files.append(display_path(given))
            continue
        folder = plan_folder(given).resolve()
        if folder in seen:
            continue
        seen.add(folder)
        plan = load_plan(path)
        result.problems.extend(check_plan(plan, rules))
        result.files.extend(plan.files)
        del plan  # released before the next plan is read
    result.problems = sort_problems(result.problems)
    return result


def check_plan(plan: LoadedPlan, rules: Sequence[Rule] = RULES) -> list[Problem]:
    """All problems of one plan: reading and shape first; the rules only when the models could be built."""
    problems = list(plan.problems)
    if not plan.is_usable:
        return problems
    models = PlanModels(plan.budget, plan.workplan, tuple(plan.actuals), plan.contributions)
    found: list[Problem] = []
    voices: dict[bool, Voice] = {}  # the English voice of the plan's budget, and of its adoption reports
    for rule in rules:
        for finding in rule.check(models):
            if finding.document == "actuals":
                source = plan.actuals_sources[finding.item]
            else:
                source = plan.source(KIND_OF_DOCUMENT[finding.document])
            adoption = finding.document in ("actuals", "contributions")
            english = voices.get(adoption)
            if english is None:  # once a plan, and only when a rule finds something
                english = voices[adoption] = Voice(ENGLISH, _places(plan, adoption))
            found.append(to_problem(source, rule, finding, english))
    reading = [problem for problem in problems if problem.rule in WAIVABLE_READING]
    checked = apply_waivers(plan, [*reading, *found])
    waived = iter(checked[: len(reading)])  # in their places among the reading problems
    problems = [next(waived) if problem.rule in WAIVABLE_READING else problem for problem in problems]
    return problems + checked[len(reading) :]


def _places(plan: LoadedPlan, adoption: bool) -> int:
    """The money precision a finding's figures are shown at: the budget's (`present.precision`); for a finding
    in an actuals or contributions file, the precision that also shows their amounts (an actual of 28,950.40 in
    a plan of whole units reads 28,950.40), as `execution` and `contributions` show them."""
    places = shown_places(plan.budget)
    if not adoption:
        return places
    from .compute.execution import ConversionError, adoption_amounts, recorded_amounts
    from .present.precision import finest_places, money_places

    budget = plan.budget
    try:
        amounts = adoption_amounts(plan.actuals, plan.contributions, budget.currency)
    except ConversionError:  # an entry without its rate: rule contribution-entries says so; the actuals decide
        amounts = adoption_amounts(plan.actuals, None, budget.currency)
    places = max(places, money_places(budget.currency, amounts, budget.decimals))
    return finest_places(recorded_amounts(plan.actuals, plan.contributions, budget.currency), places)


def to_problem(source: Source, rule: Rule, finding: Finding, english: Voice) -> Problem:
    """A rule's finding located in its file; its messages made English (`message`, `hint`, by `english`: a voice
    with the plan's money precision) and kept as values (`said`, `advice`, with that precision) for an output in
    another language."""
    problem = source.problem(
        finding.path,
        rule.id,
        english.say(finding.message),
        english.say(finding.hint),
        key=finding.key,
        severity=finding.severity or rule.severity,
        subject=finding.subject,
    )
    return replace(problem, said=finding.message, advice=finding.hint, places=english.places)


WAIVABLE_READING = frozenset({"hidden-character"})
"""The findings made while reading a plan that a waiver can accept (a warning about a text, named by where it is);
the others are errors in the files' form, which no waiver can make readable."""


def apply_waivers(plan: LoadedPlan, problems: Iterable[Problem]) -> list[Problem]:
    """Mark the findings the plan accepts; report each waiver that accepts nothing."""
    waivers = []
    for kind, source in plan.sources.items():
        model = {"ccm-plan/budget": plan.budget, "ccm-plan/workplan": plan.workplan}.get(kind)
        for index, waiver in enumerate(getattr(model, "waivers", []) or []):
            waivers.append((source, index, waiver))
    result = []
    used: set[int] = set()
    for problem in problems:
        for number, (_, _, waiver) in enumerate(waivers):
            if waiver.rule == problem.rule and waiver.subject == problem.subject:
                problem = problem.accept(waiver.reason)
                used.add(number)
                break
        result.append(problem)
    known = {rule.id for rule in RULES} | WAIVABLE_READING
    for number, (source, index, waiver) in enumerate(waivers):
        if number in used:
            continue
        why: Message
        if waiver.rule in RETIRED_RULES:
            why = Message(
                N_("rule {rule} is retired; its findings are now rule {new}'s"),
                rule=Code(waiver.rule),
                new=Code(RETIRED_RULES[waiver.rule]),
            )
        elif waiver.rule not in known:
            why = Message(N_("no such rule"))
        else:
            why = Message(
                N_("no {rule} finding is about '{subject}'"), rule=Code(waiver.rule), subject=Code(waiver.subject)
            )
        said = Message(N_("this waiver accepts nothing ({why})"), why=why)
        advice = Message(N_("remove the waiver, or correct its rule and subject to match a finding"))
        english = Voice(ENGLISH)
        problem = source.problem(
            ("waivers", index),
            "unused-waiver",
            english.say(said),
            english.say(advice),
            severity=Severity.WARNING,
            subject=f"{waiver.rule}/{waiver.subject}",
        )
        result.append(replace(problem, said=said, advice=advice))
    return result
