"""`dossier add --from-url`: pages served by a local server, found fields shown, the rest asked or listed."""

import json

import pytest
import tomli

import pageserver
from conftest import write_dossier


@pytest.fixture(scope="module")
def site():
    server, base, _ = pageserver.start()
    yield base
    server.shutdown()


def entry_files(root):
    return sorted(p.name for p in (root / "entries").iterdir())


def test_a_news_page_becomes_a_newspaper_article(run, tmp_path, site):
    root = write_dossier(tmp_path / "d", {})
    result = run(
        "add",
        "--dir",
        root,
        "--from-url",
        f"{site}/pages/news-byline.html",
        "--allow-private",
        "--no-input",
        "--tag",
        "iran",
    )
    assert result.exit_code == 0, result.output
    for shown in ("json-ld", "open-graph", "Robert H. Reid; Lara Jakes", "Example Tribune"):
        assert shown in result.stderr  # the table of what was found, and where
    assert result.stdout.splitlines() == [
        "wrote " + str(root / "entries" / "reid2007-us-iran-helping.toml"),
        "Robert H. Reid and Lara Jakes, “U.S.: Iran Helping Some Sunni Insurgents,” Example Tribune, May 9, 2007, "
        f"{site}/world/2007/05/09/iran-sunni.",
    ]
    assert run("validate", "--dir", root).exit_code == 0


def test_a_latin_1_government_release_becomes_a_press_release(run, tmp_path, site):
    root = write_dossier(tmp_path / "d", {})
    result = run(
        "add",
        "--dir",
        root,
        "--from-url",
        f"{site}/pages/release-latin.html",
        "--allow-private",
        "--no-input",
        "--id",
        "meae2007",
    )
    assert result.exit_code == 0, result.output
    table = tomli.loads((root / "entries" / "meae2007.toml").read_text(encoding="utf-8"))
    assert table["type"] == "press-release"
    assert table["publisher"] == "Ministère de l’Europe et des Affaires étrangères"
    assert table["title"] == "Iran : déclaration du porte-parole sur l’Irak"


def test_flags_win_over_what_the_page_says(run, tmp_path, site):
    root = write_dossier(tmp_path / "d", {})
    result = run(
        "add",
        "--dir",
        root,
        "--from-url",
        f"{site}/pages/journal.html",
        "--allow-private",
        "--no-input",
        "--title",
        "My Own Title",
        "--id",
        "milani",
    )
    assert result.exit_code == 0, result.output
    table = tomli.loads((root / "entries" / "milani.toml").read_text())
    assert table["title"] == "My Own Title" and table["container-title"] == "Middle East Journal"


def test_missing_fields_are_asked_for_and_only_those(run, tmp_path, site):
    root = write_dossier(tmp_path / "d", {})
    answers = [
        "webpage",  # the bare page says nothing about its type
        "",
        "",  # author, site: skipped
        "2007-05-32",
        "2007-05-01",  # date: mistyped, asked again
        "2024-01-15",  # accessed
        "",
        ".",  # tags, excerpt
        "",
    ]  # the review: Enter writes
    result = run(
        "add",
        "--dir",
        root,
        "--from-url",
        f"{site}/pages/bare.html",
        "--allow-private",
        "-i",
        input="\n".join(answers) + "\n",
    )
    assert result.exit_code == 0, result.output
    prompts = [
        line.split(" (")[0].split(":")[0]
        for line in result.output.splitlines()
        if line.endswith(": ") or ": " in line and not line.startswith((" ", "Error", "wrote"))
    ]
    assert prompts == ["Type", "Author 1", "Web site", "Date", "Date", "Accessed on", "Tags", "Excerpt", "Write it?"]
    assert not any(p in ("Title", "URL") for p in prompts)
    table = tomli.loads((root / "entries" / entry_files(root)[0]).read_text())
    assert table["title"] == "Some page with no metadata" and table["URL"] == f"{site}/pages/bare.html"
    assert table["accessed"].isoformat() == "2024-01-15"


def test_without_input_what_is_missing_is_listed(run, tmp_path, site):
    root = write_dossier(tmp_path / "d", {})
    result = run(
        "add",
        "--dir",
        root,
        "--from-url",
        f"{site}/pages/bare.html",
        "--allow-private",
        "--no-input",
        "--type",
        "article-newspaper",
    )
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("a newspaper article needs --container, --date")
    assert entry_files(root) == []


@pytest.mark.parametrize("path, message", [("/missing", "HTTP 404"), ("/pdf", "not HTML")])
def test_a_page_that_cannot_be_read_is_a_one_line_error(run, tmp_path, site, path, message):
    root = write_dossier(tmp_path / "d", {})
    result = run("add", "--dir", root, "--from-url", site + path, "--allow-private", "--no-input")
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and entry_files(root) == []


def test_from_a_csl_json_record(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
    record = tmp_path / "doi.json"
    record.write_text(
        json.dumps(
            {
                "type": "article-journal",
                "title": "Iran's Policy towards Afghanistan",
                "container-title": "Middle East Journal",
                "author": [{"family": "Milani", "given": "Mohsen M."}],
                "issued": {"date-parts": [[2006, 4]]},
                "volume": "60",
                "issue": "2",
                "page": "235-256",
                "DOI": "10.3751/60.2.12",
            }
        ),
        encoding="utf-8",
    )
    result = run("add", "--dir", root, "--from-doi-json", record, "--no-input", "--tag", "afghanistan")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == (
        "Mohsen M. Milani, “Iran’s Policy towards Afghanistan,” Middle East "
        "Journal 60, no. 2 (April 2006): 235–56, https://doi.org/10.3751/60.2.12."
    )
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    refused = run("add", "--dir", root, "--from-doi-json", bad, "--no-input")
    assert refused.exit_code == 2 and "CSL-JSON" in refused.stderr and "Traceback" not in refused.output
