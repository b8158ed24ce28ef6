"""How figures read: locale-aware text for people (CLDR via Babel) and one canonical spelling for machines.

For people, `Numbers(locale, places)` formats for one output: money at the plan's precision (see `precision`),
percentages, counts and years, with the locale's CLDR symbols and grouping (en and zh `2,940,552.26`, fr
`2 940 552,26` with a narrow no-break space, es `2.940.552,26`, ru `2 940 552,26` with a no-break space, ar with
Latin digits as CLDR's `latn` numbering gives them). Every figure is rounded once, half up (`rounding`), then
only spelled by Babel.

For machines (JSON, CSV), `canonical_amount` and `canonical_percent` give one locale-free decimal string:
`"469686.50"` in a plan with cents, `"469686"` in a whole-unit plan, `"73.24"` for a percentage.

Rules that hold in every output:

- a non-zero figure never reads as zero: a difference of 0.004 in a plan with cents reads `0.004`, a share of
  0.0004% reads `0.0004%` (`rounding.places_to_show`);
- no negative zero: `-0.0` reads `0`;
- years and ids are never formatted as money (`year(2031)` is `2031`); counts are whole and grouped.

English needs no Babel: its CLDR format (`#,##0.###`, `,` and `.`, `-`, `#,##0%`) is what Python's own format
gives, which a test checks against Babel for many figures; so `validate` in English never imports Babel.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import Any

from .rounding import places_to_show, round_half_up

PERCENT_PLACES = 1
"""Decimals of a percentage for people (18.9%); more when a non-zero share would read as zero."""

CANONICAL_PERCENT_PLACES = 2
"""Decimals of a percentage in JSON ("73.24"); more when a non-zero share would read as zero."""

ENGLISH = "en"


# ------------------------------------------------------------------------------------------ machine formats


def canonical_amount(value: Decimal | int, places: int) -> str:
    """An amount for JSON and CSV: half up at the plan's `places`, no separators (`"469686.50"`, `"469686"`).

    A non-zero amount finer than `places` keeps the decimals that show it (`"0.004"`); zero is `"0"`/`"0.00"`.
    """
    value = Decimal(value)
    return format(round_half_up(value, places_to_show(value, places)), "f")


def canonical_percent(value: Decimal, places: int = CANONICAL_PERCENT_PLACES) -> str:
    """A percentage (in percent units: 18.91 for 18.91%) for JSON: two or more decimals, `"18.91"`."""
    return format(round_half_up(value, places_to_show(value, places)), "f")


# ---------------------------------------------------------------------------------------------- for people


def exact_places(value: Decimal) -> int:
    """The decimals `value` needs to be written exactly: 0 for 20 and 20.00, 1 for 12.5."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def locale_name(language: str) -> str:
    """A CLDR locale name for a language tag as users write it: `fr-CH` and `fr_CH.UTF-8` → `fr_CH`; `C` and
    `POSIX` → `en`."""
    tag = language.split(".")[0].split("@")[0].replace("-", "_")
    return ENGLISH if tag in ("", "C", "POSIX") else tag


class Numbers:
    """Figures for people in one locale, with the plan's money precision `places` (0: whole units).

    >>> Numbers("fr", places=2).money(Decimal("1234567.891"))
    '1\u202f234\u202f567,89'
    """

    def __init__(self, locale: str = ENGLISH, places: int = 0) -> None:
        self.locale = locale_name(locale)
        self.places = places
        self._babel: Any = None if self.locale == ENGLISH else _babel_locale(self.locale)

    # -- money
    def money(self, value: Decimal | int, places: int | None = None) -> str:
        """An amount at the plan's precision (or `places`), grouped: `2,940,552`, `98,406.25`, `1 234,50`."""
        value = Decimal(value)
        shown = places_to_show(value, self.places if places is None else places)
        return self._decimal(round_half_up(value, shown), shown)

    def signed_money(self, value: Decimal | int, places: int | None = None) -> str:
        """A change of an amount: `+8,863`, `-1,234.50`; zero unsigned (`0`)."""
        value = Decimal(value)
        return self._signed(value, self.money(abs(value), places))

    def money_pair(self, old: Decimal, new: Decimal) -> tuple[str, str]:
        """Two amounts that differ, with the decimals that make them read differently (`495,057.120 →
        495,057.121` for a change of 0.001 in a plan with cents)."""
        from .rounding import places_to_tell_apart

        places = places_to_tell_apart(old, new, self.places)
        return self.money(old, places), self.money(new, places)

    # -- percentages (given in percent units: 18.91 for 18.91%)
    def percent(self, value: Decimal, places: int | None = PERCENT_PLACES) -> str:
        """A percentage with `places` decimals (more if a non-zero value would read as zero): `18.9%`, `18,9 %`.

        `places=None`: as many decimals as the value has (a rate the plan states: `20%`, `12.5%`).
        """
        if places is None:
            places = exact_places(value)
        shown = places_to_show(value, places)
        rounded = round_half_up(value, shown)
        if self._babel is None:
            return f"{self._decimal(rounded, shown)}%"
        text: str = self._pattern("percent", shown).apply(rounded / 100, self._babel)
        return _apostrophe_guard(text, self._babel)

    def signed_percent(self, value: Decimal, places: int | None = PERCENT_PLACES) -> str:
        """A change in percent: `+1.8%`, `-12.5%`; a non-zero change never reads `+0%` (`+0.003%`)."""
        return self._signed(value, self.percent(abs(value), places))

    def currency(self, value: Decimal | int, code: str, places: int | None = None) -> str:
        """An amount with its currency code where the locale's CLDR currency pattern puts it: `EUR 2,450.50` (en,
        zh: before, spaced as CLDR's currency spacing asks beside a code's letters), `2 450,50 EUR` (fr, es, ru,
        ar: after, with a no-break space)."""
        amount = self.money(value, places)
        before, after = _currency_sides(self.locale)
        if before:
            return f"{code}\u00a0{amount}" if amount[:1] != "-" else f"-{code}\u00a0{amount[1:]}"
        return f"{amount}{after.replace('¤', code)}"

    # -- other figures
    def count(self, value: int) -> str:
        """A whole count (legs, lines, posts), grouped: `1,000`."""
        return self._decimal(Decimal(value), 0)

    def number(self, value: Decimal, places: int) -> str:
        """A figure that is not money (a full-time equivalent, a rate), at `places` decimals, grouped."""
        shown = places_to_show(value, places)
        return self._decimal(round_half_up(value, shown), shown)

    @staticmethod
    def year(value: int) -> str:
        """A year as written, never grouped: `2031`."""
        return str(value)

    # -- internals
    def _signed(self, value: Decimal, text: str) -> str:
        if value.is_zero() or round_half_up(value, 12).is_zero():
            return text
        if self._babel is None:
            return ("+" if value > 0 else "-") + text
        symbols = self._babel.number_symbols["latn"]
        sign: str = symbols["plusSign"] if value > 0 else symbols["minusSign"]
        return sign + text

    def _decimal(self, rounded: Decimal, places: int) -> str:
        if self._babel is None:
            return f"{rounded:,.{places}f}"
        text: str = self._pattern("decimal", places).apply(rounded, self._babel)
        return _apostrophe_guard(text, self._babel)

    def _pattern(self, kind: str, places: int) -> Any:
        return _pattern(self.locale, kind, places)


@cache
def _currency_sides(locale: str) -> tuple[bool, str]:
    """Whether the locale's CLDR currency pattern puts the currency before the number, and what follows the
    number when it does not (`'\u00a0¤'`)."""
    if locale == ENGLISH:
        return True, ""
    pattern = _babel_locale(locale).currency_formats["standard"]
    if "¤" in pattern.prefix[0]:
        return True, ""
    return False, pattern.suffix[0] or "\u00a0¤"


def sheet_locale(language: str) -> str:
    """The locale modifier a spreadsheet number format carries for `language` (`[$-40C]` for fr, `[$-C0A]` for
    es), so that LibreOffice shows number cells with the language's separators, as the text cells write figures
    (`393 625,00`, not `393,625.00` beside `80 905,49`); empty where CLDR's separators are English's (en, zh, ar
    with Latin digits), which is a format without a modifier. The code is the Windows locale id (LCID) of the
    language's main territory (Python's `locale.windows_locale`). Excel shows number cells with the separators of
    the reader's system whatever the modifier (it uses it for dates only): docs/export.md."""
    import locale as system_locale

    name = locale_name(language)
    if name == ENGLISH:
        return ""
    symbols = _babel_locale(name).number_symbols["latn"]
    if (symbols["decimal"], symbols["group"]) == (".", ","):
        return ""
    ids = {value.lower(): key for key, value in system_locale.windows_locale.items()}
    base = name.split("_")[0].lower()
    for candidate in (name.lower(), f"{base}_{base}", *sorted(n for n in ids if n.split("_")[0] == base)):
        if candidate in ids:
            return f"[$-{ids[candidate]:X}]"
    return ""


def sheet_format(language: str, code: str) -> str:
    """A spreadsheet number format written as for English (`#,##0.00`, `+0.0%;-0.0%`) for `language`'s
    readers: the locale modifier (`sheet_locale`) first, and each `%` as the language's CLDR percent pattern
    writes it (`0.0" "%` with a no-break space in fr and es, `0.0%` in en)."""
    tag = sheet_locale(language)
    if "%" in code:
        shown = Numbers(language).percent(Decimal(25), 0)
        after = shown.partition("25")[2]
        space = after.replace("%", "")
        if space.strip() == "" and space:
            code = code.replace("%", f'"{space}"%')
    return tag + code


@cache
def _babel_locale(name: str) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(name.split("_")[0])
        except (UnknownLocaleError, ValueError):
            return Locale.parse(ENGLISH)


@cache
def _pattern(locale: str, kind: str, places: int) -> Any:
    """The locale's CLDR decimal or percent pattern, with exactly `places` decimals."""
    import copy

    babel_locale = _babel_locale(locale)
    formats = babel_locale.decimal_formats if kind == "decimal" else babel_locale.percent_formats
    pattern = copy.copy(formats[None])
    pattern.frac_prec = (places, places)
    return pattern


_DIGITS = re.compile(r"\d+")


def _apostrophe_guard(text: str, babel_locale: Any) -> str:
    """Undo Babel's loss of grouping in locales that group with an apostrophe (de_CH, fr_CH, it_CH, en_CH).

    Babel unquotes pattern literals (`'...'`) in the *formatted* text, so `1'234'567.89` comes out
    `1234567.89` (and `1'234'567'890` as `1234567'890`). Where the group symbol is an apostrophe, the integer
    part is grouped again as the locale's pattern says. Pinned by tests/test_present.py.
    """
    group: str = babel_locale.number_symbols["latn"]["group"]
    if "'" not in group:
        return text
    match = _DIGITS.search(text)
    if match is None:
        return text
    # the integer part runs from the first digit to the decimal symbol (or the end of the digits and groups)
    decimal = babel_locale.number_symbols["latn"]["decimal"]
    start = match.start()
    end = start
    while end < len(text) and (text[end].isdigit() or text[end] == group):
        end += 1
    if decimal in text[start:end]:
        end = text.index(decimal, start)
    digits = text[start:end].replace(group, "")
    primary, secondary = babel_locale.decimal_formats[None].grouping
    groups = []
    if len(digits) > primary:
        groups.append(digits[-primary:])
        digits = digits[:-primary]
        while len(digits) > secondary:
            groups.insert(0, digits[-secondary:])
            digits = digits[:-secondary]
    groups.insert(0, digits)
    return text[:start] + group.join(groups) + text[end:]


# ------------------------------------------------------------------------------------------------- legacy
# The English spellings the outputs used before this layer; kept while exports/xlsx.py (issue 11) still calls
# them. They take the decimals from the value itself, not from the plan: new code uses `Numbers`.


def money(value: Decimal | int, places: int | None = None) -> str:
    """Thousands separators, and decimals only when the amount has them (69,176; 1,234.50); with `places`, that
    many decimals always (the plan's precision: 15,600.00 in a plan written in cents)."""
    if places is not None:
        return f"{Decimal(value):,.{places}f}"
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return f"{round_half_up(value, 2):,.2f}"
    return f"{int(value):,}"


def signed_money(value: Decimal | int, places: int | None = None) -> str:
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + money(-value if value < 0 else value, places)


def pct(value: Decimal, places: int = 1) -> str:
    """A percentage with at most `places` decimals and no trailing zeros (18.9%, 20%)."""
    places = places_to_show(value, places)  # a non-zero percentage never reads as 0% (+0.02%, not +0%)
    text = f"{round_half_up(value, places):.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def signed_pct(value: Decimal, places: int = 1) -> str:
    text = pct(abs(value), places)
    return ("+" if value > 0 else "−" if value < 0 else "±") + text
