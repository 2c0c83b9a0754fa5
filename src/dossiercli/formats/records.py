"""What a reader hands the importer: one record of a source file, as entry-file data.

Readers turn their format into the same TOML-shaped table an entry file holds, so
the one parser (`model.parse.parse_entry`) checks every imported value.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Record:
    table: dict  # fields as an entry file would hold them
    line: int | None  # where the record starts in its source file (1-based)
    key: str | None = None  # the source's own key (BibTeX key, CSL id, RIS ID)
    problems: list[str] = field(default_factory=list)  # why it cannot become an entry, if it cannot


@dataclass
class Failure:
    line: int | None
    reason: str
