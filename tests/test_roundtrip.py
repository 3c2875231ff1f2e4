"""Exact values survive the database: a figure's bounds come back from SQLite (as text) and
PostgreSQL (as NUMERIC) equal to what the grammar read, digit for digit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from provenance import db
from provenance.figures import Hedge, format_decimal, parse_figure
from provenance.models import Claim
from provenance.records import Modality, Origin, Rank, ReviewStatus

values = st.decimals(
    min_value=Decimal("-1e15"), max_value=Decimal("1e15"), allow_nan=False, allow_infinity=False
).filter(lambda d: d == d.quantize(Decimal("1e-12")))  # up to 12 decimals


@pytest.mark.fuzz
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(low=values, high=values)
def test_bounds_survive_a_database_round_trip(db_url: str, low: Decimal, high: Decimal) -> None:
    low, high = min(low, high), max(low, high)
    text = f"between {format_decimal(low)} and {format_decimal(high)}" if low >= 0 else None
    if text is not None:  # the grammar reads the figure as written
        figure = parse_figure(text)
        assert (figure.low, figure.high) == (low, high)
    with db.session_scope(db_url) as session:
        claim = Claim(figure=text or "a negative range", low=low, high=high, unit="count",
                      hedge=Hedge.RANGE, modality=Modality.REPORTED,
                      status=ReviewStatus.UNREVIEWED, rank=Rank.NORMAL, origin=Origin.HAND)  # fmt: skip
        session.add(claim)
        session.flush()
        claim_id = claim.id
    with db.session_scope(db_url, write=False) as session:
        stored = session.execute(select(Claim.low, Claim.high).where(Claim.id == claim_id)).one()
    assert tuple(stored) == (low, high)
    assert (format_decimal(stored[0]), format_decimal(stored[1])) == (
        format_decimal(low),
        format_decimal(high),
    )
