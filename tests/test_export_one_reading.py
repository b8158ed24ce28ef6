"""One workbook reads one way: a new user's trial of a plan of another unit (tests/fixtures/bwc: EUR with cents,
en/fr/es) found ratios, draft marks, number conventions and summaries written two ways in one export."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from ccm_plan.exports.xlsx import export_xlsx
from ccm_plan.present.message import Percent, SignedPercent
from ccm_plan.present.voice import Voice
from conftest import ROOT, copy_plan, edit, run_cli

BWC = ROOT / "tests" / "fixtures" / "bwc"


@pytest.fixture
def flagged(tmp_path: Path) -> Path:
    """The plan with social security off its rate in 2029 and consultancy up by a third in 2028, unexplained."""
    plan = copy_plan(BWC, tmp_path / "flagged")
    budget = plan / "budget.yaml"
    edit(budget, "2029: 81905.49", "2029: 80905.49")
    edit(budget, "amounts: {2027: 45000.00, 2028: 45000.00", "amounts: {2027: 45000.00, 2028: 60000.00")
    return plan


def texts(path: Path, sheet: int) -> list[str]:
    worksheet = openpyxl.load_workbook(path).worksheets[sheet]
    return [str(cell.value) for row in worksheet.iter_rows() for cell in row if isinstance(cell.value, str)]


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_ratio_reads_the_same_in_the_analysis_the_checks_sheet_and_validate(
    flagged: Path, tmp_path: Path, language: str
) -> None:
    target = tmp_path / f"flagged-{language}.xlsx"
    result = export_xlsx(flagged, target, language, checks=True, draft=True)
    assert result.written
    voice = Voice(language, places=2)
    fall = voice.value(SignedPercent(Decimal(-25)))  # consultancy 60,000 → 45,000 in 2029
    rise = voice.value(SignedPercent(Decimal(100) / 3))  # 45,000 → 60,000 in 2028
    share = voice.value(Percent(Decimal("80905.49") * 100 / Decimal("409527.45")))
    analysis, checks = " ".join(texts(target, 1)), " ".join(texts(target, len(result.sheets) - 1))
    validate = run_cli("validate", flagged, "--lang", language).stdout
    for figure in (fall, rise, share):
        assert figure in analysis, (figure, language)
        assert figure in checks, (figure, language)
        assert figure in validate, (figure, language)
    # and no shorter spelling of the same ratio beside it ('-25 %' where the findings say '-25,0 %')
    whole = voice.value(SignedPercent(Decimal(-25), 0))
    assert whole != fall and whole not in analysis.replace(fall, ""), language
