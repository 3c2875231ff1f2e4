"""Document versions: a corrected article is the next version of the same document

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06

An article ingested again with a changed text (same URL, or same outlet, title and date) is
stored as the next version of its document: ``document.version`` numbers the text the
document holds, ``document_version`` keeps each text it replaced, and a claim whose figure is
gone from the new text keeps its row with ``claim.withdrawn_in`` set to the version that
dropped it. Existing documents are version 1 and no claim is withdrawn. The readable view
gains the withdrawn column.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VIEW = """
CREATE VIEW claim_readable AS
SELECT
    claim.id AS id,
    claim.figure AS figure,
    claim.low AS low,
    claim.high AS high,
    claim.unit AS unit,
    claim.hedge AS hedge,
    quantity.key AS quantity,
    quantity.label AS quantity_label,
    quantity.place AS quantity_place,
    speaker.name AS stated_by,
    claim.role AS role,
    outlet.name AS reported_by,
    document.published AS published,
    document.title AS title,
    document.url AS url,
    source.title AS primary_source,
    source_outlet.name AS primary_source_by,
    claim.as_of AS as_of,
    claim.scope AS scope,
    claim.modality AS modality,
    claim.status AS status,
    claim.rank AS rank,
    claim.quote AS quote,
    claim.withdrawn_in AS withdrawn_in
FROM claim
LEFT JOIN quantity ON quantity.id = claim.quantity_id
LEFT JOIN agent AS speaker ON speaker.id = claim.stated_by_id
LEFT JOIN document ON document.id = claim.document_id
LEFT JOIN agent AS outlet ON outlet.id = document.outlet_id
LEFT JOIN document AS source ON source.id = claim.primary_source_id
LEFT JOIN agent AS source_outlet ON source_outlet.id = source.outlet_id
"""
WITHDRAWN_LINE = "    claim.withdrawn_in AS withdrawn_in\n"


def upgrade() -> None:
    op.create_table(
        "document_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("retrieved", sa.Date(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_version_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_version")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_document_version_content_hash")),
        sa.UniqueConstraint(
            "document_id", "number", name=op.f("uq_document_version_document_id_number")
        ),
    )
    op.create_index(op.f("ix_document_version_document_id"), "document_version", ["document_id"])
    # Added in place, not in batch mode: a rebuilt claim table would lose its search triggers.
    op.add_column(
        "document", sa.Column("version", sa.Integer(), server_default="1", nullable=False)
    )
    op.execute("DROP VIEW claim_readable")
    op.add_column("claim", sa.Column("withdrawn_in", sa.Integer(), nullable=True))
    op.execute(VIEW)


def downgrade() -> None:
    op.execute("DROP VIEW claim_readable")
    op.execute("ALTER TABLE claim DROP COLUMN withdrawn_in")  # SQLite 3.35+, PostgreSQL
    op.execute("ALTER TABLE document DROP COLUMN version")
    op.drop_index(op.f("ix_document_version_document_id"), table_name="document_version")
    op.drop_table("document_version")
    op.execute(
        VIEW.replace(WITHDRAWN_LINE, "").replace("claim.quote AS quote,", "claim.quote AS quote")
    )
