"""Where a document was found: a file, or a member of a zip file."""

from __future__ import annotations

from dataclasses import dataclass

#: Between a zip file and its member in a written location, as in ``2023.zip!/QĐ/12.docx``.
MEMBER_SEPARATOR = "!/"


@dataclass(frozen=True, order=True)
class Location:
    """A file (``member == ""``) or a member of the zip file ``path``.

    ``path`` is absolute on the machine that ran ``congvan index``.
    """

    path: str
    member: str = ""

    def __str__(self) -> str:
        return f"{self.path}{MEMBER_SEPARATOR}{self.member}" if self.member else self.path

    @property
    def name(self) -> str:
        """The file name (the last part of the member for zip members)."""
        inner = self.member or self.path
        return inner.replace("\\", "/").rsplit("/", 1)[-1]
