"""1,000 URLs across 20 loopback servers (10% answer after 1 s, 5% 404, 5% redirect), checked by
dossiercli and, in the same run, by linkchecker (PyPI) pointed at a page listing the same URLs.

    python -m venv benchmarks/out/lcvenv && benchmarks/out/lcvenv/bin/pip install linkchecker   # once
    python benchmarks/bench_links.py

Prints wall times, the ratio, and the most concurrent requests any one server saw.
"""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from dossiercli.links.checker import check_urls
from dossiercli.links.options import LinkOptions

HERE = Path(__file__).resolve().parent
LINKCHECKER = HERE / "out" / "lcvenv" / "bin" / "linkchecker"


class Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.active = 0
        self.peak = 0
        self.requests = 0


def make_handler(counter: Counter, index_html: bytes | None = None):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_HEAD(self):
            self.answer()

        def do_GET(self):
            self.answer()

        def answer(self):
            with counter.lock:
                counter.active += 1
                counter.requests += 1
                counter.peak = max(counter.peak, counter.active)
            path = self.path
            body = b""
            if path.startswith("/slow"):
                time.sleep(1)
                code, headers = 200, {}
            elif path.startswith("/missing"):
                code, headers = 404, {}
            elif path.startswith("/moved"):
                code, headers = 301, {"Location": "/ok" + path[6:]}
            elif path == "/index.html" and index_html is not None:
                code, headers, body = 200, {"Content-Type": "text/html"}, index_html
            else:
                code, headers = 200, {"Content-Type": "text/html"}
            with counter.lock:
                counter.active -= 1
            self.send_response(code)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(body)

    return Handler


def start(handler) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.request_queue_size = 256
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def url_set(ports: list[int], count: int = 1000) -> list[str]:
    rng = random.Random(7)
    urls = []
    for n in range(count):
        roll = rng.random()
        kind = "slow" if roll < 0.10 else "missing" if roll < 0.15 else "moved" if roll < 0.20 else "ok"
        urls.append(f"http://127.0.0.1:{ports[n % len(ports)]}/{kind}/{n}")
    return urls


def main() -> None:
    counters = [Counter() for _ in range(20)]
    servers = [start(make_handler(c)) for c in counters]
    urls = url_set([s.server_address[1] for s in servers])
    print(f"{len(urls)} URLs on {len(servers)} loopback servers; 10% slow (1 s), 5% 404, 5% redirect")

    for label, options in (
        ("dossiercli, defaults (16 at once, 2 per host)", LinkOptions(allow_private=True, retries=0)),
        ("dossiercli, --concurrency 100 --per-host 5", LinkOptions(allow_private=True, retries=0, concurrency=100, per_host=5)),
    ):
        for c in counters:
            c.peak = c.requests = 0
        started = time.perf_counter()
        results = check_urls(urls, options)
        elapsed = time.perf_counter() - started
        statuses = {}
        for r in results:
            statuses[r.status.value] = statuses.get(r.status.value, 0) + 1
        print(f"{label}: {elapsed:.2f} s {statuses}; most requests at once on one server: {max(c.peak for c in counters)}")
        ours = elapsed

    if not LINKCHECKER.exists():
        print("linkchecker not installed: see the module docstring")
        return
    index = ("<html><body>" + "".join(f'<a href="{u}">{i}</a>' for i, u in enumerate(urls)) + "</body></html>").encode()
    index_counter = Counter()
    index_server = start(make_handler(index_counter, index))
    for c in counters:
        c.peak = c.requests = 0
    started = time.perf_counter()
    completed = subprocess.run([str(LINKCHECKER), "--check-extern", "--threads", "100", "--no-status", "-o", "none",
                                f"http://127.0.0.1:{index_server.server_address[1]}/index.html"],
                               capture_output=True, text=True)
    theirs = time.perf_counter() - started
    print(f"linkchecker 100 threads: {theirs:.2f} s (exit {completed.returncode}); "
          f"requests {sum(c.requests for c in counters)}; most at once on one server: {max(c.peak for c in counters)}")
    print(f"ratio linkchecker / dossiercli (--concurrency 100 --per-host 5): {theirs / ours:.1f}x")


if __name__ == "__main__":
    sys.exit(main())
