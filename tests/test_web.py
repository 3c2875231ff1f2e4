"""Web pages and URLs in: a local HTTP server on 127.0.0.1 serves pages written here (news-site
layouts with navigation, teasers, bylines, JSON-LD and Open Graph metadata) and every way a
fetch goes wrong. No test reaches any other address."""

from __future__ import annotations

import itertools
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from provenance.cli import app
from provenance.config import CACHE_VAR
from provenance.web import USER_AGENT
from tests.support import ok, query

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Flood toll rises to 112 | The Riverside Courier</title>
<meta property="og:title" content="Flood toll rises to 112 as rivers crest">
<meta property="og:site_name" content="The Riverside Courier">
<link rel="canonical" href="https://courier.example/news/flood-toll-112">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Flood toll rises to 112 as rivers crest", "datePublished": "2024-05-03T08:15:00Z",
"author": [{"@type": "Person", "name": "Maria Lopes"}],
"publisher": {"@type": "Organization", "name": "The Riverside Courier"}}</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/top">Top 10 stories</a> <a href="/">3 new alerts</a>
</nav><div class="cookie-banner">We use 12 cookies. Accept all?</div></header>
<main><article>
<h1>Flood toll rises to 112 as rivers crest</h1>
<p class="byline">By Maria Lopes</p>
<p>At least 112 people have died in the floods that swept the southern valleys this week, the
civil protection agency said on Friday, up from 89 on Thursday.</p>
<p>The agency said about 4,500 people remain in shelters and 37 are still missing.</p>
<ul><li>Rainfall reached 300mm in 24 hours</li><li>More than 20,000 homes lost power</li></ul>
<p>The government has pledged €50 million in emergency aid, the finance ministry said.</p>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Storm leaves 9,000 without water</a></li>
<li><a href="/b">Budget: 5 things to know about the 7% rise</a></li></ul></aside>
</main>
<footer><p>Read by 1,234,567 people a month.</p><div class="share">Shared 2,300 times</div>
</footer></body></html>
"""

LATIN1 = (
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    "<title>Caf\xe9 owners count the cost</title></head><body><article>"
    "<h1>Caf\xe9 owners count the cost</h1>"
    "<p>Flooding caused damage worth \xa38.5 million to shops and caf\xe9s in the old town, "
    "the chamber of commerce said on Tuesday after surveying its members.</p>"
    "<p>About 140 businesses were closed for at least a week, it said, and 60 have not yet "
    "reopened because their insurers have not paid.</p></article></body></html>"
).encode("latin-1")

GERMAN = """<html lang="de"><head><meta charset="utf-8"><title>Hochwasser</title></head>
<body><article><h1>Hochwasser im Süden</h1>
<p>Mindestens 112 Menschen sind bei dem Hochwasser in den südlichen Tälern ums Leben
gekommen, teilte der Katastrophenschutz am Freitag mit. Am Donnerstag waren es noch 89.</p>
<p>Rund 4.500 Menschen sind weiterhin in Notunterkünften untergebracht, und 37 werden noch
vermisst. Die Regierung hat 50 Millionen Euro Soforthilfe zugesagt.</p></article></body></html>
"""

NO_TEXT = """<html><head><title>Home</title></head><body><nav><a href="/">Home</a>
<a href="/x">World</a></nav></body></html>"""

PLAIN = "The ministry said 1,500 homes were damaged.\n\nIt said 200 were destroyed.\n"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    requests: ClassVar[list[tuple[str, str, float]]] = []

    def log_message(self, *args: object) -> None:  # the test output stays clean
        pass

    def do_GET(self) -> None:
        self.requests.append((self.path, self.headers.get("User-Agent", ""), time.monotonic()))
        route = {
            "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
            "/news/flood": (200, "text/html; charset=utf-8", ARTICLE.encode()),
            "/news/cafes": (200, "text/html", LATIN1),
            "/news/hochwasser": (200, "text/html; charset=utf-8", GERMAN.encode()),
            "/home": (200, "text/html", NO_TEXT.encode()),
            "/notes.txt": (200, "text/plain; charset=utf-8", PLAIN.encode()),
            "/private/memo": (200, "text/html", ARTICLE.encode()),
            "/report.pdf": (200, "application/pdf", b"%PDF-1.7\n..."),
            "/chart": (200, "image/png", b"\x89PNG\r\n\x1a\n..."),
            "/broken": (500, "text/html", b"<h1>Internal error</h1>"),
        }.get(self.path)
        if self.path == "/moved":
            return self._redirect("/news/flood")
        if self.path.startswith("/hop/"):  # a chain of redirects, each to the next
            return self._redirect(f"/hop/{int(self.path[5:]) + 1}")
        if self.path in ("/loop-a", "/loop-b"):
            return self._redirect("/loop-b" if self.path == "/loop-a" else "/loop-a")
        if self.path == "/slow":
            time.sleep(3)
            route = (200, "text/html", ARTICLE.encode())
        if self.path == "/huge":  # 50 MB, never said up front
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65_536 + b"</p>\n"
            try:
                for _ in range(50_000_000 // len(chunk)):
                    self.wfile.write(chunk)
            except OSError:
                pass  # the client stopped reading at its cap
            self.close_connection = True
            return None
        status, kind, body = route or (404, "text/html", b"<h1>Not found</h1>")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def _redirect(self, target: str) -> None:
        self.send_response(302)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    """The local site's root URL; pages fetched are kept in a cache of this test's own."""
    monkeypatch.setenv(CACHE_VAR, str(tmp_path / "cache"))
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    _Handler.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _fetches(path: str) -> int:
    return sum(1 for p, _, _ in _Handler.requests if p == path)


def test_a_news_page_gives_its_main_text_and_metadata(db_url: str, site: str) -> None:
    runner = CliRunner()
    out = runner.invoke(app, ["ingest", f"{site}/news/flood", "--delay", "0"])
    assert out.exit_code == 0, out.output
    assert "Ingested 1 documents" in out.stderr
    [(title, outlet, author, url, published, language, fetched_at, fetched_hash, body)] = query(
        db_url,
        "SELECT d.title, a.name, d.author, d.url, d.published, d.language, d.fetched_at, "
        "d.fetched_hash, d.body FROM document d JOIN agent a ON a.id = d.outlet_id",
    )
    assert (title, outlet, author) == (
        "Flood toll rises to 112 as rivers crest",
        "The Riverside Courier",
        "Maria Lopes",
    )
    assert url == "https://courier.example/news/flood-toll-112"  # the canonical address
    assert str(published) == "2024-05-03"
    assert language == "en"
    assert fetched_at is not None
    assert len(fetched_hash) == 64
    figures = [row[0] for row in query(db_url, "SELECT figure FROM claim ORDER BY id")]
    assert figures == [
        "At least 112",
        "89",
        "about 4,500",
        "37",
        "300mm",
        "More than 20,000",
        "€50 million",
    ]
    # Navigation, cookie banner, teasers and footer are not the article: none of their figures.
    for teaser in ("10", "3", "12", "9,000", "5", "7%", "1,234,567", "2,300"):
        assert teaser not in figures
    # Offsets index the stored text, and `show` quotes the sentence.
    for quote, start, end in query(db_url, "SELECT quote, quote_start, quote_end FROM claim"):
        assert body[start:end] == quote
    [(claim_id,)] = query(db_url, "SELECT id FROM claim WHERE figure = '37'")
    shown = ok(runner, "show", str(claim_id))
    assert "37 are still missing" in shown
    assert [ua for _, ua, _ in _Handler.requests] == [USER_AGENT, USER_AGENT]  # robots, page


def test_a_page_fetched_is_read_again_without_the_network(db_url: str, site: str) -> None:
    runner = CliRunner()
    ok(runner, "ingest", f"{site}/news/flood", "--delay", "0")
    second = runner.invoke(app, ["ingest", f"{site}/news/flood", "--delay", "0"])
    assert "1 skipped as already stored" in second.stderr
    extracted = ok(runner, "extract", f"{site}/news/flood", "--format", "csv")
    assert "About 4,500" in extracted or "about 4,500" in extracted
    assert _fetches("/news/flood") == 1
    ok(runner, "extract", f"{site}/news/flood", "--refresh", "--delay", "0")
    assert _fetches("/news/flood") == 2


def test_header_options_override_the_page(db_url: str, site: str) -> None:
    runner = CliRunner()
    ok(runner, "ingest", f"{site}/news/flood", "--delay", "0", "--outlet", "Courier Online",
       "--date", "2024-05-04", "--url", "https://courier.example/short")  # fmt: skip
    [row] = query(
        db_url, "SELECT a.name, d.published, d.url FROM document d JOIN agent a ON a.id = outlet_id"
    )
    assert (row[0], str(row[1]), row[2]) == (
        "Courier Online",
        "2024-05-04",
        "https://courier.example/short",
    )


def test_each_bad_url_is_named_and_the_batch_goes_on(
    db_url: str, site: str, tmp_path: Path
) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    refused = f"http://127.0.0.1:{closed.getsockname()[1]}/story"
    closed.close()
    bad = {
        f"{site}/gone": "HTTP 404 Not Found",
        f"{site}/broken": "HTTP 500",
        f"{site}/slow": "no answer within 1 s",
        refused: "cannot connect",
        f"{site}/loop-a": "redirect loop",
        f"{site}/hop/1": "more than 5 redirects",
        f"{site}/report.pdf": "a PDF document (application/pdf)",
        f"{site}/chart": "an image (image/png)",
        f"{site}/home": "no article text found in the page",
        f"{site}/huge": "over the 10.0 MB a page may be",
        f"{site}/private/memo": "robots.txt does not allow fetching it",
        "http://": "not a valid URL",
    }
    listing = tmp_path / "links.txt"
    listing.write_text(
        "# links for the flood story\n\n" + "\n".join([*bad, f"{site}/news/flood"]) + "\n"
    )
    result = CliRunner().invoke(
        app, ["ingest", "--urls", str(listing), "--delay", "0", "--timeout", "1"]
    )
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == len(bad)
    for (url, reason), line in zip(bad.items(), errors, strict=True):
        assert line.startswith(f"Error: {url}: "), line
        assert reason in line, line
    assert "Ingested 1 documents" in result.stderr
    assert f"{len(bad)} failed" in result.stderr
    assert query(db_url, "SELECT count(*) FROM document") == [(1,)]


def test_a_redirect_is_followed_and_plain_text_is_read(db_url: str, site: str) -> None:
    runner = CliRunner()
    ok(runner, "ingest", f"{site}/moved", f"{site}/notes.txt", "--delay", "0")
    figures = sorted(row[0] for row in query(db_url, "SELECT figure FROM claim"))
    assert figures[:2] == ["1,500", "200"]
    urls = sorted(row[0] for row in query(db_url, "SELECT url FROM document"))
    assert urls == [f"{site}/notes.txt", "https://courier.example/news/flood-toll-112"]


def test_requests_to_one_host_are_spaced_by_the_delay(db_url: str, site: str) -> None:
    ok(CliRunner(), "extract", f"{site}/news/flood", f"{site}/notes.txt", "--delay", "0.3")
    times = [t for _, _, t in _Handler.requests]
    assert len(times) == 3  # robots.txt, then the two pages
    assert all(b - a >= 0.29 for a, b in itertools.pairwise(times))


def test_a_page_in_another_language_is_stored_and_flagged(db_url: str, site: str) -> None:
    result = CliRunner().invoke(app, ["ingest", f"{site}/news/hochwasser", "--delay", "0"])
    assert result.exit_code == 0, result.output
    assert "is in another language (de): stored, but no figures read" in result.stderr
    assert query(db_url, "SELECT language FROM document") == [("de",)]
    assert query(db_url, "SELECT count(*) FROM claim") == [(0,)]


def test_a_page_in_latin_1_is_decoded_by_its_charset(db_url: str, site: str) -> None:
    ok(CliRunner(), "ingest", f"{site}/news/cafes", "--delay", "0")
    assert query(db_url, "SELECT title FROM document") == [("Café owners count the cost",)]
    figures = {row[0] for row in query(db_url, "SELECT figure FROM claim")}
    assert {"£8.5 million", "About 140", "60"} <= figures


def test_saved_pages_and_folders_of_them(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "flood.html").write_text(ARTICLE, encoding="utf-8")
    (folder / "cafes.htm").write_bytes(LATIN1)  # not UTF-8, and says so in a meta tag
    (folder / "notes.txt").write_text(PLAIN, encoding="utf-8")
    out = CliRunner().invoke(app, ["ingest", str(folder)])
    assert out.exit_code == 0, out.output
    assert "Ingested 3 documents" in out.stderr
    titles = sorted(row[0] or "" for row in query(db_url, "SELECT title FROM document"))
    assert titles == ["", "Café owners count the cost", "Flood toll rises to 112 as rivers crest"]
    assert query(db_url, "SELECT count(*) FROM document WHERE fetched_at IS NULL") == [(3,)]
    assert query(db_url, "SELECT count(*) FROM document WHERE fetched_hash IS NOT NULL") == [(2,)]


def test_a_saved_page_over_the_size_cap_is_refused(db_url: str, tmp_path: Path) -> None:
    page = tmp_path / "huge.html"
    page.write_bytes(b"<html><body><p>" + b"x" * 11_000_000 + b"</p></body></html>")
    result = CliRunner().invoke(app, ["ingest", str(page)])
    assert result.exit_code == 1
    assert f"{page}: 11.0 MB, over the 10.0 MB a web page may be" in result.stderr
    assert query(db_url, "SELECT count(*) FROM document") == [(0,)]


def test_a_list_of_urls_with_something_else_in_it_is_refused(tmp_path: Path) -> None:
    listing = tmp_path / "links.txt"
    listing.write_text("https://example.org/a\nexample.org/b\n")
    result = CliRunner().invoke(app, ["extract", "--urls", str(listing)])
    assert result.exit_code == 1
    assert (
        result.stderr.strip() == f"Error: {listing} line 2: 'example.org/b' is not an http(s) URL"
    )


def test_nothing_to_read_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["extract"])
    assert result.exit_code == 2
    assert "name articles to read" in result.stderr
