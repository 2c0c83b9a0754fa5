"""Every command, on a dossier holding one of every kind of hostile file at once: a reason or a result,
never "internal error" (issue 24, class 6, hunted as a class).

Each exception type that reached the CLI's last-resort handler in issue 24 came from a reader meeting
something it did not foresee: an integer over Python's int-string limit (ValueError from tomli), a
lone surrogate (UnicodeEncodeError when written), JSON nested past the parser (RecursionError),
httpx.InvalidURL (not an httpx.HTTPError), a bibtexparser block of an unexpected class
(AttributeError), a FIFO (a hang). The files below carry each of those and the earlier classes
(control characters, deep nesting, bad UTF-8, symlink loops, a folder named like an entry), and every
command in `dossiercli.cli.COMMANDS` runs on them through `hostile.bounded` (which fails on a traceback
or "internal error") — so a command added later is walked too."""

from __future__ import annotations

import json
import os

import pytest
from hostile import bounded, make_dossier

from dossiercli.cli import COMMANDS

BOOK = 'type = "book"\ntitle = "A Book"\npublisher = "Pub"\nissued = 2001\n'
HOSTILE_ENTRIES = {
    "good": BOOK,
    "huge-integer": BOOK + f"volume = {'9' * 5000}\n",
    "surrogate-escape": BOOK + 'note = "\\ud800"\n',
    "deep": BOOK + "x = " + "[" * 5000 + "]" * 5000 + "\n",
    "controls": 'type = "book"\ntitle = "T\\u001b]0;x\\u0007\\u009b2J"\npublisher = "P\\u0000"\n',
    "long-tag": BOOK + 'tags = ["' + "t" * 100_000 + '"]\n',
    "bad-date": BOOK.replace("2001", "2007-02-30"),
    "not-toml": "type = \n[[[",
    "empty": "",
    "extra-key": BOOK + '[extra]\n"odd\\nkey" = "v"\n',
    "a$(touch X)`id`;x": BOOK,
}


@pytest.fixture(scope="module")
def dossier(tmp_path_factory):
    root = make_dossier(tmp_path_factory.mktemp("everywhere"), HOSTILE_ENTRIES)
    entries = root / "entries"
    (entries / "binary.toml").write_bytes(b"\xff\xfe\x00type = 1")
    os.mkfifo(entries / "pipe.toml")
    (entries / "loop-a.toml").symlink_to(entries / "loop-b.toml")
    (entries / "loop-b.toml").symlink_to(entries / "loop-a.toml")
    (entries / "folder.toml").mkdir()
    (root / "paper.md").write_text("Text [@good, 3] and [@huge-integer]. [@" * 50 + "\n", encoding="utf-8")
    (root / "records.json").write_text(json.dumps([{"id": "s", "type": "book", "title": "\ud800"}]), encoding="ascii")
    (root / "records.bib").write_text("@string{k = {A}}\n@book{k, title = k}\n@string{k = {B}}\n", encoding="utf-8")
    return root


# The arguments each command gets: the dossier's ids, its hostile files, and what writes goes to a copy.
ARGUMENTS = {
    "validate": [[], ["--format", "json"], ["--format", "sarif"]],
    "list": [[], ["--tag", "t"]],
    "show": [["good"], ["huge-integer"], ["controls"]],
    "cite": [["good:3+good"], ["huge-integer"]],
    "notes": [[]],
    "bibliography": [["--format", "html"]],
    "import": [["records.json", "--dry-run"], ["records.bib", "--dry-run"]],
    "export": [["--format", "bibtex"], ["--format", "csl-json"], ["--format", "ris"]],
    "check-urls": [[]],
    "links": [["history"]],
    "archive": [["controls"]],
    "verify": [[]],
    "init": [["new-dossier"]],
    "add": [["--type", "book", "--title", "T\x1b[2J", "--publisher", "P", "--tag", "t" * 200]],
    "excerpt": [["good", "--text", "x" * 10]],
    "add-excerpt": [["controls", "--text", "y"]],
    "fmt": [["--check"], []],
    "render": [[], ["--format", "html"]],
    "schema": [["entry"]],
    "completion": [["bash"]],
    "edit": [["good"]],
    "rm": [["huge-integer"]],
    "mv": [["good", "renamed"]],
    "tag": [["good", "+" + "t" * 1000]],
    "ids": [[]],
    "manuscript": [["paper.md", "--check"], ["paper.md", "--to", "latex"]],
    "pandoc-filter": [[]],
}


def test_every_command_is_walked():
    assert set(ARGUMENTS) == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_on_every_kind_of_hostile_file(dossier, command, tmp_path):
    import shutil

    root = tmp_path / "copy"
    shutil.copytree(dossier, root, symlinks=True, ignore=lambda folder, names: ["pipe.toml"])
    os.mkfifo(root / "entries" / "pipe.toml")
    stdin = '{"blocks": [{"t": "Para", "c": [{"t": "Cite", "c": "x"}]}]}' if command == "pandoc-filter" else ""
    for args in ARGUMENTS[command]:
        bounded([command, *args], root, stdin=stdin, seconds=30, env={"EDITOR": "true", "VISUAL": ""})
