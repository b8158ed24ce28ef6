"""Documents made from the plan: the workbook."""
