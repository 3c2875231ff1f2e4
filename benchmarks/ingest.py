"""`provenance ingest` at scale: a generated corpus of news-style articles, timed.

    .venv/bin/python benchmarks/ingest.py                          # 1,000 and 10,000 articles
    .venv/bin/python benchmarks/ingest.py --sizes 1000             # one size
    .venv/bin/python benchmarks/ingest.py --sizes --reports 5 50   # one long report of each size
    .venv/bin/python benchmarks/ingest.py --postgresql postgresql+psycopg://user@host/postgres
    .venv/bin/python benchmarks/ingest.py --sizes 1000 --workers 4 2 1  # ingest --workers N
    .venv/bin/python benchmarks/ingest.py --sizes 1000 --rounds 3        # medians of 3 runs

The generator writes articles of about 600 words (10,000 of them: about 6 million words) in
the shape of local news: a header (title, outlet, date), then paragraphs where officials,
agencies and residents state figures (counts, shares, ranges, approximations, money) among
sentences with no figure; every planted figure is known. For each size, a fresh process runs
`provenance ingest` into a new SQLite file (and, with ``--postgresql``, into a new database
on that server), once for each ``--workers`` value (by default the machine's cores, then 1:
all in one process), and we print wall time, articles and words per second, peak RSS (of
the largest process: with workers, each holds its own copy of the extractor), the database
size, and the claims stored against the figures planted. The peer, in the same run,
is `provenance extract --format csv` over the same files: the same reading and extraction
with nothing stored, so the ratio is what storing costs.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TOWNS = ["Aldford", "Brisk", "Carrow", "Dunmore", "Elsby", "Fenwick", "Garth", "Holm", "Ivel",
         "Jarrow", "Kelby", "Lisk", "Morden", "Nairn", "Orbury", "Penhale"]  # fmt: skip
SUBJECTS = ["ferries", "schools", "clinics", "bridges", "buses", "libraries", "farms",
            "warehouses", "shelters", "markets"]  # fmt: skip
SPEAKERS = [("Ines Kovac", "harbour master"), ("Tomas Reyes", "council leader"),
            ("Mira Okafor", "health officer"), ("Dev Patel", "transport director"),
            ("Lena Voss", "school inspector"), ("Sam Adeyemi", "union spokesman")]  # fmt: skip
AGENCIES = ["the regional audit office", "the national statistics bureau",
            "the county inspectorate", "a university survey"]  # fmt: skip
FILLER = [
    "Residents gathered outside the town hall on a grey morning to hear the announcement.",
    "The council had promised a full review after complaints piled up over the winter.",
    "Local businesses said they had been waiting months for a clear answer.",
    "Several families described long queues and repeated visits to the same office.",
    "Officials declined to say when the next review would take place.",
    "Opposition members called the plan late and thin on detail.",
    "A small protest formed near the harbour but dispersed by midday.",
    "The mayor's office said further updates would follow in the spring.",
]


def _figure_sentence(rng: random.Random, town: str, subject: str) -> str:
    """One sentence stating one figure, attributed one way or another."""
    name, role = rng.choice(SPEAKERS)
    agency = rng.choice(AGENCIES)
    n = rng.randint(12, 9_000)
    kind = rng.randrange(6)
    if kind == 0:
        return (
            f"{role.capitalize()} {name} said {n:,} {subject} in {town} were inspected last year."
        )
    if kind == 1:
        return f"According to {agency}, about {rng.randint(5, 95)}% of {subject} failed the check."
    if kind == 2:
        low = rng.randint(10, 400)
        high = low + rng.randint(10, 300)
        return f"Between {low:,} and {high:,} {subject} were closed, {name} told reporters."
    if kind == 3:
        return f"The repairs will cost £{rng.randint(2, 90)} million, {agency} estimated."
    if kind == 4:
        return f"“At least {n:,} people rely on these {subject},” said {name}, the {role}."
    return f"Roughly {rng.randint(2, 40)} {subject} have reopened since March, officials said."


def _body(rng: random.Random, town: str, subject: str) -> tuple[str, int]:
    """About 600 words of paragraphs; returns the text and the figures planted in it."""
    paragraphs: list[str] = []
    planted = 0
    while sum(len(p.split()) for p in paragraphs) < 600:
        sentences = []
        for _ in range(rng.randint(3, 5)):
            if rng.random() < 0.3:
                sentences.append(_figure_sentence(rng, town, subject))
                planted += 1
            else:
                sentences.append(rng.choice(FILLER))
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs), planted


def write_corpus(folder: Path, count: int, seed: int = 7) -> tuple[int, int]:
    """``count`` articles in ``folder``; returns (figures planted, words written)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    planted = words = 0
    for n in range(count):
        town, subject = rng.choice(TOWNS), rng.choice(SUBJECTS)
        body, figures = _body(rng, town, subject)
        planted += figures
        words += len(body.split())
        month, day = 1 + n % 12, 1 + n % 28
        header = (f"title: {subject.capitalize()} in {town}, report {n}\n"
                  f"outlet: The {town} Courier\n"
                  f"date: 2021-{month:02d}-{day:02d}\n---\n")  # fmt: skip
        (folder / f"{n:05d}.txt").write_text(header + body + "\n", encoding="utf-8")
    return planted, words


def write_report(path: Path, megabytes: int, seed: int = 11) -> int:
    """One long report of about ``megabytes`` MB (a yearbook of local news); returns the
    figures planted."""
    rng = random.Random(seed)
    planted = written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("title: Regional yearbook\noutlet: The County Record\ndate: 2021-12-31\n---\n")
        while written < megabytes * 2**20:
            body, figures = _body(rng, rng.choice(TOWNS), rng.choice(SUBJECTS))
            planted += figures
            written += out.write(body + "\n\n")
    return planted


def _run(*args: str, env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and the last of what a provenance command printed (its
    status line, "Ingested ...", is on standard error; data is on standard output)."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "out = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t); "
        "print((out.stdout + out.stderr)[-300:], end='')"
    )
    command = [str(Path(sys.executable).parent / "provenance"), *args]
    full_env = os.environ | {"PYTHONPATH": str(ROOT)} | (env or {})
    done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True,
                          text=True, check=True, env=full_env)  # fmt: skip
    first, _, rest = done.stdout.partition("\n")
    rss_kb, seconds = first.split()
    return float(seconds), int(rss_kb) / 1024, rest


def _server_database(server: str) -> tuple[str, str]:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = f"bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    engine.dispose()
    return name, make_url(server).set(database=name).render_as_string(hide_password=False)


def _server_size(server: str, name: str) -> float:
    from sqlalchemy import create_engine

    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        size = connection.exec_driver_sql(f"SELECT pg_database_size('{name}')").scalar_one()
        connection.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
    engine.dispose()
    return int(size) / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000])
    parser.add_argument("--postgresql", help="a server URL on which databases may be created")
    parser.add_argument("--reports", type=int, nargs="*", default=[], metavar="MB",
                        help="also ingest one report of each size: --reports 5 50")  # fmt: skip
    parser.add_argument("--rounds", type=int, default=1,
                        help="runs of the peer and of each ingest; medians at the end")  # fmt: skip
    parser.add_argument("--workers", type=int, nargs="+", default=[os.cpu_count() or 1, 1],
                        help="--workers values to time [default: the cores, then 1]")  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in args.reports:
            report = Path(tmp) / f"report-{megabytes}.txt"
            planted = write_report(report, megabytes)
            print(f"== one report of {report.stat().st_size / 2**20:,.1f} MB, "
                  f"{planted:,} figures planted")  # fmt: skip
            seconds, rss, _ = _run("extract", str(report), "--format", "csv")
            print(f"peer: extract (nothing stored): {seconds:.1f} s, peak {rss:,.0f} MB")
            url = f"sqlite:///{Path(tmp) / f'report-{megabytes}.db'}"
            _run("init", "--db", url)
            seconds, rss, out = _run("ingest", str(report), "--db", url)
            print(f"ingest into SQLite: {seconds:.1f} s, peak {rss:,.0f} MB; "
                  f"{out.strip().splitlines()[-1]}")  # fmt: skip
        for size in args.sizes:
            corpus = Path(tmp) / f"corpus-{size}"
            planted, words = write_corpus(corpus, size)
            mb = sum(p.stat().st_size for p in corpus.iterdir()) / 2**20
            print(
                f"== {size:,} articles, {words:,} words, {mb:,.1f} MB, {planted:,} figures planted"
            )
            ratios: dict[str, list[float]] = {}
            for round_ in range(1, args.rounds + 1):
                if args.rounds > 1:
                    print(f"-- round {round_}")
                seconds, rss, _ = _run("extract", str(corpus), "--format", "csv")
                print(f"peer: extract (nothing stored): {seconds:.1f} s, {size / seconds:,.0f} "
                      f"articles/s, peak {rss:,.0f} MB")  # fmt: skip
                peer = seconds
                labels = ["SQLite"] + (["PostgreSQL"] if args.postgresql else [])
                for label in labels:
                    for workers in args.workers:
                        server_name = None
                        url = f"sqlite:///{Path(tmp) / f'ingest-{size}-w{workers}-{round_}.db'}"
                        if label == "PostgreSQL":
                            server_name, url = _server_database(args.postgresql)
                        _run("init", "--db", url)
                        seconds, rss, out = _run(
                            "ingest", str(corpus), "--db", url, "--workers", str(workers)
                        )
                        if server_name is None:
                            size_mb = Path(url.removeprefix("sqlite:///")).stat().st_size / 2**20
                        else:
                            size_mb = _server_size(args.postgresql, server_name)  # and drops it
                        stored = out.strip().splitlines()[-1]
                        setting = f"ingest into {label}, --workers {workers}"
                        ratios.setdefault(setting, []).append(seconds / peer)
                        print(f"{setting}: {seconds:.1f} s, {size / seconds:,.1f} articles/s, "
                              f"{words / seconds:,.0f} words/s, peak {rss:,.0f} MB (one "
                              f"process), database {size_mb:,.0f} MB, {seconds / peer:.1f}x "
                              f"the peer; {stored}")  # fmt: skip
            if args.rounds > 1:
                for setting, found in ratios.items():
                    print(f"{setting}: median {statistics.median(found):.1f}x the peer over "
                          f"{args.rounds} rounds ({min(found):.1f}-{max(found):.1f}x)")  # fmt: skip


if __name__ == "__main__":
    main()
