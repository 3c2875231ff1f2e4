"""The listing commands at scale: `sources`, `quantities`, `speakers` and `claims`, timed.

    .venv/bin/python benchmarks/listings.py                  # 100,000 claims
    .venv/bin/python benchmarks/listings.py --claims 10000   # a quicker look

One generated SQLite database (the generator of benchmarks/conflicts.py: claims/10
quantities, claims/50 documents and the reports they quote, claims/100 speakers), then each
command in a fresh process writing CSV to /dev/null, best of three. The peer, timed in the
same run, is SQLite alone reading the same rows with their counts in one grouped query: the
least work a listing of them does. The ratio says how far each command is from it.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.conflicts import generate  # noqa: E402

ENV = os.environ | {"PYTHONPATH": str(ROOT)}  # this checkout's code, installed or not
ROUNDS = 3

# Each command and the plain query a listing of its rows comes down to.
PEERS = {
    "sources": "SELECT d.id, d.title, a.name, d.published, count(c.id) FROM document d "
    "LEFT JOIN agent a ON a.id = d.outlet_id LEFT JOIN claim c ON c.document_id = d.id "
    "GROUP BY d.id ORDER BY d.published, d.id",
    "quantities": "SELECT q.id, q.key, q.label, q.unit, count(c.id) FROM quantity q "
    "LEFT JOIN claim c ON c.quantity_id = q.id GROUP BY q.id ORDER BY q.key",
    "speakers": "SELECT a.id, a.name, a.kind, count(c.id) FROM agent a "
    "LEFT JOIN claim c ON c.stated_by_id = a.id GROUP BY a.id ORDER BY lower(a.name)",
    "claims": "SELECT c.id, c.figure, q.key, a.name, d.published FROM claim c "
    "LEFT JOIN quantity q ON q.id = c.quantity_id LEFT JOIN agent a ON a.id = c.stated_by_id "
    "LEFT JOIN document d ON d.id = c.document_id ORDER BY c.id",
}


def _command(path: Path, name: str) -> float:
    command = [sys.executable, "-m", "provenance", name, "--format", "csv"]
    command += ["--db", f"sqlite:///{path}"]
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=ENV)
        best = min(best, time.perf_counter() - start)
    return best


def _peer(path: Path, sql: str) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter()
        with sqlite3.connect(path) as con:
            con.execute(sql).fetchall()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--claims", type=int, default=100_000)
    options.add_argument("--only", nargs="+", choices=list(PEERS), default=list(PEERS))
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "listings.db"
        generate(path, args.claims, 0.1)
        with sqlite3.connect(path) as con:
            counts = {
                name: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table, name in (("claim", "claims"), ("document", "documents"),
                                    ("quantity", "quantities"), ("agent", "agents"))
            }  # fmt: skip
        print(", ".join(f"{n:,} {name}" for name, n in counts.items()))
        print("command | seconds (fresh process, best of 3) | SQLite peer | ratio")
        for name in args.only:
            seconds, peer = _command(path, name), _peer(path, PEERS[name])
            print(f"{name} | {seconds:.2f} | {peer:.3f} | {seconds / peer:.0f}x", flush=True)


if __name__ == "__main__":
    main()
