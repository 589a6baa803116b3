"""CLI commands of job 2 (drafting): ``congvan draft`` and ``congvan lint``."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the drafting commands to ``app``."""
