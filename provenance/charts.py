"""Timelines of one quantity's figures, drawn with matplotlib (no display needed).

Each figure is a vertical bar at the middle of the period it describes (its as-of, else its
publication date), from its lower to its upper bound; a lighter bar behind it is the interval
it was compared with (approximate figures widened). An open bound ("at least 250") is drawn as
an arrow running off the chart. Bars are coloured by how the figure fares against the others
and labelled with the figure and who stated it. Pure: records in, bytes out.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")  # before pyplot: draw to files, never to a screen

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter

from provenance.periods import parse_period
from provenance.records import ClaimRecord

if TYPE_CHECKING:
    from provenance.store import QuantityComparison

_EPOCH = date(1970, 1, 1)  # matplotlib's dates are days since this day


def _day(when: date) -> float:
    return float((when - _EPOCH).days)


COLOURS = {"contradiction": "#c0392b", "explained": "#e67e22", "agrees": "#2c7fb8"}


def _when(as_of: str | None, published: date | None) -> date | None:
    if as_of:
        period = parse_period(as_of)
        return period.start + (period.end - period.start) / 2
    return published


def _standing(result: QuantityComparison) -> dict[int, str]:
    standing = {claim.id: "agrees" for claim in result.claims}
    for d in result.comparison.disagreements:
        kind = "contradiction" if d.explanation is None else "explained"
        for claim_id in (d.lower, d.upper):
            if standing[claim_id] != "contradiction":
                standing[claim_id] = kind
    return standing


def timeline(result: QuantityComparison, fmt: str = "png") -> bytes:
    """The timeline of a quantity's figures as PNG or SVG bytes."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"charts are png or svg, not {fmt!r}")
    intervals = {i.id: i for i in result.comparison.intervals}
    standing = _standing(result)
    placed: list[tuple[ClaimRecord, date]] = []
    for claim in result.claims:
        when = _when(claim.as_of, claim.published)
        if when is not None:
            placed.append((claim, when))
    values = [
        float(v)
        for claim, _ in placed
        for v in (claim.low, claim.high, intervals[claim.id].low, intervals[claim.id].high)
        if v is not None
    ]
    top = max(values, default=1.0) * 1.15 or 1.0
    bottom = min(0.0, min(values, default=0.0))
    figure, axes = plt.subplots(figsize=(9, 4.8), dpi=100)
    try:
        for index, (claim, when) in enumerate(placed):
            x = _day(when) + (index % 3 - 1) * 4  # nudge figures of one day apart
            colour = COLOURS[standing[claim.id]]
            compared = intervals[claim.id]
            low = float(compared.low) if compared.low is not None else bottom
            high = float(compared.high) if compared.high is not None else top
            axes.vlines(x, low, high, colors=colour, linewidth=10, alpha=0.25)
            stated_low = float(claim.low) if claim.low is not None else bottom
            stated_high = float(claim.high) if claim.high is not None else top
            axes.vlines(x, stated_low, stated_high, colors=colour, linewidth=3)
            if claim.low == claim.high and claim.low is not None:
                axes.plot([x], [float(claim.low)], marker="o", color=colour)
            for bound, end in ((claim.low, bottom), (claim.high, top)):
                if bound is None:  # an open bound runs off the chart
                    other = claim.high if end == bottom else claim.low
                    start = float(other) if other is not None else (top + bottom) / 2
                    axes.annotate(
                        "", xy=(x, end), xytext=(x, start),
                        arrowprops={"arrowstyle": "->", "color": colour, "linewidth": 2},
                    )  # fmt: skip
            who = claim.stated_by if not claim.unattributed else claim.outlet
            axes.annotate(
                f"#{claim.id} {claim.figure}\n{who or 'unknown'}",
                (x, stated_high if claim.high is not None else stated_low),
                xytext=(6, 4), textcoords="offset points", fontsize=8,
            )  # fmt: skip
        days = [when for _, when in placed]
        if days:
            margin = timedelta(days=120)
            axes.set_xlim(_day(min(days) - margin), _day(max(days) + margin * 2))
        axes.set_ylim(bottom, top)
        axes.xaxis.set_major_formatter(
            FuncFormatter(lambda value, _: (_EPOCH + timedelta(days=value)).strftime("%Y-%m"))
        )
        axes.set_ylabel(result.quantity.unit)
        axes.set_title(result.quantity.label, fontsize=11)
        axes.grid(axis="y", alpha=0.3)
        for name, colour in COLOURS.items():
            axes.plot([], [], color=colour, linewidth=3, label=name)
        axes.legend(loc="upper left", fontsize=8, frameon=False)
        figure.tight_layout()
        buffer = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {}
        figure.savefig(buffer, format=fmt, metadata=metadata)
        return buffer.getvalue()
    finally:
        plt.close(figure)
