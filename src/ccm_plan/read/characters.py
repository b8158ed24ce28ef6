"""Characters a reader of a plan cannot see, and how every terminal and Markdown output shows them.

Two kinds, both reported by `validate` as `hidden-character` warnings (documented in `rules/reading.py`):

- control characters: C0 and C1 controls other than tab and line feed, DEL, and
  the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). On a terminal an escape
  sequence can erase or rewrite the line a reviewer is reading; a bidirectional override shows text in another
  order than it is stored ("Trojan Source", CVE-2021-42574).
- invisible characters: the line and paragraph separators U+2028, U+2029 and
  NEXT LINE U+0085 (ordinary characters in YAML 1.2, but shown as a line break by some programs and as nothing by
  others; text pasted from a word processor or a PDF carries them), and the zero-width space U+200B, word joiner
  U+2060, zero-width no-break space U+FEFF and Mongolian vowel separator U+180E, which make two different texts
  or ids look the same. The zero-width joiner and non-joiner (U+200D, U+200C) are left alone: Persian, the
  Indic scripts and emoji need them.

`visible` shows each as `[U+XXXX]` (and a carriage return too, which moves a terminal's cursor); JSON and CSV keep
them as data.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069"
_INVISIBLES = "\x85\u2028\u2029\u200b\u2060\ufeff\u180e"
LINE_SEPARATORS = "\x85\u2028\u2029"

CONTROL = re.compile(f"[{_CONTROLS}]")
INVISIBLE = re.compile(f"[{_INVISIBLES}]")
HIDDEN = re.compile(f"[{_CONTROLS}{_INVISIBLES}]")  # in a file's text, where a carriage return ends a line
SHOWN = re.compile(f"[\r{_CONTROLS}{_INVISIBLES}]")  # in a value, where one can only come from an escape ("\\r")

_C0_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
}


def describe(character: str) -> str:
    """`U+2028 LINE SEPARATOR`, `U+001B ESCAPE`: the code point and its Unicode name (controls have none in
    `unicodedata`: the common ones are named here, the rest are 'control character')."""
    code = ord(character)
    if character == "\r":
        return "U+000D CARRIAGE RETURN"
    name = unicodedata.name(character, "") or _C0_NAMES.get(code, "control character")
    return f"U+{code:04X} {name}"


def visible(text: str) -> str:
    """`text` with every control and invisible character (and a carriage return) shown as `[U+XXXX]`; line feeds
    and tabs stay. For terminal and Markdown outputs; an output of data (JSON, CSV) keeps the characters."""
    if text.isascii() and text.isprintable():
        return text
    return SHOWN.sub(_shown, text)


def _shown(match: re.Match[str]) -> str:
    return f"[U+{ord(match.group()):04X}]"
