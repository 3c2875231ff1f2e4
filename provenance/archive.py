"""The object a Python caller holds: one claim database, and the verbs the command line offers.

    from provenance import Archive

    with Archive("claims.db", create=True) as archive:
        archive.ingest(["articles/"], topics=["foreign fighters"])
        for claim in archive.claims(speaker="Goulet"):
            print(claim.figure, claim.stated_by, claim.outlet)

Every method runs in a transaction of its own (a write is retried when it lost a race with
another writer on a server database), returns frozen records (:mod:`provenance.records`),
never ORM objects or results that die with a session, and raises
:class:`~provenance.errors.ProvenanceError` with a one-line message on bad input, leaving the
database as it was. The command line (:mod:`provenance.cli`) reads its arguments, calls one of
these, and renders what it returns.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypedDict, TypeVar, Unpack

from provenance.config import database_url
from provenance.errors import InputError, ProvenanceError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from provenance import places, store
    from provenance.db import SchemaState
    from provenance.extract import ExtractedClaim
    from provenance.output import ExportFormat
    from provenance.records import (
        AgentRecord,
        ClaimInput,
        ClaimRecord,
        DecisionRecord,
        DocumentRecord,
        ImportSummary,
        ProvenanceChain,
        QuantityRecord,
        RelationRecord,
    )
    from provenance.web import Fetcher

_T = TypeVar("_T")
_Batch = TypeVar("_Batch", bound="Sequence[Any] | store.ClaimBatch")


class Listing(Generic[_Batch]):
    """A listing read inside a ``with`` block (one read transaction) a batch at a time, as
    :meth:`Archive.listing_claims` and the others give it: iterate it for batches of its
    first ``limit`` rows (None: all), then :meth:`total` says how many match. Nothing beyond
    the limit is read but one row, to know whether any were left out."""

    def __init__(
        self, batches: Iterator[_Batch], count: Callable[[], int], limit: int | None
    ) -> None:
        self._batches, self._count, self.limit = batches, count, limit
        self.shown, self.more = 0, False  # rows handed on so far; whether any were left out

    def __iter__(self) -> Iterator[_Batch]:
        limit = self.limit
        for batch in self._batches:
            if limit is not None and self.shown + len(batch) > limit:
                batch = batch[: limit - self.shown]  # type: ignore[assignment]
                self.more = True
            if len(batch):
                self.shown += len(batch)
                yield batch
            if self.more:
                return

    def total(self) -> int:
        """How many rows match: those shown, or counted in SQL when some were left out."""
        return self._count() if self.more else self.shown


@contextlib.contextmanager
def _fewer_collections(every: int = 50_000) -> Iterator[None]:
    """Python's cycle collector run after every ``every`` new objects rather than 700 while a
    listing streams, then as it was: a listing makes millions of short-lived rows and no
    cycles, and each collection looked again at every object the process holds (a tenth of
    the time of a million-claim listing). A collector switched off stays off."""
    before = gc.get_threshold()
    if before[0]:
        gc.set_threshold(max(before[0], every), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _lists(records: Iterable[_T], size: int = 1_000) -> Iterator[list[_T]]:
    """Records as lists of ``size`` of them, the batches a :class:`Listing` hands on."""
    found = iter(records)
    while batch := list(islice(found, size)):
        yield batch


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

    @staticmethod
    def upgrade(database: str | os.PathLike[str] | None = None) -> SchemaState:
        """Create the database, or apply the migrations it lacks; returns its state before
        (``current`` None: it was created)."""
        from provenance import db

        return db.upgrade(database_url(os.fspath(database) if database is not None else None))

    @staticmethod
    def schema(database: str | os.PathLike[str] | None = None) -> SchemaState:
        """The database's schema revision and the one this version expects, without opening
        it for use (it may be behind)."""
        from provenance import db

        return db.schema_state(database_url(os.fspath(database) if database is not None else None))

    @staticmethod
    def extract(
        sources: Iterable[str | os.PathLike[str]],
        *,
        overrides: dict[str, str | None] | None = None,
        encoding: str | Callable[[str], str | None] | None = None,
        fetcher: Fetcher | None = None,
    ) -> Iterator[tuple[str, ExtractedClaim | str]]:
        """The figures of articles (text or HTML files, folders of them, URLs, ``-``), each with
        who stated it, as they are found: no database is opened and nothing is stored
        (``Archive.extract([...])``). A source that cannot be read yields its one-line error
        in place of a figure, and the others are still read. ``encoding`` may be a function
        of the name; URLs need a ``fetcher`` (:class:`provenance.web.Fetcher`)."""
        from provenance.reading import article_paths, guess_encoding, is_page, stream_claims

        given = dict(overrides or {})
        for name in article_paths([os.fspath(s) for s in sources]):
            try:
                if callable(encoding):
                    chosen = encoding(name)
                elif encoding is None and not is_page(name) and name != "-" and "://" not in name:
                    chosen = _guessed(name, guess_encoding)
                else:
                    chosen = encoding
                for claim in stream_claims(name, given, chosen, fetcher):
                    yield name, claim
            except ProvenanceError as exc:
                yield name, str(exc)

    def datasette_metadata(self) -> dict[str, Any]:
        """Datasette metadata for this SQLite database: titles, facets, labels, search."""
        from provenance import db, exports
        from provenance.config import display_url

        name = db.sqlite_name(self.url)
        if name is None:
            raise InputError(f"{display_url(self.url)}: Datasette reads SQLite files only")
        return exports.datasette_metadata(name)

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
        self, *, limit: int | None = None, **filters: Unpack[ClaimFilters]
    ) -> list[ClaimRecord]:
        """Claims matching every filter given (:class:`ClaimFilters`), the first ``limit`` of
        them (None: all), cut short in SQL."""
        from provenance import store

        query = _query(filters)
        return self.read(lambda session: store.list_claims(session, query, limit))

    def claim(self, claim_id: int) -> ProvenanceChain:
        """One claim with its full provenance chain."""
        from provenance import store

        return self.read(lambda session: store.get_claim(session, claim_id))

    def quantities(
        self, *, proposed: bool = False, limit: int | None = None
    ) -> list[QuantityRecord]:
        """The catalogue's quantities, or the proposed ones, by key: the first ``limit`` of
        them (None: all)."""
        with self.listing_quantities(proposed=proposed, limit=limit) as listing:
            return [record for batch in listing for record in batch]

    def sources(self, *, limit: int | None = None) -> list[DocumentRecord]:
        """Every document, the articles and the primary sources they quote, oldest first: the
        first ``limit`` of them (None: all)."""
        with self.listing_sources(limit=limit) as listing:
            return [record for batch in listing for record in batch]

    def speakers(self, *, limit: int | None = None) -> list[AgentRecord]:
        """Everyone who stated a figure or published a document, by name: the first ``limit``
        of them (None: all)."""
        with self.listing_speakers(limit=limit) as listing:
            return [record for batch in listing for record in batch]

    @contextlib.contextmanager
    def _listing(
        self,
        read: Callable[[Session, int | None], Iterator[_Batch]],
        count: Callable[[Session], int],
        limit: int | None,
    ) -> Iterator[Listing[_Batch]]:
        """A :class:`Listing` of what ``read`` gives (at most one row past the limit), counted
        by ``count``, inside one read transaction."""
        with _fewer_collections(), self._reader.snapshot() as session:
            # One row more than the limit: whether any were left out (a negative limit is
            # passed on as it is, for the store to refuse).
            batches = read(session, limit + 1 if limit is not None and limit >= 0 else limit)
            try:
                yield Listing(batches, lambda: count(session), limit)
            finally:
                close = getattr(batches, "close", None)
                if close is not None:  # a generator stopped early closes a server's cursor
                    close()

    def listing_claims(
        self, *, limit: int | None = None, **filters: Unpack[ClaimFilters]
    ) -> contextlib.AbstractContextManager[Listing[store.ClaimBatch]]:
        """:meth:`claims` streamed inside the block, a batch of claims at a time, field by
        field (:class:`~provenance.store.ClaimBatch`: its ``records()`` are the claims), for a
        listing of millions; then the listing's ``total()``.

            with archive.listing_claims(speaker="Goulet", limit=100) as listing:
                for batch in listing:
                    print(batch.columns["figure"])
                print(listing.total(), "claims")
        """
        from provenance import store

        query = _query(filters)
        return self._listing(
            lambda session, n: store.iter_claim_batches(session, query, n),
            lambda session: store.total_claims(session, query),
            limit,
        )

    def listing_quantities(
        self, *, proposed: bool = False, limit: int | None = None
    ) -> contextlib.AbstractContextManager[Listing[list[QuantityRecord]]]:
        """:meth:`quantities` streamed inside the block, as :meth:`listing_claims`."""
        from provenance import store
        from provenance.records import QuantityStatus

        status = QuantityStatus.PROPOSED if proposed else QuantityStatus.ACTIVE
        return self._listing(
            lambda session, n: _lists(store.iter_quantities(session, status, n)),
            lambda session: store.total_quantities(session, status),
            limit,
        )

    def listing_sources(
        self, *, limit: int | None = None
    ) -> contextlib.AbstractContextManager[Listing[list[DocumentRecord]]]:
        """:meth:`sources` streamed inside the block, as :meth:`listing_claims`."""
        from provenance import store

        return self._listing(
            lambda session, n: _lists(store.iter_sources(session, n)), store.total_sources, limit
        )

    def listing_speakers(
        self, *, limit: int | None = None
    ) -> contextlib.AbstractContextManager[Listing[list[AgentRecord]]]:
        """:meth:`speakers` streamed inside the block, as :meth:`listing_claims`."""
        from provenance import store

        return self._listing(
            lambda session, n: _lists(store.iter_speakers(session, n)),
            store.total_speakers,
            limit,
        )

    def conflicts(
        self,
        *,
        quantity: str | None = None,
        topic: str | None = None,
        tolerance: Decimal | str = "0.1",
        window: float | None = None,
        include_resolved: bool = False,
        limit: int | None = None,
        all_pairs: bool = False,
    ) -> store.ConflictReport:
        """Each quantity's figures compared: which disagree, and why (``tolerance`` widens an
        approximate figure, a share or ``"5%"``; ``window`` is in months; ``limit`` keeps the
        most severe so many quantities). The report's ``results`` is a list, read in full
        before the transaction ends (:meth:`comparing` streams them instead)."""
        from dataclasses import replace

        with self.comparing(
            quantity=quantity, topic=topic, tolerance=tolerance, window=window,
            include_resolved=include_resolved, limit=limit, all_pairs=all_pairs,
        ) as report:  # fmt: skip
            return replace(report, results=list(report.results))

    @contextlib.contextmanager
    def comparing(
        self,
        *,
        quantity: str | None = None,
        topic: str | None = None,
        tolerance: Decimal | str = "0.1",
        window: float | None = None,
        include_resolved: bool = False,
        limit: int | None = None,
        all_pairs: bool = False,
    ) -> Iterator[store.ConflictReport]:
        """:meth:`conflicts`, its ``results`` yielded one quantity at a time inside the block
        (a read transaction, which keeps no writer waiting), for a listing of thousands."""
        from provenance import store

        widen = share_of(tolerance)
        # Standings an older version left out are stored in a moment of their own, or not
        # at all when another command is writing (every write stores its own).
        self.read(store.fill_standings)
        with self._reader.snapshot() as session:
            yield store.compare_quantities(
                session,
                quantity=quantity,
                topic=topic,
                tolerance=widen,
                window=window,
                include_resolved=include_resolved,
                limit=limit,
                all_pairs=all_pairs,
            )

    def comparison(
        self, quantity: str, *, tolerance: Decimal | str = "0.1", window: float | None = None
    ) -> store.QuantityComparison:
        """One quantity's figures compared, resolved pairs included (what `plot` draws)."""
        with self.comparing(
            quantity=quantity, tolerance=tolerance, window=window, include_resolved=True, limit=1
        ) as report:
            found = list(report.results)
        if not found:
            raise InputError(f"quantity {quantity!r} has fewer than two figures to compare")
        return found[0]

    def report(
        self,
        *,
        quantity: str | None = None,
        topic: str | None = None,
        tolerance: Decimal | str = "0.1",
        window: float | None = None,
        include_resolved: bool = False,
    ) -> Report:
        """One self-contained HTML page (what `provenance report` writes): charts, figures,
        disagreements with their quotes and links, arithmetic, and sources."""
        with self.comparing(
            quantity=quantity, topic=topic, tolerance=tolerance, window=window,
            include_resolved=include_resolved,
        ) as compared:  # fmt: skip
            results = list(compared.results)
        sources = self.sources()
        from provenance.report import render_report  # matplotlib loads only when drawing

        return Report(render_report(results, sources), len(results), len(sources))

    def export(
        self,
        fmt: ExportFormat | str = "csv",
        *,
        style: str = "apa",
        conflicts_only: bool = False,
        include_withdrawn: bool = False,
        **filters: Unpack[ClaimFilters],
    ) -> str:
        """The claims the filters pick (those of :meth:`claims`) as a citation table
        (csv, markdown, html, json), a bibliography (bibtex, biblatex, csl-json,
        references in ``style``), schema.org JSON-LD or PROV (prov-json, prov-n).
        Deprecated, rejected and withdrawn claims are left out unless ``include_withdrawn``;
        ``conflicts_only`` keeps the claims in a disagreement nobody resolved."""
        from provenance import views

        selection = self.citations(
            conflicts_only=conflicts_only, include_withdrawn=include_withdrawn, **filters
        )
        return views.render_export(selection.citations, fmt, style=style)

    def citations(
        self,
        *,
        conflicts_only: bool = False,
        include_withdrawn: bool = False,
        **filters: Unpack[ClaimFilters],
    ) -> Selection:
        """What :meth:`export` cites, before it is written in a format, and how many claims
        were left out as deprecated, rejected or withdrawn."""
        from provenance import exports, store

        query = _query(filters)

        def cite(session: Session) -> Selection:
            records = _selected(session, query, conflicts_only)
            kept = [r for r in records if include_withdrawn or not exports.withdrawn(r)]
            return Selection(store.cite_claims(session, kept), len(records) - len(kept))

        return self.read(cite)

    def backup(
        self, *, conflicts_only: bool = False, **filters: Unpack[ClaimFilters]
    ) -> dict[str, Any]:
        """A lossless backup (what `import` restores, ids kept, into an empty database): the
        whole database when nothing is selected, else the claims selected and what they need."""
        from provenance import store

        query = _query(filters)
        everything = query == store.ClaimQuery() and not conflicts_only

        def dump(session: Session) -> dict[str, Any]:
            if everything:
                return store.dump(session, None)
            return store.dump(session, [r.id for r in _selected(session, query, conflicts_only)])

        return self.read(dump)

    def quantity(self, ref: str) -> store.QuantityDetail:
        """A quantity (key, label or id): its definition, terms, topics and linked claims."""
        from provenance import store

        return self.read(lambda session: store.show_quantity(session, ref))

    def catalogue(self, *, topic: str | None = None) -> str:
        """The catalogue (quantities loaded, defined or accepted, and the relations between
        them; those tagged ``topic`` when given) as a TOML file :meth:`load_catalogue` reads."""
        from provenance import store
        from provenance.catalogue import write_catalogue
        from provenance.records import QuantityStatus

        def read(session: Session) -> tuple[list[QuantityRecord], list[RelationRecord]]:
            active = store.list_quantities(session, QuantityStatus.ACTIVE)
            return active, store.list_relations(session)

        records, relations = self.read(read)
        if topic is not None:
            wanted = topic.casefold()
            records = [r for r in records if wanted in (t.casefold() for t in r.topics)]
            keys = {r.key for r in records}
            relations = [
                r
                for r in relations
                if {r.target, r.first, *([r.second] if r.second else [])} <= keys
            ]
        if not records:
            raise InputError(
                f"no quantities tagged {topic!r} to export" if topic else "no quantities to export"
            )
        return write_catalogue(records, relations)

    def suggest(self, claim_id: int) -> list[store.Suggestion]:
        """The catalogue quantities that fit a claim, best first, with why."""
        from provenance import store

        return self.read(lambda session: store.suggest_links(session, claim_id))

    def check(self, *, fix: bool = False) -> Check:
        """Whether the tables match this version's models and the bounds kept per quantity
        match the claims; ``fix`` recomputes bounds that are off."""
        from provenance import db
        from provenance.derived import bounds_differences, refresh_bounds

        differences = tuple(db.schema_differences(self.url))
        if differences:
            return Check(db.HEAD_REVISION, differences, ())

        def check(session: Session) -> tuple[int, ...]:
            off = tuple(bounds_differences(session))
            if off and fix:
                refresh_bounds(session)
            return off

        off = self.write(check) if fix else self.read(check)
        return Check(db.HEAD_REVISION, (), off, fixed=fix)

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
        workers: int | None = None,
        cluster: str | None = None,
    ) -> IngestReport:
        """Store articles (text or HTML files, folders of them, URLs) and their figures, each
        whole or not at all (committed a group at a time, see :meth:`ingest_each`); a source
        that cannot be read is reported, and the others are still stored. Proposed quantities
        are regrouped once, at the end. ``workers``: see :meth:`ingest_each`."""
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
                names,
                topics=topics,
                overrides=overrides,
                encoding=encoding,
                fetcher=fetcher,
                workers=workers,
                cluster=cluster,
            ):
                (failures if isinstance(outcome, str) else results).append(outcome)  # type: ignore[arg-type]
        stored = [r for r in results if not r.skipped]
        if stored:
            self.regroup_proposals()
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
        on_written: Callable[[int], None] | None = None,
        workers: int | None = None,
        cluster: str | None = None,
    ) -> Iterator[tuple[str, store.IngestResult | str]]:
        """Each article named, stored whole or not at all, as it is done: its result, or the
        one-line error that kept it out. Articles are written a group at a time (see
        :data:`GROUP_ARTICLES`), each in a savepoint of the group's transaction, and given
        once the group is committed. ``encoding`` may be a function of the name;
        ``on_written(n)`` is called once a group is written, just before its commit, with the
        number of results it will give (the command line holds Ctrl-C from then until it has
        counted them all). Proposals are not regrouped: call :meth:`regroup_proposals` after
        the last.

        ``workers`` processes (default: the machine's cores) read the article files and find
        their figures while this one writes, in the order given (see :func:`_read_ahead`);
        with ``cluster`` (a Dask scheduler's address, ``tcp://host:8786``), the cluster's
        workers do.
        """
        from provenance import places, store

        given = dict(overrides or {})
        # The catalogue's places the gazetteer lacks are places in these articles too.
        taught = self.read(lambda session: store.taught_places(session, topics))
        with places.taught(taught):
            yield from self._ingest_taught(names, topics, given, encoding, fetcher, on_written,
                                           workers, cluster, taught)  # fmt: skip

    def _ingest_taught(
        self,
        names: Iterable[str],
        topics: Sequence[str],
        given: dict[str, str | None],
        encoding: str | Callable[[str], str | None] | None,
        fetcher: Fetcher | None,
        on_written: Callable[[int], None] | None,
        workers: int | None,
        cluster: str | None,
        taught: places.Taught,
    ) -> Iterator[tuple[str, store.IngestResult | str]]:
        from provenance import store

        this_run: set[int] = set()
        agents = store.AgentMemory()  # the speakers stored so far, loaded together by the next
        group: list[tuple[str, Any]] = []
        began = 0.0
        since_reconnect = 0
        read = _read_ahead(
            names, given, encoding, fetcher, workers, cluster, beyond=GROUP_ARTICLES, taught=taught
        )
        for name, article in read:
            if not group:
                began = time.monotonic()
            group.append((name, article))
            if len(group) < GROUP_ARTICLES and time.monotonic() - began < GROUP_SECONDS:
                continue
            outcomes = self._write_group(group, topics, this_run, agents, on_written)
            group = []
            since_reconnect += len(outcomes)
            if since_reconnect >= RECONNECT_EVERY:
                # A SQLite connection's own memory grows with what it has written (about 25 MB
                # a thousand articles, outside Python's heap: only closing the connection gives
                # it back), so a long batch writes through a fresh one now and then.
                since_reconnect = 0
                self._db.engine.dispose()
                _give_back_memory()
            yield from outcomes
        if group:
            yield from self._write_group(group, topics, this_run, agents, on_written)

    def _write_group(
        self,
        group: list[tuple[str, Any]],
        topics: Sequence[str],
        this_run: set[int],
        agents: store.AgentMemory,
        on_written: Callable[[int], None] | None,
    ) -> list[tuple[str, store.IngestResult | str]]:
        """Write a group of :meth:`ingest_each`'s articles (or the errors that kept them out)
        in one transaction. It is first written straight through; should an article fail,
        that is rolled back and the group written again with each article in a savepoint, so
        the one that fails is rolled back alone and named. (A savepoint an article costs two
        round trips to a server, a fifth of an article's; articles seldom fail.) Run again
        from the start should the transaction lose a race."""
        from provenance import store
        from provenance.derived import DEFER_PROPOSALS

        def work(session: Session, careful: bool) -> list[tuple[str, store.IngestResult | str]]:
            session.info[DEFER_PROPOSALS] = True  # regrouped once, after the last
            # the group's claims are written together (a written article's in careful mode)
            session.info[store.PENDING_CLAIMS] = []
            agents.begin()  # what an earlier try of this transaction staged is gone
            written = set(this_run)  # this run's documents: none is a version of another
            outcomes: list[tuple[str, store.IngestResult | str]] = []
            articles = [article for _, article in group if not isinstance(article, str)]
            held = store.StoredArticles.of(session, articles)  # one lookup for the group
            agents.load(session, articles)  # and one for the speakers it names
            for name, article in group:
                if isinstance(article, str):
                    outcomes.append((name, article))
                    continue
                store_it = partial(
                    store.ingest_document,
                    session,
                    article,
                    topics,
                    not_versions_of=written,
                    agents=agents,
                    held=held,
                )
                if not careful:  # a failure rolls back the group, to be written carefully
                    result = store_it()
                else:
                    checkpoint = agents.checkpoint()
                    try:
                        with session.begin_nested():
                            result = store_it()
                            store.write_pending_claims(session)  # inside its savepoint
                    except ProvenanceError as exc:
                        agents.restore(checkpoint)  # rolled back: so are the speakers it stored
                        session.info[store.PENDING_CLAIMS].clear()  # and the claims it read
                        outcomes.append((name, str(exc)))
                        continue
                written.add(result.document_id)
                outcomes.append((name, result))
            store.write_pending_claims(session)
            if on_written is not None:
                on_written(len(outcomes))
            return outcomes

        try:
            outcomes = self.write(partial(work, careful=False))
        except ProvenanceError:
            outcomes = self.write(partial(work, careful=True))
        agents.keep()  # committed: its speakers are stored
        this_run.update(o.document_id for _, o in outcomes if not isinstance(o, str))
        return outcomes

    def add(self, data: ClaimInput) -> ClaimRecord:
        """One claim entered by hand (see :class:`provenance.records.ClaimInput`); a claim
        identical to a stored one is not stored twice."""
        return self.add_claim(data)[0]

    def add_claim(self, data: ClaimInput) -> tuple[ClaimRecord, bool]:
        """:meth:`add`, saying too whether the claim was new (False: it was already stored)."""
        from provenance import store

        return self.write(lambda session: store.add_claim(session, data))

    def regroup_proposals(self) -> int:
        """Regroup the claims that match no quantity into proposed quantities (after the last
        article of :meth:`ingest_each`; every other write does it as it commits)."""
        from provenance import store

        return self.write(store.refresh_proposals)

    def import_file(self, path: str | os.PathLike[str]) -> Imported:
        """Import a CSV or JSON claims file (quantities, then claims: all of it, or nothing),
        or restore a backup whole, ids kept, into an empty database."""
        from provenance import store
        from provenance.claimfile import read_claims_file

        contents = read_claims_file(Path(path))
        backup = contents.backup
        if backup is not None:
            where = os.fspath(path)
            return Imported(restored=self.write(lambda s: store.restore(s, backup, where)))
        summary = self.write(
            lambda session: store.import_claims(session, contents.quantities, contents.claims)
        )
        return Imported(summary=summary)

    def load_catalogue(self, path: str | os.PathLike[str]) -> Loaded:
        """Load a catalogue file of quantities (all of it, or nothing), then relink claims."""
        from provenance import store
        from provenance.catalogue import read_catalogue

        catalogue = read_catalogue(Path(path))

        def load(session: Session) -> Loaded:
            added, updated = store.load_catalogue(
                session, catalogue.quantities, catalogue.relations
            )
            return Loaded(added, updated, store.link_claims(session))

        return self.write(load)

    def define(self, spec: store.QuantityInput) -> QuantityRecord:
        """Define a quantity, or complete the one with the same key or label."""
        from provenance import store

        return self.write(lambda session: store.define_quantity(session, spec))[0]

    def alias(
        self, ref: str, terms: Sequence[str], *, required: bool = False
    ) -> tuple[QuantityRecord, store.LinkSummary]:
        """Teach a quantity more words that signal it (``required``: that scope it), then
        relink claims."""
        from provenance import store

        def alias(session: Session) -> tuple[QuantityRecord, store.LinkSummary]:
            record = store.add_terms(session, ref, terms, required=required)
            return record, store.link_claims(session)

        return self.write(alias)

    def rename(
        self, ref: str, *, label: str | None = None, key: str | None = None
    ) -> QuantityRecord:
        """Give a quantity a new label or key; the old label stays a match term."""
        from provenance import store

        return self.write(lambda session: store.rename_quantity(session, ref, label=label, key=key))

    def merge(self, source: str, target: str) -> QuantityRecord:
        """Move every claim, term and topic of ``source`` to ``target`` and remove ``source``."""
        from provenance import store

        return self.write(lambda session: store.merge_quantities(session, source, target))

    def split(
        self, ref: str, claim_ids: Sequence[int], *, label: str, key: str | None = None
    ) -> QuantityRecord:
        """Move some claims of a quantity to a new quantity of the same unit."""
        from provenance import store

        return self.write(lambda session: store.split_quantity(session, ref, claim_ids, label, key))

    def accept(
        self, ref: str, *, label: str | None = None, key: str | None = None
    ) -> QuantityRecord:
        """Accept a proposed quantity into the catalogue, optionally renamed."""
        from provenance import store

        return self.write(lambda session: store.accept_proposal(session, ref, label=label, key=key))

    def link(self) -> store.LinkSummary:
        """Link every claim no person decided to the quantity it clearly measures, and regroup
        the rest into proposed quantities (running it twice changes nothing)."""
        from provenance import store

        return self.write(store.link_claims)

    def link_claim(self, claim_id: int, quantity: str) -> ClaimRecord:
        """A person links a claim to a quantity; automatic linking will not change it."""
        from provenance import store

        return self.write(lambda session: store.link_claim(session, claim_id, quantity))

    def unlink(self, claim_id: int) -> ClaimRecord:
        """A person decides a claim measures no quantity; automatic linking leaves it so."""
        from provenance import store

        return self.write(lambda session: store.unlink_claim(session, claim_id))

    def resolve(self, pair: str, decision: str, note: str | None = None) -> DecisionRecord:
        """A person's judgement of two claims that disagree ("4-11": explained, error,
        duplicate or real); a new judgement of the pair replaces the old."""
        from provenance import store

        return self.write(lambda session: store.resolve_conflict(session, pair, decision, note))

    def rank(self, claim_id: int, rank: str, reason: str | None = None) -> ClaimRecord:
        """Rank a claim preferred, normal or deprecated (deprecating needs a reason)."""
        from provenance import store

        return self.write(lambda session: store.set_rank(session, claim_id, rank, reason))

    def review(self, claim_id: int, status: str) -> ClaimRecord:
        """A person's review of a claim: accepted, rejected or unreviewed."""
        from provenance import store

        return self.write(lambda session: store.set_status(session, claim_id, status))


class ClaimFilters(TypedDict, total=False):
    """The selection of claims :meth:`Archive.claims`, :meth:`~Archive.export`,
    :meth:`~Archive.citations` and :meth:`~Archive.backup` take, as keywords; every one given
    must hold (those of `provenance claims`)."""

    topic: str | None  # a tag on the claim, its quantity or its document
    quantity: str | None  # key, label or id
    outlet: str | None  # part of the outlet's name
    speaker: str | None  # part of the speaker's name or alias
    since: str | None  # published on or after: 2016, 2016-03, 2016-03-25
    until: str | None  # published on or before
    search: str | None  # words in the figure, quote or names


def _query(filters: ClaimFilters) -> store.ClaimQuery:
    from provenance import store

    return store.ClaimQuery(**filters)


@dataclass(frozen=True)
class Selection:
    """The claims an export cites, with their documents, and how many were left out."""

    citations: store.Citations
    left_out: int = 0


@dataclass(frozen=True)
class Report:
    """An HTML report, and how many quantities and sources it shows."""

    html: str
    quantities: int
    sources: int


@dataclass(frozen=True)
class Check:
    """What :meth:`Archive.check` found: differences between the tables and the models, and
    the quantities whose kept bounds differed from their claims (recomputed when ``fixed``)."""

    revision: str
    schema_differences: tuple[str, ...]
    bounds_off: tuple[int, ...]
    fixed: bool = False

    @property
    def ok(self) -> bool:
        return not self.schema_differences and (not self.bounds_off or self.fixed)


@dataclass(frozen=True)
class Imported:
    """What :meth:`Archive.import_file` stored: claims imported, or a backup restored (rows
    per table)."""

    summary: ImportSummary | None = None
    restored: dict[str, int] | None = None


@dataclass(frozen=True)
class Loaded:
    """What :meth:`Archive.load_catalogue` did: quantities new and updated, then the relink."""

    added: int
    updated: int
    linked: store.LinkSummary


def _selected(session: Session, query: store.ClaimQuery, conflicts_only: bool) -> list[ClaimRecord]:
    from provenance import store

    records = store.list_claims(session, query)
    if conflicts_only:
        disagreeing = store.disagreeing_claims(session)
        records = [record for record in records if record.id in disagreeing]
    return records


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


RECONNECT_EVERY = 500  # articles a batch ingest writes through one database connection

# A batch ingest commits its articles a group at a time: this many, or those read in this many
# seconds (articles fetched from the web come slowly). A transaction per article cost more than
# writing the article (its commit, and its speakers loaded again in a new session); a killed run
# loses the group it was writing, which the summary of an interrupted run names as not
# ingested, and a run again goes on from there.
GROUP_ARTICLES = 50
GROUP_SECONDS = 1.0


def _give_back_memory() -> None:
    """Hand memory the C allocator holds free back to the system (glibc's ``malloc_trim``;
    elsewhere nothing), so that a closed connection's does not stay counted as the process's."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c") if sys.platform.startswith("linux") else None
    if name:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(name).malloc_trim(0)


# Fewer articles than this are read in the writing process: starting worker processes (each
# imports the extractor) takes longer than reading a few articles.
WORKERS_FROM = 8


def _read_ahead(
    names: Iterable[str],
    given: dict[str, str | None],
    encoding: str | Callable[[str], str | None] | None,
    fetcher: Fetcher | None,
    workers: int | None,
    cluster: str | None = None,
    beyond: int = 0,
    taught: places.Taught = (),
) -> Iterator[tuple[str, Any]]:
    """Each name with its article read and its figures found, or the one-line error that kept
    it out, in the order given. Article files (not URLs, standard input, or files past
    :data:`provenance.reading.WORKER_BYTES`) are read by a pool of worker processes, or by
    the workers of the Dask cluster whose scheduler is at ``cluster``, a few ahead of the one
    being written (and ``beyond`` more: the group the caller is collecting, which it writes
    while the workers read the next), so memory stays flat however many there are; the rest
    are read here, in turn. Local workers ignore Ctrl-C (the writing process handles it, and
    the pool's unstarted work is dropped), yield the processor to the writing one, and end if
    this process is killed. ``encoding`` is chosen here (a function of the name may say what
    it guessed)."""
    from provenance.reading import guess_encoding, is_page, read_article

    names = list(names)
    count = (os.cpu_count() or 1) if workers is None else workers
    if count < 1:
        raise InputError(f"--workers {count}: give 1 or more")

    def chosen(name: str) -> str | None:
        if callable(encoding):
            return encoding(name)
        if encoding is None and not is_page(name) and name != "-" and "://" not in name:
            return _guessed(name, guess_encoding)
        return encoding

    def here(name: str) -> Any:
        try:
            return read_article(name, given, chosen(name), fetcher)
        except ProvenanceError as exc:
            return str(exc)

    if cluster is None and (count == 1 or len(names) < WORKERS_FROM):
        for name in names:
            yield name, here(name)
        return
    from collections import deque
    from concurrent.futures import Future

    from provenance.reading import read_with_figures

    pool, slots, close = _cluster(cluster) if cluster is not None else _processes(count)
    ahead: deque[tuple[str, Future[Any] | None]] = deque()
    pending = iter(names)
    try:
        while True:
            while len(ahead) < 4 * slots + beyond and (queued := next(pending, None)) is not None:
                if _in_worker(queued):
                    # a cluster's workers have other working directories
                    path = os.path.abspath(queued) if cluster is not None else queued
                    try:
                        work = (read_with_figures, path, given, chosen(queued), queued, taught)
                        ahead.append((queued, pool.submit(*work)))
                    except ProvenanceError as exc:
                        ahead.append((queued, _done(str(exc))))
                else:
                    ahead.append((queued, None))  # read in turn, here
            if not ahead:
                return
            name, future = ahead.popleft()
            if future is None:
                yield name, here(name)
                continue
            try:
                outcome = future.result()
            except Exception as exc:  # not the article's fault: a worker's, or the cluster's
                where = f"--cluster {cluster}" if cluster is not None else "a worker process"
                raise ProvenanceError(f"{where}: reading {name} failed: {exc!r}") from exc
            yield name, outcome
    finally:
        close()


def _processes(count: int) -> tuple[Any, int, Callable[[], None]]:
    """A pool of ``count`` worker processes on this machine, and how to stop it."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawned, not forked: a worker shares no connection, lock or thread with this process
    pool = ProcessPoolExecutor(
        count,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_start,
        initargs=(os.getpid(),),
    )
    return pool, count, lambda: pool.shutdown(wait=True, cancel_futures=True)


# How long `ingest --cluster` waits for the scheduler to answer.
CLUSTER_TIMEOUT = "10s"


def _cluster(address: str) -> tuple[Any, int, Callable[[], None]]:
    """The workers of a Dask cluster (distributed's concurrent.futures executor), as many
    slots as they have threads, and how to let go of it. Its workers need this package
    installed and the files at the same paths (a shared file system)."""
    try:
        import distributed
    except ImportError:
        raise InputError(
            "--cluster needs Dask's distributed package: pip install 'claim-provenance[cluster]'"
        ) from None
    try:
        connect: Any = distributed.Client  # untyped: used behind this typed function
        client = connect(address, timeout=CLUSTER_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"--cluster {address}: no Dask scheduler answered ({exc})") from None
    slots = sum(client.nthreads().values())
    if not slots:
        client.close()
        raise InputError(f"--cluster {address}: the scheduler has no workers")
    return client.get_executor(pure=False), slots, client.close


def _in_worker(name: str) -> bool:
    from provenance.reading import WORKER_BYTES

    if name == "-" or "://" in name:
        return False
    try:
        return os.path.getsize(name) <= WORKER_BYTES
    except OSError:
        return False  # reading it here will say what is wrong, by name


def _done(value: Any) -> Any:
    from concurrent.futures import Future

    future: Future[Any] = Future()
    future.set_result(value)
    return future


WORKER_NICENESS = 5  # how much less of the machine a worker asks for than the writer


def _worker_start(parent: int) -> None:
    """A worker ignores Ctrl-C (the writing process handles it) and ends when the writing
    process is gone: killed (``kill -9``), it cannot tell its workers, whose queue would
    otherwise keep them waiting for work for ever."""
    import signal
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The writing process is the one the others wait for: with as many workers as cores it
    # would get a share of a core, and the workers, ahead already, would wait for it anyway.
    os.nice(WORKER_NICENESS)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _guessed(name: str, guess: Callable[[str], str | None]) -> str | None:
    try:
        return guess(name)
    except OSError:
        return None  # reading it will say what is wrong, by name


__all__ = ["Archive", "Check", "Imported", "IngestReport", "Loaded", "Report", "Selection"]
