"""Zip files are read defensively: unsafe paths, too many members and zip bombs are refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from corpus.location import Location
from corpus.sources import Finder, Reader, ReadProblem
from corpus.zipsafe import ZipLimits

LIMITS = ZipLimits(max_members=10, max_total_bytes=8 * 1024**2, max_member_bytes=4 * 1024**2, max_ratio=100)
SUFFIXES = (".txt", ".docx")


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def discover(path: Path, limits: ZipLimits = LIMITS):
    return Finder(SUFFIXES, limits).discover([path])


def test_members_in_nested_folders_are_listed_hidden_ones_left_out(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "2024.zip",
        {
            "QĐ/2024/quyết định 12.txt": "Quyết định số 12".encode(),
            "KH/kế hoạch.txt": b"Ke hoach",
            "__MACOSX/KH/._kế hoạch.txt": b"resource fork",
            "KH/.DS_Store": b"junk",
            "ảnh/scan.jpg": b"\xff\xd8",
        },
    )
    found = discover(archive)
    assert [item.location.member for item in found.items] == ["KH/kế hoạch.txt", "QĐ/2024/quyết định 12.txt"]
    assert all(item.problem is None for item in found.items)
    assert found.skipped == 1
    assert str(found.items[0].location) == f"{archive}!/KH/kế hoạch.txt"
    assert found.opened == [Location(str(archive))]


@pytest.mark.parametrize(
    ("member", "reason"),
    [
        ("../../etc/cron.d/evil.txt", "'..' path component"),
        ("docs/../../evil.txt", "'..' path component"),
        ("/etc/passwd.txt", "absolute path"),
        ("C:/Windows/evil.txt", "absolute path"),
        ("..\\..\\evil.txt", "'..' path component"),
    ],
)
def test_unsafe_member_paths_refuse_the_whole_zip(tmp_path: Path, member: str, reason: str) -> None:
    archive = make_zip(tmp_path / "bad.zip", {"ok.txt": b"fine", member: b"payload"})
    [item] = discover(archive).items
    assert item.location == Location(str(archive))
    assert item.problem is not None
    error, message = item.problem
    assert error == "UnsafeArchive" and reason in message


def test_a_zip_bomb_is_refused_by_its_compression_ratio(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "bomb.zip", {"bomb.txt": b"\0" * (3 * 1024**2)})
    [item] = discover(archive).items
    assert item.problem is not None and item.problem[0] == "UnsafeArchive"
    assert "zip bomb" in item.problem[1] and "bomb.txt" in item.problem[1]


def test_a_zip_unpacking_past_the_total_limit_is_refused(tmp_path: Path) -> None:
    limits = ZipLimits(max_members=10, max_total_bytes=1000, max_member_bytes=1000, max_ratio=100)
    archive = make_zip(tmp_path / "big.zip", {f"{i}.txt": bytes(range(256)) * 2 for i in range(3)})
    [item] = discover(archive, limits).items
    assert item.problem is not None and "more than 1000 bytes" in item.problem[1]


def test_too_many_members_are_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "many.zip", {f"{i}.txt": b"x" for i in range(11)})
    [item] = discover(archive).items
    assert item.problem == ("UnsafeArchive", "11 members, more than the limit of 10")


def test_a_corrupt_zip_is_reported(tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip file")
    [item] = discover(broken).items
    assert item.problem is not None and item.problem[0] == "CorruptArchive"


def test_a_zip_inside_a_zip_is_reported_not_opened(tmp_path: Path) -> None:
    inner = make_zip(tmp_path / "inner.zip", {"a.txt": b"a"}).read_bytes()
    archive = make_zip(tmp_path / "outer.zip", {"a.txt": b"a", "more/inner.zip": inner})
    items = {item.location.member: item.problem for item in discover(archive).items}
    assert items["a.txt"] is None
    assert items["more/inner.zip"] is not None and items["more/inner.zip"][0] == "NestedArchive"


def test_reader_returns_member_bytes_and_refuses_oversized_members(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "a.zip", {"a.txt": "Chiến sĩ".encode(), "big.txt": bytes(range(256)) * 40})
    limits = ZipLimits(max_members=10, max_total_bytes=10**6, max_member_bytes=5000, max_ratio=100)
    with Reader(limits) as reader:
        assert reader.read(Location(str(archive), "a.txt")).decode() == "Chiến sĩ"
        with pytest.raises(ReadProblem, match="over the limit of 5000") as caught:
            reader.read(Location(str(archive), "big.txt"))
        assert caught.value.error == "TooLarge"
        with pytest.raises(ReadProblem, match="no longer in the zip file"):
            reader.read(Location(str(archive), "gone.txt"))
        with pytest.raises(ReadProblem, match="cannot read"):
            reader.read(Location(str(tmp_path / "missing.txt")))


def test_retrying_one_member_lists_only_that_member(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "a.zip", {"a.txt": b"a", "b.txt": b"b"})
    finder = Finder(SUFFIXES, LIMITS)
    found = finder.items_for([Location(str(archive), "b.txt"), Location(str(archive), "gone.txt")])
    assert [(i.location.member, i.problem) for i in found.items] == [
        ("b.txt", None),
        ("gone.txt", ("ReadError", "the member is no longer in the zip file")),
    ]
