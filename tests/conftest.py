"""Shared fixtures: paths to the project's samples and to ../shared (when present)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "corpus" / "samples"
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_tool(name: str) -> str:
    """Path of a system tool; in CI its absence fails the test, elsewhere it skips."""
    path = shutil.which(name)
    if path is None:
        if IN_CI:
            pytest.fail(f"{name} is required in CI but is not installed (.ci/run installs it)")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """../shared/corpus: skipped when absent, except in CI where it must be there."""
    path = SHARED / "corpus"
    if not path.is_dir():
        if IN_CI:
            pytest.fail(f"{path} is missing in CI")
        pytest.skip("../shared/corpus is not present (a user's clone has none)")
    return path


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES
