"""The README's examples are real: every ```console block is run, in order, on one fresh
database, and its printed output must match exactly.

Run ``UPDATE_README=1 pytest tests/test_readme.py`` to rewrite the outputs after a change
(then read the diff: it is the user-visible change).
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from provenance.cli import app
from provenance.config import ENV_VAR

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def _commands(block: str) -> list[tuple[str, str]]:
    """(command, expected output) pairs of a console block."""
    pairs: list[tuple[str, str]] = []
    for line in block.splitlines(keepends=True):
        if line.startswith("$ "):
            pairs.append((line[2:].rstrip("\n"), ""))
        elif pairs:
            pairs[-1] = (pairs[-1][0], pairs[-1][1] + line)
    return pairs


def _run(command: str, runner: CliRunner) -> str:
    argv = shlex.split(command)
    assert argv[0] == "provenance", f"README console blocks run provenance only: {command}"
    return runner.invoke(app, argv[1:]).output


def test_readme_console_examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").symlink_to(ROOT / "data")
    runner = CliRunner()
    text = README.read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    assert blocks, "the README has no console examples"
    actual_blocks = []
    for block in blocks:
        actual = "".join(f"$ {cmd}\n{_run(cmd, runner)}" for cmd, _ in _commands(block))
        actual_blocks.append(actual)
    if os.environ.get("UPDATE_README"):
        replacements = iter(actual_blocks)
        README.write_text(
            BLOCK.sub(lambda _: f"```console\n{next(replacements)}```", text), encoding="utf-8"
        )
        return
    for expected, actual in zip(blocks, actual_blocks, strict=True):
        assert _timeless(actual) == _timeless(expected)


# When a text was stored (`show` on an article of several versions) is the run's own time.
STORED = re.compile(r"stored \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")


def _timeless(output: str) -> str:
    return STORED.sub("stored <time> UTC", output)
