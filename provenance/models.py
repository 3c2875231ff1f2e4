"""The schema: quantities, claims, their provenance (documents, agents) and topics.

Three things are kept apart, as Wikidata keeps statements, qualifiers and references apart:
a :class:`Quantity` is what is measured, a :class:`Claim` is one figure as stated, and its
provenance is the :class:`Document` it appears in, the :class:`Agent` who stated it and the
primary source (another document) it was quoted from. Claims are deprecated, never deleted.

Alembic migrations in ``migrations/`` are proven to match these models by a test.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeEngine

from provenance.conflicts import Standing
from provenance.figures import Hedge, format_decimal
from provenance.periods import Precision
from provenance.records import (
    AgentKind,
    Decision,
    LinkOrigin,
    Modality,
    Origin,
    QuantityStatus,
    Rank,
    RelationKind,
    ReviewStatus,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _enum(enum: type[StrEnum], name: str) -> SAEnum:
    # Stored as checked VARCHARs holding the values, never native database enums: values can be
    # added by a plain migration and read by any tool.
    return SAEnum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=24,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class ExactDecimal(TypeDecorator[Decimal]):
    """An exact decimal: NUMERIC on servers, canonical text on SQLite (which has no decimal type).

    Values never pass through ``float``: SQLite gets the canonical string (``"3922"``,
    ``"1.5"``) and gives it back as a :class:`~decimal.Decimal`.
    """

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(64))
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"exact decimal columns take Decimal, not {type(value).__name__}")
        return format_decimal(value) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, str):
            return Decimal(value)  # SQLite: written canonical by process_bind_param
        return Decimal(format_decimal(Decimal(value)))


def _utcnow() -> datetime:
    return datetime.now(UTC)


quantity_topic = Table(
    "quantity_topic",
    Base.metadata,
    Column("quantity_id", ForeignKey("quantity.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True),
)
claim_topic = Table(
    "claim_topic",
    Base.metadata,
    Column("claim_id", ForeignKey("claim.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True),
)
document_topic = Table(
    "document_topic",
    Base.metadata,
    Column("document_id", ForeignKey("document.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True),
)
document_citation = Table(
    "document_citation",
    Base.metadata,
    Column("citing_id", ForeignKey("document.id", ondelete="CASCADE"), primary_key=True),
    Column("cited_id", ForeignKey("document.id", ondelete="CASCADE"), primary_key=True),
)


class Topic(Base):
    __tablename__ = "topic"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Quantity(Base):
    """What is measured: several claims point at one quantity."""

    __tablename__ = "quantity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    label: Mapped[str] = mapped_column(String(300), unique=True)
    unit: Mapped[str] = mapped_column(String(40))
    definition: Mapped[str | None] = mapped_column(Text)
    scope: Mapped[str | None] = mapped_column(String(300))
    # Identity beyond the label: the place its figures are about (a gazetteer name, see
    # provenance.places) and the family of quantities that differ only by place.
    place: Mapped[str | None] = mapped_column(String(200))
    family: Mapped[str | None] = mapped_column(String(100), index=True)
    # The period it is about, when it counts one event or one span ("marchers on 9 June"): ISO
    # text as a claim's as_of, with its first and last day.
    period: Mapped[str | None] = mapped_column(String(40))
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    # How its figures are compared: a running total that only grows; how many months apart
    # two figures may describe before a difference can be change over time (None: default);
    # the range of plausible values; the quantity it restates under another definition.
    cumulative: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    window_months: Mapped[float | None] = mapped_column(Float)
    expected_low: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    expected_high: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    variant_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("quantity.id", ondelete="SET NULL")
    )
    status: Mapped[QuantityStatus] = mapped_column(
        _enum(QuantityStatus, "quantity_status"),
        default=QuantityStatus.ACTIVE,
        server_default=QuantityStatus.ACTIVE.value,
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)

    topics: Mapped[list[Topic]] = relationship(secondary=quantity_topic, order_by=Topic.name)
    claims: Mapped[list[Claim]] = relationship(back_populates="quantity")
    terms: Mapped[list[QuantityTerm]] = relationship(
        back_populates="quantity", cascade="all, delete-orphan", order_by="QuantityTerm.id"
    )
    variant_of: Mapped[Quantity | None] = relationship(remote_side=[id])


class QuantityTerm(Base):
    """A word or phrase that signals a quantity in text ("returned", "came back")."""

    __tablename__ = "quantity_term"
    __table_args__ = (UniqueConstraint("quantity_id", "term"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quantity_id: Mapped[int] = mapped_column(
        ForeignKey("quantity.id", ondelete="CASCADE"), index=True
    )
    term: Mapped[str] = mapped_column(String(200))
    # A required term is the quantity's scope ("UK"): one must be in a claim's sentence.
    required: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    quantity: Mapped[Quantity] = relationship(back_populates="terms")


class Agent(Base):
    """Who states figures: a person, an organisation, a report, a vague group or an outlet."""

    __tablename__ = "agent"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[AgentKind] = mapped_column(_enum(AgentKind, "agent_kind"))
    description: Mapped[str | None] = mapped_column(Text)

    aliases: Mapped[list[AgentAlias]] = relationship(
        back_populates="agent", cascade="all, delete-orphan", order_by="AgentAlias.alias"
    )


class AgentAlias(Base):
    """Another name an agent goes by ("ICCT", "Goulet")."""

    __tablename__ = "agent_alias"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agent.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(300), unique=True)

    agent: Mapped[Agent] = relationship(back_populates="aliases")


class Document(Base):
    """A document a figure appears in or is quoted from: an article, a report, a statement."""

    __tablename__ = "document"
    # The stored article a new one is a version of, by URL or by outlet, title and date (see
    # migration 0013)
    __table_args__ = (
        Index("ix_document_url", "url", postgresql_using="hash"),
        Index("ix_document_outlet_title", "outlet_id", "title", "published"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str | None] = mapped_column(String(500))
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("agent.id"))
    author: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(2000))
    published: Mapped[date | None] = mapped_column(Date, index=True)
    retrieved: Mapped[date | None] = mapped_column(Date)
    content_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    body: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    # Which version of the article the text above is: a corrected text ingested again becomes
    # the next version, and the one it replaces is kept in `document_version`.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # A web page's: its language (ISO 639-1; only English is read for figures), when it was
    # fetched (None for a saved page), and the SHA-256 of the bytes fetched or read.
    language: Mapped[str | None] = mapped_column(String(16))
    fetched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    fetched_hash: Mapped[str | None] = mapped_column(String(64))

    outlet: Mapped[Agent | None] = relationship()
    topics: Mapped[list[Topic]] = relationship(secondary=document_topic, order_by=Topic.name)
    versions: Mapped[list[DocumentVersion]] = relationship(
        back_populates="document",
        order_by=lambda: DocumentVersion.number,
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    cites: Mapped[list[Document]] = relationship(
        secondary=document_citation,
        primaryjoin=lambda: Document.id == document_citation.c.citing_id,
        secondaryjoin=lambda: Document.id == document_citation.c.cited_id,
        order_by=lambda: Document.id,
    )


class DocumentVersion(Base):
    """An earlier text of a document, replaced when a corrected text of the same article was
    ingested; the quotes of the claims withdrawn then point into it."""

    __tablename__ = "document_version"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(String(500))
    published: Mapped[date | None] = mapped_column(Date)
    retrieved: Mapped[date | None] = mapped_column(Date)
    content_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    body: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    fetched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    fetched_hash: Mapped[str | None] = mapped_column(String(64))
    stored_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    replaced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)

    document: Mapped[Document] = relationship(back_populates="versions")


class Claim(Base):
    """One figure as stated, with where and by whom, the period it describes, and its review."""

    __tablename__ = "claim"
    __table_args__ = (
        Index("ix_claim_document_figure", "document_id", "figure"),
        # Speakers' roles are listed from this index alone (see migration 0011).
        Index("ix_claim_stated_by_role", "stated_by_id", "role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quantity_id: Mapped[int | None] = mapped_column(ForeignKey("quantity.id"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    stated_by_id: Mapped[int | None] = mapped_column(ForeignKey("agent.id"))
    primary_source_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))

    # The figure: raw text exactly as written, and exact bounds (None = open).
    figure: Mapped[str] = mapped_column(String(500))
    low: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    high: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    unit: Mapped[str] = mapped_column(String(40))
    hedge: Mapped[Hedge] = mapped_column(_enum(Hedge, "hedge"))
    counted: Mapped[str | None] = mapped_column(Text)

    # Where it stands: the quote (its sentence), the figure's offsets in the quote, and the
    # quote's offsets in the document body when the body is stored.
    quote: Mapped[str | None] = mapped_column(Text)
    figure_start: Mapped[int | None] = mapped_column(Integer)
    figure_end: Mapped[int | None] = mapped_column(Integer)
    quote_start: Mapped[int | None] = mapped_column(Integer)
    quote_end: Mapped[int | None] = mapped_column(Integer)

    # Attribution: the speaker's role as stated here, the channel and the verb of saying.
    role: Mapped[str | None] = mapped_column(String(300))
    channel: Mapped[str | None] = mapped_column(String(300))
    cue: Mapped[str | None] = mapped_column(String(100))

    # What the figure describes: the period (as-of) and the scope as stated.
    as_of: Mapped[str | None] = mapped_column(String(40))
    as_of_start: Mapped[date | None] = mapped_column(Date)
    as_of_end: Mapped[date | None] = mapped_column(Date)
    as_of_precision: Mapped[Precision | None] = mapped_column(_enum(Precision, "precision"))
    scope: Mapped[str | None] = mapped_column(String(300))
    # True when the figure's sentence names no place and ``scope`` is the article's.
    scope_inferred: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    modality: Mapped[Modality] = mapped_column(_enum(Modality, "modality"))

    status: Mapped[ReviewStatus] = mapped_column(
        _enum(ReviewStatus, "review_status"), default=ReviewStatus.UNREVIEWED
    )
    rank: Mapped[Rank] = mapped_column(_enum(Rank, "claim_rank"), default=Rank.NORMAL)
    rank_reason: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[Origin] = mapped_column(_enum(Origin, "origin"))
    # Who linked the claim to its quantity (None: nobody yet), and why.
    link_origin: Mapped[LinkOrigin | None] = mapped_column(_enum(LinkOrigin, "link_origin"))
    link_reason: Mapped[str | None] = mapped_column(Text)
    # Text for full-text search (figure, quote, what is counted, quantity, speaker, outlet,
    # topics), kept up to date by the library; SQLite indexes it with FTS5 (claim_search).
    search_text: Mapped[str | None] = mapped_column(Text)
    # The version of its document that no longer has the figure (a corrected article): such a
    # claim is kept, with its quote from the version before, but no longer compared or cited.
    withdrawn_in: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=_utcnow, onupdate=_utcnow
    )

    quantity: Mapped[Quantity | None] = relationship(back_populates="claims")
    document: Mapped[Document | None] = relationship(foreign_keys=[document_id])
    stated_by: Mapped[Agent | None] = relationship()
    primary_source: Mapped[Document | None] = relationship(foreign_keys=[primary_source_id])
    topics: Mapped[list[Topic]] = relationship(secondary=claim_topic, order_by=Topic.name)


class ConflictDecision(Base):
    """A person's judgement of two claims that disagree; it outlives re-ingesting, as claims
    keep their ids, and migrations."""

    __tablename__ = "conflict_decision"
    __table_args__ = (UniqueConstraint("lower_claim_id", "upper_claim_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lower_claim_id: Mapped[int] = mapped_column(ForeignKey("claim.id", ondelete="CASCADE"))
    upper_claim_id: Mapped[int] = mapped_column(
        ForeignKey("claim.id", ondelete="CASCADE"), index=True
    )
    decision: Mapped[Decision] = mapped_column(_enum(Decision, "decision"))
    note: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class QuantityRelation(Base):
    """A relation the catalogue states between quantities: ``target = first x second``
    (product) or ``first <= target`` (part)."""

    __tablename__ = "quantity_relation"
    __table_args__ = (UniqueConstraint("kind", "target_id", "first_id", "second_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[RelationKind] = mapped_column(_enum(RelationKind, "relation_kind"))
    target_id: Mapped[int] = mapped_column(ForeignKey("quantity.id", ondelete="CASCADE"))
    first_id: Mapped[int] = mapped_column(ForeignKey("quantity.id", ondelete="CASCADE"))
    second_id: Mapped[int | None] = mapped_column(ForeignKey("quantity.id", ondelete="CASCADE"))

    target: Mapped[Quantity] = relationship(foreign_keys=[target_id])
    first: Mapped[Quantity] = relationship(foreign_keys=[first_id])
    second: Mapped[Quantity | None] = relationship(foreign_keys=[second_id])


# The quantities whose figures do not all agree: the few of many a partial index holds (SQLite
# uses it only for a query that states this condition in these very words).
DISAGREEING = "standing IN ('contradiction', 'explained')"


class QuantityBounds(Base):
    """Derived, never written by hand: per quantity, how many comparable figures it has
    (neither deprecated nor rejected) and their extreme bounds (see
    :class:`provenance.conflicts.Bounds`), so `conflicts` skips, without reading a single
    claim, every quantity whose figures all agree; and how the figures stand with the default
    tolerance and window (``standing``, ``worst_gap``), so a later `conflicts` ranks every
    quantity in one query. Kept up to date by :mod:`provenance.derived`, in the transaction
    that changes a claim, a decision on a pair or a document; `provenance db check` verifies
    the bounds against the claims."""

    __tablename__ = "quantity_bounds"
    # `conflicts` reads the worst gaps of those that disagree in order (see migration 0012)
    __table_args__ = (
        Index(
            "ix_quantity_bounds_standing",
            "standing",
            "worst_gap",
            sqlite_where=text(DISAGREEING),
            postgresql_where=text(DISAGREEING),
        ),
    )

    quantity_id: Mapped[int] = mapped_column(
        ForeignKey("quantity.id", ondelete="CASCADE"), primary_key=True
    )
    figures: Mapped[int] = mapped_column(Integer)
    low_max: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    low_max_widened: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    high_min: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    high_min_widened: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    standing: Mapped[Standing | None] = mapped_column(_enum(Standing, "standing"))
    worst_gap: Mapped[float | None] = mapped_column(Float)


def comparable_claims() -> ColumnElement[bool]:
    """The condition a claim meets to be compared: not deprecated, not rejected, not withdrawn
    from a corrected article."""
    return (
        (Claim.rank != Rank.DEPRECATED)
        & (Claim.status != ReviewStatus.REJECTED)
        & Claim.withdrawn_in.is_(None)
    )


__all__ = [
    "Agent",
    "AgentAlias",
    "AgentKind",
    "Base",
    "Claim",
    "ConflictDecision",
    "Document",
    "DocumentVersion",
    "ExactDecimal",
    "LinkOrigin",
    "Modality",
    "Origin",
    "Quantity",
    "QuantityBounds",
    "QuantityRelation",
    "QuantityStatus",
    "QuantityTerm",
    "Rank",
    "ReviewStatus",
    "Topic",
]
