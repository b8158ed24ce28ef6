"""Plan folder → parsed files → typed models, with every reading and schema problem located.

A plan is a folder of YAML files recognised by their `kind:` line: one budget (required), at most one work
plan, after adoption one actuals file per reported year and at most one contributions file. A single file stands for the plan in its folder, so a hook that passes changed files still gets the
cross-file checks.
"""

from __future__ import annotations

import datetime
import re
import types
import typing
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import PlanNotFoundError, PlanUnusableError
from ..present.message import N_, Code, Count, Message, Term, Value, Year
from ..problems import Problem, Severity, said
from .source import Source, display_path, load, shown

if TYPE_CHECKING:
    from collections.abc import Sequence

_PLAN_TEXT = re.compile(r"^kind:\s*['\"]?ccm-plan/", re.MULTILINE)
_PLAN_NAME = re.compile(r"^(budget|workplan|actuals|contributions)[\w.-]*\.ya?ml$", re.IGNORECASE)
KINDS = ("ccm-plan/budget", "ccm-plan/workplan", "ccm-plan/actuals", "ccm-plan/contributions")
ACTUALS = "ccm-plan/actuals"  # the one kind a folder may hold several files of: one per year


@dataclass
class LoadedPlan:
    """What could be read of one plan folder. `budget`/`workplan` are None when absent or malformed."""

    folder: Path
    sources: dict[str, Source] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    budget: Any = None
    workplan: Any = None
    contributions: Any = None
    actuals: list[Any] = field(default_factory=list)
    """The actuals files whose models were built, in file-name order; `actuals_sources` holds their sources."""
    actuals_sources: list[Source] = field(default_factory=list)

    @property
    def is_usable(self) -> bool:
        """True when the models were built: every file is well-formed, so the rules and computations can run."""
        return self.budget is not None and not any(p.severity is Severity.ERROR for p in self.problems)

    def require_usable(self) -> LoadedPlan:
        """This plan, when `is_usable`: the one check a script needs before it uses `budget` or `workplan`.

        Raises `PlanUnusableError` otherwise, whose message lists the errors located (`file:line:column: rule
        message`, the first ten) and whose `problems` holds all of them; a missing folder already raised
        `PlanNotFoundError` in `load_plan`. Both are `CcmPlanError`s.
        """
        if self.is_usable:
            return self
        errors = [p for p in self.problems if p.severity is Severity.ERROR]
        shown = [f"{p.location}: [{p.rule}] {p.message}" for p in errors[:10]]
        more = f"\n(and {len(errors) - 10} more)" if len(errors) > 10 else ""
        what = f"{len(errors)} error{'s' if len(errors) != 1 else ''}" if errors else "no budget file"
        raise PlanUnusableError(
            f"{display_path(self.folder)}: the plan cannot be used ({what}):\n" + "\n".join(shown) + more, errors
        )

    def source(self, kind: str) -> Source:
        return self.sources[kind]


def plan_folder(path: Path) -> Path:
    """The plan folder a path names: the folder itself, or a file's folder. Raises if neither exists."""
    if path.is_dir():
        return path
    if path.exists():  # a file, or something that only looks like one: reading it will say
        return path.parent
    raise PlanNotFoundError(f"{path}: no such file or folder")


def plan_here(error: Exception, default: Path, args: Sequence[str]) -> str:
    """For a command run inside a plan folder without naming it: when `error` says the default plan folder
    (`data`) is missing and the current folder holds plan files, one more line saying to name it `.`, with the
    command (`args`, the command line after the program's name) as it would then read; else ''."""
    if not isinstance(error, PlanNotFoundError) or not str(error).startswith(f"{default}: "):
        return ""
    if not any(is_plan_file(path) for path in sorted(Path.cwd().glob("*.y*ml"))[:50]):
        return ""
    words = [word for word in args[:2] if word.isalpha()]  # the command: totals, export md
    named = "--plan ." if words[:1] in (["diff"], ["import"]) else "."
    return f"\n  the current folder holds plan files: name it with `{named}` (ccm-plan {' '.join(words)} {named})"


def plan_files(folder: Path) -> list[Path]:
    """The YAML files of a folder that are, or are named as, plan files.

    A name like budget.yaml counts even when it is not a regular file (a folder, a broken link), so that reading
    it says what is wrong instead of the plan silently having no budget.

    In the order they are read, which decides which of two files of one kind is the plan's (the other is reported
    as a second file, `plan-files`): the plain name first (budget.yaml, workplan.yaml), then other plan names
    (workplan-2021-2026.yaml), then files recognised by their `kind` alone (`budget copy.yaml`, with its space);
    by name within each. So a copy beside budget.yaml never takes its place.
    """
    files = []
    for path in folder.iterdir():
        if path.name.startswith(".") or path.suffix.lower() not in (".yaml", ".yml"):
            continue
        if _PLAN_NAME.match(path.name):
            files.append((0 if path.stem.lower() in ("budget", "workplan") else 1, path.name, path))
        elif path.is_file() and is_plan_file(path):
            files.append((2, path.name, path))
    return [path for _, _, path in sorted(files)]


def is_plan_file(path: Path) -> bool:
    """Whether the file says it is a plan file: a `kind: ccm-plan/...` line near its top (the first 4 KiB)."""
    return _mentions_plan_kind(path)


def _mentions_plan_kind(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return bool(_PLAN_TEXT.search(head.decode("utf-8", "replace").lstrip("\ufeff")))


def load_plan(path: Path | str) -> LoadedPlan:
    """Read the plan at `path` (a folder, or any file in it). Raises `PlanNotFoundError` if there is none."""
    folder = plan_folder(Path(path))
    files = plan_files(folder)
    if not files:
        raise PlanNotFoundError(
            f"{display_path(folder)}: no plan files here (expected budget.yaml with "
            f"'kind: ccm-plan/budget', and optionally a work plan)"
        )
    plan = LoadedPlan(folder=folder)
    pending_actuals: list[Source] = []
    for file in files:
        try:
            source = load(file)
        except OSError as error:
            raise PlanNotFoundError(f"{display_path(file)}: cannot read: {error.strerror or error}") from None
        plan.files.append(source.display)
        plan.problems.extend(source.problems)
        kind = _kind_of(source, plan.problems)
        if kind is None:
            continue
        if kind == ACTUALS:
            pending_actuals.append(source)
            continue
        if kind in plan.sources:
            plan.problems.append(
                source.problem(
                    ("kind",),
                    "plan-files",
                    Message(
                        N_("a second {kind} file in this folder, not used: the plan's is {file}"),
                        kind=Term(_KIND_WORDS.get(kind, kind)),
                        file=Code(plan.sources[kind].display),
                    ),
                    Message(
                        N_(
                            "keep one file of each kind in a plan folder: move this one out, or delete it if it is a copy"
                        )
                    ),
                )
            )
            continue
        plan.sources[kind] = source
    if "ccm-plan/budget" not in plan.sources and not any(p.rule != "plan-files" for p in plan.problems):
        plan.problems.append(
            said(
                display_path(folder),
                1,
                1,
                Severity.ERROR,
                "plan-files",
                Message(N_("this plan folder has no budget file")),
                Message(N_("add {file} with '{line}'"), file=Code("budget.yaml"), line=Code("kind: ccm-plan/budget")),
            )
        )
    _build_models(plan)
    _build_actuals(plan, pending_actuals)
    return plan


def _kind_of(source: Source, problems: list[Problem]) -> str | None:
    """The file's kind, or None with a problem added when it cannot be told."""
    if source.data is None and source.problems:
        return None
    name_kind = _kind_from_name(source.path.name)
    data = source.data
    if data is None:
        problems.append(
            source.problem(
                (),
                "schema",
                Message(N_("the file is empty")),
                Message(
                    N_("start it with '{line}' and the plan's data"),
                    line=Code(f"kind: {name_kind or 'ccm-plan/budget'}"),
                ),
            )
        )
        return None
    if not isinstance(data, dict):
        problems.append(
            source.problem(
                (),
                "schema",
                Message(N_("expected a mapping of keys, got {kind}"), kind=_type_name(data)),
                Message(N_("a plan file is a mapping that starts with '{key}'"), key=Code("kind:")),
            )
        )
        return None
    kind = data.get("kind")
    if kind in KINDS:
        return str(kind)
    if kind is None:
        problems.append(
            source.problem(
                (),
                "schema",
                Message(N_("missing required key '{key}'"), key=Code("kind")),
                Message(N_("add '{line}' at the top"), line=Code(f"kind: {name_kind or 'ccm-plan/budget'}")),
            )
        )
    else:
        problems.append(
            source.problem(
                ("kind",),
                "schema",
                Message(N_("unknown kind {kind}"), kind=Code(repr(kind))),
                Message(N_("expected one of: {kinds}"), kinds=Code(", ".join(KINDS))),
            )
        )
    return None


def _kind_from_name(name: str) -> str | None:
    lowered = name.lower()
    for kind in KINDS:
        if lowered.startswith(kind.split("/")[1]):
            return kind
    return None


def _build_models(plan: LoadedPlan) -> None:
    from pydantic import ValidationError

    from ..model.plan import BUDGET_SCHEMA_VERSION, MODELS

    for kind, source in plan.sources.items():
        if any(p.file == source.display and p.severity is Severity.ERROR for p in plan.problems):
            continue  # a duplicate key already makes the data doubtful; report that first
        if kind == "ccm-plan/contributions":
            from ..model.contributions import Contributions

            plan.contributions = _validated(plan, source, Contributions)
            continue
        model = MODELS[kind]
        if kind == "ccm-plan/budget" and _is_version_1(source.data):
            plan.problems.append(
                source.problem(
                    ("schema_version",),
                    "schema",
                    Message(
                        N_("this budget is written in schema version 1; this ccm-plan reads version {version}"),
                        version=Code(str(BUDGET_SCHEMA_VERSION)),
                    ),
                    Message(
                        N_("run `{command}` to rewrite it in place (comments and layout are kept)"),
                        command=Code(f"ccm-plan migrate {display_path(plan.folder)}"),
                    ),
                )
            )
            continue
        try:
            instance = model.model_validate(source.data)
        except ValidationError as error:
            plan.problems.extend(schema_problems(source, model, error))
            continue
        if kind == "ccm-plan/budget":
            plan.budget = instance
        else:
            plan.workplan = instance


def _build_actuals(plan: LoadedPlan, sources: list[Source]) -> None:
    """Every actuals file of the folder, in file-name order; which years they cover is the rules' business."""
    if not sources:
        return
    from ..model.actuals import Actuals

    for source in sources:
        if any(p.file == source.display and p.severity is Severity.ERROR for p in plan.problems):
            continue
        instance = _validated(plan, source, Actuals)
        if instance is not None:
            plan.actuals.append(instance)
            plan.actuals_sources.append(source)


def _validated(plan: LoadedPlan, source: Source, model: Any) -> Any:
    """The file's model, or None with its schema problems added to the plan."""
    from pydantic import ValidationError

    try:
        return model.model_validate(source.data)
    except ValidationError as error:
        plan.problems.extend(schema_problems(source, model, error))
        return None


def _is_version_1(data: Any) -> bool:
    version = data.get("schema_version") if isinstance(data, dict) else None
    return type(version) is int and version == 1


def schema_problems(source: Source, model: type, error: Any) -> list[Problem]:
    """Pydantic's errors, one problem each, at the exact key or value, in words a plan editor understands."""
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        kind = item["type"]
        if kind == "extra_forbidden":
            name = loc[-1]
            allowed = _fields_at(model, loc[:-1])
            import difflib  # here: only an unknown key needs it, and validate starts on every commit

            close = difflib.get_close_matches(str(name), allowed, n=1)
            takes = (
                Message(N_("this place takes: {keys}"), keys=Code(", ".join(allowed)))
                if allowed
                else Message(N_("remove it"))
            )
            hint = Message(N_("did you mean '{key}'? {then}"), key=Code(close[0]), then=takes) if close else takes
            unknown = Message(N_("unknown key '{key}'"), key=Code(str(name)))
            problems.append(source.problem(loc, "schema", unknown, hint, key=True))
        elif kind == "missing":
            name = Code(str(loc[-1]))
            problems.append(
                source.problem(
                    loc[:-1],
                    "schema",
                    Message(N_("missing required key '{key}'"), key=name),
                    Message(N_("add '{key}:' here"), key=name),
                    key=True,
                )
            )
        else:
            keys = tuple(part for part in loc if part != "[key]")
            at_key = bool(loc) and loc[-1] == "[key]"
            value = item.get("input")
            if kind in _BOUNDS and not at_key:  # checked after the models' conversion to Decimal: say what is written
                value = _written(source.data, keys, value)
            message, number_hint = _number_text(value) if kind == "number_type" else (None, None)
            if kind == "string_pattern_mismatch":
                pattern = _PATTERNS.get(str(item.get("ctx", {}).get("pattern")))
                if pattern is not None:
                    message = Message(
                        N_("{expected}; got {value}"), expected=Message(pattern[0]), value=_describe(value)
                    )
                    number_hint = Message(pattern[1])
            if message is None:
                message, names_input = _message(item)
                if not names_input:
                    message = Message(N_("{expected}; got {value}"), expected=message, value=_describe(value))
            if at_key:
                message = Message(N_("key {message}"), message=message)
            problems.append(source.problem(keys, "schema", message, number_hint or _hint(kind), key=at_key))
    return problems


# What each text pattern of the models means, in words, with a hint for it (instead of the regular expression).
_PATTERNS = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": (
        N_("an id is lowercase letters and digits, in words joined by single hyphens (such as other-costs)"),
        N_("rewrite the id that way: no spaces, capitals, underscores, accents or invisible characters"),
    ),
    r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$": (
        N_("a language is a code such as en, zh, fr or pt-BR"),
        N_("write the language's code (BCP 47), not its name"),
    ),
    r"^[A-Z]{3}$": (
        N_("a currency is a three-letter code such as CHF, EUR or USD"),
        N_("write the ISO 4217 code in capitals, not a symbol or a name"),
    ),
    r"^\S(?:.*\S)?$": (
        N_("an account code does not start or end with a space"),
        N_("remove the spaces around the code"),
    ),
}

_BOUNDS = ("greater_than_equal", "greater_than", "less_than_equal", "less_than")


def _written(data: Any, keys: tuple[Any, ...], otherwise: Any) -> Any:
    """The value at `keys` in the file's data, as the file holds it (`12000` an integer, not the model's
    Decimal); `otherwise` when there is none."""
    for key in keys:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return otherwise
    return data


# pydantic's messages (lowercased, as the schema findings show them) for the checks the plan models use, as
# message ids with their context as fields; a check not listed keeps pydantic's English words.
_PYDANTIC = {
    "int_type": N_("input should be a valid integer"),
    "int_parsing": N_("input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": N_("input should be a valid integer, got a number with a fractional part"),
    "string_type": N_("input should be a valid string"),
    "bool_type": N_("input should be a valid boolean"),
    "bool_parsing": N_("input should be a valid boolean, unable to interpret input"),
    "date_type": N_("input should be a valid date"),
    "list_type": N_("input should be a valid list"),
    "dict_type": N_("input should be a valid dictionary"),
    "model_attributes_type": N_("input should be a valid dictionary or object to extract fields from"),
    "model_type": N_("input should be a valid dictionary or instance of {class_name}"),
    "greater_than_equal": N_("input should be greater than or equal to {ge}"),
    "greater_than": N_("input should be greater than {gt}"),
    "less_than_equal": N_("input should be less than or equal to {le}"),
    "less_than": N_("input should be less than {lt}"),
    "string_too_long": N_("string should have at most {max_length} characters"),
}
# What pydantic names the input's kind in `number_type`, from model.plan's `_KINDS`.
_KIND_WORDS = {
    "true or false": N_("true or false"),
    "text": N_("text"),
    "a date": N_("a date"),
    "a list": N_("a list"),
    "a mapping": N_("a mapping"),
    "nothing": N_("nothing"),
    "ccm-plan/budget": N_("budget"),
    "ccm-plan/workplan": N_("work plan"),
    "ccm-plan/contributions": N_("contributions"),
}


def _message(item: dict[str, Any]) -> tuple[Message, bool]:
    """pydantic's error as a message, and whether it already names the input it got."""
    kind = item["type"]
    context = item.get("ctx") or {}
    if kind == "number_type":
        named = str(context.get("kind", ""))
        return Message(
            N_("expected a number, got {kind}"), kind=Term(_KIND_WORDS[named]) if named in _KIND_WORDS else Code(named)
        ), True
    if kind == "number_finite":
        value = str(context.get("value", ""))
        finite = Message(N_(".nan (not a number)")) if value.startswith(".nan") else Code(value)
        return Message(N_("expected a finite number, got {value}"), value=finite), True
    if kind == "period_order":
        return Message(
            N_("the period ends in {end}, before it starts in {start}"),
            end=Year(int(context["end"])),
            start=Year(int(context["start"])),
        ), True
    if kind == "literal_error":
        return Message(
            N_("input should be {expected}"), expected=_alternatives(str(context.get("expected", "")))
        ), False
    if kind in ("string_too_short", "too_short"):
        least = int(context.get("min_length", 1))
        if least == 1:
            return Message(N_("input should not be empty")), False
        return Message(N_("input should have at least {count} items"), count=Count(least)), False
    if kind in _PYDANTIC:
        fields = {name: Code(str(value)) for name, value in context.items() if isinstance(value, (int, str, Decimal))}
        return Message(_PYDANTIC[kind], **fields), " got " in str(item["msg"])
    text = str(item["msg"]).removeprefix("Value error, ")
    text = text[0].lower() + text[1:] if text else text
    return Message("{text}", text=text), " got " in text


def _alternatives(expected: str) -> Value:
    """pydantic's `'staff' or 'non-staff'` as a message argument, `or` in the language asked."""
    values = re.findall(r"'([^']*)'|(-?\d+)", expected)
    items: list[Value] = [Code(f"'{quoted}'" if quoted or not number else number) for quoted, number in values]
    if len(items) < 2:
        return Code(expected)
    fields: dict[str, Value] = {f"item{number}": item for number, item in enumerate(items)}
    fields["sep"], fields["last"] = Term(N_(", ")), Term(N_(" or "))
    text = "{sep}".join(f"{{item{number}}}" for number in range(len(items) - 1))
    return Message(f"{text}{{last}}{{item{len(items) - 1}}}", **fields)


_PERCENT = re.compile(r"^\s*([-+]?[0-9]+(?:\.[0-9]+)?)\s*%\s*$")
_GROUPED = re.compile(r"^\s*[-+]?[0-9]{1,3}(?:[,' \u00a0\u202f_][0-9]{3})+(?:\.[0-9]+)?\s*$")
_CURRENCY = re.compile(
    r"^\s*(?:[A-Z]{3}|[$€£¥₣])\s*[-+]?[0-9][0-9,' .]*\s*$|^\s*[-+]?[0-9][0-9,' .]*\s*(?:[A-Z]{3}|[$€£¥₣])\s*$"
)


def _number_text(value: Any) -> tuple[Message | None, Message | None]:
    """A number written as text, with what made it text ('20%', '341,405', 'CHF 100') named; (None, None) for
    anything else."""
    if not isinstance(value, str):
        return None, None
    written = Code(value)
    percent = _PERCENT.match(value)
    if percent:
        return (
            Message(N_("expected a number, got the text '{text}': the percent sign makes it text"), text=written),
            Message(
                N_("write {number}: this figure is already a percent (its key says so)"), number=Code(percent.group(1))
            ),
        )
    if _GROUPED.match(value):
        plain = re.sub(r"[,' \u00a0\u202f_]", "", value.strip())
        return (
            Message(
                N_("expected a number, got the text '{text}': the thousands separators make it text"), text=written
            ),
            Message(N_("write {number}, without separators"), number=Code(plain)),
        )
    if _CURRENCY.match(value):
        return (
            Message(N_("expected a number, got the text '{text}': the currency makes it text"), text=written),
            Message(N_("write the amount alone; the plan's `currency` says what it is in")),
        )
    return Message(N_("expected a number, got the text '{text}'"), text=Code(_shorten(value))), None


def _shorten(text: str) -> str:
    return text[:60] + "…" if len(text) > 60 else text


def _hint(kind: str) -> Message:
    if kind == "number_finite":
        return Message(N_("write the figure itself: .nan (not a number) and .inf (infinity) are not amounts"))
    if kind.startswith(("int", "decimal", "number")):
        return Message(N_("write a plain number, without quotes, thousands separators or currency"))
    if kind.startswith("literal"):
        return Message(N_("use one of the values listed"))
    if kind.startswith(("string", "str")):
        return Message(N_("write the text (quote it if it starts with a special character)"))
    if kind in _BOUNDS:
        return Message(N_("amounts and counts cannot be negative or out of range"))
    if kind == "period_order":
        return Message(N_("swap start and end"))
    return Message(N_("see `{command}` for what this place takes"), command=Code("ccm-plan schema"))


def _describe(value: Any) -> Value:
    """A value as the plan file shows it, never Python's repr: `number 2021.0`, `.nan (not a number)`."""
    if isinstance(value, (dict, list)) or value is None:
        return _type_name(value)
    return Message(N_("{kind} {value}"), kind=_type_name(value), value=shown(value))


_TYPE_NAMES = {
    bool: N_("boolean"),
    int: N_("integer"),
    Decimal: N_("number"),
    str: N_("text"),
    datetime.date: N_("date"),
    type(None): N_("nothing"),
    list: N_("a list"),
    dict: N_("a mapping"),
}


def _type_name(value: Any) -> Value:
    name = _TYPE_NAMES.get(type(value))
    return Term(name) if name is not None else Code(type(value).__name__)


def _fields_at(model: Any, loc: tuple[Any, ...]) -> list[str]:
    """The keys the model accepts at `loc`, for the 'did you mean' hint; empty if it cannot be told."""
    current = model
    for part in loc:
        if isinstance(part, int) or not isinstance(current, type):
            continue
        fields = getattr(current, "model_fields", None)
        if fields is None or part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _inner_model(annotation: Any) -> Any:
    """The BaseModel inside list[...], X | None, dict[..., ...]; the annotation itself otherwise."""
    origin = typing.get_origin(annotation)
    if origin in (list, dict, typing.Union, types.UnionType):
        for argument in reversed(typing.get_args(annotation)):
            inner = _inner_model(argument)
            if hasattr(inner, "model_fields"):
                return inner
    return annotation
