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
import re
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
        current, previous = url, None
        for _ in range(MAX_REDIRECTS + 1):
            try:
                _check_url(current)
                _check_address(current, allow_private)
            except DossierError as error:
                if previous is None:
                    raise
                raise NotThere(f"{previous}: redirects to an invalid target: {error}") from None
            result = _get_with_retry(client, current, max_bytes, media_types, until, deadline, what)
            if isinstance(result, str):  # a redirect
                current, previous = result, current
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
        except (httpx.InvalidURL, ValueError) as error:
            # Not an HTTPError. `url` itself passed _check_url: httpx failed on the redirect's Location, which it
            # parses even when it is not to follow it.
            reason = str(error) or type(error).__name__
            raise NotThere(f"{url}: redirects to an invalid target ({reason})") from None
        else:
            if not isinstance(result, int):
                return result
            if result not in (502, 503, 504) or attempt == ATTEMPTS or time.monotonic() + RETRY_PAUSE >= until:
                raise NotThere(f"{url}: HTTP {result}", result)
        time.sleep(RETRY_PAUSE)
    raise AssertionError("unreachable")


def _check_url(url: str) -> None:
    """A one-line DossierError for a URL that cannot be requested: what httpx refuses to parse, no host, a
    port out of range, white space or control characters (a redirect's Location is a server's text)."""
    if any(ch.isspace() or ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in url):
        raise DossierError(f"{url!r}: white space or a control character in the URL")
    try:
        parsed = httpx.URL(url)
        port = parsed.port
        parsed.host.encode("idna")  # a label over 63 characters, an empty one: refused when requested
    except (httpx.InvalidURL, ValueError) as error:  # ValueError: UnicodeError of a host name IDNA refuses
        raise DossierError(f"{url}: not a valid URL ({str(error) or type(error).__name__})") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise DossierError(f"{url}: only http and https pages can be read")
    if port is not None and not 0 < port < 65536:
        raise DossierError(f"{url}: the port is not a number from 1 to 65535")


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


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def location_problem(location: str) -> str | None:
    """Why a Location is no URI reference (RFC 3986): a backslash, white space or a control character in it,
    or a first path segment with a colon but no scheme (`127.0.0.1:8080:80`); None when it is one.
    check-urls and the page fetcher follow only what this accepts."""
    location = location.strip()
    first_segment = re.split(r"[/?#]", location, maxsplit=1)[0]
    if "\\" in location or any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in location):
        return "not a URI reference (a backslash, space or control character)"
    if ":" in first_segment and not _SCHEME.match(location):
        return "not a URI reference (a colon before any slash, but no scheme)"
    return None


def _redirect_target(url: str, location: str) -> str:
    """The URL a Location names, or NotThere when it is no URI reference (`location_problem`)."""
    if location_problem(location):
        raise NotThere(f"{url}: redirects to an invalid target {location.strip()!r}")
    return urljoin(url, location.strip())


def _get(client: httpx.Client, url: str, max_bytes: int, media_types, until: float, deadline: float, what: str):
    """(body, Content-Type), or the Location of a redirect (str), or an error status (int)."""
    too_large = NotThere(f"{url}: the {what} is larger than {max_bytes / 1_000_000:g} MB")
    remaining = max(0.1, until - time.monotonic())
    with client.stream("GET", url, timeout=min(client.timeout.read or remaining, remaining)) as response:
        if response.status_code in (301, 302, 303, 307, 308) and response.headers.get("Location"):
            return _redirect_target(url, response.headers["Location"])
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
