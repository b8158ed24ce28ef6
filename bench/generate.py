"""Write a synthetic plan of any size: N budget lines × Y years, A work-plan activities.

    .venv/bin/python bench/generate.py /tmp/plan-1000 --lines 1000 --years 50 --activities 5000

The plan is valid and realistic in shape: two languages, staff and non-staff lines, a social-security line at the
plan's rate of the salaries, a travel line that fits its leg assumption, notes that explain some lines, stated
totals that add up, and activities spread over priority areas. It is deterministic for a given --seed, so two runs
of a benchmark read the same bytes. With --findings a few figures are put off on purpose (a stale total, a
social-security year off the rate), so that the reporting path is exercised too.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

FIRST_YEAR = 2000
LANGUAGES = ("en", "fr")


def _text(english: str, french: str) -> str:
    return "{en: " + _quote(english) + ", fr: " + _quote(french) + "}"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _amounts(values: dict[int, int]) -> str:
    return "{" + ", ".join(f"{year}: {amount}" for year, amount in values.items()) + "}"


def budget_yaml(lines: int, years: int, rng: random.Random, findings: bool = False) -> str:
    period = list(range(FIRST_YEAR, FIRST_YEAR + years))
    salaries = {year: 300_000 + 2_000 * index for index, year in enumerate(period)}
    social = {year: salaries[year] // 5 for year in period}  # 20 %, exact: salaries are multiples of 5
    travel = {year: 20_000 for year in period}
    if findings:
        social[period[len(period) // 2]] += 5_000
    rows: list[tuple[str, str, str, dict[int, int], str | None]] = [
        ("salaries", "Salaries", "staff", salaries, None),
        ("social-security", "Social security", "staff", social, None),
        ("travel", "Travel", "non-staff", travel, "travel-legs"),
    ]
    for number in range(len(rows), lines):
        base = rng.randrange(5_000, 50_000, 100)
        values = {}
        for year in period:
            base = max(100, base + rng.randrange(-base // 10, base // 10 + 1, 1))  # at most ±10 % a year
            values[year] = base
        rows.append((f"line-{number:05d}", f"Cost line {number}", "non-staff", values, None))
    totals = {year: sum(row[3][year] for row in rows) for year in period}
    plan_total = sum(totals.values())
    if findings:
        totals[period[0]] += 1

    out = [
        "# A synthetic plan written by bench/generate.py",
        "kind: ccm-plan/budget",
        "schema_version: 2",
        f"languages: [{', '.join(LANGUAGES)}]",
        f"title: {_text('Synthetic budget', 'Budget synthétique')}",
        "currency: EUR",
        f"period: {{start: {period[0]}, end: {period[-1]}}}",
        "",
        "lines:",
    ]
    for line_id, name, cost_type, values, _ in rows:
        out += [
            f"  - id: {line_id}",
            f"    name: {_text(name, name.replace('Cost line', 'Ligne de coût'))}",
            f"    cost_type: {cost_type}",
            f"    amounts: {_amounts(values)}",
            "    note:",
            f"      en: {_quote('What ' + name.lower() + ' pays for, in a sentence or two of plain text.')}",
            f"      fr: {_quote('Ce que couvre la ligne, en une phrase ou deux.')}",
        ]
    out += ["", "totals:", f"  years: {_amounts(totals)}", f"  plan: {plan_total}", "", "notes:"]
    out += [
        "  - id: travel-legs",
        "    number: 1",
        f"    text: {_text('Ten legs a year.', 'Dix trajets par an.')}",
        "    explains:",
        "      - {line: travel}",
    ]
    out += [
        "",
        "parameters:",
        "  rates:",
        "    - {id: social-security, line: social-security, base: [salaries], rate_percent: 20, tolerance: 1}",
        "  travel:",
        "    - line: travel",
        "      legs_per_year: 10",
        "      legs:",
        f"        - {{kind: {_text('long-haul', 'long-courrier')}, count: 6}}",
        f"        - {{kind: {_text('regional', 'régional')}, count: 4}}",
        "      cost_per_leg: {tolerance_percent: 20}",
        "  variance: {threshold_percent: 25, minimum_change: 0}",
        "  staffing:",
        "    line: salaries",
        "    posts:",
        f"      - {{id: head, title: {_text('Head', 'Chef')}, fte: 1}}",
        f"      - {{id: officer, title: {_text('Officer', 'Chargé')}, fte: 0.5}}",
        "waivers: []",
        "",
    ]
    return "\n".join(out)


def workplan_yaml(years: int, activities: int, plan_total: int) -> str:
    areas = max(1, min(50, activities // 100 or 1))
    out = [
        "# A synthetic work plan written by bench/generate.py",
        "kind: ccm-plan/workplan",
        "schema_version: 1",
        f"languages: [{', '.join(LANGUAGES)}]",
        f"period: {{start: {FIRST_YEAR}, end: {FIRST_YEAR + years - 1}}}",
        "currency: EUR",
        "document:",
        "  date: 2023-11-01",
        "  language: en",
        f"  meeting: {_text('Meeting of States Parties', 'Réunion des États parties')}",
        f"  title: {_text('Synthetic work plan', 'Plan de travail synthétique')}",
        "summary:",
        f"  main_objective: {_text('Support States Parties.', 'Appuyer les États parties.')}",
        "  specific_objectives:",
        f"    - {{id: so-advice, text: {_text('Give advice.', 'Donner des conseils.')}}}",
        "  expected_outcomes:",
        f"    - {{id: outcome-meetings, text: {_text('Meetings are held.', 'Les réunions ont lieu.')}}}",
        f"  budget: {plan_total}",
        "mandate:",
        f"  establishment: {_text('The unit was set up.', 'L’unité a été créée.')}",
        f"  staffing: {_text('A head and an officer.', 'Un chef et un chargé.')}",
        f"  lead: {_text('The unit will:', 'L’unité :')}",
        "  items:",
        f"    - {{id: mandate-advise, text: {_text('Advise States Parties.', 'Conseiller les États parties.')}}}",
        "priorities:",
        "  areas:",
    ]
    per_area = [activities // areas + (1 if index < activities % areas else 0) for index in range(areas)]
    counter = 0
    for area, count in enumerate(per_area, start=1):
        out += [
            f"    - id: area-{area:03d}",
            f"      number: {area}",
            f"      title: {_text(f'Priority area {area}', f'Domaine prioritaire {area}')}",
            f"      lead: {_text('The unit will:', 'L’unité :')}",
            "      activities:",
        ]
        for _ in range(count):
            counter += 1
            out += [
                f"        - id: activity-{counter:06d}",
                "          text:",
                f"            en: {_quote(f'Activity {counter}: prepare, hold and report on a meeting of experts.')}",
                f"            fr: {_quote(f'Activité {counter} : préparer, tenir et rendre compte d’une réunion.')}",
            ]
    out += [
        "expected_results:",
        f"  - {{id: result-meetings, text: {_text('Meetings were held.', 'Les réunions ont eu lieu.')}}}",
        "assumptions:",
        f"  - {{id: assumption-funding, text: {_text('Funding is available.', 'Le financement est disponible.')}}}",
        "",
    ]
    return "\n".join(out)


def generate(folder: Path, lines: int, years: int, activities: int, seed: int = 1, findings: bool = False) -> Path:
    """Write budget.yaml and workplan.yaml into `folder` (created) and return it."""
    if lines < 3 or not 1 <= years <= 200 or activities < 1:
        raise ValueError("need at least 3 lines, 1–200 years and 1 activity")
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    budget = budget_yaml(lines, years, rng, findings)
    (folder / "budget.yaml").write_text(budget, encoding="utf-8")
    total_line = next(line for line in budget.splitlines() if line.startswith("  plan: "))
    (folder / "workplan.yaml").write_text(
        workplan_yaml(years, activities, int(total_line.split(": ")[1])), encoding="utf-8"
    )
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--years", type=int, default=50)
    parser.add_argument("--activities", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--findings", action="store_true", help="put a few figures off on purpose")
    args = parser.parse_args()
    folder = generate(args.folder, args.lines, args.years, args.activities, args.seed, args.findings)
    sizes = ", ".join(f"{path.name} {path.stat().st_size / 1e6:.1f} MB" for path in sorted(folder.glob("*.yaml")))
    print(f"{folder}: {sizes}")


if __name__ == "__main__":
    main()
