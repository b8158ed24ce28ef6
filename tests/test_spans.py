"""edit/spans.py: the exact characters of values found from parser events, edits applied, and any other change
caught; and fix's use of it on one top-level entry of a large file."""

from __future__ import annotations

import codecs
from decimal import Decimal
from pathlib import Path

import pytest

from ccm_plan.edit import spans
from ccm_plan.edit.fix import rewrite_figures
from ccm_plan.read.source import Source, parse_text
from conftest import run_cli

TEXT = (
    "# a plan of another unit\r\n"
    "title: {es: 'Presupuesto ñandú 😀', ar: الميزانية}\r\n"
    "totals:\r\n"
    "  years: {2025: 1000, 2026: '2000'}\r\n"
    "  plan: &p 3000\r\n"
    "  again: *p\r\n"
    "lines:\r\n"
    "  - id: a\r\n"
    "    amounts:\r\n"
    "      2025: 10.50   # kept\r\n"
)


def test_locate_gives_the_exact_characters_of_scalars_after_wide_characters_and_crlf() -> None:
    found = spans.locate(
        TEXT,
        [
            ("totals", "years", 2025),
            ("totals", "years", 2026),
            ("totals", "plan"),
            ("totals", "again"),
            ("lines", 0, "amounts", 2025),
            ("lines", 0, "missing"),
        ],
    )
    year = found["totals", "years", 2025]
    assert TEXT[year.start : year.end] == "1000" and year.plain and (year.line, year.column) == (4, 17)
    quoted = found["totals", "years", 2026]
    assert TEXT[quoted.start : quoted.end] == "'2000'" and not quoted.plain and quoted.value == "2000"
    assert not found["totals", "plan"].plain  # an anchor is not a plain figure
    assert found["totals", "again"].kind == "alias"
    amount = found["lines", 0, "amounts", 2025]
    assert TEXT[amount.start : amount.end] == "10.50" and amount.line == 10
    assert ("lines", 0, "missing") not in found


def test_locate_gives_a_mappings_style_and_entries() -> None:
    found = spans.locate(TEXT, [("totals", "years"), ("lines", 0, "amounts"), ("totals",)])
    years = found["totals", "years"]
    assert years.kind == "mapping" and years.flow and TEXT[years.start] == "{" and TEXT[years.end - 1] == "}"
    assert [entry.key for entry in years.entries] == [2025, 2026]
    assert TEXT[years.entries[1].key_start : years.entries[1].value_end] == "2026: '2000'"
    amounts = found["lines", 0, "amounts"]
    assert not amounts.flow and amounts.entries[0].column == 7
    assert [entry.key for entry in found["totals",].entries] == ["years", "plan", "again"]


def test_same_except_accepts_exactly_the_edits_and_nothing_more() -> None:
    year = spans.locate(TEXT, [("totals", "years", 2025)])["totals", "years", 2025]
    good = spans.Splice(year.start, year.end, "1500", ("1500",))
    assert spans.same_except(TEXT, spans.apply(TEXT, [good]), [good])
    # the same splice claimed to hold another value
    assert not spans.same_except(TEXT, spans.apply(TEXT, [good]), [spans.Splice(year.start, year.end, "1500", ("9",))])
    # a replacement that turns the figure into text, or adds a key
    for text in ("'1500'", "1500, 2027: 5"):
        splice = spans.Splice(year.start, year.end, text, ("1500",))
        assert not spans.same_except(TEXT, spans.apply(TEXT, [splice]), [splice])
    # any change elsewhere in the file, even far from the edit
    changed = spans.apply(TEXT, [good]).replace("id: a", "id: b")
    assert not spans.same_except(TEXT, changed, [good])
    # an insertion that breaks the block indentation
    end = TEXT.index("   # kept")
    insertion = spans.Splice(end, end, "\r\n     2026: 11", ("2026", "11"))
    assert not spans.same_except(TEXT, spans.apply(TEXT, [insertion]), [insertion])
    right = spans.Splice(end, end, "\r\n      2026: 11", ("2026", "11"))
    assert spans.same_except(TEXT, spans.apply(TEXT, [right]), [right])


def test_apply_refuses_overlapping_edits() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        spans.apply("abcdef", [spans.Splice(0, 3, "x", ()), spans.Splice(2, 4, "y", ())])


def _source(text: str) -> Source:
    return parse_text(text, Source(Path("budget.yaml"), "budget.yaml"))


def test_root_window_is_the_entries_that_hold_the_edit() -> None:
    source = _source(TEXT)
    start, end = spans.root_window(TEXT, source, {"totals"}) or (0, 0)
    assert TEXT[start:end] == "totals:\r\n  years: {2025: 1000, 2026: '2000'}\r\n  plan: &p 3000\r\n  again: *p\r\n"
    start, end = spans.root_window(TEXT, source, {"lines", "title"}) or (0, 0)
    assert TEXT[start:end] == TEXT[TEXT.index("title") :]  # from the first to the end of the file
    assert spans.root_window("{a: 1,\n b: 2}\n", _source("{a: 1,\n b: 2}\n"), {"a"}) is None  # a flow mapping


@pytest.mark.parametrize(
    "text",
    [
        "kind: x\ntotals: {years: {2025: 1}, plan: 1}",  # the last entry, no final line break
        "totals:\n  years: {2025: 1}\n  plan: 1\nkind: x\n",  # the first entry
        "--- {kind: x, totals: {years: {2025: 1}, plan: 1}}\n",  # a flow top level: the whole text is read
        "%YAML 1.1\n---\nkind: x\ntotals:\n  years:\n    2025: 1\n  plan: 1\n",
    ],
)
def test_rewrite_figures_with_a_source_edits_the_entry_alone(text: str) -> None:
    changes = [
        (("totals", "years", 2025), Decimal(7)),
        (("totals", "plan"), Decimal(7)),
        (("totals", "years", 2026), Decimal(8)),
    ]
    with_source = rewrite_figures(text, changes, "budget.yaml", _source(text))
    assert with_source == rewrite_figures(text, changes, "budget.yaml")
    data = _source(with_source).data
    assert data["totals"] == {"years": {2025: 7, 2026: 8}, "plan": 7}
    assert with_source.count("\n") == text.count("\n") + (1 if "2025: 1\n" in text else 0)


def test_fix_on_a_large_plan_keeps_every_other_byte(tmp_path: Path) -> None:
    """A plan of another unit with many lines, CRLF and a BOM: one stale year fixed, all else byte for byte."""
    lines = "".join(
        f"  - id: line-{n:04d}\r\n    name: {{es: 'Línea {n}', en: Line {n}}}\r\n    cost_type: non-staff\r\n"
        f"    amounts: {{2031: {1000 + n}, 2032: {2000 + n}}}\r\n"
        for n in range(400)
    )
    year_1 = sum(1000 + n for n in range(400))
    year_2 = sum(2000 + n for n in range(400))
    text = (
        "kind: ccm-plan/budget\r\nschema_version: 2\r\nlanguages: [es, en]\r\n"
        "title: {es: Presupuesto, en: Budget}\r\ncurrency: USD\r\nperiod: {start: 2031, end: 2032}\r\n"
        f"lines:\r\n{lines}totals:\r\n  years:\r\n    2031: {year_1 + 1}  # stale\r\n    2032: {year_2}\r\n"
        f"  plan: {year_1 + year_2}\r\nnotes: []\r\n"
    )
    budget = tmp_path / "budget.yaml"
    budget.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    run = run_cli("fix", tmp_path, "--check")
    assert run.code == 1, run.stderr
    assert run.stdout.splitlines()[0].endswith(f"totals.years.2031: {year_1 + 1:,} → {year_1:,}")
    assert run_cli("fix", tmp_path).code == 0
    expected = text.replace(f"2031: {year_1 + 1}  # stale", f"2031: {year_1}  # stale")
    assert budget.read_bytes() == codecs.BOM_UTF8 + expected.encode("utf-8")
    budget.write_bytes(budget.read_bytes().replace(b"2032: 2000}", b"2032: 2005}"))  # line-0000 moves by 5
    assert run_cli("fix", tmp_path).stdout.endswith("rewrote 2 stated totals in 1 file\n")
    assert run_cli("validate", tmp_path).code == 0
