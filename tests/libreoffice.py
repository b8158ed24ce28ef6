"""LibreOffice for the export tests: convert workbooks headless, each run with its own profile and HOME.

Debian: `libreoffice-calc-nogui` (soffice), and for rendering `fonts-crosextra-carlito`, `fonts-noto-cjk` and
`poppler-utils` (pdffonts, pdftotext). `.ci/run` installs them; locally a test skips when a tool is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

# By default LibreOffice trusts the values stored in an xlsx file; this profile makes it recalculate on load.
RECALCULATE_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


# The workbooks name Office's fonts; this maps them to the free fonts whose metrics ccm-plan measures.
FONTS_CONF = Path(__file__).resolve().parent / "fonts.conf"


def require(tool: str, package: str) -> str:
    """The tool's path; skip the test without it, except in CI, where its absence is a broken set-up."""
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing in CI: .ci/run must install the Debian package {package}")
        pytest.skip(f"{tool} is not installed (Debian package {package})")
    return found


def convert(sources: list[Path], to: str, folder: Path, fonts: Path | None = FONTS_CONF) -> list[Path]:
    """Convert `sources` to format `to` (xlsx, pdf, ...) in one soffice run; return the files it wrote.

    `fonts`: the fontconfig file LibreOffice reads (FONTCONFIG_FILE); None for the machine's own configuration,
    as on a reader's machine without Office's fonts and without the tests' substitutions."""
    soffice = require("soffice", "libreoffice-calc-nogui")
    profile, home, out = folder / "profile", folder / "home", folder / "out"
    (profile / "user").mkdir(parents=True)
    home.mkdir()
    (profile / "user" / "registrymodifications.xcu").write_text(RECALCULATE_ON_LOAD, encoding="utf-8")
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        to,
        "--outdir",
        str(out),
        *map(str, sources),
    ]
    env = {key: value for key, value in os.environ.items() if key != "FONTCONFIG_FILE"}
    env["HOME"] = str(home)
    if fonts is not None:
        env["FONTCONFIG_FILE"] = str(fonts)
    run = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    converted = [out / f"{source.stem}.{to}" for source in sources]
    # soffice exits 0 even when a conversion fails: the files are the evidence.
    missing = [path.name for path in converted if not path.is_file()]
    assert not missing, f"LibreOffice wrote no {missing}: exit {run.returncode}\n{run.stdout}\n{run.stderr}"
    return converted
