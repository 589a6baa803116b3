"""Every command of the `congvan` CLI is documented in the README, with its options."""

from __future__ import annotations

import typer.main

from service.cli import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, list[str]]:
    group = typer.main.get_command(app)
    out: dict[str, list[str]] = {}
    for name, command in group.commands.items():
        options = [opt for p in command.params for opt in getattr(p, "opts", []) if opt.startswith("--")]
        out[name] = [o for o in options if o != "--help"]
    return out


def test_every_command_is_in_the_readme() -> None:
    commands = _commands()
    assert {"extract", "eval", "draft", "lint", "index", "search", "reindex", "facts", "serve"} <= set(commands)
    missing = [name for name in commands if f"congvan {name}" not in README]
    assert missing == []


def test_every_option_is_in_the_readme() -> None:
    missing = [f"congvan {name} {opt}" for name, opts in _commands().items() for opt in opts if opt not in README]
    assert missing == []
