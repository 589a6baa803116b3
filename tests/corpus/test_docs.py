"""The archive's README section documents every command and option of the archive CLI."""

from __future__ import annotations

from typing import Any

import pytest
import typer

from corpus.settings import Settings
from service.cli import archive_cmd
from tests.corpus.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, Any]]:
    """``(name, command)`` of every archive command (typer's click objects, duck-typed)."""
    app = typer.Typer()
    archive_cmd.register(app)
    group = typer.main.get_command(app)
    found: list[tuple[str, Any]] = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        if hasattr(command, "commands"):
            found += [(f"{name} {sub}", c) for sub, c in command.commands.items()]
        else:
            found.append((name, command))
    return found


@pytest.mark.parametrize(("name", "command"), _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_and_option_is_documented(name: str, command: Any) -> None:
    assert f"congvan {name}" in README
    for param in command.params:
        for option in param.opts:
            if option.startswith("--") and option != "--help":
                assert option in README, f"{option} of congvan {name} is not in README.md"


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_documented(field: str) -> None:
    variable = f"CONGVAN_{field.upper()}"
    short = variable.replace("CONGVAN_ZIP_", "…_")
    assert variable in README or short in README, f"{variable} is not in README.md"
