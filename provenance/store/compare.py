"""Comparing the figures of every quantity, at any scale: which disagree, how badly, and why.

Work is proportional to what disagrees, not to what is stored. The per-quantity bounds the
database keeps (:class:`~provenance.models.QuantityBounds`) tell which quantities have two
figures that fail to meet (:func:`~provenance.conflicts.may_disagree`); only their figures are
read, as bare rows, and compared pair by pair to rank the quantities. Full claim records, with
their provenance, are built only for the quantities shown, a chunk at a time.
"""

from __future__ import annotations

import contextlib
import gc
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Context, Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
    text,
    type_coerce,
    update,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, aliased, selectinload

from provenance.conflicts import (
    DEFAULT_TOLERANCE,
    DEFAULT_WINDOW_MONTHS,
    ArithmeticCheck,
    Bounds,
    Comparison,
    Standing,
    check_part,
    check_product,
    compare_figures,
    may_disagree,
    standing_of,
)
from provenance.conflicts import Figure as Comparable
from provenance.errors import NotFoundError
from provenance.figures import Hedge, written_step
from provenance.models import (
    DISAGREEING,
    Agent,
    Claim,
    ConflictDecision,
    Document,
    Quantity,
    QuantityBounds,
    QuantityRelation,
    comparable_claims,
)
from provenance.records import (
    AgentKind,
    ClaimRecord,
    DecisionRecord,
    QuantityRecord,
    QuantityStatus,
    Rank,
    RelationKind,
    RelationRecord,
)
from provenance.store.lookup import find_quantity
from provenance.store.reads import (
    ClaimQuery,
    decision_record,
    iter_quantities,
    list_claims,
    relation_record,
    topic_matches,
)
from provenance.units import factor

CHUNK = 500  # quantities whose full records are built at once
# Catalogue quantities and proposed ones alike: on a new topic, disagreements show from the
# first ingest, before anyone has accepted a proposal (the report marks them proposed).
COMPARED = (QuantityStatus.ACTIVE, QuantityStatus.PROPOSED)
RANK_CHUNK = 5_000  # quantities whose figures are read and compared at once, to rank them
# ... and at most this many figures at once (a quantity with more is compared alone): a
# regrouping's few proposals may hold every claim of a large ingest between them
RANK_FIGURES = 10_000


@dataclass(frozen=True, slots=True)
class QuantityComparison:
    """The figures stated for one quantity, which of them disagree and why, and the
    decisions people took on them (resolved pairs are left out unless asked for)."""

    quantity: QuantityRecord
    claims: tuple[ClaimRecord, ...]
    comparison: Comparison
    decisions: dict[tuple[int, int], DecisionRecord] = field(default_factory=dict)
    hidden: int = 0  # resolved disagreements left out
    arithmetic: tuple[tuple[RelationRecord, ArithmeticCheck], ...] = ()
    inputs: tuple[ClaimRecord, ...] = ()  # other quantities' figures the arithmetic used

    @property
    def inconsistent(self) -> int:
        return sum(not check.consistent for _, check in self.arithmetic)


@dataclass(frozen=True, slots=True)
class ConflictReport:
    """Every quantity compared, counted by outcome, and the most severe of them in full.

    ``results`` yields :class:`QuantityComparison` lazily, so it must be read while the
    session is open (:meth:`provenance.Archive.conflicts` gives a list); it holds ``shown``
    quantities, out of ``compared``.
    """

    compared: int  # quantities with two or more figures, or arithmetic to check
    contradicting: int  # with a contradiction or an inconsistent arithmetic check
    explained: int  # whose every difference is explained (time, scope, same origin)
    agreeing: int  # whose figures all agree
    shown: int
    results: Iterable[QuantityComparison]


@dataclass(slots=True)
class _Ranked:
    """A quantity while ranking: its standing, and its figures once they had to be read."""

    quantity_id: int
    key: str
    standing: Standing = Standing.AGREE
    gap: float = 0.0
    figures: list[Comparable] | None = None
    comparison: Comparison | None = None
    hidden: int = 0
    checks: list[tuple[RelationRecord, ArithmeticCheck]] = field(default_factory=list)
    window: float | None = None  # the quantity's own window (None: the default)
    cumulative: bool = False

    @property
    def contradicts(self) -> bool:
        inconsistent = any(not check.consistent for _, check in self.checks)
        return self.standing is Standing.CONTRADICTION or inconsistent

    def severity(self) -> tuple[bool, bool, float, str]:
        return (not self.contradicts, self.standing is Standing.AGREE, -self.gap, self.key)


def _raw(column: Any) -> Any:
    """A column read as the driver gives it: thousands of rows skip SQLAlchemy's per-value
    conversions (enums, SQLite dates), done by hand here with caches."""
    return type_coerce(column, String)


_FIGURE_ROW = (
    select(
        Claim.quantity_id,
        Claim.id,
        _raw(Claim.low),
        _raw(Claim.high),
        _raw(Claim.hedge),
        _raw(Claim.as_of_start),
        _raw(Claim.as_of_end),
        # A place read from the article, not the figure's sentence, is not a stated scope.
        case((Claim.scope_inferred, None), else_=Claim.scope),
        Claim.primary_source_id,
        # An outlet credited with a figure no one in its article is said to state is not its
        # origin: two such figures in one report are two sources it did not name.
        case((Agent.kind == AgentKind.OUTLET, None), else_=Claim.stated_by_id),
        Claim.document_id,
        _raw(Claim.rank),
        Claim.quote,
        Claim.unit,
        Claim.figure,
    )
    .outerjoin(Agent, Agent.id == Claim.stated_by_id)
    .where(comparable_claims())
)
_HEDGES = {hedge.value: hedge for hedge in Hedge}
_PREFERRED = Rank.PREFERRED.value
_EXACT = Hedge.EXACT.value


# A figure converted to its quantity's unit keeps six significant digits: 25,000 acres is
# compared as 10,117.1 hectares, not 10,117.141056.
_CONVERTED = Context(prec=6)


def _number(value: str | Decimal | None) -> Decimal | None:
    return value if value is None or isinstance(value, Decimal) else Decimal(value)


@lru_cache(maxsize=65_536)
def _day(value: str | date | None) -> date | None:
    return value if value is None or isinstance(value, date) else date.fromisoformat(value)


def _comparable(row: Any, published: date | None) -> tuple[tuple[object, ...], Comparable]:
    """A claim as the comparison sees it, with its place in the quantity's list (preferred
    first, then by publication). With no as-of, a figure describes the day it was published;
    it traces to the primary source it was quoted from, else to who stated it."""
    (_, claim_id, low, high, hedge, start, end, scope, primary, speaker, doc, rank, quote, unit,
     written) = row  # fmt: skip
    when: tuple[date, date] | None = None
    if start is not None and end is not None:
        when = (_day(start), _day(end))  # type: ignore[assignment]  # both given, both dates
    elif published is not None:
        when = (published, published)
    source = f"document {primary}" if primary else f"agent {speaker}" if speaker else None
    order = (rank != _PREFERRED, published or date.max, claim_id)
    figure = Comparable(
        claim_id, _number(low), _number(high), _HEDGES[hedge], when, scope, source, published,
        doc, quote, step=written_step(written, unit) if hedge == _EXACT else None,
    )  # fmt: skip
    return order, figure


def _in_chunks(ids: Collection[int], size: int = 5_000) -> Iterator[list[int]]:
    ordered = sorted(ids)
    for i in range(0, len(ordered), size):
        yield ordered[i : i + size]


def _by_figures(figures: dict[int, int]) -> Iterator[list[int]]:
    """Quantities (id: how many figures) in chunks of at most :data:`RANK_CHUNK` quantities
    and :data:`RANK_FIGURES` figures, so that memory stays flat however the figures are
    spread (a quantity with more figures is a chunk of its own).

    >>> list(_by_figures({1: 6_000, 2: 4_000, 3: 2_000, 4: 30_000, 5: 1}))
    [[1, 2], [3], [4], [5]]
    """
    chunk: list[int] = []
    held = 0
    for quantity_id in sorted(figures):
        count = figures[quantity_id]
        if chunk and (held + count > RANK_FIGURES or len(chunk) == RANK_CHUNK):
            yield chunk
            chunk, held = [], 0
        chunk.append(quantity_id)
        held += count
    if chunk:
        yield chunk


def _ordered_figures(
    session: Session, quantity_ids: Collection[int]
) -> dict[int, list[tuple[tuple[object, ...], Comparable]]]:
    """The comparable figures of these quantities, each with its place in display order. The
    publication dates are read apart, once per document, rather than joined to every claim."""
    connection = session.connection()  # Core rows: no ORM result processing
    rows: list[Any] = []
    for ids in _in_chunks(quantity_ids):
        rows += connection.execute(_FIGURE_ROW.where(Claim.quantity_id.in_(ids))).all()
    published: dict[int, date | None] = {}
    for ids in _in_chunks({row[10] for row in rows if row[10] is not None}):
        dated = select(Document.id, _raw(Document.published)).where(Document.id.in_(ids))
        published.update((key, _day(day)) for key, day in connection.execute(dated))
    # a figure in another unit than its quantity's (acres, for hectares) is compared in the
    # quantity's: see provenance.units
    units: dict[int, str] = {}
    for ids in _in_chunks({row[0] for row in rows}):
        of = select(Quantity.id, Quantity.unit).where(Quantity.id.in_(ids))
        units.update((key, unit) for key, unit in connection.execute(of))
    found: dict[int, list[tuple[tuple[object, ...], Comparable]]] = {}
    for row in rows:
        order, figure = _comparable(row, published.get(row[10]))
        if row[13] != units.get(row[0], row[13]) and (scale := factor(row[13], units[row[0]])):
            figure = figure._replace(
                low=None if figure.low is None else _CONVERTED.multiply(figure.low, scale),
                high=None if figure.high is None else _CONVERTED.multiply(figure.high, scale),
                step=None if figure.step is None else _CONVERTED.multiply(figure.step, scale),
            )
        found.setdefault(row[0], []).append((order, figure))
    return found


def _figures(session: Session, quantity_ids: Collection[int]) -> dict[int, list[Comparable]]:
    """The comparable figures of these quantities, each quantity's in display order; a
    quantity's variants (the same thing, defined otherwise) are compared with it, marked."""
    found = _ordered_figures(session, quantity_ids)
    parents: dict[int, int] = {}
    for ids in _in_chunks(quantity_ids):
        variants = select(Quantity.id, Quantity.variant_of_id).where(
            Quantity.variant_of_id.in_(ids)
        )
        parents.update((v, p) for v, p in session.connection().execute(variants) if p)
    for variant, figures in _ordered_figures(session, parents).items():
        found.setdefault(parents[variant], []).extend(
            (order, figure._replace(variant=True)) for order, figure in figures
        )
    return {key: [figure for _, figure in sorted(pairs)] for key, pairs in found.items()}


def _settings(session: Session) -> dict[int, tuple[float | None, bool]]:
    """Each quantity's own window and whether it is cumulative, where the catalogue set them."""
    statement = select(Quantity.id, Quantity.window_months, Quantity.cumulative).where(
        Quantity.window_months.is_not(None) | Quantity.cumulative
    )
    return {row[0]: (row[1], bool(row[2])) for row in session.execute(statement)}


def _window(window: float | None) -> float:
    return DEFAULT_WINDOW_MONTHS if window is None else window


def _configure(entries: Iterable[_Ranked], settings: dict[int, tuple[float | None, bool]]) -> None:
    for entry in entries:
        entry.window, entry.cumulative = settings.get(entry.quantity_id, (None, False))


def _decisions(session: Session) -> dict[tuple[int, int], DecisionRecord]:
    """Every decision on a pair, by (lower id, upper id) in either order."""
    found: dict[tuple[int, int], DecisionRecord] = {}
    for row in session.scalars(select(ConflictDecision)):
        record = decision_record(row)
        found[(record.lower, record.upper)] = found[(record.upper, record.lower)] = record
    return found


def _wanted(session: Session, quantity: str | None, topic: str | None) -> set[int] | None:
    """The quantities a ``--quantity`` or ``--topic`` selection keeps (``None``: all)."""
    if quantity is None and topic is None:
        return None
    document, quantity_row = aliased(Document), aliased(Quantity)
    statement = (
        select(Claim.quantity_id)
        .distinct()
        .join(quantity_row, Claim.quantity_id == quantity_row.id)
        .outerjoin(document, Claim.document_id == document.id)
    )
    if quantity is not None:
        found = find_quantity(session, quantity)
        if found is None:
            raise NotFoundError(f"no quantity {quantity!r} (see `provenance quantities`)")
        statement = statement.where(Claim.quantity_id == found.id)
    if topic is not None:
        statement = statement.where(topic_matches(topic, document, quantity_row))
    return {i for i in session.scalars(statement) if i is not None}


def _arithmetic(
    session: Session,
    ranked: dict[int, _Ranked],
    counts: Counter[Standing],
    wanted: set[int] | None,
    decisions: dict[tuple[int, int], DecisionRecord],
    tolerance: Decimal,
    window: float | None,
    include_resolved: bool,
) -> None:
    """Check the catalogue's relations on the figures at hand. The checks go to each target
    quantity, which joins ``ranked`` if it is not there (its figures are compared afresh);
    ``counts`` then counts a target with an inconsistent check as contradicting."""
    relations = session.scalars(
        select(QuantityRelation).options(
            selectinload(QuantityRelation.target),
            selectinload(QuantityRelation.first),
            selectinload(QuantityRelation.second),
        )
    ).all()
    involved = {q.id for r in relations for q in (r.target, r.first, r.second) if q is not None}
    figures = _figures(session, involved)
    # A relation between quantities holds for every member of their families (the same
    # property in other places); which figures go together is then a matter of place.
    families = {
        q.id: q.family for r in relations for q in (r.target, r.first, r.second) if q and q.family
    }
    kin: dict[int, list[int]] = {}
    if families:
        rows = session.execute(
            select(Quantity.id, Quantity.family).where(Quantity.family.in_(set(families.values())))
        ).all()
        for quantity_id, family in families.items():
            kin[quantity_id] = [other for other, f in rows if f == family and other != quantity_id]
    extra = _figures(session, {other for others in kin.values() for other in others})

    def of(quantity_id: int) -> list[Comparable]:
        own = figures.get(quantity_id, [])
        return own + [f for other in kin.get(quantity_id, []) for f in extra.get(other, [])]

    checked: dict[int, list[tuple[RelationRecord, ArithmeticCheck]]] = {}
    for relation in relations:
        if relation.target.status not in COMPARED:
            continue
        if wanted is not None and relation.target_id not in wanted:
            continue
        if relation.kind is RelationKind.PRODUCT and relation.second is not None:
            share, total = relation.first, relation.second
            if share.unit != "percent":
                share, total = total, share
            checks = check_product(
                of(share.id),
                of(total.id),
                of(relation.target_id),
                percent=True,
                tolerance=tolerance,
                window=_window(window),
            )
        else:
            checks = check_part(
                of(relation.first_id),
                of(relation.target_id),
                tolerance=tolerance,
                window=_window(window),
            )
        record = relation_record(relation)
        checked.setdefault(relation.target_id, []).extend((record, c) for c in checks)
    keys = {r.target_id: r.target.key for r in relations}
    for target_id, found in checked.items():
        if not found:
            continue
        if target_id not in ranked:
            ranked[target_id] = _Ranked(target_id, keys[target_id])
            _configure([ranked[target_id]], _settings(session))
        entry = ranked[target_id]
        entry.figures = figures.get(target_id, [])
        _compare(entry, decisions, tolerance, window, include_resolved, notes=False)
        if len(entry.figures) >= 2:  # counted already, under the standing just worked out again
            counts[entry.standing] -= 1
        entry.checks = found
        counts[Standing.CONTRADICTION if entry.contradicts else entry.standing] += 1


def _compare(
    entry: _Ranked,
    decisions: dict[tuple[int, int], DecisionRecord],
    tolerance: Decimal,
    window: float | None,
    include_resolved: bool,
    *,
    notes: bool,
    all_pairs: bool = False,
) -> None:
    assert entry.figures is not None
    own = window if window is not None else entry.window
    comparison = compare_figures(
        entry.figures,
        tolerance,
        own if own is not None else DEFAULT_WINDOW_MONTHS,
        notes=notes,
        cumulative=entry.cumulative,
        all_pairs=all_pairs,
    )
    resolved = [d for d in comparison.disagreements if (d.lower, d.upper) in decisions]
    if resolved and not include_resolved:
        kept = tuple(d for d in comparison.disagreements if d not in resolved)
        total = comparison.pairs_total - len(resolved)
        comparison = replace(comparison, disagreements=kept, pairs_total=total)
        entry.hidden = len(resolved)
    entry.comparison = comparison
    entry.standing, entry.gap = comparison.standing, comparison.worst_gap


def _bounds_rows(
    session: Session, *conditions: ColumnElement[bool]
) -> list[tuple[int, str, Bounds]]:
    b = QuantityBounds
    exact = (b.low_max, b.low_max_widened, b.high_min, b.high_min_widened)
    sqlite = session.get_bind().dialect.name == "sqlite"
    statement = (
        select(b.quantity_id, Quantity.key, b.figures)
        # SQLite's canonical text, read as Decimal here in one pass (the column type's
        # conversion, value by value, took a fifth of a first `conflicts` at a million)
        .add_columns(*(type_coerce(c, String) for c in exact) if sqlite else exact)
        .join(Quantity, Quantity.id == b.quantity_id)
        .where(b.figures >= 2, *conditions)
    )
    rows = session.connection().execute(statement).all()
    if not sqlite:
        return [(row[0], row[1], Bounds(*row[2:])) for row in rows]
    return [
        (quantity_id, key, Bounds(
            figures, *(None if value is None else Decimal(value) for value in values)
        ))
        for quantity_id, key, figures, *values in rows
    ]  # fmt: skip


def _standings(
    session: Session,
    rows: list[tuple[int, str, Bounds]],
    decisions: dict[tuple[int, int], DecisionRecord],
    tolerance: Decimal,
    window: float | None,
    include_resolved: bool,
) -> list[_Ranked]:
    """Compare the figures of the quantities that may disagree, a chunk of quantities at a
    time, keeping only each one's standing (memory stays flat however many there are; the
    few shown are compared again in full); the others agree."""
    entries = [_Ranked(quantity_id, key) for quantity_id, key, _ in rows]
    _configure(entries, _settings(session))
    varied = set(
        session.scalars(select(Quantity.variant_of_id).where(Quantity.variant_of_id.is_not(None)))
    )
    candidates: dict[int, _Ranked] = {}
    figures: dict[int, int] = {}
    for entry, (_, _, bounds) in zip(entries, rows, strict=True):
        if may_disagree(bounds, tolerance) or entry.quantity_id in varied:
            candidates[entry.quantity_id] = entry
            figures[entry.quantity_id] = bounds.figures
    with _uncollected():
        for ids in _by_figures(figures):
            for quantity_id, members in _figures(session, ids).items():
                entry = candidates[quantity_id]
                own = window if window is not None else entry.window
                entry.standing, entry.gap = standing_of(
                    members,
                    tolerance,
                    own if own is not None else DEFAULT_WINDOW_MONTHS,
                    cumulative=entry.cumulative,
                    left_out=() if include_resolved else decisions,
                )
    return entries


@contextlib.contextmanager
def _uncollected() -> Iterator[None]:
    """Python's cyclic garbage collector paused: building a chunk's hundreds of thousands of
    tuples (figures, intervals, rows) set off collections that walked every object alive,
    a third of the time of comparing them at a million claims. Those tuples hold no cycles;
    they are freed by reference counting, a chunk at a time, as before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def fill_standings(session: Session) -> bool:
    """Work out and store the standings the database lacks (a cache `conflicts` ranks by):
    every write stores those of the quantities it touched as it commits
    (:mod:`provenance.derived`), so this finds none to do unless the database was restored
    or written by an older version. Run in a read transaction of its own, it takes the write
    lock only for the moment it stores them, so a long comparison keeps no writer waiting."""
    return _fill_standings(session, _decisions(session))


def store_standings(session: Session, quantity_ids: set[int] | None) -> None:
    """Work out and store, in the write transaction that changed them, the standings of
    these quantities (every one that lacks its standing when ``None``)."""
    stale = QuantityBounds.standing.is_(None)
    if quantity_ids is None:
        chunks: list[list[ColumnElement[bool]]] = [[stale]]
    else:
        chunks = [
            [stale, QuantityBounds.quantity_id.in_(ids)]
            for ids in _in_chunks(quantity_ids, RANK_CHUNK)
        ]
    rows = [row for conditions in chunks for row in _uncertain_rows(session, *conditions)]
    if rows:
        entries = _standings(session, rows, _decisions(session), DEFAULT_TOLERANCE, None, False)
        _store(session, entries)
    for conditions in chunks:
        _store_agreeing(session, *conditions)


def _surely_agree(tolerance: Decimal) -> ColumnElement[bool]:
    """SQL that holds for a quantity whose figures all meet, worked out from its bounds in
    floating point (:func:`~provenance.conflicts.may_disagree` decides the rest exactly, in
    Python). The highest lower bound meets the lowest upper one when each lower extreme
    (plain, and widened for approximation) lies below each upper extreme by more than a
    billionth of their size, or equals it exactly; a missing bound meets anything. Most
    quantities of a large database agree: deciding so in the database spares reading,
    converting and storing their bounds one by one (at 1,000,000 claims, 90,000 of 100,000
    quantities: over a second of a first `conflicts`)."""
    b = QuantityBounds
    share = literal(float(tolerance), Float)

    def real(column: Any) -> Any:
        return cast(column, Float)

    def below(lower: Any, upper: Any) -> ColumnElement[bool]:
        margin = (func.abs(lower) + func.abs(upper) + 1) * 1e-9
        return or_(lower.is_(None), upper.is_(None), upper - lower > margin)

    low, high = real(b.low_max), real(b.high_min)
    low_w, high_w = real(b.low_max_widened), real(b.high_min_widened)
    lowered, raised = low_w - func.abs(low_w) * share, high_w + func.abs(high_w) * share
    return and_(
        or_(b.low_max == b.high_min, below(low, high)),  # exact figures, all the same, touch
        below(low, raised),
        below(lowered, high),
        below(lowered, raised),
    )


def _uncertain_rows(
    session: Session, *conditions: ColumnElement[bool]
) -> list[tuple[int, str, Bounds]]:
    """The bounds of the quantities the database cannot tell surely agree, and of those
    another quantity varies (whose variants' figures are compared with theirs)."""
    varied = select(Quantity.variant_of_id).where(Quantity.variant_of_id.is_not(None))
    keep = ~_surely_agree(DEFAULT_TOLERANCE) | QuantityBounds.quantity_id.in_(varied)
    return _bounds_rows(session, *conditions, keep)


def _store_agreeing(session: Session, *conditions: ColumnElement[bool]) -> None:
    """Store "agree" for the quantities of two or more figures still without a standing:
    after :func:`_uncertain_rows` were worked out and stored, those the database found
    surely agree. The transaction's snapshot is the one they were read in."""
    session.connection().execute(
        update(QuantityBounds)
        .where(QuantityBounds.figures >= 2, *conditions)
        .values(standing=Standing.AGREE, worst_gap=0.0)
    )


def _store(session: Session, entries: Iterable[_Ranked]) -> None:
    """Store these quantities' standings, one statement run for each through the driver
    (SQLAlchemy built each row's parameters again: half the time of storing 100,000)."""
    connection = session.connection()
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    rows = [
        (None if e.standing is None else e.standing.value, e.gap, e.quantity_id) for e in entries
    ]
    if rows:
        connection.exec_driver_sql(
            f"UPDATE quantity_bounds SET standing = {mark}, worst_gap = {mark} "
            f"WHERE quantity_id = {mark}",
            rows,
        )


def _fill_standings(session: Session, decisions: dict[tuple[int, int], DecisionRecord]) -> bool:
    """Work out the standings the database lacks (default tolerance and window) and store
    them; False when the database cannot be written to, or not at once (another command is
    writing, or wrote since this transaction began): they are then not kept, only used."""
    stale = QuantityBounds.standing.is_(None)
    lacking = exists().where(stale, QuantityBounds.figures >= 2)
    if not session.connection().execute(select(lacking)).scalar():
        return True
    rows = _uncertain_rows(session, stale)
    entries = _standings(session, rows, decisions, DEFAULT_TOLERANCE, None, False)
    try:
        with _briefly(session), session.begin_nested():
            _store(session, entries)
            _store_agreeing(session, stale)
    except OperationalError:  # read-only, or busy: rank without storing
        return False
    return True


@contextlib.contextmanager
def _briefly(session: Session) -> Iterator[None]:
    """On SQLite, wait at most a second for the write lock: the standings are a cache, not
    worth keeping another command's writers (or this reader) waiting for."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    connection = session.connection()
    before = connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one()
    connection.exec_driver_sql("PRAGMA busy_timeout=1000")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={int(before)}")


def _stored_ranking(
    session: Session, wanted: set[int] | None, limit: int | None
) -> tuple[list[_Ranked], Counter[Standing]] | None:
    """The most severe quantities by their stored standing, and how many stand each way; None
    when a writer committed new figures since the standings were filled (on a server each
    statement sees the newest commits), so the caller works them out instead."""
    b = QuantityBounds
    # Every status is compared today: the quantity table is joined for it only if one is not.
    statuses = (Quantity.status.in_(COMPARED),) if set(COMPARED) != set(QuantityStatus) else ()
    statement = (
        select(b.quantity_id, Quantity.key, _raw(b.standing), b.worst_gap)
        .join(Quantity, Quantity.id == b.quantity_id)
        .where(b.figures >= 2, *statuses)
    )
    counts: Counter[Standing] = Counter()
    if wanted is None:
        counted = select(_raw(b.standing), func.count()).where(b.figures >= 2)
        if statuses:
            counted = counted.join(Quantity, Quantity.id == b.quantity_id).where(*statuses)
        grouped: dict[str | None, int] = dict(
            session.connection().execute(counted.group_by(b.standing)).all()
        )
        if None in grouped:
            return None
        counts.update({Standing(key): n for key, n in grouped.items() if key is not None})
    if wanted is None and limit is not None:
        # The worst of each standing in turn, read in order from the index of standings
        rows: list[Any] = []
        for standing in (Standing.CONTRADICTION, Standing.EXPLAINED, Standing.AGREE):
            if len(rows) >= limit:
                break
            worst = statement.where(b.standing == standing)
            if standing is not Standing.AGREE:  # in the words of its index's condition
                worst = worst.where(text(DISAGREEING))
            worst = worst.order_by(b.worst_gap.desc(), Quantity.key).limit(limit - len(rows))
            rows += session.connection().execute(worst).all()
    else:
        group = case(
            (b.standing == Standing.CONTRADICTION, 0),
            (b.standing == Standing.EXPLAINED, 1),
            else_=2,
        )
        ordered = statement.order_by(group, b.worst_gap.desc(), Quantity.key)
        rows = list(session.connection().execute(ordered).all())
    if any(standing is None for _, _, standing, _ in rows):
        return None
    entries = [
        _Ranked(quantity_id, key, Standing(standing), gap or 0.0)
        for quantity_id, key, standing, gap in rows
        if wanted is None or quantity_id in wanted
    ]
    if wanted is not None:
        counts.update(entry.standing for entry in entries)
    return entries, counts


def compare_quantities(
    session: Session,
    *,
    quantity: str | None = None,
    topic: str | None = None,
    tolerance: Decimal = DEFAULT_TOLERANCE,
    window: float | None = None,
    include_resolved: bool = False,
    limit: int | None = None,
    all_pairs: bool = False,
) -> ConflictReport:
    """Compare the figures of every quantity with two or more, and explain each difference
    (see :mod:`provenance.conflicts`; ``window`` is in months, ``None`` for each quantity's
    own, else the default); check the catalogue's
    arithmetic relations.

    Deprecated and rejected claims are left out; proposed quantities are compared too.
    Quantities with a contradiction or an inconsistent check come first, the most severe
    first; then those whose differences are explained; then those whose figures agree, by key.
    ``limit`` keeps the first so many in full (``None``: all); the counts cover every quantity.
    A quantity with more disagreeing pairs than :data:`~provenance.conflicts.PAIR_LIMIT` lists
    its most severe and counts the rest, unless ``all_pairs``.
    """
    wanted = _wanted(session, quantity, topic)
    decisions = _decisions(session)
    stored = tolerance == DEFAULT_TOLERANCE and window is None
    stored = stored and not include_resolved and _fill_standings(session, decisions)
    ranking = _stored_ranking(session, wanted, limit) if stored else None
    if ranking is not None:
        entries, counts = ranking
    else:
        rows = _bounds_rows(session, Quantity.status.in_(COMPARED))
        rows = [row for row in rows if wanted is None or row[0] in wanted]
        entries = _standings(session, rows, decisions, tolerance, window, include_resolved)
        counts = Counter(entry.standing for entry in entries)
    _configure(entries, _settings(session))
    ranked = {entry.quantity_id: entry for entry in entries}
    _arithmetic(session, ranked, counts, wanted, decisions, tolerance, window, include_resolved)
    order = sorted(ranked.values(), key=_Ranked.severity)
    shown = order if limit is None else order[:limit]
    return ConflictReport(
        compared=sum(counts.values()),
        contradicting=counts[Standing.CONTRADICTION],
        explained=counts[Standing.EXPLAINED],
        agreeing=counts[Standing.AGREE],
        shown=len(shown),
        results=_full(session, shown, decisions, tolerance, window, include_resolved, all_pairs),
    )


def _full(
    session: Session,
    entries: Sequence[_Ranked],
    decisions: dict[tuple[int, int], DecisionRecord],
    tolerance: Decimal,
    window: float | None,
    include_resolved: bool,
    all_pairs: bool,
) -> Iterator[QuantityComparison]:
    """The shown quantities with full records, built a chunk of quantities at a time."""
    for i in range(0, len(entries), CHUNK):
        chunk = entries[i : i + CHUNK]
        unread = [entry.quantity_id for entry in chunk if entry.figures is None]
        figures = _figures(session, unread)
        for entry in chunk:
            if entry.figures is None:
                entry.figures = figures.get(entry.quantity_id, [])
            _compare(
                entry, decisions, tolerance, window, include_resolved, notes=True,
                all_pairs=all_pairs,
            )  # fmt: skip
        wanted = {f.id for entry in chunk for f in entry.figures or ()}
        wanted |= {i for entry in chunk for _, check in entry.checks for i in check.inputs}
        records = {c.id: c for c in _records(session, wanted)}
        quantities = [entry.quantity_id for entry in chunk]
        by_id = {q.id: q for q in iter_quantities(session, None, ids=quantities)}
        for entry in chunk:
            assert entry.comparison is not None
            assert entry.figures is not None
            members = tuple(records[f.id] for f in entry.figures)
            ids = {f.id for f in entry.figures}
            used = sorted({i for _, check in entry.checks for i in check.inputs})
            yield QuantityComparison(
                by_id[entry.quantity_id],
                members,
                entry.comparison,
                {pair: d for pair, d in decisions.items() if pair[0] in ids},
                entry.hidden,
                tuple(entry.checks),
                tuple(records[i] for i in used if i in records),
            )


def _records(session: Session, ids: set[int]) -> list[ClaimRecord]:
    ordered = sorted(ids)
    found: list[ClaimRecord] = []
    for i in range(0, len(ordered), 5_000):
        found += list_claims(session, ClaimQuery(ids=tuple(ordered[i : i + 5_000])))
    return found


def disagreeing_claims(session: Session) -> set[int]:
    """Claims in at least one disagreement not yet resolved (default tolerance and window)."""
    report = compare_quantities(session, limit=None)
    found: set[int] = set()
    for result in report.results:
        comparison = result.comparison
        found |= {i for d in comparison.disagreements for i in (d.lower, d.upper)}
        if comparison.summarised:  # pairs counted, not listed: each figure that has any
            found |= {i for i, n in comparison.partners.items() if n}
    return found
