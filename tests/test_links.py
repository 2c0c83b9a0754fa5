"""The link checker against real servers on 127.0.0.1: every case classified, time bounded."""

import time

import pytest

from dossiercli.links.checker import check_urls, retry_after_seconds
from dossiercli.links.guard import forbidden_address
from dossiercli.links.options import HostRule, LinkOptions
from dossiercli.links.types import Status
from linkserver import refused_port, silent_server, start_server

FAST = LinkOptions(timeout=0.5, total_timeout=3, retries=1, backoff=0.05, allow_private=True, max_retry_after=2)


@pytest.fixture(scope="module")
def server():
    server, state = start_server()
    yield f"http://127.0.0.1:{server.server_address[1]}", state
    server.shutdown()


def check(url, options=FAST):
    (result,) = check_urls([url], options)
    return result


@pytest.mark.parametrize(
    "path, status, code",
    [
        ("/ok", Status.OK, 200),
        ("/missing", Status.BROKEN, 404),
        ("/gone", Status.BROKEN, 410),
        ("/no-head", Status.OK, 200),  # HEAD refused with 405, GET answers
        ("/slow", Status.OK, 200),
    ],
)
def test_plain_answers(server, path, status, code):
    base, _ = server
    result = check(base + path)
    assert (result.status, result.code) == (status, code), result


def test_permanent_redirect_suggests_the_new_url(server):
    base, _ = server
    result = check(base + "/moved")
    assert result.status is Status.REDIRECTED and result.permanent and result.target == base + "/ok"
    assert check(base + "/found").permanent is False


def test_redirect_loop_is_broken(server):
    base, _ = server
    result = check(base + "/loop-a")
    assert result.status is Status.BROKEN and "redirect loop" in result.detail


def test_a_500_then_200_is_retried_into_ok(server):
    base, state = server
    result = check(base + "/flaky")
    assert result.status is Status.OK and result.attempts == 2


def test_429_honours_retry_after(server):
    base, _ = server
    started = time.monotonic()
    result = check(base + "/busy")
    assert result.status is Status.OK and result.attempts == 2
    assert time.monotonic() - started >= 0.9  # waited the second the server asked for


def test_503_is_retried_then_broken(server):
    base, state = server
    result = check(base + "/unavailable")
    assert result.status is Status.BROKEN and result.code == 503 and result.attempts == 2


def test_a_server_that_never_answers_costs_at_most_the_total_timeout():
    sock = silent_server()
    try:
        started = time.monotonic()
        result = check(
            f"http://127.0.0.1:{sock.getsockname()[1]}/",
            LinkOptions(timeout=0.3, total_timeout=1.0, retries=5, backoff=0.05, allow_private=True),
        )
        assert result.status is Status.TIMEOUT
        assert time.monotonic() - started < 2.0
    finally:
        sock.close()


def test_a_slow_response_over_the_read_timeout_is_a_timeout(server):
    base, _ = server
    result = check(base + "/very-slow", LinkOptions(timeout=0.3, total_timeout=2, retries=0, allow_private=True))
    assert result.status is Status.TIMEOUT


def test_refused_port():
    result = check(f"http://127.0.0.1:{refused_port()}/")
    assert result.status is Status.REFUSED


def test_dns_failure():
    result = check("http://no-such-host.invalid/", LinkOptions(timeout=2, retries=0))
    assert result.status is Status.DNS_FAILURE


def test_loopback_is_refused_without_allow_private(server):
    base, state = server
    before = dict(state.hits)
    result = check(base + "/ok", LinkOptions(timeout=0.5))
    assert result.status is Status.SKIPPED and "loopback" in result.detail and "--allow-private" in result.detail
    assert state.hits == before  # no request was sent


@pytest.mark.parametrize(
    "address, kind",
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.1", "multicast"),
        ("::1", "loopback"),
        ("0.0.0.0", "unspecified"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
    ],
)
def test_forbidden_addresses(address, kind):
    assert forbidden_address(address).startswith(kind)


def test_public_addresses_are_allowed():
    assert forbidden_address("93.184.216.34") is None


def test_only_http_and_excluded_urls_are_skipped(server):
    base, _ = server
    assert check("ftp://example.org/").status is Status.SKIPPED
    options = LinkOptions(allow_private=True, exclude=(r"/missing$",))
    assert check(base + "/missing", options).status is Status.SKIPPED


def test_per_host_limit_holds():
    own, state = start_server()  # a server of its own: no request of another test still in flight
    base = f"http://127.0.0.1:{own.server_address[1]}"
    urls = [f"{base}/slow?n={n}" for n in range(8)]
    results = check_urls(urls, LinkOptions(per_host=2, concurrency=16, timeout=2, allow_private=True))
    assert all(r.status is Status.OK for r in results)
    assert state.max_active == 2
    own.shutdown()


def test_a_host_rule_sets_that_hosts_limit_and_the_others_keep_theirs():
    strict, strict_state = start_server()
    free, free_state = start_server()
    urls = [f"http://127.0.0.1:{s.server_address[1]}/slow?n={n}" for s in (strict, free) for n in range(6)]
    urls += [f"http://localhost:{free.server_address[1]}/slow?n={n}" for n in range(6)]  # another host name
    options = LinkOptions(
        per_host=3, concurrency=16, timeout=3, allow_private=True, hosts={"127.0.0.1": HostRule(per_host=1)}
    )
    results = check_urls(urls, options)
    assert all(r.status is Status.OK for r in results)
    assert strict_state.max_active == 1  # the rule's host: one at a time
    assert free_state.max_active == 4  # 1 as 127.0.0.1 (the rule) + 3 as localhost (a host name of its own)
    strict.shutdown()
    free.shutdown()


def test_accepted_status_codes_count_as_ok(server):
    base, _ = server
    assert check(base + "/gone", LinkOptions(allow_private=True, accept=(410,), retries=0)).status is Status.OK


def test_retry_after_forms():
    assert retry_after_seconds("5", cap=30) == 5
    assert retry_after_seconds("120", cap=30) == 30
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", cap=30) == 0
    assert retry_after_seconds("soon", cap=30) is None
