from __future__ import annotations

from pathlib import Path

from conftest import edit, found, line_of


def waive(plan: Path, rule: str, subject: str) -> None:
    edit(
        plan / "budget.yaml",
        "waivers: []",
        f"waivers:\n  - rule: {rule}\n    subject: {subject}\n    reason: Adopted as printed by the conference.",
    )


def test_waiver_accepts_the_finding_and_still_lists_it(shipped_plan: Path) -> None:
    waive(shipped_plan, "rates", "social-security/2023")
    from ccm_plan.check import check_paths
    from ccm_plan.problems import exit_code

    problems = check_paths([shipped_plan]).problems
    accepted = [p for p in problems if p.accepted is not None]
    assert [(p.rule, p.subject, p.accepted) for p in accepted] == [
        ("rates", "social-security/2023", "Adopted as printed by the conference.")
    ]
    assert exit_code(problems, strict=True) == 1  # explained-variance 2025 is still open
    assert [rule for rule, *_ in found(shipped_plan)] == ["explained-variance"]


def test_unused_waiver_is_reported(shipped_plan: Path) -> None:
    waive(shipped_plan, "rates", "social-security/2024")
    budget = shipped_plan / "budget.yaml"
    assert ("unused-waiver", "budget.yaml", line_of(budget, "- rule: rates"), 5) in found(shipped_plan)


def test_waiver_needs_a_reason(shipped_plan: Path) -> None:
    edit(
        shipped_plan / "budget.yaml",
        "waivers: []",
        "waivers:\n  - rule: rates\n    subject: social-security/2023",
    )
    assert ("schema", "budget.yaml") in [(rule, file) for rule, file, *_ in found(shipped_plan)]
