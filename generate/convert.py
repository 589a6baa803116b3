"""PDF through LibreOffice headless, and a PNG of page 1 through pdftoppm."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from generate.exceptions import ConversionError, ToolMissingError

SOFFICE_NAMES = ("soffice", "libreoffice")
INSTALL_HINT = {
    "soffice": "install LibreOffice Writer (Debian: apt-get install libreoffice-writer-nogui fonts-liberation2)",
    "pdftoppm": "install Poppler (Debian: apt-get install poppler-utils)",
}


def find_tool(name: str) -> str:
    """Path of an external program; ``soffice`` may also be set with ``CONGVAN_SOFFICE``.

    Raises:
        ToolMissingError: the program is not installed, with how to install it.
    """
    if name == "soffice":
        configured = os.environ.get("CONGVAN_SOFFICE")
        if configured:
            if shutil.which(configured):
                return shutil.which(configured)  # type: ignore[return-value]
            raise ToolMissingError(f"CONGVAN_SOFFICE={configured!r} is not an executable program")
        for candidate in SOFFICE_NAMES:
            found = shutil.which(candidate)
            if found:
                return found
    else:
        found = shutil.which(name)
        if found:
            return found
    raise ToolMissingError(f"{name} was not found on PATH: {INSTALL_HINT[name]}")


def _run(command: list[str], timeout: float, what: str) -> None:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ConversionError(f"{what}: no result after {timeout:g} s ({command[0]} was stopped)") from exc
    except OSError as exc:
        raise ConversionError(f"{what}: cannot start {command[0]}: {exc}") from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise ConversionError(f"{what}: {command[0]} exited {result.returncode}: {detail[-1] if detail else ''}")


def to_pdf(docx: str | Path, out_dir: str | Path, *, timeout: float = 120.0) -> Path:
    """Convert a .docx to PDF with LibreOffice headless.

    A private LibreOffice profile is used for each call, so conversions never wait on
    a desktop LibreOffice or on one another.

    Args:
        docx: the document.
        out_dir: where ``<name>.pdf`` is written (created if needed).
        timeout: seconds before the conversion is stopped.

    Returns:
        The path of the PDF.

    Raises:
        ToolMissingError: LibreOffice is not installed.
        ConversionError: the conversion failed, timed out or wrote nothing.
    """
    docx, out_dir = Path(docx), Path(out_dir)
    if not docx.is_file():
        raise ConversionError(f"{docx}: no such file to convert")
    soffice = find_tool("soffice")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="congvan-lo-") as profile:
        command = [
            soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", str(out_dir), str(docx),
        ]
        _run(command, timeout, f"{docx}: PDF conversion")
    pdf = out_dir / f"{docx.stem}.pdf"
    if not pdf.is_file():
        raise ConversionError(f"{docx}: LibreOffice reported success but wrote no {pdf.name}")
    return pdf


def to_png(pdf: str | Path, out: str | Path, *, dpi: int = 100, timeout: float = 60.0) -> Path:
    """Render page 1 of a PDF to a PNG with pdftoppm.

    Args:
        pdf: the PDF.
        out: the PNG path to write.
        dpi: resolution.
        timeout: seconds before pdftoppm is stopped.

    Raises:
        ToolMissingError: pdftoppm is not installed.
        ConversionError: the rendering failed.
    """
    pdf, out = Path(pdf), Path(out)
    if not pdf.is_file():
        raise ConversionError(f"{pdf}: no such PDF")
    out.parent.mkdir(parents=True, exist_ok=True)
    stem = out.with_suffix("")
    _run([find_tool("pdftoppm"), "-png", "-f", "1", "-l", "1", "-r", str(dpi), "-singlefile", str(pdf), str(stem)],
         timeout, f"{pdf}: page image")
    produced = stem.with_suffix(".png")
    if produced != out:
        produced.replace(out)
    return out
