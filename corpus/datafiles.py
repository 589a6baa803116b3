"""Loading the data files of :mod:`corpus` (``corpus/data/*.yaml``), validated on load."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from corpus.errors import ConfigurationError

DATA_DIR = Path(__file__).parent / "data"
M = TypeVar("M", bound=BaseModel)


def load_model(name: str, model: type[M]) -> M:
    """Parse ``corpus/data/<name>`` and validate it against ``model``.

    Raises:
        ConfigurationError: the file is missing, not YAML (with its line) or a field is wrong.
    """
    path = DATA_DIR / name
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigurationError(f"{path}: data file is missing") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}:" if mark else ""
        raise ConfigurationError(f"{path}:{where} invalid YAML: {exc}") from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise ConfigurationError(f"{path}: field {field}: {first['msg']}") from exc


@cache
def fingerprint(name: str) -> str:
    """A short hash of a data file, stored with the search index to detect rule changes."""
    return hashlib.sha256((DATA_DIR / name).read_bytes()).hexdigest()[:16]
