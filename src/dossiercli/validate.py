"""Validation: the checks that need a whole entry or the whole dossier.

Reading (load.py, model/parse.py) already reports what makes a value unusable;
rules.py adds the rules between fields (required per type, access before issue,
highlights inside their excerpt, dates in the future) and this module the rules
across entries (duplicate ids, URLs, DOIs), which always run on the whole set —
also when every file's own findings come from the cache. Returns findings; never prints.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dossiercli.findings import Finding
from dossiercli.load import (
    CONFIG_FILE,
    ENTRIES_DIR,
    FileRecord,
    entry_files,
    locate,
    read_config,
    read_records,
    scan_dossier,
    unpack,
)

if TYPE_CHECKING:
    from dossiercli.model.entry import Entry


def __getattr__(name: str):
    """`check_entry`, `squash` and `highlight_problem` live in rules.py (which imports the model): loaded when asked for."""
    if name in ("check_entry", "squash", "highlight_problem"):
        from dossiercli import rules

        return getattr(rules, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def check_across(entries: Sequence[Entry], paths: Sequence[Path]) -> list[Finding]:
    """Duplicate ids (from every file, readable or not), URLs and DOIs."""
    findings = _duplicate_ids(paths)
    findings += _duplicate_links([(entry.path, entry.id, entry.url, entry.doi, None) for entry in entries])
    return findings


def _duplicate_ids(paths: Iterable[Path]) -> list[Finding]:
    findings: list[Finding] = []
    first_path: dict[str, Path] = {}
    for path in paths:
        if path.name == CONFIG_FILE:
            continue
        other = first_path.setdefault(path.stem, path)
        if other != path:
            findings.append(Finding.of("E050", f"id {path.stem!r} is also the id of {other}", path))
    return findings


def _duplicate_links(
    items: Iterable[tuple[Path | str | None, str, str | None, str | None, str | None]], path_of=lambda path: path
) -> list[Finding]:
    """W051 and E052 for (path, id, URL, DOI, URL key or None) items: the key is urlnorm.url_key's."""
    findings: list[Finding] = []
    seen_url: dict[str, tuple[int, str]] = {}
    seen_doi: dict[str, tuple[int, str]] = {}
    for index, (path, entry_id, url, doi, key) in enumerate(items):
        if url:
            if key is None:
                from dossiercli.urlnorm import url_key

                key = url_key(url)
            at, other = seen_url.setdefault(key, (index, entry_id))
            if at != index:
                findings.append(_located("W051", f"URL {url} is also the URL of {other!r}", "URL", path_of(path)))
        if doi:
            at, other = seen_doi.setdefault(doi.lower(), (index, entry_id))
            if at != index:
                findings.append(_located("E052", f"DOI {doi} is also the DOI of {other!r}", "DOI", path_of(path)))
    return findings


def _located(code: str, message: str, key: str, path: Path | None) -> Finding:
    from dossiercli.model.parse import Problem  # only when there is a duplicate: a warm run needs no model

    return locate(Problem(code, message, (key,)), path)


def findings_of_records(records: Sequence[FileRecord], root: Path | None, today: dt.date) -> list[Finding]:
    """Every finding for these records: each file's own, the future-date rule for today, and across files.

    Paths are `root / record.rel` (`record.rel` itself without a root). The rules run on every
    record every time, as set operations first: the per-record work is only for files that have
    findings, dates after today, or a duplicate (a warm run of 10,000 files takes milliseconds here).
    """
    path_of = (lambda rel: root / rel) if root is not None else Path  # noqa: E731
    if hasattr(records, "table"):  # cache.RecordView: an unchanged dossier, answered from the index's columns
        return _findings_of_columns(records, path_of, today)
    findings: list[Finding] = []
    for record in [record for record in records if record.read or record.rules]:
        findings.extend(unpack(record.read, path_of(record.rel)))
        findings.extend(unpack(record.rules, path_of(record.rel)))
    for record in [record for record in records if record.newest is not None and record.newest > today]:
        for key, earliest, shown, line in record.future:
            if earliest > today:  # the rule of rules.future_problem, without importing the model
                findings.append(Finding.of("W021", f"{key!r} {shown} is in the future", path_of(record.rel), line))
    stems = [
        record.rel.rpartition("/")[2][:-5] if record.rel.endswith(".toml") and os.sep == "/" else _stem(record.rel)
        for record in records
    ]
    if len(set(stems)) != len(stems):
        first: dict[str, str] = {}
        for record, stem in zip(records, stems, strict=True):
            other = first.setdefault(stem, record.rel)
            if other != record.rel:
                findings.append(
                    Finding.of("E050", f"id {stem!r} is also the id of {path_of(other)}", path_of(record.rel))
                )
    built = [
        (record, stem)
        for record, stem in zip(records, stems, strict=True)
        if record.built and (record.url or record.doi)
    ]
    url_keys = [record.url_key for record, _ in built if record.url_key]
    dois = [record.doi.lower() for record, _ in built if record.doi]
    if len(set(url_keys)) != len(url_keys) or len(set(dois)) != len(dois):
        links = [(record.rel, stem, record.url, record.doi, record.url_key) for record, stem in built]
        findings += _duplicate_links(links, path_of)
    return findings


def _findings_of_columns(view, path_of, today: dt.date) -> list[Finding]:
    """findings_of_records for a cache.RecordView, the same findings in the same order, without its records."""
    table, order = view.table, view.order
    findings: list[Finding] = []
    if table.read or table.rules:
        for index in [index for index in order if index in table.read or index in table.rules]:
            path = path_of(table.rels[index])
            findings.extend(unpack(table.read.get(index, ()), path))
            findings.extend(unpack(table.rules.get(index, ()), path))
    day = today.toordinal()
    newest = table.newest
    for index in [index for index in order if newest[index] > day]:
        for key, earliest, shown, line in table.future(index):
            if earliest > today:
                findings.append(
                    Finding.of("W021", f"{key!r} {shown} is in the future", path_of(table.rels[index]), line)
                )
    rels = [table.rels[index] for index in order]
    stems = [rel.rpartition("/")[2][:-5] if rel.endswith(".toml") and os.sep == "/" else _stem(rel) for rel in rels]
    if len(set(stems)) != len(stems):
        first: dict[str, str] = {}
        for rel, stem in zip(rels, stems, strict=True):
            other = first.setdefault(stem, rel)
            if other != rel:
                findings.append(Finding.of("E050", f"id {stem!r} is also the id of {path_of(other)}", path_of(rel)))
    flags, urls, dois, url_keys = table.flags, table.urls, table.dois, table.url_keys
    built = [index for index in order if flags[index] & 4 and (urls[index] or dois[index])]
    keys = [url_keys[index] for index in built if url_keys[index]]
    lowered = [dois[index].lower() for index in built if dois[index]]
    if len(set(keys)) != len(keys) or len(set(lowered)) != len(lowered):
        stem_of = dict(zip(order, stems, strict=True))
        links = [(table.rels[i], stem_of[i], urls[i], dois[i], url_keys[i]) for i in built]
        findings += _duplicate_links(links, path_of)
    return findings


def _stem(rel: str) -> str:
    """The id a path gives (Path.stem), for a relative posix path or a path as given on any system."""
    return Path(rel.replace("/", os.sep)).stem


def validate_files(paths: Iterable[Path], today: dt.date | None = None, jobs: int | None = None) -> list[Finding]:
    """Every finding for these files: entry files, plus any dossier.toml among them."""
    today = today or dt.date.today()
    findings: list[Finding] = []
    entry_paths: list[Path] = []
    for path in paths:
        if path.name == CONFIG_FILE:
            config, problems = read_config(path.parent)
            findings.extend(problems + _chicago_findings(config.sections, path))
        else:
            entry_paths.append(path)
    records = read_records([(str(path), str(path)) for path in entry_paths], jobs, payload=False)
    return findings + findings_of_records(records, None, today)


def validate_dossier(
    root: Path, today: dt.date | None = None, use_cache: bool | None = None, jobs: int | None = None
) -> list[Finding]:
    """Every finding for the dossier: dossier.toml, every entry file (through the cache), across entries."""
    scan = scan_dossier(root, use_cache=use_cache, jobs=jobs, entries=False)
    chicago = _chicago_findings(scan.config.sections, root / CONFIG_FILE)
    return [
        *scan.config_findings,
        *chicago,
        *scan.skipped,
        *findings_of_records(scan.records, root, today or dt.date.today()),
    ]


def _chicago_findings(sections, path: Path) -> list[Finding]:
    """A wrong [chicago] setting is found by validate, not only by `cite` (docs/chicago.md)."""
    if "chicago" not in sections:
        return []  # a warm validate of a dossier without one imports no citation engine
    from dossiercli.chicago.settings import from_config
    from dossiercli.errors import DossierError
    from dossiercli.model.parse import Problem

    try:
        from_config(sections["chicago"], path)
    except DossierError as error:
        return [locate(Problem("E060", error.message, ("chicago",)), path)]
    return []


def expand_paths(paths: Iterable[Path], skipped: list[Finding] | None = None) -> list[Path]:
    """Files as given; folders as every *.toml below them (a dossier folder: its config and entries)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            if (path / CONFIG_FILE).is_file():
                files.append(path / CONFIG_FILE)
                folder = path / ENTRIES_DIR
                files.extend(entry_files(folder, skipped, path) if folder.is_dir() else [])
            else:
                files.extend(entry_files(path, skipped, path))
        else:
            files.append(path)
    return files
