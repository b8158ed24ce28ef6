"""A `PlanDiff` → text for the terminal, JSON for programs, Markdown for a pull-request comment.

Each renderer returns the whole output as a string; the CLI prints it. FORMATS is the registry that also defines
the `--format` choices of `ccm-plan diff`.

JSON shape (`version` 1). Money is exact: a JSON integer, or a string such as "1234.50" for an amount with
decimals. `percent` is the difference in percent of `old`, rounded to two decimals, null when old is 0 or absent.
`old`/`new` are null where a revision lacks the line or year. When the currency changed (old.currency differs from
new.currency) the differences are plain subtraction and mean nothing; the headline and the gates say so::

    {
      "version": 1,
      "old": {"label": "HEAD~1:data", "revision": "<commit id or null>", "currency": "CHF",
              "languages": ["zh", "en"], "problems": [{"file", "line", "column", "rule", "message"}, ...]},
      "new": {... the same ...},
      "differences": true,          # anything differs (budget, parameters, stated totals, texts, other)
      "complete": true,             # every document was compared
      "not_compared": [{"document": "workplan", "unreadable": ["old"]}],
      "budget": null | {
        "currency": "CHF", "years": [2021, ...],
        "total": {"old", "new", "difference", "percent"},                     # recomputed, never as stated
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
      "gates": [{"option": "--fail-above", "limit", "failed": true|false|null, "warns": true|false,
                 "message"}, ...]              # warns: a --warn-above(-pct) gate's limit was exceeded (exit 0)
    }
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from ..diff.compare import BudgetDiff, FieldChange, Figure, PlanDiff, TextChange
from ..present.numbers import money, signed_money, signed_pct
from ..read.characters import visible
from . import diff_adoption

JSON_VERSION = 1

SECTIONS = {
    "document": "Document",
    "summary": "Summary",
    "specific_objectives": "Specific objective",
    "expected_outcomes": "Expected outcome",
    "mandate": "Mandate",
    "mandate_items": "Mandate item",
    "introduction": "Introduction paragraph",
    "priority_areas": "Priority area",
    "activities": "Activity",
    "expected_results": "Expected result",
    "assumptions": "Assumption",
    "budget": "Budget",
    "lines": "Budget line",
    "budget_notes": "Budget note",
    "in_kind": "In-kind item",
}
"""How each section of texts is named for people (the JSON keeps the keys)."""

_NAMED_BY_KEY = {"document", "summary", "mandate", "budget", "introduction"}
_NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


# ----------------------------------------------------------------------------------------------------- shared


def headline(result: PlanDiff) -> str:
    """One sentence on the money: 'Six-year total CHF 2,940,552 → 2,990,552 (+50,000, +1.7%).'"""
    budget = result.budget
    if budget is None:
        return "The budget was not compared: " + _unreadable_sides(result, "budget") + "."
    total = budget.total
    label = _total_label(budget)
    if not budget.changed:
        return "No change to the budget."
    old, new = total.old or 0, total.new or 0
    if budget.old_currency != budget.currency:
        return (
            f"{label} {budget.old_currency} {money(old)} → {budget.currency} {money(new)} "
            f"(the currency changed, so no difference is computed)."
        )
    if total.difference == 0:
        count = len(budget.cells)
        return f"{label} {budget.currency} {money(old)} unchanged ({count} figure{_s(count)} changed)."
    share = f", {signed_pct(total.percent)}" if total.percent is not None else ""
    return f"{label} {budget.currency} {money(old)} → {money(new)} ({_signed(total)}{share})."


def _total_label(budget: BudgetDiff) -> str:
    before, after = budget.period_years
    if len(before) != len(after) or not after:
        return "Plan total"
    count = len(after)
    word = _NUMBER_WORDS[count - 1] if count <= len(_NUMBER_WORDS) else str(count)
    return f"{word[:1].upper()}{word[1:]}-year total"


def _unreadable_sides(result: PlanDiff, document: str) -> str:
    for entry in result.not_compared:
        if entry.document == document:
            labels = [result.old.label if side == "old" else result.new.label for side in entry.unreadable]
            return " and ".join(labels) + (" could not be read" if labels else "")
    return "it could not be read"


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _preferred(result: PlanDiff) -> str | None:
    languages = result.new.languages or result.old.languages
    if "en" in languages:
        return "en"
    return languages[0] if languages else None


def _name(text: Mapping[str, str] | None, lang: str | None, fallback: str) -> str:
    if not text:
        return fallback
    return (text.get(lang) if lang else None) or next(iter(text.values()), fallback)


def _show(value: Any, lang: str | None, limit: int = 80) -> str:
    """A parameter or other value in a few words: numbers as money, texts in the preferred language."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)  # a year, a count, a number as written: never money (period.end: 2030 → 2031)
    if isinstance(value, Decimal):
        return money(value) if not -1000 < value < 1000 else str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        if value and all(isinstance(v, str) for v in value.values()):
            text = _name(value, lang, "")
        else:
            text = ", ".join(f"{key}: {_show(item, lang, limit)}" for key, item in value.items())
    elif isinstance(value, list):
        text = "[" + ", ".join(_show(item, lang, limit) for item in value) + "]"
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _status(changes: Sequence[TextChange]) -> str:
    statuses = {change.status for change in changes}
    return statuses.pop() if len(statuses) == 1 else "changed"


def _text_groups(texts: Iterable[TextChange]) -> list[list[TextChange]]:
    """Changes of the same text (one item's one field), together, in order."""
    groups: dict[tuple[str, str, str, str], list[TextChange]] = {}
    for change in texts:
        groups.setdefault((change.document, change.section, change.item, change.field), []).append(change)
    return list(groups.values())


def _group_heading(group: Sequence[TextChange], code: Callable[[str], str]) -> str:
    first = group[0]
    label = SECTIONS.get(first.section, first.section)
    if first.section in _NAMED_BY_KEY:
        title = f"{label}: {first.item.replace('_', ' ')}"
    else:
        title = f"{label} {code(first.item)}"
    where = f" (area {code(first.context)})" if first.section == "activities" and first.context else ""
    what = "" if first.field == "text" else f", {first.field.replace('_', ' ')}"
    return f"{title}{where}{what}: {_status(group)}"


def _by_category(result: PlanDiff, category: str) -> list[FieldChange]:
    return [change for change in result.fields if change.category == category]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


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


def _signed_pct(figure: Figure) -> str:
    if figure.difference == 0:
        return ""
    return signed_pct(figure.percent) if figure.percent is not None else "—"


def _signed(figure: Figure) -> str:
    """The change, signed; a dash for figures in two currencies (never subtracted)."""
    return signed_money(figure.difference) if figure.difference is not None else "—"


def _amount(value: Decimal | None) -> str:
    return money(value) if value is not None else "—"


# ------------------------------------------------------------------------------------------------------- text


def render_text(result: PlanDiff) -> str:
    lang = _preferred(result)
    out = [f"Comparing {result.old.label} → {result.new.label}", "", headline(result)]
    budget = result.budget
    if budget is not None and budget.changed and budget.comparable:
        out += ["", f"Budget figures that changed ({budget.currency}):"]
        rows = [["line", "year", "old", "new", "change", "%"]]
        rows += [
            [
                _name(budget.names.get(cell.line), lang, cell.line),
                str(cell.year),
                _amount(cell.figure.old),
                _amount(cell.figure.new),
                _signed(cell.figure),
                _signed_pct(cell.figure),
            ]
            for cell in budget.cells
        ]
        out += _columns(rows, [False, True, True, True, True, True])
        out += ["", f"Totals, recomputed from the lines ({budget.currency}):"]
        rows = [["year", "old", "new", "change", "%"]]
        for entry in budget.year_totals:
            figure = entry.figure
            rows.append(
                [
                    str(entry.year),
                    _amount(figure.old),
                    _amount(figure.new),
                    _signed(figure),
                    _signed_pct(figure),
                ]
            )
        total = budget.total
        rows.append(["total", _amount(total.old), _amount(total.new), _signed(total), _signed_pct(total)])
        out += _columns(rows, [False, True, True, True, True])
        for status in ("added", "removed"):
            lines = [line for line in budget.lines if line.status == status]
            if lines:
                out += ["", f"Lines {status}:"]
                for line in lines:
                    sign = "+" if status == "added" else "−"
                    out.append(
                        f"  {sign} {_name(line.name, lang, line.line)} ({line.line}, {line.cost_type}): "
                        f"{budget.currency} {money(line.total)} over the plan"
                    )
    for category, title in (("parameter", "Parameters changed"), ("stated", "Stated totals changed")):
        changes = _by_category(result, category)
        if changes:
            out += ["", f"{title}:"]
            out += [_field_line(change, lang) for change in changes]
    if result.texts:
        out += ["", "Texts changed:"]
        for group in _text_groups(result.texts):
            out.append("  " + _group_heading(group, str))
            for change in group:
                out += _text_lines(change, "    ")
    other = _by_category(result, "other")
    if other:
        out += ["", "Other changes:"]
        out += [_field_line(change, lang) for change in other]
    out += diff_adoption.text_lines(result.adoption)
    out += _not_compared_text(result)
    if result.gates:
        out += ["", "Budget gates:"]
        out += [f"  {_gate_word(gate.failed, gate.warns)}: {gate.message}" for gate in result.gates]
    if not result.has_differences:
        out += ["", "No differences." if result.complete else "No differences in what could be compared."]
    return visible("\n".join(out) + "\n")


def _field_line(change: FieldChange, lang: str | None) -> str:
    return f"  {change.document} {change.path}: {_show(change.old, lang)} → {_show(change.new, lang)}"


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


def _not_compared_text(result: PlanDiff) -> list[str]:
    out = []
    for entry in result.not_compared:
        document = "work plan" if entry.document == "workplan" else entry.document
        out += ["", f"Not compared: the {document}; {_unreadable_sides(result, entry.document)}:"]
        for side in entry.unreadable:
            revision = result.old if side == "old" else result.new
            out += [f"  {p.location}: {p.severity} [{p.rule}] {p.message}" for p in revision.problems]
    return out


def _gate_word(failed: bool | None, warns: bool = False) -> str:
    if warns:
        return "warning"
    return "cannot apply" if failed is None else "failed" if failed else "passed"


# ------------------------------------------------------------------------------------------------------- JSON


def _plain(value: Any) -> Any:
    """Exact JSON values: whole amounts as integers, other decimals as strings, dates as ISO text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _figure(figure: Figure) -> dict[str, Any]:
    return {
        "old": _plain(figure.old),
        "new": _plain(figure.new),
        "difference": _plain(figure.difference),
        "percent": float(round(figure.percent, 2)) if figure.percent is not None else None,
    }


def _field(change: FieldChange) -> dict[str, Any]:
    return {
        "document": change.document,
        "path": change.path,
        "status": change.status,
        "old": _plain(change.old),
        "new": _plain(change.new),
    }


def render_json(result: PlanDiff) -> str:
    lang = _preferred(result)
    budget = result.budget
    document: dict[str, Any] = {
        "version": JSON_VERSION,
        "old": _side(result, "old"),
        "new": _side(result, "new"),
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
            "total": _figure(budget.total),
            "year_totals": [{"year": entry.year, **_figure(entry.figure)} for entry in budget.year_totals],
            "cells": [
                {
                    "line": cell.line,
                    "name": _name(budget.names.get(cell.line), lang, cell.line),
                    "year": cell.year,
                    **_figure(cell.figure),
                }
                for cell in budget.cells
            ],
            "lines": [
                {
                    "line": line.line,
                    "status": line.status,
                    "name": dict(line.name),
                    "cost_type": line.cost_type,
                    "total": _plain(line.total),
                    "note": dict(line.note) if line.note is not None else None,
                }
                for line in budget.lines
            ],
        },
        "parameters": [_field(change) for change in _by_category(result, "parameter")],
        "stated": [_field(change) for change in _by_category(result, "stated")],
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
        "other": [_field(change) for change in _by_category(result, "other")],
        "adoption": diff_adoption.json_data(result.adoption),
        "gates": [
            {
                "option": gate.option,
                "limit": _plain(gate.limit),
                "failed": gate.failed,
                "warns": gate.warns,
                "message": gate.message,
            }
            for gate in result.gates
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _side(result: PlanDiff, side: str) -> dict[str, Any]:
    revision = result.old if side == "old" else result.new
    return {
        "label": revision.label,
        "revision": revision.revision,
        "currency": revision.currency,
        "languages": list(revision.languages),
        "problems": [
            {"file": p.file, "line": p.line, "column": p.column, "rule": p.rule, "message": p.message}
            for p in revision.problems
        ],
    }


# --------------------------------------------------------------------------------------------------- Markdown

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def md(text: str) -> str:
    """Text safe inside a Markdown paragraph or table cell: specials escaped (`|` too), on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def code(text: str) -> str:
    """An inline code span that survives backticks in the text; `|` escaped, as GitHub needs in tables."""
    text = " ".join(str(text).split()).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _fence(lines: Sequence[str]) -> str:
    longest = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    return "`" * max(3, longest + 1)


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def render_markdown(result: PlanDiff) -> str:
    lang = _preferred(result)
    old, new = result.old, result.new
    commits = ", ".join(
        f"{side} {code(revision.revision[:12])}"
        for side, revision in (("old", old), ("new", new))
        if revision.revision is not None
    )
    out = [f"**{md(headline(result))}**", "", f"Plan {code(old.label)} → {code(new.label)}"]
    if commits:
        out[-1] += f" ({commits})"
    out[-1] += "."
    warnings = [gate for gate in result.gates if gate.warns]
    if warnings:  # a GitHub alert: a warning gate does not fail the check, so it must be seen
        out += ["", "> [!WARNING]"]
        out += [f"> {md(gate.message)}" + ("  " if n < len(warnings) - 1 else "") for n, gate in enumerate(warnings)]
    if result.gates:
        out += [""]
        out += [f"- **Budget gate {_gate_word(gate.failed, gate.warns)}**: {md(gate.message)}" for gate in result.gates]
    budget = result.budget
    if budget is not None and budget.changed and budget.comparable:
        out += _markdown_budget(budget, lang)
    parameters = _by_category(result, "parameter")
    if parameters:
        out += ["", "**Parameters**", "", _row(["Parameter", "Old", "New"]), _row(["---", "---", "---"])]
        out += [_markdown_field_row(change, lang) for change in parameters]
    out += diff_adoption.markdown_lines(result.adoption)
    out += _markdown_not_compared(result)
    if result.texts:
        counts: dict[str, int] = {}
        for group in _text_groups(result.texts):
            counts[_status(group)] = counts.get(_status(group), 0) + 1
        summary = ", ".join(f"{count} {status}" for status, count in counts.items())
        out += ["", f"<details><summary>Texts: {summary}</summary>", ""]
        for group in _text_groups(result.texts):
            lines = [line.replace("    ", "", 1) for change in group for line in _text_lines(change, "    ")]
            lines = [_diff_line(line) for line in lines]
            fence = _fence(lines)
            out += [_group_heading(group, code), "", f"{fence}diff", *lines, fence, ""]
        out += ["</details>"]
    for category, title in (("stated", "Stated totals"), ("other", "Other changes")):
        changes = _by_category(result, category)
        if changes:
            out += ["", f"<details><summary>{title}: {len(changes)}</summary>", ""]
            out += [_row(["Where", "Old", "New"]), _row(["---", "---", "---"])]
            out += [_markdown_field_row(change, lang) for change in changes]
            out += ["", "</details>"]
    if not result.has_differences:
        out += ["", "No differences." if result.complete else "No differences in what could be compared."]
    return visible("\n".join(out) + "\n")


def _diff_line(line: str) -> str:
    """'[en] − text' → '- [en] text': the diff fence colours the line by its first character."""
    match = re.match(r"\[([^\]]*)\] ([−+]) (.*)$", line)
    if match is None:
        return line
    sign = "-" if match.group(2) == "−" else "+"
    return f"{sign} [{match.group(1)}] {match.group(3)}".rstrip()


def _markdown_budget(budget: BudgetDiff, lang: str | None) -> list[str]:
    currency = md(budget.currency)
    out = ["", f"**Changed figures** ({currency})", ""]
    out += [_row(["Line", "Year", "Old", "New", "Change", "%"]), _row(["---", "---:", "---:", "---:", "---:", "---:"])]
    for cell in budget.cells:
        figure = cell.figure
        out.append(
            _row(
                [
                    md(_name(budget.names.get(cell.line), lang, cell.line)),
                    str(cell.year),
                    _amount(figure.old),
                    _amount(figure.new),
                    _signed(figure),
                    _signed_pct(figure),
                ]
            )
        )
    out += ["", f"**Totals**, recomputed from the lines ({currency})", ""]
    out.append(_row(["", *(str(entry.year) for entry in budget.year_totals), "Total"]))
    out.append(_row(["---", *("---:" for _ in budget.year_totals), "---:"]))
    figures = [entry.figure for entry in budget.year_totals] + [budget.total]
    out.append(_row(["Old", *(_amount(figure.old) for figure in figures)]))
    out.append(_row(["New", *(_amount(figure.new) for figure in figures)]))
    out.append(_row(["Change", *(_change_cell(figure) for figure in figures)]))
    for line in budget.lines:
        verb = "Added" if line.status == "added" else "Removed"
        out += [
            "",
            f"- {verb} line **{md(_name(line.name, lang, line.line))}** ({code(line.line)}, {line.cost_type}): "
            f"{currency} {money(line.total)} over the plan.",
        ]
    return out


def _change_cell(figure: Figure) -> str:
    if figure.difference == 0:
        return "±0" if figure.old is not None and figure.new is not None else "—"
    share = f" ({signed_pct(figure.percent)})" if figure.percent is not None else ""
    return f"{_signed(figure)}{share}"


def _markdown_field_row(change: FieldChange, lang: str | None) -> str:
    where = code(change.path if change.document == "budget" else f"{change.document}: {change.path}")
    return _row([where, md(_show(change.old, lang)), md(_show(change.new, lang))])


def _markdown_not_compared(result: PlanDiff) -> list[str]:
    out = []
    for entry in result.not_compared:
        document = "work plan" if entry.document == "workplan" else entry.document
        out += ["", f"> **Not compared: the {document}**: {md(_unreadable_sides(result, entry.document))}."]
        for side in entry.unreadable:
            revision = result.old if side == "old" else result.new
            out += [f"> - {code(p.location)} {md(p.message)}" for p in revision.problems]
    return out


Renderer = Callable[[PlanDiff], str]
FORMATS: dict[str, Renderer] = {"text": render_text, "json": render_json, "markdown": render_markdown}

__all__ = ["FORMATS", "JSON_VERSION", "code", "headline", "md", "render_json", "render_markdown", "render_text"]
