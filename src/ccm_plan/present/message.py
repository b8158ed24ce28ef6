"""Messages as values: a message id and typed arguments, made into text at output time in the language asked.

The producers of findings and changes (rules, `diff`, `fix`) import only this module from `present`: it formats
nothing, and imports nothing but the standard library. An argument says what a figure *is*, and the output side
(`voice.Voice`) decides how it reads::

    Message(N_("{line} {amount} is {share} of {base}"), line=Name(line.name), amount=Money(actual),
            share=Percent(share), base=Name(base_line.name))

Argument types: `Money` (an amount in the plan's currency, shown at the plan's precision), `SignedMoney` (a
change of one), `Percent`/`SignedPercent` (in percent units: 18.9 for 18.9%), `Number` (a figure that is
neither: a full-time equivalent, an exchange rate), `Count` (a whole number, grouped),
`Year` and `Code` (shown exactly as written: a year, an id, a key, a file), `Name` (one of the plan's texts, per
language), `Term` (one of the tool's words, translated), `Listing` (several values joined), and a nested `Message`. A plain `str` is shown as it
is, a plain `int` as written (never grouped, never money).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Union


def N_(msgid: str) -> str:
    """Mark `msgid` as one of the tool's words to translate later; returns it unchanged.

    gettext's name for a deferred translation: the catalog extraction (`python -m ccm_plan.present.catalogs`)
    collects every `N_("...")`, and the text is translated when it is shown (`Voice._`, `Voice.say`).
    """
    return msgid


@dataclass(frozen=True)
class Money:
    """An amount in the plan's currency (exact), shown at the plan's precision; with `versus` (the figure it is
    compared with), with the decimals that make the two read differently (`1,234,567.891` beside
    `1,234,567.890`); with `exact`, with every decimal it has beyond the plan's precision (a limit a user gave:
    `3,967.99` in a whole-unit plan)."""

    value: Decimal
    versus: Decimal | None = None
    exact: bool = False


@dataclass(frozen=True)
class SignedMoney:
    """A change of an amount: shown with its sign (`+8,863`, `-120.50`), zero unsigned."""

    value: Decimal


@dataclass(frozen=True)
class Percent:
    """A percentage in percent units (18.91 for 18.91%), shown with `places` decimals or more (never as 0 when
    it is not); `places=None` shows it as exact as it is (a rate the plan states: `20%`, `12.5%`).

    `versus` is the limit it is compared with (a transfer authority, a plan's rate), when the message shows both:
    the percentage then gets the decimals that make it read differently from the limit (12.99% beside a limit of
    13%, never 13.0%)."""

    value: Decimal
    places: int | None = 1
    versus: Decimal | None = None


@dataclass(frozen=True)
class SignedPercent:
    """A change in percent, with its sign; a non-zero change never reads `+0%`; `versus` as for `Percent`."""

    value: Decimal
    places: int | None = 1
    versus: Decimal | None = None


@dataclass(frozen=True)
class Number:
    """A figure that is neither money nor a percentage (a full-time equivalent, an exchange rate), shown as exact
    as the plan writes it, with the locale's decimal sign: `0.5`, `0,5`."""

    value: Decimal


@dataclass(frozen=True)
class Count:
    """A whole count (legs, posts, lines), grouped as the locale groups numbers."""

    value: int


@dataclass(frozen=True)
class Year:
    """A calendar year: shown as written (`2031`), never grouped, never money."""

    value: int


@dataclass(frozen=True)
class Code:
    """An id, a key path, a file name or a rule id: shown exactly as written, in every language."""

    value: str


@dataclass(frozen=True)
class Name:
    """One of the plan's own texts ({language: text}), in the language asked when the plan has it, else in the
    plan's first language (`languages`, the plan's order), else the first it has; `fallback` (an id) when empty."""

    texts: Mapping[str, str]
    languages: tuple[str, ...] = ()
    fallback: str = ""

    def __hash__(self) -> int:
        return hash((tuple(self.texts.items()), self.languages, self.fallback))

    def text(self, language: str) -> str:
        if language in self.texts:
            return self.texts[language]
        base = language.replace("_", "-").split("-")[0]
        if base in self.texts:
            return self.texts[base]
        for other in self.languages:
            if other in self.texts:
                return self.texts[other]
        return next(iter(self.texts.values()), self.fallback) or self.fallback


@dataclass(frozen=True)
class Term:
    """One of the tool's words (a msgid marked with `N_`), translated when shown: `Term(N_("in kind"))`."""

    msgid: str


@dataclass(frozen=True)
class Listing:
    """Several values in a row (the lines a gate names), joined with `separator`, one of the tool's words marked
    with `N_` where it is written (`N_(", ")`, `N_("; ")`: `、` and `；` in Chinese)."""

    items: tuple[Value, ...]
    separator: str = ", "


Value = Union[
    Money, SignedMoney, Percent, SignedPercent, Number, Count, Year, Code, Name, Term, Listing, "Message", str, int
]


class Message:
    """A message id (English text with `{named}` fields, marked with `N_`) and its typed arguments.

    Equal when id and arguments are equal; hashable. `str(message)` is not the way to show it: use `Voice.say`.
    """

    __slots__ = ("args", "id")

    def __init__(self, id: str, /, **args: Value) -> None:
        self.id = id
        self.args: dict[str, Value] = args

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.id, self.args) == (other.id, other.args)

    def __hash__(self) -> int:
        return hash((self.id, tuple(sorted(self.args))))

    def __repr__(self) -> str:
        args = "".join(f", {key}={value!r}" for key, value in self.args.items())
        return f"Message({self.id!r}{args})"

    def walk(self) -> Iterator[Message]:
        """This message and every message nested in its arguments."""
        yield self
        for value in self.args.values():
            if isinstance(value, Message):
                yield from value.walk()
            elif isinstance(value, Listing):
                for item in value.items:
                    if isinstance(item, Message):
                        yield from item.walk()
