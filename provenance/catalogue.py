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

Only ``label`` and ``unit`` are required. Loading is all or nothing; an error names the file
and the entry (``quantity[3]``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import tomli_w

from provenance.errors import ImportFileError
from provenance.records import QuantityRecord
from provenance.store import QuantityInput

FIELDS = ("key", "label", "unit", "definition", "scope", "topics", "terms", "requires")


def _strings(value: Any, where: str, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ImportFileError(f"{where}: {name} must be a list of strings")
    return tuple(item.strip() for item in value if item.strip())


def read_catalogue(path: Path) -> list[tuple[str, QuantityInput]]:
    """Read and check a catalogue file before anything is stored."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ImportFileError(f"{path}: not valid TOML ({exc})") from None
    unknown = sorted(set(data) - {"quantity"})
    if unknown:
        raise ImportFileError(
            f"{path}: unknown top-level key {unknown[0]!r} (expected [[quantity]])"
        )
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
    return result


def write_catalogue(quantities: Sequence[QuantityRecord]) -> str:
    """The catalogue file for these quantities (empty fields left out)."""
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
    return tomli_w.dumps({"quantity": tables}, multiline_strings=False)
