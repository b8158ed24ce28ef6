"""The floor for `validate` at scale: the interpreter starting, and libyaml's parser events over the plan's files.

    .venv/bin/python bench/floor.py PLAN_FOLDER

No tree, no model, no rule, no output: what any YAML checker built on libyaml pays at least. The events come from
the same parser `validate` uses (ruamel.yaml's C extension, `CParser.get_event`), so the ratio `validate` ÷ floor
is what ccm-plan adds to reading the files.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]


def main() -> None:
    count = 0
    for folder in sys.argv[1:]:
        for path in sorted(Path(folder).glob("*.y*ml")):
            for _ in iter(CParser(path.read_text(encoding="utf-8-sig")).get_event, None):
                count += 1
    if not count:
        sys.exit("no YAML events read: give a plan folder")


if __name__ == "__main__":
    main()
