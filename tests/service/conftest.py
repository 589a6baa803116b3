"""Fixtures of the service tests: an app on a temporary archive, clients, sample files, zips, drafts."""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "corpus" / "samples"
DRAFTS = SAMPLES / "drafts"
LETTER = SAMPLES / "01_cong_van_bhxh_tinh_phat_dong.txt"
NEWS = SAMPLES / "19_tin_bai_hoi_nghi_tong_ket_bhxh_thanh_pho.txt"
TOKEN = "s3cret-token-for-tests"
SCRIPT_LETTER = (
    "BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH\nSố: 12/BHXH-VP\nHà Tĩnh, ngày 05 tháng 02 năm 2026\n"
    "<script>document.title='pwned';window.pwned=1</script>\n"
    "<img src=x onerror=\"window.pwned=2\">\n"
    "Năm 2025 có 12 tập thể và 30 cá nhân được tặng Bằng khen của BHXH Việt Nam, đạt 101,2% kế hoạch."
)


def make_settings(root: Path, **overrides: Any) -> Settings:
    """Service settings with the archive under ``root`` (one extraction process)."""
    values: dict[str, Any] = {"database_url": f"sqlite:///{root / 'data' / 'congvan.db'}", "workers": 1}
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def settings_for(tmp_path: Path) -> Callable[..., Settings]:
    """``settings_for(api_token=...)``: settings of an archive in this test's folder."""
    return lambda **overrides: make_settings(tmp_path, **overrides)


@pytest.fixture
def client_for(settings_for: Callable[..., Settings]) -> Iterator[Callable[..., TestClient]]:
    """``client_for(**settings)``: a started client of a fresh app (closed after the test)."""
    opened: list[TestClient] = []

    def make(**overrides: Any) -> TestClient:
        client = TestClient(create_app(settings_for(**overrides)))
        client.__enter__()
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


@pytest.fixture
def client(client_for: Callable[..., TestClient]) -> TestClient:
    """A client of an open app (no token) on an empty archive."""
    return client_for()


@pytest.fixture(scope="module")
def sample_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client of an app whose archive holds corpus/samples (indexed at start, once per module)."""
    root = tmp_path_factory.mktemp("samples-archive")
    app = create_app(make_settings(root, index_at_start=[SAMPLES]))
    with TestClient(app) as client:
        jobs = client.get("/api/jobs").json()
        wait_job(client, jobs[0]["id"], timeout=120)
        yield client


def wait_job(client: TestClient, job_id: str, timeout: float = 60) -> dict[str, Any]:
    """The job once finished (fails the test after ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        assert time.monotonic() < deadline, f"job {job_id} still {job['status']} after {timeout} s"
        time.sleep(0.1)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(data: Path, **env: str) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`congvan serve` as a user runs it: a process of its own on a free loopback port, its
    archive in ``data``, ``env`` as extra ``CONGVAN_*`` variables. Yields the process and the
    base URL once /healthz answers; stops it at the end (if it is still running)."""
    port = _free_port()
    environment = {**os.environ, "CONGVAN_DATABASE_URL": f"sqlite:///{data / 'congvan.db'}", "CONGVAN_WORKERS": "1",
                   **env}
    environment.pop("CONGVAN_API_TOKEN", None)
    command = [str(Path(sys.executable).with_name("congvan")), "serve", "--port", str(port), "--log-level", "warning"]
    with (data / "server.log").open("ab") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (data / "server.log").read_text()
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not start within 60 s"
            time.sleep(0.2)
        yield process, base
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


def make_zip(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip file holding ``members`` (names written as given)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def draft_data(kind: str = "cong_van") -> dict[str, Any]:
    """A sample drafting input (corpus/samples/drafts) as JSON-ready data."""
    name = {"cong_van": "cong_van_phat_dong.yaml", "ke_hoach": "ke_hoach_thi_dua.yaml"}[kind]
    data = yaml.safe_load((DRAFTS / name).read_text(encoding="utf-8"))
    return _jsonable(data)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@pytest.fixture(scope="session")
def sample_docx() -> bytes:
    """The sample công văn drafted as .docx (follows Nghị định 30)."""
    from generate import directive_from_data, render_docx

    buffer = io.BytesIO()
    render_docx(directive_from_data(draft_data()), buffer)
    return buffer.getvalue()


def csrf_of(html: str) -> str:
    """The CSRF token of a page's forms."""
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no CSRF token"
    return found.group(1)
