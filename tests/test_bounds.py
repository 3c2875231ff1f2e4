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


def test_the_database_calls_agreeing_only_quantities_whose_figures_all_meet(
    tmp_path: Path,
) -> None:
    """`conflicts` leaves to the database the quantities it can tell agree from their bounds
    (in floating point, with a margin); whatever it leaves to Python is decided exactly.
    Figures that touch, or miss by a hair, or are huge, tiny, negative or open-ended, are
    never called agreeing when exact arithmetic says they disagree."""
    import random
    from decimal import Decimal

    from sqlalchemy import select

    from provenance.conflicts import Hedge, bounds_of, may_disagree
    from provenance.models import QuantityBounds

    rng = random.Random(8)
    about, exact = Hedge.APPROXIMATELY, Hedge.EXACT
    tenth = Decimal("0.1")
    cases = [
        [(Decimal(100), Decimal(100), exact)] * 2,  # the same exact figure: they touch
        [(Decimal(101), Decimal(101), exact), (Decimal(100), Decimal(100), exact)],
        [(Decimal(100), Decimal(100), about), (Decimal(110), Decimal(110), exact)],  # touch
        [(Decimal(100), Decimal(100), about), (Decimal("110.0000000001"), None, Hedge.AT_LEAST)],
        [(Decimal("1000000000.000001"),) * 2 + (exact,), (Decimal(10**9),) * 2 + (exact,)],
        [(Decimal(-5), Decimal(-5), exact), (Decimal(-7), Decimal(-3), Hedge.RANGE)],
        [(Decimal(0), Decimal(0), exact), (Decimal(0), Decimal(0), about)],
        [(Decimal(10**20), Decimal(10**20), about), (Decimal(11 * 10**19), None, Hedge.MORE_THAN)],
        [(None, Decimal(5), Hedge.AT_MOST), (Decimal(4), None, Hedge.AT_LEAST)],
    ]
    for _ in range(400):  # figures near one value, some of them just touching once widened
        value = Decimal(rng.randint(1, 10**6)) / Decimal(10 ** rng.randint(0, 4))
        figures = []
        for _ in range(rng.randint(2, 5)):
            hedge = rng.choice((exact, about))
            shifted = rng.choice((value, value * (1 + tenth) / (1 - tenth), value * (1 + tenth),
                                  value + Decimal("0.0001"), -value))  # fmt: skip
            figures.append((shifted, shifted, hedge))
        cases.append(figures)
    path = tmp_path / "edges.db"
    generate(path, 10 * len(cases), disagreeing=0)
    url = f"sqlite:///{path}"
    with db.session_scope(url) as session:
        for quantity_id, figures in enumerate(cases, start=1):
            bounds = bounds_of(figures)
            row = session.get(QuantityBounds, quantity_id)
            assert row is not None
            row.figures, row.low_max, row.high_min = 2, bounds.low_max, bounds.high_min
            row.low_max_widened, row.high_min_widened = (
                bounds.low_max_widened,
                bounds.high_min_widened,
            )
        session.flush()
        sure = set(
            session.scalars(
                select(QuantityBounds.quantity_id).where(compare._surely_agree(DEFAULT_TOLERANCE))
            )
        )
        disagree = {
            quantity_id
            for quantity_id, figures in enumerate(cases, start=1)
            if may_disagree(bounds_of(figures), DEFAULT_TOLERANCE)
        }
        session.rollback()
    assert not sure & disagree
    assert {1, 6, 9} <= sure  # and it does tell most that agree (7 and 8 touch: Python)
    assert {2, 5} <= disagree
    assert len(sure) > (len(cases) - len(disagree)) // 3


def test_the_worst_quantities_are_read_through_the_index_of_those_that_disagree(
    tmp_path: Path,
) -> None:
    """A later `conflicts` reads the few worst contradictions in order from a partial index,
    not by sorting every quantity; SQLite uses it only if the query states its condition."""
    from sqlalchemy import event

    path = tmp_path / "ranked.db"
    generate(path, 2_000, disagreeing=0.3)
    url = f"sqlite:///{path}"
    _ranking(url, stored=True)  # fills the standings
    with db.session_scope(url) as session:
        statements: list[tuple[str, object]] = []

        def keep(
            _conn: object, _cursor: object, statement: str, parameters: object, *_: object
        ) -> None:
            statements.append((statement, parameters))

        engine = session.get_bind()
        event.listen(engine, "before_cursor_execute", keep)
        try:
            entries, counts = compare._stored_ranking(session, None, 5) or ([], {})
        finally:
            event.remove(engine, "before_cursor_execute", keep)
        assert len(entries) == 5  # shown
        assert len(counts) == 3  # every standing counted
        ranked = [(s, p) for s, p in statements if "ORDER BY" in s and "LIMIT" in s]
        assert ranked
        plans = [
            " ".join(
                str(row[-1])
                for row in session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {s}", p)
            )  # type: ignore[arg-type]
            for s, p in ranked
        ]
    assert "USING INDEX ix_quantity_bounds_standing" in plans[0], plans
