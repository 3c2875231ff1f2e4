"""Web pages: a document's language, when it was fetched, and a hash of what was fetched

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06

Articles can now come from URLs and saved HTML pages. A document (and each earlier version
of it) records the page's language (only English is read for figures), when it was fetched,
and the SHA-256 of the bytes fetched or read. Existing documents are plain text: all three
are empty.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("document", "document_version")
COLUMNS = (
    ("language", sa.String(length=16)),
    ("fetched_at", sa.DateTime(timezone=True)),
    ("fetched_hash", sa.String(length=64)),
)


def upgrade() -> None:
    # Added in place, not in batch mode: nothing else about the tables changes.
    for table in TABLES:
        for name, kind in COLUMNS:
            op.add_column(table, sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    for table in TABLES:
        for name, _ in reversed(COLUMNS):
            op.execute(f"ALTER TABLE {table} DROP COLUMN {name}")  # SQLite 3.35+, PostgreSQL
