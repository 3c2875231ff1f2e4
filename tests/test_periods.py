"""The as-of period grammar."""

from __future__ import annotations

from datetime import date

import pytest

from provenance.errors import InputError
from provenance.periods import Precision, parse_date, parse_period


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "written"),
    [
        ("2016-03-25", date(2016, 3, 25), date(2016, 3, 25), Precision.DAY, "2016-03-25"),
        ("2017-04", date(2017, 4, 1), date(2017, 4, 30), Precision.MONTH, "2017-04"),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 29), Precision.MONTH, "2016-02"),
        ("2016", date(2016, 1, 1), date(2016, 12, 31), Precision.YEAR, "2016"),
        (
            "2014-10/2016-06",
            date(2014, 10, 1),
            date(2016, 6, 30),
            Precision.SPAN,
            "2014-10/2016-06",
        ),
        ("2014/2016", date(2014, 1, 1), date(2016, 12, 31), Precision.SPAN, "2014/2016"),
        (
            "2016-03-01/2016-03-09",
            date(2016, 3, 1),
            date(2016, 3, 9),
            Precision.SPAN,
            "2016-03-01/2016-03-09",
        ),
        (" 2017-4 ", date(2017, 4, 1), date(2017, 4, 30), Precision.MONTH, "2017-04"),
    ],
    ids=[
        "day",
        "month",
        "leap-february",
        "year",
        "month-span",
        "year-span",
        "day-span",
        "unpadded",
    ],
)
def test_periods(text: str, start: date, end: date, precision: Precision, written: str) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.precision, str(period)) == (
        start,
        end,
        precision,
        written,
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2017-13-45", "not a date: '2017-13-45' (month 13 does not exist)"),
        ("2017-02-30", "not a date: '2017-02-30' (day 30 does not exist in 2017-02)"),
        (
            "April 2017",
            "not a date: 'April 2017' (expected YYYY-MM-DD, YYYY-MM, YYYY or START/END)",
        ),
        ("2016/2014", "not a period: '2016/2014' (it ends before it starts)"),
        (
            "2014/2015/2016",
            "not a date: '2014/2015/2016' (expected YYYY-MM-DD, YYYY-MM, YYYY or START/END)",
        ),
        ("", "not a date: '' (expected YYYY-MM-DD, YYYY-MM, YYYY or START/END)"),
    ],
    ids=["impossible-month", "impossible-day", "words", "backwards", "three-parts", "empty"],
)
def test_bad_periods(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_period(text)
    assert str(caught.value) == message


def test_publication_dates_are_days() -> None:
    assert parse_date("2017-09-17") == date(2017, 9, 17)
    with pytest.raises(InputError, match="expected YYYY-MM-DD"):
        parse_date("2017")


def test_a_span_of_years_written_with_a_dash_is_a_period() -> None:
    assert str(parse_period("2014-2016")) == "2014/2016"
    with pytest.raises(InputError, match="ends before it starts"):
        parse_period("2016-2014")
