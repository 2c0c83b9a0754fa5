"""A real HTTP server on 127.0.0.1 serving pages built like real sites, for `add --from-url` tests.

Routes: /pages/NAME serves tests/fixtures/pages/NAME as text/html with no charset (so the
page's own <meta> decides), and a few routes with their own headers or behaviour.
"""

from __future__ import annotations

import functools
import gzip
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from conftest import FIXTURES

PAGES = FIXTURES / "pages"


@functools.cache
def bomb() -> bytes:
    """50 MB of zeros, gzipped to about 50 KB (made in pieces: the test process never holds the 50 MB)."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = b"\0" * 1_000_000
    return b"".join(squeeze.compress(zeros) for _ in range(50)) + squeeze.flush()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hits: dict[str, int]
    seen_headers: dict[str, str]

    def log_message(self, *args):
        pass

    def _send(self, code: int, headers: dict | None = None, body: bytes = b"") -> None:
        self.send_response(code)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if "Content-Length" not in (headers or {}):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = urlsplit(self.path).path
        self.hits[path] = self.hits.get(path, 0) + 1
        self.seen_headers.update({k.lower(): v for k, v in self.headers.items()})
        html = {"Content-Type": "text/html"}
        if path.startswith("/pages/") and (PAGES / path[7:]).is_file():
            self._send(200, html, (PAGES / path[7:]).read_bytes())
        elif path == "/header-charset":  # the HTTP header says windows-1252, the page says UTF-8: the header wins
            body = '<meta charset="utf-8"><meta name="citation_title" content="Café Müller’s “Iran”">'
            self._send(200, {"Content-Type": "text/html; charset=windows-1252"}, body.encode("windows-1252"))
        elif path == "/moved":
            self._send(301, {"Location": "/pages/journal.html"})
        elif path == "/loop":
            self._send(302, {"Location": "/loop"})
        elif path == "/missing":
            self._send(404, html, b"<title>Not found</title>")
        elif path == "/pdf":
            self._send(200, {"Content-Type": "application/pdf"}, b"%PDF-1.4")
        elif path == "/huge-declared":
            self._send(200, {**html, "Content-Length": str(50_000_000)})
        elif path == "/huge":  # no Content-Length: the cap is enforced while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65_536 + b"</p>"
            try:
                for _ in range(200):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/gzip":  # one layer of gzip: decoded
            self._send(200, {**html, "Content-Encoding": "gzip"}, gzip.compress((PAGES / "journal.html").read_bytes()))
        elif path == "/deflate-raw":  # "deflate" as some servers send it: raw, without the zlib header
            squeeze = zlib.compressobj(wbits=-15)
            body = squeeze.compress((PAGES / "journal.html").read_bytes()) + squeeze.flush()
            self._send(200, {**html, "Content-Encoding": "deflate"}, body)
        elif path == "/gzip-gzip":  # a bomb's usual wrapping: stacked encodings
            self._send(200, {**html, "Content-Encoding": "gzip, gzip"}, gzip.compress(bomb()))
        elif path == "/bomb":
            self._send(200, {**html, "Content-Encoding": "gzip"}, bomb())
        elif path == "/drip":  # a byte now and then, for ever: only a total deadline ends it
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            try:
                for _ in range(600):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/unavailable-once":
            if self.hits[path] == 1:
                self._send(503)
            else:
                self._send(200, html, (PAGES / "journal.html").read_bytes())
        else:
            self._send(404)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a client that hangs up early is expected here
        pass


def start() -> tuple[ThreadingHTTPServer, str, type[Handler]]:
    handler = type("PageHandler", (Handler,), {"hits": {}, "seen_headers": {}})
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}", handler
