"""Fetching one resource for `add`: a web page (`--from-url`) or a look-up (`--doi`, `--isbn`).

Timeouts per read and one total deadline per fetch (a server dripping a byte every few
seconds is given up on), a byte budget counted after decoding (a 2 KB gzip bomb cannot
grow to gigabytes), at most one content-encoding layer (`gzip, gzip` is refused),
limited redirects, and no private hosts: each hop of a redirect is checked against the
link checker's private-address guard (links/guard.py), so a public page cannot redirect
the fetch into the local network.
"""

from __future__ import annotations

import asyncio
import time
import zlib
from urllib.parse import urljoin, urlsplit

import httpx

from dossiercli.errors import DossierError
from dossiercli.links.checker import USER_AGENT, classify_error
from dossiercli.links.guard import private_host_reason

MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
ATTEMPTS = 2  # one retry, after a pause, for a refused connection, a timeout or a 502/503/504
RETRY_PAUSE = 1.0
DEADLINE = 30.0  # seconds for a whole fetch, redirects and retries included
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
ENCODINGS = ("gzip", "x-gzip", "deflate")


class Unreachable(DossierError):
    """The server could not be reached (offline, DNS, refused, timed out): a look-up may try elsewhere."""


class NotThere(DossierError):
    """The server answered, but not with the resource (an HTTP error status, another media type)."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


def fetch_page(
    url: str, timeout: float = 15.0, allow_private: bool = False, max_bytes: int = MAX_BYTES, deadline: float = DEADLINE
) -> tuple[bytes, str | None, str]:
    """(body, Content-Type, final URL) of an HTML page; a one-line DossierError for every failure."""
    return fetch(
        url,
        accept=ACCEPT,
        media_types=HTML_TYPES,
        timeout=timeout,
        allow_private=allow_private,
        max_bytes=max_bytes,
        deadline=deadline,
        what="page",
    )


def fetch(
    url: str,
    *,
    accept: str,
    media_types: tuple[str, ...] | None,
    timeout: float = 15.0,
    allow_private: bool = False,
    max_bytes: int = MAX_BYTES,
    deadline: float = DEADLINE,
    what: str = "answer",
) -> tuple[bytes, str | None, str]:
    """(body, Content-Type, final URL); `media_types`: the ones accepted (None: any)."""
    headers = {"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": ", ".join(ENCODINGS[::2])}
    until = time.monotonic() + deadline
    with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False, trust_env=False) as client:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            _check_address(current, allow_private)
            result = _get_with_retry(client, current, max_bytes, media_types, until, deadline, what)
            if isinstance(result, str):  # a redirect
                current = result
                continue
            return (*result, current)
    raise NotThere(f"{url}: more than {MAX_REDIRECTS} redirects")


def _get_with_retry(client, url, max_bytes, media_types, until, deadline, what):
    for attempt in range(1, ATTEMPTS + 1):
        try:
            result = _get(client, url, max_bytes, media_types, until, deadline, what)
        except (httpx.TimeoutException, httpx.ConnectError) as error:
            if attempt == ATTEMPTS or time.monotonic() + RETRY_PAUSE >= until:
                status, detail = classify_error(error)
                raise Unreachable(f"{url}: {status.value}: {detail}") from None
        except httpx.HTTPError as error:
            status, detail = classify_error(error)
            raise Unreachable(f"{url}: {status.value}: {detail}") from None
        else:
            if not isinstance(result, int):
                return result
            if result not in (502, 503, 504) or attempt == ATTEMPTS or time.monotonic() + RETRY_PAUSE >= until:
                raise NotThere(f"{url}: HTTP {result}", result)
        time.sleep(RETRY_PAUSE)
    raise AssertionError("unreachable")


def _check_address(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DossierError(f"{url}: only http and https pages can be read")
    if not allow_private:
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise DossierError(f"{url}: the port is not a number from 0 to 65535") from None
        reason = asyncio.run(private_host_reason(parts.hostname, port))
        if reason:
            raise DossierError(f"{url}: {reason.replace('to check it', 'to read it')}")


def _decoder(url: str, header: str):
    """One decoder for the Content-Encoding, or None for identity; stacked or unknown encodings are refused."""
    layers = [part.strip().lower() for part in header.split(",") if part.strip() and part.strip().lower() != "identity"]
    if not layers:
        return None
    if len(layers) > 1:
        raise NotThere(f"{url}: the answer is compressed {len(layers)} times over ({header}); refused")
    if layers[0] not in ENCODINGS:
        raise NotThere(f"{url}: the answer uses the {layers[0]!r} encoding, which is not supported")
    if layers[0] == "deflate":
        return _Deflate()
    return zlib.decompressobj(16 + zlib.MAX_WBITS)


class _Deflate:
    """HTTP "deflate" is zlib-wrapped by the standard, raw deflate by some servers: try the first, then the second."""

    def __init__(self):
        self._inner = zlib.decompressobj()
        self._started = False

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        if not self._started:
            self._started = True
            try:
                return self._inner.decompress(data, max_length)
            except zlib.error:
                self._inner = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._inner.decompress(data, max_length)

    @property
    def unconsumed_tail(self) -> bytes:
        return self._inner.unconsumed_tail

    def flush(self) -> bytes:
        return self._inner.flush()


def _get(client: httpx.Client, url: str, max_bytes: int, media_types, until: float, deadline: float, what: str):
    """(body, Content-Type), or the Location of a redirect (str), or an error status (int)."""
    too_large = NotThere(f"{url}: the {what} is larger than {max_bytes / 1_000_000:g} MB")
    remaining = max(0.1, until - time.monotonic())
    with client.stream("GET", url, timeout=min(client.timeout.read or remaining, remaining)) as response:
        if response.status_code in (301, 302, 303, 307, 308) and response.headers.get("Location"):
            return urljoin(url, response.headers["Location"])
        if response.status_code >= 400:
            return response.status_code
        content_type = response.headers.get("Content-Type")
        media = (content_type or "").split(";")[0].strip().lower()
        if media_types is not None and media not in media_types:
            if what == "page":
                raise NotThere(
                    f"{url}: the page is {media}, not HTML, so it has no metadata to read; give the fields as flags"
                )
            raise NotThere(f"{url}: the {what} is {media or 'of no stated type'}, not {media_types[0]}")
        length = response.headers.get("Content-Length", "")
        if length.isdecimal() and int(length) > max_bytes and not response.headers.get("Content-Encoding"):
            raise too_large
        decoder = _decoder(url, response.headers.get("Content-Encoding", ""))
        body = bytearray()
        received = 0
        try:
            for chunk in response.iter_raw():
                if time.monotonic() > until:
                    raise Unreachable(f"{url}: timeout: no complete answer within {deadline:g} s")
                received += len(chunk)
                if received > max_bytes:
                    raise too_large
                if decoder is None:
                    body += chunk
                else:
                    body += decoder.decompress(chunk, max_bytes + 1 - len(body))
                    if decoder.unconsumed_tail or len(body) > max_bytes:
                        raise too_large
        except zlib.error:
            raise NotThere(f"{url}: the compressed answer is corrupt") from None
        if decoder is not None:
            body += decoder.flush()
        if len(body) > max_bytes:
            raise too_large
        return bytes(body), content_type
