"""The rules, listed explicitly: `ccm-plan rules` and `docs/rules.md` show them in this order.

Rule ids are never reused once released.
"""

from __future__ import annotations

from . import (
    actuals_files,
    amount_precision,
    consistency,
    contribution_entries,
    currency_code,
    explained_variance,
    indexation,
    period_years,
    rates,
    staffing,
    stated_totals,
    transfer_authority,
    travel_legs,
)
from .base import Finding, PlanModels, Rule
from .reading import READING_RULES, ReadingRule

RULES: tuple[Rule, ...] = (
    period_years.RULE,
    amount_precision.RULE,
    stated_totals.RULE,
    rates.RULE,
    indexation.RULE,
    travel_legs.RULE,
    explained_variance.RULE,
    staffing.RULE,
    consistency.RULE,
    actuals_files.RULE,
    transfer_authority.RULE,
    contribution_entries.RULE,
    currency_code.RULE,
)

# Ids of rules that were released and later replaced: never reused, and a waiver naming one is told where its
# findings went.
RETIRED_RULES: dict[str, str] = {"social-security-rate": "rates"}

# Problems found before the rules can run (reading and shape), documented with the rules in `reading.py`.
SOURCE_RULES: dict[str, str] = {rule.id: rule.summary for rule in READING_RULES}

__all__ = ["READING_RULES", "RETIRED_RULES", "RULES", "SOURCE_RULES", "Finding", "PlanModels", "ReadingRule", "Rule"]
