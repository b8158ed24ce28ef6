"""Exact arithmetic over the plan: totals, shares, year-on-year changes. Display never happens here."""
