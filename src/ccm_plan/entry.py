"""The `ccm-plan` console script and `python -m ccm_plan`: Ctrl-C means exit 130, from the very first moment.

Typer maps Ctrl-C to exit 130 once a command runs; before that, while Python imports Typer and the libraries,
Ctrl-C would print a KeyboardInterrupt traceback. The handler is installed here, not in `cli`, so that a
program or a test that imports the command line keeps its own Ctrl-C.
"""

import signal
import sys
from types import FrameType


def _interrupted(signum: int, frame: FrameType | None) -> None:
    sys.stderr.write("ccm-plan: interrupted\n")
    raise SystemExit(130)


def main() -> None:
    signal.signal(signal.SIGINT, _interrupted)
    from .cli import main as run

    run()
