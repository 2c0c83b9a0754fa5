"""Writing an entry as the canonical TOML file that `add` and `import` produce.

Layout: scalar fields in the canonical order (see docs/entry-format.md); lists (`tags`,
`highlights`) on one line, or one value per line when two or more values do not fit in
LINE_WIDTH characters; then one [[author]] / [[editor]] … table per name, then one
[[excerpts]] table per excerpt, its text as a multi-line string when it has line breaks.
`fmt` produces exactly this layout, so what `add` and `import` write is already formatted.
"""

from __future__ import annotations

import datetime as dt
import re

import tomli_w

from dossiercli.model.entry import (
    CANONICAL_ORDER,
    DATE_FIELDS,
    EXTRA_FIELD,
    NAME_FIELDS,
    TEXT_FIELDS,
    Entry,
    _excerpt_table,
)

LINE_WIDTH = 100
# A string tomli-w writes as it is, between double quotes: no quote, backslash, line break or control
# character but tab. Such strings (nearly all) are written here; the rest by tomli-w.
_PLAIN_STRING = re.compile(r'[^"\\\x00-\x08\x0a-\x1f\x7f]*')


def _key(key: str) -> str:
    """A bare key where TOML allows one, else a one-line quoted key (a key cannot be a multi-line string)."""
    return key if key.replace("-", "").replace("_", "").isalnum() and key.isascii() else tomli_w.dumps({key: 0})[:-5]


def _assignment(key: str, value) -> str:
    """`key = value`; a list that does not fit on one line gets one value per line."""
    name = _key(key)
    line = f"{name} = {_value(value)}"
    if isinstance(value, list) and len(value) > 1 and len(line) > LINE_WIDTH:
        line = f"{name} = [\n" + "".join(f"    {_value(item)},\n" for item in value) + "]"
    return line


def _value(value) -> str:
    kind = type(value)
    if kind is str:
        if _PLAIN_STRING.fullmatch(value):
            return f'"{value}"'
    elif kind is dt.date:
        return value.isoformat()
    elif kind is int:
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):  # an inline table: a literal date, {literal = "thirteenth century"}
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    return tomli_w.dumps({"x": value}, multiline_strings=True).split("=", 1)[1].strip()


def entry_to_toml(entry: Entry) -> str:
    return table_to_toml(entry_table(entry))


_TEXT_ATTRS = frozenset(TEXT_FIELDS)
_PLAN = tuple(
    (key, TEXT_FIELDS.get(key) or DATE_FIELDS.get(key) or NAME_FIELDS.get(key) or key) for key in CANONICAL_ORDER
)


def entry_table(entry: Entry) -> dict:
    """`Entry.to_toml_dict()`, read by attribute in one pass (the write path of `import` calls it per record)."""
    data: dict = {}
    for key, attr in _PLAN:
        value = getattr(entry, attr)
        if not value:
            continue
        if key in _TEXT_ATTRS or key == "type":
            data[key] = value
        elif key in DATE_FIELDS:
            data[key] = value.to_toml()
        elif key in NAME_FIELDS:
            data[key] = [name.to_table() for name in value]
        elif key == "tags":
            data[key] = list(value)
        elif key == EXTRA_FIELD:
            data[key] = dict(value)
        elif key == "excerpts":
            data[key] = [_excerpt_table(excerpt) for excerpt in value]
        else:
            data[key] = value
    return data


def table_to_toml(data: dict) -> str:
    """An entry table as file text in the canonical layout, its fields in the order given."""
    lines: list[str] = []
    tables: list[str] = []
    for key, value in data.items():
        if key == EXTRA_FIELD and isinstance(value, dict):
            tables.append(f"\n[{EXTRA_FIELD}]")
            tables.extend(_assignment(k, v) for k, v in value.items())
        elif key in NAME_FIELDS or key == "excerpts":
            for table in value:
                tables.append(f"\n[[{key}]]")
                tables.extend(_assignment(k, v) for k, v in table.items())
        else:
            lines.append(_assignment(key, value))
    return "\n".join(lines + tables) + "\n"
