"""Full-text search over claims, on whatever database is in use.

Each claim keeps a ``search_text`` (figure, quote, what it counts, its quantity, speaker and
outlet, topics), written here whenever a claim or what it points at changes. SQLite indexes it
with FTS5 and Porter stemming (the ``claim_search`` table, kept in sync by triggers from
migration 0002) and ranks by bm25; PostgreSQL matches its English tsvector (GIN index) and
ranks by ts_rank; any other database falls back to a case-insensitive substring match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from types import EllipsisType

from sqlalchemy import Subquery, func, literal_column, select, table
from sqlalchemy.orm import Session

from provenance.errors import InputError
from provenance.models import Claim, Quantity

_WORDS = re.compile(r"\w+")


def search_text(claim: Claim, quantity: Quantity | EllipsisType | None = ...) -> str:
    """The text a claim is found by; ``quantity`` stands in for the claim's when given (for a
    claim whose ``quantity_id`` was just set)."""
    linked = claim.quantity if isinstance(quantity, EllipsisType) else quantity
    parts: list[str | None] = [claim.figure, claim.counted, claim.quote, claim.role, claim.scope]
    if linked is not None:
        parts += [linked.label, linked.key.replace("-", " ")]
        parts += [topic.name for topic in linked.topics]
    if claim.stated_by is not None:
        parts += [claim.stated_by.name, *(alias.alias for alias in claim.stated_by.aliases)]
    if claim.document is not None and claim.document.outlet is not None:
        parts.append(claim.document.outlet.name)
    parts += [topic.name for topic in claim.topics]
    return " ".join(part for part in parts if part)


def refresh_search(claims: Iterable[Claim]) -> None:
    """Rewrite the search text of claims whose quantity, speaker or tags changed."""
    for claim in claims:
        claim.search_text = search_text(claim)


def match(session: Session, text: str) -> Subquery:
    """Claims matching every word of ``text``, as a subquery of ``claim_id`` and ``rank``
    (lower is better)."""
    words = _WORDS.findall(text)
    if not words:
        raise InputError(f"--search needs at least one word, got {text!r}")
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        query = " ".join('"' + word.replace('"', '""') + '"' for word in words)
        return (
            select(
                literal_column("rowid").label("claim_id"),
                func.bm25(literal_column("claim_search")).label("rank"),
            )
            .select_from(table("claim_search"))
            .where(literal_column("claim_search").op("MATCH")(query))
            .subquery()
        )
    if dialect == "postgresql":
        vector = func.to_tsvector("english", func.coalesce(Claim.search_text, ""))
        wanted = func.plainto_tsquery("english", " ".join(words))
        return (
            select(Claim.id.label("claim_id"), (-func.ts_rank(vector, wanted)).label("rank"))
            .where(vector.op("@@")(wanted))
            .subquery()
        )
    conditions = [func.lower(Claim.search_text).like(f"%{word.lower()}%") for word in words]
    return (
        select(Claim.id.label("claim_id"), literal_column("0").label("rank"))
        .where(*conditions)
        .subquery()
    )
