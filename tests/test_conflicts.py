"""The comparison: widening, the sorted sweep, severity order."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provenance.conflicts import Figure, compare_figures, standing_of, widen
from provenance.figures import Hedge


def test_seed_share_returned_disagrees() -> None:
    result = compare_figures(
        [Figure(1, D(10), D(10), Hedge.APPROXIMATELY), Figure(2, D(30), D(30), Hedge.APPROXIMATELY)]
    )
    [pair] = result.disagreements
    assert (pair.lower, pair.upper, pair.gap) == (1, 2, D("16.0"))
    assert pair.relative_gap == D("16.0") / D("27.0")


def test_seed_total_travelled_agrees() -> None:
    result = compare_figures(
        [Figure(1, D(4000), D(6000), Hedge.RANGE), Figure(2, D(3922), D(4294), Hedge.RANGE)]
    )
    assert result.agree


def test_touching_intervals_meet() -> None:
    assert compare_figures(
        [Figure(1, D(1), D(5), Hedge.RANGE), Figure(2, D(5), D(9), Hedge.RANGE)]
    ).agree


def test_tolerance_decides_whether_approximate_figures_meet() -> None:
    figures = [
        Figure(1, D(100), D(100), Hedge.APPROXIMATELY),
        Figure(2, D(125), D(125), Hedge.EXACT),
    ]
    assert not compare_figures(figures, D("0.10")).agree
    assert compare_figures(figures, D("0.25")).agree


def test_exact_figures_are_not_widened() -> None:
    assert widen(Figure(1, D(400), D(400), Hedge.EXACT)).low == D(400)


@pytest.mark.parametrize(
    ("hedge", "low", "high"),
    [(Hedge.AT_LEAST, D(250), None), (Hedge.MORE_THAN, D(300), None), (Hedge.AT_MOST, None, D(50))],
    ids=["at-least", "more-than", "at-most"],
)
def test_open_bounds_stay_open(hedge: Hedge, low: D | None, high: D | None) -> None:
    interval = widen(Figure(1, low, high, hedge))
    assert (interval.low, interval.high) == (low, high)


def test_open_bounds_count_as_open() -> None:
    at_least = Figure(1, D(250), None, Hedge.AT_LEAST)
    assert compare_figures([at_least, Figure(2, D(10000), D(10000), Hedge.EXACT)]).agree
    [pair] = compare_figures([at_least, Figure(2, D(100), D(100), Hedge.EXACT)]).disagreements
    assert (pair.lower, pair.upper) == (2, 1)


def test_most_severe_first() -> None:
    figures = [
        Figure(1, D(100), D(100), Hedge.EXACT),
        Figure(2, D(110), D(110), Hedge.EXACT),
        Figure(3, D(1000), D(1000), Hedge.EXACT),
    ]
    order = [(d.lower, d.upper) for d in compare_figures(figures).disagreements]
    assert order == [(1, 3), (2, 3), (1, 2)]


def test_negative_tolerance_is_refused() -> None:
    with pytest.raises(ValueError, match="tolerance"):
        widen(Figure(1, D(1), D(1), Hedge.APPROXIMATELY), D("-0.1"))


bound = st.one_of(st.none(), st.decimals(min_value=-1000, max_value=1000, places=1))


@st.composite
def figures(draw: st.DrawFn) -> list[Figure]:
    items = []
    for index in range(draw(st.integers(min_value=0, max_value=12))):
        low, high = draw(bound), draw(bound)
        if low is not None and high is not None and low > high:
            low, high = high, low
        if low is None and high is None:
            low = high = D(0)
        items.append(Figure(index, low, high, draw(st.sampled_from(list(Hedge)))))
    return items


@pytest.mark.fuzz
@given(figures(), st.decimals(min_value=0, max_value=D("0.5"), places=2))
def test_sweep_finds_exactly_the_disjoint_pairs(items: list[Figure], tolerance: D) -> None:
    result = compare_figures(items, tolerance)
    intervals = {i.id: i for i in result.intervals}
    expected = {
        (a.id, b.id)
        for a in intervals.values()
        for b in intervals.values()
        if a.high is not None and b.low is not None and a.high < b.low
    }
    assert {(d.lower, d.upper) for d in result.disagreements} == expected
    assert all(d.gap > 0 for d in result.disagreements)
    gaps = [d.relative_gap for d in result.disagreements]
    assert gaps == sorted(gaps, reverse=True)
    # The counts agree with the pairs listed, in all and per figure.
    assert result.pairs_total == len(expected)
    assert not result.summarised
    for figure in items:
        assert result.partners[figure.id] == sum(figure.id in pair for pair in expected)


@st.composite
def explained_figures(draw: st.DrawFn) -> list[Figure]:
    """Figures with what can explain their differences: periods, sources, scopes, variants."""
    days = [date(2020, 1, 1) + timedelta(days=30 * n) for n in range(12)]
    items = []
    for figure in draw(figures()):
        when = draw(st.one_of(st.none(), st.sampled_from(days)))
        items.append(figure._replace(
            period=(when, when) if when else None,
            source=draw(st.sampled_from([None, "a", "b"])),
            scope=draw(st.sampled_from([None, "France", "EU"])),
            published=when,
            variant=draw(st.booleans()),
        ))  # fmt: skip
    return items


@given(explained_figures(), st.booleans(), st.floats(min_value=0, max_value=12), st.data())
def test_the_standing_alone_is_the_one_the_full_comparison_gives(
    items: list[Figure], cumulative: bool, window: float, data: st.DataObject
) -> None:
    """Ranking explains pairs only until the most severe is known: the same standing and
    worst gap as comparing every pair, resolved pairs left out of both."""
    full = compare_figures(items, window=window, cumulative=cumulative)
    pairs = [(d.lower, d.upper) for d in full.disagreements]
    resolved = data.draw(st.sets(st.sampled_from(pairs))) if pairs else set()
    kept = [d for d in full.disagreements if (d.lower, d.upper) not in resolved]
    standing, gap = standing_of(items, window=window, cumulative=cumulative, left_out=resolved)
    expected = replace(full, disagreements=tuple(kept))
    assert standing == expected.standing
    assert gap == pytest.approx(expected.worst_gap)


def test_many_disagreeing_pairs_are_summarised(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the pair limit, the most severe pairs are listed and the rest counted; every
    pair is listed when asked."""
    monkeypatch.setattr("provenance.conflicts.PAIR_LIMIT", 50)
    monkeypatch.setattr("provenance.conflicts.EXTREMES", 3)
    # 20 ranges that meet each other (10-30 .. 29-49) and 20 far above (100-130 .. 119-149):
    # each low one disagrees with every high one.
    items = [Figure(i, D(10 + i), D(30 + i), Hedge.RANGE) for i in range(20)]
    items += [Figure(100 + i, D(100 + i), D(130 + i), Hedge.RANGE) for i in range(20)]
    result = compare_figures(items, notes=True)
    assert result.summarised
    assert result.pairs_total == 400
    assert {(d.lower, d.upper) for d in result.disagreements} == {
        (low, high) for low in (0, 1, 2) for high in (117, 118, 119)
    }
    assert result.disagreements[0].lower == 0
    assert result.disagreements[0].upper == 119  # the largest relative gap first
    assert result.partners[5] == 20
    assert result.partners[105] == 20
    everything = compare_figures(items, all_pairs=True)
    assert len(everything.disagreements) == everything.pairs_total == 400
    assert not everything.summarised
