"""The Vietnamese pages through TestClient: forms, highlights, downloads, errors, escaping."""

from __future__ import annotations

import io
import re

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

import generate
from tests.service.conftest import LETTER, SCRIPT_LETTER, csrf_of, make_zip, wait_job


def _post_extract(client: TestClient, **files_or_data: object):
    page = client.get("/trich-xuat")
    data = {"csrf": csrf_of(page.text), **files_or_data.pop("data", {})}  # type: ignore[arg-type]
    return client.post("/trich-xuat", data=data, **files_or_data)


@pytest.mark.parametrize(("path", "heading"), [
    ("/trich-xuat", "Trích xuất số liệu từ văn bản"), ("/soan-thao", "Soạn công văn, kế hoạch thi đua"),
    ("/kho", "Kho văn bản"), ("/kho/thong-ke", "Thống kê"),
])
def test_each_page_speaks_vietnamese(client: TestClient, path: str, heading: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert '<html lang="vi">' in response.text and heading in response.text


def test_home_goes_to_extraction(client: TestClient) -> None:
    assert client.get("/", follow_redirects=False).headers["location"] == "/trich-xuat"


def test_an_uploaded_letter_is_shown_highlighted_with_its_tables(client: TestClient) -> None:
    with LETTER.open("rb") as handle:
        response = _post_extract(client, files={"file": (LETTER.name, handle, "text/plain")})
    assert response.status_code == 200
    html = response.text
    assert 'id="targets-table"' in html
    for kind in ("date", "target"):
        assert f'<mark class="hl hl-{kind}"' in html
    assert re.search(r'data-tip="Chỉ tiêu: 34,2 % — [^"]+"', html)
    result_id = re.search(r"/trich-xuat/ket-qua/([\w-]+)\.json", html).group(1)
    as_json = client.get(f"/trich-xuat/ket-qua/{result_id}.json")
    assert as_json.json()["number"] == "215/BHXH-VP"
    assert "attachment" in as_json.headers["content-disposition"]
    csv = client.get(f"/trich-xuat/ket-qua/{result_id}.csv")
    assert csv.content.startswith("\ufeff".encode())
    xlsx = client.get(f"/trich-xuat/ket-qua/{result_id}.xlsx")
    assert load_workbook(io.BytesIO(xlsx.content)).sheetnames == ["items", "documents"]


def test_pasted_text_with_a_script_stays_text(client: TestClient) -> None:
    response = _post_extract(client, data={"text": SCRIPT_LETTER})
    html = response.text
    assert "<script>document.title" not in html and "<img src=x" not in html
    assert "&lt;script&gt;document.title=&#39;pwned&#39;" in html
    assert '<mark class="hl hl-award"' in html


def test_an_award_mark_shows_its_key_and_counts(client: TestClient) -> None:
    response = _post_extract(client, data={"text": SCRIPT_LETTER})
    assert re.search(r'data-tip="bang_khen_cap_bo — [^"]*12 tập thể, 30 cá nhân[^"]*"', response.text)


def test_nothing_to_extract_keeps_the_form_with_a_message(client: TestClient) -> None:
    response = _post_extract(client, data={"text": "  "})
    assert response.status_code == 422
    assert "Hãy chọn một tệp" in response.text and 'id="extract-form"' in response.text


def test_an_unreadable_upload_shows_the_reason(client: TestClient) -> None:
    response = _post_extract(client, files={"file": ("blob.bin", bytes(range(256)) * 4, "application/octet-stream")})
    assert response.status_code == 415
    assert "blob.bin: not a document congvan reads" in response.text


def test_an_expired_result_is_404(client: TestClient) -> None:
    response = client.get("/trich-xuat/ket-qua/AAAAAAAAAAAAAAAAAAAAAA.csv")
    assert response.status_code == 404 and "trích xuất lại" in response.text


def _draft_form(client: TestClient) -> tuple[str, dict[str, object]]:
    page = client.get("/soan-thao?vi_du=cong_van")
    html = page.text
    fields: dict[str, object] = {}
    for name, value in re.findall(r'<input(?: type="(?:date|hidden)")? name="([^"]+)" value="([^"]*)"', html):
        fields.setdefault(name, []).append(value)  # type: ignore[union-attr]
    for name, value in re.findall(r'<textarea name="([^"]+)"[^>]*>([^<]*)</textarea>', html):
        fields.setdefault(name, []).append(value)  # type: ignore[union-attr]
    fields["kind"] = "cong_van"
    fields["signer_authority"] = "KT."
    return html, fields


def test_the_example_form_downloads_a_docx_that_lints_clean(client: TestClient) -> None:
    _html, fields = _draft_form(client)
    response = client.post("/soan-thao", data={**fields, "action": "docx"})
    assert response.status_code == 200, response.text[:2000]
    assert response.headers["content-disposition"].startswith('attachment; filename="cong_van_2026.docx"')
    assert generate.lint_docx(io.BytesIO(response.content)) == []


def test_a_form_with_missing_fields_lists_them_in_vietnamese(client: TestClient) -> None:
    _html, fields = _draft_form(client)
    fields.update(signer_name="", place="")
    response = client.post("/soan-thao", data={**fields, "action": "docx"})
    assert response.status_code == 422
    assert "Họ tên người ký" in response.text and "Địa danh" in response.text
    assert "bắt buộc phải có" in response.text


def test_prefill_fills_the_form_for_the_new_year(client: TestClient) -> None:
    page = client.get("/soan-thao")
    with LETTER.open("rb") as handle:
        response = client.post("/soan-thao/dien-san", data={"csrf": csrf_of(page.text), "year": "2027"},
                               files={"file": (LETTER.name, handle, "text/plain")})
    assert response.status_code == 200
    assert "Đã điền sẵn từ" in response.text
    assert re.search(r'name="year" value="2027"', response.text)
    assert 'name="issuer_abbreviation" value="BHXH"' in response.text


def test_lint_page_shows_a_clean_result(client: TestClient, sample_docx: bytes) -> None:
    page = client.get("/soan-thao")
    response = client.post("/soan-thao/kiem-tra", data={"csrf": csrf_of(page.text)},
                           files={"file": ("cv.docx", sample_docx, "application/octet-stream")})
    assert response.status_code == 200
    assert "đúng thể thức Nghị định 30" in response.text


def test_lint_page_refuses_a_text_file(client: TestClient) -> None:
    page = client.get("/soan-thao")
    response = client.post("/soan-thao/kiem-tra", data={"csrf": csrf_of(page.text)},
                           files={"file": ("a.txt", b"hello", "text/plain")})
    assert response.status_code == 415 and "not a Word .docx document" in response.text


def test_upload_page_goes_to_the_job_then_the_document_page(client: TestClient) -> None:
    page = client.get("/kho")
    response = client.post("/kho/tai-len", data={"csrf": csrf_of(page.text)},
                           files=[("file", (LETTER.name, LETTER.read_bytes(), "text/plain"))], follow_redirects=False)
    assert response.status_code == 303
    job_id = response.headers["location"].rsplit("/", 1)[-1]
    job = wait_job(client, job_id)
    job_page = client.get(f"/kho/cong-viec/{job_id}")
    assert 'id="job-progress"' in job_page.text and "xong" in job_page.text
    doc = client.get(f"/kho/van-ban/{job['document_ids'][0]}")
    assert "215/BHXH-VP" in doc.text and 'class="hl hl-target"' in doc.text
    found = client.get("/kho", params={"q": "phat dong thi dua"})
    assert f'href="/kho/van-ban/{job["document_ids"][0]}"' in found.text
    delete = client.post(f"/kho/van-ban/{job['document_ids'][0]}/xoa", data={"csrf": csrf_of(doc.text)},
                         follow_redirects=False)
    assert delete.status_code == 303
    assert client.get(f"/kho/van-ban/{job['document_ids'][0]}").status_code == 404


def test_an_unsafe_zip_on_the_upload_page_is_explained(client: TestClient) -> None:
    page = client.get("/kho")
    response = client.post("/kho/tai-len", data={"csrf": csrf_of(page.text)},
                           files=[("file", ("x.zip", make_zip({"../a.txt": b"x"}), "application/zip"))])
    assert response.status_code == 400 and "x.zip: refused" in response.text


def test_a_bad_date_filter_is_shown_on_the_search_page(client: TestClient) -> None:
    response = client.get("/kho", params={"date_from": "hôm qua"})
    assert response.status_code == 400 and "Không thực hiện được" in response.text


def test_a_stored_script_stays_text_on_the_document_page_and_in_search(client: TestClient) -> None:
    page = client.get("/kho")
    response = client.post("/kho/tai-len", data={"csrf": csrf_of(page.text)},
                           files=[("file", ("<b>x</b>.txt", SCRIPT_LETTER.encode(), "text/plain"))],
                           follow_redirects=False)
    job = wait_job(client, response.headers["location"].rsplit("/", 1)[-1])
    doc = client.get(f"/kho/van-ban/{job['document_ids'][0]}").text
    assert "<script>document" not in doc and "&lt;script&gt;" in doc
    assert "<b>x</b>" not in doc
    hits = client.get("/kho", params={"q": "pwned"}).text
    assert "<script>document" not in hits


def test_charts_page_embeds_its_data_as_inert_json(client: TestClient) -> None:
    page = client.get("/kho")
    client.post("/kho/tai-len", data={"csrf": csrf_of(page.text)},
                files=[("file", ("tin.txt", SCRIPT_LETTER.encode(), "text/plain"))], follow_redirects=False)
    wait_job(client, client.get("/api/jobs").json()[0]["id"])
    html = client.get("/kho/thong-ke", params={"metric": "ke hoach"}).text
    assert '<script type="application/json" id="awards-data">' in html
    assert '<canvas id="awards-chart"' in html and '<canvas id="targets-chart"' in html
    assert '/static/vendor/chartjs/chart.umd.min.js' in html


def test_static_files_and_api_docs_are_served_by_the_app(client: TestClient) -> None:
    assert client.get("/static/vendor/chartjs/chart.umd.min.js").status_code == 200
    assert client.get("/static/js/app.js").status_code == 200
    docs = client.get("/api/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
