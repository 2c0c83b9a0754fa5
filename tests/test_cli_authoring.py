"""`dossier init`, `add` and `excerpt`: prompts, flags, checks, atomic writes, nothing overwritten."""

import os

import pytest
import pty
import select
import sys
import time

from conftest import LAKE, write_dossier


def test_init_makes_a_dossier_and_refuses_an_existing_one(run, tmp_path):
    target = tmp_path / "new"
    result = run("init", target, "--title", "Iran and Al-Qaeda in Iraq", "--author", "Cochrane, Marisa")
    assert result.exit_code == 0, result.output
    assert (target / "entries").is_dir() and ".dossier-cache/" in (target / ".gitignore").read_text()
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
    result = run("add", "--dir", root, "--type", "article-newspaper", "--title", "Iran's Secret Plan For Mayhem",
                 "--author", "Lake, Eli", "--container", "New York Sun", "--date", "2007-01-03",
                 "--url", "http://www.nysun.com/article/46032", "--tag", "iran",
                 "--excerpt", "Iran is supporting both Sunni and Shiite terrorists.", "--highlight", "both Sunni")
    assert result.exit_code == 0, result.output
    wrote, note = result.stdout.splitlines()
    assert wrote == f"wrote {root / 'entries' / 'lake2007-irans-secret-plan.toml'}"
    assert note == "Eli Lake, “Iran’s Secret Plan For Mayhem,” New York Sun, January 3, 2007, http://www.nysun.com/article/46032."
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
    result = run("add", "--dir", root, "--type", "book", "--title", "T", "--publisher", "P",
                 "--excerpt", "Some text.", "--highlight", "other text")
    assert result.exit_code == 2 and "E040" in result.stderr and "nothing was written" in result.stderr
    assert list((root / "entries").iterdir()) == []


def test_prompts_re_ask_a_mistyped_date_and_url(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
    answers = "article-newspaper\nA Story\nNew York Sun\n2007-02-30\n2007-02-03\nLake, Eli\nftp://x\nhttps://example.org/a\n"
    result = run("add", "--dir", root, "-i", input=answers)
    assert result.exit_code == 0, result.output
    assert "February 2007 has 28 days" in result.output and "must start with http://" in result.output
    text = (root / "entries" / "lake2007-story.toml").read_text()
    assert "issued = 2007-02-03" in text and 'URL = "https://example.org/a"' in text


def test_excerpt_appends_and_keeps_comments(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"lake": "# keep me\n" + LAKE})
    result = run("excerpt", "lake", "--dir", root, "--highlight", "smoking gun", "--label", "SECOND",
                 input='It comprised a "smoking gun."\n')
    assert result.exit_code == 0, result.output
    text = (root / "entries" / "lake.toml").read_text()
    assert text.startswith("# keep me\n" + LAKE.rstrip("\n"))
    assert 'label = "SECOND"' in text and run("validate", "--dir", root).exit_code == 0
    bad = run("excerpt", "lake", "--dir", root, "--text", "abc", "--highlight", "xyz")
    assert bad.exit_code == 2 and "does not occur" in bad.stderr


def test_add_interactively_in_a_real_terminal(tmp_path):
    """A pseudo-terminal: the prompts appear because stdin is a tty, not because of -i."""
    root = write_dossier(tmp_path / "d", {})
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(sys.executable, [sys.executable, "-m", "dossiercli", "add", "--dir", str(root)])
    output = b""
    answers = [b"report\n", b"A Backgrounder\n", b"Institute for the Study of War\n", b"Cochrane, Marisa\n",
               b"2007\n", b"\n"]
    deadline = time.monotonic() + 20
    for answer in answers:
        while b":" not in output.rsplit(b"\n", 1)[-1] and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                output += os.read(fd, 4096)
        os.write(fd, answer)
        output += b"\n"
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, output.decode(errors="replace")
    assert (root / "entries" / "cochrane2007-backgrounder.toml").exists()
    assert "Marisa Cochrane, A Backgrounder (Institute for the Study of War, 2007)." in output.decode()


@pytest.fixture(scope="module")
def pages():
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
    import functools
    import threading

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
    result = run("add", "--dir", root, "--from-url", f"{pages}/journal.html", "--allow-private", "--no-input",
                 "--tag", "iran")
    assert result.exit_code == 0, result.output
    assert "citation" not in result.stdout and "highwire" in result.stderr  # the found table says where from
    assert result.stdout.splitlines()[1] == ("Mohsen M. Milani, “Iran’s Policy towards Afghanistan,” Middle East Journal "
                                             "60, no. 2 (April 2006): 235–56, https://doi.org/10.3751/60.2.12.")


def test_add_from_url_without_input_lists_what_is_missing(run, tmp_path, pages):
    root = write_dossier(tmp_path / "d", {})
    result = run("add", "--dir", root, "--from-url", f"{pages}/bare.html", "--allow-private", "--no-input",
                 "--type", "report")
    assert result.exit_code == 2 and result.stderr.strip().endswith("a report needs --publisher")


def test_add_from_url_refuses_private_hosts_by_default(run, tmp_path, pages):
    root = write_dossier(tmp_path / "d", {})
    result = run("add", "--dir", root, "--from-url", f"{pages}/news.html", "--no-input")
    assert result.exit_code == 2 and "loopback" in result.stderr


def test_add_from_bibtex_on_stdin(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
    record = "@book{x, author={Pollack, Kenneth M.}, title={The Persian Puzzle}, publisher={Random House}, year=2004}"
    result = run("add", "--dir", root, "--from-bibtex", "-", "--no-input", input=record)
    assert result.exit_code == 0, result.output
    assert (root / "entries" / "pollack2004-persian-puzzle.toml").exists()
