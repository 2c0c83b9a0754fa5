"""Stand-ins on 127.0.0.1 for the DOI resolver, Crossref's REST API and Open Library, for `add --doi/--isbn` tests.

The records are keyed by hand after the shapes those services return (CSL-JSON by content
negotiation at doi.org; {"status", "message"} from api.crossref.org/works; the
`api/books?jscmd=data` object of Open Library), with their list-valued fields and markup.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

CSL = {  # as https://doi.org/10.3751/60.2.12 answers "Accept: application/vnd.citationstyles.csl+json"
    "10.3751/60.2.12": {
        "type": "article-journal",
        "title": "Iran's Policy towards Afghanistan",
        "container-title": "Middle East Journal",
        "volume": "60",
        "issue": "2",
        "page": "235-256",
        "DOI": "10.3751/60.2.12",
        "URL": "https://doi.org/10.3751/60.2.12",
        "ISSN": ["0026-3141"],
        "publisher": "Middle East Institute",
        "issued": {"date-parts": [[2006, 4, 1]]},
        "author": [{"given": "Mohsen M.", "family": "Milani", "sequence": "first", "affiliation": []}],
        "subject": ["Political Science and International Relations"],
        "reference-count": 0,
    },
}
CROSSREF = {  # only Crossref knows it (the resolver has no CSL-JSON for it)
    "10.1017/cbo9780511756214.005": {
        "type": "book-chapter",
        "title": ["The <i>Islamic</i> Republic and its neighbours"],
        "container-title": ["Iran and the Gulf"],
        "publisher": "Cambridge University Press",
        "published-print": {"date-parts": [[2008, 1]]},
        "page": "77-101",
        "DOI": "10.1017/CBO9780511756214.005",
        "author": [{"given": "Ali M.", "family": "Ansari", "sequence": "first"}],
        "ISBN": ["9780521881746"],
        "editor": [{"given": "Jane", "family": "Doe"}],
    },
    # Shapes measured in real Crossref answers (habanero's recorded test responses, 502 works): a thesis
    # registered by a library with the university in "institution", the degree, no issued date but an
    # approval date, an unnamed co-author; a conference paper whose "event" is an object; an organisation
    # as author under "name".
    "10.5555/thesis.2007": {
        "type": "dissertation",
        "title": ["Proxy Warfare in Iraq, 2003–2007"],
        "publisher": "University Libraries",
        "institution": [{"name": "Georgetown University"}],
        "degree": ["Master of Arts in Security Studies"],
        "issued": {"date-parts": [[None]]},
        "approved": {"date-parts": [[2008, 5, 2]]},
        "created": {"date-parts": [[2019, 1, 1]]},
        "DOI": "10.5555/thesis.2007",
        "author": [
            {"sequence": "additional", "affiliation": []},
            {"given": "Sam", "family": "Alavi", "sequence": "first"},
        ],
    },
    "10.5555/conf.2009": {
        "type": "proceedings-article",
        "title": ["Tracing Weapons Flows"],
        "container-title": ["Proceedings of SEC 2009"],
        "event": {"name": "SEC 2009", "location": "Doha, Qatar", "start": {"date-parts": [[2009, 3, 1]]}},
        "published-print": {"date-parts": [[2009, 6]]},
        "DOI": "10.5555/conf.2009",
        "publisher": "SEC",
        "author": [{"name": "Small Arms Survey", "sequence": "first"}],
        "version": {"version": "v2"},
    },
}
BOOKS = {
    "9781400063154": {
        "url": "https://openlibrary.org/books/OL3302553M/The_Persian_puzzle",
        "title": "The Persian puzzle",
        "subtitle": "the conflict between Iran and America",
        "authors": [{"url": "x", "name": "Kenneth M. Pollack"}],
        "publishers": [{"name": "Random House"}],
        "publish_places": [{"name": "New York"}],
        "publish_date": "2004",
        "number_of_pages": 539,
    },
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    accepts: list

    def log_message(self, *args):
        pass

    def _json(self, code: int, data, content_type: str = "application/json") -> None:
        body = json.dumps(data).encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        self.accepts.append((path, self.headers.get("Accept", "")))
        if path.startswith("/doi/"):
            doi = path[5:].lower()
            if "csl+json" not in self.headers.get("Accept", ""):
                self._json(406, {})
            elif doi in CSL:  # a real resolver redirects to the registration agency first
                self.send_response(302)
                self.send_header("Location", f"/agency/{doi}")
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self._json(404, {"message": "DOI not found"})
        elif path.startswith("/agency/"):
            self._json(200, CSL[path[8:]], "application/vnd.citationstyles.csl+json")
        elif path.startswith("/crossref/works/"):
            doi = path[16:].lower()
            if doi in CROSSREF:
                self._json(200, {"status": "ok", "message-type": "work", "message": CROSSREF[doi]})
            else:
                self._json(404, {"status": "error"})
        elif path == "/ol/api/books":
            key = parse_qs(parts.query).get("bibkeys", [""])[0]
            isbn = key.removeprefix("ISBN:")
            self._json(200, {key: BOOKS[isbn]} if isbn in BOOKS else {})
        else:
            self._json(404, {})


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that hangs up early (as ours does after a 404) is no error of the stand-in: stay quiet,
        or its traceback lands in the stderr the tests read."""


def start():
    handler = type("LookupHandler", (Handler,), {"accepts": []})
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}", handler


def config(base: str) -> str:
    """A dossier.toml pointing every look-up at the stand-ins."""
    return (
        f'title = "Test dossier"\n\n[lookup]\ndoi_resolver = "{base}/doi/"\n'
        f'crossref = "{base}/crossref/works/"\nopenlibrary = "{base}/ol/"\n'
    )
