from __future__ import annotations

from pathlib import Path

from conftest import column_of, edit, found, line_of


def test_staffing_change_to_a_listed_post(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(
        budget,
        "      - {id: head, title: {en: Head, fr: Chef}, fte: 1}",
        "      - {id: head, title: {en: Head, fr: Chef}, fte: 1}\n"
        "    changes:\n      - {post: head, year: 2025, text: {en: New head, fr: Nouveau chef}}",
    )
    assert found(minimal_plan) == []


def test_staffing_unknown_post_and_year_outside_period(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(
        budget,
        "      - {id: head, title: {en: Head, fr: Chef}, fte: 1}",
        "      - {id: head, title: {en: Head, fr: Chef}, fte: 1}\n"
        "    changes:\n      - {post: boss, year: 2031, text: {en: New head, fr: Nouveau chef}}",
    )
    line = line_of(budget, "post: boss")
    assert found(minimal_plan) == [
        ("staffing", "budget.yaml", line, column_of(budget, "boss")),
        ("staffing", "budget.yaml", line, column_of(budget, "2031")),
    ]


def test_staffing_salaries_without_posts(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "    posts:\n      - {id: head, title: {en: Head, fr: Chef}, fte: 1}", "    posts: []")
    assert found(minimal_plan) == [("staffing", "budget.yaml", line_of(budget, "posts: []"), 5)]


def test_staffing_fte_above_one_is_a_schema_error(minimal_plan: Path) -> None:
    budget = minimal_plan / "budget.yaml"
    edit(budget, "fte: 1}", "fte: 1.5}")
    assert found(minimal_plan) == [("schema", "budget.yaml", line_of(budget, "fte: 1.5"), column_of(budget, "1.5}"))]
