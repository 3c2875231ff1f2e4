"""Which figures for one quantity disagree: pure, no database.

Each figure is an interval ``[low, high]`` (``None`` is an open bound). Approximate figures
("about 1,200", "roughly 10%") are widened by a relative tolerance, 10% by default, before
comparing: "about 1,200" covers 1,080 to 1,320. Exact figures, ranges, vague amounts (whose
bounds already come from a table) and open-ended figures ("at least 250") are taken as stated.
Two figures disagree when their intervals do not meet; touching intervals meet.

Disagreeing pairs are found with a sorted sweep, not by comparing all pairs: after sorting by
lower bound, the figures above a given one's upper bound form a suffix found by bisection, so
the work is ``O(n log n)`` plus the pairs reported.

A disagreement is not always a contradiction. Each is explained, when it can be, in this order:

* **same origin**: both figures trace to one source (the report two papers quote): a misquote
  or a rounding, not two sources disagreeing;
* **change over time**: their periods (as-of) lie further apart than a window, 6 months by
  default: the quantity may simply have changed;
* **scope differs**: their stated scopes differ ("Europe", "EU"): for a person to judge.

What remains is a **contradiction**. Contradictions come first, the largest relative gap
first, the more recent first on a tie. Figures that agree but state different scopes are
noted too, and support is counted by independent sources, not by how often a figure was
printed.

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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from itertools import combinations

from provenance.figures import Hedge

DEFAULT_TOLERANCE = Decimal("0.1")
DEFAULT_WINDOW_MONTHS = 6.0
WIDENED_HEDGES = frozenset({Hedge.APPROXIMATELY})


class Explanation(StrEnum):
    """Why two figures that do not meet may not contradict each other."""

    SAME_ORIGIN = "same origin"
    CHANGE_OVER_TIME = "change over time"
    SCOPE_DIFFERS = "scope differs"


@dataclass(frozen=True, slots=True)
class Figure:
    """What the comparison needs of a claim: an id, its bounds and hedge, and the context
    that can explain a difference (each optional)."""

    id: int
    low: Decimal | None
    high: Decimal | None
    hedge: Hedge
    period: tuple[date, date] | None = None  # the first and last day it describes
    scope: str | None = None
    source: str | None = None  # what it traces to: the primary source, or the speaker
    published: date | None = None


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

    @property
    def verdict(self) -> str:
        return self.explanation.value if self.explanation else "contradiction"


@dataclass(frozen=True, slots=True)
class Comparison:
    intervals: tuple[Interval, ...]
    disagreements: tuple[Disagreement, ...]
    scope_notes: tuple[tuple[int, int], ...] = ()  # pairs that agree but state other scopes
    sources: int = 0  # independent sources among the figures

    @property
    def agree(self) -> bool:
        return not self.disagreements

    @property
    def contradictions(self) -> tuple[Disagreement, ...]:
        return tuple(d for d in self.disagreements if d.explanation is None)

    def disagreeing_ids(self) -> frozenset[int]:
        return frozenset(i for d in self.disagreements for i in (d.lower, d.upper))


def widen(figure: Figure, tolerance: Decimal = DEFAULT_TOLERANCE) -> Interval:
    """The interval a figure stands for once approximation is allowed for.

    >>> widen(Figure(1, Decimal(10), Decimal(10), Hedge.APPROXIMATELY))
    Interval(id=1, low=Decimal('9.0'), high=Decimal('11.0'))
    >>> widen(Figure(2, Decimal(3922), Decimal(4294), Hedge.RANGE))
    Interval(id=2, low=Decimal('3922'), high=Decimal('4294'))
    """
    if tolerance < 0:
        raise ValueError(f"tolerance must not be negative, got {tolerance}")
    low, high = figure.low, figure.high
    if figure.hedge in WIDENED_HEDGES:
        low = None if low is None else low - abs(low) * tolerance
        high = None if high is None else high + abs(high) * tolerance
    return Interval(figure.id, low, high)


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
    return " ".join(figure.scope.casefold().split()) if figure.scope else None


def _explain(a: Figure, b: Figure, window: float) -> tuple[Explanation | None, float | None]:
    months = months_between(a.period, b.period) if a.period and b.period else None
    if a.source and a.source == b.source:
        return Explanation.SAME_ORIGIN, months
    if months is not None and months > window:
        return Explanation.CHANGE_OVER_TIME, months
    if _scope(a) and _scope(b) and _scope(a) != _scope(b):
        return Explanation.SCOPE_DIFFERS, months
    return None, months


def _relative(gap: Decimal, below: Decimal, above: Decimal) -> Decimal:
    scale = max(abs(below), abs(above))
    return gap / scale if scale else Decimal(0)


def compare_figures(
    figures: Sequence[Figure],
    tolerance: Decimal = DEFAULT_TOLERANCE,
    window: float = DEFAULT_WINDOW_MONTHS,
) -> Comparison:
    """Widen each figure, list every pair that disagrees with its explanation (contradictions
    first, the largest relative gap first), and note agreeing pairs of other scopes."""
    intervals = tuple(widen(figure, tolerance) for figure in figures)
    by_id = {figure.id: figure for figure in figures}
    # Figures with an open lower bound can never lie above another, so they are left out here.
    ordered = sorted(
        ((i.low, i) for i in intervals if i.low is not None), key=lambda pair: (pair[0], pair[1].id)
    )
    lows = [low for low, _ in ordered]
    found: list[Disagreement] = []
    for below in intervals:
        if below.high is None:
            continue
        for low, above in ordered[bisect.bisect_right(lows, below.high) :]:
            gap = low - below.high
            explanation, months = _explain(by_id[below.id], by_id[above.id], window)
            relative = _relative(gap, below.high, low)
            found.append(Disagreement(below.id, above.id, gap, relative, explanation, months))
    newest = {f.id: f.published or date.min for f in figures}

    def severity(d: Disagreement) -> tuple[object, ...]:
        recent = max(newest[d.lower], newest[d.upper])
        return (d.explanation is not None, -d.relative_gap, -recent.toordinal(), d.lower, d.upper)

    found.sort(key=severity)
    disagreeing = {(d.lower, d.upper) for d in found} | {(d.upper, d.lower) for d in found}
    notes = tuple(
        (a.id, b.id)
        for a, b in combinations(figures, 2)
        if (a.id, b.id) not in disagreeing and _scope(a) and _scope(b) and _scope(a) != _scope(b)
    )
    sources = len({f.source or f"#{f.id}" for f in figures})
    return Comparison(intervals, tuple(found), notes, sources)
