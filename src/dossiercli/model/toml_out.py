"""Writing an entry as the canonical TOML file that `add` and `import` produce.

Layout: scalar fields in the canonical order (see docs/entry-format.md), `tags` as an
inline list, then one [[author]] / [[editor]] … table per name, then one [[excerpts]]
table per excerpt, its text as a multi-line string when it has line breaks.
"""

from __future__ import annotations

import tomli_w

from dossiercli.model.entry import NAME_FIELDS, Entry


def _value(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    return tomli_w.dumps({"x": value}, multiline_strings=True).split("=", 1)[1].strip()


def entry_to_toml(entry: Entry) -> str:
    data = entry.to_toml_dict()
    lines: list[str] = []
    tables: list[str] = []
    for key, value in data.items():
        if key in NAME_FIELDS:
            for name in value:
                tables.append(f"\n[[{key}]]")
                tables.extend(f"{k} = {_value(v)}" for k, v in name.items())
        elif key == "excerpts":
            for excerpt in value:
                tables.append("\n[[excerpts]]")
                tables.extend(f"{k} = {_value(v)}" for k, v in excerpt.items())
        else:
            lines.append(f"{key if key.replace('-', '').replace('_', '').isalnum() else _value(key)} = {_value(value)}")
    return "\n".join(lines + tables) + "\n"
