"""Extraction: article text -> candidate claims with offsets, what they count and who said them.

Pure and standard-library only: no database, no model download. The rules live in
:mod:`.text` (decoding, metadata, sentences), :mod:`.filters` (what is not a claim),
:mod:`.attribution` (who stated it) and :mod:`.context` (what it counts, when, how).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from itertools import chain

from provenance.extract.attribution import Attribution, Attributor
from provenance.extract.context import (
    as_of,
    bare_place,
    change_of,
    clause_of,
    counted_of,
    dated_mentions,
    dateline_length,
    division_item,
    enumerated_item,
    heading_place,
    label_of,
    list_label,
    main_place,
    modality_of,
    named_item,
    names_a_count,
    outlet_country,
    proper_name,
    relative_place,
    restates,
    scope_of,
    subject_of,
    summed_place,
    time_label,
    unknown_place,
    weak_counted,
)
from provenance.extract.filters import in_years, not_a_claim, statistic_duration
from provenance.extract.text import Sentence, SourceText, read_text, split_sentences
from provenance.figures import VAGUE_AMOUNTS, Figure, Hedge, find_figures
from provenance.places import (
    NATIONAL,
    container,
    country_of,
    find_places,
    is_division,
    nests,
    storm_names,
    unnamed,
)

__all__ = [
    "ExtractedClaim",
    "SourceText",
    "extract_claims",
    "iter_claims",
    "read_text",
]


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    """One figure found in a text, with what it counts and who stated it.

    ``start``/``end`` index the decoded text; ``sentence_start``/``sentence_end`` likewise.
    ``stated_by_kind`` is person, organisation, report, vague_group or unattributed.
    """

    figure: str
    start: int
    end: int
    low: Decimal | None
    high: Decimal | None
    unit: str
    hedge: str
    change: str | None
    sentence: str
    sentence_start: int
    sentence_end: int
    counted: str | None
    stated_by: str | None
    stated_by_kind: str
    stated_by_aliases: tuple[str, ...]
    role: str | None
    cue: str | None
    channel: str | None
    primary_source: str | None
    as_of: str | None
    modality: str
    scope: str | None = None
    # True when the figure's sentence names no place and ``scope`` is the article's place.
    scope_inferred: bool = False


def _head(counted: str | None) -> str:
    """The first word of what a figure counts, to tell a repeated figure from a new one."""
    words = (counted or "").lower().split()
    return words[0].strip(",.;:") if words else ""


def extract_claims(source: SourceText, published: date | None = None) -> list[ExtractedClaim]:
    """Every statistical figure in the body of ``source``, in reading order.

    A figure the article repeats (same bounds, unit and hedge, counting the same noun) is one
    claim, kept where it first appears.
    """
    return list(iter_claims([(0, source.text)], published, source.body_start))


_OF_THOSE = re.compile(r"\b(?:of|among|for)\s+(?:those|them|these)\b", re.I)


def iter_claims(
    blocks: Iterable[tuple[int, str]], published: date | None = None, body_start: int = 0
) -> Iterator[ExtractedClaim]:
    """Extract from a document given as consecutive blocks of whole paragraphs, each with its
    offset in the document, so that a large file is read in bounded memory. Offsets in the
    claims index the whole document.

    A storm its first block names ("Hurricane Milton") names no place in the document
    ("Milton's death toll"); that holds only while the document is read, not between claims.
    """
    read = iter(blocks)
    first = next(read, None)
    if first is None:
        return
    storms = storm_names(first[1])
    claims = _iter_claims(chain([first], read), published, body_start)
    while True:
        with unnamed(storms):
            claim = next(claims, None)
        if claim is None:
            return
        yield claim


def _iter_claims(
    blocks: Iterable[tuple[int, str]], published: date | None, body_start: int
) -> Iterator[ExtractedClaim]:
    attributor = Attributor()
    seen: set[tuple[object, ...]] = set()
    article_place: list[str | None] = []  # the place the opening names most, once known
    # What a list's items count: the sentence that opens it ("Cases by month:", a line such as
    # "Key facts" just before it), and the label of an item that names a quantity ("Deaths
    # across Europe: 35,000"), which items naming only a place ("France: 14,802") take.
    list_heading: list[str] = []
    item_label: list[str] = []
    # whether the list being read gives figures by place (one item's label is a place the
    # gazetteer knows): its other items' proper names are places too
    by_place: list[bool] = []
    last_line: list[tuple[int, str]] = []  # the paragraph and text of the sentence before
    place_before: list[str] = []  # the sentence before (its last place is read when needed)
    # the paragraph and the one place the sentence before named, narrower than the article's:
    # "Melbourne drew the biggest crowd. Organisers estimated that 100,000 ..." is Melbourne's
    scene: list[tuple[int, str]] = []
    listed_places: list[str] = []  # the places of a list's items so far, for its total's
    # what the first item of a list by place names after its figure ("- Germany: at least 103
    # dead"), which the items after it, naming only a place ("- Belgium: 12"), count too
    item_noun: list[str] = []
    # the paragraph and the date its last dated figure is of: "On 1 July, 550,000 marched.
    # Police put the turnout at 190,000" is about 1 July too
    named: list[tuple[int, str]] = []
    # the paragraph, what its last figure counts and its unit, of the sentence before: "The
    # number missing rose to 1,267. On Sunday it fell to 993" counts the missing twice
    counted_before: list[tuple[int, str, str]] = []
    first_before: list[tuple[int, str, str]] = []  # the same, of its first figure
    held: list[ExtractedClaim] = []  # unattributed figures of the sentence just read
    for offset, block in blocks:
        attributor.feed(block, offset)
        local_start = max(0, body_start - offset)
        if local_start >= len(block):
            continue
        if not article_place:
            title = _TITLE.search(block[:local_start])
            opening = block[local_start : local_start + OPENING]
            place = main_place(opening, title[1] if title else None)
            if place is None:  # an Irish paper's story that names no place: Ireland's
                outlet = _OUTLET.search(block[:local_start])
                place = outlet_country(outlet[1]) if outlet else None
            article_place.append(place)
        for local in split_sentences(block, local_start):
            filed = dateline_length(local.text) if local.start == body_start - offset else 0
            if filed:  # "LONDON (Reuters) - ": where it was filed, not part of what is said
                local = replace(local, start=local.start + filed, text=local.text[filed:])
            sentence = Sentence(
                local.start + offset, local.end + offset, local.text, local.paragraph
            )
            # "Bay: 19" under "Florida deaths by county:": a table's row, as a list's item
            bullet = _BULLET.match(local.text) is not None or bool(
                list_heading and len(local.text) <= _ROW_LENGTH and _ROW.match(local.text)
            )
            mentions = dated_mentions(local.text, published)
            # "69% of those cases": the cases of the figure before, in the paragraph before
            follows = named and (
                named[0][0] == local.paragraph
                or (named[0][0] == local.paragraph - 1 and _OF_THOSE.search(local.text))
            )
            before = named[0][1] if follows else None
            first: list[str | None] = []
            last: tuple[int, str, str] = (local.paragraph, "", "")
            opened: list[tuple[int, str, str]] = []  # its first figure's, likewise
            if bullet and not list_heading and not item_label and last_line:
                list_heading[:] = [last_line[0][1].rstrip().rstrip(":")]  # "Key facts"
            digit = re.search(r"\d", local.text) if bullet else None
            label = label_of(local.text, digit.start()) if digit else None
            if bullet and not by_place:
                by_place[:] = [
                    _lists_places(block[local.start :], list_heading[0] if list_heading else None)
                ]
            placed = bool(by_place and by_place[0]) and bullet
            # "- March 25: 111", "- Wednesday evening: 95": a day's line of a count's list,
            # which counts what its heading, or its first line, says
            timed = bullet and time_label(local.text) is not None
            if (
                label
                and not timed
                and not bare_place(label)
                and not (placed and proper_name(label))
            ):
                item_label[:] = [list_label(label)]  # a quantity's label, not a place's
            heading = item_label[0] if item_label else (list_heading[0] if list_heading else None)
            if (placed or timed) and item_noun and item_noun[0]:
                heading = f"{heading}: {item_noun[0]}" if heading else item_noun[0]
            given = attributor.source_of_before(local.text) if held else None
            for claim in held:  # the sentence before's figures, some unattributed
                unattributed = claim.stated_by is None and claim.cue is None
                yield _given_by(claim, given) if given and unattributed else claim
            held = []
            for claim in _sentence_claims(
                sentence, attributor, published, seen, article_place[0],
                heading if bullet else None,
                None if mentions else before,
                place_before[0] if place_before else None,
                # the paragraph before's too, for a figure pointing back at its count ("That
                # is up from 64", "Three days later it stood at 225" point at what the
                # sentence before said first, not at its last figure's "180 body parts")
                (*pointed[0][1:], pointed[0][0] == local.paragraph)
                if (pointed := first_before if _points_at_first(local.text) and first_before
                    else counted_before) and pointed[0][0] >= local.paragraph - 1
                else None,
                placed,
                heading_place(list_heading[0]) if bullet and list_heading else None,
                scene[0][1] if scene and scene[0][0] == local.paragraph and not bullet else None,
                _list_whole(listed_places) if placed else None,
            ):  # fmt: skip
                first = first or [claim.as_of]
                last = (local.paragraph, claim.counted or "", claim.unit)
                opened = opened or ([last] if last[1] else [])
                held.append(claim)
                if placed and claim.scope and not claim.scope_inferred:
                    listed_places.append(claim.scope)
                if ((placed and listed_places) or timed) and not item_noun:
                    noun = _ITEM_NOUN.match(local.text, claim.end - sentence.start)
                    item_noun[:] = [noun["noun"]] if noun else [""]
            if not any(c.stated_by is None and c.cue is None for c in held):
                yield from held  # else the next sentence may say whose they are
                held = []
            counted_before[:] = [last] if first and last[1] else []
            first_before[:] = opened
            subject = _COUNT_SUBJECT.match(local.text) if not first else None
            if subject is not None and not names_a_count(subject["what"]):
                counted_before[:] = [(local.paragraph, subject["what"], "count")]
            # the date its first figure is of (none when that is its article's date)
            if first:
                stated = first[0] != (published.isoformat() if published else None)
                named[:] = [(local.paragraph, first[0])] if stated and first[0] else []
            if local.text.rstrip().endswith(":"):
                opening = local.text.rstrip().rstrip(":")
                short = (
                    weak_counted(opening)
                    or len(opening.split()) <= 4  # "The figures so far"
                    or _COUNTS_ONLY.fullmatch(opening) is not None  # "Among the counts it gave"
                )
                if short and last_line and last_line[0][0] == local.paragraph:
                    opening = f"{last_line[0][1]} {opening}"  # "Turnout has ranged ... So far:"
                list_heading[:] = [opening]
                item_label.clear()
                by_place.clear()
                listed_places.clear()
                item_noun.clear()
            elif (
                not bullet
                and list_heading
                and _SUBHEAD.fullmatch(local.text)
                and not find_places(local.text)  # "Stockholm": a list of its own, the city's
            ):
                # "Turnout by region:", then "Highest" over some of its rows: still its list
                list_heading[:] = [f"{list_heading[0].split(' — ')[0]} — {local.text.strip()}"]
            elif not bullet:
                list_heading.clear()
                item_label.clear()
                by_place.clear()
                listed_places.clear()
                item_noun.clear()
            last_line[:] = [] if bullet else [(local.paragraph, local.text)]
            place_before[:] = [local.text]
            # a sentence with no figure sets the scene: "The biggest was in Berlin, where ..."
            scene[:] = (
                [(local.paragraph, p)]
                if not first and (p := _scene(local.text, article_place[0]))
                else []
            )
    yield from held


def _list_whole(places: list[str]) -> str | None:
    """The place holding the places of a list's items, most of which share a country: the
    whole a "Total" line counts ("Georgia", beside Louisiana and Florida, is the state).

    >>> _list_whole(["Louisiana", "Mississippi", "Florida", "Georgia"])
    'United States'
    """
    if len(set(places)) < 2:
        return None
    countries = Counter(country_of(p) for p in places)
    (country, most), *_ = countries.most_common(1)
    inside = [p for p in places if country_of(p) == country] if most > len(places) / 2 else places
    return container(inside)


def _scene(sentence: str, article_place: str | None) -> str | None:
    """The one place a sentence names, when it is narrower than the article's: the scene of
    the sentences after it in its paragraph that name none.

    >>> _scene("In Sydney, the numbers depended on who was counting.", "Australia")
    'Sydney'
    >>> _scene("Crowds marched in Sydney and Melbourne.", "Australia") is None
    True
    >>> _scene("In Mayotte, officials fear many more dead.", "Mozambique")
    'Mayotte'
    """
    found = [f for f in find_places(sentence) if not f.demonym]
    names = {f.name for f in found}
    if len(names) != 1:
        return None
    name = names.pop()
    if not article_place or name == article_place:
        return None
    # "In Mayotte, French officials continue to stress ...", in an article on Mozambique: a
    # paragraph opened with another place is set there, wherever that place lies
    opened = _SCENE_OPENING.match(sentence)
    set_there = opened is not None and found[0].start < opened.end()
    return name if set_there or nests(name, article_place) else None


_SCENE_OPENING = re.compile(r"\s*(?:In|On|Across|Throughout|Over in|Back in)\s+[^,]{1,40},")


def _given_by(claim: ExtractedClaim, given: Attribution) -> ExtractedClaim:
    """A figure the next sentence says was given by someone ("That was the estimate of ...")."""
    speaker = given.speaker
    assert speaker is not None
    return replace(
        claim, stated_by=speaker.name, stated_by_kind=speaker.kind,
        stated_by_aliases=speaker.aliases, role=speaker.role, cue=given.cue,
    )  # fmt: skip


OPENING = 600  # characters of an article's body read for the place it is about
# What a figure counts, read before it, that ends on a conjunction: the figure continues the
# clause of the one before ("821,000 landing in Greece and 150,000 in Italy").
_ELLIPSIS = re.compile(r"\s+(?:in|at)\s+(?:the\s+)?[A-Z]")  # "six in Guerrero"
_LIST_GAP = re.compile(r"[^.;:]{0,60}?(?:,|\band)\s*")  # from the item before: " in X, "
_DANGLING = re.compile(r"\b(?:and|or|but|while|whereas)\s*$", re.I)
# A sentence pointing back to the place the one before named: "officials there", "died
# there", "the town's buildings" (never the "there" of "there were 40").
_THERE = re.compile(
    r"\b(?:officials|residents|people|authorities|police|doctors|hospitals|workers|died|killed|"
    r"lived|living|live|dead)\s+there\b|\bthere\s*[,.;]|\bthe\s+(?:town|city|village|"
    r"district|province|island)(?:['’]s)?\b|\bits\s+(?:government|"
    r"(?:health\s+)?ministry|authorities|officials|toll)\b|"
    r"\b(?:the\s+)?(?:regional|provincial|local|municipal)\s+(?:toll|count|tally|figure|total)\b",
    re.I,
)
_ITS = re.compile(r"\s*(?:Its|Their|The agency['’]s|The ministry['’]s)\b")
# A sentence about the whole country of a story set in one town: "the government's official
# toll", "national figures".
# A sentence whose subject is the figure before: "it fell to 993", "the figure was cut to 605".
# A list's heading naming only counts, not what they count: "Among the counts it published",
# "The breakdown by region", "Here are the latest figures"
_COUNTS_ONLY = re.compile(
    r"(?:(?:among|here|are|is|the|its|their|his|her|this|these|those|latest|following|some|"
    r"of|by|it|they|he|she|published|gave|given|released|issued|shows?|so|far|as|follows|"
    r"region|country|state|province|district|place|nationality|official|main|key|"
    r"counts?|figures?|numbers?|tall(?:y|ies)|breakdown|totals?|estimates?|list)\s*)+",
    re.I,
)
# What a figure pointing back at a count counts, as read: "the count (The death toll)"
_POINTED_AT = re.compile(r"(?P<pointer>[^()]*?) \((?P<what>.*)\)")
_THAT_IS = re.compile(r"\s*(?:That|This)\s+(?:is|was)\b")  # the statement before, as a whole


def _points_at_first(text: str) -> bool:
    """Whether a sentence points back at the count the sentence before opens with: "That is
    up from 64", or "it" as the subject of a level ("Three days later it stood at 225")."""
    back = _POINTS_BACK.search(text)
    return _THAT_IS.match(text) is not None or (
        back is not None and back.group().lower().startswith("it ")
    )


_POINTS_BACK = re.compile(
    r"\b(?:it|that|this|the\s+(?:figure|number|total|toll|tally|count|estimate))\s+"
    r"(?:(?:had|has|have|was|is|later|then|now|since|been|also)\s+){0,3}"
    r"(?:rose|risen|fell|fallen|jumped|climbed|dropped|stood|stands|reached|hit|was|were|cut|"
    r"revised|lowered|raised|increased|decreased|grew|grown|declined|held|doubled|halved|"
    r"(?:is|are)\s+(?:up|down))\b",  # "That is up from 64 on Monday morning"
    re.I,
)


# A sentence with no figure whose subject names a count, which the next sentence's "it"
# points back at: "Its list of people "probably missing or unreachable" has swung more
# widely. It stood at 103 on Saturday" counts the missing, not the dead counted before.
_COUNT_SUBJECT = re.compile(
    r"\s*(?P<what>(?:the|its|their|this|that|his|her|[A-Z][\w'’-]*['’]s)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:list|number|count|tally|toll|total|register|roll|estimate)s?"
    r"(?:\s+of\s+[^,;:.()]{1,80}?|\s+[a-z]+ed)?)\s+(?:has|had|have|is|was|were|kept|remained|continued|"
    r"swung|changed|moved|grown|grew|shrunk|shrank|fluctuated|varied)\b",
    re.I,
)
# "put it at 164 on the evening of April 16 and at 179 the next day": one count, twice.
_AT_BEFORE = re.compile(r"\bat\s+(?:(?:about|around|some|nearly|almost)\s+)?$", re.I)
_AND_AT = re.compile(
    r"(?:\s+(?:on|by|in)\s+[\w ]{1,40}?)?\s*(?:,\s*and|,|and)\s+(?:then\s+)?at\s+"
    r"(?:(?:about|around|some|nearly|almost)\s+)?",
    re.I,
)
# From a figure to the next in one clause that only moves the same count on: "It stood at
# 103 on Saturday, jumped to 163 on Sunday and was back down to 127 by Monday".
_MOVES_ON = re.compile(
    r"(?:\s+(?:on|by|at|in|the\s+next|a)\s+[\w ]{1,25}?)?\s*(?:,\s*and|,|and)\s+"
    r"(?:(?:then|later|had|has|was|were|been)\s+)*"
    r"(?:(?:rose|risen|jumped|climbed|fell|fallen|dropped|slipped|increased|decreased|"
    r"went\s+(?:back\s+)?(?:up|down)|back(?:\s+(?:up|down))?|revised(?:\s+(?:up|down))?|"
    r"cut|raised|lowered|stood|reached|hit)\s+)?(?:back\s+)?to\s+"
    r"(?:(?:about|around|some|nearly|almost|more\s+than|over|at\s+least|just\s+over)\s+)?",
    re.I,
)


def _from_base(sentence: str, previous_end: int, start: int) -> bool:
    """Whether the figure at ``start`` is what the one before moved from: "rose to 310 from
    290", "310 on Tuesday, up from 290"; not "14.50 lakh people from 3.91 lakh families",
    where a bare "from" follows the figure before's own noun."""
    found = _FROM_BASE.search(sentence, max(0, start - 40), start)
    if found is None:
        return False
    if (
        found["moved"]
        or previous_end > found.start()
        # "a sharp rise from the 39", "a figure it raised the day after the vote from 39"
        or _MOVED_WORD.search(sentence, max(previous_end, found.start() - 40), found.start())
    ):
        return True
    return _TIME_GAP.fullmatch(sentence, previous_end, found.start()) is not None


_MOVED_WORD = re.compile(
    r"\b(?:rise|rose|risen|fall|fell|fallen|increase|increased|decrease|decreased|jump|"
    r"jumped|drop|dropped|raised|revised|lowered|cut|grew|grown|climbed|declined)\b",
    re.I,
)
# what may stand between a level and a bare "from": a time ("reached 5,000 this week from")
_TIME_GAP = re.compile(r"[\s,]*(?:(?:on|in|by|this|last|a|the)\s+[\w-]+(?:\s+[\w-]+)?)?[\s,]*")
# A figure the one before it moved from: "rose to 321, up from 290", "310, from 290 a day before"
_FROM_BASE = re.compile(
    r"(?:\b(?P<moved>up|down|rising|falling|increased|decreased|climbing|dropping)\s+)?\bfrom\s+"
    r"(?:the\s+)?(?:(?:about|around|some|nearly|almost|just|roughly|over|under)\s+)?$",
    re.I,
)
# A count's series opened by a colon, each figure with its day, up to this figure: "The toll
# has climbed: 11 on the morning after the storm, 22 on December 17, "
_SERIES_GAP = (
    r"\s+(?:on|by|since|as of|until|at)\s+[^,;:()\d]{0,40}?\d{0,4}[^,;:()\d]{0,10}"
    r"(?:,\s*(?:and\s+)?|\s+and\s+)"
)
_SERIES = re.compile(
    rf":\s*(?:(?:(?:about|some|at least|nearly)\s+)?\d[\d,.]*{_SERIES_GAP})+$", re.I
)
_SUBHEAD = re.compile(r"\s*[A-Z][a-z]+\s*")  # one word: "Highest", "Lowest"
_BULLET = re.compile(r"^\s*(?:[-•*–]|\d{1,2}[.)])\s+")  # an item of a list
_ROW = re.compile(
    r"\s*[A-Z][\w'’.-]*(?: [\w'’.-]+){0,3}"
    r"(?: - [A-Z][\w'’.-]*(?: [\w'’.-]+){0,5})?"  # "St. Lucie County - Medical Examiner: 7"
    r":\s*(?:[$£€]\s?)?\d[\d,.]*\s*\S{0,12}"
    r"(?:;\s*[A-Z][\w'’.-]*(?: [\w'’.-]+){0,5}:\s*\d[\d,.]*)*\s*$"  # "...: 2; Tampa Police: 1"
    # a row with no colon, a name and its figure alone: "Cantabria 60.44%", "Hillsborough 483,225"
    # ... or dots leading to it: "Nairobi .......... 32"
    r"|\s*[A-Z][\w'’-]*(?: [A-Za-z][\w'’-]*){0,3}(?:\s+[-–]|\s*(?:\.{2,}|…+))?\s+"
    r"\d[\d,.]*\s*(?:%|per ?cent)?\s*$"
)
_ROW_LENGTH = 80  # a table's row is short: "Bay: 19", "Gadsden County: 2"
_BY_PLACE = re.compile(
    r"\b(?:by|per|in each)\s+(?:county|counties|state|states|province|provinces|region|regions|"
    r"district|districts|prefecture|prefectures|country|countries|city|cities|department|"
    r"departments|division|divisions)\b",
    re.I,
)


def _lists_places(text: str, heading: str | None = None) -> bool:
    """Whether the list ``text`` starts with gives figures by place: its heading says so
    ("Florida deaths by county:"), or one of its items (its lines up to the first that is no
    item) is labelled with a place alone ("- Taroudant: 452")."""
    if heading and _BY_PLACE.search(heading):
        return True
    for line in text.splitlines():
        if not line.strip():
            continue
        if not _BULLET.match(line) and not (len(line) <= _ROW_LENGTH and _ROW.match(line)):
            break
        digit = re.search(r"\d", line)
        label = label_of(line, digit.start()) if digit else None
        if label and bare_place(label):
            return True
    return False


_TITLE = re.compile(r"^title:[ \t]*(.+)$", re.M)  # the headline, in a text file's header
_OUTLET = re.compile(r"^outlet:[ \t]*(.+)$", re.M)


_PREPOSITION = re.compile(r"(?i)(?:over|under|above|below)\s+")


def _prepositional_hedge(figure: Figure) -> Figure:
    """ "keep watch over hundreds": before a vague amount, "over" is a preposition, not a hedge."""
    prefix = _PREPOSITION.match(figure.text)
    if not prefix:
        return figure
    rest = figure.text[prefix.end() :]
    bounds = VAGUE_AMOUNTS.get(" ".join(rest.lower().split()))
    if bounds is None:
        return figure
    return replace(
        figure, text=rest, start=figure.start + prefix.end(), low=bounds[0], high=bounds[1],
        hedge=Hedge.VAGUE,
    )  # fmt: skip


_YEAR_TO = re.compile(r"(?:1[89]|20)\d\d\s+(?:to|-|–)\s+")
_TO = re.compile(r"\s+to\s+")
_CHANGE_VERB_BEFORE = re.compile(
    r"\b(?:rose|risen|rising|increased|grew|grown|climbed|jumped|soared|fell|fallen|dropped|"
    r"declined|decreased|cut|slumped|shrank|went|gone|moved)\s+$"
    # "raise the minimum retirement age from 62 to 64": a verb acting on a named level
    r"|\b(?:raise|raises|raised|raising|lower|lowers|lowered|lowering|increase|increases|"
    r"increasing|reduce|reduces|reduced|reducing|cut|cuts|cutting|lift|lifts|lifted|push|"
    r"pushes|pushed|extend|extends|extended)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:[a-z-]+\s+){0,4}$",
    re.I,
)


def _figures_in(sentence: str, start: int, end: int) -> list[Figure]:
    """Single figures (not ranges) in ``sentence[start:end]``, with sentence offsets."""
    return [
        replace(f, start=f.start + start, end=f.end + start)
        for f in find_figures(sentence[start:end])
        if f.hedge is not Hedge.RANGE
    ]


def _split_range(sentence: str, figure: Figure) -> list[Figure]:
    """Two figures the grammar read as one range: "rose 9% in 2016 to €3.2bn" (a year, then a
    figure), "risen from £80m to £132m" (the old and the new level of a change) and "fell by
    26,000 to 898,000" (a change, then the level it led to)."""
    if figure.hedge is not Hedge.RANGE:
        return [figure]
    year = _YEAR_TO.match(figure.text)
    if year:
        return _figures_in(sentence, figure.start + year.end(), figure.end)[:1] or [figure]
    to = _TO.search(figure.text)
    before = sentence[max(0, figure.start - 60) : figure.start]
    if figure.text.lower().startswith("from ") and to and _CHANGE_VERB_BEFORE.search(before):
        old = _figures_in(sentence, figure.start + 5, figure.start + to.start())[:1]
        new = _figures_in(sentence, figure.start + to.end(), figure.end)[:1]
        return old + new or [figure]
    if to and _CHANGE_BY_BEFORE.search(before):  # "fell by 26,000 to 898,000": change, level
        change = _figures_in(sentence, figure.start, figure.start + to.start())[:1]
        level = _figures_in(sentence, figure.start + to.end(), figure.end)[:1]
        return change + level or [figure]
    return [figure]


# "fell by 26,000 to 898,000", "was up by 3 to 40": the amount of a change, then the level.
_CHANGE_BY_BEFORE = re.compile(
    r"\b(?:rose|risen|rising|increased|grew|grown|climbed|jumped|soared|fell|fallen|dropped|"
    r"declined|decreased|slumped|shrank|up|down|cut|raised|lowered|reduced)\s+by\s+$",
    re.I,
)


_PLACES = re.compile("")  # the key under which a sentence's places are read once
# the plain words a list item names after its figure, up to a bracket or the item's end
_ITEM_NOUN = re.compile(r"\s+(?P<noun>[a-z][a-z -]{1,40}?)\s*(?:[(;,.]|$)")
_THE_STATE = re.compile(r"\bthe (?:state|province)['’]s\b", re.I)
_SUMMING_ITEM = re.compile(r"\W*(?:Total|Overall|Combined|Altogether|In all)\s*:", re.I)
# The whole event's count, just before its figure: "Katrina's overall toll now stands at 1,720"
_OVERALL = re.compile(r"\boverall (?:death\s+)?(?:toll|total|tally|count)\b[^\d.;]{0,25}$")
# What speaks for, or counts, the whole country: "Government estimates put the number of homes
# damaged at about 500,000", after a sentence on one port, is the country's.
_COUNTRYWIDE = re.compile(
    rf"{NATIONAL.pattern}|\b(?i:government|ministry|national|federal|nation's|country's)\b"
)


def _sentence_claims(
    sentence: Sentence,
    attributor: Attributor,
    published: date | None,
    seen: set[tuple[object, ...]],
    article_place: str | None = None,
    list_heading: str | None = None,
    paragraph_date: str | None = None,
    place_before: str | None = None,  # the sentence before
    # what the sentence before's last figure counts, its unit, and whether it is of the same
    # paragraph
    counted_before: tuple[str, str, bool] | None = None,
    places_listed: bool = False,  # an item of a list of figures by place
    list_place: str | None = None,  # the place its list's heading names ("Stockholm")
    scene: str | None = None,  # the one place the sentence before, in its paragraph, named
    list_whole: str | None = None,  # the place holding its list's items' places so far
) -> Iterator[ExtractedClaim]:
    """The claims of one sentence; an item of a list ("- October 2023: 17") counts what the
    sentence that opened the list names ("Cases by month since October:")."""
    figures = [
        replace(f, unit="years")
        if in_years(sentence.text, f)
        else replace(f, unit=unit)
        if (unit := statistic_duration(sentence.text, f))
        else _prepositional_hedge(f)
        for found in find_figures(sentence.text)
        for f in _split_range(sentence.text, found)
        if not_a_claim(sentence.text, f) is None
    ]
    spans = [(sentence.start + f.start, sentence.start + f.end) for f in figures]
    attributions = attributor.sentence(sentence, spans)
    if not figures:
        return
    # the last figure's end, what it counts, its unit and its place
    previous: tuple[int, str | None, str, str | None] | None = None
    previous_at = False  # whether the figure before was put "at" it: "at 164 ... and at 179"
    read: dict[re.Pattern[str], bool] = {}

    def points(pattern: re.Pattern[str]) -> bool:  # the sentence read once, not per figure
        if pattern not in read:
            read[pattern] = pattern.search(sentence.text) is not None
        return read[pattern]

    def names_places() -> bool:
        if _PLACES not in read:
            read[_PLACES] = bool(find_places(sentence.text))
        return read[_PLACES]

    for figure, attribution in zip(figures, attributions, strict=True):
        speaker = attribution.speaker
        own = counted = counted_of(sentence.text, figure.start, figure.end)
        swap_place: str | None = None
        earlier = False  # the same count as the figure before, as it stood earlier
        # "358" in "69% of those cases (358)": the same cases, counted
        parenthetical = (
            previous is not None
            and sentence.text[max(0, figure.start - 20) : figure.start].rstrip().endswith("(")
            and enumerated_item(sentence.text, figure.start, figure.end) is None
        )
        if figure.multiple_of is not None:  # "double the 150 suspects" counts its subject
            counted = subject_of(sentence.text, figure.start) or counted
        elif previous is not None and previous[1] and parenthetical:
            counted = previous[1]
        elif (
            previous is not None
            and previous[1]
            and figure.unit == previous[2]
            and _SERIES.search(sentence.text, 0, figure.start) is not None
        ):  # "The toll has climbed: 11 on the morning after, 22 on December 17": the toll again
            counted = previous[1]
        elif (
            previous is not None
            and previous[1]
            and len((counted or "").split()) <= 2
            and restates(sentence.text, figure.start, previous[0], figure.unit == previous[2])
        ):  # "30 per cent have returned, about 1,200 people": the same returnees, counted
            counted = f"{counted} ({previous[1]})" if counted else previous[1]
        elif (
            previous is not None
            and previous[1]
            and figure.unit == previous[2]
            and _from_base(sentence.text, previous[0], figure.start)
        ):  # "a figure of 310 on Tuesday, up from 290 the day before": the same count, earlier
            counted = previous[1]
            earlier = True
        elif (
            previous is not None
            and previous[1]
            and figure.unit == previous[2]
            and (
                _MOVES_ON.fullmatch(sentence.text, previous[0], figure.start)
                or (previous_at and _AND_AT.fullmatch(sentence.text, previous[0], figure.start))
            )
        ):  # "It stood at 103 on Saturday, jumped to 163": the same count, moved on
            counted = previous[1]
        elif (
            previous is not None
            and previous[1]
            and weak_counted(counted)
            and not weak_counted(previous[1])
            and figure.unit == previous[2]
        ):  # "1.12 million demonstrators, including 80,000 in Paris": what the one before counts
            counted = f"{counted} ({previous[1]})" if counted else previous[1]
        elif (
            previous is None
            and names_a_count(counted)
            and (subject := _COUNT_SUBJECT.match(sentence.text)) is not None
            and subject.end() < figure.start
            and not names_a_count(subject["what"])  # "The junta's count had stood at 164"
        ):  # "The number rescued has also wobbled: officials put it at 164"
            counted = f"{counted} ({subject['what']})"
        elif (
            previous is None
            and counted_before is not None
            and figure.unit == counted_before[1]
            and not weak_counted(counted_before[0])
            and (
                (
                    (counted_before[2] or _THAT_IS.match(sentence.text) is not None)
                    and weak_counted(counted)
                    and _POINTS_BACK.search(sentence.text, 0, figure.start)
                )
                # "... rose to 86 on Saturday. / On Friday, the count had been 85."
                or names_a_count(counted)
            )
        ):  # "The number missing rose to 1,267. On Sunday it fell to 993": the missing
            pointed = _POINTED_AT.fullmatch(counted_before[0])  # "the count (the death toll)"
            was = (
                pointed["what"]
                if pointed and names_a_count(pointed["pointer"])
                else counted_before[0]
            )
            counted = f"{counted} ({was})" if counted else was
        elif (
            previous is not None
            and previous[1]
            and figure.unit == previous[2]
            and previous[3]
            and (
                _DANGLING.search(counted or "")
                # "13 people died in the State of Mexico, six in Guerrero": the list's count
                or (
                    _ELLIPSIS.match(sentence.text, figure.end)
                    and _LIST_GAP.fullmatch(sentence.text, previous[0], figure.start)
                )
            )
            and (
                relative_place(sentence.text, figure.start, figure.end, article_place)
                or scope_of(own, sentence.text, figure.start, figure.end, article_place)
            )
            not in (None, previous[3])
        ):  # "821,000 landing in Greece and 150,000 in Italy": landing, in Italy
            counted = previous[1]
            swap_place = previous[3]
        # "- Al Haouz: 1,293", in a list of deaths by province: a place the gazetteer lacks
        listed = named_item(sentence.text, figure.start) if places_listed else None
        # an item naming only a place, or the list's total ("- Total: 1,033"), counts what
        # the list's heading names
        summing = places_listed and _SUMMING_ITEM.match(sentence.text) is not None
        if list_heading and (
            weak_counted(counted) or bare_place(counted or "") or listed or summing
        ):
            counted = f"{counted} ({list_heading})" if counted else list_heading
        if (parenthetical or earlier) and previous is not None and previous[3]:
            place: str | None = previous[3]  # "94 in Mozambique, up from 76": Mozambique's
        else:  # the place its own words name: "including 80,000 in Paris" is not France's
            place = (
                # a row's label naming a division is its place, whatever the row's source
                # ("Pinellas County - St. Petersburg Police Department: 2")
                division_item(sentence.text, figure.start)
                or unknown_place(sentence.text, figure.start, figure.end, head=False)
                or summed_place(sentence.text, figure.start)
                or relative_place(sentence.text, figure.start, figure.end, article_place)
                or scope_of(own, sentence.text, figure.start, figure.end, article_place)
            )
            if swap_place and place and counted and swap_place in counted:
                # "people died in the State of Mexico" for "six in Guerrero": in Guerrero
                counted = re.sub(rf"(?:\bthe\s+)?{re.escape(swap_place)}", place, counted)
            overall = _OVERALL.search(sentence.text, max(0, figure.start - 40), figure.start)
            if (
                overall
                and (place or article_place)
                and not find_places(sentence.text[max(0, overall.start() - 30) : overall.start()])
            ):  # "pushing the storm's overall toll past 1,000", in a dispatch from New Orleans
                # (not "Louisiana's overall toll")
                place = country_of(place or article_place or "")
            if place is None and place_before and points(_THERE):
                # "In Léogâne ... Officials there estimate 20,000 died": the last place named
                named = [f for f in find_places(place_before) if not f.demonym]
                place = named[-1].name if named else None
            elif place is None and place_before and points(_THE_STATE):
                # "In Mississippi, the governor said ... At that time the state's toll stood
                # at 221": the last state named (not a city: "the state's grid", after Houston)
                states = [f.name for f in find_places(place_before) if is_division(f.name)]
                place = states[-1] if states else None
            elif (
                place is None
                and article_place
                and (
                    points(NATIONAL)
                    or (
                        place_before and _ITS.match(sentence.text) and NATIONAL.search(place_before)
                    )
                )
            ):  # "the government's toll", in a town's story; "The national agency ... Its
                # own tally stood at 151"
                place = country_of(article_place)

        if place is None:  # "- Harris County: 43", a county the gazetteer does not know
            place = (
                division_item(sentence.text, figure.start)
                or listed
                or unknown_place(sentence.text, figure.start, figure.end)
            )
        if place is None and summing:
            place = list_whole  # "- Total: 1,033", after Louisiana's and Mississippi's
        if place is None:
            place = list_place  # "Stockholm", heading its list of shares
        if place is None and scene and not points(_COUNTRYWIDE) and not names_places():
            place = scene  # "In Sydney, ... NSW Police put the crowd at about 50,000"
        if figure.multiple_of is None:
            previous = (figure.end, counted, figure.unit, place)
            previous_at = _AT_BEFORE.search(sentence.text, 0, figure.start) is not None
        # A figure printed again in the same words is one claim; a list item restating one of
        # the body's figures ("- Dead: 1,127") is printed as a figure of its own.
        bulleted = _BULLET.match(sentence.text) is not None
        # Another speaker's figure is a claim of its own ("worth $55 billion", then "Bloomberg
        # lists them with $55 billion each").
        who = speaker.name if speaker else None
        key = (figure.low, figure.high, figure.unit, figure.hedge, _head(counted), bulleted, who)
        if key in seen:
            continue
        seen.add(key)
        clause = clause_of(sentence.text, figure.start, figure.end)
        yield ExtractedClaim(
            figure=figure.text,
            start=sentence.start + figure.start,
            end=sentence.start + figure.end,
            low=figure.low,
            high=figure.high,
            unit=figure.unit,
            hedge=figure.hedge.value,
            change=change_of(sentence.text, figure.start, figure.end),
            sentence=sentence.text,
            sentence_start=sentence.start,
            sentence_end=sentence.end,
            counted=counted,
            stated_by=speaker.name if speaker else None,
            stated_by_kind=speaker.kind if speaker else "unattributed",
            stated_by_aliases=speaker.aliases if speaker else (),
            role=speaker.role if speaker else None,
            cue=attribution.cue,
            channel=attribution.channel,
            primary_source=attribution.primary_source,
            as_of=paragraph_date or as_of(sentence.text, published, figure.start),
            modality=modality_of(clause, attribution.cue, figure.hedge.value),
            scope=place or article_place,
            scope_inferred=place is None and article_place is not None,
        )
