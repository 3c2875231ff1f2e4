"""Scoring extraction against answers: the seeds' expected claims and our own gold set.

Used by ``benchmarks/extraction.py`` (the numbers in the README) and by the regression test
``tests/test_extract_quality.py``.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from provenance.extract import ExtractedClaim, extract_claims, read_text
from provenance.periods import parse_date
from provenance.reading import decode_bytes

UNITS = {"people": "count"}  # the seeds' answer file calls counts of people "people"
_DROP = {"the", "a", "an", "report", "research", "study", "s"}


def normalise_speaker(name: str | None) -> str | None:
    """Comparable form of a speaker: ``None`` for unattributed, else lower-case words without
    bracketed abbreviations and without "report"/"research" ("ICCT report" is the ICCT)."""
    if name is None or name.strip().lower().startswith("(unattributed"):
        return None
    name = re.sub(r"\([^)]*\)", " ", name.lower())
    words = [w for w in re.findall(r"[a-z0-9]+", name) if w not in _DROP]
    return " ".join(words) or None


def same_speaker(expected: str | None, found: str | None) -> bool:
    a, b = normalise_speaker(expected), normalise_speaker(found)
    if a is None or b is None:
        return a is b
    return a == b or set(a.split()) <= set(b.split()) or set(b.split()) <= set(a.split())


def _decimal(text: str | None) -> Decimal | None:
    return Decimal(text) if text not in (None, "") else None


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    matched: int = 0
    values_right: int = 0
    speakers_right: int = 0
    misses: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        for name in ("expected", "found", "matched", "values_right", "speakers_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.extra += other.extra
        self.wrong += other.wrong


# ---------------------------------------------------------------------------------------------
# The seeds


SEED_DATES = {"000": None, "002": date(2017, 9, 17)}  # 002 carries no date of its own


def extract_file(path: Path, published: date | None = None) -> list[ExtractedClaim]:
    source = read_text(decode_bytes(path.read_bytes()))
    if published is None and source.meta.get("date"):
        published = parse_date(source.meta["date"])
    return extract_claims(source, published)


def score_seeds(seeds: Path) -> Score:
    """Each expected row is matched to one extracted figure whose text it contains (longest
    first), then bounds, unit and hedge, and the speaker, are checked."""
    rows = list(csv.DictReader((seeds / "expected-claims.csv").open(encoding="utf-8")))
    total = Score()
    for prefix in sorted({row["seed"] for row in rows}):
        [path] = seeds.glob(f"{prefix}_*.txt")
        found = extract_file(path, SEED_DATES.get(prefix))
        score = Score(expected=0, found=len(found))
        taken: set[int] = set()
        for row in (r for r in rows if r["seed"] == prefix):
            score.expected += 1
            wanted = row["figure_text"].lower()
            candidates = sorted(
                (i for i, c in enumerate(found) if i not in taken and c.figure.lower() in wanted),
                key=lambda i: (-len(found[i].figure), i),
            )
            if not candidates:
                score.misses.append(f"{prefix}: {row['figure_text']}")
                continue
            claim = found[candidates[0]]
            taken.add(candidates[0])
            score.matched += 1
            value = (
                claim.low == _decimal(row["value_low"])
                and claim.high == _decimal(row["value_high"])
                and claim.unit == UNITS.get(row["unit"], row["unit"])
                and claim.hedge == row["hedge"]
            )
            speaker = same_speaker(row["stated_by"], claim.stated_by)
            score.values_right += value
            score.speakers_right += speaker
            if not (value and speaker):
                score.wrong.append(
                    f"{prefix}: {row['figure_text']!r} -> {claim.figure!r} "
                    f"{claim.low}..{claim.high} {claim.unit} {claim.hedge}, "
                    f"by {claim.stated_by} (expected {row['stated_by']})"
                )
        score.extra += [
            f"{prefix}: {found[i].figure!r} in {found[i].sentence[:70]!r}"
            for i in range(len(found))
            if i not in taken
        ]
        total.add(score)
    return total


# ---------------------------------------------------------------------------------------------
# The gold set


def read_gold(path: Path) -> list[dict[str, object]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def _span(text: str, figure: str, occurrence: int) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.index(figure, start + 1)
    return start, start + len(figure)


def score_gold(items: Iterable[dict[str, object]]) -> Score:
    """Figures match by exact span; values and speakers are scored over the matches."""
    total = Score()
    for item in items:
        text = str(item["text"])
        published = parse_date(str(item["published"])) if item.get("published") else None
        found = extract_claims(read_text(text), published)
        by_span = {(c.start, c.end): c for c in found}
        gold = item["figures"]
        assert isinstance(gold, list)
        total.expected += len(gold)
        total.found += len(found)
        matched_spans = set()
        for answer in gold:
            span = _span(text, answer["figure"], int(answer.get("occurrence", 1)))
            claim = by_span.get(span)
            if claim is None:
                total.misses.append(f"{item['id']}: {answer['figure']!r} in {text[:80]!r}")
                continue
            matched_spans.add(span)
            total.matched += 1
            value = (
                claim.low == _decimal(answer["low"])
                and claim.high == _decimal(answer["high"])
                and claim.unit == answer["unit"]
                and claim.hedge == answer["hedge"]
            )
            speaker = same_speaker(answer["stated_by"], claim.stated_by)
            total.values_right += value
            total.speakers_right += speaker
            if not (value and speaker):
                total.wrong.append(
                    f"{item['id']}: {claim.figure!r} {claim.low}..{claim.high} {claim.unit} "
                    f"{claim.hedge} by {claim.stated_by!r}; expected "
                    f"{answer['low']}..{answer['high']} {answer['unit']} {answer['hedge']} "
                    f"by {answer['stated_by']!r}"
                )
        total.extra += [
            f"{item['id']}: {c.figure!r} in {text[:80]!r}"
            for c in found
            if (c.start, c.end) not in matched_spans
        ]
    return total
