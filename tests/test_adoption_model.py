"""Actuals and contributions files: recognised by their kind, exact, and every shape problem at its own place."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from adoption import adopted_plan
from ccm_plan.check import check_paths
from ccm_plan.read.loader import load_plan
from conftest import ROOT, column_of, edit, found, line_of

EXAMPLE = ROOT / "examples" / "after-adoption"


def test_example_is_read_with_its_actuals_and_contributions() -> None:
    plan = load_plan(EXAMPLE)
    assert plan.is_usable
    assert [(a.year, a.status) for a in plan.actuals] == [(2021, "audited"), (2022, "preliminary")]
    assert [s.path.name for s in plan.actuals_sources] == ["actuals-2021.yaml", "actuals-2022.yaml"]
    travel = plan.actuals[0].amounts["travel"]
    assert isinstance(travel, Decimal) and str(travel) == "9120.60"
    assert [c.id for c in plan.contributions.contributors] == ["state-a", "state-b", "state-c", "state-d"]
    assert plan.contributions.entries[1].rate == Decimal("1.0812")
    assert plan.budget.lines[0].account_codes == ["6000", "6010"]
    assert plan.budget.parameters.transfer_authority.line_percent == 10


def test_example_budget_is_the_shipped_budget() -> None:
    """The example reuses the adopted CCM budget: its figures must never drift from data/."""
    shipped, example = load_plan(ROOT / "data").budget, load_plan(EXAMPLE).budget
    assert [(line.id, line.amounts) for line in example.lines] == [(line.id, line.amounts) for line in shipped.lines]
    assert example.totals == shipped.totals


def test_adopted_plan_of_another_unit_is_clean(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    assert found(plan) == []
    loaded = load_plan(plan)
    assert loaded.budget.lines[0].account_codes == ["6000", "6000-01"]
    assert loaded.budget.lines[2].account_codes == ["TRV"]


def test_files_are_recognised_by_kind_whatever_their_name(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    (plan / "actuals-2024.yaml").rename(plan / "spent-in-2024.yaml")
    (plan / "contributions.yaml").rename(plan / "money-in.yml")
    loaded = load_plan(plan)
    assert [a.year for a in loaded.actuals] == [2024]
    assert loaded.contributions is not None


def test_unknown_key_in_actuals_is_located(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    actuals = plan / "actuals-2024.yaml"
    edit(actuals, "as_of:", "as_off:")
    assert found(plan) == [
        ("schema", "actuals-2024.yaml", 1, 1),  # as_of is missing: at the mapping
        ("schema", "actuals-2024.yaml", line_of(actuals, "as_off"), 1),
    ]
    hints = [p.hint for p in check_paths([plan]).problems]
    assert any("did you mean 'as_of'" in hint for hint in hints)


def test_text_amount_and_bad_status_in_actuals(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    actuals = plan / "actuals-2024.yaml"
    edit(actuals, "travel: 12550", "travel: '12,900'")
    edit(actuals, "status: audited", "status: final")
    assert found(plan) == [
        ("schema", "actuals-2024.yaml", line_of(actuals, "status"), column_of(actuals, "final")),
        ("schema", "actuals-2024.yaml", line_of(actuals, "'12,900'"), column_of(actuals, "'12,900'")),
    ]


def test_negative_contribution_and_unknown_entry_key(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    contributions = plan / "contributions.yaml"
    edit(contributions, "amount: 1000}", "amount: -1000}")
    edit(contributions, "kind: pledged, date: 2023-12-01", "kind: pledged, when: 2023-12-01")
    assert found(plan) == [
        ("schema", "contributions.yaml", line_of(contributions, "when:"), column_of(contributions, "when:")),
        ("schema", "contributions.yaml", line_of(contributions, "-1000"), column_of(contributions, "-1000")),
    ]


def test_rate_must_be_positive_and_scale_at_most_100(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    contributions = plan / "contributions.yaml"
    edit(contributions, "rate: 0.92", "rate: 0")
    edit(contributions, "scale_percent: 50", "scale_percent: 150")
    assert found(plan) == [
        ("schema", "contributions.yaml", line_of(contributions, "150"), column_of(contributions, "150")),
        ("schema", "contributions.yaml", line_of(contributions, "rate: 0}"), column_of(contributions, "rate: 0}") + 6),
    ]


def test_account_code_must_be_text_or_a_whole_number(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    budget = plan / "budget.yaml"
    edit(budget, "account_codes: [6100]", "account_codes: [61.5]")
    assert found(plan) == [("schema", "budget.yaml", line_of(budget, "61.5"), column_of(budget, "61.5"))]


def test_a_second_contributions_file_is_a_plan_files_error(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    (plan / "contributions-old.yaml").write_text((plan / "contributions.yaml").read_text(), encoding="utf-8")
    assert found(plan) == [("plan-files", "contributions.yaml", 1, 7)]


def test_unknown_kind_lists_the_kinds(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    edit(plan / "actuals-2024.yaml", "kind: ccm-plan/actuals", "kind: ccm-plan/actual")
    problems = check_paths([plan]).problems
    assert [(p.rule, p.line, p.column) for p in problems] == [("schema", 1, 7)]
    assert "ccm-plan/actuals" in problems[0].hint and "ccm-plan/contributions" in problems[0].hint


def test_example_files_pass_their_json_schemas() -> None:
    from test_schema import SCHEMAS, check_jsonschema

    for kind, files in (
        ("budget", [EXAMPLE / "budget.yaml"]),
        ("actuals", sorted(EXAMPLE.glob("actuals-*.yaml"))),
        ("contributions", [EXAMPLE / "contributions.yaml"]),
    ):
        run = check_jsonschema(SCHEMAS / f"{kind}.schema.json", *files)
        assert run.returncode == 0, run.stdout + run.stderr
