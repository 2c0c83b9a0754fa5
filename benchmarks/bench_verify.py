"""`dossier verify` beside `dossier check-urls` on the same URLs: 1,000 excerpts over 200 local pages.

200 article pages (about 12 KB of HTML each, with navigation, scripts and a footer) on 20
loopback servers, 10% of them answering after 1 s; each entry quotes 5 passages of its
page: most verbatim, 5% with one word edited on the page (so the closest-passage search
runs), 2% gone. Both commands run as whole processes on the same generated dossier, cache
off, at the same settings (defaults: 16 requests at once, 2 per host); medians of 3 runs.

    python benchmarks/bench_verify.py
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WORDS = (
    "iran iraq sunni shiite militia general spokesman forces coalition weapons intelligence officials said "
    "baghdad province support network insurgents captured documents reported american commander military "
    "operation detained suspects cell bombs penetrators training funding groups government security the of and "
    "to in a that was for with on by as at from it his were which have been would not are this"
).split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(14, 30))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def make_site(count: int = 200, per_page: int = 5, seed: int = 11):
    rng = random.Random(seed)
    pages, entries = {}, {}
    for n in range(count):
        paragraphs = [" ".join(sentence(rng) for _ in range(4)) for _ in range(20)]
        quotes = [rng.choice(paragraphs[i * 4 : (i + 1) * 4]).split(". ")[0] + "." for i in range(per_page)]
        shown = list(paragraphs)
        for q in quotes:
            roll = rng.random()
            if roll < 0.05:  # one word edited on the page
                words = q.split()
                words[len(words) // 2] = "EDITED"
                shown = [p.replace(q[:-1], " ".join(words)[:-1]) for p in shown]
            elif roll < 0.07:  # the passage removed
                shown = [p.replace(q[:-1], "Nothing to see here") for p in shown]
        body = "".join(f"<p>{p}</p>\n" for p in shown)
        html = (
            f"<!doctype html><html><head><title>Story {n}</title><script>var x = {list(range(200))};</script>"
            f"<style>body {{ font: 16px serif }}</style></head><body><nav>{'<a href=/>Section</a> ' * 30}</nav>"
            f"<article><h1>Story {n}</h1>{body}</article><footer>{'Links ' * 50}</footer></body></html>"
        )
        pages[n] = html.encode()
        entries[n] = quotes
    return pages, entries


def start(pages: dict[int, bytes], slow: set[int]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            n = int(self.path.strip("/").split("/")[-1])
            if n in slow:
                time.sleep(1)
            body = pages[n]
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_HEAD = do_GET

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 256
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def write_dossier(root: Path, entries: dict[int, list[str]], ports: list[int]) -> None:
    (root / "entries").mkdir(parents=True)
    (root / "dossier.toml").write_text('title = "Verify benchmark"\n')
    for n, quotes in entries.items():
        excerpts = "".join(f"\n[[excerpts]]\ntext = {json.dumps(q)}\n" for q in quotes)
        (root / "entries" / f"story{n:03}.toml").write_text(
            f'type = "webpage"\ntitle = "Story {n}"\nURL = "http://127.0.0.1:{ports[n % len(ports)]}/story/{n}"\n'
            + excerpts
        )


def timed(args: list[str]) -> tuple[float, float, str]:
    started = time.perf_counter()
    before = sum(__import__("os").times()[2:4])
    done = subprocess.run([sys.executable, "-m", "dossiercli", *args], capture_output=True, text=True)
    cpu = sum(__import__("os").times()[2:4]) - before
    return time.perf_counter() - started, cpu, done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""


def main() -> None:
    pages, entries = make_site()
    rng = random.Random(3)
    slow = set(rng.sample(sorted(pages), len(pages) // 10))
    servers = [start(pages, slow) for _ in range(20)]
    ports = [s.server_address[1] for s in servers]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "d"
        write_dossier(root, entries, ports)
        common = ["--dir", str(root), "--allow-private", "--no-cache"]
        runs = {"check-urls": [], "verify": []}
        for _ in range(3):
            runs["check-urls"].append(timed(["check-urls", *common, "--offline-archive", "--retries", "0"]))
            runs["verify"].append(timed(["verify", *common, "--retries", "0"]))
    print(
        f"{len(pages)} pages on {len(servers)} loopback servers, {len(slow)} slow (1 s); "
        f"{sum(map(len, entries.values()))} excerpts"
    )
    medians = {}
    for name, results in runs.items():
        wall = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[1] for r in results)
        medians[name] = wall
        print(f"dossier {name}: {wall:.2f} s wall, {cpu:.2f} s CPU (median of 3); {results[-1][2]}")
    print(f"ratio verify / check-urls: {medians['verify'] / medians['check-urls']:.2f}x (goal: within 1.5x)")


if __name__ == "__main__":
    main()
