"""Index runs: folders and zip files in a real process pool, deduplication, failures and retries,
resuming after SIGKILL and Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from corpus import Archive, ArchiveBusyError, IngestInterrupted
from tests.corpus.conftest import REPO, make_settings, many_letters, sample_files

CLI = "import typer; from service.cli import archive_cmd; app = typer.Typer(); archive_cmd.register(app); app()"


def add_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_folders_and_zip_files_are_stored_once_per_content(tmp_path: Path, province_folder: Path) -> None:
    inbox = tmp_path / "inbox"
    nested = inbox / "2024" / "quý II"
    nested.mkdir(parents=True)
    (nested / "tờ trình.txt").write_bytes((province_folder / "tt_2024.txt").read_bytes())
    (inbox / "notes.xyz").write_bytes(b"not a document format")
    (inbox / ".hidden.txt").write_text("ignored", encoding="utf-8")
    samples = sample_files()[:3]
    archive_zip = add_zip(
        inbox / "luu tru 2023.zip",
        {
            "QĐ/2023/qd_2023.txt": (province_folder / "qd_2023.txt").read_bytes(),
            "QĐ/2024/qd_2024.txt": (province_folder / "qd_2024.txt").read_bytes(),
            **{f"mau/{p.name}": p.read_bytes() for p in samples},
        },
    )
    with Archive(make_settings(tmp_path)) as archive:
        report = archive.ingest([province_folder, inbox], workers=2)
        assert (report.files, report.stored, report.duplicates, report.failed, report.skipped) == (9, 6, 3, 0, 1)
        stats = archive.stats()
        assert (stats.documents, stats.paths, stats.indexed, stats.failures) == (6, 9, 6, 0)
        decision = archive.get(archive.search('"15/QĐ-UBND"').hits[0].document.id)
        assert decision.paths == [str(province_folder / "qd_2023.txt"), f"{archive_zip}!/QĐ/2023/qd_2023.txt"]
        proposal = archive.search("huan chuong lao dong", issuer="lang son").hits[0]
        assert proposal.paths == [str(province_folder / "tt_2024.txt"), str(nested / "tờ trình.txt")]

        again = archive.ingest([province_folder, inbox], workers=2)
        assert (again.stored, again.duplicates, again.failed) == (0, 9, 0)
        assert archive.stats() == stats
        assert archive.integrity_check() == "ok"


def test_one_bad_file_never_sinks_the_batch(tmp_path: Path, province_folder: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "scan.pdf").write_bytes(b"%PDF-1.4 broken " * 20)
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.docx").write_bytes(bytes(range(256)) * 4)
    add_zip(inbox / "bomb.zip", {"bomb.txt": b"\0" * (3 * 1024**2)})
    add_zip(inbox / "escape.zip", {"ok.txt": b"fine", "../../etc/evil.txt": b"x"})
    add_zip(inbox / "absolute.zip", {"/etc/evil.txt": b"x"})
    with Archive(make_settings(tmp_path)) as archive:
        report = archive.ingest([province_folder, inbox], workers=2)
        assert (report.stored, report.failed) == (3, 6)
        reasons = {Path(f.location).name: (f.error, f.reason) for f in report.failures}
        assert reasons["scan.pdf"][0] == "ReadError" and "PDF" in reasons["scan.pdf"][1]
        assert reasons["empty.txt"] == ("EmptyDocumentError", "file is empty")
        assert reasons["binary.docx"][0] in {"ReadError", "UnsupportedFormatError"}
        assert reasons["bomb.zip"][0] == "UnsafeArchive" and "zip bomb" in reasons["bomb.zip"][1]
        assert "'..' path component" in reasons["escape.zip"][1]
        assert "absolute path" in reasons["absolute.zip"][1]
        assert {f.location for f in archive.failures()} == {f.location for f in report.failures}
        assert archive.stats().documents == 3 and archive.integrity_check() == "ok"

        # the scan is replaced by a readable file: --retry-failed stores it and forgets the failure
        (inbox / "scan.pdf").write_bytes((province_folder / "qd_2024.txt").read_bytes().replace(b"27/", b"28/"))
        retried = archive.retry(workers=1)
        assert (retried.files, retried.stored, retried.failed) == (6, 1, 5)
        failures = {Path(f.location).name: f.attempts for f in archive.failures()}
        assert "scan.pdf" not in failures and failures["empty.txt"] == 2
        assert archive.search('"28/QĐ-UBND"').total == 1


def test_a_file_over_the_time_limit_fails_alone_and_is_retried_with_a_higher_limit(
        tmp_path: Path, province_folder: Path) -> None:
    """A limit far below any extraction's time stands in for a runaway file (a real timer signal)."""
    with Archive(make_settings(tmp_path, file_time_limit=0.001)) as archive:
        report = archive.ingest([province_folder], workers=1)
        assert (report.stored, report.failed) == (0, 3)
        assert {f.error for f in report.failures} == {"FileTimeLimit"}
        assert "longer than the limit of 0.001 s (CONGVAN_FILE_TIME_LIMIT)" in report.failures[0].reason
    with Archive(make_settings(tmp_path)) as archive:
        retried = archive.retry(workers=1)
        assert (retried.stored, retried.failed) == (3, 0)
        assert archive.stats().failures == 0
        assert archive.integrity_check() == "ok"


def test_a_second_writer_is_told_the_archive_is_busy(tmp_path: Path, province_folder: Path) -> None:
    settings = make_settings(tmp_path)
    with Archive(settings) as first, Archive(settings) as second:
        assert first.lock.try_acquire()
        try:
            with pytest.raises(ArchiveBusyError, match=f"process {os.getpid()}"):
                second.ingest([province_folder], workers=1)
        finally:
            first.lock.release()
        assert second.ingest([province_folder], workers=1).stored == 3


def test_missing_paths_are_refused_before_any_work(archive: Archive, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        archive.ingest([tmp_path / "nowhere"], workers=1)


# -- interrupted runs ---------------------------------------------------------------------------


def start_index(tmp_path: Path, folder: Path) -> tuple[subprocess.Popen[str], Path]:
    database = tmp_path / "data" / "congvan.db"
    env = {
        **os.environ,
        "CONGVAN_DATABASE_URL": f"sqlite:///{database}",
        "CONGVAN_COMMIT_EVERY": "4",
        "CONGVAN_INDEX_COMMIT_SECONDS": "0.5",
    }
    process = subprocess.Popen(
        [sys.executable, "-c", CLI, "index", str(folder), "--workers", "1", "--json"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    return process, database


def wait_for_documents(database: Path, at_least: int, process: subprocess.Popen[str]) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        if database.exists():
            with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as reader:
                try:
                    stored = reader.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
                except sqlite3.OperationalError:
                    stored = 0
            if stored >= at_least:
                return stored
        time.sleep(0.05)
    raise AssertionError("the index run stored nothing in 60 s")


def finish_and_check(tmp_path: Path, folder: Path, total: int, before: int) -> None:
    with Archive(make_settings(tmp_path)) as archive:
        assert archive.integrity_check() == "ok"
        assert archive.stats().indexed == archive.stats().documents  # the index caught up at start
        report = archive.ingest([folder], workers=2)
        assert report.stored + report.duplicates == total and report.failed == 0
        assert report.duplicates >= before
        stats = archive.stats()
        assert (stats.documents, stats.paths, stats.indexed, stats.failures) == (total, total, total, 0)
        numbers = archive.store.query("SELECT COUNT(DISTINCT number) FROM documents")[0][0]
        assert numbers == total
        assert archive.search("giay khen", limit=1).total == total


def test_a_run_killed_with_sigkill_resumes_without_duplicates_or_losses(tmp_path: Path) -> None:
    total = 240
    folder = many_letters(tmp_path / "letters", total)
    process, database = start_index(tmp_path, folder)
    stored = wait_for_documents(database, 20, process)
    os.killpg(process.pid, signal.SIGKILL)  # the run and its pool, at once, as a power cut would
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    assert stored < total
    finish_and_check(tmp_path, folder, total, before=stored)


def test_a_run_stopped_with_ctrl_c_keeps_its_work_and_says_so(tmp_path: Path) -> None:
    total = 200
    folder = many_letters(tmp_path / "letters", total)
    process, database = start_index(tmp_path, folder)
    wait_for_documents(database, 12, process)
    os.kill(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    report = json.loads(stdout)
    assert report["interrupted"] is True and 12 <= report["stored"] < total
    assert "run the same command again to finish" in stderr
    with sqlite3.connect(database) as reader:
        assert reader.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == report["stored"]
    finish_and_check(tmp_path, folder, total, before=report["stored"])


def test_an_interrupted_run_in_process_raises_with_its_report(tmp_path: Path, province_folder: Path) -> None:
    stop_after = 2

    def interrupt(progress) -> None:
        if progress.done >= stop_after:
            raise KeyboardInterrupt

    with Archive(make_settings(tmp_path, commit_every=1)) as archive:
        with pytest.raises(IngestInterrupted) as caught:
            archive.ingest([province_folder], workers=1, on_progress=interrupt)
        report = caught.value.report
        assert report.interrupted and report.stored >= stop_after
        assert archive.stats().documents == report.stored
        assert archive.ingest([province_folder], workers=1).stored == 3 - report.stored
