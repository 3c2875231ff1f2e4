"""The pure modules stay pure: no SQLAlchemy behind the figure grammar, periods, comparison,
records, exports or the output layer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PURE = [
    "figures", "periods", "conflicts", "records", "output", "errors",
    "extract", "extract.text", "extract.filters", "extract.attribution", "extract.context",
    "linking", "exports", "urls", "places",
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


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["extract", "-"]])
def test_reading_articles_loads_no_database_layer(args: list[str]) -> None:
    """`extract`, `--help` and `--version` start without SQLAlchemy (a quarter of a second)."""
    code = (
        "import sys; from provenance.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        "print('loaded' if 'sqlalchemy' in sys.modules else 'none', file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        input="Officials said 300 people marched.\n",
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stderr.strip().splitlines()[-1] == "none"


@pytest.mark.parametrize(("args", "unwanted"), [
    (["--help"], ("provenance.exports", "tabulate")),
    (["extract", "-", "--format", "csv"], ("provenance.exports", "tabulate")),
    (["extract", "-"], ("provenance.exports",)),
])  # fmt: skip
def test_start_up_loads_no_citation_styles_and_no_table_layout_it_does_not_use(
    args: list[str], unwanted: tuple[str, ...]
) -> None:
    """Citation exports (their styles and serialisers) load when a citation is written, and
    tabulate when a table is: `--help` and `extract` start without them."""
    code = (
        "import sys; from provenance.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {unwanted!r} if m in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        input="Officials said 300 people marched.\n",
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_a_command_leaves_its_objects_to_the_system_at_exit(tmp_path: Path) -> None:
    """The last thing a command does is freeze every object it holds, so the interpreter's
    shutdown does not walk them all looking for cyclic garbage (a quarter of a second of a
    short command): the output is all written and the database all stored before that."""
    url = f"sqlite:///{tmp_path / 'exit.db'}"
    code = (
        "import atexit, gc, sys\n"
        # registered before the command's own handler, so run after it
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0, file=sys.stderr))\n"
        f"sys.argv = ['provenance', 'add', '1,200', '--quantity', 'q', '--db', {url!r}]\n"
        "from provenance.cli import main\nmain()\n"
    )
    subprocess.run([sys.executable, "-m", "provenance", "init", "--db", url], check=True)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "frozen True"
    listed = subprocess.run(
        [sys.executable, "-m", "provenance", "claims", "--db", url, "--format", "csv"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "1,200" in listed.stdout


def test_a_listing_loads_no_extraction_and_every_store_name_resolves(db_url: str) -> None:
    """A command that only reads skips compiling the extraction grammar (store's writing and
    linking modules load when first used); each name the store exports is still there."""
    code = (
        "import sys; from provenance.cli import app\n"
        f"try:\n    app(['sources', '--db', {db_url!r}])\nexcept SystemExit:\n    pass\n"
        "print('loaded' if 'provenance.extract' in sys.modules else 'none', file=sys.stderr)\n"
        "from provenance import store\n"
        "missing = [n for n in store.__all__ if getattr(store, n, None) is None]\n"
        "print(','.join(missing) or 'all', file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip().splitlines()[-2:] == ["none", "all"]
