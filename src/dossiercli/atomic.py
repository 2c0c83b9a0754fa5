"""Writing files so that a crash never leaves half a file, and nothing is overwritten by accident.

Every write goes to a temporary file in the same folder, is flushed to disk, and
is renamed over the target (atomic on POSIX). `write_all` writes a batch all or
nothing: if any file fails, the ones already placed are removed again.

Files are treated as a careful tool treats them: a new file gets `0666 & ~umask`
(as `touch` or an editor would make it), a rewritten file keeps its mode, a symlink
is written through to its target (the link stays a link), and a missing folder is an
error rather than silently created (except where the caller asks for it).
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from dossiercli.errors import DossierError

TEMP_SUFFIX = ".tmp"


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # no /proc: the classic read-and-restore
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    return 0o666 & ~current_umask()


def real_target(path: Path, inside: Path | None = None) -> Path:
    """Where a write to `path` lands: the target of a symlink (followed through every link).

    A dangling link, a link loop or (with `inside`) a target outside that folder is refused
    with the reason; the link itself is never replaced by a plain file.
    """
    path = Path(path)
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except FileNotFoundError:
            raise DossierError(
                f"is a symlink to {os.readlink(path)}, which does not exist; not writing through it", path
            ) from None
        except (RuntimeError, OSError):
            raise DossierError("is a symlink loop; not writing through it", path) from None
    else:
        target = path
    if inside is not None:
        resolved = target.resolve()
        root = Path(inside).resolve()
        if resolved != root and root not in resolved.parents:
            raise DossierError(f"resolves to {resolved}, outside {root}; not writing there", path)
    if target.exists() and not target.is_file():
        raise DossierError("is not a regular file; not writing over it", path)
    return target


def write_atomic(
    path: Path,
    text: str | bytes | Iterable[str],
    *,
    overwrite: bool = False,
    parents: bool = True,
    inside: Path | None = None,
) -> None:
    """Write `text` to `path` atomically; refuse an existing file unless `overwrite`.

    `parents`: create missing folders (a cache folder inside the dossier); with False a missing
    folder is an error naming it — what a user's `-o FILE` gets (write_output);
    `inside`: refuse a path (or symlink target) outside this folder.
    """
    target = real_target(Path(path), inside)
    if not overwrite and (target.exists() or Path(path).is_symlink()):
        raise DossierError("already exists (use --force to replace it)", path)
    _check_folder(target, parents)
    temporary: str | None = None
    try:
        temporary = _stage(target, text, sync=True)
        _place(temporary, target, overwrite)
    except UnicodeEncodeError as error:  # a lone surrogate from a JSON escape: no file is made or changed
        bad = error.object[error.start : error.start + 1]
        raise DossierError(f"cannot write: {bad!r} is a lone surrogate, not text", path) from None
    except OSError as error:
        raise DossierError(f"cannot write: {error.strerror or error}", path) from error
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)


def write_output(path: Path, text: str | bytes | Iterable[str], *, overwrite: bool = False) -> None:
    """A file the user named with `-o`: never into a folder that does not exist (a typo would hide the file).

    `text` may be an iterable of pieces (a rendered document): each is written as it is made, so the
    whole document is never held in memory; the file appears only once all of it is written.
    """
    write_atomic(path, text, overwrite=overwrite, parents=False)


def _check_folder(target: Path, parents: bool) -> None:
    folder = target.parent
    if folder.is_dir():
        return
    if folder.exists():
        raise DossierError(f"cannot write: {folder} is not a folder", target)
    if not parents:
        raise DossierError(f"the folder {folder} does not exist (create it first)", target)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DossierError(f"cannot create the folder {folder}: {error.strerror or error}", target) from None


def _stage(path: Path, text: str | bytes | Iterable[str], sync: bool) -> str:
    """Write `text` to a new temporary file beside `path`, with the mode the file should have; its name.

    A file that exists keeps its mode; a new one gets 0666 & ~umask, as `touch` would make it.
    The name is `.NAME.XXXXXXXX.tmp`, made with O_EXCL.
    """
    keep: int | None  # a rewrite keeps the file's mode; a new file is made 0666 & ~umask by the kernel itself
    try:
        keep = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        keep = None
    created = 0o600 if keep is not None else 0o666
    folder, name = os.path.split(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        temporary = os.path.join(folder, f".{name}.{os.urandom(4).hex()}{TEMP_SUFFIX}")
        try:
            handle = os.open(temporary, flags, created)
            break
        except FileExistsError:
            continue
    try:
        if keep is not None:
            try:
                os.fchmod(handle, keep)
            except OSError:
                pass
        for piece in (text,) if isinstance(text, (str, bytes)) else text:  # a document made piece by piece
            data = memoryview(piece if isinstance(piece, bytes) else piece.encode("utf-8"))
            while data:
                data = data[os.write(handle, data) :]
        if sync:
            os.fsync(handle)
    except BaseException:  # a full disk, text that cannot be encoded, an interrupt: no temporary file stays
        os.close(handle)
        os.unlink(temporary)
        raise
    os.close(handle)
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
    while placing removes what was placed and restores what was replaced. Missing
    folders are created (a batch is written inside a dossier, whose folders it may make).
    """
    targets: dict[Path, Path] = {}
    for path in files:
        path = Path(path)
        if not overwrite:
            try:
                os.lstat(path)
            except FileNotFoundError:
                targets[path] = path  # nothing there, not even a link: the common case of a new file, one lstat
                continue
            except OSError:
                pass  # a folder that is not one, a permission: real_target and the checks below say which
        targets[path] = real_target(path)
    if not overwrite:
        for path, target in targets.items():
            if target is not path and (target.exists() or path.is_symlink()):
                raise DossierError("already exists (use --force to replace it)", path)
    folders: set[Path] = set()
    staged: list[tuple[Path, str]] = []
    placed: list[tuple[Path, str | None]] = []
    try:
        for path, text in files.items():
            target = targets[Path(path)]
            try:
                if target.parent not in folders:
                    _check_folder(target, parents=True)
                    folders.add(target.parent)
                staged.append((target, _stage(target, text, False)))
            except OSError as error:
                raise DossierError(f"cannot write: {error.strerror or error}", path) from error
        os.sync()
        journal = _write_journal(staged, overwrite) if staged else None
        for target, temporary in staged:
            previous = target.read_text(encoding="utf-8") if overwrite and target.exists() else None
            try:
                _place(temporary, target, overwrite)
            except OSError as error:
                raise DossierError(f"cannot write: {error.strerror or error}", target) from error
            placed.append((target, previous))
            if not overwrite:
                _unlink(temporary)  # placed by a hard link: the staged name goes now
        if journal is not None:
            _remove_journal(journal)
    except BaseException:
        for target, previous in reversed(placed):
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                write_atomic(target, previous, overwrite=True)
        if staged:
            _remove_journal(_journal_path(staged))
        raise
    finally:
        for _, temporary in staged[len(placed) if not overwrite else 0 :]:
            _unlink(temporary)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


# A batch killed while its files are moved into place (SIGKILL, power loss) would leave half an import.
# Before the first move, the batch writes down every move it is about to make; the next writer, holding
# the dossier lock, finishes the moves whose staged files are still there (`recover_journal`), so a
# batch is either not there at all (killed while staging: its temporaries are removed) or all there.
JOURNAL = ".dossier-journal.json"


def _journal_path(staged: list[tuple[Path, str]]) -> Path:
    return Path(os.path.commonpath([str(target.parent) for target, _ in staged])) / JOURNAL


def _write_journal(staged: list[tuple[Path, str]], overwrite: bool) -> Path:
    import json

    path = _journal_path(staged)
    moves = [[temporary, str(target)] for target, temporary in staged]
    temporary = _stage(path, json.dumps({"overwrite": overwrite, "moves": moves}), sync=True)
    os.replace(temporary, path)
    _sync_folder(path.parent)
    return path


def _remove_journal(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def recover_journal(folder: Path) -> int:
    """Finish the batch a killed writer was moving into place in `folder`; the number of files it placed.

    Called under the dossier lock. A move whose staged file is gone was made before the kill."""
    import json

    path = Path(folder) / JOURNAL
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        moves = [(str(a), Path(b)) for a, b in data["moves"]]
        overwrite = bool(data.get("overwrite"))
    except FileNotFoundError:
        return 0
    except (OSError, ValueError, KeyError, TypeError):  # a journal torn while written: its batch never began
        _remove_journal(path)
        return 0
    done = 0
    for temporary, target in moves:
        if not os.path.exists(temporary):
            continue
        if overwrite or not target.exists():
            os.replace(temporary, target)
            done += 1
        else:
            os.unlink(temporary)
    _remove_journal(path)
    return done


def remove_stale_temporaries(folder: Path, older_than: float = 0.0) -> list[Path]:
    """Delete the hidden `.NAME.XXXX.tmp` files a killed writer left in `folder` (and below).

    Called under the dossier lock, when no other dossier command can be writing;
    `older_than` (seconds) spares files younger than that all the same.
    """
    removed: list[Path] = []
    now = time.time()
    stack = [Path(folder)]
    while stack:
        current = stack.pop()
        try:
            items = list(os.scandir(current))
        except OSError:
            continue
        for item in items:
            try:
                if item.is_dir(follow_symlinks=False):
                    if not item.name.startswith("."):
                        stack.append(Path(item.path))
                    continue
                if (
                    item.name.startswith(".")
                    and item.name.endswith(TEMP_SUFFIX)
                    and item.is_file(follow_symlinks=False)
                    and now - item.stat(follow_symlinks=False).st_mtime >= older_than
                ):
                    os.unlink(item.path)
                    removed.append(Path(item.path))
            except OSError:
                continue
    return removed
