"""Checking values a person typed, and finding or creating what a claim points at: topics,
agents (by name or alias), documents and quantities."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from provenance.errors import InputError
from provenance.figures import Hedge
from provenance.models import Agent, AgentAlias, Document, Quantity, QuantityTerm, Topic
from provenance.periods import Period, parse_date, parse_period
from provenance.records import AgentKind, Decision, Modality, Rank, ReviewStatus


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


_E = TypeVar("_E", AgentKind, Modality, ReviewStatus, Rank, Hedge, Decision)


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


def _topics(session: Session, names: Iterable[str]) -> list[Topic]:
    topics: list[Topic] = []
    for raw in names:
        name = _clean(" ".join(raw.split()))  # one space between words, as listings join them
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
    the stored document lacks are filled in; stored values are never overwritten. Given only
    a date or an author, nothing names the document: a new one keeps them, never shared with
    another claim's."""
    if outlet is None and title is None and url is None:
        if published is None and author is None:
            return None
        anonymous = Document(published=published, author=author)
        session.add(anonymous)
        return anonymous
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


def add_terms_to(quantity: Quantity, terms: Iterable[str], *, required: bool = False) -> None:
    """Add match terms a quantity lacks (compared without case); ``required`` terms are its
    scope, one of which must be in a claim's sentence."""
    known = {term.term.lower() for term in quantity.terms}
    for raw in terms:
        term = " ".join(raw.split())
        if term and term.lower() not in known:
            quantity.terms.append(QuantityTerm(term=term, required=required))
            known.add(term.lower())
