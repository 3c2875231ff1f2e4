"""The library API over a database session: add, import, ingest, list, show, rank, compare.

Every function takes an open :class:`~sqlalchemy.orm.Session` (see
:func:`provenance.db.session_scope`), raises :class:`~provenance.errors.ProvenanceError`
subclasses with user-ready messages, never prints, and returns frozen records from
:mod:`provenance.records`. :mod:`.lookup` checks values and finds or creates what claims point
at, :mod:`.reads` turns rows into records, :mod:`.writes` changes the database.
"""

from provenance.records import ClaimInput, QuantityInput, RelationInput
from provenance.store.backup import dump, restore
from provenance.store.compare import (
    ConflictReport,
    QuantityComparison,
    compare_quantities,
    disagreeing_claims,
    fill_standings,
)
from provenance.store.linkage import (
    LinkSummary,
    QuantityDetail,
    Suggestion,
    accept_proposal,
    add_terms,
    link_claim,
    link_claims,
    merge_quantities,
    refresh_proposals,
    rename_quantity,
    resolve_conflict,
    show_quantity,
    split_quantity,
    suggest_links,
    unlink_claim,
)
from provenance.store.lookup import find_agent, find_quantity, slugify
from provenance.store.reads import (
    Citations,
    ClaimQuery,
    cite_claims,
    get_claim,
    list_claims,
    list_quantities,
    list_relations,
    list_sources,
    list_speakers,
)
from provenance.store.writes import (
    IngestResult,
    add_claim,
    define_quantity,
    define_relation,
    import_claims,
    ingest_document,
    load_catalogue,
    set_rank,
    set_status,
)

__all__ = [
    "Citations",
    "ClaimInput",
    "ClaimQuery",
    "ConflictReport",
    "IngestResult",
    "LinkSummary",
    "QuantityComparison",
    "QuantityDetail",
    "QuantityInput",
    "RelationInput",
    "Suggestion",
    "accept_proposal",
    "add_claim",
    "add_terms",
    "cite_claims",
    "compare_quantities",
    "define_quantity",
    "define_relation",
    "disagreeing_claims",
    "dump",
    "fill_standings",
    "find_agent",
    "find_quantity",
    "get_claim",
    "import_claims",
    "ingest_document",
    "link_claim",
    "link_claims",
    "list_claims",
    "list_quantities",
    "list_relations",
    "list_sources",
    "list_speakers",
    "load_catalogue",
    "merge_quantities",
    "refresh_proposals",
    "rename_quantity",
    "resolve_conflict",
    "restore",
    "set_rank",
    "set_status",
    "show_quantity",
    "slugify",
    "split_quantity",
    "suggest_links",
    "unlink_claim",
]
