"""The plan's document as GitHub-flavoured Markdown: for a plan repository's README or a pull-request preview.

Renders a `PlanDocument` (exports/document.py) as it is: headings, paragraphs, numbered and bulleted lists, and the
budget table as a pipe table (amounts right-aligned, the total row in bold, an in-kind row's text in its first year
column). Plan texts are escaped, so a text that starts with `#` or holds `*` or `|` stays text.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..read.characters import visible
from .document import BudgetTable, Heading, ItemList, Paragraph, PlanDocument, Prepared

_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_LEADING = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def escape(text: str, *, block: bool = True) -> str:
    """Plan text as literal Markdown: inline markers escaped and, at the start of a `block` (a paragraph, a list
    item), a marker that would start a heading, quote or list. Control and invisible characters are shown as
    `[U+XXXX]` (`read.characters.visible`), never passed on raw."""
    text = _SPECIAL.sub(r"\\\1", visible(text))
    if not block:
        return text
    return _LEADING.sub(lambda match: match.group(1) + "\\" + match.group(2), text)


def _cell(text: str) -> str:
    return escape(text, block=False).replace("|", "\\|").replace("\n", "<br>")


def render_markdown(document: PlanDocument) -> str:
    """The document as Markdown text, ending with one newline."""
    parts: list[str] = []
    if document.draft:
        parts.append(f"**{escape(document.draft_label)}**")
    for block in document.blocks:
        if isinstance(block, Heading):
            parts.append(f"{'#' * (block.level + 1)} {escape(block.text, block=False)}")
        elif isinstance(block, Paragraph):
            if block.role == "title":
                parts.append(f"# {escape(block.text, block=False)}")
                continue
            strong_role = block.role in ("meeting", "agenda-title")
            # only the paragraph's first run starts a block: a figure later in it ("Budget: 993.50") is not a list
            texts = [escape(run.text, block=index == 0) for index, run in enumerate(block.runs)]
            text = "".join(
                f"**{part}**" if run.strong or strong_role else part
                for run, part in zip(block.runs, texts, strict=True)
            )
            parts.append(text)
        elif isinstance(block, ItemList):
            if block.numbered:
                lines = [f"{block.start + index}. {escape(item)}" for index, item in enumerate(block.items)]
            else:
                lines = [f"- {escape(item)}" for item in block.items]
            parts.append("\n".join(lines))
        else:
            parts.append(_table(block))
    return "\n\n".join(parts) + "\n"


def _table(table: BudgetTable) -> str:
    lines = [f"**{escape(table.caption, block=False)}**", ""]
    lines.append("| " + " | ".join(_cell(text) for text in table.header) + " |")
    lines.append("| --- | " + " | ".join("---:" for _ in range(table.years)) + " | --- |")
    for row in table.rows:
        cells = [_cell(text) for text in row.cells]
        if row.kind == "total":
            cells = [f"**{cell}**" if cell else cell for cell in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def export_markdown(
    path: Path | str,
    output: Path | None = None,
    language: str | None = None,
    *,
    as_printed: bool = False,
    draft: bool = False,
) -> tuple[Prepared, Path | None, str]:
    """Write the plan at `path` as Markdown: (what was prepared, the file written or None, the text).

    `output` None: the default name (`isu-budget-2021-2026.md`, `-zh` for Chinese) here; a folder: that name in
    it; `-`: nothing is written, the caller prints the text. No text when `prepare_document` refuses.
    Raises what `prepare_document` and `output_path` raise, and `OutputError` when the file cannot be written.
    """
    from ..read.atomic import write_text
    from .document import output_path, prepare_document

    prepared = prepare_document(path, language, as_printed=as_printed, draft=draft)
    if prepared.document is None:
        return prepared, None, ""
    text = render_markdown(prepared.document)
    if output is not None and str(output) == "-":
        return prepared, None, text
    target = output_path(prepared.plan, prepared.language, output, ".md")
    write_text(target, text)
    return prepared, target, text
