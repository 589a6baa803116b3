"""Plain text: UTF-8 (with or without BOM), UTF-16, the Vietnamese TCVN3 / VNI / Windows-1258
bytes (handed on as their Windows-1252 characters, which the reader dispatch converts), or a
charset detected by charset-normalizer."""

from __future__ import annotations

from charset_normalizer import from_bytes

from extract.errors import ReadError
from extract.readers.legacy_encodings import bytes_to_chars, detect


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes to str, trying the BOMs and UTF-8 first.

    Raises:
        ReadError: the bytes are not text in any encoding we can recognise.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = data[:4096]
    if sample[1::2].count(0) > len(sample) * 0.4:
        return data.decode("utf-16-le", errors="strict")
    if sample[0::2].count(0) > len(sample) * 0.4:
        return data.decode("utf-16-be", errors="strict")
    view = bytes_to_chars(data)
    if detect(view):
        return view  # legacy Vietnamese bytes: converted with the other formats' text
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadError(name, "cannot decode the text: not UTF-8, UTF-16 or a known encoding")
    return str(best)


def read_txt(data: bytes, name: str) -> str:
    """Read a .txt file."""
    try:
        return decode_text(data, name)
    except UnicodeDecodeError as exc:
        raise ReadError(name, f"cannot decode the text ({exc.reason} at byte {exc.start})") from exc
