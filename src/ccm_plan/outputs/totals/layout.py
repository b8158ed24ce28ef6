"""The text layout of `totals`: tables drawn as rich would print them, fast for a plan of many lines and years.

Takes a `tables.Table` of cells already made into text (by `tables`, through `present`) and lays it out: column
widths, wrapping of names, rules between sections, ANSI styles. It formats no figure.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from .tables import Table

# The look of rich's Table(box=HORIZONTALS, show_edge=False, pad_edge=False), which `totals` used before: one
# space of padding each side of a column and a one-space divider, a rule under the header and under each section.
# Laid out here because rich measures every cell of a table several times: 3 s for 1,000 lines × 50 years.
# Rich still measures text (cell widths: CJK characters take two cells), wraps names and writes ANSI styles.
_GAP = "   "
_RULE = "─"
_NAME_MIN_WIDTH = 20  # a name column narrower than this is hard to read: the table grows wider instead
_STYLES = {
    "title": "bold",
    "header": "bold",
    "line": "",
    "in-kind": "italic",
    "subtotal": "",
    "total": "bold",
    "ratio": "dim",
}


class Canvas:
    """Draws text lines and tables as rich would print them to a console of unlimited width (or `width`)."""

    def __init__(self, color: bool) -> None:
        from rich.cells import cell_len

        self.cell_len = cell_len
        self.color = color
        self._console: Any = None
        self._styles: dict[str, Any] = {}

    def style(self, kind: str, text: str) -> str:
        if not self.color or not text or not _STYLES[kind]:
            return text
        if kind not in self._styles:
            from rich.style import Style

            self._styles[kind] = Style.parse(_STYLES[kind])
        from rich.color import ColorSystem

        rendered: str = self._styles[kind].render(text, color_system=ColorSystem.STANDARD)
        return rendered

    def wrap(self, text: str, width: int | None) -> list[str]:
        """`text` in lines of at most `width` cells (None: one line per line of the text), as rich wraps it.

        Printable text that fits is returned as it is; rich is asked only for the rest (tabs, line breaks,
        control characters, a name wider than its column).
        """
        if text.isprintable() and (width is None or self.cell_len(text) <= width):
            return [text]
        from rich.text import Text

        if self._console is None:
            from rich.console import Console

            self._console = Console(file=io.StringIO(), width=10_000, no_color=True, markup=False, emoji=False)
        if width is None:
            lines = Text(text).wrap(self._console, 10_000, justify="default", overflow="ignore", no_wrap=True)
        else:
            lines = Text(text).wrap(self._console, width, justify="default", overflow="fold")
        return [line.plain.rstrip() for line in lines]

    def lines(self, text: str, kind: str = "line") -> list[str]:
        return [self.style(kind, line.rstrip()) for line in self.wrap(text, None)]

    def table(self, spec: Table, width: int | None) -> list[str]:
        cell_len = self.cell_len
        rows = [
            (kind, cells, position == len(section) - 1)
            for section in spec.sections
            for position, (kind, cells) in enumerate(section)
        ]
        # figures: as wide as the widest, right-aligned, never wrapped
        widths = [
            max([cell_len(column)] + [cell_len(cells[index]) for _, cells, _ in rows])
            for index, column in enumerate(spec.columns)
        ]
        names = [self.wrap(cells[0], None) for _, cells, _ in rows]
        longest = max((cell_len(line) for lines in names for line in lines), default=0)
        longest = max(longest, cell_len(spec.columns[0]))
        widths[0] = longest
        if width is not None:
            words = max((cell_len(word) for _, cells, _ in rows for word in cells[0].split()), default=0)
            narrowest = max(words, min(longest, _NAME_MIN_WIDTH))
            room = width - sum(widths[1:]) - len(_GAP) * (len(widths) - 1)
            widths[0] = max(narrowest, min(longest, room))
            if widths[0] < longest:
                names = [self.wrap(cells[0], widths[0]) for _, cells, _ in rows]
        rule = _RULE * (sum(widths) + len(_GAP) * (len(widths) - 1))

        def row(first: str, figures: Sequence[str]) -> str:
            parts = [first + " " * (widths[0] - cell_len(first))]
            parts += [" " * (w - cell_len(cell)) + cell for w, cell in zip(widths[1:], figures, strict=True)]
            return _GAP.join(parts).rstrip()

        out = [self.style("header", row(spec.columns[0], spec.columns[1:])), rule]
        blank = [""] * (len(widths) - 1)
        for number, ((kind, cells, end_section), name) in enumerate(zip(rows, names, strict=True)):
            out.append(self.style(kind, row(name[0] if name else "", cells[1:])))
            out += [self.style(kind, row(more, blank)) for more in name[1:]]
            if end_section and number < len(rows) - 1:
                out.append(rule)
        return out
