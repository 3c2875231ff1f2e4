"""Plain data that leaves a session: enums and frozen records, no SQLAlchemy.

Library functions in :mod:`provenance.store` return these records, never ORM objects, so
callers (the CLI, exports, a notebook) can use them after the session is closed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from provenance.figures import Hedge


class AgentKind(StrEnum):
    """Who states a figure. ``outlet`` marks a figure the outlet printed without attribution."""

    PERSON = "person"
    ORGANISATION = "organisation"
    REPORT = "report"
    VAGUE_GROUP = "vague_group"
    OUTLET = "outlet"


class Modality(StrEnum):
    REPORTED = "reported"
    ESTIMATE = "estimate"
    BELIEF = "belief"
    PREDICTION = "prediction"
    OFFICIAL_STATISTIC = "official_statistic"


class ReviewStatus(StrEnum):
    UNREVIEWED = "unreviewed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Rank(StrEnum):
    PREFERRED = "preferred"
    NORMAL = "normal"
    DEPRECATED = "deprecated"


class QuantityStatus(StrEnum):
    """A quantity in the catalogue, or one proposed from claims that match none."""

    ACTIVE = "active"
    PROPOSED = "proposed"


class LinkOrigin(StrEnum):
    """Who linked a claim to its quantity (or decided it has none): automatic linking never
    overrides a person's decision."""

    AUTO = "auto"
    PERSON = "person"


class Decision(StrEnum):
    """A person's judgement of two figures that disagree."""

    EXPLAINED = "explained"  # the difference has a reason (time, scope, method)
    ERROR = "error"  # one of the figures is wrong (a misquote, a typo)
    DUPLICATE = "duplicate"  # the same figure counted twice
    REAL = "real"  # a real contradiction, confirmed


class RelationKind(StrEnum):
    """How quantities constrain each other."""

    PRODUCT = "product"  # target = first x second (a percent factor counts as a fraction)
    PART = "part"  # first <= target: a part never exceeds its whole


@dataclass(frozen=True, slots=True)
class RelationRecord:
    kind: RelationKind
    target: str  # the result of a product, the whole of a part
    first: str  # a factor, or the part
    second: str | None  # the other factor (products only)


class Origin(StrEnum):
    """How a claim entered the database."""

    HAND = "hand"
    IMPORT = "import"
    EXTRACTED = "extracted"


# The columns of a claims CSV: what `claims --format csv` writes and `import` reads back.
# `id` is written for reference and ignored on import; low, high, unit and hedge, when filled
# in, override what is parsed from `figure` (that is how a person fixes a parse by hand).
CLAIM_COLUMNS: tuple[str, ...] = (
    "id",
    "figure",
    "low",
    "high",
    "unit",
    "hedge",
    "quantity",
    "counted",
    "stated_by",
    "stated_by_kind",
    "role",
    "channel",
    "cue",
    "outlet",
    "published",
    "title",
    "author",
    "url",
    "primary_source",
    "primary_source_by",
    "primary_source_url",
    "primary_source_published",
    "quote",
    "as_of",
    "scope",
    "modality",
    "topics",
    "status",
    "rank",
    "rank_reason",
)


# Read-only fields that JSON listings add to the columns above; `import` ignores them.
CLAIM_EXTRA: tuple[str, ...] = (
    "quantity_label",
    "document_id",
    "figure_start",
    "figure_end",
    "origin",
    "link_origin",
    "link_reason",
    "withdrawn_in",
)


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One claim with its provenance flattened, as listings and exports show it."""

    id: int
    figure: str
    low: Decimal | None
    high: Decimal | None
    unit: str
    hedge: Hedge
    quantity: str | None
    quantity_label: str | None
    counted: str | None
    stated_by: str | None
    stated_by_kind: AgentKind | None
    role: str | None
    channel: str | None
    cue: str | None
    outlet: str | None
    published: date | None
    title: str | None
    author: str | None
    url: str | None
    document_id: int | None
    primary_source: str | None
    primary_source_by: str | None
    primary_source_url: str | None
    primary_source_published: date | None
    quote: str | None
    figure_start: int | None
    figure_end: int | None
    as_of: str | None
    scope: str | None
    modality: Modality
    status: ReviewStatus
    rank: Rank
    rank_reason: str | None
    origin: Origin
    topics: tuple[str, ...] = ()
    link_origin: LinkOrigin | None = None
    link_reason: str | None = None
    withdrawn_in: int | None = None  # the version of its article that no longer has it

    @property
    def unattributed(self) -> bool:
        return self.stated_by_kind is AgentKind.OUTLET


@dataclass(frozen=True, slots=True)
class QuantityRecord:
    id: int
    key: str
    label: str
    unit: str
    definition: str | None
    scope: str | None
    topics: tuple[str, ...]
    claims: int
    terms: tuple[str, ...] = ()
    status: QuantityStatus = QuantityStatus.ACTIVE
    requires: tuple[str, ...] = ()
    place: str | None = None
    family: str | None = None
    cumulative: bool = False
    window_months: float | None = None
    expected: tuple[Decimal | None, Decimal | None] | None = None
    variant_of: str | None = None
    period: str | None = None


@dataclass(frozen=True, slots=True)
class VersionRecord:
    """A text a document held: each earlier version, and the current one last."""

    number: int
    title: str | None
    content_hash: str | None
    stored_at: datetime
    replaced_at: datetime | None  # None: the current text


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    id: int
    title: str | None
    outlet: str | None
    author: str | None
    url: str | None
    published: date | None
    retrieved: date | None
    content_hash: str | None
    topics: tuple[str, ...]
    cites: tuple[str, ...]
    claims: int
    version: int = 1
    versions: tuple[VersionRecord, ...] = ()  # only when there is more than one
    language: str | None = None  # a web page's (ISO 639-1)
    fetched_at: datetime | None = None  # a page fetched from its URL: when
    fetched_hash: str | None = None  # SHA-256 of the page's bytes as fetched or saved


@dataclass(frozen=True, slots=True)
class AgentRecord:
    id: int
    name: str
    kind: AgentKind
    description: str | None
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    claims: int


@dataclass(frozen=True, slots=True)
class ProvenanceChain:
    """A claim with everything behind it: speaker, the document, and its primary source."""

    claim: ClaimRecord
    quantity: QuantityRecord | None
    speaker: AgentRecord | None
    document: DocumentRecord | None
    primary_source: DocumentRecord | None


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """A person's judgement of a disagreeing pair of claims (lower id first)."""

    pair: str
    lower: int
    upper: int
    decision: Decision
    note: str | None
    decided_at: datetime


@dataclass(frozen=True, slots=True)
class ImportSummary:
    added: int
    already_present: int
    quantities_added: int
    claim_ids: tuple[int, ...] = field(default=())


# What a person gives to be stored: plain text values, checked and converted by the store.


@dataclass(frozen=True, slots=True)
class QuantityInput:
    """A quantity as a person defines it; ``key`` is derived from the label when not given."""

    label: str
    unit: str | None = None
    key: str | None = None
    definition: str | None = None
    scope: str | None = None
    topics: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    place: str | None = None
    family: str | None = None  # the key of the family it belongs to (default: its own key)
    cumulative: bool | None = None
    window_months: float | None = None
    expected: tuple[Decimal | None, Decimal | None] | None = None
    variant_of: str | None = None  # the key (or family) it restates under another definition
    period: str | None = None  # the event or span it counts, ISO: 2019-06-09, 2023-10/2024-02


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
    scope_inferred: bool = False  # the article's place, its sentence naming none
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
class RelationInput:
    """``target = first x second`` (product) or ``first <= target`` (part), by quantity key."""

    kind: RelationKind
    target: str
    first: str
    second: str | None = None
