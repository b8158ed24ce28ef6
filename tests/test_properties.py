"""Property-based tests: no input makes a command raise, hang or print a traceback.

Random mutations of real plan files (the shipped CCM plan and the small fixture plan) and random small plans go
through the library entry points of every command, in-process for speed — validate (`check_paths`, every output
format), totals (`totals_for`, every format), fix (`fix_plan`, checked and written), diff (`compare`, every format)
and export (`export_xlsx`) — and, fewer of them, through the real `ccm-plan` command line in a subprocess.
Each must end in a result or a `CcmPlanError` (exit 0, 1 or 2 with a message), within a time limit.

How many examples: HYPOTHESIS_PROFILE=dev (the default, ~30 s on 2 cores), ci (~12 s) or thorough (~5 minutes;
run it after changing the loader, the models or a rule):

    HYPOTHESIS_PROFILE=thorough .venv/bin/pytest tests/test_properties.py

A crash found here is fixed in the library and pinned as a regression: an `@example` below, or a case folder
under tests/cases/ when it is about a plan's findings.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ccm_plan.read import source
from conftest import CLI_ENV, DATA, MINIMAL, ROOT
from harness import every_command, write_plan

# dev (the default, what CI runs): ~30 s on 2 cores; ci: ~12 s, for a quick loop; thorough: ~5 min, after a change
# to the loader, the models or a rule. A failing example prints a blob for @reproduce_failure.
# In CI (CI=true) the examples are derandomized: the gate on every commit is reproducible, and exploring new
# inputs is the job of local runs (random each time, failures kept in .hypothesis/) and of the thorough profile.
COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow],
    "print_blob": True,
    "derandomize": os.environ.get("CI") == "true",
}
settings.register_profile("dev", max_examples=200, **COMMON)
settings.register_profile("ci", max_examples=60, **COMMON)
settings.register_profile("thorough", max_examples=2000, **COMMON)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
if PROFILE not in ("dev", "ci", "thorough"):
    PROFILE = "dev"
LIBRARY = settings(settings.get_profile(PROFILE))
# A subprocess costs ~0.2 s a command; six commands an example.
CLI = settings(settings.get_profile(PROFILE), max_examples={"dev": 10, "ci": 5, "thorough": 100}[PROFILE])

CLI_SECONDS = 60

SEEDS = {
    "shipped": {"budget.yaml": DATA / "budget.yaml", "workplan-2021-2026.yaml": DATA / "workplan-2021-2026.yaml"},
    "minimal": {"budget.yaml": MINIMAL / "budget.yaml", "workplan.yaml": MINIMAL / "workplan.yaml"},
    # after adoption: the invented example's actuals and contributions beside the budget
    "adopted": {path.name: path for path in sorted((ROOT / "examples" / "after-adoption").glob("*.yaml"))},
}
SEED_BYTES = {name: {file: path.read_bytes() for file, path in files.items()} for name, files in SEEDS.items()}


# ------------------------------------------------------------------------------------------------ mutations

# Values that have broken YAML tools before: other types, tags, anchors, flow syntax, special numbers.
SCALARS = [
    "null", "~", "", "true", "no", "0", "-1", "-0", "1e400", "1e-400", "9" * 40, "1" * 16, "0.12345678901",
    ".nan", "-.inf", ".inf", "0x1F", "0o17", "0b101", "1_000", "341,405", "'341405'", '"341405"', "341405.50",
    "2021-02-30", "2021-08-30", "0000-00-00", "[]", "{}", "[1, 2]", "{a: 1}", "[", "{", "]", "}", "'", '"',
    "&anchor 5", "*anchor", "*missing", "!!python/object/apply:os.system ['true']", "!!str 5", "!!int x",
    "!!float 1", "!!binary aGk=", "!!set {a}", "!custom x", "|", ">-", "- item", "? key", ": x", "@x", "`x",
    "%YAML 1.1", "---", "...", "#", "a: b: c", "\t", "x\ty", "é", "执行支助", "\u2028", "\ufeff", "<<: *a",
]  # fmt: skip
KEYS = ["kind", "id", "amounts", "lines", "totals", "period", "start", "end", "languages", "x", "2021", "zh", "en",
        "waivers", "parameters", "notes", "explains", "line", "years", "plan", "number", "<<", "? ", "0", "-1"]  # fmt: skip

scalar_text = st.one_of(
    st.sampled_from(SCALARS),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.decimals(allow_nan=False, places=3, min_value=-(10**9), max_value=10**9).map(str),
    st.text(max_size=12),
)
index = st.integers(min_value=0, max_value=10**6)

text_mutation = st.one_of(
    st.tuples(st.just("replace-value"), index, scalar_text),
    st.tuples(st.just("delete-line"), index, st.just("")),
    st.tuples(st.just("duplicate-line"), index, st.just("")),
    st.tuples(st.just("swap-lines"), index, index.map(str)),
    st.tuples(st.just("insert-bytes"), index, st.binary(min_size=1, max_size=6).map(lambda b: b.hex())),
    st.tuples(st.just("truncate"), index, st.just("")),
    st.tuples(st.just("indent"), index, st.sampled_from(["+1", "-1", "+2", "-2", "tab", "+8"])),
    st.tuples(st.just("rename-key"), index, st.sampled_from(KEYS) | st.from_regex(r"[a-z_]{1,10}", fullmatch=True)),
    st.tuples(st.just("perturb-number"), index, st.sampled_from(["+1", "-1", "*10", "*1000000", "neg", "zero", "half",
                                                                 "big", "dec"])),
    st.tuples(st.just("truncate-text"), index, index.map(str)),
)  # fmt: skip

_VALUE = re.compile(rb"^(\s*(?:- )?[^\s:#][^:#]*?:\s)(.+)$")
_KEY = re.compile(rb"^(\s*(?:- )?)([^\s:#'\"{}\[\]][^:#]*?)(:(?:\s|$))")
_NUMBER = re.compile(rb"(?<![\w.])-?[0-9]+(?:\.[0-9]+)?(?![\w.-])")


def mutate_text(data: bytes, mutation: tuple[str, int, str]) -> bytes:
    op, at, arg = mutation
    lines = data.split(b"\n")
    i = at % len(lines)
    payload = arg.encode("utf-8")
    if op == "replace-value":
        candidates = [n for n, line in enumerate(lines) if _VALUE.match(line)]
        if candidates:
            n = candidates[at % len(candidates)]
            lines[n] = _VALUE.sub(lambda m: m.group(1) + payload, lines[n])
    elif op == "delete-line":
        del lines[i]
    elif op == "duplicate-line":
        lines.insert(i, lines[i])
    elif op == "swap-lines":
        j = int(arg) % len(lines)
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "insert-bytes":
        offset = at % (len(data) + 1)
        return data[:offset] + bytes.fromhex(arg) + data[offset:]
    elif op == "truncate":
        return data[: at % (len(data) + 1)]
    elif op == "indent":
        if arg == "tab":
            lines[i] = b"\t" + lines[i]
        elif arg.startswith("+"):
            lines[i] = b" " * int(arg[1:]) + lines[i]
        else:
            lines[i] = lines[i][int(arg[1:]) :] if lines[i][: int(arg[1:])].strip() == b"" else lines[i]
    elif op == "rename-key":
        candidates = [n for n, line in enumerate(lines) if _KEY.match(line)]
        if candidates:
            n = candidates[at % len(candidates)]
            lines[n] = _KEY.sub(lambda m: m.group(1) + payload + m.group(3), lines[n], count=1)
    elif op == "perturb-number":
        found = list(_NUMBER.finditer(data))
        if found:
            match = found[at % len(found)]
            number = Decimal(match.group().decode())
            new = {
                "+1": number + 1, "-1": number - 1, "*10": number * 10, "*1000000": number * 1000000,
                "neg": -number, "zero": Decimal(0), "half": number / 2, "big": Decimal(10) ** 14 + number,
                "dec": number + Decimal("0.25"),
            }[arg]  # fmt: skip
            return data[: match.start()] + str(new).encode() + data[match.end() :]
    elif op == "truncate-text":
        candidates = [n for n, line in enumerate(lines) if _VALUE.match(line)]
        if candidates:
            n = candidates[at % len(candidates)]
            cut = len(lines[n]) - int(arg) % max(len(lines[n]), 1)
            lines[n] = lines[n][:cut]
    return b"\n".join(lines)


# Data-level mutations: the file is read with ccm-plan's own loader, one node is changed, and the data is
# written back as YAML (block style, so positions still mean something).

any_value: st.SearchStrategy[Any] = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**16), max_value=10**16),
        st.decimals(allow_nan=True, places=2, min_value=-(10**6), max_value=10**6),
        st.text(max_size=10),
        st.dates(min_value=datetime.date(1800, 1, 1), max_value=datetime.date(2300, 1, 1)),
        st.sampled_from(["ccm-plan/budget", "ccm-plan/workplan", "staff", "non-staff", "salaries", "en", "zh", "CHF"]),
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=3),
    max_leaves=6,
)
data_mutation = st.tuples(
    index,
    st.sampled_from(["delete", "rename", "duplicate", "replace", "perturb", "truncate", "wrap", "empty"]),
    any_value,
)


def node_paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from node_paths(item, (*path, key))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from node_paths(item, (*path, position))


def mutate_data(data: Any, mutation: tuple[int, str, Any]) -> Any:
    at, op, value = mutation
    paths = [path for path in node_paths(data) if path]
    if not paths:
        return value
    path = paths[at % len(paths)]
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    current = parent[last]
    if op == "delete":
        del parent[last]
    elif op == "rename" and isinstance(parent, dict):
        new_key = value if isinstance(value, (str, int)) and not isinstance(value, bool) else f"{last}x"
        parent[new_key] = parent.pop(last)
    elif op == "duplicate" and isinstance(parent, list):
        parent.insert(last, current)
    elif (
        op == "perturb"
        and isinstance(current, (int, Decimal))
        and not isinstance(current, bool)
        and not (isinstance(current, Decimal) and not current.is_finite())  # a generated NaN has no arithmetic
    ):
        parent[last] = -current if at % 3 == 0 else current * (at % 7 + 2) + (Decimal("0.5") if at % 2 else 0)
    elif op == "truncate" and isinstance(current, str):
        parent[last] = current[: at % (len(current) + 1)]
    elif op == "wrap":
        parent[last] = [current] if at % 2 else {"value": current}
    elif op == "empty":
        parent[last] = type(current)() if isinstance(current, (dict, list, str)) else None
    else:
        parent[last] = value
    return data


def to_yaml(value: Any, indent: int = 0) -> str:
    """Plain data as block-style YAML that ccm-plan's loader reads back to the same data."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        out = []
        for key, item in value.items():
            text = to_yaml(item, indent + 2)
            joiner = "\n" if isinstance(item, (dict, list)) and item else " "
            out.append(f"{pad}{scalar(key)}:{joiner}{text}")
        return "\n".join(out)
    if isinstance(value, list):
        if not value:
            return "[]"
        out = []
        for item in value:
            text = to_yaml(item, indent + 2)
            out.append(f"{pad}- {text.lstrip()}" if isinstance(item, (dict, list)) and item else f"{pad}- {text}")
        return "\n".join(out)
    return scalar(value)


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        if value.is_nan():
            return ".nan"
        if value.is_infinite():
            return ".inf" if value > 0 else "-.inf"
        text = str(value)
        return text if "." in text or "E" in text else text + ".0"
    if isinstance(value, datetime.date):
        return value.isoformat()
    # A JSON string is a YAML double-quoted scalar, once what YAML does not print is escaped too.
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(str(value), ensure_ascii=False))


_UNPRINTABLE = re.compile("[\x7f-\x9f\ufffe\uffff\u2028\u2029\ufeff]")


def test_to_yaml_round_trips_the_shipped_plan(tmp_path: Path) -> None:
    """The emitter the data mutations rely on gives back exactly what it was given."""
    for path in [*SEEDS["shipped"].values(), *SEEDS["minimal"].values()]:
        data = source.load(path).data
        copy = tmp_path / path.name
        copy.write_text(to_yaml(data) + "\n", encoding="utf-8")
        again = source.load(copy)
        assert not again.problems and again.data == data


# ------------------------------------------------------------------------------------------------ properties


@LIBRARY
@given(
    seed=st.sampled_from(sorted(SEEDS)),
    which=index,
    mutations=st.lists(text_mutation, min_size=1, max_size=3),
)
@example(seed="shipped", which=0, mutations=[("replace-value", 0, "1e400")])
@example(seed="shipped", which=0, mutations=[("insert-bytes", 20, "00ff")])
@example(seed="minimal", which=0, mutations=[("replace-value", 5, "9" * 40)])
# Regression: a multi-byte character cut in half was located by byte, not by character (column past the line).
@example(seed="shipped", which=0, mutations=[("truncate-text", 138, "1")])
def test_text_mutations_never_crash_a_command(seed: str, which: int, mutations: list[tuple[str, int, str]]) -> None:
    files = dict(SEED_BYTES[seed])
    name = sorted(files)[which % len(files)]
    for mutation in mutations:
        files[name] = mutate_text(files[name], mutation)
    with tempfile.TemporaryDirectory() as temporary:
        original = write_plan(Path(temporary) / "original", SEED_BYTES[seed])
        every_command(write_plan(Path(temporary) / "plan", files), original, Path(temporary) / "plan.xlsx")


@LIBRARY
@given(seed=st.sampled_from(sorted(SEEDS)), which=index, mutations=st.lists(data_mutation, min_size=1, max_size=3))
def test_data_mutations_never_crash_a_command(seed: str, which: int, mutations: list[tuple[int, str, Any]]) -> None:
    names = sorted(SEEDS[seed])
    name = names[which % len(names)]
    data = source.load(SEEDS[seed][name]).data
    for mutation in mutations:
        data = mutate_data(data, mutation)
    files = dict(SEED_BYTES[seed])
    files[name] = (to_yaml(data) + "\n").encode("utf-8")
    with tempfile.TemporaryDirectory() as temporary:
        original = write_plan(Path(temporary) / "original", SEED_BYTES[seed])
        every_command(write_plan(Path(temporary) / "plan", files), original, Path(temporary) / "plan.xlsx")


# Random small plans: the shape is mostly right, the figures and references are anything. These reach the rules
# and the arithmetic, where the mutations above mostly stop at the schema.

LANGUAGE_SETS = [["en"], ["en", "fr"], ["zh", "en"], ["fr"], ["es", "ar", "ru"]]
LINE_IDS = ["salaries", "social-security", "travel", "communication", "rent", "other"]


def texts(languages: list[str]) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({language: st.text(min_size=1, max_size=8) for language in languages}) | st.builds(
        lambda: {languages[0]: "only one"}
    )


money = st.one_of(
    st.integers(min_value=0, max_value=10**9),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
    st.just(0),
)


@st.composite
def small_plans(draw: st.DrawFn) -> dict[str, Any]:
    languages = draw(st.sampled_from(LANGUAGE_SETS))
    start = draw(st.integers(min_value=1990, max_value=2100))
    end = start + draw(st.integers(min_value=-1, max_value=7))
    years = list(range(start, end + 1))
    line_ids = draw(st.lists(st.sampled_from(LINE_IDS), min_size=1, max_size=5))
    lines = []
    for line_id in line_ids:
        line_years = draw(st.sets(st.sampled_from([*years, start - 1, end + 1]), max_size=len(years) + 1))
        if draw(st.booleans()):
            line_years = set(years)
        lines.append(
            {
                "id": line_id,
                "name": draw(texts(languages)),
                "cost_type": "staff" if line_id in ("salaries", "social-security") else "non-staff",
                "amounts": {year: draw(money) for year in sorted(line_years)},
            }
        )
    year_totals = {year: sum((line["amounts"].get(year, 0) for line in lines), Decimal(0)) for year in years}
    plan_total = sum(year_totals.values(), Decimal(0))
    if draw(st.booleans()):
        year_totals = {year: draw(money) for year in draw(st.sets(st.sampled_from(years or [start]), max_size=8))}
    if draw(st.booleans()):
        plan_total = draw(money)
    parameters: dict[str, Any] = {}
    if draw(st.booleans()):
        by_year = draw(st.booleans())
        rate = draw(st.integers(min_value=0, max_value=100))
        parameters["rates"] = [
            {
                "id": "charges",
                "line": draw(st.sampled_from(LINE_IDS)),
                "base": draw(st.lists(st.sampled_from(LINE_IDS), min_size=1, max_size=3)),
                **({"rate_percent_by_year": {start: rate}} if by_year else {"rate_percent": rate}),
                "tolerance": draw(money),
            }
        ]
    if draw(st.booleans()):
        legs = draw(st.integers(min_value=0, max_value=12))
        parameters["travel"] = [
            {
                "line": draw(st.sampled_from(LINE_IDS)),
                "legs_per_year": draw(st.integers(min_value=1, max_value=12)),
                "legs": [{"kind": draw(texts(languages)), "count": legs}],
                "cost_per_leg": draw(
                    st.fixed_dictionaries(
                        {},
                        optional={
                            "min": money,
                            "max": money,
                            "tolerance_percent": st.integers(min_value=0, max_value=100),
                        },
                    )
                ),
            }
        ]
    if draw(st.booleans()):
        parameters["variance"] = {
            "threshold_percent": draw(st.integers(min_value=0, max_value=200)),
            "minimum_change": draw(money),
        }
    if draw(st.booleans()):
        parameters["staffing"] = {
            "line": draw(st.sampled_from(LINE_IDS)),
            "posts": [{"id": "head", "title": draw(texts(languages)), "fte": 1}] if draw(st.booleans()) else [],
            "changes": [{"post": draw(st.sampled_from(["head", "deputy"])), "year": start, "text": {"en": "x"}}]
            if draw(st.booleans())
            else [],
        }
    notes = [
        {
            "id": f"note-{number}",
            "number": number,
            "text": draw(texts(languages)),
            "scope": draw(st.sampled_from(["budget", "lines"])),
            "explains": [{"line": draw(st.sampled_from(LINE_IDS))}]
            + ([{"line": line_ids[0], "years": [start, end + 3]}] if draw(st.booleans()) else []),
        }
        for number in range(1, draw(st.integers(min_value=0, max_value=3)) + 1)
    ]
    budget = {
        "kind": "ccm-plan/budget",
        "schema_version": 2,
        "languages": languages,
        "title": draw(texts(languages)),
        "currency": draw(st.sampled_from(["CHF", "EUR", "USD"])),
        "period": {"start": start, "end": end},
        "lines": lines,
        "totals": {"years": year_totals, "plan": plan_total},
        "notes": notes,
        "parameters": parameters,
        "waivers": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "rule": st.sampled_from(["stated-totals", "rates", "social-security-rate", "no-such-rule"]),
                        "subject": st.sampled_from(["plan", f"social-security/{start}", "x"]),
                        "reason": st.just("accepted"),
                    }
                ),
                max_size=2,
            )
        ),
    }
    plan = {"budget.yaml": budget}
    if draw(st.booleans()):
        workplan = source.load(MINIMAL / "workplan.yaml").data
        workplan["languages"] = languages
        workplan["period"] = {"start": start, "end": end}
        workplan["summary"]["budget"] = draw(st.sampled_from([plan_total, Decimal(0), Decimal(396800)]))
        plan["workplan.yaml"] = workplan
    return plan


@LIBRARY
@given(plan=small_plans())
def test_random_small_plans_never_crash_a_command(plan: dict[str, Any]) -> None:
    files = {name: (to_yaml(data) + "\n").encode("utf-8") for name, data in plan.items()}
    with tempfile.TemporaryDirectory() as temporary:
        original = write_plan(Path(temporary) / "original", SEED_BYTES["minimal"])
        every_command(write_plan(Path(temporary) / "plan", files), original, Path(temporary) / "plan.xlsx")


# The command line itself, as a user or a CI job runs it: a real process, a time limit, no traceback.

COMMANDS = [
    ["validate", "{plan}"],
    ["validate", "{plan}", "--format", "json"],
    ["totals", "{plan}"],
    ["fix", "{plan}", "--check"],
    ["diff", "{original}", "{plan}"],
    ["export", "xlsx", "{plan}", "--output", "{out}"],
    ["execution", "{plan}", "--format", "json"],
]


def run_command(arguments: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "ccm_plan", *arguments],
        cwd=cwd,
        env=CLI_ENV,
        capture_output=True,
        text=True,
        timeout=CLI_SECONDS,
    )
    assert done.returncode in (0, 1, 2), (arguments, done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr[-2000:]
    if done.returncode == 2:
        assert done.stderr.strip(), arguments
    elif done.returncode == 1:
        assert (done.stdout + done.stderr).strip(), arguments
    return done


@CLI
@given(seed=st.sampled_from(sorted(SEEDS)), which=index, mutations=st.lists(text_mutation, min_size=1, max_size=2))
def test_cli_never_prints_a_traceback(seed: str, which: int, mutations: list[tuple[str, int, str]]) -> None:
    files = dict(SEED_BYTES[seed])
    name = sorted(files)[which % len(files)]
    for mutation in mutations:
        files[name] = mutate_text(files[name], mutation)
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        original = write_plan(root / "original", SEED_BYTES[seed])
        plan = write_plan(root / "plan", files)
        for command in COMMANDS:
            arguments = [part.format(plan=plan, original=original, out=root / "plan.xlsx") for part in command]
            run_command(arguments, root)


def test_property_seeds_are_clean_plans(tmp_path: Path) -> None:
    """The mutations start from plans that every command accepts, so a failure is the mutation's doing."""
    for name, files in SEEDS.items():
        folder = next(iter(files.values())).parent
        codes = every_command(folder, folder, tmp_path / f"{name}.xlsx", write=False)
        expected = {"validate": 0, "totals": 0, "fix --check": 0, "diff": 0, "export": 0, "execution": 0}
        assert codes == expected, name


@pytest.fixture(autouse=True, scope="module")
def _no_stray_workbooks() -> Iterator[None]:
    """export's default output is the current folder; every call here names one, so nothing may appear."""
    before = set(Path.cwd().glob("*.xlsx"))
    yield
    stray = set(Path.cwd().glob("*.xlsx")) - before
    for path in stray:
        path.unlink()
    assert not stray, stray
