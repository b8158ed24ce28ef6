"""Reading plan files: YAML text → data with positions (source), plan folders (loader), atomic writes."""
