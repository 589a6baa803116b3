"""POST /api/drafts, /api/drafts/prefill and /api/lint: drafting and checking over HTTP."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

import generate
from tests.conftest import require_tool
from tests.service.conftest import LETTER, TOKEN, draft_data

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.mark.parametrize("kind", ["cong_van", "ke_hoach"])
def test_a_draft_is_a_docx_that_lints_clean(client: TestClient, kind: str) -> None:
    response = client.post("/api/drafts", json=draft_data(kind))
    assert response.status_code == 200
    assert response.headers["content-type"] == DOCX
    assert f'filename="{kind}_2026.docx"' in response.headers["content-disposition"]
    assert generate.lint_docx(io.BytesIO(response.content)) == []


def test_a_draft_as_pdf_and_png(client: TestClient) -> None:
    require_tool("soffice")
    require_tool("pdftoppm")
    pdf = client.post("/api/drafts?format=pdf", json=draft_data())
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    png = client.post("/api/drafts?format=png", json=draft_data())
    assert png.status_code == 200
    assert png.content.startswith(b"\x89PNG")
    assert png.headers["content-disposition"].startswith("inline")


def test_an_invalid_input_names_each_field(client: TestClient) -> None:
    data = draft_data()
    del data["signer"]["name"]
    data["number"] = "mười lăm"
    response = client.post("/api/drafts", json=data)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert {"body.signer.name", "body.number"} <= {p["field"] for p in error["problems"]}


def test_a_rule_across_fields_is_explained(client: TestClient) -> None:
    response = client.post("/api/drafts", json={**draft_data(), "recipients": []})
    assert response.status_code == 422
    assert any("recipient" in p["reason"] for p in response.json()["error"]["problems"])


def test_a_missing_pdf_converter_is_503(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONGVAN_SOFFICE", "/nonexistent/soffice")
    response = client.post("/api/drafts?format=pdf", json=draft_data())
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "tool_missing"
    assert "/nonexistent" not in error["message"]


def test_prefill_from_last_years_letter(client: TestClient) -> None:
    with LETTER.open("rb") as handle:
        response = client.post("/api/drafts/prefill?year=2027", files={"file": (LETTER.name, handle, "text/plain")})
    assert response.status_code == 200
    data = response.json()
    assert data["year"] == 2027 and "number" not in data
    assert data["issuer"]["abbreviation"] == "BHXH"
    assert "2027" in data["subject"]
    assert client.post("/api/drafts", json=data).status_code == 200


def test_prefill_of_a_letter_without_a_signer_is_422(client: TestClient) -> None:
    news = "Năm 2025 có 12 tập thể được tặng Cờ thi đua của BHXH Việt Nam.".encode()
    response = client.post("/api/drafts/prefill", files={"file": ("tin.txt", news, "text/plain")})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "prefill_failed"


def test_prefill_refuses_a_binary_file(client: TestClient) -> None:
    response = client.post("/api/drafts/prefill", files={"file": ("x.bin", bytes(range(256)), "application/octet-stream")})
    assert response.status_code == 415


def test_lint_of_a_clean_draft(client: TestClient, sample_docx: bytes) -> None:
    response = client.post("/api/lint", files={"file": ("cv.docx", sample_docx, DOCX)})
    assert response.status_code == 200
    assert response.json() == {"file": "cv.docx", "ok": True, "violations": []}


def test_lint_lists_violations_with_their_vietnamese_names(client: TestClient) -> None:
    from docx import Document

    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    document.save(buffer)
    response = client.post("/api/lint", files={"file": ("word.docx", buffer.getvalue(), DOCX)})
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is False and body["violations"]
    assert all(v["element_label"] and v["rule_label"] for v in body["violations"])


def test_lint_refuses_what_is_not_a_docx(client: TestClient) -> None:
    response = client.post("/api/lint", files={"file": ("letter.txt", LETTER.read_bytes(), "text/plain")})
    assert response.status_code == 415


def test_lint_of_a_damaged_docx_is_422(client: TestClient) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("word/document.xml", "<not-xml")
        zf.writestr("[Content_Types].xml", "<Types/>")
    response = client.post("/api/lint", files={"file": ("hong.docx", buffer.getvalue(), DOCX)})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] in ("unreadable_docx", "unreadable_document")
    assert "hong.docx" in error["message"] and "(stream)" not in error["message"]


def test_drafting_needs_the_token_when_one_is_set(client_for: Callable[..., TestClient]) -> None:
    client = client_for(api_token=TOKEN)
    assert client.post("/api/drafts", json=draft_data()).status_code == 401
    assert client.post("/api/lint", files={"file": ("a.docx", b"PK", DOCX)}).status_code == 401
    ok = client.post("/api/drafts", json=draft_data(), headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200
