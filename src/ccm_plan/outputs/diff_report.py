"""A `PlanDiff` → text for the terminal, JSON for programs, Markdown for a pull-request comment.

Each renderer takes the diff and a `present.voice.Voice` (the language asked; English when None) and returns the
whole output as a string; the CLI prints it. FORMATS is the registry that also defines the `--format` choices of
`ccm-plan diff`. Every figure and word goes through the voice: money at the plan's precision (the finer of the
two revisions'), one precision per column, two figures that differ never reading alike (`495,057.120 →
495,057.121`), a non-zero change never reading as zero (`+0.0003%`), years and ids as written.

JSON shape (`version` 2). Keys are English; `language` is the language of `name` and `message`. Every amount is
a decimal string (`present.numbers.canonical_amount`): `"469686.50"` in a plan with cents, `"469686"` in a
whole-unit plan, with more decimals where an old and a new figure differ below the plan's precision
(`"495057.120"`, `"495057.121"`). Every percentage is a decimal string with two decimals or more
(`canonical_percent`: `"1.53"`, `"0.0003"`), null where it is undefined (old is 0 or absent). Never a float.
`old`/`new` are null where a revision lacks the line or year. A parameter, stated total or other value that
changed is written by what the plan's model says it is: an amount or a percentage as a decimal string (exact,
as the plan states it), a year or a count as a JSON integer, a text as {language: text}. When the currency
changed (old.currency differs from new.currency) no difference is computed (null); the headline and the gates
say so. Version 2 made every amount and percentage a string (version 1 wrote whole amounts as integers and
percentages as floats) and added `language`, `decimals` and each gate's `message_id`::

    {
      "version": 2, "language": "en", "decimals": 0,
      "old": {"label": "HEAD~1:data", "revision": "<commit id or null>", "currency": "CHF",
              "languages": ["zh", "en"], "problems": [{"file", "line", "column", "rule", "message"}, ...]},
      "new": {... the same ...},
      "differences": true,          # anything differs (budget, parameters, stated totals, texts, other)
      "complete": true,             # every document was compared
      "not_compared": [{"document": "workplan", "unreadable": ["old"]}],
      "budget": null | {
        "currency": "CHF", "years": [2021, ...],
        "total": {"old": "2940552", "new": "2990552", "difference": "50000", "percent": "1.70"},
        "year_totals": [{"year", "old", "new", "difference", "percent"}, ...],  # every year of both periods
        "cells": [{"line", "name", "year", "old", "new", "difference", "percent"}, ...],  # changed only
        "lines": [{"line", "status": "added|removed", "name": {lang: text}, "cost_type", "total",
                   "note": {lang: text} | null}, ...]
      },
      "parameters": [{"document", "path", "status": "added|removed|changed", "old", "new"}, ...],
      "stated": [... the same, for stated totals (totals.years.2023, totals.plan, summary.budget) ...],
      "texts": [{"document", "section", "item", "field", "lang", "status": "added|removed|reworded",
                 "old", "new", "context"}, ...],
      "other": [... as parameters, for everything else ...],
      "adoption": null | {... actuals and contributions: see outputs/diff_adoption.py ...},
      "gates": [{"option": "--fail-above", "limit": "20000", "failed": true|false|null, "warns": true|false,
                 "message", "message_id"}, ...]   # warns: a --warn-above(-pct) gate's limit was exceeded (exit 0)
    }
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from ..diff.compare import BudgetDiff, FieldChange, Figure, Gate, NotCompared, PlanDiff, TextChange
from ..diff.values import Kind
from ..present.message import N_, Code, Count, Listing, Message, Money, Name, SignedMoney, SignedPercent, Term, Value
from ..present.numbers import ENGLISH, canonical_amount, canonical_percent, exact_places
from ..present.rounding import places_to_show, places_to_tell_apart
from ..present.voice import Voice
from ..read.characters import visible
from . import diff_adoption
from .report import severity_word

JSON_VERSION = 2
NONE = "—"
PERCENT_PLACES = 1
CANONICAL_PERCENT_PLACES = 2

SECTIONS = {
    "document": N_("Document"),
    "summary": N_("Summary"),
    "specific_objectives": N_("Specific objective"),
    "expected_outcomes": N_("Expected outcome"),
    "mandate": N_("Mandate"),
    "mandate_items": N_("Mandate item"),
    "introduction": N_("Introduction paragraph"),
    "priority_areas": N_("Priority area"),
    "activities": N_("Activity"),
    "expected_results": N_("Expected result"),
    "assumptions": N_("Assumption"),
    "budget": N_("Budget"),
    "lines": N_("Budget line"),
    "budget_notes": N_("Budget note"),
    "in_kind": N_("In-kind item"),
}
"""How each section of texts is named for people (the JSON keeps the keys)."""

STATUSES = {
    "added": N_("added"),
    "removed": N_("removed"),
    "reworded": N_("reworded"),
    "changed": N_("changed"),
}
"""A text's, a line's or a value's change, for people (the JSON keeps the keys)."""

GATE_WORDS = {
    "warning": N_("warning"),
    "cannot apply": N_("cannot apply"),
    "failed": N_("failed"),
    "passed": N_("passed"),
}
GATE_HEADINGS = {
    "warning": N_("Budget gate warning"),
    "cannot apply": N_("Budget gate cannot apply"),
    "failed": N_("Budget gate failed"),
    "passed": N_("Budget gate passed"),
}

YEARS_TOTALS = (
    N_("One-year total"),
    N_("Two-year total"),
    N_("Three-year total"),
    N_("Four-year total"),
    N_("Five-year total"),
    N_("Six-year total"),
    N_("Seven-year total"),
    N_("Eight-year total"),
    N_("Nine-year total"),
    N_("Ten-year total"),
    N_("Eleven-year total"),
    N_("Twelve-year total"),
)
"""The total over a plan's years, as the plan's documents name it (a longer plan: `{count}-year total`)."""

SIDES = {"old": N_("old"), "new": N_("new")}

_NAMED_BY_KEY = {"document", "summary", "mandate", "budget", "introduction"}


# ----------------------------------------------------------------------------------------------------- shared


def voice_for(result: PlanDiff, voice: Voice | None = None) -> Voice:
    """The voice to show `result` with: the language asked (English when None), money at the diff's precision."""
    return (voice or Voice(ENGLISH)).at(result.budget.places if result.budget is not None else 0)


def headline_message(result: PlanDiff) -> Message:
    """One sentence on the money, as a message: 'Six-year total CHF 2,940,552 → 2,990,552 (+50,000, +1.7%).'"""
    budget = result.budget
    if budget is None:
        return Message(N_("The budget was not compared: {why}."), why=_unreadable_sides(result, "budget"))
    total = budget.total
    if not budget.changed:
        return Message(N_("No change to the budget."))
    old, new = total.old or Decimal(0), total.new or Decimal(0)
    label = _total_label(budget)
    if budget.old_currency != budget.currency:
        return Message(
            N_("{label} {old_currency} {old} → {currency} {new} (the currency changed, so no difference is computed)."),
            label=label,
            old_currency=Code(budget.old_currency),
            old=Money(old),
            currency=Code(budget.currency),
            new=Money(new),
        )
    currency = Code(budget.currency)
    if total.difference == 0:
        count = len(budget.cells)
        figures = Message(
            N_("{count} figure changed") if count == 1 else N_("{count} figures changed"), count=Count(count)
        )
        return Message(
            N_("{label} {currency} {amount} unchanged ({figures})."),
            label=label,
            currency=currency,
            amount=Money(old),
            figures=figures,
        )
    args: dict[str, Value] = {
        "label": label,
        "currency": currency,
        "old": Money(old, versus=new),
        "new": Money(new, versus=old),
        "change": SignedMoney(total.difference or Decimal(0)),
    }
    if total.percent is None:
        return Message(N_("{label} {currency} {old} → {new} ({change})."), **args)
    return Message(
        N_("{label} {currency} {old} → {new} ({change}, {percent})."), **args, percent=SignedPercent(total.percent)
    )


def headline(result: PlanDiff, voice: Voice | None = None) -> str:
    """The headline (`headline_message`) as text in the voice's language (English when None)."""
    return voice_for(result, voice).say(headline_message(result))


def _total_label(budget: BudgetDiff) -> Message:
    before, after = budget.period_years
    if len(before) != len(after) or not after:
        return Message(N_("Plan total"))
    count = len(after)
    if count <= len(YEARS_TOTALS):
        return Message(YEARS_TOTALS[count - 1])
    # Translators: the total over all the plan's years, more than twelve ("15-year total")
    return Message(N_("{count}-year total"), count=Count(count))


def _unreadable_sides(result: PlanDiff, document: str) -> Message:
    for entry in result.not_compared:
        if entry.document == document:
            labels = [result.old.label if side == "old" else result.new.label for side in entry.unreadable]
            if labels:
                return Message(
                    N_("{revisions} could not be read"), revisions=Listing(tuple(map(Code, labels)), N_(" and "))
                )
    return Message(N_("it could not be read"))


def _name(voice: Voice, texts: Any, languages: tuple[str, ...], fallback: str) -> str:
    return voice.value(Name(texts or {}, languages, fallback))


def _languages(result: PlanDiff) -> tuple[str, ...]:
    return result.new.languages or result.old.languages


def _status(changes: Sequence[TextChange]) -> str:
    statuses = {change.status for change in changes}
    return statuses.pop() if len(statuses) == 1 else "changed"


def _text_groups(texts: Iterable[TextChange]) -> list[list[TextChange]]:
    """Changes of the same text (one item's one field), together, in order."""
    groups: dict[tuple[str, str, str, str], list[TextChange]] = {}
    for change in texts:
        groups.setdefault((change.document, change.section, change.item, change.field), []).append(change)
    return list(groups.values())


def _group_heading(group: Sequence[TextChange], code: Callable[[str], str], voice: Voice) -> str:
    first = group[0]
    label = voice._(SECTIONS[first.section]) if first.section in SECTIONS else first.section
    if first.section in _NAMED_BY_KEY:
        title = f"{label}: {first.item.replace('_', ' ')}"
    else:
        title = f"{label} {code(first.item)}"
    if first.section == "activities" and first.context:
        title = voice._("{activity} (area {area})", activity=title, area=code(first.context))
    if first.field != "text":
        title = f"{title}, {first.field.replace('_', ' ')}"
    return f"{title}: {voice._(STATUSES[_status(group)])}"


def _by_category(result: PlanDiff, category: str) -> list[FieldChange]:
    return [change for change in result.fields if change.category == category]


def _width(text: str) -> int:
    # a wide (CJK) character takes two columns; a format character (the left-to-right mark before an Arabic
    # locale's sign) none
    return sum(
        0 if unicodedata.category(char) == "Cf" else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def _columns(rows: Sequence[Sequence[str]], right: Sequence[bool], indent: str = "  ") -> list[str]:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - _width(cell))
            cells.append(pad + cell if right[i] else cell + pad)
        out.append((indent + "  ".join(cells)).rstrip())
    return out


class Columns:
    """One precision for each column of money in a table: the plan's, or more when a figure of the column needs
    it: a change that would read as zero, an old and a new figure that would read alike (`495,057.120 →
    495,057.121` puts the whole column at three decimals). A percentage has one decimal, or the digits that
    show a non-zero change (`+0.0003%`), figure by figure, as `totals` shows them."""

    def __init__(self, figures: Sequence[Figure], places: int) -> None:
        amounts, changes, shares = places, places, PERCENT_PLACES
        for figure in figures:
            if figure.old is not None and figure.new is not None:
                amounts = max(amounts, places_to_tell_apart(figure.old, figure.new, places))
            for value in (figure.old, figure.new):
                if value is not None:
                    amounts = max(amounts, places_to_show(value, places))
            if figure.difference is not None:
                changes = max(changes, places_to_show(figure.difference, places))
        self.amounts, self.changes, self.shares = amounts, changes, shares

    def amount(self, voice: Voice, value: Decimal | None) -> str:
        return NONE if value is None else voice.money(value, self.amounts)

    def change(self, voice: Voice, figure: Figure) -> str:
        """The change, signed; a dash for figures in two currencies (never subtracted)."""
        return NONE if figure.difference is None else voice.signed_money(figure.difference, self.changes)

    def share(self, voice: Voice, figure: Figure) -> str:
        if figure.difference == 0:
            return ""
        return NONE if figure.percent is None else voice.signed_percent(figure.percent, self.shares)


def _show(value: Any, voice: Voice, kind: Kind, part: Callable[[str | int], Kind], places: int, limit: int = 80) -> str:
    """A parameter or other value in a few words, by what it is (`kind`, from the plan's model): an amount at
    `places`, a percentage as the plan states it, a year or an id as written, a text in the language asked;
    `part(key)` says what an entry of a mapping is."""
    if value is None:
        return NONE
    if isinstance(value, bool):
        return voice._("yes") if value else voice._("no")
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
        if kind == "money":
            return voice.money(number, max(places, exact_places(number)))
        if kind == "percent":
            return voice.percent(number, None)
        if kind == "count" and isinstance(value, int):
            return voice.count(value)
        if kind == "number":
            return voice.numbers.number(number, exact_places(number))
        return str(value)  # a year, a number as written: never money (period.end: 2030 → 2031)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        if kind == "text" or (value and all(isinstance(v, str) for v in value.values())):
            text = voice.value(Name(value))
        else:
            text = voice._(", ").join(
                f"{key}: {_show(item, voice, part(key), _never, places, limit)}" for key, item in value.items()
            )
    elif isinstance(value, list):
        text = "[" + voice._(", ").join(_show(item, voice, "other", _never, places, limit) for item in value) + "]"
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _never(key: str | int) -> Kind:
    return "other"


def _field_values(change: FieldChange, voice: Voice) -> tuple[str, str]:
    """A changed value's old and new, shown by what it is; two amounts that differ read differently."""
    places = voice.places
    kind = change.kind
    if kind == "money" and isinstance(change.old, (int, Decimal)) and isinstance(change.new, (int, Decimal)):
        old, new = Decimal(change.old), Decimal(change.new)  # both at one precision, each exact as the plan states it
        places = max(places_to_tell_apart(old, new, places), exact_places(old), exact_places(new))

    def part(key: str | int) -> Kind:
        return change.kind_of(key)

    return (_show(change.old, voice, kind, part, places), _show(change.new, voice, kind, part, places))


def _gate_word(gate: Gate) -> str:
    if gate.warns:
        return "warning"
    return "cannot apply" if gate.failed is None else "failed" if gate.failed else "passed"


def gate_text(gate: Gate, voice: Voice) -> str:
    """A gate's message in the voice's language."""
    return voice.say(gate.message)


def not_compared_line(result: PlanDiff, entry: NotCompared, voice: Voice) -> str:
    """`the work plan was not compared: old could not be read`, for the terminal's error stream."""
    return voice._(
        "the {document} was not compared: {why}",
        document=_document_word(entry.document, voice),
        why=_unreadable_sides(result, entry.document),
    )


def _document_word(document: str, voice: Voice) -> str:
    return voice._("work plan") if document == "workplan" else voice._("budget")


# ------------------------------------------------------------------------------------------------------- text


def render_text(result: PlanDiff, voice: Voice | None = None) -> str:
    voice = voice_for(result, voice)
    languages = _languages(result)
    out = [
        voice._("Comparing {old} → {new}", old=Code(result.old.label), new=Code(result.new.label)),
        "",
        voice.say(headline_message(result)),
    ]
    budget = result.budget
    if budget is not None and budget.changed and budget.comparable:
        currency = Code(budget.currency)
        out += ["", voice._("Budget figures that changed ({currency}):", currency=currency)]
        columns = Columns([cell.figure for cell in budget.cells], budget.places)
        rows = [[voice._("Line"), voice._("Year"), voice._("Old"), voice._("New"), voice._("Change"), "%"]]
        rows += [
            [
                _name(voice, budget.names.get(cell.line), languages, cell.line),
                str(cell.year),
                columns.amount(voice, cell.figure.old),
                columns.amount(voice, cell.figure.new),
                columns.change(voice, cell.figure),
                columns.share(voice, cell.figure),
            ]
            for cell in budget.cells
        ]
        out += _columns(rows, [False, True, True, True, True, True])
        out += ["", voice._("Totals, recomputed from the lines ({currency}):", currency=currency)]
        figures = [entry.figure for entry in budget.year_totals] + [budget.total]
        columns = Columns(figures, budget.places)
        rows = [[voice._("Year"), voice._("Old"), voice._("New"), voice._("Change"), "%"]]
        labels = [str(entry.year) for entry in budget.year_totals] + [voice._("Total")]
        for label, figure in zip(labels, figures, strict=True):
            rows.append(
                [
                    label,
                    columns.amount(voice, figure.old),
                    columns.amount(voice, figure.new),
                    columns.change(voice, figure),
                    columns.share(voice, figure),
                ]
            )
        out += _columns(rows, [False, True, True, True, True])
        for status, title in (("added", N_("Lines added:")), ("removed", N_("Lines removed:"))):
            lines = [line for line in budget.lines if line.status == status]
            if lines:
                out += ["", voice._(title)]
                for line in lines:
                    sign = "+" if status == "added" else "-"
                    name = _name(voice, line.name, languages, line.line)
                    over = voice._("{currency} {amount} over the plan", currency=currency, amount=Money(line.total))
                    out.append(f"  {sign} {name} ({line.line}, {line.cost_type}): {over}")
    for category, title in (("parameter", N_("Parameters changed:")), ("stated", N_("Stated totals changed:"))):
        changes = _by_category(result, category)
        if changes:
            out += ["", voice._(title)]
            out += [_field_line(change, voice) for change in changes]
    if result.texts:
        out += ["", voice._("Texts changed:")]
        for group in _text_groups(result.texts):
            out.append("  " + _group_heading(group, str, voice))
            for change in group:
                out += _text_lines(change, "    ")
    other = _by_category(result, "other")
    if other:
        out += ["", voice._("Other changes:")]
        out += [_field_line(change, voice) for change in other]
    out += diff_adoption.text_lines(result.adoption, voice)
    out += _not_compared_text(result, voice)
    if result.gates:
        out += ["", voice._("Budget gates:")]
        out += [
            "  "
            + voice._(
                "{outcome}: {message}", outcome=Term(GATE_WORDS[_gate_word(gate)]), message=gate_text(gate, voice)
            )
            for gate in result.gates
        ]
    if not result.has_differences:
        out += ["", _no_differences(result, voice)]
    return visible("\n".join(out) + "\n")


def _no_differences(result: PlanDiff, voice: Voice) -> str:
    return voice._("No differences.") if result.complete else voice._("No differences in what could be compared.")


def _field_line(change: FieldChange, voice: Voice) -> str:
    old, new = _field_values(change, voice)
    return f"  {change.document} {change.path}: {old} → {new}"


def _text_lines(change: TextChange, indent: str) -> list[str]:
    out = []
    if change.old is not None:
        out += [f"{indent}[{change.lang}] − {line}" for line in _lines(change.old)]
    if change.new is not None:
        out += [f"{indent}[{change.lang}] + {line}" for line in _lines(change.new)]
    return out


def _lines(text: str) -> list[str]:
    """A text's lines, split at line feeds only: a line separator (U+2028) or a form feed inside a text is a
    character of it, shown by `visible`, not a line of the diff."""
    return text.rstrip("\n").split("\n")


def _not_compared_text(result: PlanDiff, voice: Voice) -> list[str]:
    out = []
    for entry in result.not_compared:
        heading = voice._(
            "Not compared: the {document}; {why}:",
            document=_document_word(entry.document, voice),
            why=_unreadable_sides(result, entry.document),
        )
        out += ["", heading]
        for side in entry.unreadable:
            revision = result.old if side == "old" else result.new
            out += [f"  {p.location}: {severity_word(p, voice)} [{p.rule}] {p.text(voice)}" for p in revision.problems]
    return out


# ------------------------------------------------------------------------------------------------------- JSON


def _exact(value: Decimal) -> str:
    return format(value, "f")


def _plain(
    value: Any, places: int, kind: Kind = "other", part: Callable[[str | int], Kind] = lambda key: "other"
) -> Any:
    """Exact JSON values, by what they are: an amount as a canonical decimal string at the plan's precision or
    finer when the plan states it finer, a percentage (or any other decimal) as a decimal string as the plan
    states it, a year or a count as an integer, dates as ISO text."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, Decimal)) and kind in ("money", "percent", "number"):
        number = Decimal(value)
        if kind == "money":
            return _json_amount(number, places)
        if kind == "percent":
            return canonical_percent(number, max(CANONICAL_PERCENT_PLACES, exact_places(number)))
        return _exact(number)
    if isinstance(value, Decimal):
        return _exact(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _plain(item, places, part(key)) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item, places) for item in value]
    return value


def _json_amount(value: Decimal | None, places: int) -> str | None:
    """An amount for JSON: canonical at the plan's precision, with every decimal it has beyond it (exact: two
    figures that differ never read alike, a difference of 0.001 stays 0.001)."""
    return None if value is None else canonical_amount(value, max(places, exact_places(value)))


def _figure(figure: Figure, places: int) -> dict[str, Any]:
    return {
        "old": _json_amount(figure.old, places),
        "new": _json_amount(figure.new, places),
        "difference": _json_amount(figure.difference, places),
        "percent": canonical_percent(figure.percent) if figure.percent is not None else None,
    }


def _field(change: FieldChange, places: int) -> dict[str, Any]:
    kind = change.kind

    def part(key: str | int) -> Kind:
        return change.kind_of(key)

    old, new = _plain(change.old, places, kind, part), _plain(change.new, places, kind, part)
    return {"document": change.document, "path": change.path, "status": change.status, "old": old, "new": new}


def _gate_limit(gate: Gate) -> str:
    if gate.option.endswith("-pct"):
        return canonical_percent(gate.limit, max(CANONICAL_PERCENT_PLACES, exact_places(gate.limit)))
    return canonical_amount(gate.limit, exact_places(gate.limit))


def render_json(result: PlanDiff, voice: Voice | None = None) -> str:
    voice = voice_for(result, voice)
    languages = _languages(result)
    budget = result.budget
    places = voice.places
    document: dict[str, Any] = {
        "version": JSON_VERSION,
        "language": voice.language,
        "decimals": places,
        "old": _side(result, "old", voice),
        "new": _side(result, "new", voice),
        "differences": result.has_differences,
        "complete": result.complete,
        "not_compared": [
            {"document": entry.document, "unreadable": list(entry.unreadable)} for entry in result.not_compared
        ],
        "budget": None
        if budget is None
        else {
            "currency": budget.currency,
            "years": list(budget.years),
            "total": _figure(budget.total, places),
            "year_totals": [{"year": entry.year, **_figure(entry.figure, places)} for entry in budget.year_totals],
            "cells": [
                {
                    "line": cell.line,
                    "name": _name(voice, budget.names.get(cell.line), languages, cell.line),
                    "year": cell.year,
                    **_figure(cell.figure, places),
                }
                for cell in budget.cells
            ],
            "lines": [
                {
                    "line": line.line,
                    "status": line.status,
                    "name": dict(line.name),
                    "cost_type": line.cost_type,
                    "total": _json_amount(line.total, places),
                    "note": dict(line.note) if line.note is not None else None,
                }
                for line in budget.lines
            ],
        },
        "parameters": [_field(change, places) for change in _by_category(result, "parameter")],
        "stated": [_field(change, places) for change in _by_category(result, "stated")],
        "texts": [
            {
                "document": change.document,
                "section": change.section,
                "item": change.item,
                "field": change.field,
                "lang": change.lang,
                "status": change.status,
                "old": change.old,
                "new": change.new,
                "context": change.context,
            }
            for change in result.texts
        ],
        "other": [_field(change, places) for change in _by_category(result, "other")],
        "adoption": diff_adoption.json_data(result.adoption),
        "gates": [
            {
                "option": gate.option,
                "limit": _gate_limit(gate),
                "failed": gate.failed,
                "warns": gate.warns,
                "message": gate_text(gate, voice),
                "message_id": gate.message.id,
            }
            for gate in result.gates
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _side(result: PlanDiff, side: str, voice: Voice) -> dict[str, Any]:
    revision = result.old if side == "old" else result.new
    return {
        "label": revision.label,
        "revision": revision.revision,
        "currency": revision.currency,
        "languages": list(revision.languages),
        "problems": [
            {"file": p.file, "line": p.line, "column": p.column, "rule": p.rule, "message": p.text(voice)}
            for p in revision.problems
        ],
    }


# --------------------------------------------------------------------------------------------------- Markdown

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


_BREAKS = re.compile(r"[ \t\r\n\f\v\x85\u2028\u2029]+")


def _one_line(text: str) -> str:
    """`text` on one line, runs of spaces and line breaks made one space; a no-break space stays (it holds a
    figure's groups together in French, `1 234,50`, and the figure to its `%` and currency)."""
    return _BREAKS.sub(" ", str(text)).strip()


def md(text: str) -> str:
    """Text safe inside a Markdown paragraph or table cell: specials escaped (`|` too), on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _one_line(text))


def code(text: str) -> str:
    """An inline code span that survives backticks in the text; `|` escaped, as GitHub needs in tables."""
    text = _one_line(text).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _fence(lines: Sequence[str]) -> str:
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    return "`" * max(3, longest + 1)


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render_markdown(result: PlanDiff, voice: Voice | None = None) -> str:
    voice = voice_for(result, voice)
    old, new = result.old, result.new
    commits = voice._(", ").join(
        voice._("{side} {commit}", side=Term(SIDES[side]), commit=code(revision.revision[:12]))
        for side, revision in (("old", old), ("new", new))
        if revision.revision is not None
    )
    if commits:
        plan = voice._("Plan {old} → {new} ({commits}).", old=code(old.label), new=code(new.label), commits=commits)
    else:
        plan = voice._("Plan {old} → {new}.", old=code(old.label), new=code(new.label))
    out = [f"**{md(voice.say(headline_message(result)))}**", "", plan]
    warnings = [gate for gate in result.gates if gate.warns]
    if warnings:  # a GitHub alert: a warning gate does not fail the check, so it must be seen
        out += ["", "> [!WARNING]"]
        out += [
            f"> {md(gate_text(gate, voice))}" + ("  " if n < len(warnings) - 1 else "")
            for n, gate in enumerate(warnings)
        ]
    if result.gates:
        out += [""]
        out += [
            "- "
            + voice._(
                "{outcome}: {message}",
                outcome="**" + voice._(GATE_HEADINGS[_gate_word(gate)]) + "**",
                message=md(gate_text(gate, voice)),
            )
            for gate in result.gates
        ]
    budget = result.budget
    if budget is not None and budget.changed and budget.comparable:
        out += _markdown_budget(budget, voice, _languages(result))
    parameters = _by_category(result, "parameter")
    if parameters:
        out += ["", "**" + voice._("Parameters") + "**", ""]
        out += [_row([voice._("Parameter"), voice._("Old"), voice._("New")]), _row(["---", "---", "---"])]
        out += [_markdown_field_row(change, voice) for change in parameters]
    out += diff_adoption.markdown_lines(result.adoption, voice)
    out += _markdown_not_compared(result, voice)
    if result.texts:
        counts: dict[str, int] = {}
        for group in _text_groups(result.texts):
            counts[_status(group)] = counts.get(_status(group), 0) + 1
        summary = voice._(", ").join(
            voice._("{count} {status}", count=Count(count), status=Term(STATUSES[status]))
            for status, count in counts.items()
        )
        texts = voice._("Texts: {summary}", summary=summary)
        out += ["", f"<details><summary>{texts}</summary>", ""]
        for group in _text_groups(result.texts):
            lines = [line.replace("    ", "", 1) for change in group for line in _text_lines(change, "    ")]
            lines = [_diff_line(line) for line in lines]
            fence = _fence(lines)
            out += [_group_heading(group, code, voice), "", f"{fence}diff", *lines, fence, ""]
        out += ["</details>"]
    for category, title in (("stated", N_("Stated totals: {count}")), ("other", N_("Other changes: {count}"))):
        changes = _by_category(result, category)
        if changes:
            out += ["", f"<details><summary>{voice._(title, count=Count(len(changes)))}</summary>", ""]
            out += [_row([voice._("Where"), voice._("Old"), voice._("New")]), _row(["---", "---", "---"])]
            out += [_markdown_field_row(change, voice) for change in changes]
            out += ["", "</details>"]
    if not result.has_differences:
        out += ["", _no_differences(result, voice)]
    return visible("\n".join(out) + "\n")


def _diff_line(line: str) -> str:
    """'[en] − text' → '- [en] text': the diff fence colours the line by its first character."""
    match = re.match(r"\[([^\]]*)\] ([−+]) (.*)$", line)
    if match is None:
        return line
    sign = "-" if match.group(2) == "−" else "+"
    return f"{sign} [{match.group(1)}] {match.group(3)}".rstrip()


def _markdown_budget(budget: BudgetDiff, voice: Voice, languages: tuple[str, ...]) -> list[str]:
    currency = md(budget.currency)
    out = ["", "**" + voice._("Changed figures") + f"** ({currency})", ""]
    header = [voice._("Line"), voice._("Year"), voice._("Old"), voice._("New"), voice._("Change"), "%"]
    out += [_row(header), _row(["---", "---:", "---:", "---:", "---:", "---:"])]
    columns = Columns([cell.figure for cell in budget.cells], budget.places)
    for cell in budget.cells:
        figure = cell.figure
        out.append(
            _row(
                [
                    md(_name(voice, budget.names.get(cell.line), languages, cell.line)),
                    str(cell.year),
                    columns.amount(voice, figure.old),
                    columns.amount(voice, figure.new),
                    columns.change(voice, figure),
                    columns.share(voice, figure),
                ]
            )
        )
    out += ["", "**" + voice._("Totals, recomputed from the lines") + f"** ({currency})", ""]
    out.append(_row(["", *(str(entry.year) for entry in budget.year_totals), voice._("Total")]))
    out.append(_row(["---", *("---:" for _ in budget.year_totals), "---:"]))
    figures = [entry.figure for entry in budget.year_totals] + [budget.total]
    columns = Columns(figures, budget.places)
    out.append(_row([voice._("Old"), *(columns.amount(voice, figure.old) for figure in figures)]))
    out.append(_row([voice._("New"), *(columns.amount(voice, figure.new) for figure in figures)]))
    out.append(_row([voice._("Change"), *(_change_cell(figure, columns, voice) for figure in figures)]))
    for line in budget.lines:
        title = N_("Added line") if line.status == "added" else N_("Removed line")
        name = md(_name(voice, line.name, languages, line.line))
        over = voice._("{currency} {amount} over the plan", currency=Code(currency), amount=Money(line.total))
        out += ["", f"- {voice._(title)} **{name}** ({code(line.line)}, {line.cost_type}): {over}."]
    return out


def _change_cell(figure: Figure, columns: Columns, voice: Voice) -> str:
    if figure.difference == 0:
        return columns.change(voice, figure) if figure.old is not None and figure.new is not None else NONE
    share = columns.share(voice, figure)
    return f"{columns.change(voice, figure)} ({share})" if figure.percent is not None else columns.change(voice, figure)


def _markdown_field_row(change: FieldChange, voice: Voice) -> str:
    where = code(change.path if change.document == "budget" else f"{change.document}: {change.path}")
    old, new = _field_values(change, voice)
    return _row([where, md(old), md(new)])


def _markdown_not_compared(result: PlanDiff, voice: Voice) -> list[str]:
    out = []
    for entry in result.not_compared:
        heading = voice._("Not compared: the {document}", document=_document_word(entry.document, voice))
        why = voice.say(_unreadable_sides(result, entry.document))
        out += ["", f"> **{heading}**: {md(why)}."]
        for side in entry.unreadable:
            revision = result.old if side == "old" else result.new
            out += [f"> - {code(p.location)} {md(p.text(voice))}" for p in revision.problems]
    return out


Renderer = Callable[[PlanDiff, Voice | None], str]
FORMATS: dict[str, Renderer] = {"text": render_text, "json": render_json, "markdown": render_markdown}

__all__ = [
    "FORMATS",
    "JSON_VERSION",
    "code",
    "gate_text",
    "headline",
    "headline_message",
    "md",
    "render_json",
    "render_markdown",
    "render_text",
    "voice_for",
]
