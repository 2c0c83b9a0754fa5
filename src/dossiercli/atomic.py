"""Writing files so that a crash never leaves half a file, and nothing is overwritten by accident.

Every write goes to a temporary file in the same folder, is flushed to disk, and
is renamed over the target (atomic on POSIX). `write_all` writes a batch all or
nothing: if any file fails, the ones already placed are removed again.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from dossiercli.errors import DossierError


def write_atomic(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write `text` to `path` atomically; refuse an existing file unless `overwrite`."""
    path = Path(path)
    if not overwrite and path.exists():
        raise DossierError("already exists (use --force to replace it)", path)
    temporary: str | None = None
    try:
        temporary = _stage(path, text, sync=True)
        _place(temporary, path, overwrite)
    except OSError as error:
        raise DossierError(f"cannot write: {error.strerror or error}", path) from error
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)


def _stage(path: Path, text: str, sync: bool) -> str:
    """Write `text` to a new temporary file beside `path`; its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)
        if sync:
            stream.flush()
            os.fsync(stream.fileno())
    return temporary


def _place(temporary: str, path: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(temporary, path)
    else:
        _place_new(temporary, path)


def _place_new(temporary: str, path: Path) -> None:
    """Move into place only if `path` still does not exist: link() fails rather than overwrite."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise DossierError("already exists (use --force to replace it)", path) from None
    except OSError:
        if path.exists():
            raise DossierError("already exists (use --force to replace it)", path) from None
        os.replace(temporary, path)  # a file system without hard links


def write_all(files: Mapping[Path, str], *, overwrite: bool = False) -> None:
    """Write a batch of files all or nothing (an import must not leave half a dossier).

    Every file is first written to a temporary file beside its target; one sync makes
    them all durable (one fsync per file costs seconds for thousands of files); only
    then are they moved into place. A failure before that leaves no trace; a failure
    while placing removes what was placed and restores what was replaced.
    """
    if not overwrite:
        for path in files:
            if Path(path).exists():
                raise DossierError("already exists (use --force to replace it)", path)
    staged: list[tuple[Path, str]] = []
    placed: list[tuple[Path, str | None]] = []
    try:
        for path, text in files.items():
            path = Path(path)
            try:
                staged.append((path, _stage(path, text, sync=False)))
            except OSError as error:
                raise DossierError(f"cannot write: {error.strerror or error}", path) from error
        os.sync()
        for path, temporary in staged:
            previous = path.read_text(encoding="utf-8") if overwrite and path.exists() else None
            try:
                _place(temporary, path, overwrite)
            except OSError as error:
                raise DossierError(f"cannot write: {error.strerror or error}", path) from error
            placed.append((path, previous))
    except BaseException:
        for path, previous in reversed(placed):
            if previous is None:
                path.unlink(missing_ok=True)
            else:
                write_atomic(path, previous, overwrite=True)
        raise
    finally:
        for _, temporary in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)
