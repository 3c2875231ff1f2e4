"""Fault drills with real processes on a real database (a SQLite file, or a database on the
test server): a SIGKILL in the middle of `ingest`, and four `ingest` processes and a reader at
once on one database."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from provenance import db
from provenance.cli import _while_interrupted, app
from provenance.models import Topic
from tests.support import query

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


def _per_document(url: str) -> dict[str, int]:
    rows = query(
        url,
        "SELECT d.content_hash, count(c.id) FROM document d "
        "LEFT JOIN claim c ON c.document_id = d.id GROUP BY d.content_hash",
    )
    return dict(rows)


@pytest.mark.slow  # a drill: CI runs it (`tests/run -m slow`)
def test_sigkill_mid_ingest_leaves_no_partial_document(
    tmp_path: Path, db_url: str, other_db: str
) -> None:
    articles = tmp_path / "articles"
    write_articles(articles, 400)  # several groups of articles, each committed whole
    reference, url = other_db, db_url
    subprocess.run([PROVENANCE, "ingest", str(articles), "--db", reference], check=True,
                   capture_output=True)  # fmt: skip
    expected = _per_document(reference)
    assert len(expected) == 400

    process = subprocess.Popen([PROVENANCE, "ingest", str(articles), "--db", url],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 60
    while query(url, "SELECT count(*) FROM document")[0][0] < 5:
        assert process.poll() is None, "ingest finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    workers = _children(process.pid)  # the processes reading articles for it
    assert workers, "no worker processes read the articles"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers):  # orphaned, they end by themselves
        assert time.monotonic() < deadline, "a worker outlived the killed ingest"
        time.sleep(0.1)
    stored = _per_document(url)
    assert 5 <= len(stored) < 400
    assert all(stored[key] == expected[key] for key in stored)  # whole documents only

    rerun = subprocess.run([PROVENANCE, "ingest", str(articles), "--db", url],
                           capture_output=True, text=True, check=True)  # fmt: skip
    assert f"({len(stored)} skipped as already stored, 0 failed)" in rerun.stderr
    assert _per_document(url) == expected
    assert query(url, "SELECT count(*) FROM claim") == query(
        reference, "SELECT count(*) FROM claim"
    )


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in found]


def _running(pid: int) -> bool:
    """Whether a process is alive (a zombie, waiting to be reaped, is not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


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


@pytest.mark.slow
def test_four_writers_and_a_reader_on_one_database(
    tmp_path: Path, db_url: str, other_db: str
) -> None:
    """On SQLite writers queue for the lock; on PostgreSQL they run at once, so two may create
    one speaker or outlet together: the loser of that race retries its article."""
    url = db_url
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
        assert out == ""  # what was done goes to stderr
        assert err.splitlines()[-1].startswith("Ingested 12 documents, ")
        assert err.endswith("(0 skipped as already stored, 0 failed)\n")
    assert reader.returncode == 0, read_out + read_err
    assert int(read_out) >= 1
    reference = other_db  # the same articles, one batch at a time
    for folder in folders:
        subprocess.run([PROVENANCE, "ingest", str(folder), "--db", reference], check=True,
                       capture_output=True)  # fmt: skip
    assert len(_per_document(url)) == 48
    assert _per_document(url) == _per_document(reference)
    # (Proposed quantities are left out: each batch proposes from what is stored when it ends.)
    for table in ("claim", "agent", "agent_alias", "topic", "claim_topic"):
        count = f"SELECT count(*) FROM {table}"
        assert query(url, count) == query(reference, count), table


class _LostRace(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate  # as psycopg reports PostgreSQL's


# unique_violation (two writers created one name), foreign_key_violation (a row deleted as
# unused while another writer linked to it)
@pytest.mark.parametrize("sqlstate", ["23505", "23503"])
def test_a_transaction_that_lost_a_race_runs_again_from_the_start(
    db_url: str, sqlstate: str
) -> None:
    attempts: list[int] = []

    def work(session: Session) -> int:
        attempts.append(1)
        session.add(Topic(name=f"attempt {len(attempts)}"))
        session.flush()
        if len(attempts) == 1:
            raise IntegrityError("INSERT INTO agent ...", {}, _LostRace(sqlstate))
        return len(attempts)

    with db.open_database(db_url) as opened:
        assert opened.run(work) == 2
    assert query(db_url, "SELECT name FROM topic") == [("attempt 2",)]  # the first rolled back


def test_a_constraint_broken_for_another_reason_is_not_retried(db_url: str) -> None:
    attempts: list[int] = []

    def work(session: Session) -> None:
        attempts.append(1)
        raise IntegrityError("INSERT INTO agent ...", {}, Exception("NOT NULL constraint failed"))

    with db.open_database(db_url) as opened, pytest.raises(IntegrityError):
        opened.run(work)
    assert len(attempts) == 1


@pytest.mark.slow
def test_ingests_an_alias_change_and_conflicts_at_once(tmp_path: Path, db_url: str) -> None:
    """Three `ingest`s, a `quantity alias` and `conflicts` run together: every document is
    stored and every command ends with its summary; none fails on a lock."""
    url = db_url
    subprocess.run([PROVENANCE, "quantity", "add", "Ferries inspected", "--unit", "count",
                    "--key", "ferries", "--db", url], check=True, capture_output=True)  # fmt: skip
    write_articles(tmp_path / "first", 30)
    subprocess.run([PROVENANCE, "ingest", str(tmp_path / "first"), "--db", url], check=True,
                   capture_output=True)  # fmt: skip
    folders = [tmp_path / f"batch-{i}" for i in range(3)]
    for i, folder in enumerate(folders):
        write_articles(folder, 15, first=100 + i * 15)
    commands = [[PROVENANCE, "ingest", str(folder), "--db", url] for folder in folders]
    commands += [
        [PROVENANCE, "quantity", "alias", "ferries", "ferries", "examined", "--db", url],
        [PROVENANCE, "conflicts", "--limit", "0", "--db", url],
    ]
    running = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for command in commands
    ]
    results = [process.communicate(timeout=300) for process in running]
    for process, (_, err) in zip(running, results, strict=True):
        assert process.returncode == 0, err
        assert "locked" not in err
    for _, err in results[:3]:
        assert err.splitlines()[-1].startswith("Ingested 15 documents, ")
        assert err.endswith("(0 skipped as already stored, 0 failed)\n")
    assert results[3][0].startswith("ferries terms: ferries; examined; linked ")
    assert results[4][0]  # the comparison, printed
    assert query(url, "SELECT count(*) FROM document") == [(75,)]


@pytest.mark.slow
@pytest.mark.sqlite_only  # SQLite's write lock; a server locks rows
def test_a_writer_waits_for_the_lock_saying_so_and_a_reader_keeps_none_waiting(
    tmp_path: Path, db_url: str
) -> None:
    url = db_url
    write_articles(tmp_path / "a", 2)
    write_articles(tmp_path / "b", 2, first=2)
    path = url.removeprefix("sqlite:///")
    # A reader's open snapshot keeps no writer waiting.
    with sqlite3.connect(path, isolation_level=None) as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM claim").fetchall()
        quick = subprocess.run([PROVENANCE, "ingest", str(tmp_path / "a"), "--db", url],
                               capture_output=True, text=True, timeout=120)  # fmt: skip
        reader.execute("COMMIT")
    assert quick.returncode == 0, quick.stderr
    assert "Waiting" not in quick.stderr
    # Another writer holding the lock: the ingest says it waits, then goes on. The lock is
    # held until the notice is printed (the first line ingest writes on stderr), however long
    # the process takes to start on a busy machine.
    with sqlite3.connect(path, isolation_level=None) as writer:
        writer.execute("BEGIN IMMEDIATE")
        waiting = subprocess.Popen([PROVENANCE, "ingest", str(tmp_path / "b"), "--db", url],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
        assert waiting.stderr is not None
        notice = waiting.stderr.readline()
        assert waiting.poll() is None, notice
        writer.execute("COMMIT")
    out, err = waiting.communicate(timeout=120)
    assert out == ""
    assert waiting.returncode == 0, notice + err
    assert notice.startswith("Waiting for the database: another command is writing to it")
    assert err.startswith("Ingested 2 documents"), err


def test_ctrl_c_mid_ingest_says_what_was_stored_and_what_was_not(
    tmp_path: Path, db_url: str
) -> None:
    url = db_url
    articles = tmp_path / "articles"
    write_articles(articles, 600)  # enough that it is still running when the signal comes
    process = subprocess.Popen([PROVENANCE, "ingest", str(articles), "--db", url],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    deadline = time.monotonic() + 60
    while query(url, "SELECT count(*) FROM document")[0][0] < 5:
        assert process.poll() is None, "ingest finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert out == ""
    stored = query(url, "SELECT count(*) FROM document")[0][0]
    assert 5 <= stored < 600
    assert f"\nIngested {stored} documents, " in f"\n{err}"
    left = 600 - stored
    assert f"article-{stored:04d}.txt and {left - 1} more not ingested" in err


def test_ctrl_c_whose_rollback_fails_still_stops_the_ingest_as_an_interrupt(
    tmp_path: Path, db_url: str, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL a Ctrl-C inside COPY leaves the connection mid-command, so the rollback
    that follows fails: the database error raised while the interrupt unwound is still an
    interrupt (status 130, the summary of what was and was not stored), not a failure."""
    from provenance import store

    articles = tmp_path / "articles"
    write_articles(articles, 6)
    real = store.ingest_document
    calls = []

    def interrupted_in_copy(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) < 4:
            return real(*args, **kwargs)  # type: ignore[arg-type]
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            try:
                raise OperationalError("ROLLBACK TO SAVEPOINT", {}, Exception("in progress"))
            except OperationalError:
                raise OperationalError("ROLLBACK", {}, Exception("another command")) from None

    monkeypatch.setattr(store, "ingest_document", interrupted_in_copy)
    result = runner.invoke(app, ["ingest", str(articles), "--db", db_url])
    assert result.exit_code == 130, result.output
    assert "Interrupted" in result.stderr
    assert "Ingested 0 documents, " in result.stderr  # the group in hand was rolled back
    assert "article-0000.txt and 5 more not ingested" in result.stderr
    assert query(db_url, "SELECT count(*) FROM document") == [(0,)]
    assert not _while_interrupted(OperationalError("ROLLBACK", {}, Exception("lost")))


def test_ctrl_c_between_an_article_s_commit_and_its_count_waits_for_the_count() -> None:
    """The race the summary must not lose: an article written, then Ctrl-C before it is counted."""
    from provenance.cli import _Interrupts

    interrupts = _Interrupts()
    with pytest.raises(KeyboardInterrupt):
        interrupts._handler(signal.SIGINT, None)  # nothing written: stop at once
    interrupts.hold()
    interrupts._handler(signal.SIGINT, None)  # written, not yet counted: wait
    assert interrupts.pending
    with pytest.raises(KeyboardInterrupt):
        interrupts.release()  # counted: now stop
    interrupts.release()  # a second release has nothing pending


def test_a_ctrl_c_python_swallowed_stops_the_run_at_the_next_count() -> None:
    """Python drops an exception raised in a weakref callback ("Exception ignored in:
    InstanceState._cleanup"): a Ctrl-C that landed there must still stop the ingest, at the
    next article counted, not let it run to the end and exit 0 (seen on PostgreSQL)."""
    from provenance.cli import _Interrupts

    interrupts = _Interrupts()
    with contextlib.suppress(KeyboardInterrupt):  # swallowed, as in a weakref callback
        interrupts._handler(signal.SIGINT, None)
    with pytest.raises(KeyboardInterrupt):
        interrupts.release()
    interrupts.release()  # delivered once
