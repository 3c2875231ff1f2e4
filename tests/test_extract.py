"""The extractor's rules, one example sentence (written for these tests) each."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from provenance.extract import ExtractedClaim, extract_claims, iter_claims, read_text
from provenance.extract.text import split_sentences
from provenance.places import taught


def _claims(text: str, published: date | None = date(2019, 6, 14)) -> list[ExtractedClaim]:
    return extract_claims(read_text(text), published)


def _who(text: str) -> list[tuple[str, str | None, str]]:
    return [(c.figure, c.stated_by, c.stated_by_kind) for c in _claims(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The harbour authority said 1,240 boats were inspected.", [("1,240", "harbour authority", "organisation")]),
        ("Inflation will reach 4% by June, said spokesman Jo Smith.", [("4%", "Jo Smith", "person")]),
        ("Some 1,200 homes flooded on Friday, said Ana Ribeiro, the agency's director.", [("Some 1,200", "Ana Ribeiro", "person")]),
        ("Rents rose 9% last year, said Maher.", [("9%", "Maher", "organisation")]),
        ("The firm paid $2.3m in tax last year, according to the filing.", [("$2.3m", "the filing", "report")]),
        ("The senator promised 10,000 jobs. A new poll shows 58% of voters back him.", [("10,000", "senator", "person"), ("58%", "the poll", "report")]),
        ("The senator promised 10,000 jobs. The charity counted 1,200 rough sleepers.", [("10,000", "senator", "person"), ("1,200", "charity", "organisation")]),
        ("The senator promised 10,000 jobs. Her opponents said the list was closer to 5,000.", [("10,000", "senator", "person"), ("closer to 5,000", "opponents", "vague_group")]),
        ("The International Organization for Migration counted 1,200. The agency said 300 were children.", [("1,200", "International Organization for Migration", "organisation"), ("300", "International Organization for Migration", "organisation")]),
        ("Speaking to cheers from some 4,000 supporters, the senator promised 10,000 jobs.", [("some 4,000", None, "unattributed"), ("10,000", "senator", "person")]),
        ("The figure is 300. That was the estimate of the health minister, Ana Lopes.", [("300", "Ana Lopes", "person")]),
        ("“We have 300 beds,” said the director. The hospital has 1,200 staff.", [("300", "director", "person"), ("1,200", None, "unattributed")]),
        ("Some 1,200 homes flooded. The figures came from the coastguard.", [("Some 1,200", "coastguard", "organisation")]),
        ("Some 1,200 homes flooded. The river rose 3 metres.", [("Some 1,200", None, "unattributed"), ("3 metres", None, "unattributed")]),
        ("About 300 nurses left the service, the Royal College of Nursing said.", [("About 300", "Royal College of Nursing", "organisation")]),
        ("Mayor Priya Lund told Radio Kestrel that 42 bridges need repair.", [("42", "Priya Lund", "person")]),
        ("Housing officials estimate that up to 5,000 flats stand empty.", [("up to 5,000", "housing officials", "vague_group")]),
        ("Some 60% of members voted, according to the Ferry Workers Union.", [("Some 60%", "Ferry Workers Union", "organisation")]),
        ("Nearly 900 pupils are thought to have missed exams.", [("Nearly 900", None, "unattributed")]),
        ("Customs sources believe at least 12 tonnes were seized.", [("at least 12 tonnes", "customs sources", "vague_group")]),
        ("Tom Okafor, a paramedic in Leeds, said 30 calls went unanswered.", [("30", "Tom Okafor", "person")]),
        ("Turnout was 1.2 million according to the ministry, 3.5 million according to the CGT.",
         [("1.2 million", "ministry", "organisation"), ("3.5 million", "CGT", "organisation")]),
        ("Police counted 480,000 marchers, while the CGT union said 1.7 million took part.",
         [("480,000", "police", "vague_group"), ("1.7 million", "CGT union", "organisation")]),
        ("The interior ministry counted 1.1 million. The CGT union put the turnout at 2 million.",
         [("1.1 million", "interior ministry", "organisation"),
          ("2 million", "CGT union", "organisation")]),
        ("The interior ministry counted 1.1 million. Later the ministry said 1.2 million.",
         [("1.1 million", "interior ministry", "organisation"),
          ("1.2 million", "interior ministry", "organisation")]),
        ("Mayotte recorded 22 dead, according to the French interior ministry.",
         [("22", "French interior ministry", "organisation")]),
        ("In all, 680 were missing while the agency still said as many as 5,000 could be buried.",
         [("680", "agency", "organisation"), ("as many as 5,000", "agency", "organisation")]),
        ("On August 5 the government put the toll at 222.", [("222", "government", "organisation")]),
    ],
    ids=["org-said-before", "said-role-name-inverted", "said-name-role-inverted", "said-surname-inverted", "according-to-a-document", "a-new-poll-is-its-own", "the-charity-is-no-senator", "her-opponents", "the-agency-is-the-one-named", "the-scene-is-no-one-s-words", "named-in-the-next-sentence", "a-role-is-a-person-whose-words-end-with-the-sentence", "source-in-the-next-sentence", "no-source-next", "org-said-after", "person-told", "group-estimates", "according-to",
         "passive-unattributed", "group-believe", "appositive-role", "two-sources-one-sentence",
         "while-the-union-said", "put-the-turnout-at", "the-ministry-met-before",
         "a-place-recorded-according-to-a-body", "while-the-agency-said", "no-month-in-a-name"],
)  # fmt: skip
def test_speakers(text: str, expected: list[tuple[str, str | None, str]]) -> None:
    assert _who(text) == expected


def test_surname_and_pronoun_resolve_to_the_full_name() -> None:
    text = (
        "Councillor Maria Esposito chairs the transport committee. "
        "Esposito estimates that 1,100 buses are too old. "
        "Fares rose by 4% last year, she said."
    )
    claims = _claims(text)
    assert [(c.figure, c.stated_by, c.role, c.cue) for c in claims] == [
        ("1,100", "Maria Esposito", "Councillor", "estimates"),
        ("4%", "Maria Esposito", "Councillor", "said"),
    ]
    assert claims[1].change == "increase"
    assert claims[1].as_of == "2018"


def test_quotation_over_sentences_with_the_speaker_at_the_end() -> None:
    text = (
        "“We saw 250 patients on Monday alone. Most were children. It cannot go on,” "
        "said Dr. Ines Vidal, a surgeon at St Mary's Hospital."
    )
    [claim] = _claims(text)
    assert (claim.figure, claim.stated_by, claim.role) == (
        "250", "Ines Vidal", "a surgeon at St Mary's Hospital",
    )  # fmt: skip


@pytest.mark.parametrize(("opening", "closing"), [("“", "”"), ('"', '"')])
def test_a_quotation_over_paragraphs_is_its_speaker_s_throughout(
    opening: str, closing: str
) -> None:
    """Each paragraph opens the quotation again; only the last closes it and names who spoke."""
    text = (
        "The council leader spoke about the crisis on Tuesday.\n\n"
        f"{opening}We have 4,200 families on the waiting list, and it grows every month.\n\n"
        f"{opening}Last year we placed 310 households in temporary housing,{closing} said "
        "Councillor Jane Rowe.\n\n"
        "The opposition's housing spokesman said the list was closer to 5,000."
    )
    assert [(c.figure, c.stated_by) for c in _claims(text)] == [
        ("4,200", "Jane Rowe"), ("310", "Jane Rowe"), ("closer to 5,000", "housing spokesman"),
    ]  # fmt: skip


def test_an_age_is_no_figure_whoever_it_belongs_to() -> None:
    text = "Taylor, 31, said the team had raised 900 pounds. Ana Ruiz, 44, a nurse, agreed."
    assert [(c.figure, c.stated_by) for c in _claims(text)] == [("900 pounds", "Taylor")]


def test_organisation_abbreviation_is_learnt_and_carried_over() -> None:
    text = (
        "A survey by the Institute for Rural Housing (IRH) counted 2,300 empty farmhouses. "
        "Roughly a third of them are in the north. "
        "IRH research also shows that 15% need a new roof."
    )
    claims = _claims(text)
    assert [(c.figure, c.stated_by, c.stated_by_aliases) for c in claims] == [
        ("2,300", "Institute for Rural Housing", ("IRH",)),
        ("Roughly a third", "Institute for Rural Housing", ("IRH",)),
        ("15%", "Institute for Rural Housing", ("IRH",)),
    ]


def test_an_age_after_a_name_makes_a_person_and_a_report_is_not_a_far_organisation_s() -> None:
    text = (
        "The IMF said growth would slow to 2.1%. Markets fell. Traders were nervous. "
        "According to the filing, the company paid $3m in tax. "
        "Taylor, 31, said the firm owed him £500."
    )
    assert [(c.figure, c.stated_by, c.stated_by_kind) for c in _claims(text)] == [
        ("2.1%", "IMF", "organisation"),
        ("$3m", "the filing", "report"),
        ("£500", "Taylor", "person"),
    ]


def test_a_second_verb_after_and_is_the_opening_subject_s() -> None:
    text = (
        "Police said 12 people were hurt. The senator spoke for an hour in the square, and "
        "said 300 jobs would be created."
    )
    assert [(c.figure, c.stated_by, c.stated_by_kind) for c in _claims(text)] == [
        ("12", "police", "vague_group"),
        ("300", "senator", "person"),
    ]


def test_an_office_named_with_of_is_the_role_and_a_title_keeps_a_person_a_person() -> None:
    text = (
        "Secretary of State Mike Pompeo said 30 diplomats had left. International Development "
        "Secretary Penny Mordaunt said 2,000 tents had been sent. Minister of Foreign Affairs "
        "Jan Berg said 40 trucks were waiting."
    )
    assert [(c.stated_by, c.stated_by_kind, c.role) for c in _claims(text)] == [
        ("Mike Pompeo", "person", "Secretary of State"),
        ("Penny Mordaunt", "person", "International Development Secretary"),
        ("Jan Berg", "person", "Minister of Foreign Affairs"),
    ]


def test_a_charity_named_without_an_organisation_word_is_one_and_they_is_it() -> None:
    text = (
        "Amnesty International said at least 300 people had been detained. They added that "
        "40 of them were children. Save the Children has counted 5,000 displaced families. "
        "It says 12 camps are already full."
    )
    assert [(c.figure, c.stated_by, c.stated_by_kind) for c in _claims(text)] == [
        ("at least 300", "Amnesty International", "organisation"),
        ("40", "Amnesty International", "organisation"),
        ("5,000", "Save the Children", "organisation"),
        ("12", "Save the Children", "organisation"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The bridge opened in 1998 and was repainted in 2011.",
        "The vote is on 12 March at 9pm.",
        "A 34-year-old man and a woman aged 51 were charged.",
        "The talks lasted two days and ended three weeks ago.",
        "She lives at 14 Harbour Street and works on the fifth floor.",
        "Call 0131 496 0000 or see page 12.",
        "It was one of the worst storms; authorities in all three counties agreed.",
        "Storms hit thousands of miles of coastline.",
        "Two of the biggest unions walked out.",
        "Report a missing person only on the 199 emergency line, or dial 112.",
    ],
    ids=[
        "years",
        "date-and-time",
        "ages",
        "durations",
        "address-ordinal",
        "phone-page",
        "idioms",
        "distance-idiom",
        "superlative-determiner",
        "emergency-numbers",
    ],
)
def test_not_claims(text: str) -> None:
    assert _claims(text) == []


def test_a_rule_s_age_is_a_figure_and_from_to_after_a_change_verb_is_two() -> None:
    claims = _claims("The plan would raise the retirement age from 62 to 64. A man aged 51 left.")
    assert [(c.figure, c.low) for c in claims] == [("62", 62), ("64", 64)]


def test_a_spelled_out_part_counts() -> None:
    claims = _claims("Seven of those arrests were made on Sunday. Five of them were charged.")
    assert [(c.figure, c.low) for c in claims] == [("Seven", 7), ("Five", 5)]


def test_as_of_phrases() -> None:
    claims = _claims(
        "As of March this year, 410 wells had dried up. "
        "From early 2015 until late 2017, 96 mines closed. "
        "In 2016 some 70 ferries sailed."
    )
    assert [(c.figure, c.as_of) for c in claims] == [
        ("410", "2019-03"), ("96", "2015-01/2017-12"), ("some 70", "2016"),
    ]  # fmt: skip


def test_a_weekday_is_the_one_past_unless_the_sentence_looks_ahead() -> None:
    monday = date(2016, 1, 11)
    body = (
        "Police said 300 people marched on Saturday. "
        "Hospitals moved about 4,000 operations ahead of Tuesday's strike. "
        "About 30,000 doctors will walk out on Wednesday.\n"
    )
    claims = extract_claims(read_text(body), monday)
    assert [(c.figure, c.as_of) for c in claims] == [
        ("300", "2016-01-09"), ("about 4,000", "2016-01-12"), ("About 30,000", "2016-01-13"),
    ]  # fmt: skip


def test_modality() -> None:
    claims = _claims(
        "Planners predicted that 8,000 homes will be built. "
        "Officials believe 300 were lost. "
        "The agency estimates about 40 remain."
    )
    assert [c.modality for c in claims] == ["prediction", "belief", "estimate"]


def test_repeated_figure_is_one_claim() -> None:
    claims = _claims("Dozens of volunteers came. Later, dozens of volunteers left.")
    assert [c.figure for c in claims] == ["Dozens"]


def test_the_same_figure_from_another_speaker_is_a_claim_of_its_own() -> None:
    claims = _claims(
        "The brothers are each worth $55 billion. Bloomberg said the brothers are each worth "
        "$55 billion. Officials said 40 homes were lost. Officials said 40 homes were lost."
    )
    assert [(c.figure, c.stated_by) for c in claims] == [
        ("$55 billion", None), ("$55 billion", "Bloomberg"), ("40", "officials"),
    ]  # fmt: skip


def test_multiple_and_its_inner_figure_are_both_claims() -> None:
    claims = _claims("Police now count nearly double the 80 cases seen in May.")
    assert [(c.figure, c.low, c.high) for c in claims] == [
        ("nearly double the 80", Decimal(160), Decimal(160)), ("80", Decimal(80), Decimal(80)),
    ]  # fmt: skip


def test_front_matter_offsets_index_the_whole_text() -> None:
    text = "title: Ferries\noutlet: The Coast\ndate: 2019-06-14\n---\nAbout 70 ferries sailed."
    [claim] = _claims(text)
    assert text[claim.start : claim.end] == "About 70"
    assert text[claim.sentence_start : claim.sentence_end] == "About 70 ferries sailed."


def test_blocks_give_the_same_claims_as_the_whole_text() -> None:
    paragraphs = [
        "The Institute for Rural Housing (IRH) counted 2,300 empty farmhouses.",
        "IRH research also shows that 15% need a new roof.",
        "“About 40 are beyond repair,” said Ana Roy, a surveyor.",
    ]
    text = "\n\n".join(paragraphs)
    whole = extract_claims(read_text(text))
    blocks, offset = [], 0
    for paragraph in paragraphs:
        blocks.append((offset, paragraph + "\n\n"))
        offset += len(paragraph) + 2
    assert list(iter_claims(blocks)) == whole


news_words = st.sampled_from(
    ["about", "at least", "some", "1,200", "30%", "said", "the", "officials", "between", "and",
     "400", "600", "“", "”", ",", ".", "\n\n", "Dr.", "Goulet", "estimates", "per cent", "2015",
     "hundreds", "of", "(ICCT)", "double", "she", "told", "One", "aged", "12"]
)  # fmt: skip


@pytest.mark.fuzz
@given(st.lists(news_words, max_size=40).map(" ".join) | st.text(max_size=200))
@example("“Two. Three,” said")
@example("(A)")
def test_extraction_never_raises_and_offsets_index_the_text(text: str) -> None:
    for claim in _claims(text):
        assert text[claim.start : claim.end] == claim.figure
        assert text[claim.sentence_start : claim.sentence_end] == claim.sentence
        if claim.low is not None and claim.high is not None:
            assert claim.low <= claim.high
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text


def test_the_first_half_of_a_year_is_a_period_not_a_share() -> None:
    text = "Applications fell by 12% to 48,600 in the first half, while half of them were new."
    found = [(c.figure, c.start) for c in extract_claims(read_text(text))]
    assert found == [("12%", 21), ("48,600", 28), ("half", text.index("half of"))]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The IMF this week said growth would slow to 2.1%.", "IMF"),
        ("Police last night said 12 people were arrested.", "police"),
        ("Police later said 300 people had been arrested.", "police"),
        ("The agency initially said 40 people were hurt.", "agency"),
        ("The CGT union on Tuesday evening said 3.5 million marched.", "CGT union"),
        ("On Monday said 300 people had left.", None),  # a weekday is no speaker
        ("May said 40 MPs would rebel.", "May"),  # a month alone may be a name
        ("The mayor said 40 people were missing.", "mayor"),  # a role with no name
        ("The regional governor said 300 homes were lost.", "regional governor"),
        ("The health minister told reporters that 75 had died.", "health minister"),
    ],
)
def test_a_speaker_is_an_agent_and_time_phrases_before_the_verb_are_skipped(
    text: str, speaker: str | None
) -> None:
    [claim] = extract_claims(read_text(text), date(2024, 1, 10))
    assert claim.stated_by == speaker


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("The FTSE 100 fell 40 points.", ["40"]),
        ("The iPhone 15 sold 20 million units.", ["20 million"]),
        ("The Boeing 737 Max crashed, killing 157.", ["157"]),
        ("Arsenal won 3-1 against Chelsea.", []),
        ("It was a 2-0 defeat.", []),
        ("In London 300 people marched.", ["300"]),  # a place is no brand
        ("Between 10-15 people were hurt in the match.", ["Between 10-15"]),
        ("Police counted 26,000 and the CGT 140,000.", ["26,000", "140,000"]),
        ("As Fig. 4 and Table 2 show, 61% agreed [52].", ["61%"]),
        # a deck, floor or carriage by its number is a place aboard, not a count
        ("Four bodies were found on deck four and 12 on Deck 7, in carriage 3.", ["Four", "12"]),
        ("Divers searched decks three and four of a ship with five decks.", ["five"]),
        ("Earlier studies [12, 14] found 30 cases.", ["30"]),
        ("Scores run between 0 and 60 on the scale.", ["between 0 and 60"]),
        ("Call 01632 960 001 for help.", []),
    ],
)
def test_names_with_numbers_and_scores_are_not_counts(text: str, figures: list[str]) -> None:
    assert [c.figure for c in extract_claims(read_text(text), date(2024, 1, 10))] == figures


def test_a_dateline_is_not_part_of_the_quote_and_a_change_by_is_a_change_and_a_level() -> None:
    body = (
        "LONDON (Reuters) - Unemployment rose to 4.3%, the statistics office said.\n\n"
        "Vacancies fell by 26,000 to 898,000.\n"
    )
    claims = extract_claims(read_text(body))
    assert claims[0].sentence.startswith("Unemployment rose to 4.3%")
    assert body[claims[0].sentence_start : claims[0].sentence_end] == claims[0].sentence
    assert [(c.figure, str(c.low)) for c in claims[1:]] == [
        ("26,000", "26000"),
        ("898,000", "898000"),
    ]
    # an agency's dateline with no dash: the day and the agency, then the story
    body = "Taipei, April 3 (CNA) Nine people were killed and 127 others remained trapped.\n"
    claims = extract_claims(read_text(body))
    assert claims[0].sentence.startswith("Nine people were killed")
    assert [c.scope_inferred for c in claims] == [True, True]  # filed there, not said there


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Patients waited 18 weeks on average for treatment.", [("18", "weeks")]),
        ("The median wait was 14 days.", [("14", "days")]),
        ("The average stay in hospital rose to 42 minutes.", [("42", "minutes")]),
        ("He was jailed for 5 years.", []),  # one person's sentence, not a statistic
        ("The strike lasted three days; the average pay rise was 5%.", [("5%", "percent")]),
    ],
)  # fmt: skip
def test_a_duration_is_a_claim_only_as_a_statistic(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(c.figure, c.unit) for c in extract_claims(read_text(text))] == expected


def test_the_items_of_a_list_count_what_their_label_or_list_says() -> None:
    text = (
        "Key facts: the heatwave\n"
        "- Deaths across Europe: at least 35,000 (Earth Policy Institute)\n"
        "- France: 14,802 (INSERM)\n"
        "- England and Wales: 2,045\n\n"
        "Turnout has ranged between 80% and 90%. The figures so far:\n"
        "- Glasgow: 74.9%\n\n"
        "Key facts\n"
        "- Injured: about 300,000\n"
    )
    found = {c.figure: c.counted for c in extract_claims(read_text(text), date(2003, 10, 1))}
    assert found["at least 35,000"] == "Deaths across Europe"
    assert found["14,802"] == "France (Deaths)"  # an item naming a place counts its list's deaths
    assert found["2,045"] == "England and Wales (Deaths)"
    assert found["74.9%"] == (
        "Glasgow (Turnout has ranged between 80% and 90%. The figures so far)"
    )  # a short opening takes the sentence before it
    assert found["about 300,000"] == "Injured"


def test_the_rows_of_a_table_by_place_count_what_its_heading_says() -> None:
    """A table's rows, with no bullets, under a heading "by county": each row counts the
    heading's deaths for the place it names, known to the gazetteer or not."""
    text = (
        "The state updated its count on Tuesday.\n\n"
        "Florida deaths by county, according to the state:\n"
        "Bay: 19\n"
        "Gulf: 3\n\n"
        "He said: 19 people died in the fire.\n"
    )
    found = [(c.figure, c.counted, c.scope) for c in extract_claims(read_text(text), None)]
    assert ("19", "Bay (Florida deaths by county, according to the state)", "Bay") in found
    assert ("3", "Gulf (Florida deaths by county, according to the state)", "Gulf") in found
    # one-word subheads over some of its rows ("Highest", "Lowest") keep the list's heading
    text = "Turnout by region:\n\nHighest\n- Sejong: 70.2%\n\nLowest\n- Jeju: 62.2%\n"
    found = [(c.figure, c.counted) for c in extract_claims(read_text(text), None)]
    assert found == [
        ("70.2%", "Sejong (Turnout by region — Highest)"),
        ("62.2%", "Jeju (Turnout by region — Lowest)"),
    ]
    # rows with dots leading to the figure
    text = "Deaths by region:\n\nNairobi .......... 32\nRift Valley ...... 15\n"
    found = [(c.figure, c.counted, c.scope) for c in extract_claims(read_text(text), None)]
    assert found == [
        ("32", "Nairobi (Deaths by region)", "Nairobi"),
        ("15", "Rift Valley (Deaths by region)", "Rift Valley"),
    ]
    # rows with no colon, a name and its figure alone
    text = "Turnout by region at 6pm:\n\nCantabria 60.44%\nValencia region 57.92%\n"
    found = [(c.figure, c.counted, c.scope) for c in extract_claims(read_text(text), None)]
    assert found == [
        ("60.44%", "Cantabria (Turnout by region at 6pm)", "Cantabria"),
        ("57.92%", "Valencia region (Turnout by region at 6pm)", "Valencian Community"),
    ]


def test_a_row_naming_its_source_after_its_county_is_that_county_s() -> None:
    """ "Pinellas County - St. Petersburg Police Department: 2": the row's place is the
    county it opens with, whatever places its source names, taught to the reader or not."""
    from provenance.places import taught

    text = (
        "Deaths reported to the state as of Friday:\n\n"
        "St. Lucie County - Medical Examiner: 7\n"
        "Pinellas County - St. Petersburg Police Department: 2\n"
        "Hillsborough County - Medical Examiner: 2; Tampa Police Department: 1\n\n"
        "That is 11 deaths in all.\n"
    )
    heading = "(Deaths reported to the state as of Friday)"
    for places in ([], [("St. Lucie", "Florida"), ("Pinellas", "Florida")]):
        with taught(places):
            found = [(c.figure, c.counted, c.scope) for c in extract_claims(read_text(text))]
        assert ("7", f"St. Lucie County {heading}", "St. Lucie County") in found
        assert ("2", f"Pinellas County {heading}", "Pinellas County") in found
        assert ("2", f"Hillsborough County {heading}", "Hillsborough County") in found


def test_a_place_owned_by_another_is_the_figure_s_whatever_the_gazetteer_knows() -> None:
    """ "Kerala's Wayanad district": about Wayanad, even when the reader was only taught the
    name (from a catalogue) and knows nothing of where it lies."""
    from provenance.places import taught

    text = "The number killed in Kerala's Wayanad district rose to 174 on Wednesday."
    with taught([("Wayanad", None)]):
        assert [c.scope for c in extract_claims(read_text(text))] == ["Wayanad"]


def test_what_a_figure_counts_runs_past_the_full_stop_of_an_abbreviated_name() -> None:
    text = "Five of the dead were in St. Lucie County. Two people died in St. Petersburg."
    assert [c.counted for c in extract_claims(read_text(text))] == [
        "dead were in St. Lucie County",
        "people died in St. Petersburg",
    ]


def test_where_a_flight_came_from_is_not_where_its_figures_are() -> None:
    text = (
        "A jet crashed at Muan airport in South Korea on Sunday. The aircraft, arriving from "
        "Bangkok, had 175 passengers. It was returning from Bangkok with six crew members."
    )
    found = {c.figure: (c.scope, c.scope_inferred) for c in extract_claims(read_text(text))}
    assert found == {"175": ("South Korea", True), "six": ("South Korea", True)}


def test_a_count_s_series_after_a_colon_counts_what_opens_it_each_on_its_day() -> None:
    text = (
        "The official toll has climbed slowly: 11 on the morning after the storm, 22 on "
        "December 17, 31 on December 19 and 39 since December 28."
    )
    found = [
        (c.figure, c.counted, c.as_of) for c in extract_claims(read_text(text), date(2025, 1, 8))
    ]
    assert [f[1] for f in found] == ["The official toll has climbed slowly"] * 4
    assert [f[2] for f in found[1:3]] == ["2024-12-17", "2024-12-19"]


def test_the_same_count_as_it_stood_earlier_keeps_its_place() -> None:
    text = (
        "Chido has killed at least 94 people in Mozambique, the agency said, up from the 76 "
        "it reported a day earlier, making the southern African nation the worst hit."
    )
    found = {c.figure: (c.counted, c.scope) for c in extract_claims(read_text(text))}
    assert found["76"] == found["at least 94"] == ("people in Mozambique", "Mozambique")


def test_a_storm_s_name_is_no_place_in_its_article() -> None:
    text = (
        "title: Milton's death toll reaches 11\n---\n"
        "Hurricane Milton killed at least 11 people, officials said. Milton's winds left "
        "about 3.4 million homes without power."
    )
    found = {c.figure: c.scope for c in extract_claims(read_text(text))}
    assert found == {"at least 11": None, "about 3.4 million": None}
    assert [c.scope for c in extract_claims(read_text("In Milton, 40 homes burned."))] == ["Milton"]


def test_a_list_item_restating_a_figure_of_the_body_is_a_figure_of_its_own() -> None:
    text = "The ministry said 1,127 people died.\n\nKey facts\n- Dead: 1,127\n"
    assert [c.figure for c in extract_claims(read_text(text))] == ["1,127", "1,127"]


def test_names_listed_with_their_figures_in_parentheses_each_count_their_own() -> None:
    text = (
        "Turnout was highest in East Dunbartonshire (91%), East Renfrewshire (90.4%) and "
        "Stirling (90.1%)."
    )
    found = {c.figure: (c.counted, c.scope) for c in extract_claims(read_text(text))}
    assert found == {
        "91%": ("Turnout was highest in East Dunbartonshire", "East Dunbartonshire"),
        "90.4%": ("Turnout was highest in East Renfrewshire", "East Renfrewshire"),
        "90.1%": ("Turnout was highest in Stirling", "Stirling"),
    }


def test_a_sentence_pointing_back_to_a_place_is_about_that_place() -> None:
    text = (
        "The destruction was worst in Léogâne, a town close to the epicentre. Officials there "
        "estimate that 20,000 residents were killed.\n\n"
        "In Haiti there were 40 aid agencies at work. They said 300 schools had collapsed."
    )
    found = {c.figure: c.scope for c in extract_claims(read_text(text))}
    assert found["20,000"] == "Léogâne"
    assert found["40"] == "Haiti"  # the "there" of "there were" points nowhere
    text = (
        "Italy recorded 4,175 extra deaths. France remains the worst hit. Its government has "
        "put the toll at 11,435."
    )
    assert {c.figure: c.scope for c in extract_claims(read_text(text))}["11,435"] == "France"
    text = (
        "Louisiana counted 1,464 dead. In Mississippi, the governor spoke in Gulfport on "
        "Monday. At that time the state's toll stood at 221."
    )
    assert {c.figure: c.scope for c in extract_claims(read_text(text))}["221"] == "Mississippi"


def test_a_sentence_with_no_figure_sets_the_scene_of_the_next_in_its_paragraph() -> None:
    text = (
        "Some 300,000 people joined rallies across Australia on Friday.\n\n"
        "Melbourne drew the biggest crowd. Organisers estimated that 100,000 people packed "
        "the gardens.\n\n"
        "In Sydney, the numbers depended on who was counting. Police put the crowd at about "
        "50,000. Government figures put the cost at 2 million dollars.\n\n"
        "Brisbane was quieter. Organisers elsewhere said 20,000 people marched in Perth."
    )
    found = {c.figure: c.scope for c in extract_claims(read_text(text))}
    assert found["100,000"] == "Melbourne"
    assert found["about 50,000"] == "Sydney"
    # a figure a sentence with a figure of its own follows, and one the government gives,
    # are not the scene's; nor is one whose own sentence names a place
    assert found["2 million dollars"] == "Australia"
    assert found["20,000"] == "Perth"
    text = (
        "About 300 homes were lost across Australia. The storm hit Sydney first.\n\nIt killed 12."
    )
    assert {c.figure: c.scope for c in extract_claims(read_text(text))}["12"] == "Australia"


def test_a_national_figure_in_a_story_set_in_one_town_is_the_country_s() -> None:
    text = (
        "In Léogâne, the town at the epicentre, 20,000 people died. The government's official "
        "toll stands at 316,000. The National Thowheeth Jama'ath group had 40 members."
    )
    found = {c.figure: c.scope for c in extract_claims(read_text(text))}
    assert found["316,000"] == "Haiti"
    assert found["40"] == "Léogâne"  # a name with "National" in it says nothing of the nation
    text = (
        "Haiyan may have killed 10,000 in Leyte province alone. The national disaster agency "
        "has not confirmed that. Its own tally stood at 151 dead."
    )
    assert {c.figure: c.scope for c in extract_claims(read_text(text))}["151"] == "Philippines"
    text = (
        "Rescuers searched New Orleans, Louisiana. Louisiana's health department said deaths "
        "in the state had risen to 799, pushing the storm's overall toll past 1,000."
    )
    found = {c.figure: c.scope for c in extract_claims(read_text(text))}
    assert found == {"799": "Louisiana", "1,000": "United States"}


def test_an_article_naming_no_place_is_its_outlet_s_country_s_when_the_outlet_names_one() -> None:
    header = "title: Turnout third-highest ever\noutlet: {}\ndate: 2018-05-26\n---\n"
    body = (
        "Turnout reached 64.13 per cent. The record was set in 1972, when 70.88 per cent "
        "voted on joining the European Economic Community."
    )
    irish = extract_claims(read_text(header.format("Irish Independent") + body))
    assert [(c.scope, c.scope_inferred) for c in irish] == [("Ireland", True)] * 2
    city = extract_claims(read_text(header.format("The New York Times") + body))
    assert [c.scope for c in city] == [None, None]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Istat counted 20,000 more deaths from July to September 2003.", "2003-07/2003-09"),
        ("INSERM found 14,802 excess deaths between 1 and 20 August.", "2003-08-01/2003-08-20"),
        ("The study found 19,490 extra deaths between June and September.", "2003-06/2003-09"),
        ("About 40 died on 1-3 August 2003.", "2003-08-01/2003-08-03"),
        ("Police recorded 43,516 knife offences in the year to March.", "2002-04/2003-03"),
        ("There were 4,986 admissions in the 12 months to June 2003.", "2002-07/2003-06"),
        ("Since 2001, 5,000 have travelled.", "2001/2003-10-10"),  # a span to now, not 2001
        ("Last month 120 were arrested.", "2003-09"),
        ("A year earlier the figure was 4,200.", "2002-10"),
        ("At the start of the year 300 were homeless.", "2003-01"),
        ("In the second quarter, output grew 0.5%.", "2003-04/2003-06"),
    ],
)
def test_a_span_of_months_or_days_is_the_figure_s_period(text: str, period: str) -> None:
    [claim] = extract_claims(read_text(text), date(2003, 10, 10))
    assert claim.as_of == period


def test_a_quotation_s_speaker_is_named_after_it_and_its_verbs_are_the_quoted_words() -> None:
    text = (
        '"We expect 40 more deaths," said agency director Ana Ribeiro. About 4,500 people '
        "remain in shelters.\n\nThe ministry said 12 died, said spokesman Jo Smith."
    )
    found = {c.figure: (c.stated_by, c.counted) for c in extract_claims(read_text(text))}
    assert found["40"] == ("Ana Ribeiro", "deaths")  # not "We", and the quote ends the clause
    assert found["About 4,500"][0] is None  # the outlet's narration after a quote is its own


def test_a_verb_of_saying_whose_figure_follows_it_in_another_clause_is_not_the_first_s() -> None:
    text = "Organisers put the turnout at 270,000; police estimated about 100,000."
    found = {c.figure: c.stated_by for c in extract_claims(read_text(text))}
    assert found == {"270,000": "organisers", "about 100,000": "police"}


def test_a_quotation_naming_who_stated_a_figure_in_it_gives_that_speaker() -> None:
    text = (
        '"As we have explained before, the plan admits 85,000 refugees. Then, in 2017, '
        "Kerry said that 100,000 would be accepted. Who said that 90 percent were women? We "
        'said 12 were children," said agency director Ana Ribeiro.'
    )
    found = {c.figure: c.stated_by for c in extract_claims(read_text(text))}
    assert found["100,000"] == "Kerry"  # stated by Kerry, quoted by Ana Ribeiro
    assert found["85,000"] == found["12"] == found["90 percent"] == "Ana Ribeiro"


def test_a_figure_given_as_someone_s_is_stated_by_them() -> None:
    text = (
        "The report puts the death toll at between 46,000 and 85,000. The government's "
        "official figure is 316,000. The health ministry's toll stood at 1,127 on Monday."
    )
    found = {c.figure: c.stated_by for c in extract_claims(read_text(text))}
    assert found == {
        "between 46,000 and 85,000": "the report",
        "316,000": "government",
        "1,127": "health ministry",
    }


def test_a_list_item_is_the_outlet_s_own_and_loses_its_bullet() -> None:
    text = "The agency said 112 people died.\n\n- Rainfall reached 300mm in 24 hours\n"
    found = {c.figure: (c.stated_by, c.counted) for c in extract_claims(read_text(text))}
    assert found["300mm"] == (None, "Rainfall")


def test_a_bare_total_or_an_earlier_value_counts_what_the_figure_before_counts() -> None:
    text = (
        "In the morning it reported 38 injured; by evening the number had reached 761. "
        "The number of people killed rose to 321 on Tuesday, up from 290 the day before. "
        "Officials said 230,000 people had died, up from the 212,000 it reported last week."
    )
    found = {c.figure: c.counted for c in extract_claims(read_text(text))}
    assert found["761"] == "the number (injured)"
    assert found["290"] == found["321"] == "The number of people killed"
    assert found["212,000"] == found["230,000"] == "people had died"


def test_a_place_in_a_relative_clause_does_not_place_the_figure() -> None:
    text = (
        "Eleven people have died in Chile during a weekend of unrest that began as a protest "
        "against a rise in Santiago's metro fares."
    )
    assert [c.scope for c in extract_claims(read_text(text))] == ["Chile"]
    text = (
        "Irma has been blamed for at least 70 deaths in the United States, including eight "
        "residents of a Florida nursing home."
    )
    found = {c.figure: c.scope for c in extract_claims(read_text(text))}
    assert found == {"at least 70": "United States", "eight": "Florida"}  # the part's place


def test_people_of_another_clause_do_not_place_the_figure() -> None:
    text = (
        "Spanish riot police charged crowds trying to vote in Catalonia, and the region's "
        "health authorities said 844 people had been hurt. Some 1,700 French citizens have "
        "travelled to Syria."
    )
    found = {c.figure: c.scope for c in extract_claims(read_text(text))}
    assert found["844"] == "Catalonia"  # the police are Spanish; the hurt were in Catalonia
    assert found["Some 1,700"] == "France"


def test_a_figure_whose_own_clause_says_where_is_not_the_place_before_its_comma() -> None:
    text = (
        "Besides the 19 in Florida, six people died in Virginia, three in North Carolina and "
        "one in Georgia. In Florida, 27 people died."
    )
    found = {c.figure: c.scope for c in extract_claims(read_text(text))}
    assert found["six"] == "Virginia"
    assert found["three"] == "North Carolina"
    assert found["27"] == "Florida"  # its clause names no place: the one before it holds


def test_a_country_written_with_full_stops_is_named() -> None:
    text = "That brings the U.S. toll to 59, including 50 in Florida. The U.K. figure was 12."
    found = {c.figure: c for c in extract_claims(read_text(text))}
    assert (found["59"].scope, found["59"].counted) == ("United States", "the U.S. toll")
    assert found["50"].scope == "Florida"
    assert found["12"].scope == "United Kingdom"


def test_a_figure_that_ends_its_clause_counts_what_reached_it() -> None:
    text = (
        "Promises of money to rebuild the cathedral have reached €880m (£765m), two days after "
        "a fire gutted its roof. The pledges had hit €1bn, counting gifts from around the "
        "world. Turnout stood at 42%, down from 2014."
    )
    found = {c.figure: c.counted for c in extract_claims(read_text(text))}
    assert found["€880m"] == "Promises of money to rebuild the cathedral"  # not "two days"
    assert found["€1bn"] == "The pledges"
    assert found["42%"] == "Turnout"


def test_a_gapped_figure_for_another_place_counts_what_the_one_before_counts() -> None:
    text = (
        "Police in England and Wales recorded 43,516 knife offences, the Office for National "
        "Statistics said. So far this year 821,000 migrants have landed in Greece and 150,000 "
        "in Italy."
    )
    found = {c.figure: c for c in extract_claims(read_text(text), date(2019, 7, 18))}
    assert found["43,516"].scope == "England and Wales"  # one jurisdiction, not Wales
    assert found["150,000"].scope == "Italy"
    assert found["150,000"].counted == found["821,000"].counted.replace("Greece", "Italy")
    text = "The rise was 8%, the Office for National Statistics said."
    [claim] = extract_claims(read_text(text))
    assert claim.stated_by == "Office for National Statistics"


def test_a_person_s_age_in_apposition_is_no_claim() -> None:
    text = '"It is by age," said Mattie Thomas, 66, a retired worker. About 300 people came.'
    assert [c.figure for c in extract_claims(read_text(text))] == ["About 300"]


def test_registered_voters_is_no_verb_of_saying_and_a_cue_s_content_follows_it() -> None:
    text = "Quinnipiac polled 1,042 Ohio registered voters from April 27."
    [claim] = extract_claims(read_text(text))
    assert claim.cue != "registered"
    text = (
        "The hotel objected to a vote by roughly 500 of its workers, and the labour board has "
        "said that the hotel broke the law."
    )
    [claim] = extract_claims(read_text(text))
    assert claim.stated_by is None  # what the board said follows "said that"


def test_a_poll_a_sentence_opens_with_is_the_source_of_its_figures() -> None:
    text = "In an NBC News/Wall Street Journal poll released Monday, 50 percent chose Clinton."
    [claim] = extract_claims(read_text(text))
    assert claim.stated_by == "NBC News"


@pytest.mark.parametrize(
    "text",
    [
        "Clinton vowed to create 700,000 jobs.",
        "Trump tweeted that 30,000 people came.",
        "Cardin proposed a 10 percent tax.",
    ],
)
def test_vows_tweets_and_proposals_are_statements(text: str) -> None:
    [claim] = extract_claims(read_text(text))
    assert claim.stated_by is not None


def test_a_figure_whose_sentence_points_back_counts_what_the_one_before_counts() -> None:
    body = (
        "Early last week the list was down to around 200 names. By Saturday it had jumped to "
        "1,267, and on Sunday it fell to 993.\n\nOfficials said 40 homes burned. The morning "
        "was cold, and 12 schools closed.\n"
    )
    counted = {c.figure: c.counted or "" for c in extract_claims(read_text(body))}
    assert counted["1,267"].endswith("(names)")
    assert counted["993"].endswith("(names))")
    assert "homes" not in counted["12"]  # no pointing back: its own count


def test_a_figure_naming_only_a_count_counts_the_one_named_in_the_paragraph_before() -> None:
    body = (
        "The death toll from the fire rose to 86 on Saturday, officials said.\n\n"
        "On Friday, the count had been 85.\n\n"
        "A week earlier the department's count stood at 40.\n\n"
        "Firefighters had saved 12 homes.\n\nThe ministry's own tally was 14.\n\n- Total: 26\n"
    )
    counted = {c.figure: c.counted or "" for c in extract_claims(read_text(body))}
    assert counted["85"] == "the count (The death toll from the fire)"
    assert counted["40"] == "the department's count (The death toll from the fire)"
    assert "homes" in counted["14"]
    assert "death" not in counted["14"]
    assert counted["26"] == "Total"  # a list's label names what it counts


def test_it_points_at_the_count_its_sentence_or_the_one_before_names_with_no_figure() -> None:
    body = (
        "The junta's count had stood at 164 in March.\n\n"
        "The number rescued has also wobbled: officials put it at 164 on the evening of "
        "April 16 and at 179 the next day.\n\nIts list of people missing has swung. It stood at 103 on Saturday, jumped to 163 on "
        "Sunday and was back down to 127 by Monday.\n"
    )
    claims = extract_claims(read_text(body))
    counted = [(c.figure, c.counted) for c in claims]
    assert counted == [
        ("164", "The junta's count"),  # no count named before it
        ("164", "it (The number rescued)"),
        ("179", "it (The number rescued)"),  # "at 164 ... and at 179": one count, twice
        ("103", "It (Its list of people missing)"),
        ("163", "It (Its list of people missing)"),
        ("127", "It (Its list of people missing)"),
    ]


def test_that_is_up_from_points_at_what_the_statement_before_said_first() -> None:
    body = (
        "At least 77 Kentuckians have died, destroying thousands of homes, the governor said."
        "\n\nThat is up from 64 on Monday morning and 50 on Sunday. At least 109 people are "
        "unaccounted for.\n"
    )
    counted = {c.figure: c.counted or "" for c in extract_claims(read_text(body))}
    assert "Kentuckians have died" in counted["64"]
    assert "Kentuckians have died" in counted["50"]
    assert "Kentuckians" not in counted["At least 109"]


def test_a_list_headed_only_by_counts_counts_what_the_sentence_before_it_counts() -> None:
    body = (
        "More than 4 million people took part worldwide, organisers said. Among the counts "
        "they published:\n- Germany: 1.4 million\n- Australia: 330,000\n"
    )
    counted = {c.figure: c.counted or "" for c in extract_claims(read_text(body))}
    assert "took part" in counted["1.4 million"]
    assert "took part" in counted["330,000"]


def test_the_agency_is_the_organisation_named_before() -> None:
    body = (
        "The International Organization for Migration (IOM) counted 1,500 arrivals in May. "
        "The agency said 300 more had come by boat. The government said 60 were turned back.\n"
    )
    speakers = [c.stated_by for c in extract_claims(read_text(body))]
    assert speakers == [
        "International Organization for Migration",
        "International Organization for Migration",
        "government",  # another body: never the one named before
    ]


def test_a_list_of_figures_by_place_takes_the_places_the_gazetteer_lacks_too() -> None:
    text = (
        "title: Quake toll passes 2,000\ndate: 2023-09-09\n---\n"
        "The ministry gave this breakdown of deaths:\n"
        "- Al Haouz: 1,293\n- Taroudant: 452\n\n"
        "Key facts:\n- Dead: 2,012\n- Missing Persons Unit: 14\n"
    )
    found = {
        c.figure: (c.counted, c.scope, c.scope_inferred) for c in extract_claims(read_text(text))
    }
    heading = "The ministry gave this breakdown of deaths"
    assert found["1,293"] == (f"Al Haouz ({heading})", "Al Haouz", False)
    assert found["452"] == (f"Taroudant ({heading})", "Taroudant", False)
    # a list naming no place the gazetteer knows is no list by place: the article's place
    assert found["14"] == ("Missing Persons Unit", "Taroudant", True)


def test_a_list_by_place_s_total_is_the_place_holding_its_items() -> None:
    text = (
        "title: Storm toll tops 1,000\ndate: 2005-09-22\n---\n"
        "NEW ORLEANS - Deaths rose again on Thursday.\n\n"
        "Deaths by state:\n"
        "- Louisiana: 799\n- Mississippi: 219\n- Florida: 11\n- Georgia: two\n"
        "- Total: 1,033\n- Power: about 102,000 homes without electricity\n"
    )
    found = {c.figure: (c.counted, c.scope) for c in extract_claims(read_text(text))}
    assert found["1,033"] == ("Total (Deaths by state)", "United States")
    assert found["11"][1] == "Florida"
    assert found["about 102,000"][1] != "Power"  # a word, not a place


def test_items_of_a_list_by_place_count_what_its_first_item_names_after_its_figure() -> None:
    text = (
        "title: Flood toll passes 100\ndate: 2021-07-16\n---\n"
        "Rescuers searched the Ahr valley on Friday.\n\nKEY FIGURES\n"
        "- Germany: at least 103 dead\n- Rhineland-Palatinate: 60\n- Belgium: 12 (provisional)\n"
        "- Power: about 102,000 people still without electricity\n"
    )
    found = {c.figure: c.counted for c in extract_claims(read_text(text))}
    assert found["60"] == "Rhineland-Palatinate (KEY FIGURES: dead)"
    assert found["12"] == "Belgium (KEY FIGURES: dead)"
    assert "dead" not in (found["about 102,000"] or "")  # it names what it counts itself


def test_an_item_s_noun_ends_where_its_source_is_named() -> None:
    """ "- Mayotte: 22 dead, according to the interior ministry": the item counts the dead; who
    gave the figure is not what it counts."""
    text = (
        "The latest official figures, as of Tuesday:\n\n"
        "- Mayotte: 22 dead, according to the French interior ministry\n"
        "- Mozambique: 34 dead, 319 injured\n\n"
        "The weekly Mayotte Hebdo reported 40 confirmed deaths, citing the hospital.\n"
    )
    found = {c.figure: c.counted for c in extract_claims(read_text(text))}
    assert found["22"] == "Mayotte dead (The latest official figures, as of Tuesday)"
    assert found["40"] == "confirmed deaths"


def test_a_part_after_a_figure_s_comma_is_not_what_it_counts() -> None:
    """ "the rate had been 22.73%, including 66.4% of drivers": 22.73% is the rate, its part
    counts drivers; "including children" with no figure still says what is counted."""
    text = "On the previous strike day, the rate had been 22.73%, including 66.4% of drivers."
    found = {c.figure: c.counted for c in extract_claims(read_text(text))}
    assert found == {"22.73%": "the rate", "66.4%": "drivers"}
    found = {c.figure: c.counted for c in extract_claims(read_text("Rescuers found 1,200, "
                                                                   "including children."))}  # fmt: skip
    assert found["1,200"] == "including children"


def test_a_paragraph_opened_with_another_country_s_place_is_set_there() -> None:
    text = (
        "title: Chido toll rises in Mozambique\ndate: 2024-12-17\n---\n"
        "Mozambique's disaster agency said 34 people had died in Cabo Delgado.\n\n"
        "In Mayotte, French officials say the true number of dead will be much higher. The "
        "prefect said that hundreds had probably died.\n\nThe agency counted 319 injured.\n"
    )
    found = {c.figure: c.scope for c in extract_claims(read_text(text))}
    assert found == {"34": "Cabo Delgado", "hundreds": "Mayotte", "319": "Mozambique"}


def test_the_place_of_a_named_event_is_not_its_count_s() -> None:
    """ "after the Camp Fire in Northern California": where the fire burned, not whose names
    the list holds; the figure's sentence names no place of its own."""
    text = (
        "title: List of people missing after Camp Fire swells to more than 1,000\n"
        "date: 2018-11-17\n---\n"
        "The list of people unaccounted for after the Camp Fire in Northern California now has "
        "1,011 names, the sheriff said.\n"
    )
    with taught([("Butte County", "California")]):  # as a catalogue of Butte County's teaches
        [claim] = extract_claims(read_text(text))
    assert claim.scope != "California" or claim.scope_inferred


def test_it_points_at_the_count_the_sentence_before_opens_with() -> None:
    text = (
        "On August 5 the government put the toll at 222, including 37 children, with 180 body "
        "parts recovered by then. Three days later it stood at 225."
    )
    found = {c.figure: c.counted for c in extract_claims(read_text(text))}
    assert found["225"] == "Three days later it (the toll)"  # not the body parts


def test_a_place_the_gazetteer_lacks_named_right_after_a_figure_is_the_figures() -> None:
    text = (
        "title: Toll rises\ndate: 2023-09-11\n---\n"
        "Morocco's interior ministry gave 2,497 dead, with 1,452 deaths in Al Haouz and 764 in "
        "Taroudant. On the Juan Fernandez islands, officials said three villagers had died. "
        "In Tuesday's update, 2,681 were dead in Morocco. Turnout was 60% in March.\n"
    )
    found = {c.figure: c.scope for c in extract_claims(read_text(text))}
    assert found["1,452"] == "Al Haouz"  # not Morocco's, named in the same sentence
    assert found["764"] == "Taroudant"
    assert found["three"] == "Juan Fernandez"  # the place heading its sentence
    assert found["2,497"] == found["2,681"] == "Morocco"  # a day's update names no place
    assert found["60%"] == "Morocco"  # nor does a month


def test_a_bare_from_is_a_base_only_after_a_change_or_a_time() -> None:
    text = (
        "title: Camps\ndate: 2018-08-30\n---\n"
        "On August 21, 14.50 lakh people from 3.91 lakh families had been moved into camps. "
        "The ministry said 431 officers had been hurt, a sharp rise from the 39 it reported. "
        "The toll rose to 310 from 290.\n"
    )
    found = {c.figure: c.counted for c in extract_claims(read_text(text))}
    assert found["3.91 lakh"].startswith("families had been moved")  # the decimal ends nothing
    assert found["39"] == found["431"]  # the count it rose from
    assert found["290"] == found["310"] == "The toll"  # named once


def test_each_figure_of_a_labelled_item_counts_the_label_and_its_own_words() -> None:
    text = (
        "title: Strike day\ndate: 2023-02-01\n---\nSchools by phase:\n\n"
        "- Secondary: 17.4 per cent fully open, 73.6 per cent restricting, nine per cent closed\n"
        "- Closed: 9.3 per cent\n- Palu: 1,203 (Wednesday: 1,177)\n"
    )
    found = {c.figure: c.counted for c in extract_claims(read_text(text))}
    # (with what the list's heading names, when the words name no noun)
    assert found["17.4 per cent"].startswith("Secondary fully open")
    assert found["73.6 per cent"].startswith("Secondary restricting")  # not the next one's
    assert found["nine per cent"].startswith("Secondary closed")
    assert found["9.3 per cent"].startswith("Closed")


def test_the_items_of_a_list_by_place_count_what_its_first_counts() -> None:
    text = (
        "title: Toll\ndate: 2017-09-21\n---\nThe presidency said 13 people died in the State of "
        "Mexico, six in Guerrero, one in Oaxaca, 43 in Puebla and 137 in the capital, for a "
        "total of 200.\n"
    )
    found = {c.figure: (c.counted, c.scope) for c in extract_claims(read_text(text))}
    assert found["13"] == ("people died in the State of Mexico", "State of Mexico")
    assert found["six"] == ("people died in Guerrero", "Guerrero")
    assert found["43"] == ("people died in Puebla", "Puebla")
    assert found["137"] == ("people died in Mexico City", "Mexico City")
    assert found["200"] == ("a total (people died in Mexico City)", "Mexico")  # all of them


def test_a_subhead_naming_a_place_gives_its_list_that_place() -> None:
    text = (
        "title: Results\ndate: 2018-09-16\n---\n"
        "The Social Democrats won 28.3 percent nationally.\n\n"
        "Malmo\n- Social Democrats: 29.10 percent\n- Moderates: 19.48 percent\n\n"
        "Key facts\n- Turnout: 87.1 percent\n"
    )
    found = {c.figure: (c.scope, c.scope_inferred) for c in extract_claims(read_text(text))}
    # written without its accent, and stated by the subhead, not guessed
    assert found["29.10 percent"] == found["19.48 percent"] == ("Malmö", False)
    assert found["87.1 percent"][1]  # a list under no place: the article's place, guessed


def test_a_regional_toll_is_the_region_s_the_sentence_before_names() -> None:
    text = (
        "title: Chile lowers toll\ndate: 2010-03-05\n---\n"
        "Chile's toll stood at 802. In Maule, the worst-hit region, the missing had been added "
        "to the dead. The regional toll was revised to 315 from about 565."
    )
    found = {c.figure: c.scope for c in extract_claims(read_text(text))}
    assert found["315"] == found["about 565"] == "Maule"
    assert found["802"] == "Chile"


def test_a_figure_in_the_subject_of_a_verb_of_saying_is_not_what_was_said() -> None:
    text = (
        "Asked whether she has the integrity to serve, 75 percent of Democrats said yes. "
        "Among all voters, 55 percent of them say she does not. Officials said 300 marched."
    )
    found = {c.figure: c.stated_by for c in extract_claims(read_text(text))}
    assert found["75 percent"] is None
    assert found["55 percent"] is None
    assert found["300"] == "officials"
