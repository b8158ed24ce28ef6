"""A plan text as it is circulated: the source's words with the plan's recorded corrections applied.

The plan keeps the source's words verbatim and records each known defect beside them (`corrections`: the
defective fragment, its reading, the reason). Documents made from the plan (the workbook, the Word document)
show the corrected text by default, and the source verbatim when asked (`--as-printed`). A correction without a
reading (`reading: null`: the right words are unknown) changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol


class _Correction(Protocol):
    @property
    def field(self) -> str: ...
    @property
    def lang(self) -> str: ...
    @property
    def seed(self) -> str: ...
    @property
    def reading(self) -> str | None: ...


def corrected(
    text: Mapping[str, str] | None, field: str, corrections: Sequence[_Correction], *, as_printed: bool = False
) -> dict[str, str] | None:
    """The text of `field` of an item ({language: text}) with the item's `corrections` of that field applied.

    Each correction replaces its `seed` fragment by its `reading` in the text of its `lang`, everywhere the
    fragment occurs; other languages are untouched. `as_printed=True` returns the text as recorded (the
    source's words). `None` stays `None`. A correction whose fragment is absent changes nothing (the
    `consistency` rule reports it).
    """
    if text is None:
        return None
    result = dict(text)
    if as_printed:
        return result
    for correction in corrections:
        if correction.field != field or correction.reading is None or correction.lang not in result:
            continue
        result[correction.lang] = result[correction.lang].replace(correction.seed, correction.reading)
    return result


def item_text(item: object, field: str, *, as_printed: bool = False) -> dict[str, str] | None:
    """`corrected` for a plan item that has the text `field` and may have `corrections` (an Entry, an Area, an
    in-kind item): `item_text(activity, "text")`, `item_text(area, "lead")`. Raises AttributeError when the item
    has no such field."""
    text: Mapping[str, str] | None = getattr(item, field)
    return corrected(text, field, getattr(item, "corrections", ()), as_printed=as_printed)
