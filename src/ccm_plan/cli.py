"""The `ccm-plan` command line: options in, one library call, output out. Nothing else lives here.

Exit codes, for every command: 0 fine; 1 the plan has problems (warnings only with --strict); 2 usage errors or
input that cannot be read at all; 74 standard output could not be written (a full disk, a closed descriptor;
`entry.py` handles it, with one line on stderr); 70 a bug (an unexpected exception: `entry.py`, one message,
the traceback with CCM_PLAN_DEBUG=1); 130 interrupted. A reader that stops reading (`| head`) is not an
error: the output ends quietly and the command keeps its own exit code.

No `from __future__ import annotations` here, on purpose: Typer reads every command's annotations when it starts,
and string annotations would each be compiled and evaluated, on every run (3 ms of `validate`'s start-up).
"""

import datetime
import enum
import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any

# A command is a short-lived process that allocates much and frees little before it exits: with the default
# threshold (700) the cyclic collector walks the start-up objects (Typer, pydantic, the models) about 80 times for
# `validate`, some 9 ms of work that finds nothing. Set here, before Typer is imported, and only for the command
# line: a long run (a large export) still collects, every 100,000 allocations. bench/startup.py measures it.
gc.set_threshold(100_000, 50, 100)

import typer  # noqa: E402 - after the collector's threshold, on purpose
from typer.core import TyperGroup  # noqa: E402

from . import __version__  # noqa: E402
from .errors import CcmPlanError  # noqa: E402
from .problems import EXIT_UNUSABLE  # noqa: E402


class _Commands(TyperGroup):
    """Typer's command group, with pydantic's "Value error, " taken off a refused option value: `--format xml`
    says "'xml' is not one of 'text', 'json', …", in the user's terms; and a list of commands whose summaries are
    whole sentences, wrapped to the terminal (Click cuts each at about 45 characters, mid-sentence, with "...")."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except typer.BadParameter as error:
            error.message = error.message.removeprefix("Value error, ")
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.BadParameter as error:
            error.message = error.message.removeprefix("Value error, ")
            raise


app = typer.Typer(
    name="ccm-plan",
    cls=_Commands,
    help="Keep a treaty body's multi-year work plan and budget as YAML: validate, total, diff and export it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Click's plain help, not Rich's panels: Rich showed a `<bool>` value for every flag (`--strict <bool>`
    # reads as if it took one), kept the docstrings' hard line breaks mid-sentence and cut choices mid-word.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DEFAULT_PLAN = Path("data")

# The plan argument every command that reads a plan takes (one declaration, so help and default never drift).
PlanFolder = Annotated[
    Path, typer.Argument(help="The plan folder, or a file of it. Default: data.", show_default=False, metavar="PLAN")
]
LANG_HELP = (
    "Language of the tool's words: en, zh, fr, es, ru, ar (any other gets English); a region sets the number "
    "format (fr-CH). Default: the user's locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else en."
)


class ValidateFormat(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ccm-plan {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Keep a treaty body's multi-year work plan and budget as YAML: validate, total, diff and export it."""


@contextmanager
def library_errors() -> Iterator[None]:
    """The one boundary where the library's 'cannot go on' becomes a one-line message and exit 2."""
    try:
        yield
    except CcmPlanError as error:
        from .read.loader import plan_here

        typer.echo(f"ccm-plan: {error}{plan_here(error, DEFAULT_PLAN, sys.argv[1:])}", err=True)
        raise typer.Exit(EXIT_UNUSABLE) from None


@contextmanager
def _progress(what: str) -> Iterator[None]:
    """A spinner on a terminal while a slow command works (a large plan's workbook takes seconds); nothing
    when standard error is not a terminal, so pipes, logs and CI see only the result."""
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(f"{what}…"):
        yield


def emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Plan folders, or files of a plan (each stands for its folder). Default: data.",
            show_default=False,
            metavar="PATH",
        ),
    ] = None,
    output_format: Annotated[
        ValidateFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text for people, json for programs, github for Actions annotations "
            "(the default when GITHUB_ACTIONS=true), sarif for code scanning (SARIF 2.1.0).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")] = False,
    lang: Annotated[str | None, typer.Option("--lang", help=LANG_HELP, show_default=False)] = None,
    skip_other_files: Annotated[
        bool,
        typer.Option(
            "--skip-other-files",
            help="Leave out files named that are not plan files (no `kind: ccm-plan/...`), instead of reporting "
            "them: for the pre-commit hook, which passes every YAML file of a commit.",
        ),
    ] = False,
) -> None:
    """Check that the plan is well-formed and consistent; print every finding with file:line:column.

    \b
    Example: ccm-plan validate data --strict
    """
    from .quick import validate as run  # also run without Typer for the common invocations (entry.py)

    with library_errors():
        code = run(paths, output_format, strict=strict, lang=lang, skip_other_files=skip_other_files)
    raise typer.Exit(code)


class SchemaKind(enum.StrEnum):
    budget = "budget"
    workplan = "workplan"
    actuals = "actuals"
    contributions = "contributions"


@app.command()
def schema(
    kind: Annotated[
        SchemaKind | None,
        typer.Argument(
            help="budget, workplan, actuals or contributions. Omit it to write all into --output FOLDER.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="With KIND: write the schema to this file. Without: write <kind>.schema.json into this folder.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of a plan file kind, generated from the models.

    Editors using yaml-language-server (VS Code's YAML extension and others) complete and check a plan file
    whose first line names its schema, for example:

    \b
    # yaml-language-server: $schema=../schema/budget.schema.json

    \b
    Example: ccm-plan schema budget > budget.schema.json

    \b
    Regenerate the committed schemas: ccm-plan schema --output schema
    """
    from .outputs import schema as plan_schema
    from .read.atomic import write_text

    with library_errors():
        if kind is None:
            if output is None:
                raise typer.BadParameter(
                    "give a KIND (budget, workplan, actuals, contributions) to print one schema, or --output FOLDER to write them all",
                    param_hint="KIND",
                )
            for path in plan_schema.write_all(output):
                typer.echo(f"wrote {path}")
            return
        text = plan_schema.render(kind.value)
        if output is None:
            emit(text)
        else:
            write_text(output, text)
            typer.echo(f"wrote {output}")


class RulesFormat(enum.StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command()
def rules(
    output_format: Annotated[
        RulesFormat,
        typer.Option(
            "--format", "-f", help="text: one line a rule; json for programs; markdown: the full documentation."
        ),
    ] = RulesFormat.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output.", show_default=False),
    ] = None,
) -> None:
    """List every rule with its id, default severity and summary; or write the rule documentation.

    \b
    Example: ccm-plan rules

    \b
    Regenerate docs/rules.md:
    ccm-plan rules --format markdown --output docs/rules.md
    """
    from .outputs.rules_doc import FORMATS, catalogue
    from .read.atomic import write_text

    text = FORMATS[output_format](catalogue())
    if output is None:
        emit(text)
        return
    with library_errors():
        write_text(output, text)
    typer.echo(f"wrote {output}")


class ReportFormat(enum.StrEnum):
    """The formats of a report (totals, execution, contributions): text and markdown for people, json and csv
    for programs."""

    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"


@app.command()
def totals(
    path: PlanFolder = DEFAULT_PLAN,
    years: Annotated[
        list[int] | None,
        typer.Option(
            "--year",
            "-y",
            help="Show this year line by line, with shares and the change from the year before. Repeatable.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="text for reading, markdown for documents, json and csv for programs."),
    ] = ReportFormat.text,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help=LANG_HELP + " The plan's names come in that language when the plan has it, else in its first.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the budget's figures: lines × years with totals, staff and non-staff subtotals, shares and ratios.

    A stated total that differs from the sum of the lines is shown recomputed, marked with * and explained.

    \b
    Example: ccm-plan totals data --year 2023 --lang zh
    """
    from .outputs.report import render_text as render_problems
    from .outputs.totals import FORMATS, render_text, totals_for
    from .problems import EXIT_PROBLEMS

    with library_errors():
        outcome = totals_for(path, years or (), lang)
    if outcome.report is None:
        typer.echo(render_problems(outcome.plan.problems, len(outcome.plan.files)), err=True, nl=False)
        raise typer.Exit(EXIT_PROBLEMS)
    if output_format is ReportFormat.text and sys.stdout.isatty():
        import shutil

        color = "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
        emit(render_text(outcome.report, width=shutil.get_terminal_size().columns, color=color))
    elif output_format is ReportFormat.json:  # written as it is built: a large plan's JSON is never held whole
        from .outputs.totals import write_json

        write_json(outcome.report, sys.stdout.write)
        sys.stdout.flush()
    else:
        emit(FORMATS[output_format](outcome.report))


@app.command()
def fix(
    path: PlanFolder = DEFAULT_PLAN,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Change nothing: list what would change, exit 1 if anything would (CI, pre-commit)."
        ),
    ] = False,
    lang: Annotated[str | None, typer.Option("--lang", help=LANG_HELP, show_default=False)] = None,
) -> None:
    """Rewrite the stated totals (each year's, the plan's, the work plan's summary figure) from the lines.

    Only those figures change: comments, key order, quoting and number spelling stay as they are. A plan
    with reading or schema errors is never written.

    \b
    Example: ccm-plan fix data --check
    """
    from .edit.fix import fix_plan, render_fix
    from .outputs.report import render_text as render_problems
    from .present.voice import Voice
    from .problems import EXIT_PROBLEMS

    voice = Voice(lang)
    with library_errors():
        result = fix_plan(path, check=check)
    if not result.usable:
        shown = result.blocking if result.plan.is_usable else result.plan.problems
        typer.echo(render_problems(shown, len(result.plan.files), voice), err=True, nl=False)
        if not result.plan.is_usable:
            typer.echo("ccm-plan: " + voice._("nothing written: fix the problems above first"), err=True)
        else:
            why = voice._(
                "nothing written: with the problems above, totals recomputed from the lines would be meaningless; "
                "fix them first, then run fix again"
            )
            typer.echo(f"ccm-plan: {why}", err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    emit(render_fix(result, voice))
    raise typer.Exit(EXIT_PROBLEMS if check and result.edits else 0)


@app.command()
def migrate(
    path: PlanFolder = DEFAULT_PLAN,
    check: Annotated[
        bool,
        typer.Option("--check", help="Change nothing: list what would change, exit 1 if anything would."),
    ] = False,
) -> None:
    """Rewrite a version-1 budget in place as schema version 2 (rates and travel as lists).

    Only the keys whose form changed are rewritten: comments, layout and every figure stay as they are, and
    the file is written atomically. A version-2 plan is left as it is.

    \b
    Example: ccm-plan migrate data
    """
    from .edit.migrate import migrate_plan, render_migrate
    from .problems import EXIT_PROBLEMS

    with library_errors():
        result = migrate_plan(path, check=check)
    emit(render_migrate(result))
    raise typer.Exit(EXIT_PROBLEMS if check and result.changes else 0)


class DiffFormat(enum.StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


def _limit(value: str) -> Decimal:
    """A non-negative number for the budget gates: 50000, 50_000, 50,000 or 1.5."""
    try:
        number = Decimal(value.replace(",", "").replace("_", "").strip())
    except InvalidOperation:
        raise typer.BadParameter(f"expected a number, got {value!r}") from None
    if not number.is_finite() or number < 0:
        raise typer.BadParameter(f"expected a number of 0 or more, got {value!r}")
    return number


@app.command()
def diff(
    old: Annotated[
        str,
        typer.Argument(
            help="The plan before: a plan folder (or file), or a git revision (main, HEAD~1, a tag) of the plan "
            "at --plan.",
            metavar="OLD",
            show_default=False,
        ),
    ],
    new: Annotated[
        str | None,
        typer.Argument(
            help="The plan after, as OLD. Default: the plan at --plan in the working tree.",
            metavar="NEW",
            show_default=False,
        ),
    ] = None,
    plan: Annotated[
        Path, typer.Option("--plan", "-p", help="Where the plan is, for revisions and the default NEW.")
    ] = DEFAULT_PLAN,
    output_format: Annotated[
        DiffFormat,
        typer.Option(
            "--format", "-f", help="text for reading, markdown for a pull-request comment, json for programs."
        ),
    ] = DiffFormat.text,
    differences_fail: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when there are differences, 0 when none (as git diff).")
    ] = False,
    fail_above: Annotated[
        Decimal | None,
        typer.Option(
            "--fail-above",
            parser=_limit,
            metavar="AMOUNT",
            help="Exit 1 when NEW's recomputed plan total minus OLD's is more than AMOUNT (in the plan's currency).",
            show_default=False,
        ),
    ] = None,
    fail_above_pct: Annotated[
        Decimal | None,
        typer.Option(
            "--fail-above-pct",
            parser=_limit,
            metavar="P",
            help="Exit 1 when NEW's recomputed plan total grows by more than P percent of OLD's.",
            show_default=False,
        ),
    ] = None,
    warn_above: Annotated[
        Decimal | None,
        typer.Option(
            "--warn-above",
            parser=_limit,
            metavar="AMOUNT",
            help="Warn (exit 0) when NEW's plan total minus OLD's is more than AMOUNT.",
            show_default=False,
        ),
    ] = None,
    warn_above_pct: Annotated[
        Decimal | None,
        typer.Option(
            "--warn-above-pct",
            parser=_limit,
            metavar="P",
            help="Warn (exit 0) when NEW's plan total grows by more than P percent of OLD's.",
            show_default=False,
        ),
    ] = None,
    fail_below: Annotated[
        Decimal | None,
        typer.Option(
            "--fail-below",
            parser=_limit,
            metavar="AMOUNT",
            help="Exit 1 when NEW's plan total is cut by more than AMOUNT below OLD's.",
            show_default=False,
        ),
    ] = None,
    fail_below_pct: Annotated[
        Decimal | None,
        typer.Option(
            "--fail-below-pct",
            parser=_limit,
            metavar="P",
            help="Exit 1 when NEW's plan total is cut by more than P percent of OLD's.",
            show_default=False,
        ),
    ] = None,
    transfer_limit_pct: Annotated[
        Decimal | None,
        typer.Option(
            "--transfer-limit-pct",
            parser=_limit,
            metavar="P",
            help="In a year whose total did not change, exit 1 when a line-year moved by more than P percent of its old figure.",
            show_default=False,
        ),
    ] = None,
    transfer_aggregate_pct: Annotated[
        Decimal | None,
        typer.Option(
            "--transfer-aggregate-pct",
            parser=_limit,
            metavar="P",
            help="In a year whose total did not change, exit 1 when the moves add up to more than P percent of the year's budget.",
            show_default=False,
        ),
    ] = None,
    transfer_authority: Annotated[
        bool,
        typer.Option(
            "--transfer-authority",
            help="Apply the transfer gates with OLD's parameters.transfer_authority (line_percent, total_percent) "
            "where --transfer-limit-pct or --transfer-aggregate-pct is not given.",
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help=LANG_HELP + " The plan's names come in that language when the plan has it, else in its first.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show what changed between two revisions of the plan: budget figures line by line and year by year, the
    totals before and after, lines added or removed, parameters, and texts per language, matched by id.

    A revision is read from git without a checkout. A path that exists wins over a revision of the same name.

    Gates, in both directions (a change exactly at a limit passes): --fail-above/--fail-above-pct fail on growth,
    --warn-above/--warn-above-pct only warn (exit 0), --fail-below/--fail-below-pct fail on a cut, and
    --transfer-limit-pct/--transfer-aggregate-pct (or the plan's own, with --transfer-authority) fail on money
    moved between lines within a year whose total stayed the same.

    \b
    Example: ccm-plan diff main --format markdown --fail-above-pct 2
    """
    from .diff.compare import compare
    from .diff.gates import Limits
    from .outputs.diff_report import FORMATS, gate_text, voice_for
    from .present.voice import Voice

    limits = Limits(
        fail_above=fail_above,
        fail_above_pct=fail_above_pct,
        warn_above=warn_above,
        warn_above_pct=warn_above_pct,
        fail_below=fail_below,
        fail_below_pct=fail_below_pct,
        transfer_limit_pct=transfer_limit_pct,
        transfer_aggregate_pct=transfer_aggregate_pct,
        transfer_authority=transfer_authority,
    )
    with library_errors():
        result = compare(old, new, plan=plan, limits=limits)
    voice = voice_for(result, Voice(lang))
    emit(FORMATS[output_format](result, voice))
    from .outputs.diff_report import not_compared_line

    for entry in result.not_compared:  # exit 2 below: say why on stderr too, where CI logs look
        typer.echo(f"ccm-plan: {not_compared_line(result, entry, voice)}", err=True)
    # The prefixes stay English: the GitHub action reads "ccm-plan: warning: " (action/diff.sh)
    for gate in result.gates:
        if gate.failed is not False:
            typer.echo(f"ccm-plan: {gate_text(gate, voice)}", err=True)
        elif gate.warns:
            typer.echo(f"ccm-plan: warning: {gate_text(gate, voice)}", err=True)
    raise typer.Exit(result.exit_code(differences_fail=differences_fail))


@app.command()
def execution(
    path: PlanFolder = DEFAULT_PLAN,
    years: Annotated[
        list[int] | None,
        typer.Option(
            "--year",
            "-y",
            help="Report this year (it must have actuals). Repeatable. Default: every year with actuals.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="text for reading, markdown for documents, json and csv for programs."),
    ] = ReportFormat.text,
    lang: Annotated[str | None, typer.Option("--lang", help=LANG_HELP, show_default=False)] = None,
) -> None:
    """Report budget execution: per year and line, budget, actual, variance and execution %; funding
    (received, pledges outstanding, gap), carry-over and the running balance.

    Actuals come from the plan's actuals files (one a year, audited or preliminary), contributions from its
    contributions file, every other currency at its recorded rate.

    \b
    Example: ccm-plan execution examples/after-adoption --year 2022
    """
    from .outputs.execution import EXECUTION_FORMATS, execution_for
    from .outputs.report import render_text as render_problems
    from .problems import EXIT_PROBLEMS

    with library_errors():
        outcome = execution_for(path, years or (), lang)
    if outcome.report is None:
        typer.echo(render_problems(outcome.problems, len(outcome.plan.files)), err=True, nl=False)
        typer.echo("ccm-plan: no report: fix the problems above first", err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    emit(EXECUTION_FORMATS[output_format](outcome.report))


@app.command()
def contributions(
    year: Annotated[int, typer.Option("--year", "-y", help="The year to report.", show_default=False)],
    path: PlanFolder = DEFAULT_PLAN,
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="text for reading, markdown for documents, json and csv for programs."),
    ] = ReportFormat.text,
    lang: Annotated[str | None, typer.Option("--lang", help=LANG_HELP, show_default=False)] = None,
) -> None:
    """Report the year's contributions per contributor: indicative (the budget shared by the scale of
    assessment, to the unit), pledged, received and outstanding, and whom to remind.

    \b
    Example: ccm-plan contributions examples/after-adoption --year 2022
    """
    from .outputs.execution import CONTRIBUTIONS_FORMATS, contributions_for
    from .outputs.report import render_text as render_problems
    from .problems import EXIT_PROBLEMS

    with library_errors():
        outcome = contributions_for(path, year, lang)
    if outcome.report is None:
        typer.echo(render_problems(outcome.problems, len(outcome.plan.files)), err=True, nl=False)
        typer.echo("ccm-plan: no report: fix the problems above first", err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    emit(CONTRIBUTIONS_FORMATS[output_format](outcome.report))


import_app = typer.Typer(
    name="import",
    cls=_Commands,
    rich_markup_mode=None,
    help="Bring figures from other systems into the plan.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(import_app, name="import")


class ActualsStatus(enum.StrEnum):
    preliminary = "preliminary"
    audited = "audited"


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected a date as YYYY-MM-DD, got {value!r}") from None


@import_app.command("actuals")
def import_actuals(
    export: Annotated[
        Path,
        typer.Argument(help="The accounting export: a .csv or .xlsx file, one row per account.", show_default=False),
    ],
    year: Annotated[int, typer.Option("--year", "-y", help="The year the export covers.", show_default=False)],
    plan: Annotated[Path, typer.Option("--plan", "-p", help="The plan folder (or a file of it).")] = DEFAULT_PLAN,
    account_column: Annotated[
        str, typer.Option("--account-column", help="The header of the account code column (or its number, from 1).")
    ] = "account",
    amount_column: Annotated[
        str, typer.Option("--amount-column", help="The header of the amount column (or its number, from 1).")
    ] = "amount",
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="XLSX: the sheet to read. Default: the first.", show_default=False)
    ] = None,
    decimal_separator: Annotated[
        str, typer.Option("--decimal-separator", help="'.' (1,234.50) or ',' (1.234,50 or 1 234,50).")
    ] = ".",
    sum_duplicates: Annotated[
        bool, typer.Option("--sum-duplicates", help="Add up rows of the same account (an export of postings).")
    ] = False,
    encoding: Annotated[
        str, typer.Option("--encoding", help="CSV: the text encoding (cp1252 for a CSV Excel saved on Windows).")
    ] = "utf-8",
    status: Annotated[
        ActualsStatus, typer.Option("--status", help="preliminary or audited.")
    ] = ActualsStatus.preliminary,
    as_of: Annotated[
        datetime.date | None,
        typer.Option(
            "--as-of",
            parser=_date,
            metavar="YYYY-MM-DD",
            help="The date of the figures. Default: today.",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help="Where the figures come from (every plan language). Default: the export's file name.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The file to write. Default: actuals-YEAR.yaml in the plan folder.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing actuals file (its notes are lost).")
    ] = False,
    lang: Annotated[str | None, typer.Option("--lang", help=LANG_HELP, show_default=False)] = None,
) -> None:
    """Sum an accounting export's rows per budget line (by the lines' `account_codes`) and write the year's
    actuals file, atomically. An account that maps to no line, a duplicate account, or an amount that is not a
    number is reported with its row, and nothing is written.

    \b
    Example: ccm-plan import actuals ledger-2024.csv --year 2024 --plan data
    """
    from .edit.import_actuals import import_actuals as run_import
    from .outputs.execution import import_summary
    from .outputs.report import render_text as render_problems
    from .problems import EXIT_PROBLEMS

    with library_errors():
        result = run_import(
            plan,
            export,
            year,
            account_column=account_column,
            amount_column=amount_column,
            sheet=sheet,
            decimal_separator=decimal_separator,
            sum_duplicates=sum_duplicates,
            encoding=encoding,
            status=status.value,
            as_of=as_of,
            source=source,
            output=output,
            force=force,
        )
    if not result.written:
        typer.echo(render_problems(result.problems, 1), err=True, nl=False)
        typer.echo("ccm-plan: nothing written: fix the problems above first", err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    emit(import_summary(result, lang))


export_app = typer.Typer(
    name="export",
    cls=_Commands,
    rich_markup_mode=None,
    help="Write the plan in a format for people who do not read YAML.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(export_app, name="export")


def _output_option(suffix: str, standard_output: bool = False) -> Any:
    """The `--output`/`-o` option of an export writing a .`suffix` file (declared once for xlsx, md, docx and pdf)."""
    where = (
        f"The .{suffix} file to write, a folder to write it in, or - for standard output."
        if standard_output
        else (f"The .{suffix} file to write, or a folder to write it in.")
    )
    return typer.Option(
        "--output",
        "-o",
        help=f"{where} Default: the plan's title as a file name (isu-budget-2021-2026.{suffix}; -LANG added for a "
        "language other than English) in the current folder.",
        show_default=False,
    )


@export_app.command("xlsx")
def export_xlsx(
    path: PlanFolder = DEFAULT_PLAN,
    output: Annotated[Path | None, _output_option("xlsx")] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="One of the plan's languages. Default: your locale's language (LANGUAGE, LC_ALL, LC_MESSAGES, "
            "LANG) when the plan has it, else en if the plan has it, else its first language.",
            show_default=False,
        ),
    ] = None,
    checks: Annotated[
        bool,
        typer.Option("--checks", help="Add the Checks sheet: the findings, for the plan's editors (internal use)."),
    ] = False,
    draft: Annotated[
        bool,
        typer.Option(
            "--draft", help="Write the workbook of a plan with errors anyway, marked DRAFT on every sheet and page."
        ),
    ] = False,
    as_printed: Annotated[
        bool,
        typer.Option("--as-printed", help="The source's words verbatim, without the corrections the plan records."),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace the output file even when it is read-only.")] = False,
) -> None:
    """Write the plan as an Excel workbook to circulate: budget with live totals, analysis and chart, work plan.

    Totals are formulas stored with ccm-plan's own values; plan texts are always text, never formulas. The
    file is written whole or not at all. A plan with errors gives no workbook (exit 1) unless --draft; a draft
    exits 1 as `validate` does.

    \b
    Example: ccm-plan export xlsx data --lang zh
    """
    from .exports.xlsx import export_xlsx as export
    from .exports.xlsx import summary
    from .outputs.report import render_text as render_problems
    from .present.voice import Voice
    from .problems import EXIT_PROBLEMS, exit_code

    voice = Voice(lang)  # the tool's words: --lang, else the user's locale
    with library_errors(), _progress("writing the workbook"):
        result = export(path, output, lang, checks=checks, draft=draft, as_printed=as_printed, force=force)
    if not result.written:
        typer.echo(render_problems(result.problems, len(result.files), voice), err=True, nl=False)
        if result.has_errors:
            said = voice._("no workbook written: the plan has errors; fix them, or write a draft with --draft")
        else:
            said = voice._("no workbook written: fix the problems above first")
        typer.echo(f"ccm-plan: {said}", err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    emit(summary(result, voice))
    raise typer.Exit(exit_code(result.problems))


# The options every document export (md, docx, pdf) takes, declared once.
DocumentLang = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="One of the plan's languages. Default: your locale's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) "
        "when the plan has it, else en if the plan has it, else its first language.",
        show_default=False,
    ),
]
AsPrinted = Annotated[
    bool,
    typer.Option(
        "--as-printed", help="The texts as the source printed them, without the corrections the plan records."
    ),
]
Draft = Annotated[
    bool, typer.Option("--draft", help="Write the document even when the plan has errors, marked DRAFT in its header.")
]


def _document_refused(prepared: object, lang: str | None) -> None:
    """No document: the plan's problems on stderr, one line saying why, exit 1; in the language of `lang`, else
    of the user's locale."""
    from .outputs.report import render_text as render_problems
    from .present.message import Code
    from .present.voice import Voice
    from .problems import EXIT_PROBLEMS

    voice = Voice(lang)
    typer.echo(render_problems(prepared.problems, len(prepared.plan.files), voice), err=True, nl=False)  # type: ignore[attr-defined]
    said = voice._("no document written: {reason}", reason=Code(voice._(prepared.refused)))  # type: ignore[attr-defined]
    typer.echo(f"ccm-plan: {said}", err=True)
    raise typer.Exit(EXIT_PROBLEMS)


@export_app.command("md")
def export_md(
    path: PlanFolder = DEFAULT_PLAN,
    output: Annotated[Path | None, _output_option("md", True)] = None,
    lang: DocumentLang = None,
    as_printed: AsPrinted = False,
    draft: Draft = False,
) -> None:
    """Write the plan as its meeting document in Markdown (GitHub tables), for a README or a pull request.

    The same document as `export docx`: header, summary, sections, the budget table with its total and in-kind
    rows, budget notes, assumptions. A plan with errors gives no document unless --draft.

    \b
    Example: ccm-plan export md data --lang zh -o -
    """
    from .exports.markdown import export_markdown
    from .problems import exit_code

    with library_errors():
        prepared, written, text = export_markdown(path, output, lang, as_printed=as_printed, draft=draft)
    if prepared.document is None:
        _document_refused(prepared, lang)
    if written is None:
        emit(text)
    else:
        emit(_document_summary(prepared, [written], lang))
    raise typer.Exit(exit_code(prepared.problems))


def _document_summary(prepared: object, written: list[Path], lang: str | None) -> str:
    """What a document export wrote, in the language of `lang`, else of the user's locale."""
    from .exports.document import describe
    from .present.message import Code
    from .present.voice import Voice

    voice = Voice(lang)
    wrote = "".join(voice._("wrote {path}", path=Code(str(path))) + "\n" for path in written)
    return wrote + describe(prepared, voice) + "\n"  # type: ignore[arg-type]


@export_app.command("docx")
def export_docx(
    path: PlanFolder = DEFAULT_PLAN,
    output: Annotated[Path | None, _output_option("docx")] = None,
    lang: DocumentLang = None,
    as_printed: AsPrinted = False,
    draft: Draft = False,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also write a PDF beside it, converted by LibreOffice (soffice).")
    ] = False,
) -> None:
    """Write the plan as its meeting document in Word: styles, real numbering, the budget table on one page.

    The UN layout of the source: header, meeting and agenda item, title, summary, I. mandate, II. priorities,
    III. expected results, the budget table, IV. budget notes, V. assumptions. The same plan and ccm-plan
    version give the same bytes (timestamps: SOURCE_DATE_EPOCH, else the plan's last commit). A plan with
    errors gives no document unless --draft.

    \b
    Example: ccm-plan export docx data --lang zh --pdf
    """
    from .exports.docx import export_docx as export
    from .problems import exit_code

    with library_errors(), _progress("writing the document"):
        result = export(path, output, lang, as_printed=as_printed, draft=draft, pdf=pdf)
    if result.output is None:
        _document_refused(result.prepared, lang)
    emit(_document_summary(result.prepared, [p for p in (result.output, result.pdf) if p is not None], lang))
    raise typer.Exit(exit_code(result.problems))


@export_app.command("pdf")
def export_pdf(
    path: PlanFolder = DEFAULT_PLAN,
    output: Annotated[Path | None, _output_option("pdf")] = None,
    lang: DocumentLang = None,
    as_printed: AsPrinted = False,
    draft: Draft = False,
) -> None:
    """Write the plan's meeting document as PDF: the Word document, converted by LibreOffice (soffice).

    \b
    Example: ccm-plan export pdf data --lang zh -o plan-zh.pdf
    """
    from .exports.pdf import export_pdf as export
    from .problems import exit_code

    with library_errors(), _progress("writing the PDF"):
        prepared, written = export(path, output, lang, as_printed=as_printed, draft=draft)
    if written is None:
        _document_refused(prepared, lang)
    emit(_document_summary(prepared, [written] if written is not None else [], lang))
    raise typer.Exit(exit_code(prepared.problems))


_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _completion_for_the_named_shell(args: list[str]) -> None:
    """`--show-completion zsh` (or `--install-completion zsh`) is for zsh, whatever shell runs the command.

    Typer's completion options are flags that detect the current shell (shellingham) and ignore a shell named
    after them: `--show-completion zsh` under bash printed the bash script. With a shell named, Typer is asked for
    its other form, where the option takes the shell as its value (the switch Typer reads is the environment
    variable below); without one, the current shell is detected as before."""
    for index, arg in enumerate(args):
        name, _, value = arg.partition("=")
        if name in ("--show-completion", "--install-completion"):
            named = value or (args[index + 1] if index + 1 < len(args) else "")
            if named in _SHELLS:
                os.environ["_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"] = "1"
            return


def _name_values(command: Any) -> None:
    """Name every value a command takes as its help and errors show it: `--lang LANG`, `--output OUTPUT`, `PLAN`,
    in capitals as Click does, instead of Typer's type in brackets (`<str>`, `<path>`, `<list[Path]>`). A name
    given where the parameter is declared is kept; flags take no value and choices list theirs."""
    for param in command.params:
        choice = getattr(getattr(param, "type_descriptor", None), "is_choice", False)  # Typer ≥ 0.20
        choice = choice or type(getattr(param, "type", None)).__name__ == "Choice"  # Click's own, before it
        if param.param_type_name == "argument":
            param.metavar = param.metavar or (param.name or "value").upper()
            if not choice:
                param.display_type_rich = lambda ctx: ""  # the name says it: no `<path>` or `<list[Path]>` after it
        elif param.metavar is None and not getattr(param, "is_flag", False) and not choice:
            param.metavar = max(param.opts, key=len).lstrip("-").upper().replace("-", "_")
    for child in getattr(command, "commands", {}).values():
        _name_values(child)


def _wrap_at_spaces() -> None:
    """Help text wraps at spaces only: Click's wrapper also breaks after a hyphen, which cut option names and
    file names in two (`--fail-` / `above`, `isu-budget-2021-2026-` / `zh.docx`)."""
    import importlib

    for name in ("typer._click._textwrap", "click._textwrap"):  # Typer's copy of Click (0.20 and later), or Click
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        wrapper = module.TextWrapper
        if getattr(wrapper, "at_spaces", False):
            continue

        class AtSpaces(wrapper):  # type: ignore[misc, valid-type]
            at_spaces = True

            def __init__(self, *args: Any, **kwargs: Any) -> None:
                kwargs.setdefault("break_on_hyphens", False)
                super().__init__(*args, **kwargs)

        module.TextWrapper = AtSpaces  # type: ignore[attr-defined]
        return


def main() -> None:
    """Console-script entry point. Typer's standalone mode already maps usage errors to exit 2 and Ctrl-C to
    exit 130; library errors are mapped in `library_errors`."""
    # pydantic looks for plugins (the `pydantic` entry points of every installed distribution) when it builds
    # the plan models' validators: a scan of the environment's metadata on every run, for plugins no one has
    # configured for a command-line check. Off for this process unless the user has set the variable; setting it
    # to an empty value (`PYDANTIC_DISABLE_PLUGINS=`) brings any plugin back. Typer turns it off for its own
    # validators already.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from .quick import skip_plugin_scan

    skip_plugin_scan()  # and the import of importlib.metadata that comes with it
    _completion_for_the_named_shell(sys.argv[1:])
    if len(sys.argv) <= 2 or "--help" in sys.argv or "-h" in sys.argv:  # help may be shown (no arguments too)
        _wrap_at_spaces()
    command = typer.main.get_command(app)
    _name_values(command)
    try:
        command(prog_name="ccm-plan")
    finally:
        # On the way out, CPython's shutdown runs full collections over every object still alive (the modules,
        # Typer's commands, pydantic's validators, the plan): ~30 ms, a fifth of `validate` on the shipped plan,
        # spent finding nothing that a process about to end needs. Frozen objects are skipped by every later
        # collection; shutdown still flushes the output and frees them by reference counting as it clears the
        # modules, and nothing here relies on a finalizer at exit (files and temporary folders are closed by
        # `with`). Here, not at import, so that a program or test running `app` in its own process is unaffected.
        gc.freeze()
