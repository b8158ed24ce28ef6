"""Execution, funding and indicative contributions: exact figures on real files, and properties that always hold."""

from __future__ import annotations

import itertools
import os
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adoption import adopted_plan
from ccm_plan.compute.allocation import largest_remainder
from ccm_plan.compute.execution import (
    ConversionError,
    compute_execution,
    contribution_status,
    contributor_years,
    in_plan_currency,
    line_execution,
)
from ccm_plan.model.contributions import ContributionEntry, Contributions
from ccm_plan.read.loader import load_plan
from conftest import ROOT, edit

EXAMPLE = ROOT / "examples" / "after-adoption"
PROPERTIES = settings(deadline=None, max_examples=200, derandomize=os.environ.get("CI") == "true")
D = Decimal


def test_example_execution_figures() -> None:
    plan = load_plan(EXAMPLE)
    result = compute_execution(plan.budget, plan.actuals, plan.contributions)
    assert result.currency == "CHF"
    first, second = result.years
    assert (first.year, first.status, second.year, second.status) == (2021, "audited", 2022, "preliminary")
    travel = {line.id: line for line in first.lines}["travel"]
    assert (travel.budget, travel.actual, travel.variance) == (D(25000), D("9120.60"), D("-15879.40"))
    assert travel.execution_percent == D("36.4824")
    assert (first.total.budget, first.total.actual, first.total.variance) == (D(469686), D("451642.57"), D("-18043.43"))
    # received: 120,000 + EUR 190,000 × 1.0812 + 50,000 + EUR 75,000 × 1.0412
    assert first.funding.received == D("453518")
    assert (first.funding.pledged_outstanding, first.funding.gap) == (0, D(469686) - D(453518))
    assert first.carry_over == D("1875.43") == first.balance
    # 2022: State B pledged EUR 200,000 at 1.0365 and paid EUR 150,000 at 0.9836: EUR 50,000 outstanding at 1.0365
    assert second.funding.received == D(100000) + D(150000) * D("0.9836")
    assert second.funding.pledged_outstanding == D(27000) + D(50000) * D("1.0365") + D(51000)
    assert second.funding.gap == D(486194) - second.funding.received - second.funding.pledged_outstanding
    assert second.carry_over == second.funding.received - D("481850.40")
    assert second.balance == first.carry_over + second.carry_over


def test_example_contribution_status_2022() -> None:
    plan = load_plan(EXAMPLE)
    status = contribution_status(plan.budget, plan.contributions, 2022, places=0)
    assert [row.id for row in status.contributors] == ["state-b", "state-a", "state-d", "state-c"]
    assert sum(row.indicative for row in status.contributors) == status.budget == D(486194)
    indicative = {row.id: row.indicative for row in status.contributors}
    # 486,194 × 42% = 204,201.48; × 26.111% = 126,950.115…; × 21.389% = 103,992.034…; × 10.5% = 51,050.37:
    # the floors leave one franc, which goes to the largest remainder (.48, State B)
    assert indicative == {"state-b": D(204202), "state-a": D(126950), "state-d": D(103992), "state-c": D(51050)}
    assert status.reminders == ("state-d", "state-c")
    b = status.contributors[0]
    assert (b.pledged, b.received, b.outstanding) == (D(207300), D(147540), D(51825))


def test_a_year_without_actuals_is_refused() -> None:
    plan = load_plan(EXAMPLE)
    with pytest.raises(ValueError, match="no actuals for 2023"):
        compute_execution(plan.budget, plan.actuals, plan.contributions, years=[2022, 2023])


def test_audited_actuals_win_over_preliminary_for_the_same_year(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    preliminary = (plan / "actuals-2024.yaml").read_text(encoding="utf-8")
    preliminary = preliminary.replace("status: audited", "status: preliminary").replace("14850", "14000")
    (plan / "actuals-2024-preliminary.yaml").write_text(preliminary, encoding="utf-8")
    loaded = load_plan(plan)
    (year,) = compute_execution(loaded.budget, loaded.actuals, loaded.contributions).years
    assert year.status == "audited"
    assert {line.id: line.actual for line in year.lines}["social-charges"] == D(14850)


def test_other_unit_in_eur_with_usd_and_chf_contributions(tmp_path: Path) -> None:
    loaded = load_plan(adopted_plan(tmp_path))
    (year,) = compute_execution(loaded.budget, loaded.actuals, loaded.contributions).years
    assert year.total.actual == D("126400.50")
    # received: 50,000 EUR + USD 40,000 × 0.92 + 1,000 EUR; outstanding: 10,000 (north) + CHF 10,000 × 1.05 (east)
    assert year.funding.received == D(87800)
    assert year.funding.pledged_outstanding == D(20500)
    status = contribution_status(loaded.budget, loaded.contributions, 2024, places=2)
    assert [row.id for row in status.contributors] == ["north", "south", "east", "west"]
    assert [row.indicative for row in status.contributors] == [D("63500.00"), D("38100.00"), D("25400.00"), None]
    assert status.reminders == ("east",)


def test_an_entry_in_another_currency_without_a_rate_cannot_be_converted(tmp_path: Path) -> None:
    plan = adopted_plan(tmp_path)
    edit(plan / "contributions.yaml", "currency: USD, rate: 0.92}", "currency: USD}")
    loaded = load_plan(plan)
    with pytest.raises(ConversionError, match="south for 2024 is in USD without a rate"):
        compute_execution(loaded.budget, loaded.actuals, loaded.contributions)


# ---------------------------------------------------------------------------------------------------- properties

amounts = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)
weights = st.decimals(min_value=0, max_value=100, places=3, allow_nan=False, allow_infinity=False)


@PROPERTIES
@given(
    total=amounts,
    scale=st.lists(weights, min_size=1, max_size=30).filter(lambda ws: sum(ws) > 0),
    places=st.integers(min_value=0, max_value=3),
)
def test_largest_remainder_shares_add_up_exactly(total: Decimal, scale: list[Decimal], places: int) -> None:
    named = [(f"c{index:02d}", weight) for index, weight in enumerate(scale)]
    shares = largest_remainder(total, named, places)
    assert sum(share.amount for share in shares) == total
    unit = Fraction(1, 10 ** max(places, -total.as_tuple().exponent if total.as_tuple().exponent < 0 else 0))
    for share in shares:
        assert abs(Fraction(share.amount) - share.quota) < unit  # never a full unit from the exact quota
        assert (Fraction(share.amount) / unit).denominator == 1
        assert share.quota == Fraction(total) * Fraction(share.weight) / sum(Fraction(w) for w in scale)
        if share.weight == 0:
            assert share.amount == 0
    # order follows the scale, and a larger weight never gets a smaller share
    assert [s.weight for s in shares] == sorted(scale, reverse=True)
    for larger, smaller in itertools.pairwise(shares):
        assert larger.amount >= smaller.amount


@PROPERTIES
@given(
    total=amounts,
    scale=st.lists(st.sampled_from([D(1), D(2), D("3.5")]), min_size=2, max_size=12),
    seed=st.randoms(use_true_random=False),
)
def test_largest_remainder_ties_do_not_depend_on_input_order(total: Decimal, scale: list[Decimal], seed) -> None:  # type: ignore[no-untyped-def]
    named = [(f"c{index:02d}", weight) for index, weight in enumerate(scale)]
    shuffled = list(named)
    seed.shuffle(shuffled)
    first = [(s.id, s.amount) for s in largest_remainder(total, named, 0)]
    again = [(s.id, s.amount) for s in largest_remainder(total, shuffled, 0)]
    assert first == again  # the same shares, in the same order (equal weights by id)


def test_largest_remainder_tie_goes_to_the_smaller_id() -> None:
    shares = largest_remainder(D(10), [("b", D(1)), ("a", D(1)), ("c", D(1))], 0)
    assert [(s.id, s.amount) for s in shares] == [("a", D(4)), ("b", D(3)), ("c", D(3))]


def test_largest_remainder_refuses_what_it_cannot_allocate() -> None:
    with pytest.raises(ValueError, match="add up to zero"):
        largest_remainder(D(10), [("a", D(0))], 0)
    with pytest.raises(ValueError, match="negative"):
        largest_remainder(D(-1), [("a", D(1))], 0)


@PROPERTIES
@given(budget=amounts, actual=amounts)
def test_variance_and_execution_rate_are_exact(budget: Decimal, actual: Decimal) -> None:
    line = line_execution("x", budget, actual)
    assert line.variance == actual - budget
    assert line.budget + line.variance == line.actual
    if budget == 0:
        assert line.execution_percent is None
    else:
        assert line.execution_percent is not None
        exact = Fraction(actual) * 100 / Fraction(budget)
        assert abs(Fraction(line.execution_percent) - exact) <= exact * Fraction(1, 10**26) + Fraction(1, 10**26)


entries = st.builds(
    dict,
    contributor=st.sampled_from(["a", "b"]),
    year=st.just(2024),
    kind=st.sampled_from(["pledged", "received"]),
    date=st.none(),
    amount=amounts,
    currency=st.sampled_from([None, "EUR", "USD", "CHF"]),
    rate=st.decimals(min_value=D("0.0001"), max_value=1000, places=6, allow_nan=False, allow_infinity=False),
)


@PROPERTIES
@given(st.lists(entries, max_size=12))
def test_conversions_are_exact_and_outstanding_never_negative(raw: list[dict[str, object]]) -> None:
    for item in raw:
        if item["currency"] in (None, "EUR"):
            item["rate"] = None
    model = Contributions.model_validate(
        {
            "kind": "ccm-plan/contributions",
            "schema_version": 1,
            "contributors": [{"id": "a", "name": {"en": "A"}}, {"id": "b", "name": {"en": "B"}}],
            "entries": raw,
        }
    )
    for entry in model.entries:
        expected = Fraction(entry.amount) * Fraction(entry.rate if entry.rate is not None else 1)
        assert Fraction(in_plan_currency(entry, "EUR")) == expected
    for figures in contributor_years(model, "EUR").values():
        assert figures.outstanding >= 0
        assert figures.outstanding <= figures.pledged  # what remains of the pledges, at their own rates
        if figures.pledged == 0:
            assert figures.outstanding == 0


def test_outstanding_counts_in_the_pledge_currency() -> None:
    def entry(kind: str, amount: int, rate: str) -> ContributionEntry:
        data = {"contributor": "a", "year": 2024, "kind": kind, "amount": amount, "currency": "USD", "rate": D(rate)}
        return ContributionEntry.model_validate(data)

    model = Contributions.model_construct(entries=[entry("pledged", 100, "0.9"), entry("received", 100, "0.8")])
    figures = contributor_years(model, "EUR")[("a", 2024)]
    assert (figures.pledged, figures.received, figures.outstanding) == (D(90), D(80), D(0))
