"""Start-up cost of `ccm-plan validate` on the shipped plan, against an empty Typer app and check-jsonschema.

    .venv/bin/python bench/startup.py            # 40 interleaved runs of each command, medians
    .venv/bin/python bench/startup.py --runs 100 --plan data

The commands run interleaved (A, B, C, A, B, C, ...) so that a busy machine slows them all alike, and the
report gives medians, which one slow run cannot move. Bytecode is compiled first and PYTHONDONTWRITEBYTECODE is
dropped for the children: an installed package has its .pyc files, and a benchmark without them measures the
compiler. The target (docs/performance.md): validate's median at most 1.15 × the empty app's. CPU time (user + system of
each child, from os.wait4) is shown beside wall time: on a busy machine it moves much less.

check-jsonschema is not a dependency of ccm-plan; install it apart, for the comparison only:

    python3 -m venv bench/.venv && bench/.venv/bin/pip install check-jsonschema

It checks one schema per run, so "check-jsonschema on the same files" is one run per plan file (budget, work
plan), and its figure is the sum of their medians. The schemas are schema/*.schema.json when present, otherwise
they are generated from the models into a temporary folder.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
TARGET = 1.15


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(NO_COLOR="1", TERM="dumb", COLUMNS="100")
    return env


def time_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, of that child alone) of one run; leading NAME=value set the env."""
    extra = dict(part.split("=", 1) for part in command if "=" in part and part.split("=", 1)[0].isupper())
    assert command[: len(extra)] == [f"{key}={value}" for key, value in extra.items()], command
    command = command[len(extra) :]
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env={**env, **extra}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    error = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({code}): {error.decode()[-500:]}")
    return elapsed, usage.ru_utime + usage.ru_stime


def find_check_jsonschema(given: str | None) -> str | None:
    for candidate in (given, ROOT / "bench/.venv/bin/check-jsonschema", shutil.which("check-jsonschema")):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    return None


def schemas(folder: Path) -> dict[str, Path]:
    """kind → schema file: the committed schemas, or ones generated from the models."""
    committed = {"budget": ROOT / "schema/budget.schema.json", "workplan": ROOT / "schema/workplan.schema.json"}
    if all(path.is_file() for path in committed.values()):
        return committed
    sys.path.insert(0, str(ROOT / "src"))
    from ccm_plan.model.plan import Budget, Workplan

    generated = {}
    for kind, model in (("budget", Budget), ("workplan", Workplan)):
        path = folder / f"{kind}.schema.json"
        path.write_text(json.dumps(model.model_json_schema()))
        generated[kind] = path
    return generated


def plan_files(plan: Path) -> dict[str, Path]:
    found = {}
    for path in sorted(plan.glob("*.y*ml")):
        head = path.read_text(encoding="utf-8-sig")[:4096]
        for kind in ("budget", "workplan"):
            if f"kind: ccm-plan/{kind}" in head:
                found[kind] = path
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--plan", default="data")
    parser.add_argument("--check-jsonschema", dest="cjs", default=None, help="path to check-jsonschema")
    parser.add_argument("--json", dest="json_out", default=None, help="also write the medians to this file")
    parser.add_argument(
        "--before",
        type=Path,
        default=None,
        help="a folder holding another ccm_plan source tree (e.g. `git archive REV src | tar -x -C DIR`, then DIR/src):"
        " validate from it and from this tree, both as `python -m ccm_plan`, for a before/after figure",
    )
    args = parser.parse_args()

    compileall.compile_dir(ROOT / "src", quiet=1)
    compileall.compile_dir(ROOT / "bench", quiet=1, maxlevels=0)
    env = child_env()
    plan = Path(args.plan)
    empty = [str(VENV_BIN / "python"), "bench/empty_app.py", "validate", str(plan)]
    commands: dict[str, list[str]] = {
        "empty Typer app": empty,
        "empty Typer app, ccm-plan's GC settings": ["CCM_BENCH_GC=1", *empty],
        "ccm-plan validate": [str(VENV_BIN / "ccm-plan"), "validate", str(plan)],
    }
    if args.before is not None:
        compileall.compile_dir(args.before, quiet=1)
        module = [str(VENV_BIN / "python"), "-m", "ccm_plan", "validate", str(plan)]
        commands[f"validate from {args.before}"] = [f"PYTHONPATH={args.before.resolve()}", *module]
        commands["validate from this tree (python -m)"] = [f"PYTHONPATH={ROOT / 'src'}", *module]
    with tempfile.TemporaryDirectory() as temporary:
        cjs = find_check_jsonschema(args.cjs)
        cjs_names = []
        if cjs is None:
            print("check-jsonschema not found: skipped (see this script's docstring to install it)")
        else:
            kinds = schemas(Path(temporary))
            for kind, file in plan_files(ROOT / plan).items():
                name = f"check-jsonschema {file.name}"
                commands[name] = [cjs, "--schemafile", str(kinds[kind]), str(file)]
                cjs_names.append(name)

        for _ in range(args.warmup):
            for command in commands.values():
                time_once(command, env)
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                wall, cpu = time_once(command, env)
                walls[name].append(wall)
                cpus[name].append(cpu)

    medians = {name: statistics.median(values) for name, values in walls.items()}
    cpu_medians = {name: statistics.median(values) for name, values in cpus.items()}
    base, cpu_base = medians["empty Typer app"], cpu_medians["empty Typer app"]
    print(f"{args.runs} interleaved runs each, after {args.warmup} warm-up rounds; plan: {plan}")
    print(f"{'command':42} {'wall median':>11} {'wall min':>9} {'× empty':>8} {'CPU median':>11} {'× empty':>8}")
    for name in commands:
        print(
            f"{name:42} {medians[name] * 1000:9.1f}ms {min(walls[name]) * 1000:7.1f}ms {medians[name] / base:7.2f}×"
            f" {cpu_medians[name] * 1000:9.1f}ms {cpu_medians[name] / cpu_base:7.2f}×"
        )
    if cjs_names:
        total = sum(medians[name] for name in cjs_names)
        cpu_total = sum(cpu_medians[name] for name in cjs_names)
        print(
            f"{'check-jsonschema, all plan files (sum)':42} {total * 1000:9.1f}ms {'':>9} {total / base:7.2f}×"
            f" {cpu_total * 1000:9.1f}ms {cpu_total / cpu_base:7.2f}×"
        )
        medians["check-jsonschema (sum)"] = total
    ratio = medians["ccm-plan validate"] / base
    cpu_ratio = cpu_medians["ccm-plan validate"] / cpu_base
    like = medians["ccm-plan validate"] / medians["empty Typer app, ccm-plan's GC settings"]
    verdict = "meets" if ratio <= TARGET else "MISSES"
    print(f"validate / empty app = {ratio:.3f} wall, {cpu_ratio:.3f} CPU ({verdict} the target {TARGET}× on wall time)")
    print(f"validate / empty app with the same GC settings = {like:.3f} wall (what ccm-plan's own code costs)")
    if args.json_out:
        Path(args.json_out).write_text(
            json.dumps(
                {
                    "wall_ms": {k: round(v * 1000, 1) for k, v in medians.items()},
                    "cpu_ms": {k: round(v * 1000, 1) for k, v in cpu_medians.items()},
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
