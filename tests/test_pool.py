"""The pool regrouping keeps on disk gives the proposals grouping in memory gives."""

from __future__ import annotations

import contextlib
import os
from datetime import date
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import given

from provenance.linking import ClaimText, propose_quantities
from provenance.store.pool import ClaimPool

_WORDS = ["people were killed", "people marched", "protesters", "homes", "schools", "the toll"]
_PLACES = [None, "Hong Kong", "Kowloon", "Nepal", "Kathmandu", "France"]


@st.composite
def claim_texts(draw: st.DrawFn) -> list[ClaimText]:
    count = draw(st.integers(min_value=0, max_value=40))
    claims = []
    for i in range(1, count + 1):
        day = date(2020, 1, 1 + draw(st.integers(min_value=0, max_value=20)))
        claims.append(
            ClaimText(
                i, draw(st.sampled_from(["count", "percent"])), draw(st.sampled_from(_WORDS)),
                draw(st.sampled_from(["Officials said", "About", "Police said the toll rose to"])),
                place=draw(st.sampled_from(_PLACES)), place_inferred=draw(st.booleans()),
                topics=draw(st.sampled_from([(), ("quake",), ("quake", "floods")])),
                value=float(draw(st.sampled_from([5, 9, 40, 400, 9_000]))), period=(day, day),
            )
        )  # fmt: skip
    return claims


def _pooled(claims: list[ClaimText], now: dict[int, int]) -> ClaimPool:
    pool = ClaimPool()
    for claim in claims:
        pool.add(claim.id, now.get(claim.id), claim)
    return pool


@pytest.mark.fuzz
@given(claim_texts())
def test_the_pool_proposes_what_grouping_in_memory_proposes(claims: list[ClaimText]) -> None:
    expected = propose_quantities(claims)
    with _pooled(claims, {}) as pool:
        groups = pool.proposals({})
        moves = [move for chunk in pool.moves(set(), chunk=7) for move in chunk]
    assert [(g.label, g.unit, g.cumulative, g.size, g.kept) for g in groups] == [
        (p.label, p.unit, p.cumulative, len(p.claim_ids), None) for p in expected
    ]
    members: dict[int, list[int]] = {}
    for claim_id, number in moves:
        assert number is not None
        members.setdefault(number, []).append(claim_id)
    assert [tuple(members[n]) for n in range(len(groups))] == [p.claim_ids for p in expected]
    assert [claim_id for claim_id, _ in moves] == sorted(claim_id for claim_id, _ in moves)


def test_a_proposal_holding_the_same_claims_is_kept_and_one_no_more_is_emptied() -> None:
    day = (date(2015, 4, 25), date(2015, 4, 25))
    killed = [
        ClaimText(i, "count", "people were killed", "Officials said", place="Nepal",
                  value=float(v), period=day)
        for i, v in ((1, 8_000), (2, 8_100), (3, 7_900))
    ]  # fmt: skip
    homes = [
        ClaimText(i, "count", "homes destroyed", "About", place="Nepal", value=500_000.0)
        for i in (4, 5)
    ]
    # now: the toll's three in proposal 10, the homes in 11 with a claim gone from its article
    held = {10: 3, 11: 3}
    with ClaimPool() as pool:
        for claim in killed:
            pool.add(claim.id, 10, claim)
        for claim in homes:
            pool.add(claim.id, 11, claim)
        pool.add(6, 11, None)  # withdrawn
        groups = pool.proposals(held)
        assert [(g.size, g.kept) for g in groups] == [(2, None), (3, 10)]
        moves = [move for chunk in pool.moves({10}) for move in chunk]
    # the homes go to a new proposal (the first found); the withdrawn claim to none
    assert moves == [(4, 0), (5, 0), (6, None)]


def _sqlite_files() -> list[str]:
    """The temporary files SQLite holds open in this process, as /proc names them."""
    found = []
    for link in Path("/proc/self/fd").iterdir():
        with contextlib.suppress(OSError):  # the directory's own descriptor, already closed
            target = os.readlink(link)
            if "etilqs_" in target:
                found.append(target)
    return found


def test_the_pool_spills_to_a_file_no_one_else_can_reach() -> None:
    """More claims than SQLite's page cache holds go to a temporary file that is removed
    from its folder as it is opened (so only this process reaches it, and none is left
    behind), and closed with the pool."""
    sentence = "Officials said " + "the toll rose again. " * 20  # about 450 bytes a claim
    with ClaimPool() as pool:
        for i in range(20_000):  # some 9 MB, past the 2 MB cache
            pool.add(i, None, ClaimText(i, "count", "people were killed", sentence))
        pool._write()
        (pages,) = pool._db.execute("PRAGMA page_count").fetchone()
        assert pages * 4096 > 4_000_000
        spilled = _sqlite_files()
        assert spilled
        assert all(name.endswith(" (deleted)") for name in spilled)
    assert _sqlite_files() == []
