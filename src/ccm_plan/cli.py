"""The `ccm-plan` command line: options in, one library call, output out. Nothing else lives here.

Exit codes, for every command: 0 fine; 1 the plan has problems (warnings only with --strict); 2 usage errors or
input that cannot be read at all; 130 interrupted.
"""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .errors import CcmPlanError
from .problems import EXIT_UNUSABLE

app = typer.Typer(
    name="ccm-plan",
    help="Keep a treaty body's multi-year work plan and budget as YAML: validate, total, diff and export it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DEFAULT_PLAN = Path("data")


class ValidateFormat(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"


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
        typer.echo(f"ccm-plan: {error}", err=True)
        raise typer.Exit(EXIT_UNUSABLE) from None


def emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Plan folders, or files of a plan (each stands for its folder). Default: data.", show_default=False
        ),
    ] = None,
    output_format: Annotated[
        ValidateFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text for people, json for programs, github for Actions annotations "
            "(the default when GITHUB_ACTIONS=true).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")] = False,
) -> None:
    """Check that the plan is well-formed and consistent; print every finding with file:line:column.

    Example: ccm-plan validate data --strict
    """
    from .check import check_paths
    from .problems import exit_code
    from .report import FORMATS

    chosen = output_format or (
        ValidateFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else ValidateFormat.text
    )
    with library_errors():
        result = check_paths(paths or [DEFAULT_PLAN])
    emit(FORMATS[chosen](result.problems, len(result.files)))
    raise typer.Exit(exit_code(result.problems, strict=strict))


def main() -> None:
    """Console-script entry point. Typer's standalone mode already maps usage errors to exit 2 and Ctrl-C to
    exit 130; library errors are mapped in `library_errors`."""
    app()
