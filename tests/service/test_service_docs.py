"""README.md documents every option of `congvan serve`, every setting and every API route."""

from __future__ import annotations

import pytest
import typer

from service.app import create_app
from service.cli import serve_cmd
from service.settings import Settings
from tests.service.conftest import ROOT

DOC = (ROOT / "README.md").read_text(encoding="utf-8")


def _serve_options() -> list[str]:
    app = typer.Typer()
    serve_cmd.register(app)

    @app.command("other")
    def _other() -> None:  # a second command keeps typer from flattening the group
        """Unused."""

    command = typer.main.get_command(app).commands["serve"]  # type: ignore[attr-defined]
    return [opt for param in command.params for opt in param.opts if opt.startswith("--") and opt != "--help"]


@pytest.mark.parametrize("option", _serve_options())
def test_every_serve_option_is_documented(option: str) -> None:
    assert option in DOC


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_documented(field: str) -> None:
    assert f"CONGVAN_{field.upper()}" in DOC


@pytest.mark.parametrize("path", sorted(create_app(Settings()).openapi()["paths"]))
def test_every_route_is_documented(path: str) -> None:
    assert path in DOC
