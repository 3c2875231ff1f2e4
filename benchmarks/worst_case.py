"""Worst cases: time and peak memory at 1x, 2x, 4x and 8x sizes, and the ratio at each step.

    .venv/bin/python benchmarks/worst_case.py                  # everything
    .venv/bin/python benchmarks/worst_case.py --only extract   # the extraction inputs only
    .venv/bin/python benchmarks/worst_case.py --base-kb 256    # smaller inputs, a quick look

Each run is a fresh process, as a user runs the command; printed per size: wall seconds, peak
resident memory, and the ratio of time to the size before (2.0 is linear, 4.0 quadratic).

* `provenance extract --format csv` on one line with no full stop (one sentence of figures and
  sources: "officials said 300 people marched, and police counted 120 more, ..."), on a
  paragraph of digit groups ("4821 9930 1177 ...") and on one unbroken run of digits, from
  ``--base-kb`` (1,250 KB by default, so 10 MB at 8x).
  Peer: Python reading the same file and finding its numbers with one regular expression,
  the least work any extractor does.
* `provenance conflicts --quantity one` on one quantity of 1,250 to 10,000 figures that
  disagree in every way (a spread of values, hedges, speakers and dates), so that listing every
  disagreeing pair would be millions of pairs. Peer: SQLite reading those claims.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = os.environ | {"PYTHONPATH": str(ROOT)}  # this checkout's code, installed or not
PROBE = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t)"
)
PEER_EXTRACT = (
    "import re, sys; text = open(sys.argv[1], encoding='utf-8').read(); "
    "print(len(re.findall(r'\\d[\\d,.]*', text)))"
)
STEPS = (1, 2, 4, 8)


def _measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a command in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *command], capture_output=True, text=True, check=True, env=ENV
    )
    rss_kb, seconds = out.stdout.split()
    return float(seconds), int(rss_kb) / 1024


def _provenance(*args: str) -> list[str]:
    return [sys.executable, "-m", "provenance", *args]


def _write(path: Path, unit: str, size: int, joiner: str) -> None:
    with path.open("w", encoding="utf-8") as out:
        written = 0
        while written < size:
            out.write(unit + joiner)
            written += len(unit) + len(joiner)
        out.write(".\n")


def _digit_groups(count: int) -> str:
    pick = random.Random(7)
    return " ".join(str(pick.randrange(1000, 10000)) for _ in range(count))


INPUTS: dict[str, tuple[str, str]] = {
    "one long sentence": (
        "officials said 300 people marched, and police counted 120 more, while 45 were hurt",
        ", ",
    ),
    "a paragraph of digit groups": (_digit_groups(2_000), " "),
    "one run of digits": ("0123456789" * 1_000, ""),
}


def _table(name: str, rows: list[tuple[int, float, float, float]], unit: str) -> None:
    print(f"-- {name}")
    previous = None
    for size, seconds, peak, peer in rows:
        ratio = f", ratio {seconds / previous:4.2f}" if previous else ""
        print(
            f"{size:>9,} {unit}: {seconds:7.2f} s, peak {peak:7.1f} MB{ratio}; "
            f"peer {peer:6.2f} s ({seconds / peer:5.1f}x the peer)"
        )
        previous = seconds


def extraction(base_kb: int, folder: Path) -> None:
    print("== provenance extract --format csv on one enormous sentence (fresh process each)")
    for name, (unit, joiner) in INPUTS.items():
        rows = []
        for step in STEPS:
            path = folder / f"input-{step}.txt"
            _write(path, unit, base_kb * 1000 * step, joiner)
            seconds, peak = _measure(_provenance("extract", "--format", "csv", str(path)))
            peer, _ = _measure([sys.executable, "-c", PEER_EXTRACT, str(path)])
            rows.append((base_kb * step, seconds, peak, peer))
        _table(name, rows, "KB")


def _claims_csv(path: Path, count: int) -> None:
    """``count`` figures for one quantity: values spread over three orders of magnitude, every
    hedge, 200 speakers, dates over two years."""
    pick = random.Random(11)
    hedges = ["{}", "about {}", "more than {}", "at least {}", "{}-{}", "fewer than {}"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["figure", "quantity", "stated_by", "outlet", "published", "as_of"])
        for n in range(count):
            value = pick.randrange(100, 100_000)
            figure = pick.choice(hedges).format(value, value + pick.randrange(1, 500))
            day = (
                f"20{pick.randrange(22, 24)}-{pick.randrange(1, 13):02}-{pick.randrange(1, 29):02}"
            )
            out.writerow([figure, "one", f"speaker {n % 200}", f"outlet {n % 37}", day, day])


def _peer_conflicts(database: Path) -> float:
    start = time.perf_counter()
    with sqlite3.connect(database) as con:
        con.execute(
            "SELECT claim.id, low, high, hedge, as_of_start, stated_by_id FROM claim "
            "JOIN quantity ON quantity.id = claim.quantity_id WHERE quantity.key = 'one'"
        ).fetchall()
    return time.perf_counter() - start


def conflicts(folder: Path, base: int = 1_250) -> None:
    print("== provenance conflicts --quantity one: one quantity of many disagreeing figures")
    rows = []
    for step in STEPS:
        database = folder / f"conflicts-{step}.db"
        url = f"sqlite:///{database}"
        source = folder / f"claims-{step}.csv"
        _claims_csv(source, base * step)
        for args in (("init", "--db", url), ("import", str(source), "--db", url)):
            subprocess.run(_provenance(*args), check=True, capture_output=True, env=ENV)
        seconds, peak = _measure(_provenance("conflicts", "--quantity", "one", "--db", url))
        rows.append((base * step, seconds, peak, _peer_conflicts(database)))
        out = subprocess.run(
            _provenance("conflicts", "--quantity", "one", "--db", url),
            capture_output=True, text=True, check=True, env=ENV,
        )  # fmt: skip
        print(f"   {base * step:,} figures: {out.stdout.splitlines()[0][:150]}")
    _table("one quantity", rows, "figures")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--only", choices=["extract", "conflicts"])
    options.add_argument("--base-kb", type=int, default=1_250, help="extraction input at 1x")
    args = options.parse_args()
    parts: list[Callable[[Path], None]] = []
    if args.only in (None, "extract"):
        parts.append(lambda folder: extraction(args.base_kb, folder))
    if args.only in (None, "conflicts"):
        parts.append(conflicts)
    with tempfile.TemporaryDirectory() as name:
        for part in parts:
            part(Path(name))


if __name__ == "__main__":
    main()
