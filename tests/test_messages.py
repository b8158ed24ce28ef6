"""Messages name the cause in the plan editor's terms, never Python's: no `Decimal('NaN')`, no 0-based index where
the item's id is known, no "Value error, ", and each hint matches its cause. The first case of each kind is the
input of issue 10; hypothesis draws more of the same kind.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ccm_plan.check import check_paths
from ccm_plan.problems import Problem
from conftest import MINIMAL, copy_plan, edit, run_cli

PYTHON = re.compile(r"Decimal\(|datetime\.|\bNone\b|Value error|\[type=|input_value|\blines\.\d|\.\d+\.name\b")
AMOUNTS = "amounts: {2024: 100000, 2025: 104000, 2026: 108000}"


def problems_of(folder: Path) -> list[Problem]:
    found = check_paths([folder]).problems
    for problem in found:
        assert not PYTHON.search(problem.message + problem.hint), problem
    return found


def plan_with(tmp_path: Path, old: str, new: str, file: str = "budget.yaml") -> Path:
    plan = copy_plan(MINIMAL, tmp_path / "plan")
    edit(plan / file, old, new)
    return plan


def test_nan_is_named_as_the_file_writes_it(tmp_path: Path) -> None:
    (problem,) = problems_of(plan_with(tmp_path, "2024: 100000,", "2024: .nan,"))
    assert problem.message == "expected a finite number, got .nan (not a number)"
    assert ".nan" in problem.hint and "thousands" not in problem.hint


def test_a_duplicate_year_written_another_way_names_both_spellings(tmp_path: Path) -> None:
    plan = plan_with(tmp_path, "2025: 104000,", "2025: 104000, 2024.0: 5,")
    (problem,) = problems_of(plan)
    assert problem.rule == "yaml-duplicate-key"
    assert problem.message == "duplicate key 2024.0 (the same key as 2024 at line 12)"


def test_a_missing_translation_names_the_line_by_its_id(tmp_path: Path) -> None:
    (problem,) = problems_of(plan_with(tmp_path, "name: {en: Travel, fr: Voyages}", "name: {en: Travel}"))
    assert problem.message == "lines[travel].name has no fr text"
    assert problem.subject == "lines.2.name/fr"  # what a waiver names: unchanged


def test_an_item_without_id_is_counted_from_one(tmp_path: Path) -> None:
    plan = plan_with(tmp_path, "{kind: {en: regional, fr: régional}, count: 5}", "{kind: {en: regional}, count: 5}")
    (problem,) = problems_of(plan)
    assert problem.message == "parameters.travel[#1].legs[#2].kind has no fr text"


def test_a_hurried_thousands_separator_in_a_flow_mapping_is_one_message_at_the_figure(tmp_path: Path) -> None:
    """Issue 10's input: `341,405` inside { } gave two errors about a year 405."""
    plan = plan_with(tmp_path, AMOUNTS, "amounts: {2024: 100,000, 2025: 104000, 2026: 108000}")
    (problem,) = problems_of(plan)
    assert (problem.rule, problem.line, problem.column) == ("yaml-syntax", 12, 21)
    assert problem.message.startswith("100,000 reads as 100 followed by a key 000 without a value")
    assert problem.hint == "write 100000, without thousands separators"


@settings(max_examples=40)
@given(amount=st.integers(1_000, 999_999_999), year=st.sampled_from([2024, 2025, 2026]))
def test_every_grouped_figure_in_a_flow_mapping_is_one_message(
    tmp_path_factory: object, amount: int, year: int
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        written = f"{amount:,}"
        figures = {2024: "100000", 2025: "104000", 2026: "108000"} | {year: written}
        line = "amounts: {" + ", ".join(f"{y}: {v}" for y, v in figures.items()) + "}"
        plan = plan_with(Path(folder), AMOUNTS, line)
        found = problems_of(plan)
        assert [(p.rule, p.line, p.column) for p in found] == [("yaml-syntax", 12, line.index(written) + 5)]
        assert found[0].hint == f"write {amount}, without thousands separators"


def test_a_percent_sign_says_so(tmp_path: Path) -> None:
    """Issue 10's input: `20%` as a rate said "expected a number, got str"."""
    (problem,) = problems_of(plan_with(tmp_path, "rate_percent: 15", "rate_percent: 15%"))
    assert problem.message == "expected a number, got the text '15%': the percent sign makes it text"
    assert problem.hint == "write 15: this figure is already a percent (its key says so)"


@given(
    written=st.sampled_from(["104'000", "104 000", "104,000", "104_000", "1,104,000.50"]),
)
def test_numbers_written_as_text_name_what_made_them_text(written: str) -> None:
    from ccm_plan.present.voice import Voice
    from ccm_plan.read.loader import _number_text

    said, advice = _number_text(written)
    assert said is not None and advice is not None
    message, hint = Voice("en").say(said), Voice("en").say(advice)
    assert "thousands separators" in message
    assert hint == f"write {re.sub(r'[^0-9.]', '', written)}, without separators"


def test_a_currency_beside_an_amount_says_so() -> None:
    from ccm_plan.present.voice import Voice
    from ccm_plan.read.loader import _number_text

    for written in ("CHF 12000", "12000 EUR", "$12,000"):
        said, advice = _number_text(written)
        assert said is not None and advice is not None, written
        assert "currency" in Voice("en").say(said), written
        assert "`currency`" in Voice("en").say(advice)


def test_a_merge_key_is_named_as_such(tmp_path: Path) -> None:
    """Issue 10's input: `<<:` got 'unknown key' with a list of keys as its hint."""
    plan = plan_with(tmp_path, "  - id: travel\n", "  - <<: {cost_type: staff}\n    id: travel\n")
    (problem,) = problems_of(plan)
    assert (problem.rule, problem.line, problem.column) == ("yaml-syntax", 17, 5)
    assert "merge key (<<)" in problem.message and "write the keys out" in problem.hint


def test_an_unknown_choice_on_the_command_line_has_no_value_error_prefix() -> None:
    """Issue 10's input: `--format xml` said "Value error, 'xml' is not one of …"."""
    for args in (["validate", "--format", "xml"], ["totals", "-f", "xml"], ["diff", "HEAD", "-f", "xml"]):
        run = run_cli(*args)
        assert run.code == 2
        assert "Value error" not in run.stderr and "'xml' is not one of" in run.stderr, run.stderr


@settings(max_examples=20, deadline=None)
@given(bad=st.sampled_from(["Travel", "travel costs", "travel_costs", "voyagé", "travel\u200b", "-travel", "a--b"]))
def test_an_id_that_does_not_fit_is_explained_in_words_not_as_a_pattern(bad: str) -> None:
    import json
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        plan = plan_with(Path(folder), "  - id: travel\n", f"  - id: {json.dumps(bad, ensure_ascii=False)}\n")
        schema = [p for p in problems_of(plan) if p.rule == "schema"]
        assert [(p.line, p.column) for p in schema] == [(17, 9)]
        assert schema[0].message.startswith("an id is lowercase letters and digits, in words joined by single hyphens")
        assert "^[" not in schema[0].message and schema[0].hint.startswith("rewrite the id")


def test_a_currency_symbol_is_explained() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        plan = plan_with(Path(folder), "currency: EUR", 'currency: "€"')
        (problem,) = [p for p in problems_of(plan) if p.rule == "schema"]
        assert problem.message == "a currency is a three-letter code such as CHF, EUR or USD; got text '€'"
