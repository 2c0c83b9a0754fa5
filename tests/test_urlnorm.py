"""One URL normaliser for validate, import, add and check-urls (urlnorm.py)."""

import pytest

from conftest import write_dossier
from dossiercli.links.collect import cited_urls
from dossiercli.model.parse import parse_entry
from dossiercli.urlnorm import clean_url, url_key

NYSUN = "http://www.nysun.com/article/46032"


@pytest.mark.parametrize(
    "spelling",
    [
        "https://www.nysun.com/article/46032",  # https
        "http://nysun.com/article/46032",  # no www.
        "HTTP://WWW.NYSUN.COM/article/46032",  # scheme and host case
        "http://www.nysun.com:80/article/46032",  # default port
        "http://www.nysun.com/article/46032/",  # trailing slash
        "http://www.nysun.com/article/46032?utm_source=twitter&utm_medium=social",  # campaign tags
        "http://www.nysun.com/article/46032?fbclid=IwAR0abc#comments",  # click id, fragment
        "http://www.nysun.com/article/46032?Echobox=1234567890",  # a news share tag (ClearURLs)
        "http://www.nysun.com/article/46032?srsltid=AfmBOoq&__hstc=1.2&ga_source=x",  # more of ClearURLs' global rules
        "http://www.nysun.com/amp/article/46032",  # AMP path prefix
        "http://www.nysun.com/article/46032/amp/",  # AMP path suffix
        "https://www-nysun-com.cdn.ampproject.org/c/s/www.nysun.com/article/46032",  # Google's AMP cache
        "http://amp.nysun.com/article/46032?amp=1",  # AMP host and parameter
        "http://www.nysun.com/%61rticle/46032",  # an escaped plain letter
    ],
)
def test_every_spelling_of_one_page_has_one_key(spelling):
    assert url_key(spelling) == url_key(NYSUN)


@pytest.mark.parametrize(
    "other",
    [
        "http://www.nysun.com/article/46033",  # another article
        "http://www.nysun.com/article/46032?page=2",  # a real parameter
        "http://www.nysun.com:8080/article/46032",  # another port is another server
        "http://www.nysun.org/article/46032",
        "http://www.nysun.com/Article/46032",  # paths are case-sensitive
    ],
)
def test_different_pages_stay_different(other):
    assert url_key(other) != url_key(NYSUN)


def test_site_rules_apply_only_on_their_site():
    guardian = "https://www.theguardian.com/world/2007/may/09/iraq.iran"
    assert url_key(guardian + "?CMP=share_btn_tw") == url_key(guardian)
    assert url_key("https://example.org/a?cmp=2") != url_key("https://example.org/a")  # elsewhere it may name the page
    assert (
        clean_url("https://www.bbc.co.uk/news/world-6641208?at_medium=RSS&at_campaign=KARANGA")
        == "https://www.bbc.co.uk/news/world-6641208"
    )


def test_query_order_does_not_matter_and_index_pages_are_the_folder():
    mnfi = "http://www.mnf-iraq.com/index.php?option=com_content&task=view&id=12098&Itemid=21"
    assert url_key(mnfi) == url_key("http://mnf-iraq.com/?Itemid=21&id=12098&task=view&option=com_content")


def test_clean_url_keeps_the_address_fetchable():
    assert clean_url("HTTPS://Example.ORG:443?utm_campaign=x&id=3#top") == "https://example.org/?id=3"
    assert clean_url("http://www.nysun.com/article/46032") == "http://www.nysun.com/article/46032"  # www and http stay
    assert clean_url("mailto:someone@example.org") == "mailto:someone@example.org"  # not http: as given


def test_validate_sees_a_duplicate_url_however_it_is_spelled(run, tmp_path):
    root = write_dossier(
        tmp_path / "d",
        {
            "a": 'type = "webpage"\ntitle = "A"\nURL = "http://www.example.org/story"\n',
            "b": 'type = "webpage"\ntitle = "B"\nURL = "https://example.org/story/?utm_source=feed"\n',
        },
    )
    result = run("validate", "--dir", root)
    assert "W051 URL https://example.org/story/?utm_source=feed is also the URL of 'a'" in result.stdout


def test_import_skips_a_record_whose_url_is_spelled_differently(run, tmp_path):
    """A URL spelled differently (scheme, www., trailing slash, tracking parameters) is the same URL; with the
    same title it is the same work (an identifier alone is not: chapters share their book's URL)."""
    root = write_dossier(
        tmp_path / "d", {"a": 'type = "webpage"\ntitle = "A page"\nURL = "http://www.example.org/story"\n'}
    )
    ris = tmp_path / "r.ris"
    ris.write_text("TY  - ELEC\nTI  - A page\nUR  - https://example.org/story/?fbclid=x\nER  - \n")
    result = run("import", ris, "--dir", root)
    assert "duplicate of entry 'a': same URL" in result.output and "skipped" in result.output
    assert sorted(p.name for p in (root / "entries").iterdir()) == ["a.toml"]


def test_check_urls_asks_once_for_two_spellings_of_one_address():
    entries = [
        parse_entry({"type": "webpage", "title": t, "URL": u}, i)[0]
        for i, t, u in [("a", "A", "http://Example.org/x?utm_source=a"), ("b", "B", "http://example.org:80/x")]
    ]
    assert cited_urls(entries) == {"http://Example.org/x?utm_source=a": [("a", "URL"), ("b", "URL")]}


@pytest.mark.parametrize(
    "odd",
    [
        "http://[bad/",
        "http://x:99999/a",
        "http://",
        "",
        "ftp://x/y",
        "http://%zz/",
        "http://x/\x00",
        "https://exämple.org/a",
        "http://[::1]:80/x",
    ],
)
def test_odd_addresses_never_raise_and_are_never_merged_by_guessing(odd):
    key, clean = url_key(odd), clean_url(odd)
    assert isinstance(key, str) and isinstance(clean, str)
    assert url_key("http://x:99999/a") != url_key("http://x/a")  # a bad port is not dropped as if it were 80


def test_no_text_makes_the_normaliser_raise():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=100, deadline=None, database=None)
    @given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40).map(lambda t: "http://" + t))
    def check(url):
        url_key(url), clean_url(url)

    check()
