"""Quantity identity: place, subgroups, magnitude, running totals, reprints and proposals,
each pinned with a small article or figure of our own."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from provenance.cli import app
from provenance.conflicts import Explanation, Figure, compare_figures
from provenance.extract import SourceText, extract_claims, read_text
from provenance.extract.context import as_of, scope_of
from provenance.figures import Hedge
from provenance.linking import (
    ClaimText,
    Profile,
    decide,
    named_event,
    part_of,
    proposal_block,
    proposal_label,
    propose_quantities,
    rank_quantities,
    subgroup,
)
from provenance.places import Found, find_places, nests
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
        ("London was the only region of England to back Remain, with 59.9% of the vote.",
         "59.9%", "London"),
        ("Britain voted to leave the EU by 51.9% to 48.1%.", "51.9%", "United Kingdom"),
        ("The EU referendum drew a turnout of 72.2 percent.", "72.2 percent", None),
        ("Some 3 million EU citizens live in the country.", "3 million", "EU"),
        ("It tore through the Canadian oil sands city of Fort McMurray, driving out its "
         "population of 88,000.", "88,000", "Fort McMurray"),
        ("The toll was 43, with Lyon at five and Marseille at four.", "43", None),
        # a word capitalised only as it opens the sentence is no part of the place's name
        ("Neighbouring Navarre had 55,400 jobless.", "55,400", "Navarre"),
        # a person, by title and surname, is no place
        ("Mr del Rosario told reporters that 1,611 people were missing.", "1,611", None),
        # a state's people, which the gazetteer's sources do not name
        ("A total of 246 Texans died because of the storm.", "246", "Texas"),
        ("The toll rose to 12 after four more deaths were reported from Lyon.", "12", None),
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
    # countryinfo lists Spain's communities under South Sudan: they are Spain's
    for region in ("Asturias", "Cantabria", "Extremadura", "Castilla-La Mancha"):
        assert nests(find_places(f"In {region}, 12% were out of work")[0].name, "Spain")
    # a province as English writes it, without its accent, over a smaller town of the name
    assert [f.name for f in find_places("Jobless rates in Cadiz and Malaga")] == [
        "Cádiz",
        "Málaga",
    ]
    assert nests("Cádiz", "Andalusia")
    # a party named after its country or people names no place, nor does an institution
    assert find_places("the Sweden Democrats and the Scottish National Party") == []
    assert find_places("The European Commission's office put the toll at 17") == []
    # countryinfo lists Myanmar twice, once as "Burma": one country, by either name
    assert [f.name for f in find_places("Myanmar, or Burma")] == ["Myanmar", "Myanmar"]
    assert nests("Yangon", "Myanmar")
    # a state named as its country is: Mexico's, not Mexico
    assert [f.name for f in find_places("13 died in the State of Mexico")] == ["State of Mexico"]
    assert nests("State of Mexico", "Mexico")
    # a province over a smaller town abroad of the name: Florida is the state, not Cuba's town
    assert nests("Florida", "United States")
    # a region by its Spanish name is the region, not its people
    assert find_places("Castilla-La Mancha")[0] == Found("Castile-La Mancha", 0, 18, False)
    # London's boroughs are London's, and a Red Cross society names no place
    assert nests("Kensington and Chelsea", "London")
    assert nests("Tower Hamlets", "London")
    assert find_places("The British Red Cross and the Kenya Red Cross said so.") == []


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


def test_a_national_body_s_count_with_no_place_goes_to_the_country() -> None:
    members = [_member(key, place) for key, place in (
        ("deaths", "Philippines"), ("deaths-leyte", "Leyte"), ("deaths-tacloban", "Tacloban"),
        ("deaths-vietnam", "Vietnam"))]  # fmt: skip
    national = "It left 6,300 people dead, the National Disaster Risk Reduction Council said."
    claim = ClaimText(1, "count", "people killed", national, value=6300)
    assert decide(claim, members).key == "deaths"
    assert "a national count" in decide(claim, members).reasons[-1]
    local = ClaimText(2, "count", "people killed", "It left 6,300 people dead.", value=6300)
    assert decide(local, members).key is None  # no place, nothing national: not guessed
    police = "It left 6,300 people dead, the National Police said."  # a force, not a tally
    assert decide(ClaimText(3, "count", "people killed", police, value=6300), members).key is None
    # a national count in an article the gazetteer puts in a city: the city is a guess
    sources = "The UN cited a toll of 4,460, which it said was drawn from government sources."
    guessed = ClaimText(4, "count", "a toll", sources, value=4460, place="Tacloban",
                        place_inferred=True)  # fmt: skip
    assert decide(guessed, members).key == "deaths"
    # with no national word either, a city that is only a guess still yields to its country
    # (see test_a_figure_placed_only_by_a_guessed_city_is_the_country_s_when_its_family_has_one);
    # a city the sentence names does not
    unmarked = replace(guessed, sentence="The UN cited a toll of 4,460.")
    assert decide(unmarked, members).key == "deaths"
    stated = replace(unmarked, sentence="In Tacloban, the UN cited a toll of 4,460.",
                     place_inferred=False)  # fmt: skip
    assert decide(stated, members).key == "deaths-tacloban"


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


def test_linking_again_keeps_proposals_and_what_ingest_linked(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    """With a catalogue loaded, figures it does not fit form proposals at ingest; linking
    again leaves every claim where it was and every proposal's key as it was, and leaves no
    empty proposal. A place the catalogue taught (a trail the gazetteer lacks) lies where it
    taught it, at ingest as after."""
    catalogue = tmp_path / "quake.toml"
    catalogue.write_text(
        '[[quantity]]\nkey = "injured"\nlabel = "People injured in the quake"\n'
        'unit = "count"\ntopics = ["quake"]\nterms = ["injured"]\nplace = "Taiwan"\n\n'
        '[[quantity]]\nkey = "trail-missing"\nlabel = "Hikers missing on the trail"\n'
        'unit = "count"\ntopics = ["quake"]\nterms = ["missing"]\n'
        'place = "Shakadang Trail"\n',
        encoding="utf-8",
    )
    ok(runner, "quantities", "load", str(catalogue))
    for day, text in (
        ("04", "Rescuers searched the Shakadang Trail, where 6 hikers were missing.\n\n"
               "Some 600 tourists were stranded at hotels in the park.\n\n- Injured: 1,067"),
        ("05", "Rescuers went back to the Shakadang Trail.\n\n"
               "About 650 tourists were stranded at hotels in the park.\n\n- Injured: 1,145"),
    ):  # fmt: skip
        article = tmp_path / f"quake-{day}.txt"
        article.write_text(
            f"title: Quake update\noutlet: Wire\ndate: 2024-04-{day}\n---\n{text}\n", "utf-8"
        )
        ok(runner, "ingest", str(article), "--topic", "quake")

    def links() -> dict[str, str | None]:
        return {c["figure"]: c["quantity"] for c in json.loads(ok(runner, "claims", "-f", "json"))}

    def proposals() -> set[str]:
        listed = json.loads(ok(runner, "quantities", "--proposed", "-f", "json"))
        return {q["key"] for q in listed}

    ingested, proposed = links(), proposals()
    assert ingested["1,067"] == ingested["1,145"] == "injured"  # the article is the trail's
    assert ingested["6"] == "trail-missing"
    assert ingested["Some 600"] in proposed
    for _ in range(2):
        ok(runner, "link", "--auto")
        assert links() == ingested
        assert proposals() == proposed


@pytest.mark.parametrize(
    ("sentence", "figure", "period"),
    [
        ("At the previous march, on 28 April, organisers said 130,000 took part.", "130,000",
         "2019-04-28"),
        ("Police said 240,000 people marched on Sunday.", "240,000", "2019-06-16"),
        ("It drew comparisons with 1 July 2003, when 500,000 protested.", "500,000", "2003-07-01"),
        ("The week before, the front said 1.03 million had marched.", "1.03 million",
         "2019-06-07/2019-06-13"),
        ("That takes the total since 1 October 2023 to 521.", "521", "2023-10-01/2019-06-17"),
        ("- October 2023: 17", "17", "2023-10"),
        ("Last week's update had put December at 161 cases.", "161", "2018-12"),
        # a date after the figure, past a comma, belongs to the next clause
        ("Police counted 37,000, compared with 48,000 at the march on Saturday.", "37,000",
         "2019-06-17"),
        ("Police counted 37,000, compared with 48,000 at the march on Saturday.", "48,000",
         "2019-06-15"),
        # a figure in the clause on the day a span opens is of that day
        ("It was the deadliest since 1993, when a jet hit a hillside, killing 68 people.", "68",
         "1993"),
    ],
)  # fmt: skip
def test_the_period_named_nearest_the_figure(sentence: str, figure: str, period: str) -> None:
    published = date(2019, 6, 17)  # a Monday
    assert as_of(sentence, published, sentence.index(figure)) == period


def _write_articles(folder: Path, articles: dict[str, tuple[str, str]]) -> list[str]:
    paths = []
    for name, (day, text) in articles.items():
        path = folder / f"{name}.txt"
        path.write_text(f"title: {name}\noutlet: Wire\ndate: {day}\n---\n{text}\n", "utf-8")
        paths.append(str(path))
    return paths


MARCHES = """
[[quantity]]
key = "marchers-9-june"
label = "People who joined the 9 June march"
unit = "count"
place = "Hong Kong"
period = "2019-06-09"
terms = ["marched", "joined", "took part"]

[[quantity]]
key = "marchers-16-june"
label = "People who joined the 16 June march"
unit = "count"
place = "Hong Kong"
period = "2019-06-16"
terms = ["marched", "joined", "took part"]
"""


def test_marches_on_different_days_are_different_quantities(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    """Two catalogue quantities alike but for their period: each figure goes to the one its
    sentence dates, or, undated, to the latest before its article."""
    catalogue = tmp_path / "marches.toml"
    catalogue.write_text(MARCHES, encoding="utf-8")
    ok(runner, "quantities", "load", str(catalogue))
    paths = _write_articles(tmp_path, {
        "first": ("2019-06-10", "In Hong Kong, organisers said 1.03 million people marched on "
                  "Sunday. Police said 240,000 took part at the peak."),
        "second": ("2019-06-17", "In Hong Kong, almost 2 million people marched on Sunday, "
                   "organisers said. The week before, 1.03 million people had marched."),
    })  # fmt: skip
    ok(runner, "ingest", *paths)
    claims = json.loads(ok(runner, "claims", "-f", "json"))
    assert [(c["figure"], c["as_of"], c["quantity"]) for c in claims] == [
        ("1.03 million", "2019-06-09", "marchers-9-june"),
        ("240,000", "2019-06-09", "marchers-9-june"),  # the Sunday its paragraph named
        ("almost 2 million", "2019-06-16", "marchers-16-june"),
        ("1.03 million", "2019-06-07/2019-06-13", "marchers-9-june"),
    ]
    report = json.loads(ok(runner, "conflicts", "-f", "json"))
    assert {r["quantity"]["key"] for r in report} == {"marchers-9-june"}


FLOOD_TOLL = """
[[quantity]]
key = "flood-deaths"
label = "People killed in the floods"
unit = "count"
place = "Germany"
terms = ["died", "dead", "killed", "lives"]
cumulative = true
"""


def test_an_event_s_toll_takes_no_figure_its_article_dates_years_before(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    """A toll with no period declared is the story's event's: a figure its sentence dates more
    than two years before the article is another event's (history the article compares)."""
    catalogue = tmp_path / "floods.toml"
    catalogue.write_text(FLOOD_TOLL, encoding="utf-8")
    ok(runner, "quantities", "load", str(catalogue))
    paths = _write_articles(tmp_path, {
        "first": ("2021-07-16", "In Germany, at least 103 people have died in the floods. "
                  "The Elbe floods of 2002 killed 21 people."),
        "second": ("2021-07-20", "In Germany, 165 people have died in the floods."),
    })  # fmt: skip
    ok(runner, "ingest", *paths)
    claims = json.loads(ok(runner, "claims", "-f", "json"))
    assert {c["figure"]: c["quantity"] for c in claims} == {
        "at least 103": "flood-deaths",
        "21": None,
        "165": "flood-deaths",
    }


PLACES = """
[[quantity]]
key = "marchers-france"
label = "Marchers across France"
unit = "count"
place = "France"
terms = ["marched", "demonstrators", "marchers"]

[[quantity]]
key = "marchers-paris"
label = "Marchers in Paris"
unit = "count"
place = "Paris"
terms = ["marched", "demonstrators", "marchers"]
"""


def test_the_quantity_of_the_figure_s_own_place_takes_it(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    """Quantities alike but for their place: "nationwide" is the article's country, "the
    capital" its capital, "including 80,000 in Paris" is Paris's, not the country's."""
    catalogue = tmp_path / "places.toml"
    catalogue.write_text(PLACES, encoding="utf-8")
    ok(runner, "quantities", "load", str(catalogue))
    paths = _write_articles(tmp_path, {
        "strike": ("2023-01-20", "Crowds marched across France on Thursday. The ministry "
                   "counted 1.12 million demonstrators nationwide, including 80,000 in Paris. "
                   "The CGT said 400,000 had marched in the capital."),
    })  # fmt: skip
    ok(runner, "ingest", *paths)
    claims = json.loads(ok(runner, "claims", "-f", "json"))
    assert [(c["figure"], c["scope"], c["quantity"]) for c in claims] == [
        ("1.12 million", "France", "marchers-france"),
        ("80,000", "Paris", "marchers-paris"),
        ("400,000", "Paris", "marchers-paris"),
    ]


def test_restated_figures_and_list_items_count_what_their_neighbours_count() -> None:
    text = (
        "The West Midlands accounts for 69% of those cases (358), London for 14% (71).\n\n"
        "Cases by month since October:\n\n- October 2023: 17\n- November 2023: 42\n\n"
        "Officials said 54 people were treated, 38 men and 16 women."
    )
    claims = {c.figure: c for c in extract_claims(SourceText(text, 0), date(2024, 2, 16))}
    assert [(f, claims[f].scope) for f in ("69%", "358", "14%", "71")] == [
        ("69%", "West Midlands"), ("358", "West Midlands"), ("14%", "London"), ("71", "London"),
    ]  # fmt: skip
    assert claims["358"].counted == claims["69%"].counted == "those cases"
    assert claims["17"].counted == "October 2023 (Cases by month since October)"
    assert (claims["17"].as_of, claims["42"].as_of) == ("2023-10", "2023-11")
    assert claims["38"].counted == "men"  # a list of the same unit is not a restatement


def test_catalogue_units_in_words_and_export_round_trip(
    db_url: str, other_db: str, runner: CliRunner, tmp_path: Path
) -> None:
    catalogue = tmp_path / "blast.toml"
    catalogue.write_text(
        '[[quantity]]\nkey = "nitrate"\nlabel = "Ammonium nitrate stored at the port"\n'
        'unit = "tonnes"\nplace = "Beirut"\nterms = ["ammonium nitrate"]\ntopics = ["blast"]\n\n'
        '[[quantity]]\nkey = "marchers"\nlabel = "Marchers"\nunit = "count"\n'
        'places = ["France", "Paris"]\nperiod = "2023-01-19"\ntopics = ["strikes"]\n',
        encoding="utf-8",
    )
    ok(runner, "quantities", "load", str(catalogue))
    [article] = _write_articles(tmp_path, {
        "blast": ("2020-08-05", "In Beirut, 2,750 tonnes of ammonium nitrate had been stored."),
    })  # fmt: skip
    ok(runner, "ingest", article, "--topic", "blast")
    [claim] = json.loads(ok(runner, "claims", "-f", "json"))
    assert (claim["unit"], claim["quantity"]) == ("t", "nitrate")
    exported = tmp_path / "exported.toml"
    wrote = runner.invoke(
        app, ["quantities", "export", "--topic", "strikes", "--out", str(exported)]
    )
    assert (wrote.exit_code, wrote.stdout) == (0, "")
    assert wrote.stderr == f"Wrote {exported} (2 quantities)\n"
    ok(runner, "quantities", "load", str(exported), "--db", other_db)
    moved = json.loads(ok(runner, "quantities", "-f", "json", "--db", other_db))
    assert [(q["key"], q["place"], q["family"], q["period"]) for q in moved] == [
        ("marchers-france", "France", "marchers", "2023-01-19"),
        ("marchers-paris", "Paris", "marchers", "2023-01-19"),
    ]


def _proposed(counted: str, value: float, day: int, sentence: str = "") -> ClaimText:
    when = date(2019, 6, day)
    return ClaimText(
        int(value), "count", counted, sentence, place="Hong Kong", value=value, period=(when, when)
    )


def test_estimates_of_what_a_disaster_costs_are_one_proposal_whatever_their_words() -> None:
    def sum_of(words: str, billions: int, when: date) -> ClaimText:
        value = billions * 1e9
        return ClaimText(
            billions, "USD", words, "", place="Texas", value=value, period=(when, when)
        )

    estimates = [
        sum_of("total economic losses", 190, date(2017, 8, 30)),
        sum_of("the damage", 75, date(2017, 8, 30)),
        sum_of("the storm could cost", 160, date(2017, 8, 31)),
        sum_of("the bill for the storm", 125, date(2017, 9, 1)),
        sum_of("raised for survivors", 1, date(2017, 9, 1)),  # a sum, not a cost
        # months later: estimates of another time, as for a crowd (a toll's span is its own)
        sum_of("damage Harvey caused", 130, date(2018, 1, 25)),
        sum_of("the hurricane's total economic losses", 150, date(2018, 1, 26)),
    ]
    groups = sorted(sorted(p.claim_ids) for p in propose_quantities(estimates))
    assert groups == [[75, 125, 160, 190], [130, 150]]


def test_proposals_split_by_time_and_size_but_not_a_running_total() -> None:
    marches = [
        _proposed("people marched", 1_030_000, 9), _proposed("people marched", 240_000, 10),
        _proposed("people marched", 2_000_000, 16), _proposed("people marched", 338_000, 17),
        _proposed("people marched", 4_000, 16),  # twentyfold smaller: another count
    ]  # fmt: skip
    proposals = propose_quantities(marches)
    groups = sorted(sorted(p.claim_ids) for p in proposals)
    assert groups == [[240_000, 1_030_000], [338_000, 2_000_000]]
    assert sorted(p.label for p in proposals) == [
        "people marched, Hong Kong, 16 June 2019",
        "people marched, Hong Kong, 9 June 2019",
    ]
    tolls = [
        _proposed("people killed", 78, 4, "The death toll rose to 78."),
        _proposed("people killed", 135, 9, "At least 135 people were killed."),
    ]
    assert [sorted(p.claim_ids) for p in propose_quantities(tolls)] == [[78, 135]]
    # any other count is one quantity for a month: a rate read three weeks apart moved
    registered = [
        _proposed("people registered as jobless", 4_848_723, 1),
        _proposed("people registered as jobless", 5_040_222, 22),
    ]
    assert [sorted(p.claim_ids) for p in propose_quantities(registered)] == [[4_848_723, 5_040_222]]
    # a poll's share estimates a result, and is proposed apart from the result's
    said = (
        "The Centre Party won 8.6%.",
        "The Centre Party had 9.0%.",
        "The polls put the Centre Party on 8%.",
        "A survey gave the Centre Party 7.5%.",
    )
    shares = [
        replace(_proposed("the Centre Party", value, 9), id=i, unit="percent", sentence=sentence)
        for i, (value, sentence) in enumerate(zip((8.6, 9.0, 8.0, 7.5), said, strict=True), 1)
    ]  # fmt: skip
    assert sorted(sorted(p.claim_ids) for p in propose_quantities(shares)) == [[1, 2], [3, 4]]
    later = replace(registered[1], period=(date(2019, 9, 22),) * 2)
    assert propose_quantities([registered[0], later]) == []
    # a figure ten times below the level a running count had reached days before is a part
    # of it (a day's, a town's), not a lower report of it; parts of one day go together
    deaths = [
        _proposed("people killed", 126, 1), _proposed("people killed", 423, 12),
        _proposed("people killed", 38, 14), _proposed("people killed", 40, 14),
        _proposed("people killed", 510, 16),
    ]  # fmt: skip
    assert sorted(sorted(p.claim_ids) for p in propose_quantities(deaths)) == [
        [38, 40],
        [126, 423, 510],
    ]
    # but one its words give as the count, or a rival's, is a lower report of it
    official = [
        _proposed("people killed", 1_085, 1), _proposed("people killed", 2_975, 10),
        _proposed("people killed", 64, 12, "The official death toll stands at 64."),
        _proposed("people killed", 65, 13, "The government has acknowledged 65 deaths."),
    ]  # fmt: skip
    assert [sorted(p.claim_ids) for p in propose_quantities(official)] == [[64, 65, 1_085, 2_975]]
    # a running total is one quantity as long as a toll is revised, and no longer
    held = [
        _proposed("people arrested since Monday", 750, 12, "750 arrested since Monday."),
        _proposed("people arrested since Monday", 1_000, 14, "1,000 arrested since Monday."),
    ]
    assert [sorted(p.claim_ids) for p in propose_quantities(held)] == [[750, 1_000]]
    riot = replace(held[0], id=339, value=339, period=(date(1990, 3, 31),) * 2)
    assert [sorted(p.claim_ids) for p in propose_quantities([*held, riot])] == [[750, 1_000]]


def test_a_catalogue_place_the_gazetteer_does_not_know_is_noted(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    catalogue = tmp_path / "nepal.toml"
    catalogue.write_text(
        '[[quantity]]\nkey = "deaths-sindhupalchowk"\nlabel = "Deaths in Sindhupalchowk"\n'
        'unit = "count"\nplace = "Sindhupalchowk"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["quantities", "load", str(catalogue)])
    assert result.exit_code == 0
    assert result.stderr == (
        f"Note: {catalogue}, quantity[0]: place 'Sindhupalchowk' is not in the gazetteer; "
        "articles of the quantity's topics ingested from now on read it as a place\n"
    )
    catalogue.write_text(
        '[[quantity]]\nkey = "deaths-elsewhere"\nlabel = "Deaths elsewhere"\n'
        'unit = "count"\nplace = "Other districts"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["quantities", "load", str(catalogue)])
    assert result.exit_code == 0
    assert "'Other districts' is not in the gazetteer; it names no one place" in result.stderr


FIRE = """
[[quantity]]
key = "fire-deaths"
label = "People killed in the Camp Fire"
unit = "count"
topics = ["camp fire"]
terms = ["killed", "dead", "died", "death toll"]
places = ["California", "Butte County"]

[[quantity]]
key = "storm-deaths"
label = "People killed by the storm"
unit = "count"
topics = ["storm"]
terms = ["killed", "dead", "died"]
place = "Victoria"
"""


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_catalogue_place_the_gazetteer_lacks_is_read_in_its_topic_s_articles(
    db_url: str, runner: CliRunner, tmp_path: Path, workers: str
) -> None:
    catalogue = tmp_path / "fire.toml"
    catalogue.write_text(FIRE, encoding="utf-8")
    ok(runner, "quantities", "load", str(catalogue))
    names = []
    for i in range(10):  # enough files for worker processes to read them
        article = tmp_path / f"fire-{i}.txt"
        article.write_text(
            f"outlet: Wire\ndate: 2018-11-{10 + i}\n---\nThe fire has killed {40 + i} people "
            f"in Butte County, officials said. Across California, {50 + i} have died.\n",
            encoding="utf-8",
        )
        names.append(str(article))
    ok(runner, "ingest", *names, "--topic", "camp fire", "--workers", workers)
    storm = tmp_path / "storm.txt"  # "Victoria" is a place only where its catalogue applies
    storm.write_text(
        "outlet: Wire\ndate: 2018-11-12\n---\nThe storm killed 7 people across Victoria.\n",
        encoding="utf-8",
    )
    ok(runner, "ingest", str(storm), "--topic", "storm")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text(
        "outlet: Wire\ndate: 2018-11-12\n---\nVictoria recorded 9 home sales.\n",
        encoding="utf-8",
    )
    ok(runner, "ingest", str(elsewhere), "--topic", "housing")
    claims = json.loads(ok(runner, "claims", "-f", "json", "--limit", "0"))
    found = {c["figure"]: (c["scope"], c["quantity"]) for c in claims}
    assert found["40"] == ("Butte County", "fire-deaths-butte-county")
    assert found["50"] == ("California", "fire-deaths-california")
    assert found["7"] == ("Victoria", "storm-deaths")
    assert found["9"][0] is None


@pytest.mark.parametrize(
    ("sentence", "figure", "place"),
    [
        ("Of the cases, 41% were in the West Midlands and 26% in London.", "26%", "London"),
        ("The West Midlands had 69%, London for 14% and Leeds 7%.", "14%", "London"),
        ("There were 166 cases, of which 91 were in the West Midlands.", "166", None),
    ],
)  # fmt: skip
def test_a_place_against_the_figure_is_its_own(
    sentence: str, figure: str, place: str | None
) -> None:
    start = sentence.index(figure)
    assert scope_of(None, sentence, start, start + len(figure)) == place


def test_a_stated_part_of_a_whole_goes_to_a_quantity_the_catalogue_makes_a_part(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    """ "120 of the 5,000 injured were critical" is a subgroup: it goes to the catalogue's
    subgroup quantity, and never to the whole's."""
    catalogue = tmp_path / "blast.toml"
    catalogue.write_text(
        '[[quantity]]\nkey = "injured"\nlabel = "People injured"\nunit = "count"\n'
        'terms = ["injured"]\n\n'
        '[[quantity]]\nkey = "injured-critical"\nlabel = "People critically injured"\n'
        'unit = "count"\nterms = ["critical condition"]\n\n'
        '[[relation]]\npart = "injured-critical"\nof = "injured"\n',
        encoding="utf-8",
    )
    ok(runner, "quantities", "load", str(catalogue))
    [article] = _write_articles(tmp_path, {"blast": ("2020-08-07", (
        "The blast injured 5,000 people. At least 120 of the 5,000 people injured were in "
        "critical condition."))})  # fmt: skip
    ok(runner, "ingest", article)
    claims = json.loads(ok(runner, "claims", "-f", "json"))
    assert [(c["figure"], c["quantity"]) for c in claims] == [
        ("5,000", "injured"),
        ("At least 120", "injured-critical"),
    ]


def test_a_kind_of_count_is_read_from_its_words_and_phrases_not_their_parts() -> None:
    from provenance.linking import count_kind

    assert count_kind("first took to the streets") == "crowd"
    assert count_kind("participants") == count_kind("people had taken part") == "crowd"
    assert count_kind("part of the plan") is None  # "part" alone is no crowd
    assert count_kind("cases in March 2024") is None  # the month is no march
    # the missing presumed dead are counted with the dead
    assert count_kind("people dead or missing presumed dead") == "deaths"
    assert count_kind("residents missing, presumed dead") == "deaths"


def test_proposals_group_one_kind_of_count_whatever_its_words() -> None:
    crowd = [
        _proposed("people took part in the march", 1_030_000, 9),
        _proposed("marchers", 240_000, 9),
        _proposed("demonstrators on the route at the peak", 300_000, 10),
        _proposed("people were injured", 79, 10),  # another kind, another proposal
        _proposed("people were hurt in the clashes", 81, 10),
    ]
    groups = sorted(sorted(p.claim_ids) for p in propose_quantities(crowd))
    assert groups == [[79, 81], [240_000, 300_000, 1_030_000]]


def test_the_nearest_period_is_the_nearest_of_the_quantities_the_words_fit() -> None:
    """An undated figure goes to the latest march before its article, whatever quantity of
    another kind (arrests the next day) its words do not fit."""

    def day(n: int) -> tuple[date, date]:
        return (date(2019, 6, n), date(2019, 6, n))

    profiles = [
        Profile("marchers-9-june", "count", ("marched",), "Marchers 9 June", period=day(9)),
        Profile("marchers-28-april", "count", ("marched",), "Marchers 28 April",
                period=(date(2019, 4, 28), date(2019, 4, 28))),
        Profile("arrests-10-june", "count", ("arrested",), "Arrests 10 June", period=day(10)),
    ]  # fmt: skip
    sentence = "By the front's count, 1.03 million people marched."
    claim = ClaimText(1, "count", "people marched", sentence, period=day(11))
    assert decide(claim, profiles).key == "marchers-9-june"


def test_a_count_naming_nothing_continues_the_sentence_before() -> None:
    march = (date(2023, 3, 7), date(2023, 3, 7))
    profile = Profile("marchers-7-mar", "count", ("marchers", "took part"), "Marchers 7 March",
                      period=march)  # fmt: skip
    previous = "The ministry counted 480,000 marchers; the CGT said 1.7 million took part."
    sentence = "On 7 March, the ministry had counted 1.28 million."
    claim = ClaimText(1, "count", "the ministry had counted", sentence, previous,
                      period=march, period_stated=True)  # fmt: skip
    assert decide(claim, [profile]).key == "marchers-7-mar"
    described = replace(claim, counted="people were arrested", previous=previous)
    assert decide(described, [profile]).key is None  # its own words name another count


def test_an_undated_figure_days_after_a_one_day_event_is_not_its() -> None:
    day = (date(2019, 6, 9), date(2019, 6, 9))
    profile = Profile("marchers-9-june", "count", ("marched",), "Marchers 9 June", period=day)
    sentence = "Tens of thousands of people marched."
    for published, linked in ((11, "marchers-9-june"), (12, None)):
        when = (date(2019, 6, published), date(2019, 6, published))
        claim = ClaimText(1, "count", "people marched", sentence, period=when)
        assert decide(claim, [profile]).key == linked


def test_a_count_of_things_is_no_count_of_people_unless_the_quantity_names_them() -> None:
    missing = Profile("missing", "count", ("missing", "unaccounted for"), "People missing")
    decks = Profile("decks", "count", ("decks",), "Decks searched by divers")
    sentence = "The ferry, which has five decks, left 290 unaccounted for."
    at = sentence.index("five")
    claim = ClaimText(1, "count", "decks", sentence, figure_start=at, figure_end=at + 4)
    assert decide(claim, [missing]).key is None
    assert decide(claim, [missing, decks]).key == "decks"


def test_a_place_named_with_an_earlier_figure_is_that_figure_s() -> None:
    def member(place: str) -> Profile:
        return Profile(f"deaths-{place.lower()}", "count", ("dead", "toll"), "People killed",
                       family="deaths", place=place)  # fmt: skip

    sentence = (
        "The estimate of 10,000 dead given by officials in Leyte was too high, and the final "
        "toll was more likely 2,000 to 2,500."
    )
    at = sentence.index("2,000")
    claim = ClaimText(1, "count", "the final toll", sentence, place="Philippines",
                      place_inferred=True, figure_start=at, figure_end=at + 14)  # fmt: skip
    members = [member("Philippines"), member("Leyte")]
    assert decide(claim, members).key == "deaths-philippines"
    at = sentence.index("10,000")
    earlier = replace(claim, figure_start=at, figure_end=at + 6)
    assert decide(earlier, members).key == "deaths-leyte"


def test_when_the_event_happened_does_not_make_a_toll_a_flow() -> None:
    deaths = Profile("deaths", "count", ("died",), "People killed in the floods", cumulative=True)
    sentence = "At least 103 people have died in the floods that tore through Germany this week."
    toll = ClaimText(1, "count", sentence[13:-1], sentence, figure_start=0, figure_end=12)
    assert decide(toll, [deaths]).key == "deaths"
    weekly = ClaimText(2, "count", "people died this week", "Another 12 people died this week.",
                       figure_start=8, figure_end=10)  # fmt: skip
    assert decide(weekly, [deaths]).key is None  # "this week", next to the figure: a flow


def test_what_a_period_usually_sees_is_no_count_of_the_event() -> None:
    deaths = Profile("deaths", "count", ("deaths",), "Sudden deaths during the heat dome")
    excess = Profile("excess", "count", ("deaths",), "Deaths above the usual number")
    sentence = "It reported 233 deaths from Friday to Monday, against about 130 in a normal period."
    at = sentence.index("about 130")
    usual = ClaimText(1, "count", "deaths", sentence, figure_start=at, figure_end=at + 9)
    assert decide(usual, [deaths]).key is None
    assert decide(usual, [deaths, excess]).key == "excess"
    at = sentence.index("233")
    assert decide(replace(usual, figure_start=at, figure_end=at + 3), [deaths]).key == "deaths"


def test_a_count_since_a_day_is_no_count_of_one_day() -> None:
    day = (date(2021, 3, 27), date(2021, 3, 27))
    one_day = Profile("day", "count", ("killed",), "People killed on 27 March", period=day)
    since = Profile("since", "count", ("killed",), "People killed", cumulative=True)
    sentence = "More than 1,000 people have been killed since the coup."
    claim = ClaimText(1, "count", sentence[16:-1], sentence, figure_start=0, figure_end=15,
                      period=day)  # fmt: skip
    assert decide(claim, [one_day, since]).key == "since"


def test_a_place_only_guessed_from_the_article_makes_no_new_member() -> None:
    paris = Profile("deaths-paris", "count", ("died",), "People who died in the heat",
                    family="deaths", place="Paris")  # fmt: skip
    claim = ClaimText(1, "count", "people died in the heat", "Some 2,000 people died in the heat.",
                      place="Germany", place_inferred=True)  # fmt: skip
    assert (decide(claim, [paris]).family, decide(claim, [paris]).place) == (None, None)
    stated = replace(claim, place_inferred=False)  # "in Germany": a member for Germany
    assert (decide(stated, [paris]).family, decide(stated, [paris]).place) == ("deaths", "Germany")


def test_a_place_just_before_the_next_figure_is_that_figure_s() -> None:
    def member(place: str) -> Profile:
        return Profile(f"deaths-{place.lower()}", "count", ("deaths",), "Heat deaths",
                       family="deaths", place=place)  # fmt: skip

    sentence = (
        "Portugal reported at least 1,300 heat-related deaths and the Netherlands up to 1,400."
    )
    at = sentence.index("at least 1,300")
    claim = ClaimText(1, "count", "heat-related deaths", sentence, place="Portugal",
                      figure_start=at, figure_end=at + 14)  # fmt: skip
    members = [member("Portugal"), member("Netherlands")]
    assert decide(claim, members).key == "deaths-portugal"
    at = sentence.index("up to 1,400")
    later = replace(claim, place="Netherlands", figure_start=at, figure_end=at + 11)
    assert decide(later, members).key == "deaths-netherlands"


def test_a_short_window_does_not_cut_a_one_day_event_s_reports_short() -> None:
    """A crowd's figures are of its day (window_months = 0.01), yet an undated figure printed
    the next day is still that day's: the window says how fast it moves, not how late a report
    of it comes out."""
    day = (date(2019, 9, 20), date(2019, 9, 20))
    profile = Profile("crowd", "count", ("joined",), "Strikers 20 September", period=day,
                      window_days=0.3)  # fmt: skip
    for published, linked in ((21, "crowd"), (23, None)):
        when = (date(2019, 9, published), date(2019, 9, published))
        claim = ClaimText(1, "count", "people joined", "1.4 million people joined.", period=when)
        assert decide(claim, [profile]).key == linked


def test_a_count_pointing_back_and_a_day_s_list_line_count_what_came_before(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    """ "On Friday, the count had been 85" counts what the figure before it counts, in the
    paragraph before; a list's lines labelled only by a day count what their heading names,
    or else what their first line names."""
    catalogue = (
        '[[quantity]]\nkey = "deaths"\nlabel = "People killed in the fire"\n'
        'unit = "count"\nterms = ["killed", "death toll", "deaths"]\ncumulative = true\n\n'
        '[[quantity]]\nkey = "missing"\nlabel = "People missing after the fire"\n'
        'unit = "count"\nterms = ["missing"]\n'
    )
    article = (
        "date: 2018-07-28\n\nThe death toll from the fire rose to 86 on Saturday, officials "
        "said.\n\nOn Friday, the count had been 85.\n\n"
        "The toll has risen every day since the fire broke out:\n\n"
        "- Wednesday evening: 74\n- Thursday: 79\n\n"
        "The state's list has been revised several times:\n\n"
        "- July 24: 11 people missing in the first report\n- July 26: 25\n"
    )
    linked = _linked(runner, tmp_path, catalogue, article)
    assert [linked[f] for f in ("86", "85", "74", "79", "11", "25")] == [
        "deaths", "deaths", "deaths", "deaths", "missing", "missing",
    ]  # fmt: skip


def test_it_points_at_a_count_named_with_no_figure_and_a_confirmed_toll_is_deaths(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    """ "Its list of people missing has swung. It stood at 103, jumped to 163 and was back
    down to 127": the missing, not the dead counted just before; "the confirmed toll"
    counts deaths, though "confirmed" names no kind of case here; and "two civilian divers
    died" is a part of the dead no quantity counts."""
    catalogue = (
        '[[quantity]]\nkey = "deaths"\nlabel = "People killed in the floods"\n'
        'unit = "count"\nterms = ["killed", "death toll", "dead"]\ncumulative = true\n\n'
        '[[quantity]]\nkey = "missing"\nlabel = "People missing after the floods"\n'
        'unit = "count"\nterms = ["missing", "out of contact"]\n'
    )
    article = (
        "date: 2021-07-21\n\nThe crisis centre said the confirmed toll had risen to 27, with "
        "103 people listed as missing or out of contact.\n\nIt counted 27 dead on Saturday "
        "and 31 by Sunday. Its list of people probably missing or unreachable has swung more "
        "widely. It stood at 104 on Saturday, jumped to 163 on Sunday and was back down to 127 "
        "by Monday. Two civilian divers also died.\n"
    )
    linked = _linked(runner, tmp_path, catalogue, article)
    assert [linked[f] for f in ("27", "103", "31", "104", "163", "127", "Two")] == [
        "deaths", "missing", "deaths", "missing", "missing", "missing", None,
    ]  # fmt: skip


def test_a_figure_in_another_unit_of_area_is_linked_and_compared_in_the_quantity_s(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    """A fire's area in acres, square kilometres and hectares is one quantity, compared in
    the catalogue's unit: 25,000 acres is about 10,100 hectares, so it agrees with 10,000
    hectares and not with 850 square kilometres (85,000 hectares) a day later, which is a
    change over time; a person may link a figure in acres by hand, never one in dollars."""
    catalogue = (
        '[[quantity]]\nkey = "area"\nlabel = "Area burned by the wildfire"\n'
        'unit = "hectares"\nterms = ["burned", "scorched"]\ncumulative = true\n'
        "expected = [1, 1000000]\n"
    )
    (tmp_path / "catalogue.toml").write_text(catalogue, encoding="utf-8")
    ok(runner, "quantities", "load", str(tmp_path / "catalogue.toml"))
    for day, text in (
        ("04", "By mid-afternoon the fire had scorched about 25,000 acres, officials said."),
        ("04", "The agency said the wildfire had burned 10,000 hectares by the evening."),
        ("05", "The wildfire has now burned 850 square kilometres, the premier said."),
        ("05", "The fire has cost $3.6 billion, insurers said."),
    ):
        article = tmp_path / f"fire-{day}-{len(text)}.txt"
        article.write_text(f"outlet: Wire\ndate: 2016-05-{day}\n---\n{text}\n", encoding="utf-8")
        ok(runner, "ingest", str(article), "--topic", "fire")
    claims = json.loads(ok(runner, "claims", "-f", "json"))
    linked = {c["figure"]: c["quantity"] for c in claims}
    assert linked == {
        "about 25,000 acres": "area", "10,000 hectares": "area", "850 square kilometres": "area",
        "$3.6 billion": None,
    }  # fmt: skip
    [report] = json.loads(ok(runner, "conflicts", "-f", "json"))
    figure = {c["id"]: c["figure"] for c in claims}
    flagged = {
        frozenset((figure[d["lower"]], figure[d["upper"]])): d["verdict"]
        for d in report["disagreements"]
    }
    assert flagged == {
        frozenset(("about 25,000 acres", "850 square kilometres")): "change over time",
        frozenset(("10,000 hectares", "850 square kilometres")): "change over time",
    }
    dollars = next(c["id"] for c in claims if c["figure"] == "$3.6 billion")
    acres = next(c["id"] for c in claims if c["figure"] == "about 25,000 acres")
    ok(runner, "link", str(acres), "area")
    result = runner.invoke(app, ["link", str(dollars), "area"])
    assert result.exit_code == 1
    assert "is in USD but quantity 'area' is measured in ha" in result.stderr


def test_a_proposal_label_names_its_own_place_only() -> None:
    assert proposal_label(["including (people had marched across France)"], "Paris") == (
        "people marched, Paris"
    )
    assert proposal_label(["the national turnout"], "France") == "national turnout, France"


def test_a_count_since_a_day_long_before_is_no_toll_of_a_one_day_event() -> None:
    """ "taking its count since 1 February to 423", on 27 March, is the running toll since
    the coup, not the toll of 27 March, though both are running totals of deaths; so is a
    count as of 2 May."""
    day = Profile("day", "count", ("count", "killed"), "People killed on 27 March 2021",
                  period=(date(2021, 3, 27), date(2021, 3, 27)), cumulative=True)  # fmt: skip
    since = Profile("since", "count", ("count", "killed"), "People killed since the coup",
                    period=(date(2021, 2, 1), date(2021, 8, 31)), cumulative=True)  # fmt: skip
    text = "The group said its count since 1 February rose to 423."
    claim = ClaimText(1, "count", "its count since 1 February", text, value=423.0,
                      period=(date(2021, 2, 1), date(2021, 3, 27)), period_stated=True)  # fmt: skip
    assert decide(claim, [day, since]).key == "since"
    assert decide(claim, [day]).key is None
    that_day = ClaimText(2, "count", "people were killed", "On 27 March 114 people were killed.",
                         value=114.0, period=(date(2021, 3, 27), date(2021, 3, 27)),
                         period_stated=True)  # fmt: skip
    assert decide(that_day, [day]).key == "day"
    # a count of a later day, which the running toll's span holds, is not the day's toll
    later = ClaimText(3, "count", "killed", "By 2 May, 765 had been killed.", value=765.0,
                      period=(date(2021, 5, 2), date(2021, 5, 2)), period_stated=True)  # fmt: skip
    assert decide(later, [day, since]).key == "since"


def test_a_figure_counting_things_fits_no_quantity_of_people_whatever_names_they_share() -> None:
    """ "Two military transport planes, a Dutch Hercules and an Australian Globemaster" share
    the nationality family's terms, but count planes."""
    members = [
        Profile(f"victims-{place.lower()}", "count", ("victims", "Dutch", "Australians"),
                f"Victims by nationality, {place}", family="victims", place=place)
        for place in ("Netherlands", "Australia")
    ]  # fmt: skip
    text = "Two military transport planes, a Dutch Hercules and an Australian Globemaster, landed."
    counted = "military transport planes, a Dutch Hercules and an Australian Globemaster"
    claim = ClaimText(1, "count", counted, text, value=2.0, place="Netherlands")
    assert decide(claim, members).key is None
    victims = ClaimText(2, "count", "Dutch victims", "The 193 Dutch victims were flown home.",
                        value=193.0, place="Netherlands")  # fmt: skip
    assert decide(victims, members).key == "victims-netherlands"


def test_money_counts_no_kind_of_people_whatever_words_lie_near() -> None:
    """ "... 69 deaths and losses of 71.53 billion yuan": the yuan are losses, not deaths."""
    losses = Profile("losses", "CNY", ("losses",), "Direct economic losses from the floods")
    text = "The county reported 69 deaths and losses of 71.53 billion yuan."
    claim = ClaimText(1, "CNY", "69 deaths and losses", text, value=71.53e9)
    assert decide(claim, [losses]).key == "losses"


def test_what_a_count_may_come_to_is_not_the_count() -> None:
    """ "more than 70 had been killed, and the number could reach 100": the 100 is what the
    toll may come to, linked to no quantity and grouped into no proposal; a cost that "could
    reach $160 billion" is an estimate of the cost."""
    deaths = Profile("deaths", "count", ("killed", "number"), "People killed by the tornadoes")
    text = "He believed more than 70 had been killed, and that the number could reach 100."
    start = text.index("100")
    claim = ClaimText(1, "count", "killed", text, value=100.0, figure_start=start,
                      figure_end=start + 3)  # fmt: skip
    assert decide(claim, [deaths]).key is None
    assert proposal_block(claim) is None
    cost = Profile("cost", "USD", ("cost", "damage"), "Damage from the storm")
    text = "The damage could reach $160 billion, the firm said."
    start = text.index("$160")
    claim = ClaimText(2, "USD", "The damage", text, value=1.6e11, figure_start=start,
                      figure_end=start + 12)  # fmt: skip
    assert decide(claim, [cost]).key == "cost"


def test_of_two_labels_alike_but_for_words_the_figure_never_writes_the_plainer_wins() -> None:
    """ "17.45% of its workforce was on strike" is the share of all staff, not of "staff
    essential to running trains", whose extra words it never writes, in either order."""
    terms = ("on strike", "strike rate")
    staff = Profile("staff", "percent", terms, "Share of SNCF staff on strike")
    essential = Profile("essential", "percent", terms,
                        "Share of SNCF staff essential to running trains on strike")  # fmt: skip
    text = "SNCF said 17.45% of its workforce was on strike on Monday."
    claim = ClaimText(1, "percent", "its workforce was on strike on Monday", text, value=17.45)
    assert decide(claim, [staff, essential]).key == "staff"
    assert decide(claim, [essential, staff]).key == "staff"
    named = replace(claim, sentence="17.45% of staff essential to running trains was on strike.")
    assert decide(named, [staff, essential]).key != "staff"


def test_a_figure_its_sentence_dates_years_before_is_history_for_any_quantity() -> None:
    """ "At the height of the 1995 strikes, 85% of drivers walked out", in 2018, is no figure
    of the strike rate the news reports, running total or not."""
    rate = Profile("rate", "percent", ("walked out", "strike rate"), "Share of drivers on strike")
    text = "At the height of the 1995 strikes, 85% of drivers walked out."
    past = ClaimText(1, "percent", "drivers walked out", text, value=85.0,
                     period=(date(1995, 1, 1), date(1995, 12, 31)), period_stated=True,
                     history=True)  # fmt: skip
    assert decide(past, [rate]).key is None
    assert decide(replace(past, history=False, period=None), [rate]).key == "rate"


def test_a_rule_age_is_in_years_and_a_declared_range_tells_levels_apart() -> None:
    text = "The plan would raise the minimum retirement age from 62 to 64 by 2030."
    found = {c.figure: c for c in extract_claims(SourceText(text, 0), date(2023, 1, 19))}
    assert (found["62"].unit, found["64"].unit) == ("years", "years")
    terms = ("retirement age",)
    before = Profile("age-before", "years", terms, "Retirement age before", expected=(60, 62))
    after = Profile("age-after", "years", terms, "Retirement age after", expected=(63, 65))
    for figure, key in (("62", "age-before"), ("64", "age-after")):
        claim = ClaimText(1, "years", "the minimum retirement age", text, value=float(figure))
        assert decide(claim, [before, after]).key == key
    # A figure no range holds is left to the words: two alike quantities stay undecided.
    odd = ClaimText(1, "years", "the minimum retirement age", text, value=70.0)
    assert decide(odd, [before, after]).key is None


def test_a_figure_naming_one_kind_of_count_is_not_another_kind_s() -> None:
    day = (date(2023, 3, 23), date(2023, 3, 23))
    marchers = Profile("marchers", "count", ("people", "protesters"),
                       "People who marched in the 23 March protests", period=day)  # fmt: skip
    arrests = Profile("arrests", "count", ("arrested",), "Arrests during the 23 March protests",
                      period=day)  # fmt: skip
    sentence = "Police said 457 people had been arrested during the protests."
    claim = ClaimText(1, "count", "people had been arrested", sentence, period=day)
    assert decide(claim, [marchers, arrests]).key == "arrests"
    marched = ClaimText(2, "count", "protesters marched", "1 million protesters marched.",
                        period=day)  # fmt: skip
    assert decide(marched, [marchers, arrests]).key == "marchers"


def test_a_figure_counting_the_one_quantity_s_kind_is_linked_with_no_term_shared() -> None:
    """ "A toll of 373" shares no term with a quantity of deaths whose terms are "died" and
    "killed", but counts what its label names; two quantities of deaths leave it undecided."""
    month = (date(2018, 8, 1), date(2018, 8, 31))
    deaths = Profile("deaths", "count", ("died", "killed"), "Deaths in the Kerala floods",
                     period=month)  # fmt: skip
    camps = Profile("camps", "count", ("camps",), "People in Kerala's relief camps", period=month)
    sentence = "The authority had given a toll of 373 and said 1.2 million were in the camps."
    claim = ClaimText(1, "count", "the authority had given a toll", sentence, period=month)
    assert decide(claim, [deaths, camps]).key == "deaths"
    cattle = Profile("cattle", "count", ("cattle",), "Cattle dead in the Kerala floods",
                     period=month)  # fmt: skip
    assert decide(claim, [deaths, camps, cattle]).key is None
    # Members of one family differ only by place: the family is the one of that kind.
    kerala = replace(deaths, key="deaths-kerala", family="deaths", place="Kerala")
    india = replace(deaths, key="deaths-india", family="deaths", place="India")
    placed = replace(claim, place="Kerala")
    assert decide(placed, [kerala, india, camps]).key == "deaths-kerala"
    # A variant (deaths counted from 8 August) is the same count by another definition: the
    # figure, naming neither definition, is the count the variant varies.
    since = Profile("deaths-since", "count", ("died since August 8",),
                    "Deaths in the Kerala floods since 8 August", period=month,
                    variant_of="deaths")  # fmt: skip
    assert decide(claim, [deaths, since, camps]).key == "deaths"


def test_a_figure_under_a_headline_naming_an_event_goes_to_that_event_s_member() -> None:
    """Under "Camp fire death toll soars to 42", in an article naming California more than
    Butte County, "29 sets of remains" are the Camp Fire's, not the state's wildfires'."""
    month = (date(2018, 11, 1), date(2018, 11, 30))

    def member(key: str, label: str, place: str) -> Profile:
        return Profile(key, "count", ("remains", "killed"), label, family="toll", place=place,
                       period=month)  # fmt: skip

    camp = member("camp", "People killed in the Camp Fire, Butte County", "Butte County")
    state = member("state", "People killed in California wildfires", "California")
    sentence = "The sheriff said 29 sets of remains had been found."
    headline = "Camp fire death toll soars to 42, now the deadliest in California history"
    claim = ClaimText(1, "count", "sets of remains had been found", sentence, place="California",
                      place_inferred=True, period=month, event=named_event(sentence, headline))  # fmt: skip
    assert decide(claim, [camp, state]).key == "camp"
    stated = replace(claim, place_inferred=False)  # "in California": the state's, as said
    assert decide(stated, [camp, state]).key == "state"


def test_a_figure_whose_subject_is_it_counts_what_the_sentence_before_names() -> None:
    missing = Profile("missing", "count", ("missing", "names on the list"), "People missing")
    previous = "Early last week there were around 200 names on the list."
    claim = ClaimText(1, "count", "By Saturday it", "By Saturday it had jumped to 1,267.",
                      previous)  # fmt: skip
    assert [c.key for c in rank_quantities(claim, [missing])] == ["missing"]


@pytest.mark.parametrize(
    ("counted", "part"),
    [
        ("passengers were rescued", "passengers"),
        ("crew members were still missing", "crew"),
        ("civilian divers also died during the operation", "rescuers"),
        ("adults had died at the school", "adults"),
        ("students were among the dead", "students"),
        ("people were rescued", None),
    ],
)
def test_a_part_of_those_aboard_or_of_the_dead_is_a_subgroup(counted: str, part: str) -> None:
    """Who a count is of, when it names a part: its passengers, crew, divers, adults or
    students are no count of everyone, and a quantity of everyone fits them poorly."""
    assert subgroup(counted) == part
    everyone = Profile("rescued", "count", ("rescued", "missing", "died", "dead"), "People rescued")
    claim = ClaimText(1, "count", counted, f"Officials said 40 {counted}.")
    assert (decide(claim, [everyone]).key is None) == (part is not None)


def test_a_label_naming_a_cause_does_not_count_that_subgroup() -> None:
    """ "Votes lost to police closures" counts votes, not police officers."""
    lost = Profile("lost", "count", ("could not be cast", "votes"), "Votes lost to police closures")
    cast = Profile("cast", "count", ("ballots", "cast", "counted"), "Ballots counted")
    sentence = "About 770,000 votes could not be cast or counted because police closed schools."
    counted = "votes could not be cast or counted because police closed schools"
    assert decide(ClaimText(1, "count", counted, sentence), [lost, cast]).key == "lost"


def test_a_name_before_the_figure_says_whose_count_it_is() -> None:
    """Who promised it is named before the figure, after an aside: the donor's pledge, not the
    total of all pledges, whose terms are only the verbs."""
    total = Profile(
        "total", "EUR", ("promised", "pledged"), "Total pledged to rebuild the cathedral"
    )
    donor = Profile("donor", "EUR", ("Bettencourt", "L'Oreal"), "Pledge by the Bettencourt family")
    sentence = (
        "The Bettencourt Foundation, of the L'Oreal fortune, has also promised 200 million euros."
    )
    start = sentence.index("200")
    claim = ClaimText(1, "EUR", "has also promised", sentence, figure_start=start)
    assert decide(claim, [total, donor]).key == "donor"
    # A name before another figure of the sentence is that figure's.
    other = "Bettencourt gave 200 million euros, and Hidalgo promised 50 million euros."
    later = ClaimText(2, "EUR", "Hidalgo promised", other, figure_start=other.index("50 million"))
    assert decide(later, [total, donor]).key == "total"


def test_a_figure_under_one_disaster_s_headline_is_not_another_disaster_s() -> None:
    camp = Profile("camp", "count", ("remains",), "People killed in the Camp Fire")
    woolsey = Profile("woolsey", "count", ("died",), "People killed in the Woolsey fire")
    sentence = "The sheriff said 88 people had died."
    event = named_event(sentence, "Camp Fire toll rises to 88 as rain slows the search")
    claim = ClaimText(1, "count", "people had died", sentence, event=event)
    assert decide(claim, [camp, woolsey]).key is None  # "died" alone: the Woolsey fire's term
    counted = "people had died and sets of remains were found"
    remains = ClaimText(2, "count", counted, f"Officials said 88 {counted}.", event=event)
    assert decide(remains, [camp, woolsey]).key == "camp"


def test_a_place_past_another_figure_is_that_figure_s() -> None:
    sentence = (
        "In the four weeks since 12 February there were 151 confirmed cases, 41% of them in "
        "the West Midlands, 26% in London and 12% in the North West."
    )
    start = sentence.index("151")
    assert scope_of("confirmed cases", sentence, start, start + 3) is None
    at = sentence.index("26%")
    assert scope_of(None, sentence, at, at + 3) == "London"
    # and one in an earlier clause, right after another figure, is that figure's too
    sentence = (
        "The final figures are far below the early estimates that 10,000 had died in Leyte, "
        "which the president dismissed, but well above his prediction that the toll would be "
        "2,000 to 2,500."
    )
    at = sentence.index("2,000 to")
    assert scope_of("the toll would", sentence, at, at + 14, "Philippines") is None
    at = sentence.index("10,000")
    assert scope_of("had died in Leyte", sentence, at, at + 6, "Philippines") == "Leyte"
    # a place leading the clause of a figure stays its own
    sentence = "Some 5,894 died in Turkey, while in Syria the toll rose to 1,932."
    at = sentence.index("1,932")
    assert scope_of(None, sentence, at, at + 5) == "Syria"


def _linked(runner: CliRunner, folder: Path, catalogue: str, article: str) -> dict[str, str]:
    """Load a catalogue, ingest one article, and give each figure's quantity."""
    (folder / "catalogue.toml").write_text(catalogue, encoding="utf-8")
    ok(runner, "quantities", "load", str(folder / "catalogue.toml"))
    (folder / "article.txt").write_text(article, encoding="utf-8")
    ok(runner, "ingest", str(folder / "article.txt"))
    claims = json.loads(ok(runner, "claims", "--format", "json"))
    return {c["figure"]: c["quantity"] for c in claims}


def test_a_figure_goes_to_the_definition_its_words_name_else_the_one_varied(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    """Detentions the government counted and those observers counted are two definitions of
    one count: a figure the observers are named for is theirs, one naming neither the
    government's, whose quantity the observers' varies."""
    catalogue = (
        '[[quantity]]\nkey = "detained"\nlabel = "People detained in the protests"\n'
        'unit = "count"\nterms = ["detained"]\n\n'
        '[[quantity]]\nkey = "detained-indh"\nlabel = "People detained (INDH observers)"\n'
        'unit = "count"\nterms = ["detained", "INDH"]\nvariant_of = "detained"\n'
    )
    article = (
        "date: 2019-10-28\n\nThe INDH said 2,840 people had been detained since Friday.\n\n"
        "A ministry report put the number of people detained at 9,203.\n"
    )
    linked = _linked(runner, tmp_path, catalogue, article)
    assert linked == {
        "2,840": "detained-indh", "9,203": "detained",
    }  # fmt: skip


def test_a_figure_that_adds_to_a_running_total_is_not_its_level(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    """ "18 more suspects" were detained overnight: a change of the running total of those
    held (58), which is no lower figure for it; "a further 56 cases" a week still goes to a
    weekly count, which is no running total."""
    catalogue = (
        '[[quantity]]\nkey = "held"\nlabel = "Suspects detained since Sunday"\n'
        'unit = "count"\nterms = ["detained", "held", "suspects"]\ncumulative = true\n\n'
        '[[quantity]]\nkey = "weekly"\nlabel = "Measles cases confirmed in the week"\n'
        'unit = "count"\nterms = ["cases"]\n'
    )
    article = (
        "date: 2019-04-24\n\nSecurity forces detained 18 more suspects in overnight raids, "
        "bringing the number of suspects held since Sunday to 58.\n\n"
        "On Thursday the agency reported a further 56 laboratory-confirmed cases.\n"
    )
    linked = _linked(runner, tmp_path, catalogue, article)
    assert (linked["58"], linked["18"], linked["56"]) == ("held", None, "weekly")


def test_a_part_of_a_figure_before_it_joins_no_proposal_of_its_kind(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    """With no catalogue, figures of the injured are grouped by their kind alone; "of those,
    2,063 were hurt by gunfire, including 1,624 by pellets" are parts of the 3,649, not its
    rivals. A part in a place of its own ("including 80,000 in Paris") is that place's count."""
    for name, text in (
        ("one.txt", "date: 2019-12-27\n\nThe INDH said 3,649 people had been treated for "
         "injuries. Of those, 2,063 were hurt by gunfire, including 1,624 by pellets.\n"),
        ("two.txt", "date: 2019-12-28\n\nThe ministry said 3,400 people had been injured "
         "in the unrest.\n"),
    ):  # fmt: skip
        (tmp_path / name).write_text(text, encoding="utf-8")
    ok(runner, "ingest", str(tmp_path / "one.txt"), str(tmp_path / "two.txt"))
    claims = {
        c["figure"]: c["quantity"] for c in json.loads(ok(runner, "claims", "--format", "json"))
    }
    assert claims["3,649"] is not None
    assert claims["3,649"] == claims["3,400"]
    assert claims["2,063"] is None
    assert claims["1,624"] is None
    assert part_of("Of those, 2,063 were hurt by gunfire.", 10, 15)
    assert not part_of("Most of them were women, and 2,063 were hurt.", 29, 34)
    assert not part_of("Deaths since 18 October: at least 19", 25, 36)


def test_a_multiple_comparing_two_figures_and_what_a_report_adds_are_no_toll(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    """ "111 Texans died, nearly double the 57 first reported": the multiple is worked out
    from the two figures, not a toll of 114; "adds 36 deaths to the toll" is a change."""
    catalogue = (
        '[[quantity]]\nkey = "deaths"\nlabel = "People killed by the storm"\n'
        'unit = "count"\nterms = ["died", "deaths", "toll"]\ncumulative = true\n'
    )
    article = (
        "date: 2021-04-01\n\nThe agency said 111 Texans died in the storm, nearly double "
        "the 57 deaths it reported in its first count.\n\n"
        "A later report adds 36 deaths to the toll, which it now puts at 246. Three people "
        "died on Saturday and eight on Sunday, it said.\n"
    )
    linked = _linked(runner, tmp_path, catalogue, article)
    assert linked["111"] == linked["57"] == linked["246"] == "deaths"
    assert linked["nearly double the 57"] is None
    assert linked["36"] is None
    assert linked["Three"] is linked["eight"] is None  # a day's deaths: no level of the toll


def test_a_running_count_since_a_day_takes_no_figure_from_before_it(
    db_url: str, runner: CliRunner, tmp_path: Path
) -> None:
    catalogue = (
        '[[quantity]]\nkey = "cases-since-oct"\nlabel = "Measles cases since 1 October 2023"\n'
        'unit = "count"\nterms = ["cases"]\n'
    )
    article = (
        "date: 2024-02-15\n\nThe agency has recorded 521 confirmed cases since October.\n\n"
        "Between November 2017 and June 2018, an outbreak grew to 116 confirmed cases.\n"
    )
    linked = _linked(runner, tmp_path, catalogue, article)
    assert linked["521"] == "cases-since-oct"
    assert linked["116"] != "cases-since-oct"


@pytest.mark.parametrize(
    ("text", "figure", "speaker"),
    [
        ("The Civil Human Rights Front organised the march. The week before, the front said "
         "1.03 million people had marched, while the police estimate was 240,000.",
         "1.03 million", "Civil Human Rights Front"),
        ("The Civil Human Rights Front organised the march. The week before, the front said "
         "1.03 million people had marched, while the police estimate was 240,000.",
         "240,000", "police"),
        ("Organisers of Sunday's protest in Hong Kong say almost 2 million people took part.",
         "almost 2 million", "organisers"),
    ],
)  # fmt: skip
def test_the_speaker_is_the_organisation_named_before_not_a_place(
    text: str, figure: str, speaker: str
) -> None:
    found = {c.figure: c for c in extract_claims(SourceText(text, 0), date(2019, 6, 17))}
    assert found[figure].stated_by == speaker


def test_a_label_s_date_is_its_period_and_an_earlier_event_s_toll_is_not_its() -> None:
    from provenance.extract.context import named_period

    assert named_period("People killed by the 4 August 2020 Beirut explosion", True) == (
        date(2020, 8, 4),
        date.max,
    )
    sentence = "The 2005 bombing killed Rafik Hariri and 21 other people."
    assert as_of(sentence, date(2020, 8, 5), sentence.index("21")) == "2005"
    toll = Profile("deaths", "count", ("killed",), "People killed by the blast",
                   period=(date(2020, 8, 4), date.max), cumulative=True)  # fmt: skip
    earlier = ClaimText(1, "count", "other people", sentence, period=(date(2005, 1, 1),
                        date(2005, 12, 31)), period_stated=True)  # fmt: skip
    assert decide(earlier, [toll]).key is None


def test_running_totals_take_neither_windows_flows_targets_nor_other_case_definitions() -> None:
    since = (date(2023, 10, 1), date.max)
    total = Profile("cases-since-oct", "count", ("confirmed cases", "cases"),
                    "Confirmed measles cases since 1 October 2023", period=since,
                    cumulative=True)  # fmt: skip

    def claim(counted: str, sentence: str, period: tuple[date, date] | None = None) -> ClaimText:
        start = sentence.index("#")
        return ClaimText(1, "count", counted, sentence.replace("#", "9"), figure_start=start,
                         figure_end=start + 1, period=period, period_stated=period is not None)  # fmt: skip

    level = claim("confirmed cases", "There have been # confirmed cases.")
    assert decide(level, [total]).key == "cases-since-oct"
    month = claim("confirmed cases", "In November 2023 there were # confirmed cases.",
                  (date(2023, 11, 1), date(2023, 11, 30)))  # fmt: skip
    assert decide(month, [total]).key is None
    assert decide(claim("confirmed cases", "A further # confirmed cases."), [total]).key is None
    assert decide(claim("probable cases", "There were # probable cases."), [total]).key is None
    target = claim("confirmed cases", "Below the # cases that the plan says is needed.")
    assert decide(target, [total]).key is None


def test_a_total_named_before_its_figure_is_what_it_counts() -> None:
    from provenance.extract.context import counted_of

    sentence = "The blast injured 40 more, bringing the death toll to 137, officials said."
    start = sentence.index("137")
    assert counted_of(sentence, start, start + 3) == "the death toll"


def test_an_article_s_place_is_not_one_it_says_it_is_outside_or_an_agency_s_country() -> None:
    from provenance.extract.context import main_place

    opening = "The UK Health Security Agency said clusters are appearing across England."
    assert main_place(opening, "Measles spreads outside West Midlands") == "England"
    # A dateline with its country is where the reporter filed from, not what it is about.
    filed = "GENEVA, Switzerland (AP) — Lebanon's toll rose to 137, its health ministry said."
    assert main_place(filed) == "Lebanon"
    # so is a dateline in title case, when it is a place: the quake is not Rabat's
    filed = "Rabat - At least 2,012 people were killed in the quake in Al Haouz, Morocco."
    assert main_place(filed) == "Morocco"
    body = "title: Quake toll passes 2,000\ndate: 2023-09-09\n---\n" + filed
    [killed] = [c for c in extract_claims(read_text(body)) if c.figure == "At least 2,012"]
    assert killed.scope == "Morocco"
    assert killed.sentence.startswith("At least")
    # "NHS England" is a body, as "the UK Health Security Agency" is
    nhs = "Fire crews fought the blaze in London for hours. NHS England said 37 were in hospital."
    assert main_place(nhs, "Tower fire toll rises") == "London"


def test_a_body_speaking_for_a_place_holding_the_article_s_gives_no_place() -> None:
    sentence = "Spain's interior ministry said 431 police officers had been hurt."
    start = sentence.index("431")
    # in a story on Catalonia, the officers were hurt there, not across Spain
    assert scope_of(None, sentence, start, start + 3, "Catalonia") is None
    # a body of another country, or of a town inside the story's place, is the figure's place
    assert scope_of(None, sentence, start, start + 3, "France") == "Spain"
    sentence = "Barcelona city police said 350,000 people marched."
    assert scope_of(None, sentence, 27, 34, "Catalonia") == "Barcelona"
    # a body that does not speak: where it acts is the figure's place
    sentence = "Spain's interior ministry sent 10,000 officers."
    start = sentence.index("10,000")
    assert scope_of(None, sentence, start, start + 6, "Catalonia") == "Spain"


@pytest.mark.parametrize(
    ("text", "figure", "speaker"),
    [
        ("In Marseille police counted 26,000 marchers and the CGT 140,000.", "140,000", "CGT"),
        ("In Marseille police counted 26,000 marchers and the CGT 140,000.", "26,000", "Marseille police"),
        ("The ministry counted 1.23 million marchers while the unions claimed 3.5 million.",
         "3.5 million", "unions"),
        ("Workers said output fell by 7,000 megawatts, while grid operator RTE put the "
         "reduction at 5,000 megawatts.", "5,000 megawatts", "RTE"),
        ("Police put the turnout at 190,000, while independent researchers using crowd-counting "
         "methods estimated it at around 250,000.", "around 250,000", "independent researchers"),
    ],
)  # fmt: skip
def test_each_source_of_two_in_one_sentence_keeps_its_figure(
    text: str, figure: str, speaker: str
) -> None:
    found = {c.figure: c for c in extract_claims(SourceText(text, 0), date(2023, 1, 20))}
    assert found[figure].stated_by == speaker


def test_a_running_total_dated_on_its_event_is_dated_when_it_was_reported() -> None:
    def toll(i: int, value: int, day: int, published: date) -> Figure:
        when = (date(2020, 8, day), date(2020, 8, day))
        return Figure(i, Decimal(value), Decimal(value), Hedge.EXACT, when, published=published)

    figures = [
        toll(1, 78, 4, date(2020, 8, 5)),  # given on Tuesday, printed on Wednesday
        toll(2, 135, 5, date(2020, 8, 6)),
        toll(3, 190, 4, date(2020, 8, 31)),  # "the blast on 4 August killed about 190"
    ]
    comparison = compare_figures(figures, cumulative=True)
    assert {d.explanation for d in comparison.disagreements} == {Explanation.CHANGE_OVER_TIME}


def test_a_figure_with_no_date_of_its_own_is_of_the_date_its_paragraph_gave() -> None:
    text = (
        "Earlier on 1 July, the annual march drew 550,000 people, organisers said. Police put "
        "the turnout at 190,000.\n\nOn Sunday, 230,000 people took part in Kowloon."
    )
    found = {c.figure: c for c in extract_claims(SourceText(text, 0), date(2019, 7, 9))}
    assert found["190,000"].as_of == "2019-07-01"
    assert found["230,000"].as_of == "2019-07-07"
    text = (
        "That takes the total since 1 October 2023 to 521.\n\n"
        "The West Midlands accounts for 69% of those cases.\n\nLondon saw 30 cases."
    )
    found = {c.figure: c for c in extract_claims(SourceText(text, 0), date(2024, 2, 16))}
    assert found["69%"].as_of == found["521"].as_of == "2023-10-01/2024-02-16"
    assert found["30"].as_of == "2024-02-16"  # another paragraph, and nothing refers back


def test_a_figure_counting_things_takes_no_kind_of_toll_from_its_lead() -> None:
    sentence = "The AAPP said it had confirmed 114 civilian deaths in 44 towns."
    claims = [
        ClaimText(1, "count", "civilian deaths in 44 towns", sentence, place="Myanmar",
                  figure_start=sentence.index("114"), figure_end=sentence.index("114") + 3),
        ClaimText(2, "count", "towns", sentence, place="Myanmar",
                  figure_start=sentence.index("44"), figure_end=sentence.index("44") + 2),
        ClaimText(3, "count", "people", "Troops killed 120 people.", place="Myanmar",
                  figure_start=13, figure_end=16),
        ClaimText(4, "count", "hospitals", "They were treated at six hospitals.",
                  place="Myanmar", figure_start=28, figure_end=31),
        ClaimText(5, "count", "people were hospitalised", "Some 40 people were hospitalised.",
                  place="Myanmar", figure_start=5, figure_end=7),
    ]  # fmt: skip
    # the hospitals are no count of the injured, as the hospitalised are
    assert [sorted(p.claim_ids) for p in propose_quantities(claims)] == [[1, 3]]


def test_proposals_read_the_kind_of_count_before_the_figure_and_join_places_they_guessed() -> None:
    def march(i: int, counted: str, lead: str, place: str | None, inferred: bool) -> ClaimText:
        sentence = f"{lead} 9"
        day = (date(2019, 6, 9), date(2019, 6, 9))
        return ClaimText(i, "count", counted, sentence, place=place, place_inferred=inferred,
                         value=float(i), period=day, figure_start=len(lead))  # fmt: skip

    claims = [
        march(240_000, "the peak", "Police said the march peaked at", None, False),
        march(1_030_000, "people took part", "Organisers said", "Hong Kong", False),
        march(1_000_000, "people marched", "More than", "Kowloon", True),
    ]
    groups = [sorted(p.claim_ids) for p in propose_quantities(claims)]
    assert groups == [[240_000, 1_000_000, 1_030_000]]


def test_a_period_read_from_a_label_takes_undated_figures_printed_any_time_after() -> None:
    day = (date(2015, 11, 13), date(2015, 11, 13))
    label = "Paris attackers of 13 November 2015 who fought with IS"
    read = Profile("attackers", "count", ("perpetrators",), label, period=day,
                   period_in_label=True)  # fmt: skip
    declared = replace(read, period_in_label=False)
    later = (date(2017, 9, 17), date(2017, 9, 17))
    claim = ClaimText(1, "count", "of the perpetrators were alleged to have fought with IS",
                      "At least seven of the perpetrators fought with IS.", period=later)  # fmt: skip
    assert decide(claim, [read]).key == "attackers"
    assert decide(claim, [declared]).key is None  # a declared one-day event: two days at most


def test_a_proposed_toll_spans_weeks_but_a_crowd_one_day() -> None:
    def figure(value: int, counted: str, day: int, month: int = 8) -> ClaimText:
        when = (date(2020, month, day), date(2020, month, day))
        return ClaimText(value, "count", counted, None, place="Beirut", value=float(value),
                         period=when)  # fmt: skip

    claims = [
        figure(78, "people were killed", 4),
        figure(135, "dead", 5),
        figure(158, "people have died", 9),
        figure(190, "people were killed", 31),
        figure(218, "people died", 4),  # dated a year on, below: the toll, revised
        figure(5000, "protesters marched", 8),
        figure(7000, "demonstrators", 15),
        figure(5100, "people were injured", 5),
        figure(6500, "wounded", 20, month=12),  # the hurt, counted months on: the same toll
    ]
    claims[4] = replace(claims[4], period=(date(2021, 8, 4), date(2021, 8, 4)))
    earlier = ClaimText(6, "count", "people were killed", None, place="Beirut", value=6.0,
                        period=(date(2012, 5, 1), date(2012, 5, 1)))  # fmt: skip
    claims.append(earlier)  # another disaster, years before: not this toll
    groups = sorted(sorted(p.claim_ids) for p in propose_quantities(claims, minimum=1))
    assert groups == [[6], [78, 135, 158, 190, 218], [5000], [5100, 6500], [7000]]
    sentence = (
        "The death toll from a huge explosion that tore through the port of Beirut on Tuesday "
        "has reached 78, the minister said."
    )
    from provenance.extract.context import counted_of

    start = sentence.index("78")
    assert counted_of(sentence, start, start + 2).startswith("The death toll from a huge")


def test_counts_over_spans_ending_on_other_days_differ_by_time_not_contradiction() -> None:
    def share(i: int, value: int, first: date, last: date) -> Figure:
        source = "agent 1"  # one agency's weekly updates
        return Figure(i, Decimal(value), Decimal(value), Hedge.EXACT, (first, last), source=source)

    weeks = compare_figures(
        [
            share(1, 55, date(2024, 1, 15), date(2024, 2, 16)),
            share(2, 41, date(2024, 2, 12), date(2024, 3, 15)),
        ],
        window=12,
    )
    [disagreement] = weeks.disagreements
    assert disagreement.explanation is Explanation.CHANGE_OVER_TIME
    assert disagreement.note == "counted over different periods"


def test_proposals_keep_the_figures_of_other_topics_apart() -> None:
    day = (date(2023, 3, 7), date(2023, 3, 7))
    claims = [
        ClaimText(
            i,
            "count",
            "people marched",
            None,
            place="Paris",
            value=float(v),
            period=day,
            topics=(topic,),
        )
        for i, (v, topic) in enumerate(
            [(80_000, "pensions"), (700_000, "pensions"), (90_000, "farmers"), (60_000, "farmers")]
        )
    ]
    groups = sorted(sorted(p.claim_ids) for p in propose_quantities(claims))
    assert groups == [[0, 1], [2, 3]]


def test_a_name_holding_a_place_and_a_capital_that_acts_name_no_place() -> None:
    from provenance.extract.context import main_place

    for text in (
        "Scotland Yard said 350 people lived in the tower.",
        "The Irish Times and The Washington Post reported it.",
        "Barcelona publishes its results as Madrid blocks the session.",
        "Shops in the West End lost £10m, and a gauge near Nederland beat Barcelona.",
        "In 1972, 70.88% voted to join the European Economic Community.",
        "The European Commission and the British Museum said so.",
    ):
        assert [f.name for f in find_places(text)] == ["Barcelona"] * text.count("Barcelona")
    assert [f.name for f in find_places("In Madrid, 5,000 marched.")] == ["Madrid"]
    # Nationalities listed before a speaker are the speaker's, not where figures are.
    assert find_places("Belgian and French officials have confirmed it.") == []
    assert find_places("British, French and German officials said so.") == []
    assert [f.name for f in find_places("Belgian and French fighters")] == ["Belgium", "France"]
    # Towns of the size news names are known: the toll there is the town's, not the country's.
    sentence = "Police in Batticaloa said 25 people died at the Zion Church."
    start = sentence.index("25")
    assert scope_of(None, sentence, start, start + 2) == "Batticaloa"
    assert main_place("Bombs hit Colombo and Negombo. In Negombo, 100 died.") == "Negombo"


def test_words_naming_another_quantity_in_what_a_figure_counts_outweigh_its_sentence() -> None:
    residents = Profile("residents", "count", ("lived in the tower", "residents"), "r")
    escaped = Profile("escaped", "count", ("escaped",), "e")
    sentence = "It said 350 people lived in the tower, that 255 of them escaped."
    start = sentence.index("255")
    claim = ClaimText(1, "count", "them escaped", sentence, figure_start=start, value=255)
    assert decide(claim, [residents, escaped]).key == "escaped"


def test_a_count_of_part_of_a_population_is_its_own_quantity() -> None:
    tolls = [
        _proposed("people were killed in the bombings", 290, 22),
        _proposed("the number of people killed", 321, 23),
        _proposed("foreigners were among the dead", 32, 22),
        _proposed("foreign nationals had been killed", 37, 23),
        _proposed("children had been killed", 45, 23),  # one part alone: no proposal
    ]
    groups = sorted(sorted(p.claim_ids) for p in propose_quantities(tolls))
    assert groups == [[32, 37], [290, 321]]
    everyone = Profile("injured", "count", ("injured", "hurt"), "People injured on 1 October")
    police = Profile("police-injured", "count", ("injured", "hurt"), "Police officers injured")
    sentence = "The ministry said 431 police officers had been hurt."
    officers = ClaimText(1, "count", "police officers had been hurt", sentence, value=431)
    assert decide(officers, [everyone, police]).key == "police-injured"
    people = ClaimText(2, "count", "people had been hurt, police said", sentence, value=844)
    assert decide(people, [everyone, police]).key == "injured"


def test_weak_evidence_links_only_when_nothing_else_fits() -> None:
    calls = Profile("calls", "count", ("calls",), "Calls to the casualty bureau")
    sentence = "More than 6,000 people rang, relatives whose calls kept the bureau busy."
    claim = ClaimText(1, "count", "people", sentence, value=6000)
    assert decide(claim, [calls]).key == "calls"  # one term in its sentence, and no rival
    # ... but not to start a member of its family for a new place
    family = Profile(
        "calls-uk", "count", ("calls",), "Calls", family="calls", place="United Kingdom"
    )
    elsewhere = replace(claim, place="Iraq")
    assert decide(elsewhere, [family]).family is None
    relatives = Profile("relatives", "count", ("relatives",), "Relatives")
    assert decide(claim, [calls, relatives]).key is None  # a rival as good: nobody decides


def test_a_toll_of_one_day_printed_on_later_days_is_ordered_by_when_it_was_printed() -> None:
    """Tolls of the 21 April bombings given on the 22nd and 23rd: growth, in print order; a
    lower one printed later contradicts."""
    sunday = (date(2019, 4, 21), date(2019, 4, 21))

    def printed(i: int, value: int, day: int) -> Figure:
        return Figure(i, Decimal(value), Decimal(value), Hedge.EXACT, sunday,
                      published=date(2019, 4, day))  # fmt: skip

    grew = compare_figures([printed(1, 290, 22), printed(2, 321, 23)], cumulative=True)
    assert grew.disagreements[0].explanation is Explanation.CHANGE_OVER_TIME
    fell = compare_figures([printed(1, 359, 24), printed(2, 253, 25)], cumulative=True)
    assert fell.disagreements[0].verdict == "contradiction"
    # With no catalogue, a proposed toll is compared as a running total too.
    tolls = [_proposed("people were killed", 290, 22), _proposed("people died", 321, 23)]
    crowd = [_proposed("marchers", 240_000, 9), _proposed("people marched", 300_000, 9)]
    running = {p.claim_ids: p.cumulative for p in propose_quantities(tolls + crowd)}
    assert running == {(290, 321): True, (240_000, 300_000): False}


def test_a_figure_an_article_gives_as_superseded_is_an_earlier_figure() -> None:
    day = (date(2020, 8, 5), date(2020, 8, 5))
    given = "The minister said the toll had reached 135."
    earlier = "Earlier on Wednesday he had given a figure of 113 dead."
    figures = [
        Figure(1, Decimal(113), Decimal(113), Hedge.EXACT, day, document=9, quote=earlier),
        Figure(2, Decimal(135), Decimal(135), Hedge.EXACT, day, document=9, quote=given),
    ]
    [d] = compare_figures(figures).disagreements
    assert (d.verdict, d.note) == ("change over time", "an earlier figure, given again")
    # A running total the article gives as lower now than before contradicts itself.
    figures[0] = figures[0]._replace(low=Decimal(359), high=Decimal(359))
    [d] = compare_figures(figures, cumulative=True).disagreements
    assert d.verdict == "contradiction"
    # Rival counts of one day are no earlier figures: "earlier" alone says nothing.
    rivals = [
        figures[1]._replace(id=1, quote="Earlier on 1 July, the march drew 550,000."),
        figures[1]._replace(id=2, low=Decimal(190000), high=Decimal(190000)),
    ]
    assert compare_figures(rivals).disagreements[0].verdict == "contradiction"


def test_a_day_s_result_reported_days_later_is_its_when_the_catalogue_says_it_holds() -> None:
    """An undated figure in an article three days after a one-day event is another day's, unless
    the catalogue declares that figures months apart are of one time (a referendum's result)."""
    day = (date(2016, 6, 23), date(2016, 6, 23))
    sentence = "Turnout was 71.8%, the highest for a UK-wide vote since 1992."
    claim = ClaimText(
        1, "percent", "Turnout", sentence, place="United Kingdom",
        period=(date(2016, 6, 26), date(2016, 6, 26)),
    )  # fmt: skip
    fixed = Profile("turnout", "percent", ("turnout",), "Turnout", place="United Kingdom",
                    period=day, window_days=6 * 30.44)  # fmt: skip
    assert decide(claim, [fixed]).key == "turnout"
    assert decide(claim, [replace(fixed, window_days=None)]).key is None


def test_a_running_total_of_a_month_s_event_takes_its_later_figures() -> None:
    """August's floods' toll, given in September, is the same toll as known then; a count of
    a month that is no running total is not."""
    august = (date(2018, 8, 1), date(2018, 8, 31))
    toll = Profile("toll", "count", ("the toll", "died"), "Flood deaths", place="India",
                   period=august, cumulative=True)  # fmt: skip
    claim = ClaimText(1, "count", "the toll", "By 3 September the toll stood at 488.",
                      place="India", period=(date(2018, 9, 3), date(2018, 9, 3)),
                      period_stated=True)  # fmt: skip
    assert decide(claim, [toll]).key == "toll"
    assert decide(claim, [replace(toll, cumulative=False)]).key is None
    earlier = replace(claim, period=(date(2018, 6, 3), date(2018, 6, 3)))
    assert decide(earlier, [toll]).key is None  # before the floods: not their toll


def test_a_list_item_s_own_words_say_which_quantity_over_its_heading() -> None:
    total = Profile("total", "EUR", ("pledged", "promised", "promises"), "Total pledged",
                    place="Paris")  # fmt: skip
    pinault = Profile("pinault", "EUR", ("Pinault",), "Pledge by the Pinault family",
                      place="Paris")  # fmt: skip
    item = ClaimText(1, "EUR", "- (The biggest promises so far include)",
                     "- €100m from the Pinault family", place="Paris")  # fmt: skip
    assert decide(item, [total, pinault]).key == "pinault"
    prose = replace(item, sentence="The biggest promises, €100m, came as Pinault spoke.")
    assert decide(prose, [total, pinault]).key != "pinault"  # not an item: the heading counts


def test_an_article_on_a_country_gives_its_figures_to_the_one_member_inside_it() -> None:
    total = Profile("total", "EUR", ("pledged",), "Total pledged", place="Paris")
    claim = ClaimText(1, "EUR", "pledged", "Donors have pledged €850m.", place="France",
                      place_inferred=True)  # fmt: skip
    assert decide(claim, [total]).key == "total"
    stated = replace(claim, place_inferred=False)  # "in France": another place's figure
    assert decide(stated, [total]).key is None


def test_a_share_of_people_from_a_place_keeps_that_place() -> None:
    """The founding example: "roughly 10%" are of the Europeans who went, not of Libya."""
    from provenance.extract.context import scope_of

    sentence = ("Between 4,000 and 6,000 people from European countries have gone to fight in "
                "Syria, Iraq and Libya, and roughly 10% are thought to have come back.")  # fmt: skip
    start = sentence.index("roughly 10%")
    assert scope_of("are thought to have come back", sentence, start, start + 11) == "Europe"


def test_a_figure_a_place_is_home_to_does_not_count_what_the_place_became() -> None:
    from provenance.extract.context import counted_of

    sentence = (
        "He said a coastal district that had been home to between 10,000 and 12,000 people "
        "was now deserted and that many bodies may have been carried out to sea."
    )
    start = sentence.index("between")
    end = sentence.index(" people")
    assert counted_of(sentence, start, end) == "people"


def test_a_country_s_count_goes_to_the_one_province_among_the_family_s_places() -> None:
    """A quake's toll given for Indonesia, in a family of Central Sulawesi and its towns, is
    the province's, as is one whose place is only the article's (guessed); not when the
    family has a member elsewhere."""
    from provenance.places import is_division, known

    assert known("Sulawesi Tengah") == known("Central Sulawesi") == "Central Sulawesi"
    assert is_division("Central Sulawesi")
    assert not is_division("Palu")
    assert nests("Central Sulawesi", "Indonesia")
    places = ("Central Sulawesi", "Palu", "Donggala")  # Donggala: a town it does not know
    members = [_member(f"deaths-{place.lower().replace(' ', '-')}", place) for place in places]
    said = "The toll from the quake on Indonesia's Sulawesi island rose to 1,234, the agency said."
    claim = ClaimText(1, "count", "people killed", said, value=1234, place="Indonesia")
    decided = decide(claim, members)
    assert decided.key == "deaths-central-sulawesi"
    assert "its only province in Indonesia" in decided.reasons[-1]
    guessed = replace(claim, place_inferred=True)
    assert decide(guessed, members).key == "deaths-central-sulawesi"
    abroad = [*members, _member("deaths-java", "West Java")]
    assert decide(claim, abroad).key is None  # two provinces: which one is not said
    # the same when the catalogue taught the town, placing it in Indonesia, as ingest does
    from provenance.places import taught

    with taught([("Donggala", "Indonesia")]):
        assert decide(claim, members).key == "deaths-central-sulawesi"


def test_the_number_of_people_killed_by_a_long_description_is_what_it_counts() -> None:
    from provenance.extract.context import counted_of

    sentence = (
        "The number of people killed by last Friday's earthquake, tsunami and liquefaction in "
        "Central Sulawesi rose to 1,424 by Thursday afternoon, the agency said."
    )
    start = sentence.index("1,424")
    assert counted_of(sentence, start, start + 5) == (
        "The number of people killed by last Friday's earthquake, tsunami and liquefaction in "
        "Central Sulawesi"
    )


def test_a_share_for_a_side_counts_that_side() -> None:
    from provenance.extract.context import counted_of

    sentence = "The No camp had 59.7 percent of the vote against 40.3 percent for Yes, data showed."
    start = sentence.index("40.3")
    assert counted_of(sentence, start, start + len("40.3 percent")) == "for Yes"
    count = "Police held 40 people for Extinction Rebellion protests."  # not a share
    start = count.index("40")
    assert counted_of(count, start, start + 2) != "for Extinction Rebellion"


def test_a_list_item_naming_a_county_counts_what_its_list_counts_there() -> None:
    """ "- Harris County: 43" under "Deaths by county": deaths, in Harris County, though the
    gazetteer does not know the county; the state's toll is another place's."""
    text = (
        "Texas health officials said 246 deaths were linked to the storm.\n\n"
        "Deaths by county, according to the report:\n\n- Harris County: 43\n- Travis County: 28\n"
    )
    source = SourceText(text, 0)
    claims = {c.figure: c for c in extract_claims(source, published=date(2022, 1, 3))}
    assert claims["43"].scope == "Harris County"
    assert not claims["43"].scope_inferred
    assert "Deaths" in (claims["43"].counted or "")
    assert claims["28"].scope == "Travis County"
    assert claims["246"].scope == "Texas"


def test_a_time_after_a_figure_is_not_what_it_counts() -> None:
    from provenance.extract.context import counted_of

    sentence = "The exit poll gave Yes between 42 and 46 percent when voting closed at 11 p.m."
    start = sentence.index("between 42")
    counted = counted_of(sentence, start, start + len("between 42 and 46 percent"))
    assert counted is not None
    assert "voting" not in counted


def test_a_taught_place_naming_an_event_in_a_headline_is_not_the_article_s() -> None:
    from provenance.extract.context import main_place
    from provenance.places import taught

    body = "Officials said 2,000 people had died in the mountains."
    with taught([("Al Haouz", "Morocco")]):
        assert main_place(body, "Al Haouz quake: toll passes 2,000") == "Morocco"
        assert main_place(body, "Toll in Al Haouz passes 2,000") == "Al Haouz"
