"""Which database to use: ``--db`` beats ``PROVENANCE_DB`` beats ``./provenance.db``.

A value containing ``://`` is a SQLAlchemy URL (``postgresql+psycopg://...``); anything else is
the path of a SQLite file.

>>> database_url("claims.db").startswith("sqlite:///")
True
>>> database_url("postgresql+psycopg://u@localhost/news")
'postgresql+psycopg://u@localhost/news'
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "PROVENANCE_DB"
DEFAULT_FILE = "provenance.db"
CACHE_VAR = "PROVENANCE_CACHE"


def database_url(option: str | None = None) -> str:
    """Resolve the database URL from the ``--db`` option, the environment, or the default."""
    value = option or os.environ.get(ENV_VAR) or DEFAULT_FILE
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def cache_dir() -> Path:
    """Where the tool keeps what it can read again: ``PROVENANCE_CACHE``, else the user's cache
    directory (``~/.cache/claim-provenance`` on Linux)."""
    value = os.environ.get(CACHE_VAR)
    if value:
        return Path(value).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claim-provenance"))


def display_url(url: str) -> str:
    """The URL as it may be shown to a user: a SQLite path (relative when it is under the
    working directory), or the URL without its password.

    >>> display_url("sqlite:////nonexistent/x.db")
    '/nonexistent/x.db'
    >>> display_url(database_url("news.db"))
    'news.db'
    >>> display_url("postgresql://ann:secret@db/news")
    'postgresql://ann:***@db/news'
    """
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        path = Path(parsed.database)
        return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)
    return parsed.render_as_string(hide_password=True)
