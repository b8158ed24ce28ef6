"""A date as a document in a given language writes it: "30 August 2021", "2021年8月30日", "30 août 2021".

CLDR's long date format through Babel (imported when a date is formatted, never at start-up). English takes the
British form, as United Nations documents write dates (day, month, year).
"""

from __future__ import annotations

import datetime

# The CLDR locale a plan language's dates are written in, where it is not the language itself.
LOCALES = {"en": "en_GB"}


def long_date(date: datetime.date, language: str) -> str:
    """`date` in the long form of `language` (a plan language code: en, zh, fr, ...); a language CLDR does not
    know gets the ISO form (2021-08-30)."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import format_date

    try:
        locale = Locale.parse(LOCALES.get(language, language).replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return date.isoformat()
    return str(format_date(date, "long", locale=locale))
