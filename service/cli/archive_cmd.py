"""CLI commands of job 3 (the archive): ``congvan index``, ``search``, ``facts``, ``reindex``.

Thin layer over :class:`corpus.Archive`: options in, a table, JSON, CSV or XLSX out.
Exit codes: 0 done, 1 error, 2 bad usage, 3 some files failed (listed), 130 interrupted.
"""

from __future__ import annotations

import functools
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table as RichTable

from corpus import Archive
from corpus.errors import ArchiveError, IngestInterrupted
from corpus.export import Table, award_table, target_table, write_csv, write_xlsx
from corpus.models import IngestReport, SearchResult
from corpus.models import Progress as IngestProgress
from extract.errors import ExtractError

P = ParamSpec("P")
R = TypeVar("R")

EXIT_ERROR, EXIT_USAGE, EXIT_SOME_FAILED, EXIT_INTERRUPTED = 1, 2, 3, 130

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class SearchFormat(StrEnum):
    table = "table"
    json = "json"


class FactsFormat(StrEnum):
    table = "table"
    csv = "csv"
    xlsx = "xlsx"


class AwardsBy(StrEnum):
    year = "year"
    issuer = "issuer"
    award = "award"


class Status(StrEnum):
    awarded = "awarded"
    proposed = "proposed"


class TargetKindOption(StrEnum):
    target = "target"
    result = "result"


def _friendly(command: Callable[P, R]) -> Callable[P, R]:
    """Print the archive's errors as one clear line on stderr instead of a traceback."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (ArchiveError, ExtractError, FileNotFoundError) as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}")
            raise typer.Exit(EXIT_ERROR) from exc

    return run


# -- index ---------------------------------------------------------------------------------


class _Bar:
    """A rich progress bar fed by the archive's progress reports."""

    def __init__(self) -> None:
        self.progress = Progress(
            TextColumn("[bold]indexing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f} files/s"),
            TextColumn("[red]{task.fields[failed]} failed"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=err,
            transient=False,
        )
        self.task = self.progress.add_task("index", total=None, rate=0.0, failed=0)

    def __call__(self, report: IngestProgress) -> None:
        rate = report.done / report.seconds if report.seconds > 0 else 0.0
        self.progress.update(self.task, total=report.total, completed=report.done, rate=rate, failed=report.failed)


def _print_report(report: IngestReport) -> None:
    where = (
        f"{report.workers} Dask threads at {report.cluster}"
        if report.cluster
        else f"{report.workers} worker process{'es' if report.workers != 1 else ''}"
    )
    out.print(
        f"{report.files} files: {report.stored} stored, {report.duplicates} already stored, "
        f"{report.failed} failed, {report.skipped} skipped — {report.seconds:.1f} s, "
        f"{report.files_per_second:.1f} files/s on {where}"
    )
    if report.failures:
        out.print("[red]failed[/red] (fix them, then run [bold]congvan index --retry-failed[/bold]):")
        for failure in report.failures:
            out.print(f"  {escape(failure.location)}: {failure.error}: {escape(failure.reason)}")


@_friendly
def index(
    paths: Annotated[list[Path] | None, typer.Argument(help="files, folders and .zip files")] = None,
    json: Annotated[bool, typer.Option("--json", help="print a JSON summary instead of the progress bar")] = False,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="try the recorded failures again")] = False,
    workers: Annotated[int | None, typer.Option(min=1, help="extraction processes (default: all cores)")] = None,
    cluster: Annotated[str | None, typer.Option(help="Dask scheduler, tcp://HOST:8786")] = None,
) -> None:
    """Extract and store documents: files, folders (recursively) and .zip files, in parallel.

    Content already stored is recognised by its SHA-256 and not extracted again, so
    running the same command after an interruption finishes the rest.
    """
    if not paths and not retry_failed:
        err.print("[red]error:[/red] give files or folders to index, or --retry-failed")
        raise typer.Exit(EXIT_USAGE)
    bar = None if json else _Bar()
    with _terminate_as_interrupt(), Archive() as archive:
        try:
            if bar:
                bar.progress.start()
            reports: list[IngestReport] = []
            if retry_failed:
                reports.append(archive.retry(workers=workers, cluster=cluster, on_progress=bar))
            if paths:
                reports.append(archive.ingest(paths, workers=workers, cluster=cluster, on_progress=bar))
        except IngestInterrupted as stop:
            if bar:
                bar.progress.stop()
            assert isinstance(stop.report, IngestReport)
            _emit(stop.report, json)
            err.print(f"[yellow]{stop}[/yellow]")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        finally:
            if bar:
                bar.progress.stop()
    report = IngestReport.combined(reports)
    _emit(report, json)
    if report.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Within the block, ``kill`` (SIGTERM) stops a run as cleanly as Ctrl-C."""
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _emit(report: IngestReport, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    else:
        _print_report(report)


# -- search --------------------------------------------------------------------------------


def _highlighted(text: str, highlights: list[tuple[int, int]]) -> str:
    parts: list[str] = []
    last = 0
    for start, end in highlights:
        parts += [escape(text[last:start]), f"[bold yellow]{escape(text[start:end])}[/bold yellow]"]
        last = end
    parts.append(escape(text[last:]))
    return "".join(parts)


def _print_search(result: SearchResult) -> None:
    out.print(f"[bold]{result.total}[/bold] documents match {escape(repr(result.query))}")
    for rank, hit in enumerate(result.hits, start=1):
        doc = hit.document
        name = doc.number or (Path(hit.paths[0]).name if hit.paths else f"#{doc.id}")
        head = " · ".join(escape(v) for v in (name, doc.kind, doc.issued_date, doc.issuer) if v)
        out.print(f"\n[bold]{rank}.[/bold] {head}  [dim](score {hit.score:.2f})[/dim]")
        if doc.subject:
            out.print(f"   [italic]{escape(doc.subject)}[/italic]")
        out.print("   " + _highlighted(hit.snippet.text, hit.snippet.highlights))
        for path in hit.paths:
            out.print(f"   [dim]{escape(path)}[/dim]")
    for name, counts in result.facets.items():
        if counts:
            out.print(f"[bold]{name}[/bold]: " + " · ".join(f"{escape(c.value)} {c.count}" for c in counts))


@_friendly
def search(
    query: Annotated[str, typer.Argument(help='words, "a phrase", -excluded; diacritics optional')] = "",
    kind: Annotated[str | None, typer.Option(help="document kind: quyet_dinh, ke_hoach, cong_van …")] = None,
    issuer: Annotated[str | None, typer.Option(help="words of the issuing agency")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="issued on or after: 2025, 2025-03, 5/3/2025")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="issued on or before")] = None,
    award: Annotated[str | None, typer.Option(help="award key, e.g. huan_chuong_lao_dong")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="hits to show")] = 10,
    format: Annotated[SearchFormat, typer.Option("--format", help="table or json")] = SearchFormat.table,
) -> None:
    """Search the archive: accent-insensitive, ranked, with highlighted passages and facets."""
    with Archive() as archive:
        result = archive.search(
            query, kind=kind, issuer=issuer, date_from=date_from, date_to=date_to, award=award, limit=limit
        )
    if format is SearchFormat.json:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
    else:
        _print_search(result)


# -- facts ---------------------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _write_table(table: Table, format: FactsFormat, output: Path | None) -> None:
    if format is FactsFormat.xlsx:
        if output is None:
            err.print("[red]error:[/red] --format xlsx needs -o FILE.xlsx")
            raise typer.Exit(EXIT_USAGE)
        write_xlsx(table, output)
        err.print(f"wrote {len(table.rows)} rows to {output}")
    elif format is FactsFormat.csv:
        if output is None:
            write_csv(table, sys.stdout)
        else:
            with output.open("w", encoding="utf-8-sig", newline="") as handle:
                write_csv(table, handle)
            err.print(f"wrote {len(table.rows)} rows to {output}")
    else:
        keep = [i for i, name in enumerate(table.columns) if name not in TERMINAL_HIDDEN]
        shown = RichTable(title=table.title, show_lines=True)
        for i in keep:
            wrapped = table.columns[i] in WRAPPED
            shown.add_column(
                table.columns[i], no_wrap=not wrapped, min_width=16 if wrapped else None,
                overflow="fold" if wrapped else "ellipsis",
            )
        for row in table.rows:
            shown.add_row(*(escape(_cell(row[i])) for i in keep))
        out.print(shown)


#: Columns left out of the terminal view (they are in CSV and XLSX).
TERMINAL_HIDDEN = frozenset({"files", "text"})
#: Columns of prose, wrapped in the terminal; the others (keys, numbers) stay on one line.
WRAPPED = frozenset({"label", "documents", "document", "metric", "text", "issuer"})
FormatOption = Annotated[FactsFormat, typer.Option("--format", help="table, csv or xlsx")]
OutputOption = Annotated[Path | None, typer.Option("-o", "--output", help="file to write (csv, xlsx)")]


@_friendly
def facts_awards(
    by: Annotated[AwardsBy, typer.Option(help="group by year, issuer or award")] = AwardsBy.year,
    status: Annotated[Status | None, typer.Option(help="only awarded or only proposed")] = None,
    format: FormatOption = FactsFormat.table,
    output: OutputOption = None,
) -> None:
    """Awards (khen thưởng, danh hiệu) summed by year, issuer or award, with their documents."""
    with Archive() as archive:
        rows = archive.facts_awards(by=by.value, status=status.value if status else None)
    _write_table(award_table(rows, by=by.value), format, output)


@_friendly
def facts_targets(
    metric: Annotated[str, typer.Option(help="words of the metric, e.g. 'bao phu bhyt'")],
    kind: Annotated[TargetKindOption | None, typer.Option(help="only targets or only results")] = None,
    format: FormatOption = FactsFormat.table,
    output: OutputOption = None,
) -> None:
    """A target's (chỉ tiêu) values over time, each with its document."""
    with Archive() as archive:
        rows = archive.facts_targets(metric, kind=kind.value if kind else None)
    _write_table(target_table(rows, metric=metric), format, output)


# -- reindex -------------------------------------------------------------------------------


@_friendly
def reindex() -> None:
    """Rebuild the search index from the database."""
    with Archive() as archive:
        count = archive.reindex()
    out.print(f"indexed {count} documents into {archive.index_dir}")


def register(app: typer.Typer) -> None:
    """Add the archive commands to ``app``."""
    app.command("index")(index)
    app.command("search")(search)
    app.command("reindex")(reindex)
    facts = typer.Typer(no_args_is_help=True, help="The facts as tables: awards summed, targets over time.")
    facts.command("awards")(facts_awards)
    facts.command("targets")(facts_targets)
    app.add_typer(facts, name="facts")
