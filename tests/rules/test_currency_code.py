"""currency-code: a currency that is not an ISO 4217 code in current use is an error at the code, with the nearest
code as the hint (a new user's trial: `currency: XYZ` was accepted). The list is shipped as data and must equal
the installed Babel's CLDR list, so that it stays current; `validate` never imports Babel for it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ccm_plan.present import currencies
from conftest import CLI_ENV, ROOT, column_of, edit, found, line_of, run_cli


def test_an_unknown_budget_currency_is_located(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "currency: EUR", "currency: XYZ")
    edit(minimal_plan / "workplan.yaml", "currency: EUR", "currency: XYZ")
    assert [f for f in found(minimal_plan) if f[0] == "currency-code"] == [
        ("currency-code", "budget.yaml", line_of(budget, "currency: XYZ"), column_of(budget, "XYZ"))
    ]
    run = run_cli("validate", minimal_plan)
    assert run.code == 1
    assert "error [currency-code] XYZ is not an ISO 4217 currency code in current use" in run.stdout
    assert "fix: write the ISO 4217 code of the currency the amounts are in (CHF, EUR, USD, …)" in run.stdout


def test_a_misspelt_currency_gets_the_nearest_code(minimal_plan: Path) -> None:
    edit(minimal_plan / "budget.yaml", "currency: EUR", "currency: EUO")
    run = run_cli("validate", minimal_plan, "--lang", "zh")
    assert "[currency-code] EUO" in run.stdout
    assert "EUR" in run.stdout.split("[currency-code]")[1]
    english = run_cli("validate", minimal_plan)
    assert "fix: write the ISO 4217 code of the currency the amounts are in: EUR, if that is the one meant" in (
        english.stdout
    )


def test_a_contribution_in_an_unknown_currency_is_located(tmp_path: Path) -> None:
    from conftest import copy_plan

    plan = copy_plan(ROOT / "examples" / "after-adoption", tmp_path / "plan")
    contributions = plan / "contributions.yaml"
    edit(contributions, "amount: 190000, currency: EUR", "amount: 190000, currency: ERU")
    assert [f for f in found(plan) if f[0] == "currency-code"] == [
        ("currency-code", "contributions.yaml", line_of(contributions, "ERU"), column_of(contributions, "ERU"))
    ]


def test_withdrawn_and_current_codes() -> None:
    assert {"CHF", "EUR", "USD", "JPY", "KWD", "CNY", "XDR"} <= currencies.CODES
    assert not {"XYZ", "DEM", "HRK", "FRF"} & currencies.CODES


def test_the_shipped_list_is_babels() -> None:
    """Fails after a Babel upgrade that adds or withdraws a currency: run `python -m ccm_plan.present.currencies`."""
    assert currencies.cldr_codes() == currencies.CODES
    assert currencies.render(currencies.CODES) == Path(currencies.__file__).read_text(encoding="utf-8")


def test_validate_checks_currencies_without_babel(minimal_plan: Path) -> None:
    edit(minimal_plan / "budget.yaml", "currency: EUR", "currency: XYZ")
    script = (
        "import sys\n"
        f"sys.argv = ['ccm-plan', 'validate', {str(minimal_plan)!r}]\n"
        "from ccm_plan.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m == 'babel' or m.startswith('babel.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=CLI_ENV, capture_output=True, text=True)
    assert "[currency-code] XYZ" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr


def test_a_currency_named_instead_of_coded_gets_its_code(minimal_plan: Path) -> None:
    edit(minimal_plan / "budget.yaml", "currency: EUR", "currency: YEN")
    run = run_cli("validate", minimal_plan)
    assert "the amounts are in: JPY, if that is the one meant" in run.stdout  # not YER, the nearest spelling
