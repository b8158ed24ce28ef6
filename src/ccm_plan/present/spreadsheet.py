"""Number formats of a workbook's cells (Excel format codes) at a plan's precision, so that a figure in a cell reads
as every other output shows it (docs/present.md).

A cell keeps the exact figure and the spreadsheet program shows it through its format code in the reader's own
locale (separators and digits are the program's): the code fixes what the tool decides everywhere else, the number
of decimals (`present.precision`), the grouping of thousands and the sign of a change.

- `money_format(2)`: `#,##0.00;-#,##0.00` (1,234,567.89; -2,492.65), `money_format(0)`: `#,##0;-#,##0`;
- `signed_money_format(2)`: `+#,##0.00;-#,##0.00;0` (+1,450.00; -2,492.65; 0), as a change or a variance reads;
- `percent_format(1)`: `0.0%` (18.9%), `signed_percent_format(1)`: `+0.0%;-0.0%;0.0%` (+3.5%).
"""

from __future__ import annotations


def _decimals(places: int) -> str:
    return "." + "0" * places if places > 0 else ""


def money_format(places: int) -> str:
    """Amounts: grouped thousands, `places` decimals (the plan's precision)."""
    number = "#,##0" + _decimals(places)
    return f"{number};-{number}"


def signed_money_format(places: int) -> str:
    """A change or a variance: its sign always shown, zero without one."""
    number = "#,##0" + _decimals(places)
    return f"+{number};-{number};0"


def percent_format(places: int = 1) -> str:
    """A share or a rate (the cell holds the fraction: 0.189 shows 18.9%)."""
    return "0" + _decimals(places) + "%"


def signed_percent_format(places: int = 1) -> str:
    """A change in percent: its sign always shown."""
    number = "0" + _decimals(places) + "%"
    return f"+{number};-{number};{number}"
