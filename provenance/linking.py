"""Which quantity a claim measures: pure scoring of catalogue quantities against a claim.

A quantity's *terms* are the words and phrases that signal it ("returned", "came back",
"returnees"). Terms and texts are compared as Snowball-stemmed words, so "returned",
"returning" and "returns" meet. For each quantity whose unit fits the claim's, every term found
scores by where it is found:

========================================  ======
where the term is found                   points
========================================  ======
in what the figure counts                 3
in the words of its clause leading to it  2
("the total since October ... to 521")
elsewhere in the figure's sentence        1.5
in the sentence before, for a share that  0.75
points back to it ("Of those, 10% ...")
or a count whose own words name nothing
("the ministry had counted 1.28 million")
========================================  ======

A phrase of n words counts 1 + (n - 1) / 2 times; terms that stem alike ("travelled",
"traveled") count once; words of the quantity's label found in what is counted add a little
(0.25 each, at most 1). When what the figure counts says something of its own but holds no
term and fewer than two label words of a quantity, that quantity's evidence from the rest of
the sentence counts half: the sentence may be about another figure.

A quantity may *require* terms, its scope ("British", "UK"). It is considered only when one of
them is in the claim's sentence or the one before; found in the sentence, the scope adds
:data:`SCOPE_POINTS` (it tells a scoped quantity from an unscoped one, not from another of the
same scope); found only in the sentence before, the whole score counts :data:`SCOPE_BEFORE`
times. When a scoped quantity scores at least :data:`THRESHOLD` and its scope is named in what
the figure counts ("British citizens have returned"), unscoped quantities count half.

A claim is linked to the best quantity when it scores at least :data:`THRESHOLD` and at least
:data:`MARGIN` times the runner-up; otherwise it stays unlinked and the ranked candidates, with
their reasons, are suggestions.

Claims that match no quantity are grouped into proposed quantities: same unit, and what they
count alike (see :func:`propose_quantities`).

>>> returned = Profile("returned-share", "percent", ("returned", "came back"), "Share returned")
>>> female = Profile("female-share", "percent", ("female", "women"), "Share who are women")
>>> sentence = "Of those, 10% are believed to have returned."
>>> claim = ClaimText(1, "percent", "are believed to have returned", sentence)
>>> [(c.key, c.score) for c in rank_quantities(claim, [returned, female])]
[('returned-share', 3.25)]
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from provenance.units import convertible, factor

THRESHOLD = 2.0
LEAD_POINTS = 2.0  # a term in the words leading to the figure ("the total ... to 521")
NAME_POINTS = 3.0  # a term that is a name, written before the figure in its sentence
MARGIN = 1.5
# Weaker evidence suffices when nothing else fits: one term in the figure's sentence (1.5)
# and every other quantity at most a third of it.
SOLE_THRESHOLD = 1.5
SOLE_MARGIN = 3.0
SCOPE_POINTS = 1.0  # what a matched scope term adds, wherever in the sentence
SCOPE_BEFORE = 0.6  # a scoped quantity's score when its scope is only in the sentence before
SIMILAR = 50  # RapidFuzz token-sort ratio (0-100) from which two unlinked claims count alike


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    """Snowball's English stemmer, loaded on first use (commands that link nothing skip it)."""
    import snowballstemmer  # type: ignore[import-untyped]

    return snowballstemmer.stemmer("english")


_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_STOP = frozenset(
    """a an the of in on at to for from by with and or but as is are was were be been have has
    had that this these those their its it they them who which what share number per cent
    percent""".split()  # noqa: SIM905 - a word list reads best as words
)
_SAYING = """counted said says put gave claimed reported estimated recorded according told
    ministry police union officials authorities figure figures number estimate total tally sum
    since overall takes took brings brought update january february march april may june july
    august september october november december"""


@lru_cache(maxsize=1)
def _saying() -> frozenset[str]:
    """Words that say who counted, not what: "the ministry had counted 1.28 million"."""
    return frozenset(stems(_SAYING))


def _content(words: Sequence[str]) -> list[str]:
    """The stems that name what is counted: not who counted, when, or a bare "total"."""
    return [
        w for w in words if w not in _STOP and w not in _saying() and len(w) > 2 and not w.isdigit()
    ]


_BACK_REFERENCE = re.compile(
    r"^\s*(?:of\s+(?:those|them|these|whom)|they|these|those|them)\b", re.I
)


_PRONOUN_SUBJECT = re.compile(r"^(?:(?:by|on|in|at|since|until)\s+\w+\s+)?(?:it|they)\b", re.I)


@dataclass(frozen=True, slots=True)
class Profile:
    """What linking needs of a quantity: its terms, and its identity beyond them (the family
    of quantities that differ from it only by place, its place, the topics it applies to, and
    the range its figures plausibly take: declared, or ``observed`` in its linked figures; the
    ``period`` it counts, when it is one event or span)."""

    key: str
    unit: str
    terms: tuple[str, ...]
    label: str
    requires: tuple[str, ...] = ()
    family: str | None = None
    place: str | None = None
    topics: tuple[str, ...] = ()
    expected: tuple[float | None, float | None] | None = None
    observed: tuple[float, float] | None = None
    period: tuple[date, date] | None = None
    part: bool = False  # the catalogue states it is a part of another quantity (a subgroup)
    cumulative: bool = False  # a running total: it only grows
    period_in_label: bool = False  # ``period`` read from its label, not declared
    window_days: float | None = None  # figures this far apart are of one time (the catalogue's)
    variant_of: str | None = None  # the quantity it counts by another definition (a key)

    @property
    def family_key(self) -> str:
        return self.family or self.key


@dataclass(frozen=True, slots=True)
class ClaimText:
    """What linking needs of a claim: its unit, what it counts, its sentence and the one before;
    for identity, its place (``place_inferred`` when read from the article, not the sentence),
    its document's topics, its value, where the figure ends in its sentence, and the period it
    describes (``period_stated`` when its sentence names it, not only its article's date)."""

    id: int
    unit: str
    counted: str | None
    sentence: str | None
    previous: str | None = None
    place: str | None = None
    place_inferred: bool = False
    topics: tuple[str, ...] = ()
    value: float | None = None
    figure_end: int | None = None
    period: tuple[date, date] | None = None
    period_stated: bool = False
    running: bool = False  # its words say it is a running total ("the toll rose to")
    figure_start: int | None = None
    event: frozenset[str] | None = None  # the one named event its sentence or headline names
    increment: bool = False  # it adds to a count ("18 more suspects"): a change, not a level
    part: bool = False  # it counts a part of another figure ("of those, 2,063"): see part_of
    moved: bool = False  # it is what a level moved by ("rose by 59,444"): see moved
    side: str | None = None  # the side of a vote it counts ("No won 55.3%"): see side_of
    named: str | None = None  # the named side a share is for ("Erdogan won 49.5%"): named_side
    compares: bool = False  # a multiple setting one figure against another: see compares
    # its sentence dates it over TOLL_TIME before its article ("After the attack on the World
    # Trade Centre in 2001, early estimates of 30,000 dead", in 2005): history, not the news
    history: bool = False


@dataclass(frozen=True, slots=True)
class Candidate:
    key: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Proposal:
    label: str
    unit: str
    claim_ids: tuple[int, ...]
    cumulative: bool = False  # a running count (a toll of deaths, injured, arrests)


# Irregular forms of verbs news uses for counts, which a stemmer leaves apart ("took part",
# "had taken part"): each is read as its plain form before stemming.
_IRREGULAR = {
    form: verb
    for verb, forms in {
        "take": "took taken",
        "go": "went gone",
        "come": "came",
        "flee": "fled",
        "fall": "fell fallen",
        "rise": "rose risen",
        "grow": "grew grown",
        "give": "gave given",
        "make": "made",
        "see": "saw seen",
        "hold": "held",
        "bring": "brought",
        "catch": "caught",
        "draw": "drew drawn",
        "spend": "spent",
        "pay": "paid",
        "seek": "sought",
        "fight": "fought",
        "lose": "lost",
        "win": "won",
        "strike": "struck",
        "stand": "stood",
        "run": "ran",
        "meet": "met",
        "keep": "kept",
        "send": "sent",
        "build": "built",
        "buy": "bought",
        "begin": "began begun",
        "leave": "left",
        "throw": "threw thrown",
        "drive": "drove driven",
        "write": "wrote written",
        "shoot": "shot",
        "hide": "hid hidden",
        "steal": "stole stolen",
        "sell": "sold",
        "tell": "told",
        "find": "found",
        "feel": "felt",
        "lead": "led",
        "hit": "hit",
        "hurt": "hurt",
        "put": "put",
        "set": "set",
        "cut": "cut",
        "spread": "spread",
    }.items()
    for form in forms.split()
}


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_stemmer().stemWord(_IRREGULAR.get(word, word)))


def stems(text: str | None) -> tuple[str, ...]:
    """Stemmed words of a text.

    >>> stems("Returnees came back; returning fighters")
    ('returne', 'come', 'back', 'return', 'fighter')
    """
    if not text:
        return ()
    return tuple(_stem(w.replace("’", "'").split("'")[0]) for w in _WORD.findall(text.lower()))


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    if n == 0 or n > len(haystack):
        return False
    first = needle[0]
    return any(
        haystack[i] == first and haystack[i : i + n] == needle for i in range(len(haystack) - n + 1)
    )


@dataclass(frozen=True, slots=True)
class _Prepared:
    profile: Profile
    terms: tuple[tuple[str, tuple[str, ...]], ...]
    label_stems: frozenset[str]
    requires: tuple[tuple[str, ...], ...]


_RATE = stems("rate")[0]


@lru_cache(maxsize=4096)
def _prepare(profile: Profile) -> _Prepared:
    terms: dict[tuple[str, ...], str] = {}
    for term in profile.terms:
        terms.setdefault(stems(term), term)  # "travelled" and "traveled" are one term
    # news's short forms: "the toll rose to 95" (the death toll), "the rate was 22.73%" (the
    # strike rate); a catalogue term names the kind in full
    # ("the real toll", counting the missing too, is no death toll)
    # (unless a term says it already: "the rate")
    bare = {tuple(_content(term)) for term in terms}
    if stems("death toll") in terms and stems("toll") not in bare:
        terms.setdefault(stems("toll"), "toll")
    if any(len(term) == 2 and term[-1] == _RATE for term in terms) and (_RATE,) not in bare:
        terms.setdefault((_RATE,), "rate")
    terms.pop((), None)
    label = frozenset(s for s in stems(profile.label) if s not in _STOP)
    requires = tuple(r for r in (stems(term) for term in profile.requires) if r)
    return _Prepared(profile, tuple((t, s) for s, t in terms.items()), label, requires)


def _score(
    claim: ClaimText,
    prepared: _Prepared,
    texts: dict[str, tuple[str, ...]],
    named_elsewhere: bool = False,
) -> Candidate:
    score, reasons = 0.0, []

    # When what the figure counts says something of its own but none of the quantity's terms
    # (or names another quantity's: "255 of them escaped", in a sentence on who lived in the
    # tower), the rest of the sentence is weaker evidence: it may be about another figure.
    # (its own words end at a comma: "614 people, including forty-eight children, by
    # Thursday evening" says only "people" of its own)
    content = _content(stems(_OWN_WORDS_END.split(claim.counted or "", maxsplit=1)[0]))
    counted_term = any(_contains(texts["counted"], t) for _, t in prepared.terms)
    on_label = len(prepared.label_stems & set(content)) >= 2
    own_words = len(content) >= 2 or named_elsewhere
    head_term = any(_contains(texts["head"], t) for _, t in prepared.terms)
    context_weight = 0.5 if own_words and not (counted_term or on_label or head_term) else 1.0
    # Another quantity's term heads the figure ("a census of 5,343,358"): the rest of the
    # words leading to it are about something else too.
    lead_weight = 0.5 if named_elsewhere and texts["head"] and not head_term else 1.0
    # An item of a list ("- €100m from the Pinault family", under "The biggest promises so
    # far include:") counts what its list names, and its own words say which one: they
    # outweigh the heading it took.
    item_weight = ITEM_POINTS if _LIST_ITEM.match(claim.sentence or "") else None
    # A name written before the figure in its sentence ("The Bettencourt Schueller Foundation,
    # of the L'Oreal fortune, has also promised 200 million euros"): who gave, counted, said.
    pieces = re.split(r"\d[\d,.]*\b|[;:]", (claim.sentence or "")[: claim.figure_start or 0])
    before = _AFTER_CONJUNCTION.split(pieces[-1])[-1] if len(pieces) > 1 else pieces[-1]
    for term, term_stems in prepared.terms:
        length_bonus = 1 + (len(term_stems) - 1) / 2
        named = term[:1].isupper() and re.search(rf"\b{re.escape(term)}\b", before) is not None
        for place, weight in (
            ("counted", 3.0),
            ("head", 3.0),
            ("lead", LEAD_POINTS * min(lead_weight, context_weight)),
            ("sentence", NAME_POINTS if named else item_weight or 1.5 * context_weight),
            ("previous", 0.75 * context_weight),
        ):
            if _contains(texts[place], term_stems):
                score += weight * length_bonus
                where = {
                    "counted": "in what it counts",
                    "head": "heads it",
                    "lead": "just before it",
                    "sentence": "in its sentence",
                    "previous": "in the sentence before",
                }[place]
                reasons.append(f"{term!r} {where}")
                break
    for scope_stems in prepared.requires:  # its scope qualifies it; one point, wherever found
        if _contains(texts["counted"] + ("",) + texts["sentence"], scope_stems):
            score += SCOPE_POINTS
            reasons.append(f"scope {' '.join(scope_stems)!r} in its sentence")
            break
    label_hits = prepared.label_stems & set(texts["counted"])
    if label_hits and score:
        score += min(1.0, 0.25 * len(label_hits))
        reasons.append("label words " + ", ".join(sorted(label_hits)) + " in what it counts")
    near = texts["counted"] + ("",) + texts["sentence"]
    if prepared.requires and not any(_contains(near, r) for r in prepared.requires):
        score *= SCOPE_BEFORE  # its scope only in the sentence before: weaker
        reasons.append("scope only in the sentence before")
    return Candidate(prepared.profile.key, round(score, 2), tuple(reasons))


_OWN_WORDS_END = re.compile(r"[,;(]")
_LEAD_START = re.compile(r".*(?:[;:(]|,(?!\d)|\d[\d,.%]*)", re.S)


def _lead(claim: ClaimText) -> str | None:
    """The words of the figure's clause that lead to it, after any figure or clause break
    before it: "That takes the total since 1 October 2023 to" for 521. Its subject, often."""
    if claim.sentence is None or claim.figure_start is None:
        return None
    before = claim.sentence[: claim.figure_start]
    cut = _LEAD_START.match(before)
    if cut is None:
        return before
    lead = before[cut.end() :]
    if cut[0][-1:].isdigit():
        # "1,065 arrests had been made and 53 people had been charged": the words after the
        # other figure are its own, up to the conjunction that starts this one's clause
        lead = _AFTER_CONJUNCTION.split(lead)[-1]
    return lead


_AFTER_CONJUNCTION = re.compile(r"\b(?:and|but|while|whereas)\b", re.I)


# "a census of 5,343,358", "a turnout of 42%", "the death toll of 135": the noun the figure
# is "of" is what it measures.
_HEAD_OF = re.compile(
    r"\b(?:an?|the|its|their|his|her|our|this|that)\s+((?:[\w-]+\s+){0,2}[\w-]+)\s+of\s+"
    r"(?:about|around|some|nearly|almost|roughly|approximately|at least|more than|over|just|"
    r"up to|fewer than|less than|under)?\s*$",
    re.I,
)


def _head_of(claim: ClaimText) -> str | None:
    """The noun phrase a figure completes with "of": "a census of" for 5,343,358."""
    if claim.sentence is None or claim.figure_start is None:
        return None
    found = _HEAD_OF.search(claim.sentence[max(0, claim.figure_start - 60) : claim.figure_start])
    return found[1] if found else None


def _own_part(claim: ClaimText) -> str | None:
    """The claim's sentence, or of a list item holding several figures, its label and the
    figure's own stretch: in "- Secondary: 17.4 per cent fully open, 73.6 per cent restricting
    attendance", the 73.6's words are "Secondary: ... restricting attendance", not "fully
    open"."""
    sentence, start, end = claim.sentence, claim.figure_start, claim.figure_end
    if not sentence or start is None or end is None or not _LIST_ITEM.match(sentence):
        return sentence
    from provenance.extract.context import A_FIGURE

    before = [m.end() for m in A_FIGURE.finditer(sentence, 0, start)]
    after = A_FIGURE.search(sentence, end)
    if not before and after is None:
        return sentence
    colon = sentence.find(":")
    label = sentence[:colon] if 0 < colon < start else ""
    # from the break after the figure before ("..., 44.7 per cent restricting") to the next
    first = max(before[-1] if before else 0, colon + 1)
    first = max(first, sentence.rfind(",", first, start) + 1)
    last = after.start() if after else len(sentence)
    cut = sentence.find(",", end, last)
    return f"{label} {sentence[first : cut if cut >= 0 else last]}"


_WHEN_WORD = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|morning|"
    r"evening|night|noon|midnight|january|february|march|april|may|june|july|august|"
    r"september|october|november|december|week|month|year|update)\b",
    re.I,
)


def _item_qualifier(claim: ClaimText) -> tuple[str, ...]:
    """The words of a list item's label when the item holds several figures, each with words
    of its own: "- Secondary: 17.4 per cent fully open, 73.6 per cent restricting" qualifies
    each share as secondary schools'. A place is no qualifier (its place says it)."""
    sentence = claim.sentence or ""
    colon = sentence.find(":")
    if (
        not _LIST_ITEM.match(sentence)
        or colon < 0
        or len(_FIGURE_IN.findall(sentence, colon)) < 2
        or claim.figure_start is None
        or claim.figure_start < colon
    ):
        return ()
    label = _LIST_ITEM.sub("", sentence[:colon], count=1)
    from provenance.places import find_places

    if find_places(label) or _FIGURE_IN.search(label) or _WHEN_WORD.search(label):
        return ()  # a place, or a time: "- Monday, 3 pm: 2,681 dead, 2,501 injured"
    return tuple(_content(stems(label)))


def rank_quantities(claim: ClaimText, profiles: Iterable[Profile]) -> list[Candidate]:
    """Quantities whose unit fits the claim, best first, with the reasons for their scores;
    those with no evidence at all are left out."""
    counted = stems(claim.counted)
    sentence = stems(_own_part(claim))
    refers_back = claim.unit == "percent" and bool(
        _BACK_REFERENCE.match(claim.counted or "") or _BACK_REFERENCE.match(claim.sentence or "")
    )
    # "On 7 March, the ministry had counted 1.28 million": a count whose own words name
    # nothing counted continues the sentence before it.
    refers_back = refers_back or (claim.unit != "percent" and not _content(counted))
    # "By Saturday it had jumped to 1,267", after "the list was down to 200 names": what "it"
    # stands for is in the sentence before
    refers_back = refers_back or _PRONOUN_SUBJECT.search(claim.counted or "") is not None
    texts = {
        "counted": counted,
        "head": stems(_head_of(claim)),
        "lead": stems(_lead(claim)),
        "sentence": sentence,
        "previous": stems(claim.previous) if refers_back else (),
    }
    # A quantity's scope ("UK") may be set by the sentence before, whatever the figure.
    context = texts["counted"] + ("",) + texts["sentence"] + ("",) + stems(claim.previous)
    found, eligible = [], []
    claim_topics = {t.casefold() for t in claim.topics}
    kept: list[tuple[Profile, _Prepared]] = []
    for profile in profiles:
        if profile.unit != claim.unit and not convertible(claim.unit, profile.unit):
            continue  # a figure in acres fits a quantity in hectares: see provenance.units
        if (
            claim_topics
            and profile.topics
            and claim_topics.isdisjoint(t.casefold() for t in profile.topics)
        ):
            continue  # a catalogue applies to the topics it names
        prepared = _prepare(profile)
        if prepared.requires and not any(_contains(context, r) for r in prepared.requires):
            continue
        if _days_apart(claim, profile) is None:
            continue  # it counts another time
        kept.append((profile, prepared))
    named = {
        profile.key
        for profile, prepared in kept
        for where in ("counted", "head")
        if texts[where] and any(_contains(texts[where], t) for _, t in prepared.terms)
    }
    qualifier = _item_qualifier(claim)
    for profile, prepared in kept:
        words = prepared.label_stems.union(*(t for _, t in prepared.terms))
        if qualifier and words.isdisjoint(qualifier):
            continue  # "- Secondary: ... 73.6 per cent restricting": secondary schools' share
        eligible.append(profile)
        found.append(_score(claim, prepared, texts, bool(named - {profile.key})))
    found = _period_named(claim, found, eligible)
    found = _nearest_period(claim, found, eligible)
    found = _nationality_fit(claim, found, eligible)
    found = _place_fit(claim, found, eligible)
    found = _in_range(claim, found, eligible)
    found = _kind_fit(claim, found, eligible)
    found = _thing_fit(claim, found, eligible)
    found = _baseline_fit(claim, found, eligible)
    found = _span_fit(claim, found, eligible)
    found = _side_fit(claim, found, eligible)
    found = _event_fit(claim, found, eligible)
    found = _target_fit(claim, found, eligible)
    found = _flow_fit(claim, found, eligible)
    found = _contrast(found, eligible, set(counted), set(counted) | set(sentence))
    # A quantity in the figure's own unit, when one fits, beats one it converts to: "137,000
    # square kilometres" is the area in square kilometres a catalogue keeps beside hectares
    if any(c.score > 0 and p.unit == claim.unit for c, p in zip(found, eligible, strict=True)):
        found = [
            Candidate(c.key, round(c.score * OTHER_UNIT, 2), (*c.reasons, f"in {p.unit}"))
            if c.score > 0 and p.unit != claim.unit
            else c
            for c, p in zip(found, eligible, strict=True)
        ]
    # A figure that names a narrower scope in what it counts ("British citizens have
    # returned"), fitting a scoped quantity well, fits the unscoped ones ("Europeans") less.
    narrower = any(
        c.score >= THRESHOLD and any(_contains(counted, r) for r in _prepare(p).requires)
        for c, p in zip(found, eligible, strict=True)
    )
    if narrower:
        found = [
            c
            if _prepare(p).requires
            else Candidate(c.key, round(c.score / 2, 2), (*c.reasons, "a narrower scope is named"))
            for c, p in zip(found, eligible, strict=True)
        ]
    return sorted((c for c in found if c.score > 0), key=lambda c: (-c.score, c.key))


PLACE_POINTS = 1.0  # what the quantity's place, named for the figure, adds
OTHER_UNIT = 0.5  # a quantity in another unit of the measure, when one in the figure's fits
PERIOD_POINTS = 1.0  # what the quantity's period, named in the figure's sentence, adds
EARLIER_DAY = 0.5  # a one-day quantity before the figure's date, when another's span holds it
WIDER_PLACE = 0.6  # a quantity of a wider place, when another is of the figure's own place
INFERRED_NARROWER = 0.6  # a quantity of a place inside the article's, for an undated place


def _relation(claim_place: str, quantity_place: str | None) -> str:
    """How a quantity's place stands to the figure's: same, wider (it contains the figure's, or
    is written for it: "Europe" for the EU), any (it has none), or other (narrower or
    elsewhere)."""
    from provenance.places import loosely_same, nests

    if quantity_place is None:
        return "any"
    if quantity_place.casefold() == claim_place.casefold():
        return "same"
    wider = nests(claim_place, quantity_place) or loosely_same(claim_place, quantity_place)
    return "wider" if wider else "other"


_TARGET_WORDS = r"(?:target|goal|threshold|benchmark|aim|ambition)"
_TARGET_BEFORE = re.compile(
    rf"\b{_TARGET_WORDS}s?\s+(?:of|is|was|at|to reach|to hit)\s+(?:about\s+|around\s+|some\s+)?$",
    re.I,
)
_TARGET_AFTER = re.compile(
    rf"^\s*(?:[\w-]+\s+){{0,2}}{_TARGET_WORDS}\b"
    r"|^[^.;]{0,80}?\b(?:is|are|was|were|be)\s+(?:needed|required|recommended|necessary)\b",
    re.I,
)


def is_target(claim: ClaimText) -> bool:
    """Whether the figure is a target or a threshold, not a measurement ("the 95% that the
    WHO says is needed", "a target of 90%").

    >>> text = "Uptake was 84.5%, short of the 95% the WHO says is needed."
    >>> [is_target(ClaimText(1, "percent", None, text, figure_start=s, figure_end=e))
    ...  for s, e in ((11, 16), (31, 34))]
    [False, True]
    """
    if claim.sentence is None or claim.figure_start is None or claim.figure_end is None:
        return False
    before = claim.sentence[max(0, claim.figure_start - 40) : claim.figure_start]
    after = claim.sentence[claim.figure_end :]
    if _TARGET_BEFORE.search(before):
        return True
    found = _TARGET_AFTER.match(after)
    # "84.5%, short of the 95% ... is needed": past another figure, the words are its
    return found is not None and not _ANOTHER_NUMBER.search(found[0])


_ANOTHER_NUMBER = re.compile(r"\d")


def _target_fit(
    claim: ClaimText, found: list[Candidate], eligible: list[Profile]
) -> list[Candidate]:
    """A target or threshold is not a measurement, whatever its words: it is left out of the
    quantities that are not targets themselves."""
    if not is_target(claim):
        return found
    return [
        c
        if c.score <= 0 or re.search(_TARGET_WORDS, p.label, re.I)
        else Candidate(c.key, 0.0, (*c.reasons, "a target, not a measure"))
        for c, p in zip(found, eligible, strict=True)
    ]


# Words that make a figure a flow within a window, or a correction, not a level of a running
# total: "a further 56 cases", "new infections in the past week", "34 cases discarded".
_FLOW = re.compile(
    r"\b(?:new|further|additional|extra|another|removed|discarded|withdrawn|deducted|"
    r"reclassified|added|"
    r"(?:over|in|during) the (?:past|previous|last|preceding) (?:\w+ )?(?:days?|weeks?|fortnight|"
    r"months?)|this week|that week|a week earlier|"
    # not a publication's or a briefing's rhythm: "the weekly Mayotte Hebdo reported 40
    # confirmed deaths", "said in its daily briefing that the toll was 510"
    r"(?:weekly|daily)(?!\s+(?:(?-i:[A-Z])|newspapers?|papers?|briefings?|bulletins?|updates?|"
    r"reports?|press|news|magazines?|tabloids?|editions?|sitreps?)))\b",
    re.I,
)


UNNAMED_LABEL = 0.5  # a close rival whose own label words are absent, when the best's are there


def _contrast(
    found: list[Candidate], eligible: list[Profile], counted: set[str], words: set[str]
) -> list[Candidate]:
    """Between close rivals, the words that tell their labels apart decide: "killed by the
    Camp fire" names "camp", which "People killed in the Camp Fire, Butte County" has and
    "People killed in the Woolsey Fire" lacks, while "woolsey" is nowhere; the Woolsey
    quantity then counts :data:`UNNAMED_LABEL` of its score. Only rivals within
    :data:`MARGIN` of the best are compared, each with the best."""
    scored = [(c, p) for c, p in zip(found, eligible, strict=True) if c.score > 0]
    if len(scored) < 2:
        return found
    best, best_profile = max(scored, key=lambda pair: pair[0].score)
    own = _prepare(best_profile).label_stems
    weaker: dict[str, tuple[float, str]] = {}
    for candidate, profile in scored:
        if candidate.key == best.key or best.score >= MARGIN * candidate.score:
            continue
        theirs = _prepare(profile).label_stems
        named, unnamed = (own - theirs) & counted, theirs - own
        # ... or the rival's label is the best's with more words, none of them written: "staff
        # on strike" against "staff essential to running trains on strike"
        if (named or (own and own < theirs)) and unnamed and not unnamed & words:
            weaker[candidate.key] = (
                UNNAMED_LABEL,
                f"{', '.join(sorted(unnamed))} unnamed, {', '.join(sorted(named))} named",
            )
        elif theirs and theirs < own and not (own - theirs) & words:  # the best is wordier
            weaker[best.key] = (UNNAMED_LABEL, f"{', '.join(sorted(own - theirs))} unnamed")
    return [
        Candidate(c.key, round(c.score * weaker[c.key][0], 2), (*c.reasons, weaker[c.key][1]))
        if c.key in weaker
        else c
        for c in found
    ]


def _flow_fit(claim: ClaimText, found: list[Candidate], eligible: list[Profile]) -> list[Candidate]:
    """A figure its words make a flow ("a further 56", "new in the past week") is not a level
    of a running total, unless it says it is the total: it is left out of those; a correction
    ("34 cases discarded") is left out of every quantity that does not count corrections."""
    lead = (_lead(claim) or "")[-30:]
    # near the figure: "56 new cases this week", not "died in the floods that tore through
    # western Germany this week", when the event happened
    words = f"{lead} {' '.join((claim.counted or '').split()[:6])}"
    if not _FLOW.search(words) or running_total(claim.counted):
        return found
    correction = _CORRECTION.search(words) is not None  # a count of none: of cases taken off
    return [
        Candidate(c.key, 0.0, (*c.reasons, "a correction" if correction else "a flow"))
        if (p.cumulative or correction) and c.score > 0 and not _FLOW.search(p.label)
        else c
        for c, p in zip(found, eligible, strict=True)
    ]


_CORRECTION = re.compile(r"\b(?:removed|discarded|withdrawn|deducted|reclassified)\b", re.I)


ITEM_POINTS = 6.0  # a term in a list item's own words: twice its heading's (see _score)
# A participle right before the figure, whose object it is: "arrested over 1,000 people"
_KIND_VERB = re.compile(
    r"\b(\w+ed)\s+(?:(?:over|about|around|some|nearly|almost|roughly|more than|at least|"
    r"fewer than|up to)\s+)?$",
    re.I,
)
_LIST_ITEM = re.compile(r"\s*(?:[-•*–]|\d{1,2}[.)])\s+")
OTHER_KIND = 0.3  # a quantity counting another kind of thing (arrests, not marchers)
KIND_POINTS = 2.0  # one counting the kind the figure's words name (deaths: "a toll of 373")


def _kind_fit(claim: ClaimText, found: list[Candidate], eligible: list[Profile]) -> list[Candidate]:
    """A figure whose own words name one kind of count ("people had been arrested") fits a
    quantity whose label names another kind ("people who marched") poorly, whatever words
    they share: it counts :data:`OTHER_KIND`."""
    found = _subgroup_fit(claim, found, eligible)
    if claim.unit not in ("count", "percent"):
        return found  # "71.53 billion yuan", beside "69 deaths and losses": money, not people
    # "confirmed cases" against "suspected cases"; but "the confirmed toll" counts deaths
    # where no quantity's label says how sure its count is
    case = _case_kind(claim.counted)
    if case is not None and not any(_case_kind(p.label) for p in eligible):
        case = None
    # "the fire killed 112 workers": the kind named in the words leading to the figure
    outcome = count_kind(claim.counted) or count_kind((_lead(claim) or "")[-60:])
    kind = case or outcome
    verb = _KIND_VERB.search(_lead(claim) or "")
    if kind == "crowd" and verb and count_kind(verb[1]) not in (None, "crowd"):
        # "Police have arrested over 1,000 people at the protests": the arrested, not the crowd
        kind = count_kind(verb[1])
    if kind is None:
        return found
    kept = []
    # the one quantity counting the kind the figure names: evidence even with no term shared
    # (one family: its members differ only by place, which is chosen later)
    # (one family: its members differ only by place, which is chosen later; a variant, by
    # definition, which :func:`_definition` chooses)
    families = {p.key: p.family_key for p in eligible}
    # ("two civilian divers also died" counts no quantity of everyone's deaths)
    part = _part_counted(claim)
    alike = {
        _base(p, families)
        for p in eligible
        if kind in _OUTCOMES and _label_kind(p.label) == kind and _label_subgroup(p.label) == part
    }
    for candidate, profile in zip(found, eligible, strict=True):
        other = _label_kind(profile.label)
        if kind in ("confirmed", "suspected"):
            other = _case_kind(profile.label)
        if alike == {_base(profile, families)}:
            # "a toll of 373", "491 deaths": what the figure counts is what the quantity's
            # label names, whatever its terms say ("died", "killed")
            candidate = Candidate(
                candidate.key,
                round(candidate.score + KIND_POINTS, 2),
                (*candidate.reasons, f"it counts {kind}, as the figure does"),
            )
        elif candidate.score > 0 and other is not None and other != kind:
            candidate = Candidate(
                candidate.key,
                round(candidate.score * OTHER_KIND, 2),
                (*candidate.reasons, f"it counts {other}, the figure {kind}"),
            )
        elif (
            candidate.score > 0
            and outcome in _OUTCOMES
            and _label_kind(profile.label) is None
            and not _names_a_kind(profile.label, profile.terms)
        ):  # "112 workers died" is no count of a workforce, whatever words they share; nor
            # are "three people confirmed dead" a count of the people aboard
            candidate = Candidate(
                candidate.key,
                round(candidate.score * OTHER_KIND, 2),
                (*candidate.reasons, f"the figure counts {outcome}, it no kind of event"),
            )
        kept.append(candidate)
    return kept


# What a period usually sees, set against the event's count: "about 130 in a normal four-day
# period", "roughly 165 deaths would normally be expected", "the usual number"
_BASELINE = re.compile(
    r"\b(?:normal(?:ly)?|usual(?:ly)?|typical(?:ly)?|on average|would (?:normally )?expect|"
    r"(?:would|could) have been expected|expected in)\b",
    re.I,
)
_BASELINE_LABEL = re.compile(r"\b(?:normal|usual|expected|baseline|average|excess|typical)\b", re.I)


def _baseline_fit(
    claim: ClaimText, found: list[Candidate], eligible: list[Profile]
) -> list[Candidate]:
    """A figure of what a period usually sees ("against about 130 in a normal four-day
    period") is no count of the event, whatever words they share: it is left out of every
    quantity whose label names no baseline, excess or average."""
    end = claim.figure_end or 0
    near = f"{(_lead(claim) or '')[-25:]} {(claim.sentence or '')[end : end + 45]}"
    if not _BASELINE.search(near):
        return found
    return [
        Candidate(c.key, 0.0, (*c.reasons, "what is usual"))
        if c.score > 0 and not _BASELINE_LABEL.search(p.label)
        else c
        for c, p in zip(found, eligible, strict=True)
    ]


_SINCE = re.compile(r"\b(?:since|so far|to date|in all|in total)\b", re.I)


def _span_fit(claim: ClaimText, found: list[Candidate], eligible: list[Profile]) -> list[Candidate]:
    """A figure its words make a running count ("killed since the military coup", "so far")
    fits a quantity of one day's count (a period of one day, no running total) poorly:
    :data:`OTHER_KIND`."""
    if not _SINCE.search(claim.counted or ""):
        return found
    return [
        Candidate(
            c.key, round(c.score * OTHER_KIND, 2), (*c.reasons, "one day's, the figure a span's")
        )
        if c.score > 0 and p.period and p.period[0] == p.period[1] and not p.cumulative
        else c
        for c, p in zip(found, eligible, strict=True)
    ]


def _side_fit(claim: ClaimText, found: list[Candidate], eligible: list[Profile]) -> list[Candidate]:
    """A figure of one side of a vote ("No won 55.3%") fits a quantity whose label names the
    other side ("Share of the vote for Yes") poorly: :data:`OTHER_KIND`; so does a share for
    one candidate or party ("Erdogan won 49.5%") a quantity whose label names another."""
    if claim.side is None and claim.named is None:
        return found
    kept = []
    for candidate, profile in zip(found, eligible, strict=True):
        own = _label_side(profile.label)
        side = claim.side
        if side is None and claim.named:  # a named side: "Erdogan won 49.5%"
            names = _label_names(profile.label)
            own = None if not names or claim.named in names else sorted(names)[0]
            side = claim.named
        if candidate.score > 0 and own is not None and own != side:
            candidate = Candidate(
                candidate.key,
                round(candidate.score * OTHER_KIND, 2),
                (*candidate.reasons, f"it counts {own.title()}, the figure {(side or '').title()}"),
            )
        kept.append(candidate)
    return kept


@lru_cache(maxsize=4096)
def _label_names(label: str) -> frozenset[str]:
    """The names a quantity's label gives, lower-cased (not its first word, its places or
    words that open sentences): "Vote share of Erdogan in the run-off" gives erdogan.

    >>> sorted(_label_names("Social Democrats share of the vote"))
    ['democrats', 'social democrats']
    """
    from provenance.places import find_places

    places = {w for p in find_places(label) for w in label[p.start : p.end].split()}
    words = [
        m[0]
        for m in _NAME_TOKEN.finditer(label)
        if m.start() > 0
        and m[0] not in places
        and re.sub(r"['’]s$", "", m[0]).lower() not in _NOT_A_SIDE_NAME
    ]
    # each name by itself, and a party's by its whole name ("Share of the Sweden Democrats");
    # a name of several words opening the label is one ("Social Democrats share of the vote")
    opening = _NAME_RUN.match(label)
    whole = {_side_name(opening[0])} if opening and len(opening[0].split()) > 1 else set()
    return (
        frozenset(_side_name(w) for w in words)
        | ({_side_name(" ".join(words))} if len(words) > 1 else set())
        | whole
    )


@lru_cache(maxsize=4096)
def _label_side(label: str) -> str | None:
    """The one side of a vote a quantity's label names ("Yes share", "Votes for No")."""
    sides = {
        m[1].lower() for m in _SIDE_WORD.finditer(label) if not _NOT_A_SIDE.match(label, m.start())
    }
    return sides.pop() if len(sides) == 1 else None


def _base(profile: Profile, families: dict[str, str]) -> str:
    """The family a quantity belongs to with its variants: a variant's is that of the quantity
    it varies (``families``: each quantity's family, by key)."""
    if profile.variant_of is None:
        return profile.family_key
    return families.get(profile.variant_of, profile.variant_of)


_OUTCOMES = frozenset(("deaths", "injured", "missing", "arrests"))  # what events do to people


@lru_cache(maxsize=4096)
def _names_a_kind(label: str, terms: tuple[str, ...]) -> bool:
    """Whether a quantity's label or terms name any kind of count (deaths, arrests, a crowd)."""
    words = stems(" ".join((label, *terms)))
    return (
        any(w in _KIND_OF for w in words)
        or _KIND_PHRASES.search(" ".join(terms)) is not None
        or _VICTIMS.search(label) is not None  # "Male victims of the crash": an event's people
    )


_VICTIMS = re.compile(r"\bvictims?\b", re.I)


@lru_cache(maxsize=4096)
def _label_kind(label: str) -> str | None:
    # "People charged after the protests": the protests are what it counts after, not a crowd
    return count_kind(_LABEL_CAUSE.split(label, maxsplit=1)[0]) or count_kind(label)


# Men are a part counted apart only beside women: "About 900 men had travelled" is everyone.
_MEN, _WOMEN = re.compile(r"\bmen\b", re.I), re.compile(r"\bwomen\b", re.I)
_AMONG = re.compile(r"\s*(?:among|for|of)\s+(?P<who>[^,;:]{3,60}),", re.I)


def _part_counted(claim: ClaimText) -> str | None:
    """The part of a population a figure counts ("431 police officers"), if it names one."""
    part = subgroup(claim.counted)
    if part is None and _MEN.search(claim.counted or "") and _WOMEN.search(claim.sentence or ""):
        part = "men"  # "jobless men rose by 30,796 ..., while 28,648 more women": one sex
    among = _AMONG.match(claim.sentence or "")
    if part is None and among and among.end() <= (claim.figure_start or 0):
        part = subgroup(among["who"])  # "Among those aged 16 to 24, the rate jumped to 55%"
    return part


def _subgroup_fit(
    claim: ClaimText, found: list[Candidate], eligible: list[Profile]
) -> list[Candidate]:
    """A figure counting a part of a population ("431 police officers were hurt") fits a
    quantity of all of it ("people injured") or of another part poorly: :data:`OTHER_KIND`;
    a quantity of that part fits, and a figure of no part fits a quantity of one poorly."""
    part = _part_counted(claim)
    kept = []
    for candidate, profile in zip(found, eligible, strict=True):
        own = _label_subgroup(profile.label)
        if candidate.score > 0 and own != part and (part is not None or own is not None):
            candidate = Candidate(
                candidate.key,
                round(candidate.score * OTHER_KIND, 2),
                (
                    *candidate.reasons,
                    f"it counts {own or 'everyone'}, the figure {part or 'everyone'}",
                ),
            )
        kept.append(candidate)
    return kept


# Where a label stops naming who it counts: "Votes lost to police closures" counts no police.
_LABEL_CAUSE = re.compile(
    r"\b(?:by|from|in|at|during|after|since|because|due to|owing to|lost to)\b", re.I
)


@lru_cache(maxsize=4096)
def _label_subgroup(label: str) -> str | None:
    head = _LABEL_CAUSE.split(label, maxsplit=1)[0]
    if subgroup(head) is None and _MALE.search(head):
        return "men"  # "Male victims of the crash": one sex, as "84 men" beside "85 women" is
    return subgroup(head)


_MALE = re.compile(r"\b(?:male|males|men)\b", re.I)


# Cases counted by how sure they are: confirmed cases and probable ones are two counts.
_CASE_KINDS = {"confirmed": "confirmed", "probable": "suspected", "suspected": "suspected",
               "possible": "suspected", "likely": "suspected"}  # fmt: skip


def _case_kind(text: str | None) -> str | None:
    """ "confirmed" or "suspected" when a description says how sure its count is, one way."""
    found = {
        _CASE_KINDS[w] for w in re.findall(r"[a-z]+", (text or "").lower()) if w in _CASE_KINDS
    }
    return found.pop() if len(found) == 1 else None


OUTSIDE_RANGE = 0.5  # a quantity whose declared range misses the figure, when another's holds it


def _in_range(claim: ClaimText, found: list[Candidate], eligible: list[Profile]) -> list[Candidate]:
    """Ranges a catalogue declares tell apart quantities whose words are alike ("the retirement
    age from 62 to 64": ages 60–62 before the reform, 63–65 after). When the figure lies
    within one fitting quantity's range, the fitting ones whose range misses it count
    :data:`OUTSIDE_RANGE`; a figure no range holds is left to the other evidence."""
    if claim.value is None:
        return found

    def holds(profile: Profile) -> bool | None:
        value = _value_in(claim, profile)
        if profile.expected is None or value is None:
            return None
        low, high = profile.expected
        return (low is None or low <= value) and (high is None or value <= high)

    fits = [holds(p) if c.score > 0 else None for c, p in zip(found, eligible, strict=True)]
    if True not in fits:
        return found
    return [
        Candidate(c.key, round(c.score * OUTSIDE_RANGE, 2), (*c.reasons, "outside its range"))
        if fit is False
        else c
        for c, fit in zip(found, fits, strict=True)
    ]


def _period_named(
    claim: ClaimText, found: list[Candidate], eligible: list[Profile]
) -> list[Candidate]:
    """A quantity whose period the figure's sentence names (the figure's period lies within
    it) gains :data:`PERIOD_POINTS`: a date named is evidence, as a term is."""
    if not claim.period_stated or claim.period is None:
        return found
    start, end = claim.period
    named = [
        c.score > 0 and p.period is not None and p.period[0] <= start and end <= p.period[1]
        for c, p in zip(found, eligible, strict=True)
    ]
    # ... and one of a day before it, against one whose span holds the figure's date, counts
    # half: "765 killed" as of 2 May is the toll since the coup, not 14 March's
    earlier = [
        any(named) and not n and p.period is not None and p.period[0] == p.period[1] < start
        for p, n in zip(eligible, named, strict=True)
    ]
    return [
        Candidate(c.key, round(c.score + PERIOD_POINTS, 2), (*c.reasons, f"its period {start}"))
        if n
        else Candidate(c.key, round(c.score * EARLIER_DAY, 2), (*c.reasons, "a day before it"))
        if e
        else c
        for c, n, e in zip(found, named, earlier, strict=True)
    ]


def _place_fit(
    claim: ClaimText, found: list[Candidate], eligible: list[Profile]
) -> list[Candidate]:
    """Quantities of the figure's place first. A family is judged by its best member (it can
    take a member for any place); between families, a quantity of the figure's own place adds
    :data:`PLACE_POINTS` when its sentence names it, one of a wider place then counts
    :data:`WIDER_PLACE`, and one of another place is left out. A place read from the article,
    not the sentence, only ranks: another place's quantity counts half."""
    if claim.place is None:
        return found
    from provenance.places import nests

    rank = {"same": 0, "any": 1, "wider": 1, "other": 2}
    by_family: dict[str, int] = {}
    relation: dict[str, str] = {}
    for candidate, profile in zip(found, eligible, strict=True):
        relation[candidate.key] = _relation(claim.place, profile.place)
        if candidate.score > 0:
            family = profile.family_key
            by_family[family] = min(by_family.get(family, 2), rank[relation[candidate.key]])
    if not by_family or min(by_family.values()) == 2:
        return found  # no quantity of this place: proposals decide
    best = min(by_family.values())
    kept = []
    for candidate, profile in zip(found, eligible, strict=True):
        fit = by_family.get(profile.family_key, 2)
        score, reasons = candidate.score, candidate.reasons
        if score <= 0:
            pass
        elif claim.place_inferred:  # a guess: only a place apart from the article's counts less
            if fit == 2:
                narrower = bool(profile.place and nests(profile.place, claim.place))
                score = score * (INFERRED_NARROWER if narrower else 0.5)
                reasons = (*reasons, f"not of {claim.place}")
        elif fit == 2:
            score, reasons = 0.0, (*reasons, f"not of {claim.place}")
        elif relation[candidate.key] == "same":
            score, reasons = score + PLACE_POINTS, (*reasons, f"place {claim.place} named")
        elif fit > best and relation[candidate.key] == "wider":
            score, reasons = score * WIDER_PLACE, (*reasons, f"a place wider than {claim.place}")
        kept.append(Candidate(candidate.key, round(score, 2), reasons))
    return kept


_BY_NATIONALITY = re.compile(r"\bby (?:nationality|citizenship|country of origin)\b", re.I)
NO_NATIONALITY = 0.0  # a quantity by nationality, for a figure whose sentence names none


def _nationality_fit(
    claim: ClaimText, found: list[Candidate], eligible: list[Profile]
) -> list[Candidate]:
    """A quantity counted by nationality ("Costa Concordia dead by nationality", its members
    Italy, Germany, ...) fits a figure whose place is only its article's ("- Jan. 22: 13 dead",
    in a story from Italy) less: that place says where, not whose."""
    if not claim.place_inferred:
        return found
    return [
        Candidate(c.key, round(c.score * NO_NATIONALITY, 2), (*c.reasons, "a count by nationality"))
        if c.score > 0 and _BY_NATIONALITY.search(p.label)
        else c
        for c, p in zip(found, eligible, strict=True)
    ]


EVENT_REPORTED_WITHIN = 2  # days after a one-day event an undated figure may still be its


def _days_apart(claim: ClaimText, profile: Profile) -> int | None:
    """How many days the claim's period lies after the period the quantity counts (0 within
    it; for a quantity of no period, 0); ``None`` when it cannot be about that period: a
    period its sentence names that neither lies within it nor contains it (the four weeks
    since 15 January are not February), or an article dated before the period began. An
    undated figure may be of any earlier period ("Katrina killed 1,833"); among several, the
    nearest before its article is preferred (:func:`_nearest_period`). A running count "since"
    a day takes no figure for a window that starts later (a month's, four weeks'), and a
    period read from a quantity's label, not declared, lets an undated figure in whenever it
    was printed after the period began."""
    if profile.period is None or claim.period is None:
        # a quantity with no period declared is the news's, not what its sentence dates
        # years before: an event's toll is not another event's ("the Elbe floods of 2002
        # claimed 21 lives", in 2021), a strike rate not a strike's of 1995 ("At the height
        # of the 1995 strikes, 85% of drivers walked out", in 2018)
        return None if claim.history else 0
    first, last = profile.period
    start, end = claim.period
    if profile.cumulative and first == last and start >= first:
        # the toll of the 12 January earthquake, "as reported last week"; beside a running
        # total whose span holds the figure's date, the nearer fits (:func:`_nearest_period`):
        # "614 killed by Thursday", in April, is the toll since the coup, not 27 March's
        apart = (start - first).days
        return 0 if apart <= EVENT_REPORTED_WITHIN else apart
    if claim.period_stated and last == date.max and start != end and start != first:
        if start > first:  # "cases since 1 October" is not a month's or four weeks' count
            return None
        if end >= first:  # "the fire in June killed 71": the month names the event, not the count
            return 0
    if profile.cumulative and last != date.max and start >= first:
        return 0  # a running total as known when printed: August's floods' toll in September
    if (
        profile.cumulative
        and start < end
        and first <= end <= last
        and (first < last or start >= first)
    ):
        # the toll "since the monsoon began in June", as known on 21 August: August's (not
        # one day's: "its count since 1 February", on 27 March, is no toll of 27 March)
        return 0
    if claim.period_stated:  # within it, or around it ("last week", "in 2019"), not across it
        if first <= start and end <= last:
            return 0
        # a running total over a longer span ("the total since 1 October") is not a month's
        around = start <= first and last <= end and not running_total(claim.counted)
        return 0 if around else None
    if end < first:
        return None
    if profile.period_in_label or profile.cumulative:
        # "attackers of 13 November 2015", the toll of the 12 January earthquake: reported,
        # and revised, any time after
        return 0
    apart = max(0, (start - last).days)
    # a window shorter than the days a report takes to print (a crowd's, that day only)
    # narrows what counts as one time, not how late a report of that day may come out
    within = max(EVENT_REPORTED_WITHIN, profile.window_days or 0)
    if first == last and apart > within:
        # a day's event, and an undated figure in an article days later: another day's, unless
        # the catalogue says figures that far apart are of one time ("window_months = 6" for
        # a referendum's result, reported for weeks)
        return None
    return apart


def _nearest_period(
    claim: ClaimText, found: list[Candidate], eligible: list[Profile]
) -> list[Candidate]:
    """Of quantities that count different periods, a figure whose sentence names none fits
    the period nearest before its article best: the others count half."""
    if claim.period_stated or claim.period is None:
        return found
    apart = {  # among the quantities its words fit at all
        p.key: _days_apart(claim, p)
        for p, c in zip(eligible, found, strict=True)
        if p.period and c.score > 0
    }
    if len({d for d in apart.values() if d is not None}) < 2:
        return found
    nearest = min(d for d in apart.values() if d is not None)
    return [
        Candidate(c.key, round(c.score / 2, 2), (*c.reasons, "a period further back"))
        if apart.get(c.key, nearest) != nearest
        else c
        for c in found
    ]


def choose(candidates: Sequence[Candidate]) -> Candidate | None:
    """The candidate to link to, when one is clearly best; otherwise ``None``."""
    if not candidates:
        return None
    best, runner = candidates[0].score, (candidates[1].score if len(candidates) > 1 else 0.0)
    if best < THRESHOLD and not (best >= SOLE_THRESHOLD and best >= SOLE_MARGIN * runner):
        return None
    if best < MARGIN * runner:
        return None
    return candidates[0]


@dataclass(frozen=True, slots=True)
class Decision:
    """Where automatic linking puts a claim: the quantity ``key``; or, when its family has no
    member for the claim's place, a new member for ``place`` of ``family`` (``key`` is then
    ``None``); or nowhere (all ``None``). ``reasons`` say why."""

    key: str | None
    family: str | None = None
    place: str | None = None
    reasons: tuple[str, ...] = ()


_NUMBER_WORDS = "one two three four five six seven eight nine ten eleven twelve dozen hundred"
_PART_OF = re.compile(
    r"^\s*(?:of|out of)\s+(?:the|those|these|its|their|all)?\s*"
    r"(?:about|some|around|nearly|roughly|more than)?\s*(?:\d|(?:"
    + "|".join(_NUMBER_WORDS.split())
    + r")\b)"
    # "826 of the dead had been handed over": some of an event's toll, not the toll
    r"|^\s*of\s+(?:the|those|these)\s+(?:dead|deaths|victims|bodies|injured|wounded|missing|"
    r"casualties|fatalities|deceased)\b",
    re.I,
)


# Words before a figure that make it a part of a figure before it: "Of those, 2,063 were hurt
# by gunfire, including 1,624 by pellets, 188 by rubber bullets"; "405 had eye injuries: 372
# with wounds and 33 who lost an eye". Only when no verb comes between them and the figure
# ("The total, including 300 from abroad, is 5,000" is the whole).
_PART_MARK = re.compile(
    r"(?:^|[,;(]\s*)(?:of|among)\s+(?:those|them|these|whom|which)\b|\bincluding\b"
    rf"|(?<=\d)\s+(?!(?:{'|'.join(calendar.month_name[1:])})\b)[^.;:\d()]{{1,80}}:",
    re.I,
)
_VERB_BETWEEN = re.compile(
    r"\b(?:is|was|were|are|has|have|had|stood|stands|reach|reached|rose|fell|totals?|totalled|"
    r"said|says|could|would|will|may|might)\b",
    re.I,
)


def part_of_whole(claim: ClaimText) -> bool:
    """Whether the figure counts part of a whole its sentence states ("two of the 19 he
    interviewed", "seven out of 129"): a count of that subgroup, not of the whole.

    >>> part_of_whole(ClaimText(1, "count", None, "Two of the 19 he met returned.", figure_end=3))
    True
    >>> part_of_whole(ClaimText(1, "count", None, "About 1,200 of them returned.", figure_end=11))
    False
    >>> part_of_whole(ClaimText(1, "count", None, "826 of the dead were buried.", figure_end=3))
    True
    >>> part_of_whole(ClaimText(1, "count", None, "24 of those deaths in Euskirchen", figure_end=2))
    True

    What befell the part, said just before it, is what it counts: "killing 179 of the 181
    people aboard" is the toll, not a subgroup of those aboard.

    >>> text = "The jet crashed, killing 179 of the 181 people aboard."
    >>> part_of_whole(ClaimText(1, "count", None, text, figure_start=25, figure_end=28))
    False
    """
    if claim.sentence is None or claim.figure_end is None:
        return False
    start = claim.figure_start
    if start is not None and _BEFALL.search(claim.sentence, max(0, start - 30), start):
        return False
    return _PART_OF.match(claim.sentence[claim.figure_end :]) is not None


_BEFALL = re.compile(
    r"\b(?:killing|killed|kills|injuring|injured|wounding|wounded)\s+"
    r"(?:(?:at least|about|some|nearly|almost|all but)\s+)?$",
    re.I,
)


def _placed_part(claim: ClaimText, members: Sequence[Profile]) -> bool:
    """Whether a part of a stated whole is the part in one place, its family's member for it:
    "28 of the deaths were in Cabo Delgado province" is Cabo Delgado's toll."""
    if not claim.place or claim.place_inferred or len(members) < 2:
        return False
    bare = _DIVISION_WORD.sub("", claim.place).casefold()
    return any(_DIVISION_WORD.sub("", m.place or "").casefold() == bare for m in members)


def part_of(sentence: str | None, start: int | None, end: int | None) -> bool:
    """Whether the figure at ``sentence[start:end]`` counts a part: of a whole its sentence
    states after it (:func:`part_of_whole`), or of a figure before it ("Of those, 2,063 were
    hurt by gunfire, including 1,624 by pellets"). Such a figure is grouped into no proposal:
    with no catalogue, only its kind would group it, and it would be taken for its whole's
    rival. (With a catalogue, a quantity's words may name the part: "by gunfire".)

    >>> part_of("Of those, 2,063 were hurt, including 1,624 by pellets.", 37, 42)
    True
    >>> part_of("The total, including 300 from abroad, is 5,000.", 41, 46)
    False

    A day's count beside another day's is a part of the toll too: "Three people died on
    Saturday and eight on Sunday".

    >>> text = "Three people died on Saturday and eight on Sunday, she said."
    >>> part_of(text, 0, 5), part_of(text, 34, 39), part_of("Three died on Saturday.", 0, 5)
    (True, True, False)
    >>> text = "It counted 62,359 on October 7 and 87,725 displaced on October 11."
    >>> part_of(text, 35, 41)  # the day of the count, not of its events
    False
    >>> text = "750 were held by Saturday, up from 682 on Friday and 428 on Thursday."
    >>> part_of(text, 52, 55)  # what the running count stood at before
    False
    """
    if sentence is None or start is None or end is None:
        return False
    if _PART_OF.match(sentence[end:]) is not None or _per_day(sentence, end):
        return True
    if breakdown(sentence, start):
        return True
    marks = list(_PART_MARK.finditer(sentence, max(0, start - 200), start))
    if not marks:
        return False
    between = sentence[marks[-1].end() : start]  # from the nearest mark
    return (
        len(between) <= 80
        and not re.search(r"[.;:]", between)
        and not _VERB_BETWEEN.search(between)
    )


# A figure, then in brackets the figures it is made of: "7 (5 from storm surge, 2 from wind)"
_BRACKETED_AFTER_FIGURE = re.compile(r"(?P<whole>\d[\d,]*)\s*\((?P<inside>[^()]*)$")
_WHOLE_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d.])|(?<![\d.,])\d+(?![\d.,]\d)")


def breakdown(sentence: str, start: int) -> bool:
    """Whether the figure at ``start`` is one of the parts, in brackets right after a figure,
    that add up to it: "- Florida: 7 (5 from storm surge, 2 from wind)".

    >>> text = "- Florida: 7 (5 from storm surge, 2 from wind)"
    >>> breakdown(text, 14), breakdown(text, 34), breakdown("It was 12 (up from 9).", 17)
    (True, True, False)
    """
    opened = _BRACKETED_AFTER_FIGURE.search(sentence, max(0, start - 120), start)
    if opened is None:
        return False
    close = sentence.find(")", start)
    inside = opened["inside"] + sentence[start : close if close >= 0 else len(sentence)]
    parts = [int(n.replace(",", "")) for n in _WHOLE_NUMBER.findall(inside)]
    return len(parts) >= 2 and sum(parts) == int(opened["whole"].replace(",", ""))


# The sides of a vote, by the words ballots and reports name them, with their opposites: a
# share of the vote is a share for one side, and two sides' shares are two quantities.
_SIDES = {"yes": "no", "no": "yes", "leave": "remain", "remain": "leave", "oui": "non",
          "non": "oui", "sí": "no", "oxi": "nai", "nai": "oxi", "for": "against",
          "against": "for"}  # fmt: skip
_SIDE_WORD = re.compile(r"\b(Yes|No|Leave|Remain|Oui|Non|Sí|Oxi|OXI|Nai|NAI)\b")
# "No figures were given", "No one": a determiner, not the side
_NOT_A_SIDE = re.compile(r"No\s+(?:one|longer|more|other|[a-z]+s\b)")
_SIDE_AFTER = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:of\s+(?:the\s+)?(?:votes?|ballots?)\s+)?"
    r"(?:(?:for|to|backed|backing|in favour of)\s+(?:the\s+)?)?[\"“']?"
    r"(Yes|No|Leave|Remain|Oui|Non|Sí|Oxi|OXI|Nai|NAI)\b(?![-'’]\w)"
)
# "Women were 72.1% Yes and men 65.9%": the next figure of a parallel list, its side left out
_AND_THE_NEXT = re.compile(r"^\s*,?\s*(?:and|while|with)\s+(?:[\w-]+\s+){0,3}$", re.I)
_TO_THE_OTHER = re.compile(
    r"^\s*(?:%|per\s*cent|percent|pc)?(?:\s+of\s+the\s+vote)?\s*,?\s*(?:to|against|versus|vs\.?)\s+$",
    re.I,
)
_OR = re.compile(r"^\s*(?:votes?|ballots?)?\s*,?\s*(?:or|that is|i\.e\.)\s*$", re.I)
_FIGURE_END = re.compile(r"\d[\d,.]*(?:\s*(?:%|per\s*cent|percent|pc))?", re.I)


def side_of(sentence: str | None, start: int | None, end: int | None) -> str | None:
    """The side of a vote a figure counts, lower-cased: named right after it ("44.7% for
    Yes"), or the last side named before it in its stretch of the sentence ("No won 55.3%",
    "and Yes 46%"); "No won by 55.8 per cent to 44.2 per cent" gives the second the other side.

    >>> text = "No won 55.3% of the vote to 44.7% for Yes, on a turnout of 84.6%."
    >>> side_of(text, 7, 12), side_of(text, 28, 33), side_of(text, 59, 64)
    ('no', 'yes', None)
    >>> text = "No won by 55.8 per cent to 44.2 per cent."
    >>> side_of(text, 10, 23), side_of(text, 27, 40)
    ('no', 'yes')
    >>> side_of("No figures were given, but 54% backed it.", 27, 30) is None
    True
    >>> text = "It projects 69.4% Yes and 30.4% No; women were 72.1% Yes and men 65.9%."
    >>> [side_of(text, text.index(f), text.index(f) + 5) for f in ("69.4", "30.4", "65.9")]
    ['yes', 'no', 'yes']
    """
    if sentence is None or start is None or end is None:
        return None
    reach = max(0, start - 300)  # the stretch read: a "sentence" may be a whole page
    if not _SIDE_WORD.search(sentence, reach, end + 80):
        return None
    after = _SIDE_AFTER.match(sentence, end)
    if after:
        return after[1].lower()
    figures = [m for m in _FIGURE_END.finditer(sentence, reach, start) if m.end() <= start]
    previous = figures[-1] if figures else None
    stretch_start = previous.end() if previous else 0
    taken = _SIDE_AFTER.match(sentence, stretch_start) if previous else None
    if taken:  # "44.7% for Yes, on a turnout of 84.6%": that side is the figure before's
        stretch_start = taken.end()
    if previous is not None and _TO_THE_OTHER.match(sentence[previous.end() : start]):
        before = side_of(sentence, previous.start(), previous.end())
        return _SIDES.get(before) if before else None
    if previous is not None and _OR.match(sentence[stretch_start:start]):
        return side_of(sentence, previous.start(), previous.end())  # "2,001,926 votes, or 55.3%"
    if taken and _AND_THE_NEXT.match(sentence[stretch_start:start]):
        return taken[1].lower()
    named = [
        m
        for m in _SIDE_WORD.finditer(sentence, stretch_start, start)
        if not _NOT_A_SIDE.match(sentence, m.start())
    ]
    # "54% of the vote and Yes 46%": only what lies since the figure before
    return named[-1][1].lower() if named else None


# A share of a vote given for a named side: "Erdogan won 49.5%", "Kilicdaroglu's 44.9%",
# "with Ogan on 5.2%", "49.5% for Erdogan".
_VOTE_WORDS = re.compile(
    r"\b(?:votes?|voted|ballots?|election|elected|run-?off|first round|second round|"
    r"referendum|plebiscite|candidates?)\b",
    re.I,
)
_NAME_TOKEN = re.compile(r"\b[A-Z][\w’'-]*[a-z][\w’'-]*\b")
_NAME_RUN = re.compile(r"\b[A-Z][\w’'-]*[a-z][\w’'-]*(?:\s+[A-Z][\w’'-]*[a-z][\w’'-]*)*")
_NAMED_AFTER = re.compile(
    r"\s*(?:%|per\s*cent|percent)?\s*(?:of\s+(?:the\s+)?(?:votes?|ballots?)\s+)?"
    r"(?:for|to)\s+(?:the\s+)?(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})"
)
_NOT_A_SIDE_NAME = frozenset(
    """the a an in on at by for of and but or as with while after before since during if when
    according about around nearly almost some more less than over under just only its their
    his her this that these those it he she they we state official officials police monday
    tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december today yesterday overall turnout
    preliminary final partial provisional early late results result""".split()  # noqa: SIM905
)


def named_side(sentence: str | None, start: int | None, end: int | None) -> str | None:
    """The named side of a vote a share counts, lower-cased, in a sentence about a vote: the
    name right after it ("49.5% for Erdogan"), or the last name in its stretch before it since
    the figure before ("Erdogan won 49.5% and Kilicdaroglu 44.9%"); places and the words that
    open sentences are no side. A person is kept by surname ("Recep Tayyip Erdogan" and
    "Erdogan" are one side), a party by its whole name (see :func:`_side_name`).

    >>> text = "Erdogan won 49.5% of the vote and Kilicdaroglu 44.9%, with turnout at 88.9%."
    >>> [named_side(text, text.index(f), text.index(f) + 5) for f in ("49.5", "44.9", "88.9")]
    ['erdogan', 'kilicdaroglu', None]
    >>> named_side("The poll put 52% behind Duda.", 13, 16) is None  # no name it is for
    True
    """
    from provenance.places import find_places

    if not sentence or start is None or end is None or not _VOTE_WORDS.search(sentence):
        return None
    after = _NAMED_AFTER.match(sentence, end)
    candidates: list[str] = []
    if after:
        candidates = [after["name"]]
    else:
        figures = list(_FIGURE_END.finditer(sentence, max(0, start - 200), start))
        stretch_start = figures[-1].end() if figures else max(0, start - 200)
        stretch = sentence[stretch_start:start]
        if re.search(r"[;:]", stretch):
            return None
        candidates = [m[0] for m in _NAME_RUN.finditer(stretch)]
    places = {p.name for p in find_places(sentence)} | {
        w for p in find_places(sentence) for w in sentence[p.start : p.end].split()
    }
    names = [
        c
        for c in candidates
        if c.split()[-1].rstrip("'’s").lower() not in _NOT_A_SIDE_NAME
        and c not in places
        and c.split()[-1] not in places
    ]
    if not names:
        return None
    return _side_name(names[-1])


# The last word of a party's name, which, unlike a person's surname, does not name it alone
# ("the Social Democrats" and "the Sweden Democrats" are two parties)
_PARTY_WORDS = frozenset(
    """democrats party alliance front union league movement coalition socialists liberals
    conservatives greens left right congress bloc moderates republicans""".split()  # noqa: SIM905
)


def _side_name(name: str) -> str:
    """A side's name as one key: a person by surname ("Recep Tayyip Erdogan" is Erdogan), a
    party by its whole name ("Sweden Democrats")."""
    words = [re.sub(r"['’]s?$", "", w) for w in name.split()]
    if words[0].lower() == "the":
        words = words[1:]
    if len(words) > 1 and words[-1].lower() in _PARTY_WORDS:
        return " ".join(words).lower()
    return words[-1].lower()


_POLL = re.compile(
    r"\b(?:polls?|polling|survey|surveys|surveyed|exit polls?)\b"
    r"(?!\s+(?:closed|opened|close|open))",  # "when polls closed": no poll's estimate
    re.I,
)


def _polled(claim: ClaimText) -> bool:
    """Whether the claim is a poll's estimate ("an average of the final opinion polls had put
    the Social Democrats on 24.4 percent"), not a count ("when polls closed")."""
    return bool(_POLL.search(claim.sentence or "") or _POLL.search(claim.counted or ""))


_ON_DAY = re.compile(
    r"\bon\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}(?!\d))\b"
    # "51 more deaths on Monday, 14 of them killed that day and 37 on earlier days"
    r"|\b(?:on\s+)?that\s+day\b|\bon\s+(?:earlier|previous|prior|other)\s+days\b"
)


def _per_day(sentence: str, end: int) -> bool:
    """Whether the figure ending at ``end`` is one day's, beside another day's figure in its
    sentence: its words up to "on <day>" hold no other figure, and another day is named."""
    own = _ON_DAY.search(sentence, end, end + 40)
    if own is None or re.search(r"\d|[;,]", sentence[end : own.start()]):
        return False
    if len({m.group() for m in _ON_DAY.finditer(sentence)}) < 2:
        return False
    # "counted 87,725 displaced on October 11": the day of the count, not of its events;
    # "The official toll has climbed slowly: 11 on the morning after, 22 on December 17":
    # what a running count stood at on each day
    first = re.search(r"\d", sentence)
    return not (
        _REPORTED_ON.search(sentence, max(0, end - 40), own.start())
        or (first is not None and _RUNNING_OPENING.search(sentence, 0, first.start()))
    )


_RUNNING_OPENING = re.compile(
    r"\b(?:toll|total|tally|count)\b[^.;]{0,40}\b(?:climbed|rose|risen|grew|grown|rising|"
    r"climbing|went up|increased)\b",
    re.I,
)


_REPORTED_ON = re.compile(
    r"\b(?:counted|reported|said|put|gave|recorded|announced|listed|registered|tallied|"
    r"estimated|stood|reached|rose|climbed|jumped|total|totalled|toll|from)\b",
    re.I,
)


def _value_in(claim: ClaimText, profile: Profile) -> float | None:
    """The figure's value in the quantity's unit (25,000 acres, against hectares: 10,117)."""
    if claim.value is None or claim.unit == profile.unit:
        return claim.value
    scale = factor(claim.unit, profile.unit)
    return None if scale is None else claim.value * float(scale)


def _implausible(claim: ClaimText, profile: Profile) -> str | None:
    """Why the figure's size does not fit the quantity: outside a range the catalogue declares
    by more than tenfold, or a hundredfold away from the figures linked to it already."""
    value = _value_in(claim, profile)
    if value is None or claim.unit == "percent" or value <= 0:
        return None
    for bounds, times, whose in (
        (profile.expected, 10.0, "the catalogue's range"),
        (profile.observed, 100.0, "its other figures"),
    ):
        if bounds is None:
            continue
        low, high = bounds
        if (low is not None and value * times < low) or (high is not None and value > high * times):
            shown = "–".join("…" if b is None else f"{b:g}" for b in (low, high))
            return f"{value:g} is far from {whose} ({shown})"
    return None


# A total over a country's divisions: "at least 52 dead across five Southeastern states".
_ACROSS_DIVISIONS = re.compile(
    r"\bacross (?:the |several |multiple |all |\w+ )?(?:[A-Z][\w-]+ )?"
    r"(?:states|provinces|prefectures|regions)\b"
    # "killed at least 115 people in six states"
    r"|\bin (?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple) "
    r"(?:states|provinces|prefectures|regions)\b"
)


# A count a country's leader or cabinet gives: "President William Ruto has put the number
# of people killed at 19" (not a governor's, a mayor's)
_NATIONAL_LEADER = re.compile(
    r"\b(?:President|Prime Minister|Premier|Chancellor|(?:Interior|Health|Home) Minister|"
    r"(?:Interior|Health|Home Affairs) Ministry)\b"
)


def _whole_country(claim: ClaimText, members: Sequence[Profile]) -> Profile | None:
    """The member for the country the family's places are in (the country member holding
    more of the others than any other country member does), when the claim's sentence says
    its count is national: a national body's, "nationwide"."""
    from provenance.places import NATIONAL, country_of, nests

    if not claim.sentence or not (
        NATIONAL.search(claim.sentence)
        or _ACROSS_DIVISIONS.search(claim.sentence)
        or _NATIONAL_LEADER.search(claim.sentence)
    ):
        return None
    countries = [m for m in members if m.place and country_of(m.place) == m.place]
    held = sorted(
        ((sum(nests(o.place or "", c.place or "") for o in members if o is not c), c.key, c)
         for c in countries),
        key=lambda entry: (-entry[0], entry[1]),
    )  # fmt: skip
    if not held or held[0][0] == 0 or (len(held) > 1 and held[1][0] == held[0][0]):
        return None
    return held[0][2]


_STRUCK = re.compile(
    r"\b(?:that|which)\s+(?:struck|hit|shook|rocked|devastated|ravaged|swept|battered|"
    r"flooded|tore through)\s+(?:[\w'’-]+\s+){0,3}$"
)
_FIGURE_IN = re.compile(r"(?<![\w.])\d")


_NEXT_FIGURE_PLACE = re.compile(
    r"['’]?s?\s+(?:(?:at|with|had|has|up to|close to|reported|recorded|about|nearly|some)\s+)*"
    r"(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten)\b)",
    re.I,
)


def _anothers_place(sentence: str, spot: int, start: int | None) -> bool:
    """Whether a place named before a figure is another figure's, named just before it, nearer
    to that one than to this: "the estimate of 10,000 dead given by local officials in Leyte
    was too high, and the toll was more likely 2,000 to 2,500" (Leyte is the 10,000's)."""
    from provenance.extract.context import ANOTHER_FIGURE

    if start is None or spot >= start:
        return False
    before = [f.start() for f in ANOTHER_FIGURE.finditer(sentence, max(0, spot - 60), spot)]
    return bool(before) and spot - before[-1] < start - spot


def _without_place(member: Profile) -> str:
    """A member's label without the place a family adds to it ("People killed, Hatay")."""
    suffix = f", {member.place}"
    if member.place and member.label.endswith(suffix):
        return member.label[: -len(suffix)]
    return member.label


# A row of a table or list: "Bay: 19", "- Gulf: 3"
_ITEM_LABEL = re.compile(
    r"\s*(?:[-•*]\s+)?([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})"
    r"(?: - [A-Z][^:;]{0,60})?:\s*\d"  # "St. Lucie County - Medical Examiner: 7"
)
_DIVISION_WORD = re.compile(
    r"\s+(?:County|Parish|Borough|District|Province|Prefecture|Governorate|Division|Regency)$"
)


def _member(claim: ClaimText, members: Sequence[Profile]) -> tuple[Profile | None, str]:
    """The member of a family the claim's place calls for, and why; ``None`` when it has none
    for that place (a member for it is then proposed) or the place is not stated and the
    family has several members."""
    place = (claim.place or "").casefold()
    item = _ITEM_LABEL.match(claim.sentence or "")
    if item is not None and len(members) > 1:
        # "Bay: 19", in a table of deaths by county: Bay County's, its division word left out
        # (and "St. Lucie County: 7" is the member for "St. Lucie")
        label = _DIVISION_WORD.sub("", item[1])
        short = [m for m in members if m.place and _DIVISION_WORD.sub("", m.place) == label]
        if len(short) == 1 and short[0].place != item[1]:
            return short[0], f"place {short[0].place} heads its row"
    if claim.sentence and len(members) > 1:
        # A member's own place named in the figure's sentence, nearer to it than the place
        # read for it, says more: the place read may be the article's, guessed ("killed by
        # the Camp fire climbed to 23, and 100 more were unaccounted for in Butte County", in
        # an article naming California more), or a place the gazetteer knows where the
        # member's is one it does not ("42 dead, the Camp fire in Butte County became the
        # deadliest wildfire in California's history").
        sentence, at = claim.sentence.casefold(), claim.figure_end or 0
        from provenance.extract.context import ANOTHER_FIGURE
        from provenance.places import find_places

        # a longer place the name is part of is another place ("Mexico" in "Mexico City")
        longer = [(f.start, f.end, f.name.casefold()) for f in find_places(claim.sentence)]

        def distance(name: str) -> int | None:
            spots = [
                m.start()
                for m in re.finditer(re.escape(name), sentence)
                # not where the event struck ("the earthquake that struck Al Haouz"), nor a
                # place past another figure, which is that figure's ("2,497 dead, with 1,452
                # deaths in Al Haouz")
                if not _STRUCK.search(sentence, max(0, m.start() - 60), m.start())
                and not (m.start() > at and ANOTHER_FIGURE.search(sentence, at, m.start()))
                and not _anothers_place(sentence, m.start(), claim.figure_start)
                # nor a place right before another figure after it ("Portugal reported 1,300
                # deaths and the Netherlands up to 1,400"): that figure's
                and not (m.start() > at and _NEXT_FIGURE_PLACE.match(sentence, m.end()))
                and not any(
                    s <= m.start() and m.end() <= e and (e - s) > len(name) and other != name
                    for s, e, other in longer
                )
            ]
            # from the figure's near end: its start for a place before it, its end after
            begin = claim.figure_start if claim.figure_start is not None else at
            return (
                min(begin - spot if spot < begin else abs(spot - at) for spot in spots)
                if spots
                else None
            )

        named = sorted(
            (
                (found, member)
                for member in members
                if member.place and (found := distance(member.place.casefold())) is not None
            ),
            key=lambda entry: entry[0],
        )  # the nearest to the figure first
        # a place read from the sentence itself yields only to one named nearer the figure
        read = None if claim.place_inferred or not place else distance(place)
        if (
            named
            and (len(named) == 1 or named[0][0] < named[1][0])
            and (claim.place_inferred or not place or (read is not None and named[0][0] < read))
        ):
            return named[0][1], f"place {named[0][1].place} named in its sentence"
    if claim.event and (claim.place_inferred or not place) and len(members) > 1:
        # "29 sets of remains had been found", under "Camp Fire: ...": the member of the
        # event it names (Butte County's), not of the state the article names most
        naming = [
            m for m in members if _same_event(named_event(m.label, headline=False), claim.event)
        ]
        if len(naming) == 1:
            return naming[0], f"the event its member names, in {naming[0].place}"
    if claim.place_inferred and len(members) > 1:
        whole = _whole_country(claim, members)
        if whole is not None:  # "a toll of 4,460, drawn from government sources", in a city
            return whole, f"a national count, so {whole.place}'s; the article's place a guess"
        if claim.sentence and _ACROSS_DIVISIONS.search(claim.sentence):
            # "The storms killed more than 90 people in five states", in a story on Kentucky:
            # no one state's toll, and the family has no member for their country
            return None, "a total over several states, none of them its own"
    if claim.place_inferred and claim.place and len(members) > 1:
        from provenance.places import country_of as _country
        from provenance.places import is_division as _division

        # a city the article was guessed to be about (its dateline's, its headline's): a figure
        # with no place of its own there is as often the country's, when the family has one
        country = _country(claim.place)
        county = _DIVISION_WORD.search(claim.place) is not None  # "Buncombe County": no city
        if country and country != claim.place and not _division(claim.place) and not county:
            national = [m for m in members if (m.place or "").casefold() == country.casefold()]
            if len(national) == 1:
                return national[0], f"the article's city is a guess; {country}'s"
    for member in members:
        if (member.place or "").casefold() == place and place:
            return member, f"place {member.place}"
    bare = _DIVISION_WORD.sub("", claim.place or "").casefold()
    short = [
        m for m in members if bare and _DIVISION_WORD.sub("", m.place or "").casefold() == bare
    ]
    if len(short) == 1:  # "St. Lucie County" for the member written "St. Lucie"
        return short[0], f"place {short[0].place}, written {claim.place}"
    placeless = [m for m in members if not m.place]
    if placeless:
        return placeless[0], "a quantity of any place"
    from provenance.places import loosely_same

    loose = [m for m in members if place and loosely_same(m.place or "", claim.place or "")]
    if len(loose) == 1:
        return loose[0], f"{claim.place}, written for {loose[0].place}"
    if not place:
        if len(members) == 1:
            return members[0], f"no place stated; {members[0].place} is its only place"
        whole = _whole_country(claim, members)
        if whole is not None:  # "6,300 dead, the National Disaster ... Council said"
            return whole, f"no place stated; a national count, so {whole.place}'s"
        return None, "no place stated, and it is counted for " + ", ".join(
            sorted(m.place or "" for m in members)
        )
    if claim.place_inferred and claim.place:
        from provenance.places import parents

        enclosing = [p.casefold() for p in parents(claim.place)]
        around = [m for m in members if (m.place or "").casefold() in enclosing]
        if around:
            best = min(around, key=lambda m: enclosing.index((m.place or "").casefold()))
            return best, f"the article is about {claim.place}, in {best.place}"
        from provenance.places import nests as inside

        # the article is about France, and the family's only member is Paris's: the article
        # named the country more often than the city its figures are about
        within = [m for m in members if m.place and inside(m.place, claim.place)]
        if len(within) == 1 and len(members) == 1:
            return within[0], f"the article is about {claim.place}, which holds {within[0].place}"
        # the widest of the members the article's place holds: Catalonia's, of Catalonia's
        # and Barcelona's, for an unplaced toll in an article the gazetteer puts in Europe
        outer = [
            m
            for m in within
            if not any(inside(m.place or "", o.place or "") for o in within if o is not m)
        ]
        if len(within) > 1 and len(outer) == 1:
            return outer[0], f"the article is about {claim.place}, which holds {outer[0].place}"
        # a quantity of one place, which the gazetteer cannot place against the article's
        # guessed one (Butte County, in an article on California): the guess says too little
        from provenance.places import known as in_gazetteer

        if (
            len(members) == 1
            and members[0].place
            and not in_gazetteer(members[0].place, taught=False)  # taught only: as unknown
        ):
            return members[0], f"its only place, {members[0].place}; the article's is a guess"
    from provenance.places import country_of, find_places, nests

    # The toll of "the Balasore train crash", given for Balasore, in a family with Odisha's
    # only: the place the event is named for, inside the member's (or in its country, where
    # the gazetteer knows no nearer parent), not another place's count.
    naming = [
        m
        for m in members
        if claim.place
        and m.place
        and (nests(claim.place, m.place) or country_of(claim.place) == country_of(m.place))
        and any(
            f.name.casefold() == claim.place.casefold()  # not "Mexico" in "Mexico City"
            for f in find_places(_without_place(m))
        )
    ]
    if len(naming) == 1:
        return naming[0], f"the event its label names, in {claim.place}"
    # "admitted to hospitals in Balasore, Bhadrak and Cuttack": several places read together,
    # all in the one member's place (or its country, where the gazetteer knows no nearer
    # parent), count for that member, not for a new one of their own
    parts = (claim.place or "").split(" + ")
    if len(parts) > 1 and len(members) == 1 and members[0].place:
        holder = members[0].place
        if all(nests(p, holder) or country_of(p) == country_of(holder) for p in parts):
            return members[0], f"{claim.place}, all in {holder}"
    # The toll of one day's event in Savar, given for Bangladesh: where the event happened,
    # named more broadly, not another place's count.

    events = [
        m
        for m in members
        if m.period and m.period[0] == m.period[1] and m.place and nests(m.place, claim.place or "")
    ]
    widest = [m for m in events if not any(nests(m.place or "", o.place or "") for o in events)]
    if len(widest) == 1:
        return widest[0], f"an event in {widest[0].place}, which is in {claim.place}"
    # The toll of a quake in Central Sulawesi, its sentence naming Indonesia, in a family whose
    # places all lie in Indonesia: the one province among them is where it happened; its
    # towns' members count parts of it. So too for a toll with no place of its own in an
    # article the gazetteer puts in Indonesia.
    from provenance.places import is_division, known

    if claim.place and country_of(claim.place) == claim.place:
        there = [m for m in members if m.place and nests(m.place, claim.place)]
        provinces = [m for m in there if is_division(m.place or "")]
        # no member known to lie elsewhere (towns the catalogue only taught may lie anywhere)
        elsewhere = [
            m
            for m in members
            if m.place and not nests(m.place, claim.place) and known(m.place, taught=False)
        ]
        if len(provinces) == 1 and not elsewhere:
            return provinces[0], f"its only province in {claim.place}, {provinces[0].place}"
    return None, f"no member for {claim.place}"


# Words that make the figure after them what a count may become: "could reach 100", "is
# expected to rise to 30%", "might top 5,000".
_PROJECTED = re.compile(
    r"\b(?:could|may|might|would|will|is\s+(?:expected|likely|set)\s+to|are\s+(?:expected|"
    r"likely|set)\s+to)\s+(?:well\s+|eventually\s+|soon\s+)?(?:reach|rise\s+to|climb\s+to|"
    r"exceed|top|surpass|pass|hit|go\s+up\s+to|grow\s+to|increase\s+to)\s+"
    r"(?:(?:about|around|some|more\s+than|over|as\s+many\s+as|as\s+high\s+as)\s+)?$",
    re.I,
)


def _projected(claim: ClaimText) -> bool:
    """Whether the figure is what a count may come to, not what it is ("could reach 100"; a
    cost that "could reach $160 billion" is an estimate of it)."""
    start = claim.figure_start
    return claim.unit == "count" and bool(
        claim.sentence and start and _PROJECTED.search(claim.sentence, max(0, start - 40), start)
    )


def decide(claim: ClaimText, profiles: Sequence[Profile]) -> Decision:
    """Where a claim goes (see :class:`Decision`): the family of quantities whose terms it
    fits clearly best (:func:`choose` over one candidate per family), then the member for its
    place, if its size is plausible for it and it is not a part of a stated whole.

    >>> def member(key, place):
    ...     return Profile(key, "count", ("travelled",), key, family="travelled", place=place)
    >>> europe, france = member("travelled", "Europe"), member("travelled-france", "France")
    >>> sentence = "Some 1,700 French citizens have travelled."
    >>> claim = ClaimText(1, "count", "French citizens have travelled", sentence, place="France")
    >>> decide(claim, [europe, france]).key
    'travelled-france'
    >>> uk = ClaimText(2, "count", "Britons have travelled", sentence, place="United Kingdom")
    >>> decided = decide(uk, [europe, france])
    >>> (decided.key, decided.family, decided.place)
    (None, 'travelled', 'United Kingdom')
    """
    if claim.compares:  # "nearly double the 57": worked out from two figures, not a count
        return Decision(None, reasons=("a multiple comparing two figures",))
    if _projected(claim):  # "the number could reach 100": what a count may come to
        return Decision(None, reasons=("what it may come to",))
    if claim.increment or (  # "18 more suspects": a change, not the level of a running total
        claim.sentence and claim.figure_end and _per_day(claim.sentence, claim.figure_end)
    ):  # nor is a day's count beside another day's ("Three died on Saturday and eight on Sunday")
        profiles = [p for p in profiles if not p.cumulative]
    if claim.moved and claim.unit != "percent":
        # "rose by 59,444": what a level moved by, for a quantity of changes only (a share
        # may be one: "an increase of 16 per cent on normal" measures excess deaths)
        profiles = [p for p in profiles if not p.cumulative and _CHANGE_LABEL.search(p.label)]
    candidates = rank_quantities(claim, profiles)
    by_key = {p.key: p for p in profiles}
    one_each: dict[str, Candidate] = {}
    for candidate in candidates:
        one_each.setdefault(by_key[candidate.key].family_key, candidate)
    ranked = sorted(one_each.values(), key=lambda c: (-c.score, c.key))
    chosen = choose(ranked) or _more_specific(claim, ranked, by_key) or _definition(ranked, by_key)
    if chosen is None:
        return Decision(None)
    family = by_key[chosen.key].family_key
    members = [p for p in profiles if p.family_key == family and p.unit == by_key[chosen.key].unit]
    if (
        claim.sentence
        and claim.figure_start is not None
        and breakdown(claim.sentence, claim.figure_start)
        and not by_key[chosen.key].part
    ):  # "- Florida: 7 (5 from storm surge, 2 from wind)": not Florida's toll, whatever it counts
        return Decision(None, reasons=(*chosen.reasons, "one of the parts of the figure before"))
    if (
        claim.unit != "percent"
        and part_of_whole(claim)
        and not by_key[chosen.key].part
        and not _placed_part(claim, members)
    ):
        return Decision(None, reasons=(*chosen.reasons, "a part of a stated whole"))
    if (
        claim.part
        and not by_key[chosen.key].part
        and not any(r.endswith(_OWN_WORDS) for r in chosen.reasons)
        and not _placed_part(claim, members)
    ):  # "298, among them about 80 children": the quantity's words are the whole's, not its
        return Decision(None, reasons=(*chosen.reasons, "a part of the figure before it"))
    member, why = _member(claim, members)
    # A new place's figures may be of any size next to another place's: only the catalogue's
    # declared range applies to them.
    implausible = _implausible(claim, member or replace(by_key[chosen.key], observed=None))
    if implausible:
        return Decision(None, reasons=(*chosen.reasons, implausible))
    if member is None:  # a new member for its place, on strong evidence only
        return (
            Decision(None, family, claim.place, (*chosen.reasons, why))
            if claim.place and not claim.place_inferred and chosen.score >= THRESHOLD
            else Decision(None, reasons=(*chosen.reasons, why))
        )
    said = any(reason.startswith(why) for reason in chosen.reasons)  # "place X named"
    return Decision(member.key, family, member.place, (*chosen.reasons, *(() if said else (why,))))


# A quantity that counts what a level moved by, or what was added to one, by its label.
# Lower case but for its first word: "New cases", not the "New York" a label's place names.
_CHANGE_WORDS = (
    "change rise rises increase increases fall falls drop drops decline growth gain gains loss "
    "losses lost cut cuts shed jump new added additional more fewer net"
)
_CHANGE_LABEL = re.compile(
    rf"^(?:{'|'.join(w.title() for w in _CHANGE_WORDS.split())})\b|"
    rf"\b(?:{'|'.join(_CHANGE_WORDS.split())})\b"
)


_OWN_WORDS = ("in what it counts", "heads it")  # a term in the figure's own words: see _score
SPECIFIC_MARGIN = 1.1  # the margin a more specific quantity needs over the one it narrows
DEFINITION_POINTS = 1.0  # what one definition's own term must add over another's


def _definition(ranked: Sequence[Candidate], by_key: dict[str, Profile]) -> Candidate | None:
    """Between two definitions of one count (a quantity and its variant: detentions the
    government counted, and those observers counted), the one whose own words the figure
    names ("INDH" in its sentence); named by neither, the quantity the variant varies.

    >>> govt = Profile("govt", "count", ("detained",), "People detained (government)")
    >>> observers = Profile("indh", "count", ("detained", "INDH"), "People detained (INDH)",
    ...                     variant_of="govt")
    >>> def claim(sentence):
    ...     return ClaimText(1, "count", "people detained", sentence)
    >>> decide(claim("The INDH said 2,840 people were detained."), [govt, observers]).key
    'indh'
    >>> decide(claim("Officials said 9,203 people were detained."), [govt, observers]).key
    'govt'
    """
    if len(ranked) < 2 or ranked[0].score < THRESHOLD:
        return None
    best, runner = ranked[0], ranked[1]

    def count(profile: Profile) -> str:  # the family it is a definition of
        varied = by_key.get(profile.variant_of or profile.key)
        return varied.family_key if varied is not None else profile.variant_of or profile.key

    if count(by_key[best.key]) != count(by_key[runner.key]):
        return None  # not two definitions of one count (a variant of one member: its family)
    if best.score >= runner.score + DEFINITION_POINTS:
        return best
    if best.score == runner.score:
        return next((c for c in (best, runner) if by_key[c.key].variant_of is None), None)
    return None


def _more_specific(
    claim: ClaimText, ranked: Sequence[Candidate], by_key: dict[str, Profile]
) -> Candidate | None:
    """The best candidate when it is the runner-up narrowed: every term of the runner-up that
    what the figure counts names lies inside a longer term of the best that it also names
    ("primary teachers were on strike": primary teachers, not teachers).

    >>> teachers = Profile("teachers", "percent", ("teachers", "on strike"), "Teachers")
    >>> primary = Profile("primary", "percent", ("primary teachers", "on strike"), "Primary")
    >>> claim = ClaimText(1, "percent", "primary teachers were on strike", None)
    >>> decide(claim, [teachers, primary]).key
    'primary'
    """
    if len(ranked) < 2 or ranked[0].score < THRESHOLD:
        return None
    best, runner = ranked[0], ranked[1]
    if best.score < SPECIFIC_MARGIN * runner.score:
        return None
    counted = stems(claim.counted)

    def named(key: str) -> list[tuple[str, ...]]:
        return [t for _, t in _prepare(by_key[key]).terms if _contains(counted, t)]

    narrow, wide = named(best.key), named(runner.key)
    longer = [t for t in narrow if t not in wide]
    if not longer or not wide:
        return None
    inside = all(
        any(len(t) > len(w) and _contains(t, w) for t in longer) or w in narrow for w in wide
    )
    return best if inside else None


# Words that open what a figure counts without naming it: when ("a day earlier", "By
# Saturday") and how it compares ("more than").
_NOT_A_HEAD = """monday tuesday wednesday thursday friday saturday sunday day days week weeks
    month months year years earlier later ago yesterday today morning night evening afternoon
    overnight more than less fewer about around some nearly almost over under up down another
    further still now already mid early late update january february march april june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov
    dec"""


@lru_cache(maxsize=1)
def _not_a_head() -> frozenset[str]:
    return frozenset(stems(_NOT_A_HEAD))


def _head(counted: str | None) -> str:
    skip = _not_a_head()
    words = [s for s in stems(counted) if s not in _STOP and not s.isdigit() and s not in skip]
    return words[0] if words else ""


class _UnionFind:
    """Groups of indexes joined transitively."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


MINIMUM = 2  # claims alike that make a proposal


def propose_quantities(
    claims: Iterable[ClaimText],
    minimum: int = MINIMUM,
    scorer: Callable[..., float] | None = None,
    similar: float = SIMILAR,
) -> list[Proposal]:
    """Group claims that match no quantity into proposed quantities.

    Claims are compared only within a block of the same unit and the same first content word of
    what they count; within a block, two descriptions are alike when RapidFuzz's token-sort
    ratio of them is at least :data:`SIMILAR`, and alike claims are grouped transitively. That
    scorer and threshold were chosen by measurement: benchmarks/linking.py compares RapidFuzz's
    scorers and thresholds on held-out figures. Each distinct description (ignoring case) is
    compared once, against the later ones of its block in one ``rapidfuzz.process.extract``
    call, so a block of n descriptions costs n calls into RapidFuzz rather than n^2 calls from
    Python. Claims are grouped only with claims about the same place, and a group is split
    where sizes jump twentyfold (:data:`MAGNITUDE`) and, unless they are running totals, where
    their dates lie apart (a crowd's, one day's count, :data:`SAME_TIME`; a toll of deaths or
    the missing, which is revised for months and years, :data:`TOLL_TIME`; any other count,
    a rate, a vote, a cost, :data:`STAT_TIME`). Groups of at least ``minimum`` claims
    are proposed, labelled by :func:`proposal_label`. ``scorer`` defaults to that ratio; any
    RapidFuzz scorer (one that takes ``score_cutoff``) can stand in for it.
    """
    from rapidfuzz import fuzz  # loaded only when there is grouping to do

    chosen = fuzz.token_sort_ratio if scorer is None else scorer
    # Articles of one set of topics are grouped apart from those of another.
    by_topics: dict[tuple[str, ...], dict[Block, list[ClaimText]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for claim in claims:
        found = proposal_block(claim)
        if found is not None:
            by_topics[found[0]][found[1]].append(claim)
    proposals = []
    for _, blocks in sorted(by_topics.items()):
        _join_places(blocks)
        for block, members in sorted(blocks.items()):
            proposals += block_proposals(block, members, minimum, chosen, similar)
    return proposals


# A block of claims compared with each other for proposals: their unit, what they count (a
# kind of count, or the first word) and their place.
Block = tuple[str, str, str]


def proposal_block(claim: ClaimText) -> tuple[tuple[str, ...], Block] | None:
    """The topics and the block a claim is grouped in for proposals (``None``: it is not
    grouped, as an increment, a comparison, or a figure whose words count nothing).

    >>> proposal_block(ClaimText(1, "count", "people were killed", None, place="Nepal"))
    ((), ('count', 'kind:deaths', 'nepal'))
    >>> proposal_block(ClaimText(2, "ha", "across the country", None, place="Canada"))
    ((), ('ha', 'kind:area', 'canada'))
    >>> proposal_block(ClaimText(3, "count", "dead", None, place="Graves County"))[1][2]
    'graves'
    """
    if (claim.increment and not claim.moved) or claim.compares or _projected(claim):
        return None
    head = _grouping_head(claim)
    if head is None:
        return None
    if claim.part and head.startswith("kind:"):
        return None  # "of those, 2,063 were hurt": only its kind would group it, with its whole
    if claim.moved:  # "a pay rise of 13.5%", "rose by 59,444": with changes only
        head = f"change:{head}"
    elif claim.side:  # "No won 55.3% of the vote", "for Yes, or 44.7%": one side's
        # a poll's share estimates the result, and is another quantity
        head = f"side:{claim.side}" + (":poll" if _polled(claim) else "")
    elif claim.unit == "percent" and _polled(claim):  # "the polls had put them on 24.4%"
        head = f"{head}:poll"
    topics = tuple(sorted(t.casefold() for t in claim.topics))
    return topics, (claim.unit, head, _grouping_place(claim))


def block_proposals(
    block: Block,
    members: list[ClaimText],
    minimum: int = MINIMUM,
    scorer: Callable[..., float] | None = None,
    similar: float = SIMILAR,
) -> list[Proposal]:
    """The proposals of one block's claims (see :func:`propose_quantities`), in the order the
    claims were read."""
    from rapidfuzz import fuzz, process

    chosen = fuzz.token_sort_ratio if scorer is None else scorer
    unit, head, _ = block
    proposals: list[Proposal] = []
    if not head or len(members) < minimum:
        return proposals
    texts = sorted({(m.counted or "").lower() for m in members})
    groups_of = _UnionFind(len(texts))
    for i, text in enumerate(texts[:-1]):
        if head.startswith(("kind:", "side:")):  # one kind of count, or side: alike
            groups_of.join(i, i + 1)
            continue
        later = texts[i + 1 :]
        alike = process.extract(text, later, scorer=chosen, score_cutoff=similar, limit=None)
        for _, _, j in alike:
            groups_of.join(i, i + 1 + j)
    position = {text: i for i, text in enumerate(texts)}
    groups: dict[int, list[ClaimText]] = defaultdict(list)
    for member in members:
        groups[groups_of.find(position[(member.counted or "").lower()])].append(member)
    for similar_group in groups.values():
        for part in (
            p for s in _by_named_side(similar_group) for g in _by_event(s)
            for p in _by_magnitude(g)
        ):  # fmt: skip
            # a toll of an event grows for weeks; a crowd is one day's
            toll = ":".join(head.split(":")[:2]) in _TOLLS
            # a crowd is one day's; so is what a count moved by in a period
            event = head.startswith(("kind:crowd", "change:"))
            by_time = _by_time(
                part,
                TOLL_TIME if toll else SAME_TIME if event else STAT_TIME,
                running=not head.startswith("change:"),  # a change is of its own period
            )
            if ":".join(head.split(":")[:2]) in _RUNNING:
                by_time = [g for group in by_time for g in _below_the_level(group)]
            for group in by_time:
                if len(group) < minimum:
                    continue
                label = proposal_label([m.counted or "" for m in group], group[0].place)
                if len(by_time) > 1:  # one of several events: name its day
                    label = f"{label}, {_day_of(group)}"
                ids = tuple(sorted(m.id for m in group))
                running = ":".join(head.split(":")[:2]) in _RUNNING
                proposals.append(Proposal(label, unit, ids, running))
    return proposals


def _by_named_side(group: list[ClaimText]) -> list[list[ClaimText]]:
    """A group of shares split by the candidates or parties they are for, when its figures
    name two or more ("Duda won 51%", "Trzaskowski took 49%"); a share naming none goes with
    the side its own words name, else stays with the others naming none."""
    sides = {m.named for m in group if m.named}
    if len(sides) < 2:
        return [group]
    parts: dict[str | None, list[ClaimText]] = defaultdict(list)
    for member in group:
        words = (member.counted or "").lower()
        side = member.named or next((s for s in sorted(sides) if s in words), None)
        parts[side].append(member)
    return list(parts.values())


BELOW_THE_LEVEL = 10  # how far below a running count's earlier level a figure is a part


def _a_part(claim: ClaimText) -> bool:
    """Whether a figure far below its running count's level may be a part of it (a day's, a
    town's: "At least 38 people were killed"), not a rival report of the count: its words do
    not give it as the count itself or a rival's ("the official death toll stands at 64",
    "the total", "so far", "the government has acknowledged 64 deaths", "an estimated"),
    unless they say it is a part ("14 of them killed that day")."""
    if _ONE_DAY.search(claim.sentence or ""):
        return True
    if _AS_THE_COUNT.search(claim.sentence or ""):
        return False  # "the government has acknowledged 64 deaths", "an estimated 4,600"
    return not (claim.running or running_total(claim.counted, claim.sentence))


_AS_THE_COUNT = re.compile(
    r"\b(?:official(?:ly)?|count|counted|estimated?|estimates|acknowledg\w+|study|survey|"
    r"researchers|excess)\b",
    re.I,
)


_ONE_DAY = re.compile(
    r"\b(?:that|a single|one|the deadliest|the bloodiest)\s+day\b|\bof\s+(?:them|those)\b",
    re.I,
)


def _below_the_level(group: list[ClaimText]) -> list[list[ClaimText]]:
    """A running count's figures, less those far below a level it had reached days before
    (:data:`BELOW_THE_LEVEL` times lower) whose sentence says they are a part
    (:func:`_a_part`): "14 of them killed that day" is a part of a toll that stood at 510,
    not a lower report of it. The parts are grouped by day."""
    dated = [(c.period[0], c.value, c) for c in group if c.period is not None and c.value]
    if len(dated) < 3:
        return [group]
    # the level a running count had reached ("bringing the number confirmed killed to 510"),
    # not a fear or a guess of it ("expected several hundred deaths and perhaps a few thousand")
    levels = [(when, level) for when, level, c in dated if not _guessed(c)]
    parts = [
        claim
        for first, value, claim in dated
        if _a_part(claim)
        and any(
            (first - when).days >= 1 and value * BELOW_THE_LEVEL < level for when, level in levels
        )
    ]
    if not parts:
        return [group]
    kept = [c for c in group if c not in parts]
    return [kept, *_by_time(parts, SAME_TIME, running=False)]


def _guessed(claim: ClaimText) -> bool:
    """Whether the words leading to a figure make it a fear, a hope or a guess ("expected
    several hundred deaths and perhaps a few thousand"), or what a count may come to."""
    start = claim.figure_start or 0
    return _projected(claim) or bool(
        claim.sentence and _GUESS.search(claim.sentence, max(0, start - 60), start)
    )


_GUESS = re.compile(
    r"\b(?:expect|expects|expected|expecting|fear|fears|feared|perhaps|maybe|possibly|could|"
    r"might|would|may|approach|predicted|predicts|warned)\b",
    re.I,
)


# A named disaster: "Hurricane Harvey", "Typhoon Haiyan", "the Camp Fire", "the Woolsey fire",
# "the Grenfell Tower fire", "the Amatrice earthquake"; not a fire service ("Cal Fire", "the
# London Fire Brigade"). Written here because no offline library names news events.
_EVENT = re.compile(
    r"\b(?:(?:Hurricane|Typhoon|Super\s+Typhoon|Cyclone|Tropical\s+Storm|Storm)\s+"
    r"(?P<storm>[A-Z][a-z]+)"
    r"|(?P<name>(?:[A-Z][\w'’-]+\s+){1,3}?)(?:[Ff]ire|[Ww]ildfire|[Ee]arthquake|[Qq]uake)\b"
    r"(?!\s+(?:Brigade|Department|Service|Services|Authority|Chief|Station|Commissioner|"
    r"Protection|Marshal|Rescue)\b))"
)
_NOT_A_NAME = frozenset(["the", "a", "an", "this", "that", "its", "their", "last", "first", "cal"])


def named_event(*texts: str | None, headline: bool = True) -> frozenset[str] | None:
    """The one event the first of these texts that names any names, as its words: a figure's
    sentence, else its article's headline. ``None`` when none names one, or when the first
    that does names several (a sentence summing two fires' tolls).

    >>> sorted(named_event("The toll of the Camp Fire rose to 42.") or ())
    ['camp']
    >>> named_event("Cal Fire said 42 had died.", "Woolsey fire kills two") == {"woolsey"}
    True
    >>> named_event("The Camp Fire and the Woolsey fire killed 44.") is None
    True

    A quantity's label, capitalised like a headline, is read as a sentence (``headline``
    false): "People killed in the Camp Fire, Butte County" names the Camp Fire.
    """
    from provenance.places import find_places

    for text in texts:
        found: list[frozenset[str]] = []
        words_of = (text or "").split()
        # In a headline in title case every word is capitalised: only "Hurricane X" names
        title_case = headline and sum(w[:1].isupper() for w in words_of) > len(words_of) / 2
        for match in _EVENT.finditer(text or ""):
            if match["name"] and (title_case or find_places(match["name"])):
                continue  # "the Haiti earthquake": a place's, which places group already
            words = (match["storm"] or match["name"] or "").split()
            name = frozenset(w.casefold() for w in words if w.casefold() not in _NOT_A_NAME)
            if name and not any(name <= other or other <= name for other in found):
                found.append(name)
        if found:
            return found[0] if len(found) == 1 else None
    return None


OTHER_EVENT = 0.3  # a quantity of another named disaster than the figure's sentence or headline


def _event_fit(
    claim: ClaimText, found: list[Candidate], eligible: list[Profile]
) -> list[Candidate]:
    """Under "Camp Fire toll rises to 88", a quantity whose label names the Woolsey fire
    counts another disaster's: it fits the figure poorly, whatever words they share."""
    if claim.event is None:
        return found
    kept = []
    for candidate, profile in zip(found, eligible, strict=True):
        event = named_event(profile.label, headline=False)
        if candidate.score > 0 and event is not None and not _same_event(event, claim.event):
            candidate = Candidate(
                candidate.key,
                round(candidate.score * OTHER_EVENT, 2),
                (*candidate.reasons, f"it counts the {' '.join(sorted(event))} disaster's"),
            )
        kept.append(candidate)
    return kept


def _same_event(one: frozenset[str] | None, other: frozenset[str] | None) -> bool:
    """Whether two events' names are one's ("camp", "camp fire")."""
    return one is not None and other is not None and (one <= other or other <= one)


_MORE_AFTER = re.compile(
    r"\s*(?:(?:more|additional|further|fewer)\b(?![^,.;:]*\bthan\b)"
    # "246 deaths, 36 more than in its previous report": what the count grew by
    r"|more\s+than\s+(?:in\s+)?(?:its|the|their|a|an)\s+(?:previous|earlier|last|prior|initial|"
    r"first|preliminary)\s+(?:report|count|tally|toll|figure|estimate|update|total)\b)",
    re.I,
)
_MORE_BEFORE = re.compile(r"\b(?:another|a further|an additional|an extra)\s+$", re.I)


def increment(sentence: str | None, start: int | None, end: int | None) -> bool:
    """Whether the figure at ``start:end`` of ``sentence`` adds to a count, as a reader takes
    it, or is what a count moved by (see :func:`moved`): "detained 18 more suspects", "another
    13 bodies", "12 further deaths", "18 more than a year ago" (not "13,000 more people than
    usual", an excess, nor "more than 18").

    >>> text = "Police detained 18 more suspects, bringing the number held to 58."
    >>> increment(text, 16, 18), increment(text, 56, 58)
    (True, False)
    >>> increment("It had 18 more than a year ago.", 7, 9)
    True
    >>> increment("13,000 more people than usual died.", 0, 6)
    False
    >>> increment("It counted 246 deaths, 36 more than in its previous report.", 23, 25)
    True
    >>> text = "Jobless claims rose by 59,444 to 5,040,222; 9,800 fewer were out of work."
    >>> increment(text, 23, 29), increment(text, 33, 42), increment(text, 44, 49)
    (True, False, True)
    """
    if sentence is None or start is None or end is None:
        return False
    if _MORE_AFTER.match(sentence, end) or _MORE_BEFORE.search(sentence[:start]):
        return True
    return moved(sentence, start, end)


def compares(sentence: str | None, start: int | None, end: int | None) -> bool:
    """Whether the figure at ``start:end`` is a multiple that sets the sentence's figure
    against another ("111 Texans died, nearly double the 57 first reported"): a comparison
    worked out from two figures, not a count of its own. A multiple that is the sentence's
    own estimate ("the crowd was double last year's 50,000") is one.

    >>> text = "111 Texans died, nearly double the 57 first reported."
    >>> compares(text, 17, 37), compares(text, 0, 3)
    (True, False)
    >>> compares("The crowd was double the 50,000 of last year.", 14, 31)
    False
    """
    if sentence is None or start is None or end is None:
        return False
    if not _MULTIPLE.search(sentence, start, end):
        return False
    from provenance.extract.context import A_FIGURE

    before = sentence[max(0, start - 120) : start]
    return A_FIGURE.search(before) is not None and before.rstrip().endswith(",")


_MULTIPLE = re.compile(r"\b(?:twice|double|triple|treble|quadruple|times|half)\b", re.I)


@lru_cache(maxsize=1024)  # asked twice of each claim: for what it is, and by increment
def moved(sentence: str | None, start: int | None, end: int | None) -> bool:
    """Whether the figure at ``start:end`` is what a level moved by: "rose by 59,444", "up
    187,300 on the previous quarter", "fell by 225,200" (not the level: "rose to 670").

    >>> text = "Claims rose by 59,444 to 5,040,222, and Germany lost some 7,000 to the heat."
    >>> moved(text, 15, 21), moved(text, 25, 34), moved(text, 60, 65)
    (True, False, False)
    >>> moved("The register showed 239,377 fewer than a year before.", 20, 27)
    True
    """
    if sentence is None or start is None or end is None:
        return False
    if _LOST.search(sentence, max(0, start - 30), start):
        return False  # "Germany lost some 7,000 people to the heat": a count of what was lost
    if _DIFFERENCE.match(sentence, end):
        return True  # "239,377 fewer than a year before"
    from provenance.extract.context import change_of

    return change_of(sentence, start, end) is not None


_DIFFERENCE = re.compile(
    r"\s+(?:more|fewer|less|higher|lower)\s+than\s+(?:a|the|last|in|at|on|its|their|this|"
    r"that|before|previously|earlier)\b",
    re.I,
)
_LOST = re.compile(r"\b(?:lost|lose|loses|losing|loss|losses)\s+(?:(?:of|some|about|around|"
                   r"nearly|almost|more than|over)\s+)*$", re.I)  # fmt: skip


def _by_event(members: list[ClaimText]) -> list[list[ClaimText]]:
    """Figures alike in words, split by the disaster each names: the Camp Fire's dead and the
    Woolsey fire's are two tolls. Figures naming none go with the event named most."""
    named: dict[frozenset[str], list[ClaimText]] = {}
    unnamed: list[ClaimText] = []
    for member in members:
        event = member.event
        if event is None:
            unnamed.append(member)
            continue
        same = next((e for e in named if e <= event or event <= e), None)
        named.setdefault(same or event, []).append(member)
    if len(named) < 2:
        return [members]
    groups = sorted(named.values(), key=len, reverse=True)
    groups[0] += unnamed
    return groups


_MONEY = re.compile(r"[A-Z]{3}")  # an ISO 4217 code: the unit of a sum of money
# What a disaster costs, whatever words an estimate uses: one kind of sum
_COST = re.compile(r"\b(?:cost|costs|damage|damages|losses|bill)\b", re.I)


_AREA_UNITS = frozenset(("ha", "acre", "km2", "mi2"))


def _grouping_head(claim: ClaimText) -> str | None:
    """What a claim counts, for grouping: a kind of count named in its own words or in the
    words leading to it ("the blast killed about 190 people"; for a sum of money, its cost:
    "total economic losses", "the damage"), else its first word; ``None`` when its words
    count nothing."""
    if claim.unit in _AREA_UNITS:
        # "more than 3 million hectares", whatever words lead to it: an area (of land burned,
        # flooded); what its words say ("across the country", "1,624 fires and") adds little
        return "kind:area"
    if not claim.counted:
        return None
    if _MONEY.fullmatch(claim.unit) and (
        _COST.search(claim.counted) or _COST.search((_lead(claim) or "")[-60:])
    ):  # "total economic losses", "the damage", "the cost of the storm could reach"
        return "kind:cost"
    # "the blast killed about 190 people": the kind its lead names; not "confirmed 114
    # civilian deaths in 44 towns", where 44 counts towns, nor "six hospitals"
    things = _THINGS.match(claim.counted)
    kind = None if things else count_kind(claim.counted)
    pointed = _POINTING.fullmatch(claim.counted)
    if kind is None and pointed is not None:
        # "the figure (the death toll in Friday's crash to 275 ..., and put the number of
        # injured)": the count the sentence before opened with
        kind = count_kind(re.split(r",|\band\b", pointed["what"], maxsplit=1)[0])
    if kind is None and not things:
        kind = count_kind((_lead(claim) or "")[-60:])
    part = subgroup(claim.counted)
    if kind:
        return f"kind:{kind}" + (f":{part}" if part else "")
    return _head(claim.counted)


# A figure pointing back at a count, with what that count was, as read: "the figure (...)"
_POINTING = re.compile(
    r"(?:the|that|this|its|their)\s+(?:figure|number|count|total|tally|estimate)\s*\((?P<what>.+)\)",
    re.I,
)


# Things, not people, a figure's own noun may count: no kind of toll its lead names is theirs.
_THING_NOUNS = (
    r"(?P<thing>towns|townships|villages|cities|districts|provinces|states|regions|countries|"
    r"homes|houses|buildings|structures|schools|hospitals|factories|shelters|camps|days|hours|"
    r"weeks|months|years|vehicles|cars|boats|wards|roads|bridges|hectares|acres|decks|floors|"
    r"planes|aircraft|helicopters|vessels|ships|trucks|buses|trains|carriages|compartments|"
    r"guns|weapons|calls|centres|centers|tables|stations|cots|beds|families|households|plants|"
    r"estates|communes|municipalities|counties|mosques|churches|temples|synagogues|seats|"
    r"constituencies|councils|warnings|blocks|bullets|wagons|dams)\b"
)
_THINGS = re.compile(rf"(?:[a-z-]+\s+)?{_THING_NOUNS}", re.I)
# the same, with up to two words before the noun: "military transport planes"
# (not after a preposition: "injured in hospitals" counts the injured)
_THINGS_NAMED = re.compile(
    rf"(?:(?!(?:in|at|on|to|from|of|by|into|across|near)\s)[a-z-]+\s+){{0,2}}?{_THING_NOUNS}", re.I
)


def _thing_fit(
    claim: ClaimText, found: list[Candidate], eligible: list[Profile]
) -> list[Candidate]:
    """A figure counting things, not people ("which has five decks", "147 evacuation
    centres", "28 calls", "two military transport planes, a Dutch Hercules and ..."), fits
    no quantity whose label and terms never name those things, whatever names they share."""
    things = _THINGS_NAMED.match(claim.counted or "")
    if things is None:
        return found
    noun = _stem(things["thing"].lower())
    kept = []
    for candidate, profile in zip(found, eligible, strict=True):
        prepared = _prepare(profile)
        # ("People killed in the Christchurch mosque attacks" names mosques, and counts people)
        if candidate.score > 0 and (
            noun not in prepared.label_stems.union(*(t for _, t in prepared.terms))
            or _label_kind(profile.label) in _OUTCOMES
        ):
            candidate = Candidate(
                candidate.key,
                0.0,
                (*candidate.reasons, f"the figure counts {things['thing'].lower()}, it does not"),
            )
        kept.append(candidate)
    return kept


def _grouping_place(claim: ClaimText) -> str:
    # "Graves" in a table by county and "Graves County" in the text are one place
    return _DIVISION_WORD.sub("", claim.place or "").casefold()


def _join_places(blocks: dict[Block, list[ClaimText]]) -> None:
    """Move claims between blocks as :func:`place_moves` says, each mover to the end of its
    new block."""
    sizes = {b: (len(m), sum(1 for c in m if c.place_inferred)) for b, m in blocks.items()}
    for source, inferred_only, target in place_moves(sizes):
        block = blocks[source]
        movers = [m for m in block if m.place_inferred] if inferred_only else block
        blocks[target].extend(movers)
        if len(movers) == len(block):
            del blocks[source]
        else:
            blocks[source] = [m for m in block if not m.place_inferred]


def place_moves(sizes: dict[Block, tuple[int, int]]) -> list[tuple[Block, bool, Block]]:
    """Where claims move between the blocks of one set of topics, given each block's size
    and how many of its claims have a place read from their article, not stated (the blocks
    in the order their first claims were read): each move is (from, only those whose place
    was read from their article?, to), in the order to make them.

    Claims of no known place join the largest block counting the same thing; claims whose
    place was read from their article join the block of a place containing it (an article on
    Kowloon, a march across Hong Kong). When a block holds figures of both sorts, stated and
    guessed, the guessed ones join a larger block of a place holding theirs: an unplaced
    "5,209 confirmed dead", in an article the gazetteer puts in Ormoc, is the typhoon's toll,
    not the one Ormoc's floods of 1991 left. Decided from the sizes alone, so that a caller
    may keep the claims themselves elsewhere (on disk, for a large regrouping).

    >>> place_moves({("count", "kind:deaths", "kowloon"): (2, 2),
    ...              ("count", "kind:deaths", "hong kong"): (3, 0),
    ...              ("count", "kind:deaths", ""): (1, 0)})  # doctest: +NORMALIZE_WHITESPACE
    [(('count', 'kind:deaths', ''), False, ('count', 'kind:deaths', 'hong kong')),
     (('count', 'kind:deaths', 'kowloon'), True, ('count', 'kind:deaths', 'hong kong'))]
    """
    from provenance.places import known, nests

    counts = {block: list(size) for block, size in sizes.items()}
    moves: list[tuple[Block, bool, Block]] = []
    by_head: dict[tuple[str, str], list[str]] = defaultdict(list)
    for unit, head, place in counts:
        by_head[(unit, head)].append(place)
    for (unit, head), places in by_head.items():
        if len(places) < 2 or not head.startswith("kind:"):
            continue
        names = {place: known(place) for place in places if place}

        def size(other: str, unit: str = unit, head: str = head) -> int:
            return counts[(unit, head, other)][0] if (unit, head, other) in counts else 0

        for place in sorted(places, key=lambda p: (p != "", p)):  # no place first
            own = names.get(place)
            source = (unit, head, place)
            total, inferred = counts.get(source, (0, 0))
            movers = inferred if place else total
            if not movers:
                continue
            targets = [
                other
                for other, name in names.items()
                if other != place
                and size(other)
                and (not place or (own and name and nests(own, name)))
            ]
            target = max(targets, key=size, default=None)
            if target is None or (movers < total and size(target) <= total):
                continue
            moves.append((source, bool(place), (unit, head, target)))
            counts[(unit, head, target)][0] += movers
            counts[(unit, head, target)][1] += inferred
            if movers == total:
                del counts[source]
            else:
                counts[source] = [total - inferred, 0]
    return moves


# The counts news reports most, each by the words that name it whatever else the sentence
# says: proposals group figures of one kind ("marchers", "people took part", "turnout") with no
# catalogue. Written here because no offline library classes event counts; a kind is a
# grouping hint, and evidence for the one catalogue quantity of that kind (see _kind_fit).
_KINDS = {
    "deaths": "killed dead died death deaths toll fatalities perished",
    "injured": "injured wounded hurt injuries hospitalised hospitalized treated",
    "arrests": "arrested arrests detained detentions",
    "charged": "charged charges prosecuted",
    "missing": "missing unaccounted",
    "homeless": "homeless displaced evacuated evacuees relocated",
    "crowd": "marched marchers march demonstrators protesters protested rally turnout crowd "
    "participants procession gathered attended",
    "rescued": "rescued survivors survived",
}
_KIND_OF = {stem: kind for kind, words in _KINDS.items() for stem in stems(words)}
# Phrases whose words alone say nothing ("the", "part"): found as phrases, before stemming.
_KIND_PHRASES = re.compile(r"\b(?:took|take|takes|taking|taken) part\b|\bturned out\b|"
                           r"\b(?:took|take|taken|taking) to the streets\b", re.I)  # fmt: skip
# Kinds of count an event leaves behind, revised for months and years: figures far apart in
# time still count one event's (a crowd, an arrest count, is one day's).
_TOLLS = frozenset(f"kind:{kind}" for kind in ("deaths", "missing", "injured", "homeless"))
# Kinds of count that only grow while an event's toll is counted (the missing are found):
# a proposal of one is compared as a running total, a later lower figure a contradiction.
_RUNNING = frozenset(f"kind:{kind}" for kind in ("deaths", "injured", "arrests"))
# Parts of a population a count may be of, by the words that name them: "45 children were
# among the dead", "431 police officers were hurt", "32 foreigners were killed" count a
# subgroup, not the toll of all the people. As with kinds, only a hint for grouping and
# linking; written here because no offline library names them.
_SUBGROUPS = {
    "children": r"children|child|minors|kids|babies|infants|pupils|schoolchildren",
    "foreigners": r"foreigners|foreign (?:nationals|citizens|visitors|tourists|guests|dead)|"
    r"tourists|expatriates|expats",
    "police": r"police(?:men|women)?(?: officers)?|officers|gendarmes|guardia civil",
    "military": r"soldiers|troops|servicemen|security forces|military personnel",
    "rescuers": r"firefighters|rescuers|paramedics|rescue workers|divers",
    "women": r"women|girls|female|females",
    "adults": r"adults",
    "crew": r"crew|crew members|crewmen|seafarers",
    "passengers": r"passengers",
    "students": r"students",
    # staff by role, as strike figures give them ("66.2% of drivers", "the managers' rate")
    "drivers": r"(?:train |bus |tube )?drivers",
    "controllers": r"(?:train |ticket )?(?:controllers|conductors|inspectors|guards)",
    "signallers": r"signallers|signalmen|signal workers",
    "managers": r"managers|executives|supervisors",
    "by age": r"over-\d{2}s|under-\d{1,2}s|youth|young people|younger than \d+|older than \d+|"
    r"aged\s+(?:over|above|under|below|between)\s+\d+|aged\s+\d+\s+(?:and|or)\s+(?:over|older|above)|"
    r"aged\s+\d+\s*(?:to|-|–)\s*\d+",
}
_SUBGROUP_WORDS = [
    (group, re.compile(rf"\b(?:{words})\b", re.I)) for group, words in _SUBGROUPS.items()
]


# Where the words naming who is counted end: at a verb's auxiliary, a source, a clause break.
_COUNT_OF = re.compile(
    r"^\s*(?:(?:the|its|their|his|her|this|that)\s+)?(?:[\w-]+\s+)?(?:count|number|total|"
    r"tally|toll|figure)\s+of\s+(?:the\s+)?(?:(?:injured|wounded|hurt|dead|missing|arrested|"
    r"detained)\s+)?",
    re.I,
)
_SUBJECT_END = re.compile(
    r"\b(?:were|was|are|is|had|have|has|been|being|will|would|could|may|might|remain|"
    r"remained|said|say|says|according|told|reported|who|that|which|treated|injured|hurt|"
    r"wounded|killed|died|arrested|detained|missing|rescued|evacuated|affected|displaced|"
    r"hospitali[sz]ed|taken|sought|received|needed|after|during)\b|[,;(]",
    re.I,
)


_SAYER_ONLY = re.compile(
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,3}(?:said|says|estimated|estimates|put|puts|counted|"
    r"reported|reports|spoke of|speaks of|gave|give)",
    re.I,
)


def subgroup(counted: str | None) -> str | None:
    """The part of a population a description counts, when it names one: "police officers
    were hurt" counts police; "people were injured, police said" and "fighters have slipped
    beyond the reach of police" count people (only the words naming who is counted are read).

    >>> subgroup("members of the security forces had been injured"), subgroup("people died")
    ('military', None)
    >>> subgroup("Italians aged over 65 died in the heat"), subgroup("the over-75s who died")
    ('by age', 'by age')
    >>> subgroup("its count of injured officers"), subgroup("the number of injured")
    ('police', None)
    >>> subgroup("police estimated")  # who counted: "police estimated about 100,000"
    """
    if _SAYER_ONLY.fullmatch((counted or "").strip()):
        return None  # "police estimated about 100,000": who counted, not who is counted
    # "its count of injured officers": what the count is of, its participle an adjective
    text = _COUNT_OF.sub("", counted or "", count=1)
    head = " ".join(_SUBJECT_END.split(text)[0].split()[:6])
    found = {group for group, words in _SUBGROUP_WORDS if words.search(head)}
    return found.pop() if len(found) == 1 else None


_THOSE = re.compile(
    r"\s*(?:of\s+)?(?:those|the\s+people|the\s+ones)\s+\w+\s+"
    r"(?=(?:have|has|had|were|was|are|is|will)\b)",
    re.I,
)


@lru_cache(maxsize=65536)  # an archive's descriptions repeat: "people were killed"
def count_kind(counted: str | None) -> str | None:
    """The kind of count a description names ("people were killed": deaths), when one kind
    alone is named; ``None`` otherwise. What happened to people outranks the crowd they were
    in: "protesters were injured" counts injuries, "arrests during the protests" arrests.

    >>> count_kind("people took part in the march"), count_kind("killed and 40 injured")
    ('crowd', None)
    >>> count_kind("demonstrators were hurt"), count_kind("arrested during the protests")
    ('injured', 'arrests')
    >>> count_kind("people lost their lives"), count_kind("people are still living in camps")
    ('deaths', None)
    >>> count_kind("people needed medical attention"), count_kind("people were treated")
    ('injured', 'injured')
    >>> count_kind("people dead or missing presumed dead"), count_kind("people dead or missing")
    ('deaths', None)
    >>> count_kind("residents have been relocated"), count_kind("evacuees")
    ('homeless', 'homeless')
    >>> count_kind("people in the capital had not been accounted for")
    'missing'
    >>> count_kind("people were rescued"), count_kind("people had gathered")
    ('rescued', 'crowd')
    """
    text = re.sub(r"\bMarch\b", " ", counted or "")  # the month, not a march
    # "(28 of) those arrested have been charged": a part of the arrested, counted by what
    # happened to it next, when that is a kind of its own
    whole = _THOSE.match(text)
    if whole is not None and (next_kind := count_kind(text[whole.end() :])) is not None:
        return next_kind
    # "lost their lives", "lives lost" are deaths; "lives" alone shares its stem with "living"
    text = re.sub(
        r"\b(?:lost|claimed|cost|took)\s+(?:\w+\s+)?lives\b|\blives\s+(?:were\s+)?lost\b",
        " deaths ",
        text,
        flags=re.I,
    )
    # "dead or missing presumed dead", "missing, presumed dead": counted with the dead
    text = re.sub(r"\b(?:dead\s+or\s+)?missing,?\s+presumed\s+dead\b", " dead ", text, flags=re.I)
    # "had not been accounted for": the missing
    text = re.sub(
        r"\bnot\s+(?:yet\s+)?(?:been\s+)?accounted\s+for\b", " missing ", text, flags=re.I
    )
    # "needed medical attention after police charges", "sought medical help": the injured
    text = re.sub(r"\bmedical\s+(?:attention|help|care|treatment)\b", " injured ", text, flags=re.I)
    # "after riot police charged voters", "police charges": a charge by police, not in court
    text = re.sub(r"\b(?:police|officers)\s+(?:\w+\s+)?charg(?:ed|es|ing)\b", " ", text, flags=re.I)
    kinds = {_KIND_OF[w] for w in stems(_KIND_PHRASES.sub(" ", text)) if w in _KIND_OF}
    if _KIND_PHRASES.search(text):
        kinds.add("crowd")
    if len(kinds) == 2 and "crowd" in kinds:
        kinds.discard("crowd")
    return kinds.pop() if len(kinds) == 1 else None


def _day_of(group: list[ClaimText]) -> str:
    """The day most of a group's figures are dated, as a label reads it ("19 January 2023")."""
    days = [c.period[0] for c in group if c.period and c.period[0] == c.period[1]]
    if not days:
        days = [c.period[1] for c in group if c.period]
    day = max(set(days), key=lambda d: (days.count(d), -d.toordinal()))
    return f"{day.day} {day:%B %Y}"


def _by_magnitude(group: list[ClaimText]) -> list[list[ClaimText]]:
    """A group split where its figures' sizes jump twentyfold: "two of the 19" and "6,000"
    are not one quantity. Figures of no known size stay with the first part."""
    sized = sorted((c for c in group if c.value), key=lambda c: c.value or 0.0)
    parts: list[list[ClaimText]] = [[c for c in group if not c.value]]
    for claim in sized:
        last = parts[-1][-1].value if parts[-1] and parts[-1][-1].value else None
        if last is not None and claim.value and claim.value >= last * MAGNITUDE:
            parts.append([])
        parts[-1].append(claim)
    return [part for part in parts if part]


MAGNITUDE = 20.0  # figures this many times apart count different things
SAME_TIME = 3  # days: proposed figures dated further apart count different events (a crowd)
STAT_TIME = 31  # days: the same, for any other count (a rate, a vote, a cost, in a month)
TOLL_TIME = 730  # days: the same, for an event's toll (dead, missing, hurt, homeless), revised
_RUNNING_TOTAL = re.compile(
    r"\b(?:so far|to date|in total|in all|total|toll|tally|since|cumulative|running|overall|"
    r"(?:has|have|had) (?:risen|climbed|reached|grown|increased)|rose to|risen to|climbed to)\b",
    re.I,
)


def running_total(*texts: str | None) -> bool:
    """Whether the words say a figure is a running total ("the death toll rose to 135",
    "cases since October", "so far").

    >>> running_total("people", "The death toll rose to 135."), running_total("marchers", None)
    (True, False)
    """
    return any(_RUNNING_TOTAL.search(text) for text in texts if text)


def _by_time(
    group: list[ClaimText], days: int = SAME_TIME, running: bool = True
) -> list[list[ClaimText]]:
    """A group split where its figures' dates lie more than ``days`` days apart: a
    march on 9 June and one on 16 June are two events, until a person merges them. Running
    totals ("the death toll rose to", "since October", "so far": half the group) are one
    quantity over as long as a toll is revised, :data:`TOLL_TIME` (unless ``running`` is
    false: what a total moved by in February and in the spring are two changes), and figures
    of no date are one whatever their dates."""
    totals = sum(c.running or running_total(c.counted, c.sentence) for c in group) if running else 0
    if any(c.period is None for c in group):
        return [group]
    if totals * 2 >= len(group):  # revised for as long as a toll, but no longer: "the 339
        days = max(days, TOLL_TIME)  # arrested during the 1990 poll tax riot" is another's

    def middle(claim: ClaimText) -> date:  # "the week before": about its middle day
        first, last = claim.period or (date.min, date.min)
        return first + (last - first) / 2

    ordered = sorted(group, key=middle)
    parts: list[list[ClaimText]] = [[]]
    for claim in ordered:  # each part spans at most ``days`` days from its first figure
        if parts[-1] and (middle(claim) - middle(parts[-1][0])).days > days:
            parts.append([])
        parts[-1].append(claim)
    return parts


_AUXILIARY = frozenset(
    "is are was were be been being has have had will would could may might can".split()  # noqa: SIM905
)
_LABEL_CUT = re.compile(
    r"\s(?:—|–|-)\s|[;:,()\[\]\"“”]|\s(?:because|after|before|since|when|while|as|which|who|"
    r"that|or|but|according|said|says|told|to\s+have|in\s+(?:19|20)\d\d)\b",
    re.I,
)
_LEADING_WORDS = frozenset("the those these them of a an more other another".split())  # noqa: SIM905


# A description that says nothing of its own but what its neighbour counts, in parentheses.
_INHERITED = re.compile(
    r"^\s*(?:(?:including|according to [^(]*|on [^(]*|compared with|up from|down from|up|down|"
    r"and|or|"
    # a verb the count was pointed at with: "could go above 3,000", "it now stands at 73"
    r"go|goes|went|gone|reach(?:ed|es)?|top(?:ped|s)?|climb(?:ed|s)?|rise|rose|risen|rises|"
    r"st(?:ood|ands?)|hit|pass(?:ed|es)?|exceed(?:ed|s)?|surpass(?:ed|es)?|is|was|were|are|"
    r"the|a|-[^(]*)\s*)?\((.+)\)\s*$",
    re.I,
)


_NATIONAL_WORDS = re.compile(
    r"\s+(?:nationwide|nationally|countrywide|across the country|around the country)\b", re.I
)


def _without_other_places(label: str, place: str | None) -> str:
    """A label cut before a place other than its own: "people marched across France" for
    Paris is "people marched"."""
    from provenance.places import country_of, find_places

    national = _NATIONAL_WORDS.search(label)
    if national and national.start() > 0 and place and country_of(place) != place:
        label = label[: national.start()]  # "demonstrators nationwide", for Paris
    for found in find_places(label):
        if found.demonym or (place and found.name.casefold() == place.casefold()):
            continue
        lead = re.search(
            r"\s+(?:across|in|throughout|from|of)\s+(?:the\s+)?$", label[: found.start]
        )
        if lead and lead.start() > 0:
            return label[: lead.start()]
    return label


def proposal_label(descriptions: Sequence[str], place: str | None = None) -> str:
    """A readable name for a proposed quantity: the plainest of what its figures count, cut to
    its noun phrase and participle, with the place they are about.

    >>> proposal_label(["ferries were cancelled because of the storm", "ferries cancelled"])
    'ferries cancelled'
    >>> proposal_label(["migrants arriving by sea — or the coast guard"], "Greece")
    'migrants arriving by sea, Greece'
    >>> proposal_label(["up (people have died in the floods)"])  # "..., up from 89"
    'people died in the floods'
    >>> proposal_label(["go (The death toll from the earthquake)"])  # "could go above 3,000"
    'death toll from the earthquake'
    """
    labels = []
    for written in descriptions:
        inherited = _INHERITED.match(written)  # "including (people marched across France)"
        description = inherited[1] if inherited else written
        cut = _LABEL_CUT.split(description, maxsplit=1)[0]
        words = [w for w in cut.split() if w.lower() not in _AUXILIARY]
        while words and words[0].lower() in _LEADING_WORDS:
            words.pop(0)
        while words and words[-1].lower() in _STOP:
            words.pop()
        if words:
            labels.append(" ".join(words[:7]))
    label = min(labels, key=lambda t: (len(t), t)) if labels else (descriptions or [""])[0]
    label = _without_other_places(label, place)[:100].strip() or "figures"
    return f"{label}, {place}" if place and place.casefold() not in label.casefold() else label
