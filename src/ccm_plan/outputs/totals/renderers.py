"""The renderers of `totals`: text and Markdown tables, JSON and CSV for programs.

Text and Markdown draw the tables of `tables` (words and figures for people, in the language asked). JSON and CSV
are machine formats: keys and column names in English, every amount a decimal string at the plan's precision
(`"469686.50"`, `"469686"`), every percentage a decimal string with two or more decimals; never a float.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from ...compute.totals import Change
from ...present.numbers import canonical_amount, canonical_percent
from ...read.characters import visible
from .layout import Canvas
from .model import TotalsReport, YearFigures
from .tables import Table, tables, voice_for

JSON_VERSION = 3


def render_text(report: TotalsReport, width: int | None = None, color: bool = False) -> str:
    """Aligned tables for reading. `width=None`: as wide as the table needs (files and pipes never wrap).

    With a `width` (a terminal's), names wrap so that the table fits, never narrower than a readable width;
    figures never wrap or shorten: a table that cannot fit is printed wider than the terminal rather than with a
    figure cut. `color`: bold titles, headers and totals, dimmed ratios (ANSI codes, for a terminal).
    """
    out: list[str] = []
    canvas = Canvas(color)
    for number, spec in enumerate(map(_visible, tables(report, voice_for(report)))):
        if number:
            out.append("")
        out += canvas.lines(spec.title, "title")
        out += canvas.table(spec, width)
        for line in spec.after:
            out += canvas.lines(line)
    return "\n".join(out) + "\n"


def _markdown_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*")


def _visible(spec: Table) -> Table:
    """The table with control and invisible characters in its texts shown as [U+XXXX], before it is laid out
    (widths count what is shown) and coloured."""
    return Table(
        visible(spec.title),
        [visible(column) for column in spec.columns],
        [[(kind, [visible(cell) for cell in cells]) for kind, cells in section] for section in spec.sections],
        [visible(line) for line in spec.after],
    )


def render_markdown(report: TotalsReport) -> str:
    """GitHub-flavoured Markdown: a heading and a table per view, subtotals and totals in bold."""
    out: list[str] = []
    voice = voice_for(report)
    for spec in tables(report, voice):
        out += [f"### {_markdown_cell(spec.title)}", ""]
        out.append("| " + " | ".join(_markdown_cell(c) or voice._("Line") for c in spec.columns) + " |")
        out.append("| " + " | ".join([":---", *("---:" for _ in spec.columns[1:])]) + " |")
        for section in spec.sections:
            for kind, cells in section:
                shown = [_markdown_cell(c) for c in cells]
                if kind in ("subtotal", "total") and shown[0]:
                    shown[0] = f"**{shown[0]}**"
                if kind == "ratio":
                    shown[0] = f"_{shown[0]}_"
                out.append("| " + " | ".join(shown) + " |")
        if spec.after:
            out.append("")
            out += [f"- {_markdown_cell(line.lstrip('* '))}" for line in spec.after]
        out.append("")
    return visible("\n".join(out).rstrip("\n") + "\n")


def _amount(report: TotalsReport, value: Decimal | None) -> str | None:
    return None if value is None else canonical_amount(value, report.places)


def _percent(value: Decimal | None) -> str | None:
    return None if value is None else canonical_percent(value)


def _change(report: TotalsReport, change: Change | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {
        "previous_year": change.previous_year,
        "previous": _amount(report, change.previous),
        "amount": _amount(report, change.amount),
        "percent": _percent(change.percent),
    }


def report_data(report: TotalsReport) -> dict[str, Any]:
    """The report as plain JSON-ready data (the shape in the package's docstring)."""
    data = _report_items(report)
    data["by_year"] = list(data["by_year"])
    return data


def _report_items(report: TotalsReport) -> dict[str, Any]:
    """`report_data` with `by_year` as an iterator: each year's data is built when it is written."""

    def amount(value: Decimal | None) -> str | None:
        return _amount(report, value)

    return {
        "version": JSON_VERSION,
        "title": report.title,
        "currency": report.currency,
        "decimals": report.places,
        "language": report.language,
        "period": {"start": report.period[0], "end": report.period[-1]},
        "years": list(report.years),
        "lines": [
            {
                "id": line.id,
                "name": line.name,
                "cost_type": line.cost_type,
                "amounts": {
                    str(year): None if year in line.missing else amount(value) for year, value in line.amounts.items()
                },
                "total": amount(line.total),
                "missing_years": list(line.missing),
                "share_percent": _percent(line.share),
            }
            for line in report.lines
        ],
        "in_kind": [{"id": i.id, "name": i.name, "provided_by": i.provided_by} for i in report.in_kind],
        "plan": {
            "total": amount(report.plan_total),
            "stated": amount(report.plan_stated),
            "staff": amount(report.staff_total),
            "staff_share_percent": _percent(report.staff_share),
            "non_staff": amount(report.non_staff_total),
            "non_staff_share_percent": _percent(report.non_staff_share),
        },
        "by_year": (_year_data(report, report.by_year[year]) for year in report.years),
        "stated_differences": [
            {
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "key": d.key,
                "stated": amount(d.stated),
                "recomputed": amount(d.recomputed),
            }
            for d in report.differences
        ],
    }


def _year_data(report: TotalsReport, f: YearFigures) -> dict[str, Any]:
    return {
        "year": f.year,
        "total": _amount(report, f.total),
        "stated": _amount(report, f.stated),
        "change": _change(report, f.change),
        "staff": _amount(report, f.staff),
        "staff_share_percent": _percent(f.staff_share),
        "non_staff": _amount(report, f.non_staff),
        "non_staff_share_percent": _percent(f.non_staff_share),
        "missing_lines": list(f.missing),
        "rates_percent": {rate_id: _percent(value) for rate_id, value in f.rates.items()},
        "cost_per_leg": {line_id: _amount(report, value) for line_id, value in f.cost_per_leg.items()},
        "lines": [
            {
                "id": line_id,
                "amount": _amount(report, item.amount),
                "share_percent": _percent(item.share),
                "change": _change(report, item.change),
            }
            for line_id, item in f.lines.items()
        ],
    }


def render_json(report: TotalsReport) -> str:
    """Indented JSON in which each record (a line, a year's line, a stated difference) takes one line.

    A record on one line keeps a large plan's output readable and small (a line of 50 years is one line, not 60),
    and lets it be written from compact pieces, one year at a time, never as one document of Python objects.
    """
    return "".join(_json_pieces(_report_items(report))) + "\n"


def write_json(report: TotalsReport, write: Callable[[str], object], chunk: int = 1 << 16) -> None:
    """`render_json`'s text, handed to `write` in pieces of about `chunk` characters as it is built: the whole
    text (9 MB for 1,000 lines × 50 years) is never held, so the command needs little more than the plan."""
    pending: list[str] = []
    size = 0
    for piece in _json_pieces(_report_items(report)):
        pending.append(piece)
        size += len(piece)
        if size >= chunk:
            write("".join(pending))
            pending, size = [], 0
    pending.append("\n")
    write("".join(pending))


def _is_records(value: Any) -> bool:
    return isinstance(value, Iterator) or (isinstance(value, list) and bool(value) and isinstance(value[0], dict))


def _json_pieces(value: Any, indent: str = "") -> Iterator[str]:
    """`value` as JSON: lists of records, and objects holding one, are laid out over lines; the rest on one."""
    if not (_is_records(value) or (isinstance(value, dict) and any(map(_is_records, value.values())))):
        yield json.dumps(value, ensure_ascii=False)
        return
    inner = "\n" + indent + "  "
    if isinstance(value, dict):
        yield "{"
        for number, (key, item) in enumerate(value.items()):
            yield ("," if number else "") + inner + json.dumps(key, ensure_ascii=False) + ": "
            yield from _json_pieces(item, indent + "  ")
        yield "\n" + indent + "}"
        return
    empty = True
    yield "["
    for item in value:
        yield ("" if empty else ",") + inner
        yield from _json_pieces(item, indent + "  ")
        empty = False
    yield "]" if empty else "\n" + indent + "]"


def render_csv(report: TotalsReport) -> str:
    """The amounts table: one row per line, in-kind item, subtotal and the total; every amount at the plan's
    precision (`98406.25`, `120000.00` in a plan with cents), no separators; names in the report's language."""
    years = report.years
    whole = not report.selected or tuple(report.selected) == report.period
    voice = voice_for(report)

    def amounts(values: dict[int, Decimal], total: Decimal, missing: tuple[int, ...] = ()) -> list[Any]:
        """A missing figure is an empty cell, never 0."""
        cells = ["" if y in missing else _amount(report, values[y]) for y in years]
        return cells + ([_amount(report, total)] if whole else [])

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["kind", "id", "name", "cost_type", *years, *(["total"] if whole else [])])
    for line in report.lines:
        writer.writerow(["line", line.id, line.name, line.cost_type, *amounts(line.amounts, line.total, line.missing)])
    for item in report.in_kind:
        writer.writerow(["in-kind", item.id, item.name, "", *("" for _ in years), *([""] if whole else [])])
    by_year = report.by_year
    writer.writerow(
        [
            "subtotal",
            "staff",
            voice._("Staff costs"),
            "staff",
            *amounts({y: f.staff for y, f in by_year.items()}, report.staff_total),
        ]
    )
    writer.writerow(
        [
            "subtotal",
            "non-staff",
            voice._("Non-staff costs"),
            "non-staff",
            *amounts({y: f.non_staff for y, f in by_year.items()}, report.non_staff_total),
        ]
    )
    writer.writerow(
        [
            "total",
            "total",
            voice._("Total"),
            "",
            *amounts({y: f.total for y, f in by_year.items()}, report.plan_total),
        ]
    )
    return buffer.getvalue()


Renderer = Callable[[TotalsReport], str]
FORMATS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "csv": render_csv,
    "markdown": render_markdown,
}
