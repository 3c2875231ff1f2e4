"""The quantity catalogue file: TOML that `quantities load` reads and `quantities --format toml`
writes back.

Each quantity is a ``[[quantity]]`` table::

    [[quantity]]
    key = "returned-share"                       # short handle, lowercase-with-hyphens
    label = "Share of European foreign fighters who have returned"
    unit = "percent"                             # count, percent, percentage_points, GBP ...
    definition = "Returnees as a percentage of all who travelled."
    scope = "Europe"
    topics = ["foreign fighters", "returned fighters"]
    terms = ["returned", "came back", "returnees"]   # what signals it in text
    requires = ["British", "UK"]                 # optional: one must be in the sentence
    place = "Europe"                             # the place its figures are about
    places = ["Europe", "France", "UK"]          # or: a family, one member per place
    family = "travelled"                         # or: the family it is the member of
    period = "2019-06-09"                        # the event or span it counts (ISO)
    cumulative = true                            # a running total: it only grows
    window_months = 0.25                         # dated further apart: change over time
    expected = [100, 10000]                      # its plausible values
    variant_of = "returned-number"               # the same thing, defined another way

Only ``label`` and ``unit`` are required. A family's members get the key ``KEY-PLACE`` and
the label ``LABEL, PLACE``; figures for a place it has no member for go to a proposed member
for that place. Relations between quantities are ``[[relation]]``
tables, checked by the disagreement report (see :mod:`provenance.conflicts`)::

    [[relation]]
    product = "returned-number"                  # returned-number = share x total
    of = ["returned-share", "travelled-total"]   # a percent factor counts as a fraction

    [[relation]]
    part = "uk-returned"                         # uk-returned <= returned-number
    of = "returned-number"

Loading is all or nothing; an error names the file and the entry (``quantity[3]``,
``relation[0]``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomli_w

from provenance.errors import ImportFileError, InputError
from provenance.periods import parse_period
from provenance.records import (
    QuantityInput,
    QuantityRecord,
    RelationInput,
    RelationKind,
    RelationRecord,
)

FIELDS = (
    "key", "label", "unit", "definition", "scope", "topics", "terms", "requires", "place",
    "places", "family", "period", "cumulative", "window_months", "expected", "variant_of",
)  # fmt: skip


def _strings(value: Any, where: str, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ImportFileError(f"{where}: {name} must be a list of strings")
    return tuple(item.strip() for item in value if item.strip())


@dataclass(frozen=True, slots=True)
class Catalogue:
    quantities: list[tuple[str, QuantityInput]]
    relations: list[tuple[str, RelationInput]]


def _relation(entry: Any, where: str) -> RelationInput:
    if not isinstance(entry, dict):
        raise ImportFileError(f"{where}: a relation must be a table")
    unknown = sorted(set(entry) - {"product", "part", "of"})
    if unknown:
        raise ImportFileError(f"{where}: unknown field {unknown[0]!r}")
    of = entry.get("of")
    if "product" in entry and "part" not in entry:
        if not (isinstance(of, list) and len(of) == 2 and all(isinstance(k, str) for k in of)):
            raise ImportFileError(f"{where}: a product needs of = [two quantity keys]")
        return RelationInput(RelationKind.PRODUCT, str(entry["product"]), of[0], of[1])
    if "part" in entry and "product" not in entry:
        if not isinstance(of, str):
            raise ImportFileError(f"{where}: a part needs of = the whole's key")
        return RelationInput(RelationKind.PART, of, str(entry["part"]), None)
    raise ImportFileError(f"{where}: a relation is either product = ... or part = ...")


def _settings(entry: dict[str, Any], where: str) -> dict[str, Any]:
    """The comparison settings of an entry, checked."""
    found: dict[str, Any] = {}
    if "cumulative" in entry:
        if not isinstance(entry["cumulative"], bool):
            raise ImportFileError(f"{where}: cumulative must be true or false")
        found["cumulative"] = entry["cumulative"]
    if "window_months" in entry:
        window = entry["window_months"]
        if isinstance(window, bool) or not isinstance(window, int | float) or window < 0:
            raise ImportFileError(f"{where}: window_months must be a number of months, 0 or more")
        found["window_months"] = float(window)
    if "period" in entry:
        period = entry["period"]
        if not isinstance(period, str):
            raise ImportFileError(f'{where}: period must be text such as "2019-06-09"')
        try:
            found["period"] = str(parse_period(period))
        except InputError as exc:
            raise ImportFileError(f"{where}: period: {exc}") from None
    if "expected" in entry:
        expected = entry["expected"]
        if not (
            isinstance(expected, list)
            and len(expected) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in expected)
            and expected[0] <= expected[1]
        ):
            raise ImportFileError(f"{where}: expected must be [low, high], low <= high")
        found["expected"] = tuple(Decimal(str(v)) for v in expected)
    return found


def _members(where: str, entry: dict[str, Any]) -> list[tuple[str, QuantityInput]]:
    """One quantity for an entry, or one per place of a family (``places``)."""
    places = _strings(entry.get("places", []), where, "places")
    if places and "place" in entry:
        raise ImportFileError(f"{where}: give place or places, not both")
    if len(set(places)) != len(places):
        raise ImportFileError(f"{where}: a place is listed twice in places")
    if places and "family" in entry:
        raise ImportFileError(f"{where}: give family or places, not both")
    if "family" in entry and not isinstance(entry["family"], str):
        raise ImportFileError(f"{where}: family must be the key of a family")
    base = QuantityInput(
        label=entry["label"],
        unit=entry["unit"],
        key=entry.get("key"),
        definition=entry.get("definition"),
        scope=entry.get("scope"),
        topics=_strings(entry.get("topics", []), where, "topics"),
        terms=_strings(entry.get("terms", []), where, "terms"),
        requires=_strings(entry.get("requires", []), where, "requires"),
        place=entry.get("place"),
        family=entry.get("family"),
        variant_of=entry.get("variant_of"),
        **_settings(entry, where),
    )
    if not places:
        return [(where, base)]
    if not base.key:
        raise ImportFileError(f"{where}: a family (places = [...]) needs a key")
    return [
        (
            f"{where}, places[{i}]",
            replace(
                base,
                key=f"{base.key}-{place}",
                label=f"{base.label}, {place}",
                place=place,
                family=base.key,
            ),
        )
        for i, place in enumerate(places)
    ]


def read_catalogue(path: Path) -> Catalogue:
    """Read and check a catalogue file before anything is stored."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ImportFileError(f"{path}: not valid TOML ({exc})") from None
    unknown = sorted(set(data) - {"quantity", "relation"})
    if unknown:
        raise ImportFileError(
            f"{path}: unknown top-level key {unknown[0]!r} (expected [[quantity]], [[relation]])"
        )
    relations = data.get("relation", [])
    if not isinstance(relations, list):
        raise ImportFileError(f"{path}: relation must be [[relation]] tables")
    entries = data.get("quantity", [])
    if not isinstance(entries, list) or not entries:
        raise ImportFileError(f"{path}: no [[quantity]] tables")
    result = []
    named: dict[str, str] = {}  # a key or label, as written, and the table that has it
    for index, entry in enumerate(entries):
        where = f"{path}, quantity[{index}]"
        unknown = sorted(set(entry) - set(FIELDS))
        if unknown:
            raise ImportFileError(f"{where}: unknown field {unknown[0]!r}")
        for name in ("key", "label", "unit", "definition", "scope", "place", "variant_of"):
            if name in entry and not isinstance(entry[name], str):
                raise ImportFileError(f"{where}: {name} must be text")
        if not entry.get("label") or not entry.get("unit"):
            raise ImportFileError(f"{where}: a quantity needs a label and a unit")
        for field in ("key", "label"):  # the second would quietly rewrite the first
            value = " ".join(str(entry.get(field) or "").casefold().split())
            if value and named.get(value, str(index)) != str(index):
                raise ImportFileError(
                    f"{where}: {field} {entry[field]!r} is also quantity[{named[value]}]'s"
                )
            if value:
                named[value] = str(index)
        result += _members(where, entry)
    places = [f"{path}, relation[{i}]" for i in range(len(relations))]
    return Catalogue(
        result, [(where, _relation(e, where)) for where, e in zip(places, relations, strict=True)]
    )


def _number(value: Decimal | None) -> int | float:
    assert value is not None
    return int(value) if value == value.to_integral_value() else float(value)


def write_catalogue(
    quantities: Sequence[QuantityRecord], relations: Sequence[RelationRecord] = ()
) -> str:
    """The catalogue file for these quantities and relations (empty fields left out)."""
    tables = []
    for q in quantities:
        table: dict[str, Any] = {"key": q.key, "label": q.label, "unit": q.unit}
        if q.definition:
            table["definition"] = q.definition
        if q.scope:
            table["scope"] = q.scope
        if q.topics:
            table["topics"] = list(q.topics)
        if q.terms:
            table["terms"] = list(q.terms)
        if q.requires:
            table["requires"] = list(q.requires)
        if q.place:
            table["place"] = q.place
        if q.family and q.family != q.key:
            table["family"] = q.family
        if q.period:
            table["period"] = q.period
        if q.cumulative:
            table["cumulative"] = True
        if q.window_months is not None:
            table["window_months"] = q.window_months
        if q.expected is not None and None not in q.expected:
            table["expected"] = [_number(v) for v in q.expected]
        if q.variant_of:
            table["variant_of"] = q.variant_of
        tables.append(table)
    document: dict[str, Any] = {"quantity": tables}
    if relations:
        document["relation"] = [
            {"product": r.target, "of": [r.first, r.second]}
            if r.kind is RelationKind.PRODUCT
            else {"part": r.first, "of": r.target}
            for r in relations
        ]
    return tomli_w.dumps(document, multiline_strings=False)
