"""YAML text → plain data, with the source position of every key and value.

We build the data from the parser's events ourselves (libyaml's C parser via ruamel.yaml.clib when present)
instead of using ruamel's constructors: it is several times faster on large plans, keeps every position at
almost no cost, and refuses anything that is not plain data (tags, alias bombs, deep nesting) while parsing.
This is the only module that parses YAML (`edit/spans.py` reads the same `events` to edit text in place).
Positions are 0-based in ruamel and kept so for every value (no +1 for 137,000 values of a large plan);
`Source.locate` makes the one it gives 1-based.
"""

from __future__ import annotations

import datetime
import errno
import gc
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..present.message import N_, Code, Count, Message, Value
from ..problems import Problem, Severity, said
from .characters import CONTROL, HIDDEN, LINE_SEPARATORS, SHOWN, describe, visible

# Limits, documented in the README: a plan never comes near them; hostile input is stopped fast.
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIASES = 1_000
MAX_EXPANDED_NODES = 2_000_000
MAX_SCALAR_CHARS = 200_000
CELL_CHARACTERS = 32_767  # what a workbook cell holds (Excel's limit): a longer value is a `cell-length` warning
MAX_NUMBER_DIGITS = 30
MAX_NUMBER_EXPONENT = 15  # numbers stay below 10**15, with at most MAX_PLACES decimals: 25 digits, exact in Decimal
MAX_NUMBER = 10**MAX_NUMBER_EXPONENT
MAX_PLACES = 10

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
_EXPONENT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$")


def exponent_figure(text: str) -> str | None:
    """The plain figure of a number written with an exponent (`4.6e4` → `46000`, `1.5E-3` → `0.0015`), or None
    for any other text. Money is read and reviewed as figures: `validate` and
    `import actuals` both refuse an exponent, with this figure as the fix."""
    text = text.strip()
    if len(text) > 40 or not _EXPONENT.match(text):  # 40: no reviewer writes a longer one; no huge expansion
        return None
    value = Decimal(text)
    if abs(value.adjusted()) > 30:
        return None
    return format(value.normalize(), "f")


_SPECIAL_FLOAT = re.compile(r"^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_NUMBER_START = frozenset("0123456789+-.")
_WORD_START = frozenset("~nNtTfF")
_RESOLVE_FIRST = _NUMBER_START | _WORD_START | {""}  # a plain scalar starting otherwise is text, as it is
# The line breaks of YAML 1.2, as its marks count them. U+0085, U+2028 and U+2029 were breaks in YAML 1.1 (and are
# in libyaml, which is 1.1); in 1.2 they are ordinary characters, kept in the text (see `yaml12`).
_BREAK = re.compile("\r\n|[\r\n]")
_SEPARATOR = re.compile(f"[{LINE_SEPARATORS}]")
LINE_BREAK = _BREAK  # public, for edit.spans
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_GROUPED_BEFORE = re.compile(r"(?<![0-9.,])([-+]?[0-9]{1,3}(?:,[0-9]{3})*,)$")  # `341,` just before a key 405
_GROUPS_AFTER = re.compile(r"[0-9]{3}(?:,[0-9]{3})*(?![0-9])")  # `405` and any further groups


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
                key_line, key_column, line, column = marks[element]
                if key and element == keys[-1]:
                    line, column = key_line, key_column
                position = (line + 1, column + 1)
                current = current[element]
            elif isinstance(current, list) and isinstance(element, int) and 0 <= element < len(current):
                line, column = marks[element]
                position = (line + 1, column + 1)
                current = current[element]
        return position

    def problem(
        self,
        keys: Path_,
        rule: str,
        message: str | Message,
        hint: str | Message = "",
        *,
        key: bool = False,
        severity: Severity = Severity.ERROR,
        subject: str = "",
    ) -> Problem:
        """A problem at `keys` (the key itself with `key`); a `Message` is said in the language an output asks."""
        line, column = self.locate(keys, key=key)
        if isinstance(message, Message):
            advice = hint if isinstance(hint, Message) else Message("{hint}", hint=hint) if hint else None
            return said(self.display, line, column, severity, rule, message, advice, subject)
        return Problem(self.display, line, column, severity, rule, message, str(hint), subject)


class _Stop(Exception):
    """Reading stops at the first problem that makes the rest of the file meaningless."""

    def __init__(self, line: int, column: int, rule: str, message: Message, hint: Message) -> None:
        super().__init__(message.id)
        self.line, self.column, self.rule, self.message, self.hint = line, column, rule, message, hint

    def problem(self, display: str) -> Problem:
        return said(display, self.line, self.column, Severity.ERROR, self.rule, self.message, self.hint)


def shown_value(value: Any) -> str:
    """A scalar as a plan file writes it, never Python's repr: 2021.0, .nan (not a number), true, 'travel',
    2021-01-01. Texts are quoted, shortened past 60 characters and shown with `visible`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, Decimal):
        if value.is_nan():
            return ".nan (not a number)"
        if value.is_infinite():
            return ".inf" if value > 0 else "-.inf"
        return str(value)
    if isinstance(value, str):
        return "'" + visible(value if len(value) <= 60 else value[:59] + "…") + "'"
    return str(value)


def shown(value: Any) -> Value:
    """`shown_value` as a message argument: as the file writes it, `.nan` explained in the language asked."""
    if isinstance(value, Decimal) and value.is_nan():
        return Message(N_(".nan (not a number)"))
    return Code(shown_value(value))


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
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):  # a folder; or a pipe or device, which would block or never end
        what = "a folder, not a file" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise OSError(errno.EINVAL, f"it is {what}")  # a usage error, said by the command
    size = info.st_size
    if size > MAX_FILE_BYTES:
        return None, said(
            display,
            1,
            1,
            Severity.ERROR,
            "yaml-limit",
            Message(N_("file is {size} bytes; the limit is {limit}"), size=Count(size), limit=Count(MAX_FILE_BYTES)),
            Message(N_("split the plan or remove what is not plan data")),
        )
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        # Lines end where YAML ends them (\n, \r\n, a lone \r, …) and columns count characters, as everywhere
        # else: the text before the bad byte, decoded, tells both.
        before = raw[: error.start].decode("utf-8-sig", "replace")
        breaks = list(_BREAK.finditer(before))
        line = len(breaks) + 1
        column = len(before) - (breaks[-1].end() if breaks else 0) + 1
        return None, said(
            display,
            line,
            column,
            Severity.ERROR,
            "yaml-syntax",
            Message(N_("byte {byte} is not UTF-8 text"), byte=Code(f"0x{raw[error.start]:02x}")),
            Message(N_("save the file as UTF-8; a plan file is text, not a binary or a spreadsheet")),
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
    from ruamel.yaml.error import YAMLError

    builder = _Builder(source, text)
    # The data is a tree (aliases share a node, never make a cycle), so the cyclic garbage collector has nothing
    # to find while it is built, and scanning the growing tree again and again would double a large plan's load.
    collecting = gc.isenabled()
    gc.disable()
    try:
        try:
            source.data = builder.build(events(text))
        except YAMLError as error:
            raise _syntax_stop(error, text) from None
    except _Stop as stop:
        source.data = None
        source.problems.append(stop.problem(source.display))
    else:
        source._marks = builder.marks
        source._root = builder.root
    finally:
        if collecting:
            gc.enable()
    source.problems.extend(builder.soft_problems)
    if source.data is not None:
        source.problems.extend(hidden_characters(text, source))
    return source


def yaml12(text: str) -> tuple[str, dict[int, str] | None]:
    """`text` as a YAML 1.1 parser (libyaml, ruamel's composer) reads it the YAML 1.2 way, and how to undo it.

    U+0085, U+2028 and U+2029 are ordinary characters in YAML 1.2, line breaks in 1.1: each is swapped for a
    private-use character the text does not hold (one character for one, so every position stays), and the
    returned table swaps them back in the parsed values. (None, nothing to undo: the text has none.)
    """
    if _SEPARATOR.search(text) is None:
        return text, None
    unused = (chr(code) for code in range(0xE000, 0xF900) if chr(code) not in text)
    forward = {ord(separator): next(unused) for separator in LINE_SEPARATORS}
    return text.translate(forward), {ord(stand_in): chr(code) for code, stand_in in forward.items()}


def hidden_characters(text: str, source: Source) -> list[Problem]:
    """`hidden-character` findings: control and invisible characters (see `characters.py`) in the file.

    One finding for each character, at its own line:column, so that an editor or a pull request's annotation
    leads to every one (a finding that named only the first left the others to be found by eye, which is what
    an invisible character defeats). Written as itself, a character is located where it stands; written as an
    escape in a double-quoted text ("\\e", "\\u202e"), at the escape's backslash.
    """
    problems: list[Problem] = []
    first = HIDDEN.search(text)
    raw: set[str] = set()
    starts: list[int] = []
    if first is not None or "\\" in text:
        starts = [0] + [match.end() for match in _BREAK.finditer(text)]
    if first is not None:
        holders = [
            (source.locate(keys, key=is_key), keys, is_key, value)
            for keys, is_key, value in _strings(source.data, ())
            if HIDDEN.search(value) is not None
        ]
        for match in HIDDEN.finditer(text, first.start()):
            line, column = _position(starts, match.start())
            raw.add(match.group())
            message, hint = _hidden_words(match.group())
            subject = _holder_subject(source.data, holders, (line, column), match.group())
            problems.append(
                said(source.display, line, column, Severity.WARNING, "hidden-character", message, hint, subject)
            )
    if "\\" in text:  # an escape in a double-quoted text can write any character
        for keys, is_key, value in _strings(source.data, ()):
            if SHOWN.search(value) is None:
                continue
            line, column = source.locate(keys, key=is_key)
            offset = starts[line - 1] + column - 1 if line <= len(starts) else -1
            if 0 <= offset < len(text) and text[offset] == '"':
                escaped = [(at, character) for at, character in _escapes(text, offset) if SHOWN.fullmatch(character)]
            else:  # not found where the parser placed the text: at the text, as the characters no raw one explains
                escaped = [(-1, character) for character in SHOWN.findall(value) if character not in raw][:1]
            for at, character in escaped:
                where = _position(starts, at) if at >= 0 else (line, column)
                message, hint = _hidden_words(character)
                problems.append(
                    said(
                        source.display,
                        *where,
                        Severity.WARNING,
                        "hidden-character",
                        Message(N_("{message}, written as an escape"), message=message),
                        hint,
                        text_subject(source.data, keys, is_key=is_key),
                    )
                )
    problems.sort(key=lambda problem: (problem.line, problem.column))
    return problems


def text_subject(data: Any, keys: Path_, *, is_key: bool = False) -> str:
    """The subject of a `hidden-character` finding, which a waiver repeats: where the text is, as other rules
    name what they are about (`salaries/2023`). A list item is named by its `id` in place of its list's name
    (`lines: [{id: salaries, name: {en: …}}]` → `salaries/name/en`), else by its position counted from 1
    (`notes/#2/en`); a mapping's key by itself. A text that is a key ends with that key, and any control or
    invisible character in a part is written as `\\uXXXX`, so that the subject can be typed."""
    parts: list[str] = []
    current = data
    for at, element in enumerate(keys):
        if isinstance(element, int):
            current = current[element] if isinstance(current, list) else None
            item_id = current.get("id") if isinstance(current, dict) else None
            if isinstance(item_id, str) and item_id:
                if parts:
                    parts.pop()
                parts.append(item_id)
            else:
                parts.append(f"#{element + 1}")
        else:
            if not (is_key and at == len(keys) - 1):
                current = current.get(element) if isinstance(current, dict) else None
            parts.append(str(element))
    return "/".join(SHOWN.sub(lambda match: f"\\u{ord(match.group()):04x}", part) for part in parts) or "."


def _holder_subject(data: Any, holders: list[tuple[Position, Path_, bool, str]], at: Position, character: str) -> str:
    """The subject of the text holding `character` written as itself at `at`: the last text that starts there or
    before and holds it. A character in no text (a comment) is named by its line: `line/12`."""
    found: tuple[Position, Path_, bool] | None = None
    for start, keys, is_key, value in holders:
        if start <= at and character in value and (found is None or start >= found[0]):
            found = (start, keys, is_key)
    if found is None:
        return f"line/{at[0]}"
    return text_subject(data, found[1], is_key=found[2])


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    """The 1-based (line, column) of `offset` in a text whose lines start at `starts`."""
    import bisect

    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


# YAML 1.2's escapes in a double-quoted text (5.7): one character, or a code point in hexadecimal.
_ESCAPE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_ESCAPED = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}


def _escapes(text: str, start: int) -> Iterator[tuple[int, str]]:
    """(offset of the backslash, character written) for each escape of the double-quoted text opening at
    `text[start]`; a line-continuation escape writes nothing ("")."""
    at = start + 1
    while at < len(text) and text[at] != '"':
        if text[at] != "\\":
            at += 1
            continue
        match = _ESCAPE.match(text, at)
        if match is None:
            return
        body = match.group()[1:]
        if len(body) > 1:
            try:
                character = chr(int(body[1:], 16))
            except ValueError:  # beyond U+10FFFF: the parser has refused the file already
                character = ""
        else:
            character = _ESCAPED.get(body, "")
        yield at, character
        at = match.end()


def _hidden_words(character: str) -> tuple[Message, Message]:
    described = describe(character)
    # A control without a Unicode name is named by its code point alone: what it is, the message says.
    name = Code(described.removesuffix(" control character"))
    if character in LINE_SEPARATORS:
        return (
            Message(
                N_(
                    "the text holds {name}, an invisible line break (text pasted from a word processor or a PDF "
                    "carries it)"
                ),
                name=name,
            ),
            Message(N_("replace it with a space, or with a real line break in a block text (|)")),
        )
    if character == "\r" or CONTROL.match(character):
        if character >= "\u202a":
            message = N_(
                "the text holds {name}, a bidirectional control that shows the text in another order than it is stored"
            )
        else:
            message = N_("the text holds {name}, a control character that can rewrite what a terminal shows")
        return Message(message, name=name), Message(
            N_("remove it; ccm-plan shows it as {shown}"), shown=Code(f"[U+{ord(character):04X}]")
        )
    return Message(N_("the text holds {name}, an invisible character"), name=name), Message(N_("remove it"))


def _strings(data: Any, keys: Path_) -> Iterator[tuple[Path_, bool, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(key, str):
                yield (*keys, key), True, key
            yield from _strings(value, (*keys, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*keys, index))
    elif isinstance(data, str):
        yield keys, False, data


def events(text: str) -> Iterator[Any]:
    """The parser's events, read as YAML 1.2 (`yaml12`). libyaml's C parser is called directly when installed:
    ruamel's `YAML.parse` wraps each event in two Python calls, which costs a fifth of the load time of a large
    plan."""
    text, back = yaml12(text)
    found: Iterator[Any]
    try:
        from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]  # re-exported from the C extension
    except ImportError:  # pragma: no cover - PyPy, or a Python that ruamel.yaml.clib does not support yet
        from ruamel.yaml import YAML

        found = iter(YAML(typ="safe", pure=True).parse(text))
    else:
        found = iter(CParser(text).get_event, None)
    return found if back is None else _restored(found, back)


def _restored(events: Iterator[Any], back: dict[int, str]) -> Iterator[Any]:
    for event in events:
        value = getattr(event, "value", None)
        if isinstance(value, str):
            event.value = value.translate(back)
        yield event


def _syntax_stop(error: Any, text: str) -> _Stop:
    """ruamel's syntax error as a located `_Stop`, in words a plan editor understands."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
    elif isinstance(getattr(error, "character", None), int):
        # A character the reader refuses; the C parser counts bytes, the Python one characters, so find it.
        offset = max(text.find(chr(error.character)), 0)
        breaks = list(_BREAK.finditer(text, 0, offset))
        line = len(breaks) + 1
        column = offset - (breaks[-1].end() if breaks else 0) + 1
    else:
        line, column = 1, 1
    parts = (getattr(error, "context", None), getattr(error, "problem", None))
    parser = " ".join(str(part) for part in parts if part) or str(error).split("\n")[0]
    # The parser's own words (libyaml's, in English) are quoted as they are: they name the construct it expected.
    message = Message("{parser}", parser=Code(parser.replace("\n", " "))) if parser else Message(N_("not valid YAML"))
    hint = Message(N_("fix the YAML syntax at this place"))
    if "\\t" in parser or "'\t'" in parser or _tab_at(text, line, column):
        message = Message(N_("a tab character is used for indentation"))
        hint = Message(N_("indent YAML with spaces, never tabs"))
    elif "incompatible YAML document" in parser:
        line, column = _directive(text, None)
        message = Message(N_("the %YAML directive names a version ccm-plan does not read (it reads YAML 1.2)"))
        hint = Message(N_("remove the %YAML line, or write %YAML 1.2"))
    elif "special characters are not allowed" in parser or "control characters" in parser:
        code = getattr(error, "character", None)
        if isinstance(code, int):
            message = Message(N_("the control character {code} is not allowed in YAML"), code=Code(f"U+{code:04X}"))
        hint = Message(N_("remove the control character; a plan file is plain text"))
    return _Stop(line, column, "yaml-syntax", message, hint)


_DIRECTIVE = re.compile(r"^%YAML\b", re.MULTILINE)


def _directive(text: str, event: Any) -> Position:
    """Where the `%YAML` directive is (the parser's mark is the document's start, after it)."""
    match = _DIRECTIVE.search(text)
    if match is None:
        return (event.start_mark.line + 1, event.start_mark.column + 1) if event is not None else (1, 1)
    return len(_BREAK.findall(text, 0, match.start())) + 1, 1


def _tab_at(text: str, line: int, column: int) -> bool:
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return False
    row = lines[line - 1]
    return "\t" in row[: max(column, 1)] and row[: column - 1].strip(" \t") == ""


class _Builder:
    """Builds plain Python data from parser events, recording positions and enforcing the limits.

    Hot path: a large plan has hundreds of thousands of events, so events are told apart by class identity and
    plain scalars take the shortest way through `node` and `resolve`.
    """

    def __init__(self, source: Source, text: str = "") -> None:
        from ruamel.yaml import events

        self.source = source
        self.text = text
        self.hurried: set[tuple[int, int]] = set()
        self.marks: dict[int, Any] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.soft_problems: list[Problem] = []
        self.aliases = 0
        self.expanded = 0
        self.root: Position = (1, 1)
        self.scalar_event = events.ScalarEvent
        self.alias_event = events.AliasEvent
        self.sequence_start = events.SequenceStartEvent
        self.sequence_end = events.SequenceEndEvent
        self.mapping_start = events.MappingStartEvent
        self.mapping_end = events.MappingEndEvent
        self.document_start = events.DocumentStartEvent

    def stop(self, event: Any, rule: str, message: Message, hint: Message) -> _Stop:
        return _Stop(event.start_mark.line + 1, event.start_mark.column + 1, rule, message, hint)

    def build(self, events: Iterator[Any]) -> Any:
        documents: list[Any] = []
        for event in events:
            if event.__class__ is self.document_start:
                if documents:
                    raise self.stop(
                        event,
                        "yaml-syntax",
                        Message(N_("a second YAML document starts here")),
                        Message(N_("a plan file holds one document: remove the extra '---'")),
                    )
                version = getattr(event, "version", None)
                if version is not None and tuple(version) != (1, 2):
                    self.soft_problems.append(
                        said(
                            self.source.display,
                            *_directive(self.text, event),
                            Severity.ERROR,
                            "yaml-version",
                            Message(
                                N_(
                                    "the file declares YAML {version}; ccm-plan reads YAML 1.2, where numbers with a "
                                    "leading zero, yes/no and on/off read differently ({example})"
                                ),
                                version=Code(".".join(map(str, version))),
                                example=Message(
                                    N_("{written} is {value} in 1.2, {other} in 1.1"),
                                    written=Code("012000"),
                                    value=Count(12000),
                                    other=Count(5120),
                                ),
                            ),
                            Message(
                                N_("remove the %YAML line once its numbers and words read as intended in YAML 1.2")
                            ),
                        )
                    )
                root = next(events)
                if not documents:  # where the document's data starts: after any comments at the top
                    self.root = (root.start_mark.line + 1, root.start_mark.column + 1)
                documents.append(self.node(events, root, depth=0)[0])
        return documents[0] if documents else None

    def node(self, events: Iterator[Any], event: Any, depth: int) -> tuple[Any, int]:
        """Build the node that starts with `event`; return it and its expanded size in nodes."""
        cls = event.__class__
        if cls is self.scalar_event and event.ctag is None and event.anchor is None and depth <= MAX_DEPTH:
            # The common case, a plain or quoted scalar without tag or anchor (ctag: the tag before ruamel
            # turns it into text, None when there is no tag).
            self.expanded += 1
            text: str = event.value
            if len(text) > CELL_CHARACTERS:
                self.long_text(event, text)
            return (self.resolve(event, text) if event.implicit[0] else text), 1
        if depth > MAX_DEPTH:
            raise self.stop(
                event,
                "yaml-limit",
                Message(N_("nesting deeper than {count} levels"), count=Count(MAX_DEPTH)),
                Message(N_("a plan is a few levels deep; check the indentation")),
            )
        if cls is self.alias_event:
            return self.alias(event)
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
            raise self.stop(
                event,
                "yaml-tag",
                Message(N_("the tag {tag} is not allowed in a plan file"), tag=Code(tag)),
                Message(N_("remove the tag: plan files hold plain data only")),
            )
        value: Any
        if cls is self.scalar_event:
            value, size = self.scalar(event, tag), 1
        elif cls is self.sequence_start:
            value, size = self.sequence(events, event, depth)
        elif cls is self.mapping_start:
            value, size = self.mapping(events, event, depth)
        else:  # pragma: no cover - the parser never yields another event here
            raise self.stop(
                event,
                "yaml-syntax",
                Message(N_("unexpected {event}"), event=Code(cls.__name__)),
                Message(N_("fix the YAML syntax at this place")),
            )
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
                Message(N_("more than {count} aliases"), count=Count(MAX_ALIASES)),
                Message(N_("write the values out instead of repeating aliases")),
            )
        if event.anchor not in self.anchors:
            raise self.stop(
                event,
                "yaml-syntax",
                Message(N_("alias {alias} has no anchor before it"), alias=Code(f"*{event.anchor}")),
                Message(N_("define the anchor (&name) before using it")),
            )
        value, size = self.anchors[event.anchor]
        self.expanded += size
        if self.expanded > MAX_EXPANDED_NODES:
            raise self.stop(
                event,
                "yaml-limit",
                Message(N_("aliases expand the document to more than {count} values"), count=Count(MAX_EXPANDED_NODES)),
                Message(N_("this looks like an alias bomb; write the values out instead")),
            )
        return value, size

    def sequence(self, events: Iterator[Any], start: Any, depth: int) -> tuple[list[Any], int]:
        items: list[Any] = []
        marks: list[Position] = []
        size = 1
        end, node, depth = self.sequence_end, self.node, depth + 1
        scalar_event, resolve, fast = self.scalar_event, self.resolve, depth <= MAX_DEPTH
        plain = 0  # scalars taken the short way, not yet added to `self.expanded`
        for event in events:
            cls = event.__class__
            if cls is end:
                break
            mark = event.start_mark
            marks.append((mark.line, mark.column))
            if cls is scalar_event and fast and event.ctag is None and event.anchor is None:
                value = event.value  # the common case, inlined: a scalar without tag or anchor (see `node`)
                if len(value) > CELL_CHARACTERS:
                    self.long_text(event, value)
                if event.implicit[0] and value[:1] in _RESOLVE_FIRST:
                    value = (
                        int(value)
                        if value.isdigit() and value.isascii() and len(value) < MAX_NUMBER_EXPONENT
                        else resolve(event, value)
                    )
                size += 1
                plain += 1
            else:
                self.expanded += plain  # counted before an alias below is, so the limit holds to the node
                plain = 0
                value, item_size = node(events, event, depth)
                size += item_size
            items.append(value)
        self.expanded += plain
        self.marks[id(items)] = marks
        return items, size

    def mapping(self, events: Iterator[Any], start: Any, depth: int) -> tuple[dict[Any, Any], int]:
        """Hot path: keys and plain values are handled here without a call to `node` (see `node` for the rules)."""
        result: dict[Any, Any] = {}
        marks: dict[Any, tuple[int, int, int, int]] = {}
        size = 1
        end, node, depth = self.mapping_end, self.node, depth + 1
        scalar_event, resolve, fast = self.scalar_event, self.resolve, depth <= MAX_DEPTH
        plain = 0  # scalars taken the short way, not yet added to `self.expanded`
        for event in events:
            cls = event.__class__
            if cls is end:
                break
            key_mark = event.start_mark
            if cls is scalar_event and fast and event.ctag is None and event.anchor is None:
                key = event.value
                if len(key) > CELL_CHARACTERS:
                    self.long_text(event, key)
                if event.implicit[0] and key[:1] in _RESOLVE_FIRST:
                    key = (
                        int(key)
                        if key.isdigit() and key.isascii() and len(key) < MAX_NUMBER_EXPONENT
                        else resolve(event, key)
                    )
                size += 1
                plain += 1
            else:
                self.expanded += plain
                plain = 0
                key, key_size = node(events, event, depth)
                size += key_size
                if isinstance(key, (dict, list)):
                    raise self.stop(
                        event,
                        "yaml-syntax",
                        Message(N_("a mapping key must be a plain value")),
                        Message(N_("use a simple key such as a name or a year")),
                    )
            value_event = next(events)
            if (
                value_event.__class__ is scalar_event
                and fast
                and value_event.ctag is None
                and value_event.anchor is None
            ):
                value = value_event.value
                if len(value) > CELL_CHARACTERS:
                    self.long_text(value_event, value)
                if value_event.implicit[0] and value[:1] in _RESOLVE_FIRST:
                    value = (
                        int(value)
                        if value.isdigit() and value.isascii() and len(value) < MAX_NUMBER_EXPONENT
                        else resolve(value_event, value)
                    )
                size += 1
                plain += 1
            else:
                self.expanded += plain
                plain = 0
                value, value_size = node(events, value_event, depth)
                size += value_size
            if value is None and start.flow_style and isinstance(key, int):
                hurried, problem = self.hurried_number(event, value_event)
                if problem is not None:
                    self.soft_problems.append(problem)
                if hurried:
                    continue  # part of a figure, not a key: reported once, at the figure
            if key in result:
                first_line = marks[key][0] + 1
                first = next(other for other in result if other == key)
                same = (
                    Message(N_("the same key as {first} at line {line}"), first=shown(first), line=Count(first_line))
                    if shown_value(first) != shown_value(key)
                    else Message(N_("first at line {line}"), line=Count(first_line))
                )
                self.soft_problems.append(
                    said(
                        self.source.display,
                        key_mark.line + 1,
                        key_mark.column + 1,
                        Severity.ERROR,
                        "yaml-duplicate-key",
                        Message(N_("duplicate key {key} ({same})"), key=shown(key), same=same),
                        Message(
                            N_("remove one of the two; only the one at line {line} is kept"), line=Count(first_line)
                        ),
                    )
                )
                continue
            if key == "<<" and not event.style and event.implicit[0]:
                self.soft_problems.append(
                    said(
                        self.source.display,
                        key_mark.line + 1,
                        key_mark.column + 1,
                        Severity.ERROR,
                        "yaml-syntax",
                        Message(N_("a merge key (<<) is YAML 1.1; ccm-plan reads YAML 1.2, which merges nothing")),
                        Message(N_("write the keys out in full (an alias, *name, may still repeat a whole value)")),
                    )
                )
            result[key] = value
            mark = value_event.start_mark
            marks[key] = (key_mark.line, key_mark.column, mark.line, mark.column)
        self.expanded += plain
        self.marks[id(result)] = marks
        return result, size

    def hurried_number(self, key_event: Any, value_event: Any) -> tuple[bool, Problem | None]:
        """`{2021: 341,405}`: a thousands separator in a flow mapping ends the figure (341) and makes the rest a key
        of its own (405, with no value). Said as such at the figure, instead of as a year 405 out of range.

        (True, the problem) for the first group of such a figure, (True, None) for its further groups
        (`1,000,000`), (False, None) for a key that is not part of a figure."""
        if value_event.__class__ is not self.scalar_event or value_event.value != "" or len(key_event.value) != 3:
            return False, None
        mark = key_event.start_mark
        lines = _BREAK.split(self.text)
        if mark.line >= len(lines):
            return False, None
        row = lines[mark.line]
        before = _GROUPED_BEFORE.search(row[: mark.column])
        if before is None:
            return False, None
        if (mark.line, before.start(1)) in self.hurried:
            return True, None
        self.hurried.add((mark.line, before.start(1)))
        after = _GROUPS_AFTER.match(row, mark.column)
        written = before.group(1) + (after.group() if after else key_event.value)
        first = written.split(",", 1)[0]
        return True, said(
            self.source.display,
            mark.line + 1,
            before.start(1) + 1,
            Severity.ERROR,
            "yaml-syntax",
            Message(
                N_(
                    "{written} reads as {first} followed by a key {key} without a value: inside {braces} a comma ends the figure"
                ),
                written=Code(written),
                first=Code(first),
                key=Code(written.split(",")[1]),
                braces=Code("{ }"),
            ),
            Message(N_("write {plain}, without thousands separators"), plain=Code(written.replace(",", ""))),
        )

    def exponent(self, event: Any, text: str) -> None:
        """A number written with an exponent (`4.6e4`): an error at the number, with the plain figure as the fix.
        A budget is read, reviewed and diffed as figures; `import actuals` refuses the same spelling."""
        plain = exponent_figure(text)
        self.number_problem(
            event,
            Message(N_("{number} is written with an exponent: a plan's figures are written out"), number=Code(text)),
            Message(N_("write {number}"), number=Code(plain))
            if plain is not None
            else Message(N_("write the figure out, without an exponent")),
        )

    def other_base(self, event: Any, text: str, value: int) -> None:
        """A number written in hexadecimal or octal (`0x10`, `0o17`, which YAML 1.2 reads as 16 and 15): an error at
        the number, with the decimal figure as the fix, as for an exponent. A plan's figures are plain decimals: a
        reviewer reads `0x10` as neither 16 nor ten."""
        said_as = (
            N_("{number} is written in hexadecimal (YAML reads it as {figure}): a plan's figures are plain decimals")
            if text[1] == "x"
            else N_("{number} is written in octal (YAML reads it as {figure}): a plan's figures are plain decimals")
        )
        figure = Code(str(value))
        self.number_problem(
            event, Message(said_as, number=Code(text), figure=figure), Message(N_("write {number}"), number=figure)
        )

    def number_problem(self, event: Any, message: Message, hint: Message) -> None:
        """A `schema` error at a number as written, said in the language an output asks."""
        mark = event.start_mark
        self.soft_problems.append(
            said(self.source.display, mark.line + 1, mark.column + 1, Severity.ERROR, "schema", message, hint)
        )

    def long_text(self, event: Any, text: str) -> None:
        """A value longer than a workbook cell holds: `cell-length` (a warning, at the value), or past
        MAX_SCALAR_CHARS the end of reading (`yaml-limit`)."""
        if len(text) > MAX_SCALAR_CHARS:
            raise self.too_long(event, text)
        mark = event.start_mark
        self.soft_problems.append(
            said(
                self.source.display,
                mark.line + 1,
                mark.column + 1,
                Severity.WARNING,
                "cell-length",
                Message(
                    N_(
                        "a text of {count} characters; a workbook cell holds at most {limit}, so `export xlsx` "
                        "refuses the plan rather than cut it"
                    ),
                    count=Count(len(text)),
                    limit=Count(CELL_CHARACTERS),
                ),
                Message(
                    N_("shorten the text, or split it (a note per topic); keep the full text in a document it links to")
                ),
            )
        )

    def too_long(self, event: Any, text: str) -> _Stop:
        return self.stop(
            event,
            "yaml-limit",
            Message(
                N_("a value of {count} characters; the limit is {limit}"),
                count=Count(len(text)),
                limit=Count(MAX_SCALAR_CHARS),
            ),
            Message(N_("shorten the text")),
        )

    def scalar(self, event: Any, tag: str | None) -> Any:
        text: str = event.value
        if len(text) > CELL_CHARACTERS:
            self.long_text(event, text)
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
                Message(N_("the tag {tag} is not allowed on a scalar"), tag=Code(tag)),
                Message(N_("remove the tag: plan files hold plain data only")),
            )
        if tag == "!" or not event.implicit[0]:
            return text  # quoted or block scalars are always text
        return self.resolve(event, text)

    def resolve(self, event: Any, text: str) -> Any:
        """YAML 1.2 core schema, with decimals as exact `Decimal` (money is never a float) and dates.

        Dispatches on the first character, so a text (most scalars) costs one look-up, a number one match."""
        first = text[:1]
        if first not in _NUMBER_START:
            if not first or first in _WORD_START:
                if _NULL.match(text):
                    return None
                if _TRUE.match(text):
                    return True
                if _FALSE.match(text):
                    return False
            return text
        if _INT.match(text):
            if len(text) < MAX_NUMBER_EXPONENT:  # the common case: no limit can be near
                return int(text)
            self.check_digits(event, text)
            return self.check_magnitude(event, text, int(text))
        if _FLOAT.match(text):
            self.check_digits(event, text)
            value = self.check_magnitude(event, text, Decimal(text))  # past the limits, that is the one finding
            if "e" in text or "E" in text:
                self.exponent(event, text)
            return value
        if _OCT.match(text) or _HEX.match(text):
            self.check_digits(event, text)
            value = self.check_magnitude(event, text, int(text[2:], 8 if text[1] == "o" else 16))
            if isinstance(value, int):
                self.other_base(event, text, value)
            return value
        if _SPECIAL_FLOAT.match(text):
            lowered = text.lower()
            return Decimal("NaN" if "nan" in lowered else lowered.replace(".inf", "Infinity"))
        if _DATE.match(text):
            try:
                return datetime.date.fromisoformat(text)
            except ValueError:
                return text
        return text

    def check_digits(self, event: Any, text: str) -> None:
        if len(text.lstrip("+-")) > MAX_NUMBER_DIGITS:
            raise self.stop(
                event,
                "yaml-limit",
                Message(N_("a number of {count} digits"), count=Count(len(text))),
                Message(N_("numbers in a plan have at most {count} digits"), count=Count(MAX_NUMBER_DIGITS)),
            )

    def check_magnitude(self, event: Any, text: str, value: int | Decimal) -> int | Decimal:
        """Numbers stay where exact arithmetic (28 significant digits) can add up a plan's figures."""
        if isinstance(value, int):
            too_large, too_fine = not -MAX_NUMBER < value < MAX_NUMBER, False
        else:
            exponent = value.as_tuple().exponent
            too_large = not value.is_zero() and value.adjusted() >= MAX_NUMBER_EXPONENT
            too_fine = isinstance(exponent, int) and exponent < -MAX_PLACES
        if too_large:
            raise self.stop(
                event,
                "yaml-limit",
                Message(N_("the number {number} is too large"), number=Code(text)),
                Message(N_("numbers in a plan stay below {limit}"), limit=Count(MAX_NUMBER)),
            )
        if too_fine:
            raise self.stop(
                event,
                "yaml-limit",
                Message(
                    N_("the number {number} has more than {count} decimal places"),
                    number=Code(text),
                    count=Count(MAX_PLACES),
                ),
                Message(N_("round it to at most {count} decimal places"), count=Count(MAX_PLACES)),
            )
        return value
