"""A lossless backup: every row of the selected claims and of what they point at, as JSON,
and its restore into an empty database with the same ids, values and timestamps.

The backup holds each table's columns and rows (``{"provenance_backup": 1, "schema": ...,
"tables": {name: {"columns": [...], "rows": [[...], ...]}}}``). Decimals are JSON numbers
written from their exact text, dates and times ISO strings, enums their stored values.
Derived tables (the per-quantity bounds, the search index) are not written: the restore
recomputes them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from sqlalchemy import Column, Numeric, Table, func, select, text
from sqlalchemy import Enum as SAEnum
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.types import Boolean, Date, DateTime, Float, Integer

from provenance.derived import refresh_bounds
from provenance.errors import ImportFileError
from provenance.models import Base, ExactDecimal

BACKUP_VERSION = 1
DERIVED = frozenset({"quantity_bounds"})
CHUNK = 5_000


def backup_tables() -> list[Table]:
    """The tables a backup holds, parents before children."""
    return [table for table in Base.metadata.sorted_tables if table.name not in DERIVED]


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _rows(session: Session, table: Table, where: Any = None) -> list[tuple[Any, ...]]:
    statement = select(table).order_by(*table.primary_key.columns)
    if where is not None:
        statement = statement.where(where)
    return [tuple(row) for row in session.execute(statement)]


def _in(column: Column[Any], ids: Collection[int]) -> Iterable[Any]:
    ordered = sorted(ids)
    for i in range(0, len(ordered), CHUNK):
        yield column.in_(ordered[i : i + CHUNK])


def _select_rows(session: Session, table: Table, column: str, ids: Collection[int]) -> list[Any]:
    rows: list[Any] = []
    for condition in _in(table.c[column], ids):
        rows += _rows(session, table, condition)
    return sorted(rows, key=lambda row: tuple(row[: len(table.primary_key.columns)]))


def dump(session: Session, claim_ids: Collection[int] | None = None) -> dict[str, Any]:
    """Every backed-up table in full (``claim_ids`` is ``None``), or the selected claims and
    what they need: their quantities (with terms, topics and the relations among them),
    documents, primary sources, speakers, outlets, aliases, topics and decisions."""
    from provenance.db import HEAD_REVISION  # db imports store's models

    tables: dict[str, list[Any]] = {}
    if claim_ids is None:
        tables = {table.name: _rows(session, table) for table in backup_tables()}
    else:
        tables = _closure(session, set(claim_ids))
    return {
        "provenance_backup": BACKUP_VERSION,
        "schema": HEAD_REVISION,
        "tables": {
            table.name: {
                "columns": [column.name for column in table.columns],
                "rows": [[_encode(value) for value in row] for row in tables.get(table.name, [])],
            }
            for table in backup_tables()
        },
    }


def _closure(session: Session, claims: set[int]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    claim = _table("claim")
    found["claim"] = _select_rows(session, claim, "id", claims)
    c = {name: i for i, name in enumerate(claim.c.keys())}
    quantities = {r[c["quantity_id"]] for r in found["claim"]} - {None}
    documents = {r[c[k]] for r in found["claim"] for k in ("document_id", "primary_source_id")}
    documents -= {None}
    agents = {r[c["stated_by_id"]] for r in found["claim"]} - {None}
    found["document"] = _select_rows(session, _table("document"), "id", documents)
    found["document_version"] = _select_rows(
        session, _table("document_version"), "document_id", documents
    )
    outlet = list(_table("document").c.keys()).index("outlet_id")
    agents |= {r[outlet] for r in found["document"]} - {None}
    found["agent"] = _select_rows(session, _table("agent"), "id", agents)
    found["agent_alias"] = _select_rows(session, _table("agent_alias"), "agent_id", agents)
    found["quantity"] = _select_rows(session, _table("quantity"), "id", quantities)
    variant = list(_table("quantity").c.keys()).index("variant_of_id")
    restated = {r[variant] for r in found["quantity"]} - {None} - quantities
    if restated:  # a variant's quantity comes along, so the reference holds
        quantities |= restated
        found["quantity"] = _select_rows(session, _table("quantity"), "id", quantities)
    found["quantity_term"] = _select_rows(
        session, _table("quantity_term"), "quantity_id", quantities
    )
    found["quantity_relation"] = [
        row
        for row in _select_rows(session, _table("quantity_relation"), "target_id", quantities)
        if all(q is None or q in quantities for q in row[2:5])
    ]
    links = {"claim_topic": ("claim_id", claims), "document_topic": ("document_id", documents),
             "quantity_topic": ("quantity_id", quantities)}  # fmt: skip
    topics: set[int] = set()
    for name, (column, ids) in links.items():
        found[name] = _select_rows(session, _table(name), column, ids)
        topics |= {row[1] for row in found[name]}
    found["topic"] = _select_rows(session, _table("topic"), "id", topics)
    found["document_citation"] = [
        row
        for row in _select_rows(session, _table("document_citation"), "citing_id", documents)
        if row[1] in documents
    ]
    found["conflict_decision"] = [
        row
        for row in _select_rows(session, _table("conflict_decision"), "lower_claim_id", claims)
        if row[2] in claims
    ]
    return found


def _encode(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value  # Decimals are written exactly by the output layer's JSON encoder


def _decode(column: Column[Any], value: Any) -> Any:
    """A JSON value back into what the column takes; ValueError says why not."""
    if value is None:
        if not column.nullable:
            raise ValueError("must not be empty")
        return None
    kind = column.type
    if isinstance(kind, SAEnum) and kind.enum_class is not None:
        return kind.enum_class(value)
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {value!r}")
        return value
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected a whole number, got {value!r}")
        return value
    if isinstance(kind, Float):
        return float(value)
    if isinstance(kind, Numeric | ExactDecimal):
        try:
            return Decimal(str(value))
        except InvalidOperation:
            raise ValueError(f"expected a number, got {value!r}") from None
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {value!r}")
    return value


def _is_empty(session: Session) -> bool:
    return all(
        session.execute(select(func.count()).select_from(table)).scalar_one() == 0
        for table in backup_tables()
    )


def restore(session: Session, backup: Mapping[str, Any], where: str) -> dict[str, int]:
    """Insert a backup's rows into an empty database, keeping every id; rows per table.
    Errors name ``where`` (the file), the table, the row and the column."""
    if backup.get("provenance_backup") != BACKUP_VERSION:
        raise ImportFileError(f"{where}: not a provenance backup of version {BACKUP_VERSION}")
    tables = backup.get("tables")
    if not isinstance(tables, dict):
        raise ImportFileError(f"{where}: 'tables' must be an object")
    known = {table.name: table for table in backup_tables()}
    unknown = sorted(set(tables) - set(known))
    if unknown:
        raise ImportFileError(f"{where}: unknown table {unknown[0]!r}")
    if not _is_empty(session):
        raise ImportFileError(
            f"{where}: a backup is restored only into an empty database "
            "(`provenance init --db NEW.db`, then import it there)"
        )
    counts: dict[str, int] = {}
    for name, table in known.items():
        content = tables.get(name) or {"columns": [], "rows": []}
        rows = _decoded(table, content, f"{where}: table {name}")
        for i in range(0, len(rows), CHUNK):
            try:
                with session.begin_nested():
                    session.execute(table.insert(), rows[i : i + CHUNK])
            except IntegrityError as exc:  # a reference to a missing row, a name used twice
                reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
                raise ImportFileError(
                    f"{where}: table {name}, rows {i + 1}-{i + len(rows[i : i + CHUNK])}: {reason}"
                ) from None
        counts[name] = len(rows)
    _reset_sequences(session)
    refresh_bounds(session)
    return counts


def _decoded(table: Table, content: Any, where: str) -> list[dict[str, Any]]:
    if not isinstance(content, dict) or not isinstance(content.get("rows"), list):
        raise ImportFileError(f"{where}: expected an object with 'columns' and 'rows'")
    if not content["rows"]:  # also a table the backup's version did not have
        return []
    given = _columns(table, content.get("columns"), where)
    decoded = []
    keys = [column.name for column in table.primary_key.columns]
    seen: dict[tuple[Any, ...], int] = {}
    for n, row in enumerate(content["rows"], start=1):
        if not isinstance(row, list) or len(row) != len(given):
            raise ImportFileError(f"{where}, row {n}: expected {len(given)} values")
        values = {}
        for column, value in zip(given, row, strict=True):
            try:
                values[column.name] = _decode(column, value)
            except (ValueError, TypeError) as exc:
                raise ImportFileError(f"{where}, row {n}, column {column.name}: {exc}") from None
        key = tuple(values[name] for name in keys)
        if key in seen:
            shown = ", ".join(f"{name} {value}" for name, value in zip(keys, key, strict=True))
            raise ImportFileError(f"{where}, row {n}: {shown} is also row {seen[key]}")
        seen[key] = n
        decoded.append(values)
    return decoded


def _columns(table: Table, written: Any, where: str) -> list[Column[Any]]:
    """The columns a backup's table gives, in its order. A backup written before a column
    was added lacks it: the column takes its default (or stays empty), as the migration that
    added it gave existing rows; a column this version does not have is refused."""
    if not isinstance(written, list) or not all(isinstance(name, str) for name in written):
        raise ImportFileError(f"{where}: 'columns' must be a list of names")
    unknown = [name for name in written if name not in table.c]
    if unknown or len(set(written)) != len(written):
        raise ImportFileError(
            f"{where}: columns {written!r} are not this version's "
            f"{[column.name for column in table.columns]!r}"
        )
    for column in table.columns:
        if column.name not in written and not (
            column.nullable or column.server_default is not None or column.default is not None
        ):
            raise ImportFileError(f"{where}: column {column.name!r} is missing")
    return [table.c[name] for name in written]


def _reset_sequences(session: Session) -> None:
    """On PostgreSQL, ids inserted as given leave the id sequences behind: move them on."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in backup_tables():
        if "id" in table.c and table.c.id.primary_key:
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )


def table_rows(session: Session) -> dict[str, Sequence[tuple[Any, ...]]]:
    """Every backed-up table's rows in key order: two databases with equal results hold the
    same data."""
    return {table.name: _rows(session, table) for table in backup_tables()}
