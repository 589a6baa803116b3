"""Text normalization: NFC, one tone-mark placement, and hard-wrapped lines rebuilt.

The returned text is the one every offset of an :class:`~extract.models.Extraction`
points into.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from extract.lexicon import load_data

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_SYLLABLE_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _layout() -> dict:
    return load_data("layout.yaml")


def _move_tone(syllable: str) -> str:
    """Put the tone mark of an ``oa``/``oe``/``uy`` open syllable on its first vowel.

    ``hoà`` → ``hòa``, ``thuỷ`` → ``thủy``, ``khoẻ`` → ``khỏe``; syllables with a
    final consonant (``hoàng``, ``khuyến``) and ``qu``/``gi`` onsets are left alone.
    """
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = next((c for c in decomposed if c in _TONES), None)
    if tone is None:
        return syllable
    bare = decomposed.replace(tone, "")
    low = unicodedata.normalize("NFC", bare).lower()
    match = re.search(r"(oa|oe|uy)$", low)
    if not match or low.startswith("qu"):
        return syllable
    # index (in the NFC bare string) of the first vowel of the pair
    first = match.start()
    base = unicodedata.normalize("NFC", bare)
    rebuilt = base[:first] + unicodedata.normalize("NFC", base[first] + tone) + base[first + 1 :]
    return unicodedata.normalize("NFC", rebuilt)


def normalize_tones(text: str) -> str:
    """NFC-normalize and give every ``oa``/``oe``/``uy`` syllable one tone placement.

    The length of the text never changes, so offsets stay valid.

    Example:
        >>> normalize_tones("Hoà Bình, thuỷ lợi")
        'Hòa Bình, thủy lợi'
    """
    text = unicodedata.normalize("NFC", text)
    return _SYLLABLE_RE.sub(lambda m: _move_tone(m.group(0)), text)


def _is_block_start(line: str) -> bool:
    """True when ``line`` (stripped) opens a new paragraph, list item or heading."""
    return any(re.match(p, line) for p in _layout()["block_start"])


def _ends_paragraph(line: str) -> bool:
    return bool(re.search(_layout()["paragraph_end"], line))


def _is_rule(line: str) -> bool:
    return bool(re.fullmatch(r"[-_=*~.·…]{3,}", line.strip()))


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _continues(prev: str, raw_next: str) -> bool:
    """Decide whether ``raw_next`` continues the paragraph ending with ``prev``."""
    nxt = raw_next.strip()
    if not nxt or not prev.strip() or _is_rule(prev) or _is_rule(nxt):
        return False
    indented = raw_next[:1] in (" ", "\t")
    # A soft wrap inside a header cell: "BẢO HIỂM XÃ HỘI\n  VIỆT NAM".
    if indented and _is_upper(prev) and _is_upper(nxt) and not _ends_paragraph(prev):
        return True
    if _is_block_start(nxt):
        return False
    first = nxt[0]
    if re.match(_layout()["closing_start"], nxt):
        return True
    if _ends_paragraph(prev):
        return False
    if re.search(_layout()["clause_end"], prev):
        return first.islower()
    if first.islower() or first.isdigit():
        return True
    if indented and first.isalpha():
        return not prev.rstrip().endswith(":")
    return False


def rebuild_paragraphs(text: str) -> str:
    """Join hard-wrapped lines back into paragraphs.

    A text converted from a web page may break a sentence anywhere, even put a
    number or half a date on a line of its own ("ngày 21\\n  tháng 01 năm 2025").
    Lines are joined with one space (none before closing punctuation) when the
    next line continues the sentence; list items, headings and rules stay apart.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    for raw in lines:
        if out and _continues(out[-1], raw):
            piece = raw.strip()
            glue = "" if re.match(_layout()["closing_start"], piece) or out[-1].endswith(("(", "“", '"')) else " "
            out[-1] = out[-1].rstrip() + glue + piece
        else:
            out.append(raw.rstrip())
    joined = "\n".join(out)
    joined = re.sub(r"[ \t\u00a0]+", " ", joined)
    joined = re.sub(r"\n[ \t]+", "\n", joined)
    joined = re.sub(r"\n{3,}", "\n\n", joined)
    return joined.strip()


def normalize_text(text: str) -> str:
    """The full normalization applied to every document before extraction."""
    text = text.replace("\ufeff", "").replace("\u00ad", "").replace("\u200b", "")
    text = text.replace("\u00a0", " ").replace("\t", " ")
    return rebuild_paragraphs(normalize_tones(text))
