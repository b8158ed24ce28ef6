"""A small plan of another unit after adoption (EUR, 2024–2026, en/fr): the minimal fixture plus account codes, a
transfer authority, one year's actuals and contributions in three currencies. Tests edit the copy they get."""

from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL, copy_plan, edit

ACTUALS_2024 = """\
kind: ccm-plan/actuals
schema_version: 1
year: 2024
status: audited
as_of: 2025-03-31
source: {en: Audited statement 2024, fr: États financiers vérifiés 2024}
amounts: {salaries: 99000.50, social-charges: 14850, travel: 12550}
"""

CONTRIBUTIONS = """\
kind: ccm-plan/contributions
schema_version: 1
contributors:
  - {id: north, name: {en: North, fr: Nord}, scale_percent: 50}
  - {id: south, name: {en: South, fr: Sud}, scale_percent: 30}
  - {id: east, name: {en: East, fr: Est}, scale_percent: 20}
  - {id: west, name: {en: West, fr: Ouest}}
entries:
  - {contributor: north, year: 2024, kind: pledged, date: 2023-12-01, amount: 60000}
  - {contributor: north, year: 2024, kind: received, date: 2024-02-01, amount: 50000}
  - {contributor: south, year: 2024, kind: received, date: 2024-03-01, amount: 40000, currency: USD, rate: 0.92}
  - {contributor: east, year: 2024, kind: pledged, date: 2024-01-15, amount: 10000, currency: CHF, rate: 1.05}
  - {contributor: west, year: 2024, kind: received, date: 2024-05-05, amount: 1000}
"""


def adopted_plan(tmp_path: Path) -> Path:
    """The minimal plan, adopted: account codes, a transfer authority, 2024's audited actuals, contributions."""
    plan = copy_plan(MINIMAL, tmp_path / "adopted")
    budget = plan / "budget.yaml"
    edit(budget, "    amounts: {2024: 100000", "    account_codes: [6000, '6000-01']\n    amounts: {2024: 100000")
    edit(budget, "    amounts: {2024: 15000", "    account_codes: [6100]\n    amounts: {2024: 15000")
    edit(budget, "    amounts: {2024: 12000", "    account_codes: [TRV]\n    amounts: {2024: 12000")
    edit(budget, "  staffing:", "  transfer_authority: {line_percent: 5, total_percent: 2}\n  staffing:")
    (plan / "actuals-2024.yaml").write_text(ACTUALS_2024, encoding="utf-8")
    (plan / "contributions.yaml").write_text(CONTRIBUTIONS, encoding="utf-8")
    return plan
