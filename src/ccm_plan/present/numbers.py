"""How amounts and percentages read in messages and tables: 69,176 · 1,234.50 · 18.9% · +100%."""

from __future__ import annotations

from decimal import Decimal


def money(value: Decimal | int) -> str:
    """Thousands separators, and decimals only when the amount has them (69,176; 1,234.50)."""
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return f"{value:,.2f}"
    return f"{int(value):,}"


def signed_money(value: Decimal | int) -> str:
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + money(-value if value < 0 else value)


def pct(value: Decimal, places: int = 1) -> str:
    """A percentage with at most `places` decimals and no trailing zeros (18.9%, 20%)."""
    text = f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def signed_pct(value: Decimal, places: int = 1) -> str:
    text = pct(abs(value), places)
    return ("+" if value > 0 else "−" if value < 0 else "±") + text
