"""Web pages in: fetching the links a user gives, politely, and reading a page's main text.

Fetching (:class:`Fetcher`) is bounded and polite: a User-Agent naming the project, a timeout,
a size cap, a redirect limit, a delay between requests to one host, robots.txt obeyed (read
with Protego, Scrapy's parser of the modern conventions), and only HTML and plain text
accepted. What was fetched is kept in the user's cache directory, so running the command
again reads the page from there without the network (``refresh=True`` fetches again).

Reading (:func:`read_page`) hands the HTML to trafilatura, a maintained main-content
extractor: menus, related-story teasers, share counts, cookie banners and footers are left
out, so their figures are never read. It also gives the title, author(s), site name,
canonical URL and publication date (through htmldate). The language is told by py3langid,
whose model ships inside the package. Nothing here is written by hand that these do, except
the decoding, which follows the HTML rules (a BOM, then the HTTP header, then the page's
``<meta charset>``) because a page saved to disk has lost its header.

Only this module touches the network, and only for the URLs a user names.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from provenance import __version__
from provenance.errors import InputError

if TYPE_CHECKING:
    import httpx

USER_AGENT = (
    f"claim-provenance/{__version__} (a tool that tracks the figures news articles cite; "
    "fetches only pages its user names)"
)
TIMEOUT = 20.0  # seconds to connect, and between bytes read
MAX_BYTES = 10_000_000  # a news page is rarely over 2 MB; larger is not an article
MAX_REDIRECTS = 5
DELAY = 1.0  # seconds between two requests to one host
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
MIN_WORDS = 12  # a page whose main text is shorter holds no article

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b",
    re.IGNORECASE | re.DOTALL,
)
_NOT_PAGES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"),
)


class FetchError(InputError):
    """A URL cannot be fetched or read as a page; the message starts with the URL."""


def is_url(name: str) -> bool:
    """Whether a name on the command line is a web address to fetch.

    >>> is_url("https://example.com/story"), is_url("story.html"), is_url("HTTP://x.org")
    (True, False, True)
    """
    return name[:8].lower().startswith(("http://", "https://"))


def looks_like_html(data: bytes) -> bool:
    """Whether the first bytes of a file are an HTML page's.

    >>> looks_like_html(b"<!DOCTYPE html><html>"), looks_like_html(b"About 40 came back.")
    (True, False)
    """
    return bool(_HTML_START.match(data[:2048]))


@dataclass(frozen=True, slots=True)
class Fetched:
    """What one URL gave: the bytes, where they came from, and when."""

    url: str  # as asked
    final_url: str  # after redirects
    content_type: str
    charset: str | None
    data: bytes
    retrieved_at: datetime
    from_cache: bool = False

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


class Fetcher:
    """Fetches pages for one command: one connection pool, robots.txt read once per host, the
    delay kept per host, and the cache of pages fetched before."""

    def __init__(
        self,
        cache: Path | None,
        *,
        refresh: bool = False,
        delay: float = DELAY,
        timeout: float = TIMEOUT,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.cache = cache
        self.refresh = refresh
        self.delay = delay
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._client: httpx.Client | None = None
        self._robots: dict[str, Any] = {}
        self._last: dict[str, float] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            import httpx  # loaded only when a URL is fetched

            self._client = httpx.Client(
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
                },
                timeout=self.timeout,
                follow_redirects=False,  # followed here, each hop checked against robots.txt
            )
        return self._client

    def get(self, url: str) -> Fetched:
        """The page at ``url``, from the cache when it holds it; :class:`FetchError` says why
        not, naming the URL."""
        check_fetchable(url)
        if self.cache is not None and not self.refresh:
            kept = _from_cache(self.cache, url)
            if kept is not None:
                return kept
        fetched = self._fetch(url)
        if self.cache is not None:
            _to_cache(self.cache, fetched)
        return fetched

    def _fetch(self, url: str) -> Fetched:
        import httpx

        seen = [url]
        current = url
        while True:
            self._allowed(url, current)
            self._wait(current)
            try:
                with self.client.stream("GET", current) as response:
                    self._answered(current)
                    if response.is_redirect:
                        target = urljoin(current, response.headers.get("location", ""))
                        if target in seen:
                            raise FetchError(
                                f"{url}: redirect loop ({' -> '.join(seen)} -> {target})"
                            )
                        if len(seen) > MAX_REDIRECTS:
                            raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")
                        check_fetchable(target, f"{url}: redirected to")
                        seen.append(target)
                        current = target
                        continue
                    if response.status_code >= 400:
                        reason = response.reason_phrase or "error"
                        raise FetchError(f"{url}: HTTP {response.status_code} {reason}")
                    content_type, charset = _content_type(response.headers.get("content-type"))
                    _check_type(url, content_type)
                    data = self._read(url, response)
                    return Fetched(
                        url=url,
                        final_url=str(response.url),
                        content_type=content_type or "text/html",
                        charset=charset,
                        data=data,
                        retrieved_at=datetime.now(UTC),
                    )
            except httpx.TimeoutException:
                raise FetchError(f"{url}: no answer within {self.timeout:g} s") from None
            except httpx.ConnectError as exc:
                raise FetchError(f"{url}: cannot connect: {_reason(exc)}") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"{url}: {_reason(exc)}") from None
            finally:
                self._answered(current)

    def _read(self, url: str, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(
                f"{url}: {_size(int(declared))}, over the {_size(self.max_bytes)} a page may be"
            )
        parts, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"{url}: over the {_size(self.max_bytes)} a page may be")
            parts.append(chunk)
        data = b"".join(parts)
        kind = next((k for magic, k in _NOT_PAGES if data.startswith(magic)), None)
        if kind is not None:
            raise FetchError(f"{url}: {kind}, not a web page")
        return data

    def _wait(self, url: str) -> None:
        """Sleep until the delay since the last answer from this host has passed."""
        last = self._last.get(urlsplit(url).netloc.lower())
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)

    def _answered(self, url: str) -> None:
        self._last[urlsplit(url).netloc.lower()] = time.monotonic()

    def _allowed(self, asked: str, url: str) -> None:
        """Refuse a URL its host's robots.txt disallows for this tool. A robots.txt that is
        missing (4xx) allows everything; one the host fails to serve (5xx) allows nothing, as
        the robots.txt standard (RFC 9309) asks; a host that does not answer is said so."""
        import httpx
        from protego import Protego

        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        rules = self._robots.get(root)
        if rules is None:
            self._wait(root)
            try:
                response = self.client.get(f"{root}/robots.txt", follow_redirects=True)
                if response.status_code >= 500:
                    rules = (
                        f"{root}/robots.txt cannot be read (HTTP {response.status_code}), so "
                        "nothing there is fetched"
                    )
                elif response.status_code >= 400:
                    rules = Protego.parse("")
                else:
                    rules = Protego.parse(response.text[:500_000])
            except httpx.TimeoutException:
                rules = f"no answer within {self.timeout:g} s"
            except httpx.HTTPError as exc:
                rules = f"cannot connect: {_reason(exc)}"
            finally:
                self._answered(root)
            self._robots[root] = rules
            if not isinstance(rules, str):
                delay = rules.crawl_delay("claim-provenance")
                if delay:
                    self.delay = max(self.delay, min(float(delay), 60.0))
        if isinstance(rules, str):
            raise FetchError(f"{asked}: {rules}")
        if not rules.can_fetch(url, "claim-provenance"):
            raise FetchError(f"{asked}: {root}/robots.txt does not allow fetching it")


def check_fetchable(url: str, what: str | None = None) -> None:
    """Refuse an address that is not an absolute http(s) URL with a host.

    >>> check_fetchable("https://")
    Traceback (most recent call last):
    ...
    provenance.web.FetchError: https://: not a valid URL (no host)
    """
    label = what or url
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise FetchError(f"{label}: not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"{label}: only http and https URLs are fetched")
    if not host or any(c.isspace() for c in url):
        raise FetchError(f"{label}: not a valid URL (no host)")


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    for known in ("Connection refused", "Name or service not known", "No address associated"):
        if known.lower() in text.lower():
            return known
    return text.splitlines()[0][:200]


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _content_type(header: str | None) -> tuple[str, str | None]:
    """The media type and charset of a Content-Type header.

    >>> _content_type('text/html; charset="ISO-8859-1"')
    ('text/html', 'ISO-8859-1')
    """
    if not header:
        return "", None
    kind, _, rest = header.partition(";")
    match = re.search(r"charset\s*=\s*[\"']?([^\"';\s]+)", rest, re.IGNORECASE)
    return kind.strip().lower(), match[1] if match else None


def _check_type(url: str, content_type: str) -> None:
    if not content_type or content_type in HTML_TYPES or content_type in TEXT_TYPES:
        return
    if content_type == "application/pdf":
        kind = "a PDF document"
    elif content_type.startswith("image/"):
        kind = "an image"
    else:
        kind = "not an HTML page or text"
    raise FetchError(f"{url}: {kind} ({content_type}); only HTML pages and plain text are read")


def _cache_paths(cache: Path, url: str) -> tuple[Path, Path]:
    name = hashlib.sha256(url.encode("utf-8")).hexdigest()[:40]
    folder = cache / "pages"
    return folder / f"{name}.body", folder / f"{name}.json"


def _from_cache(cache: Path, url: str) -> Fetched | None:
    body, meta = _cache_paths(cache, url)
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        data = body.read_bytes()
        if info.get("url") != url or hashlib.sha256(data).hexdigest() != info.get("sha256"):
            return None
        return Fetched(
            url=url,
            final_url=info["final_url"],
            content_type=info["content_type"],
            charset=info.get("charset"),
            data=data,
            retrieved_at=datetime.fromisoformat(info["retrieved_at"]),
            from_cache=True,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _to_cache(cache: Path, fetched: Fetched) -> None:
    """Keep a page fetched; a cache that cannot be written is skipped (the page was read)."""
    body, meta = _cache_paths(cache, fetched.url)
    info = {
        "url": fetched.url,
        "final_url": fetched.final_url,
        "content_type": fetched.content_type,
        "charset": fetched.charset,
        "retrieved_at": fetched.retrieved_at.isoformat(),
        "sha256": fetched.sha256,
    }
    try:
        body.parent.mkdir(parents=True, exist_ok=True)
        body.write_bytes(fetched.data)
        meta.write_text(json.dumps(info), encoding="utf-8")
    except OSError:
        pass


# ---------------------------------------------------------------------------------------------
# Reading a page


@dataclass(frozen=True, slots=True)
class Page:
    """A page's main text as an article (a header of its metadata, then the body), with the
    language it is in (an ISO 639-1 code, or None when there is too little text to tell)."""

    text: str
    language: str | None
    meta: dict[str, str]


def decode_html(data: bytes, charset: str | None = None, label: str = "<page>") -> str:
    """HTML bytes as text: a BOM wins, then the HTTP header's charset, then the page's own
    ``<meta charset>``, then UTF-8, then what charset-normalizer finds most likely.

    >>> decode_html(b'<meta charset="iso-8859-1"><p>caf\\xe9</p>')
    '<meta charset="iso-8859-1"><p>café</p>'
    """
    import codecs

    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[2:].decode(name, errors="replace")
    match = _META_CHARSET.search(data[:4096])
    for candidate in (charset, match[1].decode("ascii") if match else None):
        if candidate:
            try:
                return data.decode(_html_encoding(candidate), errors="replace")
            except LookupError:
                continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    return data.decode(encoding, errors="replace")


def _html_encoding(name: str) -> str:
    """The codec the HTML standard means by a label: pages labelled Latin-1 or ASCII are
    decoded as Windows-1252, as browsers do."""
    lowered = name.strip().lower()
    if lowered in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1"):
        return "cp1252"
    return lowered


def read_page(html: str, label: str, url: str | None = None) -> Page:
    """The main text and metadata of an HTML page; :class:`FetchError` when it has none."""
    import trafilatura

    found = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,  # a teaser's figures are worse than a missed sentence
        deduplicate=False,
    )
    fields: dict[str, Any] = {}
    if isinstance(found, dict):
        fields = found
    elif found is not None:
        fields = found.as_dict()
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        raise FetchError(f"{label}: no article text found in the page")
    meta: dict[str, str] = {}
    title = _one_line(fields.get("title"))
    if title:
        meta["title"] = title
    for key, name in (("outlet", "sitename"), ("author", "author")):
        if _one_line(fields.get(name)):
            meta[key] = _one_line(fields.get(name))
    given = fields.get("url")
    canonical = given if isinstance(given, str) and is_url(given) else url
    if canonical:
        meta["url"] = canonical
    published = _date(fields.get("date"))
    if published:
        meta["date"] = published
    body = _paragraphs(text, title)
    words = len(body.split())
    if words < MIN_WORDS:  # menu labels of a home or index page, not an article
        raise FetchError(f"{label}: no article text found in the page ({words} words)")
    header = "".join(f"{key}: {value}\n" for key, value in meta.items())
    language = _language(body, html)
    return Page(text=f"{header}---\n{body}\n", language=language, meta=meta)


def _one_line(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def _date(value: str | None) -> str | None:
    """The page's date when it is a real day not in the future (htmldate can be fooled)."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day.isoformat() if day <= date.today() else None


def _paragraphs(text: str, title: str) -> str:
    """trafilatura's lines as paragraphs (a blank line between), the headline left out when it
    repeats the title the header already holds."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    return "\n\n".join(lines)


def _language(body: str, html: str) -> str | None:
    """The body's language as py3langid tells it; a text too short to tell takes the page's
    ``lang`` attribute, if any."""
    if len(body) >= 200:
        import py3langid

        code, _ = py3langid.classify(body[:20_000])
        return str(code)
    match = re.search(r"<html[^>]*\slang\s*=\s*[\"']?([A-Za-z]{2,3})", html[:4096], re.IGNORECASE)
    return match[1].lower() if match else None


def read_file_page(path: str, data: bytes, encoding: str | None = None) -> Page:
    """A saved page read from disk: with no HTTP header, ``encoding`` (``--encoding``) or the
    page's own charset decides."""
    return read_page(decode_html(data, encoding, path), path)


def fetched_page(fetched: Fetched) -> Page:
    """A fetched page (or plain text) read as an article; its URL is the one fetched unless
    the page names its canonical address."""
    if fetched.content_type in TEXT_TYPES and not looks_like_html(fetched.data):
        text = decode_html(fetched.data, fetched.charset, fetched.url)
        body = "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
        if not body:
            raise FetchError(f"{fetched.url}: is empty")
        return Page(
            text=f"url: {fetched.final_url}\n---\n{body}\n",
            language=_language(body, ""),
            meta={"url": fetched.final_url},
        )
    html = decode_html(fetched.data, fetched.charset, fetched.url)
    return read_page(html, fetched.url, fetched.final_url)


def read_url_list(path: str) -> Iterator[str]:
    """The URLs in a file, one a line; blank lines and lines starting with # are skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; --urls takes a text file of URLs") from None
    for number, line in enumerate(lines, 1):
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        if not is_url(url):
            raise InputError(f"{path} line {number}: {url[:80]!r} is not an http(s) URL")
        yield url
