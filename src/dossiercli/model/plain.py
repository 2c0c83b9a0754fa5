"""An entry as plain data (lists, strings, integers, booleans, None) and back: what the read cache keeps.

The cache must be data, never code (issue 24): no pickle. An entry is written as a flat list,
`[id, type, title, slot, value, slot, value, …]`, holding only the fields that are set, where
`slot` is the field's index in `Entry` and `value` is in the plain form of the field's kind:

    text      "…"
    date      [year, month, day, season, approximate, uncertain, end, literal]  (end: a date or None)
    names     [[family, given, suffix, particle, dropping_particle, literal], …]
    tags      ["…", …]
    extra     [["field", "value"], …]
    excerpts  [[text, [highlight, …], label, locator, note], …]

`entry_from_plain` checks every value's type and shape as it rebuilds the entry and raises
`ValueError` on anything else, so that whatever a cache file holds, it gives the entry that was
written or no entry at all (the caller then reads the file again).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from dossiercli.model.dates import PartialDate
from dossiercli.model.entry import DATE_FIELDS, ENTRY_TYPES, NAME_FIELDS, TEXT_FIELDS, Entry, Excerpt
from dossiercli.model.names import Name


def builder(cls: type) -> Callable[[dict], Any]:
    """A constructor of the frozen slots dataclass `cls` from a dict of its field values, ~10x faster than `cls(**values)`.

    A frozen dataclass's `__init__` sets each field through `object.__setattr__`, a slow call per
    field: reading 10,000 entry files built 10,000 Entry objects of 80 fields that way, which cost
    more than parsing their TOML. Here the fields are set by plain attribute stores on a twin class
    with the same slots and no frozen `__setattr__`, and the object then becomes a `cls` (Python
    allows `__class__` assignment between classes of the same layout). The model's classes have no
    `__post_init__`, which this refuses; a field missing from `values` takes its default, a required
    one missing raises KeyError. If the twin cannot stand in (another layout), `cls(**values)` is used.
    """
    fields = dataclasses.fields(cls)
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} cannot be built without its __init__")
    twin = type(f"_{cls.__name__}Twin", (), {"__slots__": tuple(field.name for field in fields)})
    namespace: dict[str, Any] = {"new": object.__new__, "twin": twin, "cls": cls}
    lines = ["def build(values):", "    made = new(twin)", "    get = values.get"]
    for index, field in enumerate(fields):
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            lines.append(f"    made.{field.name} = values[{field.name!r}]")
        else:
            factory: Any = field.default_factory
            namespace[f"default{index}"] = field.default if field.default is not dataclasses.MISSING else factory()
            lines.append(f"    made.{field.name} = get({field.name!r}, default{index})")
    lines += ["    made.__class__ = cls", "    return made"]
    exec("\n".join(lines), namespace)  # noqa: S102 - our own source, generated from the class's fields
    build = namespace["build"]
    try:
        sample = {field.name: None for field in fields}
        if build(sample) != cls(**sample):
            raise TypeError("not the same object")
    except TypeError:  # a layout the twin cannot take (a __weakref__ slot, a base class): the slow way
        return lambda values: cls(**values)
    return build


build_entry = builder(Entry)
build_name = builder(Name)
build_excerpt = builder(Excerpt)
build_date = builder(PartialDate)

_SLOTS: tuple[str, ...] = tuple(field.name for field in dataclasses.fields(Entry))
_TEXT = frozenset(TEXT_FIELDS.values())
_DATES = frozenset(DATE_FIELDS.values())
_NAMES = frozenset(NAME_FIELDS.values())
_SKIPPED = ("id", "type", "title", "path")  # the first three are written first; the path is the reader's
_WRITTEN = tuple((slot, name) for slot, name in enumerate(_SLOTS) if name not in _SKIPPED)


def _date(date: PartialDate) -> list:
    end = date.end
    return [
        date.year,
        date.month,
        date.day,
        date.season,
        date.approximate,
        date.uncertain,
        None if end is None else _date(end),
        date.literal,
    ]


def _name(name: Name) -> list:
    return [name.family, name.given, name.suffix, name.particle, name.dropping_particle, name.literal]


def _excerpt(excerpt: Excerpt) -> list:
    return [excerpt.text, list(excerpt.highlights), excerpt.label, excerpt.locator, excerpt.note]


def entry_to_plain(entry: Entry) -> list:
    """The entry (without its path) as a flat list of plain values."""
    data: list = [entry.id, entry.type, entry.title]
    for slot, name in _WRITTEN:
        value = getattr(entry, name)
        if value is None or value == ():
            continue
        if name in _TEXT:
            data += (slot, value)
        elif name in _DATES:
            data += (slot, _date(value))
        elif name in _NAMES:
            data += (slot, [_name(item) for item in value])
        elif name == "tags":
            data += (slot, list(value))
        elif name == "extra":
            data += (slot, [[key, text] for key, text in value])
        elif name == "excerpts":
            data += (slot, [_excerpt(item) for item in value])
        else:  # a new kind of field: refuse rather than keep it wrongly
            raise TypeError(f"no plain form for Entry.{name}")
    return data


def _text(value: object) -> str:
    if type(value) is not str:
        raise ValueError("not text")
    return value


def _optional_text(value: object) -> str | None:
    if value is not None and type(value) is not str:
        raise ValueError("not text or None")
    return value


def _int(value: object) -> int | None:
    if value is not None and type(value) is not int:
        raise ValueError("not an integer or None")
    return value


def _bool(value: object) -> bool:
    if type(value) is not bool:
        raise ValueError("not a boolean")
    return value


def _date_from(value: object, depth: int = 0) -> PartialDate:
    if type(value) is not list or len(value) != 8 or depth > 1:
        raise ValueError("not a date")
    year, month, day, season, approximate, uncertain, end, literal = value
    return build_date(
        {
            "year": _int(year),
            "month": _int(month),
            "day": _int(day),
            "season": _int(season),
            "approximate": _bool(approximate),
            "uncertain": _bool(uncertain),
            "end": None if end is None else _date_from(end, depth + 1),
            "literal": _optional_text(literal),
        }
    )


def _names_from(value: object) -> tuple[Name, ...]:
    if type(value) is not list:
        raise ValueError("not a list of names")
    names = []
    for item in value:
        if type(item) is not list or len(item) != 6:
            raise ValueError("not a name")
        family, given, suffix, particle, dropping, literal = map(_optional_text, item)
        names.append(
            build_name(
                {
                    "family": family,
                    "given": given,
                    "suffix": suffix,
                    "particle": particle,
                    "dropping_particle": dropping,
                    "literal": literal,
                }
            )
        )
    return tuple(names)


def _texts_from(value: object) -> tuple[str, ...]:
    if type(value) is not list or not all(type(item) is str for item in value):
        raise ValueError("not a list of text")
    return tuple(value)


def _extra_from(value: object) -> tuple[tuple[str, str], ...]:
    if type(value) is not list:
        raise ValueError("not a list of pairs")
    pairs = []
    for item in value:
        if type(item) is not list or len(item) != 2:
            raise ValueError("not a pair")
        pairs.append((_text(item[0]), _text(item[1])))
    return tuple(pairs)


def _excerpts_from(value: object) -> tuple[Excerpt, ...]:
    if type(value) is not list:
        raise ValueError("not a list of excerpts")
    excerpts = []
    for item in value:
        if type(item) is not list or len(item) != 5:
            raise ValueError("not an excerpt")
        text, highlights, label, locator, note = item
        excerpts.append(
            build_excerpt(
                {
                    "text": _text(text),
                    "highlights": _texts_from(highlights),
                    "label": _optional_text(label),
                    "locator": _optional_text(locator),
                    "note": _optional_text(note),
                }
            )
        )
    return tuple(excerpts)


def _reader(name: str):
    if name in _TEXT:
        return _text
    if name in _DATES:
        return _date_from
    if name in _NAMES:
        return _names_from
    return {"tags": _texts_from, "extra": _extra_from, "excerpts": _excerpts_from}[name]


_READERS: dict[int, tuple[str, object]] = {slot: (name, _reader(name)) for slot, name in _WRITTEN}


def entry_from_plain(data: object) -> Entry:
    """The entry `entry_to_plain` wrote; ValueError for anything of another shape."""
    if type(data) is not list or len(data) < 3 or len(data) % 2 == 0:
        raise ValueError("not an entry")
    entry_id, kind, title = data[0], data[1], data[2]
    if type(entry_id) is not str or type(title) is not str or type(kind) is not str or kind not in ENTRY_TYPES:
        raise ValueError("not an entry")
    values = {}
    for index in range(3, len(data), 2):
        slot = data[index]
        if type(slot) is not int or slot not in _READERS:
            raise ValueError("not a field of an entry")
        name, read = _READERS[slot]
        if name in values:
            raise ValueError("a field twice")
        values[name] = read(data[index + 1])  # type: ignore[operator]
    values["id"], values["type"], values["title"] = entry_id, kind, title
    return build_entry(values)
