"""Two revisions of a plan → what changed: budget figures line × year, totals, lines, parameters and texts.

Everything is matched by id, never by position: a line, an activity or a note that moves within its list is not a
change, and an activity that moves to another priority area is reported as a move. Texts are compared per
language. Totals come from `compute.py`, the computation `validate` and `totals` use.

Example::

    from ccm_plan.diff import compare
    result = compare("HEAD~1")            # the plan in data/ at HEAD~1 against data/ in the work tree
    result.budget.total.difference        # Decimal('50000')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..compute.totals import compute_totals, difference
from ..errors import PlanUnusableError
from ..model.plan import Budget, Workplan
from ..present.message import Message
from ..present.precision import plan_places
from ..problems import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, Problem, Severity
from ..read.loader import LoadedPlan
from .adoption import AdoptionDiff, compare_adoption
from .revisions import PlanAt, resolve
from .values import Kind, kind_at

Document = Literal["budget", "workplan"]
Side = Literal["old", "new"]
Key = str | int
KeyPath = tuple[Key, ...]
Claim = tuple[Document, KeyPath]
ZERO = Decimal(0)

MODELS: dict[str, type[Budget] | type[Workplan]] = {"budget": Budget, "workplan": Workplan}

BUDGET_KIND = "ccm-plan/budget"
WORKPLAN_KIND = "ccm-plan/workplan"


if TYPE_CHECKING:
    from .gates import Limits

# ------------------------------------------------------------------------------------------------ the changes


@dataclass(frozen=True)
class Figure:
    """A figure in both revisions. `old`/`new` are None where that revision lacks it (a line or year it does
    not have), which counts as zero in `difference`; `percent` is the difference in percent of old (None when
    old is absent or zero)."""

    old: Decimal | None
    new: Decimal | None
    difference: Decimal | None
    """None only for figures in different currencies (`BudgetDiff.comparable` False): never subtracted."""
    percent: Decimal | None

    @classmethod
    def of(cls, old: Decimal | None, new: Decimal | None) -> Figure:
        change, share = difference(old, new)
        return cls(old, new, change, share)


@dataclass(frozen=True)
class CellChange:
    """One budget line in one year whose amount changed."""

    line: str
    year: int
    figure: Figure


@dataclass(frozen=True)
class YearTotal:
    year: int
    figure: Figure


@dataclass(frozen=True)
class LineChange:
    """A budget line that only one revision has: its name, cost type, total over the plan and note."""

    line: str
    status: Literal["added", "removed"]
    name: dict[str, str]
    cost_type: str
    total: Decimal
    note: dict[str, str] | None


@dataclass(frozen=True)
class BudgetDiff:
    """The money: changed cells, every year's total and the plan total before and after (all recomputed from
    the lines, never the stated totals), and the lines added or removed."""

    currency: str
    """The new revision's currency; `old_currency` the old one's (when they differ, totals are not comparable)."""
    old_currency: str
    years: tuple[int, ...]
    cells: list[CellChange]
    year_totals: list[YearTotal]
    total: Figure
    lines: list[LineChange]
    names: dict[str, dict[str, str]]
    """Each line's name (the new revision's, else the old one's), for showing the cells."""
    period_years: tuple[tuple[int, ...], tuple[int, ...]]
    """The years of the old and of the new plan period."""
    places: int = 0
    """The money precision to show both revisions with: the finer of the two plans' (present.precision)."""
    languages: tuple[str, ...] = ()
    """The plan's languages (the new revision's), to show the names in the language asked, else the first."""

    @property
    def comparable(self) -> bool:
        """False when the currency changed: then no figure is subtracted (no cells, no year totals; the plan
        total's old and new, without a difference)."""
        return self.old_currency == self.currency

    @property
    def changed(self) -> bool:
        return bool(self.cells or self.lines) or not self.comparable


@dataclass(frozen=True)
class FieldChange:
    """Any other value that changed, at its key path: a parameter (rates, legs, thresholds, staffing, waivers,
    period, currency, languages), a stated total, or anything else (`other`: area numbers, note targets,
    cost types, corrections, document details, an activity's area)."""

    document: Document
    category: Literal["parameter", "stated", "other"]
    path: str
    status: Literal["added", "removed", "changed"]
    old: Any
    new: Any
    keys: KeyPath = field(default=(), compare=False)
    """The key path in the document's data (`("period", "end")`): what the value is comes from the model there
    (`kind`); empty for a change that is not a value of the document (a moved activity, a work plan added)."""

    @property
    def kind(self) -> Kind:
        """What the value is (values.Kind): 'money' shown at the plan's precision, 'year' as written, ..."""
        return kind_at(MODELS[self.document], self.keys) if self.keys else "other"

    def kind_of(self, *more: str | int) -> Kind:
        """What a part of the value is (an entry of a mapping that was added or removed whole)."""
        return kind_at(MODELS[self.document], (*self.keys, *more)) if self.keys else "other"


@dataclass(frozen=True)
class TextChange:
    """One language of one text that was added, removed or reworded.

    `section` names the list (activities, assumptions, ...) or part (summary, mandate, document, budget) the
    text is in, `item` its id (or its key, for texts without one), `field` which text of the item (text,
    title, lead, name, note, provided_by), `context` the priority area of an activity.
    """

    document: Document
    section: str
    item: str
    field: str
    lang: str
    status: Literal["added", "removed", "reworded"]
    old: str | None
    new: str | None
    context: str | None = None


@dataclass(frozen=True)
class Revision:
    """One side of the comparison: where it came from, and why parts of it could not be read."""

    label: str
    revision: str | None
    currency: str | None
    languages: tuple[str, ...]
    problems: tuple[Problem, ...]
    """The errors that stopped a file from being read (the located reasons a part was not compared)."""


@dataclass(frozen=True)
class NotCompared:
    """A document that could not be compared, and which revisions could not be read."""

    document: Document
    unreadable: tuple[Side, ...]


@dataclass(frozen=True)
class Gate:
    """A review gate (`--fail-above`, `--warn-above-pct`, `--transfer-limit-pct`, ... : diff/gates.py) and its
    outcome; `failed` is None when it could not be applied (the budget was not compared). A warning gate never
    fails: `warns` says its limit was exceeded (reported, exit 0). `message` is a `present.message.Message`
    (typed figures): an output shows it with `Voice.say`, in the language asked."""

    option: str
    limit: Decimal
    failed: bool | None
    message: Message
    warns: bool = False


@dataclass
class PlanDiff:
    old: Revision
    new: Revision
    budget: BudgetDiff | None
    fields: list[FieldChange] = field(default_factory=list)
    texts: list[TextChange] = field(default_factory=list)
    not_compared: list[NotCompared] = field(default_factory=list)
    gates: list[Gate] = field(default_factory=list)
    adoption: AdoptionDiff | None = None
    """Actuals and contributions (`diff.adoption`); None when neither revision has any."""

    @property
    def has_differences(self) -> bool:
        adopted = self.adoption is not None and self.adoption.changed
        return bool((self.budget is not None and self.budget.changed) or self.fields or self.texts or adopted)

    @property
    def complete(self) -> bool:
        return not self.not_compared

    def exit_code(self, *, differences_fail: bool = False) -> int:
        """2 when a gate could not be applied, or a part of either revision could not be read (listed in
        `not_compared`: whatever it holds is unknown, so neither "no differences" nor a gate can be promised);
        1 when a gate failed, or under `differences_fail` (--exit-code) when anything differs; else 0."""
        if any(gate.failed is None for gate in self.gates) or not self.complete:
            return EXIT_UNUSABLE
        if any(gate.failed for gate in self.gates):
            return EXIT_PROBLEMS
        if differences_fail and self.has_differences:
            return EXIT_PROBLEMS
        return EXIT_OK


# --------------------------------------------------------------------------------------------------- entry points


def compare(
    old: str,
    new: str | None = None,
    *,
    plan: Path | str = Path("data"),
    fail_above: Decimal | None = None,
    fail_above_pct: Decimal | None = None,
    limits: Limits | None = None,
) -> PlanDiff:
    """Compare two revisions of a plan, each a plan folder (or file) or a git revision of the plan at `plan`;
    `new` None means the plan at `plan` in the working tree. The gates `limits` asks for (diff/gates.py; or just
    `fail_above`/`fail_above_pct`) are applied to the result, the transfer authority taken from OLD's budget.

    Raises `RevisionError`/`PlanNotFoundError` when a revision or folder cannot be found, and
    `PlanUnusableError` when nothing at all could be compared.
    """
    from .gates import Limits, apply_gates

    old_at = resolve(old, plan)
    result = compare_plans(old_at, resolve(new, plan))
    if limits is None:
        limits = Limits(fail_above=fail_above, fail_above_pct=fail_above_pct)
    budget = old_at.plan.budget
    authority = budget.parameters.transfer_authority if budget is not None else None
    result.gates = apply_gates(result, limits, authority)
    return result


def compare_plans(old: PlanAt | LoadedPlan, new: PlanAt | LoadedPlan) -> PlanDiff:
    """Everything that differs between two loaded plans, in the order a reviewer reads it.

    Each document (budget, work plan) is compared when both revisions could read it, or when one revision has
    none at all (then all its texts are added or removed). A document that one revision has but could not
    read is listed in `not_compared`, with the reasons in that revision's `problems`. Raises
    `PlanUnusableError` when no document could be compared.
    """
    old_at, new_at = _at(old), _at(new)
    a, b = old_at.plan, new_at.plan
    result = PlanDiff(_revision(old_at), _revision(new_at), None)

    if a.budget is not None and b.budget is not None:
        result.budget = compare_budgets(a.budget, b.budget)
        if _has_adoption(a) or _has_adoption(b):
            result.adoption = compare_adoption(a, b)
    else:
        result.not_compared.append(NotCompared("budget", _sides(a.budget is None, b.budget is None)))

    workplan_state = (_workplan_state(a), _workplan_state(b))
    if "unreadable" in workplan_state:
        old_state, new_state = workplan_state
        result.not_compared.append(
            NotCompared("workplan", _sides(old_state == "unreadable", new_state == "unreadable"))
        )

    old_texts = _texts(a.budget, a.workplan if workplan_state[0] == "read" else None)
    new_texts = _texts(b.budget, b.workplan if workplan_state[1] == "read" else None)
    skip_lines = {line.line for line in result.budget.lines} if result.budget else set()
    result.texts = [
        change
        for change in compare_texts(old_texts, new_texts)
        if _comparable(change.document, result.not_compared)
        and not (change.section == "lines" and change.item in skip_lines)
    ]
    claimed = _claimed(old_texts, new_texts)
    if result.budget is not None:
        result.fields += _field_changes("budget", a.budget, b.budget, claimed)
    if workplan_state == ("read", "read"):
        result.fields += _field_changes("workplan", a.workplan, b.workplan, claimed)
        result.fields += _moves(old_texts, new_texts)
    elif set(workplan_state) == {"read", "absent"}:
        added = workplan_state[1] == "read"
        result.fields.append(
            FieldChange(
                "workplan",
                "other",
                "workplan",
                "added" if added else "removed",
                None if added else "a work plan",
                "a work plan" if added else None,
            )
        )
    if result.budget is None and workplan_state not in (("read", "read"), ("read", "absent"), ("absent", "read")):
        raise PlanUnusableError(_nothing_compared(result))
    return result


def _has_adoption(plan: LoadedPlan) -> bool:
    """The plan has actuals or contributions files (read or not)."""
    return any(kind != BUDGET_KIND and kind != WORKPLAN_KIND for kind in plan.sources) or bool(
        set(plan.files) - {source.display for source in plan.sources.values()}
    )


# ------------------------------------------------------------------------------------------------------- budget


def compare_budgets(old: Budget, new: Budget) -> BudgetDiff:
    """Cells, totals and lines, all from `compute_totals`: every line × year over both periods."""
    before, after = compute_totals(old), compute_totals(new)
    years = tuple(sorted(set(before.years) | set(after.years)))
    places = max(plan_places(old), plan_places(new))
    languages = tuple(new.languages)
    if old.currency != new.currency:  # amounts in two currencies: shown side by side, never subtracted
        return BudgetDiff(
            currency=new.currency,
            old_currency=old.currency,
            years=years,
            cells=[],
            year_totals=[],
            total=Figure(before.plan_total, after.plan_total, None, None),
            lines=[],
            names={},
            period_years=(before.years, after.years),
            places=places,
            languages=languages,
        )
    new_ids = list(dict.fromkeys(after.line_ids))
    old_ids = list(dict.fromkeys(before.line_ids))
    order = merged_order(old_ids, new_ids)

    def amount(totals: Any, line: str, year: int) -> Decimal | None:
        if line not in totals.amounts or year not in totals.years:
            return None
        value: Decimal = totals.amounts[line][year]
        return value

    cells = []
    for line in order:
        for year in years:
            was, now = amount(before, line, year), amount(after, line, year)
            if (was if was is not None else ZERO) != (now if now is not None else ZERO):
                cells.append(CellChange(line, year, Figure.of(was, now)))
    year_totals = [
        YearTotal(year, Figure.of(before.year_totals.get(year), after.year_totals.get(year))) for year in years
    ]
    old_lines = {line.id: line for line in old.lines}
    new_lines = {line.id: line for line in new.lines}
    lines = [
        LineChange(i, "added", new_lines[i].name, new_lines[i].cost_type, after.line_totals[i], new_lines[i].note)
        for i in new_ids
        if i not in old_lines
    ] + [
        LineChange(i, "removed", old_lines[i].name, old_lines[i].cost_type, before.line_totals[i], old_lines[i].note)
        for i in old_ids
        if i not in new_lines
    ]
    names = {line_id: line.name for line_id, line in old_lines.items()} | {
        i: line.name for i, line in new_lines.items()
    }
    return BudgetDiff(
        currency=new.currency,
        old_currency=old.currency,
        years=years,
        cells=cells,
        year_totals=year_totals,
        total=Figure.of(before.plan_total, after.plan_total),
        lines=lines,
        names=names,
        period_years=(before.years, after.years),
        places=places,
        languages=languages,
    )


# -------------------------------------------------------------------------------------------------------- texts


@dataclass(frozen=True)
class TextAt:
    """A text of the plan with where it lives: `path` the key path of the text (lists keyed by id), `item_path`
    the path of the item that holds it."""

    document: Document
    section: str
    item: str
    field: str
    text: Mapping[str, str]
    path: KeyPath
    item_path: KeyPath
    context: str | None = None

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.document, self.section, self.item, self.field)


def _texts(budget: Budget | None, workplan: Workplan | None) -> dict[tuple[str, str, str, str], TextAt]:
    found = [*(_budget_texts(budget) if budget else ()), *(_workplan_texts(workplan) if workplan else ())]
    return {text.key: text for text in found}


def _budget_texts(budget: Budget) -> Iterator[TextAt]:
    yield TextAt("budget", "budget", "title", "text", budget.title, ("title",), ("title",))
    for line in budget.lines:
        item: KeyPath = ("lines", line.id)
        yield TextAt("budget", "lines", line.id, "name", line.name, (*item, "name"), item)
        if line.note is not None:
            yield TextAt("budget", "lines", line.id, "note", line.note, (*item, "note"), item)
    for note in budget.notes:
        item = ("notes", note.id)
        yield TextAt("budget", "budget_notes", note.id, "text", note.text, (*item, "text"), item)
    for kind in budget.in_kind:
        item = ("in_kind", kind.id)
        yield TextAt("budget", "in_kind", kind.id, "name", kind.name, (*item, "name"), item)
        yield TextAt("budget", "in_kind", kind.id, "provided_by", kind.provided_by, (*item, "provided_by"), item)
        if kind.note is not None:
            yield TextAt("budget", "in_kind", kind.id, "note", kind.note, (*item, "note"), item)


def _workplan_texts(workplan: Workplan) -> Iterator[TextAt]:
    def single(section: str, path: KeyPath, text: Mapping[str, str] | None) -> Iterator[TextAt]:
        if text is not None:
            yield TextAt("workplan", section, ".".join(map(str, path[1:])), "text", text, path, path)

    def entries(section: str, path: KeyPath, items: Iterable[Any], context: str | None = None) -> Iterator[TextAt]:
        for entry in items:
            item = (*path, entry.id)
            yield TextAt("workplan", section, entry.id, "text", entry.text, (*item, "text"), item, context)

    document = workplan.document
    yield from single("document", ("document", "title"), document.title)
    yield from single("document", ("document", "meeting"), document.meeting)
    yield from single("document", ("document", "place_and_dates"), document.place_and_dates)
    if document.agenda_item is not None:
        yield from single("document", ("document", "agenda_item", "title"), document.agenda_item.title)
        yield from single("document", ("document", "agenda_item", "subitem"), document.agenda_item.subitem)
    summary = workplan.summary
    yield from single("summary", ("summary", "main_objective"), summary.main_objective)
    yield from entries("specific_objectives", ("summary", "specific_objectives"), summary.specific_objectives)
    yield from entries("expected_outcomes", ("summary", "expected_outcomes"), summary.expected_outcomes)
    mandate = workplan.mandate
    for name in ("establishment", "staffing", "lead"):
        yield from single("mandate", ("mandate", name), getattr(mandate, name))
    yield from entries("mandate_items", ("mandate", "items"), mandate.items)
    # Introduction paragraphs have no ids: they are the one place matched by position.
    for index, paragraph in enumerate(workplan.priorities.introduction):
        path: KeyPath = ("priorities", "introduction", index)
        yield TextAt("workplan", "introduction", str(index + 1), "text", paragraph, path, path)
    for area in workplan.priorities.areas:
        item: KeyPath = ("priorities", "areas", area.id)
        yield TextAt("workplan", "priority_areas", area.id, "title", area.title, (*item, "title"), item)
        yield TextAt("workplan", "priority_areas", area.id, "lead", area.lead, (*item, "lead"), item)
        yield from entries("activities", (*item, "activities"), area.activities, context=area.id)
    yield from entries("expected_results", ("expected_results",), workplan.expected_results)
    yield from entries("assumptions", ("assumptions",), workplan.assumptions)


def compare_texts(old: Mapping[Any, TextAt], new: Mapping[Any, TextAt]) -> list[TextChange]:
    """Per language: added, removed or reworded, for every text matched by (document, section, id, field)."""
    changes = []
    for key in merged_order(list(old), list(new)):
        was, now = old.get(key), new.get(key)
        was_text: Mapping[str, str] = was.text if was else {}
        now_text: Mapping[str, str] = now.text if now else {}
        source = now or was
        assert source is not None
        for lang in merged_order(list(was_text), list(now_text)):
            before, after = was_text.get(lang), now_text.get(lang)
            if before == after:
                continue
            status: Literal["added", "removed", "reworded"] = (
                "added" if before is None else "removed" if after is None else "reworded"
            )
            changes.append(
                TextChange(
                    source.document,
                    source.section,
                    source.item,
                    source.field,
                    lang,
                    status,
                    before,
                    after,
                    source.context,
                )
            )
    return changes


def _moves(old: Mapping[Any, TextAt], new: Mapping[Any, TextAt]) -> list[FieldChange]:
    """Activities that moved to another priority area (their text is matched by id wherever it is)."""
    return [
        FieldChange("workplan", "other", f"activities[{now.item}].area", "changed", old[key].context, now.context)
        for key, now in new.items()
        if now.section == "activities" and key in old and old[key].context != now.context
    ]


# ------------------------------------------------------------------------------------------ everything else


def _claimed(old: Mapping[Any, TextAt], new: Mapping[Any, TextAt]) -> tuple[set[Claim], set[Claim]]:
    """What the texts already report: the paths of the texts (a language of one, or all of it), and the paths
    of the items that hold texts (such an item added or removed whole)."""
    texts: set[Claim] = set()
    items: set[Claim] = set()
    for text in [*old.values(), *new.values()]:
        texts.add((text.document, text.path))
        items.add((text.document, text.item_path))
    return texts, items


def _field_changes(document: Document, old: Any, new: Any, claimed: tuple[set[Claim], set[Claim]]) -> list[FieldChange]:
    texts, items = claimed
    changes = []
    for path, where, before, after in walk(old.model_dump(), new.model_dump()):
        if (document, path) in texts or (document, path[:-1]) in texts or (document, path) in items:
            continue
        if document == "budget" and len(path) >= 3 and path[0] == "lines" and path[2] == "amounts":
            continue  # the cells
        status: Literal["added", "removed", "changed"] = (
            "added" if before is _MISSING else "removed" if after is _MISSING else "changed"
        )
        changes.append(
            FieldChange(
                document,
                _category(document, path),
                where,
                status,
                None if before is _MISSING else before,
                None if after is _MISSING else after,
                path,
            )
        )
    return changes


PARAMETER_KEYS = frozenset({"parameters", "waivers", "period", "currency", "languages"})


def _category(document: Document, path: KeyPath) -> Literal["parameter", "stated", "other"]:
    if (document == "budget" and path[:1] == ("totals",)) or (
        document == "workplan" and path[:2] == ("summary", "budget")
    ):
        return "stated"
    if path[:1] and path[0] in PARAMETER_KEYS:
        return "parameter"
    return "other"


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING: Any = _Missing()

# How the items of a list are matched, first that fits: their id, or what identifies them where they have none.
LIST_KEYS: tuple[tuple[str, ...], ...] = (("id",), ("rule", "subject"), ("post", "year"), ("field", "lang"), ("line",))


def walk(old: Any, new: Any, path: KeyPath = (), where: str = "") -> Iterator[tuple[KeyPath, str, Any, Any]]:
    """Every leaf that differs between two plain data trees: (key path, dotted path for people, old, new).

    Mappings are compared key by key and lists of mappings item by item, matched by `LIST_KEYS` (by position
    only when no key identifies them); an item or key present on one side only is one leaf, with the other side
    `_MISSING`. Lists of plain values (languages, years) are compared whole.
    """
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in merged_order(list(old), list(new)):
            yield from walk(
                old.get(key, _MISSING), new.get(key, _MISSING), (*path, key), f"{where}.{key}" if where else str(key)
            )
        return
    if isinstance(old, list) and isinstance(new, list) and all(isinstance(item, dict) for item in [*old, *new]):
        keyed_old, keyed_new = _keyed(old, new)
        for key in merged_order(list(keyed_old), list(keyed_new)):
            yield from walk(keyed_old.get(key, _MISSING), keyed_new.get(key, _MISSING), (*path, key), f"{where}[{key}]")
        return
    yield path, where, old, new


def merged_order(old: list[Any], new: list[Any]) -> list[Any]:
    """The keys of both revisions in the new order, each key only the old one has placed where it was (after
    the keys that preceded it there), so a removed item is reported where a reader would look for it."""
    present = set(new)
    where = {key: index for index, key in enumerate(old)}
    merged: list[Any] = []
    done = 0
    for key in new:
        if key in where:
            for earlier in old[done : where[key] + 1]:
                if earlier not in present:
                    merged.append(earlier)
            done = max(done, where[key] + 1)
        merged.append(key)
    merged += [key for key in old[done:] if key not in present]
    return merged


def _keyed(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> tuple[dict[Key, Any], dict[Key, Any]]:
    items = [*old, *new]
    # A list of texts ({lang: text}) is matched by position: its `id` key would be the Indonesian text.
    texts = all(all(isinstance(value, str) for value in item.values()) for item in items)
    for names in LIST_KEYS:
        if texts and names == ("id",):
            continue
        if all(all(name in item for name in names) for item in items):
            keys_old = ["/".join(str(item[name]) for name in names) for item in old]
            keys_new = ["/".join(str(item[name]) for name in names) for item in new]
            if len(set(keys_old)) == len(keys_old) and len(set(keys_new)) == len(keys_new):
                return dict(zip(keys_old, old, strict=True)), dict(zip(keys_new, new, strict=True))
    return dict(enumerate(old)), dict(enumerate(new))


# -------------------------------------------------------------------------------------------------- reading


def _at(plan: PlanAt | LoadedPlan) -> PlanAt:
    if isinstance(plan, PlanAt):
        return plan
    from ..read.source import display_path

    return PlanAt(display_path(plan.folder), plan)


def _revision(at: PlanAt) -> Revision:
    plan = at.plan
    model = plan.budget or plan.workplan
    return Revision(
        label=at.label,
        revision=at.revision,
        currency=model.currency if model is not None else None,
        languages=tuple(model.languages) if model is not None else (),
        problems=tuple(p for p in plan.problems if p.severity is Severity.ERROR),
    )


def _sides(old: bool, new: bool) -> tuple[Side, ...]:
    sides: list[Side] = []
    if old:
        sides.append("old")
    if new:
        sides.append("new")
    return tuple(sides)


def _workplan_state(plan: LoadedPlan) -> Literal["read", "absent", "unreadable"]:
    """'read' when the work plan's model was built; 'absent' when the plan has no work plan file at all."""
    if plan.workplan is not None:
        return "read"
    if WORKPLAN_KIND in plan.sources:
        return "unreadable"
    known = {source.display for source in plan.sources.values()} | {s.display for s in plan.actuals_sources}
    for problem in plan.problems:
        if problem.severity is not Severity.ERROR or problem.file in known or problem.rule == "plan-files":
            continue
        if not Path(problem.file).name.lower().startswith(("budget", "actuals", "contributions")):
            return "unreadable"  # a file that could not be parsed, and is not the budget: maybe the work plan
    return "absent"


def _comparable(document: Document, not_compared: list[NotCompared]) -> bool:
    return all(entry.document != document for entry in not_compared)


def _nothing_compared(result: PlanDiff) -> str:
    parts = []
    for side in (result.old, result.new):
        if side.problems:
            first = side.problems[0]
            more = f" (and {len(side.problems) - 1} more)" if len(side.problems) > 1 else ""
            parts.append(f"{side.label} cannot be read: {first.location}: {first.message}{more}")
    reasons = "; ".join(parts) or "neither revision has a readable budget"
    return f"nothing to compare: {reasons}. `ccm-plan validate` shows every problem"
