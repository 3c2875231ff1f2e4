"""`provenance conflicts` at scale: time and peak memory at 10k, 100k and 1M claims.

    .venv/bin/python benchmarks/conflicts.py                     # 10k, 100k, 1M claims
    .venv/bin/python benchmarks/conflicts.py --sizes 10000       # one size
    .venv/bin/python benchmarks/conflicts.py --disagreeing 1     # every quantity disagrees

Each size is a generated SQLite database (in a temporary folder) with ten claims per quantity
(so 1,000,000 claims sit on 100,000 quantities), documents and speakers drawn at random, a
fifth of the claims quoting one of a pool of reports, and the mix of hedges extraction finds:
exact, approximate, ranges, open bounds, vague amounts, with and without an as-of year and a
scope. A quantity's figures repeat its value (exactly, or within 3% when approximate); in
``--disagreeing`` of the quantities (10% by default) one figure is off by 1.5x to 3x.

For each database a fresh process runs what a user runs, three times, and we print the median
wall time and peak RSS, and each figure's ratio to the one at ten times fewer claims (10x is
linear):

* `provenance conflicts`, first run: reads the per-quantity bounds, compares the figures of
  every quantity that may disagree, stores each quantity's standing, prints the 50 most
  severe. Later writes clear the standing of the quantities they touch only.
* `provenance conflicts` again: ranks from the stored standings in one query.
* `provenance conflicts --limit 0 --format csv > /dev/null`: every quantity in full, streamed
  (up to ``--full-up-to`` claims, 100,000 by default: each claim's full record is read from
  plain rows, about 0.09 ms a claim here, so 1M claims take a few minutes).

The peer, timed in the same run, is SQLite alone reading every claim's bounds grouped by
quantity (`SELECT ... GROUP BY quantity_id`), the least work an answer computed from the
claims themselves would do; a loaded machine shows as a slower peer.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from provenance import db  # noqa: E402
from provenance.derived import refresh_bounds  # noqa: E402

CLAIMS_PER_QUANTITY = 10
REPEATS = 3  # each figure is the median of this many runs: the machine is shared
NOW = "2026-01-01 00:00:00"
HEDGES = (
    ("exact", 30),
    ("approximately", 35),
    ("range", 20),
    ("at_least", 5),
    ("more_than", 3),
    ("vague", 7),
)
SCOPES = (None, None, None, "Europe", "EU", "UK", "France")
VAGUE = {2: "dozens", 3: "hundreds", 4: "thousands", 5: "tens of thousands",
         6: "hundreds of thousands", 7: "millions"}  # fmt: skip


def _hedge(rng: random.Random) -> str:
    names, weights = zip(*HEDGES, strict=True)
    return rng.choices(names, weights)[0]


def _bounds(rng: random.Random, hedge: str, value: float) -> tuple[str | None, str | None, str]:
    """Low, high (canonical decimal text, as the database stores them) and the figure text."""
    if hedge == "approximately":
        v = round(value * rng.uniform(0.97, 1.03))
        return str(v), str(v), f"about {v:,}"
    if hedge == "range":
        low, high = round(value * 0.9), round(value * 1.1)
        return str(low), str(high), f"{low:,}-{high:,}"
    if hedge in ("at_least", "more_than"):
        v = round(value * 0.8)
        return str(v), None, f"{'at least' if hedge == 'at_least' else 'more than'} {v:,}"
    if hedge == "vague":  # "hundreds" for a value in the hundreds: 100 to 999
        digits = len(str(round(value)))
        return str(10 ** (digits - 1)), str(10**digits - 1), VAGUE[digits]
    v = round(value)
    return str(v), str(v), f"{v:,}"


def generate(path: Path, claims: int, disagreeing: float, seed: int = 2016) -> None:
    """A migrated database at ``path`` holding ``claims`` claims on claims/10 quantities."""
    url = f"sqlite:///{path}"
    db.upgrade(url)
    rng = random.Random(seed)
    quantities = claims // CLAIMS_PER_QUANTITY
    documents = max(claims // 50, 10)
    reports = max(documents // 10, 5)
    agents = max(documents // 2, 10)
    first = date(2014, 1, 1)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.executemany(
        "INSERT INTO agent (id, name, kind) VALUES (?, ?, ?)",
        ((i, f"Speaker {i}", "person" if i % 3 else "organisation") for i in range(1, agents + 1)),
    )
    con.executemany(
        "INSERT INTO document (id, title, outlet_id, published, created_at) VALUES (?,?,?,?,?)",
        (
            (
                i,
                f"Document {i}",
                rng.randint(1, agents),
                (first + timedelta(days=rng.randrange(3650))).isoformat(),
                NOW,
            )
            for i in range(1, documents + reports + 1)
        ),
    )
    con.executemany(
        "INSERT INTO quantity (id, key, label, unit, created_at, status) VALUES (?,?,?,?,?,?)",
        ((i, f"q{i}", f"Quantity {i}", "people", NOW, "active") for i in range(1, quantities + 1)),
    )

    def rows():  # type: ignore[no-untyped-def]
        claim = 0
        for quantity in range(1, quantities + 1):
            value = 10 ** rng.uniform(1, 6)
            odd = rng.randrange(CLAIMS_PER_QUANTITY) if rng.random() < disagreeing else -1
            for n in range(CLAIMS_PER_QUANTITY):
                claim += 1
                hedge = "exact" if n == odd else _hedge(rng)
                low, high, text = _bounds(
                    rng, hedge, value * (rng.uniform(1.5, 3) if n == odd else 1)
                )
                year = rng.choice((None, None, 2015, 2016, 2017))
                yield (
                    claim, quantity, rng.randint(1, documents), rng.randint(1, agents),
                    rng.randint(documents + 1, documents + reports) if rng.random() < 0.2 else None,
                    text, low, high, "people", hedge,
                    str(year) if year else None,
                    f"{year}-01-01" if year else None,
                    f"{year}-12-31" if year else None,
                    "year" if year else None,
                    rng.choice(SCOPES), "reported", "unreviewed", "normal", "extracted", "auto",
                    NOW, NOW,
                )  # fmt: skip

    con.executemany(
        "INSERT INTO claim (id, quantity_id, document_id, stated_by_id, primary_source_id, "
        "figure, low, high, unit, hedge, as_of, as_of_start, as_of_end, as_of_precision, scope, "
        "modality, status, rank, origin, link_origin, created_at, updated_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows(),
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()
    with db.session_scope(url) as session:  # the bounds every write keeps, in one pass
        refresh_bounds(session)


def _peer(path: Path) -> float:
    """Seconds for SQLite alone to read every claim's bounds, grouped by quantity."""
    con = sqlite3.connect(path)
    start = time.perf_counter()
    con.execute(
        "SELECT quantity_id, count(*), min(CAST(high AS REAL)), max(CAST(low AS REAL)) "
        "FROM claim GROUP BY quantity_id"
    ).fetchall()
    seconds = time.perf_counter() - start
    con.close()
    return seconds


def _run(path: Path, *args: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of `provenance conflicts ARGS` in a fresh process."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t)"
    )
    command = [str(Path(sys.executable).parent / "provenance"), "conflicts", *args]
    command += ["--db", f"sqlite:///{path}"]
    env = os.environ | {"PYTHONPATH": str(ROOT)}  # this checkout's code, installed or not
    out = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True, env=env
    )
    rss_kb, seconds = out.stdout.split()
    return float(seconds), int(rss_kb) / 1024


def _median_run(path: Path, extra: tuple[str, ...], *, cold: bool) -> tuple[float, float]:
    """The median wall time and peak RSS of three runs (``cold``: with the stored standings
    cleared before each, as after loading the claims)."""
    times, peaks = [], []
    for _ in range(REPEATS):
        if cold:
            with sqlite3.connect(path) as con:
                con.execute("UPDATE quantity_bounds SET standing = NULL, worst_gap = NULL")
        seconds, rss = _run(path, *extra)
        times.append(seconds)
        peaks.append(rss)
    return statistics.median(times), statistics.median(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--disagreeing", type=float, default=0.1)
    parser.add_argument("--full-up-to", type=int, default=100_000)
    args = parser.parse_args()
    runs = (
        ("conflicts, first run", (), True),
        ("conflicts, later runs", (), False),
        ("conflicts --limit 0 --format csv", ("--limit", "0", "--format", "csv"), False),
    )
    previous: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"claims-{size}.db"
            start = time.perf_counter()
            generate(path, size, args.disagreeing)
            made = time.perf_counter() - start
            mb = path.stat().st_size / 2**20
            quantities = size // CLAIMS_PER_QUANTITY
            print(f"== {size:,} claims on {quantities:,} quantities, {args.disagreeing:.0%} "
                  f"disagreeing ({mb:,.0f} MB, generated in {made:.0f} s)")  # fmt: skip
            peer = _peer(path)
            print(f"peer: SQLite GROUP BY over every claim: {peer:.2f} s")
            for name, extra, cold in runs:
                if "--limit" in extra and size > args.full_up_to:
                    print(f"{name}: skipped above {args.full_up_to:,} claims (--full-up-to)")
                    continue
                seconds, rss = _median_run(path, extra, cold=cold)
                growth = ""
                if name in previous:
                    was_s, was_mb = previous[name]
                    growth = (
                        f"; vs 10x fewer claims {seconds / was_s:.1f}x time, "
                        f"{rss / was_mb:.1f}x memory"
                    )
                print(f"{name}: {seconds:.2f} s, peak {rss:,.0f} MB, "
                      f"{seconds / peer:.1f}x the peer{growth}")  # fmt: skip
                previous[name] = (seconds, rss)


if __name__ == "__main__":
    main()
