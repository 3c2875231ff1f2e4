"""The library API over a database session: add, import, list, show, rank and compare claims.

Every function takes an open :class:`~sqlalchemy.orm.Session` (see
:func:`provenance.db.session_scope`), raises :class:`~provenance.errors.ProvenanceError`
subclasses with user-ready messages, never prints, and returns frozen records from
:mod:`provenance.records`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from provenance.conflicts import DEFAULT_TOLERANCE, Comparison, compare_figures
from provenance.conflicts import Figure as Comparable
from provenance.errors import ImportFileError, InputError, NotFoundError
from provenance.extract import ExtractedClaim
from provenance.figures import FigureError, Hedge, format_decimal, parse_figure
from provenance.models import Agent, AgentAlias, Claim, Document, Quantity, Topic
from provenance.periods import Period, parse_date, parse_period
from provenance.reading import Article
from provenance.records import (
    AgentKind,
    AgentRecord,
    ClaimRecord,
    DocumentRecord,
    ImportSummary,
    Modality,
    Origin,
    ProvenanceChain,
    QuantityRecord,
    Rank,
    ReviewStatus,
)

# ---------------------------------------------------------------------------------------------
# Inputs


@dataclass(frozen=True, slots=True)
class QuantityInput:
    """A quantity as a person defines it; ``key`` is derived from the label when not given."""

    label: str
    unit: str | None = None
    key: str | None = None
    definition: str | None = None
    scope: str | None = None
    topics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimInput:
    """One claim as a person types it: text values, checked and converted by :func:`add_claim`.

    ``low``, ``high``, ``unit`` and ``hedge``, when given, override what is parsed from
    ``figure``; that is how a person fixes a figure the grammar reads wrongly.
    """

    figure: str
    quantity: str | None = None
    counted: str | None = None
    stated_by: str | None = None
    stated_by_kind: str | None = None
    role: str | None = None
    channel: str | None = None
    cue: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    author: str | None = None
    url: str | None = None
    primary_source: str | None = None
    primary_source_by: str | None = None
    primary_source_url: str | None = None
    primary_source_published: str | None = None
    quote: str | None = None
    as_of: str | None = None
    scope: str | None = None
    modality: str | None = None
    topics: tuple[str, ...] = ()
    status: str | None = None
    rank: str | None = None
    rank_reason: str | None = None
    low: str | None = None
    high: str | None = None
    unit: str | None = None
    hedge: str | None = None


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


# ---------------------------------------------------------------------------------------------
# Checking values


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


_E = TypeVar("_E", AgentKind, Modality, ReviewStatus, Rank, Hedge)


def _choice(enum: type[_E], value: str | None, what: str, default: _E) -> _E:
    value = _clean(value)
    if value is None:
        return default
    normalised = value.lower().replace(" ", "_").replace("-", "_")
    try:
        return enum(normalised)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise InputError(f"unknown {what} {value!r} (expected one of: {allowed})") from None


def _decimal(value: str | None, what: str) -> Decimal | None:
    value = _clean(value)
    if value is None:
        return None
    try:
        number = Decimal(value.replace(",", ""))
    except InvalidOperation:
        raise InputError(f"{what} is not a number: {value!r}") from None
    if not number.is_finite():
        raise InputError(f"{what} is not a finite number: {value!r}")
    return number


def _date(value: str | None, what: str) -> date | None:
    value = _clean(value)
    if value is None:
        return None
    try:
        return parse_date(value)
    except InputError as exc:
        raise InputError(f"{what}: {exc}") from None


def _period(value: str | None) -> Period | None:
    value = _clean(value)
    return None if value is None else parse_period(value)


_SLUG = re.compile(r"[^a-z0-9]+")
_NAME_WITH_ABBREVIATION = re.compile(r"^(?P<name>.+?)\s*\((?P<abbr>[^()]{1,20})\)$")


def slugify(text: str) -> str:
    """A short key for a label: ``"Share who returned (%)"`` -> ``"share-who-returned"``.

    >>> slugify("Share of EU fighters who returned")
    'share-of-eu-fighters-who-returned'
    """
    slug = _SLUG.sub("-", text.lower()).strip("-")
    return slug[:60].rstrip("-") or "quantity"


# ---------------------------------------------------------------------------------------------
# Finding or creating the things a claim points at


def _topics(session: Session, names: Iterable[str]) -> list[Topic]:
    topics: list[Topic] = []
    for raw in names:
        name = _clean(raw)
        if name is None:
            continue
        topic = session.scalar(select(Topic).where(func.lower(Topic.name) == name.lower()))
        if topic is None:
            topic = Topic(name=name)
            session.add(topic)
        if topic not in topics:
            topics.append(topic)
    return topics


def find_agent(session: Session, name: str) -> Agent | None:
    """The agent called ``name`` or known by that alias, ignoring case."""
    lowered = name.strip().lower()
    agent = session.scalar(select(Agent).where(func.lower(Agent.name) == lowered))
    if agent is None:
        agent = session.scalar(
            select(Agent).join(AgentAlias).where(func.lower(AgentAlias.alias) == lowered)
        )
    return agent


def _agent(session: Session, written: str, kind: AgentKind) -> Agent:
    """Find or create an agent. "International Centre for Counter-Terrorism (ICCT)" is stored as
    the name with "ICCT" as an alias, so later mentions of either find the same agent."""
    name, abbreviation = written.strip(), None
    match = _NAME_WITH_ABBREVIATION.match(name)
    if match:
        name, abbreviation = match["name"].strip(), match["abbr"].strip()
    agent = find_agent(session, name) or (
        find_agent(session, abbreviation) if abbreviation else None
    )
    if agent is None:
        agent = Agent(name=name, kind=kind)
        session.add(agent)
    if abbreviation and abbreviation.lower() != agent.name.lower():
        known = {alias.alias.lower() for alias in agent.aliases}
        if abbreviation.lower() not in known and find_agent(session, abbreviation) in (None, agent):
            agent.aliases.append(AgentAlias(alias=abbreviation))
    return agent


def _document(
    session: Session,
    *,
    outlet: Agent | None,
    title: str | None,
    url: str | None,
    published: date | None,
    author: str | None = None,
) -> Document | None:
    """Find the document by URL, else by outlet, title and date; create it when new. Fields
    the stored document lacks are filled in; stored values are never overwritten."""
    if outlet is None and title is None and url is None:
        return None
    document = None
    if url is not None:
        document = session.scalar(select(Document).where(Document.url == url))
    if document is None:
        conditions = [
            Document.outlet_id == outlet.id if outlet else Document.outlet_id.is_(None),
            Document.title == title if title else Document.title.is_(None),
            Document.published == published if published else Document.published.is_(None),
        ]
        if url is not None:  # a document with another URL is another document
            conditions.append(Document.url.is_(None))
        document = session.scalars(select(Document).where(*conditions)).first()
    if document is None:
        document = Document(outlet=outlet, title=title, url=url, published=published)
        session.add(document)
    for name, value in (("title", title), ("url", url), ("published", published)):
        if getattr(document, name) is None and value is not None:
            setattr(document, name, value)
    if document.author is None and author is not None:
        document.author = author
    if document.outlet is None and outlet is not None:
        document.outlet = outlet
    return document


def find_quantity(session: Session, ref: str) -> Quantity | None:
    """A quantity by id, key or label (ignoring case)."""
    ref = ref.strip()
    if ref.isdigit():
        found = session.get(Quantity, int(ref))
        if found is not None:
            return found
    lowered = ref.lower()
    return session.scalar(
        select(Quantity).where(
            or_(func.lower(Quantity.key) == lowered, func.lower(Quantity.label) == lowered)
        )
    )


def _new_key(session: Session, wanted: str) -> str:
    base, key, n = wanted, wanted, 1
    while session.scalar(select(Quantity.id).where(Quantity.key == key)) is not None:
        n += 1
        key = f"{base}-{n}"
    return key


def define_quantity(session: Session, spec: QuantityInput) -> tuple[QuantityRecord, bool]:
    """Create a quantity, or complete the one with the same key or label.

    Returns the record and whether it was created. An existing quantity's unit never changes:
    a different unit is an error, as its claims are in the old one.
    """
    label = _clean(spec.label)
    if label is None:
        raise InputError("a quantity needs a label")
    unit = _clean(spec.unit)
    quantity = find_quantity(session, spec.key or label) or find_quantity(session, label)
    created = quantity is None
    if quantity is None:
        if unit is None:
            raise InputError(f"quantity {label!r} needs a unit (count, percent, GBP ...)")
        key = slugify(spec.key) if spec.key else _new_key(session, slugify(label))
        quantity = Quantity(key=key, label=label, unit=unit)
        session.add(quantity)
    elif unit is not None and unit != quantity.unit:
        raise InputError(f"quantity {quantity.key!r} is measured in {quantity.unit}, not {unit}")
    quantity.definition = _clean(spec.definition) or quantity.definition
    quantity.scope = _clean(spec.scope) or quantity.scope
    for topic in _topics(session, spec.topics):
        if topic not in quantity.topics:
            quantity.topics.append(topic)
    session.flush()
    return _quantity_record(session, quantity), created


# ---------------------------------------------------------------------------------------------
# Adding claims


@dataclass(frozen=True, slots=True)
class _Figure:
    text: str
    low: Decimal | None
    high: Decimal | None
    unit: str
    hedge: Hedge
    counted: str | None


def _read_figure(data: ClaimInput) -> _Figure:
    text = _clean(data.figure)
    if text is None:
        raise InputError("a claim needs a figure (the number as written)")
    try:
        parsed = parse_figure(text)
    except FigureError as exc:
        if data.low is None and data.high is None:
            raise InputError(str(exc)) from None
        parsed = None
    low = _decimal(data.low, "low") if _clean(data.low) else (parsed.low if parsed else None)
    high = _decimal(data.high, "high") if _clean(data.high) else (parsed.high if parsed else None)
    unit = _clean(data.unit) or (parsed.unit if parsed else "count")
    default_hedge = parsed.hedge if parsed else Hedge.EXACT
    hedge = _choice(Hedge, data.hedge, "hedge", default_hedge)
    if low is not None and high is not None and low > high:
        raise InputError(f"figure {text!r}: low {low} is above high {high}")
    if low is None and high is None:
        raise InputError(f"figure {text!r} has neither a low nor a high bound")
    counted = _clean(data.counted)
    if counted is None and parsed is not None:
        counted = _clean(text[parsed.end :])
    return _Figure(text, low, high, unit, hedge, counted)


def add_claim(
    session: Session, data: ClaimInput, *, origin: Origin = Origin.HAND
) -> tuple[ClaimRecord, bool]:
    """Check and store one claim with its provenance.

    Returns the record and whether it is new: a claim identical to a stored one (same
    document, figure, quote, speaker and quantity) is not stored twice.
    """
    _read_figure(data)  # a bad figure is reported before anything else is looked up
    published = _date(data.published, "published")
    outlet_name = _clean(data.outlet)
    outlet = _agent(session, outlet_name, AgentKind.OUTLET) if outlet_name else None
    session.flush()
    document = _document(
        session,
        outlet=outlet,
        title=_clean(data.title),
        url=_clean(data.url),
        published=published,
        author=_clean(data.author),
    )
    return _store_claim(session, data, document=document, origin=origin)


def _store_claim(
    session: Session,
    data: ClaimInput,
    *,
    document: Document | None,
    origin: Origin,
    figure_start: int | None = None,
    quote_span: tuple[int, int] | None = None,
) -> tuple[ClaimRecord, bool]:
    """Store one claim in ``document`` (the shared step of adding, importing and ingesting).
    ``figure_start`` is the figure's offset in the quote, ``quote_span`` the quote's offsets
    in the document's body; without them the figure is looked for in the quote."""
    figure = _read_figure(data)
    period = _period(data.as_of)
    modality = _choice(Modality, data.modality, "modality", Modality.REPORTED)
    status = _choice(ReviewStatus, data.status, "review status", ReviewStatus.UNREVIEWED)
    rank = _choice(Rank, data.rank, "rank", Rank.NORMAL)
    rank_reason = _clean(data.rank_reason)
    if rank is Rank.DEPRECATED and rank_reason is None:
        raise InputError(f"figure {figure.text!r}: a deprecated claim needs a reason")
    speaker_kind = _choice(AgentKind, data.stated_by_kind, "speaker kind", AgentKind.PERSON)
    speaker_name = _clean(data.stated_by)
    outlet = document.outlet if document is not None else None
    speaker = _agent(session, speaker_name, speaker_kind) if speaker_name else outlet

    primary = None
    primary_by_name = _clean(data.primary_source_by)
    if _clean(data.primary_source) or _clean(data.primary_source_url):
        publisher = (
            _agent(session, primary_by_name, AgentKind.ORGANISATION) if primary_by_name else None
        )
        session.flush()
        primary = _document(
            session,
            outlet=publisher,
            title=_clean(data.primary_source),
            url=_clean(data.primary_source_url),
            published=_date(data.primary_source_published, "primary source published"),
        )
        if document is not None and primary is not None and primary not in document.cites:
            document.cites.append(primary)
    elif primary_by_name:
        raise InputError(
            f"figure {figure.text!r}: primary_source_by needs a primary_source title or URL"
        )

    quantity = None
    quantity_ref = _clean(data.quantity)
    if quantity_ref is not None:
        quantity = find_quantity(session, quantity_ref)
        if quantity is None:
            record, _ = define_quantity(session, QuantityInput(quantity_ref, unit=figure.unit))
            quantity = session.get_one(Quantity, record.id)
        elif quantity.unit != figure.unit:
            raise InputError(
                f"figure {figure.text!r} is in {figure.unit} but quantity {quantity.key!r} "
                f"is measured in {quantity.unit}"
            )

    quote = _clean(data.quote)
    session.flush()
    duplicate = session.scalar(
        _claims_select().where(
            Claim.document_id == document.id if document else Claim.document_id.is_(None),
            Claim.figure == figure.text,
            Claim.quote == quote if quote else Claim.quote.is_(None),
            Claim.stated_by_id == speaker.id if speaker else Claim.stated_by_id.is_(None),
            Claim.quantity_id == quantity.id if quantity else Claim.quantity_id.is_(None),
        )
    )
    if duplicate is not None:
        return _claim_record(duplicate), False
    topics = _topics(session, data.topics)
    if figure_start is None and quote:
        found = quote.find(figure.text)
        figure_start = found if found >= 0 else None
    claim = Claim(
        quantity=quantity,
        document=document,
        stated_by=speaker,
        primary_source=primary,
        figure=figure.text,
        low=figure.low,
        high=figure.high,
        unit=figure.unit,
        hedge=figure.hedge,
        counted=figure.counted,
        quote=quote,
        figure_start=figure_start,
        figure_end=figure_start + len(figure.text) if figure_start is not None else None,
        quote_start=quote_span[0] if quote_span else None,
        quote_end=quote_span[1] if quote_span else None,
        role=_clean(data.role),
        channel=_clean(data.channel),
        cue=_clean(data.cue),
        as_of=str(period) if period else None,
        as_of_start=period.start if period else None,
        as_of_end=period.end if period else None,
        as_of_precision=period.precision if period else None,
        scope=_clean(data.scope),
        modality=modality,
        status=status,
        rank=rank,
        rank_reason=rank_reason,
        origin=origin,
        topics=topics,
    )
    session.add(claim)
    session.flush()
    return _claim_record(claim), True


# ---------------------------------------------------------------------------------------------
# Reading


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
    )


def _claims_select() -> Select[Claim]:
    return select(Claim).options(
        selectinload(Claim.quantity),
        selectinload(Claim.stated_by),
        selectinload(Claim.topics),
        selectinload(Claim.document).selectinload(Document.outlet),
        selectinload(Claim.primary_source).selectinload(Document.outlet),
    )


def _agent_matches(agent: type[Agent], text: str):  # type: ignore[no-untyped-def]
    pattern = f"%{text.strip().lower()}%"
    alias = aliased(AgentAlias)
    return or_(
        func.lower(agent.name).like(pattern),
        select(alias.id)
        .where(alias.agent_id == agent.id, func.lower(alias.alias).like(pattern))
        .exists(),
    )


def list_claims(session: Session, query: ClaimQuery | None = None) -> list[ClaimRecord]:
    """Claims matching every given filter, oldest publication first.

    ``topic`` matches tags on the claim, its quantity or its document; ``outlet`` and
    ``speaker`` match part of a name or alias; ``since``/``until`` bound the publication date
    (``2016``, ``2016-03`` or ``2016-03-25``); ``search`` matches part of the figure, quote,
    what is counted, the quantity label or the speaker's name.
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
    if query.search is not None:
        pattern = f"%{query.search.strip().lower()}%"
        statement = statement.where(
            or_(
                func.lower(Claim.figure).like(pattern),
                func.lower(Claim.quote).like(pattern),
                func.lower(Claim.counted).like(pattern),
                func.lower(quantity.label).like(pattern),
                func.lower(speaker.name).like(pattern),
            )
        )
    statement = statement.order_by(document.published.is_(None), document.published, Claim.id)
    return [_claim_record(claim) for claim in session.scalars(statement).unique()]


def _topic_matches(name: str, document: type[Document], quantity: type[Quantity]):  # type: ignore[no-untyped-def]
    from provenance.models import claim_topic, document_topic, quantity_topic

    wanted = select(Topic.id).where(func.lower(Topic.name) == name.strip().lower())
    return or_(
        select(claim_topic.c.claim_id)
        .where(claim_topic.c.claim_id == Claim.id, claim_topic.c.topic_id.in_(wanted))
        .exists(),
        select(quantity_topic.c.quantity_id)
        .where(quantity_topic.c.quantity_id == quantity.id, quantity_topic.c.topic_id.in_(wanted))
        .exists(),
        select(document_topic.c.document_id)
        .where(document_topic.c.document_id == document.id, document_topic.c.topic_id.in_(wanted))
        .exists(),
    )


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


def _count_claims(session: Session, *conditions: object) -> int:
    return session.scalar(select(func.count(Claim.id)).where(*conditions)) or 0  # type: ignore[arg-type]


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


def list_quantities(session: Session) -> list[QuantityRecord]:
    quantities = session.scalars(
        select(Quantity).options(selectinload(Quantity.topics)).order_by(Quantity.key)
    )
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


# ---------------------------------------------------------------------------------------------
# Reviewing


def set_rank(session: Session, claim_id: int, rank: str, reason: str | None) -> ClaimRecord:
    """Rank a claim preferred, normal or deprecated. Deprecating needs a reason; claims are
    never deleted."""
    claim = _get_claim(session, claim_id)
    chosen = _choice(Rank, rank, "rank", Rank.NORMAL)
    reason = _clean(reason)
    if chosen is Rank.DEPRECATED and reason is None:
        raise InputError(f"claim {claim_id}: give a --reason to deprecate it")
    claim.rank, claim.rank_reason = chosen, reason
    session.flush()
    return _claim_record(claim)


def set_status(session: Session, claim_id: int, status: str) -> ClaimRecord:
    """Record a person's review of a claim: accepted, rejected or unreviewed."""
    claim = _get_claim(session, claim_id)
    claim.status = _choice(ReviewStatus, status, "review status", ReviewStatus.UNREVIEWED)
    session.flush()
    return _claim_record(claim)


# ---------------------------------------------------------------------------------------------
# Comparing


@dataclass(frozen=True, slots=True)
class QuantityComparison:
    """The figures stated for one quantity and which of them disagree."""

    quantity: QuantityRecord
    claims: tuple[ClaimRecord, ...]
    comparison: Comparison


def _comparable(claim: ClaimRecord) -> bool:
    return claim.rank is not Rank.DEPRECATED and claim.status is not ReviewStatus.REJECTED


def compare_quantities(
    session: Session,
    *,
    quantity: str | None = None,
    topic: str | None = None,
    tolerance: Decimal = DEFAULT_TOLERANCE,
) -> list[QuantityComparison]:
    """For each quantity with two or more figures, compare them.

    Deprecated and rejected claims are left out. Quantities that disagree come first, the most
    severe disagreement first; then those whose figures agree.
    """
    claims = list_claims(session, ClaimQuery(quantity=quantity, topic=topic))
    grouped: dict[str, list[ClaimRecord]] = {}
    for claim in claims:
        if claim.quantity is not None and _comparable(claim):
            grouped.setdefault(claim.quantity, []).append(claim)
    quantities = {q.key: q for q in list_quantities(session) if q.key in grouped}
    results = []
    for key, members in grouped.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda c: (c.rank is not Rank.PREFERRED, c.published or date.max, c.id))
        figures = [Comparable(c.id, c.low, c.high, c.hedge) for c in members]
        results.append(
            QuantityComparison(quantities[key], tuple(members), compare_figures(figures, tolerance))
        )

    def severity(result: QuantityComparison) -> tuple[object, ...]:
        worst = result.comparison.disagreements
        return (
            result.comparison.agree,
            -(worst[0].relative_gap if worst else 0),
            result.quantity.key,
        )

    return sorted(results, key=severity)


# ---------------------------------------------------------------------------------------------
# Importing


def import_claims(
    session: Session,
    quantities: Sequence[tuple[str, QuantityInput]],
    claims: Sequence[tuple[str, ClaimInput]],
) -> ImportSummary:
    """Store quantities, then claims, in the caller's transaction: the caller commits all or
    nothing. An error names the item (``where``) it arose in."""
    quantities_added = 0
    for where, spec in quantities:
        try:
            _, created = define_quantity(session, spec)
        except InputError as exc:
            raise ImportFileError(f"{where}: {exc}") from None
        quantities_added += created
    added: list[int] = []
    present = 0
    for where, data in claims:
        try:
            record, created = add_claim(session, data, origin=Origin.IMPORT)
        except InputError as exc:
            raise ImportFileError(f"{where}: {exc}") from None
        if created:
            added.append(record.id)
        else:
            present += 1
    return ImportSummary(len(added), present, quantities_added, tuple(added))


# ---------------------------------------------------------------------------------------------
# Ingesting articles


@dataclass(frozen=True, slots=True)
class IngestResult:
    document_id: int
    claims: int
    skipped: bool  # the same text (by content hash) was ingested before


_KINDS = {"unattributed": None, "report": "report", "vague_group": "vague_group"}


def _speaker_name(claim: ExtractedClaim) -> str | None:
    """The speaker as `_agent` reads it: "Full Name (ABBR)" teaches the abbreviation."""
    if claim.stated_by is None:
        return None
    if claim.stated_by_aliases:
        return f"{claim.stated_by} ({claim.stated_by_aliases[0]})"
    return claim.stated_by


def ingest_document(
    session: Session, article: Article, topics: Sequence[str] = ()
) -> IngestResult:
    """Store an article and the claims extracted from it, unless its text is already stored.

    Unattributed figures are credited to the article's outlet. Each figure keeps its offsets:
    the quote (its sentence) within the stored text, and the figure within the quote.
    """
    existing = session.scalar(select(Document).where(Document.content_hash == article.content_hash))
    if existing is not None:
        return IngestResult(existing.id, _count_claims(session, Claim.document_id == existing.id), True)
    outlet = _agent(session, article.outlet, AgentKind.OUTLET) if article.outlet else None
    document = Document(
        title=article.title,
        outlet=outlet,
        author=article.author,
        url=article.url,
        published=article.published,
        retrieved=date.today(),
        content_hash=article.content_hash,
        body=article.source.text,
        topics=_topics(session, topics),
    )
    session.add(document)
    session.flush()
    stored = 0
    for claim in article.claims:
        data = ClaimInput(
            figure=claim.figure,
            low=None if claim.low is None else format_decimal(claim.low),
            high=None if claim.high is None else format_decimal(claim.high),
            unit=claim.unit,
            hedge=claim.hedge,
            counted=claim.counted,
            stated_by=_speaker_name(claim),
            stated_by_kind=_KINDS.get(claim.stated_by_kind, claim.stated_by_kind),
            role=claim.role,
            channel=claim.channel,
            cue=claim.cue,
            primary_source=claim.primary_source,
            primary_source_by=_speaker_name(claim) if claim.primary_source else None,
            quote=claim.sentence,
            as_of=claim.as_of,
            modality=claim.modality,
        )
        _, created = _store_claim(
            session,
            data,
            document=document,
            origin=Origin.EXTRACTED,
            figure_start=claim.start - claim.sentence_start,
            quote_span=(claim.sentence_start, claim.sentence_end),
        )
        stored += created
    return IngestResult(document.id, stored, False)


__all__ = [
    "ClaimInput",
    "ClaimQuery",
    "IngestResult",
    "QuantityComparison",
    "QuantityInput",
    "add_claim",
    "compare_quantities",
    "define_quantity",
    "find_agent",
    "find_quantity",
    "get_claim",
    "import_claims",
    "ingest_document",
    "list_claims",
    "list_quantities",
    "list_sources",
    "list_speakers",
    "set_rank",
    "set_status",
]
