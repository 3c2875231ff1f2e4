"""`provenance extract` and `provenance ingest`: output, idempotence, bad files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from provenance.cli import app
from provenance.records import AgentKind
from tests.support import ok, query
from tests.test_faults import write_articles

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
PROVENANCE = str(Path(sys.executable).parent / "provenance")

ARTICLE = """title: Ferry returns
outlet: The Coast Gazette
date: 2019-06-14
---
The harbour authority said 1,240 boats were inspected last month.

“About 300 had faults. It is worse than we feared,” said Mayor Priya Lund.
"""


def _counts(db_url: str) -> tuple[int, int]:
    [(documents, claims)] = query(
        db_url, "SELECT (SELECT count(*) FROM document), (SELECT count(*) FROM claim)"
    )
    return documents, claims


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "ferries.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_extract_json_has_every_documented_key(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), "--format", "json"])
    assert result.exit_code == 0, result.output
    first, second = json.loads(result.stdout)
    text = article.read_text(encoding="utf-8")
    assert text[first["start"] : first["end"]] == "1,240"
    assert {k: first[k] for k in ("figure", "low", "high", "unit", "hedge", "stated_by", "stated_by_kind", "cue", "as_of", "modality")} == {
        "figure": "1,240", "low": 1240, "high": 1240, "unit": "count", "hedge": "exact",
        "stated_by": "harbour authority", "stated_by_kind": "organisation", "cue": "said",
        "as_of": "2019-05", "modality": "reported",
    }  # fmt: skip
    assert (second["figure"], second["stated_by"], second["role"]) == (
        "About 300",
        "Priya Lund",
        "Mayor",
    )
    assert list(first) == [
        "document", "figure", "start", "end", "low", "high", "unit", "hedge", "change",
        "sentence", "counted", "stated_by", "stated_by_kind", "role", "cue", "channel", "as_of",
        "modality", "scope", "sentence_start", "sentence_end", "stated_by_aliases",
        "primary_source",
    ]  # fmt: skip


def test_extract_reads_standard_input_with_flags(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["extract", "-", "--date", "2020-01-02", "--format", "csv"],
        input="Officials said 45 flights were cancelled.\r\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1].startswith(
        "<stdin>,45,15,17,45,45,count,exact,,Officials said 45 flights were cancelled.,"
    )
    assert ",officials,vague_group,,said,,2020-01-02,reported," in lines[1]


def test_extract_table(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article)])
    assert result.stdout == (
        "document     figure     stated by          cue    as of       counted\n"
        "-----------  ---------  -----------------  -----  ----------  -------------------------------\n"
        "ferries.txt  1,240      harbour authority  said   2019-05     boats were inspected last month\n"
        "ferries.txt  About 300  Priya Lund         said   2019-06-14  had faults\n"
    )


def test_ingest_stores_documents_once(db_url: str, runner: CliRunner) -> None:
    first = runner.invoke(app, ["ingest", str(ARTICLES), "--topic", "foreign fighters"])
    assert first.exit_code == 0, first.output
    assert (
        first.stderr
        == "Ingested 2 documents, 20 claims, 0 linked to quantities (0 skipped as already stored, 0 failed)\n"
    )
    again = runner.invoke(app, ["ingest", str(ARTICLES)])
    assert (
        again.stderr
        == "Ingested 0 documents, 0 claims, 0 linked to quantities (2 skipped as already stored, 0 failed)\n"
    )
    assert _counts(db_url) == (3, 20)  # two articles and the ICCT report they cite
    herald = runner.invoke(app, ["claims", "--speaker", "ICCT", "--format", "json"])
    claims = json.loads(herald.stdout)
    assert {c["primary_source"] for c in claims} == {
        "The Foreign Fighters Phenomenon in the European Union"
    }
    assert {c["outlet"] for c in claims} == {"The Herald"}
    sources = runner.invoke(app, ["sources", "--format", "json"])
    assert [s["topics"] for s in json.loads(sources.stdout)] == [
        ["foreign fighters"],
        ["foreign fighters"],
        [],
    ]


def test_ingested_offsets_point_into_the_stored_text(
    db_url: str, runner: CliRunner, article: Path
) -> None:
    assert runner.invoke(app, ["ingest", str(article)]).exit_code == 0
    rows = query(
        db_url,
        "SELECT d.body, c.quote, c.quote_start, c.quote_end, c.figure, c.figure_start, "
        "c.figure_end FROM claim c JOIN document d ON d.id = c.document_id",
    )
    for body, quote, q_start, q_end, figure, f_start, f_end in rows:
        assert body[q_start:q_end] == quote
        assert quote[f_start:f_end] == figure


def test_a_folder_with_bad_files_ingests_the_good_ones(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a-good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "c-latin1.txt").write_bytes("Caf\xe9 owners said 12 shops closed.".encode("latin-1"))
    (folder / "d-empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "e-bad-date.txt").write_text("date: 2017-13-45\n---\nSome 40 left.", encoding="utf-8")
    (folder / "loop").symlink_to(folder)
    result = runner.invoke(app, ["ingest", str(folder)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Note: {folder / 'c-latin1.txt'} is not UTF-8: read as cp1252 (--encoding to choose)",
        f"Error: {folder / 'b-binary.txt'}: a PNG image, not a text file",
        f"Error: {folder / 'd-empty.txt'}: is empty",
        f"Error: {folder / 'e-bad-date.txt'}: date: not a date: '2017-13-45' (month 13 does not exist)",
        "Ingested 2 documents, 3 claims, 0 linked to quantities (0 skipped as already stored, 3 failed)",
    ]
    assert _counts(db_url) == (2, 3)
    [(body,)] = query(db_url, "SELECT body FROM document WHERE body LIKE 'Caf%'")
    assert body == "Caf\u00e9 owners said 12 shops closed."
    utf8 = runner.invoke(app, ["extract", str(folder / "c-latin1.txt"), "--encoding", "utf-8"])
    assert utf8.exit_code == 1
    assert utf8.stderr == (
        f"Error: {folder / 'c-latin1.txt'}: not valid utf-8 (byte 3); try --encoding latin-1\n"
    )


def test_worker_processes_store_what_one_process_stores(
    db_url: str, other_db: str, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--workers 2` reads the articles in two processes while this one writes: the same
    documents, claims and proposals as `--workers 1`, and the same messages in the same order,
    a bad file's among them (enough files that the workers start)."""
    folder = tmp_path / "batch"
    write_articles(folder, 10)
    (folder / "article-0003.txt").write_text("  \n", encoding="utf-8")
    (folder / "article-0006.txt").write_bytes(
        "Caf\xe9 owners said 12 shops closed.".encode("latin-1")
    )
    submitted = []
    submit = ProcessPoolExecutor.submit

    def counted(pool: ProcessPoolExecutor, *args: Any, **kwargs: Any) -> Future[Any]:
        submitted[-1] += 1
        return submit(pool, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", counted)
    outputs = []
    for url, workers in ((db_url, "2"), (other_db, "1")):
        submitted.append(0)
        result = runner.invoke(app, ["ingest", str(folder), "--workers", workers, "--db", url])
        assert result.exit_code == 1
        claims = ok(runner, "claims", "--limit", "0", "--format", "csv", "--db", url)
        proposed = ok(runner, "quantities", "--proposed", "--format", "csv", "--db", url)
        outputs.append((result.stderr, claims, proposed))
    assert submitted == [10, 0]
    assert outputs[0] == outputs[1]
    assert outputs[0][0].splitlines()[0] == (
        f"Note: {folder / 'article-0006.txt'} is not UTF-8: read as cp1252 (--encoding to choose)"
    )
    assert f"Error: {folder / 'article-0003.txt'}: is empty" in outputs[0][0]
    assert "Ingested 9 documents, 33 claims" in outputs[0][0]
    zero = runner.invoke(app, ["ingest", str(folder), "--workers", "0"])
    assert zero.exit_code == 2
    assert "Invalid value for '--workers'" in zero.stderr


def test_a_dask_cluster_s_workers_read_what_one_process_reads(
    db_url: str, other_db: str, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--cluster ADDRESS`: a local Dask cluster of two worker processes on 127.0.0.1 reads the
    articles (named relative to this directory, as a user would) while this process writes:
    the same documents, claims, proposals and messages as `--workers 1`. A scheduler that
    does not answer is one line and exit status 1, with nothing stored."""
    from distributed import LocalCluster

    import provenance.archive

    folder = tmp_path / "batch"
    write_articles(folder, 10)
    (folder / "article-0003.txt").write_text("  \n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:  # fmt: skip
        outputs = []
        for url, how in ((db_url, ["--cluster", cluster.scheduler_address]),
                         (other_db, ["--workers", "1"])):  # fmt: skip
            result = runner.invoke(app, ["ingest", "batch", *how, "--db", url])
            assert result.exit_code == 1  # the empty file
            claims = ok(runner, "claims", "--limit", "0", "--format", "csv", "--db", url)
            proposed = ok(runner, "quantities", "--proposed", "--format", "csv", "--db", url)
            outputs.append((result.stderr, claims, proposed))
        assert "read_with_figures" in cluster.scheduler.task_prefixes  # the workers read them
    assert outputs[0] == outputs[1]
    assert f"Error: {Path('batch') / 'article-0003.txt'}: is empty" in outputs[0][0]
    assert "Ingested 9 documents, 36 claims" in outputs[0][0]

    monkeypatch.setattr(provenance.archive, "CLUSTER_TIMEOUT", "0.2s")
    gone = runner.invoke(app, ["ingest", "batch", "--cluster", "tcp://127.0.0.1:9"])
    assert gone.exit_code == 1
    assert gone.stderr.startswith("Error: --cluster tcp://127.0.0.1:9: no Dask scheduler answered")
    assert len(gone.stderr.splitlines()) == 1
    assert _counts(db_url) == (9, 36)  # the database the run used, as it was


def test_ingest_without_a_database_reads_nothing(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["ingest", str(article)])
    assert (result.exit_code, result.stderr) == (
        1, "Error: no database at isolated.db: run `provenance init` to create it\n",
    )  # fmt: skip


def test_extract_unknown_encoding_and_missing_file(
    runner: CliRunner, article: Path, tmp_path: Path
) -> None:
    unknown = runner.invoke(app, ["extract", str(article), "--encoding", "klingon"])
    assert (unknown.exit_code, unknown.stderr) == (
        1,
        f"Error: {article}: unknown encoding 'klingon'\n",
    )
    missing = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert (missing.exit_code, missing.stderr) == (
        1, f"Error: {tmp_path / 'nope.txt'}: cannot read: No such file or directory\n",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("---\ntitel: Ferry returns\n---\nAbout 40 boats sailed.\n", "header line 2: unknown key 'titel' (expected title, outlet, author, url, date)"),
        ("---\ntitle: Ferry returns\nAbout 40 boats sailed.\n", "header line 3: not a 'key: value' line; is the closing --- missing?"),
        ("title: Ferry returns\noutlet:\n---\nAbout 40 boats sailed.\n", "header line 2: outlet has no value"),
        ("date: 2019-06-14\ndate: 2019-06-15\n---\nAbout 40 boats sailed.\n", "header line 2: date given twice ('2019-06-14', '2019-06-15')"),
    ],
    ids=["unknown-key", "unclosed", "empty-value", "conflicting-dates"],
)  # fmt: skip
def test_a_malformed_header_is_named_and_nothing_stored(
    db_url: str, runner: CliRunner, tmp_path: Path, article: Path, content: str, message: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(bad), str(article)])
    assert result.exit_code == 1
    assert result.stdout == ""
    error, summary = result.stderr.splitlines()
    assert error == f"Error: {bad}: {message}"
    assert summary.endswith("(0 skipped as already stored, 1 failed)")
    assert _counts(db_url) == (1, 2)  # the good article only
    extract = runner.invoke(app, ["extract", str(bad)])
    assert (extract.exit_code, extract.stderr) == (1, f"Error: {bad}: {message}\n")


def test_a_header_without_a_fence_may_run_into_the_text(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("date: 2019-06-14\noutlet: Coast Gazette\nAbout 40 boats sailed.\n", "utf-8")
    result = runner.invoke(app, ["ingest", str(path)])
    assert result.exit_code == 0, result.output
    [(outlet, published, figure)] = query(
        db_url, "SELECT a.name, d.published, c.figure FROM claim c JOIN document d "
        "ON d.id = c.document_id JOIN agent a ON a.id = d.outlet_id"
    )  # fmt: skip
    assert (outlet, str(published), figure) == ("Coast Gazette", "2019-06-14", "About 40")


def test_a_file_the_user_may_not_read(db_url: str, tmp_path: Path, article: Path) -> None:
    """Run in a process of its own: as root, without the capabilities that let root read any
    file (so the drill means the same for every user)."""
    secret = tmp_path / "secret.txt"
    secret.write_text(ARTICLE.replace("1,240", "1,250"), encoding="utf-8")
    secret.chmod(0)
    command = [PROVENANCE, "ingest", str(secret), str(article), "--db", db_url]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 1
    error, summary = result.stderr.splitlines()
    assert error == f"Error: {secret}: cannot read: Permission denied"
    assert summary.endswith("(0 skipped as already stored, 1 failed)")
    assert _counts(db_url) == (1, 2)


@pytest.mark.sqlite_only  # SQLite's query plans
def test_the_stored_article_a_new_one_may_be_a_version_of_is_found_through_an_index(
    db_url: str, tmp_path: Path
) -> None:
    """Each article of a batch looks for one stored at its URL, or under its outlet, title and
    date: through an index, not by scanning every document stored before it."""
    from provenance import db
    from provenance.reading import read_article
    from provenance.store import writes

    plans = []
    for header in ("url: https://example.org/a\n", ""):
        path = tmp_path / "article.txt"
        path.write_text(
            f"title: Ferries\noutlet: The Courier\ndate: 2021-01-01\n{header}---\n300 marched.\n"
        )
        article = read_article(str(path), {})
        with db.session_scope(db_url) as session:
            finder = writes._Finder(session)
            outlet = finder.agent("The Courier", AgentKind.OUTLET)
            session.flush()
            statements: list[Any] = []
            original = session.scalars

            def spy(
                statement: Any, *args: Any, seen: list[Any] = statements, real: Any = original
            ) -> Any:
                seen.append(statement)
                return real(statement, *args)

            session.scalars = spy  # type: ignore[method-assign]
            try:
                writes._same_article(session, article, outlet, ())
            finally:
                session.scalars = original  # type: ignore[method-assign]
            compiled = statements[-1].compile(
                session.get_bind(), compile_kwargs={"literal_binds": True}
            )
            plan = session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").all()
            plans.append(" ".join(str(row[-1]) for row in plan))
            session.rollback()
    assert "USING INDEX ix_document_url" in plans[0], plans
    assert "USING INDEX ix_document_outlet_title" in plans[1], plans
