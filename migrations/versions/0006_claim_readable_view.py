"""claim_readable: a view of claims with their quantity, speaker, outlet and source by name

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23

A view only, for people browsing the database (Datasette, any SQL client): no table changes.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
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
    claim.quote AS quote
FROM claim
LEFT JOIN quantity ON quantity.id = claim.quantity_id
LEFT JOIN agent AS speaker ON speaker.id = claim.stated_by_id
LEFT JOIN document ON document.id = claim.document_id
LEFT JOIN agent AS outlet ON outlet.id = document.outlet_id
LEFT JOIN document AS source ON source.id = claim.primary_source_id
LEFT JOIN agent AS source_outlet ON source_outlet.id = source.outlet_id
"""


def upgrade() -> None:
    op.execute(VIEW)


def downgrade() -> None:
    op.execute("DROP VIEW claim_readable")
