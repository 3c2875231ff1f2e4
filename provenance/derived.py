"""Derived data, kept up to date in one place: every session the project opens comes from
:data:`Sessions`, whose flush and commit hooks bring it up to date inside the transaction that
changed what it is derived from. Nothing else writes it, and no caller refreshes it by hand.

- **Search text** (``claim.search_text``: figure, quote, what it counts, its quantity and the
  quantity's topics, speaker and aliases, outlet, topics), rewritten at each flush for every
  claim that changed and for every claim of a quantity, speaker or document whose name, label
  or topics changed.
- **Quantity bounds** (:class:`~provenance.models.QuantityBounds`: how many comparable figures
  a quantity has and their extreme bounds), recomputed after each flush for the quantities
  whose claims, pair decisions or documents changed.
- **Standings** (how a quantity's figures stand with the default tolerance and window, which
  `conflicts` ranks by), worked out as the transaction commits for the quantities it touched.
- **Proposals** (claims that match no catalogue quantity, grouped into proposed ones),
  regrouped as the transaction commits when it added or unlinked such claims. A batch ingest
  (one transaction per article) sets :data:`DEFER_PROPOSALS` on each transaction and regroups
  once at its end: regrouping after every article would cost the square of the batch.

The hooks are attached to :data:`Sessions` alone: a plain :class:`~sqlalchemy.orm.Session`
elsewhere in the process (another library's) is never touched by them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from operator import itemgetter
from types import EllipsisType
from typing import Any

from sqlalchemy import Table, event, inspect, select
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.orm.attributes import get_history

from provenance.conflicts import Bounds, bounds_of
from provenance.models import (
    Agent,
    AgentAlias,
    Claim,
    ConflictDecision,
    Document,
    Quantity,
    QuantityBounds,
    comparable_claims,
)

Sessions = sessionmaker(expire_on_commit=False)
"""The project's sessions (bind one with ``Sessions(bind=engine)``): the only ones whose
flushes and commits keep derived data up to date."""

DEFER_PROPOSALS = "defer_proposals"  # session.info key: this transaction leaves proposals alone
_PROPOSALS_STALE = "proposals_stale"
_BOUNDS_TOUCHED = "bounds_touched"
_BOUNDS_CLAIMS = "bounds_claims"
_BOUNDS_DOCUMENTS = "bounds_documents"
_BOUNDS_DEFERRED = "bounds_deferred"
_STANDINGS = "standings_touched"
BOUNDS_CHUNK = 5_000  # ids per IN list, well under every database's parameter limit

# A claim's own columns and links its search text is made of.
_SEARCHED = ("figure", "counted", "quote", "role", "scope", "quantity", "quantity_id",
             "stated_by", "stated_by_id", "document", "document_id", "topics")  # fmt: skip
# What a claim's search text is made of, loaded with it rather than one query at a time.
_SEARCH_LOADS = (
    selectinload(Claim.quantity).selectinload(Quantity.topics),
    selectinload(Claim.stated_by).selectinload(Agent.aliases),
    selectinload(Claim.document).selectinload(Document.outlet).selectinload(Agent.aliases),
    selectinload(Claim.topics),
)


# ---------------------------------------------------------------------------------------------
# Search text


def search_text(claim: Claim, quantity: Quantity | EllipsisType | None = ...) -> str:
    """The text a claim is found by; ``quantity`` stands in for the claim's when given (for a
    claim whose ``quantity_id`` was just set)."""
    linked = claim.quantity if isinstance(quantity, EllipsisType) else quantity
    speaker = claim.stated_by
    document = claim.document
    return search_words(
        (claim.figure, claim.counted, claim.quote, claim.role, claim.scope),
        quantity_words(linked),
        (speaker.name, *(alias.alias for alias in speaker.aliases)) if speaker else (),
        document.outlet.name if document is not None and document.outlet is not None else None,
        [topic.name for topic in claim.topics],
    )


def quantity_words(quantity: Quantity | None) -> tuple[str, ...]:
    """What a claim's search text takes from its quantity: its label, key and topics."""
    if quantity is None:
        return ()
    return (quantity.label, quantity.key.replace("-", " "), *(t.name for t in quantity.topics))


def search_words(
    own: Sequence[str | None],
    quantity: Sequence[str],
    speaker: Sequence[str],
    outlet: str | None,
    topics: Sequence[str],
) -> str:
    """A claim's search text from its parts (see :func:`search_text`): its own words (figure,
    what it counts, quote, role, place), then its quantity's, its speaker's names, its
    outlet's and its topics, for callers that read them as columns rather than objects."""
    parts = [*own, *quantity, *speaker, outlet, *topics]
    return " ".join(part for part in parts if part)


def _changed(item: object, names: Iterable[str]) -> bool:
    attrs = inspect(item).attrs
    return any(attrs[name].history.has_changes() for name in names)


def _quantity_of(session: Session, claim: Claim) -> Quantity | None:
    """The quantity a pending claim will point at: its ``quantity``, unless only its
    ``quantity_id`` was set (a bulk move), which the relationship does not see until reloaded."""
    if (
        not get_history(claim, "quantity").has_changes()
        and get_history(claim, "quantity_id").has_changes()
    ):
        return session.get(Quantity, claim.quantity_id) if claim.quantity_id is not None else None
    return claim.quantity


def _claims_of_changed(session: Session, handled: set[int]) -> list[Claim]:
    """Stored claims whose search text another row's change made stale: those of a quantity
    renamed or given other topics, of a speaker renamed or given an alias, of a document
    given another outlet (or of an outlet renamed)."""
    quantities: set[int] = set()
    agents: set[int] = set()
    documents: set[int] = set()
    for item in session.dirty:
        if isinstance(item, Quantity) and _changed(item, ("label", "key", "topics")):
            quantities.add(item.id)
        elif isinstance(item, Agent) and _changed(item, ("name", "aliases")):
            agents.add(item.id)
        elif isinstance(item, Document) and _changed(item, ("outlet", "outlet_id")):
            documents.add(item.id)
    for item in (*session.new, *session.deleted):
        if isinstance(item, AgentAlias) and item.agent_id is not None:
            agents.add(item.agent_id)
    if agents:
        outlets = session.scalars(select(Document.id).where(Document.outlet_id.in_(agents)))
        documents.update(outlets)
    found: list[Claim] = []
    for ids, column in (
        (quantities, Claim.quantity_id),
        (agents, Claim.stated_by_id),
        (documents, Claim.document_id),
    ):
        ordered = sorted(i for i in ids if i is not None)
        for i in range(0, len(ordered), BOUNDS_CHUNK):
            statement = (
                select(Claim)
                .where(column.in_(ordered[i : i + BOUNDS_CHUNK]))
                .options(*_SEARCH_LOADS)
            )
            for claim in session.scalars(statement):
                if claim.id not in handled:
                    handled.add(claim.id)
                    found.append(claim)
    return found


def _update_search(session: Session) -> None:
    handled: set[int] = set()
    for claim in session.new:
        if isinstance(claim, Claim):
            claim.search_text = search_text(claim, _quantity_of(session, claim))
            if claim.id is not None:
                handled.add(claim.id)
    for claim in list(session.dirty):
        if isinstance(claim, Claim) and _changed(claim, _SEARCHED):
            claim.search_text = search_text(claim, _quantity_of(session, claim))
            handled.add(claim.id)
    for claim in _claims_of_changed(session, handled):
        claim.search_text = search_text(claim)


# ---------------------------------------------------------------------------------------------
# Quantity bounds


def compute_bounds(session: Session, quantity_ids: set[int] | None = None) -> dict[int, Bounds]:
    """The :class:`~provenance.conflicts.Bounds` of these quantities (all when ``None``), from
    their claims; quantities with no comparable claim are left out."""
    chunks: list[list[int] | None] = [None]
    if quantity_ids is not None:
        ids = sorted(quantity_ids)
        chunks = [ids[i : i + BOUNDS_CHUNK] for i in range(0, len(ids), BOUNDS_CHUNK)]
    found: dict[int, Bounds] = {}
    for chunk in chunks:
        statement = (
            select(Claim.quantity_id, Claim.low, Claim.high, Claim.hedge)
            .where(Claim.quantity_id.is_not(None), comparable_claims())
            .order_by(Claim.quantity_id)
        )
        if chunk is not None:
            statement = statement.where(Claim.quantity_id.in_(chunk))
        # Rows come ordered by quantity: each quantity's bounds are worked out as its rows
        # stream past, so memory does not grow with the number of claims.
        rows = session.execute(statement.execution_options(yield_per=10_000))
        for quantity_id, figures in groupby(rows, key=itemgetter(0)):
            assert quantity_id is not None
            found[quantity_id] = bounds_of(row[1:] for row in figures)
    return found


def refresh_bounds(session: Session, quantity_ids: set[int] | None = None) -> None:
    """Recompute the :class:`QuantityBounds` rows of these quantities (all when ``None``);
    their standings are cleared, for the commit to work out again."""
    table = QuantityBounds.__table__
    assert isinstance(table, Table)
    bounds = compute_bounds(session, quantity_ids)
    if quantity_ids is None:
        session.execute(table.delete())
    else:  # those left with no comparable figure; the others are written over below
        upserts = session.get_bind().dialect.name in _UPSERTING
        gone = sorted(quantity_ids - bounds.keys() if upserts else quantity_ids)
        for i in range(0, len(gone), BOUNDS_CHUNK):
            session.execute(
                table.delete().where(table.c.quantity_id.in_(gone[i : i + BOUNDS_CHUNK]))
            )
    rows = [
        {
            "quantity_id": key,
            "figures": b.figures,
            "low_max": b.low_max,
            "low_max_widened": b.low_max_widened,
            "high_min": b.high_min,
            "high_min_widened": b.high_min_widened,
        }
        for key, b in bounds.items()
    ]
    if rows:
        session.execute(_upsert(session, table), rows)
    standings: set[int] | None = session.info.get(_STANDINGS, set())
    session.info[_STANDINGS] = None if quantity_ids is None or standings is None else (
        standings | quantity_ids
    )  # fmt: skip


_UPSERTING = frozenset({"postgresql", "sqlite"})  # INSERT ... ON CONFLICT DO UPDATE


def _upsert(session: Session, table: Table) -> Any:
    """An insert of bounds rows that writes over a quantity's row if it has one, and clears its
    standing: two writers that touch one quantity at once (on PostgreSQL) then both succeed,
    where a delete and an insert would fail the second on the primary key."""
    dialect = session.get_bind().dialect.name
    if dialect not in _UPSERTING:
        return table.insert()  # other databases: the caller's delete has made room
    from sqlalchemy.dialects import postgresql, sqlite

    statement = (postgresql if dialect == "postgresql" else sqlite).insert(table)
    columns = ("figures", "low_max", "low_max_widened", "high_min", "high_min_widened")
    written = {name: statement.excluded[name] for name in columns}
    return statement.on_conflict_do_update(
        index_elements=["quantity_id"], set_={**written, "standing": None, "worst_gap": None}
    )


def bounds_differences(session: Session) -> list[int]:
    """Quantities whose stored bounds differ from their claims': none, unless the database
    was changed behind the tool's back (see `provenance db check --fix`)."""
    b = QuantityBounds
    columns = (b.quantity_id, b.figures, b.low_max, b.low_max_widened, b.high_min)
    stored = {
        row[0]: Bounds(*row[1:]) for row in session.execute(select(*columns, b.high_min_widened))
    }
    fresh = compute_bounds(session)
    return sorted(key for key in stored.keys() | fresh.keys() if stored.get(key) != fresh.get(key))


def _quantity_ids(claim: Claim, *, before: bool) -> set[int]:
    """The quantities a pending claim belongs to (``before``: also those it is leaving)."""
    ids = {claim.quantity_id} | ({claim.quantity.id} if claim.quantity is not None else set())
    if before:
        for attribute in ("quantity_id", "quantity"):
            for old in get_history(claim, attribute).deleted or ():
                ids.add(old.id if isinstance(old, Quantity) else old)
    return {i for i in ids if i is not None}


def _note_bounds(session: Session) -> None:
    touched: set[int] = session.info.setdefault(_BOUNDS_TOUCHED, set())
    claims: set[int] = session.info.setdefault(_BOUNDS_CLAIMS, set())
    documents: set[int] = session.info.setdefault(_BOUNDS_DOCUMENTS, set())
    for item in (*session.new, *session.dirty, *session.deleted):
        if isinstance(item, Claim):
            touched |= _quantity_ids(item, before=True)
        elif isinstance(item, ConflictDecision):  # the pair's verdict, so the standing, moves
            claims |= {item.lower_claim_id, item.upper_claim_id}
        elif isinstance(item, Document) and item.id is not None:  # its date dates the claims
            documents.add(item.id)


@contextlib.contextmanager
def bounds_deferred(session: Session) -> Iterator[None]:
    """Within the block, flushes note the quantities they touch and the bounds of all of them
    are recomputed once as it ends, for a bulk change (regrouping every proposal) that
    flushes a chunk at a time and would otherwise recompute the same quantities each time."""
    deferred: set[int] = set()
    session.info[_BOUNDS_DEFERRED] = deferred
    try:
        yield
        session.flush()
    finally:
        session.info.pop(_BOUNDS_DEFERRED, None)
    if deferred:
        refresh_bounds(session, deferred)


def claims_inserted(session: Session, quantity_ids: Iterable[int | None], unlinked: bool) -> None:
    """Bring derived data up to date for claims a bulk INSERT stored, bypassing the flush (their
    search text is in their rows): the bounds of the quantities they joined, now (or when the
    enclosing :func:`bounds_deferred` block ends), and so their standings at the commit; and,
    when some joined no quantity (``unlinked``), the proposals, at the commit."""
    if unlinked:
        session.info[_PROPOSALS_STALE] = True
    ids = {i for i in quantity_ids if i is not None}
    if not ids:
        return
    deferred: set[int] | None = session.info.get(_BOUNDS_DEFERRED)
    if deferred is not None:
        deferred |= ids
    else:
        refresh_bounds(session, ids)


def moved_claims(session: Session, quantity_ids: Iterable[int | None]) -> None:
    """Note quantities whose claims a bulk UPDATE moved, bypassing the flush: their bounds are
    recomputed when the enclosing :func:`bounds_deferred` block ends (a bulk move runs in
    one), and so their standings when the transaction commits."""
    deferred: set[int] | None = session.info.get(_BOUNDS_DEFERRED)
    if deferred is None:
        raise RuntimeError("a bulk move of claims runs in a bounds_deferred block")
    deferred.update(i for i in quantity_ids if i is not None)


def _refresh_touched_bounds(session: Session) -> None:
    touched: set[int] = session.info.pop(_BOUNDS_TOUCHED, set())
    claims: set[int] = session.info.pop(_BOUNDS_CLAIMS, set())
    documents: set[int] = session.info.pop(_BOUNDS_DOCUMENTS, set())
    for claim in (*session.new, *session.dirty):
        if isinstance(claim, Claim):
            touched |= _quantity_ids(claim, before=False)
    for ids, column in ((claims, Claim.id), (documents, Claim.document_id)):
        ordered = sorted(i for i in ids if i is not None)
        for i in range(0, len(ordered), BOUNDS_CHUNK):
            chunk = ordered[i : i + BOUNDS_CHUNK]
            found = session.scalars(select(Claim.quantity_id).where(column.in_(chunk)))
            touched |= {quantity_id for quantity_id in found if quantity_id is not None}
    deferred: set[int] | None = session.info.get(_BOUNDS_DEFERRED)
    if deferred is not None:
        deferred |= touched
    elif touched:
        refresh_bounds(session, touched)


# ---------------------------------------------------------------------------------------------
# Proposals


def _note_proposals(session: Session) -> None:
    """A claim that joins, leaves or changes the pool proposals are grouped from (no quantity
    and no person's decision, or linked automatically to a proposal) makes them stale."""
    if session.info.get(_PROPOSALS_STALE):
        return
    for item in (*session.new, *session.deleted):
        if isinstance(item, Claim) and item.link_origin is None:
            session.info[_PROPOSALS_STALE] = True
            return
    for item in session.dirty:
        if isinstance(item, Claim) and _changed(
            item, ("quantity", "quantity_id", "link_origin", "counted", "unit", "withdrawn_in")
        ):
            session.info[_PROPOSALS_STALE] = True
            return


def proposals_regrouped(session: Session) -> None:
    """Called by the regrouping itself once it has flushed: the proposals are up to date."""
    session.info.pop(_PROPOSALS_STALE, None)


# ---------------------------------------------------------------------------------------------
# The hooks


@event.listens_for(Sessions, "before_flush")
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    _update_search(session)
    _note_bounds(session)
    _note_proposals(session)


@event.listens_for(Sessions, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    _refresh_touched_bounds(session)


@event.listens_for(Sessions, "before_commit")
def _before_commit(session: Session) -> None:
    session.flush()
    if session.info.get(_PROPOSALS_STALE) and not session.info.get(DEFER_PROPOSALS):
        from provenance.store.linkage import refresh_proposals

        refresh_proposals(session)
        session.flush()
    touched: set[int] | None = session.info.pop(_STANDINGS, set())
    if touched is None or touched:
        from provenance.store.compare import store_standings

        store_standings(session, touched)
