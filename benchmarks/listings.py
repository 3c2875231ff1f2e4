"""The listing commands at scale: the page each shows by default, and every row streamed.

    .venv/bin/python benchmarks/listings.py --claims 1000000 --rounds 5  # the README's figures
    .venv/bin/python benchmarks/listings.py                    # 100,000 claims, quicker
    .venv/bin/python benchmarks/listings.py --db /tmp/l.db     # keep the database, or reuse it

One generated SQLite database (the generator of benchmarks/conflicts.py: claims/10
quantities, claims/50 documents and the reports they quote, claims/100 speakers; a minute at
1,000,000 claims). Each command runs in a fresh process, best of three, writing to /dev/null:

* as typed (`provenance claims`, `sources`, `speakers`, `quantities`): a table of the first
  100 rows by default, and on stderr how many there are;
* in full, streamed (`--limit 0 --format csv`, and JSON for claims): rows/s is the rows
  listed over the command's wall time, Python's start included; "once started" is the rate
  past the first row: the rows after it over the time beyond that of the same command
  listing one row (`--limit 1`, timed likewise), for listings of too few rows for any rate
  to make up for starting Python (0.6 s: at 10,000 speakers, 50,000 rows/s would be 0.2 s
  in all). (The page is no such start: it counts every row and lays out a table, and took
  longer than a full CSV listing of the 22,000 sources in one run.)

The peer, timed in the same run, is SQLite alone (Python's sqlite3, every row fetched)
running one plain query for the same rows: the same columns, joined, in the same order, with
the counts the listing shows (for a page, its 100 rows, then the count of all of them that
the line on stderr gives). The ratio says how far each command is from it.
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
PAGE = 100  # the rows a listing shows unless --limit says otherwise

CLAIMS = """SELECT c.id, c.figure, c.low, c.high, c.unit, c.hedge, q.key, q.label, c.counted,
  s.name, s.kind, c.role, c.channel, c.cue, o.name, d.published, d.title, d.author, d.url, d.id,
  p.title, po.name, p.url, p.published, c.quote, c.figure_start, c.figure_end, c.as_of,
  c.scope, c.modality, c.status, c.rank, c.rank_reason, c.origin,
  (SELECT group_concat(t.name, '; ') FROM claim_topic ct JOIN topic t ON t.id = ct.topic_id
   WHERE ct.claim_id = c.id),
  c.link_origin, c.link_reason, c.withdrawn_in
FROM claim c LEFT JOIN document d ON d.id = c.document_id LEFT JOIN agent o ON o.id = d.outlet_id
  LEFT JOIN agent s ON s.id = c.stated_by_id LEFT JOIN quantity q ON q.id = c.quantity_id
  LEFT JOIN document p ON p.id = c.primary_source_id LEFT JOIN agent po ON po.id = p.outlet_id"""
CLAIM_ORDER = "ORDER BY d.published IS NULL, d.published, c.id"
SOURCES = """SELECT d.id, d.title, o.name, d.author, d.url, d.published, d.retrieved,
  d.content_hash,
  (SELECT group_concat(t.name, '; ') FROM document_topic dt JOIN topic t ON t.id = dt.topic_id
   WHERE dt.document_id = d.id),
  (SELECT group_concat(x.title, '; ') FROM document_citation dc JOIN document x
   ON x.id = dc.cited_id WHERE dc.citing_id = d.id),
  (SELECT count(*) FROM claim c WHERE c.document_id = d.id), d.language, d.fetched_at,
  d.fetched_hash
FROM document d LEFT JOIN agent o ON o.id = d.outlet_id
ORDER BY d.published IS NULL, d.published, d.id"""
SPEAKERS = """SELECT a.id, a.name, a.kind, a.description,
  (SELECT group_concat(alias, '; ') FROM agent_alias WHERE agent_id = a.id),
  (SELECT group_concat(role, '; ') FROM (SELECT DISTINCT role FROM claim
   WHERE stated_by_id = a.id AND role <> '' ORDER BY role)),
  (SELECT count(*) FROM claim c WHERE c.stated_by_id = a.id)
FROM agent a ORDER BY lower(a.name), a.id"""
QUANTITIES = """SELECT q.id, q.key, q.label, q.unit, q.definition, q.scope, q.place, q.family,
  q.period, q.cumulative, q.window_months, v.key,
  (SELECT group_concat(t.name, '; ') FROM quantity_topic qt JOIN topic t ON t.id = qt.topic_id
   WHERE qt.quantity_id = q.id),
  (SELECT group_concat(term, '; ') FROM quantity_term WHERE quantity_id = q.id AND NOT required),
  q.status, (SELECT count(*) FROM claim c WHERE c.quantity_id = q.id)
FROM quantity q LEFT JOIN quantity v ON v.id = q.variant_of_id WHERE q.status = 'active'
ORDER BY q.key"""

# Each run: its name, the command's arguments, its peer's statements, and whether it lists
# every row (then its rows/s).
RUNS: list[tuple[str, list[str], list[str], bool]] = [
    ("claims", ["claims"], [
        f"{CLAIMS} WHERE c.id IN (SELECT c.id FROM claim c LEFT JOIN document d "
        f"ON d.id = c.document_id {CLAIM_ORDER} LIMIT {PAGE}) {CLAIM_ORDER}",
        "SELECT count(*) FROM claim",
    ], False),
    ("sources", ["sources"], [f"{SOURCES} LIMIT {PAGE}", "SELECT count(*) FROM document"], False),
    ("speakers", ["speakers"], [f"{SPEAKERS} LIMIT {PAGE}", "SELECT count(*) FROM agent"], False),
    ("quantities", ["quantities"], [
        f"{QUANTITIES} LIMIT {PAGE}", "SELECT count(*) FROM quantity WHERE status = 'active'",
    ], False),
    ("claims --limit 0 --format csv", ["claims", "--limit", "0", "--format", "csv"],
     [f"{CLAIMS} {CLAIM_ORDER}"], True),
    ("claims --limit 0 --format json", ["claims", "--limit", "0", "--format", "json"],
     [f"{CLAIMS} {CLAIM_ORDER}"], True),
    ("sources --limit 0 --format csv", ["sources", "--limit", "0", "--format", "csv"],
     [SOURCES], True),
    ("speakers --limit 0 --format csv", ["speakers", "--limit", "0", "--format", "csv"],
     [SPEAKERS], True),
    ("quantities --limit 0 --format csv", ["quantities", "--limit", "0", "--format", "csv"],
     [QUANTITIES], True),
]  # fmt: skip


def _command(path: Path, args: list[str], rounds: int) -> float:
    command = [sys.executable, "-m", "provenance", *args, "--db", f"sqlite:///{path}"]
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=ENV
        )
        best = min(best, time.perf_counter() - start)
    return best


def _peer(path: Path, statements: list[str], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        with sqlite3.connect(path) as con:
            for sql in statements:
                cursor = con.execute(sql)
                while cursor.fetchmany(2_000):
                    pass
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--claims", type=int, default=100_000)
    options.add_argument("--db", type=Path, help="generate the database here, or reuse it")
    options.add_argument("--rounds", type=int, default=3, help="each time is the best of so many")
    options.add_argument(
        "--only", nargs="+", choices=[name for name, *_ in RUNS], default=[n for n, *_ in RUNS]
    )
    args = options.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "listings.db"
        made = ""
        if not path.exists():
            start = time.perf_counter()
            generate(path, args.claims, 0.1)
            made = f" (generated in {time.perf_counter() - start:.0f} s)"
        with sqlite3.connect(path) as con:
            counts = {
                table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("claim", "document", "quantity", "agent")
            }
            listed = {  # the rows each command lists in full
                "claims": counts["claim"], "sources": counts["document"],
                "speakers": counts["agent"],
                "quantities": con.execute(
                    "SELECT count(*) FROM quantity WHERE status = 'active'"
                ).fetchone()[0],
            }  # fmt: skip
        print(f"{counts['claim']:,} claims, {counts['document']:,} documents, "
              f"{counts['quantity']:,} quantities, {counts['agent']:,} speakers{made}; "
              f"best of {args.rounds} runs, each a fresh process")  # fmt: skip
        print()
        print("| command | rows | seconds | rows/s | rows/s once started | SQLite peer | ratio |")
        print("|---|---|---|---|---|---|---|")
        for name, command, peer_sql, full in RUNS:
            if name not in args.only:
                continue
            seconds = _command(path, command, args.rounds)
            peer = _peer(path, peer_sql, args.rounds)
            total = listed[command[0]]
            rows, rate, started = f"{min(PAGE, total):,} of {total:,}", "", ""
            if full:
                rows, rate = f"{total:,}", f"{total / seconds:,.0f}"
                first = _command(path, [*command, "--limit", "1"], args.rounds)
                if seconds > first and total > 1:
                    started = f"{(total - 1) / (seconds - first):,.0f}"
            print(f"| `{name}` | {rows} | {seconds:.2f} | {rate} | {started} | {peer:.3f} | "
                  f"{seconds / peer:.1f}x |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
