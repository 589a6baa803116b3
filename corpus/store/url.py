"""Reading ``CONGVAN_DATABASE_URL`` into a database file path."""

from __future__ import annotations

from pathlib import Path

from corpus.errors import ConfigurationError

_SQLITE = "sqlite:///"


def database_path(url: str) -> Path:
    """The SQLite file named by ``url``.

    ``sqlite:///./data/congvan.db`` is relative to the working directory,
    ``sqlite:////srv/congvan.db`` is absolute; a bare path is accepted too.

    Raises:
        ConfigurationError: the URL names another database (PostgreSQL is not supported yet)
            or no file.
    """
    if url.startswith(_SQLITE):
        rest = url[len(_SQLITE) :]
    elif "://" in url:
        scheme = url.split("://", 1)[0]
        raise ConfigurationError(
            f"CONGVAN_DATABASE_URL: the {scheme!r} scheme is not supported; "
            "use sqlite:///path/to/congvan.db"
        )
    else:
        rest = url
    if not rest or rest == ":memory:":
        raise ConfigurationError(
            f"CONGVAN_DATABASE_URL: {url!r} names no file; the archive needs a database file"
        )
    return Path(rest).expanduser()
