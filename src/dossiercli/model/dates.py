"""Partial dates: a year, a year and month, or a full date.

Sources are often dated only to the month or year, so a date is three fields of
which only the year is required. Parsed once from TOML (date, datetime, int or
string) into a value that cannot be malformed afterwards.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

_DATE_TEXT = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


class DateError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read a TOML value: 2007-01-03, 2007-01-03T10:00:00, 2007, "2007-01", "2007"."""
        if isinstance(value, dt.datetime):
            return cls(value.year, value.month, value.day)
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool):
            raise DateError(f"expected a date, got {value!r}")
        if isinstance(value, int):
            return cls._checked(value, None, None, str(value))
        if isinstance(value, str):
            text = value.strip()
            match = _DATE_TEXT.fullmatch(text)
            if not match:
                raise DateError(f"{value!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY")
            month, day = (int(g) if g else None for g in match.groups()[1:])
            return cls._checked(int(match.group(1)), month, day, value)
        raise DateError(f"expected a date, got {type(value).__name__} {value!r}")

    @classmethod
    def _checked(cls, year: int, month: int | None, day: int | None, shown: str) -> PartialDate:
        if not 1 <= year <= 9999:
            raise DateError(f"{shown!r}: year must have four digits")
        if month is not None and not 1 <= month <= 12:
            raise DateError(f"{shown!r}: month must be 1-12")
        if day is not None and month is not None:  # the pattern gives no day without a month
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise DateError(f"{shown!r}: {MONTH_NAMES[month - 1]} {year} has {last} days")
        return cls(year, month, day)

    def sort_key(self) -> tuple[int, int, int]:
        """"2007-05" sorts before "2007-05-09": a partial date comes first among the dates it spans."""
        return (self.year, self.month or 0, self.day or 0)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def earliest(self) -> dt.date:
        """First day the date can mean; used for comparisons and sorting."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """Last day the date can mean: "2007" may be any day of 2007."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def isoformat(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

    def to_toml(self) -> dt.date | str:
        """Full dates as TOML dates, partial ones as strings."""
        return self.earliest() if self.day else self.isoformat()

    def long(self) -> str:
        """'January 3, 2007', 'January 2007', '2007' (CMOS 6.38, 9.32)."""
        if not self.month:
            return str(self.year)
        month = MONTH_NAMES[self.month - 1]
        return f"{month} {self.day}, {self.year}" if self.day else f"{month} {self.year}"

    def numeric(self) -> str:
        """'1/3/2007' as the seed's DATE column prints it; partial dates as ISO."""
        if self.day:
            return f"{self.month}/{self.day}/{self.year}"
        return self.isoformat()

    def __str__(self) -> str:
        return self.isoformat()
