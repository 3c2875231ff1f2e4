"""Hostile text in every field: no formula runs from any CSV the tool writes, no script runs
from any HTML page it writes, and links other than web links are refused where they come in
and never written as links."""

from __future__ import annotations

import csv
import io
import json
import re
from enum import Enum
from html.parser import HTMLParser
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from provenance.cli import app
from tests.support import ok, query

# What a spreadsheet runs (OWASP's cases) and what a browser runs, mixed in one value so that
# every field gets both.
FORMULAS = [
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
]
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "</title><script>alert(2)</script>",
    "<a href='javascript:alert(3)'>x</a>",
]
BAD_LINKS = ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>x</script>"]


def _value(i: int) -> str:
    return FORMULAS[i % len(FORMULAS)] + " " + MARKUP[i % len(MARKUP)]


QUANTITY = _value(0)


def _seed(runner: CliRunner, tmp_path: Path) -> Path:
    """A hostile quantity with two disagreeing claims in every text field, and an article
    whose header is hostile; returns the article."""
    ok(runner, "quantity", "add", QUANTITY, "--unit", "count", "--key", "evil",
       "--definition", _value(1), "--scope", _value(2), "--topic", _value(3),
       "--term", "returned", "--place", "France")  # fmt: skip
    for i, figure in enumerate(("120", "900")):
        ok(runner, "add", figure, "--quantity", "evil",
           "--stated-by", _value(i), "--stated-by-kind", "person", "--role", _value(i + 1),
           "--outlet", _value(i + 2), "--title", _value(i + 3), "--author", _value(i + 4),
           "--quote", _value(i) + f" said {figure} had returned", "--date", "2017-05-01",
           "--quoted-from", _value(i + 1), "--quoted-from-by", _value(i + 2),
           "--topic", _value(3), "--scope", _value(4), "--url", "https://example.com/a")  # fmt: skip
    article = tmp_path / "hostile.txt"
    article.write_text(
        f"title: {_value(1)}\noutlet: {_value(2)}\nauthor: {_value(3)}\ndate: 2017-06-01\n\n"
        "=SUM(1+1) Officials said 300 fighters had returned to France.\n",
        encoding="utf-8",
    )
    ok(runner, "ingest", str(article), "--topic", _value(4))
    return article


def _commands_with_csv() -> dict[str, list[str]]:
    """Every command offering ``--format csv``, found from the CLI itself, so that a new one
    cannot be left out of the test below."""
    found: dict[str, list[str]] = {}

    def walk(command: object, path: list[str]) -> None:
        for param in getattr(command, "params", []):
            if "--format" not in getattr(param, "opts", []):
                continue
            choices = param.type_descriptor.annotation
            if issubclass(choices, Enum) and "csv" in {c.value for c in choices}:
                found[" ".join(path)] = path
        for name, sub in (getattr(command, "commands", None) or {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return found


def _arguments(command: str, article: Path, claim: int) -> list[str]:
    return {
        "add": ["45", "--quantity", "evil", "--outlet", _value(3), "--stated-by", _value(4)],
        "extract": [str(article)],
        "claims": [],
        "export": [],
        "show": [str(claim)],
        "link": [str(claim), "--suggest"],
        "sources": [],
        "speakers": [],
        "quantities": [],
        "quantity add": [_value(1), "--unit", "count", "--definition", _value(3)],
        "quantity show": ["evil"],
        "conflicts": [],
    }[command]


def _unsafe(cell: str) -> bool:
    """A cell a spreadsheet would run: a formula character first, and not a plain number."""
    return cell.startswith(("=", "+", "-", "@", "\t", "\r")) and not re.fullmatch(
        r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?", cell
    )


def test_every_csv_the_tool_writes_is_safe_in_a_spreadsheet(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    article = _seed(runner, tmp_path)
    claim = query(db_url, "SELECT min(id) FROM claim WHERE quantity_id IS NOT NULL")[0][0]
    commands = _commands_with_csv()
    assert len(commands) >= 12  # the discovery itself works
    for name, path in commands.items():
        text = ok(runner, *path, *_arguments(name, article, claim), "--format", "csv")
        rows = list(csv.reader(io.StringIO(text)))
        cells = [cell for row in rows for cell in row]
        assert not [c for c in cells if _unsafe(c)], name
        assert any(c.startswith("'") and _unsafe(c[1:]) for c in cells), name


def test_a_listing_edited_in_a_spreadsheet_imports_back_as_it_was(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    _seed(runner, tmp_path)
    listing = tmp_path / "claims.csv"
    listing.write_text(ok(runner, "claims", "--quantity", "evil", "--format", "csv"))
    before = json.loads(ok(runner, "claims", "--quantity", "evil", "--format", "json"))
    ok(runner, "import", str(listing))  # the same claims: nothing new is stored
    after = json.loads(ok(runner, "claims", "--quantity", "evil", "--format", "json"))
    assert after == before
    assert {c["stated_by"] for c in after} == {_value(0), _value(1)}


class _Page(HTMLParser):
    """What a browser would run: script elements, event handlers, script and data links."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.runs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("script", "iframe", "object", "embed", "base", "form"):
            self.runs.append(tag)
        for name, value in attrs:
            link = re.sub(r"[\x00-\x20]", "", value or "").lower()
            if name.startswith("on") or (
                name in ("href", "src", "action", "xlink:href", "formaction")
                and not link.startswith(("http:", "https:", "#"))
            ):
                self.runs.append(f"{tag} {name}={value}")


def test_no_page_the_tool_writes_runs_a_script(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    _seed(runner, tmp_path)
    # Links stored before they were checked, or written into the database by other tools.
    for i, link in enumerate(BAD_LINKS):
        query(db_url, f"UPDATE document SET url = '{link}' WHERE id = {i + 1}")
    assert len(query(db_url, "SELECT id FROM document WHERE url NOT LIKE 'http%'")) == 3
    out = tmp_path / "report.html"
    ok(runner, "report", "--out", str(out))
    pages = {
        "report": out.read_text(encoding="utf-8"),
        "export": ok(runner, "export", "--format", "html"),
    }
    for name, page in pages.items():
        parsed = _Page()
        parsed.feed(page)
        assert parsed.runs == [], name
        assert "Content-Security-Policy" in page, name
        assert "alert(1)" in page, name  # the text is there, shown as text
    assert "<a href" in pages["report"]  # web links still are links
    for fmt in ("bibtex", "biblatex", "csl-json", "prov-json", "jsonld"):
        written = ok(runner, "export", "--format", fmt)
        assert not [link for link in BAD_LINKS if link.strip() in written], fmt


@pytest.mark.parametrize("link", [*BAD_LINKS, "file:///etc/passwd", "vbscript:msgbox(1)"])
def test_links_other_than_web_links_are_refused_where_they_come_in(
    db_url: str, runner: CliRunner, tmp_path: Path, link: str
) -> None:
    result = runner.invoke(app, ["add", "12", "--url", link])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("Error: url ")
    article = tmp_path / "a.txt"
    article.write_text(f"url: {link}\n\nOfficials said 300 people came.\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(article)])
    assert result.exit_code == 1
    assert f"{article}: url " in result.stderr
    assert query(db_url, "SELECT count(*) FROM claim") == [(0,)]


def test_an_address_with_no_scheme_is_kept_as_text(db_url: str, runner: CliRunner) -> None:
    ok(runner, "add", "12", "--url", "www.example.com/story", "--outlet", "Example")
    assert query(db_url, "SELECT url FROM document") == [("www.example.com/story",)]
