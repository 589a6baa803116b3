"""``congvan serve``: the HTTP API and the web pages (uvicorn)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

EXIT_USAGE = 2


def register(app: typer.Typer) -> None:
    """Add ``congvan serve`` to ``app``."""

    @app.command("serve")
    def serve(
        host: Annotated[str, typer.Option(help="Address to listen on (a non-loopback one needs CONGVAN_API_TOKEN).")]
        = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
        index: Annotated[list[Path] | None, typer.Option(
            "--index", help="Index these files, folders or .zip files at start (repeat; nothing is stored twice).",
            show_default=False)] = None,
        log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
    ) -> None:
        """Run the service: API at /api (docs at /api/docs), pages at /.

        \b
        congvan serve                                  # http://127.0.0.1:8000
        congvan serve --index corpus/samples           # with the samples indexed at start
        CONGVAN_API_TOKEN=… congvan serve --host 0.0.0.0
        """
        import uvicorn

        from service.app import create_app
        from service.security import is_loopback
        from service.settings import get_settings

        err = Console(stderr=True, soft_wrap=True)
        settings = get_settings()
        if not is_loopback(host) and settings.token is None:
            err.print(f"[bold red]error:[/] refusing to listen on {host} without a token: set CONGVAN_API_TOKEN "
                      "(every write and upload then needs it), or listen on 127.0.0.1", highlight=False)
            raise typer.Exit(EXIT_USAGE)
        missing = [str(p) for p in index or [] if not p.exists()]
        if missing:
            err.print(f"[bold red]error:[/] --index: no such file or folder: {', '.join(missing)}", highlight=False)
            raise typer.Exit(EXIT_USAGE)
        if index:
            settings = settings.model_copy(update={"index_at_start": [*settings.index_at_start, *index]})
        err.print(f"congvan: http://{host}:{port}/  (API docs: http://{host}:{port}/api/docs)", highlight=False)
        uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level, proxy_headers=False)
