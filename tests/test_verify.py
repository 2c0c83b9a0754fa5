"""`dossier verify` end to end: pages served from 127.0.0.1, one case per way a quote fares."""

import json

import pytest

from conftest import write_dossier
from linkserver import start_server

QUOTE = (
    "Iran is supporting both Sunni and Shiite terrorists in the Iraqi civil war, according to "
    "secret Iranian documents captured by Americans in Iraq."
)
SECOND = 'An official said it comprised a "smoking gun."'


def article(body: str, title="Iran's Secret Plan For Mayhem") -> bytes:
    return (
        f"<!doctype html><html><head><title>{title}</title><script>var q = '{QUOTE}';</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<div class='cookie-consent'>We use cookies.</div>"
        f"<article><h1>{title}</h1>{body}</article><footer>© 2007 The Sun</footer></body></html>"
    ).encode()


PAGES = {
    "/present": article(f"<p>WASHINGTON — {QUOTE}</p><p>An official said it comprised a “smoking gun.”</p>"),
    # curly quotes, other line breaks, a soft hyphen, an entity, inline markup splitting the text
    "/typeset": article(
        "<p>WASHINGTON &mdash; Iran is supporting both Sunni and Shi&shy;ite\nterrorists in the "
        "<em>Iraqi</em>\n  civil war, according to secret Iranian docu\u00adments captured by "
        "Americans in Iraq.</p><p>An official said it comprised a &ldquo;smoking gun.&rdquo;</p>"
    ),
    "/edited": article(
        "<p>WASHINGTON — Iran is supporting both Sunni and Shia terrorists in the Iraqi civil war, "
        "according to secret Iranian documents captured by Americans in Iraq.</p>"
        "<p>An official said it comprised a “smoking gun.”</p>"
    ),
    "/removed": article("<p>WASHINGTON — Iran denied any role in Iraq on Tuesday.</p><p>Nothing else was said.</p>"),
}


@pytest.fixture(scope="module")
def servers():
    live, live_state = start_server()
    archive, archive_state = start_server()
    for path, body in PAGES.items():
        live_state.pages[path] = ("text/html; charset=utf-8", body)
    archive_state.pages["/copy"] = ("text/html; charset=utf-8", PAGES["/present"])
    yield (
        f"http://127.0.0.1:{live.server_address[1]}",
        live_state,
        f"http://127.0.0.1:{archive.server_address[1]}",
        archive_state,
    )
    live.shutdown()
    archive.shutdown()


def entry(url, archive_url=None, highlights=("Iran is supporting both Sunni and Shiite terrorists",)):
    extra = f'archive_url = "{archive_url}"\n' if archive_url else ""
    quoted = ", ".join(json.dumps(h) for h in highlights)
    return (
        f'type = "article-newspaper"\ntitle = "Iran\'s Secret Plan For Mayhem"\ncontainer-title = "New York Sun"\n'
        f'issued = 2007-01-03\nURL = "{url}"\n{extra}\n[[excerpts]]\n'
        f'text = """WASHINGTON — {QUOTE.replace(" terrorists", chr(10) + "terrorists")}"""\nhighlights = [{quoted}]\n\n[[excerpts]]\ntext = {json.dumps(SECOND)}\n'
    )


def dossier(tmp_path, **entries):
    return write_dossier(tmp_path / "d", entries)


def verify(run, root, *args):
    return run("verify", "--dir", root, "--allow-private", "--timeout", "2", "--retries", "0", *args)


def excerpts(result):
    data = json.loads(result.stdout)
    return {s["entry_id"]: [(x["status"], x["where"]) for x in s["excerpts"]] for s in data["sources"]}, data


def test_every_case(run, servers, tmp_path):
    live, _, archive, _ = servers
    root = dossier(
        tmp_path,
        present=entry(live + "/present"),
        typeset=entry(live + "/typeset"),
        edited=entry(live + "/edited"),
        removed=entry(live + "/removed"),
        rescued=entry(live + "/removed", archive + "/copy"),
        soft=entry(live + "/soft-404"),
        walled=entry(live + "/wall"),
        walled_archived=entry(live + "/wall", archive + "/copy"),
    )
    result = verify(run, root, "--format", "json")
    assert result.exit_code == 1, result.output
    states, data = excerpts(result)
    assert states["present"] == [("found", "live"), ("found", "live")]
    assert states["typeset"] == [("found", "live"), ("found", "live")]
    assert states["edited"] == [("changed", "live"), ("found", "live")]
    assert states["removed"] == [("missing", "live"), ("missing", "live")]
    assert states["rescued"] == [("archived", "archive"), ("archived", "archive")]
    assert states["soft"][0][0] == "unreachable"
    assert states["walled"][0][0] == "unreachable"
    assert states["walled_archived"] == [("archived", "archive"), ("archived", "archive")]
    by_id = {s["entry_id"]: s for s in data["sources"]}
    edited = by_id["edited"]["excerpts"][0]
    assert edited["diff"] == "…supporting both Sunni and [-Shiite-]{+Shia+} terrorists in the Iraqi…"
    assert 0.9 < edited["similarity"] < 1
    assert edited["passage"].startswith("WASHINGTON — Iran is supporting both Sunni and Shia terrorists")
    assert edited["highlights"] == [
        {
            "text": "Iran is supporting both Sunni and Shiite terrorists",
            "found": False,
            "similarity": 0.875,  # 7 of 8 words: 2·7/16
            "passage": "Iran is supporting both Sunni and Shia terrorists",
        }
    ]
    assert "soft-404" in by_id["soft"]["excerpts"][0]["detail"]
    assert "blocked" in by_id["walled"]["excerpts"][0]["detail"]
    assert "the live page cannot be read (blocked" in by_id["walled_archived"]["excerpts"][0]["detail"]
    assert data["counts"] == {"found": 5, "archived": 4, "changed": 1, "missing": 2, "unreachable": 4}


def test_text_output_shows_the_closest_passage_and_the_diff(run, servers, tmp_path):
    live, *_ = servers
    root = dossier(tmp_path, edited=entry(live + "/edited"))
    result = verify(run, root)
    assert result.exit_code == 0  # changed does not fail by default
    assert "  excerpt 1: changed (similarity 0.9" in result.stdout
    assert "    diff:    …supporting both Sunni and [-Shiite-]{+Shia+} terrorists in the Iraqi…" in result.stdout
    assert "    highlight 1 not found: “Iran is supporting both Sunni and Shiite terrorists”" in result.stdout
    assert "verify: 1 found, 1 changed" in result.stderr
    assert verify(run, root, "--fail-on", "changed").exit_code == 1


def test_github_annotations_point_at_the_excerpt(run, servers, tmp_path):
    live, *_ = servers
    root = dossier(tmp_path, removed=entry(live + "/removed"))
    result = verify(run, root, "--format", "github")
    lines = result.stdout.splitlines()
    assert (
        lines[0].startswith("::error file=")
        and "removed.toml,line=8,title=excerpt missing::excerpt 1: not found" in lines[0]
    )
    assert "removed.toml,line=13," in lines[1]


def test_results_are_cached_by_page_content(run, servers, tmp_path):
    live, state, *_ = servers
    root = dossier(tmp_path, edited=entry(live + "/edited"))
    first = verify(run, root)
    assert "[cached]" not in first.stdout
    second = verify(run, root)
    assert second.stdout.count("[cached]") == 2  # the page was fetched again, its content unchanged: no matching
    state.pages["/edited2"] = ("text/html", PAGES["/edited"] + b"<!-- changed -->")
    (root / "entries" / "edited.toml").write_text(entry(live + "/edited2"))
    assert "[cached]" not in verify(run, root).stdout


def test_archived_flag_reads_only_the_copy(run, servers, tmp_path):
    live, live_state, archive, _ = servers
    root = dossier(tmp_path, rescued=entry(live + "/removed", archive + "/copy"))
    hits = live_state.hits.get("/removed", 0)
    states, _ = excerpts(verify(run, root, "--archived", "--format", "json"))
    assert states["rescued"] == [("found", "archive"), ("found", "archive")]
    assert live_state.hits.get("/removed", 0) == hits


def test_loopback_is_refused_by_default(run, servers, tmp_path):
    live, *_ = servers
    root = dossier(tmp_path, present=entry(live + "/present"))
    result = run("verify", "--dir", root)
    assert result.exit_code == 1 and "unreachable: live: skipped: 127.0.0.1 resolves to a loopback" in result.stdout


def test_offline_is_one_line(run, tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_NETWORK_PROBE", "no-such-probe.invalid")
    root = dossier(tmp_path, a=entry("http://no-such-host.invalid/a"), b=entry("http://other.invalid/b"))
    result = run("verify", "--dir", root, "--timeout", "2", "--retries", "0")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "network looks down" in result.stderr
    assert "Traceback" not in result.output


def test_a_pdf_source_is_read_with_pypdf(run, servers, tmp_path):
    pytest.importorskip("pypdf", reason="pypdf (the optional [pdf] extra) is not installed")
    from test_verify_extract import minimal_pdf

    live, state, *_ = servers
    state.pages["/report.pdf"] = ("application/pdf", minimal_pdf('An official said it comprised a "smoking gun."'))
    root = dossier(tmp_path, report=entry(live + "/report.pdf"))
    states, data = excerpts(verify(run, root, "--format", "json"))
    assert states["report"][1] == ("found", "live")
    assert data["sources"][0]["live"]["kind"] == "pdf"


def test_archived_without_an_archive_url_says_so(run, servers, tmp_path):
    live, *_ = servers
    root = dossier(tmp_path, present=entry(live + "/present"))
    states, data = excerpts(verify(run, root, "--archived", "--format", "json"))
    assert states["present"][0][0] == "unreachable"
    assert data["sources"][0]["excerpts"][0]["detail"] == "no archive_url to read (--archived)"


def test_a_wayback_copy_is_read_raw_without_the_toolbar():
    from dossiercli.links.verify import fetch_url

    assert (
        fetch_url("https://web.archive.org/web/20070104093000/http://www.nysun.com/article/46032")
        == "https://web.archive.org/web/20070104093000id_/http://www.nysun.com/article/46032"
    )
    assert (
        fetch_url("http://web.archive.org/web/2007if_/http://x.org/")
        == "http://web.archive.org/web/2007id_/http://x.org/"
    )
    assert fetch_url("https://example.org/web/2007/x") == "https://example.org/web/2007/x"
