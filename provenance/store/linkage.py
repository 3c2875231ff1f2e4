"""Linking claims to quantities, and the catalogue operations a person uses to steer it.

Automatic linking (:func:`link_claims`) scores the catalogue with :mod:`provenance.linking`
and links a claim only when one quantity is clearly best; it never touches a claim whose link
a person decided (:func:`link_claim`, :func:`unlink_claim`, or a quantity given on `add` or
`import`). Claims that match nothing are grouped into proposed quantities, which a person
accepts (:func:`accept_proposal`) before their figures are compared.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from provenance import linking
from provenance.errors import InputError, NotFoundError
from provenance.extract.text import split_sentences
from provenance.models import Claim, ConflictDecision, Quantity
from provenance.records import (
    ClaimRecord,
    Decision,
    DecisionRecord,
    LinkOrigin,
    QuantityRecord,
    QuantityStatus,
)
from provenance.store.lookup import (
    _choice,
    _clean,
    _new_key,
    add_terms_to,
    find_quantity,
    slugify,
)
from provenance.store.reads import (
    _claim_record,
    _claims_select,
    _get_claim,
    decision_record,
    quantity_record,
)
from provenance.store.search import refresh_search


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


def document_claims(session: Session, document_id: int) -> list[Claim]:
    return list(session.scalars(select(Claim).where(Claim.document_id == document_id)))


def _profiles(session: Session) -> list[linking.Profile]:
    quantities = session.scalars(
        select(Quantity)
        .where(Quantity.status == QuantityStatus.ACTIVE)
        .options(selectinload(Quantity.terms))
        .order_by(Quantity.key)
    )
    return [
        linking.Profile(
            q.key,
            q.unit,
            tuple(t.term for t in q.terms if not t.required),
            q.label,
            tuple(t.term for t in q.terms if t.required),
        )
        for q in quantities
    ]


def _previous_sentence(claim: Claim) -> str | None:
    document = claim.document
    if document is None or document.body is None or claim.quote_start is None:
        return None
    before = document.body[max(0, claim.quote_start - 600) : claim.quote_start]
    sentences = split_sentences(before)
    return sentences[-1].text if sentences else None


def _claim_text(claim: Claim) -> linking.ClaimText:
    return linking.ClaimText(
        claim.id, claim.unit, claim.counted, claim.quote, _previous_sentence(claim)
    )


def link_claims(
    session: Session, claim_ids: Sequence[int] | None = None, *, propose: bool = True
) -> LinkSummary:
    """Link claims (all, or those given) to the quantity they clearly measure.

    Claims a person linked or unlinked are left alone. With ``propose``, the claims left
    unlinked are then grouped into proposed quantities, replacing earlier proposals.
    """
    statement = select(Claim).options(selectinload(Claim.quantity))
    if claim_ids is not None:
        statement = statement.where(Claim.id.in_(claim_ids))
    claims = list(session.scalars(statement))
    profiles = _profiles(session)
    keys = {q.key: q for q in session.scalars(select(Quantity))}
    linked = unlinked = by_person = 0
    changed = []
    for claim in claims:
        if claim.link_origin is LinkOrigin.PERSON:
            by_person += 1
            continue
        chosen = linking.choose(linking.rank_quantities(_claim_text(claim), profiles))
        if chosen is not None:
            quantity, reason = keys[chosen.key], "; ".join(chosen.reasons)
            linked += 1
        else:
            quantity, reason = None, None
            unlinked += 1
        if claim.quantity is not quantity or claim.link_reason != reason:
            claim.quantity = quantity
            claim.link_origin = LinkOrigin.AUTO if quantity is not None else None
            claim.link_reason = reason
            changed.append(claim)
    session.flush()
    refresh_search(changed)
    proposed = _propose(session) if propose else 0
    return LinkSummary(linked, unlinked, by_person, proposed)


def refresh_proposals(session: Session) -> int:
    """Regroup the claims that match no quantity into proposed quantities."""
    return _propose(session)


def _propose(session: Session) -> int:
    """Replace the proposed quantities with groups of the claims that match nothing."""
    for old in session.scalars(select(Quantity).where(Quantity.status == QuantityStatus.PROPOSED)):
        for claim in old.claims:
            claim.quantity, claim.link_origin, claim.link_reason = None, None, None
        session.delete(old)
    session.flush()
    loose = list(
        session.scalars(
            select(Claim).where(Claim.quantity_id.is_(None), Claim.link_origin.is_(None))
        )
    )
    by_id = {claim.id: claim for claim in loose}
    proposals = linking.propose_quantities(_claim_text(claim) for claim in loose)
    for proposal in proposals:
        label = proposal.label
        if find_quantity(session, label) is not None:
            label = f"{label} ({proposal.unit})"
        quantity = Quantity(
            key=_new_key(session, "proposed-" + slugify(proposal.label)),
            label=label,
            unit=proposal.unit,
            status=QuantityStatus.PROPOSED,
        )
        session.add(quantity)
        members = [by_id[i] for i in proposal.claim_ids]
        for claim in members:
            claim.quantity, claim.link_origin = quantity, LinkOrigin.AUTO
            claim.link_reason = f"proposed: counts something alike in {len(members)} claims"
        session.flush()
        refresh_search(members)
    return len(proposals)


def suggest_links(session: Session, claim_id: int) -> list[Suggestion]:
    """The catalogue quantities that fit a claim, best first, with why."""
    claim = _get_claim(session, claim_id)
    candidates = linking.rank_quantities(_claim_text(claim), _profiles(session))
    chosen = linking.choose(candidates)
    labels = {q.key: q.label for q in session.scalars(select(Quantity))}
    return [
        Suggestion(c.key, labels[c.key], c.score, c.reasons, chosen is not None and c is chosen)
        for c in candidates
    ]


def link_claim(session: Session, claim_id: int, quantity_ref: str) -> ClaimRecord:
    """A person links a claim to a quantity; automatic linking will not change it."""
    claim = _get_claim(session, claim_id)
    quantity = require_quantity(session, quantity_ref)
    if quantity.unit != claim.unit:
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
    refresh_search([claim])
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
    refresh_search([claim])
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
    refresh_search(_quantity_claims(session, quantity))
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
    refresh_search(moved)
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
    refresh_search(claims)
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
    refresh_search(_quantity_claims(session, quantity))
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
