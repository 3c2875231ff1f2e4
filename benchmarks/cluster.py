"""What one worker core of a Dask cluster reads: `ingest --cluster`'s side of the work.

    .venv/bin/python benchmarks/cluster.py                  # 1,000 generated articles
    .venv/bin/python benchmarks/cluster.py --articles 3000 --workers 1 2 4

Writes the generated corpus of ``benchmarks/ingest.py``, then for each ``--workers`` count
starts a local Dask cluster of that many single-threaded worker processes on 127.0.0.1 and
has it read every article and find its figures (the task `ingest --cluster` hands a
worker), timing from the first task sent to the last result back. The peer, in the same run,
is `provenance extract --format csv` over the same files in one process: the same reading
and extraction, so the ratio per worker is what the cluster costs or saves.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.ingest import write_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    from provenance.reading import read_with_figures

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        planted, words = write_corpus(corpus, args.articles)
        paths = sorted(str(p) for p in corpus.iterdir())
        print(f"{args.articles:,} articles, {words:,} words, {planted:,} figures planted")
        clock = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "provenance"), "extract", str(corpus),
                        "--format", "csv"], check=True, capture_output=True)  # fmt: skip
        peer = time.perf_counter() - clock
        print(f"peer: extract in one process: {peer:.1f} s, {args.articles / peer:,.0f} articles/s")
        for count in args.workers:
            with (
                LocalCluster(n_workers=count, threads_per_worker=1, processes=True,
                             host="127.0.0.1", dashboard_address=None) as cluster,
                Client(cluster) as client,
            ):  # fmt: skip
                client.submit(len, "warm").result()
                clock = time.perf_counter()
                futures = client.map(read_with_figures, paths, [{}] * len(paths),
                                      [None] * len(paths), paths, pure=False)  # fmt: skip
                found = sum(len(a.found or ()) for a in client.gather(futures))
                seconds = time.perf_counter() - clock
            rate = args.articles / seconds
            per_core = words / seconds / count
            print(f"cluster of {count} worker(s): {seconds:.1f} s, {rate:,.0f} articles/s "
                  f"({rate / count:,.0f} per worker core, {per_core:,.0f} words/s per core), "
                  f"{found:,} figures; {peer / seconds:.2f}x the peer's speed")  # fmt: skip


if __name__ == "__main__":
    main()
