"""Full-text search over claims, on whatever database is in use.

Each claim keeps a ``search_text`` (figure, quote, what it counts, its quantity, speaker and
outlet, topics), which :mod:`provenance.derived` rewrites whenever a claim or what it points
at changes. SQLite indexes it
with FTS5 and Porter stemming (the ``claim_search`` table, kept in sync by triggers from
migration 0002) and ranks by bm25; PostgreSQL matches its English tsvector (GIN index) and
ranks by ts_rank; any other database falls back to a case-insensitive substring match.
"""

from __future__ import annotations

import re

from sqlalchemy import Subquery, func, literal_column, select, table
from sqlalchemy.orm import Session

from provenance.errors import InputError
from provenance.models import Claim

_WORDS = re.compile(r"\w+")


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
