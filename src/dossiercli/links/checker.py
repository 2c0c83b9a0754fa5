"""Checking URLs concurrently and politely, and telling apart the ways a link fails.

A global limit and a per-host limit bound the requests in flight; connections are kept
alive and reused per host (a small pool for each host); each request gets connect/read timeouts, and each URL a
budget of time on the wire (`total_timeout`: all its attempts, redirects and bodies). The clock of a request starts
when it holds its per-host and global slot: waiting in the queue for a slot is never a timeout (a site with 80 links
that each answer in 1 s is 80 links ok, however long the queue). The queue needs no bound of its own: everything
ahead of a URL is itself bounded. Each hop is one GET: redirects are followed by hand so every hop passes
the private-address guard and loops are caught; of an HTML page at most SNIFF_BYTES are
read, enough for its title and first heading (soft-404 evidence), of anything else
nothing. Timeouts, dropped connections, 5xx and 429 are retried with backoff, honouring
Retry-After up to a cap. Any failure of one URL — a hostile redirect, a bad port, a
garbled header — is that URL's result; it never ends the run.
"""

from __future__ import annotations

import asyncio
import functools
import re
import socket
import ssl
import sys
import time
from collections.abc import Callable, Iterable
from urllib.parse import SplitResult, urljoin, urlsplit

from dossiercli import __version__
from dossiercli.links.body import ACCEPT_ENCODING, BodyError, read_body
from dossiercli.links.options import HostRule, LinkOptions
from dossiercli.links.slots import Slots
from dossiercli.links.types import LinkResult, Status
from dossiercli.links.wire import BadRequest, Dropped, OutOfTime, Wire, WireError, WireTimeout

USER_AGENT = (
    f"Mozilla/5.0 (compatible; dossiercli/{__version__}; link checker for research dossiers; "
    "+https://pypi.org/project/dossiercli/)"
)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
BLOCKED_STATUSES = frozenset({401, 403, 429})
PERMANENT = frozenset({301, 308})
SNIFF_BYTES = 65_536
GUARD_LOOKUPS = 8  # the private-address guard's DNS lookups at once
# Hosts whose whole job is to send readers elsewhere: leaving their site is not a move.
REDIRECTORS = (
    "doi.org",
    "dx.doi.org",
    "hdl.handle.net",
    "purl.org",
    "t.co",
    "bit.ly",
    "goo.gl",
    "tinyurl.com",
    "ow.ly",
    "buff.ly",
    "archive.org",
    "perma.cc",
    "n2t.net",
    "arxiv.org",
    "ssrn.com",
    "jstor.org",
)
# The soft-404 patterns are compiled when a page is first judged (compiling them costs milliseconds a run).
SOFT_404 = (
    r"\b(?:404|410)\b|\bnot\s+found\b|\bpage\s+(?:does\s+not|doesn'?t|no\s+longer)\s+exists?\b|"
    r"\bno\s+longer\s+(?:available|exists)\b|\b(?:page|article|story)\s+(?:is\s+)?(?:unavailable|removed)\b|"
    r"\bcan(?:no|')t\s+(?:be\s+)?f(?:ou|i)nd\s+(?:the|that|this)\s+page\b|\bnicht\s+gefunden\b|"
    r"\bintrouvable\b|\bno\s+encontrad[ao]\b|\bnon\s+trovat[ao]\b|\bniet\s+gevonden\b"
)
# said in the body of a short page: stronger phrases only, since an article may well say "not found"
SOFT_404_BODY = (
    r"\bpage\s+(?:you\s+(?:(?:are|were|'re)\s+)?)?(?:requested|looking\s+for)\b.{0,60}?\b(?:could\s+not|cannot|can't|"
    r"couldn't)\s+be\s+found\b|\bpage\s+(?:could\s+not|cannot)\s+be\s+found\b|\bpage\s+(?:does\s+not|doesn't|no\s+"
    r"longer)\s+exists?\b|\berror\s+404\b|\b404\s*[-:|]\s*(?:page\s+)?not\s+found\b"
)
SHORT_PAGE = 1500  # characters of visible text: an error page, not an article
_HOME = re.compile(r"/?(?:(?:index|default|home)(?:\.[a-z]{2,5})?)?/?", re.I)


@functools.cache
def _page_patterns():
    return (
        re.compile(SOFT_404, re.I),
        re.compile(SOFT_404_BODY, re.I | re.S),
        re.compile(rb"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S),
        re.compile(rb"<title[^>]*>(.*?)</title", re.I | re.S),
        re.compile(rb"<h1[^>]*>(.*?)</h1", re.I | re.S),
        re.compile(r"<[^>]*>"),
    )


class _Retry(Exception):
    def __init__(self, wait: float | None, status: Status, detail: str, code: int | None = None):
        self.wait, self.status, self.detail, self.code = wait, status, detail, code


class _Invalid(Exception):
    """A URL that cannot be requested at all."""


class _Budget:
    """What is left of one URL's time on the wire (seconds), spent only while a request holds its slots."""

    __slots__ = ("left",)

    def __init__(self, seconds: float):
        self.left = seconds


def retry_after_seconds(value: str | None, cap: float) -> float | None:
    """Retry-After as seconds or an HTTP date, capped; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"[0-9]{1,12}", value):  # ASCII digits only: '²'.isdigit() is True, float('²') is not
        return min(float(value), cap)
    import email.utils

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    try:
        return max(0.0, min(when.timestamp() - time.time(), cap))
    except (OverflowError, OSError, ValueError):
        return None


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


def classify_error(error: BaseException) -> tuple[Status, str]:
    """The status and the reason for a failed request: ours (links/wire.py) or httpx's (archive, add --from-url)."""
    if isinstance(error, WireTimeout):
        return Status.TIMEOUT, f"no answer in time: {error}"
    httpx = sys.modules.get("httpx")  # not imported, then not one of its errors
    if httpx is not None and isinstance(error, httpx.TimeoutException):
        return Status.TIMEOUT, f"no answer in time ({type(error).__name__})"
    causes = list(_causes(error))
    text = " ".join(str(c) for c in causes).lower()
    if any(isinstance(c, ssl.SSLError) for c in causes) or "certificate" in text or "ssl" in text:
        return Status.TLS_ERROR, str(error) or "TLS handshake failed"
    if (
        any(isinstance(c, socket.gaierror) for c in causes)
        or "name or service not known" in text
        or "temporary failure in name resolution" in text
        or "no address associated" in text
    ):
        return Status.DNS_FAILURE, "host name does not resolve"
    if any(isinstance(c, ConnectionRefusedError) for c in causes) or "refused" in text:
        return Status.REFUSED, "connection refused"
    if isinstance(error, Dropped):
        return Status.ERROR, str(error)
    dropped = (ConnectionResetError, httpx.RemoteProtocolError) if httpx is not None else ConnectionResetError
    if any(isinstance(c, dropped) for c in causes):
        return Status.ERROR, "connection dropped by the server"
    return Status.ERROR, str(error) or type(error).__name__


def site_of(host: str) -> str:
    """The registrable part of a host name, near enough: example.co.uk, nytimes.com."""
    labels = host.lower().rstrip(".").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and (len(labels[-2]) <= 3 or labels[-2] in ("gouv", "govt")):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def is_home_page(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.query and bool(_HOME.fullmatch(parts.path or "/"))


_UNFIT = re.compile(r"[\x00-\x20\x7f\s]")


def check_url_text(url: str) -> str | None:
    """Why `url` cannot be requested, or None: control characters, a bad port, no host."""
    return _parse(url)[1]


def _parse(url: str) -> tuple[SplitResult, str | None]:
    """The URL's parts, and why it cannot be requested (None when it can)."""
    if _UNFIT.search(url):
        return _NO_PARTS, "the URL contains a control character or a space"
    if "\\" in url:
        return _NO_PARTS, "the URL contains a backslash"
    try:
        parts = urlsplit(url)
        hostname = _host_port(parts.netloc)[0]  # raises ValueError for a port out of range
    except ValueError as error:
        return _NO_PARTS, f"the URL cannot be read: {error}"
    if parts.scheme not in ("http", "https"):
        return parts, "only http and https URLs are checked"
    if not hostname:
        return parts, "the URL has no host"
    return parts, None


@functools.lru_cache(maxsize=4096)
def _host_port(netloc: str) -> tuple[str | None, int | None]:
    """A netloc's host name (lower case) and port, worked out once per netloc (urlsplit parses them on each ask)."""
    parts = SplitResult("http", netloc, "", "", "")
    return parts.hostname, parts.port


def _hostname(parts: SplitResult) -> str | None:
    return _host_port(parts.netloc)[0]


_NO_PARTS = urlsplit("")


def soft_404_evidence(body: bytes, extra: tuple[str, ...] = ()) -> str | None:
    """'title "Page not found"' when the page's title or first heading says it is not there."""
    import html

    soft_404, soft_404_body, scripts, title, h1, tags = _page_patterns()
    for label, pattern in (("title", title), ("heading", h1)):
        match = pattern.search(body)
        if not match:
            continue
        text = " ".join(html.unescape(tags.sub(" ", match.group(1).decode("utf-8", "replace"))).split())
        if len(text) > 200:  # a long heading is an article's, not an error page's
            continue
        if soft_404.search(text) or any(re.search(p, text, re.I) for p in extra):
            return f"{label} {text[:80]!r}"
    visible = " ".join(html.unescape(tags.sub(" ", scripts.sub(b" ", body).decode("utf-8", "replace"))).split())
    if len(visible) <= SHORT_PAGE:
        match = soft_404_body.search(visible)
        if match:
            return f"text {match.group(0)[:80]!r} on a short page"
    return None


class Checker:
    def __init__(
        self, options: LinkOptions, on_done: Callable[[LinkResult], None] | None = None, want_body: bool = False
    ):
        self.options = options
        self.on_done = on_done
        self.want_body = want_body  # read whole pages (verify), not just enough to judge them
        self._slots = Slots(options.concurrency)
        self._hosts: dict[str, int] = {}
        self._guarded: dict[tuple[str, int], asyncio.Future] = {}
        self._rules: dict[str, HostRule | None] = {}

    def _rule(self, hostname: str | None) -> HostRule | None:
        """The [links.hosts] rule for a host name, looked up once per host in a run."""
        host = hostname or ""
        try:
            return self._rules[host]
        except KeyError:
            rule = self._rules[host] = self.options.rule_for(host)
            return rule

    async def _guard(self, host: str, port: int) -> str | None:
        """The private-address guard, asked once per host and port in a run (one DNS lookup, not one per URL)."""
        key = (host.lower(), port)
        pending = self._guarded.get(key)
        if pending is None:
            pending = self._guarded[key] = asyncio.ensure_future(self._lookup(host, port))
        return await asyncio.shield(pending)

    async def _lookup(self, host: str, port: int) -> str | None:
        from dossiercli.links.guard import private_host_reason

        async with self._lookups:  # a few at once: the resolver threads left for connections never run out
            return await private_host_reason(host, port)

    def _per_host(self, hostname: str | None) -> int:
        rule = self._rule(hostname)
        return rule.per_host if rule and rule.per_host else self.options.per_host

    def _host_limit(self, host: str, hostname: str | None) -> int:
        """The number of slots of one host (netloc), made known to the slots on first use."""
        size = self._hosts.get(host)
        if size is None:
            size = self._hosts[host] = self._per_host(hostname)
            self._slots.host(host, size)
        return size

    async def check_all(self, urls: Iterable[str]) -> list[LinkResult]:
        # Host names are resolved in the loop's threads, for the guard and for each new connection. With
        # a thread for every request in flight and for every guard lookup, a connection's lookup never
        # queues for a thread, so its connect timeout times the lookup, not the wait (threads start as needed).
        from concurrent.futures import ThreadPoolExecutor

        self._lookups = asyncio.Semaphore(GUARD_LOOKUPS)
        asyncio.get_running_loop().set_default_executor(
            ThreadPoolExecutor(max_workers=self.options.concurrency + GUARD_LOOKUPS, thread_name_prefix="resolve")
        )
        self._wire = Wire(
            [
                ("User-Agent", self.options.user_agent or USER_AGENT),
                ("Accept-Encoding", ACCEPT_ENCODING),
                ("Accept", "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8"),
            ]
        )
        try:
            return list(await asyncio.gather(*(self.check(url) for url in urls)))
        finally:
            self._wire.close()

    async def check(self, url: str) -> LinkResult:
        started = time.monotonic()
        result = await self._check(url)
        result.seconds = round(time.monotonic() - started, 3)
        if self.on_done:
            self.on_done(result)
        return result

    async def _check(self, url: str) -> LinkResult:
        parts, problem = _parse(url)
        if problem:
            status = Status.SKIPPED if problem.startswith("only http") else Status.INVALID
            return LinkResult(url, status, detail=problem, attempts=0)
        why = self.options.excluded(url) if self.options.exclude else None
        rule = self._rule(_hostname(parts))
        if not why and rule and rule.skip:
            why = "its host is set to skip = true in [links.hosts]"
        if why:
            return LinkResult(url, Status.SKIPPED, detail=why, attempts=0)
        try:
            return await self._follow(url, parts)
        except Exception as error:  # noqa: BLE001 - one URL's trouble is its result, never the run's end
            return LinkResult(url, Status.ERROR, detail=f"unexpected {type(error).__name__}: {error}"[:300])

    async def _follow(self, url: str, parts: SplitResult) -> LinkResult:
        seen = [url]
        current = url
        permanent = True
        attempts = 0
        budget = _Budget(self.options.total_timeout)
        for _ in range(self.options.max_redirects + 1):
            if not self.options.allow_private:
                hostname, port = _host_port(parts.netloc)
                port = port or (443 if parts.scheme == "https" else 80)
                # One lookup per host and port, shared by its URLs. Not timed here: lookups queue for the
                # resolver's threads, and the wait is not the host's fault; each lookup is bounded by the
                # system resolver's own timeouts, and a name that does not resolve is left to the request.
                reason = await self._guard(hostname or "", port)
                if reason:
                    return LinkResult(
                        url,
                        Status.SKIPPED,
                        detail=reason,
                        attempts=attempts,
                        target=current if current != url else None,
                    )
            code, location, tries, failure, page = await self._request_with_retries(parts, budget)
            attempts += tries
            target = current if current != url else None
            if failure is not None:
                status, detail, code = failure
                return LinkResult(url, status, code=code, detail=detail, attempts=attempts, target=target)
            if 300 <= code < 400 and location:
                permanent = permanent and code in PERMANENT
                from dossiercli.fetchpage import location_problem

                problem = location_problem(location)
                nxt = location.strip() if problem else urljoin(current, location.strip())
                next_parts, problem = (None, problem) if problem else _parse(nxt)
                if problem:
                    return LinkResult(
                        url,
                        Status.INVALID,
                        code=code,
                        attempts=attempts,
                        target=target,
                        detail=f"redirect to {nxt!r}: {problem}"[:300],
                    )
                if nxt in seen:
                    return LinkResult(
                        url,
                        Status.BROKEN,
                        code=code,
                        attempts=attempts,
                        detail=f"redirect loop: {' -> '.join(seen + [nxt])}",
                    )
                seen.append(nxt)
                current, parts = nxt, next_parts
                continue
            return self._judge(url, current, parts, code, page, permanent, attempts, len(seen) - 1)
        return LinkResult(
            url, Status.BROKEN, attempts=attempts, detail=f"more than {self.options.max_redirects} redirects"
        )

    def _judge(self, url, final, parts, code, page, permanent, attempts, hops) -> LinkResult:
        """The result for the last answer: ok, redirected, moved, soft-404, blocked or broken, with evidence."""
        host = _hostname(parts) or ""
        rule = self._rule(host)
        target = final if final != url else None
        body, content_type, headers = page
        if code in self.options.accept or (rule and code in rule.accept):
            return LinkResult(
                url,
                Status.OK if not target else Status.REDIRECTED,
                code=code,
                target=target,
                attempts=attempts,
                detail=f"HTTP {code}, accepted by the settings",
            )
        if code >= 400 or code < 200:
            if code in BLOCKED_STATUSES or (code == 503 and headers.get("cf-mitigated")):
                return LinkResult(
                    url,
                    Status.BLOCKED,
                    code=code,
                    target=target,
                    attempts=attempts,
                    detail=f"HTTP {code}: a wall for robots (a browser may pass)",
                )
            return LinkResult(url, Status.BROKEN, code=code, attempts=attempts, target=target, detail=f"HTTP {code}")
        result = LinkResult(url, Status.OK, code=code, target=target, attempts=attempts, content_type=content_type)
        if self.want_body:
            result.body = body
        if target:
            start, end = urlsplit(url).hostname or "", host
            if is_home_page(final) and not is_home_page(url):
                result.status, result.detail = Status.SOFT_404, f"redirected to the home page {final}"
                return result
            if site_of(start) != site_of(end) and site_of(start) not in REDIRECTORS and start not in REDIRECTORS:
                result.status, result.detail = Status.MOVED, f"moved to another site: {final}"
                result.permanent = permanent
                return result
            result.status, result.permanent, result.detail = Status.REDIRECTED, permanent, f"{hops} redirect(s)"
        if body and "html" in content_type:
            evidence = soft_404_evidence(
                body[:SNIFF_BYTES], tuple(self.options.soft_404) + (rule.soft_404 if rule else ())
            )
            if evidence:
                result.status, result.detail = (
                    Status.SOFT_404,
                    f"HTTP {code} but the page says it is not there: {evidence}",
                )
        return result

    async def _request_with_retries(self, parts: SplitResult, budget: _Budget):
        """(status code, Location, attempts, failure, (body, content type, headers)) for one hop."""
        delay = self.options.backoff
        last: _Retry | None = None
        for attempt in range(1, self.options.retries + 2):
            if budget.left <= 0:
                return 0, None, attempt - 1, self._out_of_time(last), None
            try:
                code, location, page = await self._one_request(parts, budget)
                if code in RETRY_STATUSES and not (code == 503 and page[2].get("cf-mitigated")):
                    raise _Retry(None, Status.BLOCKED if code == 429 else Status.BROKEN, f"HTTP {code}", code)
                return code, location, attempt, None, page
            except _Retry as retry:
                last = retry
            except BadRequest as error:
                return 0, None, attempt, (Status.INVALID, f"cannot be requested: {error}"[:300], None), None
            except BodyError as error:
                return 0, None, attempt, (Status.ERROR, str(error)[:300], None), None
            except OutOfTime:  # the URL's time on the wire ran out during this request
                return 0, None, attempt, self._out_of_time(last), None
            except (WireError, OSError) as error:
                status, detail = classify_error(error)
                if status in (Status.DNS_FAILURE, Status.TLS_ERROR):
                    return 0, None, attempt, (status, detail, None), None
                last = _Retry(None, status, detail)
            if attempt <= self.options.retries:
                await asyncio.sleep(last.wait if last.wait is not None else delay)
                delay *= 2
        detail = last.detail + f" after {self.options.retries + 1} attempts"
        if last.status is Status.BLOCKED:
            detail = f"HTTP 429: too many requests, still after {self.options.retries + 1} attempts (a wall for robots)"
        return 0, None, self.options.retries + 1, (last.status, detail, last.code), None

    def _out_of_time(self, last: _Retry | None) -> tuple[Status, str, int | None]:
        detail = f"no complete answer within {self.options.total_timeout:g} s on the wire (all attempts)"
        if last is not None:
            detail += f"; before that: {last.detail}"
        return Status.TIMEOUT, detail[:300], None

    async def _one_request(self, parts: SplitResult, budget: _Budget):
        host = parts.netloc.lower()
        hostname = _hostname(parts)
        rule = self._rule(hostname)
        timeout = rule.timeout if rule and rule.timeout else self.options.timeout
        keep = self._host_limit(host, hostname)
        await self._slots.acquire(host)  # a global slot and one of the host's, together (links/slots.py)
        started = time.monotonic()  # the request's clock starts here, with its slots held (the loop's clock)
        try:
            code, location, body, content_type, headers, response = await self._exchange(
                parts, timeout, keep, started + budget.left
            )
        finally:
            budget.left -= time.monotonic() - started
            self._slots.release(host)
        if code in (429, 503):
            wait = retry_after_seconds(response.headers.get("Retry-After"), self.options.max_retry_after)
            if wait is not None:
                raise _Retry(
                    wait,
                    Status.BLOCKED if code == 429 else Status.BROKEN,
                    f"HTTP {code} (Retry-After {wait:g} s)",
                    code,
                )
        return code, location, (body, content_type, headers)

    async def _exchange(self, parts: SplitResult, timeout: float, keep: int, deadline: float):
        """One GET on the wire: its status, Location, body (as much as is wanted) and the headers judged."""
        response = await self._wire.get(parts, timeout, timeout, keep=keep, deadline=deadline)
        try:
            code = response.status_code
            content_type = response.headers.get("Content-Type", "").lower()
            body = b""
            if 200 <= code < 300 and (self.want_body or "html" in content_type):
                limit = self.options.max_bytes if self.want_body else SNIFF_BYTES
                body, _ = await read_body(response, limit)
            else:
                length = response.headers.get("Content-Length", "")
                if length.isdecimal() and int(length) <= SNIFF_BYTES:  # short: drain it, the connection is reused
                    async for _ in response.aiter_raw():
                        pass
            mitigated = response.headers.get("cf-mitigated")
            headers = {"cf-mitigated": mitigated} if mitigated is not None else {}
            location = response.headers.get("Location")
        finally:
            response.release()
        return code, location, body, content_type, headers, response


def check_urls(
    urls: Iterable[str],
    options: LinkOptions,
    on_done: Callable[[LinkResult], None] | None = None,
    want_body: bool = False,
) -> list[LinkResult]:
    """Check URLs (each once) and return their results in the order given."""
    unique = list(dict.fromkeys(urls))
    return asyncio.run(Checker(options, on_done, want_body).check_all(unique))
