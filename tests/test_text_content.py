"""Text content: YAML 1.2's line separators are ordinary characters (kept, and reported at the character); control
and invisible characters are reported, located, and shown escaped on every terminal and Markdown output while
JSON and CSV keep them as data; a `%YAML 1.1` directive is reported.

The first case of each kind is the input of issue 10; hypothesis draws more of the same kind.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccm_plan.check import check_paths
from ccm_plan.read.characters import HIDDEN, LINE_SEPARATORS, SHOWN, describe, visible
from ccm_plan.read.source import Source, parse_text
from conftest import DATA, copy_plan, edit, run_cli

NOTE = "Consultancy services, room rental, workshops, catering, etc."
BUDGET_TEXT = (DATA / "budget.yaml").read_text(encoding="utf-8")
NOTE_LINE = BUDGET_TEXT.splitlines().index(f"      en: {NOTE}") + 1
NOTE_COLUMN = len("      en: ") + 1

# Characters that may stand in a YAML file as themselves, and those YAML allows only as an escape.
RAW = [*LINE_SEPARATORS, "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
RAW += ["\u200b", "\u2060", "\ufeff", "\u180e"]
ESCAPED = [chr(code) for code in [*range(0x00, 0x09), 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20), *range(0x7F, 0xA0)]]


def parsed(text: str) -> Source:
    return parse_text(text, Source(Path("budget.yaml"), "budget.yaml"))


def findings(source: Source, rule: str = "hidden-character") -> list[tuple[int, int]]:
    return [(p.line, p.column) for p in source.problems if p.rule == rule]


# ----------------------------------------------------------------------------------- line separators


def test_a_line_separator_in_a_note_is_kept_and_reported_at_the_character(tmp_path: Path) -> None:
    """Issue 10's input: U+2028 pasted into the shipped plan's note used to be a yaml-syntax error three lines on."""
    plan = copy_plan(DATA, tmp_path / "plan")
    edit(plan / "budget.yaml", "Consultancy services, room rental", "Consultancy services,\u2028room rental")
    result = check_paths([plan])
    assert [p.rule for p in result.problems if p.severity == "error"] == []
    (hidden,) = [p for p in result.problems if p.rule == "hidden-character"]
    assert (hidden.line, hidden.column) == (NOTE_LINE, NOTE_COLUMN + len("Consultancy services,"))
    assert hidden.severity == "warning" and "U+2028 LINE SEPARATOR" in hidden.message
    note = parsed((plan / "budget.yaml").read_text(encoding="utf-8")).data["lines"][-1]["note"]["en"]
    assert note == "Consultancy services,\u2028room rental, workshops, catering, etc."
    # every figure after the character is where it was: the separator breaks no line
    run = run_cli("validate", plan, "--format", "json")
    assert run.code == 0, run.stderr
    assert [
        (p["line"], p["column"]) for p in json.loads(run.stdout)["problems"] if p["rule"] != "hidden-character"
    ] == [(p.line, p.column) for p in check_paths([DATA]).problems]


@settings(max_examples=60)
@given(
    character=st.sampled_from(RAW),
    at=st.integers(0, len(NOTE)),
    quoted=st.booleans(),
)
def test_a_raw_hidden_character_anywhere_in_a_text_is_kept_and_located(character: str, at: int, quoted: bool) -> None:
    text = NOTE[:at] + character + NOTE[at:]
    written = json.dumps(text, ensure_ascii=False) if quoted else text
    if not quoted and (text != text.strip() or text[:1] in "&*!|>'\"%@`#-?:,[]{}"):
        written = json.dumps(text, ensure_ascii=False)  # a plain scalar cannot start or end with it
    column = NOTE_COLUMN + (written != text) + at
    source = parsed(BUDGET_TEXT.replace(f"en: {NOTE}", f"en: {written}"))
    assert not [p for p in source.problems if p.severity == "error"], source.problems
    assert source.data["lines"][-1]["note"]["en"] == text
    assert findings(source) == [(NOTE_LINE, column)]


@settings(max_examples=60)
@given(character=st.sampled_from(ESCAPED + RAW), at=st.integers(0, len(NOTE)))
def test_an_escaped_hidden_character_is_reported_at_its_escape(character: str, at: int) -> None:
    text = NOTE[:at] + character + NOTE[at:]
    escaped = json.dumps(text)  # a JSON string is a YAML double-quoted scalar; \uXXXX for what is not ASCII
    source = parsed(BUDGET_TEXT.replace(f"en: {NOTE}", f"en: {escaped}"))
    assert source.data["lines"][-1]["note"]["en"] == text
    (problem,) = [p for p in source.problems if p.rule == "hidden-character"]
    assert (problem.line, problem.column) == (NOTE_LINE, NOTE_COLUMN + 1 + at)  # the backslash, after the quote
    assert named(character) in problem.message and "escape" in problem.message


@settings(max_examples=40)
@given(
    characters=st.lists(st.sampled_from(RAW), min_size=2, max_size=4),
    places=st.lists(st.integers(0, len(NOTE)), min_size=4, max_size=4, unique=True),
)
def test_every_raw_hidden_character_of_a_text_is_reported_at_itself(characters: list[str], places: list[int]) -> None:
    """A new user's trial: only the first hidden character of a text was named (the others as a count)."""
    at = sorted(places[: len(characters)])
    text = (
        "".join(NOTE[start:end] + character for start, end, character in zip([0, *at], at, characters, strict=False))
        + NOTE[at[-1] :]
    )
    written = json.dumps(text, ensure_ascii=False)
    source = parsed(BUDGET_TEXT.replace(f"en: {NOTE}", f"en: {written}"))
    assert source.data["lines"][-1]["note"]["en"] == text
    columns = [NOTE_COLUMN + 1 + index + place for index, place in enumerate(at)]
    assert findings(source) == [(NOTE_LINE, column) for column in columns]
    messages = [p.message for p in source.problems if p.rule == "hidden-character"]
    assert [named(character) in message for character, message in zip(characters, messages, strict=True)] == [
        True
    ] * len(at)


def test_every_escape_of_a_folded_text_is_reported_at_its_backslash() -> None:
    text = 'note: "one\\e two\\\\e\\u200b\n  three\\x1b four\\\n  \\rfive"\n'
    source = parsed("kind: ccm-plan/budget\n" + text)
    assert source.data["note"] == "one\x1b two\\e\u200b three\x1b four\rfive"
    # an escaped backslash before an e writes no control character: not reported
    assert findings(source) == [(2, 11), (2, 20), (3, 8), (4, 3)]


def test_line_separators_in_keys_comments_and_block_texts_break_no_line() -> None:
    text = "# a comment\u2028with a separator\nkind: ccm-plan/budget\nnote: |\n  one\u2029two\n  three\nplan: 5\n"
    source = parsed(text)
    assert source.data == {"kind": "ccm-plan/budget", "note": "one\u2029two\nthree\n", "plan": 5}
    assert findings(source) == [(1, 12), (4, 6)]
    assert source.locate(("plan",)) == (6, 7)


# ------------------------------------------------------------------------------------------ outputs


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plan with an erase-line escape in a line's name, a right-to-left override in the Chinese name
    of another and a line separator in a note: what a reviewer must see, not what a terminal would do with it."""
    plan = copy_plan(DATA, tmp_path_factory.mktemp("hostile") / "plan")
    budget = plan / "budget.yaml"
    edit(budget, "en: Other implementation support costs}", 'en: "Other implementation \\e[2K\\rsupport costs"}')
    edit(budget, "zh: 行政费用,", "zh: 行政\u202e费用,")
    edit(budget, "Consultancy services, room rental", "Consultancy services,\u2028room rental")
    return plan


@pytest.mark.parametrize(
    "args",
    [
        ["totals", "{plan}"],
        ["totals", "{plan}", "--lang", "zh"],
        ["totals", "{plan}", "--format", "markdown", "--lang", "zh"],
        ["diff", "data", "{plan}"],
        ["diff", "data", "{plan}", "--format", "markdown"],
        ["validate", "{plan}"],
        ["validate", "{plan}", "--format", "github"],
        ["export", "md", "{plan}", "--output", "-", "--draft"],
        ["export", "md", "{plan}", "--output", "-", "--lang", "zh", "--draft"],
    ],
)
def test_terminal_and_markdown_outputs_show_hidden_characters_escaped(args: list[str], hostile: Path) -> None:
    run = run_cli(*(arg.format(plan=hostile) for arg in args))
    assert "Traceback" not in run.stderr
    shown = SHOWN.findall(run.stdout + run.stderr)
    assert shown == [], shown
    if args[0] != "validate":
        shown = run.stdout.replace("\\", "")  # Markdown escapes the brackets: \[U+202E\]
        assert "[U+001B][2K[U+000D]support costs" in shown or "[U+202E]" in shown


def test_text_output_of_diff_keeps_a_separated_text_on_one_line(hostile: Path) -> None:
    out = run_cli("diff", "data", hostile).stdout
    assert "    [en] + Consultancy services,[U+2028]room rental, workshops, catering, etc." in out.splitlines()


def test_json_and_csv_keep_the_characters_as_data(hostile: Path) -> None:
    document = json.loads(run_cli("totals", hostile, "--format", "json").stdout)
    assert "Other implementation \x1b[2K\rsupport costs" in strings(document)
    rows = list(csv.reader(io.StringIO(run_cli("totals", hostile, "--format", "csv", "--lang", "zh").stdout)))
    assert any("行政\u202e费用" in cell for row in rows for cell in row)
    diff = json.loads(run_cli("diff", "data", hostile, "--format", "json").stdout)
    assert "Consultancy services,\u2028room rental, workshops, catering, etc." in strings(diff)


def strings(document: object) -> set[str]:
    """Every text in a JSON document, decoded."""
    if isinstance(document, dict):
        return set().union(*(strings(value) for value in document.values()), set())
    if isinstance(document, list):
        return set().union(*(strings(value) for value in document), set())
    return {document} if isinstance(document, str) else set()


@given(st.text())
def test_visible_leaves_nothing_hidden_and_changes_nothing_else(text: str) -> None:
    shown = visible(text)
    assert SHOWN.search(shown) is None
    assert visible(shown) == shown
    assert re.sub(r"\[U\+([0-9A-F]{4})\]", lambda m: chr(int(m.group(1), 16)), shown) == text or "[U+" in text
    if HIDDEN.search(text) is None and "\r" not in text:
        assert shown == text


# ------------------------------------------------------------------------------------------ %YAML


def test_a_yaml_1_1_directive_is_reported_at_the_directive() -> None:
    """Issue 10's input: `012000` is 12,000 to ccm-plan and 5,120 to a YAML 1.1 reader."""
    source = parsed("# budget\n%YAML 1.1\n---\nplan: 012000\n")
    (problem,) = source.problems
    assert (problem.rule, problem.line, problem.column, problem.severity) == ("yaml-version", 2, 1, "error")
    assert "012000 is 12,000 in 1.2, 5,120 in 1.1" in problem.message


def test_a_yaml_1_2_directive_is_fine() -> None:
    assert parsed("%YAML 1.2\n---\nplan: 1\n").problems == []


@pytest.mark.parametrize("version", ["1.0", "1.3", "2.0", "3.1"])
def test_a_directive_of_another_major_version_cannot_be_read(version: str) -> None:
    source = parsed(f"# budget\n%YAML {version}\n---\nplan: 1\n")
    (problem,) = source.problems
    assert (problem.rule, problem.line, problem.column) == ("yaml-syntax", 2, 1)
    assert "it reads YAML 1.2" in problem.message


def test_a_yaml_1_1_plan_is_not_checked_further(tmp_path: Path) -> None:
    plan = copy_plan(DATA, tmp_path / "plan")
    edit(plan / "budget.yaml", "kind: ccm-plan/budget", "%YAML 1.1\n---\nkind: ccm-plan/budget")
    run = run_cli("validate", plan)
    assert run.code == 1 and "[yaml-version]" in run.stdout and "[stated-totals]" not in run.stdout
    assert run_cli("totals", plan).code == 1


def named(character: str) -> str:
    """How a finding names a character: its code point and Unicode name (a control without a name by its code
    point alone, the message saying what it is)."""
    return describe(character).removesuffix(" control character")
