"""The database browsed with Datasette and `provenance datasette-metadata` (the optional
`datasette` extra, which the test command installs)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from typer.testing import CliRunner

from provenance.cli import app
from provenance.models import Base
from tests.support import ok

datasette_app = pytest.importorskip("datasette.app")
pytestmark = pytest.mark.sqlite_only  # Datasette reads SQLite files


def _get(path: str, metadata: dict[str, Any], database: str) -> Any:
    instance = datasette_app.Datasette([database], metadata=metadata)

    async def fetch() -> Any:
        response = await instance.client.get(path)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(fetch())


def test_datasette_shows_readable_faceted_searchable_tables(
    ingested: str, runner: CliRunner
) -> None:
    metadata = json.loads(ok(runner, "datasette-metadata"))
    path = ingested.removeprefix("sqlite:///")
    tables = {t["name"]: t for t in _get("/claims.json", metadata, path)["tables"]}
    assert {"claim", "quantity", "agent", "document"} <= {
        n for n, t in tables.items() if not t["hidden"]
    }
    assert tables["quantity_bounds"]["hidden"]
    views = _get("/claims.json", metadata, path)["views"]
    assert {"name": "claim_readable", "private": False} in views

    readable = _get(
        "/claims/claim_readable.json?_shape=objects&_search=senator&_facet=reported_by",
        metadata,
        path,
    )
    [goulet] = readable["rows"]
    assert (goulet["figure"], goulet["stated_by"], goulet["reported_by"]) == (
        "between 400 and 600", "Nathalie Goulet", "BuzzFeed News"
    )  # fmt: skip
    facet = readable["facet_results"]["reported_by"]["results"]
    assert [(f["value"], f["count"]) for f in facet] == [("BuzzFeed News", 1)]

    labelled = _get("/claims/claim.json?_shape=objects&_labels=on&id=11", metadata, path)
    [icct] = labelled["rows"]
    assert icct["quantity_id"]["label"] == "European foreign fighters who have returned"
    assert icct["stated_by_id"]["label"] == "International Centre for Counter-Terrorism"


def test_metadata_describes_real_columns(ingested: str, runner: CliRunner) -> None:
    metadata = json.loads(ok(runner, "datasette-metadata"))
    tables = metadata["databases"]["claims"]["tables"]
    for name, table in tables.items():
        if name in Base.metadata.tables:
            columns = set(Base.metadata.tables[name].columns.keys())
            described = set(table.get("columns", {})) | set(table.get("facets", []))
            assert described <= columns, name
            if "label_column" in table:
                assert table["label_column"] in columns


def test_datasette_reads_sqlite_only(runner: CliRunner, tmp_path: Any) -> None:
    result = runner.invoke(
        app, ["datasette-metadata", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none"]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
