"""Which figures for one quantity disagree: pure, no database.

Each figure is an interval ``[low, high]`` (``None`` is an open bound). Approximate figures
("about 1,200", "roughly 10%") are widened by a relative tolerance, 10% by default, before
comparing: "about 1,200" covers 1,080 to 1,320. Exact figures, ranges, vague amounts (whose
bounds already come from a table) and open-ended figures ("at least 250") are taken as stated.
Two figures disagree when their intervals do not meet; touching intervals meet.

Disagreeing pairs are found with a sorted sweep, not by comparing all pairs: after sorting by
lower bound, the figures above a given one's upper bound form a suffix found by bisection, so
the work is ``O(n log n)`` plus the pairs reported. How many pairs disagree, in all and per
figure, is counted the same way without listing them; a quantity of thousands of figures
can have millions of disagreeing pairs, so beyond :data:`PAIR_LIMIT` only the most severe are
listed (those between the lowest upper bounds and the highest lower bounds, where the
relative gaps are largest) and the rest are counted, unless every pair is asked for.

A disagreement is not always a contradiction. Each is explained, when it can be, in this order:

* **same origin**: both figures trace to one source (the report two papers quote): a misquote
  or a rounding, not two sources disagreeing;
* **change over time**: their periods (as-of) lie further apart than a window, 6 months by
  default: the quantity may simply have changed;
* **scope differs**: their stated scopes differ ("France", "EU"): for a person to judge.

What remains is a **contradiction**. Contradictions come first, the largest relative gap
first, the more recent first on a tie. Figures that agree but state different scopes are
noted too, and support is counted by independent sources, not by how often a figure was
printed.

Across many quantities, :class:`Bounds` (the extreme bounds of a quantity's figures, which the
database keeps per quantity) tell without reading any figure whether two of them can disagree:
exactly when the highest widened lower bound lies above the lowest widened upper bound.

>>> from decimal import Decimal as D
>>> goulet = Figure(1, D(400), D(600), Hedge.RANGE)
>>> icct = Figure(2, D(1200), D(1200), Hedge.APPROXIMATELY)
>>> result = compare_figures([goulet, icct])
>>> [(d.lower, d.upper, str(d.gap)) for d in result.disagreements]
[(1, 2, '480.0')]
>>> at_least = Figure(1, D(250), None, Hedge.AT_LEAST)
>>> compare_figures([at_least, Figure(2, D(400), D(400), Hedge.EXACT)]).agree
True
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from itertools import combinations
from typing import NamedTuple

from provenance.figures import Hedge

DEFAULT_TOLERANCE = Decimal("0.1")
# Disagreeing pairs listed before a comparison summarises: it then explains the pairs among
# the EXTREMES lowest and EXTREMES highest figures (at most EXTREMES² pairs) and counts the rest.
PAIR_LIMIT = 10_000
EXTREMES = 100
DEFAULT_WINDOW_MONTHS = 6.0
WIDENED_HEDGES = frozenset({Hedge.APPROXIMATELY})
# Of the step an exact figure is written to, how far either side it stands for: under half,
# so that 19 and 20 still differ while 43% meets 43.03% and 5.3 million meets 5,343,358.
ROUNDING = Decimal("0.45")
ROUNDED_AT_MOST = Decimal("0.01")


class Explanation(StrEnum):
    """Why two figures that do not meet may not contradict each other."""

    SAME_ORIGIN = "same origin"
    CHANGE_OVER_TIME = "change over time"
    SCOPE_DIFFERS = "scope differs"
    DEFINITION_DIFFERS = "definition differs"


class Standing(StrEnum):
    """How a quantity's figures stand, as a whole."""

    CONTRADICTION = "contradiction"  # at least one contradiction
    EXPLAINED = "explained"  # differences, each explained
    AGREE = "agree"  # every figure meets every other


class Figure(NamedTuple):
    """What the comparison needs of a claim: an id, its bounds and hedge, and the context
    that can explain a difference (each optional). A named tuple: a database's worth of them
    is built at once, and tuples are built several times faster than frozen dataclasses."""

    id: int
    low: Decimal | None
    high: Decimal | None
    hedge: Hedge
    period: tuple[date, date] | None = None  # the first and last day it describes
    scope: str | None = None
    source: str | None = None  # what it traces to: the primary source, or the speaker
    published: date | None = None
    document: int | None = None  # where it was printed, for arithmetic across quantities
    quote: str | None = None  # its sentence: a reprint of one story repeats it nearly word for word
    variant: bool = False  # a figure of a variant quantity: the same thing, defined otherwise
    # the unit of the last digit it is written to ("5.3 million": 100,000): an exact figure
    # stands for less than half of it either side, so a rounding meets what it rounds
    step: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Interval:
    """A figure's interval after widening; ``None`` is an open bound."""

    id: int
    low: Decimal | None
    high: Decimal | None


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Two figures whose intervals do not meet: ``lower`` lies wholly below ``upper``.
    ``explanation`` is ``None`` for a contradiction."""

    lower: int
    upper: int
    gap: Decimal
    relative_gap: Decimal
    explanation: Explanation | None = None
    months_apart: float | None = None
    note: str | None = None  # why, when the verdict alone does not say it

    @property
    def verdict(self) -> str:
        return self.explanation.value if self.explanation else "contradiction"


@dataclass(frozen=True, slots=True)
class Comparison:
    intervals: tuple[Interval, ...]
    disagreements: tuple[Disagreement, ...]
    scope_notes: tuple[tuple[int, int], ...] = ()  # pairs that agree but state other scopes
    sources: int = 0  # independent sources among the figures
    # How many pairs disagree, listed or not, and with how many figures each figure does.
    pairs_total: int = 0
    partners: dict[int, int] = field(default_factory=dict)

    @property
    def summarised(self) -> bool:
        """Whether some disagreeing pairs are counted but not listed."""
        return self.pairs_total > len(self.disagreements)

    @property
    def agree(self) -> bool:
        return not self.disagreements

    @property
    def contradictions(self) -> tuple[Disagreement, ...]:
        return tuple(d for d in self.disagreements if d.explanation is None)

    @property
    def standing(self) -> Standing:
        if not self.disagreements:
            return Standing.AGREE
        return Standing.EXPLAINED if self.disagreements[0].explanation else Standing.CONTRADICTION

    @property
    def worst_gap(self) -> float:
        """The relative gap of the most severe disagreement (0 when all agree)."""
        return float(self.disagreements[0].relative_gap) if self.disagreements else 0.0


def widen(
    figure: Figure, tolerance: Decimal = DEFAULT_TOLERANCE, *, rounded: bool = False
) -> Interval:
    """The interval a figure stands for once approximation is allowed for; ``rounded``, and
    the rounding of an exact figure (what decides whether two figures meet; the interval
    shown, and the gap, leave it out: "150" is shown as 150).

    >>> widen(Figure(1, Decimal(10), Decimal(10), Hedge.APPROXIMATELY))
    Interval(id=1, low=Decimal('9.0'), high=Decimal('11.0'))
    >>> widen(Figure(2, Decimal(3922), Decimal(4294), Hedge.RANGE))
    Interval(id=2, low=Decimal('3922'), high=Decimal('4294'))
    >>> rounding = Figure(3, Decimal(5300000), Decimal(5300000), Hedge.EXACT, step=Decimal(100000))
    >>> widen(rounding, rounded=True)
    Interval(id=3, low=Decimal('5255000.00'), high=Decimal('5345000.00'))
    >>> round_number = rounding._replace(id=4, low=Decimal(5000000), high=Decimal(5000000),
    ...                                  step=Decimal(1000000))
    >>> widen(round_number, rounded=True)
    Interval(id=4, low=Decimal('4950000.00'), high=Decimal('5050000.00'))
    """
    if tolerance < 0:
        raise ValueError(f"tolerance must not be negative, got {tolerance}")
    if figure.hedge in WIDENED_HEDGES:
        return Interval(figure.id, _lowered(figure.low, tolerance), _raised(figure.high, tolerance))
    if rounded and figure.step and figure.hedge is Hedge.EXACT:
        # ... and never more than ROUNDED_AT_MOST of itself: "5 million" is a round number,
        # not 4,848,723 rounded
        return Interval(
            figure.id,
            None if figure.low is None else figure.low - _margin(figure.low, figure.step),
            None if figure.high is None else figure.high + _margin(figure.high, figure.step),
        )
    return Interval(figure.id, figure.low, figure.high)


def _rounded(
    figures: Sequence[Figure], intervals: Sequence[Interval], tolerance: Decimal
) -> tuple[Interval, ...]:
    """The intervals of ``figures`` (``intervals``, widened as shown) with exact figures'
    rounding allowed for: what decides whether two meet."""
    return tuple(
        widen(f, tolerance, rounded=True) if f.step and f.hedge is Hedge.EXACT else i
        for f, i in zip(figures, intervals, strict=True)
    )


def _margin(value: Decimal, step: Decimal) -> Decimal:
    return min(step * ROUNDING, abs(value) * ROUNDED_AT_MOST)


def _lowered(low: Decimal | None, tolerance: Decimal) -> Decimal | None:
    return None if low is None else low - abs(low) * tolerance


def _raised(high: Decimal | None, tolerance: Decimal) -> Decimal | None:
    return None if high is None else high + abs(high) * tolerance


@dataclass(frozen=True, slots=True)
class Bounds:
    """The extreme bounds of a quantity's figures, apart for those widened for approximation
    (``*_widened``, taken before widening); ``None`` where no figure has that bound."""

    figures: int = 0
    low_max: Decimal | None = None
    low_max_widened: Decimal | None = None
    high_min: Decimal | None = None
    high_min_widened: Decimal | None = None


def _max(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return b if a is None else a if b is None else max(a, b)


def _min(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return b if a is None else a if b is None else min(a, b)


def bounds_of(figures: Iterable[tuple[Decimal | None, Decimal | None, Hedge]]) -> Bounds:
    """The :class:`Bounds` of figures given as ``(low, high, hedge)``.

    >>> bounds_of([(Decimal(10), Decimal(10), Hedge.APPROXIMATELY), (Decimal(4), None, Hedge.AT_LEAST)])
    Bounds(figures=2, low_max=Decimal('4'), low_max_widened=Decimal('10'), high_min=None, high_min_widened=Decimal('10'))
    """  # noqa: E501
    n, low, low_w, high, high_w = 0, None, None, None, None
    for figure_low, figure_high, hedge in figures:
        n += 1
        if hedge in WIDENED_HEDGES:
            low_w, high_w = _max(low_w, figure_low), _min(high_w, figure_high)
        else:
            low, high = _max(low, figure_low), _min(high, figure_high)
    return Bounds(n, low, low_w, high, high_w)


def may_disagree(bounds: Bounds, tolerance: Decimal = DEFAULT_TOLERANCE) -> bool:
    """Whether any two of the figures fail to meet once widened. Widening is monotone (a
    higher bound stays higher once widened), so the extremes of the widened bounds are the
    widened extremes, and two figures disagree exactly when the highest lower bound lies
    above the lowest upper bound: no figure needs reading to know that all of them agree.

    >>> about_10 = bounds_of([(Decimal(10), Decimal(10), Hedge.APPROXIMATELY)] * 2)
    >>> may_disagree(about_10), may_disagree(bounds_of([(Decimal(12), None, Hedge.MORE_THAN),
    ...                                                  (Decimal(10), Decimal(10), Hedge.EXACT)]))
    (False, True)
    """
    low = _max(bounds.low_max, _lowered(bounds.low_max_widened, tolerance))
    high = _min(bounds.high_min, _raised(bounds.high_min_widened, tolerance))
    return low is not None and high is not None and low > high


def months_between(a: tuple[date, date], b: tuple[date, date]) -> float:
    """Months from the end of the earlier period to the start of the later (0 if they meet).

    >>> march_2016 = (date(2016, 3, 25), date(2016, 3, 25))
    >>> months_between(march_2016, (date(2017, 4, 1), date(2017, 4, 30)))
    12.2
    """
    if a[1] >= b[0] and b[1] >= a[0]:
        return 0.0
    first, second = (a, b) if a[1] < b[0] else (b, a)
    return round((second[0] - first[1]).days / 30.4375, 1)


def _scope(figure: Figure) -> str | None:
    return " ".join(figure.scope.casefold().split()) or None if figure.scope else None


_DIGITS = re.compile(r"\d[\d,.]*")
REPRINT_SIMILARITY = 85  # RapidFuzz ratio (0-100) of two sentences, figures masked


def reprinted(a: str | None, b: str | None) -> bool:
    """Whether two sentences are one sentence printed twice, whatever figures each carries:
    wire copy reprinted by two outlets, one of which changed or rounded a figure.

    >>> reprinted("Officials said 135 people were killed in the blast on Tuesday.",
    ...           "Officials said 153 people were killed in the blast on Tuesday.")
    True
    >>> reprinted("Officials said 135 people were killed.", "Police counted 4,000 marchers.")
    False
    """
    if not a or not b:
        return False
    # RapidFuzz stops early once the cutoff cannot be reached (sentences of unlike lengths)
    similarity = _ratio()(_masked(a), _masked(b), score_cutoff=REPRINT_SIMILARITY)
    return similarity >= REPRINT_SIMILARITY


@lru_cache(maxsize=1)
def _ratio() -> Callable[..., float]:
    """RapidFuzz's ratio, loaded when two figures first disagree (and then kept: an import
    statement in a function asked of every pair costs more than the comparison)."""
    from rapidfuzz import fuzz

    return fuzz.ratio


@lru_cache(maxsize=4096)
def _masked(sentence: str) -> str:
    """A sentence with its figures masked, as :func:`reprinted` compares it: a quantity's
    figures are compared pair by pair, each sentence with every other."""
    return _DIGITS.sub("#", sentence.casefold())


def _explain(
    lower: Figure,
    upper: Figure,
    window: float,
    scopes: dict[int, str | None],
    cumulative: bool = False,
) -> tuple[Explanation | None, float | None, str | None]:
    """Why ``lower`` (the figure wholly below) may not contradict ``upper``, in this order: a
    variant definition; for a running total, which came first (a later, lower figure is a
    contradiction; a later, higher one is growth); periods further apart than the window; one
    origin (the same primary source or speaker, or one sentence reprinted); stated scopes."""
    a, b = lower, upper
    months = months_between(a.period, b.period) if a.period and b.period else None
    if a.variant != b.variant:
        return Explanation.DEFINITION_DIFFERS, months, None
    if cumulative and a.period and b.period and a.period != b.period:
        if a.period[1] > b.period[1]:
            return None, months, "a running total reported lower later"
        return Explanation.CHANGE_OVER_TIME, months, "a running total grew"
    if cumulative and a.published and b.published and a.published != b.published:
        # of one day, printed on different days: the toll as it was known when printed
        if a.published > b.published:
            return None, months, "a running total reported lower later"
        return Explanation.CHANGE_OVER_TIME, months, "a running total grew"
    if months is not None and months > window:
        return Explanation.CHANGE_OVER_TIME, months, None
    superseded = _superseded(a, b)
    if superseded is not None:  # "police had put the toll at 207": an earlier figure
        if cumulative and superseded is b:
            return None, months, "a running total reported lower later"
        return Explanation.CHANGE_OVER_TIME, months, "an earlier figure, given again"
    if _other_spans(a.period, b.period):
        return Explanation.CHANGE_OVER_TIME, months, "counted over different periods"
    if a.source and a.source == b.source:
        return Explanation.SAME_ORIGIN, months, None
    if a.document != b.document and reprinted(a.quote, b.quote):
        return Explanation.SAME_ORIGIN, months, "one sentence printed twice"
    if _differ(scopes[a.id], scopes[b.id]):
        return Explanation.SCOPE_DIFFERS, months, None
    return None, months, None


# An article telling a figure it reports as superseded: "police had put the toll at 207",
# "earlier on Wednesday he had given a figure of 113", "provisional figures of 80 arrests"
# ("earlier" alone is not enough: "earlier on 1 July, 550,000 marched" is the day's count).
_EARLIER = re.compile(
    r"\b(?:had\s+(?:(?:earlier|previously|initially|first)\s+)?(?:put|given|reported|"
    r"estimated|counted|recorded|announced)|provisional)\b",
    re.I,
)


def _superseded(a: Figure, b: Figure) -> Figure | None:
    """Of two figures of one article, the one its sentence gives as an earlier, superseded
    figure, when only one of them is."""
    if a.document is None or a.document != b.document or not a.quote or not b.quote:
        return None
    if a.quote == b.quote:
        return None  # one sentence: "up from 290" is read by who states which
    earlier_a, earlier_b = bool(_EARLIER.search(a.quote)), bool(_EARLIER.search(b.quote))
    if earlier_a == earlier_b:
        return None
    return a if earlier_a else b


def _as_reported(figures: Sequence[Figure]) -> Sequence[Figure]:
    """A running total's figures dated by when they were reported: a toll dated on the day of
    the event it counts (the earliest day its figures end on: "the blast on 4 August killed
    about 190", printed on 31 August) is the toll as known on its publication day. Printed
    within two days, the day it names is the day it was given ("78 were killed on Tuesday",
    in Wednesday's paper).

    >>> day = date(2020, 8, 4)
    >>> early = Figure(1, Decimal(78), Decimal(78), Hedge.EXACT, (day, day), published=day)
    >>> later = Figure(2, Decimal(190), Decimal(190), Hedge.EXACT, (day, day),
    ...                published=date(2020, 8, 31))
    >>> [f.period[0].day for f in _as_reported([early, later])]
    [4, 31]

    A period that holds the event's day ("the quake in January", "a year ago") is the
    event's too:

    >>> august = Figure(3, Decimal(200), Decimal(200), Hedge.EXACT,
    ...                 (date(2020, 8, 1), date(2020, 8, 31)), published=date(2021, 8, 4))
    >>> [f.period[0] for f in _as_reported([early, august])][1]
    datetime.date(2021, 8, 4)
    """
    event = min((f.period[1] for f in figures if f.period), default=None)
    if event is None:
        return figures
    return [
        f._replace(period=(f.published, f.published))
        if f.period
        and f.published
        and f.period[0] <= event <= f.period[1]  # "the quake a year ago", "in January"
        and (f.published - event).days > 2
        else f
        for f in figures
    ]


SPAN_END_APART = 3  # days: spans that end further apart are counts over different periods


def _other_spans(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    """Whether two figures count over spans that end on different days: the four weeks to 15
    March and those to 16 February, or the cases since October counted in February and in
    March. A rolling or running count differs with its span, whatever the window.

    >>> d = date
    >>> _other_spans((d(2024, 2, 12), d(2024, 3, 15)), (d(2024, 1, 15), d(2024, 2, 16)))
    True
    >>> _other_spans((d(2024, 2, 1), d(2024, 2, 29)), (d(2024, 2, 1), d(2024, 2, 29)))
    False
    """
    if a is None or b is None or a[0] == a[1] or b[0] == b[1]:
        return False
    return abs((a[1] - b[1]).days) > SPAN_END_APART


def _differ(a: str | None, b: str | None) -> bool:
    """Two stated scopes that differ (a figure that states none differs from none; places
    written for each other, "Europe" and "EU", do not)."""
    if a is None or b is None or a == b:
        return False
    from provenance.places import known, loosely_same

    first, second = known(a), known(b)
    return not (first and second and loosely_same(first, second))


def _relative(gap: Decimal, below: Decimal, above: Decimal) -> Decimal:
    scale = max(abs(below), abs(above))
    return gap / scale if scale else Decimal(0)


def compare_figures(
    figures: Sequence[Figure],
    tolerance: Decimal = DEFAULT_TOLERANCE,
    window: float = DEFAULT_WINDOW_MONTHS,
    *,
    notes: bool = True,
    cumulative: bool = False,
    all_pairs: bool = False,
) -> Comparison:
    """Widen each figure, list the pairs that disagree with their explanation (contradictions
    first, the largest relative gap first), and note agreeing pairs of other scopes (unless
    ``notes`` is false: ranking many quantities needs only the disagreements). A
    ``cumulative`` quantity is a running total: it only grows. Beyond :data:`PAIR_LIMIT`
    disagreeing pairs, only the most severe are listed, unless ``all_pairs``."""
    intervals = tuple(widen(figure, tolerance) for figure in figures)
    shown = {interval.id: interval for interval in intervals}
    if cumulative:
        figures = _as_reported(figures)
    by_id = {figure.id: figure for figure in figures}
    scopes = {figure.id: _scope(figure) for figure in figures}
    meeting = _rounded(figures, intervals, tolerance)
    pairs, total, partners = _disagreeing(meeting, all_pairs)
    found: list[Disagreement] = []
    for below, above, _, _ in pairs:
        # the gap between the figures as shown, not as rounded: "150" against "300" is 150
        low, high = shown[above].low, shown[below].high
        assert low is not None  # the pair is one below the other
        assert high is not None
        gap, relative = low - high, _relative(low - high, high, low)
        explanation, months, note = _explain(by_id[below], by_id[above], window, scopes, cumulative)
        found.append(Disagreement(below, above, gap, relative, explanation, months, note))
    newest = {f.id: f.published or date.min for f in figures}

    def severity(d: Disagreement) -> tuple[object, ...]:
        recent = max(newest[d.lower], newest[d.upper])
        return (d.explanation is not None, -d.relative_gap, -recent.toordinal(), d.lower, d.upper)

    found.sort(key=severity)
    scope_notes: tuple[tuple[int, int], ...] = ()
    if notes and len({scope for scope in scopes.values() if scope}) > 1:
        scope_notes = _scope_notes(figures, scopes, {i.id: i for i in intervals})
    sources = len({f.source or f"#{f.id}" for f in figures})
    return Comparison(intervals, tuple(found), scope_notes, sources, total, partners)


def _disagreeing(
    intervals: Sequence[Interval], all_pairs: bool = False
) -> tuple[list[tuple[int, int, Decimal, Decimal]], int, dict[int, int]]:
    """The pairs of intervals that do not meet, as (id below, id above, gap, relative gap),
    found by a sorted sweep (past :data:`PAIR_LIMIT`, only those between the
    :data:`EXTREMES` lowest and highest, unless ``all_pairs``); how many disagree in all;
    and with how many others each one does."""
    belows, aboves, lows, total, partners = _sweep(intervals, all_pairs)
    pairs = []
    for below in belows:
        assert below.high is not None
        for low, above in aboves[bisect.bisect_right(lows, below.high) :]:
            gap = low - below.high
            pairs.append((below.id, above.id, gap, _relative(gap, below.high, low)))
    return pairs, total, partners


def _sweep(
    intervals: Sequence[Interval], all_pairs: bool
) -> tuple[list[Interval], list[tuple[Decimal, Interval]], list[Decimal], int, dict[int, int]]:
    """What :func:`_disagreeing` pairs: the intervals that may lie below another (with an
    upper bound, in the order given), those that may lie above one with their lower bounds,
    in order, and those bounds; how many pairs disagree, and with how many each one does."""
    # Figures with an open lower bound can never lie above another, so they are left out here.
    ordered = sorted(
        ((i.low, i) for i in intervals if i.low is not None), key=lambda pair: (pair[0], pair[1].id)
    )
    lows = [low for low, _ in ordered]
    highs = sorted(i.high for i in intervals if i.high is not None)
    partners = {
        i.id: (0 if i.high is None else len(lows) - bisect.bisect_right(lows, i.high))
        + (0 if i.low is None else bisect.bisect_left(highs, i.low))
        for i in intervals
    }
    total = sum(partners.values()) // 2
    belows: Iterable[Interval] = intervals
    aboves = ordered
    if total > PAIR_LIMIT and not all_pairs:
        belows = sorted((i for i in intervals if i.high is not None), key=_by_high)[:EXTREMES]
        aboves = ordered[-EXTREMES:]
        lows = lows[-EXTREMES:]
    return [i for i in belows if i.high is not None], aboves, lows, total, partners


def _widest_first(
    intervals: Sequence[Interval],
) -> Iterator[tuple[int, int, Decimal, Decimal]] | None:
    """The pairs :func:`_disagreeing` finds, from the widest relative gap down, found one at a
    time (a heap holding each lower figure's next widest pair), so that a caller who stops
    at the first contradiction does not compute and sort them all; ``None`` when a figure
    below lies under zero, where a pair's relative gap need not widen with the upper figure.
    Pairs of equal relative gaps may come in another order than a stable sort's."""
    belows, aboves, lows, _, _ = _sweep(intervals, False)
    heap: list[tuple[Decimal, int, int]] = []
    starts = []
    for i, below in enumerate(belows):
        assert below.high is not None
        if below.high < 0:
            return None
        start = bisect.bisect_right(lows, below.high)
        starts.append(start)
        if start < len(aboves):
            low = lows[-1]
            heap.append((-_relative(low - below.high, below.high, low), i, len(aboves) - 1))
    return _pop_widest(heap, belows, aboves, starts)


def _pop_widest(
    heap: list[tuple[Decimal, int, int]],
    belows: list[Interval],
    aboves: list[tuple[Decimal, Interval]],
    starts: list[int],
) -> Iterator[tuple[int, int, Decimal, Decimal]]:
    heapq.heapify(heap)
    while heap:
        negative, i, j = heapq.heappop(heap)
        below = belows[i]
        assert below.high is not None
        low, above = aboves[j]
        yield below.id, above.id, low - below.high, -negative
        if j - 1 >= starts[i]:  # the next widest pair of this lower figure
            low = aboves[j - 1][0]
            gap = low - below.high
            heapq.heappush(heap, (-_relative(gap, below.high, low), i, j - 1))


def standing_of(
    figures: Sequence[Figure],
    tolerance: Decimal = DEFAULT_TOLERANCE,
    window: float = DEFAULT_WINDOW_MONTHS,
    *,
    cumulative: bool = False,
    left_out: Iterable[tuple[int, int]] = (),
) -> tuple[Standing, float]:
    """The standing and worst gap :func:`compare_figures` gives these figures, for ranking many
    quantities: the disagreeing pairs are explained from the widest relative gap down, and
    only until one is a contradiction, the most severe pair (contradictions rank first), so
    a quantity whose wide gaps hold a contradiction is ranked without explaining the rest.
    ``left_out``: pairs (lower id, upper id) a person has resolved.

    >>> figures = [Figure(1, Decimal(10), Decimal(10), Hedge.EXACT),
    ...            Figure(2, Decimal(30), Decimal(30), Hedge.EXACT)]
    >>> standing, gap = standing_of(figures)
    >>> standing.value, round(gap, 4) == round(compare_figures(figures).worst_gap, 4)
    ('contradiction', True)
    >>> standing_of(figures, left_out=[(1, 2)])[0].value
    'agree'
    """
    intervals = _rounded(figures, tuple(widen(f, tolerance) for f in figures), tolerance)
    if cumulative:
        figures = _as_reported(figures)
    resolved = set(left_out)
    pairs = _widest_first(intervals)
    if pairs is None:  # figures under zero: every pair, sorted
        pairs = iter(sorted(_disagreeing(intervals)[0], key=lambda pair: -pair[3]))
    by_id = {figure.id: figure for figure in figures}
    scopes = {figure.id: _scope(figure) for figure in figures}
    widest: Decimal | None = None
    for below, above, _, relative in pairs:
        if (below, above) in resolved:
            continue
        if widest is None:
            widest = relative
        if _explain(by_id[below], by_id[above], window, scopes, cumulative)[0] is None:
            return Standing.CONTRADICTION, float(relative)
    if widest is None:
        return Standing.AGREE, 0.0
    return Standing.EXPLAINED, float(widest)


def _by_high(interval: Interval) -> tuple[Decimal, int]:
    assert interval.high is not None
    return interval.high, interval.id


# Agreeing pairs noted for their scopes are looked for among this many figures at most: a
# quantity of thousands would otherwise compare millions of pairs to note them.
SCOPE_NOTES_UP_TO = 1_000


def _scope_notes(
    figures: Sequence[Figure], scopes: dict[int, str | None], intervals: dict[int, Interval]
) -> tuple[tuple[int, int], ...]:
    """Pairs that meet but state different scopes; past SCOPE_NOTES_UP_TO figures, none."""
    if len(figures) > SCOPE_NOTES_UP_TO:
        return ()
    return tuple(
        (a.id, b.id)
        for a, b in combinations(figures, 2)
        if _meet(intervals[a.id], intervals[b.id]) and _differ(scopes[a.id], scopes[b.id])
    )


# ---------------------------------------------------------------------------------------------
# Arithmetic across quantities


@dataclass(frozen=True, slots=True)
class ArithmeticCheck:
    """Figures combined by a relation the catalogue states, and what they were checked against.

    For a product, ``low``/``high`` is the interval worked out from ``inputs`` (a share times a
    total), and ``against`` the stated figures of the result, each ``True`` when it meets the
    worked-out interval (both widened for approximation). For a part, ``against`` holds the
    whole, ``False`` when the part exceeds it.
    """

    kind: str
    inputs: tuple[int, ...]
    low: Decimal | None
    high: Decimal | None
    against: tuple[tuple[int, bool], ...]

    @property
    def consistent(self) -> bool:
        return all(ok for _, ok in self.against)


def _together(a: Figure, b: Figure, window: float) -> bool:
    """Figures that describe one time (within the window) and one place: in one document
    (where a place left unstated is the same), or across documents when both state it."""
    if a.period and b.period and months_between(a.period, b.period) > window:
        return False
    if a.document is not None and a.document == b.document:
        return not _differ(_scope(a), _scope(b))
    return _scope(a) is not None and _scope(a) == _scope(b) and bool(a.period and b.period)


def _times(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a * b


def _meet(a: Interval, b: Interval) -> bool:
    below = a.high is not None and b.low is not None and a.high < b.low
    above = b.high is not None and a.low is not None and b.high < a.low
    return not (below or above)


def check_product(
    shares: Sequence[Figure],
    totals: Sequence[Figure],
    results: Sequence[Figure],
    *,
    percent: bool,
    tolerance: Decimal = DEFAULT_TOLERANCE,
    window: float = DEFAULT_WINDOW_MONTHS,
) -> list[ArithmeticCheck]:
    """``result = share x total`` for every share and total that go together, checked against
    the results that go with them. A ``percent`` share counts as a fraction (10% is 0.1).

    >>> share = Figure(1, Decimal(10), Decimal(10), Hedge.APPROXIMATELY, document=1)
    >>> total = Figure(2, Decimal(4000), Decimal(6000), Hedge.RANGE, document=1)
    >>> goulet = Figure(3, Decimal(400), Decimal(600), Hedge.RANGE, document=1)
    >>> [check] = check_product([share], [total], [goulet], percent=True)
    >>> str(check.low), str(check.high), check.against
    ('400', '600', ((3, True),))
    """
    scale = Decimal("0.01") if percent else Decimal(1)
    checks = []
    for share in shares:
        for total in totals:
            if not _together(share, total, window):
                continue
            low = _times(_times(share.low, scale), total.low)
            high = _times(_times(share.high, scale), total.high)
            low = None if low is None else Decimal(format(low.normalize(), "f"))
            high = None if high is None else Decimal(format(high.normalize(), "f"))
            worked = Interval(0, *_widened(low, high, share.hedge, tolerance))
            against = tuple(
                (result.id, _meet(worked, widen(result, tolerance)))
                for result in results
                if _together(result, share, window)
            )
            if against:
                checks.append(ArithmeticCheck("product", (share.id, total.id), low, high, against))
    return checks


def _widened(
    low: Decimal | None, high: Decimal | None, hedge: Hedge, tolerance: Decimal
) -> tuple[Decimal | None, Decimal | None]:
    interval = widen(Figure(0, low, high, hedge), tolerance)
    return interval.low, interval.high


def check_part(
    parts: Sequence[Figure],
    wholes: Sequence[Figure],
    *,
    tolerance: Decimal = DEFAULT_TOLERANCE,
    window: float = DEFAULT_WINDOW_MONTHS,
) -> list[ArithmeticCheck]:
    """``part <= whole`` for every part and whole that go together."""
    checks = []
    for part in parts:
        for whole in wholes:
            if _together(part, whole, window):
                p, w = widen(part, tolerance), widen(whole, tolerance)
                ok = p.low is None or w.high is None or p.low <= w.high
                checks.append(
                    ArithmeticCheck("part", (part.id,), part.low, part.high, ((whole.id, ok),))
                )
    return checks
