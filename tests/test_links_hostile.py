"""Hostile answers never end a check-urls run: each becomes that URL's result (issue 18)."""

import pytest

from dossiercli.links.checker import check_urls, retry_after_seconds
from dossiercli.links.options import LinkOptions
from dossiercli.links.types import Status
from linkserver import start_server

FAST = LinkOptions(
    timeout=1, total_timeout=5, retries=1, backoff=0.05, allow_private=True, max_retry_after=1, max_bytes=1_000_000
)


@pytest.fixture(scope="module")
def server():
    server, state = start_server()
    yield f"http://127.0.0.1:{server.server_address[1]}", state
    server.shutdown()


def test_every_hostile_answer_is_a_result_and_the_others_are_still_checked(server):
    base, _ = server
    urls = [
        base + "/bad-port",
        base + "/backslash",
        base + "/retry-superscript",
        base + "/a\x01b",
        base + "/stacked-gzip",
        base + "/ok",
    ]
    results = {r.url: r for r in check_urls(urls, FAST)}
    assert results[base + "/bad-port"].status is Status.INVALID
    assert "99999" in results[base + "/bad-port"].detail
    assert results[base + "/backslash"].status is Status.INVALID
    assert "redirect to" in results[base + "/backslash"].detail  # the Location is refused, the 302 kept
    assert "backslash" in results[base + "/backslash"].detail
    assert results[base + "/retry-superscript"].status is Status.BLOCKED  # 429, Retry-After unreadable: plain backoff
    assert results[base + "/a\x01b"].status is Status.INVALID
    assert "control character" in results[base + "/a\x01b"].detail
    assert results[base + "/stacked-gzip"].status is Status.ERROR
    assert "stacked content codings refused" in results[base + "/stacked-gzip"].detail
    assert results[base + "/ok"].status is Status.OK


def test_a_compressed_page_is_read_only_up_to_the_budget(server):
    base, _ = server
    options = LinkOptions(**{**FAST.__dict__, "max_bytes": 100_000})
    (result,) = check_urls([base + "/gzip-big"], options, want_body=True)
    assert result.status is Status.OK and len(result.body) == 100_000  # 3 MB unpacked: only 100 KB kept


@pytest.mark.parametrize(
    "value, seconds",
    [
        ("\u00b2", None),
        ("\u0663", None),
        ("3", 1),
        ("-1", None),
        ("99999999999999999999", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),
        ("Wed, 21 Oct 99999 07:28:00 GMT", None),
    ],
)
def test_retry_after_reads_only_ascii_digits_and_dates(value, seconds):
    assert retry_after_seconds(value, cap=1) == seconds


def test_check_urls_cli_survives_a_hostile_dossier(run, server, tmp_path):
    from conftest import write_dossier

    base, _ = server
    entries = {
        f"e{i}": f'type = "webpage"\ntitle = "P"\nURL = "{base}{path}"\n'
        for i, path in enumerate(["/bad-port", "/backslash", "/retry-superscript", "/ok"])
    }
    root = write_dossier(tmp_path / "d", entries)
    result = run("check-urls", "--dir", root, "--allow-private", "--no-cache", "--offline-archive", "--retries", "0")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "invalid" in result.stdout and "ok          200" in result.stdout
