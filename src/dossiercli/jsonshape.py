"""Checks of JSON read from outside before anything uses it: text that is not text, depth.

`json.loads` accepts escapes of lone surrogates (`"\\ud800"`): the string it returns cannot be written
as UTF-8, so a record holding one would fail when written (an entry file, a pandoc document, a terminal
line). Each reader of JSON asks `lone_surrogate` first and refuses the record with the reason.
"""

from __future__ import annotations

import re

_SURROGATE = re.compile(r"[\ud800-\udfff]")


def lone_surrogate(value, where: str = "") -> str | None:
    """Where in `value` (keys too) a lone surrogate is, as a path (`title`, `author[0].family`); None if nowhere.

    Walks without recursion: a document may be nested deeper than Python's stack."""
    stack: list[tuple[object, str]] = [(value, where)]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return path or "(the value)"
        elif isinstance(item, dict):
            for key, inner in item.items():
                if isinstance(key, str) and _SURROGATE.search(key):
                    return f"{path}.{key!r}" if path else repr(key)
                stack.append((inner, f"{path}.{key}" if path else str(key)))
        elif isinstance(item, list):
            stack.extend((inner, f"{path}[{index}]") for index, inner in enumerate(item))
    return None


def surrogate_reason(path: str) -> str:
    return f"{path} holds a lone surrogate (a \\ud800-\\udfff escape that is half a character, not text)"
