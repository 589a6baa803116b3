"""Running the extractor for requests, one at a time, and keeping recent results for the pages.

The NLP pipeline (spaCy with underthesea's tagger) is shared by the whole process and
is not documented as thread-safe, so every use from the service goes through
:data:`NLP_LOCK`; extraction is CPU-bound, so little is lost.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections import OrderedDict
from typing import Generic, TypeVar

from extract import Extraction, extract_bytes, extract_text
from extract.errors import ExtractError, ReadError
from service.uploads import Upload, document_kind

log = logging.getLogger("congvan.service")
NLP_LOCK = threading.Lock()
T = TypeVar("T")


def extract_upload(upload: Upload, max_bytes: int) -> Extraction:
    """The extraction of an uploaded document (its reader's warnings and OCR summary kept).

    A reader that fails in an unforeseen way on a malformed file (a library bug) is
    answered as an unreadable document, never as a server error.

    Raises:
        ServiceError: 415 when the content is not a document.
        extract.ReadError: the document cannot be read (answered 413/422).
    """
    document_kind(upload)
    try:
        with NLP_LOCK:
            return extract_bytes(upload.data, name=upload.name, max_bytes=max_bytes)
    except ExtractError:
        raise
    except Exception as exc:
        log.warning("extraction failed on %s", upload.name, exc_info=exc)
        raise ReadError(upload.name, f"the file cannot be read ({type(exc).__name__})") from exc


def extract_plain(text: str, source: str | None = None) -> Extraction:
    """The extraction of text given directly."""
    with NLP_LOCK:
        return extract_text(text, source=source)


class RecentCache(Generic[T]):
    """The last ``size`` results shown on the pages (extractions, previews), by an unguessable id.

    The pages link to a result's downloads by this id, so nothing is recomputed.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, T] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, item: T) -> str:
        """Keep ``item``; returns its id."""
        key = secrets.token_urlsafe(16)
        with self._lock:
            self._items[key] = item
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return key

    def get(self, key: str) -> T | None:
        """The item kept under ``key``, or ``None`` when it was never kept or is forgotten."""
        with self._lock:
            return self._items.get(key)
