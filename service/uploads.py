"""Files received over HTTP: size limit (413), type by content (415), zip safety (400), safe names.

The zip checks are the archive's own (:func:`corpus.zipsafe.inspect`), run before a
job is accepted so a refused zip file is answered at once.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from starlette.datastructures import UploadFile

from corpus.ingest import zip_limits
from corpus.settings import Settings as ArchiveSettings
from corpus.zipsafe import inspect
from extract.readers import SUPPORTED_FORMATS, detect_format
from service.errors import ServiceError

_CHUNK = 1 << 16
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")
MAX_NAME = 120

UploadKind = str
"""A format of :data:`extract.readers.SUPPORTED_FORMATS`, or ``zip``."""


@dataclass(frozen=True)
class Upload:
    """One received file: its cleaned name and content."""

    name: str
    data: bytes


def safe_name(name: str | None, default: str = "upload") -> str:
    """A file name safe to show and to store: the last part only, no control or path characters.

    Example:
        >>> safe_name("C:\\\\Users\\\\an\\\\Kế hoạch 2026.docx")
        'Kế hoạch 2026.docx'
    """
    text = unicodedata.normalize("NFC", name or "")
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = _UNSAFE_NAME.sub("_", text).strip(" .")
    if len(text) > MAX_NAME:
        stem, dot, suffix = text.rpartition(".")
        text = (stem[: MAX_NAME - len(suffix) - 1] + dot + suffix) if dot and len(suffix) < 10 else text[:MAX_NAME]
    return text or default


def too_large(name: str, limit: int) -> ServiceError:
    """The 413 answer for a file over ``limit`` bytes."""
    return ServiceError(413, "too_large", f"{name}: the file is over the limit of {limit:,} bytes")


async def read_upload(file: UploadFile, limit: int) -> Upload:
    """Read an uploaded file, never more than ``limit`` bytes.

    Raises:
        ServiceError: 413 when the file is larger than ``limit``; 422 when it is empty.
    """
    name = safe_name(file.filename)
    chunks: list[bytes] = []
    size = 0
    while chunk := await file.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise too_large(name, limit)
        chunks.append(chunk)
    if size == 0:
        raise ServiceError(422, "empty_document", f"{name}: the file is empty")
    return Upload(name, b"".join(chunks))


def _is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06"


def document_kind(upload: Upload) -> UploadKind:
    """The type of a document upload (txt, docx, pdf, html, image …), from its content.

    Raises:
        ServiceError: 415 when the content is none of them.
    """
    found = detect_format(upload.data, upload.name)
    if found is None:
        raise ServiceError(
            415, "unsupported_media_type",
            f"{upload.name}: not a document congvan reads (expected {', '.join(SUPPORTED_FORMATS)} content)",
        )
    return found


def docx_only(upload: Upload) -> None:
    """Refuse anything that is not a Word .docx package (415)."""
    if not _is_zip(upload.data) or detect_format(upload.data, "") != "docx":
        raise ServiceError(415, "unsupported_media_type", f"{upload.name}: not a Word .docx document")


def archive_kind(upload: Upload, settings: ArchiveSettings) -> UploadKind:
    """The type of a file sent to the archive: a document, or a zip file checked against the limits.

    Raises:
        ServiceError: 415 for content that is neither; 400 for a zip file that is damaged.
        UnsafeArchiveError: the zip file breaks a limit (answered 400).
    """
    if _is_zip(upload.data) and detect_format(upload.data, "") not in ("docx", "odt"):
        try:
            with zipfile.ZipFile(io.BytesIO(upload.data)) as zf:
                inspect(upload.name, zf, zip_limits(settings))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
            raise ServiceError(400, "corrupt_archive", f"{upload.name}: not a readable zip file ({exc})") from exc
        return "zip"
    return document_kind(upload)
