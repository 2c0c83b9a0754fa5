"""Link-health history, the grace period, brief caching of transient failures, archives (check-urls, links, archive)."""

import json

import pytest

from conftest import write_dossier
from linkserver import start_server


@pytest.fixture(scope="module")
def server():
    server, state = start_server()
    yield f"http://127.0.0.1:{server.server_address[1]}", state
    server.shutdown()


def page(url, extra=""):
    return f'type = "webpage"\ntitle = "A page"\nURL = "{url}"\n{extra}'


ARGS = ["--allow-private", "--timeout", "1", "--retries", "0", "--offline-archive"]


def age_cache(root, seconds):
    """Make every cached result `seconds` older, as if the runs had been that far apart."""
    path = root / ".dossier-cache" / "links.json"
    data = json.loads(path.read_text())
    for item in data.values():
        for key in ("checked_at", "first_broken", "last_ok"):
            if item.get(key):
                item[key] -= seconds
    path.write_text(json.dumps(data))


def test_a_flapping_link_fails_only_after_the_grace_period(run, server, tmp_path):
    base, state = server
    state.flap_ok = True
    root = write_dossier(tmp_path / "d", {"flap": page(base + "/flap")})
    args = ["check-urls", "--dir", root, *ARGS, "--max-age", "0s", "--grace", "7d"]
    assert run(*args).exit_code == 0
    state.flap_ok = False
    first = run(*args)  # broken today: reported, inside the grace period
    assert first.exit_code == 0 and "within the grace period, not failing" in first.stdout
    age_cache(root, 3 * 86400)
    state.flap_ok = True
    assert run(*args).exit_code == 0
    state.flap_ok = False
    age_cache(root, 3 * 86400)
    assert run(*args).exit_code == 0  # broken again, but its clock restarted when it came back
    age_cache(root, 8 * 86400)
    late = run(*args)  # broken for eight days now
    assert late.exit_code == 1 and "broken      404" in late.stdout
    history = json.loads(run("links", "history", "--dir", root, "--format", "json").stdout)
    (row,) = history
    assert row["state"] == "broken" and row["flips"] == 3 and row["last_ok"] is not None
    table = run("links", "history", "--dir", root).stdout
    assert "broken  broken" in table and base + "/flap (8.0 d)" in table


def test_without_grace_a_broken_link_fails_at_once(run, server, tmp_path):
    base, state = server
    root = write_dossier(tmp_path / "d", {"dead": page(base + "/missing")})
    assert run("check-urls", "--dir", root, *ARGS).exit_code == 1


def test_a_dns_failure_is_not_cached_for_a_day(run, server, tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_NETWORK_PROBE", "localhost")  # the network is up: the host is what failed
    base, state = server
    root = write_dossier(
        tmp_path / "d", {"dns": page("http://no-such-host.invalid/a"), "dead": page(base + "/missing")}
    )
    args = ["check-urls", "--dir", root, *ARGS, "--max-age", "1d"]
    run(*args)
    hits = state.hits.get("/missing")
    second = run(*args)  # at once: both reused
    assert second.stdout.count("[cached]") == 2
    age_cache(root, 3600)  # an hour later: the 404 is still trusted, the DNS failure is asked again
    third = run(*args)
    lines = {line.split()[0]: line for line in third.stdout.splitlines() if line[:1] != " "}
    assert "[cached]" not in lines["dns-failure"] and "[cached]" in lines["broken"]
    assert state.hits.get("/missing") == hits


def test_offline_is_one_line(run, tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_NETWORK_PROBE", "no-such-probe.invalid")  # the well-known name fails too
    root = write_dossier(
        tmp_path / "d", {"a": page("http://no-such-host.invalid/a"), "b": page("http://other-host.invalid/b")}
    )
    result = run("check-urls", "--dir", root, "--timeout", "2", "--retries", "0", "--offline-archive")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.strip().count("\n") == 0 and "the network looks down" in result.stderr
    assert not (root / ".dossier-cache" / "links.json").exists()


def test_hosts_that_are_gone_while_the_network_is_up_are_results(run, tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_NETWORK_PROBE", "localhost")  # the well-known name resolves: the network is up
    root = write_dossier(
        tmp_path / "d", {"a": page("http://no-such-host.invalid/a"), "b": page("http://other-host.invalid/b")}
    )
    result = run("check-urls", "--dir", root, "--timeout", "2", "--retries", "0", "--offline-archive")
    assert result.exit_code == 1 and result.stdout.count("dns-failure") == 2


def test_archive_endpoint_from_dossier_toml_passes_the_private_address_guard(run, server, tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_NETWORK_PROBE", "localhost")
    base, state = server
    state.archive["http://no-such-host.invalid/a"] = "https://web.archive.org/web/2007/http://x.org/"
    root = write_dossier(
        tmp_path / "d",
        {"a": page("http://no-such-host.invalid/a")},
        config=f'title = "T"\n[links]\narchive_endpoint = "{base}/wayback"\n',
    )
    result = run("check-urls", "--dir", root, "--timeout", "2", "--retries", "0")
    assert (
        "archive lookup skipped: archive_endpoint " + base + "/wayback: 127.0.0.1 resolves to a loopback"
        in result.stderr
    )
    assert state.hits.get("/wayback") is None


def test_write_archive_edits_through_the_toml_library(run, server, tmp_path):
    base, state = server
    tricky = 'https://web.archive.org/web/2007/http://x.org/?q="a"&b=\\'
    state.archive[base + "/missing"] = tricky.replace('"', "%22").replace("\\", "%5C")
    text = (
        f'title = """A page\n[[excerpts]]\nURL = "not a key"\n"""  # a title that looks like TOML\n'
        f'type = "webpage"\nURL = "{base}/missing"\n\n[[excerpts]]\ntext = """one\ntwo"""\n'
    )
    root = write_dossier(tmp_path / "d", {"dead": text})
    result = run("check-urls", "--dir", root, *ARGS[:-1], "--archive-endpoint", base + "/wayback", "--write-archive")
    assert "written to the entry" in result.stdout, result.output
    after = (root / "entries" / "dead.toml").read_text()
    assert after == text.replace(
        f'URL = "{base}/missing"\n', f'URL = "{base}/missing"\narchive_url = "{state.archive[base + "/missing"]}"\n'
    )
    assert run("validate", "--dir", root).exit_code == 0


def test_archive_asks_save_page_now_and_records_the_copy(run, server, tmp_path):
    base, state = server
    state.saved.clear()
    root = write_dossier(
        tmp_path / "d", {"a": page("http://www.nysun.com/article/46032"), "b": page("http://fail.example.org/x")}
    )
    result = run("archive", "a", "b", "--dir", root, "--save-endpoint", base + "/save/", "--allow-private")
    assert result.exit_code == 1  # b failed
    assert (
        f"a: {base}/web/20261128221300/http://www.nysun.com/article/46032 (captured 2026-11-28 22:13 UTC)"
        in result.stdout
    )
    assert "b: not archived: HTTP 520" in result.stderr
    assert (
        f'archive_url = "{base}/web/20261128221300/http://www.nysun.com/article/46032"'
        in (root / "entries" / "a.toml").read_text()
    )
    assert sorted(state.saved) == ["http://fail.example.org/x", "http://www.nysun.com/article/46032"]  # two at a time
    kept = run("archive", "a", "--dir", root, "--save-endpoint", base + "/save/", "--allow-private")
    assert kept.exit_code == 0 and "has archive_url already" in kept.stderr and len(state.saved) == 2
    refused = run("archive", "a", "--dir", root, "--save-endpoint", base + "/save/", "--replace")
    assert refused.exit_code == 2 and "save_endpoint" in refused.stderr and "loopback" in refused.stderr


def test_archive_offline_is_one_line(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"a": page("http://www.nysun.com/article/46032")})
    result = run("archive", "a", "--dir", root, "--save-endpoint", "http://no-such-host.invalid/save/")
    assert result.exit_code == 2 and "cannot reach the archive" in result.stderr and "Traceback" not in result.output


def test_history_is_empty_before_any_check_and_takes_the_global_dir(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"a": page("http://www.nysun.com/article/46032")})
    result = run("--dir", str(root), "links", "history")
    assert result.exit_code == 0 and "no link history yet" in result.stderr
    from dossiercli.links.cache import LinkCache
    from dossiercli.links.types import LinkResult, Status

    cache = LinkCache(root, 86400)
    cache.put(LinkResult("http://www.nysun.com/article/46032", Status.BROKEN, code=404, detail="HTTP 404"))
    cache.save()
    result = run("--dir", str(root), "links", "history")
    assert "broken  broken" in result.stdout and "http://www.nysun.com/article/46032 (0.0 d)" in result.stdout


def test_add_archive_captures_the_new_entry(run, server, tmp_path):
    base, state = server
    state.saved.clear()
    root = write_dossier(tmp_path / "d", {}, config=f'title = "T"\n[links]\nsave_endpoint = "{base}/save/"\n')
    args = [
        "add",
        "--dir",
        root,
        "--no-input",
        "--type",
        "article-newspaper",
        "--title",
        "Iran's Secret Plan For Mayhem",
        "--author",
        "Lake, Eli",
        "--container",
        "New York Sun",
        "--date",
        "2007-01-03",
        "--url",
        "http://www.nysun.com/article/46032",
        "--archive",
    ]
    refused = run(*args)  # the endpoint from dossier.toml is on loopback: refused, the entry is written anyway
    assert refused.exit_code == 0 and "warning: not archived: save_endpoint" in refused.stderr
    assert "loopback" in refused.stderr and state.saved == []
    (path,) = (root / "entries").glob("*.toml")
    path.unlink()
    result = run(*args, "--allow-private")
    assert result.exit_code == 0, result.output
    assert (
        f"archived: {base}/web/20261128221300/http://www.nysun.com/article/46032 (captured 2026-11-28 22:13 UTC)"
        in result.stdout
    )
    (path,) = (root / "entries").glob("*.toml")
    assert f'archive_url = "{base}/web/20261128221300/http://www.nysun.com/article/46032"' in path.read_text()
    assert run("validate", "--dir", root).exit_code == 0
