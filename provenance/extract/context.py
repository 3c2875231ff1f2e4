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
from provenance.places import Found

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


_DESTINATION = re.compile(
    r"\b(?:to|into|towards|toward|reach|reached|entered|enter)\s+(?:the\s+)?$", re.I
)
_ORIGIN = re.compile(r"\b(?:from|of|across|throughout|nationwide in)\s+(?:the\s+)?$", re.I)
_HEADING = re.compile(r"^\W*(?:(?:in|across|throughout|for|within)\s+(?:the\s+)?)?$", re.I)
_LIST_GAP = re.compile(r"^(?:,\s*|\s+and\s+|,\s+and\s+|\s*&\s*)$")


def _weigh(found: Found, text: str, in_counted: bool) -> float:
    before = text[max(0, found.start - 30) : found.start]
    if _DESTINATION.search(before):
        return 0.5  # "travelled to Syria": where they went, not who they are
    if in_counted and found.demonym:
        return 5.0  # "British citizens"
    if _ORIGIN.search(before) or _HEADING.match(text[: found.start]):
        return 4.0  # "people from European countries", "In the UK alone, ..."
    return 3.0 if in_counted else 2.0


def _listed(places: list[Found], text: str) -> str | None:
    """ "Belgium, France, Germany and the UK": several places named as one group."""
    run = [places[0]]
    for place in places[1:]:
        gap = text[run[-1].end : place.start].replace(" the ", " ")
        if _LIST_GAP.match(gap) and place.name not in {p.name for p in run}:
            run.append(place)
        else:
            break
    return " + ".join(sorted(p.name for p in run)) if len(run) > 1 else None


def scope_of(counted: str | None, sentence: str, start: int, end: int) -> str | None:
    """The place the figure at ``sentence[start:end]`` is about, as its sentence states it (see
    :mod:`provenance.places`): the people named in what it counts ("British citizens"), a
    place they are from or that heads the sentence ("In the UK alone, ..."), else the place
    named nearest the figure in its clause, else in its sentence; a destination ("travelled to
    Syria") only when nothing else is named. Places listed together make one group.

    >>> text = "Some 5,000 people from European countries travelled to Syria"
    >>> scope_of("people from European countries travelled to Syria", text, 5, 10)
    'Europe'
    >>> text = "Deaths in Turkey rose to 5,894, while Syria reported 1,932"
    >>> scope_of(None, text, text.index("1,932"), len(text)), scope_of(None, text, 25, 30)
    ('Syria', 'Turkey')
    >>> scope_of("are drawn from Belgium, France and the UK", "", 0, 0)
    'Belgium + France + United Kingdom'
    """
    from provenance.places import find_places

    if counted:
        named = find_places(counted)
        if named:
            listed = _listed(named, counted)
            if listed:
                return listed
            best = max(named, key=lambda f: (_weigh(f, counted, True), -f.start))
            if _weigh(best, counted, True) > 1:
                return best.name
    clause = clause_of(sentence, start, end)
    offset = max(sentence.find(clause), 0)
    candidates = [
        (_weigh(f, sentence, False) + (0.5 if offset <= f.start < offset + len(clause) else 0), f)
        for f in find_places(sentence)
    ]
    if not candidates:
        return None
    _, best = max(
        candidates, key=lambda c: (c[0], -min(abs(c[1].start - start), abs(c[1].end - end)))
    )
    return best.name


def main_place(text: str) -> str | None:
    """The place an article is about: the one its opening names most often (ties go to the
    first named), or ``None`` when it names none.

    >>> main_place("Beirut counts its dead. The blast in Beirut's port killed 135 in Lebanon.")
    'Beirut'
    """
    from provenance.places import find_places

    found = find_places(text)
    counts: dict[str, int] = {}
    for place in found:
        counts[place.name] = counts.get(place.name, 0) + 1
    return max(counts, key=lambda name: counts[name]) if counts else None
