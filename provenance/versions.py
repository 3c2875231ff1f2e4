"""Which figures of a corrected article are the figures of the version it replaces.

A pure module: it sees figures as (text, sentence) keys in reading order and knows nothing of
the database. A figure keeps its claim (and with it the links, ranks, reviews and decisions a
person made) when the same figure text stands at the same place in the order of figures: first
in an unchanged sentence, then, for the figures left, in an edited one ("killed 78" -> "killed
at least 78"). A figure whose text changed ("78" -> "137") is a different figure: the old one
is withdrawn and the new one stored.

The alignment is difflib's longest-matching-blocks (Ratcliff-Obershelp) over the two
sequences of keys, which keeps order: a figure matched far from its place in the article
would be another mention of the same number, not this one.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

__all__ = ["FigureKey", "match_figures"]

# A figure as the matching sees it: its text exactly as written, and its sentence.
FigureKey = tuple[str, str]


def _aligned(old: Sequence[object], new: Sequence[object]) -> list[tuple[int, int]]:
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    return [
        (block.a + k, block.b + k)
        for block in matcher.get_matching_blocks()
        for k in range(block.size)
    ]


def match_figures(old: Sequence[FigureKey], new: Sequence[FigureKey]) -> dict[int, int]:
    """Map each figure of the new version (by index in ``new``) that is a figure of the old
    version to its index in ``old``; both sequences are in reading order."""
    matched: dict[int, int] = {}
    for old_index, new_index in _aligned(old, new):
        matched[new_index] = old_index
    # The figures left, by text alone, in the order they stand between the matches above.
    used = set(matched.values())
    old_left = [i for i in range(len(old)) if i not in used]
    new_left = [j for j in range(len(new)) if j not in matched]
    for a, b in _aligned([old[i][0] for i in old_left], [new[j][0] for j in new_left]):
        matched[new_left[b]] = old_left[a]
    return matched
