"""The common URL form is read by one regular expression (urlnorm.simple_url) instead of urlsplit: what
the shortcut gives must equal what the general path gives, for every address it accepts; and addresses
with an IP literal host are URLs like any other (issue 24.7: `http://[::1]:8080/` was "has no host name")."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossiercli.model.parse import general_url_problem, url_problem
from dossiercli.urlnorm import general_url_key, url_key

REAL = [
    "http://www.nysun.com/article/46032",
    "https://www.washingtonpost.com/wp-dyn/content/article/2007/05/09/AR2007050901234.html",
    "https://www.nytimes.com/2007/02/10/world/middleeast/10weapons.html",
    "https://amp.theguardian.com/world/2007/jan/03/iran",
    "https://www.example.org/amp/story/",
    "https://www.example.org/story.amp.html",
    "https://example.org/dir/index.html",
    "https://example.org/Dir/INDEX.HTM",
    "HTTP://Example.ORG/Path",
    "https://Example.org:443/",
    "http://example.org:80",
    "http://example.org:8080/x/",
    "http://example.org:0099/x",
    "https://www.example.org",
    "https://www.www.example.org/a//b/",
    "https://example.org/a;b=c/d'e(f)*,g:h@i!$&+=",
    "https://example.org/~jane/",
    "http://localhost/",
    "http://localhost:8000/x",
    "http://foo/",
    "http://127.0.0.1:8080/",
    "https://abc.cdn.ampproject.org/c/s/www.example.com/story",
    "https://example.org:65535/",
    "https://example.org:65536/",
]

_label = st.text(string.ascii_letters + string.digits, min_size=1, max_size=8)
_path_chars = string.ascii_letters + string.digits + "._~!$&'()*+,;=:@/-"


@st.composite
def common_urls(draw) -> str:
    scheme = draw(st.sampled_from(["http", "https"]))
    labels = draw(st.lists(_label, min_size=1, max_size=4))
    if draw(st.booleans()):
        labels.insert(0, draw(st.sampled_from(["www", "amp", "WWW"])))
    host = ".".join(labels)
    port = draw(st.sampled_from(["", ":80", ":443", ":8080", ":0443", ":65535", ":99999"]))
    path = draw(st.text(_path_chars, max_size=30))
    suffix = draw(st.sampled_from(["", "/", "/amp", "/amp/", ".amp.html", "/index.html", "/Default.aspx", "//"]))
    return f"{scheme}://{host}{port}/{path}{suffix}" if path or suffix.startswith("/") else f"{scheme}://{host}{port}"


@pytest.mark.parametrize("url", REAL)
def test_the_shortcut_equals_the_general_path_on_real_shapes(url):
    assert url_key(url) == general_url_key(url)
    assert url_problem(url) == general_url_problem(url)


@settings(max_examples=600, deadline=None)
@given(common_urls())
def test_the_shortcut_equals_the_general_path_on_every_common_form(url):
    assert url_key(url) == general_url_key(url)
    assert url_problem(url) == general_url_problem(url)


@pytest.mark.parametrize(
    "url", ["http://[::1]:8080/", "https://[2001:db8::1]/report", "http://[::ffff:192.0.2.1]/", "http://192.0.2.1/"]
)
def test_ip_literal_hosts_are_urls(url, tmp_path, run):
    assert url_problem(url) is None
    from conftest import write_dossier

    root = write_dossier(tmp_path / "d", {"page": f'type = "webpage"\ntitle = "Local"\nURL = "{url}"\n'})
    result = run("validate", "--dir", root)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("url", ["http://[::1/", "http://[zz::1]/", "http://[]/", "http://foo/", "http:///x"])
def test_what_is_not_a_host_is_still_refused(url):
    assert url_problem(url) is not None
