"""Rewrite a plan's stated totals from its lines, in place, changing nothing else in the files.

After an edit of amounts, `fix_plan` sets each year's stated total (`totals.years`), the plan total
(`totals.plan`) and the work plan's summary figure (`summary.budget`) to the values `compute.py` recomputes.

How the text stays as it was: ruamel's round-trip composer gives the exact character span of each figure,
and only those characters are replaced. Comments, key order, flow or block style, quoting, indentation,
`null` spellings and every other number are kept byte for byte, which a full re-dump cannot promise (it
re-indents and rewrites `null`). New figures are written as plain integers (499057); a figure written with
decimals (495057.00) keeps its number of decimals when the new value fits them. The result is read back
and must equal the old data with only those figures changed; otherwise nothing is written.

Decisions:
- The whole plan must be structurally sound (`LoadedPlan.is_usable`: every file parsed, the schema holds).
  Otherwise nothing is written: the recomputed totals come from the budget model, and fixing the budget
  but not a broken work plan would leave the two disagreeing. Rule findings (a stale total is one) do not
  stop fix; they are what it is for.
- A period year missing from `totals.years` is added, in year order, in the mapping's own style. Years
  outside the period are left alone (the period-years rule reports them); fix removes nothing.
- Every file's new text is prepared before any is written; each file is written atomically.
- Running fix twice changes nothing the second time.
"""

from __future__ import annotations

import codecs
import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..compute.totals import StatedTotal, stated_totals
from ..errors import PlanUnusableError
from ..present.numbers import money
from ..read.atomic import write_bytes
from ..read.loader import LoadedPlan, load_plan

KIND_OF_DOCUMENT = {"budget": "ccm-plan/budget", "workplan": "ccm-plan/workplan"}
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Edit:
    """One stated total rewritten (or, under --check, to be rewritten): where, which key, from what to what."""

    file: str
    line: int
    column: int
    key: str
    old: Decimal | None
    new: Decimal

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass
class FixResult:
    plan: LoadedPlan
    check: bool
    edits: list[Edit] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    checked: int = 0

    @property
    def usable(self) -> bool:
        return self.plan.is_usable


def fix_plan(path: Path | str, *, check: bool = False) -> FixResult:
    """Rewrite the stale stated totals of the plan at `path`; with `check`, only say what would change.

    Returns a result whose `usable` is False (and nothing written) when the plan has reading or schema errors.
    Raises `PlanUnusableError` when a figure cannot be rewritten without touching other text, `OutputError`
    when a file cannot be written.
    """
    plan = load_plan(path)
    result = FixResult(plan, check)
    if not plan.is_usable:
        return result
    items = stated_totals(plan.budget, plan.workplan)
    result.checked = len(items)
    new_files: list[tuple[Path, bytes, str]] = []
    for document in ("budget", "workplan"):
        stale = [item for item in items if item.document == document and item.differs]
        if not stale:
            continue
        source = plan.source(KIND_OF_DOCUMENT[document])
        raw = source.path.read_bytes()
        bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
        text = raw.decode("utf-8-sig")
        new_text = rewrite_figures(text, [(item.path, item.recomputed) for item in stale], source.display)
        new_files.append((source.path, bom + new_text.encode("utf-8"), source.display))
        result.edits.extend(_edit(source.display, source.locate(item.path), item) for item in stale)
    if not check:
        for target, data, display in new_files:
            write_bytes(target, data)
            result.written.append(display)
    return result


def _edit(display: str, position: tuple[int, int], item: StatedTotal) -> Edit:
    return Edit(display, position[0], position[1], item.label, item.stated, item.recomputed)


def render_fix(result: FixResult) -> str:
    """One line per figure, `file:line:column: key: old → new`, and a summary line."""
    out = []
    for edit in result.edits:
        old = money(edit.old) if edit.old is not None else "(not stated)"
        out.append(f"{edit.location}: {edit.key}: {old} → {money(edit.new)}")
    count = len(result.edits)
    files = len({edit.file for edit in result.edits})
    figures = f"{count} stated total{'s' if count != 1 else ''}"
    in_files = f"in {files} file{'s' if files != 1 else ''}"
    if not count:
        out.append(f"the {result.checked} stated totals match the lines; nothing to change")
    elif result.check:
        out.append(f"{figures} would change {in_files}; run `ccm-plan fix` to rewrite them")
    else:
        out.append(f"rewrote {figures} {in_files}")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------- text edits


def rewrite_figures(text: str, changes: Sequence[tuple[KeyPath, Decimal]], display: str = "<text>") -> str:
    """`text` with the number at each key path replaced (or, for a missing last key, added); nothing else.

    Raises `PlanUnusableError` if a figure is not a plain number in the text, or if the result would not read
    back as the same data with only those figures changed.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    try:
        root = yaml.compose(text)
    except YAMLError as error:
        raise PlanUnusableError(f"{display}: cannot be parsed, nothing written: {error}") from None
    splices: list[tuple[int, int, int, str]] = []
    for path, value in changes:
        siblings = {int(other[-1]) for other, _ in changes if other[:-1] == path[:-1] and isinstance(other[-1], int)}
        splices.append(_splice(text, root, path, value, display, siblings))
    out, cursor = [], 0
    for start, _, end, replacement in sorted(splices):
        out.append(text[cursor:start])
        out.append(replacement)
        cursor = end
    out.append(text[cursor:])
    new_text = "".join(out)
    _verify(text, new_text, changes, display)
    return new_text


def _splice(
    text: str, root: Any, path: KeyPath, value: Decimal, display: str, siblings: set[int]
) -> tuple[int, int, int, str]:
    """(start, order, end, replacement): the characters to replace, or an insertion point (start == end).

    `siblings` are the years being written into the same mapping, so that several years added to an empty
    flow mapping are separated by commas.
    """
    dotted = ".".join(str(part) for part in path)
    node = root
    for part in path[:-1]:
        child = _child(node, part)
        if child is None:
            raise PlanUnusableError(f"{display}: {dotted}: the key {part!r} is missing; nothing written")
        node = child
    last = path[-1]
    if type(node).__name__ != "MappingNode":
        raise PlanUnusableError(f"{display}: {dotted}: expected a mapping; nothing written")
    found = _child(node, last)
    order = last if isinstance(last, int) else 0
    if found is not None:
        start, end = found.start_mark.index, found.end_mark.index
        if type(found).__name__ != "ScalarNode" or found.style is not None or text[start:end] != found.value:
            raise PlanUnusableError(
                f"{display}: {dotted}: the figure is not written as a plain number here; nothing written "
                f"(write it as a plain number, or edit it by hand)"
            )
        return start, order, end, spell(value, found.value)
    if not isinstance(last, int):
        raise PlanUnusableError(f"{display}: {dotted}: the key is missing; nothing written")
    return _insertion(text, node, last, spell(value, None), any(other < last for other in siblings))


def _child(node: Any, key: str | int) -> Any:
    if type(node).__name__ != "MappingNode":
        return None
    for key_node, value_node in node.value:
        if _key(key_node) == key:
            return value_node
    return None


def _key(node: Any) -> str | int | None:
    if type(node).__name__ != "ScalarNode":
        return None
    if node.tag.endswith(":int"):
        try:
            return int(node.value)
        except ValueError:
            return None
    return str(node.value)


def _insertion(text: str, mapping: Any, year: int, figure: str, follows: bool) -> tuple[int, int, int, str]:
    """Where and how to add `year: figure` to a mapping of years, after the last year before it.

    `follows`: another year is inserted before this one at the same place (matters for an empty `{}`).
    """
    entries = [(key, value) for key, value in mapping.value if isinstance(_key(key), int)]
    before = [(key, value) for key, value in entries if _key(key) < year]  # type: ignore[operator]
    entry = f"{year}: {figure}"
    if mapping.flow_style:
        if before:
            return before[-1][1].end_mark.index, year, before[-1][1].end_mark.index, f", {entry}"
        if mapping.value:
            first = mapping.value[0][0].start_mark.index
            return first, year, first, f"{entry}, "
        opening = mapping.start_mark.index + 1
        return opening, year, opening, f", {entry}" if follows else entry
    newline = "\r\n" if "\r\n" in text else "\n"
    first_key = mapping.value[0][0]
    indent = " " * first_key.start_mark.column
    if before:
        after = before[-1][1].end_mark.index
        line_end = text.find("\n", after)
        line_end = len(text) if line_end == -1 else line_end - (1 if text[line_end - 1 : line_end] == "\r" else 0)
        return line_end, year, line_end, f"{newline}{indent}{entry}"
    line_start = first_key.start_mark.index - first_key.start_mark.column
    return line_start, year, line_start, f"{indent}{entry}{newline}"


def spell(value: Decimal, like: str | None) -> str:
    """The figure as YAML text: a plain integer when whole, else plain decimals; `like`'s decimals when it fits."""
    if like is not None and "." in like and "e" not in like.lower():
        places = len(like.rsplit(".", 1)[1])
        quantized = value.quantize(Decimal(1).scaleb(-places))
        if quantized == value:
            return format(quantized, "f")
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _verify(old: str, new: str, changes: Sequence[tuple[KeyPath, Decimal]], display: str) -> None:
    """The new text must read back as the old data with exactly the changed figures; else nothing is written."""
    from ..read.source import Source, parse_text

    before = parse_text(old, Source(Path(display), display))
    after = parse_text(new, Source(Path(display), display))
    expected = copy.deepcopy(before.data)
    for path, value in changes:
        container = expected
        for part in path[:-1]:
            container = container[part]
        container[path[-1]] = value
    if after.problems or after.data != expected:
        raise PlanUnusableError(
            f"{display}: the stated totals cannot be rewritten without changing other content; nothing written "
            f"(edit them by hand: {', '.join('.'.join(map(str, path)) for path, _ in changes)})"
        )
