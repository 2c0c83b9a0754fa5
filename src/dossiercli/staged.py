"""Validating a few files of a dossier: what a pre-commit hook passes (the staged files).

Each given file is checked fully, and the cross-entry rules (duplicate ids, URLs, DOIs) are
applied between the given files and every other entry of the dossier they belong to, so a
staged entry that repeats another entry's DOI fails the hook as it would fail `validate`.

Reading and parsing every other entry would cost as much as validating the whole dossier.
Instead each other file is read as bytes and only parsed when it could hold a duplicate: when
its text contains a given entry's DOI (DOIs are equal in lower case, so both files spell it
out), or one of its TOML strings is a URL with the same `url_key` as a given entry's URL (the
normaliser `validate` uses: www., index pages, AMP copies, percent-escapes ...). A file with a
backslash (a TOML escape could spell a value differently) is always parsed. Findings are
reported on the given files only.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dossiercli.errors import DossierNotFound
from dossiercli.findings import Finding
from dossiercli.load import CONFIG_FILE, ENTRIES_DIR, find_root, read_entry, walk_entry_files

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


# A URL as a TOML string: "…" or '…', or a multi-line string whose value starts on the next line
# (TOML drops that newline). A URL has no white space, so its string ends on that line. A file with
# a backslash (an escape could spell a value differently) is parsed instead.
_URL_STRING = re.compile(
    rb'(?:"|"""\r?\n)([Hh][Tt][Tt][Pp][Ss]?://[^"\\\r\n]*)"'
    rb"|(?:'|'''\r?\n)([Hh][Tt][Tt][Pp][Ss]?://[^'\r\n]*)'"
)


def _key_hosts(url_keys: set[str]) -> list[bytes] | None:
    """Host names every spelling of these pages contains (in ASCII lower case), or None when unsure.

    A url_key is "//host[:port]/path…": the host with www., amp. and a trailing dot dropped, in
    lower case or punycode. A spelling of the page holds that host (an AMP cache URL holds it in
    its path), or the host's Unicode form; checking that first spares most url_key calls.
    """
    hosts: list[bytes] = []
    for key in url_keys:
        host = key[2:].split("/", 1)[0] if key.startswith("//") else ""
        if not host or ":" in host or not host.isascii():
            return None
        hosts.append(host.encode())
        if "xn--" in host:
            try:
                hosts.append(host.encode().decode("idna").encode())
            except UnicodeError:
                return None
    return hosts


def _could_duplicate(data: bytes, dois: list[str], url_keys: set[str], hosts: list[bytes] | None = None) -> bool:
    """Whether an entry file's bytes could hold one of these DOIs (compared in lower case) or URLs (by url_key)."""
    from dossiercli.urlnorm import url_key

    if b"\\" in data:
        return True  # a TOML escape could spell a value differently: parse the file
    if dois:
        if data.isascii():  # the common case, on bytes: several times faster than decoding
            lowered = data.lower()
            if any(doi.isascii() and doi.encode() in lowered for doi in dois):
                return True
        else:
            folded = data.decode("utf-8", "replace").casefold()
            if any(doi in folded for doi in dois):
                return True
    if url_keys:
        for match in _URL_STRING.finditer(data):
            token = match.group(1) or match.group(2)
            if hosts is not None and token.isascii() and not any(host in token.lower() for host in hosts):
                continue  # not the host of any given URL
            if url_key(token.decode("utf-8", "replace")) in url_keys:
                return True
    return False


def _across_dossier(root: Path, given: list[Path]) -> list[Finding]:
    from dossiercli.urlnorm import url_key

    given_entries: list[Entry] = []
    for path in given:
        entry, _ = read_entry(path)
        if entry is not None:
            given_entries.append(entry)
    # Equal DOIs are equal in lower case, so each is written out in both files (casefold: a superset).
    dois = [entry.doi.casefold() for entry in given_entries if entry.doi]
    # URLs name the same page when their url_key is equal: every URL string of another file is keyed.
    url_keys = {url_key(entry.url) for entry in given_entries if entry.url}
    hosts = _key_hosts(url_keys)
    given_real = {str(path.resolve()) for path in given}
    given_stems = {path.stem for path in given}
    others = [name for name in _entry_file_names(str(root / ENTRIES_DIR)) if name not in given_real]
    # Ids: only the other files with a given file's stem matter.
    same_stem = [Path(name) for name in others if os.path.basename(name)[: -len(".toml")] in given_stems]
    candidates: list[Entry] = []
    if dois or url_keys:
        for name in others:
            try:
                with open(name, "rb") as file:
                    data = file.read()
            except OSError:
                continue
            if _could_duplicate(data, dois, url_keys, hosts):
                entry, _ = read_entry(Path(name))
                if entry is not None:
                    candidates.append(entry)
    # Others first, so that a duplicate is reported on the given file (the later one).
    across = check_across([*candidates, *given_entries], [*same_stem, *given])
    return [finding for finding in across if finding.path in given]


def _entry_file_names(folder: str) -> list[str]:
    """The paths `load.entry_files` lists, as strings (no symlinks out of the dossier, no FIFOs: never blocks)."""
    return walk_entry_files(folder, [], os.path.dirname(folder))
