"""The read cache: one record per entry file, kept in `.dossier-cache/` and keyed by content hash.

A record (load.FileRecord) is reused only for the same file (path relative to the dossier)
with the same bytes: its blake2b digest is compared. Hashing every file is the slow part of
a warm run, so — as git's index does — a file whose size, mtime, ctime and inode are those
recorded is taken as unchanged without reading it, unless it was modified less than
RACY_SECONDS before the run that recorded it (a change in the same clock tick could then
leave its times unchanged; such files are always hashed). ctime cannot be set back by
`touch` or by copying tools, so a changed file always shows a changed status.

Everything else is decided afresh on every run: a changed, added, removed or renamed file
is read; a changed dossier.toml or a different dossiercli (any source file of the package)
drops every record; the future-date rule and the rules across entries (duplicate ids, URLs,
DOIs) always run on the whole set, from the records.

The cache is a pickle, so it is signed: a keyed blake2b with a random key kept in the
user's own cache folder ($XDG_CACHE_HOME/dossiercli/key, mode 0600). A cache file that
came with a cloned or contributed dossier, or was edited, fails the check and is ignored.
The folder is safe to delete; `DOSSIER_NO_CACHE=1` turns the cache off.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from dossiercli.load import CONFIG_FILE, FileRecord, read_bytes, read_records, status_key

CACHE_DIR = ".dossier-cache"
INDEX_FILE = "index-v1"  # every record but its entry: all `validate` needs
ENTRIES_FILE = "entries-v1"  # rel -> the pickled entry, for the commands that use entries
RACY_SECONDS = 3
_FORMAT = 1
_FIELDS = (
    "status",
    "digest",
    "read",
    "rules",
    "future",
    "newest",
    "url",
    "url_key",
    "doi",
    "built",
    "checked",
)  # FileRecord's order


def cached_records(
    root: Path, items: Sequence[tuple[str, str]], jobs: int | None = None, payloads: bool = True
) -> list[FileRecord]:
    """Records for (path, rel) pairs of the dossier at `root`, read only where the cache cannot answer.

    With `payloads=False` the records' entries are not loaded (validate needs none).
    """
    started = time.time_ns()
    key = _signing_key()
    context = _context(root) if key else b""
    known = _load(root / CACHE_DIR / INDEX_FILE, key, context) if key else None
    changed = known is None
    known = known or {}
    racy = RACY_SECONDS * 1_000_000_000

    records: list[FileRecord | None] = []
    to_read: list[tuple[int, str, str]] = []
    for index, (path, rel) in enumerate(items):
        saved = known.get(rel)
        if saved is not None and saved[0] is not None:
            try:
                now = os.stat(path)
            except OSError:
                now = None
            size, mtime, ctime, inode = saved[0]
            if (
                now is not None
                and now.st_mtime_ns == mtime
                and now.st_ctime_ns == ctime
                and now.st_size == size
                and now.st_ino == inode
                and mtime < saved[-1] - racy
                and ctime < saved[-1] - racy
            ):
                records.append(FileRecord(rel, *saved))  # unchanged since a run that read it safely: trusted
                continue
            record = FileRecord(rel, *saved)
            status = status_key(now) if now is not None else None
            if status is not None and record.digest is not None:
                data, current, _ = read_bytes(path)
                if data is not None and hashlib.blake2b(data, digest_size=16).digest() == record.digest:
                    record.status = status_key(current)  # touched, not changed
                    record.checked = started
                    records.append(record)
                    changed = True
                    continue
        records.append(None)
        to_read.append((index, path, rel))
        changed = True
    fresh: dict[str, FileRecord] = {}
    if to_read:
        # Without `payloads` (validate) the entries are not even pickled: the first command that
        # needs them reads those files again and keeps them.
        fresh_records = read_records([(path, rel) for _, path, rel in to_read], jobs, payload=payloads)
        for (index, _, rel), record in zip(to_read, fresh_records, strict=True):
            record.checked = started
            records[index] = fresh[rel] = record
    if len(known) != len(items):
        changed = True  # files were removed
    done: list[FileRecord] = records  # type: ignore[assignment]
    if not payloads:
        # The entries file is left as it is: an entry kept there for bytes that have changed since
        # no longer matches its record's digest (below) and is read again by the next command that needs it.
        if key and changed:
            _save_index(root, key, context, done)
        return done
    # Entries are kept apart with the digest of the bytes they were parsed from: an entries
    # file that does not go with the index (deleted, half-written, another run's) cannot be wrong.
    stored = (_load(root / CACHE_DIR / ENTRIES_FILE, key, context) if key and known else None) or {}
    missing = []
    for index, record in enumerate(done):
        if record.rel in fresh or not record.built:
            continue
        item = stored.get(record.rel)
        if item is not None and item[0] == record.digest:
            record.payload = item[1]
        else:
            missing.append((index, items[index][0], record.rel))
    if missing:
        for (index, _, rel), record in zip(
            missing, read_records([(path, rel) for _, path, rel in missing], jobs), strict=True
        ):
            record.checked = started
            done[index] = fresh[rel] = record
    if key and (changed or missing):
        _save_index(root, key, context, done)
        _save(
            root,
            ENTRIES_FILE,
            key,
            context,
            {record.rel: (record.digest, record.payload) for record in done if record.payload is not None},
        )
    return done


def _save_index(root: Path, key: bytes, context: bytes, records: list[FileRecord]) -> None:
    _save(
        root,
        INDEX_FILE,
        key,
        context,
        {record.rel: tuple(getattr(record, name) for name in _FIELDS) for record in records},
    )


def _context(root: Path) -> bytes:
    """What every record depends on besides its own file: dossier.toml and the code that read it."""
    digest = hashlib.blake2b(digest_size=16)
    data, _, _ = read_bytes(root / CONFIG_FILE)
    digest.update(b"config\0" + (data if data is not None else b"\0unreadable"))
    digest.update(f"\0{_FORMAT}\0{sys.version}\0".encode())
    package = Path(__file__).parent
    for folder, _, files in sorted(os.walk(package)):
        for name in sorted(files):
            if name.endswith(".py"):
                status = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
    return digest.digest()


def _signing_key() -> bytes | None:
    """The user's random key for signing caches; None (no cache) if it cannot be kept privately."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "dossiercli")
    path = os.path.join(folder, "key")
    try:
        with open(path, "rb") as handle:
            key = handle.read()
        if len(key) == 32:
            return key
    except OSError:
        pass
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        key = os.urandom(32)
        temporary = f"{path}.{os.getpid()}.tmp"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        try:
            os.link(temporary, path)  # the first writer wins; a concurrent one reads the winner's key
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
        with open(path, "rb") as handle:
            key = handle.read()
        return key if len(key) == 32 else None
    except OSError:
        return None


def _load(path: Path, key: bytes, context: bytes) -> dict | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    signature, body = data[:32], data[32:]
    if not hmac.compare_digest(signature, hashlib.blake2b(body, key=key, digest_size=32).digest()):
        return None
    try:
        saved = pickle.loads(body)
    except Exception:  # noqa: BLE001 - a cache from another version: read the files instead
        return None
    if not isinstance(saved, tuple) or len(saved) != 2 or saved[0] != context or not isinstance(saved[1], dict):
        return None
    return saved[1]


def _save(root: Path, name: str, key: bytes, context: bytes, data: dict) -> None:
    body = pickle.dumps((context, data), protocol=pickle.HIGHEST_PROTOCOL)
    signature = hashlib.blake2b(body, key=key, digest_size=32).digest()
    folder = root / CACHE_DIR
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# dossier's read cache: safe to delete, never commit\n*\n", encoding="utf-8")
        temporary = folder / f"{name}.{os.getpid()}.tmp"
        with open(temporary, "wb") as handle:
            handle.write(signature)
            handle.write(body)
        os.replace(temporary, folder / name)
    except OSError:
        pass  # a read-only dossier: work without a cache
