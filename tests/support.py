"""Helpers the CLI tests share (fixtures live in conftest.py)."""

from __future__ import annotations

from typer.testing import CliRunner

from provenance.cli import app


def ok(runner: CliRunner, *args: str) -> str:
    """Run a command that must succeed; its standard output."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout
