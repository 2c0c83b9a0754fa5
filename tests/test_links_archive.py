"""Archived copies: Save Page Now answers read, archive_url written through tomlkit, cited with --prefer-archive."""

import httpx
import pytest

from conftest import LAKE, write_dossier
from dossiercli.errors import DossierError
from dossiercli.links.archive import _capture_from, add_archive_url, prefer_archive, wayback_timestamp
from dossiercli.load import open_dossier

SNAPSHOT = "https://web.archive.org/web/20070104093000/http://www.nysun.com/article/46032"


def test_the_capture_time_is_read_from_the_wayback_url():
    assert wayback_timestamp(SNAPSHOT).isoformat() == "2007-01-04T09:30:00+00:00"
    assert wayback_timestamp("https://web.archive.org/web/20079999999999/x") is None
    assert wayback_timestamp("https://example.org/") is None


@pytest.mark.parametrize(
    "headers, body",
    [
        ({"Location": "/web/20070104093000/http://www.nysun.com/article/46032"}, ""),
        ({"Content-Location": "/web/20070104093000/http://www.nysun.com/article/46032"}, ""),
        (
            {
                "Link": '<http://www.nysun.com/article/46032>; rel="original", '
                '<https://web.archive.org/web/20070104093000/http://www.nysun.com/article/46032>; rel="memento"'
            },
            "",
        ),
        ({}, '<a href="/web/20070104093000/http://www.nysun.com/article/46032">the capture</a>'),
    ],
)
def test_save_page_now_answers_in_every_form(headers, body):
    response = httpx.Response(200, headers=headers, text=body)
    assert _capture_from(response, "https://web.archive.org/save/", "http://www.nysun.com/article/46032") == SNAPSHOT


def test_in_the_page_only_a_copy_of_this_url_counts():
    body = (
        '<a href="/web/20200101000000/http://other.example/">another capture</a> '
        '<a href="/web/20070104093000/https://www.nysun.com/article/46032">this one</a>'
    )
    response = httpx.Response(200, text=body)
    found = _capture_from(response, "https://web.archive.org/save/", "http://www.nysun.com/article/46032")
    assert found == "https://web.archive.org/web/20070104093000/https://www.nysun.com/article/46032"
    assert (
        _capture_from(
            httpx.Response(200, text=body.split(" <a")[0]),
            "https://web.archive.org/save/",
            "http://www.nysun.com/article/46032",
        )
        is None
    )


def test_archive_url_is_set_or_replaced_keeping_the_file(tmp_path):
    path = tmp_path / "lake.toml"
    path.write_text("# kept\n" + LAKE, encoding="utf-8")
    assert add_archive_url(path, SNAPSHOT)
    text = path.read_text(encoding="utf-8")
    assert text == "# kept\n" + LAKE.replace('46032"\n', f'46032"\narchive_url = "{SNAPSHOT}"\n', 1)
    assert not add_archive_url(path, "https://web.archive.org/web/2020/x", replace=False)
    assert add_archive_url(path, SNAPSHOT.replace("2007", "2008"))
    assert path.read_text(encoding="utf-8").count("archive_url") == 1 and "web/20080104" in path.read_text()


def test_an_archive_url_that_would_make_the_entry_invalid_is_refused(tmp_path):
    path = tmp_path / "lake.toml"
    path.write_text(LAKE, encoding="utf-8")
    with pytest.raises(DossierError, match="invalid; left unchanged"):
        add_archive_url(path, "javascript:alert(1)")
    assert path.read_text(encoding="utf-8") == LAKE


def test_cite_prefer_archive_cites_the_archived_copy(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"lake": LAKE.replace("tags =", f'archive_url = "{SNAPSHOT}"\ntags =')})
    entry = open_dossier(root).get("lake")
    assert prefer_archive(entry).url == SNAPSHOT and prefer_archive(entry).archive_url == SNAPSHOT
    plain = run("cite", "lake:3", "--dir", root).stdout
    archived = run("cite", "lake:3", "--dir", root, "--prefer-archive").stdout
    assert plain.endswith("3, http://www.nysun.com/article/46032.\n")
    assert archived.endswith(f"3, {SNAPSHOT}.\n")


def test_a_hostile_archive_endpoint_is_read_within_a_budget():
    from dossiercli.links.archive import find_archived, save_pages
    from dossiercli.links.options import LinkOptions
    from linkserver import start_server

    server, _ = start_server()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        # 3 MB of gzipped text, then a stacked gzip: answers, not memory, are what come back
        options = LinkOptions(
            allow_private=True, timeout=5, archive_endpoint=base + "/gzip-big", save_endpoint=base + "/stacked-gzip?"
        )
        assert find_archived(["http://www.nysun.com/article/46032"], options) == {}
        (capture,) = save_pages(["http://www.nysun.com/article/46032"], options)
        assert capture.archive_url is None and "stacked content codings refused" in capture.error
    finally:
        server.shutdown()
