"""The source document (tests/fixtures/seed) as a stream of texts, and the comparison the fidelity tests make.

The seed is Markdown-like text: headings (`#`), run-in bold labels (`**…**`), lists (`- `, `1. `), and the budget
table as tab-separated rows (`<b>…</b>` for the total row). `seed_texts` returns every paragraph, list item and
table cell in reading order; `normalise` makes two texts comparable: no whitespace, no list numbering, no Markdown
or HTML markers, and figures as digits (341 405, 341,405 and 341405 are the same figure).
"""

from __future__ import annotations

import re
from pathlib import Path

_NUMBERING = re.compile(r"^(?:\d+\.|[-•])\s*")
_GROUPING = re.compile(r"(?<=\d)[,\s\u00a0\u202f](?=\d{3}(?!\d))")
_MARKERS = re.compile(r"\*\*|</?b>")


def normalise(text: str) -> str:
    text = _MARKERS.sub("", text).strip()
    text = _GROUPING.sub("", text)
    text = _NUMBERING.sub("", text)
    return re.sub(r"\s+", "", text)


def collapse(cells: list[str]) -> list[str]:
    """A table row's cells without empty ones and without a text repeated from the cell before (figures may
    repeat): the seed's in-kind row repeats its text over seven cells (seed-notes 1.6), and a merged Word cell
    reads back once per column."""
    out: list[str] = []
    for cell in cells:
        if cell and (not out or out[-1] != cell or cell.isdigit()):
            out.append(cell)
    return out


def seed_texts(path: Path) -> list[str]:
    """Every text of the seed in reading order, normalised; a table row gives its cells (collapsed)."""
    out: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line in ("---", "-"):
            continue
        if "\t" in raw:
            out.extend(collapse([normalise(cell) for cell in raw.split("\t")]))
            continue
        line = line.lstrip("#").strip()
        text = normalise(line)
        if text:
            out.append(text)
    return out


def unmatched(source: list[str], document: list[str]) -> tuple[list[str], list[str]]:
    """Compare a source with a document, both normalised text streams in reading order.

    Each source text must be found, in order, inside the document's texts (several consecutive source texts may
    share one document text: the seed breaks the agenda item's title over two lines). Returns the source texts not
    found in order, and what is left of each document text once the source texts found in it are taken out (the
    document's additions).
    """
    missing: list[str] = []
    leftovers = list(document)
    index, offset = 0, 0
    for text in source:
        probe_index, probe_offset = index, offset
        while probe_index < len(document):
            found = document[probe_index].find(text, probe_offset)
            if found >= 0:
                index, offset = probe_index, found + len(text)
                leftovers[index] = leftovers[index].replace(text, "", 1)
                break
            probe_index, probe_offset = probe_index + 1, 0
        else:
            missing.append(text)
    return missing, [text for text in leftovers if text]
