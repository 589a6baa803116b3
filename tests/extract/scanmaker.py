"""Scanned letters made from the project's samples: .txt → .docx → PDF → page images.

Used by the OCR tests and by ``bench/ocr.py``. A sample's text becomes a .docx laid out
as an official letter (the header and the signature block in two-column tables), which
LibreOffice turns into a PDF with a text layer, which pdftoppm renders to page images;
:func:`degrade` then makes them look scanned (a slight rotation and speckle noise).
"""

from __future__ import annotations

import random
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.shared import Cm, Pt
from PIL import Image

QUOC_HIEU = "CỘNG HÒA XÃ HỘI"
SIGN_AUTHORITIES = ("KT.", "TM.", "TL.", "TUQ.", "Q.")


@dataclass
class LetterParts:
    """A sample letter cut into the pieces a word processor lays out apart."""

    header_left: list[str]
    header_right: list[str]
    body: list[str]
    recipients_block: list[str]
    signature: list[str]
    annex: list[str]


def split_letter(text: str) -> LetterParts:
    """Cut a sample's text into header columns, body and signature block.

    A text without the national motto (a news article) is all body.
    """
    lines: list[str] = []
    for raw in text.splitlines():
        if raw[:1] in (" ", "\t") and raw.strip() and lines:
            lines[-1] += " " + raw.strip()  # a soft wrap of the sample's text
        else:
            lines.append(raw.strip())
    first_blank = lines.index("") if "" in lines else len(lines)
    header = [line for line in lines[:first_blank] if line and set(line) != {"-"}]
    if not any(line.startswith(QUOC_HIEU) for line in header):
        return LetterParts([], [], lines, [], [], [])
    right = [line for line in header if line.startswith((QUOC_HIEU, "Độc lập")) or ", ngày " in line]
    left = [line for line in header if line not in right]
    body = lines[first_blank:]
    foot = next((i for i, line in enumerate(body) if line.startswith("Nơi nhận")), None)
    if foot is None:
        return LetterParts(left, right, body, [], [], [])
    tail = body[foot:]
    sign_at = next((i for i, line in enumerate(tail) if line.startswith(SIGN_AUTHORITIES)), None)
    if sign_at is None:
        sign_at = max(1, len(tail) - 2)
    sign_end = tail.index("", sign_at) if "" in tail[sign_at:] else len(tail)
    return LetterParts(left, right, body[:foot], tail[:sign_at], tail[sign_at:sign_end], tail[sign_end:])


def _fill(cell, lines: list[str], *, bold: bool = False) -> None:
    cell.text = ""
    for i, line in enumerate(lines):
        para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        para.alignment = 1  # centred, as on a letter
        run = para.add_run(line)
        run.bold = bold and line.isupper()


def _add_body(doc, lines: list[str]) -> None:
    """Body paragraphs; a title (KẾ HOẠCH …) and the line under it are centred and bold."""
    title = False
    for line in lines:
        if not line:
            continue
        para = doc.add_paragraph()
        run = para.add_run(line)
        if line.isupper() or title:
            para.alignment = 1
            run.bold = True
        title = line.isupper() and len(line) < 40


def letter_docx(text: str, path: Path) -> Path:
    """Lay a sample's text out as a letter (.docx, A4, Liberation Serif 13 pt, Nghị định 30 margins)."""
    parts = split_letter(text)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name = "Liberation Serif"
    style.font.size = Pt(13)
    style.paragraph_format.space_after = Pt(4)
    if parts.header_left or parts.header_right:
        table = doc.add_table(rows=1, cols=2)
        _fill(table.cell(0, 0), parts.header_left, bold=True)
        _fill(table.cell(0, 1), parts.header_right, bold=True)
    doc.add_paragraph()
    _add_body(doc, parts.body)
    if parts.recipients_block or parts.signature:
        sign = doc.add_table(rows=1, cols=2)
        sign.cell(0, 0).text = "\n".join(parts.recipients_block)
        _fill(sign.cell(0, 1), parts.signature, bold=True)
    if parts.annex:
        doc.add_page_break()
        _add_body(doc, parts.annex)
    doc.save(path)
    return path


def convert(soffice: str, source: Path, fmt: str, out_dir: Path) -> Path:
    """Convert a document with LibreOffice (a private profile, a time limit): ``fmt`` is pdf, doc, rtf, odt …"""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="congvan-test-lo-") as profile:
        subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                        "--convert-to", fmt, "--outdir", str(out_dir), str(source)],
                       check=True, capture_output=True, timeout=180)
    return out_dir / f"{source.stem}.{fmt}"


def to_pdf(soffice: str, docx: Path, out_dir: Path) -> Path:
    """Convert a .docx to PDF with LibreOffice."""
    return convert(soffice, docx, "pdf", out_dir)


def to_images(pdftoppm: str, pdf: Path, out_dir: Path, *, dpi: int = 300) -> list[Path]:
    """Render every page of a PDF to a grey PNG with pdftoppm."""
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run([pdftoppm, "-gray", "-png", "-r", str(dpi), str(pdf), str(out_dir / pdf.stem)],
                   check=True, capture_output=True, timeout=180)
    return sorted(out_dir.glob(f"{pdf.stem}*.png"))


def degrade(image: Image.Image, *, angle: float = 0.0, noise: float = 0.0, seed: int = 0) -> Image.Image:
    """Make a clean page look scanned: rotate by ``angle`` degrees and add speckles.

    Args:
        image: the clean page.
        angle: rotation, counter-clockwise, in degrees.
        noise: the share of pixels turned to random black or white specks.
        seed: for the noise, so that a test is repeatable.
    """
    page = image.convert("L")
    if angle:
        page = page.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    if noise:
        rng = random.Random(seed)
        pixels = page.load()
        width, height = page.size
        for _ in range(int(width * height * noise)):
            x, y = rng.randrange(width), rng.randrange(height)
            pixels[x, y] = rng.choice((0, 40, 215, 255))
    return page


def save_pdf(pages: list[Image.Image], path: Path, *, dpi: int = 300) -> Path:
    """An image-only PDF (no text layer), one page per image."""
    first, *rest = [p.convert("L") for p in pages]
    first.save(path, "PDF", save_all=True, append_images=rest, resolution=float(dpi))
    return path


def save_tiff(pages: list[Image.Image], path: Path, *, dpi: int = 300) -> Path:
    """A multi-page TIFF (Group 4 fax compression, as scanners write them)."""
    first, *rest = [p.convert("1") for p in pages]
    first.save(path, "TIFF", save_all=True, append_images=rest, compression="group4", dpi=(dpi, dpi))
    return path
