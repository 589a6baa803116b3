"""Whether a text lost its Vietnamese diacritics (an ASCII export, a font without its encoding)."""

from __future__ import annotations

import unicodedata

#: shorter texts are not judged
MIN_LETTERS = 100
#: the marks only Vietnamese writing puts on Latin letters: the five tones, the circumflex,
#: the breve and the horn; and the crossed d
_VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
_CROSSED_D = frozenset("đĐ")

NO_TONE_MARKS = ("the text has no Vietnamese tone marks at all: its diacritics were probably lost "
                 "(or it is not Vietnamese), so the facts read from it are less reliable")


def lacks_tone_marks(text: str) -> bool:
    """True for a text of :data:`MIN_LETTERS` letters or more without a single Vietnamese diacritic.

    Example:
        >>> lacks_tone_marks("Nam 2025, toan tinh da thu duoc 2.350,5 ty dong, dat 101,2% ke hoach " * 3)
        True
    """
    letters = 0
    for char in text:
        if not char.isalpha():
            continue
        letters += 1
        if char in _CROSSED_D or (ord(char) > 0x7F and _VIETNAMESE_MARKS & set(unicodedata.normalize("NFD", char))):
            return False
    return letters >= MIN_LETTERS
