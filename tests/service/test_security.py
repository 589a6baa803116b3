"""Access, limits and leaks: token, login and CSRF, security headers, loopback rule, no paths in errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from service.cli import app as cli
from service.errors import scrub
from service.security import is_loopback
from tests.service.conftest import TOKEN, csrf_of


def test_every_answer_carries_a_strict_content_security_policy(client: TestClient) -> None:
    for path in ("/trich-xuat", "/healthz", "/api/nope", "/static/css/app.css"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_reads_stay_open_with_a_token(client_for: Callable[..., TestClient]) -> None:
    client = client_for(api_token=TOKEN)
    assert client.get("/healthz").status_code == 200
    assert client.get("/api/search").status_code == 200
    assert client.get("/openapi.json").status_code == 200


def test_pages_lead_to_the_login_when_a_token_is_set(client_for: Callable[..., TestClient]) -> None:
    client = client_for(api_token=TOKEN)
    response = client.get("/kho?q=thi+dua", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/dang-nhap?next=/kho%3Fq%3Dthi%2Bdua"
    login = client.get(response.headers["location"])
    assert "Mã truy cập" in login.text
    wrong = client.post("/dang-nhap", data={"token": "nope", "csrf": csrf_of(login.text), "next": "/kho"})
    assert wrong.status_code == 401 and "không đúng" in wrong.text
    right = client.post("/dang-nhap", data={"token": TOKEN, "csrf": csrf_of(wrong.text), "next": "/kho"},
                        follow_redirects=False)
    assert right.status_code == 303 and right.headers["location"] == "/kho"
    cookie = right.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert client.get("/kho").status_code == 200
    page = client.get("/trich-xuat")
    out = client.post("/dang-xuat", data={"csrf": csrf_of(page.text)}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/kho", follow_redirects=False).status_code == 303


def test_the_login_never_redirects_elsewhere(client_for: Callable[..., TestClient]) -> None:
    client = client_for(api_token=TOKEN)
    login = client.get("/dang-nhap")
    answer = client.post("/dang-nhap", data={"token": TOKEN, "csrf": csrf_of(login.text),
                                             "next": "//evil.example/x"}, follow_redirects=False)
    assert answer.headers["location"] == "/"


def test_without_a_token_the_login_page_is_skipped(client: TestClient) -> None:
    assert client.get("/dang-nhap?next=/kho", follow_redirects=False).headers["location"] == "/kho"


@pytest.mark.parametrize("csrf", [None, "forged-token-value-1234"])
def test_a_form_without_this_sessions_csrf_token_is_403(client: TestClient, csrf: str | None) -> None:
    client.get("/trich-xuat")
    data = {"text": "Năm 2025 có 12 tập thể được tặng Cờ thi đua."}
    if csrf:
        data["csrf"] = csrf
    response = client.post("/trich-xuat", data=data)
    assert response.status_code == 403
    assert "csrf_failed" in response.text


def test_a_body_sent_in_chunks_past_the_limit_is_413(client_for: Callable[..., TestClient]) -> None:
    client = client_for(max_upload_bytes=10)

    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b"x" * 65536

    response = client.post("/api/extract", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_an_unexpected_error_is_500_without_a_traceback(client_for: Callable[..., TestClient],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import service.api.extraction as route

    def explode(*_args: object) -> None:
        raise RuntimeError("/srv/secret/path.py exploded")

    monkeypatch.setattr(route, "extract_plain", explode)
    client = client_for()
    client_no_raise = TestClient(client.app, raise_server_exceptions=False)
    response = client_no_raise.post("/api/extract", json={"text": "x"})
    assert response.status_code == 500
    assert response.json() == {"error": {"code": "internal_error", "message": "an unexpected error occurred",
                                         "problems": []}}


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("/tmp/congvan-draft-x1/cong_van_2026.docx: PDF conversion failed", "cong_van_2026.docx: PDF conversion failed"),
        ("cannot open /srv/data/congvan.db (locked)", "cannot open congvan.db (locked)"),
        ("số 7712/BYT-TĐKT và V/v khen thưởng", "số 7712/BYT-TĐKT và V/v khen thưởng"),
        ("job/abc.zip!/a.txt", "job/abc.zip!/a.txt"),
    ],
)
def test_scrub_cuts_server_paths_only(message: str, expected: str) -> None:
    assert scrub(message) == expected


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False), ("", False),
])
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serve_refuses_a_public_address_without_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    from service.settings import get_settings

    monkeypatch.delenv("CONGVAN_API_TOKEN", raising=False)
    get_settings.cache_clear()
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    get_settings.cache_clear()
    assert result.exit_code == 2
    assert "CONGVAN_API_TOKEN" in result.output


def test_serve_refuses_an_index_path_that_does_not_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    from service.settings import get_settings

    get_settings.cache_clear()
    result = CliRunner().invoke(cli, ["serve", "--index", "/nonexistent/folder"])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_serve_with_a_token_starts_uvicorn_on_a_public_address(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from service.settings import get_settings

    calls: list[dict] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append(kwargs))
    monkeypatch.setenv("CONGVAN_API_TOKEN", TOKEN)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "9999"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert calls == [{"host": "0.0.0.0", "port": 9999, "log_level": "info", "proxy_headers": False}]
