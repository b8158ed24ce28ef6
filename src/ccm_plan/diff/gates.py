"""Review gates on a diff, in both directions: growth and cuts of the plan total, and transfers between lines.

Each gate compares exact, unrounded figures recomputed from the lines (never the stated totals):

- `fail_above` / `fail_above_pct`: NEW's plan total minus OLD's is more than an amount (in the plan's currency)
  or a percentage of OLD's total: the gate fails (exit 1).
- `warn_above` / `warn_above_pct`: the same test, but the gate only warns: it is reported, visibly, and the
  exit code stays 0.
- `fail_below` / `fail_below_pct`: a cut of more than the amount or percentage fails.
- `transfer_limit_pct` / `transfer_aggregate_pct`: within a year whose total did not change (money moved between
  lines, the plan's transfer authority), a line-year moved by more than P% of its old figure, or moves adding up
  to more than Q% of the year's total, fail; the message names each line and year. A year whose total changed
  is growth or a cut, for the gates above. The defaults are the OLD plan's `parameters.transfer_authority`
  (`line_percent`, `total_percent`) when `transfer_authority` is asked for.

"More than" is strict: a change exactly at a limit passes. From an old total (or figure) of zero, any change
exceeds every percentage. A gate that cannot apply (the budget was not compared, or its currency changed) has
`failed` None, and the diff exits 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..compute.totals import HUNDRED, ZERO
from ..model.plan import TransferAuthority
from ..present.message import N_, Code, Listing, Message, Money, Name, Percent, SignedMoney, SignedPercent, Value, Year
from ..present.numbers import PERCENT_PLACES
from ..present.rounding import places_to_tell_apart
from .compare import BudgetDiff, Gate, PlanDiff


@dataclass(frozen=True)
class Limits:
    """The gates asked for; None for a gate not asked for. Amounts in the plan's currency, percentages as 2 for
    2%."""

    fail_above: Decimal | None = None
    fail_above_pct: Decimal | None = None
    warn_above: Decimal | None = None
    warn_above_pct: Decimal | None = None
    fail_below: Decimal | None = None
    fail_below_pct: Decimal | None = None
    transfer_limit_pct: Decimal | None = None
    transfer_aggregate_pct: Decimal | None = None
    transfer_authority: bool = False
    """Take the transfer limits not given from the old plan's `parameters.transfer_authority`."""


def apply_gates(result: PlanDiff, limits: Limits, authority: TransferAuthority | None = None) -> list[Gate]:
    """Every gate `limits` asks for, applied to `result`, in the order of the options. Each gate's message is a
    `Message` (typed figures), made into text by the output in the language asked."""
    found: list[Gate] = []
    for option, limit, direction, warns in (
        ("--fail-above", limits.fail_above, "above", False),
        ("--fail-above-pct", limits.fail_above_pct, "above", False),
        ("--warn-above", limits.warn_above, "above", True),
        ("--warn-above-pct", limits.warn_above_pct, "above", True),
        ("--fail-below", limits.fail_below, "below", False),
        ("--fail-below-pct", limits.fail_below_pct, "below", False),
    ):
        if limit is not None:
            found.append(_total_gate(result, option, limit, direction, warns))
    line_pct, aggregate_pct = limits.transfer_limit_pct, limits.transfer_aggregate_pct
    if limits.transfer_authority and authority is not None:
        line_pct = line_pct if line_pct is not None else authority.line_percent
        aggregate_pct = aggregate_pct if aggregate_pct is not None else authority.total_percent
    if limits.transfer_authority and authority is None and line_pct is None and aggregate_pct is None:
        found.append(
            Gate(
                "--transfer-authority",
                ZERO,
                None,
                Message(
                    N_(
                        "{option}: the old plan states no parameters.transfer_authority, so no limit applies "
                        "(give --transfer-limit-pct or --transfer-aggregate-pct)"
                    ),
                    option=Code("--transfer-authority"),
                ),
            )
        )
    if line_pct is not None:
        found.append(_transfer_line_gate(result, line_pct))
    if aggregate_pct is not None:
        found.append(_transfer_aggregate_gate(result, aggregate_pct))
    return found


def _limit(option: str, limit: Decimal) -> Money | Code:
    """The limit as the option gave it: an amount with every decimal it has, a percentage as a plain number."""
    if option.endswith("-pct"):
        return Code(format(limit, "f"))
    return Money(limit, exact=True)


def _unusable(result: PlanDiff, option: str, limit: Decimal) -> Gate | None:
    budget = result.budget
    if budget is None:
        message = Message(N_("{option}: the budget was not compared, so the gate cannot apply"), option=Code(option))
        return Gate(option, limit, None, message)
    if budget.old_currency != budget.currency:
        message = Message(
            N_("{option}: the currency changed ({old} → {new}), so the totals cannot be compared"),
            option=Code(option),
            old=Code(budget.old_currency),
            new=Code(budget.currency),
        )
        return Gate(option, limit, None, message)
    return None


VERDICTS = {
    ("above", True): N_("more than the {bound} growth allowed"),
    ("above", False): N_("within the {bound} growth allowed"),
    ("below", True): N_("more than the {bound} cut allowed"),
    ("below", False): N_("within the {bound} cut allowed"),
}


def _total_gate(result: PlanDiff, option: str, limit: Decimal, direction: str, warns: bool) -> Gate:
    unusable = _unusable(result, option, limit)
    if unusable is not None:
        return unusable
    budget = result.budget
    assert budget is not None
    change = budget.total.difference or ZERO  # in one currency here: never None
    moved = change if direction == "above" else -change
    currency = Code(budget.currency)
    if option.endswith("-pct"):
        share = budget.total.percent
        exceeded = moved > 0 if share is None else (share if direction == "above" else -share) > limit
        bound = Message(
            N_("{limit} of {currency} {total}"),
            limit=Percent(limit, None),
            currency=currency,
            total=Money(budget.total.old or ZERO),
        )
    else:
        exceeded = moved > limit
        bound = Message(N_("{currency} {amount}"), currency=currency, amount=Money(limit, exact=True))
    message = Message(
        N_("{option} {limit}: the plan total {moved}, {verdict}"),
        option=Code(option),
        limit=_limit(option, limit),
        moved=moved_message(budget, limit if option.endswith("-pct") else None),
        verdict=Message(VERDICTS[direction, exceeded], bound=bound),
    )
    if warns:
        return Gate(option, limit, False, message, warns=exceeded)
    return Gate(option, limit, exceeded, message)


def moved_message(budget: BudgetDiff, versus: Decimal | None = None) -> Message:
    """How the plan total moved: `grew by EUR 16,000 (+4.0%)`, `fell by …`, `did not change`; its percentage
    with the decimals that tell it apart from the percentage `versus` (a gate's limit)."""
    total = budget.total
    change = total.difference or ZERO
    if change == 0:
        return Message(N_("did not change"))
    currency, amount = Code(budget.currency), Money(abs(change))
    if total.percent is None:
        msgid = N_("grew by {currency} {amount}") if change > 0 else N_("fell by {currency} {amount}")
        return Message(msgid, currency=currency, amount=amount)
    msgid = N_("grew by {currency} {amount} ({change})") if change > 0 else N_("fell by {currency} {amount} ({change})")
    return Message(
        msgid, currency=currency, amount=amount, change=SignedPercent(total.percent, _apart(total.percent, versus))
    )


def _apart(share: Decimal, limit: Decimal | None) -> int:
    """The decimals of a percentage for people (one), or more to tell it apart from the `limit` it is judged by
    (a share of 1.00005% beside a limit of 1% reads 1.00005%, never 1.0%)."""
    if limit is None:
        return PERCENT_PLACES
    return places_to_tell_apart(abs(share), limit, PERCENT_PLACES)


def _transfer_years(budget: BudgetDiff) -> list[int]:
    """The years whose total is the same in both revisions, and present in both: where money only moved."""
    return [
        item.year
        for item in budget.year_totals
        if item.figure.old is not None and item.figure.new is not None and item.figure.difference == 0
    ]


def line_name(budget: BudgetDiff, line: str) -> Name:
    """A budget line's name (the plan's texts, shown in the language asked), its id when it has none."""
    return Name(budget.names.get(line) or {}, budget.languages, line)


def _transfer_line_gate(result: PlanDiff, limit: Decimal) -> Gate:
    option = "--transfer-limit-pct"
    unusable = _unusable(result, option, limit)
    if unusable is not None:
        return unusable
    budget = result.budget
    assert budget is not None
    years = set(_transfer_years(budget))
    over: list[Message] = []
    for cell in budget.cells:
        if cell.year not in years:
            continue
        old, change = cell.figure.old or ZERO, cell.figure.difference or ZERO
        if change != 0 and (old == 0 or abs(change) * HUNDRED > limit * abs(old)):
            name, year, moved = line_name(budget, cell.line), Year(cell.year), SignedMoney(change)
            if old:
                over.append(
                    Message(
                        N_("{line} {year} ({change}, {share} of {old})"),
                        line=name,
                        year=year,
                        change=moved,
                        share=SignedPercent(change * HUNDRED / old, _apart(change * HUNDRED / old, limit)),
                        old=Money(old),
                    )
                )
            else:
                over.append(Message(N_("{line} {year} ({change} from nothing)"), line=name, year=year, change=moved))
    args: dict[str, Value] = {"option": Code(option), "limit": _limit(option, limit), "percent": Percent(limit, None)}
    if over:
        message = Message(
            N_("{option} {limit}: moved by more than {percent} of the line's figure: {lines}"),
            **args,
            lines=Listing(tuple(over), N_("; ")),
        )
    elif years:
        message = Message(N_("{option} {limit}: no line-year moved by more than {percent} of its figure"), **args)
    else:
        message = Message(
            N_(
                "{option} {limit}: no line-year moved by more than {percent} of its figure (no year kept its total, "
                "so there is no transfer to check)"
            ),
            **args,
        )
    return Gate(option, limit, bool(over), message)


def _transfer_aggregate_gate(result: PlanDiff, limit: Decimal) -> Gate:
    option = "--transfer-aggregate-pct"
    unusable = _unusable(result, option, limit)
    if unusable is not None:
        return unusable
    budget = result.budget
    assert budget is not None
    totals = {item.year: item.figure.old or ZERO for item in budget.year_totals}
    over: list[Message] = []
    for year in _transfer_years(budget):
        moved = sum(
            (
                cell.figure.difference or ZERO
                for cell in budget.cells
                if cell.year == year and (cell.figure.difference or 0) > 0
            ),
            ZERO,
        )
        if moved and (totals[year] == 0 or moved * HUNDRED > limit * totals[year]):
            lines = Listing(
                tuple(
                    Message(
                        N_("{line} {change}"),
                        line=line_name(budget, cell.line),
                        change=SignedMoney(cell.figure.difference or ZERO),
                    )
                    for cell in budget.cells
                    if cell.year == year and cell.figure.difference
                ),
                N_(", "),
            )
            args: dict[str, Value] = {
                "year": Year(year),
                "currency": Code(budget.currency),
                "moved": Money(moved),
                "lines": lines,
            }
            if totals[year]:
                over.append(
                    Message(
                        N_("{year}: {currency} {moved} moved ({share} of {total}): {lines}"),
                        **args,
                        share=Percent(moved * HUNDRED / totals[year], _apart(moved * HUNDRED / totals[year], limit)),
                        total=Money(totals[year]),
                    )
                )
            else:
                over.append(Message(N_("{year}: {currency} {moved} moved (from nothing): {lines}"), **args))
    args = {"option": Code(option), "limit": _limit(option, limit), "percent": Percent(limit, None)}
    if over:
        message = Message(
            N_("{option} {limit}: moves add up to more than {percent} of the year's budget: {years}"),
            **args,
            years=Listing(tuple(over), N_("; ")),
        )
    else:
        message = Message(N_("{option} {limit}: no year's moves add up to more than {percent} of its budget"), **args)
    return Gate(option, limit, bool(over), message)
