"""The original file of a stored document, read again from where the archive found it.

The archive stores extractions, not files; the original is read from the first of
the document's locations that still holds the same content (its SHA-256 is checked).
Zip members are read with the archive's own zip safety code.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import UnsafeArchiveError
from corpus.location import MEMBER_SEPARATOR
from corpus.models import StoredDocument
from corpus.zipsafe import MemberError, ZipLimits, inspect, read_member
from extract.readers import detect_format
from service.errors import ServiceError

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
    "txt": "text/plain",
    "odt": "application/vnd.oasis.opendocument.text",
    "doc": "application/msword",
    "rtf": "application/rtf",
}


@dataclass(frozen=True)
class Original:
    """An original file: content, media type and name."""

    data: bytes
    media_type: str
    name: str


def _read(location: str, limits: ZipLimits) -> bytes | None:
    path, _sep, member = location.partition(MEMBER_SEPARATOR)
    try:
        if not member:
            return Path(path).read_bytes()
        with zipfile.ZipFile(path) as zf:
            info = inspect(path, zf, limits).get(member)
            return read_member(zf, info, limits) if info is not None else None
    except (OSError, zipfile.BadZipFile, EOFError, UnsafeArchiveError, MemberError):
        return None


def read_original(document: StoredDocument, limits: ZipLimits) -> Original:
    """The document's original file.

    Raises:
        ServiceError: 404 when no location holds the content any more.
    """
    for location in document.paths:
        data = _read(location, limits)
        if data is not None and hashlib.sha256(data).hexdigest() == document.sha256:
            name = location.replace("\\", "/").rsplit("/", 1)[-1]
            kind = detect_format(data, name) or "txt"
            return Original(data, MEDIA_TYPES.get(kind, "application/octet-stream"), name)
    raise ServiceError(404, "original_missing",
                       f"the original file of document {document.id} is no longer where it was indexed")
