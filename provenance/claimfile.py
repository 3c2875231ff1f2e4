"""Reading claims files: the CSV and JSON formats that `provenance import` accepts.

CSV: a header row of columns from :data:`~provenance.records.CLAIM_COLUMNS` (``figure`` is
required, the rest optional, in any order); ``topics`` holds ``;``-separated tags. This is the
same format ``provenance claims --format csv`` writes, so a listing can be edited in a
spreadsheet and imported again.

JSON: either a list of claim objects with the same keys, or an object
``{"quantities": [...], "claims": [...]}`` whose quantities have ``label``, ``unit`` and
optionally ``key``, ``definition``, ``scope`` and ``topics``.

Every problem is reported with the file and the row (CSV line number, or JSON item number).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path
from typing import Any

from provenance.errors import ImportFileError
from provenance.output import spreadsheet_text
from provenance.records import CLAIM_COLUMNS, CLAIM_EXTRA, ClaimInput, QuantityInput

# Whether a claim's place was read from its article is the extractor's to say, not a column.
_CLAIM_FIELDS = {f.name for f in fields(ClaimInput)} - {"scope_inferred"}
_QUANTITY_FIELDS = {f.name for f in fields(QuantityInput)}
# Written by listings for reference, meaningless in another database: ids, and what the
# database works out itself (offsets, how a claim was entered and linked).
_IGNORED = {"id", *CLAIM_EXTRA}
assert set(CLAIM_COLUMNS) == _CLAIM_FIELDS | {"id"}


@dataclass(frozen=True, slots=True)
class ClaimsFile:
    quantities: list[tuple[str, QuantityInput]]
    claims: list[tuple[str, ClaimInput]]  # (where, claim): where is "row 4" or "claims[3]"
    backup: dict[str, Any] | None = None  # a lossless backup (`export --format backup`)


def split_topics(value: str) -> tuple[str, ...]:
    """``"returns; EU"`` -> ``("returns", "EU")``."""
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _text(value: Any, where: str, key: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)
    raise ImportFileError(f"{where}: {key} must be text, not {json.dumps(value, default=str)}")


def _topics(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return split_topics(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(item.strip() for item in value if item.strip())
    raise ImportFileError(f"{where}: topics must be a list of strings or 'a; b' text")


def _note_id(values: Mapping[str, Any], where: str, seen: dict[str, str]) -> None:
    """Ids are not imported (the database gives its own), but a file listing one id twice
    has a row copied or edited by mistake: say so rather than guess which row is meant."""
    value = values.get("id")
    if value is None or str(value).strip() == "":
        return
    key = str(value).strip()
    if key in seen:
        raise ImportFileError(f"{where}: id {key} is also on {seen[key]}")
    seen[key] = where.rsplit(", ", 1)[-1]


def _claim(values: Mapping[str, Any], where: str) -> ClaimInput:
    unknown = sorted(set(values) - _CLAIM_FIELDS - _IGNORED)
    if unknown:
        raise ImportFileError(f"{where}: unknown field {unknown[0]!r}")
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        if key in _IGNORED:
            continue
        kwargs[key] = _topics(value, where) if key == "topics" else _text(value, where, key)
    if not (kwargs.get("figure") or "").strip():
        raise ImportFileError(f"{where}: the figure is empty")
    return ClaimInput(**kwargs)


def _quantity(values: Any, where: str) -> QuantityInput:
    if not isinstance(values, dict):
        raise ImportFileError(f"{where}: a quantity must be an object")
    unknown = sorted(set(values) - _QUANTITY_FIELDS)
    if unknown:
        raise ImportFileError(f"{where}: unknown field {unknown[0]!r}")
    kwargs: dict[str, Any] = {
        key: _topics(value, where) if key == "topics" else _text(value, where, key)
        for key, value in values.items()
    }
    if not (kwargs.get("label") or "").strip():
        raise ImportFileError(f"{where}: a quantity needs a label")
    return QuantityInput(**kwargs)


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def _csv_rows(path: Path, text: str) -> Iterator[tuple[str, ClaimInput]]:
    reader = csv.DictReader(text.splitlines(keepends=True), strict=True)
    header = reader.fieldnames or []
    if "figure" not in header:
        raise ImportFileError(f"{path}: the header has no 'figure' column")
    unknown = [name for name in header if name not in CLAIM_COLUMNS]
    if unknown:
        raise ImportFileError(
            f"{path}: unknown column {unknown[0]!r} (columns: {', '.join(CLAIM_COLUMNS)})"
        )
    ids: dict[str, str] = {}
    try:
        for row in reader:
            where = f"{path}, row {reader.line_num}"
            if None in row:
                raise ImportFileError(f"{where}: more cells than columns")
            values = {k: (spreadsheet_text(v) if v != "" else None) for k, v in row.items()}
            _note_id(values, where, ids)
            yield where, _claim(values, where)
    except csv.Error as exc:
        raise ImportFileError(f"{path}, row {reader.line_num}: {exc}") from None


def read_claims_file(path: Path) -> ClaimsFile:
    """Read and check a whole claims file before anything is stored."""
    text = _read_text(path)
    if not text.strip():
        raise ImportFileError(f"{path}: the file is empty")
    if path.suffix.lower() == ".json" or text.lstrip().startswith(("[", "{")):
        return _read_json(path, text)
    return ClaimsFile([], list(_csv_rows(path, text)))


def _read_json(path: Path, text: str) -> ClaimsFile:
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    quantities: list[Any] = []
    if isinstance(data, dict) and "provenance_backup" in data:
        return ClaimsFile([], [], backup=data)  # checked row by row as it is restored
    if isinstance(data, dict):
        unknown = sorted(set(data) - {"quantities", "claims"})
        if unknown:
            raise ImportFileError(f"{path}: unknown top-level key {unknown[0]!r}")
        quantities, claims = data.get("quantities") or [], data.get("claims") or []
    elif isinstance(data, list):
        claims = data
    else:
        raise ImportFileError(f"{path}: expected a list of claims or an object with 'claims'")
    if not isinstance(quantities, list) or not isinstance(claims, list):
        raise ImportFileError(f"{path}: 'quantities' and 'claims' must be lists")
    parsed_quantities = []
    named: dict[str, str] = {}
    for i, item in enumerate(quantities):
        where = f"{path}, quantities[{i}]"
        quantity = _quantity(item, where)
        for name in {n.strip().lower() for n in (quantity.key, quantity.label) if n}:
            if name in named:  # the second would silently rewrite the first
                raise ImportFileError(f"{where}: quantity {name!r} is also {named[name]}")
            named[name] = f"quantities[{i}]"
        parsed_quantities.append((where, quantity))
    parsed_claims = []
    ids: dict[str, str] = {}
    for i, item in enumerate(claims):
        where = f"{path}, claims[{i}]"
        if not isinstance(item, dict):
            raise ImportFileError(f"{where}: a claim must be an object")
        _note_id(item, where, ids)
        parsed_claims.append((where, _claim(item, where)))
    return ClaimsFile(parsed_quantities, parsed_claims)
