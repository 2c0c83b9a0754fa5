"""A batch write (an import) killed half-way is all there or not there after the next writer takes the lock."""

import subprocess
import sys
import textwrap

from dossiercli.atomic import JOURNAL
from dossiercli.lock import dossier_lock

KILL_AT = """
import os, sys
from pathlib import Path
from dossiercli import atomic

root, where, at = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
real = getattr(atomic, where)
calls = []

def dying(*args, **kwargs):
    calls.append(1)
    if len(calls) == at:
        os._exit(9)  # as SIGKILL: no cleanup, no finally
    return real(*args, **kwargs)

setattr(atomic, where, dying)
atomic.write_all({root / "entries" / f"e{i}.toml": f'title = "{i}"\\n' for i in range(10)})
"""


def killed_batch(tmp_path, where: str, at: int):
    root = tmp_path / "d"
    (root / "entries").mkdir(parents=True)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(KILL_AT), str(root), where, str(at)])
    assert done.returncode == 9
    return root


def entry_names(root):
    return sorted(p.name for p in (root / "entries").iterdir())


def test_killed_while_placing_the_next_writer_finishes_the_batch(tmp_path):
    root = killed_batch(tmp_path, "_place", at=4)
    assert JOURNAL in entry_names(root)  # three placed, seven staged, the journal says what remains
    with dossier_lock(root):
        pass
    assert entry_names(root) == sorted(f"e{i}.toml" for i in range(10))


def test_killed_while_staging_the_next_writer_removes_what_was_staged(tmp_path):
    root = killed_batch(tmp_path, "_stage", at=6)
    assert all(name.endswith(".tmp") for name in entry_names(root)) and entry_names(root)
    with dossier_lock(root):
        pass
    assert entry_names(root) == []


def test_a_torn_journal_means_the_batch_never_began(tmp_path):
    root = tmp_path / "d"
    (root / "entries").mkdir(parents=True)
    (root / "entries" / JOURNAL).write_text('{"moves": [["/nowhere/.a.tmp"')
    with dossier_lock(root):
        pass
    assert entry_names(root) == []
