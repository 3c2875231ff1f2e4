"""Quantities in MeasEval's annotated paragraphs: found, spanned and read, against quantulum3.

    .venv/bin/python benchmarks/measeval.py --measeval PATH [--split train|trial] [--verbose]

MeasEval (SemEval-2021 task 8; https://github.com/harperco/MeasEval) annotates every quantity
in paragraphs of scientific articles. Its data is third-party text and stays outside this
repository: PATH is a copy of the repository's ``data`` folder's parent (``PATH/data/train/text``
and ``PATH/data/train/tsv``). Only the train and trial splits are read; the eval split is kept
for independent checks and this script refuses it.

Each gold quantity is a span of the text ("5318 participants", "54.8 years", "~ 2.5 %"). A
figure found is matched one-to-one with a gold quantity it overlaps (the longest overlap first):
- found: the gold quantities some figure overlaps (recall) and the figures that overlap one
  (precision), as F1;
- value: of those, the figures whose first number is the gold span's first number (a range's
  low end, "5-10 mm" -> 5), counted over all gold quantities and all figures, as F1;
- strict: the figure's span is the gold span less its unit words, or the whole gold span.

MeasEval counts what this tool leaves out on purpose: a year as a quantity ("baseline in
1991"), a list of years, reference numbers. The figures are printed as they are, then again
without the gold quantities that are bare years (a four-digit number from 1800 to 2100 with no
unit), which the tool reads as dates.

Two readings of ours: the figure grammar (``find_figures``, every figure it reads) and the
extractor (``extract_claims``: what `provenance extract` reports, after leaving out dates,
ages, identifiers and repeats).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from provenance.extract import extract_claims, read_text  # noqa: E402
from provenance.figures import find_figures  # noqa: E402

SPLITS = ("train", "trial")
_MINUS = "\u2212"
_NUMBER = re.compile(rf"[-{_MINUS}]?\d+(?:,\d{{3}})*(?:\.\d+)?|[-{_MINUS}]?\.\d+")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")

Span = tuple[int, int, Decimal | None]  # start, end, first number read


@dataclass
class Doc:
    name: str
    text: str
    gold: list[tuple[int, int, str]]


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    overlapped: int = 0
    values: int = 0
    strict: int = 0
    misses: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        def f1(right: int) -> str:
            p = right / self.found if self.found else 0.0
            r = right / self.gold if self.gold else 0.0
            return f"{2 * p * r / (p + r) if p + r else 0.0:.3f} (P {p:.3f} R {r:.3f})"

        return (
            f"{name}: {self.gold} gold, {self.found} found; found F1 {f1(self.overlapped)}; "
            f"value F1 {f1(self.values)}; strict span F1 {f1(self.strict)}"
        )


_WORDS = {
    word: index
    for index, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}


def _number(text: str) -> Decimal | None:
    """The first number of a gold span, in digits or as a word up to twenty."""
    match = _NUMBER.search(text)
    if match is None:
        first = re.search(r"[a-z]+", text.lower())
        return Decimal(_WORDS[first.group()]) if first and first.group() in _WORDS else None
    try:
        return Decimal(match.group().replace(",", "").replace(_MINUS, "-"))
    except InvalidOperation:
        return None


def read_split(root: Path, split: str) -> list[Doc]:
    if split not in SPLITS:
        raise SystemExit(f"{split}: only MeasEval's train and trial splits are read here")
    base = root / "data" / split
    texts = base / ("txt" if (base / "txt").is_dir() else "text")
    docs = []
    for tsv in sorted((base / "tsv").glob("*.tsv")):
        text = (texts / f"{tsv.stem}.txt").read_text(encoding="utf-8")
        with tsv.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        gold = sorted(
            {
                (int(row["startOffset"]), int(row["endOffset"]), row["text"])
                for row in rows
                if row["annotType"] == "Quantity"
            }
        )
        docs.append(Doc(tsv.stem, text, gold))
    if not docs:
        raise SystemExit(f"{base}: no MeasEval annotations (expected tsv/ and text/ folders)")
    return docs


def bare_year(gold: str) -> bool:
    return _YEAR.fullmatch(gold.strip()) is not None


def grammar(text: str) -> list[Span]:
    return [(f.start, f.end, f.low if f.low is not None else f.high) for f in find_figures(text)]


def extractor(text: str) -> list[Span]:
    claims = extract_claims(read_text(text))
    return [(c.start, c.end, c.low if c.low is not None else c.high) for c in claims]


def quantulum(text: str) -> list[Span]:
    from quantulum3 import parser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = parser.parse(text)
    spans = []
    for q in found:
        try:
            value: Decimal | None = Decimal(str(q.value))
        except (InvalidOperation, ValueError):
            value = None
        spans.append((q.span[0], q.span[1], value))
    return spans


def _strict(found: Span, gold: tuple[int, int, str], text: str) -> bool:
    start, end, _ = gold
    if (found[0], found[1]) == (start, end):
        return True
    # The figure without its unit: "54.8" of "54.8 years", "5318" of "5318 participants".
    return found[0] == start and not text[found[1] : end].strip(" %").isdigit()


def score(
    docs: Iterable[Doc], read: Callable[[str], list[Span]], keep: Callable[[str], bool]
) -> Tally:
    tally = Tally()
    for doc in docs:
        gold = [g for g in doc.gold if keep(g[2])]
        found = read(doc.text)
        # A figure overlapping a gold quantity that is left out is not counted either way.
        skipped = [g for g in doc.gold if not keep(g[2])]
        found = [f for f in found if not any(f[0] < s[1] and s[0] < f[1] for s in skipped)]
        tally.gold += len(gold)
        tally.found += len(found)
        pairs = sorted(
            (
                (min(f[1], g[1]) - max(f[0], g[0]), i, j)
                for i, f in enumerate(found)
                for j, g in enumerate(gold)
                if f[0] < g[1] and g[0] < f[1]
            ),
            reverse=True,
        )
        used_f: set[int] = set()
        used_g: set[int] = set()
        for _, i, j in pairs:
            if i in used_f or j in used_g:
                continue
            used_f.add(i)
            used_g.add(j)
            f, g = found[i], gold[j]
            tally.overlapped += 1
            expected = _number(g[2])
            if expected is not None and f[2] is not None and f[2] == expected:
                tally.values += 1
            if _strict(f, g, doc.text) and f[1] <= g[1]:
                tally.strict += 1
        for j, g in enumerate(gold):
            if j not in used_g:
                tally.misses.append(f"{doc.name}: {g[2]!r}")
    return tally


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--measeval", type=Path, required=True, help="a copy of MeasEval")
    options.add_argument("--split", default="train", choices=SPLITS)
    options.add_argument("--verbose", action="store_true", help="list the gold quantities missed")
    args = options.parse_args()
    print_scores(args.measeval, args.split, args.verbose)


def print_scores(root: Path, split: str, verbose: bool = False) -> None:
    docs = read_split(root, split)
    print(f"MeasEval {split}: {len(docs)} paragraphs, {sum(len(d.gold) for d in docs)} quantities")
    readers: list[tuple[str, Callable[[str], list[Span]]]] = [
        ("provenance grammar", grammar),
        ("provenance extract", extractor),
    ]
    try:
        import quantulum3  # noqa: F401

        readers.append(("quantulum3", quantulum))
    except ImportError:
        print("quantulum3 is not installed (pip install -e '.[bench]'): no peer figures")
    for label, keep in (
        ("every gold quantity", lambda _: True),
        ("without bare years", lambda g: not bare_year(g)),
    ):
        print(f"-- {label}")
        for name, read in readers:
            tally = score(docs, read, keep)
            print(tally.line(name))
            if verbose and name == "provenance extract":
                for miss in tally.misses:
                    print(f"    missed: {miss}")


if __name__ == "__main__":
    main()
