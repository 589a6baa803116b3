"""The SQLite store: URL, migrations, WAL, clear errors for locked, full and foreign files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from corpus import Archive, ArchiveLockedError, StorageFullError
from corpus.errors import ConfigurationError, CorruptDatabaseError, DocumentNotFoundError, SchemaVersionError
from corpus.store import Store, database_path
from corpus.store.migrations import LATEST
from tests.corpus.conftest import PROVINCE_LETTERS, make_settings


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("sqlite:///./data/congvan.db", Path("./data/congvan.db")),
        ("sqlite:////srv/congvan/congvan.db", Path("/srv/congvan/congvan.db")),
        ("data/other.db", Path("data/other.db")),
    ],
)
def test_database_url_names_a_file(url: str, path: Path) -> None:
    assert database_path(url) == path


@pytest.mark.parametrize("url", ["postgresql://localhost/congvan", "sqlite:///:memory:", "sqlite:///"])
def test_unusable_database_urls_are_refused_clearly(url: str) -> None:
    with pytest.raises(ConfigurationError, match="CONGVAN_DATABASE_URL"):
        database_path(url)


def test_a_new_database_is_migrated_to_the_latest_schema_in_wal_mode(tmp_path: Path) -> None:
    store = Store(tmp_path / "data" / "congvan.db")
    assert store.schema_version() == LATEST
    assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    archive_id = store.archive_id()
    store.close()
    again = Store(tmp_path / "data" / "congvan.db")
    assert again.schema_version() == LATEST and again.archive_id() == archive_id
    versions = again.connection.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0]
    assert versions == LATEST
    assert again.integrity_check() == "ok"


def test_a_database_from_a_newer_congvan_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "congvan.db"
    Store(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute("INSERT INTO schema_version VALUES (?, 'later')", (LATEST + 1,))
    with pytest.raises(SchemaVersionError, match="newer than this congvan"):
        Store(path)


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path) -> None:
    path = tmp_path / "congvan.db"
    path.write_bytes(b"this is a text file, not SQLite" * 100)
    with pytest.raises(CorruptDatabaseError) as caught:
        Store(path)
    assert str(path) in str(caught.value)


def test_a_locked_database_gives_a_clear_message_and_loses_nothing(tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    first = PROVINCE_LETTERS["qd_2023.txt"].write(letters, "qd_2023.txt")
    second = PROVINCE_LETTERS["qd_2024.txt"].write(letters, "qd_2024.txt")
    with Archive(make_settings(tmp_path, busy_timeout=0.2)) as archive:
        archive.add(first)
        holder = sqlite3.connect(archive.database, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another process writing, holding the write lock
        try:
            with pytest.raises(ArchiveLockedError) as caught:
                archive.add(second)
            message = str(caught.value)
            assert str(archive.database) in message and "locked by another process" in message
            with Archive(make_settings(tmp_path, busy_timeout=0.2)) as reader:  # readers are not blocked
                assert reader.search("bang khen").total == 1
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert archive.stats().documents == 1
        assert archive.integrity_check() == "ok"
        assert archive.add(second).created  # works again once the lock is gone
        assert archive.stats().documents == 2


def test_a_full_disk_gives_a_clear_message_and_keeps_what_was_stored(tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    stored = PROVINCE_LETTERS["qd_2023.txt"].write(letters, "small.txt")
    big = letters / "big.txt"
    big.write_text(PROVINCE_LETTERS["qd_2024.txt"].text() + "Nội dung dài. " * 40_000, encoding="utf-8")
    with Archive(make_settings(tmp_path)) as archive:
        archive.add(stored)
        connection = archive.store.connection
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages + 4}")  # the disk is full after 4 more pages
        with pytest.raises(StorageFullError, match="disk is full"):
            archive.add(big)
        assert archive.integrity_check() == "ok"
        assert archive.stats().documents == 1
        assert archive.search("bang khen").total == 1
        connection.execute("PRAGMA max_page_count = 1073741823")
        assert archive.add(big).created


def test_get_and_delete_by_id_or_hash(archive: Archive, province_folder: Path) -> None:
    outcome = archive.add(province_folder / "qd_2023.txt")
    document = archive.get(outcome.document_id)
    assert document.extraction.number == "15/QĐ-UBND"
    assert document.paths == [str(province_folder / "qd_2023.txt")]
    assert archive.get(outcome.sha256[:10]).id == outcome.document_id
    assert archive.search("bang khen chu tich").total == 1
    archive.delete(outcome.sha256)
    with pytest.raises(DocumentNotFoundError):
        archive.get(outcome.document_id)
    assert archive.search("bang khen chu tich").total == 0
    assert archive.store.count("awards") == 0 and archive.store.count("document_paths") == 0
    with pytest.raises(DocumentNotFoundError, match="no document"):
        archive.delete(outcome.document_id)


def test_the_same_content_under_two_names_is_stored_once_with_both_paths(
    archive: Archive, province_folder: Path, tmp_path: Path
) -> None:
    original = province_folder / "qd_2023.txt"
    copy = tmp_path / "elsewhere" / "ban sao.txt"
    copy.parent.mkdir()
    copy.write_bytes(original.read_bytes())
    first, again, second = archive.add(original), archive.add(original), archive.add(copy)
    assert first.created and not again.created and not second.created
    assert first.document_id == again.document_id == second.document_id
    assert archive.get(first.document_id).paths == [str(original), str(copy)]
    assert archive.stats().documents == 1
