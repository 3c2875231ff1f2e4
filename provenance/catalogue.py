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

Only ``label`` and ``unit`` are required. Relations between quantities are ``[[relation]]``
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from provenance.errors import ImportFileError
from provenance.records import QuantityRecord, RelationKind, RelationRecord
from provenance.store import QuantityInput, RelationInput

FIELDS = ("key", "label", "unit", "definition", "scope", "topics", "terms", "requires")


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
    for index, entry in enumerate(entries):
        where = f"{path}, quantity[{index}]"
        unknown = sorted(set(entry) - set(FIELDS))
        if unknown:
            raise ImportFileError(f"{where}: unknown field {unknown[0]!r}")
        for name in ("key", "label", "unit", "definition", "scope"):
            if name in entry and not isinstance(entry[name], str):
                raise ImportFileError(f"{where}: {name} must be text")
        if not entry.get("label") or not entry.get("unit"):
            raise ImportFileError(f"{where}: a quantity needs a label and a unit")
        result.append(
            (
                where,
                QuantityInput(
                    label=entry["label"],
                    unit=entry["unit"],
                    key=entry.get("key"),
                    definition=entry.get("definition"),
                    scope=entry.get("scope"),
                    topics=_strings(entry.get("topics", []), where, "topics"),
                    terms=_strings(entry.get("terms", []), where, "terms"),
                    requires=_strings(entry.get("requires", []), where, "requires"),
                ),
            )
        )
    places = [f"{path}, relation[{i}]" for i in range(len(relations))]
    return Catalogue(
        result, [(where, _relation(e, where)) for where, e in zip(places, relations, strict=True)]
    )


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
