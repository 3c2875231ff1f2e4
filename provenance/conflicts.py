"""Which figures for one quantity disagree: pure, no database.

Each figure is an interval ``[low, high]`` (``None`` is an open bound). Approximate figures
("about 1,200", "roughly 10%") are widened by a relative tolerance, 10% by default, before
comparing: "about 1,200" covers 1,080 to 1,320. Exact figures, ranges, vague amounts (whose
bounds already come from a table) and open-ended figures ("at least 250") are taken as stated.
Two figures disagree when their intervals do not meet; touching intervals meet.

Disagreeing pairs are found with a sorted sweep, not by comparing all pairs: after sorting by
lower bound, the figures above a given one's upper bound form a suffix found by bisection, so
the work is ``O(n log n)`` plus the pairs reported.

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
from decimal import Decimal

from provenance.figures import Hedge

DEFAULT_TOLERANCE = Decimal("0.1")
WIDENED_HEDGES = frozenset({Hedge.APPROXIMATELY})


@dataclass(frozen=True, slots=True)
class Figure:
    """What the comparison needs of a claim: an id, its bounds and its hedge."""

    id: int
    low: Decimal | None
    high: Decimal | None
    hedge: Hedge


@dataclass(frozen=True, slots=True)
class Interval:
    """A figure's interval after widening; ``None`` is an open bound."""

    id: int
    low: Decimal | None
    high: Decimal | None


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Two figures whose intervals do not meet: ``lower`` lies wholly below ``upper``."""

    lower: int
    upper: int
    gap: Decimal
    relative_gap: Decimal


@dataclass(frozen=True, slots=True)
class Comparison:
    intervals: tuple[Interval, ...]
    disagreements: tuple[Disagreement, ...]

    @property
    def agree(self) -> bool:
        return not self.disagreements

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


def _relative(gap: Decimal, below: Decimal, above: Decimal) -> Decimal:
    scale = max(abs(below), abs(above))
    return gap / scale if scale else Decimal(0)


def compare_figures(
    figures: Sequence[Figure], tolerance: Decimal = DEFAULT_TOLERANCE
) -> Comparison:
    """Widen each figure and list every pair that disagrees, most severe (largest relative gap)
    first."""
    intervals = tuple(widen(figure, tolerance) for figure in figures)
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
            found.append(Disagreement(below.id, above.id, gap, _relative(gap, below.high, low)))
    found.sort(key=lambda d: (-d.relative_gap, -d.gap, d.lower, d.upper))
    return Comparison(intervals, tuple(found))
