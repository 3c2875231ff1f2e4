"""claim-provenance: track the numeric claims that articles make, with their provenance.

``from provenance import Archive`` gives the object a Python caller holds: one claim database
and the verbs the command line offers (:mod:`provenance.archive`). Beneath it are
:mod:`provenance.store` (database work) and the pure modules :mod:`provenance.figures`,
:mod:`provenance.periods` and :mod:`provenance.conflicts`; :mod:`provenance.cli` is a thin
command-line layer over them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from provenance.archive import Archive, IngestReport

__all__ = ["Archive", "IngestReport", "__version__"]


def __getattr__(name: str) -> Any:
    """``Archive`` is imported on first use: the command line starts without it."""
    if name in ("Archive", "IngestReport"):
        from provenance import archive

        return getattr(archive, name)
    raise AttributeError(f"module 'provenance' has no attribute {name!r}")
