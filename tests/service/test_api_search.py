"""Search, facts and health over an archive holding corpus/samples (indexed when the app started)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_health_counts_the_documents_indexed_at_start(sample_client: TestClient) -> None:
    body = sample_client.get("/healthz").json()
    assert body["status"] == "ok" and body["documents"] == 26
    job = sample_client.get("/api/jobs").json()[-1]
    assert job["files"] == ["corpus/samples"] and job["progress"]["stored"] == 26


def test_search_without_diacritics_finds_and_marks_the_words(sample_client: TestClient) -> None:
    result = sample_client.get("/api/search", params={"q": "huan chuong lao dong", "limit": 2}).json()
    assert result["total"] == 3 and len(result["hits"]) == 2
    hit = result["hits"][0]
    start, end = hit["snippet"]["highlights"][0]
    assert hit["snippet"]["text"][start:end].lower() in {"huân", "chương", "lao", "động", "huân chương lao động"}
    assert hit["paths"][0].startswith("corpus/samples/")
    assert {"kind", "issuer", "year", "award"} <= set(result["facets"])


def test_search_filters(sample_client: TestClient) -> None:
    result = sample_client.get("/api/search", params={"kind": "quyet_dinh", "date_from": "2025",
                                                      "date_to": "2025-12-31"}).json()
    assert result["total"] >= 1
    assert all(hit["document"]["kind"] == "quyet_dinh" for hit in result["hits"])
    assert all(hit["document"]["issued_date"].startswith("2025") for hit in result["hits"])


def test_a_malformed_date_filter_is_400(sample_client: TestClient) -> None:
    response = sample_client.get("/api/search", params={"date_from": "not a date"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_query" and error["message"].startswith("from: ")


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"kind": "thu_tay"}])
def test_out_of_range_parameters_are_422(sample_client: TestClient, params: dict) -> None:
    assert sample_client.get("/api/search", params=params).status_code == 422


def test_awards_by_year_link_their_documents(sample_client: TestClient) -> None:
    rows = sample_client.get("/api/facts/awards", params={"by": "year", "status": "awarded"}).json()
    assert [row["key"] for row in rows if row["key"]] == sorted(row["key"] for row in rows if row["key"])
    row = rows[0]
    assert row["total"] == row["collectives"] + row["individuals"] + row["mixed"]
    assert row["documents"] and not row["documents"][0]["path"].startswith("/")


def test_awards_by_award(sample_client: TestClient) -> None:
    rows = sample_client.get("/api/facts/awards", params={"by": "award"}).json()
    assert "huan_chuong_lao_dong" in {row["key"] for row in rows}


def test_awards_per_year_and_award_add_up_to_the_yearly_totals(sample_client: TestClient) -> None:
    grid = sample_client.get("/api/facts/awards/years").json()
    yearly = {row["key"]: row["total"] for row in sample_client.get("/api/facts/awards").json()}
    for index, year in enumerate(grid["years"]):
        assert sum(series["values"][index] for series in grid["series"]) == yearly[year]
    labels = {series["award"]: series["label"] for series in grid["series"]}
    assert labels["huan_chuong_lao_dong"] == "Huân chương Lao động"


def test_a_target_over_the_years(sample_client: TestClient) -> None:
    points = sample_client.get("/api/facts/targets", params={"metric": "bhxh tu nguyen", "kind": "target"}).json()
    assert points and all(p["kind"] == "target" for p in points)
    years = [p["year"] for p in points if p["year"] is not None]
    assert years == sorted(years)


@pytest.mark.parametrize(
    ("path", "params"),
    [("/api/facts/awards", {"by": "month"}), ("/api/facts/awards", {"status": "maybe"}),
     ("/api/facts/targets", {}), ("/api/facts/targets", {"metric": ""})],
)
def test_malformed_facts_requests_are_422(sample_client: TestClient, path: str, params: dict) -> None:
    assert sample_client.get(path, params=params).status_code == 422


def test_a_metric_without_words_is_400(sample_client: TestClient) -> None:
    response = sample_client.get("/api/facts/targets", params={"metric": "!!!"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_query"
