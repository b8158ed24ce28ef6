"""Problems → text for people, JSON for programs, GitHub Actions annotations for pull requests.

Each renderer returns the whole output as a string; the CLI decides where it goes. FORMATS is the registry
that also defines the `--format` choices.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..present.message import Count
from ..present.numbers import ENGLISH
from ..present.voice import Voice
from ..problems import Problem, Severity, counts
from ..read.characters import visible

JSON_VERSION = 2


def summary_line(problems: Sequence[Problem], files: int, voice: Voice | None = None) -> str:
    """`2 problems (1 error, 1 warning), 1 accepted in 2 files`, in the voice's language."""
    voice = voice or Voice(ENGLISH)
    errors, warnings, accepted = counts(problems)
    files_text = voice.n_("{count} file", "{count} files", files, count=Count(files))
    total = errors + warnings
    if not total and not accepted:
        return voice._("no problems in {files}", files=files_text)
    text = voice._(
        "{problems} ({errors}, {warnings})",
        problems=voice.n_("{count} problem", "{count} problems", total, count=Count(total)),
        errors=voice.n_("{count} error", "{count} errors", errors, count=Count(errors)),
        warnings=voice.n_("{count} warning", "{count} warnings", warnings, count=Count(warnings)),
    )
    if accepted:
        text = voice._("{problems}, {count} accepted", problems=text, count=Count(accepted))
    return voice._("{summary} in {files}", summary=text, files=files_text)


def severity_word(problem: Problem, voice: Voice) -> str:
    """`error`, `warning`, `accepted warning`, in the voice's language."""
    if problem.accepted is not None:
        if problem.severity is Severity.ERROR:
            return voice._("accepted error")
        return voice._("accepted warning")
    return voice._("error") if problem.severity is Severity.ERROR else voice._("warning")


def render_text(problems: Sequence[Problem], files: int, voice: Voice | None = None) -> str:
    """One line per problem (`file:line:column: severity [rule] message`), its hint or waiver below it, and a
    summary line; the tool's words in the voice's language (rule ids never change)."""
    voice = voice or Voice(ENGLISH)
    out = []
    for problem in problems:
        out.append(f"{problem.location}: {severity_word(problem, voice)} [{problem.rule}] {problem.text(voice)}")
        if problem.accepted is not None:
            out.append("    " + voice._("accepted: {reason}", reason=problem.accepted))
        elif problem.hint:
            out.append("    " + voice._("fix: {hint}", hint=problem.hint_text(voice)))
    out.append(summary_line(problems, files, voice))
    return visible("\n".join(out) + "\n")


def render_json(problems: Sequence[Problem], files: int, voice: Voice | None = None) -> str:
    """`{"version": 2, "language": "en", "summary": {...}, "problems": [{file, line, column, severity, rule,
    message, message_id, hint, subject, accepted}]}`: keys in English; `message` and `hint` in the language
    asked (`language`), figures at the plan's precision; `message_id` is the English message id of a rule's
    finding (the catalogs' msgid), null for a reading or schema finding. Version 2 added `language` and
    `message_id`."""
    voice = voice or Voice(ENGLISH)
    errors, warnings, accepted = counts(problems)
    document = {
        "version": JSON_VERSION,
        "language": voice.language,
        "summary": {"errors": errors, "warnings": warnings, "accepted": accepted, "files": files},
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "severity": str(p.severity),
                "rule": p.rule,
                "message": p.text(voice),
                "message_id": p.said.id if p.said is not None else None,
                "hint": p.hint_text(voice),
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


def render_github(problems: Sequence[Problem], files: int, voice: Voice | None = None) -> str:
    """GitHub Actions workflow commands: each problem becomes an inline annotation on the pull request."""
    voice = voice or Voice(ENGLISH)
    out = []
    for p in problems:
        level = "notice" if p.accepted is not None else ("error" if p.severity == "error" else "warning")
        detail = (
            voice._("accepted: {reason}", reason=p.accepted)
            if p.accepted is not None
            else voice._("fix: {hint}", hint=p.hint_text(voice))
        )
        out.append(
            f"::{level} file={_escape_property(p.file)},line={p.line},col={p.column},"
            f"title={_escape_property(p.rule)}::{_escape_data(p.text(voice) + chr(10) + detail)}"
        )
    out.append(summary_line(problems, files, voice))
    return visible("\n".join(out) + "\n")


def render_sarif(problems: Sequence[Problem], files: int, voice: Voice | None = None) -> str:
    """SARIF 2.1.0 for GitHub code scanning; built in `sarif.py`, which loads the rule docs only when asked."""
    from .sarif import render_sarif as render

    return render(problems, files, voice)


Renderer = Callable[[Sequence[Problem], int, Voice | None], str]
FORMATS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
}
