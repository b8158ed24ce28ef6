"""The plan's document as PDF: the Word document converted by LibreOffice, when it is installed.

ccm-plan draws no PDF itself: LibreOffice lays out the .docx as Word would (fonts, numbering, the table kept on one
page), so the PDF is what a reader of the Word file sees. Each conversion runs headless with its own profile, so it
neither disturbs nor waits for a LibreOffice the user has open.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConversionError

if TYPE_CHECKING:
    from .document import Prepared

CONVERSION_TIMEOUT = 300  # seconds: a first start of LibreOffice on a slow machine takes tens of seconds
INSTALL_HINT = (
    "install LibreOffice: on Debian or Ubuntu `sudo apt-get install libreoffice-writer-nogui`, on Fedora "
    "`sudo dnf install libreoffice-writer`, on macOS `brew install --cask libreoffice`, on Windows from "
    "https://www.libreoffice.org/download/ (then `soffice` must be on PATH)"
)
_MAC_SOFFICE = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")


def find_soffice() -> str | None:
    """The LibreOffice program (`soffice`, or `libreoffice`), or None when it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and _MAC_SOFFICE.is_file():
        found = str(_MAC_SOFFICE)
    return found


def convert_to_pdf(source: Path, target: Path | None = None) -> Path:
    """Convert the document `source` (.docx) to `target` (default: beside it, .pdf), atomically.

    Raises `ConversionError` when LibreOffice is not installed (saying how to install it), fails or times out,
    and `OutputError` when the PDF cannot be written.
    """
    from ..read.atomic import write_bytes

    target = target or source.with_suffix(".pdf")
    soffice = find_soffice()
    if soffice is None:
        raise ConversionError(f"{target}: PDF needs LibreOffice (soffice), which is not installed; {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="ccm-plan-pdf-") as scratch:
        folder = Path(scratch)
        (folder / "home").mkdir()
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            str(source.resolve()),
        ]
        try:
            run = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=CONVERSION_TIMEOUT,
                env={**os.environ, "HOME": str(folder / "home")},
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ConversionError(f"{target}: LibreOffice did not finish within {CONVERSION_TIMEOUT} s") from None
        except OSError as error:
            raise ConversionError(f"{target}: cannot run LibreOffice ({soffice}): {error.strerror or error}") from None
        converted = folder / "out" / f"{source.stem}.pdf"
        if not converted.is_file():  # soffice may exit 0 without converting: the file is the evidence
            detail = (run.stderr or run.stdout).strip().splitlines()
            raise ConversionError(
                f"{target}: LibreOffice wrote no PDF (exit {run.returncode}{': ' + detail[-1] if detail else ''})"
            )
        write_bytes(target, converted.read_bytes())
    return target


def export_pdf(
    path: Path | str,
    output: Path | None = None,
    language: str | None = None,
    *,
    as_printed: bool = False,
    draft: bool = False,
) -> tuple[Prepared, Path | None]:
    """Write the plan's document as PDF only: the .docx is made in a temporary folder and converted.

    `output`: the .pdf file, or a folder for the default name. Returns what was prepared and the PDF written
    (None when the plan gives no document). Raises what `export_docx` raises.
    """
    from .document import output_path, prepare_document
    from .docx import document_bytes

    prepared = prepare_document(path, language, as_printed=as_printed, draft=draft)
    if prepared.document is None:
        return prepared, None
    target = output_path(prepared.plan, prepared.language, output, ".pdf")
    if find_soffice() is None:  # before any work, and without leaving anything behind
        raise ConversionError(f"{target}: PDF needs LibreOffice (soffice), which is not installed; {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="ccm-plan-docx-") as scratch:
        source = Path(scratch) / target.with_suffix(".docx").name
        source.write_bytes(document_bytes(prepared))
        convert_to_pdf(source, target)
    return prepared, target
