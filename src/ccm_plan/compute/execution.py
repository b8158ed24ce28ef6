"""After adoption, exactly: budget execution per line and year, funding, carry-over, and contribution status.

Definitions (the terms a finance officer reports with; amounts in the plan's currency):

- variance = actual − budget (positive: overspent); execution % = actual ÷ budget × 100 (None for a zero budget);
- an entry in another currency counts at its recorded rate: amount × rate, where rate is plan currency per unit;
- per contributor and year: outstanding = pledged − received, never below zero (paying more than pledged leaves
  nothing outstanding, it does not reduce others' pledges), counted in the pledge's currency and valued at the
  pledge's rate (`contributor_years`);
- funding of a year: received (all payments for the year), pledged outstanding (the sum of the contributors'
  outstanding), gap = budget − received − pledged outstanding (negative: more than the budget is funded);
- carry-over = received − actual; the balance runs the carry-overs of every year with actuals, in year order.

Every figure is exact: sums and products of Decimals in a context wide enough that nothing is rounded (an inexact
operation raises instead), and percentages to 28 significant digits. Display rounding is `present`'s business.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from ..errors import CcmPlanError
from ..model.actuals import Actuals
from ..model.contributions import ContributionEntry, Contributions
from ..model.plan import Budget
from .allocation import largest_remainder

ZERO = Decimal(0)
HUNDRED = Decimal(100)


class ConversionError(CcmPlanError):
    """An entry in another currency has no recorded rate, so it has no value in the plan's currency."""


@contextmanager
def exact() -> Iterator[None]:
    """Decimal arithmetic that never rounds: wide enough for any plan's sums and products, and loud if it would."""
    context = decimal.Context(prec=200, traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation])
    with decimal.localcontext(context):
        yield


def in_plan_currency(entry: ContributionEntry, currency: str) -> Decimal:
    """The entry's amount in the plan's currency: amount × rate (rate 1 when the entry is in the plan's currency).

    Raises `ConversionError` for an entry in another currency without a rate (rule contribution-entries reports it
    at its place; this is the library's guard).
    """
    if entry.rate is not None:
        with exact():
            return entry.amount * entry.rate
    if entry.currency is None or entry.currency == currency:
        return entry.amount
    raise ConversionError(
        f"a {entry.kind} entry of {entry.contributor} for {entry.year} is in {entry.currency} without a rate"
    )


def execution_percent(actual: Decimal, budget: Decimal) -> Decimal | None:
    """actual ÷ budget × 100, to 28 significant digits; None when the budget is zero."""
    if budget == 0:
        return None
    with decimal.localcontext(decimal.Context(prec=28)):
        return actual * HUNDRED / budget


@dataclass(frozen=True)
class LineExecution:
    """A line's (or the year's total) budget and actual, in the plan's currency, with variance and execution %."""

    id: str
    budget: Decimal
    actual: Decimal
    variance: Decimal
    execution_percent: Decimal | None


def line_execution(line_id: str, budget: Decimal, actual: Decimal) -> LineExecution:
    with exact():
        variance = actual - budget
    return LineExecution(line_id, budget, actual, variance, execution_percent(actual, budget))


@dataclass(frozen=True)
class Funding:
    """How a year's budget is funded: received, still pledged, and the gap (negative when overfunded)."""

    budget: Decimal
    received: Decimal
    pledged_outstanding: Decimal
    gap: Decimal


@dataclass(frozen=True)
class YearExecution:
    """One reported year: the actuals file it comes from, every budget line, the total, funding and balance."""

    year: int
    status: str
    """audited or preliminary."""
    as_of: object
    """The date the figures were taken (datetime.date)."""
    source: dict[str, str]
    """Where the figures come from, per language."""
    lines: tuple[LineExecution, ...]
    total: LineExecution
    funding: Funding
    carry_over: Decimal
    """received − actual total."""
    balance: Decimal
    """The carry-overs of every reported year up to this one, added up."""


@dataclass(frozen=True)
class Execution:
    currency: str
    years: tuple[YearExecution, ...]


def actuals_by_year(actuals: Iterable[Actuals]) -> dict[int, Actuals]:
    """The actuals that count for each year: an audited file over a preliminary one, then the latest `as_of`.

    Two files for one year are a finding of rule actuals-files; this only decides which one the figures use.
    """
    chosen: dict[int, Actuals] = {}
    for item in actuals:
        current = chosen.get(item.year)
        if current is None or (item.status == "audited", item.as_of) > (current.status == "audited", current.as_of):
            chosen[item.year] = item
    return dict(sorted(chosen.items()))


@dataclass(frozen=True)
class ContributorYear:
    """One contributor's pledges and payments for one year, in the plan's currency."""

    pledged: Decimal
    """Pledges, each at its recorded rate."""
    received: Decimal
    """Payments, each at its recorded rate."""
    outstanding: Decimal
    """What is still pledged, never below zero (see `contributor_years`)."""


def contributor_years(contributions: Contributions | None, currency: str) -> dict[tuple[str, int], ContributorYear]:
    """(contributor, year) → pledged, received and outstanding, in the plan's currency at the recorded rates.

    Outstanding is counted in the currency of the pledge and valued at the pledge's rate: a pledge of EUR 200,000
    paid as EUR 200,000 leaves nothing outstanding, whatever the two rates were. Per currency, payments cover the
    earliest pledges first and what remains of each pledge counts at that pledge's rate, so outstanding is never
    below zero nor above the pledges' value; a payment beyond the pledges in one currency (valued at the latest
    payment's rate) reduces what is outstanding in another, never below zero.
    """
    if contributions is None:
        return {}
    groups: dict[tuple[str, int], dict[str, list[ContributionEntry]]] = {}
    for entry in contributions.entries:
        by_currency = groups.setdefault((entry.contributor, entry.year), {})
        by_currency.setdefault(entry.currency or currency, []).append(entry)
    result = {}
    for key, by_currency in groups.items():
        pledged_value = received_value = owed = extra = ZERO
        for entries in by_currency.values():
            pledges = [e for e in entries if e.kind == "pledged"]
            payments = [e for e in entries if e.kind == "received"]
            pledged_here, paid_here = sum_value(pledges, currency), sum_value(payments, currency)
            with exact():
                pledged_value += pledged_here
                received_value += paid_here
                owed += _unpaid(pledges, sum((e.amount for e in payments), ZERO), currency)
                surplus = sum((e.amount for e in payments), ZERO) - sum((e.amount for e in pledges), ZERO)
                if surplus > 0:
                    extra += surplus * _rate(_latest(payments), currency)
        with exact():
            result[key] = ContributorYear(pledged_value, received_value, max(owed - extra, ZERO))
    return result


def _unpaid(pledges: list[ContributionEntry], paid: Decimal, currency: str) -> Decimal:
    """The value of the pledges (of one currency) that `paid` units do not cover: payments cover the earliest
    pledges first (by date, undated first, then file order), and what remains of each is valued at its own rate."""
    owed = ZERO
    order = sorted(enumerate(pledges), key=lambda pair: (pair[1].date is not None, pair[1].date or 0, pair[0]))
    with exact():
        for _, pledge in order:
            covered = min(pledge.amount, paid)
            paid -= covered
            owed += (pledge.amount - covered) * _rate(pledge, currency)
    return owed


def _latest(entries: list[ContributionEntry]) -> ContributionEntry:
    """The latest entry by date (undated entries count as earliest), then the last in the file."""
    return max(enumerate(entries), key=lambda pair: (pair[1].date is not None, pair[1].date or 0, pair[0]))[1]


def _rate(entry: ContributionEntry, currency: str) -> Decimal:
    """The entry's rate to the plan's currency (1 in the plan's currency)."""
    if entry.rate is not None:
        return entry.rate
    in_plan_currency(entry, currency)  # raises ConversionError for another currency without a rate
    return Decimal(1)


def sum_value(entries: Iterable[ContributionEntry], currency: str) -> Decimal:
    values = [in_plan_currency(entry, currency) for entry in entries]
    with exact():
        return sum(values, ZERO)


def year_budget(budget: Budget, year: int) -> Decimal:
    """The year's budget: the sum of its lines as written (never the stated total, which may be stale)."""
    with exact():
        return sum((line.amounts.get(year, ZERO) for line in budget.lines), ZERO)


def funding(budget: Budget, contributions: Contributions | None, year: int) -> Funding:
    """The year's funding from the contributions file (all zero without one)."""
    amount = year_budget(budget, year)
    received = pledged = ZERO
    with exact():
        for (_, entry_year), totals in contributor_years(contributions, budget.currency).items():
            if entry_year == year:
                received += totals.received
                pledged += totals.outstanding
        gap = amount - received - pledged
    return Funding(amount, received, pledged, gap)


def compute_execution(
    budget: Budget,
    actuals: Sequence[Actuals],
    contributions: Contributions | None = None,
    years: Iterable[int] | None = None,
) -> Execution:
    """Execution of every year that has actuals (or of `years`, each of which must have them), in year order.

    Every budget line is listed in the budget's order; a line the actuals file does not name counts as 0 spent.
    Raises ValueError for a requested year without actuals, and `ConversionError` for an entry in another
    currency without a rate.
    """
    reported = actuals_by_year(actuals)
    wanted = sorted(set(years)) if years is not None else list(reported)
    missing = [year for year in wanted if year not in reported]
    if missing:
        raise ValueError(f"no actuals for {', '.join(map(str, missing))}")
    result = []
    balance = ZERO
    for year, item in reported.items():
        lines = tuple(
            line_execution(line.id, line.amounts.get(year, ZERO), item.amounts.get(line.id, ZERO))
            for line in budget.lines
        )
        with exact():
            total = line_execution("total", sum((x.budget for x in lines), ZERO), sum((x.actual for x in lines), ZERO))
            money = funding(budget, contributions, year)
            carry_over = money.received - total.actual
            balance += carry_over
        if year in wanted:
            result.append(
                YearExecution(
                    year, item.status, item.as_of, dict(item.source), lines, total, money, carry_over, balance
                )
            )
    return Execution(budget.currency, tuple(result))


@dataclass(frozen=True)
class ContributorStatus:
    """One contributor in one year, in the plan's currency: indicative (None without a scale), pledged, received,
    outstanding (pledged − received, never below zero, in the pledge's currency at its rate)."""

    id: str
    name: dict[str, str]
    scale_percent: Decimal | None
    indicative: Decimal | None
    pledged: Decimal
    received: Decimal
    outstanding: Decimal


@dataclass(frozen=True)
class ContributionStatus:
    """A year's contribution status: per contributor in scale order, totals, and whom to remind."""

    year: int
    currency: str
    budget: Decimal
    places: int
    """The precision the indicative contributions are allocated at (decimal places)."""
    contributors: tuple[ContributorStatus, ...]
    total: ContributorStatus
    reminders: tuple[str, ...]
    """Ids of the contributors expected to pay (an indicative contribution or a pledge) with nothing received:
    reminders go to them only, by design (a contributor that has paid is in contact already)."""
    balances: tuple[str, ...] = ()
    """Ids of the contributors that paid part of their pledge and still owe a balance (`outstanding` > 0): not
    reminded, but listed, so that no balance is overlooked."""


def contribution_status(budget: Budget, contributions: Contributions, year: int, places: int) -> ContributionStatus:
    """Who was asked for what, pledged, paid and still owes in `year`, at the plan's precision `places`.

    The indicative contributions share the year's budget by the scale of assessment (`scale_percent`) among the
    contributors that have one, by largest remainder (`allocation.largest_remainder`), so they add up exactly to
    the budget; the scale need not add up to 100 (it is normalised). Contributors are listed in scale order (the
    largest share first), then those without a scale in the file's order. Raises `ConversionError` for an entry in
    another currency without a rate.
    """
    amount = year_budget(budget, year)
    scaled = [(c.id, c.scale_percent) for c in contributions.contributors if c.scale_percent is not None]
    indicative: dict[str, Decimal] = {}
    order: list[str] = []
    if scaled and sum(weight for _, weight in scaled) > 0:
        for share in largest_remainder(amount, scaled, places):
            indicative[share.id] = share.amount
            order.append(share.id)
    else:
        order = [contributor_id for contributor_id, _ in scaled]
    order += [c.id for c in contributions.contributors if c.scale_percent is None]
    by_id = {c.id: c for c in reversed(contributions.contributors)}
    totals = contributor_years(contributions, budget.currency)
    nothing = ContributorYear(ZERO, ZERO, ZERO)
    rows = []
    for contributor_id in order:
        contributor = by_id[contributor_id]
        figures = totals.get((contributor_id, year), nothing)
        rows.append(
            ContributorStatus(
                contributor_id,
                dict(contributor.name),
                contributor.scale_percent,
                indicative.get(contributor_id),
                figures.pledged,
                figures.received,
                figures.outstanding,
            )
        )
    with exact():
        total = ContributorStatus(
            "total",
            {},
            sum((r.scale_percent for r in rows if r.scale_percent is not None), ZERO) if scaled else None,
            sum(indicative.values(), ZERO) if indicative else None,
            sum((r.pledged for r in rows), ZERO),
            sum((r.received for r in rows), ZERO),
            sum((r.outstanding for r in rows), ZERO),
        )
    reminders = tuple(
        r.id for r in rows if r.received == 0 and ((r.indicative is not None and r.indicative > 0) or r.pledged > 0)
    )
    balances = tuple(r.id for r in rows if r.received > 0 and r.outstanding > 0)
    return ContributionStatus(year, budget.currency, amount, places, tuple(rows), total, reminders, balances)


def recorded_amounts(actuals: Sequence[Actuals], contributions: Contributions | None, currency: str) -> list[Decimal]:
    """The amounts of the actuals and contributions files as written in the plan's currency (a converted amount is
    a computed figure, rounded for display; these are read as they stand): the outputs show them exactly."""
    amounts = [amount for item in actuals for amount in item.amounts.values()]
    if contributions is not None:
        amounts += [entry.amount for entry in contributions.entries if entry.currency in (None, currency)]
    return amounts


def adoption_amounts(actuals: Sequence[Actuals], contributions: Contributions | None, currency: str) -> list[Decimal]:
    """Every amount the after-adoption reports show besides the budget's: actuals, and contributions in the plan's
    currency (the outputs choose one money precision that shows them all)."""
    amounts = [amount for item in actuals for amount in item.amounts.values()]
    for figures in contributor_years(contributions, currency).values():
        amounts += [figures.pledged, figures.received, figures.outstanding]
    return amounts
