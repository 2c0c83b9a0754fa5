"""Fields real libraries carry (citation-key, number-of-volumes, roles, [extra]): parsed, written, formatted, exported."""

import json

import jsonschema
import tomli

from conftest import FIXTURES
from dossiercli.fmt import format_text
from dossiercli.formats.csljson import read_csljson, to_csl
from dossiercli.model.entry import ALL_FIELDS, CANONICAL_ORDER
from dossiercli.model.parse import parse_entry
from dossiercli.model.toml_out import entry_to_toml

SCHEMA = json.loads((FIXTURES.parent / "data" / "csl-data.json").read_text())

LIBRARY_RECORD = """\
type = "book"
citation-key = "Smith2001"
title = "A History of Things"
volume-title = "The Early Years"
publisher = "Pub"
issued = 2001
original-date = 1950
ISSN = "1234-5678"
number-of-volumes = 3
archive = "Hoover Institution Archives"
archive_location = "Box 4, folder 2"
abstract = "What the book says."

[extra]
langid = "english"
file = "smith.pdf"

[[author]]
family = "Smith"
given = "John"

[[director]]
family = "Doe"
given = "Jane"

[[recipient]]
literal = "Ministry of Things"
"""


def parsed(text: str):
    entry, problems = parse_entry(tomli.loads(text), "smith2001-history")
    assert problems == []
    return entry


def test_every_field_is_written_in_canonical_order():
    assert set(ALL_FIELDS) == set(CANONICAL_ORDER)


def test_library_fields_are_parsed_into_typed_values():
    entry = parsed(LIBRARY_RECORD)
    assert entry.citation_key == "Smith2001"
    assert entry.number_of_volumes == "3"
    assert entry.original_date.year == 1950
    assert [name.family for name in entry.directors] == ["Doe"]
    assert entry.recipients[0].literal == "Ministry of Things"
    assert entry.extra == (("langid", "english"), ("file", "smith.pdf"))


def test_the_written_file_is_already_formatted_and_reads_back_the_same():
    entry = parsed(LIBRARY_RECORD)
    text = entry_to_toml(entry)
    assert format_text(text) == text
    assert '\n[extra]\nlangid = "english"\n' in text
    assert parsed(text) == entry


def test_an_inline_extra_table_is_formatted_as_its_own_table():
    text = 'type = "book"\ntitle = "B"\nextra = {langid = "english"}\npublisher = "P"\n'
    assert format_text(text) == 'type = "book"\ntitle = "B"\npublisher = "P"\n\n[extra]\nlangid = "english"\n'


def test_extra_values_must_be_text():
    _, problems = parse_entry({"type": "book", "title": "B", "extra": {"file": ["a", "b"]}}, "b")
    assert [problem.code for problem in problems] == ["E011"]
    _, problems = parse_entry({"type": "book", "title": "B", "extra": "langid=english"}, "b")
    assert [problem.code for problem in problems] == ["E011"]


def test_csl_json_carries_every_library_field_and_extra_back():
    entry = parsed(LIBRARY_RECORD)
    item = to_csl(entry)
    assert item["number-of-volumes"] == "3" and item["ISSN"] == "1234-5678"
    assert item["original-date"] == {"date-parts": [[1950]]}
    assert item["director"] == [{"family": "Doe", "given": "Jane"}]
    csl_1_0_2 = {"citation-key", "volume-title", "part-number", "host", "guest"}  # newer than the 1.0.1 schema we hold
    schema_item = {key: value for key, value in item.items() if key not in csl_1_0_2}
    jsonschema.validate([schema_item], SCHEMA)
    records, failures = read_csljson(json.dumps([item]))
    assert failures == []
    back, problems = parse_entry(records[0].table, entry.id)
    assert problems == []
    assert back.extra == entry.extra and back.citation_key == "Smith2001" and back.directors == entry.directors
