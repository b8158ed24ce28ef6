"""Build the tool's message catalogs with Babel: extract the msgids, update every PO file, compile every MO file.

    python -m ccm_plan.present.catalogs           # after adding or changing words in the code
    python -m ccm_plan.present.catalogs --check   # change nothing; exit 1 and say what is stale (CI, tests)
    python -m ccm_plan.present.catalogs --stats   # completeness per language

What is extracted: every string literal passed to `N_(...)`, `_(...)` (`voice._`) and `n_(singular, plural, n)`
in `src/ccm_plan`. The template is `present/locale/ccm_plan.pot`; each language's translations are in
`present/locale/<lang>/LC_MESSAGES/ccm_plan.po`, compiled beside it to `ccm_plan.mo` (shipped as package data,
read with the standard library's gettext). A new msgid enters each PO file untranslated (shown in English until
it is translated); a msgid no longer in the code leaves them. Locations are written without line numbers, so that
moving code does not make the catalogs stale. See docs/present.md.
"""

from __future__ import annotations

import argparse
import datetime
import io
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .words import DOMAIN, LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE

PACKAGE_DIR = Path(__file__).resolve().parent.parent
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
KEYWORDS: dict[str, Any] = {"_": None, "N_": None, "n_": (1, 2)}
# Fixed dates keep the files the same from one run to the next: the catalogs are compared by the stale test.
DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
HEADER = {
    "project": "ccm-plan",
    "copyright_holder": "ccm-plan developers",
    "msgid_bugs_address": "https://github.com/ccm-plan/ccm-plan/issues",
    "last_translator": "ccm-plan developers",
    "language_team": "ccm-plan developers",
    "header_comment": "# The words of ccm-plan, the tool. Built with: python -m ccm_plan.present.catalogs\n#",
}
TRANSLATED_LANGUAGES = tuple(language for language in LANGUAGES if language != SOURCE_LANGUAGE)


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> Any:
    """Every msgid in the package's code, as a Babel catalog (the template)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(domain=DOMAIN, creation_date=DATE, revision_date=DATE, fuzzy=False, **HEADER)
    found = extract_from_dir(
        PACKAGE_DIR,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(f"ccm_plan/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def updated(language: str, template: Any) -> Any:
    """The language's catalog brought up to the template: new msgids added untranslated, old ones removed."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    path = po_path(language)
    if path.is_file():
        with path.open("rb") as file:
            catalog = read_po(file, locale=language, domain=DOMAIN)
    else:
        catalog = Catalog(locale=language, domain=DOMAIN, creation_date=DATE, fuzzy=False, **HEADER)
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=True)
    catalog.obsolete.clear()
    catalog.revision_date = DATE
    catalog.fuzzy = False
    return catalog


def po_bytes(catalog: Any) -> bytes:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=120, include_lineno=False, ignore_obsolete=True)
    return buffer.getvalue()


def mo_bytes(catalog: Any) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def build() -> dict[Path, bytes]:
    """Every catalog file as it should be: the template, and each language's PO and MO."""
    template = extract()
    files = {TEMPLATE: po_bytes(template)}
    for language in TRANSLATED_LANGUAGES:
        catalog = updated(language, template)
        files[po_path(language)] = po_bytes(catalog)
        files[po_path(language).with_suffix(".mo")] = mo_bytes(catalog)
    return files


def stale(files: dict[Path, bytes]) -> list[Path]:
    """The files that differ from what `build` makes (the Babel version that wrote them aside)."""
    return [
        path
        for path, content in files.items()
        if not path.is_file() or _comparable(path, path.read_bytes()) != _comparable(path, content)
    ]


def _comparable(path: Path, content: bytes) -> object:
    """A file's content as far as it matters: PO text without the Generated-By header; an MO file's messages."""
    if path.suffix == ".mo":
        import gettext

        catalog = gettext.GNUTranslations(io.BytesIO(content))._catalog  # type: ignore[attr-defined]
        return {key: value for key, value in catalog.items() if key != ""}
    return [line for line in content.splitlines() if not line.startswith(b'"Generated-By:')]


def completeness() -> list[tuple[str, int, int, list[str]]]:
    """(language, translated, total, untranslated msgids) for each language, from the committed PO files."""
    from babel.messages.pofile import read_po

    result = []
    template = extract()
    total = len([m for m in template if m.id])
    for language in TRANSLATED_LANGUAGES:
        path = po_path(language)
        if not path.is_file():
            result.append((language, 0, total, [str(m.id) for m in template if m.id]))
            continue
        with path.open("rb") as file:
            catalog = read_po(file, locale=language)
        missing = [_msgid(m.id) for m in catalog if m.id and not _translated(m.string)]
        result.append((language, total - len(missing), total, missing))
    return result


def _msgid(msgid: str | tuple[str, ...] | list[str]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _translated(string: str | tuple[str, ...] | list[str] | None) -> bool:
    if isinstance(string, (tuple, list)):
        return all(string)
    return bool(string)


def stats_text(rows: Iterable[tuple[str, int, int, list[str]]]) -> str:
    lines = [f"{SOURCE_LANGUAGE}: the source language (message ids are English)"]
    for language, done, total, _missing in rows:
        lines.append(f"{language}: {done}/{total} translated ({done * 100 // max(total, 1)}%)")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ccm_plan.present.catalogs", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a catalog is stale")
    parser.add_argument("--stats", action="store_true", help="print completeness per language")
    args = parser.parse_args(argv)
    if args.stats:
        sys.stdout.write(stats_text(completeness()))
        return 0
    files = build()
    changed = stale(files)
    if args.check:
        for path in changed:
            print(f"stale: {path.relative_to(PACKAGE_DIR.parent)}", file=sys.stderr)
        if changed:
            print("run: python -m ccm_plan.present.catalogs", file=sys.stderr)
        return 1 if changed else 0
    from ..read.atomic import write_bytes

    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, files[path])
        print(f"wrote {path.relative_to(PACKAGE_DIR.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
