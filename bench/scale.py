"""Time and peak memory of the commands on large synthetic plans, and whether doubling the plan doubles the time.

    .venv/bin/python bench/scale.py                 # 1,000 lines × 50 years + 5,000 activities, and double
    .venv/bin/python bench/scale.py --runs 5 --loader

"Double" is twice the data: 2,000 lines × 50 years + 10,000 activities (twice the amounts, twice the activities).
Each command runs --runs times in a fresh process; the report gives the median wall time and the largest peak
resident memory of the process (from os.wait4, so it is that child's own, not the largest child so far).
Commands that have not landed yet (their --help fails) are skipped. With --loader the in-process cost of the
YAML loader (ccm_plan.read.source.load) is shown apart, beside ruamel's round-trip loader for reference.

Targets (docs/performance.md): validate ≤ 1.5 s, totals ≤ 1.5 s, export ≤ 5 s, peak memory ≤ 300 MB, and the
double plan at most 2.2 × the time of the base one.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402

CCM = str(Path(sys.executable).parent / "ccm-plan")
TARGETS = {"validate": 1.5, "totals": 1.5, "export": 5.0}
MEMORY_TARGET_MB = 300
DOUBLING_TARGET = 2.2


COMMANDS = {
    "validate": ["validate", "{plan}"],
    "totals": ["totals", "{plan}"],
    "totals --format json": ["totals", "{plan}", "--format", "json"],
    "export": ["export", "xlsx", "{plan}", "--output", "{out}/plan.xlsx"],
}


def command_for(name: str, plan: Path, out: Path) -> list[str]:
    return [CCM, *(part.format(plan=plan, out=out) for part in COMMANDS[name])]


def available(name: str) -> bool:
    help_for = [part for part in COMMANDS[name] if not part.startswith(("{", "-"))]
    done = subprocess.run([CCM, *help_for, "--help"], capture_output=True, env=env())
    return done.returncode == 0


def env() -> dict[str, str]:
    values = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    values.update(NO_COLOR="1", TERM="dumb", COLUMNS="100")
    return values


def run_once(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and exit code of one run, in a fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    error = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({process.returncode}): {error.decode()[-800:]}")
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def loader_times(plan: Path, runs: int, roundtrip: bool) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from ccm_plan.read import source

    for path in sorted(plan.glob("*.yaml")):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            loaded = source.load(path)
            times.append(time.perf_counter() - start)
        assert not loaded.problems, loaded.problems[:3]
        print(f"  source.load {path.name:16} {statistics.median(times):6.3f} s")
        if roundtrip:
            from ruamel.yaml import YAML

            start = time.perf_counter()
            YAML(typ="rt").load(path.read_text(encoding="utf-8"))
            print(f"  ruamel rt    {path.name:16} {time.perf_counter() - start:6.3f} s (for reference, one run)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--years", type=int, default=50)
    parser.add_argument("--activities", type=int, default=5000)
    parser.add_argument("--commands", default=",".join(COMMANDS), help=f"some of: {', '.join(COMMANDS)}")
    parser.add_argument("--loader", action="store_true", help="also time the YAML loader in-process")
    parser.add_argument("--roundtrip", action="store_true", help="with --loader: ruamel's round-trip loader too")
    parser.add_argument("--loader-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.loader_only:
        loader_times(args.loader_only, args.runs, args.roundtrip)
        return

    compileall.compile_dir(ROOT / "src", quiet=1)
    names = [name for name in args.commands.split(",") if available(name)]
    skipped = [name for name in args.commands.split(",") if name not in names]
    if skipped:
        print(f"not landed yet, skipped: {', '.join(skipped)}")
    sizes = {
        "base": (args.lines, args.years, args.activities),
        "double": (2 * args.lines, args.years, 2 * args.activities),
    }
    results: dict[tuple[str, str], tuple[float, float]] = {}
    failures = []
    with tempfile.TemporaryDirectory() as temporary:
        for size, (lines, years, activities) in sizes.items():
            plan = generate(Path(temporary) / size, lines, years, activities)
            megabytes = sum(path.stat().st_size for path in plan.glob("*.yaml")) / 1e6
            print(f"{size}: {lines:,} lines × {years} years + {activities:,} activities ({megabytes:.1f} MB of YAML)")
            if args.loader:  # in a child: a forked child's peak memory would count this process's memory
                subprocess.run(
                    [sys.executable, __file__, "--loader-only", str(plan), "--runs", str(args.runs)]
                    + (["--roundtrip"] if args.roundtrip else []),
                    check=True,
                    env=env(),
                )
            for name in names:
                runs = [run_once(command_for(name, plan, Path(temporary))) for _ in range(args.runs)]
                wall = statistics.median(run[0] for run in runs)
                memory = max(run[1] for run in runs)
                results[size, name] = (wall, memory)
                flag = ""
                target = TARGETS.get(name.split()[0], float("inf"))
                if size == "base" and wall > target:
                    flag = f"  MISSES ≤ {target} s"
                    failures.append(f"{name} {wall:.2f} s")
                if memory > MEMORY_TARGET_MB:
                    flag += f"  MISSES ≤ {MEMORY_TARGET_MB} MB"
                    failures.append(f"{name} {memory:.0f} MB")
                print(f"  {name:20} {wall:6.2f} s  {memory:6.0f} MB peak  (exit {runs[0][2]}){flag}")
    print("doubling:")
    for name in names:
        ratio = results["double", name][0] / results["base", name][0]
        verdict = "ok" if ratio <= DOUBLING_TARGET else f"MISSES ≤ {DOUBLING_TARGET}×"
        if ratio > DOUBLING_TARGET:
            failures.append(f"{name} doubling {ratio:.2f}×")
        print(f"  {name:20} {ratio:5.2f}× the time for 2× the plan ({verdict})")
    print("all targets met" if not failures else f"targets missed: {'; '.join(failures)}")


if __name__ == "__main__":
    main()
