"""The figures people ask for: lines × years with totals, shares and ratios, or one year line by line.

The package is split by what each part does: `model` (the report: every figure, exact, from `compute`, so
`totals` and `validate` never disagree), `tables` (rows and cells made into text for one language through
`present`), `layout` (tables drawn for a terminal), `renderers` (text, Markdown, JSON, CSV; FORMATS). The
language chooses the tool's words, the plan's names and the number format; no figure depends on it.

Where the plan states a total that differs from the sum of its lines, the report shows the recomputed figure,
marks it with `*` and says so below the table, with the place of the stale figure. Where a line has no figure
for a year (a draft: the `period-years` finding), the figure reads as missing (`—`; null in JSON; an empty CSV
cell), never as 0: every total that leaves it out is marked `†` and a note below the table names the lines and
years; a change or a ratio that would need the missing figure is not given (`—`, null).

JSON shape (`--format json`, version 3), written with one record (a line, a year's line, a stated difference)
a line of text. Every amount is a decimal string at the plan's precision (`decimals`): "2940552" in a
whole-unit plan, "469686.50" in a plan with cents (a non-zero amount finer than that keeps the decimals that
show it). Percentages are strings with two decimals or more ("73.24", "0.003"), rounded half up, or null where
they are undefined (a share of zero, the first year's change). No float ever carries a figure. Version 2 gave
rates and travel by id (budget schema 2); version 3 made every amount a string at the plan's precision (before,
JSON integers for whole amounts) and added `decimals`::

    {
      "version": 3, "title": "ISU budget 2021–2026", "currency": "CHF", "decimals": 0, "language": "en",
      "period": {"start": 2021, "end": 2026},
      "years": [2021, ...],                   # the years reported: every year, or those asked for with --year
      "lines": [{"id": "salaries", "name": "Salaries", "cost_type": "staff",
                 "amounts": {"2021": "341405", ...},            # every year of the period
                 "total": "2153794", "missing_years": [],       # years without a figure: null in amounts
                 "share_percent": "73.24"}],                    # of the plan total
      "in_kind": [{"id": "administrative-costs", "name": "...", "provided_by": "..."}],
      "plan": {"total": "2940552", "stated": "2940552", "staff": "2580552", "staff_share_percent": "87.76",
               "non_staff": "360000", "non_staff_share_percent": "12.24"},
      "by_year": [{"year": 2023, "total": "495057", "stated": "495057",
                   "change": {"previous_year": 2022, "previous": "486194", "amount": "8863",
                              "percent": "1.82"},                # null for the first year
                   "staff": "435057", "staff_share_percent": "87.88",
                   "non_staff": "60000", "non_staff_share_percent": "12.12",
                   "missing_lines": [],                         # lines without a figure this year: left out
                   "rates_percent": {"social-security": "18.91"},  # each of parameters.rates: line ÷ base
                   "cost_per_leg": {"travel": "2200"},          # each of parameters.travel, by its line
                   "lines": [{"id": "salaries", "amount": "365881", "share_percent": "73.91",
                              "change": {...}}]}],              # one entry per reported year
      "stated_differences": [{"file": "data/budget.yaml", "line": 60, "column": 37,
                              "key": "totals.years.2023", "stated": "495000", "recomputed": "495057"}]
    }

`stated` is null when the plan states no total for that year. CSV (`--format csv`) is the amounts table, every
amount at the plan's precision:
columns `kind,id,name,cost_type`, one per reported year, and `total` (the whole period) when every year is
reported; rows `kind=line` per line, `in-kind` (amount cells empty), `subtotal` (`staff`, `non-staff`) and
`total`. Shares and ratios are in the text, Markdown and JSON formats.
"""

from __future__ import annotations

from .model import (
    InKindRow,
    LineFigures,
    LineYear,
    Ratio,
    StatedDifference,
    TotalsOutcome,
    TotalsReport,
    YearFigures,
    YearLines,
    build_report,
    choose_years,
    totals_for,
)
from .renderers import (
    FORMATS,
    JSON_VERSION,
    render_csv,
    render_json,
    render_markdown,
    render_text,
    report_data,
    write_json,
)

__all__ = [
    "FORMATS",
    "JSON_VERSION",
    "InKindRow",
    "LineFigures",
    "LineYear",
    "Ratio",
    "StatedDifference",
    "TotalsOutcome",
    "TotalsReport",
    "YearFigures",
    "YearLines",
    "build_report",
    "choose_years",
    "render_csv",
    "render_json",
    "render_markdown",
    "render_text",
    "report_data",
    "totals_for",
    "write_json",
]
