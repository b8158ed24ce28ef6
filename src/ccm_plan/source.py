"""YAML text → plain data, with the source position of every key and value.

We build the data from the parser's events ourselves (libyaml's C parser via ruamel.yaml.clib when present)
instead of using ruamel's constructors: it is several times faster on large plans, keeps every position at
almost no cost, and refuses anything that is not plain data (tags, alias bombs, deep nesting) while parsing.
This is the only module that touches ruamel. Positions are 0-based in ruamel; we add 1 here and nowhere else.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .problems import Problem, Severity

# Limits, documented in the README: a plan never comes near them; hostile input is stopped fast.
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIASES = 1_000
MAX_EXPANDED_NODES = 2_000_000
MAX_SCALAR_CHARS = 200_000
MAX_NUMBER_DIGITS = 30

Key = str | int
Path_ = tuple[Key, ...]
Position = tuple[int, int]

_STANDARD_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _STANDARD_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = re.compile(r"^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass
class Source:
    """One parsed YAML file: its data, the positions of its keys and values, and any problems in reading it.

    `data` is None when the file could not be parsed; `problems` then says why.
    """

    path: Path
    display: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    _marks: dict[int, Any] = field(default_factory=dict, repr=False)
    _root: Position = (1, 1)

    def locate(self, keys: Path_, *, key: bool = False) -> Position:
        """The (line, column) of the value at `keys`, or of its key with `key=True`.

        Elements that do not exist are skipped, so a path to something missing resolves to its nearest
        existing ancestor: the place where the missing thing should be added.
        """
        current: Any = self.data
        position = self._root
        for element in keys:
            marks = self._marks.get(id(current))
            if marks is None:
                continue
            if isinstance(current, dict) and element in current:
                key_position, value_position = marks[element]
                position = key_position if key and element == keys[-1] else value_position
                current = current[element]
            elif isinstance(current, list) and isinstance(element, int) and 0 <= element < len(current):
                position = marks[element]
                current = current[element]
        return position

    def problem(
        self,
        keys: Path_,
        rule: str,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        severity: Severity = Severity.ERROR,
        subject: str = "",
    ) -> Problem:
        line, column = self.locate(keys, key=key)
        return Problem(self.display, line, column, severity, rule, message, hint, subject)


class _Stop(Exception):
    """Reading stops at the first problem that makes the rest of the file meaningless."""

    def __init__(self, line: int, column: int, rule: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.line, self.column, self.rule, self.message, self.hint = line, column, rule, message, hint


def display_path(path: Path) -> str:
    """The path as the user will want to read it: relative to the current folder when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_text(path: Path, display: str) -> tuple[str | None, Problem | None]:
    """Read a file as UTF-8 (a BOM is accepted), or say exactly where it is not text.

    Raises OSError for a file that cannot be opened at all; the caller turns that into a usage error.
    """
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, Problem(
            display,
            1,
            1,
            Severity.ERROR,
            "yaml-limit",
            f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
            "split the plan or remove what is not plan data",
        )
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, Problem(
            display,
            line,
            column,
            Severity.ERROR,
            "yaml-syntax",
            f"byte 0x{raw[error.start]:02x} is not UTF-8 text",
            "save the file as UTF-8; a plan file is text, not a binary or a spreadsheet",
        )


def load(path: Path, display: str | None = None) -> Source:
    """Parse one YAML file into a `Source`. Never raises for bad content; raises OSError for an unreadable file."""
    source = Source(path=path, display=display or display_path(path))
    text, problem = read_text(path, source.display)
    if problem is not None:
        source.problems.append(problem)
        return source
    assert text is not None
    return parse_text(text, source)


def parse_text(text: str, source: Source) -> Source:
    builder = _Builder(source)
    try:
        source.data = builder.build(_events(text))
    except _Stop as stop:
        source.data = None
        source.problems.append(
            Problem(source.display, stop.line, stop.column, Severity.ERROR, stop.rule, stop.message, stop.hint)
        )
    else:
        source._marks = builder.marks
    source.problems.extend(builder.soft_problems)
    return source


def _events(text: str) -> Iterator[Any]:
    """The parser's events, turning ruamel's syntax errors into a located `_Stop`."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="safe")
    try:
        yield from yaml.parse(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        message = " ".join(part for part in (error.context, error.problem) if part) or "not valid YAML"
        hint = "fix the YAML syntax at this place"
        if "\\t" in message or "'\t'" in message or _tab_at(text, line, column):
            message, hint = "a tab character is used for indentation", "indent YAML with spaces, never tabs"
        elif "special characters are not allowed" in message or "control characters" in message:
            hint = "remove the control character; a plan file is plain text"
        raise _Stop(line, column, "yaml-syntax", message.replace("\n", " "), hint) from None
    except YAMLError as error:
        raise _Stop(1, 1, "yaml-syntax", str(error).replace("\n", " "), "fix the YAML syntax") from None


def _tab_at(text: str, line: int, column: int) -> bool:
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return False
    row = lines[line - 1]
    return "\t" in row[: max(column, 1)] and row[: column - 1].strip(" \t") == ""


class _Builder:
    """Builds plain Python data from parser events, recording positions and enforcing the limits."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.marks: dict[int, Any] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.soft_problems: list[Problem] = []
        self.aliases = 0
        self.expanded = 0

    def stop(self, event: Any, rule: str, message: str, hint: str) -> _Stop:
        return _Stop(event.start_mark.line + 1, event.start_mark.column + 1, rule, message, hint)

    def build(self, events: Iterator[Any]) -> Any:
        documents: list[Any] = []
        for event in events:
            name = type(event).__name__
            if name == "DocumentStartEvent":
                if documents:
                    raise self.stop(
                        event,
                        "yaml-syntax",
                        "a second YAML document starts here",
                        "a plan file holds one document: remove the extra '---'",
                    )
                documents.append(self.node(events, next(events), depth=0)[0])
        return documents[0] if documents else None

    def node(self, events: Iterator[Any], event: Any, depth: int) -> tuple[Any, int]:
        """Build the node that starts with `event`; return it and its expanded size in nodes."""
        name = type(event).__name__
        if depth > MAX_DEPTH:
            raise self.stop(
                event,
                "yaml-limit",
                f"nesting deeper than {MAX_DEPTH} levels",
                "a plan is a few levels deep; check the indentation",
            )
        if name == "AliasEvent":
            return self.alias(event)
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
            raise self.stop(
                event,
                "yaml-tag",
                f"the tag {tag} is not allowed in a plan file",
                "remove the tag: plan files hold plain data only",
            )
        if name == "ScalarEvent":
            value: Any = self.scalar(event, tag)
            size = 1
        elif name == "SequenceStartEvent":
            value, size = self.sequence(events, event, depth)
        elif name == "MappingStartEvent":
            value, size = self.mapping(events, event, depth)
        else:  # pragma: no cover - the parser never yields another event here
            raise self.stop(event, "yaml-syntax", f"unexpected {name}", "fix the YAML syntax")
        self.expanded += 1
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, size)
        return value, size

    def alias(self, event: Any) -> tuple[Any, int]:
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise self.stop(
                event,
                "yaml-limit",
                f"more than {MAX_ALIASES:,} aliases",
                "write the values out instead of repeating aliases",
            )
        if event.anchor not in self.anchors:
            raise self.stop(
                event,
                "yaml-syntax",
                f"alias *{event.anchor} has no anchor before it",
                "define the anchor (&name) before using it",
            )
        value, size = self.anchors[event.anchor]
        self.expanded += size
        if self.expanded > MAX_EXPANDED_NODES:
            raise self.stop(
                event,
                "yaml-limit",
                f"aliases expand the document to more than {MAX_EXPANDED_NODES:,} values",
                "this looks like an alias bomb; write the values out instead",
            )
        return value, size

    def sequence(self, events: Iterator[Any], start: Any, depth: int) -> tuple[list[Any], int]:
        items: list[Any] = []
        positions: list[Position] = []
        size = 1
        for event in events:
            if type(event).__name__ == "SequenceEndEvent":
                break
            positions.append((event.start_mark.line + 1, event.start_mark.column + 1))
            value, item_size = self.node(events, event, depth + 1)
            items.append(value)
            size += item_size
        self.marks[id(items)] = positions
        return items, size

    def mapping(self, events: Iterator[Any], start: Any, depth: int) -> tuple[dict[Any, Any], int]:
        result: dict[Any, Any] = {}
        positions: dict[Any, tuple[Position, Position]] = {}
        size = 1
        for event in events:
            if type(event).__name__ == "MappingEndEvent":
                break
            key_position = (event.start_mark.line + 1, event.start_mark.column + 1)
            key, key_size = self.node(events, event, depth + 1)
            value_event = next(events)
            value_position = (value_event.start_mark.line + 1, value_event.start_mark.column + 1)
            value, value_size = self.node(events, value_event, depth + 1)
            size += key_size + value_size
            if isinstance(key, (dict, list)):
                raise _Stop(
                    *key_position,
                    "yaml-syntax",
                    "a mapping key must be a plain value",
                    "use a simple key such as a name or a year",
                )
            if key in result:
                first_line = positions[key][0][0]
                self.soft_problems.append(
                    Problem(
                        self.source.display,
                        *key_position,
                        Severity.ERROR,
                        "yaml-duplicate-key",
                        f"duplicate key {key!r} (first at line {first_line})",
                        f"remove one of the two; only the one at line {first_line} is kept",
                    )
                )
                continue
            result[key] = value
            positions[key] = (key_position, value_position)
        self.marks[id(result)] = positions
        return result, size

    def scalar(self, event: Any, tag: str | None) -> Any:
        text: str = event.value
        if len(text) > MAX_SCALAR_CHARS:
            raise self.stop(
                event,
                "yaml-limit",
                f"a value of {len(text):,} characters; the limit is {MAX_SCALAR_CHARS:,}",
                "shorten the text",
            )
        if tag is not None and tag != "!":
            kind = tag[len(_STANDARD_TAG) :]
            if kind == "str":
                return text
            if kind in ("int", "float", "bool", "null", "timestamp"):
                value = self.resolve(event, text)
                return value
            raise self.stop(
                event,
                "yaml-tag",
                f"the tag {tag} is not allowed on a scalar",
                "remove the tag: plan files hold plain data only",
            )
        if tag == "!" or not event.implicit[0]:
            return text  # quoted or block scalars are always text
        return self.resolve(event, text)

    def resolve(self, event: Any, text: str) -> Any:
        """YAML 1.2 core schema, with decimals as exact `Decimal` (money is never a float) and dates."""
        if _NULL.match(text):
            return None
        if _TRUE.match(text):
            return True
        if _FALSE.match(text):
            return False
        numeric = _INT.match(text) or _OCT.match(text) or _HEX.match(text) or _FLOAT.match(text)
        if numeric and len(text.lstrip("+-")) > MAX_NUMBER_DIGITS:
            raise self.stop(
                event,
                "yaml-limit",
                f"a number of {len(text)} digits",
                f"numbers in a plan have at most {MAX_NUMBER_DIGITS} digits",
            )
        if _INT.match(text):
            return int(text)
        if _OCT.match(text):
            return int(text[2:], 8)
        if _HEX.match(text):
            return int(text[2:], 16)
        if _FLOAT.match(text) or _SPECIAL_FLOAT.match(text):
            try:
                return Decimal(
                    text.replace(".inf", "Infinity")
                    .replace(".Inf", "Infinity")
                    .replace(".INF", "Infinity")
                    .lower()
                    .replace(".nan", "NaN")
                )
            except InvalidOperation:  # pragma: no cover - the patterns admit only valid numbers
                return text
        if _DATE.match(text):
            try:
                return datetime.date.fromisoformat(text)
            except ValueError:
                return text
        return text
