"""Values made safe for a target where the target's own escaping is not enough.

A URL inside a CommonMark autolink (`<…>`) is not escaped by Markdown: a `>` in it
ends the link and the rest becomes live text. So URLs are percent-encoded to the
characters RFC 3986 allows before they are written as links, and a scheme other
than http, https or ftp never becomes a link at all.
"""

from __future__ import annotations

from urllib.parse import quote

LINK_SCHEMES = ("http://", "https://", "ftp://")
# RFC 3986 reserved and unreserved characters, and "%" so existing escapes stay as they are.
_URL_SAFE = "-._~:/?#[]@!$&'()*+,;=%"


def safe_url(url: str) -> str:
    """`url` with every character RFC 3986 does not allow percent-encoded (spaces, <, >, ", \\, controls)."""
    return quote(url, safe=_URL_SAFE)


def is_linkable(url: str) -> bool:
    return url.lower().startswith(LINK_SCHEMES)


def markdown_autolink(url: str, escape_text) -> str:
    """`<url>` for a web address, else the text escaped by `escape_text` (never a live link)."""
    if not is_linkable(url):
        return escape_text(url)
    return f"<{safe_url(url)}>"
