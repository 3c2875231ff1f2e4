"""Indexes for finding the stored article a new one is a version of.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07

`ingest` looks, for every article, for one stored at its URL or, with no URL, under the same
outlet, title and publication date. Neither had an index: each article scanned the documents
stored before it (of its outlet, at best), so a batch took time growing with the square of
its size. The URL's index is a hash index on PostgreSQL, whose B-tree entries cannot hold the
longest URLs; the outlet's index now holds the title and date too, and serves what it served.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_document_url", "document", ["url"], postgresql_using="hash")
    op.create_index("ix_document_outlet_title", "document", ["outlet_id", "title", "published"])
    op.drop_index("ix_document_outlet_id", table_name="document")


def downgrade() -> None:
    op.create_index("ix_document_outlet_id", "document", ["outlet_id"])
    op.drop_index("ix_document_outlet_title", table_name="document")
    op.drop_index("ix_document_url", table_name="document")
