"""Two revisions of a plan compared, matched by ids: revisions (folders and git), the comparison."""
