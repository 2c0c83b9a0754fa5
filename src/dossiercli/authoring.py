"""Creating dossiers and entries from the terminal: the core behind `init`, `add` and `excerpt`.

Nothing here prompts or prints: the CLI gathers answers, these functions check them
with the same parser and rules as `validate`, and write atomically, never over an
existing file unless told.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import tomli
import tomli_w

from dossiercli.atomic import write_all, write_atomic
from dossiercli.duplicates import could_share_a_page, find_same
from dossiercli.errors import DossierError
from dossiercli.ids import base_id, unique_id
from dossiercli.load import CONFIG_FILE, ENTRIES_DIR, Dossier
from dossiercli.model.entry import ENTRY_TYPES, Entry
from dossiercli.model.names import Name
from dossiercli.model.parse import Problem, parse_entry
from dossiercli.model.toml_out import entry_to_toml
from dossiercli.validate import check_across, check_entry, highlight_problem, squash

# No trailing slash: a file or a symlink named .dossier-cache is ignored too, never committed (issue 24).
GITIGNORE = "# dossiercli's caches: safe to delete, never commit\n.dossier-cache\n"

# The fields a type's citation uses beyond its required ones (ENTRY_TYPES[…].required), in the
# order `add` asks for them; every one may be left empty. Fields not listed can still be given as flags.
OPTIONAL_FIELDS: dict[str, tuple[str, ...]] = {
    "article-newspaper": ("author", "page", "URL"),
    "article-magazine": ("author", "page", "URL"),
    "article-journal": ("author", "volume", "issue", "page", "DOI", "URL"),
    "wire-story": ("author", "URL"),
    "press-release": ("title", "author", "number", "publisher-place", "URL"),
    "transcript": ("author", "genre", "event-place", "publisher", "URL"),
    "report": ("author", "collection-title", "collection-number", "number", "publisher-place", "issued", "URL"),
    "book": ("author", "editor", "collection-title", "collection-number", "publisher-place", "issued", "edition"),
    "chapter": ("author", "editor", "publisher-place", "issued", "page", "URL"),
    "webpage": ("author", "container-title", "issued", "accessed"),
    "interview": ("title", "interviewer", "container-title", "issued", "URL"),
    "thesis": ("author", "publisher-place", "URL"),
    "letter": ("recipient", "publisher-place", "collection-title", "archive", "archive_location", "URL"),
    "manuscript": ("author", "genre", "issued", "collection-title", "archive", "archive_location", "URL"),
    "document": ("author", "genre", "publisher", "issued", "collection-title", "archive", "archive_location", "URL"),
    "blog-post": ("author", "publisher", "issued", "URL"),
    "social-media-post": ("title", "genre", "issued", "URL"),
    "video": ("author", "container-title", "genre", "director", "publisher", "issued", "medium", "dimensions", "URL"),
    "podcast": ("author", "container-title", "host", "publisher", "issued", "dimensions", "URL"),
    "review": ("title", "author", "reviewed-title", "reviewed-author", "issued", "volume", "page", "URL"),
    "encyclopedia-entry": ("author", "edition", "issued", "accessed", "URL"),
    "artwork": ("author", "issued", "medium", "dimensions", "archive", "archive-place", "URL"),
    "patent": ("author", "authority", "submitted", "issued", "URL"),
    "dataset": ("author", "publisher", "version", "issued", "DOI", "URL"),
    "legal-case": ("volume", "container-title", "page", "authority", "issued", "URL"),
    "legislation": ("number", "authority", "volume", "container-title", "section", "page", "issued", "URL"),
    "hearing": ("publisher", "authority", "issued", "URL"),
    # issue 27's types
    "paper-conference": (
        "author",
        "container-title",
        "editor",
        "event-title",
        "event-place",
        "publisher",
        "issued",
        "page",
        "DOI",
        "URL",
    ),
    "preprint": ("author", "container-title", "number", "issued", "DOI", "URL"),
    "software": ("author", "version", "publisher", "issued", "medium", "DOI", "URL"),
    "map": ("author", "scale", "genre", "publisher-place", "publisher", "issued", "URL"),
    "standard": ("author", "number", "publisher-place", "publisher", "issued", "URL"),
    "treaty": ("authority", "issued", "volume", "container-title", "page", "URL"),
    "song": ("author", "composer", "container-title", "publisher", "issued", "medium", "URL"),
    "broadcast": ("container-title", "number", "director", "publisher", "issued", "medium", "URL"),
}


def questions(entry_type: str, have) -> list[tuple[str, bool]]:
    """(field, required) for each field of this type not in `have`: the required ones first."""
    required = ENTRY_TYPES[entry_type].asked
    asked = [(key, True) for key in required] + [
        (key, False) for key in OPTIONAL_FIELDS[entry_type] if key not in required
    ]
    asked.sort(key=lambda item: item[0] != "title")  # the title first, even where a type may go without one
    return [(key, needed) for key, needed in asked if key not in have]


def still_wanted(key: str, table: dict) -> bool:
    """Whether a question still makes sense given earlier answers (a series number only with a series)."""
    if key == "collection-number":
        return "collection-title" in table
    if key == "number" and table.get("type") in ("report", "book"):
        return "collection-number" not in table
    return True


def create_dossier(
    folder: Path, title: str, subtitle: str | None = None, authors: list[str] = (), description: str | None = None
) -> list[Path]:
    """A new dossier folder: dossier.toml, entries/, .gitignore. Refuses an existing dossier."""
    if (folder / CONFIG_FILE).exists():
        raise DossierError(f"already a dossier (it has a {CONFIG_FILE}); nothing was changed", folder)
    config: dict = {"title": title}
    if subtitle:
        config["subtitle"] = subtitle
    if description:
        config["description"] = description
    if authors:
        config["author"] = [Name.parse(a).to_table() for a in authors]
    files = {folder / CONFIG_FILE: tomli_w.dumps(config, multiline_strings=True)}
    if not (folder / ".gitignore").exists():
        files[folder / ".gitignore"] = GITIGNORE
    write_all(files)
    (folder / ENTRIES_DIR).mkdir(parents=True, exist_ok=True)
    return [*files, folder / ENTRIES_DIR]


def new_table(
    entry_type: str, found: dict, given: dict, passage: str | None = None, highlights: list[str] = ()
) -> dict:
    """The fields of a new entry: what a page, record or look-up found, overridden by what was given
    (empty values and lists are not given); a passage becomes its one excerpt."""
    table: dict = {"type": entry_type}
    table.update({k: v for k, v in found.items() if k != "type"})
    table.update({k: v for k, v in given.items() if v})
    if passage is not None:
        table["excerpts"] = [{"text": passage.strip(), **({"highlights": list(highlights)} if highlights else {})}]
    return table


def build_entry(
    table: dict, dossier: Dossier, entry_id: str | None = None, today: dt.date | None = None
) -> tuple[Entry | None, list[Problem]]:
    """The entry these fields make, with every problem `validate` would report (errors and warnings)."""
    provisional, problems = parse_entry(table, entry_id or "new-entry")
    if provisional is None or any(p.code != "E016" for p in problems):
        return None, problems
    if entry_id is None:
        entry_id = unique_id(base_id(provisional), {e.id for e in dossier.entries})
    existing = dossier.get(entry_id) if entry_id in dossier else None
    path = existing.path if existing is not None and existing.path else dossier.entries_dir / f"{entry_id}.toml"
    entry, problems = parse_entry(table, entry_id, path)
    problems += check_entry(entry, today or dt.date.today(), table.keys())
    return entry, problems


@dataclass
class NewEntry:
    """What `add` will write: the entry, the warnings it carries, and the entry it updates (with --force)."""

    entry: Entry
    warnings: list[Problem]
    replaces: Entry | None = None
    duplicate: tuple[str, Entry] | None = None  # added anyway (--allow-duplicate)


def same_source(entry: Entry, dossier: Dossier, ignore: str | None = None) -> tuple[str, Entry] | None:
    """The entry of the dossier that is the same source as `entry` (same DOI, page, or title and year)."""
    return find_same(entry, dossier.entries, ignore=ignore)


def plan_new_entry(
    table: dict,
    dossier: Dossier,
    entry_id: str | None = None,
    *,
    force: bool = False,
    allow_duplicate: bool = False,
    today: dt.date | None = None,
) -> NewEntry:
    """Check a new entry as `validate` would, against the dossier too; DossierError says why not.

    The same source already in the dossier is refused naming it, updated with `force`
    (its fields replaced by the new ones, its tags and excerpts kept), or added anyway
    with `allow_duplicate` — except a second entry with the same DOI, which `validate`
    would reject (E052).
    """
    entry, problems = build_entry(table, dossier, entry_id, today)
    _refuse_errors(entry, problems)
    replacing_id = entry_id if force and entry_id in dossier else None
    found = same_source(entry, dossier, ignore=replacing_id)
    replaces = dossier.get(replacing_id) if replacing_id else None
    duplicate = None
    if found:
        why, existing = found
        where = f" ({_relative(existing.path, dossier.root)})" if existing.path else ""
        if force and replaces is None:
            merged = merge_tables(_raw_table(existing), table)
            entry, problems = build_entry(merged, dossier, existing.id, today)
            _refuse_errors(entry, problems)
            replaces = existing
        elif allow_duplicate and why != "DOI":
            duplicate = found
        elif allow_duplicate:
            raise DossierError(
                f"same DOI as {existing.id!r}{where}; two entries with one DOI fail `validate` "
                "(E052): nothing was written (--force updates that entry)"
            )
        elif not force:
            raise DossierError(
                f"same {why} as {existing.id!r}{where}: nothing was written "
                "(--force updates that entry, --allow-duplicate adds this one anyway)"
            )
    # validate's rules across entries, on the entries they could involve (the same DOI, a page on the same site)
    from dossiercli.ids import site_name

    site = site_name(entry.url) if entry.url else ""
    others = [
        e
        for e in dossier.entries
        if (replaces is None or e.id != replaces.id)
        and (
            (entry.doi and e.doi and e.doi.lower() == entry.doi.lower())
            or (entry.url and e.url and could_share_a_page(e.url, site))
            or e.id == entry.id
        )
    ]
    paths = [e.path for e in others if e.path is not None] + [entry.path]
    across = [f for f in check_across([*others, entry], paths) if f.path == entry.path]
    errors = [f for f in across if f.is_error]
    if errors:
        raise DossierError(f"{errors[0].code} {errors[0].message} (nothing was written)")
    warnings = [p for p in problems if p.code.startswith("W")]
    warnings += [Problem(f.code, f.message, ()) for f in across if not f.is_error]
    return NewEntry(entry, warnings, replaces, duplicate)


def _relative(path: Path, root: Path) -> Path:
    try:
        return path.relative_to(root)
    except ValueError:
        return path


def _refuse_errors(entry: Entry | None, problems: list[Problem]) -> None:
    errors = [p for p in problems if not p.code.startswith("W")]
    if entry is None or errors:
        first = (errors or problems)[0]
        raise DossierError(f"{first.code} {first.message} (nothing was written)")


def _raw_table(entry: Entry) -> dict:
    from dossiercli.load import read_toml

    table, _, findings = read_toml(entry.path)
    if table is None:
        raise DossierError(f"cannot read the entry to update: {findings[0].message}", entry.path)
    return table


def merge_tables(old: dict, new: dict) -> dict:
    """`old` updated by `new`: new values win; tags are joined (case ignored); new excerpts are appended."""
    merged = {**old, **{k: v for k, v in new.items() if k not in ("tags", "excerpts")}}
    tags = list(old.get("tags", []))
    for tag in new.get("tags", []):
        if tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag)
    if tags:
        merged["tags"] = tags
    excerpts = list(old.get("excerpts", []))
    known = {squash(e.get("text", "")) for e in excerpts if isinstance(e, dict)}
    excerpts += [e for e in new.get("excerpts", []) if squash(e.get("text", "")) not in known]
    if excerpts:
        merged["excerpts"] = excerpts
    return merged


def write_entry(entry: Entry, force: bool = False) -> Path:
    if entry.path is None:
        raise DossierError("the entry has no file path")
    write_atomic(entry.path, entry_to_toml(entry), overwrite=force)
    return entry.path


def _toml_string(text: str) -> str:
    """A TOML string for `text`: multi-line when it has line breaks."""
    return tomli_w.dumps({"x": text}, multiline_strings=True).split("=", 1)[1].strip()


def _keep_canonical(original: str, new: str) -> str:
    """A file in `dossier fmt`'s layout stays in it (a comment at its end moves above the new excerpt
    as fmt puts it); any other file keeps its lines exactly, the excerpt only added at the end."""
    import tomli as toml_reader

    from dossiercli.fmt import UnsafeFormat, format_text

    try:
        return format_text(new) if format_text(original) == original else new
    except (UnsafeFormat, toml_reader.TOMLDecodeError):  # fmt cannot lay it out: the plain append, validated below
        return new


def append_excerpt(
    path: Path, text: str, highlights: list[str], label: str | None = None, locator: str | None = None
) -> None:
    """Add an [[excerpts]] table at the end of an entry file, leaving every existing line as it was."""
    if not text.strip():
        raise DossierError("the excerpt is empty", path)
    for highlight in highlights:
        why = highlight_problem(highlight, text)
        if why:
            raise DossierError(f"highlight {why}", path)
    try:
        original = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DossierError(f"cannot read: {error.strerror or error}", path) from None
    lines = ["", "[[excerpts]]"]
    if label:
        lines.append(f"label = {_toml_string(label)}")
    if locator:
        lines.append(f"locator = {_toml_string(locator)}")
    lines.append(f"text = {_toml_string(text.strip())}")
    if highlights:
        lines.append("highlights = [" + ", ".join(_toml_string(h) for h in highlights) + "]")
    new = original.rstrip("\n") + "\n" + "\n".join(lines) + "\n"
    new = _keep_canonical(original, new)
    try:
        _, problems = parse_entry(tomli.loads(new), path.stem, path)
    except tomli.TOMLDecodeError as error:
        raise DossierError(f"the file would not be valid TOML ({error}); left unchanged", path) from None
    if problems:
        raise DossierError(f"{problems[0].code} {problems[0].message}; left unchanged", path)
    write_atomic(path, new, overwrite=True)
