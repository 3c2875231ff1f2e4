"""Reading articles for `extract` and `ingest`: paths, decoding, metadata, content hash.

Directories are walked recursively for ``*.txt``, ``*.md``, ``*.text``, ``*.html`` and
``*.htm`` files (symbolic links are not followed, so a link loop cannot trap the walk); ``-``
reads standard input; an ``http(s)://`` address is fetched (:mod:`provenance.web`). A web page,
fetched or saved, is read for its main text and metadata, which become the article's text: a
header of its metadata, then the body. Metadata from flags overrides the article's own header
(see :mod:`provenance.extract.text`).
"""

from __future__ import annotations

import codecs
import hashlib
import io
import itertools
import os
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from provenance.errors import InputError, ProvenanceError
from provenance.periods import not_in_future, parse_date
from provenance.urls import check_url
from provenance.web import (
    MAX_BYTES,
    Fetcher,
    fetched_page,
    is_url,
    looks_like_html,
    read_file_page,
)

if TYPE_CHECKING:  # the extractor is imported when a text is read: `--help` needs none of it
    from provenance.extract import ExtractedClaim
    from provenance.extract.text import SourceText
    from provenance.places import Taught

TEXT_SUFFIXES = (".txt", ".md", ".text")
PAGE_SUFFIXES = (".html", ".htm")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + PAGE_SUFFIXES
# Files people save beside articles that a legacy encoding would read as junk text: known by
# their first bytes, whatever their names.
_NOT_TEXT = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx, .epub or .zip)"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc, .xls)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)

CHUNK_BYTES = 1 << 20  # read a megabyte at a time
BLOCK_CHARS = 1 << 18  # hand the extractor about 256k characters of whole paragraphs at once


@dataclass(frozen=True, slots=True)
class Article:
    """One article read and decoded, with its metadata; :meth:`claims` finds its figures."""

    name: str
    source: SourceText
    content_hash: str
    title: str | None
    outlet: str | None
    author: str | None
    url: str | None
    published: date | None
    block_starts: tuple[int, ...] = (0,)  # where each block of whole paragraphs begins
    # A web page's: its language, when it was fetched, and the SHA-256 of the bytes read.
    language: str | None = None
    fetched_at: datetime | None = None
    fetched_hash: str | None = None
    found: tuple[ExtractedClaim, ...] | None = None  # its figures, when found already

    @property
    def reads_english(self) -> bool:
        """Whether the extractor can read it: English, or a text too short to tell."""
        return self.language in (None, "en")

    def claims(self) -> Iterator[ExtractedClaim]:
        """The article's figures as they are found, a block of paragraphs at a time (as
        `extract` finds them), so a long document is never split into sentences all at once;
        each call starts again from the beginning. A page in another language gives none: the
        extractor reads English."""
        if not self.reads_english:
            return iter(())
        if self.found is not None:
            return iter(self.found)
        text, starts = self.source.text, self.block_starts
        ends = (*starts[1:], len(text))
        blocks = ((start, text[start:end]) for start, end in zip(starts, ends, strict=True))
        from provenance.extract import iter_claims

        return iter_claims(blocks, self.published, self.source.body_start)


# The largest file a worker process reads whole, with all its figures, to hand them back at
# once; a larger one is read in the writing process, a block at a time, as without workers.
WORKER_BYTES = 8 << 20


def read_with_figures(
    path: str,
    overrides: Mapping[str, str | None],
    encoding: str | None,
    name: str,
    taught: Taught = (),
) -> Article | str:
    """An article file read and its figures found (what an ``ingest`` worker does), or the
    one-line error that kept it out; ``name`` is how the user named the file at ``path`` (a
    cluster's worker is given its absolute path); ``taught``: places the catalogue names that
    the gazetteer lacks (see :func:`provenance.places.taught`)."""
    from provenance.places import taught as teaching

    try:
        with teaching(taught):
            article = read_article(path, overrides, encoding)
            return replace(article, name=name, found=tuple(article.claims()))
    except ProvenanceError as exc:
        return str(exc).replace(path, name, 1)


class ArticleError(InputError):
    """An article cannot be read; the message starts with its name."""


def article_paths(arguments: list[str]) -> Iterator[str]:
    """The files named, with directories expanded (sorted, links not followed); a directory
    holding no article file is an error naming what it does hold."""
    for argument in arguments:
        path = Path(argument)
        if argument != "-" and path.is_dir():
            found, others = 0, Counter[str]()
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    if name.lower().endswith(ARTICLE_SUFFIXES):
                        found += 1
                        yield str(Path(root) / name)
                    else:
                        others[Path(name).suffix.lower() or "(no suffix)"] += 1
            if not found:
                held = ", ".join(f"{n} {suffix}" for suffix, n in sorted(others.items()))
                raise ArticleError(
                    f"{argument}: no {', '.join(ARTICLE_SUFFIXES)} files in it"
                    + (f" (it holds {held})" if held else " (it is empty)")
                )
        else:
            yield argument


def decode_bytes(data: bytes, encoding: str | None = None, label: str = "<bytes>") -> str:
    """Decode article bytes exactly as files are decoded.

    >>> decode_bytes(b"\\xef\\xbb\\xbfOne\\r\\nTwo")
    'One\\nTwo'
    """
    return "".join(block for _, block in _blocks(io.BytesIO(data), label, encoding))


FALLBACKS = ("utf-8-sig", "cp1252", "latin-1")  # latin-1 decodes any byte


def guess_encoding(name: str) -> str:
    """The encoding to read a file in when none is given: UTF-8 if it is valid UTF-8, else
    Windows-1252 (the Latin-1 superset older Western newsroom files are in, with curly
    quotes and the euro sign), else Latin-1. Each guess reads the file once, a chunk at a
    time; standard input cannot be read twice, so it must be UTF-8."""
    if name == "-":
        return FALLBACKS[0]
    for encoding in FALLBACKS[:-1]:
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        try:
            with _open(name) as stream:
                while data := stream.read(CHUNK_BYTES):
                    if b"\x00" in data:
                        return FALLBACKS[0]  # not text at all: reading it will say so
                    decoder.decode(data)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        except OSError as exc:
            raise ArticleError(f"{name}: cannot read: {exc.strerror or exc}") from None
        return encoding
    return FALLBACKS[-1]


def _open(name: str) -> BinaryIO:
    if name == "-":
        return sys.stdin.buffer
    try:
        return Path(name).open("rb")
    except OSError as exc:
        raise ArticleError(f"{name}: cannot read: {exc.strerror or exc}") from None


def read_blocks(name: str, encoding: str | None = None) -> Iterator[tuple[int, str]]:
    """The decoded text of a file as consecutive blocks of whole paragraphs, each with its
    offset, reading ``CHUNK_BYTES`` at a time: memory stays bounded however large the file.

    Decoding follows :func:`provenance.extract.text.decode`: BOM dropped, line ends made
    ``\\n``, NUL bytes and undecodable bytes refused with the byte offset named.
    """
    stream = _open(name)
    try:
        yield from _blocks(stream, "<stdin>" if name == "-" else name, encoding)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _blocks(stream: BinaryIO, label: str, encoding: str | None) -> Iterator[tuple[int, str]]:
    try:
        decoder = codecs.getincrementaldecoder(encoding or "utf-8-sig")("strict")
    except LookupError:
        raise ArticleError(f"{label}: unknown encoding {encoding!r}") from None
    consumed = 0
    offset = 0
    pending = ""
    while True:
        try:
            data = stream.read(CHUNK_BYTES)
        except OSError as exc:
            raise ArticleError(f"{label}: cannot read: {exc.strerror or exc}") from None
        if consumed == 0:
            kind = next((k for magic, k in _NOT_TEXT if data.startswith(magic)), None)
            if kind is not None:
                raise ArticleError(f"{label}: {kind}, not a text file")
        if b"\x00" in data:
            raise ArticleError(f"{label}: contains NUL bytes: not a text file")
        try:
            pending += decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise ArticleError(
                f"{label}: not valid {encoding or 'UTF-8'} (byte {consumed + exc.start}); "
                "try --encoding latin-1"
            ) from None
        consumed += len(data)
        if data and pending.endswith("\r"):  # a CRLF may be split across two reads
            text, pending = pending[:-1], "\r"
        else:
            text, pending = pending, ""
        text = text.removeprefix("\ufeff") if offset == 0 else text
        pending = text.replace("\r\n", "\n").replace("\r", "\n") + pending
        if not data:
            if pending:
                yield offset, pending.replace("\r", "\n")
            return
        cut = pending.rfind("\n\n", 0, len(pending) - 1)
        if len(pending) >= BLOCK_CHARS and cut > 0:
            yield offset, pending[: cut + 2]
            offset += cut + 2
            pending = pending[cut + 2 :]


def _source(label: str, text: str) -> SourceText:
    from provenance.extract import read_text
    from provenance.extract.text import HeaderError

    try:
        return read_text(text)
    except HeaderError as exc:
        raise ArticleError(f"{label}: {exc}") from None


def _metadata(
    label: str, source: SourceText, overrides: Mapping[str, str | None]
) -> tuple[dict[str, str], date | None]:
    meta = {**source.meta, **{k: v for k, v in overrides.items() if v}}
    try:
        url = check_url(meta.pop("url", None))
    except InputError as exc:
        raise ArticleError(f"{label}: {exc}") from None
    if url:
        meta["url"] = url
    published = None
    if meta.get("date"):
        try:
            published = parse_date(meta["date"])
        except InputError as exc:
            raise ArticleError(f"{label}: date: {exc}") from None
        try:
            not_in_future(published)
        except InputError as exc:
            raise ArticleError(f"{label}: {exc}") from None
    return meta, published


def is_page(name: str) -> bool:
    """Whether a name is read as a web page: a URL, or a file named .html or .htm."""
    return is_url(name) or name.lower().endswith(PAGE_SUFFIXES)


def read_article(
    name: str,
    overrides: Mapping[str, str | None],
    encoding: str | None = None,
    fetcher: Fetcher | None = None,
) -> Article:
    """Read, decode and extract one article; raise :class:`ArticleError` naming it. A URL is
    fetched with ``fetcher``."""
    if is_url(name):
        if fetcher is None:
            raise ArticleError(f"{name}: a URL, and nothing here fetches URLs")
        fetched = fetcher.get(name)
        page = fetched_page(fetched)
        return _article(
            name, page.text, overrides, page.language, fetched.retrieved_at, fetched.sha256
        )
    if name != "-" and (name.lower().endswith(PAGE_SUFFIXES) or _starts_as_html(name)):
        data = _page_bytes(name)
        page = read_file_page(name, data, encoding)
        return _article(
            name, page.text, overrides, page.language, None, hashlib.sha256(data).hexdigest()
        )
    label = "<stdin>" if name == "-" else name
    starts, parts, digest = [], [], hashlib.sha256()
    for start, block in read_blocks(name, encoding):
        starts.append(start)
        parts.append(block)
        digest.update(block.encode("utf-8"))
    text = "".join(parts)
    del parts
    if not text.strip():
        raise ArticleError(f"{label}: is empty")
    source = _source(label, text)
    meta, published = _metadata(label, source, overrides)
    return Article(
        name=label,
        source=source,
        content_hash=digest.hexdigest(),
        title=meta.get("title"),
        outlet=meta.get("outlet"),
        author=meta.get("author"),
        url=meta.get("url"),
        published=published,
        block_starts=tuple(starts) or (0,),
    )


def _article(
    label: str,
    text: str,
    overrides: Mapping[str, str | None],
    language: str | None,
    fetched_at: datetime | None,
    fetched_hash: str | None,
) -> Article:
    """A web page's article: its text (a header of the page's metadata, then the main text)
    read as a file's would be."""
    source = _source(label, text)
    meta, published = _metadata(label, source, overrides)
    return Article(
        name=label,
        source=source,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=meta.get("title"),
        outlet=meta.get("outlet"),
        author=meta.get("author"),
        url=meta.get("url"),
        published=published,
        language=language,
        fetched_at=fetched_at,
        fetched_hash=fetched_hash,
    )


def _starts_as_html(name: str) -> bool:
    """A file saved without an .html name that is an HTML page all the same."""
    try:
        with Path(name).open("rb") as stream:
            return looks_like_html(stream.read(2048))
    except OSError:
        return False  # reading it as text will say why


def _page_bytes(name: str) -> bytes:
    try:
        size = Path(name).stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(
                f"{name}: {size / 1e6:.1f} MB, over the {MAX_BYTES / 1e6:.1f} MB a web page may "
                "be (save the article's text as a .txt file to read it whole)"
            )
        return Path(name).read_bytes()
    except OSError as exc:
        raise ArticleError(f"{name}: cannot read: {exc.strerror or exc}") from None


def stream_claims(
    name: str,
    overrides: Mapping[str, str | None],
    encoding: str | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[ExtractedClaim]:
    """The claims of one article as they are found, in bounded memory (for `extract`); a web
    page (at most :data:`provenance.web.MAX_BYTES`) is read whole first."""
    if is_page(name) or (name != "-" and _starts_as_html(name)):
        yield from read_article(name, overrides, encoding, fetcher).claims()
        return
    label = "<stdin>" if name == "-" else name
    blocks = read_blocks(name, encoding)
    first = next(blocks, None)
    if first is None or not first[1].strip():
        raise ArticleError(f"{label}: is empty")
    source = _source(label, first[1])
    _, published = _metadata(label, source, overrides)
    from provenance.extract import iter_claims

    yield from iter_claims(itertools.chain([first], blocks), published, source.body_start)
