"""Validation: the checks that need a whole entry or the whole dossier.

Reading (load.py, model/parse.py) already reports what makes a value unusable;
this adds the rules between fields (required per type, access before issue,
highlights inside their excerpt, dates in the future) and across entries
(duplicate ids, URLs, DOIs). Returns findings; never prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable, Sequence
from pathlib import Path

from dossiercli.findings import Finding
from dossiercli.load import CONFIG_FILE, ENTRIES_DIR, entry_files, locate, read_config, read_entry_table
from dossiercli.model.entry import Entry
from dossiercli.model.parse import Problem
from dossiercli.urlnorm import url_key


def squash(text: str) -> str:
    """Whitespace folded to single spaces: how highlights are matched against excerpts."""
    return " ".join(text.split())


def highlight_problem(highlight: str, text: str) -> str | None:
    """Why a highlight cannot mark this passage, naming the passage's own spelling when only case differs."""
    wanted, passage = squash(highlight), squash(text)
    if wanted in passage:
        return None
    shown = highlight.strip() if len(highlight) <= 60 else highlight.strip()[:57] + "..."
    folded = passage.casefold()
    at = folded.find(wanted.casefold())
    if at >= 0 and len(folded) == len(passage) and len(wanted.casefold()) == len(wanted):
        return f"{shown!r} does not occur in the passage; did you mean {passage[at:at + len(wanted)]!r}? (case matters)"
    return f"{shown!r} does not occur in the passage"


def check_entry(entry: Entry, today: dt.date, written: Container[str] = ()) -> list[Problem]:
    """Rules between fields. `written`: keys the file has, whose bad values reading already reported."""
    problems: list[Problem] = []
    entry_type = entry.entry_type
    for key in entry_type.required:
        if not entry.has(key) and key not in written:
            problems.append(Problem("E012", f"a {entry_type.label} needs {key!r}", ("type",)))
    for key, date in (("issued", entry.issued), ("accessed", entry.accessed)):
        if date is not None and date.earliest() > today:
            problems.append(Problem("W021", f"{key!r} {date} is in the future", (key,)))
    if entry.issued and entry.accessed and entry.accessed.latest() < entry.issued.earliest():
        problems.append(
            Problem("E022", f"accessed {entry.accessed} is before the publication date {entry.issued}", ("accessed",))
        )
    for index, excerpt in enumerate(entry.excerpts):
        text = squash(excerpt.text)
        for highlight in excerpt.highlights:
            if squash(highlight) not in text:
                shown = highlight if len(highlight) <= 60 else highlight[:57] + "..."
                hint = highlight_problem(highlight, text).partition("; ")[2]
                problems.append(
                    Problem("E040", f"excerpt {index + 1}: highlight {shown!r} does not occur in its text"
                            + (f"; {hint}" if hint else ""), ("excerpts", index, "highlights"))
                )
    return problems


def check_across(entries: Sequence[Entry], paths: Sequence[Path]) -> list[Finding]:
    """Duplicate ids (from every file, readable or not), URLs and DOIs."""
    findings: list[Finding] = []
    first_path: dict[str, Path] = {}
    for path in paths:
        if path.name == CONFIG_FILE:
            continue
        other = first_path.setdefault(path.stem, path)
        if other != path:
            findings.append(Finding.of("E050", f"id {path.stem!r} is also the id of {other}", path))
    seen_url: dict[str, Entry] = {}
    seen_doi: dict[str, Entry] = {}
    for entry in entries:
        if entry.url:
            other = seen_url.setdefault(url_key(entry.url), entry)
            if other is not entry:
                findings.append(locate(Problem("W051", f"URL {entry.url} is also the URL of {other.id!r}", ("URL",)), entry.path))
        if entry.doi:
            other = seen_doi.setdefault(entry.doi.lower(), entry)
            if other is not entry:
                findings.append(locate(Problem("E052", f"DOI {entry.doi} is also the DOI of {other.id!r}", ("DOI",)), entry.path))
    return findings


def validate_files(paths: Iterable[Path], today: dt.date | None = None) -> list[Finding]:
    """Every finding for these files: entry files, plus any dossier.toml among them."""
    today = today or dt.date.today()
    paths = list(paths)
    findings: list[Finding] = []
    entries: list[Entry] = []
    for path in paths:
        if path.name == CONFIG_FILE:
            findings.extend(read_config(path.parent)[1])
            continue
        entry, table, problems = read_entry_table(path)
        findings.extend(problems)
        if entry is not None:
            entries.append(entry)
            findings.extend(locate(problem, path) for problem in check_entry(entry, today, table.keys()))
    findings.extend(check_across(entries, paths))
    return findings


def validate_dossier(root: Path, today: dt.date | None = None) -> list[Finding]:
    folder = root / ENTRIES_DIR
    return validate_files([root / CONFIG_FILE, *(entry_files(folder) if folder.is_dir() else [])], today)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders as every *.toml below them (a dossier folder: its config and entries)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            if (path / CONFIG_FILE).is_file():
                files.append(path / CONFIG_FILE)
                folder = path / ENTRIES_DIR
                files.extend(entry_files(folder) if folder.is_dir() else [])
            else:
                files.extend(entry_files(path))
        else:
            files.append(path)
    return files
