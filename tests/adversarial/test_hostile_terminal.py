"""Text from outside never reaches the terminal raw (issue 24, class 4).

A DOI's or an ISBN's metadata, a web page's title, a server's error message: a third party controls
them. Their OSC (window title), CSI 2J (clear screen), NUL, BEL and C1 `\\x9b` were printed raw in
`add --doi/--isbn`'s "Found" review table. Every place that prints such text goes through the sanitiser
`list`, `show` and `notes` use (render/plain.py `terminal_safe`); rich markup in it is text, not markup.
Each case runs the real CLI against servers on 127.0.0.1 started here."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hostile import bounded, make_dossier

HOSTILE = "T\x1b]0;pwned\x07\x1b[2J\x00\x9b31m[bold red]x[/bold red][link=file:///etc]y[/link]\u202e"
RAW = ("\x1b", "\x07", "\x00", "\x9b", "\u202e")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _send(self, code: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if path.startswith("/doi/10.1234/missing"):
            self._send(404, json.dumps({"message": HOSTILE}).encode())
        elif path.startswith("/doi/"):
            item = {
                "type": "article-journal",
                "title": HOSTILE,
                "container-title": HOSTILE,
                "publisher": HOSTILE,
                "page": "1\x1b[2J-2",
                "volume": HOSTILE,
                "issued": {"date-parts": [[2006, 4, 1]]},
                "author": [{"given": HOSTILE, "family": "Evil" + HOSTILE}],
                "URL": "https://example.org/\x1b[2J",
            }
            self._send(200, json.dumps(item).encode(), "application/vnd.citationstyles.csl+json")
        elif path.startswith("/crossref/"):
            self._send(404, json.dumps({"status": "error", "message": HOSTILE}).encode())
        elif path == "/ol/api/books":
            key = parse_qs(parts.query).get("bibkeys", [""])[0]
            book = {
                "title": HOSTILE,
                "subtitle": HOSTILE,
                "authors": [{"name": HOSTILE}],
                "publishers": [{"name": HOSTILE}],
                "publish_places": [{"name": HOSTILE}],
                "publish_date": "2001",
            }
            self._send(200, json.dumps({key: book}).encode())
        elif path == "/page":
            html = (
                f"<html><head><title>{HOSTILE}</title><meta name='author' content='{HOSTILE}'>"
                f"<meta property='og:site_name' content='{HOSTILE}'></head><body>x</body></html>"
            )
            self._send(200, html.encode(), "text/html; charset=utf-8")
        else:
            self._send(404, b"{}")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def dossier(tmp_path, base):
    root = make_dossier(tmp_path, {})
    (root / "dossier.toml").write_text(
        f'title = "Hostile"\n\n[lookup]\ndoi_resolver = "{base}/doi/"\n'
        f'crossref = "{base}/crossref/"\nopenlibrary = "{base}/ol/"\n',
        encoding="utf-8",
    )
    return root


ANSWERS = "\n".join(["", "", "", "", ".", "", "", "", "", "", ""]) + "\n"


@pytest.mark.parametrize(
    "source",
    [
        ["--doi", "10.1234/evil"],
        ["--isbn", "9780306406157"],
        ["--doi", "10.1234/missing"],
        ["--from-url", "{base}/page", "--type", "webpage"],
    ],
)
@pytest.mark.parametrize("interactive", [True, False])
def test_looked_up_text_is_made_safe_before_it_is_printed(tmp_path, server, source, interactive):
    root = dossier(tmp_path, server)
    args = ["add", *[a.replace("{base}", server) for a in source], "--allow-private"]
    args += ["-i"] if interactive else ["--publisher", "P", "--container", "C", "--title", "T"]
    outcome = bounded(args, root, stdin=ANSWERS if interactive else "")
    for stream in (outcome.stdout, outcome.stderr):
        assert not any(ch in stream for ch in RAW), repr(stream[-3000:])
    if source[0] != "--doi" or source[1] != "10.1234/missing":
        assert "pwned" in outcome.stdout + outcome.stderr or outcome.status != 0  # shown, made visible


def test_markup_in_looked_up_text_is_text(tmp_path, server):
    root = dossier(tmp_path, server)
    outcome = bounded(["add", "--doi", "10.1234/evil", "--allow-private", "-i"], root, stdin=ANSWERS)
    assert "[bold red]" in outcome.stderr  # printed as written, neither styled nor a MarkupError
