"""quantity relations: arithmetic the catalogue states between quantities

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

A new table only: every existing row is kept.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "quantity_relation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "product",
                "part",
                name="relation_kind",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["first_id"],
            ["quantity.id"],
            name=op.f("fk_quantity_relation_first_id_quantity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["second_id"],
            ["quantity.id"],
            name=op.f("fk_quantity_relation_second_id_quantity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["quantity.id"],
            name=op.f("fk_quantity_relation_target_id_quantity"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quantity_relation")),
        sa.UniqueConstraint(
            "kind",
            "target_id",
            "first_id",
            "second_id",
            name=op.f("uq_quantity_relation_kind_target_id_first_id_second_id"),
        ),
    )


def downgrade() -> None:
    op.drop_table("quantity_relation")
