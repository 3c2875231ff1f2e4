"""Listings: a default limit counted in SQL and said on stderr, `--limit 0` streams every row,
and they read their rows in a fixed number of queries, however many rows there are."""

from __future__ import annotations

import csv
import gc
import io
import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select
from typer.testing import CliRunner

from provenance import Archive, db, store, views
from provenance.cli import LISTED, app
from provenance.errors import ProvenanceError
from provenance.output import (
    Format,
    csv_value_chunks,
    format_cell,
    json_value_chunks,
    spreadsheet_safe,
    to_json,
)
from provenance.records import AgentKind, QuantityStatus
from tests.support import ok
from tests.test_faults import write_articles


def _statements(url: str, listing: Callable[[Any], Any]) -> list[tuple[str, Any]]:
    """The statements (and their parameters) a listing runs."""
    with db.session_scope(url, write=False) as session:
        seen: list[tuple[str, Any]] = []
        engine = session.get_bind()

        def listener(*args: Any) -> None:  # conn, cursor, statement, parameters, ...
            seen.append((args[2], args[3]))

        event.listen(engine, "before_cursor_execute", listener)
        try:
            listing(session)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
    return seen


def _queries(url: str, listing: Callable[[Any], Any]) -> int:
    return len(_statements(url, listing))


LISTINGS: list[Callable[[Any], Any]] = [
    store.list_sources,
    store.list_speakers,
    store.list_quantities,
    store.list_claims,
    lambda session: store.list_claims(session, limit=5),  # dated claims only, both times
    lambda session: store.list_claims(session, limit=LISTED + 1),
    lambda session: store.list_sources(session, LISTED + 1),
    lambda session: store.list_speakers(session, LISTED + 1),
    lambda session: store.list_quantities(session, limit=LISTED + 1),
    lambda session: store.total_claims(session, store.ClaimQuery(speaker="Kovac")),
]


@pytest.mark.parametrize("listing", LISTINGS)
def test_a_listing_reads_in_queries_that_do_not_grow_with_its_rows(
    ingested: str, runner: CliRunner, tmp_path: Path, listing: Callable[[Any], Any]
) -> None:
    few = _queries(ingested, listing)
    write_articles(tmp_path / "more", 30)
    ok(runner, "ingest", str(tmp_path / "more"))
    ok(runner, "quantity", "add", "Ferries inspected", "--unit", "count", "--key", "ferries")
    ok(runner, "link", "--auto")
    # The same, or one fewer: the undated claims are read with a query of their own when the
    # dated ones do not fill the page.
    assert few - 1 <= _queries(ingested, listing) <= few


@pytest.mark.parametrize(
    "listing",
    [
        lambda session: store.list_claims(session, limit=3),
        lambda session: store.list_claims(session, store.ClaimQuery(topic="fighters"), limit=3),
        lambda session: store.list_sources(session, 3),
        lambda session: store.list_speakers(session, 3),
        lambda session: store.list_quantities(session, limit=3),
    ],
)
def test_a_limited_listing_is_limited_in_sql_and_counts_claims_of_its_rows_only(
    ingested: str, listing: Callable[[Any], Any]
) -> None:
    statements = _statements(ingested, listing)
    limited = [(sql, args) for sql, args in statements if "LIMIT" in sql.upper()]
    assert limited, "no statement has a LIMIT"
    # The first statement of the listing reads at most one page (the limit is a parameter).
    assert all(_bound(args, 3) for _, args in limited)
    grouped = [sql for sql, _ in statements if "GROUP BY" in sql.upper()]
    assert all("IN (" in sql.upper() or "ANY" in sql.upper() for sql in grouped)


@pytest.mark.parametrize(
    "read",
    [
        lambda session: store.get_claim(session, 1),
        lambda session: list(store.iter_quantities(session, None, ids=[1])),
        lambda session: list(store.iter_sources(session, ids=[1])),
        lambda session: list(store.iter_speakers(session, ids=[1])),
    ],
)
def test_a_record_read_by_id_counts_the_claims_of_its_own_rows_only(
    ingested: str, read: Callable[[Any], Any]
) -> None:
    """A claim's provenance, or the quantities a comparison shows, read what is theirs, not
    every quantity's, document's or speaker's claims (a third of a second at a million)."""
    grouped = [sql for sql, _ in _statements(ingested, read) if "GROUP BY" in sql.upper()]
    assert all("IN (" in sql.upper() or "ANY" in sql.upper() for sql in grouped)


def _bound(args: Any, value: int) -> bool:
    values = args.values() if isinstance(args, dict) else args
    return value in list(values)


def _many(tmp_path: Path, runner: CliRunner, rows: int = LISTED + 5) -> None:
    """``rows`` claims, each from a document, outlet and quantity of its own."""
    path = tmp_path / "many.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["figure", "quantity", "outlet", "title", "published", "stated_by"])
        for n in range(rows):
            writer.writerow(
                [str(100 + n), f"Quantity {n:03d}", f"Outlet {n:03d}", f"Story {n:03d}",
                 f"2019-01-{1 + n % 28:02d}", f"Speaker {n:03d}"]
            )  # fmt: skip
    ok(runner, "import", str(path))


COMMANDS = [
    (["claims"], "claims"),
    (["sources"], "sources"),
    (["speakers"], "speakers"),
    (["quantities"], "quantities"),
]


@pytest.mark.parametrize(("command", "noun"), COMMANDS)
def test_a_listing_shows_the_first_rows_and_says_on_stderr_how_many_were_left_out(
    db_url: str, runner: CliRunner, tmp_path: Path, command: list[str], noun: str
) -> None:
    _many(tmp_path, runner)
    for fmt in ("table", "csv", "json", "markdown"):
        _shows_the_first_rows(runner, command, noun, fmt)


def _shows_the_first_rows(runner: CliRunner, command: list[str], noun: str, fmt: str) -> None:
    result = runner.invoke(app, [*command, "--format", fmt])
    assert result.exit_code == 0, result.output
    total = LISTED + 5 if noun in ("claims", "sources", "quantities") else 2 * (LISTED + 5)
    assert result.stderr == f"Showing {LISTED} of {total} {noun}; --limit 0 lists them all\n"
    assert _rows(result.stdout, fmt) == LISTED
    every = runner.invoke(app, [*command, "--format", fmt, "--limit", "0"])
    assert every.exit_code == 0
    assert every.stderr == ""
    assert _rows(every.stdout, fmt) == total
    assert _firsts(every.stdout, fmt)[:LISTED] == _firsts(result.stdout, fmt)
    few = runner.invoke(app, [*command, "--format", fmt, "--limit", "7"])
    assert few.stderr == f"Showing 7 of {total} {noun}; --limit 0 lists them all\n"
    assert _rows(few.stdout, fmt) == 7
    exact = runner.invoke(app, [*command, "--format", fmt, "--limit", str(total)])
    assert exact.stderr == ""
    assert exact.stdout == every.stdout


def _firsts(text: str, fmt: str) -> list[str]:
    """Each row's first cell."""
    if fmt == "json":
        return [str(next(iter(item.values()))) for item in json.loads(text)]
    if fmt == "csv":
        return [row[0] for row in list(csv.reader(io.StringIO(text)))[1:]]
    if fmt == "markdown":
        return [line.split("|")[1].strip() for line in text.splitlines()[2:]]
    return [line.split()[0] for line in text.splitlines()[2:]]


def _rows(text: str, fmt: str) -> int:
    return len(_firsts(text, fmt))


def test_the_proposed_quantities_have_their_own_count(db_url: str, runner: CliRunner) -> None:
    for figure in ("12 ferries", "15 ferries"):
        ok(runner, "add", figure, "--outlet", "The Courier")
    result = runner.invoke(app, ["quantities", "--proposed", "--limit", "1"])
    assert result.exit_code == 0
    assert _rows(result.stdout, "table") == 1
    assert result.stderr in ("", "Showing 1 of 2 proposed quantities; --limit 0 lists them all\n")


@pytest.mark.parametrize(("command", "noun"), [*COMMANDS, (["quantities", "--proposed"], "")])
@pytest.mark.parametrize("limit", ["-1", "ten", "1.5", ""])
def test_a_limit_that_is_not_a_count_is_a_usage_error(
    db_url: str, runner: CliRunner, command: list[str], noun: str, limit: str
) -> None:
    result = runner.invoke(app, [*command, "--limit", limit])
    assert result.exit_code == 2
    assert "--limit" in result.stderr
    assert result.stdout == ""


def test_a_catalogue_file_is_never_cut_short(db_url: str, runner: CliRunner) -> None:
    result = runner.invoke(app, ["quantities", "--format", "toml", "--limit", "5"])
    assert result.exit_code == 2
    assert "a catalogue file holds every quantity" in result.stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "markdown"])
def test_an_empty_listing_says_so_on_stderr_and_gives_programs_what_they_expect(
    db_url: str, runner: CliRunner, fmt: str
) -> None:
    result = runner.invoke(app, ["claims", "--format", fmt])
    assert result.exit_code == 0
    assert result.stderr == "No claims match.\n"
    expected = {"csv": "id,figure,low", "json": "[]\n"}.get(fmt, "")
    assert result.stdout.startswith(expected)
    assert (result.stdout == "") == (fmt in ("table", "markdown"))


def test_the_archive_takes_a_limit(ingested: str) -> None:
    with Archive(ingested) as archive:
        every = archive.claims()
        assert archive.claims(limit=3) == every[:3]
        assert archive.claims(limit=None) == every
        assert archive.claims(limit=0) == []
        assert archive.sources(limit=2) == archive.sources()[:2]
        assert archive.speakers(limit=2) == archive.speakers()[:2]
        assert archive.quantities(limit=2) == archive.quantities()[:2]
        assert archive.claims(speaker="ICCT", limit=1) == archive.claims(speaker="ICCT")[:1]
        with pytest.raises(ProvenanceError, match="limit"):
            archive.claims(limit=-1)
        with pytest.raises(ProvenanceError, match="limit"):
            archive.sources(limit=-1)


def test_a_streamed_listing_hands_on_batches_and_counts_what_it_left_out(ingested: str) -> None:
    with Archive(ingested) as archive:
        every = archive.claims()
        with archive.listing_claims(limit=5) as listing:
            batches = list(listing)
            assert [c for b in batches for c in b.records()] == every[:5]
            assert (listing.shown, listing.more, listing.total()) == (5, True, len(every))
        with archive.listing_claims(speaker="ICCT") as listing:
            assert [c for b in listing for c in b.records()] == archive.claims(speaker="ICCT")
            assert not listing.more
            assert listing.total() == listing.shown > 0
        with archive.listing_speakers(limit=len(archive.speakers())) as listing:
            assert [a for b in listing for a in b] == archive.speakers()
            assert not listing.more  # exactly as many as the limit: none left out
        with archive.listing_quantities(limit=1) as listing:
            assert [q for b in listing for q in b] == archive.quantities()[:1]
            assert listing.total() == len(archive.quantities()) > 1
        with archive.listing_sources(limit=0) as listing:  # none shown, all counted
            assert (list(listing), listing.total()) == ([], len(archive.sources()))


def test_a_listing_collects_cycles_less_often_and_puts_the_collector_back(ingested: str) -> None:
    before = gc.get_threshold()
    with Archive(ingested) as archive:
        with archive.listing_claims() as listing:
            assert gc.get_threshold()[0] >= 50_000  # rows are short-lived and make no cycles
            assert next(iter(listing))
        assert gc.get_threshold() == before
        with pytest.raises(RuntimeError), archive.listing_sources() as listing:
            raise RuntimeError("a reader stopped by an error")
        assert gc.get_threshold() == before
        gc.set_threshold(0)  # a collector switched off stays off
        try:
            with archive.listing_speakers() as listing:
                assert gc.get_threshold()[0] == 0
        finally:
            gc.set_threshold(*before)


def test_every_page_of_a_listing_is_the_start_of_the_whole(
    ingested: str, runner: CliRunner
) -> None:
    """Claims are read dated first, through the index of dates, then undated (a claim with no
    document, one whose document has no date): a page ends anywhere in either part."""
    ok(runner, "add", "about 1.50 million", "--quantity", "returned-number")
    ok(runner, "add", "300", "--quantity", "returned-number", "--outlet", "Undated Wire")
    with db.session_scope(ingested, write=False) as session:
        every = store.list_claims(session)
        assert [c.published is None for c in every][-2:] == [True, True]
        for n in range(len(every) + 2):
            assert store.list_claims(session, limit=n) == every[:n]
        for query in (store.ClaimQuery(topic="returned fighters"), store.ClaimQuery(since="2017")):
            found = store.list_claims(session, query)
            assert store.list_claims(session, query, limit=4) == found[:4]
            assert store.total_claims(session, query) == len(found)
        assert store.total_claims(session) == len(every)
        assert store.total_sources(session) == len(store.list_sources(session))
        assert store.total_speakers(session) == len(store.list_speakers(session))
        status = QuantityStatus.ACTIVE
        assert store.total_quantities(session, status) == len(store.list_quantities(session))


def test_a_listed_claim_is_the_claim_its_provenance_shows(ingested: str, runner: CliRunner) -> None:
    """A listing builds records from plain rows, a batch at a time; `show` builds one from
    the ORM's objects: they agree, field by field, topics in order of name included."""
    topics = ("--topic", "zeta", "--topic", " alpha\x1f  beta ", "--topic", "gamma")
    ok(runner, "add", "about 1.50 million", "--quantity", "returned-number", *topics)
    with db.session_scope(ingested, write=False) as session:
        listed = store.list_claims(session)
        assert listed[-1].topics == ("alpha beta", "gamma", "zeta")  # one space in a name
        assert listed == [store.get_claim(session, claim.id).claim for claim in listed]
        batches = list(store.iter_claim_batches(session))
        assert [r for batch in batches for r in batch.records()] == listed
        assert list(batches[0].columns) == list(store.CLAIM_FIELDS)


# Cells of every kind a listing writes, several to a column, and columns of one kind each:
# each way a column is written (text, text with formulas, numbers, decimals, dates, lists,
# anything else) against the one definition of a cell.
CELLS: dict[str, list[Any]] = {
    "text": ["plain", "a,b", 'say "so"', "two\nlines", "ünïcödé — “q”", "{braces}", ""],
    "formulas": ["=1+2", "-5", "-4%", "+cmd|' /C calc'!A0", "'=x", "@SUM(A1)", "\tx", None],
    "numbers": [0, -3, 7, None, True, False, 12, 1 << 40],
    "decimals": [Decimal("1200"), Decimal("1E+3"), Decimal("-0"), Decimal("1.50"), None,
                 Decimal("0.1000000000000000055511"), Decimal("33.3"), Decimal("-2")],
    "dates": [date(2016, 3, 25), None, datetime(2017, 9, 17, 8, 5, tzinfo=UTC),
              date(1, 1, 1), None, date(2020, 2, 29), None, None],
    "lists": [(), ("a",), ("=b", "c"), ["x", "y"], (), ("{}",), ("",), ()],
    "enums": [AgentKind.PERSON, None, AgentKind.OUTLET, AgentKind.VAGUE_GROUP, None, None,
              AgentKind.REPORT, AgentKind.ORGANISATION],
    "mixed": ["=x", 3, Decimal("2.5"), None, date(2019, 1, 1), ("a",), 1.5, AgentKind.PERSON],
    "days": [date(2016, 3, 25), None, date(1, 1, 1), date(2020, 2, 29), None, None, None, None],
    "wholes": [Decimal("12"), None, Decimal("0"), Decimal("1200"), Decimal("007"), None, None,
               None],
    "floats": [1.5, None, 2.0, 0.1, 1e20, float("nan"), -0.0, None],
    "nothing": [None] * 8,
    # A column of one value throughout is written once for the batch: equal values written
    # differently (1.0 and 1.00, 0.0 and -0.0, a tuple holding either) must not be.
    "same text": ["=a\nb"] * 8,
    "same enum": [AgentKind.PERSON] * 8,
    "same days": [date(2020, 2, 29)] * 8,
    "same ints": [7] * 8,
    "same topics": [("a", "b")] * 8,
    "equal decimals": [Decimal("1.0"), Decimal("1.00"), Decimal("1")] * 2 + [Decimal("1E0")] * 2,
    "equal floats": [0.0, -0.0] * 4,
    "equal lists": [["x"]] * 8,
}  # fmt: skip


def test_listings_written_a_column_at_a_time_write_each_cell_as_defined() -> None:
    columns = list(CELLS)
    height = max(len(values) for values in CELLS.values())
    rows = [
        [CELLS[name][i] if i < len(CELLS[name]) else None for name in columns]
        for i in range(height)
    ] * 3
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([spreadsheet_safe(format_cell(value)) for value in row] for row in rows)
    assert "".join(csv_value_chunks(rows, columns)) == expected.getvalue()
    whole = to_json([dict(zip(columns, row, strict=True)) for row in rows]) + "\n"
    assert "".join(json_value_chunks(rows, columns)) == whole
    assert "".join(json_value_chunks([], columns)) == "[]\n"
    equal = [[(0.0,)], [(-0.0,)]]  # JSON only: CSV lists only text
    assert (
        "".join(json_value_chunks(equal, ["a"])) == to_json([{"a": row[0]} for row in equal]) + "\n"
    )
    assert "".join(csv_value_chunks([], columns)) == ",".join(columns) + "\n"


def test_a_streamed_listing_is_the_rendered_one(ingested: str, runner: CliRunner) -> None:
    """What the command line streams, a batch at a time, is what the views render from
    records: the same text in every format."""
    with db.session_scope(ingested, write=False) as session:
        claims = store.list_claims(session)
        batches = [batch.columns for batch in store.iter_claim_batches(session)]
    for fmt in Format:
        text = views.render_claims(claims, fmt) + "\n"
        assert "".join(views.stream_claim_columns(batches, fmt)) == text
        assert ok(runner, "claims", "--limit", "0", "--format", fmt.value) == text


def _orm_listings(url: str) -> dict[str, list[Any]]:
    """What the listings should hold, read another way: through the ORM's relationships,
    one object at a time (as the listings did before they read plain rows)."""
    from provenance.models import Agent, Claim, Document, Quantity
    from provenance.records import AgentRecord, DocumentRecord, QuantityRecord, VersionRecord

    def count(session: Any, *where: Any) -> int:
        return session.scalar(select(func.count(Claim.id)).where(*where)) or 0

    def described(cited: Any) -> str:
        parts = [cited.title or cited.url or f"document {cited.id}"]
        parts += [cited.outlet.name] if cited.outlet else []
        return ", ".join(parts + ([cited.published.isoformat()] if cited.published else []))

    def versions(d: Any) -> tuple[VersionRecord, ...]:
        if d.version == 1:
            return ()
        earlier = [VersionRecord(v.number, v.title, v.content_hash, v.stored_at, v.replaced_at)
                   for v in d.versions]  # fmt: skip
        stored = d.versions[-1].replaced_at if d.versions else d.created_at
        return (*earlier, VersionRecord(d.version, d.title, d.content_hash, stored, None))

    with db.session_scope(url, write=False) as session:
        documents = session.scalars(
            select(Document).order_by(Document.published.is_(None), Document.published, Document.id)
        )
        sources = []
        for d in documents:
            sources.append(DocumentRecord(
                d.id, d.title, d.outlet.name if d.outlet else None, d.author, d.url, d.published,
                d.retrieved, d.content_hash, tuple(t.name for t in d.topics),
                tuple(described(c) for c in d.cites), count(session, Claim.document_id == d.id),
                d.version, versions(d), d.language, d.fetched_at, d.fetched_hash,
            ))  # fmt: skip
        agents = session.scalars(select(Agent).order_by(func.lower(Agent.name), Agent.id))
        speakers = []
        for a in agents:
            roles = session.scalars(
                select(Claim.role).where(Claim.stated_by_id == a.id).distinct()
            ).all()
            speakers.append(AgentRecord(
                a.id, a.name, a.kind, a.description, tuple(x.alias for x in a.aliases),
                tuple(sorted(r for r in roles if r)), count(session, Claim.stated_by_id == a.id),
            ))  # fmt: skip
        quantities = []
        for q in session.scalars(select(Quantity).order_by(Quantity.key)):
            expected = None
            if q.expected_low is not None or q.expected_high is not None:
                expected = (q.expected_low, q.expected_high)
            quantities.append(QuantityRecord(
                q.id, q.key, q.label, q.unit, q.definition, q.scope,
                tuple(t.name for t in q.topics), count(session, Claim.quantity_id == q.id),
                tuple(t.term for t in q.terms if not t.required), q.status,
                tuple(t.term for t in q.terms if t.required), q.place, q.family, q.cumulative,
                q.window_months, expected, q.variant_of.key if q.variant_of else None, q.period,
            ))  # fmt: skip
    return {"sources": sources, "speakers": speakers, "quantities": quantities}


def test_listings_read_from_plain_rows_hold_what_the_objects_hold(
    ingested: str, runner: CliRunner, tmp_path: Path
) -> None:
    """Sources with earlier versions and the documents they cite, speakers with aliases and
    roles, quantities with terms, required terms, a plausible range and a variant: each
    listed (whole, and a page at a time) as the ORM's objects read one by one give them."""
    article = tmp_path / "toll.txt"
    header = "title: Toll rises\noutlet: Valley Courier\ndate: 2024-05-02\n"
    header += "url: https://example.org/toll\n---\n"
    for toll in (41, 43):  # a corrected article: a document of two versions
        article.write_text(f"{header}The flood has killed {toll} people, police said.\n")
        ok(runner, "ingest", str(article))
    variant = tmp_path / "variant.toml"
    variant.write_text(
        '[[quantity]]\nkey = "returned-estimate"\nlabel = "Returned fighters, estimated"\n'
        'unit = "count"\nexpected = [100, 10000]\nvariant_of = "returned-number"\n'
        "window_months = 6\n"
    )
    ok(runner, "quantities", "load", str(variant))
    expected = _orm_listings(ingested)
    with Archive(ingested) as archive:
        listed = {
            "sources": archive.sources(),
            "speakers": archive.speakers(),
            "quantities": archive.quantities() + archive.quantities(proposed=True),
        }
        paged = {"sources": archive.sources(limit=3), "speakers": archive.speakers(limit=3)}
    listed["quantities"].sort(key=lambda q: q.key)
    assert listed == expected
    assert paged == {name: expected[name][:3] for name in paged}
    # What the comparison is about is there to be compared.
    assert any(len(d.versions) == 2 for d in expected["sources"])
    assert any(d.cites for d in expected["sources"])
    assert any(a.aliases for a in expected["speakers"])
    assert any(a.roles for a in expected["speakers"])
    quantities = expected["quantities"]
    for held in ("requires", "terms", "expected", "variant_of"):
        assert any(getattr(q, held) for q in quantities), held
    assert any(q.topics for q in quantities)
