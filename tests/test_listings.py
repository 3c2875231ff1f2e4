"""Listings read their rows in a fixed number of queries, however many rows there are."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from typer.testing import CliRunner

from provenance import db, store
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
