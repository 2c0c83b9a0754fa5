"""Choosing and ordering entries: the filters behind `list`, `notes` and `export`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dossiercli.errors import DossierError
from dossiercli.model.dates import PartialDate
from dossiercli.model.entry import Entry

SORT_KEYS = ("date", "title", "author", "id", "type")


@dataclass(frozen=True, slots=True)
class Selection:
    tags: tuple[str, ...] = ()  # every tag must be present
    types: tuple[str, ...] = ()  # any of these types
    since: PartialDate | None = None  # on or after, at the date's own precision
    until: PartialDate | None = None
    search: str | None = (
        None  # case-insensitive: id, title, names, container, publisher, URL, DOI, tags, note, excerpts
    )

    def __post_init__(self) -> None:
        if self.since and self.until and self.since.earliest() > self.until.latest():
            raise DossierError(f"--since {self.since} is after --until {self.until}: no date is both")

    def matches(self, entry: Entry) -> bool:
        if self.tags and not {t.casefold() for t in self.tags} <= {t.casefold() for t in entry.tags}:
            return False
        if self.types and entry.type not in self.types:
            return False
        if self.since or self.until:
            if entry.issued is None:
                return False
            if self.since and entry.issued.latest() < self.since.earliest():
                return False
            if self.until and entry.issued.earliest() > self.until.latest():
                return False
        if self.search and self.search.casefold() not in searchable_text(entry):
            return False
        return True


def searchable_text(entry: Entry) -> str:
    parts = [
        entry.id,
        entry.title,
        entry.container_title,
        entry.publisher,
        entry.note,
        entry.url,
        entry.doi,
        entry.archive_url,
        *entry.tags,
    ]
    parts += [name.natural() for name in (*entry.authors, *entry.editors, *entry.translators, *entry.interviewers)]
    parts += [excerpt.text for excerpt in entry.excerpts]
    return "\n".join(part for part in parts if part).casefold()


def _sort_key(key: str):
    if key == "date":
        # Undated entries last; a partial date sorts before the full dates it contains.
        return lambda e: (e.issued is None, e.issued.sort_key() if e.issued else (0, 0, 0), e.title.casefold())
    if key == "title":
        return lambda e: e.title.casefold()
    if key == "author":
        return lambda e: (
            (e.authors[0].surname.casefold() if e.authors else (e.publisher or e.title).casefold()),
            e.title.casefold(),
        )
    if key == "type":
        return lambda e: (e.type, e.id)
    return lambda e: e.id


def select(entries: Iterable[Entry], selection: Selection, sort: str = "date", reverse: bool = False) -> list[Entry]:
    chosen = [entry for entry in entries if selection.matches(entry)]
    chosen.sort(key=_sort_key(sort), reverse=reverse)
    return chosen


def source_line(entry: Entry) -> str:
    """Who and where, for the SOURCE column: 'Eli Lake, New York Sun' or 'Multi-National Force-Iraq'."""
    names = ", ".join(name.natural() for name in entry.authors)
    where = entry.container_title or entry.publisher
    return ", ".join(part for part in (names, where) if part)


def by_ids(entries: Sequence[Entry], ids: Iterable[str]) -> list[Entry]:
    wanted = set(ids)
    return [entry for entry in entries if entry.id in wanted]
