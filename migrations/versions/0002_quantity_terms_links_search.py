"""quantity terms and status, claim links, full-text search

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 14:23:03

Adds what quantity linking needs (match terms, proposed quantities, who linked a claim and
why) and full-text search over claims: a search_text column kept by the library, indexed by
an FTS5 table with Porter stemming on SQLite (kept in sync by triggers) and by a GIN index on
its English tsvector on PostgreSQL. Existing claims get their search text filled in.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What a claim's search text holds when filled by SQL; the library writes the same fields.
SEARCH_TEXT = """
UPDATE claim SET search_text = trim(
    coalesce(figure, '') || ' ' || coalesce(counted, '') || ' ' || coalesce(quote, '') || ' ' ||
    coalesce((SELECT label FROM quantity WHERE quantity.id = claim.quantity_id), '') || ' ' ||
    coalesce((SELECT name FROM agent WHERE agent.id = claim.stated_by_id), '') || ' ' ||
    coalesce(role, '')
)
"""

SQLITE_SEARCH = [
    "CREATE VIRTUAL TABLE claim_search USING fts5("
    "search_text, content='claim', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER claim_search_insert AFTER INSERT ON claim BEGIN "
    "INSERT INTO claim_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER claim_search_delete AFTER DELETE ON claim BEGIN "
    "INSERT INTO claim_search(claim_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER claim_search_update AFTER UPDATE OF search_text ON claim BEGIN "
    "INSERT INTO claim_search(claim_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO claim_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO claim_search(claim_search) VALUES ('rebuild')",
]
SQLITE_SEARCH_DROP = [
    "DROP TRIGGER IF EXISTS claim_search_update",
    "DROP TRIGGER IF EXISTS claim_search_delete",
    "DROP TRIGGER IF EXISTS claim_search_insert",
    "DROP TABLE IF EXISTS claim_search",
]
POSTGRESQL_SEARCH = (
    "CREATE INDEX ix_claim_search_text ON claim "
    "USING gin (to_tsvector('english', coalesce(search_text, '')))"
)


def upgrade() -> None:
    op.create_table(
        "quantity_term",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quantity_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("required", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["quantity_id"],
            ["quantity.id"],
            name=op.f("fk_quantity_term_quantity_id_quantity"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quantity_term")),
        sa.UniqueConstraint("quantity_id", "term", name=op.f("uq_quantity_term_quantity_id_term")),
    )
    with op.batch_alter_table("quantity_term", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_quantity_term_quantity_id"), ["quantity_id"], unique=False
        )

    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "link_origin",
                sa.Enum(
                    "auto",
                    "person",
                    name="link_origin",
                    native_enum=False,
                    create_constraint=True,
                    length=24,
                ),
                nullable=True,
            )
        )
        batch_op.add_column(sa.Column("link_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=True))

    with op.batch_alter_table("quantity", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "status",
                sa.Enum(
                    "active",
                    "proposed",
                    name="quantity_status",
                    native_enum=False,
                    create_constraint=True,
                    length=24,
                ),
                nullable=False,
                server_default="active",
            )
        )

    op.execute(SEARCH_TEXT)
    # Before this revision every link to a quantity was given by a person (by hand or by
    # import): record it, so that automatic linking never overrides those decisions.
    op.execute(
        "UPDATE claim SET link_origin = 'person', link_reason = 'given by ' || origin "
        "WHERE quantity_id IS NOT NULL"
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_SEARCH:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(POSTGRESQL_SEARCH)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":  # before the claim table is rebuilt without search_text
        for statement in SQLITE_SEARCH_DROP:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_claim_search_text")

    # The enum columns' CHECK constraints go first, or SQLite's rebuilt tables keep them.
    with op.batch_alter_table("quantity", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_quantity_quantity_status"), type_="check")
        batch_op.drop_column("status")

    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_claim_link_origin"), type_="check")
        batch_op.drop_column("search_text")
        batch_op.drop_column("link_reason")
        batch_op.drop_column("link_origin")

    with op.batch_alter_table("quantity_term", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quantity_term_quantity_id"))

    op.drop_table("quantity_term")
