"""`dossier check-urls` end to end, against a server on 127.0.0.1 (never the internet)."""

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
    return f'# a comment that must survive\ntype = "webpage"\ntitle = "A page"\nURL = "{url}"\n{extra}\n[[excerpts]]\ntext = "x"\n'


def make(tmp_path, base, config=""):
    return write_dossier(
        tmp_path / "d",
        {
            "good": page(base + "/ok"),
            "dead": page(base + "/missing"),
            "rescued": page(base + "/gone", f'archive_url = "{base}/ok"'),
        },
        config='title = "Links"\n' + config,
    )


FAST = ["--allow-private", "--timeout", "1", "--retries", "0", "--no-cache"]


def test_broken_links_exit_1_and_are_listed(run, server, tmp_path):
    base, _ = server
    root = make(tmp_path, base)
    result = run("check-urls", "--dir", root, *FAST, "--offline-archive")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert any(line.startswith("broken      404  " + base + "/missing  [dead]") for line in lines)
    assert any(line.startswith("ok          200  " + base + "/ok  [good, rescued]") for line in lines)
    assert f"archive_url: {base}/ok" in result.stdout  # the entry's own archived copy is shown
    assert "links: 2 broken, 1 ok" in result.stderr


def test_warn_only_exits_0(run, server, tmp_path):
    base, _ = server
    assert run("check-urls", "--dir", make(tmp_path, base), *FAST, "--offline-archive", "--warn-only").exit_code == 0


def test_loopback_is_skipped_by_default(run, server, tmp_path):
    base, state = server
    result = run("check-urls", "--dir", make(tmp_path, base), "--no-cache", "--offline-archive")
    assert result.exit_code == 0
    assert result.stdout.count("skipped") == 3 and "loopback" in result.stdout


def test_json_and_github_formats(run, server, tmp_path):
    base, _ = server
    root = make(tmp_path, base)
    data = json.loads(run("check-urls", "--dir", root, *FAST, "--offline-archive", "--format", "json").stdout)
    assert data["counts"] == {"broken": 2, "ok": 1}
    github = run("check-urls", "--dir", root, *FAST, "--offline-archive", "--format", "github").stdout
    assert "::error file=" in github and "dead.toml,line=4,title=link broken::" in github


def test_archived_copy_is_found_and_written_keeping_the_file(run, server, tmp_path):
    base, state = server
    state.archive[base + "/missing"] = "https://web.archive.org/web/2007/http://www.nysun.com/article/46032"
    root = make(tmp_path, base)
    before = (root / "entries" / "dead.toml").read_text()
    result = run("check-urls", "--dir", root, *FAST, "--archive-endpoint", base + "/wayback", "--write-archive")
    assert "archived copy: https://web.archive.org/web/2007/" in result.stdout
    after = (root / "entries" / "dead.toml").read_text()
    assert after == before.replace(
        f'URL = "{base}/missing"\n',
        f'URL = "{base}/missing"\narchive_url = "https://web.archive.org/web/2007/http://www.nysun.com/article/46032"\n',
    )
    assert after.startswith("# a comment that must survive")
    assert run("validate", "--dir", root).exit_code == 0


def test_results_are_cached(run, server, tmp_path):
    base, state = server
    root = make(tmp_path, base)
    args = ["check-urls", "--dir", root, "--allow-private", "--timeout", "1", "--retries", "0", "--offline-archive"]
    run(*args)
    hits = dict(state.hits)
    second = run(*args)
    assert state.hits == hits and second.stdout.count("[cached]") == 3
    assert (root / ".dossier-cache" / "links.json").exists()
    run(*args, "--max-age", "0s")
    assert state.hits != hits


def test_config_in_dossier_toml_and_its_errors(run, server, tmp_path):
    base, _ = server
    root = make(tmp_path, base, '[links]\nallow_private = true\nexclude = ["/missing$"]\naccept = [410]\n')
    result = run("check-urls", "--dir", root, "--no-cache", "--offline-archive", "--retries", "0")
    assert result.exit_code == 0 and "skipped" in result.stdout and "matches exclude pattern" in result.stdout
    bad = make(tmp_path / "b", base, "[links]\nper_hots = 3\n")
    result = run("check-urls", "--dir", bad)
    assert result.exit_code == 2 and "dossier.toml: [links] has no setting 'per_hots'" in result.stderr


def test_bad_max_age_is_a_usage_error(run, server, tmp_path):
    base, _ = server
    result = run("check-urls", "--dir", make(tmp_path, base), "--max-age", "soon")
    assert result.exit_code == 2 and "--max-age 'soon'" in result.stderr
