"""The read cache is data, never code (issue 24.1), through the real CLI under time and memory bounds.

Each class: a validly signed pickle (the key is known to whoever restored ~/.cache or shares a runner's
XDG_CACHE_HOME), swapped cache files, a key file that is not private, a symlinked cache folder, a save
that fails for want of space."""

from __future__ import annotations

import hashlib
import os
import pickle
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import bounded, make_dossier

BOOK = 'type = "book"\ntitle = "A Book"\npublisher = "Pub"\nissued = 2001\n'
BROKEN = 'type = "book"\ntitle = "Broken"\npublisher = "Pub"\nissued = 2001\ntags = ["a" "b"]\n'
COMMANDS = [["validate"], ["list"], ["show", "good"], ["export", "--format", "bibtex"], ["ids"]]


@pytest.fixture(autouse=True)
def user_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    monkeypatch.delenv("DOSSIER_NO_CACHE", raising=False)
    return tmp_path / "user-cache"


def _dossier(tmp_path: Path) -> Path:
    return make_dossier(tmp_path / "d", {"good": BOOK, "other": BOOK.replace("A Book", "Another"), "broken": BROKEN})


def _reference(root: Path, command: list[str]):
    os.environ["DOSSIER_NO_CACHE"] = "1"
    try:
        return bounded(command, root)
    finally:
        del os.environ["DOSSIER_NO_CACHE"]


def _warm(root: Path) -> None:
    for command in (["validate"], ["list"]):
        bounded(command, root)
    names = {path.name for path in (root / ".dossier-cache").iterdir()}
    assert len(names - {".gitignore", "lock"}) >= 2, names


def _key(user_cache: Path) -> bytes:
    return (user_cache / "dossiercli" / "key").read_bytes()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_validly_signed_pickle_in_any_cache_file_runs_nothing(tmp_path, user_cache, command):
    root = _dossier(tmp_path)
    _warm(root)
    marker = tmp_path / "pwned"

    class Bomb:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    key = _key(user_cache)
    for path in (root / ".dossier-cache").iterdir():
        if path.name not in (".gitignore", "lock"):
            body = pickle.dumps((b"ctx", {"entries/good.toml": Bomb()}), protocol=4)
            path.write_bytes(hashlib.blake2b(body, key=key, digest_size=32).digest() + body)
    outcome = bounded(command, root)
    assert not marker.exists()
    reference = _reference(root, command)
    assert (outcome.status, outcome.stdout) == (reference.status, reference.stdout)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_swapped_cache_files_break_no_command(tmp_path, command):
    root = _dossier(tmp_path)
    _warm(root)
    files = sorted(p for p in (root / ".dossier-cache").iterdir() if p.name not in (".gitignore", "lock"))
    contents = [path.read_bytes() for path in files]
    for path, data in zip(files, contents[1:] + contents[:1], strict=True):  # each file holds another's bytes
        path.write_bytes(data)
    outcome = bounded(command, root)
    reference = _reference(root, command)
    assert (outcome.status, outcome.stdout) == (reference.status, reference.stdout)


@pytest.mark.parametrize("mode", [0o644, 0o666, 0o660, 0o604])
def test_a_key_file_others_can_read_or_write_is_refused(tmp_path, user_cache, mode):
    root = _dossier(tmp_path)
    folder = user_cache / "dossiercli"
    folder.mkdir(parents=True)
    (folder / "key").write_bytes(os.urandom(32))
    (folder / "key").chmod(mode)
    outcome = bounded(["validate"], root)
    assert "W007" in outcome.stdout and "the read cache is off" in outcome.stdout
    assert not (root / ".dossier-cache").exists()
    listed = bounded(["list"], root)
    assert "the read cache is off" in listed.stderr and "good" in listed.stdout
    assert not (root / ".dossier-cache").exists()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file away needs root")
def test_a_key_file_of_another_user_is_refused(tmp_path, user_cache):
    root = _dossier(tmp_path)
    folder = user_cache / "dossiercli"
    folder.mkdir(parents=True)
    (folder / "key").write_bytes(os.urandom(32))
    (folder / "key").chmod(0o600)
    os.chown(folder / "key", 4242, 4242)
    outcome = bounded(["validate"], root)
    assert "W007" in outcome.stdout and "not yours" in outcome.stdout
    assert not (root / ".dossier-cache").exists()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_symlinked_cache_folder_is_refused_with_a_warning(tmp_path, command):
    root = _dossier(tmp_path)
    elsewhere = tmp_path / "outside"
    elsewhere.mkdir()
    (root / ".dossier-cache").symlink_to(elsewhere, target_is_directory=True)
    outcome = bounded(command, root)
    bounded(command, root)
    assert list(elsewhere.iterdir()) == []
    shown = outcome.stdout + outcome.stderr
    if command != ["ids"]:  # `ids` reads file names only, never the read cache
        assert ".dossier-cache" in shown and "symlink" in shown
    assert (root / ".dossier-cache").is_symlink()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("kind", ["folder", "symlink", "file"])
def test_inits_ignore_line_covers_a_cache_folder_a_link_and_a_file(tmp_path, kind):
    root = tmp_path / "new"
    bounded(["init", root, "--title", "T"], tmp_path)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    cache = root / ".dossier-cache"
    if kind == "folder":
        cache.mkdir()
    elif kind == "symlink":
        cache.symlink_to(tmp_path)
    else:
        cache.write_text("x")
    ignored = subprocess.run(["git", "-C", str(root), "check-ignore", "-q", ".dossier-cache"])
    assert ignored.returncode == 0


def _no_space(limit: int):
    def limits():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # writes past it fail (EFBIG): a full disk

    return limits


def test_a_save_that_runs_out_of_space_leaves_no_temporary_file(tmp_path):
    entries = {f"e{index:03d}": BOOK.replace("A Book", f"Book {index}") for index in range(300)}
    root = make_dossier(tmp_path / "d", entries)
    env = {k: v for k, v in os.environ.items() if k not in ("DOSSIER_DIR", "DOSSIER_DEBUG")}
    for command in (["validate"], ["list"], ["validate"]):
        done = subprocess.run(
            [sys.executable, "-m", "dossiercli", *command],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=_no_space(4096),
            env=env,
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    leftovers = [p.name for p in (root / ".dossier-cache").iterdir() if p.name.endswith(".tmp") or ".tmp" in p.name]
    assert leftovers == []
