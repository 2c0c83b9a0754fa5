"""Citation metadata from pages built like real news, government and journal pages (pagemeta.py)."""

import pytest

from conftest import FIXTURES
from dossiercli.pagemeta import _date, _person, decode_page, extract

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
    assert (meta.values["issued"], meta.values["volume"], meta.values["issue"], meta.values["page"]) == (
        "2006-04-01",
        "60",
        "2",
        "235-256",
    )
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


def test_news_byline_as_a_string_headline_as_a_list_and_a_written_date():
    meta = page("news-byline.html", "text/html", "https://news.example.org/world/2007/05/09/iran-sunni?ref=home")
    assert meta.entry_type == "article-newspaper"
    assert meta.values["title"] == "U.S.: Iran helping some Sunni insurgents"  # JSON-LD over og:title and <title>
    assert meta.values["author"] == [{"family": "Reid", "given": "Robert H."}, {"family": "Jakes", "given": "Lara"}]
    assert meta.sources["author"] == "json-ld"  # not <meta name="author"> "Tribune Staff"
    assert meta.values["issued"] == "2007-05-09"  # "May 9, 2007"
    assert (meta.values["container-title"], meta.sources["container-title"]) == ("Example Tribune", "open-graph")
    assert meta.values["URL"] == "https://news.example.org/world/2007/05/09/iran-sunni"  # relative canonical link


def test_government_release_labelled_latin_1_is_read_as_windows_1252():
    meta = page("release-latin.html", "text/html")
    assert meta.entry_type == "press-release"
    assert meta.values["title"] == "Iran : déclaration du porte-parole sur l’Irak"  # ’ is byte 0x92
    assert meta.values["author"] == [{"literal": "Ministère de l’Europe et des Affaires étrangères"}]
    assert meta.values["issued"] == "2007-05-31"  # DC.date.issued, not DC.date.modified
    assert meta.values["URL"] == "https://www.example.gouv/fr/communique-2007-05-31"


def test_title_tag_loses_the_site_name():
    html = (
        b"<title>Iran's Secret Plan For Mayhem - Opinion - New York Sun</title>"
        b'<meta property="og:site_name" content="New York Sun">'
    )
    assert extract(html).values["title"] == "Iran's Secret Plan For Mayhem"


def test_a_utf8_byte_order_mark_wins():
    assert decode_page("\ufeffCafé".encode("utf-8"), "text/html; charset=windows-1252") == "Café"


@pytest.mark.parametrize(
    "byline, name",
    [
        ("Eli Lake", {"family": "Lake", "given": "Eli"}),
        ("By Robert H. Reid", {"family": "Reid", "given": "Robert H."}),
        ("Juan de la Cruz", {"family": "Cruz", "given": "Juan", "non-dropping-particle": "de la"}),
        ("Martin Luther King Jr.", {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
        ("King, Martin Luther, Jr.", {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
        ("Martin Luther King, Jr.", {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
        ("Milani, Mohsen M.", {"family": "Milani", "given": "Mohsen M."}),
        ("Associated Press", {"literal": "Associated Press"}),
        ("Multi-National Force-Iraq", {"literal": "Multi-National Force-Iraq"}),
        ("Reuters", {"literal": "Reuters"}),
    ],
)
def test_bylines_become_names(byline, name):
    assert _person(byline) == name


@pytest.mark.parametrize(
    "text, date",
    [
        ("2007-05-09T14:31:00-04:00", "2007-05-09"),
        ("2006/04/01", "2006-04-01"),
        ("2007-05", "2007-05"),
        ("May 9, 2007", "2007-05-09"),
        ("9 May 2007", "2007-05-09"),
        ("Sept. 2007", "2007-09"),
        ("2007-02-30", None),
        ("yesterday", None),
        ("20070509", None),
    ],
)
def test_page_dates(text, date):
    assert _date(text) == date


def jsonld_page(data: dict, site: str = "") -> bytes:
    import json

    og = f'<meta property="og:site_name" content="{site}">' if site else ""
    return (
        f'<html><head>{og}<script type="application/ld+json">{json.dumps(data)}</script></head><body></body></html>'
    ).encode()


def test_a_social_media_posting_quotes_its_text_up_to_160_characters():
    text = (
        "Iran is supporting both Sunni and Shiite terrorists in the Iraqi civil war, according to "
        "secret Iranian documents captured by Americans in Iraq, officials said on Tuesday evening."
    )
    meta = extract(
        jsonld_page(
            {
                "@type": "SocialMediaPosting",
                "articleBody": text,
                "datePublished": "2007-01-03",
                "author": {"@type": "Person", "name": "Eli Lake"},
            },
            site="X",
        ),
        None,
        None,
    )
    assert meta.entry_type == "social-media-post"
    assert len(meta.values["title"]) <= 160 and text.startswith(meta.values["title"])
    assert meta.values["author"] == [{"family": "Lake", "given": "Eli"}]


def test_a_video_object_gives_its_running_time():
    meta = extract(
        jsonld_page(
            {
                "@type": "VideoObject",
                "name": "Harvard Commencement 2012",
                "duration": "PT3H21M6S",
                "uploadDate": "2012-05-24",
                "datePublished": "2012-05-24",
            },
            site="YouTube",
        ),
        None,
        None,
    )
    assert meta.entry_type == "video"
    assert meta.values["dimensions"] == "3:21:06" and meta.values["title"] == "Harvard Commencement 2012"
