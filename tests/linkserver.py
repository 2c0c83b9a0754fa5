"""A real HTTP server on 127.0.0.1 for link-check tests, serving every case a checker meets."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.hits: dict[str, int] = {}
        self.active = 0
        self.max_active = 0
        self.archive: dict[str, str] = {}
        self.pages: dict[str, tuple[str, bytes]] = {}  # path -> (Content-Type, body): pages tests put up
        self.flap_ok = True  # /flap answers 200 while True, 404 while False
        self.saved: list[str] = []  # URLs a Save Page Now stand-in was asked to capture


class Handler(BaseHTTPRequestHandler):
    state: State
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, code, headers=None, body=b""):
        with self.state.lock:  # done before the client can see the answer and start its next request
            self.state.active -= 1
            self.counted = False
        self.send_response(code)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.route()

    def do_GET(self):
        self.route()

    def route(self):
        path = urlsplit(self.path).path
        state = self.state
        with state.lock:
            state.hits[path] = state.hits.get(path, 0) + 1
            hits = state.hits[path]
            state.active += 1
            state.max_active = max(state.max_active, state.active)
        self.counted = True
        try:
            if path in state.pages:
                content_type, body = state.pages[path]
                self._send(200, {"Content-Type": content_type}, body)
            elif path == "/":
                self._send(200, {"Content-Type": "text/html"}, b"<html><title>Home</title><h1>Welcome</h1></html>")
            elif path == "/ok":
                self._send(200, body=b"fine")
            elif path == "/moved":
                self._send(301, {"Location": "/ok"})
            elif path == "/found":
                self._send(302, {"Location": "/ok"})
            elif path == "/loop-a":
                self._send(302, {"Location": "/loop-b"})
            elif path == "/loop-b":
                self._send(302, {"Location": "/loop-a"})
            elif path == "/missing":
                self._send(404)
            elif path == "/gone":
                self._send(410)
            elif path == "/flaky":  # 500 once, then fine
                self._send(500 if hits == 1 else 200)
            elif path == "/busy":  # 429 with Retry-After once, then fine
                self._send(429, {"Retry-After": "1"}) if hits == 1 else self._send(200)
            elif path == "/unavailable":
                self._send(503)
            elif path == "/no-head":
                self._send(405 if self.command == "HEAD" else 200, body=b"x" * 10)
            elif path == "/slow":
                time.sleep(0.3)
                self._send(200)
            elif path == "/very-slow":
                time.sleep(5)
                self._send(200)
            elif path == "/bad-port":  # hostile answers: none may end the run
                self._send(302, {"Location": "http://127.0.0.1:99999/x"})
            elif path == "/backslash":
                self._send(302, {"Location": "http:\\\\evil.example\\x"})
            elif path == "/retry-superscript":
                self._send(429, {"Retry-After": "\u00b2"})
            elif path == "/wall":
                self._send(403, {"Content-Type": "text/html"}, b"<title>Access denied</title>")
            elif path == "/login":
                self._send(401)
            elif path == "/challenge":
                self._send(503, {"cf-mitigated": "challenge"})
            elif path == "/soft-404":
                self._send(
                    200,
                    {"Content-Type": "text/html; charset=utf-8"},
                    b"<html><head><title>Page Not Found | The Daily</title></head><body>Sorry</body></html>",
                )
            elif path == "/to-home":
                self._send(302, {"Location": "/"})
            elif path == "/off-site":
                self._send(301, {"Location": f"http://localhost:{self.server.server_address[1]}/ok"})
            elif path == "/flap":
                self._send(200 if state.flap_ok else 404)
            elif path == "/stacked-gzip":  # 50 MB in 50 KB, gzip'd twice
                self._send(200, {"Content-Type": "text/html", "Content-Encoding": "gzip, gzip"}, _bomb("stacked"))
            elif path == "/gzip-big":
                self._send(200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, _bomb("big"))
            elif path.startswith("/save/"):  # a Save Page Now stand-in
                url = self.path[len("/save/") :]
                state.saved.append(url)
                if "fail" in url:
                    self._send(520, {"Content-Type": "text/html"}, b"<p>Job failed</p>")
                else:
                    self._send(302, {"Location": f"/web/20261128221300/{url}"})
            elif path == "/wayback":
                url = parse_qs(urlsplit(self.path).query).get("url", [""])[0]
                found = state.archive.get(url)
                snapshots = {"closest": {"available": True, "url": found, "status": "200"}} if found else {}
                self._send(
                    200,
                    {"Content-Type": "application/json"},
                    json.dumps({"url": url, "archived_snapshots": snapshots}).encode(),
                )
            else:
                self._send(404)
        finally:
            if self.counted:
                with state.lock:
                    state.active -= 1


_BOMBS: dict[str, bytes] = {}


def _bomb(kind: str) -> bytes:
    """Compressed bodies made once per test run (making them takes a while)."""
    import gzip

    if kind not in _BOMBS:
        if kind == "stacked":
            _BOMBS[kind] = gzip.compress(gzip.compress(b"<html>" + b" " * 50_000_000, compresslevel=1))
        else:
            _BOMBS[kind] = gzip.compress(b"<html><title>big</title>" + b"a" * 3_000_000, compresslevel=1)
    return _BOMBS[kind]


def start_server() -> tuple[ThreadingHTTPServer, State]:
    state = State()
    handler = type("BoundHandler", (Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, state


def silent_server() -> socket.socket:
    """Accepts connections (the kernel does) and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    return sock


def refused_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port
