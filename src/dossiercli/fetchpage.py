"""Fetching one page for `add --from-url`: timeouts, a size cap, limited redirects, no private hosts."""

from __future__ import annotations

import asyncio
from urllib.parse import urljoin, urlsplit

import httpx

from dossiercli.errors import DossierError
from dossiercli.links.checker import USER_AGENT, classify_error
from dossiercli.links.guard import private_host_reason

MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5


def fetch_page(url: str, timeout: float = 15.0, allow_private: bool = False) -> tuple[bytes, str | None, str]:
    """(body, Content-Type, final URL); one-line DossierError for every failure."""
    current = url
    with httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=False, trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise DossierError(f"{current}: only http and https pages can be read")
            if not allow_private:
                reason = asyncio.run(private_host_reason(parts.hostname, parts.port or 80))
                if reason:
                    raise DossierError(f"{current}: {reason}")
            try:
                with client.stream("GET", current) as response:
                    if response.status_code in (301, 302, 303, 307, 308) and response.headers.get("Location"):
                        current = urljoin(current, response.headers["Location"])
                        continue
                    if response.status_code >= 400:
                        raise DossierError(f"{current}: HTTP {response.status_code}")
                    body = b""
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > MAX_BYTES:
                            raise DossierError(f"{current}: the page is larger than {MAX_BYTES // 1_000_000} MB")
                    return body, response.headers.get("Content-Type"), current
            except httpx.HTTPError as error:
                status, detail = classify_error(error)
                raise DossierError(f"{current}: {status.value}: {detail}") from None
    raise DossierError(f"{url}: more than {MAX_REDIRECTS} redirects")
