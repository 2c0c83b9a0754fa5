"""Importing BibTeX, CSL-JSON and RIS into a dossier, safely.

An import is planned first (every record read, checked, given an id, compared with the
dossier for duplicates) and written after, all or nothing, with atomic writes. Nothing
existing is overwritten unless `force`, which replaces the entry a record duplicates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dossiercli.atomic import write_all
from dossiercli.errors import DossierError
from dossiercli.formats.bibtex import read_bibtex
from dossiercli.formats.csljson import read_csljson
from dossiercli.formats.records import Failure
from dossiercli.formats.ris import read_ris
from dossiercli.ids import ascii_fold, base_id, unique_id
from dossiercli.load import Dossier
from dossiercli.model.entry import Entry
from dossiercli.model.parse import parse_entry
from dossiercli.model.toml_out import entry_to_toml
from dossiercli.urlnorm import url_key
from dossiercli.validate import check_entry

READERS = {"bibtex": read_bibtex, "csl-json": read_csljson, "ris": read_ris}
FORMATS = tuple(READERS)


def sniff(text: str) -> str | None:
    """The format of a file from its content: JSON, RIS tags, or BibTeX @entries."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped and stripped[0] in "[{":
        return "csl-json"
    if re.search(r"^TY  - ", text, flags=re.M):
        return "ris"
    if re.search(r"^\s*@\s*\w+\s*[{(]", text, flags=re.M):
        return "bibtex"
    return None


@dataclass
class Planned:
    entry: Entry
    path: Path
    source: str  # "refs.bib:12"
    replaces: Entry | None = None  # with force: the existing entry this record duplicates


@dataclass
class ImportPlan:
    planned: list[Planned] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, why) skipped
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, reason) not importable
    incomplete: list[tuple[str, str]] = field(default_factory=list)  # (source, what is missing) imported anyway


def _title_key(entry: Entry) -> str:
    words = re.findall(r"[a-z0-9]+", ascii_fold(entry.title).lower())
    return " ".join(words) + f"|{entry.issued.year if entry.issued else ''}"


def _url_key(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url.lower()).rstrip("/")


class _DuplicateIndex:
    """Same DOI, same URL, or same normalised title and year (PRODUCT: duplicates detected)."""

    def __init__(self) -> None:
        self.keys: dict[str, Entry] = {}

    @staticmethod
    def keys_of(entry: Entry) -> list[tuple[str, str]]:
        keys = [("title and year", "t:" + _title_key(entry))]
        if entry.doi:
            keys.insert(0, ("DOI", "d:" + entry.doi.lower()))
        if entry.url:
            keys.insert(0, ("URL", "u:" + url_key(entry.url)))
        return keys

    def find(self, entry: Entry) -> tuple[str, Entry] | None:
        for label, key in self.keys_of(entry):
            if key in self.keys:
                return label, self.keys[key]
        return None

    def add(self, entry: Entry) -> None:
        for _, key in self.keys_of(entry):
            self.keys.setdefault(key, entry)


def read_records(path: Path, fmt: str | None):
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise DossierError(f"cannot read: {error.strerror or error}", path) from None
    except UnicodeDecodeError as error:
        raise DossierError(f"not UTF-8 (byte {error.start}); convert the file to UTF-8 first", path) from None
    if not text.strip():
        raise DossierError("empty file: nothing to import", path)
    fmt = fmt or sniff(text)
    if fmt is None:
        raise DossierError("cannot tell the format (BibTeX, CSL-JSON or RIS); pass --format", path)
    return READERS[fmt](text)


def plan_import(dossier: Dossier, files: Iterable[Path], fmt: str | None = None, allow_duplicates: bool = False,
                force: bool = False, today: dt.date | None = None, allow_incomplete: bool = False) -> ImportPlan:
    """Read every file and decide each record's fate; write nothing. `allow_incomplete`: import records
    that lack a field their type requires (`validate` will flag them) instead of refusing them."""
    today = today or dt.date.today()
    plan = ImportPlan()
    index = _DuplicateIndex()
    for entry in dossier.entries:
        index.add(entry)
    taken = {entry.id for entry in dossier.entries}
    for path in files:
        records, failures = read_records(path, fmt)
        plan.failures += [(f"{path}:{f.line}" if f.line else str(path), f.reason) for f in failures]
        for record in records:
            source = f"{path}:{record.line}" if record.line else str(path)
            label = f"{record.key}: " if record.key else ""
            entry, problems = parse_entry(record.table, "import")
            incomplete = []
            if entry is not None:  # the rules `validate` applies, so an import never leaves the dossier invalid
                for problem in check_entry(entry, today):
                    if problem.code == "E012" and allow_incomplete:
                        incomplete.append(problem.message)
                    elif not problem.code.startswith("W"):
                        problems.append(problem)
            reasons = record.problems + [p.message for p in problems if p.code != "E016"]
            if entry is None or reasons:
                plan.failures.append((source, label + "; ".join(reasons or ["record cannot become an entry"])))
                continue
            duplicate = index.find(entry)
            replaces = None
            if duplicate and not allow_duplicates:
                why, existing = duplicate
                if force and existing.path is not None and existing in dossier.entries:
                    replaces = existing
                else:
                    plan.duplicates.append((source, f"{label}same {why} as {existing.id!r}; skipped"))
                    continue
            entry_id = replaces.id if replaces else unique_id(base_id(entry), taken)
            taken.add(entry_id)
            target = replaces.path if replaces else dossier.entries_dir / f"{entry_id}.toml"
            entry = dataclasses.replace(entry, id=entry_id, path=target)
            index.add(entry)
            plan.planned.append(Planned(entry, target, source, replaces))
            if incomplete:
                plan.incomplete.append((source, f"{label}{'; '.join(incomplete)} (imported: complete it by hand)"))
    return plan


def apply_import(plan: ImportPlan) -> None:
    """Write every planned entry, all or nothing; replaced files only where the plan says so."""
    new = {p.path: entry_to_toml(p.entry) for p in plan.planned if p.replaces is None}
    replaced = {p.path: entry_to_toml(p.entry) for p in plan.planned if p.replaces is not None}
    write_all(new)
    try:
        write_all(replaced, overwrite=True)
    except BaseException:
        for path in new:
            path.unlink(missing_ok=True)
        raise


def failure_text(failures: list[Failure]) -> str:
    return "; ".join(f"line {f.line}: {f.reason}" for f in failures)
