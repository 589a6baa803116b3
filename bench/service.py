"""Load benchmark of the HTTP service on loopback: throughput, latency, errors, server memory.

Starts ``congvan serve`` on a free loopback port with a temporary archive holding
``corpus/samples`` (indexed at start), then runs ``--clients`` concurrent clients, each
sending ``--requests`` extraction requests (``POST /api/extract``, the sample documents
as JSON text, in turn) and as many searches (``GET /api/search``, typed without
diacritics). Reports requests per second, p50/p95 latency of each kind, errors (goal:
0) and the server's resident memory before and after the load (goal: growth under 10%).

The load is bounded in count (``--requests``) and in time (``--max-seconds``), goes
to 127.0.0.1 only, and stops by itself.

Usage::

    python bench/service.py                    # 8 clients × (200 extractions + 200 searches), ~1 min
    python bench/service.py --requests 20      # a quick look
    python bench/service.py --json
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "corpus" / "samples"
QUERIES = [
    "huan chuong lao dong", "thi dua yeu nuoc", "bang khen", "bao hiem xa hoi tu nguyen", "chien si thi dua",
    "co thi dua", "ke hoach", "tong ket", "giam ngheo", "\"dien hinh tien tien\"",
]


@dataclass
class Tally:
    """Latencies (seconds) and errors of one kind of request."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors.append(error)

    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.latencies)
        if not ordered:
            return {"requests": 0, "errors": len(self.errors)}
        return {
            "requests": len(ordered),
            "errors": len(self.errors),
            "p50_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000, 1),
            "max_ms": round(ordered[-1] * 1000, 1),
        }


def rss_mib(pid: int) -> float:
    """Resident memory of process ``pid`` in MiB (Linux ``/proc``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmRSS for process {pid}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data: Path, port: int) -> subprocess.Popen[bytes]:
    """``congvan serve`` with the samples indexed at start."""
    command = [str(Path(sys.executable).with_name("congvan")), "serve", "--port", str(port),
               "--index", str(SAMPLES), "--log-level", "warning"]
    env = {**os.environ, "CONGVAN_DATABASE_URL": f"sqlite:///{data / 'congvan.db'}"}
    env.pop("CONGVAN_API_TOKEN", None)
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(base: str, server: subprocess.Popen[bytes], timeout: float = 120) -> None:
    """Until the server answers and its start-up indexing job is done."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            jobs = httpx.get(f"{base}/api/jobs", timeout=2).json()
            if jobs and all(job["status"] in ("done", "failed") for job in jobs):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server was not ready within {timeout:.0f} s")


def client_run(base: str, texts: list[str], requests: int, offset: int, deadline: float,
               extract: Tally, search: Tally) -> None:
    """One client: ``requests`` extractions and ``requests`` searches, alternating."""
    with httpx.Client(base_url=base, timeout=60) as http:
        for i in range(requests):
            if time.monotonic() > deadline:
                return
            for tally, call in (
                (extract, lambda i=i: http.post("/api/extract", json={"text": texts[(offset + i) % len(texts)]})),
                (search, lambda i=i: http.get("/api/search", params={"q": QUERIES[(offset + i) % len(QUERIES)]})),
            ):
                started = time.perf_counter()
                try:
                    response = call()
                    error = None if response.status_code == 200 else f"HTTP {response.status_code}"
                except httpx.HTTPError as exc:
                    error = type(exc).__name__
                tally.add(time.perf_counter() - started, error)


def run(clients: int, requests: int, max_seconds: float) -> dict[str, Any]:
    """Start the server, warm it up, load it, and measure."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    with tempfile.TemporaryDirectory(prefix="congvan-bench-") as scratch:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(Path(scratch), port)
        try:
            wait_ready(base, server)
            with httpx.Client(base_url=base, timeout=60) as http:  # warm-up: models, caches, pool
                for text in texts:
                    http.post("/api/extract", json={"text": text}).raise_for_status()
                for query in QUERIES:
                    http.get("/api/search", params={"q": query}).raise_for_status()
            rss_before = rss_mib(server.pid)
            extract, search = Tally(), Tally()
            deadline = time.monotonic() + max_seconds
            started = time.perf_counter()
            threads = [threading.Thread(target=client_run, args=(base, texts, requests, n * 7, deadline, extract,
                                                                 search)) for n in range(clients)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            seconds = time.perf_counter() - started
            rss_after = rss_mib(server.pid)
        finally:
            server.terminate()
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()
    total = len(extract.latencies) + len(search.latencies)
    return {
        "clients": clients,
        "requests_per_client": requests,
        "seconds": round(seconds, 2),
        "requests": total,
        "requests_per_second": round(total / seconds, 1),
        "errors": len(extract.errors) + len(search.errors),
        "extract": extract.summary(),
        "search": search.summary(),
        "rss_before_mib": rss_before,
        "rss_after_mib": rss_after,
        "rss_growth_percent": round((rss_after - rss_before) / rss_before * 100, 1),
        "stopped_by_time_limit": total < clients * requests * 2,
        "error_samples": sorted(set(extract.errors + search.errors))[:5],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--requests", type=int, default=200,
                        help="extraction requests and searches per client, each (default 200)")
    parser.add_argument("--max-seconds", type=float, default=300, help="stop the load after this long (default 300)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args()
    figures = run(args.clients, args.requests, args.max_seconds)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{figures['clients']} clients × {figures['requests_per_client']} extractions + "
              f"{figures['requests_per_client']} searches on 127.0.0.1: {figures['requests']} requests "
              f"in {figures['seconds']} s = {figures['requests_per_second']} requests/s, "
              f"{figures['errors']} errors")
        for kind in ("extract", "search"):
            s = figures[kind]
            print(f"  {kind:8} p50 {s.get('p50_ms')} ms  p95 {s.get('p95_ms')} ms  max {s.get('max_ms')} ms  "
                  f"({s['requests']} requests, {s['errors']} errors)")
        print(f"  server RSS {figures['rss_before_mib']} MiB before → {figures['rss_after_mib']} MiB after "
              f"({figures['rss_growth_percent']:+} %)")
    return 0 if figures["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
