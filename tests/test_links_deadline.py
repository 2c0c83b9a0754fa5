"""A healthy link is never a timeout because it waited for its turn.

The deadline of a check belongs to a request on the wire: it starts when the request holds its
per-host and global slot, not when the URL was queued. Here one 127.0.0.1 server answers every
request after 1 s and 12 links to it share 4 slots: served in three rounds, the last finishes
about 3 s after the run starts, past the 2.5 s deadline, although each answer took 1 s.
Every link must be ok, for `check-urls` and for `verify` alike.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import write_dossier

LINKS = 12
SLOTS = ["--concurrency", "4", "--per-host", "4", "--timeout", "2.5", "--total-timeout", "2.5", "--retries", "0"]
QUOTE = "The deadline belongs to the request on the wire, not to the queue in front of it."
PAGE = f"<!doctype html><html><head><title>Slow but fine</title></head><body><p>{QUOTE}</p></body></html>".encode()


class OneSecond(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        time.sleep(1)
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)
        except OSError:  # the checker gave up on it (on main, a false timeout)
            pass


@pytest.fixture(scope="module")
def slow_host():
    server = ThreadingHTTPServer(("127.0.0.1", 0), OneSecond)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def entries(base: str, excerpt: bool = False) -> dict[str, str]:
    quoted = f'\n[[excerpts]]\ntext = "{QUOTE}"\n' if excerpt else ""
    return {
        f"page{n:02}": f'type = "webpage"\ntitle = "Page {n}"\nURL = "{base}/page/{n}"\n{quoted}' for n in range(LINKS)
    }


def test_check_urls_waiting_for_a_slot_is_not_a_timeout(run, slow_host, tmp_path):
    root = write_dossier(tmp_path / "d", entries(slow_host))
    result = run(
        "check-urls", "--dir", root, "--allow-private", "--no-cache", "--offline-archive", "--format", "json", *SLOTS
    )
    data = json.loads(result.stdout)
    results = data["results"]
    states = sorted(r["status"] for r in results)
    assert states == ["ok"] * LINKS, [(r["url"], r["status"], r["detail"]) for r in results if r["status"] != "ok"]
    assert result.exit_code == 0, result.output


def test_verify_waiting_for_a_slot_is_not_unreachable(run, slow_host, tmp_path):
    root = write_dossier(tmp_path / "d", entries(slow_host, excerpt=True))
    result = run("verify", "--dir", root, "--allow-private", "--no-cache", "--format", "json", *SLOTS)
    data = json.loads(result.stdout)
    found = {s["entry_id"]: [(x["status"], x["detail"]) for x in s["excerpts"]] for s in data["sources"]}
    assert found == {f"page{n:02}": [("found", "")] for n in range(LINKS)}
    assert data["counts"]["unreachable"] == 0
    assert result.exit_code == 0, result.output
