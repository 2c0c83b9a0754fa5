"""The loader stays inside the dossier and cannot be made to hang or crawl:
symlinks, loops, FIFOs, files with thousands of findings (load.py)."""

import os
from pathlib import Path

import pytest

from conftest import AP, LAKE, write_dossier
from dossiercli.load import MAX_FINDINGS_PER_FILE, LineIndex, line_of, open_dossier, read_entry
from dossiercli.validate import validate_dossier, validate_files


@pytest.fixture(autouse=True)
def no_cache(monkeypatch):
    monkeypatch.setenv("DOSSIER_NO_CACHE", "1")


def codes(findings):
    return sorted((finding.path.name, finding.code) for finding in findings)


def test_a_symlink_out_of_the_dossier_is_not_followed(tmp_path: Path):
    root = write_dossier(tmp_path / "d", {"lake2007": LAKE})
    secret = tmp_path / "secret.toml"
    secret.write_text('type = "book"\ntitle = "Outside"\npublisher = "P"\n')
    os.symlink(secret, root / "entries" / "outside.toml")
    outside_folder = tmp_path / "elsewhere"
    outside_folder.mkdir()
    (outside_folder / "x.toml").write_text(AP)
    os.symlink(outside_folder, root / "entries" / "linked-folder")
    findings = validate_dossier(root)
    assert codes(findings) == [("linked-folder", "W007"), ("outside.toml", "W007")]
    assert all("outside the dossier; skipped" in finding.message for finding in findings)
    dossier = open_dossier(root)
    assert [entry.id for entry in dossier.entries] == ["lake2007"]
    assert len(dossier.skipped) == 2


def test_a_symlink_inside_the_dossier_is_followed(tmp_path: Path):
    root = write_dossier(tmp_path / "d", {"lake2007": LAKE})
    (root / "drafts").mkdir()
    (root / "drafts" / "ap2007.toml").write_text(AP)
    os.symlink(root / "drafts" / "ap2007.toml", root / "entries" / "ap2007.toml")
    assert validate_dossier(root) == []
    assert sorted(entry.id for entry in open_dossier(root).entries) == ["ap2007", "lake2007"]


def test_symlink_loops_and_broken_links_are_skipped_with_a_warning(tmp_path: Path):
    root = write_dossier(tmp_path / "d", {"lake2007": LAKE})
    entries = root / "entries"
    os.symlink(entries / "b.toml", entries / "a.toml")
    os.symlink(entries / "a.toml", entries / "b.toml")
    os.symlink(entries, entries / "again")  # a folder that contains itself
    os.symlink(tmp_path / "nowhere.toml", entries / "gone.toml")
    findings = validate_dossier(root)
    assert codes(findings) == [("a.toml", "W007"), ("again", "W007"), ("b.toml", "W007"), ("gone.toml", "W007")]
    messages = {finding.path.name: finding.message for finding in findings}
    assert messages["a.toml"].startswith("symlink loop")
    assert messages["again"].startswith("symlink to a folder already read")
    assert messages["gone.toml"].startswith("broken symlink")
    assert [entry.id for entry in open_dossier(root).entries] == ["lake2007"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_toml_never_blocks(tmp_path: Path):
    root = write_dossier(tmp_path / "d", {"lake2007": LAKE})
    fifo = root / "entries" / "pipe.toml"
    os.mkfifo(fifo)
    assert codes(validate_dossier(root)) == [("pipe.toml", "W007")]
    (finding,) = validate_files([fifo])  # named on the command line: read without blocking, refused
    assert (finding.code, finding.message) == ("E001", "is not a regular file (a FIFO)")


def test_findings_are_capped_per_file_and_counted(tmp_path: Path):
    lines = ['type = "book"', 'title = "T"', 'publisher = "P"'] + [f'unknown{i} = "x"' for i in range(16_000)]
    path = tmp_path / "many.toml"
    path.write_text("\n".join(lines) + "\n")
    entry, findings = read_entry(path)
    assert entry is not None
    assert len(findings) == MAX_FINDINGS_PER_FILE + 1
    assert findings[0].line == 4 and findings[MAX_FINDINGS_PER_FILE - 1].line == MAX_FINDINGS_PER_FILE + 3
    more = findings[-1]
    assert (more.code, more.message) == ("E009", "and 15975 more findings in this file (15975 errors) not shown")


def test_the_line_index_skips_multi_line_strings_and_finds_array_tables():
    text = '''type = "book"
note = """
title = "not a key: inside a string"
[[excerpts]]
"""
title = "T"

[[excerpts]]
text = "one"

[[excerpts]]
label = "L"
highlights = ["x"]
'''
    index = LineIndex(text)
    assert index.line_of(("title",)) == 6
    assert index.line_of(("excerpts", 0)) == 8
    assert index.line_of(("excerpts", 1, "highlights")) == 13
    assert index.line_of(("excerpts", 1, "missing")) == 11
    assert line_of(text, ("nothing",)) is None


def test_a_large_entry_is_read_in_one_pass(tmp_path: Path):
    text = " ".join(["Iran is supporting both Sunni and Shiite terrorists."] * 40_000)  # about 2 MB
    path = tmp_path / "big.toml"
    path.write_text(
        f'type = "report"\ntitle = "Big"\npublisher = "P"\n\n[[excerpts]]\ntext = "{text}"\nhighlights = ["Shiite"]\n'
    )
    entry, findings = read_entry(path)
    assert findings == [] and len(entry.excerpts[0].text) == len(text)


def test_a_future_date_is_pointed_at_its_line_without_a_line_index(tmp_path: Path):
    root = write_dossier(
        tmp_path / "d",
        {
            "plain": 'type = "book"\ntitle = "T"\npublisher = "P"\nissued = 2999-01-01\n',
            "tricky": 'type = "book"\ntitle = "T"\nnote = """\nissued = 2999-01-01\n"""\npublisher = "P"\nissued = 2998\n',
        },
    )
    lines = {finding.path.name: finding.line for finding in validate_dossier(root) if finding.code == "W021"}
    assert lines == {"plain.toml": 4, "tricky.toml": 7}
