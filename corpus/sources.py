"""Finding the documents to index in files, folders and zip files, and reading them.

Discovery lists everything first (so progress has a total); reading is lazy, one
item at a time, so memory stays flat on large archives.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import UnsafeArchiveError
from corpus.location import Location
from corpus.zipsafe import MemberError, ZipLimits, inspect, read_member

ZIP_SUFFIX = ".zip"
#: Folders written by macOS into zip files, never documents.
_SKIPPED_DIRS = ("__MACOSX",)


class ReadProblem(Exception):
    """An item cannot be read; ``error`` is a short code, ``reason`` a sentence."""

    def __init__(self, error: str, reason: str) -> None:
        self.error = error
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class Item:
    """A document to store, or one refused before reading (``problem`` is ``(error, reason)``)."""

    location: Location
    problem: tuple[str, str] | None = None


@dataclass
class Discovery:
    """What was found under the paths given."""

    items: list[Item] = field(default_factory=list)
    skipped: int = 0
    opened: list[Location] = field(default_factory=list)  # zip files read without a problem


def _hidden(name: str) -> bool:
    return name.startswith(".") or name in _SKIPPED_DIRS


class Finder:
    """Lists the documents under paths.

    Args:
        suffixes: file endings read inside folders and zip files (lower case).
        limits: what a zip file may hold.
    """

    def __init__(self, suffixes: Iterable[str], limits: ZipLimits) -> None:
        self.suffixes = tuple(s.lower() for s in suffixes)
        self.limits = limits

    def discover(self, paths: Iterable[Path]) -> Discovery:
        """Files, folders (recursively, hidden ones left out) and zip files, in a stable order."""
        found = Discovery()
        for path in paths:
            path = Path(os.path.abspath(path))
            if path.is_dir():
                self._walk(path, found)
            else:
                self._file(path, found, explicit=True)
        return found

    def _walk(self, folder: Path, found: Discovery) -> None:
        for root, dirs, files in os.walk(folder, onerror=lambda exc: found.items.append(_os_problem(exc))):
            dirs[:] = sorted(d for d in dirs if not _hidden(d))
            for name in sorted(files):
                if not _hidden(name):
                    self._file(Path(root) / name, found, explicit=False)

    def _file(self, path: Path, found: Discovery, *, explicit: bool) -> None:
        suffix = path.suffix.lower()
        if suffix == ZIP_SUFFIX:
            self._zip(path, found)
        elif explicit or suffix in self.suffixes:
            found.items.append(Item(Location(str(path))))
        else:
            found.skipped += 1

    def _zip(self, path: Path, found: Discovery, only: str | None = None) -> None:
        """Add the members of a zip file worth reading, or one refused item for the whole file.

        Args:
            path: the zip file.
            found: where to add them.
            only: keep only this member (retrying one failed member).
        """
        whole = Location(str(path))
        try:
            with zipfile.ZipFile(path) as zf:
                members = inspect(str(path), zf, self.limits)
        except UnsafeArchiveError as exc:
            found.items.append(Item(whole, ("UnsafeArchive", exc.reason)))
            return
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
            found.items.append(Item(whole, ("CorruptArchive", f"not a readable zip file: {exc}")))
            return
        except OSError as exc:
            found.items.append(Item(whole, ("ReadError", f"cannot read: {exc.strerror or exc}")))
            return
        found.opened.append(whole)
        items = found.items
        for name in sorted(members):
            if only is not None and name != only:
                continue
            parts = name.split("/")
            if any(_hidden(p) for p in parts):
                continue
            location = Location(str(path), name)
            suffix = Path(name).suffix.lower()
            if suffix == ZIP_SUFFIX:
                items.append(Item(location, ("NestedArchive", "a zip file inside a zip file is not read; unpack it first")))
            elif suffix in self.suffixes or only is not None:
                items.append(Item(location))
            else:
                found.skipped += 1
        if only is not None and only not in members:
            items.append(Item(Location(str(path), only), ("ReadError", "the member is no longer in the zip file")))

    def items_for(self, locations: Iterable[Location]) -> Discovery:
        """Items for locations recorded earlier (``--retry-failed``)."""
        found = Discovery()
        for location in locations:
            path = Path(location.path)
            if location.member:
                self._zip(path, found, only=location.member)
            elif path.suffix.lower() == ZIP_SUFFIX:
                self._zip(path, found)
            else:
                found.items.append(Item(location))
        return found


def _os_problem(exc: OSError) -> Item:
    return Item(Location(str(exc.filename)), ("ReadError", f"cannot read: {exc.strerror or exc}"))


class Reader:
    """Reads items' bytes, keeping the last zip file open between its members."""

    def __init__(self, limits: ZipLimits) -> None:
        self.limits = limits
        self._zip_path: str | None = None
        self._zip: zipfile.ZipFile | None = None
        self._members: dict[str, zipfile.ZipInfo] = {}

    def read(self, location: Location) -> bytes:
        """The content of ``location``.

        Raises:
            ReadProblem: the file is gone, unreadable, or the member cannot be read safely.
        """
        if not location.member:
            try:
                return Path(location.path).read_bytes()
            except IsADirectoryError as exc:
                raise ReadProblem("ReadError", "is a folder, not a file") from exc
            except OSError as exc:
                raise ReadProblem("ReadError", f"cannot read: {exc.strerror or exc}") from exc
        zf = self._open(location.path)
        info = self._members.get(location.member)
        if info is None:
            raise ReadProblem("ReadError", "the member is no longer in the zip file")
        try:
            return read_member(zf, info, self.limits)
        except MemberError as exc:
            raise ReadProblem(exc.error, exc.reason) from exc

    def _open(self, path: str) -> zipfile.ZipFile:
        if self._zip_path != path:
            self.close()
            try:
                zf = zipfile.ZipFile(path)
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise ReadProblem("CorruptArchive", f"not a readable zip file: {exc}") from exc
            try:
                self._members = inspect(path, zf, self.limits)
            except UnsafeArchiveError as exc:
                zf.close()
                raise ReadProblem("UnsafeArchive", exc.reason) from exc
            self._zip, self._zip_path = zf, path
        assert self._zip is not None
        return self._zip

    def close(self) -> None:
        """Close the open zip file, if any."""
        if self._zip is not None:
            self._zip.close()
        self._zip, self._zip_path, self._members = None, None, {}

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
