"""What a figure counts, the period it describes, its modality, and whether it is a change.

>>> from datetime import date
>>> september_2017 = date(2017, 9, 17)
>>> as_of("In all, as of April this year, research suggests 30 per cent returned.", september_2017)
'2017-04'
>>> as_of("At least 250 were moved from late 2014 until mid-2016.", date(2017, 9, 17))
'2014-10/2016-06'
>>> change_of("Arrests rose by 8% last year.", 16)
'increase'
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

from provenance.extract.filters import MONTHS

_MONTH_NUMBER = (
    {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
    | {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
    | {"sept": 9}
)
_PART_OF_YEAR = {"early": (1, 3), "mid": (6, 6), "late": (10, 12), "end of": (12, 12)}

_AS_OF_MONTH = re.compile(
    rf"\b(?:as of|as at|at the end of|by the end of|by|in|since|until|in early|in late)\s+"
    rf"(?P<month>{MONTHS})\w*\.?\s+(?:(?P<this>this|last)\s+year|(?P<year>(?:19|20)\d\d))\b",
    re.I,
)
_SPAN = re.compile(
    r"\bfrom\s+(?:(?P<p1>early|mid|late)[\s-]+)?(?P<y1>(?:19|20)\d\d)\s+(?:until|to|till|through)"
    r"\s+(?:(?P<p2>early|mid|late)[\s-]+)?(?P<y2>(?:19|20)\d\d)\b",
    re.I,
)
_YEAR = re.compile(
    r"\b(?:in|as of|by the end of|at the end of|during|for)\s+"
    r"(?P<year>(?:19|20)\d\d)\b(?!\s*(?:-|–))",
    re.I,
)
_FOUR_DIGITS = re.compile(r"\d{4}")
_ANY_MONTH = re.compile(rf"\b(?:{MONTHS})")
_RELATIVE_YEAR = re.compile(r"\b(?P<which>last|this|next) year\b", re.I)


def _words(words: str) -> str:
    """A regex alternation of space-separated words."""
    return "|".join(words.split())


_INCREASE = _words(
    "rose risen rise rises rising increased increase increases grew grown growth jumped jump "
    "climbed climb soared surged up gained added"
)
_DECREASE = _words(
    "fell fallen fall falls falling dropped drop drops decreased decrease declined decline down "
    "cut cuts reduced reduction slumped plunged shrank shrunk lost loss"
)
_CHANGE_BEFORE = re.compile(
    rf"\b(?:(?P<up>{_INCREASE})|(?P<down>{_DECREASE}))(?:\s+(?:by|of))?\s+"
    rf"(?:(?:{_words('some about around nearly almost over')}|more than)\s+)?$",
    re.I,
)
_CHANGE_AFTER = re.compile(
    rf"^\s+(?:(?P<up>{_words('rise increase jump growth gain')})|"
    rf"(?P<down>{_words('fall drop decline cut reduction loss')}))\b",
    re.I,
)
_PREDICTION = re.compile(
    rf"\b(?:{_words('predicted predicts predict expected expects forecast forecasts projected')}|"
    rf"{_words('projects will might could would')}|set to|likely to)\b"
)
_BELIEF = re.compile(
    r"\b(?:believed?|believes|thought to|thinks?|suspect(?:s|ed)?|fears?|feared)\b"
)
_REPORTED = re.compile(r"\b(?:said to|alleged(?:ly)?|reportedly|reported to|claimed to)\b")
_ESTIMATE = re.compile(r"\b(?:estimates?|estimated|estimating|research|suggests?|indicat\w+)\b")
_OFFICIAL = re.compile(
    r"\b(?:official (?:figures|statistics|data)|census|office for national statistics|"
    r"national statistics|statistics office|government figures)\b"
)


def _bounds(year: int, part: str | None) -> tuple[int, int]:
    first, last = _PART_OF_YEAR.get((part or "").lower(), (1, 12))
    return first, last


def as_of(sentence: str, published: date | None) -> str | None:
    """The period a sentence's figures describe, in ISO form, when the sentence says so;
    otherwise the publication date (or ``None`` when that is unknown)."""
    lowered = sentence.lower()
    has_year = _FOUR_DIGITS.search(sentence) is not None
    span = _SPAN.search(sentence) if has_year and "from" in lowered else None
    if span:
        start_month, _ = _bounds(int(span["y1"]), span["p1"])
        _, end_month = _bounds(int(span["y2"]), span["p2"])
        if span["p1"] or span["p2"]:
            return f"{span['y1']}-{start_month:02d}/{span['y2']}-{end_month:02d}"
        return f"{span['y1']}/{span['y2']}"
    month = _AS_OF_MONTH.search(sentence) if _ANY_MONTH.search(lowered) else None
    if month:
        name = month["month"].lower().rstrip(".")
        number = _MONTH_NUMBER.get(name) or _MONTH_NUMBER[name[:3]]
        if month["year"]:
            return f"{month['year']}-{number:02d}"
        if published is not None:
            year = published.year - (1 if month["this"].lower() == "last" else 0)
            return f"{year}-{number:02d}"
    in_year = _YEAR.search(sentence) if has_year else None
    if in_year:
        return in_year["year"]
    if " year" not in lowered:
        return published.isoformat() if published else None
    relative = _RELATIVE_YEAR.search(sentence)
    if relative and published is not None:
        offset = {"last": -1, "this": 0, "next": 1}[relative["which"].lower()]
        return str(published.year + offset)
    return published.isoformat() if published else None


_CHANGE_WORDS = frozenset((_INCREASE + "|" + _DECREASE).split("|"))


def change_of(sentence: str, start: int, end: int | None = None) -> str | None:
    """``increase`` or ``decrease`` when the figure at ``start`` is a change ("rose by 8%")."""
    near = sentence[max(0, start - 40) : (end or start) + 12].lower()
    if _CHANGE_WORDS.isdisjoint(re.findall(r"[a-z]+", near)):
        return None  # no word of change nearby: skip the patterns
    before = _CHANGE_BEFORE.search(sentence[max(0, start - 40) : start])
    found = before or (_CHANGE_AFTER.match(sentence[end:]) if end is not None else None)
    if not found:
        return None
    return "increase" if found["up"] else "decrease"


@lru_cache(maxsize=1024)
def modality_of(clause: str, cue: str | None, hedge: str) -> str:
    """prediction, belief, reported, official_statistic or estimate, from the cue and the
    wording of the figure's clause, in that order of precedence."""
    # Lower-cased once: case-sensitive patterns are several times faster than re.I ones.
    clause, cue = clause.lower(), (cue or "").lower()
    words = f"{cue} {clause}"
    if _PREDICTION.search(words):
        return "prediction"
    if _BELIEF.search(cue) or (not cue and _BELIEF.search(clause)):
        return "belief"
    if _REPORTED.search(words):
        return "reported"
    if _OFFICIAL.search(clause):
        return "official_statistic"
    if hedge in ("approximately", "range", "vague") or _ESTIMATE.search(words):
        return "estimate"
    return "reported"


_CLAUSE_END = re.compile(
    r"[;:.!?]|,\s+(?=(?:and|but|while|as|although|which|who|with|many|some)\b)"
    r"|\s+(?:—|–)\s+|\s+but\s+"
    # an attribution tail: "..., the port said", "..., officials told reporters"
    r"|,\s+(?=[^,]{0,60}\b(?:said|says|told|added|estimates?|estimated|reported|warned)\b)"
)
_PURPOSE = re.compile(r"\s+(?:in order )?to\s+[a-z]+")
_NEW_CLAUSE = re.compile(r"^\s*(?:[;.!?]|,\s+(?:but|and|while|although|whereas|which|who|as)\b)")
_RESTATES = re.compile(
    r"(?:,|\bequall?ing|\bequal\s+to|\bor|\bi\.e\.|\bthat\s+is|\brepresenting|"
    r"\bamounting\s+to|\bsome)\s*$",
    re.I,
)
_LEADING = re.compile(r"^\s*(?:,\s*)?(?:of\s+(?:the\s+)?|more\s+)?", re.I)


def counted_of(sentence: str, start: int, end: int) -> str | None:
    """What the figure counts: the rest of its clause ("people from European countries have
    travelled to fight ..."), or, when the figure ends its clause, the noun phrase before it."""
    rest = sentence[end:]
    if _NEW_CLAUSE.match(rest):
        rest = ""  # ", but ...": the figure ends its clause; what it counts is before it
    leading = _LEADING.match(rest)  # always matches: every part of it is optional
    rest = rest[leading.end() :] if leading else rest
    stop = _CLAUSE_END.search(rest)
    phrase = rest[: stop.start()] if stop else rest
    purpose = _PURPOSE.search(phrase)  # "... housed in camps to determine what became of"
    if purpose and len(phrase[: purpose.start()].split()) >= 6:
        phrase = phrase[: purpose.start()]
    words = phrase.split()
    if len(words) > 20:
        phrase = " ".join(words[:20])
    phrase = phrase.strip(" ,\"'“”’")
    if phrase and not re.match(
        r"^(?:in|on|at|by|for|to|from|this|that|last|and|or)\b", phrase, re.I
    ):
        return phrase
    before = sentence[:start]
    clauses = re.split(r"[,;:]", before)
    for clause in reversed(clauses):
        if re.match(r"^\s*(?:which|who|that)\b", clause, re.I) or not clause.strip():
            continue
        tail = re.split(
            r"\b(?:on|of|in|at|for|about|to|with|from|that|be|is|are|was|were)\s+", clause
        )[-1]
        tail = tail.strip(" \"'“”")
        if tail:
            return " ".join(tail.split()[-6:])
        break
    return phrase or None


_CLAUSE_BOUNDARY = re.compile(r";|,\s+(?:and|but|while|although|whereas)\s+|\s+but\s+")


def clause_of(sentence: str, start: int, end: int) -> str:
    """The clause a figure stands in: the sentence cut at "; ", ", and ", ", but " ..."""
    left = 0
    for match in _CLAUSE_BOUNDARY.finditer(sentence, 0, start):
        left = match.end()
    right_match = _CLAUSE_BOUNDARY.search(sentence, end)
    return sentence[left : right_match.start() if right_match else len(sentence)]


_LINKING_VERB_END = re.compile(
    r"\s+(?:is|are|was|were|remains?|remained|stands?\s+at|stood\s+at|reached|now|has|have|"
    r"had|been|be|at|still|already|more)\s*$",
    re.I,
)
_SUBJECT_START = re.compile(
    r"^.*\b(?:believe|believes|said|says|estimate|estimates|think|thinks|suggests?|shows?|"
    r"that|,)\s+",
    re.I,
)


def subject_of(sentence: str, start: int) -> str | None:
    """What a comparison counts: the subject of its clause ("Sources believe the pool of
    potential returnees is more than double the 150" counts the pool of potential returnees).

    >>> subject_of("Sources believe the pool of returnees is more than double the 150.", 41)
    'the pool of returnees'
    """
    before = sentence[:start]
    while True:
        trimmed = _LINKING_VERB_END.sub("", before)
        if trimmed == before:
            break
        before = trimmed
    subject = _SUBJECT_START.sub("", before).strip(" ,")
    words = subject.split()
    return " ".join(words[-10:]) if words else None


def restates(sentence: str, start: int, previous_end: int | None) -> bool:
    """Whether the figure at ``start`` restates the one before it in the sentence ("30 per cent
    have returned, about 1,200 people", "equalling about 1,200")."""
    if previous_end is None:
        return False
    return _RESTATES.search(sentence[previous_end:start]) is not None


# Places a figure's population may be scoped to, with the words that name them. The longest
# names are tried first, so "European Union" is the EU, not Europe.
_PLACES = {
    "EU": ("European Union", "EU-wide", "EU wide", "EU"),
    "Europe": ("Europe", "European", "Europeans"),
    "UK": ("United Kingdom", "UK", "Britain", "British", "Britons", "Briton"),
    "US": ("United States", "US", "U.S.", "America", "American", "Americans"),
    "England": ("England", "English"),
    "Scotland": ("Scotland", "Scottish"),
    "Wales": ("Wales", "Welsh"),
    "Ireland": ("Ireland", "Irish"),
    "France": ("France", "French"),
    "Germany": ("Germany", "German", "Germans"),
    "Belgium": ("Belgium", "Belgian", "Belgians"),
    "Italy": ("Italy", "Italian", "Italians"),
    "Spain": ("Spain", "Spanish"),
    "Netherlands": ("Netherlands", "Dutch"),
    "Sweden": ("Sweden", "Swedish"),
    "Denmark": ("Denmark", "Danish"),
    "Austria": ("Austria", "Austrian"),
}
_PLACE_NAMES = {name: place for place, names in _PLACES.items() for name in names}
_PLACE = re.compile(
    r"\b(" + "|".join(re.escape(n) for n in sorted(_PLACE_NAMES, key=len, reverse=True)) + r")\b"
)


@lru_cache(maxsize=1024)
def scope_of(counted: str | None, clause: str) -> str | None:
    """The place a figure's population is scoped to, as stated: the first place named in what
    it counts, else in its clause.

    >>> scope_of("people from European countries", "Some 5,000 people from European countries left")
    'Europe'
    >>> scope_of("foreign fighters", "the estimate for the EU as a whole is 4,000 foreign fighters")
    'EU'
    """
    for text in (counted or "", clause):
        found = _PLACE.search(text)
        if found:
            return _PLACE_NAMES[found[1]]
    return None
