"""Finding a dossier, reading its files, and pointing problems at their lines.

A dossier is a folder with a `dossier.toml` and an `entries/` folder of one TOML
file per source; the file stem is the entry id. Reading is the hot path of every
command, so line numbers are only worked out for files that have problems.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import tomli  # the standard library's tomllib, with compiled wheels: 3x faster reads

from dossiercli.errors import DossierError, DossierNotFound, UnknownEntry
from dossiercli.findings import Finding
from dossiercli.model.entry import Entry
from dossiercli.model.names import Name, NameError_
from dossiercli.model.parse import KeyPath, Problem, did_you_mean, parse_entry

CONFIG_FILE = "dossier.toml"
ENTRIES_DIR = "entries"
CONFIG_KEYS = ("title", "subtitle", "description", "author", "defaults", "links", "lookup", "chicago")

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

    def __post_init__(self) -> None:
        self._by_id = {entry.id: entry for entry in self.entries}

    @property
    def entries_dir(self) -> Path:
        return self.root / ENTRIES_DIR

    def __contains__(self, entry_id: str) -> bool:
        return entry_id in self._by_id

    def get(self, entry_id: str) -> Entry:
        try:
            return self._by_id[entry_id]
        except KeyError:
            starting = sorted(known for known in self._by_id if known.startswith(entry_id))[:3]
            close = starting or difflib.get_close_matches(entry_id, list(self._by_id), n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UnknownEntry(f"no entry with id {entry_id!r} in {self.entries_dir}{hint}") from None


def find_root(explicit: str | Path | None = None, env: Mapping[str, str] | None = None, cwd: Path | None = None) -> Path:
    """The dossier folder: --dir, else $DOSSIER_DIR, else the nearest folder upwards with a dossier.toml."""
    env = os.environ if env is None else env
    given = explicit or env.get("DOSSIER_DIR")
    if given:
        root = Path(given)
        if not (root / CONFIG_FILE).is_file():
            source = "--dir" if explicit else "DOSSIER_DIR"
            raise DossierNotFound(f"{root} is not a dossier: it has no {CONFIG_FILE} (from {source}; `dossier init` makes one)")
        return root
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise DossierNotFound(
        f"no {CONFIG_FILE} in {start} or any folder above it; pass --dir, set DOSSIER_DIR, or run `dossier init`"
    )


def read_toml(path: Path) -> tuple[dict | None, str | None, list[Finding]]:
    """Read and parse one TOML file: (table, source text, findings)."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        return None, None, [Finding.of("E001", "is a folder, not a TOML file", path)]
    except OSError as error:
        return None, None, [Finding.of("E001", f"cannot read: {error.strerror or error}", path)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, None, [Finding.of("E002", f"not UTF-8: byte 0x{data[error.start]:02x} cannot be decoded (save the file as UTF-8)", path, line)]
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        table = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        from dossiercli.baredates import quote_impossible_dates  # `issued = 2007-02-30`: E020 on its line, not E004

        repaired = quote_impossible_dates(text)
        if repaired != text:
            try:
                return tomli.loads(repaired), text, []
            except (tomli.TOMLDecodeError, RecursionError):
                pass
        reason = getattr(error, "msg", None) or _TOML_POSITION.sub("", str(error)).strip()
        line, column = getattr(error, "lineno", None), getattr(error, "colno", None)
        if column:
            reason += f" (column {column})"
        return None, text, [Finding.of("E004", f"invalid TOML: {reason}", path, line)]
    except RecursionError:
        return None, text, [Finding.of("E004", "invalid TOML: values nested too deeply", path)]
    return table, text, []


def read_entry_table(path: Path) -> tuple[Entry | None, dict, list[Finding]]:
    """The entry, the raw table it came from (empty if unreadable), and the reading problems."""
    table, text, findings = read_toml(path)
    if table is None:
        return None, {}, findings
    if not table:
        return None, {}, [Finding.of("E003", "empty file: an entry needs at least 'type' and 'title'", path)]
    entry, problems = parse_entry(table, path.stem, path)
    return entry, table, [_locate(problem, path, text) for problem in problems]


def read_entry(path: Path) -> tuple[Entry | None, list[Finding]]:
    entry, _, findings = read_entry_table(path)
    return entry, findings


def read_config(root: Path) -> tuple[DossierConfig, list[Finding]]:
    path = root / CONFIG_FILE
    table, text, findings = read_toml(path)
    if table is None:
        return DossierConfig(), findings
    problems: list[Problem] = []
    for key in table:
        if key not in CONFIG_KEYS:
            problems.append(Problem("E060", f"unknown field {key!r}{did_you_mean(key, CONFIG_KEYS)}", (key,)))
    values: dict = {}
    for key in ("title", "subtitle", "description"):
        if key in table:
            if isinstance(table[key], str) and table[key].strip():
                values[key] = table[key]
            else:
                problems.append(Problem("E060", f"{key!r} must be a non-empty string", (key,)))
    authors = table.get("author", [])
    if isinstance(authors, (str, dict)):
        authors = [authors]
    names = []
    for index, item in enumerate(authors if isinstance(authors, list) else [authors]):
        try:
            names.append(Name.parse(item))
        except NameError_ as error:
            problems.append(Problem("E060", f"author[{index + 1}]: {error}", ("author", index)))
    sections = {}
    for key in ("defaults", "links", "lookup", "chicago"):
        if key in table:
            if isinstance(table[key], dict):
                sections[key] = table[key]
            else:
                problems.append(Problem("E060", f"[{key}] must be a table", (key,)))
    config = DossierConfig(authors=tuple(names), sections=sections, **values)
    return config, [_locate(problem, path, text) for problem in problems]


def entry_files(folder: Path) -> list[Path]:
    """Every *.toml below `folder`, in a stable order."""
    found: list[str] = []
    stack = [str(folder)]
    while stack:
        with os.scandir(stack.pop()) as scan:
            for item in scan:
                if item.name.startswith("."):
                    continue
                if item.is_dir():
                    stack.append(item.path)
                elif item.name.endswith(".toml"):
                    found.append(item.path)
    found.sort()
    return [Path(path) for path in found]


def read_entries(paths: Iterable[Path]) -> tuple[list[Entry], list[Finding]]:
    entries: list[Entry] = []
    findings: list[Finding] = []
    for path in paths:
        entry, problems = read_entry(path)
        findings.extend(problems)
        if entry is not None:
            entries.append(entry)
    return entries, findings


def load_dossier(root: Path) -> tuple[Dossier, list[Finding]]:
    """Everything in the dossier, and every problem met while reading it."""
    config, findings = read_config(root)
    folder = root / ENTRIES_DIR
    paths = entry_files(folder) if folder.is_dir() else []
    entries, problems = read_entries(paths)
    return Dossier(root, config, entries), findings + problems


def open_dossier(root: Path) -> Dossier:
    """The dossier for commands that use it: the first reading error stops them."""
    dossier, findings = load_dossier(root)
    errors = [finding for finding in findings if finding.is_error]
    seen: dict[str, Entry] = {}
    for entry in dossier.entries:
        other = seen.setdefault(entry.id, entry)
        if other is not entry:
            errors.append(Finding.of("E050", f"id {entry.id!r} is also the id of {other.path}", entry.path))
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more; run `dossier validate`)" if len(errors) > 1 else ""
        raise DossierError(f"{first.code} {first.message}{more}", first.path, first.line)
    return dossier


# -- line numbers ---------------------------------------------------------------------------------


def _locate(problem: Problem, path: Path, text: str | None) -> Finding:
    line = line_of(text, problem.where) if text is not None else None
    return Finding.of(problem.code, problem.message, path, line)


def locate(problem: Problem, path: Path | None) -> Finding:
    """A finding for a problem found after parsing: re-reads the file for its line."""
    text = None
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            pass
    return _locate(problem, path, text) if path is not None else Finding.of(problem.code, problem.message)


def _key_line(key: str) -> re.Pattern:
    return re.compile(rf"""\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*=""")


def _header_line(key: str) -> re.Pattern:
    return re.compile(rf"""\s*\[\[?\s*(?:{re.escape(key)}|"{re.escape(key)}")\s*\]\]?""")


def line_of(text: str, where: KeyPath) -> int | None:
    """The 1-based line where the value at key path `where` is written, as far as it can be found."""
    if not where or not isinstance(where[0], str):
        return None
    lines = text.splitlines()
    key = where[0]
    if len(where) >= 2 and isinstance(where[1], int):
        header = _header_line(key)
        starts = [number for number, line in enumerate(lines) if header.match(line)]
        if len(starts) > where[1]:
            start = starts[where[1]]
            if len(where) >= 3 and isinstance(where[2], str):
                inner = _key_line(where[2])
                for number in range(start + 1, len(lines)):
                    if lines[number].lstrip().startswith("["):
                        break
                    if inner.match(lines[number]):
                        return number + 1
            return start + 1
    top = _key_line(key)
    for number, line in enumerate(lines):
        if line.lstrip().startswith("["):
            break
        if top.match(line):
            return number + 1
    header = _header_line(key)
    for number, line in enumerate(lines):
        if header.match(line):
            return number + 1
    return None
