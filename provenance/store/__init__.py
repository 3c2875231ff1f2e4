"""The library API over a database session: add, import, ingest, list, show, rank, compare.

Every function takes an open :class:`~sqlalchemy.orm.Session` (see
:func:`provenance.db.session_scope`), raises :class:`~provenance.errors.ProvenanceError`
subclasses with user-ready messages, never prints, and returns frozen records from
:mod:`provenance.records`. :mod:`.lookup` checks values and finds or creates what claims point
at, :mod:`.reads` turns rows into records, :mod:`.writes` changes the database.
"""

from provenance.store.lookup import find_agent, find_quantity, slugify
from provenance.store.reads import (
    ClaimQuery,
    QuantityComparison,
    compare_quantities,
    get_claim,
    list_claims,
    list_quantities,
    list_sources,
    list_speakers,
)
from provenance.store.writes import (
    ClaimInput,
    IngestResult,
    QuantityInput,
    add_claim,
    define_quantity,
    import_claims,
    ingest_document,
    set_rank,
    set_status,
)

__all__ = [
    "ClaimInput",
    "ClaimQuery",
    "IngestResult",
    "QuantityComparison",
    "QuantityInput",
    "add_claim",
    "compare_quantities",
    "define_quantity",
    "find_agent",
    "find_quantity",
    "get_claim",
    "import_claims",
    "ingest_document",
    "list_claims",
    "list_quantities",
    "list_sources",
    "list_speakers",
    "set_rank",
    "set_status",
    "slugify",
]
