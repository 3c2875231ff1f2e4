"""Extraction quality on our own gold set (tests/corpus/gold.jsonl), held above floors.

The figures themselves are measured and reported by ``benchmarks/extraction.py``; this test
only stops a change from quietly making extraction worse. The floors sit a little under the
measured figures (dev: the split the rules were tuned on; test: held out).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scoring import read_gold, score_gold

GOLD = read_gold(Path(__file__).parent / "corpus" / "gold.jsonl")

FLOORS = {  # split: (F1, share of matched figures with the right value, ... the right speaker)
    "dev": (0.98, 0.98, 0.97),
    "test": (0.95, 0.98, 0.97),
}


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_gold_quality_does_not_fall(split: str) -> None:
    score = score_gold(item for item in GOLD if item["split"] == split)
    f1, values, speakers = FLOORS[split]
    assert score.f1 >= f1, score.misses + score.extra
    assert score.values_right / score.matched >= values, score.wrong
    assert score.speakers_right / score.matched >= speakers, score.wrong


def test_gold_set_is_large_enough() -> None:
    assert len(GOLD) >= 150
    assert {item["split"] for item in GOLD} == {"dev", "test"}
