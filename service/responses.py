"""Answers that are files: downloads with a safe name, and the extraction's JSON/CSV/XLSX exports."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import PurePosixPath
from typing import Literal
from urllib.parse import quote

from fastapi.responses import JSONResponse, Response

from extract.models import Extraction
from service.exports import HEADER, extraction_rows, extraction_xlsx

ExportFormat = Literal["json", "csv", "xlsx"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_NOT_ASCII_NAME = re.compile(r"[^A-Za-z0-9._ -]+")


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """A ``Content-Disposition`` value naming ``filename`` (RFC 6266, UTF-8 names included).

    Example:
        >>> content_disposition("kế hoạch.docx")
        'attachment; filename="ke hoach.docx"; filename*=UTF-8\\'\\'k%E1%BA%BF%20ho%E1%BA%A1ch.docx'
    """
    folded = unicodedata.normalize("NFKD", filename.replace("đ", "d").replace("Đ", "D"))
    ascii_name = _NOT_ASCII_NAME.sub("", folded.encode("ascii", "ignore").decode()).strip() or "download"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def file_response(data: bytes, media_type: str, filename: str, *, inline: bool = False) -> Response:
    """The bytes of a file to download (or show, when ``inline``)."""
    return Response(data, media_type=media_type,
                    headers={"Content-Disposition": content_disposition(filename, inline=inline)})


def extraction_csv(extraction: Extraction) -> bytes:
    """One row per item, UTF-8 with a byte order mark so that Excel reads Vietnamese."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(extraction_rows(extraction))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_name(extraction: Extraction, suffix: str) -> str:
    """``<source stem>.<suffix>``, or ``extraction.<suffix>`` for pasted text."""
    stem = PurePosixPath((extraction.source or "").replace("\\", "/")).stem.split("!/")[-1]
    return f"{stem or 'extraction'}.{suffix}"


def export_response(extraction: Extraction, fmt: ExportFormat) -> Response:
    """The extraction as JSON, CSV or XLSX."""
    if fmt == "csv":
        return file_response(extraction_csv(extraction), "text/csv; charset=utf-8", export_name(extraction, "csv"))
    if fmt == "xlsx":
        return file_response(extraction_xlsx([extraction]), XLSX, export_name(extraction, "xlsx"))
    return JSONResponse(extraction.model_dump(mode="json"))
