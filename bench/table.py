"""The speed table of docs/performance.md (issue 15), as ratios measured side by side in one run.

    .venv/bin/python bench/table.py                       # this tree
    .venv/bin/python bench/table.py --before REV          # and the tree of git revision REV beside it
    .venv/bin/python bench/table.py --rounds 7 --startup-rounds 40

Every figure is a ratio of two commands run in the same round, one right after the other (paired), over several
rounds; the table gives the median of the rounds' ratios. The machine this project runs on is shared (2 cores,
several sessions at once), so absolute times move by half from one minute to the next; a ratio of two runs a
second apart, and its median over rounds, does not. The absolute medians are printed below the table for
reference. With --before, the other tree's commands run in the same rounds, interleaved with this tree's.

Each ccm-plan command runs as `python -m ccm_plan` with PYTHONPATH set to the tree's `src`, in a fresh process,
with compiled bytecode (an installed package has its .pyc files; PYTHONDONTWRITEBYTECODE is dropped for the
children). Peak memory is the child's own peak resident set (os.wait4).

Rows (the plan: 1,000 lines × 50 years + 5,000 activities from bench/generate.py, unless said):
- validate on the shipped plan ÷ bench/empty_app.py (typer, pydantic, ruamel.yaml imported; does nothing); and,
  for reference, the same with every argument parsed by Typer (`validate -- data`: ccm_plan/quick.py takes the
  common invocations without importing Typer, and leaves `--` to it)
- validate ÷ the floor (bench/floor.py: interpreter start + libyaml's parser events over the same files)
- fix --check with one stale total ÷ validate on the same plan, in time and in peak memory
- export xlsx ÷ validate, in time
- totals --format json ÷ validate, in peak memory
- 200 copies of the shipped plan in one validate call: the time, and the peak memory per plan beyond the first

Benchmarks, not tests: nothing here fails a build; a goal missed is printed as such.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(Path(sys.executable))
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402


@dataclass(frozen=True)
class Sample:
    seconds: float
    megabytes: float


def child_env(tree: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
    env.update(NO_COLOR="1", TERM="dumb", COLUMNS="100")
    if tree is not None:
        env["PYTHONPATH"] = str(tree / "src")
    return env


def run(command: list[str], env: dict[str, str], cwd: Path) -> Sample:
    """One run in a fresh process: wall seconds and the child's peak resident MB. Exit 0 or 1 expected."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    error = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({code}): {error.decode()[-800:]}")
    return Sample(elapsed, usage.ru_maxrss / 1024)


def tree_of(revision: str, folder: Path) -> Path:
    """The `src` of a git revision, unpacked into `folder`; or, when `revision` is a folder holding `src`, that
    folder as it is."""
    if (Path(revision) / "src" / "ccm_plan").is_dir():
        return Path(revision).resolve()
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", revision, "src"], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def median_ratio(pairs: list[tuple[float, float]]) -> float:
    return statistics.median(a / b for a, b in pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--before",
        help="a git revision to measure beside this tree (e.g. main, 2486e21)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="rounds at scale (each runs every command once)",
    )
    parser.add_argument("--startup-rounds", type=int, default=30, help="rounds of the start-up row")
    parser.add_argument("--plans", type=int, default=200, help="plans in the many-plans row")
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--years", type=int, default=50)
    parser.add_argument("--activities", type=int, default=5000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        trees = {"now": ROOT}
        if args.before:
            trees = {"before": tree_of(args.before, work / "before"), "now": ROOT}
        for tree in trees.values():
            compileall.compile_dir(tree / "src", quiet=1)
        compileall.compile_dir(ROOT / "bench", quiet=1, maxlevels=0)
        clean = generate(work / "clean", args.lines, args.years, args.activities)
        stale = work / "stale"
        shutil.copytree(clean, stale)
        budget = stale / "budget.yaml"
        text = budget.read_text(encoding="utf-8")
        stated = next(line for line in text.splitlines() if line.startswith("  plan: "))
        budget.write_text(
            text.replace(stated, f"  plan: {int(stated.split(': ')[1]) + 1}"),
            encoding="utf-8",
        )
        many = work / "many"
        for number in range(args.plans):
            shutil.copytree(ROOT / "data", many / f"plan-{number:03d}")
        folders = sorted(str(path) for path in many.iterdir())

        def ccm(tree: Path, *words: str) -> Callable[[], Sample]:
            command, env = [PYTHON, "-m", "ccm_plan", *words], child_env(tree)
            return lambda: run(command, env, work)

        def script(name: str, *words: str) -> Callable[[], Sample]:
            command, env = [PYTHON, str(ROOT / "bench" / name), *words], child_env()
            return lambda: run(command, env, work)

        commands: dict[str, Callable[[], Sample]] = {"empty app": script("empty_app.py", "validate", "data")}
        commands["floor"] = script("floor.py", str(clean))
        for label, tree in trees.items():
            commands[f"{label} validate shipped"] = ccm(tree, "validate", str(ROOT / "data"))
            # the same check with every argument parsed by Typer (`--` is left to it: see ccm_plan/quick.py)
            commands[f"{label} validate shipped, Typer"] = ccm(tree, "validate", "--", str(ROOT / "data"))
            commands[f"{label} validate"] = ccm(tree, "validate", str(clean))
            commands[f"{label} validate stale"] = ccm(tree, "validate", str(stale))
            commands[f"{label} fix --check"] = ccm(tree, "fix", str(stale), "--check")
            commands[f"{label} totals json"] = ccm(tree, "totals", str(clean), "--format", "json")
            commands[f"{label} export xlsx"] = ccm(
                tree,
                "export",
                "xlsx",
                str(clean),
                "--output",
                str(work / f"{label}.xlsx"),
            )
            commands[f"{label} validate 1 plan"] = ccm(tree, "validate", folders[0])
            commands[f"{label} validate {args.plans} plans"] = ccm(tree, "validate", *folders)

        startup = [
            "empty app",
            *(f"{label} validate shipped" for label in trees),
            *(f"{label} validate shipped, Typer" for label in trees),
        ]
        samples: dict[str, list[Sample]] = {name: [] for name in commands}
        started = time.perf_counter()
        print(
            f"start-up: {args.startup_rounds} rounds of {', '.join(startup)} (interleaved)",
            flush=True,
        )
        for name in startup:  # warm-up: file cache, bytecode
            commands[name]()
        for _ in range(args.startup_rounds):
            for name in startup:
                samples[name].append(commands[name]())
        at_scale = [name for name in commands if name not in startup]
        print(
            f"at scale: {args.rounds} rounds of {len(at_scale)} commands (interleaved)",
            flush=True,
        )
        for name in at_scale:
            commands[name]()
        for number in range(args.rounds):
            for name in at_scale:
                samples[name].append(commands[name]())
            print(
                f"  round {number + 1} done ({time.perf_counter() - started:.0f} s)",
                flush=True,
            )

    def pairs(first: str, second: str, memory: bool = False) -> list[tuple[float, float]]:
        a, b = samples[first], samples[second]
        if len(a) != len(b):  # the start-up row has its own rounds: pair by position within the shorter
            a, b = a[-len(b) :], b[-len(a) :]
        if memory:
            return [(x.megabytes, y.megabytes) for x, y in zip(a, b, strict=True)]
        return [(x.seconds, y.seconds) for x, y in zip(a, b, strict=True)]

    def per_plan(label: str) -> float:
        many_runs, one_run = (
            samples[f"{label} validate {args.plans} plans"],
            samples[f"{label} validate 1 plan"],
        )
        return statistics.median(
            (x.megabytes - y.megabytes) / (args.plans - 1) for x, y in zip(many_runs, one_run, strict=True)
        )

    rows: list[tuple[str, Callable[[str], str], str, Callable[[str], bool | None]]] = [
        (
            "validate on the shipped plan ÷ empty Typer app",
            lambda t: f"{median_ratio(pairs(f'{t} validate shipped', 'empty app')):.2f}",
            "≤ 0.90",
            lambda t: median_ratio(pairs(f"{t} validate shipped", "empty app")) <= 0.90,
        ),
        (
            "the same, every argument parsed by Typer (validate -- data)",
            lambda t: f"{median_ratio(pairs(f'{t} validate shipped, Typer', 'empty app')):.2f}",
            "(for reference)",
            lambda t: None,
        ),
        (
            "validate ÷ the floor (interpreter + libyaml's events, no tree)",
            lambda t: f"{median_ratio(pairs(f'{t} validate', 'floor')):.2f}",
            "≤ 3.0",
            lambda t: median_ratio(pairs(f"{t} validate", "floor")) <= 3.0,
        ),
        (
            "fix --check with one stale total ÷ validate (time)",
            lambda t: f"{median_ratio(pairs(f'{t} fix --check', f'{t} validate stale')):.2f}",
            "≤ 1.5",
            lambda t: median_ratio(pairs(f"{t} fix --check", f"{t} validate stale")) <= 1.5,
        ),
        (
            "fix --check peak memory ÷ validate's",
            lambda t: f"{median_ratio(pairs(f'{t} fix --check', f'{t} validate stale', True)):.2f}",
            "≤ 1.3",
            lambda t: median_ratio(pairs(f"{t} fix --check", f"{t} validate stale", True)) <= 1.3,
        ),
        (
            "export xlsx ÷ validate (time)",
            lambda t: f"{median_ratio(pairs(f'{t} export xlsx', f'{t} validate')):.2f}",
            "≤ 3.5",
            lambda t: median_ratio(pairs(f"{t} export xlsx", f"{t} validate")) <= 3.5,
        ),
        (
            "totals --format json peak memory ÷ validate's",
            lambda t: f"{median_ratio(pairs(f'{t} totals json', f'{t} validate', True)):.2f}",
            "≤ 1.3",
            lambda t: median_ratio(pairs(f"{t} totals json", f"{t} validate", True)) <= 1.3,
        ),
        (
            f"{args.plans} plans in one validate call: time; MB per plan",
            lambda t: (
                f"{statistics.median(s.seconds for s in samples[f'{t} validate {args.plans} plans']):.2f} s;"
                f" {per_plan(t):+.3f} MB"
            ),
            "flat (≤ 0.05 MB a plan)",
            lambda t: per_plan(t) <= 0.05,
        ),
    ]
    labels = list(trees)
    print()
    print(
        f"plan at scale: {args.lines:,} lines × {args.years} years + {args.activities:,} activities; medians of "
        f"per-round ratios ({args.rounds} rounds at scale, {args.startup_rounds} at start-up), commands interleaved"
    )
    header = ["measurement", *labels, "goal", "met (now)"]
    table = [
        [name, *(value(label) for label in labels), goal, {True: "yes", False: "NO", None: ""}[met("now")]]
        for name, value, goal, met in rows
    ]
    widths = [max(len(str(row[i])) for row in [header, *table]) for i in range(len(header))]
    for row in [header, ["-" * width for width in widths], *table]:
        print("| " + " | ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)) + " |")
    print()
    print("absolute medians (for reference; they move with the machine's load):")
    for name in commands:
        taken = samples[name]
        print(
            f"  {name:28} {statistics.median(s.seconds for s in taken) * 1000:8.0f} ms"
            f" {max(s.megabytes for s in taken):7.0f} MB peak"
        )


if __name__ == "__main__":
    main()
