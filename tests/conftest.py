"""Shared fixtures: every test gets its own database, set through PROVENANCE_DB."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from provenance import db
from provenance.cli import app
from provenance.config import ENV_VAR

# Property tests (marked fuzz) try 200 examples each in the default run; the long run tries
# 10,000: .venv/bin/python -m pytest -m fuzz --hypothesis-profile=long
settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile("long", max_examples=10_000, deadline=None)
settings.load_profile("default")

ROOT = Path(__file__).resolve().parent.parent
# A database server URL (postgresql+psycopg://user@host:port/postgres) to run every test that
# takes a database on it instead of SQLite; tests/run starts one and runs the suite again.
SERVER = os.environ.get("PROVENANCE_TEST_SERVER")
SEED_DATA = ROOT / "data" / "foreign-fighters.json"
CATALOGUE = ROOT / "data" / "foreign-fighters.toml"


@pytest.fixture(scope="session")
def _migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    db.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches a real database or the working directory's provenance.db."""
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "isolated.db"))
    monkeypatch.delenv("PROVENANCE_DEBUG", raising=False)
    monkeypatch.chdir(tmp_path)


def _server(database: str) -> str:
    """The test server's URL, on another database."""
    assert SERVER is not None
    return make_url(SERVER).set(database=database).render_as_string(hide_password=False)


def _admin(statement: str) -> None:
    engine = create_engine(_server("postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(statement)
    engine.dispose()


@pytest.fixture(scope="session")
def _server_template() -> Iterator[str]:
    """A migrated database on the test server, copied for each test (CREATE ... TEMPLATE)."""
    name = f"provenance_template_{os.getpid()}"
    _admin(f"DROP DATABASE IF EXISTS {name}")
    _admin(f"CREATE DATABASE {name}")
    db.upgrade(_server(name))
    yield name
    _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def db_url(
    tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A fresh, migrated database, also made the default through PROVENANCE_DB: a SQLite file,
    or a database of its own on the server PROVENANCE_TEST_SERVER names."""
    if SERVER is None:
        path = tmp_path / "claims.db"
        shutil.copyfile(request.getfixturevalue("_migrated_template"), path)
        monkeypatch.setenv(ENV_VAR, str(path))
        yield f"sqlite:///{path}"
        return
    template = request.getfixturevalue("_server_template")
    name = f"test_{uuid.uuid4().hex[:12]}"
    _admin(f"CREATE DATABASE {name} TEMPLATE {template}")
    url = _server(name)
    monkeypatch.setenv(ENV_VAR, url)
    yield url
    _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def other_db(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A second fresh, migrated, empty database of the same kind, not made the default."""
    if SERVER is None:
        path = tmp_path / "other.db"
        shutil.copyfile(request.getfixturevalue("_migrated_template"), path)
        yield f"sqlite:///{path}"
        return
    template = request.getfixturevalue("_server_template")
    name = f"test_{uuid.uuid4().hex[:12]}"
    _admin(f"CREATE DATABASE {name} TEMPLATE {template}")
    yield _server(name)
    _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Against a server, tests of SQLite files (paths, FTS5, the sqlite3 module) do not apply:
    they are deselected, and say so in the summary."""
    if SERVER is None:
        return
    kept = [item for item in items if item.get_closest_marker("sqlite_only") is None]
    config.hook.pytest_deselected(items=[i for i in items if i not in kept])
    items[:] = kept


def _built(template: Path | str, *commands: list[str]) -> None:
    """Run these commands (`provenance --db TEMPLATE ...`) on a template database."""
    url = f"sqlite:///{template}" if isinstance(template, Path) else _server(template)
    for args in commands:
        result = CliRunner().invoke(app, ["--db", url, *args])
        assert result.exit_code == 0, result.output


def _template(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, name: str
) -> Path | str:
    """A new template database, a copy of the migrated one: a SQLite file, or a database on
    the server."""
    if SERVER is None:
        path = tmp_path_factory.mktemp(name) / f"{name}.db"
        shutil.copyfile(request.getfixturevalue("_migrated_template"), path)
        return path
    template = f"provenance_{name}_{os.getpid()}"
    _admin(f"DROP DATABASE IF EXISTS {template}")
    _admin(f"CREATE DATABASE {template} TEMPLATE {request.getfixturevalue('_server_template')}")
    return template


def _copied(template: Path | str, url: str) -> str:
    """The test's database (``url``, made by :func:`db_url`) replaced by a copy of a template:
    its content and ids as built, once for the whole run."""
    if isinstance(template, Path):
        with (
            contextlib.closing(sqlite3.connect(template)) as source,
            contextlib.closing(sqlite3.connect(make_url(url).database or "")) as target,
        ):
            source.backup(target)  # the whole database, whatever its journal holds
        return url
    name = make_url(url).database
    _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    _admin(f"CREATE DATABASE {name} TEMPLATE {template}")
    return url


def _dropped(template: Path | str) -> None:
    if isinstance(template, str):
        _admin(f"DROP DATABASE IF EXISTS {template} WITH (FORCE)")


@pytest.fixture(scope="session")
def _seeded_template(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path | str]:
    template = _template(request, tmp_path_factory, "seeded")
    _built(template, ["quantities", "load", str(CATALOGUE)], ["import", str(SEED_DATA)])
    yield template
    _dropped(template)


@pytest.fixture(scope="session")
def _ingested_template(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path | str]:
    template = _template(request, tmp_path_factory, "ingested")
    _built(
        template,
        ["quantities", "load", str(CATALOGUE)],
        ["ingest", str(ROOT / "data" / "articles"), "--topic", "foreign fighters"],
    )
    yield template
    _dropped(template)


@pytest.fixture
def seeded(db_url: str, _seeded_template: Path | str) -> str:
    """A database holding the shipped catalogue and seed figures (built once, copied)."""
    return _copied(_seeded_template, db_url)


@pytest.fixture
def ingested(db_url: str, _ingested_template: Path | str) -> str:
    """A database with the shipped catalogue and the sample articles ingested (built once,
    copied)."""
    return _copied(_ingested_template, db_url)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
