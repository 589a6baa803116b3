"""Vietnamese folding: the analyzer that makes search accent- and case-insensitive.

``fold("Chiến sỹ Đoàn Thị Hoà")`` gives ``"chien si doan thi hoa"``. The rules not
given by Unicode decomposition (``đ``→``d``, the final ``y``/``i`` variants) live in
``corpus/data/folding.yaml``. Folding never changes the length of a text, so a
match found in folded text has the same offsets in the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pydantic import BaseModel, Field, field_validator

from corpus.datafiles import fingerprint, load_model

FOLDING_FILE = "folding.yaml"

#: Unicode blocks holding Latin letters with diacritics (Latin-1 Supplement,
#: Latin Extended-A and -B, Latin Extended Additional where Vietnamese lives).
_LATIN_BLOCKS = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))


class _FinalY(BaseModel):
    replacement: str = Field(min_length=1, max_length=1)
    onsets: list[str] = Field(min_length=1)


class FoldingRules(BaseModel):
    """The content of ``folding.yaml``."""

    letters: dict[str, str]
    final_y: _FinalY

    @field_validator("letters")
    @classmethod
    def _one_to_one(cls, value: dict[str, str]) -> dict[str, str]:
        for source, target in value.items():
            if len(source) != 1 or len(target) != 1:
                raise ValueError(f"{source!r} → {target!r}: each rule maps one character to one")
        return value


@lru_cache(maxsize=1)
def _rules() -> FoldingRules:
    return load_model(FOLDING_FILE, FoldingRules)


def _strip_marks(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base.lower()


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """Lower-case letter with marks → letter without them, one character each."""
    table: dict[int, str] = {}
    for low, high in _LATIN_BLOCKS:
        for code in range(low, high + 1):
            folded = _strip_marks(chr(code))
            if len(folded) == 1 and folded != chr(code):
                table[code] = folded
    for source, target in _rules().letters.items():
        table[ord(source)] = target.lower()
        table[ord(source.lower())] = target.lower()
    return table


@lru_cache(maxsize=1)
def _final_y() -> re.Pattern[str]:
    onsets = sorted({o.lower() for o in _rules().final_y.onsets}, key=len, reverse=True)
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(map(re.escape, onsets))})y(?![^\W_])")


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowers to two characters: keep such letters as they are
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered


def fold(text: str) -> str:
    """Fold ``text`` for search: lower case, no diacritics, one spelling of each variant.

    Args:
        text: any text; text that is not NFC (a query typed on some systems) is
            normalized first.

    Returns:
        For NFC text (every document's text is), a string of the same length, each
        character folded in place.

    Example:
        >>> fold("Huân chương Lao động; Chiến sỹ thi đua")
        'huan chuong lao dong; chien si thi dua'
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    folded = _lower(text).translate(_table())
    replacement = _rules().final_y.replacement
    return _final_y().sub(lambda m: m.group(0)[:-1] + replacement, folded)


def has_diacritics(text: str) -> bool:
    """True when ``text`` has a letter that folding strips of a mark (``"Chiến"``, not ``"chien"``)."""
    lowered = _lower(text)
    return lowered.translate(_table()) != lowered


def folding_fingerprint() -> str:
    """Identifies the folding rules: an index built with other rules is rebuilt."""
    return fingerprint(FOLDING_FILE)


_WORD = re.compile(r"[^\W_]+")


def folded_words(text: str | None) -> list[str]:
    """The words of ``text``, folded: ``"Tỷ lệ bao phủ BHYT"`` → ``["ti", "le", "bao", "phu", "bhyt"]``."""
    return _WORD.findall(fold(text)) if text else []
