"""`from provenance import Archive`: the README's example as written, and each verb's contract."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path
from typing import Any

import pytest

from provenance import Archive
from provenance.errors import ProvenanceError
from provenance.output import to_json
from provenance.records import ClaimInput, QuantityInput
from tests.support import query

ROOT = Path(__file__).resolve().parent.parent


def _readme_example() -> tuple[str, str]:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Python API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    output = re.search(r"```text\n(.*?)```", section, re.S)
    assert code is not None
    assert output is not None
    return code[1], output[1]


def test_the_readme_example_runs_and_prints_what_the_readme_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, expected = _readme_example()
    (tmp_path / "data").symlink_to(ROOT / "data")
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})  # the README's own example
    assert printed.getvalue() == expected


def test_each_verb_returns_records_that_outlive_the_transaction(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db", create=True) as archive:
        added = archive.add(
            ClaimInput(
                figure="between 400 and 600",
                stated_by="Nathalie Goulet",
                outlet="BuzzFeed News",
                published="2016-03-25",
            )
        )
        assert archive.claim(added.id).claim.figure == "between 400 and 600"
        assert [s.name for s in archive.speakers()] == ["BuzzFeed News", "Nathalie Goulet"]
        assert [d.outlet for d in archive.sources()] == ["BuzzFeed News"]
        assert archive.quantities() == []
        assert archive.link().linked == 0
        assert archive.conflicts().results == []
    with Archive(tmp_path / "a.db") as again:  # opened as it was left
        assert [c.figure for c in again.claims()] == ["between 400 and 600"]


def test_bad_input_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    with pytest.raises(ProvenanceError, match="no database at"):
        Archive(tmp_path / "missing.db")
    with Archive(tmp_path / "b.db", create=True) as archive:
        with pytest.raises(ProvenanceError, match="tolerance must be between 0 and 1"):
            archive.conflicts(tolerance="150%")
        with pytest.raises(ProvenanceError):
            archive.add(ClaimInput(figure="no figure here"))
        with pytest.raises(
            ProvenanceError, match="not a format citations are written in: 'bibtext'"
        ):
            archive.export("bibtext")
        unreadable = tmp_path / "gone.txt"
        report = archive.ingest([unreadable])
        assert report.documents == 0
        assert len(report.failures) == 1
        assert str(unreadable) in report.failures[0]
        assert archive.claims() == []


def test_the_database_may_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROVENANCE_DB", os.fspath(tmp_path / "env.db"))
    with Archive(create=True) as archive:
        assert "env.db" in repr(archive)
    assert (tmp_path / "env.db").exists()


def test_the_catalogue_linking_and_review_verbs(tmp_path: Path) -> None:
    """Every verb the command line has, on the Archive; what each returns is still readable
    once the database is closed."""
    with Archive(tmp_path / "c.db", create=True) as archive:
        loaded = archive.load_catalogue(ROOT / "data" / "foreign-fighters.toml")
        imported = archive.import_file(ROOT / "data" / "foreign-fighters.json")
        goulet = archive.claims(speaker="Goulet")[0]
        ranked = archive.rank(goulet.id, "preferred")
        reviewed = archive.review(goulet.id, "accepted")
        unlinked = archive.unlink(goulet.id)
        relinked = archive.link_claim(goulet.id, "returned-number")
        suggestions = archive.suggest(goulet.id)
        defined = archive.define(QuantityInput("Britons who came back", "count", terms=("UK",)))
        renamed = archive.rename(defined.key, label="UK returnees")
        split = archive.split("returned-number", [goulet.id], label="Goulet's estimate")
        merged = archive.merge(split.key, "returned-number")
        aliased, relinking = archive.alias("returned-number", ["made it home"])
        detail = archive.quantity("returned-number")
        catalogue = archive.catalogue(topic="foreign fighters")
        report = archive.conflicts()
        pair = report.results[0].comparison.disagreements[0]
        decided = archive.resolve(f"{pair.lower}-{pair.upper}", "explained", "different years")
        comparison = archive.comparison("returned-number")
        page = archive.report()
        check = archive.check()
        backup = archive.backup()
        selection = archive.citations(speaker="Goulet")
        every = archive.claims()
    assert loaded.added > 0
    assert imported.summary is not None
    assert imported.summary.added > 0
    assert (ranked.rank.value, reviewed.status.value) == ("preferred", "accepted")
    assert (unlinked.quantity, relinked.quantity) == (None, "returned-number")
    assert suggestions
    assert suggestions[0].quantity == "returned-number"
    assert (defined.label, renamed.label, renamed.key) == (
        "Britons who came back", "UK returnees", defined.key,
    )  # fmt: skip
    assert split.claims == 1
    assert merged.key == "returned-number"
    assert "made it home" in aliased.terms
    assert relinking.decided_by_person > 0  # imported claims name their quantity
    assert goulet.id in {c.id for c in detail.claims}
    assert "[[quantity]]" in catalogue
    assert decided.decision.value == "explained"
    assert len(comparison.claims) >= 2
    assert page.html.startswith("<!DOCTYPE html>")
    assert page.quantities > 0
    assert check.ok
    assert check.bounds_off == ()
    assert [c.claim.stated_by for c in selection.citations.cited] == ["Nathalie Goulet"]
    assert len(backup["tables"]["claim"]["rows"]) == len(every)
    with Archive(tmp_path / "restored.db", create=True) as other:
        path = tmp_path / "backup.json"
        path.write_text(to_json(backup), encoding="utf-8")
        restored = other.import_file(path)
        assert restored.restored is not None
        assert restored.restored["claim"] == len(backup["tables"]["claim"]["rows"])
        assert [c.id for c in other.claims()] == [c.id for c in every]


def test_extract_needs_no_database_and_names_what_it_cannot_read(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The council said 40 homes were flooded.\n", encoding="utf-8")
    found = list(Archive.extract([article, tmp_path / "gone.txt"]))
    name, claim = found[0]
    assert not isinstance(claim, str)
    assert (name, claim.figure, claim.stated_by) == (str(article), "40", "council")
    assert found[1][0] == str(tmp_path / "gone.txt")
    assert isinstance(found[1][1], str)
    assert "gone.txt" in found[1][1]
    assert not list(tmp_path.glob("*.db"))


def test_a_batch_looks_each_speaker_up_once_and_forgets_those_of_a_rolled_back_article(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over a batch, a speaker stored by one article is used, not looked up by name, by the
    next. An article rolled back (its savepoint, once it was written) stored no speaker: a
    later article quoting the same name is not given the agent that took the rolled-back one's
    id."""
    from sqlalchemy import Engine, event

    from provenance import store

    texts = [
        "Ines Kovac said 12 ferries failed.",
        "Xavier Ruiz said 40 buses were late.",  # this one is rolled back
        "Yolanda Pike said 7 schools closed.",
        "Xavier Ruiz said 41 buses were late.",
        "Ines Kovac said 13 ferries failed.",
        "Ines Kovac said 14 ferries failed.",
    ]
    names = []
    for n, text in enumerate(texts):
        path = tmp_path / f"{n}.txt"
        path.write_text(f"outlet: The Courier\ndate: 2019-05-0{n + 1}\n---\n{text}\n", "utf-8")
        names.append(str(path))
    lookups = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "lower(agent.name)" in statement:
            lookups.append(statement)

    ingest_document = store.ingest_document

    def fail_the_second(session: Any, article: Any, *args: Any, **kwargs: Any) -> Any:
        result = ingest_document(session, article, *args, **kwargs)  # its speaker stored
        if "40 buses" in article.source.text:
            raise ProvenanceError("rolled back on purpose")
        return result

    monkeypatch.setattr(store, "ingest_document", fail_the_second)
    event.listen(Engine, "before_cursor_execute", count)
    try:
        with Archive(db_url) as archive:
            outcomes = list(archive.ingest_each(names, workers=1))
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    assert [isinstance(outcome, str) for _, outcome in outcomes] == [False, True] + [False] * 4
    with Archive(db_url) as archive:
        said = {claim.figure: claim.stated_by for claim in archive.claims()}
    assert said == {"12": "Ines Kovac", "7": "Yolanda Pike", "41": "Xavier Ruiz",
                    "13": "Ines Kovac", "14": "Ines Kovac"}  # fmt: skip
    # The group is first written straight through, which fails at the second article (The
    # Courier, Ines Kovac, Xavier Ruiz: 3 lookups), then again with a savepoint an article:
    # The Courier and Ines Kovac once each; Xavier Ruiz twice (his first article rolled back);
    # Yolanda Pike once.
    assert len(lookups) == 3 + 5


def test_a_group_loads_the_speakers_earlier_groups_stored_together(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Speakers an earlier group of the run stored are loaded for a whole group of articles in
    one query (with one for their aliases), not by each article that meets them first."""
    from sqlalchemy import Engine, event

    import provenance.archive

    monkeypatch.setattr(provenance.archive, "GROUP_ARTICLES", 4)
    people = ["Ines Kovac", "Tomas Reyes", "Yolanda Pike", "Xavier Ruiz"]
    names = []
    for batch in ("first", "second"):
        for n, person in enumerate(people):
            path = tmp_path / f"{batch}-{n}.txt"
            path.write_text(
                f"outlet: Courier {n}\ndate: 2019-05-0{n + 1}\n---\n"
                f"{person} said {40 + n} ferries failed in the {batch} week.\n",
                "utf-8",
            )
            names.append(str(path))
    loads: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "FROM agent" in statement and "agent.id IN" in statement:
            loads.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        with Archive(db_url) as archive:
            # read by a worker process, as an ingest's articles are: their figures are found
            # before the group is written
            outcomes = list(archive.ingest_each(names, workers=2))
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    assert not any(isinstance(o, str) for _, o in outcomes)
    assert len(loads) == 1  # the second group's four outlets and four speakers, together
    with Archive(db_url) as archive:
        said = sorted((claim.figure, claim.stated_by) for claim in archive.claims())
    assert said == sorted([(str(40 + n), p) for n, p in enumerate(people)] * 2)


def test_a_group_writes_its_articles_claims_together(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A group's new claims go in together (one COPY on PostgreSQL, two round trips), not an
    article at a time; an article printed twice in the group is still found stored, with its
    claims counted."""
    from provenance.store import writes

    names = []
    for n in range(4):
        path = tmp_path / f"{n}.txt"
        path.write_text(f"date: 2019-05-0{n + 1}\n---\nInspectors said {40 + n} ferries failed.\n")
        names.append(str(path))
    again = tmp_path / "again.txt"
    again.write_text((tmp_path / "0.txt").read_text())
    names.append(str(again))
    writes_of: list[int] = []
    insert_claims = writes._insert_claims
    monkeypatch.setattr(
        writes,
        "_insert_claims",
        lambda c, rows: (writes_of.append(len(rows)), insert_claims(c, rows)),
    )
    with Archive(db_url) as archive:
        outcomes = list(archive.ingest_each(names, workers=1))
    # the repeat is found once the claims before it are written: they wait no longer
    assert writes_of == [4]
    repeat = outcomes[-1][1]
    assert not isinstance(repeat, str)
    assert repeat.skipped
    assert repeat.claims == 1
    with Archive(db_url) as archive:
        assert sorted(claim.figure for claim in archive.claims()) == ["40", "41", "42", "43"]


def test_a_group_is_written_straight_through_unless_an_article_fails(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A group of articles takes no savepoint an article (two round trips each to a server)
    while none fails; when one does, the group is written again, each article in a savepoint,
    and only that one is left out."""
    from sqlalchemy import Engine, event

    from provenance import store

    names = []
    for n in range(4):
        path = tmp_path / f"{n}.txt"
        path.write_text(f"date: 2019-05-0{n + 1}\n---\nInspectors said {40 + n} ferries failed.\n")
        names.append(str(path))
    savepoints: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.startswith("SAVEPOINT"):
            savepoints.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        with Archive(db_url) as archive:
            outcomes = list(archive.ingest_each(names[:2], workers=1))
        assert [isinstance(o, str) for _, o in outcomes] == [False, False]
        assert savepoints == []
        ingest_document = store.ingest_document

        def fail_one(session: Any, article: Any, *args: Any, **kwargs: Any) -> Any:
            result = ingest_document(session, article, *args, **kwargs)
            if "42 ferries" in article.source.text:
                raise ProvenanceError("rolled back on purpose")
            return result

        monkeypatch.setattr(store, "ingest_document", fail_one)
        with Archive(db_url) as archive:
            outcomes = list(archive.ingest_each(names[2:], workers=1))
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    assert [o if isinstance(o, str) else "stored" for _, o in outcomes] == [
        "rolled back on purpose",
        "stored",
    ]
    assert len(savepoints) == 2  # the careful second writing: one an article
    with Archive(db_url) as archive:
        assert sorted(claim.figure for claim in archive.claims()) == ["40", "41", "43"]


def test_a_long_batch_writes_through_a_fresh_connection_now_and_then(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every RECONNECT_EVERY articles the batch closes its connections (a SQLite connection's
    memory grows with what it wrote) and goes on with a new one, storing everything."""
    import provenance.archive

    monkeypatch.setattr(provenance.archive, "RECONNECT_EVERY", 2)
    monkeypatch.setattr(provenance.archive, "GROUP_ARTICLES", 1)  # a commit each
    names = []
    for n in range(5):
        path = tmp_path / f"{n}.txt"
        path.write_text(f"date: 2019-05-0{n + 1}\n---\nInspectors said {40 + n} ferries failed.\n")
        names.append(path)
    with Archive(db_url) as archive:
        disposed = []
        dispose = archive._db.engine.dispose
        monkeypatch.setattr(archive._db.engine, "dispose", lambda: disposed.append(dispose()))
        report = archive.ingest(names, workers=1)
        figures = sorted(claim.figure for claim in archive.claims())
    assert (report.documents, len(report.failures), len(disposed)) == (5, 0, 2)
    assert figures == ["40", "41", "42", "43", "44"]


def test_a_batch_reads_the_catalogue_once_and_weighs_each_figure_against_those_linked_before(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within one transaction of a batch, the catalogue is read once; a figure a hundredfold
    away from one an earlier article of the batch linked is still kept out, as it would be
    with the catalogue read again."""
    from provenance.store import linkage

    catalogue = tmp_path / "catalogue.toml"
    catalogue.write_text(
        '[[quantity]]\nkey = "ferries-failed"\nlabel = "Ferries that failed the check"\n'
        'unit = "count"\nterms = ["ferries failed", "failed the check"]\n',
        encoding="utf-8",
    )
    names = []
    for n, figure in enumerate(["12", "14", "5,000", "13"]):
        path = tmp_path / f"{n}.txt"
        path.write_text(
            f"outlet: The Courier\ndate: 2019-05-0{n + 1}\n---\n"
            f"Inspectors said {figure} ferries failed the check.\n",
            encoding="utf-8",
        )
        names.append(str(path))
    reads = []
    read = linkage._catalogue

    def counted(session: Any) -> Any:
        reads.append(session)
        return read(session)

    with Archive(db_url) as archive:
        archive.load_catalogue(catalogue)
        monkeypatch.setattr(linkage, "_catalogue", counted)
        outcomes = list(archive.ingest_each(names, workers=1))
        linked = {c.figure: c.quantity for c in archive.claims()}
    assert all(not isinstance(outcome, str) for _, outcome in outcomes)
    assert linked == {"12": "ferries-failed", "14": "ferries-failed", "5,000": None,
                      "13": "ferries-failed"}  # fmt: skip
    assert len(reads) == 1  # one transaction, one read


def test_claims_go_in_with_copy_on_postgresql_and_insert_on_sqlite(
    db_url: str, tmp_path: Path
) -> None:
    """On PostgreSQL an article's claims are streamed in with COPY (psycopg would send an
    INSERT a row), with what INSERT fills in (their times); on SQLite, one INSERT."""
    from sqlalchemy import Engine, event

    path = tmp_path / "a.txt"
    path.write_text(
        "outlet: The Courier\ndate: 2019-05-01\n---\n"
        "Inspectors said 12 ferries failed the check and 40% of buses were late.\n",
        encoding="utf-8",
    )
    inserts = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO CLAIM "):
            inserts.append(statement)

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        with Archive(db_url) as archive:
            archive.ingest([path], workers=1)
            claims = archive.claims()
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
    assert sorted(c.figure for c in claims) == ["12", "40%"]
    assert bool(inserts) == db_url.startswith("sqlite")
    created = query(db_url, "SELECT count(*) FROM claim WHERE created_at IS NOT NULL")
    assert created == [(2,)]


def test_a_batch_looks_its_articles_up_together_and_still_knows_a_repeat(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A group's articles are looked up in one query each for texts, URLs and titles: a new
    article costs no lookup of its own. One the group already wrote (the same text twice in
    one batch), or the database holds, is still found and skipped."""
    from provenance.store import writes

    names = []
    for n in range(4):
        path = tmp_path / f"{n}.txt"
        path.write_text(
            f"title: Ferries {n}\noutlet: The Courier\ndate: 2019-05-0{n + 1}\n---\n"
            f"Inspectors said {40 + n} ferries failed.\n",
            encoding="utf-8",
        )
        names.append(str(path))
    repeat = tmp_path / "repeat.txt"
    repeat.write_text(Path(names[1]).read_text(encoding="utf-8"), encoding="utf-8")
    looked: list[str] = []
    holding, same = writes._holding_text, writes._same_article
    monkeypatch.setattr(writes, "_holding_text", lambda s, h: looked.append(h) or holding(s, h))
    monkeypatch.setattr(
        writes, "_same_article", lambda s, a, *r: looked.append(a.title) or same(s, a, *r)
    )
    with Archive(db_url) as archive:
        report = archive.ingest([*names, str(repeat)], workers=1)
        assert [r.skipped for r in report.results] == [False] * 4 + [True]
        assert len(looked) == 1  # the repeat's text, found: no other lookup
        again = archive.ingest(names[:2], workers=1)
    assert [r.skipped for r in again.results] == [True, True]


def test_a_listing_of_conflicts_reads_one_snapshot_while_another_command_merges(
    db_url: str,
) -> None:
    """`conflicts` ranks the quantities, then reads each one's records in later queries: a
    quantity another command merges away between the two is shown as it was, not half read
    (on PostgreSQL a CI drill once found it gone: KeyError)."""
    with Archive(db_url) as archive:
        archive.load_catalogue(ROOT / "data" / "foreign-fighters.toml")
        archive.import_file(ROOT / "data" / "foreign-fighters.json")
        goulet = archive.claims(speaker="Goulet")[0]
        split = archive.split("returned-number", [goulet.id], label="Goulet's estimate")
        archive.link_claim(archive.claims(speaker="Goulet")[0].id, split.key)
        before = {r.quantity.key for r in archive.conflicts().results}
        with archive.comparing() as report, Archive(db_url) as other:
            other.merge("returned-number", split.key)  # committed while the listing reads
            shown = {r.quantity.key for r in report.results}
        assert shown == before
        assert "returned-number" not in {r.quantity.key for r in archive.conflicts().results}
