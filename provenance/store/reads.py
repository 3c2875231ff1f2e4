"""Reading: ORM rows become frozen records; listings, one claim's provenance, comparisons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from provenance.errors import NotFoundError
from provenance.exports import Citable, Cited, citation_keys
from provenance.models import (
    Agent,
    AgentAlias,
    Claim,
    ConflictDecision,
    Document,
    Quantity,
    QuantityRelation,
    Topic,
    claim_topic,
    document_topic,
    quantity_topic,
)
from provenance.periods import parse_period
from provenance.records import (
    AgentRecord,
    ClaimRecord,
    DecisionRecord,
    DocumentRecord,
    ProvenanceChain,
    QuantityRecord,
    QuantityStatus,
    RelationRecord,
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


_CLAIM_COLUMNS = (  # the claim's own columns a ClaimRecord carries, by the same names
    "id", "figure", "low", "high", "unit", "hedge", "counted", "role", "channel", "cue", "quote",
    "figure_start", "figure_end", "as_of", "scope", "modality", "status", "rank", "rank_reason",
    "origin", "link_origin", "link_reason", "withdrawn_in",
)  # fmt: skip


def _rows_to_records(session: Session, rows: Sequence[Any]) -> list[ClaimRecord]:
    """Records of claims read as plain rows (:func:`list_claims`), with their topics read in
    one grouped query: no ORM object is built, so a listing costs a row, not an object graph."""
    topics: dict[int, list[str]] = {}
    ids = {row.id for row in rows}
    if ids:
        tagged = select(claim_topic.c.claim_id, Topic.name).join(
            Topic, Topic.id == claim_topic.c.topic_id
        )
        if len(ids) <= 500:
            tagged = tagged.where(claim_topic.c.claim_id.in_(ids))
        else:  # one range, filtered here: no statement of thousands of parameters
            tagged = tagged.where(claim_topic.c.claim_id.between(min(ids), max(ids)))
        for claim_id, name in session.execute(tagged.order_by(Topic.name)):
            if claim_id in ids:
                topics.setdefault(claim_id, []).append(name)
    return [
        ClaimRecord(
            **{name: getattr(row, name) for name in _CLAIM_COLUMNS},
            quantity=row.quantity_key,
            quantity_label=row.quantity_label,
            stated_by=row.speaker_name,
            stated_by_kind=row.speaker_kind,
            outlet=row.outlet_name,
            published=row.published,
            title=row.title,
            author=row.author,
            url=row.url,
            document_id=row.document_id,
            primary_source=row.primary_title,
            primary_source_by=row.primary_outlet,
            primary_source_url=row.primary_url,
            primary_source_published=row.primary_published,
            topics=tuple(topics.get(row.id, ())),
        )
        for row in rows
    ]


def list_claims(session: Session, query: ClaimQuery | None = None) -> list[ClaimRecord]:
    """Claims matching every given filter.

    ``topic`` matches tags on the claim, its quantity or its document (claims tagged directly
    or through their quantity come first); ``outlet`` and ``speaker`` match part of a name or
    alias; ``since``/``until`` bound the publication date (``2016``, ``2016-03`` or
    ``2016-03-25``); ``search`` is a full-text search (every word, stemmed) over the figure,
    quote, what is counted, the quantity, the speaker, the outlet and topics, best match first.
    Otherwise the oldest publication comes first.
    """
    query = query or ClaimQuery()
    document = aliased(Document)
    outlet = aliased(Agent)
    speaker = aliased(Agent)
    quantity = aliased(Quantity)
    primary = aliased(Document)
    primary_outlet = aliased(Agent)
    statement: Select[Any] = (
        select(
            *(getattr(Claim, name) for name in _CLAIM_COLUMNS),
            quantity.key.label("quantity_key"),
            quantity.label.label("quantity_label"),
            speaker.name.label("speaker_name"),
            speaker.kind.label("speaker_kind"),
            outlet.name.label("outlet_name"),
            document.published,
            document.title,
            document.author,
            document.url,
            document.id.label("document_id"),
            primary.title.label("primary_title"),
            primary_outlet.name.label("primary_outlet"),
            primary.url.label("primary_url"),
            primary.published.label("primary_published"),
        )
        .outerjoin(document, Claim.document_id == document.id)
        .outerjoin(outlet, document.outlet_id == outlet.id)
        .outerjoin(speaker, Claim.stated_by_id == speaker.id)
        .outerjoin(quantity, Claim.quantity_id == quantity.id)
        .outerjoin(primary, Claim.primary_source_id == primary.id)
        .outerjoin(primary_outlet, primary.outlet_id == primary_outlet.id)
    )
    if query.ids:
        statement = statement.where(Claim.id.in_(query.ids))
    if query.quantity is not None:
        found = find_quantity(session, query.quantity)
        if found is None:
            raise NotFoundError(f"no quantity {query.quantity!r} (see `provenance quantities`)")
        statement = statement.where(Claim.quantity_id == found.id)
    if query.topic is not None:
        statement = statement.where(topic_matches(query.topic, document, quantity))
    if query.outlet is not None:
        statement = statement.where(_agent_matches(outlet, query.outlet))
    if query.speaker is not None:
        statement = statement.where(_agent_matches(speaker, query.speaker))
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
    statement = statement.order_by(
        *order, document.published.is_(None), document.published, Claim.id
    )
    return _rows_to_records(session, session.execute(statement).all())


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


def quantity_record(
    session: Session, quantity: Quantity, claims: int | None = None
) -> QuantityRecord:
    """A quantity as listings show it; ``claims`` when the caller counted them already."""
    return QuantityRecord(
        id=quantity.id,
        key=quantity.key,
        label=quantity.label,
        unit=quantity.unit,
        definition=quantity.definition,
        scope=quantity.scope,
        topics=tuple(topic.name for topic in quantity.topics),
        claims=(
            _count_claims(session, Claim.quantity_id == quantity.id) if claims is None else claims
        ),
        terms=tuple(term.term for term in quantity.terms if not term.required),
        requires=tuple(term.term for term in quantity.terms if term.required),
        status=quantity.status,
        place=quantity.place,
        family=quantity.family,
        cumulative=quantity.cumulative,
        window_months=quantity.window_months,
        expected=(
            (quantity.expected_low, quantity.expected_high)
            if quantity.expected_low is not None or quantity.expected_high is not None
            else None
        ),
        variant_of=quantity.variant_of.key if quantity.variant_of is not None else None,
        period=quantity.period,
    )


def _document_record(
    session: Session, document: Document, claims: int | None = None
) -> DocumentRecord:
    return DocumentRecord(
        id=document.id,
        title=document.title,
        outlet=document.outlet.name if document.outlet else None,
        author=document.author,
        url=document.url,
        published=document.published,
        retrieved=document.retrieved,
        content_hash=document.content_hash,
        topics=tuple(topic.name for topic in document.topics),
        cites=tuple(_describe_document(cited) for cited in document.cites),
        claims=(
            _count_claims(session, Claim.document_id == document.id) if claims is None else claims
        ),
        version=document.version,
        versions=_versions(document),
        language=document.language,
        fetched_at=document.fetched_at,
        fetched_hash=document.fetched_hash,
    )


def _versions(document: Document) -> tuple[VersionRecord, ...]:
    """Every text the document held, oldest first; nothing for a document of one version."""
    if document.version == 1:
        return ()
    earlier = tuple(
        VersionRecord(v.number, v.title, v.content_hash, v.stored_at, v.replaced_at)
        for v in document.versions
    )
    current = VersionRecord(
        document.version,
        document.title,
        document.content_hash,
        document.versions[-1].replaced_at if document.versions else document.created_at,
        None,
    )
    return (*earlier, current)


def _describe_document(document: Document) -> str:
    parts = [document.title or document.url or f"document {document.id}"]
    if document.outlet is not None:
        parts.append(document.outlet.name)
    if document.published is not None:
        parts.append(document.published.isoformat())
    return ", ".join(parts)


def _agent_record(
    session: Session, agent: Agent, counted: tuple[int, tuple[str, ...]] | None = None
) -> AgentRecord:
    """An agent as listings show it; ``counted``, its claims and roles, when the caller
    worked them out for many agents at once."""
    if counted is None:
        roles = session.scalars(
            select(Claim.role)
            .where(Claim.stated_by_id == agent.id, Claim.role.is_not(None))
            .distinct()
            .order_by(Claim.role)
        ).all()
        counted = (
            _count_claims(session, Claim.stated_by_id == agent.id),
            tuple(role for role in roles if role),
        )
    return AgentRecord(
        id=agent.id,
        name=agent.name,
        kind=agent.kind,
        description=agent.description,
        aliases=tuple(alias.alias for alias in agent.aliases),
        roles=counted[1],
        claims=counted[0],
    )


def _claims_per(session: Session, column: Any) -> dict[int, int]:
    """How many claims each value of a claim column has, in one grouped query."""
    return {
        key: n
        for key, n in session.execute(select(column, func.count(Claim.id)).group_by(column))
        if key is not None
    }


def list_quantities(
    session: Session, status: QuantityStatus | None = QuantityStatus.ACTIVE
) -> list[QuantityRecord]:
    """The catalogue (active quantities), or the proposed ones, or (``None``) all."""
    statement = select(Quantity).options(
        selectinload(Quantity.topics),
        selectinload(Quantity.terms),
        selectinload(Quantity.variant_of),
    )
    if status is not None:
        statement = statement.where(Quantity.status == status)
    counts = _claims_per(session, Claim.quantity_id)
    quantities = session.scalars(statement.order_by(Quantity.key))
    return [quantity_record(session, q, counts.get(q.id, 0)) for q in quantities]


def list_sources(session: Session) -> list[DocumentRecord]:
    """Every document: articles that report figures and the primary sources they quote."""
    documents = session.scalars(
        select(Document)
        .options(
            selectinload(Document.outlet),
            selectinload(Document.topics),
            selectinload(Document.cites).selectinload(Document.outlet),
        )
        .order_by(Document.published.is_(None), Document.published, Document.id)
    )
    counts = _claims_per(session, Claim.document_id)
    return [_document_record(session, d, counts.get(d.id, 0)) for d in documents]


def list_speakers(session: Session) -> list[AgentRecord]:
    """Every agent that stated a figure or published a document."""
    agents = session.scalars(
        select(Agent).options(selectinload(Agent.aliases)).order_by(func.lower(Agent.name))
    )
    counts = _claims_per(session, Claim.stated_by_id)
    roles: dict[int, list[str]] = {}
    for agent_id, role in session.execute(
        select(Claim.stated_by_id, Claim.role)
        .where(Claim.stated_by_id.is_not(None), Claim.role.is_not(None), Claim.role != "")
        .distinct()
        .order_by(Claim.stated_by_id, Claim.role)
    ):
        if agent_id is not None and role:
            roles.setdefault(agent_id, []).append(role)
    return [
        _agent_record(session, a, (counts.get(a.id, 0), tuple(roles.get(a.id, ())))) for a in agents
    ]


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
    ordered = sorted(wanted)
    records: list[DocumentRecord] = []
    for i in range(0, len(ordered), 5_000):
        documents = session.scalars(
            select(Document)
            .where(Document.id.in_(ordered[i : i + 5_000]))
            .options(selectinload(Document.outlet), selectinload(Document.topics))
            .order_by(Document.id)
        )
        records += [_document_record(session, document) for document in documents]
    return Citations(cited, tuple(records), keys)
