"""claim-provenance: track the numeric claims that articles make, with their provenance.

The library API lives in :mod:`provenance.store` (database work) and the pure modules
:mod:`provenance.figures`, :mod:`provenance.periods` and :mod:`provenance.conflicts`;
:mod:`provenance.cli` is a thin command-line layer over them.
"""

__version__ = "0.1.0"
