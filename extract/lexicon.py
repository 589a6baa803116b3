"""Loading the rule and lexicon data files that live beside the components.

YAML files hold small tables (cue words, layout patterns); JSON Lines files hold
one record per line (the award taxonomy), so that a bad record is reported with
its line number. Both are validated on load and cached.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from extract.errors import DataFileError

DATA_DIR = Path(__file__).parent / "data"
M = TypeVar("M", bound=BaseModel)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file.

    Raises:
        DataFileError: the file is missing or not valid YAML (with the line).
    """
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError as exc:
        raise DataFileError(f"{path}: data file is missing") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise DataFileError(f"{path}:{where}: invalid YAML: {exc}") from exc


def validate_yaml(path: Path, model: type[M], raw: Any = None) -> M:
    """Parse a YAML file (unless ``raw`` is given) and validate it against ``model``.

    Raises:
        DataFileError: naming the file and the offending field.
    """
    if raw is None:
        raw = read_yaml(path)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise DataFileError(f"{path}: field {field}: {first['msg']}") from exc


@cache
def load_data(name: str) -> Any:
    """Parse ``extract/data/<name>`` (YAML) once.

    Raises:
        DataFileError: the file is missing or not valid YAML (with the line).
    """
    return read_yaml(DATA_DIR / name)


def load_model(name: str, model: type[M]) -> M:
    """Parse ``extract/data/<name>`` and validate it against ``model``.

    Raises:
        DataFileError: naming the file and the offending field.
    """
    return validate_yaml(DATA_DIR / name, model, load_data(name))


def load_jsonl(name: str, model: type[M]) -> list[M]:
    """Parse ``extract/data/<name>`` as JSON Lines, one ``model`` per non-blank line.

    Lines starting with ``#`` are comments.

    Raises:
        DataFileError: naming the file, the line number and the reason.
    """
    path = DATA_DIR / name
    records: list[M] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise DataFileError(f"{path}: data file is missing") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            records.append(model.model_validate(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise DataFileError(f"{path}:{number}: invalid JSON: {exc.msg}") from exc
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            raise DataFileError(f"{path}:{number}: field {field}: {first['msg']}") from exc
    return records


def compile_patterns(name: str, cfg: Mapping[str, Any], keys: Iterable[str], flags: int = 0) -> dict[str, re.Pattern[str]]:
    """The regular expressions ``cfg[key]`` of the data file ``name``, compiled with ``flags``.

    Raises:
        DataFileError: a key is missing or its pattern is not a valid regular expression.
    """
    compiled: dict[str, re.Pattern[str]] = {}
    for key in keys:
        if key not in cfg:
            raise DataFileError(f"{DATA_DIR / name}: field {key}: missing")
        try:
            compiled[key] = re.compile(cfg[key], flags)
        except re.error as exc:
            raise DataFileError(f"{DATA_DIR / name}: field {key}: invalid pattern: {exc}") from exc
    return compiled
