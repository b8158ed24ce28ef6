"""The findings made while reading a plan, before any rule runs: YAML, shape, plan files, stale waivers.

Their checks live where the reading happens (`source.py`, `loader.py`, `check.py`); their documentation lives
here, in the same form as a rule module's docstring, so `ccm-plan rules` and `docs/rules.md` show every id a
finding can carry.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..problems import Severity


@dataclass(frozen=True)
class ReadingRule:
    """A documented finding id without a check function of its own."""

    id: str
    summary: str
    severity: Severity
    doc: str


YAML_SYNTAX = ReadingRule(
    "yaml-syntax",
    "The file is UTF-8 text and valid YAML, with one document and space indentation.",
    Severity.ERROR,
    """yaml-syntax: the file is UTF-8 text and valid YAML, with one document and space indentation.

Reported at the parser's position; nothing else in the file is checked until it parses.

Passes::

    amounts: {2021: 100, 2022: 120}

Fails (the brace is never closed)::

    amounts: {2021: 100, 2022: 120
""",
)

YAML_DUPLICATE_KEY = ReadingRule(
    "yaml-duplicate-key",
    "No key appears twice in the same mapping.",
    Severity.ERROR,
    """yaml-duplicate-key: no key appears twice in the same mapping.

Most YAML readers keep the last value silently, so a year pasted twice would change a total without a trace.

Passes::

    amounts: {2021: 100, 2022: 120}

Fails (2021 twice)::

    amounts: {2021: 100, 2021: 120}
""",
)

YAML_TAG = ReadingRule(
    "yaml-tag",
    "No YAML tags beyond the standard ones: a plan file never constructs objects.",
    Severity.ERROR,
    """yaml-tag: no YAML tags beyond the standard ones; a plan file never constructs objects.

Plan files are plain data: strings, numbers, dates, lists and mappings.

Passes::

    plan: 2940552

Fails (a custom tag)::

    plan: !money 2940552
""",
)

YAML_LIMIT = ReadingRule(
    "yaml-limit",
    "The file stays within the size, nesting, alias and value-length limits.",
    Severity.ERROR,
    """yaml-limit: the file stays within the size, nesting, alias and value-length limits.

A plan never comes near them (32 MiB, 64 levels, 1,000 aliases, 200,000 characters a value, 30 digits a
number); hostile input is stopped quickly instead of exhausting memory.

Passes::

    plan: 2940552

Fails (a number of 31 digits)::

    plan: 1234567890123456789012345678901
""",
)

YAML_VERSION = ReadingRule(
    "yaml-version",
    "The file is YAML 1.2: a `%YAML 1.1` directive is reported, since 1.1 reads some values differently.",
    Severity.ERROR,
    """yaml-version: the file is YAML 1.2; a `%YAML 1.1` directive is reported.

ccm-plan reads YAML 1.2. A file that declares 1.1 expects 1.1's readings, which differ for numbers with a leading
zero (`012000` is 12,000 in 1.2 but octal 5,120 in 1.1), `yes`/`no`/`on`/`off` (words in 1.2, booleans in 1.1)
and `1:20` (text in 1.2, 80 in 1.1). Reading such a file as 1.2 without a word could change a figure silently, so
the file is not checked further until the directive goes. A version other than 1.x cannot be read at all
(`yaml-syntax`).

Passes::

    kind: ccm-plan/budget

Fails::

    %YAML 1.1
    ---
    kind: ccm-plan/budget
""",
)

HIDDEN_CHARACTER = ReadingRule(
    "hidden-character",
    "Texts hold no control or invisible characters (escape sequences, bidirectional overrides, line separators).",
    Severity.WARNING,
    """hidden-character: texts hold no control or invisible characters.

Each character is reported on its own, where it stands, or at its escape's backslash when it is written as an
escape (`"\\e[2K"`):

- control characters: C0 and C1 controls other than tab and line feed, DEL, and the bidirectional embeddings,
  overrides and isolates (U+202A–U+202E, U+2066–U+2069). An escape sequence can erase or rewrite the line a
  reviewer reads on a terminal; an override shows a text in another order than it is stored.
- invisible characters: the line and paragraph separators U+2028 and U+2029 and NEXT LINE U+0085 (text pasted
  from a word processor or a PDF carries them: ordinary characters in YAML 1.2, kept as they are, but shown as a
  line break by some programs and as nothing by others), and the zero-width space U+200B, word joiner U+2060,
  zero-width no-break space U+FEFF and U+180E, which make different texts or ids look the same. The zero-width
  joiner and non-joiner are left alone: Persian, the Indic scripts and emoji need them.

Every terminal and Markdown output of ccm-plan shows these characters as `[U+XXXX]`; JSON and CSV keep them as
data.

The finding's subject names where the text is, as other rules name a line and a year: a list item by its id, then
the field and the language (`travel/name/en`; an item without an id by its position, `#2`; a character in a
comment by its line, `line/12`). A text that must keep the character (an adopted text, as printed) is accepted
with a waiver: `waivers: [{rule: hidden-character, subject: travel/name/en, reason: as adopted}]`.

Passes::

    note: {en: Consultancy services, room rental, workshops}

Fails (U+2028 LINE SEPARATOR between two words, written here as an escape; pasted, it is invisible)::

    note: {en: "Consultancy services,\\u2028room rental, workshops"}
""",
)

CELL_LENGTH = ReadingRule(
    "cell-length",
    "Every text fits one workbook cell (32,767 characters), so `export xlsx` never has to cut one.",
    Severity.WARNING,
    """cell-length: every text of the plan fits one workbook cell (32,767 characters).

`export xlsx` writes each text into one cell, and a cell of an Excel workbook holds at most 32,767 characters
(Excel's specifications and limits; XlsxWriter cuts a longer string). Rather than cut a text silently, the export
refuses a plan that has one, naming where it is; this finding says so earlier, at the text, on every `validate`.
Checked while the file is read, where the length of every value is known anyway.

Passes::

    note: {en: Consultancy services, room rental, workshops, catering, etc.}

Fails (a note of 41,311 characters, pasted whole from a report)::

    note: {en: "The Implementation Support Unit … (41,311 characters)"}
""",
)

SCHEMA = ReadingRule(
    "schema",
    "Each file has the keys and types of its kind; unknown keys, wrong types and negative amounts are errors.",
    Severity.ERROR,
    """schema: each file has the keys and types of its kind.

A misspelt key, a missing one, text where a number belongs or a negative amount is reported at its own line.
So is a number written with an exponent (`4.6e4`, a spreadsheet's spelling): a plan's figures are read, reviewed
and diffed as written, so they are written out, and the fix names the plain figure (`46000`); `import actuals`
refuses the same spelling in an export. The JSON Schemas in `schema/` (from `ccm-plan schema`) describe the same shape for editors.

Passes::

    - {id: travel, name: {en: Travel}, cost_type: non-staff, amounts: {2021: 25000}}

Fails (`ammounts` is not a key of a line, and `amounts` is missing)::

    - {id: travel, name: {en: Travel}, cost_type: non-staff, ammounts: {2021: 25000}}
""",
)

PLAN_FILES = ReadingRule(
    "plan-files",
    "A plan folder holds one budget file and at most one work plan and one contributions file, by their `kind`.",
    Severity.ERROR,
    """plan-files: a plan folder holds one budget file and at most one work plan and one contributions file.

Files are recognised by their `kind`, whatever their name. After adoption, a folder also holds one actuals file
per reported year (`kind: ccm-plan/actuals`); which years they cover is checked by `actuals-files`.

Passes (one file of each kind, an actuals file per year)::

    budget.yaml:         kind: ccm-plan/budget
    workplan.yaml:       kind: ccm-plan/workplan
    contributions.yaml:  kind: ccm-plan/contributions
    actuals-2022.yaml:   kind: ccm-plan/actuals
    actuals-2023.yaml:   kind: ccm-plan/actuals

Fails (two budgets in one folder: which one counts?)::

    budget.yaml:      kind: ccm-plan/budget
    budget-old.yaml:  kind: ccm-plan/budget
""",
)

UNUSED_WAIVER = ReadingRule(
    "unused-waiver",
    "Every waiver matches a finding; a waiver that accepts nothing is stale and should go.",
    Severity.WARNING,
    """unused-waiver: every waiver matches a finding; a waiver that accepts nothing is stale and should go.

A waiver names a rule and the finding's subject. Once the figure is corrected, or if the subject is misspelt,
the waiver accepts nothing and would hide a later finding about the same figure.

Passes (the plan has a social-security-rate finding about 2023)::

    waivers: [{rule: social-security-rate, subject: social-security/2023, reason: adopted as printed}]

Fails (no finding is about 2024)::

    waivers: [{rule: social-security-rate, subject: social-security/2024, reason: adopted as printed}]
""",
)

READING_RULES: tuple[ReadingRule, ...] = (
    YAML_SYNTAX,
    YAML_DUPLICATE_KEY,
    YAML_TAG,
    YAML_LIMIT,
    YAML_VERSION,
    HIDDEN_CHARACTER,
    CELL_LENGTH,
    SCHEMA,
    PLAN_FILES,
    UNUSED_WAIVER,
)
