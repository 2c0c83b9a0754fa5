"""How a path is shown to the user: one rule for every command and every output format."""

from __future__ import annotations

import os
from pathlib import Path


def shown_path(path: Path | str | None) -> str:
    """The path as a user would type it: relative to the current folder when inside it, else absolute.

    The dossier's root is resolved once (`load.find_root`), so the same file is shown the same
    way however the dossier was named (`--dir .`, a symlink, `$DOSSIER_DIR`).
    """
    if path is None:
        return "<dossier>"
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive (Windows), or the current folder is gone
        return str(path)
    return str(path) if relative.startswith("..") else relative
