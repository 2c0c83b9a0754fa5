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


CACHE_FOLDER = ".dossier-cache"


def cache_folder(root: Path) -> Path:
    """`<root>/.dossier-cache`, where the lock, the link and verify caches live: never through a symlink.

    A contributor can commit `.dossier-cache` as a link to anywhere; following it would write outside
    the dossier. Raises DossierError naming it (the read cache turns itself off with a warning instead).
    """
    import stat

    from dossiercli.errors import DossierError

    folder = Path(root) / CACHE_FOLDER
    try:
        mode = os.lstat(folder).st_mode
    except FileNotFoundError:
        return folder
    except OSError as error:
        raise DossierError(f"cannot read: {error.strerror or error}", folder) from None
    if stat.S_ISLNK(mode):
        raise DossierError(f"is a symlink (to {os.readlink(folder)}): not followed; remove the link", folder)
    if not stat.S_ISDIR(mode):
        raise DossierError("is not a folder; remove it (dossier keeps its lock and caches there)", folder)
    return folder
