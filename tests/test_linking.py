"""Linking claims to quantities: scoring, the clear-winner rule, scope, proposals."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from provenance.extract import extract_claims, read_text
from provenance.extract.context import relative_place, scope_of, summed_place
from provenance.linking import (
    ClaimText,
    Profile,
    choose,
    decide,
    moved,
    named_event,
    named_side,
    part_of,
    proposal_block,
    propose_quantities,
    rank_quantities,
    side_of,
)

RETURNED = ("returned", "came back", "come back", "returnees", "gone home")
CATALOGUE = [
    Profile("returned-share", "percent", RETURNED, "Share of fighters who returned"),
    Profile("returned-number", "count", RETURNED, "Fighters who returned"),
    Profile("travelled-total", "count", ("travelled", "went to fight"), "Fighters who travelled"),
    Profile("female-share", "percent", ("women", "female"), "Share of fighters who are women"),
    Profile("uk-returned", "count", RETURNED, "Britons who returned", requires=("British", "UK")),
]


def _link(unit: str, counted: str, sentence: str, previous: str | None = None) -> str | None:
    chosen = choose(rank_quantities(ClaimText(1, unit, counted, sentence, previous), CATALOGUE))
    return chosen.key if chosen else None


def test_unit_decides_between_share_and_number() -> None:
    sentence = "Officials say 25% of them, about 900 people, came back last year."
    assert _link("percent", "of them came back last year", sentence) == "returned-share"
    assert _link("count", "people came back last year", sentence) == "returned-number"


def test_stems_match_word_forms() -> None:
    assert _link("count", "men who had travelled there", "About 900 men had travelled.") == (
        "travelled-total"
    )


def test_a_share_that_points_back_uses_the_sentence_before() -> None:
    previous = "Some 5,000 people went to fight in the region."
    assert _link("percent", "of those are women", "Of those, 12% are women.", previous) == (
        "female-share"
    )


def test_scope_is_required_and_preferred_when_named() -> None:
    sentence = "Another 200 British nationals have come back, the ministry said."
    assert _link("count", "British nationals have come back", sentence) == "uk-returned"
    europe = "Across Europe, 900 fighters have come back."
    assert _link("count", "fighters have come back", europe) == "returned-number"


def test_no_evidence_or_a_close_race_links_nothing() -> None:
    assert _link("count", "buses were late", "Some 40 buses were late.") is None
    tied = [Profile("a", "count", ("arrests",), "A"), Profile("b", "count", ("arrests",), "B")]
    claim = ClaimText(1, "count", "arrests were made", "Police made 12 arrests.")
    candidates = rank_quantities(claim, tied)
    assert [c.key for c in candidates] == ["a", "b"]
    assert choose(candidates) is None


def test_reasons_say_where_terms_were_found() -> None:
    claim = ClaimText(1, "count", "people came back", "Officials say 900 people came back.")
    best = rank_quantities(claim, CATALOGUE)[0]
    assert best.key == "returned-number"
    assert best.reasons == ("'came back' in what it counts",)


def test_alike_unlinked_claims_are_proposed_together() -> None:
    claims = [
        ClaimText(1, "count", "ferries cancelled because of the storm", None),
        ClaimText(2, "count", "ferries were cancelled because of storms", None),
        ClaimText(3, "count", "ferries sailed", None),
        ClaimText(4, "percent", "ferries cancelled because of the storm", None),
    ]
    [proposal] = propose_quantities(claims)
    assert proposal.claim_ids == (1, 2)
    assert proposal.label == "ferries cancelled"


def test_two_named_disasters_tolls_are_proposed_apart() -> None:
    """With no catalogue, the Camp Fire's dead and the Woolsey fire's, both in California, are
    two tolls; a toll whose sentence names no fire goes with the fire named most."""
    sentences = {
        1: ("people killed", "The Camp Fire has killed 42 people.", "Camp Fire toll rises"),
        2: ("people died", "At least 48 people died in the Camp Fire.", None),
        3: ("people killed", "The toll rose to 56 people killed.", "Camp Fire toll rises"),
        4: ("people killed", "The Woolsey fire has killed two people.", "Camp Fire toll rises"),
        5: ("people died", "Three people died in the Woolsey fire.", None),
    }
    claims = [
        ClaimText(
            i, "count", counted, sentence, place="California", event=named_event(sentence, title)
        )
        for i, (counted, sentence, title) in sentences.items()
    ]
    assert sorted(p.claim_ids for p in propose_quantities(claims)) == [(1, 2, 3), (4, 5)]
    assert named_event("Cal Fire said 42 had died.", "Woolsey fire kills two") == {"woolsey"}
    assert named_event("The Haiti earthquake killed 316,000 people.") is None  # a place's


def test_a_running_total_of_one_day_s_event_takes_figures_printed_long_after() -> None:
    """The toll of the 12 January earthquake, revised a year on, is still that toll; a count
    of that day only (the people in the building) is not reported weeks later."""
    day = (date(2010, 1, 12), date(2010, 1, 12))
    toll = Profile("deaths", "count", ("killed", "dead"), "People killed", period=day,
                   cumulative=True)  # fmt: skip
    marchers = Profile("marchers", "count", ("marched",), "People who marched", period=day)
    a_year_on = (date(2011, 1, 12), date(2011, 1, 12))
    killed = ClaimText(1, "count", "people were killed", "316,000 people were killed.", None,
                       period=a_year_on)  # fmt: skip
    marched = ClaimText(2, "count", "people marched", "40,000 people marched.", None,
                        period=a_year_on)  # fmt: skip
    assert [c.key for c in rank_quantities(killed, [toll])] == ["deaths"]
    assert rank_quantities(marched, [marchers]) == []
    last_week = replace(killed, period=(date(2010, 1, 30), date(2010, 2, 5)), period_stated=True)
    assert [c.key for c in rank_quantities(last_week, [toll])] == ["deaths"]  # as then reported


def test_a_later_undated_toll_is_the_running_total_s_not_a_day_s_before_it() -> None:
    """Beside a running total whose span holds the figure's date, the toll of a day two weeks
    before it fits less: "security forces had killed 614 people, including forty-eight
    children, by Thursday evening", in April, is the toll since the coup, not 27 March's.
    The words after its comma are not what it counts, so "killed" just before it decides."""
    since = Profile("deaths", "count", ("killed", "dead"), "People killed since the coup",
                    period=(date(2021, 2, 1), date(2021, 8, 31)), cumulative=True)  # fmt: skip
    day = Profile("deaths-27march", "count", ("killed", "dead"), "People killed on 27 March",
                  period=(date(2021, 3, 27), date(2021, 3, 27)), cumulative=True)  # fmt: skip
    sentence = (
        "The AAPP said security forces had killed 614 people, including forty-eight children, "
        "by Thursday evening."
    )
    counted = "people, including forty-eight children, by Thursday evening"
    start = sentence.index("614")
    april = ClaimText(1, "count", counted, sentence, period=(date(2021, 4, 10), date(2021, 4, 10)),
                      figure_start=start, figure_end=start + 3)  # fmt: skip
    assert decide(april, [since, day]).key == "deaths"
    # the next day, an undated figure may still be that day's: both fit, neither is chosen
    next_day = replace(april, period=(date(2021, 3, 28), date(2021, 3, 28)))
    assert decide(next_day, [since, day]).key is None
    assert decide(next_day, [day]).key == "deaths-27march"


def test_a_bare_toll_is_the_death_toll() -> None:
    """News shortens "death toll" to "toll" and "strike rate" to "rate": a list of days under
    "The toll has risen every day" gives the death toll, for a catalogue that says only
    "death toll"."""
    deaths = Profile("deaths", "count", ("killed", "death toll"), "People killed by the floods")
    # another event's deaths: the kind of count alone does not tell them apart
    other = Profile("deaths-1957", "count", ("in 1957",), "People killed by the 1957 floods")
    claim = ClaimText(1, "count", "Thursday (The toll has risen every day since Tuesday)",
                      "- Thursday: 158")  # fmt: skip
    assert decide(claim, [deaths, other]).key == "deaths"
    # "the real toll", counting the missing too, is not the death toll shortened
    real = Profile("with-missing", "count", ("real toll",), "Deaths counting the missing")
    assert not any("'toll'" in " ".join(c.reasons) for c in rank_quantities(claim, [real]))
    # and the strike rate is "the rate"
    rate = Profile("strike-rate", "percent", ("strike rate", "walked out"), "Staff on strike")
    sentence = "On the previous strike day, last Thursday, the rate was 22.73%."
    start = sentence.index("22.73%")
    share = ClaimText(1, "percent", "Thursday, the rate was", sentence, figure_start=start,
                      figure_end=start + 6)  # fmt: skip
    assert decide(share, [rate]).key == "strike-rate"


def test_a_weekly_paper_s_figure_is_no_week_s_flow() -> None:
    """ "The weekly Mayotte Hebdo reported 40 confirmed deaths": the paper comes out weekly, the
    figure is the running toll; "56 new deaths this week" is a flow, kept out of it."""
    toll = Profile("deaths", "count", ("deaths",), "Confirmed deaths", cumulative=True)
    for sentence, figure, key in (
        ("The weekly Mayotte Hebdo reported 40 confirmed deaths.", "40", "deaths"),
        ("The ministry's daily briefing put confirmed deaths at 510.", "510", "deaths"),
        ("The ministry reported 56 new deaths this week.", "56", None),
    ):
        start = sentence.index(figure)
        counted = sentence[start + len(figure) :].strip(" .")
        claim = ClaimText(1, "count", counted, sentence, figure_start=start,
                          figure_end=start + len(figure))  # fmt: skip
        assert decide(claim, [toll]).key == key, sentence


def test_a_part_of_the_figure_before_it_is_not_the_whole_s_quantity() -> None:
    """ "Police arrested 1,200 people, including 80 minors": 80 is some of the arrested, not
    the count of arrests; "- Florida: 7 (5 from storm surge, 2 from wind)": 5 and 2 add up to
    Florida's 7, and are not Florida's toll. A part whose own words name a quantity's term
    goes to it ("including 80 minors", to a quantity of minors arrested)."""
    arrests = Profile("arrests", "count", ("arrested",), "People arrested")
    minors = Profile("minors", "count", ("minors",), "Minors arrested")
    sentence = "Police arrested 1,200 people, including 80 minors."
    start = sentence.index("80")
    claim = ClaimText(1, "count", "minors", sentence, figure_start=start, figure_end=start + 2,
                      part=part_of(sentence, start, start + 2))  # fmt: skip
    assert claim.part
    assert decide(claim, [arrests]).key is None
    assert decide(claim, [arrests, minors]).key == "minors"
    florida = Profile("deaths-florida", "count", ("deaths",), "Deaths in Florida",
                      family="deaths", place="Florida")  # fmt: skip
    item = "- Florida: 7 (5 from storm surge, 2 from wind)"
    for figure, at in (("7", 11), ("5", 14), ("2", 34)):
        claim = ClaimText(1, "count", "Florida (Direct deaths by state)", item, place="Florida",
                          figure_start=at, figure_end=at + 1)  # fmt: skip
        assert decide(claim, [florida]).key == ("deaths-florida" if figure == "7" else None)


def test_a_running_count_s_dated_values_are_levels_not_days_parts() -> None:
    """ "Three died on Saturday and eight on Sunday" are two days' parts of a toll; "The
    official toll has climbed slowly: 11 the morning after, 22 on December 17, 31 on
    December 19" are what the toll stood at."""
    text = "Three people died on Saturday and eight on Sunday, she said."
    assert part_of(text, 34, 39)
    text = (
        "The official toll has climbed slowly: 11 on the morning after the storm, 22 on "
        "December 17, 31 on December 19 and 39 since December 28."
    )
    for figure in ("11", "22", "31", "39"):
        at = text.index(figure)
        assert not part_of(text, at, at + 2), figure


def test_a_feared_toll_sets_no_level_that_later_counts_fall_below() -> None:
    """With no catalogue, a toll's figures stay one proposal though a fear of thousands came
    first: "perhaps a few thousand" is no level the count had reached, so the 22, 35 and 40
    counted later are reports of the toll, not parts of it; 14 killed that day, after the
    toll had reached 510, is a part."""

    def claim(i: int, value: float, day: int, sentence: str, counted: str = "deaths") -> ClaimText:
        start = next(m.start() for m in re.finditer(r"\d|a few|several", sentence))
        return ClaimText(i, "count", counted, sentence, place="Mayotte", value=value,
                         period=(date(2024, 12, day), date(2024, 12, day)),
                         figure_start=start)  # fmt: skip

    fear = "The prefect expected several hundred deaths and perhaps a few thousand."
    claims = [
        claim(1, 11, 15, "By Sunday 11 people had died."),
        claim(2, 5999.5, 15, fear, "deaths"),
        claim(3, 22, 17, "- Mayotte: 22 dead, the ministry said"),
        claim(4, 35, 23, "The ministry has confirmed 35 deaths."),
        claim(5, 40, 28, "A weekly paper reported 40 deaths."),
        claim(8, 599.5, 16, "The minister said the dead could number a few hundred."),
    ]
    grouped = {p.claim_ids for p in propose_quantities(claims)}
    assert any({1, 3, 4, 5} <= set(ids) for ids in grouped), grouped
    level = claim(6, 510, 29, "The toll confirmed had reached 510 deaths.")
    today = claim(7, 14, 30, "Police killed 14 on a single day.")
    grouped = {p.claim_ids for p in propose_quantities([*claims[:1], claims[2], level, today])}
    assert not any(7 in ids and 6 in ids for ids in grouped)


def test_a_count_by_nationality_needs_a_nationality() -> None:
    """ "- Jan. 22: 13 dead", in a story from Italy, is the wreck's toll, not the Italians'
    among its dead: a quantity by nationality takes figures that name whose they are. Nor
    are "three people confirmed dead" a count of the people aboard."""
    toll = Profile("deaths", "count", ("dead",), "Confirmed dead", place="Tuscany",
                   family="deaths")  # fmt: skip
    by_nationality = [
        Profile(
            f"victims-{p.lower()}",
            "count",
            ("dead", "victims"),
            "Dead by nationality",
            family="victims",
            place=p,
        )
        for p in ("Italy", "Germany", "France")
    ]
    aboard = Profile("aboard", "count", ("aboard", "people"), "People aboard", place="Tuscany")
    profiles = [toll, *by_nationality, aboard]
    item = ClaimText(1, "count", "dead", "- Jan. 22: 13 dead", place="Italy",
                     place_inferred=True, figure_start=11, figure_end=13)  # fmt: skip
    assert decide(item, profiles).key == "deaths"
    three = ClaimText(2, "count", "people are confirmed dead", "Three people are confirmed dead.",
                      place="Italy", place_inferred=True, figure_start=0, figure_end=5)  # fmt: skip
    assert decide(three, profiles).key == "deaths"
    germans = replace(item, counted="German dead", place="Germany", place_inferred=False)
    assert decide(germans, profiles).key == "victims-germany"


def test_things_an_outcome_s_label_names_are_not_what_it_counts() -> None:
    """ "killed in shootings at two mosques": a toll labelled "People killed in the mosque
    attacks" names mosques, and counts people; "1,233 injured in hospitals" counts the
    injured, wherever they are."""
    deaths = Profile("deaths", "count", ("killed",), "People killed in the mosque attacks")
    sentence = "Forty-nine people have been killed in shootings at two mosques in Christchurch."
    at = sentence.index("two")
    mosques = ClaimText(1, "count", "mosques in Christchurch", sentence, figure_start=at,
                        figure_end=at + 3)  # fmt: skip
    assert decide(mosques, [deaths]).key is None
    injured = Profile("injured", "count", ("injured",), "People injured in the protests")
    treated = ClaimText(2, "count", "injured in hospitals", "It counted 1,233 injured in hospitals.",
                        figure_start=11, figure_end=16)  # fmt: skip
    assert decide(treated, [injured]).key == "injured"


def test_a_total_over_several_states_is_no_one_state_s() -> None:
    """ "The storms killed more than 90 people in five states", in a story on Kentucky, is
    not Kentucky's toll; with no member for the country it goes to no member at all."""
    members = [
        Profile("deaths-kentucky", "count", ("killed",), "People killed", family="deaths",
                place="Kentucky"),
        Profile("deaths-graves", "count", ("killed",), "People killed", family="deaths",
                place="Graves County"),
    ]  # fmt: skip
    sentence = "The Dec. 10-11 storms killed more than 90 people in five states."
    at = sentence.index("more than 90")
    claim = ClaimText(1, "count", "people in five states", sentence, place="Kentucky",
                      place_inferred=True, figure_start=at, figure_end=at + 12)  # fmt: skip
    assert decide(claim, members).key is None
    one = replace(claim, sentence="The storms killed more than 90 people.", counted="people")
    assert decide(one, members).key == "deaths-kentucky"


def test_a_figure_pointing_back_groups_with_the_count_the_sentence_before_opened_with() -> None:
    """With no catalogue, "the figure (the death toll ..., and put the number of injured)" is
    grouped with the deaths: the count the sentence before opened with, not the injured."""
    counted = (
        "the figure (the death toll in Friday's crash to 275 from 288, saying some bodies had "
        "been counted twice, and put the number of injured)"
    )
    claim = ClaimText(1, "count", counted, "Others put the figure at 288.", place="Odisha")
    assert proposal_block(claim) == ((), ("count", "kind:deaths", "odisha"))


def test_the_rescued_and_the_gathered_are_kinds_of_count() -> None:
    """With no catalogue, "174 people were rescued" and "rescuers saved 172" are one
    proposal, and "some 50,000 people had gathered" goes with the marchers."""

    def claim(i: int, counted: str, value: float) -> ClaimText:
        return ClaimText(i, "count", counted, None, place="South Korea", value=value,
                         period=(date(2014, 4, 17), date(2014, 4, 17)))  # fmt: skip

    rescued = [claim(1, "people were rescued", 174), claim(2, "survivors", 172),
               claim(3, "people had gathered", 50_000), claim(4, "marchers", 45_000)]  # fmt: skip
    assert {p.claim_ids for p in propose_quantities(rescued)} == {(1, 2), (3, 4)}


def test_parts_of_a_day_s_increment_by_the_day_they_happened_are_not_the_total() -> None:
    sentence = (
        "It had documented 51 more deaths on Monday, 14 of them killed that day and 37 on "
        "earlier days, bringing the number confirmed killed to 510."
    )
    total = Profile("deaths", "count", ("killed", "deaths"), "People killed", cumulative=True)
    for figure in ("14", "37"):
        start = sentence.index(figure)
        claim = ClaimText(1, "count", "killed", sentence, figure_start=start,
                          figure_end=start + 2)  # fmt: skip
        assert decide(claim, [total]).key is None, figure
    start = sentence.index("510")
    whole = ClaimText(1, "count", "the number confirmed killed", sentence, figure_start=start,
                      figure_end=start + 3)  # fmt: skip
    assert decide(whole, [total]).key == "deaths"


def test_a_toll_since_the_season_began_is_the_month_s_toll_as_then_known() -> None:
    """A toll "since the monsoon began in June", printed on 21 August, is the running toll
    as known in August: it counts from June, it is not June's."""
    sentence = (
        "Six more bodies were found, taking the number of people killed since the monsoon "
        "began in June to more than 410."
    )
    [claim] = [c for c in extract_claims(read_text(sentence), date(2018, 8, 21)) if c.figure
               == "more than 410"]  # fmt: skip
    assert claim.as_of == "2018-06/2018-08-21"
    august = (date(2018, 8, 1), date(2018, 8, 31))
    toll = Profile("deaths", "count", ("killed",), "Deaths", period=august, cumulative=True)
    text = ClaimText(1, "count", claim.counted, sentence, None,
                     period=(date(2018, 6, 1), date(2018, 8, 21)), period_stated=True)  # fmt: skip
    assert [c.key for c in rank_quantities(text, [toll])] == ["deaths"]
    june = replace(toll, cumulative=False)  # a count of August alone is not one since June
    assert rank_quantities(text, [june]) == []


def test_an_event_s_toll_given_for_the_country_it_happened_in_is_that_toll() -> None:
    """The Rana Plaza toll is Savar's (the catalogue's place); "in Bangladesh" names where
    the event happened more broadly, not another place's count."""
    day = (date(2013, 4, 24), date(2013, 4, 24))
    toll = Profile("rana-deaths", "count", ("killed", "dead"), "Deaths in the collapse",
                   place="Savar", period=day, cumulative=True)  # fmt: skip
    claim = ClaimText(1, "count", "people were killed", "In Bangladesh 1,127 were killed.",
                      None, place="Bangladesh", period=(date(2013, 5, 13),) * 2)  # fmt: skip
    assert decide(claim, [toll]).key == "rana-deaths"
    travelled = Profile("travelled-france", "count", ("travelled",), "Fighters who travelled",
                        place="France", family="travelled")  # fmt: skip
    europe = ClaimText(2, "count", "people travelled", "5,000 people travelled from Europe.",
                       None, place="Europe")  # fmt: skip
    assert decide(europe, [travelled]).key is None  # not an event: Europe's is another count


def test_a_toll_given_for_the_place_an_event_is_named_for_is_that_event_s_toll() -> None:
    """ "The Balasore train crash" is counted for Odisha; a toll read for Balasore (a town the
    gazetteer puts in India only) is the crash's, not a new member for Balasore. A place only
    part of the label's ("Mexico" in "Mexico City") names nothing."""
    toll = Profile("odisha-deaths", "count", ("killed", "dead"),
                   "People killed in the Balasore train crash", place="Odisha")  # fmt: skip
    sentence = "The number of dead in Balasore rose to 261."
    claim = ClaimText(1, "count", "dead", sentence, None, place="Balasore",
                      figure_start=sentence.index("261"))  # fmt: skip
    decided = decide(claim, [toll])
    assert (decided.key, decided.place) == ("odisha-deaths", "Odisha")
    collapsed = Profile("collapsed", "count", ("buildings", "collapsed"),
                        "Buildings that collapsed in Mexico City", place="Mexico City")  # fmt: skip
    elsewhere = ClaimText(2, "count", "buildings collapsed",
                          "In Mexico, 40 buildings collapsed.", None, place="Mexico")  # fmt: skip
    assert decide(elsewhere, [collapsed]).key is None


def test_a_variant_of_one_member_competes_with_its_whole_family() -> None:
    """Deaths certified in North Carolina vary North Carolina's toll; a list item of South
    Carolina's toll that fits the certified count and every member (Buncombe's, say) only by
    its kind is the family's, South Carolina's, not left out as two counts that tie."""

    def member(place: str) -> Profile:
        return Profile(f"deaths-{place.lower()}", "count", ("killed",),
                       f"People killed, {place}", family="deaths", place=place)  # fmt: skip

    certified = Profile("certified-nc", "count", ("certified",), "Deaths certified",
                        place="NC", variant_of="deaths-nc")  # fmt: skip
    claim = ClaimText(1, "count", "SC (the toll across the region stands at 230)", "- SC: 49",
                      None, place="SC", figure_start=6, figure_end=8)  # fmt: skip
    family = [member("Buncombe"), member("NC"), member("SC")]
    assert decide(claim, [*family, certified]).key == "deaths-sc"


def test_a_toll_across_several_states_is_the_country_s() -> None:
    """ "At least 52 dead across five Southeastern states", in an article the reader put in
    Georgia by guess, is the United States' toll, not Georgia's."""
    family = [Profile(f"deaths-{p}", "count", ("dead",), f"Deaths, {p}", family="deaths",
                      place=p) for p in ("United States", "Georgia", "Florida")]  # fmt: skip
    sentence = "The storm had left at least 52 people dead across five Southeastern states."
    claim = ClaimText(1, "count", "people dead across five Southeastern states", sentence,
                      None, place="Georgia", place_inferred=True)  # fmt: skip
    assert decide(claim, family).key == "deaths-United States"
    sentence = "Helene has now left at least 115 people dead in six states."
    claim = replace(claim, counted="people dead in six states", sentence=sentence)
    assert decide(claim, family).key == "deaths-United States"


def test_a_count_a_national_leader_gives_is_the_country_s() -> None:
    """The president's count of the dead, in an article the reader put in Florida by guess,
    is the United States'; a governor's is not read as national."""
    family = [Profile(f"deaths-{p}", "count", ("killed",), f"Deaths, {p}", family="deaths",
                      place=p) for p in ("United States", "Florida", "Georgia")]  # fmt: skip
    said = "President Joe Biden has put the number of people killed at 19."
    claim = ClaimText(1, "count", "people killed", said, None, place="Florida",
                      place_inferred=True)  # fmt: skip
    assert decide(claim, family).key == "deaths-United States"
    governor = replace(claim, sentence="The governor has put the number of people killed at 9.")
    assert decide(governor, family).key == "deaths-Florida"


def test_a_count_of_places_of_worship_or_seats_is_not_a_toll_or_a_vote() -> None:
    """ "The gunman attacked two mosques" counts mosques, not the dead its sentence names."""
    deaths = Profile("deaths", "count", ("killed", "attack"), "People killed in the attacks")
    sentence = "The gunman attacked two mosques, killing worshippers at Friday prayers."
    mosques = ClaimText(1, "count", "mosques, killing worshippers at Friday prayers", sentence,
                        figure_start=sentence.index("two"))  # fmt: skip
    assert decide(mosques, [deaths]).key is None
    seats = ClaimText(2, "count", "seats", "Labour won 411 seats.")
    assert decide(seats, [Profile("votes", "count", ("won",), "Votes won")]).key is None


def test_people_a_participle_acts_on_are_counted_by_it_not_by_the_crowd_they_were_in() -> None:
    """ "Police arrested over 1,000 people at the protests" counts arrests, not the crowd."""
    arrests = Profile("arrests", "count", ("arrested", "arrests"), "Arrests during the protests")
    crowd = Profile("crowd", "count", ("protesters", "marched"), "People at the protests")
    sentence = "Police have now arrested over 1,000 people at the climate protests in London."
    claim = ClaimText(1, "count", "people at the climate protests in London", sentence,
                      figure_start=sentence.index("over"))  # fmt: skip
    assert decide(claim, [arrests, crowd]).key == "arrests"
    sentence = "Organisers counted over 1,000 people at the climate protests in London."
    claim = replace(claim, sentence=sentence, figure_start=sentence.index("over"))
    assert decide(claim, [arrests, crowd]).key == "crowd"


def test_what_befell_part_of_a_stated_whole_is_what_it_counts() -> None:
    """ "killing 179 of the 181 people aboard" is the toll; "two of the 19 he met" is not."""
    deaths = Profile("deaths", "count", ("killed",), "People killed in the crash")
    sentence = "The jet hit a wall and exploded, killing 179 of the 181 people aboard."
    start = sentence.index("179")
    claim = ClaimText(1, "count", "181 people aboard", sentence, figure_start=start,
                      figure_end=start + 3)  # fmt: skip
    assert decide(claim, [deaths]).key == "deaths"
    sentence = "Two of the 19 he met were killed."
    part = ClaimText(2, "count", "the 19 he met", sentence, figure_start=0, figure_end=3)
    assert decide(part, [deaths]).key is None


def test_a_part_of_a_stated_whole_in_one_place_is_that_place_s_member() -> None:
    """ "28 of the deaths were in Cabo Delgado": the province's toll, not the country's; with
    no member for its place, a part stays unlinked."""
    family = [Profile(f"deaths-{p}", "count", ("deaths",), f"Deaths, {p}", family="deaths",
                      place=p) for p in ("Mozambique", "Cabo Delgado")]  # fmt: skip
    sentence = "The agency said 28 of the deaths were in Cabo Delgado province."
    start = sentence.index("28")
    claim = ClaimText(1, "count", "deaths were in Cabo Delgado province", sentence,
                      place="Cabo Delgado", figure_start=start, figure_end=start + 2)  # fmt: skip
    assert decide(claim, family).key == "deaths-Cabo Delgado"
    elsewhere = replace(claim, place="Nampula")
    assert decide(elsewhere, family).key is None


def test_men_among_the_dead_are_the_male_victims() -> None:
    """ "The dead included 84 men and 85 women": each count is its sex's, not the toll."""
    deaths = Profile("deaths", "count", ("killed", "dead"), "People killed in the crash")
    men = Profile("men", "count", ("men",), "Male victims of the crash")
    women = Profile("women", "count", ("women",), "Female victims of the crash")
    sentence = "Fire officials said the dead included 84 men and 85 women."
    start = sentence.index("84")
    claim = ClaimText(1, "count", "men", sentence, figure_start=start, figure_end=start + 2)
    assert decide(claim, [deaths, men, women]).key == "men"


def test_a_table_row_naming_a_county_without_its_division_word_is_that_county_s() -> None:
    """ "Bay: 19", in a table of deaths by county, is Bay County's."""
    family = [Profile(f"deaths-{p}", "count", ("deaths",), f"Deaths, {p}", family="deaths",
                      place=p) for p in ("Florida", "Bay County", "Gulf County")]  # fmt: skip
    claim = ClaimText(1, "count", "Bay (Florida deaths by county)", "Bay: 19", None,
                      place="Bay", figure_start=5, figure_end=7)  # fmt: skip
    assert decide(claim, family).key == "deaths-Bay County"
    # the other way round: a member written without "County", a row or sentence with it
    family = [Profile(f"deaths-{p}", "count", ("deaths",), f"Deaths, {p}", family="deaths",
                      place=p) for p in ("Florida", "St. Lucie", "Pinellas")]  # fmt: skip
    row = ClaimText(2, "count", "St. Lucie County (Deaths reported to FDLE)",
                    "St. Lucie County - Medical Examiner: 7", None, place="St. Lucie County",
                    figure_start=38, figure_end=39)  # fmt: skip
    assert decide(row, family).key == "deaths-St. Lucie"
    said = ClaimText(3, "count", "deaths", "Pinellas County reported two deaths.", None,
                     place="Pinellas County", figure_start=25, figure_end=28)  # fmt: skip
    assert decide(said, family).key == "deaths-Pinellas"


def test_a_figure_placed_only_by_a_guessed_city_is_the_country_s_when_its_family_has_one() -> None:
    """An article guessed to be about Nairobi (its dateline) gives a toll with no place of
    its own: Kenya's, not Nairobi's; a toll the sentence places in Nairobi stays Nairobi's."""
    family = [Profile(f"deaths-{p}", "count", ("killed",), f"Deaths, {p}", family="deaths",
                      place=p) for p in ("Kenya", "Nairobi")]  # fmt: skip
    guessed = ClaimText(1, "count", "people killed", "At least 39 people were killed.", None,
                        place="Nairobi", place_inferred=True)  # fmt: skip
    assert decide(guessed, family).key == "deaths-Kenya"
    stated = replace(guessed, sentence="In Nairobi, 21 people were killed.", place_inferred=False)
    assert decide(stated, family).key == "deaths-Nairobi"
    # a county the article was guessed to be about is no city: its toll stays the county's
    from provenance.places import taught

    family = [Profile(f"deaths-{p}", "count", ("killed",), f"Deaths, {p}", family="deaths",
                      place=p) for p in ("United States", "Buncombe County")]  # fmt: skip
    county = replace(guessed, place="Buncombe County")
    with taught([("Buncombe County", "United States")]):
        assert decide(county, family).key == "deaths-Buncombe County"


def test_a_quantity_in_the_figure_s_own_unit_beats_one_it_converts_to() -> None:
    """A catalogue keeping the burned area in hectares and in square kilometres: a figure in
    square kilometres is the second's; with no quantity in its unit, the first's."""
    hectares = Profile("area-ha", "ha", ("burned",), "Area burned (hectares)")
    kilometres = Profile("area-km2", "km2", ("burned",), "Area burned (square kilometres)")
    claim = ClaimText(1, "km2", "burned", "Fires have burned 137,000 square kilometres.")
    assert decide(claim, [hectares, kilometres]).key == "area-km2"
    assert decide(claim, [hectares]).key == "area-ha"


def test_a_figure_for_several_places_inside_a_quantity_s_place_is_that_quantity_s() -> None:
    """ "1,175 injured admitted to hospitals in Balasore, Bhadrak and Cuttack" (read for
    the three together) is the injured of the crash counted for Odisha, whose towns they are."""
    injured = Profile("injured", "count", ("injured",), "People injured in the crash",
                      place="Odisha")  # fmt: skip
    claim = ClaimText(1, "count", "injured", "Of the 1,175 injured admitted to hospitals, ...",
                      None, place="Balasore + Bhadrak + Cuttack")  # fmt: skip
    assert decide(claim, [injured]).key == "injured"


def test_a_count_of_deaths_is_not_a_count_of_a_workforce_that_shares_its_words() -> None:
    workforce = Profile("garment-workers", "count", ("workers", "employs"),
                        "Workers employed in the garment industry")  # fmt: skip
    employed = ClaimText(1, "count", "workers", "The industry employs 4 million workers.")
    fire = "A fire at the factory killed 112 workers."
    died = ClaimText(2, "count", "workers", fire, figure_start=fire.index("112"))
    assert decide(employed, [workforce]).key == "garment-workers"
    assert decide(died, [workforce]).key is None


FIRES = [
    Profile("camp", "count", ("killed", "dead"), "People killed in the Camp Fire, Butte County",
            family="fire-deaths", place="Butte County"),
    Profile("state", "count", ("wildfire deaths", "across the state"),
            "People killed in California wildfires", family="fire-deaths", place="California"),
    Profile("woolsey", "count", ("Woolsey", "killed", "died"), "People killed in the Woolsey Fire",
            family="woolsey-deaths"),
]  # fmt: skip


def test_the_words_that_tell_two_labels_apart_decide_between_close_rivals() -> None:
    sentence = "The number of people killed by the Camp fire climbed to 23 on Saturday."
    claim = ClaimText(1, "count", "The number of people killed by the Camp fire", sentence,
                      figure_end=sentence.index("23") + 2)  # fmt: skip
    rivals = [replace(FIRES[0], family=None, place=None), FIRES[2]]
    ranked = {c.key: c for c in rank_quantities(claim, rivals)}
    assert "woolsey unnamed" in "; ".join(ranked["woolsey"].reasons)
    assert decide(claim, rivals).key == "camp"


def test_a_member_s_place_named_nearer_the_figure_than_the_place_read_decides() -> None:
    sentence = (
        "With 42 people confirmed dead, the Camp fire in Butte County became the deadliest "
        "wildfire in California's history."
    )
    at = sentence.index("42") + 2
    claim = ClaimText(1, "count", "people confirmed dead", sentence, place="California",
                      figure_end=at)  # fmt: skip
    assert decide(claim, FIRES).key == "camp"
    guessed = replace(claim, sentence="Some 42 people are confirmed dead.", place_inferred=True)
    assert decide(guessed, FIRES).key == "state"  # nothing named: the article's place
    # A place read from a word that is not its name ("French") is not overridden by another
    # member's name in the sentence.
    europe = Profile("travelled", "count", ("travelled",), "Travelled", family="travelled",
                     place="Europe")  # fmt: skip
    france = replace(europe, key="travelled-france", place="France")
    said = "Some 1,700 French citizens have travelled, more than from anywhere in Europe."
    french = ClaimText(2, "count", "French citizens have travelled", said, place="France",
                       figure_end=9)  # fmt: skip
    assert decide(french, [europe, france]).key == "travelled-france"


PROTEST = [
    Profile("arrests", "count", ("arrested", "arrests"),
            "Arrests during the April protests in London"),
    Profile("charged", "count", ("charged", "charges"),
            "People charged after the April protests in London"),
    Profile("injured", "count", ("hurt", "injured", "medical help"),
            "People injured when police broke up the protests"),
]  # fmt: skip


def _decided(sentence: str, figure: str, counted: str) -> str | None:
    start = sentence.index(figure)
    claim = ClaimText(1, "count", counted, sentence, figure_start=start,
                      figure_end=start + len(figure))  # fmt: skip
    return decide(claim, PROTEST).key


def test_people_charged_are_not_arrests_nor_a_crowd_and_a_police_charge_charges_no_one() -> None:
    both = "Police said 1,065 arrests had been made and 53 people had been charged."
    assert _decided(both, "1,065", "arrests had been made") == "arrests"
    # the words after the other figure are that figure's, up to "and"
    assert _decided(both, "53", "people had been charged") == "charged"
    of_those = "Twenty-eight of those arrested have been charged with offences."
    assert _decided(of_those, "Twenty-eight", "those arrested have been charged") == "charged"
    hurt = "Medics say 893 people sought medical help after riot police charged voters."
    assert _decided(hurt, "893", "people sought medical help after riot police charged") == (
        "injured"
    )


def test_a_guessed_place_s_figure_joins_the_larger_toll_of_a_place_holding_it() -> None:
    """An article the gazetteer puts in Ormoc states Ormoc's toll of the 1991 floods; its
    unplaced typhoon tolls join the country's block, which is larger, and the 1991 figure
    stays Ormoc's."""
    day = (date(2013, 11, 22), date(2013, 11, 22))

    def dead(id: int, place: str, inferred: bool) -> ClaimText:
        return ClaimText(id, "count", "people confirmed dead", "", place=place,
                         place_inferred=inferred, period=day)  # fmt: skip

    claims = [dead(1, "Philippines", False), dead(2, "Philippines", False),
              dead(3, "Philippines", False), dead(4, "Philippines", False),
              dead(5, "Ormoc", False), dead(6, "Ormoc", True), dead(7, "Ormoc", True)]  # fmt: skip
    groups = {p.claim_ids for p in propose_quantities(claims)}
    assert groups == {(1, 2, 3, 4, 6, 7)}


def test_a_figure_whose_place_is_only_the_article_s_goes_to_the_member_that_place_holds() -> None:
    def storm(key: str, place: str) -> Profile:
        return Profile(key, "count", ("killed", "dead"), "People killed by the storm",
                       family="storm-deaths", place=place)  # fmt: skip

    region, city = storm("deaths-catalonia", "Catalonia"), storm("deaths-barcelona", "Barcelona")
    sentence = "The storm has killed 47 people, officials said."
    guessed = ClaimText(1, "count", "people", sentence, place="Europe",
                        place_inferred=True, figure_end=24)  # fmt: skip
    assert decide(guessed, [region, city]).key == "deaths-catalonia"  # the widest it holds
    stated = replace(guessed, place_inferred=False)
    assert decide(stated, [region, city]).key is None  # a new member, for Europe
    # one member, of a place the gazetteer cannot set against the article's
    camp = Profile("camp-acres", "acres", ("burned", "acres"), "Area burned by the Camp Fire",
                   place="Butte County")  # fmt: skip
    burned = ClaimText(2, "acres", "burned", "The fire had burned 100,000 acres.",
                       place="California", place_inferred=True, figure_end=33)  # fmt: skip
    assert decide(burned, [camp]).key == "camp-acres"
    assert decide(replace(burned, place_inferred=False), [camp]).key is None


def test_what_a_level_moved_by_goes_to_no_level_and_is_proposed_with_changes_only() -> None:
    jobless = Profile("jobless", "count", ("jobless", "unemployed", "out of work"),
                      "People out of work (survey)")  # fmt: skip
    monthly = Profile("jobless-change", "count", ("rose", "fell", "jobless"),
                      "Monthly change in registered jobless")  # fmt: skip
    text = "The number of jobless rose by 59,444 to 5,040,222."

    def figure(id: int, value: str) -> ClaimText:
        at = text.index(value)
        return ClaimText(id, "count", "jobless", text, figure_start=at, figure_end=at + len(value),
                         moved=moved(text, at, at + len(value)))  # fmt: skip

    change, level = figure(1, "59,444"), figure(2, "5,040,222")
    assert change.moved
    assert not level.moved
    assert decide(change, [jobless]).key is None
    assert decide(level, [jobless]).key == "jobless"
    assert decide(change, [jobless, monthly]).key == "jobless-change"
    # "another 140 were admitted to hospital" adds to no level it moved: it may be a count
    admitted = Profile("admitted", "count", ("admitted to hospital",), "People admitted")
    another = "Another 140 people had been admitted to hospital."
    claim = ClaimText(3, "count", "people had been admitted to hospital", another,
                      figure_start=8, figure_end=11, increment=True)  # fmt: skip
    assert decide(claim, [admitted]).key == "admitted"
    # with no catalogue, changes are proposed with changes, levels with levels
    claims = [figure(1, "59,444"), figure(2, "5,040,222"), figure(3, "59,444"),
              figure(4, "5,040,222")]  # fmt: skip
    assert {p.claim_ids for p in propose_quantities(claims)} == {(1, 3), (2, 4)}


def test_a_rate_among_an_age_group_is_that_group_s_rate() -> None:
    rate = Profile(
        "rate", "percent", ("unemployment rate", "the rate"), "Unemployment rate in Spain"
    )
    youth = Profile("youth", "percent", ("unemployment rate", "the rate", "aged 16 to 24"),
                    "Youth unemployment rate in Spain")  # fmt: skip
    text = "Among those aged 16 to 24, the rate jumped to 55.13% from 52.34%."
    at = text.index("55.13%")
    claim = ClaimText(1, "percent", "the rate", text, figure_start=at, figure_end=at + 6)
    assert decide(claim, [rate, youth]).key == "youth"
    assert decide(claim, [rate]).key is None  # an age group's rate is not everyone's
    whole = "The unemployment rate rose to 26.02%."
    everyone = ClaimText(2, "percent", "The unemployment rate", whole, figure_start=29,
                         figure_end=35)  # fmt: skip
    assert decide(everyone, [rate, youth]).key == "rate"


def test_where_the_quake_struck_or_another_figure_s_place_is_not_the_figure_s_member() -> None:
    def toll(key: str, place: str) -> Profile:
        return Profile(key, "count", ("killed", "dead", "deaths", "death toll"),
                       "People killed in the earthquake", family="quake-deaths", place=place)  # fmt: skip

    family = [toll("quake-deaths-morocco", "Morocco"), toll("quake-deaths-al-haouz", "Al Haouz")]

    def decided(sentence: str, figure: str) -> str | None:
        at = sentence.index(figure)
        claim = ClaimText(1, "count", "dead", sentence, place="Morocco", place_inferred=True,
                          figure_start=at, figure_end=at + len(figure))  # fmt: skip
        return decide(claim, family).key

    struck = (
        "The death toll from the earthquake that struck Morocco's Al Haouz province rose to 2,681."
    )
    assert decided(struck, "2,681") == "quake-deaths-morocco"
    update = "An update gave 2,497 dead and 2,476 injured, with 1,452 deaths in Al Haouz."
    assert decided(update, "2,497") == "quake-deaths-morocco"
    assert decided(update, "1,452") == "quake-deaths-al-haouz"
    later = "The toll rose to 2,685 after four more deaths were reported from Al Haouz."
    assert decided(later, "2,685") == "quake-deaths-morocco"  # Al Haouz is the four's


def test_a_place_inside_a_longer_place_s_name_is_not_named() -> None:
    """ "Mexico" in "the Mexico City toll" names Mexico City, not the country, and a total of
    the places a sentence lists holds them: "out of 149 nationwide" is Mexico's."""
    family = [
        Profile(f"quake-deaths-{place.lower()}", "count", ("killed", "toll"), "People killed",
                family="quake-deaths", place=place)
        for place in ("Mexico", "Mexico City", "Morelos")
    ]  # fmt: skip
    sentence = (
        "Puente put the Mexico City toll at 49 and the Morelos toll at 55, out of 149 nationwide."
    )
    at = sentence.index("149")
    claim = ClaimText(1, "count", "nationwide", sentence, place="Mexico",
                      figure_start=at, figure_end=at + 3)  # fmt: skip
    assert decide(claim, family).key == "quake-deaths-mexico"
    assert (
        relative_place(sentence, sentence.index("55"), sentence.index("55") + 2, "Mexico City")
        is None
    )
    listed = "It said 13 died in the State of Mexico, 73 in Morelos, for a total of 86."
    assert summed_place(listed, listed.index("86")) == "Mexico"
    assert scope_of(None, listed, listed.index("13"), listed.index("13") + 2) == "State of Mexico"


def test_men_beside_women_are_a_part_and_men_alone_are_everyone() -> None:
    jobless = Profile("jobless", "count", ("jobless", "registered"), "People registered jobless")
    text = "The number of jobless men rose by 30,796 to 2,503,626, while 28,648 more women joined."
    at = text.index("2,503,626")
    men = ClaimText(1, "count", "The number of jobless men", text, figure_start=at,
                    figure_end=at + 9)  # fmt: skip
    assert decide(men, [jobless]).key is None
    alone = "The number of jobless men rose to 2,503,626."
    everyone = ClaimText(2, "count", "The number of jobless men", alone, figure_start=34,
                         figure_end=43)  # fmt: skip
    assert decide(everyone, [jobless]).key == "jobless"


def test_what_a_total_moved_by_in_two_periods_is_two_changes() -> None:
    def fell(id: int, by: str, month: int) -> ClaimText:
        text = f"Spain's jobless total fell by {by} in the quarter."
        at = text.index(by)
        when = (date(2013, month, 1), date(2013, month, 28))
        return ClaimText(id, "count", "Spain's jobless total", text, figure_start=at,
                         figure_end=at + len(by), period=when, moved=True)  # fmt: skip

    quarters = [fell(1, "225,200", 6), fell(2, "237,400", 3), fell(3, "225,000", 6)]
    assert {p.claim_ids for p in propose_quantities(quarters)} == {(1, 3)}


def test_a_vote_share_is_one_side_s_and_a_poll_s_share_is_another_quantity() -> None:
    yes = Profile("yes", "percent", ("of the vote", "won"), "Share of the vote for Yes")
    no = Profile("no", "percent", ("of the vote", "won"), "Share of the vote for No")
    text = "No won 55.3% of the vote to 44.7% for Yes, on a turnout of 84.6%."

    def share(id: int, figure: str, sentence: str = text, day: int = 19) -> ClaimText:
        at = sentence.index(figure)
        end = at + len(figure)
        return ClaimText(id, "percent", "of the vote", sentence, place="Scotland",
                         figure_start=at, figure_end=end, side=side_of(sentence, at, end),
                         period=(date(2014, 9, day),) * 2)  # fmt: skip

    assert decide(share(1, "55.3%"), [yes, no]).key == "no"
    assert decide(share(2, "44.7%"), [yes, no]).key == "yes"
    # with no catalogue: each side's shares together, whatever their words; a poll's apart
    other = "Across Scotland as a whole, No won by 55.8 per cent to 44.2 per cent."
    poll = "A YouGov poll put No on 52% and Yes on 48%."
    claims = [share(1, "55.3%"), share(2, "44.7%"), share(3, "55.8 per cent", other, 25),
              share(4, "44.2 per cent", other, 25), share(5, "52%", poll, 10),
              share(6, "48%", poll, 10), share(7, "54%", "A Survation poll has No on 54%.", 11)]  # fmt: skip
    assert {p.claim_ids for p in propose_quantities(claims)} == {(1, 3), (2, 4), (5, 7)}


def test_shares_for_named_candidates_are_each_candidate_s() -> None:
    """ "Duda won 51.0% of the vote" and "Trzaskowski 49.0%": two quantities, whatever words
    they share; a share naming no candidate goes with the one its words name, else with the
    shares naming none; a catalogue quantity naming one candidate fits the other's poorly."""

    def share(id: int, sentence: str, figure: str, counted: str = "of the vote") -> ClaimText:
        at = sentence.index(figure)
        end = at + len(figure)
        return ClaimText(id, "percent", counted, sentence, place="Poland",
                         figure_start=at, figure_end=end, named=named_side(sentence, at, end),
                         period=(date(2020, 7, 13),) * 2)  # fmt: skip

    first = "In the run-off, Duda won 51.2% of the vote and Trzaskowski 48.8%."
    second = "With most ballots counted, Andrzej Duda had 51.0% and Rafal Trzaskowski 49.0%."
    claims = [share(1, first, "51.2%"), share(2, first, "48.8%"), share(3, second, "51.0%"),
              share(4, second, "49.0%"), share(5, "Turnout was 68.2% of the vote.", "68.2%"),
              share(6, "A late count had 48.9% backing him.", "48.9%",
                    "of the vote for Trzaskowski")]  # fmt: skip
    assert [c.named for c in claims] == ["duda", "trzaskowski", "duda", "trzaskowski", None,
                                         None]  # fmt: skip
    assert {p.claim_ids for p in propose_quantities(claims)} == {(1, 3), (2, 4, 6)}
    duda = Profile("duda", "percent", ("of the vote", "won"), "Vote share of Duda in the run-off")
    other = Profile("turnout", "percent", ("of the vote", "won"), "Turnout in the run-off")
    assert decide(claims[1], [duda, other]).key != "duda"


def test_a_quantity_of_changes_is_named_by_its_words_not_by_a_place_called_new() -> None:
    text = "Employers cut 20.5 million jobs in April, the Labor Department said."

    def family(place: str) -> Profile:
        return Profile(f"jobs-lost-{place}", "count", ("cut", "jobs lost"),
                       f"Payroll jobs lost in April 2020, {place}", family="jobs-lost",
                       place=place)  # fmt: skip

    claim = ClaimText(1, "count", "jobs in April", text, place="United States",
                      place_inferred=True, figure_start=14, figure_end=26,
                      moved=moved(text, 14, 26))  # fmt: skip
    assert claim.moved
    members = [family("United States"), family("New York")]
    assert decide(claim, members).key == "jobs-lost-United States"
    stock = [Profile("jobless-ny", "count", ("jobless",), "People out of work, New York")]
    assert decide(claim, stock).key is None  # a level, though its place is called "New"


def test_a_figure_of_a_list_item_takes_its_own_words_and_its_label_qualifies_it() -> None:
    """In a list item holding several figures, each figure's words are its own stretch ("44.7
    per cent restricting" is not "fully open"), and a label that is neither a place nor a time
    ("Secondary") qualifies them: secondary schools' shares, not all schools'."""
    shares = [
        Profile(key, "percent", (term,), label)
        for key, term, label in (
            ("open", "fully open", "Schools fully open"),
            ("restricting", "restricting", "Schools restricting attendance"),
        )
    ]

    def decided(item: str, figure: str) -> str | None:
        at = item.index(figure)
        claim = ClaimText(1, "percent", "", item, figure_start=at, figure_end=at + len(figure))
        return decide(claim, shares).key

    day = "- Monday, 3 pm: 45.9 per cent fully open, 44.7 per cent restricting"
    assert decided(day, "45.9 per cent") == "open"
    assert decided(day, "44.7 per cent") == "restricting"
    phase = "- Secondary: 17.4 per cent fully open, 73.6 per cent restricting"
    assert decided(phase, "17.4 per cent") is None
    assert decided(phase, "73.6 per cent") is None
