"""`dossier edit ID`: a scripted $EDITOR, validation on save, reopening on error, the original kept until valid."""

import os
import sys
import textwrap

from conftest import LAKE, write_dossier
from terminal import Terminal

EDITOR = textwrap.dedent('''\
    """A scripted editor: each run replaces the file with the next of the queued texts (1.toml, 2.toml, ...)."""
    import pathlib, sys
    queue = pathlib.Path(sys.argv[1])
    runs = queue / "runs"
    number = int(runs.read_text()) + 1 if runs.exists() else 1
    runs.write_text(str(number))
    pathlib.Path(sys.argv[2]).write_text((queue / f"{number}.toml").read_text())
''')


def editor(tmp_path, *texts):
    queue = tmp_path / "queue"
    queue.mkdir()
    (queue / "editor.py").write_text(EDITOR)
    for number, text in enumerate(texts, 1):
        (queue / f"{number}.toml").write_text(text)
    return {"VISUAL": f"{sys.executable} {queue / 'editor.py'} {queue}", "EDITOR": "false"}, queue


def test_a_valid_edit_replaces_the_entry_keeping_its_mode(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"lake": LAKE})
    (root / "entries" / "lake.toml").chmod(0o640)
    env, _ = editor(tmp_path, LAKE.replace("Mayhem", "Chaos"))
    result = run("edit", "lake", "--dir", root, env=env)
    assert result.exit_code == 0, result.output
    assert "Chaos" in (root / "entries" / "lake.toml").read_text()
    assert oct((root / "entries" / "lake.toml").stat().st_mode & 0o777) == "0o640"


def test_an_invalid_edit_off_a_terminal_keeps_the_original_and_the_edit(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"lake": LAKE})
    env, _ = editor(tmp_path, LAKE.replace("issued = 2007-01-03", "issued = 2007-02-30"))
    result = run("edit", "lake", "--dir", root, env=env)
    assert result.exit_code == 2
    assert "lake.toml:4: E020 'issued': '2007-02-30': February 2007 has 28 days" in result.stderr
    kept = result.stderr.strip().rsplit("your edit is kept in ", 1)[1]
    assert "2007-02-30" in open(kept).read()
    assert (root / "entries" / "lake.toml").read_text() == LAKE


def test_no_change_writes_nothing(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"lake": LAKE})
    env, _ = editor(tmp_path, LAKE)
    before = os.stat(root / "entries" / "lake.toml").st_mtime_ns
    result = run("edit", "lake", "--dir", root, env=env)
    assert result.exit_code == 0 and "no changes" in result.stderr
    assert os.stat(root / "entries" / "lake.toml").st_mtime_ns == before


def test_an_edit_that_duplicates_another_entry_is_an_error(run, tmp_path):
    other = LAKE.replace("Iran's Secret Plan For Mayhem", "Another").replace("46032", "1")
    other = other.replace("issued =", 'DOI = "10.1234/x"\nissued =')
    root = write_dossier(tmp_path / "d", {"lake": LAKE, "other": other})
    env, _ = editor(tmp_path, LAKE.replace("issued =", 'DOI = "10.1234/X"\nissued ='))
    result = run("edit", "lake", "--dir", root, env=env)
    assert result.exit_code == 2 and "E052 DOI 10.1234/X is also the DOI of 'other'" in result.stderr
    assert (root / "entries" / "lake.toml").read_text() == LAKE


def test_a_failing_editor_changes_nothing(run, tmp_path):
    root = write_dossier(tmp_path / "d", {"lake": LAKE})
    result = run("edit", "lake", "--dir", root, env={"VISUAL": "false"})
    assert result.exit_code == 2 and "the editor exited with status 1" in result.stderr
    missing = run("edit", "lake", "--dir", root, env={"VISUAL": "/no/such/editor"})
    assert missing.exit_code == 2 and "cannot start the editor" in missing.stderr


def test_on_a_terminal_the_editor_reopens_until_the_entry_is_valid(tmp_path):
    root = write_dossier(tmp_path / "d", {"lake": LAKE})
    bad = LAKE.replace('container-title = "New York Sun"\n', "")
    env, queue = editor(tmp_path, bad, LAKE.replace("Mayhem", "Chaos"))
    term = Terminal("edit", "lake", "--dir", str(root), env=env)
    term.expect("E012 a newspaper article needs 'container-title'")
    assert (root / "entries" / "lake.toml").read_text() == LAKE  # the original stays until the edit is valid
    term.answer("Edit again?", "")
    assert term.wait() == 0, term.transcript
    assert (queue / "runs").read_text() == "2"
    assert "Chaos" in (root / "entries" / "lake.toml").read_text()


def test_an_invalid_entry_can_be_edited_into_shape(run, tmp_path):
    """Read-only commands skip an invalid entry; `edit` is how it gets fixed, so it opens it all the same."""
    broken = LAKE.replace("issued = 2007-01-03", "issued = 2007-02-30")
    root = write_dossier(tmp_path / "d", {"lake": broken})
    env, _ = editor(tmp_path, LAKE)
    result = run("edit", "lake", "--dir", root, env=env)
    assert result.exit_code == 0, result.output
    assert (root / "entries" / "lake.toml").read_text() == LAKE
    assert run("validate", "--dir", root).exit_code == 0
