"""`dossier manuscript --check-quotes` (and in --check): reports, exit status, --fail-on, --online, --add-excerpts.

The pages of --online come from a real HTTP server on 127.0.0.1 (tests/linkserver.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tomli

from conftest import AP, LAKE, REPO, write_dossier
from linkserver import start_server
from terminal import Terminal

PAGE = (
    b"<html><head><title>Iran helping Sunni insurgents</title></head><body><nav>Home | World</nav><article>"
    b"<p>BAGHDAD (AP) A U.S. military spokesman said Wednesday that Shiite-dominated Iran is providing support "
    b"to some Sunni insurgents fighting American forces in Iraq.</p>"
    b"<p>Caldwell said the weapons issue was still being investigated. He called the support "
    b"&ldquo;limited to select groups&rdquo; and would not name them.</p></article></body></html>"
)


def write(folder: Path, text: str, name: str = "paper.md") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def site():
    server, state = start_server()
    state.pages["/ap"] = ("text/html; charset=utf-8", PAGE)
    yield f"http://127.0.0.1:{server.server_address[1]}", state
    server.shutdown()


def test_verbatim_quotations_pass_and_the_summary_counts_them(run, tmp_path):
    paper = write(tmp_path, 'Lake: "Iran is supporting both Sunni and Shiite terrorists" [@lake2007-iran].\n')
    result = run("manuscript", paper, "--check-quotes", "--dir", REPO)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"{paper}: quotations: 1 verbatim\n"


def test_an_altered_quotation_fails_with_its_line_diff_and_closest_passage(run, tmp_path):
    paper = write(tmp_path, 'Lake: "Iran is supporting both Sunni and Shia terrorists" [@lake2007-iran].\n')
    result = run("manuscript", paper, "--check-quotes", "--dir", REPO)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{paper}:1:7: quotation altered (similarity 0.875, lake2007-iran-secret-plan, excerpt 1): "
        "…supporting both Sunni and [-Shia-]{+Shiite+} terrorists",
        "    quoted:  “Iran is supporting both Sunni and Shia terrorists”",
        "    closest: “Iran is supporting both Sunni and Shiite\nterrorists”".replace("\n", " "),
        f"{paper}: quotations: 1 altered",
    ]


def test_fail_on_chooses_what_fails(run, tmp_path):
    paper = write(tmp_path, 'Keaten: "clear" evidence [@keaten2007].\n\nLake: "Shia terrorists" [@lake2007-iran].\n')
    default = run("manuscript", paper, "--check-quotes", "--dir", REPO)
    assert default.exit_code == 1  # "Shia terrorists" is not in Lake's excerpts
    assert "1:9: warning: quotation not checked: keaten2007-us-diplomat-nato has no excerpt" in default.stderr
    assert "(add the passage: dossier excerpt keaten2007-us-diplomat-nato)" in default.stderr
    only_missing_excerpts = run("manuscript", paper, "--check-quotes", "--fail-on", "no-excerpt", "--dir", REPO)
    assert only_missing_excerpts.exit_code == 1
    assert "1:9: quotation not checked" in only_missing_excerpts.stderr
    assert "3:7: warning: quotation not found" in only_missing_excerpts.stderr
    far = write(tmp_path, '"Iran is supporting both … the Iraqi civil war" [@lake2007-iran].\n', "far.md")
    assert run("manuscript", far, "--check-quotes", "--dir", REPO).exit_code == 0
    assert run("manuscript", far, "--check-quotes", "--fail-on", "far-ellipsis", "--dir", REPO).exit_code == 0
    far.write_text('"WASHINGTON … the Quds Force" [@lake2007-iran].\n', encoding="utf-8")
    result = run("manuscript", far, "--check-quotes", "--fail-on", "far-ellipsis", "--dir", REPO)
    assert result.exit_code == 1 and "joins passages far apart" in result.stderr
    negation = write(tmp_path, '"I … think we\'ve gone so far" [@caldwell2007-weekly].\n', "negation.md")
    result = run("manuscript", negation, "--check-quotes", "--dir", REPO)
    assert result.exit_code == 0 and "1:1: warning: … leaves out “don't”" in result.stderr
    assert run("manuscript", negation, "--check-quotes", "--fail-on", "dropped-negation", "--dir", REPO).exit_code == 1


def test_json_report(run, tmp_path):
    paper = write(tmp_path, 'Lake: "Iran is supporting both Sunni and Shia terrorists" [@lake2007-iran].\n')
    data = json.loads(run("manuscript", paper, "--check-quotes", "--report", "json", "--dir", REPO).stdout)
    assert list(data) == ["schema_version", "file", "ok", "counts", "quotations"]
    assert data["schema_version"] == 1 and data["ok"] is False and data["counts"]["altered"] == 1
    (quotation,) = data["quotations"]
    assert {k: quotation[k] for k in ("line", "column", "status", "entry", "excerpt", "similarity", "diff")} == {
        "line": 1,
        "column": 7,
        "status": "altered",
        "entry": "lake2007-iran-secret-plan",
        "excerpt": 1,
        "similarity": 0.875,
        "diff": "…supporting both Sunni and [-Shia-]{+Shiite+} terrorists",
    }
    assert quotation["sources"] == ["lake2007-iran-secret-plan"] and quotation["how"] == "citation"


def test_github_annotations(run, tmp_path):
    paper = write(tmp_path, 'Lake: "Iran is supporting both Sunni and Shia terrorists" [@lake2007-iran].\n')
    result = run("manuscript", paper, "--check-quotes", "--report", "github", "--dir", REPO)
    name = str(paper).replace(":", "%3A").replace(",", "%2C")
    assert result.stdout == (
        f"::error file={name},line=1,col=7,title=quotation altered::quotation altered (similarity 0.875, "
        "lake2007-iran-secret-plan, excerpt 1): …supporting both Sunni and [-Shia-]{+Shiite+} terrorists\n"
    )


def test_check_reports_quotations_with_the_citations(run, tmp_path):
    paper = write(
        tmp_path, 'Lake: "Iran is supporting both Sunni and Shia terrorists" [@lake2007-iran] and [@nobody].\n'
    )
    result = run("manuscript", paper, "--check", "--report", "json", "--dir", REPO)
    assert result.exit_code == 1
    assert [(f["column"], f["severity"], f["message"][:30]) for f in json.loads(result.stdout)] == [
        (7, "error", "quotation altered (similarity "),
        (82, "error", "unknown source 'nobody'"),
    ]
    fine = write(tmp_path, 'Lake: "Iran is supporting both" [@lake2007-iran].\n', "fine.md")
    result = run("manuscript", fine, "--check", "--dir", REPO)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"{fine}: quotations: 1 verbatim",
        f"{fine}: ok: 1 notes, 1 citations of 1 sources",
    ]


def test_writing_the_manuscript_checks_no_quotations(run, tmp_path):
    paper = write(tmp_path, 'Lake: "Shia terrorists" [@lake2007-iran].\n')
    result = run("manuscript", paper, "--dir", REPO)
    assert result.exit_code == 0 and "quotation" not in result.stderr


def test_add_excerpts_needs_online(run, tmp_path):
    paper = write(tmp_path, 'Lake: "x" [@lake2007-iran].\n')
    result = run("manuscript", paper, "--check-quotes", "--add-excerpts", "--dir", REPO)
    assert result.exit_code == 2 and "--add-excerpts adds what --online finds" in result.stderr


# -- --online: the source's page, through verify's fetcher ------------------------------------------------


def online_dossier(tmp_path: Path, base: str, archive: str | None = None) -> Path:
    urls = f'URL = "{base}/ap"\n' + (f'archive_url = "{archive}"\n' if archive else "")
    return write_dossier(
        tmp_path / "d", {"lake2007": LAKE, "ap2007": AP.replace("[[excerpts]]", urls + "\n[[excerpts]]")}
    )


def test_online_finds_a_quotation_at_the_sources_page(run, tmp_path, site):
    base, state = site
    root = online_dossier(tmp_path, base)
    paper = write(tmp_path, 'Caldwell called the support "limited to select groups" [@ap2007].\n')
    offline = run("manuscript", paper, "--check-quotes", "--dir", root)
    assert offline.exit_code == 1 and "quotation not found in the excerpts of ap2007" in offline.stderr
    refused = run("manuscript", paper, "--check-quotes", "--online", "--dir", root)
    assert refused.exit_code == 1 and "could not be read" in refused.stderr  # loopback: the private-address guard
    assert state.hits.get("/ap") is None
    result = run(
        "manuscript", paper, "--check-quotes", "--online", "--allow-private", "--report", "json", "--dir", root
    )
    assert result.exit_code == 0, result.stderr
    (quotation,) = json.loads(result.stdout)["quotations"]
    assert quotation["status"] == "at-source"
    (online,) = quotation["online"]
    assert (online["url"], online["where"], online["found"], online["passage"]) == (
        f"{base}/ap",
        "live",
        True,
        "limited to select groups",
    )
    assert online["context"] == "He called the support “limited to select groups” and would not name them."


def test_online_falls_back_to_the_archived_copy(run, tmp_path, site):
    base, state = site
    state.pages["/copy"] = ("text/html", PAGE)
    root = online_dossier(tmp_path, base, archive=base + "/copy")
    state.pages.pop("/ap")  # the live page is gone (404)
    paper = write(tmp_path, 'He called the support "limited to select groups" [@ap2007].\n')
    result = run("manuscript", paper, "--check-quotes", "--online", "--allow-private", "--dir", root)
    assert result.exit_code == 0, result.stderr
    assert "quotation found at ap2007's archived copy" in result.stderr


def test_online_reports_the_closest_passage_when_the_page_lacks_it_too(run, tmp_path, site):
    base, _ = site
    root = online_dossier(tmp_path, base)
    paper = write(tmp_path, 'He called the support "limited to a few groups" [@ap2007].\n')
    result = run("manuscript", paper, "--check-quotes", "--online", "--allow-private", "--dir", root)
    assert result.exit_code == 1
    assert "not at ap2007's page either (closest 0.666: limited to [-a few-]{+select+} groups)" in result.stderr


def test_add_excerpts_adds_the_pages_sentence_with_the_quotation_highlighted(run, tmp_path, site):
    base, _ = site
    root = online_dossier(tmp_path, base)
    paper = write(tmp_path, 'He called the support "limited to select groups" [@ap2007].\n')
    result = run("manuscript", paper, "--check-quotes", "--online", "--add-excerpts", "--allow-private", "--dir", root)
    assert result.exit_code == 0, result.stderr
    assert "added an excerpt to " in result.stderr
    data = tomli.loads((root / "entries" / "ap2007.toml").read_text(encoding="utf-8"))
    assert data["excerpts"][-1] == {
        "text": "He called the support “limited to select groups” and would not name them.",
        "highlights": ["limited to select groups"],
    }
    again = run("manuscript", paper, "--check-quotes", "--dir", root)
    assert again.exit_code == 0 and "1 verbatim" in again.stderr


def test_add_excerpts_asks_first_on_a_terminal(tmp_path, site):
    base, _ = site
    root = online_dossier(tmp_path, base)
    paper = write(tmp_path, 'He called the support "limited to select groups" [@ap2007].\n')
    before = (root / "entries" / "ap2007.toml").read_text(encoding="utf-8")
    args = ("manuscript", str(paper), "--check-quotes", "--online", "--add-excerpts", "--allow-private")
    term = Terminal(*args, "--dir", str(root))
    term.answer("Add to ap2007 the excerpt", "n")
    assert term.wait() == 0
    assert (root / "entries" / "ap2007.toml").read_text(encoding="utf-8") == before
    term = Terminal(*args, "--dir", str(root))
    term.answer("Add to ap2007 the excerpt", "y")
    assert term.wait() == 0
    assert "limited to select groups" in (root / "entries" / "ap2007.toml").read_text(encoding="utf-8")


def test_the_json_is_as_docs_json_output_documents_it(run, tmp_path):
    from test_json_output import check as check_documented

    paper = write(tmp_path, 'Lake: "Iran is supporting both Sunni and Shia terrorists" [@lake2007-iran].\n')
    data = json.loads(run("manuscript", paper, "--check-quotes", "--report", "json", "--dir", REPO).stdout)
    check_documented(data, "manuscript PAPER --check-quotes")
