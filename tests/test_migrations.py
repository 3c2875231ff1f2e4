"""Models equal migrations; upgrade and downgrade keep data; a behind database is named."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from typer.testing import CliRunner

from provenance import db
from provenance.cli import app
from provenance.derived import bounds_differences
from tests.conftest import CATALOGUE
from tests.support import query

ROOT = Path(__file__).resolve().parent.parent


def _revisions() -> list[str]:
    """Every revision, oldest first."""
    script = ScriptDirectory.from_config(db.alembic_config("sqlite://"))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def test_single_head() -> None:
    script = ScriptDirectory.from_config(db.alembic_config("sqlite://"))
    assert script.get_heads() == [db.head_revision()]
    assert db.head_revision() == db.HEAD_REVISION  # the one-query check of every command


def test_every_step_upgrades_and_downgrades(tmp_path: Path) -> None:
    """Up one revision at a time to head, down one at a time to base, and up again."""
    url = f"sqlite:///{tmp_path / 'steps.db'}"
    revisions = _revisions()
    for revision in revisions:
        db.upgrade(url, revision)
        assert db.schema_state(url).current == revision
    assert db.schema_differences(url) == []
    for previous in [*reversed(revisions[:-1]), "base"]:
        db.downgrade(url, previous)
        assert db.schema_state(url).current == (None if previous == "base" else previous)
    db.upgrade(url)
    assert db.schema_differences(url) == []


def test_migration_files_are_named_without_colons() -> None:
    names = [path.name for path in (ROOT / "migrations" / "versions").glob("*.py")]
    assert names
    assert all(":" not in name and name[:4].isdigit() for name in names)


def test_alembic_check_is_clean_from_the_checkout(tmp_path: Path) -> None:
    """`alembic check` with the project's own alembic.ini reports no differences."""
    url = f"sqlite:///{tmp_path / 'check.db'}"
    db.upgrade(url)
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", url)
    command.check(config)


def test_db_check_command(db_url: str, runner: CliRunner) -> None:
    result = runner.invoke(app, ["db", "check"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(f"is at {db.head_revision()} and matches the models\n")


def test_base_head_round_trip_keeps_claims_through_a_listing(
    seeded: str, runner: CliRunner, tmp_path: Path
) -> None:
    """Downgrade to base (which drops every table: the first migration created them all),
    upgrade again, import the CSV listing taken before: the same claims come back."""
    listing = runner.invoke(app, ["claims", "--format", "csv"]).stdout
    assert listing.count("\n") == 21
    saved = tmp_path / "saved.csv"
    saved.write_text(listing, encoding="utf-8")
    db.downgrade(seeded, "base")
    engine = create_engine(seeded)
    try:
        assert inspect(engine).get_table_names() == ["alembic_version"]
    finally:
        engine.dispose()
    behind = runner.invoke(app, ["claims"])
    assert behind.exit_code == 1
    assert behind.stderr.endswith("has no provenance tables: run `provenance init`\n")
    db.upgrade(seeded)
    assert runner.invoke(app, ["import", str(saved)]).exit_code == 0
    assert runner.invoke(app, ["claims", "--format", "csv"]).stdout == listing


def test_a_database_from_a_newer_version_is_refused(db_url: str, runner: CliRunner) -> None:
    query(db_url, "UPDATE alembic_version SET version_num = 'old'")
    for words in (["claims"], ["init"], ["db", "upgrade"]):
        result = runner.invoke(app, words)
        assert result.exit_code == 1, words
        assert "was written by a newer version of provenance (revision old)" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr  # no traceback


def test_init_in_an_empty_folder_from_the_built_wheel(tmp_path: Path) -> None:
    """A non-editable install carries its migrations: build the wheel, run `init` from it."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(ROOT)],
        check=True, capture_output=True,
    )  # fmt: skip
    [wheel] = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "site")
    assert "provenance/_migrations/env.py" in names
    assert any(n.startswith("provenance/_migrations/versions/") for n in names)
    empty = tmp_path / "empty"
    empty.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", "import provenance.cli, sys; print(provenance.cli.__file__); "
         "sys.argv = ['provenance', 'init']; provenance.cli.main()"],
        cwd=empty, env={"PYTHONPATH": str(tmp_path / "site"), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(str(tmp_path / "site"))
    assert result.stdout.endswith(f"Created provenance.db (schema {db.head_revision()})\n")
    assert (empty / "provenance.db").is_file()


def test_data_and_decisions_survive_0002_down_and_up(seeded: str, runner: CliRunner) -> None:
    """Downgrade to 0001 and upgrade again with data in the database: every row of the tables
    both revisions have is kept (the catalogue's terms, new in 0002, are not), and
    the links people gave come back as their decisions, which automatic linking leaves alone."""

    def counts() -> dict[str, int]:
        return {
            table: query(seeded, f"SELECT count(*) FROM {table}")[0][0]
            for table in ("claim", "quantity", "document", "agent", "agent_alias", "topic",
                          "quantity_topic", "document_citation")
        }  # fmt: skip

    before = counts()
    listing = runner.invoke(app, ["claims", "--format", "csv"]).stdout
    db.downgrade(seeded, "0001")
    assert counts() == before
    db.upgrade(seeded)
    assert counts() == before
    assert runner.invoke(app, ["claims", "--format", "csv"]).stdout == listing
    assert runner.invoke(app, ["link", "--auto"]).stdout.startswith(
        "Linked 0 claims, 0 left unlinked, 20 decided by a person"
    )
    found = runner.invoke(app, ["claims", "--search", "Goulet", "--format", "json"]).stdout
    assert '"figure": "between 400 and 600"' in found


def test_0005_fills_the_bounds_of_existing_claims(seeded: str, runner: CliRunner) -> None:
    """Upgrading a database full of claims to 0005 works out every quantity's bounds, and
    `conflicts` then gives what it gave before."""
    report = runner.invoke(app, ["conflicts", "--format", "json"]).stdout
    db.downgrade(seeded, "0004")
    db.upgrade(seeded)
    with db.session_scope(seeded) as session:
        assert bounds_differences(session) == []
        filled = session.execute(text("SELECT count(*) FROM quantity_bounds")).scalar_one()
    assert filled == 16  # the quantities of the seed data, each with a figure
    # Going below 0008 forgets the quantities' places, which the catalogue gives back.
    assert runner.invoke(app, ["quantities", "load", str(CATALOGUE)]).exit_code == 0
    assert runner.invoke(app, ["conflicts", "--format", "json"]).stdout == report
