"""Uploads to the archive: a zip of documents is unpacked, an OpenDocument text is not."""

from __future__ import annotations

import io
import zipfile

from corpus.settings import Settings
from service.uploads import Upload, archive_kind


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_an_odt_is_a_document_and_a_zip_of_letters_is_an_archive(tmp_path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}")
    odt = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document/>"})
    assert archive_kind(Upload("ke_hoach.odt", odt), settings) == "odt"
    letters = _zip({"2024/cv1.txt": "Số: 1/BHXH-TĐKT".encode(), "2024/cv2.txt": "Số: 2/BHXH-TĐKT".encode()})
    assert archive_kind(Upload("luu_tru.zip", letters), settings) == "zip"
