"""Schema problems: unknown keys, wrong types, missing keys and bad values, each at its own line and column."""

from __future__ import annotations

from pathlib import Path

from conftest import column_of, edit, found, line_of


def test_minimal_plan_is_clean(minimal_plan: Path) -> None:
    assert found(minimal_plan) == []


def test_unknown_key_at_the_key_with_a_suggestion(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "    amounts: {2024: 12000", "    amount: {2024: 12000")
    assert found(minimal_plan) == [
        ("schema", "budget.yaml", line_of(budget, "- id: travel"), 5),
        ("schema", "budget.yaml", line_of(budget, "amount: {2024: 12000"), 5),
    ]
    from ccm_plan.check import check_paths

    messages = [p.message + " | " + p.hint for p in check_paths([minimal_plan]).problems]
    assert any("unknown key 'amount'" in m and "did you mean 'amounts'" in m for m in messages)
    assert any("missing required key 'amounts'" in m for m in messages)


def test_wrong_type_at_the_value(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "2025: 12000", "2025: lots")
    assert found(minimal_plan) == [("schema", "budget.yaml", line_of(budget, "2025: lots"), column_of(budget, "lots"))]


def test_quoted_amount_is_a_wrong_type(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "2025: 12000", "2025: '12000'")
    assert found(minimal_plan) == [("schema", "budget.yaml", line_of(budget, "'12000'"), column_of(budget, "'12000'"))]


def test_negative_amount(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "2024: 12000", "2024: -12000")
    assert found(minimal_plan) == [("schema", "budget.yaml", line_of(budget, "-12000"), column_of(budget, "-12000"))]


def test_out_of_range_figures_are_named_as_written(minimal_plan: Path) -> None:
    """The bounds are checked on the models' Decimal; the message names the figure as the file writes it."""
    budget = minimal_plan / "budget.yaml"
    edit(budget, "2024: 12000", "2024: -12000")
    edit(budget, "2025: 12000", "2025: -12000.5")
    edit(budget, "rate_percent: 15", "rate_percent: 1500")
    from ccm_plan.check import check_paths

    assert sorted((p.message, p.hint) for p in check_paths([minimal_plan]).problems if p.rule == "schema") == [
        (
            "input should be greater than or equal to 0; got integer -12000",
            "amounts and counts cannot be negative or out of range",
        ),
        (
            "input should be greater than or equal to 0; got number -12000.5",
            "amounts and counts cannot be negative or out of range",
        ),
        (
            "input should be less than or equal to 1000; got integer 1500",
            "amounts and counts cannot be negative or out of range",
        ),
    ]


def test_decimal_amounts_are_exact(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "2024: 12000, 2025: 12000", "2024: 11999.90, 2025: 12000.10")
    from ccm_plan.compute.totals import compute_totals
    from ccm_plan.read.loader import load_plan

    plan = load_plan(minimal_plan)
    assert plan.is_usable
    totals = compute_totals(plan.budget)
    assert str(totals.line_totals["travel"]) == "38000.00"
    assert str(totals.year_totals[2024]) == "126999.90"
    from ccm_plan.check import check_paths

    messages = [p.message for p in check_paths([minimal_plan]).problems]
    assert messages == [
        # one precision for every figure of a plan with cents: 127,000.00, not 127,000 beside 126,999.90
        "2024: stated total 127,000.00 but the lines add up to 126,999.90 (difference +0.10)",
        "2025: stated total 131,600.00 but the lines add up to 131,600.10 (difference -0.10)",
    ]


def test_unknown_kind_and_schema_version(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "schema_version: 2", "schema_version: 3")
    assert found(minimal_plan) == [("schema", "budget.yaml", 3, 17)]
    edit(budget, "kind: ccm-plan/budget", "kind: ccm-plan/budgets")
    rules = found(minimal_plan)
    assert ("schema", "budget.yaml", 2, 7) in rules


def test_missing_budget_file(minimal_plan: Path) -> None:
    (minimal_plan / "budget.yaml").unlink()
    assert found(minimal_plan) == [("plan-files", "plan", 1, 1)]


def test_two_budget_files(minimal_plan: Path) -> None:
    (minimal_plan / "budget-copy.yaml").write_text((minimal_plan / "budget.yaml").read_text())
    assert [rule for rule, *_ in found(minimal_plan)] == ["plan-files"]


def test_a_single_file_stands_for_its_folder(minimal_plan: Path) -> None:
    workplan = minimal_plan / "workplan.yaml"
    edit(workplan, "budget: 396800", "budget: 396000")
    assert found(minimal_plan / "budget.yaml") == [
        ("stated-totals", "workplan.yaml", line_of(workplan, "budget: 396000"), 11)
    ]
