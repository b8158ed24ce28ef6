"""`ccm-plan validate` as pre-commit and CI run it, without Typer: the command's body, and a parser for its
common invocations.

`validate` runs on every commit, so its start-up is most of its cost. Typer with its vendored click and the
pydantic adapters it builds for each option is ~40 ms of CPU before the first plan file is read (importing
`typer`, building the command group of every command, and the options' validators), about a third of `validate` on
the shipped plan (docs/performance.md). `run` parses the invocations a hook, a CI job or a person typically
writes, and nothing else:

    validate [PATH ...] [--strict] [--skip-other-files] [--format|-f FORMAT] [--lang LANG]

(options and paths in any order; `--format=FORMAT` and `--lang=LANG` too). For anything else it returns None,
having done nothing, and `entry.py` hands the same arguments to the Typer command (`cli.validate`), so every
message about usage (help, an unknown or repeated option, a value that is not a choice, a path that cannot be
read) is Typer's own: another command, help (`-h`, `--help`), shell completion, an option not listed above or
given twice, a `--format` that is not one of `FORMATS`, an argument or value that is empty, not printable or
starts with `-`, a path that exists but is not readable. Both ways run `validate` below, so the output and the
exit code are the same: tests/test_quick.py runs arguments both ways and compares them.

A program or a test that imports `ccm_plan.cli` and calls its `app` is unaffected: this path is taken only by
the console script and `python -m ccm_plan` (`entry.py`).
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
import types
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

COMMAND = "validate"
FORMATS = ("text", "json", "github", "sarif")
"""The `--format` choices, in the order of `cli.ValidateFormat` and `outputs.report.FORMATS` (a test checks)."""
FLAGS = {"--strict": "strict", "--skip-other-files": "skip_other_files"}
OPTIONS = {"--format": "output_format", "-f": "output_format", "--lang": "lang"}
DEFAULT_PLAN = Path("data")


def validate(
    paths: Sequence[Path] | None,
    output_format: str | None = None,
    *,
    strict: bool = False,
    lang: str | None = None,
    skip_other_files: bool = False,
) -> int:
    """The `validate` command's work, for both ways in: check the plans at `paths` (default: data), write the
    report to standard output in `output_format` (default: github inside GitHub Actions, else text) and in the
    language `lang`, and return the exit code (0, or 1 for problems; `strict`: warnings too).

    Raises `CcmPlanError` when a path holds no plan or cannot be read (the caller says so, exit 2)."""
    import sys

    from .check import check_paths
    from .outputs.report import FORMATS as RENDERERS
    from .present.voice import Voice
    from .problems import exit_code

    chosen = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    result = check_paths(paths or [DEFAULT_PLAN], skip_other_files=skip_other_files)
    sys.stdout.write(RENDERERS[chosen](result.problems, len(result.files), Voice(lang)))
    sys.stdout.flush()
    return exit_code(result.problems, strict=strict)


def parse(args: Sequence[str]) -> dict[str, object] | None:
    """The keyword arguments of `validate` for `args` (the command line after the program's name), or None
    when `args` are not a plain `validate` invocation (see the module's docstring): Typer's to parse."""
    if not args or args[0] != COMMAND or _completing():
        return None
    chosen: dict[str, object] = {}
    paths: list[Path] = []
    index = 1
    given: bool | str
    while index < len(args):
        arg = args[index]
        index += 1
        if not _plain(arg):
            return None
        if not arg.startswith("-"):
            if not _readable_or_absent(arg):
                return None
            paths.append(Path(arg))
            continue
        name, equals, value = arg.partition("=")
        if name in FLAGS and not equals:
            key, given = FLAGS[name], True
        elif name in OPTIONS and not (equals and not name.startswith("--")):
            if not equals:
                if index == len(args):
                    return None
                value = args[index]
                index += 1
            if not _plain(value) or value.startswith("-"):
                return None
            key, given = OPTIONS[name], value
            if key == "output_format" and value not in FORMATS:
                return None
        else:
            return None
        if key in chosen:
            return None
        chosen[key] = given
    return {"paths": paths or None, **chosen}


def run(args: Sequence[str]) -> int | None:
    """Run `validate` for `args` if they are a plain invocation of it, with the command line's settings for the
    process (`cli.main` has the same: the collector's threshold, pydantic's plugin scan off unless the user set
    `PYDANTIC_DISABLE_PLUGINS`, the exit freeze); the exit code, or None when Typer must parse `args`.

    A library error (a path without a plan) is one line on standard error and exit 2, written by Typer's own
    `echo`, as `cli.library_errors` does."""
    options = parse(args)
    if options is None:
        return None
    gc.set_threshold(100_000, 50, 100)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    skip_plugin_scan()
    from .errors import CcmPlanError
    from .problems import EXIT_UNUSABLE

    try:
        return validate(**options)  # type: ignore[arg-type]
    except CcmPlanError as error:
        import typer

        from .read.loader import plan_here

        typer.echo(f"ccm-plan: {error}{plan_here(error, DEFAULT_PLAN, args)}", err=True)
        return EXIT_UNUSABLE
    finally:
        gc.freeze()  # see cli.main


def _plain(arg: str) -> bool:
    return bool(arg) and arg.isprintable()


def _readable_or_absent(arg: str) -> bool:
    """What Typer's path check lets through: a path that does not exist (the command says so), or one that can
    be read. Typer refuses the rest with its own message."""
    try:
        os.stat(arg)
    except (OSError, ValueError):
        return True
    return os.access(arg, os.R_OK)


def _completing() -> bool:
    """Typer's shell completion asks through `_<PROG>_COMPLETE` variables."""
    return any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ)


PLUGIN_LOADER = "pydantic.plugin._loader"
PLUGINS_OFF = ("__all__", "1", "true")
"""The values of PYDANTIC_DISABLE_PLUGINS for which pydantic's `get_plugins` returns no plugin without looking."""


def skip_plugin_scan() -> None:
    """Spare the command line the import of `importlib.metadata` (~14 ms of CPU, a tenth of `validate` on the
    shipped plan) when pydantic's plugins are off (`PYDANTIC_DISABLE_PLUGINS`, which the command line sets
    unless the user has).

    pydantic imports its plugin loader, `pydantic.plugin._loader`, when it builds each validator (a model's,
    Typer's adapters'), and that module imports `importlib.metadata` (and with it `email`, `zipfile`, `csv`) at
    its top, only to scan the installed distributions' entry points, which it never does while plugins are off.
    This puts a stand-in for that module in `sys.modules`: its `get_plugins` returns no plugin while the
    variable says off, exactly as pydantic's does, and otherwise (or for any other name of the module) loads
    pydantic's own module and hands over to it. Nothing is done when the variable says on or pydantic's module is
    already loaded. For the command line only (`run`, `cli.main`): a program that imports the library keeps
    pydantic as it is. tests/test_quick.py checks the stand-in against pydantic's module."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in PLUGINS_OFF or PLUGIN_LOADER in sys.modules:
        return
    stand_in = types.ModuleType(PLUGIN_LOADER, "pydantic's plugin loader until plugins are asked for (quick.py)")
    stand_in.get_plugins = _get_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = _loader_attribute  # type: ignore[method-assign]
    sys.modules[PLUGIN_LOADER] = stand_in


def _get_plugins() -> Iterable[Any]:
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in PLUGINS_OFF:
        return ()
    return _pydantic_loader().get_plugins()  # type: ignore[no-any-return]


def _loader_attribute(name: str) -> Any:
    if name.startswith("__"):  # the import system asks a module for `__path__` and the like: not pydantic
        raise AttributeError(name)
    return getattr(_pydantic_loader(), name)


def _pydantic_loader() -> types.ModuleType:
    """pydantic's own plugin loader, in place of the stand-in from now on."""
    loaded = sys.modules.get(PLUGIN_LOADER)
    if loaded is not None and getattr(loaded, "get_plugins", None) is _get_plugins:
        del sys.modules[PLUGIN_LOADER]
    return importlib.import_module(PLUGIN_LOADER)
