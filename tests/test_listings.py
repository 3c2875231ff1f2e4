"""Listings read their rows in a fixed number of queries, however many rows there are."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from typer.testing import CliRunner

from provenance import db, store
from provenance.cli import app
from tests.support import ok
from tests.test_faults import write_articles


def _queries(url: str, listing: Callable[[Any], Any]) -> int:
    with db.session_scope(url, write=False) as session:
        seen: list[str] = []
        engine = session.get_bind()
        listener = lambda *args: seen.append(args[2])  # noqa: E731  (conn, cursor, statement, ...)
        event.listen(engine, "before_cursor_execute", listener)
        try:
            listing(session)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
    return len(seen)


@pytest.mark.parametrize(
    "listing", [store.list_sources, store.list_speakers, store.list_quantities]
)
def test_a_listing_reads_in_queries_that_do_not_grow_with_its_rows(
    ingested: str, runner: CliRunner, tmp_path: Path, listing: Callable[[Any], Any]
) -> None:
    few = _queries(ingested, listing)
    write_articles(tmp_path / "more", 30)
    ok(runner, "ingest", str(tmp_path / "more"))
    ok(runner, "quantity", "add", "Ferries inspected", "--unit", "count", "--key", "ferries")
    ok(runner, "link", "--auto")
    assert _queries(ingested, listing) == few


def test_a_catalogue_reloaded_with_a_new_label_finds_every_claim_by_it(tmp_path: Path) -> None:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'relabel.db'}"
    catalogue = tmp_path / "catalogue.toml"
    entry = '[[quantity]]\nkey = "returned"\nlabel = "{}"\nunit = "count"\nterms = ["returned"]\n'
    catalogue.write_text(entry.format("Fighters who came back"), encoding="utf-8")
    ok(runner, "init", "--db", url)
    ok(runner, "quantities", "load", str(catalogue), "--db", url)
    for figure, outlet in (("400", "BuzzFeed News"), ("about 1,200", "The Herald")):
        ok(runner, "add", figure, "--quantity", "returned", "--outlet", outlet, "--db", url)
    catalogue.write_text(entry.format("Homecoming jihadists"), encoding="utf-8")
    ok(runner, "quantities", "load", str(catalogue), "--db", url)
    found = ok(runner, "claims", "--search", "homecoming", "--format", "csv", "--db", url)
    assert len(found.splitlines()) == 3  # the header and both claims
    gone = runner.invoke(app, ["claims", "--search", "came back", "--db", url])
    assert "No claims match." in gone.stderr
