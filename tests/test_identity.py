"""Quantity identity: place, subgroups, magnitude, running totals, reprints and proposals,
each pinned with a small article or figure of our own."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from provenance.conflicts import Explanation, Figure, compare_figures
from provenance.extract.context import scope_of
from provenance.figures import Hedge
from provenance.linking import ClaimText, Profile, decide, proposal_label
from provenance.places import find_places, nests
from tests.support import ok

CATALOGUE = """
[[quantity]]
key = "deaths"
label = "People killed in the earthquake"
unit = "count"
places = ["Turkey", "Syria"]
topics = ["quake"]
terms = ["killed", "died", "dead", "death toll"]
cumulative = true
window_months = 0.25
"""


@pytest.mark.parametrize(
    ("sentence", "figure", "place"),
    [
        ("Some 1,700 French citizens have gone to fight.", "1,700", "France"),
        ("French Senator Nathalie Goulet said 400 had returned.", "400", None),
        ("In the UK alone, 3,500 people have never travelled to the Middle East.", "3,500",
         "United Kingdom"),
        ("The quake killed 5,894 people in Turkey, while Syria reported 1,932.", "1,932", "Syria"),
        ("Fighters from more than 120 countries, some 40,000 in all, joined.", "40,000", "World"),
        ("In Paris, police counted 80,000 marchers.", "80,000", "Paris"),
    ],
)  # fmt: skip
def test_place_read_from_the_sentence(sentence: str, figure: str, place: str | None) -> None:
    start = sentence.index(figure)
    assert scope_of(None, sentence, start, start + len(figure)) == place


def test_places_nest_but_differ() -> None:
    assert nests("Paris", "France")
    assert nests("France", "EU")
    assert nests("EU", "Europe")
    assert not nests("Europe", "EU")
    assert [f.name for f in find_places("EU nationals and Europeans")] == ["EU", "Europe"]


def _member(key: str, place: str) -> Profile:
    return Profile(key, "count", ("killed",), key, family="deaths", place=place)


def test_a_figure_for_a_place_without_a_member_is_proposed_one() -> None:
    turkey = _member("deaths-turkey", "Turkey")
    claim = ClaimText(1, "count", "people killed in Lebanon", "12 people killed", place="Lebanon")
    decided = decide(claim, [turkey])
    assert (decided.key, decided.family, decided.place) == (None, "deaths", "Lebanon")


def test_a_part_of_a_stated_whole_and_an_outsized_figure_are_not_linked() -> None:
    turkey = Profile(
        "deaths-turkey", "count", ("killed",), "k", family="deaths", place="Turkey",
        observed=(5000.0, 8000.0),
    )  # fmt: skip
    sentence = "Two of the 19 people killed were children."
    part = ClaimText(1, "count", "of the 19 people killed", sentence, place="Turkey", value=2,
                     figure_end=3)  # fmt: skip
    assert decide(part, [turkey]).reasons[-1] == "a part of a stated whole"
    small = ClaimText(2, "count", "people killed", "Seven people killed.", place="Turkey", value=7)
    assert "is far from its other figures" in decide(small, [turkey]).reasons[-1]


def _dated(i: int, value: int, day: int, **extra: object) -> Figure:
    when = (date(2023, 2, day), date(2023, 2, day))
    return Figure(i, Decimal(value), Decimal(value), Hedge.EXACT, when, **extra)  # type: ignore[arg-type]


def test_a_running_total_reported_lower_later_is_a_contradiction() -> None:
    fell = compare_figures([_dated(1, 5000, 8), _dated(2, 4800, 9)], cumulative=True)
    [d] = fell.disagreements
    assert (d.verdict, d.note) == ("contradiction", "a running total reported lower later")
    grew = compare_figures([_dated(1, 4800, 8), _dated(2, 5000, 9)], cumulative=True)
    assert grew.disagreements[0].explanation is Explanation.CHANGE_OVER_TIME


def test_one_sentence_printed_twice_is_one_origin() -> None:
    a = _dated(1, 135, 5, source="agent 1", document=1,
               quote="Officials said 135 people were killed in the blast on Tuesday.")  # fmt: skip
    b = _dated(2, 153, 5, source="agent 2", document=2,
               quote="Officials said 153 people were killed in the blast on Tuesday.")  # fmt: skip
    assert compare_figures([a, b]).disagreements[0].explanation is Explanation.SAME_ORIGIN


def test_a_variant_differs_by_definition() -> None:
    official = _dated(1, 64, 5)
    excess = _dated(2, 2975, 5)._replace(variant=True)
    [d] = compare_figures([official, excess]).disagreements
    assert d.explanation is Explanation.DEFINITION_DIFFERS


def test_proposal_labels_read_as_names() -> None:
    assert proposal_label(["people were killed in the quake — or the floods"], "Syria") == (
        "people killed in the quake, Syria"
    )


def test_families_and_proposed_members_from_articles(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    catalogue = tmp_path / "quake.toml"
    catalogue.write_text(CATALOGUE, encoding="utf-8")
    ok(runner, "quantities", "load", str(catalogue))
    for day, text in (
        ("07", "Rescuers said 5,000 people were killed in Turkey and 1,500 died in Syria."),
        ("08", "Officials said 4,500 people were killed in Turkey. In Lebanon, 3 people died."),
    ):
        article = tmp_path / f"quake-{day}.txt"
        article.write_text(f"outlet: Wire\ndate: 2023-02-{day}\n---\n{text}\n", encoding="utf-8")
        ok(runner, "ingest", str(article), "--topic", "quake")
    claims = json.loads(ok(runner, "claims", "-f", "json"))
    assert {c["figure"]: c["quantity"] for c in claims} == {
        "5,000": "deaths-turkey",
        "1,500": "deaths-syria",
        "4,500": "deaths-turkey",
        "3": "deaths-lebanon",
    }
    report = json.loads(ok(runner, "conflicts", "-f", "json"))
    [turkey] = [r for r in report if r["quantity"]["key"] == "deaths-turkey"]
    assert [d["verdict"] for d in turkey["disagreements"]] == ["contradiction"]
    again = ok(runner, "link", "--auto")
    assert ok(runner, "link", "--auto") == again  # idempotent
    keys = {q["key"] for q in json.loads(ok(runner, "quantities", "--proposed", "-f", "json"))}
    assert keys == {"deaths-lebanon"}
