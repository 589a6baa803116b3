"""Loading the data files of :mod:`corpus` (``corpus/data/*.yaml``), validated on load."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from corpus.errors import ConfigurationError
from extract.errors import DataFileError
from extract.lexicon import validate_yaml

DATA_DIR = Path(__file__).parent / "data"
M = TypeVar("M", bound=BaseModel)


def load_model(name: str, model: type[M]) -> M:
    """Parse ``corpus/data/<name>`` and validate it against ``model``.

    Raises:
        ConfigurationError: the file is missing, not YAML (with its line) or a field is wrong.
    """
    try:
        return validate_yaml(DATA_DIR / name, model)
    except DataFileError as exc:
        raise ConfigurationError(str(exc)) from exc


@cache
def fingerprint(name: str) -> str:
    """A short hash of a data file, stored with the search index to detect rule changes."""
    return hashlib.sha256((DATA_DIR / name).read_bytes()).hexdigest()[:16]
