"""cell-length: every text of the plan fits one workbook cell (32,767 characters).

`export xlsx` writes each text into one cell, and a cell of an Excel workbook holds at most 32,767 characters
(Excel's specifications and limits; XlsxWriter cuts a longer string). Rather than cut a text silently, the export
refuses a plan that has one, naming where it is; this rule says so earlier, at the text, on every `validate`.

Passes::

    note: {en: Consultancy services, room rental, workshops, catering, etc.}

Fails (a note of 41,311 characters, pasted whole from a report)::

    note: {en: "The Implementation Support Unit … (41,311 characters)"}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ..problems import Severity
from .base import Document, Finding, PlanModels, Rule

CELL_CHARACTERS = 32_767  # Excel: "Total number of characters that a cell can contain"


def check(models: PlanModels) -> Iterator[Finding]:
    documents: list[tuple[Document, Any]] = [("budget", models.budget), ("workplan", models.workplan)]
    for document, model in documents:
        if model is not None:
            yield from _texts(document, model)


def _texts(document: Document, model: BaseModel) -> Iterator[Finding]:
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), model)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if len(value) > CELL_CHARACTERS:
                yield Finding(
                    document,
                    path,
                    f"a text of {len(value):,} characters; a workbook cell holds at most {CELL_CHARACTERS:,}, so "
                    "`export xlsx` refuses the plan rather than cut it",
                    "shorten the text, or split it (a note per topic); keep the full text in a document it links to",
                    "/".join(map(str, path)),
                )
        elif isinstance(value, BaseModel):
            stack.extend(((*path, name), getattr(value, name)) for name in type(value).model_fields)
        elif isinstance(value, (list, tuple)):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
        elif isinstance(value, dict):
            stack.extend(((*path, key), item) for key, item in value.items())


RULE = Rule(
    "cell-length",
    "Every text fits one workbook cell (32,767 characters), so `export xlsx` never has to cut one.",
    Severity.WARNING,
    check,
    __doc__ or "",
)
