"""Engines, sessions and migrations: the one place that opens databases.

SQLite-only settings (foreign keys, WAL, busy timeout) are applied here and only when the
dialect is SQLite. Every session is opened through :func:`session_scope`, which first checks
that the schema is at the revision this version of the tool expects and otherwise raises a
:class:`~provenance.errors.DatabaseError` naming the command to run.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import IntegrityError, OperationalError, SAWarning
from sqlalchemy.orm import Session

from provenance.config import display_url
from provenance.derived import Sessions
from provenance.errors import DatabaseError
from provenance.models import Base

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic loads only to migrate or to explain a database that is not at HEAD_REVISION: every
# other command checks the revision with one query (a test keeps HEAD_REVISION the newest).
HEAD_REVISION = "0013"
SQLITE_BUSY_TIMEOUT_MS = 30_000
# A writer waits this long for the write lock quietly, then says it is waiting and waits on.
SQLITE_WAIT_NOTICE_MS = 2_000
SQLITE_WRITE_WAIT_MS = 300_000
_log = logging.getLogger(__name__)
_T = TypeVar("_T")


def migrations_path() -> Path:
    """Where the Alembic scripts are: inside the installed package, or the source checkout."""
    packaged = Path(str(resources.files("provenance"))) / "_migrations"
    if (packaged / "env.py").is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "migrations"


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # transactions begin in _begin_sqlite, not pysqlite
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # A sort too big for memory (a full listing's ORDER BY) is merged by helper threads too.
    cursor.execute(f"PRAGMA threads={min(4, os.cpu_count() or 1)}")
    cursor.close()


def _begin_sqlite(connection: Connection) -> None:
    """A writing transaction takes SQLite's write lock as it begins (BEGIN IMMEDIATE): a
    second writer then waits its turn rather than failing with "database is locked" when it
    turns from reading to writing, and it reads what the others committed before it writes,
    so two processes cannot both create one speaker. A writer that has waited
    :data:`SQLITE_WAIT_NOTICE_MS` says so (a warning on the ``provenance.db`` logger, which
    prints on stderr unless logging is set up otherwise) and waits on, up to
    :data:`SQLITE_WRITE_WAIT_MS`. Read-only sessions begin a plain deferred transaction: in
    WAL mode they read a snapshot and neither wait for writers nor keep them waiting."""
    if not connection.get_execution_options().get(WRITE_OPTION, False):
        connection.exec_driver_sql("BEGIN")
        return
    driver: Any = connection.connection.driver_connection
    driver.execute(f"PRAGMA busy_timeout={SQLITE_WAIT_NOTICE_MS}")
    try:
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except OperationalError as exc:
            if "locked" not in str(exc.orig) and "busy" not in str(exc.orig):
                raise
            _log.warning(
                "Waiting for the database: another command is writing to it (up to %d s)",
                SQLITE_WRITE_WAIT_MS // 1000,
            )
            driver.execute(f"PRAGMA busy_timeout={SQLITE_WRITE_WAIT_MS}")
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        # Ctrl-C during BEGIN closes the connection: the interrupt, not this, is what to report
        with contextlib.suppress(sqlite3.ProgrammingError):
            driver.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")


WRITE_OPTION = "provenance_write"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite engines get their pragmas on every new connection."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "begin", _begin_sqlite)
    return engine


def alembic_config(url: str) -> Config:
    """An Alembic configuration for ``url`` that needs no ``alembic.ini``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_path()))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    if head is None:  # pragma: no cover - the package always ships its migrations
        raise DatabaseError("no migrations found in the installed package")
    return head


def sqlite_name(url: str) -> str | None:
    """The name Datasette gives a SQLite database file (its stem); None for other databases."""
    path = _sqlite_file(url)
    return path.stem if path is not None else None


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(str(parsed.database))


@contextlib.contextmanager
def _connect(url: str, *, create: bool = False) -> Iterator[Engine]:
    """Yield an engine whose database answers, translating driver errors into one line."""
    path = _sqlite_file(url)
    if path is not None and not create and not path.exists():
        raise DatabaseError(
            f"no database at {display_url(url)}: run `provenance init` to create it"
        )
    if path is not None and create and not path.parent.is_dir():
        raise DatabaseError(f"cannot create {path}: no folder {path.parent}")
    try:
        engine = make_engine(url)
    except ModuleNotFoundError as exc:  # the URL's driver is not installed
        raise DatabaseError(
            f"cannot open database {display_url(url)}: its driver {exc.name!r} is not "
            f"installed (for PostgreSQL: pip install 'psycopg[binary]')"
        ) from None
    try:
        try:
            with engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except SADatabaseError as exc:
            reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
            raise DatabaseError(f"cannot open database {display_url(url)}: {reason}") from exc
        yield engine
    finally:
        engine.dispose()


def current_revision(engine: Engine) -> str | None:
    from alembic.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@dataclass(frozen=True, slots=True)
class SchemaState:
    url: str
    current: str | None
    head: str

    @property
    def is_current(self) -> bool:
        return self.current == self.head


def _at_head(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            found = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    except SADatabaseError:
        return False  # no such table, or not a database: the full check says which
    return [row[0] for row in found] == [HEAD_REVISION]


def _require_current(engine: Engine, url: str) -> None:
    if _at_head(engine):
        return

    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    where = display_url(url)
    if current is None:
        if set(inspect(engine).get_table_names()) - {"alembic_version"}:
            raise DatabaseError(
                f"{where} is not a provenance database (it has tables but no revision)"
            )
        raise DatabaseError(f"{where} has no provenance tables: run `provenance init`")
    _refuse_newer(url, current)
    raise DatabaseError(
        f"{where} is at revision {current}, behind {head}: run `provenance db upgrade`"
    )


def _refuse_newer(url: str, current: str) -> None:
    """A revision this version does not know was written by a newer one: say so, in a line."""
    from alembic.script import ScriptDirectory

    known = {
        rev.revision for rev in ScriptDirectory.from_config(alembic_config(url)).walk_revisions()
    }
    if current not in known:
        raise DatabaseError(
            f"{display_url(url)} was written by a newer version of provenance (revision "
            f"{current}); upgrade the tool before using it"
        )


class Database:
    """An open, up-to-date database: each :meth:`transaction` is one session, committed on
    success and rolled back on any error. A command that writes many transactions (`ingest`:
    one per article) opens the database once, keeping its connection and compiled
    statements, rather than once per transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        with Sessions(bind=self.engine) as session, session.begin():
            yield session

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Session]:
        """A transaction whose every statement sees the database as it was when the first
        began, for a command that reads in several queries while others write: a proposal a
        writer deletes between two of them is then not half seen. SQLite's read transactions
        are snapshots already (WAL); PostgreSQL's are at REPEATABLE READ."""
        engine = self.engine
        if engine.dialect.name != "sqlite":
            engine = engine.execution_options(isolation_level="REPEATABLE READ")
        with Sessions(bind=engine) as session, session.begin():
            yield session

    def run(self, work: Callable[[Session], _T], *, attempts: int = 4) -> _T:
        """``work`` in a transaction of its own, run again from the start when it lost a race
        with another writer: on PostgreSQL two transactions may both find no speaker "Jane
        Doe" and both create one (the second fails the unique name), or deadlock; the retry
        sees what the other committed. (SQLite writers take the lock as they begin, so they
        never race.) ``work`` must do nothing outside the session."""
        for attempt in range(1, attempts + 1):
            try:
                with self.transaction() as session:
                    return work(session)
            except (IntegrityError, OperationalError) as exc:
                if attempt == attempts or not _lost_race(exc):
                    raise
        raise AssertionError("unreachable")  # pragma: no cover


# SQLSTATEs of a transaction that lost to a concurrent one: a unique key another transaction
# just took; a foreign key another one just made stale (a proposal found empty and deleted
# while an `ingest` committed a claim linked to it; a CI drill caught it); a serialization
# failure; a deadlock.
_RACE_STATES = frozenset({"23505", "23503", "40001", "40P01"})


def _lost_race(exc: Exception) -> bool:
    state = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return state in _RACE_STATES


@contextlib.contextmanager
def open_database(url: str, *, write: bool = True) -> Iterator[Database]:
    """Open the database at ``url`` after checking that its schema is current. ``write=False``
    for commands that only read (on SQLite they then take no write lock)."""
    with _connect(url) as engine:
        _require_current(engine, url)
        yield Database(engine.execution_options(**{WRITE_OPTION: write}))


@contextlib.contextmanager
def session_scope(url: str, *, write: bool = True) -> Iterator[Session]:
    """One transaction on an up-to-date database: committed on success, rolled back on any
    error. ``write=False`` for commands that only read."""
    with open_database(url, write=write) as database, database.transaction() as session:
        yield session


def schema_state(url: str) -> SchemaState:
    with _connect(url) as engine:
        return SchemaState(url=url, current=current_revision(engine), head=head_revision())


def upgrade(url: str, revision: str = "head") -> SchemaState:
    """Create or upgrade the database to ``revision``; return the state before the upgrade.
    A database holding tables of its own but none of this tool's schema history is someone
    else's: it is refused, never filled with this tool's tables."""
    with _connect(url, create=True) as engine:
        before = SchemaState(url=url, current=current_revision(engine), head=head_revision())
        if before.current is not None:
            _refuse_newer(url, before.current)
        if before.current is None:
            others = sorted(
                name
                for name in inspect(engine).get_table_names()
                if name != "alembic_version" and not name.startswith("sqlite_")
            )
            if others:
                raise DatabaseError(
                    f"{display_url(url)} already holds tables of another application "
                    f"({', '.join(others[:3])}{', ...' if len(others) > 3 else ''}): "
                    "give a new file or an empty database"
                )
        _run_alembic(engine, url, lambda command, config: command.upgrade(config, revision))
    return before


def downgrade(url: str, revision: str) -> None:
    with _connect(url) as engine:
        _run_alembic(engine, url, lambda command, config: command.downgrade(config, revision))


@contextlib.contextmanager
def migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction for migrations. On SQLite, foreign keys are off while
    batch mode rebuilds tables (it drops and recreates referenced tables), and checked
    before the transaction commits: a violation rolls everything back."""
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as connection:
        driver: Any = connection.connection.driver_connection
        if sqlite:  # set on the driver's connection, outside any transaction, to take effect
            driver.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                yield connection
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        table, row = broken[0][0], broken[0][1]
                        raise DatabaseError(
                            f"migration would break a reference: {table} row {row}; "
                            "nothing was changed"
                        )
        finally:
            if sqlite:
                driver.execute("PRAGMA foreign_keys=ON")


def _run_alembic(engine: Engine, url: str, action: Any) -> None:
    from alembic import command

    config = alembic_config(url)
    try:
        with migration_connection(engine) as connection:
            config.attributes["connection"] = connection
            action(command, config)
    except OperationalError as exc:
        reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
        raise DatabaseError(f"migration failed on {display_url(url)}: {reason}") from exc


def schema_differences(url: str) -> list[str]:
    """Differences between the models and the live schema (empty when they match)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with _connect(url) as engine, engine.connect() as connection, unreflected_indexes_quiet():
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_object}
        )
        return [str(diff) for diff in compare_metadata(context, Base.metadata)]


@contextlib.contextmanager
def unreflected_indexes_quiet() -> Iterator[None]:
    """SQLAlchemy cannot reflect SQLite's expression indexes (0007's ``lower(name)``) and warns
    as it skips them; comparing the schema leaves them out anyway (:func:`include_object`)."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", "Skipped unsupported reflection of expression-based index", SAWarning
        )
        yield


SEARCH_TABLE = "claim_search"  # SQLite's FTS5 index of claim.search_text, made by migration 0002
SEARCH_INDEX = "ix_claim_search_text"  # PostgreSQL's GIN index of it, made by the same
# Indexes of lower(name) and the like, made by migration 0007 for lookups that ignore case.
NAME_INDEXES = frozenset({"ix_agent_name_lower", "ix_agent_alias_alias_lower",
                          "ix_topic_name_lower", "ix_quantity_key_lower",
                          "ix_quantity_label_lower"})  # fmt: skip


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """What Alembic compares: not SQLite's own tables, nor the full-text index (SQLite's FTS5
    table and its shadow tables, PostgreSQL's GIN expression index), nor the indexes of
    ``lower(name)`` (0007), which the models do not describe (Alembic must never drop them)."""
    if name is None:
        return True
    if type_ == "index":
        return name != SEARCH_INDEX and name not in NAME_INDEXES
    if type_ != "table":
        return True
    return not (name.startswith("sqlite_") or name.startswith(SEARCH_TABLE))
