"""Benchmark: build a two-page công văn with congvan's renderer vs docxtpl.

Both sides produce the same letter (corpus/samples/drafts/cong_van_phat_dong.yaml):
congvan from the Directive (wording templates, layout, save), docxtpl from a template
built in this same run with congvan's layout, one placeholder per paragraph, rendered
with the finished wording. Each side loads, renders and saves into memory; the script
prints the median milliseconds of each and their ratio.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/generate.py [RUNS]
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path and its name would hide
# the ``generate`` package.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import docx  # noqa: E402

from generate import get_rules, load_directive, render_docx  # noqa: E402
from generate.builder import write_document  # noqa: E402
from generate.compose import Composer, known_blocks  # noqa: E402
from generate.wording import Block, wording  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "corpus" / "samples" / "drafts" / "cong_van_phat_dong.yaml"


def median_ms(job: Callable[[], object], runs: int) -> float:
    for _ in range(3):
        job()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def texts(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        out += [p.text for cell in table._cells for p in cell.paragraphs]
    return [t for t in out if t]


def main(argv: list[str]) -> int:
    try:
        from docxtpl import DocxTemplate
    except ImportError:
        print("docxtpl is not installed: .venv/bin/pip install -e '.[bench]'", file=sys.stderr)
        return 2
    runs = int(argv[0]) if argv else 50
    rules = get_rules()
    directive = load_directive(SAMPLE)
    blocks = wording(directive, known_blocks(rules))
    placeholders = [Block(b.element, f"{{{{ t[{i}] }}}}") for i, b in enumerate(blocks)]
    template = io.BytesIO()
    write_document(Composer(rules).compose(placeholders), template, rules)
    template_bytes = template.getvalue()
    context = {"t": [b.text for b in blocks]}

    def ours() -> bytes:
        out = io.BytesIO()
        render_docx(directive, out)
        return out.getvalue()

    def theirs() -> bytes:
        tpl = DocxTemplate(io.BytesIO(template_bytes))
        tpl.render(context)
        out = io.BytesIO()
        tpl.save(out)
        return out.getvalue()

    if texts(ours()) != texts(theirs()):
        print("the two renderings differ in their text", file=sys.stderr)
        return 1
    pages = "two-page" if len(texts(ours())) > 40 else "short"
    congvan_ms = median_ms(ours, runs)
    docxtpl_ms = median_ms(theirs, runs)
    print(f"{pages} công văn, median of {runs} runs")
    print(f"congvan render_docx : {congvan_ms:7.1f} ms")
    print(f"docxtpl render      : {docxtpl_ms:7.1f} ms")
    print(f"ratio congvan/docxtpl: {congvan_ms / docxtpl_ms:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
