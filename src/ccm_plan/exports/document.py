"""The plan as a meeting document, independent of any file format: what `export docx` and `export md` render.

`build_document` reads a loaded plan and returns a `PlanDocument`: a sequence of blocks (headings, paragraphs,
numbered and bulleted lists, the budget table) whose texts are final. Words come from the plan (its texts, its
headings as printed) and from ccm-plan's catalogs (present's `Voice`); figures come from `compute` and are formatted by
`present`; corrections are applied by `present.corrections` (or not, `as_printed`). A renderer only lays the
blocks out: it never formats a number, chooses a word or applies a correction.

The layout follows the UN meeting document the CCM plan was published as: the header (symbol, date, language of
the version, original language), the meeting, the provisional agenda item, the title; the summary; the numbered
sections (I. mandate, II. priority areas, III. expected results); the budget table (lines × years, a notes column,
the total row, the in-kind rows, the currency in the caption); IV. budget notes; V. assumptions. A plan that lacks
a part (no work plan, no in-kind items, no notes) gives a document without it, and the sections are numbered as
they come.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..compute.totals import compute_totals
from ..present.corrections import item_text
from ..present.message import N_, Code, Count, Year
from ..present.voice import Voice

if TYPE_CHECKING:
    import datetime

    from ..model.plan import Budget, Entry, Workplan
    from ..problems import Problem
    from ..read.loader import LoadedPlan

# What a paragraph is, for the renderers to style it (docx: one paragraph style per role).
Role = Literal[
    "symbol",  # the document symbol, top right
    "header",  # date, language, original language
    "meeting",  # the meeting's name
    "meeting-detail",  # place and dates; the agenda item
    "agenda-title",  # the agenda item's title and sub-item
    "title",  # the document's title
    "body",  # running text
    "lead",  # the sentence that introduces a list
    "label",  # a run-in label on a line of its own ("Specific objectives:")
]


@dataclass(frozen=True)
class Run:
    """A stretch of text; `strong` for a run-in label (the renderers use a character style, not bold)."""

    text: str
    strong: bool = False


@dataclass(frozen=True)
class Paragraph:
    role: Role
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Heading:
    """A heading; `level` 1 (parts), 2 (numbered sections), 3 (priority areas). `text` includes its numeral."""

    level: int
    text: str


@dataclass(frozen=True)
class ItemList:
    """A list. `numbered`: items numbered from `start` (the renderers number them: real Word numbering in docx)."""

    numbered: bool
    items: tuple[str, ...]
    start: int = 1


@dataclass(frozen=True)
class TableRow:
    """A row of the budget table. `kind` line, total or in-kind.

    `cells` has one text per column: the name, one per year, the note. An in-kind row has its text once, in
    `cells[1]`, and `span` years: the renderers merge (docx) or leave empty (md) the other year cells.
    """

    kind: Literal["line", "total", "in-kind"]
    cells: tuple[str, ...]
    span: int = 1


@dataclass(frozen=True)
class BudgetTable:
    """The budget table: a caption naming the currency, a header row, lines, the total row, in-kind rows."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[TableRow, ...]
    years: int  # the number of year columns, after the name column; then the notes column


Block = Heading | Paragraph | ItemList | BudgetTable


@dataclass(frozen=True)
class PlanDocument:
    """A whole document in one language: its blocks, and what a file format needs besides (properties, fonts)."""

    language: str
    title: str
    subject: str
    author: str  # the unit the plan is of (budget `unit`), or ccm-plan
    blocks: tuple[Block, ...]
    draft: bool
    draft_label: str
    font: str  # the font the language's text is set in (CJK languages: the East Asian font)
    east_asian: bool  # the document's language is written in CJK characters
    right_to_left: bool = False  # the document's language is written from right to left (Arabic)
    complex_font: str = "Calibri"  # the font of right-to-left text (Word's complex-script font)

    def texts(self) -> list[str]:
        """Every text of the document in reading order, one per paragraph, list item and table cell."""
        out: list[str] = []
        for block in self.blocks:
            if isinstance(block, (Heading, Paragraph)):
                out.append(block.text)
            elif isinstance(block, ItemList):
                out.extend(block.items)
            else:
                out.append(block.caption)
                out.extend(block.header)
                for row in block.rows:
                    out.extend(row.cells)
        return out


MISSING = "—"
"""A figure the plan lacks (a draft whose line has no figure for a year): shown as missing, never as 0."""
GAP = "†"
"""Marks a total that leaves out a missing figure, as `totals` does; a note under the table names them."""
EAST_ASIAN = frozenset({"zh", "ja", "ko"})
CJK_FONTS = {
    "zh": "Noto Sans CJK SC",
    "zh-Hant": "Noto Sans CJK TC",
    "ja": "Noto Sans CJK JP",
    "ko": "Noto Sans CJK KR",
}
"""The East Asian font of a document in that language (fonts-noto-cjk); Latin text is set in Calibri."""
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur"})
COMPLEX_FONT = "Arial"
"""The font of Arabic text: one every Office has with Arabic letters (Calibri has none); LibreOffice shows a
face of the system's with them."""


def section_numeral(index: int, voice: Voice) -> str:
    """The numeral of the `index`-th (0-based) numbered section, as UN documents in the voice's language number
    them (the catalogs' numerals, shared with the workbook): I, II, …; 一, 二, … in Chinese; أولا, ثانيا, … in
    Arabic; the figure past the tenth."""
    # Translators: the numerals of a document's sections, separated by |
    numerals = voice._("I|II|III|IV|V|VI|VII|VIII|IX|X").split("|")
    return numerals[index] if index < len(numerals) else str(index + 1)


def right_to_left(language: str) -> bool:
    """Whether `language` is written from right to left (ar, fa, he, ur)."""
    return language.split("-")[0] in RIGHT_TO_LEFT


def east_asian_font(language: str) -> str | None:
    """The CJK font for `language`, or None for a language not written in CJK characters."""
    base = language.split("-")[0]
    if base not in EAST_ASIAN:
        return None
    return CJK_FONTS.get(language) or CJK_FONTS.get("zh-Hant" if language in ("zh-Hant", "zh-TW", "zh-HK") else base)


def build_document(plan: LoadedPlan, language: str, *, as_printed: bool = False, draft: bool = False) -> PlanDocument:
    """The document of a usable plan (`plan.is_usable`) in `language`, one of the plan's languages.

    `as_printed`: the texts as the source printed them, without the plan's corrections. `draft`: mark the
    document as a draft (the caller decides; `export` does so for a plan with errors). The budget's figures are
    recomputed from its lines (`compute_totals`), never taken from the stated totals, so text and table agree.
    """
    from ..present.precision import shown_places

    voice = Voice(language, places=shown_places(plan.budget))
    builder = _Builder(plan.budget, plan.workplan, language, voice, as_printed)
    blocks = builder.blocks()
    workplan = plan.workplan
    title = builder.text(workplan.document.title) if workplan is not None else builder.text(plan.budget.title)
    return PlanDocument(
        language=language,
        title=title,
        subject=builder.text(plan.budget.title),
        author=builder.text(plan.budget.unit) or "ccm-plan",
        blocks=tuple(blocks),
        draft=draft,
        # Translators: the page header of a draft document
        draft_label=voice._("DRAFT"),
        font=east_asian_font(language) or "Calibri",
        east_asian=east_asian_font(language) is not None,
        right_to_left=right_to_left(language),
        complex_font=COMPLEX_FONT if right_to_left(language) else "Calibri",
    )


@dataclass
class _Builder:
    budget: Budget
    workplan: Workplan | None
    language: str
    voice: Voice
    as_printed: bool
    out: list[Block] = field(default_factory=list)
    sections: int = 0

    # ------------------------------------------------------------------------------------------------ words

    def text(self, value: Mapping[str, str] | None) -> str:
        """A plan text in the document's language; English, then any language, where the plan lacks it."""
        if not value:
            return ""
        return value.get(self.language) or value.get("en") or next(iter(value.values()))

    def fix(self, item: object, name: str) -> str:
        """The item's text `name` with the plan's corrections (present/corrections.py), unless as printed."""
        return self.text(item_text(item, name, as_printed=self.as_printed))

    def entries(self, items: Sequence[Entry]) -> tuple[str, ...]:
        return tuple(self.fix(item, "text") for item in items)

    def heading(self, key: str, default: str) -> str:
        """The plan's heading for section `key` as printed, or ccm-plan's word for it."""
        headings = self.workplan.document.headings if self.workplan is not None else None
        printed = getattr(headings, key, None) if headings is not None else None
        return self.text(printed) or default

    def section(self, key: str, default: str) -> None:
        """A numbered section heading: I., II., … (一. 二. … in Chinese, أولا - … in Arabic), numbered as the
        sections come."""
        number = section_numeral(self.sections, self.voice)
        self.sections += 1
        self.out.append(Heading(2, self.numbered(number, self.heading(key, default))))

    def numbered(self, number: str, title: str) -> str:
        # Translators: a numbered heading: "I. Mandate", "1. Support on universalization"
        return self.voice._("{number}. {title}", number=Code(number), title=Code(title))

    def label(self, text: str) -> Run:
        # Translators: a run-in label before its text or list ("Main objective:"); 主要目标：
        return Run(self.voice._("{label}:", label=Code(text)), strong=True)

    def currency(self) -> str:
        name = self.workplan.document.currency_name if self.workplan is not None else None
        return self.text(name) or self.budget.currency

    def para(self, role: Role, *parts: str | Run) -> None:
        runs = tuple(part if isinstance(part, Run) else Run(part) for part in parts if part)
        if runs:
            self.out.append(Paragraph(role, runs))

    # ----------------------------------------------------------------------------------------------- blocks

    def blocks(self) -> list[Block]:
        workplan = self.workplan
        if workplan is not None:
            self.header(workplan)
            self.summary(workplan)
            self.out.append(Heading(1, self.heading("workplan", self.voice._("Work plan"))))
            self.mandate(workplan)
            self.priorities(workplan)
            if workplan.expected_results:
                self.section("expected_results", self.voice._("Expected results"))
                self.out.append(ItemList(True, self.entries(workplan.expected_results)))
        else:
            self.para("title", self.text(self.budget.title))
        self.out.append(self.table())
        self.missing_figures()
        self.notes()
        if workplan is not None and workplan.assumptions:
            self.section("assumptions", self.voice._("Assumptions"))
            self.out.append(ItemList(True, self.entries(workplan.assumptions)))
        return self.out

    def header(self, workplan: Workplan) -> None:
        document = workplan.document
        if document.symbol:
            self.para("symbol", document.symbol)
        # UN documents in some languages print the header in another (Chinese: in English).
        header_language = document.header_language or self.language
        header = Voice(header_language)
        # Translators: the CLDR date pattern of a document's date (30 August 2021; 2021年8月30日)
        self.para("header", _date(document.date, header._("d MMMM y"), header_language))
        self.para("header", _language_name(self.language, header_language))
        if document.original_language:
            original = _language_name(document.original_language, header_language, capitalise=False)
            # Translators: the header of a meeting document: the language it was written in
            self.para("header", header._("Original: {language}", language=Code(original)))
        self.para("meeting", self.text(document.meeting))
        self.para("meeting-detail", self.text(document.place_and_dates))
        item = document.agenda_item
        if item is not None:
            # Translators: the agenda item a meeting document is submitted under; 临时议程项目 8(i)
            self.para(
                "meeting-detail", self.voice._("Item {number} of the provisional agenda", number=Code(item.number))
            )
            self.para("agenda-title", self.text(item.title))
            self.para("agenda-title", self.text(item.subitem))
        self.para("title", self.text(document.title))

    def summary(self, workplan: Workplan) -> None:
        summary, voice = workplan.summary, self.voice
        self.out.append(Heading(1, self.heading("summary", voice._("Summary"))))
        self.para("body", self.label(voice._("Main objective")), " ", self.text(summary.main_objective))
        if summary.specific_objectives:
            self.para("label", self.label(voice._("Specific objectives")))
            self.out.append(ItemList(False, self.entries(summary.specific_objectives)))
        if summary.expected_outcomes:
            self.para("label", self.label(voice._("Expected outcomes")))
            self.out.append(ItemList(False, self.entries(summary.expected_outcomes)))
        totals = compute_totals(self.budget)
        total = voice.money(totals.plan_total) + (GAP if totals.missing else "")
        # Translators: an amount with its currency (CHF 2,940,552; 2,940,552 瑞郎)
        amount = voice._("{currency} {amount}", currency=Code(self.currency()), amount=Code(total))
        self.para("body", self.label(voice._("Budget")), " ", amount)

    def mandate(self, workplan: Workplan) -> None:
        mandate = workplan.mandate
        self.section("mandate", self.voice._("Mandate"))
        # sentences joined into one paragraph: a space between them, none in Chinese and Japanese
        separator = "" if self.language.split("-")[0] in ("zh", "ja") else " "
        opening = separator.join(
            part
            for part in (self.text(mandate.establishment), self.text(mandate.staffing), self.text(mandate.lead))
            if part
        )
        self.para("lead", opening)
        if mandate.items:
            self.out.append(ItemList(True, self.entries(mandate.items)))

    def priorities(self, workplan: Workplan) -> None:
        priorities = workplan.priorities
        self.section("priorities", self.voice._("Priorities"))
        for paragraph in priorities.introduction:
            self.para("body", self.text(paragraph))
        for area in priorities.areas:
            self.out.append(Heading(3, self.numbered(str(area.number), self.fix(area, "title"))))
            self.para("lead", self.fix(area, "lead"))
            if area.activities:
                self.out.append(ItemList(False, self.entries(area.activities)))

    def table(self) -> BudgetTable:
        budget, voice = self.budget, self.voice
        totals = compute_totals(budget)
        years = list(budget.period.years)
        money = voice.money
        # Translators: a year as a column heading of the budget table (2021; 2021 年)
        columns = (voice._("{year}", year=Year(year)) for year in years)
        header = (voice._("Expenditure"), *columns, voice._("Notes"))
        rows = [
            TableRow(
                "line",
                (
                    self.fix(line, "name"),
                    *(
                        MISSING if year in totals.missing.get(line.id, ()) else money(totals.amounts[line.id][year])
                        for year in years
                    ),
                    self.fix(line, "note"),
                ),
            )
            for line in budget.lines
        ]
        year_totals = (money(totals.year_totals[year]) + (GAP if totals.missing_in(year) else "") for year in years)
        rows.append(TableRow("total", (voice._("Total"), *year_totals, "")))
        for item in budget.in_kind:
            cells = (
                self.fix(item, "name"),
                self.fix(item, "provided_by"),
                *("" for _ in years[1:]),
                self.fix(item, "note"),
            )
            rows.append(TableRow("in-kind", cells, span=len(years)))
        # Translators: the budget table's caption with the currency of its amounts
        caption = voice._("{title} ({currency})", title=Code(self.text(budget.title)), currency=Code(self.currency()))
        return BudgetTable(caption, header, tuple(rows), len(years))

    def missing_figures(self) -> None:
        """Under the table of a draft whose lines lack a year: which figures are missing, and that the totals
        marked † add up the others only (a missing figure is shown as —, never as 0)."""
        totals = compute_totals(self.budget)
        names = {line.id: self.fix(line, "name") for line in self.budget.lines}
        for year in totals.years:
            if missing := totals.missing_in(year):
                note = self.voice._(
                    "{year}: no figure for {lines}; the totals marked † add up the other figures only",
                    year=str(year),
                    lines=", ".join(names[line_id] for line_id in missing),
                )
                self.para("body", f"{GAP} {note}")

    def notes(self) -> None:
        notes = sorted(self.budget.notes, key=lambda note: note.number)
        if not notes:
            return
        self.section("budget_notes", self.voice._("Budget notes"))
        numbers = [note.number for note in notes]
        texts = tuple(self.fix(note, "text") for note in notes)
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            self.out.append(ItemList(True, texts, start=numbers[0]))
        else:  # numbered with gaps, as printed: each note keeps its own number
            for number, text in zip(numbers, texts, strict=True):
                self.out.append(ItemList(True, (text,), start=number))


def _date(value: datetime.date, pattern: str, language: str) -> str:
    from babel.dates import format_date

    return format_date(value, pattern, locale=_locale(language))


def _language_name(code: str, in_language: str, *, capitalise: bool = True) -> str:
    """`code`'s name in `in_language` (Babel/CLDR: zh in English is Chinese, en in French is anglais), capitalised
    for a header line of its own ("Français", "Original : anglais")."""
    from babel import Locale

    name = Locale.parse(_locale(in_language)).languages.get(code.replace("-", "_")) or code
    return name[:1].upper() + name[1:] if capitalise else name


def _locale(language: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return "en"
    return language.replace("-", "_")


# ------------------------------------------------------------------------------------------ from a plan folder


@dataclass(frozen=True)
class Prepared:
    """A plan folder made into a document, or the reason it was not.

    `document` is None when the plan cannot be read as a whole (schema errors) or, without `draft`, when it has
    errors: a document States Parties might adopt never carries a broken plan. `problems` are the plan's findings
    either way; `refused` says in one sentence why there is no document.
    """

    plan: LoadedPlan
    problems: list[Problem]
    language: str
    document: PlanDocument | None
    refused: str = ""
    as_printed: bool = False


def prepare_document(
    path: Path | str, language: str | None = None, *, as_printed: bool = False, draft: bool = False
) -> Prepared:
    """Load and check the plan at `path` and build its document in `language` (default: the user's locale when
    the plan has its language, else English when the plan has it, else its first language: `xlsx.choose_language`).

    Raises `PlanNotFoundError` (no plan there) and `OptionError` (a language the plan lacks).
    """
    from ..check import check_plan
    from ..problems import Severity, sort_problems
    from ..read.loader import load_plan
    from .xlsx import choose_language

    plan = load_plan(path)
    problems = sort_problems(check_plan(plan))
    if not plan.is_usable:
        return Prepared(plan, problems, language or "", None, N_("the plan cannot be read as a whole"))
    chosen = choose_language(plan.budget.languages, language)
    errors = [p for p in problems if p.severity == Severity.ERROR and p.accepted is None]
    if errors and not draft:
        return Prepared(
            plan, problems, chosen, None, N_("the plan has errors (--draft writes a document marked DRAFT)")
        )
    document = build_document(plan, chosen, as_printed=as_printed, draft=draft)
    return Prepared(plan, problems, chosen, document, as_printed=as_printed)


def describe(prepared: Prepared, voice: Voice | None = None) -> str:
    """One line on what was written: language, corrections, draft, the total, and the plan's findings; in the
    voice's language, the total as `export xlsx` says it (`xlsx.summary`)."""
    from ..present.precision import shown_places
    from ..problems import counts
    from .xlsx import findings_said

    voice = voice or Voice("en")
    document = prepared.document
    assert document is not None
    errors, warnings, accepted = counts(prepared.problems)
    what = voice._("the document in {language}", language=Code(prepared.language))
    if document.draft:
        what = voice._("a DRAFT: {what}", what=Code(what))
    corrections = voice._("as printed") if prepared.as_printed else voice._("with the plan's corrections")
    budget = prepared.plan.budget
    total = voice.at(shown_places(budget)).numbers.currency(compute_totals(budget).plan_total, budget.currency)
    parts = [voice._("{what}, {corrections}", what=Code(what), corrections=Code(corrections))]
    parts.append(voice._("total {amount}", amount=Code(total)))
    if errors or warnings:
        parts.append(
            voice._(
                "{findings}: `ccm-plan validate` shows them",
                findings=Code(findings_said(voice, errors, warnings, 0)),
            )
        )
    if accepted:
        parts.append(voice._("{count} accepted", count=Count(accepted)))
    return voice._("; ").join(parts)


def default_name(plan: LoadedPlan, language: str, suffix: str) -> str:
    """`isu-budget-2021-2026.docx` for English, `isu-budget-2021-2026-zh.docx` for another language: the plan's
    title as a slug (`names.file_stem`)."""
    from .names import file_stem

    return file_stem(plan.budget, language) + suffix


def output_path(plan: LoadedPlan, language: str, output: Path | None, suffix: str) -> Path:
    """Where to write: `output` itself, the default name inside the folder `output`, or the default name here.

    Raises `OptionError` for a file name that does not end in `suffix` (programs open a document by its name).
    """
    from ..errors import OptionError

    if output is None:
        return Path(default_name(plan, language, suffix))
    if output.is_dir():
        return output / default_name(plan, language, suffix)
    if output.suffix.lower() != suffix:
        raise OptionError(f"{output}: the output must be a {suffix} file, or a folder to write it in")
    return output
