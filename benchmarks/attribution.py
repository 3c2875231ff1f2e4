"""Who stated each figure, measured on PolNeAR, a public corpus of US political news whose
attributions (source, cue, content) were annotated by hand.

    .venv/bin/python benchmarks/attribution.py --polnear PATH [--split train|dev] [--verbose]

PATH is a copy of https://github.com/networkdynamics/PolNeAR (or of its `data/` folder): the
corpus is third-party text and stays outside this repository. Only the train and dev splits
are read; the test split is kept for independent checks and this script refuses it.

A *numeric mention* is a run of digits in an article ("8,000", "3.5", the "40" of "40%"),
leaving out years (1900-2099 on their own), days of the month after a month's name
("Sept. 11"), times ("5:30") and digits inside words or codes. Its gold speaker is the
source of the annotated attribution whose content holds it, or the article's author when
none does. A mention is *found* when the extractor reads a figure covering it; it is
*attributed right* when the extractor's speaker shares a word with the gold source (the
author matches an unattributed figure, which the tool credits to the outlet). A source that
is only a pronoun ("he said") matches a speaker named by one of the five attributions before
it in the article, as a reader resolves it. Printed: mentions, found, attributed right (of
all and of those found), split by gold speaker (the author or a source), against the
baseline that credits every figure to its author.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from provenance.extract import SourceText, extract_claims  # noqa: E402

AUTHOR = "(author)"
_DIGITS = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w])")
_MONTH = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$", re.I)
_PRONOUNS = frozenset(
    ["he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "them", "him", "us"]
)
_DROP = frozenset(["the", "a", "an", "of", "and", "'s"])


@dataclass(frozen=True, slots=True)
class Attribution:
    source: str  # the source's words, pieces joined; "" when the annotation names none
    source_start: int
    content: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    gold: str  # AUTHOR, or the source's words
    context: tuple[str, ...]  # the sources of the five attributions before it


def _spans(field: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (piece.split() for piece in field.split(";"))]


def read_attributions(path: Path, text: str) -> list[Attribution]:
    """The attributions of one brat .ann file (T lines for spans, E lines for relations)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    found = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line.startswith("T") and line.count("\t") >= 2:
            name, middle, _ = line.split("\t", 2)
            _, _, where = middle.partition(" ")
            spans[name] = _spans(where)
    for line in lines:
        if not line.startswith("E") or "\t" not in line:
            continue
        roles = dict(part.split(":", 1) for part in line.split("\t")[1].split()[1:] if ":" in part)
        source = spans.get(roles.get("Source", ""), [])
        content = spans.get(roles.get("Content", ""), [])
        if not content:
            continue
        words = " ".join(text[a:b] for a, b in source)
        found.append(Attribution(words, source[0][0] if source else content[0][0], tuple(content)))
    return found


def mentions(text: str, attributions: list[Attribution]) -> list[Mention]:
    ordered = sorted(attributions, key=lambda a: a.source_start)
    found = []
    for match in _DIGITS.finditer(text):
        digits = match[0].rstrip(",.")
        start, end = match.start(), match.start() + len(digits)
        if re.fullmatch(r"(?:19|20)\d\d", digits):
            continue  # a year
        if text[end : end + 1] == ":" or text[max(0, start - 1) : start] == ":":
            continue  # a time
        if len(digits) <= 2 and _MONTH.search(text[max(0, start - 10) : start]):
            continue  # a day of the month
        gold = next(
            (a.source or None for a in attributions if any(s <= start < e for s, e in a.content)),
            AUTHOR,
        )
        if gold is None:
            continue  # content with no source named: nothing to score
        before = [a.source for a in ordered if a.source and a.source_start < start][-5:]
        found.append(Mention(start, end, gold, tuple(before)))
    return found


def _words(name: str | None) -> set[str]:
    words = {w.casefold() for w in re.findall(r"[A-Za-z][\w’'-]*", name or "")}
    return {re.sub(r"['’]s$", "", w) for w in words} - _DROP


def right(ours: str | None, mention: Mention) -> bool:
    if mention.gold == AUTHOR:
        return ours is None
    if ours is None:
        return False
    gold = _words(mention.gold)
    if gold <= _PRONOUNS:  # "he said": the speaker a reader resolves it to
        return any(_words(ours) & (_words(s) - _PRONOUNS) for s in mention.context)
    if _words(ours) & (gold - _PRONOUNS):
        return True
    # "the group said", after "the National Golf Foundation": a definite description a reader
    # resolves like a pronoun, to a source named before
    described = re.fullmatch(r"(?i)the\s+[a-z]+", mention.gold.strip())
    return bool(described) and any(_words(ours) & _words(s) for s in mention.context)


def _published(name: str) -> date | None:
    found = re.search(r"_(\d{4}-\d{2}-\d{2})_", name)
    return date.fromisoformat(found[1]) if found else None


@dataclass
class Tally:
    mentions: int = 0
    found: int = 0
    right: int = 0
    baseline: int = 0

    def add(self, found: bool, is_right: bool, baseline: bool) -> None:
        self.mentions += 1
        self.found += found
        self.right += is_right
        self.baseline += baseline


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%} ({part}/{whole})" if whole else "-"


def score(root: Path, split: str, verbose: bool) -> dict[str, Tally]:
    folder = root / "data" / split if (root / "data").is_dir() else root / split
    tallies = {"all": Tally(), "author": Tally(), "source": Tally()}
    for text_path in sorted((folder / "text").glob("*.txt")):
        annotations = sorted((folder / "attributions").glob(f"{text_path.stem}_*.ann"))
        if not annotations:
            continue
        text = text_path.read_text(encoding="utf-8")
        gold = mentions(text, read_attributions(annotations[0], text))
        claims = list(extract_claims(SourceText(text, 0), _published(text_path.name)))
        for mention in gold:
            claim = next((c for c in claims if c.start <= mention.start < c.end), None)
            ours = claim.stated_by if claim is not None else None
            is_right = claim is not None and right(ours, mention)
            kind = "author" if mention.gold == AUTHOR else "source"
            for name in ("all", kind):
                tallies[name].add(claim is not None, is_right, kind == "author")
            if verbose and claim is not None and not is_right:
                quoted = text[mention.start : mention.end]
                print(f"  {text_path.stem[:40]} {quoted!r}: ours {ours!r}, gold {mention.gold!r}")
                print(f"      {' '.join(claim.sentence.split())[:200]}")
    return tallies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polnear", type=Path, required=True, help="a copy of PolNeAR")
    parser.add_argument("--split", choices=["train", "dev"], default="dev")
    parser.add_argument("--verbose", action="store_true", help="list every wrong speaker")
    args = parser.parse_args()
    print_scores(args.polnear, args.split, args.verbose)


def print_scores(root: Path, split: str, verbose: bool = False) -> None:
    tallies = score(root, split, verbose)
    print(f"PolNeAR {split}: numeric mentions, found, attributed right")
    for name, tally in tallies.items():
        print(
            f"{name:>6}: {tally.mentions} mentions; found {_share(tally.found, tally.mentions)}; "
            f"right {_share(tally.right, tally.mentions)}, of those found "
            f"{_share(tally.right, tally.found)}"
        )
    everything = tallies["all"]
    print(
        f"baseline (every figure the author's): {_share(everything.baseline, everything.mentions)}"
    )


if __name__ == "__main__":
    main()
