"""Span edits of YAML text: find the exact characters of a value, replace or insert text there, and prove that
nothing else changed. For commands that rewrite a plan in place (`fix`, and any migration) keeping comments,
key order, quoting, indentation and every other figure byte for byte, which a re-dump cannot promise.

Everything here works on libyaml's parser events (`read.source.events`), never on a composed tree: finding the
spans of a few values and checking an edit each cost one pass over the events of the file, with memory that
does not grow with the file (a 1,000-line budget: ~0.1 s a pass, against ~5 s for ruamel's round-trip composer).
Offsets are indexes into the Python `str` (libyaml counts characters, as `str` does); lines and columns are
1-based, as everywhere in ccm-plan.

Typical use (what `edit.fix` does)::

    found = locate(text, [("totals", "plan")])
    node = found[("totals", "plan")]                     # Node(start=..., end=..., kind="scalar", plain=True, ...)
    edit = Splice(node.start, node.end, "2944552", ("2944552",))
    new_text = apply(text, [edit])
    if not same_except(text, new_text, [edit]):           # the result would read as other data: write nothing
        ...

Errors: `locate`, and `same_except` for its old text, raise ruamel's `YAMLError` for text that does not parse (a
plan that loaded without problems always parses); a new text that does not parse is simply not the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..read.source import LINE_BREAK, Source, events

Key = str | int
KeyPath = tuple[Key, ...]
_INT = re.compile(r"[-+]?[0-9]+")


@dataclass(frozen=True)
class Entry:
    """One key of a mapping: the key as the loader reads it, where the key starts, where its value ends."""

    key: Key | None
    key_start: int
    line: int
    column: int
    value_end: int


@dataclass(frozen=True)
class Node:
    """Where a value is in the text: characters `start` to `end` (end excluded), and what it is.

    `plain`: a plain scalar (no quotes, tag or anchor): its text is exactly `text[start:end]`.
    `flow`: a collection written `{...}` or `[...]`. `entries`: a mapping's keys, in the order written.
    `line` and `column` (1-based) are those of `start`.
    """

    start: int
    end: int
    line: int
    column: int
    kind: Literal["scalar", "mapping", "sequence", "alias"]
    plain: bool = False
    flow: bool = False
    value: str | None = None
    entries: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Splice:
    """Replace the characters `start` to `end` of the old text with `text` (an insertion when start == end).

    `values`: the scalars `text` holds, as the parser reads them (`"2025: 131600"` holds `("2025", "131600")`),
    each of which must be plain; `same_except` checks that the new text has exactly these there.
    `order` sorts several insertions at one place.
    """

    start: int
    end: int
    text: str
    values: tuple[str, ...]
    order: int = 0


def key_of(value: str, plain: bool) -> Key:
    """A mapping key as the loader reads it, for the keys a path can name: text, or an integer (a year)."""
    if plain:
        if _INT.fullmatch(value):
            return int(value)
        if value[:2] in ("0o", "0x") and len(value) > 2:
            try:
                return int(value[2:], 8 if value[1] == "o" else 16)
            except ValueError:
                return value
    return value


def locate(text: str, paths: Iterable[KeyPath]) -> dict[KeyPath, Node]:
    """The node at each of `paths` that exists in `text` (a path not found is left out), in one pass.

    Paths name keys (text or integer) and sequence indexes, like the loader's; aliases are not followed (an
    alias is a node of kind "alias"). A duplicated key's first occurrence counts, as in the loader.
    """
    from ruamel.yaml import events as ev

    wanted = set(paths)
    prefixes = {path[:length] for path in wanted for length in range(len(path) + 1)}
    found: dict[KeyPath, Node] = {}
    stack: list[_Frame] = []
    skip = (ev.StreamStartEvent, ev.StreamEndEvent, ev.DocumentStartEvent, ev.DocumentEndEvent)
    starts = (ev.MappingStartEvent, ev.SequenceStartEvent)
    for event in events(text):
        cls = event.__class__
        if cls in skip:
            continue
        if cls is ev.MappingEndEvent or cls is ev.SequenceEndEvent:
            frame = stack.pop()
            if frame.entries is not None and frame.path is not None and frame.path not in found:
                mark = frame.start.start_mark
                found[frame.path] = Node(
                    mark.index,
                    event.end_mark.index,
                    mark.line + 1,
                    mark.column + 1,
                    "mapping" if frame.mapping else "sequence",
                    flow=bool(frame.start.flow_style),
                    entries=tuple(Entry(*entry) for entry in frame.entries),
                )
            if not frame.is_key:
                _value_done(stack, event.end_mark.index)
            continue
        path: KeyPath | None = ()
        if stack:
            parent = stack[-1]
            if parent.mapping and parent.expect_key:  # this node is a key
                parent.expect_key = False
                scalar = cls is ev.ScalarEvent
                parent.key = key_of(event.value, bool(event.implicit[0]) and event.anchor is None) if scalar else None
                if parent.entries is not None:
                    mark = event.start_mark
                    parent.entries.append([parent.key, mark.index, mark.line + 1, mark.column + 1, -1])
                if cls in starts:
                    stack.append(_Frame(None, cls is ev.MappingStartEvent, event, None, is_key=True))
                continue
            if parent.path is None:
                path = None
            elif parent.mapping:
                path = (*parent.path, parent.key) if parent.key is not None else None
            else:
                path = (*parent.path, parent.index)
                parent.index += 1
        tracked = path is not None and path in prefixes
        if cls in starts:
            keep = tracked and path in wanted
            stack.append(_Frame(path if tracked else None, cls is ev.MappingStartEvent, event, [] if keep else None))
            continue
        if tracked and path in wanted and path not in found:
            assert path is not None
            mark = event.start_mark
            if cls is ev.ScalarEvent:
                found[path] = Node(
                    mark.index,
                    event.end_mark.index,
                    mark.line + 1,
                    mark.column + 1,
                    "scalar",
                    plain=_plain(event),
                    value=event.value,
                )
            else:
                found[path] = Node(mark.index, event.end_mark.index, mark.line + 1, mark.column + 1, "alias")
        _value_done(stack, event.end_mark.index)
    return found


class _Frame:
    """An open mapping or sequence while `locate` walks the events. `path` is None when nothing wanted is inside."""

    __slots__ = ("entries", "expect_key", "index", "is_key", "key", "mapping", "path", "start")

    def __init__(
        self, path: KeyPath | None, mapping: bool, start: Any, entries: list[list[Any]] | None, is_key: bool = False
    ) -> None:
        self.path, self.mapping, self.start, self.entries, self.is_key = path, mapping, start, entries, is_key
        self.expect_key = mapping
        self.key: Key | None = None
        self.index = 0


def _value_done(stack: list[_Frame], end: int) -> None:
    """A value has ended at `end`: the enclosing mapping expects a key next, and records where its value ended."""
    if stack and stack[-1].mapping:
        frame = stack[-1]
        frame.expect_key = True
        if frame.entries:
            frame.entries[-1][4] = end


def root_window(text: str, source: Source, keys: Iterable[Key]) -> tuple[int, int] | None:
    """The characters of the top-level entries named by `keys`: from the start of the line of the first of them
    (in file order) to the start of the line of the next top-level key after the last (or the end of the text).

    Such a slice of a block mapping is a YAML document of its own that reads as those entries, so an edit inside
    it can be located and checked on the slice alone, at a cost that does not grow with the file. `source` is
    the loader's reading of `text` (its key positions). None when the slice cannot be told safely (the top
    level is not a block mapping, or the recorded positions do not fall on the keys): then use the whole text.
    """
    data = source.data
    if not isinstance(data, dict) or not data:
        return None
    starts = line_starts(text)
    entries = []
    for key in data:
        line, column = source.locate((key,), key=True)
        if not 1 <= line <= len(starts):
            return None
        entries.append((starts[line - 1], column, key))
    entries.sort(key=lambda entry: entry[0])
    wanted = set(keys)
    chosen = [number for number, entry in enumerate(entries) if entry[2] in wanted]
    if not chosen or len({column for _, column, _ in entries}) != 1:
        return None  # not a block mapping (or a flow one spread over lines)
    first, last = chosen[0], chosen[-1]
    bounds = [entries[first]] + ([entries[last + 1]] if last + 1 < len(entries) else [])
    for start, column, key in bounds:  # the recorded positions must fall on the keys as written
        if not text.startswith(str(key), start + column - 1) or text[start : start + column - 1].strip(" "):
            return None
    end = entries[last + 1][0] if last + 1 < len(entries) else len(text)
    return entries[first][0], end


def line_starts(text: str) -> list[int]:
    """The offset of the start of each line, lines as YAML (and the loader) count them."""
    return [0, *(match.end() for match in LINE_BREAK.finditer(text))]


def apply(text: str, splices: Sequence[Splice]) -> str:
    """`text` with each splice made. Raises ValueError if two splices overlap."""
    out, cursor = [], 0
    for splice in sorted(splices, key=lambda s: (s.start, s.order, s.end)):
        if splice.start < cursor:
            raise ValueError(f"overlapping edits at character {splice.start}")
        out.append(text[cursor : splice.start])
        out.append(splice.text)
        cursor = splice.end
    out.append(text[cursor:])
    return "".join(out)


def same_except(old: str, new: str, splices: Sequence[Splice]) -> bool:
    """True when `new` (= `apply(old, splices)`) reads as `old` except where the splices are, and each splice's
    text reads as exactly its `values`, all plain scalars.

    Compares the two texts' parser events side by side (kind, value, tag, anchor, quoting, flow or block), without
    positions, which the edits move: any other difference (a broken indentation, a key that became text, a
    mapping that became a sequence) makes it False. One pass over each text, memory independent of their size.
    """
    ordered = sorted(splices, key=lambda s: (s.start, s.order, s.end))
    old_ranges, new_ranges, shift = [], [], 0
    for splice in ordered:
        old_ranges.append((splice.start, splice.end))
        new_start = splice.start + shift
        new_ranges.append((new_start, new_start + len(splice.text)))
        shift += len(splice.text) - (splice.end - splice.start)
    inside: list[list[Any]] = [[] for _ in ordered]
    outside_old = _outside(events(old), old_ranges, None)
    outside_new = _outside(_until_broken(events(new)), new_ranges, inside)
    for before, after in _zip_all(outside_old, outside_new):
        if before is None or after is None or _signature(before) != _signature(after):
            return False
    for splice, found in zip(ordered, inside, strict=True):
        values = tuple(event.value for event in found)
        if values != splice.values or not all(_plain(event) for event in found):
            return False
    return True


def _outside(stream: Iterator[Any], ranges: list[tuple[int, int]], inside: list[list[Any]] | None) -> Iterator[Any]:
    """The events that start outside every (non-empty) range, in order. A scalar event within a range is left
    out, and with `inside` kept in that range's list; any other event within a range is passed on, so that the
    comparison fails. `ranges` are sorted and do not overlap; events come in text order."""
    from ruamel.yaml import events as ev

    spans = [(start, end, number) for number, (start, end) in enumerate(ranges) if start < end]
    pointer = 0
    for event in stream:
        index = event.start_mark.index
        while pointer < len(spans) and spans[pointer][1] <= index:
            pointer += 1
        if pointer < len(spans) and spans[pointer][0] <= index and event.__class__ is ev.ScalarEvent:
            if inside is not None:
                inside[spans[pointer][2]].append(event)
            continue
        yield event


class _Broken:
    """Stands for the rest of a text that does not parse: equal to no event."""

    class start_mark:
        index = -1


def _until_broken(stream: Iterator[Any]) -> Iterator[Any]:
    from ruamel.yaml.error import YAMLError

    try:
        yield from stream
    except YAMLError:
        yield _Broken()


def _zip_all(first: Iterator[Any], second: Iterator[Any]) -> Iterator[tuple[Any, Any]]:
    while True:
        a, b = next(first, None), next(second, None)
        if a is None and b is None:
            return
        yield a, b


def _signature(event: Any) -> tuple[Any, ...]:
    return (
        event.__class__,
        getattr(event, "value", None),
        getattr(event, "anchor", None),
        getattr(event, "tag", None),
        getattr(event, "implicit", None),
        getattr(event, "style", None),
        getattr(event, "flow_style", None),
    )


def _plain(event: Any) -> bool:
    return bool(event.implicit[0]) and event.anchor is None and event.tag is None and not event.style
