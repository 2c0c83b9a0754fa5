"""Failure classes, each with its evidence, and per-host overrides, against a server on 127.0.0.1."""

import pytest

from dossiercli.errors import DossierError
from dossiercli.links.checker import check_urls, is_home_page, site_of, soft_404_evidence
from dossiercli.links.options import HostRule, LinkOptions, from_config
from dossiercli.links.types import Status
from linkserver import start_server

FAST = LinkOptions(timeout=1, total_timeout=5, retries=0, backoff=0.05, allow_private=True)


@pytest.fixture(scope="module")
def server():
    server, state = start_server()
    yield f"http://127.0.0.1:{server.server_address[1]}", state
    server.shutdown()


def one(url, options=FAST):
    (result,) = check_urls([url], options)
    return result


@pytest.mark.parametrize(
    "path, status, evidence",
    [
        ("/missing", Status.BROKEN, "HTTP 404"),
        ("/gone", Status.BROKEN, "HTTP 410"),
        ("/wall", Status.BLOCKED, "HTTP 403: a wall for robots"),
        ("/login", Status.BLOCKED, "HTTP 401"),
        ("/challenge", Status.BLOCKED, "HTTP 503"),
        ("/soft-404", Status.SOFT_404, "title 'Page Not Found | The Daily'"),
        ("/to-home", Status.SOFT_404, "redirected to the home page"),
        ("/off-site", Status.MOVED, "moved to another site: http://localhost:"),
        ("/found", Status.REDIRECTED, "1 redirect(s)"),
    ],
)
def test_each_class_with_its_evidence(server, path, status, evidence):
    base, _ = server
    result = one(base + path)
    assert result.status is status and evidence in result.detail, result


def test_blocked_and_moved_do_not_fail_by_default_but_can(server):
    base, _ = server
    wall, moved = one(base + "/wall"), one(base + "/off-site")
    assert not FAST.fails(wall) and not FAST.fails(moved)
    strict = LinkOptions(fail_blocked=True, fail_moved=True)
    assert strict.fails(wall) and strict.fails(moved)
    per_host = LinkOptions(hosts={"127.0.0.1": HostRule(fail_blocked=True)})
    assert per_host.fails(wall)


def test_per_host_overrides(server):
    base, _ = server
    options = LinkOptions(**{**FAST.__dict__, "hosts": {"127.0.0.1": HostRule(accept=(403,), soft_404=("^Welcome$",))}})
    assert one(base + "/wall", options).status is Status.OK
    skip = LinkOptions(**{**FAST.__dict__, "hosts": {"0.1": HostRule(skip=True)}})  # a parent "domain" of 127.0.0.1
    assert one(base + "/ok", skip).status is Status.SKIPPED


def test_host_rules_from_dossier_toml(tmp_path):
    options = from_config(
        {"hosts": {"www.nytimes.com": {"per_host": 1, "accept": [403], "fail_blocked": True}}, "grace": "7d"},
        tmp_path / "dossier.toml",
    )
    assert options.rule_for("www.nytimes.com").per_host == 1 and options.grace == 7 * 86400
    assert options.rule_for("cooking.www.nytimes.com").accept == (403,)
    with pytest.raises(DossierError, match=r"dossier.toml: \[links.hosts.'x.org'\] has no setting 'per_hots'"):
        from_config({"hosts": {"x.org": {"per_hots": 1}}}, tmp_path / "dossier.toml")
    with pytest.raises(DossierError, match="per_host = 0 is not a valid value"):
        from_config({"hosts": {"x.org": {"per_host": 0}}}, tmp_path / "dossier.toml")


def test_soft_404_evidence_reads_titles_and_headings_not_articles():
    assert soft_404_evidence(b"<title>Seite nicht gefunden</title>") == "title 'Seite nicht gefunden'"
    assert soft_404_evidence(b"<title>News</title><h1>Sorry, we can't find that page</h1>")
    assert soft_404_evidence(b"<title>Iran's Secret Plan For Mayhem</title>") is None
    long_heading = b"<h1>" + b"Why the 404 bus route was not found in the new plan " * 5 + b"</h1>"
    assert soft_404_evidence(long_heading) is None
    short = (
        b"<title>The Daily</title><script>var t='x';</script><p>Sorry, the page you requested could not be found.</p>"
    )
    assert soft_404_evidence(short) == "text 'page you requested could not be found' on a short page"
    article = (
        b"<title>Buried treasure</title><p>" + b"The map said the page could not be found. " + b"x " * 900 + b"</p>"
    )
    assert soft_404_evidence(article) is None  # a long page saying it is an article, not an error page


def test_sites_and_home_pages():
    assert site_of("www.nysun.com") == site_of("nysun.com") == "nysun.com"
    assert site_of("news.bbc.co.uk") == "bbc.co.uk"
    assert is_home_page("https://x.org/") and is_home_page("https://x.org/index.html")
    assert not is_home_page("https://x.org/article/46032") and not is_home_page("https://x.org/?p=3")
