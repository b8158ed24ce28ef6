"""The tool's own words in an exported document (sheet names, headings, column titles), per language.

The plan's words (line names, notes, activities) always come from the plan. For a plan language ccm-plan has no
labels for, the export uses the English labels around the plan's own text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Labels:
    language: str
    font: str
    """The font every cell names, one Office has (Calibri; DengXian for Chinese): LibreOffice falls back to a serif
    face for a cell that names none. Rows are measured in its metrics (exports/fonts.py)."""
    italic: bool
    """Whether secondary text is set in italics (Chinese typography has none)."""

    # sheet names (Excel: at most 31 characters, none of []:*?/\)
    budget: str
    analysis: str
    workplan: str
    checks: str

    # budget sheet
    amounts_in: str  # "{currency}"
    unit_caption: str  # "{unit}", "{amounts}": the workbook's line under a table's title
    expenditure: str
    year: str  # "{year}"
    total: str
    notes: str
    in_kind: str
    in_kind_row: str  # "{name}", "{provided_by}"
    see_note: str  # "{marker}"
    overflow_note: str  # "{name}", "{text}": a line's text given below the table
    budget_notes: str

    # analysis sheet
    staff_costs: str
    non_staff_costs: str
    staff_share: str
    social_security_share: str  # "{line}", "{base}"
    social_security_at_rate: str  # "{line}", "{base}"
    social_security_difference: str  # "{line}"
    parameters: str
    param_rate: str  # "{line}"
    param_tolerance: str  # "{line}"
    param_legs: str
    param_leg_tolerance: str
    param_leg_min: str
    param_leg_max: str
    param_variance: str
    marked: str
    flag_social_security: (
        str  # "{year}", "{line}", "{amount}", "{share}", "{base}", "{base_amount}", "{rate}", "{expected}"
    )
    flag_travel: str  # "{year}", "{line}", "{amount}", "{per_leg}", "{legs}"
    flag_variance: str  # "{year}", "{line}", "{amount}", "{previous}", "{before}", "{change}"
    travel_legs: str  # "{legs}"
    legs: str  # "{count}", "{kind}"
    list_separator: str
    cost_per_leg: str
    year_on_year: str
    chart_title: str
    chart_largest: str  # "{count}": a plan of many lines charts its largest lines and the others together
    other_lines: str  # "{count}"

    # work plan sheet
    sections: tuple[str, ...]  # numerals for the document's sections: I, II, ...
    summary: str
    main_objective: str
    specific_objectives: str
    expected_outcomes: str
    budget_figure: str
    mandate: str
    priorities: str
    expected_results: str
    assumptions: str

    # checks sheet
    checks_title: str  # "{version}"
    rule: str
    severity: str
    location: str
    message: str
    fix: str
    severities: dict[str, str]
    accepted: str  # "{reason}"
    no_findings: str

    # page footer
    page: str  # Excel header/footer codes: &P page, &N pages

    # a draft (a plan with errors, exported with --draft)
    draft: str  # the page header
    draft_title: str  # "{title}"
    agenda_item: str  # "{number}": the provisional agenda item a document is submitted under

    def year_heading(self, year: int) -> str:
        return self.year.format(year=year)

    def section_number(self, index: int) -> str:
        """The numeral of the document's `index`-th section (0-based): I, II, … or 一, 二, …"""
        return self.sections[index] if index < len(self.sections) else str(index + 1)


EN = Labels(
    language="en",
    font="Calibri",
    italic=True,
    budget="Budget",
    analysis="Analysis",
    workplan="Work plan",
    checks="Checks",
    amounts_in="Amounts in {currency}",
    unit_caption="{unit} · {amounts}",
    expenditure="Expenditure",
    year="{year}",
    total="Total",
    notes="Notes",
    in_kind="In kind",
    in_kind_row="{name}: {provided_by}",
    see_note="See note {marker} below the table.",
    overflow_note="{name}: {text}",
    budget_notes="Budget notes",
    staff_costs="Staff costs",
    non_staff_costs="Non-staff costs",
    staff_share="Staff costs, share of the total",
    social_security_share="{line} ÷ {base}",
    social_security_at_rate="{line} at the plan's rate: {base} × rate",
    social_security_difference="{line}: difference from the plan's rate",
    parameters="Parameters (the plan's assumptions)",
    param_rate="{line}: rate",
    param_tolerance="{line}: rounding tolerance",
    param_legs="Travel legs a year",
    param_leg_tolerance="Cost per leg: largest difference from the period's average",
    param_leg_min="Cost per leg: lowest",
    param_leg_max="Cost per leg: highest",
    param_variance="Change from the year before that needs a budget note",
    marked="Figures marked above",
    flag_social_security="{year}: {line} {amount} is {share} of {base} {base_amount}; at the plan's rate of {rate} "
    "it would be {expected}.",
    flag_travel="{year}: {line} {amount} is {per_leg} a leg over {legs} legs, outside the plan's bounds.",
    flag_variance="{year}: {line} {amount} after {previous} in {before} ({change}); no budget note explains the "
    "change.",
    travel_legs="Travel legs a year ({legs})",
    legs="{count} {kind}",
    list_separator=", ",
    cost_per_leg="Cost per travel leg",
    year_on_year="Change from the year before",
    chart_title="Budget by line and year",
    chart_largest="Budget by year: the {count} largest lines, and the others together",
    other_lines="Other lines ({count})",
    sections=("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"),
    summary="Summary",
    main_objective="Main objective",
    specific_objectives="Specific objectives",
    expected_outcomes="Expected outcomes",
    budget_figure="Budget",
    mandate="Mandate",
    priorities="Priorities",
    expected_results="Expected results",
    assumptions="Assumptions",
    checks_title="Validation findings when the workbook was made (ccm-plan {version})",
    rule="Rule",
    severity="Severity",
    location="Location",
    message="Message",
    fix="Fix or reason",
    severities={"error": "error", "warning": "warning"},
    accepted="accepted: {reason}",
    no_findings="No findings: the plan passed every check.",
    page="Page &P of &N",
    draft="DRAFT",
    draft_title="DRAFT: {title}",
    agenda_item="Item {number} of the provisional agenda",
)

ZH = Labels(
    language="zh",
    font="DengXian",
    italic=False,
    budget="预算",
    analysis="分析",
    workplan="工作计划",
    checks="检查",
    amounts_in="金额单位：{currency}",
    unit_caption="{unit} · {amounts}",
    expenditure="支出",
    year="{year} 年",
    total="合计",
    notes="说明",
    in_kind="实物捐助",
    in_kind_row="{name}：{provided_by}",
    see_note="见表下注 {marker}。",
    overflow_note="{name}：{text}",
    budget_notes="预算说明",
    staff_costs="人事费用",
    non_staff_costs="非人事费用",
    staff_share="人事费用占合计的比例",
    social_security_share="{line} ÷ {base}",
    social_security_at_rate="按计划费率计算的{line}：{base} × 费率",
    social_security_difference="{line}与计划费率之差",
    parameters="参数(计划的假设)",
    param_rate="{line}：费率",
    param_tolerance="{line}：舍入容差",
    param_legs="每年航程数",
    param_leg_tolerance="每段航程费用：与期间平均值的最大差异",
    param_leg_min="每段航程费用：最低",
    param_leg_max="每段航程费用：最高",
    param_variance="需要预算说明的年度变化",
    marked="上文标出的数字",
    flag_social_security="{year} 年：{line} {amount} 为{base} {base_amount} 的 {share}；按计划费率 {rate} 应为 {expected}。",
    flag_travel="{year} 年：{line} {amount} 按 {legs} 段航程计为每段 {per_leg}，超出计划的范围。",
    flag_variance="{year} 年：{line}由 {before} 年的 {previous} 变为 {amount}({change})；没有预算说明解释这一变化。",
    travel_legs="每年航程数({legs})",
    legs="{count} 个{kind}",
    list_separator="、",
    cost_per_leg="每段航程费用",
    year_on_year="与上一年相比的变化",
    chart_title="按支出项目和年度分列的预算",
    chart_largest="按年度分列的预算：最大的 {count} 个支出项目，其余合并",
    other_lines="其他支出项目({count} 个)",
    sections=("一", "二", "三", "四", "五", "六", "七", "八", "九", "十"),
    summary="概要",
    main_objective="主要目标",
    specific_objectives="具体目标",
    expected_outcomes="预期成果",
    budget_figure="预算",
    mandate="任务",
    priorities="工作重点",
    expected_results="预期结果",
    assumptions="假设",
    checks_title="生成本工作簿时的检查结果(ccm-plan {version})",
    rule="规则",
    severity="严重程度",
    location="位置",
    message="说明",
    fix="修正方法或理由",
    severities={"error": "错误", "warning": "警告"},
    accepted="已接受：{reason}",
    no_findings="未发现问题：计划通过了所有检查。",
    page="第 &P 页，共 &N 页",
    draft="草稿",
    draft_title="【草稿】{title}",
    agenda_item="临时议程项目 {number}",
)

LABELS: dict[str, Labels] = {labels.language: labels for labels in (EN, ZH)}


def labels_for(language: str) -> Labels:
    """The labels for `language` (`zh-Hans` uses `zh`); English for a language ccm-plan has no labels for."""
    return LABELS.get(language) or LABELS.get(language.split("-")[0]) or EN
