"""Which figures the grammar finds are not claims: years, dates, times, ages, durations,
ordinals, list numbers, page and phone numbers, addresses, names and idioms.

Each rule looks at the figure and a little of the text around it, and returns the reason it
is not a claim, or ``None``. The grammar already refuses numbers glued to words ("4th", "G7",
"MI5", "10:30").

>>> from provenance.figures import find_figures
>>> text = "In 2015, 40 people, aged 22 to 30, met at 10 Downing Street for two days."
>>> [(f.text, not_a_claim(text, f)) for f in find_figures(text)]
[('2015', 'year'), ('40', None), ('22 to 30', 'age'), ('10', 'address'), ('two', 'duration')]
"""

from __future__ import annotations

import re
from decimal import Decimal

from provenance.figures import Figure, Hedge

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_TIME_UNITS = (
    r"(?:second|minute|hour|day|night|week|weekend|month|year|decade|century|centuries|term|"
    r"season)s?"
)
_DISTANCE_UNITS = r"(?:mile|kilomet(?:re|er)|metre|meter|yard|feet|foot|km)s?"

_MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?\s*$")
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{MONTHS})\b")
_TIME_AFTER = re.compile(r"^\s*(?:a\.?m\.?|p\.?m\.?|o'clock|o’clock|gmt|bst|cet|utc|hrs)\b")
_AGE_AFTER = re.compile(
    r"^(?:-|\s)(?:years?|months?)(?:-|\s)old\b|^\s*,?\s*(?:years?\s+of\s+age)\b"
)
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)\s*$")
# A person's age in apposition: "Peter Hart, 25, a bank employee"; "Mattie Thomas, 66, said".
_NAMED_BEFORE = re.compile(r"\b[A-Z][a-z’'-]+\s+[A-Z][a-z’'-]+,\s*$")
# A surname alone, when the person then speaks: "Taylor, 31, said the team had raised ...".
_SURNAME_BEFORE = re.compile(r"(?:^|[.;]\s+|\bsaid\s+)[A-Z][a-z’'-]+,\s*$")
_SPEAKS_AFTER = re.compile(r"\s*,\s*(?:who\b|said\b|says\b|told\b|added\b)")
_APPOSITION_AFTER = re.compile(
    r"\s*,\s*(?:an?\s|the\s|who\b|said\b|says\b|told\b|of\b|from\b|[a-z]+\s+from\b)"
)
# An age a rule sets is a figure people dispute: "the retirement age from 62 to 64".
_RULE_AGE_BEFORE = re.compile(
    r"\b(?:retirement|pension|pensionable|voting|school[- ]leaving|leaving|minimum|maximum|"
    r"legal|drinking|marriage|average|mean|median)\s+(?:age|ages)\s*$"
)
# The same ages, read as such: "raise the retirement age from 62 to 64" gives two levels in
# years, and "the pension age will rise to 67" one.
_RULE_AGE_LEVEL = re.compile(
    r"\b(?:retirement|pension|pensionable|voting|school[- ]leaving|leaving|minimum|maximum|"
    r"legal|drinking|marriage|average|mean|median)\s+ages?\b[^.;:\d]{0,30}"
    r"(?:\d{2,3}[^.;:\d]{0,10})?$"
)
_HALF_OF_A_PERIOD = re.compile(r"\b(?:first|second|latter|former|other|opening|closing)\s+$")
_DURATION_AFTER = re.compile(
    rf"^(?:\s*,\s*(?:or\s+|and\s+)?[a-z]+)*[\s-]+(?:of\s+)?"  # "a couple of weeks"
    rf"(?:more\s+|full\s+|long\s+|straight\s+)?{_TIME_UNITS}\b"
)
_DISTANCE_IDIOM_AFTER = re.compile(rf"^\s+of\s+{_DISTANCE_UNITS}\b")
_NAME_BEFORE = re.compile(
    r"\b(?:page|pages|p|pp|chapter|section|article|paragraph|clause|rule|line|number|no|"
    r"nos|resolution|route|flight|room|apartment|flat|platform|gate|bus|level|grade|stage|"
    r"phase|round|part|act|volume|vol|issue|episode|season|series|tier|category|"
    r"version|model|mark|form|channel|district|ward|zone|interstate|highway|road|exit|"
    r"unit|number|reference|ref|case|ticket|code|item|building|lot|plot|account|serial|id|"
    r"fig|figs|table|tables|eq|eqs|equation|equations|appendix|annex|exhibit|algorithm|"
    r"footnote|deck|floor|carriage|cabin|pier|berth|terminal|runway|platforms|hangar|"
    r"#)\.?\s*$"
    # "decks three and four", "floors 3 to 5": each by its number
    r"|\b(?:decks|floors|carriages|cabins|terminals|gates|rooms|platforms|wards|levels)\s+"
    r"(?:[\w-]+\s*,?\s+(?:and|or|to)\s+)?$"
)
_CITATION = re.compile(r"\[(?:\d{1,3}\s*[,–-]\s*)*$")  # "[52]", "[12, 14]", "[3–5]"
# A name with a number in it: an acronym or a brand written against a bare number ("FTSE 100",
# "CAC 40", "iPhone 15", "Boeing 737"). Units and currency codes are read before this filter.
_BRAND_BEFORE = re.compile(
    r"(?:\b(?!(?:UK|US|EU|UN|USA|UAE|NHS|GDP|CEO|MP|MPs|PM)\b)[A-Z]{2,6}|\b[a-z]+[A-Z]\w*|"
    r"\b(?:Boeing|Airbus|Windows|Galaxy|Pixel|PlayStation|Xbox|Nasdaq|Nikkei|Stoxx|Dow|Russell|"
    r"Hang Seng|Euro Stoxx|Covid|Apollo|Falcon|Ariane))\s+$"
)
_SCORE = re.compile(r"(?<![\d.,])\d{1,2}\s?[-–]\s?\d{1,2}(?![\d.,%])")
_SPORT = re.compile(
    r"\b(?:won|win|wins|beat|beats|lost|lose|loses|drew|draw|victory|defeat|thrashing|"
    r"scoreline|score)\b",
    re.I,
)


def _score(text: str, figure: Figure) -> bool:
    """Whether the figure is one side (or both) of a result: "won 3-1", "a 2-0 defeat"."""
    score = _SCORE.search(text, max(0, figure.start - 3), figure.end + 3)
    if score is None or not (score.start() <= figure.start and figure.end <= score.end()):
        return False
    return _SPORT.search(text, max(0, score.start() - 25), score.end() + 15) is not None


_STREET_AFTER = re.compile(
    r"^\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Drive|Boulevard|Blvd|"
    r"Square|Place|Way|Close|Court|Terrace|Crescent|Gardens|Row|Hill|Parade)\b"
)
_PHONE = re.compile(r"\+?\(?\d[\d()]*(?:[ .-]\(?\d+\)?){1,5}")
_LIST_BEFORE = re.compile(r"(?:^|\n)[ \t]*$")
_LIST_AFTER = re.compile(r"^[.)]\s")
_ANAPHORIC_BEFORE = re.compile(
    r"\b(?:all|both|the|these|those|its|their|his|her|our|a|an|each|every)\s+$"
)
_ENUMERATION_AFTER = re.compile(r"^\s+[a-z]+(?:\s+[a-z]+)?\s*:\s*[A-Z]")
_CONTEXT_COUNT = re.compile(r"\b(?:from|in|across|among|between|of|by|with)\s+(?:the\s+)?$")
_CONTEXT_NOUNS = re.compile(
    r"^\s+(?:[A-Z]{2,}\s+)?(?:member\s+states|countries|nations|states|cities|regions|"
    r"provinces|counties|continents|languages|sites|locations)\b",
    re.I,
)
# "two of the best", "three of its biggest": a determiner. "Seven of those arrests", "five of
# them" count people and things, and are kept.
_IDIOMS_AFTER = re.compile(
    r"^\s*(?:of\s+(?:the|his|her|its|their|our|my)\s+(?:most|least|very|\w+est)\b|"
    r"another\b|by\s+one\b|at\s+a\s+time\b|-off\b|-time\b|day\b|way\s+or\b)"
)
_SMALL_WORD = re.compile(
    r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)$"
)


_COUNT_NOUN_AFTER = re.compile(
    r"^\s+(?:[a-z]+\s+)?(?:[a-z]{2,}s|people|children|men|women|staff|personnel|police|sheep|"
    r"cattle|fish|deer|aircraft)\b"
)


_MODIFIER_BEFORE = re.compile(r"\b(?:the|its|their|a|in|of|'s|’s)\s*$")
_OLD_YEAR_BEFORE = re.compile(r"\b(?:in|of|since|from|until|by|year|around|c\.|circa)\s+$")
_YEAR_PAIR_BEFORE = re.compile(r"(?:1[89]|20)\d\d[-–/]$")  # the "19" of "2018-19"
_AGE_GROUP = re.compile(
    r"\b(?:adults|people|men|women|children|those|victims|drivers|patients|voters|residents|"
    r"pupils|students|workers|anyone|were|are|aged|age|ages)\s+$"
)
_AGE_END = re.compile(r"^\s*(?:[,.;:)]|$|in\b|and\b|or\b|who\b|with\b|from\b|at\b)")


def _is_year(figure: Figure, text: str) -> bool:
    value = figure.low if figure.low is not None else figure.high
    if figure.unit != "count" or value is None or value != value.to_integral_value():
        return False
    parts = [p for p in (figure.low, figure.high) if p is not None]
    before_text = text[max(0, figure.start - 12) : figure.start].lower()
    lowest = Decimal(1000) if _OLD_YEAR_BEFORE.search(before_text) else Decimal(1800)
    if not all(lowest <= p <= Decimal(2100) for p in parts):
        return False
    if "," in figure.text or figure.hedge not in (Hedge.EXACT, Hedge.RANGE, Hedge.APPROXIMATELY):
        return False
    if not re.fullmatch(r"[^\d]*\d{4}(?:\s*(?:-|–|—|to|and)\s*(?:\d{2}|\d{4}))?", figure.text):
        return False
    before = text[max(0, figure.start - 30) : figure.start]
    after = text[figure.end : figure.end + 30]
    counted_after = _COUNT_NOUN_AFTER.match(after) and not re.match(
        r"^\s+(?:and|to|or|in|into|on|onto|at|for|when|while|as|after|before|until|with|was|"
        r"were|is|over|under|from|by|through|across|against|among|amid|despite|since|up|down|"
        r"out|off|about|onwards?|"
        r"are|had|has|the|a|an|but|so|election|elections|attacks?|census|budget|"
        r"season|war|games|olympics|world|cup|report|survey|study|figures|data|levels?)\b",
        after,
    )
    # "2,000 people" has a comma; "the 2015 attacks" is a year used as a modifier.
    return not (counted_after and not _MODIFIER_BEFORE.search(before.lower()))


_EMERGENCY_AFTER = re.compile(r"\s+emergency\s+(?:line|number|hotline|helpline|service)\b")
_DIAL_BEFORE = re.compile(r"\b(?:dial|dialled|dialed|dialling|dialing)\s+$")


def _in_phone_number(text: str, figure: Figure) -> bool:
    """Inside a run of digit groups with nine or more digits ("+44 20 7946 0000")."""
    window_start = max(0, figure.start - 24)
    for match in _PHONE.finditer(text, window_start, min(len(text), figure.end + 24)):
        if match.start() <= figure.start and figure.end <= match.end():
            span = match.group()
            return sum(c.isdigit() for c in span) >= 9 and "," not in span
    return False


def not_a_claim(text: str, figure: Figure) -> str | None:
    """Why this figure is not a claim ("year", "date", "time", ...), or ``None`` if it is one."""
    before = text[max(0, figure.start - 40) : figure.start]
    after = text[figure.end : figure.end + 60]
    # Most patterns match lower-cased windows: far faster than case-insensitive regexes.
    low_before, low_after, low_figure = before.lower(), after.lower(), figure.text.lower()
    if _is_year(figure, text):
        return "date" if _MONTH_BEFORE.search(low_before) else "year"
    if _YEAR_PAIR_BEFORE.search(before) and figure.hedge is Hedge.EXACT:
        return "year"
    if (
        figure.unit == "count"
        and figure.hedge in (Hedge.MORE_THAN, Hedge.LESS_THAN, Hedge.AT_LEAST, Hedge.AT_MOST)
        and figure.text.split()[0].lower() in ("over", "under", "above", "below")
        and (figure.low or figure.high or 0) <= 120
        and _AGE_GROUP.search(low_before)
        and _AGE_END.match(after)
    ):
        return "age"
    if (
        figure.hedge is Hedge.EXACT
        and figure.unit == "count"
        and (figure.low or 0) <= 110
        and (
            (_NAMED_BEFORE.search(before) and _APPOSITION_AFTER.match(after))
            or (_SURNAME_BEFORE.search(before) and _SPEAKS_AFTER.match(after))
        )
    ):
        return "age"  # "said Mattie Thomas, 66, a retired worker": a person's age
    if (
        figure.hedge in (Hedge.AT_LEAST, Hedge.AT_MOST)
        and figure.unit == "count"
        and _AGE_BEFORE.search(low_before)
        and not _RULE_AGE_BEFORE.search(low_before)
    ):
        return "age"  # "aged 75 and over": an age group
    if figure.hedge in (Hedge.EXACT, Hedge.RANGE) and figure.unit == "count":
        if _MONTH_BEFORE.search(low_before) or _MONTH_AFTER.match(low_after):
            return "date"
        if _TIME_AFTER.match(low_after):
            return "time"
        if _AGE_AFTER.match(low_after) or (
            _AGE_BEFORE.search(low_before) and not _RULE_AGE_BEFORE.search(low_before)
        ):
            return "age"
        if _STREET_AFTER.match(after):
            return "address"
        if _NAME_BEFORE.search(low_before):
            return "name or number"
        if _CITATION.search(before) and re.match(r"\s*[\],–-]", after):
            return "citation"  # a reference to a source in a paper's brackets
        if re.fullmatch(r"\d{1,4}", figure.text) and _BRAND_BEFORE.search(before):
            return "name or number"  # "FTSE 100", "iPhone 15", "Boeing 737"
        if _score(text, figure):
            return "score"  # "won 3-1": a result, not two counts
        if _LIST_BEFORE.search(before) and _LIST_AFTER.match(after):
            return "list number"
        if re.match(r"0\d", figure.text) and "." not in figure.text:
            return "phone or code"
        if re.fullmatch(r"\d{2,4}", figure.text) and (
            _EMERGENCY_AFTER.match(low_after) or _DIAL_BEFORE.search(low_before)
        ):
            return "phone or code"  # "only on the 199 emergency line", "dial 999"
    if low_figure == "half" and _HALF_OF_A_PERIOD.search(low_before):
        return "idiom"  # "in the first half of the year": a period, not a share
    if _in_phone_number(text, figure):
        return "phone or code"
    if figure.unit == "count" and _DURATION_AFTER.match(low_after):
        return None if statistic_duration(text, figure) else "duration"
    if figure.hedge is Hedge.VAGUE and _DISTANCE_IDIOM_AFTER.match(low_after):
        return "idiom"
    if figure.unit == "count" and figure.hedge is Hedge.EXACT:
        if figure.low == 1 and _SMALL_WORD.match(low_figure):
            return "idiom"
        if _SMALL_WORD.match(low_figure) and _IDIOMS_AFTER.match(low_after):
            return "idiom"
        if _SMALL_WORD.match(low_figure) and _ANAPHORIC_BEFORE.search(low_before):
            return "reference"
        if _SMALL_WORD.match(low_figure) and _ENUMERATION_AFTER.match(after):
            return "enumeration"
        if _CONTEXT_COUNT.search(low_before) and _CONTEXT_NOUNS.match(after):
            return "context"
    return None


# A duration that is a statistic: "waited 18 weeks on average", "the median wait was 14
# days", "the average stay rose to 42 minutes". Without such a word a duration is one
# person's or one event's ("jailed for 5 years", "a three-day strike"), not a claim.
_STATISTIC_NEAR = re.compile(r"\b(?:average|averaged|averages|median|mean|typical|typically)\b")
_DURATION_UNIT = re.compile(r"[\s-]+(?P<unit>second|minute|hour|day|week|month|year)s?\b", re.I)


def statistic_duration(text: str, figure: Figure) -> str | None:
    """The time unit of a duration that is a statistic ("18 weeks on average": "weeks"), or
    ``None`` for any other figure.

    >>> from provenance.figures import find_figures
    >>> text = "Patients waited 18 weeks on average; he was jailed for 5 years."
    >>> [(f.text, statistic_duration(text, f)) for f in find_figures(text)]
    [('18', 'weeks'), ('5', None)]
    """
    if figure.unit != "count" or figure.hedge is Hedge.VAGUE:
        return None
    unit = _DURATION_UNIT.match(text, figure.end)
    if unit is None:
        return None
    clause_start = max(text.rfind(";", 0, figure.start), text.rfind(",", 0, figure.start))
    window = text[max(clause_start + 1, figure.start - 80) : figure.end + 40].lower()
    end = window.find(";", window.find(figure.text.lower()) + 1)
    if end >= 0:
        window = window[:end]
    return unit["unit"].lower() + "s" if _STATISTIC_NEAR.search(window) else None


def in_years(text: str, figure: Figure) -> bool:
    """Whether a bare count is an age a rule sets, so measured in years.

    >>> from provenance.figures import find_figures
    >>> text = "The pension age will rise to 67, affecting 1.2 million people aged 60"
    >>> [(f.text, in_years(text, f)) for f in find_figures(text)]
    [('67', True), ('1.2 million', False), ('60', False)]
    """
    if figure.unit != "count" or figure.hedge not in (Hedge.EXACT, Hedge.RANGE):
        return False
    if (figure.high or figure.low or 0) > 120 or (figure.low or 0) < 10:
        return False
    return (
        _RULE_AGE_LEVEL.search(text[max(0, figure.start - 70) : figure.start].lower()) is not None
    )
