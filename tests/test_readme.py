"""The README's examples are real: every ```console block is run, in order, on one fresh
database, and its printed output must match exactly.

Run ``UPDATE_README=1 pytest tests/test_readme.py`` to rewrite the outputs after a change
(then read the diff: it is the user-visible change).
"""

from __future__ import annotations

import functools
import os
import re
import shlex
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from provenance.cli import app
from provenance.config import CACHE_VAR, ENV_VAR

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


def _run(command: str, runner: CliRunner, port: int) -> str:
    argv = shlex.split(command.replace(f":{README_PORT}/", f":{port}/"))
    assert argv[0] == "provenance", f"README console blocks run provenance only: {command}"
    return runner.invoke(app, argv[1:]).output.replace(f":{port}/", f":{README_PORT}/")


# The README's links are served from data/pages on 127.0.0.1 as `python -m http.server 8765`
# would; the test serves them on a free port and shows that port as 8765.
README_PORT = 8765
LINKS = "floods-links.txt"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def pages_port() -> Iterator[int]:
    handler = functools.partial(_Quiet, directory=str(ROOT / "data" / "pages"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_readme_console_examples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pages_port: int
) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv(CACHE_VAR, str(tmp_path / "cache"))
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    for item in (ROOT / "data").iterdir():
        if item.name != LINKS:
            (tmp_path / "data" / item.name).symlink_to(item)
    links = (ROOT / "data" / LINKS).read_text(encoding="utf-8")
    (tmp_path / "data" / LINKS).write_text(links.replace(f":{README_PORT}/", f":{pages_port}/"))
    runner = CliRunner()
    text = README.read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    assert blocks, "the README has no console examples"
    actual_blocks = []
    for block in blocks:
        actual = "".join(f"$ {cmd}\n{_run(cmd, runner, pages_port)}" for cmd, _ in _commands(block))
        actual_blocks.append(actual)
    if os.environ.get("UPDATE_README"):
        replacements = iter(actual_blocks)
        README.write_text(
            BLOCK.sub(lambda _: f"```console\n{next(replacements)}```", text), encoding="utf-8"
        )
        return
    for expected, actual in zip(blocks, actual_blocks, strict=True):
        assert _timeless(actual) == _timeless(expected)


# When a text was stored (`show` on an article of several versions) or a page fetched is the
# run's own time.
STORED = re.compile(r"(stored|fetched) \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")


def _timeless(output: str) -> str:
    return STORED.sub(r"\1 <time> UTC", output)
