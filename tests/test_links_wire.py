"""The link checker's HTTP/1.1 layer (links/wire.py) against servers on 127.0.0.1 that answer byte by byte.

Each server here is a socket and a script: what a real server, a broken one or a hostile one
sends. Results are judged through the checker (check_urls), as a user meets them.
"""

import asyncio
import shutil
import socket
import ssl
import subprocess
import threading
from urllib.parse import urlsplit

import pytest

from dossiercli.links.checker import check_urls
from dossiercli.links.options import LinkOptions
from dossiercli.links.types import Status
from dossiercli.links.wire import Wire, _ascii_host

OPTIONS = LinkOptions(timeout=2, total_timeout=5, retries=0, allow_private=True, per_host=1)
OK = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok"


class ScriptServer:
    """Accepts connections on 127.0.0.1; each is handed to `script(sock, log)` in a thread of its own."""

    def __init__(self, script, tls: ssl.SSLContext | None = None):
        self.script, self.tls = script, tls
        self.connections = 0
        self.requests: list[bytes] = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.base = f"{'https' if tls else 'http'}://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        try:
            if self.tls:
                conn = self.tls.wrap_socket(conn, server_side=True)
            self.script(conn, self)
        except OSError:
            pass
        finally:
            conn.close()

    def read_request(self, conn) -> bytes:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return b""
            data += chunk
        self.requests.append(data)
        return data

    def close(self):
        self.sock.close()


@pytest.fixture
def serve():
    servers = []

    def start(script, tls=None):
        server = ScriptServer(script, tls)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def keep_alive(conn, server):  # a well-behaved server: answers every request on the connection
    while server.read_request(conn):
        conn.sendall(OK)


def test_connections_are_kept_alive_and_reused_per_host(serve):
    server = serve(keep_alive)
    results = check_urls([f"{server.base}/page/{n}" for n in range(10)], OPTIONS)
    assert [r.status for r in results] == [Status.OK] * 10
    assert server.connections == 1  # per_host 1: ten requests, one connection
    assert len(server.requests) == 10


def test_a_kept_connection_the_server_closed_is_replaced_without_a_failure(serve):
    def one_answer_then_close(conn, server):  # keep-alive promised (HTTP/1.1, no Connection: close), then broken
        if server.read_request(conn):
            conn.sendall(OK)

    server = serve(one_answer_then_close)
    results = check_urls([f"{server.base}/page/{n}" for n in range(5)], OPTIONS)
    assert [(r.status, r.attempts) for r in results] == [(Status.OK, 1)] * 5
    assert server.connections == 5


@pytest.mark.parametrize(
    "answer, status, evidence",
    [
        (  # chunked, the title split across chunks
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"d\r\n<title>Page n\r\n10\r\not found</title>\r\n0\r\n\r\n",
            Status.SOFT_404,
            "Page not found",
        ),
        (  # HTTP/1.0, no length: the body ends when the connection does
            b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<title>Not Found</title>",
            Status.SOFT_404,
            "Not Found",
        ),
        (b"HTTP/1.1 100 Continue\r\n\r\n" + OK, Status.OK, ""),  # an informational answer first
        (b"hello there\r\n\r\n", Status.ERROR, "not valid HTTP/1.1"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nabcde", Status.ERROR, "HTTP/1.1"),
        (  # promised 1,000 bytes, sent 10, closed
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n<title>x</",
            Status.ERROR,
            "closed the connection before its answer was complete",
        ),
        (b"", Status.ERROR, "closed the connection without an answer"),  # the connection closed without a byte
        (b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", Status.BROKEN, "HTTP 404"),
    ],
)
def test_what_the_server_sends_becomes_the_result(serve, answer, status, evidence):
    def script(conn, server):
        if server.read_request(conn):
            conn.sendall(answer)

    server = serve(script)
    (result,) = check_urls([server.base + "/x"], OPTIONS)
    assert result.status is status, result
    assert evidence in result.detail


def test_headers_of_one_name_are_joined_so_stacked_codings_are_seen(serve):
    def script(conn, server):
        if server.read_request(conn):
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
                b"Content-Encoding: gzip\r\nContent-Length: 4\r\n\r\nxxxx"
            )

    server = serve(script)
    (result,) = check_urls([server.base + "/x"], OPTIONS)
    assert result.status is Status.ERROR and "stacked content codings refused" in result.detail


def test_the_request_line_host_and_headers_sent(serve):
    server = serve(keep_alive)
    check_urls([server.base + "/caf\u00e9/\u00e0?q=\u00e9t\u00e9&x=1#part"], OPTIONS)
    (request,) = server.requests
    lines = request.decode("ascii").split("\r\n")
    assert lines[0] == "GET /caf%C3%A9/%C3%A0?q=%C3%A9t%C3%A9&x=1 HTTP/1.1"
    headers = {k.lower(): v for k, _, v in (line.partition(": ") for line in lines[1:] if line)}
    assert headers["host"] == urlsplit(server.base).netloc
    assert "dossiercli" in headers["user-agent"] and headers["accept-encoding"] == "gzip, deflate"


def test_international_host_names_are_sent_as_punycode():
    assert _ascii_host("b\u00fccher.example") == "xn--bcher-kva.example"
    assert _ascii_host("example.org") == "example.org"


def test_a_server_that_stops_sending_is_a_read_timeout(serve):
    def script(conn, server):
        if server.read_request(conn):
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n<html>")
            conn.recv(1)  # and nothing more until the client goes

    server = serve(script)
    options = LinkOptions(timeout=0.3, total_timeout=5, retries=1, backoff=0.05, allow_private=True)
    (result,) = check_urls([server.base + "/x"], options)
    assert result.status is Status.TIMEOUT and result.attempts == 2 and "read timeout" in result.detail


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a certificate")
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1", "-keyout", folder / "key.pem", "-out", folder / "cert.pem"],
        check=True,
        capture_output=True,
    )
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return server_side, folder / "cert.pem"


def test_a_certificate_nobody_vouches_for_is_a_tls_error(serve, certificate):
    server = serve(keep_alive, tls=certificate[0])
    (result,) = check_urls([server.base + "/x"], OPTIONS)
    assert result.status is Status.TLS_ERROR, result


def test_https_with_a_trusted_certificate_is_read_and_kept_alive(serve, certificate):
    server = serve(keep_alive, tls=certificate[0])
    trusted = ssl.create_default_context(cafile=str(certificate[1]))

    async def two_requests():
        wire = Wire([("User-Agent", "test")], tls=trusted)
        try:
            codes = []
            for n in range(2):
                response = await wire.get(urlsplit(f"{server.base}/{n}"), 2, 2, keep=1)
                body = b"".join([chunk async for chunk in response.aiter_raw()])
                response.release()
                codes.append((response.status_code, body))
            return codes
        finally:
            wire.close()

    assert asyncio.run(two_requests()) == [(200, b"ok"), (200, b"ok")]
    assert server.connections == 1


def test_a_server_that_drips_bytes_is_stopped_by_the_time_on_the_wire(serve):
    import time

    def drip(conn, server):  # every wait shorter than the read timeout, the whole answer endless
        if server.read_request(conn):
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html>")
            for _ in range(100):
                time.sleep(0.1)
                conn.sendall(b" ")

    server = serve(drip)
    options = LinkOptions(timeout=1, total_timeout=1.5, retries=3, backoff=0.05, allow_private=True)
    (result,) = check_urls([server.base + "/x"], options)
    assert result.status is Status.TIMEOUT and "1.5 s on the wire" in result.detail
    assert result.attempts == 1  # the budget was spent: no retry
