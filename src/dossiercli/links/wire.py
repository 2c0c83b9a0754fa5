"""GET requests for the link checker: HTTP/1.1 by h11 over asyncio streams, connections kept per host.

h11 does the protocol — request framing, the status line and header syntax, chunked and
Content-Length bodies, keep-alive — and refuses what is not HTTP/1.1; this module only moves
bytes and keeps connections. It exists because httpx spent about 1.5 ms of CPU per request here
(its request and response models, cookies, auth and redirect layers, anyio, a pool per client),
this path about 0.2 ms (benchmarks/bench_links.py, docs/links.md "Speed").

One `Wire` per run holds, per scheme, host and port, the idle connections (at most as many as the
per-host limit lets be busy at once). A connection goes back to its pool only when its response
was read to the end and both sides may go on; one that was idle may have been closed by the
server meanwhile, and a request that finds it so (no byte of an answer) is sent once more on a
new connection. Timeouts: `connect` for the TCP and TLS handshakes, `read` for each wait on the
socket, and the caller's `deadline` for the whole exchange, body included (one timer per wait
serves both).
"""

from __future__ import annotations

import asyncio
import re
import ssl
import time
from urllib.parse import SplitResult, quote

import h11

KEEP_IDLE = 15.0  # seconds an idle connection is kept (servers commonly drop them after 5 to 60)
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"
_UNSAFE = re.compile(r"[^A-Za-z0-9/%:@!$&'()*+,;=\-._~]")  # a path with none of these is sent as it is
_UNSAFE_QUERY = re.compile(r"[^A-Za-z0-9/%:@!$&'()*+,;=\-._~?]")


class WireError(Exception):
    """A request that failed on the network or in the protocol (not a timeout of the caller)."""


class WireTimeout(WireError):
    """No connection, or no bytes, within the timeout."""


class OutOfTime(WireError):
    """The caller's deadline for the whole exchange passed (`deadline`, in the event loop's clock)."""


class Dropped(WireError):
    """The server closed the connection or sent something that is not HTTP/1.1."""


class BadRequest(WireError):
    """The URL cannot be put on the wire (host name, target)."""


class Headers:
    """Response headers by lower-case name; repeated headers joined with ', ' (as HTTP allows)."""

    __slots__ = ("_items",)

    def __init__(self, raw):
        items: dict[str, str] = {}
        for name, value in raw:
            key = name.decode("latin-1")  # h11 gives names in lower case
            text = value.decode("latin-1")
            items[key] = f"{items[key]}, {text}" if key in items else text
        self._items = items

    def get(self, name: str, default=None):
        return self._items.get(name.lower(), default)

    def items(self):
        return self._items.items()


class _Connection:
    __slots__ = ("reader", "writer", "h11", "idle_since", "eof")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader, self.writer = reader, writer
        self.h11 = h11.Connection(h11.CLIENT)
        self.idle_since = 0.0
        self.eof = False

    def close(self) -> None:
        self.writer.close()


class Response:
    """One answer: status, headers, and its body as it arrives (`aiter_raw`: framing undone, coding not)."""

    __slots__ = ("status_code", "headers", "_wire", "_key", "_conn", "_read_timeout", "_deadline", "_done")

    def __init__(self, wire, key, conn, event, read_timeout, deadline):
        self.status_code: int = event.status_code
        self.headers = Headers(event.headers)
        self._wire, self._key, self._conn, self._read_timeout = wire, key, conn, read_timeout
        self._deadline = deadline
        self._done = False

    async def aiter_raw(self):
        conn = self._conn
        while not self._done:
            try:
                event = _next(conn)
                if event is h11.NEED_DATA:
                    await _receive(conn, self._read_timeout, self._deadline)
                    continue
            except ConnectionError as error:
                raise _dropped(error) from None
            kind = type(event)
            if kind is h11.Data:
                yield bytes(event.data)
            elif kind is h11.EndOfMessage:
                self._done = True

    def release(self) -> None:
        """Back to the pool when the answer was read to its end and the connection can go on, else closed."""
        conn = self._conn
        if conn is None:
            return
        self._conn = None
        if self._done and conn.h11.our_state is h11.DONE and conn.h11.their_state is h11.DONE:
            conn.h11.start_next_cycle()
            self._wire._put(self._key, conn)
        else:
            conn.close()


def _limit(timeout: float, deadline: float) -> tuple[float, bool]:
    """When to give up a wait of `timeout` seconds under `deadline`, and whether the deadline is what binds."""
    until = asyncio.get_running_loop().time() + timeout
    return (deadline, True) if deadline < until else (until, False)


async def _receive(conn: _Connection, read_timeout: float, deadline: float) -> int:
    until, binding = _limit(read_timeout, deadline)
    try:
        async with asyncio.timeout_at(until):  # one timer for both: the read timeout and the caller's deadline
            data = await conn.reader.read(65536)
    except TimeoutError:
        if binding:
            raise OutOfTime("the deadline passed while reading") from None
        raise WireTimeout(f"no bytes for {read_timeout:g} s (read timeout)") from None
    conn.eof = not data
    try:
        conn.h11.receive_data(data)  # b"" tells h11 the server closed the connection
    except h11.RemoteProtocolError as error:
        raise Dropped(f"the server's answer is not valid HTTP/1.1: {error}") from None
    return len(data)


def _ascii_host(host: str) -> str:
    if host.isascii():
        return host
    try:
        import idna

        return idna.encode(host, uts46=True).decode("ascii")
    except ImportError:  # pragma: no cover - idna comes with httpx
        pass
    except (UnicodeError, ValueError) as error:  # idna.IDNAError is a UnicodeError
        raise BadRequest(f"the host name cannot be encoded: {error}") from None
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise BadRequest(f"the host name cannot be encoded: {error}") from None


def _origin(parts: SplitResult) -> tuple:
    """(pool key, scheme, host as sent, port, Host header) of a URL's scheme and authority."""
    scheme = parts.scheme
    host = _ascii_host(parts.hostname or "")
    default = 443 if scheme == "https" else 80
    port = parts.port or default
    authority = f"[{host}]" if ":" in host else host
    if port != default:
        authority += f":{port}"
    return (scheme, host, port), scheme, host, port, (b"host", authority.encode("ascii"))


class Wire:
    """Kept-alive connections per host for one run; `get` sends one GET and returns its Response."""

    def __init__(self, headers: list[tuple[str, str]], tls: ssl.SSLContext | None = None):
        self._headers = [(k.encode("ascii"), v.encode("latin-1")) for k, v in headers]
        self._tls = tls
        self._idle: dict[tuple[str, str, int], list[_Connection]] = {}
        self._keep: dict[tuple[str, str, int], int] = {}
        self._origins: dict[tuple[str, str], tuple] = {}

    def _tls_context(self) -> ssl.SSLContext:
        if self._tls is None:
            import certifi

            self._tls = ssl.create_default_context(cafile=certifi.where())  # once a run: loading CAs costs ~30 ms
            self._tls.set_alpn_protocols(["http/1.1"])
        return self._tls

    def _put(self, key, conn: _Connection) -> None:
        idle = self._idle.setdefault(key, [])
        if len(idle) >= self._keep.get(key, 2):
            conn.close()
            return
        conn.idle_since = time.monotonic()
        idle.append(conn)

    def _take(self, key) -> _Connection | None:
        idle = self._idle.get(key)
        now = time.monotonic()
        while idle:
            conn = idle.pop()
            if now - conn.idle_since < KEEP_IDLE and not conn.reader.at_eof() and not conn.writer.is_closing():
                return conn
            conn.close()
        return None

    async def _connect(self, scheme: str, host: str, port: int, connect_timeout: float, deadline: float):
        tls = self._tls_context() if scheme == "https" else None
        until, binding = _limit(connect_timeout, deadline)
        try:
            async with asyncio.timeout_at(until):
                reader, writer = await asyncio.open_connection(
                    host,
                    port,
                    ssl=tls,
                    server_hostname=host if tls else None,
                    limit=65536,
                    happy_eyeballs_delay=0.25,  # an IPv6 route that swallows packets must not cost the IPv4 try
                )
        except TimeoutError:
            if binding:
                raise OutOfTime("the deadline passed while connecting") from None
            raise WireTimeout(f"no connection within {connect_timeout:g} s (connect timeout)") from None
        return _Connection(reader, writer)

    async def get(
        self,
        parts: SplitResult,
        connect_timeout: float,
        read_timeout: float,
        keep: int,
        deadline: float = float("inf"),
        extra=(),
    ) -> Response:
        """Send GET for `parts` (an http or https URL) and read the answer's head; the body is the caller's.

        `deadline` (the event loop's clock) bounds the whole exchange, the body's reading included: when it
        passes, OutOfTime. It shares the timer of each connect or read wait, so it costs nothing of its own."""
        origin = self._origins.get((parts.scheme, parts.netloc))
        if origin is None:
            origin = self._origins[(parts.scheme, parts.netloc)] = _origin(parts)
        key, scheme, host, port, host_header = origin
        self._keep[key] = keep
        path = parts.path or "/"
        target = quote(path, safe=_PATH_SAFE) if _UNSAFE.search(path) else path
        if parts.query:
            query = parts.query
            target += "?" + (quote(query, safe=_QUERY_SAFE) if _UNSAFE_QUERY.search(query) else query)
        try:
            request = h11.Request(method="GET", target=target, headers=[host_header, *self._headers, *extra])
        except h11.LocalProtocolError as error:
            raise BadRequest(f"the request cannot be made: {error}") from None
        for _ in range(2):
            conn = self._take(key)
            reused = conn is not None
            if conn is None:
                conn = await self._connect(scheme, host, port, connect_timeout, deadline)
            try:
                return await self._exchange(key, conn, request, read_timeout, deadline)
            except _Stale as stale:
                conn.close()
                if not reused:
                    raise stale.error from None
            except BaseException:
                conn.close()
                raise
        raise Dropped("connection dropped by the server twice before an answer")

    async def _exchange(self, key, conn: _Connection, request: h11.Request, read_timeout: float, deadline: float):
        got = 0
        try:
            conn.writer.write(conn.h11.send(request) + conn.h11.send(h11.EndOfMessage()))
            while True:
                event = _next(conn)
                if event is h11.NEED_DATA:
                    got += await _receive(conn, read_timeout, deadline)
                    continue
                kind = type(event)
                if kind is h11.Response:
                    return Response(self, key, conn, event, read_timeout, deadline)
                if kind is h11.ConnectionClosed:
                    raise Dropped("the server closed the connection without an answer")
                # h11.InformationalResponse (1xx): the real answer follows
        except (Dropped, ConnectionError) as error:
            if got == 0:  # not a byte of an answer: perhaps a kept-alive connection the server had closed
                dropped = Dropped("the server closed the connection without an answer") if conn.eof else error
                raise _Stale(dropped if isinstance(dropped, Dropped) else _dropped(dropped)) from None
            if isinstance(error, Dropped):
                raise
            raise _dropped(error) from None

    def close(self) -> None:
        for idle in self._idle.values():
            for conn in idle:
                conn.close()
        self._idle.clear()


class _Stale(Exception):
    def __init__(self, error: Dropped):
        self.error = error


def _dropped(error: BaseException) -> Dropped:
    return Dropped(f"connection dropped by the server ({type(error).__name__})")


def _next(conn: _Connection):
    try:
        return conn.h11.next_event()
    except h11.RemoteProtocolError as error:
        if conn.eof:
            raise Dropped("the server closed the connection before its answer was complete") from None
        raise Dropped(f"the server's answer is not valid HTTP/1.1: {error}") from None
