"""What every output calls to turn words and figures into text for people: one `Voice` per output.

A `Voice` is a language (the tool's words, from `words`) and a locale with the plan's money precision (the
figures, from `numbers`)::

    from ccm_plan.present.voice import Voice
    voice = Voice("fr", places=2)
    voice._("Total")                                   # 'Total', translated: a heading, a row name
    voice._("{count} lines", count=Count(12))          # named fields, typed values formatted for the locale
    voice.n_("{n} problem", "{n} problems", 3, n=Count(3))
    voice.say(finding.message)                         # a Message made by a rule or by diff
    voice.money(Decimal("1234567.891"))                # '1 234 567,89'

Literal msgids passed to `_` and `n_` are collected by the catalog extraction; ids kept in data (a rule's
message) are marked where they are written with `message.N_`. To add words of your own: write them in English
where you use them (`voice._("Carry-over")`, or `N_("...")` for one kept in data), run
`python -m ccm_plan.present.catalogs`, and translate the new entries of the PO files (docs/present.md).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .message import (
    Code,
    Count,
    Listing,
    Message,
    Money,
    Name,
    Number,
    Percent,
    SignedMoney,
    SignedPercent,
    Term,
    Value,
    Year,
)
from .numbers import Numbers, exact_places
from .rounding import places_to_tell_apart
from .words import resolve_language, translations


class Voice:
    """The tool's words in `language` and figures for its locale (or `locale`), with money at `places` decimals.

    `language` is a tag (`en`, `fr`, `fr-CH`, `zh`); `None` resolves it from the environment as gettext does.
    The plan's texts (`Name`) are shown in `language` when the plan has it, else in the plan's first language.
    """

    def __init__(self, language: str | None = None, places: int = 0, locale: str | None = None) -> None:
        self.language = resolve_language(language)
        self.places = places
        self.numbers = Numbers(locale or self.language, places)
        self._translations = translations(self.language)

    def at(self, places: int) -> Voice:
        """This voice with money at `places` decimals (a finding's plan may have another precision)."""
        if places == self.places:
            return self
        other = Voice.__new__(Voice)
        other.language, other.places, other._translations = self.language, places, self._translations
        other.numbers = Numbers(self.numbers.locale, places)
        return other

    # -- words
    def _(self, msgid: str, /, **args: Value) -> str:
        """`msgid` in this language (English when not translated), its `{fields}` filled with `args`."""
        return self._fill(self._translations.gettext(msgid), msgid, args)

    def n_(self, singular: str, plural: str, n: int, /, **args: Value) -> str:
        """The form for `n` (languages have one to six plural forms), its fields filled with `args`."""
        english = singular if n == 1 else plural
        return self._fill(self._translations.ngettext(singular, plural, n), english, args)

    def say(self, message: Message) -> str:
        """A `Message` (a rule's finding, a change in a diff) as text in this language."""
        return self._(message.id, **message.args)

    def name(self, texts: dict[str, str], languages: tuple[str, ...] = (), fallback: str = "") -> str:
        """One of the plan's texts in this language, else the plan's first language (see `message.Name`)."""
        return Name(texts, languages, fallback).text(self.language)

    # -- figures (see numbers.Numbers)
    def money(self, value: Decimal | int, places: int | None = None) -> str:
        return self.numbers.money(value, places)

    def signed_money(self, value: Decimal | int, places: int | None = None) -> str:
        return self.numbers.signed_money(value, places)

    def percent(self, value: Decimal, places: int | None = 1) -> str:
        return self.numbers.percent(value, places)

    def signed_percent(self, value: Decimal, places: int | None = 1) -> str:
        return self.numbers.signed_percent(value, places)

    def count(self, value: int) -> str:
        return self.numbers.count(value)

    def value(self, value: Value) -> str:
        """One message argument as text (see `message` for what each type means)."""
        if isinstance(value, Money):
            if value.versus is not None:
                return self.numbers.money(value.value, places_to_tell_apart(value.value, value.versus, self.places))
            if value.exact:
                return self.numbers.money(value.value, max(self.places, exact_places(value.value)))
            return self.numbers.money(value.value)
        if isinstance(value, SignedMoney):
            return self.numbers.signed_money(value.value)
        if isinstance(value, Percent):
            return self.numbers.percent(value.value, _percent_places(value))
        if isinstance(value, SignedPercent):
            return self.numbers.signed_percent(value.value, _percent_places(value))
        if isinstance(value, Number):
            return self.numbers.number(value.value, exact_places(value.value))
        if isinstance(value, Count):
            return self.numbers.count(value.value)
        if isinstance(value, (Year, Code)):
            return str(value.value)
        if isinstance(value, Name):
            return value.text(self.language)
        if isinstance(value, Term):
            return self._(value.msgid)
        if isinstance(value, Message):
            return self.say(value)
        if isinstance(value, Listing):
            return self._(value.separator).join(self.value(item) for item in value.items)
        return str(value)

    def _fill(self, text: str, english: str, args: dict[str, Any]) -> str:
        if not args:
            return text
        values = {key: self.value(value) for key, value in args.items()}
        try:
            return text.format_map(values)
        except (KeyError, IndexError, ValueError):
            # A translation naming a field the message lacks (a translator's slip) must not stop the output:
            # the English text names the right fields (tests/test_catalogs.py checks every translation's fields).
            return english.format_map(values)


def _percent_places(value: Percent | SignedPercent) -> int | None:
    """A percentage's decimals: as asked, or, beside the limit it is compared with (`versus`), enough to read
    differently from it (12.99% against a limit of 13%, not 13.0%; the limit itself is shown as the plan states
    it)."""
    if value.versus is None or value.value == value.versus:
        return value.places
    places = exact_places(value.value) if value.places is None else value.places
    return places_to_tell_apart(value.value, value.versus, places)
