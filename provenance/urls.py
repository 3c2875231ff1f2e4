"""Which links the tool stores and writes out: web addresses only.

An address is stored when it is a web link (``http``/``https``) or has no scheme at all
("www.example.com/story", kept as text); any other scheme (``javascript:``, ``data:``,
``file:``, ``vbscript:``...) is refused where it comes in. Every HTML page and every export
field that a reader or a reference manager turns into a link writes only web links, so a
database filled before this rule, or by hand, cannot put a script behind a link either.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from provenance.errors import InputError

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# Browsers drop tabs and newlines inside a URL ("java\tscript:"), and some read a scheme
# after leading control characters or spaces; such an address is never a link here.
_UNSAFE = re.compile(r"[\x00-\x20\x7f]")
# "example.com:8080/path" reads as a scheme to urlsplit; it is a host and a port.
_HOST_AND_PORT = re.compile(r"[A-Za-z0-9.\-]+:\d+(?:[/?#]|$)")


def web_link(url: str | None) -> str | None:
    """``url`` when it may be written as a link: an absolute http(s) address with a host.

    >>> web_link("https://example.com/a?b=1"), web_link("javascript:alert(1)")
    ('https://example.com/a?b=1', None)
    >>> web_link(" java\\tscript:alert(1)"), web_link("www.example.com"), web_link(None)
    (None, None, None)
    """
    if not url or _UNSAFE.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def check_url(url: str | None, field: str = "url") -> str | None:
    """The address to store, or an :class:`InputError` for a scheme that is not a web one.

    >>> check_url("www.example.com/story")
    'www.example.com/story'
    >>> check_url("javascript:alert(1)")
    Traceback (most recent call last):
    ...
    provenance.errors.InputError: url 'javascript:alert(1)': only http and https links are stored
    """
    if url is None or not url.strip():
        return None
    url = url.strip()
    if web_link(url):
        return url
    if _UNSAFE.search(url):
        raise InputError(f"{field} {url!r}: a link cannot hold spaces or control characters")
    if _SCHEME.match(url) and not _HOST_AND_PORT.match(url):
        raise InputError(f"{field} {url!r}: only http and https links are stored")
    return url
