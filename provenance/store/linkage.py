"""Linking claims to quantities, and the catalogue operations a person uses to steer it.

Automatic linking (:func:`link_claims`) scores the catalogue with :mod:`provenance.linking`
and links a claim only when one quantity is clearly best; it never touches a claim whose link
a person decided (:func:`link_claim`, :func:`unlink_claim`, or a quantity given on `add` or
`import`). Claims that match nothing are grouped into proposed quantities, which a person
accepts (:func:`accept_proposal`) before their figures are compared.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import chain, count
from typing import Any

from sqlalchemy import Float, cast, event, func, inspect, or_, select, update
from sqlalchemy.orm import Session, selectinload

from provenance import linking, places
from provenance.derived import (
    Sessions,
    bounds_deferred,
    moved_claims,
    proposals_regrouped,
    quantity_words,
    search_words,
)
from provenance.errors import InputError, NotFoundError
from provenance.extract.context import named_period, names_a_count
from provenance.extract.text import split_sentences
from provenance.models import (
    Agent,
    AgentAlias,
    Claim,
    ConflictDecision,
    Document,
    Quantity,
    QuantityRelation,
    QuantityTerm,
    Topic,
    claim_topic,
    document_topic,
)
from provenance.records import (
    ClaimRecord,
    Decision,
    DecisionRecord,
    LinkOrigin,
    QuantityRecord,
    QuantityStatus,
    RelationKind,
)
from provenance.store.lookup import (
    _choice,
    _clean,
    _new_key,
    add_terms_to,
    find_quantity,
    slugify,
)
from provenance.store.pool import ClaimPool
from provenance.store.reads import (
    _claim_record,
    _claims_select,
    _get_claim,
    decision_record,
    quantity_record,
)
from provenance.units import convertible, factor


@dataclass(frozen=True, slots=True)
class LinkSummary:
    linked: int
    unlinked: int
    decided_by_person: int
    proposed: int


@dataclass(frozen=True, slots=True)
class Suggestion:
    quantity: str
    label: str
    score: float
    reasons: tuple[str, ...]
    chosen: bool


@dataclass(frozen=True, slots=True)
class QuantityDetail:
    quantity: QuantityRecord
    claims: tuple[ClaimRecord, ...]


def require_quantity(session: Session, ref: str) -> Quantity:
    quantity = find_quantity(session, ref)
    if quantity is None:
        raise NotFoundError(f"no quantity {ref!r} (see `provenance quantities`)")
    return quantity


@dataclass(slots=True)
class _Catalogue:
    """The quantities claims are linked to (the active ones) as linking profiles, by key, and
    every member of a family by (family, place), proposals among them; ``ranges``: the lowest
    and highest figure linked to each so far, by quantity id (a profile's ``observed`` when
    the lowest is above zero)."""

    profiles: list[linking.Profile]
    keys: dict[str, Quantity]
    members: dict[tuple[str, str], Quantity]
    ranges: dict[int, tuple[float, float]] = field(default_factory=dict)
    taught: places.Taught = ()  # the catalogue's places the gazetteer lacks (see taught_places)

    def observe(self, claims: Sequence[Claim]) -> None:
        """Widen the ranges, and the profiles' observed ranges, by claims just linked."""
        at = {profile.key: i for i, profile in enumerate(self.profiles)}
        for claim in claims:
            quantity = claim.quantity
            if quantity is None or claim.low is None or quantity.key not in self.keys:
                continue
            scale = float(factor(claim.unit, quantity.unit) or 1)  # the quantity's unit
            low = float(claim.low) * scale
            high = float(claim.high if claim.high is not None else claim.low) * scale
            known = self.ranges.get(quantity.id)
            if known is not None:
                low, high = min(low, known[0]), max(high, known[1])
            self.ranges[quantity.id] = (low, high)
            i = at[quantity.key]
            observed = (low, high) if low > 0 else None
            self.profiles[i] = replace(self.profiles[i], observed=observed)


# The catalogue as last read in a session (see link_new_claims), until a quantity, a term or a
# relation changes, or a savepoint or the transaction is rolled back.
_CATALOGUE = "catalogue"
_CATALOGUE_ROWS = (Quantity, QuantityTerm, QuantityRelation, Topic)


@event.listens_for(Sessions, "before_flush")
def _catalogue_changed(session: Session, _context: Any, _instances: Any) -> None:
    if _CATALOGUE in session.info and any(
        _changes_catalogue(session, item)
        for item in chain(session.new, session.dirty, session.deleted)
    ):
        del session.info[_CATALOGUE]


def _changes_catalogue(session: Session, item: object) -> bool:
    """Whether a pending change is one to the catalogue, not a claim joining a quantity's
    list of claims (which marks the quantity changed, to SQLAlchemy)."""
    if not isinstance(item, _CATALOGUE_ROWS):
        return False
    if not isinstance(item, Quantity) or item in session.new or item in session.deleted:
        return True
    attrs = inspect(item).attrs
    return session.is_modified(item, include_collections=False) or any(
        attrs[name].history.has_changes() for name in ("terms", "topics")
    )


@event.listens_for(Sessions, "after_soft_rollback")
def _catalogue_rolled_back(session: Session, _previous: Any) -> None:
    session.info.pop(_CATALOGUE, None)


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _catalogue(session: Session) -> _Catalogue:
    quantities = list(
        session.scalars(
            select(Quantity)
            .where(Quantity.status == QuantityStatus.ACTIVE)
            .options(selectinload(Quantity.terms), selectinload(Quantity.topics))
            .order_by(Quantity.key)
        )
    )
    if not quantities:  # no catalogue: nothing to link to (a new topic's first ingest)
        return _Catalogue([], {}, {})
    # The range of the figures linked to each quantity so far, to tell a figure of another
    # magnitude (a float here: it only ranks sizes, nothing is stored).
    ranges = {
        row[0]: (row[1], row[2])
        for row in session.execute(
            select(
                Claim.quantity_id,
                func.min(cast(Claim.low, Float)),
                func.max(cast(func.coalesce(Claim.high, Claim.low), Float)),
            )
            .join(Quantity, Quantity.id == Claim.quantity_id)  # the catalogue's: not proposals'
            # in the quantity's own unit (a figure in acres, linked to hectares, is left out)
            .where(
                Quantity.status == QuantityStatus.ACTIVE,
                Claim.low.is_not(None),
                Claim.unit == Quantity.unit,
            )
            .group_by(Claim.quantity_id)
        )
        if row[1] is not None
    }
    observed = {key: (low, high) for key, (low, high) in ranges.items() if low > 0}
    parts = set(
        session.scalars(
            select(QuantityRelation.first_id).where(QuantityRelation.kind == RelationKind.PART)
        )
    )
    keys = {q.id: q.key for q in quantities}
    profiles = [
        linking.Profile(
            q.key,
            q.unit,
            tuple(t.term for t in q.terms if not t.required),
            q.label,
            tuple(t.term for t in q.terms if t.required),
            family=q.family,
            place=q.place,
            topics=tuple(t.name for t in q.topics),
            expected=(
                (_float(q.expected_low), _float(q.expected_high))
                if q.expected_low is not None or q.expected_high is not None
                else None
            ),
            observed=observed.get(q.id),
            period=_days(q.period_start, q.period_end) or named_period(q.label, q.cumulative),
            period_in_label=_days(q.period_start, q.period_end) is None,
            part=q.id in parts,
            cumulative=bool(q.cumulative),
            window_days=None if q.window_months is None else q.window_months * 30.44,
            variant_of=keys.get(q.variant_of_id) if q.variant_of_id is not None else None,
        )
        for q in quantities
    ]
    members = {
        (q.family, (q.place or "").casefold()): q
        for q in session.scalars(select(Quantity).where(Quantity.family.is_not(None)))
        if q.family is not None
    }
    taught = _taught(quantities)
    return _Catalogue(profiles, {q.key: q for q in quantities}, members, ranges, taught)


def _taught(quantities: Sequence[Quantity], topics: Sequence[str] | None = None) -> places.Taught:
    """The places of ``quantities`` that the gazetteer lacks, as :func:`places.taught` takes
    them, each placed among the known places of the quantities that share a topic with its
    own; with ``topics``, only those of quantities that apply to them (or to every topic)."""
    wanted = None if topics is None else {t.casefold() for t in topics}
    around: dict[str, set[str]] = defaultdict(set)  # a topic -> the places of its quantities
    for q in quantities:
        for topic in [t.name.casefold() for t in q.topics] or [""]:
            if q.place:
                around[topic].add(q.place)
    found = []
    for q in quantities:
        names = {t.name.casefold() for t in q.topics}
        if not q.place or (wanted is not None and names and names.isdisjoint(wanted)):
            continue
        neighbours = set().union(*(around[n] for n in names or {""}))
        place = places.teachable(q.place, sorted(neighbours - {q.place}))
        if place is not None:
            found.append(place)
    return tuple(sorted(set(found), key=lambda p: (p[0], p[1] or "")))


def taught_places(session: Session, topics: Sequence[str] = ()) -> places.Taught:
    """The places the catalogue names that the gazetteer lacks (a county, a small town, a
    name it leaves out as ambiguous: "Victoria"), for reading articles of ``topics``: those of
    the quantities that apply to them."""
    quantities = session.scalars(
        select(Quantity)
        .where(Quantity.status == QuantityStatus.ACTIVE, Quantity.place.is_not(None))
        .options(selectinload(Quantity.topics))
    ).all()
    return _taught(quantities, topics)


def _member_for(session: Session, catalogue: _Catalogue, family: str, place: str) -> Quantity:
    """The family's member for a place, proposed (and added to the session) when it has none:
    it takes the family's unit, topics and comparison settings, and its label names the
    place."""
    found = catalogue.members.get((family, place.casefold()))
    if found is not None:
        return found
    model = next(q for (f, _), q in sorted(catalogue.members.items()) if f == family)
    base = model.label
    if model.place and base.endswith(f", {model.place}"):
        base = base[: -len(model.place) - 2]
    label = f"{base}, {place}"
    taken = find_quantity(session, label)
    if taken is not None:
        label = f"{label} ({model.unit})"
    quantity = Quantity(
        key=_new_key(session, slugify(f"{family}-{place}")),
        label=label,
        unit=model.unit,
        definition=model.definition,
        place=place,
        family=family,
        cumulative=model.cumulative,
        window_months=model.window_months,
        period=model.period,
        period_start=model.period_start,
        period_end=model.period_end,
        expected_low=model.expected_low,
        expected_high=model.expected_high,
        status=QuantityStatus.PROPOSED,
    )
    quantity.topics = list(model.topics)
    session.add(quantity)
    catalogue.members[(family, place.casefold())] = quantity
    return quantity


def _previous_sentence(claim: Claim) -> str | None:
    document = claim.document
    if document is None or document.body is None or claim.quote_start is None:
        return None
    before = document.body[max(0, claim.quote_start - 600) : claim.quote_start]
    sentences = split_sentences(before)
    return sentences[-1].text if sentences else None


def _days(first: date | None, last: date | None) -> tuple[date, date] | None:
    """A period's first and last day, when both are known."""
    return (first, last) if first is not None and last is not None else None


def _claim_text(claim: Claim) -> linking.ClaimText:
    # A claim not stored yet has no id; ranking does not read it, only grouping does.
    identifier = claim.id if claim.id is not None else 0
    document = claim.document
    values = [float(v) for v in (claim.low, claim.high) if v is not None]
    return linking.ClaimText(
        identifier,
        claim.unit,
        claim.counted,
        claim.quote,
        _previous_sentence(claim),
        place=claim.scope,
        place_inferred=bool(claim.scope_inferred),
        topics=tuple(t.name for t in document.topics) if document is not None else (),
        value=sum(values) / len(values) if values else None,
        figure_end=claim.figure_end,
        figure_start=claim.figure_start,
        period=_days(claim.as_of_start, claim.as_of_end),
        event=linking.named_event(claim.quote, document.title if document is not None else None),
        # "about 200 more found in neighbouring Samar": more, and another place's
        increment=linking.increment(claim.quote, claim.figure_start, claim.figure_end)
        and (claim.scope is None or bool(claim.scope_inferred)),
        moved=linking.moved(claim.quote, claim.figure_start, claim.figure_end),
        compares=linking.compares(claim.quote, claim.figure_start, claim.figure_end),
        side=linking.side_of(claim.quote, claim.figure_start, claim.figure_end),
        named=linking.named_side(claim.quote, claim.figure_start, claim.figure_end)
        if claim.unit == "percent"
        else None,
        period_stated=(
            document is None
            or document.published is None
            or claim.as_of != document.published.isoformat()
        ),
        history=document is not None
        and document.published is not None
        and claim.as_of_end is not None
        and (document.published - claim.as_of_end).days > linking.TOLL_TIME,
        # "Killed: 298, among them about 80 children": a part of the figure before it
        # (unless it names a place of its own: "including 80,000 in Paris" is Paris's)
        part=claim.unit != "percent"
        and linking.part_of(claim.quote, claim.figure_start, claim.figure_end)
        and (claim.scope is None or bool(claim.scope_inferred)),
    )


_UNDECIDED = linking.Decision(None)


def _reading_order(claim: Claim) -> tuple[int, int, int]:
    return (claim.document_id or 0, claim.quote_start or 0, claim.figure_start or 0)


COUNT_BEFORE = 600  # characters back from a figure's sentence its count may have been named


def _count_before(claim: Claim, before: dict[tuple[Document, str], Claim]) -> Claim | None:
    """The figure, of the same unit and linked, whose count a figure pointing back at one
    ("the count", "the state's count", "it") measures: the last one before it in its article,
    within :data:`COUNT_BEFORE` characters, itself a level (no increment or comparison)."""
    if claim.document is None or not names_a_count(claim.counted):
        return None
    earlier = before.get((claim.document, claim.unit))
    if (
        earlier is None
        or earlier.quantity is None
        or earlier.quote_end is None
        or claim.quote_start is None
        or claim.quote_start - earlier.quote_end > COUNT_BEFORE
    ):
        return None
    ahead = _claim_text(earlier)
    return None if ahead.increment or ahead.compares or ahead.moved else earlier


def _link(session: Session, claims: Sequence[Claim], catalogue: _Catalogue) -> tuple[int, int, int]:
    """Link each claim no person decided to the quantity it clearly measures, or to a proposed
    member of that quantity's family for its place, or to none; returns how many were linked,
    left unlinked and left to a person's decision."""
    with places.taught(catalogue.taught):
        return _link_taught(session, claims, catalogue)


def _link_taught(
    session: Session, claims: Sequence[Claim], catalogue: _Catalogue
) -> tuple[int, int, int]:
    linked = unlinked = by_person = 0
    # the last figure of each unit read in each article, and what it was linked to
    before: dict[tuple[Document, str], Claim] = {}
    for claim in sorted(claims, key=_reading_order):
        if claim.link_origin is LinkOrigin.PERSON:
            by_person += 1
            continue
        decision = (  # with no catalogue, nothing to read the claim's words against
            linking.decide(_claim_text(claim), catalogue.profiles)
            if catalogue.profiles
            else _UNDECIDED
        )
        quantity: Quantity | None = None
        reason = "; ".join(decision.reasons) or None
        if decision.key is not None:
            quantity = catalogue.keys[decision.key]
        elif decision.family is not None and decision.place is not None:
            quantity = _member_for(session, catalogue, decision.family, decision.place)
            reason = f"proposed member for {decision.place}: {reason}"
        elif not decision.reasons and (earlier := _count_before(claim, before)) is not None:
            # "On Friday, the count had been 85": the count the figure before it measures
            quantity = earlier.quantity
            reason = f"the count the figure before it, {earlier.figure}, measures"
        if claim.document is not None:
            before[(claim.document, claim.unit)] = claim
        if quantity is not None:
            linked += 1
        else:
            unlinked += 1
            reason = None
            held = claim.quantity
            if (
                held is not None
                and held.status is QuantityStatus.PROPOSED
                and held.family is None
                and claim.link_origin is LinkOrigin.AUTO
            ):  # in a proposal: regrouping decides, and keeps the proposal's key if it can
                continue
        if claim.quantity is not quantity or claim.link_reason != reason:
            claim.quantity = quantity
            claim.link_origin = LinkOrigin.AUTO if quantity is not None else None
            claim.link_reason = reason
    return linked, unlinked, by_person


def link_new_claims(session: Session, claims: Sequence[Claim]) -> int:
    """Link claims not stored yet (an article being ingested); returns how many were linked.
    The caller sets their search text and adds them."""
    if not claims:
        return 0
    # An ingest links article after article in one transaction: the catalogue is read once,
    # its ranges widened by each article's figures as linked, as a new read would find them.
    catalogue = session.info.get(_CATALOGUE)
    if catalogue is None:
        catalogue = session.info[_CATALOGUE] = _catalogue(session)
    linked = _link(session, claims, catalogue)[0]
    catalogue.observe(claims)
    return linked


def link_claims(
    session: Session, claim_ids: Sequence[int] | None = None, *, propose: bool = True
) -> LinkSummary:
    """Link claims (all, or those given) to the quantity they clearly measure.

    Claims a person linked or unlinked are left alone. With ``propose``, the claims left
    unlinked are then grouped into proposed quantities, replacing earlier proposals.
    """
    statement = select(Claim).options(*_SEARCH_LOADS)
    if claim_ids is not None:
        statement = statement.where(Claim.id.in_(claim_ids))
    claims = list(session.scalars(statement))
    linked, unlinked, by_person = _link(session, claims, _catalogue(session))
    session.flush()
    proposed = _propose(session) if propose else 0
    return LinkSummary(linked, unlinked, by_person, proposed)


def refresh_proposals(session: Session) -> int:
    """Regroup the claims that match no quantity into proposed quantities."""
    return _propose(session)


# What a claim's search text is made of, loaded with it rather than one query at a time.
_SEARCH_LOADS = (
    selectinload(Claim.quantity).selectinload(Quantity.topics),
    selectinload(Claim.stated_by).selectinload(Agent.aliases),
    selectinload(Claim.document).options(
        selectinload(Document.outlet), selectinload(Document.topics)
    ),
    selectinload(Claim.topics),
)
_CHUNK = 1_000  # claims loaded at once, with what their search text is made of
_PROPOSED_REASON = "proposed: counts something alike in {} claims"


def _one_at_a_time(session: Session, task: str) -> None:
    """Hold a lock named ``task`` until the transaction ends, so that two processes never do
    it at once: on PostgreSQL a transaction-level advisory lock, after which every statement
    sees what the previous holder committed; SQLite writers already run one at a time."""
    if session.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(task.encode())  # a stable number for the name
        session.execute(select(func.pg_advisory_xact_lock(key)))


def _propose(session: Session) -> int:
    """Group the claims that match nothing into proposed quantities, replacing the earlier
    proposals; returns how many there are.

    The claims regrouped are those with no quantity and no person's decision, and those
    linked automatically to a proposal. A proposal whose group comes out the same is kept as
    it is (its key, label and any rename stay), so regrouping after each ingest writes only
    what changed. A proposal a person linked a claim to is never removed.
    """
    _one_at_a_time(session, "regroup proposals")
    proposal = Quantity.status == QuantityStatus.PROPOSED
    # Each document's topics, read first: articles of other topics are grouped apart.
    topics_of: dict[int, tuple[str, ...]] = defaultdict(tuple)
    for document_id, name in session.execute(
        select(document_topic.c.document_id, Topic.name)
        .join(Topic, Topic.id == document_topic.c.topic_id)
        .order_by(Topic.name)
    ):
        topics_of[document_id] += (name,)
    # The headline of each document whose figures may be grouped: the event it names stands
    # for its figures' when their own sentence names none.
    titles: dict[int, str] = {
        document_id: title
        for document_id, title in session.execute(
            select(Document.id, Document.title).where(Document.title.is_not(None))
        )
        if title is not None and linking.named_event(title) is not None
    }
    rows = session.execute(
        select(
            Claim.id,
            Claim.unit,
            Claim.counted,
            Claim.quantity_id,
            Claim.link_origin,
            Claim.scope,
            Claim.low,
            Claim.high,
            Claim.as_of_start,
            Claim.as_of_end,
            Claim.scope_inferred,
            Claim.figure_start,
            Claim.quote,
            Claim.document_id,
            Claim.withdrawn_in,
            Claim.figure_end,
        )
        .outerjoin(Quantity, Claim.quantity_id == Quantity.id)
        .where(
            or_(
                Claim.quantity_id.is_(None) & Claim.link_origin.is_(None),
                proposal
                & Quantity.family.is_(None)
                & Claim.link_origin.in_([LinkOrigin.AUTO, LinkOrigin.PERSON]),
            )
        )
        .execution_options(yield_per=_CHUNK)
    )
    # Streamed into a pool on disk, with what grouping reads of each claim: memory holds one
    # block of alike claims at a time, whatever the number of claims.
    person_chose: set[int | None] = set()
    held: dict[int, int] = defaultdict(int)  # current proposal -> how many claims it holds
    with ClaimPool() as pool:
        for row in rows:
            if row.link_origin is LinkOrigin.PERSON:
                person_chose.add(row.quantity_id)
                continue
            if row.quantity_id is not None:
                held[row.quantity_id] += 1
            # gone from its article, a claim leaves its proposal and joins none
            text = None if row.withdrawn_in is not None else _pooled(row, topics_of, titles)
            pool.add(row.id, row.quantity_id, text)
        groups = pool.proposals(held)
        kept = {g.kept for g in groups if g.kept is not None}
        stale = [q for q in held if q not in kept and q not in person_chose]
        for quantity_id in stale:  # first, so that a new proposal may take its key
            session.delete(session.get_one(Quantity, quantity_id))
        session.flush()
        keys = set(session.scalars(select(Quantity.key)))
        labels = {label.lower() for label in session.scalars(select(Quantity.label))}
        new: dict[int, Quantity] = {}  # a group's number -> its new proposal
        for number, group in enumerate(groups):
            if group.kept is not None:
                continue
            written = (f"{group.label} ({group.unit}{f' {n}' if n > 1 else ''})" for n in count(1))
            label = next(c for c in chain([group.label], written) if c.lower() not in labels)
            base = key = "proposed-" + slugify(group.label)
            suffix = 1
            while key in keys:
                suffix += 1
                key = f"{base}-{suffix}"
            keys.add(key)
            labels.add(label.lower())
            new[number] = Quantity(
                key=key,
                label=label,
                unit=group.unit,
                status=QuantityStatus.PROPOSED,
                cumulative=group.cumulative,
                topics=[],  # known to have none: its claims' search text need not load them
            )
            session.add(new[number])
        session.flush()  # the new proposals get their ids
        moves = (
            [
                (claim_id, None if n is None else new[n], 0 if n is None else groups[n].size)
                for claim_id, n in chunk
            ]
            for chunk in pool.moves(kept, _CHUNK)
        )
        with bounds_deferred(session):
            _move_claims(session, moves, list(new.values()))
    _drop_empty_members(session)
    session.flush()
    proposals_regrouped(session)
    return len(groups)


def _pooled(
    row: Any, topics_of: dict[int, tuple[str, ...]], titles: dict[int, str]
) -> linking.ClaimText:
    """What grouping reads of a claim, from its row (unpacked: a row's attributes cost more)."""
    (claim_id, unit, counted, _, _, place, low, high, first, last, inferred, start, quote,
     document_id, _, end) = row  # fmt: skip
    stated_elsewhere = place is None or bool(inferred)
    values = [float(v) for v in (low, high) if v is not None]
    # Of the quote, only the words leading to the figure are kept ("the blast killed").
    lead = quote[max(0, start - 100) : start] if quote and start else None
    return linking.ClaimText(
        claim_id, unit, counted, lead, place=place, place_inferred=bool(inferred),
        topics=topics_of[document_id] if document_id is not None else (),
        value=sum(values) / len(values) if values else None,
        period=_days(first, last), figure_start=len(lead) if lead else None,
        running=linking.running_total(counted, quote),
        event=linking.named_event(quote, titles.get(document_id)),
        increment=linking.increment(quote, start, end) and stated_elsewhere,
        moved=linking.moved(quote, start, end),
        compares=linking.compares(quote, start, end),
        side=linking.side_of(quote, start, end),
        named=linking.named_side(quote, start, end) if unit == "percent" else None,
        # "including 80,000 in Paris": Paris's
        part=unit != "percent" and linking.part_of(quote, start, end) and stated_elsewhere,
    )  # fmt: skip


def _drop_empty_members(session: Session) -> None:
    """Remove the proposed members of families that no claim is linked to any more."""
    empty = session.scalars(
        select(Quantity).where(
            Quantity.status == QuantityStatus.PROPOSED,
            Quantity.family.is_not(None),
            ~select(Claim.id).where(Claim.quantity_id == Quantity.id).exists(),
        )
    ).all()
    for quantity in empty:
        session.delete(quantity)
    if empty:
        session.flush()


def _move_claims(
    session: Session,
    moves: Iterable[list[tuple[int, Quantity | None, int]]],
    proposals: list[Quantity],
) -> None:
    """Move claims to their new proposals (or to none): each chunk of (claim id, its new
    proposal, how many claims that holds) in one UPDATE by primary key. Through the unit of
    work, each claim's change cost more than all the rest of regrouping. The flush hooks do not
    see such an UPDATE, so what they would do is done here: the search text is written with
    the move, and the quantities left and joined are noted for their bounds
    (:func:`provenance.derived.moved_claims`).

    Moved by quantity_id, not through Claim.quantity, whose back-reference would keep every
    moved claim in memory in its proposal's list until the transaction ends; and read as
    columns, not as Claim objects with their speakers, documents and topics loaded, which cost
    more than the rest of the move (the search text is built from the same parts)."""
    targets = {q.id: quantity_words(q) for q in proposals}
    loaded = {o.id: o for o in session.identity_map.values() if isinstance(o, Claim)}
    with _ClaimUpdates(session) as updates:
        for chunk in moves:
            for claim_id, _, _ in chunk:
                if claim_id in loaded:
                    session.expunge(loaded.pop(claim_id))  # its values would be the old ones
            _move_chunk(session, chunk, targets, updates)


def _move_chunk(
    session: Session,
    chunk: list[tuple[int, Quantity | None, int]],
    targets: dict[int, tuple[str, ...]],
    updates: _ClaimUpdates,
) -> None:
    wanted = {claim_id: (target, size) for claim_id, target, size in chunk}
    ids = list(wanted)
    rows, touched = [], set()
    found = session.execute(
        select(
            Claim.id,
            Claim.quantity_id,
            Claim.figure,
            Claim.counted,
            Claim.quote,
            Claim.role,
            Claim.scope,
            Claim.stated_by_id,
            Agent.name.label("outlet"),
        )
        .outerjoin(Document, Document.id == Claim.document_id)
        .outerjoin(Agent, Agent.id == Document.outlet_id)
        .where(Claim.id.in_(ids))
    ).all()
    speakers = _speaker_words(session, {row.stated_by_id for row in found})
    topics: dict[int, list[str]] = defaultdict(list)
    for claim_id, name in session.execute(
        select(claim_topic.c.claim_id, Topic.name)
        .join(Topic, Topic.id == claim_topic.c.topic_id)
        .where(claim_topic.c.claim_id.in_(ids))
        .order_by(claim_topic.c.claim_id, Topic.name)
    ):
        topics[claim_id].append(name)
    for row in found:
        target, size = wanted[row.id]
        touched |= {row.quantity_id, target.id if target is not None else None}
        words = search_words(
            (row.figure, row.counted, row.quote, row.role, row.scope),
            targets[target.id] if target is not None else (),
            speakers.get(row.stated_by_id, ()),
            row.outlet,
            topics.get(row.id, ()),
        )
        rows.append(
            {
                "id": row.id,
                "quantity_id": target.id if target is not None else None,
                "link_origin": LinkOrigin.AUTO if target is not None else None,
                "link_reason": (_PROPOSED_REASON.format(size) if target is not None else None),
                "search_text": words,
            }
        )
    if rows:
        updates.add(rows)
    moved_claims(session, touched)


# The columns a move of claims sets, after the id that finds each row.
_MOVED = ("quantity_id", "link_origin", "link_reason", "search_text")


class _ClaimUpdates:
    """Set moved claims' columns by primary key: each batch in one UPDATE through SQLAlchemy
    (on SQLite, one executemany); on PostgreSQL, where psycopg would send an UPDATE a row,
    every batch is copied into a temporary table and one UPDATE joining it sets them all as
    the block ends (an UPDATE a batch scanned the whole claim table each time: at 160,000
    claims, a tenth of a second a thousand moved)."""

    def __init__(self, session: Session) -> None:
        connection = session.connection()
        self._session = session
        self._driver = (
            connection.connection.driver_connection
            if connection.dialect.name == "postgresql"
            else None
        )
        self._copied = False

    def __enter__(self) -> _ClaimUpdates:
        return self

    def add(self, rows: list[dict[str, Any]]) -> None:
        if self._driver is None:
            self._session.execute(update(Claim), rows)
            return
        with self._driver.cursor() as cursor:
            if not self._copied:
                cursor.execute(
                    "CREATE TEMPORARY TABLE IF NOT EXISTS moved_claim (id integer PRIMARY KEY, "
                    "quantity_id integer, link_origin varchar(24), link_reason text, "
                    "search_text text) ON COMMIT DROP"
                )
                cursor.execute("TRUNCATE moved_claim")
                self._copied = True
            with cursor.copy(f"COPY moved_claim (id, {', '.join(_MOVED)}) FROM STDIN") as copy:
                for row in rows:
                    origin = row["link_origin"]
                    copy.write_row(
                        [row["id"], row["quantity_id"], origin.value if origin else None,
                         row["link_reason"], row["search_text"]]
                    )  # fmt: skip

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is not None or not self._copied:
            return
        with self._driver.cursor() as cursor:  # type: ignore[union-attr]
            cursor.execute(
                "UPDATE claim SET "
                + ", ".join(f"{c} = moved_claim.{c}" for c in _MOVED)
                + ", updated_at = %s FROM moved_claim WHERE claim.id = moved_claim.id",
                (datetime.now(UTC),),  # as the column's onupdate sets it
            )
            cursor.execute("DROP TABLE moved_claim")  # a later regrouping in the transaction


def _speaker_words(session: Session, ids: set[int | None]) -> dict[int, tuple[str, ...]]:
    """Each speaker's name and aliases, in the order a claim's search text gives them."""
    wanted = sorted(i for i in ids if i is not None)
    names: dict[int, list[str]] = {}
    for agent_id, name, alias in session.execute(
        select(Agent.id, Agent.name, AgentAlias.alias)
        .outerjoin(AgentAlias, AgentAlias.agent_id == Agent.id)
        .where(Agent.id.in_(wanted))
        .order_by(Agent.id, AgentAlias.alias)
    ):
        names.setdefault(agent_id, [name])
        if alias is not None:
            names[agent_id].append(alias)
    return {agent_id: tuple(words) for agent_id, words in names.items()}


def suggest_links(session: Session, claim_id: int) -> list[Suggestion]:
    """The catalogue quantities that fit a claim, best first, with why."""
    claim = _get_claim(session, claim_id)
    catalogue = _catalogue(session)
    candidates = linking.rank_quantities(_claim_text(claim), catalogue.profiles)
    decision = linking.decide(_claim_text(claim), catalogue.profiles)
    return [
        Suggestion(c.key, catalogue.keys[c.key].label, c.score, c.reasons, c.key == decision.key)
        for c in candidates
    ]


def link_claim(session: Session, claim_id: int, quantity_ref: str) -> ClaimRecord:
    """A person links a claim to a quantity; automatic linking will not change it."""
    claim = _get_claim(session, claim_id)
    quantity = require_quantity(session, quantity_ref)
    if not convertible(claim.unit, quantity.unit):
        raise InputError(
            f"claim {claim_id} is in {claim.unit} but quantity {quantity.key!r} "
            f"is measured in {quantity.unit}"
        )
    claim.quantity, claim.link_origin, claim.link_reason = (
        quantity,
        LinkOrigin.PERSON,
        "linked by hand",
    )
    session.flush()
    return _claim_record(claim)


def unlink_claim(session: Session, claim_id: int) -> ClaimRecord:
    """A person decides a claim measures no quantity; automatic linking will not relink it."""
    claim = _get_claim(session, claim_id)
    claim.quantity, claim.link_origin, claim.link_reason = (
        None,
        LinkOrigin.PERSON,
        "unlinked by hand",
    )
    session.flush()
    return _claim_record(claim)


def _quantity_claims(session: Session, quantity: Quantity) -> list[Claim]:
    return list(session.scalars(_claims_select().where(Claim.quantity_id == quantity.id)))


def add_terms(
    session: Session, ref: str, terms: Sequence[str], *, required: bool = False
) -> QuantityRecord:
    """Teach a quantity more words that signal it (or, ``required``, that scope it)."""
    quantity = require_quantity(session, ref)
    add_terms_to(quantity, terms, required=required)
    session.flush()
    return quantity_record(session, quantity)


def rename_quantity(
    session: Session, ref: str, *, label: str | None = None, key: str | None = None
) -> QuantityRecord:
    """Give a quantity a new label or key; its old ones still find it as match terms."""
    quantity = require_quantity(session, ref)
    label = _clean(label)
    key = slugify(key) if key and key.strip() else None
    if label is None and key is None:
        raise InputError("give a new --label or --key")
    if label is not None and find_quantity(session, label) not in (None, quantity):
        raise InputError(f"another quantity is already labelled {label!r}")
    if key is not None and find_quantity(session, key) not in (None, quantity):
        raise InputError(f"another quantity already has the key {key!r}")
    if label is not None and label != quantity.label:
        add_terms_to(quantity, [quantity.label])
        quantity.label = label
    if key is not None:
        quantity.key = key
    session.flush()
    return quantity_record(session, quantity)


def merge_quantities(session: Session, source_ref: str, target_ref: str) -> QuantityRecord:
    """Move every claim, term and topic of ``source`` to ``target`` and remove ``source``;
    its label becomes a term of ``target``. Who linked each claim is kept."""
    source, target = require_quantity(session, source_ref), require_quantity(session, target_ref)
    if source is target:
        raise InputError(f"cannot merge {source.key!r} into itself")
    if source.unit != target.unit:
        raise InputError(
            f"cannot merge {source.key!r} ({source.unit}) into {target.key!r} ({target.unit})"
        )
    moved = _quantity_claims(session, source)
    for claim in moved:
        claim.quantity = target
    add_terms_to(target, [source.label, *(t.term for t in source.terms)])
    for topic in source.topics:
        if topic not in target.topics:
            target.topics.append(topic)
    target.status = QuantityStatus.ACTIVE
    session.flush()
    session.delete(source)
    session.flush()
    return quantity_record(session, target)


def split_quantity(
    session: Session, ref: str, claim_ids: Sequence[int], label: str, key: str | None = None
) -> QuantityRecord:
    """Move some claims of a quantity to a new quantity with the same unit (a person's
    decision for each moved claim)."""
    source = require_quantity(session, ref)
    claims = [_get_claim(session, claim_id) for claim_id in claim_ids]
    strays = [c.id for c in claims if c.quantity_id != source.id]
    if not claims or strays:
        raise InputError(f"claims {strays or list(claim_ids)} are not linked to {source.key!r}")
    label = _clean(label) or ""
    if not label or find_quantity(session, label) is not None:
        raise InputError(f"the new quantity needs an unused --label, not {label!r}")
    target = Quantity(
        key=_new_key(session, slugify(key or label)), label=label, unit=source.unit,
        definition=None, scope=source.scope,
    )  # fmt: skip
    target.topics = list(source.topics)
    session.add(target)
    for claim in claims:
        claim.quantity, claim.link_origin, claim.link_reason = (
            target,
            LinkOrigin.PERSON,
            "split by hand",
        )
    session.flush()
    return quantity_record(session, target)


def accept_proposal(
    session: Session, ref: str, *, label: str | None = None, key: str | None = None
) -> QuantityRecord:
    """Make a proposed quantity part of the catalogue, optionally renamed."""
    quantity = require_quantity(session, ref)
    if quantity.status is not QuantityStatus.PROPOSED:
        raise InputError(f"quantity {quantity.key!r} is not a proposal")
    quantity.status = QuantityStatus.ACTIVE
    for claim in quantity.claims:
        claim.link_reason = "accepted proposal"
    session.flush()
    if label or key:
        return rename_quantity(session, quantity.key, label=label, key=key)
    return quantity_record(session, quantity)


def resolve_conflict(
    session: Session, pair: str, decision: str, note: str | None = None
) -> DecisionRecord:
    """Record a person's judgement of two claims that disagree, given as "A-B" (claim ids);
    a new judgement of the same pair replaces the old one."""
    match = re.fullmatch(r"\s*#?(\d+)\s*[-,/]\s*#?(\d+)\s*", pair)
    if not match:
        raise InputError(f"not a pair of claims: {pair!r} (expected ids like 4-11)")
    lower, upper = sorted((int(match[1]), int(match[2])))
    claims = [_get_claim(session, claim_id) for claim_id in (lower, upper)]
    if (
        lower == upper
        or claims[0].quantity_id is None
        or claims[0].quantity_id != claims[1].quantity_id
    ):
        raise InputError(f"claims {lower} and {upper} are not two figures of one quantity")
    chosen = _choice(Decision, decision, "decision", Decision.EXPLAINED)
    row = session.scalar(
        select(ConflictDecision).where(
            ConflictDecision.lower_claim_id == lower, ConflictDecision.upper_claim_id == upper
        )
    )
    if row is None:
        row = ConflictDecision(lower_claim_id=lower, upper_claim_id=upper, decision=chosen)
        session.add(row)
    row.decision, row.note, row.decided_at = chosen, _clean(note), datetime.now(UTC)
    session.flush()
    return decision_record(row)


def show_quantity(session: Session, ref: str) -> QuantityDetail:
    quantity = require_quantity(session, ref)
    claims = tuple(_claim_record(c) for c in _quantity_claims(session, quantity))
    return QuantityDetail(quantity_record(session, quantity), claims)
