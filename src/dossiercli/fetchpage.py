"""Fetching one page for `add --from-url`: timeouts, a size cap, limited redirects, no private hosts.

Each hop of a redirect is checked against the link checker's private-address guard
(links/guard.py), so a public page cannot redirect the fetch into the local network.
Only HTML is read: a PDF or an image has no <meta> tags to fill an entry from.
"""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urljoin, urlsplit

import httpx

from dossiercli.errors import DossierError
from dossiercli.links.checker import USER_AGENT, classify_error
from dossiercli.links.guard import private_host_reason

MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
ATTEMPTS = 2  # one retry, after a pause, for a refused connection, a timeout or a 502/503/504
RETRY_PAUSE = 1.0
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"


def fetch_page(url: str, timeout: float = 15.0, allow_private: bool = False,
               max_bytes: int = MAX_BYTES) -> tuple[bytes, str | None, str]:
    """(body, Content-Type, final URL); a one-line DossierError for every failure."""
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False, trust_env=False) as client:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            _check_address(current, allow_private)
            result = _get_with_retry(client, current, max_bytes)
            if isinstance(result, str):  # a redirect
                current = result
                continue
            if isinstance(result, int):
                raise DossierError(f"{current}: HTTP {result}")
            return (*result, current)
    raise DossierError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _get_with_retry(client: httpx.Client, url: str, max_bytes: int):
    for attempt in range(1, ATTEMPTS + 1):
        try:
            result = _get(client, url, max_bytes)
        except (httpx.TimeoutException, httpx.ConnectError) as error:
            if attempt == ATTEMPTS:
                status, detail = classify_error(error)
                raise DossierError(f"{url}: {status.value}: {detail}") from None
        except httpx.HTTPError as error:
            status, detail = classify_error(error)
            raise DossierError(f"{url}: {status.value}: {detail}") from None
        else:
            if result not in (502, 503, 504) or attempt == ATTEMPTS:
                return result
        time.sleep(RETRY_PAUSE)
    raise AssertionError("unreachable")


def _check_address(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DossierError(f"{url}: only http and https pages can be read")
    if not allow_private:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        reason = asyncio.run(private_host_reason(parts.hostname, port))
        if reason:
            raise DossierError(f"{url}: {reason.replace('to check it', 'to read it')}")


def _get(client: httpx.Client, url: str, max_bytes: int):
    """(body, Content-Type), or the Location of a redirect (str), or an error status (int)."""
    with client.stream("GET", url) as response:
        if response.status_code in (301, 302, 303, 307, 308) and response.headers.get("Location"):
            return urljoin(url, response.headers["Location"])
        if response.status_code >= 400:
            return response.status_code
        content_type = response.headers.get("Content-Type")
        media = (content_type or "").split(";")[0].strip().lower()
        if media not in HTML_TYPES:
            raise DossierError(f"{url}: the page is {media}, not HTML, so it has no metadata to read; "
                               "give the fields as flags")
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > max_bytes:
            raise DossierError(f"{url}: the page is larger than {max_bytes / 1_000_000:g} MB")
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > max_bytes:
                raise DossierError(f"{url}: the page is larger than {max_bytes / 1_000_000:g} MB")
        return bytes(body), content_type
