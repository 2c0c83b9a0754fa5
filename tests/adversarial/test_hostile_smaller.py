"""The smaller findings of issue 24 (class 7), each a class: whatever an editor leaves, whatever a file
holds, whatever a page is made of, the CLI answers within its bounds.

- `edit` hung forever when the editor left a FIFO in place of the copy: the copy is opened without
  blocking and only a regular file is read (a FIFO, a device, a symlink: refused, entry unchanged);
- an edit whose `dossier` was killed (SIGKILL, its terminal closed) left `$TMPDIR/dossier-edit-*`: the
  next edit removes the copies of processes that are gone (never one an error kept for the user);
- a 100,000-character tag was accepted: E019, tags at most 100 characters, text fields 2,000;
- `verify` peaked at 440 MB on a 3 MB page of 500,000 attributes: a monstrous tag loses its attributes
  before parsing, and verify runs within 400 MB of address space here."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hostile import bounded, make_dossier

BOOK = 'type = "book"\ntitle = "A Book"\npublisher = "Pub"\nissued = 2001\n'


def editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "editor.sh"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


@pytest.mark.parametrize(
    "leaves",
    [
        'rm "$1"; mkfifo "$1"',  # a FIFO: reading it would wait for a writer forever
        'rm "$1"; ln -s /dev/zero "$1"',  # a link to an endless device
        'rm "$1"; ln -s /etc/hostname "$1"',  # a link to another file
        'rm "$1"; mkdir "$1"',  # a folder
    ],
)
def test_edit_refuses_a_copy_that_is_not_a_regular_file(tmp_path, leaves):
    root = make_dossier(tmp_path / "d", {"book": BOOK})
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {"EDITOR": editor(tmp_path, leaves), "VISUAL": "", "TMPDIR": str(temp)}
    outcome = bounded(["edit", "book"], root, seconds=20, env=env)
    assert outcome.status == 2 and "unchanged" in outcome.stderr, outcome.stderr
    assert (root / "entries" / "book.toml").read_text(encoding="utf-8") == BOOK


def test_the_copy_of_an_edit_whose_process_was_killed_is_removed_by_the_next_edit(tmp_path):
    root = make_dossier(tmp_path / "d", {"book": BOOK})
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "VISUAL": "", "TMPDIR": str(temp), "EDITOR": editor(tmp_path, "kill -9 $PPID; sleep 1")}
    env.pop("DOSSIER_DIR", None)
    killed = subprocess.run([sys.executable, "-m", "dossiercli", "edit", "book"], cwd=root, env=env, timeout=30)
    assert killed.returncode == -signal.SIGKILL
    assert [p.name for p in temp.iterdir() if p.name.startswith("dossier-edit-")]  # what the kill left
    kept_env = {"VISUAL": "", "TMPDIR": str(temp), "EDITOR": editor(tmp_path, "echo 'oops = [' >> \"$1\"")}
    assert bounded(["edit", "book"], root, env=kept_env).status == 2  # an invalid edit: kept for the user
    kept = [p for p in temp.iterdir() if p.name.startswith("dossier-edit-")]
    assert len(kept) == 1 and (kept[0] / ".kept").exists()
    assert bounded(["edit", "book"], root, env={"VISUAL": "", "TMPDIR": str(temp), "EDITOR": "true"}).status == 0
    assert [p for p in temp.iterdir() if p.name.startswith("dossier-edit-")] == kept  # the kept edit stays


@pytest.mark.parametrize(
    "text, field",
    [
        (BOOK + 'tags = ["' + "t" * 100_000 + '"]\n', "tags"),
        (BOOK + 'tags = ["ok", "' + "t" * 101 + '"]\n', "tags"),
        (BOOK.replace("A Book", "T" * 100_000), "title"),
        (BOOK.replace('"Pub"', '"' + "P" * 2001 + '"'), "publisher"),
        (BOOK + 'container-title = "' + "C" * 50_000 + '"\n', "container-title"),
    ],
)
def test_a_value_longer_than_any_real_one_is_a_finding_on_its_line(tmp_path, text, field):
    root = make_dossier(tmp_path, {"long": text, "good": BOOK.replace("A Book", "Another")})
    outcome = bounded(["validate"], root)
    assert outcome.status == 1 and "E019" in outcome.stdout and field in outcome.stdout, outcome.stdout[:500]
    assert len(outcome.stdout) < 2_000  # the finding quotes the start of the value, not all of it
    assert "Another" in bounded(["list"], root).stdout  # the rest of the dossier is read


def test_a_tag_too_long_is_refused_by_every_command_that_writes_one(tmp_path):
    root = make_dossier(tmp_path, {"book": BOOK})
    tag = "t" * 100_000
    assert bounded(["tag", "book", "+" + tag], root).status != 0
    added = bounded(["add", "--type", "book", "--title", "T", "--publisher", "P", "--tag", tag], root)
    assert added.status != 0 and "E019" in added.stderr + added.stdout
    (tmp_path / "long.bib").write_text("@book{k, title = {" + "T" * 100_000 + "}, publisher = {P}, year = 2000}\n")
    imported = bounded(["import", tmp_path / "long.bib"], root)
    assert imported.status != 0
    assert sorted(p.name for p in (root / "entries").iterdir()) == ["book.toml"]
    assert tag not in (root / "entries" / "book.toml").read_text(encoding="utf-8")


class Page(BaseHTTPRequestHandler):
    pages = {
        "/page": b"<html><body><p>The quoted passage is here.</p><div "
        + b'a="b" ' * 500_000
        + b">x</div></body></html>",
        # 5.9 MB: verify reads 5 MB of it, so the giant tag is never closed
        "/cut": b"<html><body><p>The quoted passage is here.</p><div "
        + b" ".join(b'a%d="v"' % i for i in range(500_000))
        + b">x</div></body></html>",
    }

    def log_message(self, *args):
        pass

    def do_GET(self):
        body = self.pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


PEAK = """import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=False, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"""


@pytest.mark.parametrize("path", ["/page", "/cut"])
def test_verify_reads_a_page_of_half_a_million_attributes_in_bounded_memory(tmp_path, path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}{path}"
        entry = BOOK + f'URL = "{url}"\n\n[[excerpts]]\ntext = "The quoted passage is here."\n'
        root = make_dossier(tmp_path, {"book": entry})
        outcome = bounded(["verify", "--allow-private", "--no-cache"], root)
        assert outcome.status == 0 and "1 found" in outcome.stderr, outcome.stdout + outcome.stderr
        command = [sys.executable, "-c", PEAK, sys.executable, "-m", "dossiercli", "verify", "--allow-private"]
        peak = subprocess.run(command + ["--no-cache"], cwd=root, capture_output=True, text=True, check=True)
        assert int(peak.stdout) < 200_000, f"verify peaked at {int(peak.stdout) // 1024} MB"  # was 390-440 MB
    finally:
        server.shutdown()
