"""Problems → SARIF 2.1.0, the format GitHub code scanning (and other review tools) read.

Each problem becomes a result at its file, line and column; every finding id is listed as a rule with the
documentation from `rules_doc`, so a reviewer can read what the rule checks and an example beside the alert.
A finding the plan accepts with a waiver is a result with an in-source suppression carrying the waiver's reason.
URIs are relative to the folder `validate` ran in: run it from the repository root.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..present.numbers import ENGLISH
from ..present.voice import Voice
from ..problems import Problem, Severity
from .rules_doc import RuleDoc, catalogue, markdown_section, plain_text

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.ERROR else "warning"


def artifact_uri(file: str) -> str:
    """A problem's file as a URI reference: relative paths stay relative (with `/`), absolute ones become file:."""
    path = PurePath(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix(), safe="/")


def _rule(doc: RuleDoc) -> dict[str, Any]:
    first_paragraph = doc.description.split("\n\n", 1)[0].replace("\n", " ")
    return {
        "id": doc.id,
        "name": "".join(part.capitalize() for part in doc.id.split("-")),
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": first_paragraph},
        "help": {"text": plain_text(doc), "markdown": markdown_section(doc, heading=False)},
        "defaultConfiguration": {"level": _level(doc.severity)},
        "properties": {"tags": ["ccm-plan", doc.stage]},
    }


def _result(problem: Problem, index: dict[str, int], voice: Voice) -> dict[str, Any]:
    message = problem.text(voice)
    if problem.accepted is not None:
        text = message + "\n" + voice._("accepted: {reason}", reason=problem.accepted)
    elif problem.hint:
        text = message + "\n" + voice._("fix: {hint}", hint=problem.hint_text(voice))
    else:
        text = message
    result: dict[str, Any] = {"ruleId": problem.rule}
    if problem.rule in index:
        result["ruleIndex"] = index[problem.rule]
    result |= {
        "level": _level(problem.severity),
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(problem.file)},
                    "region": {"startLine": problem.line, "startColumn": problem.column},
                }
            }
        ],
    }
    if problem.subject:
        result["properties"] = {"subject": problem.subject}
    if problem.accepted is not None:
        result["suppressions"] = [{"kind": "inSource", "status": "accepted", "justification": problem.accepted}]
    return result


def sarif_document(problems: Sequence[Problem], voice: Voice | None = None) -> dict[str, Any]:
    """The SARIF log of one validate run, as a dict."""
    docs = catalogue()
    index = {doc.id: number for number, doc in enumerate(docs)}
    driver = {
        "name": "ccm-plan",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [_rule(doc) for doc in docs],
    }
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",  # columns count characters, as the YAML parser does
        "results": [_result(problem, index, voice or Voice(ENGLISH)) for problem in problems],
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(problems: Sequence[Problem], files: int, voice: Voice | None = None) -> str:
    """The SARIF log; messages in the voice's language (English by default), rule ids and docs as they are."""
    del files  # SARIF lists results, not a summary; kept for the renderer signature
    return json.dumps(sarif_document(problems, voice), ensure_ascii=False, indent=2) + "\n"
