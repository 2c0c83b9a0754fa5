"""Citation metadata from pages built like real news, government and journal pages (pagemeta.py)."""

from conftest import FIXTURES
from dossiercli.pagemeta import decode_page, extract

PAGES = FIXTURES / "pages"


def page(name, content_type=None, url=None):
    return extract((PAGES / name).read_bytes(), content_type, url)


def test_news_page_json_ld_wins_over_open_graph_and_title():
    meta = page("news.html")
    assert meta.entry_type == "article-newspaper"
    assert meta.values["title"] == "U.S.: Iran helping some Sunni insurgents"
    assert meta.sources["title"] == "json-ld"
    assert meta.values["issued"] == "2007-05-09"  # JSON-LD's date, not Open Graph's May 10
    assert meta.values["author"] == [{"family": "Reid", "given": "Robert H."}, {"literal": "Associated Press"}]
    assert meta.values["publisher"] == "Example Tribune"
    assert meta.values["container-title"] == "Example Tribune" and meta.sources["container-title"] == "open-graph"
    assert meta.values["URL"] == "https://news.example.org/world/2007/05/09/iran-sunni-insurgents?utm_source=og"


def test_government_release_in_dublin_core():
    meta = page("release.html")
    assert meta.entry_type == "press-release"
    assert meta.values["title"] == "Three Suspected Terrorists Captured" and meta.sources["title"] == "dublin-core"
    assert meta.values["author"] == [{"literal": "Multi-National Force-Iraq"}]
    assert meta.values["issued"] == "2007-05-31"


def test_journal_page_highwire_wins_every_conflict():
    meta = page("journal.html")
    assert meta.entry_type == "article-journal"
    assert meta.values["title"] == "Iran's Policy towards Afghanistan" and meta.sources["title"] == "highwire"
    assert meta.values["author"] == [{"family": "Milani", "given": "Mohsen M."}]
    assert (meta.values["issued"], meta.values["volume"], meta.values["issue"], meta.values["page"]) == \
           ("2006-04-01", "60", "2", "235-256")
    assert meta.values["DOI"] == "10.3751/60.2.12"


def test_the_charset_the_page_declares_is_honoured():
    meta = page("latin.html")
    assert meta.values["title"] == "Entretien avec François Müller – Bagdad"
    assert meta.values["author"] == [{"family": "Müller", "given": "François"}]


def test_http_header_charset_wins_over_the_page():
    assert decode_page("Caf\u00e9".encode("latin-1"), "text/html; charset=ISO-8859-1") == "Café"


def test_a_page_without_metadata_gives_its_title_and_address():
    meta = page("bare.html", url="https://example.org/p")
    assert meta.values == {"title": "Some page with no metadata", "URL": "https://example.org/p"}
    assert meta.entry_type is None
