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
from ..problems import Problem, Severity
from .source import Source, display_path, load, shown_value

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
                    f"a second {kind.removeprefix('ccm-plan/')} file in this folder, not used: the plan's is "
                    f"{plan.sources[kind].display}",
                    "keep one file of each kind in a plan folder: move this one out, or delete it if it is a copy",
                )
            )
            continue
        plan.sources[kind] = source
    if "ccm-plan/budget" not in plan.sources and not any(p.rule != "plan-files" for p in plan.problems):
        plan.problems.append(
            Problem(
                display_path(folder),
                1,
                1,
                Severity.ERROR,
                "plan-files",
                "this plan folder has no budget file",
                "add budget.yaml with 'kind: ccm-plan/budget'",
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
                "the file is empty",
                f"start it with 'kind: {name_kind or 'ccm-plan/budget'}' and the plan's data",
            )
        )
        return None
    if not isinstance(data, dict):
        problems.append(
            source.problem(
                (),
                "schema",
                f"expected a mapping of keys, got {_type_name(data)}",
                "a plan file is a mapping that starts with 'kind:'",
            )
        )
        return None
    kind = data.get("kind")
    if kind in KINDS:
        return str(kind)
    if kind is None:
        problems.append(
            source.problem(
                (), "schema", "missing required key 'kind'", f"add 'kind: {name_kind or 'ccm-plan/budget'}' at the top"
            )
        )
    else:
        problems.append(
            source.problem(("kind",), "schema", f"unknown kind {kind!r}", f"expected one of: {', '.join(KINDS)}")
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
                    f"this budget is written in schema version 1; this ccm-plan reads version {BUDGET_SCHEMA_VERSION}",
                    f"run `ccm-plan migrate {display_path(plan.folder)}` to rewrite it in place (comments and layout "
                    "are kept)",
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
            hint = (f"did you mean '{close[0]}'? " if close else "") + (
                f"this place takes: {', '.join(allowed)}" if allowed else "remove it"
            )
            problems.append(source.problem(loc, "schema", f"unknown key '{name}'", hint, key=True))
        elif kind == "missing":
            name = loc[-1]
            problems.append(
                source.problem(loc[:-1], "schema", f"missing required key '{name}'", f"add '{name}:' here", key=True)
            )
        else:
            keys = tuple(part for part in loc if part != "[key]")
            where = "key " if loc and loc[-1] == "[key]" else ""
            value = item.get("input")
            if kind in _BOUNDS and not where:  # checked after the models' conversion to Decimal: say what is written
                value = _written(source.data, keys, value)
            said, number_hint = _number_text(value) if kind == "number_type" else (None, None)
            if kind == "string_pattern_mismatch":
                said, number_hint = _PATTERNS.get(str(item.get("ctx", {}).get("pattern")), (None, None))
                if said is not None:
                    said = f"{said}; got {_describe(value)}"
            if said is None:
                said = _message(item)
                if " got " not in said:
                    said += f"; got {_describe(value)}"
            problems.append(
                source.problem(keys, "schema", f"{where}{said}", number_hint or _hint(kind), key=bool(where))
            )
    return problems


# What each text pattern of the models means, in words, with a hint for it (instead of the regular expression).
_PATTERNS = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": (
        "an id is lowercase letters and digits, in words joined by single hyphens (such as other-costs)",
        "rewrite the id that way: no spaces, capitals, underscores, accents or invisible characters",
    ),
    r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$": (
        "a language is a code such as en, zh, fr or pt-BR",
        "write the language's code (BCP 47), not its name",
    ),
    r"^[A-Z]{3}$": (
        "a currency is a three-letter code such as CHF, EUR or USD",
        "write the ISO 4217 code in capitals, not a symbol or a name",
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


def _message(item: dict[str, Any]) -> str:
    message = str(item["msg"]).removeprefix("Value error, ")
    return message[0].lower() + message[1:] if message else message


_PERCENT = re.compile(r"^\s*([-+]?[0-9]+(?:\.[0-9]+)?)\s*%\s*$")
_GROUPED = re.compile(r"^\s*[-+]?[0-9]{1,3}(?:[,' \u00a0\u202f_][0-9]{3})+(?:\.[0-9]+)?\s*$")
_CURRENCY = re.compile(
    r"^\s*(?:[A-Z]{3}|[$€£¥₣])\s*[-+]?[0-9][0-9,' .]*\s*$|^\s*[-+]?[0-9][0-9,' .]*\s*(?:[A-Z]{3}|[$€£¥₣])\s*$"
)


def _number_text(value: Any) -> tuple[str | None, str | None]:
    """A number written as text, with what made it text ('20%', '341,405', 'CHF 100') named; (None, None) for
    anything else."""
    if not isinstance(value, str):
        return None, None
    percent = _PERCENT.match(value)
    if percent:
        return (
            f"expected a number, got the text '{value}': the percent sign makes it text",
            f"write {percent.group(1)}: this figure is already a percent (its key says so)",
        )
    if _GROUPED.match(value):
        plain = re.sub(r"[,' \u00a0\u202f_]", "", value.strip())
        return (
            f"expected a number, got the text '{value}': the thousands separators make it text",
            f"write {plain}, without separators",
        )
    if _CURRENCY.match(value):
        return (
            f"expected a number, got the text '{value}': the currency makes it text",
            "write the amount alone; the plan's `currency` says what it is in",
        )
    return f"expected a number, got the text '{_shorten(value)}'", None


def _shorten(text: str) -> str:
    return text[:60] + "…" if len(text) > 60 else text


def _hint(kind: str) -> str:
    if kind == "number_finite":
        return "write the figure itself: .nan (not a number) and .inf (infinity) are not amounts"
    if kind.startswith(("int", "decimal", "number")):
        return "write a plain number, without quotes, thousands separators or currency"
    if kind.startswith("literal"):
        return "use one of the values listed"
    if kind.startswith(("string", "str")):
        return "write the text (quote it if it starts with a special character)"
    if kind in _BOUNDS:
        return "amounts and counts cannot be negative or out of range"
    if kind == "period_order":
        return "swap start and end"
    return "see `ccm-plan schema` for what this place takes"


def _describe(value: Any) -> str:
    """A value as the plan file shows it, never Python's repr: `the number 2021.0`, `.nan (not a number)`."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{_type_name(value)} {shown_value(value)}" if value is not None else "nothing"


def _type_name(value: Any) -> str:
    return {
        bool: "boolean",
        int: "integer",
        Decimal: "number",
        str: "text",
        datetime.date: "date",
        type(None): "nothing",
        list: "a list",
        dict: "a mapping",
    }.get(type(value), type(value).__name__)


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
