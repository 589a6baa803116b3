"""Throughput of ``extract_text`` against ``underthesea.word_tokenize`` over the same text.

Both run in this process on the same ~1 MB of mixed documents (the project's own
samples, repeated), so the ratio is comparable across noisy machines. Also
reports the resident memory after the pipeline has loaded.

    .venv/bin/python bench/extract.py [--mb 1.0] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    """Resident set size of this process, in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def corpus(megabytes: float) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / "samples").glob("*.txt"))]
    out: list[str] = []
    size = 0
    i = 0
    while size < megabytes * 1_000_000:
        t = texts[i % len(texts)]
        out.append(t)
        size += len(t.encode("utf-8"))
        i += 1
    return out


def once(fn, docs: list[str]) -> float:
    start = time.perf_counter()
    for d in docs:
        fn(d)
    return time.perf_counter() - start


def paired(first, second, docs: list[str], repeat: int) -> tuple[list[float], list[float]]:
    """Runs of ``first`` and ``second`` taken in turns, so that a slow spell of a noisy
    machine falls on both rather than on one of them."""
    a, b = [], []
    for _ in range(repeat):
        a.append(once(first, docs))
        b.append(once(second, docs))
    return a, b


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=1.0, help="megabytes of text (default 1.0)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each; the median is reported")
    args = ap.parse_args()

    base_rss = rss_mb()
    from underthesea import word_tokenize

    from extract import extract_text

    docs = corpus(args.mb)
    chars = sum(len(d) for d in docs)
    extract_text(docs[0])  # load the pipeline and the models once
    word_tokenize(docs[0])
    loaded_rss = rss_mb()

    extract_runs, tokenize_runs = paired(extract_text, word_tokenize, docs, args.repeat)
    t_extract, t_tokenize = statistics.median(extract_runs), statistics.median(tokenize_runs)
    ratios = sorted(t / e for t, e in zip(tokenize_runs, extract_runs, strict=True))
    print(f"documents: {len(docs)}, characters: {chars:,} ({args.mb} MB), median of {args.repeat} runs in turns")
    print(f"{'run':<34}{'seconds':>10}{'chars/s':>14}")
    print(f"{'underthesea.word_tokenize (baseline)':<34}{t_tokenize:>10.2f}{chars / t_tokenize:>14,.0f}")
    print(f"{'extract.extract_text':<34}{t_extract:>10.2f}{chars / t_extract:>14,.0f}")
    print(f"ratio extract_text / word_tokenize throughput: {statistics.median(ratios):.2f}x, median of the paired "
          f"runs (range {ratios[0]:.2f}-{ratios[-1]:.2f}; goal >= 1.5x)")
    print(f"RSS: {base_rss:.0f} MB at start, {loaded_rss:.0f} MB after loading, {rss_mb():.0f} MB at the end "
          f"(goal < 300 MB after loading)")


if __name__ == "__main__":
    main()
