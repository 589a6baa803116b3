"""CLI commands of job 1: ``congvan extract`` and ``congvan eval``."""

from __future__ import annotations

import csv
import enum
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from babel.numbers import format_decimal
from rich.console import Console
from rich.table import Table

from extract import extract_file
from extract.errors import ExtractError
from extract.evaluate import FIELDS, META_FIELDS, Report, score
from extract.models import Extraction
from service.exports import extraction_rows

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class Format(enum.StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"
    csv = "csv"


def _print_table(ex: Extraction) -> None:
    meta = Table(title=f"[bold]{ex.source}[/bold]", show_header=False, title_justify="left")
    meta.add_column("field", style="cyan")
    meta.add_column("value")
    signer = " ".join(x for x in (ex.signer.authority, ex.signer.title, ex.signer.name) if x)
    for label, value in (
        ("kind", ex.kind), ("number", ex.number), ("issued", ex.issued_date), ("place", ex.place),
        ("issuer", " / ".join(x for x in (ex.issuer.parent, ex.issuer.name) if x)),
        ("subject", ex.subject), ("recipients", "; ".join(ex.recipients)), ("signer", signer),
        ("theme", ex.theme), ("references", str(len(ex.references))),
    ):
        if value:
            meta.add_row(label, str(value))
    out.print(meta)
    if ex.targets:
        t = Table("text", "value", "unit", "kind", "metric", title="targets", title_justify="left")
        for it in ex.targets:
            t.add_row(it.text, format_decimal(it.value, locale="vi_VN"), it.unit, it.kind, it.metric)
        out.print(t)
    if ex.awards:
        t = Table("award", "tập thể", "cá nhân", "mixed", "status", "text", title="awards", title_justify="left")
        for a in ex.awards:
            t.add_row(a.award, *(str(x) if x is not None else "" for x in (a.collectives, a.individuals, a.mixed)),
                      a.status, a.text)
        out.print(t)
    dates = [d for d in ex.dates if d.granularity != "year"] + ex.periods
    if dates:
        t = Table("text", "value", "end", "granularity", title="dates", title_justify="left")
        for d in dates:
            t.add_row(d.text, d.value, d.end_value or "", d.granularity + (" (year inferred)" if d.year_inferred else ""))
        out.print(t)


def extract_command(
    paths: Annotated[list[Path], typer.Argument(help="Documents: .txt, .docx, .pdf, .html (type detected by content).")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """Extract targets, dates, award counts and metadata from documents.

    One failing file prints its error on stderr; the others still come out, and the
    exit status is 1.
    """
    failed = 0
    results: list[Extraction] = []
    writer = csv.writer(sys.stdout) if format is Format.csv else None
    if writer:
        writer.writerow(["source", "field", "text", "start", "end", "value", "unit", "kind", "detail"])
    for path in paths:
        try:
            ex = extract_file(path)
        except ExtractError as exc:
            failed += 1
            err.print(f"[red]error:[/red] {exc}", highlight=False)
            continue
        ex.source = str(path)
        if format is Format.jsonl:
            sys.stdout.write(ex.model_dump_json() + "\n")
            sys.stdout.flush()
        elif format is Format.json:
            results.append(ex)
        elif format is Format.table:
            _print_table(ex)
        elif writer:
            writer.writerows(extraction_rows(ex))
    if format is Format.json:
        sys.stdout.write(json.dumps([r.model_dump(mode="json") for r in results], ensure_ascii=False, indent=2) + "\n")
    if failed:
        raise typer.Exit(code=1)


def _predict(path: Path) -> dict:
    try:
        return extract_file(path).model_dump(mode="json")
    except ExtractError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        return {}


def _print_report(report: Report, verbose: bool) -> None:
    t = Table("document", *FIELDS, "meta", title="matched/gold+false hits", title_justify="left")
    for d in report.documents:
        cells = [f"{tp}/{g}+{p - tp}" for tp, g, p in (d.cells[f] for f in FIELDS)]
        t.add_row(d.name, *cells, "ok" if not d.meta_wrong else "wrong " + ",".join(d.meta_wrong))
    out.print(t)
    if verbose:
        for d in report.documents:
            for f in FIELDS:
                for m in d.missed[f]:
                    out.print(f"    {d.name} {f} MISSED {m}", highlight=False)
                for e in d.extra[f]:
                    out.print(f"    {d.name} {f} EXTRA  {e}", highlight=False)
            for k, (gold, pred) in d.meta_wrong.items():
                out.print(f"    {d.name} {k}: gold {gold!r} predicted {pred!r}", highlight=False)
    for f in FIELDS:
        p, r, f1 = report.totals(f)
        out.print(f"{f:<8} precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}")
    for k in META_FIELDS:
        out.print(f"{k:<12} accuracy {report.meta_accuracy(k):.3f}")
    out.print(report.summary(), highlight=False)


def eval_command(
    directory: Annotated[Path, typer.Argument(help="A folder of NAME.txt files with NAME.gold.json beside them.")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every miss and false hit.")] = False,
) -> None:
    """Score the extractor against gold annotations (the same matching rules as the reference scorer)."""
    if not directory.is_dir():
        err.print(f"[red]error:[/red] {directory}: not a directory")
        raise typer.Exit(code=2)
    report = score(directory, _predict)
    if not report.documents:
        err.print(f"[red]error:[/red] {directory}: no NAME.txt + NAME.gold.json pairs")
        raise typer.Exit(code=2)
    _print_report(report, verbose)


def register(app: typer.Typer) -> None:
    """Add the extraction commands to ``app``."""
    app.command("extract")(extract_command)
    app.command("eval")(eval_command)
