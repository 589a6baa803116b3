"""Reading zip files defensively: member paths, member count, sizes and compression ratio.

Nothing is ever unpacked to disk; members are read into memory, each bounded by the
size its header declares, so a header that lies cannot inflate past the limits.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from corpus.errors import UnsafeArchiveError

_DRIVE = re.compile(r"^[A-Za-z]:")
_CHUNK = 1 << 20
#: Members smaller than this are not held to the compression ratio (tiny files compress well).
RATIO_FLOOR_BYTES = 1 << 20
UTF8_FLAG = 0x800
ENCRYPTED_FLAG = 0x1


@dataclass(frozen=True)
class ZipLimits:
    """What a zip file may hold before it is refused as unsafe (a zip bomb)."""

    max_members: int
    max_total_bytes: int
    max_member_bytes: int
    max_ratio: float


class MemberError(Exception):
    """One member cannot be read (encrypted, damaged, inflating past its size)."""

    def __init__(self, error: str, reason: str) -> None:
        self.error = error
        self.reason = reason
        super().__init__(reason)


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it.

    Zip tools that do not set the UTF-8 flag still often write UTF-8 names
    (Vietnamese file names made on Windows); those are decoded as UTF-8.
    """
    name = info.filename
    if not info.flag_bits & UTF8_FLAG:
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name.replace("\\", "/")


def unsafe_reason(name: str) -> str | None:
    """Why a member path is refused (absolute, a drive, or a ``..`` part), or ``None``."""
    if name.startswith("/") or _DRIVE.match(name):
        return f"member {name!r} has an absolute path"
    if ".." in PurePosixPath(name).parts:
        return f"member {name!r} has a '..' path component"
    return None


def inspect(path: str, zf: zipfile.ZipFile, limits: ZipLimits) -> dict[str, zipfile.ZipInfo]:
    """Check a whole zip file against ``limits``; returns its files by member name.

    Raises:
        UnsafeArchiveError: naming the zip file and the rule it broke.
    """
    files = [info for info in zf.infolist() if not info.is_dir()]
    if len(files) > limits.max_members:
        raise UnsafeArchiveError(path, f"{len(files)} members, more than the limit of {limits.max_members}")
    total = 0
    members: dict[str, zipfile.ZipInfo] = {}
    for info in files:
        name = member_name(info)
        reason = unsafe_reason(name)
        if reason:
            raise UnsafeArchiveError(path, f"refused: {reason}")
        total += info.file_size
        if total > limits.max_total_bytes:
            raise UnsafeArchiveError(
                path, f"refused as a zip bomb: unpacks to more than {limits.max_total_bytes} bytes"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size >= RATIO_FLOOR_BYTES and ratio > limits.max_ratio:
            raise UnsafeArchiveError(
                path,
                f"refused as a zip bomb: member {name!r} expands {ratio:.0f} times "
                f"(limit {limits.max_ratio:.0f})",
            )
        members[name] = info
    return members


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ZipLimits) -> bytes:
    """The bytes of one member, never more than its declared size or the member limit.

    Raises:
        MemberError: encrypted, damaged, or inflating past its declared size.
    """
    name = member_name(info)
    if info.flag_bits & ENCRYPTED_FLAG:
        raise MemberError("EncryptedMember", f"member {name!r} is encrypted")
    if info.file_size > limits.max_member_bytes:
        raise MemberError(
            "TooLarge", f"member {name!r} is {info.file_size} bytes, over the limit of {limits.max_member_bytes}"
        )
    chunks: list[bytes] = []
    size = 0
    try:
        with zf.open(info) as stream:
            while chunk := stream.read(min(_CHUNK, info.file_size + 1 - size)):
                size += len(chunk)
                if size > info.file_size:
                    raise MemberError("ZipBomb", f"member {name!r} inflates past its declared size")
                chunks.append(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise MemberError("CorruptArchive", f"member {name!r} cannot be read: {exc}") from exc
    return b"".join(chunks)
