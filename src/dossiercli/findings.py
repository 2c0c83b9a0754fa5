"""Findings: what validation reports, as plain data the CLI formats.

Every code is stable and documented in docs/validation.md; tests pin one bad
fixture per code. E-codes are errors, W-codes warnings (`--strict` promotes them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


# code -> (slug, severity, what it means)
CODES: dict[str, tuple[str, Severity, str]] = {
    "E001": ("unreadable-file", Severity.ERROR, "the file cannot be read (permissions, a folder, vanished)"),
    "E002": ("not-utf8", Severity.ERROR, "the file is not valid UTF-8"),
    "E003": ("empty-file", Severity.ERROR, "the file is empty or only comments"),
    "E004": ("toml-syntax", Severity.ERROR, "the file is not valid TOML"),
    "W007": (
        "skipped-file",
        Severity.WARNING,
        "a symlink leaving the dossier, a symlink loop or a non-regular file: not read",
    ),
    "E009": (
        "more-findings",
        Severity.ERROR,
        "the file has more findings than are shown (25 per file); warning if none of the rest is an error",
    ),
    "E010": ("unknown-field", Severity.ERROR, "a field the entry format does not know (with a did-you-mean)"),
    "E011": ("wrong-type", Severity.ERROR, "a field holds the wrong kind of value"),
    "E012": ("missing-field", Severity.ERROR, "a field this entry type requires is missing"),
    "W017": ("incomplete", Severity.WARNING, "a field the citation prints when known is missing (cited without it)"),
    "E013": ("empty-value", Severity.ERROR, "a string, list or table is empty"),
    "E014": ("unknown-entry-type", Severity.ERROR, "`type` is not one of the entry types"),
    "E015": ("bad-name", Severity.ERROR, "an author/editor/translator/interviewer name cannot be read"),
    "E016": ("bad-id", Severity.ERROR, "the file name is not a usable id (letters, digits, - _ . only)"),
    "E020": ("bad-date", Severity.ERROR, "a date is malformed or impossible (2007-02-30)"),
    "W021": ("future-date", Severity.WARNING, "a date lies in the future"),
    "E022": ("accessed-before-issued", Severity.ERROR, "the access date is before the publication date"),
    "E030": ("bad-url", Severity.ERROR, "a URL is not an absolute http(s) URL"),
    "E031": ("bad-doi", Severity.ERROR, "a DOI is not of the form 10.NNNN/suffix"),
    "E040": ("highlight-not-found", Severity.ERROR, "a highlight does not occur in its excerpt's text"),
    "E050": ("duplicate-id", Severity.ERROR, "two entry files have the same id (file stem)"),
    "W051": ("duplicate-url", Severity.WARNING, "two entries have the same URL"),
    "E052": ("duplicate-doi", Severity.ERROR, "two entries have the same DOI"),
    "E060": ("bad-dossier-file", Severity.ERROR, "dossier.toml has a problem"),
}


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    message: str
    path: Path | None = None
    line: int | None = None
    severity: Severity = field(default=Severity.ERROR)

    @classmethod
    def of(cls, code: str, message: str, path: Path | None = None, line: int | None = None) -> Finding:
        return cls(code, message, path, line, CODES[code][1])

    @property
    def slug(self) -> str:
        return CODES[self.code][0]

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        if self.path is None:
            return "<dossier>"
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def __str__(self) -> str:
        return f"{self.location()}: {self.code} {self.message}"
