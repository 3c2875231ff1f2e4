"""Indexes for finding speakers, aliases, topics and quantities by name, ignoring case

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23

Every figure `ingest` stores looks up its speaker with ``lower(name) = ?`` (then by alias),
and topics and quantities are found the same way; without an index on the expression, each
lookup reads the whole table. Indexes only: no row changes. (They are expression indexes,
which the models do not describe: `provenance db check` leaves them out, as it does the
full-text index.)
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_agent_name_lower", "agent", "name"),
    ("ix_agent_alias_alias_lower", "agent_alias", "alias"),
    ("ix_topic_name_lower", "topic", "name"),
    ("ix_quantity_key_lower", "quantity", "key"),
    ("ix_quantity_label_lower", "quantity", "label"),
)


def upgrade() -> None:
    for name, table, column in INDEXES:
        op.create_index(name, table, [sa.text(f"lower({column})")])


def downgrade() -> None:
    for name, table, _ in INDEXES:
        op.drop_index(name, table_name=table)
