"""Scale-out on a real Dask cluster (two worker processes on loopback): same results as a local run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster

from corpus import Archive
from corpus.runners import ClusterError, DaskRunner
from tests.corpus.conftest import SAMPLES, make_settings


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as running:
        yield running


def snapshot(archive: Archive) -> dict[str, tuple[list[str], dict]]:
    """Every document by hash: its paths and its extraction."""
    ids = [row[0] for row in archive.store.query("SELECT id FROM documents")]
    out = {}
    for doc_id in ids:
        document = archive.get(doc_id)
        out[document.sha256] = (document.paths, document.extraction.model_dump())
    return out


def test_a_cluster_run_gives_the_same_archive_as_a_local_run(
    cluster: LocalCluster, sample_archive: Archive, tmp_path: Path
) -> None:
    with Archive(make_settings(tmp_path)) as remote:
        report = remote.ingest([SAMPLES], cluster=cluster.scheduler_address)
        assert report.cluster == cluster.scheduler_address and report.workers == 2
        assert report.failed == 0 and report.stored == sample_archive.stats().documents

        assert snapshot(remote) == snapshot(sample_archive)
        for by in ("award", "year", "issuer"):
            assert [r.model_dump(exclude={"documents"}) for r in remote.facts_awards(by=by)] == [
                r.model_dump(exclude={"documents"}) for r in sample_archive.facts_awards(by=by)
            ]
        for query in ("huan chuong lao dong", '"chien si thi dua"', "bao phu bhyt"):
            ranked = [h.document.sha256 for h in remote.search(query, limit=20).hits]
            assert ranked == [h.document.sha256 for h in sample_archive.search(query, limit=20).hits]

        again = remote.ingest([SAMPLES], cluster=cluster.scheduler_address)
        assert (again.stored, again.duplicates) == (0, report.stored)


def test_a_cluster_that_cannot_be_reached_is_named() -> None:
    with pytest.raises(ClusterError, match=r"tcp://127\.0\.0\.1:9: cannot reach the Dask scheduler"):
        DaskRunner("tcp://127.0.0.1:9", timeout=1)
