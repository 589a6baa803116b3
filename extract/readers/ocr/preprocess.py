"""A page image made ready for OCR: grey, large enough, despeckled and straightened.

Each step runs only where it helps: a speckled page is median-filtered, a page lit
unevenly (a photograph, a shadow at the fold) has its paper flattened to white so that
one threshold separates ink from paper everywhere, a small image is enlarged, and a page
turned by more than a fraction of a degree is turned back. The ink mask (dark pixels, by
Otsu's threshold) is kept for the layout analysis; Tesseract gets the grey page and
binarizes it itself, which the flattening makes reliable.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from extract.readers.ocr.config import PreprocessSettings


@dataclass
class PreparedPage:
    """A page ready for Tesseract and for the layout analysis.

    Attributes:
        image: the grey page, enlarged, despeckled and deskewed as needed.
        ink: ``True`` where ``image`` has ink, specks left out (same shape as the image, rows first).
        dpi: the resolution of ``image``.
        skew: the angle (degrees) the page was turned back by, 0 when it was straight.
        despeckled: whether a median filter was applied.
        flattened: whether uneven lighting was evened out.
    """

    image: Image.Image
    ink: np.ndarray
    dpi: int
    skew: float = 0.0
    despeckled: bool = False
    flattened: bool = False

    @property
    def blank(self) -> bool:
        return not self.ink.any()


def to_grey(image: Image.Image) -> Image.Image:
    """An 8-bit grey image; transparency is laid on white, 16-bit and CMYK are converted."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(image, dtype=np.float64)
        top = arr.max() or 1.0
        return Image.fromarray((arr * (255.0 / top)).astype(np.uint8), mode="L")
    return image.convert("L")


def otsu_threshold(grey: np.ndarray) -> int:
    """The grey level that best separates ink from paper (Otsu's method)."""
    hist = np.bincount(grey.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    levels = np.arange(256)
    weight_dark = np.cumsum(hist)
    mass_dark = np.cumsum(hist * levels)
    weight_light = total - weight_dark
    mean_dark = np.divide(mass_dark, weight_dark, out=np.zeros(256), where=weight_dark > 0)
    mean_light = np.divide(mass_dark[-1] - mass_dark, weight_light, out=np.zeros(256), where=weight_light > 0)
    between = weight_dark * weight_light * (mean_dark - mean_light) ** 2
    return int(np.argmax(between))


def ink_mask(image: Image.Image) -> np.ndarray:
    """``True`` for ink pixels; a page of one flat tone has none."""
    grey = np.asarray(image, dtype=np.uint8)
    if grey.size == 0 or int(grey.max()) - int(grey.min()) < 48:
        return np.zeros(grey.shape, dtype=bool)
    return grey <= otsu_threshold(grey)


def _neighbours(ink: np.ndarray) -> np.ndarray:
    """For each pixel, how many of its eight neighbours are ink."""
    padded = np.pad(ink, 1).astype(np.uint8)
    height, width = ink.shape
    return sum(padded[1 + dy:1 + dy + height, 1 + dx:1 + dx + width]
               for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx)


def speckle_share(ink: np.ndarray) -> float:
    """The share of ink pixels with no ink among their eight neighbours."""
    count = int(ink.sum())
    if not count:
        return 0.0
    return float((ink & (_neighbours(ink) == 0)).sum()) / count


def without_specks(ink: np.ndarray) -> np.ndarray:
    """The ink mask less the specks: pixels with fewer than two ink neighbours (strokes are thicker)."""
    return ink & (_neighbours(ink) >= 2)


def flatten_background(grey: Image.Image, max_range: float) -> Image.Image | None:
    """The page with its paper evened out to white, or ``None`` when the lighting is even.

    The paper's brightness is estimated per tile (a high percentile, so that ink does
    not count), smoothed over the page, and divided out.
    """
    pixels = np.asarray(grey, dtype=np.float64)
    tile = max(16, min(pixels.shape) // 24)
    rows, cols = pixels.shape[0] // tile, pixels.shape[1] // tile
    if rows < 2 or cols < 2:
        return None
    blocks = pixels[:rows * tile, :cols * tile].reshape(rows, tile, cols, tile).swapaxes(1, 2)
    paper = np.percentile(blocks.reshape(rows, cols, -1), 90, axis=2)
    if paper.max() - paper.min() <= max_range:
        return None
    smooth = Image.fromarray(paper.astype(np.float32), mode="F").resize(grey.size, Image.Resampling.BILINEAR)
    background = np.maximum(np.asarray(smooth, dtype=np.float64), 1.0)
    return Image.fromarray(np.clip(pixels / background * 255.0, 0, 255).astype(np.uint8), mode="L")


def _profile_score(ink: Image.Image, angle: float) -> float:
    """How sharply the rows of ``ink`` turned by ``angle`` separate into lines and gaps."""
    turned = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0), dtype=np.float64)
    rows = turned.sum(axis=1)
    return float(np.square(np.diff(rows)).sum())


def estimate_skew(ink: np.ndarray, max_angle: float) -> float:
    """The angle (degrees, counter-clockwise) that makes the text lines horizontal.

    The row profile of the ink is sharpest when the lines are level: the angle is
    searched in half-degree steps, then refined in tenths around the best one.
    """
    if max_angle <= 0 or not ink.any():
        return 0.0
    small = Image.fromarray(ink.astype(np.uint8) * 255, mode="L")
    factor = max(1, small.width // 1000)
    if factor > 1:
        small = small.reduce(factor)  # averages, so thin strokes survive as grey
    coarse = np.arange(-max_angle, max_angle + 1e-9, 0.5)
    best = max(coarse, key=lambda a: _profile_score(small, float(a)))
    fine = np.arange(best - 0.4, best + 0.4 + 1e-9, 0.1)
    best = max(fine, key=lambda a: _profile_score(small, float(a)))
    return round(float(best), 2)


def prepare(image: Image.Image, settings: PreprocessSettings, *, dpi: int) -> PreparedPage:
    """Make one page ready for OCR.

    Args:
        image: the page as decoded or rendered (any mode).
        settings: the thresholds of ``ocr.yaml``.
        dpi: the page's resolution (300 when rendered; from the file, or assumed, for an image).
    """
    grey = to_grey(ImageOps.exif_transpose(image) or image)
    flat = flatten_background(grey, settings.uneven_light)
    grey = flat or grey
    despeckled = speckle_share(ink_mask(grey)) > settings.speckle_share
    if despeckled:  # at the scan's own resolution, where a speck is a pixel or two
        grey = grey.filter(ImageFilter.MedianFilter(3))
    if grey.width < settings.min_width:
        scale = min(settings.max_upscale, settings.min_width / max(1, grey.width))
        grey = grey.resize((round(grey.width * scale), round(grey.height * scale)), Image.Resampling.LANCZOS)
        dpi = round(dpi * scale)
    page = PreparedPage(grey, without_specks(ink_mask(grey)), dpi, despeckled=despeckled, flattened=flat is not None)
    if page.ink.mean() < settings.min_ink_share:
        page.ink = np.zeros_like(page.ink)
        return page
    skew = estimate_skew(page.ink, settings.max_skew)
    if abs(skew) >= settings.min_skew:
        page.image = grey.rotate(skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
        page.ink = without_specks(ink_mask(page.image))
        page.skew = skew
    return page
