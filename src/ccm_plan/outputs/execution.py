"""`ccm-plan execution` and `ccm-plan contributions`: the year after adoption as text, Markdown, CSV and JSON.

The figures come from `compute.execution` (exact); every word and figure reaches people through `present` (the
plan's money precision, half-up rounding, CLDR number formats, the tool's words from the catalogs). JSON and CSV
are locale-free: amounts and percentages are decimal strings in `present`'s canonical spelling, never floats.

JSON of `execution` (`"version": 1`)::

    {"version": 1, "currency": "CHF",
     "years": [{"year": 2022, "status": "preliminary", "as_of": "2023-01-31", "source": "…",
                "lines": [{"id": "travel", "name": "Travel", "budget": "25000", "actual": "28950.40",
                           "variance": "3950.40", "execution_percent": "115.80"}, …],
                "total": {same keys}, "funding": {"budget", "received", "pledged_outstanding", "gap"},
                "carry_over": "…", "balance": "…"}]}

JSON of `contributions` (`"version": 1`)::

    {"version": 1, "year": 2022, "currency": "CHF", "budget": "486194",
     "contributors": [{"id": "state-b", "name": "State B", "scale_percent": "42", "indicative": "204201",
                       "pledged": "207300", "received": "147540", "outstanding": "51825"}, …],
     "total": {same keys but id and name}, "reminders": ["state-d", "state-c"], "balances": ["state-b", "state-a"]}

`reminders`: the contributors expected to pay (an indicative contribution or a pledge) from whom nothing was
received; reminders go to them only. `balances`: those that paid part of their pledge and still owe
`outstanding`.

`indicative` and `scale_percent` are null for a contributor without a scale; `execution_percent` is null for a
line without a budget that year.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..check import check_plan
from ..compute.execution import (
    ContributionStatus,
    ContributorStatus,
    Execution,
    LineExecution,
    adoption_amounts,
    compute_execution,
    contribution_status,
    recorded_amounts,
)
from ..edit.import_actuals import ImportResult
from ..errors import OptionError
from ..present.dates import long_date
from ..present.message import Count, Name
from ..present.numbers import canonical_amount, canonical_percent
from ..present.precision import finest_places, money_places, plan_places, shown_places
from ..present.voice import Voice
from ..problems import Problem, Severity
from ..read.loader import LoadedPlan, load_plan

JSON_VERSION = 1
BLOCKING_RULES = ("actuals-files", "contribution-entries")
"""Errors of these rules stop the reports wherever they stand: a figure would be wrong (an unknown line, a missing
rate, a year twice). Every other error stops them too when it stands in an actuals or contributions file (an amount
with more decimals than its currency's, an unknown currency): the reports show those files' figures."""


@dataclass
class Outcome:
    """A report, or the problems that stop it (shown as `validate` shows them, exit 1)."""

    plan: LoadedPlan
    report: Any = None
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class ExecutionReport:
    execution: Execution
    places: int
    """The money precision of the report: the plan's, widened to show the actuals' and contributions' decimals."""
    names: dict[str, dict[str, str]]
    languages: tuple[str, ...]
    language: str | None


@dataclass(frozen=True)
class ContributionsReport:
    status: ContributionStatus
    places: int
    languages: tuple[str, ...]
    language: str | None


def _blocking(plan: LoadedPlan) -> list[Problem]:
    """The plan's reading and schema errors, the errors of the after-adoption rules, and every error in an
    actuals or contributions file (waived ones aside); empty when the figures can be computed and shown."""
    if not plan.is_usable:
        return plan.problems
    adoption = {source.display for source in plan.actuals_sources}
    if plan.contributions is not None:
        adoption.add(plan.source("ccm-plan/contributions").display)
    return [
        p
        for p in check_plan(plan)
        if p.severity is Severity.ERROR and p.accepted is None and (p.rule in BLOCKING_RULES or p.file in adoption)
    ]


def report_places(plan: LoadedPlan) -> int:
    """One precision for every amount of the report: the budget's, or the currency's minor unit when an actual or
    a converted contribution has decimals (a column never mixes 120,000 and 98,406.25)."""
    budget = plan.budget
    amounts = adoption_amounts(plan.actuals, plan.contributions, budget.currency)
    places = max(shown_places(budget), money_places(budget.currency, amounts, budget.decimals))
    return finest_places(recorded_amounts(plan.actuals, plan.contributions, budget.currency), places)


def execution_for(path: Path | str, years: Sequence[int] = (), language: str | None = None) -> Outcome:
    """The execution report of the plan at `path` (every year with actuals, or `years`).

    Raises `OptionError` for a year outside the period or without actuals, or a plan without actuals files.
    """
    plan = load_plan(path)
    outcome = Outcome(plan, problems=_blocking(plan))
    if outcome.problems:
        return outcome
    budget = plan.budget
    period = budget.period.years
    for year in years:
        if year not in period:
            raise OptionError(f"--year {year} is outside the plan's period {period[0]}–{period[-1]}")
    if not plan.actuals:
        raise OptionError(
            f"{plan.folder}: no actuals files (kind: ccm-plan/actuals) in this plan; "
            "bring a year's accounting export in with `ccm-plan import actuals`"
        )
    try:
        execution = compute_execution(budget, plan.actuals, plan.contributions, years or None)
    except ValueError as error:
        raise OptionError(f"{error} in {plan.folder}: import that year's accounts first") from None
    names = {line.id: dict(line.name) for line in budget.lines}
    outcome.report = ExecutionReport(execution, report_places(plan), names, tuple(budget.languages), language)
    return outcome


def contributions_for(path: Path | str, year: int, language: str | None = None) -> Outcome:
    """The contribution status of `year` for the plan at `path`.

    Raises `OptionError` for a year outside the period or a plan without a contributions file.
    """
    plan = load_plan(path)
    outcome = Outcome(plan, problems=_blocking(plan))
    if outcome.problems:
        return outcome
    budget = plan.budget
    period = budget.period.years
    if year not in period:
        raise OptionError(f"--year {year} is outside the plan's period {period[0]}–{period[-1]}")
    if plan.contributions is None:
        raise OptionError(f"{plan.folder}: no contributions file (kind: ccm-plan/contributions) in this plan")
    status = contribution_status(budget, plan.contributions, year, plan_places(budget))
    outcome.report = ContributionsReport(status, report_places(plan), tuple(budget.languages), language)
    return outcome


# ------------------------------------------------------------------------------------------------------ text


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(rows: Sequence[Sequence[str]], numeric_from: int = 1) -> list[str]:
    """Rows of cells → lines: the first columns left-aligned, the figures right-aligned, two spaces apart."""
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - _width(cell))
            cells.append(cell + pad if i < numeric_from else pad + cell)
        out.append("  ".join(cells).rstrip())
    return out


def _voice(report: ExecutionReport | ContributionsReport) -> Voice:
    return Voice(report.language, places=report.places)


def _name(voice: Voice, texts: dict[str, str], languages: tuple[str, ...], fallback: str) -> str:
    return voice.value(Name(texts, languages, fallback))


def _pct(voice: Voice, value: Decimal | None) -> str:
    return "–" if value is None else voice.percent(value)


def _execution_rows(
    report: ExecutionReport, voice: Voice, lines: Iterable[LineExecution], total: LineExecution
) -> list[list[str]]:
    rows = [[voice._("Line"), voice._("Budget"), voice._("Actual"), voice._("Variance"), voice._("Execution rate")]]
    for line in [*lines, total]:
        name = (
            voice._("Total")
            if line is total
            else _name(voice, report.names.get(line.id, {}), report.languages, line.id)
        )
        rows.append(
            [
                name,
                voice.money(line.budget),
                voice.money(line.actual),
                voice.signed_money(line.variance),
                _pct(voice, line.execution_percent),
            ]
        )
    return rows


def _year_heading(report: ExecutionReport, voice: Voice, year: Any) -> str:
    status = voice._("audited") if year.status == "audited" else voice._("preliminary")
    source = _name(voice, year.source, report.languages, "")
    return voice._(
        "{year}: {status}, as of {date}: {source}",
        year=str(year.year),
        status=status,
        date=long_date(year.as_of, voice.language),
        source=source,
    )


def render_execution_text(report: ExecutionReport) -> str:
    voice = _voice(report)
    out = [voice._("Budget execution ({currency})", currency=report.execution.currency)]
    for year in report.execution.years:
        out += ["", _year_heading(report, voice, year)]
        out += ["  " + line for line in _table(_execution_rows(report, voice, year.lines, year.total))]
        funding = year.funding
        out.append("")
        out += [
            "  " + line
            for line in _table(
                [
                    [voice._("Funding"), ""],
                    [voice._("Budget"), voice.money(funding.budget)],
                    [voice._("Received"), voice.money(funding.received)],
                    [voice._("Pledged, outstanding"), voice.money(funding.pledged_outstanding)],
                    [voice._("Funding gap"), voice.money(funding.gap)],
                    [voice._("Carry-over (received − actual)"), voice.signed_money(year.carry_over)],
                    [voice._("Balance carried forward"), voice.signed_money(year.balance)],
                ]
            )
        ]
    return "\n".join(out) + "\n"


def render_execution_markdown(report: ExecutionReport) -> str:
    voice = _voice(report)
    out = [f"**{voice._('Budget execution ({currency})', currency=report.execution.currency)}**"]
    for year in report.execution.years:
        rows = _execution_rows(report, voice, year.lines, year.total)
        out += ["", f"**{_year_heading(report, voice, year)}**", ""]
        out += _markdown_table(rows)
        funding = year.funding
        out += [
            "",
            f"- {voice._('Budget')}: {voice.money(funding.budget)}",
            f"- {voice._('Received')}: {voice.money(funding.received)}",
            f"- {voice._('Pledged, outstanding')}: {voice.money(funding.pledged_outstanding)}",
            f"- {voice._('Funding gap')}: {voice.money(funding.gap)}",
            f"- {voice._('Carry-over (received − actual)')}: {voice.signed_money(year.carry_over)}",
            f"- {voice._('Balance carried forward')}: {voice.signed_money(year.balance)}",
        ]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def _amount(value: Decimal | None, places: int) -> str | None:
    return None if value is None else canonical_amount(value, places)


def _percent(value: Decimal | None) -> str | None:
    return None if value is None else canonical_percent(value)


def _line_data(line: LineExecution, places: int) -> dict[str, Any]:
    return {
        "budget": _amount(line.budget, places),
        "actual": _amount(line.actual, places),
        "variance": _amount(line.variance, places),
        "execution_percent": _percent(line.execution_percent),
    }


def execution_data(report: ExecutionReport) -> dict[str, Any]:
    """The report as JSON-ready data: English keys, amounts and percentages as canonical decimal strings."""
    places = report.places
    voice = _voice(report)
    return {
        "version": JSON_VERSION,
        "currency": report.execution.currency,
        "years": [
            {
                "year": year.year,
                "status": year.status,
                "as_of": year.as_of.isoformat() if hasattr(year.as_of, "isoformat") else str(year.as_of),
                "source": _name(voice, year.source, report.languages, ""),
                "lines": [
                    {
                        "id": line.id,
                        "name": _name(voice, report.names.get(line.id, {}), report.languages, line.id),
                        **_line_data(line, places),
                    }
                    for line in year.lines
                ],
                "total": _line_data(year.total, places),
                "funding": {
                    "budget": _amount(year.funding.budget, places),
                    "received": _amount(year.funding.received, places),
                    "pledged_outstanding": _amount(year.funding.pledged_outstanding, places),
                    "gap": _amount(year.funding.gap, places),
                },
                "carry_over": _amount(year.carry_over, places),
                "balance": _amount(year.balance, places),
            }
            for year in report.execution.years
        ],
    }


def render_execution_json(report: ExecutionReport) -> str:
    return json.dumps(execution_data(report), ensure_ascii=False, indent=2) + "\n"


def render_execution_csv(report: ExecutionReport) -> str:
    """One row per line and year, then the year's total (`line` = total): exact figures, no separators."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["year", "status", "line", "budget", "actual", "variance", "execution_percent"])
    for year in report.execution.years:
        for line in [*year.lines, year.total]:
            data = _line_data(line, report.places)
            writer.writerow([year.year, year.status, line.id, *(data[k] or "" for k in data)])
    return buffer.getvalue()


# ------------------------------------------------------------------------------------------- contributions


def _contributor_cells(voice: Voice, row: ContributorStatus, name: str) -> list[str]:
    return [
        name,
        "–" if row.scale_percent is None else voice.percent(row.scale_percent, 3),
        "–" if row.indicative is None else voice.money(row.indicative),
        voice.money(row.pledged),
        voice.money(row.received),
        voice.money(row.outstanding),
    ]


def _contribution_rows(report: ContributionsReport, voice: Voice) -> list[list[str]]:
    status = report.status
    rows = [
        [
            voice._("Contributor"),
            voice._("Scale"),
            voice._("Indicative"),
            voice._("Pledged"),
            voice._("Received"),
            voice._("Outstanding"),
        ]
    ]
    for row in status.contributors:
        rows.append(_contributor_cells(voice, row, _name(voice, row.name, report.languages, row.id)))
    rows.append(_contributor_cells(voice, status.total, voice._("Total")))
    return rows


def _reminder_lines(report: ContributionsReport, voice: Voice) -> list[str]:
    """Whom to remind (those expected to pay from whom nothing was received: reminders go to them only), then the
    contributors that paid part of their pledge and still owe a balance, with it: a report that said "no
    reminders" while a balance was outstanding read as "everyone has paid"."""
    status = report.status
    rows = {row.id: row for row in status.contributors}

    def name(contributor_id: str) -> str:
        row = rows[contributor_id]
        return _name(voice, row.name, report.languages, row.id)

    if status.reminders:
        lines = [voice._("Nothing received yet from: {names}", names=", ".join(map(name, status.reminders)))]
    else:
        lines = [voice._("No reminders to send: every contributor expected to pay has paid something.")]
    if status.balances:
        balances = ", ".join(
            voice._("{name} {amount}", name=name(i), amount=voice.money(rows[i].outstanding)) for i in status.balances
        )
        lines.append(voice._("Paid in part, with a balance outstanding (not reminded): {balances}", balances=balances))
    return lines


def _contributions_heading(report: ContributionsReport, voice: Voice) -> str:
    status = report.status
    return voice._(
        "Contributions {year} ({currency}): budget {budget}",
        year=str(status.year),
        currency=status.currency,
        budget=voice.money(status.budget),
    )


def render_contributions_text(report: ContributionsReport) -> str:
    voice = _voice(report)
    out = [_contributions_heading(report, voice), ""]
    out += ["  " + line for line in _table(_contribution_rows(report, voice))]
    out += ["", *_reminder_lines(report, voice)]
    return "\n".join(out) + "\n"


def _markdown_table(rows: list[list[str]]) -> list[str]:
    """A GitHub table: `rows[0]` the header, figures right-aligned after the first column, the last row (the
    total) in bold."""
    out = ["| " + " | ".join(rows[0]) + " |", "| --- |" + " ---: |" * (len(rows[0]) - 1)]
    for index, row in enumerate(rows[1:], start=1):
        cells = [_md(cell) for cell in row]
        if index == len(rows) - 1:
            cells = [f"**{cell}**" for cell in cells]
        out.append("| " + " | ".join(cells) + " |")
    return out


def render_contributions_markdown(report: ContributionsReport) -> str:
    voice = _voice(report)
    rows = _contribution_rows(report, voice)
    out = [f"**{_contributions_heading(report, voice)}**", ""]
    out += _markdown_table(rows)
    for line in _reminder_lines(report, voice):  # a paragraph each
        out += ["", _md(line)]
    return "\n".join(out) + "\n"


def _contributor_data(row: ContributorStatus, places: int) -> dict[str, Any]:
    return {
        "scale_percent": None if row.scale_percent is None else format(row.scale_percent, "f"),
        "indicative": _amount(row.indicative, places),
        "pledged": _amount(row.pledged, places),
        "received": _amount(row.received, places),
        "outstanding": _amount(row.outstanding, places),
    }


def contributions_data(report: ContributionsReport) -> dict[str, Any]:
    status = report.status
    voice = _voice(report)
    return {
        "version": JSON_VERSION,
        "year": status.year,
        "currency": status.currency,
        "budget": _amount(status.budget, report.places),
        "contributors": [
            {
                "id": row.id,
                "name": _name(voice, row.name, report.languages, row.id),
                **_contributor_data(row, report.places),
            }
            for row in status.contributors
        ],
        "total": _contributor_data(status.total, report.places),
        "reminders": list(status.reminders),
        "balances": list(status.balances),
    }


def render_contributions_json(report: ContributionsReport) -> str:
    return json.dumps(contributions_data(report), ensure_ascii=False, indent=2) + "\n"


def render_contributions_csv(report: ContributionsReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = ["scale_percent", "indicative", "pledged", "received", "outstanding"]
    writer.writerow(["year", "contributor", *columns, "reminder"])
    for row in report.status.contributors:
        data = _contributor_data(row, report.places)
        reminder = "yes" if row.id in report.status.reminders else ""
        writer.writerow([report.status.year, row.id, *(data[k] or "" for k in columns), reminder])
    total = _contributor_data(report.status.total, report.places)
    writer.writerow([report.status.year, "total", *(total[k] or "" for k in columns), ""])
    return buffer.getvalue()


EXECUTION_FORMATS: dict[str, Callable[[ExecutionReport], str]] = {
    "text": render_execution_text,
    "json": render_execution_json,
    "csv": render_execution_csv,
    "markdown": render_execution_markdown,
}
CONTRIBUTIONS_FORMATS: dict[str, Callable[[ContributionsReport], str]] = {
    "text": render_contributions_text,
    "json": render_contributions_json,
    "csv": render_contributions_csv,
    "markdown": render_contributions_markdown,
}


def import_summary(result: ImportResult, language: str | None = None) -> str:
    """What `ccm-plan import actuals` wrote: the file, lines, rows and total, and the lines it could not fill."""
    voice = Voice(language, places=result.places)
    out = [
        voice._(
            "wrote {file}: {year}, {lines} from {rows}, total {total}",
            file=str(result.target),
            year=str(result.year),
            lines=voice.n_("{count} line", "{count} lines", len(result.amounts), count=Count(len(result.amounts))),
            rows=voice.n_("{count} row", "{count} rows", result.rows, count=Count(result.rows)),
            total=voice.money(result.total),
        )
    ]
    if result.unmapped_lines:
        out.append(
            voice._("not written (no account_codes in the budget): {lines}", lines=", ".join(result.unmapped_lines))
        )
    return "\n".join(out) + "\n"
