"""The one output layer: every listing goes through :func:`render` in one :class:`Format`.

Cells are formatted here, once, so a figure prints exactly as stored: decimals in their
canonical form, dates in ISO form, lists joined with ``; ``. tabulate is called with
``disable_numparse=True`` so it never reformats a number.

>>> print(render([{"figure": "about 1,200", "low": Decimal("1200")}], Format.MARKDOWN))
| figure      | low   |
|-------------|-------|
| about 1,200 | 1200  |
"""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum, StrEnum
from itertools import chain, islice, repeat
from operator import itemgetter
from types import NoneType
from typing import Any, cast

from provenance.figures import format_decimal

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def flat_row(record: Any) -> dict[str, Any]:
    """A flat record's fields by name. ``dataclasses.asdict`` deep-copies every value, which
    took most of a long listing's time; a record's values are immutable and need no copy."""
    kind = type(record)
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(record))
    return {name: getattr(record, name) for name in names}


Cell = str | int | float | Decimal | date | datetime | Enum | Sequence[str] | None
Row = Mapping[str, Cell]


class Format(StrEnum):
    """How a listing is written."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    MARKDOWN = "markdown"


class ExportFormat(StrEnum):
    """What `export` writes: a citation table, a bibliography, schema.org claims, W3C PROV
    (each written by its writer in :data:`provenance.views.EXPORT_WRITERS`), or a lossless
    backup of the database (:meth:`provenance.Archive.backup`)."""

    CSV = "csv"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"
    BIBTEX = "bibtex"
    BIBLATEX = "biblatex"
    CSL_JSON = "csl-json"
    REFERENCES = "references"
    JSONLD = "jsonld"
    PROV_JSON = "prov-json"
    PROV_N = "prov-n"
    BACKUP = "backup"


def format_cell(value: Cell) -> str:
    """A cell as text: the exact decimal, the ISO date, the enum's value, a ``; ``-joined list.

    >>> format_cell(Decimal("4E+3")), format_cell(None), format_cell(("EU", "returns"))
    ('4000', '', 'EU; returns')
    """
    if value is None:
        return ""
    if type(value) is str:  # the commonest cell first
        return value
    if isinstance(value, Decimal):
        text = str(value)  # a whole number without an exponent is written canonically already
        return text if text.isdigit() else format_decimal(value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format(value, "g")  # scores, never figures: figures are Decimals
    return "; ".join(value)


def json_value(value: Any) -> Any:
    """A value as JSON data. Decimals become JSON numbers without passing through a lossy
    float: integers exactly, fractions as floats only when the float reads back to the same
    decimal, otherwise as strings.

    >>> json_value(Decimal("3922")), json_value(Decimal("33.3"))
    (3922, 33.3)
    >>> json_value(Decimal("0.1000000000000000055511"))
    '0.1000000000000000055511'
    """
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        as_float = float(value)
        return as_float if Decimal(repr(as_float)) == value else format_decimal(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return json_value(dataclasses.asdict(value))  # a record from provenance.records
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return value


def to_json(data: Any) -> str:
    return json.dumps(json_value(data), indent=2, ensure_ascii=False)


def _escape_markdown(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render(rows: Sequence[Row], fmt: Format, columns: Sequence[str] | None = None) -> str:
    """Render rows (mappings with the same keys) in a format; no trailing newline."""
    names = list(columns) if columns is not None else list(rows[0]) if rows else []
    if fmt is Format.JSON:
        return to_json([{name: row.get(name) for name in names} for row in rows])
    if fmt is Format.CSV:
        return render_csv(rows, names).rstrip("\n")
    # People read tables and Markdown: headers get spaces; CSV and JSON keep the field names.
    headers = [name.replace("_", " ") for name in names]
    cells = [[format_cell(row.get(name)) for name in names] for row in rows]
    from tabulate import tabulate  # loaded for tables alone: `--help` and CSV need none of it

    if fmt is Format.MARKDOWN:
        cells = [[_escape_markdown(cell) for cell in line] for line in cells]
        return tabulate(cells, headers=headers, tablefmt="github", disable_numparse=True)
    return tabulate(cells, headers=headers, tablefmt="simple", disable_numparse=True)


# Cells a spreadsheet would run as a formula: OWASP's list of leading characters. A number
# ("-5", "+3.2", "-1,200", "-4%") is left alone so that it stays a number.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?")
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")
_RISKY_FIRST = frozenset("=+-@\t\r'")


def spreadsheet_safe(text: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs: a leading ``'`` before a formula.

    A cell that already starts with quotes before a formula character gets one more, so that
    :func:`spreadsheet_text` gives back exactly what was written.

    >>> spreadsheet_safe("=1+2"), spreadsheet_safe("-5"), spreadsheet_safe("@SUM(A1)")
    ("'=1+2", '-5', "'@SUM(A1)")
    >>> spreadsheet_text(spreadsheet_safe("'=1")), spreadsheet_text(spreadsheet_safe("-4%"))
    ("'=1", '-4%')
    """
    if not text or text[0] not in _RISKY_FIRST:  # most cells: nothing to look at
        return text
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    if _NEUTRALISED.match(text):
        return "'" + text
    return text


def spreadsheet_text(cell: str) -> str:
    """The text a cell written by :func:`spreadsheet_safe` holds (for reading a CSV back)."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell


def _csv_cell(value: Cell) -> str:
    return spreadsheet_safe(format_cell(value))


CHUNK = 1 << 16  # streamed text is handed on in pieces of about 64 KB


def csv_chunks(rows: Iterable[Row], columns: Sequence[str]) -> Iterator[str]:
    """The one CSV writer: a header row, then each row as it comes, a newline after each;
    every cell formatted as in the other formats and made safe to open in a spreadsheet."""
    return csv_value_chunks(([row.get(name) for name in columns] for row in rows), columns)


# Cells the csv module writes as format_cell would, and never risky: nothing (written empty),
# integers (a negative one is a number), dates. Text needs its first characters looked at;
# exact decimals are written as plain numbers, never risky either.
_AS_WRITTEN = frozenset({NoneType, int, bool, date})
_DECIMALS = frozenset({NoneType, Decimal})
_LISTS = frozenset({tuple, list})
_joined = "; ".join
_first = itemgetter(0)


def _csv_column(values: Sequence[Cell]) -> Sequence[Cell]:
    """One column of a batch of rows, as :func:`csv_chunks` writes its cells: what
    ``spreadsheet_safe(format_cell(value))`` gives for each, worked out for the whole column
    at once when its values are of the common kinds (a million rows in seconds, not tens)."""
    kinds = set(map(type, values))
    if kinds <= _AS_WRITTEN:
        return values
    if all(kind is NoneType or issubclass(kind, str) for kind in kinds):
        texts = cast(Sequence[str | None], values)
        if set(map(_first, filter(None, texts))).isdisjoint(_RISKY_FIRST):
            return values  # no text starts as a formula might (an enum's member: its value)
        return [text if text is None else spreadsheet_safe(text) for text in texts]
    if kinds <= _DECIMALS:
        numbers = ["" if value is None else str(value) for value in values]
        if "".join(numbers).isdigit():  # whole numbers without exponents: canonical as they are
            return numbers
        return [value if value is None else format_cell(value) for value in values]
    if kinds <= _LISTS:
        lists = cast(Sequence[Sequence[str]], values)
        return _csv_column(list(map(_joined, lists)))  # lists of text: joined as format_cell does
    return [_csv_cell(value) for value in values]


Batch = Sequence[Sequence[Any]]  # rows given column by column: each column's values


def batches_of(rows: Iterable[Sequence[Any]], size: int = 1_000) -> Iterator[Batch]:
    """Rows (each its cells in the order of the columns) as batches, column by column."""
    given = iter(rows)
    while batch := list(islice(given, size)):
        yield list(zip(*batch, strict=True))


def csv_value_chunks(rows: Iterable[Sequence[Cell]], columns: Sequence[str]) -> Iterator[str]:
    """:func:`csv_chunks` of rows given as their cells, in the order of ``columns``."""
    return csv_column_chunks(batches_of(rows), columns)


def csv_column_chunks(batches: Iterable[Batch], columns: Sequence[str]) -> Iterator[str]:
    """:func:`csv_chunks` of batches of rows given column by column (in the order of
    ``columns``), each formatted a column at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([spreadsheet_safe(name) for name in columns])
    for batch in batches:
        writer.writerows(zip(*map(_csv_column, batch), strict=True))
        if buffer.tell() >= CHUNK:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def render_csv(rows: Iterable[Row], columns: Sequence[str]) -> str:
    """CSV with a header row and a newline after each row (see :func:`csv_chunks`)."""
    return "".join(csv_chunks(rows, columns))


# Pages the tool writes load nothing and run nothing: styles and charts are inline.
CONTENT_POLICY = (
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
    "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">"
)


def render_html(rows: Sequence[Row], columns: Sequence[str], title: str) -> str:
    """A self-contained HTML page holding one table; every cell is escaped.

    >>> "<td>&lt;b&gt;</td>" in render_html([{"a": "<b>"}], ["a"], "T")
    True
    """
    head = "".join(f"<th>{html.escape(name.replace('_', ' '))}</th>" for name in columns)
    body = "\n".join(
        "<tr>"
        + "".join(f"<td>{html.escape(format_cell(row.get(name)))}</td>" for name in columns)
        + "</tr>"
        for row in rows
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en">\n<head>\n<meta charset="utf-8">\n{CONTENT_POLICY}\n'
        f"<title>{html.escape(title)}</title>\n"
        "<style>table{border-collapse:collapse;font:14px sans-serif}"
        "th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}"
        "th{background:#f4f4f4}</style>\n</head>\n<body>\n"
        f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n"
        "</body>\n</html>\n"
    )


_json_string = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) uses


def _json_text(value: Any) -> str:
    """A field's value as :func:`to_json` writes it in a list of objects (its lines after
    the first indented to the object's fields)."""
    if isinstance(value, str):  # text, and an enum's member: its value
        return _json_string(value)
    if value is None:
        return "null"
    if type(value) is int:
        return int.__repr__(value)
    if type(value) is tuple or type(value) is list:
        if not value:
            return "[]"
        if all(isinstance(item, str) for item in value):
            items = ",\n      ".join([_json_string(item) for item in value])
            return f"[\n      {items}\n    ]"
    data = json_value(value)
    if isinstance(data, str | int) and not isinstance(data, bool):  # a date, a whole decimal
        return _json_text(data)
    return json.dumps(data, indent=2, ensure_ascii=False).replace("\n", "\n    ")


def _json_column(values: Sequence[Any]) -> str | Iterable[str]:
    """One column's values as :func:`_json_text` writes each, the commonest kinds a column at
    a time; a column of one value throughout (all null, all "unreviewed") as its one text."""
    kinds = set(map(type, values))
    kind = next(iter(kinds)) if len(kinds) == 1 else None
    if kind is not None and (kind in _SAME_TEXT or issubclass(kind, Enum)):
        # values equal only if written alike (no decimal, no float, a list only of text);
        # the ends tried first, as most columns differ there, and no text hashed
        value = values[0]
        alike = values[-1] == value and values.count(value) == len(values)
        if alike and (kind is not tuple or all(isinstance(item, str) for item in value)):
            return _json_text(value)
    if all(issubclass(kind, str) for kind in kinds):  # text, an enum's member: its value
        return map(_json_string, values)
    if all(kind is NoneType or issubclass(kind, str) for kind in kinds):
        return ["null" if value is None else _json_string(value) for value in values]
    if kinds <= {NoneType, int}:
        return ["null" if value is None else int.__repr__(value) for value in values]
    if kinds <= _DATES:  # ISO dates: nothing in them to escape
        return ["null" if value is None else f'"{value.isoformat()}"' for value in values]
    if kinds <= _DECIMALS:
        numbers = ["null" if value is None else str(value) for value in values]
        if "".join(numbers).replace("null", "").isdigit():  # whole: json_value's int
            return numbers
    return map(_json_text, values)


_DATES = frozenset({NoneType, date})
_SAME_TEXT = frozenset({NoneType, str, int, date, tuple})  # equal values, equal JSON


def json_value_chunks(rows: Iterable[Sequence[Any]], columns: Sequence[str]) -> Iterator[str]:
    """Rows given as their values in the order of ``columns``, as the JSON list of objects
    :func:`to_json` writes for them (and a newline)."""
    return json_column_chunks(batches_of(rows), columns)


def json_column_chunks(batches: Iterable[Batch], columns: Sequence[str]) -> Iterator[str]:
    """:func:`json_value_chunks` of batches of rows given column by column: a batch is one
    join of each field's value between the text that comes before it (",\n    \"id\": ")."""
    keys = [_json_string(name) for name in columns]
    before = [",\n  {\n    " + keys[0] + ": "] + [",\n    " + key + ": " for key in keys[1:]]
    first = True
    for batch in batches:
        rows = len(batch[0]) if batch else 0
        parts: list[Iterable[str]] = []
        same = ""  # text every row has here: a column's name, and its value if always null
        for text, values in zip(before, batch, strict=True):
            column = _json_column(values)
            if isinstance(column, str):
                same += text + column
            else:
                parts += [repeat(same + text, rows), column]
                same = ""
        parts.append(repeat(same + "\n  }", rows))  # each object's end, after its fields
        # the rows' pieces in order: fewer pieces to join where whole columns are null
        pieces = "".join(chain.from_iterable(zip(*parts, strict=True)))
        yield "[\n" + pieces[2:] if first else pieces
        first = False
    yield "[]\n" if first else "\n]\n"


def stream_columns(batches: Iterable[Batch], fmt: Format, columns: Sequence[str]) -> Iterator[str]:
    """Batches of rows given column by column (in the order of ``columns``), as
    :func:`render` writes those rows (and a newline), a piece at a time: CSV and JSON a batch
    at a time; a table or Markdown, which needs every row to size its columns, once all are
    in."""
    if fmt is Format.CSV:
        yield from csv_column_chunks(batches, columns)
    elif fmt is Format.JSON:
        yield from json_column_chunks(batches, columns)
    else:
        names = list(columns)
        rows = [
            dict(zip(names, values, strict=True))
            for batch in batches
            for values in zip(*batch, strict=True)
        ]
        yield render(rows, fmt, names) + "\n"


def stream_values(
    rows: Iterable[Sequence[Any]], fmt: Format, columns: Sequence[str]
) -> Iterator[str]:
    """:func:`stream_columns` of rows given as their values in the order of ``columns``."""
    return stream_columns(batches_of(rows), fmt, columns)


def stream(rows: Iterable[Row], fmt: Format, columns: Sequence[str]) -> Iterator[str]:
    """Render rows as they come, one chunk of text at a time, for output too large to hold.

    CSV and JSON are written row by row; a table or Markdown needs every row to size its
    columns, so those are rendered once all rows are in.
    """
    if fmt is Format.CSV:
        yield from csv_chunks(rows, columns)
    elif fmt is Format.JSON:
        separator = "[\n"
        for row in rows:
            item = json.dumps(json_value({n: row.get(n) for n in columns}), ensure_ascii=False)
            yield f"{separator}  {item}"
            separator = ",\n"
        yield "[]\n" if separator == "[\n" else "\n]\n"
    else:
        text = render(list(rows), fmt, columns)
        yield text + "\n" if text else ""
