"""The object a Python caller holds: one claim database, and the verbs the command line offers.

    >>> from provenance import Archive
    >>> with Archive("claims.db", create=True) as archive:          # doctest: +SKIP
    ...     archive.ingest(["articles/"], topics=["foreign fighters"])
    ...     for claim in archive.claims(speaker="Goulet"):
    ...         print(claim.figure, claim.stated_by, claim.outlet)

Every method runs in a transaction of its own (a write is retried when it lost a race with
another writer on a server database), returns frozen records (:mod:`provenance.records`),
never ORM objects or results that die with a session, and raises
:class:`~provenance.errors.ProvenanceError` with a one-line message on bad input, leaving the
database as it was. The command line (:mod:`provenance.cli`) reads its arguments, calls one of
these, and renders what it returns.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from provenance.config import database_url
from provenance.errors import ProvenanceError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from provenance import store
    from provenance.records import (
        AgentRecord,
        ClaimInput,
        ClaimRecord,
        DocumentRecord,
        ProvenanceChain,
        QuantityRecord,
    )
    from provenance.web import Fetcher

_T = TypeVar("_T")


@dataclass(frozen=True)
class IngestReport:
    """What :meth:`Archive.ingest` did: one result per article stored or skipped as already
    stored, and a one-line error per source that could not be read."""

    results: tuple[store.IngestResult, ...] = ()
    failures: tuple[str, ...] = ()
    documents: int = field(default=0)

    @property
    def claims(self) -> int:
        return sum(r.claims for r in self.results if not r.skipped)


class Archive:
    """A claim database: a SQLite file or any SQLAlchemy URL (``None``: ``$PROVENANCE_DB``,
    else ``./provenance.db``). ``create=True`` creates it, or brings its schema up to date;
    otherwise it must exist at the current schema. Close it, or use it in a ``with`` block."""

    def __init__(self, database: str | os.PathLike[str] | None = None, *, create: bool = False):
        from provenance import db

        self.url = database_url(os.fspath(database) if database is not None else None)
        if create:
            db.upgrade(self.url)
        self._stack = contextlib.ExitStack()
        self._db = self._stack.enter_context(db.open_database(self.url))
        # Reads take no write lock on SQLite: a long listing keeps no writer waiting.
        self._reader = db.Database(self._db.engine.execution_options(**{db.WRITE_OPTION: False}))

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        from provenance.config import display_url

        return f"Archive({display_url(self.url)!r})"

    # -----------------------------------------------------------------------------------------
    # Transactions

    def read(self, work: Callable[[Session], _T]) -> _T:
        """``work(session)`` in a read transaction (for the store's functions not wrapped here)."""
        with self._reader.transaction() as session:
            return work(session)

    def write(self, work: Callable[[Session], _T]) -> _T:
        """``work(session)`` in a write transaction, run again if it lost a race."""
        return self._db.run(work)

    # -----------------------------------------------------------------------------------------
    # Reading

    def claims(
        self,
        *,
        topic: str | None = None,
        quantity: str | None = None,
        outlet: str | None = None,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
        search: str | None = None,
    ) -> list[ClaimRecord]:
        """Claims matching every filter given (see :func:`provenance.store.list_claims`)."""
        from provenance import store

        query = store.ClaimQuery(topic, quantity, outlet, speaker, since, until, search)
        return self.read(lambda session: store.list_claims(session, query))

    def claim(self, claim_id: int) -> ProvenanceChain:
        """One claim with its full provenance chain."""
        from provenance import store

        return self.read(lambda session: store.get_claim(session, claim_id))

    def quantities(self, *, proposed: bool = False) -> list[QuantityRecord]:
        """The catalogue's quantities, or the proposed ones."""
        from provenance import store
        from provenance.records import QuantityStatus

        status = QuantityStatus.PROPOSED if proposed else QuantityStatus.ACTIVE
        return self.read(lambda session: store.list_quantities(session, status))

    def sources(self) -> list[DocumentRecord]:
        """Every document: the articles and the primary sources they quote."""
        from provenance import store

        return self.read(store.list_sources)

    def speakers(self) -> list[AgentRecord]:
        """Everyone who stated a figure or published a document."""
        from provenance import store

        return self.read(store.list_speakers)

    def conflicts(
        self,
        *,
        quantity: str | None = None,
        topic: str | None = None,
        tolerance: Decimal | str = "0.1",
        window: float | None = None,
        include_resolved: bool = False,
        limit: int | None = None,
    ) -> store.ConflictReport:
        """Each quantity's figures compared: which disagree, and why (``tolerance`` widens an
        approximate figure, a share or ``"5%"``; ``window`` is in months). The report's
        ``results`` is a list, read in full before the transaction ends."""
        from dataclasses import replace

        from provenance import store

        widen = share_of(tolerance)
        self.write(store.fill_standings)

        def compare(session: Session) -> store.ConflictReport:
            report = store.compare_quantities(
                session,
                quantity=quantity,
                topic=topic,
                tolerance=widen,
                window=window,
                include_resolved=include_resolved,
                limit=limit,
            )
            return replace(report, results=list(report.results))

        return self.read(compare)

    def export(
        self,
        fmt: str = "csv",
        *,
        style: str = "apa",
        topic: str | None = None,
        quantity: str | None = None,
        outlet: str | None = None,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
        search: str | None = None,
    ) -> str:
        """The claims the filters pick (those of :meth:`claims`) as a citation table
        (csv, markdown, html, json), a bibliography (bibtex, biblatex, csl-json,
        references in ``style``), schema.org JSON-LD or PROV (prov-json, prov-n). Deprecated,
        rejected and withdrawn claims are left out, as `provenance export` leaves them."""
        from provenance import exports, store, views

        def cite(session: Session) -> store.Citations:
            query = store.ClaimQuery(topic, quantity, outlet, speaker, since, until, search)
            kept = [r for r in store.list_claims(session, query) if not exports.withdrawn(r)]
            return store.cite_claims(session, kept)

        return views.render_export(self.read(cite), fmt, style=style)

    # -----------------------------------------------------------------------------------------
    # Writing

    def ingest(
        self,
        sources: Iterable[str | os.PathLike[str]],
        *,
        topics: Sequence[str] = (),
        overrides: dict[str, str | None] | None = None,
        encoding: str | None = None,
        fetcher: Fetcher | None = None,
    ) -> IngestReport:
        """Store articles (text or HTML files, folders of them, URLs) and their figures, each in
        a transaction of its own; a source that cannot be read is reported, and the others are
        still stored. Proposed quantities are regrouped once, at the end."""
        from provenance import store
        from provenance.reading import article_paths
        from provenance.web import Fetcher

        names = list(article_paths([os.fspath(s) for s in sources]))
        results: list[store.IngestResult] = []
        failures: list[str] = []
        with contextlib.ExitStack() as stack:
            if fetcher is None:
                from provenance.config import cache_dir

                fetcher = stack.enter_context(Fetcher(cache_dir()))
            for _, outcome in self.ingest_each(
                names, topics=topics, overrides=overrides, encoding=encoding, fetcher=fetcher
            ):
                (failures if isinstance(outcome, str) else results).append(outcome)  # type: ignore[arg-type]
        stored = [r for r in results if not r.skipped]
        if stored:
            self.write(store.refresh_proposals)
        return IngestReport(
            tuple(results), tuple(failures), sum(1 for r in stored if r.version == 1)
        )

    def ingest_each(
        self,
        names: Iterable[str],
        *,
        topics: Sequence[str] = (),
        overrides: dict[str, str | None] | None = None,
        encoding: str | Callable[[str], str | None] | None = None,
        fetcher: Fetcher | None = None,
        on_written: Callable[[], None] | None = None,
    ) -> Iterator[tuple[str, store.IngestResult | str]]:
        """Each article named, stored in a transaction of its own, as it is done: its result,
        or the one-line error that kept it out. ``encoding`` may be a function of the name;
        ``on_written`` is called once an article is written, just before its commit (the
        command line holds Ctrl-C from then until it has counted the article). Proposals are
        not regrouped: call ``write(store.refresh_proposals)`` after the last."""
        from provenance import store
        from provenance.derived import DEFER_PROPOSALS
        from provenance.reading import guess_encoding, is_page, read_article

        given = dict(overrides or {})
        this_run: set[int] = set()
        for name in names:
            try:
                if callable(encoding):
                    chosen = encoding(name)
                elif encoding is None and not is_page(name) and name != "-" and "://" not in name:
                    chosen = _guessed(name, guess_encoding)
                else:
                    chosen = encoding
                article = read_article(name, given, chosen, fetcher)

                def work(session: Session, article: Any = article) -> store.IngestResult:
                    session.info[DEFER_PROPOSALS] = True  # regrouped once, after the last
                    result = store.ingest_document(
                        session, article, topics, not_versions_of=frozenset(this_run)
                    )
                    if on_written is not None:
                        on_written()
                    return result

                result = self.write(work)
            except ProvenanceError as exc:
                yield name, str(exc)
                continue
            this_run.add(result.document_id)
            yield name, result

    def add(self, data: ClaimInput) -> ClaimRecord:
        """One claim entered by hand (see :class:`provenance.records.ClaimInput`); a claim
        identical to a stored one is not stored twice."""
        from provenance import store

        record, _ = self.write(lambda session: store.add_claim(session, data))
        return record

    def load_catalogue(self, path: str | os.PathLike[str]) -> store.LinkSummary:
        """Load a catalogue file of quantities (all of it, or nothing), then relink claims."""
        from provenance import store
        from provenance.catalogue import read_catalogue

        catalogue = read_catalogue(Path(path))

        def load(session: Session) -> store.LinkSummary:
            store.load_catalogue(session, catalogue.quantities, catalogue.relations)
            return store.link_claims(session)

        return self.write(load)

    def link(self) -> store.LinkSummary:
        """Link every claim no person decided to the quantity it clearly measures, and regroup
        the rest into proposed quantities (running it twice changes nothing)."""
        from provenance import store

        return self.write(store.link_claims)


def share_of(tolerance: Decimal | str, name: str = "tolerance") -> Decimal:
    """A tolerance as a share: ``Decimal("0.05")``, ``"0.05"`` or ``"5%"``.

    >>> share_of("5%"), share_of("0.1")
    (Decimal('0.05'), Decimal('0.1'))
    """
    from provenance.errors import InputError

    text = str(tolerance).strip()
    try:
        share = Decimal(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except ArithmeticError:
        raise InputError(f"{name} is not a number: {str(tolerance)!r}") from None
    if not 0 <= share < 1:
        raise InputError(f"{name} must be between 0 and 1 (or 0% and 100%): {str(tolerance)!r}")
    return share


def _guessed(name: str, guess: Callable[[str], str | None]) -> str | None:
    try:
        return guess(name)
    except OSError:
        return None  # reading it will say what is wrong, by name


__all__ = ["Archive", "IngestReport"]
