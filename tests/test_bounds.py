"""The per-quantity bounds and standings the database keeps for `conflicts` at scale: they
follow every change to claims, decisions and documents, and ranking from them gives exactly
what comparing every quantity afresh gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from benchmarks.conflicts import generate
from provenance import db
from provenance.cli import app
from provenance.conflicts import DEFAULT_TOLERANCE, DEFAULT_WINDOW_MONTHS, Standing
from provenance.derived import bounds_differences
from provenance.store import compare
from tests.support import ok, query


def _ranking(url: str, *, stored: bool, limit: int | None = None) -> tuple[object, ...]:
    """Quantity keys in order, each with its pairs and verdicts, and the counts."""
    with pytest.MonkeyPatch.context() as patch:
        if not stored:  # as when the database cannot be written: everything compared afresh
            patch.setattr(compare, "_fill_standings", lambda *_: False)
        with db.session_scope(url) as session:
            report = compare.compare_quantities(session, limit=limit)
            shown = [
                (
                    r.quantity.key,
                    [(d.lower, d.upper, d.verdict) for d in r.comparison.disagreements],
                    [(check.kind, check.consistent) for _, check in r.arithmetic],
                )
                for r in report.results
            ]
    counts = (report.compared, report.contradicting, report.explained, report.agreeing)
    return counts, tuple(map(str, shown))


def _check(url: str) -> None:
    """Bounds match the claims; every stored standing is what comparing afresh gives; and so
    ranking from them gives what comparing every quantity afresh gives."""
    with db.session_scope(url) as session:
        assert bounds_differences(session) == []
        stored = {
            key: (Standing(standing), gap)
            for key, standing, gap in session.execute(
                text("SELECT quantity_id, standing, worst_gap FROM quantity_bounds")
            )
            if standing is not None
        }
        rows = compare._bounds_rows(session)
        decisions = compare._decisions(session)
        fresh = compare._standings(
            session, rows, decisions, DEFAULT_TOLERANCE, DEFAULT_WINDOW_MONTHS, False
        )
    assert stored == {e.quantity_id: (e.standing, e.gap) for e in fresh if e.quantity_id in stored}
    assert _ranking(url, stored=True) == _ranking(url, stored=False)


def test_bounds_and_standings_follow_every_change(ingested: str, runner: CliRunner) -> None:
    _check(ingested)
    steps = [
        ("conflicts", "resolve", "4-11", "--as", "explained"),
        ("rank", "11", "deprecated", "--reason", "superseded"),
        ("review", "4", "rejected"),
        ("unlink", "10"),
        ("link", "10", "returned-share"),
        ("add", "about 2,000", "--quantity", "returned-number", "--stated-by", "A Minister"),
        ("quantity", "split", "returned-number", "1", "--label", "Returned, a vague count"),
        ("quantity", "merge", "returned-a-vague-count", "returned-number"),
        ("rank", "11", "normal"),
    ]
    for step in steps:
        ok(runner, *step)
        _check(ingested)


def test_stored_and_fresh_rankings_agree_on_a_generated_database(tmp_path: Path) -> None:
    path = tmp_path / "generated.db"
    generate(path, 3_000, disagreeing=0.3)
    url = f"sqlite:///{path}"
    fresh = _ranking(url, stored=False)
    assert _ranking(url, stored=True) == fresh  # fills the standings
    assert _ranking(url, stored=True) == fresh  # reads them
    counts, shown = _ranking(url, stored=True, limit=7)
    assert counts == fresh[0]
    assert shown == fresh[1][:7]


def test_standings_a_writer_cleared_meanwhile_are_worked_out(ingested: str) -> None:
    """On a server each statement sees the newest commits: a writer may clear standings after
    the reader filled them. The reader then ranks as if afresh, never failing on them."""
    fresh = _ranking(ingested, stored=False)
    with pytest.MonkeyPatch.context() as patch:  # filled, then cleared by "another writer"
        patch.setattr(compare, "_fill_standings", lambda *_: True)
        query(ingested, "UPDATE quantity_bounds SET standing = NULL")
        with db.session_scope(ingested) as session:
            assert compare._stored_ranking(session, None, None) is None
        assert _ranking(ingested, stored=True) == fresh


def test_db_check_finds_and_fixes_bounds_changed_behind_its_back(
    ingested: str, runner: CliRunner
) -> None:
    query(ingested, "UPDATE quantity_bounds SET low_max = 99999 WHERE quantity_id = 2")
    result = runner.invoke(app, ["db", "check"])
    assert result.exit_code == 1
    assert result.stderr.endswith(
        ": the bounds of 1 quantities differ from their claims (first: quantity 2);"
        " run `provenance db check --fix`\n"
    )
    assert ok(runner, "db", "check", "--fix").startswith("Recomputed the bounds of 1 quantities\n")
    ok(runner, "db", "check")


def test_conflicts_limit_counts_the_rest_on_stderr(ingested: str, runner: CliRunner) -> None:
    result = runner.invoke(app, ["conflicts", "--limit", "1", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert {row.split(",")[0] for row in result.stdout.splitlines()[1:]} == {"returned-share"}
    assert result.stderr == (
        "Showing 1 of 4 quantities compared: 0 with a contradiction or inconsistent arithmetic, "
        "3 whose differences are explained, 1 agreeing (--limit 0 shows all)\n"
    )
