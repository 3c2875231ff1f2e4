"""`export --format backup` and its restore by `import`: the same rows, ids and timestamps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from provenance import db
from provenance.cli import app
from provenance.config import display_url
from provenance.store.backup import table_rows
from tests.support import ok, query


def _rows(url: str) -> dict[str, Any]:
    with db.session_scope(url) as session:
        return {name: list(rows) for name, rows in table_rows(session).items()}


def _curate(runner: CliRunner) -> None:
    """Decisions, ranks, reviews, topics and aliases: everything a person adds."""
    ok(runner, "conflicts", "resolve", "4-11", "--as", "explained", "--note", "two years")
    ok(runner, "rank", "1", "deprecated", "--reason", "too vague")
    ok(runner, "review", "11", "accepted")
    ok(runner, "add", "about 1,500", "--quantity", "returned-number", "--stated-by",
       "Europol", "--stated-by-kind", "organisation", "--as-of", "2018", "--topic", "EU",
       "--outlet", "Example Wire", "--date", "2018-02-01")  # fmt: skip


def test_backup_restores_every_row_exactly(
    ingested: str, other_db: str, runner: CliRunner, tmp_path: Path
) -> None:
    _curate(runner)
    backup = tmp_path / "backup.json"
    wrote = runner.invoke(app, ["export", "--format", "backup", "--out", str(backup)])
    assert (wrote.exit_code, wrote.stdout) == (0, "")  # stdout carries only data
    assert wrote.stderr == f"Wrote {backup} (21 claims)\n"
    restored = other_db
    assert ok(runner, "import", str(backup), "--db", restored) == (
        f"Restored 21 claims, 16 quantities, 4 documents and 11 agents from {backup}\n"
    )
    before, after = _rows(ingested), _rows(restored)
    assert before == after
    assert sum(map(len, after.values())) > 100
    for args in (["conflicts", "--all"], ["claims", "--search", "senator"], ["db", "check"]):
        mine = runner.invoke(app, args).stdout
        theirs = runner.invoke(app, [*args, "--db", restored]).stdout
        assert theirs == mine.replace(display_url(ingested), display_url(restored))
    added = ok(runner, "add", "about 90", "--db", restored, "--format", "csv")  # ids go on
    assert added.splitlines()[1].startswith("22,about 90,")


def test_a_selection_restores_with_everything_it_needs(
    ingested: str, other_db: str, runner: CliRunner, tmp_path: Path
) -> None:
    backup = tmp_path / "returned.json"
    ok(runner, "export", "--topic", "returned fighters", "--format", "backup", "--out", str(backup))
    restored = other_db
    ok(runner, "import", str(backup), "--db", restored)
    if restored.startswith("sqlite:///"):  # a server checks every reference as rows go in
        assert query(restored, "PRAGMA foreign_key_check") == []
    listing = ["claims", "--format", "csv"]
    selected = ok(runner, "claims", "--topic", "returned fighters", "--format", "csv")
    assert ok(runner, *listing, "--db", restored) == selected


def _bad(tmp_path: Path, change: Any) -> Path:
    data = json.loads((tmp_path / "backup.json").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _set_low(data: dict[str, Any]) -> None:
    data["tables"]["claim"]["rows"][2][6] = "lots"


def _repeat_claim(data: dict[str, Any]) -> None:
    rows = data["tables"]["claim"]["rows"]
    assert len(rows) == 20
    rows.append(list(rows[0]))


def _drop_column(data: dict[str, Any], table: str, name: str) -> None:
    """A column taken out of a table, as a backup of a version before it was added has it."""
    content = data["tables"][table]
    index = content["columns"].index(name)
    del content["columns"][index]
    for row in content["rows"]:
        del row[index]


def test_a_backup_of_an_earlier_version_restores(
    ingested: str, other_db: str, runner: CliRunner, tmp_path: Path
) -> None:
    """A backup written before document versions (no `document_version` table, no
    `document.version` or `claim.withdrawn_in`) restores, each gap as its migration filled it."""
    ok(runner, "export", "--format", "backup", "--out", str(tmp_path / "backup.json"))

    def before_versions(data: dict[str, Any]) -> None:
        del data["tables"]["document_version"]
        _drop_column(data, "document", "version")
        _drop_column(data, "claim", "withdrawn_in")

    ok(runner, "import", str(_bad(tmp_path, before_versions)), "--db", other_db)
    listing = ["claims", "--format", "csv"]
    assert ok(runner, *listing, "--db", other_db) == ok(runner, *listing)
    assert query(other_db, "SELECT DISTINCT version FROM document") == [(1,)]


def _rename_agent(data: dict[str, Any]) -> None:
    """Two agents of one name: refused by the database's unique constraint."""
    rows = data["tables"]["agent"]["rows"]
    rows[1][1] = rows[0][1]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_set_low, "table claim, row 3, column low: expected a number, got 'lots'"),
        (lambda d: d["tables"].update(votes={"columns": [], "rows": []}), "unknown table 'votes'"),
        (lambda d: d.update(provenance_backup=2), "not a provenance backup of version 1"),
        (lambda d: d["tables"]["agent"]["rows"][0].pop(), "table agent, row 1: expected 4 values"),
        (lambda d: _drop_column(d, "quantity", "key"), "table quantity: column 'key' is missing"),
        (
            lambda d: d["tables"]["quantity"]["columns"].__setitem__(1, "kee"),
            "table quantity: columns",
        ),
        (_repeat_claim, "table claim, row 21: id 1 is also row 1"),
        (_rename_agent, "table agent, rows 1-"),
    ],
)
def test_bad_backups_change_nothing(
    ingested: str, other_db: str, runner: CliRunner, tmp_path: Path, change: Any, message: str
) -> None:
    ok(runner, "export", "--format", "backup", "--out", str(tmp_path / "backup.json"))
    target = other_db
    empty = _rows(target)
    bad = _bad(tmp_path, change)
    result = runner.invoke(app, ["import", str(bad), "--db", target])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}: {message}")
    assert len(result.stderr.splitlines()) == 1
    assert _rows(target) == empty


def test_a_backup_goes_only_into_an_empty_database(
    ingested: str, runner: CliRunner, tmp_path: Path
) -> None:
    backup = tmp_path / "backup.json"
    ok(runner, "export", "--format", "backup", "--out", str(backup))
    before = _rows(ingested)
    result = runner.invoke(app, ["import", str(backup)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {backup}: a backup is restored only into an empty database "
        "(`provenance init --db NEW.db`, then import it there)\n"
    )
    assert _rows(ingested) == before
