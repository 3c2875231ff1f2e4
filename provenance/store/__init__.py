"""The library API over a database session: add, import, ingest, list, show, rank, compare.

Every function takes an open :class:`~sqlalchemy.orm.Session` (see
:func:`provenance.db.session_scope`), raises :class:`~provenance.errors.ProvenanceError`
subclasses with user-ready messages, never prints, and returns frozen records from
:mod:`provenance.records`. :mod:`.lookup` checks values and finds or creates what claims point
at, :mod:`.reads` turns rows into records, :mod:`.writes` changes the database.
"""

import importlib
from typing import TYPE_CHECKING, Any

from provenance.records import ClaimInput, QuantityInput, RelationInput
from provenance.store.backup import dump, restore
from provenance.store.compare import (
    ConflictReport,
    QuantityComparison,
    compare_quantities,
    disagreeing_claims,
    fill_standings,
)
from provenance.store.lookup import find_agent, find_quantity, slugify
from provenance.store.reads import (
    CLAIM_FIELDS,
    Citations,
    ClaimBatch,
    ClaimQuery,
    cite_claims,
    get_claim,
    iter_claim_batches,
    iter_claims,
    iter_quantities,
    iter_sources,
    iter_speakers,
    list_claims,
    list_quantities,
    list_relations,
    list_sources,
    list_speakers,
    total_claims,
    total_quantities,
    total_sources,
    total_speakers,
)

if TYPE_CHECKING:
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
        taught_places,
        unlink_claim,
    )
    from provenance.store.writes import (
        PENDING_CLAIMS,
        AgentMemory,
        IngestResult,
        StoredArticles,
        add_claim,
        define_quantity,
        define_relation,
        import_claims,
        ingest_document,
        load_catalogue,
        set_rank,
        set_status,
        write_pending_claims,
    )

# Writing and linking need the extraction modules (a tenth of a second of regular expressions
# to compile): they are imported when first used, so a listing or a report starts without them.
_LAZY = dict.fromkeys((
    "LinkSummary", "QuantityDetail", "Suggestion", "accept_proposal", "add_terms",
    "link_claim", "link_claims", "merge_quantities", "refresh_proposals", "rename_quantity",
    "resolve_conflict", "show_quantity", "split_quantity", "suggest_links", "taught_places",
    "unlink_claim",
), "provenance.store.linkage") | dict.fromkeys((
    "AgentMemory", "IngestResult", "StoredArticles", "add_claim", "define_quantity",
    "define_relation", "import_claims", "ingest_document", "load_catalogue", "set_rank",
    "set_status", "PENDING_CLAIMS", "write_pending_claims",
), "provenance.store.writes")  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "CLAIM_FIELDS",
    "PENDING_CLAIMS",
    "AgentMemory",
    "Citations",
    "ClaimBatch",
    "ClaimInput",
    "ClaimQuery",
    "ConflictReport",
    "IngestResult",
    "LinkSummary",
    "QuantityComparison",
    "QuantityDetail",
    "QuantityInput",
    "RelationInput",
    "StoredArticles",
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
    "iter_claim_batches",
    "iter_claims",
    "iter_quantities",
    "iter_sources",
    "iter_speakers",
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
    "taught_places",
    "total_claims",
    "total_quantities",
    "total_sources",
    "total_speakers",
    "unlink_claim",
    "write_pending_claims",
]
