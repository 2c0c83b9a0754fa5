"""Checking URLs concurrently and politely.

A global limit and a per-host limit bound the requests in flight; each URL gets
connect/read timeouts and a total deadline; HEAD first, GET (reading at most a few
bytes) where HEAD is refused; redirects followed by hand so each hop is checked and
loops are caught; timeouts, dropped connections, 5xx and 429 retried with backoff,
honouring Retry-After up to a cap.
"""

from __future__ import annotations

import asyncio
import email.utils
import socket
import ssl
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from urllib.parse import urljoin, urlsplit

import httpx

from dossiercli import __version__
from dossiercli.links.guard import private_host_reason
from dossiercli.links.options import LinkOptions
from dossiercli.links.types import LinkResult, Status

USER_AGENT = (f"Mozilla/5.0 (compatible; dossiercli/{__version__}; link checker for research dossiers; "
              "+https://pypi.org/project/dossiercli/)")
HEAD_REFUSED = frozenset({400, 403, 404, 405, 406, 501})  # servers that answer HEAD wrongly: ask again with GET
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
PERMANENT = frozenset({301, 308})


class _Retry(Exception):
    def __init__(self, wait: float | None, status: Status, detail: str, code: int | None = None):
        self.wait, self.status, self.detail, self.code = wait, status, detail, code


def retry_after_seconds(value: str | None, cap: float) -> float | None:
    """Retry-After as seconds or an HTTP date, capped; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, min(when.timestamp() - time.time(), cap))


def _causes(error: BaseException, seen=None):
    """The error and everything behind it: __cause__, __context__ and the members of exception groups."""
    seen = seen if seen is not None else set()
    if error is None or id(error) in seen:
        return
    seen.add(id(error))
    yield error
    for inner in getattr(error, "exceptions", ()) or ():
        yield from _causes(inner, seen)
    yield from _causes(error.__cause__, seen)
    yield from _causes(error.__context__, seen)


def classify_error(error: Exception) -> tuple[Status, str]:
    if isinstance(error, httpx.TimeoutException):
        return Status.TIMEOUT, f"no answer in time ({type(error).__name__})"
    causes = list(_causes(error))
    text = " ".join(str(c) for c in causes).lower()
    if any(isinstance(c, ssl.SSLError) for c in causes) or "certificate" in text or "ssl" in text:
        return Status.TLS_ERROR, str(error) or "TLS handshake failed"
    if any(isinstance(c, socket.gaierror) for c in causes) or "name or service not known" in text \
            or "temporary failure in name resolution" in text or "no address associated" in text:
        return Status.DNS_FAILURE, "host name does not resolve"
    if any(isinstance(c, ConnectionRefusedError) for c in causes) or "refused" in text:
        return Status.REFUSED, "connection refused"
    if any(isinstance(c, (ConnectionResetError, httpx.RemoteProtocolError)) for c in causes):
        return Status.ERROR, "connection dropped by the server"
    return Status.ERROR, str(error) or type(error).__name__


class Checker:
    def __init__(self, options: LinkOptions, on_done: Callable[[LinkResult], None] | None = None):
        self.options = options
        self.on_done = on_done
        self._global = asyncio.Semaphore(options.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(options.per_host))

    async def check_all(self, urls: Iterable[str]) -> list[LinkResult]:
        timeout = httpx.Timeout(self.options.timeout, connect=self.options.timeout)
        limits = httpx.Limits(max_connections=self.options.concurrency, max_keepalive_connections=self.options.concurrency)
        headers = {"User-Agent": self.options.user_agent or USER_AGENT, "Accept": "*/*"}
        async with httpx.AsyncClient(timeout=timeout, limits=limits, headers=headers, follow_redirects=False,
                                     trust_env=False) as client:
            self.client = client
            return list(await asyncio.gather(*(self._check_reported(url) for url in urls)))

    async def _check_reported(self, url: str) -> LinkResult:
        result = await self.check(url)
        if self.on_done:
            self.on_done(result)
        return result

    async def check(self, url: str) -> LinkResult:
        started = time.monotonic()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return LinkResult(url, Status.SKIPPED, detail="only http and https URLs are checked", attempts=0)
        why = self.options.excluded(url)
        if why:
            return LinkResult(url, Status.SKIPPED, detail=why, attempts=0)
        try:
            result = await asyncio.wait_for(self._follow(url), self.options.total_timeout)
        except TimeoutError:
            result = LinkResult(url, Status.TIMEOUT, detail=f"no answer within {self.options.total_timeout:g} s in all")
        result.seconds = round(time.monotonic() - started, 3)
        return result

    async def _follow(self, url: str) -> LinkResult:
        seen = [url]
        current = url
        permanent = True
        attempts = 0
        for _ in range(self.options.max_redirects + 1):
            parts = urlsplit(current)
            if not self.options.allow_private:
                reason = await private_host_reason(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80))
                if reason:
                    return LinkResult(url, Status.SKIPPED, detail=reason, attempts=attempts)
            response_code, location, tries, failure = await self._request_with_retries(current)
            attempts += tries
            if failure is not None:
                status, detail, code = failure
                return LinkResult(url, status, code=code, detail=detail, attempts=attempts,
                                  target=current if current != url else None)
            if 300 <= response_code < 400 and location:
                permanent = permanent and response_code in PERMANENT
                nxt = urljoin(current, location)
                if nxt in seen:
                    return LinkResult(url, Status.BROKEN, code=response_code, attempts=attempts,
                                      detail=f"redirect loop: {' -> '.join(seen + [nxt])}")
                seen.append(nxt)
                current = nxt
                continue
            if response_code < 400 or response_code in self.options.accept:
                if current != url:
                    return LinkResult(url, Status.REDIRECTED, code=response_code, target=current, permanent=permanent,
                                      attempts=attempts, detail=f"{len(seen) - 1} redirect(s)")
                return LinkResult(url, Status.OK, code=response_code, attempts=attempts)
            return LinkResult(url, Status.BROKEN, code=response_code, attempts=attempts, detail=f"HTTP {response_code}",
                              target=current if current != url else None)
        return LinkResult(url, Status.BROKEN, attempts=attempts, detail=f"more than {self.options.max_redirects} redirects")

    async def _request_with_retries(self, url: str):
        """(status code, Location, attempts, failure) for one hop, retried where it may help."""
        delay = self.options.backoff
        last: _Retry | None = None
        for attempt in range(1, self.options.retries + 2):
            try:
                code, location = await self._one_request(url)
                if code in RETRY_STATUSES:
                    raise _Retry(None, Status.BROKEN, f"HTTP {code}", code)
                return code, location, attempt, None
            except _Retry as retry:
                last = retry
            except httpx.HTTPError as error:
                status, detail = classify_error(error)
                if status in (Status.DNS_FAILURE, Status.TLS_ERROR):
                    return 0, None, attempt, (status, detail, None)
                last = _Retry(None, status, detail)
            if attempt <= self.options.retries:
                await asyncio.sleep(last.wait if last.wait is not None else delay)
                delay *= 2
        return 0, None, self.options.retries + 1, (last.status, last.detail + f" after {self.options.retries + 1} attempts", last.code)

    async def _one_request(self, url: str) -> tuple[int, str | None]:
        host = urlsplit(url).netloc.lower()
        async with self._global, self._hosts[host]:
            response = await self.client.head(url)
            if response.status_code in HEAD_REFUSED:
                async with self.client.stream("GET", url) as streamed:
                    read = 0
                    async for chunk in streamed.aiter_raw():
                        read += len(chunk)
                        if read >= self.options.max_bytes:
                            break
                    response = streamed
        if response.status_code in (429, 503):
            wait = retry_after_seconds(response.headers.get("Retry-After"), self.options.max_retry_after)
            if wait is not None:
                raise _Retry(wait, Status.BROKEN, f"HTTP {response.status_code} (Retry-After {wait:g} s)", response.status_code)
        return response.status_code, response.headers.get("Location")


def check_urls(urls: Iterable[str], options: LinkOptions, on_done: Callable[[LinkResult], None] | None = None) -> list[LinkResult]:
    """Check URLs (each once) and return their results in the order given."""
    unique = list(dict.fromkeys(urls))
    return asyncio.run(Checker(options, on_done).check_all(unique))
