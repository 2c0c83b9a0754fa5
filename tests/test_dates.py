import datetime as dt

import pytest

from dossiercli.model.dates import DateError, PartialDate


@pytest.mark.parametrize(
    "value, expected",
    [
        (dt.date(2007, 1, 3), PartialDate(2007, 1, 3)),
        (dt.datetime(2007, 1, 3, 10, 30), PartialDate(2007, 1, 3)),
        ("2007-01-03", PartialDate(2007, 1, 3)),
        ("2007-05", PartialDate(2007, 5)),
        ("2007", PartialDate(2007)),
        (2007, PartialDate(2007)),
    ],
)
def test_toml_dates_and_strings_are_read(value, expected):
    assert PartialDate.parse(value) == expected


@pytest.mark.parametrize("value", ["2007-02-30", "2007-13", "07-01-03", "January 2007", "", True, 3.5, "2007-00"])
def test_impossible_or_malformed_dates_are_refused(value):
    with pytest.raises(DateError):
        PartialDate.parse(value)


def test_leap_day_exists_only_in_leap_years():
    assert PartialDate.parse("2008-02-29") == PartialDate(2008, 2, 29)
    with pytest.raises(DateError, match="28 days"):
        PartialDate.parse("2007-02-29")


def test_partial_dates_cover_a_range_of_days():
    may = PartialDate(2007, 5)
    assert may.earliest() == dt.date(2007, 5, 1)
    assert may.latest() == dt.date(2007, 5, 31)
    assert PartialDate(2007).latest() == dt.date(2007, 12, 31)


def test_long_and_numeric_forms():
    assert PartialDate(2007, 1, 3).long() == "January 3, 2007"
    assert PartialDate(2007, 9).long() == "September 2007"
    assert PartialDate(2007).long() == "2007"
    assert PartialDate(2007, 1, 3).numeric() == "1/3/2007"  # as the seed's DATE column


def test_full_dates_are_written_back_as_toml_dates_and_partial_ones_as_strings():
    assert PartialDate(2007, 1, 3).to_toml() == dt.date(2007, 1, 3)
    assert PartialDate(2007, 5).to_toml() == "2007-05"
