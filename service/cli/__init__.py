"""The ``congvan`` command line: one module per job, registered here."""

from __future__ import annotations

import typer

from service.cli import archive_cmd, draft_cmd, extract_cmd, serve_cmd

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="congvan: Vietnamese official documents on thi đua, khen thưởng — extract, draft, archive.",
)

extract_cmd.register(app)
draft_cmd.register(app)
archive_cmd.register(app)
serve_cmd.register(app)
