"""The tool's message catalogs: current with the code (like the schema test), complete, and well-formed.

Regenerate after changing the tool's words: python -m ccm_plan.present.catalogs
"""

from __future__ import annotations

import string

import pytest
from babel.messages.pofile import read_po

from ccm_plan.present import catalogs
from ccm_plan.present.words import LANGUAGES, available_languages


def test_catalogs_are_current_with_the_code() -> None:
    stale = catalogs.stale(catalogs.build())
    assert not stale, f"stale catalogs {[str(p) for p in stale]}: run python -m ccm_plan.present.catalogs"


def test_catalog_completeness_per_language(capsys: pytest.CaptureFixture[str]) -> None:
    rows = catalogs.completeness()
    with capsys.disabled():
        print("\n" + catalogs.stats_text(rows), end="")
    by_language = {language: (done, total, missing) for language, done, total, missing in rows}
    assert set(by_language) == set(LANGUAGES) - {"en"}
    _, total, missing = by_language["zh"]
    assert total > 0
    assert not missing, f"zh is to be complete; untranslated: {missing}"
    assert set(available_languages()) == set(LANGUAGES)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != "en"])
def test_translations_name_only_the_fields_of_their_message(language: str) -> None:
    with catalogs.po_path(language).open("rb") as file:
        catalog = read_po(file, locale=language)
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        allowed = set().union(*(_fields(text) for text in ids))
        for text in strings:
            assert _fields(text) <= allowed, (language, message.id, text)
        if isinstance(message.id, tuple):
            assert len(strings) == catalog.num_plurals, (language, message.id)


def test_the_command_checks_and_reports() -> None:
    assert catalogs.main(["--check"]) == 0
