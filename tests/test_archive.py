"""`from provenance import Archive`: the README's example as written, and each verb's contract."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

from provenance import Archive
from provenance.errors import ProvenanceError
from provenance.records import ClaimInput

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
        with pytest.raises(ProvenanceError, match="unknown export format 'bibtext'"):
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
