"""What is built once from the tool's own code and data and read back on later runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from provenance import diskcache, places


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PROVENANCE_CACHE", str(tmp_path))
    return tmp_path


def test_compiled_patterns_read_back_match_as_freshly_compiled_ones(cache: Path) -> None:
    sources = [(r"(?P<n>\d+(?:,\d{3})*)\s+(?P<unit>people|dead)", int(re.IGNORECASE))]
    first = diskcache.compile_patterns("test", sources)
    [written] = cache.iterdir()
    second = diskcache.compile_patterns("test", sources)
    assert written.exists()
    text = "Police said 1,200 People marched and 3 dead"
    fresh = re.compile(*sources[0])
    for pattern in (first[0], second[0]):
        assert pattern.pattern == fresh.pattern
        assert pattern.flags == fresh.flags
        assert pattern.groupindex == fresh.groupindex
        assert [m.groupdict() for m in pattern.finditer(text)] == [
            m.groupdict() for m in fresh.finditer(text)
        ]


def test_a_changed_pattern_replaces_the_old_file(cache: Path) -> None:
    diskcache.compile_patterns("test", [("a+", 0)])
    diskcache.compile_patterns("test", [("b+", 0)])
    assert len(list(cache.iterdir())) == 1
    assert diskcache.compile_patterns("test", [("b+", 0)])[0].fullmatch("bbb")


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b"\xe9[]", None])
def test_a_broken_or_foreign_file_is_rebuilt_not_trusted(
    cache: Path, content: bytes | None
) -> None:
    diskcache.compile_patterns("test", [(r"\d+", 0)])
    [written] = cache.iterdir()
    if content is None:  # a well-formed file whose program _sre refuses
        import marshal

        content = marshal.dumps([(32, [1, 2, 3], 0, {}, (None,))])
    written.write_bytes(content)
    [pattern] = diskcache.compile_patterns("test", [(r"\d+", 0)])
    assert pattern.findall("12 and 345") == ["12", "345"]


def test_an_unwritable_cache_still_compiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("PROVENANCE_CACHE", str(blocked / "cache"))
    [pattern] = diskcache.compile_patterns("test", [(r"\d+", 0)])
    assert pattern.findall("7 of 19") == ["7", "19"]


def test_the_gazetteer_is_the_same_built_or_read_back(cache: Path) -> None:
    places._base_gazetteer.cache_clear()
    try:
        built = places._gazetteer()
        [written] = cache.iterdir()
        assert written.name.startswith("gazetteer-")
        places._base_gazetteer.cache_clear()
        read = places._gazetteer()
        assert read == built
        written.write_bytes(b"{broken")  # read afresh and written again
        places._base_gazetteer.cache_clear()
        assert places._gazetteer() == built
        assert places.known("Tacloban") == "Tacloban"
        assert places.known("UK") == "United Kingdom"
    finally:
        places._base_gazetteer.cache_clear()
