"""The same source, however it was spelled: same DOI, same page (urlnorm.url_key), or same title and year.

The rule `import` applies to records, applied by `add` to one new entry. Titles are
compared folded to ASCII words ("Iran’s Secret Plan" = "Irans secret plan"), with the year
of issue (two undated works with one title are the same work).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dossiercli.ids import ascii_fold
from dossiercli.model.entry import Entry
from dossiercli.urlnorm import url_key


def title_key(entry: Entry) -> str:
    words = re.findall(r"[a-z0-9]+", ascii_fold(entry.title).lower())
    return " ".join(words) + f"|{entry.issued.year if entry.issued else ''}"


def keys_of(entry: Entry) -> list[tuple[str, str]]:
    """(what, key) from the strongest evidence to the weakest."""
    keys = []
    if entry.doi:
        keys.append(("DOI", "d:" + entry.doi.lower()))
    if entry.url:
        keys.append(("URL", "u:" + url_key(entry.url)))
    keys.append(("title and year", "t:" + title_key(entry)))
    return keys


class DuplicateIndex:
    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self.keys: dict[str, Entry] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        for _, key in keys_of(entry):
            self.keys.setdefault(key, entry)

    def find(self, entry: Entry, ignore: str | None = None) -> tuple[str, Entry] | None:
        """(why, the entry it duplicates), or None; `ignore`: an id not to count (the entry itself)."""
        for label, key in keys_of(entry):
            other = self.keys.get(key)
            if other is not None and other.id != ignore:
                return label, other
        return None
