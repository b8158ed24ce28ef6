"""The rules, listed explicitly: `ccm-plan rules` and `docs/rules.md` show them in this order.

Rule ids are never reused once released.
"""

from __future__ import annotations

from . import (
    consistency,
    explained_variance,
    period_years,
    social_security_rate,
    staffing,
    stated_totals,
    travel_legs,
)
from .base import Finding, PlanModels, Rule

RULES: tuple[Rule, ...] = (
    period_years.RULE,
    stated_totals.RULE,
    social_security_rate.RULE,
    travel_legs.RULE,
    explained_variance.RULE,
    staffing.RULE,
    consistency.RULE,
)

# Problems found before the rules can run (reading and shape), documented with the rules.
SOURCE_RULES: dict[str, str] = {
    "yaml-syntax": "The file is UTF-8 text and valid YAML, with one document and space indentation.",
    "yaml-duplicate-key": "No key appears twice in the same mapping.",
    "yaml-tag": "No YAML tags beyond the standard ones: a plan file never constructs objects.",
    "yaml-limit": "The file stays within the size, nesting, alias and value-length limits.",
    "schema": "Each file has the keys and types of its kind; unknown keys, wrong types and negative amounts are errors.",
    "plan-files": "A plan folder holds one budget file and at most one work plan, recognised by their `kind`.",
    "unused-waiver": "Every waiver matches a finding; a waiver that accepts nothing is stale and should go.",
}

__all__ = ["RULES", "SOURCE_RULES", "Finding", "PlanModels", "Rule"]
