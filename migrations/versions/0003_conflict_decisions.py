"""conflict decisions: a person's judgement of two claims that disagree

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

A new table only: every existing row is kept.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conflict_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lower_claim_id", sa.Integer(), nullable=False),
        sa.Column("upper_claim_id", sa.Integer(), nullable=False),
        sa.Column(
            "decision",
            sa.Enum(
                "explained",
                "error",
                "duplicate",
                "real",
                name="decision",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["lower_claim_id"],
            ["claim.id"],
            name=op.f("fk_conflict_decision_lower_claim_id_claim"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["upper_claim_id"],
            ["claim.id"],
            name=op.f("fk_conflict_decision_upper_claim_id_claim"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict_decision")),
        sa.UniqueConstraint(
            "lower_claim_id",
            "upper_claim_id",
            name=op.f("uq_conflict_decision_lower_claim_id_upper_claim_id"),
        ),
    )
    with op.batch_alter_table("conflict_decision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_conflict_decision_upper_claim_id"), ["upper_claim_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("conflict_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflict_decision_upper_claim_id"))

    op.drop_table("conflict_decision")
