"""What a reader hands the importer: one record of a source file, as entry-file data.

Readers turn their format into the same TOML-shaped table an entry file holds, so
the one parser (`model.parse.parse_entry`) checks every imported value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Record:
    table: dict  # fields as an entry file would hold them
    line: int | None  # where the record starts in its source file (1-based)
    key: str | None = None  # the source's own key (BibTeX key, CSL id, RIS ID)
    problems: list[str] = field(default_factory=list)  # why it cannot become an entry, if it cannot
    warnings: list[str] = field(default_factory=list)  # what was changed or dropped to import it
    not_kept: list[str] = field(default_factory=list)  # source fields with no place in the entry (file, timestamp…)
    inherited: frozenset[str] = frozenset()  # table keys taken from a crossref/xdata parent: not this work's identity


@dataclass
class Failure:
    line: int | None
    reason: str


class FormatError(Exception):
    """A whole file cannot be read (an expansion bomb, not one bad record): one line, with the line number."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def add_extra(table: dict, key: str, value: str) -> None:
    """Keep a value the model has no field for in the entry's [extra] table."""
    if value and key not in table.setdefault("extra", {}):
        table["extra"][key] = value


_NOTE_ID = re.compile(r"^[ \t]*(PMID|PMCID|DOI|ISSN|ISBN)[ \t]*:[ \t]*(\S+)[ \t]*$", re.I | re.M)
_NOTE_FIELDS = {"pmid": "PMID", "pmcid": "PMCID", "doi": "DOI", "issn": "ISSN", "isbn": "ISBN"}


def ids_from_note(table: dict) -> None:
    """Zotero keeps identifiers it has no field for as 'PMID: 123' lines of Extra, which Better BibTeX and
    Zotero's CSL-JSON write into `note`: each becomes its field (when the record has none), its line goes."""
    note = table.get("note")
    if not isinstance(note, str) or ":" not in note:
        return

    def take(match: re.Match) -> str:
        field = _NOTE_FIELDS[match.group(1).lower()]
        if table.get(field) not in (None, match.group(2)):
            return match.group(0)
        table[field] = match.group(2)
        return ""

    rest = _NOTE_ID.sub(take, note)
    if rest != note:
        rest = re.sub(r"\n{3,}", "\n\n", rest).strip()
        if rest:
            table["note"] = rest
        else:
            del table["note"]
