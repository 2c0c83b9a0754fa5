"""Changing entries already in a dossier: the core behind `edit`, `rm`, `mv` and `tag`.

Nothing here prompts or prints. Every change is checked before it is written and
written atomically (the file keeps its mode; a symlinked entry is written through to
its target); the CLI holds the dossier's write lock around these calls.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dossiercli.atomic import write_all, write_atomic
from dossiercli.errors import DossierError
from dossiercli.findings import Finding
from dossiercli.load import Dossier
from dossiercli.model.entry import Entry
from dossiercli.model.parse import ID_PATTERN


@dataclass(frozen=True)
class EntryFile:
    """An entry's file, valid or not: what `rm`, `mv` and `edit` need (an invalid entry can be fixed or removed)."""

    id: str
    path: Path
    title: str


def find_entry_file(dossier: Dossier, entry_id: str) -> EntryFile:
    """The file of the entry a user names, as every command resolves names (exact id, citation-key,
    unique prefix: `Dossier.get`), and also an invalid entry's file named by its exact id (it is
    then among `dossier.skipped`): editing or removing it is how it gets fixed."""
    if entry_id not in dossier:
        for finding in getattr(dossier, "skipped", ()):
            path = finding.path
            if (
                path is not None
                and path.stem == entry_id
                and path.suffix == ".toml"
                and path.is_file()
                and finding.code != "W007"
            ):
                return EntryFile(entry_id, path, f"(invalid: {finding.code} {finding.message})")
    entry = dossier.get(entry_id)  # raises "no entry with id …; did you mean …" or "fits several entries …"
    return EntryFile(entry.id, entry.path, entry.title)


# -- tag ------------------------------------------------------------------------------------------


def parse_tag_changes(words: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
    """`ID… +tag -tag` -> (ids, tags to add, tags to remove); a tag is "+word" or "-word"."""
    ids, add, remove = [], [], []
    for word in words:
        if word[:1] in "+-" and len(word) > 1:
            tag = " ".join(word[1:].split())
            if not tag:
                raise DossierError(f"{word!r}: a tag cannot be blank")
            (add if word[0] == "+" else remove).append(tag)
        elif word[:1] in "+-":
            raise DossierError(f"{word!r}: write +TAG to add a tag or -TAG to remove one")
        else:
            ids.append(word)
    if not ids:
        raise DossierError("name at least one entry: dossier tag ID… +TAG -TAG")
    if not add and not remove:
        raise DossierError("nothing to change: give +TAG to add a tag or -TAG to remove one")
    return ids, add, remove


def new_tags(current: Sequence[str], add: Iterable[str], remove: Iterable[str]) -> list[str]:
    """Tags after the change; case is ignored (+Iran on an entry tagged "iran" changes nothing)."""
    gone = {tag.casefold() for tag in remove}
    tags = [tag for tag in current if tag.casefold() not in gone]
    for tag in add:
        if tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    return tags


def retag(entry: Entry, add: Sequence[str], remove: Sequence[str]) -> list[str] | None:
    """Change the entry's tags in its file, every other line and comment kept; the new tags, or None if unchanged."""
    import tomlkit

    tags = new_tags(entry.tags, add, remove)
    if tags == list(entry.tags):
        return None
    text = _read(entry.path)
    document = tomlkit.parse(text)
    if tags:
        document["tags"] = tags
    else:
        document.pop("tags", None)
    write_atomic(entry.path, tomlkit.dumps(document), overwrite=True)
    return tags


# -- rm -------------------------------------------------------------------------------------------


def remove_entries(entries: Sequence[Entry | EntryFile]) -> tuple[list[Path], list[Path]]:
    """Delete the entries' files (a symlinked entry: the link, not what it points to).

    (removed, already gone): a file another command removed meanwhile is named, never passed over.
    """
    removed: list[Path] = []
    gone: list[Path] = []
    for entry in entries:
        try:
            os.unlink(entry.path)
        except FileNotFoundError:
            gone.append(entry.path)
            continue
        except OSError as error:
            raise DossierError(f"cannot remove: {error.strerror or error}", entry.path) from None
        removed.append(entry.path)
    return removed, gone


# -- mv -------------------------------------------------------------------------------------------

_KEY_PUNCTUATION = r":.#$%&\-+?<>~/"


def citation_pattern(entry_id: str) -> re.Pattern:
    """`@ID` or `@{ID}` as pandoc reads a citation: not inside an e-mail address, not the start of a longer key."""
    key = re.escape(entry_id)
    return re.compile(rf"(?<![\w@])@(?:\{{{key}\}}|{key}(?![\w]|[{_KEY_PUNCTUATION}]\w))")


def rewrite_citations(text: str, old: str, new: str) -> tuple[str, int]:
    """The manuscript with every citation of `old` citing `new`: [@old, 23] -> [@new, 23]."""
    pattern = citation_pattern(old)

    def replace(match: re.Match) -> str:
        return "@{" + new + "}" if match.group(0).startswith("@{") else "@" + new

    return pattern.subn(replace, text)


def check_new_id(dossier: Dossier, new_id: str) -> None:
    if not ID_PATTERN.fullmatch(new_id):
        raise DossierError(
            f"id {new_id!r} may use only letters, digits, '-', '_' and '.' (and starts with a letter or digit)"
        )
    if new_id in dossier:
        raise DossierError(f"id {new_id!r} is taken by {dossier.get(new_id).path}")


def rename_entry(
    dossier: Dossier, entry: Entry | EntryFile, new_id: str, manuscripts: Sequence[Path] = ()
) -> list[tuple[Path, int]]:
    """Rename the entry's file to NEW.toml (in the same folder) and rewrite [@OLD] in the manuscripts.

    All or nothing: every manuscript is read and rewritten in memory first; if writing
    them fails, the file is renamed back. Returns (manuscript, citations rewritten).
    """
    check_new_id(dossier, new_id)
    target = entry.path.with_name(f"{new_id}.toml")
    if target.exists() or target.is_symlink():
        raise DossierError("already exists; nothing was renamed", target)
    rewritten: dict[Path, str] = {}
    counts: list[tuple[Path, int]] = []
    for path in manuscripts:
        text, count = rewrite_citations(_read(path), entry.id, new_id)
        counts.append((path, count))
        if count:
            rewritten[path] = text
    try:
        os.rename(entry.path, target)
    except OSError as error:
        raise DossierError(f"cannot rename to {target.name}: {error.strerror or error}", entry.path) from None
    try:
        write_all(rewritten, overwrite=True)
    except BaseException:
        os.rename(target, entry.path)
        raise
    return counts


# -- edit -----------------------------------------------------------------------------------------


def check_edited(dossier: Dossier, entry: Entry | EntryFile, edited: Path) -> list[Finding]:
    """Every finding `validate` would report for the entry if `edited` (a file named ID.toml) replaced it,
    the rules across entries included."""
    from dossiercli.validate import validate_files

    others = [e.path for e in dossier.entries if e.id != entry.id and e.path is not None]
    return [f for f in validate_files([*others, edited]) if f.path == edited]


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except OSError as error:
        raise DossierError(f"cannot read: {error.strerror or error}", path) from None
    except UnicodeDecodeError:
        raise DossierError("not UTF-8; nothing was changed", path) from None
