"""Fetching a page for `add --from-url`: redirects, caps, content types, charsets, retries (fetchpage.py)."""

import pytest

import pageserver
from dossiercli import fetchpage
from dossiercli.errors import DossierError
from dossiercli.fetchpage import fetch_page
from dossiercli.pagemeta import extract


@pytest.fixture(scope="module")
def site():
    server, base, handler = pageserver.start()
    yield base, handler
    server.shutdown()


@pytest.fixture(autouse=True)
def no_pause(monkeypatch):
    monkeypatch.setattr(fetchpage, "RETRY_PAUSE", 0)


def fetch(url, **options):
    return fetch_page(url, allow_private=True, timeout=5, **options)


def test_a_redirect_is_followed_and_the_final_address_kept(site):
    base, handler = site
    body, content_type, final = fetch(f"{base}/moved")
    assert final == f"{base}/pages/journal.html" and b"citation_title" in body
    assert handler.seen_headers["user-agent"].startswith("Mozilla/5.0 (compatible; dossiercli/")


@pytest.mark.parametrize(
    "path, message",
    [
        ("/loop", "more than 5 redirects"),
        ("/missing", "HTTP 404"),
        ("/pdf", "the page is application/pdf, not HTML"),
        ("/huge-declared", "larger than 5 MB"),
        ("/huge", "larger than 5 MB"),
    ],
)
def test_failures_are_one_line_errors(site, path, message):
    base, _ = site
    with pytest.raises(DossierError) as error:
        fetch(base + path)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_a_503_is_tried_once_more(site):
    base, handler = site
    body, _, _ = fetch(f"{base}/unavailable-once")
    assert b"citation_title" in body and handler.hits["/unavailable-once"] == 2


def test_a_closed_port_is_an_error_naming_the_address():
    with pytest.raises(DossierError) as error:
        fetch("http://127.0.0.1:9/")  # discard port: nothing listens
    assert str(error.value).startswith("http://127.0.0.1:9/: ")


def test_loopback_is_refused_unless_allowed(site):
    base, _ = site
    with pytest.raises(DossierError) as error:
        fetch_page(f"{base}/pages/news.html")
    assert "loopback address 127.0.0.1" in str(error.value) and "--allow-private" in str(error.value)


def test_only_http_and_https():
    with pytest.raises(DossierError, match="only http and https"):
        fetch("file:///etc/passwd")


def test_the_http_header_charset_wins_over_the_page(site):
    base, _ = site
    meta = extract(*fetch(f"{base}/header-charset"))
    assert meta.values["title"] == "Café Müller’s “Iran”"


def test_one_layer_of_gzip_or_deflate_is_decoded(site):
    base, _ = site
    for path in ("/gzip", "/deflate-raw"):
        body, _, _ = fetch(base + path)
        assert b"citation_title" in body


def test_stacked_encodings_are_refused(site):
    base, _ = site
    with pytest.raises(DossierError, match=r"compressed 2 times over \(gzip, gzip\); refused"):
        fetch(f"{base}/gzip-gzip")


def peak_memory_of_a_fetch(url: str) -> tuple[str, int]:
    """In a fresh process: what fetching `url` said, and the process's peak resident memory in KB."""
    import subprocess
    import sys

    code = (
        "import resource\nfrom dossiercli.fetchpage import fetch_page\n"
        f"try:\n    fetch_page({url!r}, allow_private=True, timeout=5); said = 'ok'\n"
        "except Exception as error:\n    said = str(error)\n"
        "print(said); print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    said, peak = (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        .stdout.strip()
        .rsplit("\n", 1)
    )
    return said, int(peak)


def test_a_decompression_bomb_stops_at_the_byte_budget(site):
    """50 KB on the wire, 50 MB decoded: reading stops once 5 MB are decoded, never holding more."""
    base, _ = site
    said, peak = peak_memory_of_a_fetch(f"{base}/bomb")
    assert said.endswith("larger than 5 MB")
    _, normal = peak_memory_of_a_fetch(f"{base}/gzip")
    assert peak - normal < 20_000  # KB: the 5 MB budget and a chunk, not the 50 MB


def test_a_dripping_server_meets_the_total_deadline(site):
    base, _ = site
    with pytest.raises(DossierError, match="no complete answer within 0.5 s"):
        fetch(f"{base}/drip", deadline=0.5)
