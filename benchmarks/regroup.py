"""Regrouping proposals after a batch ingest, timed: the step `ingest` ends with when no
catalogue quantity takes the figures.

    .venv/bin/python benchmarks/regroup.py                 # 1,000 generated articles
    .venv/bin/python benchmarks/regroup.py --articles 3000 --rounds 5

Writes the generated corpus of ``benchmarks/ingest.py``, ingests it into a new SQLite file
once, then, each round on a fresh copy of that file, takes every claim out of its proposal,
deletes the proposals and regroups them with ``Archive.regroup_proposals`` in a fresh
process, printing CPU and wall seconds and that process's peak memory, and how much of it
regrouping added to what the process held before (the median and the range). The peer, in
the same run, is sqlite3 alone writing the same claims' new proposal ids with one
``executemany`` UPDATE: the least a move of those claims can cost.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.ingest import write_corpus  # noqa: E402


def _unlink(path: Path) -> int:
    """Take every claim out of its proposal and delete the proposals; how many claims."""
    with sqlite3.connect(path) as connection:
        connection.execute(
            "UPDATE claim SET quantity_id = NULL, link_origin = NULL, link_reason = NULL "
            "WHERE quantity_id IN (SELECT id FROM quantity WHERE status = 'proposed')"
        )
        connection.execute("DELETE FROM quantity WHERE status = 'proposed'")
        return connection.execute(
            "SELECT count(*) FROM claim WHERE quantity_id IS NULL"
        ).fetchone()[0]


def _moves(path: Path) -> list[tuple[int, int]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT quantity_id, id FROM claim WHERE quantity_id IS NOT NULL"
        ).fetchall()


# Run in a fresh process, so that its peak memory is the regrouping's: prints the proposals,
# CPU and wall seconds, and the peak resident memory (MB) before and after regrouping.
_CHILD = """
import json, resource, sys, time
from provenance import Archive
with Archive(sys.argv[1]) as archive:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started, clock = time.process_time(), time.perf_counter()
    proposals = archive.regroup_proposals()
    cpu, wall = time.process_time() - started, time.perf_counter() - clock
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps([proposals, cpu, wall, before, peak]))
"""


def _regroup(path: Path) -> tuple[int, float, float, float, float]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], check=True, capture_output=True, text=True
    )
    proposals, cpu, wall, before, peak = json.loads(done.stdout)
    return proposals, cpu, wall, before, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, stored = Path(tmp) / "corpus", Path(tmp) / "stored.db"
        write_corpus(corpus, args.articles)
        provenance = str(Path(sys.executable).parent / "provenance")
        subprocess.run([provenance, "init", "--db", str(stored)], check=True, capture_output=True)
        subprocess.run([provenance, "ingest", str(corpus), "--db", str(stored)],
                       check=True, capture_output=True)  # fmt: skip
        moves = _moves(stored)
        cpu, wall, peer, peaks, added = [], [], [], [], []
        proposals = claims = 0
        for _ in range(args.rounds):
            copy = Path(tmp) / "copy.db"
            shutil.copyfile(stored, copy)
            claims = _unlink(copy)
            proposals, seconds, elapsed, before, peak = _regroup(copy)
            cpu.append(seconds)
            wall.append(elapsed)
            peaks.append(peak)
            added.append(peak - before)
            shutil.copyfile(stored, copy)
            _unlink(copy)
            with sqlite3.connect(copy) as connection:
                clock = time.perf_counter()
                connection.executemany("UPDATE claim SET quantity_id = ? WHERE id = ?", moves)
                connection.commit()
                peer.append(time.perf_counter() - clock)

        def shown(values: list[float], unit: str = "s", places: int = 2) -> str:
            middle, low, high = (
                f"{v:.{places}f}" for v in (statistics.median(values), min(values), max(values))
            )
            return f"{middle} {unit} ({low}-{high})"

        print(f"{args.articles:,} articles: {claims:,} claims with no quantity regrouped into "
              f"{proposals:,} proposals, {args.rounds} rounds")  # fmt: skip
        print(f"regroup_proposals: CPU {shown(cpu)}, wall {shown(wall)}; peak memory "
              f"{shown(peaks, 'MB', 0)}, {shown(added, 'MB', 0)} above the process "
              "before")  # fmt: skip
        print(
            f"peer: sqlite3 executemany UPDATE of the {len(moves):,} moves: {shown(peer)}; "
            f"regrouping takes {statistics.median(wall) / statistics.median(peer):.0f}x that"
        )


if __name__ == "__main__":
    main()
