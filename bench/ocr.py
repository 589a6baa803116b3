"""OCR throughput: scanned pages per minute with 1 and with 2 worker processes.

The pages are made in the same run, as the OCR tests make them: letters of
``corpus/samples`` laid out as .docx, converted to PDF by LibreOffice, rendered at
300 dpi by pdftoppm, then turned by about a degree and speckled. Each page is one
PNG read through ``extract.readers.read_document`` (the whole OCR path: decoding,
despeckling, deskewing, the column layout, Tesseract). The 2-worker figure is given
as a ratio to the 1-worker one, since this machine is noisy; the archive runs
documents in worker processes the same way.

    .venv/bin/python bench/ocr.py [--documents 4] [--repeat 1]
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.extract import scanmaker  # noqa: E402  (the tests' scan maker, after the path is set)

DOCUMENTS = ("01_cong_van_bhxh_tinh_phat_dong", "12_quyet_dinh_bhxh_vn_tang_bang_khen",
             "16_thong_bao_ket_qua_binh_xet_thi_dua", "07_ke_hoach_bhxh_tinh_thi_dua_nam",
             "17_bao_cao_tong_ket_thi_dua_khen_thuong_nam", "20_tin_bai_le_don_nhan_huan_chuong_lao_dong")


def make_pages(count: int, work: Path) -> list[bytes]:
    """PNG bytes of every page of the first ``count`` documents, scanned-looking."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        sys.exit("bench/ocr.py needs LibreOffice (soffice) and poppler-utils (pdftoppm)")
    from PIL import Image

    pages: list[bytes] = []
    for n, name in enumerate(DOCUMENTS[:count]):
        text = (ROOT / "corpus" / "samples" / f"{name}.txt").read_text(encoding="utf-8")
        pdf = scanmaker.to_pdf(soffice, scanmaker.letter_docx(text, work / f"{name}.docx"), work / "pdf")
        for i, path in enumerate(scanmaker.to_images(pdftoppm, pdf, work / "png" / name)):
            page = scanmaker.degrade(Image.open(path), angle=1.0 if (n + i) % 2 else -1.0, noise=0.004, seed=i)
            buf = io.BytesIO()
            page.save(buf, "PNG")
            pages.append(buf.getvalue())
    return pages


def read_page(data: bytes) -> int:
    """OCR one page image; the number of characters read (so the work cannot be skipped)."""
    from extract.readers import read_document

    return len(read_document(data, name="page.png").text)


def pages_per_minute(pages: list[bytes], workers: int, repeat: int) -> float:
    runs = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(read_page, pages[:workers]))  # start the processes and warm Tesseract's probe
        for _ in range(repeat):
            start = time.perf_counter()
            chars = sum(pool.map(read_page, pages))
            runs.append(time.perf_counter() - start)
            assert chars > 1000 * len(pages) // 2, "OCR read almost nothing: is tesseract-ocr-vie installed?"
    return len(pages) / statistics.median(runs) * 60


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--documents", type=int, default=4, help=f"letters to scan, 1–{len(DOCUMENTS)} (default 4)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each; the median is reported")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="congvan-bench-ocr-") as work:
        pages = make_pages(max(1, min(args.documents, len(DOCUMENTS))), Path(work))
    print(f"pages: {len(pages)} (A4, 300 dpi, turned ±1°, speckled), cores: {os.cpu_count()}, "
          f"median of {args.repeat} run(s)")
    one = pages_per_minute(pages, 1, args.repeat)
    two = pages_per_minute(pages, 2, args.repeat)
    print(f"{'workers':<10}{'pages/min':>12}")
    print(f"{'1':<10}{one:>12.1f}")
    print(f"{'2':<10}{two:>12.1f}")
    print(f"ratio 2 workers / 1 worker: {two / one:.2f}x")


if __name__ == "__main__":
    main()
