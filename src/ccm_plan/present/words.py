"""The tool's own words (headings, row names, units, messages, hints) from gettext catalogs, per language.

Message ids are the English texts, so English needs no catalog. Other languages' catalogs are gettext PO files in
`present/locale/<lang>/LC_MESSAGES/ccm_plan.po`, compiled to `.mo` files shipped with the package; they are
extracted, updated and compiled with Babel by one command (see `catalogs`)::

    python -m ccm_plan.present.catalogs          # extract, update every PO, compile every MO
    python -m ccm_plan.present.catalogs --check  # exit 1 when a catalog is stale (CI; tests/test_catalogs.py)

A catalog is read with the standard library's `gettext` (Babel is not needed to translate), lazily, once per
language and only for the language asked. A message without a translation is shown in English.

Which language: `--lang` when given, else the user's locale as gettext programs read it (`LANGUAGE`, a
colon-separated list, then `LC_ALL`, `LC_MESSAGES`, `LANG`), else English (`resolve_language`).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

DOMAIN = "ccm_plan"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE_LANGUAGE = "en"
LANGUAGES = ("en", "zh", "fr", "es", "ru", "ar")
"""The languages ccm-plan's words come in (the six of the Convention's documents); others fall back to English."""

ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def resolve_language(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to speak: `option` (from `--lang`) if given, else the first language of the user's locale
    (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`, in gettext's order), else English.

    Returns a language tag as written (`fr`, `fr-CH`, `zh`): `C`, `POSIX` and an empty value mean English.
    `fr_CH.UTF-8` becomes `fr-CH`.
    """
    if option:
        return _tag(option)
    environ = os.environ if environ is None else environ
    for variable in ENVIRONMENT:
        value = environ.get(variable, "")
        for candidate in value.split(":") if variable == "LANGUAGE" else [value]:
            tag = _tag(candidate)
            if tag:
                return tag
    return SOURCE_LANGUAGE


def _tag(value: str) -> str:
    tag = value.split(".")[0].split("@")[0].strip().replace("_", "-")
    return SOURCE_LANGUAGE if tag in ("C", "POSIX") else tag


def base_language(language: str) -> str:
    """`zh` for `zh-Hans` and `zh_CN`: the language a catalog is kept for."""
    return language.replace("_", "-").split("-")[0].lower()


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog of `language` (or of its base language), read once; English needs none, and a
    language without a catalog gets English (`NullTranslations` returns each message id)."""
    base = base_language(language)
    if base == SOURCE_LANGUAGE or not (base.isascii() and base.isalpha() and len(base) <= 8):
        return gettext.NullTranslations()
    if not (LOCALE_DIR / base).is_dir():
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[base], fallback=True)


def available_languages() -> tuple[str, ...]:
    """English and every language with a compiled catalog in the package."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return (SOURCE_LANGUAGE, *found)
