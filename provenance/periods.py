"""The period a figure describes ("as of"), with its precision.

Written in ISO 8601 forms: a day ``2016-03-25``, a month ``2017-04``, a year ``2016``, or a span
``START/END`` whose ends are any of those (``2014-10/2016-06``). A period is kept both as that
text and as the first and last day it covers, so it can be compared and queried.

>>> april = parse_period("2017-04")
>>> april.start, april.end, april.precision.value
(datetime.date(2017, 4, 1), datetime.date(2017, 4, 30), 'month')
>>> str(parse_period("2014-10/2016-06"))
'2014-10/2016-06'
>>> parse_period("2017-13-45")
Traceback (most recent call last):
...
provenance.errors.InputError: not a date: '2017-13-45' (month 13 does not exist)
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from provenance.errors import InputError


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    SPAN = "span"


_PART = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_FORMS = "YYYY-MM-DD, YYYY-MM, YYYY or START/END"


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date
    precision: Precision

    def __str__(self) -> str:
        return format_period(self)


def _parse_part(text: str, whole: str, forms: str = _FORMS) -> tuple[date, date, Precision]:
    match = _PART.fullmatch(text.strip())
    if not match:
        raise InputError(f"not a date: {whole!r} (expected {forms})")
    year = int(match[1])
    if match[2] is None:
        return date(year, 1, 1), date(year, 12, 31), Precision.YEAR
    month = int(match[2])
    if not 1 <= month <= 12:
        raise InputError(f"not a date: {whole!r} (month {month} does not exist)")
    last = calendar.monthrange(year, month)[1]
    if match[3] is None:
        return date(year, month, 1), date(year, month, last), Precision.MONTH
    day = int(match[3])
    if not 1 <= day <= last:
        raise InputError(f"not a date: {whole!r} (day {day} does not exist in {year}-{month:02d})")
    return date(year, month, day), date(year, month, day), Precision.DAY


_YEAR_SPAN = re.compile(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*")  # "2014-2016": no month is 2016


def parse_period(text: str) -> Period:
    """Read a period in one of the ISO forms above, or a span of years written with a dash
    ("2014-2016", as people write one); raise :class:`InputError` naming the text.

    >>> str(parse_period("2014-2016")), str(parse_period("2014 – 2016"))
    ('2014/2016', '2014/2016')
    """
    years = _YEAR_SPAN.fullmatch(text)
    if years:
        text = f"{years[1]}/{years[2]}"
    parts = text.split("/")
    if len(parts) == 1:
        start, end, precision = _parse_part(parts[0], text)
        return Period(start, end, precision)
    if len(parts) == 2:
        start, _, _ = _parse_part(parts[0], text)
        _, end, _ = _parse_part(parts[1], text)
        if end < start:
            raise InputError(f"not a period: {text!r} (it ends before it starts)")
        return Period(start, end, Precision.SPAN)
    raise InputError(f"not a date: {text!r} (expected {_FORMS})")


def parse_date(text: str) -> date:
    """Read one calendar day written ``YYYY-MM-DD``.

    >>> parse_date("2016-03-25")
    datetime.date(2016, 3, 25)
    >>> parse_date("2016-03")
    Traceback (most recent call last):
    ...
    provenance.errors.InputError: not a date: '2016-03' (expected YYYY-MM-DD)
    """
    start, _, precision = _parse_part(text, text, "YYYY-MM-DD")
    if precision is not Precision.DAY:
        raise InputError(f"not a date: {text!r} (expected YYYY-MM-DD)")
    return start


def _format_start(day: date, precision: Precision) -> str:
    if precision is Precision.YEAR:
        return f"{day.year:04d}"
    if precision is Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _span_end_precision(start: date, end: date) -> Precision:
    if end.month == 12 and end.day == 31 and start.day == 1 and start.month == 1:
        return Precision.YEAR
    if end.day == calendar.monthrange(end.year, end.month)[1] and start.day == 1:
        return Precision.MONTH
    return Precision.DAY


def format_period(period: Period) -> str:
    """Write a period back in its ISO form (``2016``, ``2017-04``, ``2014-10/2016-06``).

    >>> format_period(Period(date(2016, 1, 1), date(2016, 12, 31), Precision.YEAR))
    '2016'
    """
    if period.precision is not Precision.SPAN:
        return _format_start(period.start, period.precision)
    precision = _span_end_precision(period.start, period.end)
    return f"{_format_start(period.start, precision)}/{_format_start(period.end, precision)}"


# A publication date this many days after today is a typing error (time zones allow one).
FUTURE_DAYS = 1


def not_in_future(day: date, what: str = "date") -> date:
    """``day``, unless it is a publication date still to come (a typing error: 2099, 2062).

    >>> not_in_future(date(2099, 1, 1))
    Traceback (most recent call last):
    ...
    provenance.errors.InputError: date 2099-01-01 is in the future
    """
    if day > date.today() + timedelta(days=FUTURE_DAYS):
        raise InputError(f"{what} {day.isoformat()} is in the future")
    return day
