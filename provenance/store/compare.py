"""Comparing the figures of every quantity, at any scale: which disagree, how badly, and why.

Work is proportional to what disagrees, not to what is stored. The per-quantity bounds the
database keeps (:class:`~provenance.models.QuantityBounds`) tell which quantities have two
figures that fail to meet (:func:`~provenance.conflicts.may_disagree`); only their figures are
read, as bare rows, and compared pair by pair to rank the quantities. Full claim records, with
their provenance, are built only for the quantities shown, a chunk at a time.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased, selectinload

from provenance.conflicts import (
    DEFAULT_TOLERANCE,
    DEFAULT_WINDOW_MONTHS,
    ArithmeticCheck,
    Bounds,
    Comparison,
    check_part,
    check_product,
    compare_figures,
    may_disagree,
)
from provenance.conflicts import Figure as Comparable
from provenance.errors import NotFoundError
from provenance.models import (
    Claim,
    ConflictDecision,
    Document,
    Quantity,
    QuantityBounds,
    QuantityRelation,
    comparable_claims,
)
from provenance.records import (
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
    list_claims,
    quantity_record,
    relation_record,
    topic_matches,
)

CHUNK = 500  # quantities whose full records are built at once


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
    session is open; it holds ``shown`` quantities, out of ``compared``.
    """

    compared: int  # quantities with two or more figures, or arithmetic to check
    contradicting: int  # with a contradiction or an inconsistent arithmetic check
    explained: int  # whose every difference is explained (time, scope, same origin)
    agreeing: int  # whose figures all agree
    shown: int
    results: Iterator[QuantityComparison]


@dataclass(slots=True)
class _Ranked:
    quantity_id: int
    key: str
    figures: list[Comparable] | None = None  # read only for quantities that may disagree
    comparison: Comparison | None = None
    hidden: int = 0
    checks: list[tuple[RelationRecord, ArithmeticCheck]] = field(default_factory=list)

    def severity(self) -> tuple[bool, bool, Decimal | int, str]:
        found = self.comparison
        inconsistent = any(not check.consistent for _, check in self.checks)
        worst = found.disagreements if found else ()
        contradicts = bool(found and found.contradictions)
        return (
            not (contradicts or inconsistent),
            not worst,
            -(worst[0].relative_gap if worst else 0),
            self.key,
        )


_FIGURE_ROW = (
    select(
        Claim.quantity_id,
        Claim.id,
        Claim.low,
        Claim.high,
        Claim.hedge,
        Claim.as_of_start,
        Claim.as_of_end,
        Claim.scope,
        Claim.primary_source_id,
        Claim.stated_by_id,
        Document.published,
        Claim.document_id,
        Claim.rank,
    )
    .outerjoin(Document, Claim.document_id == Document.id)
    .where(comparable_claims())
)


def _comparable(row: Any) -> tuple[tuple[object, ...], Comparable]:
    """A claim as the comparison sees it, with its place in the quantity's list (preferred
    first, then by publication). With no as-of, a figure describes the day it was published;
    it traces to the primary source it was quoted from, else to who stated it."""
    (_, claim_id, low, high, hedge, start, end, scope, primary, speaker, published, doc, rank) = row
    when = (start, end) if start is not None and end is not None else None
    if when is None and published is not None:
        when = (published, published)
    source = f"document {primary}" if primary else f"agent {speaker}" if speaker else None
    order = (rank is not Rank.PREFERRED, published or date.max, claim_id)
    return order, Comparable(claim_id, low, high, hedge, when, scope, source, published, doc)


def _figures(session: Session, quantity_ids: Collection[int]) -> dict[int, list[Comparable]]:
    """The comparable figures of these quantities, each quantity's in display order."""
    ids = sorted(quantity_ids)
    found: dict[int, list[tuple[tuple[object, ...], Comparable]]] = {}
    for i in range(0, len(ids), 5_000):
        rows = session.execute(_FIGURE_ROW.where(Claim.quantity_id.in_(ids[i : i + 5_000])))
        for row in rows:
            found.setdefault(row.quantity_id, []).append(_comparable(row))
    return {key: [figure for _, figure in sorted(pairs)] for key, pairs in found.items()}


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
    session: Session, ranked: dict[int, _Ranked], tolerance: Decimal, window: float
) -> set[int]:
    """Check the catalogue's relations on the figures at hand; the checks go to each target
    quantity. Returns the quantities whose figures the checks read."""
    relations = session.scalars(
        select(QuantityRelation).options(
            selectinload(QuantityRelation.target),
            selectinload(QuantityRelation.first),
            selectinload(QuantityRelation.second),
        )
    ).all()
    involved = {q.id for r in relations for q in (r.target, r.first, r.second) if q is not None}
    figures = _figures(session, involved)
    for relation in relations:
        record = relation_record(relation)
        if relation.kind is RelationKind.PRODUCT and relation.second is not None:
            share, total = relation.first, relation.second
            if share.unit != "percent":
                share, total = total, share
            checks = check_product(
                figures.get(share.id, []),
                figures.get(total.id, []),
                figures.get(relation.target_id, []),
                percent=True,
                tolerance=tolerance,
                window=window,
            )
        else:
            checks = check_part(
                figures.get(relation.first_id, []),
                figures.get(relation.target_id, []),
                tolerance=tolerance,
                window=window,
            )
        if checks and relation.target.status is QuantityStatus.ACTIVE:
            target = ranked.setdefault(
                relation.target_id, _Ranked(relation.target_id, relation.target.key)
            )
            target.checks.extend((record, check) for check in checks)
    for quantity_id, members in figures.items():
        if quantity_id in ranked:
            ranked[quantity_id].figures = members
    return involved


def _compare(
    entry: _Ranked,
    decisions: dict[tuple[int, int], DecisionRecord],
    tolerance: Decimal,
    window: float,
    include_resolved: bool,
) -> None:
    assert entry.figures is not None
    comparison = compare_figures(entry.figures, tolerance, window)
    resolved = [d for d in comparison.disagreements if (d.lower, d.upper) in decisions]
    if resolved and not include_resolved:
        kept = tuple(d for d in comparison.disagreements if d not in resolved)
        comparison = replace(comparison, disagreements=kept)
        entry.hidden = len(resolved)
    entry.comparison = comparison


def compare_quantities(
    session: Session,
    *,
    quantity: str | None = None,
    topic: str | None = None,
    tolerance: Decimal = DEFAULT_TOLERANCE,
    window: float = DEFAULT_WINDOW_MONTHS,
    include_resolved: bool = False,
    limit: int | None = None,
) -> ConflictReport:
    """Compare the figures of every quantity with two or more, and explain each difference
    (see :mod:`provenance.conflicts`; ``window`` is in months); check the catalogue's
    arithmetic relations.

    Deprecated and rejected claims, and proposed quantities, are left out. Quantities with a
    contradiction or an inconsistent check come first, the most severe first; then those
    whose differences are explained; then those whose figures agree, by key. ``limit`` keeps
    the first so many in full (``None``: all); the counts cover every quantity.
    """
    wanted = _wanted(session, quantity, topic)
    b = QuantityBounds
    statement = (
        select(b.quantity_id, Quantity.key, b.figures)
        .add_columns(b.low_max, b.low_max_widened, b.high_min, b.high_min_widened)
        .join(Quantity, Quantity.id == b.quantity_id)
        .where(Quantity.status == QuantityStatus.ACTIVE, b.figures >= 2)
    )
    ranked: dict[int, _Ranked] = {}
    candidates = []
    for quantity_id, key, *bounds in session.execute(statement):
        ranked[quantity_id] = _Ranked(quantity_id, key)
        if may_disagree(Bounds(*bounds), tolerance):
            candidates.append(quantity_id)
    involved = _arithmetic(session, ranked, tolerance, window)
    if wanted is not None:
        ranked = {key: entry for key, entry in ranked.items() if key in wanted}
    decisions = _decisions(session)
    unread = [i for i in candidates if i in ranked and ranked[i].figures is None]
    for quantity_id, members in _figures(session, unread).items():
        ranked[quantity_id].figures = members
    for quantity_id in {*candidates, *involved} & ranked.keys():
        _compare(ranked[quantity_id], decisions, tolerance, window, include_resolved)
    severities = {key: entry.severity() for key, entry in ranked.items()}
    order = sorted(ranked.values(), key=lambda entry: severities[entry.quantity_id])
    contradicting = sum(not severity[0] for severity in severities.values())
    agreeing = sum(severity[0] and severity[1] for severity in severities.values())
    shown = order if limit is None else order[:limit]
    return ConflictReport(
        compared=len(order),
        contradicting=contradicting,
        explained=len(order) - contradicting - agreeing,
        agreeing=agreeing,
        shown=len(shown),
        results=_full(session, shown, decisions, tolerance, window, include_resolved),
    )


def _full(
    session: Session,
    entries: Sequence[_Ranked],
    decisions: dict[tuple[int, int], DecisionRecord],
    tolerance: Decimal,
    window: float,
    include_resolved: bool,
) -> Iterator[QuantityComparison]:
    """The shown quantities with full records, built a chunk of quantities at a time."""
    for i in range(0, len(entries), CHUNK):
        chunk = entries[i : i + CHUNK]
        unread = [entry.quantity_id for entry in chunk if entry.figures is None]
        figures = _figures(session, unread)
        for entry in chunk:
            if entry.figures is None:
                entry.figures = figures.get(entry.quantity_id, [])
            if entry.comparison is None:
                _compare(entry, decisions, tolerance, window, include_resolved)
        wanted = {f.id for entry in chunk for f in entry.figures or ()}
        wanted |= {i for entry in chunk for _, check in entry.checks for i in check.inputs}
        records = {c.id: c for c in _records(session, wanted)}
        quantities = session.scalars(
            select(Quantity)
            .where(Quantity.id.in_([entry.quantity_id for entry in chunk]))
            .options(selectinload(Quantity.topics), selectinload(Quantity.terms))
        )
        by_id = {q.id: quantity_record(session, q) for q in quantities}
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
