"""Errors the core raises and the exit statuses the CLI turns them into.

The core never prints and never exits: it raises `DossierError` (or returns
findings), and the CLI layer decides how to show it.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitStatus(IntEnum):
    OK = 0
    FINDINGS = 1  # validation errors, broken links, files that `fmt --check` would change
    USAGE = 2  # bad arguments, unreadable input, no dossier found
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it


class DossierError(Exception):
    """A user-facing error: one line, naming the file (and line) where known."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class DossierNotFound(DossierError):
    pass


class UnknownEntry(DossierError):
    pass
