"""Linking quality on held-out articles, the seeds' grouping, and the proposal similarity.

    .venv/bin/python benchmarks/linking.py

1. Held-out: tests/corpus/linking/ holds ten articles written for this project and never used
   while the linker or the shipped catalogue were written, a catalogue for the quantities of
   their non-seed topics, and gold.csv naming the quantity (or none) of every figure. They are
   ingested with data/foreign-fighters.toml plus that catalogue; every figure's link is scored.
2. Seeds: the two founding articles (../shared/seeds, when present) ingested with the shipped
   catalogue; the figures in the three quantities the seeds disagree on are listed.
3. Proposals: the held-out figures with a gold quantity are grouped with no catalogue at all,
   with several RapidFuzz scorers and thresholds; pairwise precision and recall against the
   gold quantities show which similarity to use.
"""

from __future__ import annotations

import csv
import sys
import tempfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402
from sqlalchemy import select  # noqa: E402

from provenance import db, store  # noqa: E402
from provenance.catalogue import read_catalogue  # noqa: E402
from provenance.linking import ClaimText, propose_quantities  # noqa: E402
from provenance.models import Claim, Document  # noqa: E402
from provenance.reading import read_article  # noqa: E402

HELD_OUT = ROOT / "tests" / "corpus" / "linking"
CATALOGUE = ROOT / "data" / "foreign-fighters.toml"
SEEDS = ROOT.parent / "shared" / "seeds"


def _database(folder: Path, catalogues: list[Path]) -> str:
    url = f"sqlite:///{folder / 'linking.db'}"
    db.upgrade(url)
    with db.session_scope(url) as session:
        for path in catalogues:
            catalogue = read_catalogue(path)
            store.load_catalogue(session, catalogue.quantities, catalogue.relations)
    return url


def _ingest(url: str, path: Path, **meta: str | None) -> None:
    article = read_article(str(path), meta)
    with db.session_scope(url) as session:
        store.ingest_document(session, article)


def held_out(folder: Path) -> list[tuple[str, str, str | None]]:
    """(gold quantity, figure, claim text) for the held-out figures; prints the scores."""
    url = _database(folder, [CATALOGUE, HELD_OUT / "catalogue.toml"])
    for path in sorted(HELD_OUT.glob("*.txt")):
        _ingest(url, path)
    rows = list(csv.DictReader((HELD_OUT / "gold.csv").open(encoding="utf-8")))
    made = correct = wanted = false_links = missing = 0
    errors: list[str] = []
    texts = []
    with db.session_scope(url) as session:
        claims: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for claim, document in session.execute(
            select(Claim, Document).join(Document, Claim.document_id == Document.id)
        ):
            claims[(str(document.content_hash), claim.figure)].append(claim)
        hashes = {
            path.name: read_article(str(path), {}).content_hash for path in HELD_OUT.glob("*.txt")
        }
        matched_ids = set()
        for row in rows:
            found = sorted(
                claims.get((hashes[row["file"]], row["figure"]), []),
                key=lambda c: c.quote_start or 0,
            )
            occurrence = int(row["occurrence"] or 1)
            gold = row["quantity"] or None
            wanted += gold is not None
            if len(found) < occurrence:
                missing += 1
                errors.append(f"not extracted: {row['file']} {row['figure']!r} (gold {gold})")
                continue
            claim = found[occurrence - 1]
            matched_ids.add(claim.id)
            linked = claim.quantity.key if claim.quantity is not None else None
            if linked is not None and not linked.startswith("proposed-"):
                made += 1
                correct += linked == gold
                false_links += gold is None
            if linked != gold:
                errors.append(f"{row['file']} {row['figure']!r}: linked {linked}, gold {gold}")
            if gold is not None:
                texts.append((gold, row["figure"], claim.counted or ""))
        extra = [
            c
            for group in claims.values()
            for c in group
            if c.id not in matched_ids
            and c.quantity is not None
            and not c.quantity.key.startswith("proposed-")
        ]
        made += len(extra)
        for claim in extra:
            errors.append(
                f"linked a figure gold does not list: {claim.figure!r} -> {claim.quantity.key}"
            )
    precision = correct / made if made else 1.0
    recall = correct / wanted if wanted else 1.0
    print(f"held-out: {len(rows)} gold figures ({wanted} with a quantity), {missing} not extracted")
    print(f"links made {made}, correct {correct}: precision {precision:.3f}, recall {recall:.3f}; "
          f"figures of no quantity linked anyway: {false_links + len(extra)}")  # fmt: skip
    for line in errors:
        print(f"    {line}")
    return texts


def seeds(folder: Path) -> None:
    if not SEEDS.is_dir():
        print(f"seeds: {SEEDS} not found, skipped")
        return
    url = _database(folder, [CATALOGUE])
    _ingest(url, next(SEEDS.glob("000_*.txt")), outlet="BuzzFeed News")
    _ingest(url, next(SEEDS.glob("002_*.txt")), outlet="The Herald", date="2017-09-17")
    with db.session_scope(url) as session:
        claims = store.list_claims(session)
    for key in ("returned-share", "returned-number", "travelled-total"):
        figures = [c.figure for c in claims if c.quantity == key]
        print(f"seeds {key}: {figures}")
    print(f"seeds linked: {sum(c.quantity is not None for c in claims)}/{len(claims)}; unlinked: "
          f"{[c.figure for c in claims if c.quantity is None]}")  # fmt: skip


def proposals(texts: list[tuple[str, str, str]]) -> None:
    print("== proposal similarity (held-out figures grouped with no catalogue; pairwise scores)")
    claims = [ClaimText(i, "count", counted, None) for i, (_, _, counted) in enumerate(texts)]
    gold = {i: quantity for i, (quantity, _, _) in enumerate(texts)}
    truth = {(a, b) for a, b in combinations(range(len(texts)), 2) if gold[a] == gold[b]}
    scorers = (
        ("token_sort_ratio (default)", fuzz.token_sort_ratio),
        ("token_set_ratio", fuzz.token_set_ratio),
        ("ratio", fuzz.ratio),
        ("WRatio", fuzz.WRatio),
    )
    for name, scorer in scorers:
        for similar in (40, 50, 60, 70, 80):
            groups = propose_quantities(claims, scorer=scorer, similar=similar)
            pairs = {pair for g in groups for pair in combinations(g.claim_ids, 2)}
            hit = len(pairs & truth)
            p = hit / len(pairs) if pairs else 1.0
            r = hit / len(truth) if truth else 1.0
            print(
                f"{name:26} >= {similar}: {len(groups):2} groups, "
                f"pair precision {p:.2f}, recall {r:.2f}"
            )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        print("== held-out linking")
        texts = held_out(Path(folder))
    with tempfile.TemporaryDirectory() as folder:
        print("== seeds")
        seeds(Path(folder))
    proposals(texts)


if __name__ == "__main__":
    main()
