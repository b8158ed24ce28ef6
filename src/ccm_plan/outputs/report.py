"""Problems → text for people, JSON for programs, GitHub Actions annotations for pull requests.

Each renderer returns the whole output as a string; the CLI decides where it goes. FORMATS is the registry
that also defines the `--format` choices.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..problems import Problem, counts
from ..read.characters import visible

JSON_VERSION = 1


def summary_line(problems: Sequence[Problem], files: int) -> str:
    errors, warnings, accepted = counts(problems)
    files_text = f"{files} file{'s' if files != 1 else ''}"
    total = errors + warnings
    if not total and not accepted:
        return f"no problems in {files_text}"
    text = (
        f"{total} problem{'s' if total != 1 else ''} ({errors} error{'s' if errors != 1 else ''}, "
        f"{warnings} warning{'s' if warnings != 1 else ''})"
    )
    if accepted:
        text += f", {accepted} accepted"
    return f"{text} in {files_text}"


def render_text(problems: Sequence[Problem], files: int) -> str:
    out = []
    for problem in problems:
        status = f"accepted {problem.severity}" if problem.accepted is not None else str(problem.severity)
        out.append(f"{problem.location}: {status} [{problem.rule}] {problem.message}")
        if problem.accepted is not None:
            out.append(f"    accepted: {problem.accepted}")
        elif problem.hint:
            out.append(f"    fix: {problem.hint}")
    out.append(summary_line(problems, files))
    return visible("\n".join(out) + "\n")


def render_json(problems: Sequence[Problem], files: int) -> str:
    errors, warnings, accepted = counts(problems)
    document = {
        "version": JSON_VERSION,
        "summary": {"errors": errors, "warnings": warnings, "accepted": accepted, "files": files},
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "severity": str(p.severity),
                "rule": p.rule,
                "message": p.message,
                "hint": p.hint,
                "subject": p.subject,
                "accepted": p.accepted,
            }
            for p in problems
        ],
    }
    import json  # here, not at the top: the text output, validate's default, does not need it

    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(problems: Sequence[Problem], files: int) -> str:
    """GitHub Actions workflow commands: each problem becomes an inline annotation on the pull request."""
    out = []
    for p in problems:
        level = "notice" if p.accepted is not None else ("error" if p.severity == "error" else "warning")
        detail = f"accepted: {p.accepted}" if p.accepted is not None else f"fix: {p.hint}"
        out.append(
            f"::{level} file={_escape_property(p.file)},line={p.line},col={p.column},"
            f"title={_escape_property(p.rule)}::{_escape_data(p.message + chr(10) + detail)}"
        )
    out.append(summary_line(problems, files))
    return visible("\n".join(out) + "\n")


def render_sarif(problems: Sequence[Problem], files: int) -> str:
    """SARIF 2.1.0 for GitHub code scanning; built in `sarif.py`, which loads the rule docs only when asked."""
    from .sarif import render_sarif as render

    return render(problems, files)


Renderer = Callable[[Sequence[Problem], int], str]
FORMATS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
}
