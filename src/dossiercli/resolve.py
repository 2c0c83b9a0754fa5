"""What a user types for a source -> the entry: exact id, citation-key, or a unique id prefix.

Every command that takes an id (cite, show, excerpt, manuscript, export, check-urls…)
goes through `Resolver.resolve` (via `Dossier.get`), so the rules are the same
everywhere:

1. the exact id (the file name stem) wins;
2. then an entry's own `citation-key` (a Better BibTeX or Zotero key kept on import);
3. then a prefix of exactly one id (`dossier cite pollack2004`);
4. a prefix of several ids is ambiguous: the candidates are named, nothing is guessed;
5. anything else is unknown, with the close matches as "did you mean".

    resolver = Resolver(dossier.entries)
    resolver.lookup("lake2007").entry          # the one entry, or None
    resolver.resolve("lake")                   # raises AmbiguousEntry naming the candidates
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from dossiercli.errors import UnknownEntry
from dossiercli.model.entry import Entry

SHOWN = 5  # candidates and suggestions named in one message


class AmbiguousEntry(UnknownEntry):
    """A prefix that fits several entries."""


@dataclass(frozen=True, slots=True)
class Resolution:
    entry: Entry | None
    how: str = ""  # "id", "citation-key", "prefix"; empty when not found
    candidates: tuple[str, ...] = ()  # several entries fit (an ambiguous prefix or a shared citation-key)
    suggestions: tuple[str, ...] = ()  # close matches of an unknown key

    @property
    def found(self) -> bool:
        return self.entry is not None


def _names(items: tuple[str, ...]) -> str:
    shown = ", ".join(items[:SHOWN])
    return shown + (f" and {len(items) - SHOWN} more" if len(items) > SHOWN else "")


class Resolver:
    def __init__(self, entries: Iterable[Entry]):
        self._by_id: dict[str, Entry] = {}
        self._by_key: dict[str, list[Entry]] = {}
        for entry in entries:
            self._by_id.setdefault(entry.id, entry)
            key = getattr(entry, "citation_key", None)
            if key:
                self._by_key.setdefault(key, []).append(entry)
        self._ids = sorted(self._by_id)
        self._cache: dict[str, Resolution] = {}

    def __len__(self) -> int:
        return len(self._by_id)

    @property
    def entries(self) -> list[Entry]:
        """Every entry, by id."""
        return [self._by_id[entry_id] for entry_id in self._ids]

    def lookup(self, text: str) -> Resolution:
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cache[text] = self._lookup(text)
        return cached

    def _lookup(self, text: str) -> Resolution:
        entry = self._by_id.get(text)
        if entry is not None:
            return Resolution(entry, "id")
        keyed = self._by_key.get(text)
        if keyed:
            if len(keyed) == 1:
                return Resolution(keyed[0], "citation-key")
            return Resolution(None, candidates=tuple(sorted(e.id for e in keyed)))
        starting = self._starting_with(text) if text else ()
        if len(starting) == 1:
            return Resolution(self._by_id[starting[0]], "prefix")
        if starting:
            return Resolution(None, candidates=starting)
        return Resolution(None, suggestions=self.close_matches(text))

    def _starting_with(self, prefix: str) -> tuple[str, ...]:
        start = bisect.bisect_left(self._ids, prefix)
        end = start
        while end < len(self._ids) and self._ids[end].startswith(prefix):
            end += 1
        return tuple(self._ids[start:end])

    def close_matches(self, text: str, n: int = 3) -> tuple[str, ...]:
        """Ids (and citation-keys) that look like `text`: typos, a wrong year, a word too many."""
        known = [*self._ids, *self._by_key]
        close = difflib.get_close_matches(text, known, n=n, cutoff=0.6)
        if not close:
            # A longer text whose beginning is an id ("lake2007-iran-secret-plan-2"), or an id's author-year part.
            close = [k for k in known if text.startswith(k)][:n] or difflib.get_close_matches(
                text, known, n=n, cutoff=0.45
            )
        out: list[str] = []
        for key in close:
            entry_id = key if key in self._by_id else self._by_key[key][0].id
            if entry_id not in out:
                out.append(entry_id)
        return tuple(out)

    def message(self, text: str, resolution: Resolution, noun: str = "source") -> str:
        """'unknown source 'x' (did you mean a, b?)' or 'ambiguous source 'x': a, b (type more of the id)'."""
        if resolution.candidates:
            return f"ambiguous {noun} {text!r}: it could be {_names(resolution.candidates)} (type more of the id)"
        hint = f" (did you mean {_names(resolution.suggestions)}?)" if resolution.suggestions else ""
        return f"unknown {noun} {text!r}{hint}"

    def resolve(self, text: str, folder: Path | None = None) -> Entry:
        """The entry for `text`, or an `UnknownEntry` (`AmbiguousEntry`) naming what fits."""
        resolution = self.lookup(text)
        if resolution.entry is not None:
            return resolution.entry
        where = f" in {folder}" if folder is not None else ""
        if resolution.candidates:
            raise AmbiguousEntry(
                f"{text!r} fits several entries{where}: {_names(resolution.candidates)}; type more of the id"
            )
        hint = f"; did you mean {_names(resolution.suggestions)}?" if resolution.suggestions else ""
        raise UnknownEntry(f"no entry with id {text!r}{where}{hint}")
