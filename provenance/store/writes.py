"""Writing: defining quantities, adding, importing and ingesting claims, reviewing them."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import Enum
from itertools import islice
from typing import Any, cast

from sqlalchemy import ColumnDefault, Connection, Table, insert, select
from sqlalchemy.orm import Session, selectinload

from provenance.derived import claims_inserted, search_text
from provenance.errors import ImportFileError, InputError, ProvenanceError
from provenance.extract import ExtractedClaim
from provenance.figures import Figure, FigureError, Hedge, format_decimal, parse_figure
from provenance.models import (
    Agent,
    Claim,
    Document,
    DocumentVersion,
    Quantity,
    QuantityRelation,
    Topic,
)
from provenance.periods import Period, not_in_future, parse_period
from provenance.reading import Article
from provenance.records import (
    AgentKind,
    ClaimInput,
    ClaimRecord,
    ImportSummary,
    LinkOrigin,
    Modality,
    Origin,
    QuantityInput,
    QuantityRecord,
    QuantityStatus,
    Rank,
    RelationInput,
    RelationKind,
    RelationRecord,
    ReviewStatus,
)
from provenance.store.linkage import link_new_claims, require_quantity
from provenance.store.lookup import (
    _agent,
    _choice,
    _clean,
    _date,
    _decimal,
    _document,
    _new_key,
    _period,
    _topics,
    add_terms_to,
    find_quantity,
    slugify,
)
from provenance.store.reads import (
    _claim_record,
    _claims_select,
    _count_claims,
    _get_claim,
    quantity_record,
    relation_record,
)
from provenance.units import convertible
from provenance.urls import check_url
from provenance.versions import match_figures


def _unit(written: str | None) -> str | None:
    """A unit as figures carry it: "tonnes" is ``t``, "per cent" ``percent``, "euros" ``EUR``
    (so a catalogue written in words links the figures extraction reads); others as given."""
    from provenance._figure_words import UNIT_WORDS

    cleaned = _clean(written)
    if cleaned is None:
        return None
    # "sq_km", as a catalogue may write it, is "sq km"
    return UNIT_WORDS.get(" ".join(cleaned.lower().replace("_", " ").split()), cleaned)


def define_quantity(session: Session, spec: QuantityInput) -> tuple[QuantityRecord, bool]:
    """Create a quantity, or complete the one with the same key or label.

    Returns the record and whether it was created. Given values replace stored ones (so a
    catalogue can be edited and loaded again) and terms and topics are added; a proposed
    quantity defined this way joins the catalogue. An existing quantity's unit never changes:
    a different unit is an error, as its claims are in the old one.
    """
    label = _clean(spec.label)
    if label is None:
        raise InputError("a quantity needs a label")
    unit = _unit(spec.unit)
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
    elif label != quantity.label:
        if find_quantity(session, label) not in (None, quantity):
            raise InputError(f"another quantity is already labelled {label!r}")
        quantity.label = label
    quantity.status = QuantityStatus.ACTIVE
    quantity.definition = _clean(spec.definition) or quantity.definition
    quantity.scope = _clean(spec.scope) or quantity.scope
    quantity.place = _place(spec.place) or quantity.place
    if quantity.place is None and quantity.scope is not None:
        from provenance.places import known  # a catalogue's scope that names a place is one

        quantity.place = known(quantity.scope)
    quantity.family = _clean(spec.family) or quantity.family or quantity.key
    if spec.cumulative is not None:
        quantity.cumulative = spec.cumulative
    if spec.window_months is not None:
        quantity.window_months = spec.window_months
    if spec.period is not None:
        period = parse_period(spec.period)
        quantity.period = str(period)
        quantity.period_start, quantity.period_end = period.start, period.end
    if spec.expected is not None:
        quantity.expected_low, quantity.expected_high = spec.expected
    if spec.variant_of:
        quantity.variant_of = _variant_target(session, spec.variant_of, quantity)
    for topic in _topics(session, spec.topics):
        if topic not in quantity.topics:
            quantity.topics.append(topic)
    add_terms_to(quantity, spec.terms)
    add_terms_to(quantity, spec.requires, required=True)
    session.flush()
    return quantity_record(session, quantity), created


def _variant_target(session: Session, ref: str, variant: Quantity) -> Quantity:
    """The quantity ``variant`` restates under another definition: the one with key ``ref``,
    or the member of family ``ref`` for the variant's place."""
    members = session.scalars(select(Quantity).where(Quantity.family == ref)).all()
    same_place = [m for m in members if m.place == variant.place]
    found = same_place[0] if same_place else find_quantity(session, ref)
    if found is None or found is variant:
        raise InputError(f"variant_of {ref!r} names no other quantity")
    if found.unit != variant.unit:
        raise InputError(
            f"variant {variant.key!r} ({variant.unit}) and {found.key!r} ({found.unit}) "
            "must have one unit"
        )
    return found


@dataclass(frozen=True, slots=True)
class _Figure:
    text: str
    low: Decimal | None
    high: Decimal | None
    unit: str
    hedge: Hedge
    counted: str | None


def _read_figure(data: ClaimInput, extracted: bool = False) -> _Figure:
    """The figure's values: as given, the rest read from its text. ``extracted``: the
    extractor read the text already and gave every value (bounds, unit, hedge, what it counts),
    so it is not read again (that was a tenth of what ingest spent writing an article)."""
    text = _clean(data.figure)
    if text is None:
        raise InputError("a claim needs a figure (the number as written)")
    parsed: Figure | None = None
    try:
        if not extracted:
            parsed = parse_figure(text)
    except FigureError as exc:
        if data.low is None and data.high is None:
            raise InputError(str(exc)) from None
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
    data = replace(
        data,
        url=check_url(data.url),
        primary_source_url=check_url(data.primary_source_url, "primary source url"),
    )
    published = _date(data.published, "published")
    if published is not None:
        not_in_future(published, "published")
    finder = _Finder(session)
    outlet_name = _clean(data.outlet)
    outlet = finder.agent(outlet_name, AgentKind.OUTLET) if outlet_name else None
    session.flush()
    document = _document(
        session,
        outlet=outlet,
        title=_clean(data.title),
        url=_clean(data.url),
        published=published,
        author=_clean(data.author),
    )
    parts = _resolve_claim(session, data, document, finder)
    session.flush()
    speaker, quantity = parts.speaker, parts.quantity
    duplicate = session.scalar(
        _claims_select().where(
            Claim.document_id == document.id if document else Claim.document_id.is_(None),
            Claim.figure == parts.figure.text,
            Claim.quote == parts.quote if parts.quote else Claim.quote.is_(None),
            Claim.stated_by_id == speaker.id if speaker else Claim.stated_by_id.is_(None),
            Claim.quantity_id == quantity.id if quantity else Claim.quantity_id.is_(None),
        )
    )
    if duplicate is not None:
        return _claim_record(duplicate), False
    claim = parts.claim(document, origin, topics=_topics(session, data.topics))
    session.add(claim)
    session.flush()
    return _claim_record(claim), True


AgentKey = tuple[str, AgentKind]  # a name as written, in lower case, and the kind of agent


@dataclass(slots=True)
class AgentMemory:
    """The agents a batch's committed transactions stored, by name, for the next ones to load
    together (see :class:`_Finder`). A transaction's own are ``staged`` until the caller
    knows it committed (:meth:`keep`): an id from a rolled-back transaction may be given to
    another agent later. ``loaded`` holds the open transaction's agents as objects of its
    session, for its next articles to use as they are: an article is added only once it is
    written (its savepoint released), so none of them was rolled back."""

    known: dict[AgentKey, int] = field(default_factory=dict)
    staged: dict[AgentKey, int] = field(default_factory=dict)
    loaded: dict[AgentKey, Agent] = field(default_factory=dict)

    def begin(self) -> None:
        """A transaction begins (or begins again, when the last try lost a race)."""
        self.staged.clear()
        self.loaded.clear()

    def keep(self) -> None:
        """The transaction committed: its agents are stored."""
        self.known.update(self.staged)
        self.begin()

    def load(self, session: Session, articles: Sequence[Article]) -> None:
        """Load, in one query, the stored agents a group's articles name (their outlets and,
        when their figures are already found, their speakers): each article would otherwise
        load those it meets first, a query or two an article."""
        names: list[str | None] = [article.outlet for article in articles]
        for article in articles:
            if article.found is not None:
                names += (_speaker_name(claim) for claim in article.found)
        finder = _Finder(session, self)
        finder.preload(names)
        self.loaded.update(finder.loaded())

    def checkpoint(self) -> tuple[dict[AgentKey, int], dict[AgentKey, Agent]]:
        """What the transaction has stored so far, for :meth:`restore`."""
        return dict(self.staged), dict(self.loaded)

    def restore(self, checkpoint: tuple[dict[AgentKey, int], dict[AgentKey, Agent]]) -> None:
        """An article's savepoint was rolled back: forget the agents it stored."""
        self.staged, self.loaded = checkpoint


class _Finder:
    """Finds or creates the agents and cited sources that claims point at, looking each name up
    once per transaction: an article quoting one official forty times costs one lookup.

    ``known`` maps names to the ids of agents stored by earlier transactions of a run (a batch
    ingest), which :meth:`preload` loads together, one query for a batch of claims rather than
    one or two for each speaker of each article; a name whose agent is gone is looked up again.
    """

    def __init__(self, session: Session, memory: AgentMemory | None = None) -> None:
        self.session = session
        self.known: Mapping[AgentKey, int] = memory.known if memory is not None else {}
        self._agents: dict[AgentKey, Agent] = dict(memory.loaded) if memory is not None else {}
        self._sources: dict[tuple[object, ...], Document | None] = {}

    def preload(self, names: Iterable[str | None]) -> None:
        """Load the agents ``known`` gives for these names, with their aliases."""
        lowered = {name.strip().lower() for name in names if name}
        # each name looked up under each kind: the batch's agents are thousands, its names few
        keys = ((name, kind) for name in lowered for kind in AgentKind)
        wanted = {
            key: id_
            for key in keys
            if (id_ := self.known.get(key)) is not None and key not in self._agents
        }
        if not wanted:
            return
        statement = (
            select(Agent)
            .where(Agent.id.in_(sorted(set(wanted.values()))))
            .options(selectinload(Agent.aliases))
        )
        by_id = {agent.id: agent for agent in self.session.scalars(statement)}
        for key, id_ in wanted.items():
            if id_ in by_id:
                self._agents[key] = by_id[id_]

    def loaded(self) -> dict[AgentKey, Agent]:
        """The agents it holds, by name and kind."""
        return self._agents

    def remember(self, memory: AgentMemory) -> None:
        """Its article written: the agents it found or created (flushed) are the next ones'."""
        for key, agent in self._agents.items():
            if agent.id is not None:
                memory.staged[key] = agent.id
                memory.loaded[key] = agent

    def agent(self, written: str, kind: AgentKind) -> Agent:
        key = (written.strip().lower(), kind)
        found = self._agents.get(key)
        if found is None:
            found = self._agents[key] = _agent(self.session, written, kind)
        return found

    def source(
        self, publisher: Agent | None, title: str | None, url: str | None, published: date | None
    ) -> Document | None:
        """The document a figure is quoted from, found or created as :func:`_document` does."""
        key = (publisher, title, url, published)
        if key not in self._sources:
            if publisher is not None and publisher.id is None:
                self.session.flush()  # the lookup below matches on the publisher's id
            self._sources[key] = _document(
                self.session, outlet=publisher, title=title, url=url, published=published
            )
        return self._sources[key]


@dataclass(frozen=True, slots=True)
class _ClaimParts:
    """A claim's values, checked, and what it points at, found or created; not stored yet."""

    data: ClaimInput
    figure: _Figure
    period: Period | None
    modality: Modality
    status: ReviewStatus
    rank: Rank
    rank_reason: str | None
    speaker: Agent | None
    primary: Document | None
    quantity: Quantity | None
    quote: str | None

    @property
    def identity(self) -> tuple[object, ...]:
        """What makes two claims of one document the same claim."""
        return (self.figure.text, self.quote, self.speaker, self.quantity)

    def claim(
        self,
        document: Document | None,
        origin: Origin,
        figure_start: int | None = None,
        quote_span: tuple[int, int] | None = None,
        topics: Sequence[Topic] = (),
    ) -> Claim:
        """The claim, not yet in the session. ``figure_start`` is the figure's offset in the
        quote, ``quote_span`` the quote's offsets in the document's body; without them the
        figure is looked for in the quote."""
        given = self.quantity is not None
        return Claim(
            quantity=self.quantity,
            document=document,
            status=self.status,
            rank=self.rank,
            rank_reason=self.rank_reason,
            origin=origin,
            topics=list(topics),
            link_origin=LinkOrigin.PERSON if given else None,
            link_reason=f"given by {origin.value}" if given else None,
            **self.read(figure_start, quote_span),
        )

    def unsaved(
        self, document: Document, origin: Origin, figure_start: int, quote_span: tuple[int, int]
    ) -> Claim:
        """The claim as :meth:`claim` builds it, as a plain object (see :class:`_Unsaved`), for
        a batch to link and write as rows."""
        given = self.quantity is not None
        return cast(
            Claim,
            _Unsaved(
                quantity=self.quantity,
                document=document,
                status=self.status,
                rank=self.rank,
                rank_reason=self.rank_reason,
                origin=origin,
                topics=[],
                link_origin=LinkOrigin.PERSON if given else None,
                link_reason=f"given by {origin.value}" if given else None,
                **self.read(figure_start, quote_span),
            ),
        )

    def read(
        self, figure_start: int | None, quote_span: tuple[int, int] | None
    ) -> dict[str, object]:
        """What the text says of the claim: its figure, where it stands, who stated it, when
        and where; not what a person decided of it (its quantity, review and rank)."""
        data, figure, period, quote = self.data, self.figure, self.period, self.quote
        if figure_start is None and quote:
            found = quote.find(figure.text)
            figure_start = found if found >= 0 else None
        return {
            "stated_by": self.speaker,
            "primary_source": self.primary,
            "figure": figure.text,
            "low": figure.low,
            "high": figure.high,
            "unit": figure.unit,
            "hedge": figure.hedge,
            "counted": figure.counted,
            "quote": quote,
            "figure_start": figure_start,
            "figure_end": figure_start + len(figure.text) if figure_start is not None else None,
            "quote_start": quote_span[0] if quote_span else None,
            "quote_end": quote_span[1] if quote_span else None,
            "role": _clean(data.role),
            "channel": _clean(data.channel),
            "cue": _clean(data.cue),
            "as_of": str(period) if period else None,
            "as_of_start": period.start if period else None,
            "as_of_end": period.end if period else None,
            "as_of_precision": period.precision if period else None,
            "scope": _place(data.scope),
            "scope_inferred": data.scope_inferred,
            "modality": self.modality,
        }


def _place(written: str | None) -> str | None:
    """A place as the gazetteer names it ("UK" is the United Kingdom); kept as written when
    the gazetteer does not know it."""
    cleaned = _clean(written)
    if cleaned is None:
        return None
    from provenance.places import known

    return known(cleaned) or cleaned


def _resolve_claim(
    session: Session,
    data: ClaimInput,
    document: Document | None,
    finder: _Finder,
    *,
    extracted: bool = False,
) -> _ClaimParts:
    """Check a claim's values and find or create what it points at (the shared step of adding,
    importing and ingesting); an error names the figure and the value. ``extracted``: see
    :func:`_read_figure`."""
    figure = _read_figure(data, extracted)
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
    speaker = finder.agent(speaker_name, speaker_kind) if speaker_name else outlet

    primary = None
    primary_by_name = _clean(data.primary_source_by)
    if _clean(data.primary_source) or _clean(data.primary_source_url):
        publisher = (
            finder.agent(primary_by_name, AgentKind.ORGANISATION) if primary_by_name else None
        )
        primary = finder.source(
            publisher,
            _clean(data.primary_source),
            _clean(data.primary_source_url),
            _date(data.primary_source_published, "primary source published"),
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
        elif not convertible(figure.unit, quantity.unit):
            raise InputError(
                f"figure {figure.text!r} is in {figure.unit} but quantity {quantity.key!r} "
                f"is measured in {quantity.unit}"
            )
    return _ClaimParts(
        data, figure, period, modality, status, rank, rank_reason, speaker, primary, quantity,
        _clean(data.quote),
    )  # fmt: skip


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


@dataclass(frozen=True, slots=True)
class IngestResult:
    document_id: int
    claims: int  # claims stored (for a new version: the new figures only)
    skipped: bool  # the same text (by content hash) was ingested before
    linked: int = 0  # claims linked to a catalogue quantity
    version: int = 1  # the document's version this text became
    kept: int = 0  # a new version: claims of the version before that it still has
    withdrawn: int = 0  # a new version: claims whose figure it no longer has
    language: str | None = None  # a web page's language (only English is read for figures)


_KINDS = {"unattributed": None, "report": "report", "vague_group": "vague_group"}


def _speaker_name(claim: ExtractedClaim) -> str | None:
    """The speaker as `_agent` reads it: "Full Name (ABBR)" teaches the abbreviation."""
    if claim.stated_by is None:
        return None
    if claim.stated_by_aliases:
        return f"{claim.stated_by} ({claim.stated_by_aliases[0]})"
    return claim.stated_by


def ingest_document(
    session: Session,
    article: Article,
    topics: Sequence[str] = (),
    *,
    not_versions_of: Collection[int] = (),
    agents: AgentMemory | None = None,
    held: StoredArticles | None = None,
) -> IngestResult:
    """Store an article and the claims extracted from it, unless its text is already stored.

    An article already stored with another text (the same URL; without one, the same outlet,
    title and publication date) is stored as the next version of that document, see
    :func:`_new_version`; documents in ``not_versions_of`` are never taken for it (the other
    files of one batch given one ``--url``). Unattributed figures are credited to the
    article's outlet. Each figure keeps its offsets: the quote (its sentence) within the
    stored text, and the figure within the quote.

    ``agents``, over a batch: the agents earlier articles stored, by name; the ones this
    article used are staged in it, for the caller to keep once they are committed.
    ``held``, over a batch: what the database held of the batch's articles, looked up
    together (see :class:`StoredArticles`), so an article none of whose keys it holds is
    looked up no further.
    """
    may_be_stored = held is None or held.may_hold_text(article)
    existing = _holding_text(session, article.content_hash) if may_be_stored else None
    if existing is not None:
        write_pending_claims(session)  # its claims may be waiting to be written
        return IngestResult(
            existing.id,
            _count_claims(session, Claim.document_id == existing.id),
            True,
            version=existing.version,
        )
    finder = _Finder(session, agents)
    finder.preload([article.outlet])
    outlet = finder.agent(article.outlet, AgentKind.OUTLET) if article.outlet else None
    earlier = (
        _same_article(session, article, outlet, not_versions_of)
        if held is None or held.may_hold_article(article)
        else None
    )
    if held is not None:
        held.add(article)
    if earlier is not None:
        result = _new_version(session, earlier, article, topics, finder)
        if agents is not None:
            finder.remember(agents)
        return result
    document = Document(
        title=article.title,
        outlet=outlet,
        author=article.author,
        url=article.url,
        published=article.published,
        retrieved=(article.fetched_at.date() if article.fetched_at else date.today()),
        content_hash=article.content_hash,
        body=article.source.text,
        language=article.language,
        fetched_at=article.fetched_at,
        fetched_hash=article.fetched_hash,
        topics=_topics(session, topics),
    )
    session.add(document)
    seen: set[tuple[bytes, int, int]] = set()
    stored = linked = 0
    found = article.claims()
    while batch := list(islice(found, INGEST_BATCH)):
        finder.preload(_speaker_name(extracted) for extracted in batch)
        read = [
            (extracted, parts)
            for extracted in batch
            if _first_time(
                parts := _resolve_claim(
                    session, _extracted_input(extracted), document, finder, extracted=True
                ),
                seen,
            )
        ]
        added, linked_now = _store_extracted(session, document, read)
        stored += added
        linked += linked_now
    session.flush()
    if agents is not None:
        finder.remember(agents)
    return IngestResult(document.id, stored, False, linked, language=article.language)


# Claims checked, linked and written together: a claim at a time costs several round trips
# each, and a whole 50 MB report at once would hold every claim in memory.
INGEST_BATCH = 1_000


def _store_extracted(
    session: Session, document: Document, read: Sequence[tuple[ExtractedClaim, _ClaimParts]]
) -> tuple[int, int]:
    """Store figures read from a document's text, linked; returns how many, and linked."""
    claims = [
        parts.unsaved(
            document,
            Origin.EXTRACTED,
            figure_start=extracted.start - extracted.sentence_start,
            quote_span=(extracted.sentence_start, extracted.sentence_end),
        )
        for extracted, parts in read
    ]
    with session.no_autoflush:  # the claims are written together, below
        linked = link_new_claims(session, claims)
        quantities = [claim.quantity for claim in claims]
    if not claims:
        return 0, 0
    session.flush()  # the document, new speakers, sources and proposed members get their ids
    rows = [_claim_row(claim, quantity) for claim, quantity in zip(claims, quantities, strict=True)]
    pending: list[dict[str, Any]] | None = session.info.get(PENDING_CLAIMS)
    linked_ids = {row["quantity_id"] for row in rows} - {None}
    if pending is None:
        _insert_claims(session.connection(), rows)
    else:  # written with the next articles' (see PENDING_CLAIMS)
        pending += rows
        if len(pending) >= INGEST_BATCH or linked_ids:
            write_pending_claims(session)  # a quantity's bounds are read from its claims
    claims_inserted(session, linked_ids, unlinked=any(row["link_origin"] is None for row in rows))
    return len(claims), linked


# The session key of a batch's claims written together: set to a list by a caller that writes
# many articles in one transaction (an ingest's group), whose new claims then wait there to go
# in with the next articles' (on PostgreSQL, each write is a COPY, two round trips to the
# server), until INGEST_BATCH rows wait, a claim joins a quantity (whose bounds are read from
# its claims), a stored article's claims are counted, or the caller calls
# write_pending_claims before it commits.
PENDING_CLAIMS = "provenance.pending_claims"


def write_pending_claims(session: Session) -> None:
    """Write the claims waiting in the session (see :data:`PENDING_CLAIMS`)."""
    pending: list[dict[str, Any]] | None = session.info.get(PENDING_CLAIMS)
    if pending:
        _insert_claims(session.connection(), pending)
        pending.clear()


# A claim's columns that a new claim's row gives (its id comes from the database, its times
# from the columns' defaults).
_ROW_COLUMNS = tuple(
    column.key
    for column in Claim.__table__.columns
    if column.key not in ("id", "created_at", "updated_at")
)
_RELATED = {"quantity_id": "quantity", "document_id": "document", "stated_by_id": "stated_by",
            "primary_source_id": "primary_source"}  # fmt: skip


class _Unsaved:
    """A claim read from an article, with what linking and its search text read of a
    :class:`~provenance.models.Claim` (its columns, its quantity, document, speaker, primary
    source and topics, as plain attributes: any not given is ``None``, as on a new Claim),
    and nothing else. An ingest writes its claims as rows (:func:`_claim_row`) and never adds
    them to the session: building each as a mapped object, with its relationships' events
    (the document's and the speaker's lists of claims), cost more than writing it."""

    __slots__ = ("id", *_RELATED.values(), "topics", *_ROW_COLUMNS)

    def __init__(self, **values: object) -> None:
        for name in self.__slots__:
            setattr(self, name, values.pop(name, None))
        if values:
            raise TypeError(f"not a claim's: {', '.join(sorted(values))}")


def _insert_claims(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Write new claims' rows: through Core's INSERT (the ORM's bulk insert took half as long
    again for the same rows), or, on PostgreSQL, with COPY, one stream for all of them where
    psycopg sends an INSERT a row."""
    if connection.dialect.name != "postgresql":
        connection.execute(insert(cast(Table, Claim.__table__)), rows)
        return
    table = cast(Table, Claim.__table__)
    # what INSERT would fill in from the columns' own defaults (the times), once for the batch
    filled = {
        column.key: column.default.arg(None) if column.default.is_callable else column.default.arg
        for column in table.c
        if column.key not in rows[0]
        and isinstance(column.default, ColumnDefault)
        and (column.default.is_callable or column.default.is_scalar)
    }
    rows = [{**row, **filled} for row in rows]
    columns = list(rows[0])
    driver = connection.connection.driver_connection
    with (
        driver.cursor() as cursor,  # type: ignore[union-attr]
        cursor.copy(
            f"COPY {table.name} ({', '.join(table.c[c].name for c in columns)}) FROM STDIN"
        ) as copy,
    ):
        for row in rows:
            copy.write_row(
                [v.value if isinstance(v, Enum) else v for v in (row[c] for c in columns)]
            )


def _claim_row(claim: Claim, quantity: Quantity | None) -> dict[str, Any]:
    """A new claim, built and linked (to ``quantity``) but never added to the session, as the
    row that stores it in one INSERT with the rest of its batch: through the unit of work,
    each claim cost several times the database's work. What the flush hooks would derive is
    derived here: its search text (:func:`provenance.derived.search_text`), and, by the
    caller, the bounds of its quantity and whether proposals are stale
    (:func:`provenance.derived.claims_inserted`)."""
    row = {key: getattr(claim, key) for key in _ROW_COLUMNS}
    for key, relation in _RELATED.items():
        related = quantity if relation == "quantity" else getattr(claim, relation)
        row[key] = related.id if related is not None else None
    row["search_text"] = search_text(claim, quantity)
    return row


@dataclass(slots=True)
class StoredArticles:
    """What the database holds of a batch's articles, looked up for all of them at once: the
    texts (by content hash), URLs and (title, date) pairs of the stored articles matching
    theirs. An article none of whose keys is here is neither stored already nor a version of
    a stored one, and costs no lookups; one that is may be (its outlet decides), and is looked
    up as before. The batch's own articles are added as they are written."""

    hashes: set[str]
    urls: set[str]
    titles: set[tuple[str, date]]

    @classmethod
    def of(cls, session: Session, articles: Sequence[Article]) -> StoredArticles:
        hashes = {a.content_hash for a in articles}
        urls = {a.url for a in articles if a.url}
        titles = {a.title for a in articles if a.title and a.published}
        held = cls(set(), set(), set())
        if hashes:
            current = select(Document.content_hash).where(Document.content_hash.in_(hashes))
            earlier = select(DocumentVersion.content_hash).where(
                DocumentVersion.content_hash.in_(hashes)
            )
            held.hashes.update(session.scalars(current.union_all(earlier)))
        if urls:
            held.urls.update(
                url
                for url in session.scalars(
                    select(Document.url).where(Document.url.in_(urls), Document.body.is_not(None))
                )
                if url is not None
            )
        if titles:
            for title, published in session.execute(
                select(Document.title, Document.published).where(
                    Document.title.in_(titles), Document.body.is_not(None)
                )
            ):
                if title is not None and published is not None:
                    held.titles.add((title, published))
        return held

    def may_hold_text(self, article: Article) -> bool:
        return article.content_hash in self.hashes

    def may_hold_article(self, article: Article) -> bool:
        if article.url:
            return article.url in self.urls
        return bool(article.title and article.published) and (
            (article.title, article.published) in self.titles
        )

    def add(self, article: Article) -> None:
        """An article of the batch is being written: a later one may be it, or its version."""
        self.hashes.add(article.content_hash)
        if article.url:
            self.urls.add(article.url)
        if article.title and article.published:
            self.titles.add((article.title, article.published))


def _holding_text(session: Session, content_hash: str) -> Document | None:
    """The document whose text (current or an earlier version) has this hash: one query for
    its id (a new article, as nearly every article of a batch is, loads nothing)."""
    current = select(Document.id).where(Document.content_hash == content_hash)
    earlier = select(DocumentVersion.document_id).where(
        DocumentVersion.content_hash == content_hash
    )
    found = session.scalar(current.union_all(earlier).limit(1))
    return None if found is None else session.get(Document, found)


def _same_article(
    session: Session, article: Article, outlet: Agent | None, excluded: Collection[int]
) -> Document | None:
    """The stored article this one is a version of: the one at its URL or, with no URL, the
    one of the same outlet, title and publication date. Only ingested articles (with a text)
    count, not a report a figure was quoted from."""
    statement = select(Document).where(Document.body.is_not(None))
    if article.url:
        statement = statement.where(Document.url == article.url)
    elif outlet is not None and outlet.id is not None and article.title and article.published:
        statement = statement.where(
            Document.url.is_(None),
            Document.outlet_id == outlet.id,
            Document.title == article.title,
            Document.published == article.published,
        )
    else:
        return None
    # the batch's own documents left out here, not in SQL: a batch of 50,000 articles would
    # bind 50,000 parameters, past SQLite's limit, for a lookup that nearly always finds none
    for found in session.scalars(statement.order_by(Document.id.desc())):
        if found.id not in excluded:
            return found
    return None


def _new_version(
    session: Session,
    document: Document,
    article: Article,
    topics: Sequence[str],
    finder: _Finder,
) -> IngestResult:
    """Store a changed text of a stored article as its next version.

    The text it replaces is kept as a :class:`DocumentVersion`. The figures read from the new
    text are matched to the claims read from the old (:func:`provenance.versions.
    match_figures`): a matched claim keeps its id, and so its quantity, review, rank and the
    decisions on its pairs, and takes its new place, quote and what the new text says of it;
    a claim whose figure is gone is marked withdrawn in this version, never deleted; the new
    figures are stored as new claims. Claims a person added to the document are left as
    they are. The whole article is held in memory here, as it is matched as a whole.
    """
    old = list(
        session.scalars(
            select(Claim)
            .where(
                Claim.document_id == document.id,
                Claim.origin == Origin.EXTRACTED,
                Claim.withdrawn_in.is_(None),
            )
            .order_by(Claim.quote_start, Claim.figure_start, Claim.id)
        )
    )
    stored_at = max((v.replaced_at for v in document.versions), default=document.created_at)
    session.add(
        DocumentVersion(
            document=document,
            number=document.version,
            title=document.title,
            published=document.published,
            retrieved=document.retrieved,
            content_hash=document.content_hash,
            body=document.body,
            language=document.language,
            fetched_at=document.fetched_at,
            fetched_hash=document.fetched_hash,
            stored_at=stored_at,
        )
    )
    document.version += 1
    document.title = article.title
    document.author = article.author
    document.published = article.published
    document.retrieved = article.fetched_at.date() if article.fetched_at else date.today()
    document.content_hash = article.content_hash
    document.body = article.source.text
    document.language = article.language
    document.fetched_at = article.fetched_at
    document.fetched_hash = article.fetched_hash
    for topic in _topics(session, topics):
        if topic not in document.topics:
            document.topics.append(topic)
    seen: set[tuple[bytes, int, int]] = set()
    read = [
        (extracted, parts)
        for extracted in article.claims()
        if _first_time(
            parts := _resolve_claim(
                session, _extracted_input(extracted), document, finder, extracted=True
            ),
            seen,
        )
    ]
    matched = match_figures(
        [(claim.figure, claim.quote or "") for claim in old],
        [(parts.figure.text, parts.quote or "") for _, parts in read],
    )
    for new_index, old_index in matched.items():
        extracted, parts = read[new_index]
        claim = old[old_index]
        span = (extracted.sentence_start, extracted.sentence_end)
        for name, value in parts.read(extracted.start - extracted.sentence_start, span).items():
            setattr(claim, name, value)
    kept = set(matched.values())
    for index, claim in enumerate(old):
        if index not in kept:
            claim.withdrawn_in = document.version
    fresh = [item for index, item in enumerate(read) if index not in matched]
    stored, linked = _store_extracted(session, document, fresh)
    return IngestResult(
        document.id,
        stored,
        False,
        linked,
        version=document.version,
        kept=len(matched),
        withdrawn=len(old) - len(kept),
        language=article.language,
    )


def _first_time(parts: _ClaimParts, seen: set[tuple[bytes, int, int]]) -> bool:
    """Whether an article's claim is new within it (the same figure in the same sentence by
    the same speaker is one claim); remembered by a digest, so memory stays small."""
    text = f"{parts.figure.text}\0{parts.quote or ''}".encode()
    key = (hashlib.blake2b(text, digest_size=16).digest(), id(parts.speaker), id(parts.quantity))
    if key in seen:
        return False
    seen.add(key)
    return True


def _extracted_input(claim: ExtractedClaim) -> ClaimInput:
    return ClaimInput(
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
        scope=claim.scope,
        scope_inferred=claim.scope_inferred,
        modality=claim.modality,
    )


def define_relation(session: Session, spec: RelationInput) -> RelationRecord:
    """State a relation between quantities (once: stating it again changes nothing)."""
    target, first = require_quantity(session, spec.target), require_quantity(session, spec.first)
    second = require_quantity(session, spec.second) if spec.second else None
    if spec.kind is RelationKind.PRODUCT:
        if second is None:
            raise InputError(f"product {target.key!r} needs two factors")
        units = sorted([first.unit, second.unit], key=lambda unit: unit != "percent")
        if units[0] != "percent" or units[1] != target.unit:
            raise InputError(
                f"product {target.key!r} ({target.unit}) must be a percent share of a total in "
                f"{target.unit}, not {first.unit} x {second.unit}"
            )
    elif first.unit != target.unit:
        raise InputError(
            f"part {first.key!r} ({first.unit}) and whole {target.key!r} ({target.unit}) "
            "must have one unit"
        )
    second_matches = (
        QuantityRelation.second_id == second.id
        if second is not None
        else QuantityRelation.second_id.is_(None)
    )
    found = session.scalar(
        select(QuantityRelation).where(
            QuantityRelation.kind == spec.kind,
            QuantityRelation.target_id == target.id,
            QuantityRelation.first_id == first.id,
            second_matches,
        )
    )
    if found is None:
        found = QuantityRelation(kind=spec.kind, target=target, first=first, second=second)
        session.add(found)
        session.flush()
    return relation_record(found)


def _family_members(session: Session, ref: str) -> list[Quantity]:
    """The quantity ``ref`` names, or every member of the family ``ref``."""
    found = find_quantity(session, ref)
    if found is not None:
        return [found]
    return list(session.scalars(select(Quantity).where(Quantity.family == ref)))


def _member_key(session: Session, ref: str, place: str | None) -> str | None:
    """The key of the member of ``ref`` for ``place``, or of its only member."""
    members = _family_members(session, ref)
    same = [m for m in members if m.place == place]
    chosen = same[0] if same else members[0] if len(members) == 1 else None
    return chosen.key if chosen is not None else None


def _expand_relation(session: Session, spec: RelationInput) -> list[RelationInput]:
    """A relation between families holds place by place: one relation per place of the target
    family, with the other families' members for that place (or their only member)."""
    refs = [k for k in (spec.target, spec.first, spec.second) if k]
    if all(find_quantity(session, k) for k in refs):
        return [spec]
    for ref in refs:
        if not _family_members(session, ref):
            require_quantity(session, ref)  # names the quantity that does not exist
    found = []
    for target in _family_members(session, spec.target):
        first = _member_key(session, spec.first, target.place)
        second = _member_key(session, spec.second, target.place) if spec.second else None
        if first is not None and (spec.second is None or second is not None):
            found.append(RelationInput(spec.kind, target.key, first, second))
    if not found:
        raise InputError(f"no quantities with one place for {spec.target!r} and its factors")
    return found


def load_catalogue(
    session: Session,
    entries: Sequence[tuple[str, QuantityInput]],
    relations: Sequence[tuple[str, RelationInput]] = (),
) -> tuple[int, int]:
    """Define every quantity and relation of a catalogue in the caller's transaction (all or
    nothing); returns how many quantities were new and how many updated. An error names the
    entry. Variants are set once every quantity is defined, so they may come in any order."""
    added = updated = 0
    for where, spec in entries:
        try:
            _, created = define_quantity(session, replace(spec, variant_of=None))
        except InputError as exc:
            raise ImportFileError(f"{where}: {exc}") from None
        added += created
        updated += not created
    for where, spec in entries:
        if spec.variant_of:
            try:
                define_quantity(session, spec)
            except InputError as exc:
                raise ImportFileError(f"{where}: {exc}") from None
    for where, relation in relations:
        try:
            for each in _expand_relation(session, relation):
                define_relation(session, each)
        except ProvenanceError as exc:
            raise ImportFileError(f"{where}: {exc}") from None
    return added, updated
