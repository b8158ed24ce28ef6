"""The pydantic shapes of the plan's files: what a well-formed file looks like."""
