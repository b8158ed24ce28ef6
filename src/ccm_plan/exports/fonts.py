"""How much room a text takes in the fonts a workbook names: advance widths and line heights, measured.

The workbook names fonts Office has (Calibri; DengXian for Chinese). Their metrics come from the fonts that
print the same (Carlito is metric-compatible with Calibri; the tests render Chinese through a fontconfig
substitution of DengXian by Noto Sans CJK SC, tests/fonts.conf), read with fontTools and committed as
`font_metrics.json`, so the exporter needs neither fontTools nor the fonts at run time. Regenerate the table with

    .venv/bin/python -m ccm_plan.exports.fonts          # needs fontTools and the fonts (Debian: fonts-crosextra-carlito, fonts-noto-cjk)

and a test checks it is current where the fonts are installed.

A reader's machine may lack the named font. Calibri has a metric-compatible twin (Carlito) that LibreOffice and
fontconfig substitute; DengXian has none: a LibreOffice without it prints a DengXian cell's Chinese in another CJK
font (every ideograph one em wide in any of them) and its Latin letters and digits in fontconfig's default sans,
DejaVu Sans on Debian and Ubuntu, up to a quarter wider than DengXian's. `measure` therefore gives, by default, each
character the wider of its advances in the named font and in that substitute (`SUBSTITUTES`), so a text measured
to fit its cell fits on either machine; `measure(..., substitute=False)` is the named font alone (what a test
reads off a page printed in it).
"""

from __future__ import annotations

import functools
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

METRICS = Path(__file__).with_name("font_metrics.json")

# The font files each named face is measured in: (file, name of the face in a collection, or None).
SOURCES: dict[str, dict[str, tuple[str, str | None]]] = {
    "Calibri": {
        "regular": ("/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf", None),
        "bold": ("/usr/share/fonts/truetype/crosextra/Carlito-Bold.ttf", None),
    },
    "DengXian": {
        "regular": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
        "bold": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", "Noto Sans CJK SC Bold"),
    },
    "DejaVu Sans": {
        "regular": ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", None),
        "bold": ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", None),
    },
}
# What prints a named font's Latin characters where the font is missing and has no metric-compatible twin.
SUBSTITUTES = {"DengXian": "DejaVu Sans"}
CJK_START = 0x2E80  # from here on, a CJK font's glyphs are full width (one em) except those listed


class _Advances(dict[str, float]):
    """A face's advance of each character (em units), keyed by the character: looked up in C for a character seen
    before (a large plan's export measures hundreds of thousands), worked out once for a new one."""

    def __init__(self, widths: dict[int, float], default: float) -> None:
        super().__init__()
        self.widths, self.default = widths, default

    def __missing__(self, char: str) -> float:
        width = self.widths.get(ord(char))
        if width is None:
            width = 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else self.default
        self[char] = width
        return width


@dataclass(frozen=True)
class Face:
    """One face's metrics, in em units: each character's advance, and the line height LibreOffice and Excel use
    (ascent + descent + line gap of the font's horizontal header)."""

    widths: dict[int, float]
    default: float
    line: float
    advances: _Advances = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "advances", _Advances(self.widths, self.default))

    def width(self, text: str, size: float) -> float:
        """The advance of `text` at `size` points, in points (a character the face lacks: one em if it is wide,
        else the advance of "n")."""
        return sum(map(self.advances.__getitem__, text)) * size


# Chinese line breaking (GB/T 15834, kinsoku): these never start a line, and these never end one.
NO_LINE_START = set("。，、；：？！）》」』】〕〉”’….,;:?!)]}%·～—")
NO_LINE_END = set("（《「『【〔〈“‘([{")


def _tokens(paragraph: str) -> list[str]:
    """The pieces a line may break between: a word with the spaces after it; a CJK character alone (with the
    punctuation that must stay on its line attached)."""
    tokens: list[str] = []
    word = ""
    for char in paragraph:
        wide = unicodedata.east_asian_width(char) in ("W", "F")
        if char in NO_LINE_START and (tokens or word):
            if word:
                word += char
            else:
                tokens[-1] += char  # it stays on the line of what it closes
            continue
        if wide:
            if word and word[-1] not in NO_LINE_END:  # an opening mark stays with what it opens
                tokens.append(word)
                word = ""
            word += char
            if char not in NO_LINE_END:
                tokens.append(word)
                word = ""
            continue
        after_word = word and (
            (word[-1] == " " and char != " ") or unicodedata.east_asian_width(word[-1]) in ("W", "F")
        )
        if after_word and word[-1] not in NO_LINE_END:
            tokens.append(word)
            word = ""
        word += char
    if word:
        tokens.append(word)
    return tokens


def wrap(text: str, width: float, face: Face, size: float) -> list[str]:
    """`text` broken into the lines a spreadsheet prints in a cell `width` points wide (between words, or between
    CJK characters; a word wider than the cell is broken where it must). The lines joined give `text` back, with
    "\n" where the text had them; trailing spaces stay on their line and take no room. A CJK paragraph does not end
    with one character alone on its line: the one before it goes down too (the lines are as many)."""
    if "\n" not in text and face.width(text.rstrip(" "), size) <= width:
        return [text]  # the common case, a text that fits its cell: one line, no breaking
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        tokens: list[str] = []  # the tokens of `line`
        closed: list[str] = []  # the tokens of the line before it (none when that one was cut inside a word)
        for token in _tokens(paragraph):
            room = face.width(token.rstrip(" "), size)
            if line and used + room > width:
                lines.append(line)
                line, used, closed, tokens = "", 0.0, tokens, []
            while not line and face.width(token.rstrip(" "), size) > width and len(token) > 1:
                cut = len(token) - 1
                while cut > 1 and face.width(token[:cut], size) > width:
                    cut -= 1
                lines.append(token[:cut])
                token, closed = token[cut:], []
            line += token
            tokens.append(token)
            used += face.width(token, size)
        last = closed[-1] if len(closed) > 1 else ""
        lone = len(line) == 1 and breaks_anywhere(line) and breaks_anywhere(last)
        if lone and face.width(last + line, size) <= width:  # a lone last character takes the one before it along
            lines[-1] = lines[-1][: -len(last)]
            line = last + line
        lines.append(line)
    return lines


def measure(font: str, bold: bool, *, substitute: bool = True) -> Face:
    """The metrics of `font` (as the workbook names it); a font not in the table is measured as Calibri. With
    `substitute` (the default), each character below `CJK_START` is as wide as the wider of the font and the font
    that prints it where the named one is missing (`SUBSTITUTES`); the line height stays the named font's."""
    table = _table()
    name = font if font in table else "Calibri"
    style = "bold" if bold else "regular"
    other = SUBSTITUTES.get(name) if substitute else None
    return _merged(name, other, style) if other is not None else _face(name, style)


@functools.cache
def _table() -> dict[str, dict[str, dict[str, object]]]:
    data: dict[str, dict[str, dict[str, object]]] = json.loads(METRICS.read_text(encoding="utf-8"))
    return data


@functools.cache
def _face(font: str, style: str) -> Face:
    raw = _table()[font][style]
    widths: dict[int, float] = {}
    units = float(raw["units"])  # type: ignore[arg-type]
    for start, run in raw["runs"]:  # type: ignore[attr-defined]
        for offset, width in enumerate(run):
            widths[start + offset] = width / units
    return Face(widths, float(raw["default"]) / units, float(raw["line"]) / units)  # type: ignore[arg-type]


@functools.cache
def _merged(font: str, substitute: str, style: str) -> Face:
    """`font`'s face with each character below `CJK_START` as wide as the wider of it and `substitute`."""
    named, other = _face(font, style), _face(substitute, style)
    widths = dict(named.widths)
    for code, width in other.widths.items():
        if code < CJK_START:
            widths[code] = max(width, named.widths.get(code, named.default))
    return Face(widths, max(named.default, other.default), named.line)


def breaks_anywhere(text: str) -> bool:
    """Whether `text` holds characters a line may break between (CJK: full-width or wide)."""
    return not text.isascii() and any(unicodedata.east_asian_width(char) in ("W", "F") for char in text)


# ---------------------------------------------------------------------------------------- the table


def _runs(widths: dict[int, int]) -> list[list[object]]:
    """{code: width} as [[start, [w, w, ...]], ...] over runs of consecutive code points."""
    runs: list[list[object]] = []
    previous = None
    for code in sorted(widths):
        if previous is not None and code == previous + 1:
            runs[-1][1].append(widths[code])  # type: ignore[attr-defined]
        else:
            runs.append([code, [widths[code]]])
        previous = code
    return runs


def build() -> dict[str, dict[str, dict[str, object]]]:
    """The metrics table from the font files (needs fontTools). Below `CJK_START` every character the font maps
    is listed; from it on, only those whose advance is not one em."""
    from fontTools.ttLib import TTCollection, TTFont

    table: dict[str, dict[str, dict[str, object]]] = {}
    for name, styles in SOURCES.items():
        table[name] = {}
        for style, (path, face_name) in styles.items():
            if face_name is None:
                font = TTFont(path)
            else:
                fonts = TTCollection(path).fonts
                font = next(item for item in fonts if item["name"].getDebugName(4) == face_name)
            units = font["head"].unitsPerEm
            hhea = font["hhea"]
            advances = font["hmtx"]
            widths = {}
            for code, glyph in font.getBestCmap().items():
                width = advances[glyph][0]
                if code < CJK_START or (code <= 0xFFFF and width != units):
                    widths[code] = width
            table[name][style] = {
                "source": f"{Path(path).name}" + (f" ({face_name})" if face_name else ""),
                "units": units,
                "line": hhea.ascent - hhea.descent + hhea.lineGap,
                "default": advances[font.getBestCmap()[ord("n")]][0],
                "runs": _runs(widths),
            }
    return table


def main() -> None:
    METRICS.write_text(json.dumps(build(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {METRICS}")


if __name__ == "__main__":
    main()
