"""Every rule speaks the language asked: `validate --lang zh` on a plan that breaks each rule prints Chinese
messages and hints, with no English left but ids, keys, paths and the plan's own texts; golden strings of a few
messages in en, zh and fr.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from adoption import adopted_plan
from ccm_plan.check import check_paths
from ccm_plan.present.message import Message, Term, Value
from ccm_plan.present.voice import Voice
from conftest import FIXTURES, MINIMAL, copy_plan, edit, run_cli

RULES = (
    "period-years",
    "consistency",
    "staffing",
    "indexation",
    "travel-legs",
    "transfer-authority",
    "actuals-files",
    "contribution-entries",
    "stated-totals",
    "explained-variance",
)
WORD = re.compile(r"[A-Za-z][A-Za-z_]+")
# Words that are not English prose in any language: the tool's name and commands, file formats, git.
TECHNICAL = {"ccm", "plan", "fix", "git", "diff", "YAML", "UTF", "YYYY", "MM", "DD"}


def every_rule_plan(tmp_path: Path) -> Path:
    """The adopted minimal plan (EUR, en/fr), edited to break each rule of RULES once or more."""
    plan = adopted_plan(tmp_path)
    budget, actuals, contributions = plan / "budget.yaml", plan / "actuals-2024.yaml", plan / "contributions.yaml"
    # period-years: a stated total without 2026, a note naming 2031
    edit(budget, "years: {2024: 127000, 2025: 131600, 2026: 138200}", "years: {2024: 127000, 2025: 131600}")
    edit(budget, "      - {line: travel}", "      - {line: travel, years: [2031]}")
    # consistency: a name without its French; the work plan in another currency
    edit(budget, "name: {en: Travel, fr: Voyages}", "name: {en: Travel}")
    edit(plan / "workplan.yaml", "currency: EUR", "currency: CHF")
    # travel-legs: legs by kind that do not add up; 3,000 a leg in 2026, above the bounds
    edit(budget, "legs_per_year: 8", "legs_per_year: 9")
    edit(budget, "amounts: {2024: 12000, 2025: 12000, 2026: 14000}", "amounts: {2024: 12000, 2025: 12000, 2026: 24000}")
    # staffing: the head goes half time while salaries rise; an FTE above 1
    edit(
        budget,
        "      - {id: head, title: {en: Head, fr: Chef}, fte: 1}",
        "      - {id: head, title: {en: Head, fr: Chef}, fte: 1}\n"
        "    changes:\n"
        "      - {post: head, year: 2025, fte: 0.5, text: {en: Half time., fr: Mi-temps.}}\n"
        "      - {post: head, year: 2026, fte: 1.5, text: {en: More., fr: Plus.}}",
    )
    # indexation: salaries indexed by 3% grow by 4%
    edit(
        budget,
        "  variance:",
        "  indexation: [{line: salaries, percent_per_year: 3, tolerance_percent: 0.1}]\n  variance:",
    )
    # transfer-authority and actuals-files: travel 16.7% over a 5% authority; no social charges; a line not in the budget
    edit(actuals, "social-charges: 14850, travel: 12550", "travel: 14000, travl: 5")
    # contribution-entries: a scale above 100%, a currency without its rate, an unknown contributor
    edit(contributions, "scale_percent: 50", "scale_percent: 60")
    edit(contributions, "currency: USD, rate: 0.92", "currency: USD")
    edit(contributions, "{contributor: west,", "{contributor: nobody,")
    return plan


def plan_words(plan: Path) -> set[str]:
    """Every word the plan's files hold (ids, keys, texts): a message may quote them."""
    return {word for path in plan.glob("*.yaml") for word in WORD.findall(path.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return every_rule_plan(tmp_path_factory.mktemp("every-rule"))


def test_the_plan_breaks_every_rule(plan: Path) -> None:
    run = run_cli("validate", plan)
    for rule in RULES:
        assert f"[{rule}]" in run.stdout, (rule, run.stdout)


def test_validate_lang_zh_leaves_no_english(plan: Path) -> None:
    run = run_cli("validate", plan, "--lang", "zh")
    assert run.code == 1, run.stderr
    allowed = plan_words(plan) | TECHNICAL | set(RULES)
    lines = run.stdout.splitlines()
    assert lines[-1].startswith("4 个文件中发现"), lines[-1]
    for line in lines:
        text = line.split(": ", 1)[1] if re.match(r"\S+:\d+:\d+: ", line) else line
        for rule in RULES:  # rule ids, in brackets and in waiver hints
            text = text.replace(rule, "")
        english = [word for word in WORD.findall(text) if word not in allowed]
        assert not english, (english, line)
    said = run.stdout
    for rule in RULES:
        assert f"[{rule}]" in said
    assert "修正：" in said


GOLDEN = {
    "en": [
        "2024: Travel spent 14,000.00 against a budget of 12,000.00 (+2,000.00, 16.7% over), beyond the transfer "
        "authority of 5% of the line",
        "2025: Salaries 104,000 is +4.0% on 100,000 in 2024; indexed by 3% it is 103,000 (a difference of +1,000)",
        "the legs by kind add up to 3 + 5 = 8, not the 9 legs a year the plan assumes",
        "the scale of assessment adds up to 110%, more than 100%",
        "no figure for 2026 (the period is 2024–2026)",
    ],
    "zh": [
        "2024 年：Travel支出 14,000.00，预算为 12,000.00（+2,000.00，超支 16.7%），超出该项目 5% 的调拨权限",
        "2025 年：Salaries 104,000，较 2024 年的 100,000 变化 +4.0%；按 3% 指数化应为 103,000（相差 +1,000）",
        "各类航程合计为 3 + 5 = 8，而非计划假设的每年 9 段航程",
        "分摊比额表合计为 110%，超过 100%",
        "2026 年没有数字（计划期为 2024–2026）",
    ],
    "fr": [
        "2024 : Travel a dépensé 14\u202f000,00 pour un budget de 12\u202f000,00 (+2\u202f000,00, dépassement de "
        "16,7\u00a0%), au-delà du pouvoir de virement de 5\u00a0% de la ligne",
        "2025 : Salaires 104\u202f000 est à +4,0\u00a0% par rapport à 100\u202f000 en 2024 ; indexé de 3\u00a0%, il "
        "serait de 103\u202f000 (un écart de +1\u202f000)",
        "les trajets par catégorie totalisent 3 + 5 = 8, et non les 9 trajets par an que le plan prévoit",
        "le barème des quotes-parts totalise 110\u00a0%, plus de 100\u00a0%",
        "un équivalent temps plein de 1,5 pour le poste « head » en 2026",
    ],
}


@pytest.mark.parametrize("lang", sorted(GOLDEN))
def test_golden_messages(plan: Path, lang: str) -> None:
    said = run_cli("validate", plan, "--lang", lang).stdout
    for message in GOLDEN[lang]:
        assert message in said, (message, said)


# ------------------------------------------------------------------------------- findings made while reading

CASES = Path(__file__).resolve().parent / "cases" / "invalid"


class Masked(Voice):
    """A voice that shows every typed value of a message (ids, keys, paths, figures, the plan's names) as `□`:
    what is left is the tool's own words in the voice's language, and any plain text a message was given (which
    no catalog translates)."""

    def value(self, value: Value) -> str:
        if isinstance(value, (Message, Term, str)):
            return super().value(value)
        return "□"


# Latin words the tool's Chinese words keep: names of formats, programs and standards, YAML's own words, and the
# plan-file syntax a hint quotes.
LATIN = {"PDF", "YAML", "UTF", "git", "diff", "ccm", "plan", "yes", "no", "on", "off", "true", "false", "BCP", "ISO"}
LATIN |= {"en", "zh", "fr", "pt", "BR", "other", "costs", "CHF", "EUR", "USD", "name", "inf", "nan", "YYYY", "MM"}
LATIN |= {"DD", "kind", "budget", "workplan", "decimals", "currency", "scale_percent", "languages", "contributors"}
LATIN |= {"schema", "export", "xlsx", "fix", "rate", "date", "explains", "scope", "cost", "cost_per_leg", "min"}
LATIN |= {"max", "tolerance_percent", "legs_per_year", "rate_percent", "rate_percent_by_year", "start", "end"}
BACKTICKED = re.compile(r"`[^`]*`")


@pytest.mark.parametrize("name", sorted(path.name for path in CASES.iterdir() if path.is_dir()))
def test_every_finding_of_an_invalid_case_speaks_chinese(name: str) -> None:
    """Reading, shape and rule findings alike carry their message and hint as values; made Chinese, the tool's
    own words (every value masked) hold no English but names of formats and the plan-file syntax they quote. The
    YAML parser's own account of a syntax error is quoted as it is (libyaml's words)."""
    problems = check_paths([CASES / name]).problems
    assert problems
    zh = Masked("zh")
    for problem in problems:
        assert problem.said is not None, problem
        assert (problem.advice is not None) == bool(problem.hint), problem
        for said in (problem.said, problem.advice):
            if said is None or said.id == "{parser}":
                continue
            text = BACKTICKED.sub("", zh.say(said))
            english = [word for word in WORD.findall(text) if word not in LATIN]
            assert not english, (name, english, text)


READING_GOLDEN = {
    "en": (
        "duplicate key 2024 (first at line 12)",
        "remove one of the two; only the one at line 12 is kept",
        "unknown key 'ammounts'",
        "did you mean 'amounts'? this place takes: id, name, cost_type,",
    ),
    "zh": (
        "重复的键 2024（首次出现于第 12 行）",
        "删除其中一个；只有第 12 行的会被保留",
        "未知的键“ammounts”",
        "是否想写“amounts”？此处可用的键：id, name, cost_type,",
    ),
    "fr": (
        "clé en double 2024 (d'abord à la ligne 12)",
        "supprimez l'une des deux ; seule celle de la ligne 12 est conservée",
        "clé inconnue « ammounts »",
        "vouliez-vous dire « amounts » ? cet endroit accepte : id, name, cost_type,",
    ),
}


@pytest.mark.parametrize("lang", sorted(READING_GOLDEN))
def test_golden_reading_messages(tmp_path: Path, lang: str) -> None:
    twice = copy_plan(MINIMAL, tmp_path / "twice")
    edit(twice / "budget.yaml", "amounts: {2024: 100000, 2025: 104000,", "amounts: {2024: 100000, 2024: 104000,")
    misspelt = copy_plan(MINIMAL, tmp_path / "misspelt")
    edit(misspelt / "budget.yaml", "    amounts: {2024: 15000", "    ammounts: {2024: 15000")
    said = run_cli("validate", twice, misspelt, "--lang", lang).stdout
    for text in READING_GOLDEN[lang]:
        assert text in said, (text, said)


def test_a_rate_never_reads_as_the_plan_rate_it_differs_from(tmp_path: Path) -> None:
    """Another unit's programme support costs (7% of eight lines): 35,406 is 6.973% of 507,750, beyond the
    tolerance; shown at one decimal it read `7.0% … the plan's rate is 7%`, a finding that contradicted itself."""
    plan = copy_plan(FIXTURES / "other-unit", tmp_path / "plan")
    edit(plan / "budget.yaml", "2027: 53045, 2028: 54636", "2027: 55000, 2028: 54636")
    for lang, expected in {
        "en": "Programme support costs 35,406 is 6.97% of its 8 base lines 507,750; the plan's rate is 7% (35,543",
        "fr": "représente 6,97\u00a0% de ses 8 lignes de base 507\u202f750 ; le taux du plan est de 7\u00a0% (35\u202f543",
    }.items():
        said = run_cli("validate", plan, "--lang", lang).stdout
        assert expected in said, said


def test_every_message_id_a_finding_uses_is_in_the_catalogs(plan: Path) -> None:
    """The ids (and terms) of every message the rules and the reading said, on the plan that breaks every rule and
    on every invalid case, are in the catalogs' template: each has its translations. An id that is only fields
    (`{item0}{sep}{item1}`, the YAML parser's quoted `{parser}`) has nothing to translate."""
    from babel.messages.pofile import read_po

    from ccm_plan.present import catalogs

    with catalogs.TEMPLATE.open("rb") as file:
        known = {message.id for message in read_po(file) if message.id}
    problems = check_paths([plan, *sorted(path for path in CASES.iterdir() if path.is_dir())]).problems
    used: set[str] = set()
    for problem in problems:
        for said in (problem.said, problem.advice):
            for message in said.walk() if said is not None else ():
                used.add(message.id)
                used.update(value.msgid for value in message.args.values() if isinstance(value, Term))
    words = {msgid for msgid in used if re.search(r"[A-Za-z]", re.sub(r"\{[^}]*\}", "", msgid))}
    assert len(words) > 100
    assert words <= known, sorted(words - known)


def test_a_figure_with_an_exponent_is_said_in_the_language_asked(tmp_path: Path) -> None:
    plan = copy_plan(MINIMAL, tmp_path / "plan")
    edit(plan / "budget.yaml", "amounts: {2024: 100000,", "amounts: {2024: 1e5,")
    english = run_cli("validate", plan).stdout
    assert (
        "[schema] 1e5 is written with an exponent: a plan's figures are written out\n    fix: write 100000" in english
    )
    chinese = run_cli("validate", plan, "--lang", "zh").stdout
    assert "[schema] 1e5 以指数形式书写：计划中的数字须完整写出\n    修正：写为 100000" in chinese


SOURCE = Path(__file__).resolve().parent.parent / "src" / "ccm_plan"


def test_reading_and_the_rules_say_every_finding_as_a_message() -> None:
    """No `Problem(...)` with a text of its own in the code that reads a plan, runs the rules or applies waivers
    (a problem is made by `problems.said` or `Source.problem` from `Message` values), and no `.problem(...)` given
    a literal or formatted string: a finding written as English text would stay English in every language."""
    import ast

    offenders = []
    for path in [*(SOURCE / "read").glob("*.py"), *(SOURCE / "rules").glob("*.py"), SOURCE / "check.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in (node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)):
            for call in (node for node in ast.walk(function) if isinstance(node, ast.Call)):
                name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
                if name == "Problem" and function.name != "problem":
                    offenders.append(f"{path.name}:{call.lineno} Problem(...)")
                texts = [arg for arg in call.args[2:4] if isinstance(arg, (ast.JoinedStr, ast.Constant))]
                if name == "problem" and any(
                    isinstance(arg, ast.JoinedStr) or isinstance(arg.value, str) for arg in texts
                ):
                    offenders.append(f"{path.name}:{call.lineno} .problem(..., text)")
    assert not offenders, offenders
