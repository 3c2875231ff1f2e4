"""The pure modules stay pure: no SQLAlchemy behind the figure grammar, periods, comparison,
records, exports or the output layer."""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE = [
    "figures", "periods", "conflicts", "records", "output", "errors",
    "extract", "extract.text", "extract.filters", "extract.attribution", "extract.context",
    "linking", "exports",
]  # fmt: skip


@pytest.mark.parametrize("module", PURE)
def test_pure_module_does_not_import_sqlalchemy(module: str) -> None:
    code = (
        f"import sys, provenance.{module}; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic'));"
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
