"""The read cache: one record per entry file, kept in `.dossier-cache/` and keyed by content hash.

A record (load.FileRecord) is reused only for the same file (path relative to the dossier)
with the same bytes: its blake2b digest is compared. Hashing every file is the slow part of
a warm run, so — as git's index does — a file whose size, mtime, ctime and inode are those
recorded is taken as unchanged without reading it, unless it was modified less than
RACY_SECONDS before the run that recorded it (a change in the same clock tick could then
leave its times unchanged; such files are always hashed). ctime cannot be set back by
`touch` or by copying tools, so a changed file always shows a changed status.

Everything else is decided afresh on every run: a changed, added, removed or renamed file
is read; a changed dossier.toml, a different dossiercli (any source file of the package) or
a different version of a library on the read path (the TOML parser: a parser up- or
downgrade can change what is valid) drops every record; the future-date rule and the rules
across entries (duplicate ids, URLs, DOIs) always run on the whole set, from the records.

The cache is data, never code: each file is one MessagePack value of plain types (lists,
strings, integers, bytes), laid out in columns whose every element's type is checked when
read (`_index_records`, `model.plain.entry_from_plain`); a file of any other shape is dropped
and the dossier's files are read instead. The files are signed with a keyed blake2b, with a
random key in the user's own cache folder ($XDG_CACHE_HOME/dossiercli/key), so that a cache
that came with a cloned or contributed dossier, or was edited, is ignored. The key is used
only if it is the user's own: a regular file owned by the user, with no group or other
permission bits, in a folder no one else can write; otherwise the cache is off and a W007
warning says why. Each file's signed body names its kind, so swapping the index and the
entries file is a mismatch, not a crash. A `.dossier-cache` that is a symlink (or not a
folder) is never followed: the cache is off, with a warning. A save writes a temporary file
next to the cache file and renames it; a save that fails (a full disk) removes it.

The folder is safe to delete; `DOSSIER_NO_CACHE=1` turns the cache off.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import stat
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from dossiercli.findings import Finding
from dossiercli.load import CONFIG_FILE, FileRecord, read_bytes, read_path_libraries, read_records, status_key

CACHE_DIR = ".dossier-cache"
INDEX_FILE = "index-v2"  # every record but its entry: all `validate` needs
ENTRIES_FILE = "entries-v2"  # each record's entry as plain data, for the commands that use entries
RACY_SECONDS = 3
MAGIC = "dossier-read-cache"
_FORMAT = 2
_SIGNATURE = 32
_DIGEST = 16
_SEVERITIES = ("error", "warning")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def cached_records(
    root: Path,
    items: Sequence[tuple[str, str]] | None,
    jobs: int | None = None,
    payloads: bool | str = True,
    warnings: list[Finding] | None = None,
    listing: Callable[..., list[tuple[str, str]]] | None = None,
) -> list[FileRecord]:
    """Records for (path, rel) pairs of the dossier at `root`, read only where the cache cannot answer.

    With `payloads=False` the records' entries are not loaded (validate needs none); with "packed"
    each record keeps its entry packed (`record.packed`), made only when asked for (`render`). Why the
    cache could not be used (a key that is not private, a symlinked cache folder) is appended
    to `warnings` as W007 findings, for the caller to show.

    `items` None: the files are those `listing(folders)` walks (it appends W007 findings to
    `warnings`, and each folder it reads to `folders`), unless the index can say so itself: when
    the last walk met no symlink and nothing to skip, and every folder it read still has the
    modification and change times and inode it had then (older than RACY_SECONDS before that
    run), the folders hold the same names — adding, removing or renaming a file changes its
    folder's times — and the index's paths are the files, without reading a folder.
    """
    warnings = [] if warnings is None else warnings
    started = time.time_ns()
    folder = _cache_folder(root, warnings)
    key = _signing_key(warnings) if folder is not None else None
    if key is None:
        items = items if items is not None else listing()  # type: ignore[misc]
        return _packed_if_asked(read_records(items, jobs, payload=bool(payloads)), payloads)
    context = _context(root)
    table = _load_index(folder, key, context)
    snapshot: tuple[list, int] | None = None  # the folders this run read, and when: kept in the index
    if items is None:
        items = _unchanged_listing(root, table) if table is not None else None
        if items is None:
            folders: list = []
            before = len(warnings)
            items = listing(folders)  # type: ignore[misc]
            clean = len(warnings) == before and None not in folders
            snapshot = (_relative_folders(root, folders) if clean else [], started)
        else:
            snapshot = (table.folders, table.walked)  # type: ignore[union-attr]
    changed = table is None
    positions = table.positions if table is not None else {}
    racy = RACY_SECONDS * 1_000_000_000

    records: list = []  # a record, or the index (int) in the table of a record trusted as it is
    to_read: list[tuple[int, str, str]] = []
    stat = os.stat
    for index, (path, rel) in enumerate(items):
        at = positions.get(rel)
        if at is not None and table is not None and table.flags[at] & 1:
            try:
                now = stat(path)
            except OSError:
                now = None
            saved = table.statuses[at]
            if (
                now is not None
                and (now.st_size, now.st_mtime_ns, now.st_ctime_ns, now.st_ino) == saved
                and max(saved[1], saved[2]) < table.checked[at] - racy
            ):
                records.append(at)  # unchanged since a run that read it safely: trusted
                continue
            if now is not None and table.flags[at] & 2:
                data, current, _ = read_bytes(path)
                record = table.record(at)
                if data is not None and hashlib.blake2b(data, digest_size=_DIGEST).digest() == record.digest:
                    record.status = status_key(current)  # touched, not changed
                    record.checked = started
                    records.append(record)
                    changed = True
                    continue
        records.append(None)
        to_read.append((index, path, rel))
        changed = True
    if (
        table is not None
        and not changed
        and not payloads
        and len(items) == table.count
        and (snapshot is None or snapshot[1] == table.walked)
    ):
        return RecordView(table, records)  # type: ignore[return-value]  # nothing changed: the columns answer
    had_index = table is not None
    walked_before = table.walked if table is not None else None
    if table is not None:
        futures = table.futures()
        records = [table.record(item, futures.get(item, ())) if type(item) is int else item for item in records]
        if table.count != len(items):
            changed = True  # files were removed
        table = futures = None  # the columns go: the records hold what is kept (100,000 records: tens of MB)
    walk_changed = snapshot is not None and had_index and snapshot[1] != walked_before
    fresh: dict[str, FileRecord] = {}
    if to_read:
        # Without `payloads` (validate) the entries are not even kept: the first command that
        # needs them reads those files again and keeps them.
        fresh_records = read_records([(path, rel) for _, path, rel in to_read], jobs, payload=bool(payloads))
        for (index, _, rel), record in zip(to_read, fresh_records, strict=True):
            record.checked = started
            records[index] = fresh[rel] = record
    done: list[FileRecord] = records  # type: ignore[assignment]
    if not payloads:
        # The entries file is left as it is: an entry kept there for bytes that have changed since
        # no longer matches its record's digest (below) and is read again by the next command that needs it.
        if changed or walk_changed:
            _save(folder, INDEX_FILE, context, _index_data(done, snapshot), key)
        return done
    # Entries are kept apart with the digest of the bytes they were parsed from: an entries
    # file that does not go with the index (deleted, half-written, another run's) cannot be wrong.
    keep = payloads == "packed"
    stored = (_load_entries(folder, key, context, keep) if had_index else None) or {}
    missing = []
    for index, record in enumerate(done):
        if record.rel in fresh or not record.built:
            continue
        item = stored.get(record.rel)
        if item is not None and item[0] == record.digest:
            if keep:
                record.packed = item[1]  # type: ignore[assignment]
            else:
                record.entry = item[1]  # type: ignore[assignment]
        else:
            missing.append((index, items[index][0], record.rel))
    if missing:
        for (index, _, rel), record in zip(
            missing, read_records([(path, rel) for _, path, rel in missing], jobs), strict=True
        ):
            record.checked = started
            done[index] = fresh[rel] = record
    if keep:
        _packed_if_asked(list(fresh.values()), payloads)
    if changed or missing or walk_changed:
        _save(folder, INDEX_FILE, context, _index_data(done, snapshot), key)
        _save(folder, ENTRIES_FILE, context, _entries_data(done), key)
    return done


def _unchanged_listing(root: Path, table: IndexTable) -> list[tuple[str, str]] | None:
    """The index's (path, rel) pairs if every folder of the last walk is as it was then; None otherwise."""
    if not table.folders or not table.walked:
        return None
    base = str(root)
    racy = RACY_SECONDS * 1_000_000_000
    flat = table.folders
    for at in range(0, len(flat), 4):
        rel, mtime, ctime, inode = flat[at : at + 4]
        try:
            status = os.stat(os.path.join(base, rel))
        except OSError:
            return None
        if (status.st_mtime_ns, status.st_ctime_ns, status.st_ino) != (mtime, ctime, inode):
            return None
        if max(mtime, ctime) >= table.walked - racy:
            return None  # changed in the same clock tick as that walk, perhaps: walk again
    if os.sep == "/":
        return [(f"{base}/{rel}", rel) for rel in table.rels]
    return [(os.path.join(base, rel.replace("/", os.sep)), rel) for rel in table.rels]


def _relative_folders(root: Path, folders: list) -> list:
    """A walk's folders as the flat index column [rel, mtime, ctime, inode, …]; [] if one is outside `root`."""
    prefix = os.path.join(str(root), "")
    flat: list = []
    for path, mtime, ctime, inode in folders:
        if not path.startswith(prefix):
            return []
        flat += (path[len(prefix) :].replace(os.sep, "/"), mtime, ctime, inode)
    return flat


def _packed_if_asked(records: list[FileRecord], payloads: bool | str) -> list[FileRecord]:
    """With payloads="packed", each record's entry packed and the Entry let go (memory for 100,000 entries)."""
    if payloads == "packed":
        for record in records:
            if record.entry is not None:
                record.packed, record.entry = pack_entry(record.entry), None
    return records


# -- where the cache lives, and whose key signs it -------------------------------------------------


def _cache_folder(root: Path, warnings: list[Finding]) -> Path | None:
    """The dossier's cache folder, or None (with a warning) when `paths.cache_folder` refuses it (a symlink,
    not a folder): the read cache turns itself off where the lock and the link caches refuse."""
    from dossiercli.errors import DossierError
    from dossiercli.paths import cache_folder

    try:
        return cache_folder(root)
    except DossierError as error:
        message = error.message.split("; remove", 1)[0]  # what it is; the remedy is said once, below
        warnings.append(Finding.of("W007", f"{message}; the read cache is off (remove it)", error.path))
        return None


def key_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dossiercli" / "key"


def _signing_key(warnings: list[Finding] | None = None) -> bytes | None:
    """The user's random key for signing caches; None (no cache) if it cannot be kept privately."""
    path = key_path()
    key, why = _read_key(path)
    if key is None and why is None:  # no key yet: make one
        try:
            os.makedirs(path.parent, mode=0o700, exist_ok=True)
            temporary = f"{path}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(os.urandom(32))
                os.link(temporary, path)  # the first writer wins; a concurrent one reads the winner's key
            except FileExistsError:
                pass
            finally:
                os.unlink(temporary)
        except OSError:
            return None  # nowhere to keep a key: work without a cache
        key, why = _read_key(path)
    if why is not None and warnings is not None:
        warnings.append(Finding.of("W007", f"the cache key {why}; the read cache is off (delete the key)", path))
    return key


def _read_key(path: Path) -> tuple[bytes | None, str | None]:
    """(key, None) if the key file is the user's own and private; (None, why not); (None, None) if there is none."""
    owner = os.geteuid() if hasattr(os, "geteuid") else None
    try:
        folder = os.stat(path.parent)
    except OSError:
        return None, None
    if owner is not None and (folder.st_uid != owner or folder.st_mode & 0o022):
        if folder.st_uid != owner:
            return None, f"is in a folder that is not yours (owner uid {folder.st_uid})"
        return None, f"is in a folder others can write (mode {stat.S_IMODE(folder.st_mode):04o})"
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None, None
    except OSError as error:
        return None, f"cannot be read ({error.strerror or error})"
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return None, "is not a regular file"
        if owner is not None and status.st_uid != owner:
            return None, f"is not yours (owner uid {status.st_uid})"
        if owner is not None and status.st_mode & 0o077:
            return None, f"can be read or written by others (mode {stat.S_IMODE(status.st_mode):04o})"
        key = os.read(fd, 33)
    finally:
        os.close(fd)
    if len(key) != 32:
        return None, "is not a 32-byte key"
    return key, None


def _context(root: Path) -> bytes:
    """What every record depends on besides its own file: dossier.toml and the code that read it.

    The code is every source file of the package (model/plain.py's entry layout among them) and
    the versions of the libraries on the read path.
    """
    digest = hashlib.blake2b(digest_size=16)
    data, _, _ = read_bytes(root / CONFIG_FILE)
    digest.update(b"config\0" + (data if data is not None else b"\0unreadable"))
    digest.update(f"\0{_FORMAT}\0{sys.version}\0".encode())
    for name, version in read_path_libraries():
        digest.update(f"library\0{name}\0{version}\0".encode())
    package = Path(__file__).parent
    for folder, _, files in sorted(os.walk(package)):
        for name in sorted(files):
            if name.endswith(".py"):
                status = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
    return digest.digest()


# -- the files: a signed MessagePack value of plain types -------------------------------------------


_SPREAD = frozenset({"entry"})  # columns written item by item, so that reading never holds the file whole
_CHUNK = 1 << 20


def encode_file(kind: str, context: bytes, data: dict, key: bytes) -> bytes:
    """A cache file: the keyed signature of the body, then the body, a stream of MessagePack values.

    The first value is the header [MAGIC, kind, format, context, [[column, count], …]]; then each
    column, as one value (count -1) or, for the long columns of `_SPREAD`, as `count` values, one
    per item. A reader checks every value as it comes and the signature at the end, holding only
    what it keeps (the entries of 100,000 files are never one 100 MB string).
    """
    import msgpack

    packer = msgpack.Packer(use_bin_type=True)
    columns: list[list] = []
    parts: list[bytes] = []
    for name, value in data.items():
        if name in _SPREAD and type(value) is list:
            columns.append([name, len(value)])
            parts.extend(packer.pack(item) for item in value)
        else:
            columns.append([name, -1])
            parts.append(packer.pack(value))
    body = packer.pack([MAGIC, kind, _FORMAT, context, columns]) + b"".join(parts)
    return hashlib.blake2b(body, key=key, digest_size=_SIGNATURE).digest() + body


def decode_file(blob: bytes, key: bytes | None, context: bytes) -> tuple[str, dict] | tuple[None, None]:
    """(kind, data) of a cache file signed with `key` for `context`; (None, None) for anything else."""
    return _decode_chunks(iter((blob,)), key, context)


def _decode_chunks(chunks, key: bytes | None, context: bytes) -> tuple[str, dict] | tuple[None, None]:
    """decode_file for a file read piece by piece: each value checked as it comes, the signature at the end."""
    if key is None:
        return None, None
    import msgpack

    hasher = hashlib.blake2b(key=key, digest_size=_SIGNATURE)
    unpacker = msgpack.Unpacker(raw=False, strict_map_key=True, use_list=True, max_buffer_size=1 << 28)
    head = b""
    header: list | None = None
    data: dict = {}
    columns: list = []
    current: list | None = None  # the spread column being read, and how many items it still lacks
    wanted = 0
    try:
        for chunk in chunks:
            if len(head) < _SIGNATURE:
                missing = _SIGNATURE - len(head)
                head, chunk = head + chunk[:missing], chunk[missing:]
            hasher.update(chunk)
            unpacker.feed(chunk)
            for value in unpacker:
                if header is None:
                    if (
                        type(value) is not list
                        or len(value) != 5
                        or value[0] != MAGIC
                        or value[2] != _FORMAT
                        or value[3] != context
                        or type(value[1]) is not str
                        or type(value[4]) is not list
                    ):
                        return None, None
                    header = value
                    columns = [tuple(column) for column in value[4]]
                    continue
                if current is not None:
                    current.append(value)
                    wanted -= 1
                    if wanted == 0:
                        current = None
                    continue
                while columns and columns[0][1] == 0:  # an empty spread column has no values at all
                    data[columns.pop(0)[0]] = []
                if not columns:
                    return None, None  # more values than the header says
                name, count = columns.pop(0)
                if type(name) is not str or type(count) is not int or name in data:
                    return None, None
                if count == -1:
                    data[name] = value
                    continue
                current = data[name] = [value]
                wanted = count - 1
                if wanted == 0:
                    current = None
        while columns and columns[0][1] == 0:  # empty spread columns have no values at all
            data[columns.pop(0)[0]] = []
    except Exception:  # noqa: BLE001 - not a stream of values: read the files instead
        return None, None
    if header is None or columns or current is not None or len(head) != _SIGNATURE:
        return None, None
    if not hmac.compare_digest(head, hasher.digest()):
        return None, None
    return header[1], data


def _read_chunks(folder: Path, name: str):
    """The file's bytes, a megabyte at a time; nothing for a file that is a link or not a regular file."""
    try:
        fd = os.open(folder / name, os.O_RDONLY | _NOFOLLOW | _CLOEXEC | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return
        while chunk := os.read(fd, _CHUNK):
            yield chunk
    except OSError:
        return
    finally:
        os.close(fd)


def _save(folder: Path, name: str, context: bytes, data: dict, key: bytes) -> None:
    """Write one cache file atomically; any failure (a read-only dossier, a full disk) leaves nothing behind."""
    blob = encode_file(name, context, data, key)
    try:
        try:
            os.mkdir(folder, 0o755)
        except FileExistsError:
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                return  # became a symlink or a file meanwhile: never written through
        ignore = folder / ".gitignore"
        if not os.path.lexists(ignore):
            _write_new(ignore, b"# dossier's read cache: safe to delete, never commit\n*\n")
        temporary = folder / f"{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
        _write_new(temporary, blob)
        try:
            os.replace(temporary, folder / name)
        except OSError:
            _unlink(temporary)
            raise
    except OSError:
        pass  # work without a cache


def _write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet (never through a planted link); removed again if writing fails."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except BaseException:
        os.close(fd)
        _unlink(path)
        raise
    os.close(fd)


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


# -- the index: FileRecords as columns --------------------------------------------------------------
#
# rel      [str]                        each record's path relative to the dossier
# status   [int] * 4n                   size, mtime_ns, ctime_ns, inode (all -1: no status)
# digest   bytes, 16n                   blake2b of the bytes (16 zero bytes with flag 2 unset: none)
# flags    [int]                        1 status known, 2 digest known, 4 an entry was built
# checked  [int]                        when the run that last read or hashed the file started
# newest   [int]                        the latest earliest date as a day ordinal; 0: none
# url, url_key, doi  [str | None]
# read, rules        [index, code, message, line or None, severity] * k   (findings, flat)
# future             [index, key, earliest ordinal, as written, line or None] * k
# folders            [rel, mtime_ns, ctime_ns, inode] * f: the folders the last clean walk read
# walked             when that walk's run started (0: no walk to trust)
_INDEX_COLUMNS = frozenset(
    (
        *("rel", "status", "digest", "flags", "checked", "newest", "url", "url_key", "doi", "read", "rules", "future"),
        *("folders", "walked"),
    )
)


def _index_data(records: list[FileRecord], snapshot: tuple[list, int] | None = None) -> dict:
    status: list[int] = []
    digests = bytearray()
    flags, newest, read, rules, future = [], [], [], [], []
    for index, record in enumerate(records):
        status += record.status if record.status is not None else (-1, -1, -1, -1)
        digests += record.digest if record.digest is not None else bytes(_DIGEST)
        flags.append((record.status is not None) | (record.digest is not None) << 1 | record.built << 2)
        newest.append(record.newest.toordinal() if record.newest is not None else 0)  # type: ignore[attr-defined]
        for target, findings in ((read, record.read), (rules, record.rules)):
            for code, message, line, severity in findings:
                target += (index, code, message, line, severity)
        for key, earliest, shown, line in record.future:
            future += (index, key, earliest.toordinal(), shown, line)
    return {
        "rel": [record.rel for record in records],
        "status": status,
        "digest": bytes(digests),
        "flags": flags,
        "checked": [record.checked for record in records],
        "newest": newest,
        "url": [record.url for record in records],
        "url_key": [record.url_key for record in records],
        "doi": [record.doi for record in records],
        "read": read,
        "rules": rules,
        "future": future,
        "folders": snapshot[0] if snapshot is not None else [],
        "walked": snapshot[1] if snapshot is not None and snapshot[0] else 0,
    }


def _load_index(folder: Path, key: bytes, context: bytes) -> IndexTable | None:
    kind, data = _decode_chunks(_read_chunks(folder, INDEX_FILE), key, context)
    if kind != INDEX_FILE or data is None:
        return None
    try:
        return IndexTable(data)
    except (ValueError, TypeError, IndexError, KeyError, OverflowError):
        return None  # not the shape the index has: read the files instead


def _of_types(column: object, types: set, length: int) -> list:
    if type(column) is not list or len(column) != length or not set(map(type, column)) <= types:
        raise ValueError("a column of the wrong shape")
    return column


def _findings(column: object, count: int) -> dict[int, tuple]:
    flat = _of_types(column, {int, str, type(None)}, len(column) if type(column) is list else -1)
    if len(flat) % 5:
        raise ValueError("findings of the wrong shape")
    _indexes(flat[0::5], count)
    _of_types(flat[1::5], {str}, len(flat) // 5)
    _of_types(flat[2::5], {str}, len(flat) // 5)
    _of_types(flat[3::5], {int, type(None)}, len(flat) // 5)
    if not set(flat[4::5]) <= set(_SEVERITIES):
        raise ValueError("not a severity")
    found: dict[int, list] = {}
    for at in range(0, len(flat), 5):
        found.setdefault(flat[at], []).append(tuple(flat[at + 1 : at + 5]))
    return {index: tuple(items) for index, items in found.items()}


def _indexes(column: list, count: int) -> None:
    if not set(map(type, column)) <= {int} or (column and not (0 <= min(column) and max(column) < count)):
        raise ValueError("not a record's index")


class IndexTable:
    """The index's columns, checked; FileRecords are made from them only for the records asked for."""

    def __init__(self, data: dict) -> None:
        if set(data) != _INDEX_COLUMNS:
            raise ValueError("not the index's columns")
        rels = data["rel"]
        count = len(rels) if type(rels) is list else -1
        self.rels: list[str] = _of_types(rels, {str}, count)
        status = _of_types(data["status"], {int}, 4 * count)
        digests = data["digest"]
        if type(digests) is not bytes or len(digests) != _DIGEST * count:
            raise ValueError("digests of the wrong shape")
        self.digests = digests
        self.flags: list[int] = _of_types(data["flags"], {int}, count)
        self.checked: list[int] = _of_types(data["checked"], {int}, count)
        self.newest: list[int] = _of_types(data["newest"], {int}, count)
        if self.newest and not (0 <= min(self.newest) and max(self.newest) <= dt.date.max.toordinal()):
            raise ValueError("not a day")
        self.urls: list[str | None] = _of_types(data["url"], {str, type(None)}, count)
        self.url_keys: list[str | None] = _of_types(data["url_key"], {str, type(None)}, count)
        self.dois: list[str | None] = _of_types(data["doi"], {str, type(None)}, count)
        self.read, self.rules = _findings(data["read"], count), _findings(data["rules"], count)
        future_flat = _of_types(data["future"], {int, str, type(None)}, len(data["future"]))
        if len(future_flat) % 5:
            raise ValueError("dates of the wrong shape")
        _indexes(future_flat[0::5], count)
        _of_types(future_flat[1::5], {str}, len(future_flat) // 5)
        days = _of_types(future_flat[2::5], {int}, len(future_flat) // 5)
        if days and not (1 <= min(days) and max(days) <= dt.date.max.toordinal()):
            raise ValueError("not a day")
        _of_types(future_flat[3::5], {str}, len(future_flat) // 5)
        _of_types(future_flat[4::5], {int, type(None)}, len(future_flat) // 5)
        self._future_flat = future_flat
        folders = _of_types(data["folders"], {str, int}, len(data["folders"]) if type(data["folders"]) is list else -1)
        if len(folders) % 4:
            raise ValueError("folders of the wrong shape")
        _of_types(folders[0::4], {str}, len(folders) // 4)
        for column in (folders[1::4], folders[2::4], folders[3::4]):
            _of_types(column, {int}, len(folders) // 4)
        if any(rel.startswith("/") or ".." in rel.split("/") for rel in folders[0::4]):
            raise ValueError("a folder outside the dossier")
        self.folders: list = folders
        if type(data["walked"]) is not int:
            raise ValueError("not a time")
        self.walked: int = data["walked"]
        self.count = count
        self.statuses: list[tuple[int, int, int, int]] = list(
            zip(status[0::4], status[1::4], status[2::4], status[3::4], strict=True)
        )
        self.positions: dict[str, int] = dict(zip(rels, range(count), strict=True))
        if len(self.positions) != count:
            raise ValueError("a path twice")

    def future(self, index: int) -> tuple:
        found = []
        flat = self._future_flat
        for at in range(0, len(flat), 5):
            if flat[at] == index:
                found.append((flat[at + 1], dt.date.fromordinal(flat[at + 2]), flat[at + 3], flat[at + 4]))
        return tuple(found)

    def futures(self) -> dict[int, tuple]:
        found: dict[int, list] = {}
        flat = self._future_flat
        for at in range(0, len(flat), 5):
            found.setdefault(flat[at], []).append(
                (flat[at + 1], dt.date.fromordinal(flat[at + 2]), flat[at + 3], flat[at + 4])
            )
        return {index: tuple(items) for index, items in found.items()}

    def record(self, index: int, future: tuple | None = None) -> FileRecord:
        flag, newest = self.flags[index], self.newest[index]
        return FileRecord(
            self.rels[index],
            self.statuses[index] if flag & 1 else None,
            self.digests[_DIGEST * index : _DIGEST * index + _DIGEST] if flag & 2 else None,
            self.read.get(index, ()),
            self.rules.get(index, ()),
            self.future(index) if future is None else future,
            dt.date.fromordinal(newest) if newest else None,
            self.urls[index],
            self.url_keys[index],
            self.dois[index],
            bool(flag & 4),
            self.checked[index],
        )

    def records(self) -> dict[str, FileRecord]:
        futures = self.futures()
        return {rel: self.record(index, futures.get(index, ())) for index, rel in enumerate(self.rels)}


class RecordView(Sequence):
    """An unchanged dossier's records, in the order of its files, straight from the index's columns.

    What a warm `validate` needs is answered from the columns (`validate.findings_of_records`);
    a FileRecord is made only for the records asked for by index.
    """

    def __init__(self, table: IndexTable, order: list[int]) -> None:
        self.table, self.order = table, order

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self.table.record(self.order[index])


# -- the entries file: each built record's entry as plain data ---------------------------------------


def _entries_data(records: list[FileRecord]) -> dict:
    kept = [record for record in records if record.digest is not None and record.built]
    kept = [record for record in kept if record.entry is not None or record.packed is not None]
    return {
        "rel": [record.rel for record in kept],
        "digest": b"".join(record.digest for record in kept),  # type: ignore[misc]
        "entry": [record.packed if record.packed is not None else pack_entry(record.entry) for record in kept],  # type: ignore[arg-type]
    }


def pack_entry(entry) -> bytes:
    """An entry as one MessagePack value of plain data (model.plain's layout)."""
    import msgpack

    from dossiercli.model.plain import entry_to_plain

    return msgpack.packb(entry_to_plain(entry), use_bin_type=True)


def unpack_entry(packed: bytes):
    """The entry `pack_entry` packed; ValueError for anything else."""
    import msgpack

    from dossiercli.model.plain import entry_from_plain

    try:
        plain = msgpack.unpackb(packed, raw=False, strict_map_key=True, use_list=True)
    except Exception as error:  # noqa: BLE001 - not a value at all
        raise ValueError("not a packed entry") from error
    return entry_from_plain(plain)


def _load_entries(folder: Path, key: bytes, context: bytes, keep: bool) -> dict[str, tuple[bytes, object]] | None:
    """rel -> (digest, entry), or with `keep` -> (digest, packed entry), each checked when it is unpacked
    (load.LazyEntries reads the file instead of an entry that does not unpack)."""
    kind, data = _decode_chunks(_read_chunks(folder, ENTRIES_FILE), key, context)
    if kind != ENTRIES_FILE or data is None:
        return None
    try:
        if set(data) != {"rel", "digest", "entry"}:
            raise ValueError("not the entries file's columns")
        rels = data["rel"]
        count = len(rels) if type(rels) is list else -1
        _of_types(rels, {str}, count)
        digests, entries = data["digest"], _of_types(data["entry"], {bytes}, count)
        if type(digests) is not bytes or len(digests) != _DIGEST * count:
            raise ValueError("digests of the wrong shape")
        found: dict[str, tuple[bytes, object]] = {}
        for index, rel in enumerate(rels):
            found[rel] = (
                digests[_DIGEST * index : _DIGEST * index + _DIGEST],
                entries[index] if keep else unpack_entry(entries[index]),
            )
        return found
    except (ValueError, TypeError, IndexError, KeyError, OverflowError):
        return None  # not the shape the entries file has: read the files instead
