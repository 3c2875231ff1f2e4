"""Shared fixtures: every test gets its own database, set through PROVENANCE_DB."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from provenance import db
from provenance.cli import app
from provenance.config import ENV_VAR
from tests.support import ok

ROOT = Path(__file__).resolve().parent.parent
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


@pytest.fixture
def db_url(tmp_path: Path, _migrated_template: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh, migrated SQLite database, also made the default through PROVENANCE_DB."""
    path = tmp_path / "claims.db"
    shutil.copyfile(_migrated_template, path)
    monkeypatch.setenv(ENV_VAR, str(path))
    return f"sqlite:///{path}"


@pytest.fixture
def seeded(db_url: str) -> str:
    """A database holding the shipped catalogue and seed figures."""
    for args in (["quantities", "load", str(CATALOGUE)], ["import", str(SEED_DATA)]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    return db_url


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def ingested(db_url: str, runner: CliRunner) -> str:
    """A database with the shipped catalogue and the sample articles ingested."""
    ok(runner, "quantities", "load", str(CATALOGUE))
    ok(runner, "ingest", str(ROOT / "data" / "articles"), "--topic", "foreign fighters")
    return db_url
