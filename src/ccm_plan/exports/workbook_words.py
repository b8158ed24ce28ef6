"""The workbook's own words (sheet names, headings, row names, marks), from the tool's gettext catalogs.

Each word is written here in English and translated in `present/locale/<lang>/LC_MESSAGES/ccm_plan.po` (issue 9's
catalogs: `python -m ccm_plan.present.catalogs` extracts them, see docs/present.md); a language without a catalog,
or a word without a translation, gets English. Templates keep their `{fields}`, filled where they are used.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..present.words import base_language

CJK = {"zh", "ja", "ko"}
SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class WorkbookWords:
    """The words of one workbook, in one language, and the font its cells name."""

    language: str
    font: str
    """The font every cell names, one Office has (Calibri; DengXian for Chinese): LibreOffice falls back to a serif
    face for a cell that names none. Rows are measured in its metrics (exports/fonts.py)."""
    italic: bool
    """Whether secondary text is set in italics (Chinese typography has none)."""
    sections: tuple[str, ...]
    severities: dict[str, str]
    budget: str
    total: str
    analysis: str
    workplan: str
    expenditure: str
    chart_largest: str
    budget_notes: str
    amounts_in: str
    year_on_year: str
    year: str
    unit_caption: str
    travel_legs: str
    summary: str
    staff_share: str
    staff_costs: str
    specific_objectives: str
    social_security_share: str
    social_security_difference: str
    social_security_at_rate: str
    severity: str
    see_note: str
    rule: str
    priorities: str
    parameters: str
    param_variance: str
    param_tolerance: str
    param_rate: str
    param_legs: str
    param_leg_tolerance: str
    param_leg_min: str
    param_leg_max: str
    page: str
    overflow_note: str
    other_lines: str
    notes: str
    non_staff_costs: str
    no_findings: str
    message: str
    marked: str
    mandate: str
    main_objective: str
    location: str
    list_separator: str
    legs: str
    legs_by_year: str
    leg_year: str
    in_kind_row: str
    flag_variance: str
    flag_travel: str
    flag_travel_costs: str
    flag_social_security: str
    fix: str
    expected_results: str
    expected_outcomes: str
    draft_title: str
    draft: str
    cost_per_leg: str
    checks_title: str
    checks: str
    chart_title: str
    budget_figure: str
    assumptions: str
    agenda_item: str
    accepted: str

    def section_number(self, index: int) -> str:
        """The numeral of the document's `index`-th section (0-based): I, II, … or 一, 二, …"""
        return self.sections[index] if index < len(self.sections) else str(index + 1)


def workbook_words(language: str) -> WorkbookWords:
    """The workbook's words in `language` (`zh-Hans` uses `zh`'s catalog); English where there is no translation."""
    from ..present.voice import Voice

    voice = Voice(language)
    _ = voice._
    cjk = base_language(language) in CJK
    return WorkbookWords(
        language=language,
        font="DengXian" if cjk else "Calibri",
        italic=not cjk,
        # Translators: the numerals of a document's sections, separated by |
        sections=tuple(_("I|II|III|IV|V|VI|VII|VIII|IX|X").split("|")),
        severities={"error": _("error"), "warning": _("warning")},
        # Translators: a sheet name (at most 31 characters, none of []:*?/\)
        budget=_("Budget"),
        total=_("Total"),
        # Translators: a sheet name (at most 31 characters, none of []:*?/\)
        analysis=_("Analysis"),
        # Translators: a sheet name (at most 31 characters, none of []:*?/\)
        workplan=_("Work plan"),
        expenditure=_("Expenditure"),
        chart_largest=_("Budget by year: the {count} largest lines, and the others together"),
        budget_notes=_("Budget notes"),
        amounts_in=_("Amounts in {currency}"),
        year_on_year=_("Change from the year before"),
        # Translators: a year as a column heading; the year itself is a number shown by a number format
        year=_("{year}"),
        unit_caption=_("{unit} · {amounts}"),
        travel_legs=_("Travel legs a year ({legs})"),
        summary=_("Summary"),
        staff_share=_("Staff costs, share of the total"),
        staff_costs=_("Staff costs"),
        specific_objectives=_("Specific objectives"),
        social_security_share=_("{line} ÷ {base}"),
        social_security_difference=_("{line}: difference from the plan's rate"),
        social_security_at_rate=_("{line} at the plan's rate: {base} × rate"),
        severity=_("Severity"),
        see_note=_("See note {marker} below the table."),
        rule=_("Rule"),
        priorities=_("Priorities"),
        parameters=_("Parameters (the plan's assumptions)"),
        param_variance=_("Change from the year before that needs a budget note"),
        param_tolerance=_("{line}: rounding tolerance"),
        param_rate=_("{line}: rate"),
        param_legs=_("Travel legs a year"),
        param_leg_tolerance=_("Cost per leg: largest difference from the period's average"),
        param_leg_min=_("Cost per leg: lowest"),
        param_leg_max=_("Cost per leg: highest"),
        # Translators: a page footer; &P is the page number, &N the number of pages (keep both)
        page=_("Page &P of &N"),
        overflow_note=_("{name}: {text}"),
        other_lines=_("Other lines ({count})"),
        notes=_("Notes"),
        non_staff_costs=_("Non-staff costs"),
        no_findings=_("No findings: the plan passed every check."),
        message=_("Message"),
        marked=_("Figures marked above"),
        mandate=_("Mandate"),
        main_objective=_("Main objective"),
        location=_("Location"),
        # Translators: between the items of a list in a heading (', ' in English)
        list_separator=_(", "),
        # Translators: a kind of travel leg and how many a year (the kind is the plan's word, a noun or an adjective)
        legs=_("{kind}: {count}"),
        # Translators: a kind of travel leg, how many in most years, and the years that differ ("14 in 2029")
        legs_by_year=_("{kind}: {count} ({exceptions})"),
        leg_year=_("{count} in {year}"),
        in_kind_row=_("{name}: {provided_by}"),
        flag_variance=_(
            "{year}: {line} {amount} after {previous} in {before} ({change}); no budget note explains the change."
        ),
        flag_travel=_("{year}: {line} {amount} is {per_leg} a leg over {legs} legs, outside the plan's bounds."),
        flag_travel_costs=_(
            "{year}: {line} {amount} is not its {legs} legs at the plan's cost per kind, which make {expected}."
        ),
        flag_social_security=_(
            "{year}: {line} {amount} is {share} of {base} {base_amount}; at the plan's rate of {rate} it would be {expected}."
        ),
        fix=_("Fix or reason"),
        expected_results=_("Expected results"),
        expected_outcomes=_("Expected outcomes"),
        draft_title=_("DRAFT: {title}"),
        draft=_("DRAFT"),
        cost_per_leg=_("Cost per travel leg"),
        checks_title=_("Validation findings when the workbook was made (ccm-plan {version})"),
        # Translators: a sheet name (at most 31 characters, none of []:*?/\)
        checks=_("Checks"),
        chart_title=_("Budget by line and year"),
        # Translators: the heading of the budget figure in the work plan's summary
        budget_figure=_("Budget"),
        assumptions=_("Assumptions"),
        agenda_item=_("Item {number} of the provisional agenda"),
        accepted=_("accepted: {reason}"),
    )
