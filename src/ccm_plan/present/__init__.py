"""How figures and words reach people: one layer every output goes through (docs/present.md).

- `rounding`: the one rounding rule (half up), no negative zero, decimals that keep a non-zero figure non-zero;
- `precision`: the plan's money precision (declared `decimals`, else 0 for whole amounts, else the currency's
  minor unit from CLDR);
- `numbers`: locale-aware figures from CLDR via Babel (`Numbers`), canonical spellings for JSON and CSV;
- `words`: the tool's words from gettext catalogs, the language from `--lang` or the user's locale;
- `message`: messages as values (an id and typed arguments) that rules and diff produce, `N_` to mark msgids;
- `voice`: `Voice(language, places)`, what an output calls to make words and figures into text;
- `spreadsheet`: the number formats of a workbook's cells at a plan's precision (money, signed, percent);
- `catalogs`: `python -m ccm_plan.present.catalogs` extracts, updates and compiles the catalogs with Babel.

Nothing is imported here, on purpose: `validate` in English loads neither Babel nor a catalog.
"""
