"""A reason, never "internal error" (issue 24, class 6).

An internal error is a bug report waiting to happen: exit 2 and one line, but no reason a user can act
on. Each shape here once ended in one: wrongly formed pandoc JSON given to `pandoc-filter`, a backslash
`Location` in `add --from-url`, a BibTeX `@string` defined again after an entry used it. Every case runs
the real CLI under the limits of `hostile.bounded`, which fails on "internal error" and on a traceback."""

from __future__ import annotations

import copy
import json
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hostile import bounded, make_dossier

BOOK = 'type = "book"\ntitle = "A Book"\npublisher = "Pub"\nissued = 2001\n'
CITATION = {
    "citationId": "book",
    "citationPrefix": [],
    "citationSuffix": [{"t": "Str", "c": ", 23"}],
    "citationMode": {"t": "NormalCitation"},
    "citationNoteNum": 1,
    "citationHash": 0,
}
CITE = {"t": "Cite", "c": [[CITATION], [{"t": "Str", "c": "[@book]"}]]}
DOCUMENT = {
    "pandoc-api-version": [1, 23, 1],
    "meta": {},
    "blocks": [{"t": "Para", "c": [{"t": "Str", "c": "A"}, CITE]}],
}


def cite(**changes):
    citation = {**CITATION, **changes}
    return {"t": "Cite", "c": [[citation], [{"t": "Str", "c": "x"}]]}


def para(*inlines):
    return {**DOCUMENT, "blocks": [{"t": "Para", "c": list(inlines)}]}


def nested(kind: str, depth: int) -> str:
    """JSON text (json.dumps itself would recurse too deep to write it)."""
    inner = '{"t": "Str", "c": "deep"}'
    inner = f'{{"t": "{kind}", "c": [' * depth + inner + "]}" * depth
    return json.dumps(para({"t": "Str", "c": "MARK"})).replace('{"t": "Str", "c": "MARK"}', inner)


# Each: a document the filter cannot read, and a word its one-line reason must hold.
SHAPES = {
    "Cite whose c is a string": (para({"t": "Cite", "c": "oops"}), "Cite"),
    "Cite with no citations": (para({"t": "Cite", "c": [[], []]}), "citations"),
    "citationId null": (para(cite(citationId=None)), "citationId"),
    "citationId a number": (para(cite(citationId=3)), "citationId"),
    "citation a string": (para({"t": "Cite", "c": [["book"], []]}), "citation"),
    "citationMode a string": (para(cite(citationMode="AuthorInText")), "citationMode"),
    "citationSuffix a string": (para(cite(citationSuffix=", 23")), "citationSuffix"),
    "citationPrefix of numbers": (para(cite(citationPrefix=[1, 2])), "citationPrefix"),
    "meta a list": ({**DOCUMENT, "meta": []}, "meta"),
    "meta value of the wrong kind": ({**DOCUMENT, "meta": {"dossier-notes": {"t": "MetaString", "c": [1]}}}, "meta"),
    "MetaBool of a list": ({**DOCUMENT, "meta": {"dossier-notes": {"t": "MetaBool", "c": [1]}}}, "MetaBool"),
    "MetaInlines of a string": ({**DOCUMENT, "meta": {"dossier-edition": {"t": "MetaInlines", "c": "17"}}}, "meta"),
    "nocite Cite of a string": ({**DOCUMENT, "meta": {"nocite": {"t": "Cite", "c": "@a"}}}, "nocite"),
    "blocks a string": ({**DOCUMENT, "blocks": "text"}, "blocks"),
    "block a number": ({**DOCUMENT, "blocks": [3]}, "blocks[0]"),
    "Para c an object": ({**DOCUMENT, "blocks": [{"t": "Para", "c": {}}]}, "blocks[0].c"),
    "Header too short": ({**DOCUMENT, "blocks": [{"t": "Header", "c": [1]}]}, "Header"),
    "BulletList of strings": ({**DOCUMENT, "blocks": [{"t": "BulletList", "c": ["a"]}]}, "blocks[0].c[0]"),
    "Str of a list": (para({"t": "Str", "c": ["a"]}), "Str"),
    "inline null": (para(None, CITE), "blocks[0].c[0]"),
    "Quoted without its kind": (para({"t": "Quoted", "c": ["DoubleQuote", []]}), "quote type"),
    "Span of one part": (para({"t": "Span", "c": [["", [], []]]}), "Span"),
    "Note of a string": (para({"t": "Note", "c": "note"}), "blocks[0].c[0].c"),
    "50,000 nested Emph": (nested("Emph", 50_000), "nested"),
    "50,000 nested Note": (nested("Note", 50_000), "nested"),
    "not an object": ([1, 2], "pandoc"),
    "lone surrogate": (para({"t": "Str", "c": "\ud800"}), "surrogate"),
}


@pytest.mark.parametrize("name", SHAPES)
def test_wrongly_formed_pandoc_json_is_a_reason(tmp_path, name):
    document, word = SHAPES[name]
    root = make_dossier(tmp_path, {"book": BOOK})
    stdin = document if isinstance(document, str) else json.dumps(copy.deepcopy(document))
    outcome = bounded(["pandoc-filter"], root, stdin=stdin)
    assert outcome.status == 2, outcome.stderr
    assert len(outcome.stderr.strip().splitlines()) == 1 and word in outcome.stderr, outcome.stderr


def test_input_that_is_not_utf8_or_nested_past_the_parser_is_a_reason(tmp_path):
    root = make_dossier(tmp_path, {"book": BOOK})
    for stdin in ("[" * 100_000 + "]" * 100_000, '{"blocks": [], "x": "\\udcff"}'):
        outcome = bounded(["pandoc-filter"], root, stdin=stdin)
        assert outcome.status == 2
    done = subprocess.run(
        [sys.executable, "-m", "dossiercli", "pandoc-filter"],
        cwd=root,
        input=b'{"blocks": ["\xff"]}',
        capture_output=True,
    )
    assert done.returncode == 2 and b"UTF-8" in done.stderr and b"internal" not in done.stderr


def test_a_well_formed_document_still_becomes_notes(tmp_path):
    root = make_dossier(tmp_path, {"book": BOOK})
    outcome = bounded(["pandoc-filter"], root, stdin=json.dumps(DOCUMENT))
    assert outcome.status == 0 and '"Note"' in outcome.stdout


# -- a redirect to a URL httpx cannot even parse ------------------------------------------------------


class Redirects(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        port = self.server.server_address[1]
        if self.path.startswith("/127.0.0.1:"):  # where `Location: 127.0.0.1:P:80` leads when taken as a path
            self.close_connection = True
            self.wfile.flush()
            self.connection.shutdown(2)
            return
        locations = {
            "/backslash": f"http:\\\\127.0.0.1:{port}\\h\\i",
            "/colons": f"127.0.0.1:{port}:80",
            "/space": "http://exa mple.org/",
            "/empty-host": "http:///x",
            "/bad-port": "http://127.0.0.1:99999999/",
            "/control": "http://example.org/\x01",
            "/idna": "http://xn--a.example/",
            "/long": "http://" + "a" * 300 + ".example/",
        }
        self.send_response(302)
        self.send_header("Location", locations.get(self.path, "/"))
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def redirects():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirects)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize(
    "path", ["/backslash", "/colons", "/space", "/empty-host", "/bad-port", "/control", "/idna", "/long"]
)
def test_a_redirect_to_a_malformed_url_is_a_reason(tmp_path, redirects, path):
    root = make_dossier(tmp_path, {})
    outcome = bounded(["add", "--from-url", redirects + path, "--allow-private", "--type", "webpage"], root)
    assert outcome.status == 2, outcome.stderr
    assert len(outcome.stderr.strip().splitlines()) == 1 and redirects + path in outcome.stderr, outcome.stderr


@pytest.mark.parametrize("path", ["/backslash", "/colons"])
def test_a_location_that_is_no_uri_reference_is_an_invalid_redirect_target(tmp_path, redirects, path):
    root = make_dossier(tmp_path, {})
    outcome = bounded(["add", "--from-url", redirects + path, "--allow-private", "--type", "webpage"], root)
    assert outcome.status == 2 and "redirects to an invalid target" in outcome.stderr, outcome.stderr


def test_a_location_of_host_port_port_is_an_invalid_redirect_not_a_dropped_connection(tmp_path, redirects):
    """`Location: 127.0.0.1:P:80` (no scheme; a first segment with a colon) names no URL one can follow."""
    root = make_dossier(tmp_path, {"page": BOOK + f'URL = "{redirects}/colons"\n'})
    outcome = bounded(["check-urls", "--allow-private"], root)
    assert "connection dropped" not in outcome.stdout + outcome.stderr
    assert "redirect" in (outcome.stdout + outcome.stderr).lower()


# -- BibTeX: a @string reused ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "@string{k = {A}}\n@book{k, title = k, publisher = {P}, year = 2000}\n@string{k = {B}}\n",
        "@string{k = {A}}\n@string{k = {B}}\n@book{b, title = k, publisher = {P}, year = 2000}\n",
        "@book{k, title = {T}, publisher = {P}, year = 2000}\n@string{k = {B}}\n@book{k, title = {U}, publisher = {P}, year = 2001}\n",
        "@string{k = {A}}\n@book{k, title = k, publisher = {P}, year = 2000}\n@string{k = {B}}\n@book{k, title = k, publisher = {P}, year = 2001}\n",
        "@string{k = {A}}\n@preamble{k}\n@string{k = {B}}\n@comment{k}\n@book{x, title = k # k, publisher = {P}, year = 1}\n",
    ],
)
def test_a_bibtex_key_reused_across_string_and_entry_is_a_reason(tmp_path, text):
    (tmp_path / "r.bib").write_text(text, encoding="utf-8")
    root = make_dossier(tmp_path / "d", {})
    bounded(["import", tmp_path / "r.bib"], root)
    bounded(["import", tmp_path / "r.bib", "--dry-run"], root)


def test_nothing_listens_is_no_internal_error(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = make_dossier(tmp_path, {})
    outcome = bounded(["add", "--from-url", f"http://127.0.0.1:{port}/", "--allow-private", "--type", "webpage"], root)
    assert outcome.status == 2
