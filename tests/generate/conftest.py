"""Fixtures of the drafting tests: the rule file, the two sample inputs, rendered drafts."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generate import Directive, directive_from_data, get_rules, load_directive, render_docx
from generate.layout import LayoutRules

ROOT = Path(__file__).resolve().parents[2]
DRAFTS = ROOT / "corpus" / "samples" / "drafts"
SAMPLES = {"cong_van": DRAFTS / "cong_van_phat_dong.yaml", "ke_hoach": DRAFTS / "ke_hoach_thi_dua.yaml"}
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def rules() -> LayoutRules:
    return get_rules()


@pytest.fixture(scope="session")
def sample_paths() -> dict[str, Path]:
    """The two sample inputs of corpus/samples/drafts by kind."""
    return dict(SAMPLES)


@pytest.fixture(params=sorted(SAMPLES))
def sample_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def sample_data() -> Callable[[str], dict[str, Any]]:
    """The raw data of a sample input, to change before validating."""
    def load(kind: str) -> dict[str, Any]:
        return yaml.safe_load(SAMPLES[kind].read_text(encoding="utf-8"))
    return load


@pytest.fixture
def make_directive(sample_data: Callable[[str], dict[str, Any]]) -> Callable[..., Directive]:
    """A sample directive with some fields replaced: ``make_directive("cong_van", number=5)``."""
    def make(kind: str = "cong_van", **changes: Any) -> Directive:
        data = sample_data(kind)
        data.update(changes)
        return directive_from_data(data)
    return make


@pytest.fixture(scope="session")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both samples drafted once for the session: ``{"cong_van": path, "ke_hoach": path}``."""
    out = tmp_path_factory.mktemp("drafts")
    paths = {}
    for kind, source in SAMPLES.items():
        paths[kind] = out / f"{kind}.docx"
        render_docx(load_directive(source), paths[kind])
    return paths


@pytest.fixture
def soffice() -> str:
    """LibreOffice for PDF tests: a failure in CI when missing, a skip elsewhere."""
    return _require("soffice") if shutil.which("soffice") else _require("libreoffice")


@pytest.fixture
def pdftoppm() -> str:
    return _require("pdftoppm")


def _require(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (Debian: see .ci/apt-generate.txt)"
        if IN_CI:
            pytest.fail(f"CI must have it — {message}")
        pytest.skip(message)
    return path
