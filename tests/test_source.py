"""The loader: plain data from YAML, a position for every key and value, problems instead of exceptions."""

from __future__ import annotations

import datetime
import time
from decimal import Decimal
from pathlib import Path

from ccm_plan.read.source import MAX_DEPTH, load


def parse(tmp_path: Path, text: str | bytes) -> object:
    path = tmp_path / "plan.yaml"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return load(path, "plan.yaml")


def first(source: object) -> tuple[str, int, int]:
    problem = source.problems[0]  # type: ignore[attr-defined]
    return problem.rule, problem.line, problem.column


def test_positions_of_keys_values_and_items(tmp_path: Path) -> None:
    source = parse(tmp_path, "a:\n  b: 1\n  list:\n    - x\n    - {c: 2}\nflow: {2021: 5, 2022: 7}\n")
    assert source.data == {"a": {"b": 1, "list": ["x", {"c": 2}]}, "flow": {2021: 5, 2022: 7}}
    assert source.locate(("a", "b")) == (2, 6)
    assert source.locate(("a", "b"), key=True) == (2, 3)
    assert source.locate(("a", "list", 1)) == (5, 7)
    assert source.locate(("a", "list", 1, "c")) == (5, 11)
    assert source.locate(("flow", 2022)) == (6, 23)
    assert source.locate(("flow", 2022), key=True) == (6, 17)


def test_missing_path_resolves_to_nearest_ancestor(tmp_path: Path) -> None:
    source = parse(tmp_path, "a:\n  b: 1\n")
    assert source.locate(("a", "nope", 3)) == (2, 3)
    assert source.locate(()) == (1, 1)


def test_scalars_resolve_exactly(tmp_path: Path) -> None:
    source = parse(tmp_path, "i: 341405\nd: 0.1\nq: '12'\nn: null\nt: true\ndate: 2021-08-30\nx: 0x10\ns: 8(i)\n")
    assert source.data == {
        "i": 341405,
        "d": Decimal("0.1"),
        "q": "12",
        "n": None,
        "t": True,
        "date": datetime.date(2021, 8, 30),
        "x": 16,
        "s": "8(i)",
    }
    assert isinstance(source.data["d"], Decimal)  # money is never a float


def test_syntax_error_is_a_located_problem(tmp_path: Path) -> None:
    source = parse(tmp_path, "lines:\n  salaries: [1, 2\n  travel: {a: }\n")
    assert source.data is None
    assert first(source) == ("yaml-syntax", 3, 9)


def test_duplicate_key_reported_at_the_second(tmp_path: Path) -> None:
    source = parse(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert first(source) == ("yaml-duplicate-key", 3, 1)
    assert "line 1" in source.problems[0].message
    assert source.data == {"a": 1, "b": 2}


def test_python_tag_never_constructs(tmp_path: Path) -> None:
    source = parse(tmp_path, "a: !!python/object/apply:os.system ['echo hacked']\n")
    assert first(source) == ("yaml-tag", 1, 4)


def test_alias_bomb_is_rejected_fast(tmp_path: Path) -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 10):
        previous = chr(ord("a") + index - 1)
        name = chr(ord("a") + index)
        levels.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    started = time.perf_counter()
    source = parse(tmp_path, "\n".join(levels) + "\n")
    assert time.perf_counter() - started < 5
    assert source.problems[0].rule == "yaml-limit"
    assert source.data is None


def test_small_aliases_are_allowed(tmp_path: Path) -> None:
    source = parse(tmp_path, "a: &x {en: Same}\nb: *x\n")
    assert source.problems == []
    assert source.data == {"a": {"en": "Same"}, "b": {"en": "Same"}}


def test_deep_nesting_is_a_problem(tmp_path: Path) -> None:
    source = parse(tmp_path, "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n")
    assert source.problems[0].rule == "yaml-limit"


def test_non_utf8_names_the_byte(tmp_path: Path) -> None:
    source = parse(tmp_path, b"a: 1\nb: caf\xe9\n")
    assert first(source) == ("yaml-syntax", 2, 7)


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    source = parse(tmp_path, "\ufeffa: 1\r\nb:\r\n  c: 2\r\n".encode())
    assert source.problems == []
    assert source.data == {"a": 1, "b": {"c": 2}}
    assert source.locate(("b", "c")) == (3, 6)


def test_tab_indentation_gets_a_clear_message(tmp_path: Path) -> None:
    source = parse(tmp_path, "a:\n\tb: 1\n")
    assert source.problems[0].rule == "yaml-syntax"
    assert "tab" in source.problems[0].message


def test_empty_file_is_no_data(tmp_path: Path) -> None:
    source = parse(tmp_path, "")
    assert source.data is None and source.problems == []


def test_second_document_is_a_problem(tmp_path: Path) -> None:
    source = parse(tmp_path, "a: 1\n---\nb: 2\n")
    assert first(source) == ("yaml-syntax", 2, 1)


def test_non_utf8_after_a_lone_carriage_return(tmp_path: Path) -> None:
    """Found by the property tests: a lone CR ends a line in YAML, so the bad byte is on line 2."""
    source = parse(tmp_path, b"\r\x00\x80a: 1\n")
    assert first(source) == ("yaml-syntax", 2, 2)
