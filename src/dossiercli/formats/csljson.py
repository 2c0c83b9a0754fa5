"""CSL-JSON out: an entry as a CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html).

Field names are already CSL's, so this maps types (through ENTRY_TYPES' csl_type and
csl_genre), dates (to date-parts) and names; dossier-only fields (excerpts, tags,
archive_url) are left out, `note` is kept.
"""

from __future__ import annotations

from dossiercli.model.dates import PartialDate
from dossiercli.model.entry import DATE_FIELDS, NAME_FIELDS, TEXT_FIELDS, Entry

_NOT_CSL = frozenset({"archive_url"})


def date_parts(date: PartialDate) -> dict:
    parts = [date.year] + ([date.month] if date.month else []) + ([date.day] if date.day else [])
    return {"date-parts": [parts]}


def name_item(name) -> dict:
    return name.to_table()


def to_csl(entry: Entry) -> dict:
    entry_type = entry.entry_type
    item: dict = {"id": entry.id, "type": entry_type.csl_type}
    for key, attr in TEXT_FIELDS.items():
        value = getattr(entry, attr)
        if value is not None and key not in _NOT_CSL:
            item[key] = value
    if entry_type.csl_genre and "genre" not in item:
        item["genre"] = entry_type.csl_genre
    if entry.type == "wire-story" and "container-title" not in item and entry.publisher:
        item["container-title"] = entry.publisher
    for key, attr in DATE_FIELDS.items():
        value = getattr(entry, attr)
        if value is not None:
            item[key] = date_parts(value)
    for key, attr in NAME_FIELDS.items():
        names = getattr(entry, attr)
        if names:
            item[key] = [name_item(name) for name in names]
    return item
