"""The HTML report: self-contained, well formed, and rendered by a real browser (Debian's
chromium, which tests/run installs when it is missing)."""

from __future__ import annotations

import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from provenance.cli import app

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
]  # fmt: skip


class _Outline(HTMLParser):
    """What a page holds: element counts, links, scripts and remote resources."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}
        self.remote: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.counts[tag] = self.counts.get(tag, 0) + 1
        for name, value in attrs:
            if name in ("src", "href") and value and tag != "a" and "://" in value:
                self.remote.append(value)
            if name == "id" and value and tag == "section":
                self.ids.append(value)


def _outline(html: str) -> _Outline:
    outline = _Outline()
    outline.feed(html)
    return outline


@pytest.fixture
def report(db_url: str, runner: CliRunner, tmp_path: Path) -> Path:
    for args in (
        ["quantities", "load", str(ROOT / "data" / "foreign-fighters.toml")],
        ["ingest", str(ROOT / "data" / "articles")],
        [
            "add",
            "fewer than 5% <script>",
            "--quantity",
            "female-share",
            "--outlet",
            "A & B News",
            "--date",
            "2018-01-01",
        ],
        ["review", "11", "accepted"],
        ["rank", "11", "preferred", "--reason", "the ICCT's own count"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    path = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "--out", str(path)])
    assert (result.stdout, result.stderr) == ("", f"Wrote {path} (4 quantities, 4 sources)\n")
    return path


def test_report_is_self_contained_and_escaped(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    outline = _outline(html)
    assert outline.remote == []  # no network assets
    assert outline.counts.get("script", 0) == 0
    assert outline.counts["svg"] == 4  # one chart per quantity
    # the contradiction first (5% against 17%, months apart), then explained, then agreeing
    assert outline.ids == ["female-share", "returned-share", "returned-number", "travelled-total"]
    assert "fewer than 5% &lt;script&gt;" in html
    assert "A &amp; B News" in html
    assert "consistent with #1" in html  # the arithmetic is shown
    # each figure's review and rank, as a person set them
    assert "<td>accepted; preferred: the ICCT&#x27;s own count</td>" in html
    assert "<span class=note>unreviewed</span>" in html


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Debian's chromium is needed: apt-get install -y chromium (tests/run does it)"
    return found


def test_report_renders_in_chromium(report: Path, tmp_path: Path) -> None:
    browser = _chromium()
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run(
        [browser, *CHROMIUM_FLAGS, *profile, "--dump-dom", report.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    rendered = _outline(dom)
    assert rendered.counts["svg"] == 4
    assert rendered.counts["table"] == 6  # the overview, one per quantity, the sources
    assert "European foreign fighters who have returned" in dom
    shot = tmp_path / "report.png"
    subprocess.run(
        [browser, *CHROMIUM_FLAGS, *profile, "--window-size=1200,1600", f"--screenshot={shot}", report.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 1600)
    assert len(data) > 50_000  # a page with charts, not a blank one
