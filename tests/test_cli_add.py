"""`provenance add` and `claims --format json`: exact values and every provenance field."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from provenance.cli import app

ICCT_FIGURE = [
    "add",
    "between 3,922 and 4,294",
    "--quantity", "EU foreign fighters who travelled",
    "--counted", "foreign fighters from EU member states",
    "--stated-by", "International Centre for Counter-Terrorism (ICCT)",
    "--stated-by-kind", "organisation",
    "--outlet", "The Herald",
    "--date", "2017-09-17",
    "--url", "https://example.org/herald/returning-fighters",
    "--title", "Returning fighters",
    "--author", "A. Reporter",
    "--quote", "The ICCT puts the EU total between 3,922 and 4,294 fighters.",
    "--as-of", "2016",
    "--scope", "EU",
    "--modality", "estimate",
    "--quoted-from", "The Foreign Fighters Phenomenon in the European Union",
    "--quoted-from-by", "International Centre for Counter-Terrorism (ICCT)",
    "--topic", "foreign fighters",
]  # fmt: skip


def test_add_stores_exact_bounds_and_full_provenance(db_url: str, runner: CliRunner) -> None:
    added = runner.invoke(app, ICCT_FIGURE)
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["claims", "--format", "json"])
    assert listed.exit_code == 0
    [claim] = json.loads(listed.stdout, parse_float=Decimal)
    assert claim == {
        "id": 1,
        "figure": "between 3,922 and 4,294",
        "low": 3922,
        "high": 4294,
        "unit": "count",
        "hedge": "range",
        "quantity": "eu-foreign-fighters-who-travelled",
        "counted": "foreign fighters from EU member states",
        "stated_by": "International Centre for Counter-Terrorism",
        "stated_by_kind": "organisation",
        "role": None,
        "channel": None,
        "cue": None,
        "outlet": "The Herald",
        "published": "2017-09-17",
        "title": "Returning fighters",
        "author": "A. Reporter",
        "url": "https://example.org/herald/returning-fighters",
        "primary_source": "The Foreign Fighters Phenomenon in the European Union",
        "primary_source_by": "International Centre for Counter-Terrorism",
        "primary_source_url": None,
        "primary_source_published": None,
        "quote": "The ICCT puts the EU total between 3,922 and 4,294 fighters.",
        "as_of": "2016",
        "scope": "EU",
        "modality": "estimate",
        "topics": ["foreign fighters"],
        "status": "unreviewed",
        "rank": "normal",
        "rank_reason": None,
        "quantity_label": "EU foreign fighters who travelled",
        "document_id": 1,
        "figure_start": 27,
        "figure_end": 50,
        "origin": "hand",
        "link_origin": "person",
        "link_reason": "given by hand",
        "withdrawn_in": None,
    }


@pytest.mark.sqlite_only
def test_bounds_are_stored_as_exact_text_in_sqlite(db_url: str, runner: CliRunner) -> None:
    import sqlite3

    assert runner.invoke(app, ["add", "between 3,922 and 4,294"]).exit_code == 0
    path = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        row = connection.execute("SELECT low, high, typeof(low) FROM claim").fetchone()
    assert row == ("3922", "4294", "text")


@pytest.mark.parametrize(
    ("figure", "low", "high", "hedge", "unit"),
    [
        ("at least 250", 250, None, "at_least", "count"),
        ("roughly 10%", 10, 10, "approximately", "percent"),
        ("several dozen", 24, 99, "vague", "count"),
        ("1500-2000", 1500, 2000, "range", "count"),
        ("more than double the 150", 300, None, "more_than", "count"),
    ],
    ids=["at-least", "roughly-percent", "several-dozen", "hyphen-range", "more-than-double"],
)
def test_acceptance_figures_parse_as_described(
    db_url: str, runner: CliRunner, figure: str, low: int, high: int | None, hedge: str, unit: str
) -> None:
    result = runner.invoke(app, ["add", figure, "--format", "json"])
    assert result.exit_code == 0, result.output
    [claim] = json.loads(result.stdout)
    assert (claim["figure"], claim["low"], claim["high"], claim["hedge"], claim["unit"]) == (
        figure, low, high, hedge, unit,
    )  # fmt: skip


def test_speaker_aliases_find_the_same_agent(db_url: str, runner: CliRunner) -> None:
    runner.invoke(
        app,
        [
            "add",
            "about 1,200",
            "--stated-by",
            "International Centre for Counter-Terrorism (ICCT)",
            "--stated-by-kind",
            "organisation",
        ],
    )
    runner.invoke(app, ["add", "around 2,833", "--stated-by", "ICCT"])
    result = runner.invoke(app, ["speakers", "--format", "csv"])
    assert result.stdout.splitlines() == [
        "id,name,kind,description,aliases,roles,claims",
        "1,International Centre for Counter-Terrorism,organisation,,ICCT,,2",
    ]


def test_adding_the_same_claim_twice_stores_it_once(db_url: str, runner: CliRunner) -> None:
    args = ["add", "about 1,200", "--outlet", "The Herald", "--date", "2017-09-17"]
    assert runner.invoke(app, args).exit_code == 0
    again = runner.invoke(app, args)
    assert again.exit_code == 0
    assert again.stderr == "Claim 1 already records this figure; nothing added.\n"
    assert len(json.loads(runner.invoke(app, ["claims", "-f", "json"]).stdout)) == 1


def test_unattributed_figures_are_credited_to_the_outlet(db_url: str, runner: CliRunner) -> None:
    runner.invoke(app, ["add", "3,500", "--outlet", "The Herald", "--date", "2017-09-17"])
    [claim] = json.loads(runner.invoke(app, ["claims", "-f", "json"]).stdout)
    assert (claim["stated_by"], claim["stated_by_kind"]) == ("The Herald", "outlet")


def test_a_date_given_alone_is_kept(tmp_path: Path) -> None:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'dated.db'}"
    assert runner.invoke(app, ["init", "--db", url]).exit_code == 0
    for figure in ("about 1,200", "400"):
        added = runner.invoke(app, ["add", figure, "--date", "2017-10-24", "--db", url])
        assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["claims", "--format", "json", "--db", url])
    claims = json.loads(listed.stdout)
    assert [c["published"] for c in claims] == ["2017-10-24", "2017-10-24"]
    assert claims[0]["document_id"] != claims[1]["document_id"]  # nothing names one source
