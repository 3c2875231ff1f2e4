"""Helpers the CLI tests share (fixtures live in conftest.py)."""

from __future__ import annotations

import hashlib
import sqlite3
from typing import Any

from sqlalchemy import create_engine, select, text
from typer.testing import CliRunner

from provenance.cli import app
from provenance.models import Base


def ok(runner: CliRunner, *args: str) -> str:
    """Run a command that must succeed; its standard output."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    """Rows of one SQL statement (committed), on SQLite or a server alike."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            result = connection.execute(text(sql))
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        engine.dispose()


def snapshot(url: str) -> str:
    """A digest of what the database holds: SQLite's whole dump (schema and rows), or on a
    server every table's rows in key order."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            dump = "\n".join(connection.iterdump())
        return hashlib.sha256(dump.encode()).hexdigest()
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            rows = [
                (table.name, [tuple(r) for r in connection.execute(
                    select(table).order_by(*table.primary_key.columns))])
                for table in Base.metadata.sorted_tables
            ]  # fmt: skip
    finally:
        engine.dispose()
    return hashlib.sha256(repr(rows).encode()).hexdigest()
