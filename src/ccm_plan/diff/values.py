"""What a changed value *is*, read from the plan's model: an amount, a percentage, a year, a count, a text.

`diff` compares plain data (a model's `model_dump()`), where 10000 may be an amount (a cost per leg), a count
(legs a year) or a year (`period.end`). The model's type hints say which (`model.plan.Money`, `Percent`,
`Year`, `Text`), so a changed value carries its kind to the output, which shows an amount at the plan's
precision and a year as written (`period.end: 2030 → 2031`, never `2,031`)::

    kind_at(Budget, ("period", "end"))                                 # 'year'
    kind_at(Budget, ("parameters", "travel", "travel", "cost_per_leg", "min"))   # 'money'
"""

from __future__ import annotations

import types
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel

from ..model.plan import Money, Percent, Text, Year

Kind = Literal["money", "percent", "year", "count", "number", "text", "other"]
KeyPath = tuple[str | int, ...]

_KNOWN: tuple[tuple[Any, Kind], ...] = ((Money, "money"), (Percent, "percent"), (Year, "year"), (Text, "text"))


def kind_at(model: type[BaseModel], path: KeyPath) -> Kind:
    """The kind of the value at `path` (keys of a `model_dump()`; list items by their key) in `model`.

    'money' (an amount in the plan's currency), 'percent' (in percent units), 'year', 'count' (a whole number),
    'number' (another exact figure: a full-time equivalent, a growth rate), 'text' ({language: text}), or
    'other' (an id, a flag, a mapping or list of several kinds, or a path the model does not know).
    """
    kind = _kind(_hint_at(model, tuple(path)))
    if kind == "number" and path and "percent" in str(path[-1]):
        return "percent"  # a growth rate in percent (indexation's percent_per_year: 3 for 3%, -1 for a cut)
    return kind


@cache
def _hint_at(model: type[BaseModel], path: KeyPath) -> Any:
    hint: Any = model
    for key in path:
        hint = _bare(hint)
        if isinstance(hint, type) and issubclass(hint, BaseModel):
            hints = _hints(hint)
            if not isinstance(key, str) or key not in hints:
                return None
            hint = hints[key]
            continue
        origin = get_origin(hint)
        if origin in (list, tuple, dict):
            hint = get_args(hint)[-1]  # a list's items (matched by their key) or a mapping's values
            continue
        return None
    return hint


@cache
def _hints(model: type[BaseModel]) -> dict[str, Any]:
    return get_type_hints(model, include_extras=True)


def _optional(hint: Any) -> Any:
    """`X | None` → X (a union of several other types stays as it is)."""
    if get_origin(hint) in (Union, types.UnionType):
        others = [arg for arg in get_args(hint) if arg is not type(None)]
        if len(others) == 1:
            return others[0]
    return hint


def _bare(hint: Any) -> Any:
    """The type under `Optional` and `Annotated`, to walk into."""
    hint = _optional(hint)
    while get_origin(hint) is Annotated:
        hint = _optional(get_args(hint)[0])
    return hint


def _kind(hint: Any) -> Kind:
    if hint is None:
        return "other"
    hint = _optional(hint)
    for known, kind in _KNOWN:
        if hint == known:
            return kind
    bare = _bare(hint)
    if bare is int:
        return "count"
    if isinstance(bare, type) and bare.__name__ == "Decimal":
        return "number"
    return "other"
