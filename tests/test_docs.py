"""The README stays the user's manual: every command has help and appears in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

from provenance.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    group = get_command(app)
    names = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(command, "commands", None)
        names += [f"{name} {s}" for s in sub] if sub else [name]
    return sorted(names)


@pytest.mark.parametrize("command", _commands())
def test_command_has_help_with_an_example(command: str, runner: CliRunner) -> None:
    result = runner.invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0
    assert "Example: provenance " in result.stdout


@pytest.mark.parametrize("command", _commands())
def test_command_appears_in_the_readme(command: str) -> None:
    assert re.search(rf"provenance {re.escape(command)}\b", README), command


def test_readme_quickstart_comes_first() -> None:
    blocks = re.findall(r"```bash\n(.*?)```", README, flags=re.S)
    assert "provenance conflicts" in blocks[0]
    assert blocks[1].strip() == "tests/run"  # the test command, which .ci/run calls
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    runs = [line for line in ci.splitlines() if line.startswith("tests/run")]
    assert runs == ["tests/run", "tests/run -m slow"]  # as the README says, then the drills
    assert "pytest" in (Path(__file__).resolve().parent / "run").read_text(encoding="utf-8")


def test_typer_is_not_treated_as_click() -> None:
    source = (Path(__file__).resolve().parent.parent / "provenance" / "cli.py").read_text()
    assert "import click" not in source
    assert isinstance(app, typer.Typer)
