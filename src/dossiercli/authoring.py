"""Creating dossiers and entries from the terminal: the core behind `init`, `add` and `excerpt`.

Nothing here prompts or prints: the CLI gathers answers, these functions check them
with the same parser and rules as `validate`, and write atomically, never over an
existing file unless told.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import tomli
import tomli_w

from dossiercli.atomic import write_all, write_atomic
from dossiercli.errors import DossierError
from dossiercli.ids import base_id, unique_id
from dossiercli.load import CONFIG_FILE, ENTRIES_DIR, Dossier
from dossiercli.model.entry import ENTRY_TYPES, Entry
from dossiercli.model.names import Name
from dossiercli.model.parse import Problem, parse_entry
from dossiercli.model.toml_out import entry_to_toml
from dossiercli.validate import check_entry, squash

GITIGNORE = "# dossiercli's link-check cache\n.dossier-cache/\n"

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
    "letter": ("title", "publisher-place", "collection-title", "URL"),
    "manuscript": ("author", "genre", "issued", "collection-title", "URL"),
    "document": ("author", "genre", "publisher", "issued", "collection-title", "URL"),
}


def questions(entry_type: str, have) -> list[tuple[str, bool]]:
    """(field, required) for each field of this type not in `have`: the required ones first."""
    required = ENTRY_TYPES[entry_type].required
    asked = [(key, True) for key in required] + [(key, False) for key in OPTIONAL_FIELDS[entry_type]
                                                  if key not in required]
    asked.sort(key=lambda item: item[0] != "title")  # the title first, even where a type may go without one
    return [(key, needed) for key, needed in asked if key not in have]


def still_wanted(key: str, table: dict) -> bool:
    """Whether a question still makes sense given earlier answers (a series number only with a series)."""
    if key == "collection-number":
        return "collection-title" in table
    if key == "number" and table.get("type") in ("report", "book"):
        return "collection-number" not in table
    return True


def create_dossier(folder: Path, title: str, subtitle: str | None = None, authors: list[str] = (),
                   description: str | None = None) -> list[Path]:
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


def build_entry(table: dict, dossier: Dossier, entry_id: str | None = None,
                today: dt.date | None = None) -> tuple[Entry | None, list[Problem]]:
    """The entry these fields make, with every problem `validate` would report (errors and warnings)."""
    provisional, problems = parse_entry(table, entry_id or "new-entry")
    if provisional is None or any(p.code != "E016" for p in problems):
        return None, problems
    if entry_id is None:
        entry_id = unique_id(base_id(provisional), {e.id for e in dossier.entries})
    path = dossier.entries_dir / f"{entry_id}.toml"
    entry, problems = parse_entry(table, entry_id, path)
    problems += check_entry(entry, today or dt.date.today(), table.keys())
    return entry, problems


def write_entry(entry: Entry, force: bool = False) -> Path:
    if entry.path is None:
        raise DossierError("the entry has no file path")
    write_atomic(entry.path, entry_to_toml(entry), overwrite=force)
    return entry.path


def _toml_string(text: str) -> str:
    """A TOML string for `text`: multi-line when it has line breaks."""
    return tomli_w.dumps({"x": text}, multiline_strings=True).split("=", 1)[1].strip()


def append_excerpt(path: Path, text: str, highlights: list[str], label: str | None = None,
                   locator: str | None = None) -> None:
    """Add an [[excerpts]] table at the end of an entry file, leaving every existing line as it was."""
    if not text.strip():
        raise DossierError("the excerpt is empty", path)
    missing = [h for h in highlights if squash(h) not in squash(text)]
    if missing:
        raise DossierError(f"highlight {missing[0]!r} does not occur in the excerpt", path)
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
    try:
        _, problems = parse_entry(tomli.loads(new), path.stem, path)
    except tomli.TOMLDecodeError as error:
        raise DossierError(f"the file would not be valid TOML ({error}); left unchanged", path) from None
    if problems:
        raise DossierError(f"{problems[0].code} {problems[0].message}; left unchanged", path)
    write_atomic(path, new, overwrite=True)
