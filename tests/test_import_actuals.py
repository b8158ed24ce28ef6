"""`ccm-plan import actuals`: an accounting export (CSV, XLSX) → the year's actuals file, exact, or located errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from adoption import adopted_plan
from ccm_plan.edit.import_actuals import import_actuals, parse_amount
from ccm_plan.read.loader import load_plan
from conftest import found, run_cli

# An export as accounting systems write them: a BOM, a title-case header, thousands separators, quoted cells,
# accounts that are numbers and one that is text, a blank row, a posting split over two rows.
LEDGER = (
    "\ufeffAccount;Description;Amount\r\n"
    '6000;Salaries;"98,000.25"\r\n'
    "6000-01;Salary adjustments;1,000.25\r\n"
    "6100;Social charges;14850\r\n"
    "\r\n"
    "TRV;Travel, economy;12 550.00\r\n"
)


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize(
    ("text", "separator", "expected"),
    [
        ("1,234.50", ".", "1234.50"),
        ("1'234'567.89", ".", "1234567.89"),
        ("1\u202f234,50", ",", "1234.50"),
        ("1.234,50", ",", "1234.50"),
        ("(1,234.50)", ".", "-1234.50"),
        ("-0.10", ".", "-0.10"),
        ("18250.40", ".", "18250.40"),
        ("12,34", ".", None),
        ("1.2.3", ".", None),
        ("CHF 100", ".", None),
        ("", ".", None),
    ],
)
def test_parse_amount(text: str, separator: str, expected: str | None) -> None:
    value = parse_amount(text, separator)
    assert (None if value is None else str(value)) == expected


def test_csv_export_becomes_the_years_actuals(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    (plan / "actuals-2024.yaml").unlink()
    ledger = write(tmp_path / "ledger-2024.csv", LEDGER)
    run = run_cli("import", "actuals", ledger, "--year", "2024", "--plan", plan, "--as-of", "2025-01-20")
    assert run.code == 0, run.stderr
    assert run.stdout.startswith(f"wrote {plan / 'actuals-2024.yaml'}: 2024, 3 lines from 4 rows, total 126,400.50")
    written = (plan / "actuals-2024.yaml").read_text(encoding="utf-8")
    assert "amounts:\n  salaries: 99000.50\n  social-charges: 14850\n  travel: 12550.00\n" in written
    assert "status: preliminary\nas_of: 2025-01-20\n" in written
    assert 'source: {en: "ledger-2024.csv", fr: "ledger-2024.csv"}' in written
    loaded = load_plan(plan)
    assert loaded.actuals[0].amounts["salaries"] == Decimal("99000.50")
    assert found(plan) == []  # the written file is a valid actuals file of this plan


def test_unmapped_accounts_and_duplicates_are_named_and_nothing_is_written(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    before = (plan / "actuals-2024.yaml").read_bytes()
    ledger = write(tmp_path / "ledger.csv", LEDGER + "6999;Bank charges;12.40\r\n6100;Social charges;100\r\n")
    run = run_cli("import", "actuals", ledger, "--year", "2024", "--plan", plan, "--force")
    assert run.code == 1
    assert f"{ledger.name}:7:1: error [import] line 7: account 6999 maps to no budget line" in run.stderr
    assert f"{ledger.name}:8:1: error [import] line 8: account 6100 appears again (first on line 4)" in run.stderr
    assert "nothing written" in run.stderr
    assert (plan / "actuals-2024.yaml").read_bytes() == before


def test_sum_duplicates_adds_postings(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    ledger = write(tmp_path / "ledger.csv", LEDGER + "6100;Social charges, December;0.05\r\n")
    result = import_actuals(
        plan, ledger, 2024, output=tmp_path / "out.yaml", sum_duplicates=True, account_column="ACCOUNT"
    )
    assert result.written and result.amounts["social-charges"] == Decimal("14850.05")
    assert result.rows == 5


def test_amount_that_is_not_a_number_is_located(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    ledger = write(tmp_path / "ledger.csv", "account,amount\n6000,12.5.0\n,30\n")
    result = import_actuals(plan, ledger, 2024, output=tmp_path / "out.yaml")
    assert not result.written and not (tmp_path / "out.yaml").exists()
    assert [(p.line, p.column, p.message) for p in result.problems] == [
        (2, 6, "line 2: account 6000: '12.5.0' is not an amount"),
        (3, 2, "line 3: an amount (30) without an account"),
    ]


def test_decimal_comma_export(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    ledger = write(tmp_path / "ledger.csv", "konto;betrag\n6000;99.000,50\n6100;14.850\nTRV;12.550\n")
    result = import_actuals(
        plan,
        ledger,
        2024,
        account_column="konto",
        amount_column="betrag",
        decimal_separator=",",
        output=tmp_path / "out.yaml",
    )
    assert result.written, result.problems
    assert result.amounts == {
        "salaries": Decimal("99000.50"),
        "social-charges": Decimal(14850),
        "travel": Decimal(12550),
    }


def test_xlsx_export(tmp_path: Path) -> None:
    import xlsxwriter

    plan = adopted_plan(tmp_path)
    path = tmp_path / "ledger.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("GL 2024")
    rows = [
        ("Account", "Name", "Amount"),
        (6000, "Salaries", 98000.25),
        ("6000-01", "Adjustments", "1,000.25"),
        (6100, "Social charges", 14850),
        ("TRV", "Travel", 12550.4),
        (7000, "Depreciation", 300),
        (6100, "Social charges", 1),
    ]
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    workbook.close()
    result = import_actuals(plan, path, 2024, output=tmp_path / "out.yaml")
    assert [(p.line, p.column, p.message) for p in result.problems] == [
        (6, 1, "C6: account 7000 maps to no budget line"),
        (7, 1, "C7: account 6100 appears again (first on C4)"),
    ]
    run = run_cli("import", "actuals", path, "-y", "2024", "-p", plan, "-o", tmp_path / "out.yaml")
    assert run.code == 1 and "ledger.xlsx:6:1: error [import] C6: account 7000 maps to no budget line" in run.stderr
    # without the bad rows: exact sums (12550.4 is the double's shortest decimal)
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("GL 2024")
    for r, row in enumerate(rows[:5]):
        sheet.write_row(r, 0, row)
    workbook.close()
    result = import_actuals(plan, path, 2024, output=tmp_path / "out.yaml", sheet="GL 2024")
    assert result.written, result.problems
    assert result.amounts == {
        "salaries": Decimal("99000.50"),
        "social-charges": Decimal(14850),
        "travel": Decimal("12550.4"),
    }


def test_unusable_inputs_exit_2_with_one_line(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    ledger = write(tmp_path / "ledger.csv", LEDGER)
    cases = [
        (("--year", "2031"), "outside the plan's period 2024–2026"),
        (("--year", "2024"), "actuals-2024.yaml exists; pass --force"),
        (("--year", "2025", "--amount-column", "Betrag"), "no column named 'Betrag' in the header (it has: 'Account'"),
    ]
    for options, message in cases:
        run = run_cli("import", "actuals", ledger, "--plan", plan, *options)
        assert run.code == 2, (options, run.stdout, run.stderr)
        assert message in run.stderr and "Traceback" not in run.stderr
    run = run_cli("import", "actuals", tmp_path / "ledger.ods", "--plan", plan, "--year", "2025")
    assert run.code == 2 and "no such file" in run.stderr
    write(tmp_path / "ledger.ods", "x")
    run = run_cli("import", "actuals", tmp_path / "ledger.ods", "--plan", plan, "--year", "2025")
    assert run.code == 2 and "expected a .csv or .xlsx export" in run.stderr
    write(tmp_path / "broken.xlsx", "not a zip")
    run = run_cli("import", "actuals", tmp_path / "broken.xlsx", "--plan", plan, "--year", "2025")
    assert run.code == 2 and "not an Excel workbook" in run.stderr


def test_an_account_listed_by_two_lines_is_located_in_the_budget(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    budget = plan / "budget.yaml"
    text = budget.read_text(encoding="utf-8").replace("account_codes: [TRV]", "account_codes: [TRV, 6100]")
    budget.write_text(text, encoding="utf-8")
    result = import_actuals(plan, write(tmp_path / "l.csv", LEDGER), 2025, output=tmp_path / "out.yaml")
    assert [(Path(p.file).name, p.message) for p in result.problems] == [
        ("budget.yaml", "account 6100 is listed by 2 lines (social-charges, travel): which one spent it?")
    ]


def test_an_export_without_rows_is_an_error(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    result = import_actuals(plan, write(tmp_path / "l.csv", "account,amount\n"), 2025, output=tmp_path / "o.yaml")
    assert [(p.line, p.message) for p in result.problems] == [
        (1, "the export has a header but no rows: nothing to import")
    ]
    assert not (tmp_path / "o.yaml").exists()


def test_a_skipped_duplicate_does_not_also_report_a_negative_sum(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    ledger = write(tmp_path / "l.csv", "account,amount\nTRV,(100.00)\nTRV,500\n")
    result = import_actuals(plan, ledger, 2025, output=tmp_path / "o.yaml")
    assert [p.message for p in result.problems] == ["line 3: account TRV appears again (first on line 2)"]
    result = import_actuals(plan, ledger, 2025, output=tmp_path / "o.yaml", sum_duplicates=True)
    assert result.written and result.amounts["travel"] == Decimal("400.00")


def test_windows_csv_with_encoding(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    ledger = tmp_path / "l.csv"
    ledger.write_bytes(
        "Compte;Libellé;Montant\n6000;Salaires;99 000,50\n6100;Charges;14 850\nTRV;Déplacements;12 550\n".encode(
            "cp1252"
        )
    )
    run = run_cli(
        "import",
        "actuals",
        ledger,
        "-y",
        "2025",
        "-p",
        plan,
        "-o",
        tmp_path / "o.yaml",
        "--account-column",
        "compte",
        "--amount-column",
        "montant",
        "--decimal-separator",
        ",",
    )
    assert run.code == 2 and "pass --encoding" in run.stderr
    result = import_actuals(
        plan,
        ledger,
        2025,
        output=tmp_path / "o.yaml",
        account_column="Compte",
        amount_column="Montant",
        decimal_separator=",",
        encoding="cp1252",
    )
    assert result.written and result.total == Decimal("126400.50")


def test_an_amount_beyond_what_a_plan_file_holds_is_located(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    ledger = write(tmp_path / "l.csv", "account,amount\n6000,1000000000000000\n6100,0.12345678901\nTRV,1\n")
    result = import_actuals(plan, ledger, 2025, output=tmp_path / "o.yaml")
    assert [(p.line, p.column) for p in result.problems] == [(2, 6), (3, 6)]
    assert "beyond what a plan file holds" in result.problems[0].message


def test_a_row_with_more_fields_than_the_header_is_refused_not_cut(tmp_path: Path) -> None:
    """An unquoted decimal comma in a comma-delimited export splits `1 234,50` into two fields: the cents must not
    be dropped unseen (a new user's trial got 1234 written, exit 0)."""
    plan = adopted_plan(tmp_path)
    ledger = write(tmp_path / "ledger.csv", "account,amount\n6000,1 234,50\n")
    run = run_cli(
        "import",
        "actuals",
        ledger,
        "--year",
        "2024",
        "--plan",
        plan,
        "-o",
        tmp_path / "out.yaml",
        "--decimal-separator",
        ",",
    )
    assert run.code == 2, run
    assert f"{ledger.name}:2:1: 3 fields, but the header names 2" in run.stderr and "quoted" in run.stderr
    assert not (tmp_path / "out.yaml").exists()
