"""POST /api/extract: files and JSON text in, the extraction out as JSON, CSV or XLSX; each error."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.service.conftest import LETTER, TOKEN

SENTENCE = "Năm 2025 có 12 tập thể và 30 cá nhân được tặng Bằng khen của BHXH Việt Nam, đạt 101,2% kế hoạch."


def test_json_text_gives_awards_targets_and_offsets(client: TestClient) -> None:
    response = client.post("/api/extract", json={"text": SENTENCE, "source": "tin.txt"})
    assert response.status_code == 200
    body = response.json()
    assert body["source"] == "tin.txt"
    award = body["awards"][0]
    assert (award["award"], award["collectives"], award["individuals"]) == ("bang_khen_cap_bo", 12, 30)
    assert body["text"][award["start"]:award["end"]] == award["text"]
    assert any(t["value"] == 101.2 and t["unit"] == "%" for t in body["targets"])


def test_uploaded_letter_gives_its_metadata(client: TestClient) -> None:
    with LETTER.open("rb") as handle:
        response = client.post("/api/extract", files={"file": (LETTER.name, handle, "text/plain")})
    assert response.status_code == 200
    body = response.json()
    assert (body["kind"], body["number"], body["issued_date"]) == ("cong_van", "215/BHXH-VP", "2026-02-05")
    assert body["source"] == LETTER.name
    assert len(body["targets"]) >= 5


def test_docx_upload_is_read_by_content_whatever_its_name(client: TestClient, sample_docx: bytes) -> None:
    response = client.post("/api/extract", files={"file": ("no-extension", sample_docx, "application/octet-stream")})
    assert response.status_code == 200
    assert response.json()["number"].endswith("/BHXH-TĐKT")


def test_csv_export_has_a_bom_and_neutralizes_formulas(client: TestClient) -> None:
    text = "=HYPERLINK(\"http://x\") Năm 2025 có 12 tập thể được tặng Cờ thi đua của BHXH Việt Nam."
    response = client.post("/api/extract?format=csv", json={"text": text, "source": "=cmd.txt"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffsource,field,text")
    rows = body.splitlines()[1:]
    assert rows and all(row.startswith("'=cmd.txt") for row in rows)


def test_xlsx_export_holds_items_and_documents(client: TestClient) -> None:
    response = client.post("/api/extract?format=xlsx", json={"text": SENTENCE, "source": "@tin.txt"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["items", "documents"]
    assert book["documents"]["A2"].value == "'@tin.txt"
    assert any(row[1] == "award" for row in book["items"].iter_rows(values_only=True))


@pytest.mark.parametrize(
    ("name", "data"),
    [("scan.bin", bytes(range(256)) * 4), ("archive.zip", b"PK\x03\x04" + b"\x00" * 200)],
)
def test_content_that_is_no_document_is_415(client: TestClient, name: str, data: bytes) -> None:
    response = client.post("/api/extract", files={"file": (name, data, "application/octet-stream")})
    assert response.status_code == 415
    error = response.json()["error"]
    assert error["code"] == "unsupported_media_type"
    assert name in error["message"]


def test_a_body_that_is_neither_form_nor_json_is_415(client: TestClient) -> None:
    response = client.post("/api/extract", content=SENTENCE.encode(), headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported_media_type"


def test_a_file_over_the_limit_is_413(client_for: Callable[..., TestClient]) -> None:
    client = client_for(max_upload_bytes=1000)
    response = client.post("/api/extract", files={"file": ("big.txt", ("Năm 2025 " * 200).encode(), "text/plain")})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_a_request_body_over_the_limit_is_413_before_it_is_read(client_for: Callable[..., TestClient]) -> None:
    client = client_for(max_upload_bytes=1000)
    response = client.post("/api/extract", json={"text": "x" * 3_000_000})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_an_empty_file_is_422(client: TestClient) -> None:
    response = client.post("/api/extract", files={"file": ("empty.txt", b"", "text/plain")})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "empty_document"


def test_a_corrupt_docx_is_422_with_the_reason(client: TestClient) -> None:
    response = client.post("/api/extract", files={"file": ("hong.docx", b"PK\x03\x04broken", "application/octet-stream")})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "unreadable_document"
    assert error["message"].startswith("hong.docx: ")


@pytest.mark.parametrize("body", [b"{not json", b'{"source": "x"}', b'{"text": 12}', b"[]"])
def test_invalid_json_is_422_with_the_field(client: TestClient, body: bytes) -> None:
    response = client.post("/api/extract", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert error["problems"]


def test_a_form_without_the_file_field_is_422(client: TestClient) -> None:
    response = client.post("/api/extract", files={"document": ("a.txt", b"Nam 2025", "text/plain")})
    assert response.status_code == 422


def test_an_unknown_format_is_422(client: TestClient) -> None:
    response = client.post("/api/extract?format=pdf", json={"text": SENTENCE})
    assert response.status_code == 422
    assert response.json()["error"]["problems"][0]["field"] == "query.format"


def test_with_a_token_the_upload_needs_it(client_for: Callable[..., TestClient]) -> None:
    client = client_for(api_token=TOKEN)
    assert client.post("/api/extract", json={"text": SENTENCE}).status_code == 401
    wrong = client.post("/api/extract", json={"text": SENTENCE}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert wrong.headers["www-authenticate"] == "Bearer"
    good = client.post("/api/extract", json={"text": SENTENCE}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert good.status_code == 200
