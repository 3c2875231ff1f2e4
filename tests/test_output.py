"""The output layer prints figures exactly as stored, in every format."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest

from provenance.output import Format, json_value, render

ROWS = [
    {"figure": "between 3,922 and 4,294", "low": Decimal("3922"), "published": date(2017, 9, 17)},
    {"figure": "a | b", "low": Decimal("0.1"), "published": None},
]


def test_table_keeps_numbers_as_written() -> None:
    assert render(ROWS, Format.TABLE) == (
        "figure                   low    published\n"
        "-----------------------  -----  -----------\n"
        "between 3,922 and 4,294  3922   2017-09-17\n"
        "a | b                    0.1"
    )


def test_markdown_escapes_pipes() -> None:
    lines = render(ROWS, Format.MARKDOWN).splitlines()
    assert lines[3] == "| a \\| b                  | 0.1   |             |"


def test_csv_round_trips_through_the_csv_module() -> None:
    rows = list(csv.DictReader(io.StringIO(render(ROWS, Format.CSV))))
    assert rows[0] == {
        "figure": "between 3,922 and 4,294",
        "low": "3922",
        "published": "2017-09-17",
    }
    assert rows[1]["published"] == ""


def test_json_numbers_are_exact() -> None:
    data = json.loads(render(ROWS, Format.JSON), parse_float=Decimal)
    assert data[0]["low"] == 3922
    assert data[1]["low"] == Decimal("0.1")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("4E+3"), 4000),
        (Decimal("12345678901234567890123"), 12345678901234567890123),
        (Decimal("2.5"), 2.5),
        (Decimal("0.12345678901234567890"), "0.1234567890123456789"),
    ],
    ids=["exponent", "huge-integer", "short-fraction", "long-fraction"],
)
def test_json_value(value: Decimal, expected: object) -> None:
    assert json_value(value) == expected


def test_empty_listing_renders_nothing_but_csv_header() -> None:
    assert render([], Format.TABLE, ("a", "b")) == "a    b\n---  ---"
    assert render([], Format.CSV, ("a", "b")) == "a,b"
    assert render([], Format.JSON, ("a",)) == "[]"
