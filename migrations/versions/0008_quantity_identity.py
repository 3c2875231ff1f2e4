"""Quantity identity: place and family, comparison settings, and where a claim's place came from

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

A quantity is a property plus qualifiers: ``place`` (a gazetteer name), ``period`` (the event
or span it counts, ISO text with its first and last day) and ``family`` (the quantities that
differ only by place share it). A catalogue may say a quantity only grows
(``cumulative``), how far apart its figures may be dated before a difference is change over
time (``window_months``), its plausible range (``expected_low``/``expected_high``) and the
quantity it restates under another definition (``variant_of_id``). A claim's
``scope_inferred`` tells a place read from the article from one its sentence states.
Existing quantities keep their place empty and are their own family.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DECIMAL = sa.Numeric().with_variant(sa.String(length=64), "sqlite")  # as ExactDecimal stores it


# The view reads the quantity table, which batch mode rebuilds on SQLite: it is dropped first and
# made again with the quantity's place.
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
    claim.quote AS quote
FROM claim
LEFT JOIN quantity ON quantity.id = claim.quantity_id
LEFT JOIN agent AS speaker ON speaker.id = claim.stated_by_id
LEFT JOIN document ON document.id = claim.document_id
LEFT JOIN agent AS outlet ON outlet.id = document.outlet_id
LEFT JOIN document AS source ON source.id = claim.primary_source_id
LEFT JOIN agent AS source_outlet ON source_outlet.id = source.outlet_id
"""
PLACE_LINE = "    quantity.place AS quantity_place,\n"
# Batch mode on SQLite copies the quantity table without 0007's expression indexes on it.
LOWER_INDEXES = (("ix_quantity_key_lower", "key"), ("ix_quantity_label_lower", "label"))


def _lower_indexes() -> None:
    for name, column in LOWER_INDEXES:
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON quantity (lower({column}))")


def upgrade() -> None:
    op.execute("DROP VIEW claim_readable")
    with op.batch_alter_table("quantity") as batch:
        batch.add_column(sa.Column("place", sa.String(200), nullable=True))
        batch.add_column(sa.Column("family", sa.String(100), nullable=True))
        batch.add_column(sa.Column("period", sa.String(40), nullable=True))
        batch.add_column(sa.Column("period_start", sa.Date(), nullable=True))
        batch.add_column(sa.Column("period_end", sa.Date(), nullable=True))
        batch.add_column(
            sa.Column("cumulative", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.add_column(sa.Column("window_months", sa.Float(), nullable=True))
        batch.add_column(sa.Column("expected_low", DECIMAL, nullable=True))
        batch.add_column(sa.Column("expected_high", DECIMAL, nullable=True))
        batch.add_column(sa.Column("variant_of_id", sa.Integer(), nullable=True))
        batch.create_index("ix_quantity_family", ["family"])
        batch.create_foreign_key(
            "fk_quantity_variant_of_id_quantity", "quantity", ["variant_of_id"], ["id"],
            ondelete="SET NULL",
        )  # fmt: skip
    # Added in place, not in batch mode: a rebuilt claim table would lose its search triggers.
    op.add_column(
        "claim",
        sa.Column("scope_inferred", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.execute("UPDATE quantity SET family = key WHERE status = 'active'")
    _lower_indexes()
    op.execute(VIEW)


def downgrade() -> None:
    op.execute("DROP VIEW claim_readable")
    op.execute("ALTER TABLE claim DROP COLUMN scope_inferred")  # SQLite 3.35+, PostgreSQL
    with op.batch_alter_table("quantity") as batch:
        batch.drop_constraint("fk_quantity_variant_of_id_quantity", type_="foreignkey")
        batch.drop_index("ix_quantity_family")
        for column in (
            "variant_of_id", "expected_high", "expected_low", "window_months", "cumulative",
            "period_end", "period_start", "period", "family", "place",
        ):  # fmt: skip
            batch.drop_column(column)
    _lower_indexes()
    op.execute(VIEW.replace(PLACE_LINE, ""))
