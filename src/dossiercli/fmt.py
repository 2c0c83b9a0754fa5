"""Rewriting entry files in the canonical order and layout, keeping every comment.

The canonical layout is the one `model.toml_out.entry_to_toml` writes (so files made by
`add` and `import` are already formatted): scalar fields in canonical order, then one
[[author]]/[[editor]]… table per name, then the [[excerpts]] tables, a blank line
before each table. Values keep the form they were written in; a comment stays with
the field (or table entry) it stands above or beside; unknown fields are kept, after
the known ones (`validate` reports them). Built on tomlkit, which keeps comments.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import tomlkit
from tomlkit.exceptions import ParseError
from tomlkit.items import AoT, Array, Comment, InlineTable, Table, Whitespace

from dossiercli.atomic import write_atomic
from dossiercli.model.entry import CANONICAL_ORDER, NAME_FIELDS

_ORDER = {key: index for index, key in enumerate(CANONICAL_ORDER)}
_TABLE_ORDER = [*NAME_FIELDS, "excerpts"]


@dataclass
class FormatResult:
    path: Path
    original: str
    formatted: str | None  # None when the file cannot be read as TOML
    error: str | None = None
    line: int | None = None

    @property
    def changed(self) -> bool:
        return self.formatted is not None and self.formatted != self.original


def _kv(key, item) -> str:
    document = tomlkit.document()
    document.append(key, item)
    return document.as_string().strip()


def _table_lines(table: Table) -> list[str]:
    lines = []
    for key, item in table.value.body:
        if isinstance(item, Whitespace):
            continue
        if isinstance(item, Comment):
            lines.append(item.as_string().strip())
        elif key is not None:
            lines.append(_kv(key, item))
    return lines


def _as_tables(key: str, item) -> list[Table] | None:
    """Name lists and excerpts as tables, whether written [[author]] or author = [{…}]."""
    if isinstance(item, AoT):
        return list(item.body)
    if isinstance(item, InlineTable) and key in _TABLE_ORDER:
        item = [item]
    if isinstance(item, (Array, list)) and key in _TABLE_ORDER and item and all(isinstance(v, (InlineTable, dict)) for v in item):
        tables = []
        for value in item:
            table = tomlkit.table()
            for k, v in value.items():
                table.add(k, v)
            tables.append(table)
        return tables
    return None


def format_text(text: str) -> str:
    document = tomlkit.parse(text)
    body = list(document.body)
    header: list[str] = []
    # Comments at the very top, followed by a blank line, belong to the file, not to the first field.
    first_key = next((i for i, (k, _) in enumerate(body) if k is not None), len(body))
    blank = max((i for i in range(first_key) if isinstance(body[i][1], Whitespace)), default=None)
    if blank is not None and any(isinstance(body[i][1], Comment) for i in range(blank)):
        header = [body[i][1].as_string().strip() for i in range(blank) if isinstance(body[i][1], Comment)]
        body = body[blank + 1:]

    scalars, tables, pending = [], [], []
    for key, item in body:
        if key is None:
            if isinstance(item, Comment):
                pending.append(item.as_string().strip())
            continue
        name = key.key
        as_tables = _as_tables(name, item)
        if as_tables is not None:
            tables.append((name, pending, as_tables))
        else:
            scalars.append((name, pending, _kv(key, item)))
        pending = []

    scalars.sort(key=lambda s: _ORDER.get(s[0], len(_ORDER)))
    tables.sort(key=lambda t: _TABLE_ORDER.index(t[0]) if t[0] in _TABLE_ORDER else len(_TABLE_ORDER))
    lines = header + ([""] if header else [])
    for _, comments, line in scalars:
        lines += comments + [line]
    for name, comments, parts in tables:
        for index, table in enumerate(parts):
            lines.append("")
            if index == 0:
                lines += comments
            lines.append(f"[[{name}]]")
            lines += _table_lines(table)
    if pending:
        lines += [""] + pending
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines) + "\n"


def format_file(path: Path, write: bool = True) -> FormatResult:
    try:
        original = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return FormatResult(path, "", None, f"cannot read: {getattr(error, 'strerror', None) or error}")
    try:
        formatted = format_text(original)
    except ParseError as error:
        return FormatResult(path, original, None, f"invalid TOML: {error}", getattr(error, "line", None))
    result = FormatResult(path, original, formatted)
    if write and result.changed:
        write_atomic(path, formatted, overwrite=True)
    return result
