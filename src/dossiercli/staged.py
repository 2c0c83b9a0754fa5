"""Validating a few files of a dossier: what a pre-commit hook passes (the staged files).

Each given file is checked fully, and the cross-entry rules (duplicate ids, URLs, DOIs) are
applied between the given files and every other entry of the dossier they belong to, so a
staged entry that repeats another entry's DOI fails the hook as it would fail `validate`.

Reading and parsing every other entry would cost as much as validating the whole dossier.
Instead each other file is read as text and only parsed when it could hold a duplicate: when
its case-folded text contains a given entry's DOI, or its URL's path (its host when the path
is empty). Equal DOIs and URLs (as `validate` compares them) are always written out in both
files, so this never misses one; a file with a backslash (a TOML escape could spell a value
differently) is always parsed. Findings are reported on the given files only.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from dossiercli.errors import DossierNotFound
from dossiercli.findings import Finding
from dossiercli.load import CONFIG_FILE, ENTRIES_DIR, find_root, read_entry, walk_entry_files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dossiercli.model.entry import Entry
from dossiercli.validate import check_across, validate_files


def validate_in_dossier(paths: Sequence[Path], root: Path | None = None, today: dt.date | None = None) -> list[Finding]:
    """Every finding for these files, including duplicates of entries elsewhere in their dossier.

    `root`: the dossier they belong to; by default the dossier whose entries/ folder holds each
    file. Files in no dossier's entries/ are checked on their own.
    """
    findings = validate_files(paths, today)
    seen = set(findings)
    for dossier, files in _by_dossier(paths, root).items():
        for finding in _across_dossier(dossier, files):
            if finding not in seen:
                seen.add(finding)
                findings.append(finding)
    return findings


def _by_dossier(paths: Iterable[Path], root: Path | None) -> dict[Path, list[Path]]:
    groups: dict[Path, list[Path]] = {}
    for path in paths:
        if path.name == CONFIG_FILE:
            continue
        if root is not None:
            dossier = root.resolve()
        else:
            try:
                dossier = find_root(cwd=path.parent, env={}).resolve()
            except DossierNotFound:
                continue
            if not path.resolve().is_relative_to(dossier / ENTRIES_DIR):
                continue  # a file beside a dossier, not one of its entries
        groups.setdefault(dossier, []).append(path)
    return groups


def _needles(entry: Entry) -> list[str]:
    needles = []
    if entry.doi:
        needles.append(entry.doi.casefold())
    if entry.url:
        parts = urlsplit(entry.url)
        path = parts.path.rstrip("/")
        needles.append((path or parts.netloc.lower().removeprefix("www.")).casefold())
    return needles


def _across_dossier(root: Path, given: list[Path]) -> list[Finding]:
    given_entries: list[Entry] = []
    for path in given:
        entry, _ = read_entry(path)
        if entry is not None:
            given_entries.append(entry)
    needles = [needle for entry in given_entries for needle in _needles(entry)]
    ascii_needles = [needle.encode() for needle in needles if needle.isascii()]
    given_real = {str(path.resolve()) for path in given}
    given_stems = {path.stem for path in given}
    others = [name for name in _entry_file_names(str(root / ENTRIES_DIR)) if name not in given_real]
    # Ids: only the other files with a given file's stem matter.
    same_stem = [Path(name) for name in others if Path(name).stem in given_stems]
    candidates: list[Entry] = []
    if needles:
        for name in others:
            try:
                with open(name, "rb") as file:
                    data = file.read()
            except OSError:
                continue
            if b"\\" in data:
                hit = True
            elif data.isascii():  # the common case, on bytes: several times faster than decoding
                lowered = data.lower()
                hit = any(needle in lowered for needle in ascii_needles)
            else:
                folded = data.decode("utf-8", "replace").casefold()
                hit = any(needle in folded for needle in needles)
            if hit:
                entry, _ = read_entry(Path(name))
                if entry is not None:
                    candidates.append(entry)
    # Others first, so that a duplicate is reported on the given file (the later one).
    across = check_across([*candidates, *given_entries], [*same_stem, *given])
    return [finding for finding in across if finding.path in given]


def _entry_file_names(folder: str) -> list[str]:
    """The paths `load.entry_files` lists, as strings (no symlinks out of the dossier, no FIFOs: never blocks)."""
    return walk_entry_files(folder, [], os.path.dirname(folder))
