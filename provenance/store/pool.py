"""The pool of claims a regrouping groups into proposals, kept on disk rather than in memory.

Regrouping reads every claim that matches no quantity: after a large ingest, hundreds of
thousands. Held in memory, with what grouping reads of each (its words before the figure, its
place, period, value), they took about half a kilobyte a claim, so an ingest's peak memory
grew with the archive. The pool writes them to a temporary SQLite database as they are read
(the standard library's sqlite3: an indexed table on disk is what an external grouping
needs, and this one is private to the process, whatever database the archive is in), then
groups one block of alike claims at a time (:func:`provenance.linking.proposal_block`), in
the order and with the moves between blocks that
:func:`provenance.linking.propose_quantities` makes in memory, so the proposals are the
same. Memory then holds one block, the blocks' names and sizes, and a line for each
proposal.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any, Self

from provenance import linking

_BATCH = 1_000  # claims written to the file at once
# A claim's fields, as a tuple pickled (a slotted dataclass pickles by name, field by field,
# at twice the cost)
_NAMES = [f.name for f in fields(linking.ClaimText)]
_FIELDS = attrgetter(*_NAMES)
# The fields alike claims of a block most often share (what they count, the words before the
# figure, the period), kept once in memory for all of them
_REPEATED = [_NAMES.index(name) for name in ("counted", "sentence", "period")]


def _dumps(values: tuple[object, ...]) -> bytes:
    return pickle.dumps(values, pickle.HIGHEST_PROTOCOL)


@dataclass(frozen=True, slots=True)
class Grouped:
    """A proposal the pool found: its label, unit, whether it is a running count, how many
    claims it holds, and the proposal that holds exactly those claims now, if one does."""

    label: str
    unit: str
    cumulative: bool
    size: int
    kept: int | None


class ClaimPool:
    """Claims added one by one (:meth:`add`), grouped (:meth:`proposals`), then read back
    as the moves that make the database's proposals those groups (:meth:`moves`)."""

    def __init__(self) -> None:
        # SQLite's private temporary database (the empty name): kept in its page cache until
        # that fills, then in a file of the temporary folder that SQLite removes from the
        # folder as it opens it, so no other process can reach it (what is unpickled is what
        # this one wrote) and nothing is left behind, even if the process is killed
        self._db = sqlite3.connect("", isolation_level=None)
        self._db.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE pool (
                id INTEGER NOT NULL,        -- the claim
                quantity INTEGER,           -- the proposal it is in now
                block INTEGER,              -- the block it is grouped in, if any
                ord INTEGER NOT NULL,       -- its order in the block
                inferred INTEGER NOT NULL,  -- its place was read from its article
                text BLOB                   -- what grouping reads of it (a ClaimText)
            );
            CREATE TABLE grouped (
                id INTEGER PRIMARY KEY,     -- a claim
                number INTEGER NOT NULL     -- the new proposal it goes to
            );
            BEGIN;  -- one transaction, never committed: the file is private and thrown away
            """
        )
        self._blocks: dict[tuple[tuple[str, ...], linking.Block], int] = {}
        self._batch: list[tuple[object, ...]] = []
        self._count = 0
        self._grouped = False

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self._db.close()

    def add(self, claim_id: int, quantity_id: int | None, text: linking.ClaimText | None) -> None:
        """A claim of the pool, with the proposal it is in now; ``text`` ``None`` for a claim
        that leaves its proposal and joins none (gone from its article)."""
        found = linking.proposal_block(text) if text is not None else None
        block = None
        if found is not None:
            block = self._blocks.setdefault(found, len(self._blocks))
        data = _dumps(_FIELDS(text)) if text is not None and block is not None else None
        inferred = bool(text and text.place_inferred)
        self._batch.append((claim_id, quantity_id, block, self._count, inferred, data))
        self._count += 1
        if len(self._batch) >= _BATCH:
            self._write()

    def _write(self) -> None:
        self._db.executemany(
            "INSERT INTO pool (id, quantity, block, ord, inferred, text) VALUES (?, ?, ?, ?, ?, ?)",
            self._batch,
        )
        self._batch = []

    def _sizes(self) -> dict[int, tuple[int, int]]:
        return {
            block: (size, inferred)
            for block, size, inferred in self._db.execute(
                "SELECT block, count(*), sum(inferred) FROM pool WHERE block IS NOT NULL "
                "GROUP BY block"
            )
        }

    def proposals(self, held: dict[int, int]) -> list[Grouped]:
        """Group the pool's claims into proposals, in the order
        :func:`provenance.linking.propose_quantities` gives them. ``held``: how many claims
        each current proposal holds (a group is that proposal when it holds the same
        claims)."""
        self._write()
        self._db.execute("CREATE INDEX pool_block ON pool (block, ord)")
        names = {number: key for key, number in self._blocks.items()}
        sizes = self._sizes()
        by_topics: dict[tuple[str, ...], dict[linking.Block, tuple[int, int]]] = {}
        for number in sorted(sizes):  # blocks in the order their first claims were read
            topics, block = names[number]
            by_topics.setdefault(topics, {})[block] = sizes[number]
        for topics, blocks in by_topics.items():
            for source, inferred_only, target in linking.place_moves(blocks):
                # the movers go to the end of their new block, in their order
                (end,) = self._db.execute("SELECT max(ord) + 1 FROM pool").fetchone()
                self._db.execute(
                    "UPDATE pool SET block = ?, ord = ord + ? WHERE block = ?"
                    + (" AND inferred" if inferred_only else ""),
                    (self._blocks[(topics, target)], end, self._blocks[(topics, source)]),
                )
        found: list[Grouped] = []
        for number, (size, _) in sorted(self._sizes().items(), key=lambda b: names[b[0]]):
            _, block = names[number]
            if block[1] and size >= linking.MINIMUM:  # else it proposes nothing
                found += self._group(number, block, held, len(found))
        self._grouped = True
        return found

    def _group(
        self, number: int, block: linking.Block, held: dict[int, int], first: int
    ) -> list[Grouped]:
        members: list[linking.ClaimText] = []
        now: dict[int, int | None] = {}  # claim id -> its proposal now
        shared: dict[object, object] = {}  # one copy of each value alike claims repeat
        for quantity, text in self._db.execute(
            "SELECT quantity, text FROM pool WHERE block = ? ORDER BY ord", (number,)
        ):
            values: list[Any] = list(pickle.loads(text))
            for i in _REPEATED:
                values[i] = shared.setdefault(values[i], values[i])
            members.append(linking.ClaimText(*values))
            now[members[-1].id] = quantity
        found: list[Grouped] = []
        for proposal in linking.block_proposals(block, members):
            current = {now[i] for i in proposal.claim_ids}
            kept = current.pop() if len(current) == 1 else None
            if kept is not None and held.get(kept) != len(proposal.claim_ids):
                kept = None
            if kept is None:
                self._db.executemany(
                    "INSERT INTO grouped (id, number) VALUES (?, ?)",
                    [(i, first + len(found)) for i in proposal.claim_ids],
                )
            found.append(
                Grouped(
                    proposal.label, proposal.unit, proposal.cumulative,
                    len(proposal.claim_ids), kept,
                )
            )  # fmt: skip
        return found

    def moves(self, kept: set[int], chunk: int = 1_000) -> Iterator[list[tuple[int, int | None]]]:
        """After :meth:`proposals`: the claims that move, by id, each with the number of the
        proposal it goes to (``None``: it leaves a proposal that is no more, for none), a
        chunk at a time."""
        assert self._grouped, "moves come after the proposals"
        rows = self._db.execute(
            "SELECT pool.id, quantity, number FROM pool LEFT JOIN grouped USING (id) ORDER BY id"
        )
        batch: list[tuple[int, int | None]] = []
        for claim_id, quantity, grouped in rows:
            if grouped is not None:
                batch.append((claim_id, grouped))
            elif quantity is not None and quantity not in kept:
                batch.append((claim_id, None))
            else:
                continue
            if len(batch) == chunk:
                yield batch
                batch = []
        if batch:
            yield batch
