"""The after-adoption part of `ccm-plan diff` (actuals, contributions) as text, Markdown and JSON.

`diff_report` calls these three functions; the figures come from `diff.adoption`, the words and numbers from
`present`. JSON (under the key `adoption`, null when neither revision has actuals or contributions)::

    {"statuses": [{"year", "old", "new"}],                       # audited / preliminary / null
     "actuals": [{"year", "line", "old", "new", "difference"}],   # amounts as decimal strings, null where absent
     "contributors": [{"contributor", "change": "added|removed|scale", "old", "new"}],
     "contributions": [{"contributor", "year", "old": {"pledged", "received", "outstanding"}, "new": {...}}],
     "compared": true}                                             # false: a revision's files could not be read
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ..diff.adoption import AdoptionDiff
from ..present.message import N_
from ..present.numbers import ENGLISH, canonical_amount, canonical_percent, exact_places
from ..present.rounding import places_to_show, places_to_tell_apart
from ..present.voice import Voice

FIGURES = ("pledged", "received", "outstanding")
CHANGES = {"added": N_("added"), "removed": N_("removed"), "scale": N_("scale of assessment")}
"""How a contributor's change is named for people (the JSON keeps the key)."""


def _width(text: str) -> int:
    """Columns a text takes on a terminal: two for a wide (CJK) character."""
    # a wide (CJK) character takes two columns; a format character (the left-to-right mark before an Arabic
    # locale's sign) none
    return sum(
        0 if unicodedata.category(char) == "Cf" else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def _places(adoption: AdoptionDiff) -> int:
    return adoption.places


STATUSES = {"audited": N_("audited"), "preliminary": N_("preliminary")}


def _status(voice: Voice, status: str | None) -> str:
    return "—" if status is None else voice._(STATUSES[status]) if status in STATUSES else status


def _money(voice: Voice, value: Decimal | None, places: int | None = None) -> str:
    return "—" if value is None else voice.money(value, places)


def _column(places: int, pairs: Sequence[tuple[Decimal | None, Decimal | None]]) -> int:
    """The decimals of a column of money: `places`, or more where an old and a new figure would read alike."""
    for old, new in pairs:
        if old is not None and new is not None:
            places = max(places, places_to_tell_apart(old, new, places))
        for value in (old, new, (new or Decimal(0)) - (old or Decimal(0))):
            if value is not None:
                places = max(places, places_to_show(value, places))
    return places


def _rows(adoption: AdoptionDiff, voice: Voice) -> list[tuple[str, list[list[str]]]]:
    """(section title, rows with a header row) for every section that has changes."""
    sections = []
    if adoption.statuses:
        rows = [[voice._("Year"), voice._("Old"), voice._("New")]]
        for status in adoption.statuses:
            rows.append([str(status.year), _status(voice, status.old), _status(voice, status.new)])
        sections.append((voice._("Actuals reported"), rows))
    if adoption.actuals:
        rows = [[voice._("Year"), voice._("Line"), voice._("Old"), voice._("New"), voice._("Change")]]
        # one precision for the column: the plan's, or what tells each old figure from its new one (28,950.4000 →
        # 28,950.4001), never two different figures that read alike
        places = _column(voice.places, [(change.old, change.new) for change in adoption.actuals])
        for change in adoption.actuals:
            difference = (change.new or Decimal(0)) - (change.old or Decimal(0))
            rows.append(
                [
                    str(change.year),
                    change.line,
                    _money(voice, change.old, places),
                    _money(voice, change.new, places),
                    voice.signed_money(difference, places),
                ]
            )
        sections.append((voice._("Actuals that changed"), rows))
    if adoption.contributors:
        rows = [[voice._("Contributor"), voice._("Change"), voice._("Old"), voice._("New")]]
        for person in adoption.contributors:
            old = "—" if person.old is None else voice.percent(person.old, 3)
            new = "—" if person.new is None else voice.percent(person.new, 3)
            rows.append([person.contributor, voice._(CHANGES[person.change]), old, new])
        sections.append((voice._("Contributors"), rows))
    if adoption.contributions:
        rows = [
            [voice._("Contributor"), voice._("Year"), voice._("Pledged"), voice._("Received"), voice._("Outstanding")]
        ]
        pairs = [pair for change in adoption.contributions for pair in zip(change.old, change.new, strict=True)]
        places = _column(voice.places, pairs)
        for money_change in adoption.contributions:
            cells = [money_change.contributor, str(money_change.year)]
            for before, after in zip(money_change.old, money_change.new, strict=True):
                old_text, new_text = voice.money(before, places), voice.money(after, places)
                cells.append(old_text if before == after else f"{old_text} → {new_text}")
            rows.append(cells)
        sections.append((voice._("Contributions that changed (in the plan's currency)"), rows))
    return sections


def text_lines(adoption: AdoptionDiff | None, voice: Voice | None = None) -> list[str]:
    """The after-adoption sections of `diff`'s text output (empty when nothing changed), in the voice's language
    (English when None)."""
    if adoption is None:
        return []
    voice = (voice or Voice(ENGLISH)).at(_places(adoption))
    out: list[str] = []
    if adoption.unreadable:
        out += ["", voice._("Actuals and contributions: not compared (a revision's files could not be read).")]
        out += [f"  {p.location}: {p.text(voice)}" for p in adoption.problems]
    for title, rows in _rows(adoption, voice):
        widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
        out += ["", voice._("{title}:", title=title)]
        for row in rows:
            cells = [row[0] + " " * (widths[0] - _width(row[0]))]
            cells += [" " * (widths[i] - _width(cell)) + cell for i, cell in enumerate(row) if i]
            out.append("  " + "  ".join(cells).rstrip())
    return out


def markdown_lines(adoption: AdoptionDiff | None, voice: Voice | None = None) -> list[str]:
    """The after-adoption sections of `diff`'s Markdown output, in the voice's language (English when None)."""
    if adoption is None:
        return []
    voice = (voice or Voice(ENGLISH)).at(_places(adoption))
    out: list[str] = []
    if adoption.unreadable:
        out += ["", "> " + voice._("Actuals and contributions: not compared (a revision's files could not be read).")]
        out += [f"> - `{p.location}` {p.text(voice)}" for p in adoption.problems]
    for title, rows in _rows(adoption, voice):
        out += ["", f"**{title}**", ""]
        out.append("| " + " | ".join(rows[0]) + " |")
        out.append("| --- |" + " ---: |" * (len(rows[0]) - 1))
        out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows[1:]]
    return out


def _scale(value: Decimal | None) -> str | None:
    """A scale of assessment (a percentage) for JSON: two decimals or more, as exact as the plan states it."""
    return None if value is None else canonical_percent(value, max(2, exact_places(value)))


def json_data(adoption: AdoptionDiff | None) -> dict[str, Any] | None:
    if adoption is None:
        return None
    places = _places(adoption)

    def amount(value: Decimal | None) -> str | None:  # exact: at the plan's precision, finer where the figure is
        return None if value is None else canonical_amount(value, max(places, exact_places(value)))

    return {
        "compared": not adoption.unreadable,
        "statuses": [{"year": s.year, "old": s.old, "new": s.new} for s in adoption.statuses],
        "actuals": [
            {
                "year": c.year,
                "line": c.line,
                "old": amount(c.old),
                "new": amount(c.new),
                "difference": amount((c.new or Decimal(0)) - (c.old or Decimal(0))),
            }
            for c in adoption.actuals
        ],
        "contributors": [
            {
                "contributor": p.contributor,
                "change": p.change,
                "old": _scale(p.old),
                "new": _scale(p.new),
            }
            for p in adoption.contributors
        ],
        "contributions": [
            {
                "contributor": c.contributor,
                "year": c.year,
                "old": dict(zip(FIGURES, map(amount, c.old), strict=True)),
                "new": dict(zip(FIGURES, map(amount, c.new), strict=True)),
            }
            for c in adoption.contributions
        ],
    }
