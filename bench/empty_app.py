"""The start-up baseline for `bench/startup.py`: a Typer app that imports what `ccm-plan validate` needs and
does nothing.

What "imports pydantic" means here: pydantic loads its model machinery (pydantic.fields, pydantic.types,
annotated_types, and the plugin loader with importlib.metadata) lazily, on the first model class a program
defines; a bare `import pydantic`, or even `from pydantic import BaseModel`, loads almost none of it. Any program
that uses pydantic pays that cost, so the baseline defines the smallest model there is (one int field) and never
uses it. Set CCM_BENCH_BARE=1 to skip the model and measure the bare imports instead (the same, within noise:
Typer's own start-up loads that machinery too). Set CCM_BENCH_GC=1 to give it ccm-plan's garbage-collector
settings (see cli.py: the raised threshold, and `gc.freeze()` on the way out), which separates what those settings
save from what ccm-plan's own code costs. Without it, this is the baseline the start-up target is measured against.

"Imports ruamel.yaml" means the parser validate uses: ruamel.yaml with its C extension (libyaml).
No plan model is defined and no file is read: that work is what the benchmark measures.
"""

from __future__ import annotations

import gc
import os
from typing import Annotated

if os.environ.get("CCM_BENCH_GC"):  # ccm-plan's collector settings (cli.py), for a like-for-like figure
    gc.set_threshold(100_000, 50, 100)

import typer
from pydantic import BaseModel
from ruamel.yaml import YAML  # noqa: F401
from ruamel.yaml.cyaml import CParser  # noqa: F401

if not os.environ.get("CCM_BENCH_BARE"):

    class Smallest(BaseModel):
        value: int


app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False)


@app.callback()
def root() -> None:
    """A command group, like ccm-plan, so `validate` is parsed as a subcommand the same way."""


@app.command()
def validate(paths: Annotated[list[str] | None, typer.Argument()] = None) -> None:
    """Do nothing."""


if __name__ == "__main__":
    try:
        app()
    finally:
        if os.environ.get("CCM_BENCH_GC"):
            gc.freeze()
