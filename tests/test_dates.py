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


@pytest.mark.parametrize(
    "value, long, year_text, edtf",
    [
        ("2007~", "ca. 2007", "ca. 2007", "2007~"),
        ("2007?", "2007?", "2007?", "2007?"),
        ("2007-05%", "ca. May 2007?", "ca. 2007?", "2007-05%"),
        ("2007-21", "Spring 2007", "2007", "2007-21"),
        ("2007-24", "Winter 2007", "2007", "2007-24"),
        ("1914/1918", "1914–18", "1914–18", "1914/1918"),
        ("1896/1904", "1896–1904", "1896–1904", "1896/1904"),
        ("1903/1908", "1903–8", "1903–8", "1903/1908"),
        ("2007-03-05/2007-03-09", "March 5–9, 2007", "2007", "2007-03-05/2007-03-09"),
        ("2007-03-05/2007-04-02", "March 5–April 2, 2007", "2007", "2007-03-05/2007-04-02"),
        ("2006-12-30/2007-01-02", "December 30, 2006–January 2, 2007", "2006–7", "2006-12-30/2007-01-02"),
        ("-0043", "44 BC", "44 BC", "-0043"),
        ("-0043-03-15", "March 15, 44 BC", "44 BC", "-0043-03-15"),
        ({"literal": "thirteenth century"}, "thirteenth century", "thirteenth century", "thirteenth century"),
    ],
)
def test_dates_as_researchers_meet_them(value, long, year_text, edtf):
    date = PartialDate.parse(value)
    assert (date.long(), date.year_text(), date.isoformat()) == (long, year_text, edtf)
    assert PartialDate.parse(date.to_toml()) == date  # what is written reads back the same


@pytest.mark.parametrize(
    "value", ["1918/1914", "2007-25", "2007~~", {"literal": ""}, {"literal": "x", "y": 1}, "2007/"]
)
def test_malformed_extended_dates_are_refused(value):
    with pytest.raises(DateError):
        PartialDate.parse(value)


def test_ranges_seasons_and_words_compare_sensibly():
    war = PartialDate.parse("1914/1918")
    assert (war.earliest(), war.latest()) == (dt.date(1914, 1, 1), dt.date(1918, 12, 31))
    autumn = PartialDate.parse("2007-23")
    assert (autumn.earliest(), autumn.latest()) == (dt.date(2007, 7, 1), dt.date(2007, 9, 30))
    words = PartialDate.parse({"literal": "undated, before 1950"})
    assert words.sort_key() > PartialDate(9999).sort_key()
    assert not words.is_plain and PartialDate(2007, 5).is_plain
