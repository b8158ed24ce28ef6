"""The shipped plan is the seed, figure by figure and item by item, with the Chinese verbatim."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel

from ccm_plan.check import check_paths
from ccm_plan.compute.totals import compute_totals
from ccm_plan.model.plan import Budget, Workplan
from ccm_plan.read.loader import load_plan
from conftest import DATA, SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")

# The seed's table, as printed (薪金 / 社保 / 宣传 / 差旅 / 其他执行支助费用 / 合计).
TABLE = {
    "salaries": [341405, 355162, 365881, 348103, 364282, 378961],
    "social-security": [68281, 71032, 69176, 69621, 72856, 75792],
    "communication": [20000, 10000, 12000, 10000, 20000, 20000],
    "travel": [25000, 25000, 22000, 27000, 27000, 20000],
    "other-implementation-support": [15000, 25000, 26000, 23000, 13000, 20000],
}
YEAR_TOTALS = [469686, 486194, 495057, 477724, 497138, 514753]
YEARS = list(range(2021, 2027))


@pytest.fixture(scope="module")
def plan() -> Any:
    loaded = load_plan(DATA)
    assert loaded.is_usable, loaded.problems
    return loaded


def test_every_figure_of_the_table(plan: Any) -> None:
    budget: Budget = plan.budget
    assert budget.currency == "CHF" and budget.period.years == YEARS
    assert [line.id for line in budget.lines] == list(TABLE)
    for line in budget.lines:
        assert [line.amounts[year] for year in YEARS] == TABLE[line.id], line.id
        assert all(type(amount) is Decimal for amount in line.amounts.values())
    assert [budget.totals.years[year] for year in YEARS] == YEAR_TOTALS
    assert budget.totals.plan == 2940552
    assert plan.workplan.summary.budget == 2940552


def test_the_seed_figures_appear_in_the_seed() -> None:
    for figures in [*TABLE.values(), YEAR_TOTALS]:
        for figure in figures:
            assert f"{figure:,}".replace(",", " ") in SEED_TEXT
    assert "2,940,552 瑞郎" in SEED_TEXT


def test_recomputed_totals_match_the_printed_ones(plan: Any) -> None:
    totals = compute_totals(plan.budget)
    assert [totals.year_totals[year] for year in YEARS] == YEAR_TOTALS
    assert totals.plan_total == 2940552
    assert totals.line_totals == {
        "salaries": 2153794,
        "social-security": 426758,
        "communication": 92000,
        "travel": 146000,
        "other-implementation-support": 122000,
    }


def test_counts_of_every_list(plan: Any) -> None:
    workplan: Workplan = plan.workplan
    assert len(workplan.summary.specific_objectives) == 8
    assert len(workplan.summary.expected_outcomes) == 4
    assert len(workplan.mandate.items) == 7
    assert len(workplan.priorities.introduction) == 2
    assert [area.number for area in workplan.priorities.areas] == list(range(1, 11))
    assert [len(area.activities) for area in workplan.priorities.areas] == [5, 5, 7, 7, 5, 4, 5, 5, 4, 4]
    assert sum(len(area.activities) for area in workplan.priorities.areas) == 51
    assert len(workplan.expected_results) == 7
    assert len(workplan.assumptions) == 6
    assert len(plan.budget.notes) == 4
    assert [note.number for note in plan.budget.notes] == [1, 2, 3, 4]


def test_budget_notes_link_to_what_they_explain(plan: Any) -> None:
    notes = {note.number: note for note in plan.budget.notes}
    assert notes[1].scope == "budget" and notes[1].explains == []
    assert [(t.line, t.years) for t in notes[2].explains] == [("communication", [2021, 2026])]
    assert [(t.line, t.years) for t in notes[3].explains] == [("travel", None)]
    assert [(t.line, t.years) for t in notes[4].explains] == [("other-implementation-support", None)]


def test_parameters_are_the_plans_own(plan: Any) -> None:
    parameters = plan.budget.parameters
    assert [(r.id, r.line, r.base, r.rate_percent) for r in parameters.rates] == [
        ("social-security", "social-security", ["salaries"], 20)
    ]
    assert [(t.line, t.legs_per_year) for t in parameters.travel] == [("travel", 10)]
    assert [leg.count for leg in parameters.travel[0].legs] == [6, 4]
    assert [(post.id, post.fte) for post in parameters.staffing.posts] == [
        ("director", 1),
        ("implementation-support-specialist", 1),
        ("implementation-support-assistant", Decimal("0.5")),
    ]
    assert [(c.post, c.year) for c in parameters.staffing.changes] == [("director", 2023)]
    assert plan.budget.in_kind[0].provided_by["zh"] == "日内瓦 国际人道主义 排雷中心 实物捐助"


def _chinese(model: BaseModel) -> Iterator[str]:
    """Every zh text of a model, except the reasons of corrections (ccm-plan's own words)."""
    stack: list[Any] = [model]
    while stack:
        value = stack.pop()
        if isinstance(value, BaseModel):
            if type(value).__name__ == "Correction":
                continue
            stack.extend(getattr(value, name) for name in type(value).model_fields)
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict) and "zh" in value and isinstance(value["zh"], str):
            yield value["zh"]


def test_every_chinese_text_is_verbatim_from_the_seed(plan: Any) -> None:
    plain_seed = SEED_TEXT.replace("**", "")  # the seed bolds 国家联盟 in markdown
    joined_lines = "".join(SEED_TEXT.split("\n"))  # the agenda title is broken over two lines
    texts = list(_chinese(plan.workplan)) + list(_chinese(plan.budget))
    assert len(texts) > 130
    missing = [t for t in texts if t not in SEED_TEXT and t not in plain_seed and t not in joined_lines]
    assert missing == []


def test_seed_defects_are_recorded_not_fixed(plan: Any) -> None:
    areas = {area.id: area for area in plan.workplan.priorities.areas}
    assert "执行工作组" in areas["communication"].lead["zh"]
    assert {c.seed for c in areas["communication"].corrections} >= {"执行工作组"}
    liaison = [a for a in areas["other-support"].activities if "组织 and 文件事宜" in a.text["zh"]]
    assert liaison and liaison[0].corrections[0].reading == "组织和文件事宜"


def test_shipped_plan_findings_are_2023_and_2025() -> None:
    result = check_paths([DATA])
    # The same two findings, at the same figures, as before the budget moved to schema version 2 (the first was
    # rule social-security-rate's, retired for `rates`).
    assert [(p.rule, str(p.severity), p.subject, p.line, p.column) for p in result.problems] == [
        ("rates", "warning", "social-security/2023", 28, 47),
        ("explained-variance", "warning", "communication/2025", 36, 73),
    ]
    assert result.problems[0].message.startswith(
        "2023: Social security 69,176 is 18.9% of Salaries 365,881; the plan's rate is 20% (73,176"
    )


def test_data_files_say_what_they_are() -> None:
    for path, kind, version in (
        (DATA / "budget.yaml", "ccm-plan/budget", 2),
        (DATA / "workplan-2021-2026.yaml", "ccm-plan/workplan", 1),
    ):
        text = path.read_text(encoding="utf-8")
        assert re.search(rf"^kind: {kind}$", text, re.MULTILINE)
        assert re.search(rf"^schema_version: {version}$", text, re.MULTILINE)
