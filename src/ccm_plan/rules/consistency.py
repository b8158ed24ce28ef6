"""consistency: the plan's files agree with each other and with themselves.

- The work plan and the budget state the same period, currency and languages.
- Ids are unique within each file (lines, notes, in-kind items, posts; every item of the work plan), and
  priority-area numbers are unique. The rates' ids are unique among the rates (a rate is often named after its
  line: `{id: social-security, line: social-security}`): a waiver and `totals` name a rate by its id.
- Every priority area has at least one activity.
- Every reference names something that exists: the lines a note explains, the lines the parameters use.
- Every text has exactly the plan's languages: a missing translation is a finding, at the text.
- A recorded correction quotes a fragment that really is in the text it corrects.

Passes::

    languages: [zh, en]
    name: {zh: 差旅, en: Travel}

Fails (the English is missing)::

    languages: [zh, en]
    name: {zh: 差旅}
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from ..model.plan import Budget, Correction, Workplan
from ..present.message import N_, Code, Count, Message, Value
from ..problems import Severity
from .base import Document, Finding, PlanModels, Rule, ids, period

KeyPath = tuple[str | int, ...]


def check(plan: PlanModels) -> Iterator[Finding]:
    budget, workplan = plan.budget, plan.workplan
    yield from _references(budget)
    yield from _unique_ids("budget", _budget_ids(budget))
    rates = budget.parameters.rates
    yield from _unique_ids("budget", ((("parameters", "rates", i, "id"), rate.id) for i, rate in enumerate(rates)))
    yield from _texts("budget", budget, budget.languages)
    if workplan is None:
        return
    yield from _agreement(budget, workplan)
    yield from _unique_ids("workplan", _workplan_ids(workplan))
    seen: dict[int, int] = {}
    for index, area in enumerate(workplan.priorities.areas):
        path: KeyPath = ("priorities", "areas", index)
        if area.number in seen:
            yield Finding(
                "workplan",
                (*path, "number"),
                Message(
                    N_("area number {number} is used twice (also by area {other} in the list)"),
                    number=Code(str(area.number)),
                    other=Count(seen[area.number] + 1),
                ),
                Message(N_("number the areas 1, 2, 3, …")),
                f"{area.id}/number",
            )
        seen.setdefault(area.number, index)
        if not area.activities:
            yield Finding(
                "workplan",
                (*path, "activities"),
                Message(N_("priority area '{area}' has no activities"), area=Code(area.id)),
                Message(N_("list the activities the unit will carry out in this area")),
                f"{area.id}/activities",
                key=True,
            )
    yield from _texts("workplan", workplan, workplan.languages)


# Translators: each is said of the work plan and the budget when they disagree.
_AGREEMENT = {
    "period": (
        N_("the work plan's period is {ours} but the budget's is {theirs}"),
        N_("state the same period in both files"),
    ),
    "currency": (
        N_("the work plan's currency is {ours} but the budget's is {theirs}"),
        N_("state the same currency in both files"),
    ),
    "languages": (
        N_("the work plan's languages are {ours} but the budget's are {theirs}"),
        N_("state the same languages in both files"),
    ),
}


def _agreement(budget: Budget, workplan: Workplan) -> Iterator[Finding]:
    pairs: tuple[tuple[str, Value, Value, bool], ...] = (
        ("period", _period(workplan), _period(budget), workplan.period == budget.period),
        ("currency", Code(workplan.currency), Code(budget.currency), workplan.currency == budget.currency),
        ("languages", ids(workplan.languages), ids(budget.languages), workplan.languages == budget.languages),
    )
    for name, ours, theirs, same in pairs:
        if not same:
            said, hint = _AGREEMENT[name]
            yield Finding("workplan", (name,), Message(said, ours=ours, theirs=theirs), Message(hint), f"{name}")


def _period(document: Budget | Workplan) -> Message:
    return period(document.period.start, document.period.end)


def _references(budget: Budget) -> Iterator[Finding]:
    lines = {line.id for line in budget.lines}
    hint = Message(N_("use one of the budget's line ids: {ids}"), ids=ids(line.id for line in budget.lines))
    for index, note in enumerate(budget.notes):
        for target_index, target in enumerate(note.explains):
            if target.line not in lines:
                yield Finding(
                    "budget",
                    ("notes", index, "explains", target_index, "line"),
                    Message(
                        N_("note {note} explains line '{line}', which the budget does not have"),
                        note=Code(str(note.number)),
                        line=Code(target.line),
                    ),
                    hint,
                    f"{note.id}/{target.line}",
                )
        if note.scope == "lines" and not note.explains:
            yield Finding(
                "budget",
                ("notes", index),
                Message(N_("note {note} explains no line"), note=Code(str(note.number))),
                Message(
                    N_("add `explains: [{example}]`, or `scope: budget` for a note on the budget as a whole"),
                    example=Code("{line: ..., years: [...]}"),
                ),
                f"{note.id}/explains",
            )
    parameters = budget.parameters
    used: list[tuple[KeyPath, str]] = []
    for index, rate in enumerate(parameters.rates):
        used.append((("rates", index, "line"), rate.line))
        used += [(("rates", index, "base", number), line_id) for number, line_id in enumerate(rate.base)]
    for index, travel in enumerate(parameters.travel):
        used.append((("travel", index, "line"), travel.line))
    for index, indexation in enumerate(parameters.indexation):
        used.append((("indexation", index, "line"), indexation.line))
    if parameters.staffing is not None:
        used.append((("staffing", "line"), parameters.staffing.line))
    for path, line_id in used:
        if line_id not in lines:
            yield Finding(
                "budget",
                ("parameters", *path),
                Message(
                    N_("{key} names line '{line}', which the budget does not have"),
                    key=Code("parameters." + ".".join(map(str, path))),
                    line=Code(line_id),
                ),
                hint,
                f"parameters/{line_id}",
            )


def _budget_ids(budget: Budget) -> Iterator[tuple[KeyPath, str]]:
    for collection in ("lines", "in_kind", "notes"):
        for index, item in enumerate(getattr(budget, collection)):
            yield (collection, index, "id"), item.id
    if budget.parameters.staffing is not None:
        for index, post in enumerate(budget.parameters.staffing.posts):
            yield ("parameters", "staffing", "posts", index, "id"), post.id


def _workplan_ids(workplan: Workplan) -> Iterator[tuple[KeyPath, str]]:
    lists: list[tuple[KeyPath, Iterable[Any]]] = [
        (("summary", "specific_objectives"), workplan.summary.specific_objectives),
        (("summary", "expected_outcomes"), workplan.summary.expected_outcomes),
        (("mandate", "items"), workplan.mandate.items),
        (("priorities", "areas"), workplan.priorities.areas),
        (("expected_results",), workplan.expected_results),
        (("assumptions",), workplan.assumptions),
    ]
    for path, items in lists:
        for index, item in enumerate(items):
            yield (*path, index, "id"), item.id
    for index, area in enumerate(workplan.priorities.areas):
        for activity_index, activity in enumerate(area.activities):
            yield ("priorities", "areas", index, "activities", activity_index, "id"), activity.id


def _unique_ids(document: Document, ids: Iterable[tuple[KeyPath, str]]) -> Iterator[Finding]:
    first: dict[str, KeyPath] = {}
    for path, item_id in ids:
        if item_id in first:
            yield Finding(
                document,
                path,
                Message(N_("id '{id}' is used twice in this file"), id=Code(item_id)),
                Message(N_("give every item its own id; diff and waivers find items by id")),
                f"id/{item_id}",
            )
        else:
            first[item_id] = path


def _texts(document: Document, model: BaseModel, languages: list[str]) -> Iterator[Finding]:
    """Walk every text of a model: each has exactly the plan's languages; corrections quote their text.

    Only what can hold a text is visited (models, lists, mappings), and a text with exactly the plan's languages
    costs one comparison: a work plan of 5,000 activities has some 50,000 values."""
    containers = (BaseModel, list, dict)
    expected = set(languages)
    stack: list[tuple[KeyPath, Any]] = [((), model)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, BaseModel):
            if isinstance(value, Correction):
                continue  # a correction's `reading` names only the corrected languages; its reason is checked below
            fields = _fields(type(value))
            for name in fields:
                item = getattr(value, name)
                if isinstance(item, containers):
                    stack.append(((*path, name), item))
            if "corrections" in fields and value.corrections:  # type: ignore[attr-defined]
                yield from _corrections(document, path, value, value.corrections, languages, model)  # type: ignore[attr-defined]
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value) if isinstance(item, containers))
        elif value.keys() == expected and all(isinstance(v, str) for v in value.values()):
            continue  # a text with exactly the plan's languages: nothing to say
        elif value and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            yield from _languages(document, path, value, languages, model)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _fields(model: type[BaseModel]) -> tuple[str, ...]:
    """A model class's field names, looked up once per class."""
    names = _FIELD_NAMES.get(model)
    if names is None:
        names = _FIELD_NAMES[model] = tuple(model.model_fields)
    return names


def _shown_path(root: BaseModel, path: KeyPath) -> str:
    """A key path as a message names it: a list item by its id when it has one (`lines[travel].name`), else by
    its position counted from 1 (`legs[#2]`), never by Python's 0-based index. Worked out only for a finding."""
    shown = ""
    current: Any = root
    for part in path:
        if isinstance(part, int):
            current = current[part]
            item_id = getattr(current, "id", None)
            shown += f"[{item_id}]" if isinstance(item_id, str) else f"[#{part + 1}]"
        else:
            current = getattr(current, part) if isinstance(current, BaseModel) else current[part]
            shown += f".{part}" if shown else part
    return shown


def _languages(
    document: Document, path: KeyPath, text: dict[str, str], languages: list[str], root: BaseModel
) -> Iterator[Finding]:
    subject = ".".join(str(part) for part in path)  # what a waiver names: kept as it was
    if all(language in text for language in languages) and all(language in languages for language in text):
        return
    where = _shown_path(root, path)
    for language in languages:
        if language not in text:
            yield Finding(
                document,
                path,
                Message(N_("{where} has no {language} text"), where=Code(where), language=Code(language)),
                Message(N_("add the {language} translation"), language=Code(language)),
                f"{subject}/{language}",
                key=True,
            )
    for language in text:
        if language not in languages:
            yield Finding(
                document,
                (*path, language),
                Message(
                    N_("{where} has {language} text, which is not among the plan's languages ({languages})"),
                    where=Code(where),
                    language=Code(language),
                    languages=ids(languages),
                ),
                Message(N_("remove it, or add {language} to `languages`"), language=Code(language)),
                f"{subject}/{language}",
                key=True,
            )


def _corrections(
    document: Document,
    path: KeyPath,
    item: BaseModel,
    corrections: list[Correction],
    languages: list[str],
    root: BaseModel,
) -> Iterator[Finding]:
    for index, correction in enumerate(corrections):
        here: KeyPath = (*path, "corrections", index)
        yield from _languages(document, (*here, "reason"), correction.reason, languages, root)
        text = getattr(item, correction.field, None)
        if not isinstance(text, dict):
            yield Finding(
                document,
                (*here, "field"),
                Message(
                    N_("a correction of '{field}', which this item does not have as a text"),
                    field=Code(correction.field),
                ),
                Message(N_("name a text field of this item")),
                f"correction/{index}",
            )
        elif correction.seed not in text.get(correction.lang, ""):
            yield Finding(
                document,
                (*here, "seed"),
                Message(
                    N_("the corrected fragment is not in the item's {field} ({language})"),
                    field=Code(correction.field),
                    language=Code(correction.lang),
                ),
                Message(N_("quote the fragment exactly as the text has it")),
                f"correction/{index}",
            )


RULE = Rule(
    "consistency",
    "The files agree on period, currency and languages; ids are unique; references "
    "resolve; every text has every language.",
    Severity.ERROR,
    check,
    __doc__ or "",
)
