"""The pre-Unicode Vietnamese encodings TCVN3 (ABC) and VNI: decode, encode, and detect.

Text in these encodings reaches congvan either as bytes (a .txt file) or as the
Windows-1252 characters those bytes show as (a .docx run in a ``.VnTime`` font, a
PDF's text layer, a .txt saved again as UTF-8): "Céng hoµ x· héi" is TCVN3,
"Coäng hoøa xaõ hoäi" is VNI. Both are handled as that character view. The tables are
built from the encodings' definitions in ``data/tcvn3.yaml`` and ``data/vni.yaml``.

Detection reads the text each way (TCVN3, VNI, Windows-1258) and keeps the reading
whose words are Vietnamese syllables (``data/syllables.yaml``), when it is clearly
better than the text as it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict, field_validator

from extract.lexicon import load_model

LEGACY_ENCODINGS = ("tcvn3", "vni")
#: the encodings :func:`detect` considers, with their names for people
ENCODING_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI", "cp1258": "Windows-1258"}
#: the five tone marks, in the order of the TCVN3 table: huyền, hỏi, ngã, sắc, nặng
TONES = {"grave": "\u0300", "hook": "\u0309", "tilde": "\u0303", "acute": "\u0301", "dot": "\u0323"}
_VOWEL_MARKS = {"circumflex": "\u0302", "breve": "\u0306"}
#: a word: ASCII and Latin-1 letters and symbols (the view of legacy bytes), Vietnamese letters
_TOKEN = re.compile(r"[A-Za-z\u00a0-\u024f\u1e00-\u1eff\u0300-\u0323]+")

# Windows-1252 maps 0x80–0x9F to punctuation and a few letters; the five bytes it leaves
# undefined are kept as their Latin-1 control characters so that every byte has a character.
_CP1252_HIGH = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
_TO_CP1252 = str.maketrans({chr(b): c for b, c in _CP1252_HIGH.items()})
_FROM_CP1252 = str.maketrans({c: chr(b) for b, c in _CP1252_HIGH.items()})


def bytes_to_chars(data: bytes) -> str:
    """The Windows-1252 characters of ``data``, one per byte (the view legacy text shows as)."""
    return data.decode("latin-1").translate(_TO_CP1252)


def chars_to_bytes(text: str) -> bytes | None:
    """The bytes behind a Windows-1252 view, or ``None`` when ``text`` has other characters."""
    try:
        return text.translate(_FROM_CP1252).encode("latin-1")
    except UnicodeEncodeError:
        return None


def _hex_byte(value: object) -> str:
    text = str(value)
    if not re.fullmatch(r"[0-9A-Fa-f]{2}", text):
        raise ValueError(f"{value!r} is not a byte in hex (two digits)")
    return bytes([int(text, 16)]).decode("latin-1").translate(_TO_CP1252)


class _Tcvn3Table(BaseModel):
    model_config = ConfigDict(extra="forbid")
    letters: dict[str, list[str]]

    @field_validator("letters", mode="before")
    @classmethod
    def _bytes(cls, value: dict) -> dict[str, list[str]]:
        out = {}
        for letter, codes in value.items():
            if not isinstance(codes, list) or len(codes) not in (1, 1 + len(TONES)):
                raise ValueError(f"{letter}: expected 1 or {1 + len(TONES)} bytes")
            out[letter] = [_hex_byte(code) for code in codes]
        return out


class _VniTable(BaseModel):
    model_config = ConfigDict(extra="forbid")
    marks: dict[str, tuple[str, str]]
    own: dict[str, tuple[str, str]]

    @field_validator("marks", "own", mode="before")
    @classmethod
    def _pairs(cls, value: dict) -> dict[str, tuple[str, str]]:
        out = {}
        for key, pair in value.items():
            if not isinstance(pair, list) or len(pair) != 2:
                raise ValueError(f"{key}: expected [lower-case byte, upper-case byte]")
            out[key] = (_hex_byte(pair[0]), _hex_byte(pair[1]))
        return out


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Codec:
    """One legacy encoding: Windows-1252 character sequences ⇄ Unicode letters."""

    name: str
    decoding: dict[str, str]
    encoding: dict[str, str]

    @property
    def pattern(self) -> re.Pattern[str]:
        return _pattern(self.name)

    def decode(self, view: str) -> str:
        """Unicode (NFC) for a Windows-1252 view of this encoding's bytes."""
        return self.pattern.sub(lambda m: self.decoding[m.group(0)], view)

    def encode(self, text: str) -> str:
        """The Windows-1252 view of ``text`` in this encoding.

        Raises:
            ValueError: a character has no code in this encoding (named, with its position).
        """
        out = []
        for i, char in enumerate(_nfc(text)):
            if char in self.encoding:
                out.append(self.encoding[char])
            elif char not in self.decoding and chars_to_bytes(char) is not None:
                out.append(char)  # ASCII, punctuation: the same byte
            else:
                raise ValueError(f"{char!r} at {i} has no code in {ENCODING_NAMES[self.name]}")
        return "".join(out)


def _tcvn3() -> Codec:
    table = load_model("tcvn3.yaml", _Tcvn3Table)
    decoding, encoding = {}, {}
    for letter, codes in table.letters.items():
        for code, tone in zip(codes, ("", *TONES.values()), strict=False):
            char = _nfc(letter + tone)
            encoding[char] = code
            if ord(code) >= 0x80:
                decoding[code] = char
    return Codec("tcvn3", decoding, encoding)


def _vni() -> Codec:
    table = load_model("vni.yaml", _VniTable)
    decoding, encoding = {}, {}

    def add(sequence: str, char: str, *, canonical: bool = True) -> None:
        decoding.setdefault(sequence, char)
        if canonical:
            encoding.setdefault(char, sequence)

    for base in "aeouy":
        for mark_name, (lower_mark, upper_mark) in table.marks.items():
            parts = mark_name.split()
            vowel_mark = parts[0] if parts[0] in _VOWEL_MARKS else ""
            tone = parts[-1] if parts[-1] in TONES else ""
            if (vowel_mark == "circumflex" and base not in "aeo") or (vowel_mark == "breve" and base != "a"):
                continue
            char = _nfc(base + _VOWEL_MARKS.get(vowel_mark, "") + TONES.get(tone, ""))
            add(base + lower_mark, char)
            add(base.upper() + upper_mark, char.upper())
            add(base.upper() + lower_mark, char.upper(), canonical=False)
    for letter, (lower, upper) in table.own.items():
        add(lower, letter)
        add(upper, letter.upper())
        if letter in "ơư":
            for tone_name, tone in TONES.items():
                lower_mark, upper_mark = table.marks[tone_name]
                add(lower + lower_mark, _nfc(letter + tone))
                add(upper + upper_mark, _nfc(letter.upper() + tone))
                add(upper + lower_mark, _nfc(letter.upper() + tone), canonical=False)
    return Codec("vni", decoding, encoding)


@cache
def codec(name: str) -> Codec:
    """The codec of ``"tcvn3"`` or ``"vni"``, built once from its data file."""
    if name == "tcvn3":
        return _tcvn3()
    if name == "vni":
        return _vni()
    raise ValueError(f"unknown legacy encoding {name!r} (expected one of {', '.join(LEGACY_ENCODINGS)})")


@cache
def _pattern(name: str) -> re.Pattern[str]:
    keys = sorted(codec(name).decoding, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys)))


def _typed_in_capitals(raw_line: str) -> bool:
    """Whether a TCVN3 line was typed for an upper-case font ("CéNG HOµ X· HéI" → "CỘNG HOÀ XÃ HỘI").

    Without the font, its words tell: two or more words hold a lower-case TCVN3 letter
    among ASCII capitals, and none holds one among ASCII small letters.
    """
    decoding = codec("tcvn3").decoding
    capitals = 0
    for match in _TOKEN.finditer(raw_line):
        word = match.group(0)
        if not any(c in decoding and decoding[c].islower() for c in word):
            continue
        ascii_letters = [c for c in word if c.isascii() and c.isalpha()]
        if any(c.islower() for c in ascii_letters):
            return False
        capitals += bool(ascii_letters)
    return capitals >= 2


def _guess_upper_lines(view: str, decoded: str) -> str:
    """Upper-case the decoded lines that were typed for an upper-case font."""
    return "\n".join(line.upper() if _typed_in_capitals(raw) else line
                     for raw, line in zip(view.split("\n"), decoded.split("\n"), strict=True))


def decode(data: bytes | str, encoding: str, *, upper: bool | None = False) -> str:
    """Unicode text from TCVN3, VNI or Windows-1258 bytes (or their Windows-1252 view).

    Args:
        data: the bytes, or the characters they show as in Windows-1252.
        encoding: ``"tcvn3"``, ``"vni"`` or ``"cp1258"``.
        upper: the text was in an upper-case font (``.VnTimeH``): upper-case all of it;
            ``None``: guess line by line (for text without fonts).

    Example:
        >>> decode("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3")
        'Cộng hoà xã hội chủ nghĩa Việt Nam'
    """
    view = bytes_to_chars(data) if isinstance(data, bytes) else data
    if encoding == "cp1258":
        raw = chars_to_bytes(view)
        text = _nfc(raw.decode("cp1258", errors="replace")) if raw is not None else view
    else:
        text = codec(encoding).decode(view)
        if encoding == "tcvn3" and upper is None:
            text = _guess_upper_lines(view, text)
    return text.upper() if upper else text


def encode(text: str, encoding: str, *, upper: bool = False) -> bytes:
    """Encode Unicode text to TCVN3 or VNI bytes (the project's own encoder, for tests and tools).

    Args:
        text: the text.
        encoding: ``"tcvn3"`` or ``"vni"``.
        upper: for an upper-case TCVN3 font: write every letter with its lower-case byte.

    Raises:
        ValueError: a character has no code (in TCVN3, an upper-case letter with a tone
            mark, unless ``upper``).

    Example:
        >>> encode("Độc lập", "vni")
        b'\\xd1o\\xe4c la\\xe4p'
    """
    view = encode_view(text, encoding, upper=upper)
    raw = chars_to_bytes(view)
    assert raw is not None  # the codecs only write Windows-1252 characters
    return raw


def encode_view(text: str, encoding: str, *, upper: bool = False) -> str:
    """As :func:`encode`, but the Windows-1252 characters (what a ``.VnTime`` run of a .docx holds)."""
    return codec(encoding).encode(text.lower() if upper else text)


# -- detection ---------------------------------------------------------------------------------

class _Syllables(BaseModel):
    model_config = ConfigDict(extra="forbid")
    onsets: list[str]
    nuclei: list[str]
    codas: list[str]


@cache
def _syllable() -> re.Pattern[str]:
    data = load_model("syllables.yaml", _Syllables)

    def alternation(items: list[str]) -> str:
        return "|".join(sorted(map(re.escape, items), key=len, reverse=True))

    return re.compile(f"(?:{alternation(data.onsets)})?(?:{alternation(data.nuclei)})(?:{alternation(data.codas)})?")


_TONE_MARKS = frozenset(TONES.values())


def is_syllable(word: str) -> bool:
    """Whether ``word`` is written like one Vietnamese syllable (any case, at most one tone mark)."""
    if not (word.islower() or word.isupper() or (word[:1].isupper() and word[1:].islower())):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(c in _TONE_MARKS for c in decomposed) > 1:
        return False
    bare = _nfc("".join(c for c in decomposed if c not in _TONE_MARKS))
    return bool(_syllable().fullmatch(bare))


@dataclass(frozen=True)
class Score:
    """How Vietnamese a text reads: its non-ASCII words that are syllables, and those that are not."""

    valid: int
    invalid: int

    @property
    def net(self) -> int:
        return self.valid - self.invalid


def score(text: str) -> Score:
    """Count the words with a non-ASCII letter that are, or are not, Vietnamese syllables."""
    valid = invalid = 0
    for match in _TOKEN.finditer(_nfc(text)):
        word = match.group(0)
        if word.isascii():
            continue
        if is_syllable(word):
            valid += 1
        else:
            invalid += 1
    return Score(valid, invalid)


def _legacy_candidate(line: str) -> bool:
    """A line that may be legacy bytes: Latin-1 letters or symbols, and no letter beyond them."""
    high = any("\u00a0" <= c <= "\u00ff" for c in line)
    return high and chars_to_bytes(line) is not None


def detect(view: str) -> str | None:
    """The legacy encoding ``view`` (Windows-1252 characters) is in, or ``None`` for none.

    An encoding is chosen when its reading has at least three Vietnamese words, at least
    twice as many as the words it leaves broken, and three more than the text as it is.
    """
    as_is = score(view)
    best: tuple[Score, str] | None = None
    for name in (*LEGACY_ENCODINGS, "cp1258"):
        candidate = score(decode(view, name, upper=None))
        if best is None or candidate.net > best[0].net:
            best = (candidate, name)
    assert best is not None
    found, name = best
    if found.valid >= 3 and found.valid >= 2 * found.invalid and found.net >= as_is.net + 3:
        return name
    return None


def repair(text: str) -> tuple[str, str | None]:
    """Convert the lines of ``text`` that are legacy bytes shown as Windows-1252 characters.

    Lines already in Unicode Vietnamese are left alone, so a document partly converted
    (some runs by their font) comes out whole.

    Returns:
        The text, and the encoding converted from (``None`` when nothing was converted).
    """
    lines = text.split("\n")
    suspects = [i for i, line in enumerate(lines) if _legacy_candidate(line)]
    if not suspects:
        return text, None
    encoding = detect("\n".join(lines[i] for i in suspects))
    if encoding is None:
        return text, None
    for i in suspects:
        lines[i] = decode(lines[i], encoding, upper=None)
    return "\n".join(lines), encoding
