"""What the tables of `totals` hold: rows and cells made into text for one language, through `present`.

Text and Markdown show the same tables; each is built once here as strings (headings and row names from the
catalogs, figures at the plan's precision in the locale's format), then drawn by a renderer. Every money cell
of a table has the plan's number of decimals; shares and ratios one decimal (more when a non-zero share would
read as zero); changes carry their sign, and a non-zero change never reads as zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ...compute.totals import Change, percent
from ...present.voice import Voice
from .model import StatedDifference, TotalsReport

RowKind = Literal["line", "in-kind", "subtotal", "total", "ratio"]
Row = tuple[RowKind, list[str]]
NONE = "—"
GAP = "†"
"""Marks a total that leaves out a missing figure (a draft whose line lacks a year); a footnote names them."""


@dataclass
class Table:
    title: str
    columns: list[str]
    sections: list[list[Row]]
    after: list[str]


def voice_for(report: TotalsReport) -> Voice:
    """The voice of a report: its language's words, its locale's figures, the plan's money precision."""
    return Voice(report.language, report.places)


def tables(report: TotalsReport, voice: Voice) -> list[Table]:
    if report.selected:
        return [_year_table(report, voice, year) for year in report.selected]
    return [_period_table(report, voice)]


def _share(voice: Voice, value: Decimal | None) -> str:
    """A share in a table: one decimal (5.0%, 73.2%), so that a column of them lines up."""
    return NONE if value is None else voice.percent(value, 1)


def _signed_share(voice: Voice, value: Decimal | None) -> str:
    return NONE if value is None else voice.signed_percent(value, 1)


def _starred(voice: Voice, value: Decimal, difference: StatedDifference | None) -> str:
    return voice.money(value) + ("*" if difference is not None else "")


def _gapped(text: str, gap: bool) -> str:
    return text + GAP if gap else text


def _title(report: TotalsReport, voice: Voice) -> str:
    return voice._("{title} · amounts in {currency}", title=report.title, currency=report.currency)


def _period_table(report: TotalsReport, voice: Voice) -> Table:
    years = report.period
    figures = [report.by_year[year] for year in years]
    money, in_kind = voice.money, voice._("in kind")
    lines: list[Row] = [
        (
            "line",
            [
                line.name,
                *(NONE if y in line.missing else money(line.amounts[y]) for y in years),
                _gapped(money(line.total), bool(line.missing)),
                _share(voice, line.share),
            ],
        )
        for line in report.lines
    ]
    lines += [("in-kind", [item.name, *(in_kind for _ in years), in_kind, ""]) for item in report.in_kind]
    subtotals: list[Row] = [
        (
            "subtotal",
            [
                voice._("Staff costs"),
                *(_gapped(money(f.staff), f.missing_staff) for f in figures),
                _gapped(money(report.staff_total), any(f.missing_staff for f in report.by_year.values())),
                _share(voice, report.staff_share),
            ],
        ),
        (
            "subtotal",
            [
                voice._("Non-staff costs"),
                *(_gapped(money(f.non_staff), f.missing_non_staff) for f in figures),
                _gapped(money(report.non_staff_total), any(f.missing_non_staff for f in report.by_year.values())),
                _share(voice, report.non_staff_share),
            ],
        ),
    ]
    total: list[Row] = [
        (
            "total",
            [
                voice._("Total"),
                *(
                    _gapped(_starred(voice, f.total, report.difference(f"totals.years.{f.year}")), bool(f.missing))
                    for f in figures
                ),
                _gapped(_starred(voice, report.plan_total, _plan_difference(report)), report.incomplete),
                _share(voice, Decimal(100)) if report.plan_total else NONE,
            ],
        )
    ]
    ratios: list[Row] = [
        (
            "ratio",
            [
                voice._("Staff costs, % of total"),
                *(_share(voice, f.staff_share) for f in figures),
                _share(voice, report.staff_share),
                "",
            ],
        ),
    ]
    for rate_id, ratio in report.rates:
        ratios.append(
            (
                "ratio",
                [
                    voice.say(ratio.label),
                    *(_share(voice, f.rates.get(rate_id)) for f in figures),
                    _share(voice, ratio.overall),
                    "",
                ],
            )
        )
    for line_id, ratio in report.travel:
        ratios.append(
            (
                "ratio",
                [
                    voice.say(ratio.label),
                    *(money(f.cost_per_leg[line_id]) if line_id in f.cost_per_leg else NONE for f in figures),
                    money(ratio.overall) if ratio.overall is not None else NONE,
                    "",
                ],
            )
        )
    ratios.append(
        (
            "ratio",
            [
                voice._("Change in total"),
                *(voice.signed_money(f.change.amount) if f.change else NONE for f in figures),
                "",
                "",
            ],
        )
    )
    ratios.append(
        (
            "ratio",
            [
                voice._("Change in total, %"),
                *(_signed_share(voice, f.change.percent) if f.change else NONE for f in figures),
                "",
                "",
            ],
        )
    )
    return Table(
        _title(report, voice),
        ["", *(str(y) for y in years), voice._("Total"), voice._("Share")],
        [lines, subtotals, total, ratios],
        _gap_notes(report, voice, years)
        + _footnotes(report, voice, report.differences)
        + _in_kind_notes(report, voice),
    )


def _plan_difference(report: TotalsReport) -> StatedDifference | None:
    return report.difference("totals.plan") or report.difference("summary.budget")


def _year_table(report: TotalsReport, voice: Voice, year: int) -> Table:
    figures = report.by_year[year]
    # the year before in the period (not taken from the total's change: none is given when a figure is missing)
    at = report.period.index(year)
    previous = report.period[at - 1] if at else None
    money = voice.money

    def change_cells(change: Change | None) -> list[str]:
        if change is None:
            return [NONE, NONE, NONE]
        return [money(change.previous), voice.signed_money(change.amount), _signed_share(voice, change.percent)]

    lines: list[Row] = []
    for line in report.lines:
        item = figures.lines[line.id]
        shown = NONE if item.amount is None else money(item.amount)
        lines.append(("line", [line.name, shown, _share(voice, item.share), *change_cells(item.change)]))
    in_kind = voice._("in kind")
    lines += [("in-kind", [item.name, in_kind, "", "", "", ""]) for item in report.in_kind]
    subtotals: list[Row] = []
    for label, amount, share, attribute in (
        (voice._("Staff costs"), figures.staff, figures.staff_share, "staff"),
        (voice._("Non-staff costs"), figures.non_staff, figures.non_staff_share, "non_staff"),
    ):
        before = report.by_year.get(previous) if previous is not None else None
        change = None
        gap = getattr(figures, f"missing_{attribute}")
        if before is not None and not gap and not getattr(before, f"missing_{attribute}"):
            old = getattr(before, attribute)
            change = Change(before.year, old, amount - old, percent(amount - old, old))
        subtotals.append(
            ("subtotal", [label, _gapped(money(amount), gap), _share(voice, share), *change_cells(change)])
        )
    difference = report.difference(f"totals.years.{year}")
    total: list[Row] = [
        (
            "total",
            [
                voice._("Total"),
                _gapped(_starred(voice, figures.total, difference), bool(figures.missing)),
                _share(voice, percent(figures.total, figures.total)),
                *change_cells(figures.change),
            ],
        )
    ]
    after = []
    for rate_id, ratio in report.rates:
        after.append(_labelled(voice, voice.say(ratio.label), _share(voice, figures.rates.get(rate_id))))
    for line_id, ratio in report.travel:
        if line_id in figures.cost_per_leg:
            # the currency where the language's CLDR pattern puts it (EUR 2,450.50; 2 450,50 EUR)
            cost = voice.numbers.currency(figures.cost_per_leg[line_id], report.currency)
            after.append(_labelled(voice, voice.say(ratio.label), cost))
    return Table(
        f"{year} · {_title(report, voice)}",
        [
            "",
            str(year),
            voice._("Share"),
            str(previous) if previous is not None else voice._("Previous year"),
            voice._("Change"),
            voice._("Change %"),
        ],
        [lines, subtotals, total],
        after
        + _gap_notes(report, voice, [year])
        + _footnotes(report, voice, [difference] if difference else [])
        + _in_kind_notes(report, voice),
    )


def _gap_notes(report: TotalsReport, voice: Voice, years: Iterable[int]) -> list[str]:
    """One note for each year some line has no figure for: which lines, and that the totals marked † add up the
    other figures only (never a missing figure read as 0)."""
    names = {line.id: line.name for line in report.lines}
    notes = []
    for year in years:
        missing = report.by_year[year].missing
        if missing:
            notes.append(
                GAP
                + " "
                + voice._(
                    "{year}: no figure for {lines}; the totals marked † add up the other figures only",
                    year=str(year),
                    lines=", ".join(names.get(line_id, line_id) for line_id in missing),
                )
            )
    return notes


def _footnotes(report: TotalsReport, voice: Voice, differences: Iterable[StatedDifference]) -> list[str]:
    notes = []
    for item in differences:
        recomputed = voice.money(item.recomputed)
        if item.stated is not None:
            # two figures that differ read differently, however small the difference (495,057.120 → 495,057.121)
            shown, recomputed = voice.numbers.money_pair(item.stated, item.recomputed)
            stated = voice._("{key} states {amount}", key=item.key, amount=shown)
        else:
            stated = voice._("{key} states no total", key=item.key)
        notes.append(
            "* "
            + voice._(
                "{location}: {stated}; recomputed from the lines: {recomputed} (shown)",
                location=item.location,
                stated=stated,
                recomputed=recomputed,
            )
        )
    if notes:
        notes.append("  " + voice._("`ccm-plan fix` rewrites the stated totals from the lines."))
    return notes


def _labelled(voice: Voice, label: str, value: str) -> str:
    # Translators: a figure after its label, below a table ("Social security, % of Salaries: 18.9%")
    return voice._("{label}: {value}", label=label, value=value)


def _in_kind_notes(report: TotalsReport, voice: Voice) -> list[str]:
    in_kind = voice._("in kind")
    # Translators: an in-kind item below the table: its name, "in kind", who provides it
    return [
        voice._("{name} ({in_kind}): {provided_by}", name=item.name, in_kind=in_kind, provided_by=item.provided_by)
        for item in report.in_kind
    ]
