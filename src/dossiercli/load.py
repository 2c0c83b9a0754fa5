"""Finding a dossier, reading its files, and pointing problems at their lines.

A dossier is a folder with a `dossier.toml` and an `entries/` folder of one TOML
file per source; the file stem is the entry id. Reading is the hot path of every
command, so:

- each file is read once into a `FileRecord` (its reading problems, the per-entry
  rules, the keys the cross-entry rules need, and the entry itself);
- records are kept in `.dossier-cache/` keyed by the file's content hash
  (cache.py), so an unchanged dossier is not parsed again;
- many files to read are read by a process pool, one chunk per core;
- line numbers come from one line index per file, built only for files with problems.

Every read-only command goes through `scan_dossier`, so they share the loader and
the cache. Files are never followed outside the dossier: a symlink that leaves it,
a symlink loop and anything that is not a regular file (a FIFO named *.toml) are
skipped with a W007 finding instead of being read.
"""

from __future__ import annotations

import os
import re
import stat as stat_module
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from dossiercli.errors import DossierError, DossierNotFound, UnknownEntry
from dossiercli.findings import Finding, Severity

if TYPE_CHECKING:  # imported where used: a warm `validate` never needs the model (start-up time)
    from dossiercli.model.entry import Entry
    from dossiercli.model.names import Name
    from dossiercli.model.parse import KeyPath, Problem

CONFIG_FILE = "dossier.toml"
ENTRIES_DIR = "entries"
CONFIG_KEYS = ("title", "subtitle", "description", "author", "defaults", "links", "lookup", "chicago")
MAX_FINDINGS_PER_FILE = 25  # then one "and N more" finding: a broken file cannot flood the report
POOL_MIN_FILES = 1500  # below this, starting worker processes costs more than it saves

_TOML_POSITION = re.compile(r"\s*\(at line \d+, column \d+\)")


@dataclass(frozen=True, slots=True)
class DossierConfig:
    title: str = "Untitled dossier"
    subtitle: str | None = None
    description: str | None = None
    authors: tuple[Name, ...] = ()
    sections: Mapping[str, dict] = field(default_factory=dict)  # [defaults], [links] ... for the features that own them


@dataclass
class Dossier:
    root: Path
    config: DossierConfig
    entries: list[Entry]
    skipped: Sequence[Finding] = ()  # why files were left out: one finding per skipped file

    @property
    def _by_id(self) -> dict[str, Entry]:
        found = self.__dict__.get("_by_id_map")
        if found is None:  # made when first asked for: `render` of lazily made entries never asks
            found = self.__dict__["_by_id_map"] = {entry.id: entry for entry in self.entries}
        return found

    @property
    def entries_dir(self) -> Path:
        return self.root / ENTRIES_DIR

    def __contains__(self, entry_id: str) -> bool:
        return entry_id in self._by_id

    def get(self, entry_id: str) -> Entry:
        """The entry for an id as a user types it: exact id, citation-key or unique prefix (resolve.py)."""
        entry = self._by_id.get(entry_id)
        if entry is not None:
            return entry
        for finding in self.skipped:
            if finding.path is not None and finding.path.stem == entry_id:
                why = "not read" if finding.code == "W007" else "skipped because it is invalid"
                raise UnknownEntry(f"entry {entry_id!r} is {why}: {finding} (run `dossier validate`)")
        return self.resolver.resolve(entry_id, self.entries_dir)

    @property
    def resolver(self):
        from dossiercli.resolve import Resolver

        if getattr(self, "_resolver", None) is None:
            self._resolver = Resolver(self.entries)
        return self._resolver


def find_root(
    explicit: str | Path | None = None, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> Path:
    """The dossier folder: --dir, else $DOSSIER_DIR, else the nearest folder upwards with a dossier.toml.

    Always an absolute, resolved path, however it was named (".", "..", a symlink, a relative
    path): every path below it is derived from this one root, so every command sees the same
    files under the same names.
    """
    env = os.environ if env is None else env
    given = explicit or env.get("DOSSIER_DIR")
    if given:
        root = Path(given)
        if (root / CONFIG_FILE).is_file():
            return root.resolve()
        source = "--dir" if explicit else "DOSSIER_DIR"
        raise DossierNotFound(
            f"{root} is not a dossier: it has no {CONFIG_FILE} (from {source}; `dossier init` makes one)"
        )
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise DossierNotFound(
        f"no {CONFIG_FILE} in {start} or any folder above it; pass --dir, set DOSSIER_DIR, or run `dossier init`"
    )


# -- reading one file -------------------------------------------------------------------------------


def read_bytes(path: Path | str) -> tuple[bytes | None, os.stat_result | None, Finding | None]:
    """A regular file's bytes and status, or why it cannot be read. Never blocks on a FIFO or device."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        return None, None, Finding.of("E001", "is a folder, not a TOML file", Path(path))
    except OSError as error:
        return None, None, Finding.of("E001", f"cannot read: {error.strerror or error}", Path(path))
    try:
        status = os.fstat(fd)
        if stat_module.S_ISDIR(status.st_mode):
            return None, status, Finding.of("E001", "is a folder, not a TOML file", Path(path))
        if not stat_module.S_ISREG(status.st_mode):
            return None, status, Finding.of("E001", f"is not a regular file ({_file_kind(status.st_mode)})", Path(path))
        data = os.read(fd, status.st_size + 1)  # one read: fewer bytes than asked for is the end of the file
        if len(data) > status.st_size:  # it grew meanwhile: read the rest
            chunks = [data]
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
            data = b"".join(chunks)
        return data, status, None
    except OSError as error:
        return None, None, Finding.of("E001", f"cannot read: {error.strerror or error}", Path(path))
    finally:
        os.close(fd)


def _file_kind(mode: int) -> str:
    if stat_module.S_ISFIFO(mode):
        return "a FIFO"
    if stat_module.S_ISSOCK(mode):
        return "a socket"
    if stat_module.S_ISCHR(mode) or stat_module.S_ISBLK(mode):
        return "a device"
    return "not a plain file"


def parse_toml(data: bytes, path: Path | None) -> tuple[dict | None, str | None, list[Finding]]:
    """Decode and parse one TOML file's bytes: (table, source text, findings)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return (
            None,
            None,
            [
                Finding.of(
                    "E002",
                    f"not UTF-8: byte 0x{data[error.start]:02x} cannot be decoded (save the file as UTF-8)",
                    path,
                    line,
                )
            ],
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    parser = _PARSER
    try:
        table = parser.loads(text)
    except RecursionError:
        return None, text, [Finding.of("E004", "invalid TOML: values nested too deeply", path)]
    except parser.errors as error:
        from dossiercli.baredates import quote_impossible_dates  # `issued = 2007-02-30`: E020 on its line, not E004

        repaired = quote_impossible_dates(text)
        if repaired != text:
            try:
                return parser.loads(repaired), text, []
            except (*parser.errors, RecursionError):
                pass
        reason, line, column = _decode_error(error)
        if line is None and _HUGE_INTEGER.search(text):  # Python's int-string limit: the line is ours to find
            return None, text, [huge_integer_finding(text, path)]
        if column:
            reason += f" (column {column})"
        return None, text, [Finding.of("E004", f"invalid TOML: {reason}", path, line)]
    if len(text) > _INT_DIGITS and _HUGE_INTEGER.search(text) and _has_huge_integer(table):
        return None, text, [huge_integer_finding(text, path)]  # toml-rs reads it; Python cannot print it
    return table, text, []


_HUGE_INTEGER = re.compile(r"[0-9][0-9_]{999,}")
_INT_DIGITS = sys.get_int_max_str_digits() or 4300  # Python's int-string limit (0: none set)
_INT_BITS = int(_INT_DIGITS * 3.32)  # an integer with more bits than this may have more digits than that


def _has_huge_integer(value) -> bool:
    """An integer anywhere in the table too long for str() (looked for only when the text has a long digit run)."""
    if isinstance(value, int):
        return value.bit_length() > _INT_BITS
    if isinstance(value, dict):
        return any(_has_huge_integer(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_huge_integer(item) for item in value)
    return False


def huge_integer_finding(text: str, path: Path | None) -> Finding:
    """E004 on the line of the first very long integer (the one value TOML allows that Python will not read)."""
    match = _HUGE_INTEGER.search(text)
    line = text.count("\n", 0, match.start()) + 1 if match else None
    return Finding.of("E004", "invalid TOML: an integer of thousands of digits (no field holds one)", path, line)


# -- the TOML parser ----------------------------------------------------------------------------------
#
# toml-rs (Rust's `toml` crate, tomllib's interface) parses entry files 8x faster than tomli and
# 25x faster than the standard library's tomllib (benchmarks/bench_parsers.py); tomli, pure Python
# with compiled wheels, is the fallback where toml-rs has no wheel. Both read TOML 1.1, the
# version tomli >= 2.3 and Python 3.15's tomllib read. The parser and its version are part of the
# read cache's context (read_path_libraries): after an up- or downgrade every file is read again.


class Parser(NamedTuple):
    name: str  # the distribution, as pip knows it
    version: str
    loads: Callable[[str], dict]
    errors: tuple[type[BaseException], ...] = (ValueError,)  # what a document it rejects raises


def _toml_rs_loads(text: str) -> dict:
    """toml-rs's loads; tomli's for a text deep enough that toml-rs could build values Python cannot recurse into."""
    if text.count("[") + text.count("{") > 400:
        return _tomli_loads(text)  # tomli stops nesting at 400 levels with a RecursionError
    try:
        loads = _TOML_RS[0]
    except IndexError:
        import toml_rs

        loads = toml_rs.loads
        _TOML_RS.append(loads)
    return loads(text, toml_version="1.1.0")


_TOML_RS: list = []


def _tomli_loads(text: str) -> dict:
    import tomli

    return tomli.loads(text)


def _decode_error(error: BaseException) -> tuple[str, int | None, int | None]:
    """(reason, line, column) of a parser's error: tomli's `msg`, toml-rs's report after its caret line."""
    message = getattr(error, "msg", None) or str(error)
    lines = message.splitlines() or [""]
    if len(lines) > 1:  # toml-rs: "TOML parse error at line L, column C", the source lines, then the reason
        marks = [index for index, line in enumerate(lines) if line.lstrip().startswith("|")]
        reason = " ".join(line.strip() for line in lines[marks[-1] + 1 :] if line.strip()) if marks else ""
        message = reason or lines[0]
    if "integer string conversion" in message:
        message = f"an integer has more digits than Python reads ({sys.get_int_max_str_digits()})"
    message = _TOML_POSITION.sub("", message).strip()
    return message, getattr(error, "lineno", None), getattr(error, "colno", None)


def _installed() -> dict[str, str]:
    """Versions of the distributions the read path may use, from their .dist-info folders (nothing imported).

    A module found without its metadata is "unknown"; one not found is absent.
    """
    if _INSTALLED:
        return _INSTALLED[0]
    wanted = {"toml_rs": "toml-rs", "tomli": "tomli", "msgpack": "msgpack"}
    versions: dict[str, str] = {}
    modules: set[str] = set()
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name in wanted:
                modules.add(wanted[name])
            elif name.endswith((".dist-info", ".egg-info")):
                distribution, _, version = name.rpartition(".")[0].partition("-")
                distribution = wanted.get(distribution.lower().replace("-", "_"), "")
                if distribution and distribution not in versions:
                    versions[distribution] = version
    _INSTALLED.append({name: versions.get(name, "unknown") for name in modules})
    return _INSTALLED[0]


_INSTALLED: list[dict[str, str]] = []


def _choose_parser() -> Parser:
    found = _installed()
    if "toml-rs" in found:
        return Parser("toml-rs", found["toml-rs"], _toml_rs_loads)
    return Parser("tomli", found.get("tomli", "unknown"), _tomli_loads)


_PARSER = _choose_parser()


def read_path_libraries() -> tuple[tuple[str, str], ...]:
    """(name, version) of every library whose behaviour decides what reading a file gives (the cache's context)."""
    found = _installed()
    return (
        (_PARSER.name, _PARSER.version),
        ("tomli", found.get("tomli", "none")),  # the parser's fallback for deeply nested files
        ("msgpack", found.get("msgpack", "none")),  # the cache's own format
    )


def read_toml(path: Path) -> tuple[dict | None, str | None, list[Finding]]:
    """Read and parse one TOML file: (table, source text, findings)."""
    data, _, problem = read_bytes(path)
    if data is None:
        return None, None, [problem]
    return parse_toml(data, path)


def read_entry_table(path: Path) -> tuple[Entry | None, dict, list[Finding]]:
    """The entry, the raw table it came from (empty if unreadable), and the reading problems."""
    table, text, findings = read_toml(path)
    if table is None:
        return None, {}, findings
    if not table:
        return None, {}, [Finding.of("E003", "empty file: an entry needs at least 'type' and 'title'", path)]
    from dossiercli.model.parse import parse_entry

    entry, problems = parse_entry(table, path.stem, path)
    return entry, table, cap_findings(locate_all(problems, path, text), path)


def read_entry(path: Path) -> tuple[Entry | None, list[Finding]]:
    entry, _, findings = read_entry_table(path)
    return entry, findings


def cap_findings(findings: list[Finding], path: Path | None) -> list[Finding]:
    """At most MAX_FINDINGS_PER_FILE findings, then one that counts the rest."""
    if len(findings) <= MAX_FINDINGS_PER_FILE:
        return findings
    shown, rest = findings[:MAX_FINDINGS_PER_FILE], findings[MAX_FINDINGS_PER_FILE:]
    errors = sum(1 for finding in rest if finding.is_error)
    severity = Severity.ERROR if errors else Severity.WARNING
    more = Finding(
        "E009", f"and {len(rest)} more findings in this file ({errors} errors) not shown", path, None, severity
    )
    return [*shown, more]


def read_config(root: Path) -> tuple[DossierConfig, list[Finding]]:
    path = root / CONFIG_FILE
    table, text, findings = read_toml(path)
    if table is None:
        return DossierConfig(), findings
    problems: list[tuple[str, str, tuple]] = []  # (code, message, key path)
    for key in table:
        if key not in CONFIG_KEYS:
            from dossiercli.model.parse import did_you_mean

            problems.append(("E060", f"unknown field {key!r}{did_you_mean(key, CONFIG_KEYS)}", (key,)))
    values: dict = {}
    for key in ("title", "subtitle", "description"):
        if key in table:
            if isinstance(table[key], str) and table[key].strip():
                values[key] = table[key]
            else:
                problems.append(("E060", f"{key!r} must be a non-empty string", (key,)))
    authors = table.get("author", [])
    if isinstance(authors, (str, dict)):
        authors = [authors]
    names = []
    if authors:
        from dossiercli.model.names import Name, NameError_

        for index, item in enumerate(authors if isinstance(authors, list) else [authors]):
            try:
                names.append(Name.parse(item))
            except NameError_ as error:
                problems.append(("E060", f"author[{index + 1}]: {error}", ("author", index)))
    sections = {}
    for key in ("defaults", "links", "lookup", "chicago"):
        if key in table:
            if isinstance(table[key], dict):
                sections[key] = table[key]
            else:
                problems.append(("E060", f"[{key}] must be a table", (key,)))
    config = DossierConfig(authors=tuple(names), sections=sections, **values)
    index = LineIndex(text) if problems and text is not None else None
    return config, [
        Finding.of(code, message, path, index.line_of(where) if index else None) for code, message, where in problems
    ]


# -- records: one file read, as the cache keeps it ------------------------------------------------


@dataclass(slots=True)
class FileRecord:
    """What reading one entry file gives, in a form the cache stores and worker processes return.

    Findings are kept as (code, message, line, severity) so that they do not carry the path;
    `future` holds what the future-date rule needs, because that rule depends on the day.
    """

    rel: str  # the path relative to the dossier root (posix), or as given
    status: tuple[int, int, int, int] | None = None  # size, mtime_ns, ctime_ns, inode
    digest: bytes | None = None  # blake2b of the bytes
    read: tuple = ()  # reading findings (the file is skipped by read-only commands if any is an error)
    rules: tuple = ()  # per-entry rule findings (validate only)
    future: tuple = ()  # (key, earliest date, as written, line) per date
    newest: object = None  # the latest of those earliest dates (a datetime.date): one comparison a file
    url: str | None = None  # as the entry has it, for the duplicate-URL rule
    url_key: str | None = None  # urlnorm.url_key(url), worked out once when the file is read
    doi: str | None = None
    built: bool = False  # whether parsing built an entry
    checked: int = 0  # when (time.time_ns()) the run that last read or hashed the file started
    entry: Entry | None = None  # the entry (without its path); None if not built or not loaded
    packed: bytes | None = None  # or the entry packed (cache.pack_entry), made when asked for: `render`

    @property
    def ok(self) -> bool:
        return not any(item[3] == "error" for item in self.read)


def status_key(status: os.stat_result) -> tuple[int, int, int, int]:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def _packed(findings: Iterable[Finding]) -> tuple:
    return tuple((f.code, f.message, f.line, f.severity.value) for f in findings)


def unpack(items: Iterable[tuple], path: Path | None) -> list[Finding]:
    return [Finding(code, message, path, line, Severity(severity)) for code, message, line, severity in items]


def read_record(path: str, rel: str, payload: bool = True) -> FileRecord:
    """Read, parse and check one entry file into a record (runs in worker processes too).

    `payload=False`: the entry is not kept in the record (validate needs only the findings).
    """
    import hashlib

    from dossiercli.model.parse import parse_entry
    from dossiercli.rules import future_dates, static_problems

    record = FileRecord(rel)
    data, status, problem = read_bytes(path)
    if status is not None:
        record.status = status_key(status)
    if data is None:
        record.read = _packed([problem])
        return record
    record.digest = hashlib.blake2b(data, digest_size=16).digest()
    where = None  # records keep findings without their path (the reader adds it): no Path made per file
    table, text, findings = parse_toml(data, where)
    if table is None:
        record.read = _packed(findings)
        return record
    if not table:
        record.read = _packed([Finding.of("E003", "empty file: an entry needs at least 'type' and 'title'", where)])
        return record
    # Without `payload` no Entry is built: the rules read the parsed values (model.parse.Fields).
    entry, problems = parse_entry(table, os.path.basename(path).removesuffix(".toml"), None, build=payload)
    index = None
    if problems:
        index = LineIndex(text)
        record.read = _packed(cap_findings(locate_all(problems, where, text, index), where))
    if entry is None:
        return record
    rules = static_problems(entry, table.keys())
    if rules:
        index = index or LineIndex(text)
        record.rules = _packed(cap_findings(locate_all(rules, where, text, index), where))
    dates = future_dates(entry)
    if dates:  # the line is looked up by one search, not a line index: nearly every entry has a date
        record.future = tuple(
            (key, earliest, shown, index.line_of((key,)) if index else top_key_line(text, key))
            for key, earliest, shown in dates
        )
        record.newest = max(earliest for _, earliest, _ in dates) if len(dates) > 1 else dates[0][1]
    record.url, record.doi, record.built = entry.url, entry.doi, True
    if entry.url:
        from dossiercli.urlnorm import url_key

        record.url_key = url_key(entry.url)
    record.entry = entry if payload else None
    return record


def _read_chunk(items: list[tuple[str, str]], payload: bool = True) -> list[FileRecord]:
    return [read_record(path, rel, payload) for path, rel in items]


def read_records(items: Sequence[tuple[str, str]], jobs: int | None = None, payload: bool = True) -> list[FileRecord]:
    """Records for (path, rel) pairs, in order; a process pool when there are many and cores to spare."""
    workers = _workers(len(items), jobs)
    if workers <= 1:
        return _read_chunk(list(items), payload)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    size = -(-len(items) // (workers * 4))
    chunks = [list(items[start : start + size]) for start in range(0, len(items), size)]
    records: list[FileRecord] = []
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
            for part in pool.map(_read_chunk, chunks, [payload] * len(chunks)):
                records.extend(part)
    except (OSError, RuntimeError):  # no processes to be had (a sandbox, a limit): read here instead
        return _read_chunk(list(items), payload)
    return records


def _workers(count: int, jobs: int | None) -> int:
    if jobs is None:
        given = os.environ.get("DOSSIER_JOBS", "")
        jobs = int(given) if given.isdecimal() else 0
    if jobs == 0:  # automatic
        if count < POOL_MIN_FILES:
            return 1
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(jobs, count // 100 or 1))


# -- the dossier's files ------------------------------------------------------------------------


def entry_files(folder: Path, skipped: list[Finding] | None = None, root: Path | None = None) -> list[Path]:
    """Every *.toml below `folder`, in a stable order.

    Symlinks are followed only when they resolve inside `root` (default: the folder's parent,
    the dossier); symlinks leaving it, loops, broken links and non-regular files are left
    out, each with a W007 finding appended to `skipped`.
    """
    return [Path(path) for path in walk_entry_files(folder, skipped, root)]


def walk_entry_files(
    folder: Path | str, skipped: list[Finding] | None = None, root: Path | str | None = None
) -> list[str]:
    """`entry_files` as strings (the hot path of every command avoids building Path objects)."""
    skipped = [] if skipped is None else skipped
    inside = os.path.realpath(root if root is not None else Path(folder).parent)
    found: list[str] = []
    seen_dirs = {os.path.realpath(folder)}
    stack = [str(folder)]
    while stack:
        try:
            scan = os.scandir(stack.pop())
        except OSError as error:
            skipped.append(
                Finding.of(
                    "W007", f"folder cannot be read: {error.strerror or error}; skipped", Path(error.filename or folder)
                )
            )
            continue
        with scan:
            for item in scan:
                name = item.name
                if name.startswith("."):
                    continue
                try:
                    is_link = item.is_symlink()
                    if not is_link:
                        if item.is_dir(follow_symlinks=False):
                            seen_dirs.add(os.path.realpath(item.path))
                            stack.append(item.path)
                        elif name.endswith(".toml"):
                            if item.is_file(follow_symlinks=False):
                                found.append(item.path)
                            else:
                                mode = item.stat(follow_symlinks=False).st_mode
                                skipped.append(
                                    Finding.of(
                                        "W007", f"is not a regular file ({_file_kind(mode)}); skipped", Path(item.path)
                                    )
                                )
                        continue
                    why = _link_problem(item.path, inside)  # loops and broken links first: is_dir() fails on them
                    resolves = why is None or why.startswith("symlink to")
                    is_dir = resolves and os.path.isdir(item.path)
                    if resolves and not is_dir and not name.endswith(".toml"):
                        continue  # a link to some other kind of file: not ours to read or to warn about
                    if why:
                        skipped.append(Finding.of("W007", f"{why}; skipped", Path(item.path)))
                    elif is_dir:
                        real = os.path.realpath(item.path)
                        if real in seen_dirs:
                            skipped.append(
                                Finding.of(
                                    "W007", "symlink to a folder already read (a loop); skipped", Path(item.path)
                                )
                            )
                        else:
                            seen_dirs.add(real)
                            stack.append(item.path)
                    elif item.is_file():
                        found.append(item.path)
                    else:
                        mode = item.stat().st_mode
                        skipped.append(
                            Finding.of(
                                "W007",
                                f"symlink to something that is not a regular file ({_file_kind(mode)}); skipped",
                                Path(item.path),
                            )
                        )
                except OSError as error:
                    skipped.append(
                        Finding.of("W007", f"cannot be read: {error.strerror or error}; skipped", Path(item.path))
                    )
    found.sort()
    return found


def _link_problem(path: str, inside: str) -> str | None:
    """Why a symlink may not be followed: it loops, is broken, or leads out of the dossier."""
    try:
        os.stat(path)
    except OSError as error:
        import errno

        if error.errno == errno.ELOOP:
            return "symlink loop"
        return f"broken symlink ({error.strerror or error})"
    target = os.path.realpath(path)
    if target != inside and not target.startswith(inside.rstrip(os.sep) + os.sep):
        return f"symlink to {target}, outside the dossier"
    return None


@dataclass
class DossierScan:
    """Everything read from a dossier: its configuration and one record per entry file."""

    root: Path
    config: DossierConfig
    config_findings: list[Finding]
    skipped: list[Finding]  # files the walk left out (W007)
    records: list[FileRecord]

    def path(self, record: FileRecord) -> Path:
        return self.root / record.rel

    def entries(self, only_ok: bool = False) -> list[Entry]:
        """The entries, with their paths (only from files without reading errors if `only_ok`)."""
        entries = []
        for record in self.records:
            entry = record.entry
            if entry is None or (only_ok and not record.ok):
                continue
            object.__setattr__(entry, "path", self.root / record.rel)  # the cache stores entries without their path
            entries.append(entry)
        return entries

    def reading_findings(self) -> list[Finding]:
        findings = [*self.config_findings, *self.skipped]
        for record in self.records:
            if record.read:
                findings.extend(unpack(record.read, self.root / record.rel))
        return findings


def relative_names(paths: Sequence[str], folder: Path) -> list[str]:
    """`entries/…` names of the walked paths, with "/" separators: the walk joins every path to
    `str(folder)`, so that exact prefix is what comes off (cheaper than `relative_to` per file,
    and right whatever `folder` looks like: ".", "..", absolute or not)."""
    prefix = os.path.join(str(folder), "")
    head = ENTRIES_DIR + "/"
    names = []
    for path in paths:
        if not path.startswith(prefix):  # never, as walked; kept honest rather than sliced blindly
            raise ValueError(f"{path} is not inside {folder}")
        names.append(head + path[len(prefix) :].replace(os.sep, "/"))
    return names


def scan_dossier(
    root: Path, *, use_cache: bool | None = None, jobs: int | None = None, entries: bool | str = True
) -> DossierScan:
    """Read the dossier's configuration and every entry file, through the cache when it may be used.

    `entries=False` (validate): the records' entries are not loaded from the cache; "packed" (render):
    each is kept packed and made only when used (`LazyEntries`).
    """
    config, config_findings = read_config(root)
    folder = root / ENTRIES_DIR
    skipped: list[Finding] = []
    paths = walk_entry_files(folder, skipped, root) if folder.is_dir() else []
    items = [(path, rel) for path, rel in zip(paths, relative_names(paths, folder), strict=True)]
    if use_cache is None:
        use_cache = os.environ.get("DOSSIER_NO_CACHE", "") in ("", "0")
    if use_cache:
        from dossiercli.cache import cached_records

        records = cached_records(root, items, jobs, payloads=entries, warnings=skipped)
    else:
        records = read_records(items, jobs, payload=bool(entries))
        if entries == "packed":
            from dossiercli.cache import _packed_if_asked

            _packed_if_asked(records, entries)
    return DossierScan(root, config, config_findings, skipped, records)


def read_entries(paths: Iterable[Path]) -> tuple[list[Entry], list[Finding]]:
    entries: list[Entry] = []
    findings: list[Finding] = []
    for path in paths:
        entry, problems = read_entry(path)
        findings.extend(problems)
        if entry is not None:
            entries.append(entry)
    return entries, findings


def load_dossier(root: Path, use_cache: bool | None = None) -> tuple[Dossier, list[Finding]]:
    """Everything in the dossier, and every problem met while reading it."""
    scan = scan_dossier(root, use_cache=use_cache)
    return Dossier(root, scan.config, scan.entries()), scan.reading_findings()


def open_dossier(root: Path, use_cache: bool | None = None, lazy: bool = False) -> Dossier:
    """The dossier for commands that use it.

    `lazy`: `entries` is a `LazyEntries`, each entry made from its packed record when used and not
    kept (a command that goes through 100,000 entries once or twice, as `render` does).

    An entry file with a reading error (or whose id another file already has) is left out
    and named in `Dossier.skipped`, one finding per file; the caller warns about them and
    goes on. Only a broken dossier.toml stops the command.
    """
    scan = scan_dossier(root, use_cache=use_cache, entries="packed" if lazy else True)
    errors = [finding for finding in scan.config_findings if finding.is_error]
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more; run `dossier validate`)" if len(errors) > 1 else ""
        raise DossierError(f"{first.code} {first.message}{more}", first.path, first.line)
    skipped = list(scan.skipped)
    entries: list[Entry] = []
    kept: list[tuple[FileRecord, Path]] = []
    seen: dict[str, Path] = {}
    for record in scan.records:
        path = root / record.rel
        if not record.ok or (record.entry is None and record.packed is None):
            problems = [finding for finding in unpack(record.read, path) if finding.is_error]
            first = problems[0] if problems else Finding.of("E001", "cannot be read", path)
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            skipped.append(Finding(first.code, first.message + more, path, first.line, first.severity))
            continue
        other = seen.setdefault(path.stem, path)
        if other != path:
            skipped.append(Finding.of("E050", f"id {path.stem!r} is also the id of {other}", path))
            continue
        if lazy:
            kept.append((record, path))
            continue
        entry = record.entry
        object.__setattr__(entry, "path", path)  # the cache stores entries without their path
        entries.append(entry)
    if lazy:
        return Dossier(root, scan.config, LazyEntries(kept), tuple(skipped))  # type: ignore[arg-type]
    return Dossier(root, scan.config, entries, tuple(skipped))


class LazyEntries(Sequence):
    """Entries made from their records when asked for, and not kept: the same entry twice is made twice.

    What `render` goes through: 100,000 entries held at once took 500 MB; their packed records, a fifth.
    """

    def __init__(self, items: list[tuple[FileRecord, Path]]) -> None:
        self._items = items

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        record, path = self._items[index]
        entry = record.entry
        if entry is None:
            from dossiercli.cache import unpack_entry

            try:
                entry = unpack_entry(record.packed)  # type: ignore[arg-type]
            except ValueError:  # not what the cache wrote: the file itself, read again
                entry = read_record(str(path), record.rel).entry
                if entry is None:
                    raise DossierError("changed while it was being read; run the command again", path) from None
        object.__setattr__(entry, "path", path)
        return entry


# -- line numbers ---------------------------------------------------------------------------------

_KEY = re.compile(r"""\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*[.=]""")
_HEADER = re.compile(r"""\s*\[\[?\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*[\].]""")


class LineIndex:
    """Where each key of a TOML text is written, found in one pass over its lines.

    Top-level keys, table headers ([x], [[x]]) in order, and the keys inside each of them;
    lines inside multi-line strings are not mistaken for keys.
    """

    def __init__(self, text: str) -> None:
        self.top: dict[str, int] = {}
        self.headers: dict[str, list[int]] = {}
        self.inner: dict[tuple[str, int], dict[str, int]] = {}
        current: dict[str, int] | None = None
        in_string: str | None = None
        for number, line in enumerate(text.splitlines(), 1):
            if in_string:
                if line.count(in_string) % 2:
                    in_string = None
                continue
            stripped = line.lstrip()
            if not stripped or stripped[0] == "#":
                continue
            if stripped[0] == "[":
                match = _HEADER.match(stripped)
                if match:
                    key = next(group for group in match.groups() if group is not None)
                    starts = self.headers.setdefault(key, [])
                    current = self.inner.setdefault((key, len(starts)), {})
                    starts.append(number)
                else:
                    current = {}
                continue
            match = _KEY.match(stripped)
            if match:
                key = next(group for group in match.groups() if group is not None)
                (self.top if current is None else current).setdefault(key, number)
            for quote in ('"""', "'''"):
                if line.count(quote) % 2:
                    in_string = quote
                    break

    def line_of(self, where: KeyPath) -> int | None:
        """The 1-based line where the value at key path `where` is written, as far as it can be found."""
        if not where or not isinstance(where[0], str):
            return None
        key = where[0]
        if len(where) >= 2 and isinstance(where[1], int):
            starts = self.headers.get(key, [])
            if len(starts) > where[1] >= 0:
                if len(where) >= 3 and isinstance(where[2], str):
                    inner = self.inner.get((key, where[1]), {}).get(where[2])
                    if inner is not None:
                        return inner
                return starts[where[1]]
        if key in self.top:
            return self.top[key]
        starts = self.headers.get(key)
        return starts[0] if starts else None


def top_key_line(text: str, key: str) -> int | None:
    """The line of a top-level `key = ...` by one regular-expression search (LineIndex's answer for a plain key)."""
    pattern = _TOP_KEY.get(key)
    if pattern is None:
        quoted = re.escape(key)
        pattern = _TOP_KEY[key] = re.compile(rf"""^[ \t]*(?:{quoted}|"{quoted}"|'{quoted}')[ \t]*=""", re.M)
    match = pattern.search(text)
    if match is None:
        return LineIndex(text).line_of((key,))
    start = match.start()
    if '"""' in text[:start] or "'''" in text[:start] or _TABLE_HEADER.search(text, 0, start):
        return LineIndex(text).line_of((key,))  # it may be inside a multi-line string or a table: look properly
    return text.count("\n", 0, start) + 1


_TOP_KEY: dict[str, re.Pattern] = {}
_TABLE_HEADER = re.compile(r"^[ \t]*\[", re.M)


def line_of(text: str, where: KeyPath) -> int | None:
    """The 1-based line where the value at key path `where` is written, as far as it can be found."""
    return LineIndex(text).line_of(where)


def locate_all(
    problems: Sequence[Problem], path: Path | None, text: str | None, index: LineIndex | None = None
) -> list[Finding]:
    """Findings for problems found in one file, with lines from one index of its text."""
    if text is not None and problems and index is None:
        index = LineIndex(text)
    return [
        Finding.of(problem.code, problem.message, path, index.line_of(problem.where) if index else None)
        for problem in problems
    ]


def _locate(problem: Problem, path: Path, text: str | None) -> Finding:
    return locate_all([problem], path, text)[0]


def locate(problem: Problem, path: Path | None) -> Finding:
    """A finding for a problem found after parsing: re-reads the file for its line."""
    text = None
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            pass
    return _locate(problem, path, text) if path is not None else Finding.of(problem.code, problem.message)
