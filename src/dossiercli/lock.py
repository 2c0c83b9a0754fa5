"""One writer at a time: an exclusive lock on the dossier for every command that writes to it.

The lock is an advisory `flock` on `.dossier-cache/lock` (the folder `init` already keeps
out of git). The kernel drops it when the process ends, however it ends, so a killed
command never leaves the dossier locked. A second writer waits a bounded time
(`DOSSIER_LOCK_WAIT` seconds, default 10) and then gives up with a clear message.
Holding the lock, the writer finishes an import a killed writer was placing (atomic.recover_journal)
and removes the temporary files a killed writer left behind.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from dossiercli.atomic import recover_journal, remove_stale_temporaries
from dossiercli.errors import DossierError

LOCK_DIR = ".dossier-cache"
LOCK_FILE = "lock"
DEFAULT_WAIT = 10.0
POLL = 0.05


def lock_wait(env: dict | None = None) -> float:
    value = (os.environ if env is None else env).get("DOSSIER_LOCK_WAIT", "")
    try:
        return max(0.0, float(value)) if value else DEFAULT_WAIT
    except ValueError:
        return DEFAULT_WAIT


@contextlib.contextmanager
def dossier_lock(root: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the dossier's write lock for the `with` block; DossierError after `wait` seconds."""
    import fcntl

    wait = lock_wait() if wait is None else wait
    from dossiercli.paths import cache_folder

    folder = cache_folder(Path(root))
    path = folder / LOCK_FILE
    try:
        folder.mkdir(exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError as error:
        raise DossierError(f"cannot lock the dossier: {error.strerror or error}", path) from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise DossierError(
                        f"another dossier command is running on {root} (waited {wait:g} s); "
                        "try again when it has finished"
                    ) from None
                time.sleep(POLL)
        recover_journal(Path(root) / "entries")  # a batch killed half-placed is finished first
        remove_stale_temporaries(Path(root) / "entries")
        for item in Path(root).glob(".dossier.toml.*.tmp"):
            with contextlib.suppress(OSError):
                if item.is_file():
                    item.unlink()
        yield
    finally:
        os.close(handle)  # releases the lock
