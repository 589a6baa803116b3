"""Benchmark of the archive (job 3): index throughput, scaling, search latency, bytes per document.

Builds a synthetic corpus — Nghị định 30 letters drafted by the project's generator
(``generate.render_docx`` on ``corpus/samples/drafts``) and letters assembled from the
headers, sentences and signature blocks of ``corpus/samples`` — then measures, in one run:

* documents per second end to end (read, hash, extract, store, index) with 1 and with 2
  worker processes, and the scaling ratio;
* search latency p50 / p95 (``Archive.search``: ranked top 10 with snippets and facets)
  over a fixed query set, on an archive of ``--search-docs`` documents;
* bytes stored per document (SQLite database and tantivy index).

Usage::

    python bench/index.py                          # 1,000 documents end to end, search on 10,000
    python bench/index.py --docs 10000 --search-docs 100000
    python bench/index.py --json                   # figures as one JSON object

The search archive is filled with ``Archive.import_extractions`` (synthetic metadata,
text from the same generator), so that 100,000 documents do not take an hour of
extraction; its index is built by the same code as any other.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypedDict

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corpus import Archive, Settings  # noqa: E402
from extract import extract_file  # noqa: E402
from extract.models import Extraction, Issuer  # noqa: E402

SAMPLES = ROOT / "corpus" / "samples"
DRAFTS = SAMPLES / "drafts"
class Filters(TypedDict, total=False):
    kind: str
    issuer: str
    date_from: str
    date_to: str


QUERIES: tuple[tuple[str, Filters], ...] = (
    ("huan chuong lao dong", {}),
    ("Huân chương Lao động hạng Ba", {}),
    ('"chien si thi dua co so"', {}),
    ("chiến sỹ thi đua", {}),
    ("bang khen thu tuong chinh phu", {}),
    ("co thi dua", {"kind": "quyet_dinh"}),
    ("bao phu bhyt", {}),
    ("tỷ lệ bao phủ bảo hiểm y tế", {}),
    ("giam ngheo ben vung", {}),
    ("bhxh tu nguyen", {"date_from": "2023", "date_to": "2024"}),
    ("phong trao thi dua yeu nuoc", {}),
    ("dien hinh tien tien", {"issuer": "bao hiem xa hoi"}),
    ("ky niem chuong", {}),
    ('"lao dong tien tien"', {}),
    ("khen thuong dot xuat", {}),
    ("thu bhxh bhyt bhtn", {}),
    ("cai cach hanh chinh", {}),
    ("chuyen doi so", {}),
    ("", {"kind": "ke_hoach"}),
    ("", {"date_from": "2022-01-01", "date_to": "2022-06-30"}),
)
_NUMBER = re.compile(r"(Số:\s*)\d+")
_DATE = re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")


@dataclass
class Template:
    """The header and signature block of one sample letter."""

    header: str
    footer: str
    extraction: Extraction


class Generator:
    """Synthetic letters: sample headers and signatures around sample sentences, plus drafted .docx."""

    def __init__(self, seed: int = 30) -> None:
        self.random = random.Random(seed)
        self.templates: list[Template] = []
        self.sentences: list[str] = []
        for path in sorted(SAMPLES.glob("*.txt")):
            lines = path.read_text(encoding="utf-8").splitlines()
            body_start = next((i for i, line in enumerate(lines) if len(line.split()) >= 12), len(lines))
            footer = [line for line in lines if line.strip()][-3:]
            self.templates.append(
                Template("\n".join(lines[:body_start]), "\n".join(footer), extract_file(path))
            )
            self.sentences += [line.strip() for line in lines[body_start:] if len(line.split()) >= 8]
        self.drafts = sorted(DRAFTS.glob("*.yaml"))

    def day(self) -> date:
        return date(self.random.randint(2019, 2025), self.random.randint(1, 12), self.random.randint(1, 28))

    def text(self, number: int) -> tuple[str, Template, date]:
        template = self.random.choice(self.templates)
        issued = self.day()
        header = _NUMBER.sub(lambda m: f"{m.group(1)}{number}", template.header, count=1)
        header = _DATE.sub(f"ngày {issued.day} tháng {issued.month} năm {issued.year}", header, count=1)
        body = "\n".join(self.random.sample(self.sentences, k=self.random.randint(8, 20)))
        return f"{header}\n\n{body}\n\n{template.footer}\n", template, issued

    def docx(self, number: int) -> bytes:
        from generate import load_directive, render_docx

        issued = self.day()
        directive = load_directive(self.random.choice(self.drafts)).model_copy(
            update={"number": number, "date": issued, "year": issued.year}
        )
        buffer = io.BytesIO()
        render_docx(directive, buffer)
        return buffer.getvalue()

    def write(self, folder: Path, count: int, docx_share: float) -> None:
        """Write ``count`` letters into ``folder``, ``docx_share`` of them drafted as .docx."""
        for i in range(1, count + 1):
            sub = folder / f"{i // 1000:03d}"
            sub.mkdir(parents=True, exist_ok=True)
            if self.drafts and self.random.random() < docx_share:
                (sub / f"{i:06d}.docx").write_bytes(self.docx(i))
            else:
                (sub / f"{i:06d}.txt").write_text(self.text(i)[0], encoding="utf-8")

    def extractions(self, count: int) -> list[Extraction]:
        """``count`` synthetic extractions (metadata of a sample, new text, number and date)."""
        out = []
        for i in range(1, count + 1):
            text, template, issued = self.text(i)
            meta = template.extraction
            out.append(
                Extraction(
                    source=f"synthetic/{i:06d}.txt",
                    kind=meta.kind,
                    number=_NUMBER.sub(str(i), meta.number) if meta.number else None,
                    issued_date=issued.isoformat(),
                    issuer=Issuer(name=meta.issuer.name, parent=meta.issuer.parent),
                    subject=meta.subject,
                    text=text,
                )
            )
        return out


def settings(root: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{root / 'congvan.db'}")


def end_to_end(folder: Path, workers: int, scratch: Path) -> dict[str, Any]:
    root = Path(tempfile.mkdtemp(prefix=f"w{workers}-", dir=scratch))
    finished: list[float] = []
    with Archive(settings(root)) as archive:
        started = time.perf_counter()
        report = archive.ingest([folder], workers=workers, on_progress=lambda p: finished.append(time.perf_counter()))
        seconds = time.perf_counter() - started
        stats = archive.stats()
    steady = (len(finished) - 1) / (finished[-1] - finished[0]) if len(finished) > 1 else 0.0
    return {
        "workers": workers,
        "documents": report.stored,
        "failed": report.failed,
        "seconds": round(seconds, 2),
        "docs_per_s": round(report.stored / seconds, 1),
        "steady_docs_per_s": round(steady, 1),
        "first_result_s": round(finished[0] - started, 2) if finished else None,
        "db_bytes_per_doc": round(stats.database_bytes / max(1, stats.documents)),
        "index_bytes_per_doc": round(stats.index_bytes / max(1, stats.documents)),
    }


def search_latency(generator: Generator, count: int, scratch: Path, rounds: int) -> dict[str, Any]:
    root = scratch / "search"
    with Archive(settings(root)) as archive:
        started = time.perf_counter()
        archive.import_extractions(generator.extractions(count), batch_size=2000)
        build = time.perf_counter() - started
        for query, filters in QUERIES:  # warm the caches once
            archive.search(query, **filters)
        timings = []
        for _ in range(rounds):
            for query, filters in QUERIES:
                t0 = time.perf_counter()
                archive.search(query, **filters)
                timings.append((time.perf_counter() - t0) * 1000)
        stats = archive.stats()
    timings.sort()
    return {
        "documents": count,
        "build_seconds": round(build, 1),
        "queries": len(timings),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 1),
        "max_ms": round(timings[-1], 1),
        "db_bytes_per_doc": round(stats.database_bytes / count),
        "index_bytes_per_doc": round(stats.index_bytes / count),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000, choices=(100, 1000, 10_000, 100_000),
                        help="documents indexed end to end (default 1,000)")
    parser.add_argument("--search-docs", type=int, default=10_000, choices=(1000, 10_000, 100_000),
                        help="documents in the archive searched (default 10,000)")
    parser.add_argument("--docx-share", type=float, default=0.1, help="share of drafted .docx letters")
    parser.add_argument("--rounds", type=int, default=5, help="passes over the query set")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    generator = Generator()
    with tempfile.TemporaryDirectory(prefix="congvan-bench-") as tmp:
        scratch = Path(tmp)
        corpus = scratch / "corpus"
        started = time.perf_counter()
        generator.write(corpus, args.docs, args.docx_share)
        size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
        figures: dict[str, object] = {
            "corpus": {"documents": args.docs, "bytes": size, "seconds_to_generate": round(time.perf_counter() - started, 1)},
        }
        runs = [end_to_end(corpus, workers, scratch) for workers in (1, 2)]
        figures["end_to_end"] = runs
        figures["speedup_1_to_2"] = round(runs[1]["docs_per_s"] / runs[0]["docs_per_s"], 2)
        figures["steady_speedup_1_to_2"] = round(runs[1]["steady_docs_per_s"] / runs[0]["steady_docs_per_s"], 2)
        figures["search"] = search_latency(generator, args.search_docs, scratch, args.rounds)

    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"corpus: {args.docs:,} documents ({size / 1e6:.1f} MB, {args.docx_share:.0%} .docx)")
    for run in runs:
        print(
            f"  {run['workers']} worker(s): {run['docs_per_s']:>6.1f} documents/s end to end "
            f"({run['documents']:,} in {run['seconds']} s, {run['failed']} failed; first stored after "
            f"{run['first_result_s']} s, then {run['steady_docs_per_s']} documents/s); "
            f"stored {run['db_bytes_per_doc']:,} B/doc in SQLite + {run['index_bytes_per_doc']:,} B/doc in tantivy"
        )
    print(
        f"  speed-up 1 → 2 workers: {figures['speedup_1_to_2']}× end to end, "
        f"{figures['steady_speedup_1_to_2']}× once the workers are up"
    )
    search = figures["search"]
    assert isinstance(search, dict)
    print(
        f"search on {search['documents']:,} documents ({search['queries']} queries, top 10 with snippets and facets): "
        f"p50 {search['p50_ms']} ms, p95 {search['p95_ms']} ms, max {search['max_ms']} ms; "
        f"{search['db_bytes_per_doc']:,} + {search['index_bytes_per_doc']:,} B/doc; built in {search['build_seconds']} s"
    )


if __name__ == "__main__":
    main()
