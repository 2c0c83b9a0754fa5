"""`dossier init`, `add` and `excerpt`: prompts, flags, checks, atomic writes, nothing overwritten."""

import os

import pytest
import tomli

from conftest import AP, LAKE, write_dossier
from terminal import Terminal


def test_init_makes_a_dossier_and_refuses_an_existing_one(run, tmp_path):
    target = tmp_path / "new"
    result = run("init", target, "--title", "Iran and Al-Qaeda in Iraq", "--author", "Cochrane, Marisa")
    assert result.exit_code == 0, result.output
    assert (target / "entries").is_dir() and ".dossier-cache\n" in (target / ".gitignore").read_text()
    assert run("validate", "--dir", target).exit_code == 0
    again = run("init", target, "--title", "Other")
    assert again.exit_code == 2 and "already a dossier" in again.stderr
    assert "Iran and Al-Qaeda" in (target / "dossier.toml").read_text()


def test_init_prompts_for_the_title(run, tmp_path):
    result = run("init", tmp_path / "asked", "-i", input="My Dossier\nLake, Eli\n")
    assert result.exit_code == 0
    assert 'title = "My Dossier"' in (tmp_path / "asked" / "dossier.toml").read_text()


def test_add_from_flags_writes_a_valid_entry_and_prints_its_note(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
    result = run(
        "add",
        "--dir",
        root,
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
        "--tag",
        "iran",
        "--excerpt",
        "Iran is supporting both Sunni and Shiite terrorists.",
        "--highlight",
        "both Sunni",
    )
    assert result.exit_code == 0, result.output
    wrote, note = result.stdout.splitlines()
    assert wrote == f"wrote {root / 'entries' / 'lake2007-irans-secret-plan.toml'}"
    assert (
        note
        == "Eli Lake, “Iran’s Secret Plan for Mayhem,” New York Sun, January 3, 2007, http://www.nysun.com/article/46032."
    )
    assert run("validate", "--dir", root).exit_code == 0


def test_add_never_overwrites_without_force(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"mine": LAKE})
    args = ["add", "--dir", root, "--type", "book", "--title", "T", "--publisher", "P", "--id", "mine"]
    refused = run(*args)
    assert refused.exit_code == 2 and "already exists" in refused.stderr
    assert (root / "entries" / "mine.toml").read_text() == LAKE
    assert run(*args, "--force").exit_code == 0


def test_add_without_input_lists_what_is_missing(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
    result = run("add", "--dir", root, "--type", "article-newspaper", "--title", "T", "--no-input")
    assert result.exit_code == 2
    assert result.stderr.strip() == "dossier: error: a newspaper article needs --container, --date"


def test_add_refuses_a_highlight_that_is_not_in_the_excerpt(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
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
        "--excerpt",
        "Some text.",
        "--highlight",
        "other text",
    )
    assert result.exit_code == 2 and "E040" in result.stderr and "nothing was written" in result.stderr
    assert list((root / "entries").iterdir()) == []


def test_prompts_re_ask_a_mistyped_date_and_url(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
    answers = [
        "article-newspaper",  # Type
        "A Story",  # Title
        "New York Sun",  # Newspaper
        "2007-02-30",
        "2007-02-03",  # Date: mistyped, asked again
        "Lake, Eli",
        "",  # Author 1, then done
        "",  # Page(s): skipped
        "ftp://x",
        "https://example.org/a",  # URL: refused, asked again
        "iran, quds force",  # Tags
        "Iran is supporting both Sunni",
        "and Shiite terrorists.",
        ".",  # Excerpt, two lines
        "Shiite rebels",
        "Sunni and   Shiite",
        "",  # Highlights: one not in the passage, asked again
        "",  # the review: Enter writes
    ]
    result = run("add", "--dir", root, "-i", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "February 2007 has 28 days" in result.output and "must start with http://" in result.output
    assert "'Shiite rebels' does not occur in the passage" in result.output
    text = (root / "entries" / "lake2007-story.toml").read_text()
    assert "issued = 2007-02-03" in text and 'URL = "https://example.org/a"' in text
    assert 'tags = ["iran", "quds force"]' in text and 'highlights = ["Sunni and   Shiite"]' in text
    assert '"""\nIran is supporting both Sunni\nand Shiite terrorists."""' in text
    assert run("validate", "--dir", root).exit_code == 0


def test_prompts_ask_only_for_the_fields_the_type_uses(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
    answers = [
        "press-release",
        "Three Suspected Terrorists Captured",
        "Multi-National Force-Iraq",
        "2007-05-31",
        "Multi-National Force-Iraq",
        "",
        "",  # author: no comma, so asked whether it is an organisation
        "A070531a",
        "Baghdad",
        "",
        "",
        ".",
        "",
    ]
    result = run("add", "--dir", root, "-i", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    asked = [line.split(":")[0].split(" (")[0] for line in result.output.splitlines() if ": " in line][:10]
    assert asked == [
        "Type",
        "Title",
        "Issuing organisation",
        "Date",
        "Author 1",
        "  is 'Multi-National Force-Iraq' an organisation",
        "Author 2",
        "Release number",
        "Place of publication",
        "URL",
    ]
    text = (root / "entries" / "mnfi2007-three-suspected-terrorists.toml").read_text()
    assert '[[author]]\nliteral = "Multi-National Force-Iraq"' in text and 'number = "A070531a"' in text
    assert "Volume" not in result.output and "Journal" not in result.output


def test_a_required_field_cannot_be_left_empty_at_the_prompt(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
    answers = ["interview", "On Iraq", "", "Smith, Jane", "", "", "", "", "", "", ".", ""]
    result = run("add", "--dir", root, "-i", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "needs at least one person interviewed" in result.output
    assert 'title = "On Iraq"' in (root / "entries" / "smith-nd-iraq.toml").read_text()
    # An unpublished interview may have no title (CMOS 14.213–14.214): "Name, interview."
    answers = ["interview", "   ", "Doe, John", "", "", "", "", "", "", ".", ""]
    result = run("add", "--dir", root, "-i", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("John Doe, interview.")


def test_excerpt_appends_and_keeps_comments(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"lake": "# keep me\n" + LAKE})
    result = run(
        "excerpt",
        "lake",
        "--dir",
        root,
        "--highlight",
        "smoking gun",
        "--label",
        "SECOND",
        input='It comprised a "smoking gun."\n',
    )
    assert result.exit_code == 0, result.output
    text = (root / "entries" / "lake.toml").read_text()
    assert text.startswith("# keep me\n" + LAKE.rstrip("\n"))
    assert 'label = "SECOND"' in text and run("validate", "--dir", root).exit_code == 0
    bad = run("excerpt", "lake", "--dir", root, "--text", "abc", "--highlight", "xyz")
    assert bad.exit_code == 2 and "does not occur" in bad.stderr


def test_add_interactively_in_a_real_terminal(tmp_path):
    """The prompts appear because stdin is a terminal (no -i); a bad date is asked again."""
    root = write_dossier(tmp_path / "d", {})
    term = Terminal("add", "--dir", str(root))
    term.answer("Type (", "report")
    term.answer("Title:", "A Backgrounder")
    term.answer("Publisher:", "Institute for the Study of War")
    term.answer("Author 1", "Cochrane, Marisa")
    term.answer("Author 2", "")
    term.answer("Series", "Backgrounder")
    term.answer("Number in the series", "26")
    term.answer("Place of publication", "")
    term.answer("Date", "2007-13")
    term.answer("Date", "2007")
    term.answer("URL", "")
    term.answer("Tags", "iran")
    term.answer("Excerpt:", ".")
    term.answer("Write it?", "")
    assert term.wait() == 0, term.transcript
    assert "Error: '2007-13'" in term.transcript
    assert "Marisa Cochrane, A Backgrounder, Backgrounder 26 (Institute for the Study of War, 2007)." in term.output
    assert (root / "entries" / "cochrane2007-backgrounder.toml").exists()


@pytest.fixture(scope="module")
def pages():
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from conftest import FIXTURES

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(FIXTURES / "pages")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_add_from_url_fills_the_entry_from_the_page(run, tmp_path, pages):
    root = write_dossier(tmp_path / "d", {})
    result = run(
        "add", "--dir", root, "--from-url", f"{pages}/journal.html", "--allow-private", "--no-input", "--tag", "iran"
    )
    assert result.exit_code == 0, result.output
    assert "citation" not in result.stdout and "highwire" in result.stderr  # the found table says where from
    assert result.stdout.splitlines()[1] == (
        "Mohsen M. Milani, “Iran’s Policy towards Afghanistan,” Middle East Journal "
        "60, no. 2 (April 2006): 235–56, https://doi.org/10.3751/60.2.12."
    )


def test_add_from_url_without_input_lists_what_is_missing(run, tmp_path, pages):
    root = write_dossier(tmp_path / "d", {})
    result = run(
        "add", "--dir", root, "--from-url", f"{pages}/bare.html", "--allow-private", "--no-input", "--type", "report"
    )
    assert result.exit_code == 2 and result.stderr.strip().endswith("a report needs --publisher")


def test_add_from_url_refuses_private_hosts_by_default(run, tmp_path, pages):
    root = write_dossier(tmp_path / "d", {})
    result = run("add", "--dir", root, "--from-url", f"{pages}/news.html", "--no-input")
    assert result.exit_code == 2 and "loopback" in result.stderr


def test_add_from_bibtex_keeps_the_key_as_import_does(run, tmp_path):
    """A Better BibTeX user pastes one record: `[@pollackPersianPuzzle2004]` in her paper must still find it."""
    root = write_dossier(tmp_path / "d", {})
    record = (
        "@book{pollackPersianPuzzle2004, author={Pollack, Kenneth M.}, title={The Persian Puzzle},"
        " publisher={Random House}, year=2004}"
    )
    result = run("add", "--dir", root, "--from-bibtex", "-", "--no-input", input=record)
    assert result.exit_code == 0, result.output
    assert (root / "entries" / "pollackPersianPuzzle2004.toml").exists()
    imported = write_dossier(tmp_path / "i", {})
    (tmp_path / "one.bib").write_text(record, encoding="utf-8")
    assert run("import", "--dir", imported, tmp_path / "one.bib").exit_code == 0
    assert sorted(p.name for p in (imported / "entries").iterdir()) == ["pollackPersianPuzzle2004.toml"]

    # A key that is not a valid id (or is taken) stays as citation-key, as import keeps it.
    odd = record.replace("pollackPersianPuzzle2004", "Pollack:2004/persian").replace("Puzzle}", "Puzzle Again}")
    result = run("add", "--dir", root, "--from-bibtex", "-", "--no-input", input=odd)
    assert result.exit_code == 0, result.output
    (written,) = [p for p in (root / "entries").iterdir() if p.name != "pollackPersianPuzzle2004.toml"]
    assert 'citation-key = "Pollack:2004/persian"' in written.read_text()
    cited = run("show", "--dir", root, "Pollack:2004/persian")
    assert cited.exit_code == 0 and "Persian Puzzle Again" in cited.stdout, cited.output


def test_excerpt_on_a_terminal_asks_for_the_passage_and_its_highlights(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"lake": "# keep me\n" + LAKE})
    term = Terminal("excerpt", "lake", "--dir", str(root))
    term.answer("a line with only a dot (.):", "The documents were a")
    os.write(term.fd, b'"smoking gun."\r.\r')
    term.answer("Highlight", "a smoking gun")
    term.answer("Highlight", "smoking  gun")
    term.answer("Highlight", "")
    assert term.wait() == 0, term.transcript
    assert "'a smoking gun' does not occur in the passage" in term.transcript
    text = (root / "entries" / "lake.toml").read_text()
    assert text.startswith("# keep me\n" + LAKE)
    assert tomli.loads(text)["excerpts"][-1] == {
        "text": 'The documents were a\n"smoking gun."',
        "highlights": ["smoking  gun"],
    }
    assert run("fmt", "--check", "--dir", root).exit_code == 0  # appended in the canonical layout


def test_excerpt_keeps_a_file_in_fmts_layout_when_it_ends_in_a_comment(run, tmp_path):
    from dossiercli.fmt import format_text

    root = write_dossier(tmp_path / "d", {"ap2007": AP})
    path = root / "entries" / "ap2007.toml"
    path.write_text(format_text(path.read_text() + "# checked against the wire copy\n"))
    assert run("fmt", "--check", "--dir", root).exit_code == 0
    result = run("excerpt", "ap2007", "--dir", root, "--text", "A second passage.")
    assert result.exit_code == 0, result.output
    assert "# checked against the wire copy" in path.read_text() and "A second passage." in path.read_text()
    assert run("fmt", "--check", "--dir", root).exit_code == 0


def test_a_mistyped_type_gets_a_did_you_mean_at_the_prompt_and_as_a_flag(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
    flag = run("add", "--dir", root, "--type", "press-relase", "--title", "T", "--no-input")
    assert flag.exit_code == 2 and "did you mean 'press-release'?" in flag.stderr
    prompted = run("add", "--dir", root, "-i", input="press-relase\npress-release\n" + "\n" * 30)
    assert "did you mean 'press-release'?" in prompted.output
    listed = run("list", "--dir", root, "--type", "articel-newspaper")
    assert listed.exit_code == 2 and "did you mean 'article-newspaper'?" in listed.stderr
