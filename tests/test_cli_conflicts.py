"""The disagreement report: explanations, the window, same origin, and people's decisions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from provenance.cli import app
from tests.support import ok

ROOT = Path(__file__).resolve().parent.parent


def _report(runner: CliRunner, *args: str) -> dict[str, dict[str, object]]:
    return {
        q["quantity"]["key"]: q for q in json.loads(ok(runner, "conflicts", "-f", "json", *args))
    }


def test_a_year_apart_is_a_change_over_time(ingested: str, runner: CliRunner) -> None:
    report = _report(runner)
    [share] = report["returned-share"]["disagreements"]
    assert (share["pair"], share["verdict"], share["months_apart"]) == (
        "3-10",
        "change over time",
        12.2,
    )
    assert report["returned-share"]["contradictions"] == 0
    assert report["returned-share"]["independent_sources"] == 2
    wide = _report(runner, "--window", "24")
    assert [d["verdict"] for d in wide["returned-number"]["disagreements"]] == [
        "contradiction",
        "contradiction",
    ]


def test_europe_and_the_eu_are_one_place_in_news_prose(ingested: str, runner: CliRunner) -> None:
    """News writes "Europe" for the EU's members: with no member of its own for the EU, the
    ICCT's EU total joins Europe's, overlaps BuzzFeed's range, and agrees with it rather than
    being called a difference of scope."""
    report = _report(runner)
    travelled = report["travelled-total"]
    assert travelled["agree"] is True
    claims = json.loads(ok(runner, "claims", "--quantity", "travelled-total", "-f", "json"))
    assert [(c["figure"], c["scope"]) for c in claims] == [
        ("Between 4,000 and 6,000", "Europe"),
        ("between 3,922 and 4,294", "EU"),
    ]
    proposed = json.loads(ok(runner, "quantities", "--proposed", "-f", "json"))
    assert "travelled-total-eu" not in {q["key"] for q in proposed}


def test_one_report_quoted_twice_is_one_source(db_url: str, runner: CliRunner) -> None:
    common = ["--quantity", "returned-number", "--quoted-from", "Returning fighters, 2017 edition",
              "--quoted-from-by", "Example Institute", "--stated-by", "Example Institute",
              "--stated-by-kind", "organisation", "--as-of", "2017"]  # fmt: skip
    ok(
        runner,
        "add",
        "about 1,200",
        "--outlet",
        "The Example Post",
        "--date",
        "2017-05-01",
        *common,
    )
    ok(runner, "add", "2,100", "--outlet", "The Example Times", "--date", "2017-05-02", *common)
    [result] = json.loads(ok(runner, "conflicts", "-f", "json"))
    assert [d["verdict"] for d in result["disagreements"]] == ["same origin"]
    assert result["independent_sources"] == 1


def test_resolving_hides_until_asked(ingested: str, runner: CliRunner) -> None:
    assert ok(
        runner, "conflicts", "resolve", "11-4", "--as", "explained", "--note", "two different years"
    ) == ("Pair 4-11 resolved as explained\n")
    number = _report(runner)["returned-number"]
    assert [d["pair"] for d in number["disagreements"]] == ["1-11"]
    assert number["resolved_hidden"] == 1
    shown = _report(runner, "--all")["returned-number"]["disagreements"]
    assert shown[0]["decision"]["note"] == "two different years"
    assert "(1 resolved, shown with --all)" in ok(
        runner, "conflicts", "--quantity", "returned-number"
    )
    ok(runner, "conflicts", "resolve", "4-11", "--as", "real")  # a new judgement replaces it
    assert (
        _report(runner, "--all")["returned-number"]["disagreements"][0]["decision"]["decision"]
        == "real"
    )
    ok(runner, "ingest", str(ROOT / "data" / "articles"))
    ok(runner, "link", "--auto")
    assert _report(runner)["returned-number"]["resolved_hidden"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["4:11", "--as", "explained"],
            "Error: not a pair of claims: '4:11' (expected ids like 4-11)\n",
        ),
        (["4-99", "--as", "explained"], "Error: no claim with id 99\n"),
        (
            ["4-8", "--as", "explained"],
            "Error: claims 4 and 8 are not two figures of one quantity\n",
        ),
        (
            ["4-11", "--as", "wrong"],
            "Error: unknown decision 'wrong' (expected one of: explained, error, duplicate, real)\n",
        ),
    ],
    ids=["bad-pair", "unknown-claim", "other-quantities", "unknown-decision"],
)
def test_bad_resolutions(ingested: str, runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["conflicts", "resolve", *args])
    assert (result.exit_code, result.stderr) == (1, message)


def test_arithmetic_from_the_articles(ingested: str, runner: CliRunner) -> None:
    number = _report(runner, "--quantity", "returned-number")["returned-number"]
    checks = [(c["relation"]["kind"], c["check"]["inputs"], c["check"]["low"], c["check"]["high"],
               c["check"]["against"], c["consistent"]) for c in number["arithmetic"]]  # fmt: skip
    assert checks == [
        ("product", [3, 2], 400, 600, [[1, True], [4, True]], True),
        ("product", [10, 8], 1176.6, 1288.2, [[11, True]], True),
        # 3,500 (UK) counts those who never travelled: it is that quantity's, not a total of
        # those who went, so no share is multiplied by it.
        ("part", [20], 400, 400, [[11, True]], True),
    ]
    text = ok(runner, "conflicts", "--quantity", "returned-number")
    assert (
        "#3 roughly 10% x #2 Between 4,000 and 6,000 = 400–600 (BuzzFeed News 2016-03-25): " in text
    )


def test_inconsistent_arithmetic_is_reported_first(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    ok(runner, "quantities", "load", str(ROOT / "data" / "foreign-fighters.toml"))
    article = tmp_path / "wire.txt"
    article.write_text(
        "outlet: Example Wire\ndate: 2018-02-01\n---\n"
        "Some 5,000 people from European countries have travelled to fight in Syria. "
        "Of those, roughly 20% are believed to have come back. "
        "Officials say 150 returning fighters are under watch.\n",
        encoding="utf-8",
    )
    ok(runner, "ingest", str(article))
    [first, *_] = json.loads(ok(runner, "conflicts", "-f", "json"))
    assert first["quantity"]["key"] == "returned-number"
    [check] = first["arithmetic"]
    assert (check["check"]["low"], check["check"]["high"], check["consistent"]) == (
        1000,
        1000,
        False,
    )
    text = ok(runner, "conflicts")
    assert "1 arithmetic inconsistent" in text.splitlines()[0]
    assert "INCONSISTENT with #3 150" in text


def test_plot_draws_each_figure(ingested: str, runner: CliRunner, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    svg = tmp_path / "returned.svg"
    wrote = runner.invoke(app, ["plot", "returned-number", "--out", str(svg)])
    assert (wrote.exit_code, wrote.stdout, wrote.stderr) == (0, "", f"Wrote {svg} (3 figures)\n")
    text = svg.read_text(encoding="utf-8")
    ET.fromstring(text)  # well-formed SVG
    for label in ("#1 hundreds", "#4 between 400 and 600", "#11 about 1,200", "Nathalie Goulet"):
        assert label in text
    png = tmp_path / "returned.png"
    ok(runner, "plot", "returned-share", "--out", str(png))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["female-share", "--out", "chart.png"],
            "Error: quantity 'female-share' has fewer than two figures to compare\n",
        ),
        (
            ["nothing", "--out", "chart.png"],
            "Error: no quantity 'nothing' (see `provenance quantities`)\n",
        ),
    ],
    ids=["one-figure", "unknown"],  # a .pdf is a usage error: test_cli_errors.py
)
def test_bad_plots(ingested: str, runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["plot", *args])
    assert (result.exit_code, result.stderr) == (1, message)


def test_a_quantity_of_many_figures_lists_the_worst_pairs_and_counts_the_rest(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    ok(runner, "quantity", "add", "Crowd at the march", "--unit", "count", "--key", "crowd")
    rows = ["figure,quantity,outlet,published"]
    rows += [f"{1000 * 2**i},crowd,Paper {i},2024-01-0{1 + i % 3}" for i in range(12)]
    claims = tmp_path / "many.csv"
    claims.write_text("\n".join(rows) + "\n", encoding="utf-8")
    ok(runner, "import", str(claims))
    text = ok(runner, "conflicts", "--quantity", "crowd")
    pairs = [line for line in text.splitlines() if line.startswith("  [")]
    assert len(pairs) == 20  # of 66 disagreeing pairs
    assert "  ... and 46 more pairs, less severe (`--format json` lists every pair)" in text
    assert "and 6 more" in text  # each figure contradicts 11 others: five named, the rest counted
    listed = json.loads(ok(runner, "conflicts", "--quantity", "crowd", "--format", "json"))
    assert len(listed[0]["disagreements"]) == 66


def test_a_rounding_agrees_with_what_it_rounds_and_a_round_number_does_not(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    """ "5.3 million" is 5,343,358 written to the hundred thousand, and 43% is 43.03%: no
    conflict. "5 million" is a round number, not 4,848,723 rounded (a rounding stands for at
    most 1% either side), and 19 and 20 still differ."""
    ok(runner, "quantity", "add", "Electorate", "--unit", "count", "--key", "electorate")
    ok(runner, "quantity", "add", "Turnout", "--unit", "percent", "--key", "turnout")
    ok(runner, "quantity", "add", "Deaths", "--unit", "count", "--key", "deaths")
    rows = ["figure,quantity,outlet,published"]
    pairs = [("5.3 million", "5,343,358", "electorate"), ("43%", "43.03%", "turnout"),
             ("19", "20", "deaths")]  # fmt: skip
    for i, (one, other, key) in enumerate(pairs):
        rows += [
            f'"{one}",{key},Paper A,2024-01-0{i + 1}',
            f'"{other}",{key},Paper B,2024-01-0{i + 1}',
        ]
    claims = tmp_path / "rounded.csv"
    claims.write_text("\n".join(rows) + "\n", encoding="utf-8")
    ok(runner, "import", str(claims))
    report = _report(runner)
    assert report["electorate"]["disagreements"] == []
    assert report["turnout"]["disagreements"] == []
    assert len(report["deaths"]["disagreements"]) == 1
    ok(runner, "add", "5 million", "--quantity", "electorate", "--outlet", "Paper C",
       "--date", "2024-01-01")  # fmt: skip
    ok(runner, "add", "4,848,723", "--quantity", "electorate", "--outlet", "Paper D",
       "--date", "2024-01-01")  # fmt: skip
    assert len(_report(runner)["electorate"]["disagreements"]) >= 1
