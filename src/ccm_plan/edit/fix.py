"""Rewrite a plan's stated totals from its lines, in place, changing nothing else in the files.

After an edit of amounts, `fix_plan` sets each year's stated total (`totals.years`), the plan total
(`totals.plan`) and the work plan's summary figure (`summary.budget`) to the values `compute.py` recomputes.

How the text stays as it was: libyaml's parser events give the exact character span of each figure
(`edit.spans`, one pass over the file: no tree is composed), and only those characters are replaced.
Comments, key order, flow or block style, quoting, indentation, `null` spellings and every other number are
kept byte for byte, which a full re-dump cannot promise (it re-indents and rewrites `null`). New figures are written as plain integers (499057); a figure written with
decimals (495057.00) keeps its number of decimals when the new value fits them. The result is read back
(its parser events beside the old text's) and must equal the old data with only those figures changed;
otherwise nothing is written. `--check` does the same work and writes nothing.

Decisions:
- The whole plan must be structurally sound (`LoadedPlan.is_usable`: every file parsed, the schema holds).
  Otherwise nothing is written: the recomputed totals come from the budget model, and fixing the budget
  but not a broken work plan would leave the two disagreeing. Rule findings (a stale total is one) do not
  stop fix; they are what it is for.
- Nor is anything written while the plan has a finding that makes the recomputed totals meaningless
  (`blocking_problems`): a budget line with a period year missing or a year outside the period (the recomputed
  total would count the missing year as zero, and the stated total is the cross-check that catches the slip),
  two budget lines with the same id (one line pasted twice), a line amount with more decimals than the plan's
  money has (amount-precision: the total written would hold decimals no output shows), or a work plan whose
  period or currency differs from the budget's (its summary figure would be restated from figures in another
  currency or period). A finding the plan accepts with a waiver does not block.
- A period year missing from `totals.years` is added, in year order, in the mapping's own style. Years
  outside the period are left alone (the period-years rule reports them); fix removes nothing.
- Every file's new text is prepared before any is written; each file is written atomically.
- Running fix twice changes nothing the second time.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..compute.totals import StatedTotal, stated_totals
from ..errors import PlanUnusableError
from ..problems import Problem, Severity
from ..read.atomic import write_bytes
from ..read.loader import LoadedPlan, load_plan
from ..read.source import Source
from ..rules.base import Finding
from . import spans

if TYPE_CHECKING:
    from ..present.voice import Voice

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
    blocking: list[Problem] = field(default_factory=list)
    places: int = 0
    """The plan's money precision (present.precision): figures are written and printed with it."""

    @property
    def usable(self) -> bool:
        """False when nothing may be written: reading or schema errors, or a `blocking_problems` finding."""
        return self.plan.is_usable and not self.blocking


def blocking_problems(plan: LoadedPlan) -> list[Problem]:
    """The findings (errors, not waived) under which recomputed totals mean nothing, so `fix` writes nothing:
    a budget line missing a period year or holding one outside it (period-years), a budget line id used twice,
    a line amount with more decimals than the plan's money (amount-precision), a work plan whose period or
    currency differs from the budget's (consistency). The plan must be usable."""
    from ..check import KIND_OF_DOCUMENT as KINDS
    from ..check import apply_waivers, to_problem
    from ..present.numbers import ENGLISH
    from ..present.precision import plan_places
    from ..present.voice import Voice
    from ..rules import PlanModels, amount_precision, consistency, period_years

    models = PlanModels(plan.budget, plan.workplan, tuple(plan.actuals), plan.contributions)
    found = []
    english = Voice(ENGLISH, plan_places(plan.budget))
    for rule in (period_years.RULE, amount_precision.RULE, consistency.RULE):
        for finding in rule.check(models):
            if (finding.severity or rule.severity) is not Severity.ERROR or not _blocks(rule.id, finding):
                continue
            source = plan.source(KINDS[finding.document])
            found.append(replace(to_problem(source, rule, finding, english), severity=Severity.ERROR))
    return [p for p in apply_waivers(plan, found) if p.rule != "unused-waiver" and p.accepted is None]


def _blocks(rule: str, finding: Finding) -> bool:
    path = finding.path
    if finding.document == "budget" and path[:1] == ("lines",):
        return rule in ("period-years", "amount-precision") or (rule == "consistency" and path[-1:] == ("id",))
    return rule == "consistency" and finding.document == "workplan" and path in (("period",), ("currency",))


def fix_plan(path: Path | str, *, check: bool = False) -> FixResult:
    """Rewrite the stale stated totals of the plan at `path`; with `check`, only say what would change.

    Returns a result whose `usable` is False (and nothing written) when the plan has reading or schema errors,
    or a finding that makes the recomputed totals meaningless (`result.blocking`, see `blocking_problems`).
    Raises `PlanUnusableError` when a figure cannot be rewritten without touching other text, `OutputError`
    when a file cannot be written.
    """
    plan = load_plan(path)
    result = FixResult(plan, check)
    if not plan.is_usable:
        return result
    from ..present.precision import plan_places

    result.places = plan_places(plan.budget)
    result.blocking = blocking_problems(plan)
    if result.blocking:
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
        figures = [(item.path, at_precision(item.recomputed, result.places)) for item in stale]
        new_text = rewrite_figures(text, figures, source.display, source)
        new_files.append((source.path, bom + new_text.encode("utf-8"), source.display))
        result.edits.extend(_edit(source.display, source.locate(item.path), item) for item in stale)
    if not check:
        for target, data, display in new_files:
            write_bytes(target, data)
            result.written.append(display)
    return result


def _edit(display: str, position: tuple[int, int], item: StatedTotal) -> Edit:
    return Edit(display, position[0], position[1], item.label, item.stated, item.recomputed)


def render_fix(result: FixResult, voice: Voice | None = None) -> str:
    """One line per figure, `file:line:column: key: old → new` at the plan's precision (two figures that differ
    always read differently), and a summary line, in the voice's language (English when None)."""
    from ..present.message import Count
    from ..present.numbers import ENGLISH
    from ..present.voice import Voice

    voice = (voice or Voice(ENGLISH)).at(result.places)
    out = []
    for edit in result.edits:
        if edit.old is None:
            old, new = voice._("(not stated)"), voice.money(edit.new)
        else:
            old, new = voice.numbers.money_pair(edit.old, edit.new)
        out.append(f"{edit.location}: {edit.key}: {old} → {new}")
    count = len(result.edits)
    files = len({edit.file for edit in result.edits})
    figures = voice.n_("{count} stated total", "{count} stated totals", count, count=Count(count))
    in_files = voice.n_("in {count} file", "in {count} files", files, count=Count(files))
    if not count:
        out.append(
            voice.n_(
                "the {count} stated total matches the lines; nothing to change",
                "the {count} stated totals match the lines; nothing to change",
                result.checked,
                count=Count(result.checked),
            )
        )
    elif result.check:
        out.append(
            voice._(
                "{figures} would change {files}; run `ccm-plan fix` to rewrite them", figures=figures, files=in_files
            )
        )
    else:
        out.append(voice._("rewrote {figures} {files}", figures=figures, files=in_files))
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------- text edits


def rewrite_figures(
    text: str, changes: Sequence[tuple[KeyPath, Decimal]], display: str = "<text>", source: Source | None = None
) -> str:
    """`text` with the number at each key path replaced (or, for a missing last key, added); nothing else.

    The figures are found from libyaml's parser events (`edit.spans`), never by composing the whole file. With
    `source` (the loader's reading of `text`), only the top-level entries that hold the figures are read again
    (`spans.root_window`), so the cost does not grow with the rest of the file.
    Raises `PlanUnusableError` if the text does not parse, if a figure is not a plain number in the text, or if
    the result would not read back as the same data with only those figures changed.
    """
    from ruamel.yaml.error import YAMLError

    newline = "\r\n" if "\r\n" in text else "\n"
    window = spans.root_window(text, source, {path[0] for path, _ in changes}) if source is not None else None
    if window is not None:
        start, end = window
        try:
            return text[:start] + _rewrite(text[start:end], changes, display, newline) + text[end:]
        except YAMLError:
            pass  # the slice does not read alone (a %TAG directive, say): read the whole text
    try:
        return _rewrite(text, changes, display, newline)
    except YAMLError as error:
        raise PlanUnusableError(f"{display}: cannot be parsed, nothing written: {error}") from None


def _rewrite(text: str, changes: Sequence[tuple[KeyPath, Decimal]], display: str, newline: str) -> str:
    """`rewrite_figures` on a text that is a whole YAML document. Raises ruamel's YAMLError if it does not parse."""
    paths = {path[:length] for path, _ in changes for length in range(len(path) + 1)}
    found = spans.locate(text, paths)
    edits: list[spans.Splice] = []
    for path, value in changes:
        siblings = {int(other[-1]) for other, _ in changes if other[:-1] == path[:-1] and isinstance(other[-1], int)}
        edits.append(_splice(text, found, path, value, display, siblings, newline))
    new_text = spans.apply(text, edits)
    if not spans.same_except(text, new_text, edits):
        raise PlanUnusableError(
            f"{display}: the stated totals cannot be rewritten without changing other content; nothing written "
            f"(edit them by hand: {', '.join('.'.join(map(str, path)) for path, _ in changes)})"
        )
    return new_text


def _splice(
    text: str,
    found: dict[KeyPath, spans.Node],
    path: KeyPath,
    value: Decimal,
    display: str,
    siblings: set[int],
    newline: str,
) -> spans.Splice:
    """The characters to replace, or an insertion point (start == end), for one figure.

    `siblings` are the years being written into the same mapping, so that several years added to an empty
    flow mapping are separated by commas.
    """
    dotted = ".".join(str(part) for part in path)
    for length in range(1, len(path)):
        if path[:length] not in found:
            raise PlanUnusableError(f"{display}: {dotted}: the key {path[length - 1]!r} is missing; nothing written")
    mapping = found.get(path[:-1])
    if mapping is None or mapping.kind != "mapping":
        raise PlanUnusableError(f"{display}: {dotted}: expected a mapping; nothing written")
    last = path[-1]
    node = found.get(path)
    if node is not None:
        if node.kind != "scalar" or not node.plain or text[node.start : node.end] != node.value:
            raise PlanUnusableError(
                f"{display}: {dotted}: the figure is not written as a plain number here; nothing written "
                f"(write it as a plain number, or edit it by hand)"
            )
        figure = spell(value, node.value)
        return spans.Splice(node.start, node.end, figure, (figure,))
    if not isinstance(last, int):
        raise PlanUnusableError(f"{display}: {dotted}: the key is missing; nothing written")
    return _insertion(text, mapping, last, spell(value, None), any(other < last for other in siblings), newline)


def _insertion(text: str, mapping: spans.Node, year: int, figure: str, follows: bool, newline: str) -> spans.Splice:
    """Where and how to add `year: figure` to a mapping of years, after the last year before it.

    `follows`: another year is inserted before this one at the same place (matters for an empty `{}`).
    """
    before = [entry for entry in mapping.entries if isinstance(entry.key, int) and entry.key < year]
    entry = f"{year}: {figure}"
    values = (str(year), figure)
    if mapping.flow:
        if before:
            end = before[-1].value_end
            return spans.Splice(end, end, f", {entry}", values, year)
        if mapping.entries:
            first = mapping.entries[0].key_start
            return spans.Splice(first, first, f"{entry}, ", values, year)
        opening = mapping.start + 1
        return spans.Splice(opening, opening, f", {entry}" if follows else entry, values, year)
    first_key = mapping.entries[0]
    indent = " " * (first_key.column - 1)
    if before:
        after = before[-1].value_end
        line_end = text.find("\n", after)
        line_end = len(text) if line_end == -1 else line_end - (1 if text[line_end - 1 : line_end] == "\r" else 0)
        return spans.Splice(line_end, line_end, f"{newline}{indent}{entry}", values, year)
    line_start = first_key.key_start - (first_key.column - 1)
    return spans.Splice(line_start, line_start, f"{indent}{entry}{newline}", values, year)


def at_precision(value: Decimal, places: int) -> Decimal:
    """`value` written with the plan's `places` decimals (469686.5 → 469686.50) when that is exact; else as it is
    (a figure finer than the plan's precision is never rounded in the file)."""
    quantized = value.quantize(Decimal(1).scaleb(-places))
    return quantized if quantized == value else value


def spell(value: Decimal, like: str | None) -> str:
    """The figure as YAML text: `like`'s decimals when it fits; a plain integer for a whole figure written whole;
    else its own decimals (at the plan's precision, see `at_precision`: 469686.50, never 469686.5)."""
    if like is not None and "." in like and "e" not in like.lower():
        exponent = value.as_tuple().exponent
        places = max(len(like.rsplit(".", 1)[1]), -exponent if isinstance(exponent, int) else 0)
        quantized = value.quantize(Decimal(1).scaleb(-places))
        if quantized == value:
            return format(quantized, "f")
    if value == value.to_integral_value() and (like is None or "." not in like or "e" in like.lower()):
        return str(int(value))  # a whole figure keeps the whole spelling the file gives it
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < 0:
        return format(value, "f")
    return str(int(value))
