"""The default file name of an export, from the plan itself: its title as a slug (`isu-budget-2021-2026.xlsx`),
so that another unit's plan is never written as `ccm-plan-….xlsx` and two plans' exports never share a name."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model.plan import Budget

LONGEST = 60
"""Characters of the slug at most (cut at a word): a file name stays readable in a folder listing."""


def slug(text: str) -> str:
    """`text` as lowercase ASCII words joined by hyphens: `ISU budget 2021–2026` → `isu-budget-2021-2026`,
    `Presupuesto de la Unidad` → `presupuesto-de-la-unidad` (accents dropped); '' for a text without Latin
    letters (Chinese, Arabic, Russian), whose figures alone would name nothing."""
    decomposed = unicodedata.normalize("NFKD", text)  # é → e + a combining accent, dropped below
    plain = "".join(c if c.isascii() else "" if unicodedata.combining(c) else " " for c in decomposed).lower()
    words = re.findall(r"[a-z0-9]+", plain)
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > LONGEST:
            break
        out = f"{out}-{word}" if out else word[:LONGEST]
    return out if re.search("[a-z]", out) else ""  # years alone (`2021-2026` of a Chinese title) name nothing


def file_stem(budget: Budget, language: str) -> str:
    """The default name of an export of `budget` in `language`, without its suffix.

    The slug of the plan's title (in English when the plan has it, else in its first language that gives one),
    else of its unit, else `plan`; the period is added when the title does not hold it, and `-LANG` for a
    language other than English: `isu-budget-2021-2026`, `isu-budget-2021-2026-zh`,
    `example-secretariat-budget-2025-2028-fr`."""
    start, end = budget.period.start, budget.period.end
    stem = ""
    for text in (budget.title, budget.unit or {}):
        ordered = sorted(text.items(), key=lambda item: item[0] != "en")  # English first, then the plan's order
        stem = next((found for _, value in ordered if (found := slug(value))), "")
        if stem:
            break
    stem = stem or "plan"
    if not (str(start) in stem and str(end) in stem):
        stem = f"{stem}-{start}-{end}"
    return stem if language == "en" else f"{stem}-{language}"
