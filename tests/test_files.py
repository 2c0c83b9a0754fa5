"""Files treated as a careful tool treats them: modes, symlinks, missing folders, one writer at a time (atomic.py, lock.py)."""

import os
import stat
import subprocess
import sys

import pytest
import tomli

from conftest import LAKE, write_dossier
from dossiercli.atomic import write_atomic
from dossiercli.errors import DossierError
from dossiercli.lock import dossier_lock

BOOK = ["--type", "book", "--title", "The Persian Puzzle", "--publisher", "Random House", "--no-input"]


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask():
    previous = os.umask(0o022)

    def set_mask(mask):
        os.umask(mask)

    yield set_mask
    os.umask(previous)


@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_new_files_get_0666_less_the_umask(run, tmp_path, umask, mask, expected):
    root = write_dossier(tmp_path / "d", {})
    umask(mask)
    assert run("add", "--dir", root, *BOOK, "--id", "pollack").exit_code == 0
    assert mode(root / "entries" / "pollack.toml") == expected
    assert run("render", "--dir", root, "-o", tmp_path / "page.html").exit_code == 0
    assert mode(tmp_path / "page.html") == expected


def test_rewrites_keep_the_file_mode(run, tmp_path, umask):
    root = write_dossier(tmp_path / "d", {"lake": LAKE.replace("tags = [", "tags  =  [")})
    path = root / "entries" / "lake.toml"
    path.chmod(0o640)
    assert run("excerpt", "lake", "--dir", root, "--text", "More text.").exit_code == 0
    assert run("fmt", "--dir", root).exit_code == 0
    assert run("tag", "lake", "+x", "--dir", root).exit_code == 0
    assert mode(path) == 0o640 and "More text." in path.read_text()


def test_writes_go_through_a_symlink_to_its_target(run, tmp_path):
    root = write_dossier(tmp_path / "d", {})
    (root / "library").mkdir()
    shared = root / "library" / "shared.toml"  # inside the dossier: a link out of it is not followed (W007)
    shared.write_text(LAKE)
    (root / "entries" / "lake.toml").symlink_to(shared)
    assert run("excerpt", "lake", "--dir", root, "--text", "Appended.").exit_code == 0
    assert run("tag", "lake", "+efp", "--dir", root).exit_code == 0
    assert (root / "entries" / "lake.toml").is_symlink()
    table = tomli.loads(shared.read_text())
    assert table["excerpts"][-1]["text"] == "Appended." and "efp" in table["tags"]


def test_a_dangling_symlink_or_a_target_outside_is_refused(tmp_path):
    link = tmp_path / "dangling.toml"
    link.symlink_to(tmp_path / "nowhere.toml")
    with pytest.raises(DossierError, match="which does not exist; not writing through it"):
        write_atomic(link, "x", overwrite=True)
    inside = tmp_path / "dossier"
    inside.mkdir()
    (inside / "out.toml").symlink_to(tmp_path / "outside.toml")
    (tmp_path / "outside.toml").write_text("keep")
    with pytest.raises(DossierError, match="outside"):
        write_atomic(inside / "out.toml", "x", overwrite=True, inside=inside)
    assert (tmp_path / "outside.toml").read_text() == "keep"


def test_output_into_a_missing_folder_is_an_error(run, dossier, tmp_path):
    paper = tmp_path / "paper.md"
    paper.write_text("As Lake reports.[@lake2007]\n")
    for command in (["render"], ["export"], ["manuscript", paper]):
        result = run(*command, "--dir", dossier, "-o", tmp_path / "no" / "such" / "out.md")
        assert result.exit_code == 2 and "the folder" in result.stderr and "does not exist" in result.stderr
    assert not (tmp_path / "no").exists()


def test_a_second_writer_waits_then_says_another_command_is_running(run, dossier):
    with dossier_lock(dossier):
        result = run("tag", "lake2007", "+x", "--dir", dossier, env={"DOSSIER_LOCK_WAIT": "0.2"})
        assert result.exit_code == 2
        assert "another dossier command is running" in result.stderr
        assert run("list", "--dir", dossier).exit_code == 0  # readers never wait
    assert run("tag", "lake2007", "+x", "--dir", dossier).exit_code == 0


def test_stale_temporary_files_are_cleaned_by_the_next_writer(run, dossier):
    stale = dossier / "entries" / ".lake2007.toml.k2j3h4.tmp"
    stale.write_text("half a file")
    assert run("validate", "--dir", dossier).exit_code == 0  # hidden: never read as an entry
    assert run("tag", "lake2007", "+x", "--dir", dossier).exit_code == 0
    assert not stale.exists()


def test_parallel_excerpts_on_one_entry_lose_nothing(tmp_path):
    root = write_dossier(tmp_path / "d", {"lake": LAKE})
    env = {**os.environ, "DOSSIER_LOCK_WAIT": "60"}
    workers = [subprocess.Popen([sys.executable, "-m", "dossiercli", "excerpt", "lake", "--dir", str(root),
                                 "--text", f"Passage number {n}."], env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE) for n in range(10)]
    statuses = [worker.wait(timeout=120) for worker in workers]
    assert statuses == [0] * 10, [w.stderr.read() for w in workers]
    texts = [e["text"] for e in tomli.loads((root / "entries" / "lake.toml").read_text())["excerpts"]]
    assert sorted(texts[1:]) == sorted(f"Passage number {n}." for n in range(10))
    assert sorted(p.name for p in (root / "entries").iterdir()) == ["lake.toml"]


def test_parallel_adds_of_one_source_write_it_once(tmp_path):
    root = write_dossier(tmp_path / "d", {})
    env = {**os.environ, "DOSSIER_LOCK_WAIT": "60"}
    command = [sys.executable, "-m", "dossiercli", "add", "--dir", str(root), *BOOK]
    workers = [subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outcomes = sorted((worker.wait(timeout=120), worker.stderr.read()) for worker in workers)
    assert [status for status, _ in outcomes] == [0, 2, 2]
    assert all("same title and year as 'rh-nd-persian-puzzle'" in said for _, said in outcomes[1:])
    assert sorted(p.name for p in (root / "entries").iterdir()) == ["rh-nd-persian-puzzle.toml"]
