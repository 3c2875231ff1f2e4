"""Reading: ORM rows become frozen records; listings, one claim's provenance, comparisons."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from provenance.conflicts import (
    DEFAULT_TOLERANCE,
    DEFAULT_WINDOW_MONTHS,
    ArithmeticCheck,
    Comparison,
    check_part,
    check_product,
    compare_figures,
)
from provenance.conflicts import Figure as Comparable
from provenance.errors import NotFoundError
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
    Rank,
    RelationKind,
    RelationRecord,
    ReviewStatus,
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


def _topic_matches(
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
    statement = _claims_select()
    document = aliased(Document)
    outlet = aliased(Agent)
    speaker = aliased(Agent)
    quantity = aliased(Quantity)
    statement = (
        statement.outerjoin(document, Claim.document_id == document.id)
        .outerjoin(outlet, document.outlet_id == outlet.id)
        .outerjoin(speaker, Claim.stated_by_id == speaker.id)
        .outerjoin(quantity, Claim.quantity_id == quantity.id)
    )
    if query.ids:
        statement = statement.where(Claim.id.in_(query.ids))
    if query.quantity is not None:
        found = find_quantity(session, query.quantity)
        if found is None:
            raise NotFoundError(f"no quantity {query.quantity!r} (see `provenance quantities`)")
        statement = statement.where(Claim.quantity_id == found.id)
    if query.topic is not None:
        statement = statement.where(_topic_matches(query.topic, document, quantity))
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
        order.append(case((_topic_matches(query.topic, None, quantity), 0), else_=1))
    if query.search is not None:
        matches = search.match(session, query.search)
        statement = statement.join(matches, Claim.id == matches.c.claim_id)
        order.append(matches.c.rank)
    statement = statement.order_by(
        *order, document.published.is_(None), document.published, Claim.id
    )
    return [_claim_record(claim) for claim in session.scalars(statement).unique()]


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
        quantity=_quantity_record(session, claim.quantity) if claim.quantity else None,
        speaker=_agent_record(session, claim.stated_by) if claim.stated_by else None,
        document=_document_record(session, claim.document) if claim.document else None,
        primary_source=(
            _document_record(session, claim.primary_source) if claim.primary_source else None
        ),
    )


def _count_claims(session: Session, *conditions: ColumnElement[bool]) -> int:
    return session.scalar(select(func.count(Claim.id)).where(*conditions)) or 0


def _quantity_record(session: Session, quantity: Quantity) -> QuantityRecord:
    return QuantityRecord(
        id=quantity.id,
        key=quantity.key,
        label=quantity.label,
        unit=quantity.unit,
        definition=quantity.definition,
        scope=quantity.scope,
        topics=tuple(topic.name for topic in quantity.topics),
        claims=_count_claims(session, Claim.quantity_id == quantity.id),
        terms=tuple(term.term for term in quantity.terms if not term.required),
        requires=tuple(term.term for term in quantity.terms if term.required),
        status=quantity.status,
    )


def _document_record(session: Session, document: Document) -> DocumentRecord:
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
        claims=_count_claims(session, Claim.document_id == document.id),
    )


def _describe_document(document: Document) -> str:
    parts = [document.title or document.url or f"document {document.id}"]
    if document.outlet is not None:
        parts.append(document.outlet.name)
    if document.published is not None:
        parts.append(document.published.isoformat())
    return ", ".join(parts)


def _agent_record(session: Session, agent: Agent) -> AgentRecord:
    roles = session.scalars(
        select(Claim.role)
        .where(Claim.stated_by_id == agent.id, Claim.role.is_not(None))
        .distinct()
        .order_by(Claim.role)
    ).all()
    return AgentRecord(
        id=agent.id,
        name=agent.name,
        kind=agent.kind,
        description=agent.description,
        aliases=tuple(alias.alias for alias in agent.aliases),
        roles=tuple(role for role in roles if role),
        claims=_count_claims(session, Claim.stated_by_id == agent.id),
    )


def list_quantities(
    session: Session, status: QuantityStatus | None = QuantityStatus.ACTIVE
) -> list[QuantityRecord]:
    """The catalogue (active quantities), or the proposed ones, or (``None``) all."""
    statement = select(Quantity).options(
        selectinload(Quantity.topics), selectinload(Quantity.terms)
    )
    if status is not None:
        statement = statement.where(Quantity.status == status)
    quantities = session.scalars(statement.order_by(Quantity.key))
    return [_quantity_record(session, quantity) for quantity in quantities]


def list_sources(session: Session) -> list[DocumentRecord]:
    """Every document: articles that report figures and the primary sources they quote."""
    documents = session.scalars(
        select(Document)
        .options(selectinload(Document.outlet), selectinload(Document.cites))
        .order_by(Document.published.is_(None), Document.published, Document.id)
    )
    return [_document_record(session, document) for document in documents]


def list_speakers(session: Session) -> list[AgentRecord]:
    """Every agent that stated a figure or published a document."""
    agents = session.scalars(
        select(Agent).options(selectinload(Agent.aliases)).order_by(func.lower(Agent.name))
    )
    return [_agent_record(session, agent) for agent in agents]


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


def _comparable(claim: ClaimRecord) -> bool:
    return claim.rank is not Rank.DEPRECATED and claim.status is not ReviewStatus.REJECTED


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


def _decisions(session: Session, claim_ids: list[int]) -> dict[tuple[int, int], DecisionRecord]:
    """Decisions on pairs among these claims, by (lower id, upper id) in either order."""
    rows = session.scalars(
        select(ConflictDecision).where(ConflictDecision.lower_claim_id.in_(claim_ids))
    )
    found: dict[tuple[int, int], DecisionRecord] = {}
    for row in rows:
        record = decision_record(row)
        found[(record.lower, record.upper)] = found[(record.upper, record.lower)] = record
    return found


def _arithmetic(
    session: Session,
    grouped: dict[str, list[ClaimRecord]],
    quantities: dict[str, QuantityRecord],
    tolerance: Decimal,
    window: float,
) -> dict[str, list[tuple[RelationRecord, ArithmeticCheck]]]:
    """The catalogue's relations checked on the figures at hand, by target quantity."""
    figures = {key: [_comparable_figure(c) for c in members] for key, members in grouped.items()}
    found: dict[str, list[tuple[RelationRecord, ArithmeticCheck]]] = {}
    for relation in list_relations(session):
        if relation.kind is RelationKind.PRODUCT and relation.second is not None:
            share, total = relation.first, relation.second
            if quantities.get(share) and quantities[share].unit != "percent":
                share, total = total, share
            checks = check_product(
                figures.get(share, []),
                figures.get(total, []),
                figures.get(relation.target, []),
                percent=True,
                tolerance=tolerance,
                window=window,
            )
        else:
            checks = check_part(
                figures.get(relation.first, []),
                figures.get(relation.target, []),
                tolerance=tolerance,
                window=window,
            )
        if checks:
            found.setdefault(relation.target, []).extend((relation, c) for c in checks)
    return found


def _comparable_figure(claim: ClaimRecord) -> Comparable:
    """A claim with the context that can explain a difference: its period, stated scope, and
    what it traces to (the primary source it was quoted from, else who stated it). With no
    as-of, a figure describes the day it was published."""
    period = parse_period(claim.as_of) if claim.as_of else None
    when = (period.start, period.end) if period else None
    if when is None and claim.published is not None:
        when = (claim.published, claim.published)
    source = claim.primary_source or claim.primary_source_url or claim.stated_by
    return Comparable(
        claim.id,
        claim.low,
        claim.high,
        claim.hedge,
        when,
        claim.scope,
        source,
        claim.published,
        claim.document_id,
    )


def compare_quantities(
    session: Session,
    *,
    quantity: str | None = None,
    topic: str | None = None,
    tolerance: Decimal = DEFAULT_TOLERANCE,
    window: float = DEFAULT_WINDOW_MONTHS,
    include_resolved: bool = False,
) -> list[QuantityComparison]:
    """For each quantity with two or more figures, compare them and explain each difference
    (see :mod:`provenance.conflicts`; ``window`` is in months).

    Deprecated and rejected claims, and proposed quantities, are left out. Quantities with a
    contradiction come first, the most severe first; then those whose differences are
    explained; then those whose figures agree.
    """
    claims = list_claims(session)  # every claim: arithmetic may combine other quantities'
    wanted = None
    if quantity is not None or topic is not None:
        wanted = {
            c.quantity for c in list_claims(session, ClaimQuery(quantity=quantity, topic=topic))
        }
    grouped: dict[str, list[ClaimRecord]] = {}
    for claim in claims:
        if claim.quantity is not None and _comparable(claim):
            grouped.setdefault(claim.quantity, []).append(claim)
    quantities = {q.key: q for q in list_quantities(session)}
    arithmetic = _arithmetic(session, grouped, quantities, tolerance, window)
    by_id = {claim.id: claim for members in grouped.values() for claim in members}
    results = []
    for key, members in grouped.items():
        if key not in quantities or (len(members) < 2 and key not in arithmetic):
            continue  # one figure has nothing to disagree with; proposals wait for a person
        if wanted is not None and key not in wanted:
            continue
        members.sort(key=lambda c: (c.rank is not Rank.PREFERRED, c.published or date.max, c.id))
        figures = [_comparable_figure(c) for c in members]
        comparison = compare_figures(figures, tolerance, window)
        decisions = _decisions(session, [c.id for c in members])
        resolved = [d for d in comparison.disagreements if (d.lower, d.upper) in decisions]
        if resolved and not include_resolved:
            kept = tuple(d for d in comparison.disagreements if d not in resolved)
            comparison = replace(comparison, disagreements=kept)
        hidden = 0 if include_resolved else len(resolved)
        checks = tuple(arithmetic.get(key, ()))
        used = {i for _, check in checks for i in check.inputs}
        inputs = tuple(by_id[i] for i in sorted(used) if i in by_id)
        results.append(
            QuantityComparison(
                quantities[key], tuple(members), comparison, decisions, hidden, checks, inputs
            )
        )

    def severity(result: QuantityComparison) -> tuple[object, ...]:
        worst = result.comparison.disagreements
        return (
            not (result.comparison.contradictions or result.inconsistent),
            result.comparison.agree,
            -(worst[0].relative_gap if worst else 0),
            result.quantity.key,
        )

    return sorted(results, key=severity)
