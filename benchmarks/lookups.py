"""Finding speakers, outlets and topics by name as the tables grow: with and without the
case-insensitive indexes of migration 0007.

    .venv/bin/python benchmarks/lookups.py            # 10,000 and 100,000 agents
    .venv/bin/python benchmarks/lookups.py --sizes 20000

Every figure `ingest` stores looks its speaker up by name, ignoring case (then by alias), and
most of them find nobody new. For each size, a fresh SQLite database at the newest revision
gets that many agents with an alias each; we time 2,000 lookups (half hits, half misses)
through the library's own `find_agent`, then drop the indexes and time the same lookups again
in the same run: the peer is the same query with no index to use.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from provenance import db  # noqa: E402
from provenance.models import Agent, AgentAlias  # noqa: E402
from provenance.records import AgentKind  # noqa: E402
from provenance.store.lookup import find_agent  # noqa: E402

LOOKUPS = 2_000
INDEXES = ("ix_agent_name_lower", "ix_agent_alias_alias_lower")


def _time(url: str, names: list[str]) -> float:
    with db.session_scope(url, write=False) as session:
        started = time.perf_counter()
        for name in names:
            find_agent(session, name)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'lookups.db'}"
            db.upgrade(url)
            with db.session_scope(url) as session:
                session.execute(insert(Agent), [
                    {"id": i, "name": f"Speaker Number {i}", "kind": AgentKind.PERSON}
                    for i in range(1, size + 1)
                ])  # fmt: skip
                session.execute(insert(AgentAlias), [
                    {"agent_id": i, "alias": f"SN{i}"} for i in range(1, size + 1)
                ])  # fmt: skip
            step = max(1, size // (LOOKUPS // 2))
            names = [f"speaker number {i}" for i in range(1, size + 1, step)][: LOOKUPS // 2]
            names += [f"nobody called {i}" for i in range(LOOKUPS - len(names))]
            indexed = _time(url, names)
            with db.session_scope(url) as session:
                for name in INDEXES:
                    session.connection().exec_driver_sql(f"DROP INDEX {name}")
            plain = _time(url, names)
            print(f"{size:,} agents: {LOOKUPS:,} lookups {indexed * 1000:,.0f} ms with the "
                  f"indexes, {plain * 1000:,.0f} ms without ({plain / indexed:.1f}x)")  # fmt: skip


if __name__ == "__main__":
    main()
