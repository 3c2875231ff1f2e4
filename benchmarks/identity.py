"""Quantity identity on real-style articles: is each figure put with the figures that measure
the same thing in the same place, and are the right pairs flagged, with the right verdict?

    .venv/bin/python benchmarks/identity.py                 # every split
    .venv/bin/python benchmarks/identity.py --split dev     # a set tuned on
    .venv/bin/python benchmarks/identity.py --split dev --explain  # each gold figure's
        # quantity, then each pair flagged that the gold does not flag, by quantity

tests/corpus/real-style/ holds thirty-eight sets, each written from real coverage of its stories:
`dev/` to `dev18/` (tuned on; all but the first 22 articles of dev were written by helpers
that never saw the code), and `test/` to `test20/` (each written by a helper that never saw
the code, scored only to report, never tuned on; the README says which were scored again
after changes, and so are no longer unseen).
Each half has articles, `articles.csv` (file, topic), `figures.csv` (every figure
with its gold quantity key and place), `pairs.csv` (the pairs a careful reader flags, with the
verdict) and `catalogue.toml` (what a user would write for those topics).

Each half is ingested twice through the command line, as a user would: with its catalogue,
and with no catalogue at all (proposed quantities only). Printed per run:

- figures found: gold figures whose text the extractor found (span overlap);
- linking purity: of pairs of found figures the tool put in one quantity, the share whose
  gold quantity and place agree; linking recall: of gold pairs of one quantity and place, the
  share the tool put in one quantity;
- conflict precision: of the pairs `conflicts` reports (every verdict, every quantity,
  proposals included), the share that are gold pairs (a pair with a figure outside the gold
  counts as wrong); recall: of the gold pairs, the share reported;
- verdict accuracy: of the gold pairs reported, the share with the gold verdict.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from provenance import db  # noqa: E402
from provenance.cli import app  # noqa: E402
from provenance.models import Claim, Document, Quantity  # noqa: E402
from provenance.reading import read_article  # noqa: E402
from provenance.store import compare_quantities  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "real-style"


@dataclass(frozen=True, slots=True)
class Gold:
    id: str
    file: str
    figure: str
    occurrence: int
    identity: tuple[str, str] | None  # (quantity, place); None: measures nothing compared


@dataclass(frozen=True, slots=True)
class Scores:
    found: tuple[int, int]
    purity: tuple[int, int]
    recall: tuple[int, int]
    precision_pairs: tuple[int, int]
    recall_pairs: tuple[int, int]
    verdicts: tuple[int, int]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_gold(split: Path) -> tuple[list[Gold], dict[frozenset[str], str]]:
    figures = []
    for row in _rows(split / "figures.csv"):
        key = (row.get("quantity") or "").strip()
        place = (row.get("place") or "").strip().casefold()
        figures.append(
            Gold(
                row["id"].strip(),
                row["file"].strip(),
                row["figure"],
                int(row.get("occurrence") or 1),
                (key, place) if key else None,
            )
        )
    pairs = {
        frozenset((row["a"].strip(), row["b"].strip())): row["verdict"].strip()
        for row in _rows(split / "pairs.csv")
    }
    return figures, pairs


def _ok(runner: CliRunner, *args: str) -> None:
    result = runner.invoke(app, list(args))
    if result.exit_code != 0:
        raise SystemExit(f"provenance {' '.join(args)} failed: {result.stderr or result.stdout}")


def _span(body: str, gold: Gold) -> tuple[int, int] | None:
    """Where the gold figure is: its nth occurrence in the article's text, after the header
    (a "19" is not the one in "date: 2019-06-11"), counted as a whole token: the "20" in
    "2016" or in "more than 200", or the "500" in "5,500", is not an occurrence of it."""
    header = body.find("\n---\n")
    start = header + 4 if header >= 0 else 0
    seen = 0
    while (start := body.find(gold.figure, start)) >= 0:
        end = start + len(gold.figure)
        if _whole(body, start, end):
            seen += 1
            if seen == gold.occurrence:
                return start, end
        start += 1
    return None


def _whole(body: str, start: int, end: int) -> bool:
    before = body[start - 1] if start > 0 else " "
    if before.isalnum() or (before in ",." and start > 1 and body[start - 2].isdigit()):
        return False
    after = body[end] if end < len(body) else " "
    return not (after.isalnum() or (after in ",." and body[end + 1 : end + 2].isdigit()))


def run(split: Path, with_catalogue: bool, folder: Path, explain: bool = False) -> Scores:
    url = f"sqlite:///{folder / ('with' if with_catalogue else 'without')}.db"
    runner = CliRunner()
    _ok(runner, "init", "--db", url)
    if with_catalogue:
        _ok(runner, "quantities", "load", str(split / "catalogue.toml"), "--db", url)
    by_topic: dict[str, list[str]] = defaultdict(list)
    for row in _rows(split / "articles.csv"):
        by_topic[row["topic"].strip()].append(str(split / row["file"].strip()))
    for topic, files in sorted(by_topic.items()):
        _ok(runner, "ingest", *files, "--topic", topic, "--db", url)
    figures, gold_pairs = read_gold(split)
    with db.session_scope(url) as session:
        by_hash = {d.content_hash: d for d in session.scalars(select(Document))}
        bodies: dict[str, tuple[int, str]] = {}
        for path in split.glob("*.txt"):
            document = by_hash.get(read_article(str(path), {}).content_hash)
            if document is not None and document.body is not None:
                bodies[path.name] = (document.id, document.body)
        claims: dict[int, list[tuple[int, int, int, int | None]]] = defaultdict(list)
        for claim in session.scalars(select(Claim)):
            if claim.document_id is None or claim.quote_start is None:
                continue
            start = claim.quote_start + (claim.figure_start or 0)
            end = start + len(claim.figure)
            claims[claim.document_id].append((start, end, claim.id, claim.quantity_id))
        matched: dict[str, tuple[int, int | None]] = {}  # gold id -> (claim id, quantity id)
        for gold in figures:
            if gold.file not in bodies:
                continue
            document_id, body = bodies[gold.file]
            span = _span(body, gold)
            if span is None:
                continue
            # the claim overlapping it most; of equals, the one whose span is nearest its own
            # ("57" is the claim 57, not "nearly double the 57" that holds it)
            best = max(
                claims[document_id],
                key=lambda c: (
                    min(c[1], span[1]) - max(c[0], span[0]),
                    -abs(c[0] - span[0]) - abs(c[1] - span[1]),
                ),
                default=None,
            )
            if best is not None and min(best[1], span[1]) > max(best[0], span[0]):
                matched[gold.id] = (best[2], best[3])
        if explain:
            keys = dict(session.execute(select(Quantity.id, Quantity.key)).all())
            for gold in figures:
                claim_id, quantity_id = matched.get(gold.id, (None, None))
                tool = "(not found)" if claim_id is None else keys.get(quantity_id, "-")
                print(f"  {gold.id}\t{gold.figure}\t{gold.identity}\t{tool}")
        report = compare_quantities(session, limit=None)
        flagged: dict[frozenset[int], str] = {}
        quantity_of: dict[int, str] = {}
        for result in report.results:
            for d in result.comparison.disagreements:
                flagged.setdefault(frozenset((d.lower, d.upper)), d.verdict)
                quantity_of[d.lower] = quantity_of[d.upper] = result.quantity.key
    identity = {g.id: g.identity for g in figures}
    gold_of_claim = {claim: gid for gid, (claim, _) in matched.items()}
    # Linking: pairs of found figures.
    together = same = 0
    for (a, (_, qa)), (b, (_, qb)) in combinations(sorted(matched.items()), 2):
        if qa is not None and qa == qb:
            together += 1
            same += identity[a] is not None and identity[a] == identity[b]
    gold_same = [
        (a.id, b.id)
        for a, b in combinations(figures, 2)
        if a.identity is not None and a.identity == b.identity
    ]
    linked = sum(
        a in matched
        and b in matched
        and matched[a][1] is not None
        and matched[a][1] == matched[b][1]
        for a, b in gold_same
    )
    # Conflicts: reported pairs against the gold pairs.
    reported: dict[frozenset[str], str] = {}
    stray = 0
    for pair, verdict in flagged.items():
        ids = [gold_of_claim.get(c) for c in pair]
        if None in ids:
            stray += 1
        else:
            reported[frozenset(i for i in ids if i is not None)] = verdict
    hits = [pair for pair in reported if pair in gold_pairs]
    right = sum(reported[pair] == gold_pairs[pair] for pair in hits)
    if explain:  # the pairs flagged that a careful reader does not flag, by quantity
        for pair, verdict in sorted(flagged.items(), key=lambda p: sorted(p[0])):
            ids = [gold_of_claim.get(c) for c in sorted(pair)]
            if None in ids or frozenset(i for i in ids if i) not in gold_pairs:
                named = [f"{i or f'claim {c}'}" for i, c in zip(ids, sorted(pair), strict=True)]
                where = quantity_of.get(min(pair), "?")
                print(f"  wrong\t{where}\t{' vs '.join(named)}\t{verdict}")
    return Scores(
        found=(len(matched), len(figures)),
        purity=(same, together),
        recall=(linked, len(gold_same)),
        precision_pairs=(len(hits), len(reported) + stray),
        recall_pairs=(len(hits), len(gold_pairs)),
        verdicts=(right, len(hits)),
    )


def _ratio(part: tuple[int, int]) -> str:
    n, d = part
    return f"{n / d:.2f} ({n}/{d})" if d else "- (0/0)"


SPLITS = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10",
          "dev11", "dev12", "dev13", "dev14", "dev15", "dev16", "dev17", "dev18", "test",
          "test2", "test3", "test4", "test5", "test6", "test7", "test8", "test9", "test10",
          "test11", "test12", "test13", "test14", "test15", "test16", "test17", "test18",
          "test19", "test20")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--explain", action="store_true", help="list each gold figure with the quantity it got"
    )
    args = parser.parse_args()
    splits = list(SPLITS) if args.split == "all" else [args.split]
    header = (
        "split", "catalogue", "figures found", "linking purity", "linking recall",
        "conflict precision", "conflict recall", "verdict accuracy",
    )  # fmt: skip
    print(" | ".join(header))
    for name in splits:
        split = args.corpus / name
        for with_catalogue in (True, False):
            with tempfile.TemporaryDirectory() as folder:
                s = run(split, with_catalogue, Path(folder), args.explain)
            row = (
                name, "yes" if with_catalogue else "no", _ratio(s.found), _ratio(s.purity),
                _ratio(s.recall), _ratio(s.precision_pairs), _ratio(s.recall_pairs),
                _ratio(s.verdicts),
            )  # fmt: skip
            print(" | ".join(row), flush=True)


if __name__ == "__main__":
    main()
