"""quantity bounds: each quantity's extreme figure bounds and standing, for conflicts at scale

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

A new derived table, filled from the claims (standings are left for the first `conflicts`
to fill); no existing row changes. The fill uses the
application's own computation (provenance.models.refresh_bounds), which reads only claim
columns present since 0001.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from provenance.models import refresh_bounds

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
    with Session(bind=op.get_bind()) as session:
        refresh_bounds(session)


def downgrade() -> None:
    op.drop_table("quantity_bounds")
