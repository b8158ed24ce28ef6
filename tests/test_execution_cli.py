"""`ccm-plan execution` and `ccm-plan contributions`, run as a user runs them, every format read back."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

from adoption import adopted_plan
from conftest import ROOT, copy_plan, edit, run_cli

EXAMPLE = ROOT / "examples" / "after-adoption"


def test_execution_json_has_the_issue_keys_and_exact_strings() -> None:
    run = run_cli("execution", EXAMPLE, "--format", "json")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout, parse_float=lambda text: (_ for _ in ()).throw(AssertionError(text)))
    assert data["version"] == 1 and data["currency"] == "CHF"
    assert [y["year"] for y in data["years"]] == [2021, 2022]
    second = data["years"][1]
    assert set(second) >= {"year", "status", "lines", "total", "funding", "carry_over"}
    assert second["status"] == "preliminary"
    travel = next(line for line in second["lines"] if line["id"] == "travel")
    assert travel == {
        "id": "travel",
        "name": "Travel",
        "budget": "25000.00",
        "actual": "28950.40",
        "variance": "3950.40",
        "execution_percent": "115.80",
    }
    assert second["total"] == {
        "budget": "486194.00",
        "actual": "481850.40",
        "variance": "-4343.60",
        "execution_percent": "99.11",
    }
    assert second["funding"] == {
        "budget": "486194.00",
        "received": "247540.00",
        "pledged_outstanding": "129825.00",
        "gap": "108829.00",
    }
    assert second["carry_over"] == "-234310.40"
    assert second["balance"] == str(Decimal("1875.43") + Decimal("-234310.40"))


def test_execution_text_for_one_year() -> None:
    run = run_cli("execution", EXAMPLE, "--year", "2022")
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "Budget execution (CHF)"
    assert lines[2] == "2022: preliminary, as of 31 January 2023: Preliminary accounts 2022 (invented example)"
    assert "2021:" not in run.stdout
    travel = next(line for line in lines if line.strip().startswith("Travel"))
    assert travel.split() == ["Travel", "25,000.00", "28,950.40", "+3,950.40", "115.8%"]
    assert any(line.split()[-1] == "-232,434.97" for line in lines if "Balance" in line)


def test_execution_csv_and_markdown_agree_with_json() -> None:
    data = json.loads(run_cli("execution", EXAMPLE, "-f", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(run_cli("execution", EXAMPLE, "-f", "csv").stdout)))
    assert len(rows) == 2 * (5 + 1)
    for year in data["years"]:
        for line in [*year["lines"], {"id": "total", **year["total"]}]:
            row = next(r for r in rows if r["year"] == str(year["year"]) and r["line"] == line["id"])
            assert row["actual"] == line["actual"] and row["execution_percent"] == line["execution_percent"]
    markdown = run_cli("execution", EXAMPLE, "-f", "markdown").stdout
    assert "| Travel | 25,000.00 | 28,950.40 | +3,950.40 | 115.8% |" in markdown
    assert "- Funding gap: 108,829.00" in markdown


def test_execution_in_chinese_names_lines_from_the_plan() -> None:
    run = run_cli("execution", EXAMPLE, "--year", "2021", "--lang", "zh")
    assert run.code == 0, run.stderr
    assert "2021 年经审计的财务报表（虚构示例）" in run.stdout
    assert any(line.split()[0] == "差旅" for line in run.stdout.splitlines() if line.strip())


def test_contributions_json_and_reminders() -> None:
    run = run_cli("contributions", EXAMPLE, "--year", "2022", "--format", "json")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    assert [c["id"] for c in data["contributors"]] == ["state-b", "state-a", "state-d", "state-c"]
    assert {key for key in data["contributors"][0]} >= {"id", "indicative", "pledged", "received", "outstanding"}
    assert sum(Decimal(c["indicative"]) for c in data["contributors"]) == Decimal(data["budget"]) == 486194
    assert data["contributors"][0] | {} == {
        "id": "state-b",
        "name": "State B",
        "scale_percent": "42",
        "indicative": "204202.00",
        "pledged": "207300.00",
        "received": "147540.00",
        "outstanding": "51825.00",
    }
    assert data["reminders"] == ["state-d", "state-c"]
    assert data["balances"] == ["state-b", "state-a"]
    text = run_cli("contributions", EXAMPLE, "--year", "2022").stdout
    assert text.splitlines()[-2:] == [
        "Nothing received yet from: State D, State C",
        "Paid in part, with a balance outstanding (not reminded): State B 51,825.00, State A 27,000.00",
    ]
    rows = list(csv.DictReader(io.StringIO(run_cli("contributions", EXAMPLE, "-y", "2022", "-f", "csv").stdout)))
    assert [r["contributor"] for r in rows] == ["state-b", "state-a", "state-d", "state-c", "total"]
    assert [r["reminder"] for r in rows] == ["", "", "yes", "yes", ""]


def test_contributions_of_another_unit_in_eur(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    run = run_cli("contributions", plan, "--year", "2024", "--format", "markdown")
    assert run.code == 0, run.stderr
    assert "**Contributions 2024 (EUR): budget 127,000.00**" in run.stdout
    assert "| West | – | – | 0.00 | 1,000.00 | 0.00 |" in run.stdout
    assert run.stdout.rstrip().endswith(
        "Nothing received yet from: East\n\nPaid in part, with a balance outstanding (not reminded): North 10,000.00"
    )


def test_reports_refuse_what_they_cannot_compute(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    for args, message in [
        (("execution", plan, "--year", "2025"), "no actuals for 2025"),
        (("execution", plan, "--year", "2031"), "outside the plan's period"),
        (("contributions", plan, "--year", "2031"), "outside the plan's period"),
        (("execution", ROOT / "data"), "no actuals files"),
        (("contributions", ROOT / "data", "--year", "2022"), "no contributions file"),
    ]:
        run = run_cli(*args)
        assert run.code == 2, (args, run.stdout, run.stderr)
        assert message in run.stderr and "Traceback" not in run.stderr
    run = run_cli("contributions", plan)
    assert run.code == 2 and "--year" in run.stderr


def test_a_missing_rate_stops_the_reports_with_its_location(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    edit(plan / "contributions.yaml", "currency: USD, rate: 0.92}", "currency: USD}")
    for args in (("execution", plan), ("contributions", plan, "--year", "2024")):
        run = run_cli(*args)
        assert run.code == 1
        assert "contributions.yaml:" in run.stderr and "[contribution-entries]" in run.stderr
        assert run.stdout == ""


def readme_block(command: str) -> str:
    """The output the README shows under `$ command`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(f"$ {command}\n") + len(command) + 3
    return readme[start : readme.index("```", start)]


def test_readme_shows_real_execution_and_contributions_output() -> None:
    for command in (
        "ccm-plan execution examples/after-adoption --year 2022",
        "ccm-plan contributions examples/after-adoption --year 2022",
    ):
        run = run_cli(*command.split()[1:], cwd=ROOT)
        assert run.code == 0, run.stderr
        assert run.stdout == readme_block(command), command


def test_readme_import_gives_the_example_actuals(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(EXAMPLE, tmp_path / "examples" / "after-adoption")
    command = (
        "ccm-plan import actuals examples/after-adoption/ledger-2022.csv --year 2022 --plan examples/after-adoption "
        "--as-of 2023-01-31 --output actuals-2022-imported.yaml"
    )
    run = run_cli(*command.split()[1:], cwd=tmp_path)
    assert run.code == 0, run.stderr
    assert run.stdout == readme_block(command)
    from ccm_plan.model.actuals import Actuals
    from ccm_plan.read.loader import load_plan
    from ccm_plan.read.source import load

    imported = Actuals.model_validate(load(tmp_path / "actuals-2022-imported.yaml").data)
    example = next(a for a in load_plan(EXAMPLE).actuals if a.year == 2022)
    assert imported.amounts == example.amounts
    assert (imported.status, imported.as_of) == (example.status, example.as_of)


def test_readme_library_block_prints_what_its_comments_say() -> None:
    import contextlib
    import os
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("## Library") :]
    code = block[block.index("```python\n") + 10 : block.index("```", block.index("```python\n") + 10)]
    printed = io.StringIO()
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(printed):
            exec(compile(code, "README.md", "exec"), {})
    finally:
        os.chdir(here)
    expected = [match.group(1) for match in re.finditer(r"^print\(.*\)\s+# (.+)$", code, re.MULTILINE)]
    assert len(expected) == 3, expected  # the totals line and the two after-adoption lines
    lines = printed.getvalue().splitlines()
    for comment in expected:
        assert comment in lines, (comment, lines)


def test_no_reminders_still_lists_the_balances_owed(tmp_path: Path) -> None:
    """A new user's trial: "No reminders to send." while a State that paid part of its pledge still owed. Reminders
    go only to those that paid nothing (by design); the report now says so and lists the balances."""
    plan = copy_plan(EXAMPLE, tmp_path / "plan")
    with (plan / "contributions.yaml").open("a", encoding="utf-8") as file:
        file.write("  - {contributor: state-c, year: 2022, kind: received, date: 2022-09-01, amount: 51000}\n")
        file.write("  - {contributor: state-d, year: 2022, kind: received, date: 2022-09-01, amount: 1000}\n")
    text = run_cli("contributions", plan, "--year", "2022").stdout
    assert "No reminders to send." not in text.splitlines()
    assert text.splitlines()[-2:] == [
        "No reminders to send: every contributor expected to pay has paid something.",
        "Paid in part, with a balance outstanding (not reminded): State B 51,825.00, State A 27,000.00",
    ]
    data = json.loads(run_cli("contributions", plan, "--year", "2022", "--format", "json").stdout)
    assert data["reminders"] == [] and data["balances"] == ["state-b", "state-a"]
    markdown = run_cli("contributions", plan, "--year", "2022", "--format", "markdown", "--lang", "zh").stdout
    assert markdown.rstrip().endswith(
        "无需发送催缴通知：所有应缴款方均已缴付部分或全部款项。\n\n已部分缴付、尚有余额未缴（不发催缴通知）：乙国 51,825.00, 甲国 27,000.00"
    )


def test_every_error_in_an_actuals_or_contributions_file_stops_the_reports(tmp_path: Path) -> None:
    """As documented: no report while an actuals or contributions file has an error, whichever rule finds it (a
    new user's trial got `Meetings 98,406.25 98,406.25 -0.01`, exit 0, from an actual of 98406.245)."""
    cases = [
        ("actuals-2024.yaml", "travel: 12550}", "travel: 12550.005}", "actuals-2024.yaml:7:", "amount-precision"),
        ("contributions.yaml", "amount: 50000}", "amount: 50000.005}", "contributions.yaml:10:", "amount-precision"),
        ("contributions.yaml", "currency: USD, rate", "currency: XYZ, rate", "contributions.yaml:11:", "currency-code"),
        ("actuals-2024.yaml", "travel: 12550}", "travel: 12550, rent: 10}", "actuals-2024.yaml:7:", "actuals-files"),
        ("contributions.yaml", "contributor: west,", "contributor: nobody,", "contributions.yaml:13:", "contribution"),
        ("actuals-2024.yaml", "travel: 12550}", "travel: 0x3106}", "actuals-2024.yaml:7:", "schema"),
        ("contributions.yaml", "amount: 50000}", "amount: fifty}", "contributions.yaml:10:", "schema"),
        (
            "actuals-2024.yaml",
            "travel: 12550}",
            "travel: 12550, travel: 1}",
            "actuals-2024.yaml:7:",
            "yaml-duplicate-key",
        ),
    ]
    for number, (name, old, new, location, rule) in enumerate(cases):
        plan = adopted_plan(tmp_path / str(number))
        edit(plan / name, old, new)
        for args in (("execution", plan), ("contributions", plan, "--year", "2024")):
            for output_format in ("text", "csv", "json"):
                run = run_cli(*args, "--format", output_format)
                assert run.code == 1, (rule, args, run.stdout)
                assert run.stdout == "", (rule, args)
                assert location in run.stderr and f"error [{rule}" in run.stderr, (rule, run.stderr)
                assert "no report: fix the problems above first" in run.stderr


def test_dates_for_people_are_written_in_the_language_asked(tmp_path: Path) -> None:
    """`execution --lang fr` printed `au 2025-03-31` while the workbook writes `31 mars 2025` (a new user's trial):
    text and Markdown write the date as the language does; JSON keeps ISO."""
    plan = adopted_plan(tmp_path)
    for lang, heading in [
        ("fr", "2024\u202f: vérifié, au 31 mars 2025\u202f: États financiers vérifiés 2024"),
        ("es", "31 de marzo de 2025"),
        ("zh", "2025年3月31日"),
        ("en", "2024: audited, as of 31 March 2025: Audited statement 2024"),
    ]:
        for output_format in ("text", "markdown"):
            run = run_cli("execution", plan, "--lang", lang, "--format", output_format)
            assert run.code == 0, run.stderr
            assert heading in run.stdout, (lang, output_format, run.stdout)
            assert "2025-03-31" not in run.stdout
    data = json.loads(run_cli("execution", plan, "--lang", "fr", "--format", "json").stdout)
    assert data["years"][0]["as_of"] == "2025-03-31"
