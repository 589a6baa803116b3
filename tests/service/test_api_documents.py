"""The archive over HTTP: bulk jobs (202 + progress), documents, their files, deletion; each error."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from tests.service.conftest import LETTER, NEWS, SAMPLES, TOKEN, make_zip, wait_job


def _post(client: TestClient, *files: tuple[str, bytes], **kwargs: object):
    return client.post("/api/documents", files=[("file", (name, data, "application/octet-stream"))
                                                for name, data in files], **kwargs)


def test_one_file_is_a_job_then_a_document_with_its_file(client: TestClient) -> None:
    response = _post(client, (LETTER.name, LETTER.read_bytes()))
    assert response.status_code == 202
    accepted = response.json()
    assert response.headers["location"] == accepted["status_url"] == f"/api/jobs/{accepted['job']['id']}"
    job = wait_job(client, accepted["job"]["id"])
    assert job["status"] == "done"
    assert job["progress"] == {**job["progress"], "done": 1, "total": 1, "stored": 1, "failed": 0}
    [doc_id] = job["document_ids"]

    document = client.get(f"/api/documents/{doc_id}").json()
    assert document["extraction"]["number"] == "215/BHXH-VP"
    assert document["paths"] == [f"{job['id']}/{LETTER.name}"]
    assert not any(path.startswith("/") for path in document["paths"])
    by_hash = client.get(f"/api/documents/{document['sha256'][:12]}")
    assert by_hash.json()["id"] == doc_id

    original = client.get(f"/api/documents/{doc_id}/file")
    assert original.status_code == 200
    assert hashlib.sha256(original.content).hexdigest() == document["sha256"]
    assert "attachment" in original.headers["content-disposition"]


def test_sending_the_same_file_again_stores_nothing_twice(client: TestClient) -> None:
    first = wait_job(client, _post(client, (LETTER.name, LETTER.read_bytes())).json()["job"]["id"])
    again = wait_job(client, _post(client, ("copy.txt", LETTER.read_bytes())).json()["job"]["id"])
    assert again["progress"]["duplicates"] == 1 and again["progress"]["stored"] == 0
    assert again["document_ids"] == first["document_ids"]
    assert client.get("/healthz").json()["documents"] == 1


def test_a_zip_is_indexed_and_found_without_diacritics(client: TestClient) -> None:
    archive = make_zip({
        "2025/cong_van.txt": LETTER.read_bytes(),
        "2025/tin_bai.txt": NEWS.read_bytes(),
        "2025/hong.docx": b"PK\x03\x04 not really a docx",
        "notes.bin": b"\x00\x01",
    })
    job = wait_job(client, _post(client, ("luu-tru.zip", archive)).json()["job"]["id"], timeout=120)
    assert job["status"] == "done", job
    assert job["progress"]["stored"] == 2 and job["progress"]["failed"] == 1
    assert job["skipped"] == 1
    [failure] = job["failures"]
    assert failure["location"] == f"{job['id']}/luu-tru.zip!/2025/hong.docx"
    result = client.get("/api/search", params={"q": "hoi nghi tong ket hai phong"}).json()
    assert result["total"] >= 1
    assert result["hits"][0]["paths"][0].endswith("luu-tru.zip!/2025/tin_bai.txt")
    member = client.get(f"/api/documents/{result['hits'][0]['document']['id']}/file")
    assert member.content == NEWS.read_bytes()


def test_two_jobs_at_once_both_finish(client: TestClient) -> None:
    files = sorted(SAMPLES.glob("*.txt"))[:6]
    answers: list[dict] = []

    def send(batch: list) -> None:
        answers.append(_post(client, *[(p.name, p.read_bytes()) for p in batch]).json())

    threads = [threading.Thread(target=send, args=(files[i::2],)) for i in range(2)]
    for thread in threads:
        thread.start()
    search = client.get("/api/search", params={"q": "thi dua"})  # reading while they run
    assert search.status_code == 200
    for thread in threads:
        thread.join()
    jobs = [wait_job(client, answer["job"]["id"]) for answer in answers]
    assert [job["status"] for job in jobs] == ["done", "done"]
    assert sum(job["progress"]["stored"] for job in jobs) == 6
    assert client.get("/healthz").json()["documents"] == 6
    assert {job["id"] for job in jobs} <= {job["id"] for job in client.get("/api/jobs").json()}


def test_delete_then_the_document_is_gone(client: TestClient) -> None:
    job = wait_job(client, _post(client, (LETTER.name, LETTER.read_bytes())).json()["job"]["id"])
    [doc_id] = job["document_ids"]
    assert client.delete(f"/api/documents/{doc_id}").status_code == 204
    missing = client.get(f"/api/documents/{doc_id}")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "document_not_found"
    assert client.delete(f"/api/documents/{doc_id}").status_code == 404


def test_a_missing_original_is_404(client: TestClient, settings_for: Callable) -> None:
    job = wait_job(client, _post(client, (LETTER.name, LETTER.read_bytes())).json()["job"]["id"])
    stored = settings_for().uploads_dir / job["id"] / LETTER.name
    stored.write_text("changed since", encoding="utf-8")
    response = client.get(f"/api/documents/{job['document_ids'][0]}/file")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "original_missing"


@pytest.mark.parametrize(
    ("members", "reason"),
    [
        ({"../escape.txt": b"x"}, "'..'"),
        ({"/etc/passwd.txt": b"x"}, "absolute path"),
        ({f"f{i}.txt": b"x" for i in range(6)}, "more than the limit of 5"),
    ],
)
def test_unsafe_zips_are_400(client_for: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch,
                             members: dict[str, bytes], reason: str) -> None:
    monkeypatch.setenv("CONGVAN_ZIP_MAX_MEMBERS", "5")
    client = client_for()
    response = _post(client, ("bad.zip", make_zip(members)))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "unsafe_archive"
    assert reason in error["message"] and error["message"].startswith("bad.zip: ")
    assert client.get("/api/jobs").json() == []


def test_a_zip_bomb_is_400(client_for: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONGVAN_ZIP_MAX_RATIO", "10")
    client = client_for()
    bomb = make_zip({"bomb.txt": b"0" * (3 * 1024 * 1024)})
    response = _post(client, ("bomb.zip", bomb))
    assert response.status_code == 400
    assert "zip bomb" in response.json()["error"]["message"]


def test_a_damaged_zip_is_400(client: TestClient) -> None:
    data = make_zip({"a.txt": b"x" * 100})
    response = _post(client, ("cut.zip", data[: len(data) // 2] + b"\x00" * 10))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "corrupt_archive"


def test_content_that_is_no_document_is_415(client: TestClient) -> None:
    response = _post(client, (LETTER.name, LETTER.read_bytes()), ("blob.bin", bytes(range(256)) * 8))
    assert response.status_code == 415
    assert "blob.bin" in response.json()["error"]["message"]


def test_a_file_over_the_limit_is_413(client_for: Callable[..., TestClient]) -> None:
    client = client_for(max_upload_bytes=500)
    assert _post(client, ("big.txt", b"x" * 800)).status_code == 413


def test_no_file_is_422(client: TestClient) -> None:
    response = client.post("/api/documents", data={"nothing": "here"})
    assert response.status_code == 422


@pytest.mark.parametrize("path", ["/api/documents/abc", "/api/documents/-1", "/api/jobs/xyz"])
def test_malformed_ids_are_422(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 422


def test_unknown_ids_are_404(client: TestClient) -> None:
    assert client.get("/api/documents/999").json()["error"]["code"] == "document_not_found"
    assert client.get("/api/documents/999/file").status_code == 404
    assert client.get("/api/documents/deadbeefdeadbeef").status_code == 404
    assert client.get("/api/jobs/0123456789abcdef").json()["error"]["code"] == "job_not_found"


def test_writes_need_the_token_when_one_is_set(client_for: Callable[..., TestClient]) -> None:
    client = client_for(api_token=TOKEN)
    assert _post(client, (LETTER.name, LETTER.read_bytes())).status_code == 401
    assert client.delete("/api/documents/1").status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    job = wait_job(client, _post(client, (LETTER.name, LETTER.read_bytes()), headers=auth).json()["job"]["id"])
    doc_id = job["document_ids"][0]
    assert client.get(f"/api/documents/{doc_id}").status_code == 200  # reading stays open
    assert client.delete(f"/api/documents/{doc_id}", headers=auth).status_code == 204


def test_a_zip_member_that_breaks_the_reader_fails_alone(client: TestClient) -> None:
    broken = make_zip({"word/document.xml": "<not-xml", "[Content_Types].xml": "<Types/>"})
    job = wait_job(client, _post(client, ("hong.docx", broken), (LETTER.name, LETTER.read_bytes())).json()["job"]["id"])
    assert job["status"] == "done"
    assert job["progress"]["stored"] == 1 and job["progress"]["failed"] == 1
    assert job["failures"][0]["location"].endswith("hong.docx")

