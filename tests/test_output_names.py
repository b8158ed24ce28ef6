"""Default output names come from the plan, not the tool: another unit's plan is never written as `ccm-plan-…`
(a new user's trial). The name is the plan's title as a slug, with the period when the title lacks it and
`-LANG` for a language other than English."""

from __future__ import annotations

from pathlib import Path

from ccm_plan.exports.names import slug
from conftest import FIXTURES, copy_plan, edit, run_cli

OTHER_UNIT = FIXTURES / "other-unit"  # "Example secretariat budget 2025–2028", USD, en/fr/es


def test_another_units_exports_are_named_after_its_plan(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for args in (["export", "xlsx"], ["export", "md"], ["export", "md", "--lang", "fr"]):
        run = run_cli(*args, OTHER_UNIT, "--output", out)
        assert run.code == 0, run.stderr
    assert sorted(path.name for path in out.iterdir()) == [
        "example-secretariat-budget-2025-2028-fr.md",
        "example-secretariat-budget-2025-2028.md",
        "example-secretariat-budget-2025-2028.xlsx",
    ]


def test_a_title_without_the_period_or_latin_letters(tmp_path: Path) -> None:
    plan = copy_plan(FIXTURES / "minimal", tmp_path / "plan")
    budget = plan / "budget.yaml"
    edit(
        budget,
        "title: {en: Example ISU budget 2024–2026, fr: Budget de l'UAI 2024–2026}",
        "title: {fr: Budget de l'Unité d'appui, en: 支助股预算}",
    )
    run = run_cli("export", "md", plan, "-o", tmp_path)
    assert run.code == 0, run.stderr
    assert (tmp_path / "budget-de-l-unite-d-appui-2024-2026.md").is_file()  # English gives no Latin letters


def test_slug() -> None:
    assert slug("ISU budget 2021–2026") == "isu-budget-2021-2026"
    assert slug("Presupuesto de la Unidad — Ginebra") == "presupuesto-de-la-unidad-ginebra"
    assert slug("执行支助股 2021-2026 年预算") == ""  # figures alone name nothing
    assert len(slug("word " * 40)) <= 60 and not slug("word " * 40).endswith("-")
