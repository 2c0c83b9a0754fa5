"""Impossible bare TOML dates (`issued = 2007-02-30`): read as strings, so the entry's own checks explain them.

The TOML parser rejects the whole file for one impossible date ("Invalid date or
datetime"), which would hide every other finding in it behind a generic E004. A line
`key = YYYY-MM-DD` (optionally with a time) whose date cannot exist is quoted here, and
the file read again: the date then reaches parse_entry as text and is reported as
E020 "February 2007 has 28 days" on its line, beside the file's other findings.
"""

from __future__ import annotations

import datetime as dt
import re

_BARE_DATE = re.compile(
    r"""^(?P<lead>[ \t]*(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')[ \t]*=[ \t]*)"""
    r"""(?P<value>(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?)"""
    r"""(?P<rest>[ \t]*(?:#.*)?)$""",
    re.M,
)


def _possible(match: re.Match) -> bool:
    try:
        dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return False
    return True


def quote_impossible_dates(text: str) -> str:
    """`text` with each impossible bare date on a `key = …` line quoted; unchanged if there is none."""
    if "-" not in text:
        return text
    return _BARE_DATE.sub(lambda m: m.group(0) if _possible(m) else f'{m["lead"]}"{m["value"]}"{m["rest"]}', text)
