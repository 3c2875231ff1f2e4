"""Bad input: one clear line on stderr, exit 1 (2 for bad usage), the database unchanged."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from provenance.cli import app
from provenance.errors import InputError
from tests.support import snapshot


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "lots"], "Error: cannot read a figure in 'lots'\n"),
        (["show", "99"], "Error: no claim with id 99\n"),
        (["rank", "1", "deprecated"], "Error: no claim with id 1\n"),
        (["claims", "--quantity", "nothing-like-this"], "Error: no quantity 'nothing-like-this' (see `provenance quantities`)\n"),
    ],
    ids=["unparseable-figure", "unknown-claim", "rank-unknown-claim", "unknown-quantity"],
)  # fmt: skip
def test_bad_values_fail_cleanly(
    seeded: str, runner: CliRunner, args: list[str], message: str
) -> None:
    if args[0] == "rank":
        args = ["rank", "999", "deprecated", "--reason", "x"]
        message = "Error: no claim with id 999\n"
    before = snapshot(seeded)
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
    assert snapshot(seeded) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "about 1,200", "--date", "2017-13-45"], "'--date': not a date: '2017-13-45' (month 13 does not exist)"),
        (["add", "about 1,200", "--as-of", "April 2017"], "'--as-of': not a date: 'April 2017' (expected YYYY-MM-DD, YYYY-MM, YYYY or START/END)"),
        (["add", "about 1,200", "--modality", "rumour"], "'--modality': 'rumour' is not one of: reported, estimate, belief, prediction, official_statistic"),
        (["add", "about 1,200", "--stated-by-kind", "alien"], "'--stated-by-kind': 'alien' is not one of: person, organisation, report, vague_group, outlet"),
        (["claims", "--since", "yesterday"], "'--since': not a date: 'yesterday' (expected YYYY-MM-DD, YYYY-MM, YYYY or START/END)"),
        (["export", "--until", "2016-02-30"], "'--until': not a date: '2016-02-30' (day 30 does not exist in 2016-02)"),
        (["conflicts", "--tolerance", "lots"], "'--tolerance': a tolerance is not a number: 'lots'"),
        (["conflicts", "--tolerance", "150%"], "'--tolerance': a tolerance must be between 0 and 1 (or 0% and 100%): '150%'"),
        (["plot", "returned-number", "--out", "x.pdf"], "'--out': x.pdf: the chart is written as .png or .svg"),
        (["quantity", "add", "Boats", "--unit", "count", "--period", "summer"], "'--period': not a date: 'summer' (expected YYYY-MM-DD, YYYY-MM, YYYY or START/END)"),
        (["ingest", "-", "--date", "last week"], "'--date': not a date: 'last week' (expected YYYY-MM-DD)"),
    ],
    ids=["impossible-date", "as-of-words", "unknown-modality", "unknown-kind", "since-words",
         "impossible-until", "tolerance-words", "tolerance-too-big", "chart-format", "period-words",
         "ingest-date-words"],
)  # fmt: skip
def test_option_values_that_fail_to_parse_are_usage_errors(
    seeded: str, runner: CliRunner, args: list[str], message: str
) -> None:
    """Exit status 2 and Click's usage message naming the option, before anything is read
    or written."""
    before = snapshot(seeded)
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for {message}"
    assert snapshot(seeded) == before


def test_unit_mismatch_with_quantity_is_refused(seeded: str, runner: CliRunner) -> None:
    result = runner.invoke(app, ["add", "about 1,200", "--quantity", "returned-share"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: figure 'about 1,200' is in count but quantity 'returned-share' is measured in percent\n"
    )


def test_deprecating_needs_a_reason(seeded: str, runner: CliRunner) -> None:
    result = runner.invoke(app, ["rank", "1", "deprecated"])
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: claim 1: give a --reason to deprecate it\n",
    )


def test_csv_with_one_bad_row_imports_nothing(
    seeded: str, runner: CliRunner, tmp_path: Path
) -> None:
    bad = tmp_path / "claims.csv"
    bad.write_text(
        "figure,quantity,outlet,published\n"
        "about 500,returned-number,Example Times,2018-01-02\n"
        "lots,returned-number,Example Times,2018-01-02\n"
        "about 600,returned-number,Example Times,2018-01-02\n",
        encoding="utf-8",
    )
    before = snapshot(seeded)
    result = runner.invoke(app, ["import", str(bad)])
    assert (result.exit_code, result.stderr) == (
        1, f"Error: {bad}, row 3: cannot read a figure in 'lots'\n",
    )  # fmt: skip
    assert snapshot(seeded) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "{path}: the file is empty"),
        ("figure,colour\n10,red\n", "{path}: unknown column 'colour' (columns: id, figure, low, high, unit, hedge, quantity, counted, stated_by, stated_by_kind, role, channel, cue, outlet, published, title, author, url, primary_source, primary_source_by, primary_source_url, primary_source_published, quote, as_of, scope, modality, topics, status, rank, rank_reason)"),
        ("quantity\nx\n", "{path}: the header has no 'figure' column"),
        ("figure,low,high\nabout 10,20,5\n", "{path}, row 2: figure 'about 10': low 20 is above high 5"),
        ("figure,low\nabout 10,ten\n", "{path}, row 2: low is not a number: 'ten'"),
        ("figure,published\n10,2017-02-30\n", "{path}, row 2: published: not a date: '2017-02-30' (day 30 does not exist in 2017-02)"),
        ("figure\n10,11\n", "{path}, row 2: more cells than columns"),
        ("figure,rank\n10,deprecated\n", "{path}, row 2: figure '10': a deprecated claim needs a reason"),
    ],
    ids=["empty", "unknown-column", "no-figure-column", "low-above-high", "bad-number", "bad-date", "extra-cell", "deprecated-without-reason"],
)  # fmt: skip
def test_bad_csv_files(
    db_url: str, runner: CliRunner, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "claims.csv"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["import", str(path)])
    assert (result.exit_code, result.stderr) == (1, "Error: " + message.format(path=path) + "\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "{path}: not valid JSON (line 1: Expecting property name enclosed in double quotes)"),
        ('{"claims": [{"figure": 10, "colour": "red"}]}', "{path}, claims[0]: unknown field 'colour'"),
        ('{"claims": ["10"]}', "{path}, claims[0]: a claim must be an object"),
        ('{"claims": [{"figure": "10", "topics": 5}]}', "{path}, claims[0]: topics must be a list of strings or 'a; b' text"),
        ('{"quantities": [{"label": "x"}], "claims": []}', "{path}, quantities[0]: quantity 'x' needs a unit (count, percent, GBP ...)"),
        ('{"claims": [{"figure": "10", "outlet": ["a"]}]}', '{path}, claims[0]: outlet must be text, not ["a"]'),
        ('{"claimz": []}', "{path}: unknown top-level key 'claimz'"),
        ("7", "{path}: expected a list of claims or an object with 'claims'"),
    ],
    ids=["broken", "unknown-field", "not-object", "bad-topics", "quantity-without-unit", "list-value", "unknown-key", "number"],
)  # fmt: skip
def test_bad_json_files(
    db_url: str, runner: CliRunner, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "claims.json"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["import", str(path)])
    assert (result.exit_code, result.stderr) == (1, "Error: " + message.format(path=path) + "\n")


def test_missing_and_binary_files(db_url: str, runner: CliRunner, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["import", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 1
    assert (
        missing.stderr
        == f"Error: {tmp_path / 'nope.csv'}: cannot read: No such file or directory\n"
    )
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"figure\n\xff\xfe\x00")
    result = runner.invoke(app, ["import", str(binary)])
    assert result.stderr == f"Error: {binary}: not UTF-8 text (byte 7)\n"


def test_bad_usage_exits_2(db_url: str, runner: CliRunner) -> None:
    assert runner.invoke(app, ["show", "seven"]).exit_code == 2
    assert runner.invoke(app, ["claims", "--format", "yaml"]).exit_code == 2
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2
    for args in (["link"], ["link", "1"], ["link", "1", "--auto"]):  # CLAIM and QUANTITY, or --auto
        result = runner.invoke(app, args)
        assert result.exit_code == 2, args
        assert result.stderr.splitlines()[-1].startswith("Error: Invalid value for "), args


def test_missing_database_names_the_command_to_run(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["claims"])
    assert result.exit_code == 1
    assert (
        result.stderr == "Error: no database at isolated.db: run `provenance init` to create it\n"
    )
    assert not (tmp_path / "isolated.db").exists()


def test_a_file_that_is_not_sqlite(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    result = runner.invoke(app, ["claims", "--db", str(path)])
    assert (result.exit_code, result.stderr) == (
        1, "Error: cannot open database notes.db: file is not a database\n",
    )  # fmt: skip


def test_a_database_url_whose_driver_is_missing(runner: CliRunner) -> None:
    url = "postgresql+pg8000://nobody@127.0.0.1:1/none"  # a driver this project never installs
    result = runner.invoke(app, ["claims", "--db", url])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: cannot open database {url}: its driver 'pg8000' is not installed "
        "(for PostgreSQL: pip install 'psycopg[binary]')\n"
    )


def test_a_database_server_that_cannot_be_reached(runner: CliRunner) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/claims"  # port 1: nothing listens there
    result = runner.invoke(app, ["claims", "--db", url])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot open database {url}: connection failed")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("claims.csv", "id,figure\n7,about 40\n8,about 50\n7,about 60\n", "{path}, row 4: id 7 is also on row 2"),
        ("claims.json", '[{"id": 3, "figure": "40"}, {"id": 3, "figure": "41"}]', "{path}, claims[1]: id 3 is also on claims[0]"),
        ("claims.json", '{"quantities": [{"key": "ferries", "label": "Ferries", "unit": "count"}, {"label": "ferries", "unit": "count"}], "claims": []}', "{path}, quantities[1]: quantity 'ferries' is also quantities[0]"),
    ],
    ids=["csv-id", "json-id", "json-quantity"],
)  # fmt: skip
def test_a_file_naming_one_thing_twice_imports_nothing(
    seeded: str, runner: CliRunner, tmp_path: Path, name: str, content: str, message: str
) -> None:
    before = snapshot(seeded)
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["import", str(path)])
    assert (result.exit_code, result.stderr) == (1, "Error: " + message.format(path=path) + "\n")
    assert snapshot(seeded) == before


def _files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n 300 people")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 300 people")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj 300 people marched\n")
    future = tmp_path / "future.txt"
    future.write_text("date: 2099-01-01\n\n300 people marched.\n", encoding="utf-8")
    twice = tmp_path / "twice.toml"
    twice.write_text(
        '[[quantity]]\nkey = "a"\nlabel = "A"\nunit = "count"\n\n'
        '[[quantity]]\nkey = "a"\nlabel = "B"\nunit = "count"\n',
        encoding="utf-8",
    )
    return {"folder": folder, "pdf": pdf, "future": future, "twice": twice}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest", "{folder}"], "Error: {folder}: no .txt, .md, .text, .html, .htm files in it (it holds 1 .docx, 1 .png)\n"),
        (["extract", "{pdf}"], "Error: {pdf}: a PDF document, not a text file\n"),
        (["extract", "{future}"], "Error: {future}: date 2099-01-01 is in the future\n"),
        (["add", "12", "--date", "2099-01-01"], "Error: published 2099-01-01 is in the future\n"),
        (["quantities", "load", "{twice}"], "Error: {twice}, quantity[1]: key 'a' is also quantity[0]'s\n"),
    ],
    ids=["folder-of-no-articles", "pdf", "future-header-date", "future-date", "catalogue-key-twice"],
)  # fmt: skip
def test_what_was_accepted_quietly_is_refused(
    seeded: str, runner: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    files = {name: str(path) for name, path in _files(tmp_path).items()}
    before = snapshot(seeded)
    result = runner.invoke(app, [arg.format(**files) for arg in args])
    assert (result.exit_code, result.stderr) == (1, message.format(**files))
    assert snapshot(seeded) == before


def test_a_pdf_among_articles_is_named_and_the_rest_stored(
    seeded: str, runner: CliRunner, tmp_path: Path
) -> None:
    files = _files(tmp_path)
    article = tmp_path / "good.txt"
    article.write_text("Police said 450 people marched on Sunday.\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(files["pdf"]), str(article)])
    assert result.exit_code == 1
    assert f"{files['pdf']}: a PDF document, not a text file" in result.stderr
    assert "Ingested 1 documents" in result.stderr


def test_init_refuses_a_missing_folder_and_another_application_s_database(
    runner: CliRunner, tmp_path: Path
) -> None:
    import sqlite3

    from provenance.config import database_url, display_url

    missing = tmp_path / "nowhere" / "x.db"
    result = runner.invoke(app, ["init", "--db", str(missing)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: cannot create {missing}: no folder {missing.parent}\n",
    )
    assert not missing.parent.exists()
    foreign = tmp_path / "theirs.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    result = runner.invoke(app, ["init", "--db", str(foreign)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {display_url(database_url(str(foreign)))} already holds tables of another application "
        "(invoices): give a new file or an empty database\n"
    )
    with sqlite3.connect(foreign) as connection:
        tables = connection.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    assert tables == [("invoices",)]


def test_driver_errors_say_what_they_mean() -> None:
    from provenance.cli import _database_message

    assert _database_message("attempt to write a readonly database").startswith(
        "the database cannot be written"
    )
    assert "restore it from a backup" in _database_message("database disk image is malformed")
    assert _database_message("vtable constructor failed: claim_search").startswith(
        "the database file is damaged"
    )
    assert _database_message("deadlock detected") == "database error: deadlock detected"


def test_ctrl_c_says_so_and_exits_130(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    waiting = subprocess.Popen(  # reading standard input that never ends
        [sys.executable, "-m", "provenance", "extract", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    time.sleep(2)
    waiting.send_signal(signal.SIGINT)
    _, stderr = waiting.communicate(timeout=30)
    assert waiting.returncode == 130
    assert stderr.decode().startswith("Interrupted: what was stored before stays")


def test_db_may_come_before_the_command_and_help_shows_no_python_types(tmp_path: Path) -> None:
    runner = CliRunner()
    path = tmp_path / "first.db"
    result = runner.invoke(app, ["--db", str(path), "init"], env={"PROVENANCE_DB": ""})
    assert result.exit_code == 0, result.output
    assert path.exists()
    listed = runner.invoke(app, ["--db", str(path), "claims", "--format", "csv"])
    assert listed.exit_code == 0, listed.output
    shown = runner.invoke(app, ["export", "--help"])
    assert "<str>" not in shown.output
    assert "<bool>" not in shown.output
    assert "[default: $PROVENANCE_DB, else ./provenance.db]" in " ".join(shown.output.split())


def _command_paths(command: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix]
    for name, sub in getattr(command, "commands", {}).items():
        found += _command_paths(sub, (*prefix, name))
    return found


def test_no_command_s_help_shows_python_types() -> None:
    import re

    import typer.main

    runner = CliRunner()
    paths = _command_paths(typer.main.get_command(app))
    assert len(paths) > 30  # every command and group, nested ones included
    for path in paths:
        shown = runner.invoke(app, [*path, "--help"])
        assert shown.exit_code == 0, (path, shown.output)
        assert not re.search(r"<(?:str|int|float|bool|Path)>", shown.output), (path, shown.output)


def test_shell_completion_can_be_shown_for_installing(monkeypatch: pytest.MonkeyPatch) -> None:
    # The shell named, not detected from the processes the tests run under (shellingham),
    # which made this test pass or fail by how it was started: Typer's own switch for it.
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    shown = CliRunner().invoke(app, ["--show-completion", "bash"], prog_name="provenance")
    assert shown.exit_code == 0, shown.output
    assert "_provenance_completion" in shown.output


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command a user can run, by its words: the groups that run on their own too."""
    commands = getattr(command, "commands", None)
    if path and (commands is None or getattr(command, "invoke_without_command", False)):
        yield path, command
    for name, sub in (commands or {}).items():
        yield from _commands(sub, (*path, name))


def _required(command: Any, tmp_path: Path) -> list[str]:
    """Values for a command's required arguments and options, each the simplest that parses."""
    values: list[str] = []
    for param in command.params:
        if not param.required:
            continue
        value = str(tmp_path / "out.svg") if param.name == "out" else "1"
        if param.param_type_name == "option":
            values.append(param.opts[0])
        values.append(value)
    return values


ALL_COMMANDS = sorted(_commands(typer.main.get_command(app)))


def test_every_command_is_found() -> None:
    names = {" ".join(path) for path, _ in ALL_COMMANDS}
    assert {"ingest", "claims", "conflicts", "conflicts resolve", "quantity split", "db check",
            "quantities", "export", "extract", "plot", "report"} <= names  # fmt: skip
    assert len(names) >= 30


@pytest.mark.parametrize(
    ("raised", "status", "said"),
    [
        (InputError("the figure is not there"), 1, "Error: the figure is not there\n"),
        (KeyboardInterrupt(), 130, "Interrupted: what was stored before stays; nothing half-written is kept.\n"),
    ],
    ids=["library-error", "ctrl-c"],
)  # fmt: skip
def test_no_command_escapes_the_error_handling(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    raised: BaseException,
    status: int,
    said: str,
) -> None:
    """Whatever the command, a library error is one line and status 1, Ctrl-C a line and 130:
    no traceback, whatever the layer it comes from (opening the database, or reading)."""

    def fail(*_: object, **__: object) -> Any:
        raise raised

    from provenance import archive, cli, reading

    for name in ("__init__", "upgrade", "schema"):
        monkeypatch.setattr(archive.Archive, name, fail)
    monkeypatch.setattr(reading, "stream_claims", fail)  # `extract` opens no database
    monkeypatch.setattr(cli, "read_catalogue", fail)  # `quantities load` reads its file first
    article = tmp_path / "article.txt"
    article.write_text("The council said 40 homes were flooded.\n", encoding="utf-8")
    for path, command in ALL_COMMANDS:
        args = [*path, *_required(command, tmp_path)]
        if path in (("extract",), ("ingest",)):
            args.append(str(article))
        elif path == ("link",):
            args += ["1", "returned-number"]
        result = runner.invoke(app, args, input="")
        assert (result.exit_code, result.stderr) == (status, said), args
        assert isinstance(result.exception, SystemExit), args


def test_a_terminal_gets_no_colour_codes(tmp_path: Path) -> None:
    """Help, errors and usage errors are plain text on a terminal too: nothing for NO_COLOR
    to turn off (a crash's traceback, drawn by rich, honours NO_COLOR itself)."""
    import pty
    import subprocess
    import sys

    missing = str(tmp_path / "none.db")
    for args in (["--help"], ["claims", "--db", missing], ["conflicts", "--tolerance", "x"]):
        leader, follower = pty.openpty()
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
        command = [sys.executable, "-m", "provenance", *args]
        done = subprocess.run(command, stdout=follower, stderr=follower, env=env, timeout=60)
        os.close(follower)
        shown = b""
        with contextlib.suppress(OSError):
            while chunk := os.read(leader, 65536):
                shown += chunk
        os.close(leader)
        assert done.returncode in (0, 1, 2), args
        assert shown, args
        assert b"\x1b[" not in shown, args


def test_an_error_raised_while_ctrl_c_unwinds_is_reported_as_the_interrupt(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C during SQLite's BEGIN closes the connection, and what runs next fails on it:
    the user still sees one line about the interrupt and status 130, never a traceback."""

    def fail(*_: object, **__: object) -> Any:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise RuntimeError("Cannot operate on a closed database.") from None

    from provenance import archive

    monkeypatch.setattr(archive.Archive, "__init__", fail)
    result = runner.invoke(app, ["quantity", "show", "x"])
    assert (result.exit_code, result.stderr) == (
        130, "Interrupted: what was stored before stays; nothing half-written is kept.\n",
    )  # fmt: skip
