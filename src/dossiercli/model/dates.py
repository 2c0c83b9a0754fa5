"""Dates as sources carry them: full or partial, approximate, uncertain, seasonal, ranges, BC, or words.

Sources are often dated only to the month or year, so a date is three fields of
which only the year is required. Researchers also meet "ca. 1750", "Spring 2007",
"1914–18", "44 BC" and "thirteenth century"; these are written in TOML as Extended
Date/Time Format (EDTF, ISO 8601-2) strings, the notation biblatex and Zotero use:

    2007-01-03   "2007-05"   "2007"         full and partial dates
    "2007~"      "2007?"     "2007%"        approximate (ca.), uncertain (?), both
    "2007-21"    … "2007-24"                Spring, Summer, Autumn, Winter 2007
    "1914/1918"  "2007-03-05/2007-04-02"    ranges
    "-0043"                                 44 BC (EDTF years are astronomical: 0 is 1 BC)
    {literal = "thirteenth century"}        anything else, kept as words

Parsed once from TOML (date, datetime, int, string or {literal}) into a value that
cannot be malformed afterwards.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SEASONS = ("Spring", "Summer", "Autumn", "Winter")  # EDTF 21-24; CSL seasons 1-4
EN_DASH = "\u2013"

_DATE_TEXT = re.compile(r"(-?\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?([~?%]?)")


class DateError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class PartialDate:
    year: int | None  # astronomical (0 = 1 BC); None only for a literal date
    month: int | None = None
    day: int | None = None
    season: int | None = None  # 1-4: Spring, Summer, Autumn, Winter (then `month` is None)
    approximate: bool = False  # "ca. 2007"
    uncertain: bool = False  # "2007?"
    end: PartialDate | None = None  # the last date of a range
    literal: str | None = None  # "thirteenth century": words that are not a calendar date

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read a TOML value: 2007-01-03, 2007-01-03T10:00:00, 2007, "2007-01", "2007", an EDTF string, {literal}."""
        if isinstance(value, dt.datetime):
            return cls(value.year, value.month, value.day)
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool):
            raise DateError(f"expected a date, got {value!r}")
        if isinstance(value, int):
            return cls._checked(value, None, None, str(value))
        if isinstance(value, dict):
            text = value.get("literal")
            if set(value) != {"literal"} or not isinstance(text, str) or not text.strip():
                raise DateError(f'{value!r}: a date table holds one text field, literal = "…"')
            return cls(None, literal=text.strip())
        if isinstance(value, str):
            text = value.strip()
            if "/" in text:
                start_text, _, end_text = text.partition("/")
                start, end = cls._parse_text(start_text, value), cls._parse_text(end_text, value)
                if end.earliest() < start.earliest():
                    raise DateError(f"{value!r}: the range ends before it starts")
                return cls(start.year, start.month, start.day, start.season, start.approximate, start.uncertain, end)
            return cls._parse_text(text, value)
        raise DateError(f"expected a date, got {type(value).__name__} {value!r}")

    @classmethod
    def _parse_text(cls, text: str, shown: str) -> PartialDate:
        match = _DATE_TEXT.fullmatch(text.strip())
        if not match:
            raise DateError(
                f"{shown!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY "
                '(EDTF: 2007~ circa, 2007? uncertain, 2007-21 spring, 1914/1918 range; {literal = "…"} for words)'
            )
        year = int(match.group(1))
        month, day = (int(g) if g else None for g in match.groups()[1:3])
        flag = match.group(4)
        season = None
        if month is not None and 21 <= month <= 24 and day is None:
            season, month = month - 20, None
        date = cls._checked(year, month, day, shown)
        return cls(date.year, date.month, date.day, season, flag in ("~", "%"), flag in ("?", "%"))

    @classmethod
    def _checked(cls, year: int, month: int | None, day: int | None, shown: str) -> PartialDate:
        if not -9999 <= year <= 9999:
            raise DateError(f"{shown!r}: year must have four digits")
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"{shown!r}: month must be 1-12 (21-24 for seasons)")
        if day is not None and month is not None:  # the pattern gives no day without a month
            last = calendar.monthrange(year if year > 0 else 2000 + year % 400, month)[1]
            if not 1 <= day <= last:
                raise DateError(f"{shown!r}: {MONTH_NAMES[month - 1]} {_year_words(year)} has {last} days")
        return cls(year, month, day)

    def sort_key(self) -> tuple[int, int, int]:
        """ "2007-05" sorts before "2007-05-09": a partial date comes first among the dates it spans."""
        if self.year is None:
            return (10000, 0, 0)  # words sort after every calendar date
        return (self.year, self.month or 0, self.day or 0)

    @property
    def precision(self) -> str:
        if self.literal is not None:
            return "literal"
        return "day" if self.day else "month" if self.month else "season" if self.season else "year"

    @property
    def is_plain(self) -> bool:
        """A calendar date (full or partial) of the common era with no qualifier: what every format can carry."""
        return (
            self.year is not None
            and self.year > 0
            and self.season is None
            and self.end is None
            and not self.approximate
            and not self.uncertain
        )

    def earliest(self) -> dt.date:
        """First day the date can mean; used for comparisons and sorting (words: the earliest date there is)."""
        if self.year is None or self.year < 1:
            return dt.date.min
        month = self.month or (3 * self.season - 2 if self.season else 1)
        return dt.date(self.year, month, self.day or 1)

    def latest(self) -> dt.date:
        """Last day the date can mean: "2007" may be any day of 2007; a range, any day up to its end."""
        if self.end is not None:
            return self.end.latest()
        if self.year is None or self.year < 1:
            return dt.date.min
        month = self.month or (3 * self.season if self.season else 12)
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def isoformat(self) -> str:
        """The EDTF text of the date ("2007-05-09", "2007~", "1914/1918"); a literal date's words."""
        if self.year is None:
            return self.literal or ""
        text = f"-{abs(self.year):04d}" if self.year < 0 else f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        elif self.season:
            text += f"-{20 + self.season}"
        text += (
            "%" if self.approximate and self.uncertain else "~" if self.approximate else "?" if self.uncertain else ""
        )
        if self.end is not None:
            text += "/" + self.end.isoformat()
        return text

    def to_toml(self) -> dt.date | str | dict:
        """Plain full dates as TOML dates, literal dates as {literal}, everything else as (EDTF) strings."""
        if self.literal is not None:
            return {"literal": self.literal}
        return self.earliest() if self.day and self.is_plain else self.isoformat()

    def year_text(self) -> str:
        """The year as a citation prints it: "2007", "ca. 2007", "2007?", "1914–18", "44 BC", or the words."""
        if self.year is None:
            return self.literal or ""
        text = _qualified(self, _year_words(self.year))
        if self.end is not None and self.end.year is not None and self.end.year != self.year:
            return text + EN_DASH + _qualified(self.end, _inclusive_year(self.year, self.end.year))
        return text

    def long(self) -> str:
        """'January 3, 2007', 'January 2007', 'Spring 2007', 'ca. 2007', 'March 5–April 2, 2007' (CMOS 6.38, 9.32, 9.64)."""
        if self.literal is not None:
            return self.literal
        if self.end is not None:
            return self._long_range()
        return _qualified(self, self._long_plain())

    def _long_plain(self) -> str:
        if self.year is None:
            return self.literal or ""
        year = _year_words(self.year)
        if self.season:
            return f"{SEASONS[self.season - 1]} {year}"
        if not self.month:
            return year
        month = MONTH_NAMES[self.month - 1]
        return f"{month} {self.day}, {year}" if self.day else f"{month} {year}"

    def _long_range(self) -> str:
        start, end = self, self.end
        assert end is not None and start.year is not None and end.year is not None  # a range has two calendar dates
        if start.precision == end.precision == "year" or start.year != end.year or start.approximate or end.approximate:
            if start.precision == end.precision == "year":
                return self.year_text()
            return f"{_qualified(start, start._long_plain())}{EN_DASH}{_qualified(end, end._long_plain())}"
        if start.day and end.day and start.month and end.month and start.month == end.month:
            return f"{MONTH_NAMES[start.month - 1]} {start.day}{EN_DASH}{end.day}, {_year_words(end.year)}"
        if start.day and end.day and start.month and end.month:
            return (
                f"{MONTH_NAMES[start.month - 1]} {start.day}{EN_DASH}"
                f"{MONTH_NAMES[end.month - 1]} {end.day}, {_year_words(end.year)}"
            )
        first = start._long_plain().rsplit(" ", 1)[0] if start.month or start.season else start._long_plain()
        return f"{first}{EN_DASH}{end._long_plain()}"

    def numeric(self) -> str:
        """'1/3/2007' as the seed's DATE column prints it; other dates as their EDTF text."""
        if self.day and self.is_plain:
            return f"{self.month}/{self.day}/{self.year}"
        return self.isoformat()

    def __str__(self) -> str:
        return self.isoformat()


def _qualified(date: PartialDate, text: str) -> str:
    if date.approximate:
        text = f"ca. {text}"
    return f"{text}?" if date.uncertain else text


def _year_words(year: int) -> str:
    """Years of the common era as digits; earlier ones as "44 BC" (EDTF's -0043: astronomical years)."""
    return str(year) if year > 0 else f"{1 - year} BC"


def _inclusive_year(start: int, end: int) -> str:
    """The end of a year range as CMOS 9.64 writes inclusive numbers: 1914–18, 1896–1904, 2000–2008."""
    if start < 1 or end < 1 or start // 100 != end // 100 or start % 100 == 0:
        return _year_words(end)
    if start % 100 < 10:  # 1903–8
        return str(end % 100)
    return f"{end % 100:02d}"
