"""Fault drills on a real file and real processes: a SIGKILL in the middle of `ingest`, and
four `ingest` processes and a reader on one SQLite file at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import query

pytestmark = pytest.mark.sqlite_only  # processes sharing one SQLite file
PROVENANCE = str(Path(sys.executable).parent / "provenance")

TOWNS = ["Aldford", "Brisk", "Carrow", "Dunmore", "Elsby", "Fenwick", "Garth", "Holm"]


def write_articles(folder: Path, count: int, first: int = 0) -> list[Path]:
    """Short local-news articles, each with three figures and one speaker."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(first, first + count):
        town = TOWNS[n % len(TOWNS)]
        path = folder / f"article-{n:04d}.txt"
        path.write_text(
            f"title: Ferry checks in {town}, week {n}\n"
            f"outlet: The {town} Courier\n"
            f"date: 2019-{1 + n % 12:02d}-{1 + n % 28:02d}\n---\n"
            f"Inspectors in {town} examined {100 + n} ferries during week {n}.\n\n"
            f"Harbour master Ines Kovac said about {20 + n % 50} of them failed the check, "
            f"and between {n % 9 + 1} and {n % 9 + 5} were withdrawn from service.\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def _init(url: str) -> None:
    subprocess.run([PROVENANCE, "init", "--db", url], check=True, capture_output=True)


def _per_document(url: str) -> dict[str, int]:
    rows = query(
        url,
        "SELECT d.content_hash, count(c.id) FROM document d "
        "LEFT JOIN claim c ON c.document_id = d.id GROUP BY d.content_hash",
    )
    return dict(rows)


def test_sigkill_mid_ingest_leaves_no_partial_document(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    write_articles(articles, 60)
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    _init(reference)
    subprocess.run([PROVENANCE, "ingest", str(articles), "--db", reference], check=True,
                   capture_output=True)  # fmt: skip
    expected = _per_document(reference)
    assert len(expected) == 60

    url = f"sqlite:///{tmp_path / 'killed.db'}"
    _init(url)
    process = subprocess.Popen([PROVENANCE, "ingest", str(articles), "--db", url],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 60
    while query(url, "SELECT count(*) FROM document")[0][0] < 5:
        assert process.poll() is None, "ingest finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored = _per_document(url)
    assert 5 <= len(stored) < 60
    assert all(stored[key] == expected[key] for key in stored)  # whole documents only

    rerun = subprocess.run([PROVENANCE, "ingest", str(articles), "--db", url],
                           capture_output=True, text=True, check=True)  # fmt: skip
    assert f"({len(stored)} skipped as already stored, 0 failed)" in rerun.stdout
    assert _per_document(url) == expected
    assert query(url, "SELECT count(*) FROM claim") == query(
        reference, "SELECT count(*) FROM claim"
    )


READER = """
import subprocess, sys, pathlib
stop, command = pathlib.Path(sys.argv[1]), sys.argv[2:]
runs = 0
while not stop.exists():
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stderr, end="")
        sys.exit(1)
    runs += 1
print(runs)
"""


def test_four_writers_and_a_reader_on_one_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    _init(url)
    folders = [tmp_path / f"batch-{i}" for i in range(4)]
    for i, folder in enumerate(folders):
        write_articles(folder, 12, first=i * 12)
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(stop), PROVENANCE, "conflicts", "--db", url],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    writers = [
        subprocess.Popen([PROVENANCE, "ingest", str(folder), "--db", url],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for folder in folders
    ]  # fmt: skip
    results = [writer.communicate(timeout=300) for writer in writers]
    stop.touch()
    read_out, read_err = reader.communicate(timeout=120)
    for writer, (out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err
        assert out.startswith("Ingested 12 documents, ")
        assert out.endswith("(0 skipped as already stored, 0 failed)\n")
    assert reader.returncode == 0, read_out + read_err
    assert int(read_out) >= 1
    reference = f"sqlite:///{tmp_path / 'reference.db'}"  # the same articles, one at a time
    _init(reference)
    for folder in folders:
        subprocess.run([PROVENANCE, "ingest", str(folder), "--db", reference], check=True,
                       capture_output=True)  # fmt: skip
    assert len(_per_document(url)) == 48
    assert _per_document(url) == _per_document(reference)
    # (Proposed quantities are left out: each batch proposes from what is stored when it ends.)
    for table in ("claim", "agent", "agent_alias", "topic", "claim_topic"):
        count = f"SELECT count(*) FROM {table}"
        assert query(url, count) == query(reference, count), table
