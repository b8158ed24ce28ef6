"""Rewrite a version-1 budget as version 2, in place, changing only the keys whose form changed.

What changes (budget schema 1 → 2):
- `schema_version: 1` becomes `2`.
- `parameters.social_security: {line, base_line, rate_percent, tolerance}` becomes the one item of
  `parameters.rates`, with `id` (the line's id) and `base: [base_line]`.
- `parameters.travel: {...}` becomes the one item of the list `parameters.travel` (a plan may have several
  travel lines).
- A waiver of the retired rule `social-security-rate` names its successor, `rates` (same subject).

How the text stays as it was: like `fix`, ruamel's composer gives the character span of each key and value,
and only those characters change. A block mapping becomes a list item by writing `- ` (and, for the rate, a
first line `- id: ...`) into the two spaces of indentation before its first key, so every other line of it,
comments included, is kept byte for byte; a flow mapping `{...}` becomes `[{...}]`. The new text must read
back as the old data with exactly these changes, otherwise nothing is written. Every file is prepared before
any is written, and each is written atomically. Running migrate on a version-2 plan changes nothing.
"""

from __future__ import annotations

import codecs
import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import PlanUnusableError
from ..problems import Severity
from ..read.atomic import write_bytes
from ..read.loader import plan_files, plan_folder
from ..read.source import Source, display_path, parse_text, read_text

RETIRED_RULE, SUCCESSOR_RULE = "social-security-rate", "rates"


@dataclass(frozen=True)
class Change:
    """One key rewritten: where (1-based), which key, and what it became, in words."""

    file: str
    line: int
    column: int
    key: str
    what: str

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass
class MigrateResult:
    check: bool
    changes: list[Change] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    """Budget files already at the current version."""


def migrate_plan(path: Path | str, *, check: bool = False) -> MigrateResult:
    """Rewrite the version-1 budget of the plan at `path` (a folder, or a file of it) as version 2.

    With `check`, only say what would change. Raises `PlanNotFoundError` when there is no plan there,
    `PlanUnusableError` when a budget cannot be read or rewritten without touching other text (nothing is then
    written), `OutputError` when a file cannot be written.
    """
    folder = plan_folder(Path(path))
    result = MigrateResult(check)
    pending: list[tuple[Path, bytes, str]] = []
    for file in plan_files(folder):
        display = display_path(file)
        try:
            checked, problem = read_text(file, display)
            raw = file.read_bytes()
        except OSError as error:
            raise PlanUnusableError(f"{display}: cannot read: {error.strerror or error}; nothing written") from None
        if problem is not None or checked is None:
            where = f"{problem.location}: {problem.message}" if problem is not None else display
            raise PlanUnusableError(f"{where}; nothing written (fix it first)")
        # The text as it is on disk, line breaks included (read_text's is for parsing); the BOM is put back.
        bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
        text = raw.decode("utf-8-sig")
        source = parse_text(text, Source(file, display))
        data = source.data
        if not isinstance(data, dict) or data.get("kind") != "ccm-plan/budget":
            continue
        errors = [problem for problem in source.problems if problem.severity is Severity.ERROR]
        if errors:
            first = errors[0]
            raise PlanUnusableError(f"{first.location}: {first.message}; nothing written (fix it first)")
        if data.get("schema_version") != 1 or type(data.get("schema_version")) is not int:
            result.current.append(display)
            continue
        new_text, changes = migrate_text(text, display)
        result.changes.extend(changes)
        pending.append((file, bom + new_text.encode("utf-8"), display))
    if not pending and not result.current:
        raise PlanUnusableError(f"{display_path(folder)}: no budget file (kind: ccm-plan/budget) to migrate")
    if not check:
        for target, data_bytes, display in pending:
            write_bytes(target, data_bytes)
            result.written.append(display)
    return result


def render_migrate(result: MigrateResult) -> str:
    """One line per key, `file:line:column: key: what`, and a summary line."""
    out = [f"{change.location}: {change.key}: {change.what}" for change in result.changes]
    files = len({change.file for change in result.changes})
    if not result.changes:
        out.append(f"{', '.join(result.current)}: already schema version 2; nothing to change")
    elif result.check:
        out.append(f"{files} budget file{'s' if files != 1 else ''} would be migrated; run `ccm-plan migrate`")
    else:
        out.append(f"migrated {files} budget file{'s' if files != 1 else ''} to schema version 2")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------- text edits


def migrate_text(text: str, display: str = "<text>") -> tuple[str, list[Change]]:
    """A version-1 budget's text as version 2, and what changed. Raises `PlanUnusableError` when it cannot be
    done with span edits that leave everything else as it was."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        root = YAML(typ="rt").compose(text)
    except YAMLError as error:
        raise PlanUnusableError(f"{display}: cannot be parsed, nothing written: {error}") from None
    newline = "\r\n" if "\r\n" in text else "\n"
    splices: list[tuple[int, int, str]] = []
    changes: list[Change] = []

    def change(node: Any, key: str, what: str) -> None:
        changes.append(Change(display, node.start_mark.line + 1, node.start_mark.column + 1, key, what))

    version = _entry(root, "schema_version")
    if version is None or _kind(version[1]) != "ScalarNode":
        raise PlanUnusableError(f"{display}: schema_version is not a plain value; nothing written")
    splices.append(_scalar(text, version[1], "2", display))
    change(version[1], "schema_version", "1 → 2")

    parameters = _entry(root, "parameters")
    if parameters is not None and _kind(parameters[1]) == "MappingNode":
        social = _entry(parameters[1], "social_security")
        if social is not None and _kind(social[1]) == "MappingNode":
            key, mapping = social
            line = _entry(mapping, "line")
            rate_id = str(line[1].value) if line is not None and _kind(line[1]) == "ScalarNode" else "rate"
            splices.append((key.start_mark.index, key.end_mark.index, "rates"))
            splices += _as_list_item(text, mapping, f"id: {rate_id}", newline, display)
            base = _entry(mapping, "base_line")
            if base is not None:
                splices.append((base[0].start_mark.index, base[0].end_mark.index, "base"))
                start, end = base[1].start_mark.index, base[1].end_mark.index
                splices.append((start, end, f"[{text[start:end]}]"))
            change(key, "parameters.social_security", f"parameters.rates (id {rate_id}, base_line → base: [...])")
        travel = _entry(parameters[1], "travel")
        if travel is not None and _kind(travel[1]) == "MappingNode":
            splices += _as_list_item(text, travel[1], None, newline, display)
            change(travel[0], "parameters.travel", "a list of travel lines, this one its first item")

    waivers = _entry(root, "waivers")
    if waivers is not None and _kind(waivers[1]) == "SequenceNode":
        for item in waivers[1].value:
            rule = _entry(item, "rule") if _kind(item) == "MappingNode" else None
            if rule is not None and _kind(rule[1]) == "ScalarNode" and rule[1].value == RETIRED_RULE:
                splices.append(_scalar(text, rule[1], SUCCESSOR_RULE, display))
                change(rule[1], "waivers[].rule", f"{RETIRED_RULE} → {SUCCESSOR_RULE} (the rule that replaced it)")

    out, cursor = [], 0
    for start, end, replacement in sorted(splices, key=lambda splice: (splice[0], splice[1])):
        if start < cursor:
            raise PlanUnusableError(f"{display}: overlapping edits; nothing written (migrate it by hand)")
        out.append(text[cursor:start])
        out.append(replacement)
        cursor = end
    out.append(text[cursor:])
    new_text = "".join(out)
    _verify(text, new_text, display)
    return new_text, changes


def migrate_data(data: Any) -> Any:
    """The plain data of a version-1 budget as version 2 (what `migrate_text`'s result must read back as)."""
    result = copy.deepcopy(data)
    result["schema_version"] = 2
    parameters = result.get("parameters")
    if isinstance(parameters, dict):
        rebuilt = {}
        for key, value in parameters.items():
            if key == "social_security" and isinstance(value, dict):
                item = {"id": value.get("line", "rate")}
                for name, entry in value.items():
                    item["base" if name == "base_line" else name] = [entry] if name == "base_line" else entry
                rebuilt["rates"] = [item]
            elif key == "travel" and isinstance(value, dict):
                rebuilt["travel"] = [value]
            else:
                rebuilt[key] = value
        result["parameters"] = rebuilt
    for waiver in result.get("waivers") or []:
        if isinstance(waiver, dict) and waiver.get("rule") == RETIRED_RULE:
            waiver["rule"] = SUCCESSOR_RULE
    return result


def _as_list_item(text: str, mapping: Any, first: str | None, newline: str, display: str) -> list[tuple[int, int, str]]:
    """Splices that make a mapping the one item of a list, optionally with a `first` entry (`id: ...`)."""
    if mapping.flow_style:
        opening, closing = mapping.start_mark.index, mapping.end_mark.index
        inner = f"{{{first}, " if first is not None and mapping.value else f"{{{first}" if first else "{"
        return [(opening, opening + 1, "[" + inner), (closing, closing, "]")]
    first_key = mapping.value[0][0]
    column, index = first_key.start_mark.column, first_key.start_mark.index
    if column < 2 or text[index - 2 : index] != "  ":
        raise PlanUnusableError(
            f"{display}:{first_key.start_mark.line + 1}: the mapping is not indented by two spaces or more, so it "
            "cannot become a list item in place; nothing written (migrate it by hand)"
        )
    if first is None:
        return [(index - 2, index, "- ")]
    return [(index - 2, index, f"- {first}{newline}{' ' * column}")]


def _scalar(text: str, node: Any, value: str, display: str) -> tuple[int, int, str]:
    """A splice replacing a scalar's value, inside its quotes when it is quoted."""
    start, end = node.start_mark.index, node.end_mark.index
    written = text[start:end]
    if node.style in ("'", '"') and len(written) >= 2:
        return start + 1, end - 1, value
    if node.style is not None or written != str(node.value):
        raise PlanUnusableError(
            f"{display}:{node.start_mark.line + 1}: {written!r} is not a plain value; nothing written"
        )
    return start, end, value


def _entry(mapping: Any, name: str) -> tuple[Any, Any] | None:
    if _kind(mapping) != "MappingNode":
        return None
    for key, value in mapping.value:
        if _kind(key) == "ScalarNode" and key.value == name:
            return key, value
    return None


def _kind(node: Any) -> str:
    return type(node).__name__


def _verify(old: str, new: str, display: str) -> None:
    before = parse_text(old, Source(Path(display), display))
    after = parse_text(new, Source(Path(display), display))
    # The same reading findings before and after (a hidden character stays one), and the data as migrated.
    if [p.rule for p in after.problems] != [p.rule for p in before.problems] or after.data != migrate_data(before.data):
        raise PlanUnusableError(
            f"{display}: the budget cannot be migrated without changing other content; nothing written "
            "(migrate it by hand: see `ccm-plan schema budget`)"
        )
