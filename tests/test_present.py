"""The presentation layer: one rounding rule, the plan's precision, CLDR number formats, canonical machine spellings.

Golden strings per locale are written out in full (with their no-break spaces), so a change of Babel's CLDR data
or of a rule shows here first.
"""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from ccm_plan.present.message import (
    N_,
    Code,
    Count,
    Message,
    Money,
    Name,
    Number,
    Percent,
    SignedMoney,
    SignedPercent,
    Year,
)
from ccm_plan.present.numbers import Numbers, canonical_amount, canonical_percent
from ccm_plan.present.precision import currency_places, money_places, plan_places
from ccm_plan.present.rounding import places_to_show, places_to_tell_apart, round_half_up
from ccm_plan.present.voice import Voice
from ccm_plan.present.words import resolve_language
from ccm_plan.read.loader import load_plan
from conftest import CLI_ENV, DATA, FIXTURES, MINIMAL, ROOT, copy_plan, edit

CENTS = FIXTURES / "cents"
NNBSP, NBSP = "\u202f", "\u00a0"


# ---------------------------------------------------------------------------------------------- rounding


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("1762.5", 0, "1763"),  # half up, not half even (1762)
        ("2.5", 0, "3"),
        ("-2.5", 0, "-3"),  # a tie goes away from zero, as ROUND in a spreadsheet
        ("2.675", 2, "2.68"),
        ("0.125", 2, "0.13"),
        ("-0.004", 2, "0.00"),  # no negative zero
        ("-0.0", 1, "0.0"),
    ],
)
def test_round_half_up(value: str, places: int, expected: str) -> None:
    rounded = round_half_up(Decimal(value), places)
    assert str(rounded) == expected
    assert not rounded.is_signed() or not rounded.is_zero()


def test_places_to_show_a_non_zero_figure_never_reads_as_zero() -> None:
    assert places_to_show(Decimal("0.004"), 2) == 3
    assert places_to_show(Decimal("-0.00004"), 1) == 5
    assert places_to_show(Decimal("0.3"), 0) == 1
    assert places_to_show(Decimal(0), 2) == 2
    assert places_to_show(Decimal("12.34"), 2) == 2


def test_places_to_tell_apart_two_figures_that_differ() -> None:
    assert places_to_tell_apart(Decimal("495057.12"), Decimal("495057.121"), 2) == 3
    assert places_to_tell_apart(Decimal("10"), Decimal("11"), 0) == 0
    assert places_to_tell_apart(Decimal("5"), Decimal("5"), 2) == 2


# --------------------------------------------------------------------------------------------- precision


def test_precision_of_a_whole_unit_plan_is_whole_units_without_babel() -> None:
    plan = load_plan(DATA)
    assert plan_places(plan.budget) == 0
    plan = load_plan(MINIMAL)
    assert plan_places(plan.budget) == 0


def test_precision_of_a_plan_with_cents_is_the_currency_minor_unit() -> None:
    plan = load_plan(CENTS)
    assert plan.is_usable, plan.problems
    assert plan.budget.currency == "EUR"
    assert plan_places(plan.budget) == 2


def test_precision_from_cldr_and_as_declared() -> None:
    assert (currency_places("CHF"), currency_places("JPY"), currency_places("KWD")) == (2, 0, 3)
    assert money_places("JPY", [Decimal("0.5")]) == 0
    assert money_places("KWD", [Decimal("0.5")]) == 3
    assert money_places("EUR", [Decimal(1)], declared=2) == 2
    assert money_places("EUR", [Decimal("1.5")], declared=0) == 0


def test_precision_declared_by_the_plan(tmp_path: Path) -> None:
    folder = copy_plan(MINIMAL, tmp_path / "plan")
    edit(folder / "budget.yaml", "currency: EUR", "currency: EUR\ndecimals: 2")
    plan = load_plan(folder)
    assert plan.is_usable, plan.problems
    assert plan_places(plan.budget) == 2


# ---------------------------------------------------------------------------------------- figures for people

GOLDEN = {
    # locale: (money 1,234,567.891 at 2 places, whole 2,940,552, percent 18.91 at 1 place, change −12.5%)
    "en": ("1,234,567.89", "2,940,552", "18.9%", "-12.5%"),
    "zh": ("1,234,567.89", "2,940,552", "18.9%", "-12.5%"),
    "fr": (f"1{NNBSP}234{NNBSP}567,89", f"2{NNBSP}940{NNBSP}552", f"18,9{NBSP}%", f"-12,5{NBSP}%"),
    "es": ("1.234.567,89", "2.940.552", f"18,9{NBSP}%", f"-12,5{NBSP}%"),
    "ru": (f"1{NBSP}234{NBSP}567,89", f"2{NBSP}940{NBSP}552", f"18,9{NBSP}%", f"-12,5{NBSP}%"),
    "ar": ("1,234,567.89", "2,940,552", "18.9%", "\u200e-12.5%"),
}


@pytest.mark.parametrize("locale", sorted(GOLDEN))
def test_figures_per_locale_from_cldr(locale: str) -> None:
    cents, whole = Numbers(locale, places=2), Numbers(locale, places=0)
    money, whole_money, share, change = GOLDEN[locale]
    assert cents.money(Decimal("1234567.891")) == money
    assert whole.money(Decimal(2940552)) == whole_money
    assert cents.percent(Decimal("18.91")) == share
    assert cents.signed_percent(Decimal("-12.5")) == change


def test_a_column_of_money_has_one_precision() -> None:
    numbers = Numbers("en", places=2)
    assert [numbers.money(Decimal(v)) for v in ("120000", "98406.25", "5944.1")] == [
        "120,000.00",
        "98,406.25",
        "5,944.10",
    ]


def test_swiss_apostrophe_grouping_of_seven_digits_and_more() -> None:
    # Babel unquotes pattern literals in its formatted text, so "1'234'567.89" would lose its apostrophes.
    from babel.numbers import format_decimal

    assert format_decimal(Decimal("1234567.89"), locale="de_CH") == "1234567.89", "Babel fixed it: drop the guard"
    assert Numbers("de-CH", 2).money(Decimal("1234567.891")) == "1'234'567.89"
    assert Numbers("de_CH", 0).money(Decimal("1234567890")) == "1'234'567'890"
    assert Numbers("it-CH", 0).money(Decimal("2940552")) == "2'940'552"
    assert Numbers("fr-CH", 2).money(Decimal("2940552.26")) == "2'940'552,26"
    assert Numbers("de-CH", 2).money(Decimal("1234.5")) == "1'234.50"
    assert Numbers("de-CH", 0).money(Decimal("999")) == "999"
    assert Numbers("de-CH", 1).percent(Decimal("1234567.5")) == "1'234'567.5%"


def test_english_without_babel_is_what_babel_gives() -> None:
    from babel.numbers import format_decimal, format_percent

    for text in ("0", "1", "-1", "999.5", "1000", "-1234567.891", "0.004", "20", "12345678901234.5", "-0.0"):
        value = Decimal(text)
        for places in (0, 1, 2, 3):
            rounded = round_half_up(value, places_to_show(value, places))
            shown = places_to_show(value, places)
            expected = format_decimal(rounded, format=f"#,##0.{'0' * shown}" if shown else "#,##0", locale="en")
            assert Numbers("en", places).money(value) == expected, (text, places)
            percent = format_percent(rounded / 100, format=f"#,##0.{'0' * shown}%" if shown else "#,##0%", locale="en")
            assert Numbers("en").percent(value, places) == percent, (text, places)


def test_no_negative_zero_and_no_zero_for_a_non_zero_figure() -> None:
    numbers = Numbers("en", places=2)
    assert numbers.money(Decimal("-0.0")) == "0.00"
    assert numbers.signed_money(Decimal("-0.0")) == "0.00"
    assert numbers.percent(Decimal("-0.0")) == "0.0%"
    assert numbers.signed_percent(Decimal("0.0003")) == "+0.0003%"  # never "+0%" for a change that is not zero
    assert numbers.signed_money(Decimal("-0.004")) == "-0.004"  # a sub-cent difference is shown
    assert numbers.money_pair(Decimal("495057.12"), Decimal("495057.121")) == ("495,057.120", "495,057.121")


def test_years_counts_and_ids_are_not_money() -> None:
    voice = Voice("fr", places=2)
    assert voice.value(Year(2031)) == "2031"
    assert voice.value(Code("totals.years.2031")) == "totals.years.2031"
    assert voice.value(2031) == "2031"
    assert voice.value(Count(12000)) == f"12{NNBSP}000"
    assert voice.value(Money(Decimal(2031))) == f"2{NNBSP}031,00"


# ------------------------------------------------------------------------------------------ machine spellings


def test_canonical_spellings_for_json_and_csv() -> None:
    assert canonical_amount(Decimal("469686.5"), 2) == "469686.50"
    assert canonical_amount(Decimal("469686.50"), 0) == "469687"  # half up at the plan's precision
    assert canonical_amount(Decimal(469686), 0) == "469686"
    assert canonical_amount(Decimal(469686), 2) == "469686.00"
    assert canonical_amount(Decimal("-0.0"), 2) == "0.00"
    assert canonical_amount(Decimal("0.004"), 2) == "0.004"
    assert canonical_percent(Decimal("73.2449")) == "73.24"
    assert canonical_percent(Decimal(20)) == "20.00"
    assert canonical_percent(Decimal("0.003")) == "0.003"
    assert canonical_percent(Decimal("-0.0")) == "0.00"


# ------------------------------------------------------------------------------------------------- messages


def test_a_message_is_made_into_text_in_the_language_asked() -> None:
    message = Message(
        N_("{count} problem"),
        count=Count(1),
    )
    assert Voice("en").say(message) == f"{1} problem"
    name = Name({"en": "UN meetings", "fr": "Réunions de l'ONU"}, ("en", "fr"))
    assert Voice("en").value(name) == "UN meetings"  # never lowercased
    assert Voice("fr").value(name) == "Réunions de l'ONU"
    assert Voice("es").value(name) == "UN meetings"  # not in the plan: the plan's first language
    assert Voice("zh").value(Name({"zh": "薪金", "en": "Salaries"}, ("zh", "en"))) == "薪金"
    assert Voice("en").value(SignedMoney(Decimal(-5))) == "-5"
    assert Voice("es", places=2).value(SignedPercent(Decimal("1.82"))) == f"+1,8{NBSP}%"
    assert Voice("en").value(Percent(Decimal(20), 2)) == "20.00%"


@pytest.mark.parametrize(
    ("value", "limit", "places", "expected"),
    [
        ("12.99", "13", 1, "12.99%"),  # not 13.0% beside a 13% limit
        ("13.004", "13", 1, "13.004%"),
        ("5.008", "5", 1, "5.01%"),
        ("12.951", "12.95", 1, "12.951%"),  # the limit shows as stated: 12.95%
        ("100.0004", "100", None, "100.0004%"),
        ("15.8", "10", 1, "15.8%"),  # far from the limit: as asked
        ("13", "13", 1, "13.0%"),  # equal: nothing to tell apart
    ],
)
def test_a_percentage_never_reads_as_the_limit_it_is_compared_with(
    value: str, limit: str, places: int | None, expected: str
) -> None:
    voice = Voice("en")
    shown = voice.value(Percent(Decimal(value), places, versus=Decimal(limit)))
    assert shown == expected
    if value != limit:
        assert shown != voice.value(Percent(Decimal(limit), None))
        assert voice.value(SignedPercent(Decimal(value), places, versus=Decimal(limit))) == "+" + expected
    assert Voice("fr").value(Percent(Decimal("12.99"), 1, versus=Decimal(13))) == f"12,99{NBSP}%"
    assert Voice("fr").value(Percent(Decimal(13), None)) == f"13{NBSP}%"


def test_a_number_that_is_not_money_is_shown_as_written() -> None:
    assert Voice("en").value(Number(Decimal("0.5"))) == "0.5"
    assert Voice("fr").value(Number(Decimal("0.9836"))) == "0,9836"
    assert Voice("en", places=2).value(Number(Decimal(1))) == "1"


def test_words_fall_back_to_english() -> None:
    assert Voice("zh")._("warning") == "警告"
    assert Voice("zh-Hans")._("warning") == "警告"
    assert Voice("de")._("warning") == "warning"  # no German catalog
    assert Voice("zh")._("a message no catalog has") == "a message no catalog has"
    for odd in ("..", "../zh", "", "x" * 300):  # a tag is never a path
        assert Voice(odd)._("warning") == "warning"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr-FR"),
        ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"}, "es-ES"),
        ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "es_ES", "LC_ALL": "ru_RU.UTF-8"}, "ru-RU"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "ru_RU.UTF-8", "LANGUAGE": "zh_CN:en"}, "zh-CN"),
        ({"LANGUAGE": "", "LANG": "ar_EG.UTF-8"}, "ar-EG"),
    ],
)
def test_language_from_the_environment_as_gettext_reads_it(environ: dict[str, str], expected: str) -> None:
    assert resolve_language(None, environ) == expected
    assert resolve_language("zh", environ) == "zh"  # --lang wins


def test_validate_in_english_does_not_load_babel_or_catalogs() -> None:
    script = (
        "import sys\n"
        "sys.argv = ['ccm-plan', 'validate', 'data']\n"
        "from ccm_plan.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m == 'babel' or m.startswith('babel.')))\n"
    )

    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=CLI_ENV, capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr
