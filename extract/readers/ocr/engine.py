"""Tesseract, run as a program: is it there with Vietnamese, and the words of one image.

The command-line program is used rather than a binding, so that a page that takes too
long can be stopped (the process is killed) and a missing program is a clear error.
Words come from Tesseract's TSV output, each with its box, its line and paragraph, and
its confidence.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

from PIL import Image

from extract.errors import OcrError, OcrTimeoutError, OcrUnavailableError
from extract.readers.ocr.config import EngineSettings, tesseract_program

INSTALL_HINT = "Debian: apt-get install tesseract-ocr tesseract-ocr-vie"


@dataclass(frozen=True)
class Word:
    """One word Tesseract read, with its box in the image's pixels."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float
    block: int
    paragraph: int
    line: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


@dataclass(frozen=True)
class Engine:
    """A Tesseract program that can read the configured language."""

    program: str
    version: str
    language: str

    @property
    def label(self) -> str:
        """``tesseract 5.3.0 (vie)``: what the extraction reports as its OCR engine."""
        return f"tesseract {self.version} ({self.language})"


@cache
def _probe(program: str, tessdata: str | None, language: str) -> Engine | str:
    """The engine, or why it cannot be used (cached per program, data folder and language)."""
    path = shutil.which(program)
    if path is None:
        return f"Tesseract is not installed ({program!r} not found; {INSTALL_HINT})"
    try:
        version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30)
        langs = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"Tesseract ({path}) cannot be run: {exc}"
    found = re.search(r"tesseract\s+v?(\d+(?:\.\d+)*)", version.stdout + version.stderr, re.I)
    listed = {line.strip() for line in (langs.stdout + langs.stderr).splitlines()[1:] if line.strip()}
    if language not in listed:
        return (f"Tesseract has no trained data for {language!r} (Vietnamese); "
                f"install tesseract-ocr-{language} ({INSTALL_HINT})")
    return Engine(program=path, version=found.group(1) if found else "unknown", language=language)


def find_engine(settings: EngineSettings, *, name: str) -> Engine:
    """The Tesseract to use for ``name``.

    Raises:
        OcrUnavailableError: naming ``name``: Tesseract or its Vietnamese data is missing.
    """
    probed = _probe(tesseract_program(), os.environ.get("TESSDATA_PREFIX"), settings.language)
    if isinstance(probed, str):
        raise OcrUnavailableError(name, f"this document needs OCR, but {probed}")
    return probed


def _words(tsv: str) -> list[Word]:
    words: list[Word] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        try:
            confidence = float(row["conf"])
        except (TypeError, ValueError):
            continue
        if confidence < 0:
            continue
        words.append(Word(text, int(row["left"]), int(row["top"]), int(row["width"]), int(row["height"]),
                          confidence, int(row["block_num"]), int(row["par_num"]), int(row["line_num"])))
    return words


def recognize(engine: Engine, image: Image.Image, settings: EngineSettings, *, dpi: int, name: str,
              page: int) -> list[Word]:
    """Read the words of one image.

    Args:
        engine: from :func:`find_engine`.
        image: the prepared page (grey or black and white).
        settings: language, page segmentation mode, time limit, threads.
        dpi: the image's resolution, which Tesseract uses to judge the size of the text.
        name: the document, for messages.
        page: the page number, for messages.

    Raises:
        OcrTimeoutError: Tesseract took longer than the time limit (it is stopped).
        OcrError: Tesseract failed on the image.
    """
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=1)
    command = [engine.program, "stdin", "stdout", "-l", engine.language,
               "--psm", str(settings.page_segmentation), "--dpi", str(dpi), "tsv"]
    env = {**os.environ, "OMP_THREAD_LIMIT": str(settings.threads)}
    try:
        done = subprocess.run(command, input=buf.getvalue(), capture_output=True, env=env,
                              timeout=settings.timeout_seconds, check=False)
    except subprocess.TimeoutExpired as exc:
        raise OcrTimeoutError(
            name, f"OCR of page {page} took longer than the limit of {settings.timeout_seconds:g} s "
                  "(Tesseract was stopped; CONGVAN_OCR_TIMEOUT sets the limit)") from exc
    except OSError as exc:
        raise OcrError(name, f"cannot run Tesseract on page {page}: {exc}") from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrError(name, f"Tesseract failed on page {page} (exit {done.returncode}"
                             f"{': ' + detail[-1] if detail else ''})")
    return _words(done.stdout.decode("utf-8", "replace"))
