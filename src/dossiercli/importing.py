"""Importing BibTeX, CSL-JSON and RIS into a dossier, safely.

An import is planned first (every record read, checked, given an id, compared with the
dossier and with the other records for duplicates) and written after, with atomic writes.
Nothing existing is overwritten unless `force` (replace the entry a record duplicates) or
`merge` (fill in its missing fields). What a record carried that no entry field holds is
kept in its [extra] table or, for reference managers' bookkeeping, counted as "not kept".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dossiercli.atomic import write_all
from dossiercli.duplicates import same_work
from dossiercli.errors import DossierError
from dossiercli.formats.bibtex import read_bibtex
from dossiercli.formats.csljson import read_csljson
from dossiercli.formats.records import Failure, FormatError
from dossiercli.formats.ris import read_ris
from dossiercli.ids import base_id, unique_id
from dossiercli.load import Dossier
from dossiercli.model.entry import ENTRY_TYPES, Entry
from dossiercli.model.parse import ID_PATTERN, parse_entry
from dossiercli.model.toml_out import entry_to_toml
from dossiercli.urlnorm import url_key
from dossiercli.validate import check_entry

READERS = {"bibtex": read_bibtex, "csl-json": read_csljson, "ris": read_ris}
FORMATS = tuple(READERS)
MAX_ID_LENGTH = 80  # a record's own key longer than this is kept as citation-key (file names stay short)


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
    replaces: Entry | None = None  # with force or merge: the existing entry this record duplicates
    identity: frozenset[str] = frozenset()  # the fields that identify this work (inherited ones excluded)
    merged: bool = False  # an existing entry with fields filled in (not replaced)


@dataclass
class ImportPlan:
    planned: list[Planned] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, why) skipped or merged
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, reason) not importable
    incomplete: list[tuple[str, str]] = field(default_factory=list)  # (source, what is missing) imported anyway
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (source, what was changed to import it)
    not_kept: Counter = field(default_factory=Counter)  # source field -> how many records carried it

    def not_kept_line(self) -> str | None:
        """ "not kept: file ×40, timestamp ×12": what the import dropped, so loss is never silent."""
        if not self.not_kept:
            return None
        return "not kept: " + ", ".join(f"{name} ×{count}" for name, count in self.not_kept.most_common())


from dossiercli.duplicates import _words  # noqa: E402


def _identity(entry: Entry, own: frozenset[str] | None = None) -> list[tuple[str, str]]:
    """(label, key) pairs naming the work; identifiers a child inherited from its crossref parent
    belong to the parent and are left out (`own` lists the fields the record had itself)."""
    keys = []
    if entry.doi and (own is None or "DOI" in own):
        keys.append(("DOI", "d:" + entry.doi.lower()))
    if entry.url and (own is None or "URL" in own):
        keys.append(("URL", "u:" + url_key(entry.url)))
    keys.append(("title", "t:" + _words(entry.title) + f"|{entry.issued.year if entry.issued else ''}"))
    return keys


class _DuplicateIndex:
    """Candidates by DOI, URL or title and year; `same_work` decides."""

    def __init__(self) -> None:
        self.keys: dict[str, list[object]] = {}

    def find(self, entry: Entry, own: frozenset[str] | None, keys=None) -> tuple[str, object] | None:
        for label, key in keys or _identity(entry, own):
            for item in self.keys.get(key, ()):
                other = item.entry if isinstance(item, Planned) else item
                if same_work(entry, other):
                    return ("same title and year" if label == "title" else f"same {label} and title"), item
        return None

    def add(self, item, entry: Entry, own: frozenset[str] | None = None, keys=None) -> None:
        for _, key in keys or _identity(entry, own):
            self.keys.setdefault(key, []).append(item)

    def remove(self, item) -> None:
        for items in self.keys.values():
            if item in items:
                items.remove(item)


def fullness(entry: Entry) -> int:
    """How much a record says: its fields, each name counted."""
    data = entry.to_toml_dict()
    return sum(len(v) if isinstance(v, list) else len(v) if isinstance(v, dict) else 1 for v in data.values())


def merged(base: Entry, other: Entry) -> Entry | None:
    """`base` with the fields only `other` has (and its [extra] keys) filled in."""
    data = base.to_toml_dict()
    for key, value in other.to_toml_dict().items():
        if key == "extra":
            data["extra"] = {**value, **data.get("extra", {})}
        elif key not in data:
            data[key] = value
    entry, problems = parse_entry(data, base.id, base.path)
    return entry if entry is not None and not problems else None


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
    try:
        return READERS[fmt](text)
    except FormatError as error:
        raise DossierError(str(error), path, error.line) from None
    except RecursionError:
        raise DossierError("nested too deeply to read", path) from None


# Fields a record can do without: a value we cannot use is set aside (and said so), not a refusal.
_SET_ASIDE = {
    "URL": "URL",
    "DOI": "DOI",
    "ISBN": "ISBN",
    "ISSN": "ISSN",
    "accessed": None,
    "original-date": None,
    "event-date": None,
    "submitted": None,
    "archive_url": None,
}


_LITERAL_DATES = frozenset({"issued", "original-date", "event-date", "submitted"})
_HOST_PATH = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:/\S*)?", re.I)


def _open_range(text: str) -> str:
    """'2015/', '2015/..' (EDTF's open end) as a reader sees it: '2015–'."""
    return re.sub(r"/(?:\.\.)?$", "\u2013", text.strip())


def _salvage(table: dict, problems, required: tuple[str, ...]) -> list[str]:
    """Set aside the values `parse_entry` could not use (never a refusal for them); what was done, one line each:
    a date that is no calendar date is kept as words (a literal date: an open range '2015/', Zotero's '199'), a URL
    without its scheme gets 'http://', other unusable optional values go to [extra] or are dropped."""
    notes = []
    for problem in problems:
        key = problem.where[0] if problem.where else None
        if key in _LITERAL_DATES and isinstance(table.get(key), (str, int)) and str(table[key]).strip():
            table[key] = {"literal": _open_range(str(table[key]))}
            notes.append(f"{problem.message}: kept as the literal date {table[key]['literal']!r}")
            continue
        url = table.get(key) if key == "URL" else None
        if isinstance(url, str) and _HOST_PATH.fullmatch(url.strip()):
            table["URL"] = "http://" + url.strip()  # citeseer.nj.nec.com/…: a page without its scheme
            notes.append(f"URL {url!r} has no scheme: read as {table['URL']}")
            continue
        if key not in _SET_ASIDE or key in required or key not in table:
            continue
        value = table.pop(key)
        if key == "DOI" and isinstance(value, str) and re.fullmatch(r"10/\w+", value.strip()) and "URL" not in table:
            table["URL"] = f"https://doi.org/{value.strip()}"  # a short DOI resolves like any other
            notes.append(f"short DOI {value!r} kept as its URL {table['URL']}")
            continue
        if _SET_ASIDE[key] and isinstance(value, str):
            table.setdefault("extra", {}).setdefault(_SET_ASIDE[key].lower(), value)
            notes.append(f"{problem.message}: kept in [extra]")
        else:
            notes.append(f"{problem.message}: dropped")
    return notes


_SALVAGED = frozenset(_SET_ASIDE) | _LITERAL_DATES


def _own_id(key: str | None) -> str | None:
    if key and len(key) <= MAX_ID_LENGTH and ID_PATTERN.fullmatch(key):
        return key
    return None


def name_from_key(key: str | None, taken: Container[str]) -> tuple[str | None, str | None]:
    """(id, citation-key) from a record's own key, as `import` names a record: the key itself as the id
    when it is a valid id no entry has (case ignored: `taken` holds lower-cased ids), else the key kept
    as `citation-key` so that `[@key]` in a manuscript still finds the entry. `add --from-bibtex` uses it."""
    if not key:
        return None, None
    own = _own_id(key)
    if own and own.lower() not in taken:
        return own, None
    return None, key


def plan_import(
    dossier: Dossier,
    files: Iterable[Path],
    fmt: str | None = None,
    allow_duplicates: bool = False,
    force: bool = False,
    today: dt.date | None = None,
    allow_incomplete: bool = False,
    merge: bool = False,
    rekey: bool = False,
) -> ImportPlan:
    """Read every file and decide each record's fate; write nothing.

    A record keeps its own key as its id when the key is a valid id and free (`rekey`: always a
    generated id); otherwise the key is kept as `citation-key`. `allow_incomplete`: import records
    that lack a field their type requires (`validate` will flag them) instead of refusing them.
    A duplicate of an entry is skipped (`force`: replaces it; `merge`: fills in its missing
    fields); of another record of the same import, the fuller of the two is kept (`merge`: both merged)."""
    today = today or dt.date.today()
    plan = ImportPlan()
    index = _DuplicateIndex()
    for existing in dossier.entries:
        index.add(existing, existing)
    taken: dict[str, tuple[str, str]] = {
        entry.id.lower(): (entry.id, f"the entry {entry.id}") for entry in dossier.entries
    }
    for path in files:
        records, failures = read_records(path, fmt)
        plan.failures += [(f"{path}:{f.line}" if f.line else str(path), f.reason) for f in failures]
        for record in records:
            source = f"{path}:{record.line}" if record.line else str(path)
            label = f"{record.key}: " if record.key else ""
            # The record's own key, when it can be the id, is given to the parser at once (no copy later).
            early = None if rekey else _own_id(record.key)
            early = early if early and early.lower() not in taken else None
            entry, problems, notes = _checked(
                record, today, allow_incomplete, early, dossier.entries_dir / f"{early}.toml" if early else None
            )
            plan.not_kept.update(record.not_kept)
            if entry is None:
                plan.failures.append((source, label + "; ".join(problems or ["record cannot become an entry"])))
                continue
            plan.warnings += [(source, label + note) for note in record.warnings + notes]
            if problems:  # incomplete, imported under allow_incomplete
                plan.incomplete.append((source, f"{label}{'; '.join(problems)} (imported: complete it by hand)"))
            # The fields this record had itself (None: all of them): inherited identifiers are the parent's.
            own = frozenset(k for k in ("DOI", "URL") if k not in record.inherited) if record.inherited else None
            named = f"{source} ({record.key})" if record.key else source
            keys = _identity(entry, own)
            duplicate = None if allow_duplicates else index.find(entry, own, keys)
            replaces = None
            if duplicate:
                why, item = duplicate
                if isinstance(item, Planned):  # two records of this import: keep the fuller, or merge
                    keep_new = fullness(entry) > fullness(item.entry)
                    kept, dropped = (entry, item.entry) if keep_new else (item.entry, entry)
                    result = merged(kept, dropped) if merge else kept
                    if result is None:
                        result = kept
                    first = f"{item.source} ({item.entry.citation_key or item.entry.id})"
                    action = (
                        "merged into one entry"
                        if merge
                        else (
                            f"kept {named} (the fuller record)"
                            if keep_new
                            else f"kept {item.source} (the fuller record)"
                        )
                    )
                    plan.duplicates.append((source, f"{label}duplicate of {first}: {why}; {action}"))
                    if result is not item.entry:
                        index.remove(item)
                        entry_id, key = item.entry.id, item.entry.citation_key
                        own_key = _own_id(record.key) if keep_new and not rekey else None
                        if (
                            own_key
                            and item.replaces is None
                            and (own_key.lower() not in taken or own_key.lower() == entry_id.lower())
                        ):
                            del taken[entry_id.lower()]  # the kept record's own key names the entry
                            entry_id, key = own_key, None
                            taken[entry_id.lower()] = (entry_id, source)
                            item.path = dossier.entries_dir / f"{entry_id}.toml"
                        elif keep_new and record.key and record.key != entry_id:
                            key = record.key
                        item.entry = dataclasses.replace(
                            result, id=entry_id, path=item.path, citation_key=result.citation_key or key
                        )
                        item.source = source if keep_new else item.source
                        index.add(item, item.entry, own if keep_new else item.identity)
                    continue
                existing = item
                if force and existing.path is not None:
                    replaces = existing
                elif merge and existing.path is not None:
                    result = merged(existing, entry)
                    if result is None or result == existing:
                        plan.duplicates.append(
                            (source, f"{label}duplicate of entry {existing.id!r}: {why}; nothing to add, skipped")
                        )
                        continue
                    plan.duplicates.append(
                        (source, f"{label}duplicate of entry {existing.id!r}: {why}; its missing fields filled in")
                    )
                    plan.planned.append(Planned(result, existing.path, source, existing, own, merged=True))
                    continue
                else:
                    plan.duplicates.append(
                        (
                            source,
                            f"{label}duplicate of entry {existing.id!r}: {why}; skipped "
                            f"(--merge fills in its missing fields, --force replaces it)",
                        )
                    )
                    continue
            entry_id, note = _choose_id(entry, record.key, taken, rekey, replaces)
            if note:
                plan.warnings.append((source, label + note))
            taken[entry_id.lower()] = (entry_id, source)
            citation_key = entry.citation_key
            if record.key and record.key != entry_id and not citation_key:
                citation_key = record.key
            elif citation_key == entry_id:
                citation_key = None  # the id says it already
            target = replaces.path if replaces else dossier.entries_dir / f"{entry_id}.toml"
            if (entry.id, entry.path, entry.citation_key) != (entry_id, target, citation_key):
                entry = dataclasses.replace(entry, id=entry_id, path=target, citation_key=citation_key)
            planned = Planned(entry, target, source, replaces, own)
            index.add(planned, entry, own, keys)
            plan.planned.append(planned)
    return plan


def _checked(record, today: dt.date, allow_incomplete: bool, entry_id: str | None = None, path: Path | None = None):
    """The record as an entry, with what had to be set aside; (None, reasons, []) when it cannot be cited."""
    entry_id = entry_id or "import"
    entry, problems = parse_entry(record.table, entry_id, path)
    notes: list[str] = []
    entry_type = ENTRY_TYPES.get(record.table.get("type"))
    required = entry_type.required if entry_type else ()
    if problems and any(p.where and p.where[0] in _SALVAGED for p in problems):
        notes = _salvage(record.table, problems, required)
        entry, problems = parse_entry(record.table, entry_id, path)
    incomplete = []
    if entry is not None and entry.accessed and entry.issued and entry.accessed.latest() < entry.issued.earliest():
        # Online first, printed later (the Manual's JAMA example): the access date is kept aside, not a refusal.
        record.table.setdefault("extra", {}).setdefault("accessed", entry.accessed.isoformat())
        notes.append(f"accessed {entry.accessed} is before the publication date {entry.issued}: kept in [extra]")
        record.table.pop("accessed", None)
        entry, problems = parse_entry(record.table, entry_id, path)
    if entry is not None:  # the rules `validate` applies, so an import never leaves the dossier invalid
        for problem in check_entry(entry, today):
            if problem.code == "E012" and allow_incomplete:
                incomplete.append(problem.message)
            elif problem.code == "W017":  # what the citation prints when known: imported, and said so
                notes.append(problem.message)
            elif not problem.code.startswith("W"):
                problems.append(problem)
    reasons = record.problems + [p.message for p in problems if p.code != "E016"]
    if reasons and entry is not None and not record.problems and all(p.code in ("E012", "E016") for p in problems):
        reasons[-1] += " (--allow-incomplete imports it anyway)"
    if entry is None or reasons:
        return None, reasons, notes
    return entry, incomplete, notes


def _choose_id(
    entry: Entry, key: str | None, taken: dict[str, tuple[str, str]], rekey: bool, replaces: Entry | None
) -> tuple[str, str | None]:
    """The record's own key when it is a valid id and free (ignoring case: file names on macOS and
    Windows do), else a generated one; the note says why the key was not used."""
    if replaces is not None:
        return replaces.id, None
    own = None if rekey else _own_id(key)
    if own and own.lower() not in taken:
        return own, None
    generated = unique_id(base_id(entry), taken)
    if own is None:
        return generated, None
    exact, holder = taken[own.lower()]
    why = f"differs only in case from {exact!r} ({holder})" if exact != own else f"is taken by {holder}"
    return generated, f"key {key!r} {why}: imported as {generated!r}, the key kept as citation-key"


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
