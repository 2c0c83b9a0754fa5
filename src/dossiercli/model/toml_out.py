"""Writing an entry as the canonical TOML file that `add` and `import` produce.

Layout: scalar fields in the canonical order (see docs/entry-format.md); lists (`tags`,
`highlights`) on one line, or one value per line when two or more values do not fit in
LINE_WIDTH characters; then one [[author]] / [[editor]] … table per name, then one
[[excerpts]] table per excerpt, its text as a multi-line string when it has line breaks.
`fmt` produces exactly this layout, so what `add` and `import` write is already formatted.
"""

from __future__ import annotations

import tomli_w

from dossiercli.model.entry import EXTRA_FIELD, NAME_FIELDS, Entry

LINE_WIDTH = 100


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
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):  # an inline table: a literal date, {literal = "thirteenth century"}
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    return tomli_w.dumps({"x": value}, multiline_strings=True).split("=", 1)[1].strip()


def entry_to_toml(entry: Entry) -> str:
    return table_to_toml(entry.to_toml_dict())


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
