"""A corrected article is the next version of its document: decisions stay, vanished figures
are withdrawn (kept, not compared, not cited), nothing is stored twice."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from provenance.cli import app
from provenance.versions import match_figures
from tests.support import ok, query, snapshot

HEADER = """title: Flood toll rises in the valley
outlet: Valley Courier
date: 2024-05-02
{url}---
"""
FIRST = """The flood has killed 41 people, the regional governor said on Thursday.

Rescuers have evacuated about 3,000 residents from low-lying districts, according to the fire service.

The river peaked at 6.2 metres on Wednesday night.
"""
# The correction: a toll changed, a sentence reworded around the same figure, a figure added.
SECOND = """The flood has killed 43 people, the regional governor said on Thursday.

Rescuers have so far evacuated about 3,000 residents from low-lying districts, according to the fire service.

The river peaked at 6.2 metres on Wednesday night.

At least 12 people are still missing, police said.
"""
URL = "url: https://example.org/flood-toll\n"


def _article(folder: Path, name: str, body: str, url: str = URL) -> Path:
    path = folder / name
    path.write_text(HEADER.format(url=url) + body, encoding="utf-8")
    return path


def _claims(runner: CliRunner) -> dict[str, dict[str, Any]]:
    rows = json.loads(ok(runner, "claims", "--format", "json"))
    return {row["figure"]: row for row in rows}


def test_figures_match_by_place_and_text() -> None:
    old = [("41", "killed 41."), ("3,000", "evacuated 3,000."), ("6.2 metres", "peaked.")]
    new = [("43", "killed 43."), ("3,000", "so far evacuated 3,000."), ("6.2 metres", "peaked.")]
    assert match_figures(old, new) == {1: 1, 2: 2}  # "41" became "43": another figure
    # The same number twice: each keeps its own place in the order of figures.
    twice = [("10", "a 10."), ("20", "b 20."), ("10", "c 10.")]
    assert match_figures(twice, [("10", "a 10!"), ("10", "c 10.")]) == {0: 0, 1: 2}
    assert match_figures([], [("5", "five")]) == {}


@pytest.fixture
def corrected(db_url: str, runner: CliRunner, tmp_path: Path) -> dict[str, Any]:
    """Version 1 ingested and judged by a person, then the corrected text ingested."""
    ok(runner, "quantity", "add", "Residents evacuated", "--unit", "count", "--key", "evacuated")
    ok(runner, "quantity", "add", "Flood deaths", "--unit", "count", "--key", "deaths")
    ok(runner, "ingest", str(_article(tmp_path, "v1.txt", FIRST)))
    other = _article(tmp_path, "other.txt", "The flood killed 39 people, officials said.\n", url="")
    ok(runner, "ingest", str(other), "--outlet", "Hill Times", "--title", "Toll at 39")
    before = _claims(runner)
    toll, evacuated, rival = before["41"]["id"], before["about 3,000"]["id"], before["39"]["id"]
    ok(runner, "link", str(toll), "deaths")
    ok(runner, "link", str(rival), "deaths")
    ok(runner, "link", str(evacuated), "evacuated")
    ok(runner, "review", str(toll), "accepted")
    ok(runner, "rank", str(evacuated), "preferred", "--reason", "fire service count")
    ok(runner, "conflicts", "resolve", f"{min(toll, rival)}-{max(toll, rival)}", "--as",
       "explained", "--note", "counted on different days")  # fmt: skip
    result = runner.invoke(app, ["ingest", str(_article(tmp_path, "v2.txt", SECOND))])
    assert result.exit_code == 0, result.output
    return {"before": before, "result": result, "db": db_url, "folder": tmp_path}


def test_a_corrected_article_is_a_new_version_that_keeps_decisions(
    corrected: dict[str, Any], runner: CliRunner
) -> None:
    result, before = corrected["result"], corrected["before"]
    assert result.stderr.splitlines()[-1] + "\n" == (
        "Ingested 0 documents, 2 claims, 1 linked to quantities (1 stored as new versions of "
        "documents, keeping 2 claims and withdrawing 1; 0 skipped as already stored, 0 failed)\n"
    )
    assert "v2.txt is version 2 of document 1: 2 claims kept, 1 withdrawn, 2 new" in result.stderr
    url = corrected["db"]
    assert query(url, "SELECT id, version FROM document WHERE url IS NOT NULL") == [(1, 2)]
    assert query(url, "SELECT document_id, number FROM document_version") == [(1, 1)]
    after = _claims(runner)
    kept = after["about 3,000"]
    assert kept["id"] == before["about 3,000"]["id"]
    assert (kept["quantity"], kept["link_origin"], kept["rank"]) == (
        "evacuated", "person", "preferred",
    )  # fmt: skip
    assert kept["quote"].startswith("Rescuers have so far evacuated")
    assert kept["withdrawn_in"] is None
    gone = after["41"]
    assert (gone["id"], gone["withdrawn_in"], gone["status"]) == (
        before["41"]["id"], 2, "accepted",
    )  # fmt: skip
    assert {"43", "At least 12"} <= after.keys()
    # The person's decision on the withdrawn figure's pair is kept, not deleted.
    assert len(query(url, "SELECT * FROM conflict_decision")) == 1


def test_a_withdrawn_figure_is_shown_but_not_compared_or_cited(
    corrected: dict[str, Any], runner: CliRunner
) -> None:
    gone = str(corrected["before"]["41"]["id"])
    shown = ok(runner, "show", gone)
    assert "withdrawn        not in version 2 of the article; the quote is from version 1" in shown
    assert "version          1 (replaced)" in shown
    assert "version          2 (current)" in shown
    assert '"The flood has killed 41 people' in shown
    assert "41 (withdrawn in v2)" in ok(runner, "claims")
    ok(runner, "link", str(_claims(runner)["43"]["id"]), "deaths")
    conflicts = json.loads(ok(runner, "conflicts", "--format", "json"))
    compared = {f["figure"] for q in conflicts for f in q["figures"]}
    assert compared == {"43", "39"}  # not the withdrawn 41
    result = runner.invoke(app, ["export", "--format", "json"])
    assert int(gone) not in {row["claim"] for row in json.loads(result.stdout)}
    assert "Left out 1 deprecated, rejected or withdrawn claim" in result.stderr
    cited = json.loads(ok(runner, "export", "--format", "json", "--include-deprecated"))
    standing = {row["claim"]: row["standing"] for row in cited}
    assert standing[int(gone)] == "withdrawn: not in version 2 of the article; accepted"


def test_an_old_or_the_same_text_again_changes_nothing(
    corrected: dict[str, Any], runner: CliRunner
) -> None:
    url, folder = corrected["db"], corrected["folder"]
    before = snapshot(url)
    for name in ("v1.txt", "v2.txt"):
        again = runner.invoke(app, ["ingest", str(folder / name)])
        assert "(1 skipped as already stored, 0 failed)" in again.stderr
    assert snapshot(url) == before


def test_without_a_url_outlet_title_and_date_name_the_article(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    ok(runner, "ingest", str(_article(tmp_path, "a.txt", FIRST, url="")))
    out = runner.invoke(app, ["ingest", str(_article(tmp_path, "b.txt", SECOND, url=""))])
    assert "1 stored as new versions" in out.stderr
    assert query(db_url, "SELECT count(*), max(version) FROM document") == [(1, 2)]
    # Another outlet's article of the same title and day is another document.
    third = _article(tmp_path, "c.txt", SECOND.replace("43", "44"), url="")
    ok(runner, "ingest", str(third), "--outlet", "Hill Times")
    assert query(db_url, "SELECT count(*) FROM document") == [(2,)]


def test_one_url_given_to_a_batch_does_not_make_its_files_versions(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    _article(folder, "a.txt", FIRST, url="")
    _article(folder, "b.txt", SECOND, url="")
    out = runner.invoke(app, ["ingest", str(folder), "--url", "https://example.org/all"])
    assert out.stderr.startswith("Ingested 2 documents"), out.output
    assert query(db_url, "SELECT count(*) FROM document_version") == [(0,)]
