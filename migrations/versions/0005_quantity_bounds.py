"""quantity bounds: each quantity's extreme figure bounds and standing, for conflicts at scale

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

A new derived table, filled from the claims (standings are left for the first `conflicts`
to fill); no existing row changes. The fill is written out here, as the application computed
bounds at this revision (provenance.conflicts.bounds_of over the claims neither deprecated
nor rejected), so that later changes to the models cannot change what this step does.
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DECIMAL = sa.Numeric().with_variant(sa.String(length=64), "sqlite")  # as ExactDecimal stores it


def upgrade() -> None:
    op.create_table(
        "quantity_bounds",
        sa.Column("quantity_id", sa.Integer(), nullable=False),
        sa.Column("figures", sa.Integer(), nullable=False),
        sa.Column("low_max", DECIMAL, nullable=True),
        sa.Column("low_max_widened", DECIMAL, nullable=True),
        sa.Column("high_min", DECIMAL, nullable=True),
        sa.Column("high_min_widened", DECIMAL, nullable=True),
        sa.Column(
            "standing",
            sa.Enum(
                "contradiction",
                "explained",
                "agree",
                name="standing",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("worst_gap", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["quantity_id"],
            ["quantity.id"],
            name=op.f("fk_quantity_bounds_quantity_id_quantity"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("quantity_id", name=op.f("pk_quantity_bounds")),
    )
    _fill()


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _written(value: Decimal | None, sqlite: bool) -> Any:
    if value is None or not sqlite:
        return value
    if value.is_zero():
        return "0"
    return format(value.normalize(), "f")  # canonical text, as ExactDecimal writes it


def _fill() -> None:
    """Per quantity: how many figures, the highest lower bound and lowest upper bound, those
    of approximate figures ("about 10") apart, as they are widened by a tolerance later."""
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    found: dict[int, list[Any]] = {}
    rows = bind.execute(
        sa.text(
            "SELECT quantity_id, low, high, hedge FROM claim WHERE quantity_id IS NOT NULL "
            "AND rank != 'deprecated' AND status != 'rejected'"
        )
    )
    for quantity_id, low, high, hedge in rows:
        n, low_max, low_w, high_min, high_w = found.get(quantity_id) or [0, None, None, None, None]
        low, high = _decimal(low), _decimal(high)
        if hedge == "approximately":
            low_w = low if low_w is None or (low is not None and low > low_w) else low_w
            high_w = high if high_w is None or (high is not None and high < high_w) else high_w
        else:
            low_max = low if low_max is None or (low is not None and low > low_max) else low_max
            high_min = (
                high if high_min is None or (high is not None and high < high_min) else high_min
            )
        found[quantity_id] = [n + 1, low_max, low_w, high_min, high_w]
    columns = ("quantity_id", "figures", "low_max", "low_max_widened", "high_min")
    table = sa.table("quantity_bounds", *map(sa.column, (*columns, "high_min_widened")))
    values = [
        {
            "quantity_id": quantity_id,
            "figures": n,
            "low_max": _written(low_max, sqlite),
            "low_max_widened": _written(low_w, sqlite),
            "high_min": _written(high_min, sqlite),
            "high_min_widened": _written(high_w, sqlite),
        }
        for quantity_id, (n, low_max, low_w, high_min, high_w) in found.items()
    ]
    if values:
        op.bulk_insert(table, values)


def downgrade() -> None:
    op.drop_table("quantity_bounds")
