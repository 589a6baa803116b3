"""LibreOffice headless: a legacy document (.doc, .rtf, .odt) converted to .docx.

Each conversion runs with a private LibreOffice profile in a temporary folder, so it
never waits on a desktop LibreOffice or on another conversion, and is stopped (with
every process it started) after the time limit. ``CONGVAN_SOFFICE`` names the program
and ``CONGVAN_CONVERT_TIMEOUT`` the time limit; the defaults are in ``data/convert.yaml``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from extract.errors import ConversionError, ConverterUnavailableError, DataFileError
from extract.lexicon import load_model

INSTALL_HINT = "Debian: apt-get install libreoffice-writer-nogui"


class ConvertSettings(BaseModel):
    """``data/convert.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    timeout_seconds: float = Field(gt=0)
    suffixes: dict[str, str]
    programs: list[str] = Field(min_length=1)


@cache
def _file_settings() -> ConvertSettings:
    return load_model("convert.yaml", ConvertSettings)


def _timeout() -> float:
    raw = os.environ.get("CONGVAN_CONVERT_TIMEOUT", "").strip()
    if not raw:
        return _file_settings().timeout_seconds
    try:
        value = float(raw)
    except ValueError as exc:
        raise DataFileError(f"CONGVAN_CONVERT_TIMEOUT={raw!r} is not a number of seconds") from exc
    if value <= 0:
        raise DataFileError(f"CONGVAN_CONVERT_TIMEOUT={raw!r} must be more than 0 seconds")
    return value


def find_soffice(name: str) -> str:
    """The LibreOffice program: ``CONGVAN_SOFFICE``, else the first of ``convert.yaml``'s programs on PATH.

    Raises:
        ConverterUnavailableError: naming ``name``: LibreOffice is not installed.
    """
    configured = os.environ.get("CONGVAN_SOFFICE", "").strip()
    candidates = [configured] if configured else _file_settings().programs
    for candidate in candidates:
        found = shutil.which(candidate)
        if found:
            return found
    what = f"CONGVAN_SOFFICE={configured!r} is not a program" if configured else "LibreOffice is not installed"
    raise ConverterUnavailableError(name, f"this legacy document needs LibreOffice to be read, but {what} "
                                          f"({INSTALL_HINT})")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill the conversion and every process it started (soffice runs soffice.bin)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.wait()


def convert_to_docx(data: bytes, *, name: str, fmt: str) -> bytes:
    """Convert a legacy document to .docx bytes with LibreOffice headless.

    Args:
        data: the document's content.
        name: the file name (for messages).
        fmt: ``"doc"``, ``"rtf"`` or ``"odt"``, as detected from the content.

    Raises:
        ConverterUnavailableError: LibreOffice is not installed.
        ConversionError: the conversion failed, wrote nothing, or took longer than the limit.
    """
    settings = _file_settings()
    soffice = find_soffice(name)
    timeout = _timeout()
    with tempfile.TemporaryDirectory(prefix="congvan-convert-") as work:
        folder = Path(work)
        source = folder / f"document{settings.suffixes.get(fmt, '.' + fmt)}"
        source.write_bytes(data)
        command = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                   "--norestore", "--nolockcheck", "--convert-to", "docx", "--outdir", str(folder / "out"),
                   str(source)]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            _stop(process)
            raise ConversionError(name, f"LibreOffice took longer than the limit of {timeout:g} s to convert "
                                        f"this .{fmt} file (it was stopped; CONGVAN_CONVERT_TIMEOUT sets the limit)"
                                  ) from exc
        result = folder / "out" / "document.docx"
        if process.returncode != 0 or not result.is_file():
            detail = err.decode("utf-8", "replace").strip().splitlines()
            detail = [line for line in detail if "javaldx" not in line]
            raise ConversionError(name, f"LibreOffice could not convert this .{fmt} file (damaged or not a "
                                        f"document{': ' + detail[-1] if detail else ''})")
        return result.read_bytes()
