"""`add --doi` and `add --isbn` against stand-in servers on 127.0.0.1 (lookup.py, through the real CLI)."""

import socket

import pytest
import tomli

import lookupserver
from conftest import write_dossier
from dossiercli import fetchpage
from dossiercli.errors import DossierError
from dossiercli.lookup import endpoints_from, normalise_isbn


@pytest.fixture(scope="module")
def services():
    server, base, handler = lookupserver.start()
    yield base, handler
    server.shutdown()


@pytest.fixture(autouse=True)
def no_pause(monkeypatch):
    monkeypatch.setattr(fetchpage, "RETRY_PAUSE", 0)


@pytest.fixture
def root(tmp_path, services):
    return write_dossier(tmp_path / "d", {}, config=lookupserver.config(services[0]))


def entry(root, name):
    return tomli.loads((root / "entries" / name).read_text())


def test_a_doi_is_read_by_content_negotiation(run, root, services):
    result = run(
        "add",
        "--dir",
        root,
        "--doi",
        "https://doi.org/10.3751/60.2.12",
        "--allow-private",
        "--no-input",
        "--tag",
        "iran",
    )
    assert result.exit_code == 0, result.output
    assert "DOI resolver CSL-JSON" in result.stderr  # the found fields are shown, with where they came from
    assert result.stdout.splitlines()[1] == (
        "Mohsen M. Milani, “Iran’s Policy towards Afghanistan,” Middle East "
        "Journal 60, no. 2 (April 2006): 235–56, https://doi.org/10.3751/60.2.12."
    )
    table = entry(root, "milani2006-irans-policy-towards.toml")
    assert table["tags"] == ["iran"] and table["DOI"] == "10.3751/60.2.12" and table["ISSN"] == "0026-3141"
    assert "extra" not in table  # the service's bookkeeping (reference-count, subject …) is not kept
    assert ("/doi/10.3751/60.2.12", "application/vnd.citationstyles.csl+json, application/json;q=0.5") in services[
        1
    ].accepts
    assert run("validate", "--dir", root).exit_code == 0


def test_crossref_answers_when_the_resolver_cannot(run, root):
    result = run("add", "--dir", root, "--doi", "10.1017/CBO9780511756214.005", "--allow-private", "--no-input")
    assert result.exit_code == 0, result.output
    table = entry(root, "ansari2008-islamic-republic-neighbours.toml")
    assert table["type"] == "chapter" and table["title"] == "The Islamic Republic and its neighbours"  # markup gone
    assert table["container-title"] == "Iran and the Gulf" and table["issued"] == "2008-01"
    assert "Crossref" in result.stderr


def test_crossref_shapes_met_in_real_answers_become_valid_entries(run, root):
    thesis = run("add", "--dir", root, "--doi", "10.5555/thesis.2007", "--allow-private", "--no-input")
    assert thesis.exit_code == 0, thesis.output
    table = entry(root, "alavi2008-proxy-warfare-iraq.toml")
    assert (table["type"], table["publisher"], table["genre"], table["issued"]) == (
        "thesis",
        "Georgetown University",
        "Master's thesis",
        __import__("datetime").date(2008, 5, 2),
    )
    assert table["author"] == [{"family": "Alavi", "given": "Sam"}]  # the unnamed co-author is dropped
    paper = run("add", "--dir", root, "--doi", "10.5555/conf.2009", "--allow-private", "--no-input")
    assert paper.exit_code == 0, paper.output
    table = entry(root, "sas2009-tracing-weapons-flows.toml")
    assert (table["event-title"], table["event-place"]) == ("SEC 2009", "Doha, Qatar")
    assert table["author"] == [{"literal": "Small Arms Survey"}]
    assert run("validate", "--dir", root).exit_code == 0


def test_flags_win_over_what_was_found(run, root):
    result = run(
        "add",
        "--dir",
        root,
        "--doi",
        "10.3751/60.2.12",
        "--title",
        "My Title",
        "--id",
        "milani",
        "--allow-private",
        "--no-input",
    )
    assert result.exit_code == 0 and entry(root, "milani.toml")["title"] == "My Title"


def test_an_unknown_doi_is_one_line(run, root):
    result = run("add", "--dir", root, "--doi", "10.9999/nothing", "--allow-private", "--no-input")
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1, result.output
    assert "DOI 10.9999/nothing is not known to the DOI resolver or Crossref" in result.stderr, result.output


def test_an_isbn_is_looked_up_in_open_library(run, root):
    result = run("add", "--dir", root, "--isbn", "978-1-4000-6315-4", "--allow-private", "--no-input")
    assert result.exit_code == 0, result.output
    table = entry(root, "pollack2004-persian-puzzle-conflict.toml")
    assert table["title"] == "The Persian puzzle: the conflict between Iran and America"
    assert table["author"] == [{"family": "Pollack", "given": "Kenneth M."}]
    assert (table["publisher"], table["publisher-place"], table["issued"], table["ISBN"]) == (
        "Random House",
        "New York",
        2004 if isinstance(table["issued"], int) else "2004",
        "9781400063154",
    )


def test_a_mistyped_isbn_fails_its_check_digit_before_any_request(run, root):
    result = run("add", "--dir", root, "--isbn", "978-1-4000-6315-5", "--no-input")
    assert result.exit_code == 2 and "check digit is wrong" in result.stderr
    assert normalise_isbn("0-8129-7336-4") == "0812973364" and normalise_isbn("ISBN 1400063159") == "1400063159"


def test_the_private_address_guard_needs_an_explicit_allow(run, root):
    result = run("add", "--dir", root, "--doi", "10.3751/60.2.12", "--no-input")
    assert result.exit_code == 2 and "loopback" in result.stderr and "--allow-private" in result.stderr


def test_offline_is_a_one_line_reason_never_a_traceback(run, tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = write_dossier(tmp_path / "d", {}, config=lookupserver.config(f"http://127.0.0.1:{port}"))
    for flag, value in (("--doi", "10.3751/60.2.12"), ("--isbn", "9781400063154")):
        result = run("add", "--dir", root, flag, value, "--allow-private", "--no-input")
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        (line,) = result.stderr.strip().splitlines()
        assert "connection refused" in line and "--no-lookup" in line


def test_no_lookup_only_sets_the_field(run, root, services):
    before = len(services[1].accepts)
    result = run(
        "add",
        "--dir",
        root,
        "--type",
        "book",
        "--title",
        "T",
        "--publisher",
        "P",
        "--isbn",
        "1400063159",
        "--no-lookup",
        "--no-input",
    )
    assert result.exit_code == 0 and len(services[1].accepts) == before
    assert entry(root, "p-nd-t.toml")["ISBN"] == "1400063159"


def test_open_library_dates_as_catalogues_write_them():
    from dossiercli.lookup import _ol_date

    written = {
        "2004": "2004",
        "October 2007": "2007-10",
        "Oct 01, 2007": "2007-10-01",
        "Sept. 1998": "1998-09",
        "c2004": "2004",
        "[2003?]": "2003",
        "1st ed., 2001": "2001",
    }
    assert {text: _ol_date(text) for text in written} == written


def test_endpoints_come_from_dossier_toml():
    assert endpoints_from(None)["crossref"] == "https://api.crossref.org/works/"
    assert endpoints_from({"openlibrary": "http://127.0.0.1:9/ol"})["openlibrary"] == "http://127.0.0.1:9/ol/"
    with pytest.raises(DossierError, match="no setting 'crossref_url'"):
        endpoints_from({"crossref_url": "x"})
    with pytest.raises(DossierError, match="must be an http"):
        endpoints_from({"crossref": "ftp://x"})


def test_on_a_terminal_the_found_fields_are_reviewed_before_writing(run, root):
    answers = [
        "iran",
        ".",  # tags, no excerpt: the fields the record lacks
        "volume",
        "61",  # the review: change a found field
        "",
    ]  # then write
    result = run(
        "add", "--dir", root, "--doi", "10.3751/60.2.12", "--allow-private", "-i", input="\n".join(answers) + "\n"
    )
    assert result.exit_code == 0, result.output
    assert "Found" in result.stderr and result.output.count("The entry:") == 2
    assert entry(root, "milani2006-irans-policy-towards.toml")["volume"] == "61"


def test_odd_dates_and_shapes_in_an_answer_are_one_line_or_left_out():
    from dossiercli.lookup import _from_item

    assert (
        "issued"
        not in _from_item({"type": "article-journal", "title": "T", "issued": {"date-parts": [[None]]}}, "x").values
    )
    assert (
        _from_item({"type": "article-journal", "title": "T", "issued": {"date-parts": [["2007", "5"]]}}, "x").values[
            "issued"
        ]
        == "2007-05"
    )
    assert (
        "issued"
        not in _from_item({"type": "article-journal", "title": "T", "issued": {"date-parts": [["spring"]]}}, "x").values
    )
    with pytest.raises(DossierError, match="'author' must be a list"):
        _from_item({"type": "article-journal", "title": "T", "author": "Milani"}, "x")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


COMPLETE_FLAGS = (
    "--type", "article-journal", "--title", "Iran's Policy Towards Afghanistan", "--author", "Milani, Mohsen M.",
    "--container", "Middle East Journal", "--date", "2006", "--volume", "60",
)  # fmt: skip


@pytest.mark.parametrize("flag, value", [("--doi", "10.3751/60.2.12"), ("--isbn", "9781400063154")])
def test_an_offline_look_up_writes_the_entry_the_flags_make_and_warns(run, tmp_path, flag, value):
    """On a train or in CI: the flags make a valid entry, so it is written, with one line saying the look-up failed."""
    root = write_dossier(tmp_path / "d", {}, config=lookupserver.config(f"http://127.0.0.1:{_closed_port()}"))
    result = run("add", "--dir", root, flag, value, *COMPLETE_FLAGS, "--allow-private", "--no-input")
    assert result.exit_code == 0, result.output
    (warning,) = [line for line in result.stderr.splitlines() if "warning" in line]
    assert "cannot look up" in warning and "written from the flags" in warning
    (written,) = (root / "entries").iterdir()
    table = tomli.loads(written.read_text())
    assert table["title"] == "Iran's Policy Towards Afghanistan"
    assert table.get("DOI") == value or table.get("ISBN") == value


def test_an_offline_look_up_with_too_few_flags_is_the_look_up_failure(run, tmp_path):
    root = write_dossier(tmp_path / "d", {}, config=lookupserver.config(f"http://127.0.0.1:{_closed_port()}"))
    result = run(
        "add", "--dir", root, "--doi", "10.3751/60.2.12", "--type", "article-journal", "--allow-private", "--no-input"
    )
    assert result.exit_code == 2 and not list((root / "entries").iterdir())
    (line,) = result.stderr.strip().splitlines()
    assert "cannot look up DOI" in line and "--no-lookup" in line


def test_on_a_terminal_an_offline_look_up_goes_on_to_the_prompts(run, tmp_path):
    root = write_dossier(tmp_path / "d", {}, config=lookupserver.config(f"http://127.0.0.1:{_closed_port()}"))
    answers = ["article-journal", "Iran's Policy Towards Afghanistan", "Milani, Mohsen M.", "", "Middle East Journal"]
    result = run(
        "add", "--dir", root, "--doi", "10.3751/60.2.12", "--allow-private", "-i", input="\n".join(answers) + "\n" * 40
    )
    assert "go on with the prompts" in result.stderr, result.output
    assert "Traceback" not in result.output and "Type" in result.output
