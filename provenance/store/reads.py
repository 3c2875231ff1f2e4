"""Reading: ORM rows become frozen records; listings, one claim's provenance, comparisons."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from itertools import repeat
from operator import attrgetter, itemgetter
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Integer,
    Select,
    String,
    any_,
    case,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased, selectinload

from provenance.errors import InputError, NotFoundError
from provenance.exports import Citable, Cited, citation_keys
from provenance.figures import Hedge
from provenance.models import (
    Agent,
    AgentAlias,
    Claim,
    ConflictDecision,
    Document,
    DocumentVersion,
    ExactDecimal,
    Quantity,
    QuantityRelation,
    QuantityTerm,
    Topic,
    claim_topic,
    document_citation,
    document_topic,
    quantity_topic,
)
from provenance.periods import parse_period
from provenance.records import (
    AgentRecord,
    ClaimRecord,
    DecisionRecord,
    DocumentRecord,
    LinkOrigin,
    Modality,
    Origin,
    ProvenanceChain,
    QuantityRecord,
    QuantityStatus,
    Rank,
    RelationRecord,
    ReviewStatus,
    VersionRecord,
)
from provenance.store import search
from provenance.store.lookup import find_quantity


@dataclass(frozen=True, slots=True)
class ClaimQuery:
    """Filters for :func:`list_claims`; all given filters must hold."""

    topic: str | None = None
    quantity: str | None = None
    outlet: str | None = None
    speaker: str | None = None
    since: str | None = None
    until: str | None = None
    search: str | None = None
    ids: tuple[int, ...] = field(default=())


def _claim_record(claim: Claim) -> ClaimRecord:
    document, primary, speaker = claim.document, claim.primary_source, claim.stated_by
    return ClaimRecord(
        id=claim.id,
        figure=claim.figure,
        low=claim.low,
        high=claim.high,
        unit=claim.unit,
        hedge=claim.hedge,
        quantity=claim.quantity.key if claim.quantity else None,
        quantity_label=claim.quantity.label if claim.quantity else None,
        counted=claim.counted,
        stated_by=speaker.name if speaker else None,
        stated_by_kind=speaker.kind if speaker else None,
        role=claim.role,
        channel=claim.channel,
        cue=claim.cue,
        outlet=document.outlet.name if document and document.outlet else None,
        published=document.published if document else None,
        title=document.title if document else None,
        author=document.author if document else None,
        url=document.url if document else None,
        document_id=document.id if document else None,
        primary_source=primary.title if primary else None,
        primary_source_by=primary.outlet.name if primary and primary.outlet else None,
        primary_source_url=primary.url if primary else None,
        primary_source_published=primary.published if primary else None,
        quote=claim.quote,
        figure_start=claim.figure_start,
        figure_end=claim.figure_end,
        as_of=claim.as_of,
        scope=claim.scope,
        modality=claim.modality,
        status=claim.status,
        rank=claim.rank,
        rank_reason=claim.rank_reason,
        origin=claim.origin,
        topics=tuple(topic.name for topic in claim.topics),
        link_origin=claim.link_origin,
        link_reason=claim.link_reason,
        withdrawn_in=claim.withdrawn_in,
    )


def _claims_select() -> Select[Claim]:
    return select(Claim).options(
        selectinload(Claim.quantity),
        selectinload(Claim.stated_by),
        selectinload(Claim.topics),
        selectinload(Claim.document).selectinload(Document.outlet),
        selectinload(Claim.primary_source).selectinload(Document.outlet),
    )


def _agent_matches(agent: type[Agent], text: str) -> ColumnElement[bool]:
    pattern = f"%{text.strip().lower()}%"
    alias = aliased(AgentAlias)
    return or_(
        func.lower(agent.name).like(pattern),
        select(alias.id)
        .where(alias.agent_id == agent.id, func.lower(alias.alias).like(pattern))
        .exists(),
    )


def topic_matches(
    name: str, document: type[Document] | None, quantity: type[Quantity]
) -> ColumnElement[bool]:
    """A topic tag on the claim or its quantity, and on its document when one is given."""
    wanted = select(Topic.id).where(func.lower(Topic.name) == name.strip().lower())
    conditions = [
        select(claim_topic.c.claim_id)
        .where(claim_topic.c.claim_id == Claim.id, claim_topic.c.topic_id.in_(wanted))
        .exists(),
        select(quantity_topic.c.quantity_id)
        .where(quantity_topic.c.quantity_id == quantity.id, quantity_topic.c.topic_id.in_(wanted))
        .exists(),
    ]
    if document is not None:
        conditions.append(
            select(document_topic.c.document_id)
            .where(
                document_topic.c.document_id == document.id, document_topic.c.topic_id.in_(wanted)
            )
            .exists()
        )
    return or_(*conditions)


# A listing reads its rows this many at a time, and builds and hands them on batch by batch:
# a listing of a million claims streams in a few megabytes.
BATCH = 2_000

_CLAIM_COLUMNS = (  # the claim's own columns a ClaimRecord carries, read as they are stored
    "id", "figure", "low", "high", "unit", "hedge", "counted", "role", "channel", "cue", "quote",
    "figure_start", "figure_end", "as_of", "scope", "modality", "status", "rank", "rank_reason",
    "origin", "link_origin", "link_reason", "withdrawn_in",
)  # fmt: skip
# Enum columns are read as their stored text and turned into members here, one dictionary
# lookup each (SQLAlchemy's per-value conversion took a tenth of a long listing's time).
_ENUMS: dict[str, type[StrEnum]] = {
    "hedge": Hedge, "modality": Modality, "status": ReviewStatus, "rank": Rank,
    "origin": Origin, "link_origin": LinkOrigin,
}  # fmt: skip


def _members(kind: type[StrEnum]) -> dict[str | None, Any]:
    return {None: None} | {member.value: member for member in kind}


_HEDGES, _MODALITIES, _STATUSES, _RANKS, _ORIGINS, _LINK_ORIGINS = (
    _members(kind) for kind in _ENUMS.values()
)
# Exact decimals likewise, through their type's own conversion called directly.
_EXACT = ExactDecimal()
_AS_STORED = frozenset({*_ENUMS, "low", "high"})


@dataclass(frozen=True, slots=True)
class _Picked:
    """The claims a :class:`ClaimQuery` picks (their ids selected, unordered), what orders
    them before their publication date (a topic's or a search's ranking), and the joined
    document whose date orders them then, oldest first and undated last, then by id."""

    statement: Select[Any]
    first: tuple[Any, ...]
    document: Any

    def ordered(self, statement: Select[Any], by_index: bool) -> list[Select[Any]]:
        """``statement`` (the picked claims' columns) in listing order: one statement, or,
        ``by_index`` when their date alone orders them, the dated claims (read through the
        index of publication dates: the first page of millions takes milliseconds, not a
        sort of them all), then the undated ones. (Read in full, one sort is quicker.)"""
        published = self.document.published
        if self.first or not by_index:
            return [statement.order_by(*self.first, published.is_(None), published, Claim.id)]
        return [
            statement.where(published.is_not(None)).order_by(published, Claim.id),
            statement.where(published.is_(None)).order_by(Claim.id),
        ]


def _picked(session: Session, query: ClaimQuery) -> _Picked:
    document = aliased(Document)
    statement: Select[Any] = select(Claim.id).outerjoin(document, Claim.document_id == document.id)
    if query.ids:
        statement = statement.where(Claim.id.in_(query.ids))
    if query.quantity is not None:
        found = find_quantity(session, query.quantity)
        if found is None:
            raise NotFoundError(f"no quantity {query.quantity!r} (see `provenance quantities`)")
        statement = statement.where(Claim.quantity_id == found.id)
    quantity = aliased(Quantity)
    if query.topic is not None:
        statement = statement.outerjoin(quantity, Claim.quantity_id == quantity.id)
        statement = statement.where(topic_matches(query.topic, document, quantity))
    # Outlets and speakers are matched first, their claims then found through an index.
    if query.outlet is not None:
        outlets = select(Agent.id).where(_agent_matches(Agent, query.outlet))
        statement = statement.where(document.outlet_id.in_(outlets))
    if query.speaker is not None:
        speakers = select(Agent.id).where(_agent_matches(Agent, query.speaker))
        statement = statement.where(Claim.stated_by_id.in_(speakers))
    if query.since is not None:
        statement = statement.where(document.published >= parse_period(query.since).start)
    if query.until is not None:
        statement = statement.where(document.published <= parse_period(query.until).end)
    order: list[Any] = []
    if query.topic is not None:
        # Claims tagged directly, or through their quantity, before those tagged through
        # their document only.
        order.append(case((topic_matches(query.topic, None, quantity), 0), else_=1))
    if query.search is not None:
        matches = search.match(session, query.search)
        statement = statement.join(matches, Claim.id == matches.c.claim_id)
        order.append(matches.c.rank)
    return _Picked(statement, tuple(order), document)


def _checked(limit: int | None) -> int | None:
    if limit is not None and limit < 0:
        raise InputError(f"a listing's limit is a number of rows, 0 or more: got {limit}")
    return limit


def _limited(statement: Select[Any], limit: int | None) -> Select[Any]:
    """At most ``limit`` rows (None: all of them), counted in SQL."""
    return statement if _checked(limit) is None else statement.limit(limit)


def _among(session: Session, column: Any, ids: Iterable[Any]) -> ColumnElement[bool]:
    """``column IN ids``, the ids bound as one parameter where the database reads a list from
    one (SQLite: a JSON array; PostgreSQL: an array): a statement of thousands of ids costs no
    more to compile than one of one (one parameter each took a tenth of a long listing)."""
    values = [value for value in ids if value is not None]
    dialect = session.get_bind().dialect.name
    condition: ColumnElement[bool]
    if dialect == "sqlite":
        listed = func.json_each(literal(json.dumps(values))).table_valued("value")
        condition = column.in_(select(listed.c.value))
    elif dialect == "postgresql":
        condition = column == any_(literal(values, ARRAY(Integer)))
    else:
        condition = column.in_(values)
    return condition


@dataclass(slots=True)
class _Names:
    """What claims point to, read once for all the claims that point to it: each document's
    publication date, title, author, URL and outlet; each speaker's name and kind; each
    quantity's key and label. A row of a listing then carries ids, not a join of six tables
    (a third of a long listing's time when SQLite sorted those wide rows)."""

    documents: dict[Any, tuple[Any, ...]] = field(default_factory=lambda: {None: (None,) * 5})
    agents: dict[Any, tuple[Any, ...]] = field(default_factory=lambda: {None: (None, None)})
    quantities: dict[Any, tuple[Any, ...]] = field(default_factory=lambda: {None: (None, None)})
    whole: bool = False  # every row of each table is read: nothing is left to look up

    def read(
        self,
        session: Session,
        quantities: Iterable[Any] | None = None,
        agents: Iterable[Any] | None = None,
        documents: Iterable[Any] | None = None,
    ) -> None:
        """Read those of these ids not read yet (None: every row of the table)."""
        if self.whole:
            return
        outlet = aliased(Agent)
        for known, ids, key, statement in (
            (self.documents, documents, Document.id, select(
                Document.id, Document.published, Document.title, Document.author,
                Document.url, outlet.name,
            ).outerjoin(outlet, Document.outlet_id == outlet.id)),
            (self.agents, agents, Agent.id, select(Agent.id, Agent.name, Agent.kind)),
            (self.quantities, quantities, Quantity.id,
             select(Quantity.id, Quantity.key, Quantity.label)),
        ):  # fmt: skip
            if ids is not None:
                wanted = set(ids).difference(known)
                if not wanted:
                    continue
                statement = statement.where(_among(session, key, wanted))
            for found, *values in session.connection().execute(statement):
                known[found] = tuple(values)
        self.whole = quantities is agents is documents is None


_TOPIC_SEPARATOR = "\x1f"  # the unit separator: whitespace, which no topic's name holds


def _topic_names(dialect: str) -> ColumnElement[Any] | None:
    """Each listed claim's topics by name in one text, in the claim's own row, on the
    databases whose aggregate this knows: a correlated subquery the database runs as it reads
    the row is a fraction of a query per batch (a twentieth of a long listing on SQLite)."""
    names = select(Topic.name).join(claim_topic, claim_topic.c.topic_id == Topic.id)
    names = names.where(claim_topic.c.claim_id == Claim.id)
    if dialect == "sqlite":  # group_concat keeps the order of the rows it is given
        ordered = names.order_by(Topic.name).correlate(Claim).subquery()
        return select(func.group_concat(ordered.c.name, _TOPIC_SEPARATOR)).scalar_subquery()
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import aggregate_order_by  # not needed on SQLite

        separator = aggregate_order_by(literal(_TOPIC_SEPARATOR), Topic.name)
        joined = func.string_agg(Topic.name, separator)
        return names.with_only_columns(joined).scalar_subquery()
    return None


def _claim_topics(session: Session, ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """The topics tagged on each of these claims, by name, in one query."""
    topics: dict[int, list[str]] = {}
    tagged = (
        select(claim_topic.c.claim_id, Topic.name)
        .join(Topic, Topic.id == claim_topic.c.topic_id)
        .where(_among(session, claim_topic.c.claim_id, ids))
        .order_by(Topic.name)
    )
    for claim_id, name in session.connection().execute(tagged):
        topics.setdefault(claim_id, []).append(name)
    return {claim_id: tuple(names) for claim_id, names in topics.items()}


CLAIM_FIELDS = tuple(item.name for item in fields(ClaimRecord))


@dataclass(frozen=True, slots=True)
class ClaimBatch:
    """A batch of a listing's claims, field by field: each of :data:`CLAIM_FIELDS` (a
    :class:`~provenance.records.ClaimRecord`'s) as the batch's values, in listing order.
    Listings write them a column at a time; :meth:`records` makes records of them."""

    columns: dict[str, Sequence[Any]]

    def __len__(self) -> int:
        return len(self.columns["id"])

    def __getitem__(self, part: slice) -> ClaimBatch:
        return ClaimBatch({name: values[part] for name, values in self.columns.items()})

    def records(self) -> list[ClaimRecord]:
        fields_in_order = (self.columns[name] for name in CLAIM_FIELDS)
        return [ClaimRecord(*values) for values in zip(*fields_in_order, strict=True)]


_PUBLISHED, _TITLE, _AUTHOR, _URL, _OUTLET = (itemgetter(i) for i in range(5))
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def _claim_batch(
    session: Session, rows: Sequence[Any], names: _Names, topics_in_row: bool
) -> ClaimBatch:
    """A batch of claims read as plain rows (:func:`iter_claim_batches`), column by column:
    what they point to from ``names``, their topics from the rows' last field (as
    :func:`_topic_names` joins them) or else in one query; no ORM object is built."""
    (
        ids, figure, low, high, unit, hedge, counted, role, channel, cue, quote, start, end,
        as_of, scope, modality, status, rank, rank_reason, origin, link_origin, link_reason,
        withdrawn_in, quantity_ids, speaker_ids, document_ids, primary_ids, *joined,
    ) = zip(*rows, strict=True)  # fmt: skip
    names.read(session, quantity_ids, speaker_ids, (*document_ids, *primary_ids))
    none, nothing, no_topics = (None, None), (None,) * 5, ()
    if topics_in_row:
        split = _TOPIC_SEPARATOR
        topics = [no_topics if text is None else tuple(text.split(split)) for text in joined[0]]
    else:
        tagged = _claim_topics(session, ids)
        topics = [tagged.get(key, no_topics) for key in ids]
    quantity = list(map(names.quantities.get, quantity_ids, repeat(none)))
    speaker = list(map(names.agents.get, speaker_ids, repeat(none)))
    document = list(map(names.documents.get, document_ids, repeat(nothing)))
    primary = list(map(names.documents.get, primary_ids, repeat(nothing)))
    dialect = session.get_bind().dialect
    if dialect.name == "sqlite":  # the canonical text process_result_value reads, read in bulk
        exact_low = [None if value is None else Decimal(value) for value in low]
        exact_high = [None if value is None else Decimal(value) for value in high]
    else:
        exact, dialects = _EXACT.process_result_value, repeat(dialect)
        exact_low, exact_high = list(map(exact, low, dialects)), list(map(exact, high, dialects))
    columns: dict[str, Sequence[Any]] = {
        "id": ids,
        "figure": figure,
        "low": exact_low,
        "high": exact_high,
        "unit": unit,
        "hedge": list(map(_HEDGES.__getitem__, hedge)),
        "quantity": list(map(_FIRST, quantity)),
        "quantity_label": list(map(_SECOND, quantity)),
        "counted": counted,
        "stated_by": list(map(_FIRST, speaker)),
        "stated_by_kind": list(map(_SECOND, speaker)),
        "role": role,
        "channel": channel,
        "cue": cue,
        "outlet": list(map(_OUTLET, document)),
        "published": list(map(_PUBLISHED, document)),
        "title": list(map(_TITLE, document)),
        "author": list(map(_AUTHOR, document)),
        "url": list(map(_URL, document)),
        "document_id": document_ids,
        "primary_source": list(map(_TITLE, primary)),
        "primary_source_by": list(map(_OUTLET, primary)),
        "primary_source_url": list(map(_URL, primary)),
        "primary_source_published": list(map(_PUBLISHED, primary)),
        "quote": quote,
        "figure_start": start,
        "figure_end": end,
        "as_of": as_of,
        "scope": scope,
        "modality": list(map(_MODALITIES.__getitem__, modality)),
        "status": list(map(_STATUSES.__getitem__, status)),
        "rank": list(map(_RANKS.__getitem__, rank)),
        "rank_reason": rank_reason,
        "origin": list(map(_ORIGINS.__getitem__, origin)),
        "topics": topics,
        "link_origin": list(map(_LINK_ORIGINS.__getitem__, link_origin)),
        "link_reason": link_reason,
        "withdrawn_in": withdrawn_in,
    }
    return ClaimBatch(columns)


def iter_claim_batches(
    session: Session, query: ClaimQuery | None = None, limit: int | None = None
) -> Iterator[ClaimBatch]:
    """:func:`list_claims` a batch at a time (read with ``yield_per``), field by field: a
    listing of every claim never holds them all. Listing every claim, every document, speaker
    and quantity is read first, once; otherwise those each batch points to."""
    picked = _picked(session, query or ClaimQuery())
    columns = [
        type_coerce(getattr(Claim, name), String) if name in _AS_STORED else getattr(Claim, name)
        for name in _CLAIM_COLUMNS
    ]
    columns += [Claim.quantity_id, Claim.stated_by_id, picked.document.id, Claim.primary_source_id]
    topics = _topic_names(session.get_bind().dialect.name)
    if topics is not None:
        columns.append(topics)
    names, left = _Names(), _checked(limit)
    if limit is None and query in (None, ClaimQuery()):  # every claim: every name, once
        names.read(session)
    # Plain rows from the connection: the ORM's result machinery would cost more than the rows.
    connection = session.connection()
    selected = picked.statement.with_only_columns(*columns)
    for statement in picked.ordered(selected, by_index=limit is not None):
        if left is not None and left <= 0:
            break
        found = connection.execute(
            _limited(statement, left), execution_options={"yield_per": BATCH}
        )
        with closing(found):  # a server's cursor is closed, even when the reader stops early
            for rows in found.partitions():
                left = None if left is None else left - len(rows)
                yield _claim_batch(session, rows, names, topics_in_row=topics is not None)


def iter_claims(
    session: Session, query: ClaimQuery | None = None, limit: int | None = None
) -> Iterator[ClaimRecord]:
    """:func:`list_claims`, streamed: records are built and yielded a batch at a time."""
    for batch in iter_claim_batches(session, query, limit):
        yield from batch.records()


def list_claims(
    session: Session, query: ClaimQuery | None = None, limit: int | None = None
) -> list[ClaimRecord]:
    """Claims matching every given filter, the first ``limit`` of them (None: all).

    ``topic`` matches tags on the claim, its quantity or its document (claims tagged directly
    or through their quantity come first); ``outlet`` and ``speaker`` match part of a name or
    alias; ``since``/``until`` bound the publication date (``2016``, ``2016-03`` or
    ``2016-03-25``); ``search`` is a full-text search (every word, stemmed) over the figure,
    quote, what is counted, the quantity, the speaker, the outlet and topics, best match first.
    Otherwise the oldest publication comes first.
    """
    return list(iter_claims(session, query, limit))


def total_claims(session: Session, query: ClaimQuery | None = None) -> int:
    """How many claims :func:`list_claims` lists without a limit, counted in one query."""
    picked = _picked(session, query or ClaimQuery())
    return session.scalar(select(func.count()).select_from(picked.statement.subquery())) or 0


def _get_claim(session: Session, claim_id: int) -> Claim:
    claim = session.scalar(_claims_select().where(Claim.id == claim_id))
    if claim is None:
        raise NotFoundError(f"no claim with id {claim_id}")
    return claim


def get_claim(session: Session, claim_id: int) -> ProvenanceChain:
    """One claim with its full provenance: the speaker, the document, its primary source."""
    claim = _get_claim(session, claim_id)
    return ProvenanceChain(
        claim=_claim_record(claim),
        quantity=quantity_record(session, claim.quantity) if claim.quantity else None,
        speaker=_agent_record(session, claim.stated_by) if claim.stated_by else None,
        document=_document_record(session, claim.document) if claim.document else None,
        primary_source=(
            _document_record(session, claim.primary_source) if claim.primary_source else None
        ),
    )


def _count_claims(session: Session, *conditions: ColumnElement[bool]) -> int:
    return session.scalar(select(func.count(Claim.id)).where(*conditions)) or 0


def quantity_record(session: Session, quantity: Quantity) -> QuantityRecord:
    """A quantity as listings show it (read as :func:`iter_quantities` reads it)."""
    return next(iter_quantities(session, None, ids=[quantity.id]))


def _document_record(session: Session, document: Document) -> DocumentRecord:
    return next(iter_sources(session, ids=[document.id]))


def _agent_record(session: Session, agent: Agent) -> AgentRecord:
    return next(iter_speakers(session, ids=[agent.id]))


def _expected(
    low: Decimal | None, high: Decimal | None
) -> tuple[Decimal | None, Decimal | None] | None:
    """A quantity's plausible range, None when it has no bound."""
    return None if low is None and high is None else (low, high)


def _versions(
    version: int,
    title: str | None,
    content_hash: str | None,
    created_at: datetime,
    earlier: Sequence[tuple[Any, ...]],
) -> tuple[VersionRecord, ...]:
    """Every text a document held, oldest first (``earlier``: each replaced version's number,
    title, hash, and when it was stored and replaced); nothing for a document of one
    version."""
    if version == 1:
        return ()
    current = (version, title, content_hash, earlier[-1][-1] if earlier else created_at, None)
    return tuple(VersionRecord(*values) for values in (*earlier, current))


def _describe_document(
    key: int, title: str | None, url: str | None, outlet: str | None, published: date | None
) -> str:
    parts = [title or url or f"document {key}"]
    if outlet is not None:
        parts.append(outlet)
    if published is not None:
        parts.append(published.isoformat())
    return ", ".join(parts)


def _claims_per(session: Session, column: Any, ids: Sequence[int] | None = None) -> dict[int, int]:
    """How many claims each value of a claim column has (of those ``ids``, or of all), in one
    grouped query."""
    statement = select(column, func.count(Claim.id)).group_by(column)
    if ids is not None:
        statement = statement.where(_among(session, column, ids))
    found = session.connection().execute(statement).all()  # fetched at once: 10 times faster
    return {key: n for key, n in found if key is not None}


def _grouped(
    session: Session, statement: Select[*tuple[Any, ...]], ids: Sequence[int] | None
) -> dict[Any, tuple[Any, ...]]:
    """The rows of a statement whose first column is an owner's id, in the statement's order,
    by owner: each row's second column (its others, as a tuple, when it has more), for the
    owners of these ``ids`` (None: all of them), in one query."""
    if ids is not None:
        owner = next(iter(statement.selected_columns))
        statement = statement.where(_among(session, owner, ids))
    found: dict[Any, list[Any]] = {}
    for owner_id, *values in session.connection().execute(statement).all():
        found.setdefault(owner_id, []).append(values[0] if len(values) == 1 else tuple(values))
    return {owner_id: tuple(values) for owner_id, values in found.items()}


def _topics_of(table: Any) -> Select[*tuple[Any, ...]]:
    """Each owner's topics by name, from a table tagging them (``document_topic``, ...)."""
    owner = next(column for column in table.c if column.name != "topic_id")
    return select(owner, Topic.name).join(Topic, Topic.id == table.c.topic_id).order_by(Topic.name)


def _row_batches(
    session: Session,
    statement: Select[*tuple[Any, ...]],
    limit: int | None,
    owned: Any,
    ids: Sequence[int] | None,
) -> Iterator[tuple[Sequence[Any], Any]]:
    """A listing's plain rows (their id first), a batch at a time, each with what ``owned``
    reads for the batch's ids: once, for every id (None), when the listing is whole (neither
    limited nor of some ``ids``: the records a comparison shows read what is theirs, not
    the counts of a million claims). Plain rows, not ORM objects, which cost twenty times the
    rows (listing 100,000 quantities took 6 s)."""
    session.flush()  # the rows are read from the connection: nothing pending is left out
    whole = owned(None) if limit is None and ids is None else None
    found = session.connection().execute(
        _limited(statement, limit), execution_options={"yield_per": BATCH}
    )
    with closing(found):  # a server's cursor is closed, even when the reader stops early
        for rows in found.partitions():
            yield rows, whole if whole is not None else owned([row[0] for row in rows])


def _quantities_select(status: QuantityStatus | None) -> Select[*tuple[Any, ...]]:
    variant = aliased(Quantity)
    statement = select(
        Quantity.id, Quantity.key, Quantity.label, Quantity.unit, Quantity.definition,
        Quantity.scope, Quantity.status, Quantity.place, Quantity.family, Quantity.cumulative,
        Quantity.window_months, Quantity.expected_low, Quantity.expected_high, variant.key,
        Quantity.period,
    ).outerjoin(variant, variant.id == Quantity.variant_of_id)  # fmt: skip
    if status is not None:
        statement = statement.where(Quantity.status == status)
    return statement.order_by(Quantity.key)


def iter_quantities(
    session: Session,
    status: QuantityStatus | None = QuantityStatus.ACTIVE,
    limit: int | None = None,
    ids: Sequence[int] | None = None,
) -> Iterator[QuantityRecord]:
    """:func:`list_quantities`, streamed a batch at a time (of these ``ids`` only, when
    given): their topics, terms and claims read in one grouped query each, for every quantity
    or for each batch of a limited listing."""
    statement = _quantities_select(status)
    if ids is not None:
        statement = statement.where(_among(session, Quantity.id, ids))
    topics = _topics_of(quantity_topic)
    terms = select(QuantityTerm.quantity_id, QuantityTerm.term, QuantityTerm.required).order_by(
        QuantityTerm.id
    )

    def owned(ids: list[int] | None) -> tuple[dict[Any, Any], ...]:
        return (
            _grouped(session, topics, ids),
            _grouped(session, terms, ids),
            _claims_per(session, Claim.quantity_id, ids),
        )

    for rows, (tagged, termed, counted) in _row_batches(session, statement, limit, owned, ids):
        for (
            key, name, label, unit, definition, scope, state, place, family, cumulative,
            window, low, high, variant, period,
        ) in rows:  # fmt: skip
            words = termed.get(key, ())
            yield QuantityRecord(
                id=key, key=name, label=label, unit=unit, definition=definition, scope=scope,
                topics=tagged.get(key, ()), claims=counted.get(key, 0),
                terms=tuple(term for term, required in words if not required),
                requires=tuple(term for term, required in words if required),
                status=state, place=place, family=family, cumulative=cumulative,
                window_months=window, expected=_expected(low, high), variant_of=variant,
                period=period,
            )  # fmt: skip


def list_quantities(
    session: Session,
    status: QuantityStatus | None = QuantityStatus.ACTIVE,
    limit: int | None = None,
) -> list[QuantityRecord]:
    """The catalogue (active quantities), or the proposed ones, or (``None``) all; the first
    ``limit`` of them by key (None: all)."""
    return list(iter_quantities(session, status, limit))


def total_quantities(
    session: Session, status: QuantityStatus | None = QuantityStatus.ACTIVE
) -> int:
    """How many quantities :func:`list_quantities` lists without a limit."""
    statement = select(func.count(Quantity.id))
    if status is not None:
        statement = statement.where(Quantity.status == status)
    return session.scalar(statement) or 0


def iter_sources(
    session: Session, limit: int | None = None, ids: Sequence[int] | None = None
) -> Iterator[DocumentRecord]:
    """:func:`list_sources`, streamed a batch at a time (of these ``ids`` only, when given):
    their topics, the documents they cite, their earlier versions and their claims read in
    one grouped query each, for every document or for each batch of a limited listing."""
    outlet, cited, cited_by = aliased(Agent), aliased(Document), aliased(Agent)
    listed = (
        Document.id, Document.title, outlet.name, Document.author, Document.url,
        Document.published, Document.retrieved, Document.content_hash, Document.version,
        Document.language, Document.fetched_at, Document.fetched_hash, Document.created_at,
    )  # fmt: skip
    statement = (
        select(*listed)
        .outerjoin(outlet, outlet.id == Document.outlet_id)
        .order_by(Document.published.is_(None), Document.published, Document.id)
    )
    if ids is not None:
        statement = statement.where(_among(session, Document.id, ids))
    topics = _topics_of(document_topic)
    described = (cited.id, cited.title, cited.url, cited_by.name, cited.published)
    cites = (
        select(document_citation.c.citing_id, *described)
        .join(cited, cited.id == document_citation.c.cited_id)
        .outerjoin(cited_by, cited_by.id == cited.outlet_id)
        .order_by(cited.id)
    )
    earlier = select(
        DocumentVersion.document_id, DocumentVersion.number, DocumentVersion.title,
        DocumentVersion.content_hash, DocumentVersion.stored_at, DocumentVersion.replaced_at,
    ).order_by(DocumentVersion.number)  # fmt: skip

    def owned(ids: list[int] | None) -> tuple[dict[Any, Any], ...]:
        return (
            _grouped(session, topics, ids),
            _grouped(session, cites, ids),
            _grouped(session, earlier, ids),
            _claims_per(session, Claim.document_id, ids),
        )

    for rows, (tagged, citing, versions, counted) in _row_batches(
        session, statement, limit, owned, ids
    ):
        for (
            key, title, outlet_name, author, url, published, retrieved, content_hash, version,
            language, fetched_at, fetched_hash, created_at,
        ) in rows:  # fmt: skip
            yield DocumentRecord(
                id=key, title=title, outlet=outlet_name, author=author, url=url,
                published=published, retrieved=retrieved, content_hash=content_hash,
                topics=tagged.get(key, ()),
                cites=tuple(_describe_document(*row) for row in citing.get(key, ())),
                claims=counted.get(key, 0), version=version,
                versions=_versions(
                    version, title, content_hash, created_at, versions.get(key, ())
                ),
                language=language, fetched_at=fetched_at, fetched_hash=fetched_hash,
            )  # fmt: skip


def list_sources(session: Session, limit: int | None = None) -> list[DocumentRecord]:
    """Every document (the first ``limit``; None: all), oldest publication first: articles
    that report figures and the primary sources they quote."""
    return list(iter_sources(session, limit))


def total_sources(session: Session) -> int:
    """How many documents :func:`list_sources` lists without a limit."""
    return session.scalar(select(func.count(Document.id))) or 0


def _roles(session: Session, ids: Sequence[int] | None) -> dict[int, tuple[str, ...]]:
    """The roles each speaker (of those ``ids``, or every one) stated figures in, read through
    the index of (speaker, role), not from every claim."""
    statement = (
        select(Claim.stated_by_id, Claim.role)
        .where(Claim.stated_by_id.is_not(None), Claim.role.is_not(None), Claim.role != "")
        .distinct()
        .order_by(Claim.stated_by_id, Claim.role)
    )
    return _grouped(session, statement, ids)


def iter_speakers(
    session: Session, limit: int | None = None, ids: Sequence[int] | None = None
) -> Iterator[AgentRecord]:
    """:func:`list_speakers`, streamed a batch at a time (of these ``ids`` only, when given):
    their aliases, roles and claims read in one grouped query each, for every speaker or for
    each batch of a limited listing."""
    statement = select(Agent.id, Agent.name, Agent.kind, Agent.description).order_by(
        func.lower(Agent.name), Agent.id
    )
    if ids is not None:
        statement = statement.where(_among(session, Agent.id, ids))
    aliases = select(AgentAlias.agent_id, AgentAlias.alias).order_by(AgentAlias.alias)

    def owned(ids: list[int] | None) -> tuple[dict[Any, Any], ...]:
        return (
            _grouped(session, aliases, ids),
            _roles(session, ids),
            _claims_per(session, Claim.stated_by_id, ids),
        )

    for rows, (named, stated, counted) in _row_batches(session, statement, limit, owned, ids):
        for key, name, kind, description in rows:
            yield AgentRecord(
                key, name, kind, description, named.get(key, ()), stated.get(key, ()),
                counted.get(key, 0),
            )  # fmt: skip


def list_speakers(session: Session, limit: int | None = None) -> list[AgentRecord]:
    """Every agent that stated a figure or published a document (the first ``limit`` by
    name; None: all)."""
    return list(iter_speakers(session, limit))


def total_speakers(session: Session) -> int:
    """How many agents :func:`list_speakers` lists without a limit."""
    return session.scalar(select(func.count(Agent.id))) or 0


def relation_record(relation: QuantityRelation) -> RelationRecord:
    return RelationRecord(
        relation.kind,
        relation.target.key,
        relation.first.key,
        relation.second.key if relation.second else None,
    )


def list_relations(session: Session) -> list[RelationRecord]:
    """The relations the catalogue states between quantities."""
    relations = session.scalars(select(QuantityRelation).order_by(QuantityRelation.id))
    return [relation_record(relation) for relation in relations]


def decision_record(decision: ConflictDecision) -> DecisionRecord:
    return DecisionRecord(
        pair=f"{decision.lower_claim_id}-{decision.upper_claim_id}",
        lower=decision.lower_claim_id,
        upper=decision.upper_claim_id,
        decision=decision.decision,
        note=decision.note,
        decided_at=decision.decided_at,
    )


@dataclass(frozen=True, slots=True)
class Citations:
    """Claims with the documents they are cited from, and every document's citation key."""

    cited: tuple[Cited, ...]
    documents: tuple[DocumentRecord, ...]  # the documents and primary sources cited
    keys: dict[int, str]


def cite_claims(session: Session, claims: Sequence[ClaimRecord]) -> Citations:
    """What exports need of these claims: where each is cited from, the cited documents, and
    citation keys worked out over every document (so a key never depends on the selection)."""
    ids = [claim.id for claim in claims]
    where: dict[int, tuple[int | None, int | None]] = {}
    for i in range(0, len(ids), 5_000):
        statement = select(Claim.id, Claim.document_id, Claim.primary_source_id)
        for claim_id, document, primary in session.execute(
            statement.where(Claim.id.in_(ids[i : i + 5_000]))
        ):
            where[claim_id] = (document, primary)
    outlet = aliased(Agent)
    everything = session.execute(
        select(
            Document.id, Document.author, outlet.name, Document.title, Document.published
        ).outerjoin(outlet, Document.outlet_id == outlet.id)
    )
    keys = citation_keys(
        Citable(key, author, name, title, published.year if published else None)
        for key, author, name, title, published in everything
    )
    cited = tuple(Cited(claim, *where[claim.id]) for claim in claims)
    wanted = {i for item in cited for i in (item.document, item.primary_source) if i is not None}
    records = sorted(iter_sources(session, ids=sorted(wanted)), key=attrgetter("id"))
    return Citations(cited, tuple(records), keys)
