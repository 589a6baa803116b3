"""CLI commands of job 2 (drafting): ``congvan draft`` and ``congvan lint``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

import generate
from generate.schema import directive_to_data

EXIT_VIOLATIONS = 1
EXIT_ERROR = 2


def _fail(console: Console, message: str) -> typer.Exit:
    console.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(EXIT_ERROR)


def _prefill(source: Path, year: int, output: Path, err: Console) -> None:
    import extract

    extract_file = getattr(extract, "extract_file", None)
    if extract_file is None:
        raise _fail(err, "--from needs the extractor (extract.extract_file), which this install does not have yet")
    extraction = extract_file(source)
    directive = generate.prefill_directive(extraction, year)
    if output.suffix.lower() == ".json":
        output.write_text(json.dumps(directive_to_data(directive), ensure_ascii=False, indent=2) + "\n",
                          encoding="utf-8")
        return
    import yaml

    header = (
        f"# Drafting input for {year}, pre-filled from {source.name}.\n"
        "# Check the targets (last year's values), add the date when it is signed;\n"
        "# the number is left for the văn thư. Then: congvan draft THIS_FILE -o OUT.docx\n"
    )
    body = yaml.safe_dump(directive_to_data(directive), allow_unicode=True, sort_keys=False, width=100)
    output.write_text(header + body, encoding="utf-8")


def _with_archive_number(directive: generate.Directive, console: Console) -> generate.Directive:
    """Give a draft without a number the next free one of its issuer this year, when an
    archive exists (Nghị định 30 numbers run from 01 each calendar year)."""
    if directive.number is not None:
        return directive
    from corpus import Archive
    from corpus.settings import get_settings
    from corpus.store.url import database_path

    settings = get_settings()
    if not database_path(settings.database_url).exists():
        return directive
    year = directive.date.year if directive.date else (directive.year or dt.date.today().year)
    with Archive(settings) as archive:
        number = archive.next_number(directive.issuer.name, None, year)
    console.print(f"number {number:02d} allocated from the archive ({directive.issuer.name}, {year})",
                  highlight=False)
    return directive.model_copy(update={"number": number})


def _render(source: Path, output: Path, pdf: bool, png: bool, console: Console) -> None:
    directive = _with_archive_number(generate.load_directive(source), console)
    generate.render_docx(directive, output)
    console.print(f"[green]wrote[/] {output}")
    if pdf or png:
        pdf_path = generate.to_pdf(output, output.parent)
        console.print(f"[green]wrote[/] {pdf_path}")
        if png:
            png_path = generate.to_png(pdf_path, output.with_suffix(".png"))
            console.print(f"[green]wrote[/] {png_path}")


def register(app: typer.Typer) -> None:
    """Add the drafting commands to ``app``."""

    @app.command("draft")
    def draft(
        input_file: Annotated[Path | None, typer.Argument(
            metavar="INPUT", help="Drafting input (.yaml/.yml/.json).", show_default=False)] = None,
        output: Annotated[Path, typer.Option(
            "-o", "--output", help="The .docx to write (with --from: the input .yaml/.json to write).")] = ...,
        pdf: Annotated[bool, typer.Option("--pdf", help="Also write a PDF (LibreOffice headless).")] = False,
        png: Annotated[bool, typer.Option("--png", help="Also write a PNG of page 1 (needs the PDF).")] = False,
        from_file: Annotated[Path | None, typer.Option(
            "--from", help="Last year's letter (any format the extractor reads): write an input for --year.",
            show_default=False)] = None,
        year: Annotated[int | None, typer.Option(
            "--year", help="Campaign year of the pre-filled input (default: this year).")] = None,
    ) -> None:
        """Draft a Nghị định 30 công văn or kế hoạch (.docx, and PDF/PNG), or pre-fill an input.

        \b
        congvan draft corpus/samples/drafts/cong_van_phat_dong.yaml -o cv.docx --pdf --png
        congvan draft --from cv_2025.docx --year 2026 -o input_2026.yaml
        """
        console, err = Console(), Console(stderr=True, soft_wrap=True)
        try:
            if from_file is not None:
                if input_file is not None:
                    raise _fail(err, "give either INPUT or --from, not both")
                _prefill(from_file, year or dt.date.today().year, output, err)
                console.print(f"[green]wrote[/] {output}")
                return
            if input_file is None:
                raise _fail(err, "missing INPUT (a .yaml/.json drafting input) or --from OLD_FILE")
            _render(input_file, output, pdf, png, console)
        except generate.DirectiveError as exc:
            err.print(f"[bold red]invalid input[/] {exc.source or ''}", highlight=False)
            for field, reason in exc.problems:
                err.print(f"  [bold]{field}[/]: {reason}", highlight=False)
            raise typer.Exit(EXIT_ERROR) from exc
        except generate.GenerateError as exc:
            raise _fail(err, str(exc)) from exc

    @app.command("lint")
    def lint(
        file: Annotated[Path, typer.Argument(help="A .docx to check.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print the violations as JSON.")] = False,
    ) -> None:
        """Check a .docx against Nghị định 30/2020/NĐ-CP, Phụ lục I (exit 1 on violations)."""
        console, err = Console(), Console(stderr=True, soft_wrap=True)
        try:
            violations = generate.lint_docx(file)
        except generate.GenerateError as exc:
            raise _fail(err, str(exc)) from exc
        if as_json:
            typer.echo(json.dumps([v.model_dump() for v in violations], ensure_ascii=False, indent=2))
        elif not violations:
            console.print(f"[green]✓[/] {file}: no violations of Nghị định 30 (đúng thể thức)")
        else:
            rules = generate.get_rules()
            table = Table(title=f"{file}: {len(violations)} violation(s) of Nghị định 30", show_lines=False)
            for column in ("element", "rule", "expected", "found", "text"):
                table.add_column(column, overflow="fold")
            for v in violations:
                where = v.text + (f" (×{v.count})" if v.count > 1 else "")
                table.add_row(rules.label(v.element), rules.rule_label(v.rule), v.expected, v.found, where)
            console.print(table)
        if violations:
            raise typer.Exit(EXIT_VIOLATIONS)
