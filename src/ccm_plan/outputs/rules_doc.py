"""Every finding id as documentation: `ccm-plan rules` lists them, and `docs/rules.md` is generated from the
rule docstrings (with their passing and failing examples), so the documentation cannot drift from the code.

Regenerate the committed page with `ccm-plan rules --format markdown --output docs/rules.md`.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from ..problems import Severity

REGENERATE = "ccm-plan rules --format markdown --output docs/rules.md"
_EXAMPLE = re.compile(r"^(?P<label>Passes|Fails)(?: \((?P<note>.*)\))?::\s*$")


class Documented(Protocol):
    """What `Rule` and `ReadingRule` have in common: enough to document them."""

    @property
    def id(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def doc(self) -> str: ...


@dataclass(frozen=True)
class Example:
    """A snippet from a rule's docstring that passes or fails it, with the docstring's note on why."""

    label: Literal["Passes", "Fails"]
    note: str
    text: str


@dataclass(frozen=True)
class RuleDoc:
    """One rule's documentation, parsed from its docstring."""

    id: str
    severity: Severity
    summary: str
    stage: Literal["rule", "reading"]
    description: str
    examples: tuple[Example, ...]

    @property
    def passes(self) -> list[Example]:
        return [example for example in self.examples if example.label == "Passes"]

    @property
    def fails(self) -> list[Example]:
        return [example for example in self.examples if example.label == "Fails"]


def parse(rule: Documented, stage: Literal["rule", "reading"]) -> RuleDoc:
    """Split a docstring into its prose and its `Passes::` / `Fails (why)::` blocks.

    The first line reads `id: what the rule checks`; it becomes the first sentence of the description.
    """
    lines = textwrap.dedent(rule.doc).strip("\n").splitlines()
    first = lines[0].strip() if lines else ""
    prefix = f"{rule.id}:"
    if first.startswith(prefix):
        first = first[len(prefix) :].strip()
        first = first[:1].upper() + first[1:]
    prose: list[str] = [first]
    examples: list[Example] = []
    index = 1
    while index < len(lines):
        match = _EXAMPLE.match(lines[index])
        if not match:
            prose.append(lines[index])
            index += 1
            continue
        index += 1
        block: list[str] = []
        while index < len(lines) and (not lines[index].strip() or lines[index][:1].isspace()):
            block.append(lines[index])
            index += 1
        label: Literal["Passes", "Fails"] = "Passes" if match["label"] == "Passes" else "Fails"
        examples.append(Example(label, match["note"] or "", textwrap.dedent("\n".join(block)).strip("\n")))
    description = re.sub(r"\n{3,}", "\n\n", "\n".join(prose)).strip()
    return RuleDoc(rule.id, Severity(rule.severity), rule.summary, stage, description, tuple(examples))


def catalogue() -> list[RuleDoc]:
    """Every finding id: the rules in the order they run, then the findings made while reading."""
    from ..rules import READING_RULES, RULES

    return [parse(rule, "rule") for rule in RULES] + [parse(rule, "reading") for rule in READING_RULES]


def render_text(docs: Sequence[RuleDoc]) -> str:
    width = max(len(doc.id) for doc in docs)
    return "".join(f"{doc.id:<{width}}  {doc.severity!s:<7}  {doc.summary}\n" for doc in docs)


def render_json(docs: Sequence[RuleDoc]) -> str:
    document = [
        {
            "id": doc.id,
            "severity": str(doc.severity),
            "summary": doc.summary,
            "stage": doc.stage,
            "description": doc.description,
            "examples": [{"label": e.label, "note": e.note, "text": e.text} for e in doc.examples],
        }
        for doc in docs
    ]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _example_heading(example: Example) -> str:
    return f"**{example.label}** ({example.note}):" if example.note else f"**{example.label}:**"


def markdown_section(doc: RuleDoc, *, heading: bool = True) -> str:
    """One rule as Markdown: severity, description, and each example as a YAML block."""
    out = [f"### {doc.id}", ""] if heading else []
    out += [f"Default severity: **{doc.severity}**.", "", doc.description, ""]
    for example in doc.examples:
        out += [_example_heading(example), "", "```yaml", example.text, "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def plain_text(doc: RuleDoc) -> str:
    """One rule as plain text, for tools that cannot show Markdown."""
    out = [doc.description, ""]
    for example in doc.examples:
        out.append(example.label + (f" ({example.note})" if example.note else "") + ":")
        out += [textwrap.indent(example.text, "    "), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def render_markdown(docs: Sequence[RuleDoc]) -> str:
    out = [
        "# Rules",
        "",
        f"<!-- Generated from the rule docstrings by `{REGENERATE}`; do not edit by hand. -->",
        "",
        "Every finding `ccm-plan validate` reports carries one of these ids. An error fails validation (exit 1); "
        "a warning fails it only with `--strict`. A plan accepts a finding with a waiver naming the rule and "
        "the finding's subject, and a reason.",
        "",
        "| id | default severity | summary |",
        "| --- | --- | --- |",
    ]
    out += [f"| [`{doc.id}`](#{doc.id}) | {doc.severity} | {_cell(doc.summary)} |" for doc in docs]
    for stage, heading in (("rule", "Rules checked on the plan"), ("reading", "Findings made while reading")):
        out += ["", f"## {heading}", ""]
        for doc in docs:
            if doc.stage == stage:
                out += [markdown_section(doc)]
    return "\n".join(out).rstrip("\n") + "\n"


FORMATS: dict[str, Callable[[Sequence[RuleDoc]], str]] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
}
