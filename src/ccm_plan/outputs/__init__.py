"""Problems, totals, diffs, rule documentation and schemas rendered for terminals and machines."""
