"""How figures and words reach people: precision, rounding, number formats and the tool's words."""
