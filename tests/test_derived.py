"""Derived data (search text, quantity bounds, standings, proposals) is brought up to date by
the project's own sessions, inside the transaction that writes, and only by them."""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from provenance import Archive, db
from provenance.models import Agent, AgentAlias, Claim, Quantity, QuantityBounds
from provenance.records import ClaimInput
from tests.support import ok


def _unstood(url: str) -> int:
    """Quantities with two figures or more whose standing nobody worked out."""
    with db.session_scope(url, write=False) as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(QuantityBounds)
                .where(QuantityBounds.figures >= 2, QuantityBounds.standing.is_(None))
            )
            or 0
        )


def test_every_write_leaves_the_standings_worked_out(ingested: str, runner: CliRunner) -> None:
    with db.session_scope(ingested, write=False) as session:
        compared = session.scalar(
            select(func.count()).select_from(QuantityBounds).where(QuantityBounds.figures >= 2)
        )
    assert compared  # the sample articles give quantities two figures or more
    assert _unstood(ingested) == 0  # no `conflicts` was run: the writes stored them
    for step in (
        ("add", "about 2,000", "--quantity", "returned-number", "--stated-by", "A Minister"),
        ("rank", "11", "deprecated", "--reason", "superseded"),
        ("conflicts", "resolve", "4-11", "--as", "explained"),
        ("unlink", "10"),
    ):
        ok(runner, *step)
        assert _unstood(ingested) == 0, step


def test_the_hooks_belong_to_the_project_s_sessions_alone(ingested: str) -> None:
    """Another library's plain Session on the same database is left as it works."""
    with db.open_database(ingested) as opened:
        with Session(opened.engine) as session, session.begin():
            claim = session.scalars(select(Claim).where(Claim.quantity_id.is_not(None))).first()
            assert claim is not None
            claim_id, before = claim.id, claim.search_text
            quantity_id = claim.quantity_id
            figures = session.get_one(QuantityBounds, quantity_id).figures
            claim.quantity_id = None
            claim.figure = "zebra"
        with Session(opened.engine) as session:
            assert session.get_one(Claim, claim_id).search_text == before  # not rewritten
            assert session.get_one(QuantityBounds, quantity_id).figures == figures  # nor these
        with opened.transaction() as session:  # one of ours: the search text follows
            session.get_one(Claim, claim_id).figure = "zebras"
        with opened.transaction() as session:
            assert "zebras" in (session.get_one(Claim, claim_id).search_text or "")


def test_a_new_alias_finds_the_speaker_s_claims(ingested: str) -> None:
    with Archive(ingested) as archive:
        assert not archive.claims(search="Goulet2017")

        def alias(session: Session) -> None:
            goulet = session.scalars(select(Agent).where(Agent.name == "Nathalie Goulet")).one()
            goulet.aliases.append(AgentAlias(alias="Goulet2017"))

        archive.write(alias)
        found = archive.claims(search="Goulet2017")
    assert found
    assert {c.stated_by for c in found} == {"Nathalie Goulet"}


def test_claims_added_by_hand_with_no_quantity_are_proposed_in_the_same_step(
    db_url: str,
) -> None:
    with Archive(db_url) as archive:
        for figure, outlet in (("1,200", "The Herald"), ("1,350", "BuzzFeed News")):
            archive.add(ClaimInput(figure, counted="ferries inspected", outlet=outlet))
        proposed = archive.quantities(proposed=True)
        claims = archive.claims()
    assert len(proposed) == 1
    assert {c.quantity for c in claims} == {proposed[0].key}


def test_claims_regrouped_into_proposals_are_found_by_them_and_counted_in_their_bounds(
    db_url: str,
) -> None:
    """Regrouping moves claims with one UPDATE a chunk, past the flush hooks: their search text
    names the proposal they joined and no longer the one they left, and every proposal's
    bounds (which `conflicts` reads) are those of its claims now."""
    with Archive(db_url) as archive:
        for figure in ("1,200", "1,350", "1,100"):
            archive.add(ClaimInput(figure, counted="ferries inspected", outlet="The Herald"))
        [first] = archive.quantities(proposed=True)  # all three, one block
        assert len(archive.claims(search=first.key.replace("-", " "))) == 3

        def recount(session: Session) -> None:  # the 1,100 now counts something else
            claim = session.scalars(select(Claim).where(Claim.figure == "1,100")).one()
            claim.counted = "ships fined"

        archive.write(recount)
        archive.add(ClaimInput("1,150", counted="ships fined", outlet="The Herald"))
        proposed = {q.key: q for q in archive.quantities(proposed=True)}
        by_figure = {c.figure: c.quantity for c in archive.claims()}
        found = {
            key: {c.figure for c in archive.claims(search=key.replace("-", " "))}
            for key in proposed
        }
        check = archive.check()
    assert len(proposed) == 2
    assert by_figure["1,100"] == by_figure["1,150"] != by_figure["1,200"] == by_figure["1,350"]
    assert found[by_figure["1,100"]] == {"1,100", "1,150"}
    assert found[by_figure["1,200"]] == {"1,200", "1,350"}
    assert check.bounds_off == ()


def test_a_renamed_quantity_is_found_by_its_new_label_at_once(ingested: str) -> None:
    with Archive(ingested) as archive:
        linked = [c for c in archive.claims() if c.quantity == "returned-number"]

        def rename(session: Session) -> None:
            quantity = session.scalars(select(Quantity).where(Quantity.key == "returned-number"))
            quantity.one().label = "Homecoming jihadists"

        archive.write(rename)
        found = archive.claims(search="homecoming")
    assert linked
    assert {c.id for c in found} == {c.id for c in linked}


def test_standings_an_older_version_left_out_are_worked_out_when_read(ingested: str) -> None:
    with db.session_scope(ingested) as session:
        session.execute(text("UPDATE quantity_bounds SET standing = NULL"))
    assert _unstood(ingested) > 0
    with Archive(ingested) as archive:
        archive.conflicts()
    assert _unstood(ingested) == 0
